"""Drawing the chat's blocks for a terminal: styled fragments for prompt_toolkit, or plain text.

One code path builds ``(style, text)`` fragments; the plain variant is the
same text without the styles, so pipes and the REPL say the same words.

>>> from assistant import Assistant
>>> from assistant.chat.session import ShowReply
>>> bot = Assistant()
>>> print(Renderer(bot.knowledge).plain(ShowReply(bot.ask("what is botox?")), width=50))
What Botox is
Botox is a neurotoxin, a substance that acts on
nerves, and it is made from the bacterium
Clostridium botulinum. It has become one of the
major treatments in cosmetic medicine.
Source: Guide ¶3, "Botox, a neurotoxin…" (what
Botox is, its uses and how it works)
You could also ask:
  How does Botox work?
  What is Botox used for?
General information only, not medical advice; ask
a physician or dermatologist.
"""

from __future__ import annotations

import textwrap
from typing import Callable, Iterable

from prompt_toolkit.formatted_text import FormattedText, fragment_list_to_text
from prompt_toolkit.styles import Style

from ..assistant import Reply
from ..format import wrap
from ..knowledge import Intent, Knowledge
from ..quiz import available_topics
from ..text import printable
from . import session as s
from .commands import COMMANDS

__all__ = ["MAX_WIDTH", "MIN_WIDTH", "Renderer", "chat_style", "clamp_width"]

MAX_WIDTH = 100  # long lines are hard to read, however wide the window
MIN_WIDTH = 20
MAX_SUGGESTIONS = 2

Fragments = list[tuple[str, str]]

_COLOURS = {
    "welcome": "bold",
    "title": "bold #5fafff",
    "source": "#8a8a8a",
    "disclaimer": "italic #8a8a8a",
    "label": "bold",
    "suggestion": "#5fd7af",
    "number": "bold #ffaf00",
    "hint": "#8a8a8a",
    "info": "",
    "error": "#ff5f5f",
    "urgent-banner": "bold #ffffff bg:#cc0000",
    "urgent-title": "bold #ff5f5f",
    "urgent-text": "bold",
    "command": "bold #5fd7af",
    "quiz": "bold #d787ff",
    "correct": "bold #5fd75f",
    "wrong": "bold #ff5f5f",
    "score": "#ffaf00",
    "bottom-toolbar": "noreverse bg:#303030 #d0d0d0",
    "bottom-toolbar.key": "bold #ffffff",
    "bottom-toolbar.topic": "#5fafff",
    "prompt": "bold #5fafff",
}

# Without colour, emphasis still tells urgent from ordinary (NO_COLOR allows bold and reverse).
_MONO = {
    "welcome": "bold", "title": "bold", "label": "bold", "number": "bold", "urgent-banner": "bold reverse",
    "urgent-title": "bold", "urgent-text": "bold", "command": "bold", "quiz": "bold", "correct": "bold",
    "wrong": "bold", "bottom-toolbar": "reverse", "bottom-toolbar.key": "bold", "prompt": "bold",
}


def chat_style(no_color: bool = False) -> Style:
    """The chat's style; ``no_color`` keeps only bold, italic and reverse."""
    return Style.from_dict(_MONO if no_color else _COLOURS)


def clamp_width(columns: int) -> int:
    """The width to wrap at for a window ``columns`` wide (one column spare, at most MAX_WIDTH)."""
    return max(MIN_WIDTH, min(MAX_WIDTH, columns - 1))


def _hang(prefix: str, text: str, width: int) -> str:
    """``text`` wrapped after ``prefix``, with later lines indented to line up under it."""
    return textwrap.fill(text, width=max(MIN_WIDTH, width), initial_indent=prefix,
                         subsequent_indent=" " * len(prefix), break_on_hyphens=False)


