"""Batch pieces that need no comparison: topic lists and their errors, keys, records, the
table built from records, the executor table, and the command's clean errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sourcecompare.batch import Topic, compare_many, load_topics, read_table, write_table
from sourcecompare.batch.executors import EXECUTORS, LocalPool, make_executor
from sourcecompare.batch.state import StateStore, run_settings, settings_signature, topic_key
from sourcecompare.batch.table import FINDING_COLUMNS, TOPIC_COLUMNS
from sourcecompare.batch.work import error_record
from sourcecompare.cli import main
from sourcecompare.compare import CompareSettings
from sourcecompare.errors import (
    BatchError,
    EmptyDocument,
    ManifestError,
    TopicsError,
    UnknownComponent,
)
from sourcecompare.settings import AlignSettings, SegmentSettings, Settings


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ topic lists


def test_jsonl_topics_resolve_paths_from_the_list_folder(tmp_path: Path) -> None:
    listing = _write(
        tmp_path / "t.jsonl",
        '# a comment\n{"id": "a", "documents": ["x/zh.md", "en.txt"]}\n\n'
        '{"id": "b.2", "documents": ["/abs/one.txt", "two.txt"]}\n',
    )
    topics = load_topics(listing)
    assert [t.id for t in topics] == ["a", "b.2"]
    assert topics[0].documents == (str(tmp_path / "x/zh.md"), str(tmp_path / "en.txt"))
    assert topics[1].documents == ("/abs/one.txt", str(tmp_path / "two.txt"))
    assert (topics[0].line, topics[1].line) == (2, 4)
    assert topics[0].source == str(listing)


def test_wiki_entries_are_kept_in_one_spelling(tmp_path: Path) -> None:
    listing = _write(
        tmp_path / "t.csv",
        "id,documents\nkal,wiki:zh:大韓航空801號班機空難; wiki:en:Korean_Air_Flight__801 ;en.txt\n",
    )
    (topic,) = load_topics(listing)
    assert topic.documents == (
        "wiki:zh:大韓航空801號班機空難",
        "wiki:en:Korean Air Flight 801",
        str(tmp_path / "en.txt"),
    )


def test_csv_topics_split_documents_on_semicolons(tmp_path: Path) -> None:
    listing = _write(
        tmp_path / "t.csv",
        'id,documents\na,"zh.md; en.txt"\n\nb,corpus-folder\n"c","one, two.txt;three.txt"\n',
    )
    topics = load_topics(listing)
    assert [(t.id, t.line) for t in topics] == [("a", 2), ("b", 4), ("c", 5)]
    assert topics[0].documents == (str(tmp_path / "zh.md"), str(tmp_path / "en.txt"))
    assert topics[1].documents == (str(tmp_path / "corpus-folder"),)
    assert topics[2].documents == (str(tmp_path / "one, two.txt"), str(tmp_path / "three.txt"))


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('{"id": "a", "documents": ["x"]}\n{"id": "b", "documents": [}\n', 2, "not JSON"),
        ('["a", "x"]\n', 1, "JSON object"),
        ('{"id": "a"}\n', 1, "lacks the key 'documents'"),
        ('{"id": "a", "documents": ["x"], "titel": "t"}\n', 1, "unknown key(s) 'titel'"),
        ('{"id": "a/b", "documents": ["x"]}\n', 1, "topic id 'a/b'"),
        ('{"id": "..", "documents": ["x"]}\n', 1, "topic id '..'"),
        ('{"id": 7, "documents": ["x"]}\n', 1, "topic id 7"),
        ('{"id": "a", "documents": []}\n', 1, "non-empty list"),
        ('{"id": "a", "documents": "x.txt"}\n', 1, "non-empty list"),
        ('{"id": "a", "documents": ["x", 3]}\n', 1, "non-empty string"),
        ('{"id": "a", "documents": ["x", "x"]}\n', 1, "listed twice"),
        ('{"id": "a", "documents": ["x"]}\n\n{"id": "a", "documents": ["y"]}\n', 3, "at line 1"),
        ('{"id": "a", "documents": ["wiki:en:A_b", "wiki:en: A b"]}\n', 1, "listed twice"),
        ('{"id": "a", "documents": ["wiki:zh:_", "y"]}\n', 1, "wiki:LANG:Title"),
        ('{"id": "a", "documents": ["wiki:北韓", "y"]}\n', 1, "wiki:LANG:Title"),
        ('{"id": "a", "documents": ["wiki:fr:Corée", "y"]}\n', 1, "zh or en"),
    ],
)
def test_jsonl_mistakes_name_the_file_and_line(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    listing = _write(tmp_path / "topics.jsonl", text)
    with pytest.raises(TopicsError) as caught:
        load_topics(listing)
    assert caught.value.path == str(listing)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{listing}:{line}: ")
    assert words in str(caught.value)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("name,documents\na,x\n", 1, "unknown column(s) 'name'"),
        ("id\na\n", 1, "column 'documents'"),
        ("id,documents\na,x;y\nb,x,extra\n", 3, "3 cells"),
        ("id,documents\na,\n", 2, "non-empty list"),
        ('id,documents\na,"x\n', 2, "not valid CSV"),
    ],
)
def test_csv_mistakes_name_the_file_and_line(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    listing = _write(tmp_path / "topics.csv", text)
    with pytest.raises(TopicsError) as caught:
        load_topics(listing)
    assert caught.value.line == line, str(caught.value)
    assert words in str(caught.value)


def test_unusable_topic_files_are_named(tmp_path: Path) -> None:
    with pytest.raises(TopicsError, match="no such file"):
        load_topics(tmp_path / "missing.jsonl")
    with pytest.raises(TopicsError, match=r"\.jsonl, \.ndjson or \.csv"):
        load_topics(_write(tmp_path / "topics.txt", "id,documents\n"))
    with pytest.raises(TopicsError, match="no topics"):
        load_topics(_write(tmp_path / "empty.jsonl", "\n# nothing\n"))
    with pytest.raises(TopicsError, match="no header"):
        load_topics(_write(tmp_path / "empty.csv", "\n"))
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"id": "a", "documents": ["x"]}\n{"id": "\xff"}\n')
    with pytest.raises(TopicsError) as caught:
        load_topics(bad)
    assert caught.value.line == 2 and "not UTF-8" in str(caught.value)
    # the format can be named outright
    assert [t.id for t in load_topics(_write(tmp_path / "list.txt", "id,documents\nz,q\n"), "csv")]
    with pytest.raises(UnknownComponent, match="valid topic list formats: csv, jsonl"):
        load_topics(tmp_path / "list.txt", "yaml")


def test_topics_given_as_values_are_checked() -> None:
    with pytest.raises(TopicsError, match="duplicate topic id 'a'"):
        compare_many([Topic("a", ("x",)), Topic("a", ("y",))], "unused")
    with pytest.raises(TopicsError, match="cannot name a folder"):
        compare_many([Topic("../up", ("x",))], "unused")


def test_a_bad_list_runs_nothing_and_creates_nothing(tmp_path: Path) -> None:
    listing = _write(tmp_path / "t.jsonl", '{"id": "a", "documents": ["x"]}\n{"id": "a"}\n')
    with pytest.raises(TopicsError):
        compare_many(listing, tmp_path / "out")
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ executors


def test_executors_are_chosen_by_name() -> None:
    assert set(EXECUTORS) == {"local", "dask"}
    assert isinstance(make_executor(None, workers=2), LocalPool)
    assert make_executor("local", workers=3).describe() == "local pool of 3 workers"
    with pytest.raises(UnknownComponent, match="valid executors: dask, local"):
        make_executor("spark")
    with pytest.raises(BatchError, match="needs a scheduler"):
        make_executor("dask")
    with pytest.raises(BatchError, match="workers are for the local pool"):
        make_executor(None, workers=2, scheduler="tcp://127.0.0.1:1")
    with pytest.raises(BatchError, match="at least 1"):
        make_executor("local", workers=0)
    with pytest.raises(BatchError, match="scheduler is for the dask executor"):
        make_executor("local", scheduler="tcp://127.0.0.1:1")


# ------------------------------------------------------------------ keys and records


def test_keys_follow_the_bytes_and_the_settings(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.txt", "In 1959, 27,000 people went.\n")
    folder = tmp_path / "corpus"
    folder.mkdir()
    _write(folder / "manifest.toml", "# m\n")
    _write(folder / "b.txt", "b\n")
    topic = Topic("t", (str(a), str(folder)))
    sig = settings_signature(None, None)
    key = topic_key(topic, sig)
    assert key == topic_key(topic, sig)
    assert key != topic_key(Topic("u", topic.documents), sig)
    assert key != topic_key(Topic("t", topic.documents[::-1]), sig)
    assert key != topic_key(topic, settings_signature("parallel", None))
    assert key != topic_key(topic, settings_signature(None, CompareSettings(threshold=0.5)))
    _write(folder / "b.txt", "b!\n")
    changed = topic_key(topic, sig)
    assert changed != key
    _write(folder / "c.txt", "new file\n")
    assert topic_key(topic, sig) != changed
    missing = Topic("m", (str(tmp_path / "gone.txt"),))
    before = topic_key(missing, sig)
    _write(tmp_path / "gone.txt", "here now\n")
    assert topic_key(missing, sig) != before


def test_the_key_signs_the_whole_settings_tree() -> None:
    """One signature: the settings tree's, as the report carries it.  Every way of asking for
    the defaults gives it; a change in any part (segmentation, alignment, matching) does not."""
    default = Settings().signature()
    assert settings_signature() == default
    assert settings_signature(None, CompareSettings()) == default
    assert settings_signature(None, Settings()) == default
    assert (
        settings_signature("auto", None) == Settings(align=AlignSettings(mode="auto")).signature()
    )
    assert run_settings("parallel", CompareSettings(threshold=0.5)) == Settings(
        align=AlignSettings(mode="parallel"), match=CompareSettings(threshold=0.5)
    )
    # the mode replaces the tree's mode and keeps its unit
    tree = Settings(align=AlignSettings(mode="comparable", unit="sentence"))
    assert run_settings("parallel", tree).align == AlignSettings(mode="parallel", unit="sentence")
    changed = [
        Settings(segment=SegmentSettings(segmenter="jieba")),
        Settings(segment=SegmentSettings(config="tw2sp")),
        Settings(align=AlignSettings(mode="parallel")),
        Settings(align=AlignSettings(unit="sentence")),
        Settings(match=CompareSettings(threshold=0.5)),
    ]
    signatures = {settings_signature(None, s) for s in changed}
    assert len(signatures) == len(changed) and default not in signatures


def test_records_are_replaced_whole(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "out")
    store.prepare()
    (store.folder / ".x.json.0123.tmp").write_text("left by a killed run")
    store.prepare()
    assert not list(store.folder.glob("*.tmp"))
    assert store.load("a") is None
    store.save("a", {"key": "k1", "status": "done", "findings": []})
    store.save("a", {"key": "k2", "status": "done", "findings": []})
    assert store.load("a") == {"format": 1, "key": "k2", "status": "done", "findings": []}
    assert [p.name for p in store.folder.iterdir()] == ["a.json"]
    store.path("b").write_text("{not json", encoding="utf-8")
    assert store.load("b") is None  # unusable: the topic runs again
    store.path("c").write_text('{"format": 99}', encoding="utf-8")
    assert store.load("c") is None


def test_an_output_that_is_a_file_is_a_clean_error(tmp_path: Path) -> None:
    out = _write(tmp_path / "out", "a file")
    with pytest.raises(BatchError, match="exists and is not a folder"):
        StateStore(out).prepare()


def test_error_records_keep_file_line_and_reason() -> None:
    assert error_record(ManifestError("m.toml", 4, "bad key")) == {
        "type": "ManifestError",
        "file": "m.toml",
        "line": 4,
        "reason": "bad key",
    }
    assert error_record(EmptyDocument("e.txt", "holds no text"))["file"] == "e.txt"
    assert error_record(FileNotFoundError(2, "No such file", "x.txt")) == {
        "type": "FileNotFoundError",
        "file": "x.txt",
        "line": None,
        "reason": "No such file",
    }


# ------------------------------------------------------------------ the table


def _row(topic: str, fid: str, relation: str, tiers: list[str]) -> dict[str, object]:
    return {
        "topic": topic,
        "finding": fid,
        "relation": relation,
        "severity": "high" if relation == "conflict" else "info",
        "confidence": 0.5,
        "attribute": "person",
        "documents": ["zh", "en"][: len(tiers)],
        "tiers": tiers,
        "languages": ["zh", "en"][: len(tiers)],
        "figures": ["27000", "28,000"][: len(tiers)],
        "low": [27000.0, 28000.0][: len(tiers)],
        "high": [27000.0, None][: len(tiers)],
        "sentences": ["一", "two"][: len(tiers)],
        "claims": ["c1", "c2"][: len(tiers)],
        "explanation": "…",
    }


def test_the_table_is_built_from_the_records(tmp_path: Path) -> None:
    topics = [Topic(t, ("x",)) for t in ("a", "b", "c")]
    store = StateStore(tmp_path)
    store.prepare()
    store.save(
        "a",
        {
            "key": "ka",
            "status": "done",
            "findings": [
                _row("a", "F1", "conflict", ["encyclopedia", "peer-reviewed"]),
                _row("a", "F2", "one-sided", ["encyclopedia"]),
            ],
            "error": None,
            "attempts": 2,
            "seconds": 1.5,
            "worker": "h:1",
        },
    )
    error = {"type": "EmptyDocument", "file": "e.txt", "line": None, "reason": "no text"}
    store.save("b", {"key": "kb", "status": "failed", "findings": [], "error": error})
    paths = write_table(tmp_path, topics)
    assert not list(tmp_path.glob(".*.tmp"))
    findings = read_table(tmp_path)
    assert findings.column_names == list(FINDING_COLUMNS)
    assert findings.column("finding").to_pylist() == ["F1", "F2"]
    assert findings.column("high").to_pylist()[0] == [27000.0, None]
    table = read_table(tmp_path, "topics")
    assert table.column_names == list(TOPIC_COLUMNS)
    rows = {r["topic"]: r for r in table.to_pylist()}
    assert rows["a"]["status"] == "done" and rows["a"]["conflicts"] == 1
    assert rows["a"]["attempts"] == 2
    assert rows["b"]["status"] == "failed" and rows["b"]["error_file"] == "e.txt"
    assert rows["b"]["error_reason"] == "no text"
    assert rows["c"]["status"] == "pending" and rows["c"]["key"] is None

    import duckdb

    assert paths.database is not None
    con = duckdb.connect(str(paths.database), read_only=True)
    try:
        high = con.execute(
            "SELECT topic, finding FROM findings WHERE severity = 'high' AND relation = "
            "'conflict' AND list_contains(tiers, 'encyclopedia') "
            "AND list_contains(tiers, 'peer-reviewed')"
        ).fetchall()
        assert high == [("a", "F1")]
        assert con.execute("SELECT count(*) FROM conflicts").fetchone() == (1,)
        failed = con.execute("SELECT topic, error_file FROM topics WHERE status = 'failed'")
        assert failed.fetchall() == [("b", "e.txt")]
    finally:
        con.close()
    with pytest.raises(UnknownComponent):
        read_table(tmp_path, "claims")


def test_an_empty_table_has_its_columns(tmp_path: Path) -> None:
    write_table(tmp_path, [Topic("a", ("x",))])
    assert read_table(tmp_path).num_rows == 0
    assert read_table(tmp_path).column_names == list(FINDING_COLUMNS)


# ------------------------------------------------------------------ the command


def test_the_command_names_a_bad_topic_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listing = _write(tmp_path / "t.jsonl", json.dumps({"id": "a", "documents": []}) + "\n")
    assert main(["batch", str(listing), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.replace("\n", "")
    assert f"{listing}:1" in err and "Traceback" not in err
    assert main(["batch", str(tmp_path / "none.csv"), "-o", str(tmp_path / "out")]) == 2
    assert "no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as done:
        main(["batch", str(listing), "-o", str(tmp_path / "out"), "--workers", "0"])
    assert done.value.code == 2
    with pytest.raises(SystemExit) as done:
        main(["batch", str(listing), "-o", str(tmp_path / "out"), "--scheduler", "nowhere"])
    assert done.value.code == 2
    assert "scheduler" in capsys.readouterr().err


def test_importing_the_package_loads_no_engine() -> None:
    code = (
        "import sys, sourcecompare, sourcecompare.batch, sourcecompare.cli.batch\n"
        "assert callable(sourcecompare.compare_many)\n"
        "heavy = [m for m in ('pyarrow', 'duckdb', 'dask', 'distributed') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
