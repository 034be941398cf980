"""The aligner: public API, modes, the gold paragraph alignment, MAC-Dev, saved alignments."""

from __future__ import annotations

import json
import tomllib
from functools import cache
from itertools import combinations
from pathlib import Path

import pytest

import sourcecompare
from sourcecompare.align import align, align_lines, signature, units_of
from sourcecompare.align.metrics import read_beads, strict_lax
from sourcecompare.align.modes import threshold_for
from sourcecompare.align.store import file_name, load
from sourcecompare.errors import UnknownComponent
from sourcecompare.model import Alignment, Document

from .conftest import CASES, CORPUS, CORPUS_FILES, ROOT, SHARED, corpus_path

MAC = SHARED / "bench" / "mac-dev"
ALIGNMENTS = ROOT / "alignments"


@cache
def doc(doc_id: str) -> Document:
    return sourcecompare.read(corpus_path(doc_id), id=doc_id)


@cache
def corpus_docs() -> tuple[Document, ...]:
    from sourcecompare.pipeline import read_many

    return read_many([CORPUS], segment=False)


# --------------------------------------------------------------------------- API


def test_align_lines_translation() -> None:
    zh = [
        "那天下午我没有回家。",
        "周远航把我叫住，让我等一等。",
        "他承认骗我不对。",
        "我问，你为什么要等我？",
    ]
    en = [
        "I did not go home that afternoon.",
        "Zhou Yuanhang called out to me and asked me to wait.",
        "He admitted that he had been wrong to lie to me.",
        "I asked, why did you wait for me?",
    ]
    assert align_lines(zh, en) == [((i,), (i,)) for i in range(4)]


def test_align_lines_finds_splits_and_keeps_an_added_sentence_in_place() -> None:
    zh = [
        "那天下午我没有回家。",
        "周远航把我叫住，以老同学的身份请我留下吃饭。",
        "他承认骗我不对，也承认没有按时还钱。",
        "我问，既然你不饿，为什么要等我？",
        "第二天早上，我们一起上山去了。",
        "山上有很多野猪和蛇。",
        "她说她害怕蛇，我说我不怕。",
        "后来我们在山上住了一个月。",
    ]
    en = [
        "I did not go home that afternoon.",
        "Zhou Yuanhang called out to me.",
        "He asked me to stay for dinner as an old classmate.",
        "He admitted he was wrong to lie to me, and that he had not paid back the money on time.",
        "The price of rice at the market of the county town had doubled that spring.",
        "I asked, if he was not hungry, why did he wait for me?",
        "The next morning we went up the mountain together.",
        "There were many wild boars and snakes on the mountain.",
        "She said she was afraid of snakes, and I said I was not.",
        "Later we lived on the mountain for a month.",
    ]
    beads = align_lines(zh, en)
    assert beads[:3] == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]
    # the added sentence (4) has no counterpart: alone, or with the sentence next to it
    assert beads[3] in (((3,), (4, 5)), ((), (4,)))
    assert beads[-4:] == [((4,), (6,)), ((5,), (7,)), ((6,), (8,)), ((7,), (9,))]


def test_empty_sides() -> None:
    assert align_lines([], ["a", "b"]) == [((), (0,)), ((), (1,))]
    assert align_lines(["一"], []) == [((0,), ())]


def test_unknown_names_list_the_valid_ones() -> None:
    with pytest.raises(UnknownComponent, match="valid scorers: anchors, embedding, length"):
        align_lines(["一"], ["one"], scorers="lexical,bleu")
    a = doc("zh-wiki-japanese-in-north-korea")
    with pytest.raises(UnknownComponent, match="valid modes"):
        align(a, a, mode="diagonal")
    with pytest.raises(UnknownComponent, match="valid units"):
        align(a, a, unit="chapter")


def test_signature_names_mode_unit_scorers_and_lexicon() -> None:
    sig = signature("comparable", "paragraph", {"lexical": 0.6, "length": 0.2, "anchors": 0.2})
    assert sig.startswith("align:comparable|unit:paragraph|scorers:lexical=0.6+length=0.2")
    assert "|lex:cedict+names:" in sig


