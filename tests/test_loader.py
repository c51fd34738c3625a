"""Broken knowledge packs: every problem names the file, the line and what is wrong; the
library raises one typed exception, the command line prints one line and exits 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from inprocess import run_main

from assistant import KnowledgeError, load_knowledge
from assistant.knowledge.loader import read_pack
from assistant.validation import validate_pack

GOOD = """\
pack:
  sources:
    g1: "Guide paragraph 1"
intents:
  - id: provider
    answer: Choose a certified professional.
    source: [g1]
    examples:
      - who should inject botox
      - how do i choose an injector
  - id: side-effects
    answer: Bruising, swelling and pain.
    source: [g1]
    follow_up: [provider]
    examples:
      - does botox cause bruising
quiz:
  - id: q1
    intents: [provider]
    kind: choice
    question: Who should inject?
    options: [A certified professional, Anyone, A friend]
    answer: A certified professional
    explanation: The guide says so.
"""


def pack(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def problems(path: Path) -> list[str]:
    return [str(p) for p in read_pack(path)[1] if p.level == "error"]


def test_a_good_pack_loads(tmp_path):
    kb = load_knowledge(pack(tmp_path, GOOD))
    assert [i.id for i in kb.intents] == ["provider", "side-effects"]
    assert kb.quiz[0].answer == "A certified professional"


@pytest.mark.parametrize("old, new, expected", [
    ("    answer: Choose a certified professional.\n", "", "pack.yaml:5:5: intent 'provider' has no answer"),
    ("    answer: Choose a certified professional.\n", "    answer: ''\n", "pack.yaml:6:13: intent 'provider' answer is empty"),
    ("    answer: Choose a certified professional.\n", "    answer: [a, list]\n", "pack.yaml:6:13: intent 'provider' answer should be a single value, not a list"),
    ("    answer: Choose a certified professional.\n", "    answer: 42\n", "pack.yaml:6:13: intent 'provider' answer should be text, not int 42"),
    ("  - id: side-effects\n", "  - id: provider\n", "pack.yaml:11:5: intent 'provider' is defined twice (first at line 5)"),
    ("      - does botox cause bruising\n", "      - Who should inject Botox?\n", "pack.yaml:16:9: example 'Who should inject Botox?' of 'side-effects' also belongs to 'provider'"),
    # Folded as the matcher folds them: accents, curly quotes and underscores don't make another question.
    ("      - does botox cause bruising\n", "      - WHÓ should_inject ‘Botox’…\n", "pack.yaml:16:9: example 'WHÓ should_inject ‘Botox’…' of 'side-effects' also belongs to 'provider'"),
    ("    answer: A certified professional\n", "    answer: Nobody\n", "pack.yaml:23:13: quiz question 'q1': the answer 'Nobody' is not among its options"),
    ("    intents: [provider]\n", "    intents: [nobody]\n", "pack.yaml:18:5: quiz question 'q1' names an unknown intent 'nobody'"),
    ("    follow_up: [provider]\n", "    follow_up: [nowhere]\n", "pack.yaml:14:16: intent 'side-effects' follow_up names an unknown intent 'nowhere'"),
    ("    source: [g1]\n    follow_up", "    source: [g9]\n    follow_up", "pack.yaml:13:13: intent 'side-effects' names an unknown source 'g9' (see pack sources)"),
    ("  - id: provider\n", "  - id: provider\n    colour: blue\n", "pack.yaml:6:5: intent 'provider' has an unknown field 'colour'"),
    ("intents:\n", "lexicon:\n  concepts:\n    shape: [uneven]\n  broad: [shape]\nintents:\n",
     "pack.yaml:7:10: broad 'shape' is not a topical concept"),
    ("intents:\n", "intents:\n  - !!python/object/apply:os.system [echo hi]\n", "pack.yaml:5:5: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed (plain data only)"),
])
def test_each_problem_names_file_line_and_what_is_wrong(tmp_path, old, new, expected):
    assert old in GOOD
    path = pack(tmp_path, GOOD.replace(old, new, 1))
    found = problems(path)
    assert [p.split("/")[-1] for p in found][:1] == [expected] or any(expected in p for p in found[:1]), found
    assert len(found) == 1, f"one mistake, one problem (no knock-on errors): {found}"
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(path)
    assert str(tmp_path) in str(error.value)


def test_malformed_yaml_points_at_the_line(tmp_path):
    path = pack(tmp_path, GOOD.replace("    examples:\n      - who", "    examples:\n     - [unclosed\n      - who", 1))
    (found,) = problems(path)
    assert found.startswith(f"{tmp_path}/pack.yaml:") and "invalid YAML" in found


def test_a_file_that_is_not_utf8(tmp_path):
    (tmp_path / "pack.yaml").write_bytes(GOOD.encode() + b"\n# caf\xe9\n")
    (found,) = problems(tmp_path)
    assert found == f"{tmp_path}/pack.yaml:26:6: file is not valid UTF-8"


def test_every_problem_is_reported_at_once(tmp_path):
    broken = GOOD.replace("    answer: Choose a certified professional.\n", "").replace("    answer: A certified professional\n", "    answer: Nobody\n")
    assert len(problems(pack(tmp_path, broken))) == 2


def test_a_huge_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    import assistant.knowledge.yaml_reader as yaml_reader
    monkeypatch.setattr(yaml_reader, "MAX_FILE_BYTES", 100)
    (found,) = problems(pack(tmp_path, GOOD))
    assert "file is too large" in found


def test_missing_directory_and_empty_directory(tmp_path):
    assert "no such knowledge pack" in problems(tmp_path / "nope")[0]
    assert "no .yaml files" in problems(tmp_path)[0]


def test_validate_warns_about_examples_two_intents_could_claim(tmp_path):
    text = GOOD.replace("      - does botox cause bruising\n", "      - does botox cause bruising\n      - who should inject the botox\n")
    text += "lexicon:\n  stopwords: [the]\n"
    found = [str(p) for p in validate_pack(pack(tmp_path, text))]
    assert any("warning:" in p and "means the same to the matcher" in p for p in found), found


def test_the_bundled_pack_has_no_errors():
    assert not [p for p in validate_pack() if p.level == "error"]


def run(*args: str):
    return run_main(*args, text=True)


def test_cli_prints_one_line_and_exits_2_for_a_broken_pack(tmp_path):
    path = pack(tmp_path, GOOD.replace("    answer: Choose a certified professional.\n", ""))
    result = run("ask", "--knowledge", str(path), "hello")
    assert result.returncode == 2
    assert result.stderr.strip() == f"Error: {path}/pack.yaml:5:5: intent 'provider' has no answer"
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_cli_validate_reports_everything_and_fails(tmp_path):
    broken = GOOD.replace("    answer: Choose a certified professional.\n", "").replace("    answer: A certified professional\n", "    answer: Nobody\n")
    result = run("validate", str(pack(tmp_path, broken)))
    assert result.returncode == 1
    assert len(result.stdout.strip().splitlines()) == 2
    assert "2 errors" in result.stderr


def test_cli_validate_the_bundled_pack_passes():
    result = run("validate")
    assert result.returncode == 0 and "0 errors" in result.stdout


def test_validate_warns_when_the_urgent_check_is_off(tmp_path):
    found = [str(p) for p in validate_pack(pack(tmp_path, GOOD))]
    assert any("no urgent red_flags: the emergency check is off" in p for p in found)
    assert any("no anchors or topical concepts" in p for p in found)


def test_a_duplicate_id_in_another_file_names_that_file(tmp_path):
    pack(tmp_path, GOOD, "a.yaml")
    pack(tmp_path, "intents:\n  - id: provider\n    answer: x\n    source: [g1]\n    examples: [something else]\n", "b.yaml")
    found = problems(tmp_path)
    assert f"{tmp_path}/b.yaml:2:5: intent 'provider' is defined twice (first at {tmp_path}/a.yaml:5)" in found


def test_cli_validate_takes_the_pack_from_knowledge_too(tmp_path):
    broken = pack(tmp_path, GOOD.replace("    answer: Choose a certified professional.\n", ""))
    assert run("--knowledge", str(broken), "validate").returncode == 1
    assert run("validate", "--knowledge", str(broken)).returncode == 1
    missing = run("validate", str(tmp_path / "nope"))
    assert missing.returncode == 2 and missing.stderr.startswith("Error: ") and "no such knowledge pack" in missing.stderr


def test_validate_warns_about_nearly_identical_examples_of_two_intents(tmp_path):
    text = GOOD.replace("      - does botox cause bruising\n", "      - does botox cause bruising\n      - how do i choose an injectors\n")
    found = [str(p) for p in validate_pack(pack(tmp_path, text))]
    assert any("is nearly the same as 'how do i choose an injector' of 'provider'" in p
               or "means the same to the matcher as 'how do i choose an injector'" in p for p in found), found


@pytest.mark.parametrize("field", ["beside", "qualifies", "after_treatment"])
def test_a_not_covered_topic_may_only_name_intents_that_exist(tmp_path, field):
    topic = ("not_covered:\n  - id: cost\n    title: prices\n    keywords: [price]\n"
             f"    {field}: [provider, nobody]\n    examples:\n      - how much is it\n")
    found = problems(pack(tmp_path, GOOD + topic))
    assert len(found) == 1 and found[0].endswith(f"not-covered topic 'cost' names an unknown intent 'nobody' in {field}"), found
    assert problems(pack(tmp_path, GOOD + topic.replace(", nobody", ""))) == []


def test_an_intent_may_only_name_lexicon_concepts_as_told(tmp_path):
    text = GOOD.replace("    source: [g1]\n    examples:\n      - who should", "    source: [g1]\n    told: [worse, nowhere]\n    examples:\n      - who should", 1)
    assert "told" in text
    lexicon = "lexicon:\n  concepts:\n    worse: [more uneven, worse]\n"
    found = problems(pack(tmp_path, text + lexicon))
    assert len(found) == 1 and found[0].endswith("intent 'provider' told names an unknown lexicon concept 'nowhere'"), found
    assert problems(pack(tmp_path, text.replace(", nowhere", "") + lexicon)) == []
    assert load_knowledge(pack(tmp_path, text.replace(", nowhere", "") + lexicon)).intent("provider").told == ("worse",)


def test_validate_warns_about_a_keyword_that_reads_as_the_subjects_name_alone(tmp_path):
    topic = ("not_covered:\n  - id: alternatives\n    title: other treatments\n    keywords: [fillers, besides botox]\n"
             "    examples:\n      - botox or fillers\n")
    text = GOOD + topic + "lexicon:\n  stopwords: [besides]\n  concepts:\n    botox: [botox]\n  anchors: [botox]\n"
    found = [str(p) for p in validate_pack(pack(tmp_path, text))]
    assert [p for p in found if "keyword" in p] == [
        f"{tmp_path}: warning: keyword 'besides botox' of the not-covered topic 'alternatives' reads as 'botox' alone: "
        "it would name the topic in every question that says that; give it a word of its own"], found
