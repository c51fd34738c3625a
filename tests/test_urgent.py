"""The urgent-symptom check: caught in many phrasings, silent on ordinary side-effect questions."""

from __future__ import annotations

import pytest
from assistant.knowledge.yaml_reader import load_data

from assistant import Context
from conftest import DATA

with open(DATA / "urgent_phrasings.yaml", encoding="utf-8") as handle:
    PHRASINGS = load_data(handle)


def test_the_set_is_big_enough():
    assert len(PHRASINGS["urgent"]) >= 40 and len(PHRASINGS["not_urgent"]) >= 40


def test_every_urgent_phrasing_is_caught(bot):
    missed = [q for q in PHRASINGS["urgent"] if bot.ask(q).kind != "urgent"]
    assert not missed


def test_at_most_2_percent_false_alarms(bot):
    alarms = [q for q in PHRASINGS["not_urgent"] if bot.ask(q).kind == "urgent"]
    assert len(alarms) <= 0.02 * len(PHRASINGS["not_urgent"]), alarms


@pytest.mark.parametrize("question, flag", [
    ("i cant swalow since my botox", "swallowing"),            # typo
    ("dysphagia after botulinum toxin", "swallowing"),          # medical word
    ("ptosis after my botox injection", "drooping-eyelid"),
    ("diplopia since the jab", "vision"),
    ("my mum can't swallow after her botox", "swallowing"),    # third person
    ("her tongue is swollen after the injection", "throat-tongue-swelling"),
    ("i have hives all over after botox", "skin-reaction"),
])
def test_red_flags_in_many_phrasings(bot, question, flag):
    reply = bot.ask(question)
    assert reply.kind == "urgent"
    assert flag in [f.id for f in bot.urgent.check(question)]


@pytest.mark.parametrize("question", [
    "is swelling normal?", "will i bruise?", "does it hurt?",
    "can botox fix my droopy eyelid", "no trouble breathing, just a small bruise after botox",
    "i had trouble breathing as a child, can i get botox",
])
def test_ordinary_questions_are_not_urgent(bot, question):
    assert bot.ask(question).kind != "urgent"


def test_in_a_botox_chat_the_word_botox_is_not_needed(bot):
    # (told cold, with no one named, "it's hard to swallow" alarms too: a sign told in few words is still one)
    assert bot.ask("since this morning it's hard to swallow").kind == "urgent"
    assert bot.ask("I've had some redness since this morning").kind != "urgent"
    assert bot.ask("I've had some redness since this morning", context=Context(topic="side-effects")).kind != "urgent"
    in_chat = bot.ask("since this morning it's hard to swallow", context=Context(topic="side-effects"))
    assert in_chat.kind == "urgent"


def test_asking_whether_anyone_has_had_botox_for_it_tells_of_no_injection(bot):
    # "has anyone had botox for this?" asks about others' treatment: a smaller eye there is the reason to ask
    assert bot.ask("my left eye looks smaller than my right when I laugh. has anyone had botox for that?").kind != "urgent"
    assert bot.ask("my left eye looks smaller than my right since I had botox last week").kind == "urgent"


@pytest.mark.parametrize("message", [
    "my eyelid is drooping since someone did my botox",
    "someone did my botox last week and now my eyelid droops",
    "my eyelid is drooping, anyone else after botox?",
    "has anyone else had botox and now has double vision? because I do since Tuesday",
    "my vision has been blurry since someone did my botox",
    "my eyelid has been drooping since the other injection last week",
])
def test_someone_or_anyone_beside_an_injection_told_still_raises_the_alarm(bot, message):
    assert bot.ask(message).kind == "urgent"


@pytest.mark.parametrize("message", [
    "I was totally fine and now my mouth is drooping on one side", "my mouth totally sagged on one side",
    "the right side of my face is drooping, my left is completely fine",
])
def test_totally_and_completely_still_tell_a_whole_side(bot, message):
    # a one-sided droop said with "totally" or "completely" keeps the stroke alarm (a review found that narrowing
    # them lost it where nothing else told how sudden the droop was)
    assert bot.ask(message).urgency == "emergency"


