"""The urgent-symptom check: red flags after an injection, found before any other matching.

Rules come from the knowledge pack (``urgent:`` in ``knowledge/urgent.yaml``).
Words are compared after the lexicon's normalisation, spelling correction and
stemming, so "cant swalow" finds the swallowing flag.

>>> from assistant import load_knowledge, IntentMatcher
>>> kb = load_knowledge()
>>> check = UrgentCheck(kb.urgent, IntentMatcher(kb).lexicon)
>>> [f.id for f in check.check("my mum cant swalow since her botox")]
['swallowing']
>>> check.check("is swelling normal after botox?")
()
"""

from __future__ import annotations

from .knowledge import RedFlag, UrgentRules
from .lexicon import Lexicon
from .text import URGENT_INPUT_CHARS, URGENT_TOKENS, normalise, stem

__all__ = ["UrgentCheck"]

_NEGATION_REACH = 3  # how many words before a symptom a "no" or "without" still reaches
# Who has the symptom doesn't matter: "her head", "his eye" read as "my head", "my eye".
_PERSON = {"her": "my", "his": "my", "their": "my", "your": "my", "our": "my",
           "she": "i", "he": "i", "they": "i", "you": "i", "we": "i"}


def _stems(text: str, contractions: dict[str, str]) -> tuple[str, ...]:
    return tuple(stem(_PERSON.get(w, w)) for w in normalise(text, contractions).split())


class _Text:
    """A question's words with where each one stands, so a phrase is looked up, not scanned for."""

    def __init__(self, words: tuple[str, ...]):
        self.words = words
        self.at: dict[str, list[int]] = {}
        for i, w in enumerate(words):
            self.at.setdefault(w, []).append(i)

    def find(self, phrase: tuple[str, ...], start: int = 0, end: int | None = None) -> list[int]:
        """Where ``phrase`` begins, within words ``start`` to ``end``."""
        n, stop = len(phrase), len(self.words) if end is None else end
        return [i for i in self.at.get(phrase[0], ()) if start <= i and i + n <= stop and self.words[i : i + n] == phrase]

    def has_any(self, phrases: tuple[tuple[str, ...], ...]) -> bool:
        return any(self.find(p) for p in phrases)


class UrgentCheck:
    """Finds red-flag symptoms in a question. Immutable and thread-safe."""

    def __init__(self, rules: UrgentRules, lexicon: Lexicon):
        self.rules = rules
        self.lexicon = lexicon
        c = dict(lexicon.data.contractions)
        self._phrases = {f.id: tuple(_stems(p, c) for p in f.phrases) for f in rules.red_flags}
        self._pairs = {
            f.id: tuple((frozenset(s for w in a for s in _stems(w, c)), frozenset(s for w in b for s in _stems(w, c))) for a, b in f.pairs)
            for f in rules.red_flags
        }
        self._negators = tuple(_stems(n, c) for n in rules.negators)
        self._onset = tuple(_stems(w, c) for w in rules.onset)
        self._treatment = frozenset(s for w in rules.treatment for s in _stems(w, c))
        self._hypothetical = frozenset(s for w in rules.hypothetical for s in _stems(w, c))
        self._standalone = tuple(_stems(p, c) for p in rules.standalone)
        self._past = tuple(_stems(p, c) for p in rules.past)

    def _negated(self, text: _Text, span: tuple[int, int]) -> bool:
        """A negator just before the symptom, or inside it ("my eyelid is not drooping")."""
        start, end = span
        return any(text.find(n, max(0, start - _NEGATION_REACH - len(n)), end) for n in self._negators)

    def _hits(self, flag: RedFlag, text: _Text) -> list[tuple[int, int]]:
        """Where the flag is named: the span of each phrase or pair found."""
        words = text.words
        spans = [(i, i + len(phrase)) for phrase in self._phrases[flag.id] for i in text.find(phrase)]
        window = self.rules.window
        for first, second in self._pairs[flag.id]:
            a = [i for i, w in enumerate(words) if w in first]
            b = [i for i, w in enumerate(words) if w in second]
            spans += [(min(i, j), max(i, j) + 1) for i in a for j in b if i != j and abs(i - j) <= window]
        return sorted(set(spans))

    def _began_after(self, text: _Text) -> bool:
        return text.has_any(self._onset)

    def check(self, question: str, *, in_context: bool = False) -> tuple[RedFlag, ...]:
        """The red flags the question describes (none for ordinary side-effect questions).

        Outside a conversation about Botox (``in_context``), a question must touch
        the subject (Botox, an injection, the face, a side effect...: the
        lexicon's anchors and topical concepts), unless it uses one of the
        rules' standalone phrases.
        """
        analysis = self.lexicon.analyse(question, chars=URGENT_INPUT_CHARS, tokens=URGENT_TOKENS)
        words = tuple(stem(_PERSON.get(w, w)) for w in analysis.words)
        text = _Text(words)
        if not (in_context or analysis.topical) and not text.has_any(self._standalone):
            return ()
        if text.has_any(self._past) and not self._began_after(text):
            return ()
        found: list[RedFlag] = []
        for flag in self.rules.red_flags:
            hits = [i for i in self._hits(flag, text) if not self._negated(text, i)]
            if not hits:
                continue
            if flag.pre_existing_ok and not self._began_after(text):
                framing = self._treatment | self._hypothetical
                if framing.intersection(words):
                    continue
            found.append(flag)
        return tuple(found)
