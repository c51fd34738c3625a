"""The building blocks of everything laid out for a person: *fragments*, ``(role, text)`` pairs whose
texts, joined, are the plain text, and whose roles ("title", "source", "disclaimer", "correct"...) let a
styled front end colour them; wrapped paragraphs, hanging indents and numbered lists of them."""

from __future__ import annotations

import textwrap
from typing import Iterable

__all__ = ["MAX_WIDTH", "MIN_WIDTH", "NEWLINE", "Fragments", "hang", "lead", "numbered", "para", "prefixed", "spaced",
           "text_of", "wrap"]

MAX_WIDTH = 100  # long lines are hard to read, however wide the window
MIN_WIDTH = 20

Fragments = list[tuple[str, str]]  # (role, text); the role "" is plain text
NEWLINE: Fragments = [("", "\n")]


def wrap(text: str, width: int, indent: str = "") -> str:
    """Wrap each paragraph of ``text`` to ``width`` columns (at least 20)."""
    width = max(MIN_WIDTH, width)
    return "\n".join(
        textwrap.fill(line, width=width, initial_indent=indent, subsequent_indent=indent) if line.strip() else ""
        for line in text.splitlines()
    )


def hang(prefix: str, text: str, width: int) -> str:
    """``text`` wrapped after ``prefix``, with later lines indented to line up under it."""
    return textwrap.fill(text, width=max(MIN_WIDTH, width), initial_indent=prefix,
                         subsequent_indent=" " * len(prefix), break_on_hyphens=False)


def para(role: str, text: str, width: int, indent: str = "") -> Fragments:
    """A wrapped paragraph in one role."""
    return [(role, wrap(text, width, indent)), ("", "\n")]


def lead(lead_role: str, first: str, rest: str, width: int, role: str = "") -> Fragments:
    """One paragraph whose first words (``first``) have a role of their own, wrapped as a whole."""
    wrapped = wrap(first + rest, width)
    return [(lead_role, wrapped[: len(first)]), (role, wrapped[len(first):] + "\n")]


def prefixed(prefix_role: str, prefix: str, text: str, width: int, role: str = "") -> Fragments:
    """``text`` after a ``prefix`` ("  2. ", "  b) ") with a hanging indent."""
    return [(prefix_role, prefix), (role, hang(prefix, text, width)[len(prefix):] + "\n")]


def numbered(items: Iterable[str], width: int) -> Fragments:
    """``  1. first``, ``  2. second``..."""
    return [f for n, item in enumerate(items, 1) for f in prefixed("number", f"  {n}. ", item, width)]


def text_of(fragments: Fragments) -> str:
    """The plain text of fragments, without the final newline."""
    return "".join(text for _, text in fragments).rstrip("\n")


def spaced(parts: list[Fragments]) -> Fragments:
    """Parts with a blank line between each two."""
    out: Fragments = []
    for n, part in enumerate(p for p in parts if p):
        out += (NEWLINE if n else []) + part
    return out
