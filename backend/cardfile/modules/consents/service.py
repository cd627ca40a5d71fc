"""Consent purposes (admins manage them) and each contact's consent history: appended to,
never changed; the current state of a purpose is its newest change."""

from __future__ import annotations

from ipaddress import ip_address
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.orm import Session

from cardfile.access.actor import actor_name
from cardfile.access.principal import Principal
from cardfile.auth.models import User
from cardfile.db.pagination import Page, paginate
from cardfile.db.unique import save_unique
from cardfile.errors import Conflict, Invalid, NotFound
from cardfile.modules.consents.models import ConsentEvent, ConsentPurpose
from cardfile.modules.contacts import activity
from cardfile.modules.contacts.custom_fields import KEY_RE, KEY_RULE, key_from_label
from cardfile.modules.contacts.service import get_contact

HISTORY_LIMIT = 1000
USER_AGENT_MAX = 500
PURPOSE_SORTS = {
    "created_at": ConsentPurpose.created_at,
    "name": ConsentPurpose.name,
    "key": ConsentPurpose.key,
}


# ---- purposes ------------------------------------------------------------------------------


def list_purposes(session: Session, args: dict[str, Any]) -> Page:
    """Built-in purposes first (the migration made them), then in the order they were added."""
    return paginate(
        session, select(ConsentPurpose), args, PURPOSE_SORTS, "created_at", ConsentPurpose.id
    )


def get_purpose(session: Session, purpose_id: int) -> ConsentPurpose:
    found = session.get(ConsentPurpose, purpose_id)
    if found is None:
        raise NotFound("Consent purpose")
    return found


def create_purpose(session: Session, data: dict[str, Any]) -> ConsentPurpose:
    key = data.get("key") or key_from_label(data["name"])
    if not KEY_RE.match(key):
        raise Invalid.field("key", KEY_RULE)
    purpose = ConsentPurpose(key=key, name=data["name"], description=data.get("description"))
    save_unique(session, purpose, "key", "A consent purpose with this key exists.")
    return purpose


def update_purpose(session: Session, purpose_id: int, data: dict[str, Any]) -> ConsentPurpose:
    """Name and description only: the key is what integrations send and proof refers to."""
    purpose = get_purpose(session, purpose_id)
    for name in ("name", "description"):
        if name in data:
            setattr(purpose, name, data[name])
    session.flush()
    return purpose


def delete_purpose(session: Session, purpose_id: int) -> None:
    """Built-in purposes stay; so does a purpose with recorded consents (they are proof):
    rename it instead."""
    purpose = get_purpose(session, purpose_id)
    if purpose.built_in:
        raise Conflict("Built-in consent purposes cannot be deleted; rename it instead.")
    if session.scalar(select(exists().where(ConsentEvent.purpose_id == purpose.id))):
        raise Conflict(
            "Consents were recorded for this purpose and are kept as proof, so it cannot be "
            "deleted; rename it instead."
        )
    session.delete(purpose)
    session.flush()  # the FK (RESTRICT) catches a consent recorded meanwhile: a 409


# ---- a contact's consents ------------------------------------------------------------------


def _event_view(event: ConsentEvent, purpose: ConsentPurpose, user: str | None) -> dict[str, Any]:
    return {
        "id": event.id,
        "purpose": purpose.key,
        "purpose_name": purpose.name,
        "state": event.state,
        "source": event.source,
        "proof_text": event.proof_text,
        "ip": event.ip,
        "user_agent": event.user_agent,
        "actor_kind": event.actor_kind,
        "actor_name": actor_name(event.actor_kind, user),
        "at": event.created_at,
    }


def _events(contact_id: int) -> Any:
    return (
        select(ConsentEvent, ConsentPurpose, User.name)
        .join(ConsentPurpose, ConsentPurpose.id == ConsentEvent.purpose_id)
        .outerjoin(User, User.id == ConsentEvent.actor_user_id)
        .where(ConsentEvent.contact_id == contact_id)
    )


def contact_consents(session: Session, principal: Principal, contact_id: int) -> dict[str, Any]:
    """Every purpose's current state ("unknown" when never set) and the history, newest first."""
    get_contact(session, principal, contact_id)
    newest = session.execute(
        _events(contact_id)
        .order_by(ConsentEvent.purpose_id, ConsentEvent.created_at.desc(), ConsentEvent.id.desc())
        .ext(distinct_on(ConsentEvent.purpose_id))
    ).all()
    latest = {purpose.id: _event_view(e, purpose, user) for e, purpose, user in newest}
    purposes = session.scalars(
        select(ConsentPurpose).order_by(ConsentPurpose.created_at, ConsentPurpose.id)
    )
    never = dict.fromkeys(("source", "at", "proof_text", "ip", "user_agent", "actor_name"))
    current = []
    for purpose in purposes:
        if event := latest.get(purpose.id):
            current.append({k: v for k, v in event.items() if k not in ("id", "actor_kind")})
        else:
            current.append(
                {**never, "purpose": purpose.key, "purpose_name": purpose.name, "state": "unknown"}
            )
    history = session.execute(
        _events(contact_id)
        .order_by(ConsentEvent.created_at.desc(), ConsentEvent.id.desc())
        .limit(HISTORY_LIMIT)
    ).all()
    return {"current": current, "history": [_event_view(*row) for row in history]}


def _ip(value: str | None) -> str | None:
    try:
        # An IPv6 zone ("fe80::1%eth0") says nothing about the person: dropped.
        return str(ip_address(value.partition("%")[0])) if value else None
    except ValueError:
        return None


def record_consent(
    session: Session,
    principal: Principal,
    contact_id: int,
    data: dict[str, Any],
    ip: str | None,
    user_agent: str | None,
) -> dict[str, Any]:
    """Append a grant or withdrawal with its proof; `ip` and `user_agent` are the caller's."""
    contact = get_contact(session, principal, contact_id)
    purpose = session.scalar(select(ConsentPurpose).where(ConsentPurpose.key == data["purpose"]))
    if purpose is None:
        raise Invalid.field("purpose", "No such consent purpose; choose one from the list.")
    if data["state"] == "granted" and not data.get("proof_text"):
        raise Invalid.field(
            "proof_text", "Enter the exact text the person agreed to (it is the proof)."
        )
    actor = principal.actor
    event = ConsentEvent(
        contact_id=contact.id,
        purpose_id=purpose.id,
        state=data["state"],
        source=data["source"],
        proof_text=data.get("proof_text"),
        ip=_ip(ip),
        user_agent=(user_agent or None) and user_agent[:USER_AGENT_MAX],
        actor_kind=actor.kind,
        actor_user_id=actor.user_id,
    )
    session.add(event)
    session.flush()
    activity.record(
        session,
        contact.id,
        "consent_changed",
        {"purpose": purpose.key, "state": event.state, "source": event.source},
        actor,
    )
    user = session.get(User, actor.user_id).name if actor.user_id else None
    return _event_view(event, purpose, user)
