"""The review store (verdicts, append-only history, runs), the compare hook that keeps verdicts
across re-runs, and the exports (CSV, ClaimReview JSON-LD).

Test report folders are written by hand (:func:`write_report_dir`) and checked against
``docs/report-schema.json``, so they are what ``compare -o`` writes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

from sourcecompare.cli import main
from sourcecompare.model import (
    Claim,
    Document,
    Finding,
    OffsetMap,
    Paragraph,
    ParagraphKind,
    Relation,
    Report,
    Severity,
)
from sourcecompare.report import to_json
from sourcecompare.review import (
    ExportError,
    FindingSnapshot,
    InvalidVerdict,
    ReviewError,
    ReviewStore,
    ReviewStoreError,
    Status,
    UnknownFinding,
    apply_review,
    claimreview_items,
    csv_text,
    read_report,
    review_sync,
    snapshots_from_report,
)
from sourcecompare.review.export import CSV_COLUMNS, export_folder

from .conftest import ROOT

SCHEMA = ROOT / "docs" / "report-schema.json"
XSS = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'

# ------------------------------------------------------------------ a hand-made report folder

DOCUMENTS: list[dict[str, Any]] = [
    {
        "id": "zh-wiki",
        "path": "zh-wiki.md",
        "title": "在北韓的日本人",
        "language": "zh",
        "script": "traditional",
        "format": "markdown-wiki",
        "tier": "encyclopedia",
        "metadata": {
            "tier": "encyclopedia",
            "publisher": "Chinese Wikipedia",
            "url": "https://zh.wikipedia.org/wiki/在北韓的日本人",
        },
        "paragraphs": [
            {
                "index": 0,
                "kind": "body",
                "section": [],
                "label": None,
                "text": "1959年至1984年間，共有6637名日本人妻子隨丈夫前往北韓。",
            },
        ],
    },
    {
        "id": "en-wiki",
        "path": "en-wiki.txt",
        "title": "Japanese people in North Korea",
        "language": "en",
        "script": "latin",
        "format": "wiki-text",
        "tier": "encyclopedia",
        "metadata": {
            "tier": "encyclopedia",
            "publisher": "English Wikipedia",
            "url": "https://en.wikipedia.org/wiki/Japanese_people_in_North_Korea",
        },
        "paragraphs": [
            {
                "index": 0,
                "kind": "body",
                "section": [],
                "label": None,
                "text": "About 6,836 Japanese wives went with their husbands between 1959 and "
                "1984; some 27,500 people had gone by 1961.",
            },
        ],
    },
    {
        "id": "video",
        "path": "video.txt",
        "title": "Why nearly 100,000 people left Japan " + XSS,
        "language": "en",
        "script": "latin",
        "format": "video-page",
        "tier": "news-video",
        "metadata": {"tier": "news-video", "url": "javascript:alert(1)"},
        "paragraphs": [
            {
                "index": 0,
                "kind": "body",
                "section": [],
                "label": None,
                "text": "Nearly 100,000 people left Japan. " + XSS,
            },
        ],
    },
]


for _doc in DOCUMENTS:  # each paragraph is its file's whole text, one sentence
    for _p in _doc["paragraphs"]:
        _p["offsets"] = [[0, 0]]
        _p["sentences"] = [[0, len(_p["text"])]]


def _claim(cid: str, doc: str, text: str, sentence: str, value: float, **kw: Any) -> dict:
    start = sentence.index(text) if text in sentence else 0
    return {
        "id": cid, "document": doc, "paragraph": 0, "sentence": 0, "text": text,
        "kind": kw.get("kind", "count"), "value": value, "low": kw.get("low", value),
        "high": kw.get("high", value), "qualifier": kw.get("qualifier", "exact"),
        "unit": "person", "unit_text": "people", "start": start, "end": start + len(text),
        "sentence_text": sentence,
    }  # fmt: skip


ZH_S = DOCUMENTS[0]["paragraphs"][0]["text"]
EN_S = DOCUMENTS[1]["paragraphs"][0]["text"]
VIDEO_S = DOCUMENTS[2]["paragraphs"][0]["text"]
CLAIMS = [
    _claim("c-zh-6637", "zh-wiki", "6637名", ZH_S, 6637),
    _claim("c-en-6836", "en-wiki", "6,836", EN_S, 6836, qualifier="approximate"),
    _claim("c-en-27500", "en-wiki", "27,500", EN_S, 27500, qualifier="approximate"),
    _claim("c-zh-1959", "zh-wiki", "1959年", ZH_S, 1959, kind="year"),
    _claim("c-en-1959", "en-wiki", "1959", EN_S, 1959, kind="year"),
    _claim("c-video-100000", "video", "100,000", VIDEO_S, 100000, qualifier="approximate"),
]


def _finding(fid: str, relation: str, severity: str, claims: list[str], text: str) -> dict:
    return {"id": fid, "relation": relation, "severity": severity, "confidence": 0.8,
            "claims": claims, "explanation": text, "subject": "person", "status": None}  # fmt: skip


FINDINGS: dict[str, dict[str, Any]] = {
    f["id"]: f
    for f in [
        _finding("F-conflict", "conflict", "high", ["c-zh-6637", "c-en-6836"],
                 "zh-wiki says 6637 people; en-wiki says about 6,836: 199 apart (3.0%)"),
        _finding("F-agreement", "agreement", "info", ["c-zh-1959", "c-en-1959"],
                 "both say 1959: the same figure"),
        _finding("F-one-sided", "one-sided", "info", ["c-en-27500"],
                 "only en-wiki gives this figure: about 27,500 people"),
        _finding("F-xss", "one-sided", "info", ["c-video-100000"],
                 "only video gives this figure: " + XSS),
    ]
}  # fmt: skip


def report_data(finding_ids: list[str] | None = None, signature: str = "sc:test") -> dict:
    """report.json data holding the named findings (default: all of :data:`FINDINGS`)."""
    ids = list(FINDINGS) if finding_ids is None else finding_ids
    return {
        "sourcecompare": "0.1.0",
        "signature": signature,
        "documents": DOCUMENTS,
        "alignments": [],
        "claims": CLAIMS,
        "findings": [FINDINGS[i] for i in ids],
    }


def write_report_dir(
    folder: Path, finding_ids: list[str] | None = None, signature: str = "sc:test"
) -> Path:
    """Write ``folder/report.json`` (valid against docs/report-schema.json); return folder."""
    folder.mkdir(parents=True, exist_ok=True)
    data = report_data(finding_ids, signature)
    (folder / "report.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


def test_the_hand_made_report_is_a_valid_report() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(report_data())


# ------------------------------------------------------------------ the store


@pytest.fixture
def store(tmp_path: Path) -> ReviewStore:
    s = ReviewStore.open(tmp_path / "review.sqlite")
    s.sync_findings(read_report(write_report_dir(tmp_path / "out")).findings, "sc:test")
    yield s
    s.close()


def test_a_new_store_is_wal_with_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "review.sqlite"
    ReviewStore.open(path).close()
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA application_id").fetchone()[0] == 0x53435256
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_schema")}
        assert {"runs", "findings", "run_findings", "history", "verdicts"} <= tables
    finally:
        db.close()


def test_set_change_and_read_back(store: ReviewStore) -> None:
    assert store.verdict("F-conflict") is None
    first = store.set_verdict("F-conflict", Status.IN_PROGRESS, "checking", "ann")
    assert (first.revision, first.status, first.note, first.reviewer) == (
        1, Status.IN_PROGRESS, "checking", "ann"
    )  # fmt: skip
    second = store.set_verdict("F-conflict", "confirmed-discrepancy", "zh 6637 vs en 6,836", "bo")
    assert second.revision == 2
    assert store.verdict("F-conflict") == second
    assert [v.status for v in store.history("F-conflict")] == [
        Status.IN_PROGRESS, Status.CONFIRMED
    ]  # fmt: skip
    assert store.history("F-conflict")[0] == first
    assert store.statuses() == {"F-conflict": "confirmed-discrepancy"}


def test_setting_the_same_verdict_again_adds_no_history(store: ReviewStore) -> None:
    a = store.set_verdict("F-agreement", Status.NOT_DISCREPANCY, "same year", "ann")
    b = store.set_verdict("F-agreement", Status.NOT_DISCREPANCY, "same year", "ann")
    assert a == b
    assert len(store.history("F-agreement")) == 1


def test_unreviewed_is_a_change_but_not_a_status_of_the_report(store: ReviewStore) -> None:
    store.set_verdict("F-conflict", Status.CONFIRMED)
    store.set_verdict("F-conflict", Status.UNREVIEWED, "reopened")
    assert store.statuses() == {}
    assert len(store.history("F-conflict")) == 2


def test_history_is_append_only_even_for_raw_sql(store: ReviewStore) -> None:
    store.set_verdict("F-conflict", Status.CONFIRMED, "x")
    db = sqlite3.connect(store.path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute("UPDATE history SET note = 'forged'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute("DELETE FROM history")
    finally:
        db.close()
    assert store.verdict("F-conflict").note == "x"


@pytest.mark.parametrize(
    ("status", "note", "reviewer", "problem"),
    [
        ("maybe", "", "", "unknown status 'maybe'"),
        (Status.CONFIRMED, "x" * 10_001, "", "longer than"),
        (Status.CONFIRMED, "\ud800", "", "not valid Unicode"),
        (Status.CONFIRMED, "a\x00b", "", "NUL"),
        (Status.CONFIRMED, 5, "", "must be text"),
        (Status.CONFIRMED, "", "r" * 201, "longer than"),
    ],
)
def test_bad_verdicts_are_refused(
    store: ReviewStore, status: Any, note: Any, reviewer: Any, problem: str
) -> None:
    with pytest.raises(InvalidVerdict, match=problem):
        store.set_verdict("F-conflict", status, note, reviewer)
    assert store.history("F-conflict") == ()


def test_unknown_findings(store: ReviewStore) -> None:
    with pytest.raises(UnknownFinding):
        store.set_verdict("F-nope", Status.CONFIRMED)
    with pytest.raises(UnknownFinding):
        store.verdict("F-nope")
    with pytest.raises(UnknownFinding):
        store.history("F-nope")


def test_verdicts_persist_across_reopening(tmp_path: Path, store: ReviewStore) -> None:
    store.set_verdict("F-conflict", Status.CONFIRMED, "注：兩個數字不同", "林")
    store.close()
    again = ReviewStore.open(store.path)
    try:
        v = again.verdict("F-conflict")
        assert v is not None and (v.note, v.reviewer) == ("注：兩個數字不同", "林")
        assert again.integrity_check() == "ok"
    finally:
        again.close()


def test_runs_new_kept_resolved(tmp_path: Path) -> None:
    snaps = {s.id: s for s in read_report(write_report_dir(tmp_path / "out")).findings}
    with ReviewStore.open(tmp_path / "r.sqlite") as s:
        first = s.sync_findings([snaps["F-conflict"], snaps["F-agreement"]], "sig1")
        assert (first.new, first.kept, first.resolved) == (("F-conflict", "F-agreement"), (), ())
        s.set_verdict("F-conflict", Status.CONFIRMED, "kept?")
        s.set_verdict("F-agreement", Status.NOT_DISCREPANCY)
        # the same run again: no new run, the same answer
        assert s.sync_findings([snaps["F-conflict"], snaps["F-agreement"]], "sig1") == first
        second = s.sync_findings([snaps["F-conflict"], snaps["F-xss"]], "sig2")
        assert second.run == first.run + 1
        assert (second.new, second.kept, second.resolved) == (
            ("F-xss",), ("F-conflict",), ("F-agreement",)
        )  # fmt: skip
        tracked = {t.snapshot.id: t for t in s.tracked()}
        assert tracked["F-agreement"].current is False
        assert tracked["F-agreement"].status is Status.NOT_DISCREPANCY  # verdict kept
        assert tracked["F-conflict"].verdict.note == "kept?"
        assert tracked["F-xss"].status is Status.UNREVIEWED
        # the resolved finding comes back with its verdict
        third = s.sync_findings([snaps["F-agreement"]], "sig3")
        assert third.kept == ("F-agreement",)
        assert s.verdict("F-agreement").status is Status.NOT_DISCREPANCY
        assert s.latest_run().findings == 1


def test_two_findings_with_one_id_are_refused(tmp_path: Path) -> None:
    snap = FindingSnapshot("F", "conflict", "high", 1.0, "x")
    with ReviewStore.open(tmp_path / "r.sqlite") as s, pytest.raises(ReviewError, match="same id"):
        s.sync_findings([snap, snap], "sig")


def test_files_that_are_not_stores(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database, just bytes " * 200)
    with pytest.raises(ReviewStoreError, match=r"junk\.sqlite"):
        ReviewStore.open(junk)
    other = tmp_path / "other.sqlite"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()
    with pytest.raises(ReviewStoreError, match="not a review store"):
        ReviewStore.open(other)
    newer = tmp_path / "newer.sqlite"
    ReviewStore.open(newer).close()
    db = sqlite3.connect(newer)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    with pytest.raises(ReviewStoreError, match="newer sourcecompare"):
        ReviewStore.open(newer)
    with pytest.raises(ReviewStoreError, match="folder does not exist"):
        ReviewStore.open(tmp_path / "missing" / "r.sqlite")


# ------------------------------------------------------------------ reading report folders


def test_read_report_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(ReviewError, match="no report here"):
        read_report(tmp_path)
    (tmp_path / "report.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ReviewError, match=r"report\.json: not JSON"):
        read_report(tmp_path)
    (tmp_path / "report.json").write_bytes(b"\xff\xfe")
    with pytest.raises(ReviewError, match="not UTF-8"):
        read_report(tmp_path)
    data = report_data()
    data["findings"][0] = {**data["findings"][0], "claims": ["c-missing"]}
    (tmp_path / "report.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ReviewError, match="unknown claim 'c-missing'"):
        read_report(tmp_path)


def test_snapshots_keep_sentences_titles_and_urls(tmp_path: Path) -> None:
    snap = read_report(write_report_dir(tmp_path))
    conflict = next(f for f in snap.findings if f.id == "F-conflict")
    zh, en = conflict.claims
    assert (zh.text, zh.title, zh.language) == ("6637名", "在北韓的日本人", "zh")
    assert zh.sentence == ZH_S and en.url.startswith("https://en.wikipedia.org/")
    assert snap.signature == "sc:test"


# ------------------------------------------------------------------ the compare hook


def model_report(finding_ids: list[str], signature: str = "sc:test") -> Report:
    """The same report as a :class:`Report` value (what ``compare`` hands the hook)."""
    docs = tuple(
        Document(
            id=d["id"], title=d["title"], language=d["language"], script=d["script"],
            format=d["format"], encoding="utf-8", raw=d["paragraphs"][0]["text"],
            paragraphs=(
                Paragraph(0, ParagraphKind.BODY, d["paragraphs"][0]["text"],
                          OffsetMap.identity(len(d["paragraphs"][0]["text"]))),
            ),
            path=d["path"], metadata=MappingProxyType(dict(d["metadata"])),
        )
        for d in DOCUMENTS
    )  # fmt: skip
    claims = tuple(
        Claim(
            id=c["id"], document=c["document"], paragraph=0, sentence=0, kind=c["kind"],
            value=c["value"], low=c["low"], high=c["high"], qualifier=c["qualifier"],
            unit=c["unit"], unit_text=c["unit_text"], text=c["text"], start=c["start"],
            end=c["end"], sentence_text=c["sentence_text"],
        )
        for c in CLAIMS
    )  # fmt: skip
    by_id = {c.id: c for c in claims}
    findings = tuple(
        Finding(
            id=f["id"], relation=Relation(f["relation"]), severity=Severity(f["severity"]),
            confidence=f["confidence"], claims=tuple(by_id[c] for c in f["claims"]),
            explanation=f["explanation"],
            subject=f["subject"],
        )
        for f in (FINDINGS[i] for i in finding_ids)
    )  # fmt: skip
    return Report(docs, (), claims, findings, signature)


def test_apply_review_without_a_store_changes_nothing(tmp_path: Path) -> None:
    report = model_report(list(FINDINGS))
    assert apply_review(report, tmp_path) is report
    assert not (tmp_path / "review.sqlite").exists()


def test_rerunning_compare_keeps_verdicts(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    first = model_report(["F-conflict", "F-agreement", "F-one-sided"])
    with ReviewStore.open(out / "review.sqlite") as s:
        s.sync_findings(snapshots_from_report(first), first.signature)
        s.set_verdict("F-conflict", Status.CONFIRMED, "the zh figure is older", "ann")
        s.set_verdict("F-agreement", Status.NOT_DISCREPANCY, "", "ann")
    # the sources changed: F-agreement is gone, F-xss is new
    second = model_report(["F-conflict", "F-one-sided", "F-xss"], signature="sc:test2")
    report, result = review_sync(second, out)
    assert result is not None
    assert result.new == ("F-xss",)
    assert set(result.kept) == {"F-conflict", "F-one-sided"}
    assert result.resolved == ("F-agreement",)
    assert dict(report.statuses) == {"F-conflict": "confirmed-discrepancy"}
    assert apply_review(second, out).statuses == report.statuses
    with ReviewStore.open(out / "review.sqlite") as s:
        assert s.verdict("F-agreement").status is Status.NOT_DISCREPANCY
        assert s.verdict("F-conflict").note == "the zh figure is older"
        assert s.verdict("F-xss") is None


def test_the_rendered_report_carries_the_statuses(tmp_path: Path) -> None:
    """The hook's output goes through the report writer: report.json has the status."""
    out = tmp_path / "out"
    out.mkdir()
    report = model_report(list(FINDINGS))
    with ReviewStore.open(out / "review.sqlite") as s:
        s.sync_findings(snapshots_from_report(report), report.signature)
        s.set_verdict("F-conflict", Status.INCONCLUSIVE)
    rendered = json.loads(to_json(apply_review(report, out)))
    status = {f["id"]: f["status"] for f in rendered["findings"]}
    assert status == {"F-conflict": "inconclusive", "F-agreement": None, "F-one-sided": None,
                      "F-xss": None}  # fmt: skip


