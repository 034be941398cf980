"""Table and infobox rows: ``Fatalities: 229``, ``死亡 0``, ``乘客122 (包括劫機者)``.

A line that is a key and one figure is a row: the figure's counted attribute is the key
(``Claim.row_key``), its counted noun the key's unit when the figure has none (``乘客`` and
``Passengers`` are ``person``), and a parenthesised scope after it is kept as the claim's note
(``包括劫機者``: including hijackers).  A key is joined to its figure by a colon anywhere; by a
space, or nothing at all, only in infobox and list paragraphs, where a line is one row.

>>> from .scanner import Found
>>> from .quantities import Kind, Qualifier
>>> f = Found(Kind.COUNT, 122.0, 122.0, 122.0, Qualifier.EXACT, 2, 5)
>>> mark("乘客122 (包括劫机者)", [f], "zh", table=True)
>>> f.row_key, f.note, f.unit
('乘客', '包括劫机者', 'person')
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .quantities import NOT_QUANTITIES
from .scanner import Found
from .units import table as unit_table

__all__ = ["mark"]

_LINE = re.compile(r"[^\n]+")
#: key, separator, rest of the line (the figure and an optional scope)
_ROW = re.compile(
    r"^[ \t]*(?P<key>[A-Za-z\u3400-\u9fff][A-Za-z\u3400-\u9fff .'’/&-]{0,40}?)[ \t]*"
    r"(?P<sep>[:：]|[ \t]+|(?<=[\u3400-\u9fff])(?=[\d零〇一二两三四五六七八九十百千万]))[ \t]*"
    r"(?P<rest>\S.*?)[ \t]*$"
)
_SCOPE = re.compile(r"\s*[(（](?P<scope>[^()（）\n]{1,80})[)）]\s*$")


def mark(text: str, found: Sequence[Found], language: str, *, table: bool) -> None:
    """Set the row key (and unit and scope note) of each figure that is a row's one figure."""
    for line in _LINE.finditer(text):
        m = _ROW.match(line.group())
        if m is None or (not table and m.group("sep") not in (":", "：")):
            continue
        base = line.start()
        rest_start = base + m.start("rest")
        inside = [f for f in found if base <= f.start and f.end <= line.end()]
        figures = [f for f in inside if f.kind not in NOT_QUANTITIES]
        if len(figures) != 1 or figures[0].start != rest_start:
            continue
        figure = figures[0]
        scope = _SCOPE.match(text, figure.end, line.end())
        if scope is None and text[figure.end : line.end()].strip():
            continue  # more than a figure: a sentence, not a row
        key = m.group("key").strip()
        figure.row_key = key
        if scope is not None:
            figure.note = scope.group("scope").strip()
        if not figure.unit:
            figure.unit = _key_unit(key, language)
            figure.anaphoric = False


def _key_unit(key: str, language: str) -> str:
    table = unit_table()
    if language == "zh":
        row = table.match("zh", key)
        if row is None or row.kind == "classifier" or len(row.surface) != len(key):
            return ""
        return row.unit
    words = key.split()
    for k in range(len(words)):  # the head is the last noun: "Number of passengers"
        row, n = table.match_words("en", words[k:])
        if row is not None and k + n == len(words):
            return row.unit
    return ""
