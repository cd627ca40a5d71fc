"""Migrations for a growing team: one head per chain, models without drift, one migrating
process at a time, and `make migration` writing the next revision."""

from __future__ import annotations

import shutil
import threading
import time

import pytest

from cardfile.db import migrate


@pytest.mark.parametrize("kind", migrate.KINDS)
def test_each_chain_has_exactly_one_head(kind: str) -> None:
    assert len(migrate.heads(kind)) == 1


@pytest.mark.parametrize("kind", migrate.KINDS)
def test_the_models_match_a_migrated_database(app, kind: str) -> None:  # type: ignore[no-untyped-def]
    assert migrate.drift(kind) == []


def test_a_model_change_without_a_revision_is_drift(app) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import Column, String

    from cardfile.modules.contacts.models import Tag

    column = Column("drift_probe", String(10))
    Tag.__table__.append_column(column)
    try:
        assert [d[0] for d in migrate.drift("tenant")] == ["add_column"]
    finally:
        Tag.__table__._columns.remove(column)
    assert migrate.drift("tenant") == []


def test_new_revision_follows_the_head(app, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    copy = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, copy)
    monkeypatch.setattr(migrate, "MIGRATIONS", copy)
    [head] = migrate.heads("tenant")
    path = migrate.new_revision("tenant", "Add notes: Zażółć", autogenerate=True)
    text = path.read_text()
    number = int(head[1:]) + 1
    assert path.name == f"{number:04d}_add_notes_zazolc.py"
    assert f'revision = "t{number:04d}"' in text and f'down_revision = "{head}"' in text
    assert "def upgrade() -> None:\n    pass" in text  # the models have no change to write
    assert migrate.heads("tenant") == [f"t{number:04d}"]


def test_only_one_process_migrates_at_a_time(app) -> None:  # type: ignore[no-untyped-def]
    entered: list[float] = []
    released = threading.Event()

    def hold() -> None:
        with migrate.migration_lock():
            entered.append(time.monotonic())
            released.wait(5)

    first = threading.Thread(target=hold)
    first.start()
    while not entered:
        time.sleep(0.01)
    second = threading.Thread(target=hold)
    second.start()
    time.sleep(0.3)
    assert len(entered) == 1  # the second waits for the lock
    released.set()
    first.join(5)
    second.join(5)
    assert len(entered) == 2
