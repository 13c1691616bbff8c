"""Training entry points: the shipped seed data and the models trained from it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.model_selection import train_test_split

from analysis.datasets import Kind, LabelledData, read_labelled_csv
from analysis.evaluate import evaluate_model
from analysis.sentiment import SentimentClassifier, rating_to_sentiment
from analysis.themes import ThemeClassifier

__all__ = [
    "DATA_DIR",
    "SEED_DIR",
    "seed_sentiment_data",
    "seed_theme_data",
    "train_sentiment",
    "train_themes",
]

SEED_DIR = Path(__file__).with_name("seed")
DATA_DIR = Path(__file__).with_name("data")
HOLDOUT = 0.2
WEAK_WEIGHT = 0.3


def seed_theme_data() -> LabelledData:
    """The hand-written theme examples shipped in ``analysis/seed/themes.csv``."""
    return read_labelled_csv(SEED_DIR / "themes.csv", "themes")


def seed_sentiment_data(*, include_xed: bool = True) -> LabelledData:
    """Hand-written sentiment examples, plus XED (CC BY 4.0) unless ``include_xed`` is off."""
    data = read_labelled_csv(SEED_DIR / "sentiment.csv", "sentiment")
    if include_xed:
        data = read_labelled_csv(DATA_DIR / "xed_polarity.csv", "sentiment") + data
    return data


def _holdout(data: LabelledData, kind: str, random_state: int) -> tuple[list[int], list[int]]:
    indices = list(range(len(data)))
    if kind == "sentiment":
        strata: Any = [
            f"{label}|{lang}" for label, lang in zip(data.labels, data.langs, strict=True)
        ]
        counts: dict[str, int] = {}
        for stratum in strata:
            counts[stratum] = counts.get(stratum, 0) + 1
        if min(counts.values()) < 2:
            strata = None
    else:
        strata = None
    train, test = train_test_split(
        indices, test_size=HOLDOUT, random_state=random_state, stratify=strata
    )
    return sorted(train), sorted(test)


def _train(
    kind: Kind,
    make_model: Any,
    data: LabelledData,
    extra: LabelledData | None,
    weights: np.ndarray | None,
    random_state: int,
    evaluate: bool,
) -> tuple[Any, dict[str, Any]]:
    """Score a model trained without a held-out 20 % of ``data``, then train on everything.

    ``extra`` rows (e.g. weak labels) are always training rows, weighed by ``weights``.
    """
    extra = extra or LabelledData([], [])
    weights = np.ones(len(extra)) if weights is None else np.asarray(weights, dtype=float)
    metrics: dict[str, Any] = {}
    if evaluate and len(data) >= 10:
        train, test = _holdout(data, kind, random_state)
        part = data.subset(train) + extra
        held_out = make_model().fit(
            part.texts, part.labels, np.concatenate([np.ones(len(train)), weights])
        )
        metrics = evaluate_model(kind, held_out, data.subset(test), n_train=len(part))
    everything = data + extra
    model = make_model().fit(
        everything.texts, everything.labels, np.concatenate([np.ones(len(data)), weights])
    )
    return model, metrics


def train_themes(
    data: LabelledData,
    *,
    extra: LabelledData | None = None,
    random_state: int = 0,
    evaluate: bool = True,
    **params: Any,
) -> tuple[ThemeClassifier, dict[str, Any]]:
    """Train a theme model on ``data`` (+ ``extra``, e.g. staff corrections on top of seed).

    Returns the model trained on all rows and the figures (see
    :func:`analysis.evaluate.score_predictions`) of a model trained without a held-out 20 %
    of ``data``; empty when ``evaluate`` is off or the data is too small.
    """
    return _train(
        "themes",
        lambda: ThemeClassifier(random_state=random_state, **params),
        data,
        extra,
        None,
        random_state,
        evaluate,
    )


def train_sentiment(
    data: LabelledData,
    *,
    extra: LabelledData | None = None,
    ratings: Sequence[tuple[str, int]] | None = None,
    weak_weight: float = WEAK_WEIGHT,
    random_state: int = 0,
    evaluate: bool = True,
    **params: Any,
) -> tuple[SentimentClassifier, dict[str, Any]]:
    """Train a sentiment model on ``data`` (+ ``extra``) and, as weak labels, ``ratings``.

    ``ratings`` are ``(text, rating 1-5)`` pairs: 4-5 positive, 3 neutral, 1-2 negative, each
    with sample weight ``weak_weight``. The figures are those of a held-out 20 % of ``data``.
    """
    extra_rows = extra or LabelledData([], [])
    weights = [1.0] * len(extra_rows)
    if ratings:
        texts = [text for text, _ in ratings]
        weak = LabelledData(texts, [rating_to_sentiment(int(r)) for _, r in ratings])
        extra_rows = extra_rows + weak
        weights += [weak_weight] * len(weak)
    return _train(
        "sentiment",
        lambda: SentimentClassifier(random_state=random_state, **params),
        data,
        extra_rows,
        np.asarray(weights),
        random_state,
        evaluate,
    )
