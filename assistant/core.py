"""The assistant: urgent check first, then the matcher, then a reply a person or program can use.

>>> bot = Assistant()
>>> reply = bot.ask("does botox cause bruising?")
>>> reply.kind, reply.intent
('answer', 'side-effects.bruising')
>>> "not medical advice" in reply.disclaimer
True
>>> follow = bot.ask("and is it painful?", context=reply.context)
>>> follow.intent
'side-effects.pain'
>>> two = bot.ask("does it hurt and how much does it cost?")
>>> [(part.kind, part.intent or part.topic) for part in two.parts]
[('answer', 'side-effects.pain'), ('not-covered', 'cost')]
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Any, Callable, Iterable, Literal, get_args

from .immutable import Immutable
from .knowledge.loader import is_bundled, load_knowledge
from .understanding.lexicon import Analysis, Lexicon, Reading
from .knowledge.records import DOMAIN_KIND, Knowledge, Tier, in_family, paused_gc
from .understanding.matcher import IntentMatcher, Match
from .understanding.reading import (Segment, checks_claim, first_person, is_condition, plainly_asks, read_message,
                                    tells_harm, tells_nothing_done, yes_or_no)
from .understanding.text import MAX_INPUT_CHARS, printable
from .understanding.urgent import EMERGENCY, Triage, UrgentCheck

__all__ = ["Assistant", "Context", "Reply"]

_NO_DISCLAIMER = ("chat", "out-of-scope")
_DEFAULT_SUGGESTIONS = 3
_POINTING = frozenset({"this", "that", "these", "those", "it", "they", "them"})
READ_CHARS = 2 * MAX_INPUT_CHARS  # how much of a message is cut into sentences and asks
MAX_PARTS = 3  # a reply answers at most this many asks
CLAUSE_LABELS = 3  # labels ranked exactly for each clause of a message (the best, its rival, one more)
VAGUE_SCORE = 0.7  # ...and beside other asks, above this
WHOLE_SCORE = 0.99  # an ask scoring this on its own words is said in full by an example
OWN_LEAD = 0.2  # ...or leads the story's reading of it by this much
SENTENCE_SCORE = 0.75  # an ask pointing back is read with the one sentence of the story that answers it this well
SURE_SCORE = 0.8  # an ask naming nothing of the subject ("who does it?") still stands on its own above this
QUESTION_ECHO_CHARS = 1000  # the question as echoed in JSON: controls removed, length capped
CONTEXT_TOPIC_CHARS = 200  # an intent id sent back by a client


ASK_WHICH = "Which of these do you mean?"  # an ambiguous reply's question, unless the pack words it
ReplyKind = Literal["answer", "ambiguous", "not-covered", "out-of-scope", "urgent", "chat", "quiz"]
KINDS: tuple[ReplyKind, ...] = get_args(ReplyKind)  # every kind of reply, from the one definition


@dataclass(frozen=True)
class Context:
    """What the conversation is about so far; pass ``reply.context`` to the next ``ask``."""

    topic: str | None = None  # the last Botox intent answered
    turns: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types, for a stateless front end to send back with the next question.

        >>> Context.from_dict(Context("side-effects", 2).to_dict())
        Context(topic='side-effects', turns=2)
        """
        return {"topic": self.topic, "turns": self.turns}

    @classmethod
    def from_dict(cls, data: Any) -> Context:
        """The context ``to_dict`` gave (``None`` or ``{}`` is a new conversation); ValueError if malformed."""
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise ValueError("context must be an object like {\"topic\": null, \"turns\": 0}")
        unknown = sorted(set(data) - {"topic", "turns"})
        if unknown:
            raise ValueError(f"context has unknown field {printable(str(unknown[0]), 40)!r}")
        topic, turns = data.get("topic"), data.get("turns", 0)
        if topic is not None and (not isinstance(topic, str) or not 0 < len(topic) <= CONTEXT_TOPIC_CHARS):
            raise ValueError(f"context topic must be null or an intent id of at most {CONTEXT_TOPIC_CHARS} characters")
        if isinstance(turns, bool) or not isinstance(turns, int) or turns < 0:
            raise ValueError("context turns must be a whole number of at least 0")
        return cls(topic, turns)


@dataclass(frozen=True)
class Choice:
    """One option of an ambiguous reply."""

    intent: str
    title: str
    ask: str
    score: float


