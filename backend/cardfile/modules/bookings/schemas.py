from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from marshmallow import Schema, ValidationError, fields, pre_load, validate, validates_schema

from cardfile.api.fields import Email, Id, Slug, Text, TimeZone
from cardfile.api.pagination import PageArgs, page_of
from cardfile.modules.contacts.schemas import aware_datetime

HM = re.compile(r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$")
HM_RULE = "Use a time like 09:00 (24-hour clock; 24:00 is the end of the day)."
STATUSES = ("confirmed", "cancelled")
# Dates asked about and times booked stay within a year back and three years ahead.
SPAN = timedelta(days=3 * 366)
OUT_OF_RANGE = "Choose a date within a year back and three years ahead."


def _near_day(value: date) -> None:
    today = datetime.now(UTC).date()
    if not today - timedelta(days=366) <= value <= today + SPAN:
        raise ValidationError(OUT_OF_RANGE)


def _near_time(value: datetime) -> None:
    _near_day(value.astimezone(UTC).date())


def _start(**kwargs: Any) -> fields.AwareDateTime:
    return aware_datetime("One of the free slots", validate=_near_time, **kwargs)


def _hm(**kwargs: Any) -> fields.String:
    return fields.String(required=True, validate=validate.Regexp(HM, error=HM_RULE), **kwargs)


class HoursSchema(Schema):
    start = _hm()
    end = _hm()

    @validates_schema
    def _order(self, data: dict[str, Any], **kwargs: Any) -> None:
        if "start" in data and "end" in data and data["start"] >= data["end"]:
            raise ValidationError("The end must come after the start.", "end")


class WeeklyHoursSchema(HoursSchema):
    weekday = fields.Integer(
        required=True,
        validate=validate.Range(0, 6, error="Use 0 (Monday) to 6 (Sunday)."),
        metadata={"description": "0 = Monday … 6 = Sunday"},
    )


def _hours_list(schema: type[Schema], description: str, **kwargs: Any) -> fields.List:
    return fields.List(
        fields.Nested(schema),
        error_messages={"required": "Give the working hours (an empty list: none)."},
        validate=validate.Length(max=50),
        metadata={"description": description},
        **kwargs,
    )


def _minutes(low: int, high: int, description: str, **kwargs: Any) -> fields.Integer:
    return fields.Integer(
        strict=True,
        validate=validate.Range(low, high, error=f"Use a number from {low} to {high}."),
        metadata={"description": description},
        **kwargs,
    )


# ---- calendars --------------------------------------------------------------------------


class CalendarInSchema(Schema):
    name = Text(max_length=200, min_length=1, required=True, label="a calendar name")
    slug = Slug(metadata={"description": "Its address: /book/<workspace>/<slug>; omitted: made"})
    description = Text(max_length=2000, multiline=True, allow_none=True, label="a description")
    user_id = Id(allow_none=True, metadata={"description": "The member it belongs to"})
    team_user_ids = fields.List(
        Id(),
        validate=validate.Length(max=50),
        metadata={"description": "A team calendar's members, booked round-robin (no user_id)"},
    )
    time_zone = TimeZone(required=True)
    weekly_hours = _hours_list(
        WeeklyHoursSchema, "Working hours in the calendar's time zone", required=True
    )
    consent_text = Text(max_length=2000, multiline=True, label="the consent text")
    active = fields.Boolean()


class CalendarPatchSchema(CalendarInSchema):
    """Used partial: only the fields sent change."""

    renew_feed = fields.Boolean(
        metadata={"description": "true: a new private feed address (the old one stops working)"}
    )


class CalendarSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    slug = fields.String(required=True)
    description = fields.String(allow_none=True, required=True)
    user_id = fields.Integer(allow_none=True, required=True)
    team_user_ids = fields.List(fields.Integer(), required=True)
    members = fields.List(fields.Dict(), required=True, metadata={"description": "{id, name}"})
    time_zone = fields.String(required=True)
    weekly_hours = fields.List(fields.Nested(WeeklyHoursSchema), required=True)
    consent_text = fields.String(required=True)
    active = fields.Boolean(required=True)
    public_url = fields.String(required=True)
    feed_url = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "Private, signed; only admins and its members get it (else null)"},
    )
    upcoming = fields.Integer(required=True, metadata={"description": "Confirmed, not started"})
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)


class CalendarListArgs(PageArgs):
    sortable = ("name", "created_at")
    q = Text(max_length=200, load_default=None, label="a search")


CalendarPageSchema = page_of(CalendarSchema)


# ---- booking types ------------------------------------------------------------------------


class QuestionSchema(Schema):
    key = fields.String(
        validate=validate.Regexp(r"^[a-z][a-z0-9_]{0,39}$", error="Use a-z, 0-9 and _."),
        metadata={"description": "Where the answer is kept; omitted: made from the label"},
    )
    label = Text(max_length=300, min_length=1, required=True, label="the question")
    required = fields.Boolean(load_default=False)
    multiline = fields.Boolean(load_default=False)


