"""Reading contact files as people save them: the encoding, delimiter and header row found
from a sample, then the whole file checked and rewritten once as UTF-8 with LF line ends
("prepared"), which the job reads batch after batch from a byte offset it can resume at.

Nothing here touches the database.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import filetype
from charset_normalizer import from_bytes

from cardfile.errors import Invalid

SAMPLE_BYTES = 256 * 1024
PREVIEW_ROWS = 20
PREVIEW_CELL = 200  # characters of a cell shown in the preview
MAX_COLUMNS = 500
MAX_FIELD = 100_000  # characters in one cell; a longer one is a broken or hostile file
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
# The names the API and the SPA use -> Python codecs. UTF-8 reads a BOM if there is one.
ENCODINGS = {
    "utf-8": "utf-8-sig",
    "utf-16-le": "utf-16-le",
    "utf-16-be": "utf-16-be",
    "windows-1250": "cp1250",
    "windows-1252": "cp1252",
    "iso-8859-2": "iso8859_2",
    "mac-roman": "mac_roman",
}
_DETECTED_NAMES = {
    "cp1250": "windows-1250",
    "cp1252": "windows-1252",
    "iso8859_2": "iso-8859-2",
    "mac_roman": "mac-roman",
}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

csv.field_size_limit(MAX_FIELD + 1)


class BadFile(Invalid):
    """The file cannot be imported as it is; the message says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__({"file": [message]}, message)


@dataclass(frozen=True)
class Layout:
    encoding: str  # a key of ENCODINGS
    delimiter: str  # a key of DELIMITERS
    header: bool


@dataclass(frozen=True)
class Sample:
    layout: Layout
    columns: list[str]  # unique names: the header's, or "Column 1", "Column 2", ...
    preview: list[list[str]]  # the first data rows as parsed, padded to the column count


def _bom(head: bytes) -> str | None:
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def detect_encoding(head: bytes) -> str:
    """A BOM, else UTF-8 if it decodes, else the single-byte encoding that reads the most
    non-ASCII bytes as letters (Ł, ę, ü rather than ³, ¯, control codes); charset-normalizer
    settles a tie (Polish reads as letters in both Windows-1250 and ISO-8859-2)."""
    if found := _bom(head):
        return found
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        if error.start >= len(head) - 3 and len(head) == SAMPLE_BYTES:
            return "utf-8"  # only a character cut at the end of the sample
    scores: dict[str, int] = {}
    for codec, name in _DETECTED_NAMES.items():
        try:
            scores[name] = _letter_score(head.decode(codec))
        except UnicodeDecodeError:
            continue  # a byte this encoding does not define
    if not scores:
        return "windows-1250"  # no candidate reads it: the user picks one in the preview
    best = max(scores.values())
    tied = [name for name, score in scores.items() if score == best]
    if len(tied) > 1:
        codecs_tied = [ENCODINGS[name] for name in tied]
        match = from_bytes(head, cp_isolation=codecs_tied).best()
        if match is not None and match.encoding in codecs_tied:
            return _DETECTED_NAMES[match.encoding]
    return tied[0]


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _letter_score(text: str) -> int:
    return sum(1 if c.isalpha() else -3 for c in _NON_ASCII.findall(text))


# Signatures of two or three printable bytes ("BM" a bitmap, "MZ" a program, "ID3" an MP3)
# also begin text lists: those kinds are left to the text checks.
_WEAK_SIGNATURES = {"bmp", "exe", "mp3"}


def _refuse_binary(head: bytes, filename: str) -> None:
    kind = filetype.guess(head)
    if kind is not None and kind.extension not in _WEAK_SIGNATURES:
        hint = (
            " In Excel, choose File › Save As › “CSV UTF-8” and upload that file."
            if kind.extension in ("xlsx", "xls", "zip", "ods")
            else ""
        )
        raise BadFile(f"“{filename}” is a .{kind.extension} file, not a CSV or TXT file.{hint}")
    if _bom(head) is None and b"\x00" in head:
        raise BadFile(f"“{filename}” is not a text file (it holds binary data).")


