"""The local mail catcher's messages (`cardfile run` without SMTP_URL), newest first."""

from __future__ import annotations

from collections.abc import Mapping
from email import policy
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from cardfile.api.pagination import Page


def list_messages(folder: Path, args: Mapping[str, Any]) -> Page:
    """Newest first (file names start with the time they arrived)."""
    page, size = args.get("page", 1), args.get("page_size", 50)
    files = sorted(folder.glob("*.eml"), key=lambda p: p.name, reverse=args.get("sort") != "date")
    chosen = files[(page - 1) * size : page * size]
    return Page(items=[_read(path) for path in chosen], total=len(files), page=page, page_size=size)


def _read(path: Path) -> dict[str, Any]:
    message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    body = message.get_body(preferencelist=("plain", "html"))
    date = message["Date"]
    return {
        "id": path.stem,
        "to": str(message["To"] or ""),
        "subject": str(message["Subject"] or ""),
        "date": parsedate_to_datetime(date) if date else None,
        "text": body.get_content() if body is not None else "",
    }
