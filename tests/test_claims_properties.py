"""Properties of claim extraction: it never raises, spans slice the original text, intervals
are well formed, and numbers written in any way read back as themselves."""

from __future__ import annotations

import cn2an
from hypothesis import given
from hypothesis import strategies as st

from sourcecompare.claims import Kind, Qualifier, extract_claims, extract_from_text, figures
from sourcecompare.readers import parse_text

#: characters that exercise the extractors: digits (ASCII and full-width), Chinese numerals and
#: classifiers, separators, qualifiers, and then anything at all
_NUMERIC = (
    "0123456789０１２３４５６７８９,.-–~:%$¥/年月日代万萬亿十百千零〇一二两三四五六七八九"
    "人名個个余餘多约約近逾"
)
_WORDS = st.sampled_from(
    [
        " about ", " between ", " and ", " to ", " from ", "more than ", "at least ", " people",
        " Flight ", " May ", "s", " the ", " nine", "-", "thousand", "Vol. ", "No. ", "(", ")",
        "\n", "同年", "左右", "以上", "到", "至", "第", "分之", "百分之", "下午", "點", "分", "号",
    ]
)  # fmt: skip
_TEXT = st.lists(
    st.one_of(st.text(alphabet=_NUMERIC, max_size=6), _WORDS, st.text(max_size=4)), max_size=20
).map("".join)


def _check(text: str, language: str, **kwargs: object) -> None:
    mentions = extract_from_text(text, language, **kwargs)  # type: ignore[arg-type]
    previous_end = 0
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.start >= previous_end, "figures overlap"
        previous_end = m.end
        if m.low is not None and m.high is not None:
            assert m.low <= m.high
        if m.kind in (Kind.TIME, Kind.IDENTIFIER):
            assert m.low is None and m.high is None
        elif (
            m.qualifier is Qualifier.EXACT
            and m.kind in (Kind.COUNT, Kind.YEAR, Kind.PERCENT, Kind.MONEY)
            and m.value is not None
        ):
            assert m.low == m.high == m.value
        if m.unit_text:
            assert m.unit_text in text


@given(_TEXT)
def test_chinese_extraction_never_raises_and_spans_slice(text: str) -> None:
    _check(text, "zh", context=False)


@given(_TEXT)
def test_english_extraction_never_raises_and_spans_slice(text: str) -> None:
    _check(text, "en", context=False)


@given(st.text(max_size=60), st.sampled_from(["zh", "en"]), st.sampled_from(["body", "footnote"]))
def test_arbitrary_unicode(text: str, language: str, kind: str) -> None:
    _check(text, language, context=False, paragraph_kind=kind)
    figures(text, language)


@given(st.text(alphabet=_NUMERIC + "abcXYZ 。，", max_size=40))
def test_context_keys_never_raise(text: str) -> None:
    for m in extract_from_text(text, "zh"):
        assert all(isinstance(k, str) and k for k in m.context)


@given(st.integers(min_value=2, max_value=99_999_999))
def test_chinese_numerals_read_back(n: int) -> None:
    written = cn2an.an2cn(n, "low") + "人"
    (m,) = extract_from_text(written, "zh", context=False)
    assert (m.kind, m.value, m.low, m.high, m.unit) == (Kind.COUNT, n, n, n, "person")


@given(st.integers(min_value=2, max_value=10**9))
def test_separated_digits_read_back(n: int) -> None:
    (m,) = extract_from_text(f"There were {n:,} people.", "en", context=False)
    assert (m.kind, m.value, m.unit) == (Kind.COUNT, n, "person")
    (z,) = extract_from_text(f"有{n:,}人", "zh", context=False)
    assert (z.value, z.unit) == (n, "person")


@given(st.integers(min_value=1, max_value=10**6), st.sampled_from(["about", "around", "roughly"]))
def test_approximations_contain_their_value(n: int, hedge: str) -> None:
    (m,) = extract_from_text(f"{hedge} {n:,} people", "en", context=False)
    assert m.qualifier is Qualifier.APPROXIMATE
    assert m.low is not None and m.high is not None
    assert m.low < n < m.high
    assert m.high - m.low <= max(2, n / 5)


@given(st.integers(min_value=1000, max_value=2060), st.integers(min_value=1, max_value=40))
def test_year_ranges(start: int, length: int) -> None:
    end = start + length
    for text, language in ((f"from {start} to {end}", "en"), (f"{start}年到{end}年间", "zh")):
        (m,) = extract_from_text(text, language, context=False)
        assert (m.kind, m.low, m.high, m.unit) == (Kind.RANGE, start, end, "year")


@given(st.text(max_size=200), st.sampled_from(["zh", "en"]))
def test_document_claims_point_into_raw(raw: str, language: str) -> None:
    if not raw.strip():
        return
    doc = parse_text(raw, id="t", format="plain", language=language, script="mixed")
    for c in extract_claims(doc):
        assert 0 <= c.start < c.end <= len(raw)
        assert c.text


