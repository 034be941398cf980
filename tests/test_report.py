"""The report: JSON against its schema, Markdown for tickets, the self-contained HTML page.

The report here is built by hand: a Chinese (traditional) document, an English one whose
paragraph text is assembled from pieces of its raw text (bold markup removed, so its offsets are
not the identity), and a video page whose text and comments carry HTML and Markdown payloads.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from types import MappingProxyType

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from sourcecompare.errors import SourceCompareError
from sourcecompare.model import (
    Alignment,
    Claim,
    Document,
    Finding,
    Link,
    OffsetMap,
    Paragraph,
    ParagraphKind,
    Relation,
    Report,
    Sentence,
    Severity,
)
from sourcecompare.report import (
    ReportError,
    display_findings,
    load_json,
    schema,
    to_html,
    to_json,
    to_markdown,
    validate,
    write_report,
)
from sourcecompare.report._common import Index, excerpt, where
from sourcecompare.report.gloss import GLOSS_LABEL

from .conftest import ROOT

SCRIPT_PAYLOAD = "<script>alert(1)</script>"
IMG_PAYLOAD = "<img src=x onerror=alert(1)>"

H, B, C = ParagraphKind.HEADING, ParagraphKind.BODY, ParagraphKind.COMMENT


def _strip_bold(raw: str, base: int) -> tuple[str, OffsetMap]:
    """Paragraph text of ``raw`` with ``'''`` markup removed, and its map back to raw."""
    starts: list[int] = []
    origins: list[int] = []
    text = ""
    pos = 0
    for piece in raw.split("'''"):
        if piece:
            starts.append(len(text))
            origins.append(base + pos)
            text += piece
        pos += len(piece) + 3
    return text, OffsetMap(tuple(starts), tuple(origins), len(text))


def make_doc(
    doc_id: str,
    *,
    title: str,
    language: str,
    script: str,
    tier: str,
    paragraphs: list[tuple[ParagraphKind, str]],
    metadata: dict[str, str] | None = None,
    label: dict[int, str] | None = None,
) -> Document:
    """A document whose raw text is its paragraphs' raw texts, one blank line apart."""
    raw = "\n\n".join(r for _, r in paragraphs)
    paras: list[Paragraph] = []
    pos = 0
    section: tuple[str, ...] = ()
    for i, (kind, raw_para) in enumerate(paragraphs):
        if "'''" in raw_para:
            text, offsets = _strip_bold(raw_para, pos)
        else:
            text, offsets = raw_para, OffsetMap.identity(len(raw_para), base=pos)
        if kind is H:
            section = (text,)
        paras.append(
            Paragraph(
                i,
                kind,
                text,
                offsets,
                section=() if kind is H else section,
                label=(label or {}).get(i),
            )
        )
        pos += len(raw_para) + 2
    meta = {"tier": tier, **(metadata or {})}
    return Document(
        id=doc_id,
        title=title,
        language=language,
        script=script,
        format="plain",
        encoding="utf-8",
        raw=raw,
        paragraphs=tuple(paras),
        path=f"corpus/{doc_id}.txt",
        metadata=MappingProxyType(meta),
    )


def with_sentences(doc: Document, index: int) -> Document:
    """Give paragraph ``index`` its sentences (split after each full stop)."""
    p = doc.paragraphs[index]
    sentences = []
    for k, m in enumerate(re.finditer(r"[^.。]+[.。]?\s*", p.text)):
        raw_start, raw_end = p.offsets.span(m.start(), m.end())
        sentences.append(Sentence(k, m.group(), raw_start, raw_end, m.start(), m.end()))
    paras = list(doc.paragraphs)
    paras[index] = replace(p, sentences=tuple(sentences))
    return replace(doc, paragraphs=tuple(paras))


def make_claim(
    doc: Document,
    paragraph: int,
    figure: str,
    *,
    value: float,
    low: float | None = None,
    high: float | None = None,
    kind: str = "count",
    unit: str = "person",
    qualifier: str = "exact",
) -> Claim:
    """A claim of ``figure`` (its first occurrence in the paragraph), its span mapped to raw."""
    p = doc.paragraphs[paragraph]
    at = p.text.index(figure)
    start, end = p.offsets.span(at, at + len(figure))
    sentences = re.findall(r"[^。.!?]+[。.!?]?", p.text)
    number = next(i for i, s in enumerate(sentences) if figure in s)
    return Claim(
        id=f"{doc.id}:{paragraph}:{figure}",
        document=doc.id,
        paragraph=paragraph,
        sentence=number,
        kind=kind,
        value=value,
        low=value if low is None else low,
        high=value if high is None else high,
        qualifier=qualifier,
        unit=unit,
        unit_text="",
        text=figure,
        start=start,
        end=end,
        context=("japanese",),
        sentence_text=sentences[number].strip(),
    )


ZH = with_sentences(
    make_doc(
        "zh-test",
        title="在北韓的日本人",
        language="zh",
        script="traditional",
        tier="encyclopedia",
        metadata={"publisher": "Chinese Wikipedia"},
        paragraphs=[
            (H, "背景"),
            (B, "1959年至1984年間，共有6637名日本人配偶隨同前往北韓。其後下落不明。"),
            (B, "三八線北的日本兵被蘇聯俘虜，約27000人。"),
            (B, "至今，仍然活著的人數不詳。"),
        ],
    ),
    1,
)
EN = with_sentences(
    make_doc(
        "en-test",
        title="Japanese people in North Korea",
        language="en",
        script="latin",
        tier="peer-reviewed",
        metadata={"publisher": "A Journal", "date": "2024-05-01"},
        paragraphs=[
            (H, "Background"),
            (
                B,
                "Between 1959 and 1984, '''6,836''' Japanese spouses went to North Korea. "
                "Few returned.",
            ),
            (B, "The Soviets captured 27,500 Japanese soldiers north of the 38th parallel."),
            (B, "In all, 93,340 people moved to North Korea."),
        ],
    ),
    1,
)
VIDEO = make_doc(
    "video-x",
    title=f'Video "page" | {SCRIPT_PAYLOAD}',
    language="en",
    script="latin",
    tier="news-video",
    metadata={"publisher": f"<b>SCMP</b> {IMG_PAYLOAD}", "date": "2023-08-25"},
    label={2: f"@troll{SCRIPT_PAYLOAD}"},
    paragraphs=[
        (B, f"{IMG_PAYLOAD} *bold* [link](http://evil) a|b: about 70 people left."),
        (H, "Comments"),
        (C, f"{SCRIPT_PAYLOAD} my uncle was one of 100 people"),
    ],
)

