from __future__ import annotations

from typing import Any

from flask import g, request
from flask.views import MethodView

from cardfile.api.blueprint import WorkspaceBlueprint
from cardfile.api.context import db, principal
from cardfile.api.pages import html_page, wants_html
from cardfile.api.public import PublicBlueprint, frame_ancestors, public_workspace_id
from cardfile.modules.lists import optin, service
from cardfile.modules.lists.schemas import (
    ContactSubscriptionsSchema,
    ListInSchema,
    ListListArgs,
    ListPageSchema,
    ListPatchSchema,
    ListSchema,
    PreferencesInSchema,
    PreferencesSchema,
    PublicAnswerSchema,
    PublicSubscribeSchema,
    SubscriberListArgs,
    SubscriberPageSchema,
    SubscriberSchema,
    SubscriptionInSchema,
)

lists_blp = WorkspaceBlueprint("lists", __name__, description="Mailing lists and subscribers")
contact_subscriptions_blp = WorkspaceBlueprint(
    "contact_subscriptions", __name__, description="A contact's subscriptions and their history"
)
subscribe_blp = PublicBlueprint(
    "public_subscribe",
    __name__,
    purpose="subscribe",
    description="A list's public subscribe form (no login)",
)
confirm_blp = PublicBlueprint(
    "public_confirm", __name__, purpose="confirm", description="Double opt-in links (no login)"
)
preferences_blp = PublicBlueprint(
    "public_preferences",
    __name__,
    purpose="preferences",
    description="A person's own subscriptions, from a link in their mail (no login)",
)


def _proof(source: str, text: str | None = None) -> service.Proof:
    return service.Proof(
        source=source,
        text=text,
        ip=request.remote_addr,
        user_agent=request.headers.get("User-Agent"),
    )


@lists_blp.route("")
class Lists(MethodView):
    @lists_blp.arguments(ListListArgs, location="query")
    @lists_blp.response(200, ListPageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Lists with their subscribers by status (counting the contacts you may see)"""
        return service.list_lists(db(), principal(), args)

    @lists_blp.arguments(ListInSchema)
    @lists_blp.response(201, ListSchema)
    def post(self, data: dict[str, Any]) -> Any:
        return service.create_list(db(), principal(), data)


@lists_blp.route("/<int:list_id>")
class ListDetail(MethodView):
    @lists_blp.response(200, ListSchema)
    def get(self, list_id: int) -> Any:
        return service.list_detail(db(), principal(), list_id)

    @lists_blp.arguments(ListPatchSchema)
    @lists_blp.response(200, ListSchema)
    def patch(self, data: dict[str, Any], list_id: int) -> Any:
        return service.update_list(db(), principal(), list_id, data)

    @lists_blp.response(204)
    def delete(self, list_id: int) -> None:
        """To the trash (subscriptions kept; POST …/restore brings it back)"""
        service.delete_list(db(), list_id)


@lists_blp.route("/<int:list_id>/restore", methods=["POST"])
@lists_blp.response(200, ListSchema)
def restore_list(list_id: int) -> Any:
    """Bring a list back from the trash, with its subscribers"""
    return service.restore_list(db(), principal(), list_id)


@lists_blp.route("/<int:list_id>/subscriptions")
class ListSubscriptions(MethodView):
    @lists_blp.arguments(SubscriberListArgs, location="query")
    @lists_blp.response(200, SubscriberPageSchema)
    def get(self, args: dict[str, Any], list_id: int) -> Any:
        """Subscribers you may see, filtered by status or searched"""
        return service.list_subscribers(db(), principal(), list_id, args)

    @lists_blp.arguments(SubscriptionInSchema)
    @lists_blp.response(200, SubscriberSchema)
    @lists_blp.alt_response(201, schema=SubscriberSchema, description="Added to the list")
    def post(self, data: dict[str, Any], list_id: int) -> Any:
        """Add a contact to the list (201) or change its status (200); the history and the
        timeline record it"""
        view, created = service.subscribe_by_staff(db(), principal(), list_id, data)
        return (view, 201) if created else view


@contact_subscriptions_blp.route("")
@contact_subscriptions_blp.response(200, ContactSubscriptionsSchema)
def contact_subscriptions(contact_id: int) -> Any:
    """Every list the contact is or was on, and each change with its proof"""
    return service.contact_subscriptions(db(), principal(), contact_id)


# ---- public ----------------------------------------------------------------------------


@subscribe_blp.route("/<token>", methods=["POST"])
@frame_ancestors("*")  # the form is embedded in clients' sites
@subscribe_blp.arguments(PublicSubscribeSchema, location="json_or_form")
@subscribe_blp.response(200, PublicAnswerSchema)
def subscribe(data: dict[str, Any], token: str) -> Any:
    """Subscribe from a list's form (JSON, or a plain HTML form post: then a page answers)"""
    session = db()
    mailing_list = optin.form_list(session, g.link)
    answer = optin.subscribe_from_form(
        session,
        public_workspace_id(),
        mailing_list,
        data,
        _proof(f"Form: {mailing_list.name}"[:200], data.get("consent_text")),
    )
    if request.mimetype != "application/json" and wants_html():
        return html_page(mailing_list.name, answer["message"])
    return answer


@confirm_blp.route("/<token>", methods=["GET", "POST"])
@confirm_blp.response(200, PublicAnswerSchema)
def confirm(token: str) -> Any:
    """Confirm a subscription from the link in the confirmation mail (again: no change)"""
    names = optin.confirm(db(), g.link, _proof("Double opt-in confirmed"))
    message = (
        f"You are subscribed to {', '.join(names)}." if names else "There is nothing to confirm."
    )
    if wants_html():
        return html_page("Subscription confirmed" if names else "Nothing to confirm", message)
    return {"status": "subscribed" if names else "nothing", "message": message}


@preferences_blp.route("/<token>")
class Preferences(MethodView):
    @preferences_blp.response(200, PreferencesSchema)
    def get(self, token: str) -> Any:
        """The lists the person may choose from, and their status on each"""
        return optin.preferences(db(), public_workspace_id(), g.link)

    @preferences_blp.arguments(PreferencesInSchema)
    @preferences_blp.response(200, PreferencesSchema)
    def post(self, data: dict[str, Any], token: str) -> Any:
        """Be on exactly the lists ticked (double opt-in lists ask to confirm first)"""
        return optin.save_preferences(
            db(), public_workspace_id(), g.link, data, _proof("Preference page")
        )
