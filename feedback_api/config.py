"""Settings read from ``KOKEILU_*`` environment variables and a ``.env`` file."""

from __future__ import annotations

import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SECRET_FILE = "secret_key"  # noqa: S105 (a file name)
# Values that look like a secret but are not one; refused in production.
PLACEHOLDER_SECRETS = frozenset({"", "changeme", "change-me", "secret", "dev", "development"})
MIN_PRODUCTION_SECRET_LENGTH = 32


class ConfigError(ValueError):
    """The settings cannot be used as given."""


def _default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("kokeilu", appauthor=False))


def to_async_url(url: str) -> str:
    """Map plain ``sqlite://`` / ``postgresql://`` URLs to their async drivers."""
    if url.startswith("sqlite:"):
        return "sqlite+aiosqlite:" + url.removeprefix("sqlite:")
    for prefix in (
        "postgresql://",
        "postgres://",
        "postgresql+psycopg://",
        "postgresql+psycopg2://",
    ):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url.removeprefix(prefix)
    return url


class Settings(BaseSettings):
    """Every setting of a Kokeilu deployment (see README's settings table)."""

    model_config = SettingsConfigDict(env_prefix="KOKEILU_", env_file=".env", extra="ignore")

    env: Literal["development", "production", "test"] = "development"
    data_dir: Path = Field(default_factory=_default_data_dir)
    database_url: str | None = None
    secret_key: SecretStr | None = None
    telegram_token: SecretStr | None = None
    telegram_api_url: str | None = None
    telegram_bot_username: str | None = None
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: SecretStr | None = None
    redis_url: str | None = None
    public_url: str = "http://127.0.0.1:8000"
    max_text_length: int = Field(default=5000, ge=1)
    retention_days: int | None = Field(default=None, ge=1)
    db_pool_size: int = Field(default=10, ge=1)
    classify_on_submit: bool = True
    # `limits` notation ("30/minute", "5/second"); empty disables the limit.
    rate_limit_per_client: str = "30/minute"
    rate_limit_per_respondent: str = "10/minute"
    max_body_bytes: int = Field(default=64 * 1024, ge=1024)

    @field_validator("data_dir", mode="after")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @property
    def async_database_url(self) -> str:
        if self.database_url:
            return to_async_url(self.database_url)
        return f"sqlite+aiosqlite:///{self.data_dir / 'kokeilu.sqlite3'}"

    def ensure_data_dir(self) -> Path:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return self.data_dir

    def resolved_secret_key(self) -> str:
        """The secret key; outside production one is generated into the data dir once."""
        if self.secret_key is not None:
            value = self.secret_key.get_secret_value()
            if self.is_production and (
                value.lower() in PLACEHOLDER_SECRETS or len(value) < MIN_PRODUCTION_SECRET_LENGTH
            ):
                raise ConfigError(
                    "KOKEILU_SECRET_KEY is a placeholder or shorter than "
                    f"{MIN_PRODUCTION_SECRET_LENGTH} characters; production needs a real secret."
                )
            return value
        if self.is_production:
            raise ConfigError("KOKEILU_SECRET_KEY must be set when KOKEILU_ENV=production.")
        path = self.ensure_data_dir() / SECRET_FILE
        if not path.exists():
            # O_EXCL: two processes starting at once must not overwrite each other's key.
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                pass
            else:
                with os.fdopen(fd, "w") as handle:
                    handle.write(secrets.token_hex(32))
        return path.read_text().strip()


@lru_cache
def get_settings() -> Settings:
    return Settings()
