"""What a chat has counted: questions, answers, urgent replies and the running quiz's score."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Stats"]


@dataclass
class Stats:
    """Counts for the toolbar and for tests."""

    questions: int = 0
    answers: int = 0
    urgent: int = 0
    quiz_asked: int = 0  # in the current (or last) full quiz
    quiz_correct: int = 0
    quiz_total: int = 0
    quizzes: int = 0
