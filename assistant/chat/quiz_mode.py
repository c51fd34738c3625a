"""The chat's quiz mode: offering one question after some answers, full and short quizzes, and answers
typed while a quiz runs. A part of :class:`~assistant.chat.session.ChatSession`, kept apart so the
session's own work (questions, choices, commands) reads on its own."""

from __future__ import annotations

import random

from ..core import Assistant, Context, Reply
from ..errors import QuizError
from ..knowledge.records import Knowledge
from ..quiz.engine import Quiz
from ..quiz.topics import EVERYTHING, TopicFinder
from ..understanding.text import normalise, printable
from .blocks import Block, Message, ShowFeedback, ShowQuizOffer, ShowQuizQuestion, ShowQuizStart, ShowSummary
from .stats import Stats

__all__ = ["SHORT_QUIZ", "QuizMode"]

_URGENT_QUIET_TURNS = 3  # no quiz offer until this many replies after an urgent one
SHORT_QUIZ = 5  # questions in "quiz me", spread over the topics; /quiz asks every one


class QuizMode:
    """The quiz state of a chat and what changes it; the session provides the rest."""

    assistant: Assistant
    knowledge: Knowledge
    context: Context
    stats: Stats
    offers: bool
    offer_every: int
    offer_chance: float
    quiz: Quiz | None
    quiz_is_check: bool
    pending_offer: str | None
    pending_choices: Reply | None
    quiz_topics: tuple[str, ...]
    _rng: random.Random
    _answers_since_offer: int
    _since_urgent: int | None
    _seen_questions: set[str]
    _topics: TopicFinder

    def _show(self, reply: Reply, chosen_from: Reply | None = None) -> list[Block]:
        raise NotImplementedError  # the session shows a reply

    # -- quiz offers after an answer -----------------------------------------------------------
    def topics_for(self, intent_id: str) -> tuple[str, ...]:
        """The quiz topics with questions that check an intent's answer."""
        return self._topics.topics_for(intent_id)

    def _maybe_offer(self, intent_id: str) -> list[Block]:
        if not self.offers:
            return []
        self._answers_since_offer += 1
        if self._answers_since_offer < self.offer_every:
            return []
        if self._since_urgent is not None and self._since_urgent < _URGENT_QUIET_TURNS:
            return []
        if not self.topics_for(intent_id) or self._rng.random() >= self.offer_chance:
            return []
        self._answers_since_offer = 0
        self.pending_offer = intent_id
        return [ShowQuizOffer(self.knowledge.intent(intent_id).title)]

    def _start_check(self) -> list[Block]:
        intent_id, self.pending_offer = self.pending_offer or "", None
        quiz, item = None, None
        for _ in range(5):  # a few tries for a question not yet asked in this chat
            try:
                quiz = self._new_quiz(self.topics_for(intent_id), 1)
            except QuizError as exc:
                return [Message(str(exc), "error")]
            item = quiz.next_question()
            if item is None or item.question.id not in self._seen_questions:
                break
        if quiz is None or item is None:
            return [Message("I have no quiz question on that yet. Ask me anything else.")]
        self.quiz, self.quiz_is_check = quiz, True
        self._seen_questions.add(item.question.id)
        return [ShowQuizQuestion(item, check=True)]

    # -- full quizzes ----------------------------------------------------------------------------
    def _new_quiz(self, topics: tuple[str, ...] | None, count: int | None) -> Quiz:
        return Quiz(self.knowledge, topics=list(topics) if topics else None, count=count,
                    seed=self._rng.randrange(2**32))

    def resolve_topic(self, name: str) -> str | None:
        """The quiz topic a person means by ``name``: an id or title, nearly, or in their own words ("bruising")."""
        return self._topics.find(name)

    def _quiz_on(self, wanted: str, *, short: bool = False) -> list[Block]:
        """Start the quiz a person asked for: the full quiz (/quiz), a short one on everything
        ("quiz me"), or one topic."""
        if not wanted and short:
            return self._start_quiz(None, SHORT_QUIZ)
        if not wanted or normalise(wanted) in EVERYTHING:
            return self._start_quiz(None, None)
        topic = self.resolve_topic(wanted)
        if topic is None:
            return [Message(f"I have no quiz on {printable(wanted, 40)!r}. Quiz topics: {', '.join(self.quiz_topics)}."
                            " Or type /quiz for the full quiz.", "error")]
        return self._start_quiz((topic,), None)

    def _start_quiz(self, topics: tuple[str, ...] | None, count: int | None) -> list[Block]:
        try:
            quiz = self._new_quiz(topics, count)
        except QuizError as exc:
            return [Message(str(exc), "error")]
        item = quiz.next_question()
        if item is None:
            return [Message("There are no quiz questions on that yet.")]
        self.quiz, self.quiz_is_check = quiz, False
        self.pending_choices = self.pending_offer = None
        self.stats.quizzes += 1
        self.stats.quiz_asked = self.stats.quiz_correct = 0
        self.stats.quiz_total = item.total
        titles = tuple(self.knowledge.title_of(t) for t in topics) if topics else ()
        whole = len(self.knowledge.quiz) if not topics and item.total < len(self.knowledge.quiz) else None
        self._seen_questions.add(item.question.id)
        return [ShowQuizStart(titles, item.total, whole), ShowQuizQuestion(item)]

    def _quiz_answer(self, text: str) -> list[Block]:
        reading = self.assistant.lexicon.read(text)  # one reading for the check and, if urgent, the reply
        if self.assistant.urgent.check(reading):
            # Safety first: a red flag typed mid-quiz ends the quiz and gets the urgent reply.
            self.quiz = None
            stopped = Message("(The quiz has stopped.)", "hint")
            return self._show(self.assistant.ask(text, context=self.context, reading=reading)) + [stopped]
        quiz, check = self.quiz, self.quiz_is_check
        assert quiz is not None
        item = quiz.current
        feedback = quiz.answer(text)
        blocks: list[Block] = [ShowFeedback(feedback, item, text)]
        if feedback.status == "unclear":
            return blocks
        first_try = item is not None and not item.retry
        if not check and first_try and feedback.status in ("correct", "wrong", "skipped"):
            self.stats.quiz_asked += 1
            self.stats.quiz_correct += feedback.status == "correct"
        if check:
            self.quiz = None
            return blocks
        item = None if feedback.status == "quit" else quiz.next_question()
        if item is None:
            self.quiz = None
            blocks.append(ShowSummary(quiz.summary(), "quit" if feedback.status == "quit" else "done"))
            return blocks
        self._seen_questions.add(item.question.id)
        blocks.append(ShowQuizQuestion(item))
        return blocks

    def quiz_command(self, argument: str) -> list[Block]:
        """``/quiz [topic]``: a full quiz, unless one is running."""
        if self.quiz is not None and not self.quiz_is_check:
            return [Message("A quiz is already running: answer the question, or type quit to end it.", "hint")]
        self.quiz = None
        return self._quiz_on(argument)

    def _stop_quiz(self, ended: str) -> list[Block]:
        """End a running quiz; the score so far if it was a full one (a single check question has none)."""
        quiz, check, self.quiz = self.quiz, self.quiz_is_check, None
        return [] if quiz is None or check else [ShowSummary(quiz.summary(), ended)]
