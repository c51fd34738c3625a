"""The quiz's events as JSON objects, each with a ``message`` saying in words what happened.

``botox-faq quiz --json`` prints these one per line and the web API returns
them; the messages are the text the terminal quiz shows, unwrapped.

>>> from assistant.knowledge import load_knowledge
>>> from assistant.quiz import Quiz
>>> quiz = Quiz(load_knowledge(), topics=["consultation"], count=1, seed=3)
>>> item = quiz.next_question()
>>> event = feedback_event(item, quiz.answer("purple"), "purple")
>>> event["status"], event["message"].startswith('I couldn\\'t read "purple" as an answer. Type ')
('unclear', True)
"""

from __future__ import annotations

from typing import Any, Callable

from .fragments import text_of
from .quiz import quiz_feedback, quiz_question, quiz_start, quiz_summary
from ..quiz.engine import Feedback, QuizItem, Summary

__all__ = ["feedback_event", "question_event", "start_event", "summary_event"]

_UNWRAPPED = 100_000  # wide enough that no message is wrapped: a front end wraps for itself


def _words(fragments: list[tuple[str, str]]) -> str:
    return text_of(fragments).strip()


def start_event(disclaimer: str, total: int) -> dict[str, Any]:
    message = _words(quiz_start(total, _UNWRAPPED, disclaimer=disclaimer)).split("\n", 2)[-1]
    return {"event": "start", "disclaimer": disclaimer, "total": total, "message": message}


def question_event(item: QuizItem) -> dict[str, Any]:
    """A question as shown: ``options`` in the shown order, lettered by ``letters`` ("" for true/false)."""
    q = item.question
    return {"event": "question", "number": item.number, "total": item.total, "id": q.id, "kind": q.kind,
            "question": q.question, "options": list(item.options), "letters": item.letters, "retry": item.retry,
            "message": _words(quiz_question(item, _UNWRAPPED))}


def feedback_event(item: QuizItem, feedback: Feedback, typed: str) -> dict[str, Any]:
    return {"event": "feedback", "id": item.question.id, "status": feedback.status, "correct": feedback.correct,
            "given": feedback.given, "correct_answer": feedback.correct_answer, "explanation": feedback.explanation,
            "message": _words(quiz_feedback(feedback, _UNWRAPPED, item=item, typed=typed))}


def summary_event(summary: Summary, ended: str, title: Callable[[str], str] = str) -> dict[str, Any]:
    return {
        "event": "summary", "ended": ended, "total": summary.total, "asked": summary.asked,
        "correct": summary.correct, "wrong": summary.wrong, "skipped": summary.skipped,
        "score": round(summary.score, 4), "retried": summary.retried, "recovered": summary.recovered,
        "per_topic": [{"topic": t, "correct": c, "total": n} for t, c, n in summary.per_topic],
        "review": list(summary.review), "review_questions": list(summary.review_questions),
        "message": _words(quiz_summary(summary, _UNWRAPPED, ended=ended, title=title)),
    }
