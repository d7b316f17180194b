"""Reading one YAML file into plain data, remembering where every key and value stands.

Safe by construction: only `yaml.SafeLoader` machinery is used, anchors and aliases are refused
(so an alias bomb cannot expand), duplicate keys are errors (PyYAML would silently keep the last
one), dates stay text (the schema parses them with a clear message), and only `true`/`false` are
booleans (so the country code `NO` stays a string).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kb_builder.content.problems import Problem

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32

Loc = tuple[str | int, ...]


def dotted(loc: Loc) -> str:
    """A place in a file as problems name it: `key_facts[0].value.en`."""
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc).lstrip(".")

_BOOL_TAG = "tag:yaml.org,2002:bool"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class _EntryLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-like scalars and no aliases."""

    def compose_node(self, parent: Node | None, index: Any) -> Node:  # type: ignore[override]
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases are not allowed in entries (expected plain values)", event.start_mark
            )
        return super().compose_node(parent, index)


class _FastEntryLoader(getattr(yaml, "CSafeLoader", _EntryLoader)):  # type: ignore[misc]
    """The same rules with libyaml's parser and composer (many times faster), for a text that cannot hold an
    alias: an alias needs an anchor, `&name` at the start of a value (`_MAYBE_ANCHOR`); an `&` inside an address or
    followed by a space (`Law & Religion`) is none."""


#: Where a text might hold an anchor: `&` followed by a name, at the start of a line or after a space or a flow
#: indicator. Anything else with `&` in it is read as plain text by YAML; a false alarm only takes the slow path.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[\]{},])&[^\s\[\]{},]", re.M)


