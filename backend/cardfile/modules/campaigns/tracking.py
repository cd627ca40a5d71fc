"""What recipients do with a message, from its signed links: opens (the pixel), clicks (the
redirect goes only to a URL signed into that message), one-click unsubscribes (RFC 8058).
Each is kept on the message and as an event, and the first of each kind per message goes to
the contact's timeline (scoring listens there). Contacts with tracking disabled are not
tracked; their unsubscribes always count."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from cardfile.access.actor import Actor
from cardfile.db.base import utcnow
from cardfile.errors import NotFound
from cardfile.modules.campaigns.models import PENDING, Campaign, CampaignMessage, MessageEvent
from cardfile.modules.campaigns.sender import mailable
from cardfile.modules.contacts import activity
from cardfile.modules.contacts.models import Contact
from cardfile.modules.lists import service as lists
from cardfile.modules.lists.models import Subscription

SYSTEM = Actor("system")
FORM = Actor("form")
# A timeline kind that makes a person no longer mailable by some campaigns.
LEAVING = ("list_unsubscribed", "list_bounced", "list_complained")


@dataclass(frozen=True)
class Found:
    message: CampaignMessage
    campaign: Campaign
    tracked: bool


def find(session: Session, payload: dict[str, Any]) -> Found:
    row = session.execute(
        select(CampaignMessage, Campaign, Contact.tracking_disabled)
        .join(Campaign, Campaign.id == CampaignMessage.campaign_id)
        .join(Contact, Contact.id == CampaignMessage.contact_id)
        .where(CampaignMessage.id == int(payload.get("m", 0)))
    ).first()
    if row is None:
        raise NotFound("Link")
    return Found(row[0], row[1], not row[2])


def _event(session: Session, found: Found, kind: str, url: str | None = None) -> None:
    session.add(
        MessageEvent(
            campaign_id=found.campaign.id,
            message_id=found.message.id,
            contact_id=found.message.contact_id,
            kind=kind,
            url=url,
        )
    )


def _timeline(session: Session, found: Found, kind: str, **extra: Any) -> None:
    data = {
        "campaign_id": found.campaign.id,
        "campaign": found.campaign.name,
        "version": found.message.version,
        **extra,
    }
    activity.record(session, found.message.contact_id, kind, data, SYSTEM)


def record_open(session: Session, payload: dict[str, Any]) -> None:
    found = find(session, payload)
    if not found.tracked:
        return
    first = found.message.opened_at is None
    session.execute(
        update(CampaignMessage)
        .where(CampaignMessage.id == found.message.id)
        .values(
            open_count=CampaignMessage.open_count + 1,
            opened_at=func.coalesce(CampaignMessage.opened_at, utcnow()),
        )
    )
    _event(session, found, "open")
    if first:
        _timeline(session, found, "email_opened")


def record_click(session: Session, payload: dict[str, Any]) -> str:
    """The URL to go to (signed into the link: never one the message did not carry)."""
    found = find(session, payload)
    url = str(payload.get("u") or "")
    if not url.startswith(("http://", "https://")):
        raise NotFound("Link")
    if not found.tracked:
        return url
    seen_url = session.scalar(
        select(func.count()).where(
            MessageEvent.message_id == found.message.id,
            MessageEvent.kind == "click",
            MessageEvent.url == url[:2000],
        )
    )
    first_open = found.message.opened_at is None
    now = utcnow()
    session.execute(
        update(CampaignMessage)
        .where(CampaignMessage.id == found.message.id)
        .values(
            click_count=CampaignMessage.click_count + 1,
            clicked_at=func.coalesce(CampaignMessage.clicked_at, now),
            # A click shows the message was opened, even with images blocked.
            opened_at=func.coalesce(CampaignMessage.opened_at, now),
            open_count=func.greatest(CampaignMessage.open_count, 1),
        )
    )
    _event(session, found, "click", url[:2000])
    if first_open:
        _timeline(session, found, "email_opened")
    if not seen_url:
        _timeline(session, found, "email_clicked", url=url[:2000])
    return url


def unsubscribe_info(session: Session, payload: dict[str, Any]) -> dict[str, Any]:
    found = find(session, payload)
    return {"campaign": found.campaign, "message": found.message, "lists": _lists(session, found)}


def _lists(session: Session, found: Found) -> list[int] | None:
    """The lists an unsubscribe leaves: the campaign's lists the person is on; all lists when
    the campaign reached them through a segment only (None)."""
    on = session.scalars(
        select(Subscription.list_id).where(
            Subscription.contact_id == found.message.contact_id,
            Subscription.list_id.in_(found.campaign.list_ids or [0]),
            Subscription.status.in_(("subscribed", "unconfirmed")),
        )
    ).all()
    return list(on) or None


def unsubscribe(session: Session, payload: dict[str, Any], proof: lists.Proof) -> list[int]:
    """The one-click unsubscribe: takes effect at once, for messages not yet sent too."""
    found = find(session, payload)
    left = lists.unsubscribe(session, FORM, found.message.contact_id, _lists(session, found), proof)
    if found.message.unsubscribed_at is None:
        found.message.unsubscribed_at = utcnow()
        _event(session, found, "unsubscribe")
    return left


@activity.listen
def skip_unwanted(session: Session, rows: Any, actor: Actor) -> None:
    """Someone left a list (or bounced, or complained): their messages not yet handed to SMTP
    in campaigns that may no longer mail them are skipped at once."""
    contact_ids = {row.contact_id for row in rows if row.kind in LEAVING}
    if not contact_ids:
        return
    pending = session.execute(
        select(CampaignMessage.id, CampaignMessage.contact_id, Campaign)
        .join(Campaign, Campaign.id == CampaignMessage.campaign_id)
        .where(
            CampaignMessage.contact_id.in_(contact_ids),
            CampaignMessage.state.in_((*PENDING, "held")),
        )
    ).all()
    for message_id, contact_id, campaign in pending:
        still = session.scalar(
            select(func.count())
            .select_from(Contact)
            .where(Contact.id == contact_id, mailable(campaign))
        )
        if not still:
            session.execute(
                update(CampaignMessage)
                .where(
                    CampaignMessage.id == message_id,
                    CampaignMessage.state.in_((*PENDING, "held")),
                )
                .values(state="skipped", claimed_by=None, error="Unsubscribed before sending")
            )
