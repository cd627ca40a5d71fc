"""Rows that belong to a contact: every such table is registered, hidden with its contact,
and follows the contact through a merge, an export and an erasure."""

from __future__ import annotations

import ast
from pathlib import Path

from sqlalchemy import func, select

from factories.accounts import ApiClient
from factories.contacts import make_class, make_contact

BACKEND = Path(__file__).resolve().parents[3] / "backend" / "cardfile"


def test_every_table_with_a_contact_foreign_key_is_registered() -> None:
    from cardfile.access.owned import contacts_model, owned_tables
    from cardfile.db.base import TenantBase
    from cardfile.models import load_all_models

    load_all_models()
    contacts = contacts_model().__table__
    pointing = {
        table.name
        for table in TenantBase.metadata.tables.values()
        if any(fk.column.table is contacts for fk in table.foreign_keys)
    }
    registered = {t.name for t in owned_tables()}
    assert pointing, "the contacts module's own tables point at contacts"
    assert pointing <= registered, (
        f"register with access.owned.register_owned: {pointing - registered}"
    )


def test_the_core_imports_no_module() -> None:
    """Only the composition points (the blueprint table, the demo seed) name modules."""
    allowed = {"api/registry.py", "cli/seed.py", "models.py"}
    offenders = []
    for path in BACKEND.rglob("*.py"):
        relative = path.relative_to(BACKEND).as_posix()
        if relative.startswith("modules/") or relative in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            offenders += [f"{relative}: {n}" for n in names if n.startswith("cardfile.modules")]
    assert offenders == []


def test_owned_rows_are_hidden_with_their_contact(app, owner: ApiClient) -> None:
    from cardfile.access.owned import get_visible, only_visible
    from cardfile.access.principal import Principal
    from cardfile.access.roles import Role
    from cardfile.db.scope import workspace_session
    from cardfile.errors import NotFound
    from cardfile.modules.contacts.models import Activity

    vip = make_class(owner, "Owned VIP")
    shown = make_contact(owner, contact_class_id=vip["id"])
    hidden = make_contact(owner)  # the default class
    restricted = Principal(owner.user["id"], owner.workspace_id, Role.VIEWER, False, (vip["id"],))
    with workspace_session(owner.workspace_id) as session:
        rows = session.scalars(only_visible(select(Activity), restricted, Activity)).all()
        assert {r.contact_id for r in rows} == {shown["id"]}
        count = select(func.count()).select_from(Activity)
        assert session.scalar(only_visible(count, restricted, Activity)) == len(rows)
        other = session.scalar(select(Activity.id).where(Activity.contact_id == hidden["id"]))
        try:
            get_visible(session, restricted, Activity, other)
            raise AssertionError("a row of a hidden contact was returned")
        except NotFound:
            pass
        assert get_visible(session, restricted, Activity, rows[0].id).id == rows[0].id


def test_merge_export_and_erase_follow_the_registry(app, owner: ApiClient) -> None:
    from cardfile.access.owned import (
        erase_contact_rows,
        export_contact_rows,
        merge_contact_rows,
    )
    from cardfile.db.scope import workspace_session

    keep = make_contact(owner, tags=["vip", "newsletter"])
    merged = make_contact(owner, tags=["vip", "lead"])
    with workspace_session(owner.workspace_id) as session:
        merge_contact_rows(session, keep["id"], merged["id"])
    with workspace_session(owner.workspace_id) as session:
        exported = export_contact_rows(session, keep["id"])
        assert len(exported["contact_tags"]) == 3  # vip once, newsletter, lead
        assert len(exported["activities"]) == 2  # both contacts' "created"
        left = export_contact_rows(session, merged["id"])
        assert left["activities"] == [] and left["contact_tags"] == []
        erase_contact_rows(session, keep["id"])
    with workspace_session(owner.workspace_id) as session:
        assert all(rows == [] for rows in export_contact_rows(session, keep["id"]).values())
    card = owner.ok(owner.get(f"contacts/{keep['id']}"))
    assert card["tags"] == []
