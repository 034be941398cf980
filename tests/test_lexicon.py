"""The bilingual lexicon: CC-CEDICT glosses, English lemmas, the names table."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecompare.lexicon import Lexicon, LexiconError, default, english_words, lemma


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("kidnapped", "kidnap"),
        ("kidnappings", "kidnap"),
        ("kidnapping", "kidnap"),
        ("nationalities", "nationality"),
        ("prisoners", "prisoner"),
        ("went", "go"),
        ("Repatriated", "repatriate"),
        ("accompanied", "accompany"),
        ("retained", "retain"),
        ("welcomed", "welcome"),
        ("agreed", "agree"),
        ("changed", "change"),
        ("occurred", "occur"),
        ("killing", "kill"),
        ("women", "woman"),
        ("churches", "church"),
        ("glasses", "glass"),
        ("status", "status"),
        ("crisis", "crisis"),
        ("need", "need"),
        # a silent e the spelling rules alone do not restore
        ("including", "include"),
        ("included", "include"),
        ("refused", "refuse"),
        ("refusing", "refuse"),
        ("caused", "cause"),
        ("raised", "raise"),
        ("housing", "house"),
        ("provided", "provide"),
        ("determined", "determine"),
        ("required", "require"),
        ("completed", "complete"),
        ("accused", "accuse"),
        # a restored e the word does not have, a kept double consonant, a three-letter stem
        ("collared", "collar"),
        ("controlled", "control"),
        ("travelled", "travel"),
        ("added", "add"),
        # but these stay as they were
        ("visited", "visit"),
        ("focused", "focus"),
        ("hoped", "hope"),
        ("hopped", "hop"),
        ("nationality", "nationality"),
        # plurals that are not just a dropped s
        ("movies", "movie"),
        ("heroes", "hero"),
        ("wolves", "wolf"),
        ("crises", "crisis"),
        ("buses", "bus"),
        ("aches", "ache"),
        ("Koreans", "korean"),  # the singular is only ever written with a capital
        # words in their own right, not forms of a verb that does not exist
        ("unaccounted", "unaccounted"),
        ("unexpected", "unexpected"),
        ("outstanding", "outstanding"),
        ("Beijing", "beijing"),
        ("statistics", "statistics"),
        ("dumplings", "dumpling"),
    ],
)
def test_lemma(word: str, expected: str) -> None:
    assert lemma(word) == expected


@pytest.mark.parametrize(
    "forms",
    [
        ("kidnap", "kidnaps", "kidnapped", "kidnapping", "kidnappings"),
        ("move", "moves", "moved", "moving"),
        ("estimate", "estimates", "estimated", "estimating"),
        ("return", "returns", "returned", "returning"),
        ("stop", "stops", "stopped", "stopping"),
        ("study", "studies", "studied", "studying"),
        ("arrive", "arrives", "arrived", "arriving"),
        ("include", "includes", "included", "including"),
        ("refuse", "refuses", "refused", "refusing"),
        ("cause", "causes", "caused", "causing"),
        ("control", "controls", "controlled", "controlling"),
        ("add", "adds", "added", "adding"),
        ("unveils", "unveiled", "unveiling"),
    ],
)
def test_all_forms_meet_at_one_key(forms: tuple[str, ...]) -> None:
    assert len({lemma(f) for f in forms}) == 1, {f: lemma(f) for f in forms}


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=14))
def test_lemma_is_idempotent_on_its_keys_and_never_empty(word: str) -> None:
    key = lemma(word)
    assert key
    assert key == key.lower()


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("包括", "including"),
        ("包括", "included"),
        ("拒绝", "refused"),
        ("导致", "caused"),
        ("提供", "provided"),
        ("绑架", "kidnappings"),
        ("国籍", "nationality"),
        ("下落不明", "unaccounted"),
        ("失踪", "unaccounted"),
    ],
)
def test_english_forms_meet_the_glosses(zh: str, en: str) -> None:
    """Glosses and English text go through the same lemmatiser, so a form in the text finds
    the base form in a definition (``to include`` / ``including``)."""
    assert lemma(en) in default().glosses(zh)


def test_lemmas_of_real_words_are_real_words() -> None:
    keys = {lemma(w) for w in ("including", "refused", "unaccounted", "caused", "raised")}
    assert not keys & {"includ", "refus", "unaccount", "caus", "rais"}
    assert all(lemma(key) == key for key in keys)


def test_english_words_drops_stopwords_and_numbers() -> None:
    assert english_words("In 2004 four of them were interviewed by Kyodo News") == [
        "four",
        "interview",
        "kyodo",
        "news",
    ]


def test_glosses_both_scripts_and_cleaning() -> None:
    lex = default()
    assert lex.glosses("綁架") == lex.glosses("绑架")
    assert "kidnap" in lex.glosses("綁架")
    assert lex.glosses("國籍") == frozenset({"nationality"})
    # classifiers, surnames, "variant of" and pronunciation notes are not glosses
    people = lex.glosses("人")
    assert "person" in people and "people" in people
    assert not {"cl", "ge", "wei"} & people
    assert "surname" not in lex.glosses("金")
    assert not any(" " in key or key == "to" for key in people)
    assert "pr" not in lex.glosses("朝鮮")
    assert {"north", "korea"} <= lex.glosses("北韓")


def test_hong_kong_variants_meet_their_headwords() -> None:
    """Words are looked up in the script stage's lookup form (hk2s), so the Hong Kong variant
    characters OpenCC's t2s leaves alone (衞 粧 敍) find the dictionary's headwords."""
    lex = default()
    assert lex.glosses("衞生") == lex.glosses("衛生") and "hygiene" in lex.glosses("衞生")
    assert lex.glosses("粧") == lex.glosses("妝") != frozenset()
    assert lex.knows("敍述") and not lex.knows("敍敍敍")


def test_glosses_unknown_word_is_empty() -> None:
    assert default().glosses("这不是词典里的词") == frozenset()
    assert not default().knows("这不是词典里的词")
    assert default().knows("綁架")


def test_name_keys_cover_both_languages_and_scripts() -> None:
    lex = default()
    assert lex.name_key("總聯") == lex.name_key("总联") == lex.name_key("Chongryon") == "chongryon"
    assert lex.name_key("朝鮮") == lex.name_key("DPRK") == lex.name_key("north korea")
    assert lex.name_key("Kim Jong-un") == lex.name_key("金正恩") == "kim-jong-un"
    assert lex.name_key("小泉纯一郎") == lex.name_key("Junichiro Koizumi")
    assert lex.name_key("南韓") != lex.name_key("北韓")
    assert lex.name_key("nobody") is None
    assert lex.name_key("") is None


def test_bundled_table_size_and_keys_unique_per_entry() -> None:
    entries = default().names
    assert len(entries) >= 55
    keys = [e.key for e in entries]
    assert len(keys) == len(set(keys))


def test_find_names_longest_match() -> None:
    lex = default()
    found = lex.find_names("日本赤軍的成員劫持了日本航空的航班")
    assert [k for _, _, k in found] == ["japanese-red-army", "japan-airlines"]
    text = "members of the Japanese Red Army hijacked a Japan Airlines plane"
    keys = [(text[s:e], k) for s, e, k in lex.find_names(text)]
    assert keys == [
        ("Japanese Red Army", "japanese-red-army"),
        ("Japan Airlines", "japan-airlines"),
    ]
    assert lex.find_names("Japanesewhatever") == []


def test_user_names_file(tmp_path: Path) -> None:
    tsv = tmp_path / "names.tsv"
    tsv.write_text("# mine\n北川和美|北川\tKitagawa\tkitagawa-x\tdefector\n", encoding="utf-8")
    lex = Lexicon([tsv])
    assert lex.name_key("北川") == "kitagawa-x"
    assert lex.name_key("Kitagawa") == "kitagawa-x"
    assert lex.signature != default().signature


def test_malformed_names_file_names_the_file(tmp_path: Path) -> None:
    tsv = tmp_path / "bad.tsv"
    tsv.write_text("北川\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad\.tsv:1"):
        Lexicon([tsv])


def test_add_names_and_links_return_new_lexicons() -> None:
    base = default()
    added = base.add_names({"張三": "zhang-san", "Zhang San": "zhang-san"})
    assert added.name_key("张三") == added.name_key("Zhang San") == "zhang-san"
    assert base.name_key("張三") is None
    linked = base.with_links(["出身成分", "日本文化", "Japanese culture"])
    assert linked.name_key("出身成分") == "songbun"
    assert linked.name_key("日本文化") == "link:日本文化"
    assert linked.name_key("japanese culture") == "link:japanese culture"
    assert base.name_key("日本文化") is None
    assert base.with_links([]) is base


# -- the names scan against a plain implementation ---------------------------------------------


def _plain_scan(text: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """The names of ``text`` found the obvious way: at every position, in order, the longest
    surface of the table (English as whole words), not overlapping an English name."""
    from sourcecompare.lexicon import _NAME_WORD, _english_surface
    from sourcecompare.script import lookup_form

    found: list[tuple[int, int, str]] = []
    taken = [False] * len(text)
    english: dict[str, str] = dict(lex._english)
    words = [(m.start(), m.end(), _english_surface(m.group())) for m in _NAME_WORD.finditer(text)]
    longest = max((len(s.split()) for s in english), default=0)
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            surface = " ".join(w[2] for w in words[i : i + n])
            if surface in english:
                found.append((words[i][0], words[i + n - 1][1], english[surface]))
                for k in range(words[i][0], words[i + n - 1][1]):
                    taken[k] = True
                i += n
                break
        else:
            i += 1
    chinese: dict[str, str] = dict(lex._chinese)
    if chinese and not text.isascii():
        simplified = lookup_form(text)
        if len(simplified) != len(text):
            simplified = text
        i = 0
        while i < len(text):
            best = None
            if not taken[i]:
                for surface, key in chinese.items():
                    n = len(surface)
                    here = text[i : i + n] == surface or simplified[i : i + n] == surface
                    longer = best is None or n > best[1] - best[0]
                    if here and longer and not any(taken[i : i + n]):
                        best = (i, i + n, key)
            if best:
                found.append(best)
                i = best[1]
            else:
                i += 1
    return sorted(found)


def _surfaces() -> list[str]:
    lex = default()
    out = [s for e in lex.names for s in (*e.chinese, *e.english)]
    return sorted(set(out))


@given(
    st.lists(
        st.one_of(
            st.sampled_from(_surfaces()),
            st.sampled_from(["的", "在", "。", " ", ", ", "and", "了", "北", "金", "Kim", "-"]),
            st.text(max_size=3),
        ),
        max_size=12,
    )
)
def test_find_names_is_the_plain_scan(pieces: list[str]) -> None:
    text = "".join(pieces)
    lex = default()
    fast = lex.find_names(text)
    plain = _plain_scan(text, lex)
    # a surface of the same length in both scripts may carry another key: spans must agree
    assert [(s, e) for s, e, _ in fast] == [(s, e) for s, e, _ in plain]
    for (s, e, k1), (_, _, k2) in zip(fast, plain, strict=True):
        assert k1 == k2 or {k1, k2} <= {
            lex.name_key(text[s:e]),
            lex._chinese.get(text[s:e]),
            lex._chinese.get(_simplified(text)[s:e]),
        }


def _simplified(text: str) -> str:
    from sourcecompare.script import lookup_form

    out = lookup_form(text)
    return out if len(out) == len(text) else text


def test_a_texts_name_words_are_read_once_for_every_lexicon() -> None:
    from sourcecompare import lexicon
    from sourcecompare.lexicon import default, shared_scans

    text = "In 1970 the Japanese Red Army went to Pyongyang."
    before = default().find_names(text)
    # outside shared_scans nothing is kept: each scan reads the words again
    assert lexicon._name_words(text) is not lexicon._name_words(text)
    linked = default().with_links(["Red Army"])
    with shared_scans():
        assert default().find_names(text) == before
        words = lexicon._name_words(text)
        assert linked.find_names(text) == before  # the table's longer name still wins
        assert lexicon._name_words(text) is words  # read once for both lexicons
        with shared_scans():  # a nested comparison keeps its own
            assert lexicon._name_words(text) is not words
        assert lexicon._name_words(text) is words
    assert lexicon._SHARED.get() is None  # let go at the end


def test_a_comparison_shares_name_words_across_its_pairs() -> None:
    from sourcecompare import lexicon
    from sourcecompare.align import align, one_comparison
    from sourcecompare.readers import parse_text
    from sourcecompare.segment import segment

    en = segment(parse_text("Kim Il-sung ruled from Pyongyang.\n\nHe died in 1994.", id="en"))
    zh = segment(parse_text("金日成在平壤统治。\n\n他于1994年去世。", id="zh"))
    with one_comparison():
        align(en, zh)
        shared = lexicon._SHARED.get()
        assert shared is not None and "Kim Il-sung ruled from Pyongyang." in shared.words
        kept = shared.words["Kim Il-sung ruled from Pyongyang."]
        align(zh, en)  # the other pair reads the words kept
        assert lexicon._split_words("Kim Il-sung ruled from Pyongyang.") is kept
    assert lexicon._SHARED.get() is None


#: link targets: names the table has (in another script or case), and new ones, some of which
#: begin with a word or character that begins a name of the table too
_LINKS = ["Red Army", "Japanese Red", "Kim", "Pyongyang Metro", "北朝鮮", "金正", "平壤地铁",
          "Chongryon", "朝鲜总联", "日本", "The Japanese", "1959年", "东京电视台"]  # fmt: skip
#: the same in the other script, or the end of one name and the start of another
_WRITTEN = ["Pyongyang Metro", "The Japanese Red Army", "平壤地鐵", "東京電視台", "金正日",
            "朝鮮總聯", "Kim Jong-il"]  # fmt: skip


@given(
    st.lists(st.sampled_from(_LINKS), min_size=1, max_size=5),
    st.lists(
        st.one_of(
            st.sampled_from(_surfaces()),
            st.sampled_from(_LINKS),
            st.sampled_from(_WRITTEN),
            st.sampled_from(_WRITTEN),
            st.sampled_from(["的", "在", "。", " ", ", ", "and", "了", "北", "金", "Kim", "-"]),
            st.text(max_size=3),
        ),
        max_size=12,
    ),
    st.booleans(),
)
def test_a_lexicon_with_links_finds_what_its_own_scan_finds(
    links: list[str], pieces: list[str], base_first: bool
) -> None:
    """A text none of whose words a link changes is scanned as its base lexicon scans it
    (once for all the pairs of a comparison): the same hits as the linked lexicon's own scan."""
    from sourcecompare import lexicon
    from sourcecompare.lexicon import default, shared_scans

    text = "".join(pieces)
    linked = default().with_links(links)
    own = lexicon._scan(text, linked._names_index())
    assert linked.find_names(text) == own
    with shared_scans():
        if base_first:
            default().find_names(text)
        assert linked.find_names(text) == own
        assert linked.find_names(text) == own
    assert [(a, b) for a, b, _ in own] == [(a, b) for a, b, _ in _plain_scan(text, linked)]


