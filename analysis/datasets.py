"""Labelled CSV files for training and evaluation: ``text,label[,lang]``."""

from __future__ import annotations

import csv
import io
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from analysis.errors import DatasetError

__all__ = ["SENTIMENT_VALUES", "LabelledData", "parse_theme_labels", "read_labelled_csv"]

Kind = Literal["themes", "sentiment"]
SENTIMENT_VALUES = ("positive", "neutral", "negative")


@dataclass
class LabelledData:
    """Texts with their labels and (when known) languages, all in the same order.

    ``labels`` holds a list of theme keys per text for themes, one label per text for
    sentiment.
    """

    texts: list[str]
    labels: list  # list[list[str]] for themes, list[str] for sentiment
    langs: list[str | None] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.langs:
            self.langs = [None] * len(self.texts)
        if not len(self.texts) == len(self.labels) == len(self.langs):
            raise ValueError("texts, labels and langs must have the same length")

    def __len__(self) -> int:
        return len(self.texts)

    def subset(self, indices: Collection[int]) -> LabelledData:
        """The rows at ``indices``, in that order."""
        return LabelledData(
            [self.texts[i] for i in indices],
            [self.labels[i] for i in indices],
            [self.langs[i] for i in indices],
        )

    def __add__(self, other: LabelledData) -> LabelledData:
        return LabelledData(
            self.texts + other.texts, self.labels + other.labels, self.langs + other.langs
        )


def parse_theme_labels(value: str) -> list[str]:
    """``"a; b"`` → ``["a", "b"]``: lowercased, stripped, without duplicates."""
    labels: list[str] = []
    for part in value.split(";"):
        label = part.strip().lower()
        if label and label not in labels:
            labels.append(label)
    return labels


def _decode(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DatasetError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise DatasetError(f"{path}: is a directory, not a CSV file") from None
    except OSError as exc:
        raise DatasetError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DatasetError(
            f"{path}: line {line} is not valid UTF-8 (save the file as UTF-8)"
        ) from None


def read_labelled_csv(
    path: str | Path, kind: Kind, *, known_labels: Collection[str] | None = None
) -> LabelledData:
    """Read a labelled CSV file with header ``text,label`` and an optional ``lang`` column.

    Theme labels may be several keys separated by ``;``; sentiment labels are
    ``positive``, ``neutral`` or ``negative``. UTF-8 with or without a BOM.

    Parameters
    ----------
    path : str or Path
        The CSV file.
    kind : {"themes", "sentiment"}
        What the labels are.
    known_labels : collection of str, optional
        The labels a model knows (e.g. those of its training data); any other label in the
        file is an error.

    Returns
    -------
    LabelledData
        The rows in file order.

    Raises
    ------
    DatasetError
        With a one-line message: missing or empty file, bad encoding, missing header or
        column, empty text or label, invalid sentiment label, or labels not in
        ``known_labels``.
    """
    if kind not in ("themes", "sentiment"):
        raise ValueError(f"kind must be 'themes' or 'sentiment', got {kind!r}")
    path = Path(path)
    content = _decode(path)
    if not content.strip():
        raise DatasetError(f"{path}: file is empty")
    reader = csv.reader(io.StringIO(content, newline=""))
    try:
        header = [name.strip().lower() for name in next(reader)]
        missing = [name for name in ("text", "label") if name not in header]
        if missing:
            raise DatasetError(
                f"{path}: missing column {' and '.join(repr(m) for m in missing)}"
                " (the header must be text,label with an optional lang)"
            )
        column = {name: header.index(name) for name in ("text", "label", "lang") if name in header}
        data = LabelledData([], [])
        unknown: dict[str, int] = {}
        known = set(known_labels) if known_labels is not None else None
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue  # blank line
            cells = {name: row[i].strip() if i < len(row) else "" for name, i in column.items()}
            if not cells["text"]:
                raise DatasetError(f"{path}: line {line}: empty text")
            if not cells["label"]:
                raise DatasetError(f"{path}: line {line}: empty label")
            if kind == "themes":
                labels: list[str] | str = parse_theme_labels(cells["label"])
                if not labels:
                    raise DatasetError(f"{path}: line {line}: empty label")
            else:
                labels = cells["label"].lower()
                if labels not in SENTIMENT_VALUES:
                    raise DatasetError(
                        f"{path}: line {line}: invalid sentiment label {cells['label']!r}"
                        " (expected positive, neutral or negative)"
                    )
            if known is not None:
                for label in [labels] if isinstance(labels, str) else labels:
                    if label not in known:
                        unknown.setdefault(label, line)
            data.texts.append(cells["text"])
            data.labels.append(labels)
            data.langs.append(cells.get("lang", "").lower() or None)
    except csv.Error as exc:
        raise DatasetError(f"{path}: line {reader.line_num}: malformed CSV: {exc}") from None
    if not data.texts:
        raise DatasetError(f"{path}: no data rows below the header")
    if unknown:
        listed = ", ".join(f"{label!r} (line {line})" for label, line in unknown.items())
        raise DatasetError(f"{path}: labels unknown to the model: {listed}")
    return data
