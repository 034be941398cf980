"""The three wiki readers: Markdown export, plain wiki text, MediaWiki wikitext.

Golden cases in tests/cases/readers/*.toml pin what each reader makes of its corpus seed;
the unit tests pin one rule each; the property tests feed arbitrary and wiki-shaped text.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcecompare.errors import EmptyDocument, SourceCompareError
from sourcecompare.model import OffsetMap, Paragraph, ParagraphKind
from sourcecompare.readers import Parsed, markdown_wiki, reader_for, video_page, wiki_text, wikitext
from sourcecompare.readers._common import offset_problems

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"  # as conftest.CORPUS (conftest is not importable under importlib mode)
READER_CASES = Path(__file__).resolve().parent / "cases" / "readers"
WIKI_CASES = [
    "zh-wiki-japanese-in-north-korea",
    "en-wiki-japanese-in-north-korea",
    "zh-wiki-japan-north-korea-relations",
]


def load_case(name: str) -> dict[str, Any]:
    with (READER_CASES / f"{name}.toml").open("rb") as fh:
        return tomllib.load(fh)


def assert_sound(raw: str, parsed: Parsed) -> None:
    """The invariants every reader keeps, whatever it reads."""
    problems = list(offset_problems(raw, parsed.paragraphs))
    assert not problems, problems[:5]
    for para in parsed.paragraphs:
        assert para.text, para
        assert para.text == para.text.strip(), para.text
        assert "  " not in para.text, para.text
        for ref in para.footnote_refs:
            assert 0 <= ref.position <= len(para.text)
            assert 0 <= ref.raw_start < ref.raw_end <= len(raw)


def find(paragraphs: tuple[Paragraph, ...], snippet: str) -> Paragraph:
    """The one paragraph holding ``snippet`` (or, among several, the one that is exactly it)."""
    hits = [p for p in paragraphs if snippet in p.text]
    if len(hits) > 1:
        hits = [p for p in hits if p.text == snippet]
    assert len(hits) == 1, f"snippet {snippet!r} picks {len(hits)} paragraphs"
    return hits[0]


def check_case(case: dict[str, Any]) -> None:
    """Read a corpus seed and compare it with its golden case."""
    raw = (CORPUS / case["file"]).read_text(encoding="utf-8")
    parsed = reader_for(case["reader"])(raw)
    assert_sound(raw, parsed)
    assert parsed.title == (case["title"] or None)
    counts = Counter(p.kind.value for p in parsed.paragraphs)
    assert dict(counts) == case["counts"]
    assert dict(parsed.metadata) == case["metadata"]
    for para in parsed.paragraphs:
        for bad in case["absent"]:
            assert bad not in para.text, (bad, para.text)
    for want in case["paragraph"]:
        para = find(parsed.paragraphs, want["snippet"])
        where = f"{case['label']} / {want['label']}"
        assert para.kind == ParagraphKind(want["kind"]), where
        if "text" in want:
            assert para.text == want["text"], where
        if "section" in want:
            assert para.section == tuple(want["section"]), where
        if "links" in want:
            assert para.links == tuple(want["links"]), where
        if "urls" in want:
            assert para.urls == tuple(want["urls"]), where
        if "paragraph_label" in want:
            assert para.label == (want["paragraph_label"] or None), where
        if "footnotes" in want:
            got = [(r.label, para.text[: r.position]) for r in para.footnote_refs]
            assert [label for label, _ in got] == [f["label"] for f in want["footnotes"]], where
            for (_, before), f in zip(got, want["footnotes"], strict=True):
                assert before.endswith(f["after"]), (where, before[-20:])


@pytest.mark.parametrize("name", WIKI_CASES)
def test_golden(name: str) -> None:
    case = load_case(name)
    assert case["label"] == name and case["comment"]
    assert all(p["label"] and p["comment"] for p in case["paragraph"])
    check_case(case)


@pytest.mark.parametrize(
    ("module", "seed"),
    [
        (markdown_wiki, "zh-wiki-japanese-in-north-korea.md"),
        (wiki_text, "en-wiki-japanese-in-north-korea.txt"),
        (wikitext, "zh-wiki-japan-north-korea-relations.wikitext"),
        (video_page, "scmp-video-japan-to-north-korea.txt"),
    ],
)
def test_looks_like_prefers_own_seed(module: Any, seed: str) -> None:
    """Each detector scores its own seed high and above every other detector."""
    raw = (CORPUS / seed).read_text(encoding="utf-8")
    scores = {m: m.looks_like(raw) for m in (markdown_wiki, wiki_text, wikitext, video_page)}
    assert scores[module] >= 0.8
    assert all(score < scores[module] - 0.3 for m, score in scores.items() if m is not module)


# -- Markdown wiki ----------------------------------------------------------------------------


def md(raw: str) -> Parsed:
    parsed = markdown_wiki.parse(raw)
    assert_sound(raw, parsed)
    return parsed


def test_markdown_link_kinds() -> None:
    doc = md(
        '[a](../Page/A_b.md "wikilink") [c](https://en.wikipedia.org/wiki/C%20d) '
        "[e](https://example.org/x?y=1) [f](#frag) [g](Other.md)\n"
    )
    (para,) = doc.paragraphs
    assert para.text == "a c e f g"
    assert para.links == ("A b", "C d", "Other")
    assert para.urls == ("https://example.org/x?y=1",)


def test_markdown_title_and_nested_sections() -> None:
    doc = md("# Title\n\nLead.\n\n## A\n\n### B\n\nDeep.\n\n## C\n\nSide.\n")
    assert doc.title == "Title"
    got = [(p.kind.value, p.section, p.text) for p in doc.paragraphs]
    assert got == [
        ("heading", (), "Title"),
        ("body", (), "Lead."),
        ("heading", (), "A"),
        ("heading", ("A",), "B"),
        ("body", ("A", "B"), "Deep."),
        ("heading", (), "C"),
        ("body", ("C",), "Side."),
    ]


def test_markdown_title_only_when_first() -> None:
    doc = md("Lead.\n\n# Not a title\n\nText.\n")
    assert doc.title is None
    assert doc.paragraphs[2].section == ("Not a title",)


def test_markdown_escapes_entities_and_code_map_back() -> None:
    raw = "A \\*star\\* &amp; `co de` <b>x</b> ![img](p.png) end\n"
    (para,) = md(raw).paragraphs
    assert para.text == "A *star* & co de x end"


def test_markdown_marker_text_not_taken_from_markup() -> None:
    """Text after a link must not be found inside the link's address or title."""
    (para,) = md('[x](../Page/y.md "wikilink")y and "wikilink"\n').paragraphs
    assert para.text == 'xy and "wikilink"'
    assert para.offsets[1] == len('[x](../Page/y.md "wikilink")')


