"""Drawing blocks: the words shown, at any width, and never an escape code in plain text."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.chat import session as s
from assistant.chat.render import Renderer, chat_style
from assistant.chat.session import ChatSession
from assistant.layout.fragments import MAX_WIDTH
from assistant.layout.reply import format_reply
from assistant.terminal import clamp_width
from assistant.quiz import Quiz
from twins import AMBIGUOUS

ESC = "\x1b"


@pytest.fixture(scope="module")
def renderer(kb):
    return Renderer(kb)


def widest(text):
    return max(len(line) for line in text.splitlines())


def every_block(bot, kb, twin_bot):
    chat = ChatSession(bot, seed=3, offers=False)
    quiz = Quiz(kb, topics=["side-effects"], count=2, seed=3)
    item = quiz.next_question()
    skipped = quiz.answer("skip")
    unclear = quiz.answer("banana") if quiz.next_question() else None
    right = quiz.answer(quiz.current.question.answer if quiz.current.letters else "skip")
    blocks = chat.welcome() + chat.handle("does botox hurt?") + chat.handle("/why")
    blocks += chat.handle("I can't breathe after my botox") + chat.handle("/why")
    blocks += chat.handle("how much does botox cost") + chat.handle("what's the capital of france")
    blocks += ChatSession(twin_bot, offers=False).handle(AMBIGUOUS) + chat.handle("quiz me")
    blocks += [s.ShowHelp(), s.ShowTopics(), s.ShowDisclaimer(), s.ShowQuizOffer("Side effects"),
               s.ShowQuizStart(("Side effects",), 2), s.ShowQuizQuestion(item), s.ShowQuizQuestion(item, check=True),
               s.ShowFeedback(skipped), s.ShowFeedback(unclear, item, "a long answer " * 20), s.ShowFeedback(unclear),
               s.ShowFeedback(right), s.ShowSummary(quiz.summary()), s.ShowSummary(quiz.summary(), "eof"),
               s.Message("hello", "error"), s.Goodbye("Bye.")]
    return blocks


@pytest.mark.parametrize("width", [40, 80, 250])
def test_every_block_fits_the_width(bot, kb, twin_bot, renderer, width):
    for block in every_block(bot, kb, twin_bot):
        text = renderer.plain(block, width)
        assert text, type(block).__name__
        assert ESC not in text
        assert widest(text) <= min(width, MAX_WIDTH), (type(block).__name__, text)


def test_clamp_width_caps_wide_windows_and_keeps_a_floor():
    assert clamp_width(300) == MAX_WIDTH
    assert clamp_width(80) == 79
    assert clamp_width(5) == 20


def test_an_answer_shows_title_source_two_suggestions_and_the_short_disclaimer(bot, kb, renderer):
    reply = bot.ask("does botox hurt?")
    text = renderer.plain(s.ShowReply(reply), 80)
    assert text.startswith(reply.title + "\n\n")
    assert f"Source: {reply.source}" in " ".join(text.split())
    assert "You could also ask:" in text
    shown = [line.strip() for line in text.splitlines() if line.startswith("  ")]
    assert shown == list(reply.suggestions[:2])
    assert " ".join(text.split()).endswith(f"Note: {kb.pack.disclaimer_short}")
    assert kb.pack.disclaimer not in " ".join(text.split())


@pytest.mark.parametrize("question", ["does botox hurt?", "I can't breathe after my botox", "how much does botox cost",
                                      "what's the capital of france", "hello", "what can you do"])
def test_the_chat_words_replies_as_ask_does(bot, kb, renderer, question):
    """`botox-faq ask`'s text, but with the short disclaimer and at most two suggestions after an answer
    (an urgent reply keeps its own note)."""
    reply = bot.ask(question)
    short = reply.disclaimer if reply.kind == "urgent" else reply.disclaimer and kb.pack.disclaimer_short
    shorter = dataclasses.replace(reply, disclaimer=short,
                                  suggestions=reply.suggestions[:2] if reply.kind == "answer" else reply.suggestions)
    assert renderer.plain(s.ShowReply(reply), 80) == format_reply(shorter, 80)


def test_urgent_replies_lead_with_a_styled_heading(bot, renderer):
    reply = bot.ask("I can't breathe after my botox")
    fragments = renderer.fragments(s.ShowReply(reply), 80)
    assert fragments[0] == ("class:urgent-banner", "URGENT:")
    assert fragments[1][0] == "class:urgent-title"
    assert renderer.plain(s.ShowReply(reply), 80).startswith("URGENT: " + reply.title.upper())


def test_ambiguous_choices_are_numbered(twin_bot, renderer):
    reply = twin_bot.ask(AMBIGUOUS)
    text = renderer.plain(s.ShowReply(reply), 80)
    for n, choice in enumerate(reply.choices, 1):
        assert f"  {n}. {choice.ask}" in text
    assert "Type a number" in text
    assert "Type a number" not in format_reply(reply, 80)  # `ask` can't take a number next


@pytest.mark.parametrize("question, label", [("how much does botox cost", "Related topics I can answer:"),
                                             ("what's the capital of france", "Related topics I can answer:")])
def test_declines_suggest_covered_topics(bot, renderer, question, label):
    reply = bot.ask(question)
    text = renderer.plain(s.ShowReply(reply), 80)
    assert label in text
    assert all(" ".join(q.split()) in " ".join(text.split()) for q in reply.suggestions)


def test_welcome_has_help_and_the_full_disclaimer(kb, renderer):
    text = " ".join(renderer.plain(s.ShowWelcome(), 80).split())
    assert "/help" in text
    assert kb.pack.disclaimer in text


def test_disclaimer_command_shows_it_in_full(kb, renderer):
    assert " ".join(renderer.plain(s.ShowDisclaimer(), 60).split()) == kb.pack.disclaimer


def test_disclaimer_command_says_what_to_do_in_an_emergency(renderer):
    text = " ".join(renderer.plain(s.ShowDisclaimer(), 60).split())
    assert "not medical advice" in text and "physician" in text
    assert "call your local emergency number" in text
    assert all(symptom in text for symptom in ("breathing", "swallowing", "speaking"))


def test_why_shows_candidates_margin_rule_and_corrections(bot, renderer):
    reply = bot.ask("does botx leave bruises?")
    text = renderer.plain(s.ShowWhy(reply), 100)
    assert f"Rule: {reply.match.rule}" in text
    assert f"{reply.match.candidates[0].score:.2f}" in text
    assert f"Margin over the runner-up: {reply.match.margin:.2f}" in text
    for typed, understood in reply.match.analysis.corrections:
        assert f"{typed} → {understood}" in text


def test_why_names_every_ask_a_part_answers(bot, renderer):
    reply = bot.ask("does it bruise? can i hit the gym after, and can i wear make up on it?")
    assert [p.kind for p in reply.parts] == ["answer", "not-covered"]
    text = " ".join(renderer.plain(s.ShowWhy(reply), 100).split())
    assert "Part 2: Not covered: aftercare" in text and "Also answers: \u201ccan i wear make up on it\u201d" in text


def test_why_for_urgent_names_the_red_flags(bot, renderer):
    reply = bot.ask("I can't breathe after my botox")
    text = renderer.plain(s.ShowWhy(reply), 100)
    assert "Red flags found: " + ", ".join(reply.red_flags) in text
    assert "Urgency: emergency" in text and "\u201ccan't breathe\u201d" in text


def test_a_contact_doctor_reply_is_calm_but_clear_and_an_emergency_loud(bot, renderer):
    doctor = bot.ask("I've been seeing double since my botox on monday")
    fragments = renderer.fragments(s.ShowReply(doctor), 80)
    assert fragments[0] == ("class:doctor-banner", "IMPORTANT:")
    text = renderer.plain(s.ShowReply(doctor), 80)
    assert text.startswith("IMPORTANT: Get medical help right away") and "URGENT" not in text
    assert " ".join(text.split()).endswith(f"Note: {bot.knowledge.urgent.note}")  # its own note, not the guide's
    emergency = renderer.plain(s.ShowReply(bot.ask("my tongue is swelling after the injection")), 80)
    assert emergency.startswith("URGENT: THIS COULD BE AN EMERGENCY")
    style = chat_style()
    assert style.get_attrs_for_style_str("class:urgent-banner").bgcolor != style.get_attrs_for_style_str(
        "class:doctor-banner").bgcolor


def test_why_never_echoes_control_characters(bot, renderer):
    reply = bot.ask("does botox hurt?\x1b[2J\x07")
    assert ESC not in renderer.plain(s.ShowWhy(reply), 80)


def test_topics_group_domain_chat_and_quiz(kb, renderer):
    text = renderer.plain(s.ShowTopics(), 100)
    for intent in kb.domain_intents:
        assert intent.ask in text
    assert "Chat:" in text and "Quiz:" in text and "side-effects" in text


def test_help_lists_every_command(renderer):
    from assistant.chat.commands import COMMANDS

    for width in (40, 100):
        text = renderer.plain(s.ShowHelp(), width)
        assert all(c.name in text for c in COMMANDS)


def test_unknown_blocks_draw_nothing(renderer):
    assert renderer.fragments(object(), 80) == []


@pytest.mark.parametrize("no_color", [False, True])
def test_styles_name_every_class_used(no_color):
    style = chat_style(no_color)
    assert style.get_attrs_for_style_str("class:urgent-banner").bold
    if no_color:
        attrs = style.get_attrs_for_style_str("class:urgent-banner")
        assert attrs.color in ("", None) and attrs.bgcolor in ("", None) and attrs.reverse


# -- the quiz in the chat ----------------------------------------------------------------------
def flat(text):
    return " ".join(text.split())


def shown(renderer, blocks, width=80):
    return "\n\n".join(renderer.plain(block, width) for block in blocks)


@pytest.mark.parametrize("line", ["/quiz", "/quiz side-effects", "/quiz all", "quiz me", "quiz me about the injector"])
def test_every_quiz_starts_with_the_disclaimer(bot, kb, renderer, line):
    text = shown(renderer, ChatSession(bot, seed=1, offers=False).handle(line))
    assert flat(text).startswith(f"{kb.pack.disclaimer_short} (/disclaimer shows it in full.)")


def test_a_quick_check_after_an_answer_starts_with_the_disclaimer(bot, kb, renderer):
    chat = ChatSession(bot, seed=1, offer_chance=1.0)
    for line in ["does botox hurt?", "what is botox?", "who should give the injections?"]:
        blocks = chat.handle(line)
    assert isinstance(blocks[-1], s.ShowQuizOffer)
    text = flat(shown(renderer, chat.handle("y")))
    assert text.startswith(kb.pack.disclaimer_short) and "Quick check" in text


def test_a_short_quiz_says_how_to_get_the_whole_one(bot, kb, renderer):
    short = flat(shown(renderer, ChatSession(bot, seed=1, offers=False).handle("quiz me")))
    assert f"/quiz asks all {len(kb.quiz)} questions" in short
    whole = flat(shown(renderer, ChatSession(bot, seed=1, offers=False).handle("/quiz")))
    assert "/quiz asks" not in whole and f"Quiz: {len(kb.quiz)} questions." in whole
