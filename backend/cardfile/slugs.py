"""Slugs: the readable, URL-safe names of things people reach by address (a workspace's
public pages, a booking calendar, a booking type)."""

from __future__ import annotations

import re
from collections.abc import Callable

from anyascii import anyascii

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,58}[a-z0-9])$")
SLUG_RULE = "Use 3 to 60 lowercase letters, digits and dashes, like acme-dental."


def slugify(text: str, fallback: str) -> str:
    """ "Gabinet Łódź" -> "gabinet-lodz", "Клиника" -> "klinika"; `fallback` when nothing
    usable is left. Up to 50 characters, leaving room for a "-2" suffix."""
    words = re.findall(r"[a-z0-9]+", anyascii(text).lower())
    slug = "-".join(words)[:50].strip("-")
    return slug if len(slug) >= 3 else fallback


def free_slug(base: str, taken: Callable[[str], bool]) -> str:
    """`base`, or `base-2`, `base-3`, ... : the first one `taken` says is free."""
    candidate, n = base, 1
    while taken(candidate):
        n += 1
        candidate = f"{base}-{n}"
    return candidate