def _decode_sample(head: bytes, encoding: str) -> str:
    try:
        text = head.decode(ENCODINGS[encoding])
    except UnicodeDecodeError as error:
        if len(head) < SAMPLE_BYTES or error.start < len(head) - 4:  # not a cut character
            line = head[: error.start].count(b"\n") + 1
            raise BadFile(
                f"Line {line:,} holds bytes that are not {encoding}: choose the encoding the "
                "file was saved in."
            ) from error
        text = head.decode(ENCODINGS[encoding], errors="replace")
    if len(head) == SAMPLE_BYTES:  # drop the last, possibly cut, line
        text = text[: max(text.rfind("\n"), text.rfind("\r"), 0)]
    return text.lstrip("\ufeff")


def _rows(text: str, delimiter: str, limit: int = 200) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        for row in reader:
            if row:
                rows.append(row)
            if len(rows) >= limit:
                break
    except csv.Error:
        pass  # the sample's last record may be cut inside quotes
    return rows


def detect_delimiter(text: str) -> str:
    """The candidate that splits the most rows into the same number of columns (> 1)."""
    best, best_score = ",", 0.0
    for delimiter in DELIMITERS:
        rows = _rows(text, delimiter, 50)
        if not rows:
            continue
        width, count = Counter(len(r) for r in rows).most_common(1)[0]
        if width < 2:
            continue
        score = count / len(rows) * (1 + min(width, 50) / 100)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def detect_header(rows: list[list[str]]) -> bool:
    from cardfile.modules.imports.mapping import known_header

    if not rows:
        return False
    first = rows[0]
    if any("@" in cell for cell in first):
        return False  # an address: a contact, whatever other cells say ("Firma", "Mobile")
    if any(known_header(cell) for cell in first):
        return True
    return any("@" in cell for row in rows[1:] for cell in row) or len(rows) == 1


def column_names(first: list[str], width: int, header: bool) -> list[str]:
    names: list[str] = []
    for i in range(width):
        name = (first[i].strip() if header and i < len(first) else "") or f"Column {i + 1}"
        name, n = name[:100], 2
        while name in names:  # two "Email" columns: "Email" and "Email (2)"
            name, n = f"{name.rpartition(' (')[0] or name} ({n})", n + 1
        names.append(name)
    return names


def sample(path: Path, filename: str, layout: Layout | None = None) -> Sample:
    """What the preview shows; `layout` overrides what is detected (the user's choices)."""
    with path.open("rb") as file:
        head = file.read(SAMPLE_BYTES)
    if not head.strip():
        raise BadFile("The file is empty.")
    _refuse_binary(head, filename)
    encoding = layout.encoding if layout else detect_encoding(head)
    text = _decode_sample(head, encoding)
    delimiter = layout.delimiter if layout else detect_delimiter(text)
    rows = _rows(text, delimiter)
    if not rows:
        raise BadFile("The file has no rows.")
    header = layout.header if layout else detect_header(rows)
    width = max(len(r) for r in rows)
    if width > MAX_COLUMNS:
        raise BadFile(f"The file has {width:,} columns; an import takes at most {MAX_COLUMNS}.")
    data = rows[1:] if header else rows
    if not data and len(head) == SAMPLE_BYTES:
        raise BadFile(
            f"The first {SAMPLE_BYTES // 1024} KB of the file hold no complete row: a value "
            "is longer than that (this is not a contact list) or a quote is never closed."
        )
    if not data:
        raise BadFile("The file has a header row but no contacts under it.")
    preview = [
        [c[:PREVIEW_CELL] for c in row] + [""] * (width - len(row)) for row in data[:PREVIEW_ROWS]
    ]
    return Sample(
        Layout(encoding, delimiter, header), column_names(rows[0], width, header), preview
    )


# The whole file --------------------------------------------------------------------------


@dataclass(frozen=True)
class Prepared:
    data_rows: int  # non-blank records after the header


