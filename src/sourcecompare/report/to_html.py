"""The report as one self-contained HTML page (or a fragment for notebooks).

The page loads nothing: its style sheet and its small script are inline (package data under
``report/templates/``), and in the standalone page a Content-Security-Policy allows only those
two (by hash), so neither a network request nor a script smuggled into a document can run.
Every piece of document text, and every attribute value, is escaped.

Sections:

* **Summary** -- findings counted by relation and severity; the documents with their tier.
* **Findings** -- conflicts first; each shows its relation, severity, confidence and review
  status (its label, "Confirmed discrepancy"; the value, ``confirmed-discrepancy``, is the
  ``data-status`` of its ``sc-status-area``), its explanation, and each source's sentence in
  its original script with the figure in ``<mark>``, linked (``#doc-ID-p-N``) to the paragraph
  in context.  Checkboxes and a select filter them by relation, severity and document.
* **Documents** -- each alignment as a table of linked paragraphs, side by side.  A paragraph's
  first appearance carries the id ``doc-ID-p-N`` (``N`` counted from 0), later appearances
  ``al-K-doc-ID-p-N``; figures are highlighted and link back to their finding.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from ..model import (
    Alignment,
    Claim,
    Document,
    Finding,
    Paragraph,
    ParagraphKind,
    Relation,
    Report,
    Severity,
)
from ._common import (
    RELATION_ORDER,
    SEVERITY_ORDER,
    Excerpt,
    Index,
    display_order,
    marks,
    page_note,
    status_label,
    tier_of,
    value_groups,
    word_breaks,
)
from .gloss import GLOSS_LABEL, GlossedText, GlossWord

__all__ = ["anchor_ids", "summary_html", "to_html"]

_UNSAFE_ID = re.compile(r"[^\w.-]")
#: characters of a paragraph shown where it repeats in an alignment table
REPEAT_CHARS = 90


def esc(value: object) -> str:
    """Text (or an attribute value) escaped for HTML.

    >>> esc('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    text = str(value)
    if _SPECIAL.search(text) is None:  # most text has nothing to escape: one scan, no copies
        return text
    return html.escape(text, quote=True)


_SPECIAL = re.compile(r"[&<>\"']")


@cache
def _template(name: str) -> str:
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _lang(doc: Document) -> str:
    """The BCP 47 tag for a document's text, so browsers pick the right CJK glyphs."""
    if doc.language == "zh":
        return {"traditional": "zh-Hant", "simplified": "zh-Hans"}.get(doc.script, "zh")
    return doc.language or "und"


def anchor_ids(documents: Sequence[Document]) -> dict[str, str]:
    """The part of the paragraph anchors (``doc-ID-p-N``) that names each document: the id
    itself when it is safe in an HTML id and a URL fragment, else the id with the unsafe
    characters replaced (and a number added should two documents then collide).

    >>> from types import SimpleNamespace as D
    >>> anchor_ids([D(id="en-wiki"), D(id="my doc"), D(id="my_doc"), D(id="北韓")])
    {'en-wiki': 'en-wiki', 'my doc': 'my_doc', 'my_doc': 'my_doc-2', '北韓': '北韓'}
    """
    taken: set[str] = set()
    out: dict[str, str] = {}
    for doc in documents:
        base = _UNSAFE_ID.sub("_", doc.id) or "_"
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name)
        out[doc.id] = name
    return out


@dataclass
class _Page:
    """What rendering the page needs to know across sections."""

    index: Index
    anchors: dict[str, str]
    used_ids: set[str] = field(default_factory=set)
    #: (alignment number, document id, paragraph) -> the id of the row that shows it
    rows: dict[tuple[int, str, int], str] = field(default_factory=dict)
    #: (alignment number, source paragraph, target paragraph) -> the first row holding both
    pair_rows: dict[tuple[int, int, int], str] = field(default_factory=dict)
    #: finding id -> its relation
    relations: dict[str, str] = field(default_factory=dict)
    #: (document id, paragraph) -> its text glossed once, and each word's HTML
    glossed: dict[tuple[str, int], tuple[GlossedText, list[str]]] = field(default_factory=dict)
    #: (document id, paragraph) -> the caption of a side quoting it (see :func:`_caption`)
    captions: dict[tuple[str, int], str] = field(default_factory=dict)
    #: the paragraphs whose glossed words some finding's gloss takes (see :func:`_gloss`)
    gloss_used: set[tuple[str, int]] = field(default_factory=set)

    def __post_init__(self) -> None:
        for f in self.index.report.findings:
            self.relations[f.id] = Relation(f.relation).value

    def para_anchor(self, doc_id: str, paragraph: int) -> str:
        return f"doc-{self.anchors[doc_id]}-p-{paragraph}"

    def gloss_id(self, doc_id: str, paragraph: int) -> str:
        return f"gloss-{self.anchors[doc_id]}-p-{paragraph}"

    def relation_of_claim(self, claim: Claim) -> str:
        fid = self.index.finding_of.get(claim.id)
        return "none" if fid is None else self.relations[fid]


