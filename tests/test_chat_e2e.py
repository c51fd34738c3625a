"""End to end: the installed ``botox-faq`` in a real pseudo-terminal (stdlib only), and in a pipe."""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from inprocess import run_main

from twins import AMBIGUOUS, write_twin_pack

BIN = Path(sys.executable).parent / "botox-faq"
PROMPT = "> "  # every prompt ends so; keys are typed only once it shows, as a person would
DEADLINE = 10.0  # seconds for a whole conversation; nothing here waits longer
ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")

pytestmark = [
    pytest.mark.skipif(not BIN.exists(), reason=f"botox-faq is not installed next to {sys.executable}"),
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]


def screen_text(raw: str) -> str:
    """What a person reads: escape sequences and carriage returns gone."""
    return ANSI.sub("", raw).replace("\r", "")


def flat(text: str) -> str:
    return " ".join(text.split())


def clean_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "BOTOX_FAQ_HISTORY", "COLUMNS", "LINES")}
    env.update(TERM="xterm", HOME=str(tmp_path), XDG_STATE_HOME=str(tmp_path / "state"),
               # Nobody answers cursor-position requests in this fake terminal; a real one does.
               PROMPT_TOOLKIT_NO_CPR="1")
    return env


def _in_order(text: str, needles: list[str]) -> bool:
    position = 0
    for needle in needles:
        found = text.find(needle, position)
        if found < 0:
            return False
        position = found + len(needle)
    return True


class Terminal:
    """The program on the far side of a pseudo-terminal of ``columns`` x ``rows``."""

    def __init__(self, argv: list[str], env: dict[str, str], columns: int = 80, rows: int = 24):
        self.deadline = time.monotonic() + DEADLINE
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
                                     start_new_session=True)
        os.close(slave)
        self.fd = master
        self.raw = ""
        self.mark = 0  # where the text after the last ``expect`` starts

    def send(self, text: str) -> None:
        os.write(self.fd, text.encode("utf-8"))

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # the program ended and the pty closed
            return False
        self.raw += data.decode("utf-8", errors="replace")
        return bool(data)

    def expect(self, *needles: str) -> str:
        """Wait until the needles show on screen, in this order, after the last expectation; return that text."""
        while True:
            seen = screen_text(self.raw[self.mark:])
            if _in_order(flat(seen), [flat(n) for n in needles]):
                self.mark = len(self.raw)
                return seen
            left = self.deadline - time.monotonic()
            if left <= 0 or (not self._read(min(left, 0.5)) and self.proc.poll() is not None):
                raise AssertionError(f"never saw {needles!r}; screen ended with:\n{seen[-1500:]}")

    def wait(self) -> int:
        left = max(0.1, self.deadline - time.monotonic())
        end = time.monotonic() + left
        while self.proc.poll() is None and time.monotonic() < end:
            self._read(0.1)
        return self.proc.wait(timeout=0.5)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=5)
        os.close(self.fd)


@pytest.fixture
def terminal(tmp_path):
    started = []

    def start(*args: str, columns: int = 80, rows: int = 24) -> Terminal:
        term = Terminal([str(BIN), *args], clean_env(tmp_path), columns, rows)
        started.append(term)
        return term

    yield start
    for term in started:
        term.close()


def test_a_conversation_in_a_terminal(terminal, bot, kb, tmp_path):
    term = terminal()
    term.expect("/help", "not medical advice", PROMPT)

    term.send("does botox hurt?\r")
    term.expect("Pain from the injections", "You could also ask:", kb.pack.disclaimer_short, PROMPT)

    term.send("/why\r")
    term.expect("How I read", "Rule:", "Result: answer", PROMPT)

    term.send("half a line that never gets sent")
    term.send("\x03")  # Ctrl-C clears it ...
    term.send("/disclaimer\r")  # ... so this is a command, not the end of that question
    seen = term.expect(kb.pack.disclaimer, PROMPT)
    assert "never gets sent/disclaimer" not in flat(seen)

    term.send("\x04")  # Ctrl-D says goodbye
    term.expect("Goodbye")
    assert term.wait() == 0
    assert "Traceback" not in term.raw
    assert not (tmp_path / "state").exists()  # nothing written to disk without --history


