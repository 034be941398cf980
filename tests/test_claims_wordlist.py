"""A word list written as a trie (:func:`sourcecompare.claims.wordlist.alternation`) matches
as the plain alternation, longest word first, does: the same spans and the same choices,
inside a larger pattern that may backtrack into it."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecompare.claims import en
from sourcecompare.claims.numerals import EN_NUMBER_WORDS
from sourcecompare.claims.wordlist import alternation

#: the word lists the extractors write as tries
LISTS = {
    "number words": sorted(EN_NUMBER_WORDS),
    "ordinals": sorted(en._ORDINAL_WORDS),
    "months": en._MONTH_WORDS,
    "comparators": en._COMPARATOR_WORDS,
    "hedges": sorted(en._HEDGES),
}


def _plain(words: list[str]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) + ")"


#: patterns around the list (``W``): alone, as the number patterns use it, and followed by
#: what makes ``re`` give a longer word back (backtracking into the list)
SHAPES = [r"\bW\b", r"W", r"(?:W)(?:-W){0,3}\b", r"Wteen", r"(?P<w>W)(?=s\b)", r"W(?:W)"]


def _spans(pattern: str, text: str, flags: int) -> list[tuple[tuple[int, int], ...]]:
    return [tuple(m.span(g) for g in range(len(m.groups()) + 1))
            for m in re.finditer(pattern, text, flags)]  # fmt: skip


def _pieces(words: list[str]) -> list[str]:
    cut = {w[:i] for w in words for i in range(1, len(w))}  # prefixes: near misses
    return sorted({*words, *(w.upper() for w in words), *cut, " ", "-", "s", "1", "ſ", "K"})


@pytest.mark.parametrize("name", sorted(LISTS))
def test_real_lists_match_as_the_plain_alternation(name: str) -> None:
    words = LISTS[name]
    assert all(w == w.lower() and w for w in words)  # what IGNORECASE needs of the branches
    pieces = _pieces(words)
    text = " ".join(pieces) + " " + "".join(pieces)
    for shape in SHAPES:
        trie, plain = shape.replace("W", alternation(words)), shape.replace("W", _plain(words))
        for flags in (0, re.IGNORECASE):
            assert _spans(trie, text, flags) == _spans(plain, text, flags), (shape, flags)


_LETTERS = st.text(alphabet="abcst", min_size=1, max_size=5)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_LETTERS, min_size=1, max_size=8, unique=True),
    st.lists(st.one_of(_LETTERS, st.sampled_from([" ", "-", "S", "T"])), max_size=12),
    st.sampled_from(SHAPES),
    st.booleans(),
)
def test_any_list_matches_as_the_plain_alternation(
    words: list[str], parts: list[str], shape: str, fold: bool
) -> None:
    text = "".join(parts)
    flags = re.IGNORECASE if fold else 0
    trie, plain = shape.replace("W", alternation(words)), shape.replace("W", _plain(words))
    assert _spans(trie, text, flags) == _spans(plain, text, flags)


def test_an_empty_list_matches_nothing_and_an_empty_word_is_refused() -> None:
    assert re.search(alternation([]), "anything") is None
    with pytest.raises(ValueError, match="empty word"):
        alternation(["one", ""])


def test_the_prefilter_reads_a_trie_as_its_plain_alternation() -> None:
    from sourcecompare.claims.prefilter import needs
    from sourcecompare.claims.wordlist import as_plain

    words = ["seventeen", "seventy", "seven", "eight"]
    trie = alternation(words)
    assert as_plain(trie) == _plain(words)
    assert as_plain(rf"\b{trie}\s+\d") == rf"\b{_plain(words)}\s+\d"
    assert as_plain("\\" + trie) == "\\" + trie  # "\(" is a parenthesis, not the trie's group
    need = needs(re.compile(rf"\b{trie}\b", re.IGNORECASE))
    assert need is not None and set(need.sets[0].literals) == set(words)  # not "s", "e"
    for shape in SHAPES:  # the plain form matches as the trie does (what the needs rely on)
        text = "seventeen seventy-eight Seven sevens eightteen"
        src = shape.replace("W", trie)
        assert _spans(as_plain(src), text, re.I) == _spans(src, text, re.I)


_NUMBER_PIECES = sorted(
    {*EN_NUMBER_WORDS, *(w.title() for w in EN_NUMBER_WORDS), *(w.upper() for w in EN_NUMBER_WORDS)}
    | {"a", "an", "A", "minus", "Negative", "hundred", "thousands", "-", "−", "–", ".", ",",
       " ", "  ", "\x00", "x", "K", "ſ", "0", "7", "12", "1,000", "3.5", "٣", "(", ")", "/"}
)  # fmt: skip


_NUMBER_STARTS = [
    " .5 million",
    "(-3)",
    "−2.5",
    "–7",
    "minus two",
    "Negative 4",
    "a hundred",
    "An eighth",
    "Twenty-one",
    "zero",
    "1,000,000",
    "٣٤",
    "x-ray 5",
    "1.5.2",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_NUMBER_PIECES), st.sampled_from(_NUMBER_STARTS)),
                max_size=10))  # fmt: skip
def test_a_number_starts_where_its_first_character_test_lets_it(parts: list[str]) -> None:
    """``_NUM_START`` only lets ``re`` skip positions where no number can begin: the English
    number pattern finds the same numbers with it as without it."""
    text = "".join(parts)
    for flags in (re.IGNORECASE, 0):
        fast, plain = re.compile(en._NUM, flags), re.compile(en._NUM_ANYWHERE, flags)
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_NUMBER_PIECES), st.sampled_from(_NUMBER_STARTS),
                          st.sampled_from(["-", "x", "\x00", "é", " "])),
                max_size=10))  # fmt: skip
def test_a_number_in_words_begins_where_a_word_boundary_or_a_hyphen_lets_it(
    parts: list[str],
) -> None:
    """A number in words is read after no word character (``(?<!\\w)``), as after ``\\b``
    or a hyphen: its first character is a letter, so the two say the same."""
    text = "".join(parts)
    before = (rf"(?:(?<![\w.\x00])(?<!\d\.)(?<!\d,\d{{3}}){en._NUMD}"
              rf"(?![\w\x00]|\.\d|,\d{{3}}(?!\d))|(?:\b|(?<=-)){en._NUMW}\b)")  # fmt: skip
    for flags in (re.IGNORECASE, 0):
        now, then = re.compile(en._NUM_ANYWHERE, flags), re.compile(before, flags)
        assert [(m.span(), m.groups()) for m in now.finditer(text)] == [
            (m.span(), m.groups()) for m in then.finditer(text)
        ]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_NUMBER_PIECES), st.sampled_from(_NUMBER_STARTS),
                          st.sampled_from(["-", "x", "\x00", "é", " ", "\n"])),
                max_size=12))  # fmt: skip
def test_a_number_begins_only_where_its_lead_finder_says(parts: list[str]) -> None:
    """The patterns that begin with a number are tried only where ``_NUM_BEGINS`` matches:
    every place the number can begin must be one of them."""
    text = "".join(parts)
    begins = {m.start() for m in re.finditer(f"(?={en._NUM_BEGINS.pattern})", text, re.I)}
    for flags in (re.IGNORECASE, 0):
        can = {m.start() for m in re.finditer(f"(?={en._NUM})", text, flags)}
        assert can <= begins, (text, sorted(can - begins))
