"""Sentiment (positive / neutral / negative) of feedback texts in fi, sv and en."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from analysis.lexicon import CUE_NAMES, polarity_cues
from analysis.linear import LinearTextClassifier

__all__ = ["SENTIMENT_LABELS", "SentimentClassifier", "rating_to_sentiment"]

SENTIMENT_LABELS = ("negative", "neutral", "positive")


def rating_to_sentiment(rating: int) -> str:
    """The weak sentiment label of a 1-5 rating: 4-5 positive, 3 neutral, 1-2 negative."""
    if not 1 <= rating <= 5:
        raise ValueError(f"rating must be 1-5, got {rating}")
    return "positive" if rating >= 4 else "neutral" if rating == 3 else "negative"


class SentimentClassifier(LinearTextClassifier):
    """Classify texts as positive, neutral or negative, with calibrated probabilities.

    The same model as :class:`~analysis.themes.ThemeClassifier` on single labels: hashed word
    and character n-grams, one linear SGD model per class on naive-Bayes-scaled features
    (NBSVM), Platt-calibrated on out-of-fold scores and normalised across classes. Five dense
    polarity cues follow the n-grams (:func:`analysis.lexicon.polarity_cues`: a VADER-style
    lexicon score split into its positive and negative part, with negation, and whether the
    text has "!", "?" or "..."), so words the training data lacks still count. Works with any
    class labels; :meth:`polarity` needs ``"positive"`` and ``"negative"`` among them.

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
    loss : {"log_loss", "modified_huber", "hinge", "squared_hinge"}, default="log_loss"
        SGD loss of each class's linear model.
    alpha : float, default=2e-5
        L2 regularisation strength.
    average : bool, default=False
        Use averaged SGD.
    max_iter : int or None, default=None
        Epochs over the data; None picks about 100,000 updates in all, within 2 to 15 epochs.
    class_weight : "balanced", dict or None, default="balanced"
        Weigh samples in inverse proportion to their class's frequency ("balanced") or by
        ``{class: weight}``.
    nb_scaling : bool, default=True
        Scale each class model's features by their naive-Bayes log-count ratio (NBSVM, Wang
        & Manning 2012): the presence of an n-gram among that class's texts against the
        others', each normalised by its total. Learnt in the same pass as the idf, from the
        training rows of each calibration fold; folded into ``coef_``, so prediction costs
        nothing extra. Text input only.
    nb_alpha : float, default=0.5
        Additive smoothing of the NB counts.
    bias_feature : bool, default=False
        Append a constant feature (as themes do, where it keeps gibberish at the base
        rate). Off here: on XED it cost 2-3 points of macro-F1, and calibration already
        sets the base rate. Text input only.
    cue_weight : float, default=0.5
        Scale of the polarity cues appended to the L2-normalised n-gram features; 0 leaves
        them out. On XED (5-fold) they add about 3 points of macro-F1 in English, 0.5-1.5 in
        Finnish and Swedish; 0.3 to 1 score alike. Text input only.
    cv : int, default=3
        Folds for the out-of-fold scores that calibration is fitted on.
    min_threshold : float, default=0.25
        Lower bound of the per-class thresholds (kept for symmetry with themes).
    batch_size : int, default=20000
        Texts hashed at a time; training and prediction memory depend on it, not on the data.
    random_state : int, RandomState instance or None, default=None
        Seeds SGD and the folds.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        Class labels, sorted.
    mode_ : {"multiclass", "binary"}
        The kind of target ``fit`` saw.
    coef_ : scipy.sparse.csc_matrix of shape (n_models, n_features + 5 [+ 1 with bias_feature])
        Linear weights on the tf-idf features, float32, NB ratios folded in (one row for
        binary targets), then on the polarity cues (none when ``cue_weight`` is 0) and on
        the constant feature.
    intercept_ : ndarray of shape (n_models,)
        Linear intercepts.
    slopes_, offsets_ : ndarray of shape (n_models,)
        Platt scaling: probability = sigmoid(slope * score + offset), then normalised.
    thresholds_ : ndarray of shape (n_models,)
        Per-class probability thresholds with the best out-of-fold F1 (informative only).
    idf_ : ndarray of shape (n_features,)
        Inverse document frequencies (text input with ``use_idf`` only).
    n_iter_ : int
        Epochs the final model was trained for.
    n_features_in_ : int
        Number of input features (``vectorizer="passthrough"`` only).

    Examples
    --------
    >>> texts = ["great service, thanks", "love it", "awful, broken again", "terrible"] * 3
    >>> model = SentimentClassifier(random_state=0)
    >>> model.fit(texts, ["positive", "positive", "negative", "negative"] * 3).predict(
    ...     ["thanks, great"])
    array(['positive'], dtype='<U8')
    """

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
        class_weight: str | dict | None = "balanced",
        nb_scaling: bool = True,
        nb_alpha: float = 0.5,
        bias_feature: bool = False,
        cue_weight: float = 0.5,
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
        self.nb_scaling = nb_scaling
        self.nb_alpha = nb_alpha
        self.bias_feature = bias_feature
        self.cue_weight = cue_weight
        self.cv = cv
        self.min_threshold = min_threshold
        self.batch_size = batch_size
        self.random_state = random_state

    def __setstate__(self, state: dict[str, Any]) -> None:
        # Models saved before these parameters existed were trained without NB scaling and
        # with the constant feature.
        legacy = {"nb_scaling": False, "nb_alpha": 1.0, "bias_feature": True, "cue_weight": 0.0}
        super().__setstate__({**legacy, **state})

    def _n_dense(self) -> int:
        return len(CUE_NAMES) if self.cue_weight and self._text_mode() else 0

    def _dense_features(self, texts: Sequence[str]) -> np.ndarray:
        return float(self.cue_weight) * polarity_cues(texts)

    def polarity_from_proba(self, proba: np.ndarray) -> np.ndarray:
        """``P(positive) - P(negative)`` per row of :meth:`predict_proba` output."""
        classes = list(self.classes_)
        if "positive" not in classes or "negative" not in classes:
            raise ValueError("polarity needs 'positive' and 'negative' among the classes")
        return proba[:, classes.index("positive")] - proba[:, classes.index("negative")]

    def polarity(self, X: Any) -> np.ndarray:
        """Signed polarity in [-1, 1]: probability of positive minus that of negative.

        Parameters
        ----------
        X : sequence of str
            Texts.

        Returns
        -------
        ndarray of shape (n_samples,)
            -1 is surely negative, 1 surely positive, 0 balanced or neutral.
        """
        return self.polarity_from_proba(self.predict_proba(X))

    def predict_with_score(self, X: Any) -> list[tuple[str, float]]:
        """The predicted label and its probability for each text.

        Parameters
        ----------
        X : sequence of str
            Texts.

        Returns
        -------
        list of (str, float)
            ``(label, probability of that label)`` per text.
        """
        proba = self.predict_proba(X)
        best = proba.argmax(axis=1)
        return [(str(self.classes_[j]), round(float(proba[i, j]), 4)) for i, j in enumerate(best)]
