"""``sourcecompare export REPORT_DIR``: reviewed findings to CSV and ClaimReview JSON-LD.

The command lives with ``review`` (:mod:`sourcecompare.cli.review`); this module gives it the
``add_arguments``/``run`` pair the command table expects.
"""

from __future__ import annotations

from .review import add_export_arguments as add_arguments
from .review import run_export as run

__all__ = ["add_arguments", "run"]
