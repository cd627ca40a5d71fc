"""Which files a contact may carry. The type comes from the bytes (api/uploads.sniff), never
from the name or what the browser claimed, and the name's extension must agree with it: an
.exe renamed .pdf, or a page renamed .jpg, is refused."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from cardfile.errors import Invalid


@dataclass(frozen=True)
class Kind:
    label: str
    extensions: tuple[str, ...]  # the first is the one to suggest


_OFFICE_ZIPS = ("docx", "xlsx", "pptx", "odt", "ods", "odp")

# Sniffed content type -> what it is and the names it may have.
ALLOWED: dict[str, Kind] = {
    "application/pdf": Kind("PDF document", ("pdf",)),
    "image/jpeg": Kind("JPEG image", ("jpg", "jpeg", "jpe", "jfif")),
    "image/png": Kind("PNG image", ("png",)),
    "image/apng": Kind("PNG image", ("png", "apng")),
    "image/gif": Kind("GIF image", ("gif",)),
    "image/webp": Kind("WebP image", ("webp",)),
    "image/heic": Kind("HEIC image", ("heic", "heif")),
    "image/avif": Kind("AVIF image", ("avif",)),
    "image/tiff": Kind("TIFF image", ("tif", "tiff")),
    "image/bmp": Kind("BMP image", ("bmp",)),
    "application/msword": Kind("Word document", ("doc",)),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": Kind(
        "Word document", ("docx",)
    ),
    "application/vnd.ms-excel": Kind("Excel spreadsheet", ("xls",)),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": Kind(
        "Excel spreadsheet", ("xlsx",)
    ),
    "application/vnd.ms-powerpoint": Kind("PowerPoint presentation", ("ppt",)),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": Kind(
        "PowerPoint presentation", ("pptx",)
    ),
    "application/vnd.oasis.opendocument.text": Kind("OpenDocument text", ("odt",)),
    "application/vnd.oasis.opendocument.spreadsheet": Kind("OpenDocument spreadsheet", ("ods",)),
    "application/vnd.oasis.opendocument.presentation": Kind("OpenDocument presentation", ("odp",)),
    "application/rtf": Kind("RTF document", ("rtf",)),
    "text/plain": Kind("text file", ("txt",)),
    "text/csv": Kind("CSV file", ("csv",)),
    "text/tab-separated-values": Kind("TSV file", ("tsv",)),
    # Office files are ZIP archives; one whose parts the sniffer did not reach is still one.
    "application/zip": Kind("ZIP archive", ("zip", *_OFFICE_ZIPS)),
}
ALLOWED_SUMMARY = (
    "PDF, images (JPEG, PNG, GIF, WebP, HEIC, AVIF, TIFF, BMP), Word, Excel, PowerPoint, "
    "OpenDocument and RTF documents, UTF-8 text, CSV and TSV files, and ZIP archives"
)
# What the name claims: the first kind that lists the extension.
_CLAIMED = {ext: kind for kind in reversed(ALLOWED.values()) for ext in kind.extensions}
_TEXT = {"txt", "csv", "tsv"}
_PROGRAMS = {
    "application/x-msdownload": "a Windows program",
    "application/x-executable": "a program",
    "application/x-sharedlib": "a program",
    "application/x-shockwave-flash": "a Flash program",
    "application/wasm": "a WebAssembly program",
}

_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')


def clean_name(name: str) -> str:
    """The uploaded name, safe to store and to send back: no control, format (bidi override,
    zero-width) or path characters, one space between words, at most 255 characters with
    the extension kept."""
    name = unicodedata.normalize("NFC", name)
    name = "".join(c for c in name if unicodedata.category(c) not in ("Cc", "Cf", "Cs"))
    name = " ".join(_FORBIDDEN.sub("_", name).split()).strip(". ")
    if len(name) > 255:
        stem, dot, ext = name.rpartition(".")
        name = f"{stem[: 254 - len(ext)]}.{ext}" if dot and stem and len(ext) <= 16 else name[:255]
    return name or "file"


def extension(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    return ext.lower() if dot and stem else ""


def check(name: str, content_type: str) -> None:
    """Invalid (on `file`) unless the content is an allowed type and the name agrees."""
    ext = extension(name)
    kind = ALLOWED.get(content_type)
    if kind is None:
        claimed = _CLAIMED.get(ext)
        if ext in _TEXT:
            message = (
                f"This .{ext} file is not UTF-8 text; save it as UTF-8 (in Excel: "
                "“CSV UTF-8”) and upload it again."
            )
        elif claimed is not None:
            what = _PROGRAMS.get(content_type, "a different kind of file")
            message = (
                f"This file is not a real {claimed.label}: its content is {what}. "
                "Upload the original file."
            )
        else:
            message = f"Files of this type cannot be uploaded. Allowed: {ALLOWED_SUMMARY}."
        raise Invalid.field("file", message)
    if ext and ext not in kind.extensions:
        raise Invalid.field(
            "file",
            f"The name ends in .{ext} but the file is a {kind.label}; rename it to "
            f"“.{kind.extensions[0]}” or choose another file.",
        )
