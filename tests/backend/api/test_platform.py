from __future__ import annotations

from factories.accounts import ApiClient


def test_health_reports_database_and_redis(client: ApiClient) -> None:
    assert client.ok(client.get("/api/v1/health")) == {
        "status": "ok",
        "database": "ok",
        "redis": "ok",
    }


def test_openapi_spec_and_docs_ui(client: ApiClient) -> None:
    spec = client.ok(client.get("/api/v1/openapi.json"))
    assert "/api/v1/workspaces/{ws}/contacts" in spec["paths"]
    assert "bearer" in spec["components"]["securitySchemes"]
    page = client.get("/api/v1/docs")
    assert page.status_code == 200 and b"swagger-ui-bundle.js" in page.data
    assert client.get("/api/v1/docs/static/swagger-ui-bundle.js").status_code == 200


def test_unknown_api_path_is_json_404_and_405_has_allow(client: ApiClient) -> None:
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404 and response.get_json()["code"] == "not_found"
    response = client.request("PUT", "/api/v1/health")
    assert response.status_code == 405 and "GET" in response.headers["Allow"]


def test_spa_routes_fall_back_to_index(client: ApiClient, settings) -> None:
    response = client.get("/w/1/contacts")
    if (settings.spa_dist / "index.html").exists():
        assert response.status_code == 200 and b'<div id="root"' in response.data
    else:
        assert response.status_code == 503


def test_a_workspace_that_is_not_mine_or_does_not_exist_is_404(
    owner: ApiClient, stranger: ApiClient
) -> None:
    for workspace_id in (owner.workspace_id, 987654321):
        response = stranger.get(f"/api/v1/workspaces/{workspace_id}/contacts")
        assert response.status_code == 404
        assert response.get_json()["code"] == "not_found"
