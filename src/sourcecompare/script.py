"""A normalised view of a text for matching: one Chinese script, half-width forms.

:func:`normalise` turns traditional characters into simplified ones with OpenCC, folds
full-width ASCII forms (``ＡＢ１２，！？``) into ASCII and the ideographic space into a space,
and returns an :class:`~sourcecompare.model.OffsetMap` that sends every character of the
normalised text back to a character of the input.

>>> norm, offsets = normalise("北韓的記憶體（ＲＡＭ）！")
>>> norm
'北韩的记忆体(RAM)!'
>>> offsets.span(3, 6)
(3, 6)

The OpenCC configuration is chosen by name from :data:`CONFIGS`.  The default, ``hk2s``, is
traditional to simplified by character and phrase (OpenCC's ``t2s``) plus the Hong Kong
variant characters (衞 枱 粧 敍 ...) that ``t2s`` leaves alone; it leaves simplified text as
it is, so documents in either script, or mixed, meet in one form.  ``tw2sp`` also rewrites
Taiwan vocabulary into mainland vocabulary (記憶體 -> 内存, 軟體 -> 软件), which helps when
comparing a Taiwanese text with a mainland one, but it is not safe on simplified input: its
phrase table rewrites about 800 of the 347,000 simplified words of jieba's dictionary
(专著 -> 专着, 文件 -> 文档, 程序 -> 进程, 尼日利亚 -> 尼日尔利亚), so it is not the default.

>>> normalise("記憶體", config="tw2sp")[0]
'内存'
>>> normalise("記憶體", config="tw2sp")[1].span(0, 2)
(0, 3)

The map.  ``hk2s``, ``t2s`` and ``tw2s`` never change the length of a text (checked on the
347,000 words of jieba's dictionary in simplified, traditional, Taiwan and Hong Kong forms),
so for them the map is the identity and no alignment is run.  ``tw2sp`` phrases can change
the length (記憶體 -> 内存, 埠 -> 端口), so unless its output is just the character-by-character
conversion, it is aligned with that character-by-character conversion (rapidfuzz's ``Indel``
opcodes).  Each block between equal characters is then widened, one character at a time
into its neighbours, until OpenCC converts the input block into exactly the output block --
the block is then the phrase OpenCC replaced (開啟 -> 打开, 使用者 -> 用户), not the part the
diff happened to leave unmatched.  A block maps one to one when both sides have the same
length; otherwise its first output character maps to its first input character, its last to
its last and those between proportionally, so a span covering a whole phrase maps back to the
whole phrase, and the map stays non-decreasing.  The one exception: a phrase converted into a
single character (巨集 -> 宏) can only map to one input character, its first.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from .errors import UnknownComponent
from .model import OffsetMap

if TYPE_CHECKING:
    import opencc

__all__ = [
    "CONFIGS",
    "DEFAULT_CONFIG",
    "LOOKUP_CONFIG",
    "ScriptConfig",
    "changed_chars",
    "fold_width",
    "lookup_form",
    "normalise",
    "signature",
    "to_simplified",
]


@dataclass(frozen=True, slots=True)
class ScriptConfig:
    """An entry of :data:`CONFIGS`: the OpenCC configuration (``None``: width folding only)
    and whether its phrases can change the length of a text."""

    opencc: str | None
    changes_length: bool = False


#: name -> script normalisation
CONFIGS: Mapping[str, ScriptConfig] = MappingProxyType(
    {
        "hk2s": ScriptConfig("hk2s"),
        "t2s": ScriptConfig("t2s"),
        "tw2s": ScriptConfig("tw2s"),
        "tw2sp": ScriptConfig("tw2sp", changes_length=True),
        "none": ScriptConfig(None),
    }
)

#: the configuration used unless another is named
DEFAULT_CONFIG = "hk2s"

#: the configuration of :func:`lookup_form`, fixed whatever the settings choose for matching
LOOKUP_CONFIG = "hk2s"

# Characters OpenCC cannot take: it encodes to UTF-8 (no lone surrogates) and stops at NUL.
_UNSAFE = re.compile("[\x00\ud800-\udfff]+")
# Characters no OpenCC phrase crosses; long texts are aligned piece by piece between them.
_ANCHORS = re.compile("[\n。，、；：！？]")
_PIECE = 4096


def _check(config: str) -> ScriptConfig:
    try:
        return CONFIGS[config]
    except KeyError:
        raise UnknownComponent("script config", config, list(CONFIGS)) from None


@functools.cache
def _converter(stem: str) -> opencc.OpenCC:
    import opencc

    return opencc.OpenCC(stem)


@functools.cache
def _width_table() -> dict[int, int]:
    table = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}  # ！..～ -> !..~
    table[0x3000] = 0x20  # ideographic space
    # half-width CJK punctuation -> the usual (full-width) forms
    table.update({0xFF61: 0x3002, 0xFF62: 0x300C, 0xFF63: 0x300D, 0xFF64: 0x3001})
    # full-width signs
    table.update(
        {
            0xFFE0: 0xA2,
            0xFFE1: 0xA3,
            0xFFE2: 0xAC,
            0xFFE3: 0xAF,
            0xFFE4: 0xA6,
            0xFFE5: 0xA5,
            0xFFE6: 0x20A9,
        }
    )
    return table


def fold_width(text: str) -> str:
    """Full-width ASCII forms to ASCII, the ideographic space to a space (length kept).

    >>> fold_width("ＡＢ１２，！？\u3000｡")
    'AB12,!? 。'
    """
    return text.translate(_width_table())


def signature(config: str = DEFAULT_CONFIG) -> str:
    """The settings signature of the normalisation.

    >>> signature()
    'opencc:hk2s'
    """
    _check(config)
    return f"opencc:{config}"


#: strings this short are converted once per process and remembered: words and names are
#: looked up again and again (a list of figures asks for the same few words thousands of
#: times), and OpenCC's call costs more than the lookup
_SHORT = 8


def _convert(stem: str | None, text: str) -> str:
    if stem is None or not text:
        return text
    if len(text) <= _SHORT:
        return _convert_short(stem, text)
    return _convert_text(stem, text)


@functools.lru_cache(maxsize=1 << 16)
def _convert_short(stem: str, text: str) -> str:
    return _convert_text(stem, text)


def _convert_text(stem: str, text: str) -> str:
    conv = _converter(stem)
    if _UNSAFE.search(text) is None:
        return str(conv.convert(text))
    parts: list[str] = []
    pos = 0
    for m in _UNSAFE.finditer(text):
        parts.append(str(conv.convert(text[pos : m.start()])))
        parts.append(m.group())
        pos = m.end()
    parts.append(str(conv.convert(text[pos:])))
    return "".join(parts)


def to_simplified(text: str, *, config: str = DEFAULT_CONFIG) -> str:
    """``text`` in simplified script (OpenCC ``config``); width and everything else kept.

    >>> to_simplified("日本朝鮮族回歸朝鮮開始於1959年")
    '日本朝鲜族回归朝鲜开始于1959年'
    """
    return _convert(_check(config).opencc, text)


def lookup_form(text: str) -> str:
    """``text`` as a dictionary looks it up (CC-CEDICT's headwords, the names table):
    simplified by :data:`LOOKUP_CONFIG`, length and width kept.

    Not the configured normalisation: a dictionary's headwords are in one fixed form, so a
    word is looked up the same way whatever the settings choose for matching (``tw2sp``
    would rewrite 文件 into 文档, ``none`` would not simplify at all).  ``hk2s`` rather than
    ``t2s``: on CC-CEDICT's 194,000 headwords in both scripts the two differ only on the
    seven Hong Kong variant characters ``t2s`` leaves alone (衞 枱 粧 敍 糭 衹 潀), which
    ``hk2s`` simplifies into headwords the dictionary has.

    >>> lookup_form("衞生"), lookup_form("衛生"), lookup_form("文件")
    ('卫生', '卫生', '文件')
    """
    return to_simplified(text, config=LOOKUP_CONFIG)


def changed_chars(stem: str, chars: Sequence[str]) -> frozenset[str]:
    """The characters of ``chars`` that the OpenCC conversion ``stem`` (any OpenCC
    configuration, ``s2t`` too) changes, each converted alone: one a line, since no
    dictionary phrase spans a line break.

    >>> sorted(changed_chars("t2s", ["國", "国", "日"])), sorted(changed_chars("s2t", ["國", "国"]))
    (['國'], ['国'])
    """
    chars = [c for c in chars if c != "\n" and _UNSAFE.match(c) is None]
    if not chars:
        return frozenset()
    out = str(_converter(stem).convert("\n".join(chars))).split("\n")
    return frozenset(c for c, o in zip(chars, out, strict=True) if o != c)


def normalise(text: str, *, config: str = DEFAULT_CONFIG) -> tuple[str, OffsetMap]:
    """The normalised view of ``text`` and the map from it back to ``text``.

    Simplified script (OpenCC ``config``, see :data:`CONFIGS`), half-width ASCII forms,
    ideographic space as space.  Case is kept.  Never raises on any ``str``.

    >>> normalise("ＡＢ　１２")
    ('AB 12', OffsetMap(starts=(0,), origins=(0,), length=5))
    """
    entry = _check(config)
    folded = fold_width(text)
    conv = _convert(entry.opencc, folded)
    if len(conv) == len(folded) and not entry.changes_length:
        return conv, OffsetMap.identity(len(conv))
    reference = _charwise(entry.opencc, folded)
    if conv == reference:
        return conv, OffsetMap.identity(len(conv))
    return conv, _Aligner(folded, conv, reference, entry.opencc).offsets()


def _charwise(stem: str | None, text: str) -> str:
    """``text`` with every character converted on its own (no phrases); length kept."""
    chars = sorted({c for c in text if not _UNSAFE.match(c) and c != "\n"})
    if stem is None or not chars:
        return text
    converted = str(_converter(stem).convert("\n".join(chars))).split("\n")
    if len(converted) != len(chars):
        return text
    table = {ord(c): x for c, x in zip(chars, converted, strict=True) if len(x) == 1 and x != c}
    return text.translate(table)


_WIDEN = 8  # how many characters (or blocks) a block may grow by, both sides together


class _Aligner:
    """Aligns a conversion with its input.

    Works on *cuts*: pairs (input position, output position) where both texts can be cut
    consistently.  Between two consecutive cuts lies either one equal character or a block
    that the conversion replaced.
    """

    def __init__(self, original: str, converted: str, reference: str, stem: str | None) -> None:
        self.original = original
        self.converted = converted
        self.reference = reference
        self.stem = stem

    def offsets(self) -> OffsetMap:
        runs = _Runs()
        for o0, o1, c0, c1 in self._pieces():
            if o1 - o0 == c1 - c0 and self.reference[o0:o1] == self.converted[c0:c1]:
                runs.add(o0, o1 - o0)
            else:
                self._piece(o0, o1, c0, c1, runs)
        return runs.build()

    def _pieces(self) -> list[tuple[int, int, int, int]]:
        """Pieces between anchor characters present in the same order on both sides."""
        ref, conv = self.reference, self.converted
        whole = [(0, len(ref), 0, len(conv))]
        if len(ref) <= _PIECE:
            return whole
        ref_cuts = [m.start() for m in _ANCHORS.finditer(ref)]
        conv_cuts = [m.start() for m in _ANCHORS.finditer(conv)]
        if len(ref_cuts) != len(conv_cuts) or any(
            ref[a] != conv[b] for a, b in zip(ref_cuts, conv_cuts, strict=True)
        ):
            return whole
        pieces: list[tuple[int, int, int, int]] = []
        ref_prev = conv_prev = 0
        for a, b in zip(ref_cuts, conv_cuts, strict=True):
            pieces.append((ref_prev, a + 1, conv_prev, b + 1))
            ref_prev, conv_prev = a + 1, b + 1
        pieces.append((ref_prev, len(ref), conv_prev, len(conv)))
        return pieces

    def _piece(self, o0: int, o1: int, c0: int, c1: int, runs: _Runs) -> None:
        from rapidfuzz.distance import Indel

        cut_o, cut_c, equal = [o0], [c0], []
        for op in Indel.opcodes(self.reference[o0:o1], self.converted[c0:c1]):
            if op.tag == "equal":
                for k in range(1, op.src_end - op.src_start + 1):
                    cut_o.append(o0 + op.src_start + k)
                    cut_c.append(c0 + op.dest_start + k)
                    equal.append(True)
            elif equal and not equal[-1]:  # extend the block just opened
                cut_o[-1], cut_c[-1] = o0 + op.src_end, c0 + op.dest_end
            else:
                cut_o.append(o0 + op.src_end)
                cut_c.append(c0 + op.dest_end)
                equal.append(False)
        self._widen(cut_o, cut_c, equal)
        limit = len(self.original)
        for i, is_equal in enumerate(equal):
            a, b, n = cut_o[i], cut_o[i + 1], cut_c[i + 1] - cut_c[i]
            if is_equal or b - a == n:
                runs.add(a, n)
                continue
            for p0, p1, q0, q1 in self._split(a, b, cut_c[i], cut_c[i + 1]):
                if p1 - p0 == q1 - q0:
                    runs.add(p0, q1 - q0)
                else:
                    _gap(p0, p1, q1 - q0, runs, limit)

    def _split(self, o0: int, o1: int, c0: int, c1: int) -> list[tuple[int, int, int, int]]:
        """A converting block cut into the smallest blocks that convert on their own
        (記憶體裝置 -> 内存设备 is 記憶體 -> 内存 and 裝置 -> 设备)."""
        blocks: list[tuple[int, int, int, int]] = []
        start, c_start = o0, c0
        p = start + 1
        while p < o1:
            head = _convert(self.stem, self.original[start:p])
            q = c_start + len(head)
            if (
                c_start < q < c1
                and self.converted[c_start:q] == head
                and self._converts(p, o1, q, c1)
            ):
                blocks.append((start, p, c_start, q))
                start, c_start = p, q
            p += 1
        blocks.append((start, o1, c_start, c1))
        return blocks

    def _converts(self, o0: int, o1: int, c0: int, c1: int) -> bool:
        return _convert(self.stem, self.original[o0:o1]) == self.converted[c0:c1]

    def _widen(self, cut_o: list[int], cut_c: list[int], equal: list[bool]) -> None:
        """Grow every block that OpenCC does not convert on its own until it does."""
        i = 0
        while i < len(equal):
            if equal[i] or self._converts(cut_o[i], cut_o[i + 1], cut_c[i], cut_c[i + 1]):
                i += 1
                continue
            found = None
            for total in range(1, _WIDEN + 1):
                for left in range(total + 1):
                    lo, hi = i - left, i + 1 + total - left
                    if (
                        lo >= 0
                        and hi < len(cut_o)
                        and self._converts(cut_o[lo], cut_o[hi], cut_c[lo], cut_c[hi])
                    ):
                        found = lo, hi
                        break
                if found:
                    break
            if found is None:
                i += 1
                continue
            lo, hi = found
            del cut_o[lo + 1 : hi], cut_c[lo + 1 : hi], equal[lo + 1 : hi]
            equal[lo] = False
            i = lo + 1


class _Runs:
    """Accumulates an :class:`OffsetMap` character block by character block."""

    __slots__ = ("length", "origins", "starts")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.origins: list[int] = []
        self.length = 0

    def add(self, origin: int, n: int = 1) -> None:
        if n <= 0:
            return
        if not (self.starts and self.origins[-1] + (self.length - self.starts[-1]) == origin):
            self.starts.append(self.length)
            self.origins.append(origin)
        self.length += n

    def build(self) -> OffsetMap:
        return OffsetMap(starts=tuple(self.starts), origins=tuple(self.origins), length=self.length)


def _gap(orig_start: int, orig_end: int, n: int, runs: _Runs, limit: int) -> None:
    """Map ``n`` converted characters onto the original block ``[orig_start, orig_end)``."""
    if n <= 0:
        return
    width = orig_end - orig_start
    if width == 0:  # pure insertion: stands for the character before it
        at = min(max(orig_start - 1, 0), max(limit - 1, 0))
        for _ in range(n):
            runs.add(at)
        return
    for i in range(n):
        runs.add(orig_end - 1 if 0 < i == n - 1 else orig_start + (i * width) // n)
