import pytest

from analysis.datasets import read_labelled_csv
from analysis.errors import AnalysisError, DatasetError


def _write(tmp_path, content, name="data.csv"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_read_labelled_csv_themes_with_bom_and_multilabel(tmp_path):
    path = _write(tmp_path, '\ufefftext,label,lang\n"Slow, and pricey",speed_waiting; Cost,EN\n')
    data = read_labelled_csv(path, "themes")
    assert data.texts == ["Slow, and pricey"]
    assert data.labels == [["speed_waiting", "cost"]]
    assert data.langs == ["en"]


def test_read_labelled_csv_sentiment_without_lang(tmp_path):
    path = _write(tmp_path, "label,text\npositive,Great\n\nNegative,Bad\n")
    data = read_labelled_csv(path, "sentiment")
    assert data.labels == ["positive", "negative"]
    assert data.langs == [None, None]


@pytest.mark.parametrize(
    ("content", "kind", "message"),
    [
        ("", "themes", "file is empty"),
        ("   \n\n", "sentiment", "file is empty"),
        ("Great,positive\n", "sentiment", "missing column 'text' and 'label'"),
        ("text,lang\nGreat,en\n", "sentiment", "missing column 'label'"),
        ("text,label\n", "themes", "no data rows"),
        ("text,label\nGreat,\n", "sentiment", "line 2: empty label"),
        ("text,label\nGreat, ; \n", "themes", "line 2: empty label"),
        ("text,label\n,positive\n", "sentiment", "line 2: empty text"),
        ("text,label\nGreat,positive\nMeh,happy\n", "sentiment", "line 3: invalid sentiment"),
        (b"text,label\nok,cost\nP\xe4iv\xe4,cost\n", "themes", "line 3 is not valid UTF-8"),
    ],
)
def test_read_labelled_csv_errors(tmp_path, content, kind, message):
    with pytest.raises(DatasetError, match=message) as info:
        read_labelled_csv(_write(tmp_path, content), kind)
    assert "\n" not in str(info.value)


def test_read_labelled_csv_missing_file(tmp_path):
    with pytest.raises(DatasetError, match="file not found"):
        read_labelled_csv(tmp_path / "nope.csv", "themes")


def test_read_labelled_csv_unknown_labels(tmp_path):
    path = _write(tmp_path, "text,label\nA,cost\nB,cost;parking\nC,noise\n")
    with pytest.raises(DatasetError, match=r"'parking' \(line 3\), 'noise' \(line 4\)"):
        read_labelled_csv(path, "themes", known_labels={"cost"})


def test_dataset_error_is_an_analysis_error():
    assert issubclass(DatasetError, AnalysisError)
