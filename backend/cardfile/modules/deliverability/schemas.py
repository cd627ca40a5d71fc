from __future__ import annotations

import re
from typing import Any

from marshmallow import Schema, ValidationError, fields, validates

from cardfile.api.fields import Text
from cardfile.api.pagination import page_args, page_of

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


class DomainInSchema(Schema):
    domain = Text(max_length=253, min_length=3, required=True, label="a domain, like example.com")

    @validates("domain")
    def _is_a_domain(self, value: str, **_: Any) -> None:
        labels = value.lower().rstrip(".").split(".")
        if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
            raise ValidationError("Enter a domain name, like example.com (no @, no http://).")


class RecordSchema(Schema):
    type = fields.String(required=True)
    name = fields.String(required=True)
    value = fields.String(required=True)
    purpose = fields.String(
        required=True, metadata={"description": "spf, dkim, dmarc, return_path"}
    )


class CheckSchema(Schema):
    purpose = fields.String(required=True)
    state = fields.String(
        required=True, metadata={"description": "ok, warning, missing, wrong, unknown"}
    )
    explanation = fields.String(required=True)


class SendingDomainSchema(Schema):
    id = fields.Integer(required=True)
    domain = fields.String(required=True)
    verified = fields.Boolean(required=True)
    verified_at = fields.DateTime(allow_none=True)
    checked_at = fields.DateTime(allow_none=True)
    checks = fields.List(fields.Nested(CheckSchema), required=True)
    records = fields.List(
        fields.Nested(RecordSchema), required=True, metadata={"description": "To publish"}
    )
    created_at = fields.DateTime(required=True)


DomainListArgs = page_args("domain", "created_at", name="SendingDomainListArgs")
SendingDomainPageSchema = page_of(SendingDomainSchema)


class VerifySchema(Schema):
    verified = fields.Boolean(required=True)
    checks = fields.List(fields.Nested(CheckSchema), required=True)
    domain = fields.Nested(SendingDomainSchema, required=True)
