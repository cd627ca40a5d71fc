"""An agency's page: its client workspaces and its staff. No Flask here.

Owners and admins are admins of every workspace of the agency, now and future; staff see only
the workspaces they are members of. Staff join by invitation, like workspace members.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cardfile.access.roles import AGENCY_ADMIN_ROLES
from cardfile.auth.models import User
from cardfile.db.pagination import Page, paginate
from cardfile.db.unique import save_unique
from cardfile.errors import Conflict, Forbidden, Invalid, NotFound
from cardfile.tenancy.invitations import display_name, forget_unaccepted_invitee, invitee
from cardfile.tenancy.models import Agency, AgencyMember

STAFF_SORTS = {"email": User.email, "name": User.name, "role": AgencyMember.role}


def my_role(session: Session, user_id: int, agency_id: int) -> str:
    """The caller's role in the agency; NotFound (as if it did not exist) for others."""
    role = session.scalar(
        select(AgencyMember.role).where(
            AgencyMember.agency_id == agency_id,
            AgencyMember.user_id == user_id,
            AgencyMember.accepted_at.is_not(None),
        )
    )
    if role is None:
        raise NotFound("Agency")
    return role


def require_manager(
    session: Session, user_id: int, agency_id: int, what: str = "manage its staff"
) -> str:
    role = my_role(session, user_id, agency_id)
    if role not in AGENCY_ADMIN_ROLES:
        raise Forbidden(f"Only the agency's owners and admins {what}.")
    return role


def agency_detail(session: Session, user_id: int, agency_id: int) -> dict[str, Any]:
    from cardfile.tenancy.service import all_workspaces

    role = my_role(session, user_id, agency_id)
    agency = session.get(Agency, agency_id)
    assert agency is not None
    workspaces = [
        {"id": w.id, "name": w.name, "role": w.role}
        for w in all_workspaces(session, user_id)
        if w.agency_id == agency_id
    ]
    return {
        "id": agency.id,
        "name": agency.name,
        "role": role,
        "can_manage": role in AGENCY_ADMIN_ROLES,
        "workspaces": workspaces,
    }


def _view(member: AgencyMember, user: User) -> dict[str, Any]:
    accepted = member.accepted_at is not None and user.password_hash is not None
    return {
        "user_id": user.id,
        "email": user.email,
        "name": display_name(user, accepted),
        "role": member.role,
        "status": "active" if accepted else "invited",
        "invitation_failed": member.invitation_failed_at is not None,
    }


def list_staff(session: Session, user_id: int, agency_id: int, args: dict[str, Any]) -> Page:
    my_role(session, user_id, agency_id)
    stmt = (
        select(AgencyMember, User)
        .join(User, User.id == AgencyMember.user_id)
        .where(AgencyMember.agency_id == agency_id)
    )
    page = paginate(session, stmt, args, STAFF_SORTS, "email", User.id, scalars=False)
    page.items = [_view(member, user) for member, user in page.items]
    return page


def invite_staff(
    session: Session, user_id: int, agency_id: int, email: str, role: str
) -> AgencyMember:
    my_role = require_manager(session, user_id, agency_id)
    if role == "owner" and my_role != "owner":
        raise Invalid.field("role", "Only an owner can make someone an owner.")
    person = invitee(session, email)
    if session.get(AgencyMember, (agency_id, person.id)) is not None:
        raise Conflict(
            "This person is on the agency's staff already (or invited).",
            errors={"email": ["On the agency's staff already (or invited)."]},
        )
    member = AgencyMember(agency_id=agency_id, user_id=person.id, role=role, invited_by=user_id)
    save_unique(session, member, "email", "This person was invited at the same moment.")
    return member


def staff_view(session: Session, agency_id: int, staff_id: int) -> dict[str, Any]:
    member = session.get(AgencyMember, (agency_id, staff_id))
    user = session.get(User, staff_id)
    if member is None or user is None:
        raise NotFound("Staff member")
    return _view(member, user)


def _owners_left(session: Session, agency_id: int, without: int) -> int:
    return (
        session.scalar(
            select(func.count()).where(
                AgencyMember.agency_id == agency_id,
                AgencyMember.role == "owner",
                AgencyMember.accepted_at.is_not(None),
                AgencyMember.user_id != without,
            )
        )
        or 0
    )


def _staff_member(session: Session, user_id: int, agency_id: int, staff_id: int) -> AgencyMember:
    my_role = require_manager(session, user_id, agency_id)
    member = session.get(AgencyMember, (agency_id, staff_id))
    if member is None:
        raise NotFound("Staff member")
    if member.role == "owner" and my_role != "owner":
        raise Forbidden("Only an owner can change or remove an owner.")
    return member


def change_staff_role(
    session: Session, user_id: int, agency_id: int, staff_id: int, role: str
) -> dict[str, Any]:
    member = _staff_member(session, user_id, agency_id, staff_id)
    if role == "owner" and my_role(session, user_id, agency_id) != "owner":
        raise Invalid.field("role", "Only an owner can make someone an owner.")
    if (
        member.role == "owner"
        and role != "owner"
        and not _owners_left(session, agency_id, staff_id)
    ):
        raise Conflict("An agency keeps at least one owner; make someone else owner first.")
    member.role = role
    session.flush()
    return staff_view(session, agency_id, staff_id)


def remove_staff(session: Session, user_id: int, agency_id: int, staff_id: int) -> None:
    member = _staff_member(session, user_id, agency_id, staff_id)
    if member.role == "owner" and not _owners_left(session, agency_id, staff_id):
        raise Conflict("An agency keeps at least one owner; make someone else owner first.")
    session.delete(member)
    session.flush()
    forget_unaccepted_invitee(session, staff_id)
