"""Saved alignments (alignments/*.json) and the align command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sourcecompare.align.store import FORMAT, load, merge_reviewed, save
from sourcecompare.cli import main
from sourcecompare.errors import AlignmentFileError
from sourcecompare.model import Alignment, Link

from .conftest import corpus_path

AL = Alignment(
    "zh-a",
    "en-b",
    "paragraph",
    "comparable",
    (Link((0,), (1,), 5.5), Link((2, 3), (4,), 3.25), Link((5,), (), -1.0)),
    "align:comparable|unit:paragraph|scorers:lexical=1|lex:x|v:1",
)


def test_save_and_load_round_trip_with_snippets(tmp_path: Path) -> None:
    path = save(AL, tmp_path, lambda k: f"源{k}" * 50, lambda k: f"target {k}")
    assert path.name == "zh-a__en-b.json"
    assert load(path) == AL
    data = json.loads(path.read_text("utf-8"))
    assert data["format"] == FORMAT
    first = data["links"][0]
    assert first["target_text"] == "target 1"
    assert first["source_text"].endswith("…") and len(first["source_text"]) <= 60
    assert data["links"][1]["source_text"].count(" | ") == 1


def test_reviewed_links_survive_a_new_run(tmp_path: Path) -> None:
    path = save(AL, tmp_path)
    data = json.loads(path.read_text("utf-8"))
    data["links"][0]["target"] = [3]
    data["links"][0]["reviewed"] = True
    path.write_text(json.dumps(data), encoding="utf-8")
    rerun = Alignment(
        AL.source,
        AL.target,
        AL.unit,
        AL.mode,
        (Link((0,), (1,), 9.0), Link((6,), (7,), 4.0)),
        AL.signature,
    )
    save(rerun, tmp_path)
    links = load(path).links
    assert Link((0,), (3,), 5.5, reviewed=True) in links
    assert Link((0,), (1,), 9.0) not in links  # it touches the reviewed unit 0
    assert Link((6,), (7,), 4.0) in links


def test_a_file_marked_reviewed_reviews_every_link(tmp_path: Path) -> None:
    path = save(AL, tmp_path)
    data = json.loads(path.read_text("utf-8"))
    data["reviewed"] = True
    path.write_text(json.dumps(data), encoding="utf-8")
    assert all(link.reviewed for link in load(path).links)
    assert merge_reviewed(AL, load(path)).links == load(path).links


def _file(**links: object) -> str:
    base = {"format": FORMAT, "source": "a", "target": "b", "unit": "paragraph"}
    return json.dumps({**base, "mode": "parallel", "signature": "s", **links})


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "not JSON"),
        ("[]", "expected a JSON object"),
        ('{"format": "other"}', "format"),
        (_file(links=[{"source": ["x"], "target": []}]), "source must be a list of unit numbers"),
        (_file(links=[{"source": [], "target": []}]), "links nothing to nothing"),
        (
            _file(links=[{"source": [1], "target": [2], "reviewed": "yes"}]),
            "reviewed must be true or false",
        ),
        (_file(links={"a": 1}), "'links' must be a list"),
    ],
)
def test_malformed_files_name_the_file(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AlignmentFileError, match=r"bad\.json") as info:
        load(path)
    assert problem in str(info.value)


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(AlignmentFileError, match=r"nowhere\.json"):
        load(tmp_path / "nowhere.json")


# --------------------------------------------------------------------------- command line


def test_cli_lines_beads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    zh = tmp_path / "a.zh"
    en = tmp_path / "a.en"
    zh.write_text(
        "那天下午我没有回家。\n他承认骗我不对。\n我问，你为什么要等我？\n", encoding="utf-8"
    )
    en.write_text(
        "I did not go home that afternoon.\nHe admitted he was wrong to lie to me.\n"
        "I asked, why did you wait for me?\n",
        encoding="utf-8",
    )
    assert main(["align", "--lines", str(zh), str(en), "--beads"]) == 0
    assert capsys.readouterr().out.split() == ["[0]:[0]", "[1]:[1]", "[2]:[2]"]


ZH_LINES = "那天下午我没有回家。\n他承认骗我不对。\n我问，你为什么要等我？\n"
EN_LINES = (
    "I did not go home that afternoon.\nHe admitted he was wrong to lie to me.\n"
    "I asked, why did you wait for me?\n"
)


def test_cli_lines_several_pairs_write_one_bead_file_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sourcecompare.align import align_lines
    from sourcecompare.align.metrics import read_beads

    (tmp_path / "001.zh").write_text(ZH_LINES, encoding="utf-8")
    (tmp_path / "001.en").write_text(EN_LINES, encoding="utf-8")
    (tmp_path / "002.zh").write_text("我们回家了。\n他笑了。\n", encoding="utf-8")
    (tmp_path / "002.en").write_text("We went home.\nHe laughed.\n", encoding="utf-8")
    out = tmp_path / "out"
    paths = [str(tmp_path / f) for f in ("001.zh", "001.en", "002.zh", "002.en")]
    assert main(["align", "--lines", *paths, "--save", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["001.align", "002.align"]
    for stem in ("001", "002"):
        zh = (tmp_path / f"{stem}.zh").read_text(encoding="utf-8").splitlines()
        en = (tmp_path / f"{stem}.en").read_text(encoding="utf-8").splitlines()
        assert read_beads(out / f"{stem}.align") == align_lines(zh, en)
    assert "002.align" in capsys.readouterr().out


def test_cli_lines_two_folders_pair_files_by_name(tmp_path: Path) -> None:
    from sourcecompare.align.metrics import read_beads

    zh, en, out = tmp_path / "zh", tmp_path / "en", tmp_path / "out"
    zh.mkdir()
    en.mkdir()
    (zh / "a.txt").write_text(ZH_LINES, encoding="utf-8")
    (en / "a.txt").write_text(EN_LINES, encoding="utf-8")
    (zh / "b.txt").write_text("我们回家了。\n", encoding="utf-8")
    (en / "b.txt").write_text("We went home.\n", encoding="utf-8")
    assert main(["align", "--lines", str(zh), str(en), "--save", str(out)]) == 0
    assert read_beads(out / "a.align") == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert read_beads(out / "b.align") == [((0,), (0,))]


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        pytest.param("odd", "pairs of files", id="odd number of files"),
        pytest.param("many", "use --save", id="several pairs without --save"),
        pytest.param("alone", "no counterpart", id="a file alone in one folder"),
        pytest.param("same", "same bead file", id="two pairs, one name"),
    ],
)
def test_cli_lines_batch_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], setup: str, message: str
) -> None:
    for name in ("x/1.zh", "x/1.en", "y/1.zh", "y/1.en", "y/2.zh"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("一。\n", encoding="utf-8")
    x, y = tmp_path / "x", tmp_path / "y"
    args = {
        "odd": [str(x / "1.zh"), str(x / "1.en"), str(y / "1.zh")],
        "many": [str(x / "1.zh"), str(x / "1.en"), str(y / "2.zh"), str(y / "1.en")],
        "alone": [str(x), str(y), "--save", str(tmp_path / "out")],
        "same": [str(x / "1.zh"), str(x / "1.en"), str(y / "1.zh"), str(y / "1.en"), "--save",
                 str(tmp_path / "out")],
    }[setup]  # fmt: skip
    assert main(["align", "--lines", *args]) == 2
    assert message in capsys.readouterr().err.replace("\n", "")
    assert not (tmp_path / "out").exists()


def test_cli_side_by_side(capsys: pytest.CaptureFixture[str]) -> None:
    a = corpus_path("zh-wiki-japanese-in-north-korea")
    b = corpus_path("en-wiki-japanese-in-north-korea")
    assert main(["align", str(a), str(b), "--width", "30"]) == 0
    out = capsys.readouterr().out
    assert "comparable" in out and "align:comparable|unit:paragraph" in out.replace("\n", "")
    assert "Kazumi Kitagawa" in out  # shown, with no counterpart


def test_cli_save_writes_one_file_per_pair(tmp_path: Path) -> None:
    a = corpus_path("zh-wiki-japanese-in-north-korea")
    b = corpus_path("en-wiki-japanese-in-north-korea")
    c = corpus_path("scmp-video-japan-to-north-korea")
    assert main(["align", str(a), str(b), str(c), "--save", str(tmp_path)]) == 0
    assert len(list(tmp_path.glob("*.json"))) == 3


def test_cli_errors_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", "--lines", str(tmp_path / "none.zh"), str(tmp_path / "none.en")]) == 2
    assert "none.zh" in capsys.readouterr().err
    assert main(["align", str(corpus_path("wolman-2024")), "--mode", "bogus"]) == 2
    a = corpus_path("zh-wiki-japanese-in-north-korea")
    b = corpus_path("en-wiki-japanese-in-north-korea")
    capsys.readouterr()
    assert main(["align", str(a), str(b), "--mode", "bogus"]) == 2
    assert "valid modes" in capsys.readouterr().err.replace("\n", "")