ZH_6637 = make_claim(ZH, 1, "6637", value=6637)
EN_6836 = make_claim(EN, 1, "6,836", value=6836)
ZH_27000 = make_claim(ZH, 2, "27000", value=27000, low=24300, high=29700, qualifier="approximate")
EN_27500 = make_claim(EN, 2, "27,500", value=27500)
ZH_1959 = make_claim(ZH, 1, "1959", value=1959, kind="year", unit="year")
EN_1959 = make_claim(EN, 1, "1959", value=1959, kind="year", unit="year")
EN_93340 = make_claim(EN, 3, "93,340", value=93340)
VIDEO_70 = make_claim(VIDEO, 0, "70", value=70, low=63, high=77, qualifier="approximate")
VIDEO_100 = make_claim(VIDEO, 2, "100", value=100)

FINDINGS = (
    Finding("F-agree", Relation.AGREEMENT, Severity.INFO, 0.9, (EN_1959, ZH_1959),
            "en-test says 1959; zh-test says 1959: the same figure", "year"),
    Finding("F-one-en", Relation.ONE_SIDED, Severity.INFO, 1.0, (EN_93340,),
            "only en-test gives this figure: 93,340", "person"),
    Finding("F-conflict", Relation.CONFLICT, Severity.HIGH, 0.82, (EN_6836, ZH_6637),
            "en-test says 6,836; zh-test says 6637: 199 apart (3.0%)", "person"),
    Finding("F-compat", Relation.COMPATIBLE, Severity.LOW, 0.7, (EN_27500, ZH_27000),
            "en-test says 27,500; zh-test says 27000 (approximate): consistent only as an "
            "approximation", "person"),
    Finding("F-one-video", Relation.ONE_SIDED, Severity.INFO, 1.0, (VIDEO_70,),
            f"only video-x gives this figure: 70 {IMG_PAYLOAD}", "person"),
    Finding("F-one-comment", Relation.ONE_SIDED, Severity.INFO, 1.0, (VIDEO_100,),
            "only video-x gives this figure: 100", "person"),
)  # fmt: skip


def build_report(statuses: dict[str, str] | None = None) -> Report:
    """The hand-made report the tests (and the browser tests) use."""
    return Report(
        documents=(ZH, EN, VIDEO),
        alignments=(
            Alignment(
                "zh-test",
                "en-test",
                "paragraph",
                "comparable",
                (
                    Link((0,), (0,), 0.95, reviewed=True),
                    Link((1,), (1,), 0.81),
                    Link((2,), (2,), 0.66),
                ),
                "align:test",
            ),
            Alignment(
                "en-test", "video-x", "paragraph", "comparable",
                (Link((3,), (0,), 0.4),), "align:test",
            ),
        ),
        claims=(
            ZH_1959, ZH_6637, ZH_27000, EN_1959, EN_6836, EN_27500, EN_93340, VIDEO_70, VIDEO_100,
        ),
        findings=FINDINGS,
        signature="sourcecompare:test|align:test",
        statuses=MappingProxyType(
            {"F-conflict": "confirmed-discrepancy"} if statuses is None else statuses
        ),
    )  # fmt: skip


# ------------------------------------------------------------------ HTML parsing helpers