class BookingTypeInSchema(Schema):
    @pre_load
    def _plain_questions(self, data: Any, **kwargs: Any) -> Any:
        """A question may be given as its label alone: "Your phone number?"."""
        if isinstance(data, dict) and isinstance(data.get("questions"), list):
            data = {
                **data,
                "questions": [{"label": q} if isinstance(q, str) else q for q in data["questions"]],
            }
        return data

    name = Text(max_length=200, min_length=1, required=True, label="a name")
    slug = Slug(metadata={"description": "Its address on the page; omitted: made from the name"})
    description = Text(max_length=2000, multiline=True, allow_none=True, label="a description")
    location = Text(max_length=500, allow_none=True, label="a place or a video link")
    duration_minutes = _minutes(5, 720, "How long it lasts", required=True)
    buffer_before = _minutes(0, 240, "Kept free before", load_default=0)
    buffer_after = _minutes(0, 240, "Kept free after", load_default=0)
    min_notice_minutes = _minutes(0, 43200, "How soon it can be booked", load_default=60)
    max_days_ahead = _minutes(1, 730, "How many days ahead it can be booked", load_default=60)
    max_per_day = _minutes(1, 100, "Bookings a member takes a day; null: any", allow_none=True)
    questions = fields.List(
        fields.Nested(QuestionSchema),
        validate=validate.Length(max=20),
        metadata={"description": "Objects, or plain labels (strings): optional questions"},
    )
    position = fields.Integer(strict=True, validate=validate.Range(0, 1000))


class BookingTypePatchSchema(BookingTypeInSchema):
    """Used partial: only the fields sent change."""


class BookingTypeSchema(Schema):
    id = fields.Integer(required=True)
    calendar_id = fields.Integer(required=True)
    name = fields.String(required=True)
    slug = fields.String(required=True)
    description = fields.String(allow_none=True, required=True)
    location = fields.String(allow_none=True, required=True)
    duration_minutes = fields.Integer(required=True)
    buffer_before = fields.Integer(required=True)
    buffer_after = fields.Integer(required=True)
    min_notice_minutes = fields.Integer(required=True)
    max_days_ahead = fields.Integer(required=True)
    max_per_day = fields.Integer(allow_none=True, required=True)
    questions = fields.List(fields.Nested(QuestionSchema), required=True)
    position = fields.Integer(required=True)


class BookingTypeListSchema(Schema):
    items = fields.List(fields.Nested(BookingTypeSchema), required=True)


# ---- overrides -------------------------------------------------------------------------


class OverrideInSchema(Schema):
    date = fields.Date(required=True, metadata={"description": "The first (or only) day"})
    end_date = fields.Date(
        allow_none=True, metadata={"description": "The last day, for a run of days (≤ 366)"}
    )
    hours = _hours_list(HoursSchema, "That day's hours; empty: a day off", load_default=list)
    note = Text(max_length=200, allow_none=True, label="a note")


class OverrideSchema(Schema):
    id = fields.Integer(required=True)
    date = fields.Date(required=True)
    hours = fields.List(fields.Nested(HoursSchema), required=True)
    note = fields.String(allow_none=True, required=True)
    day_off = fields.Boolean(required=True)


class OverrideArgs(Schema):
    since = fields.Date(load_default=None, metadata={"description": "Default: today"})


class OverrideListSchema(Schema):
    items = fields.List(fields.Nested(OverrideSchema), required=True)


# ---- bookings (staff) ---------------------------------------------------------------------


class BookingSchema(Schema):
    id = fields.Integer(required=True)
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    start = fields.DateTime(required=True)
    end = fields.DateTime(required=True)
    calendar_id = fields.Integer(required=True)
    calendar_name = fields.String(required=True)
    booking_type_id = fields.Integer(required=True)
    booking_type_name = fields.String(required=True)
    user_id = fields.Integer(required=True)
    user_name = fields.String(allow_none=True, required=True)
    contact_id = fields.Integer(allow_none=True, required=True)
    name = fields.String(required=True)
    email = fields.String(required=True)
    time_zone = fields.String(required=True)
    answers = fields.Dict(required=True)
    location = fields.String(allow_none=True, required=True)
    consent_text = fields.String(allow_none=True, required=True)
    consented_at = fields.DateTime(allow_none=True, required=True)
    source = fields.String(required=True)
    sequence = fields.Integer(required=True)
    cancelled_at = fields.DateTime(allow_none=True, required=True)
    cancelled_by = fields.String(allow_none=True, required=True)
    cancel_reason = fields.String(allow_none=True, required=True)
    created_at = fields.DateTime(required=True)


class BookingListArgs(PageArgs):
    """Default order: the soonest first."""

    sortable = ("start", "created_at")
    calendar_id = Id(strict=False, load_default=None)
    user_id = fields.String(
        load_default=None,
        validate=validate.Regexp(r"^(me|[1-9][0-9]{0,18})$", error="Use me or a member's id."),
        metadata={"description": "me, or a member's user id"},
    )
    contact_id = Id(strict=False, load_default=None)
    status = fields.String(
        load_default=None,
        validate=validate.OneOf(STATUSES, error="Use confirmed or cancelled."),
    )
    start_from = aware_datetime("Starting at or after", load_default=None, data_key="from")
    start_to = aware_datetime("Starting before", load_default=None, data_key="to")
    q = Text(max_length=200, load_default=None, label="a search")


