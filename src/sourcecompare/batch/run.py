"""``compare_many``: compare many topics, each as :func:`sourcecompare.compare` does, on a local
process pool or a Dask cluster; resumable; into a findings table.

For each topic, in the order they finish::

    OUT/topics/<id>/report.{html,md,json}   the topic's report (written by its worker)
    OUT/state/<id>.json                     its record: key, outcome, findings' rows
    OUT/wiki/<lang>-<hash>/                 each ``wiki:`` article's corpus folder (:mod:`.wiki`)

and once the batch ends (or stops early) the table: ``OUT/findings.parquet``,
``OUT/topics.parquet``, ``OUT/batch.duckdb`` (:mod:`.table`).  Workers must see the topics'
files and ``OUT`` at the same paths (one machine, or a shared file system for a cluster).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import FetchError
from ..settings import CompareSettings, Settings
from .executors import Executor, make_executor
from .state import StateStore, run_settings, topic_key
from .table import write_table
from .topics import Topic, check_topics, load_topics
from .wiki import FOLDER as WIKI
from .wiki import WikiFetcher, fetch_error, needs_fetching
from .work import Outcome, Task

__all__ = ["REPORTS", "TopicResult", "compare_many"]

log = logging.getLogger(__name__)

#: the folder of ``OUT`` holding one report folder per topic
REPORTS = "topics"


@dataclass(frozen=True)
class TopicResult:
    """What became of one topic.

    ``status`` is ``done`` or ``failed``; ``skipped`` says it was not run again because its
    record (same inputs, same settings) says so already.  ``error`` holds ``type``, ``file``,
    ``line`` and ``reason`` of a failure.  ``pid`` is the worker process's id (0 when skipped
    or when no worker gave an answer).
    """

    topic: str
    status: str
    skipped: bool
    key: str
    findings: int
    conflicts: int
    report: Path
    error: dict[str, Any] | None = None
    attempts: int = 0
    seconds: float = 0.0
    worker: str = ""
    pid: int = 0


def _counts(rows: Sequence[dict[str, Any]]) -> tuple[int, int]:
    return len(rows), sum(1 for r in rows if r.get("relation") == "conflict")


def _from_record(topic: Topic, record: dict[str, Any], report: Path) -> TopicResult:
    found, conflicts = _counts(record.get("findings") or [])
    return TopicResult(
        topic=topic.id,
        status=str(record.get("status")),
        skipped=True,
        key=str(record.get("key")),
        findings=found,
        conflicts=conflicts,
        report=report,
        error=record.get("error"),
        attempts=int(record.get("attempts") or 0),
        seconds=float(record.get("seconds") or 0.0),
        worker=str(record.get("worker") or ""),
    )


def _reusable(record: dict[str, Any] | None, key: str, report: Path, retry_failed: bool) -> bool:
    if record is None or record.get("key") != key:
        return False
    if record.get("status") == "done":
        return (report / "report.json").is_file()
    return record.get("status") == "failed" and not retry_failed


def _record(
    outcomes: Iterator[tuple[Outcome, int]],
    tasks: dict[str, Task],
    listed: dict[str, Topic],
    store: StateStore,
    signature: str,
) -> Iterator[TopicResult]:
    """Keep each outcome's record (atomically), then yield it as a result."""
    for outcome, attempts in outcomes:
        task = tasks[outcome.topic]
        store.save(
            outcome.topic,
            {
                "topic": outcome.topic,
                "key": outcome.key,
                "signature": signature,
                "status": outcome.status,
                "documents": list(listed[outcome.topic].documents),
                "findings": outcome.rows,
                "error": outcome.error,
                "attempts": attempts,
                "seconds": round(outcome.seconds, 3),
                "worker": outcome.worker,
            },
        )
        found, conflicts = _counts(outcome.rows)
        yield TopicResult(
            topic=outcome.topic,
            status=outcome.status,
            skipped=False,
            key=outcome.key,
            findings=found,
            conflicts=conflicts,
            report=Path(task.report_dir),
            error=outcome.error,
            attempts=attempts,
            seconds=outcome.seconds,
            worker=outcome.worker,
            pid=outcome.pid,
        )


def _unfetched(topic: Topic, exc: FetchError, report: Path, store: StateStore) -> TopicResult:
    """Record (and return) a topic whose article could not be fetched.  Its record has no key,
    so it never counts as finished: the next run fetches again."""
    error = fetch_error(exc)
    log.info("topic %s failed: %s", topic.id, exc)
    store.save(
        topic.id,
        {
            "topic": topic.id,
            "key": "",
            "status": "failed",
            "documents": list(topic.documents),
            "findings": [],
            "error": error,
            "attempts": 0,
            "seconds": 0.0,
            "worker": "",
        },
    )
    return TopicResult(
        topic=topic.id, status="failed", skipped=False, key="", findings=0, conflicts=0,
        report=report, error=error,
    )  # fmt: skip


