from __future__ import annotations

from marshmallow import Schema, fields, validate

from cardfile.access.roles import AGENCY_ROLES, WORKSPACE_ROLES
from cardfile.api.fields import Email, Password, Text, TimeZone


class SignupSchema(Schema):
    email = Email(required=True)
    password = Password(required=True)
    name = Text(max_length=200, min_length=1, required=True, label="your name")
    agency_name = Text(max_length=200, min_length=1, required=True, label="your agency's name")


class LoginSchema(Schema):
    email = Text(max_length=254, min_length=1, required=True, label="your email")
    password = Text(
        max_length=200,
        min_length=1,
        strip=False,
        multiline=True,
        required=True,
        label="your password",
    )


class InvitationTokenSchema(Schema):
    token = Text(max_length=500, min_length=1, required=True, label="the token from the link")


class AcceptInvitationSchema(InvitationTokenSchema):
    """name and password for a new account; an existing one sends the token alone."""

    name = Text(max_length=200, min_length=1, label="your name")
    password = Password()


class InvitationInfoSchema(Schema):
    email = fields.String(required=True)
    workspace_name = fields.String(required=True, metadata={"description": "or agency name"})
    invited_by = fields.String(required=True)
    account_exists = fields.Boolean(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(["workspace", "agency"]))


class InvitationSchema(Schema):
    id = fields.Integer(required=True)
    workspace_id = fields.Integer(required=True, allow_none=True)
    workspace_name = fields.String(required=True, allow_none=True)
    agency_id = fields.Integer(required=True)
    agency_name = fields.String(required=True)
    role = fields.String(required=True)
    invited_by = fields.String(required=True)


class InvitationListSchema(Schema):
    items = fields.List(fields.Nested(InvitationSchema), required=True)


class AcceptedInvitationSchema(Schema):
    workspace_id = fields.Integer(required=True, allow_none=True)
    agency_id = fields.Integer(required=True)


class PasswordResetSchema(Schema):
    email = Text(max_length=254, min_length=1, required=True, label="your email")


class PasswordResetConfirmSchema(InvitationTokenSchema):
    password = Password(required=True)


class PasswordChangeSchema(Schema):
    current_password = fields.String(required=True, validate=validate.Length(max=200))
    password = Password(required=True)


class UserSchema(Schema):
    id = fields.Integer(required=True)
    email = fields.String(required=True)
    name = fields.String(required=True)
    time_zone = fields.String(required=True)


class UserUpdateSchema(Schema):
    name = Text(max_length=200, min_length=1)
    time_zone = TimeZone()


class SessionSchema(Schema):
    user = fields.Nested(UserSchema, required=True)
    csrf_token = fields.String(required=True)


class AgencyRefSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    role = fields.String(required=True, validate=validate.OneOf(AGENCY_ROLES))


class WorkspaceRefSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    agency_id = fields.Integer(required=True)
    agency_name = fields.String(required=True)
    time_zone = fields.String(required=True)
    role = fields.String(required=True, validate=validate.OneOf(WORKSPACE_ROLES))
    slug = fields.String(required=True)


class MeSchema(SessionSchema):
    agencies = fields.List(fields.Nested(AgencyRefSchema), required=True)
    workspaces = fields.List(fields.Nested(WorkspaceRefSchema), required=True)
    dev_mailbox = fields.Boolean(
        required=True, metadata={"description": "Outgoing mail is caught locally: GET /dev/mailbox"}
    )


class TokenCreateSchema(Schema):
    name = Text(max_length=100, min_length=1, required=True)


class TokenSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    created_at = fields.DateTime(required=True)
    last_used_at = fields.DateTime(allow_none=True)


class NewTokenSchema(TokenSchema):
    token = fields.String(required=True, metadata={"description": "Shown once; store it now."})
