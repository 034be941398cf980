"""The reviewable report: JSON for tools, Markdown for notes and tickets, one HTML page for
reading.

>>> from sourcecompare.model import Report
>>> report = Report(documents=(), alignments=(), claims=(), findings=(), signature="sig")
>>> to_json(report).startswith("{"), to_markdown(report).startswith("# sourcecompare report")
(True, True)

Every renderer first checks the report holds together (unique ids; claims, findings and
alignments naming documents, paragraphs and claims that exist) and raises
:class:`ReportError` otherwise.  ``docs/report.md`` describes the outputs.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path
from typing import Any

from ..model import Finding, Report
from ._common import Index, ReportError, grouped_sources, ordered_findings, shown_findings
from .files import FILES, complete_pending, write_report
from .to_html import to_html
from .to_json import to_json
from .to_markdown import to_markdown

__all__ = [
    "FILES",
    "ReportError",
    "complete_pending",
    "display_findings",
    "load_json",
    "ordered_findings",
    "schema",
    "sources_line",
    "to_html",
    "to_json",
    "to_markdown",
    "validate",
    "write_report",
]


def display_findings(report: Report) -> list[Finding]:
    """The findings in the order every output shows them (the order of ``report.json``):
    conflicts first, by severity, source reliability and confidence; then possible conflicts,
    compatible figures and agreements; then the one-sided figures by document, each in the
    order of its text."""
    return shown_findings(Index.of(report))


def sources_line(report: Report, finding: Finding) -> str:
    """A finding's sources grouped by the figure they give: ``6,637: en-wiki, zh-wiki ·
    6,836: wolman-2024``."""
    return grouped_sources(Index.of(report), finding)


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``report.json`` (also ``docs/report-schema.json``)."""
    text = resources.files(__package__).joinpath("report-schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _where(error: Any) -> str:
    parts = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    return parts or "the top level"


def _check_references(data: dict[str, Any]) -> str | None:
    """The first cross-reference that does not hold, described; ``None`` when all hold."""
    paragraphs: dict[str, int] = {}
    for d in data["documents"]:
        if d["id"] in paragraphs:
            return f"two documents have the id {d['id']!r}"
        paragraphs[d["id"]] = len(d["paragraphs"])
    claims: set[str] = set()
    for c in data["claims"]:
        if c["id"] in claims:
            return f"two claims have the id {c['id']!r}"
        claims.add(c["id"])
        if c["document"] not in paragraphs:
            return f"claim {c['id']!r} names an unknown document {c['document']!r}"
        if c["paragraph"] >= paragraphs[c["document"]]:
            return f"claim {c['id']!r} names paragraph {c['paragraph']} of {c['document']!r}"
    findings: set[str] = set()
    for f in data["findings"]:
        if f["id"] in findings:
            return f"two findings have the id {f['id']!r}"
        findings.add(f["id"])
        for cid in f["claims"]:
            if cid not in claims:
                return f"finding {f['id']!r} names an unknown claim {cid!r}"
    for a in data["alignments"]:
        for side in ("source", "target"):
            if a[side] not in paragraphs:
                return f"an alignment names an unknown document {a[side]!r}"
    return None


def validate(data: Any, path: str | None = None) -> dict[str, Any]:
    """Check report data (as :func:`json.loads` gives it) against the schema and its
    cross-references (claims name documents, findings name claims...); return it unchanged or
    raise :class:`ReportError` saying where it goes wrong.

    >>> validate({"sourcecompare": "0.1.0"})
    Traceback (most recent call last):
    ...
    sourcecompare.errors.ReportError: not a sourcecompare report: at the top level: 'signature' is a required property
    """  # noqa: E501
    try:
        import jsonschema
    except ImportError as err:  # pragma: no cover - jsonschema is a dependency
        raise ReportError(path, "validating a report needs the jsonschema package") from err
    validator_class = jsonschema.Draft202012Validator
    validator = validator_class(schema(), format_checker=validator_class.FORMAT_CHECKER)
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        raise ReportError(path, f"not a sourcecompare report: at {_where(error)}: {error.message}")
    problem = _check_references(data)
    if problem is not None:
        raise ReportError(path, f"inconsistent report: {problem}")
    checked: dict[str, Any] = data
    return checked


def load_json(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a ``report.json`` and return its data, validated (see :func:`validate`).

    A missing or unreadable file, text that is not JSON, or JSON that is not a report raises
    :class:`ReportError` naming the file (and, for bad JSON, the line and column).
    """
    where = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise ReportError(where, f"not UTF-8 text ({err.reason} at byte {err.start})") from err
    except OSError as err:
        raise ReportError(where, f"cannot read: {err.strerror or err}") from err
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ReportError(
            where, f"not JSON: {err.msg} at line {err.lineno}, column {err.colno}"
        ) from err
    return validate(data, where)
