"""Triage as the Botox label means it: an emergency, or medical help right away; stroke signs first; no alarm
for risks, plans, the past, denials, other causes, wishes to treat something old, or local effects.

Two sets, each item asserting its tier: `triage_cases.yaml` (the project's own wording, including the
phrasings the triage issue names) and `triage.yaml` (a held-out probe set written independently).
"""

from __future__ import annotations

import json

import pytest
from inprocess import run_main
from assistant.knowledge.yaml_reader import load_data
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant import Context
from assistant.understanding.text import normalise
from conftest import DATA

TIERS = {"emergency": "emergency", "contact-doctor": "contact-doctor", "none": None}


def _load(name):
    with open(DATA / name, encoding="utf-8") as handle:
        return load_data(handle)


CASES = _load("triage_cases.yaml")
HELD_OUT = _load("triage.yaml")


def _ids(items):
    return [f"{i['urgency']}:{i['tag']}:{i['q'][:40]}" for i in items]


def test_the_sets_cover_every_tier_and_kind_of_no_alarm():
    for items in (CASES, HELD_OUT):
        assert {i["urgency"] for i in items} == set(TIERS)
        assert sum(i["urgency"] == "emergency" for i in items) >= 40
        assert sum(i["urgency"] == "none" for i in items) >= 40
    tags = {i["tag"] for i in CASES}
    assert {"issue", "typo", "third-person", "story-middle", "story-end", "stroke", "local-effect", "past",
            "hypothetical", "risk", "denied", "other-cause", "pre-existing"} <= tags


@pytest.mark.parametrize("item", CASES, ids=_ids(CASES))
def test_own_cases_get_their_tier(bot, item):
    reply = bot.ask(item["q"])
    assert reply.urgency == TIERS[item["urgency"]], reply.symptoms
    assert (reply.kind == "urgent") == (item["urgency"] != "none")


@pytest.mark.parametrize("item", HELD_OUT, ids=_ids(HELD_OUT))
def test_held_out_probes_get_their_tier(bot, item):
    reply = bot.ask(item["q"])
    assert reply.urgency == TIERS[item["urgency"]], reply.symptoms


def test_every_reply_has_urgency_and_symptoms_even_when_nothing_is_urgent(bot):
    for question in ["what is botox", "hello", "how much does botox cost", "what's the weather"]:
        data = bot.ask(question).to_dict()
        assert data["urgency"] is None and data["symptoms"] == []


# -- what an urgent reply says ----------------------------------------------------------------------
@pytest.mark.parametrize("question, said, not_said", [
    ("my lips are swelling up after botox", "lips are swelling", "throat"),
    ("I can't close my eye properly since the injections", "can't close my eye", "drooping eyelid"),
    ("my mum cant swalow since her botox", "can't swalow", "you mentioned trouble"),
])
def test_the_reply_reads_back_the_symptom_in_the_persons_words(bot, question, said, not_said):
    reply = bot.ask(question)
    assert said in reply.symptoms
    assert f"“{said}”" in reply.text and not_said not in reply.text.split(". ", 1)[0].lower()


def test_an_emergency_says_call_the_emergency_number_and_names_the_label(bot):
    reply = bot.ask("i can hardly breathe since my botox")
    assert (reply.kind, reply.intent, reply.urgency) == ("urgent", "urgent", "emergency")
    assert "emergency number" in reply.text and "Don't drive" in reply.text and "injection" in reply.text
    assert "label" in reply.source and "Medication Guide" in reply.source
    assert reply.disclaimer == bot.knowledge.urgent.note and "guide" not in reply.disclaimer.split(",")[0]


def test_a_stroke_sign_gets_the_stroke_message_from_stroke_guidance(bot):
    reply = bot.ask("half my face went numb and droopy an hour ago")
    assert reply.urgency == "emergency" and reply.title == bot.knowledge.intent("urgent.stroke").title
    assert "stroke" in reply.text and "F.A.S.T." in reply.text and "even if the signs have gone away" in reply.text
    assert "stroke" in reply.source.lower() and "American Stroke Association" in reply.source


