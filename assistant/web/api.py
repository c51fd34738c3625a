"""The JSON API: ask, choose, the quiz, topics and health. Every handler is stateless: what a
conversation or quiz needs next comes in the request and goes back in the reply."""

from __future__ import annotations

import dataclasses
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from ..core import Assistant, Context
from ..errors import QuizError
from ..quiz.engine import Quiz, available_topics
from ..layout.quiz_events import feedback_event, question_event, start_event, summary_event
from .guard import BadRequest, read_json

__all__ = ["Api"]

MAX_QUESTION = 8000  # characters; the urgent check reads this much, the matcher the first 600
MAX_QUIZ_COUNT = 100


def _text(data: dict[str, Any], key: str, limit: int) -> str:
    if key not in data:
        raise BadRequest(f"missing field {key!r}")
    value = data[key]
    if not isinstance(value, str):
        raise BadRequest(f"{key!r} must be a string")
    if len(value) > limit:
        raise BadRequest(f"{key!r} is too long (at most {limit} characters)")
    return value


def _context(data: dict[str, Any]) -> Context:
    try:
        return Context.from_dict(data.get("context"))
    except ValueError as exc:
        raise BadRequest(str(exc)) from None


class Api:
    """The endpoints over one :class:`Assistant` (immutable, so shared by every request)."""

    def __init__(self, bot: Assistant) -> None:
        self.bot = bot

    async def ask(self, request: Request) -> JSONResponse:
        """``{"question", "context"}`` → the reply as ``botox-faq ask --json`` prints it, with its ``context``."""
        data = await read_json(request)
        question = _text(data, "question", MAX_QUESTION)
        return JSONResponse(self.bot.ask(question, context=_context(data)).to_dict())

    async def choose(self, request: Request) -> JSONResponse:
        """``{"question", "choice", "context"}``: pick choice ``n`` of the ambiguous reply to ``question``.

        ``question`` and ``context`` are those of the ambiguous reply (its ``context`` field).
        """
        data = await read_json(request)
        question = _text(data, "question", MAX_QUESTION)
        number = data.get("choice")
        if isinstance(number, bool) or not isinstance(number, int):
            raise BadRequest("'choice' must be the number of one of the reply's choices")
        context = _context(data)
        ambiguous = self.bot.ask(question, context=context)  # the same question in the same context: the same choices
        try:
            reply = self.bot.choose(dataclasses.replace(ambiguous, context=context), number)
        except ValueError as exc:
            raise BadRequest(str(exc)) from None
        return JSONResponse(reply.to_dict())

    async def topics(self, request: Request) -> JSONResponse:
        """What the pack answers: its topics with the question to ask, the quiz topics and the disclaimer."""
        kb = self.bot.knowledge
        return JSONResponse({
            "title": kb.pack.title or kb.pack.name,
            "guide": kb.pack.guide,
            "disclaimer": kb.pack.disclaimer,
            "topics": [{"id": i.id, "title": i.title, "ask": i.ask} for i in kb.domain_intents if i.ask],
            "not_covered": [{"id": t.id, "title": t.title} for t in kb.not_covered],
            "quiz_topics": [{"id": t, "title": kb.title_of(t)} for t in available_topics(kb)],
        })

    async def healthz(self, request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    # -- the quiz: the state travels in "quiz" -------------------------------------------------
    async def quiz_start(self, request: Request) -> JSONResponse:
        """``{"topics": [ids] or null, "count": n or null}`` → the start and first question events, and ``quiz``."""
        data = await read_json(request)
        topics, count = data.get("topics"), data.get("count")
        if topics is not None and not (isinstance(topics, list) and all(isinstance(t, str) for t in topics)):
            raise BadRequest("'topics' must be a list of topic ids, or null for every topic")
        if count is not None and (isinstance(count, bool) or not isinstance(count, int)
                                  or not 1 <= count <= MAX_QUIZ_COUNT):
            raise BadRequest(f"'count' must be a whole number from 1 to {MAX_QUIZ_COUNT}, or null for all")
        try:
            quiz = Quiz(self.bot.knowledge, topics=topics, count=count)
        except QuizError as exc:
            raise BadRequest(str(exc)) from None
        item = quiz.next_question()
        events = [start_event(self.bot.knowledge.pack.disclaimer, quiz.total)]
        events += [question_event(item)] if item else []
        return JSONResponse({"events": events, "quiz": quiz.to_dict()})

    async def quiz_answer(self, request: Request) -> JSONResponse:
        """``{"quiz", "answer"}`` → the feedback, then the next question or the summary; ``quiz`` is null once over."""
        data = await read_json(request)
        answer = _text(data, "answer", 1000)
        if "quiz" not in data:
            raise BadRequest("missing field 'quiz' (the state the last quiz reply gave)")
        try:
            quiz = Quiz.from_dict(self.bot.knowledge, data["quiz"])
        except QuizError as exc:
            raise BadRequest(str(exc)) from None
        item = quiz.current or quiz.next_question()
        if item is None:
            raise BadRequest("this quiz is over; start a new one")
        feedback = quiz.answer(answer)
        events = [feedback_event(item, feedback, answer)]
        if feedback.status != "unclear":
            following = None if feedback.status == "quit" else quiz.next_question()
            if following is not None:
                events.append(question_event(following))
            else:
                ended = "quit" if feedback.status == "quit" else "done"
                events.append(summary_event(quiz.summary(), ended, self.bot.knowledge.title_of))
                return JSONResponse({"events": events, "quiz": None})
        return JSONResponse({"events": events, "quiz": quiz.to_dict()})
