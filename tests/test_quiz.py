"""The quiz: the question bank's integrity, reading answers, scoring, retries, topics, seeds and counts."""

from __future__ import annotations

import dataclasses
import random
import shutil

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from assistant.errors import KnowledgeError, QuizError
from assistant.knowledge import Intent, QuizQuestion, in_family, load_knowledge
from assistant.quiz import Quiz, QuizItem, Reading, Summary, available_topics, read_answer

# A fixed item, so reading answers is tested apart from the bank and the shuffle.
SUBSTANCE = QuizQuestion(
    "substance", ("botox.what-is-it",), "choice", "What type of substance is Botox?",
    ("An antibiotic", "A vitamin supplement", "A neurotoxin", "A dermal filler"), "A neurotoxin", "Because.",
)
CHOICE = QuizItem(1, 1, SUBSTANCE, SUBSTANCE.options)
SCOPE = QuizQuestion(
    "scope", ("individual-needs",), "choice", "Which?",
    ("Only wrinkles", "Wrinkles, lines or asymmetry alike", "Only facial asymmetry"), "Only wrinkles", "Because.",
)
TRUE_FALSE = QuizItem(1, 1, QuizQuestion("tf", ("side-effects",), "true-false", "True or false: x.",
                                         ("true", "false"), "false", "Because."), ("True", "False"))


def play(quiz: Quiz, answer) -> list[tuple[QuizItem, object]]:
    """Answer every question with ``answer(item)`` until the quiz ends; returns (item, feedback) pairs."""
    seen = []
    while (item := quiz.next_question()) is not None:
        seen.append((item, quiz.answer(answer(item))))
    return seen


def right(item: QuizItem) -> str:
    return "abcde"[item.correct_index] if item.letters else item.options[item.correct_index]


def wrong(item: QuizItem) -> str:
    index = (item.correct_index + 1) % len(item.options)
    return "abcde"[index] if item.letters else item.options[index]


# --- The question bank -------------------------------------------------------------------------

def test_bank_has_enough_questions(kb):
    assert len(kb.quiz) >= 15
    assert {q.kind for q in kb.quiz} == {"choice", "true-false"}


def test_every_question_is_well_formed(kb):
    domain = {i.id for i in kb.domain_intents}
    problems = []
    for q in kb.quiz:
        if not (q.question.strip() and q.explanation.strip()):
            problems.append(f"{q.id}: empty question or explanation")
        if not q.intents or not set(q.intents) <= domain:
            problems.append(f"{q.id}: intents {q.intents} are not all domain intents")
        if q.kind == "choice":
            if not 3 <= len(q.options) <= 5 or q.answer not in q.options:
                problems.append(f"{q.id}: needs 3-5 options including the answer")
            if len({o.casefold() for o in q.options}) != len(q.options):
                problems.append(f"{q.id}: repeats an option")
        elif q.kind == "true-false":
            if q.options != ("true", "false") or q.answer not in ("true", "false"):
                problems.append(f"{q.id}: a true/false question answers 'true' or 'false'")
        else:
            problems.append(f"{q.id}: unknown kind {q.kind!r}")
    assert len({q.id for q in kb.quiz}) == len(kb.quiz), "question ids repeat"
    assert len({q.question.casefold() for q in kb.quiz}) == len(kb.quiz), "questions repeat"
    assert problems == []


def test_every_domain_intent_is_covered(kb):
    # A refinement (side-effects.bruising) is checked by its family's questions.
    covered = {i for q in kb.quiz for i in q.intents}
    assert [i.id for i in kb.domain_intents if not any(in_family(i.id, c) for c in covered)] == []


def test_every_quizzed_intent_can_be_recommended_for_review(kb):
    # The summary turns a missed topic into "ask me '...'", so each needs a question to ask.
    assert [i for q in kb.quiz for i in q.intents if not kb.intent(i).ask] == []


def test_every_option_can_be_chosen_by_typing_it(kb):
    # If two options were too alike, typing one of them would be read as "unclear".
    misread = []
    for q in kb.quiz:
        item = QuizItem(1, 1, q, q.options if q.kind == "choice" else ("True", "False"))
        for index, option in enumerate(item.options):
            for typed in (option, option.lower() + ".", option[:-2] + option[-1] + option[-2]):  # last two swapped
                if read_answer(typed, item) != Reading("answer", index):
                    misread.append((q.id, typed))
    assert misread == []


