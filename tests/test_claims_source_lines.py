"""The source's line breaks put back into a paragraph's view (``_source_lines``, read run by
run of the offset map), held to reading every space of the view in turn."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sourcecompare.claims import _source_lines
from sourcecompare.model import OffsetMap


def plain_source_lines(raw: str, text: str, to_raw: OffsetMap) -> str | None:
    """Every space of ``text`` in turn: a line break when the source's characters from the
    one it stands for up to the next character's hold one."""
    chars = list(text)
    changed = False
    for at, ch in enumerate(text):
        if ch != " ":
            continue
        start = to_raw[at]
        end = to_raw[at + 1] if at + 1 < len(text) else start + 1
        if "\n" in raw[start : max(end, start + 1)]:
            chars[at] = "\n"
            changed = True
    return "".join(chars) if changed else None


@st.composite
def mapped(draw: st.DrawFn) -> tuple[str, str, OffsetMap]:
    raw = draw(st.text(alphabet="a \n\t", min_size=1, max_size=40))
    text = draw(st.text(alphabet="a ", min_size=1, max_size=30))
    cuts = (
        sorted(set(draw(st.lists(st.integers(1, len(text) - 1), max_size=5))))
        if len(text) > 1
        else []
    )
    starts = (0, *cuts)
    bounds = (*cuts, len(text))
    origins = []
    for s, e in zip(starts, bounds, strict=True):
        # every character of the run inside raw; runs may jump forward or back
        origins.append(draw(st.integers(0, max(0, len(raw) - (e - s)))))
    if any(o + (e - s) > len(raw) for o, s, e in zip(origins, starts, bounds, strict=True)):
        raw += "a" * len(text)  # (a run longer than raw: lengthen raw)
    return raw, text, OffsetMap(starts=starts, origins=tuple(origins), length=len(text))


@given(mapped())
def test_source_lines_is_reading_every_space(case: tuple[str, str, OffsetMap]) -> None:
    raw, text, to_raw = case
    assert _source_lines(raw, text, to_raw) == plain_source_lines(raw, text, to_raw)


def test_a_joined_line_break_and_one_in_the_gap_between_runs() -> None:
    raw = "one\ntwo  \n  three four"
    # "one two three four": the first space is raw's own \n, the second the gap "  \n  "
    text = "one two three four"
    to_raw = OffsetMap(starts=(0, 8), origins=(0, 12), length=len(text))
    assert _source_lines(raw, text, to_raw) == "one\ntwo\nthree four"
