"""Files on a contact (workspace schema): the row here, the bytes in storage (files/storage.py)."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from sqlalchemy import BigInteger, ForeignKey, Index, String, delete
from sqlalchemy.orm import Mapped, Session, mapped_column

from cardfile.access.owned import register_owned
from cardfile.db.base import TenantBase, Timestamped
from cardfile.db.hooks import after_commit
from cardfile.files.storage import get_storage

log = logging.getLogger(__name__)


class ContactFile(Timestamped, TenantBase):
    __tablename__ = "contact_files"
    __table_args__ = (Index("ix_contact_files_contact_created", "contact_id", "created_at"),)
    label = "File"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("tenant.contacts.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(255))  # as uploaded, sanitised
    content_type: Mapped[str] = mapped_column(String(128))  # sniffed from the bytes
    size: Mapped[int] = mapped_column(BigInteger)
    storage_key: Mapped[str] = mapped_column(String(255), unique=True)
    sha256: Mapped[str | None] = mapped_column(String(64))
    uploaded_by_user_id: Mapped[int | None] = mapped_column(BigInteger)
    actor_kind: Mapped[str] = mapped_column(String(16), default="user", server_default="user")


def remove_blobs_after_commit(session: Session, keys: Iterable[str]) -> None:
    """Delete stored files once the rows that named them are gone for good (never when the
    transaction rolls back: the rows, and so the files, are still there)."""
    keys = list(keys)
    if not keys:
        return

    def remove() -> None:
        storage = get_storage()
        for key in keys:
            try:
                storage.delete(key)
            except Exception:  # the commit happened: a leftover file must not fail the request
                log.exception("could not delete stored file %s", key)

    after_commit(session, remove)


def erase_files(session: Session, model: type, contact_id: int) -> None:
    """An erasure deletes the rows, and their files after the commit."""
    keys = session.scalars(
        delete(ContactFile)
        .where(ContactFile.contact_id == contact_id)
        .returning(ContactFile.storage_key)
        .execution_options(synchronize_session=False)
    ).all()
    remove_blobs_after_commit(session, keys)


# A merge moves the rows to the kept contact (the default); an export lists every column.
register_owned(ContactFile, erase=erase_files)
