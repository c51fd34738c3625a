"""Text for a person: replies, quiz questions, feedback and scores, evaluation reports.

Each thing is laid out once, as *fragments*: ``(role, text)`` pairs whose
texts, joined, are the plain text, and whose roles ("title", "source",
"disclaimer", "correct"...) let a styled front end colour them. ``botox-faq
ask``, ``botox-faq quiz`` and the chat (plain in a pipe, coloured in the
REPL) all show these, so the wording is the same everywhere and only the
colour differs.

>>> from assistant import Assistant
>>> print(format_reply(Assistant().ask("hello"), width=60))
Hello! I answer questions about Botox treatment for facial
asymmetry, from one guide. Ask me anything about it, or say
"quiz me" to test what you know.
"""

from __future__ import annotations

import shutil
import textwrap
from typing import Any, Callable, Iterable

from ..core import Reply
from ..understanding.urgent import CONTACT_DOCTOR
from ..evaluation import EvalReport
from ..knowledge.records import Knowledge
from ..quiz.engine import Feedback, QuizItem, Summary
from ..understanding.text import printable

__all__ = [
    "MAX_WIDTH", "MIN_WIDTH", "Fragments", "clamp_width", "format_reply", "format_report", "isatty", "marks_for",
    "output_width", "quiz_feedback", "quiz_question", "quiz_start", "quiz_summary", "reply_fragments", "text_of",
    "title_of", "wrap",
]

MAX_WIDTH = 100  # long lines are hard to read, however wide the window
MIN_WIDTH = 20

Fragments = list[tuple[str, str]]  # (role, text); the role "" is plain text
_NEWLINE: Fragments = [("", "\n")]
_STOPPED = {"quit": "Stopped", "eof": "End of input", "interrupted": "Interrupted"}  # how a quiz ended early


# -- widths and terminals ---------------------------------------------------------------------------
def isatty(stream: Any) -> bool:
    """True if ``stream`` is an open terminal (False for anything without ``isatty``, or closed)."""
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def clamp_width(columns: int) -> int:
    """The width to wrap at for a window ``columns`` wide (one column spare, at most MAX_WIDTH)."""
    return max(MIN_WIDTH, min(MAX_WIDTH, columns - 1))


def output_width(stream: Any) -> int:
    """The width to wrap at when writing to ``stream``: the terminal's (clamped), or 80 for a file or pipe."""
    return clamp_width(shutil.get_terminal_size((80, 24)).columns) if isatty(stream) else 80


def marks_for(encoding: str | None) -> tuple[str, str]:
    """The marks for a right and a wrong answer: ticks where the encoding has them, else ``+`` and ``x``."""
    try:
        "✓✗".encode(encoding or "utf-8")
    except (LookupError, UnicodeEncodeError):
        return "+", "x"
    return "✓", "✗"


# -- building blocks ----------------------------------------------------------------------------------
def wrap(text: str, width: int, indent: str = "") -> str:
    """Wrap each paragraph of ``text`` to ``width`` columns (at least 20)."""
    width = max(MIN_WIDTH, width)
    return "\n".join(
        textwrap.fill(line, width=width, initial_indent=indent, subsequent_indent=indent) if line.strip() else ""
        for line in text.splitlines()
    )


def hang(prefix: str, text: str, width: int) -> str:
    """``text`` wrapped after ``prefix``, with later lines indented to line up under it."""
    return textwrap.fill(text, width=max(MIN_WIDTH, width), initial_indent=prefix,
                         subsequent_indent=" " * len(prefix), break_on_hyphens=False)


def para(role: str, text: str, width: int, indent: str = "") -> Fragments:
    """A wrapped paragraph in one role."""
    return [(role, wrap(text, width, indent)), ("", "\n")]


def lead(lead_role: str, first: str, rest: str, width: int, role: str = "") -> Fragments:
    """One paragraph whose first words (``first``) have a role of their own, wrapped as a whole."""
    wrapped = wrap(first + rest, width)
    return [(lead_role, wrapped[: len(first)]), (role, wrapped[len(first):] + "\n")]


def prefixed(prefix_role: str, prefix: str, text: str, width: int, role: str = "") -> Fragments:
    """``text`` after a ``prefix`` ("  2. ", "  b) ") with a hanging indent."""
    return [(prefix_role, prefix), (role, hang(prefix, text, width)[len(prefix):] + "\n")]


def numbered(items: Iterable[str], width: int) -> Fragments:
    """``  1. first``, ``  2. second``..."""
    return [f for n, item in enumerate(items, 1) for f in prefixed("number", f"  {n}. ", item, width)]


def text_of(fragments: Fragments) -> str:
    """The plain text of fragments, without the final newline."""
    return "".join(text for _, text in fragments).rstrip("\n")


def _spaced(parts: list[Fragments]) -> Fragments:
    """Parts with a blank line between each two."""
    out: Fragments = []
    for n, part in enumerate(p for p in parts if p):
        out += (_NEWLINE if n else []) + part
    return out


