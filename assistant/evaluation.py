"""Scoring the assistant on a file of labelled questions (the format of ``tests/data/eval_questions.yaml``).

Each item is ``{q: "...", expect: [labels], tag: "..."}``. A label is an
intent id (which also accepts its dotted refinements) or ``none``: no intent
at all (a not-covered or out-of-scope reply).

>>> from assistant import Assistant
>>> report = evaluate(Assistant(), [EvalItem("does botox hurt", ("side-effects",))])
>>> report.accuracy
1.0
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import yaml

from .assistant import Assistant
from .errors import AssistantError
from .knowledge import in_family

__all__ = ["EvalFileError", "EvalItem", "EvalReport", "EvalResult", "TagScore", "evaluate", "load_eval_file"]

NONE = "none"


class EvalFileError(AssistantError):
    """An evaluation file could not be read; the message names the file and the problem."""


@dataclass(frozen=True)
class EvalItem:
    """One labelled question."""

    question: str
    expect: tuple[str, ...]
    tag: str = "answerable"

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

    @property
    def ok(self) -> bool:
        return any(in_family(self.predicted, e) for e in self.item.expect)

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


def load_eval_file(path: str | Path) -> list[EvalItem]:
    """Read an evaluation file; raise :class:`EvalFileError` naming the file and problem."""
    name = str(path)
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
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
        if not isinstance(entry, dict) or not isinstance(entry.get("q"), str) or not entry.get("expect"):
            raise EvalFileError(f"{name}: item {number} needs q (text) and expect (a list of labels)")
        expect = entry["expect"] if isinstance(entry["expect"], list) else [entry["expect"]]
        items.append(EvalItem(entry["q"], tuple(str(e) for e in expect), str(entry.get("tag") or "answerable")))
    return items


def evaluate(assistant: Assistant, items: Iterable[EvalItem]) -> EvalReport:
    """Ask every question (each on its own, without context) and score the replies."""
    results = []
    for item in items:
        reply = assistant.ask(item.question)
        results.append(EvalResult(item, reply.intent or NONE, reply.kind, reply.score))
    domain = frozenset(i.id for i in assistant.knowledge.domain_intents)
    return EvalReport(tuple(results), domain)
