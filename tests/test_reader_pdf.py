"""The pdf reader: a two-page layout PDF (golden case), the Wolman seed typeset into a PDF and
read back like its text version, and the bad PDFs (scan, encrypted, truncated).

The PDFs are built by tests/pdf_builder.py with fpdf2, so what each page holds is known.
"""

from __future__ import annotations

import os
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from sourcecompare.claims import extract_claims
from sourcecompare.errors import EncryptedPDF, ReadError, ScannedPDF, TruncatedPDF
from sourcecompare.model import ParagraphKind
from sourcecompare.pipeline import read
from sourcecompare.readers import detect, pdf, pdf_text, read_file
from sourcecompare.readers._common import offset_problems

from . import pdf_builder
from .conftest import CORPUS

CASES = Path(__file__).resolve().parent / "cases" / "readers"
WOLMAN = "wolman-2024-resettlement-under-the-radar.txt"

# under CI (which installs the fonts) these tests must run, never skip
pytestmark = pytest.mark.skipif(
    not pdf_builder.FONT.is_file() and not os.environ.get("CI"),
    reason="DejaVu fonts missing (apt-get install fonts-dejavu-core)",
)


@pytest.fixture(scope="module")
def two_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "two-pages.pdf"
    path.write_bytes(pdf_builder.two_pages())
    return path


@pytest.fixture(scope="module")
def wolman_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = (CORPUS / WOLMAN).read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("pdf") / "wolman-2024.pdf"
    path.write_bytes(pdf_builder.typeset(pdf_text.parse(raw).paragraphs, "Wolman 2024"))
    return path


def _cjk_fonts() -> bool:
    return pdf_builder.CJK_FONT.is_file() or bool(os.environ.get("CI"))


@pytest.mark.parametrize(
    ("case_name", "build"),
    [
        ("pdf-two-pages", pdf_builder.two_pages),
        pytest.param(
            "pdf-chinese",
            pdf_builder.chinese_pages,
            marks=pytest.mark.skipif(not _cjk_fonts(), reason="apt-get install fonts-noto-cjk"),
        ),
    ],
)
def test_golden(case_name: str, build: Any, tmp_path: Path) -> None:
    with (CASES / f"{case_name}.toml").open("rb") as fh:
        case: dict[str, Any] = tomllib.load(fh)
    assert case["label"] == case_name and case["comment"]
    path = tmp_path / f"{case_name}.pdf"
    path.write_bytes(build())
    doc = read_file(path)
    assert doc.format == "pdf" and doc.metadata["page_count"] == "2"
    assert "pages" not in doc.metadata  # a page count is not the page range a citation gives
    assert not list(offset_problems(doc.raw, doc.paragraphs))
    assert len(doc.paragraphs) == len(case["paragraph"])
    for para, want in zip(doc.paragraphs, case["paragraph"], strict=True):
        where = want["label"]
        assert want["comment"], where
        assert para.kind is ParagraphKind(want["kind"]), where
        assert para.page == want["page"], where
        assert para.label == (want.get("label_text") or None), where
        assert para.section == tuple(want["section"]), where
        assert para.text == want["text"], where
        got = [[r.label, para.text[: r.position]] for r in para.footnote_refs]
        assert [g[0] for g in got] == [r[0] for r in want["refs"]], where
        for (_, before), (_, after) in zip(got, want["refs"], strict=True):
            assert before.endswith(after), (where, before[-30:])
        for ref in para.footnote_refs:
            assert doc.raw[ref.raw_start : ref.raw_end] == ref.label
    for para in doc.paragraphs:
        for bad in case["absent"]:
            assert bad not in para.text, (bad, para.text)


def test_raw_is_the_extracted_text(two_pages: Path) -> None:
    """Furniture stays in raw (it is what was extracted) and a form feed ends each page."""
    doc = read_file(two_pages)
    assert doc.raw.count("\f") == 2
    assert doc.raw.splitlines()[0] == "Journal of Resettlement Studies 2026"
    assert "resettle-\nment" in doc.raw


def test_the_pages_a_manifest_gives_number_a_pdfs_pages(two_pages: Path) -> None:
    """A journal article cites the journal's pages: ``pages = "301-337"`` numbers the PDF's
    first page 301 (the file's own pages count from 1)."""
    plain = read_file(two_pages)
    given = read_file(two_pages, metadata={"pages": "301-337"})
    assert {p.page for p in plain.paragraphs} == {1, 2}
    assert [p.page for p in given.paragraphs] == [
        None if p.page is None else p.page + 300 for p in plain.paragraphs
    ]
    assert given.metadata["pages"] == "301-337"


