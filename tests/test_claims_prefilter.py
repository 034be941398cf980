"""The literal prefilter of the extractors' patterns, held to running every pattern.

A pattern the prefilter skips on a text must find nothing in it: checked on generated texts
made of the patterns' own literals (in either case, with the characters that fold onto ASCII
letters), and on the golden cases and the corpus, whose extraction must be the same with the
prefilter switched off.
"""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecompare.claims import en, exclusions, extract_from_text, zh
from sourcecompare.claims.prefilter import ASCII_FOLDS, Text, needs

from .conftest import corpus_path
from .test_claims import ALL_CASES

MODULES = (en, zh, exclusions)


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    out: list[tuple[str, re.Pattern[str]]] = []

    def walk(name: str, obj: object) -> None:
        if isinstance(obj, re.Pattern) and isinstance(obj.pattern, str):
            out.append((name, obj))
        elif isinstance(obj, (list, tuple)):
            for i, item in enumerate(obj):
                walk(f"{name}[{i}]", item)

    for module in MODULES:
        for name, obj in vars(module).items():
            walk(f"{module.__name__.rsplit('.', 1)[-1]}.{name}", obj)
    return out


PATTERNS = _patterns()
WITH_NEEDS = [(name, p) for name, p in PATTERNS if needs(p) is not None]


def test_most_patterns_get_a_prefilter() -> None:
    # not a speed figure: a sign that the parse-tree reader still reads this Python's trees
    assert len(WITH_NEEDS) >= len(PATTERNS) // 2


def test_ascii_folds_list_every_character_ignorecase_takes_for_an_ascii_letter() -> None:
    others = "".join(
        chr(cp) for cp in range(0x80, sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF
    )
    assert set(re.findall(r"[a-z]", others, re.IGNORECASE)) == set(ASCII_FOLDS)
    for ch, letter in ASCII_FOLDS.items():
        assert re.fullmatch(letter, ch, re.IGNORECASE)


def _sets(pattern: str, flags: int = 0) -> list[tuple[set[str], bool]] | None:
    need = needs(re.compile(pattern, flags))
    return None if need is None else [(set(one.literals), one.digit) for one in need.sets]


def test_needs_reads_the_usual_forms() -> None:
    assert _sets(r"\d+\s*(?:%|percent)", re.IGNORECASE) == [({"%", "percent"}, False),
                                                          (set(), True)]  # fmt: skip
    assert needs(re.compile(r"\d+\s*(?:%|percent)", re.IGNORECASE)).fold  # type: ignore[union-attr]
    assert _sets(r"(\d+)年") == [({"年"}, False), (set(), True)]
    assert _sets(r"\d+(?i:km)") == [({"km"}, False), (set(), True)]
    assert needs(re.compile(r"\d+(?i:km)")).fold  # type: ignore[union-attr]
    assert _sets(r"(?:ab)?\d") == [(set(), True)]  # an optional literal is not needed
    assert _sets(r"(?:ab)?x") == [({"x"}, False)]
    assert _sets(r"a|\d") == [({"a"}, True)]  # a digit or an a
    # every branch needs a digit, though the best set of each is a letter: any digit too
    assert _sets(r"a\d|b\d") == [({"a", "b"}, False), (set(), True)]
    assert _sets(r"a(?:1|20)") == [({"a"}, False), ({"1", "20"}, False), (set(), True)]
    assert _sets(r"a|.") is None  # a branch that needs nothing
    assert _sets(r"[^x]y") == [({"y"}, False)]
    assert _sets(r"(?<=從)[一二三]") == [({"從"}, False), ({"一", "二", "三"}, False)]
    assert _sets(r"(?<!從)\w+") is None


def _pieces() -> list[str]:
    """Material for texts: what each pattern matches in the golden cases and the patterns'
    literals, each as written, upper-cased, capitalised and with a letter replaced by a
    character ignorecase takes for it (``ſ`` for ``s``); digits, numerals, spaces and
    punctuation."""
    inputs = [str(case["input"]) for _, case in ALL_CASES]
    got: set[str] = set()
    for _, p in WITH_NEEDS:
        need = needs(p)
        assert need is not None
        seen = [m.group() for text in inputs for m in p.finditer(text) if m.group()][:6]
        for lit in [*(x for one in need.sets for x in one.literals), *seen]:
            got.update({lit, lit.upper(), lit.capitalize()})
            got.update(lit.replace(letter, ch, 1) for ch, letter in ASCII_FOLDS.items()
                       if letter in lit)  # fmt: skip
    got.update(ASCII_FOLDS)
    got.update(["1", "27", "1959", "6,637", "3.5", "٣", "３", " ", "  ", "\n", "-", "–", "一"])
    got.update(["年", "月", "日", "人", "个", "about", "to", "of", "the", ",", ".", "(", ")"])
    return sorted(got)


PIECES = _pieces()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6))
def test_a_skipped_pattern_has_no_match(parts: list[str]) -> None:
    text = "".join(parts)
    held = Text(text)
    for name, p in WITH_NEEDS:
        if not held.may_match(p):
            assert p.search(text) is None, (name, text)


@given(st.text(max_size=40))
@settings(max_examples=200, deadline=None)
def test_a_skipped_pattern_has_no_match_in_any_text(text: str) -> None:
    held = Text(text)
    for name, p in WITH_NEEDS:
        if not held.may_match(p):
            assert p.search(text) is None, (name, text)


def _extracted(text: str, language: str) -> list[tuple[object, ...]]:
    found = extract_from_text(text, language, context=False)
    return [(m.start, m.end, m.kind, m.value, m.low, m.high, m.qualifier, m.unit) for m in found]


