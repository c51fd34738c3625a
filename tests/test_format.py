"""The one plain-text layer: replies, quiz questions, feedback and scores, as `ask`, `quiz` and the chat print them."""

from __future__ import annotations

import argparse
import io
import re

import pytest

from assistant.core import Choice, Reply
from assistant.chat.run import run_chat
from assistant.layout.fragments import MAX_WIDTH, text_of
from assistant.layout.quiz import quiz_feedback, quiz_question, quiz_start, quiz_summary
from assistant.layout.reply import format_reply, reply_fragments
from assistant.terminal import clamp_width, isatty, marks_for, output_width
from assistant.knowledge import QuizQuestion
from assistant.quiz import Feedback, QuizItem, Summary
from assistant.cli.quiz import run_quiz

NOTE = "General information, not medical advice."
ANSWER = Reply("does it hurt?", "answer", "side-effects", 0.9, "It can sting a little.", title="Side effects",
               source="Guide ¶5", disclaimer=NOTE, suggestions=("Who injects?", "Is a consultation needed?", "Third?"))
URGENT = Reply("can't breathe", "urgent", "urgent", 1.0, "Get help now.", title="This could be an emergency",
               source="The label", disclaimer=NOTE)
AMBIGUOUS = Reply("bruises", "ambiguous", None, 0.5, "Which do you mean?\n1. First?\n2. Second?", title="Did you mean…",
                  disclaimer=NOTE, suggestions=("First?", "Second?"),
                  choices=(Choice("a", "A", "First?", 0.5), Choice("b", "B", "Second?", 0.5)))
DECLINE = Reply("cost?", "not-covered", None, 0.4, "The guide doesn't say.", title="Not covered: cost",
                disclaimer=NOTE, suggestions=("What is Botox?",))
SMALL_TALK = Reply("hi", "chat", "chat.greeting", 1.0, "Hello!")


@pytest.mark.parametrize("reply, expected", [
    (ANSWER, "Side effects\n\nIt can sting a little.\n\nSource: Guide ¶5\n\nYou could also ask:\n  Who injects?\n"
             "  Is a consultation needed?\n  Third?\n\nNote: " + NOTE),
    (URGENT, "URGENT: THIS COULD BE AN EMERGENCY\n\nGet help now.\n\nSource: The label\n\nNote: " + NOTE),
    (AMBIGUOUS, "Which do you mean?\n  1. First?\n  2. Second?\n\nNote: " + NOTE),
    (DECLINE, "Not covered: cost\n\nThe guide doesn't say.\n\nRelated topics I can answer:\n  What is Botox?\n\n"
              "Note: " + NOTE),
    (SMALL_TALK, "Hello!"),
])
def test_format_reply_lays_out_every_kind(reply, expected):
    assert format_reply(reply, 80) == expected


def test_the_chat_variant_changes_only_the_disclaimer_the_suggestions_and_the_hint():
    text = text_of(reply_fragments(ANSWER, 80, disclaimer="Short.", suggestions=2))
    assert text == format_reply(ANSWER, 80).replace("\n  Third?", "").replace(NOTE, "Short.")
    choosing = text_of(reply_fragments(AMBIGUOUS, 80, choosing=True))
    assert choosing == format_reply(AMBIGUOUS, 80).replace(
        "Second?\n", "Second?\nType a number to pick one, or ask something else.\n")


def test_roles_name_each_part_for_a_styled_front_end():
    roles = {role for role, _ in reply_fragments(URGENT, 80)}
    assert {"urgent-banner", "urgent-title", "urgent-text", "source", "disclaimer"} <= roles
    assert reply_fragments(URGENT, 80)[0] == ("urgent-banner", "URGENT:")


@pytest.mark.parametrize("width", [20, 33, 40, 80, 120])
def test_every_line_fits(bot, width):
    for question in ("does botox hurt?", "I can't breathe after my botox", "how much does botox cost", "hi"):
        text = format_reply(bot.ask(question), width)
        assert max(len(line) for line in text.splitlines()) <= max(width, 20), (question, text)


# -- the quiz ------------------------------------------------------------------------------------
CHOICE = QuizQuestion("q", ("side-effects",), "choice", "Which is a side effect?", ("Bruising", "Taller"),
                      "Bruising", "The guide names bruising.")
ITEM = QuizItem(2, 5, CHOICE, ("Taller", "Bruising"))
TRUTH = QuizItem(1, 1, QuizQuestion("t", ("side-effects",), "true-false", "True or false: it stings.", ("true", "false"),
                                    "true", "It can."), ("True", "False"), retry=True)


def test_quiz_start_has_the_disclaimer_first():
    text = text_of(quiz_start(5, 80, disclaimer=NOTE, titles=("Side effects",)))
    assert text.startswith(NOTE + "\n\nQuiz on Side effects: 5 questions.\nAnswer with a letter")


