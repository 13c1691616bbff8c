"""bot storage: conversation state and processed updates

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 02:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import feedback_api.db.base

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "bot_states",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=200), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("updated_at", feedback_api.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_bot_states")),
    )
    with op.batch_alter_table("bot_states", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bot_states_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "bot_processed_updates",
        sa.Column("bot_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("processed_at", feedback_api.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("bot_id", "update_id", name=op.f("pk_bot_processed_updates")),
    )
    with op.batch_alter_table("bot_processed_updates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_bot_processed_updates_processed_at"), ["processed_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("bot_processed_updates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bot_processed_updates_processed_at"))

    op.drop_table("bot_processed_updates")
    with op.batch_alter_table("bot_states", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bot_states_updated_at"))

    op.drop_table("bot_states")
