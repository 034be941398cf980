"""The main job on the bundled corpus: the discrepancies the product was built to find."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sourcecompare import compare
from sourcecompare.model import Claim, Finding, ParagraphKind, Relation, Report, Severity
from sourcecompare.report import to_html, to_json, to_markdown

from .conftest import CORPUS

EN = "en-wiki-japanese-in-north-korea"
ZH = "zh-wiki-japanese-in-north-korea"
ZH_RELATIONS = "zh-wiki-japan-north-korea-relations"
PAPER = "wolman-2024"
VIDEO = "scmp-video-japan-to-north-korea"


@pytest.fixture(scope="module")
def report() -> Report:
    return compare([CORPUS])


def _claims(report: Report) -> dict[str, Claim]:
    return {c.id: c for c in report.claims}


def finding_with(report: Report, *wanted: tuple[str, str]) -> Finding:
    """The one finding holding, for each ``(document, figure text)``, that claim."""
    by_id = _claims(report)
    hits = [
        f
        for f in report.findings
        if all(
            any(by_id[c].document == d and by_id[c].text == t for c in f.claim_ids)
            for d, t in wanted
        )
    ]
    assert len(hits) == 1, f"{wanted}: {len(hits)} findings"
    return hits[0]


def test_total_migrants_conflict_between_the_articles_and_the_paper(report: Report) -> None:
    f = finding_with(report, (EN, "6,637"), (PAPER, "6,836"), (ZH, "6,637個日本人"))
    assert f.relation is Relation.CONFLICT
    assert f.severity is Severity.HIGH
    assert "199 apart (3.0%)" in f.explanation


def test_retained_nationality_conflicts_with_the_paper(report: Report) -> None:
    f = finding_with(report, (EN, "1,828"), (PAPER, "an estimated 1,831"), (ZH, "1828"))
    assert f.relation is Relation.CONFLICT
    assert f.severity is Severity.HIGH


def test_prisoners_of_war_agree_across_languages(report: Report) -> None:
    f = finding_with(report, (EN, "27,000"), (ZH, "27000人"))
    assert f.relation is Relation.AGREEMENT


def test_kidnapping_periods_conflict(report: Report) -> None:
    f = finding_with(report, (EN, "between 1977 and 1983"), (ZH_RELATIONS, "1977年到1988年间"))
    assert f.relation is Relation.CONFLICT
    assert "end 5 years apart" in f.explanation


def test_kidnapped_count_is_compatible_as_an_approximation(report: Report) -> None:
    f = finding_with(report, (EN, "between 70 and 80"), (ZH, "大约为70人左右"))
    assert f.relation is Relation.COMPATIBLE


def test_user_comments_raise_nothing(report: Report) -> None:
    by_id = _claims(report)
    docs = {d.id: d for d in report.documents}

    def in_comment(cid: str) -> bool:
        c = by_id[cid]
        return docs[c.document].paragraphs[c.paragraph].kind is ParagraphKind.COMMENT

    comment_claims = [cid for cid in by_id if in_comment(cid)]
    assert comment_claims, "the video page's comments hold figures"
    for f in report.findings:
        if any(in_comment(c) for c in f.claim_ids):
            assert f.relation is Relation.ONE_SIDED and len(f.claims) == 1


def test_every_claim_is_in_exactly_one_finding(report: Report) -> None:
    matchable = {c.id for c in report.claims if c.kind not in ("time", "identifier")}
    seen = [cid for f in report.findings for cid in f.claim_ids]
    assert len(seen) == len(set(seen))
    assert matchable <= set(seen)


def test_ids_are_stable_across_runs(report: Report) -> None:
    again = compare([CORPUS])
    assert [f.id for f in again.findings] == [f.id for f in report.findings]


def test_reviewed_alignment_links_are_used(tmp_path: Path) -> None:

    from sourcecompare.align.store import file_name

    name = file_name(EN, PAPER)
    data = json.loads((CORPUS.parent / "alignments" / name).read_text(encoding="utf-8"))
    data["links"].append(
        {"source": [5], "target": [16], "score": 0.0, "reviewed": True, "source_text": "",
         "target_text": ""}
    )  # fmt: skip
    (tmp_path / name).write_text(json.dumps(data), encoding="utf-8")
    report = compare([CORPUS], alignments=tmp_path)
    pair = next(a for a in report.alignments if (a.source, a.target) == (EN, PAPER))
    assert any(lk.reviewed and lk.source == (5,) and lk.target == (16,) for lk in pair.links)


def test_the_python_api(report: Report) -> None:
    data = json.loads(to_json(report))
    assert {"documents", "alignments", "claims", "findings", "signature"} <= set(data)
    assert to_markdown(report).startswith("#")
    html, fragment = to_html(report), report._repr_html_()
    assert html.lower().startswith("<!doctype html")
    assert "<html" not in fragment.lower()  # a fragment for a notebook cell
    first = report.findings[0]
    assert first.id in html and first.id in fragment


def test_a_plan_agreed_in_1958_is_not_the_migration_begun_in_1959(report: Report) -> None:
    by_id = _claims(report)
    for f in report.findings:
        texts = {(by_id[c].document, by_id[c].text) for c in f.claim_ids}
        if (PAPER, "1958") in texts:
            assert f.relation is not Relation.CONFLICT, f.explanation


def test_conflicts_show_why_the_figures_are_one_fact(report: Report) -> None:
    conflicts = [f for f in report.findings if f.relation is Relation.CONFLICT]
    assert conflicts and all(f.evidence for f in conflicts)
    f = finding_with(report, (EN, "6,637"), (PAPER, "6,836"), (ZH, "6,637個日本人"))
    assert f.difference.gap == 199 and f.difference.relative == pytest.approx(0.03, abs=1e-3)
