"""History: in memory by default; a private file only when asked; /forget deletes it."""

from __future__ import annotations

import stat

import pytest

from assistant.chat.history import (MemoryHistory, PrivateFileHistory, forget, history_path, make_history,
                                    wants_history)


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_the_path_follows_xdg_state_home(tmp_path):
    assert history_path({"XDG_STATE_HOME": str(tmp_path)}) == tmp_path / "botox-faq" / "history"


def test_the_default_path_is_under_local_state(tmp_path):
    assert history_path({"HOME": str(tmp_path)}) == tmp_path / ".local" / "state" / "botox-faq" / "history"
    assert history_path({"HOME": str(tmp_path), "XDG_STATE_HOME": "relative/dir"}).is_relative_to(tmp_path)


@pytest.mark.parametrize("flag, env, expected", [
    (False, {}, False), (True, {}, True), (False, {"BOTOX_FAQ_HISTORY": "1"}, True),
    (False, {"BOTOX_FAQ_HISTORY": "0"}, False), (False, {"BOTOX_FAQ_HISTORY": ""}, False),
    (False, {"BOTOX_FAQ_HISTORY": "yes"}, True),
])
def test_history_is_off_unless_asked(flag, env, expected):
    assert wants_history(flag, env) is expected


def test_by_default_nothing_touches_the_disk(tmp_path):
    history = make_history(False, tmp_path / "h" / "history")
    history.append_string("does botox hurt?")
    assert isinstance(history, MemoryHistory)
    assert not (tmp_path / "h").exists()
    assert history.get_strings() == ["does botox hurt?"]


def test_the_history_file_is_private(tmp_path):
    path = tmp_path / "state" / "botox-faq" / "history"
    history = make_history(True, path)
    assert isinstance(history, PrivateFileHistory)
    history.append_string("is it painful?")
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    assert "is it painful?" in path.read_text(encoding="utf-8")
    assert list(PrivateFileHistory(path).load_history_strings()) == ["is it painful?"]


def test_forget_deletes_the_file_and_the_memory(tmp_path):
    path = tmp_path / "history"
    history = PrivateFileHistory(path)
    history.append_string("my question")
    assert forget(history) == path
    assert not path.exists()
    assert history.get_strings() == []
    history.append_string("after forgetting")  # recreated, private again
    assert mode(path) == 0o600


def test_forget_in_memory(tmp_path):
    history = MemoryHistory()
    history.append_string("one")
    assert forget(history, tmp_path / "none") is None
    assert history.get_strings() == [] and list(history.load_history_strings()) == []


def test_forget_without_a_history_still_deletes_an_old_file(tmp_path):
    path = tmp_path / "history"
    path.write_text("+old\n")
    assert forget(None, path) == path and not path.exists()
