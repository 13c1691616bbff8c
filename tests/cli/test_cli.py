"""The `kokeilu` command: in-process through Click, and once for real as a subprocess."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from feedback_api.cli import main
from feedback_api.config import get_settings
from feedback_api.db.base import utcnow
from feedback_api.db.engine import create_engine, create_session_factory
from feedback_api.db.models import Experiment, Feedback


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_cli_help_explains_commands(cli_env) -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    for command in ("serve", "demo", "db", "token", "experiment", "report", "privacy"):
        assert command in result.output
    assert "owner" in invoke("token", "create", "--help").output


def test_cli_experiment_add_prints_one_json_line(cli_env) -> None:
    result = invoke(
        "experiment",
        "add",
        "--title",
        "Etähoivakäynnit",
        "--status",
        "running",
        "--owner",
        "Vanhuspalvelut",
    )
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert data["slug"] == "etahoivakaynnit"
    assert data["status"] == "running"
    assert data["owner_name"] == "Vanhuspalvelut"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("experiment", "add", "--title", "X", "--slug", "BAD SLUG"), "slug"),
        (("experiment", "add", "--title", "X", "--status", "paused"), "paused"),
        (("token", "create", "--role", "king"), "king"),
        (("token", "create", "--role", "owner"), "--experiment"),
        (("token", "create", "--role", "owner", "--experiment", "nope"), "not found"),
        (("token", "create", "--role", "staff", "--experiment", "1"), "owner"),
        (("token", "revoke", "nobody"), "nobody"),
        (("report", "missing-exp", "--format", "json"), "not found"),
        (("report", "x", "--format", "pdf"), "pdf"),
        (("privacy", "purge", "--older-than", "0"), "0"),
        (("privacy", "purge", "--older-than", "abc"), "abc"),
    ],
)
def test_cli_errors_are_clear_and_nonzero(cli_env, args, message) -> None:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_token_create_prints_token_alone_on_last_line(cli_env) -> None:
    invoke("experiment", "add", "--title", "Scoped", "--slug", "scoped-one", "--status", "ended")
    result = CliRunner().invoke(
        main, ["token", "create", "--role", "owner", "--experiment", "scoped-one", "--name", "o1"]
    )
    assert result.exit_code == 0, result.output
    token = result.stdout.strip().splitlines()[-1]
    assert len(token) >= 43 and " " not in token
    dup = CliRunner().invoke(main, ["token", "create", "--role", "staff", "--name", "o1"])
    assert dup.exit_code != 0 and "o1" in dup.output
    listed = invoke("token", "list").output
    assert "o1\towner\tactive\tscoped-one" in listed
    assert token not in listed
    assert invoke("token", "revoke", "o1").exit_code == 0
    assert "o1\towner\trevoked" in invoke("token", "list").output


def test_cli_report_json_and_csv(cli_env) -> None:
    invoke("experiment", "add", "--title", "Reported", "--slug", "reported", "--status", "running")
    result = invoke("report", "reported", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output)["experiment"]["slug"] == "reported"
    csv_out = invoke("report", "reported", "--format", "csv").output
    assert csv_out.splitlines()[0].startswith("id,created_at,role")


def test_cli_privacy_purge_reports_counts(cli_env) -> None:
    result = invoke("privacy", "purge", "--older-than", "30")
    assert result.exit_code == 0
    assert "anonymised 0 feedback items" in result.output


async def _add_feedback_days_old(settings, slug: str, days: int) -> None:
    engine = create_engine(settings.async_database_url)
    try:
        async with create_session_factory(engine)() as session:
            exp_id = await session.scalar(select(Experiment.id).where(Experiment.slug == slug))
            when = utcnow() - timedelta(days=days)
            session.add(
                Feedback(
                    experiment_id=exp_id,
                    role="resident",
                    channel="web",
                    text="Vanha palaute.",
                    rating=4,
                    created_at=when,
                    created_date=when.date(),
                )
            )
            await session.commit()
    finally:
        await engine.dispose()


def test_cli_privacy_purge_takes_the_retention_setting_by_default(
    cli_env, settings, monkeypatch
) -> None:
    invoke("experiment", "add", "--title", "Kept", "--slug", "kept", "--status", "running")
    asyncio.run(_add_feedback_days_old(settings, "kept", 400))
    asyncio.run(_add_feedback_days_old(settings, "kept", 10))

    unset = CliRunner().invoke(main, ["privacy", "purge"])
    assert unset.exit_code == 1
    assert "KOKEILU_RETENTION_DAYS" in unset.output

    monkeypatch.setenv("KOKEILU_RETENTION_DAYS", "365")
    get_settings.cache_clear()
    assert "anonymised 1 feedback items" in invoke("privacy", "purge").output
    # An explicit --older-than wins over the setting.
    assert "anonymised 1 feedback items" in invoke("privacy", "purge", "--older-than", "5").output


def test_cli_db_upgrade_is_idempotent(cli_env) -> None:
    first = invoke("db", "upgrade")
    assert first.exit_code == 0
    assert "already at head" in first.output  # the test database is migrated


async def test_cli_subprocess_token_then_api_flow(cli_env, client) -> None:
    """The issue's 'done when': a CLI-made admin token creates an experiment over HTTP."""
    env = {**os.environ, **cli_env}
    done = subprocess.run(
        [sys.executable, "-m", "feedback_api.cli", "token", "create", "--role", "admin"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    token = done.stdout.strip().splitlines()[-1]
    headers = {"Authorization": f"Bearer {token}"}
    created = await client.post(
        "/api/v1/experiments", json={"title": "From CLI", "status": "running"}, headers=headers
    )
    assert created.status_code == 201
    slug = created.json()["slug"]
    posted = await client.post(f"/api/v1/experiments/{slug}/feedback", json={"rating": 5})
    assert posted.status_code == 201
    report = await client.get(f"/api/v1/experiments/{slug}/report", headers=headers)
    assert report.json()["totals"]["feedback"] == 1
    failed = subprocess.run(
        [
            sys.executable,
            "-m",
            "feedback_api.cli",
            "experiment",
            "add",
            "--title",
            "X",
            "--status",
            "bogus",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert failed.returncode != 0 and "bogus" in failed.stderr