@pytest.mark.parametrize(
    "text",
    ["沙瑞山说他来了。", "他们在平壤见到了寺越武志。", "日本人妻回到日本，橫田惠被綁架。"],
)
def test_chinese_words_come_from_the_segmentation_stage(text: str) -> None:
    """One segmenter: the aligner cuts Chinese as :func:`sourcecompare.segment.words` does
    (jieba, dictionary only), not with HMM guesses of its own."""
    from sourcecompare.align.features import normalise_zh, zh_words
    from sourcecompare.segment import words

    assert zh_words(normalise_zh(text)) == words(text, "zh")


def test_a_comparison_reads_a_documents_unit_words_once() -> None:
    """Within one comparison :func:`unit_words_of` gives a document's words as read the
    first time (the same values, once for all its pairs); outside it, read again, equal."""
    from sourcecompare.align import one_comparison, unit_words_of
    from sourcecompare.readers import parse_text
    from sourcecompare.segment import segment

    text = "# 标题\n\n## 背景\n\n他们在平壤见到了寺越武志。\n\n1959年。"
    doc = segment(parse_text(text, id="zh", format="markdown-wiki"))
    again = segment(parse_text(text, id="zh", format="markdown-wiki"))
    units = units_of(doc, "paragraph")
    plain = unit_words_of(doc, units, sections=True)
    with one_comparison():
        first = unit_words_of(doc, units, sections=True)
        second = unit_words_of(doc, units, sections=True)
        assert first == second == plain and all(x is y for x, y in zip(first, second, strict=True))
        other = unit_words_of(again, units, sections=True)  # another document, read anew
        assert other == plain and not any(x is y for x, y in zip(first, other, strict=True))
        bare = unit_words_of(doc, units)  # without the headings: another reading
        assert bare != first
    later = unit_words_of(doc, units, sections=True)  # outside: read again
    assert later == first and not any(x is y for x, y in zip(first, later, strict=True))


def test_chinese_units_are_read_in_the_configured_script() -> None:
    """The aligner's normalisation is the script stage's, configuration and all."""
    from sourcecompare.align.features import Extractor

    def keys(config: str) -> set[str]:
        tokens = Extractor("zh", "zh", config=config).tokens("衞生條件很差", "zh", "lexical")
        return set().union(*tokens)

    assert keys("hk2s") == {"zh:卫生条件", "zh:差"}
    assert not any(set(k) & set("卫条") for k in keys("none"))
    a = doc("zh-wiki-japanese-in-north-korea")
    with pytest.raises(UnknownComponent, match="valid script configs: hk2s"):
        align(a, a, config="zh-hans")
    with pytest.raises(UnknownComponent, match="valid script configs: hk2s"):
        align_lines(["一"], ["one"], config="zh-hans")


def test_chinese_words_have_no_hmm_guesses() -> None:
    from sourcecompare.align.features import zh_words

    # HMM would make one word of the name nobody's dictionary has
    assert zh_words("沙瑞山说他来了。")[:3] == ["沙", "瑞", "山"]


def test_units_group_lists_and_skip_navigation() -> None:
    en = doc("en-wiki-japanese-in-north-korea")
    units = units_of(en)
    texts = [t for _, t in units]
    assert not any(t.startswith("Kenji Fujimoto") for t in texts)  # "See also"
    notable = [ids for ids, t in units if "Ko Yong Hui" in t]
    assert len(notable) == 1 and len(notable[0]) == 5


@pytest.mark.parametrize("figure", ["27000", "27,000", "二万七千", "二萬七千"])
def test_anchor_scorer_matches_figures_across_writings(figure: str) -> None:
    from sourcecompare.align.modes import pair_scores
    from sourcecompare.lexicon import default

    zh = [f"他们人数有{figure}人，下落不明。", "总联推动了归国运动。", "金正日承认了绑架。"]
    en = [
        "Chongryon led the repatriation campaign.",
        "Kim Jong Il admitted the kidnappings.",
        "There were 27,000 of them; where they are is unknown.",
    ]
    anchors = pair_scores(zh, en, "zh", "en", {"anchors": 1.0}, default()).matrix
    assert anchors[0].argmax() == 2
    both = pair_scores(zh, en, "zh", "en", {"lexical": 1.0, "anchors": 1.0}, default()).matrix
    assert [int(k) for k in both.argmax(axis=1)] == [2, 0, 1]