@dataclass(frozen=True)
class Part:
    """One part of a reply: the answer to one ask of the message, or a line naming what the guide doesn't cover.

    ``kind`` is "answer", "not-covered", or for a one-part reply the reply's own kind.
    """

    kind: ReplyKind
    intent: str | None
    title: str
    text: str
    source: str | None = None
    score: float = 0.0
    asked: str = ""  # the words of the message this part answers
    also_asked: tuple[str, ...] = ()  # later asks of the same topic, answered or named by this part too
    topic: str | None = None  # the not-covered topic, when one was named
    match: Match | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The part as JSON: its ``text`` is called ``answer``, as at the top level of a reply."""
        return {"kind": self.kind, "intent": self.intent, "title": self.title, "answer": self.text,
                "source": self.source, "score": round(self.score, 4)}


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
    kind: ReplyKind
    intent: str | None
    score: float
    text: str
    title: str = ""
    source: str | None = None
    disclaimer: str | None = None
    suggestions: tuple[str, ...] = ()
    choices: tuple[Choice, ...] = ()
    red_flags: tuple[str, ...] = ()
    urgency: Tier | None = None
    symptoms: tuple[str, ...] = ()
    match: Match | None = field(default=None, repr=False, compare=False)
    context: Context = field(default_factory=Context, repr=False, compare=False)
    parts: tuple[Part, ...] = ()  # in the order asked; a one-part reply has one (made from the reply itself)

    def __post_init__(self) -> None:
        if not self.parts:
            part = Part(self.kind, self.intent, self.title, self.text, self.source, self.score, self.question,
                        topic=self.match.topic if self.match is not None else None, match=self.match)
            object.__setattr__(self, "parts", (part,))

    @property
    def lead(self) -> str:
        """An ambiguous reply's question ("Which of these do you mean?"): its text without the numbered
        choices, for a front end that shows :attr:`choices` its own way."""
        return self.text.splitlines()[0] if self.text else ASK_WHICH

    def to_dict(self) -> dict[str, Any]:
        """The reply as the JSON object the command line prints: plain JSON types, every key always present.

        ``choices`` is numbered for :meth:`Assistant.choose`; ``context`` is what to send back with the
        next question (:meth:`Context.from_dict`); ``parts`` holds one object per part, in order.
        """
        return {
            "question": printable(self.question, QUESTION_ECHO_CHARS),
            "kind": self.kind,
            "intent": self.intent,
            "title": self.title,
            "score": round(self.score, 4),
            "answer": self.text,
            "source": self.source,
            "disclaimer": self.disclaimer,
            "suggestions": list(self.suggestions),
            "choices": [{"number": n, "intent": c.intent, "title": c.title, "ask": c.ask, "score": round(c.score, 4)}
                        for n, c in enumerate(self.choices, 1)],
            "parts": [p.to_dict() for p in self.parts],
            "urgency": self.urgency,
            "symptoms": list(self.symptoms),
            "context": self.context.to_dict(),
        }


def _parts(knowledge: Knowledge, matcher_options: dict[str, Any]) -> tuple[Lexicon, IntentMatcher, UrgentCheck]:
    """What an assistant reads with: one lexicon, shared by the urgent check and the matcher."""
    with paused_gc():
        lexicon = Lexicon.of(knowledge)
        matcher = IntentMatcher(knowledge, lexicon=lexicon, **matcher_options)
    return lexicon, matcher, UrgentCheck(knowledge.urgent, lexicon)


@lru_cache(maxsize=1)
def _bundled_parts() -> tuple[Lexicon, IntentMatcher, UrgentCheck]:
    """The bundled pack's parts with the default options, built once a process: they are immutable, so
    every ``Assistant()`` (and ``Assistant(load_knowledge())``) shares them."""
    return _parts(load_knowledge(), {})


class Assistant(Immutable):
    """Answers questions from a knowledge pack. Immutable after construction; share it freely.

    ``Assistant()`` uses the bundled knowledge; ``Assistant(load_knowledge(path))`` another pack.
    Keyword options are passed to :class:`IntentMatcher` (``accept``, ``margin``...). Assistants on
    the bundled pack with the default options share one lexicon, matcher and urgent check, built
    the first time one is made (all three are immutable).
    """

    def __init__(self, knowledge: Knowledge | None = None, **matcher_options: Any):
        self.knowledge = knowledge if knowledge is not None else load_knowledge()
        if is_bundled(self.knowledge) and not matcher_options:
            self.lexicon, self.matcher, self.urgent = _bundled_parts()
        else:
            self.lexicon, self.matcher, self.urgent = _parts(self.knowledge, matcher_options)
        self._by_id = {i.id: i for i in self.knowledge.intents}
        self._topics = {t.id: t for t in self.knowledge.not_covered}
        urgent = [i for i in self.knowledge.intents if i.kind == "urgent"]
        self._urgent_intent = next((i for i in urgent if i.id == "urgent"), urgent[0] if urgent else None)
        self._urgent_by_tier = {tier: self._by_id.get(f"urgent.{tier}", self._urgent_intent)
                                for tier in ("stroke", "contact-doctor")}
        self._seal()

    def ask(self, question: str, *, context: Context | None = None, reading: Reading | None = None) -> Reply:
        """Answer one question. ``context`` (from the previous reply) lets follow-ups be understood;
        ``reading`` is the question as ``assistant.lexicon.read`` gave it, if the caller has read it already."""
        if not isinstance(question, str):
            raise TypeError(f"question must be str, not {type(question).__name__}")
        context = context or Context()
        if reading is None or reading.text != question:
            reading = self.lexicon.read(question)  # read once, for the urgent check and the matcher
        triage = self.urgent.assess(reading, in_context=context.topic is not None)
        if triage:
            return self._urgent(question, triage, context)
        reply = self._matched(question, reading, context)
        if triage.undated_droop and self.knowledge.urgent.undated_droop:
            # The line's fact is the stroke guidance's, and the source says so.
            stroke = self._urgent_by_tier["stroke"]
            extra = self.knowledge.source_label(stroke) if stroke is not None and stroke is not self._urgent_intent else ""
            source = "; ".join(s for s in (reply.source, extra) if s) or None
            one = len(reply.parts) == 1  # a one-part reply's part is the reply itself, made again
            reply = replace(reply, text=f"{reply.text}\n\n{self.knowledge.urgent.undated_droop}", source=source,
                            parts=() if one else reply.parts)
        return reply

    def _matched(self, question: str, reading: Reading, context: Context) -> Reply:
        """The reply from the guide: a message read in parts, or matched whole."""
        if len(segments := read_message(question[:READ_CHARS])) > 1:
            reply = self._read(question, segments, context, reading)
            if reply is not None:
                return reply
        match = self.matcher.match_analysis(reading.analysis, anchored=context.topic is not None)
        return self._reply_to(question, match, context)

    def _reply_to(self, question: str, match: Match, context: Context) -> Reply:
        if match.kind == "answer" and match.analysis is not None and match.intent is not None:
            said = match.analysis.said
            topic = self.matcher.qualified(match.intent, said)
            if topic is not None:  # "I'm pregnant, is botox safe?": the guide's safety answer doesn't speak to it
                rule = f"names a keyword of '{topic}', which the guide does not cover and which this question is about"
                return self._not_covered(question, replace(match, kind="not-covered", intent=None, topic=topic,
                                                           rule=rule), context)
            if self.matcher.named_beside(match.intent, said):
                parts = self._parts([(match, question)], said)
                if len(parts) > 1:
                    return self._compose(question, parts, context)
        if match.kind == "answer":
            return self._answer(question, match, context)
        if match.kind == "ambiguous":
            return self._ambiguous(question, match, context)
        if match.kind == "not-covered":
            return self._not_covered(question, match, context)
        return self._out_of_scope(question, match, context)

    # -- reading a message with several sentences -------------------------------------------------
    def _read(self, question: str, segments: list[Segment], context: Context, reading: Reading) -> Reply | None:
        """A reply in parts, one per ask the guide covers or a topic it doesn't; None to match the whole.

        Each clause is analysed once. An ask that names something of the subject ("is it safe?",
        "how much does it cost?") is matched on its own words; a vague one ("can it help?", "what
        should I do?") or a short one pointing back ("is this safe?") is read with the subject words
        of the story around it (with no story, "it" in an ask that names Botox, "can botox fix it?", is read
        with the words of the asks before it); beside an answer to another ask it stands only if it matched
        well, and where no other ask is answered its best reading stands. An ask nothing answers well is named
        beside the parts that are answered or named ("I couldn't find where the guide answers ..."), not dropped.
        """
        asks = [s for s in segments if s.ask]
        if not asks:
            return None
        said = {s.text: self.matcher.analyse(s.text) for s in segments}  # each clause once; the message is their sum
        whole = _in_order(said.values())
        told = _in_order(said[s.text] for s in segments if not s.ask)
        named = context.topic is not None or any(a.anchored for a in said.values())
        anchored = named or (self.matcher.about_subject(whole) and not self.matcher.named_apart(told))
        # a result gone wrong told after an injection given (asked only if a rule needs it)
        undone = cache(lambda: self._result_told(segments, said) and self.urgent.tells_injection(reading))
        # a face gone wrong told anywhere, with an injection given (looser: "...10 days later it's more lopsided"), or
        # feared in a condition naming Botox ("if my eyelid droops after my botox next week, what do I do?")
        harmed = cache(lambda: not any(tells_nothing_done(a.text) for a in said.values()) and (
            any(not s.ask and is_condition(s.text) and said[s.text].anchored and tells_harm(said[s.text].text)
                for s in segments)
            or (any(tells_harm(a.text) for a in said.values()) and self.urgent.tells_injection(reading))))

        def result(concepts: frozenset[str]) -> bool:
            """True if the message tells of a result gone wrong: says one of the concepts, or a face harmed after an injection."""
            return not concepts.isdisjoint(whole) or harmed()

        found = self._found(segments, asks, said, anchored, told, lend=named, undone=undone, result=result)
        if not anchored and len(asks) > 1 and any(self._by_id[m.intent or ""].kind == DOMAIN_KIND
                                                  for m, _ in found if m.kind == "answer"):
            # One ask answered from the guide ("is it safe?"): the message is about the subject, and so
            # are its other asks ("...and who should do it?").
            found = self._found(segments, asks, said, True, told, lend=True, undone=undone, result=result)
            anchored = True
        unsure = {a for m, a in found if m.kind == "ambiguous" or (m.kind == "not-covered" and not m.topic)}
        answers = [m for m, _ in found if m.kind == "answer"]
        if (anchored and unsure and not any(a.anchored for a in said.values())
                and any(self.matcher.presumes_botox(m.intent or "") for m in answers)):
            # Where an answer is about Botox itself ("does it hurt?"), "it" in an ask left unread or unsure is Botox
            # too ("...what's it made of?"); where the answers are about the face ("is it common?"), it is not. The
            # asks already read keep their reading.
            again = self._found(segments, asks, said, True, told, lend=True, undone=undone, result=result, of_botox=True)
            found = [f for f in found if f[1] not in unsure] + [f for f in again if f[1] in unsure]
        asked_at = {s.text: s.start for s in asks}
        parts = self._parts(sorted(found, key=lambda f: asked_at[f[1]]), whole, told)
        return self._compose(question, parts, context) if parts else None

    def _found(self, segments: list[Segment], asks: list[Segment], said: dict[str, Analysis],
               anchored: bool, told: tuple[str, ...], lend: bool, undone: Callable[[], bool],
               result: Callable[[frozenset[str]], bool], of_botox: bool = False) -> list[tuple[Match, str]]:
        """Each ask's reading: answers and not-covered topics, with the ask they answer (``told``: the story's
        words in the order said; ``lend``: the message names Botox, and its story lends its words freely;
        ``undone``: whether the story tells of a result gone wrong after an injection given, :meth:`_result_told`;
        ``result``: whether the message tells of a result gone wrong at all, as an answer's ``told`` concepts say it)."""
        matcher = self.matcher
        # The story lends its subject words to vague asks: a message that never names Botox only if it
        # names two words of the subject and no topic the guide doesn't cover ("my jaw is wider, my eye
        # lower"). Small talk ("thanks", "what can you do?") counts only in a message not about the subject.
        scene = frozenset(f for s in segments if not s.ask for f in _reported(said[s.text].sequence))
        if not lend:
            if len(matcher.subject_words(scene)) < 2 or matcher.named_apart(told):
                scene = frozenset()
        small_talk = not (anchored or any(a.topical for a in said.values()))
        found: list[tuple[Match, str]] = []
        vague: list[tuple[Match, str]] = []
        unanswered: list[tuple[Match, str]] = []  # asks about the subject that nothing in the guide answers
        unread: list[tuple[Match, str]] = []  # asks nothing in the guide answers, named as such beside answers
        chatter: set[str] = set()  # asks that are small talk in a message about the subject
        message = [f for s in segments for f in said[s.text].features] if anchored else []
        if of_botox and matcher.treatment is not None:
            message.append(matcher.treatment)  # the message is about Botox without naming it: "it" is read as Botox
        own: dict[str, Analysis] = {}  # each ask's own words, "it" read as Botox where it is
        for segment in asks:
            own_words = said[segment.text]  # the ask as said, before "it" is read as Botox
            analysis = own[segment.text] = matcher.meaning_botox(own_words, message) if message else own_words
            pointing = not _POINTING.isdisjoint(analysis.text.split())  # "this", "it", "they"...
            points_back = pointing and len(own_words.features) <= 2
            # "it" pointing back at what the clause before names, in a message not about the subject: "can I travel
            # to France, or is it dangerous?" (France), "the table's legs are uneven, what's the best way to level it?"
            # (an ask whose only word of the subject is one of shape: the table)
            told_before = next((s for s in reversed(segments) if s.start < segment.start), None) if pointing else None
            if (told_before is not None and not anchored and matcher.unknown(said[told_before.text])
                    and (points_back or matcher.only_broad(own_words))
                    and _POINTING.isdisjoint(said[told_before.text].text.split())):
                continue  # (not "can I get it done on my lunch break, and will it swell?": "it" there is what "it" was
                # before)
            before = told_before if points_back else None
            pointed = said[before.text] if before is not None and anchored and not before.ask else None
            named = (matcher.named_apart(pointed) if pointed is not None and (checks_claim(segment.text) or (
                     yes_or_no(segment.text) and not matcher.specific(analysis) and not matcher.specific(pointed, named=False)))
                     else ())  # ("...isn't FDA approved, is that true?": the claim checked is about approval)
            if before is not None and named:  # "she went to the gym after her botox, is that ok?": about the gym
                rule = f"points back to {printable(before.text, 60)!r}, which names the not-covered topic '{named[0]}'"
                found.append((Match("not-covered", None, 1.0, rule=rule, topic=named[0], analysis=analysis), segment.text))
                continue
            own_scene = scene
            if (pointing or not matcher.specific(analysis)) and not matcher.subject_words(scene) and (
                    own_words.anchored or (points_back and own_words.features_set <= own_words.fillers)):
                # "why is my face uneven, and can botox fix it?", "is a crooked smile common, and can botox help?": an ask
                # naming Botox points at something else, or names nothing else, which, with no story told, an earlier ask named
                own_scene = frozenset(f for s in asks if s.start < segment.start
                                      for f in matcher.subject_words(said[s.text].features))
            # a short ask pointing back is read with the story ("is this safe?"), unless it names a topic the
            # guide doesn't cover ("how much would it be?" asks the price, whatever the story)
            specific = matcher.specific(analysis) and not (scene and points_back and not matcher.named_apart(analysis))
            lent = bool(own_scene) and not matcher.unknown(analysis)  # words the guide doesn't know: the story can't help
            match = None
            # "it" right after a told clause is what that clause names last
            # (or after an ask of a word or two, "bruising?? swelling?? how bad is it?"; not after a condition, whose "it"
            # is what may come of it)
            fragment = (told_before is not None and told_before.ask and len(told_before.text.split()) <= 2
                        and len(said[told_before.text].features) <= 1)
            last = (matcher.last_subject(said[told_before.text]) if points_back and not specific and told_before is not None
                    and (not told_before.ask or fragment) and not is_condition(told_before.text) else None)
            if (lent and last in matcher.anchors and analysis.anchored and told_before is not None
                    and not matcher.beyond_botox(_reported(said[told_before.text].sequence))):
                # Botox ("My GP mentioned botox. What actually is it?"), if that clause names nothing else of the subject
                # but who told of it ("my forehead is swollen after botox, is it bad?" asks about the swelling), not the story told before
                # that: the ask's own words stand if they answer it surely
                match = self._sure_own(analysis, SURE_SCORE)
            elif (lent and fragment and last is not None and last not in matcher.anchors | matcher.broad
                  and not matcher.unknown(analysis)):
                # right after a word asked about, the one word named ("bruising?? swelling?? how bad is it?"), if that
                # answers it surely
                it = matcher.meaning(analysis, last)
                match = self._sure_own(it, SURE_SCORE, anchored=anchored) if it is not analysis else None
            if match is None and lent and not specific:
                match = self._with_scene(analysis, anchored, own_scene, lend, undone=undone, result=result)
            if lent and not specific and not pointing and analysis.anchored and (match is None or match.score < WHOLE_SCORE):
                # An ask naming Botox that an answer's example says in full ("what is Botox exactly?") needs
                # nothing of the story, whose words would pull it elsewhere
                # (or by far better than the story's words: "...who should actually be doing the injecting")
                at_least = WHOLE_SCORE if match is None else min(WHOLE_SCORE, match.score + OWN_LEAD)
                match = self._sure_own(analysis, at_least) or match
            if (lent and not specific and pointing and analysis.anchored and match is not None
                    and any(m.kind == "answer" and matcher.family(m.intent or "") == matcher.family(match.intent or "")
                            for m, _ in found)):
                # The story pulls a second ask to the answer another ask already has ("can a beautician do it,
                # and will it look the same on me as on my sister?"): two asks want two answers, so its own
                # words stand if they answer it surely
                match = self._sure_own(analysis, SURE_SCORE) or match
            if lent and not specific and match is None and pointing:
                # "this", "it" point back at the story, whose words together pull several ways: the one sentence
                # that answers the ask best, and well ("...I've heard Botox can even out a face. Could this help me?")
                # (only a sentence's subject words are lent, so each different set of them is tried once)
                told_here = {matcher.subject_words(said[s.text].features) for s in segments
                             if not s.ask and s.start < segment.start} - {frozenset(), matcher.subject_words(scene)}
                tries = [self._with_scene(analysis, anchored, words, lend, at_least=SENTENCE_SCORE, undone=undone, result=result)
                         for words in told_here]
                match = max((t for t in tries if t is not None and t.score >= SENTENCE_SCORE),
                            key=lambda t: (t.score, t.intent or ""), default=None)
            if match is None:
                # In a message that names no Botox, an ask naming nothing of the subject ("what should I do?")
                # is not read as about it on the message's word alone.
                here = anchored and (lend or specific)
                match = matcher.match_analysis(analysis, anchored=here, in_story=here, top=CLAUSE_LABELS)
                if match.kind == "answer" and not small_talk and self._by_id[match.intent or ""].kind == "chat":
                    match = replace(match, kind="out-of-scope", intent=None)
                    if _YOU.intersection(own_words.text.split()):  # "how are you today?": small talk to me, never
                        chatter.add(segment.text)  # named as unanswered ("is there anything that helps?" is)
                if match.kind == "not-covered" and match.topic and lent and not matcher.named_apart(analysis):
                    # a topic the guide doesn't cover that the ask only resembles ("could botox lift it?" is
                    # like lifting an eyelid) yields to the story's reading, if that is sure ("my brow has dropped")
                    story = self._with_scene(analysis, anchored, scene, lend, at_least=SURE_SCORE, undone=undone, result=result)
                    if story is not None and story.score >= SURE_SCORE:
                        match = replace(story, rule=f"{story.rule}; read with the story, as the ask only resembles the "
                                                    f"not-covered topic '{match.topic}' and names none of its keywords")
                if (match.kind == "answer" and specific) or (match.kind == "not-covered" and match.topic):
                    found.append((match, segment.text))
                    continue
                if lent and specific:  # a specific ask the guide can't answer alone: the story may help
                    match = self._with_scene(analysis, anchored, scene, lend, undone=undone, result=result) or match
            if (match.kind == "answer" and not specific and (topic := matcher.after_treatment(match.intent or "")) is not None
                    and matcher.speaks_of(topic, own_words) and undone()):
                # "got botox last week and my brow has dropped. How do I fix it?": to fix the result told
                rule = f"{match.rule}; but the story tells of this result after an injection given: about '{topic}'"
                found.append((Match("not-covered", None, match.score, rule=rule, topic=topic, analysis=analysis), segment.text))
            elif match.kind == "answer" and (len(analysis.features) > 1 or matcher.on_subject(match)):
                (found if match.score >= SURE_SCORE else vague).append((match, segment.text))
            elif match.kind == "not-covered":  # a topic the guide doesn't cover, or none it could name
                (unanswered if match.topic else unread).append((match, segment.text))
            elif segment.text not in chatter and plainly_asks(segment.text):
                unread.append((_unread(match), segment.text))
        question = _questions(asks)
        # a vague "or..." after an ask answered or named asks nothing new ("is there a way to reverse it, or do I
        # just have to wait it out?")
        done = {question[a] for _, a in found}
        alternatives = {s.text for s in asks if s.alternative}
        vague = [(m, a) for m, a in vague if not (question[a] in done and a in alternatives)]
        if vague and not any(m.kind == "answer" for m, _ in found):
            best = max(vague, key=lambda m: m[0].score)
            found.append(best)  # the best reading of a vague ask, if nothing else answers
            vague.remove(best)
        if any(m.kind == "answer" for m, _ in found):
            # A short ask pointing back that names a word of the subject ("...and is it a toxin??"), which the story
            # reads too weakly to stand beside other answers: its own words stand if they answer it surely
            vague = [((self._sure_own(own[a], SURE_SCORE) if m.score < VAGUE_SCORE and own[a].anchored
                       and matcher.specific(own[a]) else None) or m, a) for m, a in vague]
        found += [v for v in vague if v[0].score >= VAGUE_SCORE]
        unread += [(_unread(m), a) for m, a in vague if m.score < VAGUE_SCORE and plainly_asks(a)]
        if any(m.kind == "answer" or m.topic for m, _ in found):  # beside answers or named topics, name what the guide doesn't answer
            found += unanswered + _one_each(unread, found + unanswered, question)
        return found

    def _result_told(self, segments: list[Segment], said: dict[str, Analysis]) -> bool:
        """A clause of the story tells, in the first person, of Botox and of the face gone wrong together ("got
        botox 3 days ago and my left brow has dropped"), not of someone else's ("saw a video of a woman who had
        botox to even hers out"), nor of Botox in one sentence and the face in another ("I had botox for my lines
        last year. My smile is crooked"), nor of what the injection was for ("got botox for my uneven brows") or
        of a result gone well ("my brows look even now"), nor of an injection that has done nothing yet."""
        if any(tells_nothing_done(said[s.text].text) for s in segments):
            return False  # "had botox on tuesday and nothing's changed yet": no result
        return any(not s.ask and said[s.text].anchored and first_person(said[s.text].text) and tells_harm(said[s.text].text)
                   for s in segments)

    def _sure_own(self, analysis: Analysis, at_least: float, anchored: bool = True) -> Match | None:
        """The ask read on its own words, in a message about Botox (unless not ``anchored``), if that answers it with
        at least this score."""
        own = self.matcher.match_analysis(analysis, anchored=anchored, in_story=anchored, top=CLAUSE_LABELS, at_least=at_least)
        return own if own.kind == "answer" and own.score >= at_least else None

    def _with_scene(self, analysis: Analysis, anchored: bool, scene: frozenset[str], lend: bool,
                    at_least: float = 0.0, undone: Callable[[], bool] | None = None,
                    result: Callable[[frozenset[str]], bool] | None = None) -> Match | None:
        """The ask read with the story's subject words, if that answers it ("can botox help?" after
        "my face has always been lopsided"); None if it doesn't, answers only with small talk, or rests
        on nothing but the Botox the story lent it ("I went for a run after my botox. Is that ok?" is no
        question of what Botox is). ``lend``: the message names Botox, so an answer that presumes it may be lent;
        ``at_least``: only an answer scoring at least this is wanted; ``result``: whether the message tells of a result
        gone wrong, which an answer about one needs unless the ask's own words name the subject it shares."""
        match = self.matcher.match_analysis(analysis, anchored=anchored, scene=scene, in_story=anchored,
                                            top=CLAUSE_LABELS, at_least=at_least)
        if match.kind == "ambiguous" and undone is not None:
            # "got botox 3 days ago and my brow has dropped. Is this normal?": between evening out a face and a
            # face left uneven, the story has told which
            families = {self.matcher.family(c.label) for c in match.alternatives}
            taken = frozenset(f for f in families if self.matcher.after_treatment(f) is not None)
            if taken and len(taken) < len(families) and undone():  # the best of the rest
                match = self.matcher.match_analysis(analysis, anchored=anchored, scene=scene, in_story=anchored,
                                                    top=CLAUSE_LABELS, at_least=at_least, without=taken)
        if (match.kind == "answer" and result is not None and (told := self.matcher.told(match.intent or ""))
                and not self.matcher.beyond_botox(match.shared & analysis.features_set) and not result(told)):
            # "my mouth sits lower since my stroke... what is the stuff made from?": the story's uneven face is no
            # result gone wrong, and an answer about one rests only on the story's words: the best of the rest
            match = self.matcher.match_analysis(analysis, anchored=anchored, scene=scene, in_story=anchored,
                                                top=CLAUSE_LABELS, at_least=at_least, without=frozenset({match.intent or ""}))
        if match.kind != "answer" or self._by_id[match.intent or ""].kind == "chat":
            return None
        if not lend and self.matcher.presumes_botox(match.intent or "") and not (
                match.shared & self.matcher.subject_words(analysis.features)):
            return None  # "my face is uneven. is it normal to feel this way?" is not about side effects; "...is there a
            # non-surgical fix?" asks for a fix in its own words
        return match if self.matcher.on_subject(match, beyond_botox=True) else None

    def _parts(self, found: list[tuple[Match, str]], whole: tuple[str, ...], told: tuple[str, ...] = ()) -> list[Part]:
        """One part per intent family or not-covered topic, in order; small talk only if nothing else.

        A topic the message names that is said beside an answer (the causes of asymmetry beside
        the asymmetry answer) follows that answer. A topic the story or the ask itself names that the
        ask is then about ("I'm pregnant, is it safe?") takes the answer's place; asked about on its own
        ("can it even out my brows, and can I have it while pregnant?") it is a part of its own."""
        parts: list[Part] = []
        seen: dict[str, int] = {}  # an intent family or a not-covered topic, and where its part is

        def again(key: str, asked: str) -> bool:
            """True if the key has its part already; the ask is then one more that part answers."""
            if key not in seen:
                return False
            part = parts[seen[key]]
            if asked != part.asked and asked not in part.also_asked:
                parts[seen[key]] = replace(part, also_asked=part.also_asked + (asked,))
            return True

        for match, asked in found:
            said = told + (match.analysis.sequence if match.analysis is not None else ())
            if match.kind == "answer" and (topic := self.matcher.qualified(match.intent or "", said)) is not None:
                match = replace(match, kind="not-covered", intent=None, topic=topic)  # asked of a topic not covered
            if match.kind == "answer":
                intent = self._by_id[match.intent or ""]
                key = self.matcher.family(intent.id)
                if again(key, asked):
                    continue
                seen[key] = len(parts)
                kind = "answer" if intent.kind == DOMAIN_KIND else intent.kind
                parts.append(Part(kind, intent.id, intent.title, intent.answer,
                                  self.knowledge.source_label(intent) or None, match.score, asked, match=match))
                for topic in self.matcher.named_beside(intent.id, whole):  # said right after that answer
                    if "not-covered:" + topic not in seen:
                        seen["not-covered:" + topic] = len(parts)
                        parts.append(self._topic_part(replace(match, kind="not-covered", intent=None, topic=topic), asked))
            elif match.kind == "ambiguous":  # more than one answer could fit: say which, not that none does
                titles = " or ".join(f"\u201c{self._by_id[c.label].title}\u201d" for c in match.alternatives[:2]
                                     if c.label in self._by_id)
                parts.append(Part("ambiguous", None, "More than one answer could fit",
                                  f"More than one part of the guide could answer \u201c{printable(asked, 160)}\u201d"
                                  f"{': ' + titles if titles else ''}. Ask it on its own to choose.", None, match.score,
                                  asked, match=match))
            elif match.topic is None:
                parts.append(Part("not-covered", None, "Not found in the guide",
                                  f"I couldn't find where the guide answers \u201c{printable(asked, 160)}\u201d.", None, match.score,
                                  asked, match=match))
            elif not again("not-covered:" + match.topic, asked):
                seen["not-covered:" + match.topic] = len(parts)
                parts.append(self._topic_part(match, asked))
        substantive = [p for p in parts if p.kind in ("answer", "not-covered", "ambiguous")]
        while len(substantive) > MAX_PARTS and any(unnamed := [p for p in substantive if p.intent is None and p.topic is None]):
            substantive.remove(unnamed[-1])  # an ask the guide can't read gives way to one it answers or names
        return (substantive or parts[:1])[:MAX_PARTS]

    def _topic_part(self, match: Match, asked: str) -> Part:
        topic = self._topics[match.topic or ""]
        return Part("not-covered", None, f"Not covered: {topic.title}", f"The guide doesn't cover {topic.title}.",
                    None, match.score, asked, topic=topic.id, match=match)

    def _compose(self, question: str, parts: list[Part], context: Context) -> Reply:
        """One reply from its parts: the main part's kind and intent, every part's text, one disclaimer."""
        if len(parts) == 1 and parts[0].match is not None:
            reply = self._reply_to(question, parts[0].match, context)
            return replace(reply, parts=(replace(reply.parts[0], asked=parts[0].asked, also_asked=parts[0].also_asked),))
        main = next((p for p in parts if p.kind == "answer"), parts[0])
        answered = [p.intent for p in parts if p.kind == "answer" and p.intent]
        follow = [i for p in parts if p.intent for i in self._by_id[p.intent].follow_up]
        follow += [i for p in parts if p.topic for i in self._topics[p.topic].related]
        follow = [i for i in dict.fromkeys(follow) if not any(in_family(i, a) or in_family(a, i) for a in answered)]
        sources = [p.source for p in parts if p.source]
        topic = answered[-1] if answered else context.topic
        text = "\n\n".join(f"{p.title}\n{p.text}" for p in parts)
        return Reply(
            question=question,
            kind=main.kind,
            intent=main.intent,
            score=main.score,
            text=text,
            title=main.title,
            source="; ".join(dict.fromkeys(sources)) or None,
            disclaimer=self._disclaimer,
            suggestions=self.suggestions_for(follow)[:_DEFAULT_SUGGESTIONS],
            match=main.match,
            context=self._next(context, topic),
            parts=tuple(parts),
        )

    def choose(self, reply: Reply, number: int) -> Reply:
        """Pick choice ``number`` (1-based) of an ambiguous reply, as if that intent had matched."""
        if not reply.choices:
            raise ValueError(f"only an ambiguous reply has choices; this reply is {reply.kind!r}")
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= len(reply.choices):
            raise ValueError(f"choose a number from 1 to {len(reply.choices)}, not {number!r}")
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
        lines = [self._message("ambiguous", ASK_WHICH)]
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


_REPORTING = frozenset({"said", "say", "told", "reckon", "think", "claim", "swear", "mention", "mentioned"})
REPORTER_WORDS = 2  # "the nurse at my clinic said...": who said it is told in at most this many words


_YOU = frozenset({"you", "your", "yours", "u", "ur"})  # words that address the assistant


def _unread(match: Match) -> Match:
    """An ask nothing in the guide answers well, to be named beside the answers to the others (an ambiguous
    one as such, if its readings are good ones: more than one answer could fit it; two weak ones are no answer)."""
    two = match.kind == "ambiguous" and match.score >= VAGUE_SCORE
    return replace(match, kind="ambiguous" if two else "not-covered", intent=None, topic=None,
                   rule=f"{match.rule}; nothing answers it well enough beside the other asks, so it is named")


def _questions(asks: list[Segment]) -> dict[str, int]:
    """Each ask's question, numbered in order: asks joined by "or" ask one thing ("will I still be able to
    pull faces, or will I look frozen?")."""
    question: dict[str, int] = {}
    number = 0
    for ask in asks:
        number += not ask.alternative
        question.setdefault(ask.text, number)
    return question


def _one_each(unread: list[tuple[Match, str]], read: list[tuple[Match, str]],
              question: dict[str, int]) -> list[tuple[Match, str]]:
    """The asks nothing answers, one for each question (:func:`_questions`), and none of a question
    answered or named already."""
    done = {question[a] for _, a in read}
    named: list[tuple[Match, str]] = []
    for match, asked in unread:
        if question[asked] not in done:
            done.add(question[asked])
            named.append((match, asked))
    return named


def _reported(sequence: tuple[str, ...]) -> tuple[str, ...]:
    """A told sentence's words, less who reported it: "the nurse at my clinic said botox is made from bacteria"
    sets the scene with what was said (Botox, bacteria), not with the nurse who said it."""
    for i, f in enumerate(sequence[: REPORTER_WORDS + 1]):
        if f in _REPORTING and i and len(sequence) > i + 1:
            return sequence[i + 1:]
    return sequence


def _in_order(analyses: Iterable[Analysis]) -> tuple[str, ...]:
    """The clauses' words in the order said, an empty word where each clause ends (no phrase spans two)."""
    return tuple(f for a in analyses for f in (*a.said, ""))


def _join(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
