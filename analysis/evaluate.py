"""Evaluation figures in the shape ``kokeilu evaluate --json`` prints (see design.md)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal

import numpy as np
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.preprocessing import MultiLabelBinarizer

from analysis.datasets import LabelledData

__all__ = ["cross_validate_model", "evaluate_model", "predict_labels", "score_predictions"]

Kind = Literal["themes", "sentiment"]


def predict_labels(kind: Kind, model: Any, texts: Sequence[str], *, top1: bool = False) -> list:
    """The model's labels for ``texts``: theme lists (empty = unclear) or sentiment labels.

    With ``top1``, a text with no theme above threshold gets its best-scoring theme instead
    (for single-label benchmarks).
    """
    if kind == "sentiment":
        return [str(label) for label in model.predict(list(texts))]
    scores = model.predict_scores(list(texts))
    themes = [[name for name, _ in row] for row in model.themes_from_scores(scores)]
    if top1:
        best = scores.argmax(axis=1)
        themes = [row or [str(model.classes_[best[i]])] for i, row in enumerate(themes)]
    return themes


def _as_sets(labels: Sequence[Any]) -> list[list[str]]:
    return [[label] if isinstance(label, str) else list(label) for label in labels]


def _macro_and_accuracy(
    truth: list[list[str]], predicted: list[list[str]], classes: list[str]
) -> tuple[float, float, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    binarizer = MultiLabelBinarizer(classes=classes)
    Y_true = binarizer.fit_transform(truth)
    Y_pred = binarizer.transform(predicted)
    precision, recall, f1, support = precision_recall_fscore_support(
        Y_true, Y_pred, average=None, zero_division=0
    )
    # Macro-F1 over the labels that occur in the truth or the predictions of these rows.
    present = (Y_true.sum(axis=0) + Y_pred.sum(axis=0)) > 0
    macro = float(f1[present].mean()) if present.any() else 0.0
    accuracy = float(np.mean([set(t) == set(p) for t, p in zip(truth, predicted, strict=True)]))
    return macro, accuracy, precision, recall, f1, support


def score_predictions(
    truth: Sequence[Any],
    predicted: Sequence[Any],
    *,
    langs: Sequence[str | None] | None = None,
    n_train: int = 0,
) -> dict[str, Any]:
    """Figures for predictions against the truth.

    Labels may be single strings (sentiment) or lists of labels (themes; an empty list is
    *unclear*). ``accuracy`` is subset accuracy: the predicted set equals the true one.

    Returns
    -------
    dict
        ``macro_f1``, ``accuracy``, ``n_train``, ``n_test``, ``per_label`` {label:
        {precision, recall, f1, support}} and ``per_language`` {lang: {macro_f1, accuracy,
        n}} (languages given in ``langs`` only).
    """
    truth_sets, predicted_sets = _as_sets(truth), _as_sets(predicted)
    classes = sorted({label for row in truth_sets + predicted_sets for label in row})
    macro, accuracy, precision, recall, f1, support = _macro_and_accuracy(
        truth_sets, predicted_sets, classes
    )
    result: dict[str, Any] = {
        "macro_f1": round(macro, 4),
        "accuracy": round(accuracy, 4),
        "n_train": int(n_train),
        "n_test": len(truth_sets),
        "per_label": {
            label: {
                "precision": round(float(precision[j]), 4),
                "recall": round(float(recall[j]), 4),
                "f1": round(float(f1[j]), 4),
                "support": int(support[j]),
            }
            for j, label in enumerate(classes)
        },
        "per_language": {},
    }
    if langs is not None:
        for lang in sorted({lang for lang in langs if lang}):
            rows = [i for i, value in enumerate(langs) if value == lang]
            part_truth = [truth_sets[i] for i in rows]
            part_pred = [predicted_sets[i] for i in rows]
            part_macro, part_accuracy, *_ = _macro_and_accuracy(part_truth, part_pred, classes)
            result["per_language"][lang] = {
                "macro_f1": round(part_macro, 4),
                "accuracy": round(part_accuracy, 4),
                "n": len(rows),
            }
    return result


def evaluate_model(
    kind: Kind, model: Any, data: LabelledData, *, n_train: int = 0, top1: bool = False
) -> dict[str, Any]:
    """Score a fitted theme or sentiment model on labelled data.

    Parameters
    ----------
    kind : {"themes", "sentiment"}
        What the model predicts.
    model : ThemeClassifier or SentimentClassifier
        A fitted model.
    data : LabelledData
        The test rows.
    n_train : int, default=0
        Rows the model was trained on, reported as is (0: the current model).
    top1 : bool, default=False
        Themes only: fall back to the best theme when none passes its threshold.

    Returns
    -------
    dict
        See :func:`score_predictions`.
    """
    predicted = predict_labels(kind, model, data.texts, top1=top1)
    return score_predictions(data.labels, predicted, langs=data.langs, n_train=n_train)


def cross_validate_model(
    kind: Kind,
    make_model: Callable[[], Any],
    data: LabelledData,
    *,
    n_splits: int = 5,
    random_state: int = 0,
    top1: bool = False,
    sample_weight: np.ndarray | None = None,
) -> dict[str, Any]:
    """Out-of-fold figures: each row is predicted by a model that did not see it.

    Folds are stratified by label (and language, when known) for sentiment. ``n_train`` is
    the mean number of training rows per fold.
    """
    n = len(data)
    if kind == "sentiment":
        strata = [f"{label}|{lang}" for label, lang in zip(data.labels, data.langs, strict=True)]
        splitter: Any = StratifiedKFold(n_splits, shuffle=True, random_state=random_state)
        splits = list(splitter.split(np.zeros(n), strata))
    else:
        splits = list(KFold(n_splits, shuffle=True, random_state=random_state).split(range(n)))
    predicted: list[Any] = [None] * n
    for train, test in splits:
        model = make_model()
        weights = None if sample_weight is None else sample_weight[train]
        model.fit([data.texts[i] for i in train], [data.labels[i] for i in train], weights)
        fold = predict_labels(kind, model, [data.texts[i] for i in test], top1=top1)
        for i, label in zip(test, fold, strict=True):
            predicted[i] = label
    n_train = round(float(np.mean([len(train) for train, _ in splits])))
    return score_predictions(data.labels, predicted, langs=data.langs, n_train=n_train)
