"""Multi-label theme classification of feedback texts."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.utils import Tags
from sklearn.utils.validation import check_is_fitted

from analysis.linear import LinearTextClassifier

__all__ = ["ThemeClassifier"]


class ThemeClassifier(LinearTextClassifier):
    """Assign zero or more themes, with calibrated scores, to each text.

    Texts become hashed word and character n-grams (sublinear tf-idf, L2-normalised); one
    linear model per theme is trained with SGD in mini-batches, so memory stays flat however
    many texts there are. Each theme's scores are calibrated into probabilities by Platt
    scaling on out-of-fold scores, and each theme gets its own threshold, tuned for F1 on the
    same out-of-fold probabilities. A text with no theme above its threshold is *unclear*.

    Parameters
    ----------
    vectorizer : {"hashing", "passthrough"}, default="hashing"
        ``"hashing"``: X is a sequence of str. ``"passthrough"``: X is already a numeric
        feature matrix (used to test the estimator on generic data).
    word_ngram_range : tuple of int, default=(1, 2)
        Word n-grams hashed into the features.
    char_ngram_range : tuple of int, default=(2, 5)
        Character n-grams within word boundaries hashed into the features.
    n_features : int, default=2**18
        Number of hashed feature columns.
    use_idf : bool, default=True
        Weigh features by inverse document frequency learnt in ``fit``.
    loss : {"modified_huber", "log_loss", "hinge", "squared_hinge"}, default="log_loss"
        SGD loss of each theme's linear model.
    alpha : float, default=2e-5
        L2 regularisation strength.
    average : bool, default=False
        Use averaged SGD.
    max_iter : int or None, default=None
        Epochs over the data; None picks about 100,000 updates in all, within 2 to 15 epochs.
    class_weight : "balanced", dict or None, default=None
        Up-weight each theme's positive examples: in inverse proportion to their frequency
        ("balanced") or by ``{theme: weight}``.
    cv : int, default=3
        Folds for the out-of-fold scores that calibration and thresholds are fitted on.
    min_threshold : float, default=0.25
        Lower bound of every theme's threshold.
    batch_size : int, default=20000
        Texts hashed at a time; training and prediction memory depend on it, not on the data.
    random_state : int, RandomState instance or None, default=None
        Seeds SGD and the folds.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The theme keys (or class labels when fitted on single labels).
    mode_ : {"multilabel", "multiclass", "binary"}
        The kind of target ``fit`` saw.
    coef_ : scipy.sparse.csc_matrix of shape (n_models, n_features)
        Linear weights, float32, one row per theme (one row in all for binary targets).
    intercept_ : ndarray of shape (n_models,)
        Linear intercepts.
    slopes_, offsets_ : ndarray of shape (n_models,)
        Platt scaling: probability = sigmoid(slope * score + offset).
    thresholds_ : ndarray of shape (n_models,)
        Per-theme probability thresholds.
    idf_ : ndarray of shape (n_features,)
        Inverse document frequencies (text input with ``use_idf`` only).
    n_iter_ : int
        Epochs the final model was trained for.
    n_features_in_ : int
        Number of input features (``vectorizer="passthrough"`` only).

    Examples
    --------
    >>> texts = ["the bus was late again", "waited an hour for the bus",
    ...          "the app crashed", "app keeps crashing"] * 3
    >>> model = ThemeClassifier(random_state=0).fit(texts, [["speed"], ["speed"],
    ...     ["bugs"], ["bugs"]] * 3)
    >>> model.predict_themes(["the app crashed again"])[0][0][0]
    'bugs'
    """

    _multilabel = True

    def __init__(
        self,
        *,
        vectorizer: str = "hashing",
        word_ngram_range: tuple[int, int] = (1, 2),
        char_ngram_range: tuple[int, int] = (2, 5),
        n_features: int = 2**18,
        use_idf: bool = True,
        loss: str = "log_loss",
        alpha: float = 2e-5,
        average: bool = False,
        max_iter: int | None = None,
        class_weight: str | dict | None = None,
        cv: int = 3,
        min_threshold: float = 0.25,
        batch_size: int = 20000,
        random_state: Any = None,
    ) -> None:
        self.vectorizer = vectorizer
        self.word_ngram_range = word_ngram_range
        self.char_ngram_range = char_ngram_range
        self.n_features = n_features
        self.use_idf = use_idf
        self.loss = loss
        self.alpha = alpha
        self.average = average
        self.max_iter = max_iter
        self.class_weight = class_weight
        self.cv = cv
        self.min_threshold = min_threshold
        self.batch_size = batch_size
        self.random_state = random_state

    def predict_scores(self, X: Any) -> np.ndarray:
        """Calibrated probability of every theme, each on its own.

        Parameters
        ----------
        X : sequence of str
            Texts.

        Returns
        -------
        ndarray of shape (n_samples, n_classes)
            Column ``j`` is the probability that theme ``classes_[j]`` applies.
        """
        return self._scores_from_logits(self._logits(X))

    def _scores_from_logits(self, logits: np.ndarray) -> np.ndarray:
        proba = self._label_proba(logits)
        if self.mode_ == "binary":
            return np.column_stack([1 - proba[:, 0], proba[:, 0]])
        return proba

    def _thresholds(self) -> np.ndarray:
        if self.mode_ == "binary":
            return np.array([1 - self.thresholds_[0], self.thresholds_[0]])
        return self.thresholds_

    def themes_from_scores(self, scores: np.ndarray) -> list[list[tuple[str, float]]]:
        """Themes above their thresholds, best first, from :meth:`predict_scores` output.

        Parameters
        ----------
        scores : ndarray of shape (n_samples, n_classes)
            Per-theme probabilities.

        Returns
        -------
        list of list of (str, float)
            Per text, ``(theme, probability)`` pairs sorted by probability, highest first;
            an empty list means *unclear*.
        """
        check_is_fitted(self)
        thresholds = self._thresholds()
        names = [str(c) for c in self.classes_]
        result = []
        for row in scores:
            above = np.flatnonzero(row >= thresholds)
            ordered = above[np.argsort(-row[above], kind="stable")]
            result.append([(names[j], round(float(row[j]), 4)) for j in ordered])
        return result

    def predict_themes(self, X: Any) -> list[list[tuple[str, float]]]:
        """Themes above their thresholds for each text, best first.

        Parameters
        ----------
        X : sequence of str
            Texts.

        Returns
        -------
        list of list of (str, float)
            Per text, ``(theme, probability)`` pairs sorted by probability, highest first;
            an empty list means *unclear*.
        """
        return self.themes_from_scores(self.predict_scores(X))

    def __sklearn_tags__(self) -> Tags:
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_label = True
        return tags
