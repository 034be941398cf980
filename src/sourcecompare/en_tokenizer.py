"""spaCy's blank English tokenizer and sentencizer, without importing spaCy.

Importing spaCy and building its blank ``en`` pipeline takes about 0.6 s per process, more than
the whole segmentation of a short English document.  What that pipeline does is data (the
tokenizer's prefix, suffix, infix and URL patterns, its 1,300 special cases, the sentencizer's
punctuation) and an algorithm (``spacy/tokenizer.pyx``).  The data is read from spaCy once, on
first use, and cached in the user's cache folder (:mod:`sourcecompare.resources`: keyed by
spaCy's version and this module's code, written atomically, rebuilt when stale or corrupt); the
algorithm is :class:`Tokenizer`, a line-by-line port of spaCy's, special-case matcher
included.  The tests hold its tokens, spaces and sentence starts to spaCy's own pipeline, on
generated text and on the corpus.

>>> tok = tokenizer()
>>> [t for t, _ in tok("Don't go (now)!")]
['Do', "n't", 'go', '(', 'now', ')', '!']
>>> tok.rows("It ended. Then?")[:, 4].tolist()
[1, -1, -1, 1, -1]
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

__all__ = ["FORMAT", "Tokenizer", "is_punct", "spacy_version", "tokenizer"]

#: the version of the cached rules' layout and of the port; part of the cache key
FORMAT = 1

#: at most this many whitespace-free chunks keep their tokens (spaCy caches them too)
_CACHE_SIZE = 1 << 17

_RUN = re.compile(r"\s+|\S+")  # \s is str.isspace, the test spaCy's loop makes per character


@functools.lru_cache(maxsize=1 << 16)
def is_punct(text: str) -> bool:
    """spaCy's ``is_punct`` of a lexeme: every character of Unicode category P*."""
    return all(unicodedata.category(ch).startswith("P") for ch in text)


@functools.cache
def spacy_version() -> str:
    """The installed spaCy's version, from its metadata (without importing it)."""
    from importlib.metadata import version

    return version("spacy")


def _pattern(found: Callable[..., Any] | None) -> tuple[str, int] | None:
    """The source and flags of a compiled pattern's bound method (``prefix_search`` ...)."""
    if found is None:
        return None
    compiled = found.__self__  # type: ignore[attr-defined]
    if not isinstance(compiled, re.Pattern):
        raise TypeError(f"not an re pattern: {compiled!r}")
    return (compiled.pattern, compiled.flags)


def _read_rules() -> dict[str, Any]:
    """What spaCy's blank English pipeline is made of, as plain data (imports spaCy)."""
    import spacy
    from spacy.attrs import ORTH

    nlp = spacy.blank("en")
    sentencizer: Any = nlp.add_pipe("sentencizer")
    tok: Any = nlp.tokenizer
    return {
        "rules": {
            key: tuple(str(part[ORTH]) for part in parts) for key, parts in tok.rules.items()
        },
        "prefix": _pattern(tok.prefix_search),
        "suffix": _pattern(tok.suffix_search),
        "infix": _pattern(tok.infix_finditer),
        "token_match": _pattern(tok.token_match),
        "url_match": _pattern(tok.url_match),
        "faster_heuristics": bool(tok.faster_heuristics),
        "punct_chars": frozenset(sentencizer.punct_chars),
    }


def _looks_right(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("rules"), dict)
        and all(isinstance(v, tuple) and "".join(v) == k for k, v in value["rules"].items())
        and all(
            value.get(name) is None
            or (isinstance(value[name], tuple) and isinstance(value[name][0], str))
            for name in ("prefix", "suffix", "infix", "token_match", "url_match")
        )
        and isinstance(value.get("punct_chars"), frozenset)
        and isinstance(value.get("faster_heuristics"), bool)
    )


@functools.cache
def tokenizer() -> Tokenizer:
    """The tokenizer of spaCy's blank ``en`` pipeline, from the cached rules (built once: the
    first run imports spaCy to read them)."""
    from pathlib import Path

    from .resources import key, load_or_build

    rules = load_or_build(
        "en-tokenizer",
        key("en-tokenizer", spacy_version(), str(FORMAT), Path(__file__).read_bytes()),
        _read_rules,
        check=_looks_right,
        label="English tokenizer",
    )
    return Tokenizer(rules)


def _compile(spec: tuple[str, int] | None) -> re.Pattern[str] | None:
    return None if spec is None else re.compile(spec[0], spec[1])


