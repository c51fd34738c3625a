"""Key bindings for the chat prompt (on top of prompt_toolkit's Emacs-style defaults).

Ctrl-C clears the line instead of raising KeyboardInterrupt (on an empty
line it calls ``on_empty_interrupt``, so the chat can say how to leave);
Ctrl-D on an empty line ends the chat (prompt_toolkit's default, turned into
a goodbye by the REPL); Ctrl-L clears the screen (default).
"""

from __future__ import annotations

from typing import Callable, Optional

from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent

__all__ = ["chat_key_bindings"]


def chat_key_bindings(on_empty_interrupt: Optional[Callable[[], None]] = None) -> KeyBindings:
    """The chat's extra key bindings."""
    bindings = KeyBindings()

    @bindings.add("c-c")
    def _clear_line(event: KeyPressEvent) -> None:
        buffer = event.current_buffer
        if not buffer.text and on_empty_interrupt is not None:
            on_empty_interrupt()
        buffer.reset()

    return bindings
