"""Benchmarks of the analysis package: quality against a TF-IDF + logistic regression
baseline, classification throughput and training time/memory.

    .venv/bin/python bench/bench_analysis.py [--data ../shared/data] [--quick]

Themes: SIB-200 (train on split=train, test on split=dev; fi, sv, en; 7 single labels; our
multi-label model falls back to its top theme when none passes its threshold). Sentiment: XED,
5-fold cross-validated, positive/negative (the main figure) and all three labels.

Default model vs VADER: the shipped default's recipe (``analysis.build_defaults``: XED +
seed, random_state 0) trained without its held-out 20 % (``training._holdout``, stratified by
label and language), scored on that slice's English rows against VADER (``vaderSentiment``,
a dev-only dependency; compound >= 0.05 positive, <= -0.05 negative, else neutral; for
positive/negative the sign of compound), and on its Finnish and Swedish rows.
"""

from __future__ import annotations

import argparse
import csv
import resource
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from analysis.datasets import read_labelled_csv
from analysis.evaluate import cross_validate_model, score_predictions
from analysis.pipeline import load_analyzer
from analysis.sentiment import SentimentClassifier
from analysis.themes import ThemeClassifier
from analysis.training import _holdout, seed_sentiment_data, train_sentiment

ROOT = Path(__file__).resolve().parents[1]


class Baseline:
    """Plain TfidfVectorizer + LogisticRegression, single label."""

    def __init__(self) -> None:
        self.model = make_pipeline(TfidfVectorizer(), LogisticRegression(max_iter=1000))

    def fit(self, texts, labels, sample_weight=None):
        self.model.fit(texts, [label if isinstance(label, str) else label[0] for label in labels])
        return self

    def predict(self, texts):
        return self.model.predict(texts)


def _line(name: str, result: dict) -> str:
    langs = " ".join(
        f"{lang} {v['macro_f1']:.3f}" for lang, v in sorted(result["per_language"].items())
    )
    return f"  {name:10s} macro-F1 {result['macro_f1']:.3f}  ({langs})"


def bench_themes(data_dir: Path) -> None:
    path = data_dir / "sib200" / "sib200_train_dev.csv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    train = [r for r in rows if r["split"] == "train"]
    test = [r for r in rows if r["split"] == "dev"]
    truth = [r["label"] for r in test]
    langs = [r["lang"] for r in test]
    texts = [r["text"] for r in test]
    print(f"themes: SIB-200 train {len(train)}, dev {len(test)}")
    start = time.perf_counter()
    ours = ThemeClassifier(random_state=0).fit(
        [r["text"] for r in train], [[r["label"]] for r in train]
    )
    fit_time = time.perf_counter() - start
    scores = ours.predict_scores(texts)
    themes = ours.themes_from_scores(scores)
    predicted = [
        [name for name, _ in row] or [str(ours.classes_[scores[i].argmax()])]
        for i, row in enumerate(themes)
    ]
    unclear = sum(not row for row in themes)
    ours_result = score_predictions(truth, predicted, langs=langs, n_train=len(train))
    base = Baseline().fit([r["text"] for r in train], [r["label"] for r in train])
    base_result = score_predictions(truth, list(base.predict(texts)), langs=langs)
    print(_line("ours", ours_result) + f"  fit {fit_time:.1f}s, {unclear} unclear before top-1")
    top1 = [str(ours.classes_[j]) for j in scores.argmax(axis=1)]
    print(_line("ours top-1", score_predictions(truth, top1, langs=langs)) + "  (best theme only)")
    print(_line("baseline", base_result))


def bench_sentiment(data_dir: Path, n_splits: int) -> None:
    data = read_labelled_csv(data_dir / "xed" / "xed_polarity.csv", "sentiment")
    polar = [i for i, label in enumerate(data.labels) if label != "neutral"]
    for name, part in (("pos/neg", data.subset(polar)), ("3-class", data)):
        print(f"sentiment: XED {name}, {len(part)} rows, {n_splits}-fold cross-validation")
        ours = cross_validate_model(
            "sentiment", lambda: SentimentClassifier(random_state=0), part, n_splits=n_splits
        )
        base = cross_validate_model("sentiment", Baseline, part, n_splits=n_splits)
        print(_line("ours", ours))
        print(_line("baseline", base))


