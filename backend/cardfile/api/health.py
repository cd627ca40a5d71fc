from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields
from sqlalchemy import text

from cardfile.api.blueprint import ApiBlueprint
from cardfile.api.context import db
from cardfile.cache import get_redis

blp = ApiBlueprint("health", __name__, description="Liveness of the API and its stores")


class HealthSchema(Schema):
    status = fields.String(required=True)
    database = fields.String(required=True)
    redis = fields.String(required=True)


def _probe(check: Any) -> str:
    try:
        check()
        return "ok"
    except Exception as error:  # noqa: BLE001 - any failure means "down"; say which
        return f"error: {type(error).__name__}"


@blp.route("", methods=["GET"])
@blp.response(200, HealthSchema)
def health() -> Any:
    database = _probe(lambda: db().execute(text("SELECT 1")))
    redis = _probe(lambda: get_redis().ping())
    status = "ok" if database == redis == "ok" else "degraded"
    return {"status": status, "database": database, "redis": redis}
