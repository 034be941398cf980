"""Detection of a file's encoding, format, language and script.

Encoding (:func:`decode`)
-------------------------
With a declared ``encoding`` the bytes are decoded strictly in it; a byte sequence that is not
valid raises :class:`~sourcecompare.errors.EncodingError` naming the file and the byte offset.
(A UTF-8 byte-order mark is dropped and reported as ``utf-8-sig`` when ``utf-8`` is declared.)

Without one, in order:

1. a byte-order mark decides: UTF-8 (reported ``utf-8-sig``, mark dropped), UTF-32, UTF-16
   (reported ``utf-16``/``utf-32``, mark dropped);
2. NUL bytes: UTF-16 without a mark when the NULs fall on one parity only (the high byte
   of ASCII characters), reported ``utf-16-le``/``utf-16-be``; any other NULs, or
   more than ``max(2, 1%)`` control bytes, or a known binary signature (PNG, PDF, ZIP...) raise
   :class:`~sourcecompare.errors.NotText`;
3. strict UTF-8, reported ``utf-8`` (ASCII included);
4. strict GB18030 and strict Big5 (Big5-HKSCS when plain Big5 fails): each decodes much that
   the other wrote, so each decoding is scored by how much of it looks like ordinary Chinese
   text -- the share of characters that are ASCII, CJK punctuation or *common* hanzi (the
   first level of GB2312 or of Big5, about 3,700 and 5,400 characters); the higher score wins,
   GB18030 on a tie.  If the best score is below :data:`MIN_TEXT_SCORE` the bytes are not taken
   for Chinese and :class:`~sourcecompare.errors.EncodingError` names the offset of the first
   byte that is not UTF-8 (pass ``encoding=`` to read, say, a Latin-1 file).

A file cut in the middle of its last character (a truncated download) is, when detected, decoded
with that one incomplete character replaced by U+FFFD and a warning logged that names the
file and the byte offset; nothing else is ever replaced.  A declared encoding gets no such
leniency.  Empty or whitespace-only text raises :class:`~sourcecompare.errors.EmptyDocument`.

Language and script
-------------------
:func:`detect_language` answers ``"zh"`` when at least :data:`ZH_SHARE` of the letters are hanzi,
else ``"en"``: the pipeline has a Chinese and an English analysis only, so any other language
is out of scope and gets ``"en"`` (a Latin-script one is then at least tokenised on spaces;
Japanese, being mostly hanzi and kana, gets ``"zh"``).  :func:`detect_script` counts the hanzi
that OpenCC's ``t2s`` changes (traditional-only) and those ``s2t`` changes (simplified-only).
"""

from __future__ import annotations

import codecs
import functools
import importlib
import logging
import re
import unicodedata
from collections import Counter

from ..errors import EmptyDocument, EncodingError, NotText

__all__ = [
    "MIN_TEXT_SCORE",
    "MIXED_SHARE",
    "PLAIN_THRESHOLD",
    "ZH_SHARE",
    "decode",
    "detect_binary_format",
    "detect_format",
    "detect_language",
    "detect_script",
]

log = logging.getLogger(__name__)

#: below this share of ordinary characters a GB18030/Big5 decoding is not believed
MIN_TEXT_SCORE = 0.85
#: a reader must be at least this sure (``looks_like``) to beat ``plain``
PLAIN_THRESHOLD = 0.5
#: hanzi / (hanzi + Latin letters) from which a text is Chinese
ZH_SHARE = 0.2
#: share of the minority script among script-specific hanzi from which a text is ``mixed``
MIXED_SHARE = 0.15
#: ... and the least number of minority characters for ``mixed``
MIXED_MIN = 3

_SAMPLE_BYTES = 1 << 16  # how much of a file the binary test and the encoding vote look at
_FORMAT_SAMPLE = 100_000  # how much of a text the format detectors see

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF file (read it as a file: the pdf format reads its text layer)"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/ODF document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)

