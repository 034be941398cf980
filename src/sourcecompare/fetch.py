"""Fetching Wikipedia articles by title into a corpus folder (``sourcecompare fetch wiki``).

:class:`WikiClient` asks the MediaWiki Action API (``action=query``) of one language's
Wikipedia for an article's current wikitext, revision id, canonical URL and language links.
It is polite: it sends a user agent naming the tool (and a contact, when given), waits
:data:`MIN_INTERVAL` seconds between requests, and retries a 429 or a 5xx answer or a broken
connection up to :data:`RETRIES` times with a growing delay (a ``Retry-After`` header is
honoured).  Every answer is cached on disk, one JSON file per request, with the time it was
retrieved (a request is sent once per run; a new run online fetches the current revision and
refreshes the cache); with ``offline=True`` only the cache is read, so a fetch can be replayed
exactly, and with ``cache_first=True`` (the batch command's way) a cached answer is used as it
is and only what is not cached is asked for.  Once every attempt at a request failed to reach
the wiki at all, the client's later requests fail at once (a batch without network then
records each uncached article's error quickly instead of waiting through the retries).

:func:`fetch_articles` fetches ``zh:標題`` and, through its language links, the same article in
other languages, and writes each as ``ID.wikitext`` into a corpus folder with a
``manifest.toml`` entry carrying its ``url``, ``revision`` and ``retrieved`` time.  Files are
written whole or not at all (a temporary file renamed into place), and manifest entries already
there for other documents are kept.

The network sits behind :class:`Transport`; the tests give a fake one that replays recorded
answers, so nothing here needs the network to be tested.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlencode

from ._atomic import write_atomic
from .errors import FetchError, PageNotFound

__all__ = [
    "MIN_INTERVAL",
    "RETRIES",
    "Article",
    "Response",
    "Transport",
    "UrllibTransport",
    "WikiClient",
    "fetch_articles",
    "parse_spec",
]

log = logging.getLogger(__name__)

#: seconds between two requests to the API
MIN_INTERVAL = 1.0
#: attempts after the first for a 429, a 5xx or a broken connection
RETRIES = 3
#: languages a corpus manifest accepts, with the name of their Wikipedia
WIKIPEDIAS = {"zh": "Chinese Wikipedia", "en": "English Wikipedia"}

_SPEC = re.compile(r"^([a-z]{2,3}(?:-[a-z]+)?):(.+)$")


@dataclass(frozen=True)
class Response:
    status: int
    body: str
    headers: Mapping[str, str]


class Transport(Protocol):
    def get(self, url: str, headers: Mapping[str, str], timeout: float) -> Response: ...


class UrllibTransport:
    """The real network, through the standard library."""

    def get(self, url: str, headers: Mapping[str, str], timeout: float) -> Response:
        import urllib.error
        import urllib.request

        request = urllib.request.Request(url, headers=dict(headers))
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                body = answer.read().decode("utf-8")
                return Response(answer.status, body, dict(answer.headers))
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace")
            return Response(exc.code, body, dict(exc.headers or {}))


@dataclass(frozen=True)
class Article:
    """One article as fetched: enough to read it and to cite it."""

    language: str
    title: str
    page_id: int
    revision: str
    url: str
    wikitext: str
    retrieved: str  # ISO 8601, UTC
    langlinks: Mapping[str, str]

    @property
    def spec(self) -> str:
        return f"{self.language}:{self.title}"


def parse_spec(spec: str) -> tuple[str, str]:
    """``zh:大韓航空801號班機空難`` -> ``("zh", "大韓航空801號班機空難")``.

    >>> parse_spec("en:Korean Air Flight 801")
    ('en', 'Korean Air Flight 801')
    >>> parse_spec("Korean Air Flight 801")
    Traceback (most recent call last):
    ...
    sourcecompare.errors.FetchError: Korean Air Flight 801: give the wiki's language first, \
as in zh:TITLE or en:TITLE
    """
    m = _SPEC.match(spec.strip())
    if not m:
        raise FetchError(spec, "give the wiki's language first, as in zh:TITLE or en:TITLE")
    return m.group(1), m.group(2).strip().replace("_", " ")


def _version() -> str:
    """The installed version (read from the package metadata: this module imports nothing
    above it in the package)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sourcecompare")
    except PackageNotFoundError:
        return "0"


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class WikiClient:
    """A cached, rate-limited, retrying client of the MediaWiki API of Wikipedia."""

    def __init__(
        self,
        cache: str | Path,
        *,
        transport: Transport | None = None,
        offline: bool = False,
        cache_first: bool = False,
        contact: str | None = None,
        min_interval: float = MIN_INTERVAL,
        retries: int = RETRIES,
        timeout: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], str] = _now,
    ) -> None:
        self.cache = Path(cache)
        self.transport = transport
        self.offline = offline
        self.cache_first = cache_first
        self.min_interval = min_interval
        self.retries = retries
        self.timeout = timeout
        self.sleep = sleep
        self.clock = clock
        self.now = now
        self.user_agent = f"sourcecompare/{_version()} (fact-checking tool" + (
            f"; {contact})" if contact else ")"
        )
        self._last: float | None = None
        self._seen: dict[str, tuple[dict[str, Any], str]] = {}
        #: why the wiki could not be reached, once every attempt at a request failed so: later
        #: requests of this client then fail at once instead of waiting through their retries
        self.unreachable: str | None = None
        self.requests = 0  # requests sent over the transport (not answered from the cache)

    @staticmethod
    def api_url(language: str) -> str:
        return f"https://{language}.wikipedia.org/w/api.php"

    def _cache_path(self, url: str) -> Path:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]
        return self.cache / f"{key}.json"

    def get(
        self, language: str, params: Mapping[str, str], title: str
    ) -> tuple[dict[str, Any], str]:
        """The decoded JSON answer to ``params`` and when it was retrieved."""
        query = {**params, "format": "json", "formatversion": "2"}
        url = f"{self.api_url(language)}?{urlencode(sorted(query.items()))}"
        if url in self._seen:  # asked already in this run
            return self._seen[url]
        cached = self._cache_path(url)
        if self.offline or (self.cache_first and cached.is_file()):
            if not cached.is_file():
                raise FetchError(
                    title, f"not in the cache ({self.cache}); fetch it once without --offline"
                )
            try:
                entry = json.loads(cached.read_text(encoding="utf-8"))
                answer = self._decode(entry["status"], entry["body"], title), entry["retrieved"]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise FetchError(title, f"the cached answer {cached} is damaged: {exc}") from None
            log.debug("%s: from the cache %s", title, cached)
            self._seen[url] = answer
            return answer
        response = self._send(url, title)
        data = self._decode(response.status, response.body, title)
        retrieved = self.now()
        self.cache.mkdir(parents=True, exist_ok=True)
        entry = {
            "url": url,
            "status": response.status,
            "retrieved": retrieved,
            "body": response.body,
        }
        _write_atomically(cached, json.dumps(entry, ensure_ascii=False, indent=1))
        self._seen[url] = (data, retrieved)
        return data, retrieved

    def _send(self, url: str, title: str) -> Response:
        if self.unreachable is not None:
            raise FetchError(
                title,
                f"not in the cache ({self.cache}), and the wiki could not be reached earlier "
                f"in this run ({self.unreachable})",
            )
        if self.transport is None:
            self.transport = UrllibTransport()
        headers = {"User-Agent": self.user_agent, "Accept": "application/json"}
        delay = self.min_interval
        problem = "no attempt made"
        connection: str | None = None
        for attempt in range(self.retries + 1):
            if self._last is not None:
                wait = self.min_interval - (self.clock() - self._last)
                if wait > 0:
                    self.sleep(wait)
            self._last = self.clock()
            self.requests += 1
            retry_after = ""
            try:
                response = self.transport.get(url, headers, self.timeout)
            except OSError as exc:
                problem = f"could not reach the wiki: {exc}"
                connection = str(exc)
            else:
                connection = None
                if response.status == 404:
                    raise PageNotFound(title, "no such page (HTTP 404 from the wiki's API)")
                if response.status < 400:
                    return response
                problem = f"the wiki's API answered HTTP {response.status}"
                if response.status != 429 and response.status < 500:
                    raise FetchError(title, problem)
                retry_after = response.headers.get("Retry-After", "")
            if attempt == self.retries:
                break
            pause = float(retry_after) if retry_after.isdigit() else delay
            log.info("%s: %s; retrying in %.1f s", title, problem, pause)
            self.sleep(pause)
            delay *= 2
        if connection is not None:
            self.unreachable = connection
        raise FetchError(title, f"{problem} ({self.retries + 1} attempts)")

    @staticmethod
    def _decode(status: int, body: str, title: str) -> dict[str, Any]:
        try:
            data = json.loads(body)
        except json.JSONDecodeError as exc:
            problem = f"the wiki's API answered something that is not JSON (HTTP {status}): {exc}"
            raise FetchError(title, problem) from None
        if not isinstance(data, dict):
            raise FetchError(title, "the wiki's API answered an unexpected JSON value")
        if "error" in data:
            err = data["error"]
            raise FetchError(title, f"the wiki's API refused: {err.get('code')}: {err.get('info')}")
        return data

    def article(self, language: str, title: str) -> Article:
        """Fetch an article's current revision, its URL and its language links."""
        spec = f"{language}:{title}"
        params = {
            "action": "query",
            "prop": "revisions|info|langlinks",
            "titles": title,
            "rvprop": "ids|timestamp|content",
            "rvslots": "main",
            "inprop": "url",
            "lllimit": "max",
            "redirects": "1",
        }
        data, retrieved = self.get(language, params, spec)
        pages = data.get("query", {}).get("pages", [])
        if not pages:
            raise FetchError(spec, "the wiki's API answered no page")
        page = pages[0]
        if page.get("missing") or page.get("invalid"):
            raise PageNotFound(spec, "no such article on this wiki")
        try:
            rev = page["revisions"][0]
            text = rev["slots"]["main"]["content"]
            return Article(
                language=language,
                title=page["title"],
                page_id=int(page["pageid"]),
                revision=str(rev["revid"]),
                url=page.get("fullurl") or page.get("canonicalurl") or "",
                wikitext=text,
                retrieved=retrieved,
                langlinks={ll["lang"]: ll["title"] for ll in page.get("langlinks", [])},
            )
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            raise FetchError(spec, f"the wiki's API answer lacks {exc}") from None


