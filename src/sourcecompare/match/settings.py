"""The matcher's weights and thresholds (part of the report's signature)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CompareSettings"]


@dataclass(frozen=True)
class CompareSettings:
    """Weights and thresholds of the matcher.

    A candidate pair's score adds up its evidence (see :mod:`sourcecompare.match.candidates`):
    the attribute (``w_attribute``; a disagreeing one counts against), the counted noun, the
    shared context (near keys weigh ``near_share``, the rest of the sentence the rest; rare keys
    weigh more), the closeness of the figures times their specificity, aligned paragraphs, the
    same unit, and a figure each side states once (``w_unique``); figures about different
    years (``w_anchor``) and a number the other document writes elsewhere (``w_echo``) count
    against.  Pairs scoring ``threshold`` or more are the same fact.

    A conflict needs *strong* evidence: the governing attribute agrees (read near both
    figures, or only in their sentences when the figure is at least ``telling_figure``
    telling), or the same counted noun with ``strong_context`` of shared context, or
    ``same_sentence`` of shared context in aligned paragraphs.  Without it the pair is only a
    *possible* conflict.  ``attribute_files`` add rows to the bundled attribute lexicon.
    """

    w_attribute: float = 0.3
    w_noun: float = 0.25
    w_context: float = 0.35
    w_closeness: float = 0.3
    w_aligned: float = 0.15
    w_unit: float = 0.05
    w_unique: float = 0.25
    w_echo: float = 0.2
    w_anchor: float = 0.4
    threshold: float = 0.42
    near_share: float = 0.5
    min_context: float = 0.05
    strong_context: float = 0.2
    telling_figure: float = 0.5
    same_sentence: float = 0.5
    attribute_files: tuple[str, ...] = ()

    def signature(self) -> str:
        files = f"|attributes+{len(self.attribute_files)}" if self.attribute_files else ""
        return (
            f"match:attr={self.w_attribute}+noun={self.w_noun}+ctx={self.w_context}"
            f"+close*spec={self.w_closeness}+aligned={self.w_aligned}+unit={self.w_unit}"
            f"+unique={self.w_unique}-anchor={self.w_anchor}-echo={self.w_echo}"
            f"|near={self.near_share}"
            f"|min-ctx={self.min_context}|strong-ctx={self.strong_context}"
            f"|telling={self.telling_figure}|same-sentence={self.same_sentence}"
            f"|threshold={self.threshold}{files}"
        )
