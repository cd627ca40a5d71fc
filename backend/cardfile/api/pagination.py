"""A list's query arguments and answer shape ({items, total, page, page_size, ...}), with a
whitelisted sort. The query side (Page, paginate) lives below the services, in
db/pagination.py."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates

MAX_PAGE_SIZE = 200


class PageArgs(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=1_000_000))
    cursor = fields.String(
        load_default=None,
        validate=validate.Length(max=200),
        metadata={
            "description": "next_cursor of the previous page: the following page, fast "
            "at any depth (lists sorted by a date)"
        },
    )
    page_size = fields.Integer(load_default=50, validate=validate.Range(min=1, max=MAX_PAGE_SIZE))
    sort = fields.String(load_default=None, validate=validate.Length(max=64))

    sortable: tuple[str, ...] = ()

    @validates("sort")
    def _sort_is_known(self, value: str | None, **_: Any) -> None:
        if value is not None and value.removeprefix("-") not in self.sortable:
            raise ValidationError(
                f"Sort by one of: {', '.join(self.sortable)} (put - in front for descending)."
            )


def page_args(*sortable: str, name: str = "PageArgs") -> type[PageArgs]:
    """A query-args schema accepting `sort` over the given field names."""
    return type(name, (PageArgs,), {"sortable": tuple(sortable)})


_page_schemas: dict[str, type[Schema]] = {}


def page_of(item_schema: type[Schema]) -> type[Schema]:
    """Response schema {items, total, page, page_size} for a list of item_schema."""
    name = item_schema.__name__.removesuffix("Schema") + "PageSchema"
    if name not in _page_schemas:
        _page_schemas[name] = type(
            name,
            (Schema,),
            {
                "items": fields.List(fields.Nested(item_schema), required=True),
                "total": fields.Integer(required=True),
                "page": fields.Integer(required=True),
                "page_size": fields.Integer(required=True),
                "next_cursor": fields.String(
                    allow_none=True,
                    metadata={"description": "Pass as ?cursor= for the next page (null: last)"},
                ),
                "total_is_estimate": fields.Boolean(
                    metadata={"description": "true: there are at least `total` items"}
                ),
            },
        )
    return _page_schemas[name]
