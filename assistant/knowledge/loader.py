"""Reading a knowledge pack from YAML: every problem reported with its file, line and column.

The YAML is composed into nodes (never constructed into Python objects by
tag), so a file can't build arbitrary objects, and every value keeps the mark
of where it stands.

>>> from assistant.knowledge import bundled_knowledge_path
>>> knowledge, problems = read_pack(bundled_knowledge_path())
>>> [p for p in problems if p.level == "error"]
[]
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, get_args

import yaml

from ..errors import KnowledgeError, Problem
from ..folding import plain  # how duplicates are spotted: case, accents, quotes, punctuation and spacing don't count
from .fields import FIELDS, ID_PATTERN, OPTIONS, SECTIONS, WINDOW
from .yaml_reader import YamlReader, compose_file
from .records import (
    Intent,
    IntentKind,
    Knowledge,
    LexiconData,
    NotCovered,
    Pack,
    QuizKind,
    QuizQuestion,
    TIERS,
    URGENT_LISTS,
    RedFlag,
    UrgentRules,
    bundled_knowledge_path,
    paused_gc,
)

__all__ = ["SECTIONS", "is_bundled", "load_knowledge", "read_pack"]

INTENT_KINDS: tuple[IntentKind, ...] = get_args(IntentKind)
QUIZ_KINDS: tuple[QuizKind, ...] = get_args(QuizKind)
_ID = re.compile(ID_PATTERN)


def _pack_files(path: Path, problems: list[Problem]) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        problems.append(Problem(str(path), 0, 0, "no such knowledge pack (expected a directory of YAML files)"))
        return []
    files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    if not files:
        problems.append(Problem(str(path), 0, 0, "the directory has no .yaml files"))
    return files


class _PackBuilder:
    """Collects the sections of every file of a pack, then checks what refers to what."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.pack: Pack | None = None
        self.intents: list[tuple[Intent, YamlReader, yaml.Node, dict[str, tuple[yaml.Node, yaml.Node]]]] = []
        self.not_covered: list[tuple[NotCovered, YamlReader, yaml.Node]] = []
        self.lexicon: LexiconData | None = None
        self.urgent: UrgentRules | None = None
        self.quiz: list[tuple[QuizQuestion, YamlReader, yaml.Node]] = []
        self.not_typos: set[str] = set()
        self.declared: set[str] = set()  # every intent id written, even of a broken intent

    def add_file(self, path: Path) -> None:
        reader = YamlReader(str(path), self.problems)
        root = compose_file(path, reader)
        if root is None:
            return
        top = reader.mapping(root, "the file")
        if top is None:
            return
        for name, (key_node, value_node) in top.items():
            handler: Callable[[YamlReader, yaml.Node, yaml.Node], None] | None = getattr(self, f"_section_{name}", None)
            if name not in SECTIONS or handler is None:
                reader.error(key_node, f"unknown section {name!r} (expected one of: {', '.join(SECTIONS)})")
                continue
            handler(reader, key_node, value_node)

    def _once(self, reader: YamlReader, key_node: yaml.Node, already: object, name: str) -> bool:
        if already is not None:
            reader.error(key_node, f"section {name!r} appears in more than one file")
            return False
        return True

    def _section_pack(self, reader: YamlReader, key_node: yaml.Node, node: yaml.Node) -> None:
        if not self._once(reader, key_node, self.pack, "pack"):
            return
        found = reader.fields(node, "pack", *FIELDS["pack"])
        if found is None:
            return
        values: dict[str, Any] = {k: reader.text(v, f"pack {k}") or "" for k, (_, v) in found.items() if k not in ("sources", "messages")}
        maps: dict[str, Any] = {}
        for name in ("sources", "messages"):
            entries: dict[str, str] = {}
            if name in found:
                for key, (_, value) in (reader.mapping(found[name][1], f"pack {name}") or {}).items():
                    text = reader.text(value, f"pack {name} {key!r}")
                    if text:
                        entries[key] = text
            maps[name] = MappingProxyType(entries)
        self.pack = Pack(**values, **maps)

    def _section_intents(self, reader: YamlReader, key_node: yaml.Node, node: yaml.Node) -> None:
        for item in reader.sequence(node, "intents") or ():
            found = reader.fields(item, "an intent", *FIELDS["intent"], named_by="id")
            if found is None:
                continue
            intent_id = reader.text(found["id"][1], "an intent's id") if "id" in found else None
            what = f"intent {intent_id!r}" if intent_id else "an intent"
            if intent_id:
                self.declared.add(intent_id)
            if intent_id and not _ID.match(intent_id):
                reader.error(found["id"][1], f"{what}: ids use lower-case letters, digits, '.', '-' and '_'")
            kind = reader.text(found["kind"][1], f"{what} kind") if "kind" in found else "answer"
            if kind and kind not in INTENT_KINDS:
                reader.error(found["kind"][1], f"{what} has kind {kind!r} (expected one of: {', '.join(INTENT_KINDS)})")
            if kind in ("answer", "urgent") and "source" not in found:
                reader.error(item, f"{what} has no source (which part of the guide it rests on)")
            answer = reader.field_text(found, "answer", what)
            examples = reader.field_texts(found, "examples", what)
            seq = {k: reader.texts(found[k][1], f"{what} {k}", allow_empty=True) if k in found else ()
                   for k in ("source", "follow_up", "quiz_topics", "told")}
            title = reader.field_text(found, "title", what)
            ask = reader.field_text(found, "ask", what)
            if intent_id and answer and examples and kind in INTENT_KINDS:
                intent = Intent(id=intent_id, title=title or ask or intent_id, answer=" ".join(answer.split()),
                                examples=examples, kind=kind or "answer", ask=ask or "", **seq)
                self.intents.append((intent, reader, item, found))

    def _section_not_covered(self, reader: YamlReader, key_node: yaml.Node, node: yaml.Node) -> None:
        for item in reader.sequence(node, "not_covered") or ():
            found = reader.fields(item, "a not-covered topic", *FIELDS["not_covered"], named_by="id")
            if found is None:
                continue
            topic_id = reader.text(found["id"][1], "a not-covered topic's id") if "id" in found else None
            what = f"not-covered topic {topic_id!r}" if topic_id else "a not-covered topic"
            title = reader.field_text(found, "title", what)
            examples = reader.field_texts(found, "examples", what)
            related = reader.field_texts(found, "related", what, allow_empty=True)
            keywords = reader.field_texts(found, "keywords", what, allow_empty=True)
            beside = reader.field_texts(found, "beside", what, allow_empty=True)
            qualifies = reader.field_texts(found, "qualifies", what, allow_empty=True)
            after_treatment = reader.field_texts(found, "after_treatment", what, allow_empty=True)
            if topic_id and title and examples:
                self.not_covered.append((NotCovered(topic_id, title, examples, related, keywords, beside, qualifies,
                                                    after_treatment), reader, item))

    def _section_lexicon(self, reader: YamlReader, key_node: yaml.Node, node: yaml.Node) -> None:
        if not self._once(reader, key_node, self.lexicon, "lexicon"):
            return
        found = reader.fields(node, "lexicon", *FIELDS["lexicon"])
        if found is None:
            return
        contractions: dict[str, str] = {}
        if "contractions" in found:
            for key, (_, value) in (reader.mapping(found["contractions"][1], "lexicon contractions") or {}).items():
                expanded = reader.scalar(value, f"contraction {key!r}")
                if isinstance(expanded, str):
                    contractions[key.casefold()] = expanded.casefold()
                elif expanded is not None:
                    reader.error(value, f"contraction {key!r} should expand to text")
        concepts: dict[str, tuple[str, ...]] = {}
        if "concepts" in found:
            for key, (_, value) in (reader.mapping(found["concepts"][1], "lexicon concepts") or {}).items():
                concepts[key] = reader.texts(value, f"concept {key!r}")
        words = {name: frozenset(w.casefold() for w in reader.texts(found[name][1], f"lexicon {name}", allow_empty=True))
                 if name in found else frozenset() for name in ("stopwords", "filler", "anchors", "topical", "broad", "not_typos")}
        for name in ("anchors", "topical", "broad"):
            for concept in sorted(words[name] - set(concepts)):
                reader.error(found[name][1], f"{name[:-1] if name == 'anchors' else name} {concept!r} is not a concept of the lexicon")
        for concept in sorted(words["broad"] - words["topical"]):
            reader.error(found["broad"][1], f"broad {concept!r} is not a topical concept")
        self.lexicon = LexiconData(contractions=MappingProxyType(contractions), concepts=MappingProxyType(concepts), **words)

    def _section_not_typos(self, reader: YamlReader, key_node: yaml.Node, node: yaml.Node) -> None:
        self.not_typos.update(w.casefold() for w in reader.texts(node, "not_typos", allow_empty=True))

    def _section_urgent(self, reader: YamlReader, key_node: yaml.Node, node: yaml.Node) -> None:
        if not self._once(reader, key_node, self.urgent, "urgent"):
            return
        found = reader.fields(node, "urgent", *FIELDS["urgent"])
        if found is None:
            return
        cues: dict[str, tuple[str, ...]] = {}
        for name, (_, value) in (reader.mapping(found["cues"][1], "urgent cues") or {} if "cues" in found else {}).items():
            cues[name] = reader.texts(value, f"urgent cue {name!r}")
        flags: list[RedFlag] = []
        for item in reader.sequence(found["red_flags"][1], "urgent red_flags") or () if "red_flags" in found else ():
            flag = reader.fields(item, "a red flag", *FIELDS["red_flag"], named_by="id")
            if flag is None:
                continue
            flag_id = reader.text(flag["id"][1], "a red flag's id") if "id" in flag else None
            what = f"red flag {flag_id!r}" if flag_id else "a red flag"
            phrases = reader.texts(flag["phrases"][1], f"{what} phrases", allow_empty=True) if "phrases" in flag else ()
            pairs = []
            for pair in reader.sequence(flag["pairs"][1], f"{what} pairs") or () if "pairs" in flag else ():
                groups = reader.sequence(pair, f"a pair of {what}")
                if groups is not None and len(groups) != 2:
                    reader.error(pair, f"a pair of {what} should hold two lists of words")
                elif groups is not None:
                    pairs.append((reader.texts(groups[0], f"a pair of {what}"), reader.texts(groups[1], f"a pair of {what}")))
            if not phrases and not pairs:
                reader.error(item, f"{what} has neither phrases nor pairs")
            switches: dict[str, Any] = {name: bool(reader.boolean(flag[name][1], f"{what} {name}")) if name in flag else False
                        for name in ("pre_existing_ok", "stroke", "absent")}
            tier = reader.text(flag["tier"][1], f"{what} tier") if "tier" in flag else "emergency"
            if tier and tier not in TIERS:
                reader.error(flag["tier"][1], f"{what} has tier {tier!r} (expected one of: {', '.join(TIERS)})")
            lists: dict[str, Any] = {name: reader.texts(flag[name][1], f"{what} {name}") if name in flag else ()
                     for name in ("needs", "unless", "emergency_with")}
            for need in lists["needs"]:
                if need not in ("sudden", "abrupt") and need not in cues:
                    reader.error(flag["needs"][1], f"{what} needs {need!r}, which is not among the urgent cues")
            label = reader.text(flag["label"][1], f"{what} label") if "label" in flag else None
            if flag_id and label and tier in TIERS:
                flags.append(RedFlag(flag_id, label, phrases, tuple(pairs), tier=tier, **switches, **lists))
        ids = {f.id for f in flags}
        for f in flags:
            for other in f.emergency_with:
                if other not in ids:
                    reader.error(found["red_flags"][1], f"red flag {f.id!r}: emergency_with names an unknown red flag {other!r}")
        window = reader.integer(found["window"][1], "urgent window", *WINDOW) if "window" in found else None
        lists = {name: reader.texts(found[name][1], f"urgent {name}", allow_empty=True) if name in found else ()
                 for name in URGENT_LISTS}
        notes: dict[str, Any] = {name: " ".join((reader.text(found[name][1], f"urgent {name}") or "").split()) if name in found else ""
                 for name in ("note", "undated_droop")}
        self.urgent = UrgentRules(red_flags=tuple(flags), window=window or 4, cues=MappingProxyType(cues), **lists, **notes)

    def _section_quiz(self, reader: YamlReader, key_node: yaml.Node, node: yaml.Node) -> None:
        for item in reader.sequence(node, "quiz") or ():
            found = reader.fields(item, "a quiz question", *FIELDS["quiz"], named_by="id")
            if found is None:
                continue
            qid = reader.text(found["id"][1], "a quiz question's id") if "id" in found else None
            what = f"quiz question {qid!r}" if qid else "a quiz question"
            kind = reader.field_text(found, "kind", what)
            if kind and kind not in QUIZ_KINDS:
                reader.error(found["kind"][1], f"{what} has kind {kind!r} (expected one of: {', '.join(QUIZ_KINDS)})")
                kind = None
            question = reader.field_text(found, "question", what)
            explanation = reader.field_text(found, "explanation", what)
            intents = reader.field_texts(found, "intents", what)
            options: tuple[str, ...] = ()
            answer: str | None = None
            if kind == "choice":
                if "options" not in found:
                    reader.error(item, f"{what} is multiple choice but has no options")
                else:
                    options = reader.texts(found["options"][1], f"{what} options")
                    if options and not OPTIONS[0] <= len(options) <= OPTIONS[1]:
                        reader.error(found["options"][1], f"{what} should have {OPTIONS[0]} to {OPTIONS[1]} options, not {len(options)}")
                    if len({plain(o) for o in options}) != len(options):
                        reader.error(found["options"][1], f"{what} has the same option twice")
                if "answer" in found:
                    answer = reader.text(found["answer"][1], f"{what} answer")
                    if answer and options and answer not in options:
                        reader.error(found["answer"][1], f"{what}: the answer {answer!r} is not among its options")
                        answer = None
            elif kind == "true-false":
                if "options" in found:
                    reader.error(found["options"][0], f"{what} is true/false and takes no options")
                value = reader.boolean(found["answer"][1], f"{what} answer") if "answer" in found else None
                answer = None if value is None else ("true" if value else "false")
                options = ("true", "false")
            if qid and kind and question and explanation and intents and answer:
                self.quiz.append((QuizQuestion(qid, intents, kind, question, options, answer, explanation), reader, item))

    def finish(self, path: Path) -> Knowledge | None:
        ids: dict[str, tuple[YamlReader, yaml.Node]] = {}
        for intent, reader, item, _ in self.intents:
            if intent.id in ids:
                first_reader, first_node = ids[intent.id]
                line = first_node.start_mark.line + 1
                where = f"line {line}" if first_reader.path == reader.path else f"{first_reader.path}:{line}"
                reader.error(item, f"intent {intent.id!r} is defined twice (first at {where})")
            else:
                ids[intent.id] = (reader, item)
        self._check_examples()
        pack = self.pack or Pack()
        lexicon = self.lexicon or LexiconData()
        known = set(ids) | self.declared
        for intent, reader, _, found in self.intents:
            for field_name in ("follow_up", "quiz_topics"):
                for ref in getattr(intent, field_name):
                    if ref not in known:
                        reader.error(found[field_name][1], f"intent {intent.id!r} {field_name} names an unknown intent {ref!r}")
            for concept in intent.told:
                if concept not in lexicon.concepts:
                    reader.error(found["told"][1], f"intent {intent.id!r} told names an unknown lexicon concept {concept!r}")
            if pack.sources:
                for source in intent.source:
                    if source not in pack.sources:
                        reader.error(found["source"][1], f"intent {intent.id!r} names an unknown source {source!r} (see pack sources)")
        nc_ids: set[str] = set()
        for topic, reader, item in self.not_covered:
            if topic.id in nc_ids or topic.id in known:
                reader.error(item, f"not-covered topic {topic.id!r} reuses an id")
            nc_ids.add(topic.id)
            for ref in topic.related:
                if ref not in known:
                    reader.error(item, f"not-covered topic {topic.id!r} names an unknown related intent {ref!r}")
            for field_name in ("beside", "qualifies", "after_treatment"):
                for ref in getattr(topic, field_name):
                    if ref not in known:
                        reader.error(item, f"not-covered topic {topic.id!r} names an unknown intent {ref!r} in {field_name}")
        self._check_quiz(known)
        if not self.intents and not any(p.level == "error" for p in self.problems):
            self.problems.append(Problem(str(path), 0, 0, "the pack has no intents"))
        if any(p.level == "error" for p in self.problems):
            return None
        return Knowledge(
            path=str(path),
            pack=pack,
            intents=tuple(i for i, *_ in self.intents),
            not_covered=tuple(t for t, *_ in self.not_covered),
            lexicon=replace(lexicon, not_typos=lexicon.not_typos | self.not_typos),
            urgent=self.urgent or UrgentRules(),
            quiz=tuple(q for q, *_ in self.quiz),
        )

    def _check_examples(self) -> None:
        owner: dict[str, str] = {}
        labelled = [(i.id, i.examples, r, f["examples"][1]) for i, r, _, f in self.intents]
        labelled += [(t.id, t.examples, r, n) for t, r, n in self.not_covered]
        for label, examples, reader, node in labelled:
            items = node.value if isinstance(node, yaml.SequenceNode) else [node]
            for example, example_node in zip(examples, items):
                key = plain(example)
                if key in owner and owner[key] != label:
                    reader.error(example_node, f"example {example!r} of {label!r} also belongs to {owner[key]!r}")
                elif key in owner:
                    reader.error(example_node, f"example {example!r} appears twice in {label!r}", "warning")
                owner.setdefault(key, label)

    def _check_quiz(self, known: set[str]) -> None:
        seen_ids: set[str] = set()
        seen_questions: dict[str, str] = {}
        for question, reader, item in self.quiz:
            if question.id in seen_ids:
                reader.error(item, f"quiz question {question.id!r} is defined twice")
            seen_ids.add(question.id)
            key = plain(question.question)
            if key in seen_questions:
                reader.error(item, f"quiz question {question.id!r} duplicates {seen_questions[key]!r}")
            seen_questions.setdefault(key, question.id)
            for ref in question.intents:
                if ref not in known:
                    reader.error(item, f"quiz question {question.id!r} names an unknown intent {ref!r}")


