"""The Chinese words on each side of a figure, taken from a sentence's word bounds by two
slices (claims.context._han_sides), held to the plain filter over the window's words."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecompare.claims import context
from sourcecompare.claims.context import Word, word_bounds

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NORMS = ["日本", "人", "1959", "年", "27,000", "of", "，", "北韓", "x年", "a"]


def _plainly(words: list[Word], left_at: int, right_at: int, reach: int) -> tuple[list, list]:
    left = [w.norm for w in words[max(0, left_at - reach) : left_at] if _HAN.search(w.norm)]
    right = [w.norm for w in words[right_at : right_at + reach] if _HAN.search(w.norm)]
    return left, right


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_NORMS), max_size=40),
    st.integers(0, 45),
    st.integers(0, 45),
    st.integers(0, 12),
)
def test_the_sides_are_the_plain_filter(norms: list[str], left_at: int, right_at: int,
                                        reach: int) -> None:  # fmt: skip
    words = [Word(n, 3 * i, 3 * i + 2) for i, n in enumerate(norms)]
    held = word_bounds(words)
    assert context._han_sides(held, left_at, right_at, reach) == _plainly(
        words, left_at, right_at, reach
    )
