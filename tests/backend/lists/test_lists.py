"""Lists and subscriptions: staff add and change subscribers (history, timeline, counts
within the contact classes one may see), the public subscribes by a list's form (honeypot,
proof, double opt-in with a signed expiring link), and people manage their own lists."""

from __future__ import annotations

from email.message import Message

from factories.accounts import ApiClient, member_client
from factories.contacts import make_class, make_contact
from factories.lists import form_path, make_list, subscribe
from factories.smtp import SmtpSink

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"


def test_a_list_counts_its_subscribers_by_status(owner: ApiClient) -> None:
    news = make_list(owner, name="Nowości — Новости", double_opt_in=False)
    assert news["counts"] == {
        "unconfirmed": 0,
        "subscribed": 0,
        "unsubscribed": 0,
        "bounced": 0,
        "complained": 0,
    }
    ann, bob = make_contact(owner), make_contact(owner)
    body = {"contact_id": ann["id"], "status": "subscribed"}
    added = owner.post(f"lists/{news['id']}/subscriptions", body)
    assert added.status_code == 201 and added.get_json()["status"] == "subscribed"
    assert owner.post(f"lists/{news['id']}/subscriptions", body).status_code == 200
    subscribe(owner, news["id"], bob["id"])
    subscribe(owner, news["id"], bob["id"], "unsubscribed")
    detail = owner.ok(owner.get(f"lists/{news['id']}"))
    assert detail["name"] == "Nowości — Новости"
    assert detail["counts"]["subscribed"] == 1 and detail["counts"]["unsubscribed"] == 1
    page = owner.ok(owner.get(f"lists/{news['id']}/subscriptions?status=subscribed"))
    assert [s["contact_id"] for s in page["items"]] == [ann["id"]] and page["total"] == 1
    listed = owner.ok(owner.get("lists?q=nowo"))
    assert [row["id"] for row in listed["items"]] == [news["id"]]


def test_bad_input_names_the_field(owner: ApiClient) -> None:
    bad = owner.post("lists", {"name": "  "})
    assert bad.status_code == 422 and "name" in bad.get_json()["errors"]
    news = make_list(owner)
    wrong = owner.post(f"lists/{news['id']}/subscriptions", {"contact_id": 1, "status": "maybe"})
    assert wrong.status_code == 422 and "status" in wrong.get_json()["errors"]
    missing = owner.post(
        f"lists/{news['id']}/subscriptions", {"contact_id": 999999999, "status": "subscribed"}
    )
    assert missing.status_code == 404
    assert owner.get("lists/999999999").status_code == 404


def test_history_and_timeline_record_every_change(owner: ApiClient) -> None:
    news = make_list(owner, name="News")
    ann = make_contact(owner)
    subscribe(owner, news["id"], ann["id"])
    subscribe(owner, news["id"], ann["id"])  # no change: no second history row
    subscribe(owner, news["id"], ann["id"], "unsubscribed")
    mine = owner.ok(owner.get(f"contacts/{ann['id']}/subscriptions"))
    assert [(s["list_id"], s["status"]) for s in mine["items"]] == [(news["id"], "unsubscribed")]
    assert mine["items"][0]["subscribed_at"] and mine["items"][0]["unsubscribed_at"]
    assert [h["status"] for h in mine["history"]] == ["unsubscribed", "subscribed"]
    assert mine["history"][0]["actor_name"] == "Olive Owner"
    timeline = owner.ok(owner.get(f"contacts/{ann['id']}/activities"))["items"]
    kinds = [a["kind"] for a in timeline]
    assert kinds.count("list_subscribed") == 1 and kinds.count("list_unsubscribed") == 1


def test_only_the_person_may_come_back_after_leaving(owner: ApiClient) -> None:
    news = make_list(owner, double_opt_in=True)
    ann = make_contact(owner)
    subscribe(owner, news["id"], ann["id"], "unsubscribed")
    again = owner.post(
        f"lists/{news['id']}/subscriptions", {"contact_id": ann["id"], "status": "subscribed"}
    )
    assert again.status_code == 422 and "only they" in again.get_json()["errors"]["status"][0]
    # Asking them again (a confirmation mail) is allowed.
    assert subscribe(owner, news["id"], ann["id"], "unconfirmed")["status"] == "unconfirmed"


