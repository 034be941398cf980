"""Fetching Wikipedia by title, on recorded API answers only (tests/cases/fetch/*.json):
a fake transport replays them and fails on any request that was not recorded, and the real
transport is disabled, so these tests never touch the network."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from sourcecompare.cli import main
from sourcecompare.compare import compare
from sourcecompare.corpus import load_manifest
from sourcecompare.errors import FetchError, PageNotFound
from sourcecompare.fetch import Response, UrllibTransport, WikiClient, fetch_articles
from sourcecompare.pipeline import read_corpus
from sourcecompare.report import to_markdown

from .wiki_replay import NOW, RECORDED, ZH, Replay


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: object, url: str, headers: object, timeout: float) -> Response:
        raise AssertionError(f"a test tried the network: {url}")

    monkeypatch.setattr(UrllibTransport, "get", refuse)


def client(tmp_path: Path, transport: Replay | None = None, **kw: Any) -> WikiClient:
    sleeps: list[float] = []
    c = WikiClient(
        tmp_path / "cache",
        transport=transport or Replay(),
        sleep=sleeps.append,
        clock=lambda: 0.0,
        now=lambda: NOW,
        **kw,
    )
    c.sleeps = sleeps  # type: ignore[attr-defined]
    return c


def test_fetch_pair_writes_articles_and_manifest(tmp_path: Path) -> None:
    replay = Replay()
    c = client(tmp_path, replay, contact="desk@example.org")
    out = tmp_path / "corpus"
    written = fetch_articles(ZH, ["en"], out, c)
    assert [p.name for p in written] == [
        "zh-wiki-korean-air-flight-801.wikitext",
        "en-wiki-korean-air-flight-801.wikitext",
        "manifest.toml",
    ]
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))["exchanges"]
    zh_page = recorded[0]["body"]["query"]["pages"][0]
    assert (
        written[0].read_text(encoding="utf-8")
        == zh_page["revisions"][0]["slots"]["main"]["content"]
    )
    # the counterpart was found through the language links, with a polite user agent
    assert [urlsplit(url).netloc for url, _ in replay.sent] == [
        "zh.wikipedia.org",
        "en.wikipedia.org",
    ]
    for _, headers in replay.sent:
        assert headers["User-Agent"].startswith("sourcecompare/")
        assert "desk@example.org" in headers["User-Agent"]
    assert c.sleeps == [c.min_interval]  # type: ignore[attr-defined]
    corpus = load_manifest(out)
    zh, en = corpus.entries
    assert zh.get("url") == zh_page["fullurl"]
    assert zh.get("revision") == "80012345" and en.get("revision") == "1190000801"
    assert zh.get("retrieved") == en.get("retrieved") == NOW
    assert (zh.get("language"), en.get("language")) == ("zh", "en")
    assert en.get("title") == "Korean Air Flight 801" and zh.get("format") == "wikitext"


def test_offline_replays_the_cache(tmp_path: Path) -> None:
    fetch_articles(ZH, ["en"], tmp_path / "a", client(tmp_path))
    silent = Replay()
    c = client(tmp_path, silent, offline=True)
    fetch_articles(ZH, ["en"], tmp_path / "b", c)
    assert silent.sent == [] and c.requests == 0
    for name in ("zh-wiki-korean-air-flight-801.wikitext", "manifest.toml"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_offline_without_cache_says_so(tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="not in the cache") as info:
        fetch_articles(ZH, ["en"], tmp_path / "out", client(tmp_path, offline=True))
    assert info.value.title == ZH
    assert not (tmp_path / "out" / "manifest.toml").exists()


def test_a_request_is_sent_once_a_run_and_a_new_run_refreshes(tmp_path: Path) -> None:
    replay = Replay()
    c = client(tmp_path, replay)
    c.article("en", "Korean Air Flight 801")
    c.article("en", "Korean Air Flight 801")
    assert len(replay.sent) == 1
    later = client(tmp_path, replay)
    later.now = lambda: "2026-12-03T00:00:00Z"
    assert later.article("en", "Korean Air Flight 801").retrieved == "2026-12-03T00:00:00Z"
    assert len(replay.sent) == 2
    offline = client(tmp_path, Replay(), offline=True)
    assert offline.article("en", "Korean Air Flight 801").retrieved == "2026-12-03T00:00:00Z"


def test_damaged_cache(tmp_path: Path) -> None:
    client(tmp_path).article("en", "Korean Air Flight 801")
    (cached,) = (tmp_path / "cache").glob("*.json")
    cached.write_text("{not json", encoding="utf-8")
    with pytest.raises(FetchError, match="damaged"):
        client(tmp_path, offline=True).article("en", "Korean Air Flight 801")


def test_retries_server_errors_then_succeeds(tmp_path: Path) -> None:
    replay = Replay(script={"Korean Air Flight 801": [503, 429]})
    c = client(tmp_path, replay)
    article = c.article("en", "Korean Air Flight 801")
    assert article.revision == "1190000801"
    assert len(replay.sent) == 3
    # 1 s after the 503, then the 429's Retry-After of 2 s (the rate limit on top)
    assert c.sleeps == [1.0, 1.0, 2.0, 1.0]  # type: ignore[attr-defined]


def test_gives_up_after_retries(tmp_path: Path) -> None:
    replay = Replay(script={"Korean Air Flight 801": [503] * 10})
    with pytest.raises(FetchError, match=r"HTTP 503 \(4 attempts\)") as info:
        client(tmp_path, replay).article("en", "Korean Air Flight 801")
    assert info.value.title == "en:Korean Air Flight 801"
    assert not list((tmp_path / "cache").glob("*.json")) if (tmp_path / "cache").exists() else True


def test_missing_article(tmp_path: Path) -> None:
    with pytest.raises(PageNotFound, match="no such article") as info:
        client(tmp_path).article("en", "Korean Air Flight 8010")
    assert "en:Korean Air Flight 8010" in str(info.value)


def test_http_404(tmp_path: Path) -> None:
    with pytest.raises(PageNotFound, match="HTTP 404") as info:
        client(tmp_path).article("xx", "Anything")
    assert info.value.title == "xx:Anything"


def test_a_failed_fetch_loses_nothing_already_written(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    fetch_articles(ZH, ["en"], out, client(tmp_path))
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    with pytest.raises(PageNotFound):
        fetch_articles("en:Korean Air Flight 8010", [], out, client(tmp_path))
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_manifest_keeps_other_entries(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    out.mkdir()
    (out / "note.txt").write_text("A note about 254 people.\n", encoding="utf-8")
    (out / "manifest.toml").write_text(
        '[[document]]\nid = "note"\nfile = "note.txt"\ntitle = "A note"\n', encoding="utf-8"
    )
    fetch_articles(ZH, ["en"], out, client(tmp_path))
    ids = [e.id for e in load_manifest(out).entries]
    assert ids == ["note", "zh-wiki-korean-air-flight-801", "en-wiki-korean-air-flight-801"]
    with (out / "manifest.toml").open("rb") as fh:
        assert tomllib.load(fh)["document"][0] == {
            "id": "note",
            "file": "note.txt",
            "title": "A note",
        }


def test_no_language_link(tmp_path: Path) -> None:
    with pytest.raises(PageNotFound, match="no language link to the ko Wikipedia"):
        fetch_articles(ZH, ["ko"], tmp_path / "out", client(tmp_path))


def test_fetched_pair_compares_and_cites(tmp_path: Path) -> None:
    """The fetched folder is a corpus: read through its manifest, its documents carry URL,
    revision and retrieval time, and the infobox figures disagree (229 against 228)."""
    out = tmp_path / "corpus"
    fetch_articles(ZH, ["en"], out, client(tmp_path))
    docs = read_corpus(out, segment=False)
    assert [d.metadata["revision"] for d in docs] == ["80012345", "1190000801"]
    report = compare([out])
    by_id = {c.id: c for c in report.claims}
    pairs = [
        sorted(by_id[c].text for c in f.claim_ids)
        for f in report.findings
        if f.relation.value == "conflict"
    ]
    assert ["228", "229"] in pairs or ["228人", "229"] in pairs, pairs
    md = to_markdown(report)
    assert "1190000801" in md and "en.wikipedia.org/wiki/Korean_Air_Flight_801" in md


def test_cli_offline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "corpus"
    fetch_articles(ZH, ["en"], out, client(tmp_path))
    code = main(
        ["fetch", "wiki", ZH, "--with", "en", "-o", str(tmp_path / "again"), "--offline",
         "--cache", str(tmp_path / "cache")]
    )  # fmt: skip
    assert code == 0
    printed = capsys.readouterr().out
    assert "zh-wiki-korean-air-flight-801.wikitext" in printed
    assert (tmp_path / "again" / "manifest.toml").is_file()


def test_cli_error_names_the_title(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["fetch", "wiki", ZH, "--offline", "-o", str(tmp_path / "x")])
    assert code == 2
    assert "大韓航空801號班機空難" in capsys.readouterr().err


def test_cache_first_uses_the_cache_and_asks_only_for_the_rest(tmp_path: Path) -> None:
    client(tmp_path).article("en", "Korean Air Flight 801")
    replay = Replay()
    c = client(tmp_path, replay, cache_first=True)
    assert c.article("en", "Korean Air Flight 801").retrieved == NOW
    assert replay.sent == [] and c.requests == 0  # cached: no request
    assert c.article("zh", "大韓航空801號班機空難").revision == "80012345"
    assert [urlsplit(url).netloc for url, _ in replay.sent] == ["zh.wikipedia.org"]


class Unreachable:
    def __init__(self) -> None:
        self.calls = 0

    def get(self, url: str, headers: Mapping[str, str], timeout: float) -> Response:
        self.calls += 1
        raise OSError("Network is unreachable")


def test_an_unreachable_wiki_is_tried_once_a_run(tmp_path: Path) -> None:
    """Every attempt at the first request fails to connect: later requests of that client
    fail at once, naming the cache and why, instead of retrying with pauses each."""
    dead = Unreachable()
    c = client(tmp_path, dead, cache_first=True)
    with pytest.raises(FetchError, match=r"could not reach the wiki.*\(4 attempts\)"):
        c.article("en", "Korean Air Flight 801")
    assert dead.calls == 4
    pauses = list(c.sleeps)  # type: ignore[attr-defined]
    with pytest.raises(FetchError, match="could not be reached earlier in this run") as info:
        c.article("zh", "大韓航空801號班機空難")
    assert info.value.title == ZH and "Network is unreachable" in info.value.problem
    assert dead.calls == 4 and c.sleeps == pauses  # type: ignore[attr-defined]
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").iterdir())
