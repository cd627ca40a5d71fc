"""What the public does with lists, with no login: subscribe through a list's form (double
opt-in mails a signed, expiring confirmation link), confirm, and manage their subscriptions
on the preference page. Every change keeps its proof (time, IP, user agent, form text)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cardfile import config
from cardfile.access.actor import Actor
from cardfile.access.principal import system_principal
from cardfile.auth.tokens import link_token
from cardfile.errors import Invalid, NotFound
from cardfile.jobs.core import JobContext, enqueue_task, job
from cardfile.mail.transport import build_message, send_message
from cardfile.modules.contacts.models import Contact
from cardfile.modules.contacts.service import create_contact
from cardfile.modules.gdpr.suppressions import is_suppressed
from cardfile.modules.lists.models import MailingList, Subscription
from cardfile.modules.lists.service import (
    Proof,
    change,
    get_list,
    public_url,
    unsubscribe,
)
from cardfile.tenancy.models import Workspace

FORM = Actor("form")
# What a public subscriber is told, whatever happened (no telling who is on a list).
CHECK_INBOX = "Almost done: check your inbox and confirm your subscription."
SUBSCRIBED = "Thank you: you are subscribed."


def form_list(session: Session, payload: dict[str, Any]) -> MailingList:
    """The list a form token names, if it is live, public and the form is current."""
    found = session.get(MailingList, int(payload.get("list", 0)))
    if (
        found is None
        or found.deleted_at is not None
        or not found.public
        or payload.get("v") != found.form_version
    ):
        raise NotFound("Form")
    return found


def _valid_email(value: str) -> str:
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise Invalid.field("email", str(error)) from error


def subscribe_from_form(
    session: Session,
    workspace_id: int,
    mailing_list: MailingList,
    data: dict[str, Any],
    proof: Proof,
) -> dict[str, str]:
    """Subscribe the address typed into a list's form (creating the contact when new)."""
    email = _valid_email(data["email"])
    answer = CHECK_INBOX if mailing_list.double_opt_in else SUBSCRIBED
    if data.get("website"):  # the honeypot: a field people never see, bots fill in
        return {"status": "ok", "message": answer}
    if is_suppressed(session, email):
        return {"status": "ok", "message": answer}  # never mailed again; not said why
    contact_id = session.scalar(
        select(Contact.id).where(
            func.lower(Contact.email) == email.lower(), Contact.deleted_at.is_(None)
        )
    )
    if contact_id is None:
        profile = {k: data[k] for k in ("first_name", "last_name") if data.get(k)}
        created = create_contact(
            session,
            system_principal(workspace_id, via="form"),
            {"email": email, **profile},
            source=f"Form: {mailing_list.name}"[:200],
        )
        contact_id = created.id
    current = session.scalar(
        select(Subscription.status).where(
            Subscription.list_id == mailing_list.id, Subscription.contact_id == contact_id
        )
    )
    if current == "subscribed":
        return {"status": "ok", "message": answer}
    if mailing_list.double_opt_in:
        change(session, FORM, contact_id, [mailing_list.id], "unconfirmed", proof)
        send_confirmation(session, contact_id, [mailing_list.id])
    else:
        change(session, FORM, contact_id, [mailing_list.id], "subscribed", proof)
    return {"status": "ok", "message": answer}


# ---- double opt-in -----------------------------------------------------------------------


def send_confirmation(session: Session, contact_id: int, list_ids: Sequence[int]) -> str:
    """Mail the confirmation link once this transaction commits."""
    return enqueue_task(
        session,
        deliver_confirmation,
        queue="mail",
        contact_id=contact_id,
        list_ids=list(list_ids),
    )


@job(queue="mail", timeout=120)
def deliver_confirmation(ctx: JobContext, contact_id: int, list_ids: list[int]) -> dict[str, str]:
    session = ctx.session
    contact = session.get(Contact, contact_id)
    pending = list(
        session.scalars(
            select(MailingList.name)
            .join(Subscription, Subscription.list_id == MailingList.id)
            .where(
                Subscription.contact_id == contact_id,
                Subscription.list_id.in_(list_ids),
                Subscription.status == "unconfirmed",
            )
            .order_by(MailingList.name)
        )
    )
    if contact is None or contact.deleted_at is not None or not contact.email or not pending:
        return {"status": "skipped"}
    settings = config.current()
    workspace = session.get(Workspace, ctx.workspace_id)
    link = public_url(
        "confirm", link_token("confirm", ctx.workspace_id, contact=contact_id, lists=list_ids)
    )
    names = ", ".join(f"“{n}”" for n in pending)
    text = (
        f"Hello{' ' + contact.first_name if contact.first_name else ''},\n\n"
        f"please confirm that you want to receive {names} from {workspace.name}:\n\n"
        f"{link}\n\nThe link works for 7 days. If you did not ask for this, ignore this "
        "message: you will not be added.\n"
    )
    message = build_message(
        settings.mail_from, contact.email, f"Confirm your subscription: {workspace.name}", text
    )
    send_message(settings.smtp_url, message)
    return {"status": "sent"}


