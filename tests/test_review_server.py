"""The review server's API: set, change and read back verdicts; refuse bad requests with a 4xx
and keep running; pick up a re-run report."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from sourcecompare.review import ReviewError, ReviewServer, ReviewStore, Status, make_server
from sourcecompare.review.server import BODY_MAX

from .conftest import serving
from .test_review_store import FINDINGS, write_report_dir


@pytest.fixture
def served(tmp_path: Path) -> Iterator[ReviewServer]:
    out = write_report_dir(tmp_path / "out")
    server = make_server(out, port=0, reviewer="default-reviewer", allow_hosts=["review.lan"])
    with serving(server):
        yield server


class Reply:
    def __init__(self, response: http.client.HTTPResponse) -> None:
        self.status = response.status
        self.headers = response.headers
        self.body = response.read()

    def json(self) -> Any:
        assert self.headers["Content-Type"].startswith("application/json")
        return json.loads(self.body)


def request(
    server: ReviewServer,
    method: str,
    path: str,
    body: bytes | str | dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Reply:
    port = server.server_address[1]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    hdrs = {"Host": f"127.0.0.1:{port}"}
    if isinstance(body, dict):
        body = json.dumps(body)
        hdrs["Content-Type"] = "application/json"
    hdrs.update(headers or {})
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for k, v in hdrs.items():
            conn.putheader(k, v)
        data = body.encode() if isinstance(body, str) else body
        if data is not None and "Content-Length" not in hdrs:
            conn.putheader("Content-Length", str(len(data)))
        conn.endheaders(data)
        return Reply(conn.getresponse())
    finally:
        conn.close()


def raw(server: ReviewServer, data: bytes) -> bytes:
    """Send raw bytes; return the whole answer."""
    with socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=10) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def verdict_path(fid: str) -> str:
    return "/api/verdicts/" + quote(fid, safe="")


# ------------------------------------------------------------------ the happy path


def test_the_page(served: ReviewServer) -> None:
    r = request(served, "GET", "/")
    assert r.status == 200
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'nonce-" in csp and "default-src 'none'" in csp
    nonce = csp.split("'nonce-", 1)[1].split("'", 1)[0]
    page = r.body.decode()
    assert f'<script nonce="{nonce}">' in page
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert "6637" not in page  # the page holds no data: it fetches the API
    assert request(served, "GET", "/").headers["Content-Security-Policy"] != csp  # fresh nonce


def test_findings_list(served: ReviewServer) -> None:
    data = request(served, "GET", "/api/findings").json()
    ids = [f["id"] for f in data["findings"]]
    assert ids[0] == "F-conflict" and set(ids) == set(FINDINGS)
    assert all(f["state"] == "current" and f["verdict"] is None for f in data["findings"])
    assert data["progress"] == {"total": 4, "reviewed": 0, "in_progress": 0, "resolved": 0}
    assert [s["shortcut"] for s in data["statuses"]] == ["1", "2", "3", "4", "0"]
    conflict = data["findings"][0]
    assert [c["text"] for c in conflict["claims"]] == ["6637名", "6,836"]


def test_set_change_and_read_back(served: ReviewServer) -> None:
    path = verdict_path("F-conflict")
    r = request(served, "GET", path)
    assert r.status == 200 and r.json() == {"finding": "F-conflict", "verdict": None, "history": []}
    r = request(
        served, "POST", path, {"status": "in-progress", "note": "看一下", "reviewer": "ann"}
    )
    assert r.status == 200
    assert r.json()["verdict"]["status"] == "in-progress"
    r = request(served, "POST", path, {"status": "confirmed-discrepancy", "note": "兩個數字不同"})
    body = r.json()
    assert body["verdict"]["revision"] == 2
    assert body["verdict"]["reviewer"] == "default-reviewer"  # none sent: the server's
    back = request(served, "GET", path).json()
    assert back["verdict"]["note"] == "兩個數字不同"
    assert [h["status"] for h in back["history"]] == ["in-progress", "confirmed-discrepancy"]
    data = request(served, "GET", "/api/findings").json()
    assert data["progress"]["reviewed"] == 1
    assert data["findings"][0]["verdict"]["label"] == "Confirmed discrepancy"
    with ReviewStore.open(served.app.store.path) as other:  # on disk, seen by another connection
        assert other.verdict("F-conflict").status is Status.CONFIRMED


def test_same_origin_posts_and_allowed_hosts_are_accepted(served: ReviewServer) -> None:
    port = served.server_address[1]
    ok = request(
        served, "POST", verdict_path("F-xss"), {"status": "inconclusive"},
        {"Origin": f"http://localhost:{port}", "Host": f"localhost:{port}",
         "Sec-Fetch-Site": "same-origin"},
    )  # fmt: skip
    assert ok.status == 200
    assert request(served, "GET", "/", headers={"Host": "review.lan:80"}).status == 200
    assert request(served, "GET", "/", headers={"Host": f"[::1]:{port}"}).status == 200


def test_concurrent_writes(served: ReviewServer) -> None:
    errors: list[int] = []

    def work(fid: str) -> None:
        for i in range(10):
            r = request(
                served, "POST", verdict_path(fid), {"status": "in-progress", "note": str(i)}
            )
            if r.status != 200:
                errors.append(r.status)

    threads = [threading.Thread(target=work, args=(fid,)) for fid in FINDINGS]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    for fid in FINDINGS:
        assert len(request(served, "GET", verdict_path(fid)).json()["history"]) == 10


def test_a_rerun_report_is_picked_up(served: ReviewServer) -> None:
    request(served, "POST", verdict_path("F-agreement"), {"status": "not-a-discrepancy"})
    request(served, "POST", verdict_path("F-conflict"), {"status": "confirmed-discrepancy"})
    time.sleep(0.01)  # a different modification time
    write_report_dir(served.app.report_dir, ["F-conflict", "F-xss"], signature="sc:rerun")
    data = request(served, "GET", "/api/findings").json()
    state = {
        f["id"]: (f["state"], f["verdict"] and f["verdict"]["status"]) for f in data["findings"]
    }
    assert state == {
        "F-conflict": ("current", "confirmed-discrepancy"),
        "F-xss": ("current", None),
        "F-agreement": ("resolved", "not-a-discrepancy"),
        "F-one-sided": ("resolved", None),
    }
    assert data["progress"] == {"total": 2, "reviewed": 1, "in_progress": 0, "resolved": 2}


# ------------------------------------------------------------------ bad requests


@pytest.mark.parametrize(
    ("body", "ctype", "code", "message"),
    [
        (b"{not json", "application/json", 400, "not JSON"),
        (b"[1, 2]", "application/json", 400, "JSON object"),
        (b'{"status": "confirmed-discrepancy", "x": 1}', "application/json", 400, "unknown field"),
        (b'{"note": "no status"}', "application/json", 400, "'status' is required"),
        (b'{"status": "sure"}', "application/json", 400, "unknown status"),
        (b'{"status": "inconclusive", "note": 5}', "application/json", 400, "must be text"),
        (b'{"status": "inconclusive", "note": "\\ud800"}', "application/json", 400, "Unicode"),
        (b'{"status": "inconclusive", "reviewer": []}', "application/json", 400, "must be text"),
        (b"\xff\xfe{}", "application/json", 400, "not UTF-8"),
        (b"[" * 20000 + b"]" * 20000, "application/json", 400, "nested"),
        (b'{"status": "inconclusive"}', "text/plain", 415, "application/json"),
        (b'{"status": "inconclusive"}', "application/json; charset=latin-1", 415, "UTF-8"),
        (b'{"status": "inconclusive"}', "application/x-www-form-urlencoded", 415, "json"),
    ],
)
def test_bad_bodies(served: ReviewServer, body: bytes, ctype: str, code: int, message: str) -> None:
    r = request(served, "POST", verdict_path("F-conflict"), body, {"Content-Type": ctype})
    assert r.status == code
    assert message in r.json()["error"]
    assert request(served, "GET", verdict_path("F-conflict")).json()["history"] == []


def test_note_too_long(served: ReviewServer) -> None:
    r = request(served, "POST", verdict_path("F-conflict"), {"status": "inconclusive",
                                                              "note": "x" * 10_001})  # fmt: skip
    assert r.status == 400 and "longer than" in r.json()["error"]


def test_oversized_bodies(served: ReviewServer) -> None:
    big = json.dumps({"status": "inconclusive", "note": "x" * (BODY_MAX + 10)})
    r = request(served, "POST", verdict_path("F-conflict"), big,
                {"Content-Type": "application/json"})  # fmt: skip
    assert r.status == 413
    # a length that lies far beyond what is sent: answered at once, not read
    r = request(served, "POST", verdict_path("F-conflict"), b"{}",
                {"Content-Type": "application/json", "Content-Length": str(10**12)})  # fmt: skip
    assert r.status == 413


# lenient forms int() would take are refused too: Content-Length is digits only
@pytest.mark.parametrize("length", ["abc", "-5", "+2", "0_2", "0x2", "2.0", "9" * 40])
def test_bad_lengths(served: ReviewServer, length: str) -> None:
    port = served.server_address[1]
    answer = raw(
        served,
        f"POST /api/verdicts/F-conflict HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n{{}}".encode(),
    )
    assert answer.startswith(b"HTTP/1.0 400")


def test_two_lengths_or_two_hosts_are_refused(served: ReviewServer) -> None:
    port = served.server_address[1]
    head = "POST /api/verdicts/F-conflict HTTP/1.1\r\nContent-Type: application/json\r\n"
    body = '{"status": "inconclusive"}'
    two_lengths = raw(
        served,
        f"{head}Host: 127.0.0.1:{port}\r\nContent-Length: {len(body)}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n{body}".encode(),
    )
    assert two_lengths.startswith(b"HTTP/1.0 400") and b"one Content-Length" in two_lengths
    two_hosts = raw(
        served,
        f"{head}Host: 127.0.0.1:{port}\r\nHost: evil.example\r\n"
        f"Content-Length: {len(body)}\r\n\r\n{body}".encode(),
    )
    assert two_hosts.startswith(b"HTTP/1.0 400") and b"one Host" in two_hosts


def test_a_huge_integer_in_the_body_is_a_400(served: ReviewServer) -> None:
    body = '{"status": "inconclusive", "note": ' + "9" * 5000 + "}"
    r = request(served, "POST", verdict_path("F-conflict"), body,
                {"Content-Type": "application/json"})  # fmt: skip
    assert r.status == 400 and "too long" in r.json()["error"]


def test_the_listen_backlog_takes_a_burst(served: ReviewServer) -> None:
    assert served.request_queue_size >= 128


def test_a_body_shorter_than_its_length(served: ReviewServer) -> None:
    port = served.server_address[1]
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(
            f"POST /api/verdicts/F-conflict HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{}".encode()
        )
        sock.shutdown(socket.SHUT_WR)
        assert sock.recv(65536).startswith(b"HTTP/1.0 400")


def test_missing_length_and_chunks(served: ReviewServer) -> None:
    port = served.server_address[1]
    no_length = raw(
        served,
        f"POST /api/verdicts/F-conflict HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        "Content-Type: application/json\r\nConnection: close\r\n\r\n".encode(),
    )
    assert no_length.startswith(b"HTTP/1.0 411")
    chunked = raw(
        served,
        f"POST /api/verdicts/F-conflict HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n".encode(),
    )
    assert chunked.startswith(b"HTTP/1.0 411")


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:8737", "127.0.0.1.evil.example", "localhost.evil"]
)
def test_foreign_hosts_are_refused(served: ReviewServer, host: str) -> None:
    for method, body in (("GET", None), ("POST", {"status": "inconclusive"})):
        r = request(served, method, verdict_path("F-conflict"), body, {"Host": host})
        assert r.status == 403
    assert request(served, "GET", "/", headers={"Host": host}).status == 403
    assert request(served, "GET", "/api/findings", headers={"Host": host}).status == 403


def test_no_host_header(served: ReviewServer) -> None:
    assert raw(served, b"GET /api/findings HTTP/1.0\r\n\r\n").startswith(b"HTTP/1.0 400")


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "http://127.0.0.1:1"},  # another local site
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ],
)
def test_cross_site_posts_are_refused(served: ReviewServer, headers: dict[str, str]) -> None:
    r = request(served, "POST", verdict_path("F-conflict"), {"status": "inconclusive"}, headers)
    assert r.status == 403
    assert request(served, "GET", verdict_path("F-conflict")).json()["verdict"] is None


def test_unknown_things(served: ReviewServer) -> None:
    assert request(served, "GET", "/nope").status == 404
    assert request(served, "GET", "/api/verdicts/").status == 404
    r = request(served, "GET", verdict_path("F-nope"))
    assert r.status == 404 and "F-nope" in r.json()["error"]
    assert request(served, "POST", verdict_path("F-nope"), {"status": "inconclusive"}).status == 404
    assert request(served, "GET", "/api/verdicts/%ff%fe").status == 400
    r = request(served, "GET", "/api/verdicts/" + quote("<script>", safe=""))
    assert r.status == 404 and r.headers["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "BREW"])
def test_other_methods(served: ReviewServer, method: str) -> None:
    r = request(served, method, verdict_path("F-conflict"))
    assert r.status == 405
    assert r.headers["Allow"] == "GET, POST"
    assert request(served, "POST", "/api/findings", {"status": "x"}).status == 405


def test_malformed_requests_and_the_server_keeps_running(served: ReviewServer) -> None:
    assert raw(served, b"\x16\x03\x01\x02\x00garbage\r\n\r\n").split(b" ")[1] == b"400"
    assert raw(served, b"GET / HTTP/9.9\r\n\r\n").split(b" ")[1] in (b"400", b"505")
    long_url = b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n"
    assert raw(served, long_url).split(b" ")[1] == b"414"
    many = b"GET / HTTP/1.1\r\n" + b"X-A: b\r\n" * 200 + b"\r\n"
    assert raw(served, many).split(b" ")[1] == b"431"
    # a client that connects and sends nothing does not block the others
    with socket.create_connection(("127.0.0.1", served.server_address[1]), timeout=10):
        assert request(served, "GET", "/api/findings").status == 200
    assert request(served, "GET", "/api/findings").status == 200


def test_startup_errors(tmp_path: Path) -> None:
    with pytest.raises(ReviewError, match="no report here"):
        make_server(tmp_path, port=0)
    assert not (tmp_path / "review.sqlite").exists()  # no store beside a non-report
    out = write_report_dir(tmp_path / "out")
    first = make_server(out, port=0)
    try:
        with pytest.raises(ReviewError, match="cannot listen"):
            make_server(out, port=first.server_address[1])
    finally:
        first.server_close()
