"""Key bindings for the chat prompt (on top of prompt_toolkit's Emacs-style defaults).

Ctrl-C clears the line instead of raising KeyboardInterrupt (on an empty
line it calls ``on_empty_interrupt``, so the chat can say how to leave);
Ctrl-D on an empty line ends the chat (prompt_toolkit's default, turned into
a goodbye by the REPL); Ctrl-L clears the screen (default).

Mouse reports are ignored: the chat doesn't use the mouse, and
prompt_toolkit's own handler fails on look-alikes. A colour code typed or
pasted without bracketed paste (``ESC [ 3 1 m``) reads as a mouse report,
and its parser raises on it.
"""

from __future__ import annotations

from typing import Callable, Optional

from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.keys import Keys

__all__ = ["IGNORED_KEYS", "chat_key_bindings"]

# Sequences whose default handlers parse the bytes that came in, and can fail on garbage.
IGNORED_KEYS = (Keys.Vt100MouseEvent, Keys.WindowsMouseEvent)


def chat_key_bindings(on_empty_interrupt: Optional[Callable[[], None]] = None) -> KeyBindings:
    """The chat's extra key bindings."""
    bindings = KeyBindings()

    @bindings.add("c-c")
    def _clear_line(event: KeyPressEvent) -> None:
        buffer = event.current_buffer
        if not buffer.text and on_empty_interrupt is not None:
            on_empty_interrupt()
        buffer.reset()

    def _ignore(event: KeyPressEvent) -> object:
        return NotImplemented  # nothing changed: no need to redraw

    for key in IGNORED_KEYS:
        bindings.add(key)(_ignore)
    return bindings
