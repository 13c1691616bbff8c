"""Process-wide settings of a long-running server or bot process."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Allocations (net of deallocations) between two young-generation collections; Python's
# default is 700. A server's requests in flight alone swing the count by more than that, so
# at the default the collector ran ~120 times a second under load and found nothing to
# collect (measured: 961 young collections in 8 s, 0.37 ms each, 0 objects freed), ~15 % of
# the server's CPU per submission. At 10,000 it did not run at all in the same load.
YOUNG_THRESHOLD = 10_000


@contextmanager
def startup_objects_frozen() -> Iterator[None]:
    """Keeps what is loaded so far (models, lexicons, catalogs) out of full collections, and
    collects the young generation less often (YOUNG_THRESHOLD).

    They live as long as the process, yet every full pass of the cyclic collector scans
    them all: with the models loaded that stalled every request in flight for 150-190 ms,
    several times a second under load (measured). Frozen, a pass scans only newer objects.
    No collection first: in a process that has run for a while (a test run) one takes
    seconds, and the little garbage of a fresh start is not worth it.
    """
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(threshold[0], YOUNG_THRESHOLD), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()
