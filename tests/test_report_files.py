"""The three report files are replaced as one set, even when the writer is killed midway."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sourcecompare.report.files import JOURNAL, complete_pending, write_files

NAMES = ("report.html", "report.md", "report.json")


def _contents(folder: Path) -> set[str]:
    return {(folder / n).read_text(encoding="utf-8").split(":")[0] for n in NAMES}


def test_a_set_is_written_whole_and_leaves_nothing_behind(tmp_path: Path) -> None:
    paths = write_files(tmp_path, {n: f"old:{n}" for n in NAMES})
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(NAMES)
    assert set(paths) == set(NAMES)
    write_files(tmp_path, {n: f"new:{n}" for n in NAMES})
    assert _contents(tmp_path) == {"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(NAMES)


# the writer makes four moves: the journal into place (the commit), then the three files
@pytest.mark.parametrize("moves_before_death", [0, 1, 2, 3])
def test_killed_writer_leaves_one_runs_set(tmp_path: Path, moves_before_death: int) -> None:
    """The writer dies (os._exit, no clean-up) after N of its file moves: what a reader sees
    afterwards, once it has called ``complete_pending``, is all old or all new."""
    write_files(tmp_path, {n: f"old:{n}" for n in NAMES})
    child = textwrap.dedent(
        f"""
        import os, sys
        from sourcecompare.report import files
        real = os.replace
        count = 0
        def dying_replace(a, b):
            global count
            if count == {moves_before_death}:
                os._exit(9)
            count += 1
            real(a, b)
        files.os.replace = dying_replace
        files.write_files(sys.argv[1], {{n: "new:" + n for n in {NAMES!r}}})
        """
    )
    done = subprocess.run([sys.executable, "-c", child, str(tmp_path)], check=False)
    assert done.returncode == 9
    complete_pending(tmp_path)
    seen = _contents(tmp_path)
    assert len(seen) == 1, seen
    # dying before the journal is in place keeps the old set; after it, the new one wins
    if moves_before_death == 0:
        assert seen == {"old"}
    else:
        assert seen == {"new"}
    assert not (tmp_path / JOURNAL).exists()
    write_files(tmp_path, {n: f"third:{n}" for n in NAMES})  # the next writer cleans up
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(NAMES)


def test_a_corrupt_journal_is_a_named_error(tmp_path: Path) -> None:
    from sourcecompare.errors import ReportError

    (tmp_path / JOURNAL).write_text("{not json", encoding="utf-8")
    with pytest.raises(ReportError, match=JOURNAL):
        complete_pending(tmp_path)
    (tmp_path / JOURNAL).write_text('{"../x": "report.html"}', encoding="utf-8")
    with pytest.raises(ReportError, match="not a journal"):
        complete_pending(tmp_path)
