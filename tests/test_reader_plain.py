"""The plain-text reader of last resort, and the whitespace folding it shares with the others."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcecompare.errors import EmptyDocument
from sourcecompare.model import ParagraphKind
from sourcecompare.readers import Parsed, reader_for
from sourcecompare.readers._common import Flow, lines, offset_problems
from sourcecompare.readers.plain import parse


def read(raw: str) -> Parsed:
    parsed = parse(raw)
    problems = list(offset_problems(raw, parsed.paragraphs))
    assert not problems, problems[:3]
    return parsed


def texts(raw: str) -> list[str]:
    return [p.text for p in read(raw).paragraphs]


def test_registered_as_plain() -> None:
    assert reader_for("plain") is parse


def test_paragraphs_split_at_blank_lines() -> None:
    raw = "One\n  line two\t here\n \t\nTwo.\r\n\r\nThree\u2028continued.\n\n\n"
    doc = read(raw)
    assert [p.text for p in doc.paragraphs] == ["One line two here", "Two.", "Three continued."]
    assert [p.index for p in doc.paragraphs] == [0, 1, 2]
    assert all(p.kind is ParagraphKind.BODY for p in doc.paragraphs)
    assert doc.title is None and dict(doc.metadata) == {}


def test_offsets_point_into_raw() -> None:
    raw = "  alpha\n beta\n\ngamma"
    para = read(raw).paragraphs[0]
    assert para.text == "alpha beta"
    assert [para.offsets[i] for i in range(len(para.text))] == [2, 3, 4, 5, 6, 7, 9, 10, 11, 12]
    assert (para.start, para.end) == (2, 13)


def test_single_spaces_are_copied_not_synthesised() -> None:
    para = read("a b  c").paragraphs[0]
    assert para.text == "a b c"
    assert para.offsets.starts == (0, 3, 4)  # "a b" is one run; the folded double space is not


def test_wrapped_chinese_lines_join_without_space() -> None:
    assert texts("日本人\n在北韓。\nEnglish\nwords 和\n中文") == [
        "日本人在北韓。English words 和中文"
    ]


def test_line_break_next_to_cjk_punctuation_leaves_no_space() -> None:
    assert texts("成立。\n1977年\nA，\nB") == ["成立。1977年 A，B"]


def test_spaces_inside_cjk_are_kept() -> None:
    assert texts("日本 北韓") == ["日本 北韓"]


@pytest.mark.parametrize("raw", ["", "\n", " \t\r\n\u3000\u2028"])
def test_blank_text_is_empty_document(raw: str) -> None:
    with pytest.raises(EmptyDocument) as info:
        parse(raw)
    assert info.value.path is None
    assert str(info.value) == "<text>: holds no text"


def test_lines_cover_the_text() -> None:
    raw = "a\r\nb\rc\n\x0cd\u2029"
    got = lines(raw)
    assert [raw[line.start : line.end] for line in got] == ["a", "b", "c", "", "d"]
    assert got[-1].next == len(raw)
    assert all(x.next == y.start for x, y in itertools.pairwise(got))


def test_flow_gap_before_text_and_trailing_gap_dropped() -> None:
    raw = "x  y \n"
    flow = Flow(raw)
    flow.text(0, len(raw))
    text, offsets = flow.build()
    assert text == "x y" and offsets[1] == 1 and len(offsets) == 3


@given(raw=st.text())
def test_any_text_reads_or_is_empty(raw: str) -> None:
    if not raw.strip():
        with pytest.raises(EmptyDocument):
            parse(raw)
        return
    doc = read(raw)
    assert doc.paragraphs
    joined = "".join(p.text for p in doc.paragraphs)
    assert "".join(raw.split()) == "".join(joined.split())  # nothing but whitespace is lost
    for p in doc.paragraphs:
        assert p.text == p.text.strip() and "  " not in p.text
        assert "\n" not in p.text


@given(
    raw=st.lists(
        st.one_of(
            st.sampled_from(["\n", "\n\n", " ", "\r\n", "\u2028", "\u3000", "日本", "。", "ab"]),
            st.text(max_size=5),
        ),
        max_size=40,
    ).map("".join)
)
def test_shaped_text_keeps_offsets(raw: str) -> None:
    if raw.strip():
        read(raw)


def test_form_feeds_give_each_paragraph_the_page_it_starts_on() -> None:
    # a form feed also ends a paragraph here: the reader splits lines as str.splitlines does
    raw = "Page one text.\n\nStill page one,\n\fpage two.\n\n\fPage three.\n"
    parsed = read(raw)
    assert [(p.text, p.page) for p in parsed.paragraphs] == [
        ("Page one text.", 1),
        ("Still page one,", 1),
        ("page two.", 2),
        ("Page three.", 3),
    ]


def test_text_without_form_feeds_has_no_pages() -> None:
    assert {p.page for p in read("One.\n\nTwo.\n").paragraphs} == {None}
