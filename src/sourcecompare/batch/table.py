"""The findings table of a batch: Parquet files and a DuckDB database of views over them.

Built from the topics' records (:mod:`.state`), in the order of the topic list:

``OUT/findings.parquet``
    one row per finding of every finished topic (columns: :data:`FINDING_COLUMNS`);
``OUT/topics.parquet``
    one row per listed topic: ``done``, ``failed`` (with the error's type, file, line and
    reason) or ``pending`` (not finished yet);
``OUT/batch.duckdb``
    views ``findings``, ``topics`` and ``conflicts`` over the two files (by absolute path).

Each file is written to a temporary name and moved into place, so a reader sees a whole table
of one build.  pyarrow (and duckdb, for the views) are imported when a table is built, never
when the package is imported.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import BatchError
from .state import StateStore
from .topics import Topic

__all__ = [
    "FINDING_COLUMNS",
    "TOPIC_COLUMNS",
    "TablePaths",
    "findings_schema",
    "paths",
    "read_table",
    "topics_schema",
    "write_table",
]

log = logging.getLogger(__name__)

FINDINGS = "findings.parquet"
TOPICS = "topics.parquet"
DATABASE = "batch.duckdb"
#: rows buffered before a row group is written
_ROW_GROUP = 50_000

#: finding column -> (arrow type name, what it holds)
FINDING_COLUMNS: dict[str, tuple[str, str]] = {
    "topic": ("string", "the topic id"),
    "finding": ("string", "the finding id (stable across runs)"),
    "relation": ("string", "agreement, compatible, conflict or one-sided"),
    "severity": ("string", "high, medium, low or info"),
    "confidence": ("float64", "how sure the match is (0-1)"),
    "attribute": ("string", "what is counted (person, year...)"),
    "documents": ("list<string>", "the documents stating the fact, one per claim"),
    "tiers": ("list<string>", "their reliability tiers (encyclopedia, peer-reviewed...)"),
    "languages": ("list<string>", "their languages"),
    "figures": ("list<string>", "the figures as written"),
    "low": ("list<float64>", "the low end of each figure's interval"),
    "high": ("list<float64>", "the high end of each figure's interval"),
    "sentences": ("list<string>", "the sentences stating them"),
    "claims": ("list<string>", "the claim ids"),
    "explanation": ("string", "the finding in words"),
}
#: topic column -> (arrow type name, what it holds)
TOPIC_COLUMNS: dict[str, tuple[str, str]] = {
    "topic": ("string", "the topic id"),
    "status": ("string", "done, failed or pending"),
    "findings": ("int64", "findings of the topic"),
    "conflicts": ("int64", "of which conflicts"),
    "documents": ("list<string>", "the topic's documents as listed"),
    "report": ("string", "the folder of the topic's report"),
    "key": ("string", "hash of the inputs and settings (a re-run skips an unchanged one)"),
    "error_type": ("string", "what failed (an exception name; WorkerDied)"),
    "error_file": ("string", "the file it concerns"),
    "error_line": ("int64", "the line in that file, when known"),
    "error_reason": ("string", "why"),
    "attempts": ("int64", "how often its last run started it (1 + the workers that died on it)"),
    "seconds": ("float64", "how long its comparison took"),
    "worker": ("string", "the worker that ran it (host:pid)"),
}


def _arrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as err:
        raise BatchError(
            None, "the findings table needs pyarrow: pip install 'sourcecompare[batch]'"
        ) from err
    return pyarrow


def _schema(columns: dict[str, tuple[str, str]]) -> Any:
    pa = _arrow()
    types = {
        "string": pa.string(),
        "int64": pa.int64(),
        "float64": pa.float64(),
        "list<string>": pa.list_(pa.string()),
        "list<float64>": pa.list_(pa.float64()),
    }
    return pa.schema([pa.field(name, types[kind]) for name, (kind, _) in columns.items()])


def findings_schema() -> Any:
    """The Arrow schema of ``findings.parquet``."""
    return _schema(FINDING_COLUMNS)


def topics_schema() -> Any:
    """The Arrow schema of ``topics.parquet``."""
    return _schema(TOPIC_COLUMNS)


@dataclass(frozen=True)
class TablePaths:
    findings: Path
    topics: Path
    database: Path | None


def _topic_row(topic: Topic, record: dict[str, Any] | None, report: Path) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(TOPIC_COLUMNS)
    row.update(topic=topic.id, documents=list(topic.documents), report=str(report))
    if record is None:
        row.update(status="pending", findings=0, conflicts=0)
        return row
    rows = record.get("findings") or []
    error = record.get("error") or {}
    row.update(
        status=record.get("status"),
        findings=len(rows),
        conflicts=sum(1 for r in rows if r.get("relation") == "conflict"),
        key=record.get("key"),
        error_type=error.get("type"),
        error_file=error.get("file"),
        error_line=error.get("line"),
        error_reason=error.get("reason"),
        attempts=record.get("attempts"),
        seconds=record.get("seconds"),
        worker=record.get("worker"),
    )
    return row


def _temp(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")


def _replace(tmp: Path, final: Path) -> None:
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, final)


def _write_parquet(path: Path, schema: Any, batches: Iterator[list[dict[str, Any]]]) -> None:
    pa = _arrow()
    tmp = _temp(path)
    try:
        with pa.parquet.ParquetWriter(tmp, schema) as writer:
            wrote = False
            for rows in batches:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                wrote = True
            if not wrote:
                writer.write_table(schema.empty_table())
        _replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _write_database(path: Path, findings: Path, topics: Path) -> Path | None:
    try:
        import duckdb
    except ImportError:
        log.warning("duckdb is not installed: no %s (the Parquet files are written)", path.name)
        return None
    tmp = _temp(path)
    try:
        con = duckdb.connect(str(tmp))
        try:
            f, t = _sql_string(str(findings.resolve())), _sql_string(str(topics.resolve()))
            con.execute(f"CREATE VIEW findings AS SELECT * FROM read_parquet({f})")
            con.execute(f"CREATE VIEW topics AS SELECT * FROM read_parquet({t})")
            con.execute(
                "CREATE VIEW conflicts AS SELECT * FROM findings WHERE relation = 'conflict'"
            )
            con.execute("CHECKPOINT")
        finally:
            con.close()
        _replace(tmp, path)
    except BaseException:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise
    return path


def write_table(
    out: str | os.PathLike[str], topics: Sequence[Topic], *, reports: str = "topics"
) -> TablePaths:
    """Build the findings table of ``topics`` from the records in ``out`` (see the module)."""
    root = Path(out)
    store = StateStore(root)
    findings, topics_file, database = root / FINDINGS, root / TOPICS, root / DATABASE

    def finding_batches() -> Iterator[list[dict[str, Any]]]:
        buffer: list[dict[str, Any]] = []
        for topic in topics:
            record = store.load(topic.id)
            if record is None or record.get("status") != "done":
                continue
            buffer.extend(record.get("findings") or [])
            if len(buffer) >= _ROW_GROUP:
                yield buffer
                buffer = []
        if buffer:
            yield buffer

    def topic_batches() -> Iterator[list[dict[str, Any]]]:
        rows = [_topic_row(t, store.load(t.id), root / reports / t.id) for t in topics]
        for i in range(0, len(rows), _ROW_GROUP):
            yield rows[i : i + _ROW_GROUP]

    try:
        _write_parquet(findings, findings_schema(), finding_batches())
        _write_parquet(topics_file, topics_schema(), topic_batches())
        db = _write_database(database, findings, topics_file)
    except OSError as err:
        raise BatchError(str(err.filename or root), f"cannot write: {err.strerror or err}") from err
    return TablePaths(findings=findings, topics=topics_file, database=db)


def paths(out: str | os.PathLike[str]) -> TablePaths:
    """Where the table of the batch in ``out`` is (``database`` is ``None`` when absent)."""
    root = Path(out)
    database = root / DATABASE
    return TablePaths(
        findings=root / FINDINGS,
        topics=root / TOPICS,
        database=database if database.is_file() else None,
    )


def read_table(out: str | os.PathLike[str], name: str = "findings") -> Any:
    """A table of a batch as a ``pyarrow.Table`` (``findings`` or ``topics``)."""
    pa = _arrow()
    files = {"findings": FINDINGS, "topics": TOPICS}
    if name not in files:
        from ..errors import UnknownComponent

        raise UnknownComponent("batch table", name, list(files))
    path = Path(out) / files[name]
    try:
        return pa.parquet.read_table(path)
    except (OSError, pa.ArrowInvalid) as err:
        raise BatchError(str(path), f"cannot read the table: {err}") from err
