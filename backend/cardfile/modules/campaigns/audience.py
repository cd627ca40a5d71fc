"""A campaign's recipients, written once into its outbox: one row per contact (unique), the
people on its lists or in its segments, minus its exclusion segments, who are still mailable
(sender.mailable), not on the suppression list, and visible to whoever sent it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    and_,
    case,
    exists,
    false,
    func,
    literal,
    not_,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from cardfile.access.filters import visible_contacts
from cardfile.access.principal import resolve_principal
from cardfile.db.base import utcnow
from cardfile.errors import Forbidden
from cardfile.modules.campaigns.models import Campaign, CampaignMessage
from cardfile.modules.campaigns.sender import mailable
from cardfile.modules.contacts.models import Contact
from cardfile.modules.gdpr.suppressions import suppression_reasons
from cardfile.modules.lists.models import Subscription
from cardfile.modules.segments.models import Segment
from cardfile.modules.segments.rules import compile_rules

SCREEN_BATCH = 10_000
ANALYZE_FROM = 5_000


def _segments(session: Session, ids: list[int]) -> list[dict[str, Any]]:
    return list(session.scalars(select(Segment.rules).where(Segment.id.in_(ids or [0]))))


def audience(session: Session, campaign: Campaign, user_id: int) -> Any:
    """The condition over contacts that picks the campaign's recipients for `user_id`."""
    principal = resolve_principal(session, user_id, int(session.info["workspace_id"]))
    if principal is None:
        raise Forbidden("The person who sent this campaign is no longer a member.")
    reach = []
    if campaign.list_ids:
        reach.append(
            exists().where(
                Subscription.contact_id == Contact.id,
                Subscription.status == "subscribed",
                Subscription.list_id.in_(campaign.list_ids),
            )
        )
    reach += [compile_rules(session, rules) for rules in _segments(session, campaign.segment_ids)]
    excluded = [
        compile_rules(session, rules) for rules in _segments(session, campaign.exclude_segment_ids)
    ]
    return and_(
        visible_contacts(principal, Contact),
        mailable(campaign),
        or_(*reach) if reach else false(),
        not_(or_(*excluded)) if excluded else literal(True),
    )


def count_audience(session: Session, campaign: Campaign, user_id: int) -> int:
    stmt = select(func.count()).select_from(Contact).where(audience(session, campaign, user_id))
    return int(session.scalar(stmt) or 0)


def materialise(session: Session, campaign: Campaign) -> int:
    """Fill the outbox (again: nothing is added twice), screen out suppressed addresses and
    assign versions; returns the number of recipients queued."""
    now = utcnow()
    chosen = select(
        literal(campaign.id, BigInteger),
        Contact.id,
        Contact.email,
        literal("queued"),
        literal(now),
    ).where(audience(session, campaign, campaign.sent_by or 0))
    session.execute(
        insert(CampaignMessage)
        .from_select(["campaign_id", "contact_id", "email", "state", "created_at"], chosen)
        .on_conflict_do_nothing(index_elements=["campaign_id", "contact_id"])
    )
    _screen_suppressed(session, campaign.id)
    _assign_versions(session, campaign)
    recipients = int(
        session.scalar(
            select(func.count()).where(
                CampaignMessage.campaign_id == campaign.id,
                CampaignMessage.state.in_(("queued", "held")),
            )
        )
        or 0
    )
    campaign.recipients = recipients
    if recipients >= ANALYZE_FROM:
        # Fresh statistics, so the senders' claims are planned for the rows now there.
        session.execute(text("ANALYZE campaign_messages"))
    return recipients


def _screen_suppressed(session: Session, campaign_id: int) -> None:
    after = 0
    while True:
        rows = session.execute(
            select(CampaignMessage.id, CampaignMessage.email)
            .where(
                CampaignMessage.campaign_id == campaign_id,
                CampaignMessage.state == "queued",
                CampaignMessage.id > after,
            )
            .order_by(CampaignMessage.id)
            .limit(SCREEN_BATCH)
        ).all()
        if not rows:
            return
        listed = suppression_reasons(session, [r.email for r in rows])
        hit = [r.id for r in rows if r.email.strip().lower() in listed]
        if hit:
            session.execute(
                update(CampaignMessage)
                .where(CampaignMessage.id.in_(hit))
                .values(state="skipped", error="The address is on the suppression list")
            )
        after = rows[-1].id


def _assign_versions(session: Session, campaign: Campaign) -> None:
    """One version: all "A". A/B: a random test group of split_percent, half A and half B,
    and the rest held for the winner."""
    unassigned = and_(
        CampaignMessage.campaign_id == campaign.id,
        CampaignMessage.state == "queued",
        CampaignMessage.version.is_(None),
    )
    ab = campaign.ab
    if not ab:
        session.execute(update(CampaignMessage).where(unassigned).values(version="A"))
        return
    total = session.scalar(select(func.count()).where(unassigned)) or 0
    test_size = max(2, round(total * int(ab["split_percent"]) / 100)) if total else 0
    ranked = (
        select(
            CampaignMessage.id.label("id"),
            func.row_number().over(order_by=func.random()).label("rank"),
        )
        .where(unassigned)
        .subquery()
    )
    rank = ranked.c.rank
    in_test = rank <= test_size
    session.execute(
        update(CampaignMessage)
        .where(CampaignMessage.id == ranked.c.id)
        .values(
            version=case((in_test, case((rank % 2 == 1, "A"), else_="B")), else_=None),
            state=case((in_test, "queued"), else_="held"),
        )
    )
