"""The demo programme's hand-written material in one place.

Experiments live in `experiments`, feedback snippets in `snippets_*` (by group of service areas) and
`snippets_generic`; the records and vocabularies in `records`.
"""

from __future__ import annotations

from feedback_api.demo import snippets_care, snippets_city, snippets_learning, snippets_work
from feedback_api.demo.experiments import EXPERIMENTS
from feedback_api.demo.records import (
    FEEDBACK_STATUSES,
    LANGUAGES,
    ROLES,
    SENTIMENTS,
    SERVICE_AREAS,
    STATUSES,
    THEMES,
    ExperimentMaterial,
    Outcome,
    Snippet,
)
from feedback_api.demo.snippets_generic import GENERIC

# Snippets written for one experiment, by slug.
EXPERIMENT_SNIPPETS: dict[str, tuple[Snippet, ...]] = {
    **snippets_learning.BY_SLUG,
    **snippets_care.BY_SLUG,
    **snippets_city.BY_SLUG,
    **snippets_work.BY_SLUG,
}
# Snippets that fit any experiment.
GENERIC_SNIPPETS: tuple[Snippet, ...] = GENERIC

__all__ = [
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
    "Outcome",
    "Snippet",
    "all_snippets",
]


def all_snippets() -> tuple[Snippet, ...]:
    """Every snippet: the experiment-specific ones first, then the generic ones."""
    specific = tuple(item for group in EXPERIMENT_SNIPPETS.values() for item in group)
    return specific + GENERIC_SNIPPETS
