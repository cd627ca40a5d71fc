from __future__ import annotations

from marshmallow import (
    Schema,
    ValidationError,
    fields,
    pre_load,
    validate,
    validates,
    validates_schema,
)

from cardfile.api.fastdump import FastDumpSchema
from cardfile.api.fields import Color, Email, Id, Text, TimeZone
from cardfile.api.pagination import page_args, page_of
from cardfile.modules.contacts.custom_fields import ENTITIES, FIELD_TYPES
from cardfile.modules.contacts.models import EMAIL_STATUSES
from cardfile.modules.contacts.phones import e164


class Phone(Text):
    """Any way people write a number; it must parse (phonenumbers) with its country code."""

    def __init__(self, **kwargs: object):
        super().__init__(max_length=40, label="a phone number", **kwargs)  # type: ignore[arg-type]

    def _deserialize(self, value: object, attr: str | None, data: object, **kwargs: object):  # type: ignore[no-untyped-def]
        typed = super()._deserialize(value, attr, data, **kwargs)
        if typed is not None and e164(typed) is None:
            raise ValidationError(
                "Enter a phone number with its country code, like +48 601 234 567."
            )
        return typed


def tag_name(**kwargs: object) -> Text:
    return Text(max_length=100, min_length=1, label="a tag name", **kwargs)


def aware_datetime(description: str, **kwargs: object) -> fields.AwareDateTime:
    return fields.AwareDateTime(
        metadata={"description": f"{description} (ISO 8601 with its time zone offset)"},
        error_messages={
            "invalid": "Enter a date and time, like 2026-12-01T09:00:00+01:00.",
            "invalid_awareness": "Give the time zone too, like 2026-12-01T09:00:00+01:00.",
        },
        **kwargs,  # type: ignore[arg-type]
    )


# Recorded by Cardfile, shown on the card, never written through the API.
CAPTURED = {
    "id": "The id",
    "created_at": "Created at",
    "updated_at": "Updated at",
    "created_by": "Created by",
    "created_by_user_id": "Created by",
    "source": "Source",
    "lifetime_value": "Lifetime value",
    "order_count": "Order count",
    "score": "Score",
    "last_activity_at": "Last activity",
    "email_status": "Email status",
    "email_status_reason": "Email status reason",
    "email_checked_at": "Email checked at",
}


class ContactInSchema(Schema):
    email = Email(allow_none=True)
    first_name = Text(max_length=100, allow_none=True)
    last_name = Text(max_length=100, allow_none=True)
    phone = Phone(allow_none=True)
    company = Text(max_length=200, allow_none=True)
    company_id = Id(allow_none=True, metadata={"description": "A company of this workspace"})
    job_title = Text(max_length=200, allow_none=True, label="a job title")
    time_zone = TimeZone(allow_none=True)
    contact_class_id = Id()
    next_action = Text(max_length=500, allow_none=True, label="a next action")
    follow_up_at = aware_datetime("When to follow up", allow_none=True)
    tracking_disabled = fields.Boolean(
        metadata={"description": "GDPR: events about this person are accepted, not recorded"}
    )
    custom = fields.Dict(
        keys=fields.String(validate=validate.Length(max=64)),
        values=fields.Raw(allow_none=True),
        allow_none=True,
    )
    tags = fields.List(tag_name(), validate=validate.Length(max=100), allow_none=True)

    @validates("custom")
    def _bounded(self, value: dict | None, **_: object) -> None:
        if value is not None and len(value) > 200:
            raise ValidationError("Too many custom values (at most 200).")

    @pre_load
    def _not_captured(self, data: object, **_: object) -> object:
        if isinstance(data, dict) and (written := [k for k in CAPTURED if k in data]):
            raise ValidationError(
                {k: [f"{CAPTURED[k]} is recorded by Cardfile and cannot be set."] for k in written}
            )
        return data


class ContactPatchSchema(ContactInSchema):
    """Same fields as ContactInSchema, all optional (used with partial=True)."""


