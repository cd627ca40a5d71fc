"""Page + size pagination with a total, and whitelisted sorting: written once, used by all."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates
from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from cardfile.cache import cached_count

MAX_PAGE_SIZE = 200


class PageArgs(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=1_000_000))
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
            },
        )
    return _page_schemas[name]


@dataclass
class Page:
    items: Sequence[Any]
    total: int
    page: int
    page_size: int


def order_by(
    sort: str | None,
    columns: Mapping[str, ColumnElement[Any]],
    default: str,
    tiebreak: Any,
    sort_index: bool = True,
) -> list[Any]:
    key = sort or default
    column = columns[key.removeprefix("-")]
    descending = key.startswith("-")
    ordered = column.desc() if descending else column.asc()
    nullable = getattr(getattr(column, "expression", column), "nullable", True)
    # NULLS LAST matters only where NULLs can occur. On a NOT NULL column it changes no
    # result but keeps PostgreSQL from walking a (column, id) index in sort order: wanted
    # (sort_index=False) when a selective filter such as search finds its few rows faster.
    if nullable or not sort_index:
        ordered = ordered.nulls_last()
    return [ordered, tiebreak.desc() if descending else tiebreak.asc()]


def paginate(
    session: Session,
    stmt: Select[Any],
    args: Mapping[str, Any],
    columns: Mapping[str, ColumnElement[Any]],
    default_sort: str,
    tiebreak: Any,
    scalars: bool = True,
    sort_index: bool = True,
) -> Page:
    page, size = args.get("page", 1), args.get("page_size", 50)
    count_stmt = select(func.count()).select_from(stmt.order_by(None).subquery())
    total = cached_count(session, count_stmt)
    ordered = stmt.order_by(
        *order_by(args.get("sort"), columns, default_sort, tiebreak, sort_index)
    )
    result = session.execute(ordered.limit(size).offset((page - 1) * size))
    items: Iterable[Any] = result.scalars() if scalars else result.all()
    return Page(items=list(items), total=total, page=page, page_size=size)
