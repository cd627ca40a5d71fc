"""Small server-rendered pages for people who follow a link from an email (unsubscribe,
confirm a subscription, a form's thank-you): no SPA, no script, nothing to load."""

from __future__ import annotations

from html import escape

from flask import Response, request

PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors *"
_STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;background:#f4f5f7;color:#1f2328;margin:0}"
    "main{max-width:32rem;margin:12vh auto;background:#fff;padding:2rem;border-radius:12px;"
    "box-shadow:0 1px 3px #0002}h1{font-size:1.4rem;margin-top:0}"
    "button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:8px;background:#1c7ed6;"
    "color:#fff;cursor:pointer}@media(max-width:480px){main{margin:0;border-radius:0}}"
)


def wants_html() -> bool:
    """A browser following a link (HTML first) rather than a program asking for JSON."""
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return (
        best == "text/html"
        and request.accept_mimetypes["text/html"] >= request.accept_mimetypes["application/json"]
    )


def html_page(
    title: str, *paragraphs: str, button: str | None = None, status: int = 200
) -> Response:
    """A page with a title and plain-text paragraphs (escaped); with `button`, a form that
    POSTs back to this same URL."""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    if button:
        body += f'<form method="post"><button type="submit">{escape(button)}</button></form>'
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body><main><h1>{escape(title)}</h1>{body}</main></body></html>"
    )
    response = Response(html, status=status, mimetype="text/html")
    response.headers["Content-Security-Policy"] = PAGE_CSP
    return response
