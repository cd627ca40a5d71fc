"""Blueprints mounted under /api/v1/workspaces/<ws>/ open the tenant scope before any view."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint

from cardfile.access.roles import Role
from cardfile.api.context import open_workspace_scope, required_role


class WorkspaceBlueprint(Blueprint):
    """Views never see `ws`: it is popped here, checked, and turned into g.db + g.principal."""

    def __init__(self, *args: Any, read: Role = Role.VIEWER, write: Role = Role.MEMBER, **kw: Any):
        super().__init__(*args, **kw)
        self.read_role = read
        self.write_role = write
        self.url_value_preprocessor(self._open_scope)

    def _open_scope(self, endpoint: str | None, values: dict[str, Any] | None) -> None:
        if values is None or "ws" not in values:
            return
        workspace_id = values.pop("ws")
        open_workspace_scope(workspace_id, required_role(self.read_role, self.write_role))
