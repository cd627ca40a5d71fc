"""The baseline: a bare Flask app answering every GET with the same JSON bytes the real
contacts list endpoint returned for page 1 (read once at startup from BENCH_BARE_JSON).

Served by the same gunicorn command line as `cardfile serve`, with only the app swapped, so
the difference between the two is Cardfile's own per-request work (auth, tenant scope, SQL,
serialisation)."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, Response

BODY = Path(os.environ["BENCH_BARE_JSON"]).read_bytes()

app = Flask(__name__)


@app.get("/", defaults={"path": ""})
@app.get("/<path:path>")
def same_json(path: str) -> Response:
    return Response(BODY, mimetype="application/json")
