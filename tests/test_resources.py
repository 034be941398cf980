"""The resource cache: built once, loaded after; stale, corrupt or misshapen files rebuilt."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcecompare import resources
from sourcecompare.lexicon import _GlossTable

from .conftest import ROOT


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(resources.ENV_VAR, str(folder))
    return folder


class Builder:
    """A builder that counts its calls."""

    def __init__(self, value: object) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


VALUE = {"甲": ("a", "b"), "乙": frozenset({"c"}), "n": [1, 2.5, None]}


def test_cache_dir_follows_the_environment(cache: Path) -> None:
    assert resources.cache_dir() == cache


def test_cache_dir_default_is_the_user_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv(resources.ENV_VAR, raising=False)
    expected = Path(platformdirs.user_cache_dir("sourcecompare", appauthor=False))
    assert resources.cache_dir() == expected


def test_built_once_then_loaded(cache: Path) -> None:
    build = Builder(VALUE)
    key = resources.key("t", b"data")
    assert resources.load_or_build("t", key, build) == VALUE
    assert resources.load_or_build("t", key, build) == VALUE
    assert build.calls == 1
    assert sorted(p.name for p in cache.iterdir()) == [
        resources.LOCK,
        resources.path_of("t", key).name,
    ]


def test_stale_key_rebuilds_and_keeps_the_old_file(cache: Path) -> None:
    """Two versions sharing a cache folder do not remove each other's file."""
    old, new = resources.key("t", b"data v1"), resources.key("t", b"data v2")
    assert old != new
    resources.load_or_build("t", old, Builder("old"))
    build = Builder("new")
    assert resources.load_or_build("t", new, build) == "new"
    assert build.calls == 1
    again = Builder("old")
    assert resources.load_or_build("t", old, again) == "old"
    assert again.calls == 0
    assert sorted(p.name for p in cache.iterdir()) == sorted(
        [resources.LOCK, *(resources.path_of("t", k).name for k in (old, new))]
    )


def test_files_of_keys_used_least_recently_are_removed(cache: Path) -> None:
    import os

    keys = [resources.key("t", f"v{n}".encode()) for n in range(resources.KEEP)]
    for n, k in enumerate(keys):
        resources.load_or_build("t", k, Builder(n))
        os.utime(resources.path_of("t", k), (1_000_000 + n, 1_000_000 + n))
    loaded = Builder("unused")
    assert resources.load_or_build("t", keys[0], loaded) == 0  # the oldest, used now
    assert loaded.calls == 0
    new = resources.key("t", b"new")
    resources.load_or_build("t", new, Builder("new"))
    kept = {new, keys[0], *keys[2:]}  # keys[1]: the one used least recently
    assert len(kept) == resources.KEEP
    assert sorted(p.name for p in cache.iterdir()) == sorted(
        [resources.LOCK, *(resources.path_of("t", k).name for k in kept)]
    )


def test_file_with_another_key_under_this_name_is_rebuilt(cache: Path) -> None:
    """A file renamed (or a key prefix collision) holds another key in its header."""
    a, b = resources.key("t", b"a"), resources.key("t", b"b")
    resources.load_or_build("t", a, Builder("a"))
    resources.path_of("t", a).rename(resources.path_of("t", b))
    build = Builder("b")
    assert resources.load_or_build("t", b, build) == "b"
    assert build.calls == 1


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[:-1] + bytes([data[-1] ^ 0xFF]), id="payload byte"),
        pytest.param(lambda data: b"X" + data[1:], id="magic"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: os.urandom(200), id="noise"),
    ],
)
def test_corrupt_file_is_detected_and_rebuilt(
    cache: Path, damage, caplog: pytest.LogCaptureFixture
) -> None:
    key = resources.key("t", b"data")
    resources.load_or_build("t", key, Builder(VALUE))
    path = resources.path_of("t", key)
    path.write_bytes(damage(path.read_bytes()))
    build = Builder(VALUE)
    with caplog.at_level(logging.WARNING, logger="sourcecompare.resources"):
        assert resources.load_or_build("t", key, build) == VALUE
    assert build.calls == 1
    assert "rebuilding" in caplog.text
    again = Builder(VALUE)  # and the rewritten file is good
    assert resources.load_or_build("t", key, again) == VALUE
    assert again.calls == 0


