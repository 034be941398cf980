"""Script normalisation: golden cases, the offset map, and properties on arbitrary text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcecompare.errors import UnknownComponent
from sourcecompare.model import OffsetMap
from sourcecompare.script import (
    CONFIGS,
    DEFAULT_CONFIG,
    changed_chars,
    fold_width,
    lookup_form,
    normalise,
    signature,
    to_simplified,
)
from sourcecompare.segment import words

CASES = Path(__file__).resolve().parent / "cases" / "script.tsv"


def _unescape(s: str) -> str:
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), s)


def _cases() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        label, text, expected, comment = line.split("\t")
        rows.append((label, _unescape(text), _unescape(expected), comment))
    return rows


CASE_ROWS = _cases()


def test_golden_file_is_read() -> None:
    assert len(CASE_ROWS) >= 15
    assert {label.split("/")[0] for label, *_ in CASE_ROWS} <= set(CONFIGS)


@pytest.mark.parametrize(
    ("label", "text", "expected", "comment"), CASE_ROWS, ids=[r[0] for r in CASE_ROWS]
)
def test_golden(label: str, text: str, expected: str, comment: str) -> None:
    config = label.split("/")[0]
    norm, offsets = normalise(text, config=config)
    assert norm == expected, comment
    assert len(offsets) == len(norm)
    _check_map(offsets, len(text))


def _check_map(offsets: OffsetMap, n: int) -> None:
    """Every derived char maps into the original, in non-decreasing order."""
    positions = [offsets[i] for i in range(len(offsets))]
    assert all(0 <= p < n for p in positions)
    assert positions == sorted(positions)


def test_default_config_is_safe_on_simplified_text() -> None:
    assert DEFAULT_CONFIG == "hk2s"
    simplified = "专著里的文件和程序说明了尼日利亚与塔吉克斯坦的情况"
    assert to_simplified(simplified) == simplified
    assert to_simplified(simplified, config="tw2sp") != simplified  # why tw2sp is not the default


def test_unknown_config_lists_valid_names() -> None:
    with pytest.raises(
        UnknownComponent, match="valid script configs: hk2s, none, t2s, tw2s, tw2sp"
    ):
        normalise("abc", config="s2t")
    with pytest.raises(UnknownComponent):
        to_simplified("abc", config="zz")
    with pytest.raises(UnknownComponent):
        signature("zz")


def test_signature() -> None:
    assert signature() == "opencc:hk2s"
    assert signature("tw2sp") == "opencc:tw2sp"


def test_same_length_conversion_is_identity() -> None:
    norm, offsets = normalise("來自俄羅斯的檔案文件顯示，ＡＢ")
    assert norm == "来自俄罗斯的档案文件显示,AB"
    assert offsets == OffsetMap.identity(len(norm))


def test_phrase_maps_back_to_whole_phrase() -> None:
    text = "我的電腦記憶體不足"
    norm, offsets = normalise(text, config="tw2sp")
    assert norm == "我的电脑内存不足"
    start = norm.index("内存")
    assert text[slice(*offsets.span(start, start + 2))] == "記憶體"
    # characters either side stay put
    assert text[slice(*offsets.span(0, start))] == "我的電腦"
    assert text[slice(*offsets.span(start + 2, len(norm)))] == "不足"


def test_expansion_maps_into_the_source_character() -> None:
    text = "到埠了"  # 埠 -> 端口 under tw2sp
    norm, offsets = normalise(text, config="tw2sp")
    assert norm == "到端口了"
    assert offsets.span(1, 3) == (1, 2)
    assert [offsets[i] for i in range(4)] == [0, 1, 1, 2]


@pytest.mark.parametrize(
    "text",
    [
        "我的電腦記憶體不足，請關閉程式，再開啟軟體。計程車司機使用滑鼠和印表機。",
        "太空梭的字串，使用者的程式。記憶體裝置和軟體。到埠了。",
    ],
)
def test_whole_words_map_to_whole_words(text: str) -> None:
    """Each word of the normalised text maps back to a span whose conversion is that word,
    and the words' spans tile the original without gap or overlap."""
    norm, offsets = normalise(text, config="tw2sp")
    pos = 0
    previous_end = 0
    for word in words(text, "zh", config="tw2sp", keep_punct=True):
        start = norm.index(word, pos)
        pos = start + len(word)
        a, b = offsets.span(start, pos)
        assert a == previous_end, (word, text[a:b])
        assert normalise(text[a:b], config="tw2sp")[0] == word
        previous_end = b
    assert previous_end == len(text)


