"""Segmentation: sentences and tokens whose spans point into the original text."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st

import sourcecompare
from sourcecompare.errors import UnknownComponent
from sourcecompare.model import Document, OffsetMap, Paragraph, ParagraphKind
from sourcecompare.readers._build import TextBuilder, collapse_whitespace
from sourcecompare.script import fold_width, normalise
from sourcecompare.segment import SEGMENTERS, _cutter, segment, signature, words

SPACY = ".".join(spacy.__version__.split(".")[:2])
CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FILES = sorted(p for p in CORPUS.iterdir() if p.suffix != ".toml")
ZH_FILES = [p for p in FILES if p.name.startswith("zh-")]


def _doc(raw: str, language: str, paragraphs: list[tuple[int, int]] | None = None) -> Document:
    """A document of ``raw`` with one paragraph per span, whitespace folded as readers do."""
    spans = paragraphs if paragraphs is not None else [(0, len(raw))]
    paras = []
    for start, end in spans:
        b = TextBuilder()
        collapse_whitespace(raw, start, end, b)
        text, offsets = b.strip()
        if text:
            paras.append(Paragraph(len(paras), ParagraphKind.BODY, text, offsets))
    return Document("t", "t", language, "", "plain", "utf-8", raw, tuple(paras))


def _contiguous(offsets: OffsetMap, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` was copied from one stretch of raw (a space standing for a
    line break counts: it sits where the break was)."""
    return end > start and offsets[end - 1] - offsets[start] == end - start - 1


def _same(raw_slice: str, text: str) -> bool:
    """Equal, but for whitespace the reader folded into a space."""
    return len(raw_slice) == len(text) and all(
        a == b or (a.isspace() and b == " ") for a, b in zip(raw_slice, text, strict=True)
    )


def check_spans(doc: Document) -> int:
    """Assert every paragraph, sentence and token maps back to its original characters;
    return how many tokens were checked."""
    raw = doc.raw
    n = 0
    for p in doc.paragraphs:
        text = p.text
        assert p.norm_offsets is not None
        assert len(p.norm) == len(p.norm_offsets)
        # the paragraph: each character comes from raw (a folded space from whitespace)
        for i, ch in enumerate(text):
            src = raw[p.offsets[i]]
            assert src == ch or (ch == " " and src.isspace())
        # the normalised view: each character comes from a character of the paragraph
        positions = [p.norm_offsets[i] for i in range(len(p.norm))]
        assert positions == sorted(positions)
        assert all(0 <= q < len(text) for q in positions)
        for i, ch in enumerate(p.norm):
            if ch.isascii():
                assert fold_width(text[positions[i]]) == ch
        previous_sentence_end = 0
        for k, s in enumerate(p.sentences):
            assert s.index == k
            assert previous_sentence_end <= s.para_start < s.para_end <= len(text)
            previous_sentence_end = s.para_end
            assert s.text == text[s.para_start : s.para_end]
            assert (s.start, s.end) == p.offsets.span(s.para_start, s.para_end)
            if _contiguous(p.offsets, s.para_start, s.para_end):
                assert _same(raw[s.start : s.end], s.text)
            assert s.tokens and not s.tokens[0].is_space and not s.tokens[-1].is_space
            assert s.tokens[0].para_start == s.para_start
            assert s.tokens[-1].para_end == s.para_end
            previous = s.para_start
            for t in s.tokens:
                n += 1
                assert s.para_start <= t.para_start < t.para_end <= s.para_end
                assert t.para_start >= previous or t.para_end <= previous  # in order
                previous = max(previous, t.para_start)
                assert t.text == text[t.para_start : t.para_end]
                assert (t.start, t.end) == p.offsets.span(t.para_start, t.para_end)
                if _contiguous(p.offsets, t.para_start, t.para_end):
                    assert _same(raw[t.start : t.end], t.text)
                assert t.norm == t.norm.lower()
    return n


# -- corpus -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_corpus_spans(path: Path) -> None:
    """Through the readers: passes once they land."""
    doc = sourcecompare.read(path)
    assert check_spans(doc) > 100
    assert doc.signature.endswith(f"opencc:hk2s|seg:rjieba|spacy:{SPACY}")
    assert all(p.sentences for p in doc.paragraphs if p.text.strip(" -–—*#|"))


