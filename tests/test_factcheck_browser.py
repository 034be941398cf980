"""The bundled corpus as a fact-checker meets it, in Chromium (Playwright): the report's first
screen shows the conflicts, the one-sided figures wait collapsed, a Chinese sentence's gloss
opens, a note set on the review page is in the report after a re-run, and the review page's
address fragment selects a finding and shows its context.

Screenshots at 1400 and 900 pixels wide go to the test's temporary folder (or
``$SOURCECOMPARE_SCREENSHOT_DIR``), to be looked at.  Needs what the other browser tests need
(see ``tests/conftest.py``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sourcecompare import compare
from sourcecompare.report import write_report
from sourcecompare.review import ReviewServer, Status, apply_review, make_server

from .conftest import CORPUS, serving

SCREENSHOT_DIR_ENV = "SOURCECOMPARE_SCREENSHOT_DIR"
TIMEOUT_MS = 10_000


@pytest.fixture(scope="module")
def corpus_report() -> Any:
    return compare([CORPUS])


@pytest.fixture
def out(corpus_report: Any, tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    write_report(corpus_report, folder)
    return folder


class Watched:
    def __init__(self, browser: Any, width: int) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    w = Watched(browser, 1400)
    yield w
    w.context.close()


def _shot(page: Any, tmp_path: Path, name: str) -> Path:
    folder = Path(os.environ.get(SCREENSHOT_DIR_ENV) or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000  # drawn, not blank
    return path


def _conflicts(out: Path) -> list[dict[str, Any]]:
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return [f for f in data["findings"] if f["relation"] == "conflict"]


@pytest.mark.parametrize("width", [1400, 900])
def test_the_first_screen_shows_the_conflicts(
    browser: Any, out: Path, tmp_path: Path, width: int
) -> None:
    w = Watched(browser, width)
    try:
        page = w.page
        page.goto((out / "report.html").as_uri())
        first = _conflicts(out)[0]
        card = page.locator(f"#finding-{first['id']}")
        box = card.bounding_box()
        assert box is not None and box["y"] < 900, "the first conflict is below the first screen"
        # its sources grouped by figure, the first group as report.json has it
        group = first["sources"][0]
        assert card.locator(".sc-group").first.inner_text().startswith(group["figure"] + ":")
        # every finding shown before the one-sided section is a conflict first
        relations = page.eval_on_selector_all(
            "#sc-findings > ol.sc-findings > .sc-finding", "els => els.map(e => e.dataset.relation)"
        )
        assert relations[: len(_conflicts(out))] == ["conflict"] * len(_conflicts(out))
        # the one-sided figures: one collapsed section per document
        sections = page.locator("details.sc-only-in")
        assert sections.count() >= 2
        assert not any(sections.evaluate_all("els => els.map(e => e.open)"))
        assert not page.locator(".sc-one-sided .sc-finding").first.is_visible()
        _shot(page, tmp_path, f"report-{width}.png")
        assert w.errors == []
    finally:
        w.context.close()


def test_a_gloss_opens_under_a_chinese_sentence(watched: Watched, out: Path) -> None:
    page = watched.page
    page.goto((out / "report.html").as_uri())
    side = page.locator(".sc-finding.sc-rel-conflict .sc-side:has(.sc-gloss)").first
    gloss = side.locator(".sc-gloss")
    assert "not a translation" in gloss.locator("summary").inner_text()
    words = gloss.locator(".sc-gw-en")
    assert not words.first.is_visible()
    gloss.locator("summary").click()
    # the paragraph's words are copied in from its template when the gloss first opens
    gloss.locator(".sc-gloss-words .sc-gw-en").first.wait_for(state="visible")
    assert gloss.locator(".sc-gloss-wait").count() == 0
    senses = words.all_inner_texts()
    assert "North Korea" in senses and "nationality" in senses
    assert watched.errors == []


def test_a_note_set_in_review_is_in_the_report_after_a_rerun(
    watched: Watched, out: Path, corpus_report: Any
) -> None:
    conflict = _conflicts(out)[0]
    with serving(make_server(out, port=0, reviewer="tester")) as server:
        page = watched.page
        page.goto(f"{server.url}#finding={conflict['id']}")
        page.locator(f'.item[data-id="{conflict["id"]}"][aria-current="true"]').wait_for()
        page.keyboard.press("1")
        page.locator("#save.ok").wait_for()
        page.fill("#note", "Wolman counts citizenship; the wikis count spouses")
        page.locator("#note").blur()
        page.locator("#save.ok", has_text="revision 2").wait_for()
    # the next compare run into the folder
    write_report(apply_review(corpus_report, out), out)
    page.goto((out / "report.html").as_uri() + f"#finding-{conflict['id']}")
    review = page.locator(f"#finding-{conflict['id']} .sc-review")
    assert "Confirmed discrepancy" in review.inner_text()
    assert "Wolman counts citizenship; the wikis count spouses" in review.inner_text()
    assert "tester" in review.inner_text()
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "Wolman counts citizenship; the wikis count spouses" in md
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    kept = next(f for f in data["findings"] if f["id"] == conflict["id"])
    assert kept["review"]["status"] == Status.CONFIRMED.value
    assert kept["review"]["reviewer"] == "tester" and kept["review"]["revision"] == 2
    assert watched.errors == []


@pytest.fixture
def served(out: Path) -> Iterator[ReviewServer]:
    with serving(make_server(out, port=0, reviewer="tester")) as server:
        yield server


def test_the_review_page_fragment_selects_a_finding_with_its_context(
    served: ReviewServer, watched: Watched, out: Path, tmp_path: Path
) -> None:
    page = watched.page
    conflicts = _conflicts(out)
    first, second = conflicts[0], conflicts[1]
    page.goto(f"{served.url}#finding={first['id']}")
    current = page.locator('.item[aria-current="true"]')
    current.wait_for()
    assert current.get_attribute("data-id") == first["id"]
    # the list's line leads with what differs, so both figures show however narrow it is
    figures = " / ".join(g["figure"] for g in first["sources"])
    assert current.locator(".summary").inner_text() == f"{first['subject']} · {figures}"
    assert (
        current.locator(".summary")
        .get_attribute("title")
        .startswith(first["sources"][0]["figure"] + ": ")
    )
    # changing the fragment switches the finding, as a link or the address bar would
    page.evaluate(f"location.hash = '#finding={second['id']}'")
    page.locator(f'.item[data-id="{second["id"]}"][aria-current="true"]').wait_for()
    # also to a finding the filters hide
    page.select_option("#f-relation", "agreement")
    page.evaluate(f"location.hash = '#finding={first['id']}'")
    page.locator(f'.item[data-id="{first["id"]}"][aria-current="true"]').wait_for()
    detail = page.locator("#detail")
    # one format for confidence, as the report writes it
    assert f"confidence {first['confidence']:.2f}" in detail.inner_text()
    assert "%" not in detail.locator(".conf").inner_text()
    # the sources grouped by figure; each card its tier and where the sentence stands
    group = first["sources"][0]
    assert group["figure"] + ": " + ", ".join(group["documents"]) in detail.inner_text()
    cards = detail.locator(".claim")
    assert cards.count() == len(first["claims"])
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    claims = {c["id"]: c for c in data["claims"]}
    tiers = {d["id"]: d["tier"] for d in data["documents"]}
    for i, cid in enumerate(first["claims"]):
        card = cards.nth(i)
        assert tiers[claims[cid]["document"]] in card.locator(".tier").inner_text()
        assert claims[cid]["where"] in card.locator(".place").inner_text()
        # the paragraph in context, the figure highlighted
        card.locator(".in-context summary").click()
        assert card.locator(".context mark").inner_text() == claims[cid]["text"]
    # a Chinese card has the gloss
    gloss = detail.locator(".claim[lang=zh] details.gloss").first
    gloss.locator("summary").click()
    assert gloss.locator(".gw .en").first.is_visible()
    _shot(page, tmp_path, "review-1400.png")
    # the side-by-side link opens the report at the paragraph
    link = cards.nth(0).locator(".place a")
    with page.context.expect_page() as opened:
        link.click()
    report = opened.value
    report.wait_for_load_state("load")
    anchor = claims[first["claims"][0]]["anchor"]
    assert report.locator(f'[id="{anchor}"]').is_visible()
    report.close()
    assert watched.errors == []


def test_the_review_page_marks_the_figure_where_it_stands(
    served: ReviewServer, watched: Watched
) -> None:
    """A figure whose text comes twice in its sentence ("其中兩人後來……，兩人在朝鮮死亡") is
    marked at its own place, not at the first copy of its text."""
    page = watched.page
    page.goto(served.url)
    page.locator(".item").first.wait_for()
    findings = page.evaluate("fetch('/api/findings').then(r => r.json()).then(d => d.findings)")
    found = [
        (f["id"], i, c)
        for f in findings
        for i, c in enumerate(f["claims"])
        if c["sentence_start"] >= 0
        and c["sentence"].find(c["context"][c["figure_start"] : c["figure_end"]])
        != c["figure_start"] - c["sentence_start"]
    ]
    assert found, "the corpus has a figure whose text comes earlier in its sentence"
    fid, i, claim = found[0]
    page.evaluate(f"location.hash = '#finding={fid}'")
    page.locator(f'.item[data-id="{fid}"][aria-current="true"]').wait_for()
    shown = page.locator("#detail .claim").nth(i).locator(".sentence")
    before = shown.evaluate(
        "p => { const m = p.querySelector('mark'); let t = '';"
        " for (const n of p.childNodes) { if (n === m) break; t += n.textContent; } return t; }"
    )
    assert before == claim["sentence"][: claim["figure_start"] - claim["sentence_start"]]
    assert watched.errors == []
