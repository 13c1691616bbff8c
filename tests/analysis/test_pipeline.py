from analysis.datasets import read_labelled_csv
from analysis.evaluate import evaluate_model
from analysis.pipeline import Analyzer, TextAnalysis, build_analyzer, load_analyzer
from analysis.store import dump_model, load_model_bytes
from analysis.training import train_sentiment, train_themes

FAST = {"max_iter": 5, "n_features": 2**14}


def _csv(tmp_path, name, rows):
    lines = ["text,label,lang"]
    lines += [f'"{text}",{";".join(labels)},{lang}' for text, labels, lang in rows]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_train_and_evaluate_end_to_end(tmp_path, theme_data):
    texts, labels = theme_data
    rows = [(text, keys, "en") for text, keys in zip(texts, labels, strict=True)]
    train = read_labelled_csv(_csv(tmp_path, "train.csv", rows), "themes")
    known = {"cost", "reliability", "speed_waiting"}
    test = read_labelled_csv(_csv(tmp_path, "test.csv", rows[:12]), "themes", known_labels=known)
    model, metrics = train_themes(train, random_state=0, **FAST)
    assert set(metrics) >= {"macro_f1", "accuracy", "n_train", "n_test", "per_label"}
    assert metrics["n_test"] == 8
    result = evaluate_model("themes", model, test, n_train=len(train))
    assert result["n_train"] == 36
    assert result["macro_f1"] > 0.5


def test_analyzer_over_models_saved_and_loaded_as_bytes(theme_data, sentiment_data):
    themes, _ = train_themes(read_rows(theme_data), random_state=0, evaluate=False, **FAST)
    sentiment, _ = train_sentiment(
        read_rows(sentiment_data),
        ratings=[("works fine", 5), ("broken", 1)],
        random_state=0,
        evaluate=False,
        **FAST,
    )
    analyzer = build_analyzer(
        load_model_bytes(dump_model(themes)),
        load_model_bytes(dump_model(sentiment)),
        ("themes-1", "sentiment-1"),
    )
    assert isinstance(analyzer, Analyzer)
    assert (analyzer.theme_version, analyzer.sentiment_version) == ("themes-1", "sentiment-1")
    results = analyzer.analyze(["The app crashed again", "   "], fallback="en")
    assert all(isinstance(r, TextAnalysis) for r in results)
    assert results[0].language == "en"
    assert results[0].sentiment in {"positive", "neutral", "negative"}
    assert 0 < results[0].sentiment_score <= 1
    assert results[1].themes == [] and results[1].sentiment is None


def test_the_shipped_defaults_are_loaded_once_per_process():
    assert load_analyzer() is load_analyzer()
    assert load_analyzer().theme_version.startswith("themes-")


def read_rows(data):
    from analysis.datasets import LabelledData

    texts, labels = data
    return LabelledData(list(texts), list(labels))


def test_loading_the_analyzer_builds_what_analysis_builds_on_first_use():
    """A server or bot loads the analyzer while it starts: the language model and the
    sentiment lexicon are built then, not in the first resident's submission."""
    from analysis import lexicon, preprocess

    preprocess._model.cache_clear()
    lexicon._load.cache_clear()
    load_analyzer.cache_clear()
    load_analyzer()
    assert preprocess._model.cache_info().currsize == 1
    assert lexicon._load.cache_info().currsize == 1
