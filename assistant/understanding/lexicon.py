"""Turning a question into the concepts it names: spelling fixed against the knowledge's own words,
synonyms mapped to concepts, words that carry no topic set aside.

>>> from assistant.knowledge import load_knowledge
>>> kb = load_knowledge()
>>> lex = Lexicon(kb.lexicon, (e for i in kb.intents for e in i.examples))
>>> lex.analyse("does botx leave you black and blue?").features
('do', 'botox', 'leav', 'you', 'bruise')
>>> reading = Lexicon.of(kb).read("I cnat swalow. It started after my botx")  # the pack's lexicon, read once
>>> reading.sentences[0]                              # for the urgent check: sentence by sentence
(('i', 'can', 'not', 'swalow'), ('i', 'can', 'not', 'swallow'))
>>> reading.analysis.corrections                      # for the matcher: the first 600 characters
(('swalow', 'swallow'), ('botx', 'botox'))
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..knowledge.records import Knowledge, LexiconData
from .text import MAX_INPUT_CHARS, MAX_TOKENS, URGENT_INPUT_CHARS, URGENT_TOKENS, normalise, stem

__all__ = ["Analysis", "Lexicon", "Reading"]

# Spelling correction: only words this long are corrected, and only to
# knowledge words this long, so short everyday words are left alone.
MIN_TYPO_LENGTH = 3
MIN_TARGET_LENGTH = 4
# Where the urgent check splits a message into sentences (a symptom and its denial stay in one).
_SENTENCE = re.compile(r"[.!?;\n\u2026]+|\s[-\u2013\u2014]+\s")


@dataclass(frozen=True)
class Analysis:
    """What a text says, as the matcher sees it."""

    text: str  # the normalised text
    words: tuple[str, ...]  # its words after spelling correction
    features: tuple[str, ...]  # concepts and word stems, in order, without repeats
    corrections: tuple[tuple[str, str], ...] = ()  # (typed, understood as)
    anchored: bool = False  # names one of the lexicon's anchor concepts
    topical: bool = False  # names an anchor or a topical concept (face, bruise, wrinkle...)
    fillers: frozenset[str] = frozenset()  # features that only set the scene ("my sister", "told")
    in_story: bool = False  # one ask of a longer message about the subject: its unknown words weigh less
    sequence: tuple[str, ...] = ()  # the features in the order said, repeats kept (for phrases: "work out")

    @property
    def said(self) -> tuple[str, ...]:
        """The features in the order said, repeats kept (the features themselves for an analysis made by hand)."""
        return self.sequence or self.features

    @cached_property
    def features_set(self) -> frozenset[str]:
        """The features as a set (made once; the matcher asks for it several times)."""
        return frozenset(self.features)


@dataclass(frozen=True)
class Reading:
    """A question read once, for the urgent check and the matcher alike (see :meth:`Lexicon.read`).

    ``sentences`` are what the urgent check reads: up to 8,000 characters, sentence by sentence, each as
    (words as typed, words after spelling correction). ``analysis`` is what the matcher reads: the first
    600 characters, made when first asked for (a message read clause by clause may never need it).
    Both correct spelling through the lexicon's one memo of corrections. The 600-character view is normalised from the text itself,
    not cut from the sentences: a terminal escape sequence with a ";" in it is split by the sentences
    but dropped whole from the text, so the two can differ in their words.
    """

    text: str
    sentences: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    lexicon: Lexicon = field(repr=False, compare=False)

    @cached_property
    def analysis(self) -> Analysis:
        """The first 600 characters as the matcher sees them."""
        return self.lexicon.analyse(self.text)

    @cached_property
    def whole(self) -> Analysis:
        """All 8,000 characters as concepts (the urgent check asks, for a few messages, whether any names
        the subject); made when first asked for."""
        return self.lexicon.analyse(self.text, chars=URGENT_INPUT_CHARS, tokens=URGENT_TOKENS)


_ONE_EDIT_LENGTH = 8  # words up to this long are corrected by one edit, longer ones by two


def _max_distance(length: int) -> int:
    return 1 if length <= _ONE_EDIT_LENGTH else 2


# A real word typed for another where only the other opens a question: "dose botox hurt?", "how dose it work?"
# ("what dose do they use?" keeps its dose: no one it is asked of follows).
_QUESTION_SLIPS = {"dose": "does"}
_OPENS_BEFORE = frozenset("how why when where who".split())  # question words a slip can follow ("what dose
# botox come in?" asks a dose)
_ASKED_OF = frozenset("botox it anyone anybody everyone everybody i you he she they this that my your the".split())


def _slips_in_questions(words: list[str]) -> list[str]:
    """The words, with a slip that opens a question (before whom it asks of) read as meant."""
    for i, word in enumerate(words):
        if (word in _QUESTION_SLIPS and (i == 0 or words[i - 1] in _OPENS_BEFORE)
                and words[i + 1:i + 2] and words[i + 1] in _ASKED_OF):
            words[i] = _QUESTION_SLIPS[word]
    return words


def _deletions(word: str) -> list[str]:
    """``word`` with one letter deleted, for each letter."""
    return [word[:i] + word[i + 1:] for i in range(len(word))]


class Lexicon:
    """The lexicon of a knowledge pack, ready to analyse text. Immutable and thread-safe."""

    def __init__(self, data: LexiconData, vocabulary: Iterable[str] = ()):
        self.data = data
        self._contractions = dict(data.contractions)
        phrases: dict[tuple[str, ...], str] = {}
        for concept, entries in data.concepts.items():
            for entry in entries:
                key = tuple(stem(w) for w in normalise(entry, self._contractions).split())
                if key:
                    phrases.setdefault(key, concept)
        self._phrases = phrases
        # For each word that starts a phrase, the lengths of its phrases, longest first (most words start none).
        sizes: dict[str, set[int]] = {}
        for key in phrases:
            sizes.setdefault(key[0], set()).add(len(key))
        self._sizes = {first: tuple(sorted(s, reverse=True)) for first, s in sizes.items()}
        self._skip = frozenset(data.stopwords | data.filler)
        self._stopwords = data.stopwords
        self._filler = frozenset(data.filler | {stem(w) for w in data.filler})
        counts: dict[str, int] = {}
        for entry in vocabulary:
            for w in normalise(entry, self._contractions).split():
                counts[w] = counts.get(w, 0) + 1
        self._frequency = counts
        vocab: set[str] = set(counts)
        for entry in [e for entries in data.concepts.values() for e in entries]:
            vocab.update(normalise(entry, self._contractions).split())
        self._known = frozenset(vocab | self._skip | data.not_typos)
        self._known_stems = frozenset(stem(w) for w in vocab | self._skip)  # "bruises" is known as "bruise" is
        self._protected_stems = frozenset(stem(w) for w in data.not_typos)  # "wests" as "west", "cooke" as "cook"
        # Typos are corrected towards the knowledge's own words (never towards a
        # protected word: "consulation" is "consultation", not "consolation").
        targets = sorted(w for w in (vocab | self._skip) - data.not_typos if len(w) >= MIN_TYPO_LENGTH and w.isalpha())
        by_length: dict[int, list[str]] = {}
        for word in targets:
            by_length.setdefault(len(word), []).append(word)
        # For each length a typo can have, the knowledge words within its edit distance (made once).
        self._pools = {
            length: tuple(t for n in range(length - _max_distance(length), length + _max_distance(length) + 1)
                          for t in by_length.get(n, ()))
            for length in range(MIN_TYPO_LENGTH, max(by_length, default=0) + 3)
        }
        self._near_targets = [t for t in targets if len(t) <= _ONE_EDIT_LENGTH + 1]
        self._anchors = data.anchors
        self._subject = data.anchors | data.topical
        self.correct = lru_cache(maxsize=4096)(self._correct)

    @cached_property
    def _by_deletion(self) -> dict[str, tuple[str, ...]]:
        """The knowledge words one edit can reach from a word of up to 8 letters, by what is left when a
        letter is deleted (and by themselves): two words one substitution, insertion, deletion or swap of
        neighbours apart share such a key, so a typo finds its candidates by a few lookups instead of a
        scan of every word of its length. Made when first needed (in practice while the matcher is built:
        a keyword or two of a pack are corrected then)."""
        keys: dict[str, list[str]] = {}
        for word in self._near_targets:
            for key in {word, *_deletions(word)}:
                keys.setdefault(key, []).append(word)
        return {key: tuple(words) for key, words in keys.items()}

    def _within_reach(self, word: str) -> list[str]:
        """The knowledge words within the typo distance of ``word`` (the same words a scan of its pool finds)."""
        limit = _max_distance(len(word))
        if limit == 1:
            index = self._by_deletion
            near = {t for key in (word, *_deletions(word)) for t in index.get(key, ())}
            return [t for t in near if OSA.distance(word, t, score_cutoff=1) <= 1]
        pool = self._pools.get(len(word), ())
        return [hit[0] for hit in process.extract(word, pool, scorer=OSA.distance, score_cutoff=limit, limit=None)]

    @classmethod
    def of(cls, knowledge: Knowledge) -> Lexicon:
        """The lexicon of a pack: its concepts, and every word its examples and urgent rules use (the
        words typos are corrected towards). The assistant makes one and shares it."""
        groups = [i.examples for i in knowledge.intents if i.kind != "urgent"] + [t.examples for t in knowledge.not_covered]
        return cls(knowledge.lexicon, [e for group in groups for e in group] + knowledge.urgent.words())

    def knows(self, word: str) -> bool:
        """True if ``word`` (lower case) is a word the lexicon knows as spelled: the knowledge's own, a
        stop word or scene word, or an English word protected from correction."""
        return word in self._known

    def _correct(self, word: str) -> str:
        """The knowledge word this unknown word is a typo of, or the word itself."""
        if len(word) < MIN_TYPO_LENGTH or word in self._known or not word.isalpha():
            return word
        root = stem(word)
        if root in self._known_stems or (root != word and root in self._protected_stems):
            return word  # a knowledge word's form, or a protected word's ("faec", a stem only, is "face" mistyped)
        # Short knowledge words are reached only by swapping two letters ("waht"), so that
        # "paint" never becomes "pain".
        hits = [t for t in self._within_reach(word) if len(t) >= MIN_TARGET_LENGTH or sorted(t) == sorted(word)]
        if not hits:
            return word
        # Closest first; then two letters swapped, the commonest slip ("thakn" is "thank", not "than");
        # then a word that keeps the first letter; then the knowledge's more frequent word ("botox" over
        # "botax"); then alphabetical.
        return min(hits, key=lambda t: (OSA.distance(word, t), sorted(t) != sorted(word), t[0] != word[0],
                                        -self._frequency.get(t, 0), t))

    def analyse(self, text: str, *, chars: int = MAX_INPUT_CHARS, tokens: int = MAX_TOKENS) -> Analysis:
        """Normalise, correct, map synonyms to concepts and drop words without a topic.

        Only the first ``chars`` characters (``tokens`` words) are read.
        """
        normalised = normalise(text, self._contractions, chars=chars, tokens=tokens)
        words = normalised.split()
        corrected = _slips_in_questions(list(map(self.correct, words)))
        corrections = tuple((w, c) for w, c in zip(words, corrected) if w != c)
        stems = list(map(stem, corrected))
        features: list[str] = []
        fillers: set[str] = set()
        i = 0
        while i < len(stems):
            for size in self._sizes.get(stems[i], ()):
                if size > len(stems) - i:
                    continue
                concept = self._phrases.get(tuple(stems[i : i + size]))
                if concept is not None:
                    features.append(concept)
                    if concept in self._filler:  # a scene-setting phrase ("the last time")
                        fillers.add(concept)
                    i += size
                    break
            else:
                if corrected[i] not in self._stopwords:
                    features.append(stems[i])
                    if corrected[i] in self._filler or stems[i] in self._filler:
                        fillers.add(stems[i])
                i += 1
        unique = tuple(dict.fromkeys(features))
        return Analysis(
            text=normalised,
            words=tuple(corrected),
            features=unique,
            corrections=corrections,
            anchored=any(f in self._anchors for f in unique),
            topical=any(f in self._subject for f in unique),
            fillers=frozenset(fillers),
            sequence=tuple(features),
        )

    def read(self, question: str) -> Reading:
        """The question read once: its sentences for the urgent check, its first 600 characters as concepts
        for the matcher, each word spelling-corrected once for both."""
        correct = self.correct
        sentences: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
        count = 0
        for piece in _SENTENCE.split(question[:URGENT_INPUT_CHARS]):
            room = URGENT_TOKENS - count
            if room <= 0:
                break
            said = tuple(normalise(piece, self._contractions, chars=URGENT_INPUT_CHARS, tokens=room).split())
            if said:
                count += len(said)
                sentences.append((said, tuple(map(correct, said))))
        return Reading(question, tuple(sentences), self)
