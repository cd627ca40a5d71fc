"""The API's blueprints: ApiBlueprint for all, WorkspaceBlueprint for those mounted under
/api/v1/workspaces/<ws>/, which open the tenant scope before any view."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_smorest import Blueprint
from marshmallow import Schema
from sqlalchemy import select

from cardfile.access.filters import bound_visibility, visible_contacts_bound
from cardfile.access.owned import contacts_model
from cardfile.access.principal import Principal
from cardfile.access.roles import Role
from cardfile.api.context import SAFE_METHODS, db, open_workspace_scope
from cardfile.errors import NotFound

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
        principal = open_workspace_scope(
            workspace_id, self.required_role(endpoint or "", request.method)
        )
        if "contact_id" in values and request.method not in SAFE_METHODS:
            # A write under someone's contact: a contact the caller may not see is a 404
            # before the body is read (no 422 that tells it exists).
            require_contact(principal, values["contact_id"])


def require_contact(principal: Principal, contact_id: int) -> None:
    """The contact exists in a class the principal may see (live or in the trash)."""
    contacts = contacts_model()
    visible = visible_contacts_bound(contacts, principal.all_contacts, deleted=None)
    found = db().scalar(
        select(contacts.id).where(contacts.id == contact_id, visible),
        {"contact_id": contact_id, **bound_visibility(principal)},
    )
    if found is None:
        raise NotFound("Contact")
