"""ValueIndex.count and .echoes (bisecting per figure) held to the plain scans over every near
claim (``count_plainly``, ``echoes_plainly``), and .closest (read outwards from a figure) to
ordering every near claim (``closest_plainly``), as RapidFuzz holds its fast paths."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecompare.claims import extract_claims, extract_from_text
from sourcecompare.match.candidates import ValueIndex
from sourcecompare.model import Claim
from sourcecompare.readers import parse_text
from sourcecompare.segment import segment

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


def _by_paragraph(texts: list[str], language: str) -> tuple[Claim, ...]:
    """The claims of a document whose paragraph ``i`` is ``texts[i]``."""
    raw = "\n\n".join(texts)
    return extract_claims(segment(parse_text(raw, id="d", format="plain", language=language)))


def _check_closest(claims: tuple[Claim, ...], k: int, aligned: set[int]) -> None:
    index = ValueIndex(claims)
    for c in claims:
        assert index.closest(c, k, aligned) == index.closest_plainly(c, k, aligned), c


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(_EN), min_size=1, max_size=40),
    st.integers(0, 6),
    st.sets(st.integers(0, 40), max_size=8),
)
def test_english_closest_is_the_plain_order(figures: list[str], k: int, aligned: set[int]) -> None:
    _check_closest(_by_paragraph([f"There were {f} then." for f in figures], "en"), k, aligned)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(_ZH), min_size=1, max_size=40),
    st.integers(0, 6),
    st.sets(st.integers(0, 40), max_size=8),
)
def test_chinese_closest_is_the_plain_order(figures: list[str], k: int, aligned: set[int]) -> None:
    _check_closest(_by_paragraph([f"當時有{f}。" for f in figures], "zh"), k, aligned)


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
