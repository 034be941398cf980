"""The documents stay true to the code: every module is on the architecture map."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "sourcecompare"
ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def _modules() -> list[str]:
    names = [p.name for p in PACKAGE.glob("*.py") if p.name != "__main__.py"]
    names += [f"{p.name}/" for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()]
    return sorted(names)


@pytest.mark.parametrize("name", _modules())
def test_every_module_is_on_the_map(name: str) -> None:
    assert f"`{name}`" in ARCHITECTURE or f"`{name.rstrip('/')}/" in ARCHITECTURE, name


def test_report_schema_is_documented_as_shipped() -> None:
    shipped = (PACKAGE / "report" / "report-schema.json").read_text(encoding="utf-8")
    assert (ROOT / "docs" / "report-schema.json").read_text(encoding="utf-8") == shipped
