"""Checks of work on a second core, each run by ``tests/test_fork.py`` in a fresh interpreter.

A fork is used only when no other thread runs, and a pytest process may hold threads that
earlier tests left (a browser driver's event loop), so these run where nothing else has run:
``python -m tests.fork_checks NAME``.  A check raises on failure; the process exits with 77
when forking is not usable on this machine (one processor, not Linux), which the test reports
as a skip.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
import time
from collections.abc import Callable

from sourcecompare import _fork

#: the exit status for "forking is not usable here"
NOT_USABLE = 77


def _no_children() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def bytes_come_back() -> None:
    """The work runs in another process, and its byte strings (more than a pipe holds) come
    back, each whole."""
    job = _fork.start(lambda: [str(os.getpid()).encode(), bytes(range(256)) * 1000, b""])
    assert job is not None
    data = job.result()
    assert data is not None
    pid, big, empty = data
    assert int(pid) != os.getpid()
    assert big == bytes(range(256)) * 1000
    assert empty == b""
    assert _no_children()
    try:
        job.result()
    except RuntimeError as err:
        assert "once" in str(err)
    else:
        raise AssertionError("a second result() was allowed")


def _fails(work: Callable[[], object]) -> None:
    job = _fork.start(work)  # type: ignore[arg-type]
    assert job is not None
    assert job.result() is None
    assert _no_children()


def child_raises() -> None:
    _fails(lambda: 1 / 0)


def child_killed() -> None:
    _fails(lambda: os.kill(os.getpid(), signal.SIGKILL))


def child_gives_no_bytes() -> None:
    _fails(lambda: "not bytes")


def cancel_stops_the_child() -> None:
    job = _fork.start(lambda: time.sleep(60) or [b"late"])
    assert job is not None
    t0 = time.monotonic()
    job.cancel()
    assert time.monotonic() - t0 < 10
    assert _no_children()
    job.cancel()  # a second cancel does nothing


def tasks_are_shared_and_each_done_once() -> None:
    """The child does tasks from the first on and the parent takes the rest from the last
    one down: every task is done, the parent never given one the child holds."""
    started_r, started_w = os.pipe()

    def work(i: int) -> bytes:
        if i == 0:
            os.write(started_w, b"!")  # (the child holds task 0: its byte is set before)
        time.sleep(0.2)
        return f"{i}:{os.getpid()}".encode()

    shared = _fork.share(10, work)
    assert shared is not None
    assert os.read(started_r, 1) == b"!"
    mine = list(shared.take())
    assert 0 not in mine and mine == sorted(mine, reverse=True) and mine, mine
    assert mine[0] == 9 and mine == list(range(9, 9 - len(mine), -1)), mine
    parts = shared.result()
    assert len(parts) == 10
    child = {i for i, part in enumerate(parts) if part is not None}
    assert 0 in child and child | set(mine) == set(range(10)), (child, mine)
    assert not child & set(mine), (child, mine)  # the child stopped at the parent's first
    for i in child:
        n, pid = parts[i].decode().split(":")  # type: ignore[union-attr]
        assert int(n) == i and int(pid) != os.getpid()
    assert _no_children()


def a_failed_sharing_child_leaves_its_tasks() -> None:
    """The child fails at its first task: the parent takes every other one, and the result
    says the child gave none, so the caller does the first one itself."""

    def work(i: int) -> bytes:
        time.sleep(0.1)
        raise MemoryError

    shared = _fork.share(4, work)
    assert shared is not None
    time.sleep(0.05)  # (the child has taken task 0 by now, or the parent takes all four)
    mine = list(shared.take())
    assert set(mine) <= {1, 2, 3}
    assert shared.result() == [None] * 4
    assert _no_children()


def _count_forks() -> list[_fork.Job | None]:
    """From now on, every :func:`_fork.start` in this process is listed (its job, or ``None``
    when it did not fork) in the list returned."""
    started: list[_fork.Job | None] = []
    real = _fork.start

    def counted(work: Callable[[], list[bytes]]) -> _fork.Job | None:
        job = real(work)
        started.append(job)
        return job

    _fork.start = counted  # type: ignore[assignment]
    return started


def _raises_in_parent(call: Callable[[], object], message: str) -> None:
    """``call()`` raises the parent's ``ValueError`` (with ``message``), and leaves no child
    running."""
    try:
        call()
    except ValueError as err:
        assert message in str(err)
    else:
        raise AssertionError("the parent's error was lost")
    assert _no_children()


def _report():  # type: ignore[no-untyped-def]
    from .test_report import build_report

    return build_report()


def two_cores_render_what_one_does() -> None:
    from sourcecompare.report.files import render_files

    report = _report()
    started = _count_forks()
    assert render_files(report, parallel=True) == render_files(report)
    assert len(started) == 1 and started[0] is not None, started  # the parallel one forked
    assert _no_children()


def a_failed_child_leaves_the_work_to_the_parent() -> None:
    """The child's JSON renderer fails (only in the child); the files are still the same."""
    import tempfile
    from pathlib import Path

    from sourcecompare.report.files import render_files, write_report

    to_json = importlib.import_module("sourcecompare.report.to_json")
    parent = os.getpid()
    real = to_json.render_json

    def fails_in_child(index: object) -> str:
        if os.getpid() != parent:
            raise MemoryError
        return real(index)  # type: ignore[no-any-return]

    report = _report()
    expected = render_files(report)
    to_json.render_json = fails_in_child
    with tempfile.TemporaryDirectory() as folder:
        written = write_report(report, folder, parallel=True)
        got = {Path(p).name: Path(p).read_text(encoding="utf-8") for p in written.values()}
    assert got == expected
    assert _no_children()


