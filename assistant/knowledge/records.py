"""The knowledge model: immutable records for a pack's intents, lexicon, urgent rules and quiz.

>>> from assistant.knowledge import load_knowledge
>>> kb = load_knowledge()
>>> kb.intent("side-effects").title
'Side effects'
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Iterator, Literal, Mapping

__all__ = [
    "Intent",
    "Knowledge",
    "LexiconData",
    "NotCovered",
    "Pack",
    "QuizQuestion",
    "RedFlag",
    "TIERS",
    "UrgentRules",
    "bundled_knowledge_path",
    "in_family",
]

DOMAIN_KIND: Literal["answer"] = "answer"


@dataclass(frozen=True)
class Intent:
    """A question the assistant answers: its answer, examples and where the answer comes from."""

    id: str
    title: str
    answer: str
    examples: tuple[str, ...]
    source: tuple[str, ...] = ()
    kind: IntentKind = DOMAIN_KIND
    ask: str = ""
    follow_up: tuple[str, ...] = ()
    quiz_topics: tuple[str, ...] = ()
    # An answer about a result gone wrong ("a face left more uneven"): a story lends it to an ask only if the
    # message says one of these lexicon concepts ("more lopsided than before") or tells of a face gone wrong after
    # an injection given; "my smile is lopsided, what is it made of?" is no question of a result.
    told: tuple[str, ...] = ()


@dataclass(frozen=True)
class NotCovered:
    """A subject people ask about that the guide does not cover, with related topics it does."""

    id: str
    title: str
    examples: tuple[str, ...]
    related: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()  # words that mark a question as being about this topic
    # Intents (and their refinements) still answered when a keyword is named; the topic is then named
    # beside the answer ("Bell's palsy... can Botox help?": the asymmetry answer, and causes not covered).
    beside: tuple[str, ...] = ()
    # Answers (and their refinements) that a message naming a keyword asks of this topic instead: "I'm
    # pregnant. Is Botox safe?" asks about pregnancy, which the guide's safety answer doesn't speak to.
    qualifies: tuple[str, ...] = ()
    # Answers (and their refinements) that a vague ask read with its story gives way to, when the story tells
    # of a result of an injection already given: "my brow has dropped since my botox. How do I fix it?" asks
    # to undo that result, not how Botox evens out a face.
    after_treatment: tuple[str, ...] = ()


Tier = Literal["emergency", "contact-doctor"]  # how urgent a red flag is
TIERS: tuple[Tier, ...] = ("emergency", "contact-doctor")
IntentKind = Literal["answer", "chat", "quiz", "urgent"]
QuizKind = Literal["choice", "true-false"]


@dataclass(frozen=True)
class RedFlag:
    """One urgent symptom, the phrasings that name it and how urgent it is.

    ``tier`` is "emergency" or "contact-doctor"; ``stroke`` marks a stroke
    sign (answered from stroke guidance, and never set aside because it has
    passed); ``needs`` names cue lists (``UrgentRules.cues``, or "sudden") of
    which one must be in the symptom's sentence; ``unless`` are phrases that
    void it in its sentence when no injection is in the story ("out of breath
    after running"); ``absent`` flags name something that does not happen
    ("my eye won't close"), so they count only when negated;
    ``emergency_with`` names flags that, together with this one, make an
    emergency (hives with dizziness).
    """

    id: str
    label: str
    phrases: tuple[str, ...] = ()
    pairs: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
    pre_existing_ok: bool = False
    tier: str = "emergency"
    stroke: bool = False
    needs: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    absent: bool = False
    emergency_with: tuple[str, ...] = ()


# The lists of words and phrases an urgent-rules section may hold (see knowledge/urgent.yaml).
URGENT_LISTS = ("negators", "not_negating", "idioms", "asking", "onset", "treatment", "hypothetical", "plans", "standalone", "past", "passed", "risk", "future",
                "now", "sudden", "recent", "later", "long_standing", "other_cause", "injection", "injection_before",
                "injection_after", "people", "spread")


@dataclass(frozen=True)
class UrgentRules:
    """The red flags, the words that negate them, place them in time or frame them, and the urgent note."""

    red_flags: tuple[RedFlag, ...] = ()
    window: int = 4
    negators: tuple[str, ...] = ()
    not_negating: tuple[str, ...] = ()  # phrases that begin with a negator but deny nothing
    asking: tuple[str, ...] = ()  # words that open a general question
    idioms: tuple[str, ...] = ()  # phrases that name no symptom ("i choked up")
    onset: tuple[str, ...] = ()
    treatment: tuple[str, ...] = ()
    hypothetical: tuple[str, ...] = ()
    plans: tuple[str, ...] = ()  # hypotheticals that set aside contact-doctor signs only
    standalone: tuple[str, ...] = ()
    past: tuple[str, ...] = ()
    passed: tuple[str, ...] = ()
    risk: tuple[str, ...] = ()
    future: tuple[str, ...] = ()
    now: tuple[str, ...] = ()
    sudden: tuple[str, ...] = ()
    recent: tuple[str, ...] = ()
    later: tuple[str, ...] = ()
    long_standing: tuple[str, ...] = ()
    other_cause: tuple[str, ...] = ()
    injection: tuple[str, ...] = ()
    injection_before: tuple[str, ...] = ()
    injection_after: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    spread: tuple[str, ...] = ()  # the ids of the contact-doctor signs that tell of the toxin's effect spreading
    cues: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    note: str = ""  # shown on urgent replies instead of the guide's disclaimer
    undated_droop: str = ""  # added to a reply about a one-sided droop with no date

    def words(self) -> list[str]:
        """Every word and phrase the red flags use (so typos can be corrected towards them)."""
        words = [p for f in self.red_flags for p in f.phrases] + list(self.standalone)
        # "sudenly" must read as "suddenly": the onset words and cues a stroke sign needs are corrected towards too.
        cues = [w for phrase in (*self.sudden, *(c for group in self.cues.values() for c in group)) for w in phrase.split()
                if len(w) >= 5 and w.isalpha()]
        return words + [w for f in self.red_flags for a, b in f.pairs for w in a + b] + cues


@dataclass(frozen=True)
class LexiconData:
    """Contractions, stopwords, filler, synonym concepts, anchors and protected words."""

    contractions: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    stopwords: frozenset[str] = frozenset()
    filler: frozenset[str] = frozenset()
    concepts: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    anchors: frozenset[str] = frozenset()
    topical: frozenset[str] = frozenset()
    broad: frozenset[str] = frozenset()  # topical concepts that describe everyday things too (an uneven cake)
    not_typos: frozenset[str] = frozenset()


@dataclass(frozen=True)
class QuizQuestion:
    """A quiz question: multiple choice (``options``) or true/false, with the answer and why."""

    id: str
    intents: tuple[str, ...]
    kind: QuizKind
    question: str
    options: tuple[str, ...]
    answer: str
    explanation: str


@dataclass(frozen=True)
class Pack:
    """The pack's name, its guide, the disclaimer, the named sources and stock messages."""

    name: str = "knowledge"
    title: str = ""
    guide: str = ""
    disclaimer: str = ""
    disclaimer_short: str = ""
    sources: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    messages: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class Knowledge:
    """A loaded knowledge pack. Build one with :func:`load_knowledge`."""

    path: str
    pack: Pack
    intents: tuple[Intent, ...]
    not_covered: tuple[NotCovered, ...] = ()
    lexicon: LexiconData = field(default_factory=LexiconData)
    urgent: UrgentRules = field(default_factory=UrgentRules)
    quiz: tuple[QuizQuestion, ...] = ()

    def intent(self, intent_id: str) -> Intent:
        """The intent with this id; ``KeyError`` if there is none."""
        for intent in self.intents:
            if intent.id == intent_id:
                return intent
        raise KeyError(intent_id)

    def title_of(self, label: str) -> str:
        """A person's name for an intent id, a ``not-covered:<id>`` label or a quiz topic group ("botox").

        >>> from assistant.knowledge import load_knowledge
        >>> from assistant.knowledge import load_knowledge
        >>> kb = load_knowledge()
        >>> kb.title_of("side-effects"), kb.title_of("botox"), kb.title_of("nope")
        ('Side effects', 'all botox questions', 'nope')
        """
        if label.startswith("not-covered:"):
            topic = label.split(":", 1)[1]
            found = next((t for t in self.not_covered if t.id == topic), None)
            return f"not covered: {found.title}" if found else label
        try:
            return self.intent(label).title
        except KeyError:
            if any(in_family(i.id, label) for i in self.intents):
                return f"all {label} questions"
            return label

    def in_family(self, intent_id: str, family: str) -> bool:
        """True if ``intent_id`` is ``family`` or one of its dotted refinements (see :func:`in_family`)."""
        return in_family(intent_id, family)

    @property
    def domain_intents(self) -> tuple[Intent, ...]:
        """The intents that answer from the guide (not small talk, quiz or urgent)."""
        return tuple(i for i in self.intents if i.kind == DOMAIN_KIND)

    def source_label(self, intent: Intent) -> str:
        """Where an intent's answer comes from, in words."""
        return "; ".join(self.pack.sources.get(s, s) for s in intent.source)


def in_family(intent_id: str, family: str) -> bool:
    """True if ``intent_id`` is ``family`` or one of its dotted refinements.

    >>> in_family("side-effects.bruising", "side-effects"), in_family("side-effects", "side")
    (True, False)
    """
    return intent_id == family or intent_id.startswith(family + ".")


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a pack is loaded and indexed: it would
    otherwise walk the growing pack again and again (loads of large packs take twice as long).
    Only allocation happens inside, nothing that leaves cycles behind."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def bundled_knowledge_path() -> Path:
    """The knowledge pack shipped with the package: ``assistant/data`` in the wheel (the
    repository's ``knowledge/`` directory, renamed so it can't be mistaken for this module),
    or ``knowledge/`` beside a source checkout."""
    here = Path(__file__).resolve().parent.parent  # the package, assistant/
    installed = here / "data"
    return installed if installed.is_dir() else here.parent / "knowledge"
