"""Phone numbers: stored as E.164 for matching, shown as the user typed them."""

from __future__ import annotations

import phonenumbers


def e164(typed: str) -> str | None:
    """ "+48 601-234-567" -> "+48601234567"; None when it is not a possible number."""
    try:
        number = phonenumbers.parse(typed, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
