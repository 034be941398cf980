"""Shared fixtures: where the corpus and the development data are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

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


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def cases_dir() -> Path:
    return CASES


def corpus_path(doc_id: str) -> Path:
    return CORPUS / CORPUS_FILES[doc_id]