def title_of(knowledge: Knowledge, label: str) -> str:
    """A person's name for an intent id, a ``not-covered:<id>`` label or a quiz topic group ("botox")."""
    if label.startswith("not-covered:"):
        topic = label.split(":", 1)[1]
        found = next((t for t in knowledge.not_covered if t.id == topic), None)
        return f"not covered: {found.title}" if found else label
    try:
        return knowledge.intent(label).title
    except KeyError:
        if any(i.id.startswith(label + ".") for i in knowledge.intents):
            return f"all {label} questions"
        return label


# -- replies -----------------------------------------------------------------------------------------------
def reply_fragments(reply: Reply, width: int, *, disclaimer: str | None = None, suggestions: int | None = None,
                    choosing: bool = False) -> Fragments:
    """A reply: heading, answer, source, suggestions and disclaimer, a blank line between each.

    ``disclaimer`` replaces the reply's own (the chat shows the short form),
    except on urgent replies, which keep their note; an emergency leads with
    a loud "URGENT:" banner, a contact-doctor reply with a calmer "IMPORTANT:";
    ``suggestions`` caps how many are shown; ``choosing`` adds how to pick
    from an ambiguous reply's list (only where a number can be typed next).
    """
    parts: list[Fragments] = []
    calm = reply.kind == "urgent" and reply.urgency == CONTACT_DOCTOR
    if calm:  # clear but not alarming: medical help today, not an ambulance
        parts.append(lead("doctor-banner", "IMPORTANT:", " " + reply.title, width, "doctor-title"))
    elif reply.kind == "urgent":  # an emergency can't be missed
        parts.append(lead("urgent-banner", "URGENT:", " " + reply.title.upper(), width, "urgent-title"))
    elif reply.kind in ("answer", "not-covered") and reply.title:
        parts.append(para("title", reply.title, width))
    if reply.kind == "ambiguous" and reply.choices:
        message = reply.text.splitlines()[0] if reply.text else "Which of these do you mean?"
        body = para("", message, width) + numbered((c.ask for c in reply.choices), width)
        if choosing:
            body += para("hint", "Type a number to pick one, or ask something else.", width)
        parts.append(body)
    elif len(reply.parts) > 1:  # one block per part, each under its title with its own source
        parts[-1:] = []
        for part in reply.parts:
            block = para("title", part.title, width) + para("", part.text, width)
            if part.source:
                block += para("source", f"Source: {part.source}", width)
            parts.append(block)
    else:
        parts.append(para("doctor-text" if calm else "urgent-text" if reply.kind == "urgent" else "", reply.text, width))
    if reply.source and reply.kind in ("answer", "urgent") and len(reply.parts) == 1:
        parts.append(para("source", f"Source: {reply.source}", width))
    if reply.suggestions and reply.kind != "ambiguous":
        label = "Related topics I can answer" if reply.kind in ("not-covered", "out-of-scope") else "You could also ask"
        shown = reply.suggestions[:suggestions] if suggestions is not None else reply.suggestions
        parts.append(para("label", f"{label}:", width)
                     + [f for text in shown for f in para("suggestion", text, width - 2, "  ")])
    if reply.disclaimer:  # an urgent reply keeps its own note: its facts are not the guide's
        note = reply.disclaimer if reply.kind == "urgent" else disclaimer or reply.disclaimer
        parts.append(para("disclaimer", f"Note: {note}", width))
    return _spaced(parts)


def format_reply(reply: Reply, width: int = 80) -> str:
    """A reply as a person reads it: heading, answer, source, suggestions and the full disclaimer."""
    return text_of(reply_fragments(reply, width))


# -- the quiz ------------------------------------------------------------------------------------------------
def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def quiz_start(total: int, width: int, *, disclaimer: str, titles: Iterable[str] = ()) -> Fragments:
    """The disclaimer, what the quiz holds and how to answer."""
    on = ", ".join(titles)
    return para("disclaimer", disclaimer, width) + _NEWLINE + para(
        "quiz", f"Quiz{f' on {on}' if on else ''}: {_plural(total, 'question')}.", width) + para(
        "hint", 'Answer with a letter or the answer itself; "skip" to pass, "quit" to stop. '
                "Questions you miss come back once at the end.", width)


def quiz_question(item: QuizItem, width: int, *, heading: str | None = None) -> Fragments:
    """A question and its lettered options, under ``heading`` (by default "Question 2/5", or "Once more 1/2")."""
    out: Fragments = []
    if heading is None:
        if item.retry and item.number == 1:
            out += para("hint", f"Second try: the {'questions' if item.total != 1 else 'question'} you missed, "
                                "once more.", width) + _NEWLINE
        heading = f"{'Once more' if item.retry else 'Question'} {item.number}/{item.total}"
    out += para("quiz", heading, width) + para("label", item.question.question, width)
    for letter, option in zip(item.letters, item.options):  # true/false has no letters: the question says it
        out += prefixed("number", f"  {letter}) ", option, width)
    return out