def test_answers_give_nothing_away(kb):
    # Guessing "the longest option" or always "false" should not pass the quiz.
    choice = [q for q in kb.quiz if q.kind == "choice"]
    longest = [q.id for q in choice if len(q.answer) == max(len(o) for o in q.options)]
    assert len(longest) <= len(choice) / 2, longest
    truth = [q.answer for q in kb.quiz if q.kind == "true-false"]
    assert 1 / 3 <= truth.count("true") / len(truth) <= 2 / 3


@pytest.mark.parametrize("old, new, message", [
    ("    answer: A neurotoxin\n", "    answer: A poison\n", "is not among its options"),
    ("    intents: [side-effects]\n", "    intents: [side-efects]\n", "unknown intent 'side-efects'"),
    ("    question: What type of substance does the guide say Botox is?\n",
     "    question: According to the guide, what is Botox derived from?\n",
     "duplicates 'botox-origin'"),
])
def test_a_broken_bank_is_refused_with_its_line(kb, tmp_path, old, new, message):
    pack = tmp_path / "pack"
    shutil.copytree(kb.path, pack)
    text = (pack / "quiz.yaml").read_text(encoding="utf-8")
    assert old in text
    (pack / "quiz.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(pack)
    assert message in str(error.value)
    assert str(error.value).startswith(str(pack / "quiz.yaml") + ":")


# --- Reading answers -------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, index", [
    ("a", 0), ("B", 1), ("b)", 1), ("(b)", 1), ("B.", 1), ("  c  ", 2), ("[d]", 3), ("ｃ", 2),
    ("1", 0), ("4", 3), ("2.", 1), ("I think c", 2), ("the answer is d", 3), ("option a", 0),
    ("A neurotoxin", 2), ("a neurotoxin", 2), ("neurotoxin", 2), ("NEUROTOXIN!", 2), ("a dermal filler", 3),
    ("nurotoxin", 2), ("a neruotoxin", 2), ("antibiotik", 0), ("vitamin suplement", 1), ("filler", 3),
    ("c) A neurotoxin", 2), ("c) neurotoxin", 2), ("c) the third", 2),
])
def test_reads_letters_numbers_and_text(typed, index):
    assert read_answer(typed, CHOICE) == Reading("answer", index)


@pytest.mark.parametrize("typed", [
    "", "   ", "banana", "xyz", "what is botox", "an", "e", "f", "5", "0", "9", "b or c", "a b",
    "not a neurotoxin", "b) A dermal filler", "true", "\x1b[2J", "\x00", "?", "a" * 500,
])
def test_reads_nonsense_as_unclear(typed):
    assert read_answer(typed, CHOICE) == Reading("unclear")


def test_text_close_to_two_options_is_unclear():
    item = QuizItem(1, 1, SCOPE, SCOPE.options)
    assert read_answer("wrinkles", item) == Reading("unclear")
    assert read_answer("asymmetry", item) == Reading("unclear")
    assert read_answer("only wrinkles", item) == Reading("answer", 0)
    assert read_answer("olny wrinkles", item) == Reading("answer", 0)


@pytest.mark.parametrize("typed, index", [
    ("true", 0), ("True.", 0), ("t", 0), ("T", 0), ("yes", 0), ("y", 0), ("ture", 0), ("it's true", 0),
    ("false", 1), ("FALSE", 1), ("f", 1), ("no", 1), ("n", 1), ("flase", 1), ("fals", 1), ("not true", 1),
])
def test_reads_true_and_false(typed, index):
    assert read_answer(typed, TRUE_FALSE) == Reading("answer", index)


@pytest.mark.parametrize("typed", ["a", "b", "1", "maybe", "perhaps so", "banana", ""])
def test_true_false_nonsense_is_unclear(typed):
    assert read_answer(typed, TRUE_FALSE) == Reading("unclear")


