"""Where a match can start: a pattern's passes tried only where its first character stands.

Most of the extractors' patterns begin with a lookbehind (``(?<![\\w.])\\d…``), which gives
:mod:`re` no first character to skip ahead with, so a pass tries the whole pattern at every
position of a paragraph: 60-160 ns a character, for a pattern whose matches all begin with a
digit, in prose where one character in thirty is one.  :func:`first_class` reads a compiled
pattern's parse tree once and returns a character class holding the first character every
match consumes (lookarounds and anchors, which consume none, are read through), or ``None``
when it cannot say or the class would be wide (``\\w``, a negated class, ``.``, or any
lowercase letter or space: prose is full of them).
:func:`finditer` then finds where that class occurs (one pass of a single class, a few ns a
character, shared by every pattern with the same class over the same text) and tries the
pattern only there, with :meth:`re.Pattern.match` at each such position; lookbehinds, ``\\b``
and ``^`` see the text before it as they would in a pass.  Matches are the ones
:meth:`re.Pattern.finditer` gives, in the same order (their spans and groups; only
:attr:`re.Match.pos` differs, the position tried instead of 0): no match can start
elsewhere, and after a match the next is looked for from its end, as a pass does (a pattern
that can match the empty string gets no class).  Where the class is common in a text (a list
of figures), or the text short, the plain pass is cheaper and is taken instead.  A test holds
every pattern of the extractors to the plain pass (``tests/test_claims_starts.py``).

A pattern whose matches may begin with a lowercase letter (a number in words, a hedge, "from
…") still gets a class when every match begins at the start of a word, where no word
character stands just before it: when the sequence begins, ahead of its first character, with
``(?<![\\w…])``, a lookbehind of a character that is not one (``(?<=[^\\w.])``, ``(?<=-)``),
``^``, or ``\\b`` before a word character, in every branch (:class:`_WordStart`).  Its class
then only counts where no word character precedes it (``[…](?<!\\w.)``): a few characters in
each word, not every one, and such a class may stand at one character in :data:`WORD_DENSE`.

Where the class stands is narrowed further (:func:`starting`) when the parse tree says more
of how matches begin: to a line's start (``(?m)^``, or the text's) when every match begins
there, and to where a character of its second characters follows when every match has two or
more (:class:`_Pairs` reads the first two characters of a sequence through repeats, branches
and groups; a class of most letters, or of any character, narrows nothing and is left out):
a pattern of months is then tried where ``j`` is followed by ``a`` or ``u``, not at every
``j``.  Fewer tries, the same matches.

A sub-pattern that begins many patterns (the English number) may be declared a *lead* with a
finder of every place it can begin (:func:`lead`: a test holds the finder to that).  A
pattern whose parse tree begins with the lead's (alone, or first in a group) is then tried
only where that finder matches, found once per text for all of them: where the text holds a
number, rather than at the start of every word.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

__all__ = ["finditer", "first_class", "lead", "leading", "starting"]

log = logging.getLogger(__name__)

#: texts shorter than this are searched by the plain pass (the positions cost more there)
SHORT = 64
#: the plain pass is taken when more than one character in this many may start a match
DENSE = 8
#: the same for a class counted only at the start of a word (a try there is cheaper than a
#: pass over the word)
WORD_DENSE = 4
#: what a class counted only at the start of a word ends with: no word character before it
_AFTER_NON_WORD = r"(?<!\w.)"
#: a class matching any of these characters is not worth finding (prose is full of them)
_COMMON = "abcdefghijklmnopqrstuvwxyz \t\n\u3000"
#: the characters prose is made of, most of which a class of second characters must leave out
#: to be worth its lookahead
_SAMPLE = "abcdefghijklmnopqrstuvwxyz0123456789 ."
#: categories a class keeps (wider ones, and the negated ones, give no class)
_CATEGORIES = {"CATEGORY_DIGIT": r"\d"}

#: id of a pattern -> the pattern (kept alive, so its id stays its own) and its class
_FIRST: dict[int, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}
#: the leads declared (:func:`lead`): (source, flags) -> where the lead can begin (a
#: zero-width pattern: a match at every such position)
_LEADS: dict[tuple[str, int], re.Pattern[str]] = {}
#: id of a pattern -> the pattern and the finder of its lead, if it has one
_LED: dict[int, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}
#: the flags a lead and a pattern it begins must share
_LEAD_FLAGS = re.IGNORECASE | re.ASCII | re.MULTILINE | re.DOTALL | re.VERBOSE


def lead(source: str, flags: int, begins: re.Pattern[str]) -> None:
    """Declare ``source`` (with ``flags``) a lead: ``begins`` matches wherever a match of it
    can begin (at more places, never fewer); a pattern every match of which begins with a
    match of ``source`` is then tried only there."""
    _LEADS[source, int(flags & _LEAD_FLAGS)] = re.compile(f"(?=(?:{begins.pattern}))", begins.flags)
    _LED.clear()


def leading(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The finder of the lead ``pattern`` begins with (see :func:`lead`), or ``None``."""
    held = _LED.get(id(pattern))
    if held is None or held[0] is not pattern:
        held = _LED[id(pattern)] = pattern, _cached_lead(pattern)
    return held[1]


