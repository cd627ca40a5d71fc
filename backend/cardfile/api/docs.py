"""API docs UI served from this origin (Swagger UI files from the swagger-ui-bundle package)."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, send_from_directory

docs_blp = Blueprint("docs", __name__)

try:
    from swagger_ui_bundle import swagger_ui_path

    SWAGGER_DIR: Path | None = Path(swagger_ui_path)
except ImportError:  # pragma: no cover - the package is a dependency
    SWAGGER_DIR = None

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Cardfile API</title>
<link rel="stylesheet" href="/api/v1/docs/static/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/v1/docs/static/swagger-ui-bundle.js"></script>
<script src="/api/v1/docs/init.js"></script></body></html>"""

INIT = """window.ui = SwaggerUIBundle({url: '/api/v1/openapi.json', dom_id: '#swagger-ui',
  deepLinking: true});"""


@docs_blp.get("/api/v1/docs")
def docs_page() -> Response:
    return Response(PAGE, mimetype="text/html")


@docs_blp.get("/api/v1/docs/init.js")
def docs_init() -> Response:
    return Response(INIT, mimetype="text/javascript")


@docs_blp.get("/api/v1/docs/static/<path:filename>")
def docs_static(filename: str) -> Response:
    if SWAGGER_DIR is None:
        return Response("Swagger UI is not installed", status=404)
    return send_from_directory(SWAGGER_DIR, filename)
