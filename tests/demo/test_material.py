"""The demo material's data files: what they hold, and a clear error when one is malformed."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from feedback_api.demo.material import (
    DATA_DIR,
    EXPERIMENT_SNIPPETS,
    EXPERIMENTS,
    GENERIC_SNIPPETS,
    MaterialError,
    all_snippets,
    load_material,
)

EXPERIMENTS_YAML = "experiments.yaml"
SNIPPETS_CSV = "snippets.csv"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the data files to spoil."""
    for name in (EXPERIMENTS_YAML, SNIPPETS_CSV):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    return tmp_path


def _replace_line(path: Path, number: int, line: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[number - 1] = f"{line}\n"
    path.write_text("".join(lines), encoding="utf-8")


def _error(directory: Path) -> str:
    with pytest.raises(MaterialError) as caught:
        load_material(directory)
    return str(caught.value)


def test_data_files_hold_the_whole_material() -> None:
    # Pinned so that an edit that drops rows shows up here.
    assert len(EXPERIMENTS) == 18
    assert {slug: len(items) for slug, items in EXPERIMENT_SNIPPETS.items()} == {
        "library-robot": 43,
        "self-service-library": 43,
        "vr-science-lessons": 41,
        "daycare-application-chatbot": 42,
        "remote-home-care-visits": 42,
        "medication-dispenser": 41,
        "online-symptom-checker": 41,
        "health-kiosk": 41,
        "on-demand-minibus": 42,
        "park-and-ride-sensors": 40,
        "smart-waste-bins": 40,
        "keyless-sports-halls": 41,
        "invoice-software-robot": 42,
        "electronic-signatures": 40,
    }
    assert len(GENERIC_SNIPPETS) == 143
    assert Counter(snippet.lang for snippet in all_snippets()) == {"fi": 378, "sv": 172, "en": 172}
    assert Counter(snippet.sentiment for snippet in all_snippets()) == {
        "positive": 262,
        "neutral": 196,
        "negative": 264,
    }


def test_load_material_reads_the_files_of_a_directory(data_dir: Path) -> None:
    material = load_material(data_dir)
    assert material.experiments == EXPERIMENTS
    assert material.experiment_snippets == EXPERIMENT_SNIPPETS
    assert material.generic_snippets == GENERIC_SNIPPETS


def test_snippet_columns_are_words_and_keys(data_dir: Path) -> None:
    _replace_line(
        data_dir / SNIPPETS_CSV,
        2,
        'library-robot,sv,resident;employee,negative,cost;reliability,"Dyr, och den står still."',
    )
    first = load_material(data_dir).experiment_snippets["library-robot"][0]
    assert first.lang == "sv"
    assert first.roles == ("resident", "employee")
    assert first.sentiment == "negative"
    # Themes come in the taxonomy's order, whatever the order in the file.
    assert first.themes == ("reliability", "cost")
    assert first.text == "Dyr, och den står still."


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "library-robot,fi,customer,positive,usefulnes,Typo in the theme.",
            "unknown theme 'usefulnes'",
        ),
        (
            "library-robot,fi,resident;citizen,positive,usefulness,Unknown role.",
            "unknown role 'citizen'",
        ),
        ("library-robot,fi,rc,positive,,The old letter codes.", "unknown role 'rc'"),
        ("library-robot,fi,customer,+,,The old sentiment code.", "unknown sentiment '+'"),
        ("library-robot,de,customer,positive,,Unknown language.", "unknown language 'de'"),
        ("library-robt,fi,customer,positive,,A typo in the slug.", "unknown experiment"),
        ("library-robot,fi,,positive,,No role.", "at least one role"),
        ("library-robot,fi,customer;customer,neutral,,Twice.", "a role appears twice"),
        ("library-robot,fi,customer,positive,,", "empty text"),
        ("library-robot,fi,customer,positive", "expected 6 columns, found 4"),
    ],
)
def test_malformed_snippet_row_names_the_file_and_line(
    data_dir: Path, row: str, message: str
) -> None:
    _replace_line(data_dir / SNIPPETS_CSV, 40, row)
    error = _error(data_dir)
    assert error.startswith("snippets.csv line 40: "), error
    assert message in error


def test_snippets_need_the_header(data_dir: Path) -> None:
    _replace_line(data_dir / SNIPPETS_CSV, 1, "experiment,lang,roles,sentiment,text")
    assert _error(data_dir).startswith("snippets.csv line 1: expected the columns")


@pytest.mark.parametrize(
    ("old", "new", "at", "message"),
    [
        ("status: running", "status: runing", None, "unknown status 'runing'"),
        ("service_area: library", "service_area: libary", None, "unknown service area 'libary'"),
        ("{resident: 0.35,", "{residnt: 0.35,", None, "outcome roles: unknown role 'residnt'"),
        ("{fi: 0.62,", "{fin: 0.62,", None, "outcome languages: unknown language 'fin'"),
        # Unquoted, YAML reads yes and no as true and false.
        (
            '{"yes": 0.55, "maybe": 0.3, "no": 0.15}',
            "{yes: 0.55, maybe: 0.3, no: 0.15}",
            None,
            "quote",
        ),
        ("    en: Library robot", "    de: Library robot", "  title:", "exactly the languages"),
        ("start_offset_days: -210", "start_offset_days: soon", None, "must be a whole number"),
        ("  owner:", "  owners:", None, "unknown key 'owners'"),
        ("slug: library-robot", "slug: Library Robot", None, "invalid slug 'Library Robot'"),
        ("    volume: 140\n", "", "  outcome:", "missing 'volume'"),
        ("status: proposed", "status: ended", None, "status 'ended' needs an outcome"),
    ],
)
def test_malformed_experiment_names_the_file_line_and_experiment(
    data_dir: Path, old: str, new: str, at: str | None, message: str
) -> None:
    path = data_dir / EXPERIMENTS_YAML
    text = path.read_text(encoding="utf-8")
    spoiled = text.replace(old, new, 1)
    path.write_text(spoiled, encoding="utf-8")
    # The line of the faulty key: where the change is, or the first `at`.
    line = spoiled.count("\n", 0, spoiled.index(at) if at else text.index(old)) + 1
    error = _error(data_dir)
    assert error.startswith(f"experiments.yaml line {line} (experiment "), error
    assert message in error


def test_invalid_yaml_names_the_file(data_dir: Path) -> None:
    path = data_dir / EXPERIMENTS_YAML
    path.write_text(path.read_text(encoding="utf-8").replace("partners: [", "partners: [[", 1))
    assert _error(data_dir).startswith("experiments.yaml: not valid YAML")
