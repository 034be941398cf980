"""English figures: digits with separators, number words, ranges, decades, dates, percentages,
money, and the counted noun that follows.

Stages run in order on the text with its non-quantities masked (:mod:`.exclusions`); each claims
its characters, so a later stage never re-reads them: dates, decades, percentages and fractions,
money, ranges, vague plurals (``thousands of``), then single numbers.

A four-digit number from 1000 to 2100 written without a separator is a year unless a counted
noun follows (``1500 people``) or it refers back (``of whom 1828``).  The word ``one`` alone
(and ``a``) is an article, not a figure, except as the end of a range (``one to three years``).

>>> [(f.kind.value, f.low, f.high, f.unit) for f in extract("In total, 6,637 Japanese went.")]
[('count', 6637.0, 6637.0, 'person')]
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from ..lexicon import STOPWORDS
from . import starts
from .exclusions import Excluded
from .numerals import (
    EN_NUMBER_WORDS,
    EN_ORDINALS,
    MAX_NUMERAL_LENGTH,
    arabic,
    english,
    power_of,
    scale,
)
from .quantities import (
    Hedge,
    Kind,
    Qualifier,
    century_years,
    date_value,
    decade_part,
    interval,
    month_interval,
    widen,
)
from .scanner import Found, Scanner
from .units import Unit
from .units import table as unit_table
from .wordlist import alternation

__all__ = ["extract"]

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
#: the months' names and abbreviations, read in any case (May only as May or MAY: "may")
_MONTH_WORDS = sorted(m for m in _MONTHS if m != "may")
_MONTH = rf"(?P<mon>(?i:{alternation(_MONTH_WORDS)})|May|MAY)\.?"
_MONTH2 = _MONTH.replace("?P<mon>", "?P<mon2>")
_MONTH1 = _MONTH.replace("?P<mon>", "?P<mon1>")
_DAY = r"(?<![\d.,])(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY1 = r"(?<![\d.,])(?P<day1>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[0-9]|20)\d\d)"

_UNIT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEEN_WORD = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS_WORD = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNDER_100 = rf"(?:{_TENS_WORD}(?:[-\s]+{_UNIT_WORD})?|{_TEEN_WORD}|{_UNIT_WORD})"
#: a year in words: nineteen seventy eight (two pairs), nineteen oh five, two thousand and
#: eighteen, one thousand nine hundred and ninety
_YEARW = (
    rf"(?P<yw>(?:{_TEEN_WORD}|twenty)[-\s]+(?:{_TENS_WORD}(?:[-\s]+{_UNIT_WORD})?|{_TEEN_WORD}"
    rf"|hundred|oh[-\s]+{_UNIT_WORD})"
    rf"|(?:one|two)\s+thousand(?:(?:\s+and)?\s+(?:{_UNIT_WORD}\s+hundred(?:\s+and)?\s+)?"
    rf"{_UNDER_100})?)\b"
)
#: a day of the month in words: the twenty-first, third, thirtieth
_DAYW = (
    r"(?P<dayw>(?:(?:twenty|thirty)[-\s]+)?(?:first|second|third|fourth|fifth|sixth|seventh"
    r"|eighth|ninth)|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth"
    r"|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)\b"
)

#: a day of the month in cardinal words: January twenty two, 2018; March five, 1990
_DAYC = rf"(?P<dayc>(?:twenty|thirty)[-\s]+{_UNIT_WORD}|{_TEEN_WORD}|twenty|thirty|{_UNIT_WORD})\b"

_DATES = [
    # the year (or the day) in words: September the twenty-first nineteen seventy eight,
    # between 2 and 7 Feb two thousand and eighteen, the first of May 1990
    re.compile(
        rf"(?:\b(?:from|between)\s+)?{_DAY1}\s*(?:-|–|to|and|through|until|till)\s*{_DAY}\s+"
        rf"(?:of\s+)?{_MONTH},?\s+{_YEARW}",
        re.IGNORECASE,
    ),
    re.compile(rf"\b{_MONTH}\s+(?:the\s+)?(?:{_DAY}|{_DAYW}),?\s+(?:of\s+)?{_YEARW}", re.I),
    re.compile(rf"\b(?:the\s+)?(?:{_DAY}|{_DAYW})\s+(?:of\s+)?{_MONTH},?\s+{_YEARW}", re.I),
    re.compile(rf"\b{_MONTH}\s+(?:the\s+)?{_DAYW},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH}\s+{_DAYC},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b(?:the\s+)?{_DAYW}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH}\s+the\s+{_DAYW}", re.I),
    re.compile(rf"\bthe\s+{_DAYW}\s+of\s+{_MONTH}", re.I),
    # months sharing a year: from March to May 2015, between June and August, 1990
    re.compile(
        rf"\b(?:from|between)\s+{_MONTH1}\s+(?:to|and|through|until|till|-|–)\s+{_MONTH},?\s+"
        rf"(?:of\s+)?{_YEAR}\b",
        re.IGNORECASE,
    ),
    re.compile(r"(?<![\d-])(?P<year>\d{4})-(?P<m>\d{1,2})-(?P<day>\d{1,2})(?![\d-])"),
    re.compile(
        r"(?<![\d.])(?P<year>(?:1[5-9]|20)\d\d)\.(?P<m>\d{1,2})\.(?P<day>\d{1,2})(?!\d|\.\d)"
    ),
    re.compile(r"(?<![\d/])(?P<year>\d{4})/(?P<m>\d{1,2})/(?P<day>\d{1,2})(?![\d/])"),
    re.compile(
        r"(?<![\d.])(?P<year>(?:1[5-9]|20)\d\d) (?P<m>0[1-9]|1[0-2]) (?P<day>[0-3]\d)(?!\d|\.\d)"
    ),
    # periods sharing an end: from 4 to 22 January, 1995; January 4 to 22, 1995
    re.compile(
        rf"(?:\b(?:from|between)\s+)?{_DAY1}\s*(?:-|–|to|and|through|until|till)\s*{_DAY}\s+"
        rf"(?:of\s+)?{_MONTH},?\s+{_YEAR}\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?:\b(?:from|between)\s+)?\b{_MONTH}\s+{_DAY1}\s*(?:-|–|to|and|through|until|till)"
        rf"\s*{_DAY},?\s+{_YEAR}\b",
        re.IGNORECASE,
    ),
    # numbers only, the year last: 13.5.2015, 21/04/16, 08/12,2015 (day/month order when one
    # of them is over 12, else ambiguous)
    re.compile(
        r"(?<![\d./-])(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[0-3]?\d)(?:(?P=sep)|,)"
        r"(?P<year>(?:1[5-9]|20)\d\d|\d\d)(?![\d/-]|[.,]\d)"
    ),
    re.compile(rf"\b(?P<year>(?:1[5-9]|20)\d\d)/{_MONTH}/(?P<day>[0-3]?\d)\b"),
    # 5-Mar-2015, 05/Mar/2015, 2015-Mar-05: the month in letters between numbers
    re.compile(rf"\b{_DAY}(?P<sep>[-/])(?i:{_MONTH})(?P=sep){_YEAR}\b"),
    re.compile(rf"\b{_YEAR}(?P<sep>[-/])(?i:{_MONTH})(?P=sep)(?P<day>[0-3]?\d)\b"),
    # March 5, 2015; March 5,2015; March 5 of 2015
    re.compile(rf"\b{_MONTH}\s+(?:the\s+)?{_DAY}(?:,\s*|\s+of\s+|\s+){_YEAR}\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"),
    # 2015 Mar 5 (the year first, as in citations; not "in 2015, March 5 people")
    re.compile(rf"\b{_YEAR}\s+{_MONTH}\s+{_DAY}\b(?![,.]?\d|\s*[-–]\s*\d)"),
    re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b"),
    re.compile(rf"\b{_YEAR},?\s+{_MONTH}\b"),
    # August '99, August 99 (a number that cannot be a day); June 12 is a day, read below
    re.compile(rf"\b{_MONTH}\s+(?:['’](?P<yy>\d\d)|(?P<yy2>3[2-9]|[4-9]\d))\b(?![,.]?\d)"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+['’](?P<yy>\d\d)\b(?![,.]?\d)"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+['’](?P<yy>\d\d)\b(?![,.]?\d)"),
    # a month of a year: 2015-3, 2016 / 11, 11/2016, 11 - 2016
    re.compile(
        rf"(?<![\w./-]){_YEAR}\s*[-/.]\s*(?P<m>0?[1-9]|1[0-2])(?![\w/-]|[.,]\d)"
        rf"|(?<![\w./-])(?P<m2>0?[1-9]|1[0-2])\s*[-/]\s*(?P<year2>(?:1[5-9]|20)\d\d)(?![\w/-]|[.,]\d)"
    ),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?![,.]?\d)"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b"),
]

_DECADE = re.compile(
    r"(?:\b(?P<part>early|mid|late)[-\s]+)?(?:\b(?P<d>(?:1\d|20)\d0)|(?<!\w)['’](?P<dd>\d0))"
    r"['’]?s\b",
    re.IGNORECASE,
)
_DECADE_NAMES = {"tens": 10, "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50,
                 "sixties": 60, "seventies": 70, "eighties": 80, "nineties": 90}  # fmt: skip
#: decades in words: the nineteen seventies, the twenty-tens, the noughties
_DECADE_WORDS = re.compile(
    r"\b(?:(?P<part>early|mid|late)[-\s]+)?(?:(?P<c>nineteen|eighteen|twenty)[-\s]+)?"
    r"(?P<n>tens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties"
    r"|noughties|naughties)\b",
    re.IGNORECASE,
)
_CENTURY_WORDS = {"eighteen": 1800, "nineteen": 1900, "twenty": 2000}
#: part of a year: the beginning / middle / end of 2000 (four months each)
_YEAR_PART = re.compile(
    r"\b(?:the\s+)?(?P<part>beginning|start|middle|end|early\s+part|late\s+part)\s+of\s+"
    r"(?P<year>(?:1[0-9]|20)\d\d)\b",
    re.IGNORECASE,
)
_PART_MONTHS = {"beginning": (1, 4), "start": (1, 4), "early": (1, 4), "middle": (5, 8),
                "mid": (5, 8), "end": (9, 12), "late": (9, 12), "q1": (1, 3), "q2": (4, 6),
                "q3": (7, 9), "q4": (10, 12), "h1": (1, 6), "h2": (7, 12)}  # fmt: skip
#: early 2015, mid-2015, late 2015; the first quarter of 2016, Q3 2016, the second half of 2016
_YEAR_PART2 = re.compile(
    r"\b(?P<part>early|mid|late)[-\s]+(?P<year>(?:1[0-9]|20)\d\d)\b(?![-–]\d)"
    r"|\b(?:the\s+)?(?P<nth>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+(?P<unit>quarter|half)"
    r"\s+of\s+(?P<year2>(?:1[0-9]|20)\d\d)\b"
    r"|\b(?P<q>[QH][1-4])\s*(?P<year3>(?:1[0-9]|20)\d\d)\b",
    re.IGNORECASE,
)
_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
        "4th": 4}  # fmt: skip

_WORDS = alternation(EN_NUMBER_WORDS)  # one|two|…, as a trie (cheaper to try everywhere)
_ARTICLE = r"(?:an?\s+(?=(?:hundred|thousand|million|billion|trillion|dozen)\b))"
_SIGN = r"(?:(?:(?<![\w)\x00.,–-])[-−–](?=[\d.])|\b(?:minus|negative)\s+))"
_NUMW = (
    rf"(?:{_SIGN}?{_ARTICLE}?(?:{_WORDS})"
    rf"(?:(?:\s+and\s+|\s*-\s*and\s*-\s*|\s*-\s*|\s+)(?:{_WORDS})){{0,30}})"
)
_NUMD = (
    rf"{_SIGN}?(?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}(?:\.\d{{3}}){{2,}}(?![\d.])"
    r"|\d{1,3}(?:\.\d{3})+,\d+|\d{1,3}(?:[ \u202f\u00a0]\d{3}){2,}(?:,\d+)?(?!\d|[.,]\d)"
    r"|\d{1,3}(?:[\u202f\u00a0]\d{3})+(?:,\d+)?(?!\d|[.,]\d)|\d{1,3} 0\d\d(?!\d|[.,]\d)"
    r"|\d{1,3},\d{1,2}(?=\s*(?:thousand|million|billion|trillion)\b)|\d+(?:\.\d+)?\^[-+]?\d{1,3}(?![\d.])|\d+(?:\.\d+)?[eE][-+]?\d{1,3}|\d+|(?<!\d)(?=\.\d))"
    r"(?:\.\d+)?"
    r"(?:\s*(?:hundred(?:\s+(?:thousand|million|billion)\b)?|thousand(?:\s+million\b)?"
    r"|(?:thousand|million|billion|trillion)s|million|billion|trillion|lakhs?|crores?|dozens?)\b"
    r"|(?:m|bn|k|b|mil|mn|g)\b|(?-i:[ \u00a0]M)(?![\w\x00]))?"
)
#: what a number (:data:`_NUM`) can begin with: a digit or a decimal point, a sign, or the
#: first letter of "minus", "negative", "a"/"an" or a number word.  Put first, it lets ``re``
#: leave most positions after one test instead of trying every branch there (a test holds
#: the number with it to the number without it)
_NUM_START = (
    "(?=[\\d.\\-−–" + "".join(sorted({w[0] for w in EN_NUMBER_WORDS} | {"m", "n", "a"})) + "])"
)
#: a number in words begins a word: no word character before it (``\b`` before its letter,
#: or after a hyphen), which lets :mod:`.starts` try the pattern only at the start of words
#: (a test holds it to ``(?:\b|(?<=-))``)
_NUM_ANYWHERE = (
    rf"(?:(?<![\w.\x00])(?<!\d\.)(?<!\d,\d{{3}}){_NUMD}(?![\w\x00]|\.\d|,\d{{3}}(?!\d))"
    rf"|(?<!\w){_NUMW}\b)"
)
_NUM = _NUM_START + _NUM_ANYWHERE
_NUMBER = re.compile(_NUM, re.IGNORECASE)
#: where a number can begin, after no word character: a digit, a point or a sign, "minus" or
#: "negative", "a"/"an" before hundred, thousand..., or a number word (more places than
#: :data:`_NUM` matches at, never fewer: a test holds it to that).  The patterns that begin
#: with a number are tried only there (:func:`.starts.lead`)
_NUM_BEGINS = re.compile(
    r"(?<!\w)(?:[\d.\-−–]|minus|negative|an?\s+(?:hundred|thousand|million|billion|trillion"
    rf"|dozen)|{_WORDS})",
    re.IGNORECASE,
)
starts.lead(_NUM, re.IGNORECASE, _NUM_BEGINS)
#: a year in words: nineteen twenty eight (two pairs), or a number after "in" / "year"
_YEAR_WORDS = re.compile(
    r"\b(?P<lead>in|year|since|of)\s+(?P<y>(?:(?:ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty)[-\s]+(?:(?:twenty|thirty|forty|fifty|sixty"
    r"|seventy|eighty|ninety)(?:[-\s]+(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|hundred|oh[-\s]+(?:one|two|three|four|five|six|seven|eight|nine)))"
    rf"|{_NUMW})\b",
    re.IGNORECASE,
)

_PERCENT = re.compile(
    rf"(?P<n>{_NUM})(?:\s?|-(?=[pP]))(?:(?P<points>percentage[\s-]points?\b)|%"
    r"|percent(?:age)?s?\b|per[\s-]cent\b|pct\b)"
    rf"|\b(?:percent|percents|per\s+cent|percentage)\s+of\s+(?P<of>{_NUM})",
    re.IGNORECASE,
)
_PERCENT_WORD = (
    r"(?:(?P<points{n}>percentage[\s-]points?\b)|%|percent(?:age)?s?\b|per[\s-]cent\b|pct\b)"
)
#: percentages without a number: a few percent (2-5), several percentage points (3-9), a couple
#: of percent (2-3), tens of percent (20-99), a few hundred percent (200-500), a small (tiny,
#: low) percentage (0-50: under half)
_VAGUE_PERCENT = re.compile(
    r"\b(?:(?P<few>several|a\s+few|a\s+couple\s+of)(?:\s+(?P<hundred>hundred))?|(?P<tens>tens)\s+of"
    r"|(?P<small>an?\s+(?:very\s+)?(?:small|tiny|low|minute))(?=\s+(?:percent|percentage|per\s+cent)))"
    r"\s+" + _PERCENT_WORD.format(n=""),
    re.IGNORECASE,
)
#: a range of percentages: 10-15%, 10% to 15%, between 10 and 15 percent, from 3 to 5
#: percentage points
_PERCENT_RANGE = re.compile(
    rf"(?:\b(?P<lead>between|from)\s+)?(?P<a>{_NUM})\s?(?:{_PERCENT_WORD.format(n=1)})?"
    rf"(?P<sep>\s?[-–—~～]\s?|\s+(?:to|and|through)\s+)(?P<b>{_NUM})\s?{_PERCENT_WORD.format(n=2)}",
    re.IGNORECASE,
)
_ORDINAL_WORDS = {**{w: n for w, n in EN_ORDINALS.items()}, "half": 2, "quarter": 4}
_ORD = alternation(_ORDINAL_WORDS)
_DENOMINATOR = rf"(?:{_ORD})(?:s|es)?|halves"
#: "second" is no denominator (one half is "a half"), unless in a compound (a twenty-second)
_SECOND = re.compile(r"(?<![-\w])seconds?$", re.IGNORECASE)
#: a fraction in words: [whole and] numerator denominator (``three fifths``, ``five and a
#: quarter``, ``one hundred thirty fifths``, ``one - fourth``)
_FRACTION = re.compile(
    r"(?:\b(?P<minus>minus|negative)\s+)?"
    r"(?:\b(?P<dw>\d+(?:\.\d+)?)\s+(?P<dscale>thousand|million|billion|trillion)\s+and\s+)?"
    rf"\b(?:(?:{_WORDS}|an?|and)(?:\s*-\s*|\s+)){{1,16}}?"
    rf"(?:{_DENOMINATOR})\b(?!\s+of\s+(?:the\s+)?(?:way|time))"
    r"(?:\s+of\s+an?\s+(?P<scale>hundred|thousand|million|billion|trillion|dozen)\b"
    r"|\s+(?P<scale2>thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)
#: a fraction in digits: ``1/2``, ``-3/2``, ``1 4/3`` (a whole and a fraction), ``1 over 3``,
#: ``2 in 5``; and the vulgar fraction characters
_DIGIT_FRACTION = re.compile(
    r"(?<![\w/.,\x00-])(?:(?P<w>\d+)\s+(?=\d+\s*/))?(?P<a>-?\d+)\s*(?:/|\s(?:over|in)\s)\s*(?P<b>\d+)"
    r"(?![\w/.,\x00]|[.,]\d)"
    r"|(?<![\w/.,\x00-])(?P<aw>one|two|three|four|five|six|seven|eight|nine|ten)\s+over\s+"
    r"(?P<bd>\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b"
    r"(?![\w/.,\x00])",
    re.IGNORECASE,
)
#: digits and a fraction in words: 2 and a half, 3 and three quarters
_DIGIT_MIXED = re.compile(
    r"(?<![\w.,\x00-])(?P<w>\d+)\s+and\s+(?P<f>(?:a|an|one|two|three)\s+"
    r"(?:half|third|thirds|quarter|quarters|fourth|fourths|fifth|fifths))\b",
    re.IGNORECASE,
)
_HALF = re.compile(
    r"\b(?:a\s+)?half(?:\s+an?)?(?:(?=\s+of\b)|\s+(?P<scale>thousand|million|billion|dozen)\b"
    r"|(?=\s+(?:percent|per[\s-]cent|percentage[\s-]points?)\b))",
    re.IGNORECASE,
)
#: a percent word after a fraction or mixed number in words: five and a half percent, half a
#: percent, a quarter of a percentage point
_PERCENT_AFTER = re.compile(
    r"[\s-]*(?:of\s+(?:an?|one)\s+)?(?:(?P<points>percentage[\s-]points?)|percent(?:age)?s?"
    r"|per[\s-]cent|%)\b",
    re.IGNORECASE,
)
_VULGAR = {"½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5),
           "⅛": (1, 8), "⅜": (3, 8), "⅝": (5, 8), "⅞": (7, 8)}  # fmt: skip
_VULGAR_RE = re.compile(r"(?<!\d)(?:(?P<w>\d+)\s?)?(?P<v>[" + "".join(_VULGAR) + "])")


def _ordinal(words: list[str]) -> int | None:
    """The number of an ordinal phrase (``fifths`` 5, ``thirty fifth`` 35, ``one hundred and
    fifth`` 105); its cardinal part must end in a tens or scale word, and not start with one."""
    last = words[-1].lower()
    base = (
        _ORDINAL_WORDS.get(last)
        or _ORDINAL_WORDS.get(last[:-1])
        or (_ORDINAL_WORDS.get(last[:-2]) if last.endswith("es") else None)
        or (2 if last == "halves" else None)
    )
    if base is None:
        return None
    head = [w for w in words[:-1] if w.lower() != "and"]
    if not head:
        return base
    if head[0].lower() in ("hundred", "thousand", "million", "billion", "trillion", "and"):
        return None
    if head[-1].lower() not in (*_TENS_WORDS, "hundred", "thousand", "million", "billion"):
        return None
    prefix = english(" ".join(head))
    if prefix is None or base >= 100:
        return None
    return int(prefix) + base


_TENS_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def _fraction_words(text: str) -> Decimal | None:
    """The value of a fraction in words (see :data:`_FRACTION`), or ``None``."""
    words = [w for w in re.split(r"\s*-\s*|\s+", text.strip()) if w]
    for cut in range(len(words) - 1, 0, -1):  # an ``and`` before the fraction: a whole part
        if words[cut].lower() == "and" and cut + 1 < len(words):
            whole = english(" ".join(words[:cut]))
            rest = _fraction_words(" ".join(words[cut + 1 :]))
            if whole is not None and rest is not None and rest < 1:
                factor = scale(words[cut - 1]) if words[cut - 1].lower() != "hundred" else None
                return whole + rest * (factor or 1)  # a million and a half: 1,500,000
    for k in range(1, len(words)):
        den = _ordinal(words[k:])
        num_words = words[:k]
        if den is None or num_words[-1].lower() == "and":
            continue
        head = " ".join(num_words).lower()
        num = Decimal(1) if head in ("a", "an") else english(head)
        if num is not None and den:
            return num / den
    return None


_CURRENCY = {"US$": "USD", "$": "USD", "HK$": "HKD", "A$": "AUD", "C$": "CAD", "S$": "SGD",
             "NT$": "TWD", "¥": "JPY", "€": "EUR", "£": "GBP", "₩": "KRW"}  # fmt: skip
_MONEY_SIGN = re.compile(
    r"(?P<cur>US\$|HK\$|NT\$|A\$|C\$|S\$|\$|¥|€|£|₩)\s?(?P<n>" + _NUMD + r")(?![\w\x00])",
    re.IGNORECASE,
)

_RANGES = [
    re.compile(rf"\bbetween\s+(?P<a>{_NUM})\s+and\s+(?P<b>{_NUM})", re.IGNORECASE),
    re.compile(
        rf"\bfrom\s+(?P<a>{_NUM})\s+(?:to|through|until|till)\s+(?P<b>{_NUM})", re.IGNORECASE
    ),
    re.compile(
        r"(?<![\w.,\x00-])(?P<a>(?:1[5-9]|20)\d\d)\s?(?P<sep>[-–—]|/(?=\d\d(?!\d)))\s?(?P<yy>\d\d)"
        r"(?![\w\x00/-]|[.,]\d)"
    ),
    re.compile(
        rf"(?P<a>{_NUM})(?:\s?[–—~～]\s?|-|\s+(?:to|through)\s+)(?P<b>{_NUM})(?![\w\x00-])",
        re.IGNORECASE,
    ),
]

_VAGUE = re.compile(
    r"\b(?:(?P<tens>tens|hundreds)\s+of\s+(?P<big>thousands|millions)"
    r"|(?P<plural>dozens|hundreds|thousands|millions)(?=\s+of\b)"
    r"|(?P<few>several|a\s+few)\s+(?P<s1>hundred|thousand|million|dozen)"
    r"(?:\s+(?P<s2>thousand|million))?)\b",
    re.IGNORECASE,
)

_HEDGES = {
    "about": Hedge.APPROXIMATE, "around": Hedge.APPROXIMATE, "roughly": Hedge.APPROXIMATE,
    "approximately": Hedge.APPROXIMATE, "approx.": Hedge.APPROXIMATE, "circa": Hedge.APPROXIMATE,
    "c.": Hedge.APPROXIMATE, "ca.": Hedge.APPROXIMATE, "an estimated": Hedge.APPROXIMATE,
    "estimated": Hedge.APPROXIMATE, "some": Hedge.APPROXIMATE, "approximately some":
    Hedge.APPROXIMATE, "nearly": Hedge.NEARLY, "almost": Hedge.NEARLY,
    "close to": Hedge.NEARLY, "just under": Hedge.NEARLY, "not quite": Hedge.NEARLY,
    "more than": Hedge.MORE_THAN, "over": Hedge.MORE_THAN, "well over": Hedge.MORE_THAN,
    "just over": Hedge.MORE_THAN, "in excess of": Hedge.MORE_THAN, "upwards of":
    Hedge.MORE_THAN, "greater than": Hedge.MORE_THAN, "above": Hedge.MORE_THAN,
    "at least": Hedge.AT_LEAST, "no fewer than": Hedge.AT_LEAST, "no less than":
    Hedge.AT_LEAST, "not less than": Hedge.AT_LEAST, "a minimum of": Hedge.AT_LEAST,
    "up to": Hedge.AT_MOST, "at most": Hedge.AT_MOST, "no more than": Hedge.AT_MOST,
    "not more than": Hedge.AT_MOST, "a maximum of": Hedge.AT_MOST, "as many as": Hedge.AT_MOST,
    "fewer than": Hedge.FEWER_THAN, "less than": Hedge.FEWER_THAN, "under": Hedge.FEWER_THAN,
    "below": Hedge.FEWER_THAN, "exactly": Hedge.EXACT, "precisely": Hedge.EXACT,
    "larger than": Hedge.MORE_THAN, "bigger than": Hedge.MORE_THAN, "higher than":
    Hedge.MORE_THAN, "exceed": Hedge.MORE_THAN, "exceeds": Hedge.MORE_THAN, "exceeding":
    Hedge.MORE_THAN, "surpass": Hedge.MORE_THAN, "surpasses": Hedge.MORE_THAN, "smaller than":
    Hedge.FEWER_THAN, "lower than": Hedge.FEWER_THAN, ">": Hedge.MORE_THAN, "<":
    Hedge.FEWER_THAN, ">=": Hedge.AT_LEAST, "=>": Hedge.AT_LEAST, "> =": Hedge.AT_LEAST,
    "<=": Hedge.AT_MOST, "=<": Hedge.AT_MOST, "< =": Hedge.AT_MOST, "≥": Hedge.AT_LEAST,
    "≤": Hedge.AT_MOST, "no greater than": Hedge.AT_MOST, "not greater than": Hedge.AT_MOST,
    "no larger than": Hedge.AT_MOST, "no fewer": Hedge.AT_LEAST,
    **{f"{a} {o} {b}": h
       for a, b, h in (("equal to", "less than", Hedge.AT_MOST),
                       ("equal to", "more than", Hedge.AT_LEAST),
                       ("equal to", "greater than", Hedge.AT_LEAST),
                       ("equal to", "fewer than", Hedge.AT_MOST),
                       ("less", "equal to", Hedge.AT_MOST),
                       ("less than", "equal to", Hedge.AT_MOST),
                       ("fewer than", "equal to", Hedge.AT_MOST),
                       ("more than", "equal to", Hedge.AT_LEAST),
                       ("greater than", "equal to", Hedge.AT_LEAST),
                       ("larger than", "equal to", Hedge.AT_LEAST),
                       ("bigger than", "equal to", Hedge.AT_LEAST),
                       ("at least", "equal to", Hedge.AT_LEAST),
                       ("at most", "equal to", Hedge.AT_MOST),
                       ("bigger", "equal than", Hedge.AT_LEAST),
                       ("larger", "equal than", Hedge.AT_LEAST),
                       ("greater", "equal than", Hedge.AT_LEAST),
                       ("less", "equal than", Hedge.AT_MOST),
                       ("smaller", "equal than", Hedge.AT_MOST))
       for o in ("or", "and")},
}  # fmt: skip
_COMPARATOR_WORDS = sorted(
    h for h, v in _HEDGES.items()
    if v in (Hedge.MORE_THAN, Hedge.AT_LEAST, Hedge.AT_MOST, Hedge.FEWER_THAN)
    and h not in ("over", "under", "above", "below", "up to", "as many as")
)  # fmt: skip
_COMPARATORS = alternation(_COMPARATOR_WORDS)
#: two bounds on one figure: ``larger than 10 and smaller than 20``
_TWO_BOUNDS = re.compile(
    rf"(?:(?<=[^\w.])|^)(?P<h1>{_COMPARATORS}|above|below|over|under)\s*(?P<a>{_NUM})"
    rf"(?:\s*,)?\s+(?:and|but|while)\s+(?:(?:is|are|was|were)\s+)?"
    rf"(?P<h2>{_COMPARATORS}|above|below|over|under)\s*(?P<b>{_NUM})",
    re.IGNORECASE,
)
_HEDGE_BEFORE = re.compile(
    r"(?:(?<=[^\w.<>=])|^|(?<=\w)(?=[<>=≤≥]))(?P<h>" + alternation(_HEDGES) + r")\s*$",
    re.IGNORECASE,
)
_HEDGE_AFTER = re.compile(
    r"^(?:(?P<least>\s+or\s+more|\s+or\s+over|\s+and\s+over|\s+and\s+above|\+)"
    r"|(?P<approx>\s+or\s+so)|(?P<odd>-odd|\s+odd|-plus|\s+plus)(?![\w-])"
    r"|(?P<most>\s+or\s+fewer|\s+or\s+less))",
    re.IGNORECASE,
)
_ANAPHOR_BEFORE = re.compile(
    r"\b(?:of|among)\s+(?:whom|those|them|these|which)\s*,?\s*$", re.IGNORECASE
)
_VERBISH = frozenset(
    [
        "were",
        "was",
        "are",
        "is",
        "have",
        "had",
        "has",
        "would",
        "will",
        "could",
        "may",
        "might",
        "did",
        "do",
        "does",
        "still",
        "later",
        "also",
        "eventually",
        "reportedly",
        "remain",
        "remained",
        "died",
        "survived",
        "returned",
        "ended",
        "went",
        "came",
        "fled",
        "left",
        "escaped",
        "stayed",
        "lived",
        "live",
    ]
)
_SKIP = frozenset(["such", "more", "other", "additional", "further", "extra"])
#: words that open a time adverbial after a figure (2,500 last year, 40 a day, 3 per month)
_TIME_DETERMINERS = frozenset(
    ["last", "next", "this", "every", "each", "per", "previous", "following", "a", "an"]
)
_DETERMINERS = frozenset(
    ["the", "these", "those", "its", "their", "his", "her", "our", "whom", "them"]
)
_WORD = re.compile(r"°\s?[CF]\b|[℃℉]|[A-Za-z]+[²³]?(?:[-'’/][A-Za-z]+[²³]?)*")
_GAP = re.compile(r"-|[”’\"]?[ \t]*(?:\n[ \t]*)?")


#: the parts of a number as matched that :func:`_value` reads
_SIGNED = re.compile(r"(?:[-−–]|(?:minus|negative)\s+)", re.IGNORECASE)
_EUROPEAN = re.compile(
    r"\d{1,3}(?:\.\d{3}){2,}(?![\d.])|\d{1,3}(?:\.\d{3})+,\d+"
    r"|\d{1,3}(?:[ \u202f\u00a0]\d{3})+,\d+|\d{1,3},\d{1,2}(?=\s*[a-z])"
)
_NOT_DIGIT = re.compile(r"\D")
_POWER = re.compile(r"(\d+(?:\.\d+)?)\^([-+]?\d{1,3})(?![\d.])")
_DIGITS = re.compile(r"\d{1,3}(?:[ \u202f\u00a0]\d{3})+(?!\d|[.,]\d)|[\d.,]+(?:[eE][-+]?\d+)?")
_LETTERS = re.compile(r"[A-Za-z]+")
_FOUR_DIGITS = re.compile(r"\d{4}")


def _value(text: str) -> tuple[Decimal, int] | None:
    """The value of a number as matched, and how many characters of it make the number
    (a run of number words may be longer than the number it starts with)."""
    head = text.strip()
    sign = 1
    signed = _SIGNED.match(head)
    if signed:
        sign, head = -1, head[signed.end() :]
        parsed = _value(head)
        return None if parsed is None else (-parsed[0], len(text) - len(head) + parsed[1])
    european = _EUROPEAN.match(head)
    if european:  # 1.000.000, 1.111,11: dots group thousands, the comma is the point
        value = arabic(european.group().replace(".", "").replace(",", "."))
        rest = head[european.end() :].strip()
        if rest:  # 1,5 million
            factor = scale(rest)
            if factor is None:
                return None
            value *= factor
            return value, len(text.rstrip())
        return value, len(text) - len(head) + european.end()
    if len(_NOT_DIGIT.sub("", head.split(".")[0])) > MAX_NUMERAL_LENGTH:
        return None  # beyond the documented limit: no figure
    power = _POWER.match(head)
    if power:  # 10^3, 1.1^+23
        powered = power_of(power.group(1), int(power.group(2)))
        if powered is None or power.end() != len(head.rstrip()):
            return None
        return powered * sign, len(text.rstrip())
    m = _DIGITS.match(head)
    if m:
        value = arabic(m.group()) * sign
        rest = head[m.end() :].strip()
        if rest:
            factor = 1
            for word in rest.split():  # 3 hundred thousand: each scale word multiplies
                step = scale(word) or (scale(word[:-1]) if word.lower().endswith("s") else None)
                if step is None:
                    return None
                factor *= step
            value *= factor
        return value, len(text.rstrip())
    words = list(_LETTERS.finditer(text))
    for n in range(len(words), 0, -1):
        end = words[n - 1].end()
        spelled = english(text[:end])
        if spelled is not None:
            return spelled, end
    return None


def _is_year(text: str, value: Decimal) -> bool:
    return bool(_FOUR_DIGITS.fullmatch(text.strip())) and 1000 <= value <= 2100


#: the last character of every hedge, lower case: text before a figure that ends (spaces
#: aside) in an ASCII or caseless character not among them holds no hedge
_HEDGE_ENDS = frozenset(h[-1].lower() for h in _HEDGES)


def _hedge_before(scanner: Scanner, start: int) -> tuple[Hedge, int]:
    last = scanner.masked[max(0, start - 32) : start].rstrip()[-1:]
    if not last or (
        last.lower() not in _HEDGE_ENDS and (last.isascii() or last.lower() == last.upper())
    ):  # one test instead of the pattern's pass over the window (most figures have none)
        return Hedge.EXACT, start
    m = _HEDGE_BEFORE.search(scanner.masked, max(0, start - 32), start)
    if m is None or (m.group("h")[-1].isalpha() and m.end("h") == start):
        return Hedge.EXACT, start
    return _HEDGES[m.group("h").lower()], m.start("h")


def _hedge_after(scanner: Scanner, end: int) -> tuple[Hedge | None, int]:
    m = _HEDGE_AFTER.match(scanner.masked[end : end + 20])
    if m is None:
        return None, end
    kind = m.lastgroup
    hedge = {
        "least": Hedge.AT_LEAST,
        "approx": Hedge.APPROXIMATE,
        "odd": Hedge.BOUNDED_MORE,
        "most": Hedge.AT_MOST,
    }[kind or "least"]
    return hedge, end + m.end()


def _following_words(text: str, end: int, limit: int = 6) -> list[re.Match[str]]:
    """Words right after ``end`` (joined by spaces or one hyphen), up to punctuation."""
    words: list[re.Match[str]] = []
    pos = end
    while len(words) < limit:
        gap = _GAP.match(text, pos)
        at = gap.end() if gap else pos
        m = _WORD.match(text, at)
        if m is None or (at == pos and words):
            break
        words.append(m)
        pos = m.end()
    return words


class _Counted(NamedTuple):
    """The counted noun after a figure (see :func:`_counted`)."""

    unit: str = ""
    text: str = ""
    span: tuple[int, int] | None = None
    kind: str = "count"
    refers_back: bool = False
    proper: bool = False
    #: the noun is a plural the units table does not know (``two events``): it is kept as
    #: written (``text``, ``span``: the claim's ``unit_text``) with no unit key, since no
    #: noun of the other language maps to it; it makes the number after a month name a count
    #: (``In April 7 miners``), while a year-like number stays a year (``in 1990 elections``)
    guessed: bool = False


#: endings of words in -s that are no plural nouns (class, status, analysis, various)
_NOT_PLURAL = ("ss", "us", "is", "ous", "'s", "’s")
#: plurals that are number words or parts (hundreds, thirds) or no counted noun (others, times)
_NUMBER_PLURALS = frozenset(["tens", "dozens", "scores", "hundreds", "thousands", "millions",
                             "billions", "trillions", "lakhs", "crores", "ones", "others",
                             "times", "percents", "thirds", "fourths", "fifths", "halves",
                             "quarters", "sixths", "eighths", "tenths"])  # fmt: skip


def _plural_noun(word: str) -> bool:
    """Whether ``word`` looks like a plural common noun: lower case, in -s, not a stop word,
    verb-like word or number word (``events``, ``villages``; not ``class``, ``thousands``)."""
    low = word.lower()
    return not (
        word != low
        or len(low) < 4
        or not low.isalpha()
        or not low.endswith("s")
        or low.endswith(_NOT_PLURAL)
        or low in STOPWORDS
        or low in _VERBISH
        or low in EN_NUMBER_WORDS
        or low.rstrip("s") in EN_NUMBER_WORDS
        or low in _NUMBER_PLURALS
    )


#: a capitalised label before a number (Table 2 shows, Article 9 states): the word after the
#: number may be a verb in -s, so no plural noun is guessed there
_LABEL_BEFORE = re.compile(r"\b(?P<w>[A-Z][a-z]+)\.?\s+[\d.,]+\s*$")


def _guessed_noun(text: str, words: list[re.Match[str]], i: int, end: int) -> _Counted:
    """A plural noun the table does not know, within the first three words of the phrase
    (``two events``, ``three major floods``), read when nothing else is; none after a label
    (``Table 2 shows``)."""
    before = _LABEL_BEFORE.search(text[max(0, end - 64) : end])
    label = before.group("w").lower() if before is not None else ""
    if label and label not in STOPWORDS and label not in _HEDGES and label not in _MONTHS:
        return _Counted()
    for k in range(i, min(i + 3, len(words))):
        word = words[k].group()
        low = word.lower()
        if _plural_noun(word):
            span = (words[i].start(), words[k].end())
            return _Counted("", text[span[0] : span[1]], span, guessed=True)
        if (
            word != low
            or not low.isalpha()
            or low in STOPWORDS
            or low in _VERBISH
            or (low.endswith("ed") and len(low) > 4)
        ):
            break
    return _Counted()


def _counted(text: str, end: int) -> _Counted:
    """The counted noun after a figure ending at ``end``.

    The noun phrase runs up to a stop word, a verb-like word or punctuation; its head is the
    last word the units table knows, and the phrase ends with the head (``6,836 of the
    migrants possessed...``: migrants).  ``kind`` is the table's (``count`` or ``money``);
    ``refers_back`` says a figure without a noun stands alone as a subject (``two died``,
    ``1,828 retained``); ``proper`` that the head is capitalised (``the 1951 Refugee
    Convention``), which makes a year-like number a year.
    """
    words = _following_words(text, end)
    lowered = [w.group().lower() for w in words]
    i = 0
    partitive = False
    while i < len(words) and lowered[i] in _SKIP:
        i += 1
    if i < len(words) and lowered[i] == "of":
        partitive = True
        i += 1
        while i < len(words) and (lowered[i] in _DETERMINERS or lowered[i] in _SKIP):
            i += 1
    table = unit_table()
    phrase: list[str] = []
    best: tuple[Unit, int] | None = None
    for k in range(i, len(words)):
        low = lowered[k]
        if best is not None and k <= best[1]:  # inside the head just matched (euro cents)
            phrase.append(low)
            continue
        row, n = table.match_words("en", [w.group() for w in words[k:]])
        if best is not None and best[1] < k and (row is None or best[0].kind == "measure"):
            break  # the word after the head; a unit of measure is the head (a 500 kg bomb)
        if low in _TIME_DETERMINERS:
            break  # 2,500 last year, 300 units every month: a time adverbial, not the noun
        if row is None and (
            low in STOPWORDS
            or low in _VERBISH
            or (not partitive and low.endswith("ed") and len(low) > 4 and "-" not in low)
        ):
            break
        phrase.append(low)
        if row is not None:
            best = (row, k + n - 1)
    if best is None:
        guessed = _guessed_noun(text, words, i, end)
        if guessed.guessed:
            return guessed
        after = lowered[0] if words else ""
        refers = not words or after in _VERBISH or (after.endswith("ed") and len(after) > 4)
        if not words and text[end : end + 2].strip()[:1] not in ("", ".", ",", ";", ")", ":"):
            refers = False
        return _Counted(refers_back=refers)
    row, last = best
    span = (words[i].start(), words[last].end())
    head = words[last].group()
    return _Counted(row.unit, text[span[0] : span[1]], span, row.kind, False, head[0].isupper())


_PERIOD_GAP = re.compile(r"\s*(?:[-–—]|(?P<needs>to|through|until|till|and))\s*", re.IGNORECASE)
_COORDINATED = re.compile(r"\s*(?:,\s*)?(?:and|or|&|,)\s*", re.IGNORECASE)
_DURATION_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|\s)", re.IGNORECASE)
_PERIOD_LEAD = re.compile(r"\b(?:from|between)\s+$", re.IGNORECASE)


def _two_digit_year(yy: int) -> int:
    return 2000 + yy if yy < 50 else 1900 + yy


#: two months sharing a year: March and April 2015 (each a month of 2015)
_MONTHS_AND = re.compile(
    rf"\b{_MONTH1}\s+(?:and|or|&)\s+{_MONTH},?\s+(?:of\s+)?{_YEAR}\b(?!\s*[-–/]\s*\d)"
)


def _dates(s: Scanner) -> None:
    for m in s.matches(_MONTHS_AND):
        shared = int(m.group("year"))
        first, second = _MONTHS[m.group("mon1").lower()], _MONTHS[m.group("mon").lower()]
        if first < second:
            s.date(m.start(), m.end("mon1"), shared, first, None)
            s.date(m.start("mon"), m.end(), shared, second, None)
    for pattern in _DATES:
        for m in s.matches(pattern):
            groups = m.groupdict()
            year_text = (
                groups.get("year") or groups.get("year2") or groups.get("yy") or groups.get("yy2")
            )
            year = int(year_text) if year_text else None
            if year is not None and len(year_text or "") == 2:
                year = _two_digit_year(year)
            if groups.get("yw"):
                year = _year_in_words(groups["yw"])
                if year is None or not 1000 <= year <= 2100:
                    continue
            if groups.get("a"):
                a, b = int(groups["a"]), int(groups["b"])
                if year is None:
                    continue
                if a > 12 or b > 12 or a == b:
                    first, second = (a, b) if a > 12 or a == b else (b, a)
                    found = s.date(m.start(), m.end(), year, second, first)
                    if found is not None and a != b:
                        found.date_order = "dm" if a > 12 else "md"
                else:  # 3-7-2017: 3 July or 7 March; both kept as the bounds
                    s.ambiguous_date(m.start(), m.end(), year, (a, b), (b, a))
                continue
            month_text = groups.get("m") or groups.get("m2")
            if (
                groups.get("m")
                and year_text
                and len(month_text or "") == 2
                and int(month_text or 0) > int(year_text[-2:])
                and m.group().count("-") == 1
                and " " not in m.group()
            ):  # 2007-10: a period of years, not October 2007
                continue
            month = int(month_text) if month_text else _MONTHS[groups["mon"].lower()]
            day = (
                int(groups["day"]) if groups.get("day")
                else _day_in_words(groups["dayw"]) if groups.get("dayw")
                else int(english(groups["dayc"]) or 0) if groups.get("dayc") else None
            )  # fmt: skip
            if groups.get("mon") and day is not None and _counts_not_day(s, m):
                continue  # March 5 people: a month, then a count
            if groups.get("day1"):
                s.date_range(m.start(), m.end(), year, month, int(groups["day1"]), month, day)
                continue
            if groups.get("mon1"):
                s.date_range(m.start(), m.end(), year, _MONTHS[groups["mon1"].lower()], None,
                             month, None)  # fmt: skip
                continue
            s.date(m.start(), m.end(), year, month, day)


#: before a month name, words that make the number after it a day: on May 9, the September
#: 11 attacks (a date naming an event), on the
_DAY_PREPOSITION = re.compile(r"\b(?:on|the|on\s+the)\s+$", re.IGNORECASE)


def _counts_not_day(s: Scanner, m: re.Match[str]) -> bool:
    """Whether the number after a month name counts the noun after it (``In March 5 people
    died``, ``in 2015, March 12 ships sank``): the match ends with the number (digits), a
    counted noun follows, and neither ``on`` (the preposition of days) nor ``the`` (``the
    September 11 attacks``: a date naming an event) comes before the month."""
    day = m.groupdict().get("day")
    if not day or m.end("day") != m.end() or not day.isdigit():
        return False
    if _DAY_PREPOSITION.search(s.masked, max(0, m.start("mon") - 8), m.start("mon")):
        return False
    noun = _counted(s.text, m.end())
    return bool(noun.unit) or noun.guessed


def _day_in_words(text: str) -> int:
    """``twenty-first`` = 21, ``third`` = 3, ``thirtieth`` = 30."""
    words = [w for w in re.split(r"[-\s]+", text.lower()) if w]
    tens = {"twenty": 20, "thirty": 30}.get(words[0], 0) if len(words) > 1 else 0
    return tens + EN_ORDINALS[words[-1]]


#: a year before the common era: 221 BC, 44 B.C., 3000 BCE (no year of the common era, no count)
_YEAR_BC = re.compile(r"(?<![\w.,\x00])\d{1,4}\s*(?:BCE|BC|B\.C\.E\.|B\.C\.)(?![A-Za-z])")


def _years_bc(s: Scanner) -> None:
    for m in s.matches(_YEAR_BC):
        s.skip(m.start(), m.end())


#: the common era's mark after a year (100 AD, 79 CE) and before one (AD 79, A.D. 1066)
_AD = r"(?:AD\b|A\.D\.|CE\b|C\.E\.)"
_AD_BEFORE = r"(?:AD|A\.D\.)\s?"
#: a year of the common era marked as such: AD 79, A.D. 1066, 100 AD, 79 CE (the year it names,
#: also under 1000, where a bare number would be a count)
_YEAR_AD = re.compile(
    rf"(?<![\w.]){_AD_BEFORE}(?P<a>[1-9]\d{{0,3}})(?![\w\x00]|[.,]\d)"
    rf"|(?<![\w.,\x00])(?P<b>[1-9]\d{{0,3}})\s?{_AD}(?![A-Za-z])"
)
#: a span of years of the common era: from AD 100 to AD 200, AD 100-200, between 100 and 200 AD
_YEARS_AD = re.compile(
    rf"(?:\b(?:from|between)\s+)?(?<![\w.]){_AD_BEFORE}(?P<a>[1-9]\d{{0,3}})"
    rf"\s*(?:[-–—]|to|and|until|till)\s*(?:{_AD_BEFORE})?(?P<b>[1-9]\d{{0,3}})(?![\w\x00]|[.,]\d)"
    rf"|(?:\b(?:from|between)\s+)?(?<![\w.,\x00])(?P<c>[1-9]\d{{0,3}})\s*(?:[-–—]|to|and|until|till)"
    rf"\s*(?P<d>[1-9]\d{{0,3}})\s?{_AD}(?![A-Za-z])"
)


def _years_ad(s: Scanner) -> None:
    for m in s.matches(_YEARS_AD):
        first, last = Decimal(m.group("a") or m.group("c")), Decimal(m.group("b") or m.group("d"))
        s.range(m.start(), m.end(), first, last, Hedge.EXACT, Kind.YEAR)
    for m in s.matches(_YEAR_AD):
        year = Decimal(m.group("a") or m.group("b"))
        hedge, start = _hedge_before(s, m.start())
        if hedge is not Hedge.APPROXIMATE:
            hedge, start = Hedge.EXACT, m.start()
        s.point(Kind.YEAR, start, m.end(), year, hedge, unit="year", note="AD")


def _decades(s: Scanner) -> None:
    for m in s.matches(_DECADE):
        decade = int(m.group("d")) if m.group("d") else 1900 + int(m.group("dd"))
        part = (m.group("part") or "").lower()
        low, high = decade_part(decade, part)
        qualifier = Qualifier.APPROXIMATE if part else Qualifier.EXACT
        s.add(Found(Kind.DECADE, float(decade), float(low), float(high), qualifier,
                    m.start(), m.end(), unit="year"))  # fmt: skip


def _decade_words(s: Scanner) -> None:
    for m in s.matches(_DECADE_WORDS):
        name = m.group("n").lower()
        century = _CENTURY_WORDS.get((m.group("c") or "").lower())
        if name in ("noughties", "naughties"):
            decade = 2000
        elif century is not None:
            decade = century + _DECADE_NAMES[name]
        elif name != "tens" and m.string[max(0, m.start() - 4) : m.start()].lower() == "the ":
            decade = 1900 + _DECADE_NAMES[name]  # the seventies
        else:
            continue
        part = (m.group("part") or "").lower()
        low, high = decade_part(decade, part)
        qualifier = Qualifier.APPROXIMATE if part else Qualifier.EXACT
        s.add(Found(Kind.DECADE, float(decade), float(low), float(high), qualifier,
                    m.start(), m.end(), unit="year"))  # fmt: skip


_ORDINAL_CENTURY = (
    "twenty-first|twenty first|twentieth|nineteenth|eighteenth|seventeenth|sixteenth"
    "|fifteenth|fourteenth|thirteenth|twelfth|eleventh|tenth|ninth|eighth|seventh|sixth"
    "|fifth|fourth|third|second|first"
)
#: a century: the 20th century, the early nineteenth century (a span of years)
_CENTURY = re.compile(
    r"\b(?:the\s+)?(?:(?P<part>early|mid|middle|late)[-\s]+)?"
    rf"(?:(?P<n>[12]?\d)(?:st|nd|rd|th)|(?P<w>{_ORDINAL_CENTURY}))[-\s]+century\b"
    r"(?!\s*(?:BC|BCE|B\.C\.)(?!\w))",
    re.IGNORECASE,
)


def _centuries(s: Scanner) -> None:
    for m in s.matches(_CENTURY):
        if m.group("n"):
            century = int(m.group("n"))
        else:
            words = re.split(r"[-\s]+", m.group("w").lower())
            century = (20 if len(words) > 1 else 0) + EN_ORDINALS[words[-1]]
        if not 1 <= century <= 22:
            continue
        part = {"middle": "mid"}.get(
            (m.group("part") or "").lower(), (m.group("part") or "").lower()
        )
        low, high = century_years(century, part)
        qualifier = Qualifier.APPROXIMATE if part else Qualifier.EXACT
        start = (
            m.start("part") if m.group("part") else m.start("n") if m.group("n") else m.start("w")
        )
        s.add(Found(Kind.RANGE, None, float(low), float(high), qualifier, start, m.end(),
                    unit="year", note="century"))  # fmt: skip


#: part of a month: early March 2015 (1-10), mid-March 2015 (11-20), late March 2015 (21 to the
#: end), the beginning / middle / end of March 2015: approximate, as 3月初, 3月中, 3月底
_MONTH_PART = re.compile(
    rf"\b(?:(?P<part>early|mid|late)[-\s]+|(?:the\s+)?(?P<part2>beginning|start|middle|end)\s+of"
    rf"\s+){_MONTH},?\s+(?:of\s+)?{_YEAR}\b",
    re.IGNORECASE,
)
_MONTH_PART_DAYS = {"early": (1, 10), "beginning": (1, 10), "start": (1, 10), "mid": (11, 20),
                    "middle": (11, 20), "late": (21, 31), "end": (21, 31)}  # fmt: skip


#: a season or fiscal year written with a slash: the 2009/10 season (not October 2009)
_SEASON = re.compile(
    r"(?<![\w.,/\x00-])(?P<a>(?:1[5-9]|20)\d\d)/(?P<yy>\d\d)(?=\s+(?:season|campaign|fiscal"
    r"|financial|academic|school|budget|tax|crop|marketing)\b)",
    re.IGNORECASE,
)


def _seasons(s: Scanner) -> None:
    for m in s.matches(_SEASON):
        first = int(m.group("a"))
        last = first // 100 * 100 + int(m.group("yy"))
        last += 100 if last < first else 0
        if last == first + 1:
            s.range(m.start(), m.end(), Decimal(first), Decimal(last), Hedge.EXACT, Kind.YEAR)


def _month_parts(s: Scanner) -> None:
    import calendar

    for m in s.matches(_MONTH_PART):
        year, month = int(m.group("year")), _MONTHS[m.group("mon").lower()]
        first, last = _MONTH_PART_DAYS[(m.group("part") or m.group("part2")).lower()]
        last = min(last, calendar.monthrange(year, month)[1])
        s.add(Found(Kind.RANGE, None, date_value(year, month, first),
                    date_value(year, month, last), Qualifier.APPROXIMATE, m.start(), m.end(),
                    unit="date"))  # fmt: skip


def _year_parts(s: Scanner) -> None:
    for m in s.matches(_YEAR_PART2):
        if m.group("part"):
            key, year, start = m.group("part").lower(), int(m.group("year")), m.start()
        elif m.group("nth"):
            unit = m.group("unit").lower()
            nth = m.group("nth").lower()
            count = 4 if unit == "quarter" else 2
            n = count if nth == "last" else _NTH[nth]
            if n > count:
                continue
            key, year, start = (
                f"{'q' if unit == 'quarter' else 'h'}{n}",
                int(m.group("year2")),
                m.start(),
            )
        else:
            key, year, start = m.group("q").lower(), int(m.group("year3")), m.start()
            if key in ("h3", "h4"):
                continue
        first, last = _PART_MONTHS[key]
        qualifier = Qualifier.APPROXIMATE if m.group("part") else Qualifier.EXACT
        s.add(Found(Kind.RANGE, None, date_value(year, first, 1), month_interval(year, last)[2],
                    qualifier, start, m.end(), unit="date"))  # fmt: skip
    for m in s.matches(_YEAR_PART):
        year = int(m.group("year"))
        first, last = _PART_MONTHS[m.group("part").split()[0].lower()]
        low = date_value(year, first, 1)
        high = month_interval(year, last)[2]
        s.add(Found(Kind.RANGE, None, low, high, Qualifier.APPROXIMATE, m.start("part"), m.end(),
                    unit="date"))  # fmt: skip


def _year_in_words(text: str) -> int | None:
    """``nineteen twenty eight`` = 1928, ``twenty ten`` = 2010, ``nineteen oh five`` = 1905,
    ``eighteen hundred`` = 1800; else a cardinal in words (``one thousand seven hundred and
    eighty nine``)."""
    words = [w for w in re.split(r"[-\s]+", text.lower()) if w]
    if len(words) >= 2 and words[0] in _TEEN_CENTURIES:
        rest = words[1:]
        if rest == ["hundred"]:
            return _TEEN_CENTURIES[words[0]] * 100
        tail = english(rest[1] if rest[0] == "oh" and len(rest) == 2 else " ".join(rest))
        if tail is not None and 0 < tail < 100:
            return _TEEN_CENTURIES[words[0]] * 100 + int(tail)
    value = english(text)
    return int(value) if value is not None and value == int(value) else None


_TEEN_CENTURIES = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                   "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
                   "twenty": 20}  # fmt: skip


def _word_years(s: Scanner) -> None:
    """Years in words after ``in`` / ``year`` / ``since`` / ``of``: ``in nineteen twenty eight``,
    ``June of nineteen ninety nine``, ``Year two hundred and sixty seven``."""
    for m in s.matches(_YEAR_WORDS):
        year = _year_in_words(m.group("y"))
        if year is None:
            continue
        lead = m.group("lead").lower()
        pair = not english(m.group("y"))  # nineteen twenty eight is no cardinal
        if not pair and not (lead == "year" or (1000 <= year <= 2100 and lead == "in")):
            continue
        following = _following_words(s.text, m.end(), 1)
        if not pair and following and following[0].group().lower() not in STOPWORDS:
            continue  # in two thousand homes: a count
        start = m.start("y") if lead != "year" else m.start()
        month = _MONTH_BEFORE.search(s.masked, max(0, m.start() - 16), m.start())
        if month is not None and lead == "of":
            s.date(month.start(), m.end(), year, _MONTHS[month.group("mon").lower()], None)
            continue
        if lead == "of":
            continue
        s.point(Kind.YEAR, start, m.end(), Decimal(year), Hedge.EXACT, unit="year")


_MONTH_BEFORE = re.compile(rf"\b{_MONTH}\s+$")


#: an earthquake's magnitude: magnitude 6.9, a 6.9-magnitude quake, Mw 6.9, Ms 7.1, M6.9,
#: 6.9 on the Richter scale (a scale: its name is part of the unit)
_MAGNITUDE = re.compile(
    r"\b(?:(?P<scale>Mw|MW|Ms|MS|ML|mb|Mb|M)\s?(?P<n>\d(?:\.\d+)?)\b(?![-.]?\d)"
    r"|(?:(?P<moment>moment|surface[-\s]wave|local|Richter)\s+)?magnitude(?:\s+of)?\s+(?P<n2>\d(?:\.\d+)?)\b"
    r"|(?P<n3>\d(?:\.\d+)?)[-\s]magnitude\b"
    r"|(?P<n4>\d(?:\.\d+)?)\s+(?:on\s+the\s+)?Richter(?:\s+(?:magnitude\s+)?scale)?)",
)
_MAGNITUDE_SCALES = {"mw": "magnitude-Mw", "ms": "magnitude-Ms", "ml": "magnitude-ML",
                     "mb": "magnitude-mb", "m": "magnitude", "moment": "magnitude-Mw",
                     "surface-wave": "magnitude-Ms", "surface wave": "magnitude-Ms",
                     "local": "magnitude-ML", "richter": "magnitude-ML"}  # fmt: skip


def _magnitudes(s: Scanner) -> None:
    for m in s.matches(_MAGNITUDE):
        number = m.group("n") or m.group("n2") or m.group("n3") or m.group("n4")
        value = Decimal(number)
        if not 0 < value < 11:
            continue
        name = m.group("scale") or m.group("moment") or ("richter" if m.group("n4") else "m")
        unit = _MAGNITUDE_SCALES.get(name.lower(), "magnitude")
        hedge, start = _hedge_before(s, m.start())
        s.point(Kind.COUNT, start, m.end(), value, hedge, unit=unit, unit_span=None)


def _percent_ranges(s: Scanner) -> None:
    for m in s.matches(_PERCENT_RANGE):
        sep = m.group("sep").strip().lower()
        if sep == "and" and (m.group("lead") or "").lower() != "between":
            continue
        low, high = _endpoint(m.group("a")), _endpoint(m.group("b"))
        if low is None or high is None or not low < high:
            continue
        hedge, start = _hedge_before(s, m.start())
        qualifier, lo, hi = widen(low, high, hedge if hedge is Hedge.APPROXIMATE else Hedge.EXACT)
        points = m.group("points1") or m.group("points2")
        s.add(Found(Kind.PERCENT, None, lo, hi, qualifier, start, m.end(),
                    unit="percentage-point" if points else "percent"))  # fmt: skip


def _percent_of_fraction(s: Scanner, start: int, end: int, value: Decimal, hedge: Hedge) -> bool:
    """A fraction or mixed number in words followed by a percent word is a percentage
    (``five and a half percent`` = 5.5 %, ``a quarter of a percent`` = 0.25 %); whether it
    was one (and added)."""
    after = _PERCENT_AFTER.match(s.masked, end)
    if after is None:
        return False
    unit = "percentage-point" if after.group("points") else "percent"
    s.point(Kind.PERCENT, start, after.end(), value, hedge, unit=unit)
    return True


def _vague_percents(s: Scanner) -> None:
    """``a few percent``, ``several percentage points``, ``tens of percent``: no value, the
    interval of the vague word (as ``a few hundred``, ``several months``)."""
    for m in s.matches(_VAGUE_PERCENT):
        if m.group("tens"):
            low, high = 20, 99
        elif m.group("small"):
            if m.group("points"):
                continue  # a small percentage-point rise: no share
            low, high = 0, 50  # a small percentage: under half, nothing more is said
        else:
            low, high = _FEW[re.sub(r"\s+", " ", m.group("few").lower())]
            if m.group("hundred"):
                low, high = low * 100, high * 100
        unit = "percentage-point" if m.group("points") else "percent"
        s.add(Found(Kind.PERCENT, None, float(low), float(high), Qualifier.APPROXIMATE,
                    m.start(), m.end(), unit=unit))  # fmt: skip


def _percents(s: Scanner) -> None:
    for m in s.matches(_PERCENT):
        number = m.group("n") or m.group("of")
        parsed = _value(number)
        if parsed is None or parsed[1] != len(number.rstrip()):
            continue
        hedge, start = _hedge_before(s, m.start())
        unit = "percentage-point" if m.group("points") else "percent"
        s.point(Kind.PERCENT, start, m.end(), parsed[0], hedge, unit=unit)


def _fractions(s: Scanner) -> None:
    """Fractions are numbers (``two thirds`` = 0.6667, ``1/2`` = 0.5); unit ``fraction``."""
    for m in s.matches(_VULGAR_RE):
        num, den = _VULGAR[m.group("v")]
        frac = Decimal(num) / den + (Decimal(m.group("w")) if m.group("w") else 0)
        hedge, start = _hedge_before(s, m.start())
        s.point(Kind.COUNT, start, m.end(), frac, hedge, unit="fraction")
    for m in s.matches(_DIGIT_FRACTION):
        if m.group("aw"):
            bd = m.group("bd")
            a = english(m.group("aw")) or Decimal(0)
            b = Decimal(bd) if bd.isdigit() else english(bd) or Decimal(0)
        else:
            a, b = Decimal(m.group("a")), Decimal(m.group("b"))
        if not b:
            continue
        if re.search(r"\s(?:in)\s", m.group(), re.IGNORECASE) and not (0 < a < b < 1000):
            continue  # 2 in 5 is a proportion; 8 in 5, 3000 in 2009 are not
        value = a / b + (Decimal(m.group("w")) if m.group("w") else 0)
        hedge, start = _hedge_before(s, m.start())
        after, end = _hedge_after(s, m.end())
        if m.group("w"):  # 3 1/2 miles: a mixed number counts what follows it, as 3 and a half
            noun = _counted(s.text, end)
            s.point(Kind.COUNT, start, end, value, after or hedge, unit=noun.unit,
                    unit_span=noun.span)  # fmt: skip
            continue
        s.point(Kind.COUNT, start, end, value, after or hedge, unit="fraction")
    for m in s.matches(_FRACTION):
        first = (
            m.start("dw") if m.group("dw") else m.end("minus") if m.group("minus") else m.start()
        )
        last = (
            m.start("scale")
            if m.group("scale")
            else m.start("scale2")
            if m.group("scale2")
            else m.end()
        )
        words = s.text[first:last].strip()
        if _SECOND.search(words):
            continue  # a second shock, two seconds: an ordinal or a duration, no half
        if m.group("scale"):
            words = words.rsplit(" of ", 1)[0]
        if m.group("dw"):  # 3 million and a quarter
            rest = _fraction_words(words[m.end("dscale") - first :].strip()[3:].strip())
            factor = Decimal(scale(m.group("dscale")) or 1)
            total = None if rest is None else (Decimal(m.group("dw")) + rest) * factor
        else:
            total = _fraction_words(words)
        if total is None:
            continue
        unit = "fraction"
        if total >= 1 and re.search(r"\band\b", words, re.IGNORECASE):
            unit = _counted(s.text, m.end()).unit  # two and a half years: a mixed number
        if m.group("scale") or m.group("scale2"):  # two thirds of a million, two and a half million
            total *= scale(m.group("scale") or m.group("scale2")) or 12
            unit = _counted(s.text, m.end()).unit
        elif m.group("dw"):
            unit = _counted(s.text, m.end()).unit
        if m.group("minus"):
            total = -total
        hedge, start = _hedge_before(s, m.start())
        if m.group("scale") or m.group("scale2") or m.group("dw"):
            pass
        elif _percent_of_fraction(s, start, m.end(), total, hedge):
            continue
        s.point(Kind.COUNT, start, m.end(), total, hedge, unit=unit)
    for m in s.matches(_DIGIT_MIXED):
        whole = Decimal(m.group("w"))
        part = _fraction_words(m.group("f"))
        if part is None or not 0 < part < 1:
            continue
        hedge, start = _hedge_before(s, m.start())
        if _percent_of_fraction(s, start, m.end(), whole + part, hedge):
            continue
        noun = _counted(s.text, m.end())
        s.point(Kind.COUNT, start, m.end(), whole + part, hedge, unit=noun.unit,
                unit_span=noun.span)  # fmt: skip
    for m in s.matches(_HALF):
        hedge, start = _hedge_before(s, m.start())
        if _percent_of_fraction(s, start, m.end(), Decimal("0.5"), hedge):
            continue
        if m.group("scale"):
            value = Decimal(scale(m.group("scale")) or 1) / 2
            s.point(Kind.COUNT, start, m.end(), value, hedge, unit=_counted(s.text, m.end()).unit)
        else:
            s.point(Kind.COUNT, start, m.end(), Decimal("0.5"), hedge, unit="fraction")


def _money(s: Scanner) -> None:
    for m in s.matches(_MONEY_SIGN):
        parsed = _value(m.group("n"))
        if parsed is None:
            continue
        hedge, start = _hedge_before(s, m.start())
        currency = _CURRENCY[m.group("cur").upper()]
        s.point(Kind.MONEY, start, m.end(), parsed[0], hedge, unit=currency,
                unit_span=m.span("cur"))  # fmt: skip


def _endpoint(text: str) -> Decimal | None:
    parsed = _value(text)
    if parsed is None or parsed[1] != len(text.rstrip()):
        return None
    return parsed[0]


def _bounds(s: Scanner) -> None:
    """Two bounds on one figure make one range with open or closed ends (``greater than 100
    and smaller than 300``); contradictory bounds stay two one-sided figures."""
    for m in s.matches(_TWO_BOUNDS):
        a, b = _endpoint(m.group("a")), _endpoint(m.group("b"))
        if a is None or b is None:
            continue
        h1, h2 = _HEDGES[m.group("h1").lower()], _HEDGES[m.group("h2").lower()]
        _, lo1, hi1 = interval(a, h1)
        _, lo2, hi2 = interval(b, h2)
        if (lo1 is None) == (lo2 is None):
            continue
        low = lo1 if lo1 is not None else lo2
        high = hi1 if hi1 is not None else hi2
        if low is None or high is None or not low < high:
            continue
        noun = _counted(s.text, m.end())
        s.add(Found(Kind.RANGE, None, low, high, Qualifier.EXACT, m.start("h1"), m.end(),
                    unit=noun.unit, unit_span=noun.span))  # fmt: skip


_SCALE_TAIL = re.compile(r"(?:\s*|-)(?P<s>hundred|thousand|million|billion|trillion)\s*$", re.I)


def _shared_scale(a_text: str, b_text: str, low: Decimal, high: Decimal) -> Decimal:
    """The lower end of ``1 to 3 million``, ``between ten and twenty thousand`` takes the scale
    word of the upper end when it has none of its own and is below the upper end's number."""
    tail = _SCALE_TAIL.search(b_text)
    if tail is None or _SCALE_TAIL.search(a_text) or re.search(r"[mkbg]n?\b", a_text.strip()[-2:]):
        return low
    factor = scale(tail.group("s")) or 1
    if low * factor <= high and low < high / factor:
        return low * factor
    return low