_EN_ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_EN_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
             "seventeen", "eighteen", "nineteen"]  # fmt: skip
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _en_words(n: int) -> str:
    """``n`` (1 .. 999,999,999) in English words, written independently of the extractor."""

    def below_thousand(k: int) -> str:
        parts = []
        if k >= 100:
            parts.append(f"{_EN_ONES[k // 100]} hundred")
            k %= 100
        if 10 <= k < 20:
            parts.append(_EN_TEENS[k - 10])
        elif k:
            tens, ones = divmod(k, 10)
            parts.append("-".join(w for w in (_EN_TENS[tens], _EN_ONES[ones]) if w))
        return " ".join(parts)

    out = []
    for value, name in ((10**6, "million"), (1000, "thousand"), (1, "")):
        if n >= value:
            out.append(f"{below_thousand(n // value)} {name}".strip())
            n %= value
    return " ".join(out)


@given(st.integers(min_value=2, max_value=999_999_999))
def test_english_number_words_read_back(n: int) -> None:
    (m,) = extract_from_text(f"There were {_en_words(n)} people.", "en", context=False)
    assert (m.kind, m.value, m.unit) == (Kind.COUNT, n, "person")


@given(st.integers(min_value=-(10**12), max_value=10**12).filter(lambda n: abs(n) > 1))
def test_chinese_numerals_in_every_form_read_back(n: int) -> None:
    for mode in ("low", "up"):  # 一千二百 and the financial 壹仟贰佰
        written = cn2an.an2cn(n, mode)
        (m,) = extract_from_text(written + "人", "zh", context=False)
        assert (m.value, m.unit) == (n, "person"), written


@given(st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False, allow_infinity=False))
def test_chinese_decimals_read_back(d: object) -> None:
    from decimal import Decimal

    value = Decimal(str(d))
    written = cn2an.an2cn(str(value), "low")
    (m,) = extract_from_text(f"增长了{written}", "zh", context=False)
    assert m.value == float(value), written


_LENGTHS = st.sampled_from(
    [("km", "公里", 1000.0), ("mi", "英里", 1609.344), ("ft", "英尺", 0.3048), ("m", "米", 1.0)]
)


@given(st.integers(min_value=1, max_value=100_000), _LENGTHS, _LENGTHS)
def test_lengths_convert_both_ways(
    n: int, a: tuple[str, str, float], b: tuple[str, str, float]
) -> None:
    from sourcecompare.claims.measures import to_base

    (en,) = extract_from_text(f"a depth of {n} {a[0]}", "en", context=False)
    (zh,) = extract_from_text(f"深度{n}{a[1]}", "zh", context=False)
    assert en.kind == zh.kind == Kind.MEASUREMENT and en.unit == zh.unit == "m"
    assert en.low == zh.low and en.low is not None
    assert abs(en.low - n * a[2]) <= 1e-6 * n * a[2]
    # the same length stated in another unit comes back to the same base value
    other = n * a[2] / b[2]
    base = to_base(b[0], other, other)[1]
    assert base is not None and abs(base - en.low) <= 1e-6 * en.low


@given(st.integers(min_value=1, max_value=90), st.integers(min_value=1, max_value=364))
def test_durations_in_parts_are_one_sum(years: int, days: int) -> None:
    """``N years and M days`` and ``N年M天`` are one duration: the sum of the parts in days."""
    for text, language in ((f"{years} years and {days} days", "en"), (f"{years}年{days}天", "zh")):
        (m,) = extract_from_text(text, language, context=False)
        assert m.kind is Kind.DURATION and m.value is None
        assert (m.low, m.high) == (years * 365 + days, years * 366 + days)


@given(st.integers(min_value=1, max_value=99_999))
def test_coins_of_a_subunit_are_hundredths(n: int) -> None:
    """``N cents`` is N/100 dollars; ``N美分`` the same; ``N lipa`` N/100 kuna."""
    for text, language, currency in (
        (f"{n} cents", "en", "USD"), (f"{n}美分", "zh", "USD"), (f"{n} lipa", "en", "HRK"),
    ):  # fmt: skip
        (m,) = extract_from_text(text, language, context=False)
        assert m.kind is Kind.MONEY and m.unit == currency
        assert m.value is not None and abs(m.value - n / 100) < 1e-9


@given(st.integers(min_value=1, max_value=98), st.integers(min_value=1, max_value=50))
def test_percent_ranges(low: int, width: int) -> None:
    high = low + width
    for text, language in ((f"{low}-{high}%", "en"), (f"{low}%到{high}%", "zh")):
        (m,) = extract_from_text(text, language, context=False)
        assert m.kind is Kind.PERCENT and (m.low, m.high) == (low, high)
