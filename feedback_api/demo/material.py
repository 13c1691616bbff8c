"""The demo programme's hand-written material, read once from the data files beside this module.

`data/experiments.yaml` holds the experiments: titles and descriptions in fi, sv and en, owner,
partners, service area, dates as offsets from the demo's "today", status and, for experiments
carried out, the outcome profile that steers their feedback.

`data/snippets.csv` holds the feedback snippets, one a row, with the columns `experiment` (the
slug; empty for a generic snippet that fits any experiment), `lang`, `roles` and `themes`
(separated by ";"; themes may be empty), `sentiment` and `text`. Every combination of language,
role and sentiment has generic snippets, so the generator always finds a sentence when an
experiment's own material has none for that combination.

Every value is checked against the vocabularies in `records`, so a typo in the material fails at
import time with a `MaterialError` naming the file and line, not later in a report.
"""

from __future__ import annotations

import csv
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from feedback_api.demo.records import (
    FEEDBACK_STATUSES,
    LANGUAGES,
    ROLES,
    SENTIMENTS,
    SERVICE_AREAS,
    STATUSES,
    THEMES,
    ExperimentMaterial,
    MaterialError,
    Outcome,
    Snippet,
)
from feedback_api.domain.slugs import is_valid_slug

DATA_DIR = Path(__file__).with_name("data")
EXPERIMENTS_FILE = "experiments.yaml"
SNIPPETS_FILE = "snippets.csv"
SNIPPET_COLUMNS = ("experiment", "lang", "roles", "sentiment", "themes", "text")

_EXPERIMENT_KEYS = (
    "slug",
    "status",
    "service_area",
    "owner",
    "partners",
    "start_offset_days",
    "end_offset_days",
    "title",
    "description",
    "outcome",
)
_OUTCOME_KEYS = ("mean_rating", "volume", "would_use", "fits_work", "roles", "languages")
_WOULD_USE = ("yes", "maybe", "no")
_FITS_WORK = ("yes", "partly", "no")


@dataclass(frozen=True)
class Material:
    experiments: tuple[ExperimentMaterial, ...]
    # Snippets written for one experiment, by slug, in the order of the file.
    experiment_snippets: dict[str, tuple[Snippet, ...]]
    # Snippets that fit any experiment.
    generic_snippets: tuple[Snippet, ...]


def load_material(directory: Path = DATA_DIR) -> Material:
    """The material in `directory`; raises MaterialError naming the file and line of a fault."""
    experiments = _load_experiments(directory / EXPERIMENTS_FILE)
    specific, generic = _load_snippets(
        directory / SNIPPETS_FILE, {item.slug for item in experiments}
    )
    return Material(experiments=experiments, experiment_snippets=specific, generic_snippets=generic)


# --- experiments.yaml -----------------------------------------------------------------------


class _Entry:
    """One experiment of the YAML file, with the line of each of its keys for error messages."""

    def __init__(self, file: str, node: Any, data: Any, number: int) -> None:
        self._file = file
        self._lines: dict[Any, int] = {}
        self._line = node.start_mark.line + 1
        self._label = f"experiment {number}"
        if not isinstance(data, dict):
            raise self.error(None, "an experiment must be a mapping of keys to values")
        self._note_lines(node, "")
        self.data: dict[Any, Any] = data
        slug = data.get("slug")
        if isinstance(slug, str) and slug:
            self._label = f"experiment {slug!r}"

    def _note_lines(self, node: Any, prefix: str) -> None:
        # The line of every key, nested ones as "outcome.roles.resident".
        for key_node, value_node in node.value:
            key = f"{prefix}{key_node.value}"
            self._lines[key] = key_node.start_mark.line + 1
            if isinstance(value_node, yaml.MappingNode):
                self._note_lines(value_node, f"{key}.")

    def error(self, key: str | None, message: str) -> MaterialError:
        """An error at the line of `key` ("outcome.roles" for a nested one), or of its parent."""
        line = self._line
        while key:
            if key in self._lines:
                line = self._lines[key]
                break
            key = key.rpartition(".")[0]
        return MaterialError(f"{self._file} line {line} ({self._label}): {message}")

    def check_keys(self, allowed: Collection[str], required: Collection[str]) -> None:
        unknown = [key for key in self.data if key not in allowed]
        if unknown:
            raise self.error(unknown[0], f"unknown key {unknown[0]!r}; known: {_list(allowed)}")
        missing = [key for key in required if key not in self.data]
        if missing:
            raise self.error(None, f"missing key {missing[0]!r}")

    def text(self, key: str) -> str:
        value = self.data[key]
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, f"{key} must be a non-empty text")
        return value

    def choice(self, key: str, vocabulary: Collection[str], kind: str) -> str:
        value = self.data[key]
        if value not in vocabulary:
            raise self.error(key, f"unknown {kind} {value!r}; known: {_list(vocabulary)}")
        return str(value)

    def integer(self, key: str) -> int:
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, f"{key} must be a whole number, not {value!r}")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.data[key]
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(item, str) and item.strip() for item in value)
        ):
            raise self.error(key, f"{key} must be a non-empty list of texts")
        return tuple(value)

    def by_language(self, key: str) -> dict[str, str]:
        value = self.data[key]
        if not isinstance(value, dict) or set(value) != set(LANGUAGES):
            raise self.error(key, f"{key} needs exactly the languages {_list(LANGUAGES)}")
        for lang in LANGUAGES:
            if not isinstance(value[lang], str) or not value[lang].strip():
                raise self.error(key, f"{key} in {lang!r} must be a non-empty text")
        return value

    def weights(
        self, outcome: Mapping[Any, Any], key: str, vocabulary: Collection[str], kind: str
    ) -> dict[str, float]:
        value = outcome[key]
        if not isinstance(value, dict) or not value:
            raise self.error(f"outcome.{key}", f"outcome {key} must map each {kind} to a weight")
        for name, weight in value.items():
            if name not in vocabulary:
                raise self.error(
                    f"outcome.{key}.{name}",
                    f"outcome {key}: unknown {kind} {name!r}; known: {_list(vocabulary)}",
                )
            if not _is_weight(weight):
                raise self.error(
                    f"outcome.{key}.{name}", f"outcome {key}: {name} needs a weight >= 0"
                )
        return {str(name): float(weight) for name, weight in value.items()}

    def answers(
        self, outcome: Mapping[Any, Any], key: str, answers: tuple[str, str, str]
    ) -> tuple[float, float, float]:
        value = outcome[key]
        if not isinstance(value, dict) or set(value) != set(answers):
            raise self.error(
                f"outcome.{key}",
                f"outcome {key} needs the weights of exactly {_list(answers)} "
                '(quote "yes" and "no": unquoted, YAML reads them as true and false)',
            )
        if not all(_is_weight(weight) for weight in value.values()):
            raise self.error(f"outcome.{key}", f"outcome {key}: every weight must be a number >= 0")
        first, second, third = (float(value[answer]) for answer in answers)
        return first, second, third