class Renderer:
    """Turns session blocks into fragments. Holds the knowledge for titles and the disclaimer."""

    def __init__(self, knowledge: Knowledge):
        self.knowledge = knowledge
        self._draw: dict[type, Callable[..., Fragments]] = {
            s.Message: self._message, s.ShowWelcome: self._welcome, s.ShowReply: self._reply,
            s.ShowHelp: self._help, s.ShowTopics: self._topics, s.ShowDisclaimer: self._disclaimer,
            s.ShowWhy: self._why, s.ShowQuizOffer: self._offer, s.ShowQuizStart: self._quiz_start,
            s.ShowQuizQuestion: self._question, s.ShowFeedback: self._feedback, s.ShowSummary: self._summary,
            s.Goodbye: self._goodbye,
        }

    def fragments(self, block: s.Block, width: int) -> Fragments:
        """The block as styled fragments, wrapped to ``width`` (clamped to 20..100)."""
        draw = self._draw.get(type(block))
        return draw(block, max(MIN_WIDTH, min(MAX_WIDTH, width))) if draw else []

    def formatted(self, block: s.Block, width: int) -> FormattedText:
        """The block for ``print_formatted_text``."""
        return FormattedText(self.fragments(block, width))

    def plain(self, block: s.Block, width: int) -> str:
        """The block as plain text, no escape codes, without a final newline."""
        return fragment_list_to_text(self.fragments(block, width)).rstrip("\n")

    # -- pieces ----------------------------------------------------------------------------
    @staticmethod
    def _para(style: str, text: str, width: int, indent: str = "") -> Fragments:
        return [(f"class:{style}" if style else "", wrap(text, width, indent)), ("", "\n")]

    def _list(self, items: Iterable[str], width: int, style: str = "suggestion") -> Fragments:
        return [(f"class:{style}", _hang("  ", item, width) + "\n") for item in items]

    @staticmethod
    def _prefixed(style: str, prefix: str, text: str, width: int) -> Fragments:
        """``text`` after a styled ``prefix``, wrapped with a hanging indent."""
        return [(f"class:{style}", prefix), ("", _hang(prefix, text, width)[len(prefix):] + "\n")]

    @staticmethod
    def _lead(style: str, lead: str, text: str, width: int) -> Fragments:
        """A paragraph whose first words (``lead``) are styled, wrapped as one."""
        wrapped = wrap(lead + text, width)
        return [(f"class:{style}", wrapped[: len(lead)]), ("", wrapped[len(lead):] + "\n")]

    def _numbered(self, items: Iterable[str], width: int) -> Fragments:
        return [f for n, item in enumerate(items, 1) for f in self._prefixed("number", f"  {n}. ", item, width)]

    def _short_disclaimer(self, reply: Reply, width: int) -> Fragments:
        if not reply.disclaimer:
            return []
        return self._para("disclaimer", self.knowledge.pack.disclaimer_short or reply.disclaimer, width)

    # -- blocks --------------------------------------------------------------------------------
    def _message(self, block: s.Message, width: int) -> Fragments:
        return self._para(block.style, block.text, width)

    def _welcome(self, block: s.ShowWelcome, width: int) -> Fragments:
        pack = self.knowledge.pack
        subject = pack.title or "Botox"
        # In a narrow window the welcome would fill the screen: the guide's name can wait for /help.
        source = f" I answer from one guide, \u201c{pack.guide}\u201d." if pack.guide and width >= 60 else ""
        examples = [i.ask for i in self._example_intents() if i.ask]
        out = self._para("welcome", f"{subject}: questions and answers", width)
        out += self._para("", f"Ask me about {subject} in your own words.{source}", width)
        if examples:
            out += self._para("", "Try: " + " or ".join(f"\u201c{q}\u201d" for q in examples), width)
        out += self._para("hint", "/help for commands, /topics for what I know, /quiz to test yourself, "
                                  "Ctrl-D to leave.", width)
        return out + [("", "\n")] + self._para("disclaimer", pack.disclaimer, width)

    def _example_intents(self) -> list[Intent]:
        domain = list(self.knowledge.domain_intents)
        preferred = [i for i in domain if i.id in ("side-effects", "asymmetry.treatment")]
        return (preferred or domain)[:2]

    def _reply(self, block: s.ShowReply, width: int) -> Fragments:
        reply = block.reply
        out: Fragments = []
        if reply.kind == "urgent":
            out += [("class:urgent-banner", " URGENT "), ("", " "), ("class:urgent-title", reply.title), ("", "\n")]
            out += self._para("urgent-text", reply.text, width)
        elif reply.kind == "ambiguous":
            message = reply.text.splitlines()[0] if reply.text else "Which of these do you mean?"
            out += self._para("", message, width)
            out += self._numbered((c.ask for c in reply.choices), width)
            out += self._para("hint", "Type a number to pick one, or ask something else.", width)
            return out
        elif reply.kind in ("chat", "quiz"):
            return self._para("", reply.text, width)
        else:
            if reply.title:
                out += self._para("title", reply.title, width)
            out += self._para("", reply.text, width)
        if reply.source and reply.kind in ("answer", "urgent"):
            out += self._para("source", f"Source: {reply.source}", width)
        if reply.suggestions:
            if reply.kind == "answer":
                out += [("class:label", "You could also ask:\n")]
                out += self._list(reply.suggestions[:MAX_SUGGESTIONS], width)
            elif reply.kind in ("not-covered", "out-of-scope"):
                out += [("class:label", "Topics I can answer:\n")]
                out += self._list(reply.suggestions, width)
        return out + self._short_disclaimer(reply, width)

    def _help(self, block: s.ShowHelp, width: int) -> Fragments:
        out = self._para("", "Type a question in your own words, e.g. \u201cdoes botox hurt?\u201d. "
                             "After a list, type its number. Up-arrow recalls earlier questions, "
                             "Tab completes, Ctrl-C clears the line.", width)
        out += [("class:label", "Commands:\n")]
        column = max(len(f"{c.name} {c.args}".strip()) for c in COMMANDS) + 2
        for c in COMMANDS:
            usage = f"{c.name} {c.args}".strip()
            if width >= column + 24:
                text = textwrap.fill(c.help, width=width, initial_indent=" " * (column + 2),
                                     subsequent_indent=" " * (column + 2))[column + 2:]
                out += [("", "  "), ("class:command", usage.ljust(column)), ("", text + "\n")]
            else:  # narrow window: the description under the name
                out += [("", "  "), ("class:command", usage), ("", "\n"), ("", wrap(c.help, width, "    ") + "\n")]
        return out

    def _topics(self, block: s.ShowTopics, width: int) -> Fragments:
        kb = self.knowledge
        out: Fragments = [("class:label", "About Botox for facial asymmetry:\n")]
        for intent in kb.domain_intents:
            out += [("class:suggestion", _hang("  ", intent.ask or intent.title, width) + "\n")]
        chat = [i for i in kb.intents if i.kind == "chat"]
        if chat:
            out += [("class:label", "Chat:\n")]
            out += self._para("", ", ".join(i.title for i in chat), width, "  ")
        quiz_topics = available_topics(kb)
        if quiz_topics:
            out += [("class:label", "Quiz:\n")]
            out += self._para("", "Say \u201cquiz me\u201d or type /quiz, or /quiz TOPIC with one of: "
                                  + ", ".join(quiz_topics) + ".", width, "  ")
        return out

    def _disclaimer(self, block: s.ShowDisclaimer, width: int) -> Fragments:
        return self._para("disclaimer", self.knowledge.pack.disclaimer, width)

    def _title(self, label: str) -> str:
        if label.startswith("not-covered:"):
            topic = label.split(":", 1)[1]
            found = next((t for t in self.knowledge.not_covered if t.id == topic), None)
            return f"not covered: {found.title}" if found else label
        try:
            return self.knowledge.intent(label).title
        except KeyError:
            return label

    def _why(self, block: s.ShowWhy, width: int) -> Fragments:
        reply = block.reply
        out = self._para("label", f"How I read \u201c{printable(reply.question, 120)}\u201d", width)
        match = reply.match
        shown = block.chosen_from.match if block.chosen_from is not None and block.chosen_from.match else match
        if shown is not None and shown.analysis is not None:
            concepts = ", ".join(shown.analysis.features) or "(none: no words I know)"
            out += self._para("", f"Concepts: {concepts}", width, "  ")
            if shown.analysis.corrections:
                fixes = ", ".join(f"{printable(a, 30)} \u2192 {b}" for a, b in shown.analysis.corrections)
                out += self._para("", f"Spelling: {fixes}", width, "  ")
        if reply.kind == "urgent":
            flags = ", ".join(reply.red_flags) if reply.red_flags else "none by name"
            out += self._para("urgent-title", f"Red flags found: {flags}", width, "  ")
            rule = match.rule if match is not None else "red flags are checked first, before any matching"
            out += self._para("", f"Rule: {rule}", width, "  ")
        if shown is not None and shown.candidates:
            out += [("class:label", "  Top candidates:\n")]
            for c in shown.candidates:
                out += self._prefixed("score", f"    {c.score:.2f}  ", f"{self._title(c.label)} ({c.label})", width)
            if shown.kind in ("answer", "ambiguous"):
                out += self._para("", f"Margin over the runner-up: {shown.margin:.2f}", width, "  ")
        if reply.kind != "urgent" and match is not None:
            if block.chosen_from is not None and shown is not match:
                out += self._para("", f"Rule: {shown.rule}; then {match.rule}", width, "  ")
            else:
                out += self._para("", f"Rule: {match.rule}", width, "  ")
        verdict = f"{reply.kind}" + (f" \u2192 {reply.title}" if reply.intent and reply.title else "")
        out += self._para("", f"Result: {verdict}", width, "  ")
        return out

    def _offer(self, block: s.ShowQuizOffer, width: int) -> Fragments:
        return self._para("quiz", "Quick check: want one quiz question on this, to test your understanding? (y/n)",
                          width)

    def _quiz_start(self, block: s.ShowQuizStart, width: int) -> Fragments:
        on = f" ({', '.join(block.titles)})" if block.titles else ""
        count = f"{block.total} question{'s' * (block.total != 1)}"
        return self._para("quiz", f"Quiz{on}: {count}.", width) + self._para(
            "hint", "Answer with a letter or the words; \u201cskip\u201d passes, \u201cquit\u201d ends the quiz.",
            width)

    def _question(self, block: s.ShowQuizQuestion, width: int) -> Fragments:
        item = block.item
        if block.check:
            head = "Quick check"
        elif item.retry:
            head = f"Another try {item.number} of {item.total}"
        else:
            head = f"Question {item.number} of {item.total}"
        out: Fragments = [("class:quiz", head + "\n")]
        out += self._para("label", item.question.question, width)
        for index in range(len(item.options)):
            shown = item.shown(index)
            mark, _, text = shown.partition(") ") if item.letters else ("", "", shown)
            prefix = f"  {mark}) " if mark else "  "
            out += self._prefixed("number", prefix, text, width)
        if block.check:
            what = "a letter" if item.letters else "true or false"
            out += self._para("hint", f"Type {what} (or \u201cskip\u201d).", width)
        return out

    def _feedback(self, block: s.ShowFeedback, width: int) -> Fragments:
        fb = block.feedback
        if fb.status == "correct":
            return self._lead("correct", "Correct. ", fb.explanation, width)
        if fb.status == "wrong":
            return self._lead("wrong", "Not quite. ", f"The answer is {fb.correct_answer}.", width) + self._para(
                "", fb.explanation, width)
        if fb.status == "skipped":
            return self._para("hint", f"Skipped. The answer is {fb.correct_answer}.", width) + self._para(
                "", fb.explanation, width)
        if fb.status == "quit":
            return self._para("hint", "Quiz ended.", width)
        item = block.item
        if item is not None and item.letters:
            how = f"type {', '.join(item.letters[:-1])} or {item.letters[-1]} (or the answer's words)"
        elif item is not None:
            how = "type true or false"
        else:
            how = "type the letter of an option"
        return self._para("hint", f"I didn't catch that: {how}, \u201cskip\u201d or \u201cquit\u201d.", width)

    def _summary(self, block: s.ShowSummary, width: int) -> Fragments:
        sm = block.summary
        if not sm.asked:
            return self._para("hint", "No questions answered. Back to questions: ask me anything.", width)
        out = self._para("quiz", f"You got {sm.correct} of {sm.asked} right ({round(100 * sm.score)}%).", width)
        parts = [f"{n} {what}" for n, what in ((sm.wrong, "wrong"), (sm.skipped, "skipped")) if n]
        if sm.retried:
            parts.append(f"{sm.recovered} of {sm.retried} right on another try")
        if parts:
            out += self._para("hint", ", ".join(parts).capitalize() + ".", width)
        if len(sm.per_topic) > 1:
            out += [("class:label", "By topic:\n")]
            for topic, right, asked in sm.per_topic:
                out += [("", _hang("  ", f"{self._title(topic)}: {right}/{asked}", width) + "\n")]
        if sm.review_questions:
            out += [("class:label", "Worth reading again, ask me:\n")]
            out += self._list(sm.review_questions, width)
        return out + self._para("hint", "Back to questions: ask me anything.", width)

    def _goodbye(self, block: s.Goodbye, width: int) -> Fragments:
        return self._para("", block.text, width)
