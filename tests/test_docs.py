"""The README is the user's manual: its commands must be the ones that work."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.cli.main import COMMANDS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def shell_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", README, re.S)


def test_readme_gives_the_two_commands():
    blocks = [b.strip() for b in shell_blocks()]
    assert "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/botox-faq" in blocks
    assert "python3 -m venv .venv && .venv/bin/pip install '.[test]' && .venv/bin/python -m pytest" in blocks


def test_ci_runs_exactly_the_readmes_test_command_then_the_readmes_checks():
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    test_command = next(b.strip() for b in shell_blocks() if "[test]" in b)
    assert test_command in ci_lines
    checks = [line for line in ci_lines[ci_lines.index(test_command) + 1:] if line and not line.startswith("#")]
    readme_checks = next(b.strip().splitlines() for b in shell_blocks() if "lint-imports" in b)
    assert checks == readme_checks


def test_every_command_is_documented():
    for command in COMMANDS:
        assert f"botox-faq {command}" in README, command


def test_no_placeholders_left():
    assert not re.search(r"\b[A-Z]{4,}_[A-Z]{4,}\b", README)
