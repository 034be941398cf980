"""The review store: fact-checkers' verdicts on findings, in one SQLite file.

For each finding id the store keeps its verdict (status, note, reviewer, time) and the whole
history of changes: every change appends a row, none is ever overwritten or deleted (triggers
refuse it).  The current verdict is the newest row of the history.  It also records which
findings each run of ``compare`` produced, so findings that disappear are listed as resolved by
a change in the sources, their verdicts kept.

Durability: the database is in WAL mode with ``synchronous=FULL``; every write is one
transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``), and a call returns only once its transaction
is committed, so a killed process never leaves a half-written verdict, and a verdict that was
acknowledged is on disk.

>>> store = ReviewStore.open(":memory:", clock=lambda: "2024-05-01T09:00:00.000+00:00")
>>> store.sync_findings([FindingSnapshot("F1", "conflict", "high", 0.9, "6637 vs 6836")], "sig")
SyncResult(run=1, new=('F1',), kept=(), resolved=())
>>> store.set_verdict("F1", Status.CONFIRMED, note="checked both", reviewer="ann").revision
1
>>> store.statuses()
{'F1': <Status.CONFIRMED: 'confirmed-discrepancy'>}
>>> [v.status.value for v in store.history("F1")]
['confirmed-discrepancy']
>>> store.close()
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import InvalidVerdict, ReviewError, ReviewStoreError, UnknownFinding
from ..model import FINAL_STATUSES, STATUS_LABELS, Finding, Status

__all__ = [
    "FINAL_STATUSES",
    "NOTE_MAX",
    "REVIEWER_MAX",
    "STATUS_LABELS",
    "ClaimSnapshot",
    "FindingSnapshot",
    "InvalidVerdict",
    "ReviewError",
    "ReviewStore",
    "ReviewStoreError",
    "Run",
    "Status",
    "SyncResult",
    "TrackedFinding",
    "UnknownFinding",
    "Verdict",
]

logger = logging.getLogger(__name__)

#: ``PRAGMA application_id`` of a review store ("SCRV")
APPLICATION_ID = 0x53435256
#: version of the schema below (``PRAGMA user_version``)
SCHEMA_VERSION = 1
#: longest note, reviewer name and finding id accepted (characters)
NOTE_MAX = 10_000
REVIEWER_MAX = 200
FINDING_ID_MAX = 500
#: how long a write waits for another process's transaction before giving up (ms)
BUSY_TIMEOUT_MS = 10_000


@dataclass(frozen=True, slots=True)
class ClaimSnapshot:
    """What a reviewer (and an export) needs of one claim of a finding, kept in the store so a
    finding that later disappears from the report can still be shown and exported."""

    id: str
    document: str
    text: str
    sentence: str = ""
    title: str = ""
    language: str = ""
    url: str = ""
    publisher: str = ""
    #: the reliability tier of the claim's paragraph (comments: user-comments)
    tier: str = ""
    #: where it stands, to cite: ``wolman-2024 ¶16`` (``paper ¶16, p. 205`` for a paged document)
    where: str = ""
    #: the document's citation (author; journal...; URL...), as the report gives it
    citation: str = ""
    #: the document's author, when the manifest or the document names one
    author: str = ""
    #: what ``author`` names: ``person`` (people; the default) or ``organization`` (one)
    author_type: str = ""
    #: the whole paragraph, and the figure's span in it (``-1`` when not placed)
    context: str = ""
    figure_start: int = -1
    figure_end: int = -1
    #: where ``sentence`` starts in ``context`` (``-1`` when not known), so that the figure
    #: is marked where it stands, not at the first copy of its text in the sentence
    sentence_start: int = -1
    #: the paragraph's id in report.html (``report.html#ANCHOR``: the side-by-side view)
    anchor: str = ""
    #: a CC-CEDICT word-by-word gloss of a Chinese sentence: (word, gloss) pairs
    gloss: tuple[tuple[str, str], ...] = ()


_CLAIM_FIELDS = ("id", "document", "text", "sentence", "title", "language", "url", "publisher",
                 "tier", "where", "citation", "author", "author_type", "context",
                 "anchor")  # fmt: skip


def sources_from_json(value: object) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Sources grouped by figure, from a snapshot or ``report.json`` (absent: none)."""
    if not isinstance(value, list):
        return ()
    out: list[tuple[str, tuple[str, ...]]] = []
    for g in value:
        if isinstance(g, dict) and isinstance(g.get("documents"), list):
            out.append((str(g.get("figure", "")), tuple(str(d) for d in g["documents"])))
    return tuple(out)


