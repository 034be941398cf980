"""What a figure counts: classifiers and nouns mapped to language-neutral unit keys.

The table is package data (``data/units.tsv``), read once on first use.  Chinese surfaces are
simplified (extraction runs on the normalised text); English ones match case-insensitively.

>>> table().match("zh", "名成员在1970年")
Unit(language='zh', surface='名', unit='person', kind='count')
>>> table().match("zh", "个国家") is None, table().match("zh", "国家").unit
(True, 'country')
>>> table().match_words("en", ["prisoners", "of", "war", "from"])
(Unit(language='en', surface='prisoners of war', unit='person', kind='count'), 3)
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import UnitsFileError

__all__ = ["KINDS", "Unit", "UnitTable", "UnitsFileError", "subunits", "table"]

#: the kinds of row: ``classifier`` is a general classifier (枚, 颗) that does not say what it
#: counts; the counted noun after it does
KINDS = ("count", "money", "measure", "classifier")
_PATH = "sourcecompare/data/units.tsv"
_SUBUNITS_PATH = "sourcecompare/data/subunits.tsv"


@dataclass(frozen=True, slots=True)
class Unit:
    """One row of the table."""

    language: str
    surface: str
    unit: str
    kind: str


class UnitTable:
    """Lookup of the longest classifier or noun at a place in a text."""

    __slots__ = ("_en", "_en_words", "_zh", "_zh_len")

    def __init__(self, rows: Sequence[Unit]) -> None:
        self._zh = {r.surface: r for r in rows if r.language == "zh"}
        self._en = {r.surface.casefold(): r for r in rows if r.language == "en"}
        self._zh_len = max((len(s) for s in self._zh), default=0)
        self._en_words = max((len(s.split()) for s in self._en), default=0)

    def match(self, language: str, text: str) -> Unit | None:
        """The longest Chinese surface that ``text`` starts with (``language`` is ``zh``)."""
        if language != "zh":
            return self._en.get(text.casefold())
        for n in range(min(self._zh_len, len(text)), 0, -1):
            row = self._zh.get(text[:n])
            if row is not None:
                return row
        return None

    def match_words(self, language: str, words: Sequence[str]) -> tuple[Unit | None, int]:
        """The longest English surface made of the first words of ``words``, and its length
        in words (``(None, 0)`` when none is)."""
        for n in range(min(self._en_words, len(words)), 0, -1):
            row = self._en.get(" ".join(words[:n]).casefold())
            if row is not None:
                return row, n
        return None, 0


def _parse(text: str) -> list[Unit]:
    rows = []
    reader = csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    seen: dict[tuple[str, str], str] = {}
    for lineno, row in enumerate(reader, start=1):
        if not row or not "".join(row).strip() or row[0].startswith("#"):
            continue
        if len(row) < 4 or row[0] not in ("zh", "en") or row[3] not in KINDS:
            raise UnitsFileError(
                f"{_PATH}:{lineno}: expected 'zh|en, surface, unit, {'|'.join(KINDS)}'"
            )
        key = (row[0], row[1] if row[0] == "zh" else row[1].casefold())
        if seen.get(key, row[2]) != row[2]:
            raise UnitsFileError(f"{_PATH}:{lineno}: {row[1]!r} given two units")
        seen[key] = row[2]
        rows.append(Unit(row[0], row[1], row[2], row[3]))
    return rows


@lru_cache(maxsize=1)
def table() -> UnitTable:
    """The bundled table, read once."""
    source = resources.files("sourcecompare") / "data" / "units.tsv"
    return UnitTable(_parse(source.read_text(encoding="utf-8")))


def _parse_subunits(text: str) -> dict[str, tuple[str, float]]:
    rows: dict[str, tuple[str, float]] = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        try:
            subunit, currency, factor = cols[:3]
            rows[subunit] = (currency, float(factor))
        except ValueError as exc:
            raise UnitsFileError(
                f"{_SUBUNITS_PATH}:{lineno}: expected 'subunit, currency, factor'"
            ) from exc
    return rows


@lru_cache(maxsize=1)
def subunits() -> dict[str, tuple[str, float]]:
    """Coins of a currency's subunit (``data/subunits.tsv``): money unit key -> (currency,
    factor), read once.

    >>> subunits()["lipa"]
    ('HRK', 0.01)
    """
    source = resources.files("sourcecompare") / "data" / "subunits.tsv"
    return _parse_subunits(source.read_text(encoding="utf-8"))
