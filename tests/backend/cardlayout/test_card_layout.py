"""The card as a dashboard: each person's own layout, the workspace default an admin
publishes and may lock, strict validation that names the item, and nothing across
workspaces."""

from __future__ import annotations

from typing import Any

from factories.accounts import ApiClient, member_client

MINE = [
    {"i": "notes", "x": 0, "y": 0, "w": 8, "h": 10},
    {"i": "activity", "x": 8, "y": 0, "w": 4, "h": 12},
]
DEFAULT = [
    {"i": "activity", "x": 0, "y": 0, "w": 12, "h": 8},
    {"i": "notes", "x": 0, "y": 8, "w": 6, "h": 6},
]


def _layout(client: ApiClient) -> dict[str, Any]:
    return client.ok(client.get("card-layout"))


def test_mine_then_the_default_then_the_builtin_one(app, owner: ApiClient) -> None:
    member = member_client(app, owner)
    assert _layout(member) == {
        "layout": [],
        "locked": False,
        "source": "builtin",
        "updated_at": None,
    }

    saved = member.ok(member.put("card-layout", {"layout": MINE}))
    assert saved["layout"] == MINE and saved["source"] == "mine" and saved["locked"] is False
    assert _layout(member)["layout"] == MINE
    assert _layout(owner)["source"] == "builtin"  # a layout is one person's

    owner.ok(owner.put("card-layout/default", {"layout": DEFAULT, "locked": False}))
    assert _layout(member)["source"] == "mine"  # their own wins while the default is open
    assert _layout(owner) == {**_layout(owner), "layout": DEFAULT, "source": "default"}

    assert member.delete("card-layout").status_code == 204
    assert _layout(member)["layout"] == DEFAULT and _layout(member)["source"] == "default"
    assert member.delete("card-layout").status_code == 204  # nothing left to reset: fine


def test_a_locked_default_is_what_everyone_sees_and_nobody_changes(app, owner: ApiClient) -> None:
    member = member_client(app, owner)
    viewer = member_client(app, owner, role="viewer")
    member.ok(member.put("card-layout", {"layout": MINE}))
    owner.ok(owner.put("card-layout/default", {"layout": DEFAULT, "locked": True}))

    got = _layout(member)
    assert (got["layout"], got["locked"], got["source"]) == (DEFAULT, True, "default")
    refused = member.put("card-layout", {"layout": MINE[:1]})
    assert refused.status_code == 409
    assert refused.get_json()["message"] == "Your workspace admin has locked the card layout."
    assert viewer.put("card-layout", {"layout": MINE}).status_code == 409
    assert owner.put("card-layout", {"layout": MINE}).status_code == 409  # admins unlock first

    # Locking alone keeps the published layout; unlocking gives members theirs back.
    owner.ok(owner.put("card-layout/default", {"locked": False}))
    assert owner.ok(owner.get("card-layout/default"))["layout"] == DEFAULT
    assert _layout(member)["layout"] == MINE  # kept, untouched by the lock
    locked = owner.ok(owner.put("card-layout/default", {"locked": True}))
    assert (locked["layout"], locked["locked"], locked["source"]) == (DEFAULT, True, "default")


def test_every_role_keeps_their_own_and_only_admins_touch_the_default(
    app, owner: ApiClient
) -> None:
    member = member_client(app, owner)
    viewer = member_client(app, owner, role="viewer")
    assert viewer.ok(viewer.put("card-layout", {"layout": MINE}))["source"] == "mine"
    assert viewer.delete("card-layout").status_code == 204
    for client in (member, viewer):
        assert client.get("card-layout/default").status_code == 403
        body = {"layout": DEFAULT, "locked": True}
        assert client.put("card-layout/default", body).status_code == 403
    assert owner.ok(owner.get("card-layout/default")) == {
        "layout": [],
        "locked": False,
        "source": "builtin",
        "updated_at": None,
    }
    assert _layout(member)["locked"] is False  # nothing was locked by the refused calls


def _errors(client: ApiClient, path: str, body: Any) -> dict[str, list[str]]:
    response = client.put(path, body)
    assert response.status_code == 422, response.get_json()
    return response.get_json()["errors"]


