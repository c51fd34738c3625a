"""Tab completion: slash commands, quiz topics (and "all") after ``/quiz``, and the questions the guide answers.

Matching is by prefix or by word starts ("side eff" finds "What side effects
can Botox have?"), case-insensitive; the whole line is replaced.

>>> from prompt_toolkit.document import Document
>>> from assistant import load_knowledge
>>> c = ChatCompleter(load_knowledge())
>>> [x.text for x in c.get_completions(Document("/he"), None)]
['/help']
>>> [x.text for x in c.get_completions(Document("/quiz side"), None)]
['/quiz side-effects']
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator

from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document

from ..knowledge.records import Knowledge
from ..quiz.engine import available_topics
from ..understanding.text import normalise
from .commands import COMMANDS

__all__ = ["ChatCompleter", "MAX_COMPLETIONS", "word_start_match"]

MAX_COMPLETIONS = 12
MIN_QUESTION_CHARS = 2


def word_start_match(typed: str, candidate: str) -> bool:
    """True when every typed word begins a word of the candidate, in order.

    >>> word_start_match("side eff", "What side effects can Botox have?")
    True
    >>> word_start_match("eff side", "What side effects can Botox have?")
    False
    """
    words = normalise(candidate).split()
    position = 0
    for part in normalise(typed).split():
        while position < len(words) and not words[position].startswith(part):
            position += 1
        if position == len(words):
            return False
        position += 1
    return True


class ChatCompleter(Completer):
    """Completes commands, ``/quiz`` topics and known questions. A bug here never ends the chat.

    ``on_error`` is called with a one-line message if completing fails.
    """

    def __init__(self, knowledge: Knowledge, on_error: Callable[[str], None] | None = None):
        self.on_error = on_error
        self.commands = tuple((c.name, c.help) for c in COMMANDS)
        self.topics: tuple[tuple[str, str], ...] = (("all", "every quiz question"),) + tuple(
            (t, knowledge.title_of(t)) for t in available_topics(knowledge))
        questions: dict[str, str] = {}
        for intent in knowledge.intents:
            if intent.kind == "urgent":
                continue
            for text in ((intent.ask,) if intent.ask else ()) + tuple(intent.examples):
                questions.setdefault(text, intent.title)
        self.questions = tuple(questions.items())  # ask lines first, as written in the guide

    def get_completions(self, document: Document, complete_event: CompleteEvent | None) -> Iterator[Completion]:
        try:
            yield from self._completions(document.text_before_cursor)
        except Exception as exc:  # noqa: BLE001 - a completion bug must not end the chat
            if self.on_error is not None:
                self.on_error(f"Completion failed ({type(exc).__name__}: {exc}); carrying on.")

    def _completions(self, text: str) -> Iterator[Completion]:
        stripped = text.lstrip()
        if stripped.startswith("/"):
            name, space, argument = stripped.partition(" ")
            if not space:
                yield from self._complete(text, stripped, self.commands, prefix_only=True)
            elif name.lower() == "/quiz":
                options = tuple((f"/quiz {t}", title) for t, title in self.topics)
                yield from self._complete(text, stripped, options, argument=argument)
            return
        if len(stripped) >= MIN_QUESTION_CHARS:
            yield from self._complete(text, stripped, self.questions)

    def _complete(self, text: str, typed: str, options: Iterable[tuple[str, str]], *, prefix_only: bool = False,
                  argument: str | None = None) -> Iterator[Completion]:
        lowered = typed.lower()
        first, later = [], []
        for option, meta in options:
            if option.lower() == lowered:
                continue
            if option.lower().startswith(lowered):
                first.append((option, meta))
            elif not prefix_only and word_start_match(argument if argument is not None else typed,
                                                      option if argument is None else option[6:]):
                later.append((option, meta))
        for option, meta in (first + later)[:MAX_COMPLETIONS]:
            yield Completion(option, start_position=-len(text), display_meta=meta)

