"""The local review web page and its JSON API, on the standard library's ``http.server``.

Routes:

- ``GET /``: the review page (one self-contained HTML file; it renders findings from the API).
- ``GET /report.html``: the report folder's ``report.html``, so the page can link into it (a
  finding, a paragraph in the side-by-side view); its own inline policy still applies.
- ``GET /api/findings``: every finding the store knows, with its verdict, and the statuses.
- ``GET /api/verdicts/<id>``: a finding's verdict and history.
- ``POST /api/verdicts/<id>``: set it from ``{"status": ..., "note": ..., "reviewer": ...}``
  (``Content-Type: application/json``); answers once the verdict is committed to disk.

Safety: the server binds 127.0.0.1 unless told otherwise; a request whose ``Host`` is not a
loopback name (or one allowed with ``allow_hosts``) gets 403, which defeats DNS rebinding, and
a ``POST`` from another origin gets 403.  Bodies over :data:`BODY_MAX` bytes get 413, bodies
that are not JSON or not a verdict 400, other content types 415, unknown paths 404, other
methods 405; an error in one request never stops the server.  The page sets every piece of
text with ``textContent`` and runs under a strict Content-Security-Policy.

>>> _host_name("127.0.0.1:8737"), _host_name("[::1]:80"), _host_name("LocalHost")
('127.0.0.1', '::1', 'localhost')
"""

from __future__ import annotations

import getpass
import json
import logging
import os
import re
import secrets
import socket
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..errors import HTTPProblem
from .findings import ReportData, default_db_path, read_report
from .page import page_html
from .store import (
    FINAL_STATUSES,
    InvalidVerdict,
    ReviewError,
    ReviewStore,
    ReviewStoreError,
    Status,
    TrackedFinding,
    UnknownFinding,
)

__all__ = ["BODY_MAX", "DEFAULT_PORT", "LOOPBACK_NAMES", "ReviewApp", "ReviewServer", "make_server"]

logger = logging.getLogger(__name__)

DEFAULT_PORT = 8737
#: largest request body accepted (bytes); a verdict is far smaller
BODY_MAX = 64 * 1024
#: seconds a connection may take to send its request
REQUEST_TIMEOUT = 15.0
LOOPBACK_NAMES: frozenset[str] = frozenset({"localhost", "127.0.0.1", "::1"})

#: keyboard shortcut of each status on the page
SHORTCUTS: dict[Status, str] = {
    Status.CONFIRMED: "1",
    Status.NOT_DISCREPANCY: "2",
    Status.INCONCLUSIVE: "3",
    Status.IN_PROGRESS: "4",
    Status.UNREVIEWED: "0",
}
_VERDICT_KEYS = frozenset({"status", "note", "reviewer"})