@pytest.mark.parametrize("path", ZH_FILES, ids=[p.stem for p in ZH_FILES])
def test_jieba_and_rjieba_give_the_same_words(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert words(text, "zh", segmenter="jieba") == words(text, "zh", segmenter="rjieba")
    a = segment(_doc(text, "zh"), segmenter="jieba")
    b = segment(_doc(text, "zh"), segmenter="rjieba")
    assert [s.tokens for s in a.paragraphs[0].sentences] == [
        s.tokens for s in b.paragraphs[0].sentences
    ]
    assert b.signature == f"opencc:hk2s|seg:rjieba|spacy:{SPACY}"


_MIXED = st.text(
    st.one_of(
        st.sampled_from(list("北韩的日本人我们回家了朝鲜民主主义共和国一二三万亿年月日")),
        st.sampled_from(list(" \n\t\r\u3000.,;:!?。，、！？「」《》…—-_'\"()（）0123456789")),
        st.sampled_from(list("abcXYZéßΩжא한글かなカナ")),
        st.characters(blacklist_categories=["Cs"]),
    ),
    max_size=60,
)


@given(_MIXED)
def test_rjieba_cuts_as_jieba(text: str) -> None:
    """The default cutter (rjieba, the fast path) gives jieba's words on any text.  (Only the
    precise mode spaCy calls: the two full modes, which nothing uses, differ on ``::``.)"""
    assert _cutter("rjieba").cut(text) == _cutter("jieba").cut(text)


def test_corpus_through_builder_spans() -> None:
    """The same checks without the readers: paragraphs at blank lines."""
    for path in FILES:
        raw = path.read_text(encoding="utf-8")
        spans, pos = [], 0
        for block in raw.split("\n\n"):
            spans.append((pos, pos + len(block)))
            pos += len(block) + 2
        language = "zh" if path.name.startswith("zh-") else "en"
        assert check_spans(segment(_doc(raw, language, spans))) > 100


# -- Chinese ----------------------------------------------------------------------------------


def test_chinese_sentences_and_quotes() -> None:
    raw = "他說：「我們回家。」然後離開了！真的嗎？是的。最後一句"
    doc = segment(_doc(raw, "zh"))
    assert [s.text for s in doc.paragraphs[0].sentences] == [
        "他說：「我們回家。」",
        "然後離開了！",
        "真的嗎？",
        "是的。",
        "最後一句",
    ]
    check_spans(doc)


def test_chinese_half_width_sentence_ends() -> None:
    doc = segment(_doc("他們回家了!然後呢?好｡完", "zh"))
    assert [s.text for s in doc.paragraphs[0].sentences] == ["他們回家了!", "然後呢?", "好｡", "完"]


def test_chinese_decimal_point_does_not_split() -> None:
    doc = segment(_doc("估計有3.5萬人。另有6,637人。", "zh"))
    assert [s.text for s in doc.paragraphs[0].sentences] == ["估計有3.5萬人。", "另有6,637人。"]


def test_tokens_keep_original_text_and_normalised_form() -> None:
    raw = "至今，仍然活著的人數不詳。"
    doc = segment(_doc(raw, "zh"))
    tokens = doc.paragraphs[0].sentences[0].tokens
    assert [t.text for t in tokens] == [
        "至今",
        "，",
        "仍然",
        "活",
        "著",
        "的",
        "人數",
        "不詳",
        "。",
    ]
    # hk2s keeps 著 (a valid simplified character too)
    assert [t.norm for t in tokens] == ["至今", ",", "仍然", "活", "著", "的", "人数", "不详", "。"]
    assert [t.is_punct for t in tokens] == [
        False,
        True,
        False,
        False,
        False,
        False,
        False,
        False,
        True,
    ]


def test_phrase_conversion_token_spans_whole_original_word() -> None:
    raw = "記憶體的容量不夠，使用者很多。"
    doc = segment(_doc(raw, "zh"), config="tw2sp")
    tokens = [t for s in doc.paragraphs[0].sentences for t in s.tokens]
    by_norm = {t.norm: t for t in tokens}
    assert by_norm["内存"].text == "記憶體"
    assert raw[by_norm["内存"].start : by_norm["内存"].end] == "記憶體"
    assert by_norm["用户"].text == "使用者"
    assert doc.signature == f"opencc:tw2sp|seg:rjieba|spacy:{SPACY}"
    check_spans(doc)


def test_offsets_into_raw_with_markup_removed() -> None:
    raw = "## 背景\n\n1945年，[北韓](x.md)的日本兵\n撤回日本。"
    start = raw.index("1945")
    b = TextBuilder()
    b.take(raw, start, raw.index("["))
    b.take(raw, raw.index("[") + 1, raw.index("]"))
    b.take(raw, raw.index(")") + 1, raw.index("\n撤"))
    b.take(raw, raw.index("撤"), len(raw))
    text, offsets = b.build()
    assert text == "1945年，北韓的日本兵撤回日本。"
    para = Paragraph(0, ParagraphKind.BODY, text, offsets)
    doc = segment(Document("d", "d", "zh", "traditional", "markdown-wiki", "utf-8", raw, (para,)))
    tokens = {t.text: t for t in doc.paragraphs[0].sentences[0].tokens}
    assert raw[tokens["北韓"].start : tokens["北韓"].end] == "北韓"
    assert tokens["北韓"].norm == "北韩"
    assert raw[tokens["撤回"].start : tokens["撤回"].end] == "撤回"
    check_spans(doc)


# -- English ----------------------------------------------------------------------------------


def test_english_abbreviations_do_not_end_sentences() -> None:
    raw = (
        "Vol. 33, No. 1 of the journal. The U.S. ambassador Douglas MacArthur II said so. "
        "See pp. 199-235 and Smith et al. 2003. Japan (Mr. Abe) agreed. He said “No.” "
        "Then it ended. In Jan. 2002, Koizumi visited. Art. 3 of the Act applies."
    )
    doc = segment(_doc(raw, "en"))
    assert [s.text for s in doc.paragraphs[0].sentences] == [
        "Vol. 33, No. 1 of the journal.",
        "The U.S. ambassador Douglas MacArthur II said so.",
        "See pp. 199-235 and Smith et al. 2003.",
        "Japan (Mr. Abe) agreed.",
        "He said “No.”",
        "Then it ended.",
        "In Jan. 2002, Koizumi visited.",
        "Art. 3 of the Act applies.",
    ]
    check_spans(doc)


def test_english_no_at_sentence_end_still_splits() -> None:
    doc = segment(_doc("He said no. Then he left.", "en"))
    assert [s.text for s in doc.paragraphs[0].sentences] == ["He said no.", "Then he left."]


def test_english_full_width_forms_are_folded_for_tokens() -> None:
    doc = segment(_doc("About ９４，０００ people left.", "en"))
    tokens = doc.paragraphs[0].sentences[0].tokens
    assert [(t.text, t.norm) for t in tokens][1] == ("９４，０００", "94,000")


# -- words, signature, components -------------------------------------------------------------


def test_words() -> None:
    assert words("北韓的日本人，人數不詳。", "zh") == ["北韩", "的", "日本", "人", "人数", "不详"]
    assert words("北韓，", "zh", keep_punct=True) == ["北韩", ","]
    assert words("The  Japanese — in North Korea.", "en") == [
        "the",
        "japanese",
        "in",
        "north",
        "korea",
    ]
    assert words("", "zh") == []


def test_unknown_components() -> None:
    with pytest.raises(UnknownComponent, match="valid segmenters: jieba, rjieba"):
        words("x", "zh", segmenter="pkuseg")
    with pytest.raises(UnknownComponent, match="valid languages: en, zh"):
        words("x", "fr")
    with pytest.raises(UnknownComponent, match="valid script configs"):
        segment(_doc("北韓", "zh"), config="s2t")
    with pytest.raises(UnknownComponent):
        signature(segmenter="nope")
    assert set(SEGMENTERS) == {"jieba", "rjieba"}


def test_signature_replaces_earlier_segmentation_signature() -> None:
    doc = segment(_doc("北韓。", "zh"), segmenter="jieba")
    again = segment(doc, config="tw2sp")
    assert again.signature == f"opencc:tw2sp|seg:rjieba|spacy:{SPACY}"
    kept = segment(
        Document("d", "d", "en", "latin", "plain", "utf-8", "x", (), signature="reader:plain")
    )
    assert kept.signature == f"reader:plain|opencc:hk2s|seg:rjieba|spacy:{SPACY}"


def test_empty_paragraph_gets_no_sentences() -> None:
    para = Paragraph(0, ParagraphKind.BODY, "", OffsetMap.identity(0))
    doc = segment(Document("d", "d", "zh", "traditional", "plain", "utf-8", "", (para,)))
    assert doc.paragraphs[0].sentences == ()
    assert doc.paragraphs[0].norm == ""


def test_norm_is_normalise_of_text() -> None:
    doc = segment(_doc("在東京的總聯合會，ＡＢ！", "zh"))
    p = doc.paragraphs[0]
    assert (p.norm, p.norm_offsets) == normalise(p.text)


# -- properties -------------------------------------------------------------------------------

ZH_ALPHABET = st.sampled_from(
    list("北韓朝鮮日本人的記憶體軟體使用者埠們來了在東京總聯合會衞枱")
    + list("。！？!?｡，、「」“”（）ＡＢ１２ 　\nab.3")
)
EN_ALPHABET = st.sampled_from(
    [*"abc ABC .,!?\n\t“”'-0123456789ＡＢ１", "Vol. ", "No. ", "U.S. ", "Mr. "]
)


def _paragraph_spans(raw: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for block in raw.split("\n\n"):
        spans.append((pos, pos + len(block)))
        pos += len(block) + 2
    return spans


@given(st.lists(ZH_ALPHABET, max_size=120).map("".join), st.sampled_from(["hk2s", "tw2sp"]))
def test_chinese_spans_property(raw: str, config: str) -> None:
    check_spans(segment(_doc(raw, "zh", _paragraph_spans(raw)), config=config))


@given(st.lists(EN_ALPHABET, max_size=120).map("".join))
def test_english_spans_property(raw: str) -> None:
    check_spans(segment(_doc(raw, "en", _paragraph_spans(raw))))


@given(st.text(max_size=60), st.sampled_from(["zh", "en"]))
def test_arbitrary_text_segments(raw: str, language: str) -> None:
    check_spans(segment(_doc(raw, language, _paragraph_spans(raw))))


def test_cut_gives_the_words_of_the_segmentation_stage() -> None:
    from sourcecompare.pipeline import read_many
    from sourcecompare.script import normalise
    from sourcecompare.segment import cut, words

    from .conftest import CORPUS

    texts = [
        p.text
        for d in read_many([CORPUS], segment=False)
        if d.language == "zh"
        for p in d.paragraphs
    ]
    texts += ["北韓的日本人，ＮＯ．１", "他們說：「回家。」 然後 離開了！", "Kim Il Sung 金日成"]
    for text in texts:
        assert cut(normalise(text)[0]) == words(text, "zh"), text


# -- hostile input (issue 16) -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "language"),
    [
        pytest.param("Intro. " + "{{" * 10_000 + " The end.", "en", id="braces"),
        pytest.param("Intro. " + "#" * 8_000 + " The end.", "en", id="hashes"),
        pytest.param("開始。" + "#" * 8_000 + "結束。", "zh", id="hashes zh"),
        pytest.param("x " + "_" * 5_000 + " The end.", "en", id="underscores"),
    ],
)
def test_long_punctuation_runs_segment_with_spans_right(raw: str, language: str) -> None:
    doc = segment(_doc(raw, language))
    check_spans(doc)
    words_seen = [t.norm for s in doc.paragraphs[0].sentences for t in s.tokens]
    assert words_seen[-2:] in (["end", "."], ["结束", "。"])


@pytest.mark.parametrize("language", ["en", "zh"])
def test_lone_surrogates_segment(language: str) -> None:
    raw = "北韓有" + chr(0xD800) + "人。He said " + chr(0xDFFF) + " no."
    doc = segment(_doc(raw, language))
    check_spans(doc)
    texts = "".join(t.text for s in doc.paragraphs[0].sentences for t in s.tokens)
    assert chr(0xD800) in texts and chr(0xDFFF) in texts  # the original text, in place
    assert words(raw, language)


_HOSTILE = st.text(
    st.one_of(
        st.sampled_from(list("{}#_-.!?。 a中")),
        st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
        st.characters(),
    ),
    max_size=400,
)


@given(_HOSTILE, st.sampled_from(["en", "zh"]))
def test_spacy_text_keeps_every_offset(text: str, language: str) -> None:
    """What spaCy sees has the length of the text, no surrogate, no punctuation run longer
    than the limit (English), and differs only where it must."""
    from sourcecompare.segment import MAX_PUNCT_RUN, spacy_text

    out = spacy_text(text, language)
    assert len(out) == len(text)
    assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in out)
    run = 0
    for a, b in zip(text, out, strict=True):
        if 0xD800 <= ord(a) <= 0xDFFF:
            assert b == "\ufffd"
        elif a != b:
            assert b == " " and language == "en" and not (a.isalnum() or a.isspace())
        punct = not b.isspace() and (b == "_" or not b.isalnum())  # what the pattern counts
        if language == "en" and punct:
            run += 1
            assert run <= MAX_PUNCT_RUN
        else:
            run = 0
    if not any(0xD800 <= ord(ch) <= 0xDFFF for ch in text) and (
        language == "zh" or len(text) <= MAX_PUNCT_RUN
    ):
        assert out == text


