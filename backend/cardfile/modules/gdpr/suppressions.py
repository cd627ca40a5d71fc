"""The workspace's suppression list: addresses (as keyed hashes) never imported or mailed
again. The key is derived from SECRET_KEY, so the list cannot be reversed by guessing
addresses without it (rotating SECRET_KEY makes the stored hashes match nothing)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence

from sqlalchemy import String, any_, bindparam, select
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.orm import Session

from cardfile import config
from cardfile.modules.gdpr.models import Suppression

FORGOTTEN_MESSAGE = (
    "This address asked to be forgotten: it cannot be added to this workspace again."
)


def _key() -> bytes:
    secret = config.current().secret_key.encode()
    return hmac.new(secret, b"cardfile.suppressions.v1", hashlib.sha256).digest()


def email_hash(email: str) -> str:
    """HMAC-SHA256 (hex) of the trimmed, lower-cased address."""
    secret = config.current().secret_key
    keyed = _keyed_hash.get(secret)
    if keyed is None:
        _keyed_hash.clear()
        keyed = _keyed_hash[secret] = hmac.new(_key(), digestmod=hashlib.sha256)
    digest = keyed.copy()  # the key schedule once, not once per address (imports hash 1M)
    digest.update(email.strip().lower().encode())
    return digest.hexdigest()


_keyed_hash: dict[str, hmac.HMAC] = {}


def suppression_reason(session: Session, email: str | None) -> str | None:
    if not email or not email.strip():
        return None
    reason: str | None = session.scalar(
        select(Suppression.reason).where(Suppression.email_hash == email_hash(email))
    )
    return reason


def suppression_reasons(session: Session, emails: Sequence[str]) -> dict[str, str]:
    """The listed ones among many addresses, in one query: {lower-cased address: reason}."""
    hashes = {email_hash(e): e.strip().lower() for e in emails if e and e.strip()}
    if not hashes:
        return {}
    given = bindparam("hashes", list(hashes), type_=ARRAY(String))
    rows = session.execute(
        select(Suppression.email_hash, Suppression.reason).where(
            Suppression.email_hash == any_(given)
        )
    ).all()
    return {hashes[digest]: reason for digest, reason in rows}


def is_suppressed(session: Session, email: str | None) -> bool:
    """Whether the address is on the list for any reason (imports and campaigns skip it)."""
    return suppression_reason(session, email) is not None


def is_forgotten(session: Session, email: str | None) -> bool:
    return suppression_reason(session, email) == "forgotten"


def suppress_many(session: Session, emails: Sequence[str], reason: str) -> None:
    """Many addresses on the list in one statement (those already listed keep their reason;
    use `suppress` for 'forgotten')."""
    digests = sorted({email_hash(e) for e in emails if e and e.strip()})
    if digests:
        rows = [{"email_hash": d, "reason": reason} for d in digests]
        session.execute(insert(Suppression).values(rows).on_conflict_do_nothing())


def suppress(session: Session, email: str, reason: str) -> str:
    """Put the address on the list (once; 'forgotten' overrides any other reason). Returns the
    hash."""
    digest = email_hash(email)
    stmt = insert(Suppression).values(email_hash=digest, reason=reason)
    if reason == "forgotten":
        stmt = stmt.on_conflict_do_update(index_elements=["email_hash"], set_={"reason": reason})
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=["email_hash"])
    session.execute(stmt)
    return digest
