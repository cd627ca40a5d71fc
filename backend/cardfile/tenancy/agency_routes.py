from __future__ import annotations

from typing import Any

from flask.views import MethodView

from cardfile.api.blueprint import ApiBlueprint
from cardfile.api.context import current_user_id, db
from cardfile.api.limits import invitation_limit, inviter_key
from cardfile.extensions import limiter
from cardfile.mail.invitations import send_invitation
from cardfile.tenancy import staff
from cardfile.tenancy.schemas import (
    AgencySchema,
    StaffInviteSchema,
    StaffListArgs,
    StaffPageSchema,
    StaffPatchSchema,
    StaffSchema,
)

blp = ApiBlueprint("agencies", __name__, description="Agencies: client workspaces and staff")


@blp.url_value_preprocessor
def _agency_of_mine(endpoint: str | None, values: dict[str, Any] | None) -> None:
    """Someone else's agency is a 404 before anything else, the body's validation included."""
    if values and "agency_id" in values:
        staff.my_role(db(), current_user_id(), values["agency_id"])


@blp.route("/<int:agency_id>")
@blp.response(200, AgencySchema)
def agency(agency_id: int) -> Any:
    """The agency, my role in it, and the client workspaces I can open"""
    return staff.agency_detail(db(), current_user_id(), agency_id)


@blp.route("/<int:agency_id>/staff")
class Staff(MethodView):
    @blp.arguments(StaffListArgs, location="query")
    @blp.response(200, StaffPageSchema)
    def get(self, args: dict[str, Any], agency_id: int) -> Any:
        return staff.list_staff(db(), current_user_id(), agency_id, args)

    @limiter.limit(invitation_limit, key_func=inviter_key)
    @blp.arguments(StaffInviteSchema)
    @blp.response(201, StaffSchema)
    def post(self, data: dict[str, Any], agency_id: int) -> Any:
        """Invite someone to the staff: owner or admin (admin of every workspace) or staff
        (only workspaces they are added to)"""
        member = staff.invite_staff(db(), current_user_id(), agency_id, data["email"], data["role"])
        send_invitation(db(), member)
        return staff.staff_view(db(), agency_id, member.user_id)


@blp.route("/<int:agency_id>/staff/<int:user_id>")
class StaffMember(MethodView):
    @blp.arguments(StaffPatchSchema)
    @blp.response(200, StaffSchema)
    def patch(self, data: dict[str, Any], agency_id: int, user_id: int) -> Any:
        return staff.change_staff_role(db(), current_user_id(), agency_id, user_id, data["role"])

    @blp.response(204)
    def delete(self, agency_id: int, user_id: int) -> None:
        staff.remove_staff(db(), current_user_id(), agency_id, user_id)