def test_a_stroke_sign_with_a_sign_of_spread_names_both_sources(bot):
    reply = bot.ask("my face suddenly drooped on one side and i can't swallow since my botox")
    assert "stroke" in reply.text and "American Stroke Association" in reply.source and "label" in reply.source


def test_contact_doctor_says_call_the_injector_today_and_when_to_call_the_emergency_number(bot):
    reply = bot.ask("my eye looks droopy since the botox 3 days ago, is that normal?")
    assert (reply.kind, reply.urgency) == ("urgent", "contact-doctor")
    assert "whoever gave you the injection or your doctor" in reply.text and "urgent-care" in reply.text
    assert "If breathing, swallowing or speaking becomes hard, call your local emergency number" in reply.text
    assert "URGENT" not in reply.title.upper() or "emergency" not in reply.title.lower()
    assert "label" in reply.source


def test_a_droop_with_no_date_gets_the_answer_and_one_line_about_a_sudden_droop(bot):
    reply = bot.ask("my face droops on one side, can botox fix it?")
    assert (reply.kind, reply.intent, reply.urgency) == ("answer", "asymmetry.treatment", None)
    assert reply.text.endswith(bot.knowledge.urgent.undated_droop) and "stroke" in reply.text
    assert reply.source.startswith("Guide ¶") and "American Stroke Association" in reply.source
    old = bot.ask("my face has drooped on one side since birth, can botox fix it?")
    assert old.urgency is None and "stroke" not in old.text


# -- precedence ---------------------------------------------------------------------------------------
def test_emergency_signs_fire_whoever_has_them_and_whatever_the_stated_cause(bot):
    assert bot.ask("my mum can't swallow after her botox").urgency == "emergency"
    assert bot.ask("I can hardly breathe, it's my asthma").urgency == "emergency"
    assert bot.ask("is it an emergency if I can't swallow?").urgency == "emergency"


def test_a_relatives_current_symptoms_fire_but_a_relatives_old_diagnosis_does_not(bot):
    assert bot.ask("my sister's eyelid is drooping since her botox on monday").urgency == "contact-doctor"
    assert bot.ask("my grandmother had myasthenia and a droopy eyelid, can I have botox?").urgency is None


def test_a_droop_from_a_recent_injection_fires_even_when_asking_whether_more_botox_fixes_it(bot):
    assert bot.ask("can botox fix my droopy eyelid?").urgency is None
    assert bot.ask("my eyelid dropped a week after botox, will more botox fix it?").urgency == "contact-doctor"


def test_in_a_botox_conversation_a_contact_doctor_sign_needs_no_injection_named(bot):
    assert bot.ask("i'm seeing double").urgency is None
    assert bot.ask("i'm seeing double", context=Context(topic="side-effects")).urgency == "contact-doctor"
    assert bot.ask("i'm seeing double from my new glasses", context=Context(topic="side-effects")).urgency is None
    assert bot.ask("and hives?", context=Context(topic="side-effects")).urgency is None  # a follow-up question


def test_bad_input_never_raises(bot):
    for text in ["", " ", "\x00\x1b[31m", "?" * 10_000, "since " * 3000, "botox " + "é" * 9000, "if if if ago"]:
        assert bot.ask(text).kind in ("out-of-scope", "not-covered", "answer", "ambiguous", "urgent", "chat", "quiz")


def test_ask_json_carries_urgency_and_symptoms():
    result = run_main("ask", "--json", "i peed myself after botox is that related")
    data = json.loads(result.stdout)
    assert (data["kind"], data["urgency"]) == ("urgent", "contact-doctor")
    assert data["symptoms"] == ["peed myself"]


# -- the urgent rules in a knowledge pack ---------------------------------------------------------------
URGENT_PACK = """\
pack:
  sources:
    g1: "Guide paragraph 1"
intents:
  - id: side-effects
    answer: Bruising, swelling and pain.
    source: [g1]
    examples:
      - does botox cause bruising
urgent:
  cues:
    speed: [fast]
  red_flags:
    - id: swelling
      label: fast swelling
      tier: {tier}
      needs: [{need}]
      phrases: [swelling]
"""


