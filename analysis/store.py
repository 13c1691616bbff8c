"""Models as versioned skops files (never pickle), each with a JSON record of its metrics.

A store is one flat directory: ``<version>.skops`` beside ``<version>.json`` where the
version is ``<kind>-<UTC time>-<6 hex>``, e.g. ``themes-20261128T101500-ab12cd``.
"""

from __future__ import annotations

import json
import os
import secrets
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import skops.io as sio

from analysis.errors import ModelStoreError

__all__ = [
    "KINDS",
    "ModelInfo",
    "ModelStore",
    "dump_model",
    "load_model_bytes",
    "load_model_file",
    "new_version",
]

KINDS = ("themes", "sentiment")
# Types a model file may hold beyond skops' defaults: ours and our libraries', nothing else.
_TRUSTED_PREFIXES = ("sklearn.", "numpy.", "scipy.", "analysis.")
_TIME_FORMAT = "%Y%m%dT%H%M%S"


@dataclass(frozen=True)
class ModelInfo:
    """A stored model version and what it was evaluated with."""

    kind: str
    version: str
    path: Path
    created_at: datetime
    metrics: dict[str, Any] = field(default_factory=dict, hash=False)
    trained_on: dict[str, Any] = field(default_factory=dict, hash=False)


def load_model_file(path: Path) -> Any:
    """Load a skops file, trusting only scikit-learn, numpy, scipy and analysis types."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ModelStoreError(f"{path}: not a readable skops file: {exc}") from exc
    return load_model_bytes(data, name=str(path))


def load_model_bytes(data: bytes, *, name: str = "model") -> Any:
    """A model from the bytes of a skops file (as `dump_model` makes them), trusting only
    scikit-learn, numpy, scipy and analysis types."""
    try:
        untrusted = sio.get_untrusted_types(data=data)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ModelStoreError(f"{name}: not a readable skops file: {exc}") from exc
    refused = [type_ for type_ in untrusted if not type_.startswith(_TRUSTED_PREFIXES)]
    if refused:
        raise ModelStoreError(f"{name}: refusing untrusted types {', '.join(refused)}")
    return sio.loads(data, trusted=untrusted)


def dump_model(model: Any) -> bytes:
    """The model as the bytes of a compressed skops file."""
    return bytes(sio.dumps(model, compression=zipfile.ZIP_DEFLATED))


def new_version(kind: str, created_at: datetime | None = None) -> str:
    """A new version name: ``<kind>-<UTC time>-<6 hex>``, e.g. ``themes-20261128T101500-ab12cd``."""
    _check_kind(kind)
    moment = (created_at or datetime.now(UTC)).astimezone(UTC)
    return f"{kind}-{moment.strftime(_TIME_FORMAT)}-{secrets.token_hex(3)}"


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")


class ModelStore:
    """Versioned models of each kind in one directory."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def save(
        self,
        kind: str,
        model: Any,
        *,
        metrics: dict[str, Any],
        trained_on: dict[str, Any],
        created_at: datetime | None = None,
    ) -> ModelInfo:
        """Write ``model`` as a new version of ``kind`` and return its record."""
        created_at = (created_at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
        version = new_version(kind, created_at)
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.root / f"{version}.skops"
        record = {
            "kind": kind,
            "version": version,
            "created_at": created_at.isoformat(),
            "metrics": metrics,
            "trained_on": trained_on,
        }
        # Model first, record last: a version without its record is not listed (nor loaded).
        self._write_atomic(path, lambda f: sio.dump(model, f, compression=zipfile.ZIP_DEFLATED))
        self._write_atomic(
            self.root / f"{version}.json",
            lambda f: f.write(json.dumps(record, indent=2, ensure_ascii=False).encode()),
        )
        return ModelInfo(kind, version, path, created_at, metrics, trained_on)

    def _write_atomic(self, path: Path, write: Any) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".tmp-", suffix=path.suffix)
        try:
            with os.fdopen(fd, "wb") as f:
                write(f)
            os.chmod(tmp, 0o644)  # mkstemp makes it private; models are not secrets
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def versions(self, kind: str) -> list[ModelInfo]:
        """All complete versions of ``kind``, oldest first."""
        _check_kind(kind)
        infos = []
        for record_path in self.root.glob(f"{kind}-*.json"):
            path = record_path.with_suffix(".skops")
            if not path.exists():
                continue
            try:
                record = json.loads(record_path.read_text(encoding="utf-8"))
                created_at = datetime.fromisoformat(record["created_at"])
            except (OSError, ValueError, KeyError):
                continue  # a damaged record: skip the version rather than fail the listing
            infos.append(
                ModelInfo(
                    kind,
                    record_path.stem,
                    path,
                    created_at,
                    record.get("metrics", {}),
                    record.get("trained_on", {}),
                )
            )
        return sorted(infos, key=lambda info: (info.created_at, info.version))

    def latest(self, kind: str) -> ModelInfo | None:
        """The newest version of ``kind``, or None."""
        versions = self.versions(kind)
        return versions[-1] if versions else None

    def load(self, info: ModelInfo) -> Any:
        """Load the model of a version."""
        return load_model_file(info.path)

    def remove(self, info: ModelInfo) -> None:
        """Delete a version's files."""
        info.path.unlink(missing_ok=True)
        info.path.with_suffix(".json").unlink(missing_ok=True)