def test_notes_reviewers_and_times_reach_every_output_after_a_rerun(tmp_path: Path) -> None:
    """A verdict set in the store shows, after the next run, in report.html, .md and .json:
    status, note, reviewer and time, not the status alone."""
    from sourcecompare.report import write_report

    out = tmp_path / "out"
    out.mkdir()
    report = model_report(list(FINDINGS))
    with ReviewStore.open(out / "review.sqlite") as s:
        s.sync_findings(snapshots_from_report(report), report.signature)
        v = s.set_verdict("F-conflict", Status.CONFIRMED, "zh figure is from 1984 <b>", "林小姐")
    written = write_report(apply_review(model_report(list(FINDINGS)), out), out)
    data = json.loads(written["json"].read_text(encoding="utf-8"))
    review = {f["id"]: f["review"] for f in data["findings"]}
    assert review["F-conflict"] == {
        "status": "confirmed-discrepancy",
        "label": "Confirmed discrepancy",
        "note": "zh figure is from 1984 <b>",
        "reviewer": "林小姐",
        "at": v.at,
        "revision": 1,
    }
    assert review["F-agreement"] is None
    md = written["markdown"].read_text(encoding="utf-8")
    assert "> Review: **Confirmed discrepancy** — 林小姐 · " + v.at in md
    assert "zh figure is from 1984 \\<b\\>" in md
    page = written["html"].read_text(encoding="utf-8")
    assert "zh figure is from 1984 &lt;b&gt;" in page and "林小姐" in page and v.at in page


