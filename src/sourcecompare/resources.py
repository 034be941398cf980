"""Built resources, cached on disk: tables derived from large data, built once, then loaded in
milliseconds.

Deriving the lexicon's tables from CC-CEDICT takes seconds; every process used to do it.  A
resource is now built on first use and written to the user's cache folder
(:func:`cache_dir`: ``platformdirs``' user cache folder, or ``$SOURCECOMPARE_CACHE_DIR``) as one
file per resource, named by the resource and its *key*: a hash of everything the table is made
from (the source data's bytes, the code that derives it, the package and Python versions).
When either the data or the code changes the key changes, and the table is rebuilt.

A cache file is a header (a magic string, the format version, the key, the SHA-256 of the
payload) and the payload, the table in :mod:`marshal` form (plain dicts, tuples, frozensets and
strings: nothing executable).  A file whose header, key or checksum does not match, or whose
payload does not load or fails the caller's check, is logged and rebuilt, never trusted.
Files are written to a temporary name in the same folder and renamed into place (atomic), so
a reader never sees half a file.  Builds take a lock on the folder (``filelock``: the file
:data:`LOCK` there, held by the operating system, so a process that dies releases it): processes
started together on an empty cache (a batch's workers) build each table once, the others
waiting and then loading it, rather than all building at once (seconds of work and hundreds
of MB each).  One lock serves every table, so that a build needing another table (the lexicon's
tables are built together) cannot wait for a process waiting for it.  If the lock cannot be
taken (a read-only folder) or is held longer than :data:`LOCK_WAIT` seconds, the table is built
anyway.  If the folder cannot be written, the table is built in memory and used (a warning is
logged).

The library never prints: a caller who wants to tell the user that a first build is under way
(the command line does) wraps its work in :func:`on_build`.

>>> key("a", b"data") == key("a", b"data") != key("b", b"data")
True
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import logging
import marshal
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from ._atomic import write_atomic

__all__ = [
    "ENV_VAR",
    "FORMAT",
    "KEEP",
    "LOCK",
    "LOCK_WAIT",
    "cache_dir",
    "file_digest",
    "key",
    "load",
    "load_or_build",
    "on_build",
    "store",
]

log = logging.getLogger(__name__)

#: the environment variable that overrides the cache folder (tests use a temporary one)
ENV_VAR = "SOURCECOMPARE_CACHE_DIR"
#: the version of the file layout below; part of every key
FORMAT = 1

#: how many keys of one resource keep their files (the newest used; see _remove_stale)
KEEP = 3
#: the lock file of the cache folder, held while a table is built (see the module)
LOCK = "build.lock"
#: seconds a build waits for another process's build before building anyway
LOCK_WAIT = 600.0

_MAGIC = b"SCRES\x00"
_DIGEST = 32  # bytes of SHA-256

T = TypeVar("T")

#: who to tell when a resource is built: ``(name) -> context manager`` around the build
_listener: contextvars.ContextVar[
    Callable[[str], contextlib.AbstractContextManager[Any]] | None
] = contextvars.ContextVar("sourcecompare_resources_listener", default=None)


def cache_dir() -> Path:
    """The folder of the cache files: ``$SOURCECOMPARE_CACHE_DIR`` if set, else the user's
    cache folder for ``sourcecompare`` (``~/.cache/sourcecompare`` on Linux)."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("sourcecompare", appauthor=False))


def file_digest(path: Path | str) -> bytes:
    """The SHA-256 of a file's bytes (a resource's source data)."""
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").digest()


def key(name: str, *parts: bytes | str) -> str:
    """The key of a resource: a hash of its name, the file format, the package and Python
    versions (the payload is :mod:`marshal` data) and ``parts`` (source data, code)."""
    from ._version import __version__

    h = hashlib.sha256()
    for part in (name, str(FORMAT), __version__, sys.version, *parts):
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


