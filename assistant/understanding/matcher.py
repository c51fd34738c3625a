"""The intent matcher: maps a question to the intent whose examples explain it best, or declines.

Each question and example is reduced to concepts (see :mod:`assistant.understanding.lexicon`).
Concepts are weighted by how well they tell labels apart (an inverse label
frequency), so "bruise" counts for more than "botox". A question scores
against an example by a precision-leaning F-measure of the weight they share;
words no label knows count fully against every label, which is what keeps
"side effects of ibuprofen" from borrowing the side-effects answer.

>>> from assistant.knowledge import load_knowledge
>>> m = IntentMatcher(load_knowledge())
>>> match = m.match("does botox cause bruising?")
>>> match.intent, match.kind, match.score > 0.8
('side-effects.bruising', 'answer', True)
>>> m.match("what are the side effects of ibuprofen").intent is None
True
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Iterable, Literal, Sequence

from ..immutable import Immutable
from ..knowledge.records import Knowledge, in_family
from .lexicon import Analysis, Lexicon

__all__ = ["Candidate", "IntentMatcher", "Match", "NOT_COVERED_PREFIX"]

NOT_COVERED_PREFIX = "not-covered:"
COMMON_LABELS, COMMON_SHARE = 50, 0.05  # a word used by more labels than both is "common"
SHORT_QUESTION = 12  # features; longer texts are stories
TOP_LABELS = 5  # how many labels are ranked exactly: the answer, its rivals and what /why shows
_IT = frozenset({"it", "they"})  # words that stand for the treatment a message is about, as what is asked about
_PEOPLE = frozenset({"injector"})  # an anchor "they" is not the treatment for: "what should they ask me?" asks of people
_ASKING = frozenset("can could will would does do did is are was should".split())
_WH = frozenset("how what why when where".split())
# "is it normal for my jaw to be wider?": an "it" that only stands in for what follows ("for ...", "to ...",
# "that ...") is no treatment
_HOW_USUAL = frozenset("normal usual typical common unusual rare".split())
EVERYDAY = 0.25  # a word more than this share of the answers use is everyday, whatever a keyword says
_WHO = frozenset({"who", "whom", "whose"})  # a question that asks for someone: no story's face answers it
_ASKED_OF = frozenset("i you it this that they he she we my your the a an there botox".split())  # "will it", "is that"
_QUESTION_WORDS = _WH | {"who", "which"}  # words that open questions: no word of any subject

PRESUMES = 0.85  # the share of an answer's examples naming Botox from which the answer presumes it
FILLER_WEIGHT = 0.3  # scene-setting words ("my sister", "told") count a little, never against


@dataclass(frozen=True)
class Candidate:
    """One label the question was scored against: an intent id, or ``not-covered:<topic>``."""

    label: str
    score: float

    @property
    def not_covered(self) -> bool:
        return self.label.startswith(NOT_COVERED_PREFIX)


@dataclass(frozen=True)
class Match:
    """The matcher's verdict on one question.

    ``kind`` is "answer", "ambiguous", "not-covered", "out-of-scope" or "empty";
    ``intent`` is set only for "answer". ``score`` (0 to 1) is how well the
    question matched what the verdict rests on: the intent, the tied intents,
    or the not-covered topic; it is 0 for "out-of-scope" and "empty" (the raw
    scores stay in ``candidates``). ``alternatives`` holds the runners-up (for
    "ambiguous", the choices), best first. ``rule`` says which rule decided.
    """

    kind: MatchKind
    intent: str | None
    score: float
    alternatives: tuple[Candidate, ...] = ()
    rule: str = ""
    margin: float = 0.0
    topic: str | None = None  # the not-covered topic, when one was recognised
    analysis: Analysis | None = None
    candidates: tuple[Candidate, ...] = ()  # the top labels as scored, for explaining
    shared: frozenset[str] = frozenset()  # for an answer: the words its best example shares with the question


MatchKind = Literal["answer", "ambiguous", "not-covered", "out-of-scope", "empty"]


def _said(run: tuple[str, ...], sequence: Sequence[str]) -> bool:
    """True if the words of ``run`` come one after another in ``sequence``.

    >>> _said(("work", "out"), ("can", "work", "out")), _said(("work", "out"), ("work", "salon", "out"))
    (True, False)
    """
    if len(run) == 1:
        return True
    first, size = run[0], len(run)
    return any(sequence[i : i + size] == run for i, f in enumerate(sequence) if f == first)


def _asks_of_it(text: str) -> bool:
    """True if a question asks about "it" ("would it...", "how does it...", "...go to for it"), not "is it just me?",
    "can it be fixed?" (the result), "why does it happen?" or "is it normal for my jaw to be wider?"."""
    words = text.split()
    at = 1 if words[:1] and words[0] in _ASKING else 2 if words[:1] and words[0] in _WH else len(words)
    subject = words[at:at + 1]
    said_it = not _IT.isdisjoint(subject)  # "it" asked about right after the question's opening
    if not said_it:
        return bool(words[-1:]) and words[-1] in _IT
    return not (words[at + 1:at + 3] in (["just", "me"], ["only", "me"])  # an idiom
                or words[at + 1:at + 2] in (["be"], ["happen"], ["occur"])  # what is done to it, what happens
                or (words[at + 1:at + 2] and words[at + 1] in _HOW_USUAL and words[at + 2:at + 3] in (["for"], ["to"], ["that"])))


def _said_in(analysis: Analysis) -> tuple[str, ...]:
    """The features in the order said, then each word lent by the story on its own (so a lent word can
    name a topic, but never make a phrase with another)."""
    said = analysis.said
    own = frozenset(said)
    lent = [f for f in analysis.features if f not in own]
    return said + tuple(x for f in lent for x in ("", f))


def _asks_who(text: str) -> bool:
    """True if a normalised question asks for someone ("who should inject me?", "should she worry about who does it?")."""
    return not _WHO.isdisjoint(text.split())


def _asks(text: str) -> bool:
    """True if a normalised question opens as one ("will it...", "what is...", "who can..."), not as an exclamation
    ("what a help", "how kind of you") or a reply ("will do")."""
    words = text.split()[:2]
    if len(words) < 2:
        return False
    return ((words[0] in _ASKING and words[1] in _ASKED_OF) or (words[0] in _QUESTION_WORDS and words[1] in _ASKING))


def _family_root(label: str, labels: set[str]) -> str:
    """The label's family: its shortest dotted prefix that is a label too ("a.b" for "a.b.c"), or itself."""
    pieces = label.split(".")
    for size in range(1, len(pieces)):
        prefix = ".".join(pieces[:size])
        if prefix in labels:
            return prefix
    return label


