"""Password reset emails: a signed link, valid one hour and once, sent by a platform task."""

from __future__ import annotations

from sqlalchemy.orm import Session

from cardfile import config
from cardfile.auth.models import User
from cardfile.auth.service import RESET_SECONDS, password_reset_token
from cardfile.jobs.core import JobContext, enqueue_task, job
from cardfile.mail.transport import build_message, send_message


def send_password_reset(session: Session, user: User) -> str:
    return enqueue_task(session, deliver_password_reset, platform=True, user_id=user.id)


@job(queue="mail", timeout=120)
def deliver_password_reset(ctx: JobContext, user_id: int) -> dict[str, str]:
    user = ctx.session.get(User, user_id)
    if user is None or user.password_hash is None:
        return {"status": "skipped"}
    settings = config.current()
    token = password_reset_token(settings.secret_key, user)
    link = f"{settings.base_url}/reset-password?token={token}"
    text = (
        "Someone asked to reset the password of your Cardfile account.\n\n"
        f"Choose a new password here:\n{link}\n\n"
        f"The link works once and expires in {RESET_SECONDS // 60} minutes. "
        "If you did not ask for it, ignore this email: your password stays as it is.\n"
    )
    message = build_message(settings.mail_from, user.email, "Reset your Cardfile password", text)
    send_message(settings.smtp_url, message)
    return {"status": "sent"}
