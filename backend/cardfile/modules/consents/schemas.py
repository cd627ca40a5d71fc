from __future__ import annotations

from marshmallow import Schema, fields, validate

from cardfile.api.fields import Text
from cardfile.api.pagination import page_args, page_of
from cardfile.modules.consents.models import STATES

MAX_PROOF = 10_000


class ConsentPurposeInSchema(Schema):
    name = Text(max_length=100, min_length=1, required=True, label="a name")
    key = Text(
        max_length=63,
        allow_none=True,
        label="a key",
        metadata={
            "description": "Optional: derived from the name (transliterated) when absent; "
            "what integrations send as `purpose`; cannot be changed later"
        },
    )
    description = Text(max_length=1000, allow_none=True, multiline=True)


class ConsentPurposePatchSchema(Schema):
    name = Text(max_length=100, min_length=1, label="a name")
    description = Text(max_length=1000, allow_none=True, multiline=True)


class ConsentPurposeSchema(Schema):
    id = fields.Integer(required=True)
    key = fields.String(required=True)
    name = fields.String(required=True)
    description = fields.String(allow_none=True)
    built_in = fields.Boolean(required=True)
    created_at = fields.DateTime(required=True)


ConsentPurposeListArgs = page_args("created_at", "name", "key", name="ConsentPurposeListArgs")
ConsentPurposePageSchema = page_of(ConsentPurposeSchema)


class ConsentInSchema(Schema):
    purpose = Text(
        max_length=63,
        min_length=1,
        required=True,
        label="a purpose",
        metadata={"description": "The purpose's key, like email_marketing"},
    )
    state = fields.String(
        required=True,
        validate=validate.OneOf(STATES, error="Choose granted or withdrawn."),
        error_messages={"required": "Choose granted or withdrawn."},
    )
    source = Text(
        max_length=200,
        min_length=1,
        required=True,
        label="where it was given, like “web form” or “phone call”",
    )
    proof_text = Text(
        max_length=MAX_PROOF,
        allow_none=True,
        multiline=True,
        label="the exact text the person agreed to",
        metadata={"description": "The exact text agreed to (required for a grant)"},
    )


class ConsentEventSchema(Schema):
    """One change of one purpose, with its proof."""

    id = fields.Integer(required=True)
    purpose = fields.String(required=True, metadata={"description": "The purpose's key"})
    purpose_name = fields.String(required=True)
    state = fields.String(required=True, validate=validate.OneOf(STATES))
    source = fields.String(required=True)
    proof_text = fields.String(allow_none=True)
    ip = fields.String(allow_none=True)
    user_agent = fields.String(allow_none=True)
    actor_kind = fields.String(required=True)
    actor_name = fields.String(allow_none=True)
    at = fields.DateTime(required=True)


class ConsentStateSchema(Schema):
    """A purpose's current state: its newest change, or "unknown" when none was recorded."""

    purpose = fields.String(required=True)
    purpose_name = fields.String(required=True)
    state = fields.String(required=True, validate=validate.OneOf((*STATES, "unknown")))
    source = fields.String(allow_none=True)
    at = fields.DateTime(allow_none=True)
    proof_text = fields.String(allow_none=True)
    ip = fields.String(allow_none=True)
    user_agent = fields.String(allow_none=True)
    actor_name = fields.String(allow_none=True)


class ConsentsSchema(Schema):
    current = fields.List(fields.Nested(ConsentStateSchema), required=True)
    history = fields.List(
        fields.Nested(ConsentEventSchema),
        required=True,
        metadata={"description": "Every change, newest first (the newest 1,000)"},
    )
