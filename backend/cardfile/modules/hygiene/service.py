"""List hygiene runs: start one for the workspace or a selection, check its contacts in
batches (jobs.py), find duplicate addresses in SQL, and read runs back within the caller's
contact classes. No Flask here."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    delete,
    func,
    insert,
    literal,
    literal_column,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import Session

from cardfile.access.filters import visible_contacts
from cardfile.access.principal import Principal
from cardfile.db.base import utcnow
from cardfile.db.bulk import insert_rows, unnest_rows
from cardfile.db.pagination import Page, paginate
from cardfile.db.settings import upsert_settings
from cardfile.errors import NotFound
from cardfile.jobs.core import start_job
from cardfile.jobs.models import JobRecord
from cardfile.modules.contacts.models import Contact
from cardfile.modules.contacts.service import selected_ids
from cardfile.modules.hygiene.checks import Verdict, check_batch
from cardfile.modules.hygiene.dns import DomainChecker
from cardfile.modules.hygiene.models import (
    DEFAULT_SCHEDULE,
    HygieneChange,
    HygieneDuplicate,
    HygieneRun,
    HygieneSettings,
)

BATCH = 5_000
FIRST_CHANGES = 100  # listed with the run; the rest at runs/{id}/changes
FIRST_GROUPS = 100
GROUP_CONTACTS = 20  # contacts shown per duplicate group
# The job's status, in the run's words.
RUN_STATUS = {"queued": "queued", "started": "running"}
INTERVALS = {"daily": timedelta(days=1), "weekly": timedelta(days=7), "monthly": timedelta(days=30)}
# The nightly check runs once a day at a fixed time: a run started a little less than a full
# interval ago is due again, so "daily" does not slip to every other day.
SLACK = timedelta(hours=2)
GMAIL_DOMAINS = ("gmail.com", "googlemail.com")


# ---- scope ------------------------------------------------------------------------------------


def scoped_ids(principal: Principal, scope: dict[str, Any]) -> Select[Any]:
    """Ids of the live contacts with an address in the run's scope that the principal sees:
    the workspace (all its contacts for a scheduled run), or a selection."""
    if "ids" in scope or "filter" in scope:
        stmt = selected_ids(principal, {k: scope[k] for k in ("ids", "filter") if k in scope})
    else:
        stmt = select(Contact.id).where(visible_contacts(principal, Contact))
    return stmt.where(Contact.email.is_not(None), Contact.email != "")


def start_run(
    session: Session, principal: Principal | None, scope: dict[str, Any], trigger: str = "manual"
) -> tuple[HygieneRun, JobRecord]:
    """A run and the job that will do it (enqueued when the session commits)."""
    from cardfile.modules.hygiene.jobs import run_hygiene

    user_id = principal.user_id if principal is not None else None
    run = HygieneRun(scope=scope, trigger=trigger, created_by=user_id, by_status={}, by_reason={})
    session.add(run)
    session.flush()
    what = "the workspace" if "ids" not in scope and "filter" not in scope else "a selection"
    record = start_job(
        session,
        run_hygiene,
        kind="hygiene",
        label=f"List hygiene: {what}" + (" (scheduled)" if trigger == "schedule" else ""),
        created_by=user_id,
        run_id=run.id,
    )
    run.job_id = record.id
    return run, record


# ---- one batch --------------------------------------------------------------------------------


def reason_code(verdict: Verdict) -> str | None:
    return verdict.rejected or verdict.flagged or ("unverified" if verdict.unverified else None)


def next_batch(session: Session, principal: Principal, run: HygieneRun) -> list[Any]:
    """(id, email, status, reason) of the next contacts after the run's cursor, in id order."""
    stmt = (
        scoped_ids(principal, run.scope)
        .with_only_columns(
            Contact.id, Contact.email, Contact.email_status, Contact.email_status_reason
        )
        .where(Contact.id > run.cursor)
        .order_by(Contact.id)
        .limit(BATCH)
    )
    return list(session.execute(stmt).all())


def check_contacts(
    session: Session, run: HygieneRun, rows: Sequence[Any], checker: DomainChecker
) -> None:
    """Check one batch: the contacts in one UPDATE, the changes in one INSERT, the cursor and
    the counts on the run, all in the caller's transaction."""
    verdicts = check_batch(session, [row.email for row in rows], checker)
    now = datetime.now(UTC)
    updates: list[dict[str, Any]] = []
    changes: list[dict[str, Any]] = []
    by_status: Counter[str] = Counter(run.by_status or {})
    by_reason: Counter[str] = Counter(run.by_reason or {})
    for row, verdict in zip(rows, verdicts, strict=True):
        status, reason, code = verdict.status, verdict.reason, reason_code(verdict)
        updates.append({"id": row.id, "email_status": status, "email_status_reason": reason})
        by_status[status] += 1
        if code:
            by_reason[code] += 1
        if (status, reason) != (row.email_status, row.email_status_reason):
            changes.append(
                {
                    "run_id": run.id,
                    "contact_id": row.id,
                    "old_status": row.email_status,
                    "new_status": status,
                    "reason_code": code,
                    "reason": reason,
                }
            )
    if updates:
        given = unnest_rows(Contact, updates)
        session.execute(
            update(Contact)
            .where(Contact.id == given.c.id)
            .values(
                email_status=given.c.email_status,
                email_status_reason=given.c.email_status_reason,
                email_checked_at=now,
            )
            .execution_options(synchronize_session=False)
        )
    insert_rows(session, HygieneChange, changes)
    run.cursor = rows[-1].id if rows else run.cursor
    run.checked += len(rows)
    run.changed += len(changes)
    run.by_status, run.by_reason = dict(by_status), dict(by_reason)


