"""Field types shared by every schema: bounded, trimmed strings, emails, time zones."""

from __future__ import annotations

import re
from typing import Any
from zoneinfo import available_timezones

from email_validator import EmailNotValidError, validate_email
from marshmallow import ValidationError, fields, validate

from cardfile.slugs import SLUG_RE, SLUG_RULE

_ZONES = frozenset(available_timezones())


MAX_ID = 2**63 - 1


def check_storable(text: str | None) -> None:
    """PostgreSQL text takes no NUL character, and UTF-8 no lone surrogate."""
    if text is None:
        return
    if "\x00" in text:
        raise ValidationError("Remove the NUL character (\\0) from this text.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValidationError("This text has a broken character; type it again.") from error


class Id(fields.Integer):
    """A row id: a positive bigint."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("strict", True)
        kwargs["error_messages"] = {
            "required": "Choose one.",
            "null": "Choose one.",
            "invalid": "Use a whole number (an id).",
            **(kwargs.get("error_messages") or {}),
        }
        super().__init__(
            validate=validate.Range(min=1, max=MAX_ID, error="No such item."), **kwargs
        )


# C0 and C1 control characters; single-line fields refuse them (tab and newline included).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class Text(fields.String):
    """A trimmed string of min_length..max_length characters; "" becomes None when allowed.

    `label` finishes the sentence "Enter …" of its messages ("Enter your name.").
    Single-line text refuses control characters; `multiline=True` allows line breaks and tabs.
    """

    def __init__(
        self,
        max_length: int = 200,
        min_length: int | None = None,
        *,
        label: str = "a value",
        strip: bool = True,
        multiline: bool = False,
        **kwargs: Any,
    ):
        self.max_length, self.min_length = max_length, min_length
        self.label, self.strip, self.multiline = label, strip, multiline
        messages = {
            "required": f"Enter {label}.",
            "null": f"Enter {label}.",
            "invalid": "Enter text.",
        }
        kwargs["error_messages"] = {**messages, **(kwargs.get("error_messages") or {})}
        super().__init__(**kwargs)
        self.metadata.setdefault("maxLength", max_length)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        text = super()._deserialize(value, attr, data, **kwargs)
        check_storable(text)
        if self.multiline:
            text = _CONTROL.sub(lambda m: m.group() if m.group() in "\n\t\r" else "", text)
        elif _CONTROL.search(text):
            raise ValidationError("Remove line breaks and other control characters.")
        if self.strip:
            text = text.strip()
        if text == "" and self.allow_none:
            return None
        if self.min_length and len(text) < self.min_length:
            raise ValidationError(
                f"Enter {self.label}."
                if self.min_length == 1 or not text
                else f"Use at least {self.min_length} characters."
            )
        if len(text) > self.max_length:
            raise ValidationError(f"Use at most {self.max_length} characters.")
        return text

    def _validate(self, value: Any) -> None:
        if value is not None:  # "" became None: nothing left to validate
            super()._validate(value)


class Password(Text):
    """Kept exactly as typed (spaces count); at least 10 characters."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("label", "a password")
        super().__init__(max_length=200, min_length=10, strip=False, multiline=True, **kwargs)


class Email(Text):
    def __init__(self, **kwargs: Any):
        kwargs.setdefault("label", "an email address")
        super().__init__(max_length=254, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        text = super()._deserialize(value, attr, data, **kwargs)
        if text is None:
            return None
        try:
            validate_email(text, check_deliverability=False)
        except EmailNotValidError as error:
            raise ValidationError("Enter a valid email address, like name@example.com.") from error
        return text


def check_time_zone(value: str) -> None:
    if value not in _ZONES:
        raise ValidationError("Choose a time zone from the list, like Europe/Warsaw.")


class TimeZone(Text):
    def __init__(self, **kwargs: Any):
        super().__init__(max_length=64, validate=[check_time_zone], **kwargs)


class Slug(Text):
    """A slug (cardfile/slugs.py): 3 to 60 lowercase letters, digits and dashes."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("label", "an address, like acme-dental")
        super().__init__(
            max_length=60, validate=validate.Regexp(SLUG_RE, error=SLUG_RULE), **kwargs
        )


class Color(Text):
    def __init__(self, **kwargs: Any):
        super().__init__(
            max_length=16,
            validate=[
                validate.Regexp(r"^[a-z]+$|^#[0-9a-fA-F]{6}$", error="Use a color name or #rrggbb.")
            ],
            **kwargs,
        )
