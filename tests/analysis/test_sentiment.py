import numpy as np
import pytest

from analysis.lexicon import CUE_NAMES
from analysis.sentiment import SentimentClassifier, rating_to_sentiment


def test_sentiment_classifier_fit_predict(sentiment_data):
    model = SentimentClassifier(random_state=0, max_iter=10).fit(*sentiment_data)
    assert list(model.classes_) == ["negative", "neutral", "positive"]
    labels = model.predict(["great, thank you", "terrible, never works", "usel, fungerar aldrig"])
    assert labels.tolist() == ["positive", "negative", "negative"]
    scored = model.predict_with_score(["great, thank you"])
    assert scored[0][0] == "positive"
    assert 1 / 3 < scored[0][1] <= 1
    proba = model.predict_proba(["great, thank you"])
    assert np.allclose(proba.sum(axis=1), 1)


def test_sentiment_polarity_is_signed(sentiment_data):
    model = SentimentClassifier(random_state=0, max_iter=10).fit(*sentiment_data)
    polarity = model.polarity(["great service, thank you", "awful, it never works"])
    assert -1 <= polarity[1] < 0 < polarity[0] <= 1


def test_sentiment_polarity_needs_positive_and_negative(sentiment_data):
    texts, labels = sentiment_data
    model = SentimentClassifier(random_state=0, max_iter=5).fit(
        texts, ["good" if label == "positive" else "other" for label in labels]
    )
    with pytest.raises(ValueError, match="positive"):
        model.polarity(["great"])


def test_sentiment_sample_weight_changes_the_model(sentiment_data):
    texts, labels = sentiment_data
    weights = np.where(np.array(labels) == "neutral", 0.01, 1.0)
    a = SentimentClassifier(random_state=0, max_iter=5).fit(texts, labels)
    b = SentimentClassifier(random_state=0, max_iter=5).fit(texts, labels, weights)
    assert not np.allclose(a.predict_proba(texts), b.predict_proba(texts))


@pytest.mark.parametrize(
    ("rating", "label"), [(1, "negative"), (2, "negative"), (3, "neutral"), (4, "positive")]
)
def test_rating_to_sentiment(rating, label):
    assert rating_to_sentiment(rating) == label


def test_rating_to_sentiment_rejects_out_of_range():
    with pytest.raises(ValueError, match="1-5"):
        rating_to_sentiment(6)


def test_nb_scaling_is_folded_into_the_weights(sentiment_data):
    texts, labels = sentiment_data
    model = SentimentClassifier(random_state=0, max_iter=5).fit(texts, labels)
    plain = SentimentClassifier(random_state=0, max_iter=5, nb_scaling=False).fit(texts, labels)
    width = model.n_features + len(CUE_NAMES)
    assert model.coef_.shape == plain.coef_.shape == (3, width)
    assert not np.allclose(model.coef_.toarray(), plain.coef_.toarray())
    # Scoring needs only the plain features: the pipeline's shared hashing gives the same.
    features = model._features_from_counts(model._counts(texts), texts=texts)
    assert np.allclose(
        model._proba_from_logits(model._logits_from_features(features)), model.predict_proba(texts)
    )


def test_nb_statistics_do_not_depend_on_the_batch_size(sentiment_data):
    texts, labels = sentiment_data
    small = SentimentClassifier(random_state=0, max_iter=3, batch_size=7).fit(texts, labels)
    large = SentimentClassifier(random_state=0, max_iter=3).fit(texts, labels)
    Y, _, _ = large._encode_targets(labels)
    weights = np.ones(len(texts))
    fold_of = np.arange(len(texts)) % 2
    idf_small, sums_small = small._fit_statistics(texts, Y, weights, fold_of)
    idf_large, sums_large = large._fit_statistics(texts, Y, weights, fold_of)
    assert np.allclose(idf_small, idf_large)
    assert sums_small is not None and sums_large is not None
    assert np.allclose(sums_small, sums_large)
    # Per fold: the ratios of its training rows (the other folds) only.
    assert not np.allclose(small._nb_ratios(sums_small, 0), small._nb_ratios(sums_small, 1))
    assert small.predict(["great, thank you"]).tolist() == ["positive"]


def test_bias_feature_adds_a_column(sentiment_data):
    model = SentimentClassifier(random_state=0, max_iter=3, bias_feature=True).fit(*sentiment_data)
    assert model.coef_.shape == (3, model.n_features + len(CUE_NAMES) + 1)
    assert model.predict(["great, thank you"]).shape == (1,)


def test_cues_are_dense_columns_after_the_hashed_ones(sentiment_data):
    texts, labels = sentiment_data
    model = SentimentClassifier(random_state=0, max_iter=3).fit(texts, labels)
    plain = SentimentClassifier(random_state=0, max_iter=3, cue_weight=0).fit(texts, labels)
    assert plain.coef_.shape == (3, plain.n_features)
    cues = model.coef_[:, model.n_features :].toarray()
    positive = list(model.classes_).index("positive")
    # The positive model leans on the lexicon's positive column more than on its negative one.
    assert cues[positive, 0] > cues[positive, 1]
    with pytest.raises(ValueError, match="texts"):
        model._features_from_counts(model._counts(texts))


def test_models_saved_before_nb_scaling_load_with_legacy_defaults():
    model = SentimentClassifier()
    state = model.__getstate__()
    for key in ("nb_scaling", "nb_alpha", "bias_feature", "cue_weight"):
        del state[key]
    legacy = SentimentClassifier.__new__(SentimentClassifier)
    legacy.__setstate__(state)
    assert legacy.get_params()["nb_scaling"] is False
    assert legacy.get_params()["bias_feature"] is True
    assert legacy.get_params()["cue_weight"] == 0
