from __future__ import annotations

from sqlalchemy import text

from factories.accounts import ApiClient, member_client
from factories.contacts import make_contact


def _schema_tables(schema: str) -> set[str]:
    from cardfile.db.engine import get_engine

    with get_engine().connect() as conn:
        return set(
            conn.execute(
                text("SELECT table_name FROM information_schema.tables WHERE table_schema = :s"),
                {"s": schema},
            ).scalars()
        )


def test_create_workspace_makes_and_migrates_its_schema(owner: ApiClient) -> None:
    created = owner.ok(
        owner.post("/api/v1/workspaces", {"name": "Bakery", "time_zone": "Europe/Paris"}),
        201,
    )
    assert created["role"] == "admin" and created["time_zone"] == "Europe/Paris"
    tables = _schema_tables(f"ws_{created['id']}")
    assert {
        "contacts",
        "contact_classes",
        "tags",
        "custom_fields",
        "jobs",
        "alembic_version",
    } <= tables
    owner.workspace_id = created["id"]
    classes = owner.ok(owner.get("contact-classes"))["items"]
    assert [c["name"] for c in classes] == ["General"]
    listed = owner.ok(owner.get("/api/v1/workspaces?sort=name"))
    assert listed["total"] == 2 and "Bakery" in [w["name"] for w in listed["items"]]


def test_switching_workspaces_shows_each_ones_contacts(owner: ApiClient) -> None:
    first = owner.workspace_id
    make_contact(owner, email="first@example.org")
    second = owner.ok(owner.post("/api/v1/workspaces", {"name": "Second"}), 201)["id"]
    owner.workspace_id = second
    assert owner.ok(owner.get("contacts"))["total"] == 0
    owner.workspace_id = first
    assert owner.ok(owner.get("contacts"))["total"] == 1


def test_workspace_validation(owner: ApiClient) -> None:
    response = owner.post("/api/v1/workspaces", {"name": "", "time_zone": "Moon/Base"})
    assert response.status_code == 422
    assert {"name", "time_zone"} <= set(response.get_json()["errors"])
    response = owner.post("/api/v1/workspaces", {"name": "X", "agency_id": 987654})
    assert response.status_code == 422 and "agency_id" in response.get_json()["errors"]


def test_rename_and_soft_delete(app, owner: ApiClient) -> None:
    ws = owner.ok(owner.post("/api/v1/workspaces", {"name": "Temp"}), 201)["id"]
    renamed = owner.ok(owner.patch(f"/api/v1/workspaces/{ws}", {"name": "Renamed"}))
    assert renamed["name"] == "Renamed"
    member = member_client(app, owner, role="admin")
    member.workspace_id = owner.workspace_id
    # a workspace admin who is not an agency owner/admin may not delete it
    assert member.delete(f"/api/v1/workspaces/{owner.workspace_id}").status_code == 403
    assert owner.delete(f"/api/v1/workspaces/{ws}").status_code == 204
    assert owner.get(f"/api/v1/workspaces/{ws}").status_code == 404
    assert owner.get(f"/api/v1/workspaces/{ws}/contacts").status_code == 404
    assert "contacts" in _schema_tables(f"ws_{ws}")  # kept until purged


def test_members_cannot_create_workspaces(app, owner: ApiClient) -> None:
    member = member_client(app, owner)
    # the member owns their own agency from sign-up, so name this agency explicitly
    agency = owner.ok(owner.get("/api/v1/me"))["agencies"][0]["id"]
    response = member.post("/api/v1/workspaces", {"name": "Sneaky", "agency_id": agency})
    assert response.status_code == 422


def test_workspaces_of_another_agency_are_404(owner: ApiClient, stranger: ApiClient) -> None:
    path = f"/api/v1/workspaces/{owner.workspace_id}"
    assert stranger.get(path).status_code == 404
    assert stranger.patch(path, {"name": "Mine now"}).status_code == 404
    assert stranger.delete(path).status_code == 404
    assert owner.workspace_id not in [
        w["id"] for w in stranger.ok(stranger.get("/api/v1/workspaces"))["items"]
    ]
