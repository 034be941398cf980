"""The bundled corpus, pinned: every claim and every finding, as a committed JSON snapshot.

A change that is meant to leave behaviour alone (a refactoring, a speed-up) must leave this
snapshot unchanged.  A change that is meant to alter what is found rewrites it on purpose:

    SOURCECOMPARE_UPDATE_SNAPSHOT=1 .venv/bin/python -m pytest tests/test_corpus_snapshot.py

and the diff of ``tests/snapshots/corpus.json`` shows, in review, exactly what moved.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from sourcecompare import compare
from sourcecompare.model import Report

from .conftest import CORPUS

SNAPSHOT = Path(__file__).parent / "snapshots" / "corpus.json"


def snapshot_of(report: Report) -> dict[str, Any]:
    """The parts of a report that a behaviour change would move, in a stable order."""
    claims = [
        {
            "id": c.id,
            "document": c.document,
            "paragraph": c.paragraph,
            "kind": str(c.kind),
            "text": c.text,
            "span": [c.start, c.end],
            "value": c.value,
            "low": c.low,
            "high": c.high,
            "qualifier": str(c.qualifier),
            "unit": c.unit,
        }
        for c in sorted(report.claims, key=lambda c: (c.document, c.start, c.end, c.id))
    ]
    findings = [
        {
            "id": f.id,
            "relation": str(f.relation),
            "severity": str(f.severity),
            "claims": sorted(f.claim_ids),
        }
        for f in sorted(report.findings, key=lambda f: f.id)
    ]
    return {"claims": claims, "findings": findings}


@pytest.fixture(scope="module")
def current() -> dict[str, Any]:
    return snapshot_of(compare([CORPUS]))


def test_corpus_claims_and_findings_match_the_snapshot(current: dict[str, Any]) -> None:
    if os.environ.get("SOURCECOMPARE_UPDATE_SNAPSHOT") == "1":
        SNAPSHOT.write_text(
            json.dumps(current, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert current["claims"] == expected["claims"]
    assert current["findings"] == expected["findings"]