def _cached_lead(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """:func:`_lead_of` (the lead's source and flags), kept in the resource cache
    (:mod:`.readings`); a lead no longer declared finds nothing."""
    if not isinstance(pattern.pattern, str) or not _LEADS:
        return None
    from .readings import read

    def to_data(found: tuple[str, int] | None) -> Any:
        return None if found is None else [found[0], int(found[1])]

    def from_data(data: Any) -> tuple[str, int] | None:
        return None if data is None else (str(data[0]), int(data[1]))

    found = read("lead", pattern, _lead_of, to_data, from_data)
    return None if found is None else _LEADS.get(found)


def _lead_of(pattern: re.Pattern[str]) -> tuple[str, int] | None:
    """The declared lead whose parse tree begins ``pattern``'s, alone or first in a group
    that changes no flag (same flags), or ``None``."""
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        flags = int(pattern.flags & _LEAD_FLAGS)
        tree = _canonical(_parser.parse(pattern.pattern, pattern.flags))
        heads = [tree]
        if tree and tree[0][0] is c.SUBPATTERN and tree[0][1][1:3] == (0, 0):
            heads.append(tree[0][1][3])  # a group first: its body begins the match too
        for source, lead_flags in _LEADS:
            if lead_flags != flags:
                continue
            items = _lead_tree(source, lead_flags)
            if any(head[: len(items)] == items for head in heads):
                return source, lead_flags
    except (AttributeError, ImportError, TypeError, ValueError, RecursionError, re.error) as err:
        log.debug("no lead for %r: %s", pattern.pattern[:60], err)
    return None


@functools.cache
def _lead_tree(source: str, flags: int) -> Any:
    """A lead's parse tree (:func:`_canonical`), read once however many patterns are
    compared with it."""
    from re import _parser  # type: ignore[attr-defined]

    return _canonical(_parser.parse(source, flags))


def _canonical(tree: Any) -> Any:
    """A parse tree (or part of one) as nested tuples, compared by value."""
    if isinstance(tree, (list, tuple)) or type(tree).__name__ == "SubPattern":
        return tuple(_canonical(x) for x in tree)
    return tree


#: a class (its source and flags) -> the last text its positions were found in, and those
_POSITIONS: dict[tuple[str, int], tuple[str, list[int] | None]] = {}


def first_class(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A one-character pattern matching the first character of every match of ``pattern``
    (more, never fewer), or ``None`` (read once per pattern, and the pattern kept: meant for
    module constants)."""
    held = _FIRST.get(id(pattern))
    if held is None or held[0] is not pattern:
        held = _FIRST[id(pattern)] = pattern, _cached_first_class(pattern)
    return held[1]


def _cached_first_class(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """:func:`_first_class`, kept in the resource cache (:mod:`.readings`) for a pattern of
    text: the class's source and flags."""
    if not isinstance(pattern.pattern, str):
        return None
    from .readings import read

    def to_data(first: re.Pattern[str] | None) -> Any:
        return None if first is None else (first.pattern, first.flags)

    def from_data(data: Any) -> re.Pattern[str] | None:
        return None if data is None else re.compile(data[0], data[1])

    return read("first", pattern, _first_class, to_data, from_data)


def _first_class(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    if not isinstance(pattern.pattern, str):
        return None
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        tree = _parser.parse(pattern.pattern, pattern.flags)
        if tree.getwidth()[0] == 0:
            return None  # a match may be empty: a pass treats those in its own way
        reader = _Reader(c, bool(pattern.flags & re.IGNORECASE))
        read = reader.sequence(tree)
        if read is None:
            return None  # a first character it cannot tell, or one of too many
        parts, nullable = read
        if nullable or not parts:
            return None  # (the same, as the reader reads it)
        flags = re.IGNORECASE if reader.fold else 0  # folded: more characters, never fewer
        first = re.compile("[" + "".join(sorted(parts)) + "]", flags)
        if not first.search(_COMMON):
            return first
        ascii_only = pattern.flags & re.ASCII  # the pattern's own \w, so never fewer positions
        if _WordStart(c, bool(ascii_only)).leads(list(tree)):
            # common letters, but every match begins a word: counted only there
            return re.compile(first.pattern + _AFTER_NON_WORD, flags | ascii_only)
        return None  # found at every few characters of prose: the plain pass is cheaper
    except (AttributeError, ImportError, TypeError, ValueError, RecursionError, re.error) as err:
        log.debug("no first class for %r: %s", pattern.pattern[:60], err)
        return None


#: the first characters of a part of a pattern (parts of a class's source), and whether it
#: can match the empty string; ``None`` when they cannot be told or are too many to be worth
#: finding
_Read = tuple[set[str], bool] | None


class _Reader:
    """Reads a parse tree of :mod:`re` (its private ``_parser``) for the characters a match
    can begin with, as parts of a character class's source; anything it does not know gives
    ``None``."""

    def __init__(self, constants: Any, fold: bool) -> None:
        self.c = constants
        self.fold = fold

    def sequence(self, items: Any) -> _Read:
        """The first characters of a sequence, and whether it can match the empty string."""
        parts: set[str] = set()
        for op, av in items:
            if op is self.c.ASSERT and av[0] > 0:
                # a lookahead: the next character consumed (here, or after the parts read so
                # far matched nothing) is one its body begins with
                ahead = self.sequence(av[1])
                if ahead is not None and ahead[0] and not ahead[1]:
                    return parts | ahead[0], False
                continue
            read = self.item(op, av)
            if read is None:
                return None
            found, nullable = read
            parts |= found
            if not nullable:
                return parts, False
        return parts, True

    def item(self, op: Any, av: Any) -> _Read:
        c = self.c
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return set(), True  # consumes nothing: the first character comes after it
        if op is c.LITERAL:
            return {_escape(av)}, False
        if op is c.IN:
            found = self.char_class(av)
            return None if found is None else (found, False)
        if op is c.SUBPATTERN or op is getattr(c, "ATOMIC_GROUP", None):
            body = _group_body(self, op, av)
            return None if body is None else self.sequence(body)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            low, high, body = av
            if high == 0:
                return set(), True
            read = self.sequence(body)
            return None if read is None else (read[0], read[1] or low == 0)
        if op is c.BRANCH:
            _, branches = av
            parts: set[str] = set()
            nullable = False
            for branch in branches:
                read = self.sequence(branch)
                if read is None:
                    return None
                parts |= read[0]
                nullable = nullable or read[1]
            return parts, nullable
        return None  # ANY, NOT_LITERAL, GROUPREF, GROUPREF_EXISTS, ...

    def char_class(self, items: Any) -> set[str] | None:
        return _class_parts(self.c, items, _CATEGORIES)  # None: NEGATE, \w, \s, \D, ...


def _escape(code: int) -> str:
    return f"\\U{code:08x}"


def _group_body(reader: _Reader | _Pairs, op: Any, av: Any) -> Any:
    """The items of a group a reader reads through (a ``(?i:...)`` one makes it fold case),
    or ``None`` for a ``(?u:...)`` one: in an ASCII pattern its classes are wider there."""
    if op is not reader.c.SUBPATTERN:
        return av  # an atomic group: its items
    _group, add, _remove, body = av
    if add & re.UNICODE:
        return None
    if add & re.IGNORECASE:
        reader.fold = True
    return body


def _class_parts(c: Any, items: Any, categories: dict[str, str]) -> set[str] | None:
    """A character class's items as parts of a class's source (literals, ranges and the
    ``categories`` named), or ``None`` for one holding anything else."""
    parts: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            parts.add(_escape(av))
        elif op is c.RANGE:
            parts.add(_escape(av[0]) + "-" + _escape(av[1]))
        elif op is c.CATEGORY and str(av) in categories:
            parts.add(categories[str(av)])
        else:
            return None
    return parts


class _WordStart:
    """Whether every match of a sequence of a parse tree begins where no word character stands
    just before it (see the module): read up to the first item that consumes a character;
    anything it does not know answers no."""

    def __init__(self, constants: Any, ascii_only: bool) -> None:
        self.c = constants
        self.word = re.compile(r"\w", re.ASCII if ascii_only else 0)

    def leads(self, items: list[Any]) -> bool:
        c = self.c
        for k, (op, av) in enumerate(items):
            rest = items[k + 1 :]
            if op is c.AT:
                if av in (c.AT_BEGINNING, c.AT_BEGINNING_STRING):
                    return True  # nothing before it (or a line break)
                if av is c.AT_BOUNDARY and self._word_first(rest):
                    return True  # \b, then a word character: none before it
                continue  # another anchor consumes nothing and tells nothing
            if op in (c.ASSERT, c.ASSERT_NOT):
                direction, body = av
                if direction < 0 and self._non_word_before(op is c.ASSERT_NOT, list(body)):
                    return True
                continue  # a lookahead, or a lookbehind that does not say
            if op is c.SUBPATTERN:
                return self.leads(list(av[3]) + rest)
            if op is getattr(c, "ATOMIC_GROUP", None):
                return self.leads(list(av) + rest)
            if op is c.BRANCH:
                return all(self.leads(list(branch) + rest) for branch in av[1])
            if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
                low, high, body = av
                taken = high == 0 or self.leads(list(body) + rest)
                return taken and (low > 0 or self.leads(rest))
            return False  # a character consumed before anything said what stands before it
        return False

    def _non_word_before(self, negative: bool, body: list[Any]) -> bool:
        """Whether a lookbehind of one character says that no word character precedes:
        ``(?<![\\w…])``, ``(?<!\\w)``, or ``(?<=…)`` of characters that are none."""
        c = self.c
        if len(body) != 1:
            return False
        op, av = body[0]
        if negative:  # (?<![\w...]) or (?<!\w): a class, not negated, that holds \w
            return (op is c.IN and (c.NEGATE, None) not in av
                    and (c.CATEGORY, c.CATEGORY_WORD) in av)  # fmt: skip
        if op is c.LITERAL:
            return not self.word.match(chr(av))
        if op is c.IN and av and av[0] == (c.NEGATE, None):  # [^\w...]
            return (c.CATEGORY, c.CATEGORY_WORD) in av[1:]
        if op is c.IN and all(o is c.LITERAL for o, _ in av):
            return not any(self.word.match(chr(x)) for _, x in av)
        return False

    def _word_first(self, rest: list[Any]) -> bool:
        """Whether the first character ``rest`` consumes is always a word character."""
        read = _Reader(self.c, False).sequence(rest)
        if read is None or read[1] or not read[0]:
            return False
        for part in read[0]:
            if part == r"\d":
                continue
            codes = [int(x[2:], 16) for x in part.split("-")]
            if not all(self.word.match(chr(x)) for x in range(codes[0], codes[-1] + 1)):
                return False
        return True


def _positions(first: re.Pattern[str], text: str, dense: int | None = None) -> list[int] | None:
    """Where ``first`` matches in ``text``, or ``None`` when it matches more than one
    character in ``dense`` (:data:`DENSE`, or :data:`WORD_DENSE` for a class counted at word
    starts); found once per text for every pattern with that class: the last text is
    remembered, by identity."""
    key = first.pattern, first.flags
    held = _POSITIONS.get(key)
    if held is not None and held[0] is text:
        return held[1]
    found: list[int] = []
    most = len(text) // (_density(first) if dense is None else dense)
    for m in first.finditer(text):
        found.append(m.start())
        if len(found) > most:
            _POSITIONS[key] = text, None
            return None
    _POSITIONS[key] = text, found
    return found


def _density(first: re.Pattern[str]) -> int:
    """How sparse a first class must be for its positions to be tried (:data:`WORD_DENSE`
    for one counted only at the start of a word, else :data:`DENSE`)."""
    return WORD_DENSE if first.pattern.endswith(_AFTER_NON_WORD) else DENSE


def finditer(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches :meth:`re.Pattern.finditer` gives of ``pattern`` in ``text``, in order,
    tried only where a match can start (see the module)."""
    if len(text) < SHORT:
        return pattern.finditer(text)
    begins = leading(pattern)
    if begins is not None:
        positions = _positions(begins, text, WORD_DENSE)
        if positions is not None:
            return _tried(pattern, text, positions)
    first = first_class(pattern)
    if first is None:
        return pattern.finditer(text)
    positions = _positions(starting(pattern, first), text, _density(first))
    if positions is None:
        return pattern.finditer(text)
    return _tried(pattern, text, positions)


#: id of a pattern -> the pattern and the finder of where its matches can start
_STARTING: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def starting(pattern: re.Pattern[str], first: re.Pattern[str]) -> re.Pattern[str]:
    """Where a match of ``pattern`` (whose first class is ``first``) can start: ``first``,
    narrowed when the reading of its first two characters (:class:`_Pairs`) says more,
    at a line's start (``^``, or the text's) when every match begins there, and followed by a
    character of the class of its second characters when every match has two or more."""
    held = _STARTING.get(id(pattern))
    if held is None or held[0] is not pattern:
        held = _STARTING[id(pattern)] = pattern, _cached_starting(pattern, first)
    return held[1]


def _cached_starting(pattern: re.Pattern[str], first: re.Pattern[str]) -> re.Pattern[str]:
    """:func:`_narrowing` (kept in the resource cache, :mod:`.readings`) put around
    ``first``."""
    from .readings import read

    def to_data(found: tuple[str, str] | None) -> Any:
        return None if found is None else list(found)

    def from_data(data: Any) -> tuple[str, str] | None:
        return None if data is None else (str(data[0]), str(data[1]))

    found = read("narrowing", pattern, _narrowing, to_data, from_data)
    if found is None:
        return first
    before, after = found
    return re.compile(before + first.pattern + after, first.flags)


def _narrowing(pattern: re.Pattern[str]) -> tuple[str, str] | None:
    """What goes before a pattern's first class (an anchor) and after it (a lookahead of its
    second characters, with its own flags), or ``None`` when nothing narrows it."""
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        tree = list(_parser.parse(pattern.pattern, pattern.flags))
        before = ""
        if _anchored(c, tree):
            before = "(?m:^)" if pattern.flags & re.MULTILINE else r"\A"
        after = ""
        reader = _Pairs(c, bool(pattern.flags & re.IGNORECASE))
        read = reader.sequence(tree)
        if read is not None and not read.empty and not read.one and read.two:
            seconds = sorted({second for _first, second in read.two})
            ahead = "[" + "".join(seconds) + "]"
            wide = (
                _ANY in seconds
                or len(re.compile(ahead, re.IGNORECASE if reader.fold else 0).findall(_SAMPLE))
                >= len(_SAMPLE) // 2
            )  # (a class of most letters narrows nothing)
            if not wide:
                after = f"(?={ahead})" if not reader.fold else f"(?i:(?={ahead}))"
        if not before and not after:
            return None
        return before, after
    except (AttributeError, ImportError, TypeError, ValueError, RecursionError, re.error) as err:
        log.debug("no narrowing for %r: %s", pattern.pattern[:60], err)
        return None


def _anchored(c: Any, items: list[Any]) -> bool:
    """Whether every match of a sequence begins at ``^`` or ``\\A``: an anchor read before
    anything that consumes a character, through groups that change no flag."""
    for k, (op, av) in enumerate(items):
        rest = items[k + 1 :]
        if op is c.AT:
            if av in (c.AT_BEGINNING, c.AT_BEGINNING_STRING):
                return True
            continue
        if op in (c.ASSERT, c.ASSERT_NOT):
            continue  # consumes nothing
        if op is c.SUBPATTERN:
            _group, add, remove, body = av
            if add or remove:
                return False  # (?m:...) and the like: another ^
            return _anchored(c, list(body) + rest)
        if op is c.BRANCH:
            return all(_anchored(c, list(branch) + rest) for branch in av[1])
        return False
    return False


#: a reading of the first two characters: more pairs than this say too little
_MAX_PAIRS = 400


@dataclass(frozen=True)
class _Two:
    """The first two characters of the matches of part of a pattern, as parts of a class's
    source (:func:`_escape`, ranges, ``\\d``): whether it can match the empty string, the
    characters of its one-character matches, and the pairs beginning its longer ones."""

    empty: bool
    one: frozenset[str]
    two: frozenset[tuple[str, str]]

    def firsts(self) -> set[str]:
        return set(self.one) | {a for a, _ in self.two}

    def then(self, other: _Two) -> _Two | None:
        """The pairs of this part followed by ``other``."""
        two = set(self.two) | {(a, b) for a in self.one for b in other.firsts()}
        one = set(self.one) if other.empty else set()
        if self.empty:
            two |= other.two
            one |= other.one
        if len(two) > _MAX_PAIRS:
            return None
        return _Two(self.empty and other.empty, frozenset(one), frozenset(two))

    def either(self, other: _Two) -> _Two | None:
        two = self.two | other.two
        if len(two) > _MAX_PAIRS:
            return None
        return _Two(self.empty or other.empty, self.one | other.one, two)


_NOTHING = _Two(True, frozenset(), frozenset())


def _union(reads: Iterable[_Two | None]) -> _Two | None:
    """The readings of the ways a part can go, as one (``None`` if one of them is, or if
    they hold too many pairs)."""
    union: _Two | None = None
    for read in reads:
        if read is None:
            return None
        union = read if union is None else union.either(read)
        if union is None:
            return None
    return union


class _Pairs:
    """Reads a parse tree for the first two characters of its matches (:class:`_Two`);
    what consumes nothing (anchors, lookarounds) is read as nothing, and anything it does
    not know gives ``None``."""

    def __init__(self, constants: Any, fold: bool) -> None:
        self.c = constants
        self.fold = fold

    def sequence(self, items: Any) -> _Two | None:
        read: _Two | None = _NOTHING
        for op, av in items:
            if read is None:
                return None
            if not read.empty and not read.one:
                break  # two characters read on every way: what follows comes after them
            part = self.item(op, av)
            if part is None:
                return None
            read = read.then(part)
        return read

    def item(self, op: Any, av: Any) -> _Two | None:
        c = self.c
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return _NOTHING
        if op is c.LITERAL:
            return _Two(False, frozenset({_escape(av)}), frozenset())
        if op is c.IN:
            return _Two(False, frozenset(self.char_class(av)), frozenset())
        if op in (c.ANY, c.NOT_LITERAL):
            return _Two(False, frozenset({_ANY}), frozenset())
        if op is c.SUBPATTERN or op is getattr(c, "ATOMIC_GROUP", None):
            body = _group_body(self, op, av)
            return None if body is None else self.sequence(body)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            low, high, body = av
            once = self.sequence(body)
            if once is None:
                return None
            # two or more copies begin as two do (what a third adds comes after two characters)
            powers = [_NOTHING, once, once.then(once)]
            return _union(powers[k] for k in range(min(low, 2), min(high, 2) + 1))
        if op is c.BRANCH:
            return _union(self.sequence(branch) for branch in av[1])
        return None  # GROUPREF, GROUPREF_EXISTS, ...

    def char_class(self, items: Any) -> set[str]:
        """A class's parts (as :meth:`_Reader.char_class`'s, and ``\\s``, ``\\w``), or
        :data:`_ANY` for one it cannot write as parts (a negated class, ``\\S``...)."""
        found = _class_parts(self.c, items, _PAIR_CATEGORIES)
        return {_ANY} if found is None else found


#: a part standing for any character (a class of second characters holding it says nothing)
_ANY = "ANY"
#: the categories a class of second characters may hold
_PAIR_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_WORD": r"\w"}


def _tried(pattern: re.Pattern[str], text: str, positions: list[int]) -> Iterator[re.Match[str]]:
    match = pattern.match
    after = 0
    for pos in positions:
        if pos < after:
            continue
        m = match(text, pos)
        if m is not None:
            yield m
            after = m.end()
