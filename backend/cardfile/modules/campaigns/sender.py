"""The sending engine: senders claim batches of a campaign's outbox with
`FOR UPDATE SKIP LOCKED`, render each message and hand it to SMTP over one reused
connection.

Exactly once. A message goes to SMTP only after its row moved claimed -> sending in a
committed UPDATE guarded by the sender's token, so a row is handed over at most once. The
"sent" state of accepted messages is committed together with a later message's "sending"
(one durable commit per message, made by a thread while the previous message is at the
server). A sender that dies (SIGKILL) leaves at most three rows in "sending" (the one
accepted just before, the one at the server, the next one): the reaper (`reap_stale`) marks
them "uncertain" (maybe received; never sent again automatically, shown to the user) and
gives its claimed, untried rows back to the queue.
"""

from __future__ import annotations

import contextlib
import smtplib
import time
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from cryptography.fernet import InvalidToken
from sqlalchemy import and_, case, delete, exists, func, literal, select, update
from sqlalchemy.orm import Session

from cardfile import config
from cardfile.auth.tokens import link_token
from cardfile.db.base import utcnow
from cardfile.db.scope import direct_connection
from cardfile.mail.signing import Signer
from cardfile.modules.campaigns.models import (
    Campaign,
    CampaignMessage,
    CampaignSender,
    EmailTemplate,
)
from cardfile.modules.campaigns.rendering import Version, address, mime_bytes, render
from cardfile.modules.contacts.models import Contact, ContactTag, Tag
from cardfile.modules.deliverability import protection, rates, records, verp
from cardfile.modules.deliverability.service import verified_domain
from cardfile.modules.lists.models import Subscription
from cardfile.tenancy.models import Workspace

BATCH = 200
HEARTBEAT_SECONDS = 5
LOOK_SECONDS = 2  # how often a sender counts what it sent and looks at the campaign's status
LEASE = timedelta(seconds=120)  # a sender silent this long is dead
SENDING_TIMEOUT = 6 * 3600  # one sender's longest run (a throttled campaign is slow)
MAX_ATTEMPTS = 3
UNCERTAIN = (
    "The sender stopped while handing this message to the mail server: it may have been "
    "delivered. It is not sent again automatically."
)
PUBLIC = "/api/v1/public"
NOT_VERIFIED = (
    "Paused: the sending domain is no longer verified. Verify it under Settings → Sending "
    "domains, then resume."
)
KEY_UNREADABLE = (
    "Paused: the sending domain's DKIM key cannot be read (SECRET_KEY changed since it was "
    "made). Remove the domain, add it again, publish its new DKIM record, then resume."
)


# ---- who may still receive it ------------------------------------------------------------


def mailable(campaign: Campaign) -> Any:
    """Still wanted, checked when rows are chosen and again when claimed: a live contact whose
    address is not invalid or suppressed, subscribed to one of the campaign's lists (to any
    list, when the campaign also reaches people through segments)."""
    subscribed = [Subscription.contact_id == Contact.id, Subscription.status == "subscribed"]
    if not campaign.segment_ids:
        subscribed.append(Subscription.list_id.in_(campaign.list_ids or [0]))
    return and_(
        Contact.deleted_at.is_(None),
        Contact.email.is_not(None),
        Contact.email_status.not_in(("invalid", "suppressed")),
        exists().where(*subscribed),
    )


# ---- the reaper -----------------------------------------------------------------------------


def reap_stale(session: Session, campaign_id: int, lease: timedelta = LEASE) -> int:
    """Senders whose heartbeat stopped: their untried rows go back to the queue, those they had
    in hand ("sending") become uncertain. Returns how many senders were reaped."""
    stale = list(
        session.scalars(
            select(CampaignSender.token).where(
                CampaignSender.campaign_id == campaign_id,
                CampaignSender.heartbeat_at < utcnow() - lease,
            )
        )
    )
    if not stale:
        return 0
    mine = and_(CampaignMessage.campaign_id == campaign_id, CampaignMessage.claimed_by.in_(stale))
    session.execute(
        update(CampaignMessage)
        .where(mine, CampaignMessage.state == "claimed")
        .values(state="queued", claimed_by=None)
    )
    session.execute(
        update(CampaignMessage)
        .where(mine, CampaignMessage.state == "sending")
        .values(state="uncertain", error=UNCERTAIN)
    )
    session.execute(delete(CampaignSender).where(CampaignSender.token.in_(stale)))
    session.commit()
    return len(stale)


