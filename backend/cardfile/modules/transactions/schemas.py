from __future__ import annotations

from decimal import ROUND_DOWN, Decimal, InvalidOperation
from typing import Any

import pycountry
from marshmallow import Schema, ValidationError, fields, validate

from cardfile.api.fields import Text
from cardfile.api.pagination import page_args, page_of
from cardfile.modules.contacts.schemas import aware_datetime

MAX_MONEY = Decimal("999999999999.99")  # numeric(14,2)
CENT = Decimal("0.01")
# ISO 4217 codes that name no money: "no currency" and the testing code.
NOT_MONEY = {"XXX", "XTS"}
CURRENCIES = frozenset(c.alpha_3 for c in pycountry.currencies) - NOT_MONEY


class Money(fields.Field):
    """An exact amount with at most 2 decimals: a JSON number or a string ("12.50", "12,50");
    read as a Decimal, answered as a string."""

    def __init__(self, label: str = "an amount", **kwargs: Any) -> None:
        self.label = label
        kwargs["error_messages"] = {
            "required": f"Enter {label}.",
            "null": f"Enter {label}.",
            **(kwargs.get("error_messages") or {}),
        }
        kwargs.setdefault("metadata", {})
        kwargs["metadata"].setdefault("type", "string")
        kwargs["metadata"].setdefault("example", "12.50")
        super().__init__(**kwargs)

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else str(Decimal(value).quantize(CENT))

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise ValidationError(f"Enter {self.label} as a number, like 12.50.")
        typed = value.strip().replace(",", ".", 1) if isinstance(value, str) else str(value)
        try:
            amount = Decimal(typed)
        except InvalidOperation as error:
            raise ValidationError(f"Enter {self.label} as a number, like 12.50.") from error
        if not amount.is_finite():
            raise ValidationError(f"Enter {self.label} as a number, like 12.50.")
        if amount < 0:
            raise ValidationError(f"Enter {self.label} of 0 or more.")
        if amount > MAX_MONEY:
            raise ValidationError("Use an amount below 1,000,000,000,000.")
        if amount != amount.quantize(CENT, rounding=ROUND_DOWN):
            raise ValidationError("Use at most 2 decimal places, like 12.50.")
        return amount.quantize(CENT)


def check_currency(value: str) -> None:
    if value not in CURRENCIES:
        raise ValidationError("Use an ISO 4217 currency code, like PLN, EUR or USD.")


class Currency(Text):
    """An ISO 4217 alphabetic code, upper-cased ("pln" -> "PLN")."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=16, min_length=1, label="a currency code", **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        code = super()._deserialize(value, attr, data, **kwargs)
        code = code.upper() if code else code
        check_currency(code)
        return code


class TransactionInSchema(Schema):
    description = Text(max_length=500, allow_none=True, label="a description")
    place = Text(
        max_length=200,
        allow_none=True,
        label="a place",
        metadata={"description": "Where: a store or a page"},
    )
    product = Text(max_length=200, allow_none=True, label="a product")
    price = Money(label="a unit price", allow_none=True, metadata={"description": "Per unit"})
    quantity = fields.Integer(
        strict=True,
        load_default=1,
        validate=validate.Range(min=1, max=1_000_000, error="Enter a quantity of 1 or more."),
        error_messages={
            "invalid": "Enter a whole number of 1 or more.",
            "null": "Enter a quantity of 1 or more.",
        },
    )
    amount = Money(required=True, metadata={"description": "The total paid, at most 2 decimals"})
    currency = Currency(required=True, metadata={"description": "ISO 4217, like PLN or EUR"})
    ordered_at = aware_datetime("When it was ordered (default: now)", allow_none=True)
    order_id = Text(
        max_length=100,
        allow_none=True,
        label="an order id",
        metadata={
            "description": "The order's id in the shop; posting it again answers 200 with the "
            "row already recorded"
        },
    )


class TransactionSchema(Schema):
    id = fields.Integer(required=True)
    contact_id = fields.Integer(required=True)
    description = fields.String(allow_none=True)
    place = fields.String(allow_none=True)
    product = fields.String(allow_none=True)
    price = Money(allow_none=True)
    quantity = fields.Integer(required=True)
    amount = Money(required=True)
    currency = fields.String(required=True)
    ordered_at = fields.DateTime(required=True)
    order_id = fields.String(allow_none=True)
    created_at = fields.DateTime(required=True)


TransactionListArgs = page_args("ordered_at", name="TransactionListArgs")
TransactionPageSchema = page_of(TransactionSchema)


class CurrencySummarySchema(Schema):
    currency = fields.String(required=True)
    lifetime_value = Money(required=True)
    order_count = fields.Integer(required=True)
    average_basket = Money(required=True, metadata={"description": "Rounded half up to cents"})
    first_purchase_at = fields.DateTime(required=True)
    last_purchase_at = fields.DateTime(required=True)


class EcommerceSummarySchema(Schema):
    currencies = fields.List(fields.Nested(CurrencySummarySchema), required=True)
