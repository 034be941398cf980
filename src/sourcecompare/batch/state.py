"""What a batch has finished, kept so that a re-run skips it: one record per topic.

A topic's *key* is a hash of its inputs' bytes (every file of a document, a corpus folder's
files with their names) and of the settings that compare them: the one signature of the
settings tree, :meth:`sourcecompare.settings.Settings.signature` (the version, segmentation,
alignment and matching), the same string a report carries as its ``signature``.  When a topic
finishes (compared, or failed), its record is written to ``OUT/state/<id>.json`` atomically
(a temporary file, flushed to disk, moved over the old one), holding the key, the outcome and
the findings' rows.  A re-run skips a topic whose record has the same key; an interrupted
batch leaves every finished topic's record whole, and nothing half-written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .._atomic import write_atomic
from ..errors import BatchError
from ..settings import CompareSettings, Settings, run_settings
from .topics import Topic

__all__ = [
    "RECORD_FORMAT",
    "StateStore",
    "run_settings",
    "settings_signature",
    "topic_key",
]

log = logging.getLogger(__name__)

#: the version of the record layout (a change makes every topic run again)
RECORD_FORMAT = 1
_CHUNK = 1 << 20


def settings_signature(
    mode: str | None = None, settings: Settings | CompareSettings | None = None
) -> str:
    """What, besides the inputs, decides a topic's findings: the signature of the settings
    tree (:meth:`Settings.signature`, which holds the version), the report's own."""
    return run_settings(mode, settings).signature()


def _hash_file(path: Path, digest: Any) -> None:
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)


def _hash_entry(entry: str, digest: Any) -> None:
    """Feed one document's bytes (a file, or every file of a folder with its name)."""
    path = Path(entry)
    digest.update(b"\0doc\0" + os.fsencode(entry) + b"\0")
    try:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file())
            for f in files:
                digest.update(b"\0file\0" + os.fsencode(f.relative_to(path).as_posix()) + b"\0")
                _hash_file(f, digest)
        else:
            _hash_file(path, digest)
    except OSError as err:
        # the topic fails when it runs, naming the file; its key changes once it can be read
        digest.update(f"\0unreadable\0{type(err).__name__}".encode())


def topic_key(topic: Topic, signature: str) -> str:
    """The hash of a topic's inputs (id, documents in order, their bytes) and ``signature``."""
    digest = hashlib.sha256()
    digest.update(signature.encode("utf-8") + b"\0topic\0" + topic.id.encode("utf-8"))
    for entry in topic.documents:
        _hash_entry(entry, digest)
    return digest.hexdigest()


class StateStore:
    """The records of one output folder's topics (``OUT/state/``)."""

    def __init__(self, out: str | os.PathLike[str]) -> None:
        self.root = Path(out)
        self.folder = self.root / "state"

    def prepare(self) -> None:
        """Create the folders (output and state); remove temporary files a killed run left."""
        for folder in (self.root, self.folder):
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except FileExistsError:
                raise BatchError(str(folder), "exists and is not a folder") from None
            except OSError as err:
                raise BatchError(str(folder), f"cannot create: {err.strerror or err}") from err
        for stale in self.folder.glob(".*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()

    def path(self, topic_id: str) -> Path:
        return self.folder / f"{topic_id}.json"

    def load(self, topic_id: str) -> dict[str, Any] | None:
        """The record of a topic, or ``None`` when there is none or it cannot be used (a
        record from another layout, or unreadable: the topic then runs again)."""
        path = self.path(topic_id)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as err:
            log.warning("%s: unusable record (%s); the topic runs again", path, err)
            return None
        if not isinstance(data, dict) or data.get("format") != RECORD_FORMAT:
            log.warning("%s: a record of another layout; the topic runs again", path)
            return None
        return data

    def save(self, topic_id: str, record: Mapping[str, Any]) -> Path:
        path = self.path(topic_id)
        data = json.dumps({"format": RECORD_FORMAT, **record}, ensure_ascii=False, indent=1)
        try:
            write_atomic(path, data.encode("utf-8"))
        except OSError as err:
            raise BatchError(str(path), f"cannot write: {err.strerror or err}") from err
        return path
