"""Scoring rules, the decay setting and score history. The engine that applies the rules
listens to the timeline (engine.py); rules are workspace settings (admins write them)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import BigInteger, cast, exists, select, update
from sqlalchemy.orm import Session

from cardfile.access.principal import Principal
from cardfile.db.base import utcnow
from cardfile.db.bulk import insert_rows
from cardfile.db.pagination import Page, paginate
from cardfile.db.settings import upsert_settings
from cardfile.errors import Invalid, NotFound
from cardfile.modules.contacts.models import Contact
from cardfile.modules.contacts.service import get_contact
from cardfile.modules.scoring.engine import forget_rules
from cardfile.modules.scoring.models import MATCHED, ScoreHistory, ScoringRule, ScoringSettings

RULE_FIELDS = ("event", "points", "match", "currency", "active")
RULE_SORTS = {
    "created_at": ScoringRule.created_at,
    "event": ScoringRule.event,
    "points": ScoringRule.points,
}
DECAY_PERIOD = timedelta(days=30)
# The daily run starts a little earlier or later each day; a contact decayed at 04:29:05 is
# due again 30 days later at 04:29:00.
DECAY_SLACK = timedelta(hours=1)
DECAY_BATCH = 1000
DECAY_REASON = "decay"


# ---- rules ----------------------------------------------------------------------------------


def list_rules(session: Session, args: dict[str, Any]) -> Page:
    return paginate(session, select(ScoringRule), args, RULE_SORTS, "created_at", ScoringRule.id)


def get_rule(session: Session, rule_id: int) -> ScoringRule:
    rule = session.get(ScoringRule, rule_id)
    if rule is None:
        raise NotFound("Scoring rule")
    return rule


def _check(rule: ScoringRule) -> None:
    """The combination of event, match and currency makes sense (after create or edit)."""
    if rule.match is not None and rule.event not in MATCHED:
        raise Invalid.field("match", "This event takes no match; leave it empty.")
    if rule.event == "custom_event" and not rule.match:
        raise Invalid.field("match", "Enter the custom event's name.")
    if rule.currency is not None and rule.event != "purchase":
        raise Invalid.field("currency", "Only a purchase rule takes a currency.")


def create_rule(session: Session, data: dict[str, Any]) -> ScoringRule:
    rule = ScoringRule(**{k: data.get(k) for k in RULE_FIELDS if k in data})
    if rule.active is None:
        rule.active = True
    _check(rule)
    session.add(rule)
    session.flush()
    forget_rules(session)
    return rule


def update_rule(session: Session, rule_id: int, data: dict[str, Any]) -> ScoringRule:
    rule = get_rule(session, rule_id)
    for key in RULE_FIELDS:
        if key in data:
            setattr(rule, key, data[key])
    if "event" in data and data["event"] != "purchase" and "currency" not in data:
        rule.currency = None  # a purchase rule turned into another keeps no currency
    if "event" in data and data["event"] not in MATCHED and "match" not in data:
        rule.match = None
    _check(rule)
    session.flush()
    forget_rules(session)
    return rule


def delete_rule(session: Session, rule_id: int) -> None:
    session.delete(get_rule(session, rule_id))
    session.flush()
    forget_rules(session)


# ---- the decay setting ----------------------------------------------------------------------


def get_settings(session: Session) -> dict[str, Any]:
    row = session.get(ScoringSettings, 1)
    return {
        "decay_percent": row.decay_percent if row else 0,
        "updated_at": row.updated_at if row else None,
    }


def put_settings(session: Session, data: dict[str, Any]) -> dict[str, Any]:
    values = {"decay_percent": data["decay_percent"], "updated_at": utcnow()}
    upsert_settings(session, ScoringSettings, values)
    session.expire_all()
    return get_settings(session)


# ---- history and decay ----------------------------------------------------------------------


def list_history(
    session: Session, principal: Principal, contact_id: int, args: dict[str, Any]
) -> Page:
    """Newest first; a contact the principal may not see is a 404."""
    get_contact(session, principal, contact_id)
    return paginate(
        session,
        select(ScoreHistory).where(ScoreHistory.contact_id == contact_id),
        args,
        {"created_at": ScoreHistory.created_at},
        "-created_at",
        ScoreHistory.id,
        keyset=("created_at",),
    )


def decay_batch(session: Session, percent: int, now: datetime, after_id: int) -> list[int]:
    """Lower by `percent` (rounded toward zero) the scores of up to DECAY_BATCH contacts with
    id > after_id that are due: scored more than 30 days ago and not decayed in the last 30
    days. One UPDATE, one INSERT of history; returns the ids decayed (in id order)."""
    cutoff = now - DECAY_PERIOD + DECAY_SLACK
    history = ScoreHistory
    due = (
        select(Contact.id, Contact.score)
        .where(
            Contact.id > after_id,
            Contact.score != 0,
            Contact.deleted_at.is_(None),
            exists().where(history.contact_id == Contact.id, history.created_at <= cutoff),
            ~exists().where(
                history.contact_id == Contact.id,
                history.reason == DECAY_REASON,
                history.created_at > cutoff,
            ),
        )
        .order_by(Contact.id)
        .limit(DECAY_BATCH)
        .with_for_update(of=Contact, key_share=True)
        .cte("due")
    )
    # PostgreSQL's integer division truncates toward zero: -7 at 10% becomes -6.
    lowered = cast(due.c.score, BigInteger) * (100 - percent) // 100
    rows = session.execute(
        update(Contact)
        .where(Contact.id == due.c.id)
        .values(score=lowered)
        .returning(Contact.id, due.c.score, Contact.score)
        .execution_options(synchronize_session=False)
    ).all()
    if not rows:
        return []
    rows.sort()
    insert_rows(
        session,
        ScoreHistory,
        [
            {
                "contact_id": contact_id,
                "delta": new - old,
                "score": new,
                "reason": DECAY_REASON,
                "rule_id": None,
                "created_at": now,
            }
            for contact_id, old, new in rows
        ],
    )
    return [contact_id for contact_id, _, _ in rows]
