"""Shared fixtures: where the corpus and the development data are."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from sourcecompare.review import ReviewServer

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
CASES = Path(__file__).resolve().parent / "cases"
SHARED = ROOT.parent / "shared"

settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

#: corpus document id -> file name (kept in step with corpus/manifest.toml by test_corpus)
CORPUS_FILES = {
    "zh-wiki-japanese-in-north-korea": "zh-wiki-japanese-in-north-korea.md",
    "en-wiki-japanese-in-north-korea": "en-wiki-japanese-in-north-korea.txt",
    "scmp-video-japan-to-north-korea": "scmp-video-japan-to-north-korea.txt",
    "zh-wiki-japan-north-korea-relations": "zh-wiki-japan-north-korea-relations.wikitext",
    "wolman-2024": "wolman-2024-resettlement-under-the-radar.txt",
}


@pytest.fixture(scope="session", autouse=True)
def _cache_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The resource cache of the whole run in the run's temporary folder, so the tests write
    nothing into the user's cache folder (subprocesses inherit the variable).  The files of an
    existing user cache are copied in, when there is one, so that the suite does not rebuild
    them; otherwise the first test that needs a resource builds it there."""
    from sourcecompare import resources

    folder = tmp_path_factory.mktemp("resource-cache")
    before = os.environ.get(resources.ENV_VAR)
    user = resources.cache_dir()
    if user.is_dir():
        for item in user.iterdir():
            if item.is_file():
                shutil.copy2(item, folder / item.name)
    os.environ[resources.ENV_VAR] = str(folder)
    try:
        yield folder
    finally:
        if before is None:
            os.environ.pop(resources.ENV_VAR, None)
        else:
            os.environ[resources.ENV_VAR] = before


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def cases_dir() -> Path:
    return CASES


def corpus_path(doc_id: str) -> Path:
    return CORPUS / CORPUS_FILES[doc_id]


# ------------------------------------------------------------------ browser tests
#: Debian's chromium, driven by Playwright (no browser download)
CHROMIUM = os.environ.get("SOURCECOMPARE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _browser_missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install playwright)"
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)) and not shutil.which(
        CHROMIUM
    ):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Chromium through Playwright; skipped without them, except under CI (``CI`` set), where
    a missing browser is a failure: CI must really run the browser tests."""
    reason = _browser_missing()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run under CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Chromium keeps crash reports and settings under HOME and the XDG folders: give it ones
    # inside the run's temporary folder, so a browser test writes nowhere else
    home = tmp_path_factory.mktemp("browser-home")
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
    }
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, env=env)
        try:
            yield chromium
        finally:
            chromium.close()


@contextmanager
def serving(server: ReviewServer) -> Iterator[ReviewServer]:
    """Run a review server on a thread for the length of the block, then stop it."""
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
