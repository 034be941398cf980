"""Golden matching cases (``tests/cases/match.jsonl``): two short texts, one Chinese and one
English, and how the two named figures must relate.

``expect`` is a relation (``conflict``, ``agreement``, ``compatible``), ``no-conflict`` (any
finding but a conflict, or none) or ``none`` (the two figures are in no finding together).  A
case with ``xfail`` is a known gap, run as a strict xfail.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sourcecompare import compare
from sourcecompare.model import Relation, Report

CASES = Path(__file__).parent / "cases" / "match.jsonl"


def _cases() -> list[Any]:
    out = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
        out.append(pytest.param(case, id=case["label"], marks=marks))
    return out


def _relation(report: Report, zh_figure: str, en_figure: str) -> Relation | None:
    claims = {c.id: c for c in report.claims}
    lang = {d.id: d.language for d in report.documents}
    for f in report.findings:
        texts = {(lang[claims[c].document], claims[c].text) for c in f.claim_ids}
        zh = any(t == "zh" and zh_figure in s for t, s in texts)
        en = any(t == "en" and en_figure in s for t, s in texts)
        if zh and en:
            return f.relation
    return None


@pytest.mark.parametrize("case", _cases())
def test_matching_case(case: dict[str, str], tmp_path: Path) -> None:
    assert case["label"] and case["comment"]
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_text(case["zh"] + "\n", encoding="utf-8")
    en.write_text(case["en"] + "\n", encoding="utf-8")
    report = compare([zh, en])
    found = _relation(report, case["zh_figure"], case["en_figure"])
    want = case["expect"]
    if want == "no-conflict":
        assert found is not Relation.CONFLICT, case["comment"]
        assert not any(f.relation is Relation.CONFLICT for f in report.findings)
    elif want == "none":
        assert found is None, case["comment"]
    else:
        assert found is Relation(want), f"{case['comment']}: got {found}"
