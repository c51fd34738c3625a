"""The chat's entry point: the prompt_toolkit REPL on a terminal, plain lines in a pipe.

``echo "does botox hurt?" | botox-faq`` reads lines and prints plain answers
(no colours, no escape codes); slash commands work there too, and the end of
the input ends the chat quietly with status 0.
"""

from __future__ import annotations

import os
import shutil
import sys
from typing import IO, BinaryIO, Iterable, Mapping, Optional

from ..assistant import Assistant
from ..text import printable
from .history import forget, make_history, wants_history
from .render import Renderer, clamp_width
from .session import ChatSession, ClearScreen, ForgetHistory

__all__ = ["run_chat", "run_pipe"]


def _is_tty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def run_chat(
    assistant: Assistant,
    *,
    no_color: bool = False,
    history: bool = False,
    out: Optional[IO[str]] = None,
    stdin: Optional[BinaryIO] = None,
    seed: Optional[int] = None,
    environ: Optional[Mapping[str, str]] = None,
) -> int:
    """Chat in the terminal, or answer lines from a pipe; returns the exit status.

    The REPL runs only when both stdin and ``out`` are terminals. ``NO_COLOR``
    (set to anything) works like ``no_color``; ``history`` (or
    BOTOX_FAQ_HISTORY=1) keeps a private history file, see
    :func:`assistant.chat.history.history_path`.
    """
    out = out if out is not None else sys.stdout
    env = os.environ if environ is None else environ
    source = stdin if stdin is not None else sys.stdin.buffer
    if not (_is_tty(source) and _is_tty(out)):
        from ..cli import stdin_lines

        width = clamp_width(shutil.get_terminal_size((80, 24)).columns) if _is_tty(out) else 80
        return run_pipe(ChatSession(assistant, seed=seed, offers=False), stdin_lines(source), out, width=width)

    from prompt_toolkit.output import create_output

    from .repl import run_repl

    chat = ChatSession(assistant, seed=seed)
    return run_repl(chat, history=make_history(wants_history(history, env)),
                    no_color=no_color or bool(env.get("NO_COLOR")), output=create_output(stdout=out))


def run_pipe(chat: ChatSession, lines: Iterable[str], out: IO[str], *, width: int = 80) -> int:
    """Answer ``lines`` one by one as plain text: each typed line echoed after ``> ``, then the answer.

    Quiz offers are off (a script's next line is its next question); a quiz
    started on purpose reads its answers from the following lines.
    """
    renderer = Renderer(chat.knowledge)
    for line in lines:
        if not line.strip():
            continue
        out.write(f"> {printable(line)}\n")
        for block in chat.handle(line):
            if isinstance(block, ClearScreen):
                continue
            if isinstance(block, ForgetHistory):
                deleted = forget(None)
                if deleted is not None:
                    out.write(f"Deleted the history file {printable(str(deleted))}.\n\n")
                continue
            try:
                text = renderer.plain(block, width)
            except Exception as exc:  # noqa: BLE001 - a rendering bug must not end the chat
                text = f"Could not show that ({type(exc).__name__}: {exc}); carrying on."
            out.write(text + "\n\n")
        out.flush()
        if chat.done:
            break
    return 0
