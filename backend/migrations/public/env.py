"""Alembic environment for the shared `public` schema."""

from alembic import context
from sqlalchemy import Connection

from cardfile.db.base import PublicBase
from cardfile.db.engine import get_engine


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=PublicBase.metadata,
        version_table_schema="public",
        include_schemas=False,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    with get_engine().begin() as conn:
        run(conn)
