"""Public pages of a workspace, for nobody logged in (api/public.py opens the scope)."""

from __future__ import annotations

from typing import Any

from flask import g
from marshmallow import Schema, fields

from cardfile.api.context import db
from cardfile.api.public import PublicBlueprint, frame_ancestors, public_workspace_id
from cardfile.errors import NotFound
from cardfile.tenancy.models import Workspace

pages_blp = PublicBlueprint(
    "public_pages", __name__, description="A workspace's public pages (no login)"
)
links_blp = PublicBlueprint(
    "preference_links",
    __name__,
    purpose="preferences",
    description="A contact's own link to their preferences (no login)",
)


class PublicWorkspaceSchema(Schema):
    name = fields.String(required=True)
    time_zone = fields.String(required=True)


class PreferencesGreetingSchema(Schema):
    workspace_name = fields.String(required=True)
    first_name = fields.String(allow_none=True)


@pages_blp.route("/<slug>")
@frame_ancestors("*")  # booking and subscribe widgets are embedded in clients' sites
@pages_blp.response(200, PublicWorkspaceSchema)
def public_workspace() -> Any:
    """The workspace's public profile: what its public pages show"""
    return db().get(Workspace, public_workspace_id())


@links_blp.route("/<token>")
@links_blp.response(200, PreferencesGreetingSchema)
def preferences_greeting(token: str) -> Any:
    """Whose preferences a link opens: the workspace and the contact's first name only"""
    from cardfile.access.owned import contacts_model

    contact = db().get(contacts_model(), int(g.link.get("contact", 0)))
    if contact is None or contact.deleted_at is not None:
        raise NotFound("Link")
    workspace = db().get(Workspace, public_workspace_id())
    return {"workspace_name": workspace.name, "first_name": contact.first_name}
