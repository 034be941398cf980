"""Units of measurement: each unit key converted to the one base unit of its dimension.

The table is package data (``data/measures.tsv``), read once on first use: a unit key (the
``unit`` that ``units.tsv`` gives a surface of kind ``measure``) -> its dimension, its base unit
and the factor (and offset) to it, so ``12.5公里``, ``12.5 km`` and ``7.8 mi`` all come out in
metres.  Units of uneven length (a month is 28 to 31 days) have a lower and an upper factor.
Scales that do not convert (earthquake magnitudes) have no base: they compare only with the
same scale, whose name is part of their unit (``magnitude-Mw``).

>>> to_base("km", 12.5, 12.5)
('m', 12500.0, 12500.0)
>>> to_base("months", 3, 3)
('d', 84.0, 93.0)
>>> to_base("degF", 212, 212)[1:] == to_base("degC", 100, 100)[1:]
True
>>> dimension("magnitude-Mw"), to_base("magnitude-Mw", 6.9, 6.9)
('magnitude', ('magnitude-Mw', 6.9, 6.9))
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import UnitsFileError

__all__ = ["Measure", "dimension", "measures", "to_base"]

_PATH = "sourcecompare/data/measures.tsv"


@dataclass(frozen=True, slots=True)
class Measure:
    """One row of the table: ``base = value * factor + offset`` (``high_factor`` for the upper
    end of units of uneven length); ``base`` is ``"-"`` for a scale that does not convert."""

    unit: str
    dimension: str
    base: str
    factor: float
    offset: float = 0.0
    high_factor: float | None = None


def _parse(text: str) -> dict[str, Measure]:
    rows: dict[str, Measure] = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        try:
            unit, dim, base, factor = cols[:4]
            offset = float(cols[4]) if len(cols) > 4 and cols[4] else 0.0
            high = float(cols[5]) if len(cols) > 5 and cols[5] else None
            rows[unit] = Measure(unit, dim, base, float(factor), offset, high)
        except ValueError as exc:
            raise UnitsFileError(
                f"{_PATH}:{lineno}: expected 'unit, dimension, base, factor[, offset, high]'"
            ) from exc
    return rows


@lru_cache(maxsize=1)
def measures() -> dict[str, Measure]:
    """The bundled table, read once."""
    source = resources.files("sourcecompare") / "data" / "measures.tsv"
    return _parse(source.read_text(encoding="utf-8"))


def dimension(unit: str) -> str:
    """The dimension of a unit key (``length``, ``duration``...); ``""`` if it is no measure."""
    row = measures().get(unit)
    return row.dimension if row else ""


def to_base(
    unit: str, low: float | None, high: float | None
) -> tuple[str, float | None, float | None]:
    """``(base unit, low, high)`` of an interval in ``unit``; a scale without a base keeps its
    unit and values."""
    row = measures()[unit]
    if row.base == "-":
        return unit, low, high
    high_factor = row.high_factor if row.high_factor is not None else row.factor

    def conv(x: float | None, f: float) -> float | None:
        return None if x is None else float(f"{x * f + row.offset:.9g}")

    return row.base, conv(low, row.factor), conv(high, high_factor)