@pytest.mark.parametrize("typed, action", [
    ("skip", "skip"), ("Skip!", "skip"), ("pass", "skip"), ("next", "skip"), ("I don't know", "skip"),
    ("I don’t know", "skip"), ("I don`t knów", "skip"),  # any apostrophe, any accent: folded as the matcher folds
    ("quit", "quit"), ("QUIT", "quit"), ("exit", "quit"), ("stop", "quit"), ("q", "quit"),
])
@pytest.mark.parametrize("item", [CHOICE, TRUE_FALSE], ids=["choice", "true-false"])
def test_reads_skip_and_quit(item, typed, action):
    assert read_answer(typed, item).action == action


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
@example("\u2776")  # a circled digit: a digit to str.isdigit, not to int()
@example("\u0662")  # an Arabic-Indic two, which int() reads
def test_any_text_reads_as_something_valid(text):
    for item in (CHOICE, TRUE_FALSE):
        reading = read_answer(text, item)
        assert reading.action in ("answer", "skip", "quit", "unclear")
        assert (reading.index is not None) == (reading.action == "answer")
        assert reading.index is None or 0 <= reading.index < len(item.options)


# --- Playing, feedback and scoring ------------------------------------------------------------------

def test_right_and_wrong_feedback(kb):
    quiz = Quiz(kb, topics=["botox.what-is-it"], seed=5)
    item = quiz.next_question()
    assert (item.number, item.total, item.retry) == (1, 3, False)
    feedback = quiz.answer(right(item))
    assert (feedback.status, feedback.correct) == ("correct", True)
    assert feedback.given == feedback.correct_answer == item.shown(item.correct_index)
    assert feedback.explanation == item.question.explanation and feedback.question is item.question
    item = quiz.next_question()
    feedback = quiz.answer(wrong(item))
    assert (feedback.status, feedback.correct) == ("wrong", False)
    assert feedback.given == item.shown((item.correct_index + 1) % len(item.options))
    if item.letters:  # the right answer is shown as on screen: its letter and its text
        assert feedback.correct_answer == f"{'abcde'[item.correct_index]}) {item.question.answer}"
    else:
        assert feedback.correct_answer == item.question.answer.capitalize()


def test_true_false_items_show_true_and_false(kb):
    items = [i for i, _ in play(Quiz(kb, seed=1), lambda item: "skip")]
    tf = [i for i in items if i.question.kind == "true-false"]
    assert tf and all(i.options == ("True", "False") and i.letters == "" for i in tf)
    assert all(i.letters == "abcde"[: len(i.options)] for i in items if i.question.kind == "choice")


def test_unclear_answer_keeps_the_question_and_reveals_nothing(kb):
    quiz = Quiz(kb, count=2, seed=3)
    item = quiz.next_question()
    feedback = quiz.answer("banana")
    assert (feedback.status, feedback.correct, feedback.given) == ("unclear", None, None)
    assert feedback.correct_answer == "" and feedback.explanation == ""
    assert quiz.current is item and quiz.next_question() is item
    assert quiz.summary().asked == 0
    assert quiz.answer(right(item)).status == "correct"
    assert quiz.summary().asked == 1


def test_answer_without_a_question_is_an_error(kb):
    quiz = Quiz(kb, count=1, seed=1)
    with pytest.raises(QuizError):
        quiz.answer("a")
    item = quiz.next_question()
    quiz.answer(right(item))
    with pytest.raises(QuizError):
        quiz.answer("a")
    assert quiz.next_question() is None and quiz.finished
    with pytest.raises(QuizError):
        quiz.answer("a")


def test_scoring_counts_first_attempts(kb):
    quiz = Quiz(kb, count=5, seed=11)
    plan = iter([right, wrong, lambda item: "skip", right, wrong])
    first_round = []
    while (item := quiz.next_question()) is not None and not item.retry:
        first_round.append(quiz.answer(next(plan)(item)).status)
    assert first_round == ["correct", "wrong", "skipped", "correct", "wrong"]
    summary = quiz.summary()
    assert (summary.asked, summary.correct, summary.wrong, summary.skipped) == (5, 2, 2, 1)
    assert summary.score == pytest.approx(0.4)
    assert summary.total == 5


def test_missed_questions_come_back_once(kb):
    quiz = Quiz(kb, count=6, seed=2)
    missed = []
    for _ in range(6):  # the first round: every other answer wrong
        item = quiz.next_question()
        if quiz.answer(wrong(item) if item.number % 2 else right(item)).status == "wrong":
            missed.append(item)
    assert len(missed) == 3 and quiz.summary().score == pytest.approx(0.5)
    retries = []
    while (item := quiz.next_question()) is not None:
        retries.append(item)
        quiz.answer(right(item) if item.number == 1 else wrong(item))
    assert [r.question.id for r in retries] == [m.question.id for m in missed]
    assert [(r.number, r.total, r.retry) for r in retries] == [(1, 3, True), (2, 3, True), (3, 3, True)]
    for before, again in zip(missed, retries):
        assert sorted(again.options) == sorted(before.options)
        if before.question.kind == "choice":  # reshuffled, and the right answer sits under another letter
            assert again.correct_index != before.correct_index
    summary = quiz.summary()
    assert quiz.finished and (summary.recovered, summary.retried) == (1, 3)
    assert (summary.correct, summary.wrong, summary.score) == (3, 3, pytest.approx(0.5))  # first attempts only


