"""The urgent-symptom check: red flags after an injection, found before any other matching, in two tiers.

Rules come from the knowledge pack (``urgent:`` in ``knowledge/urgent.yaml``,
which names the sources of the facts). Words are compared after the
lexicon's normalisation, spelling correction and stemming, so "cant swalow"
finds the swallowing flag. :meth:`UrgentCheck.assess` says how urgent a
message is: "emergency" (get emergency care now: trouble breathing,
swallowing or speaking, fast swelling, a severe allergic reaction, stroke
signs), "contact-doctor" (get medical help right away: the other signs of
the toxin's effect spreading, hives or dizziness on their own) or None.

>>> from assistant import load_knowledge, IntentMatcher
>>> kb = load_knowledge()
>>> check = UrgentCheck(kb.urgent, IntentMatcher(kb).lexicon)
>>> triage = check.assess("my mum cant swalow since her botox")
>>> triage.urgency, [f.id for f in triage.flags], triage.symptoms
('emergency', ['swallowing'], ("can't swalow",))
>>> check.assess("my eyelid has been drooping since my botox last week").urgency
'contact-doctor'
>>> check.assess("can botox cause droopy eyelids?").urgency is None
True
>>> check.check("is swelling normal after botox?")
()
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ..knowledge.records import RedFlag, Tier, UrgentRules
from .lexicon import Lexicon, Reading
from .text import normalise, stem

# A face "lopsided" or "crooked" right after "for my" is why someone was treated, not a symptom.
_LOOKS = frozenset({"lopsid", "crook", "uneven", "asymmetric", "asymmetrical", "wonky"})
_REASON = frozenset({("for", "my"), ("fix", "my"), ("treat", "my"), ("correct", "my")})

__all__ = ["CONTACT_DOCTOR", "EMERGENCY", "Triage", "UrgentCheck"]

EMERGENCY: Tier = "emergency"
CONTACT_DOCTOR: Tier = "contact-doctor"

_NEGATION_REACH = 3  # how many words before a symptom a "no" or "without" still reaches
_PASSED_REACH = 2  # a symptom "went away" if its sentence or one of the next two says so
_MAX_SYMPTOMS = 5
_MAX_SYMPTOM_WORDS = 8
_JOINED_WORDS = 6  # overlapping mentions are read back as one when this short
# Who has the symptom doesn't matter: "her head", "his eye" read as "my head", "my eye".
_PERSON = {"her": "my", "his": "my", "their": "my", "your": "my", "our": "my",
           "she": "i", "he": "i", "they": "i", "you": "i", "we": "i",
           "herself": "myself", "himself": "myself", "themselves": "myself", "yourself": "myself"}
# Words that say something does not happen ("my eye won't close"), for the flags marked `absent`.
_ABSENT = frozenset({"not", "unable", "never", "dosnt", "doesnt", "dosent", "didnt", "dont", "cant", "wont", "hardly",
                     "barely"})
# Words that, between "since"/"after"... and "botox", show the two don't belong together ("since birth, can botox...").
_BLOCKERS = frozenset({"can", "could", "will", "would", "should", "doe", "do", "did", "is", "are", "was", "were", "to", "if",
                       "and", "but", "or", "get", "want", "need"})
# Words just before "botox" that make it a wish, not an injection given ("can i get botox today?").
_WISHED = frozenset({"get", "have", "book", "try", "want", "consider", "start", "need"})
# "has anyone had botox for this?" asks about other people's treatment of something, and tells of no injection:
# one of these, then one of _HAD just before the injection word, and "for" just after it.
_OTHERS = frozenset(stem(w) for w in ("anyone", "anybody", "everyone"))
_HAD = frozenset(stem(w) for w in ("had", "got", "tried"))
_AUXILIARIES = frozenset({"can", "will", "doe", "do", "did", "is", "are", "would", "could"})
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# Expanded contractions shown as people write them, when symptoms are read back.
_SHOWN = ((" can not ", " can't "), (" will not ", " won't "), (" do not ", " don't "), (" does not ", " doesn't "),
          (" is not ", " isn't "), (" are not ", " aren't "), (" i am ", " I'm "), (" it is ", " it's "))

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Triage:
    """How urgent a message is, and why.

    ``urgency`` is "emergency", "contact-doctor" or None; ``flags`` the red
    flags found; ``symptoms`` the words that named them, as written;
    ``stroke`` is True when a stroke sign is among them; ``undated_droop``
    when the message describes a one-sided face droop with no date and no
    injection (no alarm, but a line on what to do if it came on suddenly).
    """

    urgency: Tier | None = None
    flags: tuple[RedFlag, ...] = ()
    symptoms: tuple[str, ...] = ()
    stroke: bool = False
    undated_droop: bool = False

    def __bool__(self) -> bool:
        return self.urgency is not None


_NOTHING = Triage()


def _stems(text: str, contractions: dict[str, str]) -> Phrase:
    return tuple(stem(_PERSON.get(w, w)) for w in normalise(text, contractions).split())


class _Words:
    """A message's words (stems, and as typed), split into sentences, with where each stem stands."""

    def __init__(self, stems: list[str], typed: list[str], bounds: list[tuple[int, int]]):
        self.stems = stems
        self.typed = typed
        self.bounds = bounds  # each sentence's (start, end)
        self.sentence_of: list[int] = [n for n, (lo, hi) in enumerate(bounds) for _ in range(lo, hi)]
        self.at: dict[str, list[int]] = {}
        for i, w in enumerate(stems):
            self.at.setdefault(w, []).append(i)
        self._present: dict[int, list[Phrase]] = {}

    def present(self, phrases: tuple[Phrase, ...]) -> list[Phrase]:
        """The phrases whose first word the message uses (most use none); worked out once per list."""
        found = self._present.get(id(phrases))
        if found is None:
            at = self.at
            found = self._present[id(phrases)] = [p for p in phrases if p[0] in at]
        return found

    def find(self, phrase: Phrase, start: int = 0, end: int | None = None) -> list[int]:
        """Where ``phrase`` begins, wholly within words ``start`` to ``end``."""
        n, stop = len(phrase), len(self.stems) if end is None else end
        return [i for i in self.at.get(phrase[0], ()) if start <= i and i + n <= stop and tuple(self.stems[i : i + n]) == phrase]

    def any_in(self, phrases: tuple[Phrase, ...], start: int, end: int) -> bool:
        return any(self.find(p, start, end) for p in self.present(phrases))

    def has(self, phrases: tuple[Phrase, ...]) -> bool:
        return any(self.find(p) for p in self.present(phrases))

    def sentence(self, i: int) -> tuple[int, int]:
        return self.bounds[self.sentence_of[i]]


