"""The dictionary gloss: CC-CEDICT's senses in its order, the main entry of a word, function
words glossed by what they do, no cross-references shown."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecompare.report import gloss as gloss_module
from sourcecompare.report.gloss import SENSES, _build_senses, _senses_of, gloss


def _glosses(text: str) -> dict[str, tuple[str, bool]]:
    return {w.text: (w.gloss, w.function) for w in gloss(text)}


def test_senses_keep_the_dictionary_order_and_drop_qualifiers() -> None:
    shown, function = _senses_of(["(bound form) up", "upper", "above", "previous"])
    assert (shown, function) == ("up / upper / above", False)
    assert _senses_of(["to be (located) at", "to be at"]) == ("to be at", False)  # once
    long = "x" * 100
    assert len(_senses_of([long])[0]) == gloss_module.SENSE_LIMIT


def test_a_sense_that_describes_grammar_makes_a_function_word() -> None:
    assert _senses_of(["(completed action marker)", "(modal particle)"]) == (
        "completed action marker",
        True,
    )
    assert _senses_of(["of", "~'s (possessive particle)", "(used after an attribute)"]) == (
        "of / ~'s (possessive particle)",
        True,
    )
    # a grammatical sense further down does not make the word a function word
    assert _senses_of(["name", "noun", "place", "famous", "classifier for people"])[1] is False


def test_the_main_entry_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    def entry(trad: str, simp: str, pinyin: str, *definitions: str) -> dict[str, object]:
        return {"traditional": trad, "simplified": simp, "pinyin": pinyin,
                "definitions": list(definitions)}  # fmt: skip

    entries = (
        entry("甲", "甲", "Jia3", "surname Jia", "Jia county"),
        entry("甲", "甲", "jia3", "first", "armour"),
        entry("乙", "乙", "yi3", "second"),
        entry("乚", "乙", "yi3", "hook", "bend", "variant of 乙[yi3]"),
        entry("丙", "丙", "bing3", "third"),
        entry("丙", "丙", "bing4", "fire", "heat", "see 丁[ding1]"),
        entry("丁", "丁", "Ding1", "Ding county"),
    )
    monkeypatch.setattr("sourcecompare.lexicon.cedict_entries", lambda: entries)
    tables = _build_senses()
    assert tables["traditional"]["乙"] == ("second", False)  # 乚 is not traditional 乙
    assert "乚" not in tables["simplified"]
    table = {**tables["simplified"], "乚": tables["traditional"]["乚"]}
    assert table["甲"] == ("first / armour", False)  # not the proper noun's entry
    assert table["乙"] == ("second", False)  # not the entry that is a variant of it
    assert table["乚"] == ("hook / bend", False)
    assert table["丙"] == ("fire / heat", False)  # the entry with more senses
    assert table["丁"] == ("Ding county", False)  # a proper noun's, when it is the only one


def test_common_chinese_words() -> None:
    words = _glosses("在北韓的日本人")
    assert words["的"] == ("of / ~'s (possessive particle)", True)  # not "a taxi", not "target"
    assert words["北韓"][0] == "North Korea"
    assert _glosses("走了")["了"] == ("completed action marker", True)
    assert _glosses("1959年")["年"][0] == "year"  # not the variant 秊's "grain"
    assert _glosses("承認")["承認"][0].startswith("to admit")  # CC-CEDICT's first sense
    assert not _glosses("王")["王"][0].startswith("surname")
    assert _glosses("一個")["個"][1] is True  # the classifier


def test_no_cross_reference_or_reading_is_shown() -> None:
    text = "1959年至1984年間，共有6637名日本人妻子隨丈夫前往北韓，其中約1828人保留日本國籍。"
    for w in gloss(text):
        assert not re.search(r"\[|\]|variant of|\bCL:|surname|Taiwan pr", w.gloss), w
        assert w.gloss.count(" / ") < SENSES
    assert "".join(w.text for w in gloss(text)) == text


def test_words_are_looked_up_in_the_script_of_the_text() -> None:
    # traditional 后 is "empress"; simplified 后 is also the simplified form of 後 "after"
    assert "empress" in _glosses_in("皇后", "traditional")["皇后"][0]
    trad = gloss("后", script="traditional")[0].gloss
    simp = gloss("后", script="simplified")[0].gloss
    assert "empress" in trad and "back" not in trad
    assert "back" in simp or "after" in simp
    assert "back" in gloss("後", script="traditional")[0].gloss
    # a simplified form in traditional text falls back to the simplified headwords
    assert gloss("们", script="traditional")[0].gloss
    # no script given: the sentence's own (this one is traditional: 們, 國)
    assert "empress" in gloss("他們的國后")[-1].gloss
    assert "empress" not in gloss("他们的国后")[-1].gloss


def _glosses_in(text: str, script: str) -> dict[str, tuple[str, bool]]:
    return {w.text: (w.gloss, w.function) for w in gloss(text, script=script)}


_GLOSS_TEXT = st.text(alphabet="北韩日本人朝鲜归国事业一九五九年有万名的，。 12a", max_size=40)


@settings(max_examples=200, deadline=None)
@given(_GLOSS_TEXT, st.integers(0, 40), st.integers(0, 40))
def test_the_words_touching_a_window_are_those_sharing_a_character_with_it(
    text: str, a: int, b: int
) -> None:
    from sourcecompare.report.gloss import GlossedText

    start, end = sorted((min(a, len(text)), min(b, len(text))))
    whole = GlossedText.of(text)
    assert "".join(w.text for w in whole.words) == text
    first, last = whole.touching(start, end)
    # the plain form: every word, kept when its span and the window's share a character
    words = range(len(whole.words))
    sharing = [i for i in words if max(whole.starts[i], start) < min(whole.ends[i], end)]
    assert list(range(first, last)) == sharing
    if sharing:
        assert whole.starts[first] <= start and end <= whole.ends[last - 1]
