"""``wiki:LANG:Title`` documents in a batch, on recorded API answers only (no network): the
articles come from the cache, a topic whose article is not cached and cannot be fetched fails
alone with the entry named in the table, and a re-run tries it again while skipping the rest."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from sourcecompare import compare
from sourcecompare.batch import TopicResult, compare_many, read_table
from sourcecompare.batch.wiki import FOLDER, article_folder
from sourcecompare.batch.work import finding_rows
from sourcecompare.fetch import Response, UrllibTransport, WikiClient
from sourcecompare.report import load_json

from .wiki_replay import NOW, Replay

ZH = "wiki:zh:大韓航空801號班機空難"
EN = "wiki:en:Korean Air Flight 801"
MISSING = "wiki:en:Korean Air Flight 8010"  # recorded as a page that does not exist
NOTE = "Korean Air Flight 801 crashed on Guam in 1997; 229 of the 254 people on board died.\n"


class Unreachable:
    """A transport with no network behind it."""

    def __init__(self) -> None:
        self.calls = 0

    def get(self, url: str, headers: Mapping[str, str], timeout: float) -> Response:
        self.calls += 1
        raise OSError("Network is unreachable")


def _client(cache: Path, transport: Any) -> WikiClient:
    return WikiClient(
        cache, transport=transport, cache_first=True, sleep=lambda _s: None, now=lambda: NOW
    )


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("batch-wiki")
    cache = root / "cache"
    primed = _client(cache, Replay())  # the cache holds the zh and en articles, nothing else
    primed.article("zh", "大韓航空801號班機空難")
    primed.article("en", "Korean Air Flight 801")
    (root / "note.txt").write_text(NOTE, encoding="utf-8")
    listing = root / "topics.jsonl"
    topics = [
        {"id": "kal", "documents": [ZH, "wiki:en:Korean_Air_Flight_801"]},
        {"id": "kal-note", "documents": [EN, "note.txt"]},
        {"id": "missing", "documents": [MISSING, "note.txt"]},
    ]
    listing.write_text("".join(json.dumps(t) + "\n" for t in topics), encoding="utf-8")
    out = root / "out"
    dead = Unreachable()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(UrllibTransport, "get", _no_network)
        results = list(compare_many(listing, out, workers=1, wiki_client=_client(cache, dead)))
    yield {"root": root, "cache": cache, "listing": listing, "out": out, "first": results,
           "dead": dead}  # fmt: skip


def _no_network(self: object, url: str, headers: object, timeout: float) -> Response:
    raise AssertionError(f"a test tried the network: {url}")


def _by_topic(results: list[TopicResult]) -> dict[str, TopicResult]:
    assert len({r.topic for r in results}) == len(results)
    return {r.topic: r for r in results}


def test_cached_articles_are_compared(batch: dict[str, Any]) -> None:
    results = _by_topic(batch["first"])
    assert results["kal"].status == "done" and results["kal-note"].status == "done"
    report = load_json(results["kal"].report / "report.json")
    revisions = sorted(d.metadata["revision"] for d in report.documents)
    assert revisions == ["1190000801", "80012345"]
    # the articles are corpus folders under OUT/wiki/, shared by the topics that list them
    wiki = batch["out"] / FOLDER
    zh_folder, en_folder = article_folder(wiki, ZH), article_folder(wiki, EN)
    assert (zh_folder / "manifest.toml").is_file() and (en_folder / "manifest.toml").is_file()
    expected = finding_rows("kal", compare([zh_folder, en_folder]))
    table = read_table(batch["out"]).to_pylist()
    assert [r for r in table if r["topic"] == "kal"] == expected
    assert any(r["relation"] == "conflict" for r in expected)  # 229 against 228 dead
    assert {t for r in expected for t in r["tiers"]} == {"encyclopedia"}


def test_an_unfetchable_article_fails_its_topic_alone(batch: dict[str, Any]) -> None:
    results = _by_topic(batch["first"])
    missing = results["missing"]
    assert missing.status == "failed" and missing.error is not None
    assert missing.error["type"] == "FetchError" and missing.error["file"] == MISSING
    assert "could not reach the wiki" in missing.error["reason"]
    assert batch["dead"].calls == 4  # one request, with its retries, and no more
    rows = {t["topic"]: t for t in read_table(batch["out"], "topics").to_pylist()}
    assert rows["missing"]["status"] == "failed"
    assert rows["missing"]["error_file"] == MISSING
    assert rows["kal"]["documents"] == [ZH, EN]  # as listed (one spelling of the title)
    assert rows["kal"]["status"] == rows["kal-note"]["status"] == "done"


def test_offline_rerun_skips_the_fetched_and_tries_the_missing_again(
    batch: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(UrllibTransport, "get", _no_network)
    again = _by_topic(
        list(compare_many(batch["listing"], batch["out"], wiki_cache=batch["cache"], offline=True))
    )
    assert again["kal"].skipped and again["kal-note"].skipped
    assert again["kal"].status == "done" and again["kal"].pid == 0
    missing = again["missing"]
    assert not missing.skipped and missing.status == "failed" and missing.error is not None
    assert missing.error["file"] == MISSING and "not in the cache" in missing.error["reason"]
    # online, the article is asked for (only it) and the wiki says it does not exist
    replay = Replay()
    third = _by_topic(
        list(compare_many(batch["listing"], batch["out"],
                          wiki_client=_client(batch["cache"], replay)))
    )  # fmt: skip
    assert [r.topic for r in third.values() if not r.skipped] == ["missing"]
    assert third["missing"].error is not None
    assert third["missing"].error["type"] == "PageNotFound"
    assert "no such article" in third["missing"].error["reason"]
    assert len(replay.sent) == 1 and "Korean+Air+Flight+8010" in replay.sent[0][0]
