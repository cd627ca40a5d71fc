"""Alembic environment applied to workspace schemas, each with its own version table.

`config.attributes["schema"]` (or `-x tenant=ws_N`) selects one schema; otherwise every
workspace schema listed in public.workspaces is brought to the target revision.
"""

from alembic import context
from sqlalchemy import Connection, text

from cardfile.db.base import TENANT_PLACEHOLDER, TenantBase
from cardfile.db.engine import get_engine
from cardfile.db.scope import scoped_engine, set_local_search_path


def run(connection: Connection, schema: str) -> None:
    connection = connection.execution_options(schema_translate_map={TENANT_PLACEHOLDER: schema})
    context.configure(
        connection=connection,
        target_metadata=TenantBase.metadata,
        version_table_schema=schema,
    )
    with context.begin_transaction():
        set_local_search_path(connection, schema)
        context.run_migrations()


config = context.config
schema = config.attributes.get("schema") or context.get_x_argument(as_dictionary=True).get("tenant")
connection = config.attributes.get("connection")

if connection is not None and schema:
    run(connection, schema)
elif schema:
    with scoped_engine(schema).begin() as conn:
        run(conn, schema)
else:
    with get_engine().connect() as conn:
        schemas = conn.execute(
            text("SELECT schema_name FROM public.workspaces ORDER BY id")
        ).scalars()
        names = list(schemas)
    for name in names:
        with scoped_engine(name).begin() as conn:
            run(conn, name)