def test_markdown_list_item_starting_with_digits() -> None:
    raw = "1.  1945 ended\n2.  2 too\n3.  3. nested\n"
    doc = md(raw)
    assert [p.text for p in doc.paragraphs] == ["1945 ended", "2 too", "nested"]
    assert doc.paragraphs[0].offsets[0] == 4
    assert doc.paragraphs[1].offsets[0] == raw.index("2 too")


def test_markdown_nested_lists_references_and_categories() -> None:
    raw = (
        "- top\n  - nested\n\n## References\n\n  - Ref one\n    continued\n\n"
        '[Category:X](https://zh.wikipedia.org/wiki/Category:X "wikilink")\n'
    )
    doc = md(raw)
    got = [(p.kind.value, p.text) for p in doc.paragraphs]
    assert got == [
        ("list-item", "top"),
        ("list-item", "nested"),
        ("heading", "References"),
        ("reference", "Ref one continued"),
    ]
    assert doc.metadata["categories"] == "X"


def test_markdown_table_rows_and_code() -> None:
    doc = md("| a | b |\n|---|---|\n| 1 | [2](u) |\n\n```\nx = 1\n```\n")
    assert [p.text for p in doc.paragraphs] == ["a b", "1 2", "x = 1"]
    assert doc.paragraphs[1].urls == ("u",)


def test_markdown_only_categories_is_empty() -> None:
    with pytest.raises(EmptyDocument):
        md("[Category:X](https://zh.wikipedia.org/wiki/Category:X)\n")


# -- plain wiki text --------------------------------------------------------------------------


def wt(raw: str) -> Parsed:
    parsed = wiki_text.parse(raw)
    assert_sound(raw, parsed)
    return parsed


def test_wiki_text_title_only_from_first_line() -> None:
    doc = wt("Intro.\n\n= Late =\nText.\n")
    assert doc.title is None
    assert [(p.kind.value, p.section) for p in doc.paragraphs] == [
        ("body", ()),
        ("heading", ()),
        ("body", ("Late",)),
    ]


def test_wiki_text_lists_and_continuations() -> None:
    doc = wt("==A==\n- one\n  wraps\n* two\n1. three\nAfter.\n")
    assert [(p.kind.value, p.text) for p in doc.paragraphs] == [
        ("heading", "A"),
        ("list-item", "one wraps"),
        ("list-item", "two"),
        ("list-item", "three"),
        ("body", "After."),
    ]


def test_wiki_text_reference_section_and_levels() -> None:
    doc = wt("= T =\n==A==\n===B===\nx\n==References==\n- Smith 2001.\nSee it.\n")
    kinds = [(p.kind.value, p.section, p.text) for p in doc.paragraphs]
    assert kinds[3] == ("body", ("A", "B"), "x")
    assert kinds[-2:] == [
        ("reference", ("References",), "Smith 2001."),
        ("reference", ("References",), "See it."),
    ]


