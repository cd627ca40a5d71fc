"""Agencies, workspaces and who belongs to them (public schema)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Sequence,
    String,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from cardfile.db.base import PublicBase, Timestamped


class Agency(Timestamped, PublicBase):
    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # Deliverability protection: a client workspace's sending pauses above these rates (%).
    bounce_limit: Mapped[float] = mapped_column(Float, default=5.0, server_default="5.0")
    complaint_limit: Mapped[float] = mapped_column(Float, default=0.1, server_default="0.1")


INVITATION_IDS = Sequence("invitation_ids", schema="public")


class Invited:
    """A membership starts as an invitation: it grants nothing until accepted_at is set."""

    invitation_id: Mapped[int] = mapped_column(
        BigInteger, INVITATION_IDS, server_default=INVITATION_IDS.next_value(), unique=True
    )
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    invited_by: Mapped[int | None] = mapped_column(
        ForeignKey("public.users.id", ondelete="SET NULL")
    )
    invitation_failed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AgencyMember(Invited, Timestamped, PublicBase):
    """owner/admin act as admin in every workspace of the agency; staff only where invited."""

    __tablename__ = "agency_members"
    __access__ = True  # a change bumps the access version (cache.py)

    agency_id: Mapped[int] = mapped_column(
        ForeignKey("public.agencies.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("public.users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(16))


class Workspace(Timestamped, PublicBase):
    __tablename__ = "workspaces"
    __table_args__ = (
        Index(
            "uq_workspaces_agency_name",
            "agency_id",
            text("lower(btrim(name))"),
            unique=True,
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )
    __access__ = True  # a change bumps the access version (cache.py)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    agency_id: Mapped[int] = mapped_column(
        ForeignKey("public.agencies.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")
    schema_name: Mapped[str] = mapped_column(String(63), unique=True)
    # The workspace's address on public pages (/p/<slug>, /book/<slug>/...): never its id or
    # schema name. Set at creation from the name; admins may change it.
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    # Deleting is soft: the schema stays until purged, so a mistaken delete can be undone.
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class WorkspaceMember(Invited, Timestamped, PublicBase):
    """A user's role in one workspace. Granted contact classes live in the workspace schema."""

    __tablename__ = "workspace_members"
    __access__ = True  # a change bumps the access version (cache.py)

    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("public.workspaces.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("public.users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(16))
    all_contacts: Mapped[bool] = mapped_column(Boolean, default=True)
    # Admin powers granted to this member (access/roles.py POWERS), e.g. ["export"].
    powers: Mapped[list[str]] = mapped_column(ARRAY(String(32)), default=list, server_default="{}")
