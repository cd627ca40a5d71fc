"""Companies: custom fields for companies

Revision ID: t0008
Revises: t0007
"""

import sqlalchemy as sa
from alembic import op

revision = "t0008"
down_revision = "t0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing definitions are all contacts' fields; keys are unique per entity from now on.
    op.add_column(
        "custom_fields",
        sa.Column("entity", sa.String(length=16), server_default="contact", nullable=False),
    )
    op.drop_constraint(op.f("uq_custom_fields_key"), "custom_fields", type_="unique")
    op.create_unique_constraint(
        op.f("uq_custom_fields_entity_key"), "custom_fields", ["entity", "key"]
    )


def downgrade() -> None:
    # Company fields cannot keep a key a contact field uses: they go with the column.
    op.execute("DELETE FROM custom_fields WHERE entity <> 'contact'")
    op.drop_constraint(op.f("uq_custom_fields_entity_key"), "custom_fields", type_="unique")
    op.create_unique_constraint(op.f("uq_custom_fields_key"), "custom_fields", ["key"])
    op.drop_column("custom_fields", "entity")