def test_wiki_text_unclosed_heading_is_body() -> None:
    doc = wt("== A\n\n==B== and more\n")
    assert [(p.kind, p.text) for p in doc.paragraphs] == [
        (ParagraphKind.BODY, "== A"),
        (ParagraphKind.BODY, "==B== and more"),
    ]


# -- MediaWiki wikitext -----------------------------------------------------------------------


def wx(raw: str) -> Parsed:
    parsed = wikitext.parse(raw)
    assert_sound(raw, parsed)
    return parsed


def test_wikitext_named_refs_share_a_label() -> None:
    raw = (
        'A.<ref name="s">Src [http://x.y/z Zed]</ref> B.<ref name="s"/> C.<ref>Other</ref>\n\n'
        "==Notes==\n<references/>\n"
    )
    doc = wx(raw)
    body = doc.paragraphs[0]
    assert body.text == "A. B. C."
    assert [(r.label, body.text[: r.position]) for r in body.footnote_refs] == [
        ("1", "A."),
        ("1", "A. B."),
        ("2", "A. B. C."),
    ]
    refs = [(p.label, p.text, p.urls, p.section) for p in doc.paragraphs if p.label]
    assert refs == [("1", "Src Zed", ("http://x.y/z",), ("Notes",)), ("2", "Other", (), ("Notes",))]
    marker = body.footnote_refs[1]
    assert raw[marker.raw_start : marker.raw_end] == '<ref name="s"/>'


def test_wikitext_refs_without_references_tag_go_last() -> None:
    doc = wx("Text.<ref>[http://a.b]</ref>\n\n==Later==\nMore.\n")
    assert [(p.kind.value, p.text) for p in doc.paragraphs][-1] == ("reference", "http://a.b")
    assert doc.paragraphs[-1].section == ()


def test_wikitext_file_caption_and_options() -> None:
    doc = wx("Text [[File:A.jpg|thumb|200px|A [[B|bee]] flies]] more.\n[[Image:C.png|thumb]]\n")
    got = [(p.kind.value, p.text, p.links) for p in doc.paragraphs]
    assert got == [("body", "Text more.", ()), ("caption", "A bee flies", ("B",))]


def test_wikitext_links_interlanguage_and_category_link() -> None:
    doc = wx("[[Foo]] and [[:Category:Bar|cats]] [[en:Baz]] [[Category:Q|sort]]")
    (para,) = doc.paragraphs
    assert para.text == "Foo and cats"
    assert para.links == ("Foo", "Category:Bar")
    assert doc.metadata["categories"] == "Q"


def test_wikitext_external_links() -> None:
    (para,) = wx("See [http://a.b/c the site], [http://d.e] and http://f.g/h now.").paragraphs
    assert para.text == "See the site, and http://f.g/h now."
    assert para.urls == ("http://a.b/c", "http://d.e", "http://f.g/h")


def test_wikitext_templates_rule() -> None:
    raw = (
        "{{Infobox country|name=Ruritania|image=Flag.png|capital=[[Strelsau]]"
        "|population=5{{sup|th}}}}"
        "\n{{Navbox|x=Do not show}}'''Ruritania''' ({{lang|de|Ruritanien}}) is "
        "{{link-en|小國|Small country}}.\n"
    )
    doc = wx(raw)
    got = [(p.kind.value, p.label, p.text) for p in doc.paragraphs]
    assert got == [
        ("infobox", "name", "Ruritania"),
        ("infobox", "capital", "Strelsau"),
        ("infobox", "population", "5"),
        ("body", None, "Ruritania (Ruritanien) is 小國."),
    ]


def test_wikitext_lists_definitions_and_blank_lines() -> None:
    raw = "Lead\nwraps.\n* a\n** b\n# c\n; term : def\n:indent\n\nNew para.\n----\nLast."
    got = [(p.kind.value, p.text) for p in wx(raw).paragraphs]
    assert got == [
        ("body", "Lead wraps."),
        ("list-item", "a"),
        ("list-item", "b"),
        ("list-item", "c"),
        ("body", "term def"),
        ("body", "indent"),
        ("body", "New para."),
        ("body", "Last."),
    ]


def test_wikitext_comments_entities_switches_and_tags() -> None:
    raw = "__NOTOC__A<!-- hidden -->B &amp; C&nbsp;D <small>e</small><math>x^2</math><br/>\n"
    (para,) = wx(raw).paragraphs
    assert para.text == "AB & C&nbsp;D e"