def _badge(kind: str, value: str, text: str | None = None) -> str:
    return f'<span class="sc-badge sc-{kind}-{esc(value)}">{esc(text or value)}</span>'


# ---------------------------------------------------------------- summary


def _summary(page: _Page) -> tuple[str, str]:
    """The counts of findings, and the table of sources (shown after the findings)."""
    report = page.index.report
    counts = {(r, s): 0 for r in RELATION_ORDER for s in SEVERITY_ORDER}
    for f in report.findings:
        counts[Relation(f.relation), Severity(f.severity)] += 1
    head = "".join(f'<th class="sc-num">{esc(s.value)}</th>' for s in SEVERITY_ORDER)
    rows = []
    for r in RELATION_ORDER:
        cells = "".join(f'<td class="sc-num">{counts[r, s]}</td>' for s in SEVERITY_ORDER)
        total = sum(counts[r, s] for s in SEVERITY_ORDER)
        rows.append(
            f'<tr><td>{_badge("rel", r.value)}</td>{cells}<td class="sc-num">{total}</td></tr>'
        )
    totals = "".join(
        f'<td class="sc-num">{sum(counts[r, s] for r in RELATION_ORDER)}</td>'
        for s in SEVERITY_ORDER
    )
    rows.append(f'<tr><th>total</th>{totals}<td class="sc-num">{len(report.findings)}</td></tr>')
    figures = {d.id: 0 for d in report.documents}
    for c in report.claims:
        figures[c.document] += 1
    doc_rows = []
    for d in report.documents:
        first = (
            f'<a href="#{esc(page.para_anchor(d.id, 0))}">{esc(d.id)}</a>'
            if d.paragraphs
            else esc(d.id)
        )
        tier = tier_of(d)
        cited = page.index.citations[d.id]
        doc_rows.append(
            "<tr>"
            f"<td><code>{first}</code></td>"
            f'<td lang="{esc(_lang(d))}">{esc(d.title)}'
            f"{f'<br><small>{esc(cited)}</small>' if cited else ''}</td>"
            f"<td>{esc(d.language)} · {esc(d.script)}</td>"
            f"<td>{_badge('tier', tier) if tier else ''}</td>"
            f"<td>{esc(d.metadata.get('publisher', ''))}</td>"
            f'<td class="sc-date">{esc(d.metadata.get("date", ""))}</td>'
            f'<td class="sc-num">{len(d.paragraphs)}</td>'
            f'<td class="sc-num">{figures[d.id]}</td>'
            "</tr>"
        )
    summary = (
        '<section id="sc-summary" class="sc-summary"><h2>Summary</h2>'
        '<table class="sc-counts"><caption hidden>Findings by relation and severity</caption>'
        f'<thead><tr><th>relation</th>{head}<th class="sc-num">total</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )
    sources = (
        '<section id="sc-sources"><h2>Sources</h2>'
        '<table class="sc-docs"><caption hidden>Documents</caption><thead><tr>'
        "<th>document</th><th>title and citation</th><th>language</th><th>tier</th>"
        '<th>publisher</th><th>date</th><th class="sc-num">paragraphs</th>'
        '<th class="sc-num">figures</th>'
        f"</tr></thead><tbody>{''.join(doc_rows)}</tbody></table></section>"
    )
    return summary, sources


# ---------------------------------------------------------------- findings


def _filters(page: _Page) -> str:
    report = page.index.report
    rel_n = {r: 0 for r in RELATION_ORDER}
    sev_n = {s: 0 for s in SEVERITY_ORDER}
    for f in report.findings:
        rel_n[Relation(f.relation)] += 1
        sev_n[Severity(f.severity)] += 1
    rel = "".join(
        f'<label><input type="checkbox" name="relation" value="{esc(r.value)}" checked> '
        f"{esc(r.value)} ({rel_n[r]})</label>"
        for r in RELATION_ORDER
    )
    sev = "".join(
        f'<label><input type="checkbox" name="severity" value="{esc(s.value)}" checked> '
        f"{esc(s.value)} ({sev_n[s]})</label>"
        for s in SEVERITY_ORDER
    )
    options = "".join(f'<option value="{esc(d.id)}">{esc(d.id)}</option>' for d in report.documents)
    n = len(report.findings)
    return (
        '<form class="sc-filters" aria-label="Filter findings" hidden>'
        f"<fieldset><legend>Relation</legend>{rel}</fieldset>"
        f"<fieldset><legend>Severity</legend>{sev}</fieldset>"
        '<label>Document <select name="document"><option value="">all documents</option>'
        f"{options}</select></label>"
        f'<output class="sc-count">{n} of {n} findings shown</output>'
        "</form>"
    )


def _figure_note(claim: Claim) -> str:
    parts: list[str] = [str(claim.kind)]
    if claim.unit:
        parts.append(claim.unit)
    if claim.qualifier and claim.qualifier != "exact":
        parts.append(claim.qualifier)
    if claim.unit_text:
        parts.append(f"“{claim.unit_text}”")
    return " · ".join(parts)


def _gloss_word(w: GlossWord) -> str:
    if not w.gloss:
        return f'<span class="sc-gw sc-gw-plain">{esc(w.text)}</span>'
    kind = " sc-gw-name" if w.name else " sc-gw-fn" if w.function else ""
    return (
        f'<span class="sc-gw{kind}"><span class="sc-gw-zh" lang="zh">{esc(w.text)}</span>'
        f'<span class="sc-gw-en" lang="en">{esc(w.gloss)}</span></span>'
    )


def _gloss(page: _Page, doc: Document, paragraph: Paragraph, ex: Excerpt) -> str:
    """The attributes naming the dictionary gloss of a Chinese sentence (its words looked up
    in the document's script), which the page's script shows under the quote, closed until
    asked for.  The paragraph is glossed once, however many findings quote it, and its words
    are written once, in a ``<template>`` (:func:`_gloss_templates`); a side names the run of
    them its window shares a character with (``data-words``: a word the quote's edge cuts is
    shown whole, not glossed as a fragment), which the script copies in when the gloss is
    first opened.  So the page grows with the text, not with the number of figures times the
    length of their sentences, and a finding's gloss costs two bisections and two attributes
    (the gloss is nothing without the script, which builds it)."""
    key = doc.id, paragraph.index
    held = page.glossed.get(key)
    if held is None:
        text = paragraph.text
        whole = GlossedText.of(text, word_breaks(paragraph, 0, len(text)), doc.script)
        held = whole, [_gloss_word(w) for w in whole.words]
        page.glossed[key] = held
    first, last = held[0].touching(ex.start, ex.start + len(ex.text))
    if first >= last:  # an empty quote: nothing to gloss
        return ""
    page.gloss_used.add(key)
    return f' data-gloss="{esc(page.gloss_id(*key))}" data-words="{first}-{last}"'


def _gloss_templates(page: _Page) -> str:
    """The glossed words of every paragraph a finding's gloss draws on, each paragraph once,
    in an inert ``<template>`` (not shown, not searched by the browser's find)."""
    label = esc(GLOSS_LABEL)
    return "".join(
        f'<template id="{esc(page.gloss_id(*key))}" data-label="{label}">'
        f"{''.join(page.glossed[key][1])}</template>"
        for key in sorted(page.gloss_used)
    )


def _caption(page: _Page, doc: Document, number: int) -> str:
    """A side's caption: the document's title and tier, where the paragraph stands (a link to
    it in context), its headings and the document's citation; the same for every figure of a
    paragraph, so built once for each."""
    key = doc.id, number
    held = page.captions.get(key)
    if held is not None:
        return held
    paragraph = doc.paragraphs[number]
    lang = esc(_lang(doc))
    tier = tier_of(doc, paragraph)
    section = (
        f'<span class="sc-section" lang="{lang}">{esc(" › ".join(paragraph.section))}</span>'
        if paragraph.section
        else ""
    )
    anchor = page.para_anchor(doc.id, number)
    cited = page.index.citations[doc.id]
    held = (
        f'<figcaption><span class="sc-doc-title" lang="{lang}">{esc(doc.title)}</span>'
        f"{_badge('tier', tier) if tier else ''}"
        f'<a class="sc-para-link" href="#{esc(anchor)}">{esc(doc.id)} ¶{number}'
        f"{esc(page_note(paragraph))}</a>"
        f"{section}"
        + (f'<span class="sc-citation">{esc(cited)}</span>' if cited else "")
        + "</figcaption>"
    )
    page.captions[key] = held
    return held


def _side(page: _Page, claim: Claim) -> str:
    doc = page.index.documents[claim.document]
    paragraph = page.index.paragraph_of(claim)
    ex = page.index.excerpt_of(claim)
    quote = (
        ("…" if ex.clipped_start else "")
        + esc(ex.before)
        + (f"<mark>{esc(ex.figure)}</mark>" if ex.figure else "")
        + esc(ex.after)
        + ("…" if ex.clipped_end else "")
    )
    gloss = _gloss(page, doc, paragraph, ex) if doc.language == "zh" else ""
    return (
        f'<figure class="sc-side" data-document="{_esc_id(doc.id)}" data-claim="{esc(claim.id)}"'
        f"{gloss}>{_caption(page, doc, claim.paragraph)}"
        f'<blockquote class="sc-quote" lang="{_esc_lang(doc)}">{quote}</blockquote>'
        f'<div class="sc-figure-note">{esc(_figure_note(claim))}</div>'
        "</figure>"
    )


@cache
def _esc_id(text: str) -> str:
    """:func:`esc` of a document id or a language tag, the same for every card that names it."""
    return esc(text)


def _esc_lang(doc: Document) -> str:
    return _esc_id(_lang(doc))


def _context_link(page: _Page, claims: Sequence[Claim]) -> str:
    """A link to the alignment row showing two sources' paragraphs side by side: the first
    row that holds both claims' paragraphs, for the first pair of claims of two documents
    that has one; else the row holding the first claim's paragraph."""
    pairs = [(a, b) for i, a in enumerate(claims) for b in claims[i + 1 :]
             if a.document != b.document]  # fmt: skip
    fallback = None
    for a, b in pairs:
        for k, al in enumerate(page.index.report.alignments):
            if {al.source, al.target} != {a.document, b.document}:
                continue
            src, tgt = (a, b) if al.source == a.document else (b, a)
            row = page.pair_rows.get((k, src.paragraph, tgt.paragraph))
            if row is not None:
                return _side_by_side(row)
            if fallback is None:
                fallback = page.rows.get((k, a.document, a.paragraph))
    return _side_by_side(fallback) if fallback is not None else ""


def _side_by_side(row: str) -> str:
    return f'<a class="sc-context" href="#{esc(row)}">see the two documents side by side</a>'


def _groups(page: _Page, f: Finding) -> str:
    """The sources grouped by the figure they give: 6,637: en-wiki, zh-wiki · 6,836: wolman."""
    if len(f.claims) < 2:
        return ""
    groups = value_groups(page.index, f)
    parts = "".join(
        f'<li class="sc-group"><span class="sc-group-figure">{esc(g.label)}</span>: '
        f"{esc(', '.join(g.documents))}</li>"
        for g in groups
    )
    return f'<ul class="sc-groups" aria-label="Sources by figure">{parts}</ul>'


def _review(page: _Page, f: Finding) -> str:
    """The verdict the review store holds: status, note, reviewer, time."""
    review = page.index.review(f)
    if review is None or (review.status == "unreviewed" and not review.note):
        return ""
    who = " · ".join(p for p in (review.reviewer, review.at) if p)
    return (
        f'<div class="sc-review" data-status="{esc(review.status)}">'
        f'<span class="sc-review-label">Review: {esc(status_label(review.status))}</span>'
        + (f'<span class="sc-review-who">{esc(who)}</span>' if who else "")
        + (f'<p class="sc-review-note">{esc(review.note)}</p>' if review.note else "")
        + "</div>"
    )


def _finding(page: _Page, f: Finding) -> str:
    relation = Relation(f.relation).value
    severity = Severity(f.severity).value
    claims = page.index.claims_of(f)
    status = page.index.status(f)
    fid = esc(f.id)
    # a one-sided card sits under "Only in DOC" and quotes its sentence below: its explanation
    # ("only DOC gives this figure: …") would say both again
    explained = (
        ""
        if relation == Relation.ONE_SIDED
        else f'<p class="sc-explanation">{esc(f.explanation)}</p>'
    )
    opening, badges = _card_head(relation, severity)
    return (
        f'{opening}id="finding-{fid}" data-finding-id="{fid}" {badges}'
        + (f'<span class="sc-subject">{esc(f.subject)}</span>' if f.subject else "")
        + f'<span class="sc-confidence">confidence {f.confidence:.2f}</span>'
        f"{_status_area(status)}"
        f'<a class="sc-fid" href="#finding-{fid}">{fid}</a>'
        "</div>"
        f"{_groups(page, f)}"
        f"{_review(page, f)}"
        f"{explained}"
        f'<div class="sc-sides">{"".join(_side(page, c) for c in claims)}</div>'
        f"{_evidence(f)}"
        f"{_context_link(page, claims)}"
        "</li>"
    )


@cache
def _card_head(relation: str, severity: str) -> tuple[str, str]:
    """The parts of a finding card's opening that depend only on its relation and severity:
    the list item's classes, and its data attributes with the two badges (the card's id goes
    between them); the same for every card of one relation and severity."""
    return (
        f'<li class="sc-finding sc-rel-{esc(relation)} sc-sev-{esc(severity)}" ',
        f'data-relation="{esc(relation)}" data-severity="{esc(severity)}">'
        '<div class="sc-finding-head">'
        f"{_badge('rel', relation)}{_badge('sev', severity, f'{severity} severity')}",
    )


@cache
def _status_area(status: str | None) -> str:
    """A card's review status: the label is what a person reads; the raw value stays in
    ``data-status``, for filtering."""
    badge = _badge("status", status, status_label(status)) if status else ""
    return f'<span class="sc-status-area" data-status="{esc(status or "")}">{badge}</span>'


def _evidence(f: Finding) -> str:
    """Why the claims were judged one fact, as the matcher recorded it."""
    if not f.evidence:
        return ""
    items = "".join(f"<li>{esc(e)}</li>" for e in f.evidence)
    return (
        '<details class="sc-evidence" open><summary>Why these are one fact</summary>'
        f"<ul>{items}</ul></details>"
    )


def _findings(page: _Page) -> str:
    report = page.index.report
    main, one_sided = display_order(page.index)
    items = "".join(_finding(page, f) for f in main)
    empty = "" if report.findings else '<p class="sc-empty">No findings.</p>'
    alone = "".join(
        f'<details class="sc-only-in" data-document="{esc(doc)}">'
        f"<summary>Only in {esc(doc)} ({len(fs)})</summary>"
        f'<ol class="sc-findings sc-one-sided">{"".join(_finding(page, f) for f in fs)}</ol>'
        "</details>"
        for doc, fs in one_sided.items()
    )
    n_alone = sum(len(fs) for fs in one_sided.values())
    return (
        '<section id="sc-findings"><h2>Findings</h2>'
        f"{_filters(page)}"
        f'<ol class="sc-findings">{items}</ol>{empty}'
        + (
            f'<h3 class="sc-one-sided-head">One-sided figures ({n_alone}): '
            "given by one source only, by document, in the order of its text</h3>"
            f"{alone}"
            if alone
            else ""
        )
        + '<p class="sc-none" hidden>No finding matches the filters.</p>'
        f"{_gloss_templates(page)}"
        "</section>"
    )


# ---------------------------------------------------------------- documents


def _paragraph(page: _Page, doc: Document, p: Paragraph, alt_prefix: str) -> tuple[str, str | None]:
    """A paragraph with its figures marked, and the id it was given (its canonical anchor at
    its first appearance in the page, else one prefixed with ``alt_prefix``)."""
    anchor: str | None = page.para_anchor(doc.id, p.index)
    if anchor in page.used_ids:
        anchor = f"{alt_prefix}-{anchor}"
    id_attr = ""
    if anchor in page.used_ids:
        anchor = None
    elif anchor is not None:
        page.used_ids.add(anchor)
        id_attr = f' id="{esc(anchor)}"'
    pieces: list[str] = []
    pos = 0
    for start, end, claim in marks(p, page.index.by_paragraph.get((doc.id, p.index), ())):
        pieces.append(esc(p.text[pos:start]))
        rel = page.relation_of_claim(claim)
        fid = page.index.finding_of.get(claim.id)
        figure = esc(p.text[start:end])
        if fid is not None:
            title = f"finding {fid}: {rel}"
            figure = f'<a href="#finding-{esc(fid)}" title="{esc(title)}">{figure}</a>'
        pieces.append(f'<mark class="sc-m-{esc(rel)}" data-claim="{esc(claim.id)}">{figure}</mark>')
        pos = end
    pieces.append(esc(p.text[pos:]))
    kind = p.kind.value if isinstance(p.kind, ParagraphKind) else str(p.kind)
    tag = ""
    if p.kind is ParagraphKind.COMMENT:
        tag = '<span class="sc-kind-tag">comment</span>'
        if p.label:
            tag += f'<span class="sc-handle">{esc(p.label)}</span>'
    elif p.kind in (ParagraphKind.FOOTNOTE, ParagraphKind.REFERENCE) and p.label:
        tag = f'<span class="sc-kind-tag">{esc(p.label)}</span>'
    elif p.kind in (ParagraphKind.INFOBOX, ParagraphKind.CAPTION):
        tag = f'<span class="sc-kind-tag">{esc(kind)}</span>'
    link = esc(page.para_anchor(doc.id, p.index))
    return (
        f'<div class="sc-para sc-kind-{esc(kind)}"{id_attr} data-document="{esc(doc.id)}" '
        f'data-paragraph="{p.index}">'
        f'<a class="sc-pnum" href="#{link}">¶{p.index}</a>{tag}{"".join(pieces)}</div>'
    ), anchor


def _repeat(doc: Document, p: Paragraph, first: str | None) -> str:
    """A paragraph shown again in the same table (comparable alignments link one paragraph to
    several): a line pointing at its first appearance instead of the whole text."""
    text = " ".join(p.text.split())
    short = text if len(text) <= REPEAT_CHARS else text[: REPEAT_CHARS - 1] + "…"
    number = f'<a class="sc-pnum" href="#{esc(first)}">¶{p.index}</a>' if first else f"¶{p.index}"
    return (
        f'<div class="sc-repeat" data-document="{esc(doc.id)}" data-paragraph="{p.index}">'
        f'{number}<span class="sc-repeat-note">as above:</span> {esc(short)}</div>'
    )


@dataclass(frozen=True)
class _Row:
    left: tuple[int, ...]
    right: tuple[int, ...]
    score: float | None = None
    reviewed: bool = False


def _rows(al: Alignment, n_left: int, n_right: int) -> Iterator[_Row]:
    """The rows of an alignment table: its links in order, with the paragraphs no link holds
    placed where they fall (alone on their side).

    Links keep their order when it follows the source document (as a dynamic-programming path
    does); otherwise they are sorted by their first source, then first target paragraph.
    """
    links = [link for link in al.links if link.source or link.target]
    firsts = [min(link.source) for link in links if link.source]
    if firsts != sorted(firsts):
        inf = n_left + n_right + 1
        links.sort(key=lambda ln: (min(ln.source, default=inf), min(ln.target, default=inf)))
    linked_left = {i for link in links for i in link.source}
    linked_right = {j for link in links for j in link.target}
    pending_left = [i for i in range(n_left) if i not in linked_left]
    pending_right = [j for j in range(n_right) if j not in linked_right]
    for link in links:
        if link.source:
            while pending_left and pending_left[0] < min(link.source):
                yield _Row((pending_left.pop(0),), ())
        if link.target:
            while pending_right and pending_right[0] < min(link.target):
                yield _Row((), (pending_right.pop(0),))
        yield _Row(tuple(link.source), tuple(link.target), link.score, link.reviewed)
    for i in pending_left:
        yield _Row((i,), ())
    for j in pending_right:
        yield _Row((), (j,))


def _doc_heading(doc: Document) -> str:
    return f'<span lang="{esc(_lang(doc))}">{esc(doc.title)}</span> <code>{esc(doc.id)}</code>'


def _alignment(page: _Page, k: int, al: Alignment) -> str:
    left = page.index.documents[al.source]
    right = page.index.documents[al.target]
    prefix = f"al-{k}"
    rows: list[str] = []
    seen: dict[tuple[str, int], str | None] = {}  # paragraph -> its id in this table
    for r, row in enumerate(_rows(al, len(left.paragraphs), len(right.paragraphs))):
        row_id = f"{prefix}-r-{r}"
        for i in row.left:
            page.rows.setdefault((k, left.id, i), row_id)
        for j in row.right:
            page.rows.setdefault((k, right.id, j), row_id)
        for i in row.left:
            for j in row.right:
                page.pair_rows.setdefault((k, i, j), row_id)
        cells = []
        for doc, units in ((left, row.left), (right, row.right)):
            paras = []
            for i in units:
                key = (doc.id, i)
                if key in seen:
                    paras.append(_repeat(doc, doc.paragraphs[i], seen[key]))
                else:
                    html_text, seen[key] = _paragraph(page, doc, doc.paragraphs[i], prefix)
                    paras.append(html_text)
            cells.append(f'<td lang="{esc(_lang(doc))}">{"".join(paras)}</td>')
        score = "" if row.score is None else f"{row.score:.2f}" + (" ✓" if row.reviewed else "")
        unlinked = " sc-unlinked" if row.score is None else ""
        rows.append(
            f'<tr class="sc-row{unlinked}" id="{esc(row_id)}">{cells[0]}'
            f'<td class="sc-score">{esc(score)}</td>{cells[1]}</tr>'
        )
    open_attr = " open" if k == 0 else ""
    return (
        f'<details class="sc-alignment" id="{esc(prefix)}"{open_attr}>'
        f"<summary>{_doc_heading(left)} ⇄ {_doc_heading(right)} "
        f'<span class="sc-mode">· {esc(al.mode)} · {len(al.links)} links</span></summary>'
        '<table class="sc-aligned"><colgroup><col><col class="sc-score-col"><col></colgroup>'
        f"<thead><tr><th>{esc(left.id)}</th><th>link</th><th>{esc(right.id)}</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></details>"
    )


def _alone(page: _Page, doc: Document) -> str:
    prefix = f"sc-doc-{page.anchors[doc.id]}"
    paras = "".join(_paragraph(page, doc, p, prefix)[0] for p in doc.paragraphs)
    return (
        f'<details class="sc-alignment" id="{esc(prefix)}" open>'
        f"<summary>{_doc_heading(doc)} "
        '<span class="sc-mode">· not aligned with another document</span></summary>'
        f'<div class="sc-alone" lang="{esc(_lang(doc))}">{paras}</div></details>'
    )


def _documents(page: _Page) -> str:
    report = page.index.report
    parts = []
    shown: set[str] = set()
    for k, al in enumerate(report.alignments):
        if al.unit != "paragraph":
            continue
        parts.append(_alignment(page, k, al))
        shown.update((al.source, al.target))
    parts.extend(_alone(page, d) for d in report.documents if d.id not in shown)
    return f'<section id="sc-documents"><h2>Documents</h2>{"".join(parts)}</section>'


# ---------------------------------------------------------------- page


def _body(index: Index) -> str:
    report = index.report
    page = _Page(index=index, anchors=anchor_ids(report.documents))
    documents = _documents(page)  # first: it records the rows findings link to
    findings = _findings(page)
    summary, sources = _summary(page)
    lede = (
        f"{len(report.documents)} documents · {len(report.claims)} figures · "
        f"{len(report.findings)} findings"
    )
    return (
        "<header><h1>sourcecompare report</h1>"
        f'<p class="sc-lede">{esc(lede)}</p>'
        '<nav class="sc-nav"><a href="#sc-summary">Summary</a><a href="#sc-findings">Findings</a>'
        '<a href="#sc-sources">Sources</a><a href="#sc-documents">Documents</a></nav>'
        '<details class="sc-settings"><summary>Settings signature</summary>'
        f"<code>{esc(report.signature)}</code></details></header>"
        f"{summary}{findings}{sources}{documents}"
    )


def to_html(report: Report, *, standalone: bool = True) -> str:
    """The report as HTML: a whole page, or (``standalone=False``) a ``<div>`` carrying its own
    style and script, for notebooks.

    >>> from sourcecompare.model import Report
    >>> page = to_html(Report((), (), (), (), "sig"))
    >>> page.startswith("<!DOCTYPE html>"), "No findings." in page
    (True, True)
    >>> fragment = to_html(Report((), (), (), (), "sig"), standalone=False)
    >>> fragment.startswith('<div class="sc-report"'), "<html" in fragment
    (True, False)
    """
    return render_html(Index.of(report), standalone=standalone)


def render_html(index: Index, *, standalone: bool = True) -> str:
    """:func:`to_html` of the report ``index`` was built from (:func:`write_report` renders
    its three files from one index, whose lookups they share)."""
    body = _body(index)
    css = _template("report.css")
    script = _template("report.js")
    if not standalone:
        return f'<div class="sc-report"><style>{css}</style>{body}<script>{script}</script></div>'
    css = "body { margin: 0; background: #ffffff; }\n" + css
    csp = (
        f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">\n'
        '<meta name="generator" content="sourcecompare">\n'
        '<title>sourcecompare report</title>\n<link rel="icon" href="data:,">\n'
        f"<style>{css}</style>\n</head>\n<body>\n"
        f'<div class="sc-report">{body}<script>{script}</script></div>\n'
        "</body>\n</html>\n"
    )


#: how many findings the notebook summary lists
SUMMARY_FINDINGS = 10


def summary_html(report: Report, limit: int = SUMMARY_FINDINGS) -> str:
    """A light summary for a notebook cell: the counts, then the first ``limit`` findings two
    or more sources state, in the report's order (conflicts first), each with its sources
    grouped by figure and its explanation; no document text beyond that, and no script.

    >>> from sourcecompare.model import Report
    >>> summary_html(Report((), (), (), (), "sig")).startswith('<div class="sc-report')
    True
    """
    index = Index.of(report)
    page = _Page(index=index, anchors=anchor_ids(report.documents))
    main, one_sided = display_order(index)
    counts: dict[str, int] = {}
    for f in report.findings:
        counts[Relation(f.relation).value] = counts.get(Relation(f.relation).value, 0) + 1
    lede = (
        f"{len(report.documents)} documents · {len(report.claims)} figures · "
        f"{len(report.findings)} findings: "
        + ", ".join(f"{r.value} {counts[r.value]}" for r in RELATION_ORDER if r.value in counts)
    )
    items = []
    for f in main[:limit]:
        relation = Relation(f.relation).value
        severity = Severity(f.severity).value
        items.append(
            f'<li class="sc-finding sc-rel-{esc(relation)}" data-finding-id="{esc(f.id)}">'
            '<div class="sc-finding-head">'
            f"{_badge('rel', relation)}{_badge('sev', severity, f'{severity} severity')}"
            + (f'<span class="sc-subject">{esc(f.subject)}</span>' if f.subject else "")
            + f'<span class="sc-confidence">confidence {f.confidence:.2f}</span>'
            f'<code class="sc-fid">{esc(f.id)}</code></div>'
            f"{_groups(page, f)}{_review(page, f)}"
            f'<p class="sc-explanation">{esc(f.explanation)}</p></li>'
        )
    more = len(main) - len(items) + sum(len(fs) for fs in one_sided.values())
    tail = (
        f'<p class="sc-lede">{more} more findings (one-sided figures included): '
        "<code>sourcecompare.report.to_html(report)</code> or <code>write_report</code> "
        "gives the whole report.</p>"
        if more
        else ""
    )
    return (
        f'<div class="sc-report sc-notebook"><style>{_template("report.css")}</style>'
        f'<p class="sc-lede">{esc(lede)}</p>'
        f'<ol class="sc-findings">{"".join(items)}</ol>{tail}</div>'
    )
