"""Who is responsible for a contact: one or more workspace members (workspace schema)."""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, literal, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from cardfile.access.owned import delete_rows, register_owned
from cardfile.db.base import TenantBase, Timestamped


class ContactOwner(Timestamped, TenantBase):
    __tablename__ = "contact_owners"
    label = "Owner"

    contact_id: Mapped[int] = mapped_column(
        ForeignKey("tenant.contacts.id", ondelete="CASCADE"), primary_key=True
    )
    # A user id (public.users): no foreign key across schemas, as notes.author_id.
    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, index=True)


def _merge_owners(session: Session, model: type, keep_id: int, merged_id: int) -> None:
    """The kept contact gets every owner of the merged one (once)."""
    owners = select(literal(keep_id), ContactOwner.user_id).where(
        ContactOwner.contact_id == merged_id
    )
    session.execute(
        insert(ContactOwner).from_select(["contact_id", "user_id"], owners).on_conflict_do_nothing()
    )
    delete_rows(session, model, merged_id)


register_owned(ContactOwner, merge=_merge_owners)
