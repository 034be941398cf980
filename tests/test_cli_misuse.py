"""Every command, every option, given bad values: a clean one-line error, never a traceback.

The walk is over the real parser, so an option added later is walked too.  A value is either
refused by argparse (exit status 2, usage on stderr) or accepted and then refused by the
library with a named error (exit status 2, ``error: ...``), or it is a value the command can
really use; what must never happen is an exception escaping ``main``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from sourcecompare.cli import COMMANDS, build_parser, main

BAD_VALUES = ("abc", "-1", "70000", "", "[/x]", "lexical=abc", "9" * 400, "\udcff")


def _subparser(command: str) -> argparse.ArgumentParser:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return action.choices[command]  # type: ignore[index]


def _valued_options(command: str) -> list[str]:
    out = []
    for action in _subparser(command)._actions:
        if action.nargs == 0 or not action.option_strings:
            continue  # flags take no value; positionals are given below
        out.append(next(f for f in action.option_strings if f.startswith("--")))
    return out


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Positional arguments per command: tiny real files (or a folder with no report)."""
    root = tmp_path_factory.mktemp("misuse")
    zh = root / "zh.txt"
    zh.write_text("1959年有27000人前往。\n", encoding="utf-8")
    en = root / "en.txt"
    en.write_text("In 1959, 27,000 people went.\n", encoding="utf-8")
    empty = root / "no-report"
    empty.mkdir()
    files = [str(zh), str(en)]
    return {
        "inspect": files,
        "claims": files,
        "compare": files,
        "align": files,
        "review": [str(empty)],
        "export": [str(empty)],
    }


CASES = [(c, o, v) for c in sorted(COMMANDS) for o in _valued_options(c) for v in BAD_VALUES]


@pytest.mark.parametrize(("command", "option", "value"), CASES)
def test_bad_option_value_is_a_clean_error(
    command: str,
    option: str,
    value: str,
    inputs: dict[str, list[str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)  # anything a command writes lands in the test's own folder
    if command == "review":
        monkeypatch.setattr("webbrowser.open", lambda *a, **k: False)
    try:
        code = main([command, *inputs.get(command, []), option, value])
    except SystemExit as done:
        code = done.code  # type: ignore[assignment]
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert code in (0, 1, 2), f"{command} {option} {value!r}: exit {code!r}"


def test_error_messages_are_printed_as_plain_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file name or manifest key holding "[...]" is shown as written, not read as markup."""
    missing = tmp_path / "[bold]missing.txt"
    assert main(["inspect", str(missing)]) == 2
    err = capsys.readouterr().err.replace("\n", "")
    assert "[bold]missing.txt" in err

    (tmp_path / "a.txt").write_text("hello\n", encoding="utf-8")
    (tmp_path / "manifest.toml").write_text(
        '[[document]]\nid = "a"\nfile = "a.txt"\n"[/x]" = "y"\n', encoding="utf-8"
    )
    assert main(["inspect", str(tmp_path)]) == 2
    err = capsys.readouterr().err.replace("\n", "")
    assert "unknown key '[/x]'" in err and "Traceback" not in err


def test_an_explicit_encoding_wins(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Big5 bytes are also valid GB18030; ``--encoding`` decides, whatever detection says."""
    path = tmp_path / "big5.txt"
    path.write_bytes("北韓的日本人".encode("big5"))
    assert main(["inspect", "--json", str(path)]) == 0
    assert '"encoding": "big5"' in capsys.readouterr().out
    assert main(["inspect", "--json", "--encoding", "gb18030", str(path)]) == 0
    assert '"encoding": "gb18030"' in capsys.readouterr().out
    with pytest.raises(SystemExit) as done:
        main(["inspect", "--encoding", "hex", str(path)])
    assert done.value.code == 2
    assert "'hex' is not a text encoding" in capsys.readouterr().err


def test_compare_takes_an_explicit_encoding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``compare(..., encoding=)`` and ``compare --encoding`` read every file in it: Big5 bytes
    that detection would also accept as GB18030 are read as told, and bytes that are not
    valid in the named encoding are an error naming the file."""
    import json

    from sourcecompare import compare
    from sourcecompare.errors import EncodingError

    text = "1959年有27000人前往北韓。\n"
    big5 = tmp_path / "zh.txt"
    big5.write_bytes(text.encode("big5"))
    en = tmp_path / "en.txt"
    en.write_text("In 1959, 27,000 people went to North Korea.\n", encoding="utf-8")
    report = compare([big5, en], encoding="big5")
    assert [d.encoding for d in report.documents] == ["big5", "big5"]
    assert report.documents[0].raw == text
    as_gb = compare([big5, en], encoding="gb18030")
    assert as_gb.documents[0].encoding == "gb18030" and as_gb.documents[0].raw != text
    with pytest.raises(EncodingError) as err:
        compare([big5, en], encoding="utf-8")
    assert err.value.path == str(big5)
    out = tmp_path / "out"
    assert main(["compare", str(big5), str(en), "--encoding", "big5", "-o", str(out)]) == 0
    data = json.dumps(json.loads((out / "report.json").read_text(encoding="utf-8")))
    assert json.dumps("前往北韓")[1:-1] in data  # the Chinese read as Big5, as written
    capsys.readouterr()
    assert main(["compare", str(big5), str(en), "--encoding", "utf-8"]) == 2
    err_text = capsys.readouterr().err.replace("\n", "")
    assert str(big5) in err_text and "not valid utf-8" in err_text and "Traceback" not in err_text