def _load_experiments(path: Path) -> tuple[ExperimentMaterial, ...]:
    loader = yaml.SafeLoader(path.read_text(encoding="utf-8"))
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as error:
        raise MaterialError(f"{path.name}: not valid YAML: {error}") from error
    finally:
        loader.dispose()
    if not isinstance(data, list) or not data:
        raise MaterialError(f"{path.name}: expected a list of experiments")
    experiments: list[ExperimentMaterial] = []
    seen: set[str] = set()
    for number, (node, item) in enumerate(zip(root.value, data, strict=True), start=1):
        entry = _Entry(path.name, node, item, number)
        experiment = _experiment(entry)
        if experiment.slug in seen:
            raise entry.error("slug", f"slug {experiment.slug!r} appears twice")
        seen.add(experiment.slug)
        experiments.append(experiment)
    return tuple(experiments)


def _experiment(entry: _Entry) -> ExperimentMaterial:
    entry.check_keys(_EXPERIMENT_KEYS, [key for key in _EXPERIMENT_KEYS if key != "outcome"])
    status = entry.choice("status", STATUSES, "status")
    title = entry.by_language("title")
    description = entry.by_language("description")
    start, end = entry.integer("start_offset_days"), entry.integer("end_offset_days")
    if start >= end:
        raise entry.error("end_offset_days", "the experiment must end after it starts")
    outcome = None
    if status in FEEDBACK_STATUSES:
        if "outcome" not in entry.data:
            raise entry.error("status", f"an experiment with status {status!r} needs an outcome")
        outcome = _outcome(entry)
    elif "outcome" in entry.data:
        raise entry.error(
            "outcome", f"an experiment with status {status!r} has no feedback, so no outcome"
        )
    slug = entry.text("slug")
    if not is_valid_slug(slug):
        raise entry.error("slug", f"invalid slug {slug!r}: 3-60 of a-z, 0-9 and -, not all digits")
    return ExperimentMaterial(
        slug=slug,
        title_fi=title["fi"],
        title_sv=title["sv"],
        title_en=title["en"],
        description_fi=description["fi"],
        description_sv=description["sv"],
        description_en=description["en"],
        owner_name=entry.text("owner"),
        partners=entry.texts("partners"),
        service_area=entry.choice("service_area", SERVICE_AREAS, "service area"),
        start_offset_days=start,
        end_offset_days=end,
        status=status,
        outcome=outcome,
    )


