"""English without spaCy: the same tokens, spaces and sentence starts as spaCy's blank ``en``
pipeline (the oracle, imported here only), and its rules cached like every resource."""

from __future__ import annotations

import functools
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecompare import en_tokenizer, resources
from sourcecompare.en_tokenizer import Tokenizer, tokenizer

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@functools.cache
def _spacy_en() -> Any:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _spacy(text: str) -> tuple[list[tuple[str, bool]], list[tuple[int, ...]]]:
    from sourcecompare.segment import _spacy_array

    sdoc = _spacy_en()(text)
    return [(t.text, bool(t.whitespace_)) for t in sdoc], [
        tuple(r) for r in _spacy_array(sdoc).tolist()
    ]


def _ours(text: str) -> tuple[list[tuple[str, bool]], list[tuple[int, ...]]]:
    texts, spaces = tokenizer().tokens(text)
    rows = [tuple(r) for r in tokenizer().rows(text, (texts, spaces)).tolist()]
    assert rows == [tuple(r) for r in tokenizer().rows(text).tolist()]
    return tokenizer()(text), rows


#: pieces that exercise prefixes, suffixes, infixes, special cases (contractions, emoticons,
#: abbreviations), URLs, numbers and every kind of space
_PIECES = st.sampled_from(
    [
        " ",
        "  ",
        "\n",
        "\n\n",
        "\t",
        "\u00a0",
        "\u3000",
        "\x1c",
        " \n ",
        ".",
        ",",
        "!",
        "?",
        ";",
        ":",
        "'",
        '"',
        "''",
        "``",
        "’",
        "‘",
        "“",
        "”",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "-",
        "--",
        "—",
        "–",
        "/",
        "...",
        "…",
        "$",
        "%",
        "#",
        "&",
        "*",
        "+",
        "=",
        "<",
        ">",
        "@",
        "^",
        "_",
        "~",
        "|",
        "\\",
        "don't",
        "Don't",
        "can't",
        "won't",
        "I'm",
        "it's",
        "’s",
        "’re",
        "y'all",
        "o'clock",
        "a.m.",
        "p.m.",
        "e.g.",
        "i.e.",
        "U.S.",
        "U.S.A.",
        "St.",
        "Mr.",
        "Mrs.",
        "Dr.",
        "Jan.",
        "vs.",
        "etc.",
        "No.",
        ":)",
        ":-)",
        ":(",
        "<3",
        ":P",
        "(:",
        "^_^",
        "=)",
        "http://example.org/a?b=1",
        "www.example.com",
        "user@example.org",
        "1990s",
        "27,000",
        "6.5",
        "10km",
        "$5",
        "5%",
        "1977–1983",
        "3rd",
        "'90s",
        "Tis",
        "'Tis",
        "gonna",
        "cannot",
        "hello",
        "World",
        "ÉCOLE",
        "naïve",
        "x",
        "1",
        "a-b",
        "a/b",
    ]
)
_EN_TEXT = st.lists(
    st.one_of(_PIECES, st.characters(codec="utf-8", exclude_categories=("Cs",))),
    max_size=60,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=_EN_TEXT)
def test_tokens_and_rows_are_spacys(text: str) -> None:
    """On any text: the same tokens, the same spaces after them, and the same rows
    (offset, length, punctuation, space, sentence start) as spaCy's pipeline."""
    assert _ours(text) == _spacy(text)


@given(text=st.text(max_size=80))
def test_tokens_are_spacys_on_any_characters(text: str) -> None:
    text = text.encode("utf-8", "replace").decode("utf-8", "replace")
    assert _ours(text) == _spacy(text)


def test_every_special_case_alone_and_in_company() -> None:
    """Each of spaCy's special cases, alone, wrapped in brackets and punctuation, and next to
    another one: the chunk lookup and the special matcher both taken."""
    rules = sorted(_spacy_en().tokenizer.rules)
    assert len(rules) > 1000
    for i, key in enumerate(rules):
        other = rules[(i * 7 + 3) % len(rules)]
        for text in (key, f"({key})", f"{key}.", f'"{key}," {other}', f"{key} {other}!"):
            assert _ours(text) == _spacy(text), text


