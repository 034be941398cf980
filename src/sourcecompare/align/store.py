"""Saved alignments: one JSON file per document pair, written to be reviewed in a diff.

A file holds the two document ids, the settings signature, the mode and unit, and one entry
per link: the unit ids on each side, the score, whether a person reviewed it, and a short
snippet of each side.  A person may edit the links and set ``"reviewed": true`` on a link
(or on the whole file); :func:`merge_reviewed` keeps reviewed links as they are when the
alignment is computed again, and drops the new links that touch their units.

>>> from sourcecompare.model import Alignment, Link
>>> al = Alignment("a", "b", "paragraph", "comparable", (Link((1,), (2,), 3.5),), "sig")
>>> data = to_json(al)
>>> data["links"][0]["source"], data["links"][0]["reviewed"]
([1], False)
>>> from_json(data, "x.json") == al
True
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..errors import AlignmentFileError
from ..model import Alignment, Link

__all__ = ["FORMAT", "file_name", "from_json", "load", "merge_reviewed", "save", "to_json"]

log = logging.getLogger(__name__)

FORMAT = "sourcecompare-alignment/1"
#: characters of each side shown in a link's snippet
SNIPPET = 60


def file_name(source: str, target: str) -> str:
    """The file of a pair: ``SOURCE__TARGET.json``."""
    return f"{source}__{target}.json"


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"


def to_json(
    alignment: Alignment,
    source_text: Callable[[int], str] | None = None,
    target_text: Callable[[int], str] | None = None,
) -> dict[str, Any]:
    """The JSON object of an alignment; ``*_text(unit id)`` give the snippets' texts."""
    links = []
    for link in alignment.links:
        entry: dict[str, Any] = {
            "source": list(link.source),
            "target": list(link.target),
            "score": link.score,
            "reviewed": link.reviewed,
        }
        if source_text is not None:
            entry["source_text"] = " | ".join(_snippet(source_text(k)) for k in link.source)
        if target_text is not None:
            entry["target_text"] = " | ".join(_snippet(target_text(k)) for k in link.target)
        links.append(entry)
    return {
        "format": FORMAT,
        "source": alignment.source,
        "target": alignment.target,
        "unit": alignment.unit,
        "mode": alignment.mode,
        "signature": alignment.signature,
        "links": links,
    }


def _ids(value: object, where: str, path: str) -> tuple[int, ...]:
    if not isinstance(value, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value
    ):
        raise AlignmentFileError(f"{path}: {where} must be a list of unit numbers")
    return tuple(value)


def from_json(data: object, path: str) -> Alignment:
    """An alignment from its JSON object; :class:`AlignmentFileError` names ``path`` if wrong."""
    if not isinstance(data, Mapping):
        raise AlignmentFileError(f"{path}: expected a JSON object")
    fmt = data.get("format")
    if fmt != FORMAT:
        raise AlignmentFileError(f"{path}: format {fmt!r} is not {FORMAT!r}")
    for key in ("source", "target", "unit", "mode", "signature"):
        if not isinstance(data.get(key), str):
            raise AlignmentFileError(f"{path}: {key!r} must be a string")
    all_reviewed = data.get("reviewed", False)
    if not isinstance(all_reviewed, bool):
        raise AlignmentFileError(f"{path}: 'reviewed' must be true or false")
    raw_links = data.get("links")
    if not isinstance(raw_links, list):
        raise AlignmentFileError(f"{path}: 'links' must be a list")
    links = []
    for k, item in enumerate(raw_links):
        where = f"link {k + 1}"
        if not isinstance(item, Mapping):
            raise AlignmentFileError(f"{path}: {where} must be an object")
        score = item.get("score", 0.0)
        if not isinstance(score, int | float) or isinstance(score, bool):
            raise AlignmentFileError(f"{path}: {where}: score must be a number")
        reviewed = item.get("reviewed", False)
        if not isinstance(reviewed, bool):
            raise AlignmentFileError(f"{path}: {where}: reviewed must be true or false")
        source = _ids(item.get("source"), f"{where}: source", path)
        target = _ids(item.get("target"), f"{where}: target", path)
        if not source and not target:
            raise AlignmentFileError(f"{path}: {where} links nothing to nothing")
        links.append(Link(source, target, float(score), reviewed or all_reviewed))
    return Alignment(
        source=str(data["source"]),
        target=str(data["target"]),
        unit=str(data["unit"]),
        mode=str(data["mode"]),
        links=tuple(links),
        signature=str(data["signature"]),
    )


def load(path: str | Path) -> Alignment:
    """Read a saved alignment."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise AlignmentFileError(f"{p}: cannot read: {exc.strerror or exc}") from exc
    except json.JSONDecodeError as exc:
        raise AlignmentFileError(f"{p}: not JSON: line {exc.lineno}: {exc.msg}") from exc
    return from_json(data, str(p))


_NUMBER_LIST = re.compile(r"\[\s*(-?\d+(?:\s*,\s*-?\d+)*)?\s*\]")


def dumps(data: Mapping[str, Any]) -> str:
    """JSON text with one line per link field (unit lists kept on one line), for diffs.

    >>> print(dumps({"links": [{"source": [1, 2], "target": []}]}))
    {
      "links": [
        {
          "source": [1, 2],
          "target": []
        }
      ]
    }
    <BLANKLINE>
    """
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return (
        _NUMBER_LIST.sub(
            lambda m: (
                "[" + ", ".join(x.strip() for x in (m.group(1) or "").split(",") if x.strip()) + "]"
            ),
            text,
        )
        + "\n"
    )


def save(
    alignment: Alignment,
    folder: str | Path,
    source_text: Callable[[int], str] | None = None,
    target_text: Callable[[int], str] | None = None,
) -> Path:
    """Write ``alignment`` to ``folder``, keeping the reviewed links of a file already there."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    path = out / file_name(alignment.source, alignment.target)
    if path.exists():
        alignment = merge_reviewed(alignment, load(path))
    path.write_text(dumps(to_json(alignment, source_text, target_text)), encoding="utf-8")
    log.info("wrote %s", path)
    return path


def merge_reviewed(new: Alignment, old: Alignment) -> Alignment:
    """``new`` with the reviewed links of ``old`` kept as they are.

    A new link that shares a unit with a reviewed link is dropped: the reviewer decided
    about those units.

    >>> old = Alignment("a", "b", "paragraph", "comparable",
    ...                 (Link((1,), (5,), 2.0, reviewed=True), Link((2,), (2,), 9.0)), "s0")
    >>> new = Alignment("a", "b", "paragraph", "comparable",
    ...                 (Link((1,), (4,), 8.0), Link((3,), (3,), 7.0)), "s1")
    >>> [(l.source, l.target, l.reviewed) for l in merge_reviewed(new, old).links]
    [((1,), (5,), True), ((3,), (3,), False)]
    """
    if (new.source, new.target) != (old.source, old.target):
        return new
    kept = [link for link in old.links if link.reviewed]
    if not kept:
        return new
    src = {k for link in kept for k in link.source}
    tgt = {k for link in kept for k in link.target}
    fresh = [link for link in new.links if not (src & set(link.source) or tgt & set(link.target))]
    links = sorted(
        [*kept, *fresh],
        key=lambda link: (
            min(link.source, default=-1),
            min(link.target, default=-1),
        ),
    )
    return Alignment(new.source, new.target, new.unit, new.mode, tuple(links), new.signature)
