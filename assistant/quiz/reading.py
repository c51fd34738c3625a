"""Reading what a person typed as the answer to a quiz question, forgivingly.

A letter ("b", "(B)", "I think b"), a number, the option's own words (typos
allowed, when one option clearly wins) or, for true/false, yes/no; "skip" and
"quit" in several spellings. Anything else is "unclear", so the question is
asked again rather than scored on a guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from .. import folding
from ..understanding.text import printable

if TYPE_CHECKING:
    from .items import QuizItem

__all__ = ["LETTERS", "Reading", "read_answer"]

LETTERS = "abcde"

MAX_ANSWER_CHARS = 200
SCORE_CUTOFF = 75  # how close typed text must be to an option (0-100)
CLEAR_MARGIN = 10  # ... and by how much it must beat the next option

_SKIP = frozenset({"skip", "pass", "next", "skip it", "next question", "idk", "dont know", "i dont know", "no idea"})
_QUIT = frozenset({"quit", "exit", "stop", "q", "end", "quit quiz", "stop quiz", "end quiz", "exit quiz"})
# Words around a letter or number that don't change it: "I think b", "the answer is 2", "option c".
_FILLER = frozenset({"i", "think", "guess", "say", "id", "would", "ill", "go", "with", "pick", "choose", "take",
                     "my", "the", "answer", "is", "it", "its", "thats", "that", "option", "letter", "choice", "number"})
_TRUE = frozenset({"true", "t", "yes", "y", "yeah", "yep", "correct", "right", "not false"})
_FALSE = frozenset({"false", "f", "no", "n", "nope", "incorrect", "wrong", "untrue", "not true"})
_NEGATIONS = frozenset({"not", "no", "never", "none", "neither", "nor", "isnt", "dont", "doesnt", "cant", "wont"})
_NOISE = _FILLER | {"a", "an", "the", "to", "of", "and", "or", "on", "in", "for", "s", "one"}
_LETTER_THEN_TEXT = re.compile(r"^[(\[]?([a-e1-5])[)\].:]\s*(.+)$")


@dataclass(frozen=True)
class Reading:
    """How a typed answer was read: ``action`` "answer" (``index`` into the options), "skip", "quit" or "unclear"."""

    action: str
    index: int | None = None




def _clean(text: str) -> str:
    """Case-folded, control characters gone, spacing collapsed, Unicode compatibility forms unified."""
    return printable(unicodedata.normalize("NFKC", text[:MAX_ANSWER_CHARS]), MAX_ANSWER_CHARS).casefold()


def _plain(text: str) -> str:
    """Only words: apostrophes dropped ("don't" -> "dont"), other punctuation as spaces."""
    return folding.plain(text, apostrophes="")


def _words(plain: str) -> list[str]:
    """The words of an answer that can tell options apart (no articles, no "I think")."""
    return [w for w in plain.split() if w not in _NOISE]


def _word_score(word: str, option_words: list[str]) -> float:
    """How well one typed word matches its best partner in an option: typos and a typed prefix allowed."""
    best = max((fuzz.ratio(word, w) for w in option_words), default=0.0)
    if len(word) >= 4 and any(w.startswith(word) for w in option_words):
        best = max(best, 90.0)
    return best


def _option_score(plain: str, typed: list[str], choice: str) -> float:
    """The whole answer against the whole option, or each typed word against the option's words."""
    words = _words(choice)
    coverage = sum(_word_score(w, words) for w in typed) / len(typed) if typed and words else 0.0
    return max(fuzz.ratio(plain, choice), coverage)


