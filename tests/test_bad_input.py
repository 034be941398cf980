"""Bad and unusual files through the public entry point ``sourcecompare.read``.

Every error names the file.
"""

from __future__ import annotations

import logging
import os
import random
import time
from pathlib import Path

import pytest

import sourcecompare
from sourcecompare.errors import EmptyDocument, EncodingError, NotText, ReadError

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
MIXED = (CORPUS / "zh-wiki-japan-north-korea-relations.wikitext").read_text(encoding="utf-8")
#: plain Chinese prose: simplified (from the mixed document) and traditional (Big5-encodable)
SIMPLIFIED = next(p for p in MIXED.split("\n\n") if p.startswith("1998年")) + "\n"
TRADITIONAL = (
    "1945年二次大戰終結大日本帝國崩潰，多數駐朝鮮半島的日本兵撤回日本，"
    "但三八線北的日本兵撤得稍遲被蘇聯俘擄。他們人數有27000人，他們目前下落不明，"
    "來自俄羅斯的檔案文件顯示，只有體弱者被送往朝鮮，而身強力壯的男子被保留在俄羅斯從事強迫勞動。\n\n"
    "至今，仍然活著的人數不詳。\n"
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _raises(exc: type[ReadError], path: Path, **kwargs: str) -> ReadError:
    with pytest.raises(exc) as info:
        sourcecompare.read(path, **kwargs)
    assert str(path) in str(info.value)
    assert info.value.path == str(path)
    return info.value


def _check_tokens(doc: sourcecompare.Document, every: int = 1) -> int:
    n = 0
    for p in doc.paragraphs:
        for s in p.sentences:
            for t in s.tokens[::every]:
                n += 1
                assert t.text == p.text[t.para_start : t.para_end]
                raw = doc.raw[t.start : t.end]
                assert len(raw) == len(t.text)
                assert all(
                    a == b or (a.isspace() and b == " ") for a, b in zip(raw, t.text, strict=True)
                )
    return n


# -- errors -----------------------------------------------------------------------------------


def test_empty(tmp_path: Path) -> None:
    _raises(EmptyDocument, _write(tmp_path, "empty.txt", b""))


def test_whitespace_only(tmp_path: Path) -> None:
    _raises(EmptyDocument, _write(tmp_path, "blank.txt", b"  \n\t\r\n\n"))
    _raises(EmptyDocument, _write(tmp_path, "blank16.txt", "\u3000 \n".encode("utf-16")))


def test_png(tmp_path: Path) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(200)
    err = _raises(NotText, _write(tmp_path, "picture.txt", data))
    assert "PNG" in str(err)


def test_random_bytes_with_nuls(tmp_path: Path) -> None:
    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(4096)) + b"\x00\x00"
    _raises(NotText, _write(tmp_path, "random.bin", data))


def test_random_bytes_without_nuls(tmp_path: Path) -> None:
    rng = random.Random(8)
    data = bytes(rng.randrange(1, 256) for _ in range(4096))
    _raises(NotText, _write(tmp_path, "random.dat", data))


def test_declared_encoding_wrong(tmp_path: Path) -> None:
    path = _write(tmp_path, "utf8.txt", TRADITIONAL.encode("utf-8"))
    err = _raises(EncodingError, path, encoding="big5")
    assert "byte offset" in str(err)


def test_unknown_declared_encoding(tmp_path: Path) -> None:
    _raises(EncodingError, _write(tmp_path, "a.txt", b"text"), encoding="no-such-codec")


def test_latin1_is_read_as_windows_1252_and_a_declared_encoding_wins(tmp_path: Path) -> None:
    path = _write(tmp_path, "latin1.txt", "Café, naïve résumé.\n".encode("latin-1") * 5)
    doc = sourcecompare.read(path, segment=False)
    assert doc.raw.startswith("Café, naïve") and doc.encoding == "cp1252"
    doc = sourcecompare.read(path, encoding="latin-1", segment=False)
    assert doc.raw.startswith("Café") and doc.encoding == "latin-1"


def test_missing_and_directory(tmp_path: Path) -> None:
    _raises(ReadError, tmp_path / "missing.txt")
    (tmp_path / "dir.txt").mkdir()
    _raises(ReadError, tmp_path / "dir.txt")


# -- unusual but readable ---------------------------------------------------------------------


