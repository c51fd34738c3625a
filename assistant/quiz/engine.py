"""The quiz engine: questions from the knowledge pack, answers read forgivingly, a score and what to read again.

A :class:`Quiz` is one person's run through the question bank. It never reads
or writes anything and keeps no global state: the caller shows each
:class:`QuizItem`, passes what the person typed to :meth:`Quiz.answer` and
shows the :class:`Feedback`. Questions answered wrong come back once more at
the end (as in Quizlet's Learn mode); the score counts first attempts only.

>>> from assistant.knowledge import load_knowledge
>>> quiz = Quiz(load_knowledge(), topics=["side-effects"], count=2, seed=7)
>>> item = quiz.next_question()
>>> item.number, item.total, item.retry
(1, 2, False)
>>> quiz.answer("what?").status                  # not an answer: asked again, not counted
'unclear'
>>> quiz.answer(item.question.answer).status     # the option's text (or its letter, or true/false)
'correct'
>>> item = quiz.next_question()
>>> feedback = quiz.answer("skip")
>>> feedback.status, feedback.correct_answer == item.shown(item.correct_index)
('skipped', True)
>>> quiz.next_question() is None, quiz.finished
(True, True)
>>> summary = quiz.summary()
>>> summary.correct, summary.asked, summary.skipped, summary.review_questions
(1, 2, 1, ('What side effects can Botox have?',))
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Iterable, Literal

from ..errors import QuizError
from ..knowledge.records import Knowledge, QuizQuestion, in_family
from .items import TRUE_FALSE, QuizItem
from .reading import Reading, read_answer
from .state import quiz_from_dict, quiz_to_dict
from ..understanding.text import printable

__all__ = [
    "Feedback",
    "Quiz",
    "QuizItem",
    "Reading",
    "Summary",
    "available_topics",
    "read_answer",
]

Status = Literal["correct", "wrong", "unclear", "skipped", "quit"]  # what became of one answer


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer.

    ``status`` is "correct", "wrong", "unclear" (not read as an answer: the same
    question stands, nothing is counted), "skipped" or "quit". ``given`` is the
    option as it was shown ("c) Whitening teeth", "False") when one was read.
    ``correct_answer`` (shown the same way) and ``explanation`` are empty for
    "unclear" and "quit", so asking again gives nothing away.
    """

    status: Status
    correct: bool | None
    given: str | None
    correct_answer: str
    explanation: str
    question: QuizQuestion


@dataclass(frozen=True)
class Summary:
    """The score so far (or final): first attempts only, per topic, and what to read again.

    ``asked`` counts first-round questions answered or skipped; ``score`` is
    ``correct / asked`` (0.0 before any). ``per_topic`` holds ``(intent_id,
    correct, total)`` for every intent of every question asked. ``review``
    names the topics with a wrong or skipped first answer and
    ``review_questions`` the questions to ask the assistant about them.
    ``retried`` missed questions were asked again and ``recovered`` of those
    were then right. ``total`` is the number of questions the quiz set out to ask.
    """

    asked: int
    correct: int
    wrong: int
    skipped: int
    score: float
    per_topic: tuple[tuple[str, int, int], ...]
    review: tuple[str, ...]
    review_questions: tuple[str, ...]
    recovered: int = 0
    retried: int = 0
    total: int = 0


def _related(topic: str, intent_id: str) -> bool:
    """A topic covers its own intent, its dotted refinements ("botox" -> "botox.uses") and their parent."""
    return in_family(intent_id, topic) or in_family(topic, intent_id)


def _known_topics(kb: Knowledge) -> set[str]:
    ids = {i for q in kb.quiz for i in q.intents} | {i.id for i in kb.domain_intents}
    return ids | {".".join(parts[:n]) for parts in (i.split(".") for i in ids) for n in range(1, len(parts))}


