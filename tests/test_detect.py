"""Detection of encoding, format, language and script."""

from __future__ import annotations

import logging
import sys
import tomllib
import types
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcecompare import readers
from sourcecompare.errors import EmptyDocument, EncodingError, NotText
from sourcecompare.readers.detect import (
    decode,
    detect_format,
    detect_language,
    detect_script,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
MANIFEST = tomllib.loads((CORPUS / "manifest.toml").read_text(encoding="utf-8"))["document"]
IDS = [d["id"] for d in MANIFEST]

TRADITIONAL = (CORPUS / "zh-wiki-japanese-in-north-korea.md").read_text(encoding="utf-8")
MIXED = (CORPUS / "zh-wiki-japan-north-korea-relations.wikitext").read_text(encoding="utf-8")


def _encodable(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


#: a paragraph of the traditional corpus document that Big5 can encode
BIG5_PARAGRAPH = next(
    p for p in TRADITIONAL.split("\n\n") if len(p) > 200 and _encodable(p, "big5")
)
#: a simplified paragraph of the mixed corpus document
GB_PARAGRAPH = next(p for p in MIXED.split("\n\n") if p.startswith("1998年"))


def _raw(entry: dict[str, str]) -> str:
    return (CORPUS / entry["file"]).read_text(encoding="utf-8")


# -- encodings ------------------------------------------------------------------------------


def test_utf8() -> None:
    assert decode(TRADITIONAL.encode("utf-8"), "x") == (TRADITIONAL, "utf-8")


def test_ascii_is_utf8() -> None:
    assert decode(b"North Korea\n", "x") == ("North Korea\n", "utf-8")


def test_utf8_bom_is_dropped() -> None:
    assert decode(b"\xef\xbb\xbf" + "北韓".encode(), "x") == ("北韓", "utf-8-sig")


def test_declared_utf8_with_bom() -> None:
    assert decode(b"\xef\xbb\xbf" + "北韓".encode(), "x", encoding="utf-8") == ("北韓", "utf-8-sig")


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_utf16_and_32_with_bom(codec: str) -> None:
    text = GB_PARAGRAPH + "\nEnglish too.\n"
    assert decode(text.encode(codec), "x") == (text, codec)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(codec: str) -> None:
    text = "Japanese people in North Korea\n" + BIG5_PARAGRAPH
    assert decode(text.encode(codec), "x") == (text, codec)


def test_big5() -> None:
    assert decode(BIG5_PARAGRAPH.encode("big5"), "x") == (BIG5_PARAGRAPH, "big5")


def test_big5_bytes_also_decode_as_gb18030_but_big5_wins() -> None:
    data = BIG5_PARAGRAPH.encode("big5")
    assert data.decode("gb18030") != BIG5_PARAGRAPH  # the ambiguity is real
    assert decode(data, "x")[1] == "big5"


def test_gb18030_simplified() -> None:
    assert decode(GB_PARAGRAPH.encode("gb18030"), "x") == (GB_PARAGRAPH, "gb18030")


def test_gb18030_traditional() -> None:
    assert decode(BIG5_PARAGRAPH.encode("gb18030"), "x") == (BIG5_PARAGRAPH, "gb18030")


def test_short_gb18030_and_big5() -> None:
    assert decode("北韩的日本人".encode("gb18030"), "x") == ("北韩的日本人", "gb18030")
    assert decode("北韓的日本人".encode("big5"), "x") == ("北韓的日本人", "big5")


def test_big5hkscs_when_big5_cannot() -> None:
    text = "香港的" * 20 + "\u4f60\u5606" * 5  # 嘆-like HKSCS characters
    data = text.encode("big5hkscs")
    try:
        data.decode("big5")
    except UnicodeDecodeError:
        assert decode(data, "x") == (text, "big5hkscs")
    else:  # pragma: no cover - the characters are plain Big5 after all
        assert decode(data, "x")[0] == text


def test_declared_encoding_wins() -> None:
    assert decode("北韓".encode("big5"), "x", encoding="big5") == ("北韓", "big5")
    assert decode("café".encode("latin-1"), "x", encoding="latin-1") == ("café", "latin-1")


def test_declared_encoding_wrong_names_path_and_offset() -> None:
    data = "North Korea 北韓".encode()
    with pytest.raises(EncodingError, match=r"^doc\.txt: not valid big5: .* at byte offset 12"):
        decode(data, "doc.txt", encoding="big5")


def test_declared_non_utf8_on_utf8_bytes_warns(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="sourcecompare.readers.detect"):
        text, _ = decode("Café".encode(), "doc.txt", encoding="latin-1")
    assert text == "CafÃ©"
    assert "doc.txt: declared latin-1, but the bytes are also valid UTF-8" in caplog.text


def test_unknown_declared_encoding() -> None:
    with pytest.raises(EncodingError, match=r"doc\.txt: unknown encoding 'klingon'"):
        decode(b"abc", "doc.txt", encoding="klingon")


# Legacy encodings a file may come in, each read back as written: (label, text, encoding)
LEGACY_CASES = [
    ("latin-1 accents in words", "Café au lait, naïve résumé, Müller.\n" * 3, "latin-1"),
    ("windows-1252 quotes and dashes", "He said “10–15 people” were there…\n" * 3, "cp1252"),
    ("korean euc-kr", "대한민국의 수도는 서울입니다. 오늘은 날씨가 좋습니다.\n" * 2, "euc-kr"),
    ("simplified gb18030", "北韩的日本人，一九五九年开始回国。\n" * 2, "gb18030"),
    ("traditional big5", "北韓的日本人，一九五九年開始回國。\n" * 2, "big5"),
    ("english in gb18030", "The range is 10–15 people (“about a dozen”).\n" * 4, "gb18030"),
    # 똠 and 똑 are outside EUC-KR: only CP949 (Unified Hangul Code) has them
    ("korean cp949 beyond euc-kr", "똠방각하는 똑똑한 사람이다. 서울에 삽니다.\n" * 2, "cp949"),
    ("gb18030 paragraph", "指居住在朝鲜民主主义人民共和国的日本人。\n" * 3, "gb18030"),
    ("big5 paragraph", "指居住在朝鮮民主主義人民共和國的日本人。\n" * 3, "big5"),
]


@pytest.mark.parametrize(
    ("text", "encoding"), [c[1:] for c in LEGACY_CASES], ids=[c[0] for c in LEGACY_CASES]
)
def test_legacy_encodings_read_back_as_written(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding), "doc.txt")[0] == text


def test_a_guess_on_thin_evidence_is_warned(caplog: pytest.LogCaptureFixture) -> None:
    """One accented letter could be Latin-1 or a rare hanzi: read, but say so, naming the file."""
    with caplog.at_level(logging.WARNING, logger="sourcecompare.readers.detect"):
        text, enc = decode("A naïve reader.".encode("latin-1"), "doc.txt")
    assert (text, enc) == ("A naïve reader.", "cp1252")
    assert "doc.txt: guessed the encoding cp1252 with low confidence" in caplog.text


def test_a_confident_guess_is_not_warned(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="sourcecompare.readers.detect"):
        decode(GB_PARAGRAPH.encode("gb18030"), "doc.txt")
        decode(("Café au lait, naïve résumé, Müller. " * 4).encode("latin-1"), "doc.txt")
    assert "low confidence" not in caplog.text


def test_bytes_no_encoding_explains_are_an_error() -> None:
    data = bytes(range(0x80, 0x100)) * 8
    with pytest.raises(EncodingError, match=r"doc\.txt: not UTF-8, GB18030, Big5, EUC-KR or Win"):
        decode(data, "doc.txt")


def test_truncated_utf8_replaces_only_the_last_character(caplog: pytest.LogCaptureFixture) -> None:
    data = "北韓的日本人".encode()[:-1]  # cut inside the last character
    with caplog.at_level(logging.WARNING, logger="sourcecompare.readers.detect"):
        text, enc = decode(data, "cut.txt")
    assert (text, enc) == ("北韓的日本\ufffd", "utf-8")
    assert "cut.txt: ends in the middle of a utf-8 character (byte offset 15)" in caplog.text


def test_truncated_utf8_declared_is_an_error() -> None:
    with pytest.raises(EncodingError, match=r"cut\.txt: not valid utf-8: .* byte offset 15"):
        decode("北韓的日本人".encode()[:-1], "cut.txt", encoding="utf-8")


def test_invalid_utf8_in_the_middle_is_not_truncation() -> None:
    data = "北韓".encode() + b"\xff" + "日本人".encode() * 10
    with pytest.raises(EncodingError, match="byte offset 6"):
        decode(data, "x")


def test_empty_and_whitespace() -> None:
    with pytest.raises(EmptyDocument, match=r"e\.txt: is empty"):
        decode(b"", "e.txt")
    with pytest.raises(EmptyDocument, match=r"w\.txt: holds no text"):
        decode(b" \n\t\r\n", "w.txt")
    with pytest.raises(EmptyDocument):
        decode("\u3000\n".encode("utf-16"), "w.txt")
    with pytest.raises(EmptyDocument):
        decode(b"\xef\xbb\xbf  ", "w.txt")


def test_binary() -> None:
    with pytest.raises(NotText, match=r"p\.png: is a PNG image"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "p.png")
    with pytest.raises(NotText, match=r"x\.bin: is binary, not text .*NUL"):
        decode(bytes(range(256)) * 4, "x.bin")
    with pytest.raises(NotText, match="many control bytes"):
        decode(bytes(range(1, 32)) * 10 + b"text", "x.bin")
    with pytest.raises(NotText, match="is a PDF file"):
        decode(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "x.pdf")


def test_declared_encoding_does_not_hide_binary() -> None:
    with pytest.raises(NotText):
        decode(bytes(range(256)) * 4, "x.bin", encoding="latin-1")


# -- format ---------------------------------------------------------------------------------


@pytest.mark.parametrize("entry", MANIFEST, ids=IDS)
def test_detect_format_on_corpus(entry: dict[str, str]) -> None:
    """Passes once every reader of the manifest's formats defines ``looks_like``."""
    assert detect_format(_raw(entry)) == entry["format"]


def test_detect_format_falls_back_to_plain() -> None:
    assert detect_format("Just a line of text.\n\nAnd another.") == "plain"


def test_detect_format_asks_reader_modules(monkeypatch: pytest.MonkeyPatch) -> None:
    sure = types.ModuleType("sc_test_sure")
    sure.looks_like = lambda raw: 0.9 if raw.startswith("@@") else 0.0  # type: ignore[attr-defined]
    unsure = types.ModuleType("sc_test_unsure")
    unsure.looks_like = lambda raw: 0.4  # type: ignore[attr-defined]
    without = types.ModuleType("sc_test_without")
    monkeypatch.setitem(sys.modules, "sc_test_sure", sure)
    monkeypatch.setitem(sys.modules, "sc_test_unsure", unsure)
    monkeypatch.setitem(sys.modules, "sc_test_without", without)
    table = {
        "unsure": "sc_test_unsure",
        "missing": "sc_test_no_such_module",
        "without": "sc_test_without",
        "sure": "sc_test_sure",
        "plain": "sourcecompare.readers.plain",
    }
    monkeypatch.setattr(readers, "FORMATS", table)
    assert detect_format("@@ header") == "sure"
    assert detect_format("no header") == "plain"  # 0.4 is below the threshold


def test_detect_format_sees_a_bounded_sample(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    probe = types.ModuleType("sc_test_probe")
    probe.looks_like = lambda raw: seen.append(len(raw)) or 0.0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sc_test_probe", probe)
    monkeypatch.setattr(readers, "FORMATS", {"probe": "sc_test_probe", "plain": "x"})
    detect_format("line of text\n" * 100_000)
    assert seen and seen[0] <= 100_000


# -- language and script --------------------------------------------------------------------


@pytest.mark.parametrize("entry", MANIFEST, ids=IDS)
def test_language_and_script_on_corpus(entry: dict[str, str]) -> None:
    raw = _raw(entry)
    assert detect_language(raw) == entry["language"]
    assert detect_script(raw) == entry["script"]


def test_script_thresholds() -> None:
    assert detect_script("日本人") == "simplified"  # nothing tells: valid in both
    assert detect_script("他們來了" * 20 + "们") == "traditional"  # one stray character
    assert detect_script("他们来了" * 5 + "來來來") == "mixed"  # 3 of 13: at least MIXED_MIN
    assert detect_script("他们来了" * 5 + "來來") == "simplified"  # 2: too few
    assert detect_script("他们来了" * 20 + "來來來") == "simplified"  # 3 of 43: under MIXED_SHARE
    assert detect_script("12345 !!!") == "latin"
    assert detect_language("") == "en"


def test_language_weighs_letters_not_bytes() -> None:
    assert detect_language("在日朝鮮人 (Zainichi Koreans)") == "zh"  # 5 hanzi, 15 letters
    assert detect_language("Zainichi Koreans (在日)") == "en"


def test_truncated_big5_warns_once(caplog: pytest.LogCaptureFixture) -> None:
    data = BIG5_PARAGRAPH.encode("big5")[:-1]  # cut inside its last character, 。 (two bytes)
    with caplog.at_level(logging.WARNING, logger="sourcecompare.readers.detect"):
        text, enc = decode(data, "cut.txt")
    assert (text, enc) == (BIG5_PARAGRAPH[:-1] + "\ufffd", "big5")
    assert caplog.text.count("ends in the middle") == 1
    assert "a big5 character" in caplog.text


_HAN_TEXT = st.lists(
    st.one_of(
        st.sampled_from(list("他們们來来了說说國国日本人的臺台灣湾後后裏里髮发")),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),
    ),
    min_size=1,
    max_size=80,
).map("".join)


@given(_HAN_TEXT)
def test_script_chars_are_what_opencc_changes(text: str) -> None:
    """The cached table gives the counts that converting the text's hanzi with OpenCC gives."""
    from sourcecompare.readers.detect import script_chars
    from sourcecompare.script import _converter

    chars = list(dict.fromkeys(text))
    traditional, simplified = script_chars()
    for stem, table in (("t2s", traditional), ("s2t", simplified)):
        out = str(_converter(stem).convert("\n".join(chars))).split("\n")
        assert {c for c, o in zip(chars, out, strict=True) if o != c} == {
            c for c in chars if c in table
        }


def test_sniffing_a_format_loads_no_parser() -> None:
    """detect_format asks every reader's looks_like, but a reader imports its parser only when
    it parses: sniffing a plain file loads neither markdown-it nor mwparserfromhell."""
    import subprocess

    code = (
        "import sys\n"
        "from sourcecompare.readers.detect import detect_format\n"
        "print(detect_format('In 1959 about 27,000 people went.\\n'))\n"
        "print(sorted(m for m in ('markdown_it', 'mwparserfromhell') if m in sys.modules))\n"
        "from sourcecompare.readers import parse_text\n"
        "parse_text(\"'''X''' is [[Y|y]].<ref>z</ref>\\n==A==\\n\", id='w', format='wikitext')\n"
        "print('mwparserfromhell' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split("\n")[:3] == ["plain", "[]", "True"]