# -- Chinese without spaCy: the same tokens as spaCy's blank zh pipeline (issue 10) ----------

_ZH_ORACLE_TEXT = st.lists(
    st.one_of(
        ZH_ALPHABET,
        st.sampled_from([*"  \t\u3000.。」』）)!！?？‼…—,", "  ", "\n\n", "。」", "?!"]),
        st.characters(codec="utf-8"),
    ),
    max_size=160,
).map("".join)


def _spacy_zh_rows(text: str, segmenter: str) -> list[tuple[int, ...]]:
    from sourcecompare.segment import _build_pipeline, _spacy_array

    sdoc = _build_pipeline("zh", segmenter)(text)
    return [tuple(r) for r in _spacy_array(sdoc).tolist()]


@pytest.mark.parametrize("segmenter", ["rjieba", "jieba"])
@given(text=_ZH_ORACLE_TEXT)
def test_chinese_rows_are_spacys(segmenter: str, text: str) -> None:
    """The spaCy-free Chinese tokens and sentence starts are those of spaCy's pipeline (the
    obviously right one, kept as the oracle) on any text."""
    from sourcecompare.segment import _cutter, _zh_array, spacy_text

    text = spacy_text(text, "zh")
    assert [tuple(r) for r in _zh_array(text, _cutter(segmenter)).tolist()] == _spacy_zh_rows(
        text, segmenter
    )


