"""Typed settings read from environment variables, with embedded defaults."""

from __future__ import annotations

import os
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
    session_days: int = 14
    # Set by `cardfile run` when its local mail catcher receives the mail: the app lists it.
    mailbox_dir: Path | None = None
    # Reverse proxies (IPs or CIDRs) whose X-Forwarded-For is believed.
    trusted_proxies: tuple[str, ...] = ()
    # Where files go: "" for <var_dir>/files, or s3://bucket[/prefix]?endpoint=...&region=...
    # (credentials from the usual AWS_* variables).
    storage_url: str = ""
    testing: bool = False

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
            "mailbox_dir": Path(env["MAILBOX_DIR"]) if env.get("MAILBOX_DIR") else None,
            "storage_url": env.get("STORAGE_URL", ""),
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
