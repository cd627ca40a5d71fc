"""What the job benchmarks share: the bench servers (started here when run alone), their own
database with the app configured on it, and a job run in a fresh child process, as an RQ
worker would run it, whose last stdout line is its JSON report."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import run as bench


@contextlib.contextmanager
def servers(services: bench.Services | None) -> Iterator[bench.Services]:
    """The servers run.py passes, still running; else started now and stopped after."""
    if services is not None:
        yield services
        return
    own = bench.Services(keep=False)
    own.start()
    try:
        yield own
    finally:
        own.stop()


@contextlib.contextmanager
def app_database(
    services: bench.Services, name: str, secret: str, fresh: bool, **child_env: str
) -> Iterator[tuple[str, dict[str, str]]]:
    """Database `name` (dropped first when `fresh`), the app configured on it with a var
    directory of its own: (database URL, the environment for child processes)."""
    import psycopg
    from sqlalchemy.engine import make_url

    from cardfile import config
    from cardfile.cache import init_redis
    from cardfile.db.engine import get_engine, init_engine

    server = make_url(services.server_url.replace("postgresql://", "postgresql+psycopg://", 1))
    db_url = server.set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(bench._admin_dsn(services.server_url), autocommit=True) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    with contextlib.suppress(RuntimeError):
        get_engine().dispose()
    with tempfile.TemporaryDirectory(prefix=f"{name}-") as var_dir:
        env = dict(
            os.environ,
            DATABASE_URL=db_url,
            REDIS_URL=services.redis_url,
            SECRET_KEY=secret,
            CARDFILE_VAR_DIR=var_dir,
            **child_env,
        )
        config.configure(
            config.Settings.from_env(
                database_url=db_url,
                redis_url=services.redis_url,
                secret_key=secret,
                var_dir=Path(var_dir),
            )
        )
        init_engine(db_url)
        init_redis(services.redis_url)
        try:
            yield db_url, env
        finally:
            get_engine().dispose()


def run_child(
    script: str, payload: dict[str, Any], env: dict[str, str], python: Sequence[str] = ()
) -> dict[str, Any]:
    """`python [python...] script --child <payload JSON>`; its last line of output, parsed."""
    argv = [sys.executable, *python, script, "--child", json.dumps(payload)]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{Path(script).name} failed:\n{done.stderr[-3000:]}")
    if os.environ.get("BENCH_SQL_TIMES"):
        print(done.stderr[-3000:], file=sys.stderr)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))
