"""Domain errors raised by services (no Flask here); the API turns them into JSON responses."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    status = 400
    code = "bad_request"

    def __init__(
        self,
        message: str,
        *,
        errors: dict[str, Any] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or {}
        self.extra = extra


class NotFound(ApiError):
    status = 404
    code = "not_found"

    def __init__(self, what: str = "Resource", **kwargs: Any) -> None:
        super().__init__(f"{what} not found.", **kwargs)


class Forbidden(ApiError):
    status = 403
    code = "forbidden"


class Conflict(ApiError):
    status = 409
    code = "conflict"


class Invalid(ApiError):
    """422 naming the field(s): `Invalid({"email": ["Not a valid email address."]})`."""

    status = 422
    code = "validation_error"

    def __init__(self, errors: dict[str, Any], message: str = "Some fields are invalid.") -> None:
        super().__init__(message, errors=errors)

    @classmethod
    def field(cls, name: str, message: str) -> Invalid:
        return cls({name: [message]})