# ---- duplicates -------------------------------------------------------------------------------


def exact_key(email: Any) -> ColumnElement[Any]:
    """The address as a mailbox would compare it: NFKC (full-width letters, look-alike
    compatibility forms), surrounding spaces off, lower case."""
    return func.lower(func.btrim(func.normalize(email, literal_column("NFKC"))))


def gmail_key(key: Any) -> ColumnElement[Any]:
    """Gmail ignores dots and +tags in the local part (and googlemail.com is gmail.com)."""
    local, domain = func.split_part(key, "@", 1), func.split_part(key, "@", 2)
    canonical = func.replace(func.split_part(local, "+", 1), ".", "") + "@gmail.com"
    return case((domain.in_(GMAIL_DOMAINS), canonical), else_=None)


def find_duplicates(session: Session, principal: Principal, run: HygieneRun) -> None:
    """The run's duplicate groups, again from scratch (a rerun writes the same rows): among
    the live contacts the run's principal sees, groups with at least one scoped contact."""
    session.execute(delete(HygieneDuplicate).where(HygieneDuplicate.run_id == run.id))
    keyed = (
        select(
            Contact.id.label("id"),
            exact_key(Contact.email).label("key"),
        )
        .where(
            visible_contacts(principal, Contact),
            Contact.email.is_not(None),
            Contact.email != "",
        )
        .cte("keyed")
    )
    gmail = select(keyed.c.id, keyed.c.key, gmail_key(keyed.c.key).label("gkey")).cte("gmail")
    ids = func.array_agg(aggregate_order_by(gmail.c.id, gmail.c.id))
    scoped = "ids" in run.scope or "filter" in run.scope
    in_scope: list[Any] = []
    if scoped:
        scope = scoped_ids(principal, run.scope).scalar_subquery()
        in_scope = [func.bool_or(gmail.c.id.in_(scope))]
    exact = (
        select(literal(run.id), literal("duplicate"), gmail.c.key, ids)
        .group_by(gmail.c.key)
        .having(and_(func.count() >= 2, *in_scope))
    )
    possible = (
        select(literal(run.id), literal("possible_duplicate"), gmail.c.gkey, ids)
        .where(gmail.c.gkey.is_not(None))
        .group_by(gmail.c.gkey)
        .having(and_(func.count(func.distinct(gmail.c.key)) >= 2, *in_scope))
    )
    columns = ["run_id", "kind", "key", "contact_ids"]
    for part in (exact, possible):
        session.execute(insert(HygieneDuplicate).from_select(columns, part))


def finish(session: Session, run: HygieneRun) -> dict[str, Any]:
    run.duplicates_done_at = run.finished_at = datetime.now(UTC)
    return report(session, run)


def report(session: Session, run: HygieneRun) -> dict[str, Any]:
    """The job's result: counts only (no addresses: anyone who may see the job reads it)."""
    kinds = dict(
        session.execute(
            select(HygieneDuplicate.kind, func.count())
            .where(HygieneDuplicate.run_id == run.id)
            .group_by(HygieneDuplicate.kind)
        ).all()
    )
    return {
        "run_id": run.id,
        "checked": run.checked,
        "changed": run.changed,
        "by_status": run.by_status,
        "by_reason": run.by_reason,
        "duplicate_groups": kinds.get("duplicate", 0),
        "possible_duplicate_groups": kinds.get("possible_duplicate", 0),
    }


# ---- reading runs -----------------------------------------------------------------------------


def _status(job: JobRecord | None) -> str:
    if job is None:
        return "queued"
    return RUN_STATUS.get(job.status, job.status)


def _with_jobs(session: Session, runs: Sequence[HygieneRun]) -> list[HygieneRun]:
    job_ids = [r.job_id for r in runs if r.job_id]
    jobs = (
        {j.id: j for j in session.scalars(select(JobRecord).where(JobRecord.id.in_(job_ids)))}
        if job_ids
        else {}
    )
    for run in runs:
        job = jobs.get(run.job_id or "")
        run.status = _status(job)  # type: ignore[attr-defined]
        run.error = job.error if job is not None else None  # type: ignore[attr-defined]
        if job is not None and run.started_at is None:
            run.started_at = job.started_at
        run.scope_kind = (  # type: ignore[attr-defined]
            "selection" if "ids" in run.scope or "filter" in run.scope else "workspace"
        )
    return list(runs)


