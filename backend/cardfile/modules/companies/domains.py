"""A company's web domain as people paste it ("https://www.Firma.pl/kontakt") reduced to the
host alone ("firma.pl"), checked to be a real hostname."""

from __future__ import annotations

import re

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_TLD = re.compile(r"^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$")
MAX_DOMAIN = 253


def normalise_domain(typed: str) -> str | None:
    """The lower-case host of `typed` without scheme, path, port or "www.", or None when it
    is not a hostname. Internationalised names stay readable ("zażółć.pl") and compare equal
    however they were typed (IDNA)."""
    host = _SCHEME.sub("", typed.strip().lower())
    host = re.split(r"[/?#]", host, maxsplit=1)[0].rpartition("@")[2]
    host = host.split(":", 1)[0].rstrip(".").removeprefix("www.")
    try:
        ascii_host = host.encode("idna").decode("ascii")
        labels = ascii_host.split(".")
        if (
            len(ascii_host) > MAX_DOMAIN
            or len(labels) < 2
            or not all(_LABEL.match(label) for label in labels)
            or not _TLD.match(labels[-1])
        ):
            return None
        return ascii_host.encode("ascii").decode("idna")
    except UnicodeError:  # a label too long, empty, or punycode that decodes to nothing
        return None
