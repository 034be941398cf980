"""Claims: the golden cases, the corpus, the command line."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from sourcecompare.claims import extract_claims, extract_from_text, figures
from sourcecompare.errors import UnknownComponent
from sourcecompare.model import Claim, Document, ParagraphKind

from .conftest import CASES, corpus_path

FIELDS = ("text", "kind", "value", "low", "high", "qualifier", "unit")
#: fields a case may also state (compared only when it does)
OPTIONAL = ("row_key", "note", "dimension", "unit_text")


def _load(language: str) -> list[dict[str, object]]:
    path = CASES / f"claims_{language}.jsonl"
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


CASES_BY_LANGUAGE = {language: _load(language) for language in ("zh", "en")}
ALL_CASES = [(lang, case) for lang, cases in CASES_BY_LANGUAGE.items() for case in cases]


def _found(case: dict[str, object], language: str) -> list[dict[str, object]]:
    kind = str(case.get("paragraph_kind", "body"))
    mentions = extract_from_text(str(case["input"]), language, paragraph_kind=kind, context=False)
    return [{f: getattr(m, f) for f in (*FIELDS, *OPTIONAL)} for m in mentions]


def _same(found: dict[str, object], expected: dict[str, object]) -> bool:
    for f in (*FIELDS, *(f for f in OPTIONAL if f in expected)):
        a, b = found[f], expected[f]
        if isinstance(b, (int, float)) and not isinstance(b, bool):
            if not isinstance(a, (int, float)) or abs(float(a) - float(b)) > 1e-3:
                return False
        elif str(a) != str(b) if b is not None else a is not None:
            return False
    return True


def _param(language: str, case: dict[str, object]) -> object:
    """A case; a known gap (``"xfail": "why"``) must keep failing until it is fixed."""
    marks = [pytest.mark.xfail(strict=True, reason=str(case["xfail"]))] if case.get("xfail") else []
    return pytest.param(language, case, marks=marks, id=f"{language}-{case['label']}")


@pytest.mark.parametrize(("language", "case"), [_param(lang, case) for lang, case in ALL_CASES])
def test_golden_case(language: str, case: dict[str, object]) -> None:
    found = _found(case, language)
    expected = case["expected"]
    assert isinstance(expected, list)
    assert len(found) == len(expected), f"{case['comment']}\nfound {found}"
    for got, want in zip(found, expected, strict=True):
        assert _same(got, want), f"{case['comment']}\nfound {got}\nwanted {want}"


def test_golden_cases_are_many_and_labelled() -> None:
    assert len(ALL_CASES) >= 500
    for language, cases in CASES_BY_LANGUAGE.items():
        labels = [c["label"] for c in cases]
        assert len(labels) == len(set(labels)), f"{language}: duplicate labels"
        for c in cases:
            assert c["comment"], c["label"]
            for e in c["expected"]:  # type: ignore[attr-defined]
                assert set(FIELDS) <= set(e), c["label"]


#: every example the issue gives, by language: each must be the input of a golden case
ISSUE_EXAMPLES = {
    "zh": [
        "27000", "6,637", "45,210", "２７０００", "二萬七千", "两万七千", "十七名", "三百餘人",
        "二〇〇二年", "4萬", "3.5万", "約5萬名", "人数大约为70人左右", "七十餘人", "30多年",
        "70到80", "1977年到1988年間", "1959至1984年", "三四十人", "七八十人", "2002年9月17日",
        "同年5月3日", "1970年代", "七十年代", "約", "大約", "约", "左右", "近", "逾", "余", "餘",
        "多", "超過", "至少", "不足", "人", "名", "個", "位", "架", "艘", "次", "下午3點15分",
        # issue 11
        "百分之五十五点五七九", "个百分点", "倆千两百贰拾二", "拾六万零五百零六",
        "七十八万五佰零六", ".5", "十 余 万", "-10000", "负10000", "大于或者等于",
        "位于20和30之间", "13.5.2015",
        "2015-3", "时间从15年一月十日到十二日", "民国三年", "康熙三年", "2000人以上", "13日",
        "里氏6.9級", "矩震級6.8", "三禮拜", "一庫納幣", "乘客122 (包括劫機者)", "死亡 0", "廿",
        "第7",
    ],
    "en": [
        "nine", "seventy", "two-thirds", "a dozen", "hundred thousand", "between 70 and 80",
        "70–80", "from 1959 to 1984", "1966-68", "10–15", "the 1970s", "May 3, 1961",
        "3 May 1961", "2002-09-17", "about", "around", "roughly", "approximately",
        "an estimated", "some", "nearly", "almost", "over", "more than", "at least", "up to",
        "fewer than", "68%", "100,000 yen", "6,637 Japanese people", "27,000 prisoners-of-war",
        "6:00", "10:45PM", "Vol. 33, No. 1", "199~235", "Flight 351", "JA8107",
        "Airbus A320-214",
        # issue 11
        "1 234 567", "equal to or less than 30", "twenty-one trillion", "21/04/2016",
        "from 4 to 22 January, 1995", "May 3 and June 7, 1961", "more than 2,000", "six weeks",
        "three months", "1 lipa", "Mw 6.9", "Ms 7.1", "magnitude 6.9", "third-busiest", "46th",
        "Fatalities: 229", "12.5 km", "7.8 mi",
    ],
}  # fmt: skip


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_issue_example_is_a_golden_case(language: str) -> None:
    inputs = [str(c["input"]) for c in CASES_BY_LANGUAGE[language]]
    missing = [
        ex
        for ex in ISSUE_EXAMPLES[language]
        if not any(ex.casefold() in i.casefold() for i in inputs)
    ]
    assert not missing


def test_spans_index_the_original_string() -> None:
    text = "他們人數有２７０００人，大約為70人左右，1977年到1988年間。"
    for m in extract_from_text(text, "zh", context=False):
        assert text[m.start : m.end] == m.text
    assert [m.text for m in extract_from_text(text, "zh", context=False)] == [
        "２７０００人",
        "大約為70人左右",
        "1977年到1988年間",
    ]


def test_counted_noun_and_context_are_shared_across_languages() -> None:
    (zh,) = extract_from_text("總體而言，6,637個日本人，估計陪同朝鮮人配偶回到朝鮮", "zh")
    (en,) = extract_from_text("In total, 6,637 Japanese people are estimated to have gone", "en")
    assert zh.unit == en.unit == "person"
    assert zh.unit_text == "個日本人" and en.unit_text == "Japanese people"
    assert "japanese" in set(zh.context) & set(en.context)
    assert "estimate" in set(zh.context) & set(en.context)


def test_figures_are_the_values_of_real_quantities() -> None:
    text = "Flight 351 left at 6:00 with between 70 and 80 people, about 94,000 in all, in 1977."
    assert figures(text, "en") == [70.0, 80.0, 94000.0, 1977.0]
    assert figures("二萬七千人，約5萬名，351航班", "zh") == [27000.0, 50000.0]


def test_units_table_rejects_a_surface_with_two_units() -> None:
    from sourcecompare.claims.units import UnitsFileError, _parse

    assert _parse("zh\t名\tperson\tcount\n")[0].unit == "person"
    with pytest.raises(UnitsFileError, match=":2: '名' given two units"):
        _parse("zh\t名\tperson\tcount\nzh\t名\tname\tcount\n")
    with pytest.raises(UnitsFileError, match=":1: expected"):
        _parse("fr\tgens\tperson\tcount\n")


def test_ambiguous_date_takes_the_documents_one_order(tmp_path: Path) -> None:
    """A date left ambiguous in its paragraph (04/07/2012) is read in the day/month order the
    document's other numeric dates show (21/06/2012: day first); with both orders shown it
    stays ambiguous."""
    from sourcecompare import read

    def dates(text: str) -> list[tuple[str, float | None, str]]:
        path = tmp_path / "doc.txt"
        path.write_text(text, encoding="utf-8")
        claims = extract_claims(read(path))
        return [(c.text, c.value, c.note) for c in claims if c.kind == "date"]

    one_order = "The bill passed on 21/06/2012.\n\nIt took effect on 04/07/2012.\n"
    assert dates(one_order) == [
        ("21/06/2012", 20120621.0, ""),
        ("04/07/2012", 20120704.0, "day/month order of the document's other dates"),
    ]
    both = "Passed on 21/06/2012.\n\nSigned 06/22/2012.\n\nIn force 04/07/2012.\n"
    assert dates(both)[-1] == ("04/07/2012", None, "ambiguous day/month order")


def test_unknown_language_is_a_named_error() -> None:
    with pytest.raises(UnknownComponent, match="valid languages: en, zh"):
        extract_from_text("27000", "fr")


# --------------------------------------------------------------------------- the corpus


@cache
def _corpus(doc_id: str) -> tuple[Document, tuple[Claim, ...]]:
    from sourcecompare import read

    doc = read(corpus_path(doc_id))
    return doc, extract_claims(doc)


def _find(claims: tuple[Claim, ...], **want: object) -> list[Claim]:
    return [c for c in claims if all(getattr(c, k) == v for k, v in want.items())]


def _kinds(doc: Document, claims: tuple[Claim, ...]) -> dict[str, ParagraphKind]:
    return {c.id: doc.paragraphs[c.paragraph].kind for c in claims}


@pytest.mark.parametrize(
    "doc_id",
    [
        "zh-wiki-japanese-in-north-korea",
        "en-wiki-japanese-in-north-korea",
        "scmp-video-japan-to-north-korea",
        "zh-wiki-japan-north-korea-relations",
        "wolman-2024",
    ],
)
def test_corpus_claims_point_into_the_raw_text(doc_id: str) -> None:
    doc, claims = _corpus(doc_id)
    assert claims
    for c in claims:
        para = doc.paragraphs[c.paragraph]
        assert c.document == doc.id
        raw = re.sub(r"\s+", "", doc.raw[c.start : c.end])
        assert raw == re.sub(r"\s+", "", c.text), c
        assert c.text in para.text
        if c.sentence_text:
            assert c.text in c.sentence_text
        if c.low is not None and c.high is not None:
            assert c.low <= c.high, c
    assert len({c.id for c in claims}) == len(claims)


def test_zh_wiki_japanese_in_north_korea() -> None:
    _, claims = _corpus("zh-wiki-japanese-in-north-korea")
    assert _find(claims, kind="count", value=27000.0, unit="person")
    (japanese,) = _find(claims, kind="count", value=6637.0, unit="person")
    assert "japanese" in japanese.context
    (retained,) = _find(claims, kind="count", value=1828.0)
    assert retained.unit == "person" and "japanese" in retained.context
    assert _find(claims, kind="year", value=1959.0)
    assert _find(claims, kind="date", value=20020917.0, text="2002年9月17日")
    assert _find(claims, kind="count", value=9.0, text="9名成員", unit="person")
    assert _find(claims, kind="count", low=65.0, high=75.0, qualifier="approximate")
    assert _find(claims, kind="decade", low=1970.0, high=1979.0)
    assert _find(claims, kind="identifier", text="351航班")
    assert not _find(claims, kind="count", value=351.0)


def test_en_wiki_japanese_in_north_korea() -> None:
    _, claims = _corpus("en-wiki-japanese-in-north-korea")
    for value in (6637.0, 1828.0, 27000.0):
        (c,) = _find(claims, kind="count", value=value)
        assert c.unit == "person"
    assert _find(claims, kind="range", low=70.0, high=80.0, unit="person")
    assert _find(claims, kind="range", low=1977.0, high=1983.0, unit="year")
    assert _find(claims, kind="range", low=10.0, high=15.0)
    (two_thirds,) = _find(claims, kind="count", text="Two-thirds", unit="fraction")
    assert two_thirds.value == pytest.approx(2 / 3)
    assert _find(claims, kind="identifier", text="Flight 351")
    assert not _find(claims, value=351.0)
    assert not _find(claims, kind="count", value=38.0)  # the 38th parallel


def test_wolman_2024() -> None:
    doc, claims = _corpus("wolman-2024")
    kinds = _kinds(doc, claims)
    assert _find(claims, kind="count", value=6836.0, unit="person")
    (estimated,) = _find(claims, kind="count", value=1831.0)
    assert estimated.qualifier == "approximate" and estimated.unit == "person"
    assert _find(claims, kind="count", value=93340.0, unit="person", qualifier="exact")
    assert _find(claims, kind="count", value=70000.0, qualifier="approximate")
    assert _find(claims, kind="count", value=200.0, qualifier="at least", unit="person")
    for c in claims:
        assert "Vol" not in c.text and "No." not in c.text
        if kinds[c.id] in (ParagraphKind.FOOTNOTE, ParagraphKind.REFERENCE):
            assert c.kind not in ("year", "date", "decade", "identifier"), c
            assert c.unit_text or c.qualifier != "exact", c
    assert not [c for c in claims if kinds[c.id] is ParagraphKind.INFOBOX]
    # a footnote marker glued to a year is not a decimal (fractions, ``half``, aside)
    assert not [
        c
        for c in claims
        if c.value is not None and not float(c.value).is_integer() and c.unit != "fraction"
    ]


def test_scmp_comment_clock_time() -> None:
    _, claims = _corpus("scmp-video-japan-to-north-korea")
    (time,) = _find(claims, text="6:00")
    assert time.kind == "time" and time.low is None and time.high is None
    assert _find(claims, kind="count", value=94000.0, qualifier="approximate", unit="person")
    assert _find(claims, kind="count", value=100000.0, high=100000.0, unit="person")


def test_unsegmented_document_still_gives_claims() -> None:
    from sourcecompare import read

    doc = read(corpus_path("zh-wiki-japanese-in-north-korea"), segment=False)
    claims = extract_claims(doc)
    assert _find(claims, kind="count", value=27000.0, unit="person")
    assert all(c.sentence == 0 and c.sentence_text == "" for c in claims)


# --------------------------------------------------------------------------- command line


def test_cli_claims_json(capsys: pytest.CaptureFixture[str]) -> None:
    from sourcecompare.cli import main

    path = corpus_path("en-wiki-japanese-in-north-korea")
    assert main(["claims", "--json", str(path)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(
        {"document", "paragraph", "text", "kind", "value", "low", "high", "qualifier", "unit"}
        <= set(r)
        <= {"document", "paragraph", "text", "kind", "value", "low", "high", "qualifier", "unit",
            "unit_text", "dimension", "row_key", "note"}
        for r in rows
    )  # fmt: skip
    between = next(r for r in rows if r["text"] == "between 70 and 80")
    assert (between["kind"], between["low"], between["high"], between["unit"]) == (
        "range",
        70,
        80,
        "person",
    )


def test_cli_claims_table(capsys: pytest.CaptureFixture[str]) -> None:
    from sourcecompare.cli import main

    assert main(["claims", str(corpus_path("zh-wiki-japanese-in-north-korea"))]) == 0
    out = capsys.readouterr().out
    assert "27,000" in out and "person" in out and "1970年代" in out


def test_cli_claims_lists_magnitudes_depths_and_weights_with_units(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 11's done-when: ``sourcecompare claims`` on a text with magnitudes, depths and
    weights lists them with their units (in the base unit, with the unit as written)."""
    from sourcecompare.cli import main

    en = tmp_path / "quake-en.txt"
    en.write_text(
        "The earthquake struck on 17 January 1995 with a magnitude of 6.9 (Mw 6.9), at a focal "
        "depth of 17.6 km. Rescuers lifted a 2,500 kg slab and a 3 t beam.\n",
        encoding="utf-8",
    )
    zh = tmp_path / "quake-zh.txt"
    zh.write_text(
        "地震矩震級6.9，震源深度17.6公里。救援人员搬开了2500公斤的水泥板。\n", encoding="utf-8"
    )
    assert main(["claims", "--json", str(en), str(zh)]) == 0
    rows = json.loads(capsys.readouterr().out)
    got = {(r["document"], r["text"], r["unit"], r.get("unit_text", ""), r["low"]) for r in rows}
    assert {
        ("quake-en", "magnitude of 6.9", "magnitude", "", 6.9),
        ("quake-en", "Mw 6.9", "magnitude-Mw", "", 6.9),
        ("quake-en", "17.6", "m", "km", 17600),
        ("quake-en", "2,500", "kg", "kg", 2500),
        ("quake-en", "3", "kg", "t", 3000),
        ("quake-zh", "矩震級6.9", "magnitude-Mw", "", 6.9),
        ("quake-zh", "17.6公里", "m", "公里", 17600),
        ("quake-zh", "2500公斤", "kg", "公斤", 2500),
    } <= got


