import csv
from collections import Counter
from pathlib import Path

from analysis.taxonomy import load_taxonomy

SEED = Path(__file__).parents[2] / "analysis" / "seed"
KEYS = [
    "usefulness",
    "ease_of_use",
    "accessibility",
    "reliability",
    "speed_waiting",
    "information_guidance",
    "privacy_trust",
    "availability_access",
    "staff_workload",
    "cost",
    "ideas_suggestions",
    "cooperation",
]


def test_load_taxonomy_has_the_twelve_themes():
    themes = load_taxonomy()
    assert [theme.key for theme in themes] == KEYS
    for theme in themes:
        assert theme.name_fi and theme.name_sv and theme.name_en
        assert theme.description.endswith(".")
    assert themes[0].name("sv") == "Nytta och värde"
    assert themes[0].name("xx") == themes[0].name_en


def test_seed_themes_cover_every_theme_in_every_language():
    with (SEED / "themes.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    per = Counter((row["lang"], key) for row in rows for key in row["label"].split(";"))
    for lang in ("fi", "sv", "en"):
        for key in KEYS:
            assert per[(lang, key)] >= 25, (lang, key)
    assert set(key for _, key in per) == set(KEYS)
    multi = sum(";" in row["label"] for row in rows) / len(rows)
    assert 0.08 <= multi <= 0.15


def test_seed_sentiment_is_balanced_enough():
    with (SEED / "sentiment.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    per = Counter((row["lang"], row["label"]) for row in rows)
    for lang in ("fi", "sv", "en"):
        for label in ("positive", "neutral", "negative"):
            assert per[(lang, label)] >= 50
