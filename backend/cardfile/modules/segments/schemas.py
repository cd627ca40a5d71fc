from __future__ import annotations

from marshmallow import Schema, fields

from cardfile.api.fields import Text
from cardfile.api.pagination import page_args, page_of

RULES_HELP = (
    'A group {"op": "and"|"or", "rules": [rule | group, ...]}; a rule {"field", "op", '
    '"value"} (fields: email, first_name, tag, list, custom.<key>, score, lifetime_value, '
    "email_status, created_at, last_activity_at, opened, clicked, visited_url, ...)"
)


def _rules(**kwargs: object) -> fields.Dict:
    return fields.Dict(metadata={"description": RULES_HELP}, **kwargs)  # type: ignore[arg-type]


class SegmentInSchema(Schema):
    name = Text(max_length=200, min_length=1, required=True, label="a name")
    description = Text(max_length=1000, allow_none=True, multiline=True)
    rules = _rules(required=True)


class SegmentPatchSchema(Schema):
    name = Text(max_length=200, min_length=1, label="a name")
    description = Text(max_length=1000, allow_none=True, multiline=True)
    rules = _rules()


class SegmentSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    description = fields.String(allow_none=True)
    rules = fields.Dict(required=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)
    deleted_at = fields.DateTime(allow_none=True)


class SegmentListArgs(page_args("name", "created_at", "updated_at", name="SegmentListBase")):  # type: ignore[misc]
    q = Text(max_length=200, allow_none=True)
    deleted = fields.Boolean(load_default=False, metadata={"description": "The trash instead"})


SegmentPageSchema = page_of(SegmentSchema)


class RulesSchema(Schema):
    rules = _rules(required=True)


class CountSchema(Schema):
    count = fields.Integer(required=True)


PreviewArgs = page_args("created_at", "email", "last_name", "score", name="SegmentPreviewArgs")


class PreviewContactSchema(Schema):
    id = fields.Integer(required=True)
    email = fields.String(allow_none=True)
    first_name = fields.String(allow_none=True)
    last_name = fields.String(allow_none=True)
    company = fields.String(allow_none=True)
    score = fields.Integer(required=True)
    email_status = fields.String(required=True)
    created_at = fields.DateTime(required=True)


PreviewPageSchema = page_of(PreviewContactSchema)
