"""Run Alembic for `public` and for workspace schemas, in-process."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, text

from cardfile.db.engine import get_engine
from cardfile.db.scope import schema_for

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def _config(kind: str, **attributes: object) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS / kind))
    config.attributes.update(attributes)
    return config


def upgrade_public() -> None:
    with get_engine().begin() as conn:
        command.upgrade(_config("public", connection=conn), "head")


def create_tenant_schema(connection: Connection, workspace_id: int) -> str:
    """Create `ws_<id>` and bring it to head inside the caller's transaction."""
    schema = schema_for(workspace_id)
    connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    command.upgrade(_config("tenant", connection=connection, schema=schema), "head")
    return schema


def upgrade_tenants() -> list[str]:
    with get_engine().connect() as conn:
        schemas = list(
            conn.execute(text("SELECT schema_name FROM public.workspaces ORDER BY id")).scalars()
        )
    for schema in schemas:
        with get_engine().begin() as conn:
            command.upgrade(_config("tenant", connection=conn, schema=schema), "head")
    return schemas


# pg_advisory_lock key ("cardfile migrate"): one migrating process at a time.
MIGRATION_LOCK = 0x636172646D6967


@contextmanager
def migration_lock() -> Iterator[None]:
    """Held for a whole upgrade on its own connection: a second process starting at the same
    moment waits, then finds everything at head and does nothing."""
    with get_engine().connect() as conn:
        conn.exec_driver_sql("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
        conn.commit()
        try:
            yield
        finally:
            conn.exec_driver_sql("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
            conn.commit()


def upgrade_all() -> list[str]:
    with migration_lock():
        upgrade_public()
        return upgrade_tenants()


# ---- for developers: new revisions, drift, one head -----------------------------------------

KINDS = ("public", "tenant")
PREFIX = {"public": "p", "tenant": "t"}
# A schema no real workspace has: drift checks and autogenerate migrate it inside a
# transaction that is always rolled back.
SCRATCH_WORKSPACE_ID = 2**63 - 1


def heads(kind: str) -> list[str]:
    from alembic.script import ScriptDirectory

    return list(ScriptDirectory.from_config(_config(kind)).get_heads())


def _comparable(kind: str, schema: str | None) -> Any:
    """The kind's metadata with its tables in `schema`, as reflection names them: public
    tables as the default schema (None), tenant tables in the scratch schema."""
    from sqlalchemy import BLANK_SCHEMA, MetaData

    from cardfile.db.base import NAMING, PublicBase, TenantBase
    from cardfile.models import load_all_models

    load_all_models()
    source = PublicBase.metadata if kind == "public" else TenantBase.metadata
    own = source.schema
    copy = MetaData(naming_convention=NAMING)
    referred_to = BLANK_SCHEMA if schema is None else schema
    for table in source.tables.values():
        table.to_metadata(
            copy,
            schema=schema,  # None: the copy's own (none)
            referred_schema_fn=lambda _t, _s, _fk, ref: referred_to if ref == own else ref,
        )
    return copy


@contextmanager
def _scratch(kind: str) -> Iterator[tuple[Connection, str | None]]:
    """A connection where `kind`'s chain is at head (public: the database's own; tenant: a
    scratch schema), rolled back afterwards."""
    with get_engine().connect() as conn, conn.begin() as transaction:
        schema = None if kind == "public" else create_tenant_schema(conn, SCRATCH_WORKSPACE_ID)
        try:
            yield conn, schema
        finally:
            transaction.rollback()


def _autogen_options(schema: str | None) -> dict[str, Any]:
    def include_name(name: str | None, type_: str, _parents: object) -> bool:
        if type_ == "schema":
            return name == schema
        return not (type_ == "table" and name == "alembic_version")

    return {
        "include_schemas": True,
        "include_name": include_name,
        "version_table_schema": schema or "public",
        "compare_type": True,
    }


def drift(kind: str) -> list[Any]:
    """What autogenerate finds between the models and a database migrated to head: []."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with _scratch(kind) as (conn, schema):
        metadata = _comparable(kind, schema)
        context = MigrationContext.configure(
            conn, opts={**_autogen_options(schema), "target_metadata": metadata}
        )
        return [d for d in compare_metadata(context, metadata) if not _version_table(d)]


def _version_table(diff: Any) -> bool:
    table = diff[1] if isinstance(diff, tuple) and len(diff) > 1 else None
    return getattr(table, "name", None) == "alembic_version"


def new_revision(kind: str, message: str, autogenerate: bool = True) -> Path:
    """Write the next revision of `kind`'s chain (p0003, t0003, ...), with the operations
    autogenerate finds when asked; returns its file."""
    from alembic.autogenerate import produce_migrations, render_python_code
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config(kind))
    [head] = script.get_heads()
    number = int(head[1:]) + 1
    rev_id = f"{PREFIX[kind]}{number:04d}"
    upgrade = downgrade = "pass"
    if autogenerate:
        from alembic.migration import MigrationContext

        with _scratch(kind) as (conn, schema):
            metadata = _comparable(kind, schema)
            context = MigrationContext.configure(
                conn, opts={**_autogen_options(schema), "target_metadata": metadata}
            )
            ops = produce_migrations(context, metadata)
            upgrade = _as_tenant(render_python_code(ops.upgrade_ops), schema)
            downgrade = _as_tenant(render_python_code(ops.downgrade_ops), schema)
    from anyascii import anyascii

    words = "".join(c if c.isalnum() else " " for c in anyascii(message).lower()).split()
    slug = "_".join(words)[:40]
    path = MIGRATIONS / kind / "versions" / f"{number:04d}_{slug or 'revision'}.py"
    path.write_text(
        REVISION_TEMPLATE.format(
            message=message.replace('"""', "'''"),
            rev=rev_id,
            down=head,
            upgrade=_indent(upgrade),
            downgrade=_indent(downgrade),
        )
    )
    return path


def _as_tenant(code: str, schema: str | None) -> str:
    """Tenant revisions name no schema: they run with search_path set to the workspace's
    (Alembic renders ALTER statements as text, past the schema translation)."""
    if schema is None:
        return code
    code = re.sub(rf",\s*schema='{schema}'", "", code)
    code = re.sub(rf"\n\s*schema='{schema}'\s*\n", "\n", code)
    return code.replace(f"'{schema}.", "'")


def _indent(code: str) -> str:
    lines = [ln for ln in code.splitlines() if not ln.strip().startswith("# ###")]
    body = textwrap.dedent("\n".join(lines)).strip()
    return textwrap.indent(body, "    ") if body else "    pass"


REVISION_TEMPLATE = '''"""{message}

Revision ID: {rev}
Revises: {down}
"""

import sqlalchemy as sa
from alembic import op

revision = "{rev}"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
{upgrade}


def downgrade() -> None:
{downgrade}
'''
