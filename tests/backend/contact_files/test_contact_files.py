"""Files on a contact: streamed into storage (FILES_DIR by default) and back byte for byte,
typed by their content (a disguised file is refused), held to the size limit, hidden with
their contact, and removed from storage when deleted or erased."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest

from factories.accounts import ApiClient, member_client
from factories.contacts import make_class, make_contact

MB = 1024 * 1024
# Bigger than one storage chunk (1 MiB), not a multiple of it.
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + os.urandom(MB + 123_457) + b"\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + b"\0" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\0" * 200 + b"This program cannot be run"


def upload(client: ApiClient, contact_id: int, data: bytes, name: str) -> object:
    return client.request(
        "POST",
        f"contacts/{contact_id}/files",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def stored_files(workspace_id: int) -> list[Path]:
    """The contact files the workspace has in FILES_DIR."""
    from cardfile import config

    folder = config.current().files_root / f"ws_{workspace_id}" / "contact_files"
    return sorted(p for p in folder.glob("*") if p.is_file()) if folder.exists() else []


@pytest.fixture
def files_limit(app) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """A small FILES_MAX_BYTES (200,000 bytes) for this test."""
    from cardfile import config

    before = config.current()
    config.configure(dataclasses.replace(before, files_max_bytes=200_000))
    yield
    config.configure(before)


def test_a_file_goes_in_and_comes_back_byte_for_byte(owner: ApiClient) -> None:
    contact = make_contact(owner)
    path = f"contacts/{contact['id']}/files"
    name = "Umowa – Zażółć gęślą jaźń.pdf"
    row = owner.ok(upload(owner, contact["id"], PDF, name), 201)
    assert row["name"] == name and row["content_type"] == "application/pdf"
    assert row["size"] == len(PDF) and row["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert row["uploaded_by_name"] == "Olive Owner" and row["actor_kind"] == "user"
    assert "storage_key" not in row
    cyrillic = owner.ok(upload(owner, contact["id"], PNG, "Договор №5.png"), 201)
    assert cyrillic["content_type"] == "image/png"

    listed = owner.ok(owner.get(path))
    assert [f["id"] for f in listed["items"]] == [cyrillic["id"], row["id"]]  # newest first
    assert listed["total"] == 2 and listed["max_bytes"] == 25 * MB

    download = owner.get(f"{path}/{row['id']}")
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    disposition = download.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert disposition.isascii()
    encoded = disposition.split("filename*=UTF-8''")[1]
    assert unquote(encoded) == name
    png = owner.get(f"{path}/{cyrillic['id']}")
    assert png.data == PNG and png.headers["Content-Type"] == "image/png"
    assert unquote(png.headers["Content-Disposition"].split("''")[1]) == "Договор №5.png"
    assert png.headers["Content-Disposition"].startswith("attachment;")  # never inline

    activities = owner.ok(owner.get(f"contacts/{contact['id']}/activities"))["items"]
    assert (activities[0]["kind"], activities[0]["data"]) == (
        "file_added",
        {"file": "Договор №5.png", "size": len(PNG)},
    )


def test_names_are_cleaned_and_types_come_from_the_content(owner: ApiClient) -> None:
    from cardfile.modules.files.kinds import clean_name

    contact = make_contact(owner)
    # A right-to-left override (shows "…gnp.exe" as "…exe.png"), zero-width and control
    # characters, characters no file system takes.
    row = owner.ok(upload(owner, contact["id"], PNG, "zdj\u200bęc\u202eie\t <1>?.png"), 201)
    assert row["name"] == "zdjęcie _1__.png"
    raw = owner.request(
        "POST", f"contacts/{contact['id']}/files", data=PNG, headers={"X-Filename": "C:\\a\\b.png"}
    )
    assert owner.ok(raw, 201)["name"] == "b.png"
    assert clean_name(" ..\u0000. ") == "file" and clean_name("a: b|c.pdf.") == "a_ b_c.pdf"
    text = "imię;nazwisko\nŁucja;Wąs\n".encode()
    assert owner.ok(upload(owner, contact["id"], text, "lista.csv"), 201)["content_type"] == (
        "text/csv"
    )
    long_name = "ż" * 300 + ".pdf"
    kept = owner.ok(upload(owner, contact["id"], PDF[:5000], long_name), 201)["name"]
    assert len(kept) == 255 and kept.endswith(".pdf")


def test_disguised_and_unknown_files_are_refused_and_leave_nothing(owner: ApiClient) -> None:
    contact = make_contact(owner)
    before = stored_files(owner.workspace_id)

    def refused(data: bytes, name: str) -> str:
        response = upload(owner, contact["id"], data, name)
        assert response.status_code == 422, response.get_json()
        [message] = response.get_json()["errors"]["file"]
        return message

    assert refused(EXE, "faktura.pdf") == (
        "This file is not a real PDF document: its content is a Windows program. "
        "Upload the original file."
    )
    assert "not a real PNG image" in refused(b"<html><script>x()</script>", "photo.png")
    assert "rename it to “.png”" in refused(PNG, "umowa.pdf")
    assert refused(EXE, "setup.exe").startswith("Files of this type cannot be uploaded.")
    assert refused(b"<svg onload=x()>", "logo.svg").startswith("Files of this type")
    assert "UTF-8" in refused("imię;nazwisko\n".encode("cp1250"), "lista.csv")
    assert refused(b"", "empty.pdf") == "The file is empty."
    assert stored_files(owner.workspace_id) == before
    assert owner.ok(owner.get(f"contacts/{contact['id']}/files"))["total"] == 0


def test_the_size_limit_is_a_422_on_the_file(owner: ApiClient) -> None:
    contact = make_contact(owner)
    before = stored_files(owner.workspace_id)
    response = upload(owner, contact["id"], b"%PDF-1.4\n" + b"\0" * (25 * MB - 8), "big.pdf")
    assert response.status_code == 422, response.get_json()
    assert response.get_json()["errors"] == {"file": ["Files can be at most 25 MB."]}
    assert stored_files(owner.workspace_id) == before


def test_files_max_bytes_is_exact(owner: ApiClient, files_limit: None) -> None:
    contact = make_contact(owner)
    at_limit = b"%PDF-1.4\n" + b"\0" * (200_000 - 9)
    assert owner.ok(upload(owner, contact["id"], at_limit, "ok.pdf"), 201)["size"] == 200_000
    before = stored_files(owner.workspace_id)
    for size in (200_001, 1_000_000):  # streamed past the limit; a body far over it
        response = upload(owner, contact["id"], at_limit + b"\0" * (size - 200_000), "x.pdf")
        assert response.status_code == 422
        assert response.get_json()["errors"] == {"file": ["Files can be at most 195 KB."]}
    assert stored_files(owner.workspace_id) == before


def test_viewers_download_but_only_members_upload_and_delete(app, owner: ApiClient) -> None:  # type: ignore[no-untyped-def]
    contact = make_contact(owner)
    path = f"contacts/{contact['id']}/files"
    row = owner.ok(upload(owner, contact["id"], PNG, "a.png"), 201)
    viewer = member_client(app, owner, role="viewer")
    assert viewer.ok(viewer.get(path))["total"] == 1
    assert viewer.get(f"{path}/{row['id']}").data == PNG
    assert upload(viewer, contact["id"], PNG, "b.png").status_code == 403
    assert viewer.delete(f"{path}/{row['id']}").status_code == 403
    member = member_client(app, owner, role="member")
    assert upload(member, contact["id"], PNG, "c.png").status_code == 201
    assert member.delete(f"{path}/{row['id']}").status_code == 204


def test_files_are_hidden_with_their_contact(app, owner: ApiClient, stranger: ApiClient) -> None:  # type: ignore[no-untyped-def]
    vip = make_class(owner, "Files VIP")
    hidden = make_contact(owner)
    shown = make_contact(owner, contact_class_id=vip["id"])
    path = f"contacts/{hidden['id']}/files"
    row = owner.ok(upload(owner, hidden["id"], PNG, "secret.png"), 201)
    member = member_client(app, owner, role="member", class_ids=[vip["id"]])
    stranger.workspace_id = owner.workspace_id
    for outsider in (member, stranger):
        assert outsider.get(path).status_code == 404
        assert outsider.get(f"{path}/{row['id']}").status_code == 404
        assert outsider.delete(f"{path}/{row['id']}").status_code == 404
        assert upload(outsider, hidden["id"], PNG, "x.png").status_code == 404
    # A file id under another (visible) contact's path is not found either.
    assert member.get(f"contacts/{shown['id']}/files/{row['id']}").status_code == 404
    assert owner.get(f"contacts/{shown['id']}/files/{row['id']}").status_code == 404
    assert owner.get(f"{path}/{row['id']}").data == PNG


def test_deleting_or_erasing_removes_the_stored_file(owner: ApiClient) -> None:
    from cardfile.access.owned import erase_contact_rows, merge_contact_rows
    from cardfile.db.scope import workspace_session

    contact = make_contact(owner)
    path = f"contacts/{contact['id']}/files"
    before = set(stored_files(owner.workspace_id))
    first = owner.ok(upload(owner, contact["id"], PNG, "one.png"), 201)
    [blob] = set(stored_files(owner.workspace_id)) - before
    assert blob.read_bytes() == PNG
    assert owner.delete(f"{path}/{first['id']}").status_code == 204
    assert not blob.exists() and owner.get(f"{path}/{first['id']}").status_code == 404
    activities = owner.ok(owner.get(f"contacts/{contact['id']}/activities"))["items"]
    assert (activities[0]["kind"], activities[0]["data"]) == (
        "file_deleted",
        {"file": "one.png", "size": len(PNG)},
    )

    merged = make_contact(owner)
    owner.ok(upload(owner, merged["id"], PNG, "two.png"), 201)
    owner.ok(upload(owner, contact["id"], PDF[:4000], "three.pdf"), 201)
    with workspace_session(owner.workspace_id) as session:
        merge_contact_rows(session, contact["id"], merged["id"])
    assert owner.ok(owner.get(path))["total"] == 2
    assert len(set(stored_files(owner.workspace_id)) - before) == 2
    with workspace_session(owner.workspace_id) as session:
        erase_contact_rows(session, contact["id"])
        assert len(set(stored_files(owner.workspace_id)) - before) == 2  # not before the commit
    assert set(stored_files(owner.workspace_id)) - before == set()
    assert owner.ok(owner.get(path))["total"] == 0


def test_a_download_whose_bytes_are_gone_is_not_found(owner: ApiClient) -> None:
    contact = make_contact(owner)
    before = set(stored_files(owner.workspace_id))
    row = owner.ok(upload(owner, contact["id"], PNG, "gone.png"), 201)
    [blob] = set(stored_files(owner.workspace_id)) - before
    blob.unlink()
    assert owner.get(f"contacts/{contact['id']}/files/{row['id']}").status_code == 404


def test_files_dir_and_the_size_limit_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cardfile.config import Settings
    from cardfile.files.storage import LocalStorage, storage_from_url

    monkeypatch.setenv("SECRET_KEY", "k")
    monkeypatch.setenv("CARDFILE_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("FILES_DIR", raising=False)
    monkeypatch.delenv("FILES_MAX_BYTES", raising=False)
    default = Settings.from_env(database_url="x", redis_url="y")
    assert default.files_root == tmp_path / "var" / "files"
    assert default.files_max_bytes == 25 * MB
    monkeypatch.setenv("FILES_DIR", str(tmp_path / "contact-files"))
    monkeypatch.setenv("FILES_MAX_BYTES", "10 MB")
    chosen = Settings.from_env(database_url="x", redis_url="y")
    assert chosen.files_root == tmp_path / "contact-files" and chosen.files_max_bytes == 10 * MB
    storage = storage_from_url("", chosen.files_root)
    assert isinstance(storage, LocalStorage) and storage.root == tmp_path / "contact-files"
    monkeypatch.setenv("FILES_MAX_BYTES", "lots")
    with pytest.raises(RuntimeError, match="FILES_MAX_BYTES"):
        Settings.from_env(database_url="x", redis_url="y")