class Page(HTMLParser):
    """Elements (tag, attributes, text inside) and all text of an HTML page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._in: str | None = None
        self._stack: list[tuple[str, dict[str, str | None], list[str]]] = []
        self.closed: list[tuple[str, dict[str, str | None], str]] = []
        self.feed(text)
        self.close()

    VOID = frozenset({"meta", "link", "input", "br", "img", "col", "hr"})

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.elements.append((tag, a))
        if tag in ("script", "style"):
            self._in = tag
        if tag not in self.VOID:
            self._stack.append((tag, a, []))

    def handle_endtag(self, tag: str) -> None:
        self._in = None
        while self._stack:
            t, a, parts = self._stack.pop()
            text = "".join(parts)
            self.closed.append((t, a, text))
            if self._stack:
                self._stack[-1][2].append(text)
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "style":
            self.styles.append(data)
        else:
            self.texts.append(data)
            if self._stack:
                self._stack[-1][2].append(data)

    def find(self, tag: str, **attrs: str) -> list[tuple[dict[str, str | None], str]]:
        """Closed elements with that tag and those attribute values: (attributes, text)."""
        return [
            (a, text)
            for t, a, text in self.closed
            if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def ids(self) -> list[str]:
        return [str(a["id"]) for _, a in self.elements if a.get("id") is not None]


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report()


@pytest.fixture(scope="module")
def page_html(report: Report) -> str:
    return to_html(report)


@pytest.fixture(scope="module")
def page(page_html: str) -> Page:
    return Page(page_html)


# ------------------------------------------------------------------ JSON


def test_schema_is_valid_and_the_docs_copy_is_the_package_copy() -> None:
    docs = (ROOT / "docs" / "report-schema.json").read_bytes()
    package = (ROOT / "src" / "sourcecompare" / "report" / "report-schema.json").read_bytes()
    assert docs == package, "docs/report-schema.json and the package copy differ"
    jsonschema.Draft202012Validator.check_schema(schema())
    assert schema() == json.loads(docs)


def test_json_validates_against_the_schema(report: Report) -> None:
    data = json.loads(to_json(report))
    jsonschema.Draft202012Validator(schema()).validate(data)
    assert validate(data) is data


def test_json_holds_what_the_report_holds(report: Report) -> None:
    data = json.loads(to_json(report))
    assert [d["id"] for d in data["documents"]] == ["zh-test", "en-test", "video-x"]
    zh, en, _ = data["documents"]
    assert zh["tier"] == "encyclopedia" and zh["script"] == "traditional"
    assert zh["metadata"] == {"publisher": "Chinese Wikipedia", "tier": "encyclopedia"}
    assert zh["paragraphs"][1]["text"].startswith("1959年至1984年間")
    assert zh["paragraphs"][1]["section"] == ["背景"]
    assert en["paragraphs"][1]["text"].startswith("Between 1959 and 1984, 6,836 Japanese")
    claims = {c["id"]: c for c in data["claims"]}
    c = claims[ZH_27000.id]
    assert (c["value"], c["low"], c["high"], c["qualifier"]) == (27000, 24300, 29700, "approximate")
    assert isinstance(c["value"], int)
    assert claims[EN_6836.id]["start"] == EN.raw.index("6,836")
    findings = {f["id"]: f for f in data["findings"]}
    # the order every output shows: conflicts, compatible, agreements, then the one-sided
    # figures by document (the report's document order), each in the order of its text
    assert [f["id"] for f in data["findings"]] == [
        "F-conflict",
        "F-compat",
        "F-agree",
        "F-one-en",
        "F-one-video",
        "F-one-comment",
    ]
    assert findings["F-conflict"]["status"] == "confirmed-discrepancy"
    assert findings["F-compat"]["status"] is None
    assert findings["F-conflict"]["claims"] == [EN_6836.id, ZH_6637.id]
    assert data["alignments"][0]["links"][0] == {
        "source": [0],
        "target": [0],
        "score": 0.95,
        "reviewed": True,
    }
    assert data["signature"] == report.signature


def test_json_is_deterministic(report: Report) -> None:
    text = to_json(report)
    assert to_json(report) == text
    assert "在北韓的日本人" in text  # not \u-escaped
    shuffled = replace(ZH, metadata=MappingProxyType(dict(reversed(list(ZH.metadata.items())))))
    other = replace(report, documents=(shuffled, EN, VIDEO))
    assert to_json(other) == text


def test_open_intervals_become_null() -> None:
    open_claim = replace(EN_93340, id="open", low=float(90000), high=float("inf"), value=None)
    data = json.loads(to_json(replace(build_report(), claims=(open_claim,), findings=())))
    assert (data["claims"][0]["low"], data["claims"][0]["high"]) == (90000, None)
    validate(data)


def test_load_json_round_trip(report: Report, tmp_path: Path) -> None:
    written = write_report(report, tmp_path)
    back = load_json(written["json"])
    assert isinstance(back, Report)
    assert to_json(back) == written["json"].read_text(encoding="utf-8")
    assert to_markdown(back) == to_markdown(report)
    assert to_html(back) == to_html(report)
    assert load_json(to_json(report)).findings == back.findings  # the text itself
    assert [f.id for f in back.findings] == [f.id for f in display_findings(report)]
    assert (
        back.claims_of(back.findings[0])[0].text == report.claim(back.findings[0].claim_ids[0]).text
    )
    zh = next(d for d in back.documents if d.id == "zh-test")
    original = next(d for d in report.documents if d.id == "zh-test")
    for got, want in zip(zh.paragraphs, original.paragraphs, strict=True):
        assert got.offsets == want.offsets and got.text == want.text
        assert [(s.para_start, s.para_end, s.start, s.end) for s in got.sentences] == [
            (s.para_start, s.para_end, s.start, s.end) for s in want.sentences
        ]
    assert back.statuses == report.statuses


def test_an_unsegmented_paragraph_shows_whole_not_searched() -> None:
    """Without sentences the excerpt is the paragraph itself (within the limit): the claim's
    sentence text is never searched for in the paragraph."""
    p = ZH.paragraphs[1]
    bare = replace(ZH, paragraphs=(ZH.paragraphs[0], replace(p, sentences=()), *ZH.paragraphs[2:]))
    ex = excerpt(bare.paragraphs[1], ZH_6637)
    assert ex.text == p.text and ex.figure == "6637"
    assert (
        excerpt(ZH.paragraphs[1], ZH_6637).text
        == "1959年至1984年間，共有6637名日本人配偶隨同前往北韓。"
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "cannot read"),
        ("{not json", "not JSON: Expecting property name enclosed in double quotes at line 1"),
        (json.dumps({"sourcecompare": "0.1.0"}), "'signature' is a required property"),
        ("[]", "not a sourcecompare report"),
    ],
)
def test_load_json_errors_name_the_file(tmp_path: Path, content: str | None, expected: str) -> None:
    path = tmp_path / "report.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ReportError) as caught:
        load_json(path)
    assert isinstance(caught.value, SourceCompareError)
    assert caught.value.path == str(path)
    assert str(path) in str(caught.value) and expected in str(caught.value)


def test_load_json_names_where_the_schema_fails(report: Report, tmp_path: Path) -> None:
    data = json.loads(to_json(report))
    data["findings"][2]["relation"] = "contradiction"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ReportError, match=r"at \.findings\[2\]\.relation: 'contradiction'"):
        load_json(path)


def test_load_json_checks_cross_references(report: Report, tmp_path: Path) -> None:
    data = json.loads(to_json(report))
    data["findings"][0]["claims"].append("nobody:0:0")
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ReportError, match="unknown claim 'nobody:0:0'"):
        load_json(path)


@pytest.mark.parametrize("render", [to_json, to_markdown, to_html])
def test_an_inconsistent_report_is_refused(render: object) -> None:
    broken = replace(
        build_report(),
        findings=(replace(FINDINGS[0], claims=(replace(EN_1959, id="missing-claim"),)),),
    )
    with pytest.raises(ReportError, match="unknown claim 'missing-claim'"):
        render(broken)  # type: ignore[operator]
    out_of_range = replace(build_report(), claims=(replace(ZH_6637, paragraph=40),), findings=())
    with pytest.raises(ReportError, match="paragraph 40"):
        render(out_of_range)  # type: ignore[operator]


# ------------------------------------------------------------------ writing


def test_write_report_writes_three_files(report: Report, tmp_path: Path) -> None:
    out = tmp_path / "deep" / "out"
    written = write_report(report, out)
    assert set(written) == {"html", "markdown", "json"}
    assert {p.name for p in written.values()} == {"report.html", "report.md", "report.json"}
    assert written["html"].read_text(encoding="utf-8") == to_html(report)
    assert written["markdown"].read_text(encoding="utf-8") == to_markdown(report)
    assert written["json"].read_text(encoding="utf-8") == to_json(report)
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.json", "report.md"]
    plain = out / "plain.txt"
    plain.write_text("x")  # a file made the ordinary way: the reports get the same permissions
    assert {p.stat().st_mode for p in written.values()} == {plain.stat().st_mode}


def test_write_report_never_leaves_half_written_files(
    report: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills while the second file is written: the old set stays, whole, and no
    temporary file is left (tests/test_report_files.py kills the writer at every step)."""
    write_report(replace(report, findings=()), tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    calls: list[int] = []
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr("sourcecompare.report.files.os.fsync", failing_fsync)
    with pytest.raises(ReportError, match=r"cannot write: No space left on device"):
        write_report(report, tmp_path)
    assert len(calls) == 2
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert set(after) == set(before), "a temporary file was left behind"
    assert after == before  # the old set, whole


def test_write_report_into_a_file_is_a_report_error(report: Report, tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("x")
    with pytest.raises(ReportError) as caught:
        write_report(report, blocker)
    assert caught.value.path == str(blocker)


# ------------------------------------------------------------------ Markdown


def test_markdown_lists_conflicts_first_and_one_sided_last(report: Report) -> None:
    md = to_markdown(report)
    order = [
        md.index(h) for h in ("## Conflicts", "## Compatible", "## Agreements", "## One-sided")
    ]
    assert order == sorted(order)
    conflicts = md.split("## Conflicts", 1)[1].split("\n## ", 1)[0]
    assert "F-conflict" in conflicts and "F-compat" not in conflicts
    assert "status: **Confirmed discrepancy**" in conflicts
    assert "en-test ¶1 (peer-reviewed): “Between 1959 and 1984, **6,836** Japanese" in conflicts
    assert "Few returned" not in conflicts  # only the sentence, not the paragraph
    assert "zh-test ¶1 (encyclopedia): “1959年至1984年間，共有**6637**名日本人" in conflicts
    assert "其後下落不明" not in conflicts
    one_sided = md.split("## One-sided", 1)[1]
    assert one_sided.count("\n- ") == 3


def test_markdown_summary_counts(report: Report) -> None:
    md = to_markdown(report)
    assert "| conflict | 1 | 0 | 0 | 0 | 1 |" in md
    assert "| one-sided | 0 | 0 | 0 | 3 | 3 |" in md
    assert "| **total** | 1 | 0 | 1 | 4 | 6 |" in md
    assert "| en-test | Japanese people in North Korea | en | latin | peer-reviewed |" in md


def test_markdown_escapes_document_text(report: Report) -> None:
    md = to_markdown(report)
    assert "\\<script\\>alert(1)\\</script\\>" in md
    assert "\\[link\\](http://evil)" in md
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(md)
    assert "<script" not in rendered and "<img" not in rendered and "<b>" not in rendered
    assert 'href="http://evil"' not in rendered
    assert "&lt;img src=x onerror=alert(1)&gt; *bold* [link](http://evil) a|b" in rendered
    assert "<strong>6,836</strong>" in rendered and "<strong>6637</strong>" in rendered
    # the pipe inside the title does not add a cell to the documents table
    rows = [r for r in re.findall(r"<tr>(.*?)</tr>", rendered, flags=re.S) if "<td>video-x" in r]
    assert len(rows) == 1 and rows[0].count("<td") == 8
    assert "Video &quot;page&quot; | &lt;script&gt;" in rows[0]


# ------------------------------------------------------------------ HTML


def test_html_loads_nothing_from_anywhere(page: Page) -> None:
    for tag, attrs in page.elements:
        for name, value in attrs.items():
            if name in ("src", "href", "action", "srcset", "data", "poster"):
                assert value is not None
                assert not re.match(r"\s*(https?:)?//", value), (tag, name, value)
                assert value.startswith(("#", "data:")), (tag, name, value)
        assert not (tag == "script" and "src" in attrs)
        assert not (tag == "link" and attrs.get("rel") == "stylesheet")
    assert len(page.scripts) == 1 and len(page.styles) == 1


def test_html_csp_allows_exactly_its_own_script_and_style(page: Page) -> None:
    (csp,) = [
        a["content"] for t, a in page.elements if a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert csp is not None and "default-src 'none'" in csp

    def sha(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert f"script-src 'sha256-{sha(page.scripts[0])}'" in csp
    assert f"style-src 'sha256-{sha(page.styles[0])}'" in csp


def test_html_marks_the_figures_in_their_sentences(page: Page) -> None:
    (conflict,) = page.find("li", data_finding_id="F-conflict")
    assert conflict[0]["data-relation"] == "conflict" and conflict[0]["data-severity"] == "high"
    marks = [text for a, text in page.find("mark") if not a.get("class")]
    assert "6637" in marks and "6,836" in marks and "27000" in marks and "27,500" in marks
    (en_side,) = page.find("figure", data_claim=EN_6836.id)
    assert "Between 1959 and 1984, 6,836 Japanese spouses went to North Korea." in en_side[1]
    assert "Few returned" not in en_side[1]
    (zh_side,) = page.find("blockquote", lang="zh-Hant")[:1]
    assert "6637" in zh_side[1]


def test_html_highlights_claims_in_the_documents(page: Page) -> None:
    marked = {a["data-claim"]: text for a, text in page.find("mark") if a.get("data-claim")}
    assert marked[EN_6836.id] == "6,836"  # mapped through the non-identity offsets
    assert marked[ZH_27000.id] == "27000"
    assert {a["class"] for a, _ in page.find("mark") if a.get("data-claim") == ZH_6637.id} == {
        "sc-m-conflict"
    }


def test_html_paragraph_anchors_and_links(page: Page, report: Report) -> None:
    ids = page.ids()
    assert len(ids) == len(set(ids)), "duplicate ids"
    for doc in report.documents:
        for p in doc.paragraphs:
            assert f"doc-{doc.id}-p-{p.index}" in ids
    for tag, attrs in page.elements:
        href = attrs.get("href")
        if href and href.startswith("#"):
            assert href[1:] in ids, f"<{tag} href={href}> points nowhere"
    (side,) = page.find("figure", data_claim=ZH_6637.id)
    assert "zh-test ¶1" in side[1]
    links = [a["href"] for t, a in page.elements if a.get("class") == "sc-para-link"]
    assert "#doc-zh-test-p-1" in links and "#doc-en-test-p-1" in links


def test_html_aligned_documents_show_every_paragraph_once_per_alignment(page: Page) -> None:
    paras = [a for t, a in page.elements if t == "div" and "sc-para" in (a.get("class") or "")]
    counts: dict[tuple[str | None, str | None], int] = {}
    for a in paras:
        key = (a["data-document"], a["data-paragraph"])
        counts[key] = counts.get(key, 0) + 1
    assert all(counts[("zh-test", str(i))] == 1 for i in range(len(ZH.paragraphs)))
    assert all(counts[("en-test", str(i))] == 2 for i in range(len(EN.paragraphs)))
    assert all(counts[("video-x", str(i))] == 1 for i in range(len(VIDEO.paragraphs)))
    (row,) = [text for a, text in page.find("tr") if a.get("id") == "al-0-r-1"]
    assert "6637" in row and "6,836" in row


def test_html_escapes_every_payload(page: Page, page_html: str) -> None:
    tags = [t for t, _ in page.elements]
    assert "img" not in tags and "b" not in tags
    assert tags.count("script") == 1
    for _, attrs in page.elements:
        assert not any(name.startswith("on") for name in attrs), attrs
    text = "".join(page.texts)
    assert SCRIPT_PAYLOAD in text and IMG_PAYLOAD in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page_html
    assert f"@troll{SCRIPT_PAYLOAD}" in text  # a comment's handle


def test_html_status_and_filters(page: Page) -> None:
    (area,) = [
        a
        for a, _ in page.find("span")
        if a.get("class") == "sc-status-area" and a.get("data-status")
    ]
    assert area["data-status"] == "confirmed-discrepancy"
    (conflict,) = page.find("li", data_finding_id="F-conflict")
    assert "Confirmed discrepancy" in conflict[1]
    boxes = {(a["name"], a["value"]) for t, a in page.elements if t == "input"}
    assert {("relation", r.value) for r in Relation} <= boxes
    assert {("severity", s.value) for s in Severity} <= boxes
    options = [a["value"] for t, a in page.elements if t == "option"]
    assert options == ["", "zh-test", "en-test", "video-x"]
    order = [a["data-finding-id"] for t, a in page.elements if a.get("data-finding-id")]
    assert order[:3] == ["F-conflict", "F-compat", "F-agree"]


STATUS_LABELS = {
    "unreviewed": "Unreviewed",
    "in-progress": "In progress",
    "confirmed-discrepancy": "Confirmed discrepancy",
    "not-a-discrepancy": "Not a discrepancy",
    "inconclusive": "Inconclusive",
}


@pytest.mark.parametrize(("value", "label"), sorted(STATUS_LABELS.items()))
def test_html_shows_a_status_label_and_keeps_the_value(value: str, label: str) -> None:
    page = Page(to_html(build_report(statuses={"F-conflict": value})))
    (area, text) = next((a, t) for a, t in page.find("span") if a.get("class") == "sc-status-area")
    assert area["data-status"] == value  # the raw value, for filtering
    assert text == label
    (conflict,) = page.find("li", data_finding_id="F-conflict")
    assert label in conflict[1]
    if value != label:
        assert value not in conflict[1]


def test_html_status_labels_are_the_review_stores() -> None:
    from sourcecompare.review.store import Status

    assert {s.value: s.label for s in Status} == STATUS_LABELS


def test_html_shows_an_unknown_status_as_it_is() -> None:
    page = Page(to_html(build_report(statuses={"F-conflict": "<b>odd</b>"})))
    (conflict,) = page.find("li", data_finding_id="F-conflict")
    assert "<b>odd</b>" in conflict[1]
    assert "b" not in [t for t, _ in page.elements]


def test_schema_status_description_lists_the_five_statuses() -> None:
    status = schema()["$defs"]["finding"]["properties"]["status"]
    for value in STATUS_LABELS:
        assert value in status["description"]
    assert "dismissed" not in status["description"]
    assert status["type"] == ["string", "null"]


def test_html_without_statuses_has_empty_status_areas() -> None:
    page = Page(to_html(build_report(statuses={})))
    areas = [a for a, _ in page.find("span") if a.get("class") == "sc-status-area"]
    assert len(areas) == len(FINDINGS) and all(a["data-status"] == "" for a in areas)


def test_fragment_for_notebooks(report: Report) -> None:
    fragment = to_html(report, standalone=False)
    assert fragment.startswith('<div class="sc-report">') and fragment.endswith("</div>")
    tags = {t for t, _ in Page(fragment).elements}
    assert not tags & {"html", "head", "body", "meta", "title"}
    assert {"style", "script", "mark"} <= tags
    # a notebook shows a light summary: the counts and the findings two sources state,
    # conflicts first, without the documents
    light = report._repr_html_()
    assert len(light) < len(fragment) / 2 and "<script" not in light
    ids = re.findall(r'data-finding-id="([^"]+)"', light)
    assert ids == ["F-conflict", "F-compat", "F-agree"]
    assert "3 more findings" in light


def test_document_ids_unsafe_in_anchors_are_replaced() -> None:
    odd = replace(VIDEO, id='my "doc" <1>')
    claim = replace(VIDEO_70, document=odd.id)
    rep = Report((odd,), (), (claim,), (replace(FINDINGS[4], claims=(claim,)),), "s")
    page = Page(to_html(rep))
    assert "doc-my__doc___1_-p-0" in page.ids()
    assert any(a.get("href") == "#doc-my__doc___1_-p-0" for _, a in page.elements)


# ------------------------------------------------------------------ pieces


def test_excerpt_of_a_long_paragraph_is_cut_around_the_figure() -> None:
    text = "word " * 200 + "exactly 6,637 Japanese " + "more " * 200
    doc = make_doc(
        "long", title="t", language="en", script="latin", tier="", paragraphs=[(B, text)]
    )
    claim = replace(make_claim(doc, 0, "6,637", value=6637), sentence_text="")
    ex = excerpt(doc.paragraphs[0], claim, limit=100)
    assert ex.figure == "6,637" and ex.clipped_start and ex.clipped_end
    assert len(ex.text) <= 100 and "exactly" in ex.before and "Japanese" in ex.after
    assert not ex.before.startswith(("ord", "rd", "d ")), "cut inside a word"


@given(
    st.integers(1, 6),
    st.integers(1, 6),
    st.lists(
        st.tuples(
            st.frozensets(st.integers(0, 5), max_size=2),
            st.frozensets(st.integers(0, 5), max_size=2),
        ),
        max_size=6,
    ),
)
def test_alignment_tables_show_every_paragraph_and_every_link(
    n_left: int, n_right: int, pairs: list[tuple[frozenset[int], frozenset[int]]]
) -> None:
    """Whatever the links (crossing, many-to-many, one-sided), an alignment table shows each
    paragraph in full once, and once more (as a pointer to the first) for each further link."""
    left = make_doc(
        "l",
        title="l",
        language="en",
        script="latin",
        tier="",
        paragraphs=[(B, f"left {i}") for i in range(n_left)],
    )
    right = make_doc("r", title="r", language="zh", script="simplified", tier="",
                     paragraphs=[(B, f"右 {j}") for j in range(n_right)])  # fmt: skip
    links = tuple(
        Link(
            tuple(sorted(i for i in a if i < n_left)),
            tuple(sorted(j for j in b if j < n_right)),
            0.5,
        )
        for a, b in pairs
    )
    links = tuple(link for link in links if link.source or link.target)
    al = Alignment("l", "r", "paragraph", "comparable", links)
    page = Page(to_html(Report((left, right), (al,), (), (), "s")))

    def shown(cls: str) -> list[tuple[str | None, int]]:
        return sorted(
            (a["data-document"], int(a["data-paragraph"] or -1))
            for t, a in page.elements
            if t == "div" and cls in (a.get("class") or "").split()
        )

    everything = sorted([("l", i) for i in range(n_left)] + [("r", j) for j in range(n_right)])
    assert shown("sc-para") == everything
    appearances = [("l", i) for link in links for i in link.source]
    appearances += [("r", j) for link in links for j in link.target]
    appearances += [p for p in everything if p not in appearances]
    assert sorted(shown("sc-para") + shown("sc-repeat")) == sorted(appearances)
    ids = set(page.ids())
    hrefs = [str(a["href"]) for _, a in page.elements if str(a.get("href")).startswith("#")]
    assert hrefs and all(h[1:] in ids for h in hrefs)


def test_a_paragraph_linked_twice_is_shown_once_then_pointed_to() -> None:
    al = Alignment("zh-test", "en-test", "paragraph", "comparable",
                   (Link((1,), (1,), 0.9), Link((1,), (3,), 0.4)))  # fmt: skip
    page = Page(to_html(replace(build_report(), alignments=(al,))))
    (repeat,) = [a for t, a in page.elements if a.get("class") == "sc-repeat"]
    assert (repeat["data-document"], repeat["data-paragraph"]) == ("zh-test", "1")
    (pointer,) = [text for a, text in page.find("div", **{"class": "sc-repeat"})]
    assert pointer.startswith("¶1as above: 1959年至1984年間") and "下落不明" in pointer
    assert any(a.get("href") == "#doc-zh-test-p-1" and a.get("class") == "sc-pnum"
               for a, _ in page.find("a"))  # fmt: skip


# ------------------------------------------------------------------ for fact-checkers


def _three_sources() -> Report:
    """The conflict with a third source agreeing with the first: sources group by figure."""
    third = make_doc(
        "zh-second",
        title="日本－朝鲜关系",
        language="zh",
        script="simplified",
        tier="encyclopedia",
        paragraphs=[(B, "共有6,836名日本人配偶前往朝鲜。")],
    )
    claim = make_claim(third, 0, "6,836名", value=6836)
    base = build_report()
    conflict = replace(FINDINGS[2], claims=(*FINDINGS[2].claims, claim))
    findings = tuple(conflict if f.id == "F-conflict" else f for f in base.findings)
    return replace(
        base, documents=(*base.documents, third), claims=(*base.claims, claim), findings=findings
    )


def test_sources_are_grouped_by_the_figure_they_give_in_every_output() -> None:
    report = _three_sources()
    data = json.loads(to_json(report))
    conflict = next(f for f in data["findings"] if f["id"] == "F-conflict")
    assert conflict["sources"] == [
        {"figure": "6,836", "documents": ["en-test", "zh-second"],
         "claims": [EN_6836.id, "zh-second:0:6,836名"]},
        {"figure": "6637", "documents": ["zh-test"], "claims": [ZH_6637.id]},
    ]  # fmt: skip
    assert conflict["claims"] == [EN_6836.id, ZH_6637.id, "zh-second:0:6,836名"]  # ids stay
    line = "6,836: en-test, zh-second · 6637: zh-test"
    assert f"### 1. {line} — high severity, person" in to_markdown(report)
    groups = [t for a, t in Page(to_html(report)).find("li") if a.get("class") == "sc-group"]
    assert groups[:2] == ["6,836: en-test, zh-second", "6637: zh-test"]


def test_one_sided_figures_wait_collapsed_by_document_in_text_order() -> None:
    page = to_html(build_report())
    sections = re.findall(r'<details class="sc-only-in" data-document="([^"]+)">', page)
    assert sections == ["en-test", "video-x"]  # the report's document order, never open
    assert '<details class="sc-only-in" data-document="en-test" open' not in page
    video = page.split('<details class="sc-only-in" data-document="video-x">', 1)[1]
    video = video.split("</ol></details>", 1)[0]
    assert video.index("F-one-video") < video.index("F-one-comment")  # paragraph 0, then 2
    md = to_markdown(build_report())
    assert md.index("### Only in en-test") < md.index("### Only in video-x")


def test_a_paged_source_is_cited_by_paragraph_and_page() -> None:
    report = paged_report()
    data = json.loads(to_json(report))
    en = next(d for d in data["documents"] if d["id"] == "en-test")
    assert en["citation"] == (
        "A. Writer; J. Tests, vol. 3, no. 1, pp. 1-20; A Journal; 2024-05-01; https://example.org/p"
    )
    claim = next(c for c in data["claims"] if c["id"] == EN_6836.id)
    assert claim["where"] == "en-test ¶1, p. 8"
    assert claim["anchor"] == "doc-en-test-p-1"
    para = next(d for d in data["documents"] if d["id"] == "en-test")["paragraphs"][1]["text"]
    start, end = claim["para_span"]
    assert para[start:end] == "6,836"
    md = to_markdown(report)
    assert "- en-test ¶1, p. 8 (peer-reviewed): “Between 1959 and 1984, **6,836**" in md
    # the card's "Cite" is built by the page's script from the card (test_report_browser.py)
    page = to_html(report)
    card = page.split('id="finding-F-conflict"', 1)[1].split('<li class="sc-finding', 1)[0]
    assert '<span class="sc-citation">A. Writer; J. Tests, vol. 3' in card
    assert '<a class="sc-para-link" href="#doc-en-test-p-1">en-test ¶1, p. 8</a>' in card


def paged_report() -> Report:
    """The test report with its English source a paged paper with a full citation."""
    paged = replace(
        EN,
        paragraphs=tuple(replace(p, page=p.index + 7) for p in EN.paragraphs),
        metadata={**EN.metadata, "author": "A. Writer", "journal": "J. Tests", "volume": "3",
                  "issue": "1", "pages": "1-20", "url": "https://example.org/p"},
    )  # fmt: skip
    return replace(build_report(), documents=(ZH, paged, VIDEO))


def cite_text(index: Index, finding: Finding) -> str:
    """The plain-text citation a card's "Cite" holds, as the page's script must build it: one
    source a line, the sentence in quotes (white space runs made one space), the document's
    title and citation, and where in it the sentence stands."""
    lines = []
    for c in index.claims_of(finding):
        doc = index.documents[c.document]
        ex = index.excerpt_of(c)
        quote = ("…" if ex.clipped_start else "") + ex.text + ("…" if ex.clipped_end else "")
        parts = [f"“{' '.join(quote.split())}”", doc.title, index.citations[doc.id],
                 where(index, c)]  # fmt: skip
        lines.append(" — ".join(p for p in parts if p))
    return "\n".join(lines)


def test_the_citation_oracle_says_source_title_citation_and_place() -> None:
    index = Index.of(paged_report())
    conflict = next(f for f in index.report.findings if f.id == "F-conflict")
    lines = cite_text(index, conflict).splitlines()
    assert lines[0] == (
        "“Between 1959 and 1984, 6,836 Japanese spouses went to North Korea.” — Japanese people "
        "in North Korea — A. Writer; J. Tests, vol. 3, no. 1, pp. 1-20; A Journal; 2024-05-01; "
        "https://example.org/p — en-test ¶1, p. 8"
    )
    assert lines[1].startswith(
        "“1959年至1984年間，共有6637名日本人配偶隨同前往北韓。” — 在北韓的日本人"
    )


#: one glossed word as report.html writes it: a plain piece, or the word and its senses
_GLOSS_WORD = re.compile(
    r'<span class="sc-gw sc-gw-plain">[^<]*</span>'
    r'|<span class="sc-gw[^"]*"><span class="sc-gw-zh" lang="zh">[^<]*</span>'
    r'<span class="sc-gw-en" lang="en">[^<]*</span></span>'
)


def _gloss_run(page: str, side: str) -> tuple[list[str], int, int]:
    """A side's gloss once opened: the words of its paragraph's template, and the run of
    them (``first``, ``last`` excluded) the page's script copies in, which is all it shows."""
    m = re.match(r'<figure class="sc-side"([^>]*)>', side)
    assert m, "no side"
    named = re.search(r'data-gloss="([^"]+)" data-words="(\d+)-(\d+)"', m.group(1))
    assert named, "a gloss that names no run of its paragraph's words"
    assert _GLOSS_WORD.findall(side) == [], "words written in the finding itself"
    tid, first, last = named.group(1), int(named.group(2)), int(named.group(3))
    (template,) = re.findall(
        rf'<template id="{re.escape(tid)}" data-label="{re.escape(html.escape(GLOSS_LABEL))}">'
        "(.*?)</template>",
        page,
        re.S,
    )
    assert first < last, "an empty run"
    return _GLOSS_WORD.findall(template), first, last


def _shown_gloss(page: str, side: str) -> list[str]:
    """The glossed words a side's gloss shows once opened."""
    words, first, last = _gloss_run(page, side)
    return words[first:last]


def _gloss_text(words: list[str]) -> str:
    return "".join(
        html.unescape(re.sub(r'<span class="sc-gw-en" lang="en">[^<]*</span>|<[^>]+>', "", w))
        for w in words
    )


def test_chinese_sentences_carry_a_labelled_dictionary_gloss() -> None:
    page = to_html(build_report())
    conflict = page.split('id="finding-F-conflict"', 1)[1].split('<li class="sc-finding', 1)[0]
    english, chinese = re.findall(r'<figure class="sc-side".*?</figure>', conflict, re.S)
    assert "data-gloss" not in english
    assert GLOSS_LABEL == "Dictionary gloss (CC-CEDICT, word by word; not a translation)"
    words = dict(re.findall(
        r'<span class="sc-gw-zh" lang="zh">([^<]+)</span><span class="sc-gw-en" lang="en">'
        r"([^<]+)</span>", "".join(_shown_gloss(page, chinese))))  # fmt: skip
    assert words["北韓"] == "North Korea"  # a name, from the names table
    assert "spouse" in words["配偶"]
    assert "日本人" in words or "日本" in words


def _figure_heavy(tmp_path: Path) -> Report:
    """Two small sources whose sentences each hold many figures."""
    zh = tmp_path / "zh.txt"
    en = tmp_path / "en.txt"
    zh.write_text("".join(f"{1950 + i}年有{1000 + i}人，" for i in range(40)) + "共计。\n", "utf-8")
    en.write_text(
        "; ".join(f"{1000 + i} people in {1950 + i}" for i in range(40)) + ".\n\nNone more.\n",
        "utf-8",
    )
    from sourcecompare import compare

    return compare([zh, en])


def test_a_paragraph_is_glossed_once_and_each_finding_shows_its_window(tmp_path: Path) -> None:
    report = _figure_heavy(tmp_path)
    page = to_html(report)
    zh = next(d for d in report.documents if d.language == "zh")
    # one template per quoted Chinese paragraph, however many of its figures are findings
    assert page.count("<template ") == 1
    shown = cut = 0
    by_id = {c.id: c for c in report.claims}
    for side in re.findall(r'<figure class="sc-side".*?</figure>', page, re.S):
        claim = by_id[html.unescape(re.search(r'data-claim="([^"]+)"', side).group(1))]
        if claim.document != zh.id:
            assert "data-gloss" not in side
            continue
        paragraph = zh.paragraphs[claim.paragraph]
        ex = excerpt(paragraph, claim)
        words, first, last = _gloss_run(page, side)
        texts = [_gloss_text([w]) for w in words]
        assert "".join(texts) == paragraph.text  # the template holds the paragraph's words
        # the words shown are those the quoted window (figure and all) shares a character
        # with: they cover it, and neither end word lies outside it
        run_start = sum(map(len, texts[:first]))
        run_end = run_start + sum(map(len, texts[first:last]))
        window_end = ex.start + len(ex.text)
        assert run_start <= ex.start < run_start + len(texts[first])
        assert run_end - len(texts[last - 1]) < window_end <= run_end
        cut += (run_start, run_end) != (ex.start, window_end)
        shown += 1
    assert shown >= 40
    assert cut > 0  # some windows cut a word: it is shown whole
    # the page grows with the text: each gloss names its words instead of repeating them
    assert len(page) < 40 * len(zh.paragraphs[0].text) + 4000 * len(report.findings)


def test_report_json_holds_each_sentence_once(tmp_path: Path) -> None:
    report = _figure_heavy(tmp_path)
    assert len(report.claims) >= 80
    text = to_json(report)
    for doc in report.documents:
        for para in doc.paragraphs:
            for sentence in para.sentences:
                if len(sentence.text) > 40:
                    # the paragraph's text holds it; no claim repeats it
                    assert json.dumps(sentence.text, ensure_ascii=False)[1:-1] in text
                    assert text.count(sentence.text) == 1, sentence.text[:30]
    back = load_json(text)
    assert [c.sentence_text for c in back.claims] == [c.sentence_text for c in report.claims]
    assert to_json(back) == text


def test_report_json_keeps_a_sentence_text_that_is_not_its_sentence(tmp_path: Path) -> None:
    report = _figure_heavy(tmp_path)
    odd = replace(report.claims[0], sentence_text="")  # a figure outside every sentence
    report = replace(report, claims=(odd, *report.claims[1:]))
    data = json.loads(to_json(report))
    assert data["claims"][0]["sentence_text"] == ""
    assert "sentence_text" not in data["claims"][1]
    assert load_json(to_json(report)).claims[0].sentence_text == ""


def test_an_older_report_with_every_sentence_text_still_loads(tmp_path: Path) -> None:
    report = _figure_heavy(tmp_path)
    data = json.loads(to_json(report))
    for claim, c in zip(data["claims"], report.claims, strict=True):
        claim["sentence_text"] = c.sentence_text
    back = load_json(json.dumps(data, ensure_ascii=False))
    assert [c.sentence_text for c in back.claims] == [c.sentence_text for c in report.claims]


def test_a_claim_naming_a_missing_sentence_is_refused(tmp_path: Path) -> None:
    data = json.loads(to_json(_figure_heavy(tmp_path)))
    data["claims"][0]["sentence"] = 999
    path = tmp_path / "report.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ReportError, match=r"report\.json: inconsistent report: .*sentence 999"):
        load_json(path)


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=5)
    | st.dictionaries(st.text(max_size=8), inner, max_size=5),
    max_leaves=60,
)  # fmt: skip


@given(_JSON_VALUES)
def test_the_report_layout_writes_the_same_json_as_plain_dumps(value: object) -> None:
    from sourcecompare.report.to_json import _lines

    out: list[str] = []
    _lines(value, 0, out)
    text = "".join(out)
    assert json.loads(text) == json.loads(json.dumps(value, sort_keys=True))


def test_a_claim_and_a_finding_are_one_line_each(report: Report) -> None:
    text = to_json(report)
    data = json.loads(text)
    lines = text.splitlines()
    for item in data["claims"] + data["findings"]:
        mark = f'"id": "{item["id"]}"'
        (line,) = [x for x in lines if x.startswith("    {") and mark in x]
        assert json.loads(line.strip().rstrip(",")) == item
    assert len(lines) < 40 + len(data["claims"]) + len(data["findings"]) + sum(
        len(d["paragraphs"]) * 9 for d in data["documents"]
    )


@given(st.text(alphabet=st.sampled_from(list(" \t\n\u3000\u00a0ab中*_[]<>|~#&$`\\")), max_size=30))
def test_md_escape_is_the_plain_collapse_then_escape(text: str) -> None:
    """The fast path of ``md_escape`` (a text with single spaces and nothing to escape is
    returned as it is) against its plain form: collapse the spaces, strip, escape."""
    import importlib

    md = importlib.import_module("sourcecompare.report.to_markdown")
    plain = md._SPECIAL.sub(r"\\\1", md._SPACE.sub(" ", text).strip())
    assert md.md_escape(text) == plain
