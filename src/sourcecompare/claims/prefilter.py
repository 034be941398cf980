"""Literals a pattern cannot match without: a pattern whose literals are all absent from a
text is not run on it.

Most of the extractors' patterns find nothing in most paragraphs (a percentage needs ``%``,
``percent`` or ``百分``; a date in words a month's name), yet running one costs a pass over
the paragraph that tries to match at every digit.  :func:`needs` reads a compiled pattern's
parse tree once and returns the set of literal strings one of which every match contains
(or ``None`` when it cannot say), so :meth:`Text.may_match` answers with a few substring
tests, which are far cheaper than the pass.  It is a pure speed-up: a pattern it cannot
read has no prefilter and is always run, and a test holds it to the plain run of every
pattern (``tests/test_claims_prefilter.py``).

The rules, for a sequence of pattern items: a run of literal characters is one literal; a
small character class of literal characters gives each of them; a group, a repeat taken at
least once, an atomic group and a lookaround give what their body gives; an alternation gives
the union of what each branch gives (none, if one branch gives nothing).  Of the sequence's
candidate sets, the one whose shortest literal is longest is taken.

Under ``IGNORECASE`` a literal is compared with the text lowercased, after the few non-ASCII
characters that Python's matcher takes for an ASCII letter (``K`` Kelvin sign, ``ſ``,
``İ``, ``ı``) are turned into it; a cased non-ASCII character ends a literal run there.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ASCII_FOLDS", "Needs", "Text", "needs"]

log = logging.getLogger(__name__)

#: non-ASCII characters that ``re.IGNORECASE`` matches with an ASCII letter, and that letter
#: (a test checks the list against every code point)
ASCII_FOLDS = {"\u212a": "k", "\u017f": "s", "\u0130": "i", "\u0131": "i"}
_FOLD_TABLE = str.maketrans(ASCII_FOLDS)
#: a class of more characters than this gives no literals (it hardly narrows anything)
_MAX_CLASS = 12
#: a set of more literals than this is not worth testing one by one
_MAX_LITERALS = 48


@dataclass(frozen=True, slots=True)
class Needs:
    """Every match of the pattern contains one of ``literals`` (lowercased when ``fold``)."""

    literals: frozenset[str]
    fold: bool


@dataclass(slots=True)
class Text:
    """A text and its answers, remembered: may a pattern match in it?"""

    text: str
    _folded: str | None = None
    _seen: dict[int, bool] = field(default_factory=dict)  # by id of a pattern kept alive

    def may_match(self, pattern: re.Pattern[str]) -> bool:
        """False only when no match of ``pattern`` can be in the text (or any masked copy of
        it, whose characters are the text's or NUL)."""
        held = self._seen.get(id(pattern))  # a pattern's own hash reads its whole program
        if held is None:
            need = needs(pattern)
            if need is None:
                held = True
            else:
                hay = self.folded if need.fold else self.text
                held = any(lit in hay for lit in need.literals)
            self._seen[id(pattern)] = held
        return held

    @property
    def folded(self) -> str:
        if self._folded is None:
            self._folded = self.text.translate(_FOLD_TABLE).lower()
        return self._folded


#: id of a pattern -> the pattern (kept alive, so its id stays its own) and what it needs
_READ: dict[int, tuple[re.Pattern[str], Needs | None]] = {}


def needs(pattern: re.Pattern[str]) -> Needs | None:
    """The literals every match of ``pattern`` contains one of, or ``None`` if unknown (read
    once per pattern, and the pattern kept: meant for the extractors' module constants)."""
    held = _READ.get(id(pattern))
    if held is None or held[0] is not pattern:
        held = _READ[id(pattern)] = pattern, _needs(pattern)
    return held[1]


def _needs(pattern: re.Pattern[str]) -> Needs | None:
    if not isinstance(pattern.pattern, str):
        return None
    fold = bool(pattern.flags & re.IGNORECASE)
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        tree = _parser.parse(pattern.pattern, pattern.flags)
        reader = _Reader(c, fold)
        found = reader.sequence(tree)
        if reader.fold_needed:  # a group turns IGNORECASE on: every literal compared folded
            fold = True
            found = _Reader(c, fold).sequence(tree)
    except (AttributeError, ImportError, TypeError, ValueError, re.error) as err:
        log.debug("no prefilter for %r: %s", pattern.pattern[:60], err)
        return None
    if not found or len(found) > _MAX_LITERALS or "" in found:
        return None
    return Needs(frozenset(found), fold)


def _caseless(ch: str) -> bool:
    return ch.lower() == ch == ch.upper()


class _Reader:
    """Reads a parse tree of :mod:`re` (its private ``_parser``; anything it does not know
    gives no literals).  With ``fold``, literals are lowercased (a folded text is searched)
    and a cased non-ASCII character is not taken into one."""

    def __init__(self, constants: Any, fold: bool) -> None:
        self.c = constants
        self.fold = fold
        self.fold_needed = False  # read unfolded, a group turned IGNORECASE on: read again

    def _char(self, ch: str) -> str | None:
        if not self.fold:
            return ch
        if ch.isascii():
            return ch.lower()
        return ch if _caseless(ch) else None

    def sequence(self, items: Iterable[tuple[Any, Any]]) -> set[str] | None:
        c = self.c
        candidates: list[set[str]] = []
        run: list[str] = []

        def close() -> None:
            if run:
                candidates.append({"".join(run)})
                run.clear()

        for op, av in items:
            if op is c.LITERAL:
                ch = self._char(chr(av))
                if ch is None:
                    close()
                else:
                    run.append(ch)
                continue
            close()
            got = self.item(op, av)
            if got:
                candidates.append(got)
        close()
        if not candidates:
            return None
        return max(candidates, key=lambda s: (min(len(x) for x in s), -len(s)))

    def item(self, op: Any, av: Any) -> set[str] | None:
        c = self.c
        if op is c.SUBPATTERN:
            _group, add, _remove, body = av
            if add & re.IGNORECASE and not self.fold:
                self.fold_needed = True
            return self.sequence(body)  # a group that drops IGNORECASE: folded is wider, safe
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            low, _high, body = av
            return self.sequence(body) if low >= 1 else None
        if op is getattr(c, "ATOMIC_GROUP", None):
            return self.sequence(av)
        if op is c.ASSERT:
            _direction, body = av
            return self.sequence(body)
        if op is c.BRANCH:
            _, branches = av
            union: set[str] = set()
            for branch in branches:
                got = self.sequence(branch)
                if not got:
                    return None
                union |= got
            return union
        if op is c.IN:
            return self.char_class(av)
        return None  # ANY, AT, CATEGORY, NOT_LITERAL, GROUPREF, ASSERT_NOT, ...: nothing sure

    def char_class(self, items: list[tuple[Any, Any]]) -> set[str] | None:
        c = self.c
        chars: set[str] = set()
        for op, av in items:
            if op is c.LITERAL:
                chars.add(chr(av))
            elif op is c.RANGE and av[1] - av[0] < _MAX_CLASS:
                chars.update(chr(x) for x in range(av[0], av[1] + 1))
            else:
                return None  # NEGATE, CATEGORY, a wide range, ...
            if len(chars) > _MAX_CLASS:
                return None
        taken = {self._char(ch) for ch in chars}
        return None if None in taken else {ch for ch in taken if ch is not None}
