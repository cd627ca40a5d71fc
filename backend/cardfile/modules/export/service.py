"""CSV export: which columns exist, how cells are written, and the signed download link.

Rows are read in keyset batches by id (selected_ids, the one resolver, per batch) and written
with the csv module to a text stream the caller provides (a temporary file in the job), so
memory stays flat whatever the row count.

Formula injection: a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
return gets a leading `'`, so spreadsheet programs show it as text instead of running it
(OWASP "CSV injection"). This covers every text value, phone numbers in E.164 too
("'+48601234567", which also keeps Excel from turning them into numbers). Numbers Cardfile
writes itself (id, score, order count, numeric custom values) are not text and stay as is.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from itertools import islice
from typing import Any, TextIO

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from cardfile import config
from cardfile.access.models import ContactClass
from cardfile.access.principal import Principal
from cardfile.auth.tokens import LinkSigner
from cardfile.db.scope import schema_for
from cardfile.errors import Gone, Invalid, NotFound
from cardfile.modules.contacts.models import Contact, CustomField
from cardfile.modules.contacts.service import selected_ids
from cardfile.modules.contacts.tags import tag_names_column

BATCH_SIZE = 1_000
LINK_HOURS = 24
CUSTOM_PREFIX = "custom."
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_CLASS_NAME = (
    select(ContactClass.name).where(ContactClass.id == Contact.contact_class_id).scalar_subquery()
)

# key -> (label, expression); the key is the CSV header (stable, machine-readable).
STANDARD: dict[str, tuple[str, Any]] = {
    "id": ("ID", Contact.id),
    "email": ("Email", Contact.email),
    "first_name": ("First name", Contact.first_name),
    "last_name": ("Last name", Contact.last_name),
    "phone": ("Phone (E.164)", Contact.phone),
    "company": ("Company", Contact.company),
    "job_title": ("Job title", Contact.job_title),
    "time_zone": ("Time zone", Contact.time_zone),
    "contact_class": ("Contact class", _CLASS_NAME),
    "tags": ("Tags", tag_names_column(Contact.id)),
    "created_at": ("Created at", Contact.created_at),
    "updated_at": ("Updated at", Contact.updated_at),
    "source": ("Source", Contact.source),
    "score": ("Score", Contact.score),
    "order_count": ("Order count", Contact.order_count),
    "lifetime_value": ("Lifetime value", Contact.lifetime_value),
    "last_activity_at": ("Last activity", Contact.last_activity_at),
    "email_status": ("Email status", Contact.email_status),
    "next_action": ("Next action", Contact.next_action),
    "follow_up_at": ("Follow up at", Contact.follow_up_at),
}
DEFAULT_COLUMNS = (
    "id",
    "email",
    "first_name",
    "last_name",
    "phone",
    "company",
    "job_title",
    "contact_class",
    "tags",
    "created_at",
)


def _custom_fields(session: Session) -> list[CustomField]:
    return list(
        session.scalars(
            select(CustomField)
            .where(CustomField.entity == "contact")
            .order_by(CustomField.position, CustomField.id)
        )
    )


def available_columns(session: Session) -> dict[str, Any]:
    """Every column an export may have, standard ones first, then custom fields."""
    items = [{"key": k, "label": label, "custom": False} for k, (label, _) in STANDARD.items()]
    items += [
        {"key": f"{CUSTOM_PREFIX}{f.key}", "label": f.label, "custom": True}
        for f in _custom_fields(session)
    ]
    return {"items": items, "default": list(DEFAULT_COLUMNS)}


def check_columns(session: Session, columns: Sequence[str] | None) -> list[str]:
    """The columns to write (the default set when none are given); unknown or repeated
    ones are a 422 on `columns` naming them."""
    if not columns:
        return list(DEFAULT_COLUMNS)
    custom_keys = {f.key for f in _custom_fields(session)}
    unknown = [
        c
        for c in columns
        if c not in STANDARD
        and not (c.startswith(CUSTOM_PREFIX) and c[len(CUSTOM_PREFIX) :] in custom_keys)
    ]
    if unknown:
        names = ", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")
        raise Invalid.field("columns", f"Unknown column: {names}.")
    if len(set(columns)) != len(columns):
        raise Invalid.field("columns", "Each column can be chosen once.")
    return list(columns)


def escape_cell(text: str) -> str:
    """Text a spreadsheet would read as a formula, made plain text with a leading `'`."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):  # lifetime value {"PLN": "120.50"}
        return "; ".join(f"{k} {v}" for k, v in sorted(value.items()))
    if isinstance(value, list | tuple):  # tags, multi-choice values
        return ", ".join(_plain(v) for v in value if v is not None)
    return str(value)