_BOMS: tuple[tuple[bytes, str, str], ...] = (  # (mark, codec that drops it, reported name)
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32", "utf-32"),
    (b"\xff\xfe", "utf-16", "utf-16"),
    (b"\xfe\xff", "utf-16", "utf-16"),
)

_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}
_CONTROL_BYTES = bytes(sorted(_CONTROL))
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")


# -- encoding ---------------------------------------------------------------------------------


def decode(data: bytes, path: str | None, encoding: str | None = None) -> tuple[str, str]:
    """The text of ``data`` and the name of the encoding it was read in.

    >>> decode("北韓".encode("big5"), "a.txt")
    ('北韓', 'big5')
    >>> decode(b"\\xef\\xbb\\xbfNorth Korea", "a.txt")
    ('North Korea', 'utf-8-sig')
    >>> decode(" \\n".encode(), "a.txt")
    Traceback (most recent call last):
    ...
    sourcecompare.errors.EmptyDocument: a.txt: holds no text (only whitespace)
    """
    if not data:
        raise EmptyDocument(path, "is empty (0 bytes)")
    if encoding is not None:
        text, name = _decode_declared(data, path, encoding)
    else:
        text, name = _decode_detected(data, path)
    if not text.strip():
        raise EmptyDocument(path, "holds no text (only whitespace)")
    return text, name


