"""Between reports and the review store: snapshots of findings, reading a report folder, and
the hook that keeps verdicts across re-runs of ``compare``.

>>> from sourcecompare.model import Report
>>> empty = Report(documents=(), alignments=(), claims=(), findings=(), signature="sig")
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:   # no store in the folder: unchanged
...     apply_review(empty, folder) is empty
True
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

from ..model import Claim, Paragraph, Report, Review
from ..report._common import (
    Index,
    citation,
    claim_span,
    shown_findings,
    tier_of,
    value_groups,
    where,
    word_breaks,
)
from ..report.gloss import gloss
from ..report.to_html import anchor_ids
from .store import (
    ClaimSnapshot,
    FindingSnapshot,
    ReviewError,
    ReviewStore,
    SyncResult,
)

__all__ = [
    "DB_NAME",
    "REPORT_JSON",
    "ReportData",
    "apply_review",
    "default_db_path",
    "read_report",
    "review_sync",
    "snapshots_from_report",
]

logger = logging.getLogger(__name__)

#: the store's file name inside a report folder, and the report the review reads
DB_NAME = "review.sqlite"
REPORT_JSON = "report.json"
#: the largest report.json the review reads (bytes)
REPORT_MAX_BYTES = 256 * 1024 * 1024


def default_db_path(report_dir: str | os.PathLike[str]) -> Path:
    """Where the review store of a report folder lives by default."""
    return Path(report_dir) / DB_NAME


def _gloss(paragraph: Paragraph, claim: Claim, script: str = "") -> tuple[tuple[str, str], ...]:
    """The gloss of a claim's sentence as report.html gives it (the segmenter's words kept
    whole, looked up in the document's script), white space collapsed: (word, gloss) pairs."""
    if 0 <= claim.sentence < len(paragraph.sentences):
        s = paragraph.sentences[claim.sentence]
        words = gloss(paragraph.text[s.para_start : s.para_end],
                      word_breaks(paragraph, s.para_start, s.para_end), script)  # fmt: skip
    else:  # an unsegmented paragraph: the sentence as the claim gives it
        words = gloss(claim.sentence_text, script=script)
    pairs = [(" ".join(w.text.split()) or " ", w.gloss) for w in words]
    while pairs and pairs[0] == (" ", ""):
        pairs.pop(0)
    while pairs and pairs[-1] == (" ", ""):
        pairs.pop()
    return tuple(pairs)


def _claim_snapshot(index: Index, anchors: Mapping[str, str], claim: Claim) -> ClaimSnapshot:
    """A claim as the review shows it: its sentence and source, where it stands, its paragraph
    with the figure's span, the paragraph's anchor in report.html, a gloss of a Chinese
    sentence."""
    doc = index.documents[claim.document]
    paragraph = index.paragraph_of(claim)
    meta = doc.metadata
    span = claim_span(paragraph, claim)
    sentence_start = -1
    if 0 <= claim.sentence < len(paragraph.sentences):
        s = paragraph.sentences[claim.sentence]
        if paragraph.text[s.para_start : s.para_end] == claim.sentence_text:
            sentence_start = s.para_start
    glossed: tuple[tuple[str, str], ...] = ()
    if doc.language == "zh" and claim.sentence_text.strip():
        glossed = _gloss(paragraph, claim, doc.script)
    return ClaimSnapshot(
        id=claim.id,
        document=claim.document,
        text=claim.text,
        sentence=claim.sentence_text,
        title=doc.title,
        language=doc.language,
        url=str(meta.get("url") or ""),
        publisher=str(meta.get("publisher") or ""),
        author=str(meta.get("author") or ""),
        author_type=str(meta.get("author_type") or ""),
        citation=citation(doc),
        tier=tier_of(doc, paragraph),
        where=where(index, claim),
        anchor=f"doc-{anchors[claim.document]}-p-{claim.paragraph}",
        context=paragraph.text,
        figure_start=span[0] if span is not None else -1,
        figure_end=span[1] if span is not None else -1,
        sentence_start=sentence_start,
        gloss=glossed,
    )


