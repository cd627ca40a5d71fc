"""Templates and campaigns: what members edit, and the campaign's life (send now or at a
time, pause, resume, cancel, test), its report, and a contact's messages."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from cardfile import config
from cardfile.access.principal import Principal
from cardfile.auth.models import User
from cardfile.db.base import utcnow
from cardfile.db.pagination import Page, paginate
from cardfile.errors import Conflict, Invalid, NotFound
from cardfile.jobs.core import enqueue_task
from cardfile.modules.campaigns import audience
from cardfile.modules.campaigns.models import (
    Campaign,
    CampaignMessage,
    EmailTemplate,
    MessageEvent,
)
from cardfile.modules.campaigns.rendering import Version, check_template, render, sample_context
from cardfile.modules.contacts.service import get_contact
from cardfile.modules.deliverability.protection import ensure_sending_allowed
from cardfile.modules.deliverability.service import verified_domain
from cardfile.modules.lists.service import live_lists
from cardfile.modules.segments.models import Segment
from cardfile.tenancy.models import Workspace

TEMPLATE_SORTS = {"name": EmailTemplate.name, "updated_at": EmailTemplate.updated_at}
CAMPAIGN_SORTS = {
    "name": Campaign.name,
    "created_at": Campaign.created_at,
    "updated_at": Campaign.updated_at,
    "scheduled_at": Campaign.scheduled_at,
}
MESSAGE_SORTS = {"created_at": CampaignMessage.created_at, "sent_at": CampaignMessage.sent_at}
EDITABLE = ("draft", "scheduled")
SENDERS = 2  # senders per campaign (one when throttled)


# ---- templates -------------------------------------------------------------------------------


def get_template(session: Session, template_id: int, field: str | None = None) -> EmailTemplate:
    found = session.get(EmailTemplate, template_id)
    if found is None or found.deleted_at is not None:
        if field:
            raise Invalid.field(field, "Choose a template of this workspace.")
        raise NotFound("Template")
    return found


def list_templates(session: Session, args: dict[str, Any]) -> Page:
    stmt = select(EmailTemplate).where(EmailTemplate.deleted_at.is_(None))
    if args.get("q"):
        stmt = stmt.where(EmailTemplate.name.icontains(args["q"], autoescape=True))
    return paginate(session, stmt, args, TEMPLATE_SORTS, "name", EmailTemplate.id)


def create_template(session: Session, principal: Principal, data: dict[str, Any]) -> Any:
    check_template(data["subject"], data["html"], data.get("text"))
    template = EmailTemplate(**data, created_by=principal.user_id)
    session.add(template)
    session.flush()
    return template


def update_template(session: Session, template_id: int, data: dict[str, Any]) -> Any:
    template = get_template(session, template_id)
    merged = {
        "subject": data.get("subject", template.subject),
        "html": data.get("html", template.html),
        "text": data.get("text", template.text),
    }
    check_template(merged["subject"], merged["html"], merged["text"])
    for key, value in data.items():
        setattr(template, key, value)
    template.updated_at = utcnow()
    session.flush()
    return template


def delete_template(session: Session, template_id: int) -> None:
    template = get_template(session, template_id)
    busy = session.scalar(
        select(func.count()).where(
            Campaign.template_id == template_id,
            Campaign.status.in_(("draft", "scheduled", "sending", "testing", "paused")),
            Campaign.deleted_at.is_(None),
        )
    )
    if busy:
        raise Conflict("A campaign not yet sent uses this template: change that campaign first.")
    template.deleted_at = utcnow()


def preview_context(
    session: Session, person: dict[str, Any] | None, campaign_name: str | None = None
) -> dict[str, Any]:
    """What a preview or a test message is rendered with: the person (a sample one when
    None), the workspace, links that lead nowhere, and the campaign's name when given."""
    context = sample_context()
    if person is not None:
        context["contact"] = person
    workspace = session.get(Workspace, int(session.info["workspace_id"]))
    context["workspace"] = {"name": workspace.name if workspace else ""}
    if campaign_name is not None:
        context["campaign"] = {"name": campaign_name}
    base = config.current().base_url
    context["unsubscribe_url"] = f"{base}/preview/unsubscribe"
    context["preferences_url"] = f"{base}/preview/preferences"
    return context


def _contact_context(session: Session, principal: Principal, contact_id: int | None) -> Any:
    from cardfile.modules.campaigns.sender import people

    if contact_id is None:
        return preview_context(session, None)
    contact = get_contact(session, principal, contact_id)
    return preview_context(session, people(session, [contact.id])[contact.id])


def preview_template(
    session: Session, principal: Principal, template_id: int, contact_id: int | None
) -> dict[str, str]:
    """The template as a contact you may see would get it (or as a sample contact)."""
    template = get_template(session, template_id)
    rendered = render(
        Version.of(template.subject, template.html, template.text),
        _contact_context(session, principal, contact_id),
    )
    return {"subject": rendered.subject, "html": rendered.html, "text": rendered.text}


