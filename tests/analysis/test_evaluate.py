import json

from analysis.datasets import LabelledData
from analysis.evaluate import cross_validate_model, evaluate_model, score_predictions
from analysis.sentiment import SentimentClassifier

KEYS = {"macro_f1", "accuracy", "n_train", "n_test", "per_label", "per_language"}


def test_score_predictions_multilabel_shape():
    result = score_predictions(
        [["a", "b"], ["b"], ["c"]], [["a", "b"], [], ["c", "a"]], langs=["fi", "sv", None]
    )
    assert set(result) == KEYS
    assert result["accuracy"] == round(1 / 3, 4)
    assert result["n_test"] == 3
    assert set(result["per_label"]) == {"a", "b", "c"}
    assert set(result["per_label"]["a"]) == {"precision", "recall", "f1", "support"}
    assert result["per_label"]["b"]["support"] == 2
    assert set(result["per_language"]) == {"fi", "sv"}
    assert set(result["per_language"]["fi"]) == {"macro_f1", "accuracy", "n"}
    json.dumps(result)


def test_evaluate_model_sentiment_json(sentiment_data):
    texts, labels = sentiment_data
    model = SentimentClassifier(random_state=0, max_iter=5).fit(texts, labels)
    data = LabelledData(texts[:12], labels[:12], ["en", "fi", "sv"] * 4)
    result = evaluate_model("sentiment", model, data, n_train=len(texts))
    assert set(result) == KEYS
    assert result["n_train"] == 36
    assert 0 <= result["macro_f1"] <= 1
    assert set(result["per_label"]) == {"positive", "neutral", "negative"}
    json.dumps(result)


def test_cross_validate_model(sentiment_data):
    texts, labels = sentiment_data
    data = LabelledData(texts, labels)
    result = cross_validate_model(
        "sentiment",
        lambda: SentimentClassifier(random_state=0, max_iter=3, cv=0),
        data,
        n_splits=3,
    )
    assert set(result) == KEYS
    assert result["n_test"] == 36
    assert result["n_train"] == 24