CORPUS_LANGUAGES = {
    "zh-wiki-japanese-in-north-korea": "zh",
    "zh-wiki-japan-north-korea-relations": "zh",
    "en-wiki-japanese-in-north-korea": "en",
    "scmp-video-japan-to-north-korea": "en",
    "wolman-2024": "en",
}


def _texts() -> list[tuple[str, str]]:
    out = [(lang, str(case["input"])) for lang, case in ALL_CASES]
    for doc_id, lang in CORPUS_LANGUAGES.items():
        text = corpus_path(doc_id).read_text("utf-8")
        out += [(lang, block) for block in text.split("\n\n") if block.strip()]
    return out


def test_extraction_is_the_same_without_the_prefilter(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _texts()
    assert len(texts) > 100
    fast = [_extracted(t, lang) for lang, t in texts]
    monkeypatch.setattr(Text, "may_match", lambda self, pattern: True)
    plain = [_extracted(t, lang) for lang, t in texts]
    assert fast == plain


def test_a_masked_character_is_never_needed() -> None:
    """A masked copy holds NUL where the text does not (found in review: ``[\\x00a]#`` on
    ``ß#`` masked to ``\\x00#``): NUL is never one of the needed literals."""
    for pattern in (r"[\x00a]#", r"\x00", r"(?<![K])(\x00)", r"[\x00-\x1f]x"):
        compiled = re.compile(pattern, re.IGNORECASE)
        need = needs(compiled)
        assert need is None or all("\x00" not in x for one in need.sets for x in one.literals)
        masked = "\x00#" if "#" in pattern else "\x00x"
        if compiled.search(masked):
            assert Text(masked.replace("\x00", "ß")).may_match(compiled)


def test_text_of_shares_one_text_between_passes() -> None:
    text = "1959年有27000人"
    assert Text.of(text) is Text.of(text)
    assert Text.of("another") is not Text.of(text)


def _hedge_before_plain(masked: str, start: int) -> tuple[object, int]:
    """The English hedge before a figure as the pattern alone finds it (no shortcut)."""
    m = en._HEDGE_BEFORE.search(masked, max(0, start - 32), start)
    if m is None or (m.group("h")[-1].isalpha() and m.end("h") == start):
        return en.Hedge.EXACT, start
    return en._HEDGES[m.group("h").lower()], m.start("h")


HEDGE_PIECES = sorted(
    {h for h in en._HEDGES} | {h.upper() for h in en._HEDGES} | {h.title() for h in en._HEDGES}
    | {" ", "  ", "\t", "\n", "\x00", "a", "1", "(", "<", "=", ".", "ſ", "K", "İ", "ı", "約"}
)  # fmt: skip


def _case(text: str, how: int) -> str:
    return [text, text.upper(), text.title(), text.swapcase()][how]


@settings(max_examples=600, deadline=None)
@given(
    st.lists(st.sampled_from(HEDGE_PIECES), max_size=6),
    st.sampled_from(sorted(en._HEDGES)),
    st.integers(0, 3),
    st.sampled_from(["", " ", "  ", "\t", " \n", "\x00", "ſ", "K"]),
    st.sampled_from(["27", "1,000"]),
)
def test_the_english_hedge_shortcut_is_the_pattern(
    parts: list[str], hedge: str, how: int, gap: str, figure: str
) -> None:
    """``en._hedge_before`` skips the pattern when the text before a figure cannot end in a
    hedge: it gives what the pattern alone gives (texts mostly ending in a hedge in some case,
    a gap, then the figure)."""
    from sourcecompare.claims.scanner import Scanner

    before = "".join(parts) + _case(hedge, how) + gap
    scanner = Scanner(before + figure, [])
    start = len(before)
    assert en._hedge_before(scanner, start) == _hedge_before_plain(scanner.masked, start)


def _answers(text: str) -> list[bool]:
    held = Text(text)
    return [held.may_match(p) for _name, p in WITH_NEEDS]


def _plain_answers(text: str) -> list[bool]:
    held = Text(text)
    return [held.meets_plainly(need) for _name, p in WITH_NEEDS if (need := needs(p))]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=0, max_size=6), st.text(max_size=12))
def test_the_automaton_answers_as_a_substring_test_of_every_literal(
    parts: list[str], noise: str
) -> None:
    for text in ("".join(parts), "".join(parts) + noise, noise + "".join(reversed(parts))):
        assert _answers(text) == _plain_answers(text), text


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6), st.integers(1, 40))
def test_a_literal_numbered_after_a_text_was_searched_is_tested_plainly(
    parts: list[str], first: int
) -> None:
    """A text searched while only some patterns' literals were numbered still answers every
    later pattern right (plainly), and the next text's automaton knows them all."""
    from sourcecompare.claims import prefilter

    text = "".join(parts)
    saved = prefilter._LITERALS, dict(prefilter._READ)
    prefilter._LITERALS, prefilter._READ = prefilter._Literals(), {}
    try:
        held = Text(text)
        early = [held.may_match(p) for _name, p in WITH_NEEDS[:first]]  # searched with these
        late = [held.may_match(p) for _name, p in WITH_NEEDS[first:]]
        assert early + late == _plain_answers(text)
        assert prefilter._LITERALS.view(False)[2] == len(prefilter._LITERALS.number)
        assert _answers(text) == _plain_answers(text)
    finally:
        prefilter._LITERALS, prefilter._READ = saved[0], saved[1]
