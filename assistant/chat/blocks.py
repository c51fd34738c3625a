"""What the chat session asks a front end to show or do: small frozen records, drawn by render.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from ..core import Reply
from ..quiz.engine import Feedback, QuizItem, Summary

__all__ = [
    "Block", "ClearScreen", "ForgetHistory", "Goodbye", "Message", "ShowDisclaimer", "ShowFeedback", "ShowHelp",
    "ShowQuizOffer", "ShowQuizQuestion", "ShowQuizStart", "ShowReply", "ShowSummary", "ShowTopics", "ShowWelcome",
    "ShowWhy",
]


@dataclass(frozen=True)
class Message:
    """A line of the chat's own: ``style`` is "info", "hint" or "error"."""

    text: str
    style: str = "info"


@dataclass(frozen=True)
class ShowWelcome:
    """The greeting: what the chat answers, how to get help, the full disclaimer."""


@dataclass(frozen=True)
class ShowReply:
    """One reply of the assistant."""

    reply: Reply


@dataclass(frozen=True)
class ShowHelp:
    """The command list and how to use the chat."""


@dataclass(frozen=True)
class ShowTopics:
    """What the chat can answer, grouped."""


@dataclass(frozen=True)
class ShowDisclaimer:
    """The full disclaimer."""


@dataclass(frozen=True)
class ShowWhy:
    """How the last question was decided; ``chosen_from`` is the ambiguous reply a choice came from."""

    reply: Reply
    chosen_from: Reply | None = None


@dataclass(frozen=True)
class ShowQuizOffer:
    """An offer of one quiz question on the topic just answered (y/n)."""

    title: str


@dataclass(frozen=True)
class ShowQuizStart:
    """A quiz begins: on these topics (none: all of them), ``total`` questions.

    ``whole`` is how many questions the quiz on everything has, when this one is a short sample of it.
    """

    titles: tuple[str, ...]
    total: int
    whole: int | None = None


@dataclass(frozen=True)
class ShowQuizQuestion:
    """A quiz question; ``check`` is True for a single question offered after an answer."""

    item: QuizItem
    check: bool = False


@dataclass(frozen=True)
class ShowFeedback:
    """The verdict on one quiz answer."""

    feedback: Feedback
    item: QuizItem | None = None  # the question it answers
    typed: str = ""  # what the person typed (shown back when it couldn't be read)


@dataclass(frozen=True)
class ShowSummary:
    """The end of a quiz: ``ended`` "done", or early ("quit", "eof") with the score so far."""

    summary: Summary
    ended: str = "done"


@dataclass(frozen=True)
class ClearScreen:
    """Clear the terminal."""


@dataclass(frozen=True)
class ForgetHistory:
    """Delete the history file, if any, and the in-memory input history."""


@dataclass(frozen=True)
class Goodbye:
    """The chat ends."""

    text: str


Block = Union[Message, ShowWelcome, ShowReply, ShowHelp, ShowTopics, ShowDisclaimer, ShowWhy, ShowQuizOffer,
              ShowQuizStart, ShowQuizQuestion, ShowFeedback, ShowSummary, ClearScreen, ForgetHistory, Goodbye]
