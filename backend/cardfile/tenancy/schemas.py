from __future__ import annotations

from marshmallow import Schema, fields, validate

from cardfile.access.roles import AGENCY_ROLES, WORKSPACE_ROLES
from cardfile.api.fields import Email, Id, Slug, Text, TimeZone
from cardfile.api.pagination import page_args, page_of


class WorkspaceCreateSchema(Schema):
    name = Text(max_length=200, min_length=1, required=True, label="a workspace name")
    time_zone = TimeZone(load_default="UTC")
    agency_id = Id(load_default=None, allow_none=True)
    slug = Slug(
        metadata={"description": "Its public address (booking pages); omitted: made from the name"}
    )


class WorkspaceUpdateSchema(Schema):
    name = Text(max_length=200, min_length=1, label="a workspace name")
    time_zone = TimeZone()
    slug = Slug(
        metadata={"description": "Address of the public pages: /p/<slug>, /book/<slug>/<calendar>"}
    )


class WorkspaceSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    time_zone = fields.String(required=True)
    agency_id = fields.Integer(required=True)
    agency_name = fields.String(required=True)
    role = fields.String(required=True, validate=validate.OneOf(WORKSPACE_ROLES))
    created_at = fields.DateTime(required=True)
    slug = fields.String(required=True)


WorkspaceListArgs = page_args("name", "created_at", name="WorkspaceListArgs")
WorkspacePageSchema = page_of(WorkspaceSchema)


class AgencyWorkspaceSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    role = fields.String(required=True, validate=validate.OneOf(WORKSPACE_ROLES))


class AgencySchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    role = fields.String(required=True, validate=validate.OneOf(AGENCY_ROLES))
    can_manage = fields.Boolean(required=True)
    workspaces = fields.List(fields.Nested(AgencyWorkspaceSchema), required=True)


class StaffSchema(Schema):
    user_id = fields.Integer(required=True)
    email = fields.String(required=True)
    name = fields.String(required=True)
    role = fields.String(required=True, validate=validate.OneOf(AGENCY_ROLES))
    status = fields.String(required=True, validate=validate.OneOf(["active", "invited"]))
    invitation_failed = fields.Boolean(required=True)


class StaffInviteSchema(Schema):
    email = Email(required=True)
    role = fields.String(
        required=True,
        validate=validate.OneOf(AGENCY_ROLES, error="Choose owner, admin or staff."),
    )


class StaffPatchSchema(Schema):
    role = fields.String(
        required=True,
        validate=validate.OneOf(AGENCY_ROLES, error="Choose owner, admin or staff."),
    )


StaffListArgs = page_args("email", "name", "role", name="StaffListArgs")
StaffPageSchema = page_of(StaffSchema)