for _loader in (_EntryLoader, _FastEntryLoader):
    _loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL_TAG, _TIMESTAMP_TAG)]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _loader.add_implicit_resolver(_BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


@dataclass
class YamlDocument:
    """Plain data from one file, with the position of every value and every mapping key."""

    data: Any
    value_positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    scalar_styles: dict[Loc, str | None] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    def block_scalar(self, loc: Loc) -> bool:
        return self.scalar_styles.get(loc) in ("|", ">")

    def quoted(self, loc: Loc) -> bool:
        return self.scalar_styles.get(loc) in ('"', "'")

    def indent_of(self, line: int) -> int:
        """Leading spaces of a (1-based) line of the file."""
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return len(text) - len(text.lstrip(" "))

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of `loc`, or of its nearest ancestor that exists."""
        if key and loc in self.key_positions:
            return self.key_positions[loc]
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.value_positions:
                return self.value_positions[loc[:end]]
        return (1, 1)


def _mark(node_or_mark: Any) -> tuple[int, int]:
    mark = getattr(node_or_mark, "start_mark", node_or_mark)
    return (mark.line + 1, mark.column + 1)


class _Reader:
    def __init__(self, loader: yaml.SafeLoader, display_path: str):
        self.loader = loader
        self.path = display_path
        self.doc = YamlDocument(data=None)
        self.problems: list[Problem] = []

    def problem(self, where: tuple[int, int], message: str) -> None:
        self.problems.append(Problem(self.path, where[0], where[1], message))

    def build(self, node: Node, loc: Loc) -> Any:
        self.doc.value_positions[loc] = _mark(node)
        if len(loc) > MAX_DEPTH:
            self.problem(_mark(node), f"values are nested more than {MAX_DEPTH} levels deep (expected a flat entry)")
            return None
        if isinstance(node, MappingNode):
            return self.build_mapping(node, loc)
        if isinstance(node, SequenceNode):
            return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
        if isinstance(node, ScalarNode):
            self.doc.scalar_styles[loc] = node.style
        if node.tag.startswith("tag:yaml.org,2002:") and node.tag[18:] in ("str", "int", "float", "bool", "null"):
            return self.loader.construct_object(node, deep=True)
        self.problem(_mark(node), f"the tag {node.tag!r} is not allowed (expected plain text, numbers, true/false)")
        return None

    def build_mapping(self, node: MappingNode, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problem(_mark(key_node), "a key is a list or mapping (expected a plain field name)")
                continue
            key = key_node.value
            if key in seen:
                first = seen[key]
                self.problem(
                    _mark(key_node),
                    f"duplicate key {key!r}, first given at line {first[0]} column {first[1]} "
                    "(expected each key once; YAML would silently drop one of the values)",
                )
                continue
            seen[key] = _mark(key_node)
            self.doc.key_positions[loc + (key,)] = _mark(key_node)
            result[key] = self.build(value_node, loc + (key,))
        return result


def _decode(raw: bytes, display_path: str) -> tuple[str | None, list[Problem]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [
            Problem(display_path, 1, 1, "the file starts with a byte-order mark (expected UTF-8 without a BOM)")
        ]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(display_path, 1, 1, "the file is UTF-16 (expected UTF-8 text)")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, [
            Problem(
                display_path,
                line,
                col,
                f"byte 0x{raw[err.start]:02x} is not valid UTF-8 (expected a UTF-8 text file)",
            )
        ]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [Problem(display_path, line, 1, "the file contains a NUL character (expected text)")]
    return text, []


#: Files parsed before, by path, with the bytes they were parsed from, once `remember_parsed` has been called.
_remembered: dict[tuple[str, str, str], tuple[bytes, YamlDocument | None, tuple[Problem, ...]]] | None = None


def remember_parsed() -> None:
    """From now on, keep every file parsed and give it back while its bytes stay the same: a live preview
    (`kb serve`) loads the atlas again on every save, and then parses only the files that changed; `kb build`
    loads it once to check it and once for each language, and parses each file once."""
    global _remembered
    if _remembered is None:
        _remembered = {}


def read_yaml(path: Path, display_path: str, *, expect: str = "mapping") -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one file whose top level is a mapping (or, with expect="list", a list).

    Returns the document, or None with the problems that stopped it.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [
                Problem(
                    display_path, 1, 1, f"the file is {size:,} bytes (expected at most {MAX_FILE_BYTES:,} bytes)"
                )
            ]
        raw = path.read_bytes()
    except OSError as err:
        return None, [Problem(display_path, 1, 1, f"cannot read the file: {err.strerror} (expected a readable file)")]
    if _remembered is None:
        return _parse(raw, display_path, expect)
    key = (str(path), display_path, expect)
    known = _remembered.get(key)
    if known is not None and known[0] == raw:
        return known[1], list(known[2])
    doc, problems = _parse(raw, display_path, expect)
    _remembered[key] = (raw, doc, tuple(problems))
    return doc, problems


def _parse(raw: bytes, display_path: str, expect: str) -> tuple[YamlDocument | None, list[Problem]]:
    """A file's bytes as a document (see `read_yaml`)."""
    text, problems = _decode(raw, display_path)
    if text is None:
        return None, problems

    loader = _EntryLoader(text) if _MAYBE_ANCHOR.search(text) else _FastEntryLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(display_path, 1, 1, "the file is empty (expected a mapping of entry fields such as 'id:')")]
        wanted = SequenceNode if expect == "list" else MappingNode
        if not isinstance(node, wanted):
            kind = {MappingNode: "a mapping", SequenceNode: "a list"}.get(type(node), "a single value")
            line, col = _mark(node)
            expected = "a list of items" if expect == "list" else "a mapping of entry fields such as 'id:'"
            return None, [Problem(display_path, line, col, f"the file is {kind} (expected {expected})")]
        reader = _Reader(loader, display_path)
        reader.doc.lines = text.splitlines()
        reader.doc.data = reader.build(node, ())
        return reader.doc, reader.problems
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = _mark(mark) if mark else (1, 1)
        what = ", ".join(part for part in (err.context, err.problem) if part) or "invalid YAML"
        if "maximum nesting depth" in what:  # libyaml's own limit
            return None, [Problem(display_path, line, col, "values are nested too deeply (expected a flat entry)")]
        lines = text.splitlines()
        at = lines[line - 1][col - 1 : col] if 0 < line <= len(lines) else ""
        if at == "\t" or "\t" in what or "'\\t'" in what:
            what += " (tabs cannot indent YAML; expected spaces)"
        return None, [Problem(display_path, line, col, f"YAML syntax error: {what} (expected valid YAML)")]
    except yaml.YAMLError as err:
        return None, [Problem(display_path, 1, 1, f"YAML error: {err} (expected valid YAML)")]
    except RecursionError:
        return None, [Problem(display_path, 1, 1, "values are nested too deeply (expected a flat entry)")]
    finally:
        loader.dispose()