def confirm(session: Session, payload: dict[str, Any], proof: Proof) -> list[str]:
    """The confirmation link was opened: its unconfirmed lists become subscribed. Opening it
    again changes nothing. Returns the names of the lists the person is now on."""
    contact_id = int(payload.get("contact", 0))
    list_ids = [int(i) for i in payload.get("lists", [])]
    contact = session.get(Contact, contact_id)
    if contact is None or contact.deleted_at is not None:
        raise NotFound("Link")
    waiting = list(
        session.scalars(
            select(Subscription.list_id).where(
                Subscription.contact_id == contact_id,
                Subscription.list_id.in_(list_ids),
                Subscription.status == "unconfirmed",
            )
        )
    )
    change(session, FORM, contact_id, waiting, "subscribed", proof)
    return list(
        session.scalars(
            select(MailingList.name)
            .join(Subscription, Subscription.list_id == MailingList.id)
            .where(
                Subscription.contact_id == contact_id,
                Subscription.list_id.in_(list_ids),
                Subscription.status == "subscribed",
                MailingList.deleted_at.is_(None),
            )
            .order_by(MailingList.name)
        )
    )


# ---- the preference page -------------------------------------------------------------------


def _person(session: Session, payload: dict[str, Any]) -> Contact:
    contact = session.get(Contact, int(payload.get("contact", 0)))
    if contact is None or contact.deleted_at is not None:
        raise NotFound("Link")
    return contact


def preferences(session: Session, workspace_id: int, payload: dict[str, Any]) -> dict[str, Any]:
    """The public lists, and any list the person is on, each with the person's status."""
    contact = _person(session, payload)
    statuses = dict(
        session.execute(
            select(Subscription.list_id, Subscription.status).where(
                Subscription.contact_id == contact.id
            )
        ).all()
    )
    lists = session.scalars(
        select(MailingList)
        .where(
            MailingList.deleted_at.is_(None),
            MailingList.public.is_(True) | MailingList.id.in_(list(statuses)),
        )
        .order_by(MailingList.name, MailingList.id)
    )
    workspace = session.get(Workspace, workspace_id)
    return {
        "workspace_name": workspace.name if workspace else "",
        "first_name": contact.first_name,
        "email": _masked(contact.email or ""),
        "lists": [
            {
                "id": row.id,
                "name": row.name,
                "description": row.description,
                "status": statuses.get(row.id),
                "subscribed": statuses.get(row.id) == "subscribed",
            }
            for row in lists
        ],
    }


def _masked(email: str) -> str:
    """j•••@example.com: enough for the person to recognise, little for whoever holds the link."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}" if domain else ""


def save_preferences(
    session: Session,
    workspace_id: int,
    payload: dict[str, Any],
    data: dict[str, Any],
    proof: Proof,
) -> dict[str, Any]:
    """Set the person's subscriptions to exactly the lists ticked (public ones, or ones the
    person is on); `unsubscribe_all` leaves every list."""
    contact = _person(session, payload)
    wanted = set(data.get("subscribed") or [])
    shown = {row["id"]: row for row in preferences(session, workspace_id, payload)["lists"]}
    unknown = sorted(wanted - set(shown))
    if unknown:
        raise Invalid.field("subscribed", f"No such list: {', '.join(map(str, unknown))}.")
    if data.get("unsubscribe_all"):
        unsubscribe(session, FORM, contact.id, None, proof)
    else:
        leave = [
            i
            for i, row in shown.items()
            if row["status"] in ("subscribed", "unconfirmed") and i not in wanted
        ]
        unsubscribe(session, FORM, contact.id, leave, proof)
        join = [i for i in wanted if shown[i]["status"] != "subscribed"]
        double = [i for i in join if get_list(session, i).double_opt_in]
        asked = change(session, FORM, contact.id, double, "unconfirmed", proof)
        if asked:  # already waiting for a confirmation: no second mail
            send_confirmation(session, contact.id, asked)
        change(session, FORM, contact.id, [i for i in join if i not in double], "subscribed", proof)
    return preferences(session, workspace_id, payload)