def test_chinese_rows_are_spacys_on_the_corpus() -> None:
    from sourcecompare.pipeline import read_many
    from sourcecompare.script import normalise
    from sourcecompare.segment import _cutter, _zh_array, spacy_text, words

    docs = read_many([CORPUS], segment=False)
    texts = [p.text for d in docs if d.language == "zh" for p in d.paragraphs]
    assert len(texts) > 30
    from sourcecompare.segment import _build_pipeline

    tokenizer = _build_pipeline("zh", "rjieba")
    for text in texts:
        norm = spacy_text(normalise(text)[0], "zh")
        assert [tuple(r) for r in _zh_array(norm, _cutter("rjieba")).tolist()] == _spacy_zh_rows(
            norm, "rjieba"
        )
        expected = [t.text.lower() for t in tokenizer.tokenizer(norm) if not t.is_space]
        assert words(text, "zh", keep_punct=True) == expected


def test_chinese_segmentation_does_not_import_spacy() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from sourcecompare.model import Document, OffsetMap, Paragraph, ParagraphKind\n"
        "from sourcecompare.segment import segment, words\n"
        "t = '北韓的日本人。他們回家了！'\n"
        "p = Paragraph(0, ParagraphKind.BODY, t, OffsetMap.identity(len(t)))\n"
        "d = segment(Document('d', 'd', 'zh', 'traditional', 'plain', 'utf-8', t, (p,)))\n"
        "assert len(d.paragraphs[0].sentences) == 2 and words(t, 'zh')\n"
        "print('spacy' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_token_is_made_as_its_dataclass_would_make_it() -> None:
    """:class:`Token` sets its slots itself (for speed): its arguments are its fields, in
    order and with their defaults, and each lands in its own field (a field added to the
    class and not to ``__init__`` fails here)."""
    import dataclasses
    import inspect

    from sourcecompare.model import Token

    fields = dataclasses.fields(Token)
    params = list(inspect.signature(Token).parameters.values())
    assert [p.name for p in params] == [f.name for f in fields]
    assert [p.default for p in params] == [
        inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default for f in fields
    ]
    values = ["a", "b", 1, 2, 3, 4, True, False]
    token = Token(*values)
    assert [getattr(token, f.name) for f in fields] == values
    assert dataclasses.replace(token, norm="x") == Token("a", "x", 1, 2, 3, 4, True, False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        token.text = "c"  # type: ignore[misc]