def test_real_talk_is_no_trouble_speaking(bot):
    assert bot.ask("ok real talk is my smile weird or does everyone have a bit of asymmetry?").kind != "urgent"
    # talking about something with someone is no sign either
    assert bot.ask("I'm having trouble talking about my asymmetry with my doctor, any tips?").kind != "urgent"
    assert bot.ask("I find it hard to talk about botox with my husband, he hates the idea").kind != "urgent"
    assert bot.ask("had botox yesterday and now it's weird to talk, my words come out slurred").kind == "urgent"


@pytest.mark.parametrize("message", [
    "I had botox yesterday and I have trouble talking about an hour after eating",
    "my wife is having trouble talking about 20 minutes ago it started",
    "since my botox yesterday I've had difficulty talking about half the time",
])
def test_trouble_talking_is_trouble_speaking_whatever_follows(bot, message):
    # "talking about" is no idiom that hides a sign: what follows may be a time ("about an hour after")
    assert bot.ask(message).kind == "urgent"


@pytest.mark.parametrize("message", [
    "had jaw botox for grinding on monday and now my words keep coming out funny",
    "my words sound weird since the injections yesterday",
])
def test_words_coming_out_funny_is_trouble_speaking(bot, message):
    assert bot.ask(message).urgency == "emergency"
    for talk in ("what do all these weird words like neurotoxin mean?", "my parrot says funny words",
                 "the word botox sounds weird to me, what is it?", "I said some odd words at the party, so embarrassing"):
        assert bot.ask(talk).kind != "urgent", talk


@pytest.mark.parametrize("message", [
    "it's hard to breathe", "struggling to breathe", "trouble talking since this morning",
    "everything went dark in one eye this morning", "my dad's face is drooping on one side and he seems confused",
])
def test_an_emergency_told_in_few_words_or_with_another_stroke_sign_raises_the_alarm(bot, message):
    # no one named, no injection: a few words of a sign now are still an emergency; a droop told with confusion too
    assert bot.ask(message).urgency == "emergency"
    for question in ("is trouble breathing a side effect of botox?", "can botox cause trouble breathing?",
                     "I'm confused, is my droopy smile something botox can fix?"):
        assert bot.ask(question).kind != "urgent", question


@pytest.mark.parametrize("message", ["I suddenly can't lift my arm", "my husband can't lift his arm, started 10 mins ago"])
def test_an_arm_that_cant_be_lifted_now_is_a_stroke_sign(bot, message):
    # "lifting" weights sets a weak arm aside, but its stem is the sign's own "lift"; "10 mins ago" is sudden
    assert bot.ask(message).urgency == "emergency"
    assert bot.ask("my arm is weak after lifting weights at the gym").kind != "urgent"


def test_feeling_cold_is_no_cold(bot):
    # "a cold" sets breathing trouble aside (a blocked nose); feeling cold and clammy does not
    assert bot.ask("I can't breathe and I feel cold and clammy").urgency == "emergency"
    assert bot.ask("I have a head cold and my nose is blocked, hard to breathe through it").kind != "urgent"


@pytest.mark.parametrize("message, urgency", [
    ("sudden vision loss", "emergency"), ("i'm suddenly very confused", "emergency"),
    ("my mom is suddenly confused and doesn't know where she is", "emergency"),
    ("one side of my face fell suddenly this morning", "emergency"), ("face droopin on one side rn", "emergency"),
    ("sudden slurred speech", "emergency"), ("swallowing is difficult", "emergency"),
    ("my girlfriend is having a bad allergic reaction to her botox", "emergency"),
    ("i can't pee since my botox", "contact-doctor"), ("trouble urinating after botox", "contact-doctor"),
])
def test_signs_a_safety_probe_found_missed(bot, message, urgency):
    # a stroke sign told as sudden needs no one named; sudden confusion is a stroke sign; "rn" is right now; not
    # being able to pass urine is the bladder sign; an allergic reaction to the injection is the severe one
    assert bot.ask(message).urgency == urgency
    for calm in ("i'm confused about which clinic to choose", "what is sudden confusion a sign of?",
                 "is it normal to be confused by all the botox brands?"):
        assert bot.ask(calm).kind != "urgent", calm
