"""One batch of file rows in, contacts out: the cheap checks and the row's values in Python,
then the suppression list and DNS for the batch at once, then one statement each for the
existing contacts, the new ones, the updates, the tags, the timeline and the rows not
imported. The caller commits the batch together with the import's offset and counts.

Outcomes (the report's counts): created, updated, unchanged, duplicate_in_file, rejected by
reason (checks.REJECTED, plus invalid_value for a value a field cannot hold), flagged by
reason (checks.FLAGGED; flagged contacts are imported as "risky").
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import Any
from zoneinfo import available_timezones

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    MetaData,
    Table,
    Text,
    and_,
    any_,
    bindparam,
    case,
    func,
    literal,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session
from sqlalchemy.schema import CreateTable

from cardfile.access.actor import Actor
from cardfile.access.filters import visible_contacts
from cardfile.access.principal import Principal
from cardfile.db.bulk import insert_rows, unnest_rows
from cardfile.modules.contacts import activity
from cardfile.modules.contacts.custom_fields import CustomField, validate_value
from cardfile.modules.contacts.models import Contact, ContactTag
from cardfile.modules.contacts.phones import e164
from cardfile.modules.contacts.tags import ensure_tags
from cardfile.modules.hygiene.checks import Verdict, finish_verdicts, static_verdict
from cardfile.modules.hygiene.dns import DomainChecker
from cardfile.modules.imports.mapping import CUSTOM, STANDARD
from cardfile.modules.imports.models import ImportRow

LIMITS = {"first_name": 100, "last_name": 100, "company": 200, "job_title": 200, "phone": 40}
TEXT_FIELDS = ("first_name", "last_name", "phone", "company", "job_title", "time_zone")
_TRUE = {"true", "yes", "y", "1", "tak", "t", "x"}
_FALSE = {"false", "no", "n", "0", "nie", "f", ""}


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


@dataclass
class Plan:
    """The import's choices, resolved once per run."""

    import_id: int
    filename: str
    email_index: int
    fields: dict[int, str]  # column index -> standard field
    custom: dict[int, CustomField]  # column index -> custom field definition
    tag_indexes: list[int]
    tags: list[str]  # added to every imported contact
    existing: str  # skip | fill_empty | overwrite
    class_id: int
    principal: Principal
    columns: list[str] = field(default_factory=list)

    @property
    def actor(self) -> Actor:
        return Actor(kind="import", user_id=self.principal.user_id)


def make_plan(
    import_id: int,
    filename: str,
    columns: Sequence[str],
    mapping: dict[str, str],
    options: dict[str, Any],
    custom_fields: dict[str, CustomField],
    class_id: int,
    principal: Principal,
) -> Plan:
    index = {name: i for i, name in enumerate(columns)}
    targets = {index[c]: t for c, t in mapping.items() if c in index}
    return Plan(
        import_id=import_id,
        filename=filename,
        email_index=next(i for i, t in targets.items() if t == "email"),
        fields={i: t for i, t in targets.items() if t in STANDARD and t != "email"},
        custom={
            i: custom_fields[t[len(CUSTOM) :]]
            for i, t in targets.items()
            if t.startswith(CUSTOM) and t[len(CUSTOM) :] in custom_fields
        },
        tag_indexes=[i for i, t in targets.items() if t == "tags"],
        tags=[t.strip()[:100].strip() for t in options.get("tags") or [] if t.strip()],
        existing=options.get("existing") or "skip",
        class_id=class_id,
        principal=principal,
        columns=list(columns),
    )


def dedupe_key(raw: str) -> str | None:
    """Two rows with the same key are the same address (the first one wins)."""
    email = static_verdict(raw).email
    return email.lower() if email else None


class BadValue(ValueError):
    pass


def _custom_value(definition: CustomField, typed: str) -> Any:
    kind = definition.type
    if kind == "boolean":
        lowered = typed.strip().lower()
        if lowered not in _TRUE | _FALSE:
            raise ValueError("Use yes or no (true or false).")
        return lowered in _TRUE
    if kind == "multi_choice":
        return validate_value(definition, [v.strip() for v in typed.replace(";", ",").split(",")])
    if kind == "date" and len(typed) == 10 and typed[2] in "./-" and typed[5] == typed[2]:
        typed = _iso_date(typed)
    return validate_value(definition, typed)


def _iso_date(typed: str) -> str:
    """31.12.2026 and 31-12-2026 (day first, as in Europe) as 2026-12-31; with slashes
    12/31/2026 (a US export) too, and 03/04/2026, which could be either, is refused."""
    first, second, year = typed[:2], typed[3:5], typed[6:]
    if not (first + second + year).isdigit():
        return typed  # the field's own check says what is wrong
    day, month = first, second
    if typed[2] == "/":
        if int(first) <= 12 and int(second) <= 12 and first != second:
            raise ValueError(
                f"{typed} could be either day first or month first: write {year}-MM-DD."
            )
        if int(second) > 12:
            day, month = second, first
    return f"{year}-{month}-{day}"


