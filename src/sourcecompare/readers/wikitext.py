"""Reader for MediaWiki wikitext, parsed with mwparserfromhell.

mwparserfromhell gives back the source exactly (``str(parsed) == raw``), so the place of every
node in ``raw`` is the sum of the lengths before it; nested parts (link text, template
parameters, tag contents) are placed by the same arithmetic.

What becomes of the markup:

* Paragraphs: a blank line ends a BODY paragraph; single line breaks join lines (no space
  between two CJK characters).  A line that only held dropped markup (a ``[[File:...]]``, a
  template) neither adds text nor breaks the paragraph.
* ``== Heading ==`` is a HEADING paragraph and the section of what follows.
* ``*`` and ``#`` lines are LIST_ITEM paragraphs (``;``/``:`` lines are one-line BODY
  paragraphs); under a references heading (``注释``, ``References``...) paragraphs and items
  are REFERENCE.
* ``[[target|text]]`` keeps its text (the target if there is none) and records the page name
  in ``links``.  ``[[File:...]]``/``[[Image:...]]`` are dropped; a caption (the last ``|``
  part, unless it is an option such as ``thumb`` or ``200px``) becomes a CAPTION paragraph.
  ``[[Category:X]]`` is dropped and ``X`` goes to ``metadata["categories"]``; interlanguage
  links (``[[en:X]]``) are dropped.
* ``[url text]`` keeps ``text`` and records ``url`` in ``urls``; ``[url]`` keeps nothing
  (MediaWiki shows a number) except inside a reference, where the address is the text; a bare
  address stays in the text.
* Templates are dropped, with three exceptions: ``Infobox ...`` templates give one INFOBOX
  paragraph per parameter that carries a fact (label = the parameter's name, text = its
  value; layout parameters such as ``image``, ``width``, ``map`` are skipped); a few templates
  that only display text (``lang``, ``le``, ``link-xx``, ``lang-xx``, ``tsl``, ``ill``,
  ``nowrap``, ``nihongo``) keep that text; citation templates (``Cite ...``, ``Citation``)
  inside a ``<ref>`` give the reference its ``title`` and their ``url`` parameters.
* ``<ref>...</ref>`` leaves the body: the body paragraph keeps a :class:`FootnoteRef` (label =
  the reference's number, in order of first use; a named ``<ref name=.../>`` reuses the
  number) and the contents become a REFERENCE paragraph with that label, placed where
  ``<references />`` stands (at the end of the document without one).
* ``'''bold'''``/``''italic''`` markers, comments, ``<div>`` and ``<span>`` tags, ``<br>``,
  behaviour switches (``__NOTOC__``) are dropped (contents of ``div``, ``span`` and the like
  are kept); ``<gallery>``, ``<math>``, ``<timeline>`` and similar are dropped whole.
* HTML entities stay as written, except ``&amp;`` which reads as ``&`` (a paragraph's text is
  made only of characters of ``raw``).

>>> doc = parse("'''X''' is in [[Asia|east Asia]].<ref>[http://a.b/c Source]</ref>\\n\\n"
...             "== Notes ==\\n<references />\\n[[Category:Places]]")
>>> [(p.kind.value, p.text, p.links, p.urls, p.label) for p in doc.paragraphs]
... # doctest: +NORMALIZE_WHITESPACE
[('body', 'X is in east Asia.', ('Asia',), (), None),
 ('heading', 'Notes', (), (), None),
 ('reference', 'Source', (), ('http://a.b/c',), '1')]
>>> doc.paragraphs[0].footnote_refs[0].label, doc.paragraphs[0].footnote_refs[0].position
('1', 18)
>>> doc.metadata["categories"]
'Places'
"""

from __future__ import annotations

import re

from . import Parsed

__all__ = ["looks_like", "parse"]


def parse(raw: str) -> Parsed:
    """Read MediaWiki wikitext into paragraphs."""
    from ._wikitext import parse as read

    return read(raw)


def looks_like(raw: str) -> float:
    """How much ``raw`` looks like MediaWiki wikitext (0..1).

    >>> looks_like("{{Infobox x}}\\n'''X''' is [[Y|y]].<ref>z</ref>\\n==A==\\n") > 0.8
    True
    >>> looks_like("= T =\\n\\nPlain text.\\n==A==\\n") < 0.3
    True
    """
    sample = raw[:20000]
    score = 0.0
    if re.search(r"\[\[[^\[\]\n|]+\|[^\[\]\n]*\]\]|\S\[\[[^\[\]\n]+\]\]", sample):
        score += 0.35  # a piped link, or a link inside a line (TOML's [[table]] is neither)
    if re.search(r"\{\{[^{}\n|]+", sample):
        score += 0.25
    if "'''" in sample:
        score += 0.15
    if re.search(r"<ref[ >/]", sample):
        score += 0.15
    if re.search(r"(?m)^==[^=\n].*==[ \t]*$", sample):
        score += 0.1
    if '"wikilink")' in sample or "](" in sample:
        score -= 0.4
    return max(0.0, min(1.0, score))
