"""The aligner's reader of Chinese numerals agrees with cn2an wherever it answers."""

from __future__ import annotations

import itertools

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcecompare.align import zh_numbers
from sourcecompare.align.features import _ZH_NUMERAL, _number

ALPHABET = "零〇一二两三四五六七八九十百千万亿萬億兩"


def reference(token: str) -> float | None:
    """cn2an's smart reading, as the aligner used it before the fast path."""
    try:
        return float(cn2an.cn2an(token, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def test_the_alphabet_is_the_features_numeral_class() -> None:
    assert all(_ZH_NUMERAL.match(ch) for ch in ALPHABET)
    assert _ZH_NUMERAL.match("".join(ALPHABET))


def test_every_string_of_up_to_three_numerals() -> None:
    answered = 0
    for size in (1, 2, 3):
        for chars in itertools.product(ALPHABET, repeat=size):
            token = "".join(chars)
            value = zh_numbers.read(token)
            if value is zh_numbers.UNSURE:
                continue
            answered += 1
            assert value == reference(token), token
    assert answered > 1000  # the fast path does answer most short forms


@given(st.text(st.sampled_from(ALPHABET), min_size=4, max_size=12))
def test_random_numeral_strings(token: str) -> None:
    value = zh_numbers.read(token)
    if value is not zh_numbers.UNSURE:
        assert value == reference(token)
    assert _number(token) == reference(token)  # and the features' reading, either way


@given(
    st.one_of(
        st.integers(0, 10**4),
        st.integers(0, 10**9),
        st.integers(0, 10**12 - 1),
    )
)
def test_canonical_numbers_are_all_read(n: int) -> None:
    token = cn2an.an2cn(n)
    assert zh_numbers.read(token) == reference(token) == float(n)


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("一", 1.0),
        ("两", 2.0),
        ("十五", 15.0),
        ("二十两", 22.0),
        ("三两", 32.0),
        ("一九六", 196.0),
        ("六零", 60.0),
        ("一百四十", 140.0),
        ("二千万", 2e7),
        ("一亿零八百一十二万七千一百零一", 108127101.0),
        ("万", None),
        ("百", None),
    ],
)
def test_forms_met_in_the_development_sets(token: str, value: float | None) -> None:
    assert zh_numbers.read(token) == value == reference(token)


def test_shorthands_are_left_to_cn2an() -> None:
    for token in ("一千二", "一万五", "一百一", "千万零", "一亿一千"):
        assert zh_numbers.read(token) is zh_numbers.UNSURE
        assert _number(token) == reference(token)


def test_two_characters_led_by_a_unit_are_no_number_without_cn2an() -> None:
    """千万 ("by all means"), 万一 ("in case"), 百万: common words that cn2an does not read
    either (every such pair is compared with it above); answered here, so a text holding
    one does not import cn2an."""
    for token in ("千万", "万一", "百万", "亿万", "萬萬"):
        assert zh_numbers.read(token) is None
        assert reference(token) is None


_EN_PIECES = ["1", "27", "6,836", "3.5", "1.2.3", "2,", "7.", ",", ".", " ", "x", "km", "²",
              "①", "٣", "３", "Korea's", "well-known", "'", "-", "_", "a1b", "一"]  # fmt: skip


@given(st.lists(st.sampled_from(_EN_PIECES), max_size=12))
def test_the_english_figure_tokens_are_those_of_the_whole_tokenizer(parts: list[str]) -> None:
    """The aligner reads an English unit's figures from its figure tokens alone: the same
    values, in the same order, as the tokens of the whole word pattern that begin with a
    digit (what it read before)."""
    from sourcecompare.align.features import _EN_FIGURE_TOKEN, _EN_TOKEN

    text = "".join(parts)
    plain = [_number(t.rstrip(".,").replace(",", "")) for m in _EN_TOKEN.finditer(text)
             if (t := m.group())[0].isdigit()]  # fmt: skip
    fast = [_number(m.group().replace(",", "")) for m in _EN_FIGURE_TOKEN.finditer(text)]
    assert [v for v in fast if v is not None] == [v for v in plain if v is not None]
