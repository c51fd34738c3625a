"""The library's exceptions and the problem records that knowledge validation returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning"]

__all__ = [
    "EXIT_FAILED", "EXIT_INTERNAL", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE", "AssistantError", "KnowledgeError",
    "Problem", "QuizError",
]

# Exit statuses of the command line (and of the chat and the server it runs).
EXIT_OK = 0  # done
EXIT_FAILED = 1  # a check failed: eval below --min-accuracy, validate found errors
EXIT_USAGE = 2  # bad usage or input: wrong arguments, an unreadable file, a broken knowledge pack
EXIT_INTERNAL = 70  # a bug (EX_SOFTWARE in sysexits.h)
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or doubtful) in a knowledge pack, with where it is.

    >>> str(Problem("knowledge/intents.yaml", 12, 5, "intent 'provider' has no answer"))
    "knowledge/intents.yaml:12:5: intent 'provider' has no answer"
    """

    path: str
    line: int
    column: int
    message: str
    level: Level = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        prefix = "warning: " if self.level == "warning" else ""
        return f"{where}: {prefix}{self.message}"


class AssistantError(Exception):
    """Base class of every error the library raises on purpose."""


class KnowledgeError(AssistantError):
    """A knowledge pack could not be loaded; the message names file, line and problem."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(problems)
        first = str(self.problems[0]) if self.problems else "invalid knowledge pack"
        more = len(self.problems) - 1
        super().__init__(first if more <= 0 else f"{first} (and {more} more problem{'s' if more > 1 else ''})")


class QuizError(AssistantError):
    """A quiz cannot be started as asked (an unknown topic, no questions left)."""