def test_an_ambiguous_question_and_a_choice(terminal, twin_bot, tmp_path):
    """With a pack whose two intents can't be told apart, so there is always a list to pick from."""
    pack = write_twin_pack(tmp_path / "twins")
    listed = twin_bot.ask(AMBIGUOUS)
    term = terminal("--knowledge", str(pack))
    term.expect(PROMPT)
    term.send(AMBIGUOUS + "\r")
    term.expect(f"1. {listed.choices[0].ask}", f"2. {listed.choices[1].ask}", "Type a number", PROMPT)
    term.send("2\r")
    term.expect(twin_bot.choose(listed, 2).title, PROMPT)
    term.send("/why\r")
    term.expect("How I read", "Rule:", "chosen from the ambiguous reply", PROMPT)
    term.send("\x04")
    term.expect("Goodbye")
    assert term.wait() == 0


@pytest.mark.parametrize("columns", [80, 40])
def test_escape_sequences_typed_without_bracketed_paste(terminal, columns):
    """A colour code or a mouse-like report, typed raw, never ends in a traceback or "Press ENTER"."""
    term = terminal(columns=columns)
    term.expect(PROMPT)
    term.send("hello \x1b[31m")
    term.send("\x1b[<1;2M\x1b[M!!!\x1b[1;2;3;4m")
    term.send("\x15does botox hurt?\r")  # Ctrl-U: whatever is left on the line goes
    term.expect("Pain from the injections", PROMPT)
    term.send("/quit\r")
    term.expect("Goodbye")
    assert term.wait() == 0
    for bad in ("Traceback", "Unhandled exception", "Press ENTER", "not enough values"):
        assert bad not in term.raw


def test_ctrl_d_in_a_quiz_shows_the_score_so_far(terminal, kb):
    term = terminal()
    term.expect(PROMPT)
    term.send("quiz me\r")
    term.expect(kb.pack.disclaimer_short, "Quiz: 5 questions.", "/quiz asks all", "Question 1/5", "quiz> ")
    term.send("skip\r")
    term.expect("Skipped. The answer is", "Question 2/5", "quiz> ")
    term.send("\x04")
    term.expect("End of input after 1 of 5 questions.", "Score so far: 0/1 (0%)", "Goodbye")
    assert term.wait() == 0
    assert "Traceback" not in term.raw


def test_urgent_in_a_narrow_terminal(terminal):
    term = terminal("chat", columns=40)
    term.expect(PROMPT)
    term.send("my face is drooping and I can't swallow\r")
    seen = term.expect("URGENT:", "EMERGENCY", "emergency", PROMPT)
    assert "\x1b[" in term.raw  # coloured on a terminal
    term.send("/quit\r")
    term.expect("Goodbye")
    assert term.wait() == 0
    assert "Traceback" not in seen


def test_no_color_flag_and_history_file(terminal, tmp_path):
    term = terminal("--no-color", "--history")
    term.expect(PROMPT)
    term.send("what is botox?\r")
    term.expect("What Botox is", PROMPT)
    term.send("/quit\r")
    term.expect("Goodbye")
    assert term.wait() == 0
    assert not re.search(r"\x1b\[[0-9;]*3[0-9];|\x1b\[38;", term.raw)  # no foreground colours
    history = tmp_path / "state" / "botox-faq" / "history"
    assert history.stat().st_mode & 0o777 == 0o600
    assert "what is botox?" in history.read_text(encoding="utf-8")


def run_piped(text: str, tmp_path: Path, *args: str):
    """The chat with its input piped in: in this process (see tests/inprocess.py), no terminal needed."""
    return run_main(*args, stdin=text.encode("utf-8"), env=clean_env(tmp_path))


def test_pipe_mode(tmp_path):
    done = run_piped("does botox hurt?\n/why\n", tmp_path)
    out = done.stdout.decode("utf-8")
    assert done.returncode == 0, done.stderr
    assert b"\x1b" not in done.stdout
    assert "Pain from the injections" in out and "How I read" in out
    assert done.stderr == b""


def test_pipe_mode_with_a_pack_of_twins_lists_the_choices(tmp_path, twin_bot):
    listed = twin_bot.ask(AMBIGUOUS)
    done = run_piped(f"{AMBIGUOUS}\n1\n", tmp_path, "--knowledge", str(write_twin_pack(tmp_path / "twins")))
    out = done.stdout.decode("utf-8")
    assert done.returncode == 0, done.stderr
    assert f"  1. {listed.choices[0].ask}" in out and twin_bot.choose(listed, 1).title in out


def test_pipe_mode_ends_quietly_on_empty_input(tmp_path):
    done = run_piped("", tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")
