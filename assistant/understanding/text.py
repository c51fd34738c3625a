"""Explicit text normalisation for matching: Unicode, case and quotes folded as everywhere
(:func:`assistant.folding.fold`), then contractions, punctuation, length.

>>> normalise("What's Botox’s  ROLE?!", {"what's": "what is"})
'what is botox role'
>>> stem("bruising"), stem("bruises"), stem("paralyzed")
('bruis', 'bruis', 'paralys')
>>> stem("scared"), stem("scars")
('scare', 'scar')
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Mapping

from ..folding import NOT_WORD, fold

__all__ = ["MAX_INPUT_CHARS", "MAX_TOKENS", "normalise", "stem", "printable"]

# What is matched is capped, so the time a question takes does not grow with
# its length: a real question fits easily in the first 600 characters. The
# urgent check reads much further (an emergency may come at the end of a long,
# anxious message) but is capped too.
MAX_INPUT_CHARS = 600
MAX_TOKENS = 80
URGENT_INPUT_CHARS = 8000
URGENT_TOKENS = 1500

_WORD_WITH_APOSTROPHE = re.compile(r"\b\w+(?:'\w+)+|\b\w+'")  # \b: tried only where a word starts (linear, not quadratic, in a long word)
# Terminal escape sequences (CSI such as colours, OSC such as window titles) go whole,
# payload included, so they are never matched as words nor echoed to a terminal.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]|\x9b[0-?]*[ -/]*[@-~]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def _expand(word: str, contractions: Mapping[str, str]) -> str:
    if word in contractions:
        return contractions[word]
    # An ending of the table ("'ve", "n't") the word ends with, after at least a letter: the word's own
    # endings from each apostrophe are looked up (the first in the table's order, if several are in it).
    endings = [e for k, ch in enumerate(word) if ch == "'" and k
               for e in ((word[k - 1:], word[k:]) if k > 1 and word[k - 1] == "n" else (word[k:],)) if e in contractions]
    if len(endings) > 1:
        order = {key: n for n, key in enumerate(contractions)}
        endings.sort(key=order.__getitem__)
    if endings:
        return word[: -len(endings[0])] + contractions[endings[0]]
    # Possessives and anything else: the apostrophe and what follows go.
    return word.split("'", 1)[0]


def normalise(
    text: str, contractions: Mapping[str, str] | None = None, *, chars: int = MAX_INPUT_CHARS, tokens: int = MAX_TOKENS
) -> str:
    """Lower-case, unify quotes, expand contractions, replace punctuation and controls by spaces.

    Only the first ``chars`` characters and ``tokens`` words are kept.
    """
    text = text[:chars]
    if "\x1b" in text or "\x9b" in text:  # escape sequences go whole, payload and all
        text = _ESCAPES.sub(" ", text)
    folded = _CONTROL.sub(" ", fold(text))
    table = contractions or {}
    if "'" in folded:  # most questions have none, and looking for contractions word by word is slow
        expanded = _WORD_WITH_APOSTROPHE.sub(lambda m: _expand(m.group(0), table), folded)
        words = [w for w in (w.strip("'") for w in NOT_WORD.sub(" ", expanded).split()) if w]
    else:
        words = NOT_WORD.sub(" ", folded).split()
    if table and not table.keys().isdisjoint(words):  # a whole word may be a contraction written without its
        words = " ".join([table.get(w, w) for w in words]).split()  # apostrophe ("cant")
    return " ".join(words[:tokens])


_DOUBLE = ("bb", "dd", "gg", "mm", "nn", "pp", "rr", "tt")


@lru_cache(maxsize=16384)  # pure, and every word of every question passes through it
def stem(word: str) -> str:
    """A light suffix stripper, so 'bruise', 'bruises', 'bruised' and 'bruising' meet."""
    if len(word) <= 3 or not word.isalpha():
        return word
    w = word
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ing") and len(w) > 5:
        w = w[:-3]
        if w.endswith(_DOUBLE):
            w = w[:-1]
    elif w.endswith("ared") and len(w) > 5:  # "scared" is "scare", never "scar"
        w = w[:-1]
    elif w.endswith("ed") and len(w) > 4:
        w = w[:-2]
        if w.endswith(_DOUBLE):
            w = w[:-1]
    elif w.endswith("es") and len(w) > 4 and (w[-3] in "sxz" or w.endswith(("ches", "shes"))):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("e") and len(w) > 4 and not w.endswith("are"):
        w = w[:-1]
    return w.replace("yz", "ys").replace("iz", "is")


def printable(text: str, limit: int = 200) -> str:
    """Text safe to show on a terminal: control and bidi characters removed, length capped."""
    cleaned = " ".join(_CONTROL.sub(" ", _ESCAPES.sub(" ", text[: limit * 4])).split())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"
