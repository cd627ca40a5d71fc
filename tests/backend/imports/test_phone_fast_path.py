"""The plain-number fast path of e164 gives exactly what phonenumbers' full parse gives."""

from __future__ import annotations

import random

import phonenumbers

from cardfile.modules.contacts.phones import _fast_e164, _parsed_e164, e164


def test_the_fast_path_agrees_with_the_full_parse() -> None:
    rng = random.Random(5)
    codes = sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)
    taken = 0
    for _ in range(30_000):
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(4, 13)))
        sep = rng.choice(["", " ", "-", "."])
        typed = f"+{rng.choice(codes)}{sep}{digits[:3]}{sep}{digits[3:]}"
        if (fast := _fast_e164(typed)) is not None:
            taken += 1
            assert fast == _parsed_e164(typed), typed
    assert taken > 3_000  # the fast path is really taken


def test_what_the_fast_path_leaves_to_the_full_parse() -> None:
    assert e164("+48 601-234-567") == "+48601234567"
    assert e164("+1 (415) 555-2671") == "+14155552671"  # parentheses: parsed
    assert e164("+44 020 7946 0958") == _parsed_e164("+44 020 7946 0958")  # national 0
    assert e164("601 234 567") is None  # no country code: kept as typed by the caller
    assert e164("+48 12") is None
