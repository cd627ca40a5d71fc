"""Phone numbers: stored as E.164 for matching, shown as the user typed them."""

from __future__ import annotations

import re
from functools import cache

import phonenumbers
from phonenumbers import PhoneMetadata

# "+48 601-234-567", "+48.601.234.567": a plus, digits and separators only.
_PLAIN_INTERNATIONAL = re.compile(r"\+\d[\d \-.]{4,28}\d")
_NOT_DIGIT = re.compile(r"\D")


def e164(typed: str) -> str | None:
    """ "+48 601-234-567" -> "+48601234567"; None when it is not a possible number."""
    return _fast_e164(typed) or _parsed_e164(typed)


def _parsed_e164(typed: str) -> str | None:
    try:
        number = phonenumbers.parse(typed, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@cache
def _plain_lengths(country_code: int) -> frozenset[int] | None:
    """The possible national lengths of a calling code whose numbers phonenumbers takes as
    they are (no national-prefix rewriting); None for the others."""
    region = phonenumbers.region_code_for_country_code(country_code)
    if region == "ZZ":
        return None
    meta = PhoneMetadata.metadata_for_region_or_calling_code(country_code, region)
    if meta is None or meta.general_desc is None:
        return None
    if meta.national_prefix_for_parsing not in (None, meta.national_prefix):
        return None
    return frozenset(meta.general_desc.possible_length or ())


def _fast_e164(typed: str) -> str | None:
    """The common, plain case without phonenumbers' full parse (about 40 µs a number, the
    slowest part of a big import); anything else returns None and is parsed."""
    if not _PLAIN_INTERNATIONAL.fullmatch(typed):
        return None
    digits = _NOT_DIGIT.sub("", typed)
    for size in (1, 2, 3):
        lengths = _plain_lengths(int(digits[:size]))
        if lengths is None:
            continue
        national = digits[size:]
        # A leading national prefix (0, or 1 in North America) or 8 (used as one in some
        # countries) may be rewritten by the full parse: leave those to it.
        if national[:1] in ("0", "1", "8") or len(national) not in lengths:
            return None
        return f"+{digits}"
    return None
