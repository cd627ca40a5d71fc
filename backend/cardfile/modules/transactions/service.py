"""A contact's transactions: exact amounts (Decimal end to end), an external order id that
makes posting idempotent, the e-commerce summary per currency, and the contact's captured
totals updated in the same transaction as each insert."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cardfile.access.principal import Principal
from cardfile.db.pagination import Page, paginate
from cardfile.errors import Conflict
from cardfile.modules.contacts import activity
from cardfile.modules.contacts.models import Contact
from cardfile.modules.contacts.service import get_contact
from cardfile.modules.transactions.models import Transaction, refresh_captured_totals

CENT = Decimal("0.01")
FIELDS = ("description", "place", "product", "price", "quantity", "amount", "currency", "order_id")


def list_transactions(
    session: Session, principal: Principal, contact_id: int, args: dict[str, Any]
) -> Page:
    """Newest order first (keyset cursors: any depth costs the same)."""
    get_contact(session, principal, contact_id)
    return paginate(
        session,
        select(Transaction).where(Transaction.contact_id == contact_id),
        args,
        {"ordered_at": Transaction.ordered_at},
        "-ordered_at",
        Transaction.id,
        keyset=("ordered_at",),
    )


def _by_order_id(session: Session, order_id: str) -> Transaction | None:
    return session.scalar(select(Transaction).where(Transaction.order_id == order_id))


def _already_recorded(found: Transaction, contact_id: int) -> Transaction:
    if found.contact_id != contact_id:
        message = "This order id is already recorded for another contact."
        raise Conflict(message, errors={"order_id": [message]})
    return found


def create_transaction(
    session: Session, principal: Principal, contact_id: int, data: dict[str, Any]
) -> tuple[Transaction, bool]:
    """(the row, True) when added; (the row recorded before, False) for an order id posted
    again for the same contact. 409 naming order_id when another contact has that order."""
    contact = get_contact(session, principal, contact_id)
    # Inserts for one contact take turns, so each total counts every row committed before it.
    session.execute(
        select(Contact.id).where(Contact.id == contact.id).with_for_update(key_share=True)
    )
    order_id = data.get("order_id")
    if order_id and (found := _by_order_id(session, order_id)):
        return _already_recorded(found, contact.id), False
    actor = principal.actor
    row = Transaction(
        contact_id=contact.id,
        **{name: data.get(name) for name in FIELDS},
        actor_kind=actor.kind,
        actor_user_id=actor.user_id,
    )
    if data.get("ordered_at"):
        row.ordered_at = data["ordered_at"]
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        # The same order id committed meanwhile by another request (the unique index waited).
        if order_id and (found := _by_order_id(session, order_id)):
            return _already_recorded(found, contact.id), False
        raise
    refresh_captured_totals(session, [contact.id])
    activity.record(
        session,
        contact.id,
        "transaction_added",
        {
            "amount": str(row.amount),
            "currency": row.currency,
            "quantity": row.quantity,
            "product": row.product,
            "order_id": row.order_id,
        },
        actor,
    )
    return row, True


def ecommerce_summary(session: Session, principal: Principal, contact_id: int) -> dict[str, Any]:
    """Per currency: lifetime value, order count, average basket (half up to cents), first
    and last purchase. Amounts in different currencies are never added together."""
    get_contact(session, principal, contact_id)
    total, count = func.sum(Transaction.amount), func.count()
    rows = session.execute(
        select(
            Transaction.currency,
            total,
            count,
            func.min(Transaction.ordered_at),
            func.max(Transaction.ordered_at),
        )
        .where(Transaction.contact_id == contact_id)
        .group_by(Transaction.currency)
        .order_by(count.desc(), Transaction.currency)
    ).all()
    return {
        "currencies": [
            {
                "currency": currency,
                "lifetime_value": value,
                "order_count": orders,
                "average_basket": (value / orders).quantize(CENT, rounding=ROUND_HALF_UP),
                "first_purchase_at": first,
                "last_purchase_at": last,
            }
            for currency, value, orders, first, last in rows
        ]
    }
