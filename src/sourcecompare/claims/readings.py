"""What :mod:`.prefilter` and :mod:`.starts` read of a pattern, kept in the resource cache.

Reading a pattern's parse tree (the literals every match needs, the class of its first
character) is done once per pattern and process, but it is slow for the extractors' long word
lists: about 0.1 s of a new process's first extraction in each language (117 ms of a Chinese
article's first 218 ms, 146 ms of an English one's first 196 ms), against a few ms for the
extraction itself.  Both readings are plain data, a function of the pattern's source and flags
and of the readers' code, so they are kept in one table of the resource cache
(:func:`sourcecompare.resources.load`), keyed by that code and the Python version (whose
``re`` parser is read).  The table grows as it is used: a pattern read for the first time is
read here and added, and :func:`save` (called at the end of an extraction) stores the table
again when something was added.  Two processes adding at once each store their own table; what
one of them added and the other's store dropped is read again, and added, by a later process.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["read", "save"]

log = logging.getLogger(__name__)

T = TypeVar("T")

_NAME = "pattern-readings"
#: the table loaded from the cache (``None``: not yet), and whether something was added since
_TABLE: list[dict[str, Any] | None] = [None]
_ADDED: list[bool] = [False]


@functools.cache
def _key() -> str:
    """The table's key, made once a process (the readers' code does not change under it)."""
    from .. import resources
    from . import exclusions, prefilter, starts, wordlist

    here = [Path(str(m.__file__)).read_bytes() for m in (prefilter, starts, wordlist, exclusions)]
    return resources.key(_NAME, Path(__file__).read_bytes(), *here)


def _table() -> dict[str, Any]:
    table = _TABLE[0]
    if table is None:
        from .. import resources

        loaded = resources.load(_NAME, _key(), check=lambda v: isinstance(v, dict))
        table = _TABLE[0] = dict(loaded) if loaded is not None else {}
    return table


def read(
    kind: str,
    pattern: re.Pattern[str],
    reader: Callable[[re.Pattern[str]], T],
    to_data: Callable[[T], Any],
    from_data: Callable[[Any], T],
) -> T:
    """``reader(pattern)``, from the table when it holds it (``from_data`` of what it holds),
    else read now and added (as ``to_data`` of it)."""
    table = _table()
    entry = f"{kind}\x00{pattern.flags}\x00{pattern.pattern}"
    held = table.get(entry, _MISSING)
    if held is not _MISSING:
        return from_data(held)
    value = reader(pattern)
    table[entry] = to_data(value)
    _ADDED[0] = True
    return value


_MISSING = object()


def save() -> None:
    """Store the table if a reading was added to it in this process since it was stored."""
    table = _TABLE[0]
    if table is None or not _ADDED[0]:
        return
    from .. import resources

    _ADDED[0] = False
    resources.store(_NAME, _key(), table)
    log.debug("stored %d pattern readings", len(table))
