"""The video-page reader: title, date, description, boilerplate, comments."""

from __future__ import annotations

import contextlib
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcecompare.errors import EmptyDocument, SourceCompareError
from sourcecompare.model import ParagraphKind
from sourcecompare.readers import Parsed, reader_for
from sourcecompare.readers._common import offset_problems
from sourcecompare.readers.video_page import looks_like, parse

HERE = Path(__file__).resolve().parent
SEED = HERE.parent / "corpus" / "scmp-video-japan-to-north-korea.txt"
CASE = HERE / "cases" / "readers" / "scmp-video-japan-to-north-korea.toml"


def read(raw: str) -> Parsed:
    parsed = parse(raw)
    assert not list(offset_problems(raw, parsed.paragraphs))
    assert all(p.text and p.text == p.text.strip() for p in parsed.paragraphs)
    return parsed


def test_golden() -> None:
    with CASE.open("rb") as fh:
        case: dict[str, Any] = tomllib.load(fh)
    assert case["label"] == "scmp-video-japan-to-north-korea" and case["comment"]
    raw = (HERE.parent / "corpus" / case["file"]).read_text(encoding="utf-8")
    parsed = reader_for(case["reader"])(raw)
    assert not list(offset_problems(raw, parsed.paragraphs))
    assert parsed.title == case["title"]
    assert dict(Counter(p.kind.value for p in parsed.paragraphs)) == case["counts"]
    assert dict(parsed.metadata) == case["metadata"]
    for para in parsed.paragraphs:
        for bad in case["absent"]:
            assert bad not in para.text, (bad, para.text)
    for want in case["paragraph"]:
        assert want["label"] and want["comment"]
        hits = [p for p in parsed.paragraphs if want["snippet"] in p.text]
        assert len(hits) == 1, want["label"]
        para = hits[0]
        assert para.kind == ParagraphKind(want["kind"]), want["label"]
        if "text" in want:
            assert para.text == want["text"], want["label"]
        if "paragraph_label" in want:
            assert para.label == (want["paragraph_label"] or None), want["label"]


def test_seed_comments_follow_the_description() -> None:
    raw = SEED.read_text(encoding="utf-8")
    paras = read(raw).paragraphs
    kinds = [p.kind for p in paras]
    first = kinds.index(ParagraphKind.COMMENT)
    assert all(k is ParagraphKind.COMMENT for k in kinds[first:])
    comments = paras[first:]
    assert sum(c.label is None for c in comments) == 2
    assert all(c.label.startswith("@") for c in comments if c.label)
    assert not any(c.text.startswith("@") for c in comments)
    # every comment starts where its text starts in the file, after its handle line
    for c in comments:
        line_start = raw.rfind("\n", 0, c.start) + 1
        assert raw[line_start : c.start].strip() in ("", "•")


def test_handles_and_anonymous_comments() -> None:
    raw = (
        "Title\n\nAbout.\n\nComments (1,204)\n"
        "- @x\n  first line\n  second line\n"
        "* just text\n  more of it\n"
        "@y\nbare handle line\n"
        "• @z mentions someone\n"
    )
    doc = read(raw)
    assert doc.metadata["comment_count"] == "1204"
    got = [(p.label, p.text) for p in doc.paragraphs if p.kind is ParagraphKind.COMMENT]
    assert got == [
        ("@x", "first line second line"),
        (None, "just text more of it"),
        ("@y", "bare handle line"),
        (None, "@z mentions someone"),
    ]


def test_comments_without_header_start_at_first_handle() -> None:
    doc = read("Title\nText here.\n  • @a\n    hi\n")
    assert [(p.kind.value, p.label) for p in doc.paragraphs] == [
        ("heading", None),
        ("body", None),
        ("comment", "@a"),
    ]
    assert "comment_count" not in doc.metadata


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Published 2023-08-25", "2023-08-25"),
        ("Premiered Aug 25, 2023", "2023-08-25"),
        ("Streamed live on 25 August 2023", "2023-08-25"),
        ("Published yesterday", "yesterday"),
    ],
)
def test_dates(line: str, date: str) -> None:
    doc = read(f"Title\n{line}\n\nText.\n")
    assert doc.metadata["date"] == date
    assert doc.paragraphs[1].text == line


def test_boilerplate_dropped_and_description_split() -> None:
    raw = (
        "Title\n\nFirst part\nwraps.\n\nFollow us on:\nWebsite: www.x.com/\n\n"
        "Second part.\nTwitter: twitter.com/x\nThird part.\n#a #b\nwww.x.com/y\n"
        "Related stories:\nOther headline x.co/1\nOther two\n\nShow more\n"
    )
    doc = read(raw)
    assert [p.text for p in doc.paragraphs] == [
        "Title",
        "First part wraps.",
        "Second part.",
        "Third part.",
    ]
    assert doc.metadata["hashtags"] == "#a #b"
    assert doc.metadata["related_story"] == "Other headline x.co/1 Other two"


def test_blank_is_empty_document() -> None:
    with pytest.raises(EmptyDocument):
        parse("\n  \n")


def test_only_boilerplate_keeps_title() -> None:
    doc = read("Title\nSubscribe now:\nsc.mp/x\n")
    assert [p.text for p in doc.paragraphs] == ["Title"]


PIECES = [
    "\n",
    "\n\n",
    "  • ",
    "• @",
    "@h",
    "- ",
    "All Comments (21)\n",
    "Comments (3)",
    "Published 2023-08-25\n",
    "Published ",
    "Subscribe to us:\n",
    "Follow us on:",
    "Related story:\n",
    "Website: a.b/\n",
    "sc.mp/x\n",
    "#tag ",
    "    ",
    "\r\n",
    "日本",
]


@given(raw=st.text())
def test_any_text(raw: str) -> None:
    with contextlib.suppress(SourceCompareError):
        read(raw)
    assert 0.0 <= looks_like(raw) <= 1.0


@given(raw=st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40))
def test_page_shaped_text(raw: list[str]) -> None:
    text = "".join(raw)
    try:
        doc = read(text)
    except SourceCompareError:
        return
    kinds = [p.kind for p in doc.paragraphs]
    if ParagraphKind.COMMENT in kinds:
        first = kinds.index(ParagraphKind.COMMENT)
        assert all(k is ParagraphKind.COMMENT for k in kinds[first:])
