"""Imported once by the intake writer's fork server, so that each writer child starts warm.

Forked children share what the server loaded: the analysis stack, and the two things it
builds on first use, the language model (trained from the shipped samples, ~0.4 s) and the
sentiment lexicon. Without this every new child paid for them on its first batch.
"""

from __future__ import annotations

import analysis.pipeline  # noqa: F401 (the classes an unpickled Analyzer needs)
from analysis.lexicon import polarity_cues
from analysis.preprocess import detect_languages
from feedback_api.services import intake_process  # noqa: F401 (the child's own code)

detect_languages(["warm up"])
polarity_cues(["warm up"])
