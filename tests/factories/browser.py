"""What the browser tests share: screenshots under tests/e2e/artifacts/, and the check that a
screen fits its width (nothing scrolls sideways on a phone)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

ARTIFACTS = Path(__file__).resolve().parent.parent / "e2e" / "artifacts"


def fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def shot(page: Any, name: str, full_page: bool = True) -> Path:
    """A screenshot of the whole page as artifacts/<name>.png (to look at, not compared)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")  # a sticky header stays on top in a full-page shot
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
