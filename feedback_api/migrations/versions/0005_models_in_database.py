"""models in the database, background jobs

Trained model versions keep the model file itself (so every worker and host loads the same
one) and what they were trained on; a model saved to the data directory before moves in.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 18:00:00
"""

from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

import feedback_api.db.base

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("model_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("trained_on", sa.JSON(), nullable=False, server_default="{}"))
        batch_op.add_column(sa.Column("content", sa.LargeBinary(), nullable=True))
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, path FROM model_versions")).all()
    for row_id, path in rows:
        if path and Path(path).is_file():
            connection.execute(
                sa.text("UPDATE model_versions SET content = :content WHERE id = :id"),
                {"content": Path(path).read_bytes(), "id": row_id},
            )
    connection.execute(sa.text("DELETE FROM model_versions WHERE content IS NULL"))
    with op.batch_alter_table("model_versions", schema=None) as batch_op:
        batch_op.drop_column("path")
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=True),
        sa.Column("created_at", feedback_api.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("started_at", feedback_api.db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("finished_at", feedback_api.db.base.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobs")),
    )
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_jobs_kind"), ["kind"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_jobs_kind"))
    op.drop_table("jobs")
    with op.batch_alter_table("model_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("path", sa.String(length=500), nullable=True))
        batch_op.drop_column("content")
        batch_op.drop_column("trained_on")