def live_senders(session: Session, campaign_id: int) -> int:
    return int(
        session.scalar(
            select(func.count()).where(
                CampaignSender.campaign_id == campaign_id,
                CampaignSender.heartbeat_at >= utcnow() - LEASE,
            )
        )
        or 0
    )


# ---- SMTP -----------------------------------------------------------------------------------


class Smtp:
    """One SMTP connection, opened lazily and again after the server drops it."""

    def __init__(self, url: str) -> None:
        self.url = urlparse(url)
        self.conn: smtplib.SMTP | None = None

    def open(self) -> smtplib.SMTP:
        if self.conn is None:
            url = self.url
            host, port = url.hostname or "127.0.0.1", url.port or 25
            cls = smtplib.SMTP_SSL if url.scheme == "smtps" else smtplib.SMTP
            conn = cls(host, port, timeout=60)
            if parse_qs(url.query).get("starttls") == ["1"]:
                conn.starttls()
            if url.username:
                conn.login(unquote(url.username), unquote(url.password or ""))
            self.conn = conn
        return self.conn

    def drop(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(OSError):
                self.conn.close()
        self.conn = None

    def quit(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self.conn.quit()
        self.conn = None


@dataclass
class Outcome:
    state: str  # sent, failed, queued (retry later), uncertain
    error: str | None = None


def deliver(smtp: Smtp, sender: str, recipient: str, data: bytes) -> Outcome:
    """Hand one message over and say what became of it."""
    try:
        conn = smtp.open()
    except (smtplib.SMTPException, OSError) as error:
        return Outcome("queued", f"The mail server could not be reached: {error}"[:500])
    try:
        conn.sendmail(sender, [recipient], data)
        return Outcome("sent")
    except smtplib.SMTPRecipientsRefused as error:
        code, reply = next(iter(error.recipients.values()))
        return _refused(code, reply)
    except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as error:
        return _refused(error.smtp_code, error.smtp_error)
    except (TimeoutError, smtplib.SMTPServerDisconnected, smtplib.SMTPException, OSError):
        smtp.drop()  # the server may or may not have taken it: never guess
        return Outcome("uncertain", UNCERTAIN)


def _refused(code: int, reply: bytes | str) -> Outcome:
    text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
    state = "queued" if 400 <= code < 500 else "failed"
    return Outcome(state, f"{code} {text}"[:500])


# ---- one sender -----------------------------------------------------------------------------


@dataclass
class Claimed:
    id: int
    contact_id: int
    email: str
    version: str


# One statement, one commit per message: this message claimed -> sending, and the messages
# the server accepted since the previous one sending -> sent.
HAND_OVER = """
UPDATE campaign_messages SET
  state = CASE WHEN id = %(id)s THEN 'sending' ELSE 'sent' END,
  message_id = CASE WHEN id = %(id)s THEN %(message_id)s ELSE message_id END,
  subject = CASE WHEN id = %(id)s THEN %(subject)s ELSE subject END,
  attempts = attempts + (id = %(id)s)::int,
  sent_at = CASE WHEN id = %(id)s THEN sent_at ELSE now() END
WHERE claimed_by = %(token)s
  AND ((id = %(id)s AND state = 'claimed') OR (id = ANY(%(done)s) AND state = 'sending'))
RETURNING id = %(id)s
"""
MARK_SENT = """
UPDATE campaign_messages SET state = 'sent', sent_at = now()
WHERE claimed_by = %(token)s AND state = 'sending' AND id = ANY(%(done)s)
"""
OUTCOME = """
UPDATE campaign_messages SET
  state = CASE WHEN %(state)s = 'queued' AND attempts >= %(max)s THEN 'failed' ELSE %(state)s END,
  error = %(error)s,
  claimed_by = CASE WHEN %(state)s = 'queued' AND attempts < %(max)s THEN NULL
                    ELSE claimed_by END
WHERE id = %(id)s AND claimed_by = %(token)s
"""
HEARTBEAT = "UPDATE campaign_senders SET heartbeat_at = now() WHERE token = %(token)s"


@dataclass
class Sender:
    """The outbox as one sender sees it. The hot path (one statement per message) runs on a
    direct connection (`direct`, autocommit); the rest on the ORM session."""

    session: Session
    campaign_id: int
    workspace_id: int
    direct: Any
    token: str = field(default_factory=lambda: str(uuid.uuid4()))
    after: int = 0  # the last id claimed: the next claim looks after it
    sent: int = 0
    counted: int = 0  # of `sent`, how many are in send_counts
    done_ids: list[int] = field(default_factory=list)
    last_beat: float = field(default_factory=time.monotonic)

    # -- lifecycle --

    def register(self) -> None:
        self.session.add(CampaignSender(token=self.token, campaign_id=self.campaign_id))
        self.session.commit()

    def beat(self, force: bool = False) -> None:
        if force or time.monotonic() - self.last_beat >= HEARTBEAT_SECONDS:
            self.direct.execute(HEARTBEAT, {"token": self.token}, prepare=True)
            self.last_beat = time.monotonic()

    def leave(self, status: str) -> None:
        """Give back what was claimed and not tried, and say goodbye."""
        self._flush_sent()
        self.session.commit()
        back = "cancelled" if status == "cancelled" else "queued"
        self.session.execute(
            update(CampaignMessage)
            .where(
                CampaignMessage.campaign_id == self.campaign_id,
                CampaignMessage.claimed_by == self.token,
                CampaignMessage.state == "claimed",
            )
            .values(state=back, claimed_by=None)
        )
        self.session.execute(delete(CampaignSender).where(CampaignSender.token == self.token))
        self.session.commit()

    # -- the outbox --

    def claim(self, campaign: Campaign) -> list[Claimed]:
        """The next batch after this sender's cursor, or, once at the end, from the start
        (rows given back behind it): claimed in one statement; rows no longer wanted are
        skipped."""
        claimed = self._claim_after(campaign, self.after)
        if not claimed and self.after:
            self.after = 0
            claimed = self._claim_after(campaign, 0)
        if claimed:
            self.after = claimed[-1].id
        return claimed

    def _claim_after(self, campaign: Campaign, after: int) -> list[Claimed]:
        # The primary key from the cursor on: a campaign's rows were written together, so
        # their ids are close; no index on the state, so every state change is a HOT update.
        batch = (
            select(CampaignMessage.id)
            .where(
                CampaignMessage.id > after,
                CampaignMessage.campaign_id == self.campaign_id,
                CampaignMessage.state == "queued",
            )
            .order_by(CampaignMessage.id)
            .limit(BATCH)
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        wanted = (
            select(literal(True))
            .select_from(Contact)
            .where(Contact.id == CampaignMessage.contact_id, mailable(campaign))
            .exists()
        )
        rows = self.session.execute(
            update(CampaignMessage)
            .where(CampaignMessage.id.in_(batch))
            .values(
                state=case((wanted, "claimed"), else_="skipped"),
                claimed_by=case((wanted, self.token), else_=None),
                error=case((wanted, None), else_="No longer subscribed or no longer mailable"),
            )
            .returning(
                CampaignMessage.id,
                CampaignMessage.contact_id,
                CampaignMessage.email,
                CampaignMessage.version,
                CampaignMessage.state,
            )
        ).all()
        self.session.commit()
        self.beat(force=True)
        claimed = [
            Claimed(r.id, r.contact_id, r.email, r.version or "A")
            for r in rows
            if r.state == "claimed"
        ]
        return sorted(claimed, key=lambda c: c.id)

    def status(self) -> str:
        """The campaign's status; "paused" too once deliverability protection holds the
        workspace (a campaign started just as it paused waits with the others)."""
        protection.hold_if_paused(self.direct, self.campaign_id)
        row = self.direct.execute(
            "SELECT status FROM campaigns WHERE id = %(id)s", {"id": self.campaign_id}
        ).fetchone()
        return row[0] if row else "cancelled"

    def count_sent(self, domain: str) -> None:
        """Add the messages accepted since the last call to the per-minute counts (rates.py)."""
        rates.count_sent(self.direct, self.campaign_id, domain, self.sent - self.counted)
        self.counted = self.sent

    def take_done(self) -> list[int]:
        done, self.done_ids = self.done_ids, []
        return done

    def start_sending(
        self, message: Claimed, message_id: str, subject: str, done: list[int]
    ) -> bool:
        """claimed -> sending, committed together with `done` (accepted since) -> sent;
        False when the row is no longer this sender's (unsubscribed meanwhile, or reaped)."""
        rows = self.direct.execute(
            HAND_OVER,
            {
                "id": message.id,
                "message_id": message_id,
                "subject": subject[:500],
                "token": self.token,
                "done": done,
            },
            prepare=True,
        ).fetchall()
        self.beat()
        return any(row[0] for row in rows)

    def give_back(self, messages: list[Claimed]) -> None:
        """Rows handed over but never tried (the server went away): queued again."""
        self.direct.execute(
            "UPDATE campaign_messages SET state = 'queued', claimed_by = NULL "
            "WHERE claimed_by = %(token)s AND state = 'sending' AND id = ANY(%(ids)s)",
            {"token": self.token, "ids": [m.id for m in messages]},
        )

    def record(self, message: Claimed, outcome: Outcome) -> None:
        """What the server said: accepted (marked sent with the next hand-over), refused for
        good (failed), refused for now (queued again, failed after MAX_ATTEMPTS) or unknown
        (uncertain)."""
        if outcome.state == "sent":
            self.done_ids.append(message.id)
            self.sent += 1
            return
        self.direct.execute(
            OUTCOME,
            {
                "id": message.id,
                "token": self.token,
                "state": outcome.state,
                "error": outcome.error,
                "max": MAX_ATTEMPTS,
            },
        )

    def _flush_sent(self) -> None:
        if self.done_ids:
            self.direct.execute(MARK_SENT, {"token": self.token, "done": self.done_ids})
            self.done_ids = []


# ---- the message of one recipient -----------------------------------------------------------


@dataclass
class Composer:
    """What stays the same for every message of a campaign, prepared once."""

    campaign: Campaign
    workspace: Workspace
    versions: dict[str, Version]
    base_url: str
    sender_header: str
    domain: str
    signer: Signer | None
    problem: str | None  # why there is no signer: the campaign cannot be sent

    @classmethod
    def of(cls, session: Session, campaign: Campaign) -> Composer:
        signer, problem = _signer(session, campaign.from_email)
        workspace = session.get(Workspace, int(session.info["workspace_id"]))
        versions = {}
        template = session.get(EmailTemplate, campaign.template_id)
        versions["A"] = Version.of(template.subject, template.html, template.text)
        ab = campaign.ab or {}
        if ab.get("kind") == "subject":
            versions["B"] = Version.of(ab["subject_b"], template.html, template.text)
        elif ab.get("kind") == "content":
            other = session.get(EmailTemplate, ab["template_b_id"])
            versions["B"] = Version.of(other.subject, other.html, other.text)
        return cls(
            campaign=campaign,
            workspace=workspace,
            versions=versions,
            base_url=config.current().base_url,
            sender_header=address(campaign.from_name, campaign.from_email),
            domain=campaign.from_email.rpartition("@")[2] or "cardfile.local",
            signer=signer,
            problem=problem,
        )

    @property
    def sending_domain(self) -> str:
        """The verified domain, as it was added (From may spell it in capitals)."""
        return self.signer.domain.decode() if self.signer else self.domain.lower()

    def return_path(self, message_id: int) -> str:
        """The envelope sender: this message's own bounce address (VERP)."""
        return verp.return_path(self.workspace.id, message_id, self.sending_domain)

    def signed(self, data: bytes) -> bytes:
        return self.signer.sign(data) if self.signer is not None else data

    def url(self, path: str, purpose: str, **payload: Any) -> str:
        return f"{self.base_url}{PUBLIC}/{path}/{link_token(purpose, self.workspace.id, **payload)}"

    def message_id(self, message: Claimed) -> str:
        unique = uuid.uuid4().hex[:12]
        return f"cf.{self.workspace.id}.{self.campaign.id}.{message.id}.{unique}@{self.domain}"

    def compose(
        self, message: Claimed, person: dict[str, Any], message_id: str
    ) -> tuple[str, bytes]:
        """(the subject, the whole message as bytes)"""
        unsubscribe = self.url("u", "unsubscribe", m=message.id)
        context = {
            "contact": person,
            "unsubscribe_url": unsubscribe,
            "preferences_url": f"{self.base_url}/preferences/"
            + link_token("preferences", self.workspace.id, contact=message.contact_id),
            "workspace": {"name": self.workspace.name},
            "campaign": {"name": self.campaign.name},
        }
        tracked = not person.get("tracking_disabled")
        rendered = render(
            self.versions.get(message.version, self.versions["A"]),
            context,
            click_url=(
                (lambda url: self.url("c", "click", m=message.id, u=url))
                if tracked and self.campaign.track_clicks
                else None
            ),
            pixel_url=(
                self.url("o", "open", m=message.id)
                if tracked and self.campaign.track_opens
                else None
            ),
        )
        headers = {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"<campaign-{self.campaign.id}.{self.domain}>",
            "Precedence": "bulk",
        }
        if self.campaign.reply_to:
            headers["Reply-To"] = self.campaign.reply_to
        return rendered.subject, self.signed(
            mime_bytes(
                sender=self.sender_header,
                to=address(_full_name(person), message.email),
                subject=rendered.subject,
                message_id=message_id,
                rendered=rendered,
                headers=headers,
                boundary=f"=_cf_{uuid.uuid4().hex}",
            )
        )


def _signer(session: Session, from_email: str) -> tuple[Signer | None, str | None]:
    """The DKIM signer of the From address's verified domain, or why there is none."""
    sending = verified_domain(session, from_email)
    if sending is None:
        return None, NOT_VERIFIED
    try:
        pem = records.private_pem(sending.dkim_private_key)
    except InvalidToken:
        return None, KEY_UNREADABLE
    return Signer(sending.domain, sending.dkim_selector, pem), None


def _full_name(person: dict[str, Any]) -> str | None:
    name = " ".join(p for p in (person.get("first_name"), person.get("last_name")) if p)
    return name or None


PERSON_FIELDS = (
    "id",
    "email",
    "first_name",
    "last_name",
    "company",
    "job_title",
    "phone",
    "time_zone",
    "score",
    "tracking_disabled",
)


def people(session: Session, contact_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The personalisation data of a batch of recipients, tags included, in one query."""
    tags = (
        select(func.coalesce(func.array_agg(Tag.name), literal([])))
        .join(ContactTag, ContactTag.tag_id == Tag.id)
        .where(ContactTag.contact_id == Contact.id)
        .scalar_subquery()
    )
    columns = [getattr(Contact, name) for name in PERSON_FIELDS]
    rows = session.execute(
        select(*columns, Contact.custom, tags.label("tags")).where(Contact.id.in_(contact_ids))
    ).all()
    found = {}
    for row in rows:
        person = {name: getattr(row, name) for name in PERSON_FIELDS}
        person["custom"] = row.custom or {}
        person["tags"] = list(row.tags or [])
        found[row.id] = person
    return found


# ---- the loop -------------------------------------------------------------------------------


def run_sender(session: Session, workspace_id: int, campaign_id: int) -> dict[str, Any]:
    """Send a campaign's queued messages until none is left or the campaign stops."""
    campaign = session.get(Campaign, campaign_id)
    if campaign is None or campaign.status != "sending":
        return {"sent": 0, "status": campaign.status if campaign else "gone"}
    reap_stale(session, campaign_id)
    composer = Composer.of(session, campaign)
    if composer.problem is not None:
        return {"sent": 0, "status": _hold(session, campaign, composer.problem)}
    smtp = Smtp(config.current().smtp_url)
    pace = 60.0 / campaign.throttle_per_minute if campaign.throttle_per_minute else 0.0
    status = "sending"
    with direct_connection(workspace_id) as direct, ThreadPoolExecutor(1) as preparing:
        sender = Sender(session, campaign_id, workspace_id, direct)
        sender.register()
        try:
            while status == "sending":
                batch = sender.claim(campaign)
                if not batch:
                    break
                persons = people(session, [m.contact_id for m in batch])
                status = _send_batch(sender, composer, smtp, batch, persons, preparing, pace)
                status = sender.status() if status == "sending" else status
        finally:
            smtp.quit()
            sender.count_sent(composer.sending_domain)
            sender.leave(status)
    settle(session, campaign_id)
    return {"sent": sender.sent, "status": status}


def _send_batch(
    sender: Sender,
    composer: Composer,
    smtp: Smtp,
    batch: list[Claimed],
    persons: dict[int, dict[str, Any]],
    preparing: ThreadPoolExecutor,
    pace: float,
) -> str:
    """ "sending" when the batch is done, "stalled" when the server cannot be reached.

    While one message goes to SMTP, a thread composes the next and commits its hand-over
    (with the "sent" of those accepted before): a sender killed at any moment leaves at
    most the message at the server, the next one and the one accepted just before in
    "sending" — uncertain, never sent again."""

    def prepare(message: Claimed, done: list[int]) -> bytes | None:
        person = persons.get(message.contact_id)
        if person is None:
            return None  # erased meanwhile (its row went with it)
        message_id = composer.message_id(message)
        subject, data = composer.compose(message, person, message_id)
        return data if sender.start_sending(message, message_id, subject, done) else None

    def stop(index: int, status: str) -> str:
        upcoming.result()  # its hand-over is committed: give it back with the rest
        sender.give_back(batch[index + 1 :])
        sender.count_sent(composer.sending_domain)
        return status

    upcoming = preparing.submit(prepare, batch[0], sender.take_done())
    next_look = time.monotonic() + LOOK_SECONDS
    for index, message in enumerate(batch):
        started = time.monotonic()
        data = upcoming.result()
        if index + 1 < len(batch):
            upcoming = preparing.submit(prepare, batch[index + 1], sender.take_done())
        if data is None:
            continue
        outcome = deliver(smtp, composer.return_path(message.id), message.email, data)
        sender.record(message, outcome)
        if outcome.state == "queued" and outcome.error and "could not be reached" in outcome.error:
            return stop(index, "stalled")
        if started >= next_look:
            # Now and then within a batch: the rates see what was sent, and a pause (by a
            # user, or by deliverability protection) stops the sender within seconds.
            next_look = started + LOOK_SECONDS
            sender.count_sent(composer.sending_domain)
            status = sender.status()
            if status != "sending":
                return stop(index, status)
        if pace:
            time.sleep(max(0.0, pace - (time.monotonic() - started)))
    sender.count_sent(composer.sending_domain)
    return "sending"


def _hold(session: Session, campaign: Campaign, note: str) -> str:
    """Pause a campaign that cannot go on (the user resumes it once fixed)."""
    session.execute(
        update(Campaign)
        .where(Campaign.id == campaign.id, Campaign.status == "sending")
        .values(status="paused", status_note=note, updated_at=utcnow())
    )
    session.commit()
    return "paused"


def settle(session: Session, campaign_id: int) -> str | None:
    """Once nothing is queued, claimed or being sent and no sender is alive: an A/B test
    group done waits for its winner ("testing"), anything else is "sent"."""
    busy = exists().where(
        CampaignMessage.campaign_id == campaign_id,
        CampaignMessage.state.in_(("queued", "claimed", "sending")),
    )
    if session.scalar(select(busy)) or live_senders(session, campaign_id):
        return None
    held = session.scalar(
        select(
            exists().where(
                CampaignMessage.campaign_id == campaign_id, CampaignMessage.state == "held"
            )
        )
    )
    status = "testing" if held else "sent"
    values: dict[str, Any] = {"status": status, "updated_at": utcnow()}
    if status == "sent":
        values["finished_at"] = utcnow()
    changed = session.execute(
        update(Campaign)
        .where(Campaign.id == campaign_id, Campaign.status == "sending")
        .values(values)
    ).rowcount
    session.commit()
    return status if changed else None
