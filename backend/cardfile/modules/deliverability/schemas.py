from __future__ import annotations

import re
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates

from cardfile.api.fields import Id, Text
from cardfile.api.pagination import page_args, page_of

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


class DomainInSchema(Schema):
    domain = Text(max_length=253, min_length=3, required=True, label="a domain, like example.com")

    @validates("domain")
    def _is_a_domain(self, value: str, **_: Any) -> None:
        labels = value.lower().rstrip(".").split(".")
        if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
            raise ValidationError("Enter a domain name, like example.com (no @, no http://).")


class RecordSchema(Schema):
    type = fields.String(required=True)
    name = fields.String(required=True)
    value = fields.String(required=True)
    purpose = fields.String(
        required=True, metadata={"description": "spf, dkim, dmarc, return_path"}
    )


class CheckSchema(Schema):
    purpose = fields.String(required=True)
    state = fields.String(
        required=True, metadata={"description": "ok, warning, missing, wrong, unknown"}
    )
    explanation = fields.String(required=True)


class SendingDomainSchema(Schema):
    id = fields.Integer(required=True)
    domain = fields.String(required=True)
    verified = fields.Boolean(required=True)
    verified_at = fields.DateTime(allow_none=True)
    checked_at = fields.DateTime(allow_none=True)
    checks = fields.List(fields.Nested(CheckSchema), required=True)
    records = fields.List(
        fields.Nested(RecordSchema), required=True, metadata={"description": "To publish"}
    )
    created_at = fields.DateTime(required=True)


DomainListArgs = page_args("domain", "created_at", name="SendingDomainListArgs")
SendingDomainPageSchema = page_of(SendingDomainSchema)


class VerifySchema(Schema):
    verified = fields.Boolean(required=True)
    checks = fields.List(fields.Nested(CheckSchema), required=True)
    domain = fields.Nested(SendingDomainSchema, required=True)


# ---- health, rates, alerts ---------------------------------------------------------------


class RateFiguresSchema(Schema):
    sent = fields.Integer(required=True)
    bounced = fields.Integer(required=True)
    complained = fields.Integer(required=True)
    bounce_rate = fields.Float(required=True, metadata={"description": "percent"})
    complaint_rate = fields.Float(required=True, metadata={"description": "percent"})


class PeriodRatesSchema(Schema):
    class Meta:
        include = {
            "24h": fields.Nested(RateFiguresSchema, required=True),
            "7d": fields.Nested(RateFiguresSchema, required=True),
        }


class RatesSchema(PeriodRatesSchema):
    last_1000 = fields.Nested(
        RateFiguresSchema,
        required=True,
        metadata={"description": "The last 1,000 sent since the last resume: what pauses"},
    )


class ListingSchema(Schema):
    zone = fields.String(required=True)
    target = fields.String(required=True)
    listed = fields.Boolean(
        allow_none=True, required=True, metadata={"description": "None: no answer"}
    )
    explanation = fields.String(required=True)


class DomainHealthSchema(Schema):
    id = fields.Integer(required=True)
    domain = fields.String(required=True)
    verified = fields.Boolean(required=True)
    checked_at = fields.DateTime(allow_none=True)
    checks = fields.List(fields.Nested(CheckSchema), required=True)
    score = fields.Integer(allow_none=True, required=True)
    penalties = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    blocklists = fields.List(fields.Nested(ListingSchema), required=True)
    rates = fields.Nested(PeriodRatesSchema, required=True)


class SendingIpSchema(Schema):
    ip = fields.String(required=True)
    name = fields.String(allow_none=True)
    state = fields.String(metadata={"description": "reverse DNS: ok, missing, wrong, unknown"})
    explanation = fields.String()
    blocklists = fields.List(fields.Nested(ListingSchema), required=True)


class SendingHealthSchema(Schema):
    score = fields.Integer(allow_none=True, required=True)
    penalties = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    checked_at = fields.DateTime(allow_none=True, required=True)
    domains = fields.List(fields.Nested(DomainHealthSchema), required=True)
    sending_ips = fields.List(fields.Nested(SendingIpSchema), required=True)


