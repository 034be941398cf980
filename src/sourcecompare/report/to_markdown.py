"""The report as Markdown, for pasting into notes and tickets.

A summary (findings counted by relation and severity, and the documents with their reliability
tier and citation), then the findings grouped by relation, conflicts first: each headed by
its sources grouped by the figure they give (``6,637: en-wiki, zh-wiki · 6,836: wolman``), with
its review (status, note, reviewer, time) when there is one, its explanation and every source's
sentence quoted with the figure in bold and where it stands (``doc-id ¶N``, paragraphs counted
from 0 as ``sourcecompare inspect`` shows them, and the page of a paged document).  One-sided
figures come last, by document in the order of its text, one line each.  Document text (user
comments included) is escaped, so it shows as written and never turns into links, images, HTML
or table cells.
"""

from __future__ import annotations

import re

from ..model import Claim, Document, Finding, Relation, Report, Severity
from ._common import (
    RELATION_ORDER,
    SEVERITY_ORDER,
    Excerpt,
    Index,
    citation,
    display_order,
    excerpt,
    grouped_sources,
    status_label,
    tier_of,
    where,
)

__all__ = ["md_escape", "to_markdown"]

#: characters that mean something inline in CommonMark / GitHub Markdown (brackets escaped, a
#: parenthesis or an exclamation mark can no longer make a link or an image)
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&$])")
_SPACE = re.compile(r"\s+")
#: what makes :func:`md_escape` change a text's spacing: a space other than " ", or two
_ODD_SPACE = re.compile(r"[^\S ]|  ")

_HEADINGS = {
    Relation.CONFLICT: "Conflicts",
    Relation.POSSIBLE: "Possible conflicts (thin evidence)",
    Relation.COMPATIBLE: "Compatible only as approximations",
    Relation.AGREEMENT: "Agreements",
    Relation.ONE_SIDED: "One-sided figures",
}


def md_escape(text: str) -> str:
    """``text`` as Markdown that shows it literally, on one line.

    >>> print(md_escape("<img src=x> *bold* ![link](http://x) a|b"))
    \\<img src=x\\> \\*bold\\* !\\[link\\](http://x) a\\|b
    >>> md_escape("两行\\n文字")
    '两行 文字'
    """
    # most text has single spaces and nothing to escape: tested first, it is not copied
    if _ODD_SPACE.search(text) or text[:1] == " " or text[-1:] == " ":
        text = _SPACE.sub(" ", text).strip()
    return _SPECIAL.sub(r"\\\1", text) if _SPECIAL.search(text) else text


def _code(text: str) -> str:
    """An inline code span holding ``text`` whatever backticks it contains.

    >>> _code("a`b")
    '`` a`b ``'
    """
    text = _SPACE.sub(" ", text).strip()
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if fence != "`" or text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _quote(ex: Excerpt) -> str:
    before = ("…" if ex.clipped_start else "") + md_escape(ex.before)
    after = md_escape(ex.after) + ("…" if ex.clipped_end else "")
    if not ex.figure:
        return f"“{before}{after}”"
    sep_b = " " if ex.before[-1:].isspace() else ""
    sep_a = " " if ex.after[:1].isspace() else ""
    return f"“{before}{sep_b}**{md_escape(ex.figure)}**{sep_a}{after}”"


def _where(index: Index, claim: Claim) -> str:
    return md_escape(where(index, claim))


def _cite(doc: Document) -> str:
    """The document's citation, its URL an autolink (kept as written)."""
    url = str(doc.metadata.get("url", ""))
    text = citation(doc)
    return f"<{url}>{md_escape(text[len(url) :])}" if url else md_escape(text)


def _source_line(index: Index, claim: Claim) -> str:
    doc = index.documents[claim.document]
    paragraph = index.paragraph_of(claim)
    tier = tier_of(doc, paragraph)
    tier_note = f" ({md_escape(tier)})" if tier else ""
    return f"- {_where(index, claim)}{tier_note}: {_quote(excerpt(paragraph, claim))}"


def _review(index: Index, f: Finding) -> list[str]:
    """The verdict as a quoted block: status, reviewer and time, then the note."""
    review = index.review(f)
    if review is None or (review.status == "unreviewed" and not review.note):
        return []
    who = " · ".join(md_escape(p) for p in (review.reviewer, review.at) if p)
    lines = [
        f"> Review: **{md_escape(status_label(review.status))}**" + (f" — {who}" if who else "")
    ]
    if review.note:
        lines += [">"] + [
            f"> {md_escape(line)}" if line.strip() else ">" for line in review.note.splitlines()
        ]
    return [*lines, ""]