def test_detected_by_content_whatever_the_name(two_pages: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "paper.txt"
    renamed.write_bytes(two_pages.read_bytes())
    assert detect.detect_binary_format(renamed.read_bytes()) == "pdf"
    assert read_file(renamed).format == "pdf"


def test_seed_paper_as_pdf_reads_like_its_text(wolman_pdf: Path) -> None:
    """The Wolman paper typeset into a PDF gives the paragraphs, markers and figures of the
    text version (the title block's INFOBOX lines come back as body lines)."""
    text_doc = read(CORPUS / WOLMAN, format="pdf-text")
    pdf_doc = read(wolman_pdf)
    assert [p.text for p in pdf_doc.paragraphs] == [p.text for p in text_doc.paragraphs]
    markers = [[r.label for r in p.footnote_refs] for p in pdf_doc.paragraphs]
    assert markers == [[r.label for r in p.footnote_refs] for p in text_doc.paragraphs]
    assert sum(map(len, markers)) == 152
    notes = [p.label for p in pdf_doc.paragraphs if p.kind is ParagraphKind.FOOTNOTE]
    assert notes == [p.label for p in text_doc.paragraphs if p.kind is ParagraphKind.FOOTNOTE]
    assert all(p.page is not None and p.page >= 1 for p in pdf_doc.paragraphs)
    assert max(p.page or 0 for p in pdf_doc.paragraphs) > 10

    def figures(doc: Any) -> Counter[tuple[str, float | None, str]]:
        return Counter((c.text, c.value, c.unit) for c in extract_claims(doc))

    got, want = figures(pdf_doc), figures(text_doc)
    for fig in (("93,340", 93340), ("6,836", 6836), ("an estimated 1,831", 1831)):
        assert got[(*fig, "person")] == want[(*fig, "person")] == 1, fig
    assert got == want
    para = next(p for p in pdf_doc.paragraphs if "93,340" in p.text)
    assert para.page == next(p.page for p in pdf_doc.paragraphs if "6,836" in p.text)


def test_scan_needs_ocr(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf_builder.no_text_layer())
    with pytest.raises(ScannedPDF, match="OCR") as info:
        read_file(path)
    assert info.value.path == str(path) and str(path) in str(info.value)


def test_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(pdf_builder.encrypted())
    with pytest.raises(EncryptedPDF, match="encrypted") as info:
        read_file(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize("keep", [0.5, 0.95])
def test_truncated(two_pages: Path, tmp_path: Path, keep: float) -> None:
    data = two_pages.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(TruncatedPDF, match="truncated") as info:
        read_file(path)
    assert str(path) in str(info.value)


def test_damaged(tmp_path: Path) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.4\nnot a pdf at all\n%%EOF\n")
    with pytest.raises(TruncatedPDF, match="damaged") as info:
        read_file(path)
    assert str(path) in str(info.value)


def test_parse_from_text_is_refused() -> None:
    with pytest.raises(ReadError, match="bytes"):
        pdf.parse("%PDF-1.4")


def test_pdf_format_on_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Not a PDF: 229 dead.\n", encoding="utf-8")
    with pytest.raises(ReadError, match="not a PDF") as info:
        read_file(path, format="pdf")
    assert info.value.path == str(path)


def test_line_end_hyphens(tmp_path: Path) -> None:
    """A hyphen at a line end is dropped before a lower-case word (resettle-ment), kept when the
    hyphenated form occurs elsewhere (co-ethnicity) or the next part is capitalised."""
    pdf = pdf_builder.new_pdf()
    pdf.add_page()
    lines = [
        "The co-ethnicity of the migrants, and their co-",
        "ethnicity again; the Congressional-",
        "Executive Commission asked to resettle-",
        "ment them.",
    ]
    for k, text in enumerate(lines):
        pdf_builder.put_line(pdf, pdf_builder.LEFT, 100 + 14 * k, [(text, False)])
    path = tmp_path / "hyphens.pdf"
    path.write_bytes(bytes(pdf.output()))
    (para,) = read_file(path).paragraphs
    assert para.text == (
        "The co-ethnicity of the migrants, and their co-ethnicity again; the "
        "Congressional-Executive Commission asked to resettlement them."
    )
    assert para.page == 1


def test_columns_written_row_by_row(tmp_path: Path) -> None:
    path = tmp_path / "rows.pdf"
    path.write_bytes(pdf_builder.columns_row_by_row())
    doc = read_file(path)
    assert [p.text for p in doc.paragraphs] == [
        pdf_builder.LEFT_COLUMN,
        pdf_builder.RIGHT_COLUMN,
    ]