def format_cell(value: Any) -> str:
    """One cell: empty for nothing, ISO 8601 (UTC) for times, lists joined with ", "; text
    escaped against formulas, numbers as they are."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)  # a number, not text anyone typed
    return escape_cell(_plain(value))


def _expressions(columns: Sequence[str]) -> list[Any]:
    exprs = [Contact.id.label("_id")]
    for i, column in enumerate(columns):
        if column.startswith(CUSTOM_PREFIX):
            exprs.append(Contact.custom[column[len(CUSTOM_PREFIX) :]].label(f"c{i}"))
        else:
            exprs.append(STANDARD[column][1].label(f"c{i}"))
    return exprs


def count_selected(session: Session, principal: Principal, selection: dict[str, Any]) -> int:
    ids = selected_ids(principal, selection)
    return session.scalar(select(func.count()).select_from(ids.subquery())) or 0


def _batches(
    session: Session, principal: Principal, selection: dict[str, Any], exprs: list[Any]
) -> Iterator[Sequence[Any]]:
    """Rows of the selection the principal may see now, by id, BATCH_SIZE at a time."""

    def rows(stmt: Select[Any]) -> Sequence[Any]:
        return session.execute(stmt.with_only_columns(*exprs).order_by(Contact.id)).all()

    if "ids" in selection:
        # Listed ids: each batch resolves its own slice (not all 100,000 ids every time).
        listed = iter(sorted(set(selection["ids"])))
        while chunk := list(islice(listed, BATCH_SIZE)):
            if batch := rows(selected_ids(principal, {"ids": chunk})):
                yield batch
        return
    matching, last_id = selected_ids(principal, selection), 0
    while batch := rows(matching.where(Contact.id > last_id).limit(BATCH_SIZE)):
        yield batch
        last_id = batch[-1]._id


def write_csv(
    session: Session,
    principal: Principal,
    selection: dict[str, Any],
    columns: Sequence[str],
    out: TextIO,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Write the header and one row per visible selected contact to `out`; the row count.
    `on_batch(rows so far)` is called after each batch (progress, cancellation)."""
    writer = csv.writer(out)
    writer.writerow(columns)
    exprs, written = _expressions(columns), 0
    for batch in _batches(session, principal, selection, exprs):
        writer.writerows([format_cell(v) for v in row[1:]] for row in batch)
        written += len(batch)
        if on_batch is not None:
            on_batch(written)
    return written


# The download link -------------------------------------------------------------------


@dataclass(frozen=True)
class Download:
    key: str
    filename: str


def storage_key(workspace_id: int, export_id: str) -> str:
    return f"{schema_for(workspace_id)}/exports/{export_id}.csv"


def _signer() -> LinkSigner:
    return LinkSigner(config.current().secret_key, "export", LINK_HOURS * 3600)


def download_token(workspace_id: int, key: str, filename: str) -> str:
    return _signer().dumps({"ws": int(workspace_id), "key": key, "name": filename})


def download_path(workspace_id: int, token: str) -> str:
    return f"/api/v1/workspaces/{int(workspace_id)}/contacts/export/download/{token}"


def read_token(workspace_id: int, token: str) -> Download:
    """The file a link names, if the link is genuine, not expired and of this workspace."""
    signer = _signer()
    payload = signer.loads(token)
    if payload is None:
        if signer.expired(token):
            raise Gone("This download link has expired. Export the contacts again.")
        raise NotFound("Export")
    key = str(payload.get("key", ""))
    if payload.get("ws") != workspace_id or not key.startswith(
        f"{schema_for(workspace_id)}/exports/"
    ):
        raise NotFound("Export")
    return Download(key, str(payload.get("name") or "contacts.csv"))
