"""Tab completion as a pure function over a Document."""

from __future__ import annotations

import pytest
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document

from assistant.chat.commands import COMMANDS
from assistant.chat.completer import MAX_COMPLETIONS, ChatCompleter, word_start_match


@pytest.fixture(scope="module")
def completer(kb):
    return ChatCompleter(kb)


def complete(completer, text):
    return [c.text for c in completer.get_completions(Document(text), CompleteEvent(completion_requested=True))]


def test_a_slash_lists_every_command(completer):
    assert complete(completer, "/") == [c.name for c in COMMANDS]


@pytest.mark.parametrize("typed, expected", [("/h", ["/help"]), ("/QU", ["/quiz", "/quit"]), ("/d", ["/disclaimer"]),
                                             ("/help", []), ("/zz", [])])
def test_commands_complete_by_prefix(completer, typed, expected):
    assert complete(completer, typed) == expected


def test_completions_replace_the_whole_line(completer):
    (completion,) = list(completer.get_completions(Document("/he"), CompleteEvent()))
    assert completion.start_position == -3
    assert completion.display_meta_text


def test_quiz_topics_complete_after_quiz(completer, kb):
    topics = complete(completer, "/quiz ")
    assert "/quiz side-effects" in topics and "/quiz botox" in topics
    assert complete(completer, "/quiz prov") == ["/quiz provider"]
    assert complete(completer, "/quiz effects") == ["/quiz side-effects"]  # word start


def test_other_commands_take_no_completions(completer):
    assert complete(completer, "/why ") == []


def test_known_questions_complete_by_prefix_first(completer, kb):
    found = complete(completer, "what side")
    assert found and found[0].lower().startswith("what side")
    assert len(found) <= MAX_COMPLETIONS


def test_known_questions_complete_by_word_start(completer):
    found = complete(completer, "side eff")
    assert "What side effects can Botox have?" in found


def test_ask_lines_come_before_examples(completer, kb):
    assert complete(completer, "Who should")[0] == kb.intent("provider").ask


def test_one_letter_completes_no_question(completer):
    assert complete(completer, "w") == []


def test_urgent_examples_are_never_offered(completer, kb):
    urgent = {e for i in kb.intents if i.kind == "urgent" for e in i.examples}
    assert not urgent & {q for q, _ in completer.questions}


@pytest.mark.parametrize("typed, candidate, ok", [("side eff", "What side effects can Botox have?", True),
                                                  ("eff side", "What side effects can Botox have?", False),
                                                  ("BOT", "What is Botox?", True),
                                                  ("", "anything", True)])
def test_word_start_match(typed, candidate, ok):
    assert word_start_match(typed, candidate) is ok


def test_a_bug_while_completing_reports_one_line_and_completes_nothing(kb):
    messages = []
    broken = ChatCompleter(kb, on_error=messages.append)
    broken.questions = None  # not iterable: completing a question will fail
    assert complete(broken, "does botox") == []
    assert len(messages) == 1 and "\n" not in messages[0] and "TypeError" in messages[0]
