"""A running quiz survives being turned into JSON and back at every step (a stateless server keeps it in the client)."""

from __future__ import annotations

import json

import pytest

from assistant.errors import QuizError
from assistant.quiz import Quiz


def through_json(kb, quiz):
    return Quiz.from_dict(kb, json.loads(json.dumps(quiz.to_dict())))


def play(kb, answers, *, reload):
    """Feedback and questions of a whole quiz, reloading it from JSON before every step when ``reload``."""
    quiz = Quiz(kb, count=5, seed=11)
    seen = []
    answers = iter(answers)
    while True:
        if reload:
            quiz = through_json(kb, quiz)
        item = quiz.next_question()
        if item is None:
            break
        seen.append(("q", item.question.id, item.options, item.number, item.total, item.retry))
        if reload:
            quiz = through_json(kb, quiz)
        feedback = quiz.answer(next(answers, "skip"))
        seen.append(("f", feedback.status, feedback.given))
    return seen, quiz.summary()


def test_a_quiz_reloaded_at_every_step_plays_exactly_as_one_kept_in_memory(kb):
    # Wrong answers ("a" is wrong for some), an unclear one and skips; the misses come back as retries.
    answers = ["a", "huh", "b", "true", "a", "c", "a", "b", "a", "skip", "a", "a"]
    kept, kept_summary = play(kb, answers, reload=False)
    reloaded, reloaded_summary = play(kb, answers, reload=True)
    assert any(step[0] == "q" and step[5] for step in kept), "the run should reach the retries"
    assert any(step == ("f", "unclear", None) for step in kept)
    assert reloaded == kept and reloaded_summary == kept_summary


def test_the_state_is_small_plain_json(kb):
    quiz = Quiz(kb, seed=2)
    quiz.next_question()
    text = json.dumps(quiz.to_dict())
    assert len(text) < 8000  # well under the web API's 16 kB body limit, with the full bank


@pytest.mark.parametrize("damage", [
    lambda d: "not a dict",
    lambda d: {**d, "version": 99},
    lambda d: {**d, "round": [["no-such-question", None]]},
    lambda d: {**d, "round": [[d["round"][0][0], [0, 0, 0, 0]]] if d["round"][0][1] else "x"},
    lambda d: {**d, "position": 999},
    lambda d: {**d, "position": "1"},
    lambda d: {**d, "first": [["x", "correct"]]},
    lambda d: {**d, "first": [[d["round"][0][0], "brilliant"]]},
    lambda d: {**d, "missed": [99]},
    lambda d: {**d, "rng": "not base64!"},
    lambda d: {**d, "rng": "AAAA"},
])
def test_damaged_state_is_a_quiz_error_with_a_message(kb, damage):
    quiz = Quiz(kb, count=3, seed=4)
    quiz.next_question()
    with pytest.raises(QuizError, match="quiz state"):
        Quiz.from_dict(kb, damage(quiz.to_dict()))


def test_item_options_are_the_shown_order_and_question_options_the_file_order(kb):
    quiz = Quiz(kb, seed=3)
    item = quiz.next_question()
    while item.question.kind != "choice":
        quiz.answer("skip")
        item = quiz.next_question()
    assert sorted(item.options) == sorted(item.question.options)
    assert item.options[item.correct_index] == item.question.answer
    assert quiz.answer(item.letters[item.correct_index]).status == "correct"
