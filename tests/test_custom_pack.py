"""A copy of the knowledge with intents that have nothing to do with Botox (a clinic's opening hours,
parking and booking), added as the README's "Adding an intent" says, answers new phrasings of them;
``validate`` points at an example that cannot reach its own intent."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from assistant import Assistant, load_knowledge
from assistant.knowledge import bundled_knowledge_path
from assistant.validation import validate_pack

CLINIC = textwrap.dedent("""\
    intents:
      - id: clinic.hours
        title: Opening hours
        ask: When is the clinic open?
        source: [clinic-desk]
        answer: >-
          The clinic is open Monday to Friday from 9 am to 6 pm, and on Saturday mornings from 9 am to 1 pm.
        examples:
          - what are your opening hours
          - when are you open
          - what time do you open
          - what time do you close
          - are you open on saturday
          - are you open at the weekend
      - id: clinic.parking
        title: Parking
        ask: Where can I park?
        source: [clinic-desk]
        answer: There is free parking for patients behind the building; the entrance is on Mill Lane.
        examples:
          - where can i park
          - is there parking
          - do you have a car park
          - is parking free
          - where do i leave my car
      - id: clinic.booking
        title: Booking an appointment
        ask: How do I book an appointment?
        source: [clinic-desk]
        answer: Book at the front desk or by phone on 01234 567890; we send a reminder the day before.
        examples:
          - how do i book an appointment
          - can i make an appointment
          - how can i schedule a visit
          - i want to book a consultation slot
          - can i reschedule my appointment
          - how do i cancel my booking
    """)

# Step 3 of the README: the subject's own words, as concepts the matcher counts as on-topic.
CONCEPTS = textwrap.indent(textwrap.dedent("""\
    hours: [open, opens, opening, opening hours, hours, close, closes, closing, closed, shut, weekend, saturday, sunday, monday]
    parking: [park, parking, car park, car, cars, parked]
    appointment: [appointment, appointments, book, booking, bookings, schedule, reschedule, slot, visit, cancel]
    """), "    ")

NEW_WORDS = [  # none of these is one of the examples
    ("what time does the clinic shut", "clinic.hours"),
    ("can I come in on a sunday", "clinic.hours"),
    ("when do you open on monday", "clinic.hours"),
    ("where do I park", "clinic.parking"),
    ("where can I leave the car", "clinic.parking"),
    ("is there parking at the clinic", "clinic.parking"),
    ("how do I make a booking", "clinic.booking"),
    ("I'd like to book a visit", "clinic.booking"),
]
UNCHANGED = [  # the Botox answers and the refusals stay as they were
    ("does botox cause bruising?", "answer", "side-effects.bruising"),
    ("do I need a consultation before botox", "answer", "consultation"),
    ("what is the capital of france", "out-of-scope", None),
    ("my throat is swelling after the injection", "urgent", "urgent"),
]


def copy_pack(tmp_path: Path, *, lexicon: bool, clinic: str = CLINIC) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(bundled_knowledge_path(), pack)
    # Step 1: name the new source in pack.yaml.
    meta = pack / "pack.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(
        "  sources:\n", "  sources:\n    clinic-desk: \"The clinic's front desk\"\n", 1), encoding="utf-8")
    # Step 2: the intents, in a file of their own.
    (pack / "clinic.yaml").write_text(clinic, encoding="utf-8")
    if lexicon:
        words = pack / "lexicon.yaml"
        text = words.read_text(encoding="utf-8")
        assert "  concepts:\n" in text and "  topical: [" in text
        text = text.replace("  concepts:\n", "  concepts:\n" + CONCEPTS, 1)
        text = text.replace("  topical: [", "  topical: [hours, parking, appointment, ", 1)
        words.write_text(text, encoding="utf-8")
    return pack


@pytest.fixture(scope="module")
def clinic_pack(tmp_path_factory):
    return copy_pack(tmp_path_factory.mktemp("clinic"), lexicon=True)


@pytest.fixture(scope="module")
def clinic_bot(clinic_pack):
    return Assistant(load_knowledge(clinic_pack))


@pytest.mark.parametrize("question, intent", NEW_WORDS)
def test_new_intents_answer_new_phrasings(clinic_bot, question, intent):
    reply = clinic_bot.ask(question)
    assert (reply.kind, reply.intent) == ("answer", intent)
    assert reply.source == "The clinic's front desk"


@pytest.mark.parametrize("question, kind, intent", UNCHANGED)
def test_the_rest_of_the_pack_is_unchanged(clinic_bot, question, kind, intent):
    reply = clinic_bot.ask(question)
    assert (reply.kind, reply.intent) == (kind, intent)


def test_validate_finds_nothing_wrong_with_the_new_intents(clinic_pack):
    problems = [p for p in validate_pack(clinic_pack) if p.path.endswith("clinic.yaml") or "'clinic." in p.message]
    assert problems == []


def test_validate_flags_an_example_that_cannot_reach_its_own_intent(tmp_path):
    # "what about the weather" shares no word of the subject with anything: the matcher declines it,
    # whichever intent lists it.
    misplaced = CLINIC.replace("      - where do i leave my car\n", "      - where do i leave my car\n      - what about the weather\n")
    pack = copy_pack(tmp_path, lexicon=True, clinic=misplaced)
    found = [str(p) for p in validate_pack(pack) if p.level == "warning"]
    assert any(f"{pack / 'clinic.yaml'}:26:" in p and "example 'what about the weather' of 'clinic.parking' "
               "does not reach its own intent: the matcher gives " in p for p in found), found
    # Asked for real, it gets the answer validate predicted, not parking.
    assert Assistant(load_knowledge(pack)).ask("what about the weather").intent != "clinic.parking"


def test_validate_warns_about_an_intent_with_too_few_examples(tmp_path):
    thin = CLINIC.replace("      - is there parking\n      - do you have a car park\n      - is parking free\n", "")
    found = [str(p) for p in validate_pack(copy_pack(tmp_path, lexicon=True, clinic=thin))]
    assert any("intent 'clinic.parking' has only 2 examples; give it at least 5" in p for p in found), found


# Without step 3: the words that mark a question as on-topic come from the pack's own examples
# ("park", "open", "book"), so the new intents answer with no lexicon edits. "shut" and "sunday" are
# left out (no example uses them: they need the step-3 synonyms), and so are "I'd like to book a visit"
# and "when do you open on monday", which score 0.57 and 0.596 against the stricter floor (0.6) for
# questions that name no anchor (with the step-3 synonyms they clear it).
WITHOUT_LEXICON = [(q, i) for q, i in NEW_WORDS if not any(w in q for w in ("shut", "sunday", "a visit", "monday"))]


@pytest.fixture(scope="module")
def clinic_bot_without_lexicon(tmp_path_factory):
    return Assistant(load_knowledge(copy_pack(tmp_path_factory.mktemp("bare"), lexicon=False)))


@pytest.mark.parametrize("question, intent", WITHOUT_LEXICON)
def test_new_intents_answer_without_touching_the_lexicon(clinic_bot_without_lexicon, question, intent):
    assert clinic_bot_without_lexicon.ask(question).intent == intent
