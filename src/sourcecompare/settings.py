"""The settings of a comparison as one tree, and the one signature that names them.

As sacrebleu's ``Signature``: each stage owns its part of the settings and says its own part
of the signature; :class:`Settings` holds the parts and joins their signatures.  A report's
signature is the settings that produced it, not the data of one document pair (the links an
alignment adds to the lexicon stay in that alignment's own signature).

>>> Settings().signature()  # doctest: +ELLIPSIS
'sourcecompare:...|opencc:hk2s|seg:rjieba|...|align:auto|unit:paragraph|lex:cedict+names:...|match:...'
>>> Settings(align=AlignSettings(mode="diagonal"))  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
sourcecompare.errors.UnknownComponent: unknown mode 'diagonal'; valid modes: ...
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .match.settings import CompareSettings
from .script import DEFAULT_CONFIG
from .segment import DEFAULT_SEGMENTER

__all__ = ["AlignSettings", "CompareSettings", "SegmentSettings", "Settings", "run_settings"]


@dataclass(frozen=True)
class SegmentSettings:
    """How paragraphs are normalised (the OpenCC configuration) and cut into words."""

    config: str = DEFAULT_CONFIG
    segmenter: str = DEFAULT_SEGMENTER

    def __post_init__(self) -> None:
        # an unknown name fails here, listing the valid ones, not halfway through a run
        self.signature()

    def signature(self) -> str:
        from .segment import signature

        return signature(config=self.config, segmenter=self.segmenter)


@dataclass(frozen=True)
class AlignSettings:
    """How every pair of documents is aligned: the mode (``None`` or ``auto``: chosen per
    pair from the texts) and the unit."""

    mode: str | None = None
    unit: str = "paragraph"

    def __post_init__(self) -> None:
        from .align import UNITS
        from .align.modes import check_mode
        from .errors import UnknownComponent

        check_mode(self.mode or "auto")
        if self.unit not in UNITS:
            raise UnknownComponent("unit", self.unit, list(UNITS))

    def signature(self) -> str:
        from .align import VERSION
        from .lexicon import default

        return f"align:{self.mode or 'auto'}|unit:{self.unit}|lex:{default().signature}|v:{VERSION}"


@dataclass(frozen=True)
class Settings:
    """Every setting of a comparison: segmentation, alignment and matching."""

    segment: SegmentSettings = field(default_factory=SegmentSettings)
    align: AlignSettings = field(default_factory=AlignSettings)
    match: CompareSettings = field(default_factory=CompareSettings)

    def signature(self) -> str:
        """The settings signature of a report: the version and each part's own signature."""
        from ._version import __version__

        return (
            f"sourcecompare:{__version__}|{self.segment.signature()}"
            f"|{self.align.signature()}|{self.match.signature()}"
        )


def run_settings(
    mode: str | None = None, settings: Settings | CompareSettings | None = None
) -> Settings:
    """The settings tree of a run, as :func:`sourcecompare.compare` and a batch take it:
    ``settings`` (the tree, or its matching part with the other parts at their defaults) with
    ``mode``, when given, as the alignment mode of every pair."""
    if settings is None:
        tree = Settings()
    elif isinstance(settings, CompareSettings):
        tree = Settings(match=settings)
    else:
        tree = settings
    if mode is not None:
        tree = replace(tree, align=AlignSettings(mode=mode, unit=tree.align.unit))
    return tree
