"""Workspaces: every workspace has a slug (its public address), set at creation; btree_gist
for the booking module's exclusion constraint

Revision ID: p0006
Revises: p0005
"""

from alembic import op

revision = "p0006"
down_revision = "p0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Extensions are per database: created once here, used by every workspace schema.
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public")
    op.alter_column("workspaces", "public_slug", new_column_name="slug")
    op.execute(
        "ALTER TABLE workspaces RENAME CONSTRAINT uq_workspaces_public_slug TO uq_workspaces_slug"
    )
    # Workspaces made before: a slug from the name, made unique with the id where taken.
    op.execute(
        """
        WITH named AS (
            SELECT id, coalesce(nullif(trim(both '-' from left(regexp_replace(
                       lower(name), '[^a-z0-9]+', '-', 'g'), 40)), ''), 'workspace') AS base
            FROM workspaces WHERE slug IS NULL
        )
        UPDATE workspaces w SET slug = CASE
            WHEN length(n.base) < 3 OR EXISTS (SELECT 1 FROM workspaces o WHERE o.slug = n.base)
              OR (SELECT count(*) FROM named m WHERE m.base = n.base) > 1
            THEN n.base || '-' || w.id ELSE n.base END
        FROM named n WHERE n.id = w.id
        """
    )
    op.alter_column("workspaces", "slug", nullable=False)


def downgrade() -> None:
    op.alter_column("workspaces", "slug", nullable=True)
    op.execute(
        "ALTER TABLE workspaces RENAME CONSTRAINT uq_workspaces_slug TO uq_workspaces_public_slug"
    )
    op.alter_column("workspaces", "slug", new_column_name="public_slug")
