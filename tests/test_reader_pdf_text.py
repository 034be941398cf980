"""The pdf-text reader: golden cases on the Wolman 2024 seed, the rules on small texts, and a
property test on random PDF-like text."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcecompare.errors import EmptyDocument, SourceCompareError
from sourcecompare.model import Paragraph, ParagraphKind
from sourcecompare.readers import Parsed, reader_for
from sourcecompare.readers.pdf_text import looks_like, parse

from .conftest import CASES, CORPUS, CORPUS_FILES, corpus_path

GOLDEN: dict[str, Any] = tomllib.loads(
    (CASES / "readers" / "wolman-2024.toml").read_text(encoding="utf-8")
)
#: lines the page furniture rule must drop: a lone page number or a year/month running header
FURNITURE_LINE = re.compile(r"^[ \t]*(?:\d{1,4}|\d{4}/\d{2})[ \t]*$", re.M)


def _numbers(spec: str) -> list[str]:
    """``"1-3,7"`` -> ``["1", "2", "3", "7"]``."""
    out: list[str] = []
    for part in spec.split(","):
        lo, _, hi = part.partition("-")
        out.extend(str(n) for n in range(int(lo), int(hi or lo) + 1))
    return out


def _check_maps_back(raw: str, paragraphs: tuple[Paragraph, ...]) -> None:
    """Every character maps to raw: the same character, or whitespace for a synthetic space."""
    for p in paragraphs:
        assert len(p.offsets) == len(p.text)
        for i, ch in enumerate(p.text):
            o = p.offsets[i]
            assert 0 <= o < len(raw), (p.index, i)
            assert raw[o] == ch or (ch == " " and raw[o].isspace()), (p.index, i, ch, raw[o])
        for ref in p.footnote_refs:
            assert 0 <= ref.position <= len(p.text)
            assert 0 <= ref.raw_start < ref.raw_end <= len(raw)


@pytest.fixture(scope="module")
def raw() -> str:
    return corpus_path(GOLDEN["document"]).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def parsed(raw: str) -> Parsed:
    return parse(raw)


def test_golden_names_the_corpus_file() -> None:
    assert CORPUS_FILES[GOLDEN["document"]] == GOLDEN["file"]


def test_reader_is_registered() -> None:
    assert reader_for("pdf-text") is parse


def test_counts_by_kind(parsed: Parsed) -> None:
    counts = Counter(p.kind.value for p in parsed.paragraphs)
    expected = {k: v for k, v in GOLDEN["counts"].items() if k not in ("label", "comment")}
    assert dict(counts) == expected


def test_indices_are_positions(parsed: Parsed) -> None:
    assert [p.index for p in parsed.paragraphs] == list(range(len(parsed.paragraphs)))


def test_footnotes_in_number_order_after_the_body(parsed: Parsed) -> None:
    kinds = [p.kind for p in parsed.paragraphs]
    first = kinds.index(ParagraphKind.FOOTNOTE)
    assert all(k is ParagraphKind.FOOTNOTE for k in kinds[first:])
    labels = [p.label for p in parsed.paragraphs[first:]]
    assert labels == _numbers(GOLDEN["footnotes"]["labels"])


def test_markers_found_once_each_in_sequence(parsed: Parsed) -> None:
    refs = [
        r.label for p in parsed.paragraphs if p.kind is ParagraphKind.BODY for r in p.footnote_refs
    ]
    assert refs == _numbers(GOLDEN["footnotes"]["markers"])


def test_marker_spans_hold_their_number(raw: str, parsed: Parsed) -> None:
    for p in parsed.paragraphs:
        for r in p.footnote_refs:
            if r.label != "*":
                assert raw[r.raw_start : r.raw_end] == r.label


def test_metadata(parsed: Parsed) -> None:
    meta = {k: v for k, v in GOLDEN["metadata"].items() if k not in ("label", "comment")}
    assert parsed.title == meta.pop("title")
    assert dict(parsed.metadata) == meta


def test_no_page_furniture(parsed: Parsed) -> None:
    for s in GOLDEN["absent"]["strings"]:
        hits = [p.index for p in parsed.paragraphs if s in p.text]
        assert not hits, f"{s!r} in paragraphs {hits}"


def test_no_marker_left_glued(parsed: Parsed) -> None:
    glued = re.compile(r"(?<=[A-Za-z’”)])[.,]?\d{1,3}(?=\s|$)")
    for p in parsed.paragraphs:
        if p.kind in (ParagraphKind.BODY, ParagraphKind.HEADING):
            assert not glued.search(p.text), (p.index, glued.search(p.text))


def test_no_broken_words(parsed: Parsed) -> None:
    """No hyphen or soft hyphen left before a space from a line end, no doubled spaces."""
    for p in parsed.paragraphs:
        assert "  " not in p.text, p.index
        assert p.text == p.text.strip(), p.index
        assert not re.search(r"[a-z]- [a-z]", p.text), (p.index, re.search(r"[a-z]- [a-z]", p.text))


def _pick(parsed: Parsed, case: dict[str, Any]) -> Paragraph:
    if "index" in case:
        return parsed.paragraphs[case["index"]]
    if "footnote" in case:
        found = [
            p
            for p in parsed.paragraphs
            if p.kind is ParagraphKind.FOOTNOTE and p.label == case["footnote"]
        ]
    else:
        found = [p for p in parsed.paragraphs if case["snippet"] in p.text]
    assert len(found) == 1, f"{case['label']}: {len(found)} paragraphs match"
    return found[0]


@pytest.mark.parametrize("case", GOLDEN["paragraph"], ids=lambda c: c["label"])
def test_paragraph_case(parsed: Parsed, case: dict[str, Any]) -> None:
    assert case["comment"]
    p = _pick(parsed, case)
    if "kind" in case:
        assert p.kind.value == case["kind"]
    if "section" in case:
        assert p.section == tuple(case["section"])
    if "text" in case:
        assert p.text == case["text"]
    if "starts_with" in case:
        assert p.text.startswith(case["starts_with"]), p.text[:200]
    if "ends_with" in case:
        assert p.text.endswith(case["ends_with"]), p.text[-200:]
    for s in case.get("contains", ()):
        assert s in p.text
    if "refs" in case:
        assert [r.label for r in p.footnote_refs] == case["refs"]
    if "urls" in case:
        assert list(p.urls) == case["urls"]


@pytest.mark.parametrize("case", GOLDEN["marker"], ids=lambda c: c["label"])
def test_marker_case(parsed: Parsed, case: dict[str, Any]) -> None:
    assert case["comment"]
    joined = case["before"] + case["after"]
    found = [p for p in parsed.paragraphs if joined in p.text]
    assert len(found) == 1, f"{case['label']}: {len(found)} paragraphs match"
    p = found[0]
    at = p.text.index(joined) + len(case["before"])
    if not case["after"]:
        assert at == len(p.text)
    assert [r.label for r in p.footnote_refs if r.position == at] == [case["footnote"]]


def test_every_character_maps_back(raw: str, parsed: Parsed) -> None:
    _check_maps_back(raw, parsed.paragraphs)


def test_no_text_lost(raw: str, parsed: Parsed) -> None:
    """Every letter and digit of raw is in a paragraph, unless it is page furniture, a footnote
    marker or a footnote's number."""
    covered = bytearray(len(raw))
    for p in parsed.paragraphs:
        for i, ch in enumerate(p.text):
            if raw[p.offsets[i]] == ch:
                covered[p.offsets[i]] = 1
        for r in p.footnote_refs:
            covered[r.raw_start : r.raw_end] = b"\1" * (r.raw_end - r.raw_start)
        if p.kind is ParagraphKind.FOOTNOTE:
            m = re.search(r"(\d+)\s*$", raw[raw.rfind("\n", 0, p.start) + 1 : p.start])
            assert m and m.group(1) == p.label, p.label
            line_start = raw.rfind("\n", 0, p.start) + 1
            covered[line_start + m.start(1) : line_start + m.end(1)] = b"\1" * len(m.group(1))
    for m in FURNITURE_LINE.finditer(raw):
        covered[m.start() : m.end()] = b"\1" * (m.end() - m.start())
    lost = [m.group(0) for m in re.finditer(r"\w+", raw) if not all(covered[m.start() : m.end()])]
    assert lost == []


