"""The package type-checks: mypy over ``src/`` (settings in ``pyproject.toml``) finds nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mypy import api

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_finds_no_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    out, err, status = api.run(["--no-incremental", "--cache-dir", os.devnull])
    assert status == 0, out + err
