from __future__ import annotations

import hmac
from typing import Any

from flask import request
from flask.views import MethodView
from marshmallow import Schema, fields

from cardfile import config
from cardfile.api.blueprint import ApiBlueprint, WorkspaceBlueprint
from cardfile.api.context import current_user_id, db, principal
from cardfile.api.public import PublicBlueprint
from cardfile.errors import NotFound, Unauthorized
from cardfile.modules.deliverability import bounces, overview, protection, service, webhooks
from cardfile.modules.deliverability.schemas import (
    AgencyDeliverabilitySchema,
    BounceListArgs,
    BouncePageSchema,
    CheckAcceptedSchema,
    DeliverabilitySchema,
    DomainInSchema,
    DomainListArgs,
    LimitsPatchSchema,
    ResumeInSchema,
    ResumeSchema,
    SendingDomainPageSchema,
    SendingDomainSchema,
    VerifySchema,
)

# Providers post many reports at once: a limit of their own, above the public pages'.
webhook_blp = PublicBlueprint(
    "bounce_webhooks",
    __name__,
    limit="600 per minute",
    description="Bounces and complaints posted by sending providers (a shared secret)",
)
domains_blp = WorkspaceBlueprint(
    "sending_domains", __name__, description="Sending domains and their DNS records"
)


@domains_blp.route("")
class SendingDomains(MethodView):
    @domains_blp.arguments(DomainListArgs, location="query")
    @domains_blp.response(200, SendingDomainPageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        return service.list_domains(db(), args)

    @domains_blp.arguments(DomainInSchema)
    @domains_blp.response(201, SendingDomainSchema)
    def post(self, data: dict[str, Any]) -> Any:
        """Add a domain: a DKIM key is made for it; the answer lists the records to publish"""
        return service.add_domain(db(), principal(), data["domain"].lower().rstrip("."))


@domains_blp.route("/<int:domain_id>")
class SendingDomainDetail(MethodView):
    @domains_blp.response(200, SendingDomainSchema)
    def get(self, domain_id: int) -> Any:
        return service.view(service.get_domain(db(), domain_id))

    @domains_blp.response(204)
    def delete(self, domain_id: int) -> None:
        service.delete_domain(db(), domain_id)


@domains_blp.route("/<int:domain_id>/verify", methods=["POST"])
@domains_blp.response(200, VerifySchema)
def verify(domain_id: int) -> Any:
    """Check the domain's DNS now: each record's state, explained"""
    return service.verify_domain(db(), domain_id)


class WebhookAnswerSchema(Schema):
    received = fields.Integer(required=True)
    applied = fields.Integer(required=True)


@webhook_blp.route("/<provider>", methods=["POST"])
@webhook_blp.response(200, WebhookAnswerSchema)
def bounce_webhook(provider: str) -> Any:
    """Bounces and complaints from a provider (generic or ses); the secret
    BOUNCE_WEBHOOK_TOKEN comes as a Bearer token or ?token= (404 when none is set)"""
    secret = config.current().bounce_webhook_token
    if not secret:
        raise NotFound("Webhook")
    given = request.args.get("token") or request.headers.get("Authorization", "")
    given = given.removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), secret.encode()):
        raise Unauthorized("Send the webhook's secret (BOUNCE_WEBHOOK_TOKEN).")
    reports = webhooks.parse(provider, request.get_json(silent=True, force=True))
    outcomes = bounces.process_reports(reports, source="webhook")
    return {"received": len(reports), "applied": sum(o.result == "applied" for o in outcomes)}


# ---- health, protection, bounces ------------------------------------------------------------

deliverability_blp = WorkspaceBlueprint(
    "deliverability",
    __name__,
    description="Health of the sending domains and IPs, rates, alerts; resume after a pause",
)
bounces_blp = WorkspaceBlueprint(
    "bounces", __name__, description="Bounces and complaints (of contacts you may see)"
)
agency_deliverability_blp = ApiBlueprint(
    "agency_deliverability",
    __name__,
    description="An agency's client workspaces by deliverability risk, and its limits",
)


@deliverability_blp.route("")
@deliverability_blp.response(200, DeliverabilitySchema)
def deliverability() -> Any:
    """Health score and its history, rates (24 h, 7 days, last 1,000 sent), alerts, pause"""
    return overview.workspace_overview(db(), principal().workspace_id)


@deliverability_blp.route("/resume", methods=["POST"])
@deliverability_blp.arguments(ResumeInSchema)
@deliverability_blp.response(200, ResumeSchema)
def resume(data: dict[str, Any]) -> Any:
    """Lift an automatic pause (admins), with the reason; the paused campaigns go on"""
    return protection.resume(db(), principal(), data["reason"])


@deliverability_blp.route("/check", methods=["POST"])
@deliverability_blp.response(202, CheckAcceptedSchema)
def check_now() -> Any:
    """Run the monitoring checks now, as a tracked job (GET jobs/{job_id})"""
    return {"job_id": service.start_check(db(), principal()).id}


@bounces_blp.route("")
@bounces_blp.arguments(BounceListArgs, location="query")
@bounces_blp.response(200, BouncePageSchema)
def bounce_list(args: dict[str, Any]) -> Any:
    """Newest first; filter by kind (hard, soft, complaint), campaign, domain or words"""
    return overview.list_bounces(db(), principal(), args)


@agency_deliverability_blp.route("/<int:agency_id>/deliverability")
class AgencyDeliverability(MethodView):
    @agency_deliverability_blp.response(200, AgencyDeliverabilitySchema)
    def get(self, agency_id: int) -> Any:
        """Client workspaces (those you can open), riskiest first, and the limits"""
        return overview.agency_overview(db(), current_user_id(), agency_id)

    @agency_deliverability_blp.arguments(LimitsPatchSchema)
    @agency_deliverability_blp.response(200, AgencyDeliverabilitySchema)
    def patch(self, data: dict[str, Any], agency_id: int) -> Any:
        """Set the bounce and complaint limits (%) that pause a workspace (owners, admins)"""
        return overview.set_limits(db(), current_user_id(), agency_id, data)
