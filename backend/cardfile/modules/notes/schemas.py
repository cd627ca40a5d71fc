from __future__ import annotations

from marshmallow import Schema, fields, validate

from cardfile.api.pagination import page_args, page_of

MAX_BODY = 20_000


class NoteInSchema(Schema):
    body = fields.String(
        required=True,
        validate=validate.Length(max=MAX_BODY, error="A note has at most 20,000 characters."),
        metadata={"description": "HTML; kept: paragraphs, emphasis, lists, links, quotes, code"},
    )
    pinned = fields.Boolean(load_default=False)


class NotePatchSchema(Schema):
    body = fields.String(validate=validate.Length(max=MAX_BODY))
    pinned = fields.Boolean()


class NoteSchema(Schema):
    id = fields.Integer(required=True)
    contact_id = fields.Integer(required=True)
    body = fields.String(required=True, metadata={"description": "Sanitised HTML"})
    pinned = fields.Boolean(required=True)
    author_name = fields.String(allow_none=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)


NoteListArgs = page_args("created_at", name="NoteListArgs")
NotePageSchema = page_of(NoteSchema)
