"""``botox-faq`` run inside the test process: ``main(argv)`` with stdin, stdout and stderr swapped for
buffers (and, if given, the environment and working directory), for the command-line tests. Only the
tests that must prove the installed console script, ``python -m assistant`` or a real terminal start a
process of their own."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping
from unittest import mock

from assistant import Assistant
from assistant.cli import main as cli_main
from assistant.cli.main import main

_build = cli_main._assistant  # builds the assistant a command uses (and freezes the collector)


def _assistant(args: Any) -> Assistant:
    """The bundled pack's assistant without freezing the collector of the whole test process (its parts are
    built once a process anyway: see :class:`Assistant`); another pack's (``--knowledge``) as the command does."""
    if getattr(args, "knowledge", None) is not None:
        return _build(args)
    return Assistant()


@dataclass(frozen=True)
class Result:
    """What the command did: like ``subprocess.CompletedProcess``, with bytes, or text if asked for."""

    returncode: int
    stdout: bytes | str
    stderr: bytes | str


@contextlib.contextmanager
def _working_directory(path: str | Path | None) -> Iterator[None]:
    if path is None:
        yield
        return
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def run_main(*args: str, stdin: bytes = b"", text: bool = False, env: Mapping[str, str] | None = None,
             cwd: str | Path | None = None) -> Result:
    """``botox-faq ARGS`` with ``stdin`` piped in; ``env`` replaces the environment, as for a subprocess."""
    streams = {name: io.TextIOWrapper(io.BytesIO(), encoding="utf-8") for name in ("stdout", "stderr")}
    source = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    environment = mock.patch.dict(os.environ, env, clear=True) if env is not None else contextlib.nullcontext()
    with environment, _working_directory(cwd), mock.patch.multiple(sys, stdin=source, **streams), \
            mock.patch.object(cli_main, "_assistant", _assistant):
        try:
            code = main(list(args))
        except SystemExit as exit_:  # --help and --version exit from argparse
            code = exit_.code if isinstance(exit_.code, int) else 0
    out = []
    for name in ("stdout", "stderr"):
        streams[name].flush()
        raw = streams[name].buffer.getvalue()  # type: ignore[attr-defined]
        out.append(raw.decode("utf-8") if text else raw)
    return Result(code, out[0], out[1])
