"""The import graph runs one way: each part of the package imports only the parts below it.

    _version, errors  <  model  <  script, en_tokenizer  <  lexicon, readers, segment  <  corpus
    <  pipeline  <  claims, align  <  match  <  settings  <  compare  <  report  <  review, batch
    <  cli  <  the package

Every ``import`` is read from the source (those inside functions too, since a lazy import
is still a dependency), so a cycle or an upward reach fails here, not in review.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "sourcecompare"

#: unit (a top-level module or subpackage) -> its layer; a unit imports only lower layers
LAYERS: dict[str, int] = {
    "_version": 0,
    "_atomic": 0,
    "_fork": 0,
    "_gc": 0,
    "errors": 0,
    "model": 1,
    "resources": 1,
    "script": 2,
    "lexicon": 3,
    "en_tokenizer": 2,
    "readers": 3,
    "segment": 3,
    "corpus": 4,
    "fetch": 4,
    "pipeline": 5,
    "claims": 6,
    "align": 6,
    "match": 7,
    "settings": 8,
    "compare": 9,
    "report": 10,
    "review": 11,
    "batch": 11,
    "cli": 12,
    "__init__": 13,
    "__main__": 14,
}

#: the imports that knowingly cross upwards, each with its reason
ALLOWED: dict[tuple[str, str], str] = {
    ("model", "report"): "Report._repr_html_ (notebooks ask) and the 0.1 to_* delegates",
}


def _unit(module: str) -> str:
    """``sourcecompare.claims.zh`` -> ``claims``; the package itself -> ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[str, int]]:
    """The package modules ``path`` imports, with line numbers."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target == "sourcecompare" or (node.level and target == package.split(".")[0]):
                # "from . import x" / "from sourcecompare import x": x may be a submodule
                found += [(f"{target}.{a.name}", node.lineno) for a in node.names]
            else:
                found.append((target, node.lineno))
    return [(m, line) for m, line in found if m.split(".")[0] == "sourcecompare"]


def _units_present(module: str) -> str:
    unit = _unit(module)
    if unit not in LAYERS and (PACKAGE / f"{unit}.py").exists() is False:
        # "from sourcecompare import compare" names the function the package exports
        return "__init__"
    return unit


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_every_unit_has_a_layer() -> None:
    units = {
        "__init__" if p == PACKAGE / "__init__.py" else _unit(_module_name(p)) for p in SOURCES
    }
    missing = sorted(u for u in units if u not in LAYERS)
    assert not missing, f"give these a layer in LAYERS (and docs/architecture.md): {missing}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_only_go_down(path: Path) -> None:
    me = _module_name(path)
    mine = "__init__" if me == "sourcecompare" else _unit(me)
    if path.name == "__main__.py" and path.parent == PACKAGE:
        mine = "__main__"
    wrong = []
    for target, line in _imports(path):
        theirs = _units_present(target)
        if theirs == mine or (mine, theirs) in ALLOWED:
            continue
        if theirs in LAYERS and LAYERS[theirs] >= LAYERS[mine]:
            wrong.append(f"line {line}: {me} ({mine}, layer {LAYERS[mine]}) imports {target} "
                         f"({theirs}, layer {LAYERS[theirs]})")  # fmt: skip
    assert not wrong, "\n".join(wrong)


def test_the_architecture_page_shows_these_layers() -> None:
    """``docs/architecture.md`` draws the same layers, in the same order."""
    text = (PACKAGE.parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8")
    after = text.split("## Import layers", 1)[1]
    block = " ".join(line.strip() for line in after.splitlines()[1:30] if line.startswith("    "))
    drawn = [sorted(u.strip() for u in group.split(",")) for group in block.split("<")]
    by_layer: dict[int, list[str]] = {}
    for unit, layer in LAYERS.items():
        by_layer.setdefault(layer, []).append(unit)
    assert drawn == [sorted(by_layer[k]) for k in sorted(by_layer)]
