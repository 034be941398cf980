"""sourcecompare: compare accounts of the same events across languages and sources.

>>> import sourcecompare
>>> sourcecompare.__version__
'0.1.0'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._version import __version__
from .compare import compare
from .errors import (
    AlignmentFileError,
    EmptyDocument,
    EncodingError,
    ExportError,
    InvalidVerdict,
    LexiconError,
    ManifestError,
    NotText,
    ReadError,
    ReportError,
    ReviewError,
    ReviewStoreError,
    SourceCompareError,
    UnitsFileError,
    UnknownComponent,
    UnknownFinding,
    UnknownFormat,
)
from .model import (
    Alignment,
    Claim,
    Document,
    Finding,
    Link,
    OffsetMap,
    Paragraph,
    ParagraphKind,
    Relation,
    Report,
    Sentence,
    Severity,
    Token,
)
from .pipeline import read
from .settings import Settings

if TYPE_CHECKING:
    from .batch import compare_many

__all__ = [
    "Alignment",
    "AlignmentFileError",
    "Claim",
    "Document",
    "EmptyDocument",
    "EncodingError",
    "ExportError",
    "Finding",
    "InvalidVerdict",
    "LexiconError",
    "Link",
    "ManifestError",
    "NotText",
    "OffsetMap",
    "Paragraph",
    "ParagraphKind",
    "ReadError",
    "Relation",
    "Report",
    "ReportError",
    "ReviewError",
    "ReviewStoreError",
    "Sentence",
    "Settings",
    "Severity",
    "SourceCompareError",
    "Token",
    "UnitsFileError",
    "UnknownComponent",
    "UnknownFinding",
    "UnknownFormat",
    "__version__",
    "compare",
    "compare_many",
    "read",
]


def __getattr__(name: str) -> object:
    """``compare_many`` is imported on first use (the batch package is not needed to compare)."""
    if name == "compare_many":
        from .batch import compare_many

        return compare_many
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