def _doc(doc_id: str, language: str, texts: list[str]) -> Document:
    from sourcecompare.model import OffsetMap, Paragraph, ParagraphKind

    raw = "\n\n".join(texts)
    paragraphs = []
    pos = 0
    for k, t in enumerate(texts):
        paragraphs.append(Paragraph(k, ParagraphKind.BODY, t, OffsetMap.identity(len(t), pos)))
        pos += len(t) + 2
    script = "simplified" if language == "zh" else "latin"
    return Document(doc_id, doc_id, language, script, "plain", "utf-8", raw, tuple(paragraphs))


def test_parallel_mode_on_documents_keeps_order() -> None:
    zh = ["那天下午我没有回家。", "他承认骗我不对。", "我问，你为什么要等我？"]
    en = [
        "I did not go home that afternoon.",
        "He admitted that he had been wrong to lie to me.",
        "I asked, why did you wait for me?",
    ]
    al = align(_doc("a", "zh", zh), _doc("b", "en", en), mode="parallel")
    assert al.mode == "parallel"
    assert [(link.source, link.target) for link in al.links] == [((i,), (i,)) for i in range(3)]


def test_threshold_grows_with_the_number_of_pairs() -> None:
    assert threshold_for(100, 100) > threshold_for(10, 10) >= 3.0


# --------------------------------------------------------------------------- gold


def _find(document: Document, snippet: str) -> int:
    hits = [p.index for p in document.paragraphs if snippet in p.text]
    assert len(hits) == 1, f"snippet {snippet!r} found in paragraphs {hits} of {document.id}"
    return hits[0]


def test_gold_paragraph_alignment_japanese_in_north_korea() -> None:
    gold = tomllib.loads((CASES / "gold-zh-en-japanese-in-north-korea.toml").read_text("utf-8"))
    zh = doc("zh-wiki-japanese-in-north-korea")
    en = doc("en-wiki-japanese-in-north-korea")
    al = align(zh, en)
    assert al.mode == "comparable"
    linked = {(i, j) for link in al.links for i in link.source for j in link.target}
    required = {(_find(zh, g["zh"]), _find(en, g["en"])) for g in gold["link"]}
    optional = {(_find(zh, g["zh"]), _find(en, g["en"])) for g in gold["optional"]}
    missing = required - linked
    assert not missing, f"gold links not found: {sorted(missing)}"
    # grouped units (a list) link all their paragraphs: judge a group by any of its members
    groups = {i: link.source for link in al.links for i in link.source}
    wrong = {
        (i, j)
        for i, j in linked - required - optional
        if not any((k, j) in required | optional for k in groups[i])
    }
    assert not wrong, f"links the gold does not have: {sorted(wrong)}"
    alone_zh = {_find(zh, s) for s in gold["alone"]["zh"]}
    alone_en = {_find(en, s) for s in gold["alone"]["en"]}
    assert not {i for i, _ in linked} & alone_zh
    assert not {j for _, j in linked} & alone_en
    # the two kidnapping paragraphs go to the one English paragraph
    kidnap = _find(en, "kidnapped between 70 and 80")
    assert {i for i, j in linked if j == kidnap} == {
        _find(zh, "金日成下令對日本人進行綁架"),
        _find(zh, "人数大约为70人左右"),
    }


# --------------------------------------------------------------------------- MAC-Dev


@pytest.mark.slow
@pytest.mark.skipif(not (MAC / "gold").is_dir(), reason="MAC-Dev (../shared) not present")
def test_mac_dev_strict_f1() -> None:
    pairs = []
    for gold_file in sorted((MAC / "gold").glob("*.align")):
        zh = (MAC / "split" / f"{gold_file.stem}.zh").read_text("utf-8").splitlines()
        en = (MAC / "split" / f"{gold_file.stem}.en").read_text("utf-8").splitlines()
        pairs.append((read_beads(gold_file), align_lines(zh, en)))
    scores = strict_lax(pairs)
    assert scores.strict.f1 >= 0.80
    assert scores.lax.f1 >= 0.95


