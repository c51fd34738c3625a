"""``botox-faq quiz``: the quiz engine over standard input and output.

Answers are read one per line, from a terminal (with a prompt) or a pipe (the
answer is echoed after the prompt so the transcript reads well). ``--json``
prints one JSON object per event instead, and nothing else. End of input or
Ctrl-C in the middle still prints the score so far. Nothing is written to disk.

>>> import argparse, io
>>> from assistant.knowledge import load_knowledge
>>> out = io.StringIO()
>>> args = argparse.Namespace(topic=["consultation"], count=1, seed=3, json=False)
>>> run_quiz(load_knowledge(), args, out, input_lines=["skip"])
0
>>> print(out.getvalue().splitlines()[-1])
Read again: ask me 'Do I need a consultation before Botox?'
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from typing import IO, Any, Iterable, Iterator

from .cli import stdin_lines
from .format import wrap
from .knowledge import Knowledge
from .quiz import Feedback, Quiz, QuizItem, Summary
from .text import printable

__all__ = ["run_quiz"]

EXIT_OK, EXIT_INTERRUPTED = 0, 130
ENDINGS = ("done", "quit", "eof", "interrupted")  # why a quiz stopped, as the summary event reports it


class _TextView:
    """The quiz for a person to read: questions, lettered options, feedback and the score."""

    def __init__(self, out: IO[str], knowledge: Knowledge, interactive: bool) -> None:
        self.out = out
        self.knowledge = knowledge
        self.interactive = interactive
        self.width = min(100, shutil.get_terminal_size((80, 24)).columns) if _isatty(out) else 80
        self.right, self.wrong = ("✓", "✗") if _can_encode(out, "✓✗") else ("+", "x")
        self.mid_line = False  # a prompt waits on the line (a Ctrl-C or Ctrl-D there needs a newline)

    def write(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def start(self, disclaimer: str, total: int) -> None:
        self.write(wrap(disclaimer, self.width))
        self.write()
        self.write(wrap(f"Quiz: {total} question{'s' * (total != 1)}. Answer with a letter or the answer itself; "
                        '"skip" to pass, "quit" to stop. Questions you miss come back once at the end.', self.width))

    def question(self, item: QuizItem) -> None:
        if item.retry and item.number == 1:
            self.write()
            self.write(f"Second try: the question{'s' * (item.total != 1)} you missed, once more.")
        self.write()
        self.write(f"{'Once more' if item.retry else 'Question'} {item.number}/{item.total}")
        self.write(wrap(item.question.question, self.width))
        if item.letters:
            for index in range(len(item.options)):
                self.write(wrap(item.shown(index), self.width, "  "))
        self.out.flush()

    def prompt(self, item: QuizItem) -> str:
        hint = f"a-{item.letters[-1]}" if item.letters else "true/false"
        return f"Your answer ({hint}, skip, quit): "

    def ask(self, item: QuizItem) -> None:
        if self.interactive:
            self.out.write(self.prompt(item))
            self.out.flush()
            self.mid_line = True

    def heard(self, item: QuizItem, line: str) -> None:
        self.mid_line = False
        if not self.interactive:  # nobody saw it typed: show what was read
            self.write(self.prompt(item) + printable(line))

    def feedback(self, item: QuizItem, feedback: Feedback, line: str) -> None:
        if feedback.status == "unclear":
            what = printable(line, 60)
            choices = f"a letter from a to {item.letters[-1]}, the answer itself" if item.letters else "true or false"
            self.write(wrap(f'I couldn\'t read "{what}" as an answer. Type {choices}, "skip" or "quit".'
                            if what else f'Please type {choices}, "skip" or "quit".', self.width))
        elif feedback.status == "correct":
            self.write(wrap(f"{self.right} Correct: {feedback.correct_answer}", self.width))
        elif feedback.status == "wrong":
            self.write(wrap(f"{self.wrong} Not quite: you answered {feedback.given}.", self.width))
            self.write(wrap(f"The answer is {feedback.correct_answer}.", self.width))
        elif feedback.status == "skipped":
            self.write(wrap(f"Skipped. The answer is {feedback.correct_answer}.", self.width))
        else:
            self.write("Stopping the quiz.")
        if feedback.explanation:
            self.write(wrap(feedback.explanation, self.width - 2, "  "))
        self.out.flush()

    def summary(self, summary: Summary, ended: str) -> None:
        if self.mid_line:
            self.write()
        self.write()
        if ended != "done":
            what = {"quit": "Stopped", "eof": "End of input", "interrupted": "Interrupted"}[ended]
            if summary.asked < summary.total:
                self.write(f"{what} after {summary.asked} of {summary.total} question{'s' * (summary.total != 1)}.")
            else:
                self.write(f"{what} during the second tries.")
        label = "Score" if ended == "done" else "Score so far"
        if summary.asked:
            self.write(f"{label}: {summary.correct}/{summary.asked} ({round(100 * summary.score)}%)")
        else:
            self.write(f"{label}: no questions answered yet.")
        if summary.retried:
            self.write(f"Second tries: {summary.recovered} of {summary.retried} right.")
        if summary.per_topic:
            self.write("By topic:")
            for topic, correct, total in summary.per_topic:
                self.write(f"  {self._title(topic)}: {correct}/{total}")
        for question in summary.review_questions:
            self.write(f"Read again: ask me {question!r}")
        self.out.flush()

    def _title(self, topic: str) -> str:
        try:
            return self.knowledge.intent(topic).title
        except KeyError:
            return topic


class _JsonView:
    """One JSON object per line for each event: start, question, feedback, summary."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def emit(self, event: dict[str, Any]) -> None:
        self.out.write(json.dumps(event, ensure_ascii=False) + "\n")
        self.out.flush()

    def start(self, disclaimer: str, total: int) -> None:
        self.emit({"event": "start", "disclaimer": disclaimer, "total": total})

    def question(self, item: QuizItem) -> None:
        q = item.question
        self.emit({"event": "question", "number": item.number, "total": item.total, "id": q.id, "kind": q.kind,
                   "question": q.question, "options": list(item.options), "retry": item.retry})

    def ask(self, item: QuizItem) -> None:
        pass

    def heard(self, item: QuizItem, line: str) -> None:
        pass

    def feedback(self, item: QuizItem, feedback: Feedback, line: str) -> None:
        self.emit({"event": "feedback", "id": item.question.id, "status": feedback.status,
                   "correct": feedback.correct, "given": feedback.given,
                   "correct_answer": feedback.correct_answer, "explanation": feedback.explanation})

    def summary(self, summary: Summary, ended: str) -> None:
        self.emit({
            "event": "summary", "ended": ended, "total": summary.total, "asked": summary.asked,
            "correct": summary.correct, "wrong": summary.wrong, "skipped": summary.skipped,
            "score": round(summary.score, 4), "retried": summary.retried, "recovered": summary.recovered,
            "per_topic": [{"topic": t, "correct": c, "total": n} for t, c, n in summary.per_topic],
            "review": list(summary.review), "review_questions": list(summary.review_questions),
        })


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def _can_encode(out: IO[str], text: str) -> bool:
    try:
        text.encode(getattr(out, "encoding", None) or "utf-8")
    except (LookupError, UnicodeEncodeError):
        return False
    return True


