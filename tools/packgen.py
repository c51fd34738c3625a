"""Deterministic generator of large synthetic knowledge packs, for the benchmark and its tests.

A pack of ``n`` intents is written as one YAML file in the pack format
(``pack:`` with one source; a ``lexicon:`` with function words as stopwords,
"botox" as its anchor and the subject words as topical concepts; and
``intents:`` entries {id, title, answer, source, examples}). Questions come
from templates over a vocabulary of real everyday words and a few thousand
pseudo-words, both drawn with Zipf-like frequencies: every intent shares words
such as "what", "how" and "botox" with the others, and has three distinctive
words of its own (a combination no other intent has), two of which appear in
each example. The held-out queries are paraphrases of examples (a word dropped
or replaced, a template reworded, a typo) plus a few off-topic questions made
of words the pack never uses, whose expected label is "none".

>>> pack = generate(20, seed=1)
>>> len(pack.intents), all(len(i.examples) == 10 for i in pack.intents)
(20, True)
>>> generate(20, seed=1).queries == pack.queries
True
"""

from __future__ import annotations

import json
import random
from bisect import bisect
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

__all__ = ["GenIntent", "GenPack", "generate", "write_pack"]

NONE = "none"
SOURCE = "synthetic"
# Everyday words every pack shares; earlier ones are more frequent (Zipf).
COMMON = ("botox injection face treatment doctor skin muscle pain side effect after before long safe "
          "result cost clinic area session needle cream week month dose swelling bruise eye forehead "
          "cheek jaw lip brow smile line wrinkle nerve patient nurse appointment age summer exercise "
          "alcohol makeup sleep shower sun travel work pregnancy allergy medicine vitamin filler laser "
          "peel massage headache tired itchy red numb tight heavy").split()
FUNCTION = "a an the is are do does did i my me it to of and or for with in on at be can should will".split()
# Training templates: {a} and {b} are distinctive words, {c} a common word.
TEMPLATES = (
    "what is {a} {b}", "how does {a} {b} work", "can botox cause {a} {b}", "is {a} {b} normal after {c}",
    "why does my {c} feel {a} and {b}", "{a} {b} {c}", "should i worry about {a} {b}", "how do i treat {a} {b}",
    "does {c} make {a} {b} worse", "what to do about {a} {b} after botox", "tell me about {a} {b}",
    "how long does {a} {b} last", "is {a} {b} safe with {c}", "{a} and {b} on my {c}", "what causes {a} {b}",
    "can i get botox if i have {a} {b}", "does botox help with {a} {b}", "how common is {a} {b} after {c}",
)
# Held-out templates, used only for queries: new wordings made of the training templates' words.
PARAPHRASES = (
    "what causes {a} {b} after {c}", "is {a} {b} normal", "does botox cause {a} {b}", "can i treat {a} {b}",
    "how long does {a} {b} last after {c}", "{a} {b} after botox", "why do i have {a} {b}", "is {a} {b} safe",
    "how to treat {a} {b} on my {c}", "does {a} {b} get worse after {c}", "can {c} help with {a} {b}",
    "tell me about {a} and {b}",
)
ONSETS = "b c d f g h j k l m n p r s t v w z br cl dr fl gr kr pl pr sk sl sn st tr sh ch th".split()
VOWELS = "a e i o u ai au ea ei ia io ou".split()
CODAS = ["", "", "", "n", "r", "s", "l", "m", "k", "x", "nd", "rt", "st"]


@dataclass(frozen=True)
class GenIntent:
    id: str
    keys: tuple[str, str, str]
    examples: tuple[str, ...]


@dataclass(frozen=True)
class GenPack:
    intents: tuple[GenIntent, ...]
    queries: tuple[tuple[str, str], ...]  # (question, expected intent id or "none")

    @property
    def example_count(self) -> int:
        return sum(len(i.examples) for i in self.intents)


class _Zipf:
    """Draws items with probability proportional to 1 / rank ** s."""

    def __init__(self, items: list[str], s: float):
        self.items = items
        self.cumulative = list(accumulate(1.0 / (rank ** s) for rank in range(1, len(items) + 1)))

    def draw(self, rng: random.Random) -> str:
        return self.items[bisect(self.cumulative, rng.random() * self.cumulative[-1])]


def _pseudo_words(rng: random.Random, count: int, avoid: set[str]) -> list[str]:
    words: dict[str, None] = {}
    while len(words) < count:
        word = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(rng.choice((2, 2, 3))))
        if len(word) >= 5 and word not in avoid:
            words[word] = None
    return list(words)


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(("swap", "drop", "double"))
    if op == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + word[i + 1:] if op == "drop" else word[:i] + word[i] + word[i:]


