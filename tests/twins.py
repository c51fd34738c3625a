"""A tiny pack whose bruising question is always ambiguous (a helper for the chat, web and browser tests;
the ``twin_bot`` fixture in conftest.py is built on it)."""

from __future__ import annotations

import textwrap
from pathlib import Path

# A tiny pack with two intents that nothing can tell apart, so a question about them is always
# ambiguous, however the matcher changes; and one other intent, for "anything else".
AMBIGUOUS = "does botox cause bruising"
TWIN_PACK = textwrap.dedent("""\
    pack:
      name: twins
      title: Botox for facial asymmetry
      disclaimer: General information from a test pack, not medical advice.
      disclaimer_short: Not medical advice.
      sources:
        p1: Test pack, paragraph 1
    intents:
      - id: twin.one
        title: Bruising, the first answer
        ask: Does Botox cause bruising (first answer)?
        source: [p1]
        answer: The first of two answers to the same question.
        examples: [does botox cause bruising]
      - id: twin.two
        title: Bruising, the second answer
        ask: Does Botox cause bruising (second answer)?
        source: [p1]
        answer: The second of two answers to the same question.
        examples: [does botox cause bruises]
      - id: provider
        title: Who injects
        ask: Who should give the injections?
        source: [p1]
        answer: A certified professional.
        examples: [who should give the injections]
    lexicon:
      concepts:
        botox: [botox]
        bruise: [bruise, bruises, bruising]
        injection: [injection, injections]
      anchors: [botox, injection]
      topical: [bruise]
    """)


def write_twin_pack(directory: Path) -> Path:
    """Write the twin pack into ``directory`` (for ``--knowledge``); returns the directory."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "pack.yaml").write_text(TWIN_PACK, encoding="utf-8")
    return directory
