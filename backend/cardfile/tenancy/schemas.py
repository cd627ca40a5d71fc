from __future__ import annotations

from marshmallow import Schema, fields, validate

from cardfile.access.roles import WORKSPACE_ROLES
from cardfile.api.fields import Id, Text, TimeZone
from cardfile.api.pagination import page_args, page_of


class WorkspaceCreateSchema(Schema):
    name = Text(max_length=200, min_length=1, required=True)
    time_zone = TimeZone(load_default="UTC")
    agency_id = Id(load_default=None, allow_none=True)


class WorkspaceUpdateSchema(Schema):
    name = Text(max_length=200, min_length=1)
    time_zone = TimeZone()


class WorkspaceSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    time_zone = fields.String(required=True)
    agency_id = fields.Integer(required=True)
    agency_name = fields.String(required=True)
    role = fields.String(required=True, validate=validate.OneOf(WORKSPACE_ROLES))
    created_at = fields.DateTime(required=True)


WorkspaceListArgs = page_args("name", "created_at", name="WorkspaceListArgs")
WorkspacePageSchema = page_of(WorkspaceSchema)