# ------------------------------------------------------------------ exports


@pytest.fixture
def reviewed(store: ReviewStore) -> ReviewStore:
    store.set_verdict("F-conflict", Status.CONFIRMED, "=1+1 looks like a formula", "林小姐")
    store.set_verdict("F-agreement", Status.NOT_DISCREPANCY, "same year", "ann")
    store.set_verdict("F-one-sided", Status.IN_PROGRESS, "", "ann")
    return store


def test_csv_opens_cleanly_in_a_spreadsheet(reviewed: ReviewStore, tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(csv_text(reviewed), newline="")))
    assert [r["finding_id"] for r in rows] == ["F-conflict", "F-agreement", "F-one-sided"]
    conflict = rows[0]
    assert conflict["status_label"] == "Confirmed discrepancy"
    assert conflict["note"] == "'=1+1 looks like a formula"  # no formula in a spreadsheet
    assert conflict["reviewer"] == "林小姐"
    assert conflict["figures"].splitlines() == ["6637名", "6,836"]
    assert conflict["state"] == "current"
    # the file: BOM, CRLF, a header row
    path = tmp_path / "verdicts.csv"
    assert main(["export", str(tmp_path / "out"), "--db", reviewed.path, "--csv", str(path)]) == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + ",".join(CSV_COLUMNS).encode() + b"\r\n")
    parsed = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(parsed) == 4 and all(len(r) == len(CSV_COLUMNS) for r in parsed)
    assert "在北韓的日本人" in parsed[1][CSV_COLUMNS.index("sources")]


