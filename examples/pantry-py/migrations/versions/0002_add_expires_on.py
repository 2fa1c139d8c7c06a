"""add pantry_items.expires_on

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.add_column("pantry_items", sa.Column("expires_on", sa.Date, nullable=True))
    op.create_index("pantry_items_expires_on_idx", "pantry_items", ["expires_on"])


def downgrade() -> None:
    op.drop_index("pantry_items_expires_on_idx", "pantry_items")
    op.drop_column("pantry_items", "expires_on")
