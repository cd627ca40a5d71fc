"""Segment rules: validated, then compiled to one SQL condition over contacts. The only place
rules become SQL, used by counts, previews, saved segments and campaign audiences alike.

A group is {"op": "and" | "or", "rules": [rule | group, ...]}; a rule is
{"field", "op", "value"} (see FIELDS for each field's ops and the value it takes).
Activity rules (opened, clicked, visited_url) read the contact's timeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Numeric,
    and_,
    case,
    cast,
    exists,
    false,
    func,
    literal,
    not_,
    or_,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session

from cardfile.db.base import utcnow
from cardfile.errors import Invalid
from cardfile.modules.contacts.models import (
    EMAIL_STATUSES,
    Activity,
    Contact,
    ContactTag,
    CustomField,
    Tag,
)
from cardfile.modules.lists.models import Subscription
from cardfile.modules.transactions.models import Transaction

MAX_DEPTH = 5
MAX_RULES = 100
MAX_DAYS = 36_500

TEXT_OPS = ("eq", "neq", "contains", "not_contains", "starts_with", "is_empty", "is_not_empty")
NUMBER_OPS = ("eq", "neq", "gt", "lt", "gte", "lte")
DATE_OPS = ("within_days", "before_days", "gt", "lt", "is_empty", "is_not_empty")
EMPTY_OPS = ("is_empty", "is_not_empty")
TEXT_COLUMNS = {
    "email": Contact.email,
    "first_name": Contact.first_name,
    "last_name": Contact.last_name,
    "phone": Contact.phone,
    "company": Contact.company,
    "job_title": Contact.job_title,
    "source": Contact.source,
    "time_zone": Contact.time_zone,
}
DATE_COLUMNS = {
    "created_at": Contact.created_at,
    "updated_at": Contact.updated_at,
    "last_activity_at": Contact.last_activity_at,
    "follow_up_at": Contact.follow_up_at,
}
NUMBER_COLUMNS = {"score": Contact.score, "order_count": Contact.order_count}
# What each field takes: its ops (custom fields: by their type, see CUSTOM_OPS).
FIELDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(TEXT_COLUMNS, TEXT_OPS),
    **dict.fromkeys(DATE_COLUMNS, DATE_OPS),
    **dict.fromkeys(NUMBER_COLUMNS, NUMBER_OPS),
    "tag": ("has", "not_has"),
    "list": ("subscribed", "not_subscribed", "unsubscribed", "unconfirmed"),
    "email_status": ("eq", "neq"),
    "lifetime_value": ("gt", "lt", "gte", "lte", "eq"),
    "purchased": ("within_days", "before_days", "ever", "never"),
    "opened": ("eq", "neq", "within_days", "not_within_days", "ever", "never"),
    "clicked": ("eq", "neq", "within_days", "not_within_days", "ever", "never"),
    "visited_url": ("contains", "not_contains"),
}
CUSTOM_OPS = {
    "text": TEXT_OPS,
    "number": (*NUMBER_OPS, *EMPTY_OPS),
    "date": (*DATE_OPS, "eq"),
    "boolean": ("eq", *EMPTY_OPS),
    "choice": ("eq", "neq", *EMPTY_OPS),
    "multi_choice": ("has", "not_has", *EMPTY_OPS),
}
# Ops that take no value; the rest need one.
NO_VALUE = ("is_empty", "is_not_empty", "ever", "never")
DAYS_OPS = ("within_days", "before_days", "not_within_days")


@dataclass
class Context:
    """What compiling needs from the workspace: custom field types, tag ids by name."""

    custom_types: dict[str, str]
    tag_ids: dict[str, int]
    now: datetime


# ---- validation ----------------------------------------------------------------------------


def _fail(path: str, message: str) -> Invalid:
    return Invalid({path: [message]}, message=f"The segment's rules are not valid: {message}")


def validate(session: Session, group: Any, path: str = "rules") -> dict[str, Any]:
    """The rules, checked and normalised; 422 naming the first bad part ("rules.rules.2.op")."""
    custom_types = dict(
        session.execute(
            select(CustomField.key, CustomField.type).where(CustomField.entity == "contact")
        ).all()
    )
    counter = [0]
    return _group(group, path, custom_types, 0, counter)


def _group(
    group: Any, path: str, custom: dict[str, str], depth: int, counter: list[int]
) -> dict[str, Any]:
    if not isinstance(group, dict):
        raise _fail(path, 'A group is {"op": "and" or "or", "rules": [...]}.')
    if depth >= MAX_DEPTH:
        raise _fail(path, f"Groups may be nested {MAX_DEPTH} deep at most.")
    op = group.get("op", "and")
    if op not in ("and", "or"):
        raise _fail(f"{path}.op", f"Unknown group op “{op}”: use and, or.")
    items = group.get("rules")
    if not isinstance(items, list):
        raise _fail(f"{path}.rules", "Give the group's rules as a list.")
    checked: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        where = f"{path}.rules.{index}"
        if isinstance(item, dict) and "rules" in item:
            checked.append(_group(item, where, custom, depth + 1, counter))
        else:
            counter[0] += 1
            if counter[0] > MAX_RULES:
                raise _fail(where, f"A segment has {MAX_RULES} rules at most.")
            checked.append(_rule(item, where, custom))
    return {"op": op, "rules": checked}


def _ops_of(field: Any, custom: dict[str, str], path: str) -> tuple[str, ...]:
    if not isinstance(field, str) or not field:
        raise _fail(f"{path}.field", "Choose a field.")
    if field.startswith("custom."):
        key = field.removeprefix("custom.")
        if key not in custom:
            raise _fail(f"{path}.field", f"Unknown field “{field}”: no custom field “{key}”.")
        return CUSTOM_OPS.get(custom[key], TEXT_OPS)
    if field not in FIELDS:
        raise _fail(
            f"{path}.field",
            f"Unknown field “{field}”: use one of {', '.join(FIELDS)} or custom.<key>.",
        )
    return FIELDS[field]


def _rule(rule: Any, path: str, custom: dict[str, str]) -> dict[str, Any]:
    if not isinstance(rule, dict):
        raise _fail(path, 'A rule is {"field", "op", "value"}.')
    field, op = rule.get("field"), rule.get("op")
    ops = _ops_of(field, custom, path)
    if op not in ops:
        raise _fail(f"{path}.op", f"Unknown op “{op}” for {field}: use one of {', '.join(ops)}.")
    out: dict[str, Any] = {"field": field, "op": op}
    if op in NO_VALUE:
        return out
    kind = custom.get(field.removeprefix("custom."), "") if field.startswith("custom.") else ""
    out["value"] = _value(field, op, rule.get("value"), kind, f"{path}.value")
    if field == "visited_url" and rule.get("days") is not None:
        out["days"] = _days(rule.get("days"), f"{path}.days")
    return out


def _days(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_DAYS:
        raise _fail(path, f"Give a number of days from 1 to {MAX_DAYS}.")
    return value


def _number(value: Any, path: str) -> str:
    try:
        number = Decimal(str(value)) if not isinstance(value, bool) else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or abs(number) >= Decimal("1e12"):
        raise _fail(path, "Give a number, like 100 or 12.5.")
    return str(number)


def _text(value: Any, path: str) -> str:
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise _fail(path, "Give a text value.")
    text = str(value).strip()
    if not text or len(text) > 500 or "\x00" in text:
        raise _fail(path, "Give a text of 1 to 500 characters.")
    return text


def _date(value: Any, path: str) -> str:
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError as error:
        raise _fail(path, "Give a date as YYYY-MM-DD.") from error


def _value(field: str, op: str, value: Any, custom_kind: str, path: str) -> Any:
    if op in DAYS_OPS:
        return _days(value, path)
    if field in ("tag", "visited_url") or custom_kind == "multi_choice":
        return _text(value, path)
    if field == "list" or (field in ("opened", "clicked") and op in ("eq", "neq")):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise _fail(path, "Give the id of a list or campaign (a whole number).")
        return value
    if field == "email_status":
        if value not in EMAIL_STATUSES:
            raise _fail(path, f"Use one of: {', '.join(EMAIL_STATUSES)}.")
        return value
    if field == "lifetime_value":
        if isinstance(value, dict):
            currency = str(value.get("currency") or "").upper()
            if len(currency) != 3 or not currency.isalpha():
                raise _fail(path, "Give the currency as a 3-letter code, like PLN.")
            return {"amount": _number(value.get("amount"), path), "currency": currency}
        return _number(value, path)
    if field in NUMBER_COLUMNS or custom_kind == "number":
        return _number(value, path)
    if field in DATE_COLUMNS or custom_kind == "date":
        return _date(value, path)
    if custom_kind == "boolean":
        if not isinstance(value, bool):
            raise _fail(path, "Give true or false.")
        return value
    return _text(value, path)


# ---- compiling -------------------------------------------------------------------------------


def context(session: Session, rules: dict[str, Any]) -> Context:
    """Read once what the rules refer to: custom field types and tag ids (so the SQL compares
    ids, which PostgreSQL plans with the real numbers)."""
    names = {r["value"].lower() for r in _leaves(rules) if r["field"] == "tag"}
    tag_ids = (
        dict(
            session.execute(
                select(func.lower(Tag.name), Tag.id).where(func.lower(Tag.name).in_(names))
            ).all()
        )
        if names
        else {}
    )
    custom_types = dict(
        session.execute(
            select(CustomField.key, CustomField.type).where(CustomField.entity == "contact")
        ).all()
    )
    return Context(custom_types, tag_ids, utcnow())


def _leaves(group: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for item in group.get("rules", []):
        found.extend(_leaves(item) if "rules" in item else [item])
    return found


def compile_rules(session: Session, rules: dict[str, Any]) -> ColumnElement[bool]:
    """The validated rules as one condition over Contact (an empty group matches everyone)."""
    return _compile_group(rules, context(session, rules))


def _compile_group(group: dict[str, Any], ctx: Context) -> ColumnElement[bool]:
    parts = [
        _compile_group(item, ctx) if "rules" in item else _compile_rule(item, ctx)
        for item in group["rules"]
    ]
    if not parts:
        return true()
    return and_(*parts) if group["op"] == "and" else or_(*parts)


def _text_condition(column: Any, op: str, value: str | None) -> ColumnElement[bool]:
    if op == "is_empty":
        return or_(column.is_(None), column == "")
    if op == "is_not_empty":
        return and_(column.is_not(None), column != "")
    assert value is not None
    lowered = func.lower(column)
    if op == "eq":
        return lowered == value.lower()
    if op == "neq":
        return or_(column.is_(None), lowered != value.lower())
    if op == "contains":
        return column.icontains(value, autoescape=True)
    if op == "not_contains":
        return or_(column.is_(None), not_(column.icontains(value, autoescape=True)))
    return column.istartswith(value, autoescape=True)  # starts_with


def _compare(column: Any, op: str, value: Any) -> ColumnElement[bool]:
    return {
        "eq": lambda: column == value,
        "neq": lambda: or_(column.is_(None), column != value),
        "gt": lambda: column > value,
        "lt": lambda: column < value,
        "gte": lambda: column >= value,
        "lte": lambda: column <= value,
    }[op]()


def _date_condition(column: Any, op: str, value: Any, now: datetime) -> ColumnElement[bool]:
    if op in EMPTY_OPS:
        return column.is_(None) if op == "is_empty" else column.is_not(None)
    if op == "within_days":
        return column >= now - timedelta(days=value)
    if op == "before_days":
        return column < now - timedelta(days=value)
    day = date.fromisoformat(value)
    if op == "gt":  # after that day
        return column >= datetime.combine(day + timedelta(days=1), datetime.min.time(), now.tzinfo)
    if op == "lt":
        return column < datetime.combine(day, datetime.min.time(), now.tzinfo)
    start = datetime.combine(day, datetime.min.time(), now.tzinfo)
    return and_(column >= start, column < start + timedelta(days=1))  # eq: that day


def _activity(kind: str, *where: ColumnElement[bool]) -> ColumnElement[bool]:
    return exists().where(Activity.contact_id == Contact.id, Activity.kind == kind, *where)


def _since(rule: dict[str, Any], ctx: Context) -> list[ColumnElement[bool]]:
    days = rule.get("days")
    return [Activity.created_at >= ctx.now - timedelta(days=days)] if days else []


def _mail_event(rule: dict[str, Any], ctx: Context) -> ColumnElement[bool]:
    kind = "email_opened" if rule["field"] == "opened" else "email_clicked"
    op, value = rule["op"], rule.get("value")
    if op in ("eq", "neq"):
        happened = _activity(kind, Activity.data["campaign_id"].astext == str(value))
        return happened if op == "eq" else not_(happened)
    if op in ("within_days", "not_within_days"):
        recent = _activity(kind, Activity.created_at >= ctx.now - timedelta(days=value))
        return recent if op == "within_days" else not_(recent)
    return _activity(kind) if op == "ever" else not_(_activity(kind))


def _custom(rule: dict[str, Any], ctx: Context) -> ColumnElement[bool]:
    key = rule["field"].removeprefix("custom.")
    kind, op, value = ctx.custom_types.get(key, "text"), rule["op"], rule.get("value")
    raw = Contact.custom[key]
    text = raw.astext
    if op in EMPTY_OPS and kind != "text":
        empty = or_(text.is_(None), text == "", raw == literal([], JSONB))
        return empty if op == "is_empty" else not_(empty)
    if kind == "number":
        # Only real JSON numbers compare (a stray text value must not break the cast).
        number = case((func.jsonb_typeof(raw) == "number", cast(text, Numeric)))
        return and_(number.is_not(None), _compare(number, op, Decimal(value)))
    if kind == "date":
        # Cast only what looks like a date: PostgreSQL may evaluate conditions in any order.
        day = case((text.op("~")(r"^\d{4}-\d{2}-\d{2}$"), cast(text, Date)))
        if op in ("within_days", "before_days"):
            edge = ctx.now.date() - timedelta(days=value)
            return day >= edge if op == "within_days" else day < edge
        when = date.fromisoformat(value)
        return {"gt": day > when, "lt": day < when, "eq": day == when}[op]
    if kind == "boolean":
        return raw == literal(value, JSONB)
    if kind == "multi_choice":
        has = raw.contains(literal([value], JSONB))
        return has if op == "has" else not_(has)
    return _text_condition(text, op, value)  # text and choice


def _lifetime(rule: dict[str, Any]) -> ColumnElement[bool]:
    value = rule["value"]
    if isinstance(value, dict):
        amount = cast(Contact.lifetime_value[value["currency"]].astext, Numeric)
        return _compare(amount, rule["op"], Decimal(value["amount"]))
    each = func.jsonb_each_text(Contact.lifetime_value).table_valued("key", "value")
    return exists(
        select(literal(1))
        .select_from(each)
        .where(_compare(cast(each.c.value, Numeric), rule["op"], Decimal(value)))
    )


def _compile_rule(rule: dict[str, Any], ctx: Context) -> ColumnElement[bool]:
    field, op, value = rule["field"], rule["op"], rule.get("value")
    if field in TEXT_COLUMNS:
        return _text_condition(TEXT_COLUMNS[field], op, value)
    if field in DATE_COLUMNS:
        return _date_condition(DATE_COLUMNS[field], op, value, ctx.now)
    if field in NUMBER_COLUMNS:
        return _compare(NUMBER_COLUMNS[field], op, Decimal(value))
    if field == "tag":
        tag_id = ctx.tag_ids.get(value.lower())
        has = (
            exists().where(ContactTag.contact_id == Contact.id, ContactTag.tag_id == tag_id)
            if tag_id is not None
            else false()
        )
        return has if op == "has" else not_(has)
    if field == "list":
        statuses = {"subscribed": "subscribed", "not_subscribed": "subscribed"}.get(op, op)
        on = exists().where(
            Subscription.contact_id == Contact.id,
            Subscription.list_id == value,
            Subscription.status == statuses,
        )
        return not_(on) if op == "not_subscribed" else on
    if field == "email_status":
        return Contact.email_status == value if op == "eq" else Contact.email_status != value
    if field == "lifetime_value":
        return _lifetime(rule)
    if field == "purchased":
        bought = exists().where(Transaction.contact_id == Contact.id)
        if op in ("within_days", "before_days"):
            since = Transaction.ordered_at >= ctx.now - timedelta(days=value)
            recent = exists().where(Transaction.contact_id == Contact.id, since)
            return recent if op == "within_days" else and_(bought, not_(recent))
        return bought if op == "ever" else not_(bought)
    if field in ("opened", "clicked"):
        return _mail_event(rule, ctx)
    if field == "visited_url":
        seen = _activity(
            "page_visit",
            Activity.data["url"].astext.icontains(value, autoescape=True),
            *_since(rule, ctx),
        )
        return seen if op == "contains" else not_(seen)
    return _custom(rule, ctx)
