"""Saved-page HTML built from a text's paragraphs, for the tests that compare a web page with
its text version (tests/test_compare_formats.py)."""

from __future__ import annotations

from html import escape

from sourcecompare.model import ParagraphKind


def wikipedia_page(title: str, paragraphs) -> str:  # type: ignore[no-untyped-def]
    """A page shaped like one saved from Wikipedia: chrome around ``mw-parser-output``, the
    title as ``h1#firstHeading``, headings as ``h2`` with ``[edit]`` links, list items in
    ``ul``."""
    out = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)} - Wikipedia</title>",
        '<meta name="generator" content="MediaWiki 1.42.0">',
        "</head><body><div id='mw-navigation'><nav role='navigation'><a href='/'>Main page</a>",
        f"</nav></div><h1 id='firstHeading'>{escape(title)}</h1>",
        "<div class='mw-parser-output'>",
    ]
    in_list = False
    for p in paragraphs:
        if p.kind is ParagraphKind.HEADING and p.text == title and not p.section:
            continue
        if in_list and p.kind is not ParagraphKind.LIST_ITEM:
            out.append("</ul>")
            in_list = False
        text = escape(p.text, quote=False)
        if p.kind is ParagraphKind.HEADING:
            out.append(
                f'<div class="mw-heading mw-heading2"><h2>{text}</h2><span class="mw-editsection">'
                '<span class="mw-editsection-bracket">[</span><a href="#">edit</a>'
                '<span class="mw-editsection-bracket">]</span></span></div>'
            )
        elif p.kind is ParagraphKind.LIST_ITEM:
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{text}</li>")
        else:
            out.append(f"<p>{text}\n</p>")
    if in_list:
        out.append("</ul>")
    out.append("</div><div class='printfooter'>Retrieved from Wikipedia</div></body></html>")
    return "\n".join(out)
