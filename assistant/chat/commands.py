"""The chat's slash commands: one table, parsing, and the nearest name for a typo.

>>> parse_command("/quiz side-effects")
('/quiz', 'side-effects')
>>> lookup("/exit").name
'/quit'
>>> nearest("/hepl")
'/help'
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

__all__ = ["COMMANDS", "Command", "QUIT_WORDS", "lookup", "nearest", "parse_command"]


@dataclass(frozen=True)
class Command:
    """A slash command: its name, what it takes, what it does and other names for it."""

    name: str
    args: str
    help: str
    aliases: tuple[str, ...] = ()


COMMANDS: tuple[Command, ...] = (
    Command("/help", "", "what you can type, and these commands", ("/?", "/h")),
    Command("/topics", "", "what I can answer, grouped by subject"),
    Command("/quiz", "[topic]", "test what you know (all topics, or one)"),
    Command("/why", "", "how I understood your last question"),
    Command("/disclaimer", "", "the full disclaimer"),
    Command("/clear", "", "clear the screen"),
    Command("/forget", "", "forget this chat's history (and delete the history file)"),
    Command("/quit", "", "leave (also: exit, quit, Ctrl-D)", ("/exit", "/q", "/bye")),
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
