"""``report.json`` read back into a :class:`~sourcecompare.model.Report`: the one codec, the
inverse of :func:`~sourcecompare.report.to_json.to_json`.

:func:`load_json` checks the text in two steps, each raising :class:`ReportError` naming the
file and what is wrong: the JSON Schema (``report-schema.json``: the shape), then the report's
one integrity check, :meth:`Index.of <sourcecompare.report._common.Index.of>` (the same the
renderers run: unique ids, claims naming documents and paragraphs that exist, findings naming
claims, alignments naming documents and paragraphs).

The report read back renders as the one written: ``to_json(load_json(to_json(r)))`` is
``to_json(r)``, and so for Markdown and HTML.  It holds what ``report.json`` holds, no more:
documents have no raw text (``raw`` and ``encoding`` are empty; the paragraphs' offsets and the
claims' spans still point into the original file), tokens are the words of Chinese documents
only (spans, no normalised form), claims have no context keys.
"""

from __future__ import annotations

import json
import os
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..model import (
    Alignment,
    Claim,
    ClaimKind,
    ClaimQualifier,
    Difference,
    Document,
    Finding,
    Link,
    OffsetMap,
    Paragraph,
    ParagraphKind,
    Relation,
    Report,
    Review,
    Sentence,
    Severity,
    Status,
    Token,
)
from ._common import Index, ReportError

__all__ = ["from_data", "load_json", "parse_json", "schema", "validate"]

