from __future__ import annotations

from marshmallow import Schema, fields, validate

from cardfile.api.fields import Email, Id, Text
from cardfile.api.pagination import page_args, page_of
from cardfile.modules.lists.models import STATUSES

STATUS_CHOICE = validate.OneOf(STATUSES, error=f"Choose one of: {', '.join(STATUSES)}.")


class ListInSchema(Schema):
    name = Text(max_length=200, min_length=1, required=True, label="a name")
    description = Text(max_length=1000, allow_none=True, multiline=True)
    double_opt_in = fields.Boolean(
        load_default=False,
        metadata={"description": "New subscribers confirm by a link mailed to them first"},
    )
    public = fields.Boolean(
        load_default=True,
        metadata={"description": "Offered on the preference page and by its subscribe form"},
    )


class ListPatchSchema(Schema):
    name = Text(max_length=200, min_length=1, label="a name")
    description = Text(max_length=1000, allow_none=True, multiline=True)
    double_opt_in = fields.Boolean()
    public = fields.Boolean()
    renew_form = fields.Boolean(
        metadata={"description": "A new form address; forms embedded so far stop working"}
    )


class StatusCountsSchema(Schema):
    unconfirmed = fields.Integer(required=True)
    subscribed = fields.Integer(required=True)
    unsubscribed = fields.Integer(required=True)
    bounced = fields.Integer(required=True)
    complained = fields.Integer(required=True)


class ListSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    description = fields.String(allow_none=True)
    double_opt_in = fields.Boolean(required=True)
    public = fields.Boolean(required=True)
    counts = fields.Nested(
        StatusCountsSchema,
        required=True,
        metadata={"description": "Subscribers by status, among the contacts you may see"},
    )
    form_url = fields.String(
        required=True, metadata={"description": "Where the list's public form POSTs"}
    )
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)
    deleted_at = fields.DateTime(allow_none=True)


class ListListArgs(page_args("name", "created_at", name="ListListBase")):  # type: ignore[misc]
    q = Text(max_length=200, allow_none=True)
    deleted = fields.Boolean(load_default=False, metadata={"description": "The trash instead"})


ListPageSchema = page_of(ListSchema)


class SubscriptionInSchema(Schema):
    contact_id = Id(required=True)
    status = fields.String(
        required=True,
        validate=STATUS_CHOICE,
        metadata={"description": "“unconfirmed” on a double opt-in list mails a confirmation"},
    )
    source = Text(max_length=200, allow_none=True)


class SubscriberSchema(Schema):
    list_id = fields.Integer(required=True)
    contact_id = fields.Integer(required=True)
    status = fields.String(required=True)
    source = fields.String(allow_none=True)
    subscribed_at = fields.DateTime(allow_none=True)
    unsubscribed_at = fields.DateTime(allow_none=True)
    updated_at = fields.DateTime(required=True)
    email = fields.String(allow_none=True)
    first_name = fields.String(allow_none=True)
    last_name = fields.String(allow_none=True)


class SubscriberListArgs(
    page_args("updated_at", "subscribed_at", "email", name="SubscriberListBase")  # type: ignore[misc]
):
    status = fields.String(allow_none=True, validate=STATUS_CHOICE)
    q = Text(max_length=200, allow_none=True)


SubscriberPageSchema = page_of(SubscriberSchema)


class ContactSubscriptionSchema(Schema):
    list_id = fields.Integer(required=True)
    list_name = fields.String(required=True)
    status = fields.String(required=True)
    source = fields.String(allow_none=True)
    subscribed_at = fields.DateTime(allow_none=True)
    unsubscribed_at = fields.DateTime(allow_none=True)
    updated_at = fields.DateTime(required=True)


class SubscriptionEventSchema(Schema):
    id = fields.Integer(required=True)
    list_id = fields.Integer(required=True)
    list_name = fields.String(required=True)
    status = fields.String(required=True)
    source = fields.String(allow_none=True)
    proof_text = fields.String(allow_none=True)
    ip = fields.String(allow_none=True)
    user_agent = fields.String(allow_none=True)
    actor_kind = fields.String(required=True)
    actor_name = fields.String(allow_none=True)
    at = fields.DateTime(required=True)


class ContactSubscriptionsSchema(Schema):
    items = fields.List(fields.Nested(ContactSubscriptionSchema), required=True)
    history = fields.List(fields.Nested(SubscriptionEventSchema), required=True)


# ---- public ----------------------------------------------------------------------------


class PublicSubscribeSchema(Schema):
    email = Email(required=True)
    first_name = Text(max_length=100, allow_none=True)
    last_name = Text(max_length=100, allow_none=True)
    consent_text = Text(
        max_length=2000,
        allow_none=True,
        multiline=True,
        metadata={"description": "The consent wording shown next to the form: kept as proof"},
    )
    website = fields.String(
        load_default=None, metadata={"description": "Leave empty (a field bots fill in)"}
    )


class PublicAnswerSchema(Schema):
    status = fields.String(required=True)
    message = fields.String(required=True)


class PreferenceListSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    description = fields.String(allow_none=True)
    status = fields.String(allow_none=True)
    subscribed = fields.Boolean(required=True)


class PreferencesSchema(Schema):
    workspace_name = fields.String(required=True)
    first_name = fields.String(allow_none=True)
    email = fields.String(required=True)
    lists = fields.List(fields.Nested(PreferenceListSchema), required=True)


class PreferencesInSchema(Schema):
    subscribed = fields.List(
        Id(), load_default=list, metadata={"description": "The lists to be on, exactly"}
    )
    unsubscribe_all = fields.Boolean(load_default=False)
