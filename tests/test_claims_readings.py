"""The pattern readings kept in the resource cache (``claims/readings.py``): what a later
process takes from the table is what it would read itself, and it reads nothing anew."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from sourcecompare import resources
from sourcecompare.claims import prefilter, readings, starts

from .conftest import ROOT

#: extracts the corpus's claims; prints how many patterns it read itself
_EXTRACT = """
from pathlib import Path
from sourcecompare.claims import extract_claims, prefilter, starts
from sourcecompare.pipeline import read_many
reads = [0]
def counted(real):
    def read(pattern):
        reads[0] += 1
        return real(pattern)
    return read
prefilter._needs = counted(prefilter._needs)
starts._first_class = counted(starts._first_class)
starts._lead_of = counted(starts._lead_of)
starts._narrowing = counted(starts._narrowing)
for doc in read_many([Path("corpus")]):
    extract_claims(doc)
print(reads[0])
"""


def _extract(cache: Path) -> int:
    env = {**os.environ, resources.ENV_VAR: str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", _EXTRACT], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout)


def test_a_later_process_reads_no_pattern_and_gets_the_same_readings(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _extract(cache)
    assert first > 50  # the extractors' patterns, read by the first process
    assert _extract(cache) == 0  # the second takes every reading from the table
    os.environ[resources.ENV_VAR], before = str(cache), os.environ.get(resources.ENV_VAR)
    try:
        table = resources.load("pattern-readings", readings._key())
    finally:
        if before is None:
            del os.environ[resources.ENV_VAR]
        else:
            os.environ[resources.ENV_VAR] = before
    assert isinstance(table, dict) and len(table) == first
    # the patterns made here, as in the extracting process: the word lists they are written
    # with are known to the reader (wordlist.as_plain) once the pattern has been made
    from sourcecompare.claims import extract_claims
    from sourcecompare.pipeline import read_many

    for doc in read_many([ROOT / "corpus"]):
        extract_claims(doc)
    for entry, data in table.items():
        kind, flags, source = entry.split("\x00", 2)
        pattern = re.compile(source, int(flags))
        if kind == "needs":
            assert prefilter._needs_of(data) == prefilter._needs(pattern), source[:80]
        elif kind == "lead":
            fresh_lead = starts._lead_of(pattern)
            assert (None if data is None else (data[0], data[1])) == fresh_lead, source[:80]
        elif kind == "narrowing":
            narrowed = starts._narrowing(pattern)
            assert (None if data is None else tuple(data)) == narrowed, source[:80]
        else:
            assert kind == "first", entry[:80]
            fresh = starts._first_class(pattern)
            taken = None if data is None else re.compile(data[0], data[1])
            assert (taken and (taken.pattern, taken.flags)) == (
                fresh and (fresh.pattern, fresh.flags)
            ), source[:80]
