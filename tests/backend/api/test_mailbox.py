"""`make run` keeps outgoing mail in a local catcher, and the app lists it.

The mailbox belongs to a developer's machine, not to a workspace, so this module has no
cross-workspace case: it is 404 everywhere mail really leaves."""

from __future__ import annotations

import dataclasses
import re
import socket
from collections.abc import Iterator
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from cardfile import config
from cardfile.cli.mailcatcher import SaveToFolder
from factories.accounts import ApiClient, unique_email


@pytest.fixture
def local_catcher(settings, tmp_path: Path) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(SaveToFolder(tmp_path), hostname="127.0.0.1", port=port)
    controller.start()
    config.configure(
        dataclasses.replace(settings, smtp_url=f"smtp://127.0.0.1:{port}", mailbox_dir=tmp_path)
    )
    yield tmp_path
    config.configure(settings)
    controller.stop()


def test_mail_lands_in_the_local_mailbox_of_its_recipient_only(
    app, owner: ApiClient, stranger: ApiClient, local_catcher: Path, run_jobs
) -> None:
    """A stranger who signs up must not read another workspace's invitation link (it would
    make them that workspace's member): each reader sees only mail addressed to them."""
    assert owner.ok(owner.get("/api/v1/me"))["dev_mailbox"] is True
    email = unique_email("caught")
    owner.ok(owner.post("members", {"email": email, "role": "viewer"}), 201)
    run_jobs()
    assert list(local_catcher.glob("*.eml"))
    for reader in (owner, stranger):
        page = reader.ok(reader.get("/api/v1/dev/mailbox?page_size=10"))
        assert page["total"] == 0 and page["items"] == []

    # The invitee, once in (through the link the test reads from the file), sees it.
    [eml] = local_catcher.glob("*.eml")
    text = message_from_bytes(eml.read_bytes(), policy=policy.default).get_content()  # type: ignore[attr-defined]
    token = re.search(r"/invite/(\S+)", text).group(1)  # type: ignore[union-attr]
    invitee = ApiClient(app)
    body = invitee.ok(
        invitee.post(
            "/api/v1/auth/accept-invitation",
            {"token": token, "name": "Ina", "password": "correct horse battery"},
        )
    )
    invitee.csrf = body["csrf_token"]
    [mail] = invitee.ok(invitee.get("/api/v1/dev/mailbox"))["items"]
    assert mail["to"] == email and "invited" in mail["subject"] and mail["date"]


def test_mailbox_is_404_when_mail_really_leaves_and_401_anonymous(
    client: ApiClient, owner: ApiClient
) -> None:
    assert owner.ok(owner.get("/api/v1/me"))["dev_mailbox"] is False
    assert owner.get("/api/v1/dev/mailbox").status_code == 404
    assert client.get("/api/v1/dev/mailbox").status_code == 401
