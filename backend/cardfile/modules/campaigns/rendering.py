"""Templates to messages: personalisation in a sandboxed Jinja2 environment, CSS inlined for
email clients (css-inline), links rewritten for click tracking and an open pixel added, then
the MIME message assembled as bytes (the stdlib email package is too slow for bulk mail).

A template sees `contact` (its fields, `custom`, `tags`), `unsubscribe_url`,
`preferences_url`, `workspace` and `campaign`. A missing value renders empty, and
`default("…")` also stands in for an empty one. Errors are found when a template is saved
(`check_template`), never first at send time.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import formataddr, formatdate
from functools import lru_cache
from html import escape, unescape
from typing import Any

import css_inline
from jinja2 import ChainableUndefined, TemplateSyntaxError, meta, nodes
from jinja2.exceptions import SecurityError, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from cardfile.errors import Invalid

NAMES = ("contact", "unsubscribe_url", "preferences_url", "workspace", "campaign")
_HREF = re.compile(r"""(<a\b[^>]*?\bhref\s*=\s*)(["'])(https?://[^"']+)\2""", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_BLANKS = re.compile(r"\n\s*\n\s*")
_BLOCK = re.compile(r"<(br|/p|/div|/h[1-6]|/li|/tr)\b[^>]*>", re.IGNORECASE)


def _default(value: Any, fallback: Any = "", boolean: bool = True) -> Any:
    """Like Jinja's default, but an empty or missing value counts as missing too."""
    if value is None or isinstance(value, ChainableUndefined) or (boolean and value == ""):
        return fallback
    return value


def _finalize(value: Any) -> Any:
    return "" if value is None else value


def _environment(autoescape: bool) -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        autoescape=autoescape,
        undefined=ChainableUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["default"] = env.filters["d"] = _default
    return env


HTML_ENV = _environment(autoescape=True)
TEXT_ENV = _environment(autoescape=False)


def _check(env: ImmutableSandboxedEnvironment, source: str, field: str) -> None:
    try:
        tree = env.parse(source)
        env.compile(tree)
    except TemplateSyntaxError as error:
        raise Invalid.field(field, f"Line {error.lineno}: {error.message}") from error
    except TemplateError as error:
        raise Invalid.field(field, str(error)) from error
    unknown = sorted(meta.find_undeclared_variables(tree) - set(NAMES))
    if unknown:
        raise Invalid.field(
            field,
            f"Unknown name “{unknown[0]}”: use {', '.join(NAMES)} "
            "(contact fields as contact.first_name, custom fields as contact.custom.key).",
        )
    for node in tree.find_all(nodes.Getattr):
        if node.attr.startswith("_"):
            raise Invalid.field(
                field, f"Line {node.lineno}: Not allowed in a template: “{node.attr}”."
            )
    for call in tree.find_all(nodes.Filter):
        if call.name not in env.filters:
            raise Invalid.field(field, f"Line {call.lineno}: no filter named “{call.name}”.")


def check_template(subject: str, html: str, text: str | None) -> None:
    """422 naming the field (subject, html, text) and line of the first error; then a trial
    render with a sample contact catches what only shows when run."""
    _check(TEXT_ENV, subject, "subject")
    _check(HTML_ENV, html, "html")
    if text:
        _check(TEXT_ENV, text, "text")
    sample = sample_context()
    for field, env, source in (
        ("subject", TEXT_ENV, subject),
        ("html", HTML_ENV, html),
        ("text", TEXT_ENV, text or ""),
    ):
        try:
            env.from_string(source).render(sample)
        except SecurityError as error:
            raise Invalid.field(field, f"Not allowed in a template: {error}") from error
        except Exception as error:  # noqa: BLE001 - any failure is the template's fault here
            raise Invalid.field(field, f"This template fails to render: {error}") from error


def sample_context() -> dict[str, Any]:
    return {
        "contact": {
            "id": 0,
            "email": "ada@example.com",
            "first_name": "Ada",
            "last_name": "Lovelace",
            "company": "Analytical Engines",
            "job_title": "Engineer",
            "phone": None,
            "custom": {},
            "tags": [],
        },
        "unsubscribe_url": "https://example.com/unsubscribe",
        "preferences_url": "https://example.com/preferences",
        "workspace": {"name": "Workspace"},
        "campaign": {"name": "Campaign"},
    }


@lru_cache(maxsize=64)
def compiled(kind: str, source: str) -> Any:
    return (HTML_ENV if kind == "html" else TEXT_ENV).from_string(source)


_INLINER = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


def inline_css(html: str) -> str:
    """Styles from <style> blocks moved onto the elements (many email clients drop them)."""
    try:
        return _INLINER.inline(html)
    except ValueError:
        return html  # unparseable CSS: sent as written rather than not at all


def text_from_html(html: str) -> str:
    """A plain-text part for a template that has none: the HTML's text, paragraphs kept."""
    body = _BLOCK.sub("\n", html)
    body = re.sub(r"<(style|script|head)\b.*?</\1>", "", body, flags=re.S | re.I)
    return _BLANKS.sub("\n\n", unescape(_TAG.sub("", body))).strip() + "\n"


@dataclass(frozen=True)
class Version:
    """One version of a campaign's content, compiled once for all its recipients."""

    subject: Any
    html: Any
    text: Any
    html_has_blocks: bool  # personalised structure: inline CSS per message

    @classmethod
    def of(cls, subject: str, html: str, text: str | None) -> Version:
        blocks = "{%" in html
        ready = html if blocks else inline_css(html)
        plain = text if text else text_from_html(html)
        return cls(
            compiled("text", subject), compiled("html", ready), compiled("text", plain), blocks
        )


@dataclass(frozen=True)
class Rendered:
    subject: str
    html: str
    text: str


def render(
    version: Version,
    context: dict[str, Any],
    click_url: Callable[[str], str] | None = None,
    pixel_url: str | None = None,
) -> Rendered:
    """One recipient's message: personalised, links tracked, the pixel at the end of body."""
    html = version.html.render(context)
    if version.html_has_blocks:
        html = inline_css(html)
    if click_url is not None:
        html = _HREF.sub(lambda m: _tracked(m, context, click_url), html)
    if pixel_url is not None:
        pixel = f'<img src="{escape(pixel_url)}" width="1" height="1" alt="" style="display:block">'
        at = html.lower().rfind("</body>")
        html = html[:at] + pixel + html[at:] if at >= 0 else html + pixel
    subject = " ".join(version.subject.render(context).split())
    return Rendered(subject, html, version.text.render(context))


def _tracked(match: re.Match[str], context: dict[str, Any], click_url: Callable[[str], str]) -> str:
    url = unescape(match.group(3))
    if url in (context.get("unsubscribe_url"), context.get("preferences_url")):
        return match.group(0)  # our own links stay as they are
    return f"{match.group(1)}{match.group(2)}{escape(click_url(url))}{match.group(2)}"


# ---- the MIME message, as bytes ------------------------------------------------------------


def _encoded_words(value: str) -> str:
    """RFC 2047 base64 encoded-words of at most 45 bytes each (never splitting a character),
    folded onto continuation lines: what email.header does, a lot faster."""
    words: list[bytes] = []
    chunk = b""
    for char in value:
        raw = char.encode()
        if len(chunk) + len(raw) > 45:
            words.append(chunk)
            chunk = b""
        chunk += raw
    words.append(chunk)
    return "\r\n ".join(f"=?utf-8?b?{base64.b64encode(w).decode()}?=" for w in words)


def header_text(value: str) -> str:
    """A header value: ASCII as is, anything else RFC 2047-encoded."""
    value = " ".join(value.split())
    return value if value.isascii() else _encoded_words(value)


def address(name: str | None, email: str) -> str:
    if not name:
        return email
    name = " ".join(name.split())
    if name.isascii():
        return formataddr((name, email))
    return f"{_encoded_words(name)} <{email}>"


def _b64(text: str) -> str:
    return base64.encodebytes(text.encode()).decode().replace("\n", "\r\n")


def mime_bytes(
    *,
    sender: str,
    to: str,
    subject: str,
    message_id: str,
    rendered: Rendered,
    headers: dict[str, str],
    boundary: str,
) -> bytes:
    """multipart/alternative (text, then HTML), base64 bodies; `headers` are added as given."""
    lines = [
        f"From: {sender}",
        f"To: {to}",
        f"Subject: {header_text(subject)}",
        f"Date: {formatdate(usegmt=True)}",
        f"Message-ID: <{message_id}>",
        "MIME-Version: 1.0",
        *(f"{name}: {value}" for name, value in headers.items()),
        f'Content-Type: multipart/alternative; boundary="{boundary}"',
        "",
        f"--{boundary}",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: base64",
        "",
        _b64(rendered.text),
        f"--{boundary}",
        "Content-Type: text/html; charset=utf-8",
        "Content-Transfer-Encoding: base64",
        "",
        _b64(rendered.html),
        f"--{boundary}--",
        "",
    ]
    return "\r\n".join(lines).encode()
