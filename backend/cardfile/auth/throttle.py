"""Failed logins, counted in Redis. No Flask here.

Per account: 10 failures in 15 minutes lock that account only, and from the 5th failure each
attempt waits twice as long as the one before (1, 2, 4, 8 s …). Per IP: 100 failures in 15
minutes, a level an office behind one address never reaches, so unknown addresses tried from
one network do not lock everyone else out.
"""

from __future__ import annotations

import hashlib

from cardfile.cache import get_redis
from cardfile.errors import TooMany

WINDOW = 15 * 60
ACCOUNT_LIMIT = 10
IP_LIMIT = 100
BACKOFF_FROM = 5


def _keys(email: str, ip: str) -> tuple[str, str, str]:
    # Addresses are hashed: no personal data in Redis keys.
    account = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    return (
        f"cardfile:login-fail:account:{account}",
        f"cardfile:login-wait:account:{account}",
        f"cardfile:login-fail:ip:{ip}",
    )


def check(email: str, ip: str) -> None:
    """Raise TooMany when this account or address must wait."""
    failures, wait, per_ip = _keys(email, ip)
    redis = get_redis()
    with redis.pipeline() as pipe:
        pipe.get(failures).ttl(failures).pttl(wait).get(per_ip).ttl(per_ip)
        count, count_ttl, wait_ms, ip_count, ip_ttl = pipe.execute()
    if int(ip_count or 0) >= IP_LIMIT:
        raise TooMany("Too many failed logins from your network.", ip_ttl)
    if int(count or 0) >= ACCOUNT_LIMIT:
        raise TooMany("Too many failed attempts for this account.", count_ttl)
    if wait_ms and wait_ms > 0:
        raise TooMany("Too many failed attempts in a row.", -(-wait_ms // 1000))


def failed(email: str, ip: str) -> None:
    failures, wait, per_ip = _keys(email, ip)
    redis = get_redis()
    with redis.pipeline() as pipe:
        count, ip_count = pipe.incr(failures).incr(per_ip).execute()
    # The window starts at the first failure (EXPIRE ... NX needs Redis 7; this works on 6).
    for key, value in ((failures, count), (per_ip, ip_count)):
        if value == 1:
            redis.expire(key, WINDOW)
    if count >= BACKOFF_FROM:
        redis.set(wait, 1, px=1000 * 2 ** (count - BACKOFF_FROM))


def succeeded(email: str, ip: str) -> None:
    failures, wait, _ = _keys(email, ip)
    get_redis().delete(failures, wait)