def test_rows_are_spacys_on_the_corpus() -> None:
    from sourcecompare.pipeline import read_many
    from sourcecompare.script import normalise
    from sourcecompare.segment import spacy_text, words

    docs = read_many([CORPUS], segment=False)
    texts = [p.text for d in docs if d.language == "en" for p in d.paragraphs]
    assert len(texts) > 30
    nlp = _spacy_en()
    for text in texts:
        norm = spacy_text(normalise(text)[0], "en")
        assert _ours(norm) == _spacy(norm)
        expected = [t.text.lower() for t in nlp.tokenizer(norm) if not t.is_space]
        assert words(text, "en", keep_punct=True) == expected


def test_english_segmentation_does_not_import_spacy(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from sourcecompare.model import Document, OffsetMap, Paragraph, ParagraphKind\n"
        "from sourcecompare.segment import segment, words\n"
        "t = 'He left in Jan. 1959. They came back!'\n"
        "p = Paragraph(0, ParagraphKind.BODY, t, OffsetMap.identity(len(t)))\n"
        "d = segment(Document('d', 'd', 'en', '', 'plain', 'utf-8', t, (p,)))\n"
        "assert len(d.paragraphs[0].sentences) == 2, d.paragraphs[0].sentences\n"
        "assert words(t, 'en')[:3] == ['he', 'left', 'in']\n"
        "print('spacy' in sys.modules)\n"
    )
    env = {**__import__("os").environ, resources.ENV_VAR: str(tmp_path / "cache")}
    first = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert first.stdout.strip() == "True"  # the first run reads spaCy's rules, once
    again = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert again.stdout.strip() == "False"


def _rules_file(folder: Path) -> Path:
    (found,) = folder.glob("en-tokenizer-*.bin")
    return found


def test_a_corrupt_rules_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(resources.ENV_VAR, str(tmp_path))
    tokenizer.cache_clear()
    try:
        expected = tokenizer()("Don't stop (now).")
        path = _rules_file(tmp_path)
        data = bytearray(path.read_bytes())
        data[-5] ^= 0xFF
        path.write_bytes(bytes(data))
        tokenizer.cache_clear()
        assert tokenizer()("Don't stop (now).") == expected
        assert _rules_file(tmp_path).read_bytes() != bytes(data)  # rewritten
    finally:
        tokenizer.cache_clear()


def test_misshapen_rules_are_refused() -> None:
    good = en_tokenizer._read_rules()
    assert en_tokenizer._looks_right(good)
    assert not en_tokenizer._looks_right({**good, "rules": {"don't": ("do", "not")}})
    assert not en_tokenizer._looks_right({**good, "prefix": 3})
    assert not en_tokenizer._looks_right([good])


def test_the_key_follows_spacys_version(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(resources.ENV_VAR, str(tmp_path))
    tokenizer.cache_clear()
    try:
        tokenizer()
        monkeypatch.setattr(en_tokenizer, "spacy_version", lambda: "0.0.0")
        tokenizer.cache_clear()
        tokenizer()
        assert len(list(tmp_path.glob("en-tokenizer-*.bin"))) == 2
    finally:
        tokenizer.cache_clear()


def test_a_tokenizer_without_patterns_splits_on_spaces_only() -> None:
    tok = Tokenizer(
        {
            "rules": {},
            "prefix": None,
            "suffix": None,
            "infix": None,
            "token_match": None,
            "url_match": None,
            "faster_heuristics": True,
            "punct_chars": frozenset("."),
        }
    )
    assert tok("a (b)  c.\n") == [("a", True), ("(b)", True), (" ", False), ("c.", False),
                                  ("\n", False)]  # fmt: skip