def test_members_see_and_count_only_their_classes(app, owner: ApiClient) -> None:  # type: ignore[no-untyped-def]
    shop = make_class(owner, "Shop")
    news = make_list(owner)
    seen = make_contact(owner, contact_class_id=shop["id"])
    hidden = make_contact(owner)
    subscribe(owner, news["id"], seen["id"])
    subscribe(owner, news["id"], hidden["id"])
    member = member_client(app, owner, class_ids=[shop["id"]])
    assert member.ok(member.get(f"lists/{news['id']}"))["counts"]["subscribed"] == 1
    items = member.ok(member.get(f"lists/{news['id']}/subscriptions"))["items"]
    assert [s["contact_id"] for s in items] == [seen["id"]]
    body = {"contact_id": hidden["id"], "status": "unsubscribed"}
    assert member.post(f"lists/{news['id']}/subscriptions", body).status_code == 404
    assert member.get(f"contacts/{hidden['id']}/subscriptions").status_code == 404
    # Members manage subscribers; only admins put a list in the trash.
    assert member.delete(f"lists/{news['id']}").status_code == 403


def test_a_list_goes_to_the_trash_and_comes_back_whole(owner: ApiClient) -> None:
    news = make_list(owner)
    ann = make_contact(owner)
    subscribe(owner, news["id"], ann["id"])
    assert owner.delete(f"lists/{news['id']}").status_code == 204
    assert owner.get(f"lists/{news['id']}").status_code == 404
    trash = owner.ok(owner.get("lists?deleted=true"))["items"]
    assert [row["id"] for row in trash] == [news["id"]]
    back = owner.ok(owner.post(f"lists/{news['id']}/restore"))
    assert back["counts"]["subscribed"] == 1


def test_another_workspace_sees_nothing(owner: ApiClient, stranger: ApiClient) -> None:
    news = make_list(owner)
    ann = make_contact(owner)
    subscribe(owner, news["id"], ann["id"])
    assert stranger.get(f"lists/{news['id']}").status_code == 404
    assert stranger.get(f"lists/{news['id']}/subscriptions").status_code == 404
    assert stranger.ok(stranger.get("lists"))["total"] == 0


# ---- the public side ----------------------------------------------------------------------


def _confirm_link(smtp: SmtpSink, email: str) -> str:
    [message] = smtp.to(email)
    return _path_after(message, "/api/v1/public/confirm/")


def _path_after(message: Message, prefix: str) -> str:
    text = message.get_payload(decode=True).decode()  # type: ignore[union-attr]
    start = text.index(prefix)
    return text[start:].split()[0]


def test_the_form_subscribes_with_proof(owner: ApiClient, client) -> None:  # type: ignore[no-untyped-def]
    news = make_list(owner, name="Newsletter")
    body = {
        "email": "Zofia.Nowak@Example.PL",
        "first_name": "Zofia",
        "consent_text": "Zgadzam się na newsletter.",
    }
    answer = client.post(
        form_path(news),
        json=body,
        headers={"User-Agent": BROWSER},
        environ_base={"REMOTE_ADDR": "203.0.113.9"},
    )
    assert answer.status_code == 200 and "subscribed" in answer.get_json()["message"]
    [contact] = owner.ok(owner.get("contacts?q=zofia.nowak"))["items"]
    assert contact["source"] == "Form: Newsletter"
    history = owner.ok(owner.get(f"contacts/{contact['id']}/subscriptions"))["history"]
    assert history[0]["status"] == "subscribed"
    assert history[0]["proof_text"] == "Zgadzam się na newsletter."
    assert history[0]["ip"] == "203.0.113.9" and history[0]["user_agent"] == BROWSER
    assert history[0]["actor_name"] == "Web form"
    # The same address again: same answer, nothing new.
    client.post(form_path(news), json=body)
    assert len(owner.ok(owner.get(f"contacts/{contact['id']}/subscriptions"))["history"]) == 1


