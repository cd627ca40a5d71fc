"""Workspaces: a public slug for public pages

Revision ID: p0003
Revises: p0002
"""

import sqlalchemy as sa
from alembic import op

revision = "p0003"
down_revision = "p0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("workspaces", sa.Column("public_slug", sa.String(length=60), nullable=True))
    op.create_unique_constraint(op.f("uq_workspaces_public_slug"), "workspaces", ["public_slug"])


def downgrade() -> None:
    op.drop_constraint(op.f("uq_workspaces_public_slug"), "workspaces", type_="unique")
    op.drop_column("workspaces", "public_slug")
