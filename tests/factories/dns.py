"""A real DNS server (dnslib, UDP, in a thread) on a free local port, answering from a zone
the test controls: the internet's DNS is never asked."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dnslib import AAAA, CNAME, MX, PTR, QTYPE, RCODE, RR, TXT, A
from dnslib.server import BaseResolver, DNSLogger, DNSServer


class Zone(BaseResolver):  # type: ignore[misc]
    """name -> {"MX": [host, ...], "A": [ip, ...], "AAAA": [...], "TXT": [text, ...],
    "CNAME": [target], "PTR": [name]}; unknown names: NXDOMAIN."""

    def __init__(self) -> None:
        self.records: dict[str, dict[str, list[str]]] = {}
        self.questions = 0

    def resolve(self, request: Any, handler: Any) -> Any:
        self.questions += 1
        reply = request.reply()
        name = str(request.q.qname).rstrip(".").lower()
        kind = QTYPE[request.q.qtype]
        known = self.records.get(name)
        if known is None:
            reply.header.rcode = RCODE.NXDOMAIN
            return reply
        for value in known.get(kind, []):
            if kind == "MX":
                reply.add_answer(RR(name, QTYPE.MX, rdata=MX(value), ttl=60))
            elif kind == "A":
                reply.add_answer(RR(name, QTYPE.A, rdata=A(value), ttl=60))
            elif kind == "AAAA":
                reply.add_answer(RR(name, QTYPE.AAAA, rdata=AAAA(value), ttl=60))
            elif kind == "TXT":  # strings of at most 255 bytes, as a long DKIM key comes
                parts = [value[i : i + 255] for i in range(0, len(value), 255)] or [""]
                reply.add_answer(RR(name, QTYPE.TXT, rdata=TXT(parts), ttl=60))
            elif kind == "CNAME":
                reply.add_answer(RR(name, QTYPE.CNAME, rdata=CNAME(value), ttl=60))
            elif kind == "PTR":
                reply.add_answer(RR(name, QTYPE.PTR, rdata=PTR(value), ttl=60))
        return reply


class DnsServer:
    def __init__(self) -> None:
        self.zone = Zone()
        quiet = DNSLogger(log="-request,-reply,-truncated,-error,-recv,-send,-data")
        self.server = DNSServer(self.zone, address="127.0.0.1", port=0, logger=quiet)
        self.port = self.server.server.server_address[1]

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def mail_domains(self, domains: Iterable[str]) -> None:
        """These domains receive mail (an MX record each)."""
        for domain in domains:
            self.zone.records[domain.lower()] = {"MX": [f"mx.{domain.lower()}"]}

    def address_only(self, domain: str) -> None:
        """No MX, but an A record: mail goes to the host itself."""
        self.zone.records[domain.lower()] = {"A": ["192.0.2.10"]}

    def no_mail(self, domain: str) -> None:
        """The name exists, with neither MX nor A."""
        self.zone.records[domain.lower()] = {}

    def publish(self, kind: str, name: str, *values: str) -> None:
        """Set the records of one type at a name (no values: remove them)."""
        self.zone.records.setdefault(name.lower(), {})[kind] = list(values)

    def start(self) -> None:
        self.server.start_thread()

    def stop(self) -> None:
        self.server.stop()


class SilentServer:
    """A UDP port that never answers: a resolver that is down."""

    def __init__(self) -> None:
        import socket

        self.socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.socket.close()
