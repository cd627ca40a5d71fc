"""Invitation emails: a signed, single-purpose link, sent by a platform mail task."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from cardfile import config
from cardfile.auth.models import User
from cardfile.db.scope import public_session
from cardfile.jobs.core import JobContext, enqueue_task, job
from cardfile.mail.transport import build_message, send_message
from cardfile.tenancy.invitations import Membership, find_membership, invitation_token
from cardfile.tenancy.models import Agency, Workspace


def send_invitation(session: Session, membership: Membership) -> str:
    """Queue the invitation mail; it leaves once the membership is committed."""
    membership.invitation_failed_at = None
    return enqueue_task(
        session,
        deliver_invitation,
        platform=True,
        invitation_id=membership.invitation_id,
    )


def _mark_failed(membership: Membership) -> None:
    """Recorded in its own transaction: the admin sees it although the task fails."""
    with public_session() as session:
        session.execute(
            update(type(membership))
            .where(type(membership).invitation_id == membership.invitation_id)
            .values(invitation_failed_at=datetime.now(UTC))
        )


@job(queue="mail", timeout=120)
def deliver_invitation(ctx: JobContext, invitation_id: int) -> dict[str, str]:
    session = ctx.session
    membership = find_membership(session, invitation_id)
    if membership is None or membership.accepted_at is not None:
        return {"status": "skipped"}
    user = session.get(User, membership.user_id)
    inviter = session.get(User, membership.invited_by) if membership.invited_by else None
    place = (
        session.get(Workspace, membership.workspace_id)
        if hasattr(membership, "workspace_id")
        else session.get(Agency, membership.agency_id)
    )
    if user is None or place is None:
        return {"status": "skipped"}
    settings = config.current()
    what = "workspace" if isinstance(place, Workspace) else "agency"
    token = invitation_token(settings.secret_key, membership, user.email)
    link = f"{settings.base_url}/invite/{token}"
    text = (
        f"{inviter.name if inviter else 'A colleague'} invited you to the {what} "
        f"“{place.name}” on Cardfile.\n\n"
        f"Open this link to join:\n{link}\n\n"
        "The link works once and expires in 7 days. If you did not expect this, ignore it.\n"
    )
    message = build_message(
        settings.mail_from, user.email, f"You're invited to {place.name} on Cardfile", text
    )
    try:
        send_message(settings.smtp_url, message)
    except Exception:
        _mark_failed(membership)
        raise
    return {"status": "sent"}