@contextlib.contextmanager
def on_build(
    listener: Callable[[str], contextlib.AbstractContextManager[Any]],
) -> Iterator[None]:
    """Within this block, every resource build runs inside ``listener(name)`` (a context
    manager: the command line shows a message while the cache is built)."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)


def path_of(name: str, resource_key: str) -> Path:
    """Where the resource ``name`` with ``resource_key`` is cached."""
    return cache_dir() / f"{name}-{resource_key[:16]}.bin"


def load_or_build(
    name: str,
    resource_key: str,
    build: Callable[[], T],
    *,
    check: Callable[[Any], bool] = lambda value: True,
    label: str | None = None,
) -> T:
    """The resource ``name`` from its cache file, or built with ``build()`` and cached.

    ``build`` must return plain data that :mod:`marshal` writes (dicts, lists, tuples, sets,
    frozensets, strings, numbers); ``check`` says whether a loaded value has the right shape.
    ``label`` is what the :func:`on_build` listener is told (default: ``name``); a resource
    built while another one is being built (its builder needs it) is not announced apart.
    """
    path = path_of(name, resource_key)
    before = _stamp(path)  # (taken first: a file written after it is looked at again below)
    value = _load(path, resource_key, check)
    if value is not None:
        log.debug("%s: loaded from %s", name, path)
        with contextlib.suppress(OSError):
            os.utime(path)  # used now: kept over files of keys not used as recently
        return value
    listener = _listener.get()
    announce = listener(label or name) if listener is not None else contextlib.nullcontext()
    with announce, _build_lock(path.parent):
        if _stamp(path) != before:  # another process built it while this one waited
            value = _load(path, resource_key, check)
            if value is not None:
                log.debug("%s: loaded from %s, built by another process", name, path)
                return value
        began = time.perf_counter()
        token = _listener.set(None)  # nested builds are part of this one
        try:
            built = build()
        finally:
            _listener.reset(token)
        log.info("%s: built in %.1f s", name, time.perf_counter() - began)
        _store(path, resource_key, built)
    return built


def load(name: str, resource_key: str, *, check: Callable[[Any], bool] = lambda v: True) -> Any:
    r"""The resource ``name`` from its cache file, or ``None`` when there is none (or it does
    not load, or fails ``check``: logged): for a table that grows as it is used, which its
    owner extends and :func:`store`\ s again, rather than one built whole."""
    return _load(path_of(name, resource_key), resource_key, check)


def store(name: str, resource_key: str, value: object) -> None:
    """Write the resource ``name`` (plain data, as for :func:`load_or_build`) to its cache
    file, atomically, under the folder's build lock; a folder that cannot be written is
    logged, as for a build."""
    path = path_of(name, resource_key)
    with _build_lock(path.parent):
        _store(path, resource_key, value)


def _stamp(path: Path) -> tuple[int, int] | None:
    """What tells that a file was written since: its change time and size (``None``: none)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


#: the lock of each cache folder, one object per folder: a build nested in another (in the
#: same thread) takes it again, counted, instead of waiting for itself
_LOCKS: dict[Path, Any] = {}


@contextlib.contextmanager
def _build_lock(folder: Path) -> Iterator[None]:
    """Hold the cache folder's build lock (:data:`LOCK`), or go on without it when it cannot
    be taken (the folder cannot be written) or is held too long (:data:`LOCK_WAIT`)."""
    from filelock import FileLock, Timeout

    lock = _LOCKS.get(folder)
    if lock is None:  # (setdefault: two threads making it at once keep one)
        lock = _LOCKS.setdefault(folder, FileLock(folder / LOCK, timeout=LOCK_WAIT))
    held = False
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock.acquire()
        held = True
    except Timeout:
        log.warning("%s: held for over %.0f s by another process; building anyway",
                    folder / LOCK, LOCK_WAIT)  # fmt: skip
    except OSError as exc:
        log.debug("%s: cannot take the lock (%s); building without it", folder / LOCK, exc)
    try:
        yield
    finally:
        if held:
            lock.release()


def _load(path: Path, resource_key: str, check: Callable[[Any], bool]) -> Any:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("%s: cannot read the cache file (%s); rebuilding", path, exc)
        return None
    header = _header(resource_key)
    if not data.startswith(header) or len(data) < len(header) + _DIGEST:
        log.warning("%s: not a cache file of this version; rebuilding", path)
        return None
    digest = data[len(header) : len(header) + _DIGEST]
    payload = memoryview(data)[len(header) + _DIGEST :]
    if hashlib.sha256(payload).digest() != digest:
        log.warning("%s: checksum mismatch (corrupt cache file); rebuilding", path)
        return None
    try:
        value = marshal.loads(payload)
    except (EOFError, ValueError, TypeError) as exc:
        log.warning("%s: cannot load (%s); rebuilding", path, exc)
        return None
    if value is None or not check(value):
        log.warning("%s: unexpected contents; rebuilding", path)
        return None
    return value


def _header(resource_key: str) -> bytes:
    return _MAGIC + FORMAT.to_bytes(2, "little") + resource_key.encode("ascii") + b"\n"


def _store(path: Path, resource_key: str, value: object) -> None:
    payload = marshal.dumps(value)  # type: ignore[arg-type]  # ValueError if the builder returned more than plain data
    data = _header(resource_key) + hashlib.sha256(payload).digest() + payload
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    except OSError as exc:
        log.warning("%s: cannot write the cache (%s); using the table built in memory", path, exc)
        return
    log.info("cached %s (%d KB)", path, len(data) // 1024)
    _remove_stale(path)


def _remove_stale(path: Path) -> None:
    """Remove the files of other keys of the same resource beyond the :data:`KEEP` used most
    recently (best effort).  Others are kept, not removed at once: two installs or checkouts
    of different versions sharing the user's cache folder (a benchmark against a baseline,
    two virtual environments) would otherwise remove each other's file on every run and
    rebuild it on the next."""
    prefix = path.name.rsplit("-", 1)[0] + "-"
    others = []
    for other in path.parent.glob(f"{prefix}*.bin"):
        if other != path and len(other.name) == len(path.name):
            with contextlib.suppress(OSError):
                others.append((other.stat().st_mtime, other))
    others.sort(reverse=True)
    for _, other in others[KEEP - 1 :]:
        with contextlib.suppress(OSError):
            other.unlink()
