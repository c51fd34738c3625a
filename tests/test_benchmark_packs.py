"""Generated knowledge packs (tools/packgen.py, used by tools/benchmark.py) load and are answered well.

Nothing here is timed: speed is measured by ``python tools/benchmark.py``, never by a test.
"""

from __future__ import annotations

import packgen  # from tools/ (see conftest.py)
import pytest

from assistant import Assistant, load_knowledge


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    pack = packgen.generate(50, seed=3, queries=60)
    knowledge = load_knowledge(packgen.write_pack(tmp_path_factory.mktemp("pack"), pack))
    return pack, Assistant(knowledge)


def test_generator_is_deterministic_and_holds_questions_out():
    one, two = packgen.generate(50, seed=3, queries=60), packgen.generate(50, seed=3, queries=60)
    assert one == two
    assert one != packgen.generate(50, seed=4, queries=60)
    examples = {e for i in one.intents for e in i.examples}
    assert len(examples) == one.example_count == 500
    assert not examples & {q for q, _ in one.queries}
    assert sum(label == packgen.NONE for _, label in one.queries) == 6


def test_pack_loads_as_written(generated):
    pack, bot = generated
    assert [i.id for i in bot.knowledge.intents] == [i.id for i in pack.intents]
    assert all(i.source == (packgen.SOURCE,) and len(i.examples) == 10 for i in bot.knowledge.intents)
    assert bot.knowledge.source_label(bot.knowledge.intents[0]) == "Generated for the benchmark"


def test_held_out_paraphrases_get_the_right_intent(generated):
    pack, bot = generated
    answerable = [(q, label) for q, label in pack.queries if label != packgen.NONE]
    predicted = [(q, label, bot.ask(q).intent) for q, label in answerable]
    misses = [(q, label, got) for q, label, got in predicted if got != label]
    assert len(answerable) == 50
    assert 1 - len(misses) / len(answerable) >= 0.8, misses


def test_off_topic_questions_get_no_intent(generated):
    pack, bot = generated
    off_topic = [q for q, label in pack.queries if label == packgen.NONE]
    replies = [(q, bot.ask(q).intent) for q in off_topic]
    answered = [(q, got) for q, got in replies if got is not None]
    assert len(answered) <= len(off_topic) // 3, answered
