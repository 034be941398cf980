"""Named exceptions.  Every one that concerns a file names the file."""

from __future__ import annotations

__all__ = [
    "AlignmentFileError",
    "EmptyDocument",
    "EncodingError",
    "ManifestError",
    "NotText",
    "ReadError",
    "SourceCompareError",
    "UnknownComponent",
    "UnknownFormat",
]


class SourceCompareError(Exception):
    """Base class of every error sourcecompare raises on purpose."""


class UnknownComponent(SourceCompareError, ValueError):
    """A component (format, scorer, mode...) was asked for by a name nobody registered.

    The message lists the valid names.
    """

    def __init__(self, kind: str, name: str, valid: list[str] | tuple[str, ...]) -> None:
        self.kind = kind
        self.name = name
        self.valid = tuple(sorted(valid))
        SourceCompareError.__init__(
            self, f"unknown {kind} {name!r}; valid {kind}s: {', '.join(self.valid)}"
        )


class ReadError(SourceCompareError):
    """A document could not be read.  ``path`` names the file."""

    def __init__(self, path: str | None, problem: str) -> None:
        self.path = path
        self.problem = problem
        where = path if path is not None else "<text>"
        SourceCompareError.__init__(self, f"{where}: {problem}")


class UnknownFormat(ReadError, UnknownComponent):
    """A format name that no reader handles."""

    def __init__(self, path: str | None, name: str, valid: list[str] | tuple[str, ...]) -> None:
        self.kind = "format"
        self.name = name
        self.valid = tuple(sorted(valid))
        ReadError.__init__(
            self, path, f"unknown format {name!r}; valid formats: {', '.join(self.valid)}"
        )


class EmptyDocument(ReadError):
    """The file holds no text (empty, or only whitespace)."""


class NotText(ReadError):
    """The file is binary, not text."""


class EncodingError(ReadError):
    """The bytes are not valid in the declared (or any detected) encoding."""


class ManifestError(SourceCompareError):
    """A corpus manifest is wrong; ``path`` and ``line`` say where."""

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}:{line}" if line is not None else path
        SourceCompareError.__init__(self, f"{where}: {problem}")


class AlignmentFileError(SourceCompareError):
    """A saved alignment file is malformed; the message names the file."""
