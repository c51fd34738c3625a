"""The one table of a knowledge pack's sections and each record's fields, required and optional, with
the JSON Schema of each field's value.

The loader reads by it, and ``knowledge/schema.json`` (the editors' JSON Schema) is generated from it
by :func:`json_schema` (``python tools/make_schema.py``; a test checks the file is up to date), so a
field can't be added to one and not the other.

>>> FIELDS["intent"].required
('id', 'answer', 'examples')
>>> json_schema()["properties"]["intents"]["items"]["required"]
['id', 'answer', 'examples']
"""

from __future__ import annotations

import json
from typing import Any, Dict, NamedTuple, get_args

from .records import TIERS, URGENT_LISTS, IntentKind, QuizKind

__all__ = ["FIELDS", "ID_PATTERN", "OPTIONS", "RECORDS", "SECTIONS", "WINDOW", "Fields", "Record", "json_schema",
           "schema_text"]

Schema = Dict[str, Any]

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"  # what an id of an intent, topic, red flag or quiz question looks like
WINDOW = (1, 20)  # the least and most words an urgent sign may span
OPTIONS = (3, 5)  # the fewest and most options of a multiple-choice quiz question

_ID: Schema = {"$ref": "#/$defs/id"}
_IDS: Schema = {"type": "array", "items": _ID}
_WORDS: Schema = {"$ref": "#/$defs/words"}  # a list of one or more texts
_TEXT: Schema = {"type": "string", "minLength": 1}
_STRING: Schema = {"type": "string"}
_STRINGS: Schema = {"type": "array", "items": _STRING}
_FLAG: Schema = {"type": "boolean"}


def _about(schema: Schema, description: str) -> Schema:
    return {**schema, "description": description}


class Record(NamedTuple):
    """One kind of record: its fields in the order messages list them (required first), each with the
    schema of its value, and what a schema can say of the record as a whole."""

    required: dict[str, Schema]
    optional: dict[str, Schema]
    rules: Schema = {}


RECORDS: dict[str, Record] = {
    "pack": Record({}, {
        "name": _TEXT,
        "title": _STRING,
        "guide": _STRING,
        "disclaimer": _TEXT,
        "disclaimer_short": _STRING,
        "sources": {"type": "object", "additionalProperties": _TEXT},
        "messages": {
            "type": "object",
            "properties": {name: _STRING for name in ("not_covered", "out_of_scope", "ambiguous", "rephrase")},
            "additionalProperties": _STRING,
        },
    }),
    "intent": Record({
        "id": _ID,
        "answer": _TEXT,
        "examples": _WORDS,
    }, {
        "title": _TEXT,
        "ask": _about(_TEXT, "The question suggested to people for this intent."),
        "kind": {"enum": list(get_args(IntentKind)), "default": "answer"},
        "source": _about(_WORDS, "Ids from pack.sources: where in the guide the answer rests. "
                                 "Required for kinds answer and urgent."),
        "follow_up": _IDS,
        "quiz_topics": _IDS,
        "told": _about(_WORDS, "Lexicon concepts that tell of a result gone wrong: a story lends this answer to an "
                               "ask only if the message says one, or tells of a face gone wrong after an injection."),
    }, {"allOf": [{"if": {"properties": {"kind": {"enum": ["answer", "urgent"]}}}, "then": {"required": ["source"]}}]}),
    "not_covered": Record({
        "id": _ID,
        "title": _TEXT,
        "examples": _WORDS,
    }, {
        "related": _IDS,
        "keywords": {"type": "array", "items": _TEXT},
        "beside": _IDS,
        "qualifies": _IDS,
        "after_treatment": _IDS,
    }),
    "lexicon": Record({}, {
        "contractions": {"type": "object", "additionalProperties": _STRING},
        "stopwords": _STRINGS,
        "filler": _STRINGS,
        "concepts": {"type": "object", "additionalProperties": _WORDS},
        "anchors": _STRINGS,
        "topical": _STRINGS,
        "broad": _STRINGS,
        "not_typos": _STRINGS,
    }),
    "urgent": Record({
        "red_flags": {"type": "array", "items": {"$ref": "#/$defs/red_flag"}},
    }, {
        "window": {"type": "integer", "minimum": WINDOW[0], "maximum": WINDOW[1]},
        "cues": _about({"type": "object", "additionalProperties": _WORDS},
                       "Named lists of words a red flag may need in its sentence (its needs)."),
        "note": _about(_TEXT, "Shown on urgent replies instead of the guide's disclaimer: where their facts come from."),
        "undated_droop": _about(_TEXT, "Added to a reply about a one-sided face droop that gives no date."),
        **{name: _STRINGS for name in URGENT_LISTS},
    }),
    "red_flag": Record({
        "id": _ID,
        "label": _TEXT,
    }, {
        "phrases": _STRINGS,
        "pairs": {"type": "array", "items": {"type": "array", "minItems": 2, "maxItems": 2, "items": _WORDS}},
        "pre_existing_ok": _FLAG,
        "tier": {"enum": list(TIERS), "default": "emergency"},
        "stroke": _about(_FLAG, "A stroke sign: answered from stroke guidance, and never set aside because it has passed."),
        "needs": _about(_WORDS, "Cue names (or sudden), one of which must be in the symptom's sentence."),
        "unless": _about(_WORDS, "Phrases that void the flag in its sentence when no injection is in the story."),
        "absent": _about(_FLAG, "The flag names something that doesn't happen (an eye that won't close): "
                                "its pairs count only when negated."),
        "emergency_with": _about(_WORDS, "Red flag ids that, found with this one, make an emergency."),
    }, {"anyOf": [{"required": ["phrases"]}, {"required": ["pairs"]}]}),
    "quiz": Record({
        "id": _ID,
        "intents": {"type": "array", "minItems": 1, "items": _ID},
        "kind": {"enum": list(get_args(QuizKind))},
        "question": _TEXT,
        "answer": {"type": ["string", "boolean"]},
        "explanation": _TEXT,
    }, {
        "options": {"type": "array", "minItems": OPTIONS[0], "maxItems": OPTIONS[1], "uniqueItems": True, "items": _TEXT},
    }, {"allOf": [
        {"if": {"properties": {"kind": {"const": "choice"}}},
         "then": {"required": ["options"], "properties": {"answer": {"type": "string"}}}},
        {"if": {"properties": {"kind": {"const": "true-false"}}},
         "then": {"not": {"required": ["options"]}, "properties": {"answer": {"type": "boolean"}}}},
    ]}),
}

