"""Build the shipped default models into ``analysis/models/`` from files in the repository.

    python -m analysis.build_defaults

Reproducible: fixed random_state, data from ``analysis/seed`` and ``analysis/data`` only. Each
model's metrics are those of a held-out 20 % of its data; previous defaults are replaced.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.store import ModelStore
from analysis.training import (
    seed_sentiment_data,
    seed_theme_data,
    train_sentiment,
    train_themes,
)

RANDOM_STATE = 0


def build(model_dir: Path) -> None:
    """Train both default models and store them in ``model_dir``, replacing older ones."""
    store = ModelStore(model_dir)
    themes = seed_theme_data()
    model, metrics = train_themes(themes, random_state=RANDOM_STATE)
    sources = {"files": ["analysis/seed/themes.csv"], "n": len(themes), "random_state": 0}
    info = store.save("themes", model, metrics=metrics, trained_on=sources)
    print(f"{info.version}: macro-F1 {metrics['macro_f1']} (held-out)", file=sys.stderr)
    sentiment = seed_sentiment_data()
    model, metrics = train_sentiment(sentiment, random_state=RANDOM_STATE)
    sources = {
        "files": ["analysis/data/xed_polarity.csv", "analysis/seed/sentiment.csv"],
        "n": len(sentiment),
        "random_state": RANDOM_STATE,
    }
    info2 = store.save("sentiment", model, metrics=metrics, trained_on=sources)
    print(f"{info2.version}: macro-F1 {metrics['macro_f1']} (held-out)", file=sys.stderr)
    for kind, keep in (("themes", info), ("sentiment", info2)):
        for old in store.versions(kind):
            if old.version != keep.version:
                store.remove(old)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", type=Path, default=Path(__file__).with_name("models"))
    args = parser.parse_args(argv)
    build(args.model_dir)


if __name__ == "__main__":
    main()
