"""The shared vocabulary lives in ``model.py`` alone: no other module defines its own copy of
the orders, the tiers or ``tier_of`` (they once had three), and the copies re-exported for
convenience are the model's own values."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from sourcecompare import corpus, model
from sourcecompare.claims import quantities
from sourcecompare.report import _common

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "sourcecompare"
SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if p != PACKAGE / "model.py")

#: names only model.py may define (module-level assignment, function or class)
SHARED = frozenset(
    {
        "RELATION_ORDER",
        "SEVERITY_ORDER",
        "TIERS",
        "TIER_RANK",
        "TIER_ORDER",
        "OTHER_TIER_RANK",
        "STATUS_LABELS",
        "tier_of",
        "_tier_of",
        "ClaimKind",
        "ClaimQualifier",
        "Relation",
        "Severity",
        "Status",
    }
)


def defined_names(tree: ast.Module) -> set[str]:
    """The names a module defines at its top level (and functions anywhere)."""
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.ClassDef):
            names.add(node.name)
    names |= {
        n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    return names


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_model_defines_the_shared_vocabulary(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    again = sorted(defined_names(tree) & SHARED)
    assert not again, f"{path.name} defines {again}: import them from sourcecompare.model"


def test_the_finder_sees_each_way_of_defining() -> None:
    source = "TIERS = ()\nTIER_RANK: dict = {}\nclass Status: ...\ndef f():\n    def tier_of(): ..."
    tree = ast.parse(source)
    assert defined_names(tree) >= {"TIERS", "TIER_RANK", "Status", "tier_of"}


def test_re_exports_are_the_model_s_values() -> None:
    assert corpus.TIERS is model.TIERS
    assert _common.RELATION_ORDER is model.RELATION_ORDER
    assert _common.SEVERITY_ORDER is model.SEVERITY_ORDER
    assert _common.tier_of is model.tier_of
    assert quantities.Qualifier is model.ClaimQualifier
    assert quantities.Kind is model.ClaimKind


def test_orders_cover_their_enums_and_tiers_rank_in_order() -> None:
    assert sorted(model.RELATION_ORDER) == sorted(model.Relation)
    assert sorted(model.SEVERITY_ORDER) == sorted(model.Severity)
    ranks = [model.TIER_RANK[t] for t in model.TIERS]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)
    # a tier nobody ranks comes after every named source and before user comments
    assert ranks[-2] < model.OTHER_TIER_RANK < model.TIER_RANK["user-comments"]
