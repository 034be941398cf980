"""sourcecompare: compare accounts of the same events across languages and sources.

>>> import sourcecompare
>>> sourcecompare.__version__
'0.1.0'
"""

from __future__ import annotations

from .errors import (
    EmptyDocument,
    EncodingError,
    ManifestError,
    NotText,
    ReadError,
    SourceCompareError,
    UnknownComponent,
    UnknownFormat,
)
from .model import (
    Alignment,
    Claim,
    Document,
    Link,
    OffsetMap,
    Paragraph,
    ParagraphKind,
    Sentence,
    Token,
)
from .pipeline import read

__version__ = "0.1.0"

__all__ = [
    "Alignment",
    "Claim",
    "Document",
    "EmptyDocument",
    "EncodingError",
    "Link",
    "ManifestError",
    "NotText",
    "OffsetMap",
    "Paragraph",
    "ParagraphKind",
    "ReadError",
    "Sentence",
    "SourceCompareError",
    "Token",
    "UnknownComponent",
    "UnknownFormat",
    "__version__",
    "read",
]
