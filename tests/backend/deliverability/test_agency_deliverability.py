"""The agency-wide view: every client workspace the caller can open, riskiest first (a paused
one before the others), each read in its own schema; the limits that pause a workspace are
the agency's, set by its owners and admins, and protection uses them."""

from __future__ import annotations

from typing import Any

from factories.accounts import ApiClient, accept_invitation_to, signup_client


def _agency_id(client: ApiClient) -> int:
    return client.ok(client.get("/api/v1/me"))["agencies"][0]["id"]


def _pause(workspace_id: int) -> None:
    from cardfile.db.scope import workspace_session
    from cardfile.modules.deliverability import protection

    with workspace_session(workspace_id) as session:
        protection.pause(session, "bounce_rate", "Sending is paused: 9% bounced.", {})


def test_clients_by_risk_and_the_limits(app: Any, owner: ApiClient, stranger: ApiClient) -> None:
    agency = _agency_id(owner)
    path = f"/api/v1/agencies/{agency}/deliverability"
    calm = owner.ok(owner.post("/api/v1/workspaces", {"name": "Ąą spokojny klient"}), 201)
    risky = owner.ok(owner.post("/api/v1/workspaces", {"name": "Яя рискованный клиент"}), 201)
    _pause(risky["id"])
    view = owner.ok(owner.get(path))
    assert view["limits"] == {"bounce": 5.0, "complaint": 0.1} and view["can_manage"]
    names = [w["name"] for w in view["workspaces"]]
    assert names[0] == risky["name"] and set(names) >= {calm["name"], risky["name"]}
    first = view["workspaces"][0]
    assert first["paused"] and first["open_alerts"] == 1
    assert first["pause_reason"] == "Sending is paused: 9% bounced."
    assert stranger.get(path).status_code == 404

    bad = owner.patch(path, {"bounce": 80, "complaint": "lots"})
    assert bad.status_code == 422 and {"bounce", "complaint"} <= set(bad.get_json()["errors"])
    changed = owner.ok(owner.patch(path, {"bounce": 2.5}))
    assert changed["limits"] == {"bounce": 2.5, "complaint": 0.1}
    seen = owner.ok(owner.get(f"/api/v1/workspaces/{calm['id']}/deliverability"))
    assert seen["limits"] == {"bounce": 2.5, "complaint": 0.1, "min_sample": 20}

    # Staff see the workspaces they were added to, and cannot change the limits.
    worker = signup_client(app)
    owner.ok(
        owner.post(f"/api/v1/agencies/{agency}/staff", {"email": worker.email, "role": "staff"}),
        201,
    )
    pending = worker.ok(worker.get("/api/v1/me/invitations"))["items"]
    [invitation] = [i for i in pending if i["agency_id"] == agency and i["workspace_id"] is None]
    worker.ok(worker.post(f"/api/v1/me/invitations/{invitation['id']}/accept"))
    owner.workspace_id = calm["id"]
    owner.ok(owner.post("members", {"email": worker.email, "role": "member"}), 201)
    accept_invitation_to(worker, calm["id"])
    staff_view = worker.ok(worker.get(path))
    assert [w["workspace_id"] for w in staff_view["workspaces"]] == [calm["id"]]
    assert not staff_view["can_manage"]
    assert worker.patch(path, {"bounce": 10}).status_code == 403