def test_cli_claims_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sourcecompare.cli import main

    assert main(["claims", str(tmp_path / "nope.txt")]) == 2
    assert "Traceback" not in capsys.readouterr().err


# --------------------------------------------------------------------------- hostile input


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("1" * 4301, "en"),
        ("有" + "1" * 4301 + "人", "zh"),
        ("9" * 400 + " people", "en"),
        ("一千千千千人", "zh"),
        ("9999年99月99日", "zh"),
    ],
    ids=["4301-digits-en", "4301-digits-zh", "10^400", "yi-qian-qian", "9999-99-99"],
)
def test_absurd_numerals_give_no_figure_and_no_error(text: str, language: str) -> None:
    for m in extract_from_text(text, language, context=False):
        assert m.kind not in ("count", "date") or (m.value is not None and abs(m.value) < 1e24)
        assert m.kind != "date" or m.value is None or m.value < 99991232


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("1" * 50_000 + "页", "zh"),
        ("1" * 50_000, "en"),
        ("a" * 50_000 + "@", "en"),
        ("a." * 25_000, "zh"),
        ("一" * 50_000, "zh"),
        ("one " * 10_000, "en"),
    ],
    ids=["digits-ye", "digits", "email", "dots", "numeral-run", "words"],
)
def test_long_runs_are_read_in_linear_time(text: str, language: str) -> None:
    import time

    started = time.perf_counter()
    extract_from_text(text, language, context=False)
    assert time.perf_counter() - started < 10


def test_context_is_not_resegmented_per_figure() -> None:
    import time

    from sourcecompare.readers import parse_text

    doc = parse_text("1959年有27000人，" * 400, id="t", format="plain", language="zh",
                     script="simplified")  # fmt: skip
    extract_claims(doc)  # loads the lexicon
    started = time.perf_counter()
    claims = extract_claims(doc)
    assert len(claims) == 800
    assert time.perf_counter() - started < 10
