"""The REPL driven through prompt_toolkit's pipe input and a dummy output, and the pipe mode."""

from __future__ import annotations

import io

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from assistant.chat import session as s
from assistant.chat.history import MemoryHistory, PrivateFileHistory
from assistant.chat.repl import Repl
from assistant.chat.run import run_chat, run_pipe
from assistant.chat.session import ChatSession
from assistant.chat.toolbar import toolbar_fragments
from twins import AMBIGUOUS

CTRL_C, CTRL_D, ENTER, UP = "\x03", "\x04", "\r", "\x1b[A"


def run(bot, keys, *, history=None, setup=None, **options):
    chat = ChatSession(bot, seed=1, offers=False)
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        repl = Repl(chat, history=history, input=pipe, output=DummyOutput(), **options)
        if setup is not None:
            setup(repl, pipe)
        status = repl.run()
    return status, repl


def shown_replies(repl):
    return [b.reply for b in repl.shown if isinstance(b, s.ShowReply)]


def test_welcome_answer_and_goodbye_on_ctrl_d(bot):
    status, repl = run(bot, "does botox hurt?" + ENTER + CTRL_D)
    assert status == 0
    assert isinstance(repl.shown[0], s.ShowWelcome)
    assert [r.intent for r in shown_replies(repl)] == ["side-effects.pain"]
    assert isinstance(repl.shown[-1], s.Goodbye)
    assert repl.chat.done


@pytest.mark.parametrize("leave", ["/quit" + ENTER, "exit" + ENTER, "quit" + ENTER])
def test_leaving_by_command(bot, leave):
    _, repl = run(bot, leave)
    assert isinstance(repl.shown[-1], s.Goodbye)


def test_context_flows_between_questions(bot):
    _, repl = run(bot, "does botox hurt?" + ENTER + "what about swelling?" + ENTER + CTRL_D)
    first, second = shown_replies(repl)
    assert second == bot.ask("what about swelling?", context=first.context)
    assert repl.chat.context.turns == 2


def test_ctrl_c_clears_the_line_and_the_chat_goes_on(bot):
    _, repl = run(bot, "half a quest" + CTRL_C + "does botox hurt?" + ENTER + CTRL_D)
    assert [r.question for r in shown_replies(repl)] == ["does botox hurt?"]


def test_lines_go_into_the_history(bot):
    history = MemoryHistory()
    run(bot, "does botox hurt?" + ENTER + "/why" + ENTER + CTRL_D, history=history)
    assert history.get_strings() == ["does botox hurt?", "/why"]


def test_ctrl_c_on_an_empty_line_says_how_to_leave(bot, monkeypatch):
    reported = []
    monkeypatch.setattr(Repl, "report", lambda self, message, style="error": reported.append((style, message)))
    _, repl = run(bot, CTRL_C + CTRL_D)
    assert reported == [("hint", "Ctrl-C clears the line. To leave, press Ctrl-D or type /quit.")]
    assert repl.chat.done


def test_up_arrow_recalls_an_earlier_question(bot):
    history = MemoryHistory(["does botox hurt?"])
    _, repl = run(bot, UP + ENTER + CTRL_D, history=history)
    assert [r.question for r in shown_replies(repl)] == ["does botox hurt?"]


def test_forget_clears_the_history_and_the_context(bot, tmp_path):
    history = PrivateFileHistory(tmp_path / "history")
    _, repl = run(bot, "does botox hurt?" + ENTER + "/forget" + ENTER + CTRL_D, history=history)
    assert not (tmp_path / "history").exists()
    assert history.get_strings() == []
    assert repl.chat.context.topic is None
    notes = [b.text for b in repl.shown if isinstance(b, s.Message)]
    assert any(str(tmp_path / "history") in n for n in notes)


# Escape sequences typed or pasted without bracketed paste: colour codes read as mouse reports,
# and a typical mouse report with a button byte that means nothing.
GARBAGE = ["hello \x1b[31m", "\x1b[<1;2M", "\x1b[M!!!", "\x1b[1;2;3;4m", "\x1b[Mzzz"]


