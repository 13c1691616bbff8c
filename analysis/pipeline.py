"""Themes, sentiment and language for batches of texts, with the models loaded once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from analysis.errors import ModelStoreError
from analysis.sentiment import SentimentClassifier
from analysis.store import ModelStore
from analysis.themes import ThemeClassifier
from analysis.training import (
    seed_sentiment_data,
    seed_theme_data,
    train_sentiment,
    train_themes,
)

__all__ = [
    "DEFAULT_MODEL_DIR",
    "Analyzer",
    "TextAnalysis",
    "build_analyzer",
    "default_model",
    "load_analyzer",
    "seed_sentiment_data",
    "seed_theme_data",
    "train_sentiment",
    "train_themes",
]

DEFAULT_MODEL_DIR = Path(__file__).with_name("models")
_BATCH = 5000


@dataclass(frozen=True)
class TextAnalysis:
    """What the models say about one text. ``themes`` empty: unclear."""

    language: str
    themes: list[tuple[str, float]]
    sentiment: str | None
    sentiment_score: float | None
    polarity: float | None = None


def _same_features(a: Any, b: Any) -> bool:
    keys = ("vectorizer", "word_ngram_range", "char_ngram_range", "n_features")
    return all(
        tuple(np.atleast_1d(getattr(a, k))) == tuple(np.atleast_1d(getattr(b, k))) for k in keys
    )


class Analyzer:
    """Fitted theme and sentiment models with their versions."""

    def __init__(
        self,
        theme_model: ThemeClassifier,
        sentiment_model: SentimentClassifier,
        theme_version: str,
        sentiment_version: str,
    ) -> None:
        self.theme_model = theme_model
        self.sentiment_model = sentiment_model
        self.theme_version = theme_version
        self.sentiment_version = sentiment_version
        self._shared = _same_features(theme_model, sentiment_model)

    def analyze(
        self, texts: Sequence[str], *, fallback: str | Sequence[str | None] | None = None
    ) -> list[TextAnalysis]:
        """Language, themes (above threshold, best first) and sentiment of each text.

        ``fallback`` is the language the respondent chose (one for all or one per text),
        used where the text is too short or ambiguous to tell. Blank texts get no themes and
        no sentiment.
        """
        from analysis.preprocess import detect_languages  # written alongside; import lazily

        texts = list(texts)
        languages = detect_languages(texts, fallback)
        results: list[TextAnalysis] = []
        for start in range(0, len(texts), _BATCH):
            batch = texts[start : start + _BATCH]
            themes, labels, proba, polarity = self._classify(batch)
            for i, text in enumerate(batch):
                blank = not text.strip()
                results.append(
                    TextAnalysis(
                        language=languages[start + i],
                        themes=[] if blank else themes[i],
                        sentiment=None if blank else labels[i],
                        sentiment_score=None if blank else round(float(proba[i]), 4),
                        polarity=(
                            None if blank or polarity is None else round(float(polarity[i]), 4)
                        ),
                    )
                )
        return results

    def _classify(self, texts: list[str]) -> tuple[list, list[str], np.ndarray, np.ndarray | None]:
        themes_model, sentiment_model = self.theme_model, self.sentiment_model
        if self._shared and themes_model.vectorizer == "hashing":
            # Hash once, weigh twice: hashing is most of the cost.
            counts = themes_model._counts(texts)
            theme_features = themes_model._features_from_counts(counts.copy(), texts=texts)
            sentiment_features = sentiment_model._features_from_counts(counts, texts=texts)
            theme_logits = themes_model._logits_from_features(theme_features)
            sentiment_logits = sentiment_model._logits_from_features(sentiment_features)
        else:
            theme_logits = themes_model._logits(texts)
            sentiment_logits = sentiment_model._logits(texts)
        scores = themes_model._scores_from_logits(theme_logits)
        themes = themes_model.themes_from_scores(scores)
        proba = sentiment_model._proba_from_logits(sentiment_logits)
        best = proba.argmax(axis=1)
        labels = [str(label) for label in sentiment_model.classes_[best]]
        try:
            polarity = sentiment_model.polarity_from_proba(proba)
        except ValueError:
            polarity = None
        return themes, labels, proba[np.arange(len(best)), best], polarity


def build_analyzer(theme_model: Any, sentiment_model: Any, versions: tuple[str, str]) -> Analyzer:
    """An analyzer over fitted models, warmed up: what analysis builds on first use (the
    language model, trained from the shipped samples in ~0.5 s, and the sentiment lexicon)
    is built now, while the process starts, not during the first resident's submission."""
    analyzer = Analyzer(theme_model, sentiment_model, *versions)
    analyzer.analyze(["warm up"])
    return analyzer


def default_model(kind: str) -> tuple[Any, str]:
    """The shipped default model of `kind` and its version."""
    store = ModelStore(DEFAULT_MODEL_DIR)
    info = store.latest(kind)
    if info is None:
        raise ModelStoreError(
            f"no {kind} model in {DEFAULT_MODEL_DIR}"
            " (build the defaults with: python -m analysis.build_defaults)"
        )
    return store.load(info), info.version


@lru_cache(maxsize=1)
def load_analyzer() -> Analyzer:
    """The shipped default models, loaded once per process (a deployment's own trained
    versions live in its database: see feedback_api.services.models)."""
    (themes, theme_version), (sentiment, sentiment_version) = (
        default_model("themes"),
        default_model("sentiment"),
    )
    return build_analyzer(themes, sentiment, (theme_version, sentiment_version))