def test_a_link_that_changes_a_word_of_the_text_is_scanned_with_the_link() -> None:
    from sourcecompare.lexicon import default, shared_scans

    text = "The Pyongyang Metro opened in 1973; Pyongyang is the capital."
    linked = default().with_links(["Pyongyang Metro"])
    with shared_scans():
        base = default().find_names(text)
        found = linked.find_names(text)
    assert [k for _, _, k in base] == ["pyongyang", "pyongyang"]
    assert [k for _, _, k in found] == ["link:pyongyang metro", "pyongyang"]
    other = "Kim Il-sung ruled from Pyongyang."  # no word of it begins a link
    with shared_scans():
        assert linked.find_names(other) == default().find_names(other)
    # a link in simplified characters, written in traditional ones: found through the
    # simplified form, though no character as written begins it
    tv = default().with_links(["东京电视台"])
    with shared_scans():
        default().find_names("在東京電視台")
        assert [k for _, _, k in tv.find_names("在東京電視台")] == ["link:东京电视台"]


def _plain_english_names(text: str, index: object) -> list[tuple[int, int, str]]:
    """The English names scan written plainly: every word in turn with its span, the longest
    name beginning there first, a name's words passed over."""
    from sourcecompare import lexicon

    english = index.english  # type: ignore[attr-defined]
    words = [(m.start(), m.end(), lexicon._english_surface(m.group()))
             for m in lexicon._NAME_WORD.finditer(text)]  # fmt: skip
    found, i = [], 0
    while i < len(words):
        for n, surfaces in english.get(words[i][2], ()):
            key = (
                surfaces.get(" ".join(w[2] for w in words[i : i + n]))
                if i + n <= len(words)
                else None
            )
            if key is not None:
                found.append((words[i][0], words[i + n - 1][1], key))
                i += n
                break
        else:
            i += 1
    return found


