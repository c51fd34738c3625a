"""Shared fixtures: the bundled knowledge and one assistant built on it (both immutable)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant, load_knowledge

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
SHARED = TESTS.parent.parent / "shared"


@pytest.fixture(scope="session")
def kb():
    return load_knowledge()


@pytest.fixture(scope="session")
def bot(kb):
    return Assistant(kb)


@pytest.fixture(scope="session")
def matcher(bot):
    return bot.matcher
