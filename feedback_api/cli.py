"""The `kokeilu` command: serve, demo, database, tokens, experiments, reports, privacy."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.config import ConfigError, Settings, get_settings
from feedback_api.db.engine import create_engine, create_session_factory
from feedback_api.db.migrate import upgrade_database
from feedback_api.domain.enums import ExperimentStatus, TokenRole
from feedback_api.domain.errors import KokeiluError
from feedback_api.domain.schemas import ExperimentCreate, ExperimentPublic
from feedback_api.services import experiments, privacy, themes, tokens

T = TypeVar("T")


class CliError(click.ClickException):
    """A clear one-line error on stderr and exit status 1."""


async def _session_run(settings: Settings, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run `work` in one committed transaction on a migrated database."""
    engine = create_engine(settings.async_database_url, pool_size=2)
    try:
        await upgrade_database(engine)
        sessions = create_session_factory(engine)
        async with sessions() as session:
            await themes.sync_seed_themes(session=session)
            result = await work(session)
            await session.commit()
            return result
    finally:
        await engine.dispose()


def run(work: Callable[[AsyncSession], Awaitable[T]], settings: Settings | None = None) -> T:
    return _run(_session_run(settings or get_settings(), work))


def _run(work: Awaitable[T]) -> T:
    try:
        return asyncio.run(work)  # type: ignore[arg-type]
    except KokeiluError as error:
        raise CliError(error.message) from None
    except ConfigError as error:
        raise CliError(str(error)) from None


async def _classify(settings: Settings, *, everything: bool) -> int:
    """Classify stored feedback with the current models, showing progress on stderr."""
    from tqdm import tqdm

    from feedback_api.services.classification import classify_stored
    from feedback_api.services.models import CurrentModels

    engine = create_engine(settings.async_database_url, pool_size=2)
    try:
        await upgrade_database(engine)
        sessions = create_session_factory(engine)
        current = CurrentModels(sessions)
        await current.refresh()
        assert current.analyzer is not None
        with tqdm(unit="text", desc="classifying", file=sys.stderr) as bar:

            async def progress(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            return await classify_stored(
                sessions=sessions,
                read_sessions=create_session_factory(engine, read_only=True),
                analyzer=current.analyzer,
                everything=everything,
                progress=progress,
            )
    finally:
        await engine.dispose()


def _check_settings() -> Settings:
    settings = get_settings()
    try:
        settings.resolved_secret_key()
    except ConfigError as error:
        raise CliError(str(error)) from None
    return settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kokeilu")
def main() -> None:
    """Kokeilu: feedback on a city's service experiments.

    Every command reads the same KOKEILU_* settings (and a .env file), so the CLI and a
    running server share one database. Start with `kokeilu demo`.
    """


# --- serving -------------------------------------------------------------------------------


def _prepare(settings: Settings) -> None:
    """Migrate and seed the taxonomy once, before the workers start."""
    run(lambda _session: asyncio.sleep(0), settings)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes (stateless; share the database).",
)
def serve(host: str, port: int, workers: int) -> None:
    """Migrate the database if needed, then serve the API and web pages."""
    settings = _check_settings()
    _prepare(settings)
    _uvicorn(host, port, workers)


def _uvicorn(host: str, port: int, workers: int) -> None:
    import copy

    import uvicorn
    from uvicorn.config import LOGGING_CONFIG

    # Uvicorn configures only its own loggers; ours go through its console handler too, in
    # every worker process (each applies log_config when it starts).
    log_config = copy.deepcopy(LOGGING_CONFIG)
    for name in ("feedback_api", "bot", "analysis"):
        log_config["loggers"][name] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    uvicorn.run(
        "feedback_api.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        log_level="info",
        log_config=log_config,
        # A worker loads the models before it answers: give it time before it counts as hung.
        timeout_worker_healthcheck=60,
    )


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
def demo(host: str, port: int) -> None:
    """Seed the demo programme into an empty database, print where to look, then serve."""
    from feedback_api.demo.seed import seed_demo

    settings = _check_settings()
    click.echo("Preparing the database and the demo programme (first run takes a moment)…")
    summary = run(lambda s: seed_demo(session=s, settings=settings), settings)
    if summary is not None:
        _run(_classify(settings, everything=False))
    if summary is None:
        click.echo("The database already holds experiments: not seeding the demo.")
    else:
        click.echo(
            f"Seeded {summary.experiments} experiments and {summary.feedback} feedback items."
        )
    base = f"http://{host}:{port}"
    click.echo(f"\n  Feedback form:       {base}/")
    click.echo(f"  API documentation:   {base}/docs")
    if not settings.is_production:
        _token, plain = run(
            lambda s: tokens.create_token(session=s, role=TokenRole.ADMIN), settings
        )
        # As Jupyter prints its token URL: one click fills in the staff sign-in form.
        click.echo(f"  Staff dashboard:     {base}/staff?token={plain}")
        click.echo(f"\n  Admin token for this demo (API: Authorization: Bearer …): {plain}\n")
    _uvicorn(host, port, 1)