def _claim_from_dict(c: Mapping[str, Any]) -> ClaimSnapshot:
    """A claim snapshot from its stored form (older stores lack the later fields)."""
    fields: dict[str, Any] = {k: str(c[k]) for k in _CLAIM_FIELDS if k in c}
    for k in ("figure_start", "figure_end", "sentence_start"):
        if isinstance(c.get(k), int) and not isinstance(c.get(k), bool):
            fields[k] = c[k]
    pairs = c.get("gloss")
    if isinstance(pairs, list):
        fields["gloss"] = tuple(
            (str(p[0]), str(p[1])) for p in pairs if isinstance(p, list | tuple) and len(p) == 2
        )
    return ClaimSnapshot(**fields)


@dataclass(frozen=True, slots=True)
class FindingSnapshot:
    """A finding as the store keeps it: its fields and its claims' texts and sources."""

    id: str
    relation: str
    severity: str
    confidence: float
    explanation: str
    subject: str = ""
    claims: tuple[ClaimSnapshot, ...] = ()
    #: the claims grouped by the figure they give: (figure, document ids) pairs
    sources: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @classmethod
    def of(cls, finding: Finding | FindingSnapshot) -> FindingSnapshot:
        """A snapshot of a bare :class:`~sourcecompare.model.Finding` (claim ids only)."""
        if isinstance(finding, FindingSnapshot):
            return finding
        return cls(
            id=finding.id,
            relation=str(finding.relation),
            severity=str(finding.severity),
            confidence=float(finding.confidence),
            explanation=finding.explanation,
            subject=finding.subject,
            claims=tuple(ClaimSnapshot(id=c.id, document="", text="") for c in finding.claims),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "relation": self.relation,
            "severity": self.severity,
            "confidence": self.confidence,
            "explanation": self.explanation,
            "subject": self.subject,
            "claims": [
                {
                    **{k: getattr(c, k) for k in _CLAIM_FIELDS},
                    "figure_start": c.figure_start,
                    "figure_end": c.figure_end,
                    "sentence_start": c.sentence_start,
                    "gloss": [list(p) for p in c.gloss],
                }
                for c in self.claims
            ],
            "sources": [{"figure": f, "documents": list(d)} for f, d in self.sources],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FindingSnapshot:
        return cls(
            id=str(data["id"]),
            relation=str(data.get("relation", "")),
            severity=str(data.get("severity", "")),
            confidence=float(data.get("confidence", 0.0)),
            explanation=str(data.get("explanation", "")),
            subject=str(data.get("subject", "")),
            claims=tuple(_claim_from_dict(c) for c in data.get("claims", ())),
            sources=sources_from_json(data.get("sources")),
        )


@dataclass(frozen=True, slots=True)
class Verdict:
    """One state of a finding's review: the current one, or one row of its history.

    ``revision`` counts the changes of this finding from 1; ``at`` is an ISO 8601 UTC time.
    """

    finding: str
    revision: int
    status: Status
    note: str
    reviewer: str
    at: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "finding": self.finding,
            "revision": self.revision,
            "status": self.status.value,
            "label": self.status.label,
            "note": self.note,
            "reviewer": self.reviewer,
            "at": self.at,
        }


@dataclass(frozen=True, slots=True)
class Run:
    """One run of ``compare`` as the store saw it."""

    id: int
    signature: str
    at: str
    findings: int


@dataclass(frozen=True, slots=True)
class SyncResult:
    """What a run changed: ids first seen in it (``new``), ids seen before that it still has
    (``kept``, verdicts included), and ids known to the store that it no longer has
    (``resolved``: resolved by a change in the sources; their verdicts are kept)."""

    run: int
    new: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()
    resolved: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TrackedFinding:
    """A finding the store knows: its latest snapshot, whether the latest run still has it,
    and its current verdict (``None`` when nobody has set one)."""

    snapshot: FindingSnapshot
    current: bool
    first_run: int
    last_run: int
    verdict: Verdict | None = field(default=None)

    @property
    def status(self) -> Status:
        return self.verdict.status if self.verdict is not None else Status.UNREVIEWED


_STATUS_SQL = ", ".join(f"'{s.value}'" for s in Status)

