"""AttributeLexicon.zh_keys and .en_keys (looking surfaces up by their first character or
lemma) held to the plain scans they replace: every surface tried at every position, in the
lexicon's order, then by position."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecompare.match import attributes
from sourcecompare.match.attributes import AttributeLexicon, bundled_lexicon
from sourcecompare.model import Claim

NounReading = tuple[frozenset[str], str]


def _zh_plainly(lex: AttributeLexicon, text: str) -> list[tuple[int, str, str]]:
    out: list[tuple[int, str, str]] = []
    for surface, keys in lex.zh.items():
        start = text.find(surface)
        while start >= 0:
            out.extend((start, key, surface) for key in keys)
            start = text.find(surface, start + 1)
    return out


def _en_plainly(lex: AttributeLexicon, lemmas: Sequence[str]) -> list[tuple[int, str, str]]:
    out: list[tuple[int, str, str]] = []
    for phrase, keys in lex.en.items():
        n = len(phrase)
        for i in range(len(lemmas) - n + 1):
            if tuple(lemmas[i : i + n]) == phrase:
                out.extend((i, key, " ".join(phrase)) for key in keys)
    return out


_LEX = bundled_lexicon()
#: pieces of text: the lexicon's own surfaces (so that they overlap and repeat), their
#: halves, and filler
_ZH_PIECES = [*sorted(_LEX.zh)[:60], *(s[:1] for s in sorted(_LEX.zh)[:20]), "的", "1959年", "，"]
_EN_WORDS = [*sorted({w for phrase in _LEX.en for w in phrase})[:80], "the", "1959", "people"]


def test_the_bundled_lexicon_has_surfaces_to_find() -> None:
    assert len(_LEX.zh) > 20 and len(_LEX.en) > 20
    assert any(len(p) > 1 for p in _LEX.en)  # phrases of several lemmas are tried too


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(_ZH_PIECES), max_size=40))
def test_chinese_keys_are_the_plain_scan(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _LEX.zh_keys(text) == _zh_plainly(_LEX, text)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(_EN_WORDS), max_size=40))
def test_english_keys_are_the_plain_scan(lemmas: list[str]) -> None:
    assert _LEX.en_keys(lemmas) == _en_plainly(_LEX, lemmas)


def test_a_user_row_is_found_like_a_bundled_one() -> None:
    lex = AttributeLexicon.read([("t.tsv", "returnees\t歸國者|归国者\treturnee|returned home\n")])
    assert lex.zh_keys("有归国者和归国者") == [
        (1, "returnees", "归国者"),
        (5, "returnees", "归国者"),
    ]
    assert lex.en_keys(["they", "return", "home"]) == [(1, "returnees", "return home")]


class _Unheld(attributes._Readings):
    """Every side read afresh: the plain form of the shared readings."""

    def read(self, language: str, left: str, right: str) -> tuple[tuple[int, str, str], ...]:
        reader = attributes._zh_attributes if language == "zh" else attributes._en_attributes
        return tuple(reader(self.lex, left, right))


_ZH_FIGURES = ["1959年", "27000人", "6,637名", "三成", "45%", "2,000萬元", "十二個國家"]
_EN_FIGURES = ["in 1959", "27,000 people", "6,637 Japanese", "45%", "$2 million", "twelve"]
#: words in no surface, as many as the surfaces, so that the nearest surface is often far
_ZH_FILLER = ["他们在这里", "那时", "就是"] * (len(_ZH_PIECES) // 3)
_EN_FILLER = ["they", "were", "there", "then"] * (len(_EN_WORDS) // 4)


_SIDE = st.lists(st.integers(0, 10**6), max_size=8)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["zh", "en"]),
    st.lists(st.tuples(_SIDE, st.integers(0, 100), _SIDE), min_size=1, max_size=4),
    st.integers(1, 5),
)
def test_profiles_read_each_pair_of_sides_once_and_the_same(
    language: str, sentences: list[tuple[list[int], int, list[int]]], repeat: int
) -> None:
    """A profile made with the sides' readings and the counted nouns shared over the claims
    (a list states many figures between the same words) is the profile made with every side
    and every noun read afresh."""
    from sourcecompare.claims import extract_claims
    from sourcecompare.readers import parse_text
    from sourcecompare.segment import segment

    if language == "zh":
        pieces, figures, end, sep = _ZH_PIECES + _ZH_FILLER, _ZH_FIGURES, "。", ""
    else:
        pieces, figures, end, sep = _EN_WORDS + _EN_FILLER, _EN_FIGURES, ".", " "
    text = sep.join(
        sep.join(
            [*(pieces[i % len(pieces)] for i in before), figures[figure % len(figures)],
             *(pieces[i % len(pieces)] for i in after)]
        )
        + end
        for before, figure, after in sentences
    )  # fmt: skip
    doc = segment(parse_text(text * repeat, id="t", format="plain", language=language))
    claims = extract_claims(doc)
    shared = attributes.profile([doc], claims, _LEX)
    original, noun = attributes._Readings, attributes._noun

    def unheld_noun(c: Claim, language: str, right: str, held: object = None) -> NounReading:
        return noun(c, language, right)

    try:
        attributes._Readings = _Unheld  # type: ignore[misc]
        attributes._noun = unheld_noun  # type: ignore[assignment]
        afresh = attributes.profile([doc], claims, _LEX)
    finally:
        attributes._Readings, attributes._noun = original, noun  # type: ignore[misc]
    assert shared == afresh


def test_the_shared_readings_are_kept_per_pair_of_sides() -> None:
    """A Chinese side is keyed by the characters the reading looks at, so a list's figures
    between the same words share one reading; other sides are read apart."""
    readings = attributes._Readings(_LEX)
    far = "很多很多很多很多很多很多很多很多很多很多很多很多很多很多很多很多很多"
    one = readings.read("zh", "甲" + far + "死亡", "人")
    assert readings.read("zh", "乙" + far + "死亡", "人") is one  # differs beyond the reach
    assert readings.read("zh", far + "受伤", "人") is not one
    assert len(readings.held) == 2
    # within reach, a word of the lexicon a dozen characters before the figure is read
    left = "死亡" + "的" * 10
    assert (
        readings.read("zh", left, "人")
        == ((-12, "death", "死亡"),)
        == tuple(attributes._zh_attributes(_LEX, left, "人"))
    )


def test_a_counted_noun_is_remembered_by_all_it_reads() -> None:
    """Two figures that differ only in their unit words, or only in the words after them,
    read different nouns through one shared memory, each as it reads alone; a figure that
    differs in nothing the reading looks at shares the first one's reading."""

    def claim(i: int, unit_text: str, value: float = 3) -> Claim:
        return Claim(f"c{i}", "d", 0, i, "count", value, value, value, "exact", "person",
                     unit_text, f"3{unit_text}", 0, 2)  # fmt: skip

    held: dict[attributes._NounKey, NounReading] = {}
    sides = [
        (claim(0, "名学生"), "来到这里"),
        (claim(1, "名成员"), "来到这里"),
        (claim(2, "名"), "学生来到"),
        (claim(3, "名"), "成员来到"),
        (claim(4, "名学生", 7), "来到这里"),
    ]
    readings = [attributes._noun(c, "zh", right, held) for c, right in sides]
    assert readings == [attributes._noun(c, "zh", right) for c, right in sides]
    # other unit words, or other words after the figure: another noun
    assert readings[0][1] != readings[1][1] and readings[2][1] != readings[3][1]
    assert readings[4] is readings[0] and len(held) == 4
