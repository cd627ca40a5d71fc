"""Which column goes where: suggestions from header names (ours, common tools' exports,
Polish ones), and the check of a mapping someone chose.

A mapping is {column name: target}; a target is a standard field ("email", "first_name",
...), "tags" (names separated by , or ;), "skip", "custom:<key>" (an existing custom field)
or "new:<label>" (a text custom field created when the import starts).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from anyascii import anyascii
from sqlalchemy import select
from sqlalchemy.orm import Session

from cardfile.errors import Invalid
from cardfile.modules.contacts.custom_fields import key_from_label
from cardfile.modules.contacts.models import CustomField

STANDARD = {
    "email": "Email",
    "first_name": "First name",
    "last_name": "Last name",
    "phone": "Phone",
    "company": "Company",
    "job_title": "Job title",
    "time_zone": "Time zone",
}
SPECIAL = {"tags": "Tags", "skip": "Skip"}
CUSTOM, NEW = "custom:", "new:"

# Normalised header (ASCII, lower case, letters and digits only) -> target.
_ALIASES = {
    "email": (
        "email emailaddress e-mail e-mailaddress mail emailadres adresemail adrese-mail "
        "primaryemail workemail personalemail emailaddr courriel correo"
    ),
    "first_name": "firstname first givenname forename imie name1 prenom vorname nombre",
    "last_name": "lastname last surname familyname nazwisko name2 nom nachname apellido",
    "phone": (
        "phone phonenumber telephone tel mobile mobilephone cellphone workphone telefon "
        "nrtelefonu numertelefonu komorka"
    ),
    "company": "company companyname organization organisation organizacja firma account employer",
    "job_title": "jobtitle title position role stanowisko",
    "time_zone": "timezone tz strefaczasowa",
    "tags": "tags tag labels label tagi etykiety groups",
}


def _norm(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", anyascii(header).lower())


@cache
def _alias_table() -> dict[str, str]:
    return {_norm(alias): target for target, words in _ALIASES.items() for alias in words.split()}


def known_header(header: str) -> str | None:
    """The standard target a header names ("E-mail Address" -> "email"), if any."""
    return _alias_table().get(_norm(header))


def suggest(
    session: Session, columns: Sequence[str], preview: Sequence[Sequence[str]] = ()
) -> dict[str, str]:
    """A target for every column: a known header, an existing custom field with that key or
    label, else "skip". Each target is suggested once (the first column naming it). With no
    header naming the email, the column whose values are mostly addresses is the email."""
    fields = session.execute(
        select(CustomField.key, CustomField.label).where(CustomField.entity == "contact")
    ).all()
    by_name = {_norm(label): key for key, label in fields} | {_norm(key): key for key, _ in fields}
    taken: set[str] = set()
    suggestion: dict[str, str] = {}
    for column in columns:
        target = known_header(column)
        if target is None and (key := by_name.get(_norm(column))):
            target = CUSTOM + key
        if target is None or (target in taken and target != "tags"):
            target = "skip"
        taken.add(target)
        suggestion[column] = target
    if "email" not in taken and (column := _addresses_column(columns, preview)):
        suggestion[column] = "email"
    return suggestion


def _addresses_column(columns: Sequence[str], preview: Sequence[Sequence[str]]) -> str | None:
    def addresses(i: int) -> int:
        return sum(
            1 for row in preview if i < len(row) and "@" in row[i] and " " not in row[i].strip()
        )

    unmapped = [i for i, column in enumerate(columns) if not known_header(column)]
    best = max(unmapped, key=addresses, default=None)
    if best is None or addresses(best) * 2 <= len(preview):
        return None
    return columns[best]


def check_mapping(
    session: Session, columns: Sequence[str], mapping: dict[str, Any]
) -> dict[str, str]:
    """The mapping, checked: known columns, known targets, each field once, one email."""
    errors: dict[str, list[str]] = {}
    keys = set(session.scalars(select(CustomField.key).where(CustomField.entity == "contact")))
    seen: dict[str, str] = {}
    new_keys: dict[str, str] = {}  # key of a new field -> the column making it
    for column, target in mapping.items():
        where = f"mapping.{column}"
        if column not in columns:
            errors[where] = ["There is no column with this name in the file."]
        elif not isinstance(target, str):
            errors[where] = ["Choose where this column goes."]
        elif target.startswith(CUSTOM) and target[len(CUSTOM) :] not in keys:
            errors[where] = ["There is no custom field with this key."]
        elif target.startswith(NEW) and not target[len(NEW) :].strip():
            errors[where] = ["Name the new custom field."]
        elif target.startswith(NEW) and key_from_label(target[len(NEW) :]) in keys:
            errors[where] = ["A custom field with this name exists: map the column to it."]
        elif target.startswith(NEW) and (key := key_from_label(target[len(NEW) :])) in new_keys:
            errors[where] = [f"“{new_keys[key]}” already makes a field with this name."]
        elif not target.startswith((CUSTOM, NEW)) and target not in STANDARD | SPECIAL:
            errors[where] = [
                "Choose a field: email, first_name, last_name, phone, company, job_title, "
                "time_zone, tags, skip, custom:<key> or new:<label>."
            ]
        elif target in seen and target not in ("skip", "tags"):
            errors[where] = [f"“{seen[target]}” already goes to this field."]
        else:
            seen[target] = column
            if target.startswith(NEW):
                new_keys[key_from_label(target[len(NEW) :])] = column
    if not errors and "email" not in seen:
        errors["mapping"] = ["Choose the column holding the email address."]
    if errors:
        raise Invalid(errors)
    return {column: mapping.get(column, "skip") for column in columns}
