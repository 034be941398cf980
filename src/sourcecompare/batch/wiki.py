"""``wiki:LANG:Title`` documents of a topic list: Wikipedia articles fetched through a cache.

Before the topics run, the driver (one process, so one rate limit for the whole batch) turns
every ``wiki:`` entry into a corpus folder ``OUT/wiki/<lang>-<hash of the title>/`` holding
the article's wikitext and a ``manifest.toml`` entry (its URL, revision and retrieval time;
tier ``encyclopedia``), written by :func:`sourcecompare.fetch.fetch_articles`.  The topic then
lists that folder in place of the entry, and runs like any other: its key hashes the folder's
bytes, so an unchanged article (same revision) is skipped on a re-run.

The API answers are cached (``OUT/wiki/.cache`` unless told otherwise) and the cache comes
first: an article asked for before is read from it without the network, so a batch can be run
again offline, and gives the same revision each time; only an article not in the cache is
asked of the wiki (never, with ``offline``).  An article that cannot be fetched (not cached
and no network, no such page, the wiki refusing) fails its topic alone: the topic's row in the
table names the entry (``wiki:zh:Title``) and the reason, and the other topics go on.  Such a
failure is never kept as the topic's outcome: the next run tries the article again.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import FetchError
from .topics import Topic, is_wiki

__all__ = ["CACHE", "FOLDER", "WikiFetcher", "article_folder", "fetch_error", "needs_fetching"]

log = logging.getLogger(__name__)

#: the folder of ``OUT`` holding one corpus folder per fetched article
FOLDER = "wiki"
#: the cache of API answers inside it, unless one is given
CACHE = ".cache"


def article_folder(root: Path, entry: str) -> Path:
    """The corpus folder of one ``wiki:LANG:Title`` entry under ``root``.

    >>> article_folder(Path("out/wiki"), "wiki:en:Korean Air Flight 801").name
    'en-5ae28fb9b384470b'
    """
    _, language, title = entry.split(":", 2)
    digest = hashlib.sha256(title.encode("utf-8")).hexdigest()[:16]
    return root / f"{language}-{digest}"


class WikiFetcher:
    """Resolves the ``wiki:`` entries of topics to corpus folders, each article once a run.

    ``client`` is a :class:`sourcecompare.fetch.WikiClient` (the tests give one replaying
    recorded answers); without one, a cache-first client on ``cache`` is made, offline when
    ``offline``.
    """

    def __init__(
        self,
        root: Path,
        *,
        client: Any = None,
        cache: Path | None = None,
        offline: bool = False,
        contact: str | None = None,
    ) -> None:
        self.root = Path(root)
        if client is None:
            from ..fetch import WikiClient

            client = WikiClient(
                cache if cache is not None else self.root / CACHE,
                offline=offline,
                cache_first=True,
                contact=contact,
            )
        self.client = client
        self._done: dict[str, Path | FetchError] = {}

    def _fetch(self, entry: str) -> Path:
        """The corpus folder of ``entry``, fetched (or read from the cache) on first ask."""
        from ..fetch import fetch_articles

        known = self._done.get(entry)
        if isinstance(known, FetchError):
            raise known
        if known is not None:
            return known
        _, language, title = entry.split(":", 2)
        folder = article_folder(self.root, entry)
        try:
            fetch_articles(f"{language}:{title}", (), folder, self.client, keep_entries=False)
        except FetchError as exc:
            self._done[entry] = exc
            raise
        except OSError as exc:
            error = FetchError(
                f"{language}:{title}", f"cannot write {folder}: {exc.strerror or exc}"
            )
            self._done[entry] = error
            raise error from exc
        self._done[entry] = folder
        log.info("%s -> %s", entry, folder)
        return folder

    def resolve(self, topic: Topic) -> Topic:
        """``topic`` with each ``wiki:`` entry replaced by its article's corpus folder;
        raises :class:`~sourcecompare.errors.FetchError` for the first that cannot be had."""
        if not any(is_wiki(d) for d in topic.documents):
            return topic
        documents = tuple(str(self._fetch(d)) if is_wiki(d) else d for d in topic.documents)
        return replace(topic, documents=documents)


def needs_fetching(topics: Sequence[Topic]) -> bool:
    """Whether any topic lists a ``wiki:`` entry."""
    return any(is_wiki(d) for t in topics for d in t.documents)


def fetch_error(exc: FetchError) -> dict[str, Any]:
    """The table's record of a topic whose article could not be fetched: the ``file`` is the
    entry as the topic list has it (``wiki:zh:Title``)."""
    return {"type": type(exc).__name__, "file": f"wiki:{exc.title}", "line": None,
            "reason": exc.problem}  # fmt: skip
