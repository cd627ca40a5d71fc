"""Device, operating system and browser read from a User-Agent header (ua-parser, with its
compiled regex accelerator)."""

from __future__ import annotations

from functools import lru_cache

from ua_parser import parse


def _named(family: str | None, major: str | None = None) -> str | None:
    if not family or family == "Other":
        return None
    return f"{family} {major}" if major else family


@lru_cache(maxsize=4096)  # integrations send the same few agents again and again
def describe(user_agent: str) -> dict[str, str]:
    """{"device": "iPhone", "os": "iOS 17", "browser": "Mobile Safari 17"}; unknown parts
    are left out."""
    found = parse(user_agent)
    parts = {
        "device": _named(found.device.family) if found.device else None,
        "os": _named(found.os.family, found.os.major) if found.os else None,
        "browser": _named(found.user_agent.family, found.user_agent.major)
        if found.user_agent
        else None,
    }
    return {k: v for k, v in parts.items() if v}
