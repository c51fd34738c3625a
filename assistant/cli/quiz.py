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
import sys
from typing import IO, Any, Iterable, Iterator, Literal

from ..errors import EXIT_INTERRUPTED, EXIT_OK
from ..layout.fragments import Fragments, text_of
from ..layout.quiz import quiz_feedback, quiz_question, quiz_start, quiz_summary
from ..terminal import isatty, marks_for, output_width, stdin_lines
from ..knowledge.records import Knowledge
from ..quiz.engine import Feedback, Quiz, QuizItem, Summary
from ..layout.quiz_events import feedback_event, question_event, start_event, summary_event
from ..understanding.text import printable

__all__ = ["run_quiz"]

Ending = Literal["done", "quit", "eof", "interrupted"]  # why a quiz stopped, as the summary event reports it


class _TextView:
    """The quiz for a person to read, laid out by :mod:`assistant.format` as the chat lays it out."""

    def __init__(self, out: IO[str], knowledge: Knowledge, interactive: bool) -> None:
        self.out = out
        self.knowledge = knowledge
        self.interactive = interactive
        self.width = output_width(out)
        self.marks = marks_for(getattr(out, "encoding", None))
        self.mid_line = False  # a prompt waits on the line (a Ctrl-C or Ctrl-D there needs a newline)

    def write(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def show(self, fragments: Fragments) -> None:
        self.write(text_of(fragments))
        self.out.flush()

    def start(self, disclaimer: str, total: int) -> None:
        self.show(quiz_start(total, self.width, disclaimer=disclaimer))

    def question(self, item: QuizItem) -> None:
        self.write()
        self.show(quiz_question(item, self.width))

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
        self.show(quiz_feedback(feedback, self.width, item=item, typed=line, marks=self.marks))

    def summary(self, summary: Summary, ended: Ending) -> None:
        if self.mid_line:
            self.write()
        self.write()
        self.show(quiz_summary(summary, self.width, ended=ended, title=self.knowledge.title_of))


class _JsonView:
    """One JSON object per line for each event (:mod:`assistant.quiz_events`): start, question, feedback, summary."""

    def __init__(self, out: IO[str], knowledge: Knowledge) -> None:
        self.out = out
        self.knowledge = knowledge

    def emit(self, event: dict[str, Any]) -> None:
        self.out.write(json.dumps(event, ensure_ascii=False) + "\n")
        self.out.flush()

    def start(self, disclaimer: str, total: int) -> None:
        self.emit(start_event(disclaimer, total))

    def question(self, item: QuizItem) -> None:
        self.emit(question_event(item))

    def ask(self, item: QuizItem) -> None:
        pass

    def heard(self, item: QuizItem, line: str) -> None:
        pass

    def feedback(self, item: QuizItem, feedback: Feedback, line: str) -> None:
        self.emit(feedback_event(item, feedback, line))

    def summary(self, summary: Summary, ended: Ending) -> None:
        self.emit(summary_event(summary, ended, self.knowledge.title_of))


def _play(quiz: Quiz, view: _TextView | _JsonView, lines: Iterator[str]) -> Ending:
    """Ask until the quiz ends, the person quits or the input does; returns how it ended (an Ending)."""
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
        interactive = isatty(sys.stdin)
    else:
        lines, interactive = iter(input_lines), False
    view: _TextView | _JsonView = _JsonView(out, knowledge) if getattr(args, "json", False) else \
        _TextView(out, knowledge, interactive)
    view.start(knowledge.pack.disclaimer, quiz.total)
    try:
        ended = _play(quiz, view, lines)
    except KeyboardInterrupt:
        ended = "interrupted"
    view.summary(quiz.summary(), ended)
    return EXIT_INTERRUPTED if ended == "interrupted" else EXIT_OK