def _finding(index: Index, n: int, f: Finding) -> list[str]:
    severity = Severity(f.severity).value
    figures = md_escape(grouped_sources(index, f))
    subject = f", {md_escape(f.subject)}" if f.subject else ""
    head = f"### {n}. {figures} — {severity} severity{subject}"
    lines = [head, "", f"{_code(f.id)} · confidence {f.confidence:.2f}"]
    status = index.status(f)
    if status:
        lines[-1] += f" · status: **{md_escape(status_label(status))}**"
    lines.append("")
    lines += _review(index, f)
    claims = index.claims_of(f)
    lines += [md_escape(f.explanation), ""]
    lines += [_source_line(index, c) for c in claims]
    lines.append("")
    if f.evidence:
        lines += ["Why these are one fact:", ""]
        lines += [f"- {md_escape(e)}" for e in f.evidence]
        lines.append("")
    return lines


def _one_sided(index: Index, f: Finding) -> str:
    parts = []
    for c in index.claims_of(f):
        ex = index.excerpt_of(c)
        parts.append(f"{_where(index, c)}: {_quote(ex)}")
    review = index.review(f)
    note = ""
    if review is not None:
        note = f" — status: **{md_escape(status_label(review.status))}**"
        note += f" ({md_escape(review.reviewer)})" if review.reviewer else ""
        note += f": {md_escape(review.note)}" if review.note else ""
    return f"- {_code(f.id)} {'; '.join(parts)}{note}"


def _summary(index: Index) -> list[str]:
    report = index.report
    counts = {(r, s): 0 for r in RELATION_ORDER for s in SEVERITY_ORDER}
    for f in report.findings:
        counts[Relation(f.relation), Severity(f.severity)] += 1
    lines = [
        "## Summary",
        "",
        f"{len(report.documents)} documents, {len(report.claims)} figures, "
        f"{len(report.findings)} findings.",
        "",
        "| relation | " + " | ".join(s.value for s in SEVERITY_ORDER) + " | total |",
        "| --- | " + " | ".join("---:" for _ in SEVERITY_ORDER) + " | ---: |",
    ]
    for r in RELATION_ORDER:
        row = [counts[r, s] for s in SEVERITY_ORDER]
        lines.append(f"| {r.value} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    totals = [sum(counts[r, s] for r in RELATION_ORDER) for s in SEVERITY_ORDER]
    lines.append("| **total** | " + " | ".join(map(str, totals)) + f" | {sum(totals)} |")
    lines += [
        "",
        "### Documents",
        "",
        "| id | title | language | script | tier | publisher | date | figures |",
        "| --- | --- | --- | --- | --- | --- | --- | ---: |",
    ]
    figures = {d: 0 for d in index.documents}
    for c in report.claims:
        figures[c.document] += 1
    for d in report.documents:
        cells = [
            md_escape(d.id),
            md_escape(d.title),
            md_escape(d.language),
            md_escape(d.script),
            md_escape(tier_of(d)),
            md_escape(str(d.metadata.get("publisher", ""))),
            md_escape(str(d.metadata.get("date", ""))),
            str(figures[d.id]),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    cited = [f"- {md_escape(d.id)}: {_cite(d)}" for d in report.documents if citation(d)]
    lines += ["", "Sources:", "", *cited] if cited else []
    lines.append("")
    return lines


def to_markdown(report: Report) -> str:
    """The report as Markdown (see the module's description).

    >>> from sourcecompare.model import Report
    >>> print(to_markdown(Report((), (), (), (), "sig")).splitlines()[0])
    # sourcecompare report
    """
    return render_markdown(Index.of(report))


def render_markdown(index: Index) -> str:
    """:func:`to_markdown` of the report ``index`` was built from."""
    report = index.report
    lines = ["# sourcecompare report", "", f"Settings: {_code(report.signature)}", ""]
    lines += _summary(index)
    main, one_sided = display_order(index)
    n = 0
    for relation in RELATION_ORDER:
        if relation is Relation.ONE_SIDED:
            total = sum(len(fs) for fs in one_sided.values())
            if total:
                lines += [f"## {_HEADINGS[relation]} ({total})", ""]
            for doc, alone in one_sided.items():
                lines += [f"### Only in {md_escape(doc)} ({len(alone)})", ""]
                lines += [_one_sided(index, f) for f in alone]
                lines.append("")
            continue
        group = [f for f in main if Relation(f.relation) is relation]
        if not group:
            continue
        lines += [f"## {_HEADINGS[relation]} ({len(group)})", ""]
        for f in group:
            n += 1
            lines += _finding(index, n, f)
    if not report.findings:
        lines += ["No findings.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
