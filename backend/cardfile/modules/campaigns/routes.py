from __future__ import annotations

from typing import Any

from flask import Response, g, jsonify, redirect, request
from flask.views import MethodView

from cardfile.api.blueprint import WorkspaceBlueprint
from cardfile.api.context import db, principal
from cardfile.api.pages import html_page, wants_html
from cardfile.api.public import PublicBlueprint
from cardfile.modules.campaigns import service, tracking
from cardfile.modules.campaigns.schemas import (
    CampaignInSchema,
    CampaignListArgs,
    CampaignPageSchema,
    CampaignPatchSchema,
    CampaignSchema,
    CountSchema,
    MessageListArgs,
    MessagePageSchema,
    PreviewArgs,
    QueuedSchema,
    RenderedSchema,
    ReportSchema,
    SendSchema,
    TemplateInSchema,
    TemplateListArgs,
    TemplatePageSchema,
    TemplatePatchSchema,
    TemplateSchema,
    TestSendSchema,
    UnsubscribedSchema,
)
from cardfile.modules.lists.service import Proof

templates_blp = WorkspaceBlueprint("templates", __name__, description="Email templates")
campaigns_blp = WorkspaceBlueprint("campaigns", __name__, description="Email campaigns")
messages_blp = WorkspaceBlueprint(
    "contact_messages", __name__, description="A contact's campaign messages"
)
# Opens and clicks come from mail clients and image proxies (one IP for many people).
_TRACKING_LIMIT = "600 per minute"
open_blp = PublicBlueprint(
    "public_open",
    __name__,
    purpose="open",
    limit=_TRACKING_LIMIT,
    actor="system",
    description="Open pixel (no login)",
)
click_blp = PublicBlueprint(
    "public_click",
    __name__,
    purpose="click",
    limit=_TRACKING_LIMIT,
    actor="system",
    description="Click redirect (no login)",
)
unsubscribe_blp = PublicBlueprint(
    "public_unsubscribe",
    __name__,
    purpose="unsubscribe",
    description="One-click unsubscribe, RFC 8058 (no login, no cookies)",
)
PIXEL = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


# ---- templates -------------------------------------------------------------------------------


