"""Drawing the chat's blocks for a terminal: styled fragments for prompt_toolkit, or plain text.

Replies and the quiz are laid out by :mod:`assistant.layout`, the same
layout ``botox-faq ask`` and ``botox-faq quiz`` print; this module adds the
chat's own blocks (welcome, help, topics, /why) and maps each fragment's
role to a style. The plain variant is the same text without the styles, so
pipes and the REPL say the same words.

>>> from assistant import Assistant
>>> from assistant.chat.session import ShowReply
>>> bot = Assistant()
>>> print(Renderer(bot.knowledge).plain(ShowReply(bot.ask("what is botox?")), width=50))
What Botox is
<BLANKLINE>
Botox is a neurotoxin, a substance that acts on
nerves, and it is made from the bacterium
Clostridium botulinum. It has become one of the
major treatments in cosmetic medicine.
<BLANKLINE>
Source: Guide ¶3, "Botox, a neurotoxin…" (what
Botox is, its uses and how it works)
<BLANKLINE>
You could also ask:
  How does Botox work?
  What is Botox used for?
<BLANKLINE>
Note: General information only, not medical
advice; ask a physician or dermatologist.
"""

from __future__ import annotations

import textwrap
from dataclasses import replace
from typing import Callable

from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.styles import Style

from ..layout.fragments import MAX_WIDTH, MIN_WIDTH, Fragments, hang, para, prefixed, text_of, wrap
from ..layout.quiz import quiz_feedback, quiz_question, quiz_start, quiz_summary
from ..layout.reply import reply_fragments
from ..terminal import marks_for
from ..knowledge.records import Intent, Knowledge
from ..quiz.engine import available_topics
from ..understanding.text import printable
from . import blocks as b
from .commands import COMMANDS

__all__ = ["MAX_SUGGESTIONS", "Renderer", "chat_style"]

MAX_SUGGESTIONS = 2  # after an answer; the chat keeps replies short

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
    "doctor-banner": "bold #000000 bg:#ffaf00",
    "doctor-title": "bold #ffaf00",
    "doctor-text": "",
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
    "urgent-title": "bold", "urgent-text": "bold", "doctor-banner": "bold", "doctor-title": "bold", "command": "bold", "quiz": "bold", "correct": "bold",
    "wrong": "bold", "bottom-toolbar": "reverse", "bottom-toolbar.key": "bold", "prompt": "bold",
}


def chat_style(no_color: bool = False) -> Style:
    """The chat's style; ``no_color`` keeps only bold, italic and reverse."""
    return Style.from_dict(_MONO if no_color else _COLOURS)


