"""File storage: a local directory and an S3-compatible bucket (moto's server, speaking S3
over HTTP on localhost) behind one interface; uploads streamed, sniffed and limited per
route; downloads streamed as attachments."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from cardfile.files.storage import LocalStorage, S3Storage, Storage, TooLarge, new_key

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + b"\0" * 64


@pytest.fixture(scope="module")
def s3() -> Iterator[S3Storage]:
    import os
    import socket

    from moto.server import ThreadedMotoServer

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "test")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "test")
    storage = S3Storage(
        "cardfile-files",
        "tenant-files",
        endpoint_url=f"http://127.0.0.1:{port}",
        region_name="us-east-1",
    )
    storage.client.create_bucket(Bucket="cardfile-files")
    yield storage
    server.stop()


@pytest.fixture(params=["local", "s3"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> Storage:
    if request.param == "local":
        return LocalStorage(tmp_path / "files")
    return request.getfixturevalue("s3")


def test_a_file_streams_in_and_out_whole(storage: Storage) -> None:
    data = bytes(range(256)) * 9000  # 2.3 MB: more than one chunk
    key = new_key(7, "imports")
    assert key.startswith("ws_7/imports/")
    stored = storage.save(key, io.BytesIO(data), limit=10_000_000)
    assert stored.size == len(data) and len(stored.sha256) == 64
    assert storage.exists(key) and b"".join(storage.open(key)) == data
    storage.delete(key)
    assert not storage.exists(key)


def test_a_file_over_the_limit_is_refused_and_leaves_nothing(storage: Storage) -> None:
    key = new_key(7, "contact_files")
    with pytest.raises(TooLarge, match="larger than"):
        storage.save(key, io.BytesIO(b"x" * 3_000_000), limit=2_000_000)
    assert not storage.exists(key)


def test_keys_cannot_leave_the_storage(tmp_path: Path) -> None:
    local = LocalStorage(tmp_path / "files")
    with pytest.raises(ValueError):
        local.save("../outside", io.BytesIO(b"x"), limit=10)
    with pytest.raises(ValueError):
        new_key(1, "../up")


def test_types_come_from_the_bytes() -> None:
    from cardfile.api.uploads import sniff

    assert sniff(PNG, "holiday.txt") == "image/png"
    assert sniff("imię;nazwisko\nŁucja;Wąs\n".encode(), "list.csv") == "text/csv"
    assert sniff(b"<html><script>alert(1)</script>", "page.html") == "application/octet-stream"
    assert sniff(b"\xff\xfe\x00garbage\x00\x01" * 40, "list.csv") == "application/octet-stream"


def _upload_app(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A small app with the real upload helpers: one route at 1 KB, one at the default."""
    from flask import Flask, jsonify

    from cardfile.api import uploads
    from cardfile.api.errors import register_error_handlers
    from cardfile.files import storage

    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = 100
    register_error_handlers(app)
    uploads.init_uploads(app)
    storage._storage = LocalStorage(tmp_path / "files")

    @app.post("/small")
    @uploads.upload_limit(1024)
    def small():  # type: ignore[no-untyped-def]
        upload = uploads.receive_upload(3, "contact_files", 1024)
        return jsonify(
            name=upload.filename,
            type=upload.content_type,
            size=upload.stored.size,
            key=upload.stored.key,
        )

    @app.post("/json")
    def json_body():  # type: ignore[no-untyped-def]
        from flask import request

        return jsonify(n=len(request.get_data()))

    @app.get("/download/<path:key>")
    def download(key: str):  # type: ignore[no-untyped-def]
        return uploads.send_stored(key, "Zażółć raport.csv", "text/csv")

    return app


def test_each_route_has_its_own_size_limit(tmp_path: Path) -> None:
    from cardfile.files import storage

    try:
        client = _upload_app(tmp_path).test_client()
        ok = client.post("/small", data={"file": (io.BytesIO(b"a;b\n1;2\n" * 50), "Lista.csv")})
        assert ok.status_code == 200, ok.get_json()
        assert ok.get_json()["type"] == "text/csv" and ok.get_json()["size"] == 400
        raw = client.post("/small", data=PNG, headers={"X-Filename": "C:\\photos\\me.png"})
        assert raw.get_json()["name"] == "me.png" and raw.get_json()["type"] == "image/png"
        big = client.post("/small", data={"file": (io.BytesIO(b"x" * 5000), "big.csv")})
        assert big.status_code == 413 and big.get_json()["message"]
        assert client.post("/json", data=b"x" * 200).status_code == 413  # the app's own cap
        down = client.get(f"/download/{ok.get_json()['key']}")
        assert down.data == b"a;b\n1;2\n" * 50
        assert down.headers["Content-Disposition"].startswith("attachment;")
        assert (
            "filename*=UTF-8''Za%C5%BC%C3%B3%C5%82%C4%87%20raport.csv"
            in down.headers["Content-Disposition"]
        )
    finally:
        storage.reset_storage()
