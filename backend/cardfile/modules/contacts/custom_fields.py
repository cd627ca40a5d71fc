"""Custom field definitions and validation of contact (and company) values by field type."""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from anyascii import anyascii
from marshmallow import ValidationError
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from cardfile.access.actor import Actor
from cardfile.api.fields import check_storable
from cardfile.db.pagination import Page, paginate
from cardfile.db.unique import save_unique
from cardfile.errors import Invalid, NotFound
from cardfile.modules.contacts import activity
from cardfile.modules.contacts.models import CustomField

FIELD_TYPES = ("text", "number", "date", "boolean", "choice", "multi_choice")
# Whose fields a definition describes, and the table holding their values (in `custom`).
ENTITIES = ("contact", "company")
VALUE_TABLES = {"contact": "contacts", "company": "companies"}
CHOICE_TYPES = ("choice", "multi_choice")
KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
KEY_RULE = "Use lowercase letters, digits and _, starting with a letter (at most 63)."
NUMBER_RE = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_TEXT = 2000


def _check_choices(field_type: str, choices: list[str]) -> list[str]:
    if field_type not in CHOICE_TYPES:
        if choices:
            raise Invalid.field("choices", "Only choice and multi_choice fields have choices.")
        return []
    cleaned = [c.strip() for c in choices]
    if not cleaned or any(not c for c in cleaned):
        raise Invalid.field("choices", "Give at least one non-empty choice.")
    if len({c.lower() for c in cleaned}) != len(cleaned):
        raise Invalid.field("choices", "Choices must be unique.")
    return cleaned


def list_fields(session: Session, args: dict[str, Any]) -> Page:
    columns = {
        "position": CustomField.position,
        "key": CustomField.key,
        "label": CustomField.label,
        "created_at": CustomField.created_at,
    }
    stmt = select(CustomField).where(CustomField.entity == args.get("entity", "contact"))
    return paginate(session, stmt, args, columns, "position", CustomField.id)


def get_field(session: Session, field_id: int) -> CustomField:
    found = session.get(CustomField, field_id)
    if found is None:
        raise NotFound("Custom field")
    return found


def key_from_label(label: str) -> str:
    """ "Budżet (PLN)" -> "budzet_pln", "Источник" -> "istochnik": transliterated, snake_case."""
    words = re.findall(r"[a-z0-9]+", anyascii(label).lower())
    key = "_".join(words)[:63].rstrip("_")
    if key and not key[0].isalpha():
        key = f"f_{key}"[:63]
    return key or "field"


def create_field(session: Session, data: dict[str, Any]) -> CustomField:
    key = data.get("key") or key_from_label(data["label"])
    if not KEY_RE.match(key):
        raise Invalid.field("key", KEY_RULE)
    choices = _check_choices(data["type"], data.get("choices") or [])
    entity = data.get("entity", "contact")
    last = select(func.max(CustomField.position)).where(CustomField.entity == entity)
    position = session.scalar(last) or 0
    field = CustomField(
        entity=entity,
        key=key,
        label=data["label"],
        type=data["type"],
        choices=choices,
        position=position + 1,
    )
    save_unique(session, field, "key", "A custom field with this key exists.")
    return field


def update_field(session: Session, field_id: int, data: dict[str, Any]) -> CustomField:
    field = get_field(session, field_id)
    if "label" in data:
        field.label = data["label"]
    if "choices" in data:
        field.choices = _check_choices(field.type, data["choices"] or [])
    if "position" in data:
        field.position = data["position"]
    session.flush()
    return field


def delete_field(session: Session, field_id: int, actor_user_id: int) -> None:
    # Locked: contact writes validating this key (FOR SHARE) finish first, later ones find
    # no field, so no contact keeps a value of a deleted field.
    field = session.scalar(select(CustomField).where(CustomField.id == field_id).with_for_update())
    if field is None:
        raise NotFound("Custom field")
    # Values go with their definition, so a later field with the same key starts clean.
    changed = session.scalars(
        text(
            f"UPDATE {VALUE_TABLES[field.entity]} SET custom = custom - :key, "
            "updated_at = now() WHERE custom ? :key RETURNING id"
        ),
        {"key": field.key},
    ).all()
    if field.entity == "contact":  # only contacts have a timeline
        activity.record_many(
            session, changed, "updated", {"field_deleted": field.key}, Actor(user_id=actor_user_id)
        )
    session.delete(field)


def validate_value(field: CustomField, value: Any) -> Any:
    kind = field.type
    if kind == "text":
        if not isinstance(value, str):
            raise ValueError("Enter text.")
        if len(value) > MAX_TEXT:
            raise ValueError(f"Use at most {MAX_TEXT} characters.")
        try:
            check_storable(value)
        except ValidationError as error:
            raise ValueError(error.messages[0]) from error
        return value
    if kind == "number":
        return _number(value)
    if kind == "boolean":
        if not isinstance(value, bool):
            raise ValueError("Choose yes or no (true or false).")
        return value
    if kind == "date":
        if not isinstance(value, str) or not DATE_RE.match(value):
            raise ValueError("Enter a date as YYYY-MM-DD, like 2026-03-31.")
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError as error:
            raise ValueError("This date does not exist; check the day and month.") from error
    if kind == "choice":
        if value not in field.choices:
            raise ValueError(f"Choose one of: {', '.join(field.choices)}.")
        return value
    if kind == "multi_choice":
        if not isinstance(value, list) or any(v not in field.choices for v in value):
            raise ValueError(f"Choose any of: {', '.join(field.choices)}.")
        return list(dict.fromkeys(value))
    raise ValueError(f"Unsupported field type {kind}.")


def _number(value: Any) -> int | float:
    """A JSON number, or text with a decimal point or comma ("12,5" is 12.5, never 125)."""
    if isinstance(value, str) and NUMBER_RE.match(value.strip()):
        text_value = value.strip().replace(",", ".")
        value = float(text_value) if "." in text_value else int(text_value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("Enter a number, like 12.5.")
    try:
        finite = math.isfinite(value) and abs(value) < 1e300
    except OverflowError:  # an int too large for a float
        finite = False
    if not finite:
        raise ValueError("This number is too large.")
    return value


def validate_custom(
    session: Session,
    values: dict[str, Any],
    existing: dict[str, Any] | None = None,
    entity: str = "contact",
) -> dict[str, Any]:
    """Merge `values` over `existing` (a contact's, or a company's with entity="company");
    None removes a key. Unknown keys and bad values -> 422."""
    # Only well-formed keys can name a field (and only they are safe to send, no NUL).
    keys = [k for k in values if KEY_RE.match(k)]
    # FOR SHARE: a field being deleted meanwhile waits for this write (see delete_field).
    definitions = (
        {
            f.key: f
            for f in session.scalars(
                select(CustomField)
                .where(CustomField.entity == entity, CustomField.key.in_(keys))
                .with_for_update(read=True)
            )
        }
        if keys
        else {}
    )
    merged = dict(existing or {})
    errors: dict[str, list[str]] = {}
    for key, value in values.items():
        field = definitions.get(key)
        if field is None:
            errors[f"custom.{key}"] = ["There is no custom field with this key."]
            continue
        if value is None:
            merged.pop(key, None)
            continue
        try:
            merged[key] = validate_value(field, value)
        except ValueError as error:
            errors[f"custom.{key}"] = [str(error)]
    if errors:
        raise Invalid(errors)
    return merged
