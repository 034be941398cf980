"""What a worker does with one topic: compare its documents, write its report, return the rows.

:func:`run_topic` runs in a worker process (a local pool's or a Dask worker's).  Heavy
resources (OpenCC, jieba, spaCy, CC-CEDICT) load lazily on the first topic and stay loaded
for every later topic of that process: once per worker, not once per topic.  A topic that
cannot be compared is not an exception here: the outcome says what failed (the error's type,
file, line and reason) and the batch goes on.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ManifestError, ReadError, ReportError, SourceCompareError, TopicsError
from ..model import Report
from ..settings import CompareSettings, Settings
from .topics import Topic

__all__ = [
    "Outcome",
    "Task",
    "build_cache",
    "error_record",
    "finding_rows",
    "load_resources",
    "run_topic",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Task:
    """One topic to compare, with where its report goes and how to compare it."""

    topic: Topic
    key: str
    report_dir: str
    mode: str | None = None
    settings: Settings | CompareSettings | None = None


@dataclass(frozen=True)
class Outcome:
    """What came of one topic: ``status`` is ``done`` or ``failed`` (``error`` says why)."""

    topic: str
    key: str
    status: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    error: dict[str, Any] | None = None
    seconds: float = 0.0
    worker: str = ""
    pid: int = 0


def finding_rows(topic: str, report: Report) -> list[dict[str, Any]]:
    """One row per finding of a report, in the report's order (see ``docs/batch.md``)."""
    claims = {c.id: c for c in report.claims}
    docs = {d.id: d for d in report.documents}
    rows: list[dict[str, Any]] = []
    for f in report.findings:
        members = [claims[c.id] for c in f.claims]
        rows.append(
            {
                "topic": topic,
                "finding": f.id,
                "relation": str(f.relation),
                "severity": str(f.severity),
                "confidence": float(f.confidence),
                "attribute": f.subject,
                "documents": [c.document for c in members],
                "tiers": [docs[c.document].metadata.get("tier", "") for c in members],
                "languages": [docs[c.document].language for c in members],
                "figures": [c.text for c in members],
                "low": [c.low for c in members],
                "high": [c.high for c in members],
                "sentences": [c.sentence_text for c in members],
                "claims": list(f.claim_ids),
                "explanation": f.explanation,
            }
        )
    return rows


def error_record(exc: BaseException) -> dict[str, Any]:
    """The type, file, line and reason of an error, as the table keeps them."""
    file: str | None = None
    line: int | None = None
    reason = str(exc)
    if isinstance(exc, ManifestError | TopicsError):
        file, line, reason = exc.path, exc.line, exc.problem
    elif isinstance(exc, ReadError | ReportError):
        file, reason = exc.path, exc.problem
    elif isinstance(exc, OSError):
        file = os.fsdecode(exc.filename) if exc.filename is not None else None
        reason = exc.strerror or str(exc)
    return {"type": type(exc).__name__, "file": file, "line": line, "reason": reason}


def load_resources() -> None:
    """Load every table of the resource cache that a topic's comparison and report read,
    building those the cache lacks (the first run after installing: seconds, announced to
    :func:`sourcecompare.resources.on_build`'s listener)."""
    from ..en_tokenizer import tokenizer
    from ..lexicon import load_tables, pinyin_readings
    from ..readers.detect import script_chars
    from ..report.gloss import load_table

    load_tables(glosses=True)
    pinyin_readings()
    tokenizer()
    script_chars()
    load_table()


def build_cache() -> None:
    """Make sure the resource cache holds every table the workers load
    (:func:`load_resources`), before they start: a first run's builds are then made here,
    where they are announced (a worker's listener is nobody), and the workers only load.
    Done in a forked child where that is safe (:mod:`sourcecompare._fork`), so that this
    process, which compares nothing itself, does not keep the tables; elsewhere, or if the
    child failed (its error is met here again), in this process."""
    from .. import _fork

    def work() -> list[bytes]:
        load_resources()
        return []

    job = _fork.start(work)
    if job is None or job.result() is None:
        load_resources()


def _worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def run_topic(task: Task) -> Outcome:
    """Compare one topic and write its report into ``task.report_dir``."""
    from ..compare import compare
    from ..report import write_report

    began = time.perf_counter()
    topic = task.topic
    try:
        report = compare(list(topic.documents), mode=task.mode, settings=task.settings)
        write_report(report, Path(task.report_dir))
        rows = finding_rows(topic.id, report)
    except Exception as exc:
        record = error_record(exc)
        if isinstance(exc, SourceCompareError | OSError):
            log.info("topic %s failed: %s", topic.id, exc)
        else:  # a bug: record where it happened, and go on with the other topics
            log.exception("topic %s: unexpected error", topic.id)
            frames = traceback.extract_tb(exc.__traceback__)
            if frames:
                record["file"], record["line"] = frames[-1].filename, frames[-1].lineno
        return Outcome(
            topic=topic.id,
            key=task.key,
            status="failed",
            error=record,
            seconds=time.perf_counter() - began,
            worker=_worker_name(),
            pid=os.getpid(),
        )
    return Outcome(
        topic=topic.id,
        key=task.key,
        status="done",
        rows=rows,
        seconds=time.perf_counter() - began,
        worker=_worker_name(),
        pid=os.getpid(),
    )
