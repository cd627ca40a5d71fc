from __future__ import annotations

from marshmallow import Schema, fields, validate

from cardfile.api.fields import Email
from cardfile.api.pagination import page_args, page_of
from cardfile.modules.gdpr.models import ACTIONS, REASONS


class ForgottenSchema(Schema):
    contact_id = fields.Integer(required=True)
    suppressed = fields.Boolean(
        required=True, metadata={"description": "The email's hash is on the suppression list"}
    )
    kept = fields.Dict(
        required=True,
        metadata={"description": "Anonymous aggregates kept: order_count, lifetime_value"},
    )


class SuppressionSchema(Schema):
    id = fields.Integer(required=True)
    email_hash = fields.String(
        required=True, metadata={"description": "HMAC-SHA256 of the address; never the address"}
    )
    reason = fields.String(required=True, metadata={"description": ", ".join(REASONS)})
    created_at = fields.DateTime(required=True)


class SuppressionListArgs(page_args("created_at", name="SuppressionListArgsBase")):  # type: ignore[misc]
    reason = fields.String(
        validate=validate.OneOf(REASONS, error=f"Use one of: {', '.join(REASONS)}.")
    )


class SuppressionCheckSchema(Schema):
    email = Email(required=True)


class SuppressionCheckedSchema(Schema):
    suppressed = fields.Boolean(required=True)
    reason = fields.String(allow_none=True)


class AuditEntrySchema(Schema):
    id = fields.Integer(required=True)
    action = fields.String(required=True, metadata={"description": ", ".join(ACTIONS)})
    actor_user_id = fields.Integer(allow_none=True)
    actor_name = fields.String(allow_none=True)
    subject = fields.String(required=True, metadata={"description": "contact:<id>"})
    details = fields.Dict(required=True)
    created_at = fields.DateTime(required=True)


class AuditListArgs(page_args("created_at", name="AuditListArgsBase")):  # type: ignore[misc]
    action = fields.String(
        validate=validate.OneOf(ACTIONS, error=f"Use one of: {', '.join(ACTIONS)}.")
    )


SuppressionPageSchema = page_of(SuppressionSchema)
AuditPageSchema = page_of(AuditEntrySchema)
