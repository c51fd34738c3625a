"""The ``botox-faq`` command line: a thin layer over the library.

Errors become one line, ``Error: ...``, with a fixed exit status (see :mod:`assistant.errors`):
0 success, 1 a check failed (eval below --min-accuracy, validate found
errors), 2 bad usage or input (or a broken knowledge pack), 70 an internal
error (a bug; ``--debug`` or ``BOTOX_FAQ_DEBUG=1`` shows its traceback), 130 interrupted.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from typing import IO, TYPE_CHECKING, NoReturn, Sequence

from .. import __version__
from ..errors import EXIT_FAILED, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, AssistantError

if TYPE_CHECKING:
    from ..core import Assistant

__all__ = ["main"]

class UsageError(AssistantError):
    """The command line was used wrongly."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line and status 2, as for every other error
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--knowledge", metavar="DIR", default=argparse.SUPPRESS,
                        help="use the knowledge pack in DIR instead of the bundled one")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="botox-faq", description="Answers questions about Botox for facial asymmetry from one "
                     "curated guide. With no command, starts the chat. General information, not medical advice.")
    parser.add_argument("--version", action="version", version=f"botox-faq {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error (also BOTOX_FAQ_DEBUG=1)")
    _add_common(parser)
    parser.add_argument("--no-color", action="store_true", default=argparse.SUPPRESS, help="no colours in the chat")
    parser.add_argument("--history", action="store_true", default=argparse.SUPPRESS,
                        help="keep a chat history file (off by default: nothing is written to disk)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    chat = commands.add_parser("chat", help="chat in the terminal (the default)")
    _add_common(chat)
    chat.add_argument("--no-color", action="store_true", default=argparse.SUPPRESS, help="no colours (also NO_COLOR=1)")
    chat.add_argument("--history", action="store_true", default=argparse.SUPPRESS,
                      help="keep a persistent history file (also BOTOX_FAQ_HISTORY=1)")

    ask = commands.add_parser("ask", help="answer one question (or '-' for one per line on stdin)")
    _add_common(ask)
    ask.add_argument("question", nargs="+", help="the question; '-' reads one question per line from stdin")
    ask.add_argument("--json", action="store_true", help="print JSON (one object per line with '-')")

    ev = commands.add_parser("eval", help="score the matcher on a YAML file of labelled questions")
    _add_common(ev)
    ev.add_argument("file", help="a YAML list of {q, expect, tag} items")
    ev.add_argument("--min-accuracy", type=_fraction, metavar="X",
                    help="exit 1 if overall accuracy is below X (0.9 or 90%%)")
    ev.add_argument("--json", action="store_true", help="print the rates as JSON")
    ev.add_argument("--typos", type=_positive, metavar="N",
                    help="also score the questions with one typing slip each, N times with other slips, "
                         "and report the accuracy on them next to the clean questions'")

    quiz = commands.add_parser("quiz", help="check your understanding with a quiz")
    _add_common(quiz)
    quiz.add_argument("--topic", action="append", metavar="ID", help="only questions on this intent (repeatable)")
    quiz.add_argument("--count", type=_positive, metavar="N", help="how many questions")
    quiz.add_argument("--seed", type=int, metavar="N", help="a seed for a reproducible order")
    quiz.add_argument("--json", action="store_true", help="one JSON object per event, for scripts")

    serve = commands.add_parser("serve", help="the web chat page and JSON API (needs the [web] extra)")
    _add_common(serve)
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8000, help="the port (default 8000)")
    serve.add_argument("--workers", type=_positive, default=1, metavar="N", help="worker processes (default 1)")
    serve.add_argument("--allow-origin", action="append", default=[], metavar="ORIGIN",
                       help="let pages from ORIGIN (https://example.org) call the API; repeatable; none by default")

    validate = commands.add_parser("validate", help="check a knowledge pack and report every problem")
    _add_common(validate)
    validate.add_argument("directory", nargs="?", metavar="DIR", help="the pack (default: --knowledge, or the bundled one)")
    return parser


