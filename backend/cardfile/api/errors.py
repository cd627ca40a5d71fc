"""The one error format: {"code", "message", "errors": {field: [messages]}}."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, jsonify
from marshmallow import Schema, fields
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException

from cardfile.errors import ApiError, wait_phrase

URL_TOO_LONG = "This address is too long; shorten the search or filters."
HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    410: "gone",
    414: "uri_too_long",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "too_many_requests",
    500: "internal_error",
}


class ErrorSchema(Schema):
    """Every error response: a machine code, a sentence, and messages per field."""

    code = fields.String(required=True, metadata={"example": "validation_error"})
    message = fields.String(required=True)
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        required=True,
        metadata={"description": "Field (dotted path, e.g. custom.plan) -> messages"},
    )
    existing_id = fields.Integer(
        metadata={"description": "On 409 for a duplicate contact: the one that exists"}
    )
    contact_count = fields.Integer(
        metadata={"description": "On 409 for deleting a class: contacts still in it"}
    )


def flatten_errors(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """Nested marshmallow messages -> {"custom.vip": ["..."], "tags.0": ["..."]}."""
    if isinstance(messages, dict):
        flat: dict[str, list[str]] = {}
        for key, value in messages.items():
            name = str(key) if not prefix else f"{prefix}.{key}"
            if key == "_schema" and prefix:
                name = prefix
            flat.update(flatten_errors(value, name))
        return flat
    if isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        return {prefix or "_schema": list(messages)}
    if isinstance(messages, list):
        flat = {}
        for item in messages:
            flat.update(flatten_errors(item, prefix))
        return flat
    return {prefix or "_schema": [str(messages)]}


def error_response(
    status: int,
    message: str,
    errors: dict[str, Any] | None = None,
    code: str | None = None,
    **extra: Any,
) -> Response:
    body = {
        "code": code or HTTP_CODES.get(status, "error"),
        "message": message,
        "errors": flatten_errors(errors) if errors else {},
        **extra,
    }
    response = jsonify(body)
    response.status_code = status
    return response


def handle_api_error(error: ApiError) -> Response:
    response = error_response(error.status, error.message, error.errors, error.code, **error.extra)
    if retry_after := getattr(error, "retry_after", None):
        response.headers["Retry-After"] = str(retry_after)
    return response


def handle_http_exception(error: HTTPException) -> Response:
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    errors: dict[str, Any] = {}
    if "messages" in data:  # webargs validation error: {location: {field: [...]}}
        for location, location_errors in data["messages"].items():
            if isinstance(location_errors, dict):
                errors.update(location_errors)
            else:  # e.g. {"json": ["Invalid JSON body."]}
                errors[location] = location_errors
    retry_after = getattr(error, "retry_after", None) or _limit_window(error)
    message = {
        422: "Some fields are invalid.",
        429: f"Too many requests. {wait_phrase(retry_after or 60)}",
        500: "Something went wrong on our side.",
    }.get(status, error.description or error.name)
    response = error_response(status, data.get("message", message), errors)
    if status == 405 and getattr(error, "valid_methods", None):
        response.headers["Allow"] = ", ".join(error.valid_methods)  # type: ignore[arg-type]
    for key, value in (data.get("headers") or {}).items():
        response.headers[key] = value
    if status == 429 and retry_after:
        response.headers["Retry-After"] = str(retry_after)
    return response


def _limit_window(error: HTTPException) -> int | None:
    """flask-limiter's 429 names its limit ("10 per 15 minute"); the wait is its window."""
    limit = getattr(getattr(error, "limit", None), "limit", None)
    return int(limit.get_expiry()) if limit is not None else None


# What a database refusal means to the person who caused it (a race, nearly always).
DB_CONFLICTS = {
    "23505": "This already exists: someone may have created it at the same moment.",
    "23503": "Something this refers to was changed or deleted at the same moment; "
    "reload and try again.",
    "23001": "Something still refers to this (it changed at the same moment); "
    "reload and try again.",
    "23P01": "This overlaps with something that exists already.",
    "40001": "Someone changed this at the same moment; try again.",
    "40P01": "Someone changed this at the same moment; try again.",
}


def database_conflict(error: DBAPIError) -> Response | None:
    """A 409 for integrity and serialization failures; None for anything else."""
    code = getattr(error.orig, "sqlstate", None)
    if code in DB_CONFLICTS:
        return error_response(409, DB_CONFLICTS[code])
    if code == "23514":  # a CHECK constraint: the row broke a rule of its table
        return error_response(422, "These values break a rule of this record; check them.")
    return None


def handle_database_error(error: DBAPIError) -> Response:
    response = database_conflict(error)
    if response is None:
        raise error
    return response


def handle_recursion_error(error: RecursionError) -> Response:
    # The only deep recursion a request can cause is decoding a hostile, deeply nested body.
    return error_response(400, "The request body is nested too deeply.")


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(ApiError, handle_api_error)
    app.register_error_handler(RecursionError, handle_recursion_error)
    app.register_error_handler(DBAPIError, handle_database_error)
    app.register_error_handler(HTTPException, handle_http_exception)
