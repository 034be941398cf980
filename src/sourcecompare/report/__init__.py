"""The reviewable report: JSON for tools, Markdown for notes and tickets, one HTML page for
reading.

>>> from sourcecompare.model import Report
>>> report = Report(documents=(), alignments=(), claims=(), findings=(), signature="sig")
>>> to_json(report).startswith("{"), to_markdown(report).startswith("# sourcecompare report")
(True, True)

Every renderer first checks the report holds together (unique ids; claims, findings and
alignments naming documents, paragraphs and claims that exist) and raises
:class:`ReportError` otherwise.  :func:`load_json` reads ``report.json`` back into a
:class:`Report` (the schema, then the same check).  ``docs/report.md`` describes the outputs.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Finding, Report
from ._common import (
    Index,
    ReportError,
    grouped_sources,
    ordered_findings,
    shown_findings,
    status_label,
    value_groups,
)
from .files import FILES, complete_pending, render_files, write_report
from .from_json import load_json, parse_json, schema, validate
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
    "parse_json",
    "render_files",
    "schema",
    "sources_line",
    "status_label",
    "summary_rows",
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


def summary_rows(report: Report, findings: Sequence[Finding]) -> list[tuple[str, str]]:
    """For a short listing (the terminal's): each finding's figures, one per group of sources
    (``6,637 / 6,836``), and its sources grouped by figure (as :func:`sources_line`), worked
    out with one index of the report however many findings are listed."""
    index = Index.of(report)
    return [
        (" / ".join(g.label for g in value_groups(index, f)), grouped_sources(index, f))
        for f in findings
    ]