class AlertSchema(Schema):
    id = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)
    kind = fields.String(
        required=True,
        metadata={"description": "bounce_rate, complaint_rate, blocklisted, authentication"},
    )
    subject = fields.String(required=True)
    message = fields.String(required=True)
    pauses = fields.Boolean(required=True)
    resolved_at = fields.DateTime(allow_none=True, required=True)
    resolved_by = fields.Integer(allow_none=True, required=True)
    resolution = fields.String(allow_none=True, required=True)


class LimitsSchema(Schema):
    bounce = fields.Float(
        required=True, validate=validate.Range(min=0.5, max=50), metadata={"description": "%"}
    )
    complaint = fields.Float(
        required=True, validate=validate.Range(min=0.01, max=5), metadata={"description": "%"}
    )


class WorkspaceLimitsSchema(LimitsSchema):
    min_sample = fields.Integer(
        required=True,
        metadata={"description": "Messages sent (since the last resume) before a rate pauses"},
    )


class HistoryPointSchema(Schema):
    at = fields.DateTime(required=True)
    domain_id = fields.Integer(allow_none=True, required=True)
    domain = fields.String(allow_none=True, required=True)
    score = fields.Integer(required=True)


class DeliverabilitySchema(Schema):
    health = fields.Nested(SendingHealthSchema, required=True)
    rates = fields.Nested(RatesSchema, required=True)
    limits = fields.Nested(WorkspaceLimitsSchema, required=True)
    paused = fields.Boolean(required=True)
    pause = fields.Nested(AlertSchema, allow_none=True, required=True)
    alerts = fields.List(fields.Nested(AlertSchema), required=True)
    history = fields.List(fields.Nested(HistoryPointSchema), required=True)


class ResumeInSchema(Schema):
    reason = Text(
        min_length=3,
        max_length=1000,
        required=True,
        multiline=True,
        label="why sending may start again (kept with the alert)",
    )


class ResumeSchema(Schema):
    alert_id = fields.Integer(required=True)
    resumed_campaigns = fields.List(fields.Integer(), required=True)
    left_paused = fields.List(
        fields.Integer(),
        required=True,
        metadata={"description": "Paused campaigns that cannot go on (say, an unverified domain)"},
    )


class CheckAcceptedSchema(Schema):
    job_id = fields.String(required=True)


class BounceListArgs(page_args("at", "email", "kind", name="BounceListArgsBase")):  # type: ignore[misc]
    kind = fields.String(validate=validate.OneOf(["hard", "soft", "complaint"]))
    campaign_id = Id()
    domain = Text(max_length=253, allow_none=True, label="a sending domain")
    q = Text(max_length=200, allow_none=True, label="an address or words of the reason")


class BounceSchema(Schema):
    id = fields.Integer(required=True)
    at = fields.DateTime(required=True)
    kind = fields.String(required=True, metadata={"description": "hard, soft, complaint"})
    email = fields.String(required=True)
    contact_id = fields.Integer(required=True)
    campaign_id = fields.Integer(required=True)
    campaign = fields.String(required=True)
    domain = fields.String(required=True)
    status = fields.String(allow_none=True, required=True)
    detail = fields.String(required=True)
    source = fields.String(required=True, metadata={"description": "smtp, webhook"})


BouncePageSchema = page_of(BounceSchema)


class AgencyWorkspaceHealthSchema(Schema):
    workspace_id = fields.Integer(required=True)
    name = fields.String(required=True)
    score = fields.Integer(allow_none=True, required=True)
    checked_at = fields.DateTime(allow_none=True, required=True)
    paused = fields.Boolean(required=True)
    pause_reason = fields.String(allow_none=True, required=True)
    open_alerts = fields.Integer(required=True)
    domains = fields.Integer(required=True)
    rates_7d = fields.Nested(RateFiguresSchema, required=True)


class AgencyDeliverabilitySchema(Schema):
    agency_id = fields.Integer(required=True)
    limits = fields.Nested(LimitsSchema, required=True)
    can_manage = fields.Boolean(required=True)
    workspaces = fields.List(
        fields.Nested(AgencyWorkspaceHealthSchema),
        required=True,
        metadata={"description": "Riskiest first: paused, open alerts, lowest score"},
    )


class LimitsPatchSchema(Schema):
    bounce = fields.Float(validate=validate.Range(min=0.5, max=50), metadata={"description": "%"})
    complaint = fields.Float(
        validate=validate.Range(min=0.01, max=5), metadata={"description": "%"}
    )