def an_error_in_the_parent_stops_the_child() -> None:
    from sourcecompare.report.files import render_files

    to_html = importlib.import_module("sourcecompare.report.to_html")

    def broken(index: object) -> str:
        raise ValueError("no page")

    to_html.render_html = broken
    _raises_in_parent(lambda: render_files(_report(), parallel=True), "no page")


def _corpus():  # type: ignore[no-untyped-def]
    from pathlib import Path

    from sourcecompare.pipeline import read_many

    return read_many([Path(__file__).resolve().parents[1] / "corpus"])


def claims_on_a_second_core_are_the_same() -> None:
    """``compare(parallel=True)`` extracts the claims in a child: the report is the same."""
    from sourcecompare.compare import compare

    docs = _corpus()
    started = _count_forks()
    steps: list[str] = []
    assert compare(docs, parallel=True, progress=steps.append) == compare(docs)
    assert len(started) == 1 and started[0] is not None, started
    here = [s for s in steps if s.startswith("claims: ")]  # the documents the parent took
    assert "claims" in steps and len(here) < len(docs), steps
    assert _no_children()


def claims_shared_between_the_cores_are_the_same() -> None:
    """The child is slowed after each document, so the parent, once it has aligned, takes
    the ones left: the claims of both, put together, make the same report."""
    from sourcecompare import claims
    from sourcecompare.compare import compare

    docs = _corpus()
    expected = compare(docs)
    parent = os.getpid()
    real = claims.extract_claims

    def slow_in_child(doc: object) -> object:
        found = real(doc)  # type: ignore[arg-type]
        if os.getpid() != parent:
            time.sleep(1.0)
        return found

    claims.extract_claims = slow_in_child  # type: ignore[assignment]
    steps: list[str] = []
    assert compare(docs, parallel=True, progress=steps.append) == expected
    here = [s for s in steps if s.startswith("claims: ")]
    longest = max(docs, key=lambda d: sum(len(p.text) for p in d.paragraphs))
    assert 0 < len(here) < len(docs) and f"claims: {longest.id}" not in here, steps
    assert _no_children()


def a_failed_claims_child_leaves_them_to_the_parent() -> None:
    """The extractor fails in the child only: the parent extracts, and the report is the same."""
    from sourcecompare import claims
    from sourcecompare.compare import compare

    docs = _corpus()
    expected = compare(docs)
    parent = os.getpid()
    real = claims.extract_claims

    def fails_in_child(doc: object) -> object:
        if os.getpid() != parent:
            raise MemoryError
        return real(doc)  # type: ignore[arg-type]

    claims.extract_claims = fails_in_child  # type: ignore[assignment]
    steps: list[str] = []
    assert compare(docs, parallel=True, progress=steps.append) == expected
    assert sum(s.startswith("claims: ") for s in steps) == len(docs), steps  # done here
    assert _no_children()


def an_error_while_aligning_stops_the_claims_child() -> None:
    from sourcecompare import align
    from sourcecompare.compare import compare

    def broken(*args: object, **kwargs: object) -> object:
        raise ValueError("no alignment")

    align.align = broken  # type: ignore[assignment]
    _raises_in_parent(lambda: compare(_corpus(), parallel=True), "no alignment")


def the_compare_command_forks() -> None:
    """``sourcecompare compare`` draws its progress without a thread, so its claims are
    extracted on the second core (and its report files rendered there)."""
    import contextlib
    import io

    from sourcecompare.cli import main

    started = _count_forks()
    root = os.path.join(os.path.dirname(__file__), "..", "corpus")
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["compare", root]) == 0
    assert len(started) == 1 and started[0] is not None, started
    assert _no_children()


CHECKS: dict[str, Callable[[], None]] = {
    f.__name__: f
    for f in (
        bytes_come_back,
        tasks_are_shared_and_each_done_once,
        a_failed_sharing_child_leaves_its_tasks,
        child_raises,
        child_killed,
        child_gives_no_bytes,
        cancel_stops_the_child,
        two_cores_render_what_one_does,
        a_failed_child_leaves_the_work_to_the_parent,
        an_error_in_the_parent_stops_the_child,
        claims_on_a_second_core_are_the_same,
        claims_shared_between_the_cores_are_the_same,
        a_failed_claims_child_leaves_them_to_the_parent,
        an_error_while_aligning_stops_the_claims_child,
        the_compare_command_forks,
    )
}


if __name__ == "__main__":
    if not _fork.usable():
        sys.exit(NOT_USABLE)
    CHECKS[sys.argv[1]]()
    print("ok")
