"""drop the report rollups: reports are plain aggregates over the feedback and its indexes

The pre-aggregated cells, the change log and the triggers that fed it go (measured: plain SQL
keeps a report within its benchmark target, bench/results). The indexes 0004 added on the
feedback itself stay: the reports read them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 20:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_TRIGGERS = (
    "report_feedback_insert",
    "report_feedback_update",
    "report_feedback_delete",
    "report_feedback_themes_insert",
    "report_feedback_themes_update",
    "report_feedback_themes_delete",
)
TABLES = ("report_figures", "report_theme_cells", "report_cells", "report_changes")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        op.execute("DROP TRIGGER IF EXISTS report_feedback_changed ON feedback")
        op.execute("DROP TRIGGER IF EXISTS report_feedback_themes_changed ON feedback_themes")
        op.execute("DROP FUNCTION IF EXISTS report_feedback_changed()")
        op.execute("DROP FUNCTION IF EXISTS report_feedback_themes_changed()")
    for table in TABLES:
        op.drop_table(table)


def downgrade() -> None:
    raise NotImplementedError(
        "downgrading below 0006 would rebuild report rollups that no code reads; "
        "restore a backup taken before the upgrade instead"
    )
