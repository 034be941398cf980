"""Work done on a second core: a forked child computes bytes while this process goes on.

Only where it is safe and of use: on Linux, with at least two processors this process may
run on, and with no other thread alive (a fork copies only the calling thread, so a lock
another thread holds would stay held in the child for ever).  Everywhere else
:func:`start` returns ``None`` and the caller does the work itself.

The child runs ``work``, sends the byte strings it returns through a pipe, framed by their
count and lengths (:func:`frame`), and ends with ``os._exit`` (no exit handlers, no flushing
of buffers it inherited).  Whatever goes wrong there (an exception, a signal, a result cut
short) the parent sees only a job whose :meth:`Job.result` is ``None``, and does the work
itself: a job saves time, never changes what is computed, and a failure in the child is
raised again, if it is real, when the parent repeats the work.

:func:`share` splits a list of tasks between the two processes, so that neither waits for the
other at the end: the child does them from the first on, while the parent, once it is free,
takes them from the last one down (:meth:`Shared.take`).  Who has a task is one byte per task
in memory both processes see (an anonymous shared ``mmap``, made before the fork).  A side
takes a task only while its byte is free and stops at the first one the other side holds, so
no task is left out; when both reach one task at the same instant, both may do it, and the
parent's own result is the one used.
"""

from __future__ import annotations

import contextlib
import logging
import mmap
import os
import signal
import struct
import sys
import threading
from collections.abc import Callable, Iterator, Sequence

__all__ = ["Job", "Shared", "frame", "share", "start", "unframe", "usable"]

log = logging.getLogger(__name__)

_LENGTH = struct.Struct("<Q")
#: who holds a task of :func:`share` (its byte in the shared board)
_FREE, _CHILD, _PARENT = 0, 1, 2


def frame(parts: Sequence[bytes]) -> bytes:
    """``parts`` as one message: their count, then each one's length and bytes."""
    return b"".join([_LENGTH.pack(len(parts)), *(_LENGTH.pack(len(part)) + part for part in parts)])


def unframe(data: bytes) -> list[bytes] | None:
    """The parts of a :func:`frame` message; ``None`` for data that is not one whole message
    (a child killed while writing sends a cut one)."""
    if len(data) < _LENGTH.size:
        return None
    (count,) = _LENGTH.unpack_from(data)
    at = _LENGTH.size
    parts: list[bytes] = []
    for _ in range(count):
        if at + _LENGTH.size > len(data):
            return None
        (n,) = _LENGTH.unpack_from(data, at)
        at += _LENGTH.size
        if at + n > len(data):
            return None
        parts.append(data[at : at + n])
        at += n
    return parts if at == len(data) else None


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
    """A child computing byte strings; :meth:`result` waits for them (``None`` if it failed)."""

    def __init__(self, pid: int, fd: int) -> None:
        self._pid = pid
        self._fd = fd
        self._done = False

    def result(self) -> list[bytes] | None:
        """The child's byte strings, once it has ended; ``None`` when it failed in any way."""
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
        parts = unframe(data)
        if parts is None:
            log.debug("forked job %d sent a cut result: done here instead", self._pid)
        return parts

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


def start(work: Callable[[], Sequence[bytes]]) -> Job | None:
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
            data = frame(work())
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            code = 0
        except BaseException:  # the parent repeats the work, and meets the error if it is real
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    return Job(pid, read_end)


class Shared:
    """Tasks ``0 .. count - 1`` shared with a forked child (:func:`share`): the child does them
    from the first on; :meth:`take` gives this process the ones left, from the last one
    down; :meth:`result` waits for the child and gives what it did."""

    def __init__(self, job: Job, board: mmap.mmap, count: int) -> None:
        self._job = job
        self._board = board
        self._count = count

    def take(self) -> Iterator[int]:
        """The tasks left for this process, from the last one down, each taken as it is
        given: it stops at the first task the child holds (the child does every task before
        it, or has failed and :meth:`result` says so)."""
        board = self._board
        for i in range(self._count - 1, -1, -1):
            if board[i] != _FREE:
                return
            board[i] = _PARENT
            yield i

    def result(self) -> list[bytes | None]:
        """Per task, the bytes the child made of it, or ``None`` where it did not (taken
        here, not reached, or the child failed)."""
        try:
            done = self._job.result()
        finally:
            self._board.close()
        parts: list[bytes | None] = list(done or ())
        return parts + [None] * (self._count - len(parts))

    def cancel(self) -> None:
        """Stop the child (the caller no longer needs its results)."""
        self._job.cancel()
        if not self._board.closed:
            self._board.close()


def share(count: int, work: Callable[[int], bytes]) -> Shared | None:
    """Tasks ``0 .. count - 1`` shared between a forked child, which runs ``work(i)`` from
    the first task on while the task is free, and this process, which takes the ones left
    (:meth:`Shared.take`) when it is free; ``None`` when forking is not :func:`usable` here
    (or fails): then the caller does every task itself."""
    if not usable():
        return None
    board = mmap.mmap(-1, max(count, 1))  # anonymous, shared with the child after the fork

    def child() -> list[bytes]:
        done: list[bytes] = []
        for i in range(count):
            if board[i] != _FREE:  # the parent has it, and every task after it
                break
            board[i] = _CHILD
            done.append(work(i))
        return done

    job = start(child)
    if job is None:
        board.close()
        return None
    return Shared(job, board, count)