def available_topics(kb: Knowledge) -> tuple[str, ...]:
    """The topics a quiz can be filtered on: intent ids with questions, and their dotted groups.

    >>> from assistant.knowledge import load_knowledge
    >>> topics = available_topics(load_knowledge())
    >>> "side-effects" in topics, "botox" in topics
    (True, True)
    """
    # A refinement (side-effects.bruising) is not listed: its family's questions are the same.
    return tuple(sorted(t for t in _known_topics(kb) if any(in_family(i, t) for q in kb.quiz for i in q.intents)))


def _select(kb: Knowledge, topics: Iterable[str] | str | None) -> list[QuizQuestion]:
    wanted = [topics] if isinstance(topics, str) else list(topics or ())
    if not wanted:
        if not kb.quiz:
            raise QuizError("this knowledge pack has no quiz questions")
        return list(kb.quiz)
    known = _known_topics(kb)
    names = [str(topic).strip().casefold() for topic in wanted]
    for topic, name in zip(wanted, names):
        if name not in known:
            raise QuizError(f"unknown quiz topic {printable(str(topic), 60)!r}; "
                            f"choose from: {', '.join(available_topics(kb))}")
    chosen = [q for q in kb.quiz if any(_related(t, i) for t in names for i in q.intents)]
    if not chosen:
        raise QuizError(f"there are no quiz questions on {', '.join(names)}; "
                        f"topics with questions: {', '.join(available_topics(kb))}")
    return chosen


def _spread(pool: list[QuizQuestion], count: int) -> list[QuizQuestion]:
    """Take ``count`` questions from an already shuffled pool, round-robin over topics.

    A short quiz then touches as many topics as it can, instead of whatever
    the shuffle happened to bunch together.
    """
    groups: dict[str, list[QuizQuestion]] = {}
    for question in pool:
        groups.setdefault(question.intents[0], []).append(question)
    picked: list[QuizQuestion] = []
    while len(picked) < count:
        for group in groups.values():
            if group and len(picked) < count:
                picked.append(group.pop(0))
    return picked




