"""Files that look fine at first and are not, choices fixed after a failure, and values that
must never be mixed up: a broken quote or a NUL deep in the file, formulas in the header,
tags spelled twice, blank lines before the header, a number and how it was typed."""

from __future__ import annotations

import csv
import io

from factories.accounts import ApiClient
from factories.contacts import make_contact, make_field
from factories.imports import QUESTIONNAIRE, draft, run_import

FILLER = "".join(f"ok{i}@imp-edge.pl,Name {i}\n" for i in range(15_000))  # > the sample


def _start(owner: ApiClient, content: bytes, **choices) -> dict:  # type: ignore[no-untyped-def]
    record = draft(owner, content)
    owner.ok(owner.patch(f"imports/{record['id']}", {"questionnaire": QUESTIONNAIRE, **choices}))
    owner.ok(owner.post(f"imports/{record['id']}/start"), 202)
    return record


def _total(owner: ApiClient, q: str) -> int:
    return owner.ok(owner.get("contacts", query_string={"q": q}))["total"]


def test_a_quote_never_closed_fails_naming_its_row_and_imports_nothing(
    app, owner: ApiClient, dns, run_jobs
) -> None:
    dns.mail_domains(["imp-edge.pl"])
    content = "Email,Name\n" + FILLER + 'bad@imp-edge.pl,"Smith, John\nlast@imp-edge.pl,Bob\n'
    record = _start(owner, content.encode())
    run_jobs()
    failed = owner.ok(owner.get(f"imports/{record['id']}"))
    assert failed["status"] == "failed"
    assert "Row 15,002" in failed["error"] and "quote" in failed["error"], failed["error"]
    assert _total(owner, "imp-edge") == 0


def test_a_nul_deep_in_the_file_fails_and_imports_nothing(
    app, owner: ApiClient, dns, run_jobs
) -> None:
    dns.mail_domains(["imp-edge.pl"])
    content = ("Email,Name\n" + FILLER).encode() + b"nul@imp-edge.pl,Zo\x00e\n"
    record = _start(owner, content)
    run_jobs()
    failed = owner.ok(owner.get(f"imports/{record['id']}"))
    assert failed["status"] == "failed" and "NUL" in failed["error"]
    assert "Line 15,002" in failed["error"]
    assert _total(owner, "imp-edge") == 0


def test_a_failed_import_can_be_read_again_with_another_encoding(
    app, owner: ApiClient, dns, run_jobs
) -> None:
    """The first 256 KB are plain ASCII, so UTF-8 is detected; a Polish name further down
    in Windows-1250 fails the job. The encoding is changed and the import started again."""
    dns.mail_domains(["imp-edge.pl"])
    content = ("Email,Name\n" + FILLER + "zofia@imp-edge.pl,Zażółć\n").encode("cp1250")
    record = _start(owner, content, mapping={"Email": "email", "Name": "first_name"})
    assert record["detected"]["encoding"] == "utf-8"
    run_jobs()
    assert owner.ok(owner.get(f"imports/{record['id']}"))["status"] == "failed"
    owner.ok(owner.patch(f"imports/{record['id']}", {"encoding": "windows-1250"}))
    owner.ok(owner.post(f"imports/{record['id']}/start"), 202)
    run_jobs()
    assert owner.ok(owner.get(f"imports/{record['id']}"))["status"] == "finished"
    page = owner.ok(owner.get("contacts", query_string={"q": "zofia@imp-edge.pl"}))
    assert page["items"][0]["first_name"] == "Zażółć"


def test_the_rejected_rows_csv_is_formula_safe_header_included(
    app, owner: ApiClient, dns, run_jobs
) -> None:
    header = "=SUM(A1:A9)"
    content = f'Email,{header}\n"=1+2",x\n'
    report = run_import(owner, run_jobs, content.encode())
    text = owner.get(f"imports/{report['id']}/rejected.csv").get_data(as_text=True)
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert table[0][2] == "'" + header
    assert table[1][1] == "'=1+2"


def test_tags_spelled_twice_or_with_spaces_are_one_tag(
    app, owner: ApiClient, dns, run_jobs
) -> None:
    dns.mail_domains(["imp-edge.pl"])
    content = 'Email,Tags\ntag@imp-edge.pl,"vip ;  VIP,Nowy "\n'
    report = run_import(owner, run_jobs, content.encode(), options={"tags": [" VIP", "   "]})
    assert report["counts"]["created"] == 1
    contact = owner.ok(owner.get("contacts", query_string={"q": "tag@imp-edge.pl"}))["items"][0]
    assert sorted(t.lower() for t in contact["tags"]) == ["nowy", "vip"]


