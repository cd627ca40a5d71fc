"""Where uploaded files live: one interface, a local directory by default (FILES_DIR, else
<var_dir>/files), an S3-compatible bucket when STORAGE_URL says so. Files stream in and out
in chunks (an import may be 500 MB), are counted and hashed on the way in, and stop at the
caller's size limit.

Keys are made here (`new_key`) and always start with the workspace's schema name, so one
workspace's files never share a name, or a listing, with another's.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol
from urllib.parse import parse_qs, urlparse

from cardfile.db.scope import schema_for
from cardfile.errors import ApiError

CHUNK = 1024 * 1024


class TooLarge(ApiError):
    status = 413
    code = "payload_too_large"

    def __init__(self, limit: int) -> None:
        super().__init__(f"The file is larger than {human_size(limit)}.")


def human_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:g} {unit}" if unit == "bytes" else f"{size:.0f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return str(size)


@dataclass(frozen=True)
class Stored:
    key: str
    size: int
    sha256: str


def new_key(workspace_id: int, kind: str) -> str:
    """A fresh, unguessable key: ws_<id>/<kind>/<uuid>."""
    if not kind.isidentifier():
        raise ValueError(f"bad file kind {kind!r}")
    return f"{schema_for(workspace_id)}/{kind}/{uuid.uuid4().hex}"


def read_chunks(stream: BinaryIO) -> Iterator[bytes]:
    """The stream in CHUNK-sized pieces, until it ends."""
    while chunk := stream.read(CHUNK):
        yield chunk


def _counted(chunks: Iterable[bytes], limit: int, digest: hashlib._Hash) -> Iterator[bytes]:
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise TooLarge(limit)
        digest.update(chunk)
        yield chunk


class Storage(Protocol):
    def save(self, key: str, stream: BinaryIO, limit: int) -> Stored: ...
    def open(self, key: str) -> Iterator[bytes]: ...
    def delete(self, key: str) -> None: ...
    def exists(self, key: str) -> bool: ...


class LocalStorage:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if self.root.resolve() not in path.parents:
            raise ValueError(f"key outside the storage: {key!r}")
        return path

    def save(self, key: str, stream: BinaryIO, limit: int) -> Stored:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        # Written beside its final name and renamed: a reader never sees half a file.
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in _counted(read_chunks(stream), limit, digest):
                    out.write(chunk)
                    size += len(chunk)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        return Stored(key, size, digest.hexdigest())

    def open(self, key: str) -> Iterator[bytes]:
        with self._path(key).open("rb") as file:
            yield from read_chunks(file)

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()


class ChunkReader:
    """A file-like `read()` over an iterator of byte chunks (boto3's upload reads files)."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks, self._buffer = iter(chunks), b""

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._buffer) < size:
            chunk = next(self._chunks, None)
            if chunk is None:
                break
            self._buffer += chunk
        if size < 0:
            data, self._buffer = self._buffer, b""
        else:
            data, self._buffer = self._buffer[:size], self._buffer[size:]
        return data


class S3Storage:
    def __init__(self, bucket: str, prefix: str = "", **client_options: str) -> None:
        import boto3

        self.bucket, self.prefix = bucket, prefix.strip("/")
        self.client = boto3.client("s3", **client_options)

    def _key(self, key: str) -> str:
        return f"{self.prefix}/{key}" if self.prefix else key

    def save(self, key: str, stream: BinaryIO, limit: int) -> Stored:
        digest = hashlib.sha256()
        counted = _counted(read_chunks(stream), limit, digest)
        size = 0

        def measured() -> Iterator[bytes]:
            nonlocal size
            for chunk in counted:
                size += len(chunk)
                yield chunk

        try:
            self.client.upload_fileobj(ChunkReader(measured()), self.bucket, self._key(key))
        except TooLarge:
            self.delete(key)
            raise
        return Stored(key, size, digest.hexdigest())

    def open(self, key: str) -> Iterator[bytes]:
        body = self.client.get_object(Bucket=self.bucket, Key=self._key(key))["Body"]
        yield from body.iter_chunks(CHUNK)

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._key(key))

    def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=self._key(key))
        except ClientError:
            return False
        return True


def storage_from_url(url: str, files_dir: Path) -> Storage:
    """STORAGE_URL's storage; empty: the local directory files_dir (FILES_DIR)."""
    if not url:
        return LocalStorage(files_dir)
    parsed = urlparse(url)
    if parsed.scheme == "file":
        return LocalStorage(Path(parsed.path))
    if parsed.scheme == "s3":
        query = {k: v[0] for k, v in parse_qs(parsed.query).items()}
        options = {}
        if "endpoint" in query:
            options["endpoint_url"] = query["endpoint"]
        if "region" in query:
            options["region_name"] = query["region"]
        return S3Storage(parsed.netloc, parsed.path, **options)
    raise ValueError("STORAGE_URL must be empty, file:///path or s3://bucket[/prefix]?...")


_storage: Storage | None = None


def get_storage() -> Storage:
    global _storage
    if _storage is None:
        from cardfile import config

        settings = config.current()
        _storage = storage_from_url(settings.storage_url, settings.files_root)
    return _storage


def reset_storage() -> None:
    """Forget the configured storage (settings changed)."""
    global _storage
    _storage = None
