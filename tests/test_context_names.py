"""Names of an English sentence found once (``SentenceNames``) give each figure's window the
keys a scan of the window alone gives: held to that plain scan on generated sentences made
of the names table's own surfaces, cut words and names at the windows' edges, and text that
is not ASCII (which falls back to the plain scan)."""

from __future__ import annotations

import re
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecompare.claims.context import keys_near, sentence_names, sentence_words
from sourcecompare.lexicon import default


@cache
def _surfaces() -> list[str]:
    names = [s for entry in default().names for s in entry.english if s.isascii()]
    return sorted(names)[:: max(1, len(names) // 60)]  # a spread of about 60 of them


FILLER = ["the", "of", "went", "to", "in", "people", "(", ")", "'s", "-", ",", ";", "Korea",
          "North", "South", "Red", "Army", "Pyongyang's", "US", "Japan", "Kim"]  # fmt: skip
FIGURES = ["27,000", "1959", "6,637", "3", "1,828", "12%"]
ODD = ["Kim Il-sung’s", "北朝鮮", "naïve", "Ōsaka"]


@st.composite
def _sentence(draw: st.DrawFn) -> str:
    pieces = st.sampled_from(_surfaces()) | st.sampled_from(FILLER) | st.sampled_from(FIGURES)
    parts = draw(st.lists(pieces | st.sampled_from(ODD), min_size=3, max_size=40))
    glue = draw(st.lists(st.sampled_from([" ", " ", " ", "", "  "]), min_size=len(parts),
                         max_size=len(parts)))  # fmt: skip
    return "".join(p + g for p, g in zip(parts, glue, strict=True)).strip() + "."


@settings(max_examples=300, deadline=None)
@given(_sentence())
def test_names_found_once_give_each_window_the_keys_of_a_scan_of_it(text: str) -> None:
    words = sentence_words(text, 0, len(text), "en")
    names = sentence_names(text, 0, len(text))
    for m in re.finditer(r"\d[\d,]*%?", text):
        once = keys_near(text, words, m.start(), m.end(), "en", names=names)
        alone = keys_near(text, words, m.start(), m.end(), "en")
        assert once == alone, (text, m.group())


@settings(max_examples=200, deadline=None)
@given(_sentence(), _sentence())
def test_window_keys_kept_for_a_paragraph_are_those_read_afresh(first: str, second: str) -> None:
    text = f"{first} {first} {second}"  # a paragraph whose windows repeat
    words = sentence_words(text, 0, len(text), "en")
    memo: dict[str, list[str]] = {}
    for m in re.finditer(r"\d[\d,]*%?", text):
        kept = keys_near(text, words, m.start(), m.end(), "en", unit_text="people", memo=memo)
        assert kept == keys_near(text, words, m.start(), m.end(), "en", unit_text="people")
    assert all(isinstance(v, list) for v in memo.values())


def test_a_window_edge_inside_a_name_is_scanned_on_its_own() -> None:
    text = "In 1970 the Japanese Red Army went to Pyongyang."
    names = sentence_names(text, 0, len(text))
    army = text.index("Red")
    assert names.within(0, len(text)) == ["japanese-red-army", "pyongyang"]
    assert names.within(army, len(text)) is None  # cuts "Japanese Red Army"
    assert names.within(text.index("went"), len(text)) == ["pyongyang"]
    assert sentence_names("金正日在平壤", 0, 6).within(0, 6) is None  # not ASCII: scan alone
