"""A reply laid out for a person: heading, answer, source, suggestions and disclaimer.

``botox-faq ask`` and the chat (plain in a pipe, coloured in the REPL) both show these fragments (see
:mod:`assistant.layout.fragments`), so the wording is the same everywhere and only the colour differs.

>>> from assistant import Assistant
>>> print(format_reply(Assistant().ask("hello"), width=60))
Hello! I answer questions about Botox treatment for facial
asymmetry, from one guide. Ask me anything about it, or say
"quiz me" to test what you know.
"""

from __future__ import annotations

from ..core import Reply
from ..understanding.urgent import CONTACT_DOCTOR
from .fragments import Fragments, lead, numbered, para, spaced, text_of

__all__ = ["format_reply", "reply_fragments"]


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
        body = para("", reply.lead, width) + numbered((c.ask for c in reply.choices), width)
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
    return spaced(parts)


def format_reply(reply: Reply, width: int = 80) -> str:
    """A reply as a person reads it: heading, answer, source, suggestions and the full disclaimer."""
    return text_of(reply_fragments(reply, width))