class Tokenizer:
    """spaCy's ``Tokenizer.__call__`` followed by its ``Sentencizer``, in Python.

    Calling it gives the tokens of a text as ``(text, followed by a space)``; :meth:`rows` the
    rows ``(idx, length, is_punct, is_space, sent_start)`` of spaCy's ``Doc.to_array``.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self._specials: dict[str, tuple[str, ...]] = dict(data["rules"])
        self._prefix = _compile(data["prefix"])
        self._suffix = _compile(data["suffix"])
        self._infix = _compile(data["infix"])
        self._token_match = _compile(data["token_match"])
        self._url_match = _compile(data["url_match"])
        self._punct_chars: frozenset[str] = data["punct_chars"]
        self._cache: dict[str, tuple[str, ...]] = {}
        # spaCy's special matcher: the special cases a plain chunk lookup would miss (they
        # have an affix, an infix or a space), as the token sequences they are first cut into
        self._patterns: dict[str, list[tuple[str, ...]]] = {}
        self._longest = 0
        for key in sorted(self._specials):
            if (
                not data["faster_heuristics"]
                or self._find_prefix(key)
                or self._find_infix(key)
                or self._find_suffix(key)
                or " " in key
            ):
                pattern = tuple(self._tokenize_affixes(key, False)[0])
                if pattern:
                    self._patterns.setdefault(pattern[0], []).append(pattern)
                    self._longest = max(self._longest, len(pattern))

    # --- the pieces of spaCy's Tokenizer

    def _find_prefix(self, text: str) -> int:
        if self._prefix is None:
            return 0
        m = self._prefix.search(text)
        return m.end() - m.start() if m is not None else 0

    def _find_suffix(self, text: str) -> int:
        if self._suffix is None:
            return 0
        m = self._suffix.search(text)
        return m.end() - m.start() if m is not None else 0

    def _find_infix(self, text: str) -> list[re.Match[str]]:
        if self._infix is None:
            return []
        return list(self._infix.finditer(text))

    def _matches_whole(self, text: str) -> bool:
        return bool(
            (self._token_match is not None and self._token_match.match(text))
            or (self._url_match is not None and self._url_match.match(text))
        )

    def _split_affixes(self, string: str, specials: bool) -> tuple[list[str], str, list[str]]:
        prefixes: list[str] = []
        suffixes: list[str] = []
        last_size = 0
        prefix = minus_pre = suffix = minus_suf = ""
        while string and len(string) != last_size:
            if self._token_match is not None and self._token_match.match(string):
                break
            if specials and string in self._specials:
                break
            last_size = len(string)
            pre_len = self._find_prefix(string)
            if pre_len != 0:
                prefix = string[:pre_len]
                minus_pre = string[pre_len:]
                if minus_pre and specials and minus_pre in self._specials:
                    string = minus_pre
                    prefixes.append(prefix)
                    break
            suf_len = self._find_suffix(string[pre_len:])
            if suf_len != 0:
                suffix = string[-suf_len:]
                minus_suf = string[:-suf_len]
                if minus_suf and specials and minus_suf in self._specials:
                    string = minus_suf
                    suffixes.append(suffix)
                    break
            if pre_len and suf_len and (pre_len + suf_len) <= len(string):
                string = string[pre_len:-suf_len]
                prefixes.append(prefix)
                suffixes.append(suffix)
            elif pre_len:
                string = minus_pre
                prefixes.append(prefix)
            elif suf_len:
                string = minus_suf
                suffixes.append(suffix)
        return prefixes, string, suffixes

    def _attach(self, string: str, specials: bool) -> list[str]:
        """The tokens of what is left once the affixes are split off."""
        if not string:
            return []
        if specials and string in self._specials:
            return list(self._specials[string])
        if self._matches_whole(string):
            return [string]
        matches = self._find_infix(string)
        if not matches:
            return [string]
        out: list[str] = []
        start = 0
        for m in matches:
            infix_start, infix_end = m.start(), m.end()
            if infix_start == 0:
                continue
            if infix_start != start:
                out.append(string[start:infix_start])
            if infix_start != infix_end:
                out.append(string[infix_start:infix_end])
            start = infix_end
        if string[start:]:
            out.append(string[start:])
        return out

    def _chunk(self, span: str, specials: bool) -> tuple[str, ...]:
        """The tokens of a run of non-space (or of space) characters."""
        if specials:
            found = self._specials.get(span)
            if found is not None:
                return found
            cached = self._cache.get(span)
            if cached is not None:
                return cached
        prefixes, core, suffixes = self._split_affixes(span, specials)
        out = (*prefixes, *self._attach(core, specials), *reversed(suffixes))
        if specials:
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[span] = out
        return out

    def _tokenize_affixes(self, text: str, specials: bool) -> tuple[list[str], list[bool]]:
        """spaCy's ``_tokenize_affixes``: runs of space and non-space characters, one space
        after a token belonging to it, every other run of spaces a token (or more)."""
        texts: list[str] = []
        spaced: list[int] = []  # the tokens a space follows
        chunk = self._chunk
        for m in _RUN.finditer(text):
            run = m.group()
            if run[0] == " " and texts:
                # a space run after a token (a run of spaces at the start has none before
                # it): its first space is that token's
                spaced.append(len(texts) - 1)
                if len(run) == 1:
                    continue
                run = run[1:]
            texts.extend(chunk(run, specials))
        spaces = [False] * len(texts)
        for i in spaced:
            spaces[i] = True
        return texts, spaces

    def _apply_special_cases(
        self, texts: list[str], spaces: list[bool]
    ) -> tuple[list[str], list[bool]]:
        """spaCy's ``_apply_special_cases``: special cases found across tokens, the longest
        first, each replaced by its own tokens."""
        if not self._patterns:
            return texts, spaces
        patterns = self._patterns
        n = len(texts)
        found: list[tuple[int, int]] = []
        for i, orth in enumerate(texts):
            if orth in patterns:
                for pattern in patterns[orth]:
                    end = i + len(pattern)
                    if end <= n and tuple(texts[i:end]) == pattern:
                        found.append((i, end))
        if not found:
            return texts, spaces
        # spaCy sorts by (length, start descending) and walks from the end
        found.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
        seen: set[int] = set()
        kept: dict[int, int] = {}
        for start, end in found:
            if start not in seen and end - 1 not in seen:
                kept[start] = end
            seen.update(range(start, end))
        out_texts: list[str] = []
        out_spaces: list[bool] = []
        i = 0
        while i < n:
            stop = kept.get(i)
            if stop is None:
                out_texts.append(texts[i])
                out_spaces.append(spaces[i])
                i += 1
                continue
            inner = zip(texts[i : stop - 1], spaces[i : stop - 1], strict=True)
            span = "".join(t + " " if sp else t for t, sp in inner) + texts[stop - 1]
            special = self._specials.get(span)
            if special is None:
                out_texts.extend(texts[i:stop])
                out_spaces.extend(spaces[i:stop])
            else:
                out_texts.extend(special)
                out_spaces.extend([False] * (len(special) - 1))
                out_spaces.append(spaces[stop - 1])
            i = stop
        return out_texts, out_spaces

    # --- what callers use

    def tokens(self, text: str) -> tuple[list[str], list[bool]]:
        """The tokens of ``text``, and whether a space follows each (spaCy's ``Doc``)."""
        return self._apply_special_cases(*self._tokenize_affixes(text, True))

    def __call__(self, text: str) -> list[tuple[str, bool]]:
        """The tokens of ``text`` as ``(text, followed by a space)``."""
        return list(zip(*self.tokens(text), strict=True))

    def sentence_starts(self, texts: Sequence[str]) -> list[bool]:
        """spaCy's ``Sentencizer``: a sentence starts at the first token after a sentence-final
        punctuation mark that is neither punctuation nor sentence-final itself."""
        starts = [False] * len(texts)
        if not texts:
            return starts
        starts[0] = True
        start, seen_period = 0, False
        punct_chars = self._punct_chars
        for i, text in enumerate(texts):
            final = text in punct_chars
            if seen_period and not final and not is_punct(text):
                starts[start] = True
                start = i
                seen_period = False
            elif final:
                seen_period = True
        starts[start] = True
        return starts

    def rows(
        self, text: str, tokens: tuple[Sequence[str], Sequence[bool]] | None = None
    ) -> np.ndarray:
        """``Doc.to_array([IDX, LENGTH, IS_PUNCT, IS_SPACE, SENT_START])`` of spaCy's blank
        English pipeline (tokenizer and sentencizer) on ``text`` (``tokens``: its
        :meth:`tokens`, when already made)."""
        import numpy as np

        texts, spaces = self.tokens(text) if tokens is None else tokens
        rows = np.zeros((len(texts), 5), dtype=np.int64)
        if not texts:
            return rows
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        rows[1:, 0] = np.cumsum(lengths[:-1] + np.asarray(spaces[:-1], dtype=np.int64))
        rows[:, 1] = lengths
        rows[:, 2] = np.fromiter(map(is_punct, texts), dtype=bool, count=len(texts))
        rows[:, 3] = np.fromiter(map(str.isspace, texts), dtype=bool, count=len(texts))
        rows[:, 4] = np.where(self.sentence_starts(texts), 1, -1)
        return rows