# ---- campaigns -------------------------------------------------------------------------------


def get_campaign(session: Session, campaign_id: int) -> Campaign:
    found = session.get(Campaign, campaign_id)
    if found is None or found.deleted_at is not None:
        raise NotFound("Campaign")
    return found


def _check_targets(session: Session, data: dict[str, Any]) -> None:
    if data.get("template_id") is not None:
        get_template(session, data["template_id"], "template_id")
    if data.get("list_ids"):
        live_lists(session, data["list_ids"], "list_ids")
    for field in ("segment_ids", "exclude_segment_ids"):
        wanted = set(data.get(field) or [])
        found = set(
            session.scalars(
                select(Segment.id).where(Segment.id.in_(wanted), Segment.deleted_at.is_(None))
            )
        )
        if wanted - found:
            missing = ", ".join(map(str, sorted(wanted - found)))
            raise Invalid.field(field, f"No such segment: {missing}.")
    ab = data.get("ab")
    if ab:
        if ab["kind"] == "subject":
            if not ab.get("subject_b"):
                raise Invalid.field("ab", "Give the second subject (subject_b).")
            check_template(ab["subject_b"], "", None)
        elif ab.get("template_b_id") is None:
            raise Invalid.field("ab", "Choose the second version's template (template_b_id).")
        else:
            get_template(session, ab["template_b_id"], "ab")


def list_campaigns(session: Session, args: dict[str, Any]) -> Page:
    stmt = select(Campaign).where(Campaign.deleted_at.is_(None))
    if args.get("status"):
        stmt = stmt.where(Campaign.status == args["status"])
    if args.get("q"):
        stmt = stmt.where(Campaign.name.icontains(args["q"], autoescape=True))
    page = paginate(session, stmt, args, CAMPAIGN_SORTS, "-created_at", Campaign.id)
    page.items = [campaign_view(session, c) for c in page.items]
    return page


def campaign_view(session: Session, campaign: Campaign) -> dict[str, Any]:
    progress = dict(
        session.execute(
            select(CampaignMessage.state, func.count())
            .where(CampaignMessage.campaign_id == campaign.id)
            .group_by(CampaignMessage.state)
        ).all()
    )
    view = {c.key: getattr(campaign, c.key) for c in Campaign.__table__.columns}
    view["progress"] = progress
    view["sent"] = progress.get("sent", 0)
    return view


def create_campaign(session: Session, principal: Principal, data: dict[str, Any]) -> Any:
    _check_targets(session, data)
    campaign = Campaign(**data, created_by=principal.user_id)
    session.add(campaign)
    session.flush()
    return campaign_view(session, campaign)


def update_campaign(session: Session, campaign_id: int, data: dict[str, Any]) -> dict[str, Any]:
    campaign = get_campaign(session, campaign_id)
    if campaign.status not in EDITABLE:
        raise Conflict("Only a draft or a scheduled campaign can be changed.")
    _check_targets(session, data)
    for key, value in data.items():
        setattr(campaign, key, value)
    campaign.updated_at = utcnow()
    session.flush()
    return campaign_view(session, campaign)


def delete_campaign(session: Session, campaign_id: int) -> None:
    campaign = get_campaign(session, campaign_id)
    if campaign.status in ("sending", "testing", "paused", "scheduled"):
        raise Conflict("Cancel the campaign before deleting it.")
    campaign.deleted_at = utcnow()


def audience_size(session: Session, principal: Principal, campaign_id: int) -> dict[str, int]:
    campaign = get_campaign(session, campaign_id)
    return {"count": audience.count_audience(session, campaign, principal.user_id)}


def _ready(campaign: Campaign) -> None:
    problems: dict[str, list[str]] = {}
    if campaign.template_id is None:
        problems["template_id"] = ["Choose a template."]
    if not campaign.list_ids and not campaign.segment_ids:
        problems["list_ids"] = ["Choose at least one list or segment to send to."]
    if problems:
        raise Invalid(problems, message="The campaign is not ready to send.")


def _verified_sender(session: Session, campaign: Campaign) -> None:
    """Mail leaves only from a verified sending domain (signed with its DKIM key)."""
    if verified_domain(session, campaign.from_email) is None:
        domain = campaign.from_email.rpartition("@")[2]
        raise Invalid.field(
            "from_email",
            f"{domain} is not a verified sending domain of this workspace. Add it under "
            "Settings → Sending domains, publish its records and verify it first.",
        )