@pytest.mark.skipif(not (MAC / "gold").is_dir(), reason="MAC-Dev (../shared) not present")
def test_own_metric_agrees_with_the_shared_scorer(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("score_align", MAC.parent / "score_align.py")
    assert spec and spec.loader
    shared = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shared)
    gold = read_beads(MAC / "gold" / "006.align")
    test = [b for b in gold if len(b[0]) != 2] + [((0,), ()), ((), (5,))]
    mine = strict_lax([(gold, test)])
    theirs = shared.strict_lax([(gold, test)])
    assert mine.strict.f1 == pytest.approx(theirs["f1_strict"])
    assert mine.lax.f1 == pytest.approx(theirs["f1_lax"])
    assert mine.strict.precision == pytest.approx(theirs["p_strict"])


# --------------------------------------------------------------------------- alignments/


def test_saved_corpus_alignments_are_current() -> None:
    docs = {d.id: d for d in corpus_docs()}
    assert set(docs) == set(CORPUS_FILES)
    expected = {file_name(a.id, b.id) for a, b in combinations(corpus_docs(), 2)}
    saved = {p.name for p in ALIGNMENTS.glob("*.json")}
    assert saved == expected, (
        "alignments/ is stale: run sourcecompare align corpus/ --save alignments/"
    )
    for name in sorted(expected):
        old = load(ALIGNMENTS / name)
        new = align(docs[old.source], docs[old.target])
        hint = f"{name} is stale: run sourcecompare align corpus/ --save alignments/"
        assert old.signature == new.signature, hint
        assert old.mode == new.mode, hint
        kept = [link for link in old.links if link.reviewed]
        fresh = [(link.source, link.target, link.score) for link in new.links]
        auto = [(link.source, link.target, link.score) for link in old.links if not link.reviewed]
        if not kept:
            assert auto == fresh, hint
        data = json.loads((ALIGNMENTS / name).read_text("utf-8"))
        assert all("source_text" in link and "target_text" in link for link in data["links"])


def test_alignment_files_are_alignments() -> None:
    for path in ALIGNMENTS.glob("*.json"):
        assert isinstance(load(path), Alignment)


def test_learned_translations_come_from_words_that_keep_meeting() -> None:
    from sourcecompare.align.parallel import learn_pairs
    from sourcecompare.align.scorers import Side

    hero = frozenset({"zh:韦小宝", "py:weixiaobao"})
    eat = frozenset({"zh:吃", "eat"})
    zh_units = [[hero, eat], [hero], [hero, eat], [eat]]
    trinket = frozenset({"en:trinket", "trinket"})
    ate = frozenset({"en:eat", "eat"})
    en_units = [[trinket, ate], [trinket], [trinket, ate], [ate]]
    a = Side.build(zh_units, [0] * 4)
    b = Side.build(en_units, [0] * 4)
    path = [((i,), (i,)) for i in range(4)]
    learned = learn_pairs(path, a, b, min_count=3, min_dice=0.5)
    assert learned == {"en:trinket": {"zh:韦小宝"}}  # "eat" was already in the dictionary
    assert learn_pairs(path, a, b, min_count=4, min_dice=0.5) == {}
    augmented = b.augmented(learned)
    assert "zh:韦小宝" in augmented.type_keys[b.units[0][0]]


