"""Generated topics for the batch tests and benchmark: the bundled corpus's two articles on
Japanese people in North Korea, cut to their first paragraphs, with figures perturbed.

Topic ``i`` changes each figure of its English article with a chance of one in three (a
count by 5-30 %, a year by 1-3), seeded by ``i``, so topics differ and some figures conflict.
Even topics are corpus folders (a ``manifest.toml`` giving tiers); odd ones are two files.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
EN = CORPUS / "en-wiki-japanese-in-north-korea.txt"
ZH = CORPUS / "zh-wiki-japanese-in-north-korea.md"

_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?![\w,]*\d)")

MANIFEST = """\
[[document]]
id = "zh-{i}"
file = "zh.md"
language = "zh"
script = "traditional"
format = "markdown-wiki"
tier = "encyclopedia"

[[document]]
id = "en-{i}"
file = "en.txt"
language = "en"
script = "latin"
format = "wiki-text"
tier = "{tier}"
"""


def head(text: str, chars: int) -> str:
    """The paragraphs of ``text`` that fit in about ``chars`` characters (at least one)."""
    out: list[str] = []
    size = 0
    for para in text.split("\n\n"):
        if out and size + len(para) > chars:
            break
        out.append(para)
        size += len(para) + 2
    return "\n\n".join(out) + "\n"


def perturb(text: str, seed: int) -> str:
    rng = random.Random(seed)

    def change(m: re.Match[str]) -> str:
        raw = m.group(1)
        if rng.random() >= 1 / 3:
            return raw
        n = int(raw.replace(",", ""))
        if 1800 <= n <= 2030 and "," not in raw:
            return str(n + rng.choice((-3, -2, -1, 1, 2, 3)))
        if n < 10:
            return raw
        changed = round(n * (1 + rng.choice((-1, 1)) * rng.uniform(0.05, 0.3)))
        return f"{changed:,}" if "," in raw else str(changed)

    return _NUMBER.sub(change, text)


def make_topics(folder: Path, n: int, *, chars: int = 1800, broken: bool = True) -> Path:
    """Write ``n`` topics under ``folder`` and a ``topics.jsonl`` listing them (and, with
    ``broken``, two more that fail: a missing file and an empty one); return the list."""
    en = head(EN.read_text(encoding="utf-8"), chars)
    zh = head(ZH.read_text(encoding="utf-8"), chars)
    lines: list[str] = []
    for i in range(n):
        tid = f"topic-{i:03d}"
        where = folder / tid
        where.mkdir(parents=True, exist_ok=True)
        (where / "en.txt").write_text(perturb(en, i), encoding="utf-8")
        (where / "zh.md").write_text(zh, encoding="utf-8")
        if i % 2 == 0:
            tier = "peer-reviewed" if i % 4 == 0 else "encyclopedia"
            (where / "manifest.toml").write_text(MANIFEST.format(i=i, tier=tier), encoding="utf-8")
            docs = [tid]
        else:
            docs = [f"{tid}/zh.md", f"{tid}/en.txt"]
        lines.append(json.dumps({"id": tid, "documents": docs}))
    if broken:
        (folder / "empty.txt").write_text("  \n", encoding="utf-8")
        lines.append(
            json.dumps({"id": "broken-missing", "documents": ["nowhere.txt", "topic-001/en.txt"]})
        )
        lines.append(
            json.dumps({"id": "broken-empty", "documents": ["empty.txt", "topic-001/en.txt"]})
        )
    listing = folder / "topics.jsonl"
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return listing
