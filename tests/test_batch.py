"""A batch of 50 generated topics (and two that fail) on a local process pool and on a Dask
``LocalCluster`` of two workers: the same findings table both ways, a worker killed by its pid
in the middle of each run without losing anything, a re-run that skips everything, a changed
topic that runs again, and an interrupted batch that keeps what it finished."""

from __future__ import annotations

import json
import logging
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sourcecompare import compare
from sourcecompare.batch import TopicResult, compare_many, load_topics, read_table
from sourcecompare.batch.work import finding_rows
from sourcecompare.cli import main
from sourcecompare.report import load_json

from .batch_corpus import make_topics

N = 50
#: topic columns that say how a run went (time, worker, retries), not what it found
RUN_COLUMNS = ("attempts", "seconds", "worker")


@pytest.fixture(scope="module")
def listing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_topics(tmp_path_factory.mktemp("batch-in"), N)


def _kill_a_busy_worker(results: Iterator[TopicResult]) -> tuple[list[TopicResult], int]:
    """Read the results; once two workers have answered, kill (by pid) the one that did not
    give the latest result: it is comparing a topic.  Return every result and the pid."""
    seen: list[TopicResult] = []
    pids: list[int] = []
    killed = 0
    for result in results:
        seen.append(result)
        if result.pid and result.pid not in pids:
            pids.append(result.pid)
        if not killed and len(pids) >= 2:
            killed = next(p for p in pids if p != result.pid)
            os.kill(killed, signal.SIGKILL)
    assert killed, "no two workers answered: nothing was killed"
    return seen, killed


def _check_complete(results: list[TopicResult], listing: Path) -> None:
    topics = load_topics(listing)
    assert sorted(r.topic for r in results) == sorted(t.id for t in topics)  # each once
    failed = {r.topic: r for r in results if r.status == "failed"}
    assert sorted(failed) == ["broken-empty", "broken-missing"]
    assert failed["broken-missing"].error is not None
    assert failed["broken-missing"].error["file"].endswith("nowhere.txt")
    assert failed["broken-empty"].error is not None
    assert failed["broken-empty"].error["type"] == "EmptyDocument"
    assert all(r.status == "done" for r in results if r.topic not in failed)
    for r in results:
        if r.status == "done":
            report = load_json(r.report / "report.json")  # whole and valid
            assert len(report.findings) == r.findings


@pytest.fixture(scope="module")
def local_run(listing: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Any]]:
    out = tmp_path_factory.mktemp("batch-local")
    results, killed = _kill_a_busy_worker(compare_many(listing, out, workers=2))
    assert killed not in {r.pid for r in results[-5:]}
    return out, results


def test_local_pool_survives_a_killed_worker(listing: Path, local_run: Any) -> None:
    out, results = local_run
    _check_complete(results, listing)
    retried = [r for r in results if r.attempts > 1]
    # the topic the killed worker was comparing, and only it, ran again (on a new worker)
    assert len(retried) == 1, [(r.topic, r.attempts) for r in retried]
    assert retried[0].status == "done" and retried[0].attempts == 2
    assert len({r.pid for r in results if r.pid}) == 3
    table = read_table(out)
    assert table.num_rows == sum(r.findings for r in results)
    topics = read_table(out, "topics").to_pylist()
    assert {t["topic"]: t["attempts"] for t in topics if t["attempts"] > 1} == {
        r.topic: r.attempts for r in retried
    }
    broken = next(t for t in topics if t["topic"] == "broken-missing")
    assert broken["status"] == "failed" and broken["error_file"].endswith("nowhere.txt")
    assert "No such file" in broken["error_reason"] or "cannot open" in broken["error_reason"]


def test_the_table_holds_what_compare_finds(listing: Path, local_run: Any) -> None:
    out, _ = local_run
    table = read_table(out).to_pylist()
    relations = {r["relation"] for r in table}
    assert "conflict" in relations and "agreement" in relations
    for topic in load_topics(listing)[:2]:  # a corpus folder and a pair of files
        expected = finding_rows(topic.id, compare(list(topic.documents)))
        assert [r for r in table if r["topic"] == topic.id] == expected
    folder_topic = [r for r in table if r["topic"] == "topic-000"]
    assert {t for r in folder_topic for t in r["tiers"]} == {"encyclopedia", "peer-reviewed"}


def test_a_rerun_skips_everything(listing: Path, local_run: Any) -> None:
    out, _ = local_run
    before = read_table(out)
    again = list(compare_many(listing, out, workers=2))
    assert len(again) == N + 2
    assert all(r.skipped and r.pid == 0 for r in again)
    assert sorted(r.topic for r in again if r.status == "failed") == [
        "broken-empty",
        "broken-missing",
    ]
    assert read_table(out).equals(before)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address="127.0.0.1:0",  # no fixed port
            silence_logs=logging.ERROR,
        ) as local,
        distributed.Client(local, set_as_default=False) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def dask_run(
    listing: Path, cluster: Any, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[Any]]:
    out = tmp_path_factory.mktemp("batch-dask")
    results, _ = _kill_a_busy_worker(compare_many(listing, out, scheduler=cluster))
    return out, results