@main.command("bot")
@click.option(
    "--console",
    is_flag=True,
    help="Run the same conversation in this terminal instead of Telegram (no token needed).",
)
def bot_command(console: bool) -> None:
    """Run the Telegram bot: long polling against KOKEILU_TELEGRAM_API_URL."""
    import logging

    from bot.runner import run_bot

    settings = _check_settings()
    logging.basicConfig(
        level=logging.WARNING if console else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    sys.exit(run_bot(settings, console=console))


# --- database -----------------------------------------------------------------------------


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply the Alembic migrations up to head (safe to run any time)."""
    settings = _check_settings()

    async def go() -> bool:
        engine = create_engine(settings.async_database_url, pool_size=1)
        try:
            return await upgrade_database(engine)
        finally:
            await engine.dispose()

    try:
        applied = asyncio.run(go())
    except (OSError, Exception) as error:  # a CLI reports, it does not dump a traceback
        raise CliError(f"cannot migrate the database: {error}") from None
    click.echo("database migrated to head" if applied else "database already at head")


# --- tokens -------------------------------------------------------------------------------


@main.group()
def token() -> None:
    """Staff bearer tokens for the API and the staff dashboard."""


@token.command("create")
@click.option(
    "--role",
    required=True,
    type=click.Choice([r.value for r in TokenRole]),
    help="admin ⊇ staff; owner sees only the experiments named with --experiment.",
)
@click.option(
    "--experiment",
    "experiment_refs",
    multiple=True,
    metavar="ID_OR_SLUG",
    help="An experiment an owner token may read (repeat for several).",
)
@click.option("--name", default=None, help="A unique name, used to revoke the token.")
def token_create(role: str, experiment_refs: tuple[str, ...], name: str | None) -> None:
    """Create a token and print it once, alone on the last line."""
    _check_settings()
    row, plain = run(
        lambda s: tokens.create_token(
            session=s, role=TokenRole(role), experiments=experiment_refs, name=name
        )
    )
    click.echo(f"created {row.role} token {row.name!r}; it is shown only now:", err=True)
    click.echo(plain)


@token.command("revoke")
@click.argument("name")
def token_revoke(name: str) -> None:
    """Revoke the token NAME: it stops working at once."""
    _check_settings()
    run(lambda s: tokens.revoke_token(session=s, name=name))
    click.echo(f"revoked token {name!r}")


@token.command("list")
def token_list() -> None:
    """List tokens (names and roles; never the tokens themselves)."""
    _check_settings()

    async def go(session: AsyncSession) -> list[str]:
        return [
            f"{t.name}\t{t.role}\t{'revoked' if t.revoked_at else 'active'}\t"
            + ",".join(e.slug for e in t.experiments)
            for t in await tokens.list_tokens(session=session)
        ]

    for line in run(go):
        click.echo(line)


# --- experiments --------------------------------------------------------------------------


@main.group()
def experiment() -> None:
    """Experiments of the programme."""


@experiment.command("add")
@click.option("--title", required=True, help="The title (also used for the slug).")
@click.option("--slug", default=None, help="lowercase letters, digits, hyphens; 3–60 chars.")
@click.option(
    "--status",
    default=ExperimentStatus.PROPOSED.value,
    show_default=True,
    type=click.Choice([s.value for s in ExperimentStatus]),
)
@click.option("--owner", default=None, help="The owning unit or person.")
def experiment_add(title: str, slug: str | None, status: str, owner: str | None) -> None:
    """Create an experiment and print it as one line of JSON."""
    from pydantic import ValidationError

    _check_settings()
    try:
        data = ExperimentCreate(
            title=title, slug=slug, status=ExperimentStatus(status), owner_name=owner
        )
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise CliError(problems) from None

    async def go(session: AsyncSession) -> str:
        row = await experiments.create_experiment(session=session, data=data)
        return ExperimentPublic.model_validate(row).model_dump_json()

    click.echo(run(go))


@experiment.command("list")
def experiment_list() -> None:
    """List every experiment as lines of JSON."""
    _check_settings()
    from feedback_api.domain.principal import Principal

    everyone = Principal(name="cli", role=TokenRole.ADMIN)

    async def go(session: AsyncSession) -> list[str]:
        rows, _ = await experiments.list_experiments(session, principal=everyone, limit=10_000)
        return [ExperimentPublic.model_validate(r).model_dump_json() for r in rows]

    for line in run(go):
        click.echo(line)


# --- reports ------------------------------------------------------------------------------


@main.command()
@click.argument("experiment_ref", metavar="EXPERIMENT")
@click.option("--format", "fmt", required=True, type=click.Choice(["html", "json", "csv", "xlsx"]))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file (default: stdout; xlsx: <slug>.xlsx).",
)
@click.option("--lang", default="en", type=click.Choice(["fi", "sv", "en"]), show_default=True)
def report(experiment_ref: str, fmt: str, output: Path | None, lang: str) -> None:
    """One experiment's report (EXPERIMENT is its id or slug); html is one self-contained page."""
    _check_settings()
    from feedback_api.web import exports

    async def go(session: AsyncSession) -> tuple[str, str | bytes]:
        row = await experiments.get_experiment(session, experiment_ref, anyone=True)
        body: str | bytes
        if fmt == "csv":
            body = await exports.feedback_csv(session=session, experiment=row)
        elif fmt == "json":
            body = await exports.report_json(session=session, experiment=row, language=lang)
        elif fmt == "html":
            body = await exports.report_html(session=session, experiment=row, language=lang)
        else:
            body = await exports.report_xlsx(session=session, experiment=row, language=lang)
        return row.slug, body

    slug, body = run(go)
    if isinstance(body, bytes):
        target = output or Path(f"{slug}.xlsx")
        target.write_bytes(body)
        click.echo(f"wrote {target}", err=True)
    elif output is None:
        sys.stdout.write(body if body.endswith("\n") else body + "\n")
    else:
        output.write_text(body, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)


# --- privacy ------------------------------------------------------------------------------


@main.group("privacy")
def privacy_group() -> None:
    """Retention and erasure."""


@privacy_group.command("purge")
@click.option(
    "--older-than",
    "days",
    type=click.IntRange(min=1),
    metavar="DAYS",
    help="Anonymise feedback older than this many days [default: KOKEILU_RETENTION_DAYS].",
)
def privacy_purge(days: int | None) -> None:
    """Anonymise old feedback: text and respondent link go; ratings, roles, dates, themes stay."""
    settings = _check_settings()
    if days is None:
        days = settings.retention_days
    if days is None:
        raise CliError("give --older-than DAYS or set KOKEILU_RETENTION_DAYS")
    result = run(lambda s: privacy.purge_older_than(session=s, days=days))
    click.echo(
        f"anonymised {result.feedback_anonymised} feedback items, "
        f"deleted {result.respondents_deleted} respondents"
    )


@privacy_group.command("forget")
@click.argument("key")
def privacy_forget(key: str) -> None:
    """Erase the respondent with pseudonymous KEY and all their feedback."""
    _check_settings()
    result = run(lambda s: privacy.erase_respondent(session=s, key=key))
    click.echo(f"erased 1 respondent and {result.feedback} feedback items")


# --- analysis ---------------------------------------------------------------------------

KINDS = click.Choice(["themes", "sentiment"])


def _read_csv(path: Path, kind: str, known: set[str] | None = None) -> Any:
    from analysis.datasets import read_labelled_csv
    from analysis.errors import AnalysisError

    try:
        return read_labelled_csv(path, kind, known_labels=known)  # type: ignore[arg-type]
    except AnalysisError as error:
        raise CliError(str(error)) from None


def _labels_of(kind: str, data: Any) -> set[str]:
    if kind == "themes":
        return {label for labels in data.labels for label in labels}
    return set(data.labels)


@main.command()
@click.argument("kind", type=KINDS)
@click.option(
    "--data",
    "data_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Train on this CSV alone (header text,label[,lang]; themes as a;b).",
)
def train(kind: str, data_path: Path | None) -> None:
    """Train a new version of the themes or sentiment model and reclassify stored feedback.

    Without --data: the shipped seed examples plus what this deployment has learnt (staff
    theme corrections; ratings as weak sentiment labels). Running servers and bots use the
    new version within seconds.
    """
    settings = _check_settings()
    from feedback_api.services.training import train_model

    data = _read_csv(data_path, kind) if data_path else None
    click.echo(f"training the {kind} model…", err=True)
    result = run(
        lambda s: train_model(session=s, kind=kind, data=data),  # type: ignore[arg-type]
        settings,
    )
    figure = result.metrics.get("macro_f1")
    quality = (
        f"held-out macro-F1 {figure:.3f}" if figure is not None else "too little data to score"
    )
    click.echo(f"saved {result.version} ({quality})", err=True)
    reclassified = _run(_classify(settings, everything=True))
    click.echo(f"saved {result.version} ({quality}); reclassified {reclassified} items")


@main.command()
@click.argument("kind", type=KINDS)
@click.option(
    "--train",
    "train_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Train a throwaway model on this CSV; without it, score the current model.",
)
@click.option(
    "--test",
    "test_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The labelled test CSV.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def evaluate(kind: str, train_path: Path | None, test_path: Path, as_json: bool) -> None:
    """Score a model on a labelled test file: macro-F1, accuracy, per label and language."""
    settings = _check_settings()
    from analysis.evaluate import evaluate_model

    if train_path is not None:
        from analysis import training

        train_data = _read_csv(train_path, kind)
        test_data = _read_csv(test_path, kind, known=_labels_of(kind, train_data))
        click.echo(f"training on {len(train_data)} rows…", err=True)
        fit = training.train_themes if kind == "themes" else training.train_sentiment
        model, _ = fit(train_data, evaluate=False)
        n_train = len(train_data)
    else:
        analyzer = _run(_current_analyzer(settings))
        model = analyzer.theme_model if kind == "themes" else analyzer.sentiment_model
        test_data = _read_csv(test_path, kind, known={str(c) for c in model.classes_})
        n_train = 0
    # Single-label theme files (every row one label) are scored on the best theme
    # when none passes its threshold; multi-label files on the thresholds alone.
    top1 = kind == "themes" and all(len(labels) == 1 for labels in test_data.labels)
    result = evaluate_model(kind, model, test_data, n_train=n_train, top1=top1)  # type: ignore[arg-type]
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    click.echo(
        f"macro-F1 {result['macro_f1']:.3f}  accuracy {result['accuracy']:.3f}  "
        f"n_train {result['n_train']}  n_test {result['n_test']}"
    )
    click.echo(f"{'label':<24}{'precision':>10}{'recall':>10}{'f1':>8}{'support':>9}")
    for label, row in sorted(result["per_label"].items()):
        click.echo(
            f"{label:<24}{row['precision']:>10.3f}{row['recall']:>10.3f}"
            f"{row['f1']:>8.3f}{row['support']:>9}"
        )
    for lang, row in sorted(result.get("per_language", {}).items()):
        click.echo(f"  {lang}: macro-F1 {row['macro_f1']:.3f} (n={row['n']})")


@main.command()
@click.option("--all", "everything", is_flag=True, help="Reclassify everything, not only new.")
def classify(everything: bool) -> None:
    """Classify stored feedback that has no result yet with the current models."""
    settings = _check_settings()
    count = _run(_classify(settings, everything=everything))
    click.echo(f"classified {count} feedback items")


async def _current_analyzer(settings: Settings) -> Any:
    """The analyzer every process uses now: the newest trained versions, else the defaults."""
    from feedback_api.services.models import CurrentModels

    engine = create_engine(settings.async_database_url, pool_size=1)
    try:
        await upgrade_database(engine)
        current = CurrentModels(create_session_factory(engine))
        await current.refresh()
        return current.analyzer
    finally:
        await engine.dispose()


if __name__ == "__main__":  # pragma: no cover
    main()
