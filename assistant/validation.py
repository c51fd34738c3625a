"""Checking a knowledge pack for authors: every error at once, plus warnings about examples
that two intents could both claim, examples the matcher doesn't send to their own intent,
intents with too few examples, and not-covered keywords that read as the subject's name alone.

>>> [str(p) for p in validate_pack() if p.level == "error"]
[]
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rapidfuzz import fuzz, process

from .errors import Problem
from .knowledge.records import Knowledge, bundled_knowledge_path
from .knowledge.loader import read_pack
from .understanding.matcher import IntentMatcher
from .understanding.text import normalise

__all__ = ["validate_pack"]


def _missing_safety_and_subject(knowledge: Knowledge) -> list[Problem]:
    """Warnings for a pack that loads but leaves the urgent check or the subject words out."""
    warnings = []
    if not knowledge.urgent.red_flags:
        warnings.append("the pack has no urgent red_flags: the emergency check is off")
    elif not any(i.kind == "urgent" for i in knowledge.intents):
        warnings.append("the pack has no intent of kind 'urgent': urgent replies fall back to a bare message")
    if not knowledge.lexicon.anchors and not knowledge.lexicon.topical:
        warnings.append("the lexicon has no anchors or topical concepts: questions that don't name the "
                        "subject will mostly get no answer")
    return [Problem(knowledge.path, 0, 0, w, "warning") for w in warnings]


# Near-duplicate examples are looked for by fuzzy comparison of every pair, which is
# quadratic: above this many examples only examples that mean exactly the same are reported.
FUZZY_PAIRS_UP_TO = 5000
CLOSE = 92  # token_sort_ratio at or above which two examples of different intents are "too close"


MIN_EXAMPLES = 5  # fewer ways of asking than this, and new phrasings of the intent will often be missed


def _where(knowledge: Knowledge, marks: dict[tuple[str, str], Problem], intent: str, example: str) -> Problem:
    return marks.get((intent, example), Problem(knowledge.path, 0, 0, ""))


def _examples_that_miss(knowledge: Knowledge, matcher: IntentMatcher,
                        marks: dict[tuple[str, str], Problem]) -> list[Problem]:
    """Warnings for examples that, asked as they are written, don't reach their own intent."""
    found: list[Problem] = []
    for intent in knowledge.intents:
        if intent.kind == "urgent":  # the urgent check answers these, before the matcher
            continue
        for example in intent.examples:
            match = matcher.match(example)
            if match.intent == intent.id:
                continue
            got = f"intent {match.intent!r}" if match.intent else f"no intent ({match.kind})"
            found.append(replace(_where(knowledge, marks, intent.id, example), level="warning", message=(
                f"example {example!r} of {intent.id!r} does not reach its own intent: the matcher gives {got}")))
        if intent.kind != "chat" and len(intent.examples) < MIN_EXAMPLES:
            first = intent.examples[0] if intent.examples else ""
            found.append(replace(_where(knowledge, marks, intent.id, first), level="warning", message=(
                f"intent {intent.id!r} has only {len(intent.examples)} example{'s' * (len(intent.examples) != 1)}; "
                f"give it at least {MIN_EXAMPLES} ways of asking so new phrasings find it")))
    return found


def _examples_too_close(knowledge: Knowledge, matcher: IntentMatcher,
                        marks: dict[tuple[str, str], Problem]) -> list[Problem]:
    """Warnings for examples of one intent that another intent's examples (nearly) repeat."""
    examples = [(i.id, e) for i in knowledge.intents if i.kind != "urgent" for e in i.examples]
    found: list[Problem] = []

    def warn(intent: str, example: str, other: tuple[str, str], how: str) -> None:
        where = marks.get((intent, example), Problem(knowledge.path, 0, 0, ""))
        found.append(replace(where, level="warning", message=(
            f"example {example!r} of {intent!r} {how} {other[1]!r} of {other[0]!r}; one of them will rarely win")))

    owners: dict[frozenset[str], tuple[str, str]] = {}
    reported: set[tuple[str, str]] = set()
    for intent, example in examples:
        features = frozenset(matcher.analyse(example).features)
        other = owners.get(features)
        if other is not None and other[0] != intent:
            warn(intent, example, other, "means the same to the matcher as")
            reported.add((intent, example))
        owners.setdefault(features, (intent, example))
    if len(examples) <= FUZZY_PAIRS_UP_TO:
        # token_sort_ratio is the ratio of the two texts with their words sorted: sorted here once per text,
        # not again for every pair (several times faster, the same scores).
        texts = [" ".join(sorted(normalise(e).split())) for _, e in examples]
        for i, (intent, example) in enumerate(examples):
            if (intent, example) in reported:
                continue
            hits = process.extract(texts[i], texts[:i], scorer=fuzz.ratio, score_cutoff=CLOSE, limit=None)
            other = next((examples[j] for _, _, j in hits if examples[j][0] != intent), None)
            if other is not None:
                warn(intent, example, other, "is nearly the same as")
    return found


def _keywords_too_wide(knowledge: Knowledge, matcher: IntentMatcher) -> list[Problem]:
    """Warnings for a not-covered keyword that reads as nothing but the subject's own name once its
    stop words go ("besides botox" is "botox"): it would name the topic in every question about Botox."""
    anchors = knowledge.lexicon.anchors
    return [Problem(knowledge.path, 0, 0, f"keyword {keyword!r} of the not-covered topic {topic.id!r} reads as "
                                          f"{' '.join(words)!r} alone: it would name the topic in every "
                                          f"question that says that; give it a word of its own", "warning")
            for topic in knowledge.not_covered for keyword in topic.keywords
            if (words := matcher.analyse(keyword).sequence) and set(words) <= anchors]


def validate_pack(path: str | Path | None = None) -> list[Problem]:
    """Every problem in the pack at ``path`` (default: the bundled pack), errors and warnings."""
    marks: dict[tuple[str, str], Problem] = {}
    knowledge, problems = read_pack(Path(path) if path else bundled_knowledge_path(), marks)
    if knowledge is None:
        return problems
    problems += _missing_safety_and_subject(knowledge)
    matcher = IntentMatcher(knowledge)
    problems += _examples_that_miss(knowledge, matcher, marks)
    problems += _examples_too_close(knowledge, matcher, marks)
    problems += _keywords_too_wide(knowledge, matcher)
    return sorted(problems, key=lambda p: (p.path, p.line, p.column))
