"""Finding discrepancies: the orchestration of the matching stages (:mod:`sourcecompare.match`)
and :func:`compare`, the whole pipeline from files to a report.

1. **Profiles.**  Each claim's attribute (what it measures), counted noun, row key and anchors.
2. **Candidates.**  For every pair of documents, every pair of claims whose kinds fit is scored
   with its evidence.
3. **Facts.**  Pairs are taken best first; each claim matches at most one claim in each other
   document.  A fact stated by three documents is one finding listing all three.
4. **Relations and findings.**  The same interval is an *agreement*; overlapping intervals are
   *compatible*; disjoint ones a *conflict* on strong evidence, a *possible* conflict on thin.
   A claim no other document matches is *one-sided*.
5. **Reliability.**  Claims in user comments are listed but never matched against other
   sources, so they never raise a conflict.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from itertools import combinations
from pathlib import Path

from . import _fork
from .match import figures as fig
from .match.attributes import lexicon_with, profile
from .match.candidates import candidates as candidate_pairs
from .match.candidates import score_pair
from .match.facts import group
from .match.findings import FindingIds, one_sided, ordered
from .match.findings import findings as fact_findings
from .match.relations import relation_of
from .match.settings import CompareSettings
from .model import Alignment, Claim, Document, Finding, Report, tier_of
from .settings import Settings, run_settings

__all__ = [
    "CompareSettings",
    "Settings",
    "compare",
    "find_discrepancies",
    "match_score",
    "relation_of",
]

log = logging.getLogger(__name__)

#: tiers whose claims are never matched (shown, never raising a conflict)
UNMATCHED_TIERS = frozenset({"user-comments"})


def match_score(
    a: Claim, b: Claim, aligned: bool, settings: CompareSettings | None = None
) -> float:
    """How strongly two claims of different documents state the same fact, on their own
    (no profiles, the claims' context keys alone); 0 when they cannot be one fact."""
    cand = score_pair(a, b, aligned, settings)
    return cand.score if cand is not None else 0.0


def find_discrepancies(
    documents: Sequence[Document],
    claims: Sequence[Claim],
    alignments: Sequence[Alignment] = (),
    settings: CompareSettings | None = None,
) -> tuple[Finding, ...]:
    """Group claims of different documents into facts and say how each fact's figures relate."""
    s = settings or CompareSettings()
    docs = {d.id: d for d in documents}
    by_id = {c.id: c for c in claims}
    tiers = {d.id: tier_of(d) for d in documents}
    matchable: dict[str, list[Claim]] = {d.id: [] for d in documents}
    for c in claims:
        if fig.family(c) is None or c.document not in docs:
            continue
        doc = docs[c.document]
        paragraph = doc.paragraphs[c.paragraph] if 0 <= c.paragraph < len(doc.paragraphs) else None
        if tier_of(doc, paragraph) in UNMATCHED_TIERS:
            continue
        matchable[c.document].append(c)
    matched = [c for cs in matchable.values() for c in cs]
    profiles = profile(documents, matched, lexicon_with(s.attribute_files))
    found = candidate_pairs(documents, matchable, profiles, alignments, s)
    facts = group(found, {c.id: c.document for c in claims})
    taken = FindingIds()
    results = list(fact_findings(facts, by_id, tiers, taken))
    in_fact = {cid for f in facts for cid in f.claims}
    alone = [c for c in claims if c.id not in in_fact and fig.family(c) is not None]
    results += one_sided(alone, taken)
    return ordered(results, tiers)


def _with_reviewed(alignment: Alignment, folder: Path) -> Alignment:
    """``alignment`` with the reviewed links of its saved file in ``folder``, if there is one."""
    from .align.store import file_name, load, merge_reviewed

    path = folder / file_name(alignment.source, alignment.target)
    if not path.is_file():
        return alignment
    return merge_reviewed(alignment, load(path))


def compare(
    inputs: Iterable[str | Path | Document],
    *,
    mode: str | None = None,
    settings: Settings | CompareSettings | None = None,
    alignments: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
    encoding: str | None = None,
    parallel: bool = False,
) -> Report:
    """Read (or take) documents, extract their claims, align every pair and find discrepancies.

    ``inputs`` are files, corpus folders (with a ``manifest.toml``) or :class:`Document` values.
    ``settings`` is the whole settings tree (:class:`~sourcecompare.settings.Settings`) or its
    matching part alone (:class:`CompareSettings`, with the other parts at their defaults);
    ``mode``, when given, is the alignment mode of every pair (``settings.align.mode``).
    Every document is segmented with ``settings.segment`` (a given document segmented
    otherwise is segmented again).  ``alignments`` is a folder of saved alignments
    (``sourcecompare align --save``): the links a person marked reviewed there are used as
    they are.  ``progress`` is called with a short description before each step (the CLI
    shows a bar).  ``encoding`` reads every file in that encoding, winning over detection
    and over the manifests' ``encoding`` keys (a file that is not valid in it raises
    :class:`~sourcecompare.errors.EncodingError` naming the file).  With ``parallel`` the
    claims are extracted on a second core while the pairs are aligned here, where that is
    safe (Linux, two processors or more, no other thread: :mod:`sourcecompare._fork`), the
    longest document first; the documents that core has not reached when the pairs are done
    are extracted here.  Elsewhere, or if that child fails, they are all extracted here: the
    report is the same either way.  The command line asks for it (its process runs one job).
    The report's signature is ``settings.signature()``.
    """
    from .align import align, one_comparison
    from .pipeline import read_many
    from .readers import valid_document
    from .segment import segment

    run = run_settings(mode, settings)
    seg = run.segment
    step = progress or (lambda _msg: None)
    docs: list[Document] = []
    paths: list[str | Path] = []
    for item in inputs:
        if isinstance(item, Document):
            docs.append(valid_document(item))  # lone surrogates in a hand-built one replaced
        else:
            paths.append(item)
    if paths:
        step("reading")
        docs.extend(read_many(paths, segment=False, encoding=encoding))
    wanted = seg.signature()
    docs = [
        d
        if d.signature.endswith(wanted) and any(p.sentences for p in d.paragraphs)
        else segment(d, segmenter=seg.segmenter, config=seg.config)
        for d in docs
    ]
    job = _claims_job(docs) if parallel else None
    claims = _claims_here(docs, step) if job is None else []
    aligned: list[Alignment] = []
    try:
        with one_comparison():  # each document's words keyed once for all its pairs
            for a, b in combinations(docs, 2):
                step(f"align: {a.id} ~ {b.id}")
                alignment = align(a, b, mode=run.align.mode, unit=run.align.unit,
                                  config=seg.config)  # fmt: skip
                if alignments is not None:
                    alignment = _with_reviewed(alignment, Path(alignments))
                aligned.append(alignment)
    except BaseException:  # (Ctrl-C too) the child is stopped, not left running
        if job is not None:
            job[0].cancel()
        raise
    if job is not None:
        claims = _claims_result(job, docs, step)
    step("comparing")
    findings = find_discrepancies(docs, claims, aligned, run.match)
    return Report(
        documents=tuple(docs),
        alignments=tuple(aligned),
        claims=tuple(claims),
        findings=findings,
        signature=run.signature(),
    )


def _claims_job(docs: Sequence[Document]) -> tuple[_fork.Shared, list[int]] | None:
    """The claims of ``docs`` shared with a forked child (:func:`sourcecompare._fork.share`):
    it extracts them while this process aligns, the longest document first, and this process
    takes the ones left once it has aligned, from the shortest up.  The job and the documents'
    order (indices into ``docs``); ``None`` where forking is not safe here."""
    import pickle

    from .claims import extract_claims, load_resources

    order = sorted(range(len(docs)), key=lambda i: -sum(len(p.text) for p in docs[i].paragraphs))

    def work(task: int) -> bytes:
        return pickle.dumps(extract_claims(docs[order[task]]), pickle.HIGHEST_PROTOCOL)

    if not _fork.usable():
        return None
    # here, for both processes: the child would load (or on a first run build) its own
    load_resources({doc.language for doc in docs})
    shared = _fork.share(len(order), work)
    return None if shared is None else (shared, order)


def _claims_result(
    job: tuple[_fork.Shared, list[int]], docs: Sequence[Document], step: Callable[[str], None]
) -> list[Claim]:
    """The claims of :func:`_claims_job`: the documents the child has not taken extracted
    here, then the child's, and those it failed to give extracted here too (the same claims
    either way: the job only saves time)."""
    import pickle

    from .claims import extract_claims

    shared, order = job
    per_doc: list[Sequence[Claim] | None] = [None] * len(docs)
    try:
        for task in shared.take():
            doc = docs[order[task]]
            step(f"claims: {doc.id}")
            per_doc[order[task]] = extract_claims(doc)
    except BaseException:
        shared.cancel()
        raise
    step("claims")
    for task, part in enumerate(shared.result()):
        i = order[task]
        if per_doc[i] is None and part is not None:
            per_doc[i] = pickle.loads(part)
    claims: list[Claim] = []
    for doc, done in zip(docs, per_doc, strict=True):
        if done is None:
            step(f"claims: {doc.id}")
            claims.extend(extract_claims(doc))
        else:
            claims.extend(done)
    return claims


def _claims_here(docs: Sequence[Document], step: Callable[[str], None]) -> list[Claim]:
    """The claims of ``docs``, extracted in this process, a step each."""
    from .claims import extract_claims

    claims: list[Claim] = []
    for doc in docs:
        step(f"claims: {doc.id}")
        claims.extend(extract_claims(doc))
    return claims