@pytest.fixture
def no_press_enter(monkeypatch):
    """prompt_toolkit's own handler for errors waits for Enter, which a pipe never sends: record it instead."""
    waited = []

    async def record(*args, **kwargs):
        waited.append(args)

    monkeypatch.setattr("prompt_toolkit.application.application._do_wait_for_enter", record)
    return waited


@pytest.mark.parametrize("garbage", GARBAGE)
def test_escape_sequences_that_look_like_the_mouse_are_ignored(bot, monkeypatch, no_press_enter, garbage):
    reported = []
    monkeypatch.setattr(Repl, "report", lambda self, message, style="error": reported.append(message))
    # The input ends after these keys: if the garbage broke the prompt, the test fails instead of waiting forever.
    _, repl = run(bot, garbage + CTRL_C + "does botox hurt?" + ENTER + CTRL_D, setup=lambda repl, pipe: pipe.close())
    assert no_press_enter == [] and not [m for m in reported if "wrong" in m]
    assert [r.intent for r in shown_replies(repl)] == ["side-effects.pain"]


def test_a_bug_in_a_key_handler_is_one_line_and_the_chat_goes_on(bot, monkeypatch, no_press_enter):
    reported = []
    monkeypatch.setattr(Repl, "report", lambda self, message, style="error": reported.append(message))

    def add_broken_key(repl, pipe):
        @repl.session.key_bindings.add("c-t")
        def _broken(event):
            # prompt_toolkit drops the keys read with the one that failed: type on afterwards, as a person would.
            pipe.send_text("does botox hurt?" + ENTER + CTRL_D)
            raise ValueError("not enough values to unpack")

    _, repl = run(bot, "\x14", setup=add_broken_key)
    assert no_press_enter == []
    assert [r.intent for r in shown_replies(repl)] == ["side-effects.pain"]
    (message,) = reported
    assert "ValueError: not enough values to unpack" in message and "\n" not in message


def test_ctrl_d_in_a_quiz_shows_the_score_so_far_then_goodbye(bot):
    _, repl = run(bot, "/quiz" + ENTER + "skip" + ENTER + CTRL_D)
    summary, goodbye = list(repl.shown)[-2:]
    assert isinstance(summary, s.ShowSummary) and isinstance(goodbye, s.Goodbye)
    assert (summary.ended, summary.summary.asked) == ("eof", 1)


def test_a_quiz_runs_inside_the_chat(bot):
    _, repl = run(bot, "/quiz provider" + ENTER + "skip" + ENTER + "quit" + ENTER + "does botox hurt?" + ENTER + CTRL_D)
    kinds = [type(b).__name__ for b in repl.shown]
    assert "ShowQuizStart" in kinds and "ShowSummary" in kinds
    assert shown_replies(repl)[-1].intent == "side-effects.pain"


def test_a_rendering_bug_prints_one_line_and_the_chat_goes_on(bot, monkeypatch):
    from assistant.chat.render import Renderer

    def broken(self, block, width):
        raise RuntimeError("boom")

    monkeypatch.setattr(Renderer, "formatted", broken)
    reported = []
    monkeypatch.setattr(Repl, "report", lambda self, message, style="error": reported.append(message))
    _, repl = run(bot, "does botox hurt?" + ENTER + CTRL_D)
    assert repl.chat.done
    assert reported and all("boom" in m and "\n" not in m for m in reported)


def test_a_bug_while_answering_is_one_line(bot, monkeypatch):
    original = ChatSession.handle

    def flaky(self, line):
        if line == "break it":
            raise ValueError("bad")
        return original(self, line)

    monkeypatch.setattr(ChatSession, "handle", flaky)
    _, repl = run(bot, "break it" + ENTER + "does botox hurt?" + ENTER + CTRL_D)
    (message,) = [b for b in repl.shown if isinstance(b, s.Message)]
    assert message.style == "error" and "ValueError: bad" in message.text and "\n" not in message.text
    assert shown_replies(repl)[0].intent == "side-effects.pain"


@pytest.mark.parametrize("no_color", [False, True])
def test_no_color_runs(bot, no_color):
    _, repl = run(bot, "does botox hurt?" + ENTER + CTRL_D, no_color=no_color)
    assert shown_replies(repl)


