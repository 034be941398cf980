"""Passes tried only where a match can start (``claims.starts``), held to the plain pass.

Every pattern of the extractors, on generated texts long enough for the shortcut to be taken
(made of what the patterns match and their literals, with masked characters among them), on
the corpus and the golden cases: the matches of :func:`starts.finditer` are those of
:meth:`re.Pattern.finditer`, spans and groups, in order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecompare.claims import exclusions, extract_from_text, starts
from sourcecompare.claims.exclusions import MASK

from .test_claims_prefilter import PATTERNS, PIECES, _extracted, _texts


def _found(matches: Iterable[re.Match[str]]) -> list[tuple[object, ...]]:
    return [(m.span(), m.groups(), tuple(sorted(m.groupdict().items()))) for m in matches]


def _same(text: str) -> None:
    starts._POSITIONS.clear()  # positions found afresh for this text
    for name, p in PATTERNS:
        assert _found(starts.finditer(p, text)) == _found(p.finditer(text)), (name, text)


def _class(pattern: str, flags: int = 0) -> str | None:
    first = starts.first_class(re.compile(pattern, flags))
    return None if first is None else first.pattern


def _chars(pattern: str, flags: int = 0) -> set[str]:
    """The characters of a first class among a sample of the alphabet."""
    first = starts.first_class(re.compile(pattern, flags))
    assert first is not None, pattern
    return {ch for ch in "0123456789ABCXYZabcxyz.,-/:%$年一二" if first.fullmatch(ch)}


def test_the_first_class_reads_through_what_consumes_nothing() -> None:
    assert _chars(r"(?<![\w.])\d+") == set("0123456789")
    # a lookahead says what the first character is, whatever may follow it
    assert _chars(r"\b(?=\d)(?:AD|A\.D\.)?[1-9]") == set("0123456789")
    assert _chars(r"(?=[.-])(?:x|\.5|-)") == {".", "-"}
    assert _chars(r"(?=\d|X)(?:\d|X)") == set("0123456789") | {"X"}
    assert _chars(r"(?:X{0}Y|[0-3]?\d)") == {"Y"} | set("0123456789")  # X{0} consumes nothing
    assert _chars(r"(?:第|[一二])+年?") == {"一", "二"} | _chars("第")
    assert _chars(r"(?<=[.,])(?:%|\$)") == {"%", "$"}
    assert _chars(r"X1") == {"X"}
    assert _chars(r"(?>[-−]\d)") == {"-"}


def test_no_first_class_where_it_cannot_say_or_is_common() -> None:
    assert _class(r"(?<!\d)\d*") is None  # may be empty
    assert _class(r"x?|y") is None
    assert _class(r".5") is None
    assert _class(r"[^x]5") is None
    assert _class(r"\w+5") is None
    assert _class(r"(\d)\1") is not None and _class(r"(\d)?(?:\1|\d)") is None  # a back reference
    assert _class(r"(?<=[A-Z])\d|from") is None  # a lowercase letter: prose is full of them
    assert _class(r"[ \t]*\d") is None  # a space
    assert _class(r"(?i:X)1") is None  # folded, X is also x
    assert _class(r"[A-Z]\d") is not None


def test_a_class_of_letters_counts_only_at_word_starts_where_every_match_begins_a_word() -> None:
    word_start = ["(?<![\\w.])(?:one|two)", r"\bfrom\s+\d", r"(?:\b(?:from|to)\s+)?(?<!\w)ad",
                  r"(?:(?<=[^\w.])|^)about", r"(?<=-)one|\bone", r"(?<= )x", r"^one",
                  r"(?<![\w-])(?:(?P<w>\d+)\s)?(?P<n>one)"]  # fmt: skip
    for source in word_start:
        first = starts.first_class(re.compile(source))
        assert first is not None and first.pattern.endswith(r"(?<!\w.)"), source
    not_word_start = [r"(?<![^\w])one", r"(?<=[A-Z])one", r"x?\bone", r"(?<=\w)one",
                      r"(?<!\d)one", r"(?=\w)one", r"\b(?:-|one)", r"(?<=[a ])one",
                      r"one|(?<!\w)two", r"(?<!\w\.)one"]  # fmt: skip
    for source in not_word_start:
        assert _class(source) is None, source
    text = "He gave one to them, and two-one to no one else: bone, tone" + " and so on" * 3
    p = re.compile(r"(?<![\w-])one")
    assert starts._positions(starts.first_class(p), text) == [  # type: ignore[arg-type]
        m.start() for m in re.finditer(r"(?<!\w)o", text)
    ]
    assert _found(starts.finditer(p, text)) == _found(p.finditer(text))
    ascii_only = re.compile(r"(?<![\w.])one", re.ASCII)  # é is no word character to it
    assert _found(starts.finditer(ascii_only, "é" * 70 + "éone")) == [((71, 74), (), ())]


def test_a_pattern_beginning_with_a_lead_is_tried_where_the_lead_begins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(starts, "_LEADS", {})
    monkeypatch.setattr(starts, "_LED", {})
    lead = r"(?<![\w.])(?:\d+|one|two)"
    starts.lead(lead, re.IGNORECASE, re.compile(r"(?<!\w)(?:\d|one|two)", re.IGNORECASE))
    led = [lead + r"\s+(?:to|-)\s*\d+", "(?P<a>" + lead + r")%", "(?:" + lead + r")\s+dogs"]
    for source in led:
        assert starts._lead_of(re.compile(source, re.IGNORECASE)) == (lead, re.IGNORECASE), source
    not_led = [
        lead + r"|x",  # an alternation: a match of x begins with no number
        "(?P<a>" + lead + r"|x)%",
        r"(?i:" + lead + r")\s",  # a group that changes the flags
        r"y?" + lead,
        lead.replace("one", "once"),
    ]
    for source in not_led:
        assert starts._lead_of(re.compile(source, re.IGNORECASE)) is None, source
    assert starts._lead_of(re.compile(led[0])) is None  # other flags
    pattern = re.compile(led[0], re.IGNORECASE)
    text = "from one to 7 and 12 - 14, then Two  -  3 and none to 5; " + "filler text " * 6
    begins = starts.leading(pattern)
    assert begins is not None
    # a number, and "one" or "two", where no word character stands before it ("none": no)
    assert starts._positions(begins, text, starts.WORD_DENSE) == [5, 12, 18, 23, 32, 40, 54]
    assert _found(starts.finditer(pattern, text)) == _found(pattern.finditer(text))
    assert len(_found(pattern.finditer(text))) == 3


def test_the_shortcut_is_taken_for_digit_led_patterns() -> None:
    # not a speed figure: a sign that the reader still reads this Python's trees
    with_class = [name for name, p in PATTERNS if starts.first_class(p) is not None]
    assert len(with_class) >= len(PATTERNS) // 3
    assert starts.first_class(exclusions._EN_TIME) is not None
    text = "The flight left at 6:00 pm, " + "and landed much later than planned " * 3
    assert starts._positions(starts.first_class(exclusions._EN_TIME), text) == [19, 21, 22]  # type: ignore[arg-type]


def test_dense_or_short_texts_take_the_plain_pass() -> None:
    first = starts.first_class(exclusions._EN_TIME)
    assert first is not None
    assert starts._positions(first, "1 " * 100) is None  # a digit at every other character
    short = "6:00 pm"
    assert len(short) < starts.SHORT
    assert _found(starts.finditer(exclusions._EN_TIME, short)) == _found(
        exclusions._EN_TIME.finditer(short)
    )


def test_a_text_changed_in_place_of_another_gets_its_own_positions() -> None:
    text = "x" * 70 + "at 6:00 and 7:30"
    masked = text[:73] + MASK * 4 + text[77:]  # the same length, another string
    assert _found(starts.finditer(exclusions._EN_TIME, text))[0][0] == (73, 77)
    assert [f[0] for f in _found(starts.finditer(exclusions._EN_TIME, masked))] == [(82, 86)]


@settings(max_examples=250, deadline=None)
@given(st.lists(st.sampled_from([*PIECES, MASK, MASK * 3]), min_size=12, max_size=60))
def test_every_pattern_finds_what_its_plain_pass_finds(parts: list[str]) -> None:
    _same("".join(parts))


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=starts.SHORT, max_size=200))
def test_every_pattern_finds_what_its_plain_pass_finds_in_any_text(text: str) -> None:
    _same(text)


def test_every_pattern_finds_what_its_plain_pass_finds_in_the_corpus() -> None:
    texts = [t for _, t in _texts() if len(t) >= starts.SHORT]
    assert len(texts) > 100
    for text in texts:
        _same(text)


def test_extraction_is_the_same_without_the_shortcut(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _texts()
    fast = [_extracted(t, lang) for lang, t in texts]
    monkeypatch.setattr(starts, "first_class", lambda pattern: None)
    monkeypatch.setattr(starts, "leading", lambda pattern: None)
    plain = [_extracted(t, lang) for lang, t in texts]
    assert fast == plain
    assert extract_from_text("at 6:00 pm " + "x" * 80, "en", context=False)[0].kind.value == "time"


#: patterns whose first two characters take some reading: repeats of every bound, branches
#: of different lengths, parts that may be empty, scoped flags, anchors, lookarounds between
#: the two characters, classes of categories and negated ones
NARROWED = [r"(?m)^[ \t]*\d+[.)]", r"^\d\d", r"(?:^|\n)\d\d", r"\d{2,}x", r"\d{1,3}(?:,\d{3})+",
            r"\d?\dy", r"(?:ab|c)d", r"(?:ab|cd)", r"a(?:b|)c", r"(?i:jan|feb)\w*",
            r"(?<![\w.])(?:one|two)\s", r"\b(?:x|yz)", r"1(?=2)\d", r"1(?!2)\d", r"1\s+\d",
            r"1[^\d]2", r"1.2", r"(?:1|2)(?:3|)(?:4|5)", r"(?:12)*3", r"(?:12)+", r"[0-9]{2}",
            r"(?>1[23])", r"\d(?:(?m:^)|x)\d", r"(?s:1.)", r"[A-Z](?<!\w.)[a-z]+"]  # fmt: skip


def test_where_a_match_can_start_is_narrowed_by_its_second_character_and_anchor() -> None:
    def narrowing(source: str) -> tuple[str, str] | None:
        return starts._narrowing(re.compile(source))

    assert narrowing(r"(?m)^\d+") == ("(?m:^)", "")  # a line's start
    assert narrowing(r"^\d+") == (r"\A", "")  # the text's start
    assert narrowing(r"(?m)^\d+\.") == ("(?m:^)", "(?=[\\U0000002e\\d])")
    assert narrowing(r"(?:^|\n)\d") is None  # not every match begins at one
    assert narrowing(r"\d(?m:^)") is None  # (a flag changed: another ^)
    found = narrowing(r"\d[.,]\d")
    assert found is not None and re.fullmatch(r"\(\?=\[.*\]\)", found[1])
    assert narrowing(r"\d\.?") is None  # a match of one character: nothing after it
    assert narrowing(r"\d\w") is None  # any word character: most of prose
    assert narrowing(r"(?i:ab)") == ("", "(?i:(?=[\\U00000062]))")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789abcdxyzABJFNEOWT .,\n\t-()一", min_size=starts.SHORT,
               max_size=160))  # fmt: skip
def test_narrowed_starts_find_what_the_plain_pass_finds(text: str) -> None:
    starts._POSITIONS.clear()
    for source in NARROWED:
        for flags in (0, re.IGNORECASE, re.MULTILINE):
            p = re.compile(source, flags)
            assert _found(starts.finditer(p, text)) == _found(p.finditer(text)), (source, text)


@pytest.mark.parametrize(
    ("source", "flags", "text"),
    [
        # (?u:...) in an ASCII pattern: its classes and case folds are wider than the rest's
        (r"(?<!\w)a(?u:\s)b", re.ASCII, "a\u00a0b"),
        (r"(?<!\w)a(?u:\d)", re.ASCII, "a\u0661"),
        (r"(?<!\w)a(?u:k)", re.ASCII | re.IGNORECASE, "a\u212a"),
        (r"(?<!\w)(?u:K)S", re.ASCII | re.IGNORECASE, "\u212aS"),
        (r"(?u:\d)(?m:\b)", re.ASCII, "1 \u0661 2a"),
        # a lookahead whose pattern may still match nothing: no class at all
        (r"(?>\b(?=a))(?:ab|)", 0, " ab"),
    ],
)
def test_patterns_a_reader_cannot_narrow_take_the_plain_pass(
    source: str, flags: int, text: str
) -> None:
    """Cases a review found by fuzzing (the fast path once found fewer or more matches)."""
    p = re.compile(source, flags)
    text = "x " * 40 + text + " end"
    starts._POSITIONS.clear()
    assert _found(starts.finditer(p, text)) == _found(p.finditer(text))