def test_checksum_right_but_payload_not_marshal_is_rebuilt(cache: Path) -> None:
    import hashlib

    key = resources.key("t", b"data")
    payload = b"\xff\xfe not marshal"
    header = resources._header(key)
    resources.path_of("t", key).parent.mkdir(parents=True)
    resources.path_of("t", key).write_bytes(header + hashlib.sha256(payload).digest() + payload)
    build = Builder(VALUE)
    assert resources.load_or_build("t", key, build) == VALUE
    assert build.calls == 1


def test_value_failing_the_check_is_rebuilt(cache: Path) -> None:
    key = resources.key("t", b"data")
    resources.load_or_build("t", key, Builder(["wrong", "shape"]))
    build = Builder({"right": 1})
    value = resources.load_or_build("t", key, build, check=lambda v: isinstance(v, dict))
    assert value == {"right": 1}
    assert build.calls == 1


def test_no_temporary_files_are_left(cache: Path) -> None:
    for n in range(3):
        resources.load_or_build(f"t{n}", resources.key(f"t{n}"), Builder(VALUE))
    assert sorted(p.name for p in cache.iterdir()) == sorted(
        [
            resources.LOCK,
            *(resources.path_of(f"t{n}", resources.key(f"t{n}")).name for n in range(3)),
        ]
    )


def test_unwritable_cache_still_gives_the_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(resources.ENV_VAR, str(blocker / "cache"))
    build = Builder(VALUE)
    with caplog.at_level(logging.WARNING, logger="sourcecompare.resources"):
        assert resources.load_or_build("t", resources.key("t"), build) == VALUE
    assert "cannot write" in caplog.text
    assert build.calls == 1


def test_listener_hears_builds_only(cache: Path) -> None:
    heard: list[str] = []

    @contextlib.contextmanager
    def listener(name: str) -> Iterator[None]:
        heard.append(name)
        yield

    inner_key, outer_key = resources.key("inner"), resources.key("outer")

    def outer() -> str:
        return "outer+" + resources.load_or_build("inner", inner_key, lambda: "inner")

    with resources.on_build(listener):
        resources.load_or_build("outer", outer_key, outer, label="the outer table")
        resources.load_or_build("outer", outer_key, outer)
    resources.load_or_build("other", resources.key("other"), Builder(1))
    assert heard == ["the outer table"]  # the nested build is part of the outer one


#: a process that loads or builds the table "t" (its build takes a second and leaves a mark),
#: or with ``nested`` the table "outer", whose build needs "inner" (``inner-first``: "inner",
#: whose build needs "outer")
_RACER = """
import os, sys, time
from sourcecompare import resources
marks = sys.argv[1]

def build(name, inner=None):
    def run():
        with open(os.path.join(marks, f"{name}-{os.getpid()}"), "w"):
            pass
        time.sleep(1.0)
        got = resources.load_or_build(inner, resources.key(inner), build(inner)) if inner else ""
        return name + got
    return run

order = {"t": [("t", None)], "nested": [("outer", "inner")], "inner-first": [("inner", "outer")]}
for name, inner in order[sys.argv[2]]:
    print(resources.load_or_build(name, resources.key(name), build(name, inner)))
"""


def _race(cache: Path, marks: Path, *kinds: str) -> list[str]:
    marks.mkdir()
    env = {**os.environ, resources.ENV_VAR: str(cache)}
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", _RACER, str(marks), kind],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        for kind in kinds
    ]
    out = [r.communicate(timeout=120)[0].strip() for r in racers]
    assert all(r.returncode == 0 for r in racers)
    return out


