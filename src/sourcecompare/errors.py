"""Named exceptions.  Every one that concerns a file names the file.

Every exception class of the package is defined here, so one place lists them all; the
modules that raise them import them from here (and re-export them, so imports from there keep
working).  This module imports nothing from the package, so any module can import it.
"""

from __future__ import annotations

from http import HTTPStatus

__all__ = [
    "AlignmentFileError",
    "BatchError",
    "EmptyDocument",
    "EncodingError",
    "EncryptedPDF",
    "ExportError",
    "FetchError",
    "HTTPProblem",
    "InvalidVerdict",
    "LexiconError",
    "ManifestError",
    "NoMainText",
    "NotText",
    "PageNotFound",
    "ReadError",
    "ReportError",
    "ReviewError",
    "ReviewStoreError",
    "ScannedPDF",
    "SettingsError",
    "SourceCompareError",
    "TooLarge",
    "TopicsError",
    "TruncatedPDF",
    "UnitsFileError",
    "UnknownComponent",
    "UnknownFinding",
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


class SettingsError(SourceCompareError, ValueError):
    """A setting has a value that cannot be used (a weight that is not a number, say)."""


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


class LexiconError(SourceCompareError):
    """A names file is malformed; the message names the file and the line."""

    def __init__(self, path: str, line: int, problem: str) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        super().__init__(f"{path}:{line}: {problem}")


class UnitsFileError(SourceCompareError):
    """The units table is malformed; the message names the line."""


class ReportError(SourceCompareError):
    """A report could not be rendered, written or loaded.

    ``path`` names the file when there is one (``None`` for an inconsistent report value).
    """

    def __init__(self, path: str | None, problem: str) -> None:
        self.path = path
        self.problem = problem
        SourceCompareError.__init__(self, f"{path}: {problem}" if path is not None else problem)


class ReviewError(SourceCompareError):
    """Base class of the errors of the review package."""


class ReviewStoreError(ReviewError):
    """The review database cannot be opened, read or written; ``path`` names it."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        ReviewError.__init__(self, f"{path}: {problem}")


class UnknownFinding(ReviewError, KeyError):
    """A finding id no run recorded in the store has."""

    def __init__(self, finding_id: str) -> None:
        self.finding_id = finding_id
        ReviewError.__init__(self, f"no finding {finding_id!r} in the review store")

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class InvalidVerdict(ReviewError, ValueError):
    """A verdict with an unknown status, or a note or name too long or not text."""


class ExportError(ReviewError):
    """An export file could not be written; ``path`` names it."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        ReviewError.__init__(self, f"{path}: {problem}")


class HTTPProblem(SourceCompareError):
    """A request the review server refuses: an HTTP status and a message for the client.

    The server raises it inside a request handler and turns it into the answer; it never
    reaches a caller.
    """

    def __init__(self, status: HTTPStatus, message: str, allow: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.allow = allow


class ScannedPDF(ReadError):
    """A PDF with no text layer (a scan, or pages of images): OCR is needed before reading it."""


class EncryptedPDF(ReadError):
    """A PDF that is encrypted (password-protected): it must be decrypted before reading it."""


class TruncatedPDF(ReadError):
    """A PDF that is cut short or damaged (an interrupted download, say)."""


class NoMainText(ReadError):
    """A web page in which no main text was found (only navigation, scripts, boilerplate)."""


class TooLarge(ReadError):
    """A document over the size one document may have (:data:`sourcecompare.readers.limits.
    MAX_TEXT_BYTES`): the message names the file, its size and the limit."""


class FetchError(SourceCompareError):
    """An article could not be fetched.  ``title`` names it (``zh:標題``), ``problem`` says why."""

    def __init__(self, title: str, problem: str) -> None:
        self.title = title
        self.problem = problem
        SourceCompareError.__init__(self, f"{title}: {problem}")


class PageNotFound(FetchError):
    """The wiki has no article by that title (HTTP 404, or the API says it is missing)."""


class BatchError(SourceCompareError):
    """A batch cannot run: its output folder cannot hold its state, or an engine it needs
    (pyarrow, dask, duckdb) is not installed; ``path`` names the file when there is one."""

    def __init__(self, path: str | None, problem: str) -> None:
        self.path = path
        self.problem = problem
        SourceCompareError.__init__(self, f"{path}: {problem}" if path is not None else problem)


class TopicsError(BatchError):
    """A topic list is wrong; ``path`` and ``line`` say where (``line`` is ``None`` for the
    file as a whole, ``path`` is ``None`` for topics given as values)."""

    def __init__(self, path: str | None, line: int | None, problem: str) -> None:
        self.line = line
        where = path if path is not None else "<topics>"
        BatchError.__init__(self, f"{where}:{line}" if line is not None else where, problem)
        self.path = path
