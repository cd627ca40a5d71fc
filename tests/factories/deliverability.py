"""Verified sending domains, written straight to the workspace (a real key pair, as if its
DNS had been checked): campaigns send only from one."""

from __future__ import annotations

from functools import cache

from sqlalchemy import func, select

from cardfile.db.base import utcnow
from cardfile.db.scope import workspace_session
from cardfile.modules.deliverability import records
from cardfile.modules.deliverability.models import SendingDomain


@cache
def _key_pair() -> records.KeyPair:
    return records.new_key_pair()  # 2048-bit RSA takes a moment: one per run


def verified_domain(workspace_id: int, domain: str) -> int:
    """The id of the workspace's verified sending domain `domain` (made once)."""
    with workspace_session(workspace_id) as session:
        found = session.scalar(
            select(SendingDomain).where(func.lower(SendingDomain.domain) == domain.lower())
        )
        if found is None:
            pair = _key_pair()
            found = SendingDomain(
                domain=domain.lower(),
                dkim_selector="cftest",
                dkim_public_key=pair.public_b64,
                dkim_private_key=pair.private_pem_encrypted,
            )
            session.add(found)
        found.verified, found.verified_at = True, found.verified_at or utcnow()
        session.flush()
        return found.id