def _outcome(entry: _Entry) -> Outcome:
    outcome = entry.data["outcome"]
    if not isinstance(outcome, dict):
        raise entry.error("outcome", "outcome must be a mapping")
    unknown = [key for key in outcome if key not in _OUTCOME_KEYS]
    missing = [key for key in _OUTCOME_KEYS if key not in outcome]
    if unknown or missing:
        raise entry.error(
            f"outcome.{unknown[0]}" if unknown else "outcome",
            f"outcome needs exactly the keys {_list(_OUTCOME_KEYS)}"
            + (f"; unknown {unknown[0]!r}" if unknown else f"; missing {missing[0]!r}"),
        )
    mean_rating, volume = outcome["mean_rating"], outcome["volume"]
    if not _is_weight(mean_rating) or not 1 <= mean_rating <= 5:
        raise entry.error(
            "outcome.mean_rating", f"outcome mean_rating must be from 1 to 5, not {mean_rating!r}"
        )
    if isinstance(volume, bool) or not isinstance(volume, int) or volume <= 0:
        raise entry.error(
            "outcome.volume", f"outcome volume must be a positive whole number, not {volume!r}"
        )
    return Outcome(
        mean_rating=float(mean_rating),
        would_use=entry.answers(outcome, "would_use", _WOULD_USE),
        fits_work=entry.answers(outcome, "fits_work", _FITS_WORK),
        roles=entry.weights(outcome, "roles", ROLES, "role"),
        languages=entry.weights(outcome, "languages", LANGUAGES, "language"),
        volume=volume,
    )


def _is_weight(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0


# --- snippets.csv ---------------------------------------------------------------------------


def _load_snippets(
    path: Path, slugs: Collection[str]
) -> tuple[dict[str, tuple[Snippet, ...]], tuple[Snippet, ...]]:
    specific: dict[str, list[Snippet]] = {}
    generic: list[Snippet] = []
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.reader(file, strict=True)
        try:
            header = next(reader, None)
            if header is None or tuple(header) != SNIPPET_COLUMNS:
                raise MaterialError(
                    f"{path.name} line 1: expected the columns {','.join(SNIPPET_COLUMNS)}"
                )
            for row in reader:
                where = f"{path.name} line {reader.line_num}"
                if len(row) != len(SNIPPET_COLUMNS):
                    raise MaterialError(
                        f"{where}: expected {len(SNIPPET_COLUMNS)} columns, found {len(row)}"
                    )
                slug, snippet = _snippet(dict(zip(SNIPPET_COLUMNS, row, strict=True)), where)
                if not slug:
                    generic.append(snippet)
                elif slug in slugs:
                    specific.setdefault(slug, []).append(snippet)
                else:
                    raise MaterialError(f"{where}: unknown experiment {slug!r}")
        except csv.Error as error:
            raise MaterialError(f"{path.name} line {reader.line_num}: {error}") from error
    return {slug: tuple(items) for slug, items in specific.items()}, tuple(generic)


def _snippet(row: Mapping[str, str], where: str) -> tuple[str, Snippet]:
    text = row["text"]
    if not text.strip():
        raise MaterialError(f"{where}: empty text")
    if text != text.strip():
        raise MaterialError(f"{where}: the text starts or ends with white space")
    roles = _keys(row["roles"], ROLES, "role", where)
    if not roles:
        raise MaterialError(f"{where}: a snippet needs at least one role")
    themes = _keys(row["themes"], THEMES, "theme", where)
    return row["experiment"].strip(), Snippet(
        text=text,
        lang=_key(row["lang"], LANGUAGES, "language", where),
        roles=roles,
        sentiment=_key(row["sentiment"], SENTIMENTS, "sentiment", where),
        # In taxonomy order, as the generator combines them.
        themes=tuple(key for key in THEMES if key in themes),
    )


def _key(value: str, vocabulary: Collection[str], kind: str, where: str) -> str:
    value = value.strip()
    if value not in vocabulary:
        raise MaterialError(f"{where}: unknown {kind} {value!r}; known: {_list(vocabulary)}")
    return value


def _keys(value: str, vocabulary: Collection[str], kind: str, where: str) -> tuple[str, ...]:
    if not value.strip():
        return ()
    keys = tuple(_key(part, vocabulary, kind, where) for part in value.split(";"))
    if len(set(keys)) != len(keys):
        raise MaterialError(f"{where}: a {kind} appears twice in {value!r}")
    return keys


def _list(values: Collection[str]) -> str:
    return ", ".join(values)


_MATERIAL = load_material()
EXPERIMENTS: tuple[ExperimentMaterial, ...] = _MATERIAL.experiments
# Snippets written for one experiment, by slug.
EXPERIMENT_SNIPPETS: dict[str, tuple[Snippet, ...]] = _MATERIAL.experiment_snippets
# Snippets that fit any experiment.
GENERIC_SNIPPETS: tuple[Snippet, ...] = _MATERIAL.generic_snippets

__all__ = [
    "DATA_DIR",
    "EXPERIMENTS",
    "EXPERIMENT_SNIPPETS",
    "FEEDBACK_STATUSES",
    "GENERIC_SNIPPETS",
    "LANGUAGES",
    "ROLES",
    "SENTIMENTS",
    "SERVICE_AREAS",
    "STATUSES",
    "THEMES",
    "ExperimentMaterial",
    "Material",
    "MaterialError",
    "Outcome",
    "Snippet",
    "all_snippets",
    "load_material",
]


def all_snippets() -> tuple[Snippet, ...]:
    """Every snippet: the experiment-specific ones first, then the generic ones."""
    specific = tuple(item for group in EXPERIMENT_SNIPPETS.values() for item in group)
    return specific + GENERIC_SNIPPETS
