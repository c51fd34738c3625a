"""Replies and the conversation as plain JSON: what a stateless front end sends and gets back."""

from __future__ import annotations

import json

import pytest

from assistant import Context
from assistant.core import Choice, Reply


def roundtrip(data):
    return json.loads(json.dumps(data))


def test_context_round_trips_through_json(bot):
    first = bot.ask("does botox cause bruising?")
    assert first.to_dict()["context"] == {"topic": "side-effects.bruising", "turns": 1}
    context = Context.from_dict(roundtrip(first.context.to_dict()))
    assert context == first.context
    # The rebuilt context carries the conversation exactly as the object does.
    follow = bot.ask("and is it painful?", context=context)
    assert follow.to_dict() == bot.ask("and is it painful?", context=first.context).to_dict()
    assert follow.intent == "side-effects.pain"


@pytest.mark.parametrize("data", [None, {}])
def test_no_context_is_a_new_conversation(data):
    assert Context.from_dict(data) == Context()


@pytest.mark.parametrize("data, message", [
    ([], "context must be an object"),
    ({"topic": 3}, "topic must be null or an intent id"),
    ({"topic": ""}, "topic must be null or an intent id"),
    ({"topic": "x" * 201}, "topic must be null or an intent id"),
    ({"turns": -1}, "turns must be a whole number"),
    ({"turns": "2"}, "turns must be a whole number"),
    ({"turns": True}, "turns must be a whole number"),
    ({"topic": None, "mood": "sad"}, "unknown field 'mood'"),
])
def test_malformed_context_is_a_value_error_with_a_message(data, message):
    with pytest.raises(ValueError, match=message):
        Context.from_dict(data)


def test_every_key_is_present_for_every_kind(bot):
    keys = None
    for question in ("does botox cause bruising?", "how long does botox last", "what is the capital of france",
                     "my throat is swelling after the injection", "hello"):
        data = bot.ask(question).to_dict()
        json.dumps(data)  # plain JSON types only
        keys = keys or set(data)
        assert set(data) == keys, question
        assert {"title", "parts", "urgency", "symptoms", "choices", "suggestions", "disclaimer", "source",
                "context"} <= set(data)


def test_not_covered_reply_names_its_topic_in_the_title(bot):
    data = bot.ask("how long does botox last").to_dict()
    assert data["kind"] == "not-covered" and data["title"].startswith("Not covered: how long Botox")


def test_urgent_reply_carries_its_tier_and_the_symptoms_it_read(bot):
    data = bot.ask("my throat is swelling after the injection").to_dict()
    assert data["kind"] == "urgent" and data["urgency"] == "emergency"
    assert data["symptoms"] and all(isinstance(s, (str, dict)) for s in data["symptoms"])
    assert bot.ask("does botox cause bruising?").to_dict()["urgency"] is None


def test_parts_hold_at_least_the_reply_itself(bot):
    reply = bot.ask("does botox cause bruising?")
    parts = reply.to_dict()["parts"]
    assert parts and parts[0]["title"] == reply.title and parts[0]["source"] == reply.source
    assert any(p.get("intent") == "side-effects.bruising" for p in parts)


def test_ambiguous_choices_are_numbered_for_choose(bot):
    reply = Reply("q", "ambiguous", None, 0.6, "", choices=(Choice("provider", "Who", "Who?", 0.6),
                                                              Choice("consultation", "Consult", "Do?", 0.59)))
    choices = reply.to_dict()["choices"]
    assert [(c["number"], c["intent"], c["ask"]) for c in choices] == [(1, "provider", "Who?"), (2, "consultation", "Do?")]
    assert bot.choose(reply, choices[1]["number"]).intent == "consultation"
    assert bot.ask("does botox cause bruising?").to_dict()["choices"] == []
