"""Which quiz topic a person means: ``/quiz bruising``, "quiz me about the injector", "quiz me on side effects".

A topic is named by its id or title (typos allowed), or in the person's own
words, which the assistant's matcher reads as it reads a question: "bruising"
is the side-effects question, so it is the side-effects quiz.

>>> from assistant import Assistant
>>> finder = TopicFinder(Assistant())
>>> [finder.find(name) for name in ("side efects", "the injector", "bruising", "astrology")]
['side-effects', 'provider', 'side-effects', None]
>>> topic_asked_for("quiz me about the injector"), topic_asked_for("quiz me")
('the injector', '')
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from ..core import Assistant
from ..knowledge.records import DOMAIN_KIND
from .engine import available_topics
from ..understanding.text import normalise

__all__ = ["EVERYTHING", "TopicFinder", "topic_asked_for"]

EVERYTHING = frozenset({"all", "everything", "all topics", "every topic", "the lot", "the whole quiz", "whole quiz",
                        "the full quiz", "full quiz"})
_ABOUT = re.compile(r"\b(?:on|about|regarding|covering|of|over)\s+(.+)$")
_TYPO_CUTOFF = 85  # how close (0-100, letter by letter) a name must be to an id or title to count as a typo of it


def topic_asked_for(question: str) -> str:
    """The words after "on" or "about" in a request for a quiz ("quiz me on side effects"); "" if there are none."""
    found = _ABOUT.search(normalise(question))
    return found.group(1).strip() if found else ""


class TopicFinder:
    """Quiz topics (intent ids and their dotted groups) found from what a person calls them."""

    def __init__(self, assistant: Assistant):
        self.assistant = assistant
        self.knowledge = assistant.knowledge
        self.topics: tuple[str, ...] = available_topics(self.knowledge)
        self._names: dict[str, str] = {}
        for topic in self.topics:
            self._names[topic.lower()] = topic
            try:
                self._names[self.knowledge.intent(topic).title.lower()] = topic
            except KeyError:
                pass

    def topics_for(self, intent_id: str) -> tuple[str, ...]:
        """The quiz topics with questions that check an intent's answer."""
        try:
            wanted = self.knowledge.intent(intent_id).quiz_topics or (intent_id,)
        except KeyError:
            return ()
        return tuple(t for t in wanted if t in self.topics)

    def find(self, name: str) -> str | None:
        """The topic ``name`` means: an id or title, a near miss of one, or words the matcher reads as a topic."""
        wanted = " ".join(name.lower().split())
        if not wanted:
            return None
        if wanted in self._names:
            return self._names[wanted]
        # Letter by letter, not WRatio: its partial matching makes "the injector" look like "the consultation...".
        near = process.extractOne(wanted, list(self._names), scorer=fuzz.ratio, score_cutoff=_TYPO_CUTOFF)
        if near:
            return self._names[near[0]]
        match = self.assistant.matcher.match(name)
        if match.kind != "answer" or match.intent is None:
            return None
        try:
            if self.knowledge.intent(match.intent).kind != DOMAIN_KIND:
                return None
        except KeyError:
            return None
        found = self.topics_for(match.intent)
        return match.intent if match.intent in found else (found[0] if found else None)
