"""The quiz laid out for a person: how it starts, a question and its options, the verdict on an answer,
and the score."""

from __future__ import annotations

from typing import Callable, Iterable

from ..quiz.engine import Feedback, QuizItem, Summary
from ..understanding.text import printable
from .fragments import NEWLINE, Fragments, hang, lead, para, prefixed

__all__ = ["quiz_feedback", "quiz_question", "quiz_start", "quiz_summary"]

_STOPPED = {"quit": "Stopped", "eof": "End of input", "interrupted": "Interrupted"}  # how a quiz ended early


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def quiz_start(total: int, width: int, *, disclaimer: str, titles: Iterable[str] = ()) -> Fragments:
    """The disclaimer, what the quiz holds and how to answer."""
    on = ", ".join(titles)
    return para("disclaimer", disclaimer, width) + NEWLINE + para(
        "quiz", f"Quiz{f' on {on}' if on else ''}: {_plural(total, 'question')}.", width) + para(
        "hint", 'Answer with a letter or the answer itself; "skip" to pass, "quit" to stop. '
                "Questions you miss come back once at the end.", width)


def quiz_question(item: QuizItem, width: int, *, heading: str | None = None) -> Fragments:
    """A question and its lettered options, under ``heading`` (by default "Question 2/5", or "Once more 1/2")."""
    out: Fragments = []
    if heading is None:
        if item.retry and item.number == 1:
            out += para("hint", f"Second try: the {'questions' if item.total != 1 else 'question'} you missed, "
                                "once more.", width) + NEWLINE
        heading = f"{'Once more' if item.retry else 'Question'} {item.number}/{item.total}"
    out += para("quiz", heading, width) + para("label", item.question.question, width)
    for letter, option in zip(item.letters, item.options):  # true/false has no letters: the question says it
        out += prefixed("number", f"  {letter}) ", option, width)
    return out


def quiz_feedback(feedback: Feedback, width: int, *, item: QuizItem | None = None, typed: str = "",
                  marks: tuple[str, str] = ("✓", "✗")) -> Fragments:
    """The verdict on one answer, and the explanation; for an unclear answer, what can be typed."""
    right, wrong = marks
    answer = feedback.correct_answer
    if feedback.status == "unclear":
        if item is not None and item.letters:
            choices = f"a letter from a to {item.letters[-1]}, the answer itself"
        elif item is not None:
            choices = "true or false"
        else:
            choices = "a letter or the answer itself"
        what = printable(typed, 60)
        return para("hint", f'I couldn\'t read "{what}" as an answer. Type {choices}, "skip" or "quit".' if what
                    else f'Please type {choices}, "skip" or "quit".', width)
    if feedback.status == "quit":
        return para("hint", "Stopping the quiz.", width)
    if feedback.status == "correct":
        out = lead("correct", f"{right} Correct:", f" {answer}", width)
    elif feedback.status == "wrong":
        out = lead("wrong", f"{wrong} Not quite:", f" you answered {feedback.given}.", width)
        out += para("", f"The answer is {answer}.", width)
    else:
        out = para("hint", f"Skipped. The answer is {answer}.", width)
    if feedback.explanation:
        out += para("", feedback.explanation, width - 2, "  ")
    return out


def quiz_summary(summary: Summary, width: int, *, ended: str = "done",
                 title: Callable[[str], str] = str) -> Fragments:
    """The score, by topic, and what to read again.

    ``ended`` is "done", or how the quiz stopped early ("quit", "eof",
    "interrupted"): then it is the score so far. ``title`` names a topic
    (an intent id) for a person.
    """
    out: Fragments = []
    if ended != "done":
        what = _STOPPED.get(ended, "Stopped")
        if summary.asked < summary.total:
            out += para("hint", f"{what} after {summary.asked} of {_plural(summary.total, 'question')}.", width)
        else:
            out += para("hint", f"{what} during the second tries.", width)
    label = "Score" if ended == "done" else "Score so far"
    if summary.asked:
        out += para("score", f"{label}: {summary.correct}/{summary.asked} ({round(100 * summary.score)}%)", width)
    else:
        out += para("score", f"{label}: no questions answered yet.", width)
    if summary.retried:
        out += para("", f"Second tries: {summary.recovered} of {summary.retried} right.", width)
    if summary.per_topic:
        out += [("label", "By topic:\n")]
        for topic, correct, total in summary.per_topic:
            out += [("", hang("  ", f"{title(topic)}: {correct}/{total}", width) + "\n")]
    for question in summary.review_questions:
        out += lead("label", "Read again:", f" ask me {question!r}", width, "suggestion")
    return out
