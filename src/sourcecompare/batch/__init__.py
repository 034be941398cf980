"""Many topics at once: :func:`compare_many` compares each topic of a list as
:func:`sourcecompare.compare` does, on a local process pool or a Dask cluster, skips what an
earlier run finished, and builds one findings table for the whole batch.

Modules: ``topics`` (topic lists, JSONL or CSV), ``state`` (keys and records: what is
finished), ``work`` (one topic, in a worker), ``executors`` (the local pool, Dask), ``run``
(``compare_many``), ``table`` (Parquet files and DuckDB views).  ``docs/batch.md`` tells how to
use them.  Importing this package imports neither pyarrow nor dask.
"""

from __future__ import annotations

from .executors import EXECUTORS
from .run import TopicResult, compare_many
from .table import read_table, write_table
from .topics import Topic, load_topics

__all__ = [
    "EXECUTORS",
    "Topic",
    "TopicResult",
    "compare_many",
    "load_topics",
    "read_table",
    "write_table",
]