def _write_atomically(path: Path, text: str) -> None:
    write_atomic(path, text.encode("utf-8"))


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def fetch_articles(
    spec: str,
    with_languages: Sequence[str],
    out: str | Path,
    client: WikiClient,
    *,
    keep_entries: bool = True,
) -> list[Path]:
    """Fetch ``spec`` (``zh:TITLE``) and its counterparts in ``with_languages`` into ``out``.

    Writes ``ID.wikitext`` per article and adds (or updates) their entries in
    ``out/manifest.toml`` (without ``keep_entries``, the manifest lists these articles only);
    returns the paths written.  The id is ``LANG-wiki-SLUG``, the slug
    made from the first title of the set written in Latin letters (else the page id).
    """
    language, title = parse_spec(spec)
    first = client.article(language, title)
    articles = [first]
    for other in with_languages:
        if other == language:
            continue
        counterpart = first.langlinks.get(other)
        if counterpart is None:
            raise PageNotFound(first.spec, f"has no language link to the {other} Wikipedia")
        articles.append(client.article(other, counterpart))
    slugs = [_slug(a.title) for a in articles]
    slug = next((s for s in slugs if re.search("[a-z]", s)), str(first.page_id))
    root = Path(out)
    root.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    entries: list[dict[str, str]] = []
    for a in articles:
        doc_id = f"{a.language}-wiki-{slug}"
        path = root / f"{doc_id}.wikitext"
        _write_atomically(path, a.wikitext)
        written.append(path)
        entry = {
            "id": doc_id,
            "file": path.name,
            "title": a.title,
            "format": "wikitext",
            "kind": "encyclopedia article (wikitext)",
            "tier": "encyclopedia",
            "url": a.url,
            "revision": a.revision,
            "retrieved": a.retrieved,
        }
        if a.language in WIKIPEDIAS:
            entry["language"] = a.language
            entry["publisher"] = WIKIPEDIAS[a.language]
        entries.append(entry)
        log.info("%s: revision %s -> %s", a.spec, a.revision, path)
    manifest = root / "manifest.toml"
    _write_atomically(manifest, _merge_manifest(manifest, entries, keep=keep_entries))
    written.append(manifest)
    return written


def _merge_manifest(manifest: Path, entries: list[dict[str, str]], keep: bool = True) -> str:
    """The manifest's text with ``entries`` added, replacing entries with the same id (and,
    without ``keep``, every other entry)."""
    old: list[dict[str, str]] = []
    if keep and manifest.is_file():
        try:
            data = tomllib.loads(manifest.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise FetchError(str(manifest), f"the existing manifest cannot be read: {exc}") from exc
        old = [d for d in data.get("document", []) if isinstance(d, dict)]
    ids = {e["id"] for e in entries}
    tables = [d for d in old if d.get("id") not in ids] + entries
    lines = ["# Written by `sourcecompare fetch wiki`; entries for other documents are kept.", ""]
    for table in tables:
        lines.append("[[document]]")
        for key, value in table.items():
            lines.append(f"{key} = {json.dumps(str(value), ensure_ascii=False)}")
        lines.append("")
    return "\n".join(lines)
