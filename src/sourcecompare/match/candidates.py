"""Candidate pairs: which claims of two documents may state the same fact, scored with the
evidence that says so.

For every pair of documents, each claim is tried against the claims of the other document
whose figures are near enough to be one fact (:class:`ValueIndex`: within a factor of ten,
or ten years).  A pair is scored as the sum of its evidence (weights in
:class:`~sourcecompare.match.settings.CompareSettings`):

* **attribute**: the same lexicon key on both sides (``死亡`` / ``died``; an infobox row
  ``死亡`` / ``Fatalities``) counts for, two different ones against;
* **counted noun**: ``两道法案`` / ``two bills`` meet on ``bill``;
* **context**: the shared language-neutral keys of the two sentences, rare keys weighing more;
* **figure**: the closeness of the two figures times their specificity (a large count or a
  full date is telling; ``two`` is not, so a small number needs other evidence to match);
* **aligned paragraphs**, **the same unit**, and **a figure each side states only once**;
* **anchors**: a figure about an event in another year (``in 2014``, against ``in 2016``)
  counts against.

A pair whose kinds, units or figures cannot fit scores 0.  Each :class:`Candidate` keeps its
evidence as readable lines, for the finding and its reviewer.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import combinations

from ..model import Alignment, Claim, Document
from . import figures as fig
from .attributes import RANK_KEY, Profile
from .settings import CompareSettings

__all__ = [
    "MAX_CANDIDATES",
    "Candidate",
    "Keys",
    "Rarity",
    "ValueIndex",
    "aligned_pairs",
    "candidates",
    "claim_keys",
    "context_overlap",
    "rarity",
    "score_pair",
]

#: candidates scored per claim and other document (long documents repeat figures: 1945,
#: "two"...; the best match of a claim is among its aligned or closest figures)
MAX_CANDIDATES = 32
#: counted nouns too general to say two figures count the same thing
#: (a share's unit says it is a part, not of what; a rank's that it is a position, not in what)
GENERIC_NOUNS = frozenset(
    {
        "person",
        "people",
        "year",
        "years",
        "date",
        "time",
        "occurrence",
        "fraction",
        "percent",
        "rank",
        "",
    }
)


@dataclass(frozen=True)
class Keys:
    """A claim's context keys: ``near`` (the words next to the figure) and ``sentence``."""

    near: frozenset[str]
    sentence: frozenset[str]


@dataclass(frozen=True)
class Candidate:
    """Two claims of different documents that may state the same fact.

    ``strong`` says whether the evidence is enough to call a disagreement a conflict (the
    same attribute, or the same counted noun in a shared context).
    """

    a: str
    b: str
    score: float
    strong: bool
    attribute: str
    evidence: tuple[str, ...]


class Rarity(dict[str, float]):
    """The weight of each context key (:func:`rarity`; a key not among them weighs 1), with
    the total weight of each set of keys worked out once: a document that states many figures
    in one sentence tries each of them against the other document's, and every try needs the
    totals of both sentences' keys."""

    __slots__ = ("_totals",)

    def __init__(self, weights: Mapping[str, float] | None = None) -> None:
        super().__init__(weights or {})
        self._totals: dict[frozenset[str], float] = {}

    def total(self, keys: frozenset[str]) -> float:
        """The summed weight of ``keys``."""
        found = self._totals.get(keys)
        if found is None:
            found = self._totals[keys] = sum(self.get(k, 1.0) for k in keys)
        return found


def _overlap(ka: frozenset[str], kb: frozenset[str], weight: Rarity) -> float:
    """Shared keys' weight over the lighter side's weight (0..1)."""
    if not ka or not kb:
        return 0.0
    shared = sum(weight.get(k, 1.0) for k in ka & kb)
    return shared / min(weight.total(ka), weight.total(kb))


