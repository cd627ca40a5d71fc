"""Lists and subscriptions: the one writer of a subscription's status (`change`), used by
staff, the public subscribe form, double opt-in, unsubscribe links and (later) bounces; every
change is kept in the history and written to the contact's timeline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from cardfile import config
from cardfile.access.actor import Actor, actor_name
from cardfile.access.filters import visible_contacts
from cardfile.access.principal import Principal
from cardfile.auth.models import User
from cardfile.auth.tokens import link_token
from cardfile.db.base import utcnow
from cardfile.db.pagination import Page, paginate
from cardfile.errors import Invalid, NotFound
from cardfile.modules.contacts import activity
from cardfile.modules.contacts.models import Contact
from cardfile.modules.contacts.service import get_contact
from cardfile.modules.lists.models import (
    STATUSES,
    MailingList,
    Subscription,
    SubscriptionEvent,
)

PUBLIC_PATH = "/api/v1/public"
HISTORY_LIMIT = 500
LIST_SORTS = {"name": MailingList.name, "created_at": MailingList.created_at}
SUBSCRIBER_SORTS = {
    "updated_at": Subscription.updated_at,
    "subscribed_at": Subscription.subscribed_at,
    "email": Contact.email,
}
# The timeline kind of each status a subscription moves to.
ACTIVITY_KINDS = {
    "unconfirmed": "list_unconfirmed",
    "subscribed": "list_subscribed",
    "unsubscribed": "list_unsubscribed",
    "bounced": "list_bounced",
    "complained": "list_complained",
}
# Once a person left a list or complained, staff cannot put them back as "subscribed": only
# the person can (a form, a preference page), or staff ask them with a double opt-in mail.
PERSON_ONLY = ("unsubscribed", "complained")


@dataclass(frozen=True)
class Proof:
    """Where a change came from; for public forms the text shown, IP and user agent."""

    source: str | None = None
    text: str | None = None
    ip: str | None = None
    user_agent: str | None = None


def form_token(workspace_id: int, mailing_list: MailingList) -> str:
    """The token in a list's embeddable form; renewing the form retires older ones."""
    return link_token("subscribe", workspace_id, list=mailing_list.id, v=mailing_list.form_version)


def public_url(path: str, token: str) -> str:
    return f"{config.current().base_url}{PUBLIC_PATH}/{path}/{token}"


# ---- lists ---------------------------------------------------------------------------------


def get_list(session: Session, list_id: int, deleted: bool = False) -> MailingList:
    found = session.get(MailingList, list_id)
    if found is None or (found.deleted_at is not None) != deleted:
        raise NotFound("List")
    return found


def _counts(principal: Principal, list_ids: Sequence[int]) -> Any:
    """Subscribers per list and status, counting only contacts the principal may see."""
    return (
        select(Subscription.list_id, Subscription.status, func.count())
        .join(Contact, Contact.id == Subscription.contact_id)
        .where(Subscription.list_id.in_(list_ids), visible_contacts(principal, Contact))
        .group_by(Subscription.list_id, Subscription.status)
    )


def with_counts(
    session: Session, principal: Principal, lists: Sequence[MailingList]
) -> list[dict[str, Any]]:
    counts: dict[int, dict[str, int]] = {row.id: dict.fromkeys(STATUSES, 0) for row in lists}
    for list_id, status, count in session.execute(_counts(principal, list(counts))):
        counts[list_id][status] = count
    workspace_id = int(session.info["workspace_id"])
    return [
        {
            **{c.key: getattr(row, c.key) for c in MailingList.__table__.columns},
            "counts": counts[row.id],
            "form_url": public_url("subscribe", form_token(workspace_id, row)),
        }
        for row in lists
    ]


def list_lists(session: Session, principal: Principal, args: dict[str, Any]) -> Page:
    stmt = select(MailingList).where(
        MailingList.deleted_at.is_(None)
        if not args.get("deleted")
        else MailingList.deleted_at.is_not(None)
    )
    if args.get("q"):
        stmt = stmt.where(MailingList.name.icontains(args["q"], autoescape=True))
    page = paginate(session, stmt, args, LIST_SORTS, "name", MailingList.id)
    page.items = with_counts(session, principal, page.items)
    return page


def list_detail(session: Session, principal: Principal, list_id: int) -> dict[str, Any]:
    return with_counts(session, principal, [get_list(session, list_id)])[0]


def create_list(session: Session, principal: Principal, data: dict[str, Any]) -> dict[str, Any]:
    row = MailingList(**data)
    session.add(row)
    session.flush()
    return list_detail(session, principal, row.id)


