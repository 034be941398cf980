"""Argument types shared by the commands: each checks its value and says what is wrong.

``argparse`` turns an :class:`argparse.ArgumentTypeError` into a one-line usage error (exit
status 2) that names the option, so a bad value never reaches the library as a traceback.
"""

from __future__ import annotations

import argparse

__all__ = ["add_encoding", "encoding", "port"]


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