def context_overlap(
    a: Claim,
    b: Claim,
    keys: Mapping[str, Keys] | None = None,
    weight: Mapping[str, float] | None = None,
    near_share: float = 1.0,
) -> float:
    """Shared context of two claims (0..1): near keys weigh ``near_share``, the sentence the
    rest; without ``keys`` the claims' own context keys."""
    w = weight if isinstance(weight, Rarity) else Rarity(weight)
    ka = keys[a.id] if keys and a.id in keys else Keys(frozenset(a.context), frozenset())
    kb = keys[b.id] if keys and b.id in keys else Keys(frozenset(b.context), frozenset())
    near = _overlap(ka.near, kb.near, w)
    if not ka.sentence or not kb.sentence:
        return near
    return near_share * near + (1 - near_share) * _overlap(ka.sentence, kb.sentence, w)


def claim_keys(docs: Mapping[str, Document], claims: Sequence[Claim]) -> dict[str, Keys]:
    """Near and whole-sentence context keys of each claim (sentences read once each)."""
    from ..claims.context import keys as context_keys

    cache: dict[tuple[str, str], frozenset[str]] = {}
    # the keys of a context and of a sentence with it, made once each: a list's figures
    # share them (fewer sets for the collector to walk)
    near_of: dict[tuple[str, ...], frozenset[str]] = {}
    both_of: dict[tuple[str, str, frozenset[str]], frozenset[str]] = {}
    out: dict[str, Keys] = {}
    for c in claims:
        language = docs[c.document].language if c.document in docs else "en"
        sentence = c.sentence_text
        found = cache.get((language, sentence))
        if found is None:
            found = frozenset(
                context_keys(sentence, 0, 0, language, sentence=(0, len(sentence)), window=10**6)
            )
            cache[(language, sentence)] = found
        context = tuple(c.context)  # (the same tuple, for a claim made as typed)
        near = near_of.get(context)
        if near is None:
            near = near_of[context] = frozenset(context)
        both = both_of.get((language, sentence, near))
        if both is None:
            both = both_of[language, sentence, near] = found | near
        out[c.id] = Keys(near, both)
    return out


def rarity(all_keys: Iterable[Keys]) -> Rarity:
    """``log(1 + N / df)`` of each key over the claims compared: rare keys weigh more."""
    df: dict[str, int] = {}
    n = 0
    for k in all_keys:
        n += 1
        for key in k.sentence:
            df[key] = df.get(key, 0) + 1
    return Rarity({key: math.log(1 + n / d) for key, d in df.items()})


def aligned_pairs(alignments: Iterable[Alignment]) -> frozenset[tuple[str, int, str, int]]:
    """``(document, paragraph, document, paragraph)`` of every aligned paragraph pair, both
    ways round."""
    pairs: set[tuple[str, int, str, int]] = set()
    for al in alignments:
        if al.unit != "paragraph":
            continue
        for link in al.links:
            for i in link.source:
                for j in link.target:
                    pairs.add((al.source, i, al.target, j))
                    pairs.add((al.target, j, al.source, i))
    return frozenset(pairs)


_NONE: frozenset[int] = frozenset()


def by_closeness(
    claim: Claim, paragraphs: AbstractSet[int]
) -> Callable[[Claim], tuple[bool, float, str]]:
    """The order in which another document's near claims are candidates of ``claim``: those
    in ``paragraphs`` (aligned with the claim's) first, then the closest figures, then by id."""
    at = fig.point(claim) or 0.0

    def key(b: Claim) -> tuple[bool, float, str]:
        return (b.paragraph not in paragraphs, abs((fig.point(b) or 0.0) - at), b.id)

    return key


