"""The chat's entry point: the prompt_toolkit REPL on a terminal, plain lines in a pipe.

``echo "does botox hurt?" | botox-faq`` reads lines and prints plain answers
(no colours, no escape codes); slash commands work there too, and the end of
the input ends the chat quietly with status 0 (after the score so far, if a
quiz was running).
"""

from __future__ import annotations

import os
import sys
from typing import IO, BinaryIO, Iterable, Mapping, Optional, TextIO, cast

from ..core import Assistant
from ..terminal import isatty, output_width, stdin_lines
from ..understanding.text import printable
from .history import forget, make_history, wants_history
from .render import Renderer
from .session import Block, ChatSession, ClearScreen, ForgetHistory

__all__ = ["run_chat", "run_pipe"]


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
    if not (isatty(source) and isatty(out)):

        chat = ChatSession(assistant, seed=seed, offers=False)
        return run_pipe(chat, stdin_lines(source), out, width=output_width(out))

    from prompt_toolkit.output import create_output

    from .repl import run_repl

    chat = ChatSession(assistant, seed=seed)
    return run_repl(chat, history=make_history(wants_history(history, env)),
                    no_color=no_color or bool(env.get("NO_COLOR")), output=create_output(stdout=cast(TextIO, out)))


def run_pipe(chat: ChatSession, lines: Iterable[str], out: IO[str], *, width: int = 80) -> int:
    """Answer ``lines`` one by one as plain text: each typed line echoed after ``> ``, then the answer.

    Quiz offers are off (a script's next line is its next question); a quiz
    started on purpose reads its answers from the following lines, and the
    end of the input in the middle of one prints the score so far.
    """
    renderer = Renderer(chat.knowledge, getattr(out, "encoding", None))

    def show(blocks: list[Block]) -> None:
        for block in blocks:
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

    for line in lines:
        if not line.strip():
            continue
        out.write(f"> {printable(line)}\n")
        show(chat.handle(line))
        if chat.done:
            return 0
    show(chat.end(goodbye=False))
    return 0
