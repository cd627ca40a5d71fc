"""create_app(): settings, extensions, blueprints, error handlers, security headers, SPA files."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from flask import Flask, Response, request, send_from_directory
from werkzeug.routing import IntegerConverter

from cardfile import config
from cardfile.api.context import init_request_context
from cardfile.api.docs import docs_blp
from cardfile.api.errors import error_response, register_error_handlers
from cardfile.api.idempotency import init_idempotency
from cardfile.api.registry import API_PREFIX, register_blueprints
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
        LOGIN_LIMIT=settings.login_limit,
        PUBLIC_LIMIT=settings.public_limit,
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
    app.after_request(_security_headers)
    _serve_spa(app, settings.spa_dist)
    return app


def limits_storage_uri(redis_url: str) -> str:
    """The `limits` package spells a unix-socket Redis as redis+unix://."""
    return (
        "redis+unix://" + redis_url[len("unix://") :]
        if redis_url.startswith("unix://")
        else redis_url
    )


def _security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
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
            response = send_from_directory(dist, path)
            if path.startswith("assets/"):
                response.cache_control.max_age = 31536000
                response.cache_control.immutable = True
            return response
        if not (dist / "index.html").is_file():
            return Response(
                "The SPA is not built: run `make build`.", status=503, mimetype="text/plain"
            )
        return send_from_directory(dist, "index.html", max_age=0)
