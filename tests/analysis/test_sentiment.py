import numpy as np
import pytest

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
