"""The bottom toolbar: the current topic, the quiz score, and the keys worth knowing.

It shortens itself to fit: key hints go first, then the topic is cut.

>>> from assistant import Assistant
>>> from assistant.chat.session import ChatSession
>>> chat = ChatSession(Assistant(), offers=False)
>>> _ = chat.handle("does botox hurt?")
>>> "".join(text for _, text in toolbar_fragments(chat, 80))
' Topic: Pain from the injections │ /help  /quiz  Ctrl-D quit '
"""

from __future__ import annotations

from typing import Callable

from prompt_toolkit.application import get_app_or_none
from prompt_toolkit.formatted_text import StyleAndTextTuples, fragment_list_width

from .session import ChatSession

__all__ = ["create_toolbar_tokens_func", "toolbar_fragments"]

Fragments = StyleAndTextTuples
_SEPARATOR = " │ "
_KEYS: Fragments = [("class:bottom-toolbar.key", "/help"), ("", "  "), ("class:bottom-toolbar.key", "/quiz"),
                    ("", "  "), ("class:bottom-toolbar.key", "Ctrl-D"), ("", " quit")]


def _status(chat: ChatSession) -> list[Fragments]:
    parts: list[Fragments] = []
    stats = chat.stats
    if chat.quiz is not None and not chat.quiz_is_check:
        asked, total = stats.quiz_asked, stats.quiz_total
        score = f"{stats.quiz_correct}/{asked} right" if asked else f"{total} questions"
        parts.append([("", f"Quiz: {score}")])
    elif stats.quizzes:
        parts.append([("", f"Last quiz: {stats.quiz_correct}/{stats.quiz_asked}")])
    if chat.topic_title:
        parts.append([("", "Topic: "), ("class:bottom-toolbar.topic", chat.topic_title)])
    hints = {"choice": "type a number", "offer": "y/n", "check": "a letter, or skip"}
    if chat.mode in hints:
        parts.append([("", hints[chat.mode])])
    return parts


def toolbar_fragments(chat: ChatSession, columns: int) -> Fragments:
    """The toolbar for a window ``columns`` wide."""
    parts = _status(chat) + [_KEYS]
    while len(parts) > 1 and fragment_list_width(_join(parts)) > columns:
        parts.pop()  # key hints go first when there is no room; /help is in the welcome
    line = _join(parts)
    if fragment_list_width(line) > columns:
        text = "".join(fragment[1] for fragment in line)
        line = [("", text[: max(0, columns - 1)] + "…")]
    return line


def _join(parts: list[Fragments]) -> Fragments:
    line: Fragments = [("", " ")]
    for n, part in enumerate(parts):
        if n:
            line.append(("", _SEPARATOR))
        line += part
    return line + [("", " ")]


def create_toolbar_tokens_func(chat: ChatSession, on_error: Callable[[str], None] | None = None
                               ) -> Callable[[], Fragments]:
    """The ``bottom_toolbar`` callable for a PromptSession over ``chat``."""

    def tokens() -> Fragments:
        app = get_app_or_none()
        columns = app.output.get_size().columns if app is not None else 80
        try:
            return toolbar_fragments(chat, columns)
        except Exception as exc:  # noqa: BLE001 - a toolbar bug must not end the chat
            if on_error is not None:
                on_error(f"Toolbar failed ({type(exc).__name__}: {exc}).")
            return [("", " /help  Ctrl-D quit ")]

    return tokens
