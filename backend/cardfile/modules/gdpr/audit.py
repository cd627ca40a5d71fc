"""The workspace's audit log of privacy actions. Entries name a contact only by its id and
never copy personal data (no names, addresses or phones)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from cardfile.access.actor import Actor
from cardfile.modules.contacts.activity import Happened
from cardfile.modules.gdpr.models import AuditEntry


def subject_of(contact_id: int) -> str:
    return f"contact:{contact_id}"


def audit(
    session: Session,
    action: str,
    subject: str,
    actor: Actor | None,
    details: dict[str, Any] | None = None,
) -> None:
    """One audit entry. `subject` and `details` must hold no personal data."""
    session.add(
        AuditEntry(
            action=action,
            subject=subject,
            actor_user_id=actor.user_id if actor else None,
            details=details or {},
        )
    )


def audit_tracking(session: Session, rows: Sequence[Happened], actor: Actor) -> None:
    """Activity listener: a change of `tracking_disabled` (PATCH contacts/{c}) is audited."""
    for row in rows:
        if row.kind != "updated":
            continue
        change = (row.data.get("changes") or {}).get("tracking_disabled")
        if change:
            action = "tracking_disabled" if change[1] else "tracking_enabled"
            audit(session, action, subject_of(row.contact_id), actor)
