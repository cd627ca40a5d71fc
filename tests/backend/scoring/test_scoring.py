"""Scoring: admins set rules "event -> points"; every timeline batch moves the score and
writes its history; a daily job lowers old scores by the workspace's decay."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import update

from factories.accounts import ApiClient, member_client
from factories.contacts import make_class, make_contact


def _rule(client: ApiClient, **body: Any) -> dict[str, Any]:
    return client.ok(client.post("scoring-rules", body), 201)


def _score(client: ApiClient, contact_id: int) -> int:
    return client.ok(client.get(f"contacts/{contact_id}"))["score"]


def _history(client: ApiClient, contact_id: int) -> list[dict[str, Any]]:
    return client.ok(client.get(f"contacts/{contact_id}/score-history?page_size=200"))["items"]


def test_rules_are_workspace_settings_admins_write_and_viewers_read(app, owner: ApiClient) -> None:
    rule = _rule(owner, event="tag_added", points=10, match="VIP")
    assert rule["active"] is True and rule["match"] == "VIP" and rule["currency"] is None
    member = member_client(app, owner, role="member")
    viewer = member_client(app, owner, role="viewer")
    ids = [r["id"] for r in viewer.ok(viewer.get("scoring-rules"))["items"]]
    assert rule["id"] in ids
    assert viewer.ok(viewer.get(f"scoring-rules/{rule['id']}"))["points"] == 10
    assert viewer.ok(viewer.get("scoring-settings"))["decay_percent"] == 0
    for client in (member, viewer):
        assert client.post("scoring-rules", {"event": "note_added", "points": 1}).status_code == 403
        assert client.patch(f"scoring-rules/{rule['id']}", {"points": 1}).status_code == 403
        assert client.delete(f"scoring-rules/{rule['id']}").status_code == 403
        assert client.put("scoring-settings", {"decay_percent": 5}).status_code == 403

    def refused(body: dict[str, Any], path: str = "scoring-rules", method: str = "POST") -> Any:
        response = owner.request(method, path, json=body)
        assert response.status_code == 422, response.get_json()
        return response.get_json()["errors"]

    assert list(refused({"event": "sneezed", "points": 1})) == ["event"]
    assert refused({"event": "purchase", "points": 10_001})["points"] == [
        "Use a whole number from -10,000 to 10,000."
    ]
    assert list(refused({"event": "purchase", "points": 0})) == ["points"]
    assert list(refused({"event": "note_added"})) == ["points"]
    assert refused({"event": "custom_event", "points": 3})["match"] == [
        "Enter the custom event's name."
    ]
    assert list(refused({"event": "note_added", "points": 1, "match": "x"})) == ["match"]
    assert list(refused({"event": "tag_added", "points": 1, "currency": "PLN"})) == ["currency"]
    assert list(refused({"event": "purchase", "points": 1, "currency": "ZZZ"})) == ["currency"]
    assert list(refused({"decay_percent": 101}, "scoring-settings", "PUT")) == ["decay_percent"]
    path = f"scoring-rules/{rule['id']}"
    assert list(refused({"event": "note_added", "match": "x"}, path, "PATCH")) == ["match"]
    assert owner.ok(owner.get(path))["event"] == "tag_added"  # nothing stored on bad input

    edited = owner.ok(owner.patch(path, {"points": -5, "active": False}))
    assert (edited["points"], edited["active"], edited["match"]) == (-5, False, "VIP")
    cheap = _rule(owner, event="purchase", points=2, currency="pln")
    assert cheap["currency"] == "PLN"
    assert (
        owner.ok(owner.patch(f"scoring-rules/{cheap['id']}", {"event": "note_added"}))["currency"]
        is None
    )
    assert owner.ok(owner.put("scoring-settings", {"decay_percent": 15}))["decay_percent"] == 15
    assert owner.delete(path).status_code == 204
    assert owner.get(path).status_code == 404


def test_rules_of_another_workspace_are_404(owner: ApiClient, stranger: ApiClient) -> None:
    rule = _rule(owner, event="note_added", points=1)
    theirs = f"/api/v1/workspaces/{owner.workspace_id}/scoring-rules/{rule['id']}"
    assert stranger.get(theirs).status_code == 404
    assert stranger.patch(theirs, {"points": 9}).status_code == 404
    assert stranger.get(f"scoring-rules/{rule['id']}").status_code == 404
    assert stranger.ok(stranger.get("scoring-rules"))["total"] == 0
    assert owner.ok(owner.get(f"scoring-rules/{rule['id']}"))["points"] == 1


def test_each_event_scores_by_the_rules_with_its_history(owner: ApiClient) -> None:
    vip = _rule(owner, event="tag_added", points=10, match="vip")
    _rule(owner, event="tag_added", points=1)
    _rule(owner, event="note_added", points=2)
    per_zloty = _rule(owner, event="purchase", points=1, currency="PLN")
    _rule(owner, event="page_visit", points=5, match="/pricing")
    _rule(owner, event="custom_event", points=7, match="webinar")
    _rule(owner, event="file_downloaded", points=-3)
    _rule(owner, event="note_added", points=100, active=False)

    contact = make_contact(owner, tags=["VIP"])  # created with a tag: 10 + 1
    cid = contact["id"]
    assert _score(owner, cid) == 11
    owner.ok(owner.post(f"contacts/{cid}/tags", {"name": "lead"}), 201)  # +1
    owner.ok(owner.patch(f"contacts/{cid}", {"tags": ["VIP", "lead", "newsletter"]}))  # +1
    assert _score(owner, cid) == 13
    owner.ok(owner.post(f"contacts/{cid}/notes", {"body": "called"}), 201)  # +2
    assert _score(owner, cid) == 15
    buy = {"amount": "120.50", "currency": "PLN", "product": "Kurs"}
    owner.ok(owner.post(f"contacts/{cid}/transactions", buy), 201)  # 120.5 -> +121
    owner.ok(owner.post(f"contacts/{cid}/transactions", {**buy, "currency": "EUR"}), 201)
    assert _score(owner, cid) == 136
    email = contact["email"].upper()
    events = [
        {"type": "page_visit", "email": email, "url": "https://shop.example/PRICING?plan=pro"},
        {"type": "page_visit", "email": email, "url": "https://shop.example/blog"},
        {"type": "custom", "contact_id": cid, "name": "Webinar"},
        {"type": "custom", "contact_id": cid, "name": "webinar-2"},
        {"type": "file_downloaded", "contact_id": cid, "file": "cennik.pdf"},
    ]
    owner.ok(owner.post("events", {"events": events}), 201)  # +5 +7 -3
    assert _score(owner, cid) == 145

    history = _history(owner, cid)
    assert [(h["delta"], h["score"]) for h in history[:4]] == [
        (-3, 145),
        (7, 148),
        (5, 141),
        (121, 136),
    ]
    assert history[0]["reason"] == "file_downloaded: cennik.pdf"
    assert history[1]["reason"] == "custom_event: Webinar"
    assert (
        history[3]["reason"] == "purchase 120.50 PLN" and history[3]["rule_id"] == per_zloty["id"]
    )
    assert [(h["delta"], h["score"], h["reason"]) for h in history[-2:]] == [
        (1, 11, "tag_added: VIP"),
        (10, 10, "tag_added: VIP"),
    ]
    assert history[-1]["rule_id"] == vip["id"]
    assert [h["reason"] for h in history[4:7]] == [
        "note_added",
        "tag_added: newsletter",
        "tag_added: lead",
    ]
    assert len(history) == 9
    # Deleting a rule keeps the history it wrote (without the rule).
    assert owner.delete(f"scoring-rules/{vip['id']}").status_code == 204
    kept = _history(owner, cid)
    assert len(kept) == 9 and kept[-1]["rule_id"] is None and kept[-1]["delta"] == 10


def test_bulk_tagging_on_a_worker_scores_every_contact(owner: ApiClient, run_jobs) -> None:
    _rule(owner, event="tag_added", points=4, match="promo")
    contacts = [make_contact(owner, first_name="Bulk") for _ in range(3)]
    owner.ok(owner.post("contacts/bulk-tag", {"tag": "promo", "q": "bulk"}), 202)
    run_jobs()
    assert [_score(owner, c["id"]) for c in contacts] == [4, 4, 4]
    assert _history(owner, contacts[0]["id"])[0]["reason"] == "tag_added: promo"


def test_score_history_follows_the_contact(app, owner: ApiClient, stranger: ApiClient) -> None:
    _rule(owner, event="note_added", points=3)
    granted = make_class(owner, "Scoring granted")
    hidden = make_contact(owner)
    shown = make_contact(owner, contact_class_id=granted["id"])
    owner.ok(owner.post(f"contacts/{hidden['id']}/notes", {"body": "x"}), 201)
    member = member_client(app, owner, role="member", class_ids=[granted["id"]])
    assert member.get(f"contacts/{hidden['id']}/score-history").status_code == 404
    assert member.ok(member.get(f"contacts/{shown['id']}/score-history"))["items"] == []
    viewer = member_client(app, owner, role="viewer")
    assert viewer.ok(viewer.get(f"contacts/{hidden['id']}/score-history"))["total"] == 1
    theirs = f"/api/v1/workspaces/{owner.workspace_id}/contacts/{hidden['id']}/score-history"
    assert stranger.get(theirs).status_code == 404
    assert stranger.get(f"contacts/{hidden['id']}/score-history").status_code == 404


def test_scores_decay_once_per_30_days_on_a_worker(owner: ApiClient, run_jobs) -> None:
    from cardfile.db.scope import workspace_session
    from cardfile.jobs.core import enqueue_now
    from cardfile.jobs.periodic import PERIODIC
    from cardfile.modules.scoring.models import ScoreHistory

    [decay] = [p for p in PERIODIC if p.func.endswith(":decay_scores")]
    _rule(owner, event="custom_event", points=15, match="up")
    _rule(owner, event="custom_event", points=-7, match="down")
    old_up, old_down, recent = (make_contact(owner) for _ in range(3))
    events = [
        {"type": "custom", "contact_id": old_up["id"], "name": "up"},
        {"type": "custom", "contact_id": old_down["id"], "name": "down"},
        {"type": "custom", "contact_id": recent["id"], "name": "up"},
    ]
    owner.ok(owner.post("events", {"events": events}), 201)
    month_ago = datetime.now(UTC) - timedelta(days=31)

    def backdate(*contact_ids: int) -> None:
        with workspace_session(owner.workspace_id) as session:
            session.execute(
                update(ScoreHistory)
                .where(ScoreHistory.contact_id.in_(contact_ids))
                .values(created_at=month_ago)
            )

    def run() -> None:
        enqueue_now(owner.workspace_id, decay.func, queue=decay.queue)
        run_jobs()

    backdate(old_up["id"], old_down["id"])
    run()  # no decay set: nothing changes
    assert [_score(owner, c["id"]) for c in (old_up, old_down, recent)] == [15, -7, 15]
    owner.ok(owner.put("scoring-settings", {"decay_percent": 10}))
    run()
    # 15 * 0.9 = 13.5 -> 13; -7 * 0.9 = -6.3 -> -6 (toward zero); recent points wait.
    assert [_score(owner, c["id"]) for c in (old_up, old_down, recent)] == [13, -6, 15]
    latest = _history(owner, old_up["id"])[0]
    assert (latest["reason"], latest["delta"], latest["score"], latest["rule_id"]) == (
        "decay",
        -2,
        13,
        None,
    )
    run()  # decayed today: not again for 30 days
    assert [_score(owner, c["id"]) for c in (old_up, old_down)] == [13, -6]
    backdate(old_up["id"])
    run()
    assert _score(owner, old_up["id"]) == 11 and _score(owner, old_down["id"]) == -6


def test_a_worker_process_registers_the_scoring_listener(settings, tmp_path) -> None:
    """Workers import no routes: the listener must come with the models they load."""
    code = (
        "from cardfile.jobs.worker import init_process; init_process()\n"
        "from cardfile.modules.contacts import activity\n"
        "assert 'score_rows' in [f.__name__ for f in activity._listeners], activity._listeners\n"
    )
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "REDIS_URL": settings.redis_url,
        "SECRET_KEY": "x" * 32,
        "CARDFILE_VAR_DIR": str(tmp_path),
    }
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
