from __future__ import annotations

import hmac
from typing import Any

from flask import request
from flask.views import MethodView
from marshmallow import Schema, fields

from cardfile import config
from cardfile.api.blueprint import WorkspaceBlueprint
from cardfile.api.context import db, principal
from cardfile.api.public import PublicBlueprint
from cardfile.errors import NotFound, Unauthorized
from cardfile.modules.deliverability import bounces, service, webhooks
from cardfile.modules.deliverability.schemas import (
    DomainInSchema,
    DomainListArgs,
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
    outcomes = bounces.process_reports(reports)
    return {"received": len(reports), "applied": sum(o.result == "applied" for o in outcomes)}
