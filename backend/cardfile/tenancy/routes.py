from __future__ import annotations

from typing import Any

from flask.views import MethodView

from cardfile.access.roles import Role
from cardfile.api.blueprint import ApiBlueprint
from cardfile.api.context import current_user_id, db, open_workspace_scope
from cardfile.tenancy import service
from cardfile.tenancy.schemas import (
    WorkspaceCreateSchema,
    WorkspaceListArgs,
    WorkspacePageSchema,
    WorkspaceSchema,
    WorkspaceUpdateSchema,
)

blp = ApiBlueprint("workspaces", __name__, description="Workspaces: one per client business")


@blp.route("")
class Workspaces(MethodView):
    @blp.arguments(WorkspaceListArgs, location="query")
    @blp.response(200, WorkspacePageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Workspaces I can open, with my role in each"""
        return service.list_workspaces(db(), current_user_id(), args)

    @blp.arguments(WorkspaceCreateSchema)
    @blp.response(201, WorkspaceSchema)
    def post(self, data: dict[str, Any]) -> Any:
        """Create a workspace (its own schema, migrated) in an agency I own or administer"""
        return service.create_workspace_for(db(), current_user_id(), data)


@blp.route("/<int:ws>")
class WorkspaceDetail(MethodView):
    @blp.response(200, WorkspaceSchema)
    def get(self, ws: int) -> Any:
        open_workspace_scope(ws, Role.VIEWER)
        return service.get_workspace(db(), current_user_id(), ws)

    @blp.arguments(WorkspaceUpdateSchema)
    @blp.response(200, WorkspaceSchema)
    def patch(self, data: dict[str, Any], ws: int) -> Any:
        open_workspace_scope(ws, Role.ADMIN)
        return service.update_workspace(db(), current_user_id(), ws, data)

    @blp.response(204)
    def delete(self, ws: int) -> None:
        """Delete (hide) a workspace; only agency owners and admins"""
        open_workspace_scope(ws, Role.ADMIN)
        service.delete_workspace(db(), current_user_id(), ws)
