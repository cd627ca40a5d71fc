"""The public entry into a workspace: by slug or by a signed single-purpose link, with no
session, its own rate limit and headers; work done there is recorded under a system actor."""

from __future__ import annotations

from factories.accounts import ApiClient
from factories.contacts import make_contact


def _slug(owner: ApiClient, slug: str) -> None:
    owner.ok(owner.patch(f"/api/v1/workspaces/{owner.workspace_id}", {"slug": slug}))


def test_a_workspace_is_found_by_its_slug_only(app, owner: ApiClient, client) -> None:  # type: ignore[no-untyped-def]
    slug = f"acme-{owner.workspace_id}"
    assert client.get(f"/api/v1/p/{slug}").status_code == 404
    _slug(owner, slug)
    page = client.get(f"/api/v1/p/{slug.upper()}")
    assert page.status_code == 200 and set(page.get_json()) == {"name", "time_zone"}
    assert "frame-ancestors *" in page.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in page.headers  # embeddable; the rest of the API is not
    me = client.get("/api/v1/health")
    assert me.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in me.headers["Content-Security-Policy"]
    assert client.get(f"/api/v1/p/ws_{owner.workspace_id}").status_code == 404
    assert client.get(f"/api/v1/p/{owner.workspace_id}").status_code == 404


def test_slugs_are_checked_and_unique(owner: ApiClient, stranger: ApiClient) -> None:
    bad = owner.patch(f"/api/v1/workspaces/{owner.workspace_id}", {"slug": "Ab"})
    assert bad.status_code == 422 and "lowercase" in bad.get_json()["errors"]["slug"][0]
    _slug(owner, f"taken-{owner.workspace_id}")
    clash = stranger.patch(
        f"/api/v1/workspaces/{stranger.workspace_id}",
        {"slug": f"taken-{owner.workspace_id}"},
    )
    assert clash.status_code == 409 and "taken" in clash.get_json()["errors"]["slug"][0]


def test_a_signed_link_opens_its_workspace_for_its_purpose_only(
    app, owner: ApiClient, client, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from cardfile.api import public
    from cardfile.auth import tokens

    contact = make_contact(owner, first_name="Zofia")
    with app.app_context():
        token = public.link_token("preferences", owner.workspace_id, contact=contact["id"])
        other = public.link_token("unsubscribe", owner.workspace_id, contact=contact["id"])
    greeting = client.get(f"/api/v1/p/preferences/{token}")
    assert greeting.status_code == 200 and greeting.get_json()["first_name"] == "Zofia"
    assert set(greeting.get_json()) == {"workspace_name", "first_name"}  # nothing more
    assert client.get(f"/api/v1/p/preferences/{other}").status_code == 404  # wrong purpose
    assert client.get(f"/api/v1/p/preferences/{token[:-2]}xx").status_code == 404
    monkeypatch.setattr(tokens, "DEFAULT_LINK_DAYS", -1)
    assert client.get(f"/api/v1/p/preferences/{token}").status_code == 410
    monkeypatch.setattr(tokens, "DEFAULT_LINK_DAYS", 365)
    assert owner.delete(f"contacts/{contact['id']}").status_code == 204
    assert client.get(f"/api/v1/p/preferences/{token}").status_code == 404  # contact deleted


def test_public_routes_have_their_own_rate_limit(app, client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from cardfile.extensions import limiter

    app.config["PUBLIC_LIMIT"] = "3 per minute"
    limiter.reset()
    try:
        codes = [client.get("/api/v1/p/no-such-page").status_code for _ in range(5)]
    finally:
        app.config["PUBLIC_LIMIT"] = "1000 per minute"
        limiter.reset()
    assert codes[:3] == [404, 404, 404] and codes[3:] == [429, 429]


def test_the_timeline_names_the_actor(app, owner: ApiClient, run_jobs) -> None:
    token = owner.ok(owner.post("/api/v1/auth/tokens", {"name": "zapier"}), 201)["token"]
    integration = ApiClient(app, token=token)
    integration.workspace_id = owner.workspace_id
    contact = make_contact(integration)
    owner.ok(owner.post("contacts/bulk-tag", {"tag": "synced"}), 202)
    run_jobs()
    items = owner.ok(owner.get(f"contacts/{contact['id']}/activities"))["items"]
    actors = {(a["kind"], a["actor_kind"], a["actor_name"]) for a in items}
    assert ("created", "api", "Olive Owner via API") in actors
    assert ("tagged", "job", "Background job (started by Olive Owner)") in actors


def test_every_workspace_gets_a_slug_from_its_name_at_creation(owner: ApiClient) -> None:
    made = [
        owner.ok(owner.post("/api/v1/workspaces", {"name": name, "time_zone": "UTC"}), 201)
        for name in ("Gabinet Żółć", "Gabinet  Zolc", "Клиника")
    ]
    first, second, cyrillic = (w["slug"] for w in made)
    # Transliterated; the second (same words) is told apart by a number.
    assert first.startswith("gabinet-zolc") and second.startswith("gabinet-zolc-")
    assert first != second
    assert cyrillic.startswith("klinika")
    chosen = owner.post("/api/v1/workspaces", {"name": "Chosen", "slug": first})
    assert chosen.status_code == 409 and "taken" in chosen.get_json()["errors"]["slug"][0]
    cleared = owner.patch(f"/api/v1/workspaces/{made[0]['id']}", {"slug": None})
    assert cleared.status_code == 422 and "slug" in cleared.get_json()["errors"]
    me = owner.ok(owner.get("/api/v1/me"))["workspaces"]
    assert {w["slug"] for w in me} >= {first, second, cyrillic}


def test_a_slug_taken_at_the_same_moment_is_reported_on_slug(app, owner: ApiClient) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from cardfile.db.scope import open_public_session
    from cardfile.db.unique import save_unique
    from cardfile.errors import Conflict
    from cardfile.tenancy import service
    from cardfile.tenancy.models import Workspace

    taken = owner.ok(owner.get(f"/api/v1/workspaces/{owner.workspace_id}"))["slug"]
    with open_public_session() as session:
        # What a second request sees when the first one's insert wins the race.
        twin = session.get(Workspace, owner.workspace_id)
        assert twin is not None
        clone = Workspace(
            id=10**12, agency_id=twin.agency_id, name="Twin", schema_name="ws_twin", slug=taken
        )
        with pytest.raises(Conflict) as raised:
            save_unique(session, clone, "name", service.DUPLICATE_NAME, service.SLUG_CONSTRAINT)
        assert raised.value.errors == {"slug": [service.SLUG_TAKEN]}
        session.rollback()
