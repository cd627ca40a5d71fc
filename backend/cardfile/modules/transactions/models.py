"""Transactions (workspace schema): what a contact bought, in exact decimal amounts, and the
contact's captured totals (lifetime value per currency, order count) kept in step."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    cast,
    func,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, Session, mapped_column

from cardfile.access.owned import contacts_model, move_rows, register_owned
from cardfile.db.base import TenantBase, Timestamped, utcnow

MONEY = Numeric(14, 2)


class Transaction(Timestamped, TenantBase):
    __tablename__ = "transactions"
    __table_args__ = (
        Index("ix_transactions_contact_ordered", "contact_id", "ordered_at", "id"),
        # An external order id names one order in the workspace (posting it again: the same row).
        Index(
            "uq_transactions_order_id",
            "order_id",
            unique=True,
            postgresql_where=text("order_id IS NOT NULL"),
        ),
        CheckConstraint("quantity >= 1", name="quantity_positive"),
    )
    label = "Transaction"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("tenant.contacts.id", ondelete="CASCADE"))
    description: Mapped[str | None] = mapped_column(String(500))
    place: Mapped[str | None] = mapped_column(String(200))  # a store or a page
    product: Mapped[str | None] = mapped_column(String(200))
    price: Mapped[Decimal | None] = mapped_column(MONEY)  # per unit
    quantity: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    amount: Mapped[Decimal] = mapped_column(MONEY)
    currency: Mapped[str] = mapped_column(String(3))  # ISO 4217, upper case
    ordered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    order_id: Mapped[str | None] = mapped_column(String(100))
    actor_kind: Mapped[str] = mapped_column(String(16), default="user", server_default="user")
    actor_user_id: Mapped[int | None] = mapped_column(BigInteger)


def refresh_captured_totals(session: Session, contact_ids: Iterable[int]) -> None:
    """Set contacts.lifetime_value ({currency: "amount"}) and order_count from the contacts'
    transactions, in one UPDATE whose sums PostgreSQL computes exactly (numeric)."""
    contacts = contacts_model()
    per_currency = (
        select(Transaction.currency, func.sum(Transaction.amount).label("total"))
        .where(Transaction.contact_id == contacts.id)
        .group_by(Transaction.currency)
        .correlate(contacts)
        .subquery()
    )
    lifetime = select(
        func.coalesce(
            func.jsonb_object_agg(per_currency.c.currency, cast(per_currency.c.total, String)),
            cast(text("'{}'"), JSONB),
        )
    ).scalar_subquery()
    orders = (
        select(func.count())
        .select_from(Transaction)
        .where(Transaction.contact_id == contacts.id)
        .correlate(contacts)
        .scalar_subquery()
    )
    session.execute(
        update(contacts)
        .where(contacts.id.in_(list(contact_ids)))
        .values(lifetime_value=lifetime, order_count=orders)
        .execution_options(synchronize_session=False)
    )


def _merge(session: Session, model: type, keep_id: int, merged_id: int) -> None:
    move_rows(session, model, keep_id, merged_id)
    refresh_captured_totals(session, [keep_id, merged_id])


register_owned(Transaction, merge=_merge)
