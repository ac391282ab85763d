"""Edit the user's gazetteer without losing a byte of it.

Edits are text surgery, not a load-and-dump: the YAML composer reports where
each key and value sits in the file, and an edit replaces or inserts text at
exactly those places. Everything an edit does not touch — comments, key order,
quoting, blank lines, line endings — stays byte for byte as the user wrote it,
and new entries copy the file's own style (indentation, flow or block lists,
blank lines between entries).

:class:`GazetteerFile` wraps the writes: each one is validated first (a write
never produces a file with errors), refused if the file changed on disk since
it was read, preceded by a backup of the previous version (``places.yaml.bak``),
written atomically (temporary file, then rename), and undoable.
:class:`GazetteerFolder` does the same for a folder gazetteer: an edit of a
place goes into the file that holds it, a new place into the folder's
``places.yaml`` (or the file named), and every write is validated together
with the other files (an id used in another file is refused).
:func:`open_gazetteer` returns the one that fits a path.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import CaucasusmapError, ConflictError, GazetteerError
from .fileio import replace_checked, write_bytes_atomic
from .gazetteer import ID_RE, SUFFIXES, gazetteer_files, slugify, validate_gazetteer
from .model import KINDS
from .yamlsource import decode_text, read_user_bytes

__all__ = ["GazetteerFile", "GazetteerFolder", "open_gazetteer", "NEW_PLACES_FILE", "ConflictError", "EditError",
           "add_place", "set_field", "set_link", "replace_words", "add_to_list", "remove_from_list", "yaml_scalar",
           "slugify"]


class EditError(CaucasusmapError, ValueError):
    """Raised when an edit cannot be made safely (unknown place, a file shape
    the writer does not handle, a value that would not validate)."""


# ---------------------------------------------------------------------------
# Scalars

_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#\[\]{},\n]*$")
_RESERVED = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
                       r"|null|Null|NULL|~|[-+]?(?:\.\d+|\d+(?:\.\d*)?)(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o?[0-7]+"
                       r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|\d{4}-\d\d-\d\d.*)$")


def yaml_scalar(value, *, in_flow: bool = False) -> str:
    """YAML text for a value: plain where that reads back as the same
    string, else double-quoted (JSON string syntax, which YAML accepts)."""
    if isinstance(value, bool):
        raise EditError("booleans are not gazetteer values")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise EditError(f"{value!r} is not a usable number")
        text = f"{value:.6f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
        return text if "." in text or isinstance(value, int) else text + ".0"
    text = str(value)
    plain = (_PLAIN.match(text) and not _RESERVED.match(text) and text == text.strip()
             and not (in_flow and re.search(r"[,\[\]{}]", text)) and " #" not in text and not text.endswith(":"))
    return text if plain else json.dumps(text, ensure_ascii=False)


# ---------------------------------------------------------------------------
# Reading the structure with positions

@dataclass
class _Entry:
    node: yaml.MappingNode
    keys: dict[str, tuple[yaml.Node, yaml.Node]]


# libyaml's composer when PyYAML has it: its marks are character offsets into
# ``text`` as the pure-Python one's are (tests/core/test_gazwriter.py compares
# every mark of both), at a tenth of the cost: an edit of a 220 KB file spent
# 0.69 s of CPU in the pure-Python scanner (now 0.07 s), longer than the gap
# between two saves of another program editing the same file.
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(text: str, loader=_COMPOSER) -> yaml.Node:
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise EditError(f"the gazetteer is not valid YAML, fix it first: {exc}") from None
    if not isinstance(root, yaml.MappingNode):
        raise EditError("the gazetteer must be a mapping with a 'places:' list")
    return root


def _places_node(root: yaml.MappingNode) -> yaml.SequenceNode:
    for k, v in root.value:
        if isinstance(k, yaml.ScalarNode) and k.value == "places":
            if not isinstance(v, yaml.SequenceNode):
                raise EditError("'places' must be a list")
            return v
    raise EditError("the gazetteer has no 'places:' list")


def _entries(seq: yaml.SequenceNode) -> list[_Entry]:
    out = []
    for item in seq.value:
        if isinstance(item, yaml.MappingNode):
            out.append(_Entry(item, {k.value: (k, v) for k, v in item.value if isinstance(k, yaml.ScalarNode)}))
    return out


def _find(text: str, place_id: str) -> tuple[yaml.SequenceNode, _Entry]:
    seq = _places_node(_compose(text))
    for entry in _entries(seq):
        key = entry.keys.get("id")
        if key and isinstance(key[1], yaml.ScalarNode) and key[1].value == place_id:
            return seq, entry
    raise EditError(f"no place has the id {place_id!r}")


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _line_end(text: str, pos: int) -> int:
    """Index just past the end of the line containing ``pos`` (or the end)."""
    if pos > 0 and text[pos - 1] == "\n":
        return pos
    nl = text.find("\n", pos)
    return len(text) if nl == -1 else nl + 1


def _node_end(text: str, node: yaml.Node) -> int:
    """Where a value's own text ends in ``text`` (the text it was composed
    from). (A block collection's end mark sits at the next token, possibly
    lines later, past comments: use its last item; a folded or literal
    scalar's end mark includes the blank lines after it.)"""
    if isinstance(node, yaml.ScalarNode):
        end = node.end_mark.index
        if node.style in ("|", ">"):
            while end > node.start_mark.index and text[end - 1] in " \t\r\n":
                end -= 1
        return end
    if getattr(node, "flow_style", False) or not node.value:
        return node.end_mark.index
    last = node.value[-1]
    return _node_end(text, last[1] if isinstance(node, yaml.MappingNode) else last)


def _last_value_end(text: str, entry: _Entry) -> int:
    return max(_node_end(text, v) for _, v in entry.keys.values())


# ---------------------------------------------------------------------------
# Edits on text (pure functions)

def set_field(text: str, place_id: str, key: str, value) -> str:
    """Set ``key`` of a place to a scalar value: the old value's text is
    replaced in place (inline comments after it stay); a missing key is
    added as a new line at the end of the entry."""
    _, entry = _find(text, place_id)
    if key in entry.keys:
        _, node = entry.keys[key]
        if not isinstance(node, yaml.ScalarNode):
            raise EditError(f"{key!r} of {place_id!r} is not a single value; edit it by hand")
        if node.style in ("|", ">"):
            return _replace_block_scalar(text, node, str(value))
        in_flow = entry.node.flow_style
        return text[: node.start_mark.index] + yaml_scalar(value, in_flow=in_flow) + text[node.end_mark.index:]
    return _insert_key(text, entry, key, yaml_scalar(value, in_flow=entry.node.flow_style))


def replace_words(text: str, place_id: str, key: str, old: str, new: str) -> str:
    """Replace the words ``old`` inside a place's text value (a sentence of its
    ``note``) with ``new``, in the value's own text: the line breaks of a
    folded note between the words are matched as spaces, and nothing outside
    the words changes (no rewrapping, the quoting kept). Refused unless
    ``old`` occurs once and the edited value reads back as the value with
    the words replaced."""
    _, entry = _find(text, place_id)
    if key not in entry.keys or not isinstance(entry.keys[key][1], yaml.ScalarNode):
        raise EditError(f"{place_id!r} has no {key} text")
    node = entry.keys[key][1]
    start, end = node.start_mark.index, _node_end(text, node)
    words = old.split()
    if not words:
        raise EditError("nothing to replace")
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    found = list(pattern.finditer(text, start, end))
    if len(found) != 1:
        raise EditError(f"{old!r} occurs {len(found)} times in the {key} of {place_id!r}; edit it by hand")
    new_text = text[: found[0].start()] + new + text[found[0].end():]
    if node.style == ">":  # the lines the words were on, broken again at the note's own width
        body = text[start:end].splitlines()[1:]
        width = max((len(line) for line in body), default=80)
        first = text.rfind("\n", 0, found[0].start()) + 1
        last = _line_end(new_text, found[0].start() + len(new))
        nl = _newline(text)
        lines = new_text[first:last].rstrip("\r\n")
        indent = lines[: len(lines) - len(lines.lstrip(" "))]
        import textwrap

        wrapped = textwrap.wrap(lines.strip(), width=width - len(indent), break_long_words=False,
                                break_on_hyphens=False)
        new_text = new_text[:first] + nl.join(indent + w for w in wrapped) + nl + new_text[last:]
    try:
        _, new_entry = _find(new_text, place_id)
    except EditError:
        raise EditError(f"{new!r} cannot be written into the {key} of {place_id!r} as it is quoted; "
                        f"edit it by hand") from None
    expected = " ".join(node.value.split()).replace(" ".join(words), " ".join(new.split()))
    got = new_entry.keys[key][1]
    if not isinstance(got, yaml.ScalarNode) or " ".join(got.value.split()) != expected:
        raise EditError(f"{new!r} cannot be written into the {key} of {place_id!r} as it is quoted; edit it by hand")
    return new_text


def set_link(text: str, place_id: str, key: str, value) -> str:
    """Set one identifier of a place's ``links`` (``geonames: 587116``): the
    old value's text is replaced, a new key is added at the end of a flow
    mapping (``{wikidata: Q227, geonames: 587116}``) or as a line of a block
    one, and a place without links gets ``links: {key: value}``."""
    _, entry = _find(text, place_id)
    rendered = yaml_scalar(value, in_flow=True)
    if "links" not in entry.keys:
        return _insert_key(text, entry, "links", f"{{{key}: {rendered}}}")
    _, node = entry.keys["links"]
    if not isinstance(node, yaml.MappingNode):
        raise EditError(f"'links' of {place_id!r} is not a mapping; edit it by hand")
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            if not isinstance(v, yaml.ScalarNode):
                raise EditError(f"links.{key} of {place_id!r} is not a single value; edit it by hand")
            return text[: v.start_mark.index] + rendered + text[v.end_mark.index:]
    if node.flow_style:
        if not node.value:  # {} → {key: value}
            return text[: node.start_mark.index + 1] + f"{key}: {rendered}" + text[node.start_mark.index + 1:]
        pos = _node_end(text, node.value[-1][1])
        return text[:pos] + f", {key}: {rendered}" + text[pos:]
    first = node.value[0][0]
    pos = _line_end(text, _node_end(text, node.value[-1][1]))
    return text[:pos] + f"{' ' * first.start_mark.column}{key}: {yaml_scalar(value)}{_newline(text)}" + text[pos:]


def _replace_block_scalar(text: str, node: yaml.ScalarNode, value: str) -> str:
    """New content for a folded (``>``) or literal (``|``) scalar, in the same
    style and indentation: the header (``>-``) stays, folded text is wrapped
    as before, literal text keeps its lines."""
    import textwrap

    header_end = text.find("\n", node.start_mark.index)
    body_start = header_end + 1
    body = text[body_start:_node_end(text, node)]
    first = next((line for line in body.splitlines() if line.strip()), "  ")
    indent = first[: len(first) - len(first.lstrip(" "))] or "  "
    nl = _newline(text)
    width = max(40, max((len(line) for line in body.splitlines()), default=80))
    if node.style == ">":
        lines = textwrap.wrap(" ".join(value.split()), width=width - len(indent)) or [""]
    else:
        lines = value.splitlines() or [""]
    return text[:body_start] + nl.join(indent + line for line in lines) + text[_node_end(text, node):]


def _insert_key(text: str, entry: _Entry, key: str, rendered: str) -> str:
    node = entry.node
    if node.flow_style:  # {id: x, name: Y} → insert after the last value, before '}'
        pos = _node_end(text, node.value[-1][1]) if node.value else node.start_mark.index + 1
        sep = ", " if node.value else ""
        return text[:pos] + f"{sep}{key}: {rendered}" + text[pos:]
    indent = " " * _key_column(text, entry)
    pos = _line_end(text, _last_value_end(text, entry))
    nl = _newline(text)
    prefix = "" if pos == 0 or text[pos - 1] == "\n" else nl
    return text[:pos] + prefix + f"{indent}{key}: {rendered}{nl}" + text[pos:]


def _key_column(text: str, entry: _Entry) -> int:
    """Column of the entry's keys after the first (the first shares the
    line with the '-')."""
    columns = [k.start_mark.column for k, _ in entry.keys.values()]
    return max(columns) if len(set(columns)) > 1 else columns[0]


def add_to_list(text: str, place_id: str, key: str, value: str) -> str:
    """Append ``value`` to a place's list (``aliases`` or ``exclude``) in the
    list's own style; a missing list is added in the style the file uses."""
    _, entry = _find(text, place_id)
    rendered = yaml_scalar(value, in_flow=True)
    if key in entry.keys:
        _, node = entry.keys[key]
        if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null"):
            return text[: node.start_mark.index] + f"[{rendered}]" + text[node.end_mark.index:]
        if not isinstance(node, yaml.SequenceNode):
            raise EditError(f"{key!r} of {place_id!r} is not a list; edit it by hand")
        if node.flow_style:
            if not node.value:  # [] → [value]
                return text[: node.start_mark.index + 1] + rendered + text[node.start_mark.index + 1:]
            pos = _node_end(text, node.value[-1])  # right after the last item, before any space or ']'
            return text[:pos] + f", {rendered}" + text[pos:]
        last = node.value[-1]
        indent = " " * (last.start_mark.column - 2)
        pos = _line_end(text, _node_end(text, last))
        nl = _newline(text)
        return text[:pos] + f"{indent}- {yaml_scalar(value)}{nl}" + text[pos:]
    return _insert_key(text, entry, key, f"[{rendered}]")


def remove_from_list(text: str, place_id: str, key: str, value: str) -> str:
    """Remove ``value`` from a place's list (``aliases`` or ``exclude``):
    in a flow list the item and one separating comma go, in a block list its
    line; nothing else changes."""
    _, entry = _find(text, place_id)
    if key not in entry.keys or not isinstance(entry.keys[key][1], yaml.SequenceNode):
        raise EditError(f"{place_id!r} has no {key} list")
    node = entry.keys[key][1]
    items = node.value
    at = next((i for i, n in enumerate(items) if isinstance(n, yaml.ScalarNode) and n.value == value), None)
    if at is None:
        raise EditError(f"{value!r} is not in the {key} of {place_id!r}")
    item = items[at]
    if node.flow_style:
        if len(items) == 1:
            start, end = item.start_mark.index, item.end_mark.index
        elif at == 0:
            start, end = item.start_mark.index, items[1].start_mark.index
        else:
            start, end = _node_end(text, items[at - 1]), item.end_mark.index
        return text[:start] + text[end:]
    line_start = text.rfind("\n", 0, item.start_mark.index) + 1
    return text[:line_start] + text[_line_end(text, _node_end(text, item)):]


def _style(text: str, seq: yaml.SequenceNode) -> dict:
    """How the file writes its entries: indentation, blank lines, list style."""
    entries = _entries(seq)
    # With fewer than two entries, blank lines anywhere in the file decide.
    style = {"dash_col": 2, "key_col": 4, "blank": "\n\n" in text.replace("\r\n", "\n"), "flow_lists": True}
    if not entries:
        return style
    first = entries[0]
    style["dash_col"] = max(0, first.node.start_mark.column - 2)
    style["key_col"] = first.node.start_mark.column if first.node.flow_style else _key_column(text, first)
    style["flow_entries"] = all(e.node.flow_style for e in entries)
    if len(entries) > 1:
        # Is there an empty line between the first two entries?
        start = _line_end(text, _last_value_end(text, entries[0]))
        second = entries[1].node.start_mark.index
        gap = text[start: text.rfind("\n", 0, second) + 1]
        style["blank"] = any(not line.strip() for line in gap.splitlines())
    lists = [v for e in entries for k, (kn, v) in e.keys.items() if k in ("aliases", "exclude")
             and isinstance(v, yaml.SequenceNode)]
    if lists:
        style["flow_lists"] = sum(bool(v.flow_style) for v in lists) >= len(lists) / 2
    return style


FIELD_ORDER = ("id", "name", "aliases", "kind", "lat", "lon", "geometry", "exclude", "links", "note")


def add_place(text: str, fields: dict) -> str:
    """Append a new place at the end of the ``places:`` list, written in the
    file's own style. ``fields`` holds id, name, kind, lat, lon and optionally
    aliases, exclude, links, note."""
    root = _compose(text)
    seq = _places_node(root)
    if seq.flow_style and seq.value:
        raise EditError("'places' is written as a [flow] list; add the place by hand")
    style = _style(text, seq)
    nl = _newline(text)
    dash = " " * style["dash_col"]
    pad = " " * style["key_col"]
    lines = []
    for key in FIELD_ORDER:
        if key not in fields or fields[key] in (None, "", [], (), {}):
            continue
        value = fields[key]
        if key in ("aliases", "exclude"):
            if style["flow_lists"]:
                rendered = "[" + ", ".join(yaml_scalar(v, in_flow=True) for v in value) + "]"
                lines.append((key, rendered, None))
            else:
                lines.append((key, "", [f"{pad}  - {yaml_scalar(v)}" for v in value]))
        elif key == "links":
            rendered = "{" + ", ".join(f"{k}: {yaml_scalar(v, in_flow=True)}" for k, v in value.items()) + "}"
            lines.append((key, rendered, None))
        elif key == "geometry":
            lines.append((key, json.dumps(value, separators=(", ", ": ")), None))
        else:
            lines.append((key, yaml_scalar(value), None))
    out = []
    for i, (key, rendered, block) in enumerate(lines):
        lead = f"{dash}- " if i == 0 else pad
        out.append(f"{lead}{key}: {rendered}".rstrip())
        if block:
            out.extend(block)
    entry_text = nl.join(out) + nl
    entries = _entries(seq)
    if entries:
        pos = _line_end(text, _last_value_end(text, entries[-1]))
        prefix = "" if text[pos - 1: pos] == "\n" else nl
        if style["blank"]:
            prefix += nl
        return text[:pos] + prefix + entry_text + text[pos:]
    # An empty list ('places:' or 'places: []'): write the first entry.
    key = next(k for k, v in root.value if v is seq)
    if seq.flow_style or not seq.value:
        start = key.start_mark.index
        end = _line_end(text, seq.end_mark.index if seq.value else key.end_mark.index)
        return text[:start] + "places:" + nl + entry_text + text[end:]
    raise EditError("could not find where to add the place")


# ---------------------------------------------------------------------------
# The file

def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# BOM -> how text after it is encoded (UTF-32 first: its LE BOM starts like UTF-16's).
_ENCODINGS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
              (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


class GazetteerFile:
    """The user's gazetteer on disk, edited safely (see the module docstring).
    ``folder``: the folder gazetteer this file belongs to, validated as a
    whole on each write."""

    def __init__(self, path: str | Path, folder: str | Path | None = None):
        self.path = Path(path)
        self.folder = Path(folder) if folder is not None else None
        self._undo: list[bytes] = []
        # What our last write left in the backup: its digest and that file, held open.
        self._backup: tuple[str, int] | None = None
        self.undo_lost = False  # the history was dropped because the file changed elsewhere
        self._load()

    @property
    def root(self) -> Path:
        """The gazetteer path this object was opened on."""
        return self.folder if self.folder is not None else self.path

    def _load(self) -> None:
        data, problem = read_user_bytes(self.path, what="gazetteer")
        if problem:
            raise GazetteerError(self.path, [problem])
        text, problem = decode_text(data, self.path)
        if problem:
            raise GazetteerError(self.path, [problem])
        # Written back the way it was read: the same encoding and BOM, and
        # old-Mac CR-only line ends (edited as LF, one character for one).
        self.bom, self.encoding = next(((bom, enc) for bom, enc in _ENCODINGS if data.startswith(bom)), (b"", "utf-8"))
        self.cr_only = "\r" in text and "\n" not in text
        if self.cr_only:
            text = text.replace("\r", "\n")
        changed = getattr(self, "digest", None) not in (None, _digest(data))
        self.text, self.digest = text, _digest(data)
        if changed and getattr(self, "_undo", None):
            # Changed by someone else since our last write: undoing now would
            # throw their edit away (issue 9, finding 6). The history is over.
            self._undo.clear()
            self.undo_lost = True

    @property
    def backup_path(self) -> Path:
        return self.path.with_name(self.path.name + ".bak")

    def reload(self) -> None:
        """Read the file again (after the user edited it)."""
        self._load()

    def _encode(self, text: str) -> bytes:
        if self.cr_only:
            text = text.replace("\n", "\r")
        return self.bom + text.encode(self.encoding)

    def _write(self, new_text: str, record_undo: bool = True) -> None:
        if self.folder is not None:
            _, issues = validate_gazetteer(self.folder, overrides={str(self.path): new_text})
        else:
            _, issues = validate_gazetteer(self.path, new_text)
        errors = [i for i in issues if i.is_error]
        if errors:
            raise EditError("the change would make the gazetteer invalid: " + "; ".join(str(e) for e in errors[:3]))
        data = self._encode(new_text)
        # Check, back up and replace as one step (fileio.replace_checked): a
        # change made meanwhile in another program is kept, never overwritten.
        try:
            on_disk = replace_checked(self.path, data, expected=self.digest, backup=self.backup_path,
                                      backup_expected=self._backup_expected())
        except ConflictError as exc:  # the backup may have been written before the refusal
            if getattr(exc, "backup_digest", None) is not None:
                self._left_backup(exc.backup_digest)
            raise
        self._left_backup(_digest(on_disk))  # what the backup holds now (checked at the next write)
        if record_undo:
            self._undo.append(on_disk)
        self.text, self.digest = new_text, _digest(data)

    def _left_backup(self, digest: str) -> None:
        """Remember the backup our write just left: its digest, and the file
        itself, held open so that its identity (device, inode) cannot pass to
        another file while we compare (a deleted file's inode number is reused)."""
        self._forget_backup()
        try:
            fd = os.open(self.backup_path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            return
        self._backup = (digest, fd)

    def _forget_backup(self) -> None:
        if getattr(self, "_backup", None) is not None:
            os.close(self._backup[1])
            self._backup = None

    def __del__(self) -> None:
        self._forget_backup()

    def _backup_expected(self) -> str | None:
        """What the backup must still hold, if it is still the file our last
        write left there. Deleted since, or replaced by another file (another
        writer's backup, a copy put back by hand), it is not our previous
        version written to late, and there is nothing to expect."""
        if self._backup is None:
            return None
        digest, fd = self._backup
        try:
            ours, now = os.fstat(fd), os.stat(self.backup_path)
        except OSError:
            now = None
        if now is None or (now.st_dev, now.st_ino) != (ours.st_dev, ours.st_ino):
            self._forget_backup()
            return None
        return digest

    def edit(self, change: Callable[[str], str], place: str | None = None) -> str:
        """Apply a text edit (one of this module's functions) and write it.
        (``place``, the id the edit is about, matters only in a folder.)"""
        self._write(change(self.text))
        return self.text

    def add_place(self, fields: dict, into: str | None = None) -> int:
        """Add a place; returns the line where its entry starts. (``into``
        names a file of a folder gazetteer; a one-file gazetteer has one.)"""
        fields = _checked_fields(fields)
        before = self.text
        self.edit(lambda t: add_place(t, fields))
        return _first_changed_line(before, self.text)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def undo_blocked(self) -> str:
        """Why undo is refused now ("" when it is not): the file changed in
        another program after the last edit made here."""
        if self._undo or not self.undo_lost:
            return ""
        return (f"{self.path.name} was changed in another program after the last change made here; "
                "undoing would discard that edit")

    def undo(self) -> None:
        """Put back the file as it was before the last edit made here.
        Refused (:class:`ConflictError`) when the file changed on disk since
        that edit — also after a :meth:`reload` picked that change up."""
        if not self._undo:
            if self.undo_lost:
                raise ConflictError(f"cannot undo: {self.path} was changed in another program after the last "
                                    "change made here; undoing would discard that edit")
            raise EditError("nothing to undo")
        previous = self._undo[-1]
        text, problem = decode_text(previous, self.path)
        if problem:
            raise EditError(f"cannot undo: the previous version of {self.path} does not decode ({problem})")
        if self.cr_only:
            text = text.replace("\r", "\n")
        self._write(text, record_undo=False)
        self._undo.pop()


def _checked_fields(fields: dict) -> dict:
    fields = dict(fields)
    fields.setdefault("id", slugify(fields.get("name", "")))
    if not ID_RE.match(fields["id"]):
        raise EditError(f"id {fields['id']!r} must be a lowercase slug of letters, digits and hyphens")
    if fields.get("kind") not in KINDS:
        raise EditError(f"kind {fields.get('kind')!r} is not one of {', '.join(KINDS)}")
    return fields


NEW_PLACES_FILE = "places.yaml"
"""Where a folder gazetteer receives new places unless another file is named."""

_NEW_FILE = ("# Places added with caucasusmap (add-place or the app). See README.md in this folder.\n"
             "places: []\n")


class GazetteerFolder:
    """A folder gazetteer on disk, edited safely: the same guarantees as
    :class:`GazetteerFile` for each of its files, one undo history for all."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self._files: dict[Path, GazetteerFile] = {}
        self._undo: list[GazetteerFile] = []
        self._last: GazetteerFile | None = None

    @property
    def root(self) -> Path:
        return self.folder

    @property
    def path(self) -> Path:
        """The file last written (else the file new places go to)."""
        return self._last.path if self._last is not None else self.folder / NEW_PLACES_FILE

    @property
    def backup_path(self) -> Path:
        return self.path.with_name(self.path.name + ".bak")

    def file(self, path: str | Path) -> GazetteerFile:
        """The writable file ``path`` of this folder (read once, then kept)."""
        path = Path(path)
        if path.parent.resolve() != self.folder.resolve() or path.suffix not in SUFFIXES:
            raise EditError(f"{path} is not a gazetteer file (*.yaml) directly in {self.folder}")
        key = path.resolve()
        if key not in self._files:
            self._files[key] = GazetteerFile(path, folder=self.folder)
        return self._files[key]

    def file_of(self, place_id: str) -> GazetteerFile:
        """The file holding the place ``place_id``."""
        for path in gazetteer_files(self.folder):
            gf = self.file(path)
            try:
                _find(gf.text, place_id)
            except EditError:
                continue
            return gf
        raise EditError(f"no place has the id {place_id!r} in any file of {self.folder}")

    def reload(self) -> None:
        """Read every file again (after the user edited them)."""
        for gf in self._files.values():
            if gf.path.exists():
                gf.reload()

    def edit(self, change: Callable[[str], str], place: str | None = None) -> str:
        """Apply a text edit about the place ``place`` to the file holding it."""
        if place is None:
            raise EditError("in a folder gazetteer an edit must say which place it is about")
        gf = self.file_of(place)
        text = gf.edit(change)
        self._done(gf)
        return text

    def add_place(self, fields: dict, into: str | None = None) -> int:
        """Add a place to ``into`` (a file name in the folder, created if
        missing) or to the folder's ``places.yaml``; returns its line."""
        fields = _checked_fields(fields)
        target = self.folder / (into or NEW_PLACES_FILE)
        if Path(into or NEW_PLACES_FILE).name != (into or NEW_PLACES_FILE):
            raise EditError(f"{into!r} must be a file name in {self.folder}, not a path")
        if not target.exists():
            if target.suffix not in SUFFIXES:
                raise EditError(f"{target.name} is not a gazetteer file name (*.yaml)")
            write_bytes_atomic(target, _NEW_FILE.encode("utf-8"))
        gf = self.file(target)
        line = gf.add_place(fields)
        self._done(gf)
        return line

    def _done(self, gf: GazetteerFile) -> None:
        self._undo.append(gf)
        self._last = gf

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def undo_blocked(self) -> str:
        """Why the next undo is refused ("" when it is not): the file changed
        last here was changed in another program since."""
        return self._undo[-1].undo_blocked if self._undo else ""

    def undo(self) -> None:
        """Put back the file changed last as it was before that change."""
        if not self._undo:
            raise EditError("nothing to undo")
        gf = self._undo[-1]
        if not gf.can_undo:  # that file's history ended (changed elsewhere): say so, once
            self._undo.pop()
        gf.undo()
        self._undo.pop()
        self._last = gf


def open_gazetteer(path: str | Path) -> GazetteerFile | GazetteerFolder:
    """The writable gazetteer at ``path``: a :class:`GazetteerFolder` for a
    folder, else a :class:`GazetteerFile`."""
    path = Path(path)
    return GazetteerFolder(path) if path.is_dir() else GazetteerFile(path)


def _first_changed_line(a: str, b: str) -> int:
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    while i < len(b) and b[i] in "\r\n":
        i += 1
    return b.count("\n", 0, i) + 1