class Renderer:
    """Turns session blocks into fragments. Holds the knowledge for titles and the disclaimer.

    ``encoding`` is the output's, to choose between ✓/✗ and +/x marks for quiz answers.
    """

    def __init__(self, knowledge: Knowledge, encoding: str | None = "utf-8"):
        self.knowledge = knowledge
        self.marks = marks_for(encoding)
        self._draw: dict[type, Callable[..., Fragments]] = {
            b.Message: self._message, b.ShowWelcome: self._welcome, b.ShowReply: self._reply,
            b.ShowHelp: self._help, b.ShowTopics: self._topics, b.ShowDisclaimer: self._disclaimer,
            b.ShowWhy: self._why, b.ShowQuizOffer: self._offer, b.ShowQuizStart: self._quiz_start,
            b.ShowQuizQuestion: self._question, b.ShowFeedback: self._feedback, b.ShowSummary: self._summary,
            b.Goodbye: self._goodbye,
        }

    def roles(self, block: b.Block, width: int) -> Fragments:
        """The block as ``(role, text)`` fragments (see :mod:`assistant.layout.fragments`), wrapped to ``width`` (20..100)."""
        draw = self._draw.get(type(block))
        return draw(block, max(MIN_WIDTH, min(MAX_WIDTH, width))) if draw else []

    def fragments(self, block: b.Block, width: int) -> Fragments:
        """The block as prompt_toolkit fragments: each role becomes a style class."""
        return [(f"class:{role}" if role else "", text) for role, text in self.roles(block, width)]

    def formatted(self, block: b.Block, width: int) -> FormattedText:
        """The block for ``print_formatted_text``."""
        return FormattedText(self.fragments(block, width))

    def plain(self, block: b.Block, width: int) -> str:
        """The block as plain text, no escape codes, without a final newline."""
        return text_of(self.roles(block, width))

    @property
    def _short_disclaimer(self) -> str:
        pack = self.knowledge.pack
        return pack.disclaimer_short or pack.disclaimer

    # -- blocks --------------------------------------------------------------------------------
    def _message(self, block: b.Message, width: int) -> Fragments:
        return para(block.style, block.text, width)

    def _welcome(self, block: b.ShowWelcome, width: int) -> Fragments:
        pack = self.knowledge.pack
        subject = pack.title or "Botox"
        # In a narrow window the welcome would fill the screen: the guide's name can wait for /help.
        source = f" I answer from one guide, \u201c{pack.guide}\u201d." if pack.guide and width >= 60 else ""
        examples = [i.ask for i in self._example_intents() if i.ask]
        out = para("welcome", f"{subject}: questions and answers", width)
        out += para("", f"Ask me about {subject} in your own words.{source}", width)
        if examples:
            out += para("", "Try: " + " or ".join(f"\u201c{q}\u201d" for q in examples), width)
        out += para("hint", "/help for commands, /topics for what I know, /quiz to test yourself, "
                            "Ctrl-D to leave.", width)
        return out + [("", "\n")] + para("disclaimer", pack.disclaimer, width)

    def _example_intents(self) -> list[Intent]:
        domain = list(self.knowledge.domain_intents)
        preferred = [i for i in domain if i.id in ("side-effects", "asymmetry.treatment")]
        return (preferred or domain)[:2]

    def _reply(self, block: b.ShowReply, width: int) -> Fragments:
        most = MAX_SUGGESTIONS if block.reply.kind == "answer" else None  # a decline lists all it can answer
        return reply_fragments(block.reply, width, disclaimer=self._short_disclaimer, suggestions=most, choosing=True)

    def _help(self, block: b.ShowHelp, width: int) -> Fragments:
        out = para("", "Type a question in your own words, e.g. \u201cdoes botox hurt?\u201d. "
                       "After a list, type its number. Up-arrow recalls earlier questions, "
                       "Tab completes, Ctrl-C clears the line.", width)
        out += [("label", "Commands:\n")]
        column = max(len(f"{c.name} {c.args}".strip()) for c in COMMANDS) + 2
        for c in COMMANDS:
            usage = f"{c.name} {c.args}".strip()
            if width >= column + 24:
                text = textwrap.fill(c.help, width=width, initial_indent=" " * (column + 2),
                                     subsequent_indent=" " * (column + 2))[column + 2:]
                out += [("", "  "), ("command", usage.ljust(column)), ("", text + "\n")]
            else:  # narrow window: the description under the name
                out += [("", "  "), ("command", usage), ("", "\n"), ("", wrap(c.help, width, "    ") + "\n")]
        return out

    def _topics(self, block: b.ShowTopics, width: int) -> Fragments:
        kb = self.knowledge
        out: Fragments = [("label", "About Botox for facial asymmetry:\n")]
        for intent in kb.domain_intents:
            out += [("suggestion", hang("  ", intent.ask or intent.title, width) + "\n")]
        chat = [i for i in kb.intents if i.kind == "chat"]
        if chat:
            out += [("label", "Chat:\n")]
            out += para("", ", ".join(i.title for i in chat), width, "  ")
        quiz_topics = available_topics(kb)
        if quiz_topics:
            out += [("label", "Quiz:\n")]
            out += para("", "Type /quiz for the full quiz, say \u201cquiz me\u201d for a short one, "
                            "or type /quiz TOPIC with one of: " + ", ".join(quiz_topics) + ".", width, "  ")
        return out

    def _disclaimer(self, block: b.ShowDisclaimer, width: int) -> Fragments:
        return para("disclaimer", self.knowledge.pack.disclaimer, width)

    def _why(self, block: b.ShowWhy, width: int) -> Fragments:
        reply = block.reply
        if len(reply.parts) > 1:  # each part: the words it answers, then how they were read
            out = para("label", f"How I read \u201c{printable(reply.question, 120)}\u201d, in {len(reply.parts)} parts", width)
            for number, part in enumerate(reply.parts, 1):
                one = replace(reply, question=part.asked, kind=part.kind, intent=part.intent, title=part.title,
                              match=part.match, parts=(part,))
                out += [("", "\n")] + para("title", f"Part {number}: {part.title}", width)
                out += self._why(b.ShowWhy(one, None), width)
                if part.also_asked:  # a later ask of the same topic, answered by this part too
                    asked = ", ".join(f"\u201c{printable(a, 80)}\u201d" for a in part.also_asked)
                    out += para("", f"Also answers: {asked}", width, "  ")
            return out
        out = para("label", f"How I read \u201c{printable(reply.question, 120)}\u201d", width)
        match = reply.match
        shown = block.chosen_from.match if block.chosen_from is not None and block.chosen_from.match else match
        if shown is not None and shown.analysis is not None:
            concepts = ", ".join(shown.analysis.features) or "(none: no words I know)"
            out += para("", f"Concepts: {concepts}", width, "  ")
            if shown.analysis.corrections:
                fixes = ", ".join(f"{printable(typed, 30)} \u2192 {meant}"
                                  for typed, meant in shown.analysis.corrections)
                out += para("", f"Spelling: {fixes}", width, "  ")
        if reply.kind == "urgent":
            flags = ", ".join(reply.red_flags) if reply.red_flags else "none by name"
            out += para("urgent-title", f"Red flags found: {flags}", width, "  ")
            if reply.urgency:
                out += para("", f"Urgency: {reply.urgency}", width, "  ")
            if reply.symptoms:
                out += para("", "Read as: " + ", ".join(f"\u201c{printable(t, 60)}\u201d" for t in reply.symptoms), width, "  ")
            rule = match.rule if match is not None else "red flags are checked first, before any matching"
            out += para("", f"Rule: {rule}", width, "  ")
        if shown is not None and shown.candidates:
            out += [("label", "  Top candidates:\n")]
            for c in shown.candidates:
                name = self.knowledge.title_of(c.label)
                out += prefixed("score", f"    {c.score:.2f}  ", f"{name} ({c.label})", width)
            if shown.kind in ("answer", "ambiguous"):
                out += para("", f"Margin over the runner-up: {shown.margin:.2f}", width, "  ")
        if reply.kind != "urgent" and match is not None:
            if block.chosen_from is not None and shown is not None and shown is not match:
                out += para("", f"Rule: {shown.rule}; then {match.rule}", width, "  ")
            else:
                out += para("", f"Rule: {match.rule}", width, "  ")
        verdict = f"{reply.kind}" + (f" \u2192 {reply.title}" if reply.intent and reply.title else "")
        out += para("", f"Result: {verdict}", width, "  ")
        return out

    def _offer(self, block: b.ShowQuizOffer, width: int) -> Fragments:
        return para("quiz", "Quick check: want one quiz question on this, to test your understanding? (y/n)", width)

    def _quiz_disclaimer(self) -> str:
        return f"{self._short_disclaimer} (/disclaimer shows it in full.)"

    def _quiz_start(self, block: b.ShowQuizStart, width: int) -> Fragments:
        out = quiz_start(block.total, width, disclaimer=self._quiz_disclaimer(), titles=block.titles)
        if block.whole:
            out += para("hint", f"A short quiz, across the topics: /quiz asks all {block.whole} questions, "
                                "/quiz TOPIC the ones on a topic.", width)
        return out

    def _question(self, block: b.ShowQuizQuestion, width: int) -> Fragments:
        if not block.check:
            return quiz_question(block.item, width)
        out = para("disclaimer", self._quiz_disclaimer(), width) + [("", "\n")]
        out += quiz_question(block.item, width, heading="Quick check")
        what = "a letter" if block.item.letters else "true or false"
        return out + para("hint", f"Type {what} (or \u201cskip\u201d).", width)

    def _feedback(self, block: b.ShowFeedback, width: int) -> Fragments:
        return quiz_feedback(block.feedback, width, item=block.item, typed=block.typed, marks=self.marks)

    def _summary(self, block: b.ShowSummary, width: int) -> Fragments:
        out = quiz_summary(block.summary, width, ended=block.ended, title=self.knowledge.title_of)
        return out + para("hint", "Back to questions: ask me anything.", width)

    def _goodbye(self, block: b.Goodbye, width: int) -> Fragments:
        return para("", block.text, width)
