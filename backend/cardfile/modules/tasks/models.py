"""Tasks on a contact (workspace schema): a title, a due time, an assignee, done or not."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from cardfile.access.owned import register_owned
from cardfile.db.base import TenantBase, Timestamped, utcnow

OPEN = text("done_at IS NULL")
DONE = text("done_at IS NOT NULL")


@register_owned
class Task(Timestamped, TenantBase):
    __tablename__ = "tasks"
    __table_args__ = (
        # "My open tasks by due date" (open and overdue), and done ones newest first.
        Index("ix_tasks_assignee_open_due", "assignee_id", "due_at", postgresql_where=OPEN),
        Index("ix_tasks_assignee_done", "assignee_id", "done_at", postgresql_where=DONE),
        Index("ix_tasks_contact_done_due", "contact_id", "done_at", "due_at"),
    )
    label = "Task"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("tenant.contacts.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    due_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # User ids (public.users): no foreign key across schemas, as notes.author_id.
    assignee_id: Mapped[int | None] = mapped_column(BigInteger)
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_by_user_id: Mapped[int | None] = mapped_column(BigInteger)
    actor_kind: Mapped[str] = mapped_column(String(16), default="user", server_default="user")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