class Quiz:
    """One person's quiz over a knowledge pack's question bank.

    ``topics`` limits the questions to those whose intents equal a topic, refine
    it ("botox" covers "botox.uses") or are its parent; an empty or missing
    ``topics`` means every question. ``count`` questions are drawn (all by
    default), spread over the topics. ``seed`` makes the order and the option
    shuffle reproducible. Raises :class:`~assistant.errors.QuizError` for an
    unknown topic (the message lists the valid ones), no questions, or a
    ``count`` below 1.
    """

    def __init__(self, kb: Knowledge, topics: Iterable[str] | None = None, count: int | None = None,
                 seed: int | None = None) -> None:
        if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 1):
            raise QuizError(f"the number of questions must be a whole number of at least 1, not {count!r}")
        self._kb = kb
        self._rng = random.Random(seed) if seed is not None else random.Random()
        pool = _select(kb, topics)
        self._rng.shuffle(pool)
        if count is not None and count < len(pool):
            pool = _spread(pool, count)
            self._rng.shuffle(pool)
        # The first round is laid out up front, so how someone answers never changes what comes next.
        self._round: list[QuizItem] = [self._item(q, n, len(pool)) for n, q in enumerate(pool, 1)]
        self._retries: list[QuizItem] | None = None
        self._position = 0
        self._current: QuizItem | None = None
        self._finished = False
        self._first: list[tuple[QuizQuestion, str]] = []
        self._second: list[tuple[QuizQuestion, str]] = []
        self._missed: list[QuizItem] = []

    def _item(self, question: QuizQuestion, number: int, total: int, retry: bool = False,
              before: QuizItem | None = None) -> QuizItem:
        if question.kind != "choice":
            return QuizItem(number, total, question, TRUE_FALSE, retry)
        options = list(question.options)
        self._rng.shuffle(options)
        if before is not None and options.index(question.answer) == before.correct_index:
            # A second try should test the answer, not the memory of its letter.
            here = options.index(question.answer)
            other = self._rng.choice([i for i in range(len(options)) if i != here])
            options[here], options[other] = options[other], options[here]
        return QuizItem(number, total, question, tuple(options), retry)

    def to_dict(self) -> dict[str, Any]:
        """The quiz so far as plain JSON types (see :mod:`assistant.quiz.state`); ``from_dict`` carries on from it."""
        return quiz_to_dict(self)

    @classmethod
    def from_dict(cls, kb: Knowledge, data: Any) -> Quiz:
        """The quiz ``to_dict`` gave, over the same knowledge; QuizError if ``data`` is damaged or doesn't fit."""
        return quiz_from_dict(cls, kb, data)

    @property
    def finished(self) -> bool:
        """True once every question (and every retry) was asked, or the person quit."""
        return self._finished

    @property
    def current(self) -> QuizItem | None:
        """The question waiting for an answer, if any."""
        return self._current

    @property
    def total(self) -> int:
        """How many questions the first round holds."""
        return len(self._round)

    def next_question(self) -> QuizItem | None:
        """The next question, or None when the quiz is over.

        While a question waits for an answer (none yet, or an unclear one) it is returned again.
        """
        if self._finished:
            return None
        if self._current is not None:
            return self._current
        if self._retries is None and self._position >= len(self._round):
            missed = self._missed
            self._retries = [self._item(i.question, n, len(missed), True, i) for n, i in enumerate(missed, 1)]
            self._position = 0
        items = self._round if self._retries is None else self._retries
        if self._position >= len(items):
            self._finished = True
            return None
        self._current = items[self._position]
        self._position += 1
        return self._current

    def answer(self, text: str) -> Feedback:
        """Read ``text`` as the answer to the current question and say how it went."""
        item = self._current
        if item is None:
            raise QuizError("there is no question waiting for an answer (call next_question() first)")
        reading = read_answer(text, item)
        if reading.action == "unclear":
            return Feedback("unclear", None, None, "", "", item.question)
        self._current = None
        if reading.action == "quit":
            self._finished = True
            return Feedback("quit", None, None, "", "", item.question)
        correct = item.shown(item.correct_index)
        if reading.action == "skip" or reading.index is None:
            self._record(item, "skipped")
            return Feedback("skipped", None, None, correct, item.question.explanation, item.question)
        right = reading.index == item.correct_index
        self._record(item, "correct" if right else "wrong")
        return Feedback("correct" if right else "wrong", right, item.shown(reading.index), correct,
                        item.question.explanation, item.question)

    def _record(self, item: QuizItem, status: Status) -> None:
        if item.retry:
            self._second.append((item.question, status))
            return
        self._first.append((item.question, status))
        if status == "wrong":
            self._missed.append(item)

    def summary(self) -> Summary:
        """The score so far; works at any time, also after quitting."""
        statuses = [s for _, s in self._first]
        order = {intent.id: n for n, intent in enumerate(self._kb.intents)}
        tally: dict[str, list[int]] = {}
        for question, status in self._first:
            for topic in question.intents:
                counts = tally.setdefault(topic, [0, 0, 0])  # correct, asked, missed
                counts[0] += status == "correct"
                counts[1] += 1
                counts[2] += status != "correct"
        topics = sorted(tally, key=lambda t: (order.get(t, len(order)), t))
        review = tuple(t for t in topics if tally[t][2])
        ask: list[str] = []
        for topic in review:
            try:
                intent = self._kb.intent(topic)
            except KeyError:
                continue
            line = intent.ask or intent.title
            if line and line not in ask:
                ask.append(line)
        asked = len(statuses)
        correct = statuses.count("correct")
        return Summary(
            asked=asked,
            correct=correct,
            wrong=statuses.count("wrong"),
            skipped=statuses.count("skipped"),
            score=correct / asked if asked else 0.0,
            per_topic=tuple((t, tally[t][0], tally[t][1]) for t in topics),
            review=review,
            review_questions=tuple(ask),
            recovered=sum(s == "correct" for _, s in self._second),
            retried=len(self._second),
            total=len(self._round),
        )