@templates_blp.route("")
class Templates(MethodView):
    @templates_blp.arguments(TemplateListArgs, location="query")
    @templates_blp.response(200, TemplatePageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        return service.list_templates(db(), args)

    @templates_blp.arguments(TemplateInSchema)
    @templates_blp.response(201, TemplateSchema)
    def post(self, data: dict[str, Any]) -> Any:
        """Save a template; an error in it is a 422 naming the field and line"""
        return service.create_template(db(), principal(), data)


@templates_blp.route("/<int:template_id>")
class TemplateDetail(MethodView):
    @templates_blp.response(200, TemplateSchema)
    def get(self, template_id: int) -> Any:
        return service.get_template(db(), template_id)

    @templates_blp.arguments(TemplatePatchSchema)
    @templates_blp.response(200, TemplateSchema)
    def patch(self, data: dict[str, Any], template_id: int) -> Any:
        return service.update_template(db(), template_id, data)

    @templates_blp.response(204)
    def delete(self, template_id: int) -> None:
        """Delete (409 while a campaign not yet sent uses it)"""
        service.delete_template(db(), template_id)


@templates_blp.route("/<int:template_id>/preview")
@templates_blp.arguments(PreviewArgs, location="query")
@templates_blp.response(200, RenderedSchema)
def preview_template(args: dict[str, Any], template_id: int) -> Any:
    """The template rendered as a contact you may see (or as a sample contact)"""
    return service.preview_template(db(), principal(), template_id, args.get("contact_id"))


# ---- campaigns -------------------------------------------------------------------------------


@campaigns_blp.route("")
class Campaigns(MethodView):
    @campaigns_blp.arguments(CampaignListArgs, location="query")
    @campaigns_blp.response(200, CampaignPageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        return service.list_campaigns(db(), args)

    @campaigns_blp.arguments(CampaignInSchema)
    @campaigns_blp.response(201, CampaignSchema)
    def post(self, data: dict[str, Any]) -> Any:
        return service.create_campaign(db(), principal(), data)


@campaigns_blp.route("/<int:campaign_id>")
class CampaignDetail(MethodView):
    @campaigns_blp.response(200, CampaignSchema)
    def get(self, campaign_id: int) -> Any:
        return service.campaign_view(db(), service.get_campaign(db(), campaign_id))

    @campaigns_blp.arguments(CampaignPatchSchema)
    @campaigns_blp.response(200, CampaignSchema)
    def patch(self, data: dict[str, Any], campaign_id: int) -> Any:
        """Change a draft or scheduled campaign"""
        return service.update_campaign(db(), campaign_id, data)

    @campaigns_blp.response(204)
    def delete(self, campaign_id: int) -> None:
        service.delete_campaign(db(), campaign_id)


@campaigns_blp.route("/<int:campaign_id>/audience")
@campaigns_blp.response(200, CountSchema)
def audience(campaign_id: int) -> Any:
    """How many people it would go to now (subscribed, mailable, not excluded)"""
    return service.audience_size(db(), principal(), campaign_id)


def _accepted(view: dict[str, Any]) -> Response:
    response = jsonify(CampaignSchema().dump(view))
    response.status_code = 202
    return response


@campaigns_blp.route("/<int:campaign_id>/send", methods=["POST"])
@campaigns_blp.arguments(SendSchema)
@campaigns_blp.response(202, CampaignSchema)
def send(data: dict[str, Any], campaign_id: int) -> Any:
    """Send now, or at `at`; the outbox is prepared and sent by jobs (202)"""
    return _accepted(service.send(db(), principal(), campaign_id, data.get("at")))


@campaigns_blp.route("/<int:campaign_id>/pause", methods=["POST"])
@campaigns_blp.response(200, CampaignSchema)
def pause(campaign_id: int) -> Any:
    return service.pause(db(), campaign_id)


@campaigns_blp.route("/<int:campaign_id>/resume", methods=["POST"])
@campaigns_blp.response(200, CampaignSchema)
def resume(campaign_id: int) -> Any:
    return service.resume(db(), campaign_id)


@campaigns_blp.route("/<int:campaign_id>/cancel", methods=["POST"])
@campaigns_blp.response(200, CampaignSchema)
def cancel(campaign_id: int) -> Any:
    """Stop for good: messages not yet handed over are never sent"""
    return service.cancel(db(), campaign_id)


@campaigns_blp.route("/<int:campaign_id>/test", methods=["POST"])
@campaigns_blp.arguments(TestSendSchema)
@campaigns_blp.response(202, QueuedSchema)
def test_send(data: dict[str, Any], campaign_id: int) -> Any:
    """Each version to up to 10 addresses, marked [Test]"""
    answer = service.send_test(
        db(), principal(), campaign_id, data["emails"], data.get("contact_id")
    )
    response = jsonify(answer)
    response.status_code = 202
    return response


@campaigns_blp.route("/<int:campaign_id>/report")
@campaigns_blp.response(200, ReportSchema)
def report(campaign_id: int) -> Any:
    """Sent, delivered, bounced, opens, clicks, unsubscribes, complaints: in total, per
    version, per hour and per link"""
    return service.report(db(), campaign_id)


@messages_blp.route("")
@messages_blp.arguments(MessageListArgs, location="query")
@messages_blp.response(200, MessagePageSchema)
def contact_messages(args: dict[str, Any], contact_id: int) -> Any:
    """The contact's campaign messages with version, initiator, delivered, opened, clicked"""
    return service.contact_messages(db(), principal(), contact_id, args)


# ---- public: tracking and unsubscribe ---------------------------------------------------------


@open_blp.route("/<token>")
def open_pixel(token: str) -> Any:
    """The open pixel: a 1×1 GIF"""
    tracking.record_open(db(), g.link)
    response = Response(PIXEL, mimetype="image/gif")
    response.headers["Cache-Control"] = "no-store, max-age=0"
    return response


@click_blp.route("/<token>")
def click(token: str) -> Any:
    """Counts the click, then redirects to the link's URL (signed into the message)"""
    return redirect(tracking.record_click(db(), g.link), code=302)


def _proof() -> Proof:
    return Proof(
        source="Unsubscribe link",
        ip=request.remote_addr,
        user_agent=request.headers.get("User-Agent"),
    )


@unsubscribe_blp.route("/<token>", methods=["GET", "POST"])
@unsubscribe_blp.response(200, UnsubscribedSchema)
def unsubscribe(token: str) -> Any:
    """GET asks to confirm and changes nothing; POST unsubscribes (RFC 8058 one-click:
    `List-Unsubscribe=One-Click` in the body, no cookies needed)"""
    session = db()
    info = tracking.unsubscribe_info(session, g.link)
    name = info["campaign"].name
    if request.method == "GET":
        if wants_html():
            return html_page(
                "Unsubscribe",
                f"Stop receiving messages like “{name}”?",
                button="Unsubscribe",
            )
        return {"status": "confirm", "message": "POST to this address to unsubscribe."}
    tracking.unsubscribe(session, g.link, _proof())
    message = "You are unsubscribed. You will not get these messages any more."
    if wants_html():
        return html_page("Unsubscribed", message)
    return {"status": "unsubscribed", "message": message}