def _decode_declared(data: bytes, path: str | None, encoding: str) -> tuple[str, str]:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise EncodingError(path, f"unknown encoding {encoding!r}") from None
    name = encoding
    if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
        codec = name = "utf-8-sig"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise EncodingError(path, _bad_bytes(data, exc, f"not valid {encoding}")) from None
    text = text.removeprefix("\ufeff")  # a byte-order mark the codec kept
    if codec not in ("utf-8", "utf-8-sig") and _is_utf8(data):
        log.warning("%s: declared %s, but the bytes are also valid UTF-8", path, encoding)
    if _control_count(text[:_SAMPLE_BYTES]) > max(2, len(text[:_SAMPLE_BYTES]) // 100):
        raise NotText(path, f"is binary, not text (read as declared {encoding})")
    return text, name


def _is_utf8(data: bytes) -> bool:
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _bad_bytes(data: bytes, exc: UnicodeDecodeError, what: str) -> str:
    bad = data[exc.start : min(exc.end, exc.start + 4)]
    return f"{what}: bytes {bad.hex(' ')} at byte offset {exc.start} ({exc.reason})"


def _control_count(sample: str | bytes) -> int:
    """How many control characters (other than whitespace and escape) ``sample`` holds."""
    if isinstance(sample, bytes):
        return len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return sum(1 for c in sample if ord(c) in _CONTROL)


def _decode_detected(data: bytes, path: str | None) -> tuple[str, str]:
    for mark, codec, name in _BOMS:
        if data.startswith(mark):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError as exc:
                raise EncodingError(
                    path, _bad_bytes(data, exc, f"starts with a {name} byte-order mark but is not")
                ) from None
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            raise NotText(path, f"is {what}, not text")
    sample = data[:_SAMPLE_BYTES]
    if b"\x00" in sample:
        utf16 = _utf16_without_bom(data, sample)
        if utf16 is None:
            raise NotText(path, "is binary, not text (it holds NUL bytes)")
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError as exc:
            raise EncodingError(
                path, _bad_bytes(data, exc, f"looks like {utf16} but is not")
            ) from None
        head = text[:_SAMPLE_BYTES]
        if _control_count(head) > max(2, len(head) // 100):
            raise NotText(path, "is binary, not text (it holds NUL bytes)")
        return text, utf16
    if _control_count(sample) > max(2, len(sample) // 100):
        raise NotText(path, "is binary, not text (it holds many control bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if _truncated(data, utf8_error):
        return _truncated_text(data, "utf-8", utf8_error, path), "utf-8"
    best: tuple[float, str, str, int | None] | None = None
    for codec, fallback in (("gb18030", None), ("big5", "big5hkscs")):
        decoded = _lenient(data, codec)
        if decoded is None and fallback is not None:
            codec = fallback
            decoded = _lenient(data, codec)
        if decoded is None:
            continue
        score = _chinese_score(decoded[0][:_SAMPLE_BYTES])
        log.debug("%s: %s scores %.3f", path, codec, score)
        if best is None or score > best[0]:
            best = (score, codec, *decoded)
    if best is None or best[0] < MIN_TEXT_SCORE:
        raise EncodingError(
            path,
            _bad_bytes(data, utf8_error, "not UTF-8, GB18030 or Big5 text")
            + "; pass the encoding explicitly",
        )
    _, codec, text, cut = best
    if cut is not None:
        _warn_truncated(path, codec, cut)
    return text, codec


def _utf16_without_bom(data: bytes, sample: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` if the NULs of ``sample`` fall on one parity only."""
    if len(data) % 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    pairs = len(sample) // 2
    least = max(1, pairs // 20)
    if odd >= least and even <= odd // 8:
        return "utf-16-le"
    if even >= least and odd <= even // 8:
        return "utf-16-be"
    return None


_INCOMPLETE = frozenset({"unexpected end of data", "incomplete multibyte sequence"})


def _truncated(data: bytes, exc: UnicodeDecodeError) -> bool:
    """Whether the fault is an incomplete character at the very end."""
    return (
        exc.reason in _INCOMPLETE
        and exc.end == len(data)
        and exc.start > 0
        and len(data) - exc.start < 4
    )


def _warn_truncated(path: str | None, codec: str, offset: int) -> None:
    log.warning(
        "%s: ends in the middle of a %s character (byte offset %d); "
        "that incomplete character was replaced by U+FFFD",
        path,
        codec,
        offset,
    )


def _truncated_text(data: bytes, codec: str, exc: UnicodeDecodeError, path: str | None) -> str:
    text = data[: exc.start].decode(codec) + "\ufffd"
    _warn_truncated(path, codec, exc.start)
    return text


def _lenient(data: bytes, codec: str) -> tuple[str, int | None] | None:
    """Strict decoding, tolerating only an incomplete last character (whose byte offset is
    returned with the text); ``None`` if the bytes are not valid in ``codec``."""
    try:
        return data.decode(codec), None
    except UnicodeDecodeError as exc:
        if not _truncated(data, exc):
            return None
        try:
            return data[: exc.start].decode(codec) + "\ufffd", exc.start
        except UnicodeDecodeError:
            return None


def _chinese_score(text: str) -> float:
    """Share of ``text`` that is ASCII, CJK punctuation or a common hanzi."""
    counts = Counter(text)
    good = total = 0
    for ch, n in counts.items():
        total += n
        if _ordinary(ch):
            good += n
    return good / total if total else 0.0


@functools.cache
def _ordinary(ch: str) -> bool:
    cp = ord(ch)
    if cp < 0x80 or 0x3000 <= cp <= 0x303F or 0xFF01 <= cp <= 0xFF5E or ch in "“”‘’…—·":
        return True
    if not unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH"):
        return False
    try:
        gb = ch.encode("gb2312")
        if 0xB0 <= gb[0] <= 0xD7:  # GB2312 level 1
            return True
    except UnicodeEncodeError:
        pass
    try:
        b5 = ch.encode("big5")
    except UnicodeEncodeError:
        return False
    return 0xA440 <= int.from_bytes(b5, "big") <= 0xC67E  # Big5 frequent characters


# -- format -----------------------------------------------------------------------------------


def detect_binary_format(data: bytes) -> str | None:
    """The reader of a binary format ``data`` is in, by content; ``None`` for text.

    Only PDF is read from bytes: a file whose first kilobyte holds the ``%PDF-`` signature.

    >>> detect_binary_format(b"%PDF-1.4 ..."), detect_binary_format(b"North Korea")
    ('pdf', None)
    """
    from .pdf import is_pdf

    return "pdf" if is_pdf(data) else None


def detect_format(raw: str) -> str:
    """The name of the reader (in :data:`~sourcecompare.readers.FORMATS`) that fits ``raw``.

    Every reader module that defines ``looks_like(raw) -> float`` (0 to 1) is asked, with the
    first 100,000 characters; the most confident wins (the table's order breaks ties), and
    ``plain`` is the answer when none reaches :data:`PLAIN_THRESHOLD`.  A reader module that
    does not exist (yet) is skipped.
    """
    from . import FORMATS

    sample = raw
    if len(raw) > _FORMAT_SAMPLE:
        cut = raw.rfind("\n", 0, _FORMAT_SAMPLE)
        sample = raw[: cut if cut > 0 else _FORMAT_SAMPLE]
    best_name, best_score = "plain", 0.0
    for name, module_name in FORMATS.items():
        if name == "plain":
            continue
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            log.debug("format %s: no reader module %s", name, module_name)
            continue
        looks_like = getattr(module, "looks_like", None)
        if looks_like is None:
            continue
        score = float(looks_like(sample))
        log.debug("format %s scores %.3f", name, score)
        if score >= PLAIN_THRESHOLD and score > best_score:
            best_name, best_score = name, score
    return best_name


# -- language and script ----------------------------------------------------------------------


def _han_share(text: str) -> tuple[int, float]:
    """The number of hanzi in ``text`` and their share among hanzi and Latin letters."""
    han = len(_HAN.findall(text))
    latin = len(_LATIN.findall(text))
    return han, (han / (han + latin) if han + latin else 0.0)


def detect_language(text: str) -> str:
    """``"zh"`` if at least :data:`ZH_SHARE` of the letters are hanzi, else ``"en"``.

    >>> detect_language("1959年，日本朝鮮族回到朝鮮 (Chongryon)")
    'zh'
    >>> detect_language("Zainichi Koreans, or 在日朝鮮人, went to North Korea.")
    'en'
    """
    _, share = _han_share(text)
    return "zh" if share >= ZH_SHARE else "en"


def detect_script(text: str) -> str:
    """``traditional``, ``simplified``, ``mixed`` or ``latin``.

    ``latin`` when the text is not Chinese (:func:`detect_language`).  Otherwise each hanzi
    occurrence that OpenCC ``t2s`` changes counts as traditional and each that ``s2t`` changes
    as simplified.  When the minority script has at least :data:`MIXED_SHARE` of those and
    at least :data:`MIXED_MIN` occurrences, ``mixed``; else the majority.  A text with no
    script-specific hanzi (日本人) is valid in both and called ``simplified``.

    >>> detect_script("他們人數有27000人")
    'traditional'
    >>> detect_script("他们人数有27000人")
    'simplified'
    >>> detect_script("日本与朝鲜民主主义人民共和国没有建立外交关系。兩國之間的關係")
    'mixed'
    >>> detect_script("Japanese people in North Korea")
    'latin'
    """
    if _han_share(text)[1] < ZH_SHARE:
        return "latin"
    counts = Counter(_HAN.findall(text))
    chars = list(counts)
    from ..script import _converter

    to_simp = str(_converter("t2s").convert("\n".join(chars))).split("\n")
    to_trad = str(_converter("s2t").convert("\n".join(chars))).split("\n")
    trad = sum(counts[c] for c, s in zip(chars, to_simp, strict=True) if s != c)
    simp = sum(counts[c] for c, t in zip(chars, to_trad, strict=True) if t != c)
    minority = min(trad, simp)
    if minority >= MIXED_MIN and minority >= MIXED_SHARE * (trad + simp):
        return "mixed"
    return "traditional" if trad > simp else "simplified"
