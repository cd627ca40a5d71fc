"""contacts.phone holds E.164; phone_display keeps what the user typed

Revision ID: t0002
Revises: t0001
"""

import sqlalchemy as sa
from alembic import op

revision = "t0002"
down_revision = "t0001"
branch_labels = None
depends_on = None


SEARCH_TEXT = (
    "lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || "
    "coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' || "
    "coalesce(phone_display, '') || ' ' || coalesce(company, ''))"
)


def upgrade() -> None:
    op.add_column("contacts", sa.Column("phone_display", sa.String(40)))
    op.execute("UPDATE contacts SET phone_display = phone WHERE phone IS NOT NULL")
    # Search finds a number as typed ("601 234 567") and as stored (+48601234567).
    _search_text(SEARCH_TEXT)


def _search_text(expression: str) -> None:
    op.execute("DROP INDEX ix_contacts_search_trgm")
    op.drop_column("contacts", "search_text")
    op.add_column(
        "contacts",
        sa.Column("search_text", sa.Text, sa.Computed(expression, persisted=True)),
    )
    op.execute(
        "CREATE INDEX ix_contacts_search_trgm ON contacts "
        "USING gin (search_text public.gin_trgm_ops)"
    )


def downgrade() -> None:
    _search_text(SEARCH_TEXT.replace("coalesce(phone_display, '') || ' ' || ", ""))
    op.drop_column("contacts", "phone_display")