def _play(quiz: Quiz, view: _TextView | _JsonView, lines: Iterator[str]) -> str:
    """Ask until the quiz ends, the person quits or the input does; returns how it ended (see ENDINGS)."""
    while True:
        item = quiz.next_question()
        if item is None:
            return "done"
        view.question(item)
        while quiz.current is not None:
            view.ask(item)
            line = next(lines, None)
            if line is None:
                return "eof"
            view.heard(item, line)
            feedback = quiz.answer(line)
            view.feedback(item, feedback, line)
            if feedback.status == "quit":
                return "quit"


def run_quiz(knowledge: Knowledge, args: argparse.Namespace, out: IO[str],
             input_lines: Iterable[str] | None = None) -> int:
    """Run a quiz on ``out``, reading answers from ``input_lines`` (default: stdin); returns the exit status.

    ``args`` carries ``topic`` (a list of intent ids or None), ``count``,
    ``seed`` and ``json``. Raises :class:`~assistant.errors.QuizError` before
    printing anything if the topics are unknown or hold no questions.
    """
    quiz = Quiz(knowledge, topics=getattr(args, "topic", None), count=getattr(args, "count", None),
                seed=getattr(args, "seed", None))
    if input_lines is None:
        lines: Iterator[str] = stdin_lines()
        interactive = _isatty(sys.stdin)
    else:
        lines, interactive = iter(input_lines), False
    view: _TextView | _JsonView = _JsonView(out) if getattr(args, "json", False) else \
        _TextView(out, knowledge, interactive)
    view.start(knowledge.pack.disclaimer, quiz.total)
    try:
        ended = _play(quiz, view, lines)
    except KeyboardInterrupt:
        ended = "interrupted"
    view.summary(quiz.summary(), ended)
    return EXIT_INTERRUPTED if ended == "interrupted" else EXIT_OK
