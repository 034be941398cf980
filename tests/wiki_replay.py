"""Recorded MediaWiki API answers (tests/cases/fetch/*.json) replayed as a transport, for the
fetch tests and the batch tests of ``wiki:`` topics; nothing here touches the network."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from sourcecompare.fetch import Response

RECORDED = Path(__file__).resolve().parent / "cases" / "fetch" / "korean-air-801.json"
ZH = "zh:大韓航空801號班機空難"
NOW = "2026-12-02T07:00:00Z"


class Replay:
    """A transport answering from recorded exchanges; an unrecorded request fails the test."""

    def __init__(self, script: Mapping[str, list[int]] | None = None) -> None:
        data = json.loads(RECORDED.read_text(encoding="utf-8"))
        assert data["comment"]
        self.exchanges: list[dict[str, Any]] = data["exchanges"]
        self.sent: list[tuple[str, dict[str, str]]] = []
        self.script = {k: list(v) for k, v in (script or {}).items()}  # title -> statuses first

    def get(self, url: str, headers: Mapping[str, str], timeout: float) -> Response:
        parts = urlsplit(url)
        params = {k: v[0] for k, v in parse_qs(parts.query).items()}
        self.sent.append((url, dict(headers)))
        assert parts.scheme == "https" and parts.path == "/w/api.php", url
        assert params["format"] == "json" and params["action"] == "query", params
        title = params["titles"]
        if self.script.get(title):
            status = self.script[title].pop(0)
            return Response(status, "", {"Retry-After": "2"} if status == 429 else {})
        for ex in self.exchanges:
            if ex["host"] == parts.netloc and ex["titles"] == title:
                body = ex["body"]
                text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
                return Response(ex["status"], text, ex["headers"])
        raise AssertionError(f"unrecorded request: {url}")
