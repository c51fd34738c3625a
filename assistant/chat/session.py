"""The chat as a pure state machine: a line in, blocks to show out. No I/O, no terminal.

The REPL and the pipe mode both drive a :class:`ChatSession`; what the blocks
look like is :mod:`assistant.chat.render`'s business.

>>> from assistant import Assistant
>>> chat = ChatSession(Assistant(), offers=False)
>>> [type(b).__name__ for b in chat.handle("does botox hurt?")]
['ShowReply']
>>> chat.context.topic
'side-effects.pain'
>>> chat.handle("/hepl")[0].text
'Unknown command /hepl. Did you mean /help?'
"""

from __future__ import annotations

import random
import re

from ..core import Assistant, Context, Reply
from ..quiz.engine import Quiz
from ..understanding.text import normalise, printable
from .blocks import (Block, ClearScreen, ForgetHistory, Goodbye, Message, ShowDisclaimer, ShowFeedback, ShowHelp,
                     ShowQuizOffer, ShowQuizQuestion, ShowQuizStart, ShowReply, ShowSummary, ShowTopics, ShowWelcome,
                     ShowWhy)
from .commands import QUIT_WORDS, lookup, nearest, parse_command
from .quiz_mode import SHORT_QUIZ, QuizMode
from .stats import Stats
from ..quiz.topics import TopicFinder, topic_asked_for

# The blocks are re-exported: a front end needs only this module to drive a chat.
__all__ = [
    "Block", "ChatSession", "ClearScreen", "ForgetHistory", "Goodbye", "Message", "SHORT_QUIZ", "ShowDisclaimer",
    "ShowFeedback", "ShowHelp", "ShowQuizOffer", "ShowQuizQuestion", "ShowQuizStart", "ShowReply",
    "ShowSummary", "ShowTopics", "ShowWelcome", "ShowWhy", "Stats",
]

YES = frozenset({"y", "yes", "yeah", "yep", "sure", "ok", "okay", "go ahead"})
NO = frozenset({"n", "no", "nope", "nah", "not now", "later", "skip"})
_NUMBER = re.compile(r"^#?\s*(\d{1,3})\s*[.)]?$")