class ValueIndex:
    """The claims of one document by family and point value, to find the candidates of a
    claim without trying every pair: within a factor of ten, or ten years."""

    def __init__(self, claims: Iterable[Claim]) -> None:
        by_family: dict[str, list[tuple[float, int, Claim]]] = {}
        for n, c in enumerate(claims):
            family, point = fig.family(c), fig.point(c)
            if family is not None and point is not None:
                by_family.setdefault(family, []).append((point, n, c))
        for entries in by_family.values():
            entries.sort(key=lambda e: e[:2])
        self._points = {f: [p for p, _, _ in v] for f, v in by_family.items()}
        self._claims = {f: [c for _, _, c in v] for f, v in by_family.items()}
        # the places in a family's sorted list of each paragraph's claims, ascending (made by
        # the first closest())
        self._in_paragraph: dict[tuple[str, int], list[int]] | None = None
        # claims by family and number as written, then by the unit written: a unit slip is the
        # same number in another unit, so only the other units' claims are tried
        self._written: dict[tuple[str, float], dict[str, list[Claim]]] = {}
        # the points of the claims stating one figure, and of those writing one number in one
        # kind, so that count() and echoes() bisect instead of scanning every near claim
        self._by_span: dict[tuple[str, tuple[float, float]], list[float]] = {}
        self._by_written: dict[tuple[str, tuple[float | None, str], str], list[float]] = {}
        for f, entries in by_family.items():
            for p, _, c in entries:
                number, unit = written = fig.written(c)
                if number is not None:
                    self._written.setdefault((f, number), {}).setdefault(unit, []).append(c)
                self._by_span.setdefault((f, fig.span(c)), []).append(p)
                self._by_written.setdefault((f, written, c.kind), []).append(p)

    def _window(self, claim: Claim) -> tuple[str, float, float] | None:
        """The family and the range of points within which claims are near ``claim``."""
        family, point = fig.family(claim), fig.point(claim)
        if family is None or point is None or family not in self._points:
            return None
        if family == "time":
            return family, point - 10, point + 10
        if point > 0:
            return family, point / 10, point * 10
        return None

    def near(self, claim: Claim) -> list[Claim]:
        window = self._window(claim)
        if window is None:
            return []
        family, low, high = window
        points = self._points[family]
        found = self._claims[family][bisect_left(points, low) : bisect_right(points, high)]
        number = fig.written(claim)[0]
        if number is None or family == "time":
            return found
        # the same number in another unit of the dimension (1 lipa, 一庫納幣) is near too
        slips = self._slips(claim, family)
        if not slips:
            return found
        inside = {id(c) for c in found}
        return found + [c for c in slips if id(c) not in inside]

    def closest(self, claim: Claim, k: int, paragraphs: AbstractSet[int]) -> list[Claim]:
        """:meth:`near`, or when it holds more than ``k`` claims its first ``k`` in the order
        of :func:`by_closeness` (those in ``paragraphs``, the paragraphs aligned with the
        claim's, first; then the closest figures), found without ordering every near claim:
        the claims of ``paragraphs`` are looked up by paragraph, the others read outwards
        from the claim's point (:meth:`closest_plainly` is the obviously correct form)."""
        window = self._window(claim)
        if window is None:
            return []
        family, low, high = window
        points, claims = self._points[family], self._claims[family]
        lo, hi = bisect_left(points, low), bisect_right(points, high)
        number = fig.written(claim)[0]
        slips = (
            []
            if number is None or family == "time"
            else [
                c
                for c in self._slips(claim, family)
                if not low <= (fig.point(c) or math.nan) <= high
            ]
        )
        if hi - lo + len(slips) <= k:
            return claims[lo:hi] + slips
        pool = list(slips)
        if self._in_paragraph is None:
            self._in_paragraph = {}
            for f, claims_of in self._claims.items():
                for i, c in enumerate(claims_of):
                    self._in_paragraph.setdefault((f, c.paragraph), []).append(i)
        for paragraph in paragraphs:
            places = self._in_paragraph.get((family, paragraph), [])
            pool += [claims[i] for i in places[bisect_left(places, lo) : bisect_left(places, hi)]]
        at = fig.point(claim) or 0.0
        left = right = min(max(bisect_left(points, at), lo), hi)
        left -= 1
        taken, farthest = 0, -1.0
        while left >= lo or right < hi:
            go_left = right >= hi or (left >= lo and at - points[left] <= points[right] - at)
            i = left if go_left else right
            distance = abs(points[i] - at)
            if taken >= k and distance > farthest:
                break  # every claim further out comes after the k taken
            if go_left:
                left -= 1
            else:
                right += 1
            if claims[i].paragraph in paragraphs:
                continue  # in the pool already
            pool.append(claims[i])
            taken += 1
            farthest = distance
        return sorted(pool, key=by_closeness(claim, paragraphs))[:k]

    def closest_plainly(self, claim: Claim, k: int, paragraphs: AbstractSet[int]) -> list[Claim]:
        """:meth:`closest` by ordering every near claim (for the tests)."""
        near = self.near(claim)
        if len(near) <= k:
            return near
        return sorted(near, key=by_closeness(claim, paragraphs))[:k]

    def _slips(self, claim: Claim, family: str) -> list[Claim]:
        """This document's claims that write ``claim``'s number in another unit of its
        dimension or currency (:func:`figures.unit_slip`)."""
        number, unit = fig.written(claim)
        if number is None or not unit:
            return []
        units = self._written.get((family, number), {})
        return [
            c
            for other, claims in units.items()
            if other and other != unit
            for c in claims
            if fig.unit_slip(claim, c)
        ]

    def count(self, claim: Claim) -> int:
        """How many claims of this document state exactly this claim's figure (those of
        :meth:`near` with its span; :meth:`count_plainly` is the obviously correct form)."""
        window = self._window(claim)
        if window is None:
            return 0
        family, low, high = window
        span = fig.span(claim)
        found = self._in_window(self._by_span.get((family, span), []), low, high)
        return found + self._outside_slips(claim, family, low, high, lambda c: fig.span(c) == span)

    def count_plainly(self, claim: Claim) -> int:
        """:meth:`count` by scanning every near claim (for the tests)."""
        return sum(1 for c in self.near(claim) if fig.span(c) == fig.span(claim))

    @staticmethod
    def _in_window(points: list[float], low: float, high: float) -> int:
        # points are appended in sorted order (each family's entries are sorted)
        return bisect_right(points, high) - bisect_left(points, low)

    def _outside_slips(
        self, claim: Claim, family: str, low: float, high: float, keep: Callable[[Claim], bool]
    ) -> int:
        """The unit slips :meth:`near` adds beyond the window that ``keep`` keeps."""
        if family == "time":
            return 0
        return sum(
            1
            for c in self._slips(claim, family)
            if not low <= (fig.point(c) or math.nan) <= high and keep(c)
        )

    def echoes(self, claim: Claim) -> int:
        """How many claims of this document write this claim's number (``750`` against
        ``不超過750名``), in the same unit."""
        number = fig.written(claim)
        window = self._window(claim)
        if number[0] is None or window is None:
            return 0
        family, low, high = window
        found = self._in_window(self._by_written.get((family, number, claim.kind), []), low, high)
        return found + self._outside_slips(
            claim, family, low, high, lambda c: fig.written(c) == number and c.kind == claim.kind
        )

    def echoes_plainly(self, claim: Claim) -> int:
        """:meth:`echoes` by scanning every near claim (for the tests)."""
        number = fig.written(claim)
        if number[0] is None:
            return 0
        return sum(1 for c in self.near(claim) if fig.written(c) == number and c.kind == claim.kind)