def test_a_bad_layout_is_refused_naming_the_item_and_nothing_is_lost(owner: ApiClient) -> None:
    owner.ok(owner.put("card-layout", {"layout": MINE}))
    ok = {"i": "notes", "x": 0, "y": 0, "w": 6, "h": 4}
    cases = {
        "layout.2.w": [ok, {**ok, "i": "a"}, {"i": "b", "x": 8, "y": 0, "w": 5, "h": 4}],
        "layout.0.x": [{**ok, "x": 12}],
        "layout.1.h": [ok, {**ok, "i": "tall", "h": 41}],
        "layout.0.w": [{**ok, "w": 0}],
        "layout.0.y": [{**ok, "y": -1}],
        "layout.0.i": [{**ok, "i": "Notes!"}],
        "layout.1.i": [ok, {**ok, "x": 6}],  # the same widget twice
    }
    for field, layout in cases.items():
        assert field in _errors(owner, "card-layout", {"layout": layout}), field
    assert "layout.0.x" in _errors(owner, "card-layout", {"layout": [{**ok, "x": "3"}]})
    assert "layout.0.h" in _errors(owner, "card-layout", {"layout": [{**ok, "h": 2.5}]})
    assert "layout.0.i" in _errors(owner, "card-layout", {"layout": [{**ok, "i": "x" * 41}]})
    missing = _errors(owner, "card-layout", {"layout": [{"i": "notes"}]})
    assert {"layout.0.x", "layout.0.y", "layout.0.w", "layout.0.h"} <= missing.keys()
    many = [{**ok, "i": f"w{n}"} for n in range(51)]
    assert _errors(owner, "card-layout", {"layout": many})["layout"] == [
        "A layout has at most 50 widgets."
    ]
    assert "layout" in _errors(owner, "card-layout", {})
    assert "layout" in _errors(owner, "card-layout", {"layout": "notes"})
    assert "layout.0.w" in _errors(
        owner, "card-layout/default", {"layout": [{**ok, "x": 11, "w": 2}], "locked": True}
    )
    assert "locked" in _errors(owner, "card-layout/default", {"locked": "maybe"})
    assert _layout(owner)["layout"] == MINE
    assert owner.ok(owner.get("card-layout/default"))["locked"] is False


def test_unknown_widgets_are_kept_and_grid_extras_dropped(owner: ApiClient) -> None:
    layout = [
        {"i": "from-a-module-not-installed", "x": 0, "y": 0, "w": 12, "h": 40, "static": False},
        {"i": "activity", "x": 11, "y": 40, "w": 1, "h": 1, "moved": True},
    ]
    saved = owner.ok(owner.put("card-layout", {"layout": layout}))
    expected = [
        {"i": "from-a-module-not-installed", "x": 0, "y": 0, "w": 12, "h": 40},
        {"i": "activity", "x": 11, "y": 40, "w": 1, "h": 1},
    ]
    assert saved["layout"] == expected and _layout(owner)["layout"] == expected
    full = [{"i": f"w{n}", "x": 0, "y": n, "w": 12, "h": 1} for n in range(50)]
    assert len(owner.ok(owner.put("card-layout", {"layout": full}))["layout"]) == 50
    assert owner.ok(owner.put("card-layout", {"layout": []}))["source"] == "mine"


def test_layouts_stay_in_their_workspace(app, owner: ApiClient, stranger: ApiClient) -> None:
    owner.ok(owner.put("card-layout", {"layout": MINE}))
    owner.ok(owner.put("card-layout/default", {"layout": DEFAULT, "locked": True}))
    path = f"/api/v1/workspaces/{owner.workspace_id}/card-layout"
    assert stranger.get(path).status_code == 404
    assert stranger.put(path, {"layout": MINE}).status_code == 404
    assert stranger.put(f"{path}/default", {"locked": False}).status_code == 404
    assert stranger.delete(path).status_code == 404
    assert _layout(stranger)["source"] == "builtin"
    assert stranger.ok(stranger.get("card-layout/default"))["locked"] is False

    # The same person in a second workspace starts from the built-in layout, unlocked.
    second = owner.ok(owner.post("/api/v1/workspaces", {"name": "Second client"}), 201)
    there = f"/api/v1/workspaces/{second['id']}/card-layout"
    got = owner.ok(owner.get(there))
    assert (got["layout"], got["locked"], got["source"]) == ([], False, "builtin")
    assert owner.ok(owner.put(there, {"layout": DEFAULT}))["source"] == "mine"
    assert owner.ok(owner.get("card-layout/default"))["locked"] is True  # the first is as it was
