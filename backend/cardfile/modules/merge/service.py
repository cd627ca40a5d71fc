"""Merge contacts into one survivor, in one transaction (any error: nothing changes).

Per field the value of the chosen contact wins; fields not named take the newest non-empty
value (by updated_at). Every contact-owned row moves to the survivor through the one registry
(`merge_contact_rows`: each module decides how its rows join, e.g. a tag on both is kept once),
then the others are deleted for good and the survivor's timeline says what came from whom.
Score: the survivor's score is the SUM of the merged contacts' scores (each earned its points
from its own activity, which now all belongs to the survivor), with a score-history row."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row, delete, select, update
from sqlalchemy.orm import Session

from cardfile.access.filters import visible_contacts
from cardfile.access.owned import merge_contact_rows
from cardfile.access.principal import Principal, require_power
from cardfile.errors import Invalid, NotFound
from cardfile.modules.contacts import activity
from cardfile.modules.contacts.models import Contact, CustomField
from cardfile.modules.contacts.service import PROFILE_FIELDS, contact_detail
from cardfile.modules.scoring.engine import SCORE_LIMIT
from cardfile.modules.scoring.models import ScoreHistory

MAX_MERGED = 50
CUSTOM = "custom."
# Fields that only make sense together: the first one's source gives the others, unless the
# caller names them too (the E.164 phone and the phone as typed; the company link and text).
LINKED = (("phone", "phone_display"), ("company", "company_id"))


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _newest_first(rows: Sequence[Row[Any]]) -> list[Row[Any]]:
    return sorted(rows, key=lambda c: (c.updated_at, c.id), reverse=True)


def _check_choices(
    session: Session, rows: Sequence[Row[Any]], ids: list[int], choices: dict[str, int]
) -> None:
    custom_keys = {k for c in rows for k in (c.custom or {})} | set(
        session.scalars(select(CustomField.key).where(CustomField.entity == "contact"))
    )
    errors: dict[str, list[str]] = {}
    for name, source in choices.items():
        if name.startswith(CUSTOM):
            known = name.removeprefix(CUSTOM) in custom_keys
        else:
            known = name in PROFILE_FIELDS
        if not known:
            errors[name] = ["There is no such field to choose."]
        elif source not in ids:
            errors[name] = ["Choose one of the merged contacts."]
    if errors:
        raise Invalid({"fields": errors})


def choose_values(
    rows: Sequence[Row[Any]], choices: dict[str, int]
) -> tuple[dict[str, Any], dict[str, Any], dict[str, int]]:
    """(profile values, custom values, {field: source id}) of the merged contact."""
    by_id = {c.id: c for c in rows}
    ordered = _newest_first(rows)

    def newest_with(names: Sequence[str], read: Any) -> int:
        for contact in ordered:
            if any(not _empty(read(contact, n)) for n in names):
                return int(contact.id)
        return int(ordered[0].id)

    def attr(contact: Row[Any], name: str) -> Any:
        return getattr(contact, name)

    sources: dict[str, int] = {}
    linked = {n for group in LINKED for n in group}
    for group in [*LINKED, *((n,) for n in PROFILE_FIELDS if n not in linked)]:
        named = [choices[n] for n in group if n in choices]
        default = named[0] if named else newest_with(group, attr)
        for name in group:
            sources[name] = choices.get(name, default)
    profile = {name: getattr(by_id[src], name) for name, src in sources.items()}

    def custom_value(contact: Row[Any], key: str) -> Any:
        return (contact.custom or {}).get(key)

    keys = {k for c in rows for k in (c.custom or {})}
    keys |= {n.removeprefix(CUSTOM) for n in choices if n.startswith(CUSTOM)}
    custom: dict[str, Any] = {}
    for key in sorted(keys):
        src = choices.get(CUSTOM + key) or newest_with([key], custom_value)
        sources[CUSTOM + key] = src
        if (value := custom_value(by_id[src], key)) is not None:
            custom[key] = value
    return profile, custom, sources


def _name(contact: Row[Any]) -> str:
    return " ".join(p for p in (contact.first_name, contact.last_name) if p)


def _merged_score(session: Session, survivor: Row[Any], others: Sequence[Row[Any]]) -> int:
    delta = sum(c.score for c in others)
    score = max(-SCORE_LIMIT, min(SCORE_LIMIT, survivor.score + delta))
    if score != survivor.score:
        session.add(
            ScoreHistory(
                contact_id=survivor.id,
                delta=score - survivor.score,
                score=score,
                reason=f"merged: {', '.join(f'#{c.id}' for c in others)}"[:300],
            )
        )
    return score


def merge_rows(
    session: Session,
    principal: Principal,
    rows: Sequence[Row[Any]],
    survivor_id: int,
    choices: dict[str, int],
) -> None:
    """Merge locked, visible contact rows into `survivor_id` (the job reuses this)."""
    survivor = next(c for c in rows if c.id == survivor_id)
    others = [c for c in rows if c.id != survivor_id]
    profile, custom, sources = choose_values(rows, choices)
    if not profile["email"] and not profile["phone"]:
        raise Invalid({"fields": {"email": ["Keep an email or a phone number on the contact."]}})
    by_id = {c.id: c for c in rows}
    for other in others:
        merge_contact_rows(session, survivor.id, other.id)
    score = _merged_score(session, survivor, others)
    session.execute(
        delete(Contact)
        .where(Contact.id.in_([c.id for c in others]))
        .execution_options(synchronize_session=False)
    )
    latest = [c.last_activity_at for c in rows if c.last_activity_at is not None]
    session.execute(
        update(Contact)
        .where(Contact.id == survivor.id)
        .values(
            **profile,
            custom=custom,
            # The email's delivery status belongs to the address.
            email_status=by_id[sources["email"]].email_status,
            score=score,
            last_activity_at=max(latest, default=None),
            updated_at=datetime.now(UTC),
        )
        .execution_options(synchronize_session=False)
    )
    data = {
        "from": [{"id": c.id, "name": _name(c), "email": c.email} for c in others],
        # Only the fields whose value came from another contact.
        "fields": {n: s for n, s in sorted(sources.items()) if s != survivor.id},
    }
    activity.record(session, survivor.id, "merged", data, principal.actor)


def lock_visible(session: Session, principal: Principal, ids: Sequence[int]) -> list[Row[Any]]:
    """The contacts among `ids` the principal may see, locked against concurrent merges."""
    return list(
        session.execute(
            select(*Contact.__table__.c)
            .where(Contact.id.in_(list(ids)), visible_contacts(principal, Contact))
            .order_by(Contact.id)
            .with_for_update()
        ).all()
    )


def merge_contacts(session: Session, principal: Principal, data: dict[str, Any]) -> Row[Any]:
    ids = list(dict.fromkeys(data["ids"]))
    survivor_id, choices = data["survivor_id"], data.get("fields") or {}
    if len(ids) < 2:
        raise Invalid.field("ids", "Choose at least two different contacts to merge.")
    if survivor_id not in ids:
        raise Invalid.field("survivor_id", "Choose the contact that stays among the merged ones.")
    if len(ids) > 2:
        require_power(principal, "merge_many")
    rows = lock_visible(session, principal, ids)
    if len(rows) != len(ids):
        raise NotFound("Contact")  # the same answer for a hidden and a missing one
    _check_choices(session, rows, ids, choices)
    merge_rows(session, principal, rows, survivor_id, choices)
    return contact_detail(session, principal, survivor_id)
