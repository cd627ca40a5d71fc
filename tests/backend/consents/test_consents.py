"""Consents per purpose: an append-only history with its proof (source, exact text, IP and
user agent), the current state of every purpose, purposes that admins manage, and the
contact's visibility and the caller's role respected."""

from __future__ import annotations

from factories.accounts import ApiClient, member_client
from factories.contacts import make_class, make_contact

BUILT_IN = ["email_marketing", "sms", "profiling"]
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"


def _consent(client: ApiClient, contact_id: int, body: dict, ip: str = "203.0.113.7"):  # type: ignore[no-untyped-def]
    return client.post(
        f"contacts/{contact_id}/consents",
        body,
        headers={"User-Agent": BROWSER},
        environ_base={"REMOTE_ADDR": ip},
    )


def test_every_workspace_starts_with_the_built_in_purposes(
    owner: ApiClient, stranger: ApiClient
) -> None:
    for client in (owner, stranger):
        items = client.ok(client.get("consent-purposes"))["items"]
        assert [(p["key"], p["built_in"]) for p in items] == [(k, True) for k in BUILT_IN]
        assert [p["name"] for p in items] == ["Email marketing", "SMS", "Profiling"]


def test_history_and_current_state_keep_the_proof(owner: ApiClient) -> None:
    contact = make_contact(owner)
    path = f"contacts/{contact['id']}/consents"
    fresh = owner.ok(owner.get(path))
    assert fresh["history"] == []
    assert [(c["purpose"], c["state"], c["at"]) for c in fresh["current"]] == [
        (k, "unknown", None) for k in BUILT_IN
    ]
    proof = "Zgadzam się na newsletter. Я согласен получать письма.\nLine two."
    granted = owner.ok(
        _consent(
            owner,
            contact["id"],
            {
                "purpose": "email_marketing",
                "state": "granted",
                "source": "web form",
                "proof_text": proof,
            },
        ),
        201,
    )
    assert granted["ip"] == "203.0.113.7" and granted["user_agent"] == BROWSER
    assert granted["proof_text"] == proof and granted["actor_name"] == "Olive Owner"
    owner.ok(
        _consent(
            owner,
            contact["id"],
            {"purpose": "email_marketing", "state": "withdrawn", "source": "phone call"},
            ip="2001:db8::1",
        ),
        201,
    )
    owner.ok(
        _consent(
            owner,
            contact["id"],
            {"purpose": "sms", "state": "granted", "source": "shop", "proof_text": "SMS ok"},
        ),
        201,
    )
    answer = owner.ok(owner.get(path))
    current = {c["purpose"]: c for c in answer["current"]}
    assert current["email_marketing"]["state"] == "withdrawn"
    assert current["email_marketing"]["source"] == "phone call"
    assert current["email_marketing"]["ip"] == "2001:db8::1"
    assert current["sms"]["state"] == "granted" and current["sms"]["proof_text"] == "SMS ok"
    assert current["sms"]["user_agent"] == BROWSER and current["sms"]["at"]
    assert current["profiling"]["state"] == "unknown"
    history = answer["history"]
    assert [(h["purpose"], h["state"]) for h in history] == [
        ("sms", "granted"),
        ("email_marketing", "withdrawn"),
        ("email_marketing", "granted"),
    ]
    assert history[2]["proof_text"] == proof and history[2]["ip"] == "203.0.113.7"
    assert history[2]["purpose_name"] == "Email marketing"
    timeline = owner.ok(owner.get(f"contacts/{contact['id']}/activities"))["items"]
    assert [a["data"] for a in timeline if a["kind"] == "consent_changed"] == [
        {"purpose": "sms", "state": "granted", "source": "shop"},
        {"purpose": "email_marketing", "state": "withdrawn", "source": "phone call"},
        {"purpose": "email_marketing", "state": "granted", "source": "web form"},
    ]


def test_bad_consents_are_422_naming_the_field_and_store_nothing(owner: ApiClient) -> None:
    contact = make_contact(owner)
    cases = [
        ({"purpose": "telepathy", "state": "granted", "source": "x", "proof_text": "y"}, "purpose"),
        ({"purpose": "sms", "state": "granted", "source": "web form"}, "proof_text"),
        ({"purpose": "sms", "state": "granted", "source": "x", "proof_text": "  "}, "proof_text"),
        ({"purpose": "sms", "state": "maybe", "source": "x"}, "state"),
        ({"purpose": "sms", "state": "withdrawn", "source": ""}, "source"),
        ({"purpose": "sms", "state": "withdrawn", "source": "x" * 201}, "source"),
        (
            {"purpose": "sms", "state": "granted", "source": "x", "proof_text": "p" * 10_001},
            "proof_text",
        ),
    ]
    for body, field in cases:
        response = _consent(owner, contact["id"], body)
        assert response.status_code == 422, (body, response.get_json())
        assert list(response.get_json()["errors"]) == [field], body
    assert owner.ok(owner.get(f"contacts/{contact['id']}/consents"))["history"] == []