def test_wikitext_table_rows() -> None:
    doc = wx('{| class="wikitable"\n|-\n| a\n| b\n|-\n| c\n|}\nAfter.')
    assert [p.text for p in doc.paragraphs] == ["a b", "c", "After."]


def test_wikitext_only_templates_is_empty() -> None:
    with pytest.raises(EmptyDocument):
        wx("{{Navbox}}\n[[Category:X]]\n")


# -- properties -------------------------------------------------------------------------------

READERS = [markdown_wiki.parse, wiki_text.parse, wikitext.parse]

MD_PIECES = [
    "\n",
    "\n\n",
    "## ",
    "# ",
    "**",
    "*",
    "_",
    "`",
    "[",
    "]",
    "(",
    ")",
    "](",
    '"wikilink")',
    "../Page/",
    ".md",
    "https://zh.wikipedia.org/wiki/",
    "Category:",
    "1.  ",
    "  - ",
    "> ",
    "![",
    "<b>",
    "&amp;",
    "\\",
    "|",
    "---",
    "```",
    "    ",
    "\r\n",
    "參考",
    "日本",
]
WIKI_TEXT_PIECES = ["\n", "\n\n", "=", "==", " = ", "- ", "  - ", "* ", "1. ", "References", "\r"]
WIKITEXT_PIECES = [
    "\n",
    "\n\n",
    "[[",
    "]]",
    "|",
    "{{",
    "}}",
    "Infobox x|",
    "=",
    "==",
    "'''",
    "''",
    "<ref>",
    "</ref>",
    '<ref name="a"/>',
    "<references/>",
    "[http://a.b ",
    "]",
    "File:",
    "Category:",
    "thumb",
    "*",
    "#",
    ":",
    ";",
    "<div>",
    "</div>",
    "{|",
    "|}",
    "|-",
    "<!--",
    "-->",
    "&nbsp;",
    "&amp;",
    "__NOTOC__",
    "Cite web|url=http://x|title=",
    "日本",
    "\u3000",
]


def shaped(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(pieces), st.text(max_size=6)), max_size=40).map(
        "".join
    )


def read_soundly(parse: Any, raw: str) -> None:
    """Read ``raw``: the paragraphs keep every invariant, or the reader says, with
    :class:`EmptyDocument`, that nothing was left -- and then truly no paragraph could have
    been made: the text is blank, or its every letter or digit sat in markup the reader drops.
    Any other error fails the test."""
    try:
        parsed = parse(raw)
    except EmptyDocument as exc:
        assert exc.path is None
        assert not raw.strip() or exc.problem.startswith("no text left after removing"), exc
        return
    assert parsed.paragraphs, "a reader returned no paragraphs without raising EmptyDocument"
    assert_sound(raw, parsed)


def test_read_soundly_can_fail() -> None:
    """The property tests rest on read_soundly: it must reject a reader that breaks offsets,
    raises another error, or gives up on text it should have read."""

    def bad_offsets(raw: str) -> Parsed:
        return Parsed((Paragraph(0, ParagraphKind.BODY, "x", OffsetMap.identity(1)),))

    def other_error(raw: str) -> Parsed:
        raise SourceCompareError("boom")

    def gives_up(raw: str) -> Parsed:
        raise EmptyDocument(None, "holds no text")

    with pytest.raises(AssertionError):
        read_soundly(bad_offsets, "a")
    with pytest.raises(SourceCompareError):
        read_soundly(other_error, "a")
    with pytest.raises(AssertionError):
        read_soundly(gives_up, "some text")
    read_soundly(gives_up, " \n")
    read_soundly(wiki_text.parse, "Some text.")


@pytest.mark.parametrize("parse", READERS)
@given(raw=st.text())
def test_any_text(parse: Any, raw: str) -> None:
    read_soundly(parse, raw)


@given(raw=shaped(MD_PIECES))
def test_markdown_shaped(raw: str) -> None:
    read_soundly(markdown_wiki.parse, raw)


@given(raw=shaped(WIKI_TEXT_PIECES))
def test_wiki_text_shaped(raw: str) -> None:
    read_soundly(wiki_text.parse, raw)


@given(raw=shaped(WIKITEXT_PIECES))
def test_wikitext_shaped(raw: str) -> None:
    read_soundly(wikitext.parse, raw)


@pytest.mark.parametrize("module", [markdown_wiki, wiki_text, wikitext])
@given(raw=st.text())
def test_looks_like_in_range(module: Any, raw: str) -> None:
    assert 0.0 <= module.looks_like(raw) <= 1.0


@pytest.mark.parametrize("parse", READERS)
@pytest.mark.parametrize("raw", ["", " \n\t\u3000\n"])
def test_blank_is_empty_document(parse: Any, raw: str) -> None:
    with pytest.raises(EmptyDocument) as info:
        parse(raw)
    assert info.value.path is None
