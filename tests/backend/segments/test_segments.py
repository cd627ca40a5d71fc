"""Segments: rules of every kind compile to the right contacts, nested groups combine them,
bad rules are refused naming the part, and counts and previews stay within the contact
classes the caller may see."""

from __future__ import annotations

from typing import Any

import pytest

from factories.accounts import ApiClient, member_client
from factories.contacts import make_class, make_contact, make_field
from factories.lists import make_list, subscribe


def _ids(client: ApiClient, rules: dict[str, Any]) -> set[int]:
    page = client.ok(client.post("segments/preview?page_size=200", {"rules": rules}))
    count = client.ok(client.post("segments/count", {"rules": rules}))["count"]
    assert count == page["total"] == len(page["items"])
    return {c["id"] for c in page["items"]}


def _all(*rules: dict[str, Any]) -> dict[str, Any]:
    return {"op": "and", "rules": list(rules)}


@pytest.fixture
def people(owner: ApiClient) -> dict[str, dict[str, Any]]:
    make_field(owner, "plan", "text")
    make_field(owner, "seats", "number")
    make_field(owner, "renewal", "date")
    make_field(owner, "vip", "boolean")
    make_field(owner, "topics", "multi_choice", ["shoes", "bags"])
    ann = make_contact(
        owner,
        email="ann@segments.example",
        first_name="Ann",
        tags=["buyer", "newsletter"],
        custom={
            "plan": "Pro",
            "seats": 12,
            "renewal": "2030-05-01",
            "vip": True,
            "topics": ["shoes"],
        },
    )
    bob = make_contact(
        owner,
        email="bob@segments.example",
        first_name="Bob",
        company="Żółć Sp. z o.o.",
        tags=["buyer"],
        custom={"plan": "basic", "seats": 3, "vip": False, "topics": ["bags"]},
    )
    cid = make_contact(owner, email="cid@other.example", first_name="Cid")
    return {"ann": ann, "bob": bob, "cid": cid}


def test_rules_of_every_kind(owner: ApiClient, people: dict[str, Any]) -> None:
    ann, bob, cid = people["ann"]["id"], people["bob"]["id"], people["cid"]["id"]
    cases: list[tuple[dict[str, Any], set[int]]] = [
        ({"field": "tag", "op": "has", "value": "BUYER"}, {ann, bob}),
        ({"field": "tag", "op": "not_has", "value": "newsletter"}, {bob, cid}),
        ({"field": "tag", "op": "has", "value": "nobody-has-it"}, set()),
        ({"field": "email", "op": "contains", "value": "@segments."}, {ann, bob}),
        ({"field": "email", "op": "eq", "value": "ANN@segments.example"}, {ann}),
        ({"field": "first_name", "op": "neq", "value": "ann"}, {bob, cid}),
        ({"field": "company", "op": "contains", "value": "żółć"}, {bob}),
        ({"field": "company", "op": "is_empty"}, {ann, cid}),
        ({"field": "custom.plan", "op": "eq", "value": "pro"}, {ann}),
        ({"field": "custom.seats", "op": "gt", "value": 5}, {ann}),
        ({"field": "custom.seats", "op": "lte", "value": "3"}, {bob}),
        ({"field": "custom.renewal", "op": "gt", "value": "2030-01-01"}, {ann}),
        ({"field": "custom.renewal", "op": "is_empty"}, {bob, cid}),
        ({"field": "custom.vip", "op": "eq", "value": True}, {ann}),
        ({"field": "custom.topics", "op": "has", "value": "bags"}, {bob}),
        ({"field": "created_at", "op": "within_days", "value": 1}, {ann, bob, cid}),
        ({"field": "created_at", "op": "before_days", "value": 1}, set()),
        ({"field": "score", "op": "gte", "value": 0}, {ann, bob, cid}),
        ({"field": "email_status", "op": "eq", "value": "unverified"}, {ann, bob, cid}),
        ({"field": "purchased", "op": "never"}, {ann, bob, cid}),
        ({"field": "visited_url", "op": "contains", "value": "/pricing"}, set()),
        ({"field": "opened", "op": "ever"}, set()),
    ]
    for rule, expected in cases:
        found = _ids(owner, _all(rule)) & {ann, bob, cid}
        assert found == expected, rule


