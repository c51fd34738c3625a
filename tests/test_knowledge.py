"""The bundled knowledge: the intents the issue asks for, answers that rest on the guide in our
own words, and examples that are ours (not the shared evaluation questions)."""

from __future__ import annotations

import re

import pytest
from assistant.knowledge.yaml_reader import load_data

from assistant import load_knowledge
from assistant.knowledge import in_family
from assistant.understanding.text import normalise, stem
from conftest import DATA, SHARED

REQUIRED = [
    "botox.what-is-it", "botox.uses", "botox.how-it-works", "asymmetry.about", "asymmetry.treatment",
    "provider", "side-effects", "consultation", "individual-needs", "chat.greeting", "chat.thanks",
    "chat.goodbye", "chat.help", "chat.identity", "quiz.start", "urgent",
]
GUIDE = SHARED / "source" / "botox-facial-asymmetry-guide.txt"


def words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


@pytest.mark.parametrize("intent_id", REQUIRED)
def test_every_required_intent_is_there_with_answer_and_examples(kb, intent_id):
    intent = kb.intent(intent_id)
    assert intent.answer.strip()
    assert len(intent.examples) >= 5


@pytest.mark.parametrize("intent_id", [i for i in REQUIRED if "." not in i or i.startswith(("botox", "asymmetry"))])
def test_domain_answers_name_the_part_of_the_guide(kb, intent_id):
    intent = kb.intent(intent_id)
    if intent.kind == "urgent":
        assert intent.source == ("botox-label",)
        assert "not the guide" in kb.pack.sources["botox-label"]
        return
    assert intent.source and all(s.startswith("guide-p") for s in intent.source)
    assert "Guide ¶" in kb.source_label(intent)
    refinement = any(intent.id != other.id and in_family(intent.id, other.id) for other in kb.intents)
    assert len(intent.examples) >= (10 if refinement else 20), "domain intents need many varied examples"
    assert intent.follow_up and intent.quiz_topics


def test_urgent_knowledge_says_its_facts_come_from_the_boxed_warning(kb):
    text = (__import__("pathlib").Path(kb.path) / "urgent.yaml").read_text(encoding="utf-8")
    assert "boxed warning" in text and "do not come from the guide" in text.replace("NOT", "not")
    assert "Medication Guide" in text and "American Stroke Association" in text and "NHS" in text


def test_urgent_intents_name_the_label_or_the_stroke_guidance(kb):
    assert kb.intent("urgent.contact-doctor").source == ("botox-label",)
    assert kb.intent("urgent.stroke").source == ("stroke-guidance",)
    assert "not the guide" in kb.pack.sources["stroke-guidance"] and "Medication Guide" in kb.pack.sources["botox-label"]
    assert "label" in kb.urgent.note and "stroke" in kb.urgent.note and "stroke" in kb.urgent.undated_droop


def test_lexicon_maps_lay_and_medical_words(matcher):
    assert "asymmetry" in matcher.analyse("my face is uneven").features
    assert "asymmetry" in matcher.analyse("a lopsided smile").features
    assert "bruise" in matcher.analyse("black and blue").features
    red_flags = {w for f in load_knowledge().urgent.red_flags for w in f.phrases}
    assert {"ptosis", "dysphagia", "diplopia"} <= red_flags


def test_a_one_word_synonym_never_swallows_a_stop_word_that_stems_the_same(kb, matcher):
    # "sorted" stems to "sort": as a one-word synonym it would make every "sort of" a request to fix something
    stops = set(kb.lexicon.stopwords)
    for concept, entries in kb.lexicon.concepts.items():
        for entry in entries:
            if " " not in entry.strip():
                assert stem(entry) not in stops or entry in stops, (concept, entry)
    assert "fix" not in matcher.analyse("what sort of things should I ask").features


@pytest.mark.skipif(not GUIDE.exists(), reason="the shared guide is not beside the project")
def test_no_answer_copies_a_sentence_of_the_guide(kb):
    guide = words(GUIDE.read_text(encoding="utf-8"))
    runs = {tuple(guide[i : i + 7]) for i in range(len(guide) - 6)}
    texts = [i.answer for i in kb.intents] + [q.explanation for q in kb.quiz] + [q.question for q in kb.quiz]
    for text in texts:
        w = words(text)
        copied = [" ".join(w[i : i + 7]) for i in range(len(w) - 6) if tuple(w[i : i + 7]) in runs]
        assert not copied, f"copied from the guide: {copied[0]!r}"


@pytest.mark.parametrize("name", ["dev.yaml", "clinc150/val.yaml"])
def test_no_example_is_a_shared_evaluation_question(kb, name):
    path = SHARED / "eval" / name
    if not path.exists():
        pytest.skip("the shared evaluation sets are not beside the project")
    with open(path, encoding="utf-8") as handle:
        shared = {normalise(item["q"]) for item in load_data(handle)}
    ours = [e for i in kb.intents for e in i.examples] + [e for t in kb.not_covered for e in t.examples]
    pasted = [e for e in ours if normalise(e) in shared]
    assert not pasted, f"examples pasted from {name}: {pasted}"


def test_own_evaluation_set_is_not_in_the_knowledge(kb):
    with open(DATA / "eval_questions.yaml", encoding="utf-8") as handle:
        held_out = {normalise(item["q"]) for item in load_data(handle)}
    ours = {normalise(e) for i in kb.intents for e in i.examples}
    overlap = sorted(held_out & ours)
    # A handful of one- and two-word questions ("hello", "bruising") can't be worded two ways.
    assert all(len(q.split()) <= 3 for q in overlap), overlap


def test_knowledge_is_immutable(kb):
    with pytest.raises(AttributeError):
        kb.intents[0].answer = "changed"  # type: ignore[misc]
    assert isinstance(kb.intents, tuple) and isinstance(kb.intents[0].examples, tuple)


@pytest.mark.parametrize("ask", ["can botox even that out", "would the jabs even this up", "could it even mine out"])
def test_evening_out_what_was_named_is_evening_out(bot, ask):
    # "even that out", "even this up": the face or feature named before, evened out
    assert "asymmetry" in bot.matcher.analyse(ask).features


@pytest.mark.parametrize("question, intent", [
    ("my clinic says I can skip it to save time. is the consultation really that important?", "consultation"),
    ("how important is the experience of whoever injects?", "provider"),
])
def test_important_asks_whether_it_is_needed(bot, question, intent):
    assert bot.ask(question).intent == intent


@pytest.mark.parametrize("question, intent", [
    ("is the train safe?", None), ("can I still go train legs tonight after my botox?", None),
    ("is my injector properly trained?", "provider"),
])
def test_a_train_is_no_training(bot, question, intent):
    # "trained", "training" name the injector's qualification only said as such, not the word "train" alone
    assert bot.ask(question).intent == intent


@pytest.mark.parametrize("told", ["my friend got hers done last week", "my dad got his done at a clinic"])
def test_got_hers_done_is_botox_had(bot, told):
    assert "botox" in bot.matcher.analyse(told).features
