"""An evaluation report laid out for a person: overall and per-tag rates, the confusions and every miss."""

from __future__ import annotations

from ..evaluation import EvalReport

__all__ = ["format_report", "format_typos"]


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


def format_typos(clean: EvalReport, slipped: list[EvalReport]) -> str:
    """The clean questions' accuracy next to the same questions with one typing slip each (one line per
    set of slips, then their mean and the gap in points)."""
    mean = sum(r.accuracy for r in slipped) / len(slipped)
    answer_mean = sum(r.answer_accuracy for r in slipped) / len(slipped)
    lines = [f"with one typing slip per question ({len(slipped)} sets of slips):"]
    lines += [f"  slips {seed}: accuracy {_pct(r.accuracy)}, answerable correct {_pct(r.answer_accuracy)}, "
              f"wrong answers {_pct(r.wrong_rate)}" for seed, r in enumerate(slipped)]
    lines.append(f"  mean: accuracy {_pct(mean)} ({100 * (clean.accuracy - mean):.1f} points below the clean "
                 f"{_pct(clean.accuracy)}), answerable correct {_pct(answer_mean)} "
                 f"({100 * (clean.answer_accuracy - answer_mean):.1f} points below {_pct(clean.answer_accuracy)})")
    return "\n".join(lines)
