"""The cyclic garbage collector's settings in a process that runs one job: the
``sourcecompare`` command's process, and each worker of a batch's local pool.

What a comparison builds (documents, tokens, claims, findings, report text) is frozen values
without reference cycles, freed by reference counting as soon as they go, so the collector's
passes over a heap that only grows find next to nothing and cost time: about 0.1 s of a run
over a 50 KB list of figures, and 7-11 % of each topic of a batch.  :func:`one_job` freezes
the objects made so far (the imports) out of its passes and makes them rarer.  A library
caller's own process (tests, notebooks) keeps its settings: only those two processes, which
run nothing else, call it.
"""

from __future__ import annotations

import gc

__all__ = ["THRESHOLD", "one_job"]

#: the collector's first threshold in a one-job process (Python's is 700)
THRESHOLD = 50_000


def one_job() -> None:
    """Set this process's collector for one job (see the module)."""
    gc.freeze()
    gc.set_threshold(THRESHOLD, 20, 10)
