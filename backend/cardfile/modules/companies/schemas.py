from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from cardfile.api.fields import Text
from cardfile.api.pagination import page_args, page_of
from cardfile.modules.companies.domains import normalise_domain

SIZES = ("1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5000+")
MAX_TYPED_DOMAIN = 2000  # a pasted address with its path; the domain itself is at most 253


class Domain(Text):
    """A web domain typed any way ("https://www.Example.com/about"), kept as "example.com"."""

    def __init__(self, **kwargs: Any):
        super().__init__(max_length=MAX_TYPED_DOMAIN, label="a domain", **kwargs)
        self.metadata.setdefault("example", "example.com")

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        typed = super()._deserialize(value, attr, data, **kwargs)
        if typed is None:
            return None
        domain = normalise_domain(typed)
        if domain is None:
            raise ValidationError("Enter a domain like example.com.")
        return domain


class CompanyInSchema(Schema):
    name = Text(max_length=200, min_length=1, required=True, label="the company's name")
    domain = Domain(allow_none=True)
    industry = Text(max_length=100, allow_none=True, label="an industry")
    size = fields.String(
        allow_none=True,
        validate=validate.OneOf(SIZES, error=f"Choose one of: {', '.join(SIZES)}."),
        metadata={"description": "Employees: " + ", ".join(SIZES)},
    )
    address = Text(max_length=500, allow_none=True, multiline=True, label="an address")
    custom = fields.Dict(
        keys=fields.String(validate=validate.Length(max=64)),
        values=fields.Raw(allow_none=True),
        allow_none=True,
        validate=validate.Length(max=200, error="Too many custom values (at most 200)."),
        metadata={"description": "Company custom fields by key (custom-fields?entity=company)"},
    )


class CompanyPatchSchema(CompanyInSchema):
    """The same fields, all optional (used with partial=True); `custom` merges."""


class CompanySchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    domain = fields.String(allow_none=True)
    industry = fields.String(allow_none=True)
    size = fields.String(allow_none=True)
    address = fields.String(allow_none=True)
    custom = fields.Dict(required=True)
    contact_count = fields.Integer(
        required=True, metadata={"description": "Its contacts that I may see"}
    )
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)


class CompanyListArgs(page_args("name", "created_at", name="CompanyListArgsBase")):  # type: ignore[misc]
    q = Text(max_length=200, metadata={"description": "Search name and domain"})


class CompanyContactSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(
        required=True, metadata={"description": "First and last name, else email or phone"}
    )
    first_name = fields.String(allow_none=True)
    last_name = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    job_title = fields.String(allow_none=True)


CompanyContactListArgs = page_args("name", "created_at", name="CompanyContactListArgs")
CompanyPageSchema = page_of(CompanySchema)
CompanyContactPageSchema = page_of(CompanyContactSchema)
