"""Files over HTTP: a size limit per route, uploads streamed into storage, downloads streamed
out. JSON bodies keep the global 2 MiB cap; a view that takes files declares its own:

    @blp.route("/files", methods=["POST"])
    @upload_limit(CONTACT_FILE_LIMIT)
    def upload(...): stored = receive_upload(workspace_id, "contact_files", CONTACT_FILE_LIMIT)
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import filetype
from flask import Flask, Response, current_app, request, stream_with_context

from cardfile.errors import Invalid
from cardfile.files.storage import (
    ChunkReader,
    Stored,
    TooLarge,
    get_storage,
    new_key,
    read_chunks,
)

F = TypeVar("F", bound=Callable[..., Any])
MB = 1024 * 1024
IMPORT_LIMIT = 500 * MB
CONTACT_FILE_LIMIT = 25 * MB
SNIFF_BYTES = 8192
# Text kinds served as text; anything else unrecognised is application/octet-stream, so an
# uploaded page or script is never served as something a browser would run.
TEXT_TYPES = {".csv": "text/csv", ".txt": "text/plain", ".tsv": "text/tab-separated-values"}


def upload_limit(max_bytes: int | Callable[[], int]) -> Callable[[F], F]:
    """This view accepts request bodies up to max_bytes (set before anything reads them); a
    function is asked on each request (a limit from the settings)."""

    def mark(view: F) -> F:
        view._upload_limit = max_bytes  # type: ignore[attr-defined]
        return view

    return mark


def _route_limit() -> None:
    view = current_app.view_functions.get(request.endpoint or "")
    cls = getattr(view, "view_class", None)
    if cls is not None:
        view = getattr(cls, request.method.lower(), None)
    limit = getattr(view, "_upload_limit", None)
    if limit is not None:
        request.max_content_length = limit() if callable(limit) else limit


def init_uploads(app: Flask) -> None:
    # First of the app's before_request functions: later ones may read the body.
    app.before_request_funcs.setdefault(None, []).insert(0, _route_limit)


def upload_body(description: str) -> dict[str, Any]:
    """The OpenAPI request body of a view reading its file with receive_upload(_to)."""
    file = {"type": "string", "format": "binary", "description": description}
    schema = {"type": "object", "required": ["file"], "properties": {"file": file}}
    return {"required": True, "content": {"multipart/form-data": {"schema": schema}}}


@dataclass(frozen=True)
class Upload:
    stored: Stored
    filename: str
    content_type: str


def sniff(head: bytes, filename: str) -> str:
    """The type from the bytes, not from what the browser claimed."""
    kind = filetype.guess(head)
    if kind is not None:
        return str(kind.mime)
    suffix = "." + filename.rpartition(".")[2].lower() if "." in filename else ""
    if suffix in TEXT_TYPES:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            if error.start < len(head) - 4:  # not just a character cut at the sniff boundary
                return "application/octet-stream"
        return TEXT_TYPES[suffix]
    return "application/octet-stream"


def _shortened(filename: str, limit: int = 255) -> str:
    """At most `limit` characters, keeping the extension (".pdf") a long name ends with."""
    if len(filename) <= limit:
        return filename
    stem, dot, suffix = filename.rpartition(".")
    if not dot or not stem or len(suffix) > 16:
        return filename[:limit]
    return f"{stem[: limit - len(suffix) - 1]}.{suffix}"


def _incoming() -> tuple[Iterator[bytes], bytes, str]:
    """The request's file (multipart field "file", or the raw body with X-Filename): its
    chunks (the first one, `head`, included), that head and the file's name."""
    if request.files:
        part = request.files.get("file")
        if part is None:
            raise Invalid.field("file", "Choose a file to upload.")
        stream, filename = part.stream, part.filename or "file"
    else:
        stream, filename = request.stream, request.headers.get("X-Filename", "file")
    filename = _shortened(filename.replace("\\", "/").rpartition("/")[2]) or "file"
    head = stream.read(SNIFF_BYTES)
    if not head:
        raise Invalid.field("file", "The file is empty.")
    return itertools.chain([head], read_chunks(stream)), head, filename


def receive_upload(workspace_id: int, kind: str, limit: int) -> Upload:
    """The request's file streamed into storage under a new key of the workspace."""
    chunks, head, filename = _incoming()
    stored = get_storage().save(new_key(workspace_id, kind), ChunkReader(chunks), limit)
    return Upload(stored, filename, sniff(head, filename))


def receive_upload_to(path: Path, limit: int) -> tuple[str, int]:
    """The request's file streamed into a local file (a job reads it at any offset); its
    name and size. TooLarge past `limit`, and then nothing is left at `path`."""
    chunks, _, filename = _incoming()
    size = 0
    try:
        with path.open("wb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise TooLarge(limit)
                out.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return filename, size


def send_stored(key: str, filename: str, content_type: str, inline: bool = False) -> Response:
    """Stream a stored file out; a download (attachment) unless it is an image shown inline."""
    return send_stream(get_storage().open(key), filename, content_type, inline)


def send_stream(
    chunks: Iterator[bytes] | Iterator[str], filename: str, content_type: str, inline: bool = False
) -> Response:
    """Stream chunks out as a file named `filename` (attachment unless an image inline)."""
    response = Response(stream_with_context(chunks), mimetype=content_type)
    disposition = "inline" if inline and content_type.startswith("image/") else "attachment"
    ascii_name = filename.encode("ascii", "replace").decode().replace('"', "'")
    response.headers["Content-Disposition"] = (
        f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response