class IntentMatcher(Immutable):
    """Fuzzy intent matcher over a knowledge pack. Pure, deterministic and thread-safe.

    Everything is keyword-only and the defaults are the values swept on the
    development sets:

    - ``accept``: the lowest score that answers (below it: not-covered or out-of-scope);
    - ``margin``: the least lead the best intent needs over a different
      runner-up, else the reply is ambiguous (0 never calls a tie);
    - ``beta``: < 1 leans each example's F-measure towards precision (a
      question should be explained by the example more than the reverse);
    - ``coverage``: how much the words an intent knows across all its examples
      count next to the one best example (helps long questions);
    - ``unknown_weight``, ``unknown_decay``: how much a word no intent knows
      counts against the question, and the factor for each further one;
    - ``unanchored_accept``, ``unanchored_unknown``: the stricter floor and
      heavier unknown words for questions that name no anchor (botox,
      injection...) and come with no conversation about Botox;
    - ``long``, ``long_unknown``: questions about Botox with at least ``long``
      concepts count their unknown words at ``long_unknown`` (rambling);
    - ``name_topic``: below the accept floor, a question about Botox closest to a
      topic the guide doesn't cover, at least this close, is said to be about it
      (as is one that names the topic's keyword).
    """

    def __init__(
        self,
        knowledge: Knowledge,
        *,
        accept: float = 0.55,
        margin: float = 0.03,
        beta: float = 0.8,
        unknown_weight: float = 1.0,
        unknown_decay: float = 0.7,
        unanchored_accept: float = 0.6,
        unanchored_unknown: float = 1.5,
        long: int = 8,
        long_unknown: float = 0.5,
        coverage: float = 0.4,
        name_topic: float = 0.45,
        lexicon: Lexicon | None = None,
    ):
        self.knowledge = knowledge
        self.accept = accept
        self.margin = margin
        self._beta2 = beta * beta
        self._decay = unknown_decay
        self._long = long
        self._unanchored_accept = unanchored_accept
        self._unanchored_unknown = unanchored_unknown
        self._long_unknown = long_unknown
        self._coverage = coverage
        self._name_topic = name_topic
        # Urgent intents are found by the urgent check's rules, not by resemblance:
        # "can botox cause droopy eyelids?" looks like an emergency but isn't one.
        matched = [i for i in knowledge.intents if i.kind != "urgent"]
        labels = [i.id for i in matched] + [NOT_COVERED_PREFIX + t.id for t in knowledge.not_covered]
        texts = [i.examples for i in matched] + [t.examples for t in knowledge.not_covered]
        self.labels: tuple[str, ...] = tuple(labels)
        self.lexicon = lexicon if lexicon is not None else Lexicon.of(knowledge)
        analysed = [[self.lexicon.analyse(e) for e in group] for group in texts]
        # Every word each label knows, and which labels know each word.
        # An intent and its dotted refinements (side-effects, side-effects.bruising) are one family:
        # a word any of them knows counts as known to each, so refining an intent changes no weights.
        own_vocab = [frozenset(f for a in group for f in a.features) for group in analysed]
        known = set(labels)
        family = [_family_root(label, known) for label in labels]
        family_vocab: dict[str, set[str]] = defaultdict(set)
        for root, vocab in zip(family, own_vocab):
            family_vocab[root].update(vocab)
        self._label_vocab = tuple(frozenset(family_vocab[root]) for root in family)
        self._family = dict(zip(labels, family))
        label_postings: dict[str, list[int]] = defaultdict(list)
        for label_number, vocab in enumerate(self._label_vocab):
            for f in vocab:
                label_postings[f].append(label_number)
        families_knowing: dict[str, set[str]] = defaultdict(set)
        for root, words in family_vocab.items():
            for f in words:
                families_knowing[f].add(root)
        n = len(family_vocab)
        self._weights = {f: math.log(1.0 + n / len(roots)) for f, roots in families_knowing.items()}
        self._unknown = math.log(1.0 + n / 0.5) * unknown_weight
        self._filler = FILLER_WEIGHT
        # Per example: its label, its concepts and their total weight (parallel tuples: the hot loop reads them).
        label_of: list[int] = []
        example_features: list[frozenset[str]] = []
        example_weights: list[float] = []
        for label_number, group in enumerate(analysed):
            for analysis in group:
                if analysis.features:
                    fs = frozenset(analysis.features)
                    label_of.append(label_number)
                    example_features.append(fs)
                    example_weights.append(sum(self.weight(f, analysis.fillers) for f in fs))
        self._domain = frozenset(i.id for i in knowledge.domain_intents)
        self._small_talk = frozenset(i.id for i in knowledge.intents if i.kind == "chat")
        # Small talk none of whose examples asks ("bye", "later", "thanks"): it never answers a question that opens as
        # one ("will it wear off later?", "is it ok to go out later?")
        self._never_asks = frozenset(label for label, group in zip(labels, analysed) if label in self._small_talk
                                     and group and not any(_asks(a.text) for a in group))
        self._domain_words = frozenset(f for label, vocab in zip(labels, own_vocab) if label in self._domain for f in vocab)
        self._topical = frozenset(knowledge.lexicon.topical | knowledge.lexicon.anchors) | self._own_words(
            knowledge, labels, analysed, family)
        self._anchors = frozenset(knowledge.lexicon.anchors)
        self._beyond_botox = self._topical - self._anchors  # words of the subject other than Botox and injections
        # The anchor the guide's answers name most (Botox): what "it" stands for in a message about it that never names it
        named_by = {f: sum(f in a.features_set for label, group in zip(labels, analysed) if label in self._domain for a in group)
                    for f in sorted(self._anchors)}
        self._treatment = max(named_by, key=named_by.__getitem__) if named_by else None
        self._broad = frozenset(knowledge.lexicon.broad)
        self._told = {i.id: frozenset(i.told) for i in knowledge.intents if i.told}
        # Answers whose examples nearly all name Botox presume it ("will it leave a bruise?"): a message that
        # never names it gets them only by its own words, never by what its story lends.
        self._presume = frozenset(label for label, group in zip(labels, analysed)
                                  if group and sum(a.anchored for a in group) >= PRESUMES * len(group))
        label_examples: list[list[int]] = [[] for _ in labels]
        for index, label_number in enumerate(label_of):
            label_examples[label_number].append(index)
        self._label_examples = tuple(tuple(ix) for ix in label_examples)
        # Per label, which of its examples use each word: scoring a label touches only the examples
        # that share a word with the question.
        # An example that says what an earlier one of its label says, in other words, scores as that one
        # does and is found after it: it is left out ("does it bruise?", "will it bruise?").
        label_index: list[dict[str, list[int]]] = [defaultdict(list) for _ in labels]
        seen: set[tuple[int, frozenset[str], float]] = set()
        for index, (label_index_of, features, weight) in enumerate(zip(label_of, example_features, example_weights)):
            if (label_index_of, features, weight) in seen:
                continue
            seen.add((label_index_of, features, weight))
            for f in features:
                label_index[label_index_of][f].append(index)
        self._label_index = tuple({f: tuple(ix) for f, ix in d.items()} for d in label_index)
        self._example_features = tuple(example_features)
        self._example_weights = tuple(example_weights)
        self._label_postings = {f: tuple(ix) for f, ix in label_postings.items()}
        # A not-covered topic's keywords ("cost", "pregnant") mark a question as being about it.
        self._keywords: list[tuple[frozenset[str], str]] = []
        runs: list[tuple[str, ...]] = []  # each keyword's words in order: a phrase is named only as a phrase
        for topic in knowledge.not_covered:
            for keyword in topic.keywords:
                run = self.lexicon.analyse(keyword).sequence
                if run:
                    self._keywords.append((frozenset(run), topic.id))
                    runs.append(run)
        self._keyword_runs = tuple(runs)
        # (a keyword's question word, "how long", is no word of the subject: "how do I get to the station?"; nor is
        # a word most answers use, "for", "make": "who makes it?")
        everyday = frozenset(f for f, roots in families_knowing.items() if len(roots) > EVERYDAY * n)
        self._subject_words = self._topical | frozenset(f for words, _ in self._keywords for f in words) - _QUESTION_WORDS - everyday
        # Each keyword filed under one of its words, so a question looks up only the keywords it could hold.
        by_word: dict[str, list[int]] = defaultdict(list)
        for number, (keyword_words, _) in enumerate(self._keywords):
            by_word[min(keyword_words)].append(number)
        self._keywords_by_word = {w: tuple(ns) for w, ns in by_word.items()}
        self._beside = {t.id: frozenset(self._family.get(i, i) for i in t.beside) for t in knowledge.not_covered}
        self._qualifies = {t.id: t.qualifies for t in knowledge.not_covered if t.qualifies}
        self._after_treatment = {self._family.get(i, i): t.id for t in knowledge.not_covered for i in t.after_treatment}
        # the words of each topic an answer gives way to, to tell whether an ask speaks of it ("how do I fix it?")
        self._topic_vocab = {t: self._label_vocab[self.labels.index(NOT_COVERED_PREFIX + t)]
                             for t in set(self._after_treatment.values())}
        shared_by = max(COMMON_LABELS, COMMON_SHARE * len(labels))
        self._common = frozenset(f for f, ls in label_postings.items() if len(ls) > shared_by)
        self._seal()

    @staticmethod
    def _own_words(knowledge: Knowledge, labels: list[str], analysed: list[list[Analysis]],
                   family: list[str]) -> frozenset[str]:
        """Words that mark a question as being about the pack's subject, read from the pack itself:
        those used by two or more examples of one answer's family, by no other answer and by no small
        talk ("hours" in a clinic's opening-hours intent; a topic the guide doesn't cover may share
        them). With the lexicon's topical concepts, they let a question that names no anchor reach an
        answer (a pack that adds intents needs no lexicon edits)."""
        domain = {i.id for i in knowledge.domain_intents}
        chat = {i.id for i in knowledge.intents} - domain
        uses: dict[str, dict[str, int]] = defaultdict(dict)  # word -> family -> examples using it
        elsewhere: set[str] = set()
        for label, root, group in zip(labels, family, analysed):
            for analysis in group:
                if label in chat:
                    elsewhere.update(analysis.features)
                if label not in domain:
                    continue
                for f in analysis.features_set:
                    uses[f][root] = uses[f].get(root, 0) + 1
        scene = knowledge.lexicon.filler  # "my sister" sets a scene in any pack
        return frozenset(f for f, by in uses.items()
                         if len(by) == 1 and max(by.values()) >= 2 and f not in elsewhere and f not in scene)

    def weight(self, feature: str, fillers: frozenset[str] = frozenset()) -> float:
        """How much a concept counts: more when fewer labels use it; most for unknown words."""
        if feature in fillers:
            return min(self._filler, self._weights.get(feature, self._filler))
        return self._weights.get(feature, self._unknown)

    def analyse(self, question: str) -> Analysis:
        """The question as the matcher sees it (normalised, corrected, as concepts)."""
        return self.lexicon.analyse(question)

    def _query_weights(self, analysis: Analysis) -> dict[str, float]:
        """Each feature's weight; every further unknown word counts a little less than the last,
        so one unfamiliar subject sinks a question but a long, chatty one is not drowned."""
        weights: dict[str, float] = {}
        unknown = 0
        if analysis.in_story:  # one ask of a message about Botox: the message is anchored, the ask is short
            scale = self._long_unknown
        else:
            scale = 1.0 if analysis.anchored else self._unanchored_unknown
            if analysis.anchored and len(analysis.features) >= self._long:
                scale *= self._long_unknown
        for f in analysis.features:
            w = self.weight(f, analysis.fillers)
            if f not in self._weights and f not in analysis.fillers:
                w *= scale * self._decay ** unknown
                unknown += 1
            weights[f] = w
        return weights

    def _rank(self, analysis: Analysis, top: int = TOP_LABELS, at_least: float = 0.0) -> list[tuple[int, float, int]]:
        """(label index, score, best example index) for the ``top`` best labels, best first.

        Exact, but without scoring every example that shares a common word: a
        label's examples can score at most F(covered / total, 1), where
        ``covered`` is the weight of the question's words the label knows at all.
        Labels are visited by that bound, highest first, and the visit stops
        once no label left can beat the ``top``-th score found, or reach the
        accept floor (or ``at_least``, if higher) less the margin (below it a label
        can't change the verdict, so such labels are not listed: with ``at_least``,
        only an answer the full ranking scores at least that is sure to be unchanged).
        """
        features = analysis.features
        weights = self._query_weights(analysis)
        total = sum(weights.values())
        if total <= 0:
            return []
        b2 = self._beta2
        one_b2 = 1 + b2
        lam = self._coverage
        keep = 1 - lam
        query = {f: weights[f] for f in features if f in self._weights}
        floor = max(self.accept, at_least) - self.margin  # a label scoring below this can't change the verdict
        # Words most labels use ("what", "botox") are not walked label by label: every label is
        # assumed to know them, which keeps the bound an upper bound. Only if they alone could
        # lift a label to the floor are they walked after all.
        common = [f for f in query if f in self._common]
        common_weight = sum(query[f] for f in common)
        alone = common_weight / total
        walked = [f for f in features if f not in common or one_b2 * alone / (b2 * alone + 1) >= floor]
        slack = common_weight - sum(query[f] for f in common if f in walked)
        covered: dict[int, float] = defaultdict(float)
        for f in walked:
            w = weights[f]
            for label in self._label_postings.get(f, ()):
                covered[label] += w
        example_weights = self._example_weights
        found: list[tuple[float, int, int]] = []  # a min-heap of (score, -label, example)
        order = [(-(cover + slack), label) for label, cover in covered.items()]
        heapq.heapify(order)  # popped lazily: most questions stop after a few labels
        vocab = self._label_vocab
        while order:
            neg_cover, label = heapq.heappop(order)
            share = -neg_cover / total
            bound = one_b2 * share / (b2 * share + 1)
            if bound < floor or (len(found) >= top and bound <= found[0][0]):
                break
            if slack:  # the bound assumed every common word; use the ones the label has
                share = (covered[label] + sum(query[f] for f in common if f not in walked and f in vocab[label])) / total
            best, best_index = 0.0, -1
            shared: dict[int, float] = {}  # the label's examples that share a word, and its weight
            get = shared.get
            postings = self._label_index[label]
            for f, w in query.items():
                for index in postings.get(f, ()):
                    shared[index] = get(index, 0.0) + w
            floor_share = lam * share
            for index, inter in shared.items():
                precision = keep * inter / total + floor_share  # (1 - lam) * inter / total + lam * share
                recall = inter / example_weights[index]
                score = one_b2 * precision * recall / (b2 * precision + recall)
                if score > best:
                    best, best_index = score, index
            if best_index < 0:
                continue
            entry = (best, -label, best_index)
            if len(found) < top:
                heapq.heappush(found, entry)
            elif entry > found[0]:
                heapq.heapreplace(found, entry)
        ranked = sorted(found, key=lambda e: (-e[0], -e[1]))
        return [(-neg_label, round(min(1.0, score), 4), index) for score, neg_label, index in ranked]

    def _named(self, sequence: Sequence[str]) -> list[tuple[frozenset[str], str]]:
        """The not-covered keywords said in the sequence of features, as (words, topic id), in the pack's
        order; a keyword of several words counts only said together ("work out", not "works in a salon...
        level them out")."""
        present = frozenset(sequence)
        numbers = {n for f in present for n in self._keywords_by_word.get(f, ()) if self._keywords[n][0] <= present}
        return [self._keywords[n] for n in sorted(numbers) if _said(self._keyword_runs[n], sequence)]

    def _shared(self, analysis: Analysis, ranked: tuple[int, float, int]) -> frozenset[str]:
        """The question's words that the ranked label's best example uses too."""
        return analysis.features_set & self._example_features[ranked[2]]

    def specific(self, analysis: Analysis, *, named: bool = True) -> bool:
        """True if a question names something of the subject besides Botox itself ("is it safe?"),
        False for a vague one ("can it help?", "is that true?") that needs the words around it;
        ``named=False`` leaves the topics the guide doesn't cover out of it."""
        return any(f in self._beyond_botox for f in analysis.features) or _asks_who(analysis.text) or (
            named and bool(self._named(_said_in(analysis))))

    def presumes_botox(self, label: str) -> bool:
        """True if the answer's examples nearly all name Botox or injections (the side effects, who injects)."""
        return label in self._presume

    def subject_words(self, features: Iterable[str]) -> frozenset[str]:
        """The words of the subject among these (Botox, a bruise, the face...)."""
        return frozenset(features) & self._topical

    def beyond_botox(self, features: Iterable[str]) -> frozenset[str]:
        """The words of the subject among these besides Botox and injections themselves (a bruise, the face...)."""
        return frozenset(features) & self._beyond_botox

    def last_subject(self, analysis: Analysis) -> str | None:
        """The last word of the subject a clause says ("botox" in "my GP mentioned botox"), or None."""
        return next((f for f in reversed(analysis.sequence) if f in self._topical), None)

    @property
    def anchors(self) -> frozenset[str]:
        """The concepts that name the subject itself (Botox, injections)."""
        return self._anchors

    @property
    def broad(self) -> frozenset[str]:
        """The concepts of the subject that describe everyday things too (uneven: a cake, a table)."""
        return self._broad

    def told(self, label: str) -> frozenset[str]:
        """The concepts that tell of the result gone wrong an answer is about (its intent's ``told``); empty for most."""
        return self._told.get(label, frozenset())

    def about_subject(self, features: Iterable[str]) -> bool:
        """True if a message that never names Botox still names two words of its subject beyond the shape
        words ("my brows are uneven since it was done, and there's bruising": a bruise and a brow; a cake
        is uneven too)."""
        return len(self.subject_words(features) - self._broad) >= 2

    def only_broad(self, analysis: Analysis) -> bool:
        """True if the only words of the subject a question names are of shape ("level it", "even it out"),
        which a table or a cake has too."""
        words = self.subject_words(analysis.features)
        return bool(words) and words <= self._broad

    def on_subject(self, match: Match, *, beyond_botox: bool = False) -> bool:
        """True if an answer rests on a word of the subject (a bruise, a face, a doctor...), not only on
        everyday words ("is that true?" sharing "true" with "botox is a poison, is that true");
        ``beyond_botox``: on one besides the anchors (Botox, injections) themselves."""
        return bool(match.shared & (self._beyond_botox if beyond_botox else self._topical))

    def named_apart(self, said: Analysis | Sequence[str]) -> tuple[str, ...]:
        """The not-covered topics a text (or features in the order said) names in its own words, those said
        beside an answer aside ("I paid £300 for it": prices; not "since my Bell's palsy", said beside the
        asymmetry answer)."""
        sequence = said.said if isinstance(said, Analysis) else said
        return tuple(dict.fromkeys(t for _, t in self._named(sequence) if not self._beside.get(t)))

    def named_beside(self, intent_id: str, query: Sequence[str]) -> tuple[str, ...]:
        """The not-covered topics a message (its features, in order) names that are said beside this intent's
        answer ("since my Bell's palsy... can Botox help?": the causes of asymmetry)."""
        root = self._family.get(intent_id, intent_id)
        return tuple(dict.fromkeys(t for _, t in self._named(query) if root in self._beside.get(t, ())))

    def qualified(self, intent_id: str, query: Sequence[str]) -> str | None:
        """The not-covered topic a message (its features, in order) names that this answer's question is then about
        ("I'm pregnant. Is Botox safe?": pregnancy, not the general safety answer), or None."""
        return next((t for _, t in self._named(query)
                     if any(in_family(intent_id, q) for q in self._qualifies.get(t, ()))), None)

    def speaks_of(self, topic: str, analysis: Analysis) -> bool:
        """True if the question says a word of a not-covered topic's examples besides Botox and how questions open
        ("how do I fix it?" speaks of undoing a result; "is this normal?" does not)."""
        vocab = self._topic_vocab.get(topic, frozenset())
        return any(f in vocab and f not in self._anchors and f not in _ASKING and f not in _QUESTION_WORDS
                   for f in analysis.features)

    def after_treatment(self, intent_id: str) -> str | None:
        """The not-covered topic a vague ask answered with this intent is about when its story tells of a result
        of an injection already given ("my brow dropped after my botox... how do I fix it?": undoing it), or None."""
        return self._after_treatment.get(self._family.get(intent_id, intent_id))

    def family(self, label: str) -> str:
        """The intent a label refines, or the label itself ("side-effects" for "side-effects.bruising")."""
        return self._family.get(label, label)

    def unknown(self, analysis: Analysis) -> tuple[str, ...]:
        """The question's words that no label knows ("wine", "milk"), scene-setting words aside."""
        return tuple(f for f in analysis.features if f not in self._weights and f not in analysis.fillers)

    def meaning_botox(self, analysis: Analysis, message: Iterable[str]) -> Analysis:
        """The ask with "it" read as the Botox (or injections) the message names ("would it even out my
        face?", "who should I go to for it?" in a message about Botox), if it names none itself; never as the
        injector ("how do I choose an injector, and what should they ask me?" asks what a consultation covers)."""
        if analysis.anchored or not _asks_of_it(analysis.text):
            return analysis
        named = tuple(f for f in dict.fromkeys(message) if f in self._anchors and f not in analysis.features_set
                      and f not in _PEOPLE)
        if not named:
            return analysis
        return replace(analysis, features=analysis.features + named, anchored=True, topical=True)

    def meaning(self, analysis: Analysis, word: str) -> Analysis:
        """The ask with "it" read as a word of the subject asked about just before it ("bruising?? swelling?? how
        bad is it?"), as :meth:`meaning_botox` reads it as Botox."""
        if word in analysis.features_set or not _asks_of_it(analysis.text):
            return analysis
        return replace(analysis, features=analysis.features + (word,), anchored=analysis.anchored or word in self._anchors,
                       topical=True)

    @property
    def treatment(self) -> str | None:
        """The anchor concept the guide's answers name most ("botox"), or None in a pack with no anchors."""
        return self._treatment

    def with_scene(self, analysis: Analysis, scene: frozenset[str]) -> Analysis:
        """The analysis with the scene's subject concepts added ("my face is uneven... can it help?")."""
        extra = tuple(sorted(f for f in scene if f in self._topical and f not in analysis.features_set))
        if not extra:
            return analysis
        return replace(analysis, features=analysis.features + extra, topical=True,
                       anchored=analysis.anchored or any(f in self._anchors for f in extra))

    def match(self, question: str, *, anchored: bool = False, scene: frozenset[str] = frozenset(),
              in_story: bool = False) -> Match:
        """Match a question; ``anchored=True`` says the conversation is already about the subject.

        ``scene`` holds concepts from the rest of the message (the story around the
        question); those that name the subject are read as part of the question.

        >>> IntentMatcher(__import__("assistant").load_knowledge()).match("").kind
        'empty'
        """
        return self.match_analysis(self.analyse(question), anchored=anchored, scene=scene, in_story=in_story)

    def match_analysis(self, analysis: Analysis, *, anchored: bool = False, scene: frozenset[str] = frozenset(),
                       in_story: bool = False, top: int = TOP_LABELS, at_least: float = 0.0,
                       without: frozenset[str] = frozenset()) -> Match:
        """:meth:`match` for a question already analysed (so a message's clauses are read once each).

        ``in_story`` says the question is one ask of a longer message about the subject:
        its unknown words weigh less. ``top`` is how many labels are ranked exactly (fewer is faster;
        the verdict needs the best and its runner-up). ``at_least``: only an answer scoring at least this is
        wanted, so labels that can't come within the margin of it are not ranked (faster). An answer the full
        ranking scores at least that is the same; any other match may differ (a not-covered topic may stand
        where the full ranking's lower answer would have taken its place). ``without``: intent families the
        question is known not to be asking (their labels are left out of the ranking).
        """
        if in_story:
            analysis = replace(analysis, in_story=True)
        if scene:
            analysis = self.with_scene(analysis, scene)
        if not analysis.features:
            return Match("empty", None, 0.0, rule="no words to match", analysis=analysis)
        ranking = self._rank(analysis, top + sum(self._family[label] in without or label in without for label in self.labels) if without
                             else top, at_least)
        if without:
            ranking = [r for r in ranking if self._family[self.labels[r[0]]] not in without and self.labels[r[0]] not in without][:top]
        subject = analysis.features_set & self._beyond_botox if analysis.anchored else frozenset()
        talk = len(ranking)
        if subject:  # small talk never answers a question about Botox naming a word of the subject it doesn't share
            # ("is that a real risk with botox?" is no "are you real?"; "thanks, that helps with my face" still thanks)
            ranking = [r for r in ranking if self.labels[r[0]] not in self._small_talk or subject <= self._shared(analysis, r)]
        if _asks(analysis.text):  # "will it wear off later?" is no goodbye
            ranking = [r for r in ranking if self.labels[r[0]] not in self._never_asks]
        talk -= len(ranking)  # how many small-talk labels those left out
        ranked = [Candidate(self.labels[label], score) for label, score, _ in ranking]
        shown = tuple(ranked[:5])
        in_domain = anchored or analysis.anchored
        # In a conversation about Botox, a question is declined as "not covered" only if it
        # still touches the subject; "what time is it in tokyo" is a change of subject.
        touches = analysis.anchored or (anchored and bool(analysis.features_set & self._subject_words))
        declined: MatchKind = "not-covered" if touches else "out-of-scope"
        if not ranked or ranked[0].score < self.accept:
            score = ranked[0].score if ranked else 0.0
            rule = f"best score {score:.2f} is below the accept floor {self.accept:.2f}"
            if talk and not ranked:
                rule = f"only small talk came close, and it shares none of the question's words of the subject ({', '.join(sorted(subject))})"
            topic = None
            if touches:  # below the floor, a topic the guide doesn't cover can still be named
                # (by its keyword only in a question, not somewhere in a long story: "we're the same age")
                short = len(analysis.features) <= SHORT_QUESTION
                named = [t for _, t in self._named(_said_in(analysis))] if short else []
                if named:
                    topic = named[0]
                    rule += f"; names a keyword of the not-covered topic '{topic}'"
                elif ranked and ranked[0].not_covered and score >= self._name_topic:
                    topic = ranked[0].label[len(NOT_COVERED_PREFIX):]
                    rule += f"; closest to '{topic}', which the guide does not cover"
            return Match(declined, None, score if touches else 0.0, shown[1:], rule=rule, topic=topic, analysis=analysis,
                         candidates=shown)
        best = ranked[0]
        if analysis.anchored and best.label in self._small_talk:
            # A question that names Botox is small talk only through a word of small talk's own:
            # "thanks for the botox info" is thanks, "will botox leave a scar" is not goodbye.
            shared = self._shared(analysis, ranking[0])
            if shared <= self._domain_words:
                rest = [k for k, c in enumerate(ranked) if c.label not in self._small_talk and not c.not_covered]
                if self.unknown(analysis) or not rest or ranked[rest[0]].score < self.accept:
                    rule = f"names Botox, and shares only {', '.join(sorted(shared))} with small talk"
                    return Match(declined, None, best.score, shown[1:], rule=rule, analysis=analysis, candidates=shown)
                ranking = [ranking[k] for k in rest]  # "what can you tell me about botox": about Botox
                ranked = [ranked[k] for k in rest]
                best = ranked[0]
        if best.not_covered:
            # A topic said beside some answers ("after my Bell's palsy, can botox even out my face?")
            # yields, in a question about Botox, to the best of those answers that clears the floor.
            beside = self._beside.get(best.label[len(NOT_COVERED_PREFIX):], frozenset()) if in_domain else frozenset()
            answers = [(i, c) for i, c in enumerate(ranked) if self._family.get(c.label) in beside and c.score >= self.accept]
            first = next((c for c in ranked if not c.not_covered and c.label not in self._small_talk), None)
            # only to the best answer: "what causes asymmetry?" is no question of the asymmetry answer a rival outscores
            if answers and answers[0][1] is first:
                index, best = answers[0]
                ranked = [best] + [c for c in ranked if c is not best]
                ranking = [ranking[index]] + [r for k, r in enumerate(ranking) if k != index]
        if best.not_covered:
            topic = best.label[len(NOT_COVERED_PREFIX):]
            return Match("not-covered", None, best.score, shown[1:], rule=f"closest to '{topic}', which the guide does not cover",
                         topic=topic, analysis=analysis, candidates=shown)
        if best.label in self._domain:
            # A keyword counts unless one of the answer's own examples uses all of its words, and the answer
            # rests on more than the keyword or its example says all the question does: "how much does it cost
            # for one area?" shares only "how much" with "how much does it hurt?", and says more.
            own = [self._example_features[i] for i in self._label_examples[ranking[0][0]]]
            shared = self._shared(analysis, ranking[0])
            whole = analysis.features_set - _QUESTION_WORDS <= shared
            root = self._family[best.label]
            off_guide = [(k, t) for k, t in self._named(_said_in(analysis))
                         if not (any(k <= ex for ex in own) and (whole or (shared & self._topical) - k))
                         and root not in self._beside.get(t, ())]
            if off_guide:
                words, topic = off_guide[0]
                rule = f"names {' '.join(sorted(words))!r}, a keyword of the not-covered topic '{topic}'"
                return Match("not-covered", None, best.score, shown[1:], rule=rule, topic=topic, analysis=analysis, candidates=shown)
        if not in_domain and best.label in self._domain:
            # Nothing names the subject: a Botox answer needs a higher score and a topical word.
            shared = self._shared(analysis, ranking[0])
            rule = ""
            if best.score < self._unanchored_accept:
                rule = f"no anchor, and the best score {best.score:.2f} is below {self._unanchored_accept:.2f}"
            elif not shared & self._topical:
                rule = "no anchor or topical word in common with the best example (" + ", ".join(sorted(shared)) + ")"
            if rule:
                return Match("out-of-scope", None, 0.0, shown[1:], rule=rule, analysis=analysis, candidates=shown)
        rivals = [c for c in ranked[1:] if not c.not_covered and self._family[c.label] != self._family[best.label]]
        runner = rivals[0] if rivals else None
        margin = best.score - (runner.score if runner else 0.0)
        if runner is not None and margin < self.margin:
            close = tuple([best] + [c for c in rivals if best.score - c.score < self.margin][:2])
            return Match("ambiguous", None, best.score, close, rule=f"top two within the margin {self.margin:.2f}",
                         margin=margin, analysis=analysis, candidates=shown)
        return Match("answer", best.label, best.score, shown[1:], rule="best score above the floor with a clear lead",
                     margin=margin, analysis=analysis, candidates=shown, shared=self._shared(analysis, ranking[0]))