def test_phrase_into_one_character_maps_to_its_first() -> None:
    """An :class:`OffsetMap` sends one character to one character: 宏 can only stand for 巨."""
    norm, offsets = normalise("用巨集了", config="tw2sp")
    assert norm == "用宏了"
    assert [offsets[i] for i in range(3)] == [0, 1, 3]


def test_long_text_aligned_in_pieces_matches_whole_alignment() -> None:
    unit = "我的電腦記憶體不足，請關閉程式。到埠了\n"
    text = unit * 400  # longer than one alignment piece
    norm, offsets = normalise(text, config="tw2sp")
    short_norm, short_offsets = normalise(unit, config="tw2sp")
    assert norm == short_norm * 400
    n, m = len(short_norm), len(unit)
    for k in (0, 1, 199, 399):
        for i in range(n):
            assert offsets[k * n + i] == k * m + short_offsets[i]


def test_unsafe_characters_are_kept() -> None:
    # OpenCC stops at NUL and cannot encode lone surrogates; both must pass through
    text = "記\x00憶\ud800體"
    norm, offsets = normalise(text)
    assert norm == "记\x00忆\ud800体"
    assert offsets == OffsetMap.identity(len(text))
    assert normalise("記憶體\x00記憶體", config="tw2sp")[0] == "内存\x00内存"


def test_fold_width_keeps_length() -> None:
    text = "".join(chr(c) for c in range(0xFF00, 0xFFF0)) + "\u3000"
    assert len(fold_width(text)) == len(text)
    assert fold_width("ＡＺａｚ０９～！") == "AZaz09~!"


def test_lookup_form_is_fixed_whatever_the_matching_configuration() -> None:
    """The dictionary lookup form simplifies Hong Kong variants too, keeps vocabulary (unlike
    tw2sp) and takes any string."""
    assert lookup_form("衞生枱") == "卫生台" and to_simplified("衞生枱", config="t2s") == "衞生枱"
    assert lookup_form("文件程序") == "文件程序"
    assert to_simplified("文件", config="tw2sp") == "文档"
    assert lookup_form("ＡＢ衞\x00\ud800") == "ＡＢ卫\x00\ud800"


def test_changed_chars_are_the_characters_a_conversion_changes() -> None:
    assert changed_chars("t2s", list("國国日衞")) == frozenset("國")
    assert changed_chars("hk2s", list("國国日衞")) == frozenset("國衞")
    assert changed_chars("s2t", list("國国\n\ud800")) == frozenset("国")
    assert changed_chars("t2s", []) == frozenset()


def test_to_simplified_keeps_width() -> None:
    assert to_simplified("北韓，ＡＢ") == "北韩，ＡＢ"


HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
TRICKY = st.sampled_from(
    list("記憶體軟體電腦程式計程車埠太空梭字串衞枱后後髮發\x00\ud800\u3000ＡＢ１，。")
)
TEXT = st.text(st.one_of(st.characters(), HAN, TRICKY), max_size=80)


@given(TEXT, st.sampled_from(sorted(CONFIGS)))
def test_normalise_total_monotone_in_range(text: str, config: str) -> None:
    norm, offsets = normalise(text, config=config)
    assert len(offsets) == len(norm)
    _check_map(offsets, len(text))
    if len(norm) == len(text):
        assert offsets == OffsetMap.identity(len(text))


@given(TEXT)
def test_ascii_maps_to_its_source(text: str) -> None:
    """An ASCII character of the normalised text comes from that character or its full-width
    form (script conversion never produces ASCII)."""
    norm, offsets = normalise(text, config="tw2sp")
    for i, ch in enumerate(norm):
        if ch.isascii():
            assert fold_width(text[offsets[i]]) == ch