def test_truncated_utf8(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    data = TRADITIONAL.rstrip("\n").encode("utf-8")[:-2]  # cut inside 。
    path = _write(tmp_path, "cut.txt", data)
    with caplog.at_level(logging.WARNING):
        doc = sourcecompare.read(path)
    assert doc.raw == TRADITIONAL.rstrip("\n")[:-1] + "\ufffd"
    assert doc.raw.count("\ufffd") == 1
    assert str(path) in caplog.text and "byte offset" in caplog.text
    assert _check_tokens(doc) > 20


def test_utf16_with_bom(tmp_path: Path) -> None:
    doc = sourcecompare.read(_write(tmp_path, "u16.txt", TRADITIONAL.encode("utf-16")))
    assert (doc.raw, doc.encoding, doc.language, doc.script) == (
        TRADITIONAL,
        "utf-16",
        "zh",
        "traditional",
    )
    assert _check_tokens(doc) > 20


def test_utf16_without_bom(tmp_path: Path) -> None:
    doc = sourcecompare.read(_write(tmp_path, "u16le.txt", TRADITIONAL.encode("utf-16-le")))
    assert (doc.raw, doc.encoding) == (TRADITIONAL, "utf-16-le")


def test_gb18030(tmp_path: Path) -> None:
    doc = sourcecompare.read(_write(tmp_path, "gb.txt", SIMPLIFIED.encode("gb18030")))
    assert (doc.raw, doc.encoding, doc.language) == (SIMPLIFIED, "gb18030", "zh")
    assert _check_tokens(doc) > 30


def test_big5(tmp_path: Path) -> None:
    doc = sourcecompare.read(_write(tmp_path, "big5.txt", TRADITIONAL.encode("big5")))
    assert (doc.raw, doc.encoding, doc.script) == (TRADITIONAL, "big5", "traditional")
    words = [t.norm for p in doc.paragraphs for s in p.sentences for t in s.tokens]
    assert "俄罗斯" in words and "27000" in words
    assert _check_tokens(doc) > 20


def test_utf8_bom(tmp_path: Path) -> None:
    doc = sourcecompare.read(_write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + SIMPLIFIED.encode()))
    assert (doc.raw, doc.encoding) == (SIMPLIFIED, "utf-8-sig")


def test_crlf_offsets(tmp_path: Path) -> None:
    data = TRADITIONAL.replace("\n", "\r\n").encode()
    doc = sourcecompare.read(_write(tmp_path, "crlf.txt", data))
    assert "\r" in doc.raw
    assert _check_tokens(doc) > 20


@pytest.mark.slow
def test_ten_megabytes(tmp_path: Path) -> None:
    """A generated 10 MB document reads, and its last paragraphs still point at the right place.
    (About 10 s with the English pipeline.)"""
    en = (CORPUS / "en-wiki-japanese-in-north-korea.txt").read_text(encoding="utf-8")
    prose = [p.replace("\n", " ") for p in en.split("\n\n") if len(p) > 300 and "=" not in p]
    parts: list[str] = []
    size = k = 0
    while size < 10_000_000:
        para = f"Paragraph {k}. {prose[k % len(prose)]}\n\n"
        parts.append(para)
        size += len(para.encode())
        k += 1
    path = _write(tmp_path, "big.txt", "".join(parts).encode())
    assert os.path.getsize(path) >= 10_000_000
    began = time.perf_counter()
    doc = sourcecompare.read(path)
    elapsed = time.perf_counter() - began
    assert elapsed < 120, f"reading 10 MB took {elapsed:.0f} s"
    assert len(doc.paragraphs) == k
    for p in (*doc.paragraphs[:3], *doc.paragraphs[-3:]):
        marker = f"Paragraph {p.index}."
        assert p.text.startswith(marker)
        assert doc.raw[p.start : p.start + len(marker)] == marker
        assert p.sentences[0].text == marker
    last = doc.paragraphs[-1].sentences[-1].tokens[-1]
    assert last.end == len(doc.raw.rstrip())
    assert _check_tokens(doc, every=97) > 10_000


def test_lone_surrogates_are_replaced_and_counted(caplog: pytest.LogCaptureFixture) -> None:
    from sourcecompare.readers import parse_text

    with caplog.at_level(logging.WARNING):
        doc = parse_text("In 1959, 27,000 \udcff people \ud800went.\n", id="s", path="s.txt")
    assert "\ufffd people \ufffdwent" in doc.raw
    assert "s.txt: 2 lone surrogate code point(s) replaced" in caplog.text
    sourcecompare.compare([doc])  # and the rest of the pipeline takes it


def test_reader_errors_name_the_file(tmp_path: Path) -> None:
    quotes = _write(tmp_path, "quotes.md", b"> \n>\n> \n")
    with pytest.raises(ReadError) as err:
        sourcecompare.read(quotes, format="markdown-wiki")
    assert str(err.value).startswith(str(quotes))
    deep = _write(tmp_path, "deep.wikitext", b"{{" * 10_000 + b"x" + b"}}" * 10_000)
    with pytest.raises(ReadError) as err:
        sourcecompare.read(deep, format="wikitext")
    assert str(err.value).startswith(str(deep))
