"""Hostile and odd input: the assistant never raises, never echoes terminal control codes, keeps
scores in [0, 1], answers the same way every time, and matches a bounded amount of any input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.core import KINDS
from assistant.knowledge.fields import FIELDS, SECTIONS, schema_text
from assistant.understanding.text import MAX_INPUT_CHARS, MAX_TOKENS, printable

HOSTILE = [
    "", "   \t  ", "\x00\x01\x02 does botox hurt \x7f", "\x1b[2J\x1b[31mdoes botox hurt\x1b[0m",
    "\x1b]0;pwned\x07what is botox", "\u202edoes botox hurt\u202c", "e" + "\u0301" * 5000,
    "😀😀😀 botox? 💉", "肉毒杆菌会引起瘀伤吗", "هل البوتوكس يسبب كدمات", "Вызывает ли ботокс синяки",
    "?!?!...,,,;;;", "'; DROP TABLE intents; --", "$(rm -rf /)", "`reboot`", "{0}{1}%s%d%n", "{question!r}",
    "\ud800", "a" * 1_000_000, ("does botox hurt " * 100_000),
]


@pytest.mark.parametrize("question", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_gets_a_sensible_reply(bot, question):
    reply = bot.ask(question)
    assert reply.kind in KINDS and 0.0 <= reply.score <= 1.0
    assert reply.text
    echoed = json.dumps(reply.to_dict(), ensure_ascii=False)
    assert "\x1b" not in echoed and "\u202e" not in echoed and "\x9b" not in echoed


@pytest.mark.parametrize("question", ["'; DROP TABLE intents; --", "$(rm -rf /)", "{0}{1}%s%d%n", "?!?!...", "😀😀😀"])
def test_lookalikes_and_noise_are_not_botox_answers(bot, question):
    assert bot.ask(question).kind in ("out-of-scope", "not-covered")


def test_what_is_matched_is_capped_whatever_the_length(matcher):
    long = matcher.analyse("does botox hurt " * 100_000)
    assert len(long.words) <= MAX_TOKENS and len(long.text) <= MAX_INPUT_CHARS
    assert matcher.match("does botox hurt " * 100_000).intent == "side-effects.pain"


def test_printable_strips_controls_and_caps():
    assert printable("\x1b[31mhi\x1b[0m\x07 there\u202e", 100) == "hi there"
    assert len(printable("x" * 10_000, 50)) == 50


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=400))
def test_matcher_never_raises_scores_stay_in_range_and_it_is_deterministic(bot, text):
    first = bot.ask(text)
    assert first.kind in KINDS
    assert 0.0 <= first.score <= 1.0
    assert all(0.0 <= c.score <= 1.0 for c in (first.match.candidates if first.match else ()))
    again = bot.ask(text)
    assert (again.kind, again.intent, again.score, again.text) == (first.kind, first.intent, first.score, first.text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["botox", "does", "bruise", "swelling", "my", "face", "uneven", "who", "inject",
                                 "cost", "pregnant", "?", "can't", "breathe", "hello", "quiz", "the", "ibuprofen"]),
                max_size=12))
def test_any_mix_of_domain_words_is_handled(bot, words):
    reply = bot.ask(" ".join(words))
    assert reply.kind in KINDS and 0.0 <= reply.score <= 1.0
    if reply.kind in ("ambiguous", "not-covered", "out-of-scope"):
        assert reply.intent is None


SCHEMA = Path(__file__).resolve().parent.parent / "knowledge" / "schema.json"


def test_the_json_schema_file_is_the_one_the_fields_table_gives():
    assert SCHEMA.read_bytes() == schema_text().encode("utf-8"), (
        "knowledge/schema.json is not what assistant/knowledge/fields.py gives: run python tools/make_schema.py")


def test_the_json_schema_describes_the_sections_the_loader_reads():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert set(schema["properties"]) == set(SECTIONS)
    intent = schema["properties"]["intents"]["items"]
    assert set(intent["required"]) == {"id", "answer", "examples"}
    # Every record the loader reads (knowledge/fields.py) has exactly those fields in the schema.
    sections = schema["properties"]
    records = {"pack": sections["pack"], "intent": sections["intents"]["items"],
               "not_covered": sections["not_covered"]["items"], "lexicon": sections["lexicon"],
               "urgent": sections["urgent"], "red_flag": schema["$defs"]["red_flag"],
               "quiz": sections["quiz"]["items"]}
    assert sections["urgent"]["properties"]["red_flags"]["items"] == {"$ref": "#/$defs/red_flag"}
    assert set(records) == set(FIELDS)
    for name, record in records.items():
        assert set(record["properties"]) == set(FIELDS[name].all), name
        assert set(record.get("required", ())) == set(FIELDS[name].required), name


def test_the_bundled_pack_validates_against_the_json_schema(kb):
    jsonschema = pytest.importorskip("jsonschema")
    from assistant.knowledge.yaml_reader import load_data
    root = Path(kb.path)
    schema = json.loads((root / "schema.json").read_text(encoding="utf-8"))
    kind = jsonschema.validators.validator_for(schema)
    kind.check_schema(schema)  # as jsonschema.validate does, but once rather than for every file
    validator = kind(schema)
    for path in sorted(root.glob("*.yaml")):
        with open(path, encoding="utf-8") as handle:
            validator.validate(load_data(handle))


def test_no_network_is_ever_used(bot, kb, monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    from assistant.quiz import Quiz
    for question in ["does botox hurt", "i can't breathe after botox", "quiz me", "what's the weather"]:
        bot.ask(question)
    quiz = Quiz(kb, seed=1)
    quiz.next_question()
    quiz.answer("a")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from("abc botx swalow.;!?\n-\u2026'\x1b[]0\x07é\u0301"), max_size=700))
def test_one_reading_gives_the_matcher_what_analysing_the_text_alone_would(bot, text):
    # Assistant.ask reads a question once (Lexicon.read) for the urgent check and the matcher; the
    # matcher's part must be exactly the analysis of the text on its own, escape sequences and all.
    reading = bot.lexicon.read(text)
    assert reading.analysis == bot.lexicon.analyse(text)
    assert all(len(typed) == len(corrected) and all(c == bot.lexicon.correct(w) for w, c in zip(typed, corrected))
               for typed, corrected in reading.sentences)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab'_ 1é\u2019-"), max_size=60))
def test_contractions_are_found_where_they_were_before_the_word_start_anchor(text):
    # The anchored pattern tries only word starts (a long word took quadratic time); a match could never
    # start inside a word anyway, so it finds exactly what the unanchored one found.
    import re

    from assistant.understanding.text import _WORD_WITH_APOSTROPHE
    unanchored = re.compile(r"\w+(?:'\w+)+|\w+'")
    assert [m.span() for m in _WORD_WITH_APOSTROPHE.finditer(text)] == [m.span() for m in unanchored.finditer(text)]