_NAME_WORDS = ["Kim", "Jong", "Un", "Il", "sung", "Red", "Army", "Japanese", "North", "Korea",
               "Ko", "Yong", "hui", "the", "Kím", "ＫＩＭ", "Kim's", "x"]  # fmt: skip
_SEPARATORS = [" ", " ", "-", "  ", ". ", "’", "'", "_", "\n", ""]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_NAME_WORDS), st.sampled_from(_SEPARATORS)), max_size=12))
def test_the_english_names_scan_is_the_plain_word_by_word_one(
    parts: list[tuple[str, str]],
) -> None:
    from sourcecompare import lexicon
    from sourcecompare.lexicon import default

    text = "".join(word + sep for word, sep in parts)
    for lex in (default(), default().with_links(["Red Army", "Kim Jong", "Korea"])):
        index = lex._names_index()
        assert lexicon._scan(text, index) == _plain_english_names(text, index), text


def test_the_same_links_give_the_same_lexicon_within_shared_scans() -> None:
    """Within :func:`shared_scans` a base lexicon and the same link targets, in the same
    order, give one lexicon (its scans then serve every pair of documents with those links);
    other targets, another order or another base give another, and nothing is kept after."""
    from sourcecompare.lexicon import default, shared_scans

    base = default()
    with shared_scans():
        made = base.with_links(["東京電視台", "Red Army"])
        assert base.with_links(("東京電視台", "Red Army")) is made
        assert base.with_links(["Red Army", "東京電視台"]) is not made
        assert base.with_links(["東京電視台"]) is not made
        other = base.add_names({"平壤市": "pyongyang"})
        assert other.with_links(["東京電視台", "Red Army"]) is not made
        assert made.name_key("東京電視台") == "link:东京电视台"
    assert base.with_links(["東京電視台", "Red Army"]) is not made
