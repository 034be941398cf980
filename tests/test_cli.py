"""The command line: every command is documented, errors come out clean."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sourcecompare.cli import COMMANDS, build_parser, main

from .conftest import CORPUS, ROOT

DOC = ROOT / "docs" / "cli.md"


def test_every_command_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    documented = set(re.findall(r"^## `sourcecompare (\w+)", text, flags=re.M))
    assert documented == set(COMMANDS), "docs/cli.md and the command table disagree"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_option_is_documented(command: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    section = text.split(f"## `sourcecompare {command}", 1)[1].split("\n## ", 1)[0]
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command").choices[command]  # type: ignore[union-attr]
    for action in sub._actions:
        for flag in action.option_strings:
            if flag.startswith("--") and flag != "--help":
                assert f"`{flag}" in section, f"{command} {flag} is not in docs/cli.md"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_parser_of_one_command_parses_like_the_full_one(command: str) -> None:
    """``main`` fills in only the command it runs; that command's options are all there."""

    def options(parser: argparse.ArgumentParser) -> list[tuple[str, ...]]:
        sub = next(a for a in parser._actions if a.dest == "command").choices[command]  # type: ignore[union-attr]
        return [tuple(a.option_strings) or (a.dest,) for a in sub._actions]

    assert options(build_parser(command)) == options(build_parser())


def test_command_is_the_first_word_that_is_not_an_option() -> None:
    from sourcecompare.cli import _command

    assert _command(["-v", "claims", "a.md"]) == "claims"
    assert _command(["-vv", "compare", "-o", "x"]) == "compare"
    assert _command(["--help"]) is None
    assert _command(["nonsense", "claims"]) is None


