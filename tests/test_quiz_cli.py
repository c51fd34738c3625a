"""``botox-faq quiz``: the real program over pipes (text and --json), end of input, Ctrl-C and errors."""

from __future__ import annotations

import argparse
import io
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading

import pytest
from inprocess import run_main

from assistant.knowledge import in_family
from assistant.quiz import Quiz
from assistant.cli.quiz import run_quiz

TIMEOUT = 60


def quiz_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "assistant", "quiz", *args]


def run(*args: str, answers: list[str] | bytes = (), cwd=None, env=None):
    """The quiz in this process (see tests/inprocess.py); ``Driver`` below runs the real program."""
    data = answers if isinstance(answers, bytes) else "".join(a + "\n" for a in answers).encode()
    return run_main("quiz", *args, stdin=data, text=True, cwd=cwd, env=env)


def events(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]  # every line must be one JSON object


def printed_questions(stdout: str) -> list[tuple[str, dict[str, str]]]:
    """Each question as printed: its text and its options by letter (empty for true/false)."""
    found = []
    for block in re.split(r"^(?:Question|Once more) \d+/\d+\n", stdout, flags=re.M)[1:]:
        lines = block.split("\nYour answer")[0].split("\n")
        text, options = [], {}
        for line in lines:
            letter = re.match(r"^  ([a-e])\) (.*)$", line)
            if letter:
                options[letter.group(1)] = letter.group(2)
            elif line.startswith("  ") and options:  # an option wrapped onto the next line
                last = list(options)[-1]
                options[last] += " " + line.strip()
            elif line and not options:
                text.append(line)
        found.append((" ".join(text), options))
    return found


def answer_for(kb, text: str, options: dict[str, str], right: bool) -> str:
    question = next(q for q in kb.quiz if q.question == text)
    if not options:
        return question.answer if right else {"true": "false", "false": "true"}[question.answer]
    return next(letter for letter, option in options.items() if (option == question.answer) == right)


# --- Text output -------------------------------------------------------------------------------------

def test_a_whole_quiz_answered_from_the_printed_options(kb):
    skipped = run("--seed", "1", "--count", "5", answers=["skip"] * 5)
    assert skipped.returncode == 0, skipped.stderr
    asked = printed_questions(skipped.stdout)
    assert len(asked) == 5 and all(text for text, _ in asked)
    # The same seed lays the quiz out the same way: three right, two wrong, then both right on the second try.
    answers = [answer_for(kb, text, options, right=n < 3) for n, (text, options) in enumerate(asked)]
    answers += [next(q for q in kb.quiz if q.question == text).answer for text, _ in asked[3:]]
    result = run("--seed", "1", "--count", "5", answers=answers)
    assert result.returncode == 0 and result.stderr == ""
    out = result.stdout
    assert out.startswith(kb.pack.disclaimer[:40])
    assert [text for text, _ in printed_questions(out)] == [text for text, _ in asked] + [t for t, _ in asked[3:]]
    assert out.count("Correct") == 5 and out.count("Not quite") == 2
    assert "Once more 1/2" in out and "Once more 2/2" in out
    assert "\nScore: 3/5 (60%)\n" in out
    assert "Second tries: 2 of 2 right." in out
    missed = [next(q for q in kb.quiz if q.question == text) for text, _ in asked[3:]]
    for question in missed:  # the explanation and a question to ask about each missed topic
        assert question.explanation.split()[0] in out
        assert f"Read again: ask me '{kb.intent(question.intents[0]).ask}'" in out


def test_piped_answers_are_echoed_after_the_prompt():
    result = run("--seed", "3", "--topic", "side-effects", "--count", "1", answers=["zzz", "skip"])
    out = result.stdout
    assert "Your answer (" in out and re.search(r"Your answer \((a-[cde]|true/false), skip, quit\): zzz\n", out)
    assert 'I couldn\'t read "zzz" as an answer.' in out
    assert "Skipped. The answer is " in out
    assert "Score: 0/1 (0%)" in out and "Read again: ask me 'What side effects can Botox have?'" in out


def test_end_of_input_mid_quiz_prints_the_score_so_far():
    result = run("--seed", "2", "--count", "5", answers=["skip", "skip"])
    assert result.returncode == 0 and result.stderr == ""
    assert "End of input after 2 of 5 questions." in result.stdout
    assert "Score so far: 0/2 (0%)" in result.stdout


