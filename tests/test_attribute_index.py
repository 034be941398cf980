"""AttributeLexicon.zh_keys and .en_keys (looking surfaces up by their first character or
lemma) held to the plain scans they replace: every surface tried at every position, in the
lexicon's order, then by position."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecompare.match.attributes import AttributeLexicon, bundled_lexicon


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
