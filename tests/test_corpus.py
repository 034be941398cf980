"""The bundled corpus and its manifest; manifest errors name the file and the line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sourcecompare.corpus import TIERS, load_manifest
from sourcecompare.errors import ManifestError

from .conftest import CORPUS, CORPUS_FILES, SHARED


def test_manifest_lists_the_five_seeds() -> None:
    corpus = load_manifest(CORPUS)
    assert {e.id: e.path.name for e in corpus} == CORPUS_FILES
    for entry in corpus:
        for key in ("title", "language", "script", "format", "kind", "tier"):
            assert entry.get(key), f"{entry.id} lacks {key}"
        assert entry.tier in TIERS


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="shared seeds not present")
def test_corpus_files_are_the_seeds_unchanged() -> None:
    seeds = {p.read_bytes() for p in (SHARED / "seeds").iterdir()}
    for name in CORPUS_FILES.values():
        assert (CORPUS / name).read_bytes() in seeds, name


MANIFEST_HEAD = """# test manifest
[[document]]
id = "a"
file = "a.txt"
title = "A"

[[document]]
"""


@pytest.mark.parametrize(
    ("second", "line", "message"),
    [
        ('id = "b"\nfile = "missing.txt"\n', 9, "no such file"),
        ('id = "b"\nfile = "a.txt"\ncolour = "red"\n', 10, "unknown key 'colour'"),
        ('id = "a"\nfile = "a.txt"\n', 8, "duplicate id 'a' (first at line 3)"),
        ('file = "a.txt"\n', 7, "lacks required key 'id'"),
        ('id = "b"\nfile = "a.txt"\ntier = "blog"\n', 10, "tier 'blog' is not one of"),
        (
            'id = "b"\nfile = "a.txt"\nauthor_type = "team"\n',
            10,
            "author_type 'team' is not one of person, organization",
        ),
        (
            'id = "b"\nfile = "a.txt"\nformat = "docx"\n',
            10,
            "unknown format 'docx'; valid formats:",
        ),
        ('id = "B C"\nfile = "a.txt"\n', 8, "must be lower case"),
        ('id = "b"\nfile = "a.txt"\ntitle = 3\n', 10, "title must be a string"),
        # a manifest reads only files inside its own folder
        ('id = "b"\nfile = "../../../etc/passwd"\n', 9, "outside the corpus folder"),
        ('id = "b"\nfile = "/etc/passwd"\n', 9, "must be a path inside the corpus folder"),
        # a declared encoding must be a charset, not a bytes-to-bytes codec
        ('id = "b"\nfile = "a.txt"\nencoding = "hex"\n', 10, "'hex' is not a text encoding"),
        ('id = "b"\nfile = "a.txt"\nencoding = "rot13"\n', 10, "is not a text encoding"),
        ('id = "b"\nfile = "a.txt"\nencoding = "punycode"\n', 10, "is not a text encoding"),
        ('id = "b"\nfile = "a.txt"\nencoding = "klingon"\n', 10, "unknown encoding 'klingon'"),
    ],
)
def test_manifest_errors_name_file_and_line(
    tmp_path: Path, second: str, line: int, message: str
) -> None:
    (tmp_path / "a.txt").write_text("hello\n", encoding="utf-8")
    manifest = tmp_path / "manifest.toml"
    manifest.write_text(MANIFEST_HEAD + second, encoding="utf-8")
    with pytest.raises(ManifestError) as err:
        load_manifest(tmp_path)
    assert err.value.path == str(manifest)
    assert err.value.line == line
    assert message in str(err.value)
    assert str(err.value).startswith(f"{manifest}:{line}: ")


def test_manifest_syntax_error_has_line(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.toml"
    manifest.write_text('[[document]]\nid = "a"\nfile = \n', encoding="utf-8")
    with pytest.raises(ManifestError) as err:
        load_manifest(manifest)
    assert err.value.line == 3
    assert "not valid TOML" in str(err.value)


def test_missing_manifest(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="no such manifest"):
        load_manifest(tmp_path)


def test_copied_corpus_loads(tmp_path: Path) -> None:
    shutil.copytree(CORPUS, tmp_path / "c")
    assert len(load_manifest(tmp_path / "c")) == 5