def _sole_kind(c: Claim) -> str | None:
    """The figures of which one alone in each of two aligned paragraphs is telling: a full
    date, a duration."""
    if fig.is_full_date(c):
        return "date"
    if c.kind == "duration":
        return "duration"
    return None


def _fits(a: Claim, b: Claim) -> bool:
    fa, fb = fig.family(a), fig.family(b)
    if fa is None or fa != fb:
        return False
    if fa == "time":
        return True
    if fa == "money" and a.unit and b.unit and a.unit != b.unit:
        return False  # another currency: not comparable without a rate
    return fig.same_dimension(a, b)


def score_pair(
    a: Claim,
    b: Claim,
    aligned: bool,
    settings: CompareSettings | None = None,
    *,
    profiles: Mapping[str, Profile] | None = None,
    keys: Mapping[str, Keys] | None = None,
    weight: Mapping[str, float] | None = None,
    repeats: int = 1,
    echo: bool = False,
    sole: bool = False,
) -> Candidate | None:
    """The candidate two claims make, or ``None`` when their kinds, units or figures cannot
    fit or their evidence is below the threshold (see the module).  ``repeats``: how often
    the more repeated of the two figures is stated in its document (a figure each side
    states once is telling); ``echo``: one document writes the other's number elsewhere, so
    a disagreement between these two is weak evidence (their partners are likely those);
    ``sole``: each is the only full date (or the only duration) of its paragraph (two aligned
    paragraphs that each date one day within a year of each other date one event; that each
    state one span of time, "About a month later" / "數月後", state one interval)."""
    s = settings or CompareSettings()
    if not _fits(a, b):
        return None
    close = fig.closeness(a, b)
    if close <= 0.0:
        return None
    pa = (profiles or {}).get(a.id) or Profile(a.id)
    pb = (profiles or {}).get(b.id) or Profile(b.id)
    evidence: list[str] = []
    spec_a, spec_b = fig.specificity(a), fig.specificity(b)
    family = fig.family(a)
    figure = close * min(spec_a, spec_b)
    shared_attr = sorted(pa.keys & pb.keys)
    if family == "rank":
        # a rank is a position in one ordering: both must rank the same thing, each the
        # thing the other ranks ("sixth-busiest cargo airport" is no 旅客量居世界第7)
        # (or, with no attribute read around either figure, count the same thing: 第四樂章 /
        # "fourth movement"; a key standing in from the whole sentence says nothing of what
        # is ranked)
        shared_attr = [k for k in shared_attr if k != RANK_KEY]
        if shared_attr:
            if (pa.head and pa.head not in pb.keys) or (pb.head and pb.head not in pa.keys):
                return None
        elif (pa.own_keys | pb.own_keys) - {RANK_KEY} or not (pa.noun & pb.noun) - GENERIC_NOUNS:
            return None
    disagree = bool(pa.keys and pb.keys and not shared_attr)
    # keys standing in from a whole sentence or heading say less about what a figure measures
    # than keys read next to it: their disagreement counts half against
    stand_in = 1.0 if pa.own_keys and pb.own_keys else 0.5
    attribute = shared_attr[0] if shared_attr else ""
    # the attribute that governs each figure must be one the other states too; for two
    # telling times each governed by an attribute, one way is enough (one side may date a
    # further step of the event: "announced that it was acquiring" / "收购", a day apart);
    # a time governed by nothing near it is not enough ("hired in May" / "7月購得")
    governs_b = not pa.head or pa.head in pb.keys
    governs_a = not pb.head or pb.head in pa.keys
    one_way = family == "time" and figure >= s.telling_figure and bool(pa.head and pb.head)
    governed = bool(shared_attr) and (
        (governs_a and governs_b) or (one_way and (governs_a or governs_b))
    )
    if shared_attr:
        heads = [k for k in (pa.head, pb.head) if k in shared_attr]
        attribute = heads[0] if heads else attribute
        said = f"“{pa.surface(attribute)}” / “{pb.surface(attribute)}”"
        evidence.append(f"the same attribute, {attribute}: {said}")
        if not governed:
            evidence.append(f"but each figure is governed by another: {pa.head} / {pb.head}")
        elif not (governs_a and governs_b):
            head = pa.head if governs_a else pb.head
            evidence.append(f"one time is governed by {head}, a further step of the same event")
    if pa.row and pb.row:
        evidence.append(f"table rows “{pa.row}” / “{pb.row}”")
    if disagree:
        evidence.append(f"different attributes: {pa.head or '?'} / {pb.head or '?'}")
    nouns = (pa.noun & pb.noun) - GENERIC_NOUNS
    if nouns:
        evidence.append(f"the same counted noun, {sorted(nouns)[0]}")
    elif keys and a.id in keys and b.id in keys:
        # what one counts, named next to the other figure ("6,836 of the migrants possessed
        # Japanese citizenship" / "6,637 Japanese people")
        nouns = ((pa.noun & keys[b.id].near) | (pb.noun & keys[a.id].near)) - GENERIC_NOUNS
        if nouns:
            evidence.append(f"the counted noun {sorted(nouns)[0]} named next to both figures")
    anchor_clash = bool(pa.anchors and pb.anchors and not pa.anchors & pb.anchors)
    if anchor_clash:
        evidence.append(
            "about different years: "
            f"{', '.join(map(str, sorted(pa.anchors)))} / {', '.join(map(str, sorted(pb.anchors)))}"
        )
    context = context_overlap(a, b, keys, weight, s.near_share)
    (a_low, a_high), (b_low, b_high) = fig.span(a), fig.span(b)
    same_figure = (a_low, a_high) == (b_low, b_high)
    nested = family == "time" and (
        (a_low <= b_low and b_high <= a_high) or (b_low <= a_low and a_high <= b_high)
    )
    once = (same_figure or nested) and repeats >= 1
    # a figure stated once on each side is telling, unless it is small ("two" is everywhere)
    repeated = min(1.0, 3 * min(spec_a, spec_b))
    repeated /= math.sqrt(max(repeats, 1))
    # a small number written elsewhere says nothing: "three" is everywhere
    telling_pair = max(spec_a, spec_b) >= s.telling_figure
    echoed = echo and telling_pair and not same_figure and a.value != b.value
    # the only day each of two aligned paragraphs dates, within a year: one event
    # (unless one document writes the other's figure elsewhere: its partner is likely that)
    sole_day = (
        sole and aligned and not echo and _sole_kind(a) is not None
        and _sole_kind(a) == _sole_kind(b)
    )  # fmt: skip
    telling = bool(shared_attr or nouns or once or sole_day)
    if context < s.min_context * (1.0 - figure) and not telling:
        return None  # the same telling figure needs no context; anything else does
    if context >= s.min_context and keys and a.id in keys and b.id in keys:
        words = sorted(keys[a.id].sentence & keys[b.id].sentence, key=lambda k: (-len(k), k))
        if words:
            evidence.append(f"shared context {context:.2f}: {', '.join(words[:6])}")
    if aligned:
        evidence.append(f"aligned paragraphs {a.paragraph} ~ {b.paragraph}")
    if once:
        said = "the same figure" if same_figure else "one time within the other"
        times = "once" if repeats == 1 else f"up to {repeats} times"
        evidence.append(f"{said}, stated {times} in each document")
    if sole_day:
        what = "full date" if _sole_kind(a) == "date" else "duration"
        evidence.append(f"the only {what} of each of the two aligned paragraphs")
    unit = 1.0 if a.unit and a.unit == b.unit else 0.0
    # a telling figure outweighs words that only seem to disagree
    doubt = 1.0 - figure
    score = (
        s.w_attribute * (1.0 if shared_attr else -0.5 * doubt * stand_in if disagree else 0.0)
        + s.w_noun * (1.0 if nouns else 0.0)
        + s.w_context * context
        + s.w_closeness * figure
        + s.w_aligned * (1.0 if aligned else 0.0)
        + s.w_unit * unit
        + s.w_unique * (repeated if once else 1.0 if sole_day else 0.0)
        - s.w_echo * (1.0 if echoed else 0.0)
        - s.w_anchor * doubt * (1.0 if anchor_clash else 0.0)
    )
    if score < s.threshold:
        return None
    # a period against a single time states a span against an instant: never strong
    shape = fig.is_period(a) == fig.is_period(b)
    # an attribute read only from a whole sentence or heading is strong for a telling figure
    read_near = bool(pa.own_keys & pb.own_keys)
    by_attribute = governed and (read_near or figure >= s.telling_figure)
    # or the two sentences say the same thing (most of their rare words shared, aligned)
    same_sentence = aligned and context >= s.same_sentence
    if same_sentence:
        evidence.append("the two sentences share most of their words")
    by_noun = bool(nouns and context >= s.strong_context)
    strong = (by_attribute or by_noun or same_sentence or sole_day) and not echoed
    # two times that say when one thing was counted ("by 2016, 150 survivors" / "2014年時
    # 仍有172名生還者") date two counts, not one event
    moments = sorted(pa.counted & pb.counted) if not pa.counts & pb.counts else []
    if moments:
        evidence.append(f"both are times at which {moments[0]} was counted")
    # different attributes, or figures about different years, are never one fact for sure
    strong = strong and shape and not disagree and not anchor_clash and not moments
    if echoed:
        evidence.append("the other document states this very figure elsewhere")
    return Candidate(a.id, b.id, round(score, 4), strong, attribute, tuple(evidence))


