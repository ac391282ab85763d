"""The validated gazetteer, remembered between runs.

Validating a gazetteer (composing the YAML with positions, checking every
entry, measuring geometries) costs most of a second for the bundled one, on
every start. Its result — the places and the issues — depends only on the
files' paths and contents and on the validator's code, so it is stored as
JSON in the cache directory (:func:`caucasusmap.paths.cache_dir`) under a key
made of exactly those: the paths and texts of the files, the source of the
modules that validate, and the Python version. An edit of any file, or of
the validator, makes another key. An entry is a header line (format, key and
the SHA-256 of the rest) and the places and issues as JSON: an entry that
cannot be read back (cut short, edited — a changed coordinate that is still
valid JSON included —, from another format) is ignored and validation runs as
if there were none; a cache directory that cannot be written is no error.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import sys
import tempfile
from importlib import metadata, util
from pathlib import Path

from .errors import Issue, Severity
from .model import Place
from .paths import cache_dir

__all__ = ["cache_key", "load", "save", "FOLDER", "KEEP"]

log = logging.getLogger("caucasusmap.gazcache")

FOLDER = "gazetteer"
"""Sub-folder of the cache directory holding the entries."""
KEEP = 24
"""Entries kept (the most recently written); a gazetteer edited in the app
makes one per change."""
FORMAT = 2
"""Bumped when the entries' layout changes."""
VALIDATOR = ("caucasusmap.gazetteer", "caucasusmap.yamlsource", "caucasusmap.spatial", "caucasusmap.model",
             "caucasusmap.naming", "caucasusmap.normalize", "caucasusmap.errors",
             "caucasusmap.gazcache")
"""The modules whose code decides what validation finds."""

_TUPLES = ("aliases", "exclude")
_PAIRS = ("links", "lang_names")
_FIELDS = tuple(Place.__dataclass_fields__)


@functools.cache
def _validator_digest() -> str:
    h = hashlib.sha256(f"{FORMAT}|{sys.version}".encode())
    for name in VALIDATOR:
        spec = util.find_spec(name)  # found, not imported (spatial would import shapely)
        origin = spec.origin if spec is not None else None
        h.update(name.encode() + b"\0")
        if origin and os.path.isfile(origin):
            h.update(Path(origin).read_bytes())
    try:  # its geometry checks (the version asked of the metadata: importing shapely costs time)
        h.update(f"shapely {metadata.version('shapely')}".encode())
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency
        pass
    return h.hexdigest()


def cache_key(path: str | Path, files: list[tuple[str, str]]) -> str:
    """The key of validating the gazetteer at ``path`` made of ``files``
    (``(file, text)`` in reading order)."""
    h = hashlib.sha256(_validator_digest().encode())
    h.update(f"\0{path}\0{Path(path).is_dir()}".encode())
    for file, text in files:
        h.update(f"\0{file}\0{len(text)}\0".encode())
        h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _entry(key: str) -> Path:
    return cache_dir() / FOLDER / f"{key}.json"


def _place_json(p: Place) -> dict:
    return {f: getattr(p, f) for f in _FIELDS}


def _positions(value):
    """JSON lists back to the validator's shapes: a position is a tuple."""
    if isinstance(value, list):
        if value and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in value):
            return tuple(value)
        return [_positions(x) for x in value]
    return value


def _place(d: dict) -> Place:
    if set(d) != set(_FIELDS):
        raise ValueError("fields differ")
    values = dict(d)
    for f in _TUPLES:
        values[f] = tuple(str(x) for x in values[f])
    for f in _PAIRS:
        values[f] = tuple((str(a), str(b)) for a, b in values[f])
    geometry = values["geometry"]
    if geometry is not None:
        values["geometry"] = {"type": str(geometry["type"]), "coordinates": _positions(geometry["coordinates"])}
    return Place(**values)


def _issue(d: list) -> Issue:
    path, line, column, severity, message = d
    if not (isinstance(path, str) and isinstance(line, int) and isinstance(column, int)
            and isinstance(message, str)):
        raise ValueError("not an issue")
    return Issue(path, line, column, Severity(severity), message)


def load(key: str) -> tuple[list[Place], list[Issue]] | None:
    """The places and issues stored under ``key``, or None (no entry, or
    one that cannot be read back)."""
    path = _entry(key)
    try:
        head, _, body = path.read_bytes().partition(b"\n")
        header = json.loads(head)
        if header.get("format") != FORMAT or header.get("key") != key:
            raise ValueError("another format or key")
        if header.get("sha256") != hashlib.sha256(body).hexdigest():
            raise ValueError("its content does not match its checksum")
        data = json.loads(body)
        return [_place(d) for d in data["places"]], [_issue(d) for d in data["issues"]]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.info("ignoring the damaged validated-gazetteer cache entry %s (%s)", path, exc)
        return None


def save(key: str, places: list[Place], issues: list[Issue]) -> None:
    """Store a validation's result under ``key`` (quietly nothing when the
    cache directory cannot be written)."""
    folder = _entry(key).parent
    body = json.dumps({"places": [_place_json(p) for p in places],
                       "issues": [[i.path, i.line, i.column, i.severity.value, i.message] for i in issues]},
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = json.dumps({"format": FORMAT, "key": key, "sha256": hashlib.sha256(body).hexdigest()}).encode()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(header + b"\n" + body)
            os.replace(tmp, folder / f"{key}.json")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(folder)
    except (OSError, TypeError, ValueError) as exc:
        log.info("could not store the validated gazetteer in %s (%s)", folder, exc)


def _prune(folder: Path) -> None:
    entries = []
    for entry in folder.glob("*.json"):
        try:
            entries.append((entry.stat().st_mtime, entry))
        except OSError:
            continue
    for _, entry in sorted(entries, reverse=True)[KEEP:]:
        entry.unlink(missing_ok=True)
