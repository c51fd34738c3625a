"""Checking a knowledge pack for authors: every error at once, plus warnings about examples
that two intents could both claim.

>>> [str(p) for p in validate_pack() if p.level == "error"]
[]
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .errors import Problem
from .knowledge import Knowledge, bundled_knowledge_path
from .loader import read_pack
from .matcher import IntentMatcher

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


def validate_pack(path: str | Path | None = None) -> list[Problem]:
    """Every problem in the pack at ``path`` (default: the bundled pack), errors and warnings."""
    marks: dict[tuple[str, str], Problem] = {}
    knowledge, problems = read_pack(Path(path) if path else bundled_knowledge_path(), marks)
    if knowledge is None:
        return problems
    problems += _missing_safety_and_subject(knowledge)
    matcher = IntentMatcher(knowledge)
    owners: dict[frozenset[str], tuple[str, str]] = {}
    for intent in knowledge.intents:
        for example in intent.examples:
            features = frozenset(matcher.analyse(example).features)
            other = owners.get(features)
            if other is not None and other[0] != intent.id:
                where = marks.get((intent.id, example), Problem(knowledge.path, 0, 0, ""))
                message = (f"example {example!r} of {intent.id!r} means the same to the matcher as "
                           f"{other[1]!r} of {other[0]!r}; one of them will never win")
                problems.append(replace(where, message=message, level="warning"))
            owners.setdefault(features, (intent.id, example))
    return sorted(problems, key=lambda p: (p.path, p.line, p.column))
