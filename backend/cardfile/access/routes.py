from __future__ import annotations

from typing import Any

from flask.views import MethodView

from cardfile.access import classes, members
from cardfile.access.schemas import (
    ClassListArgs,
    ContactClassInSchema,
    ContactClassPageSchema,
    ContactClassPatchSchema,
    ContactClassSchema,
    MemberCreateSchema,
    MemberListArgs,
    MemberPageSchema,
    MemberSchema,
    MemberUpdateSchema,
)
from cardfile.api.blueprint import WorkspaceBlueprint
from cardfile.api.context import db, principal
from cardfile.api.limits import invitation_limit, inviter_key
from cardfile.extensions import limiter
from cardfile.mail import invitations

members_blp = WorkspaceBlueprint("members", __name__, description="Members, roles, class grants")
classes_blp = WorkspaceBlueprint("contact_classes", __name__, description="Contact classes")


@members_blp.route("")
class Members(MethodView):
    @members_blp.arguments(MemberListArgs, location="query")
    @members_blp.response(200, MemberPageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        return members.list_members(db(), principal(), args)

    @limiter.limit(invitation_limit, key_func=inviter_key)
    @members_blp.arguments(MemberCreateSchema)
    @members_blp.response(201, MemberSchema)
    def post(self, data: dict[str, Any]) -> Any:
        """Invite someone by email (status "invited" until they accept, for every address)"""
        membership = members.add_member(
            db(),
            principal(),
            data["email"],
            data["role"],
            data["all_contacts"],
            data["contact_class_ids"],
        )
        invitations.send_invitation(db(), membership)
        return members.get_member(db(), principal().workspace_id, membership.user_id)


@members_blp.route("/<int:user_id>/resend-invitation", methods=["POST"])
@limiter.limit(invitation_limit, key_func=inviter_key)
@members_blp.response(202)
def resend_invitation(user_id: int) -> None:
    """Email the invitation link again to someone who has not accepted yet"""
    membership = members.pending_invitation(db(), principal().workspace_id, user_id)
    invitations.send_invitation(db(), membership)


@members_blp.route("/<int:user_id>")
class MemberDetail(MethodView):
    @members_blp.response(200, MemberSchema)
    def get(self, user_id: int) -> Any:
        return members.get_member(db(), principal().workspace_id, user_id)

    @members_blp.arguments(MemberUpdateSchema)
    @members_blp.response(200, MemberSchema)
    def patch(self, data: dict[str, Any], user_id: int) -> Any:
        return members.update_member(db(), principal(), user_id, data)

    @members_blp.response(204)
    def delete(self, user_id: int) -> None:
        members.remove_member(db(), principal(), user_id)


@classes_blp.route("")
class ContactClasses(MethodView):
    @classes_blp.arguments(ClassListArgs, location="query")
    @classes_blp.response(200, ContactClassPageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Classes visible to me, with the number of contacts I can see in each"""
        return classes.list_classes(db(), principal(), args)

    @classes_blp.arguments(ContactClassInSchema)
    @classes_blp.response(201, ContactClassSchema)
    def post(self, data: dict[str, Any]) -> Any:
        return classes.create_class(db(), data)


@classes_blp.route("/<int:class_id>")
class ContactClassDetail(MethodView):
    @classes_blp.response(200, ContactClassSchema)
    def get(self, class_id: int) -> Any:
        return classes.class_detail(db(), principal(), class_id)

    @classes_blp.arguments(ContactClassPatchSchema)
    @classes_blp.response(200, ContactClassSchema)
    def patch(self, data: dict[str, Any], class_id: int) -> Any:
        return classes.update_class(db(), principal(), class_id, data)

    @classes_blp.response(204)
    def delete(self, class_id: int) -> None:
        """Delete a class that no contact belongs to any more (409 otherwise)"""
        classes.delete_class(db(), principal(), class_id)
