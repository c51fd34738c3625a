"""A running quiz as plain JSON types, so a stateless server can keep it in the client between answers.

>>> import json
>>> from assistant.knowledge import load_knowledge
>>> from assistant.quiz import Quiz
>>> kb = load_knowledge()
>>> quiz = Quiz(kb, count=2, seed=1)
>>> item = quiz.next_question()
>>> again = Quiz.from_dict(kb, json.loads(json.dumps(quiz.to_dict())))
>>> again.current == item, again.answer("skip").status
(True, 'skipped')
"""

from __future__ import annotations

import base64
import binascii
import random
import struct
from typing import TYPE_CHECKING, Any

from ..errors import QuizError
from .items import TRUE_FALSE, QuizItem

if TYPE_CHECKING:
    from ..knowledge.records import Knowledge, QuizQuestion
    from .engine import Quiz

__all__ = ["quiz_from_dict", "quiz_to_dict"]

VERSION = 1
STATUSES = ("correct", "wrong", "skipped")
_MT_WORDS = 625  # the Mersenne Twister's state and its position


def _rng_state(rng: random.Random) -> str:
    version, words, gauss = rng.getstate()
    return base64.b64encode(struct.pack(f"<{_MT_WORDS}I", *words)).decode("ascii")


def _rng_from(text: Any) -> random.Random:
    try:
        raw = base64.b64decode(text, validate=True) if isinstance(text, str) else b""
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 4 * _MT_WORDS:
        raise QuizError("the quiz state's random state is damaged")
    words = struct.unpack(f"<{_MT_WORDS}I", raw)
    if words[-1] > _MT_WORDS - 1:
        raise QuizError("the quiz state's random state is damaged")
    rng = random.Random()
    rng.setstate((3, words, None))
    return rng


def quiz_to_dict(quiz: Quiz) -> dict[str, Any]:
    """Everything needed to carry on ``quiz`` later: question ids, option orders, answers so far."""
    def item(i: QuizItem) -> list[Any]:
        order = None if i.question.kind != "choice" else [i.question.options.index(o) for o in i.options]
        return [i.question.id, order]

    index = {id(i): n for n, i in enumerate(quiz._round)}
    return {
        "version": VERSION,
        "round": [item(i) for i in quiz._round],
        "retries": None if quiz._retries is None else [item(i) for i in quiz._retries],
        "position": quiz._position,
        "waiting": quiz._current is not None,
        "finished": quiz._finished,
        "first": [[q.id, s] for q, s in quiz._first],
        "second": [[q.id, s] for q, s in quiz._second],
        "missed": [index[id(i)] for i in quiz._missed],
        "rng": _rng_state(quiz._rng),
    }


def quiz_from_dict(cls: type[Quiz], kb: Knowledge, data: Any) -> Quiz:
    """The quiz ``quiz_to_dict`` described, over the same knowledge; QuizError if ``data`` doesn't fit it."""
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise QuizError("the quiz state is not one this version wrote; start a new quiz")
    questions = {q.id: q for q in kb.quiz}

    def question(qid: Any) -> QuizQuestion:
        if not isinstance(qid, str) or qid not in questions:
            raise QuizError("the quiz state names a question this knowledge doesn't have; start a new quiz")
        return questions[qid]

    def items(raw: Any, retry: bool) -> list[QuizItem]:
        if not isinstance(raw, list) or not raw and not retry:
            raise QuizError("the quiz state has no questions")
        out = []
        for number, entry in enumerate(raw, 1):
            if not isinstance(entry, list) or len(entry) != 2:
                raise QuizError("the quiz state is damaged")
            q, order = question(entry[0]), entry[1]
            options: tuple[str, ...]
            if q.kind != "choice":
                options = TRUE_FALSE
            elif isinstance(order, list) and sorted(o for o in order if type(o) is int) == list(range(len(q.options))):
                options = tuple(q.options[o] for o in order)
            else:
                raise QuizError("the quiz state's option order is damaged")
            out.append(QuizItem(number, len(raw), q, options, retry))
        return out

    def answers(raw: Any) -> list[tuple[Any, str]]:
        if not isinstance(raw, list) or not all(isinstance(a, list) and len(a) == 2 and a[1] in STATUSES for a in raw):
            raise QuizError("the quiz state's answers are damaged")
        return [(question(a[0]), a[1]) for a in raw]

    quiz = cls.__new__(cls)
    quiz._kb = kb
    quiz._rng = _rng_from(data.get("rng"))
    quiz._round = items(data.get("round"), False)
    quiz._retries = None if data.get("retries") is None else items(data.get("retries"), True)
    active = quiz._round if quiz._retries is None else quiz._retries
    position, waiting, finished = data.get("position"), data.get("waiting"), data.get("finished")
    if type(position) is not int or not 0 <= position <= len(active) or type(waiting) is not bool \
            or type(finished) is not bool or waiting and (position == 0 or finished):
        raise QuizError("the quiz state's position is damaged")
    quiz._position, quiz._finished = position, finished
    quiz._current = active[position - 1] if waiting else None
    quiz._first, quiz._second = answers(data.get("first")), answers(data.get("second"))
    missed = data.get("missed")
    if not isinstance(missed, list) or not all(type(m) is int and 0 <= m < len(quiz._round) for m in missed):
        raise QuizError("the quiz state's missed questions are damaged")
    quiz._missed = [quiz._round[m] for m in missed]
    return quiz
