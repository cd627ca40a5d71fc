"""Transactions: exact amounts per ISO 4217 currency, an idempotent external order id, the
e-commerce summary per currency, the contact's captured totals kept in step, and the
contact's visibility and the caller's role respected."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from factories.accounts import ApiClient, member_client
from factories.contacts import make_class, make_contact


def _captured(workspace_id: int, contact_id: int) -> tuple[dict[str, str], int]:
    from cardfile.db.scope import open_workspace_session
    from cardfile.modules.contacts.models import Contact

    with open_workspace_session(workspace_id) as session:
        contact = session.get(Contact, contact_id)
        assert contact is not None
        return contact.lifetime_value, contact.order_count


def _buy(client: ApiClient, contact_id: int, **body: Any):  # type: ignore[no-untyped-def]
    return client.post(f"contacts/{contact_id}/transactions", body)


def test_a_transaction_is_exact_and_keeps_the_captured_totals(app, owner: ApiClient) -> None:
    contact = make_contact(owner)
    first = owner.ok(
        _buy(
            owner,
            contact["id"],
            description="Zamówienie internetowe",
            place="sklep.example.pl/koszyk",
            product="Kubek „Żółw”",
            price="4.10",
            quantity=3,
            amount="12.30",
            currency="pln",
            ordered_at="2026-03-01T10:00:00+01:00",
            order_id="A-1",
        ),
        201,
    )
    assert first["amount"] == "12.30" and first["price"] == "4.10"
    assert first["currency"] == "PLN" and first["quantity"] == 3
    assert datetime.fromisoformat(first["ordered_at"]) == datetime(2026, 3, 1, 9, tzinfo=UTC)
    # JSON numbers are read exactly too (0.1 + 0.2 is 0.30 here, not 0.30000000000000004).
    owner.ok(
        _buy(owner, contact["id"], amount=0.1, currency="PLN", ordered_at="2026-03-02T10:00:00Z"),
        201,
    )
    second = owner.ok(_buy(owner, contact["id"], amount=0.2, currency="PLN"), 201)
    assert second["quantity"] == 1 and second["price"] is None and second["order_id"] is None
    owner.ok(
        _buy(owner, contact["id"], amount="100", currency="EUR", ordered_at="2026-01-05T00:00:00Z"),
        201,
    )

    assert _captured(owner.workspace_id, contact["id"]) == ({"PLN": "12.60", "EUR": "100.00"}, 4)
    card = owner.ok(owner.get(f"contacts/{contact['id']}"))
    if "lifetime_value" in card:  # the card shows the captured fields once the lead exposes them
        assert card["lifetime_value"] == {"PLN": "12.60", "EUR": "100.00"}
        assert card["order_count"] == 4

    listed = owner.ok(owner.get(f"contacts/{contact['id']}/transactions"))
    assert listed["total"] == 4
    assert [t["amount"] for t in listed["items"]] == ["0.20", "0.10", "12.30", "100.00"]
    paged = owner.ok(owner.get(f"contacts/{contact['id']}/transactions?page_size=3"))
    rest = owner.ok(
        owner.get(
            f"contacts/{contact['id']}/transactions?page_size=3&cursor={paged['next_cursor']}"
        )
    )
    assert [t["amount"] for t in rest["items"]] == ["100.00"]

    timeline = owner.ok(owner.get(f"contacts/{contact['id']}/activities"))["items"]
    added = [a["data"] for a in timeline if a["kind"] == "transaction_added"]
    assert added[-1] == {
        "amount": "12.30",
        "currency": "PLN",
        "quantity": 3,
        "product": "Kubek „Żółw”",
        "order_id": "A-1",
    }
    assert len(added) == 4


def test_the_summary_is_per_currency_with_exact_figures(owner: ApiClient) -> None:
    contact = make_contact(owner)
    path = f"contacts/{contact['id']}/ecommerce-summary"
    assert owner.ok(owner.get(path)) == {"currencies": []}
    for amount, currency, at in [
        ("10.00", "PLN", "2026-02-01T12:00:00Z"),
        ("0.01", "PLN", "2026-01-01T12:00:00Z"),
        ("0.01", "PLN", "2026-03-01T12:00:00Z"),
        ("999999999999.99", "USD", "2026-02-10T08:30:00Z"),
    ]:
        owner.ok(_buy(owner, contact["id"], amount=amount, currency=currency, ordered_at=at), 201)
    summary = owner.ok(owner.get(path))["currencies"]
    pln, usd = summary
    assert pln["currency"] == "PLN" and pln["order_count"] == 3
    assert pln["lifetime_value"] == "10.02"
    # 10.02 / 3 = 3.34 exactly; figures are strings computed with Decimal, never floats.
    assert pln["average_basket"] == str((Decimal("10.02") / 3).quantize(Decimal("0.01")))
    assert pln["first_purchase_at"].startswith("2026-01-01T12:00:00")
    assert pln["last_purchase_at"].startswith("2026-03-01T12:00:00")
    assert usd["lifetime_value"] == "999999999999.99" and usd["average_basket"] == "999999999999.99"
    assert usd["order_count"] == 1 and usd["first_purchase_at"] == usd["last_purchase_at"]
    owner.ok(_buy(owner, contact["id"], amount="0.01", currency="PLN"), 201)
    pln = owner.ok(owner.get(path))["currencies"][0]
    assert pln["lifetime_value"] == "10.03" and pln["average_basket"] == "2.51"  # 2.5075 half up


def test_the_same_order_id_is_idempotent(app, owner: ApiClient) -> None:
    contact = make_contact(owner)
    other = make_contact(owner)
    body = {"amount": "49.99", "currency": "EUR", "order_id": "shop-1001", "product": "Lamp"}
    first = owner.ok(_buy(owner, contact["id"], **body), 201)
    again = owner.ok(_buy(owner, contact["id"], **{**body, "amount": "1.00"}), 200)
    assert again == first
    listed = owner.ok(owner.get(f"contacts/{contact['id']}/transactions"))
    assert listed["total"] == 1
    assert _captured(owner.workspace_id, contact["id"]) == ({"EUR": "49.99"}, 1)
    timeline = owner.ok(owner.get(f"contacts/{contact['id']}/activities"))["items"]
    assert [a["kind"] for a in timeline].count("transaction_added") == 1
    taken = _buy(owner, other["id"], **body)
    assert taken.status_code == 409 and "order_id" in taken.get_json()["errors"]
    assert owner.ok(owner.get(f"contacts/{other['id']}/transactions"))["total"] == 0
    assert _captured(owner.workspace_id, other["id"]) == ({}, 0)


def test_bad_transactions_are_422_naming_the_field_and_store_nothing(owner: ApiClient) -> None:
    contact = make_contact(owner)
    cases = [
        ({"amount": "12.345", "currency": "PLN"}, "amount"),
        ({"amount": 12.345, "currency": "PLN"}, "amount"),
        ({"amount": "abc", "currency": "PLN"}, "amount"),
        ({"amount": "NaN", "currency": "PLN"}, "amount"),
        ({"amount": "-5.00", "currency": "PLN"}, "amount"),
        ({"amount": "1e30", "currency": "PLN"}, "amount"),
        ({"currency": "PLN"}, "amount"),
        ({"amount": "12.00", "currency": "ABC"}, "currency"),
        ({"amount": "12.00", "currency": "EURO"}, "currency"),
        ({"amount": "12.00", "currency": "XXX"}, "currency"),
        ({"amount": "12.00"}, "currency"),
        ({"amount": "12.00", "currency": "PLN", "quantity": -1}, "quantity"),
        ({"amount": "12.00", "currency": "PLN", "quantity": 0}, "quantity"),
        ({"amount": "12.00", "currency": "PLN", "quantity": 1.5}, "quantity"),
        ({"amount": "12.00", "currency": "PLN", "price": "1.001"}, "price"),
        ({"amount": "12.00", "currency": "PLN", "ordered_at": "yesterday"}, "ordered_at"),
        ({"amount": "12.00", "currency": "PLN", "order_id": "x" * 101}, "order_id"),
    ]
    for body, field in cases:
        response = _buy(owner, contact["id"], **body)
        assert response.status_code == 422, (body, response.get_json())
        assert list(response.get_json()["errors"]) == [field], (body, response.get_json())
    assert owner.ok(owner.get(f"contacts/{contact['id']}/transactions"))["total"] == 0
    # A decimal comma and a trailing zero are still exact amounts.
    ok = owner.ok(_buy(owner, contact["id"], amount="12,50", currency="gbp", price="12.500"), 201)
    assert (ok["amount"], ok["price"], ok["currency"]) == ("12.50", "12.50", "GBP")


def test_transactions_follow_the_contact_and_the_role(
    app, owner: ApiClient, stranger: ApiClient
) -> None:
    vip = make_class(owner, "Shop VIP")
    hidden = make_contact(owner)
    shown = make_contact(owner, contact_class_id=vip["id"])
    body = {"amount": "5.00", "currency": "PLN"}
    owner.ok(_buy(owner, hidden["id"], **body, order_id="hidden-1"), 201)

    member = member_client(app, owner, role="member", class_ids=[vip["id"]])
    for path in ("transactions", "ecommerce-summary"):
        assert member.get(f"contacts/{hidden['id']}/{path}").status_code == 404
    assert _buy(member, hidden["id"], **body).status_code == 404
    assert _buy(member, shown["id"], **body).status_code == 201

    viewer = member_client(app, owner, role="viewer")
    assert viewer.ok(viewer.get(f"contacts/{hidden['id']}/transactions"))["total"] == 1
    assert viewer.ok(viewer.get(f"contacts/{hidden['id']}/ecommerce-summary"))["currencies"]
    assert _buy(viewer, hidden["id"], **body).status_code == 403

    base = f"/api/v1/workspaces/{owner.workspace_id}/contacts/{hidden['id']}"
    for path in ("transactions", "ecommerce-summary"):
        assert stranger.get(f"{base}/{path}").status_code == 404
        assert stranger.get(f"contacts/{hidden['id']}/{path}").status_code == 404
    assert stranger.post(f"{base}/transactions", body).status_code == 404
    # Order ids are per workspace: the stranger's shop may use the same one.
    own = make_contact(stranger)
    assert _buy(stranger, own["id"], **body, order_id="hidden-1").status_code == 201


def test_a_merge_moves_transactions_and_recomputes_the_totals(owner: ApiClient) -> None:
    from cardfile.access.owned import merge_contact_rows
    from cardfile.db.scope import open_workspace_session

    keep = make_contact(owner)
    merged = make_contact(owner)
    owner.ok(_buy(owner, keep["id"], amount="1.50", currency="PLN"), 201)
    owner.ok(_buy(owner, merged["id"], amount="2.25", currency="PLN"), 201)
    owner.ok(_buy(owner, merged["id"], amount="3.00", currency="CHF"), 201)
    with open_workspace_session(owner.workspace_id) as session:
        merge_contact_rows(session, keep["id"], merged["id"])
        session.commit()
    assert _captured(owner.workspace_id, keep["id"]) == ({"PLN": "3.75", "CHF": "3.00"}, 3)
    assert _captured(owner.workspace_id, merged["id"]) == ({}, 0)
