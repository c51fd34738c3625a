"""The quiz: the engine (:mod:`.engine`), reading typed answers (:mod:`.reading`), finding topics
(:mod:`.topics`) and a running quiz as JSON (:mod:`.state`)."""

from .engine import Feedback, Quiz, QuizItem, Reading, Summary, available_topics, read_answer

__all__ = ["Feedback", "Quiz", "QuizItem", "Reading", "Summary", "available_topics", "read_answer"]
