"""gunicorn's threaded worker, answering the requests it refuses itself (a request line or
headers over its limits) in the API's JSON error format rather than an HTML page."""

from __future__ import annotations

import json
from typing import Any

from gunicorn.http.errors import LimitRequestHeaders, LimitRequestLine
from gunicorn.util import write_nonblock
from gunicorn.workers.gthread import ThreadWorker

from cardfile.api.errors import URL_TOO_LONG

_REFUSALS: dict[type[Exception], tuple[int, str, str, str]] = {
    LimitRequestLine: (
        414,
        "URI Too Long",
        "uri_too_long",
        URL_TOO_LONG,
    ),
    LimitRequestHeaders: (
        431,
        "Request Header Fields Too Large",
        "headers_too_large",
        "The request's headers are too large.",
    ),
}


def refusal_bytes(status: int, reason: str, code: str, message: str) -> bytes:
    body = json.dumps({"code": code, "message": message, "errors": {}}).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("latin-1") + body


class JsonErrorsWorker(ThreadWorker):
    def handle_error(self, req: Any, client: Any, addr: Any, exc: Exception) -> None:
        refusal = next((r for kind, r in _REFUSALS.items() if isinstance(exc, kind)), None)
        if refusal is None:
            super().handle_error(req, client, addr, exc)
            return
        self.log.warning("Refused a request from ip=%s: %s", (addr or ("",))[0], refusal[1])
        try:
            write_nonblock(client, refusal_bytes(*refusal))
        except OSError:
            self.log.debug("Failed to send error message.")