def test_csv_all_lists_unreviewed_findings_too(reviewed: ReviewStore) -> None:
    rows = list(csv.DictReader(io.StringIO(csv_text(reviewed, include_unreviewed=True))))
    assert {r["finding_id"] for r in rows} == set(FINDINGS)


def _check_claimreview(item: dict[str, Any]) -> None:
    """What schema.org and the fact-check markup guidelines ask of a ClaimReview."""
    assert item["@context"] == "https://schema.org" and item["@type"] == "ClaimReview"
    assert isinstance(item["claimReviewed"], str) and item["claimReviewed"]
    rating = item["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"]
    assert item["itemReviewed"]["@type"] == "Claim"
    assert item["itemReviewed"]["appearance"]
    assert item["author"]["@type"] in ("Person", "Organization") and item["author"]["name"]
    assert len(item["datePublished"]) == 10 and item["datePublished"][4] == "-"


def test_claimreview_items(reviewed: ReviewStore) -> None:
    items = claimreview_items(reviewed)
    assert [i["identifier"] for i in items] == ["F-conflict", "F-agreement"]  # final only
    for item in items:
        _check_claimreview(item)
    conflict = items[0]
    assert conflict["reviewRating"]["alternateName"] == "Confirmed discrepancy"
    urls = [a.get("url") for a in conflict["itemReviewed"]["appearance"]]
    assert urls == [DOCUMENTS[0]["metadata"]["url"], DOCUMENTS[1]["metadata"]["url"]]
    # the one claim under review, in one sentence: the first source's sentence, not a join
    assert conflict["claimReviewed"] == ZH_S and " / " not in conflict["claimReviewed"]
    assert conflict["author"] == {"@type": "Person", "name": "林小姐"}
    assert conflict["reviewBody"] == "=1+1 looks like a formula"
    org = claimreview_items(reviewed, author="Example Fact Check")[0]["author"]
    assert org == {"@type": "Organization", "name": "Example Fact Check"}


