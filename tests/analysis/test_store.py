from datetime import UTC, datetime, timedelta

import pytest
import skops.io as sio

from analysis.errors import ModelStoreError
from analysis.store import ModelStore, load_model_file
from analysis.themes import ThemeClassifier


def test_model_store_round_trip_and_versions(tmp_path, theme_data):
    model = ThemeClassifier(random_state=0, max_iter=5, n_features=2**12).fit(*theme_data)
    store = ModelStore(tmp_path)
    assert store.latest("themes") is None
    start = datetime(2026, 11, 28, 10, 15, tzinfo=UTC)
    infos = [
        store.save(
            "themes",
            model,
            metrics={"macro_f1": i},
            trained_on={"n": 36},
            created_at=start + timedelta(minutes=i),
        )
        for i in (2, 0, 1)
    ]
    assert infos[0].version.startswith("themes-20261128T101700-")
    assert [info.metrics["macro_f1"] for info in store.versions("themes")] == [0, 1, 2]
    assert store.latest("themes").version == infos[0].version
    assert store.versions("sentiment") == []
    loaded = store.load(store.latest("themes"))
    texts = theme_data[0][:5]
    assert loaded.predict_themes(texts) == model.predict_themes(texts)
    assert (loaded.coef_ != model.coef_).nnz == 0


def test_model_store_refuses_untrusted_types(tmp_path):
    path = tmp_path / "evil.skops"
    sio.dump({"f": datetime.now}, path)
    with pytest.raises(ModelStoreError, match="untrusted"):
        load_model_file(path)


def test_model_store_rejects_unknown_kind(tmp_path):
    with pytest.raises(ValueError, match="kind"):
        ModelStore(tmp_path).versions("topics")


def test_model_file_with_row_major_weights_loads_by_column(tmp_path, theme_data):
    """Files written before coef_ was kept by column still load, converted once, alike."""
    model = ThemeClassifier(random_state=0, max_iter=5, n_features=2**12).fit(*theme_data)
    assert model.coef_.format == "csc"
    texts = theme_data[0][:8]
    expected = model.decision_function(texts)
    model.coef_ = model.coef_.tocsr()  # as an older release saved it
    path = tmp_path / "old.skops"
    sio.dump(model, path)
    loaded = load_model_file(path)
    assert loaded.coef_.format == "csc"
    assert (loaded.decision_function(texts) == expected).all()


def test_prediction_weights_are_derived_not_saved(tmp_path, theme_data):
    """Predicting uses a dense copy of the weights: the same scores as the sparse product,
    never part of the estimator (nor of its file), made again when the weights change and
    dropped with them."""
    import gc

    import numpy as np

    from analysis import linear

    model = ThemeClassifier(random_state=0, max_iter=5, n_features=2**12).fit(*theme_data)
    texts = theme_data[0][:8]
    features = model._features_from_counts(model._counts(texts), texts=texts)
    sparse = model._raw_scores(features, model.coef_, model.intercept_)
    attributes = set(model.__dict__)
    scores = model.decision_function(texts)
    # the sparse product is in the weights' float32, the dense one in float64
    np.testing.assert_allclose(scores, sparse * model.slopes_ + model.offsets_, rtol=1e-5)
    assert set(model.__dict__) == attributes
    assert id(model.coef_) in linear._DENSE_WEIGHTS
    path = tmp_path / "model.skops"
    sio.dump(model, path)
    assert (load_model_file(path).decision_function(texts) == scores).all()
    old = id(model.coef_)
    model.fit(theme_data[0][::-1], theme_data[1][::-1])  # new weights: the old copy goes
    gc.collect()
    assert old not in linear._DENSE_WEIGHTS
    model.decision_function(texts)
    assert id(model.coef_) in linear._DENSE_WEIGHTS
