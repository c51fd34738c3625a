"""Where the chat's input history lives, and how it is kept private.

Health questions are private, so by default nothing is written to disk: the
history is in memory for one chat. With ``--history`` (or BOTOX_FAQ_HISTORY=1)
it is kept in ``$XDG_STATE_HOME/botox-faq/history`` (default
``~/.local/state/botox-faq/history``), a file only you can read (mode 0600,
in a directory mode 0700). ``/forget`` deletes it.

>>> history_path({"XDG_STATE_HOME": "/tmp/state"}).as_posix()
'/tmp/state/botox-faq/history'
>>> wants_history(False, {"BOTOX_FAQ_HISTORY": "1"}), wants_history(False, {})
(True, False)
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping, Union

from prompt_toolkit.history import FileHistory, InMemoryHistory

__all__ = ["ChatHistory", "MemoryHistory", "PrivateFileHistory", "forget", "history_path", "make_history",
           "wants_history"]

APP_DIR = "botox-faq"
FILE_MODE = 0o600
DIR_MODE = 0o700


def history_path(environ: Mapping[str, str] | None = None) -> Path:
    """The persistent history file: ``$XDG_STATE_HOME/botox-faq/history`` or ``~/.local/state/botox-faq/history``."""
    env = os.environ if environ is None else environ
    state = env.get("XDG_STATE_HOME", "")
    # The XDG spec says a relative path is invalid and must be ignored.
    base = Path(state) if state and os.path.isabs(state) else Path(env.get("HOME") or Path.home()) / ".local" / "state"
    return base / APP_DIR / "history"


def wants_history(flag: bool, environ: Mapping[str, str] | None = None) -> bool:
    """True when ``--history`` was given or BOTOX_FAQ_HISTORY is set to something other than 0/false/no."""
    env = os.environ if environ is None else environ
    value = env.get("BOTOX_FAQ_HISTORY", "").strip().lower()
    return flag or value not in ("", "0", "false", "no", "off")


def _forget_loaded(history: Union[InMemoryHistory, FileHistory]) -> None:
    # prompt_toolkit has no public "clear": the buffer reloads these strings at each prompt.
    history._loaded_strings = []
    history._loaded = True


class MemoryHistory(InMemoryHistory):
    """The default: this chat's lines, in memory only."""

    def forget(self) -> None:
        """Drop every line."""
        self._storage.clear()
        _forget_loaded(self)


class PrivateFileHistory(FileHistory):
    """A history file created readable by its owner only (0600, directory 0700)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        super().__init__(str(self.path))
        self._ensure_private()

    def _ensure_private(self) -> None:
        self.path.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        os.chmod(self.path.parent, DIR_MODE)
        # Created with os.open so the mode holds from the first byte, whatever the umask.
        os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE))
        os.chmod(self.path, FILE_MODE)

    def store_string(self, string: str) -> None:
        if not self.path.exists():  # deleted by /forget (or by hand) since: create it private again
            self._ensure_private()
        super().store_string(string)

    def forget(self) -> None:
        """Delete the file and drop every line loaded from it."""
        self.path.unlink(missing_ok=True)
        _forget_loaded(self)


ChatHistory = Union[MemoryHistory, PrivateFileHistory]


def make_history(persistent: bool, path: Path | None = None) -> ChatHistory:
    """In-memory history, or the private history file when ``persistent``."""
    return PrivateFileHistory(path or history_path()) if persistent else MemoryHistory()


def forget(history: ChatHistory | None, path: Path | None = None) -> Path | None:
    """Forget the chat's history and delete the history file if there is one; returns the file deleted."""
    target = path or (history.path if isinstance(history, PrivateFileHistory) else history_path())
    existed = target.exists()
    if history is not None:
        history.forget()
    target.unlink(missing_ok=True)
    return target if existed else None