def local_time(session: Session, at: datetime) -> datetime:
    """A time without an offset is read in the workspace's time zone."""
    if at.tzinfo is not None:
        return at
    workspace = session.get(Workspace, int(session.info["workspace_id"]))
    return at.replace(tzinfo=ZoneInfo(workspace.time_zone if workspace else "UTC"))


def send(
    session: Session, principal: Principal, campaign_id: int, at: datetime | None
) -> dict[str, Any]:
    """Send now, or schedule at `at` (in the workspace's time zone when it has no offset)."""
    campaign = get_campaign(session, campaign_id)
    if campaign.status not in EDITABLE:
        raise Conflict(f"This campaign is {campaign.status}: it cannot be sent again.")
    _ready(campaign)
    _verified_sender(session, campaign)
    ensure_sending_allowed(session)
    campaign.sent_by = principal.user_id
    campaign.updated_at = utcnow()
    when = local_time(session, at) if at is not None else None
    if when is not None and when > utcnow() + timedelta(seconds=30):
        campaign.status, campaign.scheduled_at = "scheduled", when
    else:
        start(session, campaign)
    session.flush()
    return campaign_view(session, campaign)


def start(session: Session, campaign: Campaign) -> None:
    """From now on the campaign is sending: its outbox is prepared by a job."""
    from cardfile.modules.campaigns.jobs import prepare_campaign

    campaign.status, campaign.started_at = "sending", utcnow()
    campaign.scheduled_at = campaign.scheduled_at or campaign.started_at
    if campaign.ab and campaign.ab.get("split_percent", 100) < 100:
        campaign.ab_decide_at = campaign.started_at + timedelta(hours=campaign.ab["wait_hours"])
    enqueue_task(session, prepare_campaign, queue="mail", campaign_id=campaign.id)


def start_senders(session: Session, campaign: Campaign) -> None:
    from cardfile.modules.campaigns.jobs import send_campaign

    for _ in range(1 if campaign.throttle_per_minute else SENDERS):
        enqueue_task(session, send_campaign, queue="mail", campaign_id=campaign.id)


def pause(session: Session, campaign_id: int) -> dict[str, Any]:
    campaign = get_campaign(session, campaign_id)
    if campaign.status not in ("sending", "testing", "scheduled"):
        raise Conflict(f"This campaign is {campaign.status}: there is nothing to pause.")
    campaign.status, campaign.updated_at = "paused", utcnow()
    session.flush()
    return campaign_view(session, campaign)


def resume(session: Session, campaign_id: int) -> dict[str, Any]:
    campaign = get_campaign(session, campaign_id)
    if campaign.status != "paused":
        raise Conflict(f"This campaign is {campaign.status}, not paused.")
    ensure_sending_allowed(session)
    _verified_sender(session, campaign)
    campaign.updated_at, campaign.status_note = utcnow(), None
    if campaign.started_at is None:  # paused while scheduled
        campaign.status = "scheduled"
    else:
        campaign.status = "sending"
        if campaign.recipients is None:
            start(session, campaign)
        else:
            start_senders(session, campaign)
    session.flush()
    return campaign_view(session, campaign)


def cancel(session: Session, campaign_id: int) -> dict[str, Any]:
    """Stop for good: what was not yet handed to SMTP is never sent."""
    campaign = get_campaign(session, campaign_id)
    if campaign.status in ("sent", "cancelled"):
        raise Conflict(f"This campaign is already {campaign.status}.")
    campaign.status, campaign.updated_at = "cancelled", utcnow()
    campaign.finished_at = utcnow()
    session.execute(
        update(CampaignMessage)
        .where(
            CampaignMessage.campaign_id == campaign.id,
            CampaignMessage.state.in_(("queued", "held")),
        )
        .values(state="cancelled")
    )
    session.flush()
    return campaign_view(session, campaign)


def send_test(
    session: Session,
    principal: Principal,
    campaign_id: int,
    emails: list[str],
    contact_id: int | None,
) -> dict[str, Any]:
    """Test messages to the given addresses, personalised as `contact_id` (or a sample)."""
    from cardfile.modules.campaigns.jobs import deliver_test

    campaign = get_campaign(session, campaign_id)
    if campaign.template_id is None:
        raise Invalid.field("template_id", "Choose a template first.")
    _verified_sender(session, campaign)
    context = _contact_context(session, principal, contact_id)
    enqueue_task(
        session,
        deliver_test,
        queue="mail",
        campaign_id=campaign.id,
        emails=emails,
        contact=context["contact"] if contact_id is not None else None,
    )
    return {"queued": len(emails)}


# ---- reports ---------------------------------------------------------------------------------


