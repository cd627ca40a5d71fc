"""Campaign mail leaves only from a verified sending domain, DKIM-signed with the domain's key
(the signature verifies against the key published in DNS, asked of the test's DNS server),
with a return path of its own (VERP) on the domain's bounce host: a bounce that quotes
nothing of the message is still matched through the address it came back to."""

from __future__ import annotations

import hashlib
import smtplib
import socket
from pathlib import Path
from typing import Any

import dkim
import pytest

from factories.accounts import ApiClient
from factories.campaigns import make_campaign, make_template, sent_campaign
from factories.dns import DnsServer
from factories.smtp import SmtpSink

FIXTURES = Path(__file__).parent / "fixtures"


def test_openssl_signs_exactly_as_dkimpy_would() -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    from cardfile.mail import signing

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    parsed = dkim.crypto.parse_pem_private_key(pem)
    digest = hashlib.sha256(b"Cze\xc5\x9b\xc4\x87, \xd0\xbc\xd0\xb8\xd1\x80")
    assert signing._openssl_sign(digest.copy(), parsed) == signing._pure_python_sign(
        digest.copy(), parsed
    )


def _published_key(dns: DnsServer, workspace_id: int, domain: str) -> None:
    """Publish the domain's DKIM record, as its owner would."""
    from cardfile.db.scope import workspace_session
    from cardfile.modules.deliverability import records
    from cardfile.modules.deliverability.models import SendingDomain

    with workspace_session(workspace_id) as session:
        row = session.query(SendingDomain).filter_by(domain=domain).one()
        dns.publish(
            "TXT",
            f"{row.dkim_selector}._domainkey.{domain}",
            records.dkim_value(row.dkim_public_key),
        )


def _ask_dns(name: bytes, timeout: int = 5) -> bytes:
    from cardfile.modules.deliverability.checks import Lookup

    return "".join(Lookup().txt(name.decode().rstrip(".")) or []).encode()


def test_campaign_mail_is_signed_and_returns_to_its_own_address(
    owner: ApiClient, run_jobs: Any, smtp: SmtpSink, dns: DnsServer
) -> None:
    from cardfile.modules.deliverability import verp

    before = len(smtp.envelopes)
    _, people, campaign = sent_campaign(owner, run_jobs, n=2)
    _published_key(dns, owner.workspace_id, "agency.example")
    mine = [e for e in smtp.envelopes[before:] if e.rcpt_tos[0] in {p["email"] for p in people}]
    assert len(mine) == 2
    for envelope in mine:
        assert envelope.raw.startswith(b"DKIM-Signature: v=1; a=rsa-sha256;")
        assert b"d=agency.example" in envelope.raw.split(b"\r\n\r\n", 1)[0]
        assert dkim.verify(envelope.raw, dnsfunc=_ask_dns)
        local, _, host = envelope.mail_from.partition("@")
        assert host == "bounce.agency.example" and local.startswith(f"b-{owner.workspace_id}-")
        assert verp.parse(envelope.mail_from) is not None
    # Changed in transit, the signature no longer verifies.
    tampered = mine[0].raw.replace(b"Subject: ", b"Subject: FREE ", 1)
    assert not dkim.verify(tampered, dnsfunc=_ask_dns)
    # A forged return path (another message's number, the same MAC) names nothing.
    workspace_id, message_id = verp.parse(mine[0].mail_from)  # type: ignore[misc]
    forged = mine[0].mail_from.replace(f"-{message_id}-", f"-{message_id + 1}-")
    assert verp.parse(forged) is None
    assert campaign["id"]


def _listener() -> tuple[Any, int]:
    from cardfile.modules.deliverability.listener import controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    running = controller("127.0.0.1", port)
    running.start()
    return running, port


def test_a_bounce_quoting_nothing_is_matched_by_its_return_path(
    owner: ApiClient, run_jobs: Any, smtp: SmtpSink
) -> None:
    before = len(smtp.envelopes)
    _, [ann], campaign = sent_campaign(owner, run_jobs, n=1)
    [envelope] = [e for e in smtp.envelopes[before:] if e.rcpt_tos == [ann["email"]]]
    # A terse DSN, as some servers send: no copy of the message, no Message-ID.
    text = (FIXTURES / "gmail_hard.eml").read_text()
    bare = text.split("--000000000000a1b2c3\nContent-Type: message/rfc822")[0]
    bare = "".join(line for line in bare.splitlines(True) if "{message_id}" not in line)
    raw = (bare + "--000000000000a1b2c3--\n").replace("{recipient}", ann["email"])
    assert "{message_id}" not in raw
    running, port = _listener()
    try:
        with smtplib.SMTP("127.0.0.1", port) as server:
            server.sendmail("", [envelope.mail_from], raw.replace("\n", "\r\n").encode())
    finally:
        running.stop()
    assert owner.ok(owner.get(f"contacts/{ann['id']}"))["email_status"] == "invalid"
    [bounce] = owner.ok(owner.get("bounces"))["items"]
    assert (bounce["kind"], bounce["status"], bounce["email"]) == ("hard", "5.1.1", ann["email"])
    assert bounce["campaign_id"] == campaign["id"] and bounce["domain"] == "agency.example"
    assert bounce["source"] == "smtp"


def test_sending_needs_a_verified_domain(owner: ApiClient) -> None:
    template = make_template(owner)
    campaign = make_campaign(
        owner,
        verified=False,
        from_email="hello@not-verified.example",
        template_id=template["id"],
        list_ids=[owner.ok(owner.post("lists", {"name": "Weekly"}), 201)["id"]],
    )
    tries = [
        (f"campaigns/{campaign['id']}/send", {}),
        (f"campaigns/{campaign['id']}/test", {"emails": ["me@x.example"]}),
    ]
    for path, body in tries:
        refused = owner.post(path, body)
        assert refused.status_code == 422, path
        assert "not-verified.example" in refused.get_json()["errors"]["from_email"][0]
    # Added but not verified is not enough either.
    owner.ok(owner.post("sending-domains", {"domain": "not-verified.example"}), 201)
    assert owner.post(f"campaigns/{campaign['id']}/send", {}).status_code == 422


@pytest.mark.parametrize("address", ["news@agency.example", "b-1-2-zzz@bounce.x.example", ""])
def test_what_is_not_a_return_path(address: str) -> None:
    from cardfile.modules.deliverability import verp

    assert verp.parse(address) is None
