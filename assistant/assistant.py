"""The assistant: urgent check first, then the matcher, then a reply a person or program can use.

>>> bot = Assistant()
>>> reply = bot.ask("does botox cause bruising?")
>>> reply.kind, reply.intent
('answer', 'side-effects')
>>> "not medical advice" in reply.disclaimer
True
>>> follow = bot.ask("and is it painful?", context=reply.context)
>>> follow.intent
'side-effects'
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .knowledge import DOMAIN_KIND, Knowledge, load_knowledge, paused_gc
from .matcher import IntentMatcher, Match
from .text import printable
from .urgent import EMERGENCY, Triage, UrgentCheck

__all__ = ["Assistant", "Context", "Reply"]

KINDS = ("answer", "ambiguous", "not-covered", "out-of-scope", "urgent", "chat", "quiz")
_NO_DISCLAIMER = ("chat", "out-of-scope")
_DEFAULT_SUGGESTIONS = 3
QUESTION_ECHO_CHARS = 1000  # the question as echoed in JSON: controls removed, length capped


@dataclass(frozen=True)
class Context:
    """What the conversation is about so far; pass ``reply.context`` to the next ``ask``."""

    topic: str | None = None  # the last Botox intent answered
    turns: int = 0


@dataclass(frozen=True)
class Choice:
    """One option of an ambiguous reply."""

    intent: str
    title: str
    ask: str
    score: float


@dataclass(frozen=True)
class Reply:
    """The assistant's reply to one question.

    ``kind`` is one of "answer", "ambiguous", "not-covered", "out-of-scope",
    "urgent", "chat" or "quiz"; ``intent`` is None for ambiguous, not-covered
    and out-of-scope. ``source`` names where in the guide an answer comes
    from; ``disclaimer`` is set on every reply about Botox (on urgent replies,
    the urgent note naming the Botox label and stroke guidance instead).

    ``urgency`` is "emergency" or "contact-doctor" on urgent replies and None
    on every other; ``symptoms`` are the symptoms an urgent reply read, in the
    person's own words, and ``red_flags`` their names. A reply about a
    one-sided face droop with no date stays an answer (urgency None) and
    ends with a line on what to do if it came on suddenly.
    """

    question: str
    kind: str
    intent: str | None
    score: float
    text: str
    title: str = ""
    source: str | None = None
    disclaimer: str | None = None
    suggestions: tuple[str, ...] = ()
    choices: tuple[Choice, ...] = ()
    red_flags: tuple[str, ...] = ()
    urgency: str | None = None
    symptoms: tuple[str, ...] = ()
    match: Match | None = field(default=None, repr=False, compare=False)
    context: Context = field(default_factory=Context, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The reply as the JSON object the command line prints."""
        return {
            "question": printable(self.question, QUESTION_ECHO_CHARS),
            "kind": self.kind,
            "intent": self.intent,
            "score": round(self.score, 4),
            "answer": self.text,
            "source": self.source,
            "disclaimer": self.disclaimer,
            "suggestions": list(self.suggestions),
            "urgency": self.urgency,
            "symptoms": list(self.symptoms),
        }