def candidates(
    documents: Sequence[Document],
    matchable: Mapping[str, Sequence[Claim]],
    profiles: Mapping[str, Profile],
    alignments: Sequence[Alignment] = (),
    settings: CompareSettings | None = None,
) -> tuple[Candidate, ...]:
    """Every scored candidate pair between the matchable claims of each pair of documents,
    best first."""
    s = settings or CompareSettings()
    docs = {d.id: d for d in documents}
    all_claims = [c for cs in matchable.values() for c in cs]
    keys = claim_keys(docs, all_claims)
    weight = rarity(keys.values())
    aligned = aligned_pairs(alignments)
    facing: dict[tuple[str, int, str], set[int]] = {}
    for d1, p1, d2, p2 in aligned:
        facing.setdefault((d1, p1, d2), set()).add(p2)
    days: dict[tuple[str, int, str], int] = {}
    for c in all_claims:
        kind = _sole_kind(c)
        if kind is not None:
            days[(c.document, c.paragraph, kind)] = days.get((c.document, c.paragraph, kind), 0) + 1
    found: list[Candidate] = []
    for da, db in combinations([d.id for d in documents], 2):
        index_a = ValueIndex(matchable.get(da, []))
        index_b = ValueIndex(matchable.get(db, []))
        # what depends on one claim alone is counted once for it, not once per pair
        count_b: dict[str, int] = {}
        echoed_b: dict[str, bool] = {}
        for a in matchable.get(da, []):
            # candidates from aligned paragraphs first, then the closest figures
            near = index_b.closest(a, MAX_CANDIDATES, facing.get((da, a.paragraph, db), _NONE))
            seen_a = index_a.count(a)
            echoed_a = index_b.echoes(a) > 0 if near else False
            for b in near:
                seen_b = count_b.get(b.id)
                if seen_b is None:
                    seen_b = count_b[b.id] = index_b.count(b)
                echo_b = echoed_b.get(b.id)
                if echo_b is None:
                    echo_b = echoed_b[b.id] = index_a.echoes(b) > 0
                cand = score_pair(
                    a,
                    b,
                    (da, a.paragraph, db, b.paragraph) in aligned,
                    s,
                    profiles=profiles,
                    keys=keys,
                    weight=weight,
                    repeats=max(seen_a, seen_b),
                    echo=echoed_a or echo_b,
                    sole=_sole_kind(a) is not None
                    and days.get((da, a.paragraph, str(_sole_kind(a)))) == 1
                    and days.get((db, b.paragraph, str(_sole_kind(b)))) == 1,
                )
                if cand is not None:
                    found.append(cand)
    found.sort(key=lambda e: (-e.score, e.a, e.b))
    return tuple(found)