def generate(n_intents: int, seed: int = 0, *, examples: int = 10, queries: int = 300,
             vocabulary: int = 4000, off_topic: float = 0.1) -> GenPack:
    """A pack of ``n_intents`` intents of ``examples`` examples each, and up to ``queries`` held-out queries.

    ``off_topic`` of the queries are off-topic; the others paraphrase the examples of as many
    different intents (fewer queries when the pack has fewer intents).
    """
    rng = random.Random(seed)
    words = _pseudo_words(rng, vocabulary + 300, set(COMMON) | set(FUNCTION))
    unseen = words[vocabulary:]  # never in the pack: off-topic questions
    distinct, common = _Zipf(words[:vocabulary], 0.9), _Zipf(COMMON, 1.0)
    seen_keys: set[frozenset[str]] = set()
    seen_text: set[str] = set()
    intents = []
    for number in range(n_intents):
        while True:
            keys = {distinct.draw(rng) for _ in range(3)}
            if len(keys) == 3 and frozenset(keys) not in seen_keys:
                break
        seen_keys.add(frozenset(keys))
        key_tuple = tuple(sorted(keys))
        found: list[str] = []
        while len(found) < examples:
            a, b = rng.sample(key_tuple, 2)
            text = rng.choice(TEMPLATES).format(a=a, b=b, c=common.draw(rng))
            if text not in seen_text:
                seen_text.add(text)
                found.append(text)
        intents.append(GenIntent(f"topic-{number:05d}.{key_tuple[0]}", key_tuple, tuple(found)))  # type: ignore[arg-type]
    out: list[tuple[str, str]] = []
    n_off = round(queries * off_topic)
    for intent in rng.sample(intents, min(len(intents), queries - n_off)):
        out.append((_paraphrase(intent, rng, common, seen_text), intent.id))
    for _ in range(n_off):
        out.append((rng.choice(PARAPHRASES).format(a=rng.choice(unseen), b=rng.choice(unseen), c=common.draw(rng)), NONE))
    rng.shuffle(out)
    return GenPack(tuple(intents), tuple(out))


def _paraphrase(intent: GenIntent, rng: random.Random, common: _Zipf, taken: set[str]) -> str:
    """A question close to one of the intent's examples that is none of the pack's examples."""
    for _ in range(50):
        words = rng.choice(intent.examples).split()
        how = rng.random()
        if how < 0.35:  # a new wording around two of the intent's words
            a, b = rng.sample(intent.keys, 2)
            words = rng.choice(PARAPHRASES).format(a=a, b=b, c=common.draw(rng)).split()
        elif how < 0.6:  # drop a word that isn't distinctive
            plain = [i for i, w in enumerate(words) if w not in intent.keys]
            if plain:
                del words[rng.choice(plain)]
        elif how < 0.8:  # replace one with an everyday word
            plain = [i for i, w in enumerate(words) if w not in intent.keys]
            if plain:
                words[rng.choice(plain)] = common.draw(rng)
        if rng.random() < 0.4:  # and a typo in a distinctive word
            keyed = [i for i, w in enumerate(words) if w in intent.keys]
            if keyed:
                i = rng.choice(keyed)
                words[i] = _typo(words[i], rng)
        text = " ".join(words)
        if text not in taken:
            return text
    return text + " please"


def write_pack(directory: str | Path, pack: GenPack) -> Path:
    """Write ``pack`` as ``directory/pack.yaml`` (strings JSON-quoted, which YAML reads as they are)."""
    q = json.dumps
    lines = ["pack:", '  name: synthetic', f"  title: {q('A synthetic pack of %d intents' % len(pack.intents))}",
             "  disclaimer: General information only, not medical advice.",
             f"  sources:\n    {SOURCE}: {q('Generated for the benchmark')}",
             "lexicon:", f"  stopwords: [{', '.join(map(q, FUNCTION))}]", "  anchors: [botox]", "  concepts:",
             "    botox: [botox, tox]"]
    # The pack's subject words are its topical concepts (as in the bundled lexicon), so questions
    # that don't say "botox" are still about the pack's subject.
    topical = [w for w in COMMON if w != "botox"] + sorted({k for i in pack.intents for k in i.keys})
    lines.extend(f"    {w}: [{w}]" for w in topical)
    lines += [f"  topical: [{', '.join(topical)}]", "intents:"]
    for intent in pack.intents:
        lines.append(f"  - id: {intent.id}\n    title: {q(' '.join(intent.keys))}\n    source: [{SOURCE}]")
        lines.append(f"    answer: {q('About ' + ' and '.join(intent.keys) + ': ask a physician.')}")
        lines.append("    examples:")
        lines.extend(f"      - {q(e)}" for e in intent.examples)
    path = Path(directory) / "pack.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
