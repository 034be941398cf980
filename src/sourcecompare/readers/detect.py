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
4. the legacy encodings: GB18030, Big5 (Big5-HKSCS when plain Big5 fails), EUC-KR and
   Windows-1252 (Latin-1 when that fails), each strictly.  ASCII reads the same in all of
   them, so each decoding is scored on its other characters only: how plausible they are for
   that family (:func:`_plausibility`: common hanzi and CJK punctuation for Chinese, with
   hanzi runs that do not sit between spaces; Hangul between spaces for Korean; accented
   letters inside words and typographic punctuation, in short runs, for Windows-1252).  The
   best wins, in the order above on a tie.  A guess whose margin over the runner-up is thin,
   or that rests on few non-ASCII characters, is logged as a warning naming the file and
   the alternatives (:data:`MIN_CONFIDENCE`).  If no decoding reaches
   :data:`MIN_TEXT_SCORE`, :class:`~sourcecompare.errors.EncodingError` names the offset of
   the first byte that is not UTF-8 (pass the encoding explicitly).

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
    "MIN_CONFIDENCE",
    "MIN_TEXT_SCORE",
    "MIXED_SHARE",
    "PLAIN_THRESHOLD",
    "ZH_SHARE",
    "decode",
    "detect_binary_format",
    "detect_format",
    "detect_language",
    "detect_script",
    "encoding_problem",
]

log = logging.getLogger(__name__)

#: below this plausibility of its non-ASCII characters a legacy decoding is not believed
MIN_TEXT_SCORE = 0.6
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


#: codecs Python marks as text encodings that do not decode files of characters (by their
#: ``codecs.lookup`` name, ``-`` read as ``_``): escapes and IDNA forms that decode to text
#: that may hold lone surrogates, and ``undefined``, which decodes nothing
_NOT_CHARSETS = frozenset(
    {"punycode", "idna", "raw_unicode_escape", "unicode_escape", "utf_7", "undefined"}
)


def encoding_problem(name: str) -> str | None:
    """What is wrong with ``name`` as the declared encoding of a text file, or ``None``.

    ``hex``, ``base64``, ``zlib`` and ``rot13`` are codecs but not charsets; ``punycode``,
    ``unicode_escape`` and ``utf-7`` decode to text that may hold lone surrogates.

    >>> encoding_problem("big5"), encoding_problem("hex"), encoding_problem("klingon")
    (None, "'hex' is not a text encoding", "unknown encoding 'klingon'")
    >>> encoding_problem("raw_unicode_escape"), encoding_problem("UTF_7")
    ("'raw_unicode_escape' is not a text encoding", "'UTF_7' is not a text encoding")
    """
    try:
        info = codecs.lookup(name)
    except LookupError:
        return f"unknown encoding {name!r}"
    if not getattr(info, "_is_text_encoding", True) or info.name.replace("-", "_") in _NOT_CHARSETS:
        return f"{name!r} is not a text encoding"
    return None


def _decode_declared(data: bytes, path: str | None, encoding: str) -> tuple[str, str]:
    problem = encoding_problem(encoding)
    if problem is not None:
        raise EncodingError(path, problem)
    codec = codecs.lookup(encoding).name
    name = encoding
    if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
        codec = name = "utf-8-sig"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise EncodingError(path, _bad_bytes(data, exc, f"not valid {encoding}")) from None
    except UnicodeError as exc:  # a codec that fails without a position
        raise EncodingError(path, f"cannot be decoded as {encoding}: {exc}") from None
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
    return _decode_legacy(data, path, utf8_error)


def _decode_legacy(
    data: bytes, path: str | None, utf8_error: UnicodeDecodeError
) -> tuple[str, str]:
    """Choose among the legacy encodings by how plausible each decoding's non-ASCII text is.

    ASCII reads the same in all of them, so only the other characters are evidence.  A guess
    on thin evidence (few such characters, or a runner-up nearly as plausible) is logged as a
    warning naming the file and the alternatives; no plausible decoding at all is an error.
    """
    scored: list[tuple[float, int, str, str, int | None]] = []
    for order, (family, codecs_) in enumerate(_LEGACY):
        for codec in codecs_:
            decoded = _lenient(data, codec)
            if decoded is not None:
                break
        if decoded is None:
            continue
        score, evidence = _plausibility(decoded[0][:_SAMPLE_BYTES], family)
        log.debug("%s: %s scores %.3f on %d characters", path, codec, score, evidence)
        scored.append((score, -order, codec, *decoded))
    scored.sort(reverse=True)
    if not scored or scored[0][0] < MIN_TEXT_SCORE:
        raise EncodingError(
            path,
            _bad_bytes(data, utf8_error, "not UTF-8, GB18030, Big5, EUC-KR or Windows-1252 text")
            + "; pass the encoding explicitly",
        )
    score, _, codec, text, cut = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    evidence = _plausibility(text[:_SAMPLE_BYTES], _FAMILY_OF[codec])[1]
    confidence = (score - runner_up) * min(1.0, evidence / _EVIDENCE_FULL)
    if confidence < MIN_CONFIDENCE:
        others = ", ".join(f"{c} ({s:.2f})" for s, _, c, _, _ in scored[1:] if s >= MIN_TEXT_SCORE)
        log.warning(
            "%s: guessed the encoding %s with low confidence (%.2f; %d non-ASCII characters%s); "
            "pass the encoding explicitly if the text reads wrongly",
            path,
            codec,
            confidence,
            evidence,
            f"; also plausible: {others}" if others else "",
        )
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


