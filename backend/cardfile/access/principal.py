"""Who is acting in which workspace, resolved once per request or job."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, select
from sqlalchemy.orm import Session

from cardfile.access.actor import Actor
from cardfile.access.models import ClassGrant
from cardfile.access.roles import AGENCY_ADMIN_ROLES, POWERS, Role
from cardfile.cache import VersionedCache
from cardfile.errors import Forbidden
from cardfile.tenancy.models import AgencyMember, Workspace, WorkspaceMember


@dataclass(frozen=True)
class Principal:
    user_id: int
    workspace_id: int
    role: Role
    all_contacts: bool
    # Granted classes, read once per request with the membership: the access filter compares
    # against these ids (an array), so PostgreSQL plans with the real, small set.
    class_ids: tuple[int, ...] = ()
    via: str = "user"  # "api" when the request came with an API token
    powers: frozenset[str] = frozenset()  # admin powers granted to a member (roles.POWERS)

    def can(self, role: Role) -> bool:
        return self.role >= role

    def may(self, power: str) -> bool:
        """Admins may; a member may when an admin granted them the power."""
        return self.role >= Role.ADMIN or (self.role >= Role.MEMBER and power in self.powers)

    @property
    def actor(self) -> Actor:
        return Actor(self.via, self.user_id)

    @property
    def visibility(self) -> str:
        """What decides which rows this principal sees: equal for principals who see alike."""
        return "all" if self.all_contacts else ",".join(map(str, self.class_ids))


def system_principal(workspace_id: int, via: str = "user") -> Principal:
    """Who Cardfile itself acts as (a scheduled run, a public form with via="form"): it sees
    every contact of the workspace."""
    return Principal(0, workspace_id, Role.ADMIN, True, via=via)


def require_power(principal: Principal, power: str) -> None:
    """403 unless the principal is an admin or a member granted `power` (roles.POWERS)."""
    if not principal.may(power):
        label = POWERS[power][0].lower() + POWERS[power][1:]
        raise Forbidden(f"Only admins, and members an admin allows to, may {label}.")


def effective_role(
    agency_role: str | None, member_role: str | None, member_all_contacts: bool | None
) -> tuple[Role, bool] | None:
    """Agency owners/admins are admins everywhere in their agency; others need a membership."""
    if agency_role in AGENCY_ADMIN_ROLES:
        return Role.ADMIN, True
    if member_role is None:
        return None
    role = Role.parse(member_role)
    return role, role is Role.ADMIN or bool(member_all_contacts)


ROLE_COLUMNS = (AgencyMember.role, WorkspaceMember.role, WorkspaceMember.all_contacts)


def with_user_roles(stmt: Select[Any], user_id: int) -> Select[Any]:
    """Join the user's agency role and workspace membership (either may be absent) to a
    statement over Workspace; select ROLE_COLUMNS and pass them to effective_role().
    An invitation not yet accepted grants nothing."""
    return (
        stmt.outerjoin(
            AgencyMember,
            and_(
                AgencyMember.agency_id == Workspace.agency_id,
                AgencyMember.user_id == user_id,
                AgencyMember.accepted_at.is_not(None),
            ),
        )
        .outerjoin(
            WorkspaceMember,
            and_(
                WorkspaceMember.workspace_id == Workspace.id,
                WorkspaceMember.user_id == user_id,
                WorkspaceMember.accepted_at.is_not(None),
            ),
        )
        .where(Workspace.deleted_at.is_(None))
    )


def resolve_principal(session: Session, user_id: int, workspace_id: int) -> Principal | None:
    """Role, and for a restricted member the granted classes (in the workspace schema, read
    only once the membership proves the workspace exists)."""
    stmt = select(*ROLE_COLUMNS).select_from(Workspace).where(Workspace.id == workspace_id)
    row = session.execute(with_user_roles(stmt, user_id)).first()
    if row is None:
        return None
    resolved = effective_role(*row)
    if resolved is None:
        return None
    role, all_contacts = resolved
    class_ids: tuple[int, ...] = ()
    if not all_contacts:
        grants = select(ClassGrant.contact_class_id).where(ClassGrant.user_id == user_id)
        class_ids = tuple(sorted(session.scalars(grants)))
    powers: frozenset[str] = frozenset()
    if role is Role.MEMBER:
        granted = session.scalar(
            select(WorkspaceMember.powers).where(
                WorkspaceMember.workspace_id == workspace_id, WorkspaceMember.user_id == user_id
            )
        )
        powers = frozenset(granted or ())
    return Principal(user_id, workspace_id, role, all_contacts, class_ids, powers=powers)


_principals: VersionedCache[Principal] = VersionedCache()


def current_principal(
    session: Session, user_id: int, workspace_id: int, access_version: str
) -> Principal | None:
    """resolve_principal(), reused while the access version (read for this request) stays:
    any change to memberships, grants, classes, tokens or users bumps it."""
    key = (user_id, workspace_id)
    found = _principals.get(key, access_version)
    if found is None:
        found = resolve_principal(session, user_id, workspace_id)
        if found is not None:
            _principals.put(key, access_version, found)
    return found
