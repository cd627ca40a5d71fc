"""Rows that belong to a contact (notes, tasks, consents, files, messages, ...): one registry.

The core imports no module. The contacts module registers its Contact model
(`register_contacts`), and every module registers each table that hangs off a contact
(`register_owned`), saying how its rows follow a merge and leave with an erasure. From the
registry the core derives, once for all modules:

- the visibility rule for owned rows: a row is visible when its contact is
  (`visible_owned`, `only_visible`), for lists, counts and single rows alike;
- a person's data export, the erasure of their rows, and the move of rows when two
  contacts are merged (`export_contact_rows`, `erase_contact_rows`, `merge_contact_rows`).

A test fails when a table with a foreign key to contacts is not registered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, delete, exists, select, update
from sqlalchemy.orm import Session

from cardfile.access.principal import Principal
from cardfile.errors import NotFound

# (session, owned model, contact id) and (session, owned model, keep id, merged id)
RowsAction = Callable[[Session, type, int], None]
MergeAction = Callable[[Session, type, int, int], None]
ExportAction = Callable[[Session, type, int], list[dict[str, Any]]]


@dataclass(frozen=True)
class OwnedTable:
    model: type
    contact_column: str
    merge: MergeAction
    erase: RowsAction
    export: ExportAction

    @property
    def name(self) -> str:
        return self.model.__tablename__  # type: ignore[attr-defined, no-any-return]

    def contact_id(self) -> Any:
        return getattr(self.model, self.contact_column)


_contacts: list[type] = []
_owned: dict[str, OwnedTable] = {}


def register_contacts(model: type) -> type:
    """The contacts module's model: the table the access rule guards."""
    _contacts[:] = [model]
    return model


def contacts_model() -> Any:
    if not _contacts:
        from cardfile.models import load_all_models

        load_all_models()
    if not _contacts:
        raise RuntimeError("No contacts model is registered (register_contacts).")
    return _contacts[0]


# ---- default actions: plain SQL over the contact column ------------------------------------


def move_rows(session: Session, model: type, keep_id: int, merged_id: int) -> None:
    column = owned(model).contact_id()
    session.execute(update(model).where(column == merged_id).values({column.key: keep_id}))


def delete_rows(session: Session, model: type, contact_id: int) -> None:
    session.execute(delete(model).where(owned(model).contact_id() == contact_id))


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def all_columns(session: Session, model: type, contact_id: int) -> list[dict[str, Any]]:
    table = model.__table__  # type: ignore[attr-defined]
    rows = session.execute(select(table).where(owned(model).contact_id() == contact_id))
    return [{k: _plain(v) for k, v in row._mapping.items()} for row in rows]


def register_owned(
    model: type,
    *,
    contact_column: str = "contact_id",
    merge: MergeAction = move_rows,
    erase: RowsAction = delete_rows,
    export: ExportAction = all_columns,
) -> type:
    """Declare a table whose rows belong to a contact (use as a class decorator or call).
    By default a merge moves the rows to the kept contact, an erasure deletes them, and an
    export lists every column; pass functions where a table needs otherwise."""
    _owned[model.__tablename__] = OwnedTable(  # type: ignore[attr-defined]
        model, contact_column, merge, erase, export
    )
    return model


def owned(model: type) -> OwnedTable:
    found = _owned.get(model.__tablename__)  # type: ignore[attr-defined]
    if found is None or found.model is not model:
        raise LookupError(f"{model.__name__} is not registered as contact-owned")
    return found


def owned_tables() -> list[OwnedTable]:
    return sorted(_owned.values(), key=lambda t: t.name)


# ---- the visibility rule for owned rows ----------------------------------------------------


def visible_owned(principal: Principal, model: type) -> ColumnElement[bool]:
    """Rows of `model` whose contact the principal may see (as a WHERE condition)."""
    from cardfile.access.filters import visible_contacts

    contacts = contacts_model()
    return exists().where(
        contacts.id == owned(model).contact_id(), visible_contacts(principal, contacts)
    )


def only_visible(stmt: Select[Any], principal: Principal, model: type) -> Select[Any]:
    """`stmt` over `model` (a list, a count, a single row) limited to visible contacts."""
    return stmt.where(visible_owned(principal, model))


def get_visible(session: Session, principal: Principal, model: type, row_id: int) -> Any:
    """One owned row by id, or NotFound, as if it did not exist, when its contact is hidden."""
    row = session.scalar(
        only_visible(select(model).where(model.id == row_id), principal, model)  # type: ignore[attr-defined]
    )
    if row is None:
        raise NotFound(getattr(model, "label", model.__name__))
    return row


# ---- a person's rows across every module ---------------------------------------------------


def export_contact_rows(session: Session, contact_id: int) -> dict[str, list[dict[str, Any]]]:
    return {t.name: t.export(session, t.model, contact_id) for t in owned_tables()}


def erase_contact_rows(session: Session, contact_id: int) -> None:
    for table in owned_tables():
        table.erase(session, table.model, contact_id)


def merge_contact_rows(session: Session, keep_id: int, merged_id: int) -> None:
    for table in owned_tables():
        table.merge(session, table.model, keep_id, merged_id)
