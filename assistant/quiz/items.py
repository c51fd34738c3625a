"""A quiz question as asked: its number, its options in the order shown and their letters."""

from __future__ import annotations

from dataclasses import dataclass

from ..knowledge.records import QuizQuestion
from .reading import LETTERS

__all__ = ["TRUE_FALSE", "QuizItem"]

TRUE_FALSE = ("True", "False")  # how a true/false question's options are shown


@dataclass(frozen=True)
class QuizItem:
    """A question as asked: its place in the round, the options in the order shown, whether it is a second try.

    For multiple choice the options are shuffled and shown as ``a)``, ``b)``...;
    a true/false question has the options ``("True", "False")``. Show
    ``item.options`` (the shown order, which the letters and answers refer
    to), never ``item.question.options`` (the order in the knowledge file). Retries are
    numbered within the round of retries (``number`` of ``total``).
    """

    number: int
    total: int
    question: QuizQuestion
    options: tuple[str, ...]  # as shown, matching the letters; question.options is the file's order
    retry: bool = False

    @property
    def letters(self) -> str:
        """The letters the options are shown with ("abcd"); empty for true/false."""
        return LETTERS[: len(self.options)] if self.question.kind == "choice" else ""

    @property
    def correct_index(self) -> int:
        """Where the right answer stands in :attr:`options`."""
        if self.question.kind == "choice":
            return self.options.index(self.question.answer)
        return 0 if self.question.answer == "true" else 1

    def shown(self, index: int) -> str:
        """An option as the person sees it: ``"b) A neurotoxin"``, or ``"True"``."""
        if self.question.kind == "choice":
            return f"{LETTERS[index]}) {self.options[index]}"
        return self.options[index]
