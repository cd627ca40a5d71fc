"""Members of a workspace: roles, class grants, invitations. No Flask here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, literal, select, union_all
from sqlalchemy.orm import Session

from cardfile.access.models import ClassGrant, ContactClass
from cardfile.access.principal import Principal
from cardfile.access.roles import AGENCY_ADMIN_ROLES, Role
from cardfile.auth.models import User
from cardfile.db.pagination import Page, paginate
from cardfile.db.unique import save_unique
from cardfile.errors import Conflict, Invalid, NotFound
from cardfile.tenancy.invitations import display_name, forget_unaccepted_invitee, invitee
from cardfile.tenancy.models import AgencyMember, Workspace, WorkspaceMember


@dataclass
class MemberView:
    user_id: int
    email: str
    name: str
    role: str
    all_contacts: bool
    status: str
    via_agency: bool = False
    contact_class_ids: list[int] = field(default_factory=list)
    invitation_failed: bool = False
    powers: list[str] = field(default_factory=list)


def _grants(session: Session, user_ids: Iterable[int]) -> dict[int, list[int]]:
    grants: dict[int, list[int]] = {}
    rows = session.execute(
        select(ClassGrant.user_id, ClassGrant.contact_class_id)
        .where(ClassGrant.user_id.in_(list(user_ids)))
        .order_by(ClassGrant.contact_class_id)
    )
    for user_id, class_id in rows:
        grants.setdefault(user_id, []).append(class_id)
    return grants


def memberships_of(workspace_id: int) -> Any:
    """Explicit members, plus the agency's owners/admins (admins here by agency role)."""
    explicit = select(
        WorkspaceMember.user_id,
        WorkspaceMember.role,
        WorkspaceMember.all_contacts,
        literal(False).label("via_agency"),
        WorkspaceMember.created_at,
        WorkspaceMember.accepted_at,
        WorkspaceMember.invitation_failed_at,
    ).where(WorkspaceMember.workspace_id == workspace_id)
    agency = (
        select(
            AgencyMember.user_id,
            literal("admin").label("role"),
            literal(True).label("all_contacts"),
            literal(True).label("via_agency"),
            AgencyMember.created_at,
            AgencyMember.accepted_at,
            AgencyMember.invitation_failed_at,
        )
        .join(Workspace, Workspace.agency_id == AgencyMember.agency_id)
        .where(
            Workspace.id == workspace_id,
            AgencyMember.role.in_(AGENCY_ADMIN_ROLES),
            AgencyMember.accepted_at.is_not(None),
            AgencyMember.user_id.not_in(explicit.with_only_columns(WorkspaceMember.user_id)),
        )
    )
    return union_all(explicit, agency).subquery("memberships")


def _members_stmt(workspace_id: int) -> tuple[Any, Any]:
    m = memberships_of(workspace_id)
    return select(m, User).join(User, User.id == m.c.user_id), m


def _powers(session: Session, workspace_id: int, user_ids: list[int]) -> dict[int, list[str]]:
    rows = session.execute(
        select(WorkspaceMember.user_id, WorkspaceMember.powers).where(
            WorkspaceMember.workspace_id == workspace_id, WorkspaceMember.user_id.in_(user_ids)
        )
    )
    return {user_id: sorted(powers or []) for user_id, powers in rows}


def _member_views(session: Session, workspace_id: int, rows: list[Any]) -> list[MemberView]:
    grants = _grants(session, [row.User.id for row in rows])
    powers = _powers(session, workspace_id, [row.User.id for row in rows])
    views = []
    for row in rows:
        accepted = row.accepted_at is not None and row.User.password_hash is not None
        views.append(
            MemberView(
                user_id=row.User.id,
                email=row.User.email,
                name=display_name(row.User, accepted),
                role=row.role,
                all_contacts=row.all_contacts,
                via_agency=row.via_agency,
                status="active" if accepted else "invited",
                contact_class_ids=[] if row.all_contacts else grants.get(row.User.id, []),
                invitation_failed=row.invitation_failed_at is not None,
                powers=[] if row.role == "admin" else powers.get(row.User.id, []),
            )
        )
    return views


def list_members(session: Session, principal: Principal, args: dict[str, Any]) -> Page:
    stmt, m = _members_stmt(principal.workspace_id)
    sorts = {"email": User.email, "name": User.name, "role": m.c.role, "created_at": m.c.created_at}
    page = paginate(session, stmt, args, sorts, "email", User.id, scalars=False)
    page.items = _member_views(session, principal.workspace_id, list(page.items))
    return page


