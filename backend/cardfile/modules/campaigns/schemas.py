from __future__ import annotations

from marshmallow import Schema, fields, validate

from cardfile.api.fields import Email, Id, Text
from cardfile.api.pagination import page_args, page_of
from cardfile.modules.campaigns.models import MESSAGE_STATES, STATUSES

MAX_HTML = 500_000

# ---- templates ---------------------------------------------------------------------------


class TemplateInSchema(Schema):
    name = Text(max_length=200, min_length=1, required=True, label="a name")
    subject = Text(max_length=500, min_length=1, required=True, label="a subject")
    html = fields.String(
        required=True,
        validate=validate.Length(min=1, max=MAX_HTML, error="Write the message (HTML)."),
        metadata={
            "description": "Jinja2: contact.first_name, contact.custom.key, "
            "unsubscribe_url, preferences_url, ... | default('…')"
        },
    )
    text = fields.String(
        allow_none=True,
        validate=validate.Length(max=MAX_HTML),
        metadata={"description": "Plain-text version; made from the HTML when empty"},
    )


class TemplatePatchSchema(Schema):
    name = Text(max_length=200, min_length=1, label="a name")
    subject = Text(max_length=500, min_length=1, label="a subject")
    html = fields.String(validate=validate.Length(min=1, max=MAX_HTML))
    text = fields.String(allow_none=True, validate=validate.Length(max=MAX_HTML))


class TemplateSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    subject = fields.String(required=True)
    html = fields.String(required=True)
    text = fields.String(allow_none=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)


class TemplateListArgs(page_args("name", "updated_at", name="TemplateListBase")):  # type: ignore[misc]
    q = Text(max_length=200, allow_none=True)


TemplatePageSchema = page_of(TemplateSchema)


class PreviewArgs(Schema):
    contact_id = fields.Integer(
        load_default=None,
        validate=validate.Range(min=1, error="No such contact."),
        metadata={"description": "Render as this contact"},
    )


class RenderedSchema(Schema):
    subject = fields.String(required=True)
    html = fields.String(required=True)
    text = fields.String(required=True)


# ---- campaigns ---------------------------------------------------------------------------


class AbSchema(Schema):
    kind = fields.String(
        required=True, validate=validate.OneOf(("subject", "content"), error="subject or content")
    )
    subject_b = Text(max_length=500, allow_none=True)
    template_b_id = Id(allow_none=True)
    split_percent = fields.Integer(
        load_default=20,
        validate=validate.Range(min=2, max=100, error="Test on 2 to 100 percent."),
        metadata={"description": "Share of recipients in the test (half A, half B)"},
    )
    winner_by = fields.String(load_default="opens", validate=validate.OneOf(("opens", "clicks")))
    wait_hours = fields.Integer(
        load_default=4, validate=validate.Range(min=1, max=168, error="1 to 168 hours.")
    )


def _ids(description: str) -> fields.List:
    return fields.List(
        Id(),
        load_default=list,
        validate=validate.Length(max=50),
        metadata={"description": description},
    )


class CampaignInSchema(Schema):
    name = Text(max_length=200, min_length=1, required=True, label="a name")
    template_id = Id(allow_none=True)
    list_ids = _ids("Send to subscribers of these lists")
    segment_ids = _ids("… and to the people in these segments")
    exclude_segment_ids = _ids("… except the people in these segments")
    from_email = Email(required=True)
    from_name = Text(max_length=200, allow_none=True)
    reply_to = Email(allow_none=True)
    throttle_per_minute = fields.Integer(
        allow_none=True,
        validate=validate.Range(min=1, max=100_000),
        metadata={"description": "At most this many messages a minute"},
    )
    track_opens = fields.Boolean(load_default=True)
    track_clicks = fields.Boolean(load_default=True)
    ab = fields.Nested(AbSchema, allow_none=True, load_default=None)


class CampaignPatchSchema(Schema):
    name = Text(max_length=200, min_length=1, label="a name")
    template_id = Id(allow_none=True)
    list_ids = fields.List(Id(), validate=validate.Length(max=50))
    segment_ids = fields.List(Id(), validate=validate.Length(max=50))
    exclude_segment_ids = fields.List(Id(), validate=validate.Length(max=50))
    from_email = Email()
    from_name = Text(max_length=200, allow_none=True)
    reply_to = Email(allow_none=True)
    throttle_per_minute = fields.Integer(
        allow_none=True, validate=validate.Range(min=1, max=100_000)
    )
    track_opens = fields.Boolean()
    track_clicks = fields.Boolean()
    ab = fields.Nested(AbSchema, allow_none=True)


class CampaignSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    template_id = fields.Integer(allow_none=True)
    list_ids = fields.List(fields.Integer(), required=True)
    segment_ids = fields.List(fields.Integer(), required=True)
    exclude_segment_ids = fields.List(fields.Integer(), required=True)
    from_email = fields.String(required=True)
    from_name = fields.String(allow_none=True)
    reply_to = fields.String(allow_none=True)
    status = fields.String(required=True, metadata={"description": ", ".join(STATUSES)})
    scheduled_at = fields.DateTime(allow_none=True)
    throttle_per_minute = fields.Integer(allow_none=True)
    track_opens = fields.Boolean(required=True)
    track_clicks = fields.Boolean(required=True)
    ab = fields.Nested(AbSchema, allow_none=True)
    winner = fields.String(allow_none=True)
    ab_decide_at = fields.DateTime(allow_none=True)
    recipients = fields.Integer(allow_none=True)
    sent = fields.Integer(required=True)
    progress = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        required=True,
        metadata={"description": "Messages by state: " + ", ".join(MESSAGE_STATES)},
    )
    started_at = fields.DateTime(allow_none=True)
    finished_at = fields.DateTime(allow_none=True)
    status_note = fields.String(
        allow_none=True,
        metadata={"description": "Why it is paused, when the system paused it"},
    )
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)


class CampaignListArgs(
    page_args("name", "created_at", "updated_at", "scheduled_at", name="CampaignListBase")  # type: ignore[misc]
):
    q = Text(max_length=200, allow_none=True)
    status = fields.String(allow_none=True, validate=validate.OneOf(STATUSES))


CampaignPageSchema = page_of(CampaignSchema)


class SendSchema(Schema):
    at = fields.DateTime(
        load_default=None,
        allow_none=True,
        metadata={"description": "Schedule for this time (no offset: the workspace's zone)"},
    )


class TestSendSchema(Schema):
    emails = fields.List(
        Email(),
        required=True,
        validate=validate.Length(min=1, max=10, error="Give 1 to 10 addresses."),
    )
    contact_id = Id(load_default=None, metadata={"description": "Personalise as this contact"})


class QueuedSchema(Schema):
    queued = fields.Integer(required=True)


class CountSchema(Schema):
    count = fields.Integer(required=True)


class FiguresSchema(Schema):
    recipients = fields.Integer(required=True)
    sent = fields.Integer(required=True)
    delivered = fields.Integer(required=True)
    failed = fields.Integer(required=True)
    uncertain = fields.Integer(
        required=True,
        metadata={"description": "Sender stopped mid-handover: maybe received, not resent"},
    )
    skipped = fields.Integer(required=True)
    waiting = fields.Integer(required=True)
    bounced = fields.Integer(required=True)
    opens = fields.Integer(required=True)
    unique_opens = fields.Integer(required=True)
    clicks = fields.Integer(required=True)
    unique_clicks = fields.Integer(required=True)
    unsubscribes = fields.Integer(required=True)
    complaints = fields.Integer(required=True)
    open_rate = fields.Float(required=True)
    click_rate = fields.Float(required=True)


class VersionFiguresSchema(FiguresSchema):
    version = fields.String(required=True)


class TimelinePointSchema(Schema):
    at = fields.DateTime(required=True)
    sent = fields.Integer(required=True)
    opens = fields.Integer(required=True)
    clicks = fields.Integer(required=True)


class LinkFiguresSchema(Schema):
    url = fields.String(required=True)
    clicks = fields.Integer(required=True)
    unique_clicks = fields.Integer(required=True)


class ReportSchema(Schema):
    campaign_id = fields.Integer(required=True)
    status = fields.String(required=True)
    winner = fields.String(allow_none=True)
    totals = fields.Nested(FiguresSchema, required=True)
    versions = fields.List(fields.Nested(VersionFiguresSchema), required=True)
    timeline = fields.List(fields.Nested(TimelinePointSchema), required=True)
    links = fields.List(fields.Nested(LinkFiguresSchema), required=True)


class MessageSchema(Schema):
    id = fields.Integer(required=True)
    campaign_id = fields.Integer(required=True)
    campaign_name = fields.String(required=True)
    initiator = fields.String(allow_none=True)
    version = fields.String(allow_none=True)
    subject = fields.String(allow_none=True)
    state = fields.String(required=True)
    error = fields.String(allow_none=True)
    sent_at = fields.DateTime(allow_none=True)
    delivered = fields.Boolean(required=True)
    opened_at = fields.DateTime(allow_none=True)
    open_count = fields.Integer(required=True)
    clicked_at = fields.DateTime(allow_none=True)
    click_count = fields.Integer(required=True)
    unsubscribed_at = fields.DateTime(allow_none=True)
    bounced_at = fields.DateTime(allow_none=True)


MessageListArgs = page_args("created_at", "sent_at", name="MessageListArgs")
MessagePageSchema = page_of(MessageSchema)


class UnsubscribedSchema(Schema):
    status = fields.String(required=True)
    message = fields.String(required=True)
