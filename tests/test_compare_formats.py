"""`compare` on what fact-checkers have: a PDF and a saved web page give the findings of their
text versions, and any mix of formats compares, each detected by content."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from sourcecompare.cli import main
from sourcecompare.compare import compare
from sourcecompare.model import Report
from sourcecompare.readers import pdf_text, wiki_text

from . import html_builder, pdf_builder
from .conftest import CORPUS, ROOT

EN = CORPUS / "en-wiki-japanese-in-north-korea.txt"
WOLMAN = CORPUS / "wolman-2024-resettlement-under-the-radar.txt"
ZH_WIKITEXT = CORPUS / "zh-wiki-japan-north-korea-relations.wikitext"

# under CI (which installs the fonts) these tests must run, never skip
pytestmark = pytest.mark.skipif(
    not pdf_builder.FONT.is_file() and not os.environ.get("CI"), reason="DejaVu fonts missing"
)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    text_dir = tmp_path_factory.mktemp("text")
    page_dir = tmp_path_factory.mktemp("pages")
    shutil.copy(EN, text_dir / "en-wiki.txt")
    shutil.copy(WOLMAN, text_dir / "wolman.txt")
    en = wiki_text.parse(EN.read_text(encoding="utf-8"))
    assert en.title
    (page_dir / "en-wiki.html").write_text(
        html_builder.wikipedia_page(en.title, en.paragraphs), encoding="utf-8"
    )
    wolman = pdf_text.parse(WOLMAN.read_text(encoding="utf-8"))
    (page_dir / "wolman.pdf").write_bytes(pdf_builder.typeset(wolman.paragraphs, "Wolman 2024"))
    return {
        "en.txt": text_dir / "en-wiki.txt",
        "wolman.txt": text_dir / "wolman.txt",
        "en.html": page_dir / "en-wiki.html",
        "wolman.pdf": page_dir / "wolman.pdf",
    }


def _findings(report: Report) -> list[tuple[Any, ...]]:
    by_id = {c.id: c for c in report.claims}
    return sorted(
        (
            f.id,
            f.relation.value,
            f.severity.value,
            tuple(sorted((by_id[c].document, by_id[c].text, by_id[c].value) for c in f.claim_ids)),
        )
        for f in report.findings
    )


def test_pdf_and_html_give_the_findings_of_their_text_versions(files: dict[str, Path]) -> None:
    as_text = compare([files["en.txt"], files["wolman.txt"]])
    as_found = compare([files["en.html"], files["wolman.pdf"]])
    assert [d.format for d in as_text.documents] == ["wiki-text", "pdf-text"]
    assert [d.format for d in as_found.documents] == ["wikipedia-html", "pdf"]
    assert len(as_found.findings) > 50
    assert _findings(as_found) == _findings(as_text)
    conflicts = {
        tuple(sorted(t for _, t, _ in claims))
        for _, rel, _, claims in _findings(as_found)
        if rel == "conflict"
    }
    assert ("6,637", "6,836") in conflicts, sorted(conflicts)[:10]


def test_cli_compares_any_mix(files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    code = main(
        [
            "compare",
            str(files["wolman.pdf"]),
            str(files["en.html"]),
            str(ZH_WIKITEXT),
            "-o",
            str(out),
        ]
    )
    assert code == 0
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "docs" / "report-schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    formats = {d["id"]: d["format"] for d in data["documents"]}
    assert formats == {
        "wolman": "pdf",
        "en-wiki": "wikipedia-html",
        "zh-wiki-japan-north-korea-relations": "wikitext",
    }
    pdf_doc = next(d for d in data["documents"] if d["id"] == "wolman")
    assert all(p["page"] >= 1 for p in pdf_doc["paragraphs"])
    assert not any(
        "page" in p for d in data["documents"] if d["id"] != "wolman" for p in d["paragraphs"]
    )
    raw = (out / "raw" / "wolman.txt").read_text(encoding="utf-8")
    claim = next(c for c in data["claims"] if c["document"] == "wolman" and c["text"] == "6,836")
    assert raw[claim["start"] : claim["end"]] == "6,836"  # the spans point into the saved text
    assert not (out / "raw" / "en-wiki.txt").exists()
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "wolman ¶" in md and ", p. " in md
    page_html = (out / "report.html").read_text(encoding="utf-8")
    assert re.search(r'class="sc-para-link"[^>]*>wolman ¶\d+, p\. \d+</a>', page_html)
