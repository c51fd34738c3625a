"""The terminal: is a stream a terminal, how wide to wrap for it, which answer marks its encoding shows,
and standard input read line by line. Layout (:mod:`assistant.layout`) is given widths; this measures them."""

from __future__ import annotations

import shutil
import sys
from typing import IO, Any, Iterator

from .layout.fragments import MAX_WIDTH, MIN_WIDTH

__all__ = ["clamp_width", "isatty", "marks_for", "output_width", "stdin_lines"]


def isatty(stream: Any) -> bool:
    """True if ``stream`` is an open terminal (False for anything without ``isatty``, or closed)."""
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def clamp_width(columns: int) -> int:
    """The width to wrap at for a window ``columns`` wide (one column spare, at most MAX_WIDTH)."""
    return max(MIN_WIDTH, min(MAX_WIDTH, columns - 1))


def output_width(stream: Any) -> int:
    """The width to wrap at when writing to ``stream``: the terminal's (clamped), or 80 for a file or pipe."""
    return clamp_width(shutil.get_terminal_size((80, 24)).columns) if isatty(stream) else 80


def marks_for(encoding: str | None) -> tuple[str, str]:
    """The marks for a right and a wrong answer: ticks where the encoding has them, else ``+`` and ``x``."""
    try:
        "✓✗".encode(encoding or "utf-8")
    except (LookupError, UnicodeEncodeError):
        return "+", "x"
    return "✓", "✗"


def stdin_lines(stream: IO[bytes] | None = None) -> Iterator[str]:
    """Lines of stdin as text; bytes that aren't UTF-8 become U+FFFD instead of stopping the stream."""
    source = stream if stream is not None else sys.stdin.buffer
    for raw in source:
        yield raw.decode("utf-8", errors="replace").rstrip("\r\n")