def test_dask_cluster_survives_a_killed_worker(listing: Path, dask_run: Any) -> None:
    out, results = dask_run
    _check_complete(results, listing)
    # the scheduler ran again what the killed worker held: its topic (and one it had queued,
    # if any), each counted as a second attempt in the results and the table
    retried = {r.topic: r.attempts for r in results if r.attempts > 1}
    assert 1 <= len(retried) <= 2 and set(retried.values()) == {2}, retried
    assert all(r.attempts == 1 for r in results if r.topic not in retried)
    topics = read_table(out, "topics").to_pylist()
    assert {t["topic"]: t["attempts"] for t in topics if t["attempts"] > 1} == retried


def test_local_pool_and_dask_give_the_same_table(local_run: Any, dask_run: Any) -> None:
    local, dask = read_table(local_run[0]), read_table(dask_run[0])
    assert local.num_rows > N
    assert local.equals(dask)
    local_topics = read_table(local_run[0], "topics").drop_columns(list(RUN_COLUMNS))
    dask_topics = read_table(dask_run[0], "topics").drop_columns(list(RUN_COLUMNS))
    # the report folders differ (two outputs); everything else is the same
    assert local_topics.drop_columns(["report"]).equals(dask_topics.drop_columns(["report"]))


def test_a_changed_topic_runs_again(listing: Path, cluster: Any, dask_run: Any) -> None:
    out, _ = dask_run
    en = listing.parent / "topic-007" / "en.txt"
    original = en.read_text(encoding="utf-8")
    en.write_text(original + "\nIn 1990, 4,500 more people went.\n", encoding="utf-8")
    try:
        results = list(compare_many(listing, out, scheduler=cluster))
        assert [r.topic for r in results if not r.skipped] == ["topic-007"]
        again = list(compare_many(listing, out, scheduler=cluster, retry_failed=True))
        assert sorted(r.topic for r in again if not r.skipped) == [
            "broken-empty",
            "broken-missing",
        ]
    finally:
        en.write_text(original, encoding="utf-8")


def test_an_interrupted_batch_keeps_what_it_finished(
    listing: Path, cluster: Any, tmp_path: Path
) -> None:
    topics = load_topics(listing)[:12]
    first: list[TopicResult] = []
    results = compare_many(topics, tmp_path, scheduler=cluster)
    for result in results:
        first.append(result)
        if len(first) == 4:
            break
    results.close()  # as an interrupted run does: the table of what is finished
    table = {r["topic"]: r["status"] for r in read_table(tmp_path, "topics").to_pylist()}
    finished = {r.topic for r in first}
    assert {t for t, s in table.items() if s != "pending"} == finished
    assert len(finished) == 4
    rest = list(compare_many(topics, tmp_path, scheduler=cluster))
    assert {r.topic for r in rest if r.skipped} == finished
    assert {r.topic for r in rest if not r.skipped} == {t.id for t in topics} - finished
    assert all(r.status == "done" for r in rest)


def test_the_command_runs_a_batch_on_a_cluster(
    listing: Path, cluster: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    topics = tmp_path / "few.jsonl"
    lines = listing.read_text(encoding="utf-8").splitlines()
    # three topics and one that fails, with paths made absolute (the list moved)
    chosen = [json.loads(line) for line in (*lines[:3], lines[-1])]
    for entry in chosen:
        entry["documents"] = [str(listing.parent / d) for d in entry["documents"]]
    topics.write_text("".join(json.dumps(e) + "\n" for e in chosen), encoding="utf-8")
    out = tmp_path / "out"
    address = cluster.scheduler.address
    assert main(["batch", str(topics), "-o", str(out), "--scheduler", address]) == 1
    text = capsys.readouterr().out.replace("\n", "")
    assert "4 topics: 3 done, 1 failed, 0 skipped" in text
    assert "broken-empty" in text and "empty.txt" in text and "EmptyDocument" in text
    assert f"wrote findings: {out / 'findings.parquet'}" in text
    assert read_table(out, "topics").num_rows == 4
    assert main(["batch", str(topics), "-o", str(out), "--scheduler", address]) == 1
    assert "3 done, 1 failed, 4 skipped" in capsys.readouterr().out


def test_a_local_workers_collector_is_set_for_one_job() -> None:
    """A worker runs topics and nothing else: its garbage collector is the command's (the
    imports frozen out of its passes, which run less often), not Python's default."""
    import gc

    from sourcecompare import _gc
    from sourcecompare.batch.executors import LocalPool

    worker = LocalPool._worker()
    try:
        assert worker.submit(gc.get_threshold).result(timeout=120) == (_gc.THRESHOLD, 20, 10)
        assert worker.submit(gc.get_freeze_count).result(timeout=120) > 0
    finally:
        worker.shutdown()
