"""The HTML readers: golden cases on the saved pages in tests/cases/readers/html/, the offset
invariant, detection by content, infobox rows as claims, and pages with no main text."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from sourcecompare.claims import extract_claims
from sourcecompare.errors import NoMainText
from sourcecompare.model import ParagraphKind
from sourcecompare.pipeline import read
from sourcecompare.readers import detect, html_page, read_file, wikipedia_html
from sourcecompare.readers._common import offset_problems

CASES = Path(__file__).resolve().parent / "cases" / "readers"
PAGES = CASES / "html"

with (CASES / "html-pages.toml").open("rb") as _fh:
    GOLDEN: list[dict[str, Any]] = tomllib.load(_fh)["page"]


@pytest.mark.parametrize("case", GOLDEN, ids=[c["label"] for c in GOLDEN])
def test_golden(case: dict[str, Any]) -> None:
    assert case["comment"]
    path = PAGES / case["file"]
    doc = read_file(path)
    assert doc.format == case["format"]
    assert not list(offset_problems(doc.raw, doc.paragraphs))
    assert doc.title == (case["title"] or path.stem)
    assert {k: v for k, v in doc.metadata.items()} == case["metadata"]
    assert dict(Counter(p.kind.value for p in doc.paragraphs)) == case["counts"]
    for para in doc.paragraphs:
        assert para.text == para.text.strip() and "  " not in para.text, para.text
        for bad in case["absent"]:
            assert bad not in para.text, (bad, para.text)
    for want in case["paragraph"]:
        where = f"{case['label']} / {want['label']}"
        assert want["comment"], where
        hits = [p for p in doc.paragraphs if want["snippet"] in p.text]
        if len(hits) > 1:
            hits = [p for p in hits if p.text == want["snippet"]]
        assert len(hits) == 1, (where, [p.text for p in hits])
        para = hits[0]
        if "kind" in want:
            assert para.kind is ParagraphKind(want["kind"]), where
        if "text" in want:
            assert para.text == want["text"], where
        if "section" in want:
            assert para.section == tuple(want["section"]), where
        if "paragraph_label" in want:
            assert para.label == want["paragraph_label"], where
        for piece in want.get("contains", []):
            assert piece in para.text, where
        if "refs" in want:
            got = [(r.label, para.text[: r.position]) for r in para.footnote_refs]
            assert [g[0] for g in got] == [r[0] for r in want["refs"]], where
            for (_, before), (_, after) in zip(got, want["refs"], strict=True):
                assert before.endswith(after), (where, before[-30:])


@pytest.mark.parametrize("name", [c["file"] for c in GOLDEN])
def test_detected_by_content(name: str) -> None:
    raw = (PAGES / name).read_text(encoding="utf-8")
    want = next(c["format"] for c in GOLDEN if c["file"] == name)
    assert detect.detect_format(raw) == want


def test_infobox_rows_become_claims() -> None:
    en = read(PAGES / "en-wiki-korean-air-801.html")
    zh = read(PAGES / "zh-wiki-korean-air-801.html")

    def infobox(doc: Any) -> dict[str, float | None]:
        return {
            doc.paragraphs[c.paragraph].label: c.value
            for c in extract_claims(doc)
            if doc.paragraphs[c.paragraph].kind is ParagraphKind.INFOBOX
        }

    assert infobox(en)["Fatalities"] == 229
    assert infobox(en)["Passengers"] == 237
    assert infobox(zh)["死亡"] == 228
    assert infobox(zh)["生還"] == 26


def test_marker_spans_point_at_the_sup() -> None:
    doc = read_file(PAGES / "en-wiki-korean-air-801.html")
    refs = [r for p in doc.paragraphs for r in p.footnote_refs]
    assert refs
    for ref in refs:
        span = doc.raw[ref.raw_start : ref.raw_end]
        assert span.startswith('<sup id="cite_ref') and span.endswith("</sup>"), span


@pytest.mark.parametrize(
    "page",
    [
        "<!DOCTYPE html><html><head><title>x</title></head><body><nav><a href='/'>Home</a>"
        "</nav><script>var a = 1;</script><footer>© 2026</footer></body></html>",
        "<!DOCTYPE html><html><body><div class='cookie'></div></body></html>",
    ],
)
def test_no_main_text(page: str, tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text(page, encoding="utf-8")
    with pytest.raises(NoMainText, match="no main text") as info:
        read_file(path)
    assert info.value.path == str(path)


def test_wikipedia_page_without_content(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text('<div class="mw-parser-output"><style>.a{}</style></div>', encoding="utf-8")
    with pytest.raises(NoMainText) as info:
        read_file(path)
    assert str(path) in str(info.value)


def test_readers_do_not_claim_other_formats() -> None:
    assert html_page.looks_like("== Heading ==\n'''Bold''' text.") == 0.0
    assert wikipedia_html.looks_like("<!DOCTYPE html><html><body><p>news</p></body></html>") == 0


HTML_PIECES = [
    "<p>", "</p>", "<h2>", "</h2>", "<li>", "<ul>", "</ul>", "<br>", "&amp;", "&nbsp;",
    "&#8217;", "&bogus;", "&", "<", ">", "<table class=\"infobox\"><tr><th>", "</th><td>",
    "</td></tr>", "</table>", '<sup class="reference">[1]</sup>', "<script>x", "</script>",
    "<!--", "-->", '<span class="mw-editsection">[edit]</span>', "<div>", "</div>", "日本",
    "229", " ", "\n", '<ol class="references"><li>', "</li></ol>", "<figcaption>",
]  # fmt: skip


def _html_shaped() -> Any:
    from hypothesis import strategies as st

    piece = st.one_of(st.sampled_from(HTML_PIECES), st.text(max_size=5))
    return st.lists(piece, max_size=30).map(
        lambda parts: '<div class="mw-parser-output">' + "".join(parts) + "</div>"
    )


def test_wikipedia_html_keeps_offsets_on_any_markup() -> None:
    from hypothesis import given, settings

    @settings(max_examples=200, deadline=None)
    @given(raw=_html_shaped())
    def check(raw: str) -> None:
        try:
            parsed = wikipedia_html.parse(raw)
        except NoMainText:
            return
        assert parsed.paragraphs
        assert not list(offset_problems(raw, parsed.paragraphs))
        for p in parsed.paragraphs:
            assert p.text and p.text == p.text.strip() and "  " not in p.text, p.text
            assert all(0 <= r.position <= len(p.text) for r in p.footnote_refs)

    check()


def test_html_page_keeps_offsets_on_any_markup() -> None:
    from hypothesis import given, settings

    @settings(max_examples=40, deadline=None)
    @given(raw=_html_shaped())
    def check(raw: str) -> None:
        page = "<!DOCTYPE html><html><body><article>" + raw + "</article></body></html>"
        try:
            parsed = html_page.parse(page)
        except NoMainText:
            return
        assert not list(offset_problems(page, parsed.paragraphs))
        for p in parsed.paragraphs:
            assert p.text and p.text == p.text.strip() and "  " not in p.text, p.text

    check()


def test_rest_api_html() -> None:
    """Parsoid HTML, as the REST API returns it: the body is the parser output, sections are
    <section> elements, markers are mw-ref sups, no edit links."""
    raw = (
        '<!DOCTYPE html><html prefix="dc: http://purl.org/dc/terms/" about="x">'
        '<head><meta charset="utf-8"/><title>Korean Air Flight 801</title></head>'
        '<body class="mw-content-ltr parsoid-body mediawiki mw-parser-output">'
        '<section data-mw-section-id="0"><p>Flight 801 crashed on Guam, killing 229 people.'
        '<sup class="mw-ref reference" typeof="mw:Extension/ref"><a href="./X#cite_note-1">'
        '<span class="mw-reflink-text">[1]</span></a></sup></p></section>'
        '<section data-mw-section-id="1"><h2 id="Accident">Accident</h2>'
        "<p>It struck Nimitz Hill.</p></section>"
        '<section data-mw-section-id="2"><h2 id="References">References</h2>'
        '<div class="mw-references-wrap"><ol class="mw-references references">'
        '<li id="cite_note-1"><span class="mw-cite-backlink"><a href="#cite_ref-1">↑</a></span>'
        ' <span class="mw-reference-text">NTSB report, 2000.</span></li></ol></div></section>'
        "</body></html>"
    )
    parsed = wikipedia_html.parse(raw)
    assert not list(offset_problems(raw, parsed.paragraphs))
    got = [(p.kind.value, p.section, p.text) for p in parsed.paragraphs]
    assert got == [
        ("body", (), "Flight 801 crashed on Guam, killing 229 people."),
        ("heading", (), "Accident"),
        ("body", ("Accident",), "It struck Nimitz Hill."),
        ("heading", (), "References"),
        ("reference", ("References",), "NTSB report, 2000."),
    ]
    assert [r.label for r in parsed.paragraphs[0].footnote_refs] == ["1"]
    assert parsed.title == "Korean Air Flight 801"


def test_when_trafilatura_finds_nothing_blocks_outside_chrome_are_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(html_page, "_extract", lambda raw: None)
    raw = (
        "<!DOCTYPE html><html><body><nav><a>Home</a></nav>"
        "<p>Only 229 of 254 died.</p><footer>© 2026</footer></body></html>"
    )
    parsed = html_page.parse(raw)
    assert [p.text for p in parsed.paragraphs] == ["Only 229 of 254 died."]
    assert dict(parsed.metadata) == {}