def test_claims_does_not_import_the_other_commands() -> None:
    code = (
        "import sys; from sourcecompare.cli import build_parser; build_parser('claims'); "
        "print(sorted(m for m in ('sourcecompare.cli.review', 'sourcecompare.cli.batch', "
        "'sourcecompare.cli.fetch', 'sourcecompare.cli.claims') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['sourcecompare.cli.claims']"


def test_help_runs(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert name in out


def test_missing_file_is_a_clean_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.txt"
    assert main(["inspect", str(missing)]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err.replace("\n", "")
    assert "Traceback" not in err


def test_bad_manifest_is_a_clean_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "manifest.toml").write_text('[[document]]\nid = "x"\nfile = "gone.txt"\n')
    assert main(["inspect", str(tmp_path)]) == 2
    err = capsys.readouterr().err.replace("\n", "")
    assert "manifest.toml:3" in err and "no such file" in err


def test_inspect_json_on_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", "--json", str(CORPUS)]) == 0
    docs = json.loads(capsys.readouterr().out)
    assert [d["id"] for d in docs] == [
        "zh-wiki-japanese-in-north-korea",
        "en-wiki-japanese-in-north-korea",
        "scmp-video-japan-to-north-korea",
        "zh-wiki-japan-north-korea-relations",
        "wolman-2024",
    ]
    for d in docs:
        assert set(d) >= {"id", "format", "language", "script", "encoding", "paragraphs"}
        assert d["paragraphs"], d["id"]
        for p in d["paragraphs"]:
            assert set(p) >= {"index", "kind", "section", "text"}


def test_compare_rerun_keeps_verdicts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sourcecompare.review import ReviewStore

    out = tmp_path / "out"
    assert main(["compare", str(CORPUS), "-o", str(out)]) == 0
    first = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {p.name for p in out.iterdir()} >= {"report.html", "report.md", "report.json"}
    conflict = next(f for f in first["findings"] if f["relation"] == "conflict")
    # the review page creates the store; a compare run records its findings in it
    ReviewStore.open(out / "review.sqlite").close()
    assert main(["compare", str(CORPUS), "-o", str(out)]) == 0
    with ReviewStore.open(out / "review.sqlite") as store:
        store.set_verdict(conflict["id"], "confirmed-discrepancy", "checked the paper", "ana")
    capsys.readouterr()
    assert main(["compare", str(CORPUS), "-o", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    printed = " ".join(" ".join(lines).split())
    assert "1 findings carry verdicts" in printed and "0 gone from the sources" in printed
    # the terminal's listing shows the verdict beside the conflict
    marked = [ln for ln in lines if ln.startswith("  conflict ") and "[" in ln]
    assert len(marked) == 1 and marked[0].rstrip().endswith("[Confirmed discrepancy]")
    again = json.loads((out / "report.json").read_text(encoding="utf-8"))
    kept = next(f for f in again["findings"] if f["id"] == conflict["id"])
    assert kept["status"] == "confirmed-discrepancy"
    assert "confirmed-discrepancy" in (out / "report.html").read_text(encoding="utf-8")


def test_compare_prints_the_conflicts_grouped_by_figure_in_report_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The terminal lists the conflicts (two lines each) in the order of report.json: the
    figures that differ first, so that they show however narrow the terminal, then the sources
    grouped by figure."""
    out = tmp_path / "out"
    assert main(["compare", str(CORPUS), "-o", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    conflicts = [f for f in data["findings"] if f["relation"] == "conflict"]
    shown = [ln for ln in lines if ln.startswith("  conflict ")]
    assert len(shown) == len(conflicts) > 0
    for line, f in zip(shown, conflicts, strict=True):
        assert f"{f['confidence']:.2f}" in line
        figures = " / ".join(g["figure"] for g in f["sources"])
        head = line.split(f"{f['confidence']:.2f}", 1)[1].strip()
        assert head.startswith(f"{f['subject']}: {figures}"[:40]), head
        after = lines[lines.index(line) + 1].strip()
        first = f["sources"][0]
        assert after.startswith(f"{first['figure']}: {first['documents'][0]}"[:30]), after
    assert not any(ln.startswith("  one-sided ") for ln in lines)
    assert any(ln.startswith("signature: sourcecompare:") for ln in lines)


def test_compare_meta_describes_a_file_given_on_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    zh = tmp_path / "zh.txt"
    en = tmp_path / "en.txt"
    zh.write_text("1959年至1984年間，共有6637名日本人前往朝鮮。\n", encoding="utf-8")
    en.write_text("Between 1959 and 1984, 6,836 Japanese went to North Korea.\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["compare", str(zh), str(en), "-o", str(out)]
    meta = ["--meta", str(en), "id=paper", "tier=peer-reviewed", "author=A. Writer",
            "journal=Journal of Tests", "volume=3", "pages=10-20",
            "url=https://example.org/p"]  # fmt: skip
    assert main([*args, *meta]) == 0
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    docs = {d["id"]: d for d in data["documents"]}
    paper = docs["paper"]
    assert paper["tier"] == "peer-reviewed"
    assert (
        paper["citation"] == "A. Writer; Journal of Tests, vol. 3, pp. 10-20; https://example.org/p"
    )
    assert "https://example.org/p" in (out / "report.md").read_text(encoding="utf-8")
    capsys.readouterr()
    # misuse: an unknown key, a tier no manifest takes, a file not among the paths
    with pytest.raises(SystemExit) as bad:
        main([*args, "--meta", str(en), "colour=blue"])
    assert bad.value.code == 2 and "unknown key 'colour'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main([*args, "--meta", str(en), "tier=blog"])
    assert "tier 'blog' is not one of" in capsys.readouterr().err
    assert main([*args, "--meta", str(tmp_path / "other.txt"), "tier=encyclopedia"]) == 2
    assert "not a PATH given" in capsys.readouterr().err


def test_claims_of_a_long_list_print_as_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Over TABLE_ROWS claims a document's claims are tab-separated lines, one a claim, with
    the table's columns (a rich table of thousands of rows takes seconds to lay out)."""
    from sourcecompare.cli.claims import TABLE_ROWS

    path = tmp_path / "list.txt"
    path.write_text("1959年有27000人，" * (TABLE_ROWS // 2 + 1) + "\n", encoding="utf-8")
    assert main(["claims", str(path)]) == 0
    out = capsys.readouterr().out
    lines = [line.split("\t") for line in out.splitlines() if "\t" in line]
    assert lines[0] == ["¶", "text", "kind", "value", "interval", "qualifier", "unit",
                        "counted", "note"]  # fmt: skip
    assert len(lines) == 1 + 2 * (TABLE_ROWS // 2 + 1)
    assert lines[1][:5] == ["0", "1959年", "year", "1959", "1959"]
    assert lines[2][1:4] == ["27000人", "count", "27,000"]
    short = tmp_path / "short.txt"
    short.write_text("1959年有27000人。\n", encoding="utf-8")
    assert main(["claims", str(short)]) == 0
    assert "\t" not in capsys.readouterr().out  # a table as before


def test_the_command_runs_main_with_a_lazier_garbage_collector(tmp_path: Path) -> None:
    """The console script is ``cli.script``: ``main`` with the cyclic collector set to run less
    often (a run's data has no cycles); ``main`` called in-process leaves the settings alone."""
    import gc

    from sourcecompare import cli

    code = (
        "import gc, sys\n"
        "from sourcecompare import cli\n"
        f"sys.argv = ['sourcecompare', 'inspect', {str(tmp_path / 'missing.txt')!r}]\n"
        "code = cli.script()\n"
        "print(code, gc.get_threshold()[0])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == ["2", str(cli.GC_THRESHOLD)]
    assert "missing.txt" in done.stderr
    before = gc.get_threshold()
    assert main(["inspect", str(tmp_path / "missing.txt")]) == 2
    assert gc.get_threshold() == before


def test_the_command_ends_with_its_status_after_the_exit_handlers_and_all_its_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``cli.command`` (the console script, ``python -m sourcecompare``) skips the
    interpreter's teardown only: the status is the command's, exit handlers run, and what it
    printed to a pipe arrives whole."""
    text = tmp_path / "list.txt"
    text.write_text("1959年有27000人，" * 300 + "\n", encoding="utf-8")
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('exit handler ran'))\n"
        "from sourcecompare import cli\n"
        "sys.argv = ['sourcecompare', *sys.argv[1:]]\n"
        "cli.command()\n"
        "print('not reached')\n"
    )
    run = [sys.executable, "-c", code]
    done = subprocess.run([*run, "claims", str(text)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    assert main(["claims", str(text)]) == 0
    assert done.stdout == capsys.readouterr().out + "exit handler ran\n"
    missing = subprocess.run(
        [*run, "inspect", str(tmp_path / "missing.txt")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert missing.returncode == 2
    assert "missing.txt" in missing.stderr
    assert missing.stdout == "exit handler ran\n"
    module = subprocess.run(
        [sys.executable, "-m", "sourcecompare", "inspect", str(tmp_path / "missing.txt")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert module.returncode == 2


def test_review_prints_its_paths_and_address_unbroken(tmp_path: Path) -> None:
    """On a narrow terminal the review command's first lines still hold the store's path and
    the page's address whole (the terminal folds them; a copy of the line gives them whole)."""
    import os

    from .test_review_store import write_report_dir

    folder = write_report_dir(tmp_path / "a-rather-long-folder-name-for-the-report")
    proc = subprocess.Popen(
        [sys.executable, "-m", "sourcecompare", "review", str(folder), "--port", "0",
         "--no-browser"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "40"},
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        first, second = proc.stdout.readline(), proc.stdout.readline()
    finally:
        proc.kill()
        proc.wait(10)
    assert str(folder / "review.sqlite") in first, first
    assert re.search(r"review page: http://127\.0\.0\.1:\d+/ ", second), second
