"""The garbage collector's settings for a long-running process."""

from __future__ import annotations

import gc

from feedback_api.runtime import YOUNG_THRESHOLD, startup_objects_frozen


def test_startup_objects_are_frozen_and_young_collections_rarer_until_the_end() -> None:
    before = gc.get_threshold()
    loaded = [{"model": i} for i in range(1000)]  # stands for what startup loaded
    with startup_objects_frozen():
        assert gc.get_freeze_count() >= len(loaded)
        assert gc.get_threshold()[0] == max(before[0], YOUNG_THRESHOLD)
        assert gc.get_threshold()[1:] == before[1:]
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
