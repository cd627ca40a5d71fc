"""The API's blueprints: ApiBlueprint for all, WorkspaceBlueprint for those mounted under
/api/v1/workspaces/<ws>/, which open the tenant scope before any view."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_smorest import Blueprint
from marshmallow import Schema

from cardfile.access.roles import Role
from cardfile.api.context import SAFE_METHODS, open_workspace_scope

# A view's finer rule: {view name: {HTTP method: role}} (view name = endpoint after the dot).
Rules = dict[str, dict[str, Role]]


class ApiBlueprint(Blueprint):
    def arguments(self, schema: type[Schema] | Schema, *args: Any, **kwargs: Any) -> Any:
        """As flask-smorest's, with the schema made once: given a class, webargs would build
        (and deep-copy the fields of) a new instance on every request."""
        return super().arguments(schema() if isinstance(schema, type) else schema, *args, **kwargs)


class WorkspaceBlueprint(ApiBlueprint):
    """Views never see `ws`: it is popped here, checked, and turned into g.db + g.principal.
    Who may do what is set where the blueprint is mounted (api/registry.py)."""

    def __init__(self, *args: Any, **kw: Any):
        super().__init__(*args, **kw)
        self.read_role = Role.VIEWER
        self.write_role = Role.MEMBER
        self.rules: Rules = {}
        self.url_value_preprocessor(self._open_scope)

    def required_role(self, endpoint: str, method: str) -> Role:
        view = endpoint.rpartition(".")[2]
        default = self.read_role if method in SAFE_METHODS else self.write_role
        return self.rules.get(view, {}).get(method, default)

    def _open_scope(self, endpoint: str | None, values: dict[str, Any] | None) -> None:
        if values is None or "ws" not in values:
            return
        workspace_id = values.pop("ws")
        open_workspace_scope(workspace_id, self.required_role(endpoint or "", request.method))
