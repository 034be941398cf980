"""Reviewed findings out of the store: a CSV for spreadsheets and ClaimReview JSON-LD.

The CSV is UTF-8 with a byte-order mark (Excel then reads Chinese text right), comma
separated, CRLF line ends, one header row; a claim-per-line list inside a cell for findings with
several claims.  Text cells that a spreadsheet would take for a formula (starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) get a leading apostrophe: notes and sentences
come from people and web pages, and must never run in a spreadsheet.

The JSON-LD is a list of schema.org ``ClaimReview`` objects, one per finding with a final
verdict (confirmed discrepancy, not a discrepancy, inconclusive) in the latest run: its ``url``
the finding in the published report, ``claimReviewed`` the claim under review in one sentence,
``itemReviewed`` a ``Claim`` with one ``appearance`` (a ``CreativeWork`` with its ``url``,
authors as ``Person``, publisher as ``Organization``) per source, ``reviewRating`` a ``Rating``
whose ``alternateName`` is the verdict, the note as ``reviewBody``.  It is written with ``<``,
``>`` and ``&`` as ``\\u`` escapes, so it can go into a ``<script>`` element as it is.

>>> _cell("=HYPERLINK(1)"), _cell("6,836"), _cell(0.5)
("'=HYPERLINK(1)", '6,836', 0.5)
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .._atomic import write_atomic
from ..errors import ExportError, ReviewError
from .findings import default_db_path, read_report
from .store import FINAL_STATUSES, ClaimSnapshot, ReviewStore, Status, TrackedFinding

__all__ = [
    "CSV_COLUMNS",
    "ExportError",
    "claimreview_items",
    "csv_text",
    "embeddable_json",
    "export_folder",
    "write_claimreview",
    "write_csv",
]

CSV_COLUMNS: tuple[str, ...] = (
    "finding_id",
    "state",
    "relation",
    "severity",
    "confidence",
    "subject",
    "status",
    "status_label",
    "note",
    "reviewer",
    "reviewed_at",
    "revision",
    "explanation",
    "sources",
    "figures",
    "sentences",
    "urls",
)

#: the ``state`` column: does the latest run still have the finding
CURRENT = "current"
RESOLVED = "resolved by a change in the sources"

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _selected(store: ReviewStore, include_unreviewed: bool) -> list[TrackedFinding]:
    return [t for t in store.tracked() if include_unreviewed or t.status is not Status.UNREVIEWED]


def csv_text(store: ReviewStore, *, include_unreviewed: bool = False) -> str:
    """The CSV (without its byte-order mark): a header row, then one row per finding with a
    verdict (every known finding with ``include_unreviewed``), current ones first."""
    return _csv(_selected(store, include_unreviewed))


def _csv(selected: list[TrackedFinding]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for t in selected:
        s, v = t.snapshot, t.verdict
        row = [
            s.id,
            CURRENT if t.current else RESOLVED,
            s.relation,
            s.severity,
            round(s.confidence, 4),
            s.subject,
            t.status.value,
            t.status.label,
            v.note if v else "",
            v.reviewer if v else "",
            v.at if v else "",
            v.revision if v else 0,
            s.explanation,
            "\n".join(c.title or c.document for c in s.claims),
            "\n".join(c.text for c in s.claims),
            "\n".join(c.sentence for c in s.claims),
            "\n".join(c.url for c in s.claims if c.url),
        ]
        writer.writerow([_cell(x) for x in row])
    return out.getvalue()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _appearance(c: ClaimSnapshot, report_url: str | None) -> dict[str, Any]:
    """One source of a finding as a schema.org ``CreativeWork``: its address (the document's
    URL, else the paragraph in the report), title, language, author (people, or one
    organisation when the manifest's ``author_type`` says so) and publisher (an organisation),
    as the manifest or the document gives them."""
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if c.url:
        work["url"] = c.url
    elif report_url and c.anchor:
        work["url"] = f"{report_url}#{quote(c.anchor, safe='-._~')}"
    if c.title:
        work["headline"] = c.title
    if c.language:
        work["inLanguage"] = c.language
    if c.author and c.author_type == "organization":
        work["author"] = [{"@type": "Organization", "name": _one_line(c.author)}]
    elif c.author:
        work["author"] = [{"@type": "Person", "name": a.strip()} for a in _authors(c.author)]
    if c.publisher:
        work["publisher"] = {"@type": "Organization", "name": c.publisher}
    if c.sentence:
        work["text"] = _one_line(c.sentence)
    return work


def _authors(names: str) -> list[str]:
    """``A; B`` or ``A and B`` as two names (a manifest's author field)."""
    parts = [p for chunk in names.split(";") for p in chunk.split(" and ")]
    return [p.strip() for p in parts if p.strip()]


def claimreview_items(
    store: ReviewStore,
    *,
    author: str | None = None,
    include_resolved: bool = False,
    report_url: str | None = None,
) -> list[dict[str, Any]]:
    """schema.org ``ClaimReview`` objects for the findings with a final verdict.

    Each review's ``url`` is the finding in the report (``report_url#finding-ID``, when the
    report's address is given); ``claimReviewed`` the claim under review in one sentence (the
    sentence of the finding's first source); ``itemReviewed`` a ``Claim`` with one
    ``appearance`` per source, each with its address.  ``author`` names the organisation
    publishing the reviews; without it each review's author is the reviewer who set the
    verdict, a person.  Findings resolved by a change in the sources are left out unless
    ``include_resolved``.
    """
    items: list[dict[str, Any]] = []
    for t in store.tracked():
        v = t.verdict
        if v is None or v.status not in FINAL_STATUSES or not (t.current or include_resolved):
            continue
        s = t.snapshot
        first = s.claims[0] if s.claims else None
        claimed = _one_line(first.sentence or first.text) if first is not None else ""
        if author:
            by: dict[str, Any] = {"@type": "Organization", "name": author}
        else:
            by = {"@type": "Person", "name": v.reviewer or "anonymous reviewer"}
        item: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "identifier": s.id,
            "claimReviewed": claimed or _one_line(s.explanation),
            "description": s.explanation,
            "itemReviewed": {
                "@type": "Claim",
                "appearance": [_appearance(c, report_url) for c in s.claims],
            },
            "reviewRating": {"@type": "Rating", "alternateName": v.status.label},
            "author": by,
            "datePublished": v.at[:10],
        }
        if report_url:
            item["url"] = f"{report_url}#finding-{quote(s.id, safe='-._~')}"
        if first is not None and first.language:
            item["inLanguage"] = first.language
        if v.note:
            item["reviewBody"] = v.note
        items.append(item)
    return items


def _write_atomic(path: Path, data: bytes) -> None:
    try:
        write_atomic(path, data)
    except OSError as err:
        raise ExportError(str(path), f"cannot write: {err.strerror or err}") from err


def write_csv(
    store: ReviewStore, path: str | os.PathLike[str], *, include_unreviewed: bool = False
) -> int:
    """Write the CSV (UTF-8 with BOM) to ``path`` atomically; return the number of rows."""
    selected = _selected(store, include_unreviewed)
    _write_atomic(Path(path), _csv(selected).encode("utf-8-sig"))
    return len(selected)


def write_claimreview(
    store: ReviewStore,
    path: str | os.PathLike[str],
    *,
    author: str | None = None,
    include_resolved: bool = False,
    report_url: str | None = None,
) -> int:
    """Write the ClaimReview JSON-LD list to ``path`` atomically; return how many reviews."""
    items = claimreview_items(
        store, author=author, include_resolved=include_resolved, report_url=report_url
    )
    _write_atomic(Path(path), embeddable_json(items).encode("utf-8"))
    return len(items)


#: characters that could end or open markup when JSON sits in an HTML ``<script>`` element
_EMBED_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def embeddable_json(data: Any) -> str:
    """JSON that is safe to paste into ``<script type="application/ld+json">``: ``<``, ``>`` and
    ``&`` (which only occur inside strings) written as ``\\u`` escapes, so ``</script>`` in a
    note or a sentence cannot close the element.  It parses back to the same data.

    >>> text = embeddable_json({"note": "</script><b>&"})
    >>> "<" in text or ">" in text or "&" in text, json.loads(text)
    (False, {'note': '</script><b>&'})
    """
    return json.dumps(data, ensure_ascii=False, indent=2).translate(_EMBED_ESCAPES) + "\n"


def export_folder(
    report_dir: str | os.PathLike[str],
    *,
    db: str | os.PathLike[str] | None = None,
    csv_path: str | os.PathLike[str] | None = None,
    claimreview_path: str | os.PathLike[str] | None = None,
    include_unreviewed: bool = False,
    include_resolved: bool = False,
    author: str | None = None,
    report_url: str | None = None,
) -> dict[str, int]:
    """Export the verdicts of a report folder: record its ``report.json`` findings in the
    store (so current and resolved are right), then write the CSV and/or the ClaimReview file.
    ``report_url`` is where the folder's ``report.html`` is published (each ClaimReview's
    ``url`` is a finding there); by default the file itself (a ``file:`` URL).
    Returns how many rows each file got (keys ``csv``, ``claimreview``)."""
    if csv_path is None and claimreview_path is None:
        raise ExportError(str(report_dir), "name a file to write (--csv and/or --claimreview)")
    path = Path(db) if db is not None else default_db_path(report_dir)
    if not path.is_file():
        raise ReviewError(
            f"{path}: no review store (review first: sourcecompare review {report_dir})"
        )
    report = read_report(report_dir)
    counts: dict[str, int] = {}
    with ReviewStore.open(path) as store:
        store.sync_findings(report.findings, report.signature)
        if csv_path is not None:
            counts["csv"] = write_csv(store, csv_path, include_unreviewed=include_unreviewed)
        if claimreview_path is not None:
            url = report_url or (Path(report_dir) / "report.html").resolve().as_uri()
            counts["claimreview"] = write_claimreview(
                store,
                claimreview_path,
                author=author,
                include_resolved=include_resolved,
                report_url=url,
            )
    return counts
