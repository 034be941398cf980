"""Writing the three report files as one set.

``report.html``, ``report.md`` and ``report.json`` describe the same run, so a reader must never
find the HTML of one run beside the JSON of another.  Replacing three files is not one atomic
step, so the write keeps a journal:

1. every file is rendered, then written in full (and flushed to disk) to a temporary file
   beside its final name;
2. the journal ``.report-pending.json``, naming each temporary file and the file it replaces,
   is written atomically: from this moment the new set is committed;
3. each temporary file is moved over its final name, and the journal is removed.

If the process dies before step 2, the old set is untouched and the temporary files are
removed by the next write.  If it dies during step 3, the next writer or reader
(:func:`complete_pending`) finishes the moves: the set seen is always one run's.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Mapping
from pathlib import Path

from .._atomic import write_temp
from ..errors import ReportError
from ..model import Report

__all__ = ["FILES", "JOURNAL", "complete_pending", "render_files", "write_report"]

log = logging.getLogger(__name__)

#: what :func:`write_report` writes: kind -> file name
FILES: dict[str, str] = {"html": "report.html", "markdown": "report.md", "json": "report.json"}
#: the journal of a set being moved into place
JOURNAL = ".report-pending.json"
_TMP_GLOB = ".report*.tmp"


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not every platform opens folders
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _inside(name: str) -> bool:
    """A journal names files relative to the report folder, never outside it."""
    parts = Path(name).parts
    return bool(parts) and not Path(name).is_absolute() and ".." not in parts


def complete_pending(folder: str | os.PathLike[str], *, clean: bool = False) -> bool:
    """Finish moving a committed set into place, if a writer died doing it; True when a set
    was completed.  Readers call it before reading the files.  With ``clean`` (the writer,
    before it starts) temporary files left by a writer that died before committing are
    removed too; a reader never removes them, since a writer may be filling them."""
    root = Path(folder)
    journal = root / JOURNAL
    completed = False
    try:
        moves = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        moves = None
    except (OSError, ValueError) as err:
        raise ReportError(
            str(journal), f"cannot read the journal of a report write: {err}"
        ) from err
    if moves is not None:
        if not isinstance(moves, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and _inside(k) and _inside(v)
            for k, v in moves.items()
        ):
            raise ReportError(str(journal), "not a journal of report files")
        for tmp, final in moves.items():
            with contextlib.suppress(FileNotFoundError):  # moved already by someone else
                os.replace(root / tmp, root / final)
        journal.unlink(missing_ok=True)
        _sync_folder(root)
        completed = True
        log.info("%s: completed an interrupted report write", root)
    if clean:
        for folder in (root, root / "raw"):
            for stale in folder.glob(_TMP_GLOB):
                stale.unlink(missing_ok=True)
    return completed


def write_files(folder: str | os.PathLike[str], texts: Mapping[str, str]) -> dict[str, Path]:
    """Write ``{file name: text}`` into ``folder`` as one set (see the module)."""
    root = Path(folder)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ReportError(str(root), "exists and is not a folder") from None
    except OSError as err:
        raise ReportError(str(root), f"cannot create the folder: {err.strerror}") from err
    try:
        complete_pending(root, clean=True)
        temps: dict[str, str] = {}
        try:
            for name, text in texts.items():
                if not _inside(name):
                    raise ReportError(str(root / name), "a report file must stay in its folder")
                target = root / name
                target.parent.mkdir(parents=True, exist_ok=True)
                tmp = write_temp(target.parent, "report-" + target.name, text.encode("utf-8"))
                temps[tmp.relative_to(root).as_posix()] = name
            journal_tmp = write_temp(root, "report-journal", json.dumps(temps).encode("utf-8"))
            os.replace(journal_tmp, root / JOURNAL)  # the commit point
        except BaseException:
            for written in temps:
                (root / written).unlink(missing_ok=True)
            raise
        complete_pending(root)
    except OSError as err:
        where = err.filename or root
        raise ReportError(str(where), f"cannot write: {err.strerror or err}") from err
    return {name: root / name for name in texts}


def write_report(
    report: Report, out_dir: str | os.PathLike[str], *, parallel: bool = False
) -> dict[str, Path]:
    """Write ``report.html``, ``report.md`` and ``report.json`` into ``out_dir`` (created if
    needed) as one set, and return their paths by kind (``html``, ``markdown``, ``json``).
    The raw text of a document read from a binary file (a PDF's extracted text), which its
    spans point into, goes into the same set as ``raw/ID.txt`` (returned under that name).

    All three are rendered before anything is written; a folder that cannot be created or
    written raises :class:`ReportError` naming it.  With ``parallel`` the Markdown and the
    JSON are rendered on a second core while the HTML is rendered here, where that is safe
    (see :func:`render_files`): the files are the same either way.
    """
    texts = render_files(report, parallel=parallel)
    extracted = {f"raw/{d.id}.txt": d.raw for d in report.documents if d.encoding == "binary"}
    paths = write_files(out_dir, {**texts, **extracted})
    written = {kind: paths[name] for kind, name in FILES.items()}
    written.update({name: paths[name] for name in extracted})
    return written


def render_files(report: Report, *, parallel: bool = False) -> dict[str, str]:
    """The texts of the three report files, by file name (:data:`FILES`), rendered from one
    index whose lookups the three renderers share.

    With ``parallel``, a forked child renders the Markdown and the JSON while this process
    renders the HTML (the two halves take about as long: 0.18 s each for a comparison of
    4,760 figures), on Linux with two processors or more and no other thread running
    (:mod:`sourcecompare._fork`); elsewhere, or if the child fails, they are rendered here
    after the HTML.  The command line asks for it (its process runs one job); a program with
    threads of its own gets the plain way whatever it asks.
    """
    from .. import _fork
    from ._common import Index
    from .to_html import render_html
    from .to_json import render_json
    from .to_markdown import render_markdown

    index = Index.of(report)

    def halves() -> list[bytes]:
        return [render_markdown(index).encode("utf-8"), render_json(index).encode("utf-8")]

    job = _fork.start(halves) if parallel else None
    try:
        html_text = render_html(index)
    except BaseException:
        if job is not None:
            job.cancel()
        raise
    done = job.result() if job is not None else None
    markdown, json_text = (
        [part.decode("utf-8") for part in done]
        if done is not None
        else [render_markdown(index), render_json(index)]
    )
    return {FILES["html"]: html_text, FILES["markdown"]: markdown, FILES["json"]: json_text}