class ContactSchema(FastDumpSchema):
    id = fields.Integer(required=True)
    email = fields.String(allow_none=True)
    first_name = fields.String(allow_none=True)
    last_name = fields.String(allow_none=True)
    phone = fields.String(allow_none=True, metadata={"description": "E.164, like +48601234567"})
    phone_display = fields.String(allow_none=True, metadata={"description": "As typed"})
    company = fields.String(allow_none=True)
    company_id = fields.Integer(allow_none=True)
    job_title = fields.String(allow_none=True)
    time_zone = fields.String(allow_none=True)
    contact_class_id = fields.Integer(required=True)
    next_action = fields.String(allow_none=True)
    follow_up_at = fields.DateTime(allow_none=True)
    tracking_disabled = fields.Boolean(required=True)
    custom = fields.Dict(required=True)
    tags = fields.List(fields.String(), attribute="tag_names", required=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)
    # Captured (read-only)
    created_by = fields.String(
        attribute="created_by_kind",
        required=True,
        metadata={"description": "user, api, form, import, job or system"},
    )
    created_by_user_id = fields.Integer(allow_none=True)
    source = fields.String(allow_none=True)
    lifetime_value = fields.Dict(
        required=True, metadata={"description": 'Per currency, e.g. {"PLN": "120.50"}'}
    )
    order_count = fields.Integer(required=True)
    score = fields.Integer(required=True)
    last_activity_at = fields.DateTime(allow_none=True)
    email_status = fields.String(
        required=True,
        metadata={"description": "valid, risky, invalid, suppressed or unverified"},
    )
    email_status_reason = fields.String(
        allow_none=True, metadata={"description": "Why, e.g. “Role address (info@)”"}
    )
    email_checked_at = fields.DateTime(allow_none=True)


class ContactListArgs(
    page_args(
        "created_at",
        "updated_at",
        "email",
        "first_name",
        "last_name",  # type: ignore[misc]
        "company",
        name="ContactListArgsBase",
    )
):
    q = Text(max_length=200, metadata={"description": "Search name, email, phone, company"})
    tag = Text(max_length=100, metadata={"description": "Only contacts with this tag (name)"})
    contact_class_id = Id(strict=False)
    email_status = fields.String(
        validate=validate.OneOf(
            EMAIL_STATUSES, error="Choose valid, risky, invalid, suppressed or unverified."
        ),
        metadata={"description": "Only contacts whose address has this status"},
    )


class ContactFilterSchema(Schema):
    """The contacts list's filters, as a body (bulk actions, export)."""

    q = Text(max_length=200, metadata={"description": "Search name, email, phone, company"})
    tag = Text(max_length=100, metadata={"description": "Only contacts with this tag (name)"})
    contact_class_id = Id()
    email_status = fields.String(
        validate=validate.OneOf(
            EMAIL_STATUSES, error="Choose valid, risky, invalid, suppressed or unverified."
        ),
        metadata={"description": "Only contacts whose address has this status"},
    )


MAX_SELECTED_IDS = 100_000


class SelectionSchema(Schema):
    """Which contacts: listed `ids`, or every contact matching `filter` (resolved on the
    server, within the caller's contact classes). Exactly one of the two."""

    ids = fields.List(
        Id(),
        validate=validate.Length(
            min=1, max=MAX_SELECTED_IDS, error="Select 1 to 100,000 contacts."
        ),
    )
    filter = fields.Nested(ContactFilterSchema)

    @validates_schema
    def _one_way(self, data: dict, **_: object) -> None:
        if ("ids" in data) == ("filter" in data):
            raise ValidationError("Send either ids or filter.", "ids")


class TrashedContactSchema(ContactSchema):
    deleted_at = fields.DateTime(required=True)


class TrashListArgs(
    page_args(
        "deleted_at", "created_at", "email", "first_name", "last_name", name="TrashListArgsBase"
    )  # type: ignore[misc]
):
    q = Text(max_length=200, metadata={"description": "Search name, email, phone, company"})


class BulkTagSchema(Schema):
    tag_name = tag_name(required=True, data_key="tag")
    remove = fields.Boolean(load_default=False)
    q = Text(max_length=200)
    tag = Text(max_length=100, data_key="tag_filter")
    contact_class_id = Id()


class TagInSchema(Schema):
    name = tag_name(required=True)
    color = Color(load_default="blue")


class TagPatchSchema(Schema):
    name = tag_name()
    color = Color()


class TagSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    color = fields.String(required=True)
    contact_count = fields.Integer(required=True)


class TagListArgs(page_args("name", "created_at", name="TagListArgsBase")):  # type: ignore[misc]
    q = Text(max_length=100)