def list_runs(session: Session, args: dict[str, Any]) -> Page:
    page = paginate(
        session,
        select(HygieneRun),
        args,
        {"created_at": HygieneRun.created_at},
        "-created_at",
        HygieneRun.id,
        keyset=("created_at",),
    )
    page.items = _with_jobs(session, list(page.items))
    return page


def get_run(session: Session, principal: Principal, run_id: int) -> HygieneRun:
    run = session.get(HygieneRun, run_id)
    if run is None:
        raise NotFound("Hygiene run")
    _with_jobs(session, [run])
    first = list_changes(session, principal, run_id, {"page": 1, "page_size": FIRST_CHANGES})
    run.changes = first.items  # type: ignore[attr-defined]
    run.changes_total = first.total  # type: ignore[attr-defined]
    run.transitions = _transitions(session, principal, run_id)  # type: ignore[attr-defined]
    run.duplicates = _duplicates(session, principal, run_id)  # type: ignore[attr-defined]
    return run


def _changes_query(principal: Principal, run_id: int) -> Select[Any]:
    return (
        select(
            HygieneChange.id,
            HygieneChange.contact_id,
            Contact.email,
            Contact.first_name,
            Contact.last_name,
            HygieneChange.old_status,
            HygieneChange.new_status,
            HygieneChange.reason_code,
            HygieneChange.reason,
        )
        .join(Contact, Contact.id == HygieneChange.contact_id)
        .where(HygieneChange.run_id == run_id, visible_contacts(principal, Contact))
    )


def list_changes(session: Session, principal: Principal, run_id: int, args: dict[str, Any]) -> Page:
    """What the run changed, for the contacts the caller sees, optionally to one status."""
    if session.get(HygieneRun, run_id) is None:
        raise NotFound("Hygiene run")
    stmt = _changes_query(principal, run_id)
    if args.get("status"):
        stmt = stmt.where(HygieneChange.new_status == args["status"])
    return paginate(
        session, stmt, args, {"id": HygieneChange.id}, "id", HygieneChange.id, scalars=False
    )


def _transitions(session: Session, principal: Principal, run_id: int) -> list[dict[str, Any]]:
    changes = _changes_query(principal, run_id).subquery()
    rows = session.execute(
        select(changes.c.old_status, changes.c.new_status, func.count())
        .group_by(changes.c.old_status, changes.c.new_status)
        .order_by(func.count().desc(), changes.c.old_status, changes.c.new_status)
    ).all()
    return [{"old_status": old, "new_status": new, "count": n} for old, new, n in rows]


def _duplicates(session: Session, principal: Principal, run_id: int) -> list[dict[str, Any]]:
    """Groups with at least two contacts the caller still sees (live, in their classes)."""
    groups = session.execute(
        select(HygieneDuplicate.kind, HygieneDuplicate.key, HygieneDuplicate.contact_ids)
        .where(HygieneDuplicate.run_id == run_id)
        .order_by(HygieneDuplicate.kind, HygieneDuplicate.id)
    ).all()
    wanted = {c for _, _, ids in groups for c in ids}
    contacts = {
        row.id: row
        for row in session.execute(
            select(Contact.id, Contact.email, Contact.first_name, Contact.last_name).where(
                Contact.id.in_(wanted), visible_contacts(principal, Contact)
            )
        )
    }
    out = []
    for kind, key, ids in groups:
        seen = [contacts[c] for c in ids if c in contacts]
        if len(seen) < 2:
            continue
        out.append(
            {
                "kind": kind,
                "key": key,
                "size": len(seen),
                "contacts": [row._asdict() for row in seen[:GROUP_CONTACTS]],
            }
        )
        if len(out) >= FIRST_GROUPS:
            break
    return out


# ---- settings and schedule --------------------------------------------------------------------


def get_settings(session: Session) -> dict[str, Any]:
    row = session.get(HygieneSettings, 1)
    return {
        "schedule": row.schedule if row else DEFAULT_SCHEDULE,
        "last_scheduled_at": row.last_scheduled_at if row else None,
    }


def put_settings(session: Session, data: dict[str, Any]) -> dict[str, Any]:
    upsert_settings(
        session, HygieneSettings, {"schedule": data["schedule"], "updated_at": utcnow()}
    )
    session.expire_all()
    return get_settings(session)


def is_due(schedule: str, last: datetime | None, now: datetime) -> bool:
    if schedule not in INTERVALS:
        return False
    return last is None or now - last >= INTERVALS[schedule] - SLACK


def start_if_due(session: Session, workspace_id: int, now: datetime) -> HygieneRun | None:
    """A scheduled run of the whole workspace when its schedule says so and none is going."""
    settings = get_settings(session)
    if not is_due(settings["schedule"], settings["last_scheduled_at"], now):
        return None
    going = session.scalar(
        select(func.count())
        .select_from(HygieneRun)
        .join(JobRecord, JobRecord.id == HygieneRun.job_id)
        .where(JobRecord.status.in_(("queued", "started")))
    )
    if going:
        return None
    run, _ = start_run(session, None, {"workspace": True}, trigger="schedule")
    upsert_settings(
        session,
        HygieneSettings,
        {"last_scheduled_at": now, "updated_at": now},
        defaults={"schedule": settings["schedule"]},
    )
    return run
