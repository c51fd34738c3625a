"""Reading a message the way people write it: sentences, the asks among them, and the scene.

Patients tell their story first and ask last, often two or three things at
once. A message is cut into sentences, and a sentence into clauses where a new
question starts ("does it hurt and how much does it cost?"). A clause that
asks (a question mark, an opening such as "can", "how", "is", or a phrase such
as "I'd like to know") is an *ask*; the others set the *scene*.

>>> [(s.text, s.ask) for s in read_message("I had Bell's palsy years ago. Can Botox help?")]
[("I had Bell's palsy years ago", False), ('Can Botox help', True)]
>>> [s.text for s in read_message("does it hurt and how much does it cost?")]
['does it hurt', 'how much does it cost']
>>> [s.text for s in read_message("hi, what is botox?")]
['hi', 'what is botox']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

__all__ = ["Segment", "read_message", "MAX_SEGMENTS", "yes_or_no", "plainly_asks", "checks_claim", "first_person",
           "tells_harm", "tells_nothing_done", "is_condition"]

FRONTED_WORDS = 3  # "also X," of at most this many words put before an ask in its sentence is what it asks about
MAX_SEGMENTS = 24  # a message is read up to this many clauses (the matcher reads 600 characters anyway)

# Phrases that ask without a question mark ("I'd like to know...", "any advice").
ASK_PHRASES = (
    "want to know", "wanted to know", "like to know", "need to know", "wondering", "wonder if", "wonder whether",
    "tell me", "wondered if", "wondered whether", "wondered what", "wondered how", "wondered why", "wonder what",
    "wonder how", "wonder why", "any advice", "any suggestions", "any suggestion", "any info", "any information", "any ideas",
    "please advise", "let me know", "help me", "what to do", "should i", "can i", "is it", "curious",
    "not sure if", "not sure whether", "not sure what", "not sure who", "thoughts on", "recommend",
    "know if", "know whether", "ask whether", "ask if", "ask on here", "asking on here", "find out if", "find out whether",
)
# A clause starting with one of these after "and", "but", "also", "or", a comma or "so" is a new ask.
_JOINERS = r"(?:,?\s+(?:and|but|also|or|plus|so|n|&|\+)\s+|,\s*(?:and\s+|but\s+|also\s+|or\s+)?)"  # "n", "&", "+" as texted
_AUX = frozenset("can could does do did is are was were will would should shall has have isnt doesnt dont arent wont "
                 "cant wud cud shud".split())  # and as texted: "wud botox sort it"
# Words that can follow "can", "is", "will"... in a question ("can botox", "is it", "will my face").
_SUBJECTS = frozenset("i you u he she it we they this that these those there botox tox my your ur his her our their the a an "
                      "someone anyone anybody everyone people injections jabs shots it's its every each some all one "
                      "both either neither other another more most no such".split())
_WE_ARE = {"we're": "we", "we\u2019re": "we"}  # not "were" once the apostrophe goes: "We're both going" tells
_OPENERS = "can could does do is are will would should wud cud shud what whats who whos which why when where how hows".split() + [
    r"am(?=\s+i\s+(?!but\b|and\b|too\b|so\b)\w)", r"(?:has|have)(?=\s+(?:anyone|anybody|you)\s+\w)"]  # "...or am I
# just being vain?", not "...and so am I (but...)"; "...and has anyone had this?", "have you seen...", not "...and
# have been fine", "...and has this odd arch"
# Verbs that, opening a sentence, ask whatever follows ("Does insurance cover it?"); not "can", "was",
# "have", "did", "dont", which open stories as often ("Can barely smile", "Was told...", "Dont know...").
_ASKING_VERBS = frozenset("does do is are will would should isnt doesnt arent wont".split())
_CLAUSE = re.compile(
    _JOINERS + r"(?=(?:also\s+|then\s+|[a-z]{2,}ly\s+|if\s+so\s*,?\s*|if\s+not\s*,?\s*)?(?:" + "|".join(_OPENERS) + r")\b)",
    re.IGNORECASE,
)
# A comma before someone new telling something starts a clause of its own: "what is botox exactly, my mum
# keeps saying she wants it" asks what Botox is; the rest sets the scene.
_TELLING = re.compile(r",\s+(?=(?:i|he|she|they|we|my|his|her|our|their)\s+(?!\w+ing\b)[a-z']+\s)", re.IGNORECASE)
# A question run on from a story with no stop between ("...with botox on the other side can botox actually help?"):
# a modal and whom it asks of, after a word a story's sentence ends on (_RUN_ON_AFTER: a side, a time), not after
# who does it ("my sister said botox can help" tells).
_RUN_ON = re.compile(r"\s+(?=(?:can|could|would|should|will|does|do)\s+(?:botox|i|you|it|they|injections?)\s+\w)", re.IGNORECASE)
# A second question run on from a first with no stop between ("does botox hurt does it bruise how long do the bruises
# last"): cut only where the clause so far opens as a question itself.
# (The word before is checked apart, _NOT_BEFORE_ASK: a lookbehind tried at every character is slow.)
_RUN_ON_ASK = re.compile(r"\s+(?=(?:(?:can|could|would|should|will|does|is|are)\s+(?:botox|i|you|it|they|there|injections?|my|the|your)"
                         r"|do\s+(?:i|you|they|we)|how\s+(?:long|much|many|soon|often)\s+(?:do|does|is|are|will|would|can|should|did))"
                         r"\s+\w)", re.IGNORECASE)
_NOT_BEFORE_ASK = frozenset("to can will would should could must might".split())  # "is it ok to | do it": one ask
_RUN_ON_AFTER = frozenset("side face smile brow brows jaw lip mouth eye eyes cheek forehead ago week weeks month months year "
                          "years day days time before now here there".split())  # where a story's last word may end
# "...how botox works and if it can even out my smile": a second indirect question, asked as the first was.
_INDIRECT = re.compile(r",?\s+(?:and|or)\s+(?=(?:if|whether)\s)", re.IGNORECASE)
# "if it does go wrong is it permanent": the condition sets the scene, the question after it asks.
_CONDITION = re.compile(r"\s*(?:and\s+|but\s+|or\s+)?(?:if|when)\s+(?!so\b|not\b)\S+(?:\s+\S+){0,8}?,?\s+(?=(?:(?:is|are|will|can|could|"
                        r"does|do|would|should)\s+(?:it|i|you|my|mine|she|he|they|this|that|botox|the)|what|why|how|who)\b)",
                        re.IGNORECASE)
# "I've heard it's made from food poisoning?? Is that true?": the heard claim is what the ask checks, a story
# "my sister had it done, if I go to her injector will mine look the same?": a condition and its question after a comma
_COMMA_IF = re.compile(r",\s+(?=(?:if|when)\s)", re.IGNORECASE)
_HEARSAY = re.compile(r"\b(?:heard|read|been told|was told|told me|says|said|reckons|reckoned|thinks|claims|swears|"
                      r"keeps saying)\b", re.IGNORECASE)
_CHECKS = re.compile(r"^(?:(?:is|was|are) (?:that|this|it|any of that|any of this|(?:s?he|they)) (?:true|right|correct|real|"
                     r"a myth|accurate)|(?:who is|whos|who's) right)(?:\s+(?:or not|though|at all|really))?\s*(?:[,.!?]|$)",
                     re.IGNORECASE)
# A plea for help with the whole story ("any advice appreciated", "if not, any suggestions") asks nothing of its own
_PLEA = re.compile(r"^(?:if not,?\s+)?any\s+(?:advice|tips?|help|info|information|ideas?|suggestions?|thoughts|input|"
                   r"experiences?|recommendations?)\b|\b(?:appreciated|welcome)\b|^can (?:anyone|anybody|someone) help\b",
                   re.IGNORECASE)
# "...and my smile droops. Which my friends have noticed?": a relative clause, telling
_RELATIVE = re.compile(r"^which\s+(?:i|my|we|our|he|she|they|his|her|their|people|everyone|means|meant|made|makes)\b",
                       re.IGNORECASE)
_LIST_MARK = re.compile(r"^\s*[a-e]\)\s+")  # a lettered list's first mark, "a) does it hurt"
_OR = re.compile(r"\bor\b", re.IGNORECASE)
_LEADING_JOINER = re.compile(r"^(?:and|but|also|or|plus|so)\s+", re.IGNORECASE)
# Emoji (with their joiners, skin tones and variation selectors) end a sentence as a full stop would:
# "first time here 🙋‍♀️ who should do it?"
_EMOJI = "\U0001F300-\U0001FAFF\u2600-\u27BF\U0001F000-\U0001F2FF"
# Sentence ends: . ! ? ; and line breaks, but not the dot in "e.g." or "0.5". (The lookahead of the
# characters a sentence end can start with lets the search skip every other character quickly.)
_SENTENCE = re.compile(r"(?=[.!?;:\n…\s|0-9" + _EMOJI + r"])(?:(?<!\.[a-z])([.!?;:]+|\n+|…+)(?=\s|$)|\n+|"
                       r"\s[-\u2013\u2014|]+\s|(?:(?<=\s)|^)\d{1,2}\)(?=\s)|\s[a-e]\)(?=\s)|"  # a dash, a bar, a list's "1)", "b)"
                       r"\s*[" + _EMOJI + r"][" + _EMOJI + "\u200d\ufe0f" + r"]*[.!?]*(?=\s|$))",
                       re.IGNORECASE)
# "yes", "no", "ok" greet only with a stop after them ("no, but will it bruise?"), not "no pain, nothing new"
_GREETING = re.compile(r"^\s*(hi|hello|hey|hiya|dear \w+|good (?:morning|afternoon|evening)|thanks|thank you|"
                       r"no thanks|(?:ok(?:ay)?|yes|no)(?=\s*[,!.:-]))\b\s*[,!.:-]*\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Segment:
    """One clause of a message: its text, where it starts, and whether it asks something."""

    text: str
    start: int
    ask: bool
    alternative: bool = False  # cut from the clause before at "or": "is it permanent | or does it wear off"


def _opens_question(words: list[str], sentence_start: bool = False) -> bool:
    """True for "can botox...", "does it...", "what is...", "how long...", "when will...", and at the start
    of a sentence "does insurance...", "is filler..."; False for "can see fine" (no subject), "was told"
    and "when I was 8" (a story)."""
    if not words:
        return False
    first, second = words[0], (words[1] if len(words) > 1 else "")
    if sentence_start and first in _ASKING_VERBS:
        return True
    if first == "am":  # "...or am I just being vain?"; not "...and am thinking of it"
        return second == "i"
    if first in _AUX:  # "can botox", "would relaxing that side..."
        return second in _SUBJECTS or second.endswith("ing") or not second
    if first in ("what", "whats", "wat", "wot", "wut", "wats", "who", "whos", "whom", "whose", "which", "why", "hows",
                 "wheres", "whens"):  # "how's", "where's": "is" follows
        return True
    if first in ("how", "when", "where"):
        return second in _AUX or second in ("much", "many", "long", "soon", "often", "old", "quickly", "fast", "quick",
                                            "bad", "big", "common", "likely", "safe", "painful", "far", "effective")
    return first in ("any", "anyone", "anybody")


def yes_or_no(text: str) -> bool:
    """True for a question answered yes or no ("is that ok?", "does it matter?"), False for "what's it for?".

    >>> yes_or_no("is that normal"), yes_or_no("what's it actually for")
    (True, False)
    """
    first = text.lower().split(maxsplit=1)[:1]
    return bool(first) and first[0].replace("'", "").replace("\u2019", "") in _AUX


_FIRST_PERSON = frozenset("i my me mine".split())  # the one asking ("i'm", "i've" are "i am", "i have")
# A face gone wrong, as told: a harm word, not the reason the injection was for ("got botox for my uneven brows").
_HARM = re.compile(r"\b(?:uneven|lopsided|crooked|wonky|droop\w*|dropped|drops|lower|higher|worse|wrong|asymmetric\w*|shoot\w* up|shot up|went up|gone up|looks? different)\b")
_REASON = re.compile(r"\bfor\s+(?:\w+\s+){0,2}$")  # "...for my", "...for her left": what the harm word is the reason of
# An injection told to have done nothing (yet), which left no result.
_NOTHING_DONE = re.compile(r"\bnothing (?:has |is )?changed\b|\bno (?:change|changes|difference|effect)\b"
                           r"|\bnot (?:work|working|worked|kicked in|taken effect|done anything)\b"
                           r"|\bnot seem to (?:be )?work|\b(?:exactly|still) the same\b")


def first_person(text: str) -> bool:
    """True if a normalised clause speaks in the first person ("my brow has dropped", "i had botox").

    >>> first_person("got botox on monday and my left brow has dropped"), first_person("she had botox")
    (True, False)
    """
    return not _FIRST_PERSON.isdisjoint(text.split())


def tells_harm(text: str) -> bool:
    """True if a normalised clause tells of a face gone wrong, not of what a treatment was for.

    >>> tells_harm("my left brow has dropped since"), tells_harm("got botox for my uneven brows")
    (True, False)
    """
    return any(not _REASON.search(text[:m.start()]) for m in _HARM.finditer(text))


def tells_nothing_done(text: str) -> bool:
    """True if a normalised clause tells of an injection that has done nothing (yet).

    >>> tells_nothing_done("had botox on tuesday and nothing changed yet"), tells_nothing_done("it did not work")
    (True, True)
    """
    return _NOTHING_DONE.search(text) is not None


_IF = re.compile(r"(?:if|when|once)\s", re.IGNORECASE)


def is_condition(text: str) -> bool:
    """True for a clause that tells what may happen, opening with "if", "when" or "once" (a condition cut from its
    question, whose "it" is what may come of it).

    >>> is_condition("if my face ends up uneven"), is_condition("my face is uneven")
    (True, False)
    """
    return _IF.match(text) is not None


def checks_claim(text: str) -> bool:
    """True for an ask that checks what was said before it ("is that true?", "is he right?", "who's right?").

    >>> checks_claim("is that true, seems too easy"), checks_claim("is it right for me")
    (True, False)
    """
    return _CHECKS.match(text) is not None


def plainly_asks(text: str) -> bool:
    """True for a clause that asks in so many words, three or more ("is botox an option for it",
    "I'd like to know who does it"), False for a story's clause that only ends in a question mark ("my
    face is odd?", "which my friends have noticed?"), for a word or two ("Normal?", "a dentist?") and for a
    plea for help with the whole story ("any advice appreciated").

    >>> plainly_asks("who should I even go to for it"), plainly_asks("a dentist"), plainly_asks("any tips welcome")
    (True, False, False)
    >>> plainly_asks("which my friends have noticed"), plainly_asks("which injector should I choose")
    (False, True)
    """
    return (len(text.split()) >= 3 and _is_ask(text, False, True) and not _PLEA.search(text)
            and not _RELATIVE.match(text))


def _is_ask(text: str, question_mark: bool, sentence_start: bool = False) -> bool:
    """A clause asks if it ends in a question mark, opens like a question, or uses an asking phrase."""
    if question_mark:
        return True
    lowered = text.lower()
    words = [_WE_ARE.get(w, w).strip("'\"(,").replace("'", "").replace("\u2019", "")  # "what's": whats
             for w in lowered.split()[:5]]
    if len(words) > 1 and len(words[0]) > 4 and words[0].endswith("ly"):  # "roughly how much...", "honestly is it..."
        words = words[1:]
    if words[1:3] == ["on", "earth"]:  # "where on earth do you park?" asks as "where do you park?" does
        words = words[:1] + words[3:]
    words = words[:2]
    return _opens_question(words, sentence_start) or any(p in lowered for p in ASK_PHRASES)


def _sentences(message: str) -> list[tuple[str, int, bool]]:
    """(text, start, ended with a question mark) for each sentence."""
    out: list[tuple[str, int, bool]] = []
    start = 0
    for m in _SENTENCE.finditer(message):
        out.append((message[start:m.start()], start, "?" in m.group(0)))
        start = m.end()
    out.append((message[start:], start, False))
    return out


def _clauses(text: str, start: int) -> list[tuple[str, int, bool, bool]]:
    """A sentence cut where a greeting ends or a new question begins: (text, start, only sets the scene:
    a greeting, or a condition before its question; cut at "or")."""
    pieces: list[tuple[str, int, bool, bool]] = []
    greeting = _GREETING.match(text)
    if greeting and text[greeting.end():].strip():
        pieces.append((text[: greeting.end()], start, True, False))
        text, start = text[greeting.end():], start + greeting.end()
    last = 0
    run_on = [m for m in _RUN_ON.finditer(text) if (before := text[:m.start()].split()) and before[-1].lower() in _RUN_ON_AFTER]
    comma = "," in text  # (most cuts need a comma or "if": a sentence without them is not searched for those)
    conditions = [m for m in _COMMA_IF.finditer(text) if _CONDITION.match(text, m.end())] if comma else []
    asked_on = [m for m in _RUN_ON_ASK.finditer(text) if (before := text[:m.start()].split()) and before[-1][-1:].isalpha()
                and before[-1].lower() not in _NOT_BEFORE_ASK]
    lowered = text.lower()
    indirect = _INDIRECT.finditer(text) if "if" in lowered or "whether" in lowered else ()
    cuts = sorted([*_CLAUSE.finditer(text), *(_TELLING.finditer(text) if comma else ()), *indirect, *run_on, *conditions,
                   *asked_on], key=lambda m: m.start())
    bounds: list[tuple[int, int, bool]] = []
    alternative = False
    for m in cuts:
        if m in asked_on and not (len(asked := text[last:m.start()].lower().split()) >= 3 and asked[0] in _AUX
                                  and _opens_question(asked[:2])):
            continue  # "does botox hurt | does it bruise", not "how many units | will i need", "i wonder does it hurt"
        if m.start() >= last:
            bounds.append((last, m.start(), alternative))
            last = m.end()
            alternative = _OR.search(m.group(0)) is not None
    bounds.append((last, len(text), alternative))
    for lo, hi, alternative in bounds:
        condition = _CONDITION.match(text, lo, hi)
        if condition:  # "if it goes wrong | is it permanent?"
            pieces.append((text[lo:condition.end()], start + lo, True, False))
            lo = condition.end()
        pieces.append((text[lo:hi], start + lo, False, alternative))
    return pieces


def read_message(message: str, *, limit: int = MAX_SEGMENTS) -> list[Segment]:
    """The message's clauses, in order, each marked as an ask or not (empty ones dropped)."""
    segments: list[Segment] = []
    for sentence, start, question_mark in _sentences(message):
        clauses = _clauses(sentence, start)
        first = True  # the sentence's first clause with words in it
        for number, (text, at, scene, alternative) in enumerate(clauses, 1):
            stripped = _LEADING_JOINER.sub("", _LIST_MARK.sub("", text).strip(" \t,-:\"'()*"))
            if not any(ch.isalnum() for ch in stripped):
                continue
            lead = len(text) - len(text.lstrip(" \t,-:\"'()*"))
            # The question mark belongs to the last clause: "my face is lopsided, can botox help?"
            asks = _is_ask(stripped, question_mark and number == len(clauses), first) or (
                number > 1 and segments[-1].ask and stripped.lower().startswith(("if ", "whether ")))
            if asks and not question_mark and number > 1 and _RELATIVE.match(stripped):
                asks = False  # "...when I laugh, which my friends have noticed.": it tells more of what went before
            if asks and checks_claim(stripped):  # the claim checked ("I've heard X?? Is that true?") is told
                told = next((k for k in range(len(segments) - 1, -1, -1) if segments[k].ask), None)
                if told is not None and _HEARSAY.search(segments[told].text):
                    segments[told] = replace(segments[told], ask=False)
            if asks and not scene and not first and segments and not segments[-1].ask and segments[-1].start >= start and (
                    len(segments[-1].text.split()) <= FRONTED_WORDS and _LEADING_JOINER.match(message[segments[-1].start:])):
                # a topic put first, then asked about: "also bruising, how bad are we talking?"
                fronted = segments.pop()
                stripped, at, lead = message[fronted.start:at + lead + len(stripped)], fronted.start, 0
            segments.append(Segment(stripped, at + lead, not scene and asks, alternative))
            first = False
            if len(segments) >= limit:
                return segments
    return segments