def snapshots_from_report(report: Report) -> tuple[FindingSnapshot, ...]:
    """Snapshots of a report's findings, in the order the report shows them, with their
    claims' sentences, sources and context (what the review page and the exports show).

    >>> snapshots_from_report(Report((), (), (), (), "sig"))
    ()
    """
    index = Index.of(report)
    anchors = anchor_ids(report.documents)
    claims = {c.id: _claim_snapshot(index, anchors, c) for c in report.claims}
    return tuple(
        FindingSnapshot(
            id=f.id,
            relation=str(f.relation),
            severity=str(f.severity),
            confidence=float(f.confidence),
            explanation=f.explanation,
            subject=f.subject,
            claims=tuple(claims[c.id] for c in f.claims),
            sources=tuple((g.label, g.documents) for g in value_groups(index, f)),
        )
        for f in shown_findings(index)
    )


@dataclass(frozen=True, slots=True)
class ReportData:
    """What the review reads of a report folder's ``report.json``."""

    path: Path
    signature: str
    findings: tuple[FindingSnapshot, ...]
    stamp: tuple[int, int]  # (mtime_ns, size): tells when the file changed


def read_report(report_dir: str | os.PathLike[str]) -> ReportData:
    """Read ``REPORT_DIR/report.json`` (as ``sourcecompare compare -o REPORT_DIR`` writes it)
    through :func:`sourcecompare.report.load_json` (the report's one codec and integrity
    check), and snapshot its findings.

    A missing, unreadable, oversized or malformed file raises :class:`ReviewError` naming it
    and what is wrong.
    """
    from ..report import ReportError, complete_pending, load_json

    path = Path(report_dir) / REPORT_JSON
    where = str(path)
    try:
        complete_pending(report_dir)  # a compare killed while replacing the files: finish it
    except (ReportError, OSError) as err:
        problem = f"an interrupted report write cannot be completed: {err}"
        raise ReviewError(f"{report_dir}: {problem}") from err
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ReviewError(
            f"{where}: no report here (write one with: sourcecompare compare ... -o {report_dir})"
        ) from None
    except OSError as err:
        raise ReviewError(f"{where}: cannot read: {err.strerror or err}") from err
    if st.st_size > REPORT_MAX_BYTES:
        raise ReviewError(f"{where}: larger than {REPORT_MAX_BYTES} bytes")
    try:
        report = load_json(path)
    except ReportError as err:
        raise ReviewError(str(err)) from None
    return ReportData(
        path, report.signature, snapshots_from_report(report), (st.st_mtime_ns, st.st_size)
    )


def review_sync(
    report: Report, out_dir: str | os.PathLike[str], db: str | os.PathLike[str] | None = None
) -> tuple[Report, SyncResult | None]:
    """:func:`apply_review`, also returning what the run changed (``None`` without a store)."""
    path = Path(db) if db is not None else default_db_path(out_dir)
    if not path.is_file():
        return report, None
    with ReviewStore.open(path) as store:
        result = store.sync_findings(snapshots_from_report(report), report.signature)
        statuses = store.statuses()
        verdicts = store.verdicts()
    present = {f.id for f in report.findings}
    kept = {fid: status for fid, status in statuses.items() if fid in present}
    reviews = {
        fid: Review(v.status, v.note, v.reviewer, v.at, v.revision)
        for fid, v in verdicts.items()
        if fid in present
    }
    if result.resolved:
        logger.info(
            "%d reviewed or known findings are gone from this run (resolved by a change in "
            "the sources); their verdicts are kept in %s",
            len(result.resolved),
            path,
        )
    return (
        replace(
            report,
            statuses=MappingProxyType({**report.statuses, **kept}),
            reviews=MappingProxyType({**report.reviews, **reviews}),
        ),
        result,
    )


def apply_review(
    report: Report, out_dir: str | os.PathLike[str], db: str | os.PathLike[str] | None = None
) -> Report:
    """The compare hook: when ``out_dir`` holds a review store (or ``db`` names one), record
    this run's findings in it and return the report with the stored verdicts (statuses, and
    in ``Report.reviews`` the notes, reviewers and times), ready to render.

    Verdicts of findings whose id survives apply again; findings that disappeared stay in the
    store, listed as resolved by a change in the sources; new findings are unreviewed.  Without
    a store the report comes back unchanged (the same object).
    """
    return review_sync(report, out_dir, db)[0]