def row_values(plan: Plan, cells: list[str]) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """(standard fields, custom values, tag names) of a row; BadValue names the column."""
    width = len(cells)
    values: dict[str, Any] = {}
    for i, name in plan.fields.items():
        typed = cells[i].strip() if i < width else ""
        if not typed:
            continue
        limit = LIMITS.get(name)
        if limit and len(typed) > limit:
            raise BadValue(f"{plan.columns[i]}: use at most {limit} characters.")
        if name == "phone":
            # Kept as typed when it has no country code: shown, never lost.
            values["phone"], values["phone_display"] = e164(typed), typed
        elif name == "time_zone":
            if typed not in _zones():
                raise BadValue(f"{plan.columns[i]}: not a time zone (like Europe/Warsaw).")
            values[name] = typed
        else:
            values[name] = typed
    custom: dict[str, Any] = {}
    for i, definition in plan.custom.items():
        typed = cells[i].strip() if i < width else ""
        if typed:
            try:
                custom[definition.key] = _custom_value(definition, typed)
            except ValueError as error:
                raise BadValue(f"{plan.columns[i]}: {error}") from error
    tags = [
        name.strip()[:100].strip()
        for i in plan.tag_indexes
        if i < width
        for name in cells[i].replace(";", ",").split(",")
        if name.strip()
    ]
    return values, custom, tags


@dataclass
class Candidate:
    row_number: int
    verdict: Verdict
    values: dict[str, Any]
    custom: dict[str, Any]
    tags: list[str]


@dataclass
class BatchResult:
    counts: Counter[str] = field(default_factory=Counter)
    rejected: Counter[str] = field(default_factory=Counter)
    flagged: Counter[str] = field(default_factory=Counter)
    rows: list[dict[str, Any]] = field(default_factory=list)  # ImportRow values

    def skip(self, number: int, cells: list[str], reason: str, detail: str | None) -> None:
        if reason == "duplicate_in_file":
            self.counts[reason] += 1
        else:
            self.rejected[reason] += 1
        self.rows.append(
            {
                "import_id": 0,
                "row_number": number,
                "reason": reason,
                "detail": detail and detail[:300],
                "cells": cells,
            }
        )


def screen(
    plan: Plan, rows: Sequence[tuple[int, list[str]]], seen: dict[str, int], result: BatchResult
) -> list[Candidate]:
    """The checks that need no I/O, in file order (so the first occurrence wins)."""
    out: list[Candidate] = []
    index = plan.email_index
    for number, cells in rows:
        raw = cells[index] if index < len(cells) else ""
        if not raw.strip():
            result.skip(number, cells, "invalid_syntax", "There is no email address in this row.")
            continue
        verdict = static_verdict(raw)
        if verdict.email is not None:
            key = verdict.email.lower()
            first = seen.get(key)
            if first is not None:
                result.skip(number, cells, "duplicate_in_file", f"Same address as row {first}.")
                continue
            seen[key] = number
        if verdict.rejected:
            result.skip(number, cells, verdict.rejected, verdict.reason)
            continue
        try:
            values, custom, tags = row_values(plan, cells)
        except BadValue as error:
            result.skip(number, cells, "invalid_value", str(error))
            continue
        out.append(Candidate(number, verdict, values, custom, tags))
    return out


@dataclass
class Screened:
    """A batch after the checks that need no I/O (see screen): what the writer goes on with."""

    rows: Sequence[tuple[int, list[str]]]
    candidates: list[Candidate]
    result: BatchResult


def screen_batch(
    plan: Plan, rows: Sequence[tuple[int, list[str]]], seen: dict[str, int]
) -> Screened:
    """Pure Python: may run in another thread, one batch ahead of the writes (batches in
    file order, so `seen` still gives the first occurrence)."""
    result = BatchResult()
    return Screened(rows, screen(plan, rows, seen, result), result)


def write_batch(
    session: Session, plan: Plan, screened: Screened, domains: DomainChecker
) -> BatchResult:
    """The suppression list and DNS for the batch, then the writes."""
    result, candidates = screened.result, screened.candidates
    cells_of = dict(screened.rows)
    verdicts = finish_verdicts(session, [c.verdict for c in candidates], domains)
    accepted: list[Candidate] = []
    for candidate, verdict in zip(candidates, verdicts, strict=True):
        if verdict.rejected:
            result.skip(
                candidate.row_number,
                cells_of[candidate.row_number],
                verdict.rejected,
                verdict.reason,
            )
            continue
        if verdict.flagged:
            result.flagged[verdict.flagged] += 1
        candidate.verdict = verdict
        accepted.append(candidate)
    _write(session, plan, accepted, result)
    for row in result.rows:
        row["import_id"] = plan.import_id
    insert_rows(session, ImportRow, sorted(result.rows, key=lambda r: r["row_number"]))
    return result


