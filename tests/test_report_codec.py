"""The report codec: ``report.json`` read back into a ``Report`` that renders as the one
written, and a damaged file refused with an error naming it and what is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sourcecompare import compare
from sourcecompare.errors import ReportError, ReviewError
from sourcecompare.model import ClaimKind, ClaimQualifier, Report, Review, Status
from sourcecompare.report import load_json, to_html, to_json, to_markdown, write_report
from sourcecompare.review import read_report, snapshots_from_report

from .conftest import CORPUS


@pytest.fixture(scope="module")
def corpus_report() -> Report:
    return compare([CORPUS])


@pytest.fixture(scope="module")
def written(corpus_report: Report, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("codec")
    write_report(corpus_report, out)
    return out


def test_the_corpus_report_round_trips(corpus_report: Report, written: Path) -> None:
    text = (written / "report.json").read_text(encoding="utf-8")
    back = load_json(written / "report.json")
    assert to_json(back) == text
    assert to_markdown(back) == to_markdown(corpus_report)
    assert to_html(back) == to_html(corpus_report)
    assert to_json(load_json(text)) == text  # from the text as well as the file
    # what report.json holds comes back as values, not only as the same rendering
    assert [c.id for c in back.claims] == [c.id for c in corpus_report.claims]
    assert {f.id for f in back.findings} == {f.id for f in corpus_report.findings}
    assert all(isinstance(c.kind, ClaimKind) for c in back.claims)
    assert all(isinstance(c.qualifier, ClaimQualifier) for c in back.claims)
    for doc, want in zip(back.documents, corpus_report.documents, strict=True):
        assert doc.raw == "" and doc.id == want.id
        for p, q in zip(doc.paragraphs, want.paragraphs, strict=True):
            assert p.offsets == q.offsets and p.page == q.page
            assert [(s.start, s.end) for s in p.sentences] == [
                (s.start, s.end) for s in q.sentences
            ]
            if doc.language == "zh":
                assert [t.text for s in p.sentences for t in s.tokens] == [
                    t.text for s in q.sentences for t in s.tokens
                ]
    claims = {c.id: c for c in corpus_report.claims}
    for c in back.claims:
        assert c.para_span is not None
        text_of = back.documents[[d.id for d in back.documents].index(c.document)]
        assert text_of.paragraphs[c.paragraph].text[c.para_start : c.para_end] == c.text
        assert (c.start, c.end, c.low, c.high) == (
            claims[c.id].start,
            claims[c.id].end,
            claims[c.id].low,
            claims[c.id].high,
        )


def test_the_review_reads_the_report_through_the_codec(
    corpus_report: Report, written: Path
) -> None:
    data = read_report(written)
    assert data.signature == corpus_report.signature
    assert data.findings == snapshots_from_report(corpus_report)


def _damage(written: Path, tmp_path: Path, edit: str) -> Path:
    text = (written / "report.json").read_text(encoding="utf-8")
    if edit == "truncated":
        damaged = text[: len(text) // 2]
    else:
        data = json.loads(text)
        if edit == "unknown-claim":
            data["findings"][0]["claims"][0] = "nowhere:1-2"
        elif edit == "bad-paragraph":
            data["claims"][3]["paragraph"] = 10_000
        elif edit == "bad-relation":
            data["findings"][1]["relation"] = "contradiction"
        elif edit == "no-offsets":
            del data["documents"][0]["paragraphs"][2]["offsets"]
        elif edit == "bad-status":
            data["findings"][0]["status"] = "settled"
        damaged = json.dumps(data, ensure_ascii=False)
    (tmp_path / "report.json").write_text(damaged, encoding="utf-8")
    return tmp_path / "report.json"


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        ("truncated", r"not JSON: .* at line \d+, column \d+"),
        (
            "unknown-claim",
            r"inconsistent report: finding '[^']+' names an unknown claim 'nowhere:1-2'",
        ),
        ("bad-paragraph", r"inconsistent report: claim '[^']+' names paragraph 10000 of '[^']+'"),
        (
            "bad-relation",
            r"not a sourcecompare report: at \.findings\[1\]\.relation: 'contradiction'",
        ),
        ("no-offsets", r"at \.documents\[0\]\.paragraphs\[2\]: 'offsets' is a required property"),
        ("bad-status", r"not a sourcecompare report: at \.findings\[0\]\.status: 'settled'"),
    ],
)
def test_a_damaged_report_names_the_file_and_the_fault(
    written: Path, tmp_path: Path, edit: str, expected: str
) -> None:
    path = _damage(written, tmp_path, edit)
    with pytest.raises(ReportError, match=expected) as caught:
        load_json(path)
    assert caught.value.path == str(path)
    assert str(caught.value).startswith(f"{path}: ")
    with pytest.raises(ReviewError, match=expected) as reviewed:  # the review's one check
        read_report(tmp_path)
    assert str(reviewed.value).startswith(f"{path}: ")


def test_review_statuses_come_back_as_status_values(corpus_report: Report) -> None:
    from dataclasses import replace

    fid = corpus_report.findings[0].id
    reviewed = replace(
        corpus_report,
        statuses={fid: Status.CONFIRMED},
        reviews={fid: Review(Status.CONFIRMED, "checked", "ana", "2026-12-02T00:00:00Z", 2)},
    )
    back = load_json(to_json(reviewed))
    assert back.statuses == {fid: Status.CONFIRMED}
    assert isinstance(back.statuses[fid], Status)
    review = back.review_of(fid)
    assert review is not None and isinstance(review.status, Status)
    assert review == reviewed.reviews[fid]


def test_the_schema_knows_the_claim_kinds_of_the_model() -> None:
    from sourcecompare.report import schema

    kinds = schema()["$defs"]["claim"]["properties"]["kind"]["enum"]
    assert kinds == [k.value for k in ClaimKind]
    qualifiers = schema()["$defs"]["claim"]["properties"]["qualifier"]["enum"]
    assert qualifiers == [q.value for q in ClaimQualifier]
    finding = schema()["$defs"]["finding"]["properties"]
    assert finding["status"]["enum"] == [*(s.value for s in Status), None]
    assert finding["review"]["properties"]["status"]["enum"] == [s.value for s in Status]


def test_the_review_glosses_a_sentence_in_the_segmenter_words(corpus_report: Report) -> None:
    """The review page's gloss keeps the segmenter's words whole, as report.html's does: no
    glossed dictionary word runs across a word boundary (a name of the names table may)."""
    snaps = {c.id: c for s in snapshots_from_report(corpus_report) for c in s.claims}
    docs = {d.id: d for d in corpus_report.documents}
    checked = 0
    for claim in corpus_report.claims:
        snap = snaps.get(claim.id)
        if snap is None or not snap.gloss:
            continue
        p = docs[claim.document].paragraphs[claim.paragraph]
        s = p.sentences[claim.sentence]
        cuts = {
            t.para_end - s.para_start for t in s.tokens if s.para_start < t.para_end < s.para_end
        }
        at = 0
        for word, glossed in snap.gloss:
            end = at + len(word)
            inside = {c for c in cuts if at < c < end}
            names = {n for n in _english_names() if n == glossed}
            assert not inside or names or not glossed, (claim.id, word)
            at = end
        checked += 1
    assert checked >= 10


def _english_names() -> set[str]:
    from sourcecompare.lexicon import default

    return {e.english[0] for e in default().names if e.english}


def test_claims_and_findings_are_looked_up_by_id(corpus_report: Report) -> None:
    f = corpus_report.findings[0]
    assert corpus_report.finding(f.id) is f
    assert corpus_report.claims_of(f.id) == tuple(corpus_report.claim(c) for c in f.claim_ids)
    with pytest.raises(KeyError):
        corpus_report.claims_of("no-such-finding")
    with pytest.raises(KeyError):
        corpus_report.claim("no-such-claim")
    by_id = {c.id: c for c in corpus_report.claims}
    for f in corpus_report.findings:
        # the finding's claims, in its order, the very values the report holds
        got = corpus_report.claims_of(f)
        assert [c.id for c in got] == list(f.claim_ids)
        # and the finding gives them itself, as values: no lookup by hand
        assert f.claims == got and all(a is b for a, b in zip(f.claims, got, strict=True))
        assert all(c is by_id[c.id] for c in got)


def test_side_by_side_links_open_a_row_holding_both_sources(corpus_report: Report) -> None:
    """ "See the two documents side by side" opens a row holding both claims' paragraphs
    whenever the alignment has one (not merely the first row holding one of them)."""
    import re

    page = to_html(corpus_report)
    rows = {
        m.group(1): set(re.findall(r'data-document="([^"]+)" data-paragraph="(\d+)"', m.group(2)))
        for m in re.finditer(r'<tr class="sc-row[^"]*" id="([^"]+)">(.*?)</tr>', page, re.S)
    }
    by_id = {c.id: c for c in corpus_report.claims}
    checked = 0
    for f in corpus_report.findings:
        claims = [by_id[c] for c in f.claim_ids]
        item = page.split(f'id="finding-{f.id}"', 1)[1].split('<li class="sc-finding', 1)[0]
        link = re.search(r'<a class="sc-context" href="#([^"]+)"', item)
        wanted = [
            {(a.document, str(a.paragraph)), (b.document, str(b.paragraph))}
            for i, a in enumerate(claims)
            for b in claims[i + 1 :]
            if a.document != b.document
        ]
        both = [w for w in wanted if any(w <= held for held in rows.values())]
        if not both:
            continue
        assert link is not None, f.id
        assert both[0] <= rows[link.group(1)], (f.id, link.group(1), both[0])
        checked += 1
    assert checked >= 10
