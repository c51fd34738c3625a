"""The one table of a knowledge pack's sections and each record's fields, required and optional.

The loader reads by it and ``knowledge/schema.json`` (the editors' JSON Schema) is checked against it
(tests/test_hostile_input.py), so a field added here and not there, or there and not here, fails.

>>> FIELDS["intent"].required
('id', 'answer', 'examples')
"""

from __future__ import annotations

from typing import NamedTuple

from .records import URGENT_LISTS

__all__ = ["FIELDS", "SECTIONS", "Fields"]


class Fields(NamedTuple):
    """The fields one record may have: those it must have, and the others."""

    required: tuple[str, ...]
    optional: tuple[str, ...]

    @property
    def all(self) -> tuple[str, ...]:
        return self.required + self.optional


# Top-level sections of a pack file, in the order they are read.
SECTIONS = ("pack", "intents", "not_covered", "lexicon", "not_typos", "urgent", "quiz")

FIELDS: dict[str, Fields] = {
    "pack": Fields((), ("name", "title", "guide", "disclaimer", "disclaimer_short", "sources", "messages")),
    "intent": Fields(("id", "answer", "examples"), ("title", "ask", "kind", "source", "follow_up", "quiz_topics")),
    "not_covered": Fields(("id", "title", "examples"), ("related", "keywords", "beside", "qualifies")),
    "lexicon": Fields((), ("contractions", "stopwords", "filler", "concepts", "anchors", "topical", "not_typos")),
    "urgent": Fields(("red_flags",), ("window", "cues", "note", "undated_droop") + URGENT_LISTS),
    "red_flag": Fields(("id", "label"), ("phrases", "pairs", "pre_existing_ok", "tier", "stroke", "needs", "unless",
                                         "absent", "emergency_with")),
    "quiz": Fields(("id", "intents", "kind", "question", "answer", "explanation"), ("options",)),
}
