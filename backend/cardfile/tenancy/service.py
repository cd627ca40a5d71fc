"""Agencies and workspaces. Creating a workspace creates and migrates its schema."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from cardfile.access.principal import ROLE_COLUMNS, effective_role, with_user_roles
from cardfile.access.roles import AGENCY_ADMIN_ROLES
from cardfile.db.migrate import create_tenant_schema
from cardfile.db.pagination import Page, paginate
from cardfile.db.scope import schema_for
from cardfile.db.unique import save_unique
from cardfile.errors import Conflict, Forbidden, Invalid, NotFound
from cardfile.slugs import free_slug, slugify
from cardfile.tenancy.models import Agency, AgencyMember, Workspace, WorkspaceMember


@dataclass
class WorkspaceView:
    """A workspace as one user sees it: with their effective role."""

    id: int
    name: str
    time_zone: str
    agency_id: int
    agency_name: str
    role: str
    created_at: datetime
    slug: str


def create_agency(session: Session, name: str, owner_id: int) -> Agency:
    agency = Agency(name=name)
    session.add(agency)
    session.flush()
    session.add(
        AgencyMember(
            agency_id=agency.id, user_id=owner_id, role="owner", accepted_at=datetime.now(UTC)
        )
    )
    session.flush()
    return agency


DUPLICATE_NAME = "Another workspace of this agency has this name; choose another."


def _check_name_free(session: Session, agency_id: int, name: str, except_id: int | None) -> None:
    stmt = select(Workspace.id).where(
        Workspace.agency_id == agency_id,
        Workspace.deleted_at.is_(None),
        func.lower(func.btrim(Workspace.name)) == name.strip().lower(),
    )
    if except_id is not None:
        stmt = stmt.where(Workspace.id != except_id)
    if session.scalar(stmt.limit(1)) is not None:
        raise Conflict(DUPLICATE_NAME, errors={"name": [DUPLICATE_NAME]})


def create_workspace(
    session: Session, agency_id: int, name: str, time_zone: str, slug: str | None = None
) -> Workspace:
    """Insert the workspace, create `ws_<id>` and migrate it, all in the caller's transaction.
    Without a `slug`, one is made from the name (with a number added when taken)."""
    _check_name_free(session, agency_id, name, None)
    if slug:
        _check_slug_free(session, slug, None)
    else:
        slug = free_slug(slugify(name, "workspace"), lambda s: _slug_owner(session, s) is not None)
    workspace_id = session.scalar(select(func.nextval("public.workspaces_id_seq")))
    assert workspace_id is not None
    workspace = Workspace(
        id=workspace_id,
        agency_id=agency_id,
        name=name,
        time_zone=time_zone,
        schema_name=schema_for(workspace_id),
        slug=slug,
    )
    save_unique(session, workspace, "name", DUPLICATE_NAME, SLUG_CONSTRAINT)
    create_tenant_schema(session.connection(), workspace_id)
    return workspace


def _visible_workspaces(user_id: int) -> Select[Any]:
    stmt = select(Workspace, Agency.name, *ROLE_COLUMNS).join(
        Agency, Agency.id == Workspace.agency_id
    )
    return with_user_roles(stmt, user_id).where(
        or_(AgencyMember.role.in_(AGENCY_ADMIN_ROLES), WorkspaceMember.role.is_not(None))
    )


def _view(row: Any) -> WorkspaceView:
    workspace, agency_name, agency_role, member_role, all_contacts = row
    resolved = effective_role(agency_role, member_role, all_contacts)
    assert resolved is not None
    return WorkspaceView(
        id=workspace.id,
        name=workspace.name,
        time_zone=workspace.time_zone,
        agency_id=workspace.agency_id,
        agency_name=agency_name,
        role=resolved[0].label,
        created_at=workspace.created_at,
        slug=workspace.slug,
    )


WORKSPACE_SORTS = {"name": Workspace.name, "created_at": Workspace.created_at}


def list_workspaces(session: Session, user_id: int, args: dict[str, Any]) -> Page:
    page = paginate(
        session,
        _visible_workspaces(user_id),
        args,
        WORKSPACE_SORTS,
        "name",
        Workspace.id,
        scalars=False,
    )
    page.items = [_view(row) for row in page.items]
    return page


def all_workspaces(session: Session, user_id: int) -> list[WorkspaceView]:
    rows = session.execute(_visible_workspaces(user_id).order_by(Agency.name, Workspace.name))
    return [_view(row) for row in rows]


def get_workspace(session: Session, user_id: int, workspace_id: int) -> WorkspaceView:
    row = session.execute(_visible_workspaces(user_id).where(Workspace.id == workspace_id)).first()
    if row is None:
        raise NotFound("Workspace")
    return _view(row)


def user_agencies(session: Session, user_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Agency.id, Agency.name, AgencyMember.role)
        .join(AgencyMember, AgencyMember.agency_id == Agency.id)
        .where(AgencyMember.user_id == user_id, AgencyMember.accepted_at.is_not(None))
        .order_by(Agency.name)
    )
    return [{"id": r.id, "name": r.name, "role": r.role} for r in rows]


def _managed_agency(
    session: Session, user_id: int, agency_id: int | None, field_error: bool = True
) -> int:
    """The agency the user may create/delete workspaces in (owner or admin)."""
    stmt = select(AgencyMember.agency_id).where(
        AgencyMember.user_id == user_id,
        AgencyMember.role.in_(AGENCY_ADMIN_ROLES),
        AgencyMember.accepted_at.is_not(None),
    )
    if agency_id is not None:
        stmt = stmt.where(AgencyMember.agency_id == agency_id)
    found = session.scalar(stmt.order_by(AgencyMember.agency_id).limit(1))
    if found is None:
        if agency_id is not None and field_error:
            raise Invalid.field("agency_id", "You are not an owner or admin of this agency.")
        raise Forbidden("Only agency owners and admins create or delete workspaces.")
    return found


def create_workspace_for(session: Session, user_id: int, data: dict[str, Any]) -> WorkspaceView:
    agency = _managed_agency(session, user_id, data.get("agency_id"))
    workspace = create_workspace(session, agency, data["name"], data["time_zone"], data.get("slug"))
    return get_workspace(session, user_id, workspace.id)


def update_workspace(
    session: Session, user_id: int, workspace_id: int, changes: dict[str, Any]
) -> WorkspaceView:
    workspace = session.get(Workspace, workspace_id)
    if workspace is None or workspace.deleted_at is not None:
        raise NotFound("Workspace")
    if "name" in changes:
        _check_name_free(session, workspace.agency_id, changes["name"], workspace.id)
    if changes.get("slug"):
        _check_slug_free(session, changes["slug"], workspace.id)
    for key in ("name", "time_zone", "slug"):
        if key in changes:
            setattr(workspace, key, changes[key])
    save_unique(session, workspace, "name", DUPLICATE_NAME, SLUG_CONSTRAINT)
    return get_workspace(session, user_id, workspace_id)


SLUG_TAKEN = "This address is taken; choose another."
# Two workspaces taking one slug at the same moment: the loser hears about the slug.
SLUG_CONSTRAINT = {"uq_workspaces_slug": ("slug", SLUG_TAKEN)}


def _slug_owner(session: Session, slug: str) -> int | None:
    return session.scalar(select(Workspace.id).where(Workspace.slug == slug))


def _check_slug_free(session: Session, slug: str, workspace_id: int | None) -> None:
    if _slug_owner(session, slug) not in (None, workspace_id):
        raise Conflict(SLUG_TAKEN, errors={"slug": [SLUG_TAKEN]})


def delete_workspace(session: Session, user_id: int, workspace_id: int) -> None:
    """Soft delete by an agency owner/admin: hidden at once, schema kept for restore/purge."""
    workspace = session.get(Workspace, workspace_id)
    if workspace is None or workspace.deleted_at is not None:
        raise NotFound("Workspace")
    _managed_agency(session, user_id, workspace.agency_id, field_error=False)
    workspace.deleted_at = datetime.now(UTC)