class ChatSession(QuizMode):
    """One conversation: context, the last reply, pending choices, a quiz offer or a quiz in progress.

    ``seed`` makes quiz offers and question order reproducible; ``offers=False``
    never offers a quiz question after an answer (pipe mode); ``offer_every``
    is the least number of answers between two offers and ``offer_chance`` the
    chance of an offer once that many have passed.
    """

    def __init__(
        self,
        assistant: Assistant,
        *,
        seed: int | None = None,
        offers: bool = True,
        offer_every: int = 3,
        offer_chance: float = 0.5,
    ):
        self.assistant = assistant
        self.knowledge = assistant.knowledge
        self.offers = offers
        self.offer_every = offer_every
        self.offer_chance = offer_chance
        self._rng = random.Random(seed)
        self.stats = Stats()
        self.done = False
        self.context = Context()
        self.last_reply: Reply | None = None
        self.chosen_from: Reply | None = None
        self.pending_choices: Reply | None = None
        self.pending_offer: str | None = None  # the intent whose quiz question is on offer
        self.quiz: Quiz | None = None
        self.quiz_is_check = False
        self._answers_since_offer = 0
        self._since_urgent: int | None = None
        self._seen_questions: set[str] = set()
        self._topics = TopicFinder(assistant)
        self.quiz_topics: tuple[str, ...] = self._topics.topics

    # -- the one entry point ------------------------------------------------------------------
    def welcome(self) -> list[Block]:
        """What to show when the chat opens."""
        return [ShowWelcome()]

    def end(self, *, goodbye: bool = True) -> list[Block]:
        """The input has ended (Ctrl-D, or the last line of a pipe): a running quiz's score so far, then goodbye."""
        blocks = self._stop_quiz("eof")
        return blocks + self.quit() if goodbye else blocks

    def handle(self, line: str) -> list[Block]:
        """Take one line typed by the person; return what to show."""
        text = line.strip()
        if not text:
            return []
        if text.startswith("/"):
            return self._command(text)
        if self.quiz is not None:
            return self._quiz_answer(text)
        if text.lower() in QUIT_WORDS:
            return self.quit()
        if self.pending_offer is not None:
            answer = self._yes_or_no(text)
            if answer is True:
                return self._start_check()
            self.pending_offer = None  # declined, or a new question instead
            if answer is False:
                return [Message("No problem. Ask me anything else.")]
        number = _NUMBER.match(text)
        if number:
            if self.pending_choices is not None:
                return self._choose(int(number.group(1)))
            return [Message("There's no list to pick from just now. Ask me a question in your own words.", "hint")]
        return self._ask(text)

    def _yes_or_no(self, text: str) -> bool | None:
        """A short yes ("y", "yes please") or no ("n", "no thanks"); None for anything else."""
        words = normalise(text).split()
        if not words or len(words) > 3 or self.assistant.urgent.check(text):
            return None  # a question (and a red flag never gets a quiz)
        if " ".join(words) in YES or words[0] in YES:
            return True
        if " ".join(words) in NO or words[0] in NO:
            return False
        return None

    # -- questions ----------------------------------------------------------------------------
    def _ask(self, text: str) -> list[Block]:
        return self._show(self.assistant.ask(text, context=self.context))

    def _choose(self, number: int) -> list[Block]:
        ambiguous = self.pending_choices
        assert ambiguous is not None
        if not 1 <= number <= len(ambiguous.choices):
            return [Message(f"Type a number from 1 to {len(ambiguous.choices)}, or ask something else.", "hint")]
        return self._show(self.assistant.choose(ambiguous, number), chosen_from=ambiguous)

    def _show(self, reply: Reply, chosen_from: Reply | None = None) -> list[Block]:
        self.last_reply, self.chosen_from = reply, chosen_from
        self.context = reply.context
        self.pending_choices = reply if reply.kind == "ambiguous" and reply.choices else None
        self.pending_offer = None
        self.stats.questions += 1
        if reply.kind == "urgent":
            self.stats.urgent += 1
            self._since_urgent = 0
        elif self._since_urgent is not None:
            self._since_urgent += 1
        if reply.kind == "quiz":  # the quiz's start says what the reply would, with the disclaimer
            return self._quiz_on(topic_asked_for(reply.question), short=True)
        blocks: list[Block] = [ShowReply(reply)]
        if reply.kind == "answer":
            self.stats.answers += 1
            blocks += self._maybe_offer(reply.intent or "")
        elif reply.intent == "chat.goodbye":
            blocks.append(Message("Type /quit or press Ctrl-D when you want to leave.", "hint"))
        return blocks

    # -- commands ------------------------------------------------------------------------------
    def _command(self, text: str) -> list[Block]:
        name, argument = parse_command(text)
        command = lookup(name)
        if command is None:
            shown = printable(name, 30)
            suggestion = nearest(name)
            hint = f" Did you mean {suggestion}?" if suggestion else " Type /help for the commands."
            return [Message(f"Unknown command {shown}.{hint}", "error")]
        return command.run(self, argument)

    def forget(self) -> list[Block]:
        """``/forget``: a new context, no last reply; the front end deletes the history."""
        self.context = Context()
        self.last_reply = self.chosen_from = self.pending_choices = None
        self.pending_offer = None
        return [ForgetHistory(), Message("Forgotten: this chat's questions and its context.")]

    def quit(self) -> list[Block]:
        """Leave: the score so far of a running quiz, and goodbye."""
        blocks = self._stop_quiz("quit")
        self.done = True
        return blocks + [Goodbye("Goodbye, and take care. Talk any treatment through with a physician or "
                                 "dermatologist.")]

    # -- for the toolbar ---------------------------------------------------------------------
    @property
    def topic_title(self) -> str | None:
        """The title of the subject the conversation is on, if any."""
        return self.knowledge.title_of(self.context.topic) if self.context.topic else None

    @property
    def mode(self) -> str:
        """What the next line will be taken as: "quiz", "check", "offer", "choice" or "question"."""
        if self.quiz is not None:
            return "check" if self.quiz_is_check else "quiz"
        if self.pending_offer is not None:
            return "offer"
        if self.pending_choices is not None:
            return "choice"
        return "question"