def _run(
    topics: tuple[Topic, ...],
    out: Path,
    runner: Executor,
    store: StateStore,
    settings: Settings,
    retry_failed: bool,
    table: bool,
    fetcher: WikiFetcher | None,
) -> Iterator[TopicResult]:
    reports = out / REPORTS
    signature = settings.signature()
    finished = False
    try:
        todo: list[Task] = []
        for topic in topics:
            report = reports / topic.id
            runnable = topic
            if fetcher is not None:
                try:
                    runnable = fetcher.resolve(topic)
                except FetchError as exc:
                    yield _unfetched(topic, exc, report, store)
                    continue
            key = topic_key(runnable, signature)
            record = store.load(topic.id)
            if record is not None and _reusable(record, key, report, retry_failed):
                yield _from_record(topic, record, report)
            else:
                todo.append(Task(runnable, key, str(report), settings=settings))
        if todo:
            log.info("%d topic(s) to compare on the %s", len(todo), runner.describe())
            by_id = {t.topic.id: t for t in todo}
            listed = {t.id: t for t in topics}
            outcomes: Generator[tuple[Outcome, int], None, None] = runner.run(todo)
            try:
                yield from _record(outcomes, by_id, listed, store, signature)
            finally:
                outcomes.close()  # stopped early: the executor ends its workers or futures now
        finished = True
    finally:
        if table:
            if finished:
                write_table(out, topics, reports=REPORTS)
            else:
                try:  # stopped early: the table of what is finished, without masking why
                    write_table(out, topics, reports=REPORTS)
                except Exception:
                    log.exception("%s: the table of the finished topics could not be built", out)


def compare_many(
    topics: Iterable[Topic] | str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    executor: str | None = None,
    workers: int | None = None,
    scheduler: Any = None,
    mode: str | None = None,
    settings: Settings | CompareSettings | None = None,
    retry_failed: bool = False,
    max_attempts: int = 3,
    table: bool = True,
    wiki_cache: str | os.PathLike[str] | None = None,
    offline: bool = False,
    contact: str | None = None,
    wiki_client: Any = None,
) -> Iterator[TopicResult]:
    """Compare every topic and yield a :class:`TopicResult` for each as it finishes (topics
    unchanged since a finished run first, as ``skipped``).

    ``topics`` is a topic list file (JSONL or CSV, :mod:`.topics`) or :class:`Topic` values.
    The topics run on a local pool of ``workers`` processes (default: the cores), or on the
    Dask cluster ``scheduler`` (an address such as ``tcp://host:8786``, a ``LocalCluster`` or
    a ``Client``); ``executor`` names the executor outright (``local``, ``dask``).
    ``mode`` and ``settings`` (the settings tree, or its matching part) mean what they mean
    to :func:`sourcecompare.compare`; every topic is compared with the one tree they make
    (:func:`.state.run_settings`).  A topic whose record has the same key (its inputs' bytes
    and that tree's :meth:`~sourcecompare.settings.Settings.signature`, which holds the
    version) is not run again; a failed one is, with ``retry_failed``.  The table is written
    when the iteration ends, or stops.

    ``wiki:LANG:Title`` documents are fetched first, by this process, into ``OUT/wiki/``
    (:mod:`.wiki`): through the cache ``wiki_cache`` (default ``OUT/wiki/.cache``), which comes
    first, and never from the network with ``offline``; ``contact`` goes into the user agent,
    and ``wiki_client`` replaces the client outright (a
    :class:`~sourcecompare.fetch.WikiClient`).  An article that cannot be had fails its topic
    (the error names the entry) and the others go on.

    The topic list, the output folder and the executor are checked before this returns, so a
    mistake there raises at once (:class:`~sourcecompare.errors.TopicsError`,
    :class:`~sourcecompare.errors.BatchError`) and nothing runs.
    """
    if isinstance(topics, str | os.PathLike):
        listed = load_topics(Path(topics))
    else:
        listed = check_topics(topics)
    runner = make_executor(
        executor, workers=workers, scheduler=scheduler, max_attempts=max_attempts
    )
    root = Path(out)
    store = StateStore(root)
    store.prepare()
    tree = run_settings(mode, settings)  # an unknown mode raises here, before anything runs
    fetcher = None
    if wiki_client is not None or needs_fetching(listed):
        fetcher = WikiFetcher(
            root / WIKI,
            client=wiki_client,
            cache=Path(wiki_cache) if wiki_cache is not None else None,
            offline=offline,
            contact=contact,
        )
    return _run(listed, root, runner, store, tree, retry_failed, table, fetcher)
