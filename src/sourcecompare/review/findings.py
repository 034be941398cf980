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

import json
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..model import Report, Review
from .store import (
    ClaimSnapshot,
    FindingSnapshot,
    ReviewError,
    ReviewStore,
    SyncResult,
    sources_from_json,
)

__all__ = [
    "DB_NAME",
    "REPORT_JSON",
    "ReportData",
    "apply_review",
    "default_db_path",
    "read_report",
    "review_sync",
    "snapshots_from_data",
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


def snapshots_from_report(report: Report) -> tuple[FindingSnapshot, ...]:
    """Snapshots of a report's findings, with their claims' sentences, sources and context
    (the same as :func:`snapshots_from_data` gives for the report's ``report.json``)."""
    from ..report.to_json import report_dict

    return snapshots_from_data(report_dict(report), "the report")[1]


def _problem(where: str, problem: str) -> ReviewError:
    return ReviewError(f"{where}: not a report this review can read: {problem}")


def _text(obj: Mapping[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = obj.get(key, default)
    if value is None and default is not None:
        return default
    if not isinstance(value, str):
        raise _problem(where, f"{key!r} must be text")
    return value


def snapshots_from_data(
    data: Any, where: str = "report.json"
) -> tuple[str, tuple[FindingSnapshot, ...]]:
    """The signature and finding snapshots of ``report.json`` data (``docs/report-schema.json``).

    Only what the review needs is checked: findings with unique ids, naming claims that
    exist.  Anything else wrong raises :class:`ReviewError` naming ``where``.

    >>> data = {"signature": "s", "documents": [{"id": "d", "title": "T", "language": "en",
    ...     "metadata": {"url": "https://example.org/a"}}],
    ...     "claims": [{"id": "c", "document": "d", "text": "6,836", "sentence_text": "x"}],
    ...     "findings": [{"id": "F", "relation": "one-sided", "severity": "info",
    ...                   "confidence": 0.5, "claims": ["c"], "explanation": "only d"}]}
    >>> sig, (snap,) = snapshots_from_data(data)
    >>> sig, snap.claims[0].url
    ('s', 'https://example.org/a')
    """
    if not isinstance(data, dict):
        raise _problem(where, "the top level is not an object")
    for key in ("documents", "claims", "findings"):
        if not isinstance(data.get(key), list):
            raise _problem(where, f"{key!r} is missing or not a list")
    signature = _text(data, "signature", where, "")
    docs: dict[str, Mapping[str, Any]] = {}
    for d in data["documents"]:
        if not isinstance(d, dict):
            raise _problem(where, "a document is not an object")
        docs[_text(d, "id", where)] = d
    from types import SimpleNamespace

    from ..report.to_html import anchor_ids

    anchors = anchor_ids([SimpleNamespace(id=d) for d in docs])  # type: ignore[misc]
    claims: dict[str, ClaimSnapshot] = {}
    for c in data["claims"]:
        if not isinstance(c, dict):
            raise _problem(where, "a claim is not an object")
        doc_id = _text(c, "document", where)
        doc = docs.get(doc_id, {})
        meta_raw = doc.get("metadata")
        meta: Mapping[str, Any] = meta_raw if isinstance(meta_raw, dict) else {}
        cid = _text(c, "id", where)
        claims[cid] = ClaimSnapshot(
            id=cid,
            document=doc_id,
            text=_text(c, "text", where, ""),
            sentence=_text(c, "sentence_text", where, ""),
            title=str(doc.get("title") or ""),
            language=str(doc.get("language") or ""),
            url=str(meta.get("url") or ""),
            publisher=str(meta.get("publisher") or ""),
            author=str(meta.get("author") or ""),
            citation=str(doc.get("citation") or ""),
            **_context(c, doc, anchors.get(doc_id, "")),
        )
    out: list[FindingSnapshot] = []
    seen: set[str] = set()
    for f in data["findings"]:
        if not isinstance(f, dict):
            raise _problem(where, "a finding is not an object")
        fid = _text(f, "id", where)
        if not fid or fid in seen:
            raise _problem(where, f"finding id {fid!r} is empty or not unique")
        seen.add(fid)
        ids = f.get("claims")
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise _problem(where, f"finding {fid!r}: 'claims' is not a list of ids")
        missing = [i for i in ids if i not in claims]
        if missing:
            raise _problem(where, f"finding {fid!r} names an unknown claim {missing[0]!r}")
        confidence = f.get("confidence", 0.0)
        if isinstance(confidence, bool) or not isinstance(confidence, int | float):
            raise _problem(where, f"finding {fid!r}: 'confidence' is not a number")
        out.append(
            FindingSnapshot(
                id=fid,
                relation=_text(f, "relation", where, ""),
                severity=_text(f, "severity", where, ""),
                confidence=float(confidence),
                explanation=_text(f, "explanation", where, ""),
                subject=_text(f, "subject", where, ""),
                claims=tuple(claims[i] for i in ids),
                sources=sources_from_json(f.get("sources")),
            )
        )
    return signature, tuple(out)


def _context(claim: Mapping[str, Any], doc: Mapping[str, Any], anchor: str) -> dict[str, Any]:
    """What the review page shows around a claim: its tier, where it stands, its paragraph
    with the figure's span, the paragraph's anchor in report.html, a gloss of a Chinese
    sentence.  Reports written before these were recorded give what they can (``anchor`` is
    the document's part of the paragraph ids in report.html)."""
    out: dict[str, Any] = {}
    paragraphs = doc.get("paragraphs")
    index = claim.get("paragraph")
    paragraph: Mapping[str, Any] = {}
    if isinstance(paragraphs, list) and isinstance(index, int) and 0 <= index < len(paragraphs):
        got = paragraphs[index]
        paragraph = got if isinstance(got, dict) else {}
    comment = paragraph.get("kind") == "comment"
    out["tier"] = "user-comments" if comment else str(doc.get("tier") or "")
    page = paragraph.get("page")
    fallback = f"{claim.get('document', '')} ¶{index}" + (f", p. {page}" if page else "")
    out["where"] = str(claim.get("where") or fallback)
    fallback_anchor = f"doc-{anchor}-p-{index}" if anchor and isinstance(index, int) else ""
    out["anchor"] = str(claim.get("anchor") or fallback_anchor)
    text = paragraph.get("text")
    if isinstance(text, str):
        out["context"] = text
        span = claim.get("para_span")
        if (
            isinstance(span, list)
            and len(span) == 2
            and all(isinstance(x, int) for x in span)
            and 0 <= span[0] <= span[1] <= len(text)
        ):
            out["figure_start"], out["figure_end"] = span
    sentence = claim.get("sentence_text")
    if doc.get("language") == "zh" and isinstance(sentence, str) and sentence.strip():
        from ..report.gloss import gloss

        out["gloss"] = tuple((w.text, w.gloss) for w in gloss(" ".join(sentence.split())))
    return out


@dataclass(frozen=True, slots=True)
class ReportData:
    """What the review reads of a report folder's ``report.json``."""

    path: Path
    signature: str
    findings: tuple[FindingSnapshot, ...]
    stamp: tuple[int, int]  # (mtime_ns, size): tells when the file changed


def read_report(report_dir: str | os.PathLike[str]) -> ReportData:
    """Read ``REPORT_DIR/report.json`` (as ``sourcecompare compare -o REPORT_DIR`` writes it).

    A missing, unreadable, oversized or malformed file raises :class:`ReviewError` naming it.
    """
    from ..report import ReportError, complete_pending

    path = Path(report_dir) / REPORT_JSON
    where = str(path)
    try:
        complete_pending(report_dir)  # a compare killed while replacing the files: finish it
    except (ReportError, OSError) as err:
        problem = f"an interrupted report write cannot be completed: {err}"
        raise ReviewError(f"{report_dir}: {problem}") from err
    try:
        st = path.stat()
        if st.st_size > REPORT_MAX_BYTES:
            raise ReviewError(f"{where}: larger than {REPORT_MAX_BYTES} bytes")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ReviewError(
            f"{where}: no report here (write one with: sourcecompare compare ... -o {report_dir})"
        ) from None
    except OSError as err:
        raise ReviewError(f"{where}: cannot read: {err.strerror or err}") from err
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise ReviewError(f"{where}: not UTF-8 text ({err.reason} at byte {err.start})") from None
    except json.JSONDecodeError as err:
        raise ReviewError(f"{where}: not JSON: {err.msg} at line {err.lineno}") from None
    except RecursionError:
        raise ReviewError(f"{where}: not JSON this review can read: nested too deeply") from None
    signature, findings = snapshots_from_data(data, where)
    return ReportData(path, signature, findings, (st.st_mtime_ns, st.st_size))


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
        fid: Review(v.status.value, v.note, v.reviewer, v.at, v.revision)
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