def test_admins_manage_purposes(app, owner: ApiClient) -> None:
    made = owner.ok(
        owner.post("consent-purposes", {"name": "Telefon (połączenia)", "description": "Calls"}),
        201,
    )
    assert made["key"] == "telefon_polaczenia" and made["built_in"] is False
    duplicate = owner.post("consent-purposes", {"name": "Again", "key": "telefon_polaczenia"})
    assert duplicate.status_code == 409 and "key" in duplicate.get_json()["errors"]
    bad_key = owner.post("consent-purposes", {"name": "X", "key": "Bad Key"})
    assert bad_key.status_code == 422 and list(bad_key.get_json()["errors"]) == ["key"]
    assert owner.post("consent-purposes", {"name": ""}).status_code == 422
    renamed = owner.ok(owner.patch(f"consent-purposes/{made['id']}", {"name": "Phone calls"}))
    assert renamed["name"] == "Phone calls" and renamed["key"] == "telefon_polaczenia"

    member = member_client(app, owner, role="member")
    assert member.ok(member.get("consent-purposes"))["total"] == 4
    assert member.post("consent-purposes", {"name": "Nope"}).status_code == 403
    assert member.patch(f"consent-purposes/{made['id']}", {"name": "Nope"}).status_code == 403
    assert member.delete(f"consent-purposes/{made['id']}").status_code == 403

    # The new purpose is on every card, and members record consents to it.
    contact = make_contact(owner)
    current = owner.ok(owner.get(f"contacts/{contact['id']}/consents"))["current"]
    assert current[-1] == {
        "purpose": "telefon_polaczenia",
        "purpose_name": "Phone calls",
        "state": "unknown",
        "source": None,
        "at": None,
        "proof_text": None,
        "ip": None,
        "user_agent": None,
        "actor_name": None,
    }
    body = {"purpose": "telefon_polaczenia", "state": "withdrawn", "source": "call"}
    member.ok(_consent(member, contact["id"], body), 201)

    # Built-in: never deleted. In use: kept as proof. Unused custom: deleted.
    built_in = owner.ok(owner.get("consent-purposes"))["items"][0]
    refused = owner.delete(f"consent-purposes/{built_in['id']}")
    assert refused.status_code == 409 and "Built-in" in refused.get_json()["message"]
    in_use = owner.delete(f"consent-purposes/{made['id']}")
    assert in_use.status_code == 409 and "proof" in in_use.get_json()["message"]
    unused = owner.ok(owner.post("consent-purposes", {"name": "Postal mail"}), 201)
    assert owner.delete(f"consent-purposes/{unused['id']}").status_code == 204
    assert owner.get(f"consent-purposes/{unused['id']}").status_code == 404
    keys = [p["key"] for p in owner.ok(owner.get("consent-purposes"))["items"]]
    assert keys == [*BUILT_IN, "telefon_polaczenia"]


def test_consents_follow_the_contact_and_the_role(
    app, owner: ApiClient, stranger: ApiClient
) -> None:
    vip = make_class(owner, "Consents VIP")
    hidden = make_contact(owner)
    shown = make_contact(owner, contact_class_id=vip["id"])
    body = {"purpose": "sms", "state": "granted", "source": "web form", "proof_text": "Yes"}
    owner.ok(_consent(owner, hidden["id"], body), 201)

    member = member_client(app, owner, role="member", class_ids=[vip["id"]])
    assert member.get(f"contacts/{hidden['id']}/consents").status_code == 404
    assert _consent(member, hidden["id"], body).status_code == 404
    assert _consent(member, shown["id"], body).status_code == 201

    viewer = member_client(app, owner, role="viewer")
    assert len(viewer.ok(viewer.get(f"contacts/{hidden['id']}/consents"))["history"]) == 1
    assert _consent(viewer, hidden["id"], body).status_code == 403
    assert viewer.post("consent-purposes", {"name": "Viewer's"}).status_code == 403

    base = f"/api/v1/workspaces/{owner.workspace_id}"
    assert stranger.get(f"{base}/contacts/{hidden['id']}/consents").status_code == 404
    assert stranger.post(f"{base}/contacts/{hidden['id']}/consents", body).status_code == 404
    assert stranger.get(f"{base}/consent-purposes").status_code == 404
    # The stranger's own workspace knows nothing of the owner's contact.
    assert stranger.get(f"contacts/{hidden['id']}/consents").status_code == 404
