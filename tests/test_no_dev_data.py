"""Golden cases are our own: no input is a development-set input or a copied dev sentence.

A local guard. The development sets (numbers-dev, X-PARADE-Dev, MAC-Dev) live in
``../shared/bench`` beside the project and are for measuring only; they are not part of
the project, so where they are absent (a clone without ``shared/``) every test here is
skipped. Where they are present, a case input in ``tests/cases/*.jsonl`` must not be a
numbers-dev input or a MAC-Dev line (after width folding, case folding and collapsed
spaces), and must not share a long span with an X-PARADE paragraph or a MAC-Dev line.
Forms issue 11 names (``十 余 万``, ``1 lipa``) may appear inside an own sentence: they are
shorter than a copied input. Strings of under three characters (``一``, ``50``) are too
generic to be copies and are not compared.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache

import pytest

from .conftest import CASES, SHARED

BENCH = SHARED / "bench"
NUMBERS = BENCH / "numbers-dev" / "cases.jsonl"
PAIRS = BENCH / "xparade-dev" / "pairs"
MAC = BENCH / "mac-dev" / "split"

pytestmark = pytest.mark.skipif(
    not (NUMBERS.is_file() and PAIRS.is_dir() and MAC.is_dir()),
    reason="development sets (../shared/bench) not present: local guard only",
)

#: a copied span: this many characters in a row, as in a dev text
SPAN_ZH = 12  # with at least 8 Han characters
SPAN_EN = 40  # with at least three words
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: the text fields of a case that hold input (claims: input; match: zh, en)
INPUT_FIELDS = ("input", "zh", "en")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold()


def _case_inputs() -> list[tuple[str, str]]:
    found = []
    for path in sorted(CASES.glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                case = json.loads(line)
                for field in INPUT_FIELDS:
                    value = case.get(field)
                    if isinstance(value, str) and value.strip():
                        found.append((f"{path.name}:{n} {case.get('label')} {field}", value))
    return found


@cache
def _dev_inputs() -> frozenset[str]:
    inputs = set()
    with NUMBERS.open(encoding="utf-8") as f:
        inputs.update(_norm(json.loads(line)["input"]) for line in f if line.strip())
    for path in MAC.iterdir():
        inputs.update(_norm(line) for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(s for s in inputs if len(s) >= 3)


def _spans(text: str) -> set[str]:
    out = set()
    for i in range(len(text) - SPAN_ZH + 1):
        piece = text[i : i + SPAN_ZH]
        if len(HAN.findall(piece)) >= 8:
            out.add(piece)
    for i in range(len(text) - SPAN_EN + 1):
        piece = text[i : i + SPAN_EN]
        if not HAN.search(piece) and len(piece.split()) >= 4:
            out.add(piece)
    return out


@cache
def _dev_spans() -> frozenset[str]:
    texts = [p.read_text(encoding="utf-8") for p in PAIRS.glob("*.txt")]
    for path in MAC.iterdir():
        texts.extend(path.read_text(encoding="utf-8").splitlines())
    spans: set[str] = set()
    for text in texts:
        spans |= _spans(_norm(text))
    return frozenset(spans)


def test_the_guard_sees_the_cases_and_the_dev_sets() -> None:
    inputs = _case_inputs()
    assert len(inputs) >= 500
    assert len(_dev_inputs()) >= 500
    # a numbers-dev input read from the set, upper-cased and spaced out, is still caught
    with NUMBERS.open(encoding="utf-8") as f:
        first = next(json.loads(line)["input"] for line in f if len(line) > 3)
    assert _norm("  " + first.upper().replace(" ", "  ")) in _dev_inputs() or len(first.strip()) < 3
    # a long stretch of an X-PARADE paragraph inside a sentence of our own is caught
    paragraph = _norm(sorted(PAIRS.glob("*.en.txt"))[0].read_text(encoding="utf-8"))
    assert _spans("we wrote: " + paragraph[:60]) & _dev_spans()


def test_no_case_input_is_a_dev_set_input() -> None:
    dev = _dev_inputs()
    copied = [where for where, text in _case_inputs() if _norm(text) in dev]
    assert not copied, "case inputs copied from a development set: " + ", ".join(copied)


def test_no_case_input_copies_a_span_of_a_dev_text() -> None:
    dev = _dev_spans()
    copied = []
    for where, text in _case_inputs():
        shared = sorted(_spans(_norm(text)) & dev)
        if shared:
            copied.append(f"{where}: {shared[0]!r}")
    assert not copied, "case inputs that copy a dev text: " + "; ".join(copied)
