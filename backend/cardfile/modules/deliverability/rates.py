"""Bounce and complaint rates, from two small tables: `send_counts` (messages the mail server
accepted, per minute, campaign and sending domain, written by the senders every 2 seconds)
and `bounces`. The outbox itself is never scanned by time: it has no index on it, so that
the senders' state changes stay HOT updates.

- `recent(since, before)`: the last 1,000 messages sent (whole minutes, so at least 1,000)
  and how many of them bounced or drew a complaint — what automatic protection watches;
- `by_domain(since)`: per sending domain and in total, sent and reports received since.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from cardfile.modules.deliverability.models import Bounce, SendCount

WINDOW = 1000
PERIODS = {"24h": timedelta(hours=24), "7d": timedelta(days=7)}  # the rates shown and scored

# Run by a sender on its direct (autocommit) connection every 2 seconds and after a batch.
COUNT_SENT = """
INSERT INTO send_counts (minute, campaign_id, domain, sent)
VALUES (date_trunc('minute', now()), %(campaign_id)s, %(domain)s, %(sent)s)
ON CONFLICT (minute, campaign_id) DO UPDATE SET sent = send_counts.sent + EXCLUDED.sent
"""


@dataclass
class Figures:
    sent: int = 0
    bounced: int = 0
    complained: int = 0

    @property
    def bounce_rate(self) -> float:
        """In percent."""
        return round(100 * self.bounced / self.sent, 3) if self.sent else 0.0

    @property
    def complaint_rate(self) -> float:
        return round(100 * self.complained / self.sent, 3) if self.sent else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "bounce_rate": self.bounce_rate,
            "complaint_rate": self.complaint_rate,
        }


def count_sent(direct: Any, campaign_id: int, domain: str, sent: int) -> None:
    if sent:
        direct.execute(COUNT_SENT, {"campaign_id": campaign_id, "domain": domain, "sent": sent})


def recent(session: Session, since: datetime, before: datetime | None = None) -> Figures:
    """The last WINDOW messages sent after `since` (and before `before`), and their bounces
    and complaints. Counts are per minute: the minute `since` falls in is left out unless it
    starts there (its earlier messages belong to the time before, say, a resume); so is the
    minute `before` falls in."""
    first = since.replace(second=0, microsecond=0)
    if first < since:
        first += timedelta(minutes=1)
    end = before or datetime.max.replace(tzinfo=since.tzinfo)
    # Newest minute first: every minute whose newer minutes hold fewer than WINDOW messages
    # is in; the oldest of them is where the window starts.
    start, sent = session.execute(
        text(
            "WITH minutes AS ("
            "  SELECT minute, sum(sent) AS sent FROM send_counts"
            "  WHERE minute >= :first AND minute < date_trunc('minute', CAST(:end AS timestamptz))"
            "  GROUP BY minute),"
            " running AS ("
            "  SELECT minute, sum(sent) OVER (ORDER BY minute DESC) AS total, sent FROM minutes)"
            "SELECT min(minute), max(total) FROM running WHERE total - sent < :window"
        ),
        {"first": first, "end": end, "window": WINDOW},
    ).one()
    if start is None:
        return Figures()
    reports = session.execute(
        select(
            func.count(func.distinct(Bounce.message_id)).filter(Bounce.kind != "complaint"),
            func.count(func.distinct(Bounce.message_id)).filter(Bounce.kind == "complaint"),
        ).where(Bounce.sent_at >= start, Bounce.sent_at < end.replace(second=0, microsecond=0))
    ).one()
    return Figures(int(sent), int(reports[0]), int(reports[1]))


def by_domain(session: Session, since: datetime) -> dict[str | None, Figures]:
    """Per sending domain, and in total (key None): sent since, and reports received since."""
    found: dict[str | None, Figures] = {None: Figures()}
    for domain, sent in session.execute(
        select(SendCount.domain, func.sum(SendCount.sent))
        .where(SendCount.minute >= since)
        .group_by(SendCount.domain)
    ):
        found.setdefault(domain, Figures()).sent += int(sent)
        found[None].sent += int(sent)
    for domain, kind, count in session.execute(
        select(Bounce.domain, Bounce.kind, func.count(func.distinct(Bounce.message_id)))
        .where(Bounce.at >= since)
        .group_by(Bounce.domain, Bounce.kind)
    ):
        for key in (domain, None):
            figures = found.setdefault(key, Figures())
            if kind == "complaint":
                figures.complained += int(count)
            else:
                figures.bounced += int(count)
    return found


def by_period(session: Session, now: datetime) -> dict[str, dict[str | None, Figures]]:
    """by_domain over each of PERIODS, ending `now`."""
    return {key: by_domain(session, now - span) for key, span in PERIODS.items()}