def get_member(session: Session, workspace_id: int, user_id: int) -> MemberView:
    member = _membership_of(session, workspace_id, user_id)
    if member is None:
        raise NotFound("Member")
    return member


def _check_access(
    session: Session, role: str, all_contacts: bool, class_ids: list[int]
) -> tuple[bool, list[int]]:
    if Role.parse(role) is Role.ADMIN:
        return True, []
    if all_contacts:
        return True, []
    if not class_ids:
        raise Invalid.field(
            "contact_class_ids", "Grant at least one contact class, or all contacts."
        )
    known = set(session.scalars(select(ContactClass.id).where(ContactClass.id.in_(class_ids))))
    unknown = sorted(set(class_ids) - known)
    if unknown:
        raise Invalid.field("contact_class_ids", f"Unknown contact class id(s): {unknown}.")
    return False, sorted(set(class_ids))


def _set_grants(session: Session, user_id: int, class_ids: list[int]) -> None:
    session.execute(delete(ClassGrant).where(ClassGrant.user_id == user_id))
    session.add_all(ClassGrant(user_id=user_id, contact_class_id=c) for c in class_ids)


def add_member(
    session: Session,
    principal: Principal,
    email: str,
    role: str,
    all_contacts: bool,
    class_ids: list[int],
) -> WorkspaceMember:
    """Invite someone: the membership grants nothing until they accept (known addresses and
    unknown ones are treated alike, so the answer reveals no account)."""
    all_contacts, class_ids = _check_access(session, role, all_contacts, class_ids)
    user = invitee(session, email)
    existing = _membership_of(session, principal.workspace_id, user.id)
    if existing is not None:
        how = {
            (True, "active"): "as an agency owner or admin",
            (False, "active"): "already",
        }.get((existing.via_agency, existing.status), "invited already")
        raise Conflict(
            f"This person is a member {how}.",
            errors={"email": [f"A member of this workspace {how}."]},
        )
    membership = WorkspaceMember(
        workspace_id=principal.workspace_id,
        user_id=user.id,
        role=role,
        all_contacts=all_contacts,
        invited_by=principal.user_id,
    )
    _set_grants(session, user.id, class_ids)
    save_unique(session, membership, "email", "This person was invited at the same moment.")
    return membership


def _membership_of(session: Session, workspace_id: int, user_id: int) -> MemberView | None:
    stmt, m = _members_stmt(workspace_id)
    row = session.execute(stmt.where(m.c.user_id == user_id)).first()
    return _member_views(session, workspace_id, [row])[0] if row is not None else None


def _explicit_member(session: Session, workspace_id: int, user_id: int) -> WorkspaceMember:
    member = session.get(WorkspaceMember, (workspace_id, user_id))
    if member is None:
        if get_member(session, workspace_id, user_id).via_agency:
            raise Conflict("Agency owners and admins are admins of every workspace of the agency.")
        raise NotFound("Member")
    return member


def update_member(
    session: Session, principal: Principal, user_id: int, data: dict[str, Any]
) -> MemberView:
    member = _explicit_member(session, principal.workspace_id, user_id)
    current = get_member(session, principal.workspace_id, user_id)
    role = data.get("role", member.role)
    if user_id == principal.user_id and role != member.role:
        raise Invalid.field("role", "You cannot change your own role.")
    all_contacts, class_ids = _check_access(
        session,
        role,
        data.get("all_contacts", member.all_contacts),
        data.get("contact_class_ids", current.contact_class_ids),
    )
    member.role, member.all_contacts = role, all_contacts
    if "powers" in data:
        member.powers = sorted(set(data["powers"]))
    if role != "member":
        member.powers = []  # admins have them all; viewers none
    _set_grants(session, user_id, class_ids)
    session.flush()
    return get_member(session, principal.workspace_id, user_id)


def remove_member(session: Session, principal: Principal, user_id: int) -> None:
    member = _explicit_member(session, principal.workspace_id, user_id)
    if user_id == principal.user_id:
        raise Invalid.field("user_id", "You cannot remove yourself.")
    session.execute(delete(ClassGrant).where(ClassGrant.user_id == user_id))
    session.delete(member)
    session.flush()
    forget_unaccepted_invitee(session, user_id)


def pending_invitation(session: Session, workspace_id: int, user_id: int) -> WorkspaceMember:
    """A membership of this workspace whose invitation is not accepted yet."""
    membership = session.get(WorkspaceMember, (workspace_id, user_id))
    if membership is None:
        raise NotFound("Member")
    user = session.get(User, user_id)
    if membership.accepted_at is not None and user is not None and user.password_hash:
        raise Conflict("This member has already accepted their invitation.")
    return membership