def _ranges(s: Scanner) -> None:
    for pattern in _RANGES:
        for m in s.matches(pattern):
            groups = m.groupdict()
            low = _endpoint(groups["a"])
            if groups.get("yy"):
                high = None if low is None else Decimal(int(low) // 100 * 100 + int(groups["yy"]))
                if high is not None and low is not None and high < low:
                    high += 100  # 1999-00: the next century
                if groups.get("sep") == "/" and (low is None or high != low + 1):
                    continue  # 2015/16 is a season of two years; other slashes are not ranges
                b_text = groups["a"]
            else:
                high = _endpoint(groups["b"])
                b_text = groups["b"]
            if low is None or high is None:
                continue
            if groups["a"].strip().lower() in ("a", "an"):
                continue
            low = _shared_scale(groups["a"], b_text, low, high)
            unsigned = re.sub(r"^(?:minus|negative)\s+", "", m.group(), flags=re.IGNORECASE)
            if not groups.get("yy") and not re.search(r"\d", m.group()) and english(unsigned):
                continue  # twenty-one trillion: one number, not a range
            noun = _counted(s.text, m.end())
            years = (_is_year(groups["a"], low) and _is_year(b_text, high)) or bool(
                groups.get("yy")
            )
            hedge, start = _hedge_before(s, m.start())
            if hedge not in (Hedge.EXACT, Hedge.APPROXIMATE):
                hedge, start = Hedge.EXACT, m.start()
            if years and (not noun.unit or noun.proper):
                s.range(start, m.end(), low, high, hedge, Kind.YEAR)
            else:
                s.range(start, m.end(), low, high, hedge, Kind.COUNT, unit=noun.unit,
                        unit_span=noun.span)  # fmt: skip


def _vague(s: Scanner) -> None:
    """``thousands of``, ``tens of thousands``, ``several hundred``: no point value, an
    interval from twice (or three times) the base to ten (or nine) times it."""
    for m in s.matches(_VAGUE):
        if m.group("tens"):
            base = (10 if m.group("tens").lower() == "tens" else 100) * (scale(
                m.group("big").lower().rstrip("s")) or 1)  # fmt: skip
            low, high = 2 * base, 10 * base - 1
        elif m.group("plural"):
            word = m.group("plural").lower().rstrip("s")
            base = 12 if word == "dozen" else scale(word) or 1
            low, high = 2 * base, 10 * base - 1
        else:
            base = 12 if m.group("s1").lower() == "dozen" else scale(m.group("s1")) or 1
            if m.group("s2"):
                base *= scale(m.group("s2")) or 1
            several = m.group("few").lower() == "several"
            low, high = (3 * base, 9 * base) if several else (2 * base, 5 * base)
        noun = _counted(s.text, m.end())
        s.add(Found(Kind.COUNT, None, float(low), float(high), Qualifier.APPROXIMATE, m.start(),
                    m.end(), unit=noun.unit, unit_span=noun.span))  # fmt: skip


_SCALE_END = re.compile(r"(?:hundred|thousand|million|billion|trillion)$", re.IGNORECASE)
_CONTINUED = re.compile(r"(?P<and>\s+and\s+|\s+)(?=[\dA-Za-z])")


def _continued(s: Scanner, written: str, value: Decimal, end: int) -> tuple[Decimal, int]:
    """A figure led by digits and a scale word goes on with smaller parts (``3 hundred and
    one`` = 301, ``1 million 200 thousand``, ``3 thousand 2 hundred``): each part below the
    scale before it, in digits with a scale word, in words, or in digits after ``and``."""
    while True:
        last = _SCALE_END.search(written.rstrip())
        if last is None or not re.search(r"\d", written):
            return value, end
        factor = scale(last.group()) or 1
        gap = _CONTINUED.match(s.masked, end)
        if gap is None:
            return value, end
        part = _NUMBER.match(s.masked, gap.end())
        parsed = _value(part.group()) if part is not None else None
        if part is None or parsed is None:
            return value, end
        more, length = parsed
        text = part.group()[:length]
        bigger = re.match(r"\s+(thousand|million|billion)\b", s.masked[gap.end() + length :])
        if bigger is not None and re.search(r"\d", text):  # 2 million 3 hundred thousand
            by = scale(bigger.group(1)) or 1
            if more * by < factor:
                more, length = more * by, length + bigger.end()
                text = s.masked[gap.end() : gap.end() + length]
        by_itself = re.fullmatch(r"\d+", text.strip()) is not None
        if not 0 < more < factor or more != more.to_integral_value() or (
            by_itself and not gap.group("and").strip()
        ):  # fmt: skip
            return value, end
        value, end, written = value + more, gap.end() + length, text


_TIME_UNIT = r"(?=(?:years?|months?|weeks?|days?|hours?|decades?|minutes?)\b)"
#: durations without a number: several months, a few weeks, a couple of days; and one unit
#: with an article when a bound or "later"/"ago" makes it a figure (about a month later)
_VAGUE_DURATION = re.compile(
    rf"\b(?P<few>several|a\s+few|a\s+couple\s+of|a\s+number\s+of)\s+{_TIME_UNIT}"
    rf"|\b(?P<one>an?)\s+(?=(?:year|month|week|day|decade|hour)\b)",
    re.IGNORECASE,
)
_LATER = re.compile(r"\s+(?:later|earlier|ago|afterwards|before|after)\b", re.IGNORECASE)
_FEW = {"several": (3, 9), "a few": (2, 5), "a couple of": (2, 3), "a number of": (2, 9)}


def _vague_durations(s: Scanner) -> None:
    for m in s.matches(_VAGUE_DURATION):
        noun = _counted(s.text, m.end())
        if not noun.unit or noun.span is None:
            continue
        if m.group("few"):
            low, high = _FEW[re.sub(r"\s+", " ", m.group("few").lower())]
            s.add(Found(Kind.COUNT, None, float(low), float(high), Qualifier.APPROXIMATE,
                        m.start(), m.end("few"), unit=noun.unit, unit_span=noun.span))  # fmt: skip
            continue
        hedge, start = _hedge_before(s, m.start())
        if hedge is Hedge.EXACT and not _LATER.match(s.text, noun.span[1]):
            continue  # a year, once a month: no figure
        s.point(
            Kind.COUNT, start, m.end("one"), Decimal(1), hedge, unit=noun.unit, unit_span=noun.span
        )


def _numbers(s: Scanner) -> None:
    for m in s.matches(_NUMBER):
        parsed = _value(m.group())
        if parsed is None:
            continue
        value, length = parsed
        end = m.start() + length
        written = m.group()[:length]
        value, end = _continued(s, written, value, end)
        if written.strip().lower() in ("one", "a", "an", "one and"):
            continue
        hedge, start = _hedge_before(s, m.start())
        after, hedge_end = _hedge_after(s, end)
        if after is not None and (
            hedge is Hedge.EXACT
            or (hedge is Hedge.APPROXIMATE and after in (Hedge.AT_LEAST, Hedge.AT_MOST))
        ):
            hedge = after
        noun = _counted(s.text, hedge_end)
        anaphor = bool(_ANAPHOR_BEFORE.search(s.masked, max(0, start - 20), start))
        bracketed = s.text[m.start() - 1 : m.start()] == "("
        calendar = noun.unit == "years" and noun.text.lower().endswith("year")
        if (
            _is_year(written, value) and (not noun.unit or noun.proper or calendar) and not anaphor
        ):  # the 2015 fiscal year: a calendar year (2015 years would be a duration)
            if hedge is not Hedge.APPROXIMATE:
                hedge, start = Hedge.EXACT, m.start()
            s.point(Kind.YEAR, start, end, value, hedge, unit="year")
            continue
        kind = Kind.MONEY if noun.kind == "money" else Kind.COUNT
        s.point(kind, start, hedge_end, value, hedge, unit=noun.unit, unit_span=noun.span,
                anaphoric=anaphor or (noun.refers_back and not bracketed))  # fmt: skip


def extract(text: str, excluded: list[Excluded] | None = None) -> list[Found]:
    """Figures of an English text, in text order (spans in ``text``)."""
    from .exclusions import find

    s = Scanner(text, find(text, "en") if excluded is None else excluded)
    for stage in (
        _years_bc,
        _years_ad,
        _seasons,
        _month_parts,
        _dates,
        _decades,
        _decade_words,
        _centuries,
        _year_parts,
        _word_years,
        _magnitudes,
        _vague_percents,
        _percent_ranges,
        _percents,
        _money,
        _bounds,
        _ranges,
        _fractions,
        _vague,
        _vague_durations,
        _numbers,
    ):
        stage(s)
    s.resolve_date_order()
    s.merge_periods(_PERIOD_GAP, _PERIOD_LEAD)
    s.merge_durations(_DURATION_GAP)
    s.resolve_dates(_COORDINATED)
    s.resolve_anaphora()
    return sorted(s.found, key=lambda f: f.start)
