"""Shared fixtures: the bundled knowledge and one assistant built on it (both immutable).

The scripts in ``tools/`` that tests use (``packgen``, ``web_server``) are importable from here on."""

from __future__ import annotations

import gc
import importlib
import importlib.util
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
SHARED = TESTS.parent.parent / "shared"
sys.path.insert(0, str(TESTS.parent / "tools"))

from twins import AMBIGUOUS, write_twin_pack  # noqa: E402


def _import_unrewritten(*names: str) -> None:
    """Import libraries, if installed, with pytest's assertion rewriting off.

    pytest rewrites the asserts of every module of any distribution that ships a pytest plugin, so that
    a plugin's failures read well. Hypothesis and anyio (Starlette's) ship one, and as no bytecode is
    cached when PYTHONDONTWRITEBYTECODE is set, every pytest process (each xdist worker, and the main
    one, whose Hypothesis plugin imports it to write its summary) parsed and rewrote them again: about
    half a second each for Hypothesis. Their asserts check the libraries themselves, never our tests,
    so nothing is lost."""
    hooks = [finder for finder in sys.meta_path if type(finder).__name__ == "AssertionRewritingHook"]
    for hook in hooks:
        sys.meta_path.remove(hook)
    try:
        for name in names:
            if importlib.util.find_spec(name.partition(".")[0]) is not None:
                importlib.import_module(name)
    finally:
        sys.meta_path[:0] = hooks


@pytest.hookimpl(tryfirst=True)
def pytest_collection(session):
    # Before any test module is imported; in xdist's main process, once its workers are on their way.
    _import_unrewritten("hypothesis", "hypothesis.strategies", "anyio")


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    # The process ends next. With what the tests built frozen, the interpreter's last garbage collections
    # at exit skip it instead of walking all of it: each xdist worker, and then the main process, used to
    # take about a quarter of a second to end.
    gc.freeze()


# The tests that start processes of their own (a browser, a real server, the chat in a real terminal) take
# longest: they run first, so that the xdist workers are not left waiting at the end for one of them.
STARTS_PROCESSES = ("test_web_browser.py", "test_web_server.py", "test_chat_e2e.py")


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: item.path.name not in STARTS_PROCESSES)  # a stable sort: each file keeps its order


# The package is imported by the fixtures, not here: xdist's main process loads this file too, before it
# starts its workers, and needs none of it.
@pytest.fixture(scope="session")
def kb():
    from assistant import load_knowledge

    return load_knowledge()


@pytest.fixture(scope="session")
def bot(kb):
    from assistant import Assistant

    return Assistant(kb)


@pytest.fixture(scope="session")
def matcher(bot):
    return bot.matcher


@pytest.fixture(scope="session")
def twin_bot(tmp_path_factory):
    """An assistant over the twin pack: AMBIGUOUS always gets a list of two choices."""
    from assistant import Assistant, load_knowledge

    bot = Assistant(load_knowledge(write_twin_pack(tmp_path_factory.mktemp("twins"))))
    reply = bot.ask(AMBIGUOUS)
    assert reply.kind == "ambiguous" and [c.intent for c in reply.choices] in (["twin.one", "twin.two"],
                                                                               ["twin.two", "twin.one"])
    return bot