def test_skipped_questions_do_not_come_back(kb):
    quiz = Quiz(kb, count=4, seed=9)
    seen = play(quiz, lambda item: "skip")
    assert len(seen) == 4 and not any(item.retry for item, _ in seen)
    assert all(f.status == "skipped" and f.correct is None and f.correct_answer for _, f in seen)
    assert quiz.summary().skipped == 4 and quiz.summary().score == 0.0


def test_quit_ends_the_quiz_and_the_summary_still_works(kb):
    quiz = Quiz(kb, count=5, seed=4)
    quiz.answer(right(quiz.next_question()))
    quiz.next_question()
    feedback = quiz.answer("quit")
    assert feedback.status == "quit" and feedback.correct is None
    assert quiz.finished and quiz.current is None and quiz.next_question() is None
    summary = quiz.summary()
    assert (summary.asked, summary.correct, summary.total, summary.score) == (1, 1, 5, 1.0)


def test_quit_during_the_retries(kb):
    quiz = Quiz(kb, count=2, seed=4)
    for _ in range(2):
        quiz.answer(wrong(quiz.next_question()))
    assert quiz.next_question().retry
    assert quiz.answer("stop").status == "quit"
    assert quiz.next_question() is None
    assert (quiz.summary().wrong, quiz.summary().retried) == (2, 0)


def test_summary_before_any_answer(kb):
    summary = Quiz(kb, seed=1).summary()
    assert summary == Summary(0, 0, 0, 0, 0.0, (), (), (), recovered=0, retried=0, total=len(kb.quiz))


def test_summary_per_topic_and_what_to_read_again(kb):
    two_topics = next(q for q in kb.quiz if q.id == "asymmetry-success-factor")
    assert two_topics.intents == ("asymmetry.treatment", "provider")
    quiz = Quiz(kb, topics=["provider"], seed=8)
    play(quiz, lambda item: wrong(item) if item.question is two_topics and not item.retry else right(item))
    summary = quiz.summary()
    per_topic = {topic: (correct, total) for topic, correct, total in summary.per_topic}
    provider_questions = [q for q in kb.quiz if "provider" in q.intents]
    assert per_topic == {"provider": (len(provider_questions) - 1, len(provider_questions)),
                         "asymmetry.treatment": (0, 1)}
    assert summary.review == ("asymmetry.treatment", "provider")
    assert summary.review_questions == (kb.intent("asymmetry.treatment").ask, kb.intent("provider").ask)
    assert summary.recovered == 1


def test_a_skipped_topic_is_also_worth_reading_again(kb):
    quiz = Quiz(kb, topics=["consultation"], count=1, seed=1)
    quiz.next_question()
    quiz.answer("skip")
    assert quiz.summary().review_questions == ("Do I need a consultation before Botox?",)


# --- Topics, counts and seeds ----------------------------------------------------------------------------

def test_topic_filter(kb):
    quiz = Quiz(kb, topics=["side-effects"], seed=1)
    items = [i for i, _ in play(quiz, right)]
    assert {i.question.id for i in items} == {q.id for q in kb.quiz if "side-effects" in q.intents}
    assert all(i.total == len(items) for i in items)


def test_a_topic_group_covers_its_refinements(kb):
    ids = {item.question.id for item, _ in play(Quiz(kb, topics=["botox"], seed=1), right)}
    expected = {q.id for q in kb.quiz if any(i.startswith("botox.") for i in q.intents)}
    assert ids == expected and len(expected) > 3


def test_a_refined_topic_covers_its_parent(kb):
    bruising = Intent("side-effects.bruising", "Bruising", "Bruising can happen.", ("does botox bruise",),
                      ask="Does Botox cause bruising?")
    richer = dataclasses.replace(kb, intents=kb.intents + (bruising,))
    quiz = Quiz(richer, topics=["side-effects.bruising"], seed=1)
    assert quiz.total == len([q for q in kb.quiz if "side-effects" in q.intents])