BookingPageSchema = page_of(BookingSchema)


class BookingPatchSchema(Schema):
    status = fields.String(
        validate=validate.OneOf(["cancelled"], error="A booking can only be cancelled."),
        metadata={"description": "cancelled: cancel it (the customer is told)"},
    )
    start = _start()
    reason = Text(max_length=500, allow_none=True, label="a reason")

    @validates_schema
    def _one_change(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data.get("status") and data.get("start"):
            raise ValidationError("Cancel a booking or move it, not both at once.", "start")


# ---- public -------------------------------------------------------------------------------


class PublicTypeSchema(Schema):
    name = fields.String(required=True)
    slug = fields.String(required=True)
    description = fields.String(allow_none=True, required=True)
    location = fields.String(allow_none=True, required=True)
    duration_minutes = fields.Integer(required=True)
    min_notice_minutes = fields.Integer(required=True)
    max_days_ahead = fields.Integer(required=True, metadata={"description": "The last day open"})
    questions = fields.List(fields.Nested(QuestionSchema), required=True)


class PublicCalendarRefSchema(Schema):
    name = fields.String(required=True)
    slug = fields.String(required=True)
    description = fields.String(allow_none=True, required=True)
    time_zone = fields.String(required=True)


class PublicCalendarSchema(Schema):
    calendar = fields.Nested(PublicCalendarRefSchema, required=True)
    workspace_name = fields.String(required=True)
    name = fields.String(required=True)
    slug = fields.String(required=True)
    description = fields.String(allow_none=True, required=True)
    time_zone = fields.String(required=True)
    consent_text = fields.String(required=True)
    booking_types = fields.List(fields.Nested(PublicTypeSchema), required=True)


class SlotArgs(Schema):
    type = fields.String(
        required=True,
        validate=validate.Length(1, 60),
        metadata={"description": "The booking type's slug"},
    )
    date_from = fields.Date(
        required=True, data_key="from", validate=_near_day, metadata={"description": "In tz"}
    )
    date_to = fields.Date(
        required=True, data_key="to", validate=_near_day, metadata={"description": "In tz"}
    )
    tz = TimeZone(load_default="UTC", metadata={"description": "The visitor's IANA zone"})

    @validates_schema(skip_on_field_errors=True)
    def _range(self, data: dict[str, Any], **kwargs: Any) -> None:
        days = (data["date_to"] - data["date_from"]).days
        if days < 0:
            raise ValidationError("Use a date on or after from.", "to")
        if days > 92:
            raise ValidationError("Ask for at most 93 days at a time.", "to")


class StaffSlotArgs(SlotArgs):
    ignore_booking = Id(
        strict=False,
        load_default=None,
        metadata={"description": "A booking being moved: its own time counts as free"},
    )


class SlotSchema(Schema):
    start = fields.String(required=True, metadata={"description": "ISO 8601, in tz"})
    end = fields.String(required=True, metadata={"description": "ISO 8601, in tz"})


class SlotListSchema(Schema):
    slots = fields.List(fields.Nested(SlotSchema), required=True)


class PublicBookingInSchema(Schema):
    type = fields.String(required=True, validate=validate.Length(1, 60))
    start = _start(required=True)
    name = Text(max_length=200, min_length=1, required=True, label="your name")
    email = Email(required=True)
    answers = fields.Dict(
        keys=fields.String(validate=validate.Length(max=40)),
        values=fields.String(validate=validate.Length(max=2000)),
        load_default=dict,
        metadata={"description": "{question key: answer text}"},
    )
    consent = fields.Boolean(required=True, metadata={"description": "The box was ticked"})
    tz = TimeZone(
        load_default=None,
        allow_none=True,
        metadata={"description": "The visitor's zone (mail, fresh slots); default: the calendar's"},
    )
    website = fields.String(
        load_default=None, metadata={"description": "Leave empty (a field people never see)"}
    )


class PublicBookingSchema(Schema):
    id = fields.Integer(required=True)
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    start = fields.String(required=True, metadata={"description": "ISO 8601, in time_zone"})
    end = fields.String(required=True)
    time_zone = fields.String(required=True)
    name = fields.String(required=True)
    email = fields.String(required=True)
    workspace_name = fields.String(required=True)
    calendar_name = fields.String(required=True)
    workspace_slug = fields.String(required=True)
    calendar_slug = fields.String(required=True)
    type = fields.Nested(PublicTypeSchema, required=True)
    member_name = fields.String(allow_none=True, required=True)
    can_change = fields.Boolean(required=True, metadata={"description": "Not cancelled, to come"})
    token = fields.String(required=True, metadata={"description": "For the manage links"})
    manage_url = fields.String(required=True)


class CancelSchema(Schema):
    reason = Text(max_length=500, allow_none=True, load_default=None, label="a reason")


class RescheduleSchema(Schema):
    start = _start(required=True)
    tz = TimeZone(load_default=None, allow_none=True)
