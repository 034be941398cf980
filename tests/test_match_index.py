"""ValueIndex.count and .echoes (bisecting per figure) held to the plain scans over every near
claim (``count_plainly``, ``echoes_plainly``), as RapidFuzz holds its fast paths."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecompare.claims import extract_from_text
from sourcecompare.match.candidates import ValueIndex

#: figures that repeat, nest, slip units and share numbers in other kinds
_EN = ["27,000 people", "27000", "1959", "about 6,600", "1 lipa", "1 kuna", "six weeks",
       "six months", "1", "100 kuna", "in May 1959", "2 years", "3 km", "3,000 m"]  # fmt: skip
_ZH = ["27000人", "2萬7千人", "1959年", "約6600人", "一庫納", "六個月", "1", "三公里", "1959年5月",
       "兩年"]  # fmt: skip


def _check(text: str, language: str) -> None:
    claims = extract_from_text(text, language, context=False)
    index = ValueIndex(claims)
    for c in claims:
        assert index.count(c) == index.count_plainly(c), c
        assert index.echoes(c) == index.echoes_plainly(c), c


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_EN), min_size=1, max_size=30))
def test_english_counts_and_echoes_are_the_plain_scans(figures: list[str]) -> None:
    _check(" ".join(f"There were {f} then." for f in figures), "en")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_ZH), min_size=1, max_size=30))
def test_chinese_counts_and_echoes_are_the_plain_scans(figures: list[str]) -> None:
    _check("".join(f"當時有{f}。" for f in figures), "zh")


def test_a_repeated_figure_counts_every_statement() -> None:
    claims = extract_from_text("1959年有27000人，" * 50, "zh", context=False)
    index = ValueIndex(claims)
    people = [c for c in claims if c.value == 27000]
    assert len(people) == 50
    assert {index.count(c) for c in people} == {50}


def _plain_ids(bases: list[str]) -> list[str]:
    taken: set[str] = set()
    out = []
    for base in bases:
        fid, n = base, 1
        while fid in taken:
            n += 1
            fid = f"{base}-{n}"
        taken.add(fid)
        out.append(fid)
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Fa", "Fb", "Fc"]), max_size=40))
def test_finding_ids_are_the_plain_suffixes(bases: list[str]) -> None:
    from sourcecompare.match.findings import FindingIds

    ids = FindingIds()
    got = [ids.give(b) for b in bases]
    assert got == _plain_ids(bases)
    assert all(g in ids for g in got) and len(set(got)) == len(got)