#: the largest report text read (characters)
MAX_CHARS = 512 * 1024 * 1024


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``report.json`` (also ``docs/report-schema.json``)."""
    from importlib import resources

    text = resources.files(__package__).joinpath("report-schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _where(error: Any) -> str:
    parts = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    return parts or "the top level"


def _check_shape(data: Any, path: str | None) -> None:
    try:
        import jsonschema
    except ImportError as err:  # pragma: no cover - jsonschema is a dependency
        raise ReportError(path, "reading a report needs the jsonschema package") from err
    validator_class = jsonschema.Draft202012Validator
    validator = validator_class(schema(), format_checker=validator_class.FORMAT_CHECKER)
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        raise ReportError(path, f"not a sourcecompare report: at {_where(error)}: {error.message}")


def _figure(x: float | None) -> float | None:
    return None if x is None else float(x)


def _offsets(runs: Sequence[Sequence[int]], length: int) -> OffsetMap:
    return OffsetMap(
        starts=tuple(r[0] for r in runs), origins=tuple(r[1] for r in runs), length=length
    )


def _paragraph(p: Mapping[str, Any]) -> Paragraph:
    text: str = p["text"]
    offsets = _offsets(p["offsets"], len(text))
    words = [Token(text[a:b], "", *offsets.span(a, b), a, b) for a, b in p.get("words", ())]
    sentences = []
    words.sort(key=lambda t: t.para_start)
    word_starts = [t.para_start for t in words]
    for i, (a, b) in enumerate(p["sentences"]):
        first = bisect_left(word_starts, a)
        last = bisect_left(word_starts, b, lo=first)
        tokens = tuple(t for t in words[first:last] if t.para_end <= b)
        sentences.append(Sentence(i, text[a:b], *offsets.span(a, b), a, b, tokens))
    return Paragraph(
        index=p["index"],
        kind=ParagraphKind(p["kind"]),
        text=text,
        offsets=offsets,
        section=tuple(p["section"]),
        label=p["label"],
        sentences=tuple(sentences),
        page=p.get("page"),
    )


def _document(d: Mapping[str, Any]) -> Document:
    return Document(
        id=d["id"],
        title=d["title"],
        language=d["language"],
        script=d["script"],
        format=d["format"],
        encoding="",
        raw="",
        paragraphs=tuple(_paragraph(p) for p in d["paragraphs"]),
        path=d["path"],
        metadata=MappingProxyType(dict(d["metadata"])),
    )


def _alignment(a: Mapping[str, Any]) -> Alignment:
    links = tuple(
        Link(tuple(k["source"]), tuple(k["target"]), float(k["score"]), bool(k["reviewed"]))
        for k in a["links"]
    )
    return Alignment(a["source"], a["target"], a["unit"], a["mode"], links, a["signature"])


def _sentence_text(c: Mapping[str, Any], documents: Mapping[str, Document]) -> str:
    """The claim's sentence: as written (older reports, and a figure outside every sentence),
    else the text of its paragraph's sentence ``sentence``; ``""`` when the reference does not
    hold (the integrity check then names the claim's document or paragraph)."""
    if "sentence_text" in c:
        written: str = c["sentence_text"]
        return written
    doc = documents.get(c["document"])
    if doc is None or not 0 <= c["paragraph"] < len(doc.paragraphs):
        return ""
    sentences = doc.paragraphs[c["paragraph"]].sentences
    if not 0 <= c["sentence"] < len(sentences):
        raise ReportError(
            None, f"claim {c['id']!r} names sentence {c['sentence']}, which its paragraph lacks"
        )
    return sentences[c["sentence"]].text


def _claim(c: Mapping[str, Any], documents: Mapping[str, Document]) -> Claim:
    span = c.get("para_span")
    return Claim(
        id=c["id"],
        document=c["document"],
        paragraph=c["paragraph"],
        sentence=c["sentence"],
        kind=ClaimKind(c["kind"]),
        value=_figure(c["value"]),
        low=_figure(c["low"]),
        high=_figure(c["high"]),
        qualifier=ClaimQualifier(c["qualifier"]),
        unit=c["unit"],
        unit_text=c["unit_text"],
        text=c["text"],
        start=c["start"],
        end=c["end"],
        sentence_text=_sentence_text(c, documents),
        para_start=span[0] if span else None,
        para_end=span[1] if span else None,
    )


def _finding(f: Mapping[str, Any], claims: Mapping[str, Claim]) -> Finding:
    diff = f.get("difference") or {}
    missing = next((cid for cid in f["claims"] if cid not in claims), None)
    if missing is not None:
        raise ReportError(None, f"finding {f['id']!r} names an unknown claim {missing!r}")
    return Finding(
        id=f["id"],
        relation=Relation(f["relation"]),
        severity=Severity(f["severity"]),
        confidence=float(f["confidence"]),
        claims=tuple(claims[cid] for cid in f["claims"]),
        explanation=f["explanation"],
        subject=f["subject"],
        difference=Difference(
            gap=_figure(diff.get("gap")),
            relative=_figure(diff.get("relative")),
            ends=diff.get("ends", ""),
            attribute=diff.get("attribute", ""),
        ),
        evidence=tuple(f.get("evidence", ())),
    )


def _review(r: Mapping[str, Any]) -> Review:
    return Review(Status(r["status"]), r["note"], r["reviewer"], r["at"] or "", r["revision"])


def from_data(data: Any, path: str | None = None) -> Report:
    """The :class:`Report` of report data (as :func:`json.loads` gives it), checked: the schema,
    then :meth:`Index.of`; :class:`ReportError` naming ``path`` says what is wrong."""
    _check_shape(data, path)
    findings = data["findings"]
    documents = tuple(_document(d) for d in data["documents"])
    by_id = {d.id: d for d in documents}
    try:
        claims = tuple(_claim(c, by_id) for c in data["claims"])
        claim_of = {c.id: c for c in claims}
        made = tuple(_finding(f, claim_of) for f in findings)
    except ReportError as err:
        raise ReportError(path, f"inconsistent report: {err.problem}") from None
    report = Report(
        documents=documents,
        alignments=tuple(_alignment(a) for a in data["alignments"]),
        claims=claims,
        findings=made,
        signature=data["signature"],
        statuses=MappingProxyType({f["id"]: Status(f["status"]) for f in findings if f["status"]}),
        reviews=MappingProxyType(
            {f["id"]: _review(f["review"]) for f in findings if f.get("review")}
        ),
    )
    try:
        Index.of(report)
    except ReportError as err:
        raise ReportError(path, f"inconsistent report: {err.problem}") from None
    return report


def validate(data: Any, path: str | None = None) -> dict[str, Any]:
    """Check report data against the schema and the report's integrity check (see
    :func:`from_data`); return it unchanged or raise :class:`ReportError` saying where it goes
    wrong.

    >>> validate({"sourcecompare": "0.1.0"})
    Traceback (most recent call last):
    ...
    sourcecompare.errors.ReportError: not a sourcecompare report: at the top level: 'signature' is a required property
    """  # noqa: E501
    from_data(data, path)
    checked: dict[str, Any] = data
    return checked


def parse_json(text: str, path: str | None = None) -> Report:
    """:func:`load_json` of a text already read (``path`` names it in errors)."""
    if len(text) > MAX_CHARS:
        raise ReportError(path, f"larger than {MAX_CHARS} characters")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ReportError(
            path, f"not JSON: {err.msg} at line {err.lineno}, column {err.colno}"
        ) from None
    except RecursionError:
        raise ReportError(path, "not JSON this can read: nested too deeply") from None
    return from_data(data, path)


def load_json(source: str | os.PathLike[str]) -> Report:
    """Read a report back: ``source`` is a ``report.json`` path, or its text (a string that
    starts with ``{``).  Returns the :class:`Report` it holds (see the module's description).

    A missing or unreadable file, text that is not JSON (line and column), JSON that is not a
    report (where in it) or a report that does not hold together (which reference) raises
    :class:`ReportError` naming the file.

    >>> from sourcecompare.report import to_json
    >>> load_json(to_json(Report((), (), (), (), "sc:1")))
    Report(documents=(), claims=0, findings=0 (), signature='sc:1')
    >>> load_json('{"signature": "s"')
    Traceback (most recent call last):
    ...
    sourcecompare.errors.ReportError: not JSON: Expecting ',' delimiter at line 1, column 18
    """
    if isinstance(source, str) and source.lstrip().startswith("{"):
        return parse_json(source)
    where = str(source)
    try:
        text = Path(source).read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise ReportError(where, f"not UTF-8 text ({err.reason} at byte {err.start})") from None
    except OSError as err:
        raise ReportError(where, f"cannot read: {err.strerror or err}") from None
    return parse_json(text, where)
