"""Perturbation tests on the corpus: every figure of the Chinese "Japanese in North Korea"
article that agrees with a partner in the English one is changed — a small count by one, a
large one by about three per cent, a year by one; as written, in the other way of writing it
(digits / Chinese numerals) and in simplified script — and exactly that conflict, and nothing
else new, is expected.

The paragraphs do not change, so the alignment of the unperturbed pair is reused; each
perturbation re-reads the Chinese article and runs the matcher.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import Path

import pytest

from sourcecompare.align import align
from sourcecompare.claims import extract_claims
from sourcecompare.compare import find_discrepancies
from sourcecompare.model import Alignment, Claim, Document, Finding, Relation
from sourcecompare.pipeline import read
from sourcecompare.script import to_simplified

from .conftest import CORPUS

ZH = CORPUS / "zh-wiki-japanese-in-north-korea.md"
EN = CORPUS / "en-wiki-japanese-in-north-korea.txt"

_DIGITS = re.compile(r"\d[\d,]*")
_HAN_NUMERALS = "零一二三四五六七八九十"
_HAN_VALUE = {**{c: i for i, c in enumerate(_HAN_NUMERALS)}, "兩": 2, "两": 2}


@dataclass(frozen=True)
class Pair:
    """The unperturbed comparison of the two articles."""

    zh: Document
    en: Document
    alignments: tuple[Alignment, ...]
    claims: tuple[Claim, ...]
    findings: tuple[Finding, ...]


def _run(zh: Document, en: Document, alignments: tuple[Alignment, ...]) -> Pair:
    claims = (*extract_claims(zh), *extract_claims(en))
    return Pair(zh, en, alignments, claims, find_discrepancies([zh, en], claims, alignments))


@pytest.fixture(scope="module")
def base() -> Pair:
    zh, en = read(ZH), read(EN)
    return _run(zh, en, tuple(align(a, b) for a, b in combinations([zh, en], 2)))


def _han(n: int) -> str:
    if n <= 10:
        return _HAN_NUMERALS[n]
    if n < 20:
        return "十" + (_HAN_NUMERALS[n - 10] if n > 10 else "")
    return ""


def _changed(value: float, kind: str) -> int:
    v = int(value)
    if kind == "year":
        return v + 1
    return v + 1 if v < 100 else round(v * 1.03)


def _variants(claim: Claim) -> Iterator[tuple[str, str]]:
    """``(label, new figure text)`` for a figure: as written, in the other numerals, simplified."""
    assert claim.value is not None
    new = _changed(claim.value, claim.kind)
    text = claim.text
    digits = _DIGITS.search(text)
    han = next((ch for ch in text if ch in _HAN_VALUE), None)
    if digits:
        number = f"{new:,}" if "," in digits.group() else str(new)
        written = text[: digits.start()] + number + text[digits.end() :]
        yield "digits", written
        if new <= 19 and claim.kind != "year":
            yield "han", text[: digits.start()] + _han(new) + text[digits.end() :]
    elif han is not None and new <= 19:
        at = text.index(han)
        yield "han", text[:at] + _han(new) + text[at + 1 :]
        yield "digits", text[:at] + str(new) + text[at + 1 :]
    else:
        return
    simplified = to_simplified(written if digits else text[:at] + _han(new) + text[at + 1 :])
    if simplified != (written if digits else text[:at] + _han(new) + text[at + 1 :]):
        yield "simplified", simplified


def _partners(pair: Pair) -> list[tuple[Claim, Claim]]:
    by_id = {c.id: c for c in pair.claims}
    out = []
    for f in pair.findings:
        if f.relation is not Relation.AGREEMENT or len(f.claims) != 2:
            continue
        a, b = (by_id[c] for c in f.claim_ids)
        zh, en = (a, b) if a.document == pair.zh.id else (b, a)
        if zh.document == pair.zh.id and en.document == pair.en.id and zh.value is not None:
            out.append((zh, en))
    return sorted(out, key=lambda p: p[0].start)


def _facts(pair: Pair, skip: set[str]) -> set[tuple[str, tuple[tuple[str, str], ...]]]:
    """Every matched finding as (relation, its figures), leaving out those holding ``skip``."""
    by_id = {c.id: c for c in pair.claims}
    return {
        (str(f.relation), tuple(sorted((by_id[c].document, by_id[c].text) for c in f.claim_ids)))
        for f in pair.findings
        if f.relation is not Relation.ONE_SIDED and not skip & set(f.claim_ids)
    }


def test_the_articles_have_figures_to_perturb(base: Pair) -> None:
    pairs = _partners(base)
    assert len(pairs) >= 8, [(z.text, e.text) for z, e in pairs]


#: known gaps: figures whose change is only a possible conflict or no longer matched
KNOWN_GAPS = {
    "27000人": "the Chinese sentence names no attribute the English one does (prisoners of war)",
    "1970年": "hijacked in 1970 (zh) against received asylum in 1970 (en): once the years "
    "differ nothing but the year made them one fact",
}


def test_every_agreeing_figure_changed_is_exactly_one_new_conflict(
    base: Pair, tmp_path: Path
) -> None:
    failures = []
    for zh_claim, en_claim in _partners(base):
        if zh_claim.text not in KNOWN_GAPS:
            failures += _perturb(base, zh_claim, en_claim, tmp_path)
    assert not failures, "\n".join(failures)


@pytest.mark.xfail(reason="; ".join(KNOWN_GAPS.values()), strict=True)
def test_known_gaps(base: Pair, tmp_path: Path) -> None:
    failures = []
    for zh_claim, en_claim in _partners(base):
        if zh_claim.text in KNOWN_GAPS:
            failures += _perturb(base, zh_claim, en_claim, tmp_path)
    assert not failures, "\n".join(failures)


def _perturb(base: Pair, zh_claim: Claim, en_claim: Claim, tmp_path: Path) -> list[str]:
    failures = []
    for label, figure in _variants(zh_claim):
        raw = base.zh.raw[: zh_claim.start] + figure + base.zh.raw[zh_claim.end :]
        after = _rerun(base, "zh", raw, tmp_path, label)
        where = f"{zh_claim.text} -> {figure} ({label}) against {en_claim.text}"
        failures += _one_new_conflict(base, after, base.zh.id, zh_claim, en_claim, where)
    return failures


def _one_new_conflict(
    base: Pair, after: Pair, doc_id: str, changed: Claim, partner: Claim, where: str
) -> list[str]:
    """What is wrong with ``after``, the comparison with ``changed`` (a claim of ``doc_id``)
    perturbed: the new figure must be read, be in conflict with ``partner`` and with it alone,
    and no other finding may move."""
    by_id = {c.id: c for c in after.claims}
    moved = [c for c in after.claims if c.document == doc_id and c.start == changed.start]
    if not moved:
        return [f"{where}: not read as a figure"]
    new = moved[0]
    hits = [f for f in after.findings if new.id in f.claim_ids]
    if not hits or hits[0].relation is not Relation.CONFLICT:
        return [f"{where}: {hits[0].relation if hits else 'unmatched'}"]
    failures = []
    if {by_id[c].text for c in hits[0].claim_ids} != {new.text, partner.text}:
        failures.append(f"{where}: matched {[by_id[c].text for c in hits[0].claim_ids]}")
    # nothing else moved
    before = _facts(base, {changed.id, partner.id})
    rest = _facts(after, {new.id, partner.id})
    if rest != before:
        failures.append(f"{where}: other findings changed: {sorted(rest ^ before)}")
    return failures


EN_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]
#: a hedge in each language, put before a figure: the figure becomes approximate
HEDGE = {"zh": "約", "en": "about "}


def _en_variants(claim: Claim) -> Iterator[tuple[str, str]]:
    """``(label, new figure text)`` for an English figure: its number changed, in digits (with
    the thousands commas it had) or in words (with the capital it had)."""
    assert claim.value is not None
    new = _changed(claim.value, claim.kind)
    digits = _DIGITS.search(claim.text)
    if digits:
        number = f"{new:,}" if "," in digits.group() else str(new)
        yield "digits", claim.text[: digits.start()] + number + claim.text[digits.end() :]
        return
    word = claim.text.strip().lower()
    if word in EN_WORDS and new < len(EN_WORDS):
        changed = EN_WORDS[new]
        yield "words", changed.capitalize() if claim.text[:1].isupper() else changed


def _rerun(base: Pair, side: str, raw: str, tmp_path: Path, label: str) -> Pair:
    """The comparison with one article's text replaced (the other, and the alignment, kept)."""
    source = ZH if side == "zh" else EN
    path = tmp_path / f"{label}-{source.name}"
    path.write_text(raw, encoding="utf-8")
    doc = read(path)
    if side == "zh":
        return _run(replace(doc, id=base.zh.id), base.en, base.alignments)
    return _run(base.zh, replace(doc, id=base.en.id), base.alignments)


