"""Contact classes and which members may see which (workspace schema)."""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Index, String, func
from sqlalchemy.orm import Mapped, mapped_column

from cardfile.db.base import TenantBase, Timestamped


class ContactClass(Timestamped, TenantBase):
    __tablename__ = "contact_classes"
    __access__ = True  # a change bumps the access version (cache.py)
    __table_args__ = (Index("uq_contact_classes_name_lower", func.lower("name"), unique=True),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    color: Mapped[str] = mapped_column(String(16), default="gray")


class ClassGrant(TenantBase):
    """A restricted member (all_contacts = false) sees contacts of the classes granted here."""

    __tablename__ = "class_grants"
    __access__ = True  # a change bumps the access version (cache.py)

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    contact_class_id: Mapped[int] = mapped_column(
        ForeignKey("tenant.contact_classes.id", ondelete="CASCADE"), primary_key=True, index=True
    )
