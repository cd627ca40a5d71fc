"""The local mail catcher's messages (`cardfile run` without SMTP_URL), newest first."""

from __future__ import annotations

from collections.abc import Mapping
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import Any

from cardfile.db.pagination import Page


def list_messages(folder: Path, args: Mapping[str, Any], reader_email: str) -> Page:
    """Messages addressed to the reader, newest first (file names start with their arrival).

    Only the reader's own mail: an invitation or reset link in someone else's message would
    hand their account or workspace to whoever reads it."""
    page, size = args.get("page", 1), args.get("page_size", 50)
    files = sorted(folder.glob("*.eml"), key=lambda p: p.name, reverse=args.get("sort") != "date")
    messages = [(path, _parse(path)) for path in files]
    mine = [(path, m) for path, m in messages if reader_email.lower() in _recipients(m)]
    chosen = mine[(page - 1) * size : page * size]
    return Page(
        items=[_read(path, m) for path, m in chosen], total=len(mine), page=page, page_size=size
    )


def _parse(path: Path) -> EmailMessage:
    return BytesParser(policy=policy.default).parsebytes(path.read_bytes())  # type: ignore[return-value]


def _recipients(message: EmailMessage) -> set[str]:
    headers = [str(v) for name in ("To", "Cc") for v in message.get_all(name, [])]
    return {address.lower() for _, address in getaddresses(headers) if address}


def _read(path: Path, message: EmailMessage) -> dict[str, Any]:
    body = message.get_body(preferencelist=("plain", "html"))
    date = message["Date"]
    return {
        "id": path.stem,
        "to": str(message["To"] or ""),
        "subject": str(message["Subject"] or ""),
        "date": parsedate_to_datetime(date) if date else None,
        "text": body.get_content() if body is not None else "",
    }
