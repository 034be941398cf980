"""``script.py`` is the only owner of OpenCC: no other module of the package imports it.

Every ``import`` is read from the source (those inside functions too), as in
``tests/test_import_layers.py``; ``importlib.import_module("opencc")`` and
``__import__("opencc")`` count as imports.  In ``script.py`` itself OpenCC is imported only
inside functions (or for type checking), so importing the package builds no converter.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "sourcecompare"
OWNER = PACKAGE / "script.py"
SOURCES = sorted(PACKAGE.rglob("*.py"))


def _is_opencc(module: str | None) -> bool:
    return module is not None and module.split(".")[0] == "opencc"


def opencc_imports(tree: ast.AST) -> list[ast.AST]:
    """The nodes of ``tree`` that import OpenCC."""
    found: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            if any(_is_opencc(a.name) for a in node.names):
                found.append(node)
        elif isinstance(node, ast.ImportFrom):
            if not node.level and _is_opencc(node.module):
                found.append(node)
        elif isinstance(node, ast.Call) and node.args:
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            first = node.args[0]
            if (
                name in ("import_module", "__import__")
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
                and _is_opencc(first.value)
            ):
                found.append(node)
    return found


def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


@pytest.mark.parametrize(
    "path", [p for p in SOURCES if p != OWNER], ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_no_other_module_imports_opencc(path: Path) -> None:
    lines = [getattr(n, "lineno", 0) for n in opencc_imports(_parse(path))]
    assert not lines, f"{path.name} imports OpenCC at lines {lines}: go through script.py"


def test_the_finder_finds_every_form() -> None:
    tree = ast.parse(
        "import opencc\nimport os, opencc.x as y\nfrom opencc import OpenCC\n"
        "def f():\n    import importlib\n    importlib.import_module('opencc')\n"
        "    __import__('opencc')\n"
        "import openccx\nfrom . import opencc\nimportlib.import_module('os')\n"
    )
    assert [getattr(n, "lineno", 0) for n in opencc_imports(tree)] == [1, 2, 3, 6, 7]


def test_script_imports_opencc_only_when_used() -> None:
    """The owner does import OpenCC, inside functions or for type checking only."""
    tree = _parse(OWNER)
    assert opencc_imports(tree)
    lazy: set[int] = set()
    for node in ast.walk(tree):
        deferred = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) or (
            isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING",)
        )
        if deferred:
            lazy |= {id(n) for n in ast.walk(node)}
    at_import = [getattr(n, "lineno", 0) for n in opencc_imports(tree) if id(n) not in lazy]
    assert not at_import, f"script.py imports OpenCC at import time, lines {at_import}"