def update_list(
    session: Session, principal: Principal, list_id: int, data: dict[str, Any]
) -> dict[str, Any]:
    row = get_list(session, list_id)
    renew = data.pop("renew_form", False)
    for key, value in data.items():
        setattr(row, key, value)
    if renew:
        row.form_version += 1
    row.updated_at = utcnow()
    session.flush()
    return list_detail(session, principal, list_id)


def delete_list(session: Session, list_id: int) -> None:
    """To the trash: subscriptions and history stay, and `restore` brings it all back."""
    get_list(session, list_id).deleted_at = utcnow()


def restore_list(session: Session, principal: Principal, list_id: int) -> dict[str, Any]:
    get_list(session, list_id, deleted=True).deleted_at = None
    return list_detail(session, principal, list_id)


def live_lists(session: Session, list_ids: Sequence[int], field: str) -> list[MailingList]:
    """The lists named by `list_ids` (in that order), or 422 naming `field`."""
    wanted = list(dict.fromkeys(list_ids))
    found = {
        row.id: row
        for row in session.scalars(
            select(MailingList).where(MailingList.id.in_(wanted), MailingList.deleted_at.is_(None))
        )
    }
    missing = [str(i) for i in wanted if i not in found]
    if missing:
        raise Invalid.field(field, f"No such list: {', '.join(missing)}.")
    return [found[i] for i in wanted]


# ---- subscriptions -------------------------------------------------------------------------


def change(
    session: Session,
    actor: Actor,
    contact_id: int,
    list_ids: Sequence[int],
    status: str,
    proof: Proof = Proof(),
) -> list[int]:
    """Move the contact's subscriptions to `list_ids` to `status` (created when absent);
    lists where it already has that status are left alone. Returns the lists changed."""
    if status not in STATUSES:
        raise ValueError(status)
    now = utcnow()
    current = dict(
        session.execute(
            select(Subscription.list_id, Subscription.status).where(
                Subscription.contact_id == contact_id, Subscription.list_id.in_(list_ids)
            )
        ).all()
    )
    changed = [i for i in dict.fromkeys(list_ids) if current.get(i) != status]
    if not changed:
        return []
    values = [
        {
            "list_id": list_id,
            "contact_id": contact_id,
            "status": status,
            "source": proof.source,
            "subscribed_at": now if status == "subscribed" else None,
            "unsubscribed_at": now if status == "unsubscribed" else None,
            "created_at": now,
            "updated_at": now,
        }
        for list_id in changed
    ]
    stmt = insert(Subscription).values(values)
    excluded = stmt.excluded
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["list_id", "contact_id"],
            set_={
                "status": excluded.status,
                "source": func.coalesce(excluded.source, Subscription.source),
                "subscribed_at": func.coalesce(excluded.subscribed_at, Subscription.subscribed_at),
                "unsubscribed_at": case(
                    (excluded.status == "subscribed", None),
                    else_=func.coalesce(excluded.unsubscribed_at, Subscription.unsubscribed_at),
                ),
                "updated_at": excluded.updated_at,
            },
        )
    )
    session.execute(
        insert(SubscriptionEvent),
        [
            {
                "list_id": list_id,
                "contact_id": contact_id,
                "status": status,
                "source": proof.source,
                "proof_text": proof.text,
                "ip": proof.ip,
                "user_agent": (proof.user_agent or "")[:500] or None,
                "actor_kind": actor.kind,
                "actor_user_id": actor.user_id,
                "created_at": now,
            }
            for list_id in changed
        ],
    )
    names = dict(
        session.execute(
            select(MailingList.id, MailingList.name).where(MailingList.id.in_(changed))
        ).all()
    )
    activity.record_rows(
        session,
        [
            activity.Happened(
                contact_id,
                ACTIVITY_KINDS[status],
                {"list_id": i, "list": names.get(i), "source": proof.source},
            )
            for i in changed
        ],
        actor,
    )
    return changed


def subscribe_by_staff(
    session: Session, principal: Principal, list_id: int, data: dict[str, Any]
) -> tuple[dict[str, Any], bool]:
    """POST lists/{id}/subscriptions: staff add a contact they may see, or change its status.
    "unconfirmed" on a double opt-in list mails the person a confirmation link. Returns the
    subscription and whether it is new."""
    from cardfile.modules.lists import optin

    mailing_list = get_list(session, list_id)
    contact = get_contact(session, principal, data["contact_id"])
    status = data["status"]
    current = session.scalar(
        select(Subscription.status).where(
            Subscription.list_id == list_id, Subscription.contact_id == contact.id
        )
    )
    if status == "subscribed" and current in PERSON_ONLY:
        raise Invalid.field(
            "status",
            "This person left the list themselves: only they can subscribe again (send them "
            "a confirmation with status “unconfirmed”, or share the list's form).",
        )
    if status in ("unconfirmed", "subscribed") and not contact.email:
        raise Invalid.field("contact_id", "This contact has no email address.")
    change(
        session,
        principal.actor,
        contact.id,
        [list_id],
        status,
        Proof(source=data.get("source") or "Added by a team member"),
    )
    if status == "unconfirmed" and mailing_list.double_opt_in:
        optin.send_confirmation(session, contact.id, [list_id])
    return subscriber(session, list_id, contact.id), current is None


