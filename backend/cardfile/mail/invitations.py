"""Invitation emails: a signed, single-purpose link to set a password, sent by a mail job."""

from __future__ import annotations

from sqlalchemy.orm import Session

from cardfile import config
from cardfile.auth.models import User
from cardfile.auth.service import invitation_token
from cardfile.jobs.core import JobContext, enqueue_task, job
from cardfile.mail.transport import build_message, send_message
from cardfile.tenancy.models import Workspace


def send_invitation(session: Session, user: User, inviter_id: int) -> str:
    """Queue the invitation mail; it leaves once the membership is committed."""
    return enqueue_task(
        session, deliver_invitation, queue="mail", user_id=user.id, inviter_id=inviter_id
    )


def invitation_link(user: User) -> str:
    settings = config.current()
    return f"{settings.base_url}/invite/{invitation_token(settings.secret_key, user)}"


@job
def deliver_invitation(ctx: JobContext, user_id: int, inviter_id: int) -> dict[str, str]:
    session = ctx.session
    user, inviter = session.get(User, user_id), session.get(User, inviter_id)
    workspace = session.get(Workspace, ctx.workspace_id)
    if user is None or workspace is None or user.password_hash is not None:
        return {"status": "skipped"}
    settings = config.current()
    inviter_name = inviter.name if inviter else "A colleague"
    text = (
        f"{inviter_name} invited you to the workspace “{workspace.name}” on Cardfile.\n\n"
        f"Set your password to join:\n{invitation_link(user)}\n\n"
        "The link works once and expires in 7 days.\n"
    )
    message = build_message(
        settings.mail_from, user.email, f"You're invited to {workspace.name} on Cardfile", text
    )
    send_message(settings.smtp_url, message)
    return {"status": "sent"}
