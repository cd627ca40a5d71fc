"""create_app(): settings, extensions, blueprints, error handlers, security headers, SPA files."""

from __future__ import annotations

import ipaddress
import mimetypes
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask, Response, g, request, send_from_directory
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from cardfile import config
from cardfile.api.context import init_request_context
from cardfile.api.docs import docs_blp
from cardfile.api.errors import URL_TOO_LONG, error_response, register_error_handlers
from cardfile.api.idempotency import init_idempotency
from cardfile.api.json import init_json
from cardfile.api.registry import API_PREFIX, register_blueprints
from cardfile.api.uploads import init_uploads
from cardfile.auth.sessions import init_sessions
from cardfile.cache import init_redis
from cardfile.db.engine import init_engine
from cardfile.extensions import api, limiter

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class BigIntConverter(IntegerConverter):
    """Ids outside 1..bigint never match a route (404), rather than failing in the database."""

    def __init__(self, map, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", 2**63 - 1)
        super().__init__(map, *args, **kwargs)


def create_app(settings: config.Settings | None = None) -> Flask:
    settings = config.configure(settings or config.Settings.from_env())
    app = Flask(__name__, static_folder=None)
    init_json(app)
    app.url_map.converters["int"] = BigIntConverter
    app.config.update(
        SECRET_KEY=settings.secret_key,
        BASE_URL=settings.base_url,
        SESSION_DAYS=settings.session_days,
        PERMANENT_SESSION_LIFETIME=timedelta(days=settings.session_days),
        SESSION_COOKIE_NAME="cardfile_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.base_url.startswith("https://"),
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
        PUBLIC_LIMIT=settings.public_limit,
        BOOKING_LIMIT=settings.booking_limit,
        RATELIMIT_STORAGE_URI=limits_storage_uri(settings.redis_url),
        RATELIMIT_KEY_PREFIX="cardfile-limits",
        RATELIMIT_HEADERS_ENABLED=True,
        API_TITLE="Cardfile API",
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX=API_PREFIX,
        OPENAPI_JSON_PATH="openapi.json",
        TESTING=settings.testing,
    )
    init_engine(settings.database_url)
    init_redis(settings.redis_url)
    limiter.init_app(app)
    api.init_app(
        app,
        spec_kwargs={
            "components": {
                "securitySchemes": {
                    "bearer": {"type": "http", "scheme": "bearer"},
                    "cookie": {"type": "apiKey", "in": "cookie", "name": "cardfile_session"},
                }
            },
            "security": [{"bearer": []}, {"cookie": []}],
        },
    )
    register_blueprints(api)
    app.register_blueprint(docs_blp)
    register_error_handlers(app)
    init_request_context(app)
    init_sessions(app)
    init_idempotency(app)
    init_uploads(app)
    app.after_request(_security_headers)
    app.before_request(_refuse_long_urls)
    if settings.trusted_proxies:
        app.wsgi_app = TrustedProxies(app.wsgi_app, settings.trusted_proxies)  # type: ignore[method-assign]
    _serve_spa(app, settings.spa_dist)
    return app


# gunicorn reads request lines up to 8,190 bytes (`cardfile serve`); longer URLs than this
# get the JSON error here, not a bare HTML page.
MAX_URL_LENGTH = 4096


def _refuse_long_urls() -> Response | None:
    if len(request.full_path) > MAX_URL_LENGTH:
        return error_response(414, URL_TOO_LONG)
    return None


class TrustedProxies:
    """X-Forwarded-For/-Proto count only from the proxies in TRUSTED_PROXIES: rate limits
    then see each client, and nobody else can pretend to be someone else."""

    def __init__(self, app: Any, networks: tuple[str, ...]) -> None:
        self.direct = app
        self.proxied = ProxyFix(app, x_for=1, x_proto=1, x_host=1)
        self.networks = [ipaddress.ip_network(n.strip(), strict=False) for n in networks]

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        try:
            peer = ipaddress.ip_address(environ.get("REMOTE_ADDR", ""))
        except ValueError:
            return self.direct(environ, start_response)
        trusted = any(peer in network for network in self.networks)
        return (self.proxied if trusted else self.direct)(environ, start_response)


def limits_storage_uri(redis_url: str) -> str:
    """The `limits` package spells a unix-socket Redis as redis+unix://."""
    return (
        "redis+unix://" + redis_url[len("unix://") :]
        if redis_url.startswith("unix://")
        else redis_url
    )


def _security_headers(response: Response) -> Response:
    framers = g.get("frame_ancestors")  # set by api.public.frame_ancestors on one view
    csp = CSP.replace("frame-ancestors 'none'", f"frame-ancestors {framers}") if framers else CSP
    response.headers.setdefault("Content-Security-Policy", csp)
    response.headers["X-Content-Type-Options"] = "nosniff"
    if not framers:
        response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    if request.path.startswith("/api/"):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _serve_spa(app: Flask, dist: Path) -> None:
    """Built SPA files at /, with index.html for client-side routes."""

    @app.get("/", defaults={"path": ""})
    @app.get("/<path:path>")
    def spa(path: str) -> Response:
        if path.startswith("api/"):
            return error_response(404, "No such API endpoint.")
        if path and (dist / path).is_file():
            return static_file(dist, path)
        if not (dist / "index.html").is_file():
            return Response(
                "The SPA is not built: run `make build`.", status=503, mimetype="text/plain"
            )
        return static_file(dist, "index.html")


# Hashed build output never changes under its name; anything else may change with a deploy.
HASHED_MAX_AGE = 31536000
OTHER_MAX_AGE = 3600


def static_file(dist: Path, path: str) -> Response:
    """A built file, pre-compressed (.br, .gz beside it) when the browser accepts that,
    cached for a year only when its name is hashed (assets/), revalidated for index.html."""
    encoding, suffix = _accepted_encoding(dist, path)
    mimetype = mimetypes.guess_type(path)[0] or "application/octet-stream"
    is_index, hashed = path == "index.html", path.startswith("assets/")
    max_age = 0 if is_index else HASHED_MAX_AGE if hashed else OTHER_MAX_AGE
    response = send_from_directory(dist, path + suffix, mimetype=mimetype, max_age=max_age)
    if encoding:
        response.headers["Content-Encoding"] = encoding
    response.vary.add("Accept-Encoding")
    if is_index:
        response.cache_control.no_cache = True
        response.cache_control.max_age = None
    else:
        response.cache_control.public = True
        response.cache_control.immutable = hashed
    return response


def _accepted_encoding(dist: Path, path: str) -> tuple[str | None, str]:
    accepted = request.accept_encodings
    for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
        if accepted[encoding] and (dist / (path + suffix)).is_file():
            return encoding, suffix
    return None, ""
