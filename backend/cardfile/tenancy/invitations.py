"""Invitations into a workspace or an agency. No Flask here.

A membership row starts as an invitation (accepted_at NULL) and grants nothing until its
invitee accepts: in the app (GET /me/invitations) or through the emailed link. Inviting answers
the same whether or not the address has an account, and shows no name it did not choose.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from cardfile.auth.models import User
from cardfile.auth.passwords import hash_password
from cardfile.auth.tokens import LinkSigner
from cardfile.errors import Gone, Invalid, NotFound, Unauthorized
from cardfile.tenancy.models import Agency, AgencyMember, Workspace, WorkspaceMember

INVITATION_DAYS = 7
Membership = WorkspaceMember | AgencyMember


@dataclass
class PendingInvitation:
    id: int
    workspace_id: int | None
    workspace_name: str | None
    agency_id: int
    agency_name: str
    role: str
    invited_by: str


def invitee(session: Session, email: str) -> User:
    """The account for an address, created without a password when there is none."""
    email = email.strip()
    user = session.scalar(select(User).where(func.lower(User.email) == email.lower()))
    if user is None:
        user = User(email=email, name=email.split("@")[0], password_hash=None)
        session.add(user)
        session.flush()
    return user


def forget_unaccepted_invitee(session: Session, user_id: int) -> None:
    """An invitee who never set a password and belongs nowhere else is removed entirely,
    so their email is free to sign up (and the old link stops working)."""
    user = session.get(User, user_id)
    if user is None or user.password_hash is not None:
        return
    for model in (WorkspaceMember, AgencyMember):
        if session.scalar(select(func.count()).where(model.user_id == user_id)):
            return
    session.delete(user)


def display_name(user: User, accepted: bool) -> str:
    """Until they accept, invitees are shown by address: their account's name is theirs."""
    return user.name if accepted else user.email.split("@")[0]


def _pending_rows(session: Session, user_id: int) -> list[PendingInvitation]:
    inviter = aliased(User)
    workspace_rows = session.execute(
        select(WorkspaceMember, Workspace, Agency.name, inviter.name)
        .join(Workspace, Workspace.id == WorkspaceMember.workspace_id)
        .join(Agency, Agency.id == Workspace.agency_id)
        .outerjoin(inviter, inviter.id == WorkspaceMember.invited_by)
        .where(
            WorkspaceMember.user_id == user_id,
            WorkspaceMember.accepted_at.is_(None),
            Workspace.deleted_at.is_(None),
        )
    )
    agency_rows = session.execute(
        select(AgencyMember, Agency.name, inviter.name)
        .join(Agency, Agency.id == AgencyMember.agency_id)
        .outerjoin(inviter, inviter.id == AgencyMember.invited_by)
        .where(AgencyMember.user_id == user_id, AgencyMember.accepted_at.is_(None))
    )
    found = [
        PendingInvitation(m.invitation_id, w.id, w.name, w.agency_id, a, m.role, i or "A colleague")
        for m, w, a, i in workspace_rows
    ] + [
        PendingInvitation(m.invitation_id, None, None, m.agency_id, a, m.role, i or "A colleague")
        for m, a, i in agency_rows
    ]
    return sorted(found, key=lambda p: p.id)


def pending_for(session: Session, user_id: int) -> list[PendingInvitation]:
    return _pending_rows(session, user_id)


def find_membership(session: Session, invitation_id: int) -> Membership | None:
    for model in (WorkspaceMember, AgencyMember):
        row = session.scalar(select(model).where(model.invitation_id == invitation_id))
        if row is not None:
            return row
    return None


def _own_pending(session: Session, user_id: int, invitation_id: int) -> Membership:
    membership = find_membership(session, invitation_id)
    if membership is None or membership.user_id != user_id or membership.accepted_at is not None:
        raise NotFound("Invitation")
    return membership


def accept(session: Session, user_id: int, invitation_id: int) -> dict[str, Any]:
    membership = _own_pending(session, user_id, invitation_id)
    membership.accepted_at = datetime.now(UTC)
    session.flush()
    return {
        "workspace_id": getattr(membership, "workspace_id", None),
        "agency_id": _agency_of(session, membership),
    }


def decline(session: Session, user_id: int, invitation_id: int) -> None:
    # Class grants stay in the workspace schema: without a membership they grant nothing, and
    # a new invitation replaces them.
    session.delete(_own_pending(session, user_id, invitation_id))
    session.flush()


def _agency_of(session: Session, membership: Membership) -> int:
    if isinstance(membership, AgencyMember):
        return membership.agency_id
    return session.scalar(
        select(Workspace.agency_id).where(Workspace.id == membership.workspace_id)
    )  # type: ignore[return-value]


# ---- the emailed link ------------------------------------------------------------------------


def _signer(secret_key: str) -> LinkSigner:
    return LinkSigner(secret_key, "invitation", max_age=INVITATION_DAYS * 86400)


def invitation_token(secret_key: str, membership: Membership, email: str) -> str:
    return _signer(secret_key).dumps({"i": membership.invitation_id, "e": email.lower()})


def _from_link(session: Session, secret_key: str, token: str) -> tuple[Membership, User]:
    signer = _signer(secret_key)
    data = signer.loads(token)
    if data is None:
        if signer.expired(token):
            raise Gone("This invitation has expired. Ask the person who invited you to resend it.")
        raise Invalid.field("token", "This invitation link is not valid. Check the address.")
    membership = find_membership(session, int(data.get("i") or 0))
    user = session.get(User, membership.user_id) if membership is not None else None
    if membership is None or user is None or user.email.lower() != data.get("e"):
        raise Gone("This invitation was withdrawn. Ask the person who invited you for a new one.")
    if membership.accepted_at is not None:
        raise Gone("This invitation was already accepted. Log in to open the workspace.")
    return membership, user


def link_info(session: Session, secret_key: str, token: str) -> dict[str, Any]:
    membership, user = _from_link(session, secret_key, token)
    inviter = session.get(User, membership.invited_by) if membership.invited_by else None
    if isinstance(membership, WorkspaceMember):
        workspace = session.get(Workspace, membership.workspace_id)
        place = workspace.name if workspace else ""
    else:
        agency = session.get(Agency, membership.agency_id)
        place = agency.name if agency else ""
    return {
        "email": user.email,
        "workspace_name": place,
        "invited_by": inviter.name if inviter else "A colleague",
        "account_exists": user.password_hash is not None,
        "kind": "workspace" if isinstance(membership, WorkspaceMember) else "agency",
    }


def accept_link(
    session: Session,
    secret_key: str,
    token: str,
    signed_in_user_id: int | None,
    name: str | None,
    password: str | None,
) -> User:
    """A new invitee sets name and password; an existing account must be signed in as itself."""
    membership, user = _from_link(session, secret_key, token)
    if user.password_hash is None:
        missing = {
            field: ["Enter your name." if field == "name" else "Choose a password."]
            for field, value in (("name", name), ("password", password))
            if not value
        }
        if missing:
            raise Invalid(missing)
        user.name, user.password_hash = name, hash_password(password)  # type: ignore[arg-type]
    elif signed_in_user_id != user.id:
        raise Unauthorized(f"Log in as {user.email} to accept this invitation.")
    membership.accepted_at = datetime.now(UTC)
    session.flush()
    return user
