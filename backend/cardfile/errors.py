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


class Unauthorized(ApiError):
    status = 401
    code = "unauthorized"

    def __init__(self, message: str = "Log in or send an API token.") -> None:
        super().__init__(message)


class Forbidden(ApiError):
    status = 403
    code = "forbidden"


class Conflict(ApiError):
    status = 409
    code = "conflict"


class Gone(ApiError):
    """410: a link that worked once (used, expired or withdrawn)."""

    status = 410
    code = "gone"


def wait_phrase(seconds: int) -> str:
    """'Try again in 12 minutes.' — how long to wait, in words a person reads."""
    seconds = max(1, int(seconds))
    if seconds < 60:
        return f"Try again in {seconds} second{'s' if seconds != 1 else ''}."
    minutes = -(-seconds // 60)
    return f"Try again in {minutes} minute{'s' if minutes != 1 else ''}."


class TooMany(ApiError):
    """429 with the seconds to wait (sent as Retry-After and said in the message)."""

    status = 429
    code = "too_many_requests"

    def __init__(self, reason: str, retry_after: int) -> None:
        super().__init__(f"{reason} {wait_phrase(retry_after)}")
        self.retry_after = max(1, int(retry_after))


class Invalid(ApiError):
    """422 naming the field(s): `Invalid({"email": ["Not a valid email address."]})`."""

    status = 422
    code = "validation_error"

    def __init__(self, errors: dict[str, Any], message: str = "Some fields are invalid.") -> None:
        super().__init__(message, errors=errors)

    @classmethod
    def field(cls, name: str, message: str) -> Invalid:
        return cls({name: [message]})
