"""Layering rules read from the code: one file holds every Session hook; services reach
pagination below them, not through the API package."""

from __future__ import annotations

import re
from pathlib import Path

BACKEND = Path(__file__).resolve().parents[3] / "backend" / "cardfile"


def _sources() -> list[tuple[str, str]]:
    return [(p.relative_to(BACKEND).as_posix(), p.read_text()) for p in BACKEND.rglob("*.py")]


def test_session_hooks_live_in_one_file() -> None:
    hooked = {name for name, text in _sources() if re.search(r"listens_for\(Session\b", text)}
    assert hooked == {"db/hooks.py"}


def test_services_page_through_db_pagination() -> None:
    offenders = [
        name
        for name, text in _sources()
        if re.search(r"from cardfile\.api\.pagination import .*\b(Page|paginate)\b", text)
    ]
    assert offenders == []
