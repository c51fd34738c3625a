"""Reading YAML as nodes: typed values out of a composed document, each problem recorded
with the file, line and column it stands at. Nothing is constructed from tags, so a file
can't build arbitrary Python objects.

>>> problems = []
>>> reader = YamlReader("pack.yaml", problems)
>>> reader.text(yaml.compose("answer: 42").value[0][1], "intent 'x' answer")
>>> [str(p) for p in problems]
["pack.yaml:1:9: intent 'x' answer should be text, not int 42"]
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

import yaml

from ..errors import Level, Problem

__all__ = ["CORE_TAGS", "MAX_FILE_BYTES", "YamlReader", "compose_file", "load_data"]

MAX_FILE_BYTES = 32 * 1024 * 1024
CORE_TAGS = {
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "seq", "map")
}
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_data(stream: Any) -> Any:
    """Plain YAML data (as ``yaml.safe_load``: no tags that build objects), read by libyaml when it is
    there (several times faster on a large file)."""
    return yaml.load(stream, Loader=_Loader)  # noqa: S506 - a safe loader


class YamlReader:
    """Pulls typed values out of YAML nodes, recording a problem for anything wrong."""

    def __init__(self, path: str, problems: list[Problem]):
        self.path = path
        self.problems = problems

    def error(self, node: yaml.Node | None, message: str, level: Level = "error") -> None:
        line, column = (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else (0, 0)
        self.problems.append(Problem(self.path, line, column, message, level))

    def _tag_ok(self, node: yaml.Node) -> bool:
        if node.tag not in CORE_TAGS:
            self.error(node, f"YAML tag {node.tag!r} is not allowed (plain data only)")
            return False
        return True

    def mapping(self, node: yaml.Node, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        if not self._tag_ok(node):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} should be a mapping of keys to values")
            return None
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = self.scalar(key_node, f"a key in {what}")
            if key is None:
                continue
            key = str(key)
            if key in out:
                self.error(key_node, f"{what} has the key {key!r} twice")
                continue
            out[key] = (key_node, value_node)
        return out

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node] | None:
        if not self._tag_ok(node):
            return None
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, f"{what} should be a list")
            return None
        return list(node.value)

    def scalar(self, node: yaml.Node, what: str) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            if node.tag in CORE_TAGS:
                self.error(node, f"{what} should be a single value, not a {'list' if isinstance(node, yaml.SequenceNode) else 'mapping'}")
            else:
                self._tag_ok(node)
            return None
        if not self._tag_ok(node):
            return None
        return _plain_scalar(node)

    def field_text(self, found: Mapping[str, tuple[yaml.Node, yaml.Node]], name: str, what: str) -> str | None:
        """The text of field ``name`` of a record (``what`` names the record), or None if it has none."""
        return self.text(found[name][1], f"{what} {name}") if name in found else None

    def field_texts(self, found: Mapping[str, tuple[yaml.Node, yaml.Node]], name: str, what: str, *,
                    allow_empty: bool = False) -> tuple[str, ...]:
        """The texts of field ``name`` of a record, or () if it has none."""
        return self.texts(found[name][1], f"{what} {name}", allow_empty=allow_empty) if name in found else ()

    def text(self, node: yaml.Node, what: str) -> str | None:
        value = self.scalar(node, what)
        if value is None:
            if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
                self.error(node, f"{what} is empty")
            return None
        if not isinstance(value, str):
            self.error(node, f"{what} should be text, not {type(value).__name__} {value!r}")
            return None
        if not value.strip():
            self.error(node, f"{what} is empty")
            return None
        return value.strip()

    def texts(self, node: yaml.Node, what: str, *, allow_empty: bool = False) -> tuple[str, ...]:
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str"):
            one = self.text(node, what)
            return (one,) if one else ()
        items = self.sequence(node, what)
        if items is None:
            return ()
        if not items and not allow_empty:
            self.error(node, f"{what} is an empty list")
        values = [self.text(item, f"an item of {what}") for item in items]
        return tuple(v for v in values if v)

    def boolean(self, node: yaml.Node, what: str) -> bool | None:
        value = self.scalar(node, what)
        if not isinstance(value, bool):
            if value is not None:
                self.error(node, f"{what} should be true or false, not {value!r}")
            return None
        return value

    def integer(self, node: yaml.Node, what: str, low: int, high: int) -> int | None:
        value = self.scalar(node, what)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            if value is not None:
                self.error(node, f"{what} should be a whole number from {low} to {high}, not {value!r}")
            return None
        return value

    def fields(
        self, node: yaml.Node, what: str, required: tuple[str, ...], optional: tuple[str, ...], *, named_by: str = ""
    ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """A mapping's fields, checking required and unknown ones. With ``named_by``, the
        record is called by that field's value in messages ("intent 'provider' has no answer")."""
        found = self.mapping(node, what)
        if found is None:
            return None
        if named_by and named_by in found:
            name_node = found[named_by][1]
            if isinstance(name_node, yaml.ScalarNode) and isinstance(name_node.value, str) and name_node.value.strip():
                what = f"{what.split(' ', 1)[1]} {name_node.value.strip()!r}"
        for name in required:
            if name not in found:
                self.error(node, f"{what} has no {name}")
        for name, (key_node, _) in found.items():
            if name not in required and name not in optional:
                allowed = ", ".join(required + optional)
                self.error(key_node, f"{what} has an unknown field {name!r} (expected: {allowed})")
        return found


_SCALARS = yaml.SafeLoader("")  # only its pure construct_yaml_* methods are used


def _plain_scalar(node: yaml.ScalarNode) -> Any:
    """The value of a scalar whose tag the composer resolved (text needs no constructing)."""
    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    construct = _SCALARS.yaml_constructors[node.tag]
    return construct(_SCALARS, node)


def compose_file(path: Path, reader: YamlReader) -> yaml.Node | None:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            reader.error(None, f"file is too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})")
            return None
        raw = path.read_bytes()
    except OSError as exc:
        reader.error(None, f"cannot read file: {exc.strerror or exc}")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        reader.problems.append(Problem(reader.path, line, column, "file is not valid UTF-8"))
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        reader.problems.append(Problem(reader.path, line, column, f"invalid YAML: {message}"))
    except yaml.YAMLError as exc:
        reader.error(None, f"invalid YAML: {' '.join(str(exc).split())}")
    return None