def entity_field() -> fields.String:
    """Whose custom fields: a contact's (the default) or a company's."""
    return fields.String(
        load_default="contact",
        validate=validate.OneOf(ENTITIES, error="Choose contact or company."),
        metadata={"description": "contact (default) or company"},
    )


class CustomFieldInSchema(Schema):
    key = Text(
        max_length=63,
        allow_none=True,
        label="a key",
        metadata={"description": "Optional: derived from the label (transliterated) when absent"},
    )
    label = Text(max_length=100, min_length=1, required=True, label="a label")
    type = fields.String(required=True, validate=validate.OneOf(FIELD_TYPES))
    choices = fields.List(
        Text(max_length=100), load_default=list, validate=validate.Length(max=200)
    )
    entity = entity_field()


class CustomFieldPatchSchema(Schema):
    label = Text(max_length=100, min_length=1, label="a label")
    choices = fields.List(Text(max_length=100), validate=validate.Length(max=200))
    position = fields.Integer(strict=True, validate=validate.Range(min=0, max=10_000))


class CustomFieldSchema(Schema):
    id = fields.Integer(required=True)
    key = fields.String(required=True)
    label = fields.String(required=True)
    type = fields.String(required=True, validate=validate.OneOf(FIELD_TYPES))
    choices = fields.List(fields.String(), required=True)
    position = fields.Integer(required=True)
    entity = fields.String(required=True, validate=validate.OneOf(ENTITIES))


class ActivitySchema(Schema):
    id = fields.Integer(required=True)
    kind = fields.String(required=True)
    data = fields.Dict(required=True)
    actor_kind = fields.String(
        required=True,
        metadata={"description": "user, api, form, import, job or system"},
    )
    actor_name = fields.String(
        allow_none=True, metadata={"description": "Ann · Ann via API · Web form · ..."}
    )
    created_at = fields.DateTime(required=True)


class CustomFieldListArgs(
    page_args("position", "key", "label", "created_at", name="CustomFieldListArgsBase")  # type: ignore[misc]
):
    entity = entity_field()


ActivityListArgs = page_args("created_at", name="ActivityListArgs")


class ContactTagInSchema(Schema):
    name = tag_name(required=True)
    expires_at = aware_datetime("When the tag comes off by itself", allow_none=True)


class ContactTagSchema(Schema):
    id = fields.Integer(required=True, metadata={"description": "The tag's id"})
    name = fields.String(required=True)
    color = fields.String(required=True)
    expires_at = fields.DateTime(allow_none=True)


class ContactTagListSchema(Schema):
    items = fields.List(fields.Nested(ContactTagSchema), required=True)


class TagCloudItemSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    color = fields.String(required=True)
    count = fields.Integer(required=True, metadata={"description": "Contacts I may see"})


class TagCloudSchema(Schema):
    items = fields.List(fields.Nested(TagCloudItemSchema), required=True)


def kinds_arg() -> Text:
    return Text(
        max_length=400,
        metadata={"description": "Only these kinds, comma-separated (note_added,tag_added)"},
    )


class TimelineArgs(Schema):
    type = kinds_arg()
    before = fields.String(
        validate=validate.Length(max=200),
        metadata={"description": "The `next` of the previous page"},
    )
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class TimelineSchema(Schema):
    items = fields.List(fields.Nested(ActivitySchema), required=True)
    next = fields.String(
        allow_none=True,
        required=True,
        metadata={"description": "Pass as `before` for the older page; null on the last"},
    )


class HistogramArgs(Schema):
    by = fields.String(load_default="hour", validate=validate.OneOf(("hour", "weekday")))
    tz = TimeZone(load_default="UTC")
    type = kinds_arg()


class HistogramBucketSchema(Schema):
    key = fields.Integer(
        required=True, metadata={"description": "Hour 0-23, or ISO weekday 1 (Monday)-7"}
    )
    count = fields.Integer(required=True)


class HistogramSchema(Schema):
    by = fields.String(required=True)
    tz = fields.String(required=True)
    buckets = fields.List(fields.Nested(HistogramBucketSchema), required=True)


ContactPageSchema = page_of(ContactSchema)
TrashPageSchema = page_of(TrashedContactSchema)
TagPageSchema = page_of(TagSchema)
CustomFieldPageSchema = page_of(CustomFieldSchema)
ActivityPageSchema = page_of(ActivitySchema)
