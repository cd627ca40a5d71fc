"""Run Alembic for `public` and for workspace schemas, in-process."""

from __future__ import annotations

from pathlib import Path

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


def upgrade_all() -> list[str]:
    upgrade_public()
    return upgrade_tenants()