def test_looks_like_tells_the_corpus_apart() -> None:
    scores = {
        doc: looks_like((CORPUS / name).read_text(encoding="utf-8"))
        for doc, name in CORPUS_FILES.items()
    }
    assert scores.pop("wolman-2024") > 0.7
    assert all(s < 0.3 for s in scores.values()), scores


# ---- the rules, on small texts ----------------------------------------------------------------

RULE = " " * 48


def _texts(parsed: Parsed, kind: ParagraphKind | None = None) -> list[str]:
    return [p.text for p in parsed.paragraphs if kind is None or p.kind is kind]


def test_hyphen_dropped_when_the_joined_word_occurs_elsewhere() -> None:
    raw = "Resettlement is slow.\n\nThe pace of resettle-\n\nment varies a lot between years.\n"
    assert _texts(parse(raw))[-1] == "The pace of resettlement varies a lot between years."


def test_hyphen_dropped_before_a_bare_suffix() -> None:
    raw = "The pace of develop-\n\nment varies a great deal between the two countries.\n"
    assert _texts(parse(raw)) == [
        "The pace of development varies a great deal between the two countries."
    ]


def test_hyphen_kept_for_compounds_numbers_and_capitals() -> None:
    raw = (
        "the first English-\nlanguage study of the years 2017-\n2020 in the post-\n"
        "Covid era of the co-\nethnicity debate.\n"
    )
    assert _texts(parse(raw)) == [
        "the first English-language study of the years 2017-2020 in the post-Covid era of the "
        "co-ethnicity debate."
    ]


