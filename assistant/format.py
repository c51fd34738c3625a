"""Plain-text formatting of replies and reports for a person (no colours, no escape codes).

>>> from assistant import Assistant
>>> print(format_reply(Assistant().ask("hello"), width=60))
Hello! I answer questions about Botox treatment for facial
asymmetry, from one guide. Ask me anything about it, or say
"quiz me" to test what you know.
"""

from __future__ import annotations

import textwrap

from .assistant import Reply
from .evaluation import EvalReport

__all__ = ["format_reply", "format_report", "wrap"]


def wrap(text: str, width: int, indent: str = "") -> str:
    """Wrap each paragraph of ``text`` to ``width`` columns (at least 20)."""
    width = max(20, width)
    return "\n".join(
        textwrap.fill(line, width=width, initial_indent=indent, subsequent_indent=indent) if line.strip() else ""
        for line in text.splitlines()
    )


def format_reply(reply: Reply, width: int = 80) -> str:
    """A reply as a person reads it: heading, answer, source, suggestions and disclaimer."""
    parts: list[str] = []
    if reply.kind == "urgent":
        parts.append("URGENT: " + reply.title.upper())
    elif reply.kind in ("answer", "not-covered") and reply.title:
        parts.append(reply.title)
    parts.append(wrap(reply.text, width))
    if reply.source and reply.kind in ("answer", "urgent"):
        parts.append(wrap(f"Source: {reply.source}", width))
    if reply.suggestions and reply.kind != "ambiguous":
        label = "Related topics I can answer" if reply.kind in ("not-covered", "out-of-scope") else "You could also ask"
        parts.append(f"{label}:\n" + "\n".join(wrap(s, width - 2, "  ") for s in reply.suggestions))
    if reply.disclaimer:
        parts.append(wrap(f"Note: {reply.disclaimer}", width))
    return "\n\n".join(parts)


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
