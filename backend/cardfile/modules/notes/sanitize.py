"""Rich text as the server stores it: a small, safe subset of HTML (nh3)."""

from __future__ import annotations

import re
from html import unescape as html_unescape

import nh3

TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
}
ATTRIBUTES = {"a": {"href", "title"}}


def clean_html(html: str) -> str:
    """Scripts, styles, event handlers and javascript: links removed; links open safely."""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer nofollow",
    ).strip()


_BREAKS = re.compile(r"<(?:br|/p|/li|/h[1-6]|/blockquote|/pre)\b[^>]*>", re.IGNORECASE)


def plain_text(html: str) -> str:
    """The words alone (for emptiness checks and the timeline's preview); paragraphs and
    lines stay apart by a space."""
    return html_unescape(" ".join(nh3.clean(_BREAKS.sub(" ", html), tags=set()).split()))
