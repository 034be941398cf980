"""The review page in a real browser (Chromium through Playwright): mark two findings, reload,
see them kept; keyboard shortcuts, filters, progress; text from sources shown as text, never
run.

Needs the ``playwright`` package and a Chromium at ``/usr/bin/chromium`` (Debian: ``apt-get
install chromium``); never downloads a browser.  Without them the tests are skipped, except
under CI (``CI`` set), where a missing browser is a failure: CI must really run them.
A screenshot of the page goes to ``$SOURCECOMPARE_REVIEW_SCREENSHOT`` (default: the test's
own temporary folder).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sourcecompare.review import ReviewServer, ReviewStore, Status, make_server

from .conftest import serving
from .test_review_store import write_report_dir

#: where the screenshot goes: $SOURCECOMPARE_REVIEW_SCREENSHOT, else the test's temporary folder
SCREENSHOT_ENV = "SOURCECOMPARE_REVIEW_SCREENSHOT"
TIMEOUT_MS = 10_000


@pytest.fixture
def served(tmp_path: Path) -> Iterator[ReviewServer]:
    with serving(make_server(write_report_dir(tmp_path / "out"), port=0, reviewer="tester")) as s:
        yield s


class Watched:
    """A page with its console errors, page errors, dialogs and requests recorded."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1360, "height": 860})
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
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

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    w = Watched(browser)
    try:
        yield w
    finally:
        w.close()


def _pressed(page: Any) -> str:
    return str(page.locator('.st[aria-pressed="true"]').get_attribute("data-status"))


def _saved(page: Any) -> None:
    page.locator("#save.ok").wait_for()


def test_mark_two_findings_reload_and_see_them_kept(served: ReviewServer, watched: Watched) -> None:
    page = watched.page
    page.goto(served.url)
    page.locator(".item").first.wait_for()
    assert page.locator(".item").count() == 4
    assert page.locator("#progress-text").text_content() == "0 of 4 reviewed"
    # the first finding (the conflict) is selected; key 1 confirms it
    first = page.locator("#detail").inner_text()
    assert "6637名" in first and "6,836" in first
    assert "null" not in first and "undefined" not in first
    page.keyboard.press("1")
    page.locator('.st-confirmed-discrepancy[aria-pressed="true"]').wait_for()
    _saved(page)
    # next with j; a click marks it; a note is typed and saved when the field is left
    page.keyboard.press("j")
    page.locator(".where", has_text="Finding 2 of 4").wait_for()
    second = page.locator('.item[aria-current="true"]').get_attribute("data-id")
    page.get_by_role("button", name="Not a discrepancy").click()
    page.locator('.st-not-a-discrepancy[aria-pressed="true"]').wait_for()
    page.keyboard.press("n")
    page.keyboard.type("同一年份 — the same year, 1959")
    page.keyboard.press("Escape")
    page.locator("#save.ok", has_text="revision 2").wait_for()
    page.locator("#progress-text", has_text="2 of 4 reviewed").wait_for()

    page.reload()
    page.locator(".item").first.wait_for()
    page.locator("#progress-text", has_text="2 of 4 reviewed").wait_for()
    # the reload comes back to the finding it was on, with its note
    assert page.locator('.item[aria-current="true"]').get_attribute("data-id") == second
    assert page.locator("#note").input_value() == "同一年份 — the same year, 1959"
    assert _pressed(page) == "not-a-discrepancy"
    page.keyboard.press("k")
    page.locator(".where", has_text="Finding 1 of 4").wait_for()
    assert _pressed(page) == "confirmed-discrepancy"
    page.locator("#changes summary").click()
    page.locator("#changes-list li").first.wait_for()
    assert "Confirmed discrepancy" in page.locator("#changes-list").inner_text()

    with ReviewStore.open(served.app.store.path) as store:
        assert store.verdict("F-conflict").status is Status.CONFIRMED
        kept = store.verdict(str(second))
        assert kept.status is Status.NOT_DISCREPANCY
        assert kept.note == "同一年份 — the same year, 1959"
        assert kept.reviewer == "tester"

    assert watched.errors == [] and watched.dialogs == []
    assert all(u.startswith(served.url) for u in watched.requests), watched.requests


def test_filters_text_and_screenshot(
    served: ReviewServer, watched: Watched, tmp_path: Path
) -> None:
    page = watched.page
    store = served.app.store
    store.set_verdict("F-conflict", Status.CONFIRMED, "zh 6637 vs en 6,836 — checked", "林")
    store.set_verdict("F-one-sided", Status.IN_PROGRESS, "", "ann")
    page.goto(served.url)
    page.locator(".item").first.wait_for()
    page.locator("#progress-text", has_text="1 of 4 reviewed · 1 in progress").wait_for()
    # filter by status
    page.select_option("#f-status", "confirmed-discrepancy")
    page.locator("#count", has_text="1 of 4 shown").wait_for()
    page.select_option("#f-status", "")
    page.select_option("#f-relation", "one-sided")
    page.locator("#count", has_text="2 of 4 shown").wait_for()
    page.select_option("#f-relation", "")
    # search
    page.keyboard.press("/")
    page.keyboard.type("100,000")
    page.locator("#count", has_text="1 of 4 shown").wait_for()
    # the payloads in the title, sentence and explanation are text, never markup
    detail = page.locator("#detail")
    assert "<img src=x onerror=" in detail.inner_text()
    assert detail.locator("img").count() == 0 and page.locator("#detail script").count() == 0
    assert page.evaluate("() => window.__pwned") is None
    # a javascript: URL is shown, not linked: the only links lead into the report
    hrefs = detail.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs and all(h.startswith("/report.html#") for h in hrefs), hrefs
    assert "javascript:alert(1)" in detail.inner_text()
    page.fill("#f-text", "")
    page.locator("#count", has_text="4 of 4 shown").wait_for()
    page.locator(".item").first.click()
    page.locator("#save.ok").wait_for()
    shot = Path(os.environ.get(SCREENSHOT_ENV) or tmp_path / "sourcecompare-review.png")
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot), full_page=True)
    assert watched.errors == [] and watched.dialogs == []


def test_resolved_findings_are_shown_on_request(
    served: ReviewServer, watched: Watched, tmp_path: Path
) -> None:
    served.app.store.set_verdict("F-agreement", Status.NOT_DISCREPANCY, "same year", "ann")
    write_report_dir(served.app.report_dir, ["F-conflict", "F-one-sided", "F-xss"], "sc:2")
    page = watched.page
    page.goto(served.url)
    page.locator(".item").first.wait_for()
    assert page.locator(".item").count() == 3
    assert page.locator("#resolved-count").text_content() == "(1)"
    page.check("#f-resolved")
    page.locator(".item", has_text="resolved").click()
    page.locator(".resolved-note").wait_for()
    assert _pressed(page) == "not-a-discrepancy"
    assert watched.errors == []