@pytest.mark.parametrize("tier, need, expected", [
    ("urgent-ish", "speed", "has tier 'urgent-ish' (expected one of: emergency, contact-doctor)"),
    ("emergency", "slowly", "needs 'slowly', which is not among the urgent cues"),
])
def test_a_broken_tier_or_cue_is_an_error_naming_the_line(tmp_path, tier, need, expected):
    from assistant.knowledge.loader import read_pack

    path = tmp_path / "pack.yaml"
    path.write_text(URGENT_PACK.format(tier=tier, need=need), encoding="utf-8")
    _, found = read_pack(path)
    assert any(expected in p.message and p.line > 0 for p in found), [str(p) for p in found]


def test_a_pack_with_one_urgent_intent_still_answers_both_tiers(tmp_path):
    from assistant import Assistant, load_knowledge

    path = tmp_path / "pack.yaml"
    path.write_text(URGENT_PACK.format(tier="contact-doctor", need="speed") + "  onset: [since]\n  injection: [botox]\n  injection_before: [since]\n", encoding="utf-8")
    reply = Assistant(load_knowledge(path)).ask("swelling fast since botox")
    assert (reply.kind, reply.urgency, reply.symptoms) == ("urgent", "contact-doctor", ("swelling",))
    assert "medical help right away" in reply.text and "emergency" not in reply.text


@pytest.mark.parametrize("question, symptoms", [
    ("i had botox yesterday and now i cant breathe properly, my chest feels tight", ("can't breathe", "chest feels tight")),
    ("my tongue feels thick and my throat is sort of swollen since the injection", ("tongue feels thick", "throat is sort of swollen")),
    ("hives all over my chest after botox and I feel dizzy", ("hives all over my chest", "dizzy")),
])
def test_each_symptom_is_read_back_once_and_short(bot, question, symptoms):
    assert bot.ask(question).symptoms == symptoms


WORDS = st.sampled_from(["i", "my", "can't", "swallow", "breathe", "botox", "since", "after", "if", "ever", "no",
                         "eyelid", "drooping", "suddenly", "face", "numb", "years", "ago", "hives", "dizzy", "not",
                         "fine", "now", "arm", "weak", "left", ".", "?", ",", "\x1b[31m", "é", "2019"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(WORDS, max_size=40).map(" ".join) | st.text(max_size=300))
def test_triage_never_raises_and_reads_back_only_words_it_was_given(bot, text):
    triage = bot.urgent.assess(text)
    assert triage.urgency in ("emergency", "contact-doctor", None)
    assert bool(triage) == bool(triage.flags) == bool(triage.symptoms)
    assert not (triage and triage.undated_droop)
    words = set(normalise(text, dict(bot.knowledge.lexicon.contractions), chars=10_000, tokens=2_000).split())
    words |= {"can't", "won't", "don't", "doesn't", "isn't", "aren't", "I'm", "it's"}
    for symptom in triage.symptoms:
        assert set(symptom.split()) <= words and "\x1b" not in symptom
    assert bot.urgent.assess(text) == triage  # the same every time


def test_second_held_out_set_meets_the_bar(bot):
    # Written later by another helper; its rates, as the issue states the bar: every emergency gets the
    # emergency tier, at least 95% of the other signs an alarm (the one miss tells of the injection in a
    # way the check doesn't read: "the eye on the treated side"), at most 5% false alarms.
    items = _load("triage_2.yaml")
    got = [(i["urgency"], bot.ask(i["q"]).urgency) for i in items]
    emergencies = [g for want, g in got if want == "emergency"]
    others = [g for want, g in got if want == "contact-doctor"]
    calm = [g for want, g in got if want == "none"]
    assert emergencies and all(g == "emergency" for g in emergencies)
    assert sum(g is not None for g in others) / len(others) >= 0.95
    assert sum(g is not None for g in calm) / len(calm) <= 0.05


@pytest.mark.parametrize("message", [
    "had botox yesterday with Dr Cooke, how long until it works?",  # "cooke" is no "choke"
    "got botox on monday at the Wests clinic, how long does it last?",  # "wests" are no "welts"
])
def test_a_name_near_a_red_flag_word_raises_no_alarm(bot, message):
    assert bot.ask(message).kind != "urgent"
