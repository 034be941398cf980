"""Work done on a second core: a forked child computes bytes while this process goes on.

Only where it is safe and of use: on Linux, with at least two processors this process may
run on, and with no other thread alive (a fork copies only the calling thread, so a lock
another thread holds would stay held in the child for ever).  Everywhere else
:func:`start` returns ``None`` and the caller does the work itself.

The child runs ``work``, sends its result through a pipe, framed by its length, and ends
with ``os._exit`` (no exit handlers, no flushing of buffers it inherited).  Whatever goes
wrong there (an exception, a signal, a result cut short) the parent sees only a job whose
:meth:`Job.result` is ``None``, and does the work itself: a job saves time, never changes
what is computed, and a failure in the child is raised again, if it is real, when the parent
repeats the work.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import struct
import sys
import threading
from collections.abc import Callable

__all__ = ["Job", "start", "usable"]

log = logging.getLogger(__name__)

_LENGTH = struct.Struct("<Q")


def usable() -> bool:
    """Whether :func:`start` would fork: Linux, two processors or more, one thread."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    if threading.active_count() != 1:
        return False
    try:
        return len(os.sched_getaffinity(0)) >= 2
    except OSError:  # pragma: no cover - the call exists on Linux
        return False


class Job:
    """A child computing bytes; :meth:`result` waits for them (``None`` if it failed)."""

    def __init__(self, pid: int, fd: int) -> None:
        self._pid = pid
        self._fd = fd
        self._done = False

    def result(self) -> bytes | None:
        """The child's bytes, once it has ended; ``None`` when it failed in any way."""
        if self._done:
            raise RuntimeError("the result of a job is taken once")
        try:
            with os.fdopen(self._fd, "rb") as pipe:
                data = pipe.read()
        finally:
            self._done = True
            status = self._reap()
        if status != 0:
            log.debug("forked job %d ended with status %s: done here instead", self._pid, status)
            return None
        if len(data) < _LENGTH.size or _LENGTH.unpack_from(data)[0] != len(data) - _LENGTH.size:
            log.debug("forked job %d sent a cut result: done here instead", self._pid)
            return None
        return data[_LENGTH.size :]

    def cancel(self) -> None:
        """Stop the child and let it go (the caller no longer needs its result)."""
        if self._done:
            return
        self._done = True
        with contextlib.suppress(ProcessLookupError):
            os.kill(self._pid, signal.SIGKILL)
        os.close(self._fd)
        self._reap()

    def _reap(self) -> int | None:
        try:
            _, status = os.waitpid(self._pid, 0)
        except ChildProcessError:  # reaped by someone else (a SIGCHLD handler)
            return None
        return os.waitstatus_to_exitcode(status)


def start(work: Callable[[], bytes]) -> Job | None:
    """Run ``work`` in a forked child and return its :class:`Job`, or ``None`` when forking is
    not :func:`usable` here (or fails): then the caller runs ``work`` itself."""
    if not usable():
        return None
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError as err:
        os.close(read_end)
        os.close(write_end)
        log.debug("cannot fork (%s): the work is done here", err)
        return None
    if pid == 0:  # the child: never returns
        code = 1
        try:
            os.close(read_end)
            data = work()
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(_LENGTH.pack(len(data)))
                pipe.write(data)
            code = 0
        except BaseException:  # the parent repeats the work, and meets the error if it is real
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    return Job(pid, read_end)
