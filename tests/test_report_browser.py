"""The HTML report in a real browser (Chromium through Playwright): filters, paragraph links,
no console errors, payloads shown as text and never run.

Needs the ``playwright`` package and a Chromium at ``/usr/bin/chromium`` (Debian: ``apt-get
install chromium``); never downloads a browser.  Without them the tests are skipped, except
under CI (``CI`` set), where a missing browser is a failure: CI must really run them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from sourcecompare.report import to_html, write_report

from .test_report import IMG_PAYLOAD, SCRIPT_PAYLOAD, build_report

#: where the screenshot goes: $SOURCECOMPARE_SCREENSHOT, else the test's own temporary folder
SCREENSHOT_ENV = "SOURCECOMPARE_SCREENSHOT"


class Watched:
    """A page with its console errors, page errors, failed requests and dialogs recorded."""

    def __init__(self, browser: Any) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.on("request", lambda r: self.requests.append(r.url))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def visible_findings(self) -> list[str]:
        ids: list[str] = self.page.eval_on_selector_all(
            ".sc-finding",
            "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.findingId)",
        )
        return ids


@pytest.fixture()
def report_page(browser: Any, tmp_path: Path) -> Iterator[Watched]:
    written = write_report(build_report(), tmp_path)
    watched = Watched(browser)
    watched.page.goto(written["html"].as_uri())
    watched.page.wait_for_load_state("load")
    yield watched
    watched.page.close()


def test_filters_change_the_visible_findings(report_page: Watched) -> None:
    page = report_page.page
    everything = report_page.visible_findings()
    assert everything[:3] == ["F-conflict", "F-compat", "F-agree"] and len(everything) == 6
    assert page.locator(".sc-count").inner_text() == "6 of 6 findings shown"

    page.locator('.sc-filters input[name="relation"][value="one-sided"]').uncheck()
    assert report_page.visible_findings() == ["F-conflict", "F-compat", "F-agree"]
    page.locator('.sc-filters input[name="severity"][value="high"]').uncheck()
    assert report_page.visible_findings() == ["F-compat", "F-agree"]
    assert page.locator(".sc-count").inner_text() == "2 of 6 findings shown"

    page.locator('.sc-filters input[name="relation"][value="one-sided"]').check()
    page.locator('.sc-filters select[name="document"]').select_option("video-x")
    assert report_page.visible_findings() == ["F-one-video", "F-one-comment"]
    page.locator('.sc-filters input[name="relation"][value="one-sided"]').uncheck()
    assert report_page.visible_findings() == []
    assert page.locator(".sc-none").is_visible()
    assert report_page.errors == []


def test_paragraph_link_lands_on_the_paragraph(report_page: Watched) -> None:
    page = report_page.page
    link = page.locator(
        '[data-finding-id="F-conflict"] .sc-side[data-document="en-test"] a.sc-para-link'
    )
    assert link.inner_text() == "en-test ¶1"
    link.click()
    page.wait_for_function("location.hash === '#doc-en-test-p-1'")
    assert page.url.endswith("#doc-en-test-p-1")
    target = page.locator("#doc-en-test-p-1")
    assert target.is_visible()
    assert page.evaluate("document.querySelector(':target').id") == "doc-en-test-p-1"
    assert page.evaluate(
        "(() => { const r = document.getElementById('doc-en-test-p-1').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; })()"
    )
    background = target.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # :target highlight
    assert "6,836" in target.inner_text()
    assert report_page.errors == []


def test_link_into_a_closed_alignment_opens_it(report_page: Watched) -> None:
    page = report_page.page
    target = page.locator("#doc-video-x-p-0")
    assert not target.is_visible()  # the second alignment starts closed
    link = page.locator('[data-finding-id="F-one-video"] a.sc-para-link')
    assert not link.is_visible()  # one-sided figures start collapsed, by document
    page.locator('.sc-only-in[data-document="video-x"] > summary').click()
    link.click()
    page.wait_for_function("location.hash === '#doc-video-x-p-0'")
    target.wait_for(state="visible")
    assert page.locator("#al-1").evaluate("e => e.open")
    # and back: the figure in the document links to its finding, shown even when filtered out
    page.locator('.sc-filters input[name="relation"][value="one-sided"]').uncheck()
    target.locator("mark a").click()
    page.wait_for_function("location.hash === '#finding-F-one-video'")
    # the page reveals the finding on 'hashchange', which Chromium may fire after the hash is set
    page.locator("#finding-F-one-video").wait_for(state="visible", timeout=5000)
    assert page.locator('.sc-filters input[name="relation"][value="one-sided"]').is_checked()
    assert report_page.errors == []


def test_payloads_show_as_text_and_never_run(report_page: Watched) -> None:
    page = report_page.page
    page.locator("#al-1").evaluate("e => { e.open = true; }")
    assert page.locator("#al-1").get_by_text(SCRIPT_PAYLOAD + " my uncle").first.is_visible()
    assert page.locator("#al-1").get_by_text(IMG_PAYLOAD, exact=False).first.is_visible()
    assert page.locator(".sc-report img").count() == 0
    assert page.locator("script").count() == 1
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(200)
    assert report_page.dialogs == []
    assert report_page.errors == []
    assert all(url.startswith("file://") for url in report_page.requests), report_page.requests


def test_screenshot(report_page: Watched, tmp_path: Path) -> None:
    """A picture to look at (``$SOURCECOMPARE_SCREENSHOT``); it must at least be drawn."""
    page = report_page.page
    shot = Path(os.environ.get(SCREENSHOT_ENV) or tmp_path / "sourcecompare-report.png")
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert report_page.errors == []


def test_notebook_fragment_works_in_a_page(browser: Any) -> None:
    watched = Watched(browser)
    fragment = to_html(build_report(), standalone=False)
    watched.page.set_content(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><p>notebook</p>"
        f"{fragment}</body></html>"
    )
    assert len(watched.visible_findings()) == 6
    watched.page.locator('.sc-filters input[name="relation"][value="conflict"]').uncheck()
    assert "F-conflict" not in watched.visible_findings()
    assert watched.errors == [] and watched.dialogs == []
    watched.page.close()


def _opened_citations(page: Any) -> dict[str, str]:
    """Each finding's "Cite" text once opened, by finding id (the page's script fills it)."""
    assert page.locator(".sc-cite[hidden]").count() == 0  # the script shows every "Cite"
    filled: dict[str, str] = page.eval_on_selector_all(
        ".sc-finding",
        """els => Object.fromEntries(els.map(e => {
            const cite = e.querySelector(".sc-cite");
            cite.open = true;
            cite.dispatchEvent(new Event("toggle"));
            return [e.dataset.findingId, cite.querySelector(".sc-cite-text").textContent];
        }))""",
    )
    return filled


@pytest.mark.parametrize("which", ["test report", "paged source", "spaced quote"])
def test_each_citation_the_script_builds_is_the_sources_sentence_title_and_place(
    browser: Any, tmp_path: Path, which: str
) -> None:
    from sourcecompare.report._common import Index

    from .test_report import cite_text, paged_report

    report = paged_report() if which == "paged source" else build_report()
    if which == "spaced quote":  # runs of every kind of white space Python's split() knows
        report = replace(report, documents=tuple(_spaced(d) for d in report.documents))
    written = write_report(report, tmp_path)
    watched = Watched(browser)
    watched.page.goto(written["html"].as_uri())
    index = Index.of(report)
    expected = {f.id: cite_text(index, f) for f in report.findings}
    assert "\u2014" in "".join(expected.values())
    # the page holds no citation until it is opened
    assert all(t == "" for t in watched.page.locator(".sc-cite-text").all_text_contents())
    assert _opened_citations(watched.page) == expected
    # opening one the usual way fills it too
    watched.page.goto(written["html"].as_uri())
    card = watched.page.locator("#finding-F-conflict")
    card.locator(".sc-cite summary").click()
    # the toggle event that fills it comes after the click
    watched.page.wait_for_function(
        "() => document.querySelector('#finding-F-conflict .sc-cite-text').textContent !== ''"
    )
    assert (
        card.locator(".sc-cite-text").inner_text().split("\n")[0]
        == (expected["F-conflict"].split("\n")[0])
    )
    assert watched.errors == [] and watched.dialogs == []
    watched.page.close()


#: white space Python's str.split() splits on that a browser's text may hold
_SPACES = "\t\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000"


def _spaced(doc: Any) -> Any:
    """``doc`` with each space of its paragraphs' text made a run of odd white space (the
    same length, so every span stays in place)."""
    paragraphs = []
    for p in doc.paragraphs:
        text = "".join(
            _SPACES[i % len(_SPACES)] if ch == " " else ch for i, ch in enumerate(p.text)
        )
        paragraphs.append(replace(p, text=text))
    return replace(doc, paragraphs=tuple(paragraphs))