#: the legacy encodings tried when a file is not UTF-8, by family; within a family the first
#: that decodes is used (Big5-HKSCS when plain Big5 cannot, CP949 when EUC-KR cannot, Latin-1
#: when Windows-1252 cannot)
_LEGACY: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("zh", ("gb18030",)),
    ("zh", ("big5", "big5hkscs")),
    ("ko", ("euc-kr", "cp949")),
    ("latin", ("cp1252", "latin-1")),
)
_FAMILY_OF = {codec: family for family, codecs_ in _LEGACY for codec in codecs_}
#: non-ASCII characters from which a margin counts in full towards confidence
_EVIDENCE_FULL = 8
#: below this confidence (margin over the runner-up, scaled by evidence) a guess is warned
MIN_CONFIDENCE = 0.3
#: typographic punctuation that any of the encodings may carry in otherwise ASCII text
_PUNCT = frozenset("–—‘’“”…·•€£¥°±×÷©®™§¶«»¡¿¢\u00a0")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_CJK_RUN = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")
_HANGUL_RUN = re.compile("[\uac00-\ud7a3]+")


def _plausibility(text: str, family: str) -> tuple[float, int]:
    """How plausible the non-ASCII characters of a decoding are for its family of
    encodings (0..1), and how many there are.

    * ``zh``: common hanzi and CJK punctuation count 1, rarer hanzi 0.3; Chinese runs on
      without spaces, so a text whose hanzi runs mostly sit between spaces (Korean read as
      Chinese) counts half.
    * ``ko``: Hangul syllables and CJK punctuation count 1, hanja 0.3; Korean separates its
      words by spaces, so Hangul runs that hardly ever touch a space (Chinese read as
      Korean) count half.
    * ``latin``: a letter with a diacritic inside or beside an ASCII word, or typographic
      punctuation, in runs of at most three; long runs of accented letters and symbols are
      what East Asian bytes look like in Windows-1252.
    """
    runs = _NON_ASCII_RUN.finditer(text)
    total = 0.0
    count = 0
    for run in runs:
        chars = run.group()
        count += len(chars)
        if family == "latin":
            if len(chars) > 3:
                continue
            beside_word = (run.start() > 0 and text[run.start() - 1].isalpha()) or (
                run.end() < len(text) and text[run.end()].isalpha()
            )
            for ch in chars:
                if ch in _PUNCT or (beside_word and unicodedata.name(ch, "").startswith("LATIN")):
                    total += 1
            continue
        for ch in chars:
            if family == "zh":
                total += 1 if _ordinary(ch) or ch in _PUNCT else 0.3 if _HAN.match(ch) else 0
            elif "\uac00" <= ch <= "\ud7a3" or _cjk_punct(ch) or ch in _PUNCT:
                total += 1
            elif _HAN.match(ch):
                total += 0.3
    if not count:
        return 0.0, 0
    score = total / count
    if (family == "zh" and _spaced(text, _CJK_RUN) >= 0.6) or (
        family == "ko" and _spaced(text, _HANGUL_RUN) < 0.3
    ):
        score /= 2
    return score, count


def _spaced(text: str, pattern: re.Pattern[str]) -> float:
    """Share of the runs of ``pattern`` that touch a space or a line end: high for Korean
    (words between spaces), low for Chinese (no spaces); 0.5 when there are too few runs."""
    runs = list(pattern.finditer(text))
    if len(runs) < 4:
        return 0.5
    spaced = sum(
        1
        for m in runs
        if m.start() == 0
        or text[m.start() - 1].isspace()
        or m.end() == len(text)
        or text[m.end()].isspace()
    )
    return spaced / len(runs)


def _cjk_punct(ch: str) -> bool:
    cp = ord(ch)
    return 0x3000 <= cp <= 0x303F or 0xFF01 <= cp <= 0xFF5E


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


#: the code points :data:`_HAN` matches, for the table of :func:`script_chars`
_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))


def _build_script_chars() -> tuple[frozenset[str], frozenset[str]]:
    from ..script import changed_chars

    chars = [chr(cp) for lo, hi in _HAN_RANGES for cp in range(lo, hi + 1)]
    return changed_chars("t2s", chars), changed_chars("s2t", chars)


@functools.cache
def script_chars() -> tuple[frozenset[str], frozenset[str]]:
    """(the hanzi OpenCC ``t2s`` changes, those ``s2t`` changes): what tells traditional from
    simplified text.  Built once over every hanzi into the resource cache (keyed by OpenCC's
    version and the code of this module and of :mod:`sourcecompare.script`), so that
    detecting a script builds no OpenCC converter (two of them cost about 0.1 s a process)."""
    from importlib.metadata import version
    from pathlib import Path

    from .. import resources, script

    def check(value: object) -> bool:
        return (
            isinstance(value, tuple)
            and len(value) == 2
            and all(isinstance(v, frozenset) and v for v in value)
        )

    found = resources.load_or_build(
        "script-chars",
        resources.key(
            "script-chars",
            version("opencc"),
            Path(__file__).read_bytes(),
            Path(script.__file__).read_bytes(),
        ),
        _build_script_chars,
        check=check,
        label="traditional/simplified character table",
    )
    return found[0], found[1]


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
    traditional, simplified = script_chars()
    trad = sum(n for c, n in counts.items() if c in traditional)
    simp = sum(n for c, n in counts.items() if c in simplified)
    minority = min(trad, simp)
    if minority >= MIXED_MIN and minority >= MIXED_SHARE * (trad + simp):
        return "mixed"
    return "traditional" if trad > simp else "simplified"
