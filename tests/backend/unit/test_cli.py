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
