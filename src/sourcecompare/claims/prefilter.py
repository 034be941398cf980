"""Literals a pattern cannot match without: a pattern whose needs a text does not meet is
not run on it.

Most of the extractors' patterns find nothing in most paragraphs (a percentage needs ``%``,
``percent`` or ``百分``; a date in words a month's name; most figures a digit), yet running
one costs a pass over the paragraph that tries to match at every position.  :func:`needs`
reads a compiled pattern's parse tree once and returns what every match must contain: one or
more sets, each of literal strings (or any digit, ``\\d``), every match holding one member of
each set (or ``None`` when it cannot say), so :meth:`Text.may_match` answers far more
cheaply than the pass.  Which literals a text holds is found once per text, for every
pattern's literals at once, by an Aho-Corasick automaton (``pyahocorasick``; one for the text
as written, one for it folded; a literal of one character is looked up among the text's
characters instead, so that every ``e`` is not a hit), and a pattern's answer is then a few
bit tests; a test holds that to a substring test of every literal (:meth:`Text.meets_plainly`).
It is a pure speed-up: a pattern it cannot read has no prefilter and is always run, and a test
holds it to the plain run of every pattern (``tests/test_claims_prefilter.py``).

The rules, for a sequence of pattern items (each of which a match must hold): a run of
literal characters is one literal; a small character class of literal characters gives each
of them, ``\\d`` any digit; a group, a repeat taken at least once, an atomic group and a
lookaround give what their body gives; an alternation gives the union of the best set of
each branch (nothing, if one branch gives nothing), and any digit when every branch needs
one.  The most telling sets are kept: those whose shortest literal is longest, and any digit
when a match needs one (the cheapest test, and the one most paragraphs of prose fail).

Under ``IGNORECASE`` a literal is compared with the text lowercased, after the few non-ASCII
characters that Python's matcher takes for an ASCII letter (``K`` Kelvin sign, ``ſ``,
``İ``, ``ı``) are turned into it; a cased non-ASCII character ends a literal run there.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ASCII_FOLDS", "AnyOf", "Needs", "Text", "needs"]

log = logging.getLogger(__name__)

#: non-ASCII characters that ``re.IGNORECASE`` matches with an ASCII letter, and that letter
#: (a test checks the list against every code point)
ASCII_FOLDS = {"\u212a": "k", "\u017f": "s", "\u0130": "i", "\u0131": "i"}
_FOLD_TABLE = str.maketrans(ASCII_FOLDS)
#: a class of more characters than this gives no literals (it hardly narrows anything)
_MAX_CLASS = 40
#: a set of more literals than this is not worth testing one by one
_MAX_LITERALS = 48
#: the sets of a pattern's needs that are tested (the most telling first)
_MAX_SETS = 3
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class AnyOf:
    """One of ``literals`` (lowercased when the needs ``fold``), or with ``digit`` any
    character ``\\d`` matches."""

    literals: frozenset[str]
    digit: bool = False


@dataclass(frozen=True, slots=True)
class Needs:
    """Every match of the pattern holds one member of each of ``sets``."""

    sets: tuple[AnyOf, ...]
    fold: bool


@dataclass(slots=True)
class Text:
    """A text and its answers, remembered: may a pattern match in it?"""

    text: str
    _folded: str | None = None
    _digit: bool | None = None
    _seen: dict[int, bool] = field(default_factory=dict)  # by id of a pattern kept alive
    #: per view (folded or not): the literals found in it (their bits), and how many of the
    #: numbered literals the automaton that found them knew
    _present: dict[bool, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str) -> Text:
        """The :class:`Text` of ``text``: the last one made, when it was made of this very
        string (several passes over one text share its answers)."""
        last = _LAST[0]
        if last is None or last.text is not text:
            last = _LAST[0] = cls(text)
        return last

    def may_match(self, pattern: re.Pattern[str]) -> bool:
        """False only when no match of ``pattern`` can be in the text (or any masked copy of
        it, whose characters are the text's or NUL).  Asked thousands of times a document
        (every pattern of every paragraph): the bit tests are written out here."""
        key = id(pattern)  # a pattern's own hash reads its whole program
        held = self._seen.get(key)
        if held is not None:
            return held
        _pattern, need, sets, every = _read(pattern)
        if need is None:
            held = True
        else:
            found, known = self._found(need.fold)
            if every >> known:  # a literal numbered after this text was searched
                held = self.meets_plainly(need)
            else:
                held = True
                for mask, digit in sets:
                    if not (mask & found or (digit and self.has_digit)):
                        held = False
                        break
        self._seen[key] = held
        return held

    def meets_plainly(self, need: Needs) -> bool:
        """Whether the text meets ``need``, by a substring test for each literal (the plain
        form the automaton is held to)."""
        return all(self._meets(one, need.fold) for one in need.sets)

    def _found(self, fold: bool) -> tuple[int, int]:
        held = self._present.get(fold)
        if held is None:
            automaton, singles, known = _LITERALS.view(fold)
            hay = self.folded if fold else self.text
            found = 0
            for char in set(hay).intersection(singles):
                found |= singles[char]
            if automaton is not None:
                for bit in {bit for _end, bit in automaton.iter(hay)}:
                    found |= bit
            held = self._present[fold] = found, known
        return held

    def _meets(self, one: AnyOf, fold: bool) -> bool:
        if one.digit and self.has_digit:
            return True
        hay = self.folded if fold else self.text
        return any(lit in hay for lit in one.literals)

    @property
    def folded(self) -> str:
        if self._folded is None:
            self._folded = self.text.translate(_FOLD_TABLE).lower()
        return self._folded

    @property
    def has_digit(self) -> bool:
        if self._digit is None:
            self._digit = _DIGIT.search(self.text) is not None
        return self._digit


class _Literals:
    """Every literal of the needs read so far, each numbered (its bit), and for each view of
    a text (as written, folded) an Aho-Corasick automaton (``pyahocorasick``) that finds in
    one pass which of them a text holds, instead of one substring test per literal (the
    literals of one character are looked up among the text's characters instead).  An
    automaton is built again, knowing every literal, when a text is first searched after
    more were numbered; a pattern with a literal numbered after its text was searched is
    tested plainly (:meth:`Text.meets_plainly`)."""

    def __init__(self) -> None:
        self.number: dict[tuple[bool, str], int] = {}
        self._built: dict[bool, tuple[Any, dict[str, int], int]] = {}
        self._lock = threading.Lock()  # a literal numbered twice would lose its bit

    def mask(self, fold: bool, literals: Iterable[str]) -> int:
        mask = 0
        with self._lock:
            for literal in literals:
                n = self.number.get((fold, literal))
                if n is None:
                    n = self.number[fold, literal] = len(self.number)
                mask |= 1 << n
        return mask

    def view(self, fold: bool) -> tuple[Any, dict[str, int], int]:
        """For one view: the automaton of its literals of two or more characters (``None``
        when it has none yet), its literals of one character each with its bit (a text's
        characters are looked up there, once each, rather than every ``e`` or space being a
        hit of the automaton), and how many literals were numbered when these were built."""
        held = self._built.get(fold)
        if held is None or held[2] < len(self.number):
            import ahocorasick

            with self._lock:
                known = len(self.number)
                automaton = ahocorasick.Automaton()
                singles: dict[str, int] = {}
                for (view, literal), n in self.number.items():
                    if view is not fold:
                        continue
                    if len(literal) == 1:
                        singles[literal] = 1 << n
                    else:
                        automaton.add_word(literal, 1 << n)
            if len(automaton):
                automaton.make_automaton()
            held = (automaton if len(automaton) else None), singles, known
            self._built[fold] = held
        return held


_LITERALS = _Literals()


#: the last :meth:`Text.of`
_LAST: list[Text | None] = [None]

#: a pattern read (:func:`_read`): the pattern itself, what it needs, the bits and the digit
#: flag of each set of its needs, and the bits of them all
_Read = tuple[re.Pattern[str], Needs | None, tuple[tuple[int, bool], ...], int]
#: id of a pattern -> the pattern read (the pattern kept alive, so its id stays its own)
_READ: dict[int, _Read] = {}


def needs(pattern: re.Pattern[str]) -> Needs | None:
    """The literals every match of ``pattern`` contains one of, or ``None`` if unknown (read
    once per pattern, and the pattern kept: meant for the extractors' module constants; the
    reading kept in the resource cache too, :mod:`.readings`)."""
    return _read(pattern)[1]


def _read(pattern: re.Pattern[str]) -> _Read:
    """``pattern``'s needs and their literals' bits (:class:`_Literals`), worked out once; a
    set holding the empty literal, which every text holds, gets no bits and is left out."""
    held = _READ.get(id(pattern))
    if held is None or held[0] is not pattern:
        need = _cached_needs(pattern)
        sets = () if need is None else tuple(
            (_LITERALS.mask(need.fold, one.literals), one.digit)
            for one in need.sets
            if "" not in one.literals
        )  # fmt: skip
        every = 0
        for mask, _digit in sets:
            every |= mask
        held = _READ[id(pattern)] = pattern, need, sets, every
    return held


def _cached_needs(pattern: re.Pattern[str]) -> Needs | None:
    """:func:`_needs`, kept in the resource cache (:mod:`.readings`) for a pattern of text."""
    if not isinstance(pattern.pattern, str):
        return None
    from .readings import read

    return read("needs", pattern, _needs, _needs_data, _needs_of)


def _needs_data(need: Needs | None) -> Any:
    if need is None:
        return None
    return need.fold, tuple((one.literals, one.digit) for one in need.sets)


def _needs_of(data: Any) -> Needs | None:
    if data is None:
        return None
    fold, sets = data
    return Needs(tuple(AnyOf(frozenset(literals), digit) for literals, digit in sets), fold)


def _needs(pattern: re.Pattern[str]) -> Needs | None:
    if not isinstance(pattern.pattern, str):
        return None
    fold = bool(pattern.flags & re.IGNORECASE)
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        from .wordlist import as_plain

        # a word list written as a trie is read as its plain alternation (the same strings),
        # whose words tell more than the trie's first letters
        tree = _parser.parse(as_plain(pattern.pattern), pattern.flags)
        reader = _Reader(c, fold)
        found = reader.sequence(tree)
        if reader.fold_needed:  # a group turns IGNORECASE on: every literal compared folded
            fold = True
            found = _Reader(c, fold).sequence(tree)
    except (AttributeError, ImportError, TypeError, ValueError, RecursionError, re.error) as err:
        log.debug("no prefilter for %r: %s", pattern.pattern[:60], err)
        return None
    sets = sorted(
        {one for one in found if one.literals or one.digit},
        key=lambda one: (-_telling(one), len(one.literals), sorted(one.literals)),
    )[:_MAX_SETS]
    if _DIGIT_ONLY not in sets and any(_holds_digit(one) for one in found):
        sets.append(_DIGIT_ONLY)  # the cheapest test, and the one most texts fail
    return Needs(tuple(sets), fold) if sets else None


#: any digit: what a set whose every member holds one (``1|20``, ``\d``) comes to
_DIGIT_ONLY = AnyOf(frozenset(), digit=True)


def _holds_digit(one: AnyOf) -> bool:
    """Whether every member of ``one`` holds a digit (so a text without one meets none)."""
    if not (one.digit or one.literals):
        return False
    return all(_DIGIT.search(x) for x in one.literals)


def _telling(one: AnyOf) -> int:
    """How narrow a set is: the length of its shortest literal (any digit counts as one
    character, and a very common one)."""
    shortest = min((len(x) for x in one.literals), default=1)
    return 0 if one.digit else shortest


def _caseless(ch: str) -> bool:
    return ch.lower() == ch == ch.upper()


class _Reader:
    """Reads a parse tree of :mod:`re` (its private ``_parser``; anything it does not know
    gives no literals).  With ``fold``, literals are lowercased (a folded text is searched)
    and a cased non-ASCII character is not taken into one."""

    def __init__(self, constants: Any, fold: bool) -> None:
        from .exclusions import MASK  # (exclusions runs its passes through this module)

        self.c = constants
        self.fold = fold
        self.fold_needed = False  # read unfolded, a group turned IGNORECASE on: read again
        self.mask = MASK

    def _char(self, ch: str) -> str | None:
        if ch == self.mask:
            return None  # a masked copy holds NUL where the text does not: never needed
        if not self.fold:
            return ch
        if ch.isascii():
            return ch.lower()
        return ch if _caseless(ch) else None

    def sequence(self, items: Iterable[tuple[Any, Any]]) -> list[AnyOf]:
        """Every set a match of the sequence must hold a member of."""
        c = self.c
        found: list[AnyOf] = []
        run: list[str] = []

        def close() -> None:
            if run:
                found.append(AnyOf(frozenset({"".join(run)})))
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
            found += self.item(op, av)
        close()
        return found

    def item(self, op: Any, av: Any) -> list[AnyOf]:
        c = self.c
        if op is c.SUBPATTERN:
            _group, add, _remove, body = av
            if add & re.IGNORECASE and not self.fold:
                self.fold_needed = True
            return self.sequence(body)  # a group that drops IGNORECASE: folded is wider, safe
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            low, _high, body = av
            return self.sequence(body) if low >= 1 else []
        if op is getattr(c, "ATOMIC_GROUP", None):
            return self.sequence(av)
        if op is c.ASSERT:
            _direction, body = av
            return self.sequence(body)
        if op is c.BRANCH:
            _, branches = av
            literals: set[str] = set()
            digit = False
            every_digit = True  # every branch needs a digit (the union of bests may not)
            for branch in branches:
                found = self.sequence(branch)
                best = _best(found)
                if best is None:
                    return []
                literals |= best.literals
                digit = digit or best.digit
                every_digit = every_digit and any(_holds_digit(one) for one in found)
            union = [] if len(literals) > _MAX_LITERALS else [AnyOf(frozenset(literals), digit)]
            return [*union, _DIGIT_ONLY] if every_digit else union
        if op is c.IN:
            one = self.char_class(av)
            return [one] if one is not None else []
        return []  # ANY, AT, NOT_LITERAL, GROUPREF, ASSERT_NOT, ...: nothing sure

    def char_class(self, items: list[tuple[Any, Any]]) -> AnyOf | None:
        c = self.c
        chars: set[str] = set()
        digit = False
        for op, av in items:
            if op is c.LITERAL:
                chars.add(chr(av))
            elif op is c.RANGE and av[1] - av[0] < _MAX_CLASS:
                chars.update(chr(x) for x in range(av[0], av[1] + 1))
            elif op is c.CATEGORY and av is c.CATEGORY_DIGIT:
                digit = True
            else:
                return None  # NEGATE, another category, a wide range, ...
            if len(chars) > _MAX_CLASS:
                return None
        taken = {self._char(ch) for ch in chars}
        if None in taken:
            return None
        return AnyOf(frozenset(ch for ch in taken if ch is not None), digit)


def _best(found: list[AnyOf]) -> AnyOf | None:
    """The most telling of the sets a sequence needs (see :func:`_telling`)."""
    usable = [one for one in found if (one.literals or one.digit) and "" not in one.literals]
    if not usable:
        return None
    return max(usable, key=lambda one: (_telling(one), -len(one.literals)))