def _fraction(text: str) -> float:
    try:
        value = float(text.rstrip("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    value = value / 100 if text.endswith("%") or value > 1 else value
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"expected 0 to 1 or 0% to 100%, not {text!r}")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _port(text: str) -> int:
    value = _positive(text) if text != "0" else 0
    if value > 65535:
        raise argparse.ArgumentTypeError(f"a port is at most 65535, not {value}")
    return value


def _assistant(args: argparse.Namespace) -> Assistant:  # imported lazily for a fast start
    from ..core import Assistant
    from ..knowledge.loader import load_knowledge

    bot = Assistant(load_knowledge(getattr(args, "knowledge", None)))
    # The knowledge lives as long as the process: keep the collector from walking it again.
    gc.freeze()
    return bot


def cmd_ask(args: argparse.Namespace, out: IO[str]) -> int:
    from ..layout.reply import format_reply
    from ..terminal import output_width, stdin_lines

    bot = _assistant(args)
    if args.question == ["-"]:
        for line in stdin_lines():
            reply = bot.ask(line)
            if args.json:
                out.write(json.dumps(reply.to_dict(), ensure_ascii=False) + "\n")
            else:
                out.write(format_reply(reply, output_width(out)) + "\n\n")
            out.flush()
        return EXIT_OK
    reply = bot.ask(" ".join(args.question))
    out.write((json.dumps(reply.to_dict(), ensure_ascii=False) if args.json else format_reply(reply, output_width(out))) + "\n")
    return EXIT_OK


def cmd_eval(args: argparse.Namespace, out: IO[str]) -> int:
    from ..evaluation import evaluate, load_eval_file, with_typos
    from ..layout.report import format_report, format_typos

    items = load_eval_file(args.file)
    assistant = _assistant(args)
    report = evaluate(assistant, items)
    slipped = [evaluate(assistant, with_typos(items, seed, assistant.lexicon.knows)) for seed in range(args.typos or 0)]
    if args.json:
        rates = {
            "file": args.file, "total": report.total, "accuracy": report.accuracy,
            "answer_accuracy": report.answer_accuracy, "wrong_rate": report.wrong_rate,
            "abstain_rate": report.abstain_rate, "decline_rate": report.decline_rate,
            "false_answer_rate": report.false_answer_rate,
        }
        if slipped:
            rates["typos"] = [{"seed": seed, "accuracy": r.accuracy, "answer_accuracy": r.answer_accuracy,
                               "wrong_rate": r.wrong_rate} for seed, r in enumerate(slipped)]
        out.write(json.dumps(rates) + "\n")
    else:
        out.write(format_report(report, args.file) + "\n")
        if slipped:
            out.write("\n" + format_typos(report, slipped) + "\n")
    if args.min_accuracy is not None and report.accuracy < args.min_accuracy:
        sys.stderr.write(f"Error: accuracy {100 * report.accuracy:.1f}% is below --min-accuracy "
                         f"{100 * args.min_accuracy:.1f}%\n")
        return EXIT_FAILED
    return EXIT_OK


def cmd_validate(args: argparse.Namespace, out: IO[str]) -> int:
    from ..validation import validate_pack

    directory = args.directory or getattr(args, "knowledge", None)
    if directory is not None and not os.path.exists(directory):
        raise UsageError(f"{directory}: no such knowledge pack")
    problems = validate_pack(directory)
    for problem in problems:
        out.write(f"{problem}\n")
    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors
    where = directory or "the bundled knowledge"
    summary = f"{where}: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    (sys.stderr if errors else out).write(summary + "\n")
    return EXIT_FAILED if errors else EXIT_OK


def cmd_quiz(args: argparse.Namespace, out: IO[str]) -> int:
    from ..knowledge.loader import load_knowledge
    from .quiz import run_quiz

    return run_quiz(load_knowledge(getattr(args, "knowledge", None)), args, out)  # the knowledge only: no matcher to build


def cmd_chat(args: argparse.Namespace, out: IO[str]) -> int:
    from ..chat.run import run_chat

    return run_chat(_assistant(args), no_color=getattr(args, "no_color", False),
                    history=getattr(args, "history", False), out=out)


def cmd_serve(args: argparse.Namespace, out: IO[str]) -> int:
    try:
        from ..web.server import serve
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        raise UsageError("the web server needs the web extra: pip install 'botox-faq[web]'") from None
    return serve(args.host, args.port, args.workers, getattr(args, "knowledge", None), args.allow_origin, out)


COMMANDS = {"ask": cmd_ask, "eval": cmd_eval, "validate": cmd_validate, "quiz": cmd_quiz, "chat": cmd_chat, "serve": cmd_serve}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    out = sys.stdout
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(argv)
        return COMMANDS[args.command or "chat"](args, out)
    except AssistantError as exc:  # usage, a broken knowledge pack, an unreadable file
        sys.stderr.write(f"Error: {exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("\nInterrupted.\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, without a second error at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a bug: still one line, never a traceback unless asked for
        if os.environ.get("BOTOX_FAQ_DEBUG") or "--debug" in argv:
            raise
        sys.stderr.write(f"Error: internal error, {type(exc).__name__}: {exc} (run with --debug for details)\n")
        return EXIT_INTERNAL
