from __future__ import annotations

from typing import Any

from flask.views import MethodView

from cardfile.api.blueprint import WorkspaceBlueprint
from cardfile.api.context import db, principal
from cardfile.modules.transactions import service
from cardfile.modules.transactions.schemas import (
    EcommerceSummarySchema,
    TransactionInSchema,
    TransactionListArgs,
    TransactionPageSchema,
    TransactionSchema,
)

transactions_blp = WorkspaceBlueprint(
    "transactions", __name__, description="A contact's transactions and e-commerce summary"
)


@transactions_blp.route("/transactions")
class Transactions(MethodView):
    @transactions_blp.arguments(TransactionListArgs, location="query")
    @transactions_blp.response(200, TransactionPageSchema)
    def get(self, args: dict[str, Any], contact_id: int) -> Any:
        """The contact's transactions, newest order first"""
        return service.list_transactions(db(), principal(), contact_id, args)

    @transactions_blp.arguments(TransactionInSchema)
    @transactions_blp.response(201, TransactionSchema)
    @transactions_blp.alt_response(
        200, schema=TransactionSchema, description="This order_id was recorded before: that row"
    )
    def post(self, data: dict[str, Any], contact_id: int) -> Any:
        """Record a transaction (amount with at most 2 decimals, ISO 4217 currency); the same
        order_id again answers 200 with the row recorded first"""
        row, created = service.create_transaction(db(), principal(), contact_id, data)
        return row, 201 if created else 200


@transactions_blp.route("/ecommerce-summary")
@transactions_blp.response(200, EcommerceSummarySchema)
def ecommerce_summary(contact_id: int) -> Any:
    """Per currency: lifetime value, order count, average basket, first and last purchase"""
    return service.ecommerce_summary(db(), principal(), contact_id)
