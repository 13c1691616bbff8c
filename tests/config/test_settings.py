"""Settings: URL mapping, the generated secret, production refusals."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from feedback_api.cli import main
from feedback_api.config import ConfigError, Settings, get_settings, to_async_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("sqlite:////var/kokeilu.db", "sqlite+aiosqlite:////var/kokeilu.db"),
        ("postgresql://u:p@db:5432/k", "postgresql+asyncpg://u:p@db:5432/k"),
        ("postgres://u@db/k", "postgresql+asyncpg://u@db/k"),
        ("postgresql+asyncpg://u@db/k", "postgresql+asyncpg://u@db/k"),
        ("sqlite+aiosqlite:///x.db", "sqlite+aiosqlite:///x.db"),
    ],
)
def test_database_urls_map_to_async_drivers(given: str, expected: str) -> None:
    assert to_async_url(given) == expected


def test_default_database_is_sqlite_in_data_dir(tmp_path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path)  # type: ignore[call-arg]
    assert settings.async_database_url == f"sqlite+aiosqlite:///{tmp_path / 'kokeilu.sqlite3'}"


def test_secret_is_generated_once_into_the_data_dir(tmp_path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path / "new")  # type: ignore[call-arg]
    first = settings.resolved_secret_key()
    assert len(first) == 64
    assert (tmp_path / "new" / "secret_key").stat().st_mode & 0o777 == 0o600
    again = Settings(_env_file=None, data_dir=tmp_path / "new")  # type: ignore[call-arg]
    assert again.resolved_secret_key() == first


@pytest.mark.parametrize("secret", [None, "changeme", "secret", "short-but-not-placeholder"])
def test_production_refuses_missing_or_placeholder_secret(tmp_path, secret) -> None:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, env="production", data_dir=tmp_path, secret_key=secret
    )
    with pytest.raises(ConfigError):
        settings.resolved_secret_key()
    assert not (tmp_path / "secret_key").exists()


def test_production_accepts_a_real_secret(tmp_path) -> None:
    real = "x7G" * 16
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, env="production", data_dir=tmp_path, secret_key=real
    )
    assert settings.resolved_secret_key() == real


def test_env_file_and_prefix_are_read(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("KOKEILU_MAX_TEXT_LENGTH=1234\nKOKEILU_ENV=test\n")
    monkeypatch.setenv("KOKEILU_DATA_DIR", str(tmp_path / "d"))
    settings = Settings()
    assert settings.max_text_length == 1234 and settings.env == "test"


def test_cli_in_production_without_secret_exits_with_clear_error(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KOKEILU_ENV", "production")
    monkeypatch.setenv("KOKEILU_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("KOKEILU_SECRET_KEY", raising=False)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(main, ["token", "create", "--role", "admin"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code != 0
    assert "KOKEILU_SECRET_KEY" in result.output