def test_soft_hyphen_always_dropped() -> None:
    raw = "an ex\u00ad\nample of a soft hyphen at the end of a line.\n"
    assert _texts(parse(raw)) == ["an example of a soft hyphen at the end of a line."]


def test_markers_follow_the_footnote_sequence() -> None:
    raw = (
        "In 2003,1 section 303 of the act was cited by Smith,2 and later in 1984.3 Of the\n"
        "93,340 migrants, 1,831 came back.4 Figures 60-90 and 5,6 stay.\n"
    )
    p = parse(raw).paragraphs[0]
    assert p.text == (
        "In 2003, section 303 of the act was cited by Smith, and later in 1984. Of the "
        "93,340 migrants, 1,831 came back. Figures 60-90 and 5,6 stay."
    )
    assert [r.label for r in p.footnote_refs] == ["1", "2", "3", "4"]


def test_a_number_out_of_sequence_is_not_a_marker() -> None:
    raw = "The first finding was stated.1 A model G7 and the word Korea9 stay as they are.\n"
    p = parse(raw).paragraphs[0]
    assert (
        p.text == "The first finding was stated. A model G7 and the word Korea9 stay as they are."
    )
    assert [r.label for r in p.footnote_refs] == ["1"]


def test_superscript_markers() -> None:
    p = parse("Japan took in escapees.\u00b9 Most came by sea.\u00b2\n").paragraphs[0]
    assert p.text == "Japan took in escapees. Most came by sea."
    assert [(r.label, r.position) for r in p.footnote_refs] == [("1", 23), ("2", 41)]


def test_paragraph_continues_across_a_page_of_footnotes() -> None:
    raw = (
        "Japan took in escapees from China and Thailand over three decades,1 mostly by\n\n"
        f"{RULE}\n1 Kato, interview.\n\n2 Arakaki, Refugee Law and Practice in Japan (Aldershot:\n"
        "Ashgate, 2008), 31.\n\n2024/07\n\n 8\n\nway of Bangkok, in small groups.2  \n"
    )
    parsed = parse(raw)
    assert _texts(parsed, ParagraphKind.BODY) == [
        "Japan took in escapees from China and Thailand over three decades, mostly by way of "
        "Bangkok, in small groups."
    ]
    assert _texts(parsed, ParagraphKind.FOOTNOTE) == [
        "Kato, interview.",
        "Arakaki, Refugee Law and Practice in Japan (Aldershot: Ashgate, 2008), 31.",
    ]


