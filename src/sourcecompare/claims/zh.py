"""Chinese figures: digits (with separators), Chinese numerals (read with cn2an), 万/亿 scaling,
classifiers, approximations and bounds, ranges, dates and decades.

Runs on the normalised text (simplified, half-width: see :mod:`sourcecompare.script`); the
character classes also accept the traditional forms, so a bare traditional string works too.
Stages, each claiming its characters: dates, decades, ranges, percentages, money signs, years,
vague numbers (几十, 上万), then counts.

A Chinese numeral is a figure only with a classifier or noun after it (``十七名``, ``两人``), a
bound (``近五万``) or a scale of a hundred or more (``三千``): numerals live inside many words
(``一些``, ``统一``, ``十分``).  ``一`` alone is an article.  Digits are always figures; a bare
number without a classifier refers back to the last count (``其中1828保留了日本国籍``).

>>> [(f.kind.value, f.low, f.high, f.unit) for f in extract("人数大约为70人左右")]
[('count', 65.0, 75.0, 'person')]
>>> [(f.kind.value, f.low, f.high, f.unit) for f in extract("七十余人，1977年到1988年间")]
[('count', 71.0, None, 'person'), ('range', 1977.0, 1988.0, 'year')]
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from .exclusions import Excluded
from .numerals import CN_NUMERAL_CHARS, MAX_NUMERAL_LENGTH, arabic, chinese, power_of
from .quantities import (
    Hedge,
    Kind,
    Qualifier,
    century_years,
    date_value,
    decade_part,
    interval,
    month_interval,
    valid_date,
    widen,
)
from .scanner import Found, Scanner
from .units import Unit
from .units import table as unit_table

__all__ = ["extract"]

_C = f"[{CN_NUMERAL_CHARS}]"
_CN = CN_NUMERAL_CHARS
_SP = r"[ \t\u3000]{0,4}"
_D = r"\d+(?:,\d{3})*(?:\.\d+)?"
#: a numeral: digits and Chinese numeral characters, mixed (``3.5万``, ``2千零30万``), spaced
#: (``一百 五 十 二``, ``7万 5千``), with a decimal point (``三点五``, ``.5``), 多/余/几 before a
#: unit (``一千多万``, ``十 余 万``) and a sign (``负``, ``-``)
_NUMERAL = (
    rf"(?:(?:(?<![\dA-Za-z)\x00])-|负|負|−){_SP})?"
    rf"(?:(?<![\d.A-Za-z\x00])(?<!\d,)(?:\d+(?:\.\d+)?\^[-+]?\d{{1,3}}(?![\d.])|{_D}|\.\d+)"
    rf"(?:[kK](?![A-Za-z]))?(?![\d])"
    rf"|(?<![{_CN}]){_C})"
    rf"(?:{_SP}(?:{_C}|[点點]{_SP}(?=[\d{_CN}])|[多余餘几幾](?={_SP}[万萬亿億兆千百十]))"
    rf"|(?<=[{_CN}点點]){_SP}\d+(?:\.\d+)?(?!\d)){{0,40}}"
)
_ARABIC = rf"(?<![\d.A-Za-z\x00])(?<!\d,)(?:(?:(?<![\w)\x00])-|负|負)?{_D})(?![\d])"
_NUM = rf"(?:{_NUMERAL})"
_TO = r"\s*(?:到|至|—|–|-|~|～|－)\s*"

_HEDGES = {
    "约": Hedge.APPROXIMATE, "約": Hedge.APPROXIMATE, "大约": Hedge.APPROXIMATE,
    "大約": Hedge.APPROXIMATE, "大概": Hedge.APPROXIMATE, "大致": Hedge.APPROXIMATE,
    "约莫": Hedge.APPROXIMATE, "估计": Hedge.APPROXIMATE, "估計": Hedge.APPROXIMATE,
    "近": Hedge.NEARLY, "将近": Hedge.NEARLY, "將近": Hedge.NEARLY, "接近": Hedge.NEARLY,
    "几近": Hedge.NEARLY, "幾近": Hedge.NEARLY, "差不多": Hedge.NEARLY,
    "逾": Hedge.MORE_THAN, "超过": Hedge.MORE_THAN, "超過": Hedge.MORE_THAN,
    "超出": Hedge.MORE_THAN, "多于": Hedge.MORE_THAN, "多於": Hedge.MORE_THAN,
    "高于": Hedge.MORE_THAN, "高於": Hedge.MORE_THAN,
    "至少": Hedge.AT_LEAST, "最少": Hedge.AT_LEAST, "不少于": Hedge.AT_LEAST,
    "不少於": Hedge.AT_LEAST, "不下": Hedge.AT_LEAST, "起码": Hedge.AT_LEAST,
    "起碼": Hedge.AT_LEAST,
    "不足": Hedge.FEWER_THAN, "不到": Hedge.FEWER_THAN, "少于": Hedge.FEWER_THAN,
    "少於": Hedge.FEWER_THAN, "未满": Hedge.FEWER_THAN, "未滿": Hedge.FEWER_THAN,
    "不满": Hedge.FEWER_THAN, "不滿": Hedge.FEWER_THAN, "低于": Hedge.FEWER_THAN,
    "低於": Hedge.FEWER_THAN,
    "最多": Hedge.AT_MOST, "至多": Hedge.AT_MOST, "不超过": Hedge.AT_MOST,
    "不超過": Hedge.AT_MOST, "不多于": Hedge.AT_MOST, "不多於": Hedge.AT_MOST,
    "顶多": Hedge.AT_MOST, "頂多": Hedge.AT_MOST, "多达": Hedge.AT_MOST, "多達": Hedge.AT_MOST,
    "高达": Hedge.AT_MOST, "高達": Hedge.AT_MOST,
    "大于": Hedge.MORE_THAN, "大於": Hedge.MORE_THAN, "小于": Hedge.FEWER_THAN,
    "小於": Hedge.FEWER_THAN, "不低于": Hedge.AT_LEAST, "不低於": Hedge.AT_LEAST,
    "不小于": Hedge.AT_LEAST, "不小於": Hedge.AT_LEAST, "不高于": Hedge.AT_MOST,
    "不高於": Hedge.AT_MOST, "不大于": Hedge.AT_MOST, "不大於": Hedge.AT_MOST,
    **{f"{a}{o}{b}": h for a, b, h in (("大于", "等于", Hedge.AT_LEAST),
                                       ("大於", "等於", Hedge.AT_LEAST),
                                       ("小于", "等于", Hedge.AT_MOST),
                                       ("小於", "等於", Hedge.AT_MOST),
                                       ("高于", "等于", Hedge.AT_LEAST),
                                       ("低于", "等于", Hedge.AT_MOST))
       for o in ("", "或", "或者")},
}  # fmt: skip
_HEDGE_BEFORE = re.compile(
    r"(?P<h>"
    + "|".join(re.escape(h) for h in sorted(_HEDGES, key=len, reverse=True))
    + r")(?:为|為|有|是|达|達|了|在)?\s*$"
)
_HEDGE_AFTER = {
    "左右": Hedge.APPROXIMATE, "上下": Hedge.APPROXIMATE, "许": Hedge.APPROXIMATE,
    "許": Hedge.APPROXIMATE, "前后": Hedge.APPROXIMATE, "前後": Hedge.APPROXIMATE,
    "以上": Hedge.AT_LEAST, "有余": Hedge.MORE_THAN, "有餘": Hedge.MORE_THAN,
    "以下": Hedge.AT_MOST, "以内": Hedge.AT_MOST, "以內": Hedge.AT_MOST,
    "之上": Hedge.MORE_THAN, "之下": Hedge.FEWER_THAN, "或者更多": Hedge.AT_LEAST,
    "或更多": Hedge.AT_LEAST, "或以上": Hedge.AT_LEAST, "或以下": Hedge.AT_MOST,
    "或者更少": Hedge.AT_MOST, "或更少": Hedge.AT_MOST,
}  # fmt: skip
_HEDGE_AFTER_WORDS = tuple(_HEDGE_AFTER)
#: two bounds on one figure: 大于二十小于等于三十五, 位于20和30之间, 10000与20000间
_COMPARATOR = "|".join(
    sorted((re.escape(h) for h, v in _HEDGES.items()
            if v in (Hedge.MORE_THAN, Hedge.AT_LEAST, Hedge.AT_MOST, Hedge.FEWER_THAN)),
           key=len, reverse=True)
)  # fmt: skip
_TWO_BOUNDS = re.compile(
    rf"(?P<h1>{_COMPARATOR}){_SP}(?P<a>{_NUM})"
    rf"(?:的同时|的同時|并且|並且|而且|并|並|且|而|同时|同時|,|，|、)?{_SP}"
    rf"(?P<h2>{_COMPARATOR}){_SP}(?P<b>{_NUM})"
)
_BETWEEN = re.compile(
    rf"(?:(?P<pre>位于|位於|介于|介於|在){_SP})?(?P<a>{_NUM}){_SP}(?:和|与|與|到|至|跟|及){_SP}"
    rf"(?P<b>{_NUM}){_SP}(?:之间|之間|间|間)"
)
_THAN_ONE = rf"比{_SP}(?P<n@>{_NUM}(?:{_SP}分{_SP}之{_SP}{_NUM})?){_SP}(?P<w@>大|多|高|小|少|低)"
#: 比三十大 (more than 30); 比四分之一大，比二分之一小 (between a quarter and a half, open)
_THAN = re.compile(
    _THAN_ONE.replace("@", "1")
    + rf"(?:{_SP}(?:[,，、]|并且|並且|且|而且?|但){_SP}{_THAN_ONE.replace('@', '2')})?"
)
_ODD = "多余餘几幾"
_GENERIC = "个個"

_RELATIVE_YEAR = re.compile(
    r"(?P<same>同年|当年|當年|该年|該年|是年|本年)\s*$|(?P<next>次年|翌年|隔年|第二年|后一年|後一年)"
    r"\s*$|(?P<prev>前一年|上一年)\s*$"
)
_CN_YEAR = (
    r"(?:\d{4}|[零〇一二三四五六七八九]{4}|[一二两][千](?:零?[一二三四五六七八九]?[百])?"
    r"(?:零?[一二三四五六七八九]?十)?零?[一二三四五六七八九]?"
    r"|[零〇一二三四五六七八九]{3}(?=\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月)"
    r"|(?<![\d])0\d(?=\s*年)|(?<![\d])\d{2}(?=\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月)"
    r"|(?<![零〇一二三四五六七八九十百千万萬])[零〇一二三四五六七八九]{2}(?=\s*年(?![代级級]))"
    r")"
)


@lru_cache(maxsize=1)
def _eras() -> dict[str, int]:
    """Era name -> the calendar year of its first year (``data/eras.tsv``)."""
    source = resources.files("sourcecompare") / "data" / "eras.tsv"
    eras: dict[str, int] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, first = line.split("\t")[:2]
            eras[name] = int(first)
    return eras


_ERA_NAMES = (
    "民国|民國|明治|大正|昭和|平成|令和|顺治|順治|康熙|雍正|乾隆|嘉庆|嘉慶|道光|咸丰|咸豐|同治"
    "|光绪|光緒|宣统|宣統|贞观|貞觀|神龙|神龍|洪武|永乐|永樂"
)
_ERA_YEAR = rf"(?P<era>{_ERA_NAMES})\s*(?P<ey>元|{_NUM})"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = (
    r"(?:3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|三十一|廿[一二三四五六七八九]?|卅一?"
    r"|[一二三四五六七八九])"
)
_DATES = [
    re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d-])"),
    re.compile(r"(?<![\d/])(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?![\d/])"),
    re.compile(r"(?<![\d.])(?P<y>\d{4})\.(?P<m>\d{1,2})\.(?P<d>\d{1,2})(?!\d|\.\d)"),
    re.compile(
        r"(?<![\d.])(?P<y>(?:1[5-9]|20)\d\d) (?P<m>0[1-9]|1[0-2]) (?P<d>[0-3]\d)(?!\d|\.\d)"
    ),
    # 2015-3, 2015/3, 2015.3: a month of a year
    re.compile(
        r"(?<![\d./-])(?P<y>(?:1[5-9]|20)\d\d)\s*[-/.]\s*(?P<m>0?[1-9]|1[0-2])(?![\d/-]|\.\d)"
    ),
    # 13.5.2015, 3-7-2017: the year last (day/month order known when one is over 12)
    re.compile(
        r"(?<![\d./-])(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[0-3]?\d)(?P=sep)"
        r"(?P<y>(?:1[5-9]|20)\d\d)(?![\d/-]|\.\d)"
    ),
    re.compile(
        rf"(?:(?:{_ERA_YEAR}|(?P<y>{_CN_YEAR}))\s*年\s*)?(?<![\d{_CN}])(?P<m>{_MONTH})\s*月"
        rf"(?:\s*(?P<d>{_DAY})\s*(?:[日号號]|(?=\s*(?:$|[,，。;；!！?？]|(?:、\s*{_DAY}\s*)+[日号號]))))?"
        rf"(?:\s*(?:到|至|-|~|～|—)\s*(?P<d2>{_DAY})\s*[日号號])?"
    ),
]
_ERA_ONLY = re.compile(rf"{_ERA_YEAR}\s*年")
#: months of one year: 2015年1-3月, 1至3月 (a period), 2015年3、4月 (two months)
_MONTHS_OF_YEAR = re.compile(
    rf"(?:(?:{_ERA_YEAR}|(?P<y>{_CN_YEAR}))\s*年\s*)(?<![\d{_CN}])(?P<m1>{_MONTH})\s*"
    rf"(?:(?P<to>到|至|-|~|～|—|–)|(?P<and>、|和|与|與|及))\s*(?P<m>{_MONTH})\s*月"
    rf"(?!\s*(?:{_DAY}\s*[日号號]|份?[初中底末上下]))"
)
#: a day of the month before or after the last one named: 次月5日, 同月13日, 上月3日
_RELATIVE_MONTH_DAY = re.compile(
    rf"(?:(?P<next>次月|翌月|下月|下个月|下個月|隔月)|(?P<same>同月|当月|當月|该月|該月|本月)"
    rf"|(?P<prev>上月|上个月|上個月|前一月|前一个月))\s*(?P<d>{_DAY})\s*[日号號]"
)
#: a date of the lunar calendar (农历正月初一, 腊月二十三): a date of its own calendar, no value
_LUNAR_DAY = (
    r"(?:初[一二三四五六七八九十]|十[一二三四五六七八九]|二十[一二三四五六七八九]?"
    r"|廿[一二三四五六七八九]|三十)"
)
_LUNAR = re.compile(
    rf"(?:{_CN_YEAR}\s*年\s*)?(?:(?:农历|農曆|阴历|陰曆|旧历|舊曆)\s*(?:闰|閏)?\s*"
    rf"(?:正|腊|臘|冬|{_MONTH})\s*月|(?:正|腊|臘)月)\s*{_LUNAR_DAY}?"
)
#: a day alone (``13日``) takes the month and year of the nearest earlier date
_DAY_ONLY = re.compile(rf"(?<![\d{_CN}月])(?P<d>{_DAY})\s*[日号號](?![本元])")
#: a day inside a list of days (the 6 of 3月5、6、7日)
_DAY_LISTED = re.compile(rf"(?<=、)\s*(?P<d>{_DAY})(?=\s*(?:、\s*{_DAY}\s*)+[日号號])")
_DECADE = re.compile(
    r"(?:(?P<c>\d{2}|二十一|二十|十九)\s*世[纪紀])?\s*"
    r"(?P<d>\d{4}|\d0|[一二三四五六七八九]十|[零〇一二三四五六七八九]〇|[零〇一二三四五六七八九]零)"
    r"\s*年代(?P<part>初期|早期|初叶|初葉|初|前期|中期|中叶|中葉|中|末期|晚期|末叶|末葉|末|后期|後期)?"
)
#: the part of a decade (1990年代早期 is the early 1990s, as English "early 1990s")
_PART = {"初期": "early", "早期": "early", "初叶": "early", "初葉": "early", "初": "early",
         "前期": "early", "中期": "mid", "中叶": "mid", "中葉": "mid", "中": "mid",
         "末期": "late", "晚期": "late", "末叶": "late", "末葉": "late", "末": "late",
         "后期": "late", "後期": "late"}  # fmt: skip

_YEAR_RANGE = re.compile(
    rf"(?P<a>{_CN_YEAR})\s*(?P<ya>年)?{_TO}(?P<b>{_CN_YEAR})\s*(?P<yb>年)?(?P<tail>[间間])?"
)
#: a season or fiscal year of two years: 2015/16赛季, 2015-16年度, 1999–00财年
_SEASON = re.compile(
    r"(?<![\d./-])(?P<a>(?:1[5-9]|20)\d\d)\s?(?P<sep>[-–—/])\s?(?P<yy>\d\d)"
    r"(?=\s*(?:年度|赛季|賽季|球季|财年|財年|财政年度|財政年度|学年|學年|年))"
)
_COUNT_RANGE = re.compile(rf"(?P<a>{_NUM}){_TO}(?P<b>{_NUM})")
_ADJACENT = re.compile(
    rf"(?<![{_CN}点點])(?P<a>[一二两兩三四五六七八])(?P<b>[二三四五六七八九]|(?<=一)[两兩])(?P<s>[十百千万萬])?"
)
_S = r"[ \t\u3000]*"
#: 百分之N, 千分之N, 万分之N (the denominator a power of ten without a coefficient: a rate), N%
_PERCENT = re.compile(
    rf"(?P<n>{_NUM}){_S}[%％‰]|(?<![\d{_CN}])(?P<den>[百千万萬亿億]+){_S}分{_S}之{_S}(?P<p>{_NUM})"
)
#: a range of percentages: 10-15%, 10%到15%, 百分之十到二十, 百分之十到百分之二十, 三到五个百分点,
#: and adjacent numerals: 百分之二三十, 二三十个百分点
_PCT_END = rf"(?P<pts>[个個]{_S}百{_S}分{_S}[点點])|[%％]"
_PERCENT_RANGE = re.compile(
    rf"(?<![\d{_CN}])百{_S}分{_S}之{_S}(?P<a>{_NUM}){_TO}(?:百{_S}分{_S}之{_S})?(?P<b>{_NUM})"
    rf"|(?P<a2>{_NUM}){_S}(?:[%％]|[个個]{_S}百{_S}分{_S}[点點])?{_TO}(?P<b2>{_NUM}){_S}(?:{_PCT_END})"
    rf"|(?<![\d{_CN}])(?P<a4>{_NUM}){_S}成?{_TO}(?P<b4>{_NUM}){_S}成(?![员員为為立功绩績果本就长長熟年千百万萬人分交都份型品形效真名家不])"
    rf"|(?<![\d{_CN}点點.])(?P<p3>百{_S}分{_S}之{_S})?(?P<x>[一二两兩三四五六七八])(?P<y>[二三四五六七八九])"
    rf"(?P<s>[十百]?)(?(p3)|{_S}(?:{_PCT_END.replace('pts', 'pts3')}))"
)
#: N个百分点: percentage points (十几个百分点, 三十多个百分点: more than N)
_POINTS = re.compile(rf"(?P<n>{_NUM})(?P<odd>[多余餘几幾])?{_S}[个個]{_S}百{_S}分{_S}[点點]")
#: percentages without a number: 百分之几 (a few percent, 2 to 9), 百分之几十 (20 to 99),
#: 几个百分点, 数个百分点, 几十个百分点 (percentage points), 几成 (20 % to 90 %)
_VAGUE_PERCENT = re.compile(
    rf"(?<![\d{_CN}])(?:百{_S}分{_S}之{_S}(?P<a>[几幾])(?P<at>十)?(?![{_CN}])"
    rf"|(?P<b>[几幾数數])(?P<bt>十)?{_S}[个個]{_S}百{_S}分{_S}[点點]"
    r"|(?P<c>[几幾])成(?![员員为為立功绩績果本就长長熟年千百万萬人分交都份型品形效真名家不了]))"
)
_FRACTION = re.compile(rf"(?:(?P<w>{_NUM}){_S}又{_S})?(?P<d>{_NUM}){_S}分{_S}之{_S}(?P<n>{_NUM})")
#: half of something: 一半, 半数 (a proportion, like 二分之一)
_HALF = re.compile(rf"(?<![\d{_CN}])(?:一半|半数|半數)")
_DIGIT_FRACTION = re.compile(
    r"(?<![\d/.\x00A-Za-z-])(?<!\d,)(?:(?P<w>\d+)\s+(?=\d+\s*/))?(?P<a>-?\d+)\s*/\s*(?P<b>\d+)"
    r"(?![\d/.,\x00A-Za-z]|[.,]\d)"
)
#: N成 (tenths: 七成 = 70 %, 七成六 = 76 %) and N折 (a price as tenths: 八五折 = 85 %)
_TENTHS = re.compile(
    rf"(?<![\d{_CN}])(?P<n>{_NUM}){_S}成(?:{_S}(?P<more>[一二三四五六七八九])(?![{_CN}]))?"
    r"(?![员員为為立功绩績果本就长長熟年千百万萬人分交都份型品形效真名家不])"
)
_DISCOUNT = re.compile(
    rf"(?<![\d{_CN}])(?:(?P<n>{_NUM})|(?P<half>半|对|對)){_S}折(?![断斷叠疊腾騰磨合射服])"
)
_MONEY_SIGN = re.compile(r"(?P<cur>US\$|HK\$|NT\$|\$|¥|￥|€|£)\s?(?P<n>" + _ARABIC + ")")
_CURRENCY = {"US$": "USD", "$": "USD", "HK$": "HKD", "NT$": "TWD", "¥": "JPY", "￥": "JPY",
             "€": "EUR", "£": "GBP"}  # fmt: skip
_YEAR = re.compile(rf"(?<![\d{_CN}])(?P<y>{_CN_YEAR})\s*年(?!代)")
_VAGUE = re.compile(
    rf"(?<![\d{_CN}])(?:(?P<cheng>成千上[万萬])|上(?P<up>[百千万萬])"
    r"|(?P<few>[几幾数數])(?P<s>[十百千万萬])(?P<s2>[万萬])?)"
)
_NUMBER = re.compile(_NUM)
#: a few units of time without a number: 数月, 几个月, 数年, 几天, 数周 (2 to 9 of them)
_FEW_TIME = re.compile(
    rf"(?<![\d{_CN}])(?:[数數](?:[个個])?(?=[年月天日周週]|星期|礼拜|禮拜|小时|小時)"
    r"|[几幾](?:[个個](?=月|星期|礼拜|禮拜|小时|小時)|(?=[年天周週](?!级|級)|小时|小時)))"
)
#: half a unit of time: 三个半月, 一年半, 半年, 半个月, 半小时
_HALF_TIME = re.compile(
    rf"(?P<n>{_NUM}){_S}(?:(?P<ge>[个個]){_S}半{_S}(?=月|小时|小時|星期|礼拜|禮拜|钟头|鐘頭)"
    r"|(?=(?:年|天|周|週|小时|小時|星期)半))"
    r"|(?<![上下前后後多大\d" + _CN + r"])(?P<half>半)(?:[个個])?(?=年|月|小时|小時)"
)


def _number(text: str) -> Decimal | None:
    """The value of a numeral as matched (多/余/几 inside dropped: :func:`_inner_odd` tells)."""
    text = re.sub(r"[\s多余餘几幾]", "", text)
    power = re.fullmatch(r"(\d+(?:\.\d+)?)\^([-+]?\d{1,3})", text)
    if power:  # 10^3, 1.1^+23
        return power_of(power.group(1), int(power.group(2)))
    if text[-1:] in "kK" and len(text) > 1:
        base = _number(text[:-1])
        return None if base is None else base * 1000
    if re.fullmatch(r"[-负負−]?(?:[\d,]+(?:\.\d+)?|\.\d+)", text):
        sign = -1 if text[0] in "-负負−" else 1
        digits = text.lstrip("-负負−")
        if len(digits.replace(",", "")) > MAX_NUMERAL_LENGTH:
            return None
        return sign * arabic(digits if digits[0] != "." else "0" + digits)
    return chinese(text.replace(",", ""))


def _inner_odd(text: str) -> bool:
    """Whether 多/余/几 stands inside a numeral, before a unit (``一千多万``, ``三十几万``)."""
    return bool(re.search(r"[多余餘几幾]", text))


def _hedge_before(s: Scanner, start: int) -> tuple[Hedge, int]:
    m = _HEDGE_BEFORE.search(s.masked, max(0, start - 10), start)
    if m is None:
        return Hedge.EXACT, start
    h = m.group("h")
    if h == "近" and m.start() > 0 and s.masked[m.start() - 1] in "最附亲親将將接几幾":
        return Hedge.EXACT, start
    return _HEDGES[h], m.start()


def _hedge_after(s: Scanner, pos: int) -> tuple[Hedge | None, int]:
    at = pos
    while at < len(s.masked) and s.masked[at] in " \t\u3000" and at - pos < 3:
        at += 1
    if not s.masked.startswith(_HEDGE_AFTER_WORDS, at):  # most figures have none: one test
        return None, pos
    for word, hedge in _HEDGE_AFTER.items():
        if s.masked.startswith(word, at):
            return hedge, at + len(word)
    return None, pos


def _unit_after(s: Scanner, pos: int) -> tuple[str, dict[str, object], str, int, Hedge | None]:
    """The classifier and noun after a number: ``(unit, extra, kind, end, odd)``.  ``extra``
    holds the ``unit_span`` of a :class:`Found`; ``odd`` is the bound a 多
    between classifier and noun adds (``3个多月``)."""
    text = s.masked
    start = pos
    odd = None
    generic = text.startswith(tuple(_GENERIC), pos)
    if generic:
        pos += 1
        if text.startswith("多", pos):
            odd = Hedge.MORE_THAN
            pos += 1
    row = unit_table().match("zh", text[pos : pos + 8])
    if (
        row is not None
        and row.surface == "月"
        and not generic
        and not text.startswith("多", pos + 1)
    ):
        row = None  # N月 alone is a month of the year, not a duration
    if row is None:
        if generic:
            return "", _said(s, start, pos), "count", pos, odd
        return "", {}, "count", start, None
    pos += len(row.surface)
    if row.kind == "classifier":  # 三枚导弹, 两颗人造卫星: the noun after 枚 / 颗 says what
        noun, pos = _classified_noun(text, pos)
        return (noun.unit if noun else ""), _said(s, start, pos), "count", pos, odd
    unit, kind = row.unit, row.kind
    if kind == "count" and not generic:
        noun = unit_table().match("zh", text[pos : pos + 8])
        if noun is not None and noun.kind == "count" and noun.unit in ("person", unit):
            pos += len(noun.surface)
    if not generic and text.startswith("多", pos) and unit in ("years", "months", "days"):
        odd = Hedge.MORE_THAN
        pos += 1
    return unit, _said(s, start, pos), kind, pos, odd


#: how far after a general classifier its noun may start (两枚中程弹道导弹: two characters)
_CLASSIFIED_GAP = 4


def _classified_noun(text: str, pos: int) -> tuple[Unit | None, int]:
    """The counted noun after a general classifier (枚, 颗) at ``pos``, and where it ends: the
    noun right after it, or a noun of two characters or more after a few words that qualify it
    (两枚弹道导弹, 三枚中程导弹); ``(None, pos)`` when no known noun follows before a
    punctuation mark, a digit or a numeral."""
    for k in range(_CLASSIFIED_GAP + 1):
        at = pos + k
        if at >= len(text) or not _is_han(text[at]) or text[at] in _CN:
            break
        row = unit_table().match("zh", text[at : at + 8])
        if row is not None and row.kind == "count" and (k == 0 or len(row.surface) >= 2):
            return row, at + len(row.surface)
    return None, pos


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def _said(s: Scanner, start: int, end: int) -> dict[str, object]:
    return {"unit_span": (start, end)}


def _era_year(m: re.Match[str]) -> int | None:
    era = m.group("era")
    if not era:
        return None
    from ..script import normalise

    first = _eras().get(normalise(era)[0])
    n = Decimal(1) if m.group("ey") == "元" else _number(m.group("ey"))
    if first is None or n is None or not 1 <= n <= 200 or first + n - 1 > 2100:
        return None  # 民国104年 (2015): the Republic's years still run
    return first + int(n) - 1


def _year_value(text: str) -> Decimal | None:
    core = text.strip()
    if len(core) == 2 and all(c in "零〇一二三四五六七八九" for c in core):
        a, b = (int(_number(c) or 0) for c in core)
        if 0 < b - a <= 2:
            return None  # 五六年: five or six years, not '56
        core = f"{a}{b}"
        text = core
    value = _number(text)
    if value is not None and len(core) == 2 and core.isdigit():
        value += 2000 if value < 50 else 1900  # 08年, 15年1月, 九八年: two-digit years
    return value


#: a date of three two-digit numbers (12-11-10, 98/12/25): the Chinese order year-month-day,
#: or day and month first with the year last
_SHORT_DATE = re.compile(
    r"(?<![\d./-])(?P<p>\d\d)(?P<sep>[-/])(?P<q>\d\d)(?P=sep)(?P<r>\d\d)(?![\d/-]|[.:]\d)"
)


def _short_dates(s: Scanner) -> None:
    """``98-12-25`` is 1998-12-25, its one valid reading; ``12-11-10`` may be 2012-11-10
    (year first), 12 November 2010 or 11 December 2010: no value, the earliest and latest
    readings as the bounds, qualifier approximate and a note, as ``3-7-2017``."""
    for m in s.matches(_SHORT_DATE):
        p, q, r = int(m.group("p")), int(m.group("q")), int(m.group("r"))
        first, last = _two_digit_year(p), _two_digit_year(r)
        readings = sorted(
            {date_value(y, mo, d) for y, mo, d in ((first, q, r), (last, q, p), (last, p, q))
             if valid_date(y, mo, d)}
        )  # fmt: skip
        if len(readings) == 1:
            s.add(Found(Kind.DATE, readings[0], readings[0], readings[0], Qualifier.EXACT,
                        m.start(), m.end(), unit="date"))  # fmt: skip
        elif readings:
            s.add(Found(Kind.DATE, None, readings[0], readings[-1], Qualifier.APPROXIMATE,
                        m.start(), m.end(), unit="date",
                        note="ambiguous order of year, month and day"))  # fmt: skip


def _two_digit_year(yy: int) -> int:
    return 2000 + yy if yy < 50 else 1900 + yy


def _dates(s: Scanner) -> None:
    _short_dates(s)
    for m in s.matches(_LUNAR):
        s.add(Found(Kind.DATE, None, None, None, Qualifier.EXACT, m.start(), m.end(),
                    unit="date", note="lunar calendar"))  # fmt: skip
    for m in s.matches(_MONTHS_OF_YEAR):
        era = _era_year(m) if m.group("era") else None
        year = Decimal(era) if era is not None else _year_value(m.group("y") or "")
        m1, m2 = _number(m.group("m1")), _number(m.group("m"))
        if year is None or m1 is None or m2 is None or not 1 <= m1 < m2 <= 12:
            continue
        if m.group("to"):
            s.date_range(m.start(), m.end(), int(year), int(m1), None, int(m2), None)
        else:
            s.date(m.start(), m.end("m1"), int(year), int(m1), None)
            s.date(m.start("m"), m.end(), int(year), int(m2), None)
    for pattern in _DATES:
        for m in s.matches(pattern):
            groups = m.groupdict()
            if groups.get("a"):
                a, b, year_n = int(m.group("a")), int(m.group("b")), int(m.group("y"))
                if a > 12 or b > 12 or a == b:
                    day_, month_ = (a, b) if a > 12 or a == b else (b, a)
                    found = s.date(m.start(), m.end(), year_n, month_, day_)
                    if found is not None and a != b:
                        found.date_order = "dm" if a > 12 else "md"
                else:
                    s.ambiguous_date(m.start(), m.end(), year_n, (a, b), (b, a))
                continue
            era = _era_year(m) if groups.get("era") else None
            if groups.get("era") and era is None:
                continue
            year = Decimal(era) if era is not None else (
                _year_value(m.group("y")) if m.group("y") else None
            )  # fmt: skip
            if (
                groups.get("m") and "-" in m.group() and len(m.group("m")) == 2
                and not groups.get("d") and int(m.group("m")) > int(m.group("y")[-2:])
            ):  # fmt: skip
                continue  # 2007-10: a period of years
            if groups.get("d2") and year is not None and m.group("d"):
                month, d1, d2 = _number(m.group("m")), _number(m.group("d")), _number(m.group("d2"))
                if month is not None and d1 is not None and d2 is not None:
                    s.date_range(m.start(), m.end(), int(year), int(month), int(d1), int(month),
                                 int(d2))  # fmt: skip
                continue
            month = _number(m.group("m"))
            day = _number(m.group("d")) if groups.get("d") else None
            if month is None or (groups.get("d") and day is None):
                continue
            start, offset = m.start(), 0
            if year is None:
                rel = _RELATIVE_YEAR.search(s.masked, max(0, start - 4), start)
                if rel is not None:
                    start = rel.start()
                    offset = 1 if rel.group("next") else -1 if rel.group("prev") else 0
            found = s.date(start, m.end(), int(year) if year is not None else None, int(month),
                           int(day) if day is not None else None, offset)  # fmt: skip
            if found is not None and groups.get("era"):
                found.note = f"era {groups['era']}"
    for m in s.matches(_RELATIVE_MONTH_DAY):
        day = _number(m.group("d"))
        if day is not None:
            found = s.date(m.start(), m.end(), None, 0, int(day))
            if found is not None:
                found.month_shift = 0 if m.group("same") else 1 if m.group("next") else -1
    for pattern in (_DAY_LISTED, _DAY_ONLY):
        for m in s.matches(pattern):
            day = _number(m.group("d"))
            if day is not None:
                s.date(m.start("d"), m.end(), None, 0, int(day))


_PERIOD_GAP = re.compile(r"\s*(?:到|至|-|~|～|—|–)\s*")
_DURATION_GAP = re.compile(r"\s*(?:又|零)?\s*")


#: a year before the common era: 公元前221年 (no year of the common era, and no duration)
_YEAR_BC = re.compile(
    rf"(?:公元前|西元前|纪元前|紀元前)\s*{_NUM}\s*年(?![代间間])"
    rf"(?:{_TO}(?:公元前|西元前|前)\s*{_NUM}\s*年(?![代间間]))?"
)


def _years_bc(s: Scanner) -> None:
    for m in s.matches(_YEAR_BC):
        s.skip(m.start(), m.end())


#: a year of the common era marked as such: 公元100年, 西元79年 (the year it names, also under
#: 1000, where N年 alone would be a duration)
_YEAR_AD = re.compile(rf"(?:公元|西元|纪元)\s*(?P<y>{_NUM})\s*年(?![代间間])")
_YEARS_AD = re.compile(
    rf"(?:公元|西元|纪元)\s*(?P<y>{_NUM})\s*年{_TO}(?:公元|西元|纪元)?\s*(?P<y2>{_NUM})\s*年(?!代)"
)


def _years_ad(s: Scanner) -> None:
    for m in s.matches(_YEARS_AD):  # 公元100年至200年: a span of years
        first, last = _number(m.group("y")), _number(m.group("y2"))
        if first is None or last is None or not 1 <= first < last <= 2100:
            continue
        if first == int(first) and last == int(last):
            s.range(m.start(), m.end(), first, last, Hedge.EXACT, Kind.YEAR)
    for m in s.matches(_YEAR_AD):
        year = _number(m.group("y"))
        if year is None or year != int(year) or not 1 <= year <= 2100:
            continue
        hedge, start = _hedge_before(s, m.start())
        if hedge is not Hedge.APPROXIMATE:
            hedge, start = Hedge.EXACT, m.start()
        s.point(Kind.YEAR, start, m.end(), year, hedge, unit="year", note="公元")


def _seasons(s: Scanner) -> None:
    """2015/16赛季, 2012-13财年: a span of two years (before 2009/10 is read as a month)."""
    for m in s.matches(_SEASON):
        first = int(m.group("a"))
        last = first // 100 * 100 + int(m.group("yy"))
        last += 100 if last < first else 0
        if m.group("sep") == "/" and last != first + 1:
            continue
        s.range(m.start(), m.end(), Decimal(first), Decimal(last), Hedge.EXACT, Kind.YEAR)


def _decades(s: Scanner) -> None:
    for m in s.matches(_DECADE):
        digits = m.group("d").replace("零", "〇")
        value = _number(digits) if digits[-1] != "〇" else _number(digits[:-1] + "十")
        if value is None:
            continue
        decade = int(value)
        if decade < 100:
            century = _number(m.group("c")) if m.group("c") else None
            if century is not None:
                decade += (int(century) - 1) * 100
            else:
                decade += 2000 if decade <= 10 else 1900
        part = _PART.get(m.group("part") or "", "")
        low, high = decade_part(decade, part)
        qualifier = Qualifier.APPROXIMATE if part else Qualifier.EXACT
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        s.add(Found(Kind.DECADE, float(decade), float(low), float(high), qualifier, start,
                    m.end(), unit="year"))  # fmt: skip


#: a century: 20世纪, 十九世纪末 (a span of years; 20世纪90年代 is a decade, read before)
_CENTURY = re.compile(
    r"(?<![\d一二三四五六七八九十])(?P<c>[12]?\d|二十[一二]?|十[一二三四五六七八九]?|[一二三四五六七八九])\s*世[纪紀]"
    r"(?P<part>初期|初叶|初葉|初|前期|上半叶|上半葉|中期|中叶|中葉|中|末期|末叶|末葉|末|后期|後期|下半叶|下半葉)?"
)
_CENTURY_PART = {"初期": "early", "初叶": "early", "初葉": "early", "初": "early",
                 "前期": "early", "上半叶": "early", "上半葉": "early", "中期": "mid",
                 "中叶": "mid", "中葉": "mid", "中": "mid", "末期": "late", "末叶": "late",
                 "末葉": "late", "末": "late", "后期": "late", "後期": "late",
                 "下半叶": "late", "下半葉": "late"}  # fmt: skip


def _centuries(s: Scanner) -> None:
    for m in s.matches(_CENTURY):
        if s.masked[max(0, m.start() - 3) : m.start()].endswith(("公元前", "前")):
            s.skip(m.start(), m.end())  # a century BC: not a span of years of the common era
            continue
        century = _number(m.group("c"))
        if century is None or not 1 <= century <= 22:
            continue
        part = _CENTURY_PART.get(m.group("part") or "", "")
        low, high = century_years(int(century), part)
        qualifier = Qualifier.APPROXIMATE if part else Qualifier.EXACT
        s.add(Found(Kind.RANGE, None, float(low), float(high), qualifier, m.start(), m.end(),
                    unit="year", note="century"))  # fmt: skip


def _than_value(text: str) -> Decimal | None:
    """A number or a fraction (``四分之一``) compared with 比."""
    parts = re.split(r"\s*分\s*之\s*", text)
    if len(parts) == 2:
        denominator, numerator = _number(parts[0]), _number(parts[1])
        return numerator / denominator if denominator and numerator is not None else None
    return _number(text)


def _bounds(s: Scanner) -> None:
    """Two bounds on one figure (``大于20小于等于35``, ``位于20和30之间``) make one range; bounds
    that contradict each other (``大于50小于12``) stay two one-sided figures."""
    for m in s.matches(_TWO_BOUNDS):
        a, b = _number(m.group("a")), _number(m.group("b"))
        if a is None or b is None:
            continue
        h1, h2 = _HEDGES[m.group("h1")], _HEDGES[m.group("h2")]
        _, lo1, hi1 = interval(a, h1)
        _, lo2, hi2 = interval(b, h2)
        low = lo1 if lo1 is not None else lo2
        high = hi2 if hi2 is not None else hi1
        unit, said, _, end, _ = _unit_after(s, m.end())
        if (lo1 is None) != (lo2 is None) and low is not None and high is not None and low < high:
            s.add(Found(Kind.RANGE, None, low, high, Qualifier.EXACT, m.start(), end, unit=unit,
                        **said))  # type: ignore[arg-type]  # fmt: skip
            continue
        s.point(Kind.COUNT, m.start(), m.start("a") + len(m.group("a")), a, h1)
        s.point(Kind.COUNT, m.start("h2"), end, b, h2, unit=unit, **said)
    for m in s.matches(_BETWEEN):
        a, b = _number(m.group("a")), _number(m.group("b"))
        if a is None or b is None or not a < b:
            continue
        unit, said, _, end, _ = _unit_after(s, m.end())
        s.range(m.start(), max(end, m.end()), a, b, Hedge.EXACT, Kind.COUNT, unit=unit, **said)
    for m in s.matches(_THAN):
        value = _than_value(m.group("n1"))
        if value is None:
            continue
        hedge = Hedge.MORE_THAN if m.group("w1") in "大多高" else Hedge.FEWER_THAN
        other = _than_value(m.group("n2")) if m.group("n2") else None
        if other is not None:
            hedge2 = Hedge.MORE_THAN if m.group("w2") in "大多高" else Hedge.FEWER_THAN
            _, lo1, hi1 = interval(value, hedge)
            _, lo2, hi2 = interval(other, hedge2)
            low = lo1 if lo1 is not None else lo2
            high = hi1 if hi1 is not None else hi2
            if hedge is not hedge2 and low is not None and high is not None and low < high:
                s.add(Found(Kind.RANGE, None, low, high, Qualifier.EXACT, m.start(), m.end()))
                continue
        s.point(Kind.COUNT, m.start(), m.end("w1"), value, hedge)


def _ranges(s: Scanner) -> None:
    for m in s.matches(_YEAR_RANGE):
        low, high = _number(m.group("a")), _number(m.group("b"))
        if low is None or high is None:
            continue
        unit, said, _, end, _ = _unit_after(s, m.end())
        years = bool(m.group("ya") or m.group("yb")) or (
            not unit and 1000 <= low <= 2100 and 1000 <= high <= 2100
        )
        hedge, start = _hedge_before(s, m.start())
        if years:
            s.range(start, m.end(), low, high, Hedge.EXACT, Kind.YEAR)
        else:
            s.range(start, end, low, high, hedge, Kind.COUNT, unit=unit, **said)
    for m in s.matches(_COUNT_RANGE):
        low, high = _number(m.group("a")), _number(m.group("b"))
        if low is None or high is None:
            continue
        unit, said, _, end, _ = _unit_after(s, m.end())
        if (
            not said
            and not (m.group("a")[0].isdigit() and m.group("b")[0].isdigit())
            and not (
                _stands_alone(s, m.start(), m.end(), m.group())
                and _stands_alone(s, m.start(), m.end(), m.group("b"))
            )
        ):
            continue
        hedge, start = _hedge_before(s, m.start())
        after, end = _hedge_after(s, end)
        if after is Hedge.APPROXIMATE:
            hedge = after
        s.range(start, end, low, high, hedge, Kind.COUNT, unit=unit, **said)
    for m in s.matches(_ADJACENT):
        a, b = _number(m.group("a")), _number(m.group("b"))
        if a is None or b is None or not 0 < b - a <= 2:
            continue
        factor = _number("一" + m.group("s")) if m.group("s") else Decimal(1)
        unit, said, _, end, _ = _unit_after(s, m.end())
        if not said or factor is None:
            continue
        hedge, start = _hedge_before(s, m.start())
        s.range(start, end, a * factor, b * factor, hedge, Kind.COUNT, unit=unit, **said)


#: 里氏6.9级, 矩震级6.8, 面波震级7.1, 7.0级地震, Mw 6.9 (a scale: its name is part of the unit)
_MAGNITUDE = re.compile(
    r"(?P<name>里氏|芮氏|黎克特制|矩震级|矩震級|面波震级|面波震級|体波震级|體波震級|规模|規模|震级|震級)"
    r"(?:为|為|达|達|是)?\s*(?P<n>\d+(?:\.\d+)?|[一二三四五六七八九十]+(?:点[一二三四五六七八九零])?)\s*(?:级|級)?"
    r"|(?P<n2>\d(?:\.\d+)?|[一二三四五六七八九](?:点[一二三四五六七八九零])?)\s*(?:级|級)"
    r"(?=\s*(?:强烈|強烈|大|强|強|特大)?(?:地震|强震|強震|余震|餘震))"
    r"|(?<![A-Za-z])(?P<scale>Mw|MW|Ms|MS|ML|mb)\s?(?P<n3>\d(?:\.\d+)?)(?![\d.])"
)
_ZH_MAGNITUDE_SCALES = {"里氏": "magnitude-ML", "芮氏": "magnitude-ML", "黎克特制": "magnitude-ML",
                        "矩震级": "magnitude-Mw", "矩震級": "magnitude-Mw",
                        "面波震级": "magnitude-Ms", "面波震級": "magnitude-Ms",
                        "体波震级": "magnitude-mb", "體波震級": "magnitude-mb",
                        "mw": "magnitude-Mw", "ms": "magnitude-Ms", "ml": "magnitude-ML",
                        "mb": "magnitude-mb"}  # fmt: skip


def _magnitudes(s: Scanner) -> None:
    for m in s.matches(_MAGNITUDE):
        value = _number(m.group("n") or m.group("n2") or m.group("n3"))
        if value is None or not 0 < value < 11:
            continue
        name = m.group("name") or (m.group("scale") or "").lower()
        unit = _ZH_MAGNITUDE_SCALES.get(name, "magnitude")
        hedge, start = _hedge_before(s, m.start())
        s.point(Kind.COUNT, start, m.end(), value, hedge, unit=unit)


def _percent_ranges(s: Scanner) -> None:
    for m in s.matches(_PERCENT_RANGE):
        low: Decimal | None
        high: Decimal | None
        if m.group("x"):
            a, b = _number(m.group("x")), _number(m.group("y"))
            factor = _number("一" + m.group("s")) if m.group("s") else Decimal(1)
            if a is None or b is None or factor is None or not 0 < b - a <= 2:
                continue
            low, high = a * factor, b * factor
        elif m.group("a4"):  # 三至五成: tenths
            low, high = _number(m.group("a4")), _number(m.group("b4"))
            if low is None or high is None or not 0 < high <= 10:
                continue
            low, high = low * 10, high * 10
        else:
            low = _number(m.group("a") or m.group("a2"))
            high = _number(m.group("b") or m.group("b2"))
        if low is None or high is None or not low < high:
            continue
        hedge, start = _hedge_before(s, m.start())
        after, end = _hedge_after(s, m.end())
        hedge = after or hedge
        qualifier, lo, hi = widen(low, high, hedge if hedge is Hedge.APPROXIMATE else Hedge.EXACT)
        points = m.group("pts") or m.group("pts3")
        s.add(Found(Kind.PERCENT, None, lo, hi, qualifier, start, end,
                    unit="percentage-point" if points else "percent"))  # fmt: skip


def _vague_percents(s: Scanner) -> None:
    """百分之几, 几个百分点, 几成: no value, the interval of 几 / 数 (2 to 9 of the unit)."""
    for m in s.matches(_VAGUE_PERCENT):
        if m.group("c"):
            low, high, unit = 20, 90, "percent"
        else:
            tens = m.group("at") or m.group("bt")
            low, high = (20, 99) if tens else (2, 9)
            unit = "percent" if m.group("a") else "percentage-point"
        s.add(Found(Kind.PERCENT, None, float(low), float(high), Qualifier.APPROXIMATE,
                    m.start(), m.end(), unit=unit))  # fmt: skip


def _odd_after(s: Scanner, value: Decimal, end: int) -> tuple[Hedge | None, int]:
    """A 多 / 余 / 几 after a whole number (百分之三十多, 三成多): more than it."""
    if (
        s.masked[end : end + 1]
        and s.masked[end] in _ODD
        and not s.masked.startswith(("多数", "多數"), end)  # 多数: most, not 'more than'
        and value == value.to_integral_value()
    ):
        return Hedge.MORE_THAN, end + 1
    return None, end


def _percents(s: Scanner) -> None:
    for m in s.matches(_POINTS):
        value = _number(m.group("n"))
        if value is None:
            continue
        hedge, start = _hedge_before(s, m.start())
        if m.group("odd") and value == value.to_integral_value():
            hedge = Hedge.MORE_THAN
        after, end = _hedge_after(s, m.end())
        s.point(Kind.PERCENT, start, end, value, after or hedge, unit="percentage-point")
    for m in s.matches(_PERCENT):
        if m.group("den"):
            denominator = _number("一" + m.group("den"))
            numerator = _number(m.group("p"))
            if not denominator or numerator is None:
                continue
            value = numerator * 100 / denominator
            first = m.start()
            if (
                first > 0
                and s.masked[first - 1] in "负負"
                and s.masked[first - 2 : first - 1] not in ("胜", "勝", "正", "抱", "欺")
                and s.free(first - 1, first)
            ):
                value, first = -value, first - 1  # 负百分之五: minus five percent
        else:
            first = m.start()
            value = _number(m.group("n"))
            if value is None:
                continue
            if m.group().endswith("‰"):
                value /= 10
        hedge, start = _hedge_before(s, first)
        odd, end = _odd_after(s, value, m.end())
        after, end = _hedge_after(s, end)
        s.point(Kind.PERCENT, start, end, value, after or odd or hedge, unit="percent")
    for m in s.matches(_FRACTION):
        denominator, numerator = _number(m.group("d")), _number(m.group("n"))
        if not denominator or numerator is None:
            continue
        hedge, start = _hedge_before(s, m.start())
        if m.group("w"):  # 3又一千分之23: a mixed number
            whole = _number(m.group("w"))
            if whole is None:
                continue
            s.point(Kind.COUNT, start, m.end(), whole + numerator / denominator, hedge)
            continue
        after, end = _hedge_after(s, m.end())
        s.point(Kind.COUNT, start, end, numerator / denominator, after or hedge, unit="fraction")
    for m in s.matches(_HALF):
        hedge, start = _hedge_before(s, m.start())
        after, end = _hedge_after(s, m.end())
        s.point(Kind.COUNT, start, end, Decimal("0.5"), after or hedge, unit="fraction")
    for m in s.matches(_DIGIT_FRACTION):
        a, b = _number(m.group("a")), _number(m.group("b"))
        if a is None or not b:
            continue
        value = a / b + (_number(m.group("w")) or 0 if m.group("w") else 0)
        hedge, start = _hedge_before(s, m.start())
        s.point(Kind.COUNT, start, m.end(), value, hedge, unit="fraction")
    for m in s.matches(_TENTHS):
        value = _number(m.group("n"))
        if (
            value is None
            or not 0 < value <= 10
            or (value == 1 and s.masked.startswith("不", m.end()))
        ):
            continue
        odd, end = None, m.end()
        if m.group("more"):
            value += Decimal(_number(m.group("more")) or 0) / 10
        elif s.masked[end : end + 1] in ("多", "余", "餘"):  # 三成多: more than 30 %
            odd, end = Hedge.MORE_THAN, end + 1
        hedge, start = _hedge_before(s, m.start())
        after, end = _hedge_after(s, end)
        s.point(Kind.PERCENT, start, end, value * 10, after or odd or hedge, unit="percent")
    for m in s.matches(_DISCOUNT):
        written = re.sub(r"\s", "", m.group("n") or "")
        if m.group("half"):
            value = Decimal(5)
        elif re.fullmatch(r"[一二三四五六七八九]{2}", written):  # 八五折: 85 %
            value = Decimal(int("".join(str(_number(c)) for c in written))) / 10
        else:
            value = _number(written)
        if value is None or not 0 < value < 10:
            continue
        s.point(Kind.PERCENT, m.start(), m.end(), value * 10, Hedge.EXACT, unit="percent")


def _money(s: Scanner) -> None:
    for m in s.matches(_MONEY_SIGN):
        value = _number(m.group("n"))
        if value is None:
            continue
        hedge, start = _hedge_before(s, m.start())
        s.point(Kind.MONEY, start, m.end(), value, hedge, unit=_CURRENCY[m.group("cur")],
                unit_span=m.span("cur"))  # fmt: skip


#: part of a month or a year: 3月上旬 (1-10), 中旬, 下旬, 3月初, 3月底; 2016年上半年, 第一季度,
#: 年初, 年中, 年底
_MONTH_PART = re.compile(
    rf"(?:(?P<y>{_CN_YEAR})\s*年\s*)?(?<![\d{_CN}])(?P<m>{_MONTH})\s*月\s*"
    r"(?P<part>上旬|中旬|下旬|初(?![步次期中级級赛賽选選衷])|底|末)(?![期叶葉])"
)
_MONTH_PARTS = {"上旬": (1, 10, True), "中旬": (11, 20, True), "下旬": (21, 31, True),
                "初": (1, 10, False), "中": (11, 20, False), "底": (21, 31, False),
                "末": (21, 31, False)}  # fmt: skip
_YEAR_PART = re.compile(
    rf"(?<![\d{_CN}])(?P<y>{_CN_YEAR})\s*年\s*(?:度\s*)?"
    r"(?:(?P<half>上半年|下半年|上半|下半)|第\s*(?P<q>[一二三四1-4])\s*(?:季度|季)"
    r"|(?P<part>年初|年中|年底|年末|初(?![步次期中级級赛賽选選衷])|底|末)(?![期叶葉旬])"
    # 1995年早期, 2003年中期, 1998年晚期: only where the period word ends the phrase (not
    # 2015年晚期患者 "late-stage", 2018年中期选举 "midterm", 2015年中期业绩 "interim")
    r"|(?P<period>初期|早期|前期|中期|末期|晚期|后期|後期)"
    r"(?=$|[^\u3400-\u9fff]|[的起至到间間以之])(?!以[下上内內外])(?!之[内內外间間前后後])"
    r"(?!的?(?:患者|病人|病例|癌|肿瘤|腫瘤|选举|選舉|报告|報告|业绩|業績)))"
)
_YEAR_PARTS = {"年初": (1, 4), "初": (1, 4), "年中": (5, 8), "中": (5, 8), "年底": (9, 12),
               "底": (9, 12), "年末": (9, 12), "末": (9, 12), "初期": (1, 4), "早期": (1, 4),
               "前期": (1, 4), "中期": (5, 8), "末期": (9, 12), "晚期": (9, 12),
               "后期": (9, 12), "後期": (9, 12)}  # fmt: skip


def _calendar_parts(s: Scanner) -> None:
    import calendar

    for m in s.matches(_MONTH_PART):
        year = _year_value(m.group("y")) if m.group("y") else None
        month = _number(m.group("m"))
        if year is None or month is None or not 1 <= month <= 12:
            continue
        first, last, exact = _MONTH_PARTS[m.group("part")]
        last = min(last, calendar.monthrange(int(year), int(month))[1])
        y, mo = int(year), int(month)
        s.add(Found(Kind.RANGE, None, date_value(y, mo, first), date_value(y, mo, last),
                    Qualifier.EXACT if exact else Qualifier.APPROXIMATE, m.start(), m.end(),
                    unit="date"))  # fmt: skip
    for m in s.matches(_YEAR_PART):
        year = _year_value(m.group("y"))
        if year is None or not 1000 <= year <= 2100:
            continue
        exact = True
        if m.group("half"):
            first, last = (1, 6) if m.group("half").startswith("上") else (7, 12)
        elif m.group("q"):
            q = int(_number(m.group("q")) or 0)
            first, last = 3 * q - 2, 3 * q
        else:
            first, last = _YEAR_PARTS[m.group("part") or m.group("period")]
            exact = False
        y = int(year)
        s.add(Found(Kind.RANGE, None, date_value(y, first, 1), month_interval(y, last)[2],
                    Qualifier.EXACT if exact else Qualifier.APPROXIMATE, m.start(), m.end(),
                    unit="date"))  # fmt: skip


def _years(s: Scanner) -> None:
    for m in s.matches(_ERA_ONLY):
        era = _era_year(m)
        if era is not None:
            s.point(Kind.YEAR, m.start(), m.end(), Decimal(era), Hedge.EXACT, unit="year",
                    note=f"era {m.group('era')}")  # fmt: skip
    for m in s.matches(_YEAR):
        value = _year_value(m.group("y"))
        if value is None or not 1000 <= value <= 2100:
            continue
        hedge, start = _hedge_before(s, m.start())
        after, end = _hedge_after(s, m.end())
        hedge = after or hedge
        if hedge is not Hedge.APPROXIMATE:
            hedge, start, end = Hedge.EXACT, m.start(), m.end()
        s.point(Kind.YEAR, start, end, value, hedge, unit="year")


def _few_times(s: Scanner) -> None:
    for m in s.matches(_FEW_TIME):
        unit, said, _, end, _ = _unit_after(s, m.end())
        if not unit and s.masked.startswith("月", m.end()):  # 数月: months (N月 alone is a date)
            unit, said, end = "months", _said(s, m.end(), m.end() + 1), m.end() + 1
        if not unit or not said:
            continue
        s.add(Found(Kind.COUNT, None, 2.0, 9.0, Qualifier.APPROXIMATE, m.start(), end,
                    unit=unit, **said))  # type: ignore[arg-type]  # fmt: skip


def _half_times(s: Scanner) -> None:
    for m in s.matches(_HALF_TIME):
        if m.group("half"):
            value, pos = Decimal("0.5"), m.end()
            if s.masked.startswith("月", pos):
                unit, said, end = "months", _said(s, pos, pos + 1), pos + 1
            else:
                unit, said, _, end, _ = _unit_after(s, pos)
            start = m.start()
        else:
            number = _number(m.group("n"))
            if number is None or not _stands_as_count(m.group("n")):
                continue
            value = number + Decimal("0.5")
            if m.group("ge"):  # 三个半月: the unit after 半
                pos = m.end()
                row = unit_table().match("zh", "个" + s.masked[pos : pos + 5])
                if row is None or row.kind != "measure" or not row.surface.startswith("个"):
                    row = unit_table().match("zh", s.masked[pos : pos + 5])
                    if row is None or row.kind != "measure":
                        continue
                    end = pos + len(row.surface)
                else:
                    end = pos + len(row.surface) - 1
                unit = row.unit
                said = _said(s, m.start("ge"), end)
            else:
                unit, said, _, end, _ = _unit_after(s, m.end())
                if not unit:
                    continue
                end += 1  # the 半 after the unit
            hedge, start = _hedge_before(s, m.start())
            if unit:
                s.point(Kind.COUNT, start, end, value, hedge, unit=unit, **said)
            continue
        if unit and said:
            hedge, start = _hedge_before(s, start)
            s.point(Kind.COUNT, start, end, value, hedge, unit=unit, **said)


def _stands_as_count(written: str) -> bool:
    """Not a bare run of digit names (``九一八``): digits, or a numeral of one character or
    with units."""
    core = re.sub(r"\s", "", written)
    return bool(re.search(r"\d", core)) or len(core) == 1 or bool(re.search(r"[十百千万萬]", core))


def _vague(s: Scanner) -> None:
    for m in s.matches(_VAGUE):
        if m.group("cheng"):
            low, high, qualifier = 1000.0, 99999.0, Qualifier.APPROXIMATE
        elif m.group("up"):
            base = _number("一" + m.group("up")) or Decimal(1)
            low, high, qualifier = float(base), None, Qualifier.AT_LEAST
        else:
            base = _number("一" + m.group("s")) or Decimal(1)
            if m.group("s2"):
                base *= 10000
            low, high, qualifier = float(2 * base), float(10 * base - 1), Qualifier.APPROXIMATE
        unit, said, _, end, _ = _unit_after(s, m.end())
        s.add(Found(Kind.COUNT, None, low, high, qualifier, m.start(), end, unit=unit, **said))  # type: ignore[arg-type]


_PUNCT_OR_END = re.compile(r"\s*(?:$|[\x00,，。.!！?？;；:：、)）」』\"”])")
_PREDICATE = re.compile(r"(?:是|为|為|等于|等於|得)\s*$")
_PREDICATE_END = re.compile(r"\s*(?:$|[,，。.!！?？;；、]|而|这|這|那|但|或|还|還|吗|嗎|呢|吧)")


def _stands_alone(s: Scanner, start: int, end: int, written: str) -> bool:
    """Whether a Chinese numeral without classifier or bound is still a figure: it has a sign or
    a decimal point, or units (``三十二``, not the digit names ``九一八``), or it is the whole
    phrase (between punctuation), or the predicate of 是 (``答案是五``), or ``前三的``."""
    core = re.sub(r"\s", "", written)
    if not re.search(r"[\d零〇一二两兩俩倆三四五六七八九壹贰貳叁參参肆伍陆陸柒捌玖十拾廿卅]", core):
        return False  # 万, 万万: a unit alone
    if core[:1] in "-负負−" or re.search(r"[点點.]", core):
        return True
    text = s.masked
    before = text[max(0, start - 4) : start]
    alone_before = start == 0 or bool(re.search(r"[\x00,，。.!！?？;；:：、(（「『\"“\s]$", before))
    if alone_before and _PUNCT_OR_END.match(text, end):
        return True
    if len(core) >= 2 and re.search(r"[十百千万萬亿億兆拾佰仟廿卅]", core):
        return True
    if _PREDICATE.search(before) and _PREDICATE_END.match(text, end):
        return True
    return before.endswith("前") and text.startswith("的", end)


def _about_after(s: Scanner, written: str, value: Decimal, pos: int) -> bool:
    """Whether 来 after a round number (十来个, 三十来岁, 百来人) or 把 after a scale (万把人,
    千把块钱) makes it approximate: only with a classifier or unit after it."""
    mark = s.masked[pos : pos + 1]
    if mark in ("来", "來"):
        if not (
            value >= 10 and value % 10 == 0 and (written[-1:] in "十百千万萬" or written.isdigit())
        ):
            return False
    elif mark == "把":
        if not (written[-1:] in "百千万萬" and value >= 100):
            return False
    else:
        return False
    return bool(_unit_after(s, pos + 1)[1])


def _counts(s: Scanner) -> None:
    for m in s.matches(_NUMBER):
        written = m.group().rstrip()
        value = _number(written)
        if value is None:
            continue
        pos = m.start() + len(written)
        if written[-1:] in "百千兆" and len(written) > 1:  # 1200兆瓦, 950百帕, 5千米: a unit prefix
            row = unit_table().match("zh", written[-1] + s.masked[pos : pos + 6])
            if row is not None and row.kind == "measure" and len(row.surface) > 1:
                written, pos = written[:-1], pos - 1
                value = _number(written)
                if value is None:
                    continue
        digits = bool(re.search(r"\d", written))
        hedge, start = _hedge_before(s, m.start())
        odd = Hedge.MORE_THAN if _inner_odd(written) else None
        if s.masked[pos : pos + 1] and s.masked[pos] in _ODD and value == value.to_integral_value():
            odd = Hedge.MORE_THAN
            pos += 1
        dozen = s.masked.startswith("打", pos) and not re.match(
            r"打[开開算电電败敗破击擊响響断斷死伤傷倒通进進工球架仗扰擾造]", s.masked[pos : pos + 2]
        )
        if dozen:  # 一打, 十打苹果: dozens
            value *= 12
            pos += 1
        about = _about_after(s, written, value, pos)
        if about:  # 十来个人, 三十来岁, 万把人: about that many
            pos += 1
            hedge = Hedge.APPROXIMATE if hedge is Hedge.EXACT else hedge
        unit, said, kind, end, odd_after = _unit_after(s, pos)
        odd = odd or odd_after
        after, end = _hedge_after(s, end)
        bound = bool(said or odd or hedge is not Hedge.EXACT or after or dozen)
        scaled = (
            value >= 100
            and any(ch in "百千万萬亿億兆佰仟" for ch in written)
            and bool(
                re.search(
                    r"[\d一二两兩俩倆三四五六七八九壹贰貳叁參参肆伍陆陸柒捌玖十拾廿卅]", written
                )
            )
        )
        if (
            not digits
            and not bound
            and not scaled
            and not _stands_alone(s, m.start(), m.start() + len(written), written)
        ):
            continue
        if (
            not digits
            and value == 1
            and not re.search(r"[点點]", written)  # 一点零: a decimal, not the article 一
            and not odd
            and hedge is Hedge.EXACT
            and after is None
            and not dozen
            and not (unit and unit not in ("person", "occurrence"))
            and not (start == 0 and _PUNCT_OR_END.match(s.masked, end))
        ):
            continue
        if odd is not None and hedge is Hedge.EXACT:
            hedge = odd
        if after is not None and hedge in (Hedge.EXACT, Hedge.APPROXIMATE):
            hedge = after
        figure_end = end if (said or odd or after or dozen) else m.start() + len(written)
        s.point(Kind.MONEY if kind == "money" else Kind.COUNT, start, figure_end, value, hedge,
                unit=unit, anaphoric=digits and not said, **said)  # fmt: skip


def extract(text: str, excluded: list[Excluded] | None = None) -> list[Found]:
    """Figures of a (normalised) Chinese text, in text order (spans in ``text``)."""
    from .exclusions import find

    s = Scanner(text, find(text, "zh") if excluded is None else excluded)
    for stage in (
        _years_bc,
        _seasons,
        _calendar_parts,
        _dates,
        _years_ad,
        _decades,
        _centuries,
        _magnitudes,
        _bounds,
        _vague_percents,
        _percent_ranges,
        _ranges,
        _percents,
        _money,
        _years,
        _vague,
        _few_times,
        _half_times,
        _counts,
    ):
        stage(s)
    s.resolve_date_order()
    s.merge_periods(_PERIOD_GAP)
    s.merge_durations(_DURATION_GAP)
    s.resolve_dates()
    s.found = [f for f in s.found if not (f.pending and not f.pending[0])]  # 三日 alone: days
    s.resolve_anaphora()
    return sorted(s.found, key=lambda f: f.start)
