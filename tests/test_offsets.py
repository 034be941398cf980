"""OffsetMap and TextBuilder against a plain list of positions (the obvious oracle)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sourcecompare.model import OffsetMap
from sourcecompare.readers._build import TextBuilder, collapse_whitespace, cut

# a "recipe": pieces of a raw text to take verbatim, or synthetic characters standing for one
pieces = st.lists(
    st.one_of(
        st.tuples(st.just("take"), st.integers(0, 60), st.integers(0, 8)),
        st.tuples(st.just("put"), st.integers(0, 60), st.integers(1, 2)),
    ),
    max_size=12,
)


def build(raw: str, recipe: list[tuple[str, int, int]]) -> tuple[str, OffsetMap, list[int]]:
    b = TextBuilder()
    oracle: list[int] = []
    for op, a, n in recipe:
        a = min(a, len(raw) - 1)
        if op == "take":
            end = min(len(raw), a + n)
            b.take(raw, a, end)
            oracle.extend(range(a, end))
        else:
            b.put(" " * n, a)
            oracle.extend([a] * n)
    text, offsets = b.build()
    return text, offsets, oracle


@given(st.text(min_size=1, max_size=70), pieces)
def test_builder_map_equals_oracle(raw: str, recipe: list[tuple[str, int, int]]) -> None:
    text, offsets, oracle = build(raw, recipe)
    assert len(offsets) == len(text) == len(oracle)
    assert [offsets[i] for i in range(len(text))] == oracle
    for i, ch in enumerate(text):
        assert ch == raw[oracle[i]] or ch == " "


@given(st.text(min_size=1, max_size=70), pieces, st.data())
def test_cut_and_compose(raw: str, recipe: list[tuple[str, int, int]], data: st.DataObject) -> None:
    text, offsets, oracle = build(raw, recipe)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    sub, sub_map = cut(text, offsets, start, end)
    assert sub == text[start:end]
    assert [sub_map[i] for i in range(len(sub))] == oracle[start:end]
    # compose: a map into `text` (identity over a slice), chained with text -> raw
    inner = OffsetMap.identity(end - start, base=start)
    composed = inner.compose(offsets)
    assert [composed[i] for i in range(end - start)] == oracle[start:end]


@given(st.text(max_size=80))
def test_collapse_whitespace(raw: str) -> None:
    b = TextBuilder()
    collapse_whitespace(raw, 0, len(raw), b)
    text, offsets = b.build()
    assert text == " ".join(raw.split()) + (" " if raw.split() and raw[-1].isspace() else "")
    for i, ch in enumerate(text):
        assert raw[offsets[i]] == ch or (ch == " " and raw[offsets[i]].isspace())


def test_span_of_empty_and_out_of_range() -> None:
    m = OffsetMap.identity(3, base=5)
    assert m.span(1, 1) == (6, 6)
    assert m.span(3, 3) == (8, 8)
    assert OffsetMap.identity(0).span(0, 0) == (0, 0)
    try:
        m[3]
    except IndexError as exc:
        assert "outside" in str(exc)
    else:
        raise AssertionError("expected IndexError")