def test_footnote_running_over_a_page() -> None:
    raw = (
        "The first claim is made here.1 The second claim follows it at once and then the text\n"
        f"{RULE}\n1 Morris-Suzuki, Exodus to North Korea Revisited, The Asia-Pacific Journal:\n"
        " goes on to a third claim.2 And so on to the end of the page and beyond it, for good.\n"
        f"{RULE}\nJapan Focus 9, no. 22 (2011): 11, https://apjjf.org/wp-content/article-\n"
        "2822.pdf.\n\n2 Ibid.\n"
    )
    notes = [p for p in parse(raw).paragraphs if p.kind is ParagraphKind.FOOTNOTE]
    assert [(p.label, p.text) for p in notes] == [
        (
            "1",
            "Morris-Suzuki, Exodus to North Korea Revisited, The Asia-Pacific Journal: Japan "
            "Focus 9, no. 22 (2011): 11, https://apjjf.org/wp-content/article-2822.pdf.",
        ),
        ("2", "Ibid."),
    ]
    assert notes[0].urls == ("https://apjjf.org/wp-content/article-2822.pdf",)


def test_footnote_without_a_rule() -> None:
    raw = (
        "Escapees switch to a residency visa.1 Fifteen have since received Japanese\n"
        " 1 Life Funds for North Korean Refugees (2011).\n"
        " citizenship.2 Others registered as South Korean nationals.\n"
    )
    parsed = parse(raw)
    assert _texts(parsed, ParagraphKind.BODY) == [
        "Escapees switch to a residency visa. Fifteen have since received Japanese citizenship. "
        "Others registered as South Korean nationals."
    ]
    assert _texts(parsed, ParagraphKind.FOOTNOTE) == [
        "Life Funds for North Korean Refugees (2011)."
    ]


def test_footnote_line_starting_with_a_number_continues_the_note() -> None:
    raw = (
        "The figure is disputed.1 Others count more.2\n"
        f"{RULE}\n1 Miyatsuka, Refugee Study Journal, 5 (2015): 83-88, and the volume of\n"
        "300 pages, 2019.\n\n2 Ibid.\n"
    )
    notes = [(p.label, p.text) for p in parse(raw).paragraphs if p.kind is ParagraphKind.FOOTNOTE]
    assert notes == [
        (
            "1",
            "Miyatsuka, Refugee Study Journal, 5 (2015): 83-88, and the volume of 300 pages, 2019.",
        ),
        ("2", "Ibid."),
    ]


def test_a_year_at_a_line_start_is_not_a_footnote() -> None:
    raw = "It kept its activities out of the public eye: in\n1998 MOFA asked an escapee to sign.1\n"
    assert _texts(parse(raw)) == [
        "It kept its activities out of the public eye: in 1998 MOFA asked an escapee to sign."
    ]


def test_repeated_running_header_is_dropped() -> None:
    page = "A line of text that runs on for a while and is wrapped by the PDF\n\n"
    raw = "".join(f"{page}Journal of Refugee Studies\n\n{n}\n\n" for n in range(3)) + "The end.\n"
    texts = _texts(parse(raw))
    assert not any("Journal" in t for t in texts)
    assert texts[0].startswith(page.strip() + " " + page.strip())


def test_form_feed_is_a_page_break() -> None:
    raw = "A paragraph that is cut by the page\n" + RULE + "\n1 A note.\n\fand goes on here.\n"
    assert _texts(parse(raw), ParagraphKind.BODY) == [
        "A paragraph that is cut by the page and goes on here."
    ]


def test_headings_and_sections() -> None:
    raw = (
        "I. Introduction\n\nText of the introduction.\n\nII. Returnees or Refugees?\n\n"
        "1) Early cases\n\nThe early cases were few, as in\n2) the second item of a sentence.\n"
    )
    parsed = parse(raw)
    assert [(p.kind.value, p.text, p.section) for p in parsed.paragraphs] == [
        ("heading", "I. Introduction", ()),
        ("body", "Text of the introduction.", ("I. Introduction",)),
        ("heading", "II. Returnees or Refugees?", ()),
        ("heading", "1) Early cases", ("II. Returnees or Refugees?",)),
        (
            "body",
            "The early cases were few, as in 2) the second item of a sentence.",
            ("II. Returnees or Refugees?", "1) Early cases"),
        ),
    ]


