"""The scoring engine, an activity listener: every batch of timeline rows is matched against
the workspace's active rules, then each touched contact's score moves in ONE UPDATE and the
history is written in ONE INSERT (events arrive 1,000 at a time: no query per row)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from sqlalchemy import BigInteger, column, func, select, update, values
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from cardfile.access.actor import Actor
from cardfile.db.base import utcnow
from cardfile.db.bulk import insert_rows
from cardfile.modules.contacts.activity import Happened
from cardfile.modules.contacts.models import Contact
from cardfile.modules.scoring.models import ScoreHistory, ScoringRule

# A score stays a PostgreSQL integer whatever a huge purchase brings.
SCORE_LIMIT = 2_000_000_000
REASON_MAX = 300
_RULES = "scoring.rules"
_TAGS = "scoring.tags"


@dataclass(frozen=True)
class Rule:
    id: int
    event: str
    points: int
    match: str | None  # lowercased
    currency: str | None


@dataclass(frozen=True)
class Hit:
    contact_id: int
    delta: int
    reason: str
    rule_id: int
    at: datetime


def _per_transaction(session: Session, key: str, make: Any) -> Any:
    """A value kept in session.info for the current transaction only."""
    transaction = session.get_transaction()
    held = session.info.get(key)
    if held is None or held[0] is not transaction:
        held = (transaction, make())
        session.info[key] = held
    return held[1]


def forget_rules(session: Session) -> None:
    """Rules changed in this session: read them again at the next batch."""
    session.info.pop(_RULES, None)


def _load_rules(session: Session) -> dict[str, list[Rule]]:
    by_event: dict[str, list[Rule]] = {}
    rows = session.execute(
        select(
            ScoringRule.id,
            ScoringRule.event,
            ScoringRule.points,
            ScoringRule.match,
            ScoringRule.currency,
        )
        .where(ScoringRule.active.is_(True))
        .order_by(ScoringRule.id)
    )
    for r in rows:
        match = r.match.lower() if r.match else None
        by_event.setdefault(r.event, []).append(Rule(r.id, r.event, r.points, match, r.currency))
    return by_event


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _events(row: Happened) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(rule event, the value a rule's match is compared with, the row's data) for each
    scorable thing a timeline row says happened; unknown kinds yield nothing."""
    kind, data = row.kind, row.data if isinstance(row.data, dict) else {}
    if kind in ("tag_added", "tagged"):
        yield "tag_added", _text(data.get("tag")), data
    elif kind == "created":
        for tag in data.get("tags") or ():
            yield "tag_added", _text(tag), data
    elif kind == "updated":
        tags = (data.get("changes") or {}).get("tags")
        if isinstance(tags, list) and len(tags) == 2:
            for tag in tags[1] or ():
                yield "tag_added", _text(tag), data
    elif kind == "transaction_added":
        yield "purchase", "", data
    elif kind == "page_visit":
        yield "page_visit", _text(data.get("url")), data
    elif kind == "form_submitted":
        yield "form_submitted", _text(data.get("form")), data
    elif kind == "custom_event":
        yield "custom_event", _text(data.get("name")), data
    elif kind == "file_downloaded":
        yield "file_downloaded", _text(data.get("file")), data
    elif kind in ("note_added", "email_opened", "email_clicked", "booking_made"):
        yield kind, "", data


def _points(rule: Rule, value: str, data: dict[str, Any]) -> tuple[int, str] | None:
    """The points `rule` gives and the reason, or None when it does not apply."""
    if rule.event == "purchase":
        currency = _text(data.get("currency")).upper()
        if rule.currency and rule.currency != currency:
            return None
        try:
            amount = Decimal(str(data.get("amount")))
        except InvalidOperation:
            return None
        if not amount.is_finite():
            return None
        points = int((amount * rule.points).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        return _clamp(points), f"purchase {amount} {currency}".strip()
    if rule.match is not None:
        lowered = value.lower()
        found = rule.match in lowered if rule.event == "page_visit" else rule.match == lowered
        if not found:
            return None
    return rule.points, f"{rule.event}: {value}" if value else rule.event


def score_rows(session: Session, rows: Sequence[Happened], actor: Actor) -> None:
    """The activity listener (registered in this package's __init__)."""
    facts = [(row, event, value, data) for row in rows for event, value, data in _events(row)]
    if not facts:
        return
    rules = _per_transaction(session, _RULES, lambda: _load_rules(session))
    if not rules:
        return
    scored_tags: set[tuple[int, str]] = _per_transaction(session, _TAGS, set)
    now = utcnow()
    hits: list[Hit] = []
    for row, event, value, data in facts:
        if event == "tag_added":
            # A tag added once is scored once per transaction, however many timeline rows
            # tell of it (say "tag_added" and the contact's "updated").
            key = (row.contact_id, value.lower())
            if key in scored_tags:
                continue
            scored_tags.add(key)
        for rule in rules.get(event, ()):
            if (got := _points(rule, value, data)) is not None and got[0] != 0:
                hits.append(Hit(row.contact_id, got[0], got[1][:REASON_MAX], rule.id, now))
    if hits:
        apply_hits(session, hits)


def _clamp(score: int) -> int:
    return max(-SCORE_LIMIT, min(SCORE_LIMIT, score))


def apply_hits(session: Session, hits: Sequence[Hit]) -> None:
    """Move the scores (one UPDATE over a VALUES list) and write the history (one INSERT)."""
    totals: dict[int, int] = {}
    for hit in hits:
        totals[hit.contact_id] = totals.get(hit.contact_id, 0) + hit.delta
    deltas = values(
        column("id", BigInteger), column("delta", BigInteger), name="score_deltas"
    ).data(list(totals.items()))
    # Locked first (in id order: two batches never wait on each other crosswise), so the
    # score each history row starts from is the one updated. NO KEY: inserts referencing
    # the contact (its notes, activities) do not wait.
    old = (
        select(Contact.id, Contact.score, deltas.c.delta)
        .join(deltas, deltas.c.id == Contact.id)
        .order_by(Contact.id)
        .with_for_update(of=Contact, key_share=True)
        .cte("old_scores")
    )
    new_score = func.least(func.greatest(old.c.score + old.c.delta, -SCORE_LIMIT), SCORE_LIMIT)
    before = dict(
        session.execute(
            update(Contact)
            .where(Contact.id == old.c.id)
            .values(score=new_score)
            .returning(Contact.id, old.c.score)
            .execution_options(synchronize_session=False)
        ).all()
    )
    history = []
    for hit in hits:
        if hit.contact_id not in before:  # gone meanwhile
            continue
        before[hit.contact_id] = _clamp(before[hit.contact_id] + hit.delta)
        history.append(
            {
                "contact_id": hit.contact_id,
                "delta": hit.delta,
                "score": before[hit.contact_id],
                "reason": hit.reason,
                "rule_id": hit.rule_id,
                "created_at": hit.at,
            }
        )
    insert_rows(session, ScoreHistory, history)
    for contact_id in before:  # loaded contacts read their new score
        loaded = session.identity_map.get(identity_key(Contact, contact_id))
        if loaded is not None:
            session.expire(loaded, ["score"])