def test_embedding_scorer_is_optional_and_never_downloads(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from sourcecompare.errors import SourceCompareError

    monkeypatch.delenv("SOURCECOMPARE_EMBEDDINGS", raising=False)
    with pytest.raises(SourceCompareError, match="SOURCECOMPARE_EMBEDDINGS"):
        align_lines(["我们回家了。"], ["We went home."], scorers="lexical,embedding")
    monkeypatch.setenv("SOURCECOMPARE_EMBEDDINGS", str(tmp_path / "no-model-here"))
    with pytest.raises(SourceCompareError, match="nothing is downloaded"):
        align_lines(["我们回家了。"], ["We went home."], scorers="lexical,embedding")


@pytest.mark.parametrize(
    "doc_id", ["zh-wiki-japanese-in-north-korea", "zh-wiki-japan-north-korea-relations"]
)
@pytest.mark.parametrize("unit", ["paragraph", "sentence"])
@pytest.mark.parametrize("sections", [False, True])
def test_unit_words_are_read_off_the_segmentation(doc_id: str, unit: str, sections: bool) -> None:
    """One cutting of words: the aligner reads a segmented document's words from its tokens
    (nothing is cut again), and they are the words a bare string of the unit's text gets."""
    import sourcecompare.align as align_pkg
    from sourcecompare.align import unit_words_of
    from sourcecompare.align.features import unit_words
    from sourcecompare.segment import segment

    d = segment(doc(doc_id))
    units = units_of(d, unit)
    calls: list[str] = []

    def counted(text: str, language: str, config: str = "hk2s") -> object:
        calls.append(text)
        return unit_words(text, language, config)

    mp = pytest.MonkeyPatch()
    mp.setattr(align_pkg, "unit_words", counted)
    try:
        read = unit_words_of(d, units, unit, sections=sections)
    finally:
        mp.undo()
    assert not calls  # every unit (and heading) came from the segmentation stage
    assert len(read) == len(units) >= 10
    for (ids, text), got in zip(units, read, strict=True):
        if sections and unit == "paragraph":
            text = " ".join([*d.paragraphs[ids[0]].section, text])
        assert got == unit_words(text, "zh"), text[:40]


def test_unit_words_of_an_unsegmented_document_segment_it_once() -> None:
    from sourcecompare.align import unit_words_of
    from sourcecompare.align.features import unit_words

    d = corpus_docs()[0]
    assert not any(p.sentences for p in d.paragraphs)
    units = units_of(d, "paragraph")
    words = unit_words_of(d, units, "paragraph")
    assert words == [unit_words(t, d.language) for _, t in units]


def test_align_lines_reads_each_line_once() -> None:
    import sourcecompare.segment as seg

    calls: list[str] = []
    real = seg.cut

    def counted(norm: str, **kwargs: str) -> list[str]:
        calls.append(norm)
        return real(norm, **kwargs)

    zh = ["我们回家了。", "他笑了。", "我们回家了。"]
    mp = pytest.MonkeyPatch()
    mp.setattr(seg, "cut", counted)
    try:
        beads = align_lines(zh, ["We went home.", "He laughed.", "We went home."])
    finally:
        mp.undo()
    assert beads == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert sorted(calls) == sorted(set(zh))  # each distinct line cut once, for both families


def test_sentence_words_keep_the_paragraph_normalisation(tmp_path: Path) -> None:
    """A sentence's normalised text is its part of the paragraph's, also where the script
    conversion changes lengths (記憶體 -> 内存 in ``tw2sp``)."""
    from sourcecompare.align import unit_words_of
    from sourcecompare.align.features import unit_words
    from sourcecompare.segment import segment

    path = tmp_path / "pc.txt"
    path.write_text("這台電腦的記憶體很大。滑鼠壞了，軟體也是。\n", encoding="utf-8")
    d = segment(sourcecompare.read(path, language="zh"), config="tw2sp")
    assert len(d.paragraphs[0].norm) < len(d.paragraphs[0].text)
    units = units_of(d, "sentence")
    read = unit_words_of(d, units, "sentence", config="tw2sp")
    assert [u.norm for u in read] == ["这台电脑的内存很大。", "鼠标坏了,软件也是。"]
    assert read == [unit_words(t, "zh", "tw2sp") for _, t in units]


def test_one_comparison_reads_each_unit_once_and_aligns_the_same() -> None:
    """Inside ``one_comparison`` a unit's lexical keys are shared by every pair its document
    is in: each pair's alignment is the same as one made on its own."""
    from sourcecompare.align import one_comparison

    docs = corpus_docs()
    alone = [align(a, b) for a, b in combinations(docs, 2)]
    with one_comparison():
        shared = [align(a, b) for a, b in combinations(docs, 2)]
    assert shared == alone