def _host_name(header: str) -> str:
    """The host name of a ``Host`` header, lower case, without port or IPv6 brackets."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1:].split("]", 1)[0]
    if value.count(":") == 1:
        return value.split(":", 1)[0]
    return value


@dataclass
class ReviewApp:
    """What the request handlers share: the store, the report folder, the settings."""

    store: ReviewStore
    report_dir: Path
    reviewer: str = ""
    allow_hosts: frozenset[str] = field(default_factory=frozenset)
    _report: ReportData | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def refresh(self) -> ReportData:
        """Read ``report.json`` again if it changed (``compare`` re-run), recording its
        findings in the store; otherwise the copy read before."""
        with self._lock:
            report = self._report
            try:
                st = (self.report_dir / "report.json").stat()
                stamp = (st.st_mtime_ns, st.st_size)
            except OSError:
                stamp = None
            if report is None or (stamp is not None and stamp != report.stamp):
                try:
                    fresh = read_report(self.report_dir)
                except ReviewError:
                    if report is None:
                        raise
                    logger.warning("report.json changed but cannot be read; showing the old one")
                    return report
                self.store.sync_findings(fresh.findings, fresh.signature)
                self._report = report = fresh
            return report

    def findings_payload(self) -> dict[str, Any]:
        report = self.refresh()
        tracked = self.store.tracked()  # the report's order (conflicts first), resolved last
        current = [t for t in tracked if t.current]
        return {
            "report": {"path": str(report.path), "signature": report.signature},
            "reviewer": self.reviewer,
            "statuses": [
                {
                    "key": s.value,
                    "label": s.label,
                    "shortcut": SHORTCUTS[s],
                    "final": s in FINAL_STATUSES,
                }
                for s in (
                    Status.CONFIRMED,
                    Status.NOT_DISCREPANCY,
                    Status.INCONCLUSIVE,
                    Status.IN_PROGRESS,
                    Status.UNREVIEWED,
                )
            ],
            "progress": {
                "total": len(current),
                "reviewed": sum(1 for t in current if t.status in FINAL_STATUSES),
                "in_progress": sum(1 for t in current if t.status is Status.IN_PROGRESS),
                "resolved": len(tracked) - len(current),
            },
            "findings": [_finding_json(t) for t in tracked],
        }

    def verdict_payload(self, finding_id: str) -> dict[str, Any]:
        verdict = self.store.verdict(finding_id)
        return {
            "finding": finding_id,
            "verdict": verdict.to_dict() if verdict else None,
            "history": [v.to_dict() for v in self.store.history(finding_id)],
        }


def _finding_json(t: TrackedFinding) -> dict[str, Any]:
    data = t.snapshot.to_dict()
    data["state"] = "current" if t.current else "resolved"
    data["verdict"] = t.verdict.to_dict() if t.verdict else None
    return data


class _Handler(BaseHTTPRequestHandler):
    server: ReviewServer
    server_version = "sourcecompare-review"
    sys_version = ""
    protocol_version = "HTTP/1.0"
    timeout = REQUEST_TIMEOUT

    # -------------------------------------------------------------- plumbing

    def log_message(self, format: str, *args: Any) -> None:
        logger.info("%s %s", self.address_string(), format % args)

    def __getattr__(self, name: str) -> Any:
        # ``do_PUT``, ``do_DELETE``... and any other method: 405, not http.server's 501.
        if name.startswith("do_"):
            return self._other_method
        raise AttributeError(name)

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        if self.request_version == "HTTP/0.9":
            self.send_error(HTTPStatus.BAD_REQUEST, "HTTP/0.9 is not supported")
            return False
        return True

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # http.server's own refusals (bad request line, header too long...): JSON like ours,
        # always with a status line (a request line it cannot read leaves it at HTTP/0.9).
        if getattr(self, "request_version", "HTTP/0.9") == "HTTP/0.9":
            self.request_version = "HTTP/1.0"
        try:
            status = HTTPStatus(code)
        except ValueError:
            status = HTTPStatus.BAD_REQUEST
        self._send_json(status, {"error": message or status.phrase})

    def _headers(self, status: HTTPStatus, content_type: str, length: int) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.send_header("Connection", "close")

    def _send_json(
        self, status: HTTPStatus, payload: Any, extra: Iterable[tuple[str, str]] = ()
    ) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self._headers(status, "application/json; charset=utf-8", len(body))
        self.send_header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _send_page(self) -> None:
        nonce = secrets.token_urlsafe(18)
        body = page_html(nonce).encode("utf-8")
        self._headers(HTTPStatus.OK, "text/html; charset=utf-8", len(body))
        self.send_header(
            "Content-Security-Policy",
            f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
            "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'",
        )
        self.end_headers()
        self.wfile.write(body)

    def _send_report(self, path: Path) -> None:
        try:
            body = path.read_bytes()
        except OSError:
            raise HTTPProblem(HTTPStatus.NOT_FOUND, "no report.html in the folder") from None
        self._headers(HTTPStatus.OK, "text/html; charset=utf-8", len(body))
        # the page carries its own policy (scripts and styles by hash); this one adds the rest
        self.send_header(
            "Content-Security-Policy",
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        )
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _fail(self, problem: HTTPProblem) -> None:
        extra = [("Allow", problem.allow)] if problem.allow else []
        self._send_json(problem.status, {"error": problem.message}, extra)

    # -------------------------------------------------------------- checks

    def _check_host(self) -> None:
        hosts = self.headers.get_all("Host") or []
        if len(hosts) > 1:
            raise HTTPProblem(HTTPStatus.BAD_REQUEST, "send one Host header, not several")
        header = hosts[0] if hosts else ""
        if not header:
            raise HTTPProblem(HTTPStatus.BAD_REQUEST, "a Host header is required")
        if _host_name(header) not in self.server.allowed_hosts:
            raise HTTPProblem(
                HTTPStatus.FORBIDDEN,
                "this review server answers only requests for a local host name (see --allow-host)",
            )

    def _check_origin(self) -> None:
        origin = self.headers.get("Origin")
        if origin is not None:
            parts = urlsplit(origin)
            try:
                port = parts.port or 80
            except ValueError:
                port = -1
            if (
                parts.scheme != "http"
                or (parts.hostname or "") not in self.server.allowed_hosts
                or port != self.server.server_address[1]
            ):
                raise HTTPProblem(HTTPStatus.FORBIDDEN, "requests from other sites are refused")
        if self.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
            raise HTTPProblem(HTTPStatus.FORBIDDEN, "requests from other sites are refused")

    def _route(self) -> tuple[str, str | None]:
        """``("page" | "report" | "findings" | "verdict", finding id)``; 404 for anything
        else."""
        path = urlsplit(self.path).path
        if path == "/":
            return "page", None
        if path == "/report.html":
            return "report", None
        if path == "/api/findings":
            return "findings", None
        prefix = "/api/verdicts/"
        if path.startswith(prefix) and len(path) > len(prefix):
            try:
                finding = unquote(path[len(prefix) :], errors="strict")
            except UnicodeDecodeError:
                raise HTTPProblem(HTTPStatus.BAD_REQUEST, "the finding id is not UTF-8") from None
            return "verdict", finding
        raise HTTPProblem(HTTPStatus.NOT_FOUND, "no such page")

    def _body(self) -> dict[str, Any]:
        if self.headers.get("Transfer-Encoding"):
            raise HTTPProblem(HTTPStatus.LENGTH_REQUIRED, "send a Content-Length, not chunks")
        lengths = self.headers.get_all("Content-Length") or []
        if not lengths:
            raise HTTPProblem(HTTPStatus.LENGTH_REQUIRED, "a Content-Length header is required")
        if len(lengths) > 1:
            raise HTTPProblem(HTTPStatus.BAD_REQUEST, "send one Content-Length, not several")
        # RFC 9110: 1*DIGIT, nothing else ("+25", "2_5", " 25 " and "0x19" are refused)
        if not _LENGTH.fullmatch(lengths[0]):
            raise HTTPProblem(HTTPStatus.BAD_REQUEST, "Content-Length must be digits only")
        length = int(lengths[0])
        if length > BODY_MAX:
            self._discard(length)
            raise HTTPProblem(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the body is larger than {BODY_MAX} bytes"
            )
        ctype = self.headers.get("Content-Type", "")
        mime, _, params = ctype.partition(";")
        charset = params.strip().lower().removeprefix("charset=").strip('"') if params else ""
        if mime.strip().lower() != "application/json" or charset not in ("", "utf-8"):
            self._discard(length)
            raise HTTPProblem(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send the verdict as application/json (UTF-8)"
            )
        try:
            raw = self.rfile.read(length)
        except TimeoutError:
            raise HTTPProblem(HTTPStatus.REQUEST_TIMEOUT, "the body did not arrive") from None
        if len(raw) < length:
            raise HTTPProblem(HTTPStatus.BAD_REQUEST, "the body is shorter than its length")
        try:
            data = json.loads(raw.decode("utf-8"), parse_int=_small_int)
        except HTTPProblem:
            raise
        except UnicodeDecodeError:
            raise HTTPProblem(HTTPStatus.BAD_REQUEST, "the body is not UTF-8") from None
        except json.JSONDecodeError as err:
            raise HTTPProblem(HTTPStatus.BAD_REQUEST, f"the body is not JSON: {err.msg}") from None
        except RecursionError:
            raise HTTPProblem(HTTPStatus.BAD_REQUEST, "the body is nested too deeply") from None
        if not isinstance(data, dict):
            raise HTTPProblem(HTTPStatus.BAD_REQUEST, "the body must be a JSON object")
        unknown = sorted(set(data) - _VERDICT_KEYS)
        if unknown:
            raise HTTPProblem(HTTPStatus.BAD_REQUEST, f"unknown field {unknown[0]!r}")
        if "status" not in data:
            raise HTTPProblem(HTTPStatus.BAD_REQUEST, "the field 'status' is required")
        return data

    def _discard(self, length: int) -> None:
        """Read (a bounded part of) a body we refuse, so the client sees our answer rather than
        a reset connection."""
        try:
            self.connection.settimeout(0.5)
            left = min(length, 4 * BODY_MAX)
            while left > 0:
                chunk = self.rfile.read1(min(left, 65536))
                if not chunk:
                    break
                left -= len(chunk)
        except OSError:
            pass

    # -------------------------------------------------------------- methods

    def _handle(self, method: str) -> None:
        try:
            self._check_host()
            kind, finding = self._route()
            app = self.server.app
            if method == "GET":
                if kind == "page":
                    self._send_page()
                elif kind == "report":
                    self._send_report(app.report_dir / "report.html")
                elif kind == "findings":
                    self._send_json(HTTPStatus.OK, app.findings_payload())
                else:
                    app.refresh()
                    assert finding is not None
                    self._send_json(HTTPStatus.OK, app.verdict_payload(finding))
                return
            if kind != "verdict":
                raise HTTPProblem(HTTPStatus.METHOD_NOT_ALLOWED, "use GET here", allow="GET")
            self._check_origin()
            data = self._body()
            assert finding is not None
            app.refresh()
            reviewer = data.get("reviewer")
            if reviewer is None or (isinstance(reviewer, str) and not reviewer.strip()):
                reviewer = app.reviewer
            verdict = app.store.set_verdict(
                finding, data["status"], note=data.get("note", ""), reviewer=reviewer
            )
            payload = app.verdict_payload(finding)
            payload["verdict"] = verdict.to_dict()  # the one set here, whatever came since
            self._send_json(HTTPStatus.OK, payload)
        except HTTPProblem as problem:
            self._fail(problem)
        except UnknownFinding as err:
            self._fail(HTTPProblem(HTTPStatus.NOT_FOUND, str(err)))
        except InvalidVerdict as err:
            self._fail(HTTPProblem(HTTPStatus.BAD_REQUEST, str(err)))
        except ReviewStoreError as err:
            logger.error("%s", err)
            self._fail(HTTPProblem(HTTPStatus.SERVICE_UNAVAILABLE, "the review store is busy"))
        except ReviewError as err:
            logger.error("%s", err)
            self._fail(HTTPProblem(HTTPStatus.INTERNAL_SERVER_ERROR, str(err)))
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            logger.info("the client went away")
        except Exception:  # a bug must not take the server down: log it, answer 500
            logger.exception("error answering %s %s", method, self.path)
            self._fail(HTTPProblem(HTTPStatus.INTERNAL_SERVER_ERROR, "internal error"))

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def _other_method(self) -> None:
        try:
            self._check_host()
            kind, _ = self._route()
            allow = "GET, POST" if kind == "verdict" else "GET"
            raise HTTPProblem(HTTPStatus.METHOD_NOT_ALLOWED, f"use {allow} here", allow=allow)
        except HTTPProblem as problem:
            self._fail(problem)


#: a Content-Length: digits only, and few enough that the number stays small
_LENGTH = re.compile(r"[0-9]{1,18}")


def _small_int(text: str) -> int:
    """An integer of a request body; a number of more than 18 digits is refused (Python
    would spend time on it, or refuse past 4,300 digits, and no field needs one)."""
    if len(text.lstrip("-")) > 18:
        raise HTTPProblem(HTTPStatus.BAD_REQUEST, "a number in the body is too long")
    return int(text)


class ReviewServer(ThreadingHTTPServer):
    """The review server; ``url`` is where to point a browser.  Closing it closes the store."""

    daemon_threads = True
    block_on_close = False
    #: connections the kernel queues while the server is busy (socketserver's default is 5,
    #: which resets connections under a burst of verdicts from several tabs)
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], app: ReviewApp) -> None:
        self.app = app
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)
        host = address[0]
        self.allowed_hosts = frozenset(
            LOOPBACK_NAMES | {_host_name(h) for h in app.allow_hosts} | {host.lower()}
        )

    @property
    def url(self) -> str:
        address, port = self.server_address[0], self.server_address[1]
        host = address.decode() if isinstance(address, bytes) else str(address)
        if host in ("0.0.0.0", "::"):
            host = "127.0.0.1"
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"

    def server_close(self) -> None:
        super().server_close()
        self.app.store.close()


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def make_server(
    report_dir: str | os.PathLike[str],
    *,
    db: str | os.PathLike[str] | None = None,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    reviewer: str | None = None,
    allow_hosts: Iterable[str] = (),
) -> ReviewServer:
    """A review server for the report in ``report_dir`` (its ``report.json``), bound to
    ``host:port`` (port 0: any free port), storing verdicts in ``db`` (default
    ``REPORT_DIR/review.sqlite``, created when missing).  Call ``serve_forever()`` on it.

    The report's findings are recorded in the store before the server answers anything.
    ``reviewer`` is the name recorded when the page sends none (default: the login name);
    ``allow_hosts`` are host names accepted in ``Host`` besides the loopback ones.  Raises
    :class:`ReviewError` for an unreadable report or store, or an address that cannot be bound.
    """
    folder = Path(report_dir)
    read_report(folder)  # fail early, before creating a store beside a non-report
    store = ReviewStore.open(db if db is not None else default_db_path(folder))
    try:
        app = ReviewApp(
            store=store,
            report_dir=folder,
            reviewer=(reviewer if reviewer is not None else _login_name()).strip(),
            allow_hosts=frozenset(allow_hosts),
        )
        app.refresh()
        server = ReviewServer((host, port), app)
    except OSError as err:
        store.close()
        raise ReviewError(f"cannot listen on {host}:{port}: {err.strerror or err}") from err
    except BaseException:
        store.close()
        raise
    if host not in LOOPBACK_NAMES:
        logger.warning("the review server listens on %s: other machines may reach it", host)
    return server
