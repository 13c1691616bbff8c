"""Production configuration: the real `kokeilu` process refuses a missing or placeholder
secret with one clear line; `.env.example` and the deploy files match the code."""

from __future__ import annotations

import asyncio
import re
import shlex
from pathlib import Path

import click
import pytest

from feedback_api.cli import main
from feedback_api.config import Settings

from .conftest import free_port, kokeilu_command, server_env

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


@pytest.mark.parametrize(
    ("secret", "message"),
    [
        (None, "Error: KOKEILU_SECRET_KEY must be set when KOKEILU_ENV=production."),
        ("changeme", "Error: KOKEILU_SECRET_KEY is a placeholder or shorter than 32"),
        ("s3cr3t-but-much-too-short", "Error: KOKEILU_SECRET_KEY is a placeholder"),
    ],
)
async def test_production_refuses_a_missing_or_placeholder_secret(
    secret, message, tmp_path
) -> None:
    database = tmp_path / "kokeilu.sqlite3"
    env = server_env(f"sqlite:///{database}", tmp_path / "data")
    env.pop("KOKEILU_SECRET_KEY")
    if secret is not None:
        env["KOKEILU_SECRET_KEY"] = secret
    args = ["serve", "--port", str(free_port()), "--workers", "2"]
    process = await asyncio.create_subprocess_exec(
        *kokeilu_command(),
        *args,
        env=env,
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=120)
    errors = stderr.decode().strip().splitlines()
    # One line, the fix named in it; no traceback, nothing served, nothing created.
    assert process.returncode == 1
    assert len(errors) == 1 and errors[0].startswith(message), errors
    assert stdout == b""
    assert not database.exists()
    assert not (tmp_path / "data" / "secret_key").exists()


def _env_example() -> dict[str, str]:
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if match := re.match(r"#?\s*(KOKEILU_[A-Z_]+)=(.*)$", line):
            values[match.group(1)] = match.group(2)
    return values


def test_env_example_names_every_setting_and_nothing_else() -> None:
    expected = {f"KOKEILU_{name.upper()}" for name in Settings.model_fields}
    assert set(_env_example()) == expected


def test_env_example_is_a_valid_production_configuration(tmp_path, monkeypatch) -> None:
    """Uncommented, the example loads (with its own placeholder refused as a secret)."""
    (tmp_path / ".env").write_text((ROOT / ".env.example").read_text())
    monkeypatch.chdir(tmp_path)
    for name in list(_env_example()):
        monkeypatch.delenv(name, raising=False)
    settings = Settings()
    assert settings.is_production
    assert settings.async_database_url.startswith("postgresql+asyncpg://")
    assert settings.redis_url


def _leaves(command: click.Command) -> list[click.Command]:
    if isinstance(command, click.Group):
        return [leaf for sub in command.commands.values() for leaf in _leaves(sub)]
    return [command]


def _accepted_by_the_cli(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line parses as a `kokeilu` command, options and values checked by click
    itself (the commands' bodies are replaced by a recorder: nothing runs)."""
    args = shlex.split(command)
    assert Path(args[0]).name == "kokeilu", command
    called: list[str] = []
    for leaf in _leaves(main):
        monkeypatch.setattr(leaf, "callback", lambda *_, _n=leaf.name, **__: called.append(_n))
    main.main(args[1:], prog_name="kokeilu", standalone_mode=False)
    assert len(called) == 1, command


# systemd and Procfile runners expand $VAR / ${VAR} / ${VAR:-default}; a number stands in.
VARIABLE = re.compile(r"\$\{?[A-Z_]+(?::-[^}]*)?\}?")


def _exec_starts(unit: Path) -> list[str]:
    lines = [line for line in unit.read_text().splitlines() if line.startswith("ExecStart=")]
    return [VARIABLE.sub("8", line.removeprefix("ExecStart=")) for line in lines]


def test_deploy_files_run_real_commands(monkeypatch) -> None:
    service, purge = DEPLOY / "kokeilu.service", DEPLOY / "kokeilu-purge.service"
    commands = _exec_starts(service) + _exec_starts(purge)
    for line in (DEPLOY / "Procfile").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            commands.append(VARIABLE.sub("8", line.split(":", 1)[1].strip()))
    assert any(" serve " in f" {c} " and "--workers" in c for c in commands)
    assert any("privacy purge" in c for c in commands)
    for command in commands:
        _accepted_by_the_cli(command, monkeypatch)
    timer = (DEPLOY / "kokeilu-purge.timer").read_text()
    assert "OnCalendar=" in timer and "Persistent=true" in timer
    for unit in (service, purge):
        assert "EnvironmentFile=" in unit.read_text()