#: English figures whose change is only a possible conflict or no longer matched
EN_KNOWN_GAPS = {
    "27,000": KNOWN_GAPS["27000人"],
    "1970": KNOWN_GAPS["1970年"],
}


def _perturb_en(base: Pair, zh_claim: Claim, en_claim: Claim, tmp_path: Path) -> list[str]:
    failures = []
    for label, figure in _en_variants(en_claim):
        raw = base.en.raw[: en_claim.start] + figure + base.en.raw[en_claim.end :]
        after = _rerun(base, "en", raw, tmp_path, label)
        where = f"{en_claim.text} -> {figure} ({label}) against {zh_claim.text}"
        failures += _one_new_conflict(base, after, base.en.id, en_claim, zh_claim, where)
    return failures


def test_every_agreeing_english_figure_changed_is_exactly_one_new_conflict(
    base: Pair, tmp_path: Path
) -> None:
    failures = []
    tried = 0
    for zh_claim, en_claim in _partners(base):
        if en_claim.text.strip() not in EN_KNOWN_GAPS:
            tried += len(list(_en_variants(en_claim)))
            failures += _perturb_en(base, zh_claim, en_claim, tmp_path)
    assert tried >= 8
    assert not failures, "\n".join(failures)


def _hedge(base: Pair, side: str, claim: Claim, partner: Claim, tmp_path: Path) -> list[str]:
    """Put a hedge before a figure that agrees with its partner: the two stay one fact, now
    compatible (or still agreeing), never a conflict, and nothing else moves."""
    doc = base.zh if side == "zh" else base.en
    raw = doc.raw[: claim.start] + HEDGE[side] + doc.raw[claim.start :]
    after = _rerun(base, side, raw, tmp_path, "hedged")
    where = f"{HEDGE[side]}{claim.text} against {partner.text}"
    moved = [c for c in after.claims if c.document == doc.id and c.start == claim.start]
    if not moved or moved[0].qualifier == "exact":
        return [f"{where}: not read as an approximate figure"]
    new = moved[0]
    hits = [f for f in after.findings if new.id in f.claim_ids]
    if not hits or partner.id not in hits[0].claim_ids:
        return [f"{where}: no longer matched with its partner"]
    if hits[0].relation not in (Relation.COMPATIBLE, Relation.AGREEMENT):
        return [f"{where}: {hits[0].relation}"]
    rest = _facts(after, {new.id, partner.id})
    before = _facts(base, {claim.id, partner.id})
    if rest != before:
        return [f"{where}: other findings changed: {sorted(rest ^ before)}"]
    return []


#: figures that a hedge unmatches from their partner, with the reason
HEDGE_KNOWN_GAPS: dict[str, str] = {}


@pytest.mark.parametrize("side", ["zh", "en"])
def test_a_hedged_figure_stays_one_fact_and_is_never_a_conflict(
    base: Pair, tmp_path: Path, side: str
) -> None:
    failures = []
    for zh_claim, en_claim in _partners(base):
        claim, partner = (zh_claim, en_claim) if side == "zh" else (en_claim, zh_claim)
        if claim.text in HEDGE_KNOWN_GAPS or claim.text in KNOWN_GAPS:
            continue
        failures += _hedge(base, side, claim, partner, tmp_path)
    assert not failures, "\n".join(failures)


@pytest.mark.xfail(reason="; ".join(EN_KNOWN_GAPS.values()), strict=True)
def test_english_known_gaps(base: Pair, tmp_path: Path) -> None:
    failures = []
    for zh_claim, en_claim in _partners(base):
        if en_claim.text.strip() in EN_KNOWN_GAPS:
            failures += _perturb_en(base, zh_claim, en_claim, tmp_path)
    assert not failures, "\n".join(failures)
