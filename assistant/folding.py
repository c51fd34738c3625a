"""Folding text so that what doesn't change the words doesn't count: the one normaliser under the
knowledge loader's duplicate checks, the understanding layer's ``normalise`` and the quiz's reading of
typed answers.

>>> fold("Don’t PANIC: Café")
"don't panic: cafe"
>>> plain("Don’t  PANIC: Café!"), plain("Don’t  PANIC: Café!", apostrophes="")
('don t panic cafe', 'dont panic cafe')
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["NOT_WORD", "fold", "plain"]

# Every character people (or their keyboards) type for an apostrophe, as "'".
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'", "\u2032": "'"})
NOT_WORD = re.compile(r"[^\w']+|_+")  # what is never part of a word: a word is letters and digits, and apostrophes


def fold(text: str) -> str:
    """Case-folded, Unicode compatibility forms unified, combining marks (accents, and floods of them)
    dropped, and every apostrophe-like quote made "'"."""
    if text.isascii():  # nothing to decompose: the common case, and much faster
        return text.lower().translate(_QUOTES)
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFKC", kept).casefold().translate(_QUOTES)


def plain(text: str, *, apostrophes: str = " ") -> str:
    """Only the words of ``text``, folded, one space apart. An apostrophe becomes ``apostrophes``: a
    space by default (the words either side are words of their own), or with ``""`` it goes and they
    join ("don't" is "dont", as people type it)."""
    return " ".join(NOT_WORD.sub(" ", fold(text).replace("'", apostrophes)).split())
