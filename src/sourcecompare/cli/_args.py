"""Argument types shared by the commands: each checks its value and says what is wrong.

``argparse`` turns an :class:`argparse.ArgumentTypeError` into a one-line usage error (exit
status 2) that names the option, so a bad value never reaches the library as a traceback.
"""

from __future__ import annotations

import argparse

from ..corpus import KEYS

__all__ = ["META_KEYS", "MetaAction", "add_encoding", "add_meta", "encoding", "port"]


def port(text: str) -> int:
    """A TCP port to listen on: 0 (any free port) to 65535.

    >>> port("8765")
    8765
    >>> port("70000")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: port must be 0-65535 (0: any free port), not 70000
    """
    try:
        value = int(text, 10)
    except ValueError:
        raise argparse.ArgumentTypeError(f"port must be a whole number, not {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"port must be 0-65535 (0: any free port), not {value}")
    return value


def encoding(text: str) -> str:
    """A text encoding Python knows (``big5``, ``gb18030``, ``latin-1``...).

    >>> encoding("big5")
    'big5'
    >>> encoding("hex")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: 'hex' is not a text encoding
    """
    from ..readers.detect import encoding_problem

    problem = encoding_problem(text)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return text


def add_encoding(parser: argparse.ArgumentParser) -> None:
    """``--encoding NAME``: read every input in this encoding, whatever detection would say."""
    parser.add_argument(
        "--encoding",
        type=encoding,
        metavar="NAME",
        help="read every file in this encoding (wins over detection and the manifest)",
    )


#: what ``--meta`` may say of a file: a manifest entry's keys but ``file``
META_KEYS: tuple[str, ...] = tuple(k for k in KEYS if k != "file")


class MetaAction(argparse.Action):
    """``--meta FILE KEY=VALUE...``: collects ``{FILE: {KEY: VALUE}}``, checking each key is
    one a manifest entry takes and each tier, language and script one it allows."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        from ..corpus import CHOICES

        items = [str(v) for v in values] if isinstance(values, list) else [str(values)]
        if len(items) < 2:
            parser.error(f"{option_string} needs a file and at least one KEY=VALUE")
        path, pairs = items[0], items[1:]
        found: dict[str, dict[str, str]] = dict(getattr(namespace, self.dest, None) or {})
        meta = found.setdefault(path, {})
        allowed = CHOICES
        for pair in pairs:
            key, sep, value = pair.partition("=")
            if not sep or not key:
                parser.error(f"{option_string} {path}: {pair!r} is not KEY=VALUE")
            if key not in META_KEYS:
                parser.error(
                    f"{option_string} {path}: unknown key {key!r}; valid keys: "
                    + ", ".join(META_KEYS)
                )
            if key in allowed and value not in allowed[key]:
                parser.error(
                    f"{option_string} {path}: {key} {value!r} is not one of "
                    + ", ".join(allowed[key])
                )
            meta[key] = value
        setattr(namespace, self.dest, found)


def add_meta(parser: argparse.ArgumentParser) -> None:
    """``--meta FILE KEY=VALUE...``: what a manifest would say of a file given on its own."""
    parser.add_argument(
        "--meta",
        nargs="+",
        action=MetaAction,
        default={},
        metavar="FILE KEY=VALUE",
        help=(
            "describe a file given on its own, as a manifest entry would (repeatable): "
            "id, title, tier, publisher, date, url, revision, retrieved, author, journal, "
            "volume, issue, pages... e.g. --meta a.txt tier=news-video url=https://..."
        ),
    )
