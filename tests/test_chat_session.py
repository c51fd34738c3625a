"""The chat's state machine: lines in, blocks out, no terminal."""

from __future__ import annotations

import pytest

from assistant.chat import session as s
from assistant.chat.commands import COMMANDS, lookup, nearest, parse_command
from assistant.chat.session import SHORT_QUIZ, ChatSession
from twins import AMBIGUOUS

URGENT = "I can't breathe after my botox"

def kinds(blocks):
    return [type(b).__name__ for b in blocks]


def replies(blocks):
    return [b.reply for b in blocks if isinstance(b, s.ShowReply)]


@pytest.fixture
def chat(bot):
    return ChatSession(bot, seed=1, offers=False)


@pytest.fixture
def offering(bot):
    """A chat that offers a quiz question whenever it may (every 3rd answer)."""
    return ChatSession(bot, seed=1, offer_chance=1.0)


def answer_line(chat, line):
    (reply,) = replies(chat.handle(line))
    return reply


# -- questions and context -------------------------------------------------------------------
def test_welcome_is_a_block(chat):
    assert kinds(chat.welcome()) == ["ShowWelcome"]


@pytest.mark.parametrize("line", ["", "   ", "\t"])
def test_blank_lines_show_nothing(chat, line):
    assert chat.handle(line) == []
    assert chat.last_reply is None


def test_a_question_is_answered_and_sets_the_context(chat):
    reply = answer_line(chat, "does botox hurt?")
    assert (reply.kind, reply.intent) == ("answer", "side-effects.pain")
    assert chat.context.topic == "side-effects.pain"
    assert chat.topic_title == "Pain from the injections"
    assert chat.stats.questions == chat.stats.answers == 1


def test_the_previous_context_is_passed_to_the_next_question(bot, chat):
    first = answer_line(chat, "does botox hurt?")
    follow = answer_line(chat, "what about swelling?")
    assert follow == bot.ask("what about swelling?", context=first.context)
    assert follow.context.turns == 2


def test_a_change_of_subject_is_not_dragged_back(chat):
    answer_line(chat, "does botox hurt?")
    reply = answer_line(chat, "who should give the injections?")
    assert reply.intent == "provider"
    assert chat.context.topic == "provider"


@pytest.mark.parametrize("kind, question", [("not-covered", "how much does botox cost"),
                                            ("out-of-scope", "what's the capital of france")])
def test_declines_say_so_and_suggest_topics(chat, kind, question):
    reply = answer_line(chat, question)
    assert reply.kind == kind
    assert reply.suggestions


# -- ambiguous choices -------------------------------------------------------------------------
@pytest.fixture
def twin_chat(twin_bot):
    return ChatSession(twin_bot, seed=1, offers=False)


def test_a_number_picks_an_ambiguous_choice(twin_bot, twin_chat):
    listed = answer_line(twin_chat, AMBIGUOUS)
    assert twin_chat.mode == "choice"
    picked = answer_line(twin_chat, "2")
    assert picked == twin_bot.choose(listed, 2)
    assert picked.intent == listed.choices[1].intent
    assert twin_chat.mode == "question"
    assert twin_chat.chosen_from is listed


@pytest.mark.parametrize("typed", ["1.", "#1", " 1 ", "1)"])
def test_numbers_may_be_typed_loosely(twin_chat, typed):
    listed = answer_line(twin_chat, AMBIGUOUS)
    assert answer_line(twin_chat, typed).intent == listed.choices[0].intent


def test_a_number_out_of_range_keeps_the_choices(twin_chat):
    answer_line(twin_chat, AMBIGUOUS)
    (block,) = twin_chat.handle("9")
    assert isinstance(block, s.Message) and "from 1 to" in block.text
    assert twin_chat.mode == "choice"


def test_anything_else_after_choices_is_a_new_question(twin_chat):
    answer_line(twin_chat, AMBIGUOUS)
    assert answer_line(twin_chat, "who should give the injections?").intent == "provider"
    assert twin_chat.pending_choices is None


def test_a_number_without_a_list_gets_a_hint(chat):
    (block,) = chat.handle("2")
    assert isinstance(block, s.Message) and "no list" in block.text
    assert chat.last_reply is None


# -- urgent ------------------------------------------------------------------------------------
def test_urgent_replies_come_through(chat):
    reply = answer_line(chat, URGENT)
    assert reply.kind == "urgent"
    assert chat.stats.urgent == 1


