"""sourcecompare: compare accounts of the same events across languages and sources.

>>> import sourcecompare
>>> sourcecompare.__version__
'0.1.0'
"""

from __future__ import annotations

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
    "Severity",
    "SourceCompareError",
    "Token",
    "UnitsFileError",
    "UnknownComponent",
    "UnknownFinding",
    "UnknownFormat",
    "__version__",
    "compare",
    "read",
]
