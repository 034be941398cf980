"""The named exceptions: every one lives in ``sourcecompare.errors`` and is a
``SourceCompareError``; the modules that raise them still export them."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import sourcecompare
from sourcecompare import errors
from sourcecompare.errors import SourceCompareError

#: modules that run something when imported (``python -m sourcecompare``)
_NOT_IMPORTED = {"sourcecompare.__main__"}


def _modules() -> list[str]:
    names = ["sourcecompare"]
    for info in pkgutil.walk_packages(sourcecompare.__path__, "sourcecompare."):
        if info.name not in _NOT_IMPORTED:
            names.append(info.name)
    return names


def _exception_classes() -> dict[str, type[BaseException]]:
    """Every exception class defined (not just imported) in a module of the package."""
    found: dict[str, type[BaseException]] = {}
    for name in _modules():
        module = importlib.import_module(name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, BaseException) and obj.__module__.startswith("sourcecompare"):
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return found


def test_the_walk_sees_the_whole_package() -> None:
    names = _modules()
    for expected in (
        "sourcecompare.lexicon",
        "sourcecompare.claims.units",
        "sourcecompare.report._common",
        "sourcecompare.review.store",
        "sourcecompare.review.export",
        "sourcecompare.review.server",
        "sourcecompare.cli.review",
    ):
        assert expected in names


def test_every_exception_class_lives_in_errors_and_is_a_sourcecompare_error() -> None:
    classes = _exception_classes()
    assert len(classes) >= 17
    elsewhere = sorted(q for q, cls in classes.items() if cls.__module__ != "sourcecompare.errors")
    assert elsewhere == [], f"exception classes defined outside sourcecompare.errors: {elsewhere}"
    not_ours = sorted(q for q, cls in classes.items() if not issubclass(cls, SourceCompareError))
    assert not_ours == [], f"exception classes that are not SourceCompareError: {not_ours}"


def test_errors_all_lists_every_exception_class() -> None:
    defined = {
        name
        for name, obj in vars(errors).items()
        if inspect.isclass(obj)
        and issubclass(obj, BaseException)
        and obj.__module__ == errors.__name__
    }
    assert defined == set(errors.__all__)


def test_errors_imports_nothing_from_the_package() -> None:
    tree = ast.parse(Path(errors.__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0, "errors.py must not import from the package"
            assert not (node.module or "").startswith("sourcecompare")
        elif isinstance(node, ast.Import):
            assert all(not a.name.startswith("sourcecompare") for a in node.names)


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("sourcecompare.report._common", "ReportError"),
        ("sourcecompare.report", "ReportError"),
        ("sourcecompare.review.store", "ReviewError"),
        ("sourcecompare.review.store", "ReviewStoreError"),
        ("sourcecompare.review.store", "UnknownFinding"),
        ("sourcecompare.review.store", "InvalidVerdict"),
        ("sourcecompare.review.export", "ExportError"),
        ("sourcecompare.review", "ExportError"),
        ("sourcecompare.review", "ReviewError"),
        ("sourcecompare.lexicon", "LexiconError"),
        ("sourcecompare.claims.units", "UnitsFileError"),
        ("sourcecompare.review.server", "HTTPProblem"),
    ],
)
def test_the_old_imports_still_work(module: str, name: str) -> None:
    assert getattr(importlib.import_module(module), name) is getattr(errors, name)


def test_the_package_exports_its_errors() -> None:
    for name in (
        "ExportError",
        "InvalidVerdict",
        "LexiconError",
        "ReportError",
        "ReviewError",
        "ReviewStoreError",
        "UnitsFileError",
        "UnknownFinding",
    ):
        assert name in sourcecompare.__all__
        assert getattr(sourcecompare, name) is getattr(errors, name)


def test_the_moved_exceptions_keep_their_bases_and_messages() -> None:
    assert issubclass(errors.ReviewStoreError, errors.ReviewError)
    assert issubclass(errors.ExportError, errors.ReviewError)
    assert issubclass(errors.UnknownFinding, errors.ReviewError)
    assert issubclass(errors.UnknownFinding, KeyError)
    assert issubclass(errors.InvalidVerdict, ValueError)
    assert str(errors.UnknownFinding("F1")) == "no finding 'F1' in the review store"
    assert str(errors.ReportError(None, "bad")) == "bad"
    assert str(errors.ReportError("r.json", "bad")) == "r.json: bad"
    assert str(errors.LexiconError("n.tsv", 3, "bad")) == "n.tsv:3: bad"
    assert str(errors.ExportError("x.csv", "bad")) == "x.csv: bad"
    assert str(errors.ReviewStoreError("r.db", "busy")) == "r.db: busy"