class Assistant:
    """Answers questions from a knowledge pack. Immutable after construction; share it freely.

    ``Assistant()`` uses the bundled knowledge; ``Assistant(load_knowledge(path))`` another pack.
    Keyword options are passed to :class:`IntentMatcher` (``accept``, ``margin``...).
    """

    def __init__(self, knowledge: Knowledge | None = None, **matcher_options: float):
        self.knowledge = knowledge if knowledge is not None else load_knowledge()
        with paused_gc():
            self.matcher = IntentMatcher(self.knowledge, **matcher_options)
        self.urgent = UrgentCheck(self.knowledge.urgent, self.matcher.lexicon)
        self._by_id = {i.id: i for i in self.knowledge.intents}
        self._topics = {t.id: t for t in self.knowledge.not_covered}
        urgent = [i for i in self.knowledge.intents if i.kind == "urgent"]
        self._urgent_intent = next((i for i in urgent if i.id == "urgent"), urgent[0] if urgent else None)
        self._urgent_by_tier = {tier: self._by_id.get(f"urgent.{tier}", self._urgent_intent)
                                for tier in ("stroke", "contact-doctor")}

    def ask(self, question: str, *, context: Context | None = None) -> Reply:
        """Answer one question. ``context`` (from the previous reply) lets follow-ups be understood."""
        if not isinstance(question, str):
            raise TypeError(f"question must be str, not {type(question).__name__}")
        context = context or Context()
        triage = self.urgent.assess(question, in_context=context.topic is not None)
        if triage:
            return self._urgent(question, triage, context)
        reply = self._matched(question, context)
        if triage.undated_droop and self.knowledge.urgent.undated_droop:
            # The line's fact is the stroke guidance's, and the source says so.
            stroke = self._urgent_by_tier["stroke"]
            extra = self.knowledge.source_label(stroke) if stroke is not None and stroke is not self._urgent_intent else ""
            source = "; ".join(s for s in (reply.source, extra) if s) or None
            reply = replace(reply, text=f"{reply.text}\n\n{self.knowledge.urgent.undated_droop}", source=source)
        return reply

    def _matched(self, question: str, context: Context) -> Reply:
        match = self.matcher.match(question, anchored=context.topic is not None)
        if match.kind == "answer":
            return self._answer(question, match, context)
        if match.kind == "ambiguous":
            return self._ambiguous(question, match, context)
        if match.kind == "not-covered":
            return self._not_covered(question, match, context)
        return self._out_of_scope(question, match, context)

    def choose(self, reply: Reply, number: int) -> Reply:
        """Pick choice ``number`` (1-based) of an ambiguous reply, as if that intent had matched."""
        if not 1 <= number <= len(reply.choices):
            raise IndexError(f"choose a number from 1 to {len(reply.choices)}")
        choice = reply.choices[number - 1]
        picked = Match("answer", choice.intent, choice.score, rule=f"chosen from the ambiguous reply (option {number})")
        return self._answer(reply.question, picked, reply.context)

    def suggestions_for(self, intent_ids: tuple[str, ...] | list[str]) -> tuple[str, ...]:
        """The questions to suggest for these intents (their ``ask`` lines)."""
        return tuple(self._by_id[i].ask for i in intent_ids if i in self._by_id and self._by_id[i].ask)

    @property
    def _disclaimer(self) -> str:
        return self.knowledge.pack.disclaimer

    def _message(self, name: str, default: str) -> str:
        return self.knowledge.pack.messages.get(name, default)

    def _next(self, context: Context, topic: str | None) -> Context:
        return Context(topic=topic, turns=context.turns + 1)

    def _answer(self, question: str, match: Match, context: Context) -> Reply:
        intent = self._by_id[match.intent or ""]
        kind = "answer" if intent.kind == DOMAIN_KIND else intent.kind
        topic = intent.id if kind == "answer" else context.topic  # small talk keeps the subject
        return Reply(
            question=question,
            kind=kind,
            intent=intent.id,
            score=match.score,
            text=intent.answer,
            title=intent.title,
            source=self.knowledge.source_label(intent) or None,
            disclaimer=None if kind in _NO_DISCLAIMER else self._disclaimer,
            suggestions=self.suggestions_for(intent.follow_up),
            match=match,
            context=self._next(context, topic),
        )

    def _urgent(self, question: str, triage: Triage, context: Context) -> Reply:
        if triage.urgency != EMERGENCY:
            intent = self._urgent_by_tier["contact-doctor"]
        elif triage.stroke:
            intent = self._urgent_by_tier["stroke"]
        else:
            intent = self._urgent_intent
        if intent is not None:
            text = intent.answer
        elif triage.urgency == EMERGENCY:
            text = "This could be an emergency. Call your local emergency number now."
        else:
            text = "Get medical help right away: call whoever gave you the injection or your doctor."
        if triage.symptoms:
            text = f"You mentioned {_join([f'“{s}”' for s in triage.symptoms])}. {text}"
        sources = list(intent.source) if intent else []
        if intent is not None and intent is not self._urgent_intent and triage.urgency == EMERGENCY and any(
                f.tier == EMERGENCY and not f.stroke for f in triage.flags) and self._urgent_intent is not None:
            sources += [s for s in self._urgent_intent.source if s not in sources]  # a stroke sign and a sign of spread
        source = "; ".join(self.knowledge.pack.sources.get(s, s) for s in sources)
        return Reply(
            question=question,
            kind="urgent",
            intent="urgent",
            score=1.0,
            text=text,
            title=intent.title if intent else "Urgent" if triage.urgency == EMERGENCY else "Get medical help right away",
            source=source or None,
            disclaimer=self.knowledge.urgent.note or self._disclaimer,
            red_flags=tuple(f.label for f in triage.flags),
            urgency=triage.urgency,
            symptoms=triage.symptoms,
            context=self._next(context, context.topic),
        )

    def _ambiguous(self, question: str, match: Match, context: Context) -> Reply:
        choices = tuple(Choice(c.label, self._by_id[c.label].title, self._by_id[c.label].ask or self._by_id[c.label].title, c.score)
                        for c in match.alternatives if c.label in self._by_id)
        lines = [self._message("ambiguous", "Which of these do you mean?")]
        lines += [f"{n}. {c.ask}" for n, c in enumerate(choices, 1)]
        return Reply(question, "ambiguous", None, match.score, "\n".join(lines), title="Did you mean…",
                     disclaimer=self._disclaimer, suggestions=tuple(c.ask for c in choices), choices=choices,
                     match=match, context=self._next(context, context.topic))

    def _related(self, match: Match) -> tuple[str, ...]:
        if match.topic and match.topic in self._topics:
            return self.suggestions_for(self._topics[match.topic].related)
        near = [c.label for c in match.candidates if c.label in self._by_id and self._by_id[c.label].kind == DOMAIN_KIND]
        return self.suggestions_for((near or [i.id for i in self.knowledge.domain_intents])[:2])

    def _not_covered(self, question: str, match: Match, context: Context) -> Reply:
        text = self._message("not_covered", "The guide doesn't cover that. Ask a dermatologist or physician.")
        topic = self._topics.get(match.topic or "")
        title = f"Not covered: {topic.title}" if topic else "Not covered by the guide"
        return Reply(question, "not-covered", None, match.score, text, title=title, disclaimer=self._disclaimer,
                     suggestions=self._related(match), match=match, context=self._next(context, context.topic))

    def _out_of_scope(self, question: str, match: Match, context: Context) -> Reply:
        if match.kind == "empty":
            text = self._message("rephrase", "Could you rephrase that?")
        else:
            text = self._message("out_of_scope", "That's outside what I can help with.")
        starters = [i.id for i in self.knowledge.domain_intents][:_DEFAULT_SUGGESTIONS]
        return Reply(question, "out-of-scope", None, match.score, text, title="Outside what I know",
                     suggestions=self.suggestions_for(starters), match=match, context=self._next(context, None))


def _join(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
