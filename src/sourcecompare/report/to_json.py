"""The report as JSON, the form other tools read (described by ``docs/report-schema.json``).

The output is deterministic: the same report gives the same bytes.  Objects have their keys
sorted; documents, paragraphs, alignments, links and claims keep the report's order; findings
are in the order the HTML and Markdown show them (conflicts first, the one-sided figures last,
by document and in the order of its text); a finding's ``claims`` are claim ids, its
``sources`` the same claims grouped by the figure they state, its ``review`` the verdict (status,
note, reviewer, time) when a review store gave one;
text is written as is (``ensure_ascii=False``); figures that are whole numbers are written
without a fractional part and unbounded interval ends as ``null``.  Paragraphs keep their
offsets, sentences and (Chinese) words, so :func:`sourcecompare.report.load_json` reads back a
report that renders as this one does.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import Any

from ..model import (
    Alignment,
    Claim,
    Document,
    Finding,
    Paragraph,
    Relation,
    Report,
    Review,
    Severity,
)
from ._common import (
    Index,
    citation,
    claim_span,
    shown_findings,
    status_label,
    tier_of,
    value_groups,
    where,
)

__all__ = ["claim_json", "number", "report_dict", "to_json"]


def number(x: float | None) -> int | float | None:
    """A figure for JSON: whole numbers as integers, unbounded or undefined as ``None``.

    >>> number(6637.0), number(2.5), number(None), number(float("inf"))
    (6637, 2.5, None, None)
    """
    if x is None or not math.isfinite(x):
        return None
    if float(x).is_integer():
        return int(x)
    return float(x)


def _spans(pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    return [[a, b] for a, b in pairs]


def _paragraph(doc: Document, p: Paragraph) -> dict[str, Any]:
    """A paragraph with its place: ``offsets`` (the runs of its map to the raw text),
    ``sentences`` (their spans in its text) and, in a Chinese document, ``words`` (the
    segmenter's words, which the gloss keeps whole)."""
    out: dict[str, Any] = {
        "index": p.index,
        "kind": str(p.kind),
        "section": list(p.section),
        "label": p.label,
        "text": p.text,
        "offsets": _spans(zip(p.offsets.starts, p.offsets.origins, strict=True)),
        "sentences": _spans((s.para_start, s.para_end) for s in p.sentences),
    }
    if doc.language == "zh":
        out["words"] = _spans((t.para_start, t.para_end) for s in p.sentences for t in s.tokens)
    if p.page is not None:
        out["page"] = p.page
    return out


def _document(doc: Document) -> dict[str, Any]:
    tier = tier_of(doc)
    return {
        "id": doc.id,
        "path": doc.path,
        "title": doc.title,
        "language": doc.language,
        "script": doc.script,
        "format": doc.format,
        "tier": tier or None,
        "citation": citation(doc),
        "metadata": {str(k): str(v) for k, v in doc.metadata.items()},
        "paragraphs": [_paragraph(doc, p) for p in doc.paragraphs],
    }


def _alignment(al: Alignment) -> dict[str, Any]:
    return {
        "source": al.source,
        "target": al.target,
        "unit": al.unit,
        "mode": al.mode,
        "signature": al.signature,
        "links": [
            {
                "source": list(link.source),
                "target": list(link.target),
                "score": number(link.score),
                "reviewed": bool(link.reviewed),
            }
            for link in al.links
        ],
    }


def claim_json(c: Claim) -> dict[str, Any]:
    """A claim as the report's JSON holds it (``sourcecompare claims --json`` prints a subset)."""
    return {
        "id": c.id,
        "document": c.document,
        "paragraph": c.paragraph,
        "sentence": c.sentence,
        "text": c.text,
        "kind": c.kind,
        "value": number(c.value),
        "low": number(c.low),
        "high": number(c.high),
        "qualifier": c.qualifier,
        "unit": c.unit,
        "unit_text": c.unit_text,
        "start": c.start,
        "end": c.end,
    }


def _claim(index: Index, anchors: dict[str, str], c: Claim) -> dict[str, Any]:
    """A claim as the report holds it, with its place: in its paragraph, to cite, in the HTML.

    Its sentence is the paragraph's sentence ``sentence``, which the document already holds:
    the text is written out (``sentence_text``) only where it is not that sentence's text, so
    the file grows with the text and not with figures times sentence length."""
    para = index.paragraph_of(c)
    span = claim_span(para, c)
    out = {
        **claim_json(c),
        "para_span": list(span) if span is not None else None,
        "where": where(index, c),
        "anchor": f"doc-{anchors[c.document]}-p-{c.paragraph}",
    }
    sentences = para.sentences
    if not (0 <= c.sentence < len(sentences) and sentences[c.sentence].text == c.sentence_text):
        out["sentence_text"] = c.sentence_text
    return out


def _review(review: Review | None) -> dict[str, Any] | None:
    if review is None:
        return None

    return {
        "status": review.status,
        "label": status_label(review.status),
        "note": review.note,
        "reviewer": review.reviewer,
        "at": review.at or None,
        "revision": review.revision,
    }


def _finding(index: Index, f: Finding) -> dict[str, Any]:
    return {
        "id": f.id,
        "relation": Relation(f.relation).value,
        "severity": Severity(f.severity).value,
        "confidence": number(f.confidence),
        "claims": list(f.claim_ids),
        "explanation": f.explanation,
        "subject": f.subject,
        "status": index.status(f),
        "review": _review(index.review(f)),
        "sources": [
            {
                "figure": g.label,
                "documents": list(g.documents),
                "claims": [c.id for c in g.claims],
            }
            for g in value_groups(index, f)
        ],
        "difference": {
            "gap": number(f.difference.gap),
            "relative": number(f.difference.relative),
            "ends": f.difference.ends,
            "attribute": f.difference.attribute,
        },
        "evidence": list(f.evidence),
    }


def report_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON values (what :func:`to_json` writes)."""
    return _report_dict(Index.of(report))


def _report_dict(index: Index) -> dict[str, Any]:
    from .._version import __version__
    from .to_html import anchor_ids

    report = index.report
    anchors = anchor_ids(report.documents)
    return {
        "sourcecompare": __version__,
        "signature": report.signature,
        "documents": [_document(d) for d in report.documents],
        "alignments": [_alignment(a) for a in report.alignments],
        "claims": [_claim(index, anchors, c) for c in report.claims],
        "findings": [_finding(index, f) for f in shown_findings(index)],
    }


#: one encoder for every value written on one line: the C encoder (json's pure-Python
#: encoder, which ``indent`` selects, costs several times more on large reports)
_LINE = json.JSONEncoder(
    ensure_ascii=False, sort_keys=True, allow_nan=False, separators=(", ", ": ")
)
#: a value nested this deep or deeper goes on one line however long it is
_MAX_DEPTH = 4
#: below the top two levels, a value whose one-line form is at most this long stays on one line
_LINE_WIDTH = 2000


def _lines(value: Any, depth: int, out: list[str]) -> None:
    """Append the JSON text of ``value`` (already indented to ``depth``) to ``out``: the top
    two levels one item per line, deeper values on one line unless long (a document, its
    paragraphs), so a claim or a finding is one line of the file."""
    if isinstance(value, dict | list) and value and depth < _MAX_DEPTH:
        line = None if depth < 2 else _LINE.encode(value)
        if line is None or len(line) > _LINE_WIDTH:
            pad = "  " * (depth + 1)
            if isinstance(value, dict):
                items = sorted(value.items())
                out.append("{\n")
                for i, (key, item) in enumerate(items):
                    out.append(f"{pad}{_LINE.encode(str(key))}: ")
                    _lines(item, depth + 1, out)
                    out.append(",\n" if i < len(items) - 1 else "\n")
                out.append("  " * depth + "}")
            else:
                out.append("[\n")
                for i, item in enumerate(value):
                    out.append(pad)
                    _lines(item, depth + 1, out)
                    out.append(",\n" if i < len(value) - 1 else "\n")
                out.append("  " * depth + "]")
            return
        out.append(line)
        return
    out.append(_LINE.encode(value))


def to_json(report: Report) -> str:
    """The report as a JSON text (UTF-8, keys sorted, ending in a newline): the top two levels
    indented by two spaces, one item per line; a claim, a finding, a paragraph's parts, each on
    one line (a document and its long paragraphs are broken the same way).

    >>> import json
    >>> from sourcecompare.model import Report
    >>> text = to_json(Report((), (), (), (), "sig"))
    >>> list(json.loads(text)), text.endswith("}\\n")
    (['alignments', 'claims', 'documents', 'findings', 'signature', 'sourcecompare'], True)
    """
    return render_json(Index.of(report))


def render_json(index: Index) -> str:
    """:func:`to_json` of the report ``index`` was built from."""
    out: list[str] = []
    _lines(_report_dict(index), 0, out)
    out.append("\n")
    return "".join(out)