def test_processes_started_together_build_once(cache: Path, tmp_path: Path) -> None:
    """Three processes on an empty cache: one builds the table, the others wait for it and
    load it (without the lock, each builds it: three marks)."""
    marks = tmp_path / "marks"
    assert _race(cache, marks, "t", "t", "t") == ["t", "t", "t"]
    assert [m.name.split("-")[0] for m in marks.iterdir()] == ["t"]


def test_a_build_needing_another_table_does_not_deadlock(cache: Path, tmp_path: Path) -> None:
    """One process builds "outer", which needs "inner", while another builds "inner", which
    needs "outer": with a lock per table each would hold one and wait for the other for ever.
    One lock for the folder, taken again by a nested build: both end, each table built once,
    by whichever process took the lock first."""
    marks = tmp_path / "marks"
    outer, inner = _race(cache, marks, "nested", "inner-first")
    # whichever took the lock first built both tables; the other loaded both
    assert (outer, inner) in (("outerinner", "inner"), ("outer", "innerouter")), (outer, inner)
    built = [m.name.split("-")[0] for m in marks.iterdir()]
    assert sorted(built) == ["inner", "outer"], built


def test_a_lock_that_cannot_be_taken_still_gives_the_value(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import filelock

    def refuse(self: object, *args: object, **kwargs: object) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr(filelock.FileLock, "acquire", refuse)
    resources._LOCKS.clear()
    build = Builder(VALUE)
    assert resources.load_or_build("t", resources.key("t"), build) == VALUE
    assert build.calls == 1
    resources._LOCKS.clear()


def test_key_depends_on_every_part() -> None:
    base = resources.key("t", b"data", "code")
    assert base == resources.key("t", b"data", "code")
    assert (
        len({base, resources.key("t", b"data", "code2"), resources.key("t", b"dat", "acode")}) == 3
    )


tables = st.dictionaries(
    st.text(st.characters(blacklist_characters="\n"), min_size=1, max_size=4),
    st.sets(st.text(max_size=5), max_size=4),
    max_size=30,
)


@given(tables)
def test_packed_gloss_table_is_the_plain_table(table: dict[str, set[str]]) -> None:
    """The compact table answers as the dict it was packed from."""
    packed = _GlossTable.pack(table)
    assert _GlossTable.fits(packed)
    t = _GlossTable(packed)
    assert len(t) == len(table)
    assert sorted(t) == sorted(table)
    for head, keys in table.items():
        assert head in t
        assert t[head] == frozenset(keys)
        assert t.get(head) == frozenset(keys)
    for probe in ["", "zz", *(h + "x" for h in table)]:
        if probe not in table:
            assert probe not in t
            assert t.get(probe) is None
            with pytest.raises(KeyError):
                t[probe]


def test_misshapen_gloss_table_does_not_fit() -> None:
    keys, heads, offsets, ids = _GlossTable.pack({"a": {"x"}, "b": {"y"}})
    assert _GlossTable.fits((keys, heads, offsets, ids))
    assert not _GlossTable.fits((keys[:1], heads, offsets, ids))  # a key number out of range
    assert not _GlossTable.fits((keys, heads + "\nc", offsets, ids))  # a head without offsets
    assert not _GlossTable.fits((keys, heads, offsets[:-4], ids))
    assert not _GlossTable.fits((keys, heads, offsets, ids, ()))
    assert not _GlossTable.fits({"a": frozenset({"x"})})


def test_cached_glosses_are_the_derived_glosses() -> None:
    """The lexicon loaded from the cache holds exactly what CC-CEDICT derives to."""
    from sourcecompare.lexicon import _cedict, _gloss_sets

    cached = _cedict()
    derived = _gloss_sets()
    assert len(cached) == len(derived)
    assert all(cached[head] == frozenset(keys) for head, keys in derived.items())


def test_first_run_builds_the_cache_with_a_message(tmp_path: Path) -> None:
    """A fresh cache: the command line says it is building, then the next run is silent."""
    text = tmp_path / "a.txt"
    text.write_text("About 27,000 prisoners of war were held in 1946.\n", encoding="utf-8")
    zh = tmp_path / "zh.txt"  # a Chinese file: its script is detected, from a table built once
    zh.write_text("1946年約有27000名戰俘。\n", encoding="utf-8")
    env = {**os.environ, resources.ENV_VAR: str(tmp_path / "cache")}
    command = [sys.executable, "-m", "sourcecompare", "claims", str(text), str(zh)]
    first = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    assert first.returncode == 0, first.stderr
    assert "building the lexicon cache (first run)" in first.stderr
    # every resource is named once: "building the X cache", never "the the X"
    built = re.findall(r"building the (.+?) cache \(first run\)", first.stderr)
    assert built and not any(name.startswith("the ") for name in built), built
    assert "27,000" in first.stdout
    files = sorted(p.name for p in (tmp_path / "cache").iterdir())
    assert any(name.startswith("vocabulary-") for name in files)
    second = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    assert second.returncode == 0, second.stderr
    assert "building" not in second.stderr
    assert second.stdout == first.stdout
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == files


def test_first_compare_builds_each_cache_once(tmp_path: Path) -> None:
    """``compare`` extracts claims in a forked child (where it can): the tables the child
    needs are loaded before it is forked, so a first run builds each cache once, not once in
    each process; and each cache has a name of its own (the report's glosses are not "the
    lexicon" a second time)."""
    en = tmp_path / "en.txt"
    en.write_text("About 27,000 prisoners of war were held in 1946.\n", encoding="utf-8")
    zh = tmp_path / "zh.txt"
    zh.write_text("1946年約有27000名戰俘。\n", encoding="utf-8")
    env = {**os.environ, resources.ENV_VAR: str(tmp_path / "cache")}
    out = tmp_path / "out"
    command = [sys.executable, "-m", "sourcecompare", "compare", str(en), str(zh), "-o", str(out)]
    first = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    assert first.returncode == 0, first.stderr
    assert (out / "report.html").is_file()
    built = re.findall(r"building the (.+?) cache \(first run\)", first.stderr)
    assert "lexicon" in built and "report glosses" in built, first.stderr
    assert len(built) == len(set(built)), first.stderr


def _two_files(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    en = folder / "en.txt"
    en.write_text("About 27,000 prisoners of war were held in 1946.\n", encoding="utf-8")
    zh = folder / "zh.txt"
    zh.write_text("1946年約有27000名戰俘。\n", encoding="utf-8")
    return en, zh


def test_a_batch_workers_tables_are_built_before_they_start(tmp_path: Path) -> None:
    """``batch.work.load_resources`` loads every table a worker reads: after it, comparing
    a Chinese and an English file and writing the report build nothing more."""
    en, zh = _two_files(tmp_path / "in")
    code = f"""
import contextlib
import json
from sourcecompare import resources
from sourcecompare.batch.work import load_resources
from sourcecompare.compare import compare
from sourcecompare.report import write_report
load_resources()
heard = []
@contextlib.contextmanager
def listener(name):
    heard.append(name)
    yield
with resources.on_build(listener):
    write_report(compare([{str(en)!r}, {str(zh)!r}]), {str(tmp_path / "out")!r})
print(heard)
"""
    env = {**os.environ, resources.ENV_VAR: str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_first_batch_builds_the_cache_with_a_message(tmp_path: Path) -> None:
    """The local pool's workers are other processes, whose builds nobody hears: the command
    builds the tables before it starts them, and says so, each cache once."""
    en, zh = _two_files(tmp_path / "in")
    topics = tmp_path / "topics.jsonl"
    topics.write_text(json.dumps({"id": "t", "documents": [str(en), str(zh)]}) + "\n")
    env = {**os.environ, resources.ENV_VAR: str(tmp_path / "cache")}
    command = [sys.executable, "-m", "sourcecompare", "batch", str(topics),
               "-o", str(tmp_path / "out"), "--workers", "1"]  # fmt: skip
    first = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    assert first.returncode == 0, first.stderr
    built = re.findall(r"building the (.+?) cache \(first run\)", first.stderr)
    assert "lexicon" in built and len(built) == len(set(built)), first.stderr
    assert "1 done" in first.stdout, first.stdout
