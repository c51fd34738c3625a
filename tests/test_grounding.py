"""Grounding: what the assistant says rests on the guide, in the project's own words.

- No text the assistant shows (answers, titles, questions it suggests, quiz questions, options and
  explanations, not-covered titles, the disclaimer and stock messages) shares six or more words in
  a row with the guide. The guide is not shipped with the package: it is read from
  ../shared/source/ when that is beside the project, and these comparisons skip without it.
- Every domain answer names where its facts come from, and the medical terms it uses are in the
  paragraphs it cites.
- Answers make no unconditional promise about someone's face, and say what the guide leaves out.
- The quiz asks what the guide says, and its wrong options are never real reactions to Botox.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from assistant.knowledge import in_family
from conftest import SHARED

GUIDE = SHARED / "source" / "botox-facial-asymmetry-guide.txt"
RUN = 6  # this many words in a row shared with the guide is copying

needs_guide = pytest.mark.skipif(not GUIDE.exists(), reason=f"the guide is not shipped: {GUIDE} is not beside the project")


def words(text: str) -> list[str]:
    """Words for comparison: case, accents, quotes, possessives, hyphens and -ise/-ize spellings folded."""
    text = unicodedata.normalize("NFKD", text).casefold().replace("\u2019", "'").replace("\u2018", "'")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"'s\b", "", text)
    return [w.replace("z", "s") for w in re.findall(r"[a-z0-9]+", text)]


def runs(text: str, n: int = RUN) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def copied(text: str, guide_runs: set[tuple[str, ...]]) -> list[str]:
    return sorted(" ".join(r) for r in runs(text) & guide_runs)


def without_quotes(text: str) -> str:
    """A citation may quote the guide's opening words, inside quotation marks; the rest is ours."""
    return re.sub(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d", " ", text)


def shown_texts(kb) -> list[tuple[str, str]]:
    """Every piece of text the assistant can show, named by where it comes from."""
    texts = []
    for intent in kb.intents:
        texts += [(f"intent {intent.id} answer", intent.answer), (f"intent {intent.id} title", intent.title),
                  (f"intent {intent.id} ask", intent.ask)]
    for q in kb.quiz:
        texts += [(f"quiz {q.id} question", q.question), (f"quiz {q.id} explanation", q.explanation)]
        texts += [(f"quiz {q.id} option", option) for option in q.options]
    texts += [(f"not-covered {t.id} title", t.title) for t in kb.not_covered]
    pack = kb.pack
    texts += [("pack title", pack.title), ("pack disclaimer", pack.disclaimer),
              ("pack disclaimer_short", pack.disclaimer_short)]
    texts += [(f"pack message {name}", text) for name, text in pack.messages.items()]
    texts += [(f"pack source {name}", without_quotes(text)) for name, text in pack.sources.items()]
    return [(where, text) for where, text in texts if text]


@pytest.fixture(scope="module")
def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def paragraphs(guide) -> dict[str, str]:
    """The guide's paragraphs as pack.yaml numbers them: ¶1 is the first after the title."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", guide) if b.strip()]
    return {f"guide-p{n}": text for n, text in enumerate(blocks[1:], start=1)}


# --- The comparison itself ----------------------------------------------------------------------

def test_word_runs_fold_what_does_not_change_the_words():
    assert words("Everyone\u2019s face is UNIQUE; paralyzing, half-way") == ["everyone", "face", "is", "unique",
                                                                             "paralysing", "half", "way"]
    guide_runs = runs("Botox works by relaxing the overactive muscles on one side of the face.")
    assert copied("It works by relaxing the overactive muscles on one side.", guide_runs) == [
        "by relaxing the overactive muscles on", "relaxing the overactive muscles on one",
        "the overactive muscles on one side", "works by relaxing the overactive muscles"]
    assert copied("Relaxing muscles that are overactive on one side evens it out.", guide_runs) == []
    assert copied('Guide \u00b64, "works by relaxing the overactive muscles on one side"', guide_runs) != []
    assert without_quotes('Guide \u00b64, "works by relaxing the overactive muscles" (how)') == "Guide \u00b64,   (how)"


@needs_guide
def test_the_guide_paragraphs_are_the_ones_pack_yaml_names(kb, paragraphs):
    for source_id, label in kb.pack.sources.items():
        if not source_id.startswith("guide-p"):
            continue
        assert source_id in paragraphs, source_id
        opening = re.search(r"\"([^\"\u2026]+)", label)
        if opening:  # the label quotes the paragraph's first words
            assert words(paragraphs[source_id])[: len(words(opening.group(1)))] == words(opening.group(1)), source_id


@needs_guide
def test_nothing_shown_shares_six_words_in_a_row_with_the_guide(kb, guide):
    guide_runs = runs(guide)
    found = {where: hits for where, text in shown_texts(kb) if (hits := copied(text, guide_runs))}
    assert found == {}


def test_the_check_reads_every_kind_of_text(kb):
    kinds = {where.split(" ")[0] + " " + where.split(" ")[-1] for where, _ in shown_texts(kb)}
    assert {"intent answer", "intent title", "quiz question", "quiz option", "quiz explanation",
            "not-covered title", "pack disclaimer", "pack disclaimer_short"} <= kinds
    assert {f"pack message {m}" for m in kb.pack.messages} <= {w for w, _ in shown_texts(kb)}


# --- Answers and their sources ------------------------------------------------------------------

# Medical terms (as word stems) that state a fact from the guide when an answer uses them.
FACT_TERMS = ("neurotoxin", "clostridium", "botulinum", "bacteri", "cosmetic", "wrinkle", "fine line", "paraly",
              "temporar", "overactive", "asymmetr", "bruis", "swell", "pain", "side effect", "certified",
              "consultation", "confidence", "wellbeing", "dermatology", "expertise")


def terms_in(text: str) -> set[str]:
    folded = " ".join(words(text))
    return {t for t in FACT_TERMS if t.replace("z", "s") in folded}


def test_every_domain_answer_that_states_a_fact_names_its_source(kb):
    unsourced = [i.id for i in kb.domain_intents if terms_in(i.answer) and not i.source]
    assert unsourced == []
    unknown = [(i.id, s) for i in kb.intents for s in i.source if s not in kb.pack.sources]
    assert unknown == []
    not_the_guide = [i.id for i in kb.domain_intents if not all(s.startswith("guide-p") for s in i.source)]
    assert not_the_guide == []


def test_every_answer_about_botox_has_a_source(kb):
    # Chat and quiz replies name the assistant; the emergency reply names the label.
    assert [i.id for i in kb.intents if "botox" in i.answer.lower() and not i.source] == []


@needs_guide
def test_the_terms_an_answer_uses_are_in_the_paragraphs_it_cites(kb, paragraphs):
    missing = {}
    for intent in kb.domain_intents:
        cited = " ".join(" ".join(words(paragraphs[s])) for s in intent.source if s in paragraphs)
        absent = sorted(t for t in terms_in(intent.answer) if t.replace("z", "s") not in cited)
        if absent:
            missing[intent.id] = absent
    assert missing == {}


def test_asymmetry_treatment_is_conditional_and_promises_nothing(kb):
    answer = kb.intent("asymmetry.treatment").answer
    assert not re.match(r"\s*yes\b", answer, re.I)
    assert "overactive" in answer and "depends" in answer  # the guide's condition and its caveat
    assert "no result can be promised" in answer
    assert "doesn't say" in answer and ("physician" in answer or "dermatologist" in answer)
    assert "guide-p4" in kb.intent("asymmetry.treatment").source


def test_no_answer_opens_with_a_bare_yes(kb):
    assert [i.id for i in kb.domain_intents if re.match(r"\s*yes\b", i.answer, re.I)] == []


PROMISES = re.compile(r"\b(guarantee[sd]?|definitely|certainly|always works|will (fix|correct|cure|even out|balance))\b",
                      re.I)


def test_no_answer_promises_a_result(kb):
    assert [(i.id, PROMISES.search(i.answer).group(0)) for i in kb.intents if PROMISES.search(i.answer)] == []


def test_how_it_works_says_what_the_guide_says(kb):
    answer = kb.intent("botox.how-it-works").answer
    assert "temporarily paralyses" in answer and "relax" in answer
    assert "acts on the muscles" not in answer  # botox.what-is-it says it acts on nerves


def test_uses_are_the_two_the_guide_mentions(kb):
    intent = kb.intent("botox.uses")
    assert {"guide-p3", "guide-p4"} <= set(intent.source)
    assert "two uses" in intent.answer and "wrinkles" in intent.answer and "asymmetry" in intent.answer


def test_side_effects_says_the_list_is_not_complete(kb):
    answer = kb.intent("side-effects").answer
    assert "not complete" in answer and "serious" in answer and "doctor" in answer
    assert all(w in answer for w in ("bruising", "swelling", "pain"))


def test_asymmetry_about_names_the_causes_it_does_not_cover(kb):
    assert "doesn't go into what makes a face uneven" in kb.intent("asymmetry.about").answer


# --- The quiz -----------------------------------------------------------------------------------

# Reactions listed on Botox's label (prescribing information); never a "wrong" option.
LABEL_REACTIONS = ("headache", "dizz", "rash", "fever", "nausea", "hair loss", "hives", "itch", "blurred",
                   "double vision", "dry mouth", "dry eye", "neck pain", "back pain", "fatigue", "tired", "weakness",
                   "droop", "eyelid", "swallow", "breath", "speech", "voice", "infection", "flu", "spread",
                   "all over the body", "in the eyes")


def test_no_wrong_option_is_a_real_reaction(kb):
    found = [(q.id, o) for q in kb.quiz for o in q.options if o != q.answer
             for r in LABEL_REACTIONS if r in o.lower()]
    assert found == []


def test_every_quiz_question_asks_what_the_guide_says(kb):
    assert [q.id for q in kb.quiz if "guide" not in q.question.lower()] == []


def test_the_quiz_says_temporarily_not_briefly(kb):
    texts = [t for q in kb.quiz for t in (q.question, q.explanation, *q.options)]
    assert [t for t in texts if re.search(r"\bbrief(ly)?\b", t, re.I)] == []
    assert any("Temporarily paralyses" in q.answer for q in kb.quiz if "botox.how-it-works" in q.intents)


def test_no_two_quiz_questions_have_the_same_answer_for_the_same_topic(kb):
    seen: dict[tuple[frozenset[str], str], str] = {}
    clashes = []
    for q in kb.quiz:
        if q.kind != "choice":
            continue
        key = (frozenset(q.intents), " ".join(words(q.answer)))
        if key in seen:
            clashes.append((seen[key], q.id))
        seen[key] = q.id
    assert clashes == []


# --- What the guide does not cover ----------------------------------------------------------------

NEW_TOPICS = ("causes", "approval", "eyelids")


@pytest.mark.parametrize("topic_id", NEW_TOPICS)
def test_topics_the_guide_leaves_out_are_complete(kb, topic_id):
    topic = next(t for t in kb.not_covered if t.id == topic_id)
    assert topic.title and topic.keywords and len(topic.examples) >= 8
    domain = {i.id for i in kb.domain_intents}
    assert topic.related and set(topic.related) <= domain


@pytest.mark.parametrize("question, topic", [
    ("could my crooked face be genetic", "causes"),
    ("is an asymmetrical face hereditary", "causes"),
    ("did the injury to my cheek leave my face uneven", "causes"),
    ("my smile has been lopsided since bell's palsy", "causes"),
    ("has botox got fda approval", "approval"),
    ("is botox regulated in europe", "approval"),
    ("is it legal to have botox", "approval"),
    ("can botox lift my droopy eyelid", "eyelids"),
    ("can botox help with ptosis", "eyelids"),
    ("my left eyelid sits lower than my right, can botox lift it", "eyelids"),
])
def test_questions_the_guide_leaves_out_are_declined_by_topic(bot, question, topic):
    reply = bot.ask(question)
    assert (reply.kind, reply.match.topic) == ("not-covered", topic), reply.match.rule
    assert reply.intent is None and "doesn't cover" in reply.text


@pytest.mark.parametrize("question, intent", [
    ("one of my eyebrows is higher than the other, can botox help", "asymmetry.treatment"),
    ("can botox even out my brows if one sits higher", "asymmetry.treatment"),
    ("can botox cause asymmetry", "side-effects"),
    ("does botox cause bruising", "side-effects"),
    ("is botox a neurotoxin", "botox.what-is-it"),
])
def test_the_new_topics_do_not_take_questions_the_guide_answers(bot, question, intent):
    reply = bot.ask(question)
    assert reply.kind == "answer" and in_family(reply.intent or "", intent), reply.match.rule
