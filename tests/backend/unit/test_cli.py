"""The `cardfile` commands that `make run` relies on, run as processes on the test stores."""

from __future__ import annotations

import os
import subprocess
import sys


def test_migrate_and_seed_commands(app, settings) -> None:  # type: ignore[no-untyped-def]
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "REDIS_URL": settings.redis_url,
        "SECRET_KEY": settings.secret_key,
    }
    for command, expected in (
        ("migrate", "migrated public"),
        ("seed", "seeded"),
        ("seed", "demo data present"),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "cardfile.cli", command],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert expected in done.stdout
    from factories.accounts import ApiClient

    demo = ApiClient(app)
    assert demo.login("demo@cardfile.local", "cardfile-demo").status_code == 200
    workspaces = demo.ok(demo.get("/api/v1/me"))["workspaces"]
    assert [w["name"] for w in workspaces] == ["Acme Bakery", "Northwind Cycles"]
    demo.workspace_id = workspaces[0]["id"]
    assert demo.ok(demo.get("contacts"))["total"] == 120
    assert demo.ok(demo.get("custom-fields"))["total"] == 3


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_run_stops_its_embedded_postgres_and_redis_on_ctrl_c(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil
    import signal
    import time
    from pathlib import Path

    from cardfile.cli.services import _answers, _pid_from

    # Under the project (not /tmp): the embedded PostgreSQL runs as its own system user.
    var = Path(__file__).resolve().parents[3] / "var" / f"test-run-{os.getpid()}"
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "SMTP_URL")
    }
    env.update(CARDFILE_VAR_DIR=str(var), PORT=str(_free_port()), MAIL_PORT=str(_free_port()))
    env.update(WEB_WORKERS="1", WEB_THREADS="2")
    log = (tmp_path / "run.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "cardfile.cli", "run"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 180
        while "Cardfile is running" not in (tmp_path / "run.log").read_text():
            assert process.poll() is None, (tmp_path / "run.log").read_text()
            assert time.monotonic() < deadline, "cardfile run did not start"
            time.sleep(0.5)
        postgres = _pid_from(var / "postgres" / "postmaster.pid")
        assert postgres is not None and _answers(f"unix://{var / 'redis' / 'redis.sock'}")
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) is not None
        output = (tmp_path / "run.log").read_text()
        assert "stopped the embedded PostgreSQL and Redis" in output, output
        assert _pid_from(var / "postgres" / "postmaster.pid") is None
        assert not _answers(f"unix://{var / 'redis' / 'redis.sock'}")
    finally:
        if process.poll() is None:
            process.kill()
        from cardfile.cli.services import stop_embedded

        stop_embedded(var)
        shutil.rmtree(var, ignore_errors=True)
