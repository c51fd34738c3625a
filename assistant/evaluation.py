"""Scoring the assistant on a file of labelled questions (the format of ``tests/data/eval_questions.yaml``).

Each item is ``{q: "...", expect: [labels], tag: "..."}``. A label is an
intent id (which also accepts its dotted refinements) or ``none``: no intent
at all (a not-covered or out-of-scope reply). A message that asks several
things is ``{q: "...", parts: [[labels], [labels]...]}``: each asked part
must be answered with one of its labels, or named as not covered where its
labels include ``none``, and no part may be answered with an unrelated intent.
The urgent alarm answers every part labelled ``urgent`` (it replaces the answers).

>>> from assistant import Assistant
>>> report = evaluate(Assistant(), [EvalItem("does botox hurt", ("side-effects",))])
>>> report.accuracy
1.0
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable

import yaml

from .core import Assistant
from .errors import AssistantError
from .knowledge.records import in_family
from .knowledge.yaml_reader import load_data

__all__ = ["EvalFileError", "EvalItem", "EvalReport", "EvalResult", "TagScore", "evaluate", "load_eval_file", "with_typos"]

NONE = "none"


class EvalFileError(AssistantError):
    """An evaluation file could not be read; the message names the file and the problem."""


@dataclass(frozen=True)
class EvalItem:
    """One labelled question."""

    question: str
    expect: tuple[str, ...]
    tag: str = "answerable"
    parts: tuple[tuple[str, ...], ...] = ()  # for a message that asks several things

    @property
    def answerable(self) -> bool:
        """True if some intent fits (with ``none`` beside it, declining is acceptable too)."""
        return any(e != NONE for e in self.expect)


@dataclass(frozen=True)
class EvalResult:
    """How the assistant did on one item."""

    item: EvalItem
    predicted: str  # an intent id, or "none"
    kind: str
    score: float
    answered: tuple[str, ...] = ()  # every part answered with an intent
    declined: int = 0  # how many parts were named as not covered

    @property
    def ok(self) -> bool:
        if self.item.parts:
            return self.parts_covered and not self.unrelated
        return any(in_family(self.predicted, e) for e in self.item.expect)

    @property
    def parts_covered(self) -> bool:
        """Every asked part answered with one of its labels, or named as not covered where that fits."""
        declined = self.declined
        for labels in self.item.parts:
            if any(in_family(a, e) for a in self.answered for e in labels):
                continue
            if NONE in labels and declined:
                declined -= 1
                continue
            return False
        return True

    @property
    def unrelated(self) -> bool:
        """Some part answered with an intent that fits none of the asked parts."""
        wanted = [e for labels in self.item.parts for e in labels if e != NONE]
        return any(not any(in_family(a, e) for e in wanted) for a in self.answered)

    @property
    def abstained(self) -> bool:
        return self.predicted == NONE


@dataclass(frozen=True)
class TagScore:
    """Results for one tag."""

    tag: str
    total: int
    ok: int
    wrong: int
    abstained: int

    @property
    def accuracy(self) -> float:
        return self.ok / self.total if self.total else 0.0


def _rate(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass(frozen=True)
class EvalReport:
    """The results of an evaluation run, with the rates the quality bar is stated in."""

    results: tuple[EvalResult, ...]
    domain_intents: frozenset[str] = frozenset()

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def accuracy(self) -> float:
        """Share of all questions given an acceptable label."""
        return _rate(sum(r.ok for r in self.results), self.total)

    @property
    def answerable(self) -> tuple[EvalResult, ...]:
        return tuple(r for r in self.results if r.item.answerable)

    @property
    def unanswerable(self) -> tuple[EvalResult, ...]:
        return tuple(r for r in self.results if not r.item.answerable)

    @property
    def answer_accuracy(self) -> float:
        """Share of answerable questions given an acceptable intent."""
        return _rate(sum(r.ok for r in self.answerable), len(self.answerable))

    @property
    def wrong_rate(self) -> float:
        """Share of answerable questions given a wrong intent."""
        return _rate(sum(not r.ok and not r.abstained for r in self.answerable), len(self.answerable))

    @property
    def abstain_rate(self) -> float:
        """Share of answerable questions given no intent."""
        return _rate(sum(r.abstained for r in self.answerable), len(self.answerable))

    @property
    def decline_rate(self) -> float:
        """Share of not-covered and off-topic questions given no intent."""
        return _rate(sum(r.abstained for r in self.unanswerable), len(self.unanswerable))

    @property
    def false_answer_rate(self) -> float:
        """Share of not-covered and off-topic questions given a Botox answer (not small talk)."""
        return _rate(sum(self._botox(r) for r in self.unanswerable), len(self.unanswerable))

    def _botox(self, result: EvalResult) -> bool:
        return result.predicted in self.domain_intents or result.predicted == "urgent"

    def by_tag(self) -> list[TagScore]:
        tags = sorted({r.item.tag for r in self.results})
        out = []
        for tag in tags:
            rs = [r for r in self.results if r.item.tag == tag]
            out.append(TagScore(tag, len(rs), sum(r.ok for r in rs), sum(not r.ok and not r.abstained for r in rs),
                                sum(r.abstained for r in rs)))
        return out

    def confusions(self) -> list[tuple[str, str, int]]:
        """(expected, predicted, count) for every kind of miss, most frequent first."""
        counts = Counter(("|".join(r.item.expect), r.predicted) for r in self.results if not r.ok)
        return [(e, p, n) for (e, p), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    def misses(self) -> tuple[EvalResult, ...]:
        return tuple(r for r in self.results if not r.ok)

    @property
    def multi(self) -> tuple[EvalResult, ...]:
        """The results for messages that ask several things."""
        return tuple(r for r in self.results if r.item.parts)

    @property
    def parts_rate(self) -> float:
        """Share of several-question messages with every part answered or named as not covered."""
        return _rate(sum(r.parts_covered for r in self.multi), len(self.multi))

    @property
    def unrelated_rate(self) -> float:
        """Share of several-question messages with a part answered by an unrelated intent."""
        return _rate(sum(r.unrelated for r in self.multi), len(self.multi))


def load_eval_file(path: str | Path) -> list[EvalItem]:
    """Read an evaluation file; raise :class:`EvalFileError` naming the file and problem."""
    name = str(path)
    try:
        with open(path, encoding="utf-8") as handle:
            data = load_data(handle)
    except OSError as exc:
        raise EvalFileError(f"{name}: cannot read file: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise EvalFileError(f"{name}: file is not valid UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        raise EvalFileError(f"{where}: invalid YAML: {' '.join(str(getattr(exc, 'problem', exc)).split())}") from None
    if not isinstance(data, list) or not data:
        raise EvalFileError(f"{name}: expected a list of {{q: ..., expect: [...]}} items")
    items = []
    for number, entry in enumerate(data, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("q"), str) or not (entry.get("expect") or entry.get("parts")):
            raise EvalFileError(f"{name}: item {number} needs q (text) and expect (a list of labels) or parts")
        tag = str(entry.get("tag") or "answerable")
        if entry.get("parts"):
            raw = entry["parts"]
            if not isinstance(raw, list) or not all(isinstance(p, list) and p for p in raw):
                raise EvalFileError(f"{name}: item {number}: parts must be a list of label lists")
            parts = tuple(tuple(str(e) for e in p) for p in raw)
            items.append(EvalItem(entry["q"], parts[0], tag, parts))
            continue
        expect = entry["expect"] if isinstance(entry["expect"], list) else [entry["expect"]]
        items.append(EvalItem(entry["q"], tuple(str(e) for e in expect), tag))
    return items


_TYPO_WORD = re.compile(r"[A-Za-z]{4,}")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def with_typos(items: Iterable[EvalItem], seed: int = 0,
               spelled: Callable[[str], bool] = lambda word: True) -> list[EvalItem]:
    """Each item with one typing slip in one of its words of four letters or more that ``spelled``
    says is spelled right (a word already misspelled would get two): a letter dropped, doubled,
    swapped with the next or replaced; the same slip for the same item and seed.

    >>> [i.question for i in with_typos([EvalItem("does botox hurt", ("side-effects",))], seed=1)]
    ['does botox hrut']
    """
    out = []
    for number, item in enumerate(items):
        rng = random.Random(f"{seed}:{number}:{item.question}")
        words = [w for w in _TYPO_WORD.finditer(item.question) if spelled(w.group(0).lower())]
        if not words:
            out.append(item)
            continue
        word = rng.choice(words)
        text, at = word.group(0), rng.randrange(1, len(word.group(0)) - 1)  # the first letter is rarely mistyped
        slip = rng.choice(("drop", "double", "swap", "replace"))
        if slip == "drop" or (slip == "swap" and text[at] == text[at + 1]):  # swapping "ll" would change nothing
            typo = text[:at] + text[at + 1:]
        elif slip == "double":
            typo = text[:at] + text[at] + text[at:]
        elif slip == "swap":
            typo = text[:at] + text[at + 1] + text[at] + text[at + 2:]
        else:
            typo = text[:at] + rng.choice(_LETTERS.replace(text[at].lower(), "")) + text[at + 1:]
        out.append(replace(item, question=item.question[:word.start()] + typo + item.question[word.end():]))
    return out


def evaluate(assistant: Assistant, items: Iterable[EvalItem]) -> EvalReport:
    """Ask every question (each on its own, without context) and score the replies."""
    results = []
    for item in items:
        reply = assistant.ask(item.question)
        # the alarm is the answer to a part that tells of an emergency ("...now my eyelid droops. is this normal?")
        answered = tuple(p.intent for p in reply.parts if p.kind in ("answer", "urgent") and p.intent)
        # a topic asked about twice ("can I go to the gym, and drink?") is named once, for both asks
        declined = sum(1 + len(p.also_asked) for p in reply.parts if p.kind in ("not-covered", "out-of-scope"))
        results.append(EvalResult(item, reply.intent or NONE, reply.kind, reply.score, answered, declined))
    domain = frozenset(i.id for i in assistant.knowledge.domain_intents)
    return EvalReport(tuple(results), domain)
