"""Test PDFs typeset line by line with fpdf2, so every line, font size and raise is known.

The tests build their PDFs here rather than keeping binary fixtures: what a page holds is
readable in this file.  Fonts are Debian's DejaVu (``fonts-dejavu-core``; ``.ci/run`` installs
it when missing).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
PAGE_W, PAGE_H = 595.0, 842.0
LEFT, RIGHT = 72.0, 523.0
BODY, SMALL, HEAD = 10.0, 7.5, 13.0
LEADING = 14.0

#: a run of a line: its text and whether it is a superscript (a footnote marker)
Run = tuple[str, bool]


def new_pdf():  # type: ignore[no-untyped-def]
    from fpdf import FPDF

    pdf = FPDF(format=(PAGE_W, PAGE_H), unit="pt")
    pdf.set_auto_page_break(False)
    pdf.add_font("Serif", "", str(FONT))
    pdf.set_font("Serif", size=BODY)
    return pdf


def put_line(pdf, x: float, y: float, runs: Sequence[Run], size: float = BODY) -> float:  # type: ignore[no-untyped-def]
    """Set ``runs`` on the baseline ``y`` (from the top) from ``x``; superscripts at 65% size,
    raised by a third of the size.  Returns the x where the line ends."""
    for text, sup in runs:
        pdf.set_font("Serif", size=size * 0.65 if sup else size)
        pdf.text(x, y - size * 0.35 if sup else y, text)
        x += pdf.get_string_width(text)
    pdf.set_font("Serif", size=BODY)
    return x


def wrap(
    pdf, runs: Sequence[Run], width: float, size: float, indent: float = 0.0
) -> list[list[Run]]:  # type: ignore[no-untyped-def]
    """Break runs into lines no wider than ``width`` at spaces (markers stay glued)."""
    words: list[list[Run]] = []
    for text, sup in runs:
        if sup:
            if words:
                words[-1].append((text, True))
            else:
                words.append([(text, True)])
            continue
        parts = text.split(" ")
        for k, part in enumerate(parts):
            if k == 0 and words and not text.startswith(" ") and part:
                words[-1].append((part, False))
            elif part:
                words.append([(part, False)])

    def w(word: list[Run]) -> float:
        total = 0.0
        for text, sup in word:
            pdf.set_font("Serif", size=size * 0.65 if sup else size)
            total += pdf.get_string_width(text)
        pdf.set_font("Serif", size=size)
        return total

    pdf.set_font("Serif", size=size)
    space = pdf.get_string_width(" ")
    lines: list[list[Run]] = []
    cur: list[Run] = []
    used = indent
    for word in words:
        ww = w(word)
        if cur and used + space + ww > width:
            lines.append(cur)
            cur, used = [], 0.0
        if cur:
            cur.append((" ", False))
            used += space
        cur.extend(word)
        used += ww
    if cur:
        lines.append(cur)
    return lines


def furniture(pdf, page: int, header: str) -> None:  # type: ignore[no-untyped-def]
    """A running header at the top and the page number at the bottom."""
    put_line(pdf, LEFT, 40, [(header, False)], size=SMALL)
    put_line(pdf, PAGE_W / 2, PAGE_H - 30, [(str(page), False)], size=SMALL)


def two_pages() -> bytes:
    """The layout test: see tests/cases/readers/pdf-two-pages.toml for what it holds."""
    pdf = new_pdf()
    pdf.add_page()
    furniture(pdf, 1, "Journal of Resettlement Studies 2026")
    put_line(pdf, LEFT, 90, [("I. Introduction", False)], size=HEAD)
    lines: list[list[Run]] = [
        [("Japan took in 6,836 escapees from China and Thailand.", False), ("1", True),
         (" Most of them came", False)],
        [("in the early 1990s, when the government began to resettle-", False)],
        [("ment programmes for the returnees.", False)],
    ]  # fmt: skip
    y = 120.0
    for runs in lines:
        put_line(pdf, LEFT, y, runs)
        y += LEADING
    y += 10
    put_line(pdf, LEFT + 18, y, [("A second paragraph counts 1,831 Japanese spouses.", False),
                                 ("2", True)])  # fmt: skip
    put_line(pdf, LEFT, 760, [("1 An interview with a returnee, Tokyo, 2019.", False)], size=SMALL)
    put_line(pdf, LEFT, 770, [("2 Ministry of Justice figures.", False)], size=SMALL)
    pdf.add_page()
    furniture(pdf, 2, "Journal of Resettlement Studies 2026")
    col_w = (RIGHT - LEFT - 20) / 2
    left = (
        "The left column says that 93,340 migrants went to North Korea between 1959 and 1984 "
        "in all."
    )
    right = "The right column says that the last ship sailed in 1984 and that few came back."
    for x, text, marker in ((LEFT, left, "3"), (LEFT + col_w + 20, right, None)):
        runs: list[Run] = [(text, False)] + ([(marker, True)] if marker else [])
        y = 90.0
        for line in wrap(pdf, runs, col_w, BODY):
            put_line(pdf, x, y, line)
            y += LEADING
    put_line(pdf, LEFT, 770, [("3 Kikuchi, 2020, p. 12.", False)], size=SMALL)
    return bytes(pdf.output())


def no_text_layer() -> bytes:
    """A 'scan': a page holding only a drawn rectangle, no text."""
    pdf = new_pdf()
    pdf.add_page()
    pdf.rect(72, 72, 300, 400, style="F")
    return bytes(pdf.output())


def encrypted() -> bytes:
    pdf = new_pdf()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    put_line(pdf, LEFT, 90, [("A secret of 229 lines.", False)])
    return bytes(pdf.output())


def typeset(paragraphs, header: str) -> bytes:  # type: ignore[no-untyped-def]
    """Typeset paragraphs read from a text (``Parsed.paragraphs``) into a PDF: headings large,
    body with its footnote markers as superscripts where they stood, a running header and page
    numbers on every page, and the footnotes in small type after the body."""
    from sourcecompare.model import ParagraphKind

    pdf = new_pdf()
    page = 0
    y = PAGE_H

    def new_page() -> float:
        nonlocal page
        pdf.add_page()
        page += 1
        furniture(pdf, page, header)
        return 80.0

    body = [p for p in paragraphs if p.kind is not ParagraphKind.FOOTNOTE]
    notes = [p for p in paragraphs if p.kind is ParagraphKind.FOOTNOTE]
    for para in body:
        size = HEAD if para.kind is ParagraphKind.HEADING else BODY
        runs: list[Run] = []
        at = 0
        for ref in para.footnote_refs:
            runs.append((para.text[at : ref.position], False))
            runs.append((ref.label, True))
            at = ref.position
        runs.append((para.text[at:], False))
        runs = [r for r in runs if r[0]]
        lead = size * 1.4
        for k, line in enumerate(wrap(pdf, runs, RIGHT - LEFT, size, 18)):
            if y + lead > PAGE_H - 60:
                y = new_page()
            put_line(pdf, LEFT + (18 if k == 0 else 0), y, line, size=size)
            y += lead
        y += 8
    y = new_page()
    for note in notes:
        runs = [(f"{note.label} {note.text}", False)]
        for line in wrap(pdf, runs, RIGHT - LEFT, SMALL):
            if y + 10 > PAGE_H - 60:
                y = new_page()
            put_line(pdf, LEFT, y, line, size=SMALL)
            y += 10
    return bytes(pdf.output())


CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")


def wrap_cjk(pdf, runs: Sequence[Run], width: float, size: float) -> list[list[Run]]:  # type: ignore[no-untyped-def]
    """Break Chinese text into lines at any character (a marker stays with the one before)."""
    lines: list[list[Run]] = [[]]
    used = 0.0
    for text, sup in runs:
        pdf.set_font("CJK", size=size * 0.65 if sup else size)
        for ch in [text] if sup else list(text):
            w = pdf.get_string_width(ch)
            if used + w > width and lines[-1] and not sup:
                lines.append([])
                used = 0.0
            lines[-1].append((ch, sup))
            used += w
    return [ln for ln in lines if ln]


def chinese_pages() -> bytes:
    """A Chinese paper's two pages in Noto Serif CJK: see tests/cases/readers/pdf-chinese.toml."""
    pdf = new_pdf()
    pdf.add_font("CJK", "", str(CJK_FONT), collection_font_number=3)

    def line(x: float, y: float, runs: Sequence[Run], size: float = BODY) -> None:
        for text, sup in runs:
            pdf.set_font("CJK", size=size * 0.65 if sup else size)
            pdf.text(x, y - size * 0.35 if sup else y, text)
            x += pdf.get_string_width(text)

    def furniture_cjk(page: int) -> None:
        line(LEFT, 40, [("北韓研究季刊 2026", False)], size=SMALL)
        line(PAGE_W / 2, PAGE_H - 30, [(str(page), False)], size=SMALL)

    pdf.add_page()
    furniture_cjk(1)
    line(LEFT, 90, [("一、引言", False)], size=HEAD)
    runs: list[Run] = [
        ("1959年至1984年間，共有93,340人從日本移居北韓，其中約6,836人持有日本國籍。", False),
        ("1", True),
        ("這些人多數是在日朝鮮人的日本配偶，後來有一部分人回到日本定居。", False),
    ]
    y = 120.0
    for ln in wrap_cjk(pdf, runs, 200, BODY):
        line(LEFT, y, ln)
        y += LEADING
    y += 10
    second: list[Run] = [
        ("第二段說明資料來源：日本法務省的統計顯示，約有1,831名日本配偶在北韓生活，", False),
        ("他們的處境長期不為外界所知，直到二十一世紀初才有較多的報導。", False),
        ("2", True),
    ]
    lines = wrap_cjk(pdf, second, 200, BODY)
    for ln in lines[:2]:
        line(LEFT + (18 if ln is lines[0] else 0), y, ln)
        y += LEADING
    line(LEFT, 770, [("1 法務省統計，2019年。", False)], size=SMALL)
    pdf.add_page()
    furniture_cjk(2)
    y = 90.0
    for ln in lines[2:]:
        line(LEFT, y, ln)
        y += LEADING
    line(LEFT, 770, [("2 參見《朝日新聞》報導。", False)], size=SMALL)
    return bytes(pdf.output())


def columns_row_by_row() -> bytes:
    """Two columns whose lines are written row by row (left line, right line, ...), as some
    generators do: only the gutter tells them apart."""
    pdf = new_pdf()
    pdf.add_page()
    col_w = (RIGHT - LEFT - 20) / 2
    left = wrap(pdf, [(LEFT_COLUMN, False)], col_w, BODY)
    right = wrap(pdf, [(RIGHT_COLUMN, False)], col_w, BODY)
    y = 90.0
    for k in range(max(len(left), len(right))):
        if k < len(left):
            put_line(pdf, LEFT, y, left[k])
        if k < len(right):
            put_line(pdf, LEFT + col_w + 20, y, right[k])
        y += LEADING
    return bytes(pdf.output())


LEFT_COLUMN = "The left column says that 93,340 migrants went to North Korea between 1959 and 1984."
RIGHT_COLUMN = (
    "The right column says that the last ship sailed in 1984 and that few of them ever came "
    "back home."
)