class UrgentCheck:
    """Finds red-flag symptoms in a message and how urgent they are. Immutable and thread-safe."""

    def __init__(self, rules: UrgentRules, lexicon: Lexicon):
        self.rules = rules
        self.lexicon = lexicon
        c = dict(lexicon.data.contractions)
        self._contractions = c

        def phrases(items: Iterable[str]) -> tuple[Phrase, ...]:
            return tuple(p for p in (_stems(i, c) for i in items) if p)

        def words(items: Iterable[str]) -> frozenset[str]:
            return frozenset(s for w in items for s in _stems(w, c))

        # Each flag's phrases by their first word, and each word of its pairs, for looking them up.
        self._by_first: dict[str, list[tuple[int, Phrase]]] = {}
        self._pair_words: dict[str, list[tuple[int, int, int]]] = {}
        for n, f in enumerate(rules.red_flags):
            for p in phrases(f.phrases):
                self._by_first.setdefault(p[0], []).append((n, p))
            for k, (a, b) in enumerate(f.pairs):
                for side, group in enumerate((words(a), words(b))):
                    for word in group:
                        self._pair_words.setdefault(word, []).append((n, k, side))
        self._unless = {f.id: phrases(f.unless) for f in rules.red_flags}
        self._negators = phrases(rules.negators)
        self._not_negating = phrases(rules.not_negating)
        self._idioms = phrases(rules.idioms)
        self._asking = words(rules.asking)
        self._timing = words(("ago", "started", "starting", "began", "day", "days", "week", "weeks", "hours"))
        self._onset = phrases(rules.onset)
        self._onset_not_now = tuple(p for p in self._onset if p != (stem("now"),))
        self._now = phrases(rules.now)
        self._hypothetical = phrases(h for h in rules.hypothetical if not h.startswith("^"))
        self._opening = phrases(h[1:] for h in rules.hypothetical if h.startswith("^"))  # only first in a sentence
        self._plans = phrases(h for h in rules.plans if not h.startswith("^"))
        self._plan_openings = phrases(h[1:] for h in rules.plans if h.startswith("^"))
        self._future = phrases(rules.future)
        self._risk = phrases(rules.risk)
        self._past = phrases(rules.past)
        self._passed = phrases(rules.passed)
        self._long_standing = phrases(rules.long_standing)
        self._other_cause = phrases(rules.other_cause)
        self._injection = phrases(rules.injection)
        self._before = phrases(rules.injection_before)
        self._after = phrases(rules.injection_after)
        self._treatment = phrases(rules.treatment)
        self._standalone = phrases(rules.standalone)
        self._spread = frozenset(rules.spread)
        self._people = words(rules.people)
        self._strong_sudden = phrases(rules.sudden)
        self._recent = phrases(rules.recent)
        self._later = frozenset(normalise(w, c) for w in rules.later)
        self._cues = {name: phrases(items) for name, items in rules.cues.items()}
        self._if = stem("if")

    # -- reading the message --------------------------------------------------------------------
    @staticmethod
    def _words(reading: Reading) -> _Words:
        stems: list[str] = []
        typed: list[str] = []
        bounds: list[tuple[int, int]] = []
        for said, corrected in reading.sentences:
            start = len(stems)
            typed += said
            stems += [stem(_PERSON.get(w, w)) for w in corrected]
            bounds.append((start, len(stems)))
        return _Words(stems, typed, bounds)

    def _hits(self, w: _Words) -> list[tuple[RedFlag, tuple[int, int, bool]]]:
        """Where each flag is named: (start, end, found by a pair?) for each phrase or pair, within one sentence.

        Looked up from the message's words, so the time taken grows with the message, not with the rules."""
        spans: dict[int, set[tuple[int, int, bool]]] = {}
        sides: dict[tuple[int, int], tuple[list[int], list[int]]] = {}
        for word, where in w.at.items():
            for n, phrase in self._by_first.get(word, ()):
                for i in where:
                    end = i + len(phrase)
                    if tuple(w.stems[i:end]) == phrase and w.sentence_of[i] == w.sentence_of[end - 1]:
                        spans.setdefault(n, set()).add((i, end, False))
            for n, pair, side in self._pair_words.get(word, ()):
                sides.setdefault((n, pair), ([], []))[side].extend(where)
        window = self.rules.window
        for (n, _), (a, b) in sides.items():
            if a and b:
                spans.setdefault(n, set()).update(
                    (min(i, j), max(i, j) + 1, True) for i in a for j in b
                    if i != j and abs(i - j) <= window and w.sentence_of[i] == w.sentence_of[j])
        flags = self.rules.red_flags
        return [(flags[n], hit) for n in sorted(spans) for hit in sorted(spans[n])]

    def _negated(self, w: _Words, start: int, end: int, by_pair: bool, lo: int) -> bool:
        """A negator just before the symptom, or (for a pair) inside it ("my eyelid is not drooping")."""
        for n in w.present(self._negators):
            for i in w.find(n, max(lo, start - _NEGATION_REACH - len(n)), end if by_pair else start + len(n)):
                if (by_pair or i < start) and not any(w.find(p, i, i + len(p)) for p in w.present(self._not_negating)):
                    return True
        return False

    def _absent(self, w: _Words, start: int, end: int, lo: int) -> int | None:
        """Where "can not", "unable", "never"... just before or inside the span says something does not happen."""
        for i in range(max(lo, start - _NEGATION_REACH), end):
            if w.typed[i] in _ABSENT or w.stems[i] in _ABSENT:
                return i - 1 if i > lo and w.stems[i] == "not" and w.stems[i - 1] in _AUXILIARIES else i
        return None

    def _injections(self, w: _Words) -> set[int]:
        """The sentences that tell of an injection given ("since my botox", "botox 3 days ago")."""
        found: set[int] = set()
        for phrase in w.present(self._injection):
            for i in w.find(phrase):
                lo, hi = w.sentence(i)
                end = i + len(phrase)
                before = any(not _BLOCKERS.intersection(w.stems[j + len(b) : i])
                             for b in w.present(self._before) for j in w.find(b, max(lo, i - 3 - len(b)), i))
                wished = bool(_WISHED.intersection(w.stems[max(lo, i - 2) : i]))  # "can i get botox today?"
                if (i > lo and w.stems[i - 1] in _HAD and _OTHERS.intersection(w.stems[max(lo, i - 3) : i - 1])
                        and w.stems[end:end + 1] == ["for"]):  # "has anyone (else) had botox for this?"
                    continue
                after = not wished and any(w.find(a, end, min(hi, end + 5)) for a in w.present(self._after))
                if (before or after) and not w.any_in(self._future, lo, hi) and not self._negated(w, i, end, False, lo):
                    found.add(w.sentence_of[i])
        return found

    def _is_hypothetical(self, w: _Words, lo: int, hi: int, start: int) -> bool:
        """An explicit hypothetical or plan before the symptom in its sentence, or "if" with a future."""
        if any(i < start for p in w.present(self._hypothetical) for i in w.find(p, lo, hi)):
            return True
        if any(w.find(p, lo, lo + len(p)) for p in w.present(self._opening)):
            return True
        return bool(w.find((self._if,), lo, start)) and w.any_in(self._future, lo, hi)

    def _is_past(self, w: _Words, lo: int, hi: int) -> bool:
        return w.any_in(self._past, lo, hi) or any(_YEAR.match(t) for t in w.typed[lo:hi])

    def _has_passed(self, w: _Words, sentence: int, lo: int, hi: int, current: bool) -> bool:
        """It has passed: its sentence or the next two say so, or (when nothing in its sentence is current) any one."""
        if w.find((stem("still"),), lo, hi):
            return False
        start, end = (0, len(w.stems)) if not current else (lo, w.bounds[min(len(w.bounds) - 1, sentence + _PASSED_REACH)][1])
        # "they have not gone away" is not a symptom that passed
        return any(not _ABSENT.intersection(w.stems[max(0, i - 2) : i]) for p in w.present(self._passed) for i in w.find(p, start, end))

    def _general(self, w: _Words, lo: int, hi: int) -> bool:
        """A general question: it opens with "is", "how", "does"... and names no one and no time."""
        negative = lo + 1 < hi and w.stems[lo + 1] == "not"  # "can't swallow" states, it doesn't ask
        return (w.stems[lo] in self._asking and not negative and not self._personal(w, lo, hi)
                and not self._timing.intersection(w.stems[lo:hi]))

    def _personal(self, w: _Words, lo: int, hi: int) -> bool:
        return any(s in self._people for s in w.stems[lo:hi])

    # -- the decision ------------------------------------------------------------------------------
    def assess(self, question: str | Reading, *, in_context: bool = False) -> Triage:
        """How urgent ``question`` is (see :class:`Triage`); give the :class:`Reading` if there is one.

        ``in_context`` says the conversation is already about Botox: then a
        contact-doctor sign needs no injection named in the message, and an
        emergency sign no word of the subject.
        """
        reading = question if isinstance(question, Reading) else self.lexicon.read(question)
        w = self._words(reading)
        hits = self._hits(w)
        if not hits:
            return _NOTHING
        injected_in = self._injections(w)
        injected = bool(injected_in)
        later = injected and any(t in self._later for t in w.typed)
        strong = w.has(self._strong_sudden)
        sudden = strong or (w.has(self._recent) and not later)
        long_standing = w.has(self._long_standing)
        other_cause = w.has(self._other_cause)
        standalone = w.has(self._standalone)
        happening = w.has(self._now)
        idioms = [(i, i + len(p)) for p in w.present(self._idioms) for i in w.find(p)]
        topical: bool | None = None
        accepted: list[tuple[RedFlag, int, int]] = []
        spread: list[tuple[RedFlag, int, int]] = []  # signs of spread with no injection named: they count two together
        undated = False
        for flag, (start, end, by_pair) in hits:
            if any(i < end and start < j for i, j in idioms):
                continue  # "i choked up", "eye drops"
            sentence = w.sentence_of[start]
            lo, hi = w.bounds[sentence]
            if flag.absent and by_pair:
                negation = self._absent(w, start, end, lo)
                if negation is None:
                    continue
                start = min(start, negation)  # read back "can't close my eye", not "close my eye"
            elif not flag.absent and self._negated(w, start, end, by_pair, lo):  # an absent sign's phrase holds its "not"
                continue
            if flag.unless and not injected and w.any_in(self._unless[flag.id], lo, hi):
                continue
            current = w.any_in(self._onset, lo, hi)
            if not happening and self._is_hypothetical(w, lo, hi, start):
                continue
            if not current and any(i < start or flag.tier == CONTACT_DOCTOR for p in w.present(self._risk) for i in w.find(p, lo, hi)):
                continue  # a risk question ("can botox cause hives?"); an emergency only when the question frames it
                # ("how common is trouble swallowing?"), not "i can't swallow, will i be ok?"
            if not current and self._general(w, lo, hi):
                continue
            if self._is_past(w, lo, hi) and not w.any_in(self._onset_not_now, lo, hi):
                continue  # long ago; "now" alone ("...years ago and now i'm nervous") doesn't bring it back
            if flag.stroke and w.any_in(self._long_standing, lo, hi):
                continue
            if flag.stroke and w.stems[start] in _LOOKS and tuple(w.stems[max(lo, start - 2):start]) in _REASON:
                continue  # "botox an hour ago for my lopsided smile": the reason for the treatment, not a new sign
            if flag.needs and not self._needs(flag, w, lo, hi, sudden, strong):
                if flag.id == "stroke-face" and not injected and not long_standing:
                    undated = True
                continue
            told = True  # told with an injection, or in a Botox conversation
            if flag.tier == CONTACT_DOCTOR:
                if not (injected or (in_context and not other_cause and (current or self._personal(w, lo, hi)))):
                    # in a Botox conversation, "and hives?" asks; "i have hives" tells; with no injection named, only
                    # two signs of spread told together, now ("now my eyelid droops and i see double")
                    if not (flag.id in self._spread and (current or sudden) and not other_cause and self._personal(w, lo, hi)):
                        continue
                    told = False
                if not happening and (any(i < start for p in w.present(self._plans) for i in w.find(p, lo, hi))
                                      or any(w.find(p, lo, lo + len(p)) for p in w.present(self._plan_openings))):
                    continue
                if self._has_passed(w, sentence, lo, hi, current):
                    continue
                if w.any_in(self._long_standing, lo, hi) and sentence not in injected_in:
                    continue  # "i get dizzy when i stand up, always have": a sign of long standing
                if (w.any_in(self._treatment, lo, hi) and not current and sentence not in injected_in):
                    continue
            elif not (in_context or injected or standalone or self._personal(w, lo, hi) or (flag.stroke and strong)):
                # (a stroke sign told as sudden needs no one named: "sudden vision loss", "sudden confusion")
                if topical is None:
                    topical = reading.whole.topical
                if not topical:
                    continue
            (accepted if told else spread).append((flag, start, end))
        if len({flag.id for flag, _, _ in spread}) >= 2:
            accepted += spread
        return self._triage(w, accepted, undated)

    def _needs(self, flag: RedFlag, w: _Words, lo: int, hi: int, sudden: bool, abrupt: bool) -> bool:
        for need in flag.needs:
            if need in ("sudden", "abrupt"):
                if abrupt or (sudden and need == "sudden"):
                    return True
            elif w.any_in(self._cues.get(need, ()), lo, hi):
                return True
        return False

    def _triage(self, w: _Words, accepted: list[tuple[RedFlag, int, int]], undated: bool) -> Triage:
        if not accepted:
            return Triage(undated_droop=undated) if undated else _NOTHING
        flags = tuple(dict.fromkeys(f for f, _, _ in accepted))
        ids = {f.id for f in flags}
        emergency = any(f.tier == EMERGENCY for f in flags) or any(
            other in ids for f in flags for other in f.emergency_with)
        return Triage(
            urgency=EMERGENCY if emergency else CONTACT_DOCTOR,
            flags=flags,
            symptoms=self._symptoms(w, [(s, e) for _, s, e in accepted]),
            stroke=any(f.stroke for f in flags),
        )

    def _symptoms(self, w: _Words, spans: list[tuple[int, int]]) -> tuple[str, ...]:
        """The words that named the symptoms, as written: overlapping spans joined when short enough,
        else the shortest of them, none overlapping another."""
        clusters: list[list[tuple[int, int]]] = []
        for span in sorted(set(spans)):
            if clusters and span[0] < max(e for _, e in clusters[-1]):
                clusters[-1].append(span)
            else:
                clusters.append([span])
        chosen: list[tuple[int, int]] = []
        for cluster in clusters:
            start, end = cluster[0][0], max(e for _, e in cluster)
            if end - start <= _JOINED_WORDS:
                chosen.append((start, end))
                continue
            for s, e in sorted(cluster, key=lambda span: (span[1] - span[0], span[0])):
                if e - s <= _MAX_SYMPTOM_WORDS and all(e <= s2 or s >= e2 for s2, e2 in chosen):
                    chosen.append((s, e))
        shown: list[str] = []
        for start, end in sorted(chosen):
            if start > 0 and w.typed[start] == "not" and w.stems[start - 1] in _AUXILIARIES:
                start -= 1  # "can't breathe", not "not breathe"
            text = f" {' '.join(w.typed[start:end])} "
            for long, short in _SHOWN:
                text = text.replace(long, short)
            if text.strip() not in shown:
                shown.append(text.strip())
        return tuple(shown[:_MAX_SYMPTOMS])

    def tells_injection(self, question: str | Reading) -> bool:
        """True if the message tells of an injection already given ("since my botox", "botox 3 days ago"), not one
        planned or wished for ("can I get botox today?"). Whose it was is not read: "a woman who had botox" counts."""
        reading = question if isinstance(question, Reading) else self.lexicon.read(question)
        return bool(self._injections(self._words(reading)))

    def check(self, question: str | Reading, *, in_context: bool = False) -> tuple[RedFlag, ...]:
        """The red flags the question describes, of either tier (none for ordinary side-effect questions)."""
        return self.assess(question, in_context=in_context).flags
