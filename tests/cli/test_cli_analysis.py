"""`kokeilu train`, `evaluate` and `classify`, including bad CSV files."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from feedback_api.cli import main

THEMES_TRAIN = """text,label,lang
The app crashed every time I opened it,reliability,en
Sovellus kaatui koko ajan,reliability,fi
Appen kraschade hela tiden,reliability,sv
It broke down twice this week,reliability,en
Laite meni rikki taas,reliability,fi
Den gick sönder igen,reliability,sv
Way too expensive for what it does,cost,en
Liian kallis hinta,cost,fi
Alldeles för dyrt,cost,sv
The monthly fee is too high,cost,en
Maksu on liian suuri,cost,fi
Avgiften är för hög,cost,sv
"""
THEMES_TEST = """text,label
The app crashed again,reliability
Hinta on liian kallis,cost
"""


def _write(tmp_path, name: str, text: str, encoding: str = "utf-8"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def test_evaluate_with_train_prints_contract_json(cli_env, tmp_path) -> None:
    train = _write(tmp_path, "train.csv", THEMES_TRAIN)
    test = _write(tmp_path, "test.csv", THEMES_TEST)
    result = CliRunner().invoke(
        main, ["evaluate", "themes", "--train", train, "--test", test, "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert {"macro_f1", "accuracy", "n_train", "n_test", "per_label"} <= set(data)
    assert data["n_train"] == 12 and data["n_test"] == 2
    assert set(data["per_label"]) == {"reliability", "cost"}
    assert set(data["per_label"]["cost"]) == {"precision", "recall", "f1", "support"}


def test_evaluate_current_sentiment_model(cli_env, tmp_path) -> None:
    test = _write(
        tmp_path, "s.csv", "text,label\nLoistava palvelu!,positive\nTotally useless,negative\n"
    )
    result = CliRunner().invoke(main, ["evaluate", "sentiment", "--test", test])
    assert result.exit_code == 0, result.output
    assert "macro-F1" in result.output and "n_train 0" in result.output


def test_train_from_file_saves_a_new_version(cli_env, tmp_path) -> None:
    train = _write(tmp_path, "train.csv", THEMES_TRAIN)
    result = CliRunner().invoke(main, ["train", "themes", "--data", train])
    assert result.exit_code == 0, result.output
    assert "saved themes-" in result.output
    classified = CliRunner().invoke(main, ["classify", "--all"])
    assert classified.exit_code == 0 and "classified 0 feedback items" in classified.output


@pytest.mark.parametrize(
    ("content", "encoding", "message"),
    [
        ("", "utf-8", "empty"),
        ("text,category\nfoo,cost\n", "utf-8", "label"),
        ("label\ncost\n", "utf-8", "text"),
        ("text,label\nHinta on liian kallis,cost\n", "utf-16", "UTF-8"),
        ("text,label\nKöyhä hinta,cost\n", "latin-1", "UTF-8"),
        ("text,label\nsome text,\n", "utf-8", "label"),
    ],
)
def test_bad_csv_files_get_a_clear_error(cli_env, tmp_path, content, encoding, message) -> None:
    path = _write(tmp_path, "bad.csv", content, encoding)
    result = CliRunner().invoke(main, ["train", "themes", "--data", path])
    assert result.exit_code != 0
    assert message.lower() in result.output.lower(), result.output
    assert "Traceback" not in result.output


def test_unknown_label_in_test_only_is_an_error(cli_env, tmp_path) -> None:
    train = _write(tmp_path, "train.csv", THEMES_TRAIN)
    test = _write(tmp_path, "test.csv", "text,label\nSomething,parking\n")
    result = CliRunner().invoke(main, ["evaluate", "themes", "--train", train, "--test", test])
    assert result.exit_code != 0
    assert "parking" in result.output


def test_invalid_sentiment_label_is_an_error(cli_env, tmp_path) -> None:
    path = _write(tmp_path, "s.csv", "text,label\nHyvä,great\n")
    result = CliRunner().invoke(main, ["train", "sentiment", "--data", path])
    assert result.exit_code != 0 and "great" in result.output


def test_missing_file_is_an_error(cli_env, tmp_path) -> None:
    result = CliRunner().invoke(main, ["train", "themes", "--data", str(tmp_path / "nope.csv")])
    assert result.exit_code != 0 and "nope.csv" in result.output