_SCHEMA = f"""
CREATE TABLE runs (
    id        INTEGER PRIMARY KEY,
    signature TEXT NOT NULL,
    key       TEXT NOT NULL,
    at        TEXT NOT NULL
);
CREATE TABLE findings (
    id        TEXT PRIMARY KEY,
    first_run INTEGER NOT NULL REFERENCES runs(id),
    last_run  INTEGER NOT NULL REFERENCES runs(id),
    snapshot  TEXT NOT NULL
);
CREATE TABLE run_findings (
    run       INTEGER NOT NULL REFERENCES runs(id),
    finding   TEXT NOT NULL REFERENCES findings(id),
    position  INTEGER NOT NULL,
    PRIMARY KEY (run, finding)
) WITHOUT ROWID;
CREATE TABLE history (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    finding   TEXT NOT NULL REFERENCES findings(id),
    revision  INTEGER NOT NULL CHECK (revision >= 1),
    status    TEXT NOT NULL CHECK (status IN ({_STATUS_SQL})),
    note      TEXT NOT NULL,
    reviewer  TEXT NOT NULL,
    at        TEXT NOT NULL,
    UNIQUE (finding, revision)
);
CREATE TRIGGER history_append_only_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'the review history is append-only'); END;
CREATE TRIGGER history_append_only_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'the review history is append-only'); END;
CREATE VIEW verdicts AS
    SELECT h.finding, h.revision, h.status, h.note, h.reviewer, h.at FROM history AS h
    WHERE h.revision = (SELECT MAX(revision) FROM history WHERE finding = h.finding);
"""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _clean_text(value: object, what: str, limit: int) -> str:
    if not isinstance(value, str):
        raise InvalidVerdict(f"{what} must be text, not {type(value).__name__}")
    if len(value) > limit:
        raise InvalidVerdict(f"{what} is longer than {limit} characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidVerdict(f"{what} holds characters that are not valid Unicode") from None
    if "\x00" in value:
        raise InvalidVerdict(f"{what} holds a NUL character")
    return value


def _status(value: object) -> Status:
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return Status(value)
    except ValueError:
        valid = ", ".join(s.value for s in Status)
        raise InvalidVerdict(f"unknown status {value!r}; valid statuses: {valid}") from None


def _run_key(signature: str, ids: Iterable[str]) -> str:
    digest = hashlib.sha256(signature.encode("utf-8", "surrogatepass"))
    for i in sorted(ids):
        digest.update(b"\x00" + i.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class ReviewStore:
    """A review database.  Open with :meth:`open`; safe to share between threads (one
    connection behind a lock) and between processes (SQLite's locking, a busy timeout)."""

    def __init__(
        self, connection: sqlite3.Connection, path: str, clock: Callable[[], str] = _now
    ) -> None:
        self._db = connection
        self.path = path
        self._clock = clock
        self._lock = threading.RLock()

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls, path: str | os.PathLike[str], *, clock: Callable[[], str] | None = None
    ) -> ReviewStore:
        """Open the store at ``path``, creating it (not its folder) when it does not exist.

        A file that is not a SQLite database, or a database that is not a review store, or a
        store written by a newer sourcecompare raises :class:`ReviewStoreError` naming it.
        """
        where = os.fspath(path)
        if where != ":memory:" and not Path(where).parent.is_dir():
            raise ReviewStoreError(where, "its folder does not exist")
        try:
            db = sqlite3.connect(
                where, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                check_same_thread=False,
            )  # fmt: skip
        except sqlite3.Error as err:
            raise ReviewStoreError(where, f"cannot open: {err}") from err
        store = cls(db, where, clock or _now)
        try:
            store._setup()
        except sqlite3.DatabaseError as err:
            db.close()
            raise ReviewStoreError(where, f"not a usable review store: {err}") from err
        except ReviewStoreError:
            db.close()
            raise
        return store

    def _setup(self) -> None:
        db = self._db
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal" and self.path != ":memory:":
            raise ReviewStoreError(self.path, f"cannot use write-ahead logging (mode {mode})")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        with self._write():
            version = db.execute("PRAGMA user_version").fetchone()[0]
            app = db.execute("PRAGMA application_id").fetchone()[0]
            if version == 0:
                tables = db.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
                if tables:
                    raise ReviewStoreError(self.path, "a SQLite database but not a review store")
                for statement in _split_sql(_SCHEMA):
                    db.execute(statement)
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                logger.info("created review store %s", self.path)
            elif app != APPLICATION_ID:
                raise ReviewStoreError(self.path, "a SQLite database but not a review store")
            elif version > SCHEMA_VERSION:
                raise ReviewStoreError(
                    self.path,
                    f"written by a newer sourcecompare (schema {version}; this one reads "
                    f"{SCHEMA_VERSION})",
                )
        check = db.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise ReviewStoreError(self.path, f"the database is damaged: {check}")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (``BEGIN IMMEDIATE``); committed on success,
        rolled back on any error."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as err:
                raise ReviewStoreError(self.path, f"cannot write: {err}") from err
            try:
                yield self._db
            except sqlite3.Error as err:
                self._rollback()
                raise ReviewStoreError(self.path, f"cannot write: {err}") from err
            except BaseException:
                self._rollback()
                raise
            try:
                self._db.execute("COMMIT")
            except sqlite3.Error as err:
                self._rollback()
                raise ReviewStoreError(self.path, f"cannot commit: {err}") from err

    def _rollback(self) -> None:
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._db
            except sqlite3.Error as err:
                raise ReviewStoreError(self.path, f"cannot read: {err}") from err

    # ------------------------------------------------------------------ runs

    def sync_findings(
        self, findings: Iterable[Finding | FindingSnapshot], run_signature: str
    ) -> SyncResult:
        """Record that a run (of settings ``run_signature``) produced ``findings``.

        Returns which of them are new, which were known (their verdicts apply), and which
        known findings the run no longer has (resolved by a change in the sources; their
        verdicts are kept, and come back if the finding does).  Recording the same findings
        and signature as the latest run again changes nothing and gives the same answer.
        """
        snaps = [FindingSnapshot.of(f) for f in findings]
        ids = [s.id for s in snaps]
        if len(set(ids)) != len(ids):
            raise ReviewError("two findings of the run have the same id")
        for i in ids:
            _clean_text(i, "a finding id", FINDING_ID_MAX)
        key = _run_key(run_signature, ids)
        with self._write() as db:
            latest = db.execute("SELECT id, key FROM runs ORDER BY id DESC LIMIT 1").fetchone()
            if latest is not None and latest[1] == key:
                run = int(latest[0])
            else:
                run = int(
                    db.execute(
                        "INSERT INTO runs (signature, key, at) VALUES (?, ?, ?)",
                        (run_signature, key, self._clock()),
                    ).lastrowid
                    or 0
                )
            for position, snap in enumerate(snaps):
                text = json.dumps(snap.to_dict(), ensure_ascii=False, sort_keys=True)
                db.execute(
                    "INSERT INTO findings (id, first_run, last_run, snapshot) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (id) DO UPDATE SET last_run = excluded.last_run,"
                    " snapshot = excluded.snapshot",
                    (snap.id, run, run, text),
                )
                db.execute(
                    "INSERT OR REPLACE INTO run_findings (run, finding, position) VALUES (?, ?, ?)",
                    (run, snap.id, position),
                )
            first = dict(db.execute("SELECT id, first_run FROM findings").fetchall())
        new = tuple(i for i in ids if first[i] == run)
        kept = tuple(i for i in ids if first[i] != run)
        present = set(ids)
        resolved = tuple(sorted(i for i in first if i not in present))
        logger.info(
            "review store %s: run %d, %d new, %d kept, %d resolved",
            self.path, run, len(new), len(kept), len(resolved),
        )  # fmt: skip
        return SyncResult(run=run, new=new, kept=kept, resolved=resolved)

    def latest_run(self) -> Run | None:
        """The latest recorded run, ``None`` before the first."""
        with self._read() as db:
            row = db.execute(
                "SELECT r.id, r.signature, r.at,"
                " (SELECT count(*) FROM run_findings WHERE run = r.id)"
                " FROM runs AS r ORDER BY r.id DESC LIMIT 1"
            ).fetchone()
        return None if row is None else Run(int(row[0]), row[1], row[2], int(row[3]))

    def tracked(self) -> tuple[TrackedFinding, ...]:
        """Every finding the store knows, with its verdict: those of the latest run first, in
        that run's order, then the resolved ones, most recently seen first."""
        with self._read() as db:
            latest = db.execute("SELECT max(id) FROM runs").fetchone()[0] or 0
            rows = db.execute(
                "SELECT f.id, f.first_run, f.last_run, f.snapshot, rf.position"
                " FROM findings AS f LEFT JOIN run_findings AS rf"
                " ON rf.run = f.last_run AND rf.finding = f.id"
                " ORDER BY f.last_run DESC, rf.position, f.id"
            ).fetchall()
            verdicts = self._verdicts(db)
        return tuple(
            TrackedFinding(
                snapshot=FindingSnapshot.from_dict(json.loads(snapshot)),
                current=last == latest,
                first_run=int(first),
                last_run=int(last),
                verdict=verdicts.get(fid),
            )
            for fid, first, last, snapshot, _pos in rows
        )

    def knows(self, finding_id: str) -> bool:
        """Whether any run recorded the finding ``finding_id``."""
        with self._read() as db:
            return self._known(db, finding_id)

    @staticmethod
    def _known(db: sqlite3.Connection, finding_id: str) -> bool:
        return (
            db.execute("SELECT 1 FROM findings WHERE id = ?", (finding_id,)).fetchone() is not None
        )

    # ------------------------------------------------------------------ verdicts

    def set_verdict(
        self, finding_id: str, status: Status | str, note: str = "", reviewer: str = ""
    ) -> Verdict:
        """Set a finding's verdict; return it once it is committed to disk.

        A change appends a row to the history (revision + 1); setting the verdict the finding
        already has changes nothing and returns it.  Raises :class:`UnknownFinding` for an id
        no run recorded and :class:`InvalidVerdict` for a bad status, note or name.
        """
        st = _status(status)
        note = _clean_text(note, "the note", NOTE_MAX)
        reviewer = _clean_text(reviewer, "the reviewer's name", REVIEWER_MAX).strip()
        if not isinstance(finding_id, str) or len(finding_id) > FINDING_ID_MAX:
            raise UnknownFinding(str(finding_id)[:FINDING_ID_MAX])
        with self._write() as db:
            current = self._current(db, finding_id)
            wanted = (st, note, reviewer)
            if current is not None and (current.status, current.note, current.reviewer) == wanted:
                return current
            verdict = Verdict(
                finding=finding_id,
                revision=1 if current is None else current.revision + 1,
                status=st,
                note=note,
                reviewer=reviewer,
                at=self._clock(),
            )
            db.execute(
                "INSERT INTO history (finding, revision, status, note, reviewer, at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (verdict.finding, verdict.revision, st.value, note, reviewer, verdict.at),
            )
        return verdict

    def verdict(self, finding_id: str) -> Verdict | None:
        """The current verdict of a finding, ``None`` if nobody set one; an id the store does
        not know raises :class:`UnknownFinding`."""
        with self._read() as db:
            return self._current(db, finding_id)

    @classmethod
    def _require_known(cls, db: sqlite3.Connection, finding_id: str) -> None:
        if not cls._known(db, finding_id):
            raise UnknownFinding(finding_id)

    @classmethod
    def _current(cls, db: sqlite3.Connection, finding_id: str) -> Verdict | None:
        """The current verdict of a finding the store knows (else :class:`UnknownFinding`)."""
        cls._require_known(db, finding_id)
        row = db.execute(
            "SELECT finding, revision, status, note, reviewer, at FROM verdicts WHERE finding = ?",
            (finding_id,),
        ).fetchone()
        return None if row is None else _verdict(row)

    def history(self, finding_id: str) -> tuple[Verdict, ...]:
        """Every verdict the finding had, oldest first."""
        with self._read() as db:
            self._require_known(db, finding_id)
            rows = db.execute(
                "SELECT finding, revision, status, note, reviewer, at FROM history"
                " WHERE finding = ? ORDER BY revision",
                (finding_id,),
            ).fetchall()
        return tuple(_verdict(r) for r in rows)

    def verdicts(self) -> dict[str, Verdict]:
        """The current verdict of every finding that has one."""
        with self._read() as db:
            return self._verdicts(db)

    @staticmethod
    def _verdicts(db: sqlite3.Connection) -> dict[str, Verdict]:
        rows = db.execute(
            "SELECT finding, revision, status, note, reviewer, at FROM verdicts ORDER BY finding"
        ).fetchall()
        return {r[0]: _verdict(r) for r in rows}

    def statuses(self) -> dict[str, Status]:
        """Finding id -> status, for every finding whose status is not ``unreviewed`` (what
        :attr:`sourcecompare.model.Report.statuses` takes)."""
        return {
            fid: v.status for fid, v in self.verdicts().items() if v.status is not Status.UNREVIEWED
        }

    def integrity_check(self) -> str:
        """SQLite's full ``PRAGMA integrity_check``: ``"ok"`` when the database is sound."""
        with self._read() as db:
            rows = db.execute("PRAGMA integrity_check").fetchall()
        return "\n".join(str(r[0]) for r in rows)


def _verdict(row: tuple[Any, ...]) -> Verdict:
    return Verdict(
        finding=row[0],
        revision=int(row[1]),
        status=Status(row[2]),
        note=row[3],
        reviewer=row[4],
        at=row[5],
    )


def _split_sql(script: str) -> list[str]:
    """The statements of a schema script (triggers hold ``;`` inside ``BEGIN ... END``).

    >>> len(_split_sql(_SCHEMA))
    7
    """
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