def test_several_topics_and_spelling(kb):
    quiz = Quiz(kb, topics=[" Provider ", "consultation"], seed=1)
    expected = [q for q in kb.quiz if {"provider", "consultation"} & set(q.intents)]
    assert quiz.total == len(expected)
    assert Quiz(kb, topics="provider", seed=1).total == len([q for q in kb.quiz if "provider" in q.intents])
    assert Quiz(kb, topics=[], seed=1).total == len(kb.quiz)


@pytest.mark.parametrize("topic", ["nope", "side-effect", "chat.greeting", "botox.", "\x1b[31mred"])
def test_unknown_topic_lists_the_valid_ones(kb, topic):
    with pytest.raises(QuizError) as error:
        Quiz(kb, topics=["provider", topic])
    message = str(error.value)
    assert "unknown quiz topic" in message
    assert all(t in message for t in available_topics(kb))
    assert "\x1b" not in message


def test_a_topic_without_questions(kb):
    fewer = dataclasses.replace(kb, quiz=tuple(q for q in kb.quiz if "consultation" not in q.intents))
    with pytest.raises(QuizError, match="no quiz questions on consultation"):
        Quiz(fewer, topics=["consultation"])
    with pytest.raises(QuizError, match="no quiz questions"):
        Quiz(dataclasses.replace(kb, quiz=()))


def test_available_topics(kb):
    topics = available_topics(kb)
    refinements = {i.id for i in kb.domain_intents if any(i.id != o.id and in_family(i.id, o.id) for o in kb.intents)}
    assert {i.id for i in kb.domain_intents} - refinements <= set(topics)
    assert not refinements & set(topics)  # listed once, under their family
    assert {"botox", "asymmetry"} <= set(topics)
    assert not any(t.startswith("chat") for t in topics)


@pytest.mark.parametrize("count", [1, 5, 9])
def test_count_picks_distinct_questions_across_topics(kb, count):
    for seed in range(5):
        items = [i for i, _ in play(Quiz(kb, count=count, seed=seed), right)]
        assert len(items) == count and all(i.total == count for i in items)
        assert len({i.question.id for i in items}) == count
        # Nine domain intents, each the first topic of some question: a 9-question quiz meets them all.
        assert len({i.question.intents[0] for i in items}) == count


def test_count_larger_than_the_bank_asks_everything(kb):
    assert Quiz(kb, count=1000, seed=1).total == len(kb.quiz)
    assert Quiz(kb, topics=["consultation"], count=50).total == 3


@pytest.mark.parametrize("count", [0, -1, 2.5, True])
def test_count_must_be_a_positive_whole_number(kb, count):
    with pytest.raises(QuizError):
        Quiz(kb, count=count)


def layout(kb, seed, **kwargs) -> list[tuple[str, tuple[str, ...]]]:
    return [(i.question.id, i.options) for i, _ in play(Quiz(kb, seed=seed, **kwargs), lambda item: "skip")]


def test_same_seed_same_order_and_options(kb):
    assert layout(kb, 42) == layout(kb, 42)
    assert layout(kb, 42, count=5, topics=["botox"]) == layout(kb, 42, count=5, topics=["botox"])


def test_different_seeds_differ(kb):
    one, two = layout(kb, 1), layout(kb, 2)
    assert [q for q, _ in one] != [q for q, _ in two]
    assert sorted(one) != sorted(two)  # the same questions, but their options are shuffled differently


def test_options_are_shuffled(kb):
    # In the YAML the answer is always the first option: a shuffle must move it.
    positions = [i.correct_index for i, _ in play(Quiz(kb, seed=7), lambda item: "skip") if i.letters]
    assert len(set(positions)) >= 3


def test_no_global_random_state(kb):
    random.seed(123)
    expected = [random.random() for _ in range(3)]
    random.seed(123)
    Quiz(kb, seed=1)
    play(Quiz(kb), lambda item: "skip")
    assert [random.random() for _ in range(3)] == expected


def test_items_feedback_and_summary_are_immutable(kb):
    quiz = Quiz(kb, count=1, seed=1)
    item = quiz.next_question()
    feedback = quiz.answer("skip")
    for record, field in ((item, "options"), (feedback, "status"), (quiz.summary(), "score")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(record, field, None)