# -- commands ----------------------------------------------------------------------------------
@pytest.mark.parametrize("line, block", [("/help", s.ShowHelp), ("/?", s.ShowHelp), ("/HELP", s.ShowHelp),
                                         ("/topics", s.ShowTopics), ("/disclaimer", s.ShowDisclaimer),
                                         ("/clear", s.ClearScreen)])
def test_simple_commands(chat, line, block):
    assert [type(b) for b in chat.handle(line)] == [block]


@pytest.mark.parametrize("line", ["/quit", "/exit", "exit", "quit", "QUIT"])
def test_quit_says_goodbye(chat, line):
    blocks = chat.handle(line)
    assert kinds(blocks) == ["Goodbye"]
    assert chat.done


@pytest.mark.parametrize("typed, suggested", [("/hepl", "/help"), ("/qiuz", "/quiz"), ("/topic", "/topics"),
                                              ("/disclamer", "/disclaimer"), ("/forgte", "/forget")])
def test_unknown_commands_get_the_nearest(chat, typed, suggested):
    (block,) = chat.handle(typed)
    assert block.text == f"Unknown command {typed}. Did you mean {suggested}?"
    assert block.style == "error"


def test_an_unknown_command_far_from_all_points_to_help(chat):
    (block,) = chat.handle("/zzzzzzzz")
    assert block.text == "Unknown command /zzzzzzzz. Type /help for the commands."


def test_an_unknown_command_is_never_echoed_raw(chat):
    (block,) = chat.handle("/\x1b[31mred")
    assert "\x1b" not in block.text


def test_why_before_any_question(chat):
    (block,) = chat.handle("/why")
    assert isinstance(block, s.Message) and "Nothing to explain" in block.text


def test_why_after_a_question(chat):
    answer_line(chat, "does botox hurt?")
    (block,) = chat.handle("/why")
    assert isinstance(block, s.ShowWhy)
    assert block.reply.intent == "side-effects.pain" and block.chosen_from is None


def test_forget_clears_context_and_asks_for_the_history_to_go(chat):
    answer_line(chat, "does botox hurt?")
    blocks = chat.handle("/forget")
    assert kinds(blocks) == ["ForgetHistory", "Message"]
    assert chat.context.topic is None and chat.last_reply is None
    assert isinstance(chat.handle("/why")[0], s.Message)


def test_commands_table_is_consistent():
    names = [n for c in COMMANDS for n in (c.name, *c.aliases)]
    assert len(names) == len(set(names))
    assert all(n.startswith("/") for n in names)
    assert parse_command("  /Quiz  Side-Effects ") == ("/quiz", "Side-Effects")
    assert lookup("/nope") is None
    assert nearest("/xyzzy") is None


# -- the full quiz ---------------------------------------------------------------------------
def start(chat, line):
    blocks = chat.handle(line)
    assert kinds(blocks)[-2:] == ["ShowQuizStart", "ShowQuizQuestion"], kinds(blocks)
    return blocks[-1].item


def correct_letter(item):
    return item.shown(item.correct_index).split(")")[0] if item.letters else item.options[item.correct_index]


def test_quiz_command_runs_a_quiz_to_its_summary(chat):
    item = start(chat, "/quiz provider")
    assert chat.mode == "quiz"
    seen = 0
    while True:
        blocks = chat.handle(correct_letter(item))
        seen += 1
        assert blocks[0].feedback.status == "correct"
        if isinstance(blocks[-1], s.ShowSummary):
            break
        item = blocks[-1].item
    summary = blocks[-1].summary
    assert summary.correct == summary.asked == seen
    assert chat.quiz is None and chat.mode == "question"
    assert (chat.stats.quiz_correct, chat.stats.quiz_asked) == (seen, seen)
    # The chat resumes: the next line is a question again.
    assert answer_line(chat, "does botox hurt?").intent == "side-effects.pain"


@pytest.mark.parametrize("line, topic", [
    ("quiz me on side effects", "side-effects"),
    ("quiz me about the injector", "provider"),
    ("can you test me on bruising", "side-effects"),
    ("/quiz bruising", "side-effects"),
    ("/quiz injector", "provider"),
    ("/quiz Side effects", "side-effects"),
])
def test_a_quiz_on_the_topic_named(chat, kb, line, topic):
    blocks = chat.handle(line)
    assert kinds(blocks) == ["ShowQuizStart", "ShowQuizQuestion"]  # the start stands in for the "quiz" reply
    assert blocks[0].titles == (kb.intent(topic).title,) and blocks[0].whole is None
    assert topic in blocks[1].item.question.intents
    assert blocks[0].total == sum(topic in q.intents for q in kb.quiz)


