"""Typed settings read from environment variables, with embedded defaults."""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _var_dir() -> Path:
    return Path(os.environ.get("CARDFILE_VAR_DIR", PROJECT_ROOT / "var"))


def _secret_key(var_dir: Path) -> str:
    """SECRET_KEY from the environment, else one generated once and kept under var/."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = var_dir / "secret_key"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


_SIZE = re.compile(r"\s*(\d+)\s*([KMG]?)B?\s*", re.IGNORECASE)
_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}


def _list(value: str, lower: bool = False) -> tuple[str, ...]:
    """A comma-separated setting, blanks dropped."""
    items = (item.strip().rstrip(".") for item in value.split(","))
    return tuple(item.lower() if lower else item for item in items if item)


def _byte_size(name: str, default: str) -> int:
    """A size from the environment: bytes ("26214400") or with a unit ("25MB", "512 KB")."""
    value = os.environ.get(name, "") or default
    match = _SIZE.fullmatch(value)
    if match is None or int(match[1]) == 0:
        raise RuntimeError(f"{name} must be a size such as 26214400 or 25MB, not {value!r}.")
    return int(match[1]) * _UNITS[match[2].upper()]


@dataclass(frozen=True)
class Settings:
    database_url: str
    redis_url: str
    secret_key: str
    smtp_url: str = "smtp://127.0.0.1:8025"
    mail_from: str = "Cardfile <no-reply@cardfile.local>"
    base_url: str = "http://127.0.0.1:8000"
    var_dir: Path = field(default_factory=_var_dir)
    spa_dist: Path = PROJECT_ROOT / "frontend" / "dist"
    public_limit: str = "30 per minute"
    # Booking pages (slots, booking, managing one): per client address.
    booking_limit: str = "120 per minute"
    session_days: int = 14
    # Set by `cardfile run` when its local mail catcher receives the mail: the app lists it.
    mailbox_dir: Path | None = None
    # Reverse proxies (IPs or CIDRs) whose X-Forwarded-For is believed.
    trusted_proxies: tuple[str, ...] = ()
    # Where files go: "" for the directory files_root (FILES_DIR), file:///path, or
    # s3://bucket[/prefix]?endpoint=...&region=...
    # (credentials from the usual AWS_* variables).
    storage_url: str = ""
    # FILES_DIR: the directory files live in when STORAGE_URL is empty (None: <var_dir>/files).
    files_dir: Path | None = None
    # FILES_MAX_BYTES: the largest file a contact may carry.
    files_max_bytes: int = 25 * 1024 * 1024
    # DNS_SERVERS: resolvers (host or host:port, comma-separated) for the MX/A checks of
    # imports, hygiene runs and deliverability checks; empty: the system's (/etc/resolv.conf).
    dns_servers: tuple[str, ...] = ()
    # IMPORTS_MAX_BYTES: the largest file an import takes.
    imports_max_bytes: int = 500 * 1024 * 1024
    # MAIL_SPF_INCLUDE: the SPF record of the sending servers, which a sending domain's SPF
    # includes; BOUNCE_DOMAIN: where bounces come back (each domain's return path points
    # there by CNAME).
    mail_spf_include: str = "_spf.cardfile.local"
    bounce_domain: str = "bounces.cardfile.local"
    # BOUNCE_WEBHOOK_TOKEN: the secret a provider's bounce webhook sends (empty: no webhook).
    bounce_webhook_token: str = ""
    # DNSBL_ZONES: the DNS block lists (comma-separated zones, e.g. zen.spamhaus.org,
    # dbl.spamhaus.org) the sending domains and IPs are looked up in; empty: none.
    dnsbl_zones: tuple[str, ...] = ()
    # SENDING_IPS: the sending servers' addresses (comma-separated) for block-list and
    # reverse-DNS checks; empty: the ip4:/ip6: terms of the MAIL_SPF_INCLUDE record.
    sending_ips: tuple[str, ...] = ()
    testing: bool = False

    @property
    def files_root(self) -> Path:
        """Where local storage keeps files: FILES_DIR, else <var_dir>/files."""
        return self.files_dir or self.var_dir / "files"

    @property
    def imports_root(self) -> Path:
        """Uploaded import files (local disk: the workers read them where the API wrote)."""
        return self.var_dir / "imports"

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        var_dir = _var_dir()
        env = os.environ
        values: dict[str, object] = {
            "database_url": env.get("DATABASE_URL", ""),
            "redis_url": env.get("REDIS_URL", ""),
            "secret_key": _secret_key(var_dir),
            "smtp_url": env.get("SMTP_URL", "smtp://127.0.0.1:8025"),
            "mail_from": env.get("MAIL_FROM", "Cardfile <no-reply@cardfile.local>"),
            "base_url": env.get("BASE_URL", f"http://127.0.0.1:{env.get('PORT', '8000')}"),
            "var_dir": var_dir,
            "spa_dist": Path(env.get("SPA_DIST", PROJECT_ROOT / "frontend" / "dist")),
            "trusted_proxies": tuple(
                p.strip() for p in env.get("TRUSTED_PROXIES", "").split(",") if p.strip()
            ),
            "public_limit": env.get("PUBLIC_LIMIT", "30 per minute"),
            "booking_limit": env.get("BOOKING_LIMIT", "120 per minute"),
            "mailbox_dir": Path(env["MAILBOX_DIR"]) if env.get("MAILBOX_DIR") else None,
            "storage_url": env.get("STORAGE_URL", ""),
            "files_dir": Path(env["FILES_DIR"]) if env.get("FILES_DIR") else None,
            "files_max_bytes": _byte_size("FILES_MAX_BYTES", "25MB"),
            "dns_servers": _list(env.get("DNS_SERVERS", "")),
            "imports_max_bytes": _byte_size("IMPORTS_MAX_BYTES", "500MB"),
            "mail_spf_include": env.get("MAIL_SPF_INCLUDE", "_spf.cardfile.local").lower(),
            "bounce_domain": env.get("BOUNCE_DOMAIN", "bounces.cardfile.local").lower(),
            "bounce_webhook_token": env.get("BOUNCE_WEBHOOK_TOKEN", ""),
            "dnsbl_zones": _list(env.get("DNSBL_ZONES", ""), lower=True),
            "sending_ips": _list(env.get("SENDING_IPS", "")),
        }
        values.update(overrides)
        settings = cls(**values)  # type: ignore[arg-type]
        if not settings.database_url or not settings.redis_url:
            raise RuntimeError(
                "DATABASE_URL and REDIS_URL must be set (`cardfile run` starts embedded servers "
                "and sets them for you)."
            )
        return settings


_current: Settings | None = None


def configure(settings: Settings) -> Settings:
    """Make these the process's settings (API, worker and scheduler all call this once)."""
    global _current
    _current = settings
    return settings


def current() -> Settings:
    if _current is None:
        return configure(Settings.from_env())
    return _current
