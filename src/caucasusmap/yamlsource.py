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
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.reader import Reader

from .errors import Issue, error

__all__ = ["YMap", "YScalar", "YSeq", "YNode", "decode_text", "read_yaml", "read_user_bytes", "MAX_FILE_BYTES"]

# libyaml's C parser when PyYAML has it (ten times faster); both give marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Values that YAML aliases (``*name``) may add by expansion. Nodes written
#: out in the file do not count: their number is bounded by the file's size.
MAX_ALIAS_NODES = 200_000
MAX_DEPTH = 64
#: The largest YAML file read (a 100,000-place gazetteer is about 15 MB).
MAX_FILE_BYTES = 256 * 1024 * 1024

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


def read_user_bytes(path: str | Path, *, limit: int = MAX_FILE_BYTES, what: str = "file") -> tuple[bytes | None,
                                                                                                   Issue | None]:
    """The bytes of a user's file, or a located error: a FIFO, a device
    (``/dev/zero``) or a folder is refused instead of read (it could block or
    never end), and so is a file over ``limit`` bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return None, error(path, 0, 0, f"cannot read {what}: {exc.strerror or exc}")
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = ("a folder" if stat.S_ISDIR(st.st_mode) else "a FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode)
                    else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "a socket"
                    if stat.S_ISSOCK(st.st_mode) else "not a regular file")
            return None, error(path, 0, 0, f"cannot read {what}: it is {kind}, not a regular file")
        if st.st_size > limit:
            return None, error(path, 0, 0, f"the {what} is {st.st_size / 2**20:.0f} MiB, over the limit of "
                                           f"{limit / 2**20:.0f} MiB; split it (a gazetteer may be a folder of files)")
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:  # grew while being read
                return None, error(path, 0, 0, f"the {what} is over the limit of {limit / 2**20:.0f} MiB")
            chunks.append(chunk)
        return b"".join(chunks), None
    except OSError as exc:
        return None, error(path, 0, 0, f"cannot read {what}: {exc.strerror or exc}")
    finally:
        os.close(fd)


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _looks_wide(data: bytes) -> str | None:
    """'UTF-16' or 'UTF-32' when BOM-less bytes have the NUL pattern of one
    (text mostly in one script: the zero bytes fall at fixed positions),
    else None (text, or binary data whose NULs fall anywhere)."""
    sample = data[:4096]
    sample = sample[: len(sample) - len(sample) % 4]
    if len(sample) < 16:
        return None
    z = [sample[k::4].count(0) / (len(sample) // 4) for k in range(4)]
    high, low = [x > 0.7 for x in z], [x < 0.1 for x in z]
    if high == [False, True, True, True] and low[0] or high == [True, True, True, False] and low[3]:
        return "UTF-32"
    if (high[1] and high[3] and low[0] and low[2]) or (high[0] and high[2] and low[1] and low[3]):
        return "UTF-16"
    return None


_CONTINUATION = bytes(range(0x80, 0xC0))


def decoded_length(data: bytes, chunk: int = 1 << 24) -> int | None:
    """The characters :func:`decode_text` would give for UTF-8 ``data``
    (with or without BOM), counted from the bytes without decoding them:
    those that do not continue a character. None for UTF-16 and UTF-32."""
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), "utf-8")
    if encoding not in ("utf-8", "utf-8-sig"):
        return None
    start = 3 if encoding == "utf-8-sig" else 0
    n = 0
    for i in range(start, len(data), chunk):
        part = data[i:i + chunk]
        n += len(part.translate(None, _CONTINUATION))
    return n


def decode_text(data: bytes, path: str | Path) -> tuple[str | None, Issue | None]:
    """Decode a user file: UTF-8 (with or without BOM), or UTF-16 or UTF-32
    with BOM. Returns the text without BOM, or an error located at the first
    bad byte, on one line."""
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), "utf-8")
    if encoding == "utf-8":
        wide = _looks_wide(data)
        if wide:
            return None, error(path, 1, 1, f"the file looks like {wide} without a byte-order mark (its bytes are "
                                           "full of NULs); save it as UTF-8")
    try:
        return data.decode(encoding), None
    except UnicodeDecodeError as exc:
        if encoding != "utf-8":
            return None, error(path, 0, 0, f"cannot decode as {encoding.upper()} (byte {exc.start}): {exc.reason}")
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


def _convert(node: yaml.Node, path: str | Path, issues: list[Issue], budget: list, depth: int) -> YNode:
    # budget = [alias values left, ids of nodes already converted]: a node
    # met again is an alias being expanded, and only those count.
    seen = budget[1]
    if id(node) in seen:
        budget[0] -= 1
        if budget[0] < 0:
            raise _Budget
    else:
        seen.add(id(node))
    if depth > MAX_DEPTH:
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
        data, problem = read_user_bytes(path)
        if problem:
            return None, [problem]
        text, problem = decode_text(data, path)
        if problem:
            return None, [problem]
    bad = Reader.NON_PRINTABLE.search(text)
    if bad:  # YAML refuses these; say where, on one line (PyYAML gives an offset into "<unicode string>")
        before = text[: bad.start()]
        line, col = before.count("\n") + 1, bad.start() - (before.rfind("\n") + 1) + 1
        return None, [error(path, line, col, f"character U+{ord(bad.group()):04X} is not allowed in YAML "
                                             "(a control character); remove it or save the file as UTF-8 text")]
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        return None, [_located(exc, path)]
    except yaml.YAMLError as exc:  # unmarked errors (rare): still no traceback, one line
        return None, [error(path, 0, 0, "YAML: " + " ".join(str(exc).split()))]
    except RecursionError:
        return None, [error(path, 0, 0, f"the YAML is nested too deeply (limit {MAX_DEPTH} levels)")]
    if node is None:
        return None, issues
    try:
        root = _convert(node, path, issues, [MAX_ALIAS_NODES, set()], 0)
    except _Budget:
        return None, [error(
            path, node.start_mark.line + 1, 1,
            f"the document is too large once its YAML aliases (*name) are expanded, or too deeply nested "
            f"(limit {MAX_ALIAS_NODES} values added by aliases, {MAX_DEPTH} levels); avoid anchors and aliases",
        )]
    return root, issues