def test_slash_quiz_is_the_full_quiz(chat, kb):
    start_block, question = chat.handle("/quiz")
    assert start_block.titles == () and start_block.total == len(kb.quiz) and start_block.whole is None


@pytest.mark.parametrize("line", ["quiz me", "can you test my knowledge"])
def test_quiz_me_is_a_short_quiz_across_the_topics(chat, kb, line):
    start_block, question = chat.handle(line)
    assert start_block.titles == () and start_block.total == SHORT_QUIZ < len(kb.quiz)
    assert start_block.whole == len(kb.quiz)  # so the chat can say how to get the whole quiz
    asked = [question.item.question]
    while True:
        blocks = chat.handle("skip")
        if isinstance(blocks[-1], s.ShowSummary):
            break
        asked.append(blocks[-1].item.question)
    assert len(asked) == SHORT_QUIZ
    assert len({q.intents[0] for q in asked}) == SHORT_QUIZ  # one question a topic, round-robin


def test_quiz_all_asks_every_question(chat, kb):
    start_block, _ = chat.handle("/quiz all")
    assert (start_block.titles, start_block.total, start_block.whole) == ((), len(kb.quiz), None)


def test_quiz_lines_are_answers_with_skip_and_quit(chat):
    start(chat, "/quiz")
    assert chat.handle("skip")[0].feedback.status == "skipped"
    assert chat.handle("banana")[0].feedback.status == "unclear"
    assert chat.mode == "quiz"
    blocks = chat.handle("quit")  # "quit" ends the quiz, not the chat
    assert kinds(blocks) == ["ShowFeedback", "ShowSummary"]
    assert blocks[1].summary.skipped == 1 and blocks[1].ended == "quit"
    assert not chat.done and chat.quiz is None


def test_the_end_of_input_in_a_quiz_gives_the_score_so_far_then_goodbye(chat):
    start(chat, "/quiz")
    chat.handle("skip")
    blocks = chat.end()
    assert kinds(blocks) == ["ShowSummary", "Goodbye"]
    assert (blocks[0].ended, blocks[0].summary.asked, blocks[0].summary.skipped) == ("eof", 1, 1)
    assert chat.done and chat.quiz is None


def test_quit_command_in_a_quiz_gives_the_score_so_far(chat):
    start(chat, "/quiz")
    blocks = chat.handle("/quit")
    assert kinds(blocks) == ["ShowSummary", "Goodbye"] and blocks[0].ended == "quit"


def test_the_end_of_input_without_a_quiz_is_only_goodbye(chat):
    assert kinds(chat.end()) == ["Goodbye"]
    assert ChatSession(chat.assistant).end(goodbye=False) == []


def test_the_end_of_a_pipe_in_a_quiz_gives_the_score_without_goodbye(chat):
    start(chat, "/quiz")
    assert kinds(chat.end(goodbye=False)) == ["ShowSummary"]
    assert not chat.done


def test_slash_commands_still_work_during_a_quiz(chat):
    start(chat, "/quiz")
    assert kinds(chat.handle("/help")) == ["ShowHelp"]
    (block,) = chat.handle("/quiz")
    assert "already running" in block.text
    assert chat.mode == "quiz"


def test_an_urgent_line_during_a_quiz_stops_it(chat):
    start(chat, "/quiz")
    blocks = chat.handle(URGENT)
    assert replies(blocks)[0].kind == "urgent"
    assert isinstance(blocks[0], s.ShowReply)  # urgent first
    assert chat.quiz is None


def test_a_contact_doctor_symptom_during_a_quiz_stops_it_too(chat):
    start(chat, "/quiz")
    blocks = chat.handle("my eyelid has been drooping since my botox last week")
    assert (replies(blocks)[0].kind, replies(blocks)[0].urgency) == ("urgent", "contact-doctor")
    assert chat.quiz is None and any(isinstance(b, s.Message) and "quiz has stopped" in b.text for b in blocks)


@pytest.mark.parametrize("name, topic", [("side-effects", "side-effects"), ("Side effects", "side-effects"),
                                         ("side efects", "side-effects"), ("botox", "botox"),
                                         ("bruising", "side-effects"), ("injector", "provider"),
                                         ("the injector", "provider"), ("the side effects please", "side-effects"),
                                         ("who injects", "provider"), ("how it works", "botox.how-it-works")])
def test_quiz_topics_are_resolved_forgivingly(chat, name, topic):
    assert chat.resolve_topic(name) == topic


@pytest.mark.parametrize("name", ["astrology", "how long botox lasts", "it", "hello"])
def test_names_of_no_quiz_topic(chat, name):
    assert chat.resolve_topic(name) is None