def test_a_partial_options_patch_keeps_the_other_options(owner: ApiClient) -> None:
    record = draft(owner, b"Email\na@imp-edge.pl\n")
    owner.ok(owner.patch(f"imports/{record['id']}", {"options": {"existing": "overwrite"}}))
    after = owner.ok(owner.patch(f"imports/{record['id']}", {"options": {"tags": ["x"]}}))
    assert after["options"]["existing"] == "overwrite" and after["options"]["tags"] == ["x"]
    named = owner.ok(owner.patch(f"imports/{record['id']}", {"delimiter": "semicolon"}))
    assert named["delimiter"] == ";"


def test_blank_lines_before_the_header_and_first_rows_that_look_like_headers(
    app, owner: ApiClient, dns, run_jobs
) -> None:
    dns.mail_domains(["imp-edge.pl"])
    report = run_import(owner, run_jobs, b"\n\nEmail,Name\nblank@imp-edge.pl,B\n")
    assert report["rows"] == 1 and report["counts"]["created"] == 1
    assert report["counts"]["rejected"] == {}  # the header was not read as a contact
    headerless = draft(owner, b"firma@imp-edge.pl,Firma\nbis@imp-edge.pl,Mobile\n")
    assert headerless["detected"]["header"] is False and len(headerless["preview"]) == 2
    txt = draft(owner, b"BMorris@imp-edge.pl\nMZ@imp-edge.pl\n", "list.txt")  # not a .bmp
    assert txt["preview"][0] == ["BMorris@imp-edge.pl"]


def test_existing_values_merge_and_a_number_keeps_how_it_was_typed(
    app, owner: ApiClient, dns, run_jobs
) -> None:
    dns.mail_domains(["imp-edge.pl"])
    make_field(owner, "plan", "text")
    make_field(owner, "city", "text")
    kept = make_contact(
        owner,
        email="merge@imp-edge.pl",
        first_name="Ola",
        phone="+48 601 234 567",
        custom={"plan": "Basic", "city": "Łódź"},
    )
    content = "Email,Phone,Plan\nmerge@imp-edge.pl,+48 700 100 200,Pro\n"
    run_import(owner, run_jobs, content.encode(), options={"existing": "fill_empty"},
               mapping={"Email": "email", "Phone": "phone", "Plan": "custom:plan"})  # fmt: skip
    filled = owner.ok(owner.get(f"contacts/{kept['id']}"))
    assert (filled["phone"], filled["phone_display"]) == ("+48601234567", "+48 601 234 567")
    assert filled["custom"] == {"plan": "Basic", "city": "Łódź"}
    run_import(owner, run_jobs, content.encode(), options={"existing": "overwrite"},
               mapping={"Email": "email", "Phone": "phone", "Plan": "custom:plan"})  # fmt: skip
    over = owner.ok(owner.get(f"contacts/{kept['id']}"))
    assert (over["phone"], over["phone_display"]) == ("+48700100200", "+48 700 100 200")
    assert over["custom"] == {"plan": "Pro", "city": "Łódź"}  # what the row lacks stays
    assert over["first_name"] == "Ola"


def test_dates_day_first_and_us_exports_and_ambiguous_ones() -> None:
    import pytest

    from cardfile.modules.imports.pipeline import _iso_date

    assert _iso_date("31.12.2026") == "2026-12-31"
    assert _iso_date("31/12/2026") == "2026-12-31"
    assert _iso_date("12/31/2026") == "2026-12-31"  # a US export
    assert _iso_date("05/05/2026") == "2026-05-05"
    with pytest.raises(ValueError, match="day first or month first"):
        _iso_date("03/04/2026")


def test_typos_of_big_providers_but_not_their_real_neighbours() -> None:
    from cardfile.modules.hygiene.checks import static_verdict

    assert static_verdict("ann@gmial.com").suggestion == "ann@gmail.com"
    assert static_verdict("ann@wp.lp").suggestion == "ann@wp.pl"
    for real in ("ymail.com", "mail.com", "email.com", "cloud.com"):
        assert static_verdict(f"ann@{real}").flagged is None, real