def read_pack(path: Path, marks: dict[tuple[str, str], Problem] | None = None) -> tuple[Knowledge | None, list[Problem]]:
    """Read every YAML file of a pack; return the knowledge (None if broken) and all problems.

    If ``marks`` is given, it is filled with where each (label, example) stands, for later warnings.
    """
    builder = _PackBuilder()
    for file in _pack_files(path, builder.problems):
        builder.add_file(file)
    if marks is not None:
        for intent, reader, _, found in builder.intents:
            nodes = found["examples"][1].value if isinstance(found["examples"][1], yaml.SequenceNode) else []
            for example, node in zip(intent.examples, nodes):
                marks[(intent.id, example)] = Problem(reader.path, node.start_mark.line + 1, node.start_mark.column + 1, "")
    knowledge = builder.finish(path) if not any(p.level == "error" and p.line == 0 and p.path == str(path) for p in builder.problems) else None
    return knowledge, sorted(builder.problems, key=lambda p: (p.path, p.line, p.column))


_BUNDLED: list[Knowledge] = []  # the bundled pack once read: a Knowledge is immutable, so one serves the process


def load_knowledge(path: str | Path | None = None) -> Knowledge:
    """Load and check a knowledge pack: the bundled one, or the directory (or file) at ``path``.

    Raises :class:`~assistant.errors.KnowledgeError` naming the file, line and
    problem when the pack is broken. The bundled pack is read once a process and
    the same (immutable) object given every time; a pack at ``path`` is read
    each time.

    >>> len(load_knowledge().domain_intents) >= 9
    True
    >>> load_knowledge() is load_knowledge()
    True
    """
    if path is not None:
        return _load(Path(path))
    if not _BUNDLED:
        _BUNDLED.append(_load(bundled_knowledge_path()))  # two threads may both read it; the first read is kept
    return _BUNDLED[0]


def is_bundled(knowledge: Knowledge) -> bool:
    """Whether ``knowledge`` is the bundled pack as :func:`load_knowledge` gives it (the very object)."""
    return bool(_BUNDLED) and knowledge is _BUNDLED[0]


def _load(path: Path) -> Knowledge:
    with paused_gc():
        knowledge, problems = read_pack(path)
    errors = [p for p in problems if p.level == "error"]
    if errors or knowledge is None:
        raise KnowledgeError(errors or problems)
    return knowledge
