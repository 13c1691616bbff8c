"""The linear text model behind theme and sentiment classification.

Texts become hashed word and character n-grams (sublinear tf, idf, L2), which a subclass may
follow with a few dense columns of its own (sentiment's polarity cues); one linear model per
label is trained with SGD in mini-batches (memory does not grow with the data), and each
label's scores are calibrated into probabilities (Platt scaling on out-of-fold scores).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.preprocessing import MultiLabelBinarizer
from sklearn.utils import Tags, check_random_state
from sklearn.utils.multiclass import check_classification_targets, type_of_target
from sklearn.utils.validation import (
    _check_sample_weight,
    check_array,
    check_is_fitted,
    column_or_1d,
    validate_data,
)

from analysis.features import hash_ngrams

__all__ = ["LinearTextClassifier", "check_texts"]

# Training epochs when max_iter is None: about this many SGD updates in all, within bounds.
_AUTO_UPDATES = 100_000
_AUTO_EPOCHS = (2, 15)
_MAX_THRESHOLD = 0.9


def check_texts(X: Any) -> list[str]:
    """Return ``X`` as a list of str, or raise if it is not a one-dimensional sequence of str."""
    if isinstance(X, str | bytes):
        raise TypeError("X must be a sequence of texts, not a single string")
    if isinstance(X, np.ndarray) and X.ndim != 1:
        raise ValueError(f"X must be one-dimensional (one text per sample), got shape {X.shape}")
    if not isinstance(X, Iterable):
        raise TypeError(f"X must be a sequence of texts, got {type(X).__name__}")
    texts = list(X)
    for text in texts:
        if not isinstance(text, str):
            raise TypeError(f"every sample must be a str, got {type(text).__name__}")
    return texts


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))


class LinearTextClassifier(ClassifierMixin, BaseEstimator):
    """Shared machinery of :class:`~analysis.themes.ThemeClassifier` and
    :class:`~analysis.sentiment.SentimentClassifier`; not meant to be used directly.

    Subclasses declare the parameters in their ``__init__``; see those classes for them.
    """

    _multilabel = False

    def __setstate__(self, state: dict[str, Any]) -> None:
        super().__setstate__(state)
        # Model files written before ``coef_`` was kept by column: convert once, here.
        coef: Any = self.__dict__.get("coef_")
        if sp.issparse(coef) and coef.format == "csr":
            self.coef_ = coef.tocsc()

    # --- inputs ---------------------------------------------------------------------------

    def _text_mode(self) -> bool:
        if self.vectorizer not in ("hashing", "passthrough"):
            raise ValueError(
                f"vectorizer must be 'hashing' or 'passthrough', got {self.vectorizer!r}"
            )
        return self.vectorizer == "hashing"

    def _validate_X(self, X: Any, *, reset: bool) -> Any:
        if self._text_mode():
            return check_texts(X)
        return validate_data(self, X, accept_sparse="csr", reset=reset)

    def _counts(self, texts: Sequence[str]) -> sp.csr_matrix:
        return hash_ngrams(
            texts,
            word_ngram_range=tuple(self.word_ngram_range),
            char_ngram_range=tuple(self.char_ngram_range),
            n_features=self.n_features,
        )

    def _weigh(self, counts: sp.csr_matrix, idf: np.ndarray | None) -> sp.csr_matrix:
        """Sublinear tf, idf and L2 normalisation of raw counts (in place)."""
        np.log1p(counts.data, out=counts.data)
        if idf is not None:
            counts.data *= idf[counts.indices]
        if counts.nnz:
            lengths = np.diff(counts.indptr)
            rows = np.repeat(np.arange(counts.shape[0]), lengths)
            norms = np.sqrt(np.bincount(rows, weights=counts.data**2, minlength=len(lengths)))
            counts.data /= norms[rows]
        return counts

    def _features(
        self,
        X: Any,
        rows: np.ndarray | None = None,
        idf: Any = "fitted",
        dense: np.ndarray | None = None,
    ) -> Any:
        """Features of ``X`` (of its ``rows``); ``dense``: the dense columns of all of ``X``,
        when already computed."""
        if isinstance(idf, str):  # "fitted": the idf learnt by fit
            idf = getattr(self, "idf_", None)
        if not self._text_mode():
            return X if rows is None else X[rows]
        texts = X if rows is None else [X[i] for i in rows]
        if dense is not None and rows is not None:
            dense = dense[rows]
        return self._features_from_counts(self._counts(texts), idf, texts, dense)

    def _uses_bias(self) -> bool:
        # Models saved before the parameter existed always had the column.
        return bool(getattr(self, "bias_feature", True))

    def _n_dense(self) -> int:
        """Number of dense columns that :meth:`_dense_features` appends (text input only)."""
        return 0

    def _dense_features(self, texts: Sequence[str]) -> np.ndarray:
        """Dense columns appended to the hashed features of ``texts``: none here."""
        return np.zeros((len(texts), 0))

    def _all_dense_features(self, X: Any) -> np.ndarray | None:
        """The dense columns of every text, once for all of fit's epochs and folds (a few
        numbers per text), or None without any."""
        if not self._text_mode() or not self._n_dense():
            return None
        parts = [self._dense_features([X[i] for i in rows]) for rows in self._batches(len(X))]
        return np.vstack(parts)

    def _n_columns(self) -> int:
        """Width of the features, and of ``coef_``."""
        if not self._text_mode():
            return int(self.n_features_in_)
        return self.n_features + self._n_dense() + (1 if self._uses_bias() else 0)

    def _features_from_counts(
        self,
        counts: sp.csr_matrix,
        idf: Any = "fitted",
        texts: Sequence[str] | None = None,
        dense: np.ndarray | None = None,
    ) -> sp.csr_matrix:
        """Weighed features of hashed counts (in place), then the dense columns (``dense``,
        else computed from ``texts``; one of them is needed when the model has any) and the
        constant column, if used.

        The constant column helps where SGD damps the intercept on sparse data: without it
        the base rate leaks into common n-grams and a text of unseen n-grams (gibberish)
        scores like a typical positive instead of at the base rate."""
        if isinstance(idf, str):
            idf = getattr(self, "idf_", None)
        features = self._weigh(counts, idf)
        columns = []
        if self._n_dense():
            if dense is None:
                if texts is None:
                    raise ValueError(f"{type(self).__name__} needs the texts for its features")
                dense = self._dense_features(texts)
            columns.append(dense)
        if self._uses_bias():
            columns.append(np.ones((features.shape[0], 1)))
        return _append_columns(features, np.hstack(columns)) if columns else features

    def _batches(self, n: int) -> list[np.ndarray]:
        size = max(1, int(self.batch_size))
        return [np.arange(start, min(n, start + size)) for start in range(0, n, size)]

    def _uses_nb(self) -> bool:
        return bool(getattr(self, "nb_scaling", False)) and self._text_mode()

    def _fit_statistics(
        self, X: list[str], Y: np.ndarray, sample_weight: np.ndarray, fold_of: np.ndarray
    ) -> tuple[np.ndarray | None, np.ndarray | None]:
        """One pass over the texts: the idf, and per fold the weighted document frequencies
        of each n-gram among each model's positive and negative rows (for NB scaling).

        ``fold_of[i]`` is the calibration fold whose test part holds row ``i`` (0 without
        folds). Returns ``idf`` (or None) and sums of shape (n_folds, 2, n_models, n_features).
        """
        targets = (Y[:, 1:2] if self.mode_ == "binary" else Y).astype(np.float64)
        n_folds = int(fold_of.max()) + 1
        nb = self._uses_nb()
        sums = (
            np.zeros((n_folds, 2, targets.shape[1], self.n_features), dtype=np.float64)
            if nb
            else None
        )
        df = np.zeros(self.n_features, dtype=np.int64)
        for rows in self._batches(len(X)):
            counts = self._counts([X[i] for i in rows])
            df += np.bincount(counts.indices, minlength=self.n_features)
            if sums is None:
                continue
            counts.data[:] = 1.0  # presence, not counts
            weighted = targets[rows] * sample_weight[rows, None]
            unweighted = (1 - targets[rows]) * sample_weight[rows, None]
            for fold in range(n_folds):
                mask = fold_of[rows] == fold
                if not mask.any():
                    continue
                part = counts[mask].T
                sums[fold, 0] += (part @ unweighted[mask]).T
                sums[fold, 1] += (part @ weighted[mask]).T
        idf = (np.log((1 + len(X)) / (1 + df)) + 1).astype(np.float32) if self.use_idf else None
        return idf, sums

    def _nb_ratios(self, sums: np.ndarray | None, fold: int | None) -> np.ndarray | None:
        """Log-count ratios per model and n-gram (Wang & Manning's NB features), from the
        training rows of ``fold`` (all rows when None); 1 for the dense and constant columns."""
        if sums is None:
            return None
        total = sums.sum(axis=0) - (sums[fold] if fold is not None else 0.0)
        smoothed = total + float(self.nb_alpha)
        smoothed /= smoothed.sum(axis=2, keepdims=True)
        ratios = np.log(smoothed[1] / smoothed[0]).astype(np.float32)
        extra = self._n_columns() - self.n_features
        if extra:
            ratios = np.hstack([ratios, np.ones((len(ratios), extra), dtype=np.float32)])
        return ratios

    # --- targets --------------------------------------------------------------------------

    def _encode_targets(self, y: Any) -> tuple[np.ndarray, np.ndarray, str]:
        """Indicator matrix, classes and the mode: binary, multiclass or multilabel."""
        if self._multilabel and _is_label_lists(y):
            binarizer = MultiLabelBinarizer()
            Y = binarizer.fit_transform([list(labels) for labels in y])
            return Y.astype(np.int8), binarizer.classes_, "multilabel"
        if self._multilabel and (sp.issparse(y) or np.asarray(y).ndim == 2):
            Y = y.toarray() if sp.issparse(y) else np.asarray(y)
            if Y.shape[1] > 1 or type_of_target(Y) == "multilabel-indicator":
                check_classification_targets(Y)
                return Y.astype(np.int8), np.arange(Y.shape[1]), "multilabel"
        y = check_array(y, ensure_2d=False, dtype=None, input_name="y")
        if y.ndim == 2 and y.shape[1] == 1:
            y = column_or_1d(y, warn=True)
        check_classification_targets(y)
        classes, encoded = np.unique(y, return_inverse=True)
        if len(classes) < 2:
            raise ValueError(
                f"Classifier can't train when only one class is present: {classes.tolist()}"
            )
        Y = np.eye(len(classes), dtype=np.int8)[encoded]
        return Y, classes, "binary" if len(classes) == 2 else "multiclass"

    def _sample_weight(self, Y: np.ndarray, sample_weight: np.ndarray, column: int) -> np.ndarray:
        if self.class_weight is None:
            return sample_weight
        if isinstance(self.class_weight, dict):
            per_class = np.array([self.class_weight.get(c, 1.0) for c in self.classes_])
            if self.mode_ == "multilabel":
                positive = Y[:, column].astype(bool)
                return sample_weight * np.where(positive, per_class[column], 1.0)
            return sample_weight * per_class[Y.argmax(axis=1)]
        if self.class_weight != "balanced":
            raise ValueError(
                f"class_weight must be None, 'balanced' or a dict, got {self.class_weight!r}"
            )
        if self.mode_ == "multilabel":
            positive = Y[:, column].astype(bool)
            n_pos = max(positive.sum(), 1)
            return sample_weight * np.where(positive, len(positive) / (2 * n_pos), 1.0)
        counts = Y.sum(axis=0)
        per_class = len(Y) / (Y.shape[1] * np.maximum(counts, 1))
        return sample_weight * per_class[Y.argmax(axis=1)]

    # --- training -------------------------------------------------------------------------

    def _epochs(self, n: int) -> int:
        if self.max_iter is not None:
            return int(self.max_iter)
        low, high = _AUTO_EPOCHS
        return int(np.clip(np.ceil(_AUTO_UPDATES / max(n, 1)), low, high))

    def _fit_linear(
        self,
        X: Any,
        rows: np.ndarray,
        Y: np.ndarray,
        sample_weight: np.ndarray,
        idf: np.ndarray | None,
        seed: int,
        ratios: np.ndarray | None = None,
        dense: np.ndarray | None = None,
    ) -> tuple[sp.csc_matrix, np.ndarray]:
        """One binary SGD model per column of ``Y`` over ``rows``: (coef, intercept).

        With NB ``ratios`` (one row per model), model ``k`` learns on the features scaled by
        ``ratios[k]``; its returned weights are folded back (``w * ratios[k]``), so scoring
        needs the plain features only."""
        n_columns = 1 if self.mode_ == "binary" else Y.shape[1]
        targets = Y[:, 1:2] if self.mode_ == "binary" else Y
        models: list[SGDClassifier | None] = []
        constant = np.zeros(n_columns)
        for k in range(n_columns):
            column = targets[rows, k]
            if column.min() == column.max():  # no positive (or no negative): a constant
                models.append(None)
                constant[k] = 10.0 if column[0] else -10.0
            else:
                models.append(
                    SGDClassifier(
                        loss=self.loss,
                        alpha=self.alpha,
                        random_state=seed + k,
                        average=self.average,
                    )
                )
        weights = [
            self._sample_weight(Y[rows], sample_weight[rows], k if self.mode_ != "binary" else 1)
            for k in range(n_columns)
        ]
        batches = self._batches(len(rows))
        epochs = self._epochs(len(rows))
        if len(batches) == 1:  # all in memory: SGD's own epochs (partial_fit costs more)
            features = self._features(X, rows, idf, dense)
            for k, model in enumerate(models):
                if model is not None:
                    model.set_params(max_iter=epochs, tol=None)
                    model.fit(
                        _scaled(features, ratios, k), targets[rows, k], sample_weight=weights[k]
                    )
        else:  # stream: hash one batch at a time, so memory stays flat
            rng = np.random.RandomState(seed)
            for _ in range(epochs):
                for batch in [batches[i] for i in rng.permutation(len(batches))]:
                    features = self._features(X, rows[batch], idf, dense)
                    for k, model in enumerate(models):
                        if model is not None:
                            model.partial_fit(
                                _scaled(features, ratios, k),
                                targets[rows[batch], k],
                                classes=np.array([0, 1], dtype=np.int8),
                                sample_weight=weights[k][batch],
                            )
        coef = sp.lil_matrix((n_columns, self._n_columns()), dtype=np.float32)
        intercept = constant.copy()
        for k, model in enumerate(models):
            if model is not None:
                weights_k = model.coef_[0] if ratios is None else model.coef_[0] * ratios[k]
                coef[k] = weights_k.astype(np.float32)
                intercept[k] = model.intercept_[0]
        # By column: ``coef.T`` is then a CSR matrix as it is, and ``features @ coef.T``
        # multiplies without converting the whole model first (~2 ms a call, profiled).
        return coef.tocsc(), intercept

    def _raw_scores(self, features: Any, coef: sp.csc_matrix, intercept: np.ndarray) -> np.ndarray:
        # In the weights' own precision: with float64 features scipy converted all of the
        # float32 weights to float64 on every call (~0.3 ms a product, profiled).
        scores = features.astype(coef.dtype, copy=False) @ coef.T
        scores = scores.toarray() if sp.issparse(scores) else np.asarray(scores)
        return scores + intercept

    def _folds(self, Y: np.ndarray, n: int) -> list[tuple[np.ndarray, np.ndarray]]:
        """Out-of-fold splits for calibration; none when the data is too small for them."""
        if not self.cv or self.cv < 2:
            return []
        if self.mode_ == "multilabel":
            n_splits = min(int(self.cv), n // 2)
        else:
            n_splits = min(int(self.cv), int(Y.sum(axis=0).min()))
        if n_splits < 2:
            return []
        seed = check_random_state(self.random_state).randint(np.iinfo(np.int32).max)
        if self.mode_ == "multilabel":
            splitter: KFold = KFold(n_splits, shuffle=True, random_state=seed)
            return list(splitter.split(np.zeros(n)))
        stratified = StratifiedKFold(n_splits, shuffle=True, random_state=seed)
        return list(stratified.split(np.zeros(n), Y.argmax(axis=1)))

    def _calibrate(self, scores: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Platt scaling per column: p = sigmoid(a * score + b)."""
        targets = Y[:, 1:2] if self.mode_ == "binary" else Y
        slopes = np.ones(scores.shape[1])
        offsets = np.zeros(scores.shape[1])
        for k in range(scores.shape[1]):
            if targets[:, k].min() == targets[:, k].max():
                continue
            platt = LogisticRegression(C=100.0)
            platt.fit(scores[:, k : k + 1], targets[:, k])
            slopes[k] = max(platt.coef_[0, 0], 1e-3)  # keep the score's direction
            offsets[k] = platt.intercept_[0]
        return slopes, offsets

    def _tune_thresholds(self, proba: np.ndarray, Y: np.ndarray) -> np.ndarray:
        """Per column, the probability cut-off with the best out-of-fold F1."""
        targets = Y[:, 1:2] if self.mode_ == "binary" else Y
        thresholds = np.full(proba.shape[1], 0.5)
        for k in range(proba.shape[1]):
            truth = targets[:, k].astype(bool)
            if not truth.any():
                continue
            order = np.argsort(-proba[:, k], kind="stable")
            tp = np.cumsum(truth[order])
            predicted = np.arange(1, len(order) + 1)
            f1 = 2 * tp / (predicted + truth.sum())
            best = int(np.argmax(f1))
            cut = proba[order[best], k]
            below = proba[order[best + 1], k] if best + 1 < len(order) else 0.0
            thresholds[k] = (cut + below) / 2
        return np.clip(thresholds, self.min_threshold, _MAX_THRESHOLD)

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> LinearTextClassifier:
        """Fit the model.

        Parameters
        ----------
        X : sequence of str, or array-like of shape (n_samples, n_features)
            Texts, or numeric features when ``vectorizer="passthrough"``.
        y : array-like of shape (n_samples,), list of label lists, or indicator matrix
            Targets.
        sample_weight : array-like of shape (n_samples,), default=None
            Per-sample weights (e.g. lower for weak labels).

        Returns
        -------
        self : object
            The fitted estimator.
        """
        if y is None:
            raise ValueError(
                f"{type(self).__name__} requires y to be passed, but the target y is None"
            )
        X = self._validate_X(X, reset=True)
        n = len(X) if isinstance(X, list) else X.shape[0]
        Y, classes, mode = self._encode_targets(y)
        if len(Y) != n:
            raise ValueError(f"X has {n} samples but y has {len(Y)}")
        if n < 2:
            raise ValueError(f"n_samples = {n}: at least 2 samples are needed")
        self.classes_ = classes
        self.mode_ = mode
        sample_weight = _check_sample_weight(sample_weight, np.zeros((n, 1)), dtype=np.float64)
        if self.loss not in ("log_loss", "modified_huber", "hinge", "squared_hinge"):
            raise ValueError(f"unsupported loss {self.loss!r}")
        rng = check_random_state(self.random_state)
        seed = int(rng.randint(np.iinfo(np.int32).max - 1000))
        if self._text_mode():
            if not isinstance(self.n_features, int | np.integer) or self.n_features < 1:
                raise ValueError(f"n_features must be a positive int, got {self.n_features!r}")
        folds = self._folds(Y, n)
        fold_of = np.zeros(n, dtype=np.int64)
        for fold, (_, test) in enumerate(folds):
            fold_of[test] = fold
        idf, sums = (
            self._fit_statistics(X, Y, sample_weight, fold_of)
            if self._text_mode()
            else (None, None)
        )
        dense = self._all_dense_features(X)
        if folds:
            oof = np.zeros((n, 1 if mode == "binary" else Y.shape[1]))
            for fold, (train, test) in enumerate(folds):
                ratios = self._nb_ratios(sums, fold)
                coef, intercept = self._fit_linear(
                    X, train, Y, sample_weight, idf, seed + fold, ratios, dense
                )
                oof[test] = self._scores_in_batches(X, test, coef, intercept, idf, dense)
        coef, intercept = self._fit_linear(
            X, np.arange(n), Y, sample_weight, idf, seed + 100, self._nb_ratios(sums, None), dense
        )
        if not folds:  # too little data to hold any out: calibrate on the training scores
            oof = self._scores_in_batches(X, np.arange(n), coef, intercept, idf, dense)
        self.slopes_, self.offsets_ = self._calibrate(oof, Y)
        self.thresholds_ = self._tune_thresholds(_sigmoid(oof * self.slopes_ + self.offsets_), Y)
        self.coef_ = coef
        self.intercept_ = intercept
        self.n_iter_ = self._epochs(n)
        if idf is not None:
            self.idf_ = idf
        return self

    def _scores_in_batches(
        self,
        X: Any,
        rows: np.ndarray,
        coef: sp.csc_matrix,
        intercept: np.ndarray,
        idf: np.ndarray | None,
        dense: np.ndarray | None = None,
    ) -> np.ndarray:
        parts = [
            self._raw_scores(self._features(X, rows[batch], idf, dense), coef, intercept)
            for batch in self._batches(len(rows))
        ]
        return np.vstack(parts) if parts else np.zeros((0, coef.shape[0]))

    # --- prediction -----------------------------------------------------------------------

    def _logits_from_features(self, features: Any) -> np.ndarray:
        weights = _dense_weights(self.coef_)
        scores = np.asarray(features.astype(np.float64, copy=False) @ weights)
        return (scores + self.intercept_) * self.slopes_ + self.offsets_

    def _logits(self, X: Any) -> np.ndarray:
        check_is_fitted(self)
        X = self._validate_X(X, reset=False)
        n = len(X) if isinstance(X, list) else X.shape[0]
        parts = [self._logits_from_features(self._features(X, rows)) for rows in self._batches(n)]
        return np.vstack(parts) if parts else np.zeros((0, self.coef_.shape[0]))

    def _label_proba(self, logits: np.ndarray) -> np.ndarray:
        """Independent per-label probabilities (binary: of the positive class only)."""
        return _sigmoid(logits)

    def _proba_from_logits(self, logits: np.ndarray) -> np.ndarray:
        proba = _sigmoid(logits)
        if self.mode_ == "binary":
            return np.column_stack([1 - proba[:, 0], proba[:, 0]])
        if self.mode_ == "multiclass":
            return proba / proba.sum(axis=1, keepdims=True)
        return proba

    def decision_function(self, X: Any) -> np.ndarray:
        """Calibrated log-odds of each class.

        Parameters
        ----------
        X : sequence of str, or array-like of shape (n_samples, n_features)
            Texts, or numeric features when ``vectorizer="passthrough"``.

        Returns
        -------
        ndarray of shape (n_samples,) for binary targets, else (n_samples, n_classes)
            Log-odds; positive means the class is more likely than not on its own.
        """
        logits = self._logits(X)
        return logits[:, 0] if self.mode_ == "binary" else logits

    def predict_proba(self, X: Any) -> np.ndarray:
        """Calibrated class probabilities.

        Parameters
        ----------
        X : sequence of str, or array-like of shape (n_samples, n_features)
            Texts, or numeric features when ``vectorizer="passthrough"``.

        Returns
        -------
        ndarray of shape (n_samples, n_classes)
            Rows sum to one for single-label targets; for multi-label targets each column is
            the independent probability of that label.
        """
        return self._proba_from_logits(self._logits(X))

    def predict(self, X: Any) -> np.ndarray:
        """Predict labels.

        Parameters
        ----------
        X : sequence of str, or array-like of shape (n_samples, n_features)
            Texts, or numeric features when ``vectorizer="passthrough"``.

        Returns
        -------
        ndarray
            The most probable class per sample for single-label targets; for multi-label
            targets an indicator matrix of the labels above their thresholds.
        """
        logits = self._logits(X)
        if self.mode_ == "multilabel":
            return (_sigmoid(logits) >= self.thresholds_).astype(np.int64)
        if self.mode_ == "binary":
            return self.classes_[(logits[:, 0] > 0).astype(int)]
        return self.classes_[np.argmax(logits, axis=1)]

    def __sklearn_tags__(self) -> Tags:
        tags = super().__sklearn_tags__()
        if self.vectorizer == "passthrough":
            tags.input_tags.sparse = True
        else:
            tags.input_tags.two_d_array = False
            tags.input_tags.one_d_array = True
            tags.input_tags.string = True
        return tags


_DENSE_WEIGHTS: dict[int, np.ndarray] = {}


def _dense_weights(coef: sp.csc_matrix) -> np.ndarray:
    """``coef.T`` as a dense (n_features, n_classes) array, made once per weight matrix.

    Predicting multiplies by it: a few microseconds a call, where the sparse product spent
    60-120 us in scipy's bookkeeping (profiled), for the same scores. Kept here, not on the
    estimator (its state stays what was fitted or loaded), and dropped with the weights.
    """
    key = id(coef)
    weights = _DENSE_WEIGHTS.get(key)
    if weights is None:
        # float64, whatever the weights' own precision: a float32 product of dense rows
        # rounds differently with the number of rows (BLAS kernels), so a text would score
        # differently alone than in a batch (scikit-learn's check_methods_subset_invariance).
        weights = np.ascontiguousarray(coef.T.toarray(), dtype=np.float64)
        _DENSE_WEIGHTS[key] = weights
        weakref.finalize(coef, _DENSE_WEIGHTS.pop, key, None)
    return weights


def _append_columns(features: sp.csr_matrix, dense: np.ndarray) -> sp.csr_matrix:
    """``features`` with the columns of ``dense`` (one row per row of it) appended."""
    n, width = features.shape
    extra = dense.shape[1]
    lengths = np.diff(features.indptr)
    indptr = np.concatenate([[0], np.cumsum(lengths + extra)])
    indices = np.empty(indptr[-1], dtype=features.indices.dtype)
    data = np.empty(indptr[-1], dtype=features.data.dtype)
    mask = np.ones(len(indices), dtype=bool)
    tail = indptr[1:, None] - extra + np.arange(extra)  # positions of the appended values
    mask[tail.ravel()] = False
    indices[mask] = features.indices
    data[mask] = features.data
    indices[tail.ravel()] = np.tile(np.arange(width, width + extra), n)
    data[tail.ravel()] = dense.ravel()
    return sp.csr_matrix((data, indices, indptr), shape=(n, width + extra))


def _scaled(features: Any, ratios: np.ndarray | None, k: int) -> Any:
    """``features`` with each column scaled by ``ratios[k]`` (a copy), or as they are."""
    if ratios is None:
        return features
    scaled = features.copy()
    scaled.data *= ratios[k][scaled.indices]
    return scaled


def _is_label_lists(y: Any) -> bool:
    """Whether ``y`` is a sequence of label collections (multi-label), not of labels."""
    if isinstance(y, np.ndarray) and y.dtype != object:
        return False
    if sp.issparse(y):
        return False
    items = list(y) if isinstance(y, Sequence | np.ndarray) else []
    if not items or not all(isinstance(item, list | tuple | set | frozenset) for item in items):
        return False
    # Rows of 0/1 of one length are an indicator matrix written as lists, as in scikit-learn.
    width = {len(item) for item in items}
    binary = all(isinstance(v, int | np.integer) and v in (0, 1) for item in items for v in item)
    return not (len(width) == 1 and binary)
