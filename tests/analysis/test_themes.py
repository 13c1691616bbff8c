import numpy as np
import pytest

from analysis.themes import ThemeClassifier


def _fit(texts, labels, **params):
    return ThemeClassifier(random_state=0, max_iter=10, **params).fit(texts, labels)


def test_theme_classifier_fit_predict_themes(theme_data):
    model = _fit(*theme_data)
    assert list(model.classes_) == ["cost", "reliability", "speed_waiting"]
    assert model.mode_ == "multilabel"
    result = model.predict_themes(
        ["the app crashed again", "bussi oli taas myöhässä", "priset är för högt"]
    )
    assert result[0][0][0] == "reliability"
    assert result[1][0][0] == "speed_waiting"
    assert result[2][0][0] == "cost"
    for row in result:
        scores = [score for _, score in row]
        assert scores == sorted(scores, reverse=True)
        assert all(0 <= score <= 1 for score in scores)


def test_theme_classifier_unclear_on_gibberish(theme_data):
    model = _fit(*theme_data)
    assert model.predict_themes(["", "qqq zzx wvvk", "!!! ???"]) == [[], [], []]


def test_theme_classifier_scores_and_predict_shapes(theme_data):
    texts, labels = theme_data
    model = _fit(texts, labels)
    scores = model.predict_scores(texts[:4])
    assert scores.shape == (4, 3)
    indicator = model.predict(texts[:4])
    assert indicator.shape == (4, 3)
    assert set(np.unique(indicator)) <= {0, 1}
    assert (model.predict_proba(texts[:4]) == scores).all()


def test_theme_classifier_accepts_indicator_matrix(theme_data):
    texts, labels = theme_data
    keys = ["cost", "reliability", "speed_waiting"]
    Y = np.array([[key in row for key in keys] for row in labels], dtype=int)
    model = _fit(texts, Y)
    assert list(model.classes_) == [0, 1, 2]
    assert model.predict(["the app crashed again"])[0, 1] == 1


def test_theme_classifier_single_labels_predict_top1(theme_data):
    texts, labels = theme_data
    single = [row[0] for row in labels]
    model = _fit(texts, single)
    assert model.mode_ == "multiclass"
    assert model.predict(["the app crashed again"]).tolist() == ["reliability"]


def test_theme_classifier_rejects_a_single_string(theme_data):
    model = _fit(*theme_data)
    with pytest.raises(TypeError, match="not a single string"):
        model.predict_themes("the app crashed")


def test_theme_classifier_streams_in_batches(theme_data):
    texts, labels = theme_data
    model = _fit(texts, labels, batch_size=18, cv=0)
    scores = model.predict_scores(["the app crashed again"])
    assert model.classes_[scores.argmax()] == "reliability"
