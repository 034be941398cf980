"""Work on a second core (``sourcecompare._fork``) and the report files rendered with it: the
same bytes as rendered in one process, whatever goes wrong in the child.

The checks that fork run in a fresh interpreter each (``tests/fork_checks.py``): a fork is
used only when no other thread runs, and this process may hold threads of earlier tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from sourcecompare import _fork

from . import fork_checks

ROOT = Path(__file__).resolve().parents[1]


def _two_processors_on_linux() -> bool:
    return sys.platform.startswith("linux") and len(os.sched_getaffinity(0)) >= 2


@pytest.mark.parametrize("name", sorted(fork_checks.CHECKS))
def test_forked_work(name: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.fork_checks", name],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode == fork_checks.NOT_USABLE:
        # only where the machine says so, not because ``usable`` wrongly refuses
        assert not _two_processors_on_linux(), "_fork.usable() refused in a one-thread process"
        pytest.skip("forking is used only on Linux with two processors or more")
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_no_fork_while_another_thread_runs() -> None:
    """A fork copies only the calling thread: a lock another one holds stays held."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not _fork.usable()
        assert _fork.start(lambda: b"x") is None
    finally:
        stop.set()
        other.join()


def test_no_fork_on_one_processor_or_off_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0}, raising=False)
    assert not _fork.usable()
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    monkeypatch.setattr(_fork.sys, "platform", "darwin")
    assert not _fork.usable()
    monkeypatch.setattr(_fork.sys, "platform", "linux")
    assert _fork.usable() == hasattr(os, "fork")  # the same machine, told it has two


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x01\x00\x00",  # a count cut short
        _fork.frame([b"abc", b"de"])[:-1],  # the last part cut short
        _fork.frame([b"abc"])[:10],  # a length cut short
        _fork.frame([b"abc"]) + b"x",  # more than the message
        b"\x02" + b"\x00" * 7 + _fork.frame([b"abc"])[8:],  # fewer parts than counted
    ],
)
def test_data_not_one_whole_message_is_no_result(data: bytes) -> None:
    assert _fork.unframe(data) is None


def test_parts_come_back_as_framed() -> None:
    parts = ["# 北韓\n".encode(), b'{"a": 1}\n', b""]
    assert _fork.unframe(_fork.frame(parts)) == parts
    assert _fork.unframe(_fork.frame([])) == []
