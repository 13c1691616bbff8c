"""report rollups: cells per experiment and day, kept current through triggers

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 05:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A change to any of these can move a feedback row to another report cell.
REPORTED_COLUMNS = (
    "experiment_id, created_date, respondent_id, role, channel, language, text, rating, "
    "would_use, fits_work, redactions, sentiment_label, sentiment_model_version, "
    "theme_model_version, classified_at"
)

SQLITE_TRIGGERS = (
    """
    CREATE TRIGGER report_feedback_insert AFTER INSERT ON feedback BEGIN
        INSERT INTO report_changes (experiment_id, created_date)
        VALUES (NEW.experiment_id, NEW.created_date);
    END
    """,
    f"""
    CREATE TRIGGER report_feedback_update AFTER UPDATE OF {REPORTED_COLUMNS} ON feedback BEGIN
        INSERT INTO report_changes (experiment_id, created_date)
        VALUES (OLD.experiment_id, OLD.created_date);
        INSERT INTO report_changes (experiment_id, created_date)
        SELECT NEW.experiment_id, NEW.created_date
        WHERE NEW.experiment_id IS NOT OLD.experiment_id
           OR NEW.created_date IS NOT OLD.created_date;
    END
    """,  # noqa: S608 (a constant column list)
    """
    CREATE TRIGGER report_feedback_delete AFTER DELETE ON feedback BEGIN
        INSERT INTO report_changes (experiment_id, created_date)
        VALUES (OLD.experiment_id, OLD.created_date);
    END
    """,
    """
    CREATE TRIGGER report_feedback_themes_insert AFTER INSERT ON feedback_themes BEGIN
        INSERT INTO report_changes (experiment_id, created_date)
        SELECT experiment_id, created_date FROM feedback WHERE id = NEW.feedback_id;
    END
    """,
    """
    CREATE TRIGGER report_feedback_themes_update AFTER UPDATE OF feedback_id, theme_id
    ON feedback_themes BEGIN
        INSERT INTO report_changes (experiment_id, created_date)
        SELECT experiment_id, created_date FROM feedback
        WHERE id IN (OLD.feedback_id, NEW.feedback_id);
    END
    """,
    """
    CREATE TRIGGER report_feedback_themes_delete AFTER DELETE ON feedback_themes BEGIN
        INSERT INTO report_changes (experiment_id, created_date)
        SELECT experiment_id, created_date FROM feedback WHERE id = OLD.feedback_id;
    END
    """,
)

POSTGRESQL_TRIGGERS = (
    """
    CREATE FUNCTION report_feedback_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            INSERT INTO report_changes (experiment_id, created_date)
            VALUES (OLD.experiment_id, OLD.created_date);
        END IF;
        IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (NEW.experiment_id, NEW.created_date)
                                IS DISTINCT FROM (OLD.experiment_id, OLD.created_date)) THEN
            INSERT INTO report_changes (experiment_id, created_date)
            VALUES (NEW.experiment_id, NEW.created_date);
        END IF;
        RETURN NULL;
    END
    $$
    """,
    f"""
    CREATE TRIGGER report_feedback_changed
    AFTER INSERT OR DELETE OR UPDATE OF {REPORTED_COLUMNS} ON feedback
    FOR EACH ROW EXECUTE FUNCTION report_feedback_changed()
    """,
    """
    CREATE FUNCTION report_feedback_themes_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            INSERT INTO report_changes (experiment_id, created_date)
            SELECT experiment_id, created_date FROM feedback WHERE id = OLD.feedback_id;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            INSERT INTO report_changes (experiment_id, created_date)
            SELECT experiment_id, created_date FROM feedback WHERE id = NEW.feedback_id;
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER report_feedback_themes_changed
    AFTER INSERT OR DELETE OR UPDATE OF feedback_id, theme_id ON feedback_themes
    FOR EACH ROW EXECUTE FUNCTION report_feedback_themes_changed()
    """,
)


def _cells_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("experiment_id", sa.Integer(), nullable=False),
        sa.Column("created_date", sa.Date(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "report_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("experiment_id", sa.Integer(), nullable=False),
        sa.Column("created_date", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_changes")),
    )
    op.create_index(
        op.f("ix_report_changes_experiment_id"), "report_changes", ["experiment_id"], unique=False
    )
    op.create_table(
        "report_cells",
        *_cells_columns(),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=True),
        sa.Column("rating", sa.SmallInteger(), nullable=True),
        sa.Column("would_use", sa.String(length=10), nullable=True),
        sa.Column("fits_work", sa.String(length=10), nullable=True),
        sa.Column("sentiment_label", sa.String(length=10), nullable=True),
        sa.Column("sentiment_model_version", sa.String(length=100), nullable=True),
        sa.Column("theme_model_version", sa.String(length=100), nullable=True),
        sa.Column("with_text", sa.Boolean(), nullable=False),
        sa.Column("classified", sa.Boolean(), nullable=False),
        sa.Column("themed", sa.Boolean(), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("feedback", sa.Integer(), nullable=False),
        sa.Column("redactions", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["experiment_id"],
            ["experiments.id"],
            name=op.f("fk_report_cells_experiment_id_experiments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_cells")),
    )
    op.create_index(
        "ix_report_cells_experiment_date",
        "report_cells",
        ["experiment_id", "created_date"],
        unique=False,
    )
    op.create_table(
        "report_figures",
        *_cells_columns(),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("attribute", sa.String(length=20), nullable=False),
        sa.Column("value", sa.String(length=210), nullable=True),
        sa.Column("feedback", sa.Integer(), nullable=False),
        sa.Column("rating_sum", sa.Integer(), nullable=False),
        sa.Column("rated", sa.Integer(), nullable=False),
        sa.Column("redactions", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["experiment_id"],
            ["experiments.id"],
            name=op.f("fk_report_figures_experiment_id_experiments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_figures")),
    )
    op.create_index(
        "ix_report_figures_experiment_date",
        "report_figures",
        ["experiment_id", "created_date"],
        unique=False,
    )
    op.create_table(
        "report_theme_cells",
        *_cells_columns(),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("sentiment_label", sa.String(length=10), nullable=True),
        sa.Column("feedback", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["experiment_id"],
            ["experiments.id"],
            name=op.f("fk_report_theme_cells_experiment_id_experiments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["themes.id"],
            name=op.f("fk_report_theme_cells_theme_id_themes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_theme_cells")),
    )
    op.create_index(
        "ix_report_theme_cells_experiment_date",
        "report_theme_cells",
        ["experiment_id", "created_date"],
        unique=False,
    )
    op.create_index(
        "ix_feedback_experiment_respondent",
        "feedback",
        ["experiment_id", "respondent_id", "role"],
        unique=False,
    )
    op.create_index(
        "ix_feedback_themes_quotes",
        "feedback_themes",
        ["theme_id", "source", "score", "feedback_id"],
        unique=False,
    )
    op.drop_index("ix_feedback_themes_theme_id", table_name="feedback_themes")

    dialect = op.get_bind().dialect.name
    for statement in SQLITE_TRIGGERS if dialect == "sqlite" else POSTGRESQL_TRIGGERS:
        op.execute(statement)
    # Every day that already has feedback gets its cells on the first report.
    op.execute(
        "INSERT INTO report_changes (experiment_id, created_date) "
        "SELECT DISTINCT experiment_id, created_date FROM feedback"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in (
            "report_feedback_insert",
            "report_feedback_update",
            "report_feedback_delete",
            "report_feedback_themes_insert",
            "report_feedback_themes_update",
            "report_feedback_themes_delete",
        ):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        op.execute("DROP TRIGGER IF EXISTS report_feedback_changed ON feedback")
        op.execute("DROP TRIGGER IF EXISTS report_feedback_themes_changed ON feedback_themes")
        op.execute("DROP FUNCTION IF EXISTS report_feedback_changed()")
        op.execute("DROP FUNCTION IF EXISTS report_feedback_themes_changed()")
    op.create_index("ix_feedback_themes_theme_id", "feedback_themes", ["theme_id"], unique=False)
    op.drop_index("ix_feedback_themes_quotes", table_name="feedback_themes")
    op.drop_index("ix_feedback_experiment_respondent", table_name="feedback")
    op.drop_index("ix_report_figures_experiment_date", table_name="report_figures")
    op.drop_table("report_figures")
    op.drop_index("ix_report_theme_cells_experiment_date", table_name="report_theme_cells")
    op.drop_table("report_theme_cells")
    op.drop_index("ix_report_cells_experiment_date", table_name="report_cells")
    op.drop_table("report_cells")
    op.drop_index(op.f("ix_report_changes_experiment_id"), table_name="report_changes")
    op.drop_table("report_changes")
