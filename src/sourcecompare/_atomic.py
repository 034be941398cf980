"""Writing a file in one step: a reader sees the old file or the new one, never a part.

Every writer of the package that replaces a file (the report set, exports, batch records,
the resource cache) goes through here, so the temporary-file, flush and clean-up rules are
written once.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

__all__ = ["write_atomic", "write_temp"]


def write_temp(folder: Path, stem: str, data: bytes) -> Path:
    """Write ``data`` to a new temporary file ``folder/.STEM.XXXX.tmp``, on disk (flushed and
    synced) before returning its path.  The file gets the permissions any new file gets (the
    umask applies).  Nothing is left behind if writing fails."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = folder / f".{stem}.{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(tmp, flags, 0o666)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` through a temporary file beside it.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     target = Path(d) / "a.txt"
    ...     write_atomic(target, b"new")
    ...     target.read_bytes(), sorted(p.name for p in Path(d).iterdir())
    (b'new', ['a.txt'])
    """
    tmp = write_temp(path.parent, path.name, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