def test_claimreview_file_is_json_ld(reviewed: ReviewStore, tmp_path: Path) -> None:
    path = tmp_path / "claimreview.jsonld"
    code = main(
        ["export", str(tmp_path / "out"), "--db", reviewed.path, "--claimreview", str(path)]
    )
    assert code == 0
    items = json.loads(path.read_text(encoding="utf-8"))
    assert len(items) == 2
    for item in items:
        _check_claimreview(item)
    if os.environ.get("CI") is None:
        pyld = pytest.importorskip("pyld")
    else:
        import pyld
    # Expand as JSON-LD, offline: schema.org's context maps every term into schema.org.
    context = {"@context": {"@vocab": "https://schema.org/"}}

    def loader(url: str, options: Any = None) -> dict[str, Any]:
        assert url.rstrip("/") == "https://schema.org", url
        return {"contextUrl": None, "documentUrl": url, "document": context}

    expanded = pyld.jsonld.expand(items, {"documentLoader": loader})
    assert len(expanded) == 2
    s = "https://schema.org/"
    first = expanded[0]
    assert first["@type"] == [s + "ClaimReview"]
    rating = first[s + "reviewRating"][0]
    assert rating[s + "alternateName"][0]["@value"] == "Confirmed discrepancy"
    appearance = first[s + "itemReviewed"][0][s + "appearance"]
    assert appearance[0][s + "url"][0]["@value"].startswith("https://zh.wikipedia.org/")
    assert first[s + "datePublished"][0]["@value"] == items[0]["datePublished"]


