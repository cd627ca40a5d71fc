"""How the app is served: compressed, well-cached SPA files; proxies; over-long URLs."""

from __future__ import annotations

import gzip
from pathlib import Path

from redis import Redis
from werkzeug.test import Client

from cardfile import config
from factories.accounts import ApiClient


def _fake_dist(root: Path) -> Path:
    (root / "assets").mkdir(parents=True)
    body = b"console.log('cardfile');" * 100
    (root / "assets" / "index-abc123.js").write_bytes(body)
    (root / "assets" / "index-abc123.js.gz").write_bytes(gzip.compress(body))
    (root / "index.html").write_text("<!doctype html><title>Cardfile</title>")
    (root / "favicon.svg").write_text("<svg/>")
    return root


def test_hashed_assets_are_compressed_and_cached_for_a_year(app, tmp_path: Path) -> None:
    from cardfile.app import static_file

    dist = _fake_dist(tmp_path)
    with app.test_request_context(
        "/assets/index-abc123.js", headers={"Accept-Encoding": "br, gzip"}
    ):
        response = static_file(dist, "assets/index-abc123.js")
        response.direct_passthrough = False
        assert response.headers["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response.headers["Vary"]
        assert response.mimetype == "text/javascript"
        assert gzip.decompress(response.get_data()).startswith(b"console.log")
        cache = response.headers["Cache-Control"]
        assert "immutable" in cache and "max-age=31536000" in cache and "no-cache" not in cache
    with app.test_request_context("/assets/index-abc123.js"):  # no Accept-Encoding
        response = static_file(dist, "assets/index-abc123.js")
        assert "Content-Encoding" not in response.headers
    with app.test_request_context("/"):
        index = static_file(dist, "index.html")
        assert index.headers["Cache-Control"] == "no-cache"
    with app.test_request_context("/favicon.svg"):
        other = static_file(dist, "favicon.svg")
        assert "immutable" not in other.headers["Cache-Control"]
        assert "max-age=3600" in other.headers["Cache-Control"]


def test_the_built_spa_is_served_compressed(client: ApiClient) -> None:
    dist = config.current().spa_dist
    [bundle] = [p for p in (dist / "assets").glob("index-*.js")]
    response = client.http.get(f"/assets/{bundle.name}", headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200 and response.headers["Content-Encoding"] == "br"
    assert "immutable" in response.headers["Cache-Control"]
    page = client.http.get("/w/1/contacts")  # a client-side route
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-cache"


def test_forwarded_for_counts_only_from_trusted_proxies(app) -> None:
    from cardfile.app import TrustedProxies

    redis = Redis.from_url(config.current().redis_url)
    behind_proxy = Client(TrustedProxies(app.wsgi_app, ("10.0.0.0/8",)))
    body = {"email": "nobody@example.org", "password": "wrong password"}
    for peer, claimed in (("10.0.0.2", "203.0.113.7"), ("198.51.100.4", "203.0.113.8")):
        response = behind_proxy.post(
            "/api/v1/auth/login",
            json=body,
            headers={"X-Forwarded-For": claimed},
            environ_base={"REMOTE_ADDR": peer},
        )
        assert response.status_code == 401
    assert redis.exists("cardfile:login-fail:ip:203.0.113.7")  # from the trusted proxy
    assert not redis.exists("cardfile:login-fail:ip:203.0.113.8")  # a stranger's header
    assert redis.exists("cardfile:login-fail:ip:198.51.100.4")


def test_an_overlong_url_gets_the_json_error(client: ApiClient) -> None:
    from cardfile.cli import gunicorn_argv

    response = client.get("/api/v1/workspaces?q=" + "x" * 5000)
    assert response.status_code == 414
    assert response.get_json()["code"] == "uri_too_long" and response.get_json()["message"]
    argv = gunicorn_argv("app", "127.0.0.1", 8000, 1, 1)
    assert argv[argv.index("--limit-request-line") + 1] == "8190"


def test_gunicorn_answers_what_it_refuses_in_json(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A request line over gunicorn's own limit never reaches the app: the worker answers."""
    import json
    import socket
    import subprocess
    import time

    from cardfile.cli import gunicorn_argv

    (tmp_path / "tiny.py").write_text(
        "def app(environ, start_response):\n"
        "    start_response('200 OK', [('Content-Type', 'text/plain')])\n"
        "    return [b'ok']\n"
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    argv = gunicorn_argv("tiny:app", "127.0.0.1", port, 1, 1) + ["--chdir", str(tmp_path)]
    server = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                conn = socket.create_connection(("127.0.0.1", port), timeout=5)
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None
                time.sleep(0.1)
        with conn:
            conn.sendall(f"GET /?q={'x' * 9000} HTTP/1.1\r\nHost: t\r\n\r\n".encode())
            raw = b""
            while chunk := conn.recv(65536):
                raw += chunk
    finally:
        server.terminate()
        server.wait(timeout=10)
    head, _, body = raw.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 414") and b"application/json" in head
    assert json.loads(body)["code"] == "uri_too_long"