def test_a_plain_html_form_gets_a_page_and_bots_get_nothing(owner: ApiClient, client) -> None:  # type: ignore[no-untyped-def]
    news = make_list(owner, name="Fresh & <new>")
    page = client.post(
        form_path(news),
        data={"email": "html.form@example.org"},
        headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
    )
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert "Fresh &amp; &lt;new&gt;" in page.get_data(as_text=True)
    bot = client.post(form_path(news), json={"email": "bot@example.org", "website": "http://x"})
    assert bot.status_code == 200
    assert owner.ok(owner.get("contacts?q=bot@example.org"))["total"] == 0
    assert owner.ok(owner.get(f"lists/{news['id']}"))["counts"]["subscribed"] == 1
    invalid = client.post(form_path(news), json={"email": "not an address"})
    assert invalid.status_code == 422 and "email" in invalid.get_json()["errors"]


def test_a_renewed_form_retires_the_old_one(owner: ApiClient, client) -> None:  # type: ignore[no-untyped-def]
    news = make_list(owner)
    old = form_path(news)
    assert form_path(owner.ok(owner.get(f"lists/{news['id']}"))) == old  # stable to embed
    renewed = owner.ok(owner.patch(f"lists/{news['id']}", {"renew_form": True}))
    assert client.post(old, json={"email": "a@example.org"}).status_code == 404
    assert client.post(form_path(renewed), json={"email": "a@example.org"}).status_code == 200
    assert client.post(old[:-3] + "abc", json={"email": "a@example.org"}).status_code == 404


def test_double_opt_in_waits_for_the_link(  # type: ignore[no-untyped-def]
    owner: ApiClient, client, smtp: SmtpSink, run_jobs, monkeypatch
) -> None:
    news = make_list(owner, name="Weekly", double_opt_in=True)
    answer = client.post(form_path(news), json={"email": "doi.person@example.org"})
    assert "confirm" in answer.get_json()["message"]
    assert owner.ok(owner.get(f"lists/{news['id']}"))["counts"]["unconfirmed"] == 1
    run_jobs()
    link = _confirm_link(smtp, "doi.person@example.org")
    page = client.get(link, headers={"Accept": "text/html"})
    assert page.status_code == 200 and "Weekly" in page.get_data(as_text=True)
    counts = owner.ok(owner.get(f"lists/{news['id']}"))["counts"]
    assert counts["subscribed"] == 1 and counts["unconfirmed"] == 0
    again = client.get(link)  # twice: nothing changes
    assert again.status_code == 200 and again.get_json()["status"] == "subscribed"
    from cardfile.auth import tokens

    monkeypatch.setitem(tokens.PUBLIC_LINK_DAYS, "confirm", -1)
    assert client.get(link).status_code == 410


def test_the_preference_page_sets_exactly_the_lists_ticked(  # type: ignore[no-untyped-def]
    app, owner: ApiClient, client, smtp: SmtpSink, run_jobs
) -> None:
    from cardfile.api.public import link_token

    news = make_list(owner, name="News")
    offers = make_list(owner, name="Offers")
    private = make_list(owner, name="Staff only", public=False)
    weekly = make_list(owner, name="Weekly", double_opt_in=True)
    ann = make_contact(owner, email="pref.ann@example.org", first_name="Ann")
    subscribe(owner, news["id"], ann["id"])
    with app.app_context():
        path = "/api/v1/public/preferences/" + link_token(
            "preferences", owner.workspace_id, contact=ann["id"]
        )
    page = client.get(path).get_json()
    assert page["email"] == "p•••@example.org" and page["first_name"] == "Ann"
    names = [row["name"] for row in page["lists"]]
    assert "Staff only" not in names and {"News", "Offers", "Weekly"} <= set(names)
    saved = client.post(path, json={"subscribed": [offers["id"], weekly["id"]]}).get_json()
    status = {row["id"]: row["status"] for row in saved["lists"]}
    assert status[news["id"]] == "unsubscribed" and status[offers["id"]] == "subscribed"
    assert status[weekly["id"]] == "unconfirmed"  # double opt-in: confirm first
    run_jobs()
    assert len(smtp.to("pref.ann@example.org")) == 1
    # Saved again with the list still waiting: no second confirmation mail.
    client.post(path, json={"subscribed": [offers["id"], weekly["id"]]})
    run_jobs()
    assert len(smtp.to("pref.ann@example.org", timeout=0.3)) == 1
    refused = client.post(path, json={"subscribed": [private["id"]]})
    assert refused.status_code == 422 and "subscribed" in refused.get_json()["errors"]
    left = client.post(path, json={"unsubscribe_all": True}).get_json()
    assert all(row["status"] in (None, "unsubscribed") for row in left["lists"])