def test_an_unknown_quiz_topic_lists_the_topics(chat):
    (block,) = chat.handle("/quiz astrology")
    assert block.style == "error" and "'astrology'" in block.text
    assert all(topic in block.text for topic in chat.quiz_topics)
    assert chat.quiz is None


# -- quiz offers after answers ---------------------------------------------------------------
ANSWERS = ["does botox hurt?", "what is botox?", "who should give the injections?", "how does botox work?",
           "do i need a consultation?", "can botox fix an uneven face?"]


def offers_in(chat, lines):
    found = []
    for n, line in enumerate(lines):
        blocks = chat.handle(line)
        if any(isinstance(b, s.ShowQuizOffer) for b in blocks):
            found.append(n)
            chat.handle("no")
    return found


def test_offers_come_at_most_every_third_answer(offering):
    assert offers_in(offering, ANSWERS) == [2, 5]


def test_offers_are_deterministic_given_a_seed(bot):
    runs = [offers_in(ChatSession(bot, seed=seed, offer_chance=0.5), ANSWERS * 3) for seed in (7, 7, 8)]
    assert runs[0] == runs[1]
    assert all(b - a >= 3 for a, b in zip(runs[0], runs[0][1:]))


def test_offers_can_be_switched_off(chat):
    assert offers_in(chat, ANSWERS) == []


def test_no_offer_during_or_right_after_an_urgent_exchange(offering):
    offering.handle(ANSWERS[0])
    offering.handle(ANSWERS[1])
    assert offers_in(offering, [URGENT, ANSWERS[2], ANSWERS[3]]) == []


def test_yes_to_an_offer_asks_one_question_then_the_chat_resumes(offering):
    for line in ANSWERS[:3]:
        blocks = offering.handle(line)
    assert isinstance(blocks[-1], s.ShowQuizOffer)
    assert offering.mode == "offer"
    (question,) = offering.handle("y")
    assert isinstance(question, s.ShowQuizQuestion) and question.check
    assert set(question.item.question.intents) & set(offering.topics_for("provider"))
    (feedback,) = offering.handle(correct_letter(question.item))
    assert feedback.feedback.status == "correct"
    assert offering.mode == "question" and offering.stats.quizzes == 0


def test_anything_but_yes_or_no_after_an_offer_is_a_question(offering):
    for line in ANSWERS[:3]:
        offering.handle(line)
    reply = answer_line(offering, "does botox hurt?")
    assert reply.intent == "side-effects.pain" and offering.pending_offer is None


def test_no_thanks_to_an_offer(offering):
    for line in ANSWERS[:3]:
        offering.handle(line)
    (block,) = offering.handle("No")
    assert "No problem" in block.text and offering.mode == "question"


def wrong_letter(item):
    right = correct_letter(item)
    return next(x for x in (item.letters or ("True", "False")) if x != right)


def test_second_tries_do_not_count_towards_the_score(chat):
    item = start(chat, "/quiz provider")
    answered_first = 0
    while not item.retry:
        blocks = chat.handle(wrong_letter(item) if answered_first == 0 else correct_letter(item))
        answered_first += 1
        item = blocks[-1].item if isinstance(blocks[-1], s.ShowQuizQuestion) else None
        assert item is not None, "a wrong answer comes back for another try"
    blocks = chat.handle(correct_letter(item))
    summary = blocks[-1].summary
    assert (summary.asked, summary.correct, summary.recovered) == (answered_first, answered_first - 1, 1)
    assert (chat.stats.quiz_asked, chat.stats.quiz_correct) == (answered_first, answered_first - 1)


def test_unclear_quiz_answers_carry_the_question(chat):
    item = start(chat, "/quiz provider")
    (block,) = chat.handle("banana")
    assert block.feedback.status == "unclear" and block.item == item


@pytest.mark.parametrize("said, starts", [("y", True), ("Yes please", True), ("sure!", True), ("no thanks", False),
                                          ("nah", False), ("not now", False)])
def test_short_yes_and_no_to_an_offer(offering, said, starts):
    for line in ANSWERS[:3]:
        offering.handle(line)
    blocks = offering.handle(said)
    assert (offering.mode == "check") is starts
    assert isinstance(blocks[0], s.ShowQuizQuestion if starts else s.Message)


def test_a_red_flag_after_an_offer_is_urgent_not_a_yes(offering):
    for line in ANSWERS[:3]:
        offering.handle(line)
    assert answer_line(offering, "yes cant breathe").kind == "urgent"
    assert offering.quiz is None and offering.pending_offer is None
