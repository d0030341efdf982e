"""Timing shared by the benchmarks: the median of repeated runs, by wall clock or CPU."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_time(fn: Callable[[], object], repeat: int,
                clock: Callable[[], float] = time.perf_counter) -> float:
    """Run ``fn`` ``repeat`` times and return the median duration in seconds.

    ``clock`` is the wall clock by default; ``time.process_time`` gives the
    process's CPU time (all its threads).
    """
    samples = []
    for _ in range(repeat):
        start = clock()
        fn()
        samples.append(clock() - start)
    return statistics.median(samples)