def _totals(session: Session, campaign_id: int, by_version: bool = False) -> list[Any]:
    m = CampaignMessage
    columns = [
        func.count().filter(m.state == "sent").label("sent"),
        func.count().filter(m.state == "failed").label("failed"),
        func.count().filter(m.state == "uncertain").label("uncertain"),
        func.count().filter(m.state == "skipped").label("skipped"),
        func.count().filter(m.state.in_(("queued", "claimed", "sending", "held"))).label("waiting"),
        func.count().filter(m.bounced_at.is_not(None)).label("bounced"),
        func.coalesce(func.sum(m.open_count), 0).label("opens"),
        func.count(m.opened_at).label("unique_opens"),
        func.coalesce(func.sum(m.click_count), 0).label("clicks"),
        func.count(m.clicked_at).label("unique_clicks"),
        func.count(m.unsubscribed_at).label("unsubscribes"),
        func.count(m.complained_at).label("complaints"),
        func.count().label("recipients"),
    ]
    stmt = select(*columns).where(m.campaign_id == campaign_id)
    if by_version:
        stmt = stmt.add_columns(m.version).where(m.version.is_not(None)).group_by(m.version)
        stmt = stmt.order_by(m.version)
    return session.execute(stmt).all()


def _figures(row: Any) -> dict[str, Any]:
    figures = {key: int(getattr(row, key)) for key in row._fields if key != "version"}
    figures["delivered"] = figures["sent"] - figures["bounced"]
    sent = figures["sent"] or 0
    figures["open_rate"] = round(figures["unique_opens"] / sent, 4) if sent else 0.0
    figures["click_rate"] = round(figures["unique_clicks"] / sent, 4) if sent else 0.0
    return figures


def report(session: Session, campaign_id: int) -> dict[str, Any]:
    campaign = get_campaign(session, campaign_id)
    [totals] = _totals(session, campaign.id)
    versions = [
        {"version": row.version, **_figures(row)}
        for row in _totals(session, campaign.id, by_version=True)
    ]
    hour = func.date_trunc("hour", MessageEvent.at)
    events = session.execute(
        select(hour, MessageEvent.kind, func.count())
        .where(MessageEvent.campaign_id == campaign.id, MessageEvent.kind.in_(("open", "click")))
        .group_by(hour, MessageEvent.kind)
    ).all()
    sent_hour = func.date_trunc("hour", CampaignMessage.sent_at)
    sent = session.execute(
        select(sent_hour, func.count())
        .where(CampaignMessage.campaign_id == campaign.id, CampaignMessage.sent_at.is_not(None))
        .group_by(sent_hour)
    ).all()
    timeline: dict[datetime, dict[str, Any]] = {}
    for at, count in sent:
        timeline.setdefault(at, {"at": at, "sent": 0, "opens": 0, "clicks": 0})["sent"] = count
    for at, kind, count in events:
        slot = timeline.setdefault(at, {"at": at, "sent": 0, "opens": 0, "clicks": 0})
        slot["opens" if kind == "open" else "clicks"] = count
    links = session.execute(
        select(
            MessageEvent.url,
            func.count(),
            func.count(func.distinct(MessageEvent.message_id)),
        )
        .where(MessageEvent.campaign_id == campaign.id, MessageEvent.kind == "click")
        .group_by(MessageEvent.url)
        .order_by(func.count().desc(), MessageEvent.url)
        .limit(100)
    ).all()
    return {
        "campaign_id": campaign.id,
        "status": campaign.status,
        "winner": campaign.winner,
        "totals": _figures(totals),
        "versions": versions,
        "timeline": [timeline[k] for k in sorted(timeline)],
        "links": [{"url": u, "clicks": c, "unique_clicks": uc} for u, c, uc in links],
    }


def contact_messages(
    session: Session, principal: Principal, contact_id: int, args: dict[str, Any]
) -> Page:
    """The contact's campaign messages, newest first, with what became of each."""
    contact = get_contact(session, principal, contact_id)
    stmt = (
        select(CampaignMessage, Campaign.name, User.name, Campaign.ab)
        .join(Campaign, Campaign.id == CampaignMessage.campaign_id)
        .outerjoin(User, User.id == Campaign.sent_by)
        .where(CampaignMessage.contact_id == contact.id)
    )
    page = paginate(
        session, stmt, args, MESSAGE_SORTS, "-created_at", CampaignMessage.id, scalars=False
    )
    page.items = [
        {
            "id": m.id,
            "campaign_id": m.campaign_id,
            "campaign_name": name,
            "initiator": sender,
            "version": m.version if ab else None,  # only an A/B test has versions
            "subject": m.subject,
            "state": m.state,
            "error": m.error,
            "sent_at": m.sent_at,
            "delivered": m.state == "sent" and m.bounced_at is None,
            "opened_at": m.opened_at,
            "open_count": m.open_count,
            "clicked_at": m.clicked_at,
            "click_count": m.click_count,
            "unsubscribed_at": m.unsubscribed_at,
            "bounced_at": m.bounced_at,
        }
        for m, name, sender, ab in page.items
    ]
    return page
