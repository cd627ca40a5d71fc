from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from cardfile.api.fields import Text
from cardfile.api.pagination import page_args, page_of
from cardfile.modules.scoring.models import EVENTS
from cardfile.modules.transactions.schemas import Currency  # ISO 4217, upper-cased

MAX_POINTS = 10_000
EVENT_CHOICE = validate.OneOf(EVENTS, error=f"Choose one of: {', '.join(EVENTS)}.")
POINTS_RANGE = validate.Range(
    min=-MAX_POINTS, max=MAX_POINTS, error="Use a whole number from -10,000 to 10,000."
)


def _not_zero(value: int) -> None:
    if value == 0:
        raise ValidationError("Give some points (a rule of 0 points does nothing).")


def _points(**kwargs: Any) -> fields.Integer:
    return fields.Integer(
        strict=True,
        validate=[POINTS_RANGE, _not_zero],
        error_messages={
            "invalid": "Use a whole number from -10,000 to 10,000.",
            "required": "Give the points.",
            "null": "Give the points.",
        },
        metadata={"description": "Per event; for purchase, per 1 unit of currency"},
        **kwargs,
    )


MATCH_HELP = (
    "tag_added: the tag name; page_visit: text the URL contains; form_submitted: the form "
    "name; custom_event: the event name (required). Case-insensitive. Empty: any."
)


class ScoringRulePatchSchema(Schema):
    event = fields.String(validate=EVENT_CHOICE)
    points = _points()
    match = Text(
        max_length=200, allow_none=True, label="what to match", metadata={"description": MATCH_HELP}
    )
    currency = Currency(
        allow_none=True, metadata={"description": "purchase: only this currency (empty: any)"}
    )
    active = fields.Boolean()


class ScoringRuleInSchema(ScoringRulePatchSchema):
    event = fields.String(
        required=True,
        validate=EVENT_CHOICE,
        error_messages={"required": "Choose the event.", "null": "Choose the event."},
    )
    points = _points(required=True)
    active = fields.Boolean(load_default=True)


class ScoringRuleSchema(Schema):
    id = fields.Integer(required=True)
    event = fields.String(required=True, metadata={"enum": list(EVENTS)})
    points = fields.Integer(required=True)
    match = fields.String(allow_none=True, required=True)
    currency = fields.String(allow_none=True, required=True)
    active = fields.Boolean(required=True)
    created_at = fields.DateTime(required=True)


ScoringRuleListArgs = page_args("created_at", "event", "points", name="ScoringRuleListArgs")
ScoringRulePageSchema = page_of(ScoringRuleSchema)


class ScoringSettingsSchema(Schema):
    decay_percent = fields.Integer(
        required=True,
        strict=True,
        validate=validate.Range(min=0, max=100, error="Use a whole number from 0 to 100."),
        error_messages={
            "required": "Give the decay (0 for none).",
            "invalid": "Use a whole number from 0 to 100.",
        },
        metadata={
            "description": "Every 30 days a contact's score loses this share, rounded "
            "toward zero (0: no decay)"
        },
    )
    updated_at = fields.DateTime(allow_none=True, dump_only=True)


class ScoreHistorySchema(Schema):
    id = fields.Integer(required=True)
    delta = fields.Integer(required=True)
    score = fields.Integer(required=True, metadata={"description": "The score after"})
    reason = fields.String(required=True, metadata={"example": "tag_added: vip"})
    rule_id = fields.Integer(allow_none=True, required=True)
    created_at = fields.DateTime(required=True)


ScoreHistoryListArgs = page_args("created_at", name="ScoreHistoryListArgs")
ScoreHistoryPageSchema = page_of(ScoreHistorySchema)