SCHEMA_ORG = Path(__file__).parent / "cases" / "schemaorg-claimreview.toml"


def _expand(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items expanded as JSON-LD with pyld, offline (schema.org's context maps every term
    into schema.org)."""
    if os.environ.get("CI") is None:
        pyld = pytest.importorskip("pyld")
    else:
        import pyld
    context = {"@context": {"@vocab": "https://schema.org/"}}

    def loader(url: str, options: Any = None) -> dict[str, Any]:
        assert url.rstrip("/") == "https://schema.org", url
        return {"contextUrl": None, "documentUrl": url, "document": context}

    expanded: list[dict[str, Any]] = pyld.jsonld.expand(items, {"documentLoader": loader})
    return expanded


def _schema_problems(node: dict[str, Any], vocab: dict[str, Any], where: str) -> list[str]:
    """Properties a node's schema.org type does not have, and values of the wrong type."""
    s = "https://schema.org/"
    types = [t.removeprefix(s) for t in node.get("@type", [])]
    if len(types) != 1 or types[0] not in vocab["types"]:
        return [f"{where}: type {types} is not one the export may use"]
    problems = []
    for key, values in node.items():
        if key.startswith("@"):
            continue
        prop = key.removeprefix(s)
        if prop not in vocab["types"][types[0]]:
            problems.append(f"{where}: {types[0]} has no property {prop!r}")
            continue
        for k, value in enumerate(values):
            at = f"{where}.{prop}[{k}]"
            allowed = vocab["ranges"].get(prop)
            if allowed is None:
                if "@value" not in value:
                    problems.append(f"{at}: {prop} takes text, not a node")
                continue
            kind = [t.removeprefix(s) for t in value.get("@type", [])]
            if kind[:1] not in [[a] for a in allowed]:
                problems.append(f"{at}: {prop} takes {allowed}, not {kind}")
            else:
                problems += _schema_problems(value, vocab, at)
    return problems


def _recorded(out: Path, data: dict[str, Any]) -> Path:
    """``out`` holding ``data`` as its report.json, its findings recorded in the store."""
    out.mkdir(exist_ok=True)
    (out / "report.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with ReviewStore.open(out / "review.sqlite") as s:
        s.sync_findings(read_report(out).findings, "sc:test")
    return out


def test_claimreview_validates_against_schema_org(tmp_path: Path) -> None:
    """One ClaimReview per final verdict, every property one schema.org gives its type, every
    value of a type its range allows; url, claim, appearances with their url, authors as
    persons and publishers as organisations."""
    import copy
    import tomllib

    vocab = tomllib.loads(SCHEMA_ORG.read_text(encoding="utf-8"))
    data = report_data()
    data["documents"] = copy.deepcopy(DOCUMENTS)
    data["documents"][1]["metadata"]["author"] = "Ann Writer; Bo Li"
    del data["documents"][0]["metadata"]["url"]  # a source without a URL of its own
    out = _recorded(tmp_path / "out", data)
    with ReviewStore.open(out / "review.sqlite") as s:
        s.set_verdict("F-conflict", Status.CONFIRMED, "</script> & <b>checked</b>", "林")
        s.set_verdict("F-agreement", Status.NOT_DISCREPANCY, "", "ann")
        s.set_verdict("F-one-sided", Status.IN_PROGRESS, "", "ann")  # not final: left out
    path = tmp_path / "claimreview.jsonld"
    base = "https://example.org/checks/nk/report.html"
    counts = export_folder(out, claimreview_path=path, report_url=base)
    assert counts == {"claimreview": 2}
    text = path.read_text(encoding="utf-8")
    assert "<" not in text and ">" not in text and "&" not in text  # safe inside <script>
    items = json.loads(text)
    conflict = items[0]
    assert conflict["url"] == base + "#finding-F-conflict"
    assert conflict["reviewBody"] == "</script> & <b>checked</b>"
    appearances = conflict["itemReviewed"]["appearance"]
    assert [a["url"] for a in appearances] == [
        base + "#doc-zh-wiki-p-0",  # no URL of its own: its paragraph in the report
        DOCUMENTS[1]["metadata"]["url"],
    ]
    assert appearances[1]["author"] == [
        {"@type": "Person", "name": "Ann Writer"},
        {"@type": "Person", "name": "Bo Li"},
    ]
    assert appearances[1]["publisher"] == {"@type": "Organization", "name": "English Wikipedia"}
    expanded = _expand(items)
    assert len(expanded) == 2
    problems = [
        p for k, node in enumerate(expanded) for p in _schema_problems(node, vocab, f"[{k}]")
    ]
    assert problems == []
    s_ = "https://schema.org/"
    for node in expanded:  # what the fact-check markup asks for
        for prop in ("url", "claimReviewed", "reviewRating", "author", "itemReviewed"):
            assert node.get(s_ + prop), prop
        assert node[s_ + "reviewRating"][0][s_ + "alternateName"][0]["@value"]


def test_an_organisation_author_is_one_organization(tmp_path: Path) -> None:
    """``author_type = "organization"``: the author is one organisation, not split at "and"
    into two people; without it the same name reads as people, as a manifest's authors do."""
    import copy

    data = report_data()
    data["documents"] = copy.deepcopy(DOCUMENTS)
    meta = data["documents"][1]["metadata"]
    meta["author"] = "Research Institute for Peace and Security"
    meta["author_type"] = "organization"
    out = _recorded(tmp_path / "out", data)
    with ReviewStore.open(out / "review.sqlite") as s:
        s.set_verdict("F-conflict", Status.CONFIRMED, "", "ann")
    path = tmp_path / "claimreview.jsonld"
    export_folder(out, claimreview_path=path)
    (item,) = json.loads(path.read_text(encoding="utf-8"))
    appearance = item["itemReviewed"]["appearance"][1]
    assert appearance["author"] == [
        {"@type": "Organization", "name": "Research Institute for Peace and Security"}
    ]
    del meta["author_type"]
    _recorded(out, data)
    export_folder(out, claimreview_path=path)
    (item,) = json.loads(path.read_text(encoding="utf-8"))
    authors = item["itemReviewed"]["appearance"][1]["author"]
    assert [a["@type"] for a in authors] == ["Person", "Person"]


def test_the_schema_check_catches_a_wrong_type() -> None:
    """The check above fails on what the old export did: a person's name and volume typed as
    an organisation is fine by types, but a publisher given as text, or a property the type
    does not have, is not."""
    import tomllib

    vocab = tomllib.loads(SCHEMA_ORG.read_text(encoding="utf-8"))
    bad = [{"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": "x",
            "itemReviewed": {"@type": "Claim", "appearance": [
                {"@type": "CreativeWork", "publisher": "Andrew Wolman (author); Vol. 33"}]},
            "reviewRating": {"@type": "Rating", "ratingCount": 3}}]  # fmt: skip
    problems = _schema_problems(_expand(bad)[0], vocab, "[0]")
    assert any("publisher takes" in p for p in problems), problems
    assert any("Rating has no property 'ratingCount'" in p for p in problems), problems


def test_resolved_findings_stay_out_of_claimreview(reviewed: ReviewStore) -> None:
    reviewed.sync_findings(
        [t.snapshot for t in reviewed.tracked() if t.snapshot.id != "F-agreement"], "sc:2"
    )
    assert [i["identifier"] for i in claimreview_items(reviewed)] == ["F-conflict"]
    assert len(claimreview_items(reviewed, include_resolved=True)) == 2
    rows = list(csv.DictReader(io.StringIO(csv_text(reviewed))))
    assert {r["finding_id"]: r["state"] for r in rows}["F-agreement"] == (
        "resolved by a change in the sources"
    )


def test_export_needs_a_store_and_a_file(tmp_path: Path) -> None:
    from sourcecompare.review import export_folder

    out = write_report_dir(tmp_path / "out")
    with pytest.raises(ReviewError, match="no review store"):
        export_folder(out, csv_path=tmp_path / "x.csv")
    with pytest.raises(ExportError, match="name a file"):
        export_folder(out)
    assert main(["export", str(out), "--csv", str(tmp_path / "x.csv")]) == 2


def test_claimreview_file_is_safe_to_embed_in_a_script_element(
    store: ReviewStore, tmp_path: Path
) -> None:
    """Published the usual way, inside <script type="application/ld+json">, a note holding
    "</script>" must not close the element: <, > and & are written as \\u escapes."""
    payload = "</script><script>alert(1)</script> & <b>"
    store.set_verdict("F-conflict", Status.CONFIRMED, payload, "ann <a@b>")
    path = tmp_path / "claimreview.jsonld"
    code = main(["export", str(tmp_path / "out"), "--db", store.path, "--claimreview", str(path)])
    assert code == 0
    text = path.read_text(encoding="utf-8")
    assert not {"<", ">", "&"} & set(text)
    items = json.loads(text)
    assert items[0]["reviewBody"] == payload
    assert items[0]["author"]["name"] == "ann <a@b>"
