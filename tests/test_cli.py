"""The command line: `ask` for a person and as JSON, batch mode on stdin, `eval`, errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from inprocess import run_main

from assistant.cli.main import main
from conftest import DATA


def run(*args: str, stdin: bytes = b""):
    return run_main(*args, stdin=stdin)


def test_ask_prints_answer_source_and_disclaimer_for_a_person():
    result = run("ask", "does botox cause bruising?")
    out = result.stdout.decode()
    assert result.returncode == 0 and result.stderr == b""
    assert out.startswith("Bruising after Botox\n\n")
    assert "bruising where the needle went in" in out
    assert "Source: Guide ¶5" in out
    assert "Note: This is general information" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_ask_json_is_one_object_with_the_documented_keys():
    result = run("ask", "--json", "how long does botox last")
    data = json.loads(result.stdout)
    assert list(data) == ["question", "kind", "intent", "title", "score", "answer", "source", "disclaimer",
                          "suggestions", "choices", "parts", "urgency", "symptoms", "context"]
    assert (data["kind"], data["intent"], data["urgency"], data["symptoms"]) == ("not-covered", None, None, [])
    assert data["title"].startswith("Not covered: ")


def test_batch_mode_answers_every_line_in_order_and_survives_bad_lines():
    lines = [b"does botox hurt", b"", b"\xff\xfe\xfa not utf-8", b"x" * 1_000_000, b"\x00\x1b[31mred\x07",
             "h\u0301\u0301\u0301ello \U0001F600".encode(), b"what is botox"]
    result = run("ask", "--json", "-", stdin=b"\n".join(lines) + b"\n")
    assert result.returncode == 0, result.stderr
    replies = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(replies) == len(lines)
    assert replies[0]["intent"] == "side-effects.pain" and replies[-1]["intent"] == "botox.what-is-it"
    assert all(r["kind"] in ("out-of-scope", "chat") for r in replies[1:6])


def test_batch_mode_for_a_person_has_no_escape_codes():
    result = run("ask", "-", stdin=b"\x1b]0;owned\x07does it hurt\n")
    assert b"\x1b" not in result.stdout and b"Pain from the injections" in result.stdout


def test_eval_reports_rates_per_tag_confusions_and_misses(tmp_path):
    path = tmp_path / "set.yaml"
    path.write_text('- {q: "does botox hurt", expect: [side-effects], tag: a}\n'
                    '- {q: "does botox hurt", expect: [provider], tag: b}\n'
                    '- {q: "how do i bake bread", expect: [none], tag: c}\n', encoding="utf-8")
    result = run("eval", str(path))
    out = result.stdout.decode()
    assert result.returncode == 0
    assert "accuracy: 66.7% (2/3 acceptable)" in out
    assert "answerable: 2: correct 50.0%, wrong answers 50.0%, abstained 0.0%" in out
    assert "not covered or off-topic: 1: no intent 100.0%, false Botox answers 0.0%" in out
    assert "provider -> side-effects.pain: 1" in out
    assert "[b] 'does botox hurt': expected provider, got side-effects" in out
    assert run("eval", str(path), "--min-accuracy", "0.6").returncode == 0
    below = run("eval", str(path), "--min-accuracy", "90%")
    assert below.returncode == 1 and below.stderr.decode().startswith("Error: accuracy 66.7% is below")


def test_eval_with_typos_reports_each_set_of_slips_and_the_gap(tmp_path):
    path = tmp_path / "set.yaml"
    path.write_text('- {q: "does botox hurt", expect: [side-effects]}\n'
                    '- {q: "who should inject botox", expect: [provider]}\n', encoding="utf-8")
    out = run("eval", str(path), "--typos", "2").stdout.decode()
    assert "with one typing slip per question (2 sets of slips):" in out
    assert "  slips 0: accuracy " in out and "  slips 1: accuracy " in out and "points below the clean 100.0%" in out
    rates = json.loads(run("eval", str(path), "--typos", "3", "--json").stdout)
    assert [t["seed"] for t in rates["typos"]] == [0, 1, 2] and rates["accuracy"] == 1.0
    assert "typos" not in json.loads(run("eval", str(path), "--json").stdout)


def test_eval_on_the_projects_own_set_passes_its_bar():
    assert run("eval", str(DATA / "eval_questions.yaml"), "--min-accuracy", "0.9").returncode == 0


@pytest.mark.parametrize("args, message", [
    (("eval", "/no/such/file.yaml"), "Error: /no/such/file.yaml: cannot read file"),
    (("ask", "--knowledge", "/no/such/dir", "hi"), "Error: /no/such/dir: no such knowledge pack"),
    (("frobnicate",), "Error: argument COMMAND: invalid choice"),
    (("eval", "x.yaml", "--min-accuracy", "lots"), "Error: argument --min-accuracy: not a number"),
])
def test_errors_are_one_line_with_status_2(args, message):
    result = run(*args)
    err = result.stderr.decode()
    assert result.returncode == 2
    assert err.startswith(message) and err.count("\n") == 1 and "Traceback" not in err


def test_version():
    assert run("--version").stdout.decode().startswith("botox-faq ")


def test_python_dash_m_runs_the_command_line():
    result = subprocess.run([sys.executable, "-m", "assistant", "--version"], capture_output=True, timeout=60)
    assert result.returncode == 0 and result.stdout.decode().startswith("botox-faq ")


def test_a_bug_is_one_line_with_status_70_and_a_traceback_only_when_asked(monkeypatch):
    def broken(args, out):
        raise RuntimeError("something inside went wrong")

    monkeypatch.setitem(main.__globals__["COMMANDS"], "ask", broken)
    monkeypatch.delenv("BOTOX_FAQ_DEBUG", raising=False)
    result = run("ask", "hello")
    err = result.stderr.decode()
    assert result.returncode == 70 and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("Error: internal error, RuntimeError: something inside went wrong")
    with pytest.raises(RuntimeError):
        main(["--debug", "ask", "hello"])
    monkeypatch.setenv("BOTOX_FAQ_DEBUG", "1")
    with pytest.raises(RuntimeError):
        main(["ask", "hello"])
