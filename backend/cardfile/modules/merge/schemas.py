from __future__ import annotations

from marshmallow import Schema, fields, validate

from cardfile.api.fields import Id, Text
from cardfile.modules.merge.duplicates import MAX_GROUP_CONTACTS, REASONS
from cardfile.modules.merge.service import MAX_MERGED

FIELD_NAME = Text(max_length=100, metadata={"description": "first_name, email, custom.<key>"})


class MergeInSchema(Schema):
    ids = fields.List(
        Id(),
        required=True,
        validate=validate.Length(
            min=2, max=MAX_MERGED, error=f"Choose 2 to {MAX_MERGED} contacts to merge."
        ),
    )
    survivor_id = Id(required=True, metadata={"description": "The contact that stays"})
    fields = fields.Dict(
        keys=FIELD_NAME,
        values=Id(),
        load_default=dict,
        metadata={
            "description": "Which contact's value wins, per field: {name: contact id}. "
            "Fields not named take the newest non-empty value (by updated_at)."
        },
    )


class DuplicateArgs(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=1_000_000))
    page_size = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))
    reason = fields.String(
        load_default=None,
        validate=validate.OneOf(REASONS, error=f"Choose one of: {', '.join(REASONS)}."),
    )


class DuplicateContactSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True, metadata={"description": "E.164"})
    company = fields.String(allow_none=True)
    updated_at = fields.DateTime(required=True)


class DuplicateGroupSchema(Schema):
    reason = fields.String(required=True, validate=validate.OneOf(REASONS))
    size = fields.Integer(
        required=True,
        metadata={
            "description": f"Visible contacts in the group; at most {MAX_GROUP_CONTACTS} "
            "are listed, newest first"
        },
    )
    contacts = fields.List(fields.Nested(DuplicateContactSchema), required=True)


class DuplicatePageSchema(Schema):
    groups = fields.List(fields.Nested(DuplicateGroupSchema), required=True)
    total = fields.Integer(required=True, metadata={"description": "Groups in all pages"})
    page = fields.Integer(required=True)
    page_size = fields.Integer(required=True)