def _vader_labels(texts: list[str], three_class: bool) -> list[str] | None:
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        return None
    vader = SentimentIntensityAnalyzer()
    compound = [vader.polarity_scores(text)["compound"] for text in texts]
    if not three_class:
        return ["positive" if c >= 0 else "negative" for c in compound]
    return ["positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral" for c in compound]


def bench_default_vs_vader() -> None:
    data = seed_sentiment_data()
    train, test = _holdout(data, "sentiment", 0)
    model, _ = train_sentiment(data.subset(train), random_state=0, evaluate=False)
    held = data.subset(test)
    print(
        f"sentiment: default recipe trained on {len(train)} rows, "
        f"held-out slice of {len(test)} (not trained on)"
    )
    proba = model.predict_proba(held.texts)
    classes = list(model.classes_)
    three = [str(c) for c in model.classes_[proba.argmax(axis=1)]]
    # Positive/negative: the rows labelled so, decided by the larger of the two.
    pos, neg = classes.index("positive"), classes.index("negative")
    for lang in ("en", "fi", "sv"):
        rows = [i for i, g in enumerate(held.langs) if g == lang]
        polar = [i for i in rows if held.labels[i] != "neutral"]
        for name, idx, ours in (
            (
                "pos/neg",
                polar,
                ["positive" if proba[i, pos] >= proba[i, neg] else "negative" for i in polar],
            ),
            ("3-class", rows, [three[i] for i in rows]),
        ):
            if name == "3-class" and len(polar) == len(rows):
                continue  # no neutral rows (sv)
            truth = [held.labels[i] for i in idx]
            line = f"  {lang} {name:8s} n={len(idx):5d}  default {_f1(truth, ours):.3f}"
            if lang == "en":
                vader = _vader_labels([held.texts[i] for i in idx], name == "3-class")
                line += (
                    "  VADER (not installed)"
                    if vader is None
                    else f"  VADER {_f1(truth, vader):.3f}"
                )
            print(line)


def _f1(truth: list[str], predicted: list[str]) -> float:
    return float(score_predictions(truth, predicted)["macro_f1"])


def bench_throughput(n: int = 20000) -> None:
    data = read_labelled_csv(ROOT / "analysis" / "data" / "xed_polarity.csv", "sentiment")
    texts = (data.texts * (n // len(data.texts) + 1))[:n]
    analyzer = load_analyzer()
    analyzer.analyze(texts[:200])  # warm up (language model, caches)
    start = time.perf_counter()
    analyzer.analyze(texts)
    elapsed = time.perf_counter() - start
    mean = np.mean([len(t) for t in texts])
    print(f"throughput: themes + sentiment + language, {n} texts (mean {mean:.0f} chars)")
    print(f"  {n / elapsed:,.0f} texts/s on one core")
    for path in sorted((ROOT / "analysis" / "models").glob("*.skops")):
        print(f"  model file {path.name}: {path.stat().st_size / 1e6:.2f} MB")


def bench_training(n: int = 100_000) -> None:
    data = read_labelled_csv(ROOT / "analysis" / "data" / "xed_polarity.csv", "sentiment")
    reps = n // len(data) + 1
    rng = np.random.RandomState(0)
    # Distinct texts: append a random token so the hashing sees n different documents.
    texts = [f"{t} {rng.randint(1e6)}" for t in (data.texts * reps)[:n]]
    labels = (data.labels * reps)[:n]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for name, model, y in (
        ("sentiment", SentimentClassifier(random_state=0), labels),
        ("themes", ThemeClassifier(random_state=0), [[label] for label in labels]),
    ):
        start = time.perf_counter()
        model.fit(texts, y)
        elapsed = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"training: {name} on {n:,} texts in {elapsed:.1f}s "
            f"(peak RSS {peak:.0f} MB, {before:.0f} MB before; batch_size {model.batch_size})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--skip-training", action="store_true")
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"no data directory {args.data}")
    bench_themes(args.data)
    bench_sentiment(args.data, args.folds)
    bench_default_vs_vader()
    bench_throughput()
    if not args.skip_training:
        bench_training()


if __name__ == "__main__":
    main()
