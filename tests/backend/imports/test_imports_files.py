"""Files as other tools and spreadsheets save them: encodings, delimiters, line endings,
quoting, header detection, TXT lists, suggested mappings, and bad files refused with a
clear error on `file` and nothing kept."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select

from factories.accounts import ApiClient
from factories.imports import draft, upload

PEOPLE = [("zofia@imp-files.pl", "Zofia", "Łękowska"), ("jurek@imp-files.pl", "Jerzy", "Żółć")]


def _csv(delimiter: str = ",", newline: str = "\n", rows=PEOPLE) -> str:  # type: ignore[no-untyped-def]
    lines = [delimiter.join(("Email", "First Name", "Last Name"))]
    lines += [delimiter.join(row) for row in rows]
    return newline.join(lines) + newline


@pytest.mark.parametrize(
    ("codec", "names", "expected"),
    [
        ("utf-8", ("utf-8",), PEOPLE),
        ("utf-8-sig", ("utf-8",), PEOPLE),
        ("utf-16", ("utf-16-le", "utf-16-be"), PEOPLE),  # Python writes the BOM
        ("utf-16-be-bom", ("utf-16-be",), PEOPLE),
        ("cp1250", ("windows-1250", "iso-8859-2"), PEOPLE),
        ("iso8859_2", ("iso-8859-2", "windows-1250"), PEOPLE),
        (
            "cp1252",
            ("windows-1252", "windows-1250"),
            [("zoe@imp-files.fr", "Zoë", "Müller-Façade")] * 2,
        ),
        ("mac_roman", ("mac-roman",), [("zoe@imp-files.fr", "Zoë", "Müller-Façade")] * 2),
    ],
)
def test_encodings_are_detected_and_read(
    owner: ApiClient, codec: str, names: tuple[str, ...], expected
) -> None:  # type: ignore[no-untyped-def]
    text = _csv(rows=expected) + "".join(  # enough text for the detector to be sure
        f"{e.replace('@', f'{i}@')},{f} {i},{last}\n"
        for i, (e, f, last) in enumerate(expected * 20)
    )
    if codec == "utf-16-be-bom":
        content = b"\xfe\xff" + text.encode("utf-16-be")
    else:
        content = text.encode(codec)
    record = draft(owner, content)
    # Where two encodings read these bytes as the same letters, either is right.
    assert record["detected"]["encoding"] in names, record["detected"]
    assert record["columns"] == ["Email", "First Name", "Last Name"]
    assert record["preview"][:2] == [list(row) for row in expected][:2]
    assert record["detected"]["header"] is True


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_delimiters_and_line_endings(owner: ApiClient, delimiter: str, newline: str) -> None:
    record = draft(owner, _csv(delimiter, newline).encode())
    assert record["detected"] == {"encoding": "utf-8", "delimiter": delimiter, "header": True}
    assert record["preview"] == [list(row) for row in PEOPLE]


def test_quoted_fields_keep_delimiters_quotes_and_newlines(owner: ApiClient) -> None:
    content = (
        b'Email;Company;Notes\r\n"ann@imp-files.pl";"Kowalski; Syn";"He said ""hi""\r\n'
        b'and left"\r\nbob@imp-files.pl;Plain;x\r\n'
    )
    record = draft(owner, content)
    assert record["detected"]["delimiter"] == ";"
    assert record["preview"] == [
        ["ann@imp-files.pl", "Kowalski; Syn", 'He said "hi"\r\nand left'],
        ["bob@imp-files.pl", "Plain", "x"],
    ]


def test_a_txt_file_with_one_address_per_line(owner: ApiClient) -> None:
    record = draft(owner, b"ann@imp-files.pl\nbob@imp-files.pl\r\ncy@imp-files.pl\n", "list.txt")
    assert record["detected"]["header"] is False
    assert record["columns"] == ["Column 1"]
    assert record["preview"] == [["ann@imp-files.pl"], ["bob@imp-files.pl"], ["cy@imp-files.pl"]]
    assert record["suggested_mapping"] == {"Column 1": "email"}


def test_headers_of_common_tools_are_mapped(owner: ApiClient) -> None:
    headers = [
        "Email Address",
        "Given Name",
        "Nazwisko",
        "Phone Number",
        "Company Name",
        "Tags",
        "Favourite colour",
    ]
    content = ",".join(headers) + "\nann@imp-files.pl,Ann,Nowak,+48 600 100 200,Acme,a,red\n"
    record = draft(owner, content.encode())
    assert record["suggested_mapping"] == {
        "Email Address": "email",
        "Given Name": "first_name",
        "Nazwisko": "last_name",
        "Phone Number": "phone",
        "Company Name": "company",
        "Tags": "tags",
        "Favourite colour": "skip",
    }
    for header, target in [("E-mail", "email"), ("Imię", "first_name"), ("Email", "email")]:
        found = draft(owner, f"{header},Other\nann@imp-files.pl,1\n".encode())
        assert found["suggested_mapping"][header] == target, header


def test_the_preview_shows_twenty_rows_and_the_layout_can_be_changed(owner: ApiClient) -> None:
    rows = [(f"p{i}@imp-files.pl", f"N{i}", "L") for i in range(30)]
    record = draft(owner, _csv(";", rows=rows).encode())
    assert len(record["preview"]) == 20 and record["total_rows"] is None
    # Read as if it had no header: the header line becomes the first row.
    changed = owner.ok(owner.patch(f"imports/{record['id']}", {"header": False}))
    assert changed["columns"] == ["Column 1", "Column 2", "Column 3"]
    assert changed["preview"][0] == ["Email", "First Name", "Last Name"]
    wrong = owner.patch(f"imports/{record['id']}", {"delimiter": ":"})
    assert wrong.status_code == 422 and "delimiter" in wrong.get_json()["errors"]


def _big_field() -> bytes:
    return b"Email,Notes\nann@imp-files.pl," + b"x" * 1_048_576 + b"\n"


def _wide() -> bytes:
    return (",".join(f"c{i}" for i in range(10_000)) + "\n" + "a," * 9_999 + "a\n").encode()


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 200


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        (b"", "empty"),
        (b"   \r\n\r\n", "empty"),
        (_png(), ".png file"),
        (b"PK\x03\x04" + b"\x00" * 100, "Save As"),
        (b"abc\x00\x01\x02def" * 50, "binary"),
        (b"Email,First Name\n", "no contacts"),
        (_wide(), "10,000 columns"),
        (_big_field(), "longer than"),
    ],
    ids=["empty", "blank", "png", "xlsx", "binary", "header-only", "10k-columns", "1mb-field"],
)
def test_bad_files_are_refused_and_nothing_is_kept(
    owner: ApiClient, settings, content: bytes, phrase: str
) -> None:
    from cardfile.db.scope import workspace_session
    from cardfile.modules.imports.models import Import

    before = _files(settings)
    response = upload(owner, content, "bad.csv")
    assert response.status_code == 422, response.get_json()
    error = response.get_json()["errors"]["file"][0]
    assert phrase in error, error
    with workspace_session(owner.workspace_id) as session:
        kept = session.scalar(
            select(func.count()).select_from(Import).where(Import.filename == "bad.csv")
        )
    assert kept == 0 and _files(settings) == before


def _files(settings) -> set[str]:  # type: ignore[no-untyped-def]
    root = settings.imports_root
    return {str(p) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def test_a_file_over_the_limit_is_refused_while_it_streams(owner: ApiClient, settings) -> None:
    from cardfile import config

    before = config.current()
    config.configure(dataclasses.replace(before, imports_max_bytes=10_000))
    try:
        files = _files(settings)
        response = upload(owner, _csv().encode() * 400)
    finally:
        config.configure(before)
    assert response.status_code in (413, 422)
    if response.status_code == 422:
        assert "larger than" in response.get_json()["errors"]["file"][0]
    assert _files(settings) == files


def test_the_original_is_stored_byte_for_byte(owner: ApiClient, settings) -> None:
    rows = "".join(f"p{i}@imp-files.pl,Name {i},Ż\r\n" for i in range(150_000))
    content = ("Email,First Name,Last Name\r\n" + rows).encode("cp1250")
    record = draft(owner, content, "big.csv")
    assert record["size"] == len(content)
    stored = settings.imports_root / str(owner.workspace_id)
    originals = [p for p in stored.rglob("original") if p.stat().st_size == len(content)]
    assert any(p.read_bytes() == content for p in originals)


def test_a_wrong_encoding_choice_is_refused_on_encoding(owner: ApiClient) -> None:
    record = draft(owner, _csv().encode("cp1250"))
    response = owner.patch(f"imports/{record['id']}", {"encoding": "utf-8"})
    assert response.status_code == 422
    assert "not utf-8" in response.get_json()["errors"]["encoding"][0]
    unchanged = owner.ok(owner.get(f"imports/{record['id']}"))
    assert unchanged["encoding"] == record["encoding"]


def test_purchased_and_rented_lists_are_refused_with_the_reason(owner: ApiClient) -> None:
    record = draft(owner, _csv().encode())
    for source in ("purchased_list", "rented_list"):
        body = {"questionnaire": {"source": source, "consent_collected": "They bought it"}}
        response = owner.patch(f"imports/{record['id']}", body)
        assert response.status_code == 422
        assert "never agreed" in response.get_json()["errors"]["questionnaire.source"][0]
    not_started = owner.post(f"imports/{record['id']}/start")
    assert not_started.status_code == 422
    assert "questionnaire" in not_started.get_json()["errors"]
    body = {"questionnaire": {"source": "event", "consent_collected": "Badge scan, Nov 2026"}}
    stored = owner.ok(owner.patch(f"imports/{record['id']}", body))
    assert stored["questionnaire"] == body["questionnaire"]
