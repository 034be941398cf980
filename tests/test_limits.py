"""Limits on one document: a paragraph over the limit is split at sentence ends (else line
breaks, clause marks, spaces, else at the limit) keeping every character, offset and footnote
marker, with a warning naming the file; a file over the size limit is refused before it is
read, naming the file and its size."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

import sourcecompare
from sourcecompare.errors import TooLarge
from sourcecompare.readers import parse_text
from sourcecompare.readers._common import offset_problems
from sourcecompare.readers.limits import MAX_TEXT_BYTES, PARAGRAPH_LIMIT, split_long_paragraphs


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _check(doc: sourcecompare.Document) -> None:
    assert list(offset_problems(doc.raw, doc.paragraphs)) == []
    assert [p.index for p in doc.paragraphs] == list(range(len(doc.paragraphs)))
    assert all(0 < len(p.text) <= PARAGRAPH_LIMIT for p in doc.paragraphs)


def test_a_long_paragraph_is_split_at_sentence_ends(caplog: pytest.LogCaptureFixture) -> None:
    sentence = "In 1959, 27,000 people went to North Korea; 6,637 were Japanese. "
    text = "# Title\n\nA short first paragraph.\n\n" + sentence * 400 + "\n\nA last one.\n"
    with caplog.at_level(logging.WARNING):
        doc = parse_text(text, id="en", path="long.md", format="markdown-wiki")
    _check(doc)
    body = [p for p in doc.paragraphs if p.text.startswith("In 1959")]
    assert len(body) == 3  # 25,999 characters: three pieces of at most 10,000
    assert all(p.text.endswith("Japanese.") for p in body)
    assert _squeeze("".join(p.text for p in body)) == _squeeze(sentence * 400)
    assert doc.paragraphs[-1].text == "A last one."
    assert len({p.section for p in body}) == 1 and body[0].kind == body[-1].kind
    assert "long.md: paragraph 2 (line 5) has 25999 characters, over the limit of 10000" in (
        caplog.text
    )
    assert "split into 3 paragraphs" in caplog.text


def test_without_sentence_ends_the_source_lines_decide() -> None:
    lines = [f"line {i} of a list that wraps but never ends a sentence" for i in range(500)]
    doc = parse_text("\n".join(lines) + "\n", id="l", path="l.txt", format="plain")
    _check(doc)
    assert len(doc.paragraphs) > 1
    for p in doc.paragraphs[:-1]:  # each piece ends where a source line ended
        end = p.offsets[len(p.text) - 1] + 1
        assert doc.raw[end] == "\n"


def test_a_list_of_figures_is_cut_after_a_clause_mark() -> None:
    unit = "1959年有27000人，"
    doc = parse_text(unit * 5000, id="zh", path="zh.txt")
    _check(doc)
    assert len(doc.paragraphs) == 7
    assert all(p.text.endswith("，") for p in doc.paragraphs)
    assert "".join(p.text for p in doc.paragraphs) == unit * 5000


def test_a_run_with_no_boundary_is_cut_at_the_limit() -> None:
    doc = parse_text("北韓的日本人" + "7" * 25_000 + "人。", id="d", path="d.txt")
    _check(doc)
    assert [len(p.text) for p in doc.paragraphs] == [10_000, 10_000, 5_008]


def test_footnote_markers_stay_with_their_piece() -> None:
    sentence = "一九五九年有二萬七千人前往北韓。"
    parts = [sentence * 20 + f"<ref>Source {i}.</ref>" for i in range(40)]
    doc = parse_text("\n".join(["'''Title''' " + "".join(parts)]) + "\n", id="w",
                     path="w.wikitext", format="wikitext")  # fmt: skip
    _check(doc)
    assert len(doc.paragraphs) > 1
    refs = [(p, r) for p in doc.paragraphs for r in p.footnote_refs]
    assert len(refs) == 40
    for p, r in refs:
        assert doc.raw[r.raw_start : r.raw_end].startswith("<ref>")
        assert p.text[: r.position].endswith("。")  # right after the sentence it follows
        at = p.offsets[r.position - 1] + 1  # the marker follows that character in the source
        assert doc.raw.startswith("<ref>", at)


def test_short_paragraphs_are_left_alone() -> None:
    doc = parse_text("One.\n\nTwo.\n", id="s", path="s.txt")
    assert split_long_paragraphs(doc.paragraphs, doc.raw, "s.txt") == doc.paragraphs


def test_the_pieces_are_compared_like_any_paragraph(tmp_path: Path) -> None:
    filler = "The mission continued its work for many years without a break. " * 200
    zh = tmp_path / "zh.txt"
    zh.write_text("1959年有27000人前往北韓。\n", encoding="utf-8")
    en = tmp_path / "en.txt"
    en.write_text(filler + "In 1959, 27,500 people went to North Korea.\n", encoding="utf-8")
    report = sourcecompare.compare([zh, en])
    doc = next(d for d in report.documents if d.id == "en")
    assert len(doc.paragraphs) == 2
    figures = {c.text for c in report.claims if c.document == "en"}
    assert {"27,500", "1959"} <= figures


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(MAX_TEXT_BYTES + 1)  # sparse: no 16 MiB written
    with pytest.raises(TooLarge) as err:
        sourcecompare.read(big)
    assert err.value.path == str(big)
    assert "16.0 MiB, over the limit of 16.0 MiB" in str(err.value)
    with pytest.raises(TooLarge):
        parse_text("x" * (MAX_TEXT_BYTES + 1), id="t", path="t.txt")


def test_each_split_paragraph_is_named_by_its_own_line(caplog: pytest.LogCaptureFixture) -> None:
    """Lines are counted once through the file (not from its start for every long paragraph,
    which costs the square of a large file's size), and still right for each."""
    long = "27,000 people went, " * 600
    text = f"a\n\n{long}\n\nb\nc\n\n{long}\n\n\n{long}\n"
    with caplog.at_level(logging.WARNING):
        doc = parse_text(text, id="t", path="lines.txt", format="plain")
    _check(doc)
    lines = re.findall(r"lines\.txt: paragraph \d+ \(line (\d+)\)", caplog.text)
    assert lines == ["3", "8", "11"]
