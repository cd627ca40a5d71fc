"""One engine for every bulk action: resolve the selection within the caller's classes,
answer at once up to 500 contacts, else store the ids in batches and run them as a job
whose progress and report live in PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cardfile.access.principal import Principal
from cardfile.errors import Invalid
from cardfile.jobs.core import start_job
from cardfile.jobs.models import JobRecord
from cardfile.modules.bulk.actions import ACTIONS, LABELS, Outcome
from cardfile.modules.bulk.models import BulkBatch, BulkRun
from cardfile.modules.contacts.custom_fields import validate_custom
from cardfile.modules.contacts.service import class_for, selected_ids
from cardfile.modules.owners.people import check_members

AT_ONCE = 500  # contacts answered in the request; more run as a job
BATCH = 500


def _check_params(
    session: Session, principal: Principal, action: str, params: dict[str, Any]
) -> dict[str, Any]:
    """Validated once, before any contact changes (a job does not fail half way)."""
    if action == "set_class":
        return {"contact_class_id": class_for(session, principal, params["contact_class_id"])}
    if action == "set_field":
        key = params["key"]
        try:
            cleaned = validate_custom(session, {key: params.get("value")})
        except Invalid as error:
            raise Invalid.field("params.value", _first(error)) from error
        return {"key": key, "value": cleaned.get(key)}
    if action == "set_owners":
        check_members(session, principal.workspace_id, params["user_ids"], "params.user_ids")
    return params


def _first(error: Invalid) -> str:
    messages = [m for ms in error.errors.values() for m in ms] if error.errors else []
    return messages[0] if messages else str(error)


def resolve(session: Session, principal: Principal, action: str, selection: dict) -> list[int]:
    ids = selected_ids(principal, selection, deleted=action == "restore")
    return list(session.scalars(ids.order_by(ids.selected_columns[0])))


def report(action: str, total: int, outcomes: list[dict[str, int]]) -> dict[str, Any]:
    """Exact counts: changed, already in that state, skipped because no longer visible
    (and, for a restore, skipped because a live contact took the email)."""
    summed = {k: sum(o.get(k, 0) for o in outcomes) for k in ("changed", "unchanged", "conflicts")}
    handled = summed["changed"] + summed["unchanged"] + summed["conflicts"]
    return {"action": action, "total": total, **summed, "skipped": total - handled}


def apply_batch(
    session: Session, principal: Principal, action: str, params: dict[str, Any], ids: list[int]
) -> dict[str, int]:
    """Run `action` on the ids of one batch that the principal may still see."""
    selection = {"ids": ids}
    visible = resolve(session, principal, action, selection) if ids else []
    outcome: Outcome = ACTIONS[action](session, visible, params, principal.actor)
    return {
        "changed": outcome.changed,
        "unchanged": outcome.unchanged,
        "conflicts": outcome.conflicts,
    }


def run_bulk(
    session: Session, principal: Principal, data: dict[str, Any]
) -> dict[str, Any] | JobRecord:
    """The report (up to 500 contacts), or the job that will write it."""
    action = data["action"]
    params = _check_params(session, principal, action, data.get("params") or {})
    selection = {k: data[k] for k in ("ids", "filter") if k in data}
    ids = resolve(session, principal, action, selection)
    total = len(data["ids"]) if "ids" in data else len(ids)
    if len(ids) <= AT_ONCE:
        return report(action, total, [apply_batch(session, principal, action, params, ids)])
    run = BulkRun(action=action, params=params, total=total, created_by=principal.user_id)
    session.add(run)
    session.flush()
    session.add_all(
        BulkBatch(run_id=run.id, number=n, contact_ids=ids[i : i + BATCH])
        for n, i in enumerate(range(0, len(ids), BATCH))
    )
    from cardfile.modules.bulk.jobs import run_bulk_job

    return start_job(
        session,
        run_bulk_job,
        kind=f"bulk_{action}",
        label=LABELS[action].format(**{k: v for k, v in params.items() if isinstance(v, str)}),
        created_by=principal.user_id,
        run_id=run.id,
        user_id=principal.user_id,
    )


def batches_left(session: Session, run_id: int) -> list[BulkBatch]:
    return list(
        session.scalars(
            select(BulkBatch)
            .where(BulkBatch.run_id == run_id, BulkBatch.done_at.is_(None))
            .order_by(BulkBatch.number)
        )
    )


def run_report(session: Session, run: BulkRun) -> dict[str, Any]:
    results = session.scalars(
        select(BulkBatch.result).where(BulkBatch.run_id == run.id, BulkBatch.result.is_not(None))
    )
    return report(run.action, run.total, list(results))
