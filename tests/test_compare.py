"""Finding discrepancies on hand-made claims: relations, assignment, reliability, stable ids."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

from sourcecompare.compare import find_discrepancies, match_score, relation_of
from sourcecompare.model import (
    Alignment,
    Claim,
    Difference,
    Document,
    Link,
    OffsetMap,
    Paragraph,
    ParagraphKind,
    Relation,
    Severity,
)


def doc(doc_id: str, tier: str, texts: list[tuple[str, ParagraphKind]]) -> Document:
    raw = "\n\n".join(t for t, _ in texts)
    paras, pos = [], 0
    for i, (t, kind) in enumerate(texts):
        paras.append(Paragraph(i, kind, t, OffsetMap.identity(len(t), base=pos)))
        pos += len(t) + 2
    return Document(
        id=doc_id,
        title=doc_id,
        language="en",
        script="latin",
        format="plain",
        encoding="utf-8",
        raw=raw,
        paragraphs=tuple(paras),
        metadata=MappingProxyType({"tier": tier}),
    )


def claim(
    doc_id: str,
    para: int,
    value: float,
    *,
    low: float | None = None,
    high: float | None = None,
    qualifier: str = "exact",
    kind: str = "count",
    unit: str = "person",
    context: tuple[str, ...] = ("japanese",),
    n: int = 0,
    sentence: str = "",
) -> Claim:
    return Claim(
        id=f"{doc_id}:{para}:{n}",
        document=doc_id,
        paragraph=para,
        sentence=0,
        kind=kind,
        value=value,
        low=value if low is None else low,
        high=value if high is None else high,
        qualifier=qualifier,
        unit=unit,
        unit_text="",
        text=f"{value:g}",
        start=0,
        end=1,
        context=context,
        sentence_text=sentence or f"sentence with {value:g}",
    )


B = ParagraphKind.BODY
EN = doc("en-wiki", "encyclopedia", [("6,637 Japanese ... 1,828 retained", B), ("27,000", B)])
PAPER = doc("wolman-2024", "peer-reviewed", [("6,836 ... 1,831", B), ("27000", B)])
VIDEO = doc("video", "news-video", [("about 70", B), ("comment 80", ParagraphKind.COMMENT)])


def test_assignment_pairs_the_close_figures_and_explains_the_gap() -> None:
    ctx_total = ("japanese", "spouse", "north-korea")
    ctx_nat = ("japanese", "nationality", "spouse")
    total = "In total, {} Japanese spouses migrated to North Korea."
    kept = "Of them, {} retained their Japanese nationality."
    claims = [
        claim("en-wiki", 0, 6637, context=ctx_total, n=0, sentence=total.format("6637")),
        claim("en-wiki", 0, 1828, context=ctx_nat, n=1, sentence=kept.format("1828")),
        claim("wolman-2024", 0, 6836, context=ctx_total, n=0, sentence=total.format("6836")),
        claim("wolman-2024", 0, 1831, context=ctx_nat, n=1, sentence=kept.format("1831")),
    ]
    findings = find_discrepancies([EN, PAPER], claims)
    conflicts = [f for f in findings if f.relation is Relation.CONFLICT]
    assert sorted(sorted(f.claim_ids) for f in conflicts) == [
        ["en-wiki:0:0", "wolman-2024:0:0"],
        ["en-wiki:0:1", "wolman-2024:0:1"],
    ]
    big = next(f for f in conflicts if "en-wiki:0:0" in f.claim_ids)
    assert big.severity is Severity.HIGH
    assert big.difference == Difference(gap=199, relative=0.03, ends="", attribute="migration")
    assert "199 apart (3.0%)" in big.explanation
    assert "en-wiki says 6637" in big.explanation and "wolman-2024 says 6836" in big.explanation
    assert any("migration" in e for e in big.evidence)  # the reviewer sees why


def test_agreement_and_compatible() -> None:
    claims = [
        claim("en-wiki", 1, 27000, context=("prisoner", "soviet")),
        claim("wolman-2024", 1, 27000, context=("prisoner", "soviet")),
        claim("en-wiki", 0, 75, low=70, high=80, kind="range", context=("kidnap",), n=5),
        claim("video", 0, 70, low=63, high=77, qualifier="approximate", context=("kidnap",)),
    ]
    findings = find_discrepancies([EN, PAPER, VIDEO], claims)
    by_rel = {f.relation: f for f in findings}
    assert set(by_rel[Relation.AGREEMENT].claim_ids) == {"en-wiki:1:0", "wolman-2024:1:0"}
    assert set(by_rel[Relation.COMPATIBLE].claim_ids) == {"en-wiki:0:5", "video:0:0"}
    assert by_rel[Relation.COMPATIBLE].severity is Severity.LOW


def test_user_comments_never_raise_a_conflict() -> None:
    claims = [claim("en-wiki", 0, 6637), claim("video", 1, 9999)]
    findings = find_discrepancies([EN, VIDEO], claims)
    assert all(f.relation is Relation.ONE_SIDED for f in findings)
    assert len(findings) == 2


def test_three_sources_make_one_finding() -> None:
    third = doc("zh-wiki", "encyclopedia", [("27000人", B)])
    said = "{} prisoners of war were held in camps."
    claims = [
        claim("en-wiki", 1, 27000, context=("prisoner",), sentence=said.format("27000")),
        claim("wolman-2024", 1, 27000, context=("prisoner",), sentence=said.format("27000")),
        claim("zh-wiki", 0, 26000, context=("prisoner",), sentence=said.format("26000")),
    ]
    findings = find_discrepancies([EN, PAPER, third], claims)
    assert len(findings) == 1
    assert findings[0].relation is Relation.CONFLICT
    assert len(findings[0].claims) == 3


def test_each_claim_matches_at_most_one_claim_per_document() -> None:
    claims = [
        claim("en-wiki", 1, 27000, n=0),
        claim("en-wiki", 1, 27000, n=1),
        claim("wolman-2024", 1, 27000),
    ]
    findings = find_discrepancies([EN, PAPER], claims)
    matched = [f for f in findings if f.relation is not Relation.ONE_SIDED]
    assert len(matched) == 1 and len(matched[0].claims) == 2


def test_aligned_paragraphs_lift_a_weak_match_to_a_possible_conflict() -> None:
    a = claim("en-wiki", 0, 500, context=("ship",))
    b = claim("wolman-2024", 0, 520, context=("boat",))
    assert all(f.relation is Relation.ONE_SIDED for f in find_discrepancies([EN, PAPER], [a, b]))
    al = Alignment("en-wiki", "wolman-2024", "paragraph", "comparable", (Link((0,), (0,), 0.9),))
    findings = find_discrepancies([EN, PAPER], [a, b], [al])
    # matched, but nothing says what the two figures measure: thin evidence, low severity
    assert findings[0].relation is Relation.POSSIBLE
    assert findings[0].severity is Severity.LOW
    assert "aligned paragraphs 0 ~ 0" in findings[0].evidence


def test_ids_are_stable_across_runs_and_unrelated_edits() -> None:
    claims = [claim("en-wiki", 1, 27000), claim("wolman-2024", 1, 27000)]
    first = find_discrepancies([EN, PAPER], claims)
    again = find_discrepancies([EN, PAPER], list(reversed(claims)))
    assert [f.id for f in first] == [f.id for f in again]
    # the same claims, moved by an edit elsewhere (new paragraph and sentence, new offsets)
    moved = [
        replace(c, paragraph=0, sentence=3, start=c.start + 40, end=c.end + 40) for c in claims
    ]
    assert all(m.paragraph != c.paragraph for m, c in zip(moved, claims, strict=True))
    assert [f.id for f in find_discrepancies([EN, PAPER], moved)] == [f.id for f in first]


def test_kinds_must_fit() -> None:
    year = claim("en-wiki", 0, 1959, kind="year", unit="year", context=("begin",))
    count = claim("wolman-2024", 0, 1959, context=("begin",))
    assert (year.low, year.high) == (count.low, count.high)  # the same numbers...
    assert match_score(year, count, aligned=True) == 0.0
    findings = find_discrepancies([EN, PAPER], [year, count])
    assert all(f.relation is Relation.ONE_SIDED for f in findings)  # ...but never matched


def test_time_claims_compare_on_one_scale() -> None:
    period = claim("en-wiki", 0, 0, low=1977, high=1983, kind="range", unit="year")
    longer = claim("wolman-2024", 0, 0, low=1977, high=1988, kind="range", unit="year")
    same = claim("wolman-2024", 0, 0, low=1977, high=1983, kind="range", unit="year")
    year = claim("en-wiki", 0, 2002, kind="year", unit="year")
    date = claim("wolman-2024", 0, 20020917, kind="date", unit="year")
    other_year = claim("wolman-2024", 0, 2003, kind="year", unit="year")
    decade = claim("en-wiki", 0, 1970, low=1970, high=1979, kind="decade", unit="year")
    # two periods stated by both ends: a different end is a different fact
    assert relation_of(period, longer) is Relation.CONFLICT
    assert relation_of(period, same) is Relation.AGREEMENT
    # a date within a year, a year within a decade: compatible through containment
    assert relation_of(year, date) is Relation.COMPATIBLE
    assert relation_of(decade, claim("x", 0, 1977, kind="year", unit="year")) is Relation.COMPATIBLE
    assert relation_of(year, other_year) is Relation.CONFLICT
    # a date is compared with a year as a year, not as the number 20020917
    assert match_score(year, date, aligned=True) > 0.5


def test_different_dates_a_year_apart_are_different_events() -> None:
    a = claim("en-wiki", 0, 20020917, kind="date", unit="year", context=("summit",))
    b = claim("wolman-2024", 0, 20031000, kind="date", unit="year", context=("summit",))
    assert match_score(a, b, aligned=True) == 0.0


def test_small_figures_need_context_large_ones_speak_for_themselves() -> None:
    small_a = claim("en-wiki", 0, 2, context=("ship",))
    small_b = claim("wolman-2024", 0, 2, context=("letter",))
    large_a = claim("en-wiki", 1, 27000, context=("influx",))
    large_b = claim("wolman-2024", 1, 27000, context=("missing",))
    assert match_score(small_a, small_b, aligned=False) == 0.0
    assert match_score(large_a, large_b, aligned=False) > 0.42


def test_many_equal_candidates_prefer_the_aligned_paragraph() -> None:
    many = doc("wolman-2024", "peer-reviewed", [(f"27000 ({i})", B) for i in range(100)])
    claims = [claim("en-wiki", 1, 27000, context=("prisoner",))]
    claims += [claim("wolman-2024", i, 27000, context=("prisoner",)) for i in range(100)]
    al = Alignment("en-wiki", "wolman-2024", "paragraph", "comparable", (Link((1,), (57,), 5.0),))
    findings = find_discrepancies([EN, many], claims, [al])
    matched = [f for f in findings if f.relation is Relation.AGREEMENT]
    assert len(matched) == 1
    assert set(matched[0].claim_ids) == {"en-wiki:1:0", "wolman-2024:57:0"}


def test_a_duration_without_an_attribute_is_about_a_duration_not_its_base_unit() -> None:
    """A duration is held in days (unit ``d``); a finding that names no attribute says what the
    figure measures, "duration", not the symbol of its base unit."""
    lasted = claim("en-wiki", 1, 3652.5, kind="duration", unit="d", context=("live",))
    (alone,) = find_discrepancies([EN], [lasted])
    assert alone.relation is Relation.ONE_SIDED and alone.subject == "duration"
    count = claim("en-wiki", 0, 6637)
    (counted,) = find_discrepancies([EN], [count])
    assert counted.subject == "person"