def quiz_feedback(feedback: Feedback, width: int, *, item: QuizItem | None = None, typed: str = "",
                  marks: tuple[str, str] = ("✓", "✗")) -> Fragments:
    """The verdict on one answer, and the explanation; for an unclear answer, what can be typed."""
    right, wrong = marks
    answer = feedback.correct_answer
    if feedback.status == "unclear":
        if item is not None and item.letters:
            choices = f"a letter from a to {item.letters[-1]}, the answer itself"
        elif item is not None:
            choices = "true or false"
        else:
            choices = "a letter or the answer itself"
        what = printable(typed, 60)
        return para("hint", f'I couldn\'t read "{what}" as an answer. Type {choices}, "skip" or "quit".' if what
                    else f'Please type {choices}, "skip" or "quit".', width)
    if feedback.status == "quit":
        return para("hint", "Stopping the quiz.", width)
    if feedback.status == "correct":
        out = lead("correct", f"{right} Correct:", f" {answer}", width)
    elif feedback.status == "wrong":
        out = lead("wrong", f"{wrong} Not quite:", f" you answered {feedback.given}.", width)
        out += para("", f"The answer is {answer}.", width)
    else:
        out = para("hint", f"Skipped. The answer is {answer}.", width)
    if feedback.explanation:
        out += para("", feedback.explanation, width - 2, "  ")
    return out


def quiz_summary(summary: Summary, width: int, *, ended: str = "done",
                 title: Callable[[str], str] = str) -> Fragments:
    """The score, by topic, and what to read again.

    ``ended`` is "done", or how the quiz stopped early ("quit", "eof",
    "interrupted"): then it is the score so far. ``title`` names a topic
    (an intent id) for a person.
    """
    out: Fragments = []
    if ended != "done":
        what = _STOPPED.get(ended, "Stopped")
        if summary.asked < summary.total:
            out += para("hint", f"{what} after {summary.asked} of {_plural(summary.total, 'question')}.", width)
        else:
            out += para("hint", f"{what} during the second tries.", width)
    label = "Score" if ended == "done" else "Score so far"
    if summary.asked:
        out += para("score", f"{label}: {summary.correct}/{summary.asked} ({round(100 * summary.score)}%)", width)
    else:
        out += para("score", f"{label}: no questions answered yet.", width)
    if summary.retried:
        out += para("", f"Second tries: {summary.recovered} of {summary.retried} right.", width)
    if summary.per_topic:
        out += [("label", "By topic:\n")]
        for topic, correct, total in summary.per_topic:
            out += [("", hang("  ", f"{title(topic)}: {correct}/{total}", width) + "\n")]
    for question in summary.review_questions:
        out += lead("label", "Read again:", f" ask me {question!r}", width, "suggestion")
    return out


# -- evaluation reports -----------------------------------------------------------------------------------
def _pct(value: float) -> str:
    return f"{100 * value:.1f}%"


def format_report(report: EvalReport, name: str, *, misses: bool = True) -> str:
    """An evaluation report: overall and per-tag rates, the confusions and every miss."""
    answerable, others = report.answerable, report.unanswerable
    lines = [
        f"{name}: {report.total} questions",
        f"accuracy: {_pct(report.accuracy)} ({sum(r.ok for r in report.results)}/{report.total} acceptable)",
        f"answerable: {len(answerable)}: correct {_pct(report.answer_accuracy)}, "
        f"wrong answers {_pct(report.wrong_rate)}, abstained {_pct(report.abstain_rate)}",
        f"not covered or off-topic: {len(others)}: no intent {_pct(report.decline_rate)}, "
        f"false Botox answers {_pct(report.false_answer_rate)}",
    ]
    if report.multi:
        lines.append(f"several questions: {len(report.multi)}: every part answered or named {_pct(report.parts_rate)}, "
                     f"a part answered with an unrelated intent {_pct(report.unrelated_rate)}")
    lines += [
        "",
        "by tag:",
        f"  {'tag':<32} {'total':>5} {'accuracy':>9} {'wrong':>6} {'abstained':>9}",
    ]
    for tag in report.by_tag():
        lines.append(f"  {tag.tag:<32} {tag.total:>5} {_pct(tag.accuracy):>9} {tag.wrong:>6} {tag.abstained:>9}")
    confusions = report.confusions()
    lines += ["", "confusions (expected -> got):" if confusions else "confusions: none"]
    lines += [f"  {expected} -> {got}: {count}" for expected, got, count in confusions[:30]]
    if misses and report.misses():
        lines += ["", "misses:"]
        for r in report.misses():
            lines.append(f"  [{r.item.tag}] {r.item.question!r}: expected {'|'.join(r.item.expect)}, "
                         f"got {r.predicted} ({r.kind}, {r.score:.2f})")
    return "\n".join(lines)