def test_clear_screen(bot):
    _, repl = run(bot, "/clear" + ENTER + CTRL_D)
    assert any(isinstance(b, s.ClearScreen) for b in repl.shown)


# -- the toolbar ---------------------------------------------------------------------------------
def toolbar_text(chat, columns):
    return "".join(text for _, text in toolbar_fragments(chat, columns))


def test_toolbar_shows_the_topic_and_keys(bot):
    chat = ChatSession(bot, offers=False)
    assert "/help" in toolbar_text(chat, 80) and "Ctrl-D" in toolbar_text(chat, 80)
    chat.handle("does botox hurt?")
    assert "Topic: Pain from the injections" in toolbar_text(chat, 80)


def test_toolbar_shows_the_quiz_score(bot):
    chat = ChatSession(bot, seed=2, offers=False)
    chat.handle("/quiz provider")
    chat.handle("skip")
    assert "Quiz: 0/1 right" in toolbar_text(chat, 100)


@pytest.mark.parametrize("columns", [10, 40, 60, 100, 300])
def test_toolbar_fits_any_width(bot, columns):
    chat = ChatSession(bot, seed=2, offers=False)
    chat.handle("does botox hurt?")
    chat.handle("/quiz provider")
    assert len(toolbar_text(chat, columns)) <= columns


# -- pipe mode -----------------------------------------------------------------------------------
def pipe(bot, text, **options):
    out = io.StringIO()
    status = run_chat(bot, out=out, stdin=io.BytesIO(text.encode("utf-8")), **options)
    return status, out.getvalue()


def test_pipe_mode_answers_plainly(bot):
    status, text = pipe(bot, "does botox hurt?\n/why\n")
    assert status == 0
    assert "\x1b" not in text
    assert "> does botox hurt?\nPain from the injections\n" in text
    assert "Rule: " in text


def test_pipe_mode_follows_context_and_choices(twin_bot):
    listed = twin_bot.ask(AMBIGUOUS)
    _, text = pipe(twin_bot, f"{AMBIGUOUS}\n1\n")
    assert f"  1. {listed.choices[0].ask}" in text
    assert twin_bot.choose(listed, 1).title in text.split("> 1\n", 1)[1]


def test_pipe_mode_prints_the_score_so_far_when_the_input_ends_in_a_quiz(bot):
    status, text = pipe(bot, "quiz me\nskip\n")
    assert status == 0
    assert text.rstrip().endswith("Back to questions: ask me anything.")
    assert "End of input after 1 of 5 questions.\nScore so far: 0/1 (0%)" in text
    assert "Goodbye" not in text  # the end of a pipe is quiet, as without a quiz


def test_pipe_mode_stops_at_quit_and_ignores_the_rest(bot):
    _, text = pipe(bot, "/quit\ndoes botox hurt?\n")
    assert "Goodbye" in text and "Pain from the injections" not in text


def test_pipe_mode_never_echoes_escape_codes(bot):
    _, text = pipe(bot, "\x1b[31mdoes botox hurt?\x07\n")
    assert "\x1b" not in text and "\x07" not in text


def test_pipe_mode_survives_bad_utf8_and_blank_lines(bot):
    out = io.StringIO()
    assert run_chat(bot, out=out, stdin=io.BytesIO(b"\n\xff\xfe botox?\n\n")) == 0
    assert "\ufffd" in out.getvalue()


def test_pipe_mode_makes_no_quiz_offers(bot):
    lines = ["does botox hurt?", "what is botox?", "who should give the injections?"] * 3
    chat = ChatSession(bot, seed=1, offer_chance=1.0, offers=False)
    out = io.StringIO()
    run_pipe(chat, lines, out)
    assert "(y/n)" not in out.getvalue()


def test_pipe_mode_forget_deletes_the_history_file(bot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    path = tmp_path / "botox-faq" / "history"
    path.parent.mkdir()
    path.write_text("+does botox hurt?\n")
    _, text = pipe(bot, "/forget\n")
    assert not path.exists()
    assert f"Deleted the history file {path}." in text
