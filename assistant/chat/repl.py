"""The interactive loop: read a line with prompt_toolkit, let the session answer, show the blocks.

Everything else lives elsewhere (session, render, completer, toolbar, keys,
history); this module only wires them together and keeps the loop alive:
Ctrl-C clears the line, Ctrl-D says goodbye (after the score so far, in a
quiz), and a bug while answering, drawing, completing or handling a key
prints one line and the chat goes on.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Any, Deque, Optional

from prompt_toolkit import PromptSession
from prompt_toolkit.application import get_app_or_none, run_in_terminal
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.filters import Condition
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.input import Input
from prompt_toolkit.output import ColorDepth, Output
from prompt_toolkit.shortcuts import print_formatted_text

from ..terminal import clamp_width
from ..understanding.text import printable
from .completer import ChatCompleter
from .history import ChatHistory, MemoryHistory, forget
from .keys import chat_key_bindings
from .render import Renderer, chat_style
from .session import Block, ChatSession, ClearScreen, ForgetHistory, Message
from .toolbar import create_toolbar_tokens_func

__all__ = ["Repl", "run_repl"]

# The prompt says what a line will be taken as when that's not a question (a choice needs no
# prompt of its own: a number picks, and anything else is a new question).
_PROMPTS = {"offer": "y/n> ", "quiz": "quiz> ", "check": "quiz> "}


class Repl:
    """One interactive chat on a terminal (or on ``input``/``output`` given for tests).

    ``shown`` keeps the last blocks shown, so tests can check what was said
    without reading escape codes.
    """

    def __init__(
        self,
        chat: ChatSession,
        *,
        history: Optional[ChatHistory] = None,
        no_color: bool = False,
        input: Optional[Input] = None,  # noqa: A002 - prompt_toolkit's own name
        output: Optional[Output] = None,
    ):
        self.chat = chat
        self.history = history if history is not None else MemoryHistory()
        self.style = chat_style(no_color)
        self.color_depth = ColorDepth.DEPTH_1_BIT if no_color else None
        self.shown: Deque[Block] = deque(maxlen=200)
        self.session: PromptSession[str] = PromptSession(
            message=self._message,
            history=self.history,
            auto_suggest=AutoSuggestFromHistory(),
            completer=ChatCompleter(chat.knowledge, on_error=self.report),
            # Commands pop up as you type; questions wait for Tab (the grey history suggestion is enough).
            complete_while_typing=Condition(lambda: self.session.default_buffer.text.lstrip().startswith("/")),
            bottom_toolbar=create_toolbar_tokens_func(chat, on_error=self.report),
            key_bindings=chat_key_bindings(on_empty_interrupt=lambda: self.report(
                "Ctrl-C clears the line. To leave, press Ctrl-D or type /quit.", "hint")),
            style=self.style,
            include_default_pygments_style=False,
            color_depth=self.color_depth,
            reserve_space_for_menu=6,
            input=input,
            output=output,
        )
        self.renderer = Renderer(chat.knowledge, self.output.encoding())

    @property
    def output(self) -> Output:
        return self.session.output

    def _message(self) -> FormattedText:
        return FormattedText([("class:prompt", _PROMPTS.get(self.chat.mode, "> "))])

    def width(self) -> int:
        """The wrapping width for the window as it is now."""
        return clamp_width(self.output.get_size().columns)

    # -- showing ---------------------------------------------------------------------------------
    def print(self, fragments: FormattedText) -> None:
        print_formatted_text(fragments, style=self.style, output=self.output, color_depth=self.color_depth,
                             include_default_pygments_style=False)

    def report(self, message: str, style: str = "error") -> None:
        """One line about something that went wrong; safe to call while the prompt is on screen."""
        line = FormattedText([(f"class:{style}", message)])
        app = get_app_or_none()
        if app is not None and app.is_running:
            run_in_terminal(lambda: self.print(line))
        else:
            self.print(line)

    def _on_loop_error(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        """An error in a key handler or a background task: one line, and the prompt carries on.

        Installed in place of prompt_toolkit's handler, which prints a traceback
        and waits for Enter.
        """
        error = context.get("exception")
        what = f"{type(error).__name__}: {error}" if error is not None else context.get("message", "unknown")
        self.report(f"Something went wrong with that input ({printable(str(what), 160)}); carrying on.")

    def _catch_loop_errors(self) -> None:
        asyncio.get_running_loop().set_exception_handler(self._on_loop_error)

    def show(self, blocks: list[Block]) -> None:
        for block in blocks:
            self.shown.append(block)
            if isinstance(block, ClearScreen):
                self.output.erase_screen()
                self.output.cursor_goto(0, 0)
                self.output.flush()
                continue
            if isinstance(block, ForgetHistory):
                deleted = forget(self.history)
                self.session.default_buffer.reset()
                if deleted is not None:
                    self.show([Message(f"Deleted the history file {printable(str(deleted))}.", "hint")])
                continue
            try:
                fragments = self.renderer.formatted(block, self.width())
            except Exception as exc:  # noqa: BLE001 - a rendering bug must not end the chat
                self.report(f"Could not show that ({type(exc).__name__}: {exc}); carrying on.")
                continue
            self.print(fragments)  # blocks end with a newline, so print's own leaves a blank line

    # -- the loop --------------------------------------------------------------------------------
    def run(self) -> int:
        """Chat until /quit, exit or Ctrl-D; returns the exit status (0)."""
        self.show(self.chat.welcome())
        while not self.chat.done:
            try:
                # Each prompt runs its own event loop; _catch_loop_errors is called inside it.
                line = self.session.prompt(set_exception_handler=False, pre_run=self._catch_loop_errors)
            except KeyboardInterrupt:  # Ctrl-C is bound to clear the line; this is a fallback
                continue
            except EOFError:
                self.show(self.chat.end())
                break
            try:
                blocks = self.chat.handle(line)
            except KeyboardInterrupt:
                blocks = [Message("Interrupted.", "hint")]
            except Exception as exc:  # noqa: BLE001 - a bug answering one line must not end the chat
                blocks = [Message(f"Something went wrong with that ({type(exc).__name__}: {exc}); "
                                  "try asking another way.", "error")]
            self.show(blocks)
        return 0


def run_repl(chat: ChatSession, *, history: Optional[ChatHistory] = None, no_color: bool = False,
             input: Optional[Input] = None, output: Optional[Output] = None) -> int:  # noqa: A002
    """Run the interactive chat; returns the exit status."""
    return Repl(chat, history=history, no_color=no_color, input=input, output=output).run()
