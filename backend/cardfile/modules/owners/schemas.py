from __future__ import annotations

from marshmallow import Schema, fields, validate

from cardfile.api.fields import Id
from cardfile.api.pagination import page_args, page_of

MAX_OWNERS = 50


class OwnersInSchema(Schema):
    user_ids = fields.List(
        Id(),
        required=True,
        validate=validate.Length(max=MAX_OWNERS, error="A contact has at most 50 owners."),
        metadata={"description": "Members responsible for the contact (replaces the list)"},
    )


class OwnerSchema(Schema):
    user_id = fields.Integer(required=True)
    name = fields.String(required=True)
    email = fields.String(required=True)


class OwnerListSchema(Schema):
    items = fields.List(fields.Nested(OwnerSchema), required=True)


class ResponsibleSchema(OwnerSchema):
    contact_count = fields.Integer(
        required=True, metadata={"description": "Owned contacts you can see"}
    )


class ResponsibleListSchema(Schema):
    items = fields.List(fields.Nested(ResponsibleSchema), required=True)


class OwnedContactSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    email = fields.String(allow_none=True, required=True)


OwnedContactListArgs = page_args("name", "created_at", name="OwnedContactListArgs")
OwnedContactPageSchema = page_of(OwnedContactSchema)
