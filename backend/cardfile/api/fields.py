"""Field types shared by every schema: bounded, trimmed strings, emails, time zones."""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

from email_validator import EmailNotValidError, validate_email
from marshmallow import ValidationError, fields, validate

_ZONES = frozenset(available_timezones())


MAX_ID = 2**63 - 1


def check_storable(text: str | None) -> None:
    """PostgreSQL text takes no NUL character, and UTF-8 no lone surrogate."""
    if text is None:
        return
    if "\x00" in text:
        raise ValidationError("Contains a NUL character.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValidationError("Not valid Unicode text.") from error


class Id(fields.Integer):
    """A row id: a positive bigint."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("strict", True)
        super().__init__(validate=validate.Range(min=1, max=MAX_ID), **kwargs)


class Text(fields.String):
    """A string of at most `max_length` characters, trimmed; "" becomes None when allowed."""

    def __init__(self, max_length: int = 200, min_length: int | None = None, **kwargs: Any):
        validators = list(kwargs.pop("validate", []) or [])
        validators.append(validate.Length(min=min_length, max=max_length))
        super().__init__(validate=validators, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        text = super()._deserialize(value, attr, data, **kwargs)
        check_storable(text)
        text = text.strip() if text is not None else None
        if text == "" and self.allow_none:
            return None
        return text


class Email(Text):
    def __init__(self, **kwargs: Any):
        super().__init__(max_length=254, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        text = super()._deserialize(value, attr, data, **kwargs)
        if text is None:
            return None
        try:
            validate_email(text, check_deliverability=False)
        except EmailNotValidError as error:
            raise ValidationError(f"Not a valid email address: {error}") from error
        return text


def check_time_zone(value: str) -> None:
    if value not in _ZONES:
        raise ValidationError("Not a known IANA time zone (e.g. Europe/Berlin).")


class TimeZone(Text):
    def __init__(self, **kwargs: Any):
        super().__init__(max_length=64, validate=[check_time_zone], **kwargs)


class Color(Text):
    def __init__(self, **kwargs: Any):
        super().__init__(
            max_length=16,
            validate=[
                validate.Regexp(r"^[a-z]+$|^#[0-9a-fA-F]{6}$", error="Use a color name or #rrggbb.")
            ],
            **kwargs,
        )