def test_paragraph_ends_at_short_line_and_at_double_trailing_space() -> None:
    full = "word " * 17 + "ends."
    raw = f"{full}\n{full}\nShort last line.\n{full}\n{full}  \n{full}\n"
    texts = _texts(parse(raw))
    assert texts == [f"{full} {full} Short last line.", f"{full} {full}", full]


@pytest.mark.parametrize("raw", ["", "   \n\n\t  ", " 8\n\n2024/07\n"])
def test_empty_text_is_an_error(raw: str) -> None:
    with pytest.raises(EmptyDocument):
        parse(raw)


# ---- property: random PDF-like text -----------------------------------------------------------

WORD = st.one_of(
    st.sampled_from(
        [
            "Korea", "the", "escapees", "Japan’s", "resettle-", "ment", "English-", "(1959-61).",
            "93,340", "1,831", "section", "303", "‘refugees’", "co-", "https://x.org/a-",
            "Thailand.", "and", "–", "-", "Vol.", "No.", "I.", "II.", "1)", "Abstract", "\uf02a",
            "\u00ad", "\u00b9", "2024/07", "é", "中文", "\t", "\r", "\f",
        ]
    ),
    st.integers(0, 2000).map(str),
    st.builds(
        lambda w, n: f"{w}.{n}", st.sampled_from(["Korea", "days", "1984"]), st.integers(0, 200)
    ),
    st.text(min_size=1, max_size=6),
)  # fmt: skip
LINE = st.one_of(
    st.lists(WORD, min_size=1, max_size=18).map(" ".join),
    st.builds(
        lambda n, w: f"{n} {w}", st.integers(0, 200), st.lists(WORD, max_size=8).map(" ".join)
    ),
    st.sampled_from(
        ["", " ", "  ", " " * 48, " 8", "2024/07", "Abstract", "I. Introduction", "1) Early"]
    ),
    st.builds(lambda k: " " * k, st.integers(0, 70)),
)  # fmt: skip
PDF_TEXT = st.builds(
    lambda lines, trail: "\n".join(lines) + trail,
    st.lists(st.tuples(LINE, st.sampled_from(["", " ", "  "])).map("".join), max_size=40),
    st.sampled_from(["", "\n", "\n\n"]),
)


@given(PDF_TEXT)
def test_parse_any_pdf_like_text(raw: str) -> None:
    try:
        parsed = parse(raw)
    except SourceCompareError:
        return
    assert parsed.paragraphs
    assert [p.index for p in parsed.paragraphs] == list(range(len(parsed.paragraphs)))
    _check_maps_back(raw, parsed.paragraphs)
    for p in parsed.paragraphs:
        assert p.text and p.text == p.text.strip()
    assert 0.0 <= looks_like(raw) <= 1.0


def test_form_feeds_number_pages_from_the_first_page_the_title_block_gives(raw: str) -> None:
    """The seed has no form feed, so it has no pages; with one put in halfway, paragraphs
    before it are on the article's first page (199, from "199~235") and those after on 200."""
    assert {p.page for p in parse(raw).paragraphs} == {None}
    half = raw.index("\n", len(raw) // 2) + 1
    paged = parse(raw[:half] + "\f" + raw[half:])
    assert paged.metadata["pages"] == "199-235"
    body = [p for p in paged.paragraphs if p.kind is ParagraphKind.BODY]
    pages = [p.page for p in body]
    assert pages[0] == 199 and pages[-1] == 200
    assert pages == sorted(pages) and set(pages) == {199, 200}


def test_a_manifests_pages_win_over_the_title_blocks(raw: str) -> None:
    """The manifest's ``pages`` (``301-337``) number the pages, not the title block's
    ``199~235``; without form feeds there are still no pages to renumber."""
    from sourcecompare.readers import parse_text

    half = raw.index("\n", len(raw) // 2) + 1
    paged = raw[:half] + "\f" + raw[half:]
    doc = parse_text(paged, id="paper", format="pdf-text", metadata={"pages": "301-337"})
    body = [p.page for p in doc.paragraphs if p.kind is ParagraphKind.BODY]
    assert set(body) == {301, 302} and body == sorted(body)
    unpaged = parse_text(raw, id="paper", format="pdf-text", metadata={"pages": "301-337"})
    assert {p.page for p in unpaged.paragraphs} == {None}
