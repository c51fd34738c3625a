"""The chat's slash commands: one table of name, aliases, arguments, help and handler, which drives the
chat's dispatch, ``/help`` and completion; parsing, and the nearest name for a typo.

>>> parse_command("/quiz side-effects")
('/quiz', 'side-effects')
>>> lookup("/exit").name
'/quit'
>>> nearest("/hepl")
'/help'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from rapidfuzz import fuzz, process

from .blocks import Block, ClearScreen, Message, ShowDisclaimer, ShowHelp, ShowTopics, ShowWhy

if TYPE_CHECKING:
    from .session import ChatSession

__all__ = ["COMMANDS", "Command", "QUIT_WORDS", "lookup", "nearest", "parse_command"]


@dataclass(frozen=True)
class Command:
    """A slash command: its name, what it takes, what it does, other names for it, and what runs it
    (the chat and the text after the name in, the blocks to show out)."""

    name: str
    args: str
    help: str
    run: Callable[[ChatSession, str], list[Block]] = field(repr=False, compare=False)
    aliases: tuple[str, ...] = ()


def _why(chat: ChatSession, argument: str) -> list[Block]:
    if chat.last_reply is None:
        return [Message("Nothing to explain yet: ask me a question first.", "hint")]
    return [ShowWhy(chat.last_reply, chat.chosen_from)]


COMMANDS: tuple[Command, ...] = (
    Command("/help", "", "what you can type, and these commands", lambda chat, argument: [ShowHelp()], ("/?", "/h")),
    Command("/topics", "", "what I can answer, grouped by subject", lambda chat, argument: [ShowTopics()]),
    Command("/quiz", "[topic]", "test what you know (all topics, or one)", lambda chat, argument: chat.quiz_command(argument)),
    Command("/why", "", "how I understood your last question", _why),
    Command("/disclaimer", "", "the full disclaimer", lambda chat, argument: [ShowDisclaimer()]),
    Command("/clear", "", "clear the screen", lambda chat, argument: [ClearScreen()]),
    Command("/forget", "", "forget this chat's history (and delete the history file)", lambda chat, argument: chat.forget()),
    Command("/quit", "", "leave (also: exit, quit, Ctrl-D)", lambda chat, argument: chat.quit(), ("/exit", "/q", "/bye")),
)

# Typed without a slash, these leave the chat (except during a quiz, where "quit" ends the quiz).
QUIT_WORDS = frozenset({"exit", "quit"})

_BY_NAME = {name: c for c in COMMANDS for name in (c.name, *c.aliases)}


def parse_command(line: str) -> tuple[str, str]:
    """Split ``/name argument text`` into the lower-cased name and the stripped rest."""
    name, _, rest = line.strip().partition(" ")
    return name.lower(), rest.strip()


def lookup(name: str) -> Command | None:
    """The command called ``name`` (or one of its aliases); None if there is none."""
    return _BY_NAME.get(name.lower())


def nearest(name: str, *, score_cutoff: float = 60) -> str | None:
    """The command name closest to a mistyped one, or None when nothing is close."""
    found = process.extractOne(name.lower(), [c.name for c in COMMANDS], scorer=fuzz.ratio, score_cutoff=score_cutoff)
    return found[0] if found else None
