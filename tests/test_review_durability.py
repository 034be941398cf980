"""Durability: the review server is killed with SIGKILL in the middle of writes, many times.

Every verdict the server acknowledged (answered 200) must still be in the store, exactly, and
the database must pass ``PRAGMA integrity_check``; each new round starts a server on the same
database, so it also recovers after every kill.  The rounds are bounded (count and time) to
keep the test within about 30 seconds.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sourcecompare.review import ReviewStore, Status

from .test_review_store import FINDINGS, write_report_dir

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

ROUNDS = 12
WRITERS = 4
TIME_LIMIT = 40.0  # seconds for all rounds together
STATUSES = [s.value for s in Status]

Ack = tuple[str, int, str, str]  # finding, revision, status, note


def _start(report_dir: Path, db: Path) -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "sourcecompare", "review", str(report_dir),
         "--port", "0", "--no-browser", "--db", str(db), "--reviewer", "durability"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "200"},
    )  # fmt: skip
    assert proc.stdout is not None
    port: list[int] = []

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if m:
                port.append(int(m.group(1)))
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(15)
    if not port:
        proc.kill()
        proc.wait()
        pytest.fail("the review server did not start")
    return proc, port[0]


def _writer(
    port: int, seed: int, stop: threading.Event, acked: list[Ack], wrong: list[str]
) -> None:
    rng = random.Random(seed)
    ids = list(FINDINGS)
    i = 0
    while not stop.is_set():
        fid = rng.choice(ids)
        note = f"w{seed}-{i} 記錄 " + "x" * rng.randint(0, 2000)
        status = rng.choice(STATUSES)
        i += 1
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request(
                "POST", f"/api/verdicts/{fid}",
                body=json.dumps({"status": status, "note": note}),
                headers={"Content-Type": "application/json"},
            )  # fmt: skip
            response = conn.getresponse()
            body = response.read()
            conn.close()
        except (OSError, http.client.HTTPException):
            return  # the server is gone: this write was not acknowledged
        if response.status == 200:
            verdict = json.loads(body)["verdict"]
            if (verdict["note"], verdict["status"]) != (note, status):
                wrong.append(f"{fid}: acknowledged {verdict} for {status} {note[:20]}")
            acked.append((fid, verdict["revision"], status, note))
        else:
            wrong.append(f"{fid}: HTTP {response.status} {body[:200]!r}")


def test_sigkill_during_writes_loses_no_acknowledged_verdict(tmp_path: Path) -> None:
    report_dir = write_report_dir(tmp_path / "out")
    db = tmp_path / "review.sqlite"
    acked: list[Ack] = []
    wrong: list[str] = []
    rng = random.Random(20240501)
    started = time.monotonic()
    rounds = 0
    while rounds < ROUNDS and time.monotonic() - started < TIME_LIMIT:
        proc, port = _start(report_dir, db)
        stop = threading.Event()
        before = len(acked)
        writers = [
            threading.Thread(target=_writer, args=(port, rounds * 100 + k, stop, acked, wrong))
            for k in range(WRITERS)
        ]
        for w in writers:
            w.start()
        time.sleep(rng.uniform(0.15, 0.6))
        proc.send_signal(signal.SIGKILL)  # in the middle of writes
        proc.wait(10)
        stop.set()
        for w in writers:
            w.join(10)
        assert len(acked) > before, f"round {rounds}: no write was acknowledged"
        rounds += 1
    assert rounds >= 5
    assert not wrong, wrong[:5]

    db_conn = sqlite3.connect(db)
    try:
        assert db_conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = set(db_conn.execute("SELECT finding, revision, status, note FROM history"))
    finally:
        db_conn.close()
    missing = [a for a in acked if a not in rows]
    assert not missing, f"{len(missing)} of {len(acked)} acknowledged verdicts were lost"
    # revisions of each finding run 1, 2, 3... with no gap or duplicate
    with ReviewStore.open(db) as store:
        for fid in FINDINGS:
            revisions = [v.revision for v in store.history(fid)]
            assert revisions == list(range(1, len(revisions) + 1))
            latest = max((a[1] for a in acked if a[0] == fid), default=0)
            current = store.verdict(fid)
            assert (current.revision if current else 0) >= latest
        assert store.integrity_check() == "ok"
