"""The sentence holding a figure, found by bisection (claims._SentenceAt), held to the plain
scan it replaces (claims._sentence_of), on sentences in order with gaps and empty ones, and
on sentences out of order or overlapping (which the bisection must leave to the scan)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecompare import claims
from sourcecompare.model import Sentence


def _sentence(index: int, start: int, end: int) -> Sentence:
    return Sentence(index, "", start, end, start, end)


@st.composite
def _in_order(draw: st.DrawFn) -> list[Sentence]:
    """Sentences as a segmenter makes them: in order, with gaps and empty ones between."""
    out, at = [], 0
    for i in range(draw(st.integers(0, 12))):
        at += draw(st.integers(0, 3))  # a gap (or none)
        length = draw(st.integers(0, 6))  # an empty sentence now and then
        out.append(_sentence(i, at, at + length))
        at += length
    return out


_ANY = st.lists(
    st.tuples(st.integers(0, 40), st.integers(-2, 8)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=10,
).map(lambda spans: [_sentence(i, a, b) for i, (a, b) in enumerate(spans)])


@settings(max_examples=300, deadline=None)
@given(st.one_of(_in_order(), _ANY), st.lists(st.integers(-2, 60), min_size=1, max_size=20))
def test_the_bisection_finds_the_sentence_the_scan_finds(
    sentences: list[Sentence], positions: list[int]
) -> None:
    at = claims._SentenceAt(sentences)
    for pos in positions:
        assert at(pos) is claims._sentence_of(sentences, pos)


def test_a_paragraph_of_short_sentences_is_bisected() -> None:
    sentences = [_sentence(i, 3 * i, 3 * i + 3) for i in range(1000)]
    at = claims._SentenceAt(sentences)
    assert at.ordered
    assert at(1500) is sentences[500] and at(3000) is None
    assert not claims._SentenceAt([_sentence(0, 5, 9), _sentence(1, 0, 5)]).ordered
