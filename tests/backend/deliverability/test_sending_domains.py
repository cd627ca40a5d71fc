"""Sending domains: the exact records to publish (a 2048-bit DKIM key per domain), and a DNS
check (against a local DNS server) that says for each record what is wrong in plain words:
missing, several SPF records, too many SPF lookups, a DKIM key that does not match, DMARC
p=none, a return path pointing elsewhere."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from factories.accounts import ApiClient, member_client
from factories.dns import DnsServer


def _add(owner: ApiClient, domain: str) -> dict[str, Any]:
    return owner.ok(owner.post("sending-domains", {"domain": domain}), 201)


def _publish_all(dns: DnsServer, added: dict[str, Any], **override: str) -> None:
    for record in added["records"]:
        value = override.get(record["purpose"], record["value"])
        dns.publish(record["type"], record["name"], value)


def _states(answer: dict[str, Any]) -> dict[str, str]:
    return {c["purpose"]: c["state"] for c in answer["checks"]}


def test_records_to_publish(owner: ApiClient) -> None:
    from cryptography.hazmat.primitives.serialization import load_der_public_key

    added = _add(owner, "Mail.Sklep-Zolw.PL")
    assert added["domain"] == "mail.sklep-zolw.pl" and added["verified"] is False
    by = {r["purpose"]: r for r in added["records"]}
    assert set(by) == {"spf", "dkim", "dmarc", "return_path"}
    assert by["spf"] == {
        "type": "TXT",
        "name": "mail.sklep-zolw.pl",
        "value": "v=spf1 include:_spf.cardfile.local ~all",
        "purpose": "spf",
    }
    assert by["dkim"]["type"] == "TXT"
    assert by["dkim"]["name"].endswith("._domainkey.mail.sklep-zolw.pl")
    public = by["dkim"]["value"].split("p=", 1)[1]
    assert load_der_public_key(base64.b64decode(public)).key_size == 2048
    assert by["dmarc"]["name"] == "_dmarc.mail.sklep-zolw.pl"
    assert by["dmarc"]["value"].startswith("v=DMARC1; p=quarantine")
    assert by["return_path"] == {
        "type": "CNAME",
        "name": "bounce.mail.sklep-zolw.pl",
        "value": "bounces.cardfile.local",
        "purpose": "return_path",
    }
    other = _add(owner, "other-shop.pl")
    assert other["records"][1]["value"] != by["dkim"]["value"]  # a key per domain
    again = owner.post("sending-domains", {"domain": "mail.sklep-zolw.pl"})
    assert again.status_code == 409
    for bad in ("not a domain", "user@example.com", "https://example.com", "localhost"):
        answer = owner.post("sending-domains", {"domain": bad})
        assert answer.status_code == 422 and "domain" in answer.get_json()["errors"], bad


def test_nothing_published_yet(owner: ApiClient, dns: DnsServer) -> None:
    added = _add(owner, "nothing-yet.pl")
    answer = owner.ok(owner.post(f"sending-domains/{added['id']}/verify"))
    assert answer["verified"] is False
    assert _states(answer) == {
        "spf": "missing",
        "dkim": "missing",
        "dmarc": "missing",
        "return_path": "missing",
    }
    assert all(c["explanation"] for c in answer["checks"])
    stored = owner.ok(owner.get(f"sending-domains/{added['id']}"))
    assert stored["checked_at"] and _states(stored)["spf"] == "missing"


def test_everything_right_verifies(owner: ApiClient, dns: DnsServer) -> None:
    added = _add(owner, "all-right.pl")
    _publish_all(dns, added)
    answer = owner.ok(owner.post(f"sending-domains/{added['id']}/verify"))
    assert answer["verified"] is True and set(_states(answer).values()) == {"ok"}
    assert owner.ok(owner.get(f"sending-domains/{added['id']}"))["verified_at"]
    # DMARC p=none still verifies, with a notice.
    dns.publish("TXT", "_dmarc.all-right.pl", "v=DMARC1; p=none; rua=mailto:d@all-right.pl")
    answer = owner.ok(owner.post(f"sending-domains/{added['id']}/verify"))
    assert answer["verified"] is True and _states(answer)["dmarc"] == "warning"
    assert "p=none" in answer["checks"][2]["explanation"]


@pytest.mark.parametrize(
    ("purpose", "value", "words"),
    [
        ("spf", "v=spf1 include:_spf.google.com ~all", "does not include _spf.cardfile.local"),
        (
            "dkim",
            "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwrong",
            "not the one",
        ),
        ("return_path", "bounces.somebody-else.example", "not bounces.cardfile.local"),
    ],
)
def test_a_wrong_record_is_explained(
    owner: ApiClient, dns: DnsServer, purpose: str, value: str, words: str
) -> None:
    domain = f"wrong-{purpose.replace('_', '-')}.pl"
    added = _add(owner, domain)
    _publish_all(dns, added, **{purpose: value})
    answer = owner.ok(owner.post(f"sending-domains/{added['id']}/verify"))
    check = next(c for c in answer["checks"] if c["purpose"] == purpose)
    assert check["state"] == "wrong" and words in check["explanation"], check
    assert answer["verified"] is (purpose == "return_path")  # verified needs SPF, DKIM, DMARC


def test_two_spf_records_and_too_many_lookups(owner: ApiClient, dns: DnsServer) -> None:
    added = _add(owner, "two-spf.pl")
    _publish_all(dns, added)
    dns.publish("TXT", "two-spf.pl", added["records"][0]["value"], "v=spf1 mx -all")
    answer = owner.ok(owner.post(f"sending-domains/{added['id']}/verify"))
    assert "2 SPF records" in answer["checks"][0]["explanation"] and not answer["verified"]

    deep = _add(owner, "deep-spf.pl")
    _publish_all(dns, deep)
    for i in range(10):
        dns.publish("TXT", f"_spf{i}.vendor.example", "v=spf1 a mx -all")
    includes = " ".join(f"include:_spf{i}.vendor.example" for i in range(4))
    dns.publish("TXT", "deep-spf.pl", f"v=spf1 include:_spf.cardfile.local {includes} ~all")
    answer = owner.ok(owner.post(f"sending-domains/{deep['id']}/verify"))
    spf = answer["checks"][0]
    assert spf["state"] == "wrong" and "13 DNS lookups" in spf["explanation"], spf


def test_who_may_manage_domains(app, owner: ApiClient, stranger: ApiClient) -> None:  # type: ignore[no-untyped-def]
    added = _add(owner, "access.pl")
    member = member_client(app, owner)
    assert member.ok(member.get("sending-domains"))["total"] == 1
    assert member.post("sending-domains", {"domain": "x.pl"}).status_code == 403
    assert member.post(f"sending-domains/{added['id']}/verify").status_code == 403
    assert stranger.get(f"sending-domains/{added['id']}").status_code == 404
    assert stranger.post(f"sending-domains/{added['id']}/verify").status_code == 404
    assert owner.delete(f"sending-domains/{added['id']}").status_code == 204
    assert owner.get(f"sending-domains/{added['id']}").status_code == 404
