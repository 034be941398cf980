"""Assemble a paragraph's text from pieces of the raw text, keeping an offset map.

Readers never build strings by hand: they feed a :class:`TextBuilder` slices of the raw text
(``take``) and, where they must, a synthetic character standing for a raw one (``put``,
e.g. one space for a line break).  The result is a text and an :class:`OffsetMap` that sends
every character back to the raw text.

>>> raw = "North\\nKorea.28 6,836"
>>> b = TextBuilder()
>>> b.take(raw, 0, 5); b.put(" ", 5); b.take(raw, 6, 12); b.take(raw, 14, 20)
>>> text, offsets = b.build()
>>> text
'North Korea. 6,836'
>>> raw[offsets[13]:offsets[17] + 1]
'6,836'
"""

from __future__ import annotations

from ..model import OffsetMap

__all__ = ["TextBuilder", "collapse_whitespace"]


class TextBuilder:
    """Accumulates text with the raw position of each run."""

    __slots__ = ("_length", "_origins", "_parts", "_starts")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._starts: list[int] = []
        self._origins: list[int] = []
        self._length = 0

    def __len__(self) -> int:
        return self._length

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def _run(self, origin: int, n: int) -> None:
        if n <= 0:
            return
        if self._starts and self._origins[-1] + (self._length - self._starts[-1]) == origin:
            pass  # contiguous with the previous run
        else:
            self._starts.append(self._length)
            self._origins.append(origin)
        self._length += n

    def take(self, raw: str, start: int, end: int) -> None:
        """Append ``raw[start:end]`` verbatim."""
        if end > start:
            self._parts.append(raw[start:end])
            self._run(start, end - start)

    def put(self, text: str, origin: int) -> None:
        """Append synthetic ``text`` whose every character stands for ``raw[origin]``."""
        for ch in text:
            self._parts.append(ch)
            self._starts.append(self._length)
            self._origins.append(origin)
            self._length += 1

    def drop_last(self) -> None:
        """Remove the last character appended (a hyphen at a line end, say).

        >>> b = TextBuilder()
        >>> b.take("resettle-", 0, 9); b.drop_last(); b.take("ment", 0, 4)
        >>> b.build()[0]
        'resettlement'
        """
        if not self._length:
            return
        last = self._parts[-1]
        if len(last) == 1:
            self._parts.pop()
        else:
            self._parts[-1] = last[:-1]
        self._length -= 1
        if self._starts[-1] == self._length:  # the last run is now empty
            self._starts.pop()
            self._origins.pop()

    def ends_with_space(self) -> bool:
        return bool(self._parts) and self._parts[-1][-1:].isspace()

    def build(self) -> tuple[str, OffsetMap]:
        return self.text, OffsetMap(
            starts=tuple(self._starts), origins=tuple(self._origins), length=self._length
        )

    def strip(self) -> tuple[str, OffsetMap]:
        """The built text with leading and trailing whitespace removed, map adjusted."""
        text, offsets = self.build()
        left = len(text) - len(text.lstrip())
        right = len(text.rstrip())
        return cut(text, offsets, left, right)


def cut(text: str, offsets: OffsetMap, start: int, end: int) -> tuple[str, OffsetMap]:
    """``text[start:end]`` with its offset map."""
    b = TextBuilder()
    for k, s in enumerate(offsets.starts):
        e = offsets.starts[k + 1] if k + 1 < len(offsets.starts) else offsets.length
        lo, hi = max(s, start), min(e, end)
        if lo < hi:
            b._parts.append(text[lo:hi])
            b._run(offsets.origins[k] + (lo - s), hi - lo)
    return b.build()


def collapse_whitespace(raw: str, start: int, end: int, builder: TextBuilder) -> None:
    """Append ``raw[start:end]`` with each run of whitespace folded into one space.

    The space stands for the first whitespace character of the run.  Leading whitespace is
    dropped when the builder is empty or already ends with a space.
    """
    i = start
    while i < end:
        j = i
        while j < end and not raw[j].isspace():
            j += 1
        builder.take(raw, i, j)
        if j >= end:
            break
        k = j
        while k < end and raw[k].isspace():
            k += 1
        if len(builder) and not builder.ends_with_space():
            if k - j == 1 and raw[j] == " ":
                builder.take(raw, j, k)
            else:
                builder.put(" ", j)
        i = k
