from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
from marshmallow import Schema, ValidationError, fields, pre_load, validate, validates_schema

from cardfile.api.fields import Email, Id, Text
from cardfile.modules.contacts.schemas import aware_datetime

EVENT_TYPES = ("page_visit", "form_submitted", "file_downloaded", "custom")
MAX_EVENTS = 1_000
TOO_MANY = "At most 1,000 events per request."
FUTURE_SLACK = timedelta(minutes=5)  # clocks of the integrator's servers drift
MAX_DICT_KEYS = 50
MAX_DICT_JSON = 4_000
# What each type needs besides a contact: (field, what to ask for).
NEEDS = {
    "page_visit": ("url", "Enter the page's URL."),
    "form_submitted": ("form", "Enter the form's name."),
    "file_downloaded": ("file", "Enter the file's name."),
    "custom": ("name", "Enter the event's name."),
}


class SmallDict(fields.Dict):
    """A small JSON object (form fields, event properties) as the timeline keeps it."""

    def __init__(self, **kwargs: Any):
        super().__init__(keys=fields.String(), values=fields.Raw(allow_none=True), **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        found = super()._deserialize(value, attr, data, **kwargs)
        if len(found) > MAX_DICT_KEYS:
            raise ValidationError(f"Send at most {MAX_DICT_KEYS} keys.")
        try:
            dumped = orjson.dumps(found)
        except TypeError as error:  # a broken character (a lone surrogate)
            raise ValidationError("This object has a broken character.") from error
        if len(dumped) > MAX_DICT_JSON:
            raise ValidationError("Keep this object under 4,000 characters of JSON.")
        if b"\\u0000" in dumped:
            raise ValidationError("Remove the NUL character (\\0) from this object.")
        return found


class RepeatedEmail(Email):
    """An Email field that remembers the addresses it accepted: a batch names the same few
    contacts again and again, and checking an address is most of an event's parsing."""

    LIMIT = 10_000

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self._accepted: dict[str, str | None] = {}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if isinstance(value, str) and value in self._accepted:
            return self._accepted[value]
        text = super()._deserialize(value, attr, data, **kwargs)
        if isinstance(value, str):
            if len(self._accepted) >= self.LIMIT:
                self._accepted.clear()
            self._accepted[value] = text
        return text


class EventSchema(Schema):
    type = fields.String(
        required=True,
        validate=validate.OneOf(EVENT_TYPES, error=f"Use one of: {', '.join(EVENT_TYPES)}."),
        error_messages={"required": f"Give the type: one of {', '.join(EVENT_TYPES)}."},
    )
    contact_id = Id(allow_none=True, metadata={"description": "The contact (or give email)"})
    email = RepeatedEmail(
        allow_none=True, metadata={"description": "Found case-insensitively (or give contact_id)"}
    )
    create = fields.Boolean(
        load_default=False,
        metadata={"description": "Add a contact with this email when none exists"},
    )
    occurred_at = aware_datetime("When it happened (default: now)", allow_none=True)
    url = Text(max_length=2000, allow_none=True, label="the page's URL")
    referrer = Text(max_length=2000, allow_none=True, label="the referrer")
    user_agent = Text(
        max_length=1000,
        allow_none=True,
        label="the user agent",
        metadata={"description": "page_visit: device, OS and browser are read from it"},
    )
    form = Text(max_length=200, allow_none=True, label="the form's name")
    form_fields = SmallDict(
        allow_none=True, data_key="fields", metadata={"description": "form_submitted: the values"}
    )
    file = Text(max_length=500, allow_none=True, label="the file's name")
    name = Text(max_length=100, allow_none=True, label="the event's name")
    properties = SmallDict(allow_none=True, metadata={"description": "custom: small JSON"})

    @validates_schema
    def _complete(self, data: dict[str, Any], **_: Any) -> None:
        errors: dict[str, list[str]] = {}
        if data.get("contact_id") is None and not data.get("email"):
            errors["email"] = ["Give the contact's email or contact_id."]
        field, message = NEEDS[data["type"]]
        if not data.get(field):
            errors[field] = [message]
        at = data.get("occurred_at")
        if at is not None and at > datetime.now(UTC) + FUTURE_SLACK:
            errors["occurred_at"] = ["This time is in the future."]
        if errors:
            raise ValidationError(errors)


class EventList(fields.List):
    """A list of events loaded as one `many` load (a third faster than an item at a time);
    errors are named by index: events.3.type."""

    def __init__(self, **kwargs: Any):
        super().__init__(fields.Nested(EventSchema), **kwargs)
        self._events = EventSchema(many=True)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if not isinstance(value, list):
            raise self.make_error("invalid")
        return self._events.load(value)


class EventsInSchema(Schema):
    """{events: [...]} or one event object on its own (then errors name its fields plainly)."""

    events = EventList(
        required=True,
        metadata={"description": f"1 to {MAX_EVENTS:,}; or post a single event object instead"},
    )

    @pre_load
    def _one_or_many(self, data: Any, **_: Any) -> Any:
        if not isinstance(data, dict):
            return data
        if "events" not in data:
            if errors := EventSchema().validate(data):
                raise ValidationError(errors)
            return {"events": [data]}
        events = data["events"]
        if isinstance(events, list) and len(events) > MAX_EVENTS:
            raise ValidationError({"events": [TOO_MANY]})
        if isinstance(events, list) and not events:
            raise ValidationError({"events": ["Send at least one event."]})
        return data


class EventsAcceptedSchema(Schema):
    accepted = fields.Integer(required=True, metadata={"description": "Events stored"})
    created_contacts = fields.Integer(
        required=True, metadata={"description": "Contacts added (create: true)"}
    )
    contact_ids = fields.List(
        fields.Integer(), required=True, metadata={"description": "Each event's contact, in order"}
    )