def test_quiz_questions():
    assert text_of(quiz_question(ITEM, 80)) == "Question 2/5\nWhich is a side effect?\n  a) Taller\n  b) Bruising"
    assert text_of(quiz_question(TRUTH, 80)).startswith("Second try: the question you missed, once more.\n\n"
                                                         "Once more 1/1\nTrue or false: it stings.")
    assert text_of(quiz_question(ITEM, 80, heading="Quick check")).startswith("Quick check\n")


@pytest.mark.parametrize("status, given, typed, expected", [
    ("correct", "b) Bruising", "b", "✓ Correct: b) Bruising\n  The guide names bruising."),
    ("wrong", "a) Taller", "a", "✗ Not quite: you answered a) Taller.\nThe answer is b) Bruising.\n"
                                "  The guide names bruising."),
    ("skipped", None, "skip", "Skipped. The answer is b) Bruising.\n  The guide names bruising."),
    ("quit", None, "quit", "Stopping the quiz."),
    ("unclear", None, "zzz", 'I couldn\'t read "zzz" as an answer. Type a letter from a to b, the answer itself, '
                             '"skip" or "quit".'),
    ("unclear", None, "\x1b[2J", 'Please type a letter from a to b, the answer itself, "skip" or "quit".'),
])
def test_quiz_feedback(status, given, typed, expected):
    hidden = status in ("unclear", "quit")
    feedback = Feedback(status, {"correct": True, "wrong": False}.get(status), given,
                        "" if hidden else "b) Bruising", "" if hidden else CHOICE.explanation, CHOICE)
    assert text_of(quiz_feedback(feedback, 200, item=ITEM, typed=typed)) == expected


def test_quiz_feedback_marks_without_ticks():
    feedback = Feedback("correct", True, "b) Bruising", "b) Bruising", "", CHOICE)
    assert text_of(quiz_feedback(feedback, 80, marks=marks_for("ascii"))) == "+ Correct: b) Bruising"


SUMMARY = Summary(asked=2, correct=1, wrong=1, skipped=0, score=0.5, per_topic=(("side-effects", 1, 2),),
                  review=("side-effects",), review_questions=("What side effects can Botox have?",), recovered=1,
                  retried=1, total=5)


def test_quiz_summary(kb):
    text = text_of(quiz_summary(SUMMARY, 80, title=kb.title_of))
    assert text == ("Score: 1/2 (50%)\nSecond tries: 1 of 1 right.\nBy topic:\n  Side effects: 1/2\n"
                    "Read again: ask me 'What side effects can Botox have?'")


@pytest.mark.parametrize("ended, first", [("eof", "End of input after 2 of 5 questions."),
                                          ("quit", "Stopped after 2 of 5 questions."),
                                          ("interrupted", "Interrupted after 2 of 5 questions.")])
def test_a_quiz_that_ended_early_says_so(ended, first):
    lines = text_of(quiz_summary(SUMMARY, 80, ended=ended)).splitlines()
    assert lines[:2] == [first, "Score so far: 1/2 (50%)"]


def test_botox_faq_quiz_and_the_chat_use_the_same_words(bot):
    """The same quiz, all skipped, in `botox-faq quiz` and in the chat (pipe mode): the same lines."""
    topic_questions = sum("provider" in q.intents for q in bot.knowledge.quiz)
    cli = io.StringIO()
    args = argparse.Namespace(topic=["provider"], count=None, seed=1, json=False)
    run_quiz(bot.knowledge, args, cli, input_lines=["skip"] * topic_questions)
    chat = io.StringIO()
    run_chat(bot, out=chat, stdin=io.BytesIO(("/quiz provider\n" + "skip\n" * topic_questions).encode()))

    def said(text: str) -> set[str]:  # what is said about the answers (the options are shuffled differently)
        kept = r"(Skipped|Score|By topic|  [A-Z]|Read again)"
        return {re.sub(r"\b[a-e]\) ", "", line) for line in text.splitlines() if re.match(kept, line)}

    assert said(cli.getvalue()) == said(chat.getvalue())
    assert f"Score: 0/{topic_questions} (0%)" in chat.getvalue()


# -- widths, terminals and names ------------------------------------------------------------------------
def test_widths():
    assert clamp_width(300) == MAX_WIDTH and clamp_width(80) == 79 and clamp_width(5) == 20
    assert output_width(io.StringIO()) == 80


class Closed(io.StringIO):
    def isatty(self):
        raise ValueError("I/O operation on closed file")


@pytest.mark.parametrize("stream", [None, object(), io.StringIO(), Closed()])
def test_isatty_is_false_for_anything_but_a_terminal(stream):
    assert isatty(stream) is False


def test_marks():
    assert marks_for("utf-8") == ("✓", "✗")
    assert marks_for("ascii") == marks_for("latin-1") == ("+", "x")
    assert marks_for("no-such-codec") == ("+", "x")


def test_title_of(kb):
    assert kb.title_of("side-effects") == "Side effects"
    assert kb.title_of("botox") == "all botox questions"
    assert kb.title_of("nope") == "nope"
    covered = kb.not_covered[0]
    assert kb.title_of(f"not-covered:{covered.id}") == f"not covered: {covered.title}"
