"""Shared fixtures: the bundled knowledge and one assistant built on it (both immutable).

The scripts in ``tools/`` that tests use (``packgen``, ``web_server``) are importable from here on."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from assistant import Assistant, load_knowledge

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
SHARED = TESTS.parent.parent / "shared"
sys.path.insert(0, str(TESTS.parent / "tools"))


@pytest.fixture(scope="session")
def kb():
    return load_knowledge()


@pytest.fixture(scope="session")
def bot(kb):
    return Assistant(kb)


@pytest.fixture(scope="session")
def matcher(bot):
    return bot.matcher