def _existing(session: Session, plan: Plan, keys: list[str]) -> dict[str, Any]:
    """Live contacts with these addresses (lower-cased), with whether the importer sees them."""
    if not keys:
        return {}
    rows = session.execute(
        select(
            Contact.id,
            Contact.email,
            Contact.custom,
            *[getattr(Contact, f) for f in (*TEXT_FIELDS, "phone_display")],
            visible_contacts(plan.principal, Contact).label("visible"),
        ).where(
            func.lower(Contact.email) == any_(bindparam("keys", keys, type_=ARRAY(Text))),
            Contact.deleted_at.is_(None),
            Contact.email.is_not(None),
        )
    ).all()
    return {row.email.lower(): row for row in rows}  # lower-cased as the batch's keys are


def _takes_phone(plan: Plan, current: Any, candidate: Candidate) -> bool:
    """The number and how it was typed go together, never one from each row."""
    typed = candidate.values.get("phone_display")
    if typed is None:
        return False
    if plan.existing == "overwrite":
        return typed != current.phone_display
    return current.phone_display in (None, "")


def _changes(plan: Plan, current: Any, candidate: Candidate) -> bool:
    """Whether this row changes an existing contact, by the "existing" option (as _update
    applies it)."""
    overwrite = plan.existing == "overwrite"
    for name, value in candidate.values.items():
        if name in ("phone", "phone_display"):
            continue
        if getattr(current, name) != value if overwrite else getattr(current, name) in (None, ""):
            return True
    if _takes_phone(plan, current, candidate):
        return True
    custom = current.custom or {}
    return any(
        (overwrite and custom.get(key) != value) or key not in custom
        for key, value in candidate.custom.items()
    )


def _status(verdict: Verdict, now: datetime) -> dict[str, Any]:
    return {
        "email_status": verdict.status,
        "email_status_reason": verdict.reason,
        "email_checked_at": now,
    }


def _write(session: Session, plan: Plan, accepted: list[Candidate], result: BatchResult) -> None:
    now = datetime.now(UTC)
    by_key = {c.verdict.email.lower(): c for c in accepted if c.verdict.email}
    existing = _existing(session, plan, list(by_key))
    ids = _insert(session, plan, [c for k, c in by_key.items() if k not in existing], now)
    created = set(ids.values())
    # Taken meanwhile by another import or a person: an existing contact after all.
    if raced := [k for k in by_key if k not in existing and k not in ids]:
        existing |= _existing(session, plan, raced)
    # Still neither: the database's lower() saw the same address where Python's did not
    # (some non-ASCII capitals): it is there, and left as it is.
    result.counts["unchanged"] += sum(1 for k in raced if k not in existing)
    unchanged: set[int] = set()
    patches: list[dict[str, Any]] = []
    for key, current in existing.items():
        if not current.visible or plan.existing == "skip":
            unchanged.add(current.id)  # hidden ones are left exactly as they are
            continue
        ids[key] = current.id
        candidate = by_key[key]
        if _changes(plan, current, candidate):
            given = {f: candidate.values.get(f) for f in (*TEXT_FIELDS, "phone_display")}
            patch = {"id": current.id, **given, "custom": candidate.custom}
            patches.append({**patch, **_status(candidate.verdict, now)})
        else:
            unchanged.add(current.id)
    _update(session, plan, sorted(patches, key=lambda p: p["id"]), now)  # lock order
    updated = {p["id"] for p in patches} | (_tag(session, plan, by_key, ids) & unchanged)
    unchanged -= updated
    result.counts["created"] += len(created)
    result.counts["updated"] += len(updated)
    result.counts["unchanged"] += len(unchanged)
    data = {"import_id": plan.import_id, "file": plan.filename}
    activity.record_many(
        session, created, "imported", {**data, "outcome": "created"}, plan.actor, touch=False
    )
    activity.record_many(session, updated, "imported", {**data, "outcome": "updated"}, plan.actor)


# New contacts go through a temporary table filled by COPY: arrays of every column as
# parameters cost more in the client than the whole insert in the database.
STAGED = (
    "email",
    *TEXT_FIELDS,
    "phone_display",
    "custom",
    "email_status",
    "email_status_reason",
)
_STAGE = Table(
    "import_stage",
    MetaData(),
    *(Column(name, JSONB if name == "custom" else Text) for name in STAGED),
    prefixes=["TEMPORARY"],
    postgresql_on_commit="DELETE ROWS",
)


