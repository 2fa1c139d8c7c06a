"""create pantry_items

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "pantry_items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("quantity", sa.Float, nullable=False),
        sa.Column("unit", sa.String(8), nullable=False),
        sa.Column("location", sa.String(40), nullable=False, server_default="pantry"),
    )
    op.create_index("pantry_items_name_idx", "pantry_items", ["name"])


def downgrade() -> None:
    op.drop_table("pantry_items")