def test_purchases_visits_and_lists(owner: ApiClient, people: dict[str, Any]) -> None:
    ann, bob = people["ann"]["id"], people["bob"]["id"]
    owner.ok(
        owner.post(f"contacts/{ann}/transactions", {"amount": "250.00", "currency": "PLN"}), 201
    )
    owner.ok(
        owner.post(f"contacts/{bob}/transactions", {"amount": "40.00", "currency": "EUR"}), 201
    )
    owner.ok(
        owner.post(
            "events",
            {"type": "page_visit", "contact_id": bob, "url": "https://shop.example/pricing?x=1"},
        ),
        201,
    )
    news = make_list(owner)
    subscribe(owner, news["id"], ann)
    subscribe(owner, news["id"], bob, "unsubscribed")
    mine = {ann, bob}
    assert _ids(owner, _all({"field": "lifetime_value", "op": "gt", "value": 100})) & mine == {ann}
    eur = {"field": "lifetime_value", "op": "gt", "value": {"amount": 10, "currency": "eur"}}
    assert _ids(owner, _all(eur)) & mine == {bob}
    assert _ids(owner, _all({"field": "purchased", "op": "within_days", "value": 7})) & mine == mine
    visit = {"field": "visited_url", "op": "contains", "value": "/PRICING"}
    assert _ids(owner, _all(visit)) & mine == {bob}
    on = {"field": "list", "op": "subscribed", "value": news["id"]}
    assert _ids(owner, _all(on)) & mine == {ann}
    left = {"field": "list", "op": "unsubscribed", "value": news["id"]}
    assert _ids(owner, _all(left)) & mine == {bob}
    off = {"field": "list", "op": "not_subscribed", "value": news["id"]}
    assert ann not in _ids(owner, _all(off))


def test_nested_groups(owner: ApiClient, people: dict[str, Any]) -> None:
    ann, bob, cid = people["ann"]["id"], people["bob"]["id"], people["cid"]["id"]
    rules = {
        "op": "or",
        "rules": [
            {"field": "first_name", "op": "eq", "value": "Cid"},
            {
                "op": "and",
                "rules": [
                    {"field": "tag", "op": "has", "value": "buyer"},
                    {"field": "custom.plan", "op": "eq", "value": "basic"},
                ],
            },
        ],
    }
    assert _ids(owner, rules) & {ann, bob, cid} == {bob, cid}
    segment = owner.ok(owner.post("segments", {"name": "Basic buyers or Cid", "rules": rules}), 201)
    assert segment["rules"] == rules
    assert owner.ok(owner.get(f"segments/{segment['id']}"))["name"] == "Basic buyers or Cid"
    assert _ids(owner, _all()) >= {ann, bob, cid}  # an empty group: everyone


@pytest.mark.parametrize(
    ("rules", "path", "words"),
    [
        (_all({"field": "shoe_size", "op": "eq", "value": 1}), "rules.rules.0.field", "shoe_size"),
        (
            _all({"field": "email", "op": "sounds_like", "value": "x"}),
            "rules.rules.0.op",
            "sounds_like",
        ),
        (_all({"field": "custom.nope", "op": "eq", "value": 1}), "rules.rules.0.field", "nope"),
        ({"op": "xor", "rules": []}, "rules.op", "xor"),
        (_all({"field": "score", "op": "gt", "value": "lots"}), "rules.rules.0.value", "number"),
        (
            _all({"field": "created_at", "op": "within_days", "value": -3}),
            "rules.rules.0.value",
            "days",
        ),
        (_all(_all({"field": "tag", "op": "has"})), "rules.rules.0.rules.0.value", "text"),
        ({"op": "and", "rules": "tag"}, "rules.rules", "list"),
    ],
)
def test_bad_rules_are_refused_naming_the_part(
    owner: ApiClient, rules: dict[str, Any], path: str, words: str
) -> None:
    for url in ("segments/count", "segments/preview"):
        answer = owner.post(url, {"rules": rules})
        assert answer.status_code == 422, answer.get_json()
        errors = answer.get_json()["errors"]
        assert list(errors) == [path] and words in errors[path][0], errors
    saved = owner.post("segments", {"name": "Bad", "rules": rules})
    assert saved.status_code == 422


def test_counts_stay_within_ones_classes(app, owner: ApiClient, stranger: ApiClient) -> None:  # type: ignore[no-untyped-def]
    shop = make_class(owner, "Shop")
    seen = make_contact(owner, contact_class_id=shop["id"], tags=["promo"])
    make_contact(owner, tags=["promo"])
    member = member_client(app, owner, class_ids=[shop["id"]])
    rules = _all({"field": "tag", "op": "has", "value": "promo"})
    assert owner.ok(owner.post("segments/count", {"rules": rules}))["count"] == 2
    assert _ids(member, rules) == {seen["id"]}
    viewer = member_client(app, owner, role="viewer", class_ids=[shop["id"]])
    assert viewer.ok(viewer.post("segments/count", {"rules": rules}))["count"] == 1
    assert viewer.post("segments", {"name": "x", "rules": rules}).status_code == 403
    segment = owner.ok(owner.post("segments", {"name": "Promo", "rules": rules}), 201)
    assert stranger.get(f"segments/{segment['id']}").status_code == 404
    assert stranger.ok(stranger.post("segments/count", {"rules": rules}))["count"] == 0


def test_a_segment_goes_to_the_trash_and_back(owner: ApiClient) -> None:
    segment = owner.ok(owner.post("segments", {"name": "Old", "rules": _all()}), 201)
    renamed = owner.ok(owner.patch(f"segments/{segment['id']}", {"name": "Older"}))
    assert renamed["name"] == "Older"
    assert owner.delete(f"segments/{segment['id']}").status_code == 204
    assert owner.get(f"segments/{segment['id']}").status_code == 404
    assert owner.ok(owner.post(f"segments/{segment['id']}/restore"))["name"] == "Older"
