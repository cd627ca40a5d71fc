from __future__ import annotations

from typing import Any

from flask.views import MethodView

from cardfile.api.blueprint import WorkspaceBlueprint
from cardfile.api.context import db, principal
from cardfile.modules.owners import service
from cardfile.modules.owners.schemas import (
    OwnedContactListArgs,
    OwnedContactPageSchema,
    OwnerListSchema,
    OwnersInSchema,
    ResponsibleListSchema,
)

owners_blp = WorkspaceBlueprint("owners", __name__, description="A contact's owners")
responsibles_blp = WorkspaceBlueprint(
    "responsibles", __name__, description="Members with the contacts they are responsible for"
)


@owners_blp.route("")
class Owners(MethodView):
    @owners_blp.response(200, OwnerListSchema)
    def get(self, contact_id: int) -> Any:
        """The members responsible for the contact"""
        return service.list_owners(db(), principal(), contact_id)

    @owners_blp.arguments(OwnersInSchema)
    @owners_blp.response(200, OwnerListSchema)
    def put(self, data: dict[str, Any], contact_id: int) -> Any:
        """Replace the owners (each a member of the workspace)"""
        return service.set_owners(db(), principal(), contact_id, data["user_ids"])


@responsibles_blp.route("")
class Responsibles(MethodView):
    @responsibles_blp.response(200, ResponsibleListSchema)
    def get(self) -> Any:
        """Every member with the number of owned contacts I can see"""
        return service.list_responsibles(db(), principal())


@responsibles_blp.route("/<int:user_id>/contacts")
class ResponsibleContacts(MethodView):
    @responsibles_blp.arguments(OwnedContactListArgs, location="query")
    @responsibles_blp.response(200, OwnedContactPageSchema)
    def get(self, args: dict[str, Any], user_id: int) -> Any:
        """A member's owned contacts that I can see"""
        return service.responsible_contacts(db(), principal(), user_id, args)
