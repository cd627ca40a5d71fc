"""The local mail catcher's messages (`cardfile run` without SMTP_URL), newest first."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any


def list_messages(folder: Path, limit: int = 50) -> list[dict[str, Any]]:
    files = sorted(folder.glob("*.eml"), key=lambda p: p.name, reverse=True)[:limit]
    return [_read(path) for path in files]


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
