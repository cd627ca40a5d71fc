"""Campaign jobs on the `mail` queue. Each is safe to run twice: the outbox and every
counter live in PostgreSQL, Redis only wakes the workers.

- prepare_campaign: fill the outbox, then start the senders;
- send_campaign: one sender (sender.run_sender), a batch at a time until none is left;
- pump (every minute, per workspace): scheduled campaigns whose time came, senders that
  died (their rows back to the queue), a lost prepare, the A/B winner once its time came;
- deliver_test: test messages to a few addresses.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import and_, func, select, update
from sqlalchemy.orm import Session

from cardfile import config
from cardfile.db.base import utcnow
from cardfile.jobs.core import JobContext, enqueue_task, job
from cardfile.modules.campaigns import service
from cardfile.modules.campaigns.audience import materialise
from cardfile.modules.campaigns.models import Campaign, CampaignMessage
from cardfile.modules.campaigns.rendering import address, mime_bytes, render
from cardfile.modules.campaigns.sender import (
    SENDING_TIMEOUT,
    Composer,
    Smtp,
    deliver,
    live_senders,
    reap_stale,
    run_sender,
    settle,
)

TEST_PREFIX = "[Test] "


@job(queue="mail", timeout=30 * 60)
def prepare_campaign(ctx: JobContext, campaign_id: int) -> dict[str, Any]:
    session = ctx.session
    campaign = session.scalar(select(Campaign).where(Campaign.id == campaign_id).with_for_update())
    # Paused before its outbox was ready: the outbox is prepared, the senders wait for resume.
    if (
        campaign is None
        or campaign.status not in ("sending", "paused")
        or campaign.recipients is not None
    ):
        return {"status": "skipped"}
    recipients = materialise(session, campaign)
    if campaign.status == "sending":
        service.start_senders(session, campaign)
    session.commit()
    if recipients == 0:
        settle(session, campaign_id)
    return {"recipients": recipients}


@job(queue="mail", timeout=SENDING_TIMEOUT)
def send_campaign(ctx: JobContext, campaign_id: int) -> dict[str, Any]:
    return run_sender(ctx.session, int(ctx.workspace_id or 0), campaign_id)


def decide_winner(session: Session, campaign: Campaign) -> str:
    """The version with the better unique open (or click) rate gets the held recipients."""
    measure = (
        CampaignMessage.clicked_at
        if campaign.ab.get("winner_by") == "clicks"  # type: ignore[union-attr]
        else CampaignMessage.opened_at
    )
    rates = {
        version: (hits / sent if sent else 0.0)
        for version, sent, hits in session.execute(
            select(CampaignMessage.version, func.count(), func.count(measure))
            .where(
                CampaignMessage.campaign_id == campaign.id,
                CampaignMessage.state == "sent",
            )
            .group_by(CampaignMessage.version)
        ).all()
    }
    winner = "B" if rates.get("B", 0.0) > rates.get("A", 0.0) else "A"
    campaign.winner, campaign.status = winner, "sending"
    session.execute(
        update(CampaignMessage)
        .where(CampaignMessage.campaign_id == campaign.id, CampaignMessage.state == "held")
        .values(state="queued", version=winner)
    )
    service.start_senders(session, campaign)
    return winner


@job(queue="mail", timeout=10 * 60, idempotent=True)
def pump(ctx: JobContext) -> dict[str, Any]:
    session, now = ctx.session, utcnow()
    done: dict[str, list[int]] = {"started": [], "resumed": [], "decided": [], "settled": []}
    due = session.scalars(
        select(Campaign).where(
            Campaign.deleted_at.is_(None),
            Campaign.status == "scheduled",
            Campaign.scheduled_at <= now,
        )
    ).all()
    for campaign in due:
        service.start(session, campaign)
        done["started"].append(campaign.id)
    session.commit()
    for campaign in session.scalars(
        select(Campaign).where(Campaign.deleted_at.is_(None), Campaign.status == "sending")
    ).all():
        reap_stale(session, campaign.id)
        if campaign.recipients is None:  # its prepare was lost (or still runs: it waits)
            enqueue_task(session, prepare_campaign, queue="mail", campaign_id=campaign.id)
        elif settle(session, campaign.id):
            done["settled"].append(campaign.id)
            continue
        elif not live_senders(session, campaign.id):
            service.start_senders(session, campaign)
            done["resumed"].append(campaign.id)
        session.commit()
    for campaign in session.scalars(
        select(Campaign).where(
            Campaign.deleted_at.is_(None),
            Campaign.status == "testing",
            and_(Campaign.ab_decide_at.is_not(None), Campaign.ab_decide_at <= now),
        )
    ).all():
        decide_winner(session, campaign)
        done["decided"].append(campaign.id)
        session.commit()
    return done


@job(queue="mail", timeout=120)
def deliver_test(
    ctx: JobContext, campaign_id: int, emails: list[str], contact: dict[str, Any] | None
) -> dict[str, Any]:
    """Each version of the campaign, marked as a test, to each address."""
    session = ctx.session
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        return {"sent": 0}
    composer = Composer.of(session, campaign)
    context = service.preview_context(session, contact, campaign.name)
    smtp, sent = Smtp(config.current().smtp_url), 0
    try:
        for version, compiled in composer.versions.items():
            rendered = render(compiled, context)
            suffix = f" (version {version})" if len(composer.versions) > 1 else ""
            for email in emails:
                data = composer.signed(
                    mime_bytes(
                        sender=composer.sender_header,
                        to=address(None, email),
                        subject=f"{TEST_PREFIX}{rendered.subject}{suffix}",
                        message_id=f"cf.test.{uuid.uuid4().hex}@{composer.domain}",
                        rendered=rendered,
                        headers={"X-Cardfile-Test": "yes"},
                        boundary=f"=_cf_{uuid.uuid4().hex}",
                    )
                )
                if deliver(smtp, campaign.from_email, email, data).state == "sent":
                    sent += 1
    finally:
        smtp.quit()
    return {"sent": sent}
