"""Review: fact-checkers mark findings; verdicts persist in SQLite and survive re-runs.

- :mod:`.store`: the SQLite review store (verdicts, append-only history, runs).
- :mod:`.findings`: reading a report folder, and :func:`apply_review`, the hook that carries
  verdicts into a re-run of ``compare``.
- :mod:`.server`: the local review page and its JSON API (standard-library ``http.server``).
- :mod:`.export`: CSV and schema.org ClaimReview JSON-LD.

``docs/review.md`` tells how to review and why it is built this way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .export import (
    ExportError,
    claimreview_items,
    csv_text,
    export_folder,
    write_claimreview,
    write_csv,
)
from .findings import (
    DB_NAME,
    apply_review,
    default_db_path,
    read_report,
    review_sync,
    snapshots_from_report,
)
from .store import (
    FINAL_STATUSES,
    ClaimSnapshot,
    FindingSnapshot,
    InvalidVerdict,
    ReviewError,
    ReviewStore,
    ReviewStoreError,
    Status,
    SyncResult,
    TrackedFinding,
    UnknownFinding,
    Verdict,
)

if TYPE_CHECKING:
    from .server import DEFAULT_PORT, ReviewServer, make_server

#: the server's names, imported when first asked for: ``compare`` applies verdicts without
#: serving, and ``http.server`` costs 40 ms a process
_SERVER_NAMES = frozenset({"DEFAULT_PORT", "ReviewServer", "make_server"})


def __getattr__(name: str) -> Any:
    if name in _SERVER_NAMES:
        from . import server

        return getattr(server, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DB_NAME",
    "DEFAULT_PORT",
    "FINAL_STATUSES",
    "ClaimSnapshot",
    "ExportError",
    "FindingSnapshot",
    "InvalidVerdict",
    "ReviewError",
    "ReviewServer",
    "ReviewStore",
    "ReviewStoreError",
    "Status",
    "SyncResult",
    "TrackedFinding",
    "UnknownFinding",
    "Verdict",
    "apply_review",
    "claimreview_items",
    "csv_text",
    "default_db_path",
    "export_folder",
    "make_server",
    "read_report",
    "review_sync",
    "snapshots_from_report",
    "write_claimreview",
    "write_csv",
]