def test_no_input_at_all():
    result = run("--seed", "2")
    assert result.returncode == 0 and result.stderr == ""
    assert "Score so far: no questions answered yet." in result.stdout


def test_quit_stops_with_the_score(kb):
    result = run("--seed", "2", answers=["skip", "quit", "a"])
    assert result.returncode == 0
    assert "Stopping the quiz." in result.stdout
    assert f"Stopped after 1 of {len(kb.quiz)} questions." in result.stdout
    assert result.stdout.count("Your answer") == 2  # the line after "quit" is not read


def test_control_characters_and_bad_bytes_are_not_echoed():
    result = run("--seed", "1", "--count", "1", answers=b"\x1b[2J\x07zap\x9b\n\xff\xfe\x00\nskip\n")
    assert result.returncode == 0 and result.stderr == ""
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", result.stdout)
    assert result.stdout.count("as an answer") == 2


def test_nothing_is_written_to_disk(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_STATE_HOME": str(home / "state"), "PYTHONDONTWRITEBYTECODE": "1"}
    result = run("--seed", "1", "--count", "3", answers=["a", "b", "c", "a"], cwd=tmp_path, env=env)
    assert result.returncode == 0
    assert [p.name for p in tmp_path.rglob("*")] == ["home"]


# --- JSON events ---------------------------------------------------------------------------------------

def test_json_events_one_per_line(kb):
    result = run("--seed", "1", "--count", "4", "--json", answers=["skip", "huh", "skip", "skip", "skip"])
    assert result.returncode == 0 and result.stderr == ""
    stream = events(result.stdout)
    assert [e["event"] for e in stream] == (["start"] + ["question", "feedback"] + ["question", "feedback", "feedback"]
                                            + ["question", "feedback"] * 2 + ["summary"])
    assert {k: v for k, v in stream[0].items() if k != "message"} == {"event": "start", "disclaimer": kb.pack.disclaimer,
                                                                       "total": 4}
    # Every event also says in words what happened; the unclear one says what was expected.
    assert all(e["message"].strip() for e in stream)
    assert stream[0]["message"].startswith("Quiz: 4 questions.")
    unclear = next(e for e in stream if e["event"] == "feedback" and e["status"] == "unclear")
    assert 'I couldn\'t read "huh" as an answer. Type ' in unclear["message"] and '"skip" or "quit"' in unclear["message"]
    assert stream[-1]["message"].startswith("Score: 0/4")
    questions = [e for e in stream if e["event"] == "question"]
    assert [q["number"] for q in questions] == [1, 2, 3, 4] and {q["total"] for q in questions} == {4}
    for q in questions:
        assert set(q) >= {"number", "total", "id", "kind", "question", "options", "retry"} and q["retry"] is False
        bank = next(b for b in kb.quiz if b.id == q["id"])
        assert q["question"] == bank.question and q["kind"] == bank.kind
        assert sorted(q["options"]) == (sorted(bank.options) if bank.kind == "choice" else ["False", "True"])
    unclear = {k: v for k, v in stream[4].items() if k != "message"}
    assert unclear == {"event": "feedback", "id": questions[1]["id"], "status": "unclear", "correct": None,
                       "given": None, "correct_answer": "", "explanation": ""}
    summary = stream[-1]
    assert (summary["ended"], summary["asked"], summary["skipped"], summary["score"]) == ("done", 4, 4, 0.0)
    assert set(summary) >= {"correct", "wrong", "recovered", "per_topic", "review", "review_questions"}


def test_json_end_of_input():
    stream = events(run("--seed", "5", "--count", "3", "--json", answers=["skip"]).stdout)
    assert stream[-1]["event"] == "summary"
    assert (stream[-1]["ended"], stream[-1]["asked"], stream[-1]["total"]) == ("eof", 1, 3)


class Driver:
    """Plays the real program over pipes, one line at a time, reading its --json events as they come."""

    def __init__(self, *args: str):
        self.process = subprocess.Popen(quiz_command(*args), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, encoding="utf-8")
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def event(self) -> dict | None:
        line = self.lines.get(timeout=TIMEOUT)
        return None if line is None else json.loads(line)

    def send(self, text: str) -> None:
        self.process.stdin.write(text + "\n")
        self.process.stdin.flush()

    def finish(self) -> tuple[int, str]:
        self.process.stdin.close()
        code = self.process.wait(timeout=TIMEOUT)
        return code, self.process.stderr.read()


def test_json_driven_live_with_a_retry(kb):
    driver = Driver("--seed", "6", "--count", "4", "--json")
    assert driver.event()["event"] == "start"
    retries, missed = [], None
    while (event := driver.event())["event"] == "question":
        bank = next(q for q in kb.quiz if q.id == event["id"])
        right = event["options"].index(bank.answer if bank.kind == "choice" else bank.answer.capitalize())
        if event["retry"]:
            retries.append(event)
        pick = right if missed is not None else (right + 1) % len(event["options"])  # miss the first one only
        missed = missed or event["id"]
        driver.send("abcde"[pick] if bank.kind == "choice" else event["options"][pick])
        feedback = driver.event()
        assert feedback["status"] == ("wrong" if pick != right else "correct")
    code, stderr = driver.finish()
    assert code == 0 and stderr == ""
    assert [(r["id"], r["number"], r["total"]) for r in retries] == [(missed, 1, 1)]
    assert (event["event"], event["ended"], event["correct"], event["wrong"], event["recovered"]) == \
        ("summary", "done", 3, 1, 1)


def test_ctrl_c_prints_the_score_so_far_and_exits_130():
    driver = Driver("--seed", "1", "--count", "3", "--json")
    assert driver.event()["event"] == "start"
    assert driver.event()["event"] == "question"
    driver.send("skip")
    assert driver.event()["status"] == "skipped"
    assert driver.event()["event"] == "question"  # now waiting for the second answer
    driver.process.send_signal(signal.SIGINT)
    summary = driver.event()
    code, stderr = driver.finish()
    assert code == 130 and "Traceback" not in stderr
    assert (summary["event"], summary["ended"], summary["asked"]) == ("summary", "interrupted", 1)


# --- Errors ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_unknown_topic_is_one_error_line(kb, extra):
    result = run("--topic", "provider", "--topic", "botox-prices", *extra)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: unknown quiz topic 'botox-prices'; choose from: ")
    families = [i.id for i in kb.domain_intents if not any(i.id != o.id and in_family(i.id, o.id) for o in kb.intents)]
    assert all(f in lines[0] for f in families)
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("count", ["0", "two"])
def test_bad_count_is_a_usage_error(count):
    result = run("--count", count)
    assert result.returncode == 2 and result.stderr.startswith("Error: ") and "Traceback" not in result.stderr


# --- In process -------------------------------------------------------------------------------------------

def quiz_args(**kwargs) -> argparse.Namespace:
    return argparse.Namespace(**{"topic": None, "count": None, "seed": 1, "json": False, **kwargs})


def test_run_quiz_in_process(bot):
    out = io.StringIO()
    args = quiz_args(topic=["consultation"], count=2)
    status = run_quiz(bot.knowledge, args, out, input_lines=iter(["skip", "zz", "skip"]))
    text = out.getvalue()
    assert status == 0
    assert text.startswith(bot.knowledge.pack.disclaimer.split()[0])
    assert text.count("Question ") == 2 and "Question 2/2" in text
    assert "\nScore: 0/2 (0%)\n" in text and 'I couldn\'t read "zz"' in text
    assert "By topic:\n  The consultation before treatment: " in text


def test_run_quiz_keyboard_interrupt(bot):
    def answers():
        yield "skip"
        raise KeyboardInterrupt

    out = io.StringIO()
    assert run_quiz(bot.knowledge, quiz_args(count=3), out, input_lines=answers()) == 130
    assert "Interrupted after 1 of 3 questions." in out.getvalue()
    assert "Score so far: 0/1 (0%)" in out.getvalue()


def test_run_quiz_json_in_process(bot):
    out = io.StringIO()
    assert run_quiz(bot.knowledge, quiz_args(count=2, json=True), out, input_lines=["quit"]) == 0
    stream = events(out.getvalue())
    assert [e["event"] for e in stream] == ["start", "question", "feedback", "summary"]
    assert stream[2]["status"] == "quit" and stream[3]["ended"] == "quit"


def test_plain_marks_when_the_output_cannot_show_ticks(bot):
    first = Quiz(bot.knowledge, topics=["provider"], count=1, seed=1).next_question()
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="ascii")
    args = quiz_args(topic=["provider"], count=1)
    assert run_quiz(bot.knowledge, args, out, input_lines=[first.question.answer]) == 0
    out.flush()
    assert b"\n+ Correct: " in raw.getvalue()
