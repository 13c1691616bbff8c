"""Exceptions raised by the analysis package."""

from __future__ import annotations

__all__ = ["AnalysisError", "DatasetError", "ModelStoreError"]


class AnalysisError(Exception):
    """Root of every error the analysis package raises on purpose."""


class DatasetError(AnalysisError):
    """A labelled data file cannot be used; the message says why in one line."""


class ModelStoreError(AnalysisError):
    """A stored model cannot be saved or loaded."""