def subscriber(session: Session, list_id: int, contact_id: int) -> dict[str, Any]:
    row = session.execute(
        _subscribers().where(Subscription.list_id == list_id, Subscription.contact_id == contact_id)
    ).one()
    return _subscriber_view(row)


def _subscribers() -> Any:
    return select(Subscription, Contact.email, Contact.first_name, Contact.last_name).join(
        Contact, Contact.id == Subscription.contact_id
    )


def _subscriber_view(row: Any) -> dict[str, Any]:
    sub = row[0]
    return {
        "list_id": sub.list_id,
        "contact_id": sub.contact_id,
        "status": sub.status,
        "source": sub.source,
        "subscribed_at": sub.subscribed_at,
        "unsubscribed_at": sub.unsubscribed_at,
        "updated_at": sub.updated_at,
        "email": row.email,
        "first_name": row.first_name,
        "last_name": row.last_name,
    }


def list_subscribers(
    session: Session, principal: Principal, list_id: int, args: dict[str, Any]
) -> Page:
    get_list(session, list_id)
    stmt = _subscribers().where(
        Subscription.list_id == list_id, visible_contacts(principal, Contact)
    )
    if args.get("status"):
        stmt = stmt.where(Subscription.status == args["status"])
    if args.get("q"):
        term = args["q"].lower()
        stmt = stmt.where(Contact.search_text.contains(term, autoescape=True))
    page = paginate(
        session,
        stmt,
        args,
        SUBSCRIBER_SORTS,
        "-updated_at",
        Subscription.contact_id,
        scalars=False,
    )
    page.items = [_subscriber_view(row) for row in page.items]
    return page


def contact_subscriptions(
    session: Session, principal: Principal, contact_id: int
) -> dict[str, Any]:
    """The contact's current subscriptions (every list it is or was on) and the history."""
    contact = get_contact(session, principal, contact_id)
    current = session.execute(
        select(Subscription, MailingList.name)
        .join(MailingList, MailingList.id == Subscription.list_id)
        .where(Subscription.contact_id == contact.id, MailingList.deleted_at.is_(None))
        .order_by(MailingList.name, MailingList.id)
    ).all()
    history = session.execute(
        select(SubscriptionEvent, MailingList.name, User.name)
        .join(MailingList, MailingList.id == SubscriptionEvent.list_id)
        .outerjoin(User, User.id == SubscriptionEvent.actor_user_id)
        .where(SubscriptionEvent.contact_id == contact.id)
        .order_by(SubscriptionEvent.created_at.desc(), SubscriptionEvent.id.desc())
        .limit(HISTORY_LIMIT)
    ).all()
    return {
        "items": [
            {
                "list_id": sub.list_id,
                "list_name": name,
                "status": sub.status,
                "source": sub.source,
                "subscribed_at": sub.subscribed_at,
                "unsubscribed_at": sub.unsubscribed_at,
                "updated_at": sub.updated_at,
            }
            for sub, name in current
        ],
        "history": [
            {
                "id": event.id,
                "list_id": event.list_id,
                "list_name": list_name,
                "status": event.status,
                "source": event.source,
                "proof_text": event.proof_text,
                "ip": event.ip,
                "user_agent": event.user_agent,
                "actor_kind": event.actor_kind,
                "actor_name": actor_name(event.actor_kind, user_name),
                "at": event.created_at,
            }
            for event, list_name, user_name in history
        ],
    }


def subscribed_lists(session: Session, contact_id: int) -> list[int]:
    return list(
        session.scalars(
            select(Subscription.list_id).where(
                Subscription.contact_id == contact_id, Subscription.status == "subscribed"
            )
        )
    )


def unsubscribe(
    session: Session, actor: Actor, contact_id: int, list_ids: Sequence[int] | None, proof: Proof
) -> list[int]:
    """Leave `list_ids`, or every list the contact is on (None); a list where the contact is
    unconfirmed is left too (no reminder will follow)."""
    stmt = select(Subscription.list_id).where(
        Subscription.contact_id == contact_id,
        Subscription.status.in_(("subscribed", "unconfirmed")),
    )
    if list_ids is not None:
        stmt = stmt.where(Subscription.list_id.in_(list_ids))
    return change(session, actor, contact_id, list(session.scalars(stmt)), "unsubscribed", proof)