def _lf_chunks(path: Path, encoding: str) -> Iterator[str]:
    """The file decoded strictly, in chunks, with CRLF and lone CR turned into LF."""
    decoder = codecs.getincrementaldecoder(ENCODINGS[encoding])(errors="strict")
    held_cr, consumed = False, 0
    with path.open("rb") as file:
        while block := file.read(1 << 20):
            try:
                text = decoder.decode(block)
            except UnicodeDecodeError as error:
                raise BadFile(
                    f"The file is not valid {encoding} (at byte {consumed + error.start:,}). "
                    "Choose the encoding it was saved in."
                ) from error
            consumed += len(block)
            if held_cr:
                text = "\r" + text
            held_cr = text.endswith("\r")
            if held_cr:
                text = text[:-1]
            yield text.replace("\r\n", "\n").replace("\r", "\n")
        try:
            tail = decoder.decode(b"", final=True)
        except UnicodeDecodeError as error:
            raise BadFile(f"The file is not valid {encoding}: it ends mid-character.") from error
        yield (("\r" if held_cr else "") + tail).replace("\r\n", "\n").replace("\r", "\n")


def prepare(source: Path, target: Path, layout: Layout) -> Prepared:
    """Check every record and write the file as UTF-8 with LF ends to `target` (replacing
    any half-written one). Raises BadFile, having changed nothing else."""
    partial = target.with_suffix(".partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as out:
            first, lines = True, 0
            for chunk in _lf_chunks(source, layout.encoding):
                if first:
                    chunk, first = chunk.lstrip("\ufeff"), False
                if (nul := chunk.find("\x00")) >= 0:  # PostgreSQL text cannot hold one
                    line = lines + chunk.count("\n", 0, nul) + 1
                    raise BadFile(
                        f"Line {line:,} holds a NUL character: the file is damaged or not a "
                        "contact list. Save it again as CSV and upload that."
                    )
                lines += chunk.count("\n")
                out.write(chunk)
        rows = _count_rows(partial, layout)
    except BadFile:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, target)
    return rows


def _count_rows(path: Path, layout: Layout) -> Prepared:
    count = 0
    for number, row in records(path, layout.delimiter, 0, 0, layout.header):
        if len(row.cells) > MAX_COLUMNS:
            raise BadFile(
                f"Row {number:,} has {len(row.cells):,} columns; "
                f"an import takes at most {MAX_COLUMNS}."
            )
        if row.cells:
            count += 1
    if count == 0:
        raise BadFile("The file has a header row but no contacts under it.")
    return Prepared(count)


def _csv_message(number: int, error: csv.Error) -> str:
    if "field larger than field limit" in str(error):
        return (
            f"Row {number:,}: a value is longer than {MAX_FIELD:,} characters; this is not a "
            "contact list, or a quote opened there is never closed."
        )
    if "expected after" in str(error) or "end of data" in str(error):
        return (
            f"Row {number:,}: a quote opened there is never closed or is followed by more "
            'text. Put quotes around whole values, and double a quote inside one ("").'
        )
    return f"Row {number:,} cannot be read as CSV: {error}."


@dataclass(frozen=True)
class Record:
    cells: list[str]
    end: int  # byte offset just after this record in the prepared file


def records(
    path: Path, delimiter: str, offset: int, number: int, header: bool = False
) -> Iterator[tuple[int, Record]]:
    """(row number, record) from the prepared file, starting at byte `offset`, which follows
    record `number` (row numbers count the header row as 1, as a spreadsheet does). With
    `header`, reading from the start, the first non-empty record is the header: skipped.
    Blank records come with no cells. A broken record is a BadFile naming its row."""
    position = offset

    def lines() -> Iterator[str]:
        nonlocal position
        with path.open("rb") as file:
            file.seek(offset)
            for line in file:
                position += len(line)
                yield line.decode("utf-8")

    header_pending = header and offset == 0
    reader = csv.reader(lines(), delimiter=delimiter, strict=True)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise BadFile(_csv_message(number + 1, error)) from error
        number += 1
        if header_pending and cells:
            header_pending = False
            continue
        yield number, Record(cells, position)
