"""Safe, located YAML reading for user-edited files.

PyYAML's composer gives a node tree with source positions; we never run a
constructor on it, so tags like ``!!python/object`` are reported, not executed.
Aliases are expanded under a budget, so an "anchor bomb" is reported as an
error instead of eating memory. Scalars keep their source text: a string field
gets exactly what the user typed (``Yes`` stays ``"Yes"``, ``1988`` stays
``"1988"``), and number fields are converted explicitly.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from .errors import Issue, error

__all__ = ["YMap", "YScalar", "YSeq", "YNode", "decode_text", "read_yaml"]

# libyaml's C parser when PyYAML has it (ten times faster); both give marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_NODES = 200_000
MAX_DEPTH = 64

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}


@dataclass(eq=False, slots=True)
class YScalar:
    value: str
    tag: str
    line: int
    column: int
    quoted: bool = False

    def number(self) -> float | None:
        """The scalar as a number, or None if it is not one (booleans and
        quoted strings are not numbers)."""
        if self.quoted or self.tag not in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            return None
        node = yaml.ScalarNode(self.tag, self.value)
        c = SafeConstructor()
        try:
            if self.tag.endswith(":int"):
                return float(c.construct_yaml_int(node))
            return float(c.construct_yaml_float(node))
        except (ValueError, ConstructorError):
            return None


@dataclass(eq=False, slots=True)
class YSeq:
    items: list[YNode]
    line: int
    column: int


@dataclass(eq=False, slots=True)
class YMap:
    items: dict[str, YNode]
    keys: dict[str, tuple[int, int]]
    line: int
    column: int
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)


YNode = YScalar | YSeq | YMap


def decode_text(data: bytes, path: str | Path) -> tuple[str | None, Issue | None]:
    """Decode a user file: UTF-8 (with or without BOM) or UTF-16 with BOM.
    Returns the text without BOM, or an error located at the first bad byte."""
    if data.startswith(codecs.BOM_UTF8):
        data, encoding = data[len(codecs.BOM_UTF8):], "utf-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
    try:
        return data.decode(encoding), None
    except UnicodeDecodeError as exc:
        if encoding == "utf-16":
            return None, error(path, 0, 0, f"cannot decode as UTF-16 (byte {exc.start}): {exc.reason}")
        good = data[: exc.start].decode("utf-8", errors="replace")
        line = good.count("\n") + 1
        col = len(good) - (good.rfind("\n") + 1) + 1
        bad = data[exc.start: exc.start + 4]
        return None, error(
            path, line, col,
            f"the file is not valid UTF-8 (byte {bad[:1]!r} at offset {exc.start}); "
            "save it as UTF-8",
        )


def _located(exc: yaml.MarkedYAMLError, path: str | Path) -> Issue:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem = exc.problem or exc.context or "invalid YAML"
    if exc.context and exc.problem:
        problem = f"{exc.problem} ({exc.context})"
    return error(path, line, col, f"YAML syntax: {problem}")


class _Budget(Exception):
    pass


def _convert(node: yaml.Node, path: str | Path, issues: list[Issue], budget: list[int], depth: int) -> YNode:
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_DEPTH:
        raise _Budget
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if node.tag not in _STANDARD_TAGS:
        issues.append(error(path, line, col, f"YAML tag {node.tag!r} is not allowed here; remove it"))
    if isinstance(node, yaml.ScalarNode):
        return YScalar(node.value, node.tag, line, col, quoted=node.style in ("'", '"'))
    if isinstance(node, yaml.SequenceNode):
        return YSeq([_convert(n, path, issues, budget, depth + 1) for n in node.value], line, col)
    items: dict[str, YNode] = {}
    keys: dict[str, tuple[int, int]] = {}
    out = YMap(items, keys, line, col)
    for knode, vnode in node.value:
        kline, kcol = knode.start_mark.line + 1, knode.start_mark.column + 1
        if not isinstance(knode, yaml.ScalarNode):
            issues.append(error(path, kline, kcol, "a key must be a plain name, not a list or mapping"))
            continue
        key = knode.value
        if key in items:
            out.duplicates.append((key, kline, kcol))
            continue
        keys[key] = (kline, kcol)
        items[key] = _convert(vnode, path, issues, budget, depth + 1)
    return out


def read_yaml(path: str | Path, text: str | None = None) -> tuple[YNode | None, list[Issue]]:
    """Read a YAML file into located nodes. Returns (root or None, issues);
    never raises for bad content. ``text`` may be given to avoid re-reading."""
    issues: list[Issue] = []
    if text is None:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            return None, [error(path, 0, 0, f"cannot read file: {exc.strerror or exc}")]
        text, problem = decode_text(data, path)
        if problem:
            return None, [problem]
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        return None, [_located(exc, path)]
    except yaml.YAMLError as exc:  # unmarked errors (rare): still no traceback
        return None, [error(path, 0, 0, f"YAML: {exc}")]
    if node is None:
        return None, issues
    try:
        root = _convert(node, path, issues, [MAX_NODES], 0)
    except _Budget:
        return None, [error(
            path, node.start_mark.line + 1, 1,
            f"the document is too large or too deeply nested once YAML aliases (*name) are "
            f"expanded (limit {MAX_NODES} values, depth {MAX_DEPTH}); avoid anchors and aliases",
        )]
    return root, issues