def _closest_option(text: str, options: tuple[str, ...]) -> int | None:
    """The one option the text clearly names, typos allowed; None if none does or two come close.

    rapidfuzz's WRatio is not used: its partial token match gives 85 to any
    option that shares a single word ("It ...", "Only ..."), which would make
    most typed answers look ambiguous.
    """
    plain = _plain(text)
    choices = [_plain(o) for o in options]  # the same treatment on both sides
    if plain in choices:
        return choices.index(plain)
    if sum(c.isalpha() for c in plain) < 4:  # "an" or "tin" would sit inside too many options
        return None
    # Every typed word counts, so "hello there" is not read as "...and other skin infections".
    typed = _words(plain)
    scores = [_option_score(plain, typed, c) for c in choices]
    ranked = sorted(range(len(options)), key=lambda i: -scores[i])
    best = ranked[0]
    runner_up = scores[ranked[1]] if len(ranked) > 1 else 0.0
    if scores[best] < SCORE_CUTOFF or scores[best] - runner_up < CLEAR_MARGIN:
        return None
    if set(plain.split()) & _NEGATIONS and not set(choices[best].split()) & _NEGATIONS:
        return None  # "not a neurotoxin" names an option only to reject it
    return best


def _read_truth(plain: str) -> int | None:
    words = [w for w in plain.split() if w not in _FILLER] or plain.split()
    phrase = " ".join(words)
    if phrase in _TRUE:
        return 0
    if phrase in _FALSE:
        return 1
    if len(words) == 1 and len(phrase) >= 3:
        scores = [fuzz.ratio(phrase, "true"), fuzz.ratio(phrase, "false")]
        best = 0 if scores[0] >= scores[1] else 1
        if scores[best] >= SCORE_CUTOFF and scores[best] - scores[1 - best] >= CLEAR_MARGIN:
            return best
    return None


def _marked_index(mark: str, count: int) -> int | None:
    """The option a letter ("b") or number ("2") stands for, if there is one."""
    if mark in LETTERS:
        index = LETTERS.index(mark)
    elif mark.isdecimal():  # "2", or another script's digit; not "❶", a digit int() does not read
        index = int(mark) - 1
    else:
        return None
    return index if 0 <= index < count else None


def read_answer(text: str, item: QuizItem) -> Reading:
    """Read what a person typed as an answer to ``item``.

    A letter ("b", "B.", "(b)", "b)", "I think b"), a number ("2"), the
    option's text (typos allowed, if one option clearly wins), and for
    true/false: true/false/t/f/yes/no/y/n. "skip", "pass", "next" or "I don't
    know" skip; "quit", "exit", "stop" or "q" quit. Anything else is
    "unclear" - including a letter no option has, and text close to two options.

    >>> from assistant.knowledge import QuizQuestion
    >>> from assistant.quiz import QuizItem
    >>> q = QuizQuestion("x", ("side-effects",), "choice", "Which?", ("Red", "Green", "Blue"), "Green", "Because.")
    >>> item = QuizItem(1, 1, q, ("Red", "Green", "Blue"))
    >>> [read_answer(t, item).index for t in ("b", "(B)", "3.", "gren", "a red one")]
    [1, 1, 2, 1, 0]
    >>> [read_answer(t, item).action for t in ("d", "banana", "Pass", "q")]
    ['unclear', 'unclear', 'skip', 'quit']
    """
    cleaned = _clean(text)
    plain = _plain(cleaned)
    if not plain:
        return Reading("unclear")
    if plain in _SKIP:
        return Reading("skip")
    if plain in _QUIT:
        return Reading("quit")
    if item.question.kind != "choice":
        index = _read_truth(plain)
        return Reading("unclear") if index is None else Reading("answer", index)
    words = [w for w in plain.split() if w not in _FILLER]
    if len(words) == 1 and len(words[0]) == 1:  # a lone letter or digit, never one inside a word
        index = _marked_index(words[0], len(item.options))
        return Reading("unclear") if index is None else Reading("answer", index)
    marked = _LETTER_THEN_TEXT.match(cleaned)
    if marked:  # "b) A neurotoxin", as copied from the screen
        index = _marked_index(marked.group(1), len(item.options))
        named = _closest_option(marked.group(2), item.options)
        if index is not None and named in (None, index):
            return Reading("answer", index)
        return Reading("unclear")
    index = _closest_option(cleaned, item.options)
    return Reading("unclear") if index is None else Reading("answer", index)
