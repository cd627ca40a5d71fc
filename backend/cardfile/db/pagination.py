"""Page + size pagination with a total, keyset cursors and whitelisted sorting, written once
for every service (the API's arguments and answer schema are in api/pagination.py)."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal, select, tuple_
from sqlalchemy.orm import Session

from cardfile.cache import cached_count
from cardfile.errors import Invalid


@dataclass
class Page:
    items: Sequence[Any]
    total: int
    page: int
    page_size: int
    next_cursor: str | None = None
    total_is_estimate: bool = False


INVALID_CURSOR = "This cursor is not valid any more; start again from the first page."


def encode_cursor(value: datetime, row_id: int) -> str:
    raw = json.dumps([value.isoformat(), row_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, field: str = "cursor") -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value, row_id = json.loads(raw)
        return datetime.fromisoformat(value), int(row_id)
    except (ValueError, TypeError) as error:
        raise Invalid.field(field, INVALID_CURSOR) from error


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
    count_cap: int | None = None,
    keyset: Sequence[str] = (),
) -> Page:
    """A page by number (OFFSET), or with `keyset` sorts (NOT NULL dates) by cursor: a
    cursor page costs the same at any depth. With `count_cap` the total stops counting at
    the cap (then total_is_estimate: "at least")."""
    page, size = args.get("page", 1), args.get("page_size", 50)
    counted = stmt.order_by(None)
    if count_cap is not None:
        counted = counted.limit(count_cap + 1)
    total = cached_count(session, select(func.count()).select_from(counted.subquery()))
    capped = count_cap is not None and total > count_cap
    sort = args.get("sort") or default_sort
    key = sort.removeprefix("-")
    # Many matches (the count reached its cap): walking the sort index finds a page's rows
    # among the first few hundred, faster than collecting every match and sorting them.
    ordered = stmt.order_by(*order_by(sort, columns, default_sort, tiebreak, sort_index or capped))
    if args.get("cursor") and key in keyset:
        after, after_id = decode_cursor(args["cursor"])
        position = tuple_(columns[key], tiebreak)
        ordered = ordered.where(
            position < tuple_(literal(after), literal(after_id))
            if sort.startswith("-")
            else position > tuple_(literal(after), literal(after_id))
        )
        result = session.execute(ordered.limit(size))
    else:
        result = session.execute(ordered.limit(size).offset((page - 1) * size))
    items = list(result.scalars() if scalars else result.all())
    next_cursor = None
    if key in keyset and len(items) == size:
        last = items[-1] if scalars else items[-1][0]
        next_cursor = encode_cursor(getattr(last, key), last.id)
    return Page(
        items=items,
        total=count_cap if capped else total,  # type: ignore[arg-type]
        page=page,
        page_size=size,
        next_cursor=next_cursor,
        total_is_estimate=capped,
    )