# Top-level sections of a pack file, in the order they are read: a record, a list of records, or (None) a list of words.
_SECTION_RECORDS: dict[str, tuple[str | None, bool]] = {
    "pack": ("pack", False),
    "intents": ("intent", True),
    "not_covered": ("not_covered", True),
    "lexicon": ("lexicon", False),
    "not_typos": (None, True),
    "urgent": ("urgent", False),
    "quiz": ("quiz", True),
}
SECTIONS = tuple(_SECTION_RECORDS)


class Fields(NamedTuple):
    """The names of the fields one record may have: those it must have, and the others."""

    required: tuple[str, ...]
    optional: tuple[str, ...]

    @property
    def all(self) -> tuple[str, ...]:
        return self.required + self.optional


FIELDS: dict[str, Fields] = {name: Fields(tuple(r.required), tuple(r.optional)) for name, r in RECORDS.items()}


def _record(record: Record) -> Schema:
    schema: Schema = {"type": "object"}
    if record.required:
        schema["required"] = list(record.required)
    schema["additionalProperties"] = False
    schema["properties"] = {**record.required, **record.optional}
    schema.update(record.rules)
    return schema


def json_schema() -> Schema:
    """The JSON Schema of one pack file, from the table above (``knowledge/schema.json`` is this, written out)."""
    sections: Schema = {}
    for section, (record, many) in _SECTION_RECORDS.items():
        value = _record(RECORDS[record]) if record is not None else _STRING
        sections[section] = {"type": "array", "items": value} if many else value
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://example.invalid/botox-faq/knowledge.schema.json",
        "title": "botox-faq knowledge pack file",
        "description": "One YAML file of a knowledge pack. A pack is a directory of such files; each holds one or "
                       "more of these sections. `botox-faq validate DIR` checks what a schema can't (ids that refer "
                       "to each other, duplicates across files).",
        "type": "object",
        "additionalProperties": False,
        "properties": sections,
        "$defs": {
            "id": {"type": "string", "pattern": ID_PATTERN},
            "words": {"type": "array", "minItems": 1, "items": _TEXT},
            "red_flag": _record(RECORDS["red_flag"]),
        },
    }


def schema_text() -> str:
    """:func:`json_schema` as ``knowledge/schema.json`` holds it, byte for byte."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