def _insert(session: Session, plan: Plan, fresh: list[Candidate], now: datetime) -> dict[str, int]:
    """New contacts in one statement; {lower-cased address: id} of those inserted."""
    if not fresh:
        return {}
    # In address order: two imports inserting the same addresses lock them in the same order.
    fresh = sorted(fresh, key=lambda c: (c.verdict.email or "").lower())
    session.execute(CreateTable(_STAGE, if_not_exists=True))
    raw = session.connection().connection.driver_connection
    assert raw is not None
    with (
        raw.cursor() as cursor,
        cursor.copy(f"COPY import_stage ({', '.join(STAGED)}) FROM STDIN") as copy,
    ):
        for c in fresh:
            values = c.values
            copy.write_row(
                (
                    c.verdict.email,
                    *(values.get(name) for name in TEXT_FIELDS),
                    values.get("phone_display"),
                    json.dumps(c.custom, ensure_ascii=False),
                    c.verdict.status,
                    c.verdict.reason,
                )
            )
    stage = _STAGE.c
    constants = {
        "contact_class_id": literal(plan.class_id, BigInteger),
        "created_by_kind": literal("import"),
        "created_by_user_id": literal(plan.principal.user_id, BigInteger),
        "source": literal(f"Import: {plan.filename}"[:200]),
        "email_checked_at": literal(now, DateTime(timezone=True)),
        "last_activity_at": literal(now, DateTime(timezone=True)),
        "created_at": literal(now, DateTime(timezone=True)),
        "updated_at": literal(now, DateTime(timezone=True)),
    }
    stmt = (
        pg_insert(Contact)
        .from_select(
            [*STAGED, *constants],
            select(*(stage[name] for name in STAGED), *constants.values()).order_by(
                func.lower(stage.email)
            ),
        )
        .on_conflict_do_nothing(
            index_elements=[func.lower(Contact.email)],
            index_where=and_(Contact.deleted_at.is_(None), Contact.email.is_not(None)),
        )
        .returning(Contact.id, Contact.email)
    )
    ids = {email.lower(): contact_id for contact_id, email in session.execute(stmt).all()}
    session.execute(_STAGE.delete())  # the next batch may come in the same transaction
    return ids


def _update(session: Session, plan: Plan, patches: list[dict[str, Any]], now: datetime) -> None:
    """The rows' values merged into the contacts as they are when the UPDATE runs (not as
    read earlier in the batch): an edit made meanwhile, by a person or another import, is
    kept. fill_empty fills what is empty; overwrite replaces what the row has a value for."""
    if not patches:
        return
    given = unnest_rows(Contact, patches, "patch").c
    current_custom = func.coalesce(Contact.custom, literal({}, JSONB))
    if plan.existing == "overwrite":

        def merged(name: str) -> Any:
            return func.coalesce(given[name], getattr(Contact, name))

        take_phone = given.phone_display.is_not(None)
        custom = current_custom.op("||")(given.custom)
    else:

        def merged(name: str) -> Any:
            return func.coalesce(func.nullif(getattr(Contact, name), ""), given[name])

        take_phone = and_(
            func.nullif(Contact.phone_display, "").is_(None), given.phone_display.is_not(None)
        )
        custom = given.custom.op("||")(current_custom)  # the contact's own values win
    values: dict[str, Any] = {n: merged(n) for n in TEXT_FIELDS if n != "phone"}
    values["phone"] = case((take_phone, given.phone), else_=Contact.phone)
    values["phone_display"] = case((take_phone, given.phone_display), else_=Contact.phone_display)
    session.execute(
        update(Contact)
        .where(Contact.id == given.id)
        .values(
            **values,
            custom=custom,
            email_status=given.email_status,
            email_status_reason=given.email_status_reason,
            email_checked_at=given.email_checked_at,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )


def _tag(
    session: Session, plan: Plan, by_key: dict[str, Candidate], ids: dict[str, int]
) -> set[int]:
    """The option's tags and the row's tag columns on the contacts; ids that gained one."""
    wanted = {key: [*plan.tags, *by_key[key].tags] for key in ids if key in by_key}
    names = [n for names in wanted.values() for n in names]
    if not names:
        return set()
    tag_ids = {t.name.lower(): t.id for t in ensure_tags(session, names)}  # once per name
    pairs = {(ids[key], tag_ids[n.lower()]) for key, tags in wanted.items() for n in tags}
    given = unnest_rows(
        ContactTag, [{"contact_id": c, "tag_id": t} for c, t in sorted(pairs)], "pairs"
    )
    stmt = (
        pg_insert(ContactTag)
        .from_select(["contact_id", "tag_id"], select(given.c.contact_id, given.c.tag_id))
        .on_conflict_do_nothing()
        .returning(ContactTag.contact_id)
    )
    return set(session.scalars(stmt))
