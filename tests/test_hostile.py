"""Hostile input through the whole comparison: no exception but a named one, no blow-up.

Documents are generated from pieces that have broken tools of this kind: long runs of digits
and punctuation, huge numerals in both languages, lone surrogates, deep wiki nesting, mixed
scripts, footnote-like lines.  Each generated pair goes through ``sourcecompare.compare``
within a fixed time budget (hypothesis's ``deadline``); reading may refuse a document with a
:class:`~sourcecompare.errors.ReadError`; once read, nothing may escape.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sourcecompare
from sourcecompare.errors import ReadError
from sourcecompare.readers import parse_text

PIECES = st.sampled_from(
    [
        "1959年有27000人，",
        "In 1959, 27,000 people went; ",
        "6,637 Japanese (about 6,800) ",
        "大约为70人左右。",
        "\udcff",
        "\ud800x",
        "{{",
        "}}",
        "[[",
        "#",
        "1\n",
        "\n\n",
        "一千千千千",
        "9999年99月99日",
        "十 余 万",
        "百分之五十五点五七九",
        "-10000 ",
        "北韓與朝鲜",
        "“quoted”—",
        "。",
    ]
)
RUNS = st.tuples(st.sampled_from(["7", "#", "{{", ".", "一", "—", " ", "=", "|"]),
                 st.integers(1, 3000)).map(lambda t: t[0] * t[1])  # fmt: skip
TEXT = st.lists(st.one_of(PIECES, RUNS), min_size=1, max_size=40).map("".join)


@settings(
    max_examples=25,
    deadline=timedelta(seconds=20),  # generous for 2 busy cores; a quadratic stage blows it
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(zh=TEXT, en=TEXT, fmt=st.sampled_from([None, "plain", "wikitext", "markdown-wiki"]))
def test_compare_survives_hostile_documents(zh: str, en: str, fmt: str | None) -> None:
    docs = []
    for i, text in enumerate((zh, en)):
        try:
            docs.append(parse_text(text, id=f"d{i}", format=fmt, path=f"d{i}.txt"))
        except ReadError:
            continue  # refused with a named error: fine
    sourcecompare.compare(docs)  # parsed documents: nothing may escape from here on


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """Resources load once before the timed examples."""
    sourcecompare.compare([parse_text("1959年有27000人。\n", id="w", path="w.txt")])
