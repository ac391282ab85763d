"""Review decisions: the user's checked, corrected, added and rejected mentions.

A *decision* says what one span of one document is: *confirm* (the automatic
link is right), *change* (it is another place), *reject* (it is no place) or
*add* (an unlinked span is a place). Decisions live in one file beside the
corpus, ``annotations.jsonl`` in the corpus folder — never inside the user's
texts. The file is JSON Lines: a header line, then one decision per line,
sorted by document and offset, so that it reads, diffs and merges well under
git::

    {"format": "caucasusmap annotations", "version": 1, ...}
    {"id": "3f9c0a1b2c4d", "action": "change", "place": "iranian-azerbaijan", "was": "azerbaijan",
     "source": "sarmadi.md", "start": 33749, "end": 33759, "exact": "Azerbaijan",
     "prefix": "In 1937, ", "suffix": " was divided into two", "created": "2025-05-01T10:00:00Z"}

Each decision is anchored the way the W3C Web Annotation model does it: a
*TextQuoteSelector* (``exact`` with ``prefix``/``suffix`` context) and a
*TextPositionSelector* (``start``/``end``, code-point offsets into the
document's text as read). :func:`anchor` tries the position first and falls
back to the quote and its context, so a decision survives edits elsewhere in
the document; a decision whose quote cannot be found again is *orphaned*:
reported (``caucasusmap validate``, the app's Problems panel), kept in the
file, and never applied somewhere else.

:func:`apply_decisions` lays decisions over the linker's mentions and gives
every mention a status (:data:`STATUSES`). :class:`AnnotationFile` writes the
file safely (atomic replace, ``.bak`` of the previous version, merge with or
refusal of concurrent edits, undo/redo that survives between runs) and
:class:`Review` is what the CLI and the app use: plan a decision (with "apply
to every identical mention in this document / the corpus" and the count it
will touch), record it, undo it.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import logging
import re
import sqlite3
import uuid
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .corpus import ANNOTATIONS_FILE
from .errors import ConflictError, Issue, ReviewError, error, warning
from .fileio import replace_checked, write_bytes_atomic
from .normalize import fold_document, fold_phrase

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from .corpus import Corpus
    from .index import Index

__all__ = [
    "ACTIONS", "STATUSES", "VIEW_STATUSES", "AUTOMATIC", "CONFIRMED", "CORRECTED", "ADDED", "REJECTED", "SCOPES",
    "Decision", "ChangeSet", "AnnotationFile", "ReviewLayer", "Plan", "Target", "Review", "QueueItem",
    "anchor", "anchor_all", "apply_decisions", "read_decisions", "dump_decisions", "annotations_path", "source_of",
    "review_queue", "status_codes", "ANNOTATIONS_FILE", "parse_decisions", "quote_at", "alternatives",
    "reading_marks", "find_place", "search_places", "reference_of",
]

FORMAT = "caucasusmap annotations"
VERSION = 1
ACTIONS = ("confirm", "change", "reject", "add")
"""What a decision says about its span."""

STATUSES = ("automatic", "confirmed", "corrected", "added", "rejected")
"""A mention's status, by code: 0 linked by the linker and not checked; 1 the
link was checked and is right; 2 the user linked the span to another place
(or to a different span over the linker's); 3 the user linked a span the
linker had not; 4 the user said the linked span is no place (kept aside)."""
AUTOMATIC, CONFIRMED, CORRECTED, ADDED, REJECTED = range(5)
VIEW_STATUSES = ("checked", "automatic", "confirmed", "corrected", "added")
"""What a view can be filtered by (``checked``: confirmed, corrected or added);
rejected mentions are in no view."""

SCOPES = ("mention", "document", "corpus")
"""How far a decision reaches: this mention, every identical mention in its
document, or in the whole corpus."""

CONTEXT = 32
"""Characters of context kept on each side of a quote (as Hypothesis does)."""

_FIELDS = ("id", "action", "place", "was", "source", "start", "end", "exact", "prefix", "suffix",
           "batch", "created", "note")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")


def status_codes(names: Iterable[str] | None) -> list[int] | None:
    """Status names (or ``checked`` for confirmed + corrected + added) as codes.

    >>> status_codes(["confirmed", "added"])
    [1, 3]
    >>> status_codes(["checked"])
    [1, 2, 3]
    """
    if names is None:
        return None
    out: list[int] = []
    for name in names:
        if name == "checked":
            out += [CONFIRMED, CORRECTED, ADDED]
        elif name in STATUSES:
            out.append(STATUSES.index(name))
        else:
            raise ReviewError(f"status {name!r} is not one of {', '.join(STATUSES)}, checked")
    return sorted(set(out))


# ---------------------------------------------------------------------------
# Decisions and the file

@dataclass(frozen=True, slots=True)
class Decision:
    """One decision, anchored by quote and position (see the module docstring).

    ``place`` is the place the span is (None for *reject*); ``was`` the place
    the linker had given it when the decision was made (None for *add*);
    ``batch`` is shared by the decisions of one "apply to all" step; ``extra``
    keeps fields this version does not know, so that rewriting the file never
    drops them; ``line`` is where the decision was read (0 when new)."""

    id: str
    action: str
    source: str
    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""
    place: str | None = None
    was: str | None = None
    batch: str = ""
    created: str = ""
    note: str = ""
    extra: tuple[tuple[str, Any], ...] = ()
    line: int = field(default=0, compare=False)

    def to_json(self) -> dict[str, Any]:
        """The decision as one JSON object, keys in a fixed order, empty
        optional fields left out."""
        out: dict[str, Any] = {}
        for name in _FIELDS:
            value = getattr(self, name)
            if value is None or (value == "" and name not in ("prefix", "suffix")):
                continue
            out[name] = value
        for k, v in self.extra:
            out.setdefault(k, v)
        return out

    @property
    def sort_key(self) -> tuple:
        return (self.source, self.start, self.end, self.id)


def _check_record(obj: Any, path: Path, line: int) -> tuple[Decision | None, list[Issue]]:
    def bad(msg: str) -> tuple[None, list[Issue]]:
        return None, [error(path, line, 0, msg)]

    if not isinstance(obj, dict):
        return bad("each line must be a JSON object (one decision)")
    missing = [k for k in ("id", "action", "source", "start", "end", "exact") if k not in obj]
    if missing:
        return bad(f"decision lacks {', '.join(repr(k) for k in missing)}")
    ident, action = obj["id"], obj["action"]
    if not isinstance(ident, str) or not _ID.match(ident):
        return bad(f"id {ident!r} must be a short string of letters, digits, '.', '_', ':' or '-'")
    if action not in ACTIONS:
        return bad(f"action {action!r} is not one of {', '.join(ACTIONS)}")
    for key in ("source", "exact", "prefix", "suffix", "batch", "created", "note"):
        if key in obj and not isinstance(obj[key], str):
            return bad(f"{key!r} must be a string, got {obj[key]!r}")
    for key in ("place", "was"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            return bad(f"{key!r} must be a place id (a string), got {obj[key]!r}")
    start, end = obj["start"], obj["end"]
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool) \
            or not 0 <= start < end:
        return bad(f"start/end must be whole numbers with 0 <= start < end, got {start!r}, {end!r}")
    if not obj["exact"]:
        return bad("'exact' (the quoted text) must not be empty")
    place = obj.get("place")
    if action == "reject":
        if place is not None:
            return bad("a 'reject' decision has no 'place' (it says the span is no place)")
    elif not place:
        return bad(f"a {action!r} decision needs 'place' (a place id)")
    issues = []
    if len(obj["exact"]) != end - start:
        issues.append(warning(path, line, 0, f"'exact' has {len(obj['exact'])} characters but start/end span "
                                             f"{end - start}; the quote is trusted"))
    extra = tuple((k, v) for k, v in obj.items() if k not in _FIELDS)
    return Decision(ident, action, obj["source"], start, end, obj["exact"], obj.get("prefix", ""),
                    obj.get("suffix", ""), place, obj.get("was"), obj.get("batch", ""), obj.get("created", ""),
                    obj.get("note", ""), extra, line), issues


def parse_decisions(text: str, path: str | Path = ANNOTATIONS_FILE) -> tuple[list[Decision], list[Issue]]:
    """Decisions in file order and every problem found (never raises)."""
    path = Path(path)
    decisions: list[Decision] = []
    issues: list[Issue] = []
    seen: dict[str, int] = {}
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            issues.append(error(path, n, exc.colno, f"not valid JSON: {exc.msg}"))
            continue
        if isinstance(obj, dict) and "format" in obj and "id" not in obj:
            if obj.get("format") != FORMAT:
                issues.append(error(path, n, 0, "this is not a caucasusmap annotations file "
                                                f"(format {obj.get('format')!r})"))
            elif not isinstance(obj.get("version"), int) or obj["version"] > VERSION:
                issues.append(error(path, n, 0, f"annotations file version {obj.get('version')!r} is newer than "
                                                f"this caucasusmap reads ({VERSION}); update caucasusmap"))
            continue
        decision, found = _check_record(obj, path, n)
        issues.extend(found)
        if decision is None:
            continue
        if decision.id in seen:
            issues.append(error(path, n, 0, f"duplicate id {decision.id!r} (also at line {seen[decision.id]})"))
            continue
        seen[decision.id] = n
        decisions.append(decision)
    return decisions, issues


def read_decisions(path: str | Path) -> tuple[list[Decision], list[Issue]]:
    """Read a decisions file; a missing file has no decisions."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [], []
    except OSError as exc:
        return [], [error(path, 0, 0, f"cannot read: {exc.strerror or exc}")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return [], [error(path, line, 0, "not UTF-8 text")]
    return parse_decisions(text, path)


def dump_decisions(decisions: Iterable[Decision]) -> str:
    """The file text: a header, then one decision per line in document order."""
    header = {"format": FORMAT, "version": VERSION,
              "about": "review decisions for the documents in this folder, one per line; see caucasusmap's "
                       "docs/review.md. Edit with care: each line is one JSON object."}
    lines = [json.dumps(header, ensure_ascii=False)]
    lines += [json.dumps(d.to_json(), ensure_ascii=False) for d in sorted(decisions, key=lambda d: d.sort_key)]
    return "\n".join(lines) + "\n"


def _digest(data: bytes | None) -> str:
    return "" if data is None else hashlib.sha256(data).hexdigest()


def annotations_path(corpus_dir: str | Path) -> Path:
    """Where a corpus keeps its decisions."""
    return Path(corpus_dir) / ANNOTATIONS_FILE


@dataclass(frozen=True)
class ChangeSet:
    """One step: decisions added and decisions removed (the replaced ones),
    with a label for undo menus ("confirm 14 × Azerbaijan")."""

    added: tuple[Decision, ...] = ()
    removed: tuple[Decision, ...] = ()
    label: str = ""

    def inverse(self) -> ChangeSet:
        return ChangeSet(self.removed, self.added, self.label)

    def to_json(self) -> dict:
        return {"label": self.label, "added": [d.to_json() for d in self.added],
                "removed": [d.to_json() for d in self.removed]}

    @classmethod
    def from_json(cls, obj: dict, path: Path) -> ChangeSet:
        def decisions(items):
            out = []
            for item in items:
                d, issues = _check_record(item, path, 0)
                if d is None:
                    raise ReviewError(f"{path}: damaged undo history ({issues[0].message})")
                out.append(d)
            return tuple(out)

        return cls(decisions(obj.get("added", [])), decisions(obj.get("removed", [])), str(obj.get("label", "")))


class _ChangedDuringWrite(Exception):
    """The file changed between reading it and swapping the new version in."""


class AnnotationFile:
    """The decisions file on disk, written safely.

    Every write re-reads the file first. If someone else changed it meanwhile
    (another window, the CLI, ``git pull``), this change is merged into what
    is on disk when the two touch different decisions, and refused with
    :class:`~caucasusmap.errors.ConflictError` when they touch the same
    decision or the same span. The previous version is kept as
    ``annotations.jsonl.bak``; the new one replaces it atomically. Undo and
    redo steps are kept in the cache directory, so ``caucasusmap review
    undo`` works across runs."""

    HISTORY_LIMIT = 200

    def __init__(self, path: str | Path, *, history: bool = True):
        self.path = Path(path)
        self._history = history
        self.reload()

    # -- reading -------------------------------------------------------------
    def reload(self) -> None:
        """Read the file again (after it changed on disk)."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            data = None
        except OSError as exc:
            raise ReviewError(f"{self.path}: cannot read: {exc.strerror or exc}") from None
        self._set(data)

    def _set(self, data: bytes | None) -> None:
        self.digest = _digest(data)
        if data is None:
            self.decisions, self.issues = [], []
        else:
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                self.decisions, self.issues = [], [error(self.path, data[: exc.start].count(b"\n") + 1, 0,
                                                         "not UTF-8 text")]
            else:
                self.decisions, self.issues = parse_decisions(text, self.path)
        self.by_id = {d.id: d for d in self.decisions}

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def backup_path(self) -> Path:
        return self.path.with_name(self.path.name + ".bak")

    def changed_on_disk(self) -> bool:
        """True when the file no longer holds what was last read or written."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            data = None
        except OSError:
            return True
        return _digest(data) != self.digest

    # -- writing -------------------------------------------------------------
    def commit(self, change: ChangeSet, *, record: bool = True) -> ChangeSet:
        """Write ``change`` (see the class docstring). Returns the change as
        applied."""
        for attempt in range(3):
            try:
                self._commit(change)
                break
            except _ChangedDuringWrite:
                if attempt == 2:
                    raise ConflictError(f"{self.path} keeps changing on disk; try again in a moment") from None
        if record and self._history:
            self._push("undo", change)
            self._clear("redo")
        return change

    def _commit(self, change: ChangeSet) -> None:
        if self.errors:
            raise ReviewError(f"{self.errors[0]}; fix the file (or move it away) before recording decisions")
        from .paths import is_installed_data

        if is_installed_data(self.path):
            raise ReviewError(f"{self.path} belongs to the installed package's bundled corpus, which is not "
                              "yours to change; copy the corpus folder elsewhere and review it there "
                              "(caucasusmap --corpus COPY …)")
        try:
            on_disk = self.path.read_bytes()
        except FileNotFoundError:
            on_disk = None
        except OSError as exc:
            raise ReviewError(f"{self.path}: cannot read: {exc.strerror or exc}") from None
        current = dict(self.by_id)
        if _digest(on_disk) != self.digest:
            current = self._merge_base(on_disk, change)
        for d in change.removed:
            current.pop(d.id, None)
        for d in change.added:
            current[d.id] = replace(d, line=0)
        new = dump_decisions(current.values()).encode("utf-8")
        try:
            if on_disk is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                write_bytes_atomic(self.path, new)
            else:
                # Swapped in only if the file is still what was merged with; the
                # previous version becomes the backup.
                replace_checked(self.path, new, expected=_digest(on_disk), backup=self.backup_path)
        except ConflictError:
            raise _ChangedDuringWrite from None
        except OSError as exc:
            raise ReviewError(f"cannot write {self.path}: {exc.strerror or exc}") from None
        self._set(new)

    def _merge_base(self, on_disk: bytes | None, change: ChangeSet) -> dict[str, Decision]:
        """What is on disk now, after checking ``change`` does not collide
        with what changed there since this file was read."""
        if on_disk is None:
            theirs: dict[str, Decision] = {}
        else:
            try:
                text = on_disk.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise ConflictError(f"{self.path} changed on disk and is not UTF-8 any more; "
                                    "fix it, then retry") from None
            decisions, issues = parse_decisions(text, self.path)
            bad = [i for i in issues if i.is_error]
            if bad:
                raise ConflictError(f"{self.path} changed on disk and has errors ({bad[0]}); fix it, then retry")
            theirs = {d.id: d for d in decisions}
        for d in change.removed:
            if d.id not in theirs or theirs[d.id] != d:
                raise ConflictError(f"{self.path} changed on disk: decision {d.id} ({d.exact!r} in {d.source}) was "
                                    "edited or removed there meanwhile; the file was reloaded, make the change again")
        touched = [d for i, d in theirs.items() if i not in self.by_id or self.by_id[i] != d]
        touched += [d for i, d in self.by_id.items() if i not in theirs]  # removed there
        for a in change.added:
            for t in touched:
                if t.source == a.source and t.start < a.end and a.start < t.end:
                    raise ConflictError(f"{self.path} changed on disk: {t.exact!r} in {t.source} "
                                        f"(line {t.line or '?'}) "
                                        "was decided there meanwhile; the file was reloaded, make the change again")
        return theirs

    # -- undo ----------------------------------------------------------------
    def _history_file(self) -> Path:
        from .index import cache_dir

        key = hashlib.sha256(str(self.path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:20]
        return cache_dir() / "review-history" / f"{key}.json"

    def _load_history(self) -> dict[str, list]:
        if not self._history:
            return {"undo": [], "redo": []}
        try:
            data = json.loads(self._history_file().read_text(encoding="utf-8"))
            if isinstance(data, dict) and isinstance(data.get("undo"), list) and isinstance(data.get("redo"), list):
                return data
        except (OSError, ValueError):
            pass
        return {"undo": [], "redo": []}

    def _save_history(self, data: dict[str, list]) -> None:
        data["undo"] = data["undo"][-self.HISTORY_LIMIT:]
        data["path"] = str(self.path.resolve())
        try:
            path = self._history_file()
            path.parent.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(path, json.dumps(data, ensure_ascii=False).encode("utf-8"), durable=False)
        except OSError:
            pass  # losing undo history only costs the ability to undo

    def _push(self, which: str, change: ChangeSet) -> None:
        data = self._load_history()
        data[which].append(change.to_json())
        self._save_history(data)

    def _clear(self, which: str) -> None:
        data = self._load_history()
        if data[which]:
            data[which] = []
            self._save_history(data)

    def _peek(self, which: str) -> ChangeSet | None:
        items = self._load_history()[which]
        return ChangeSet.from_json(items[-1], self._history_file()) if items else None

    def undo_label(self) -> str | None:
        step = self._peek("undo")
        return step.label if step else None

    def redo_label(self) -> str | None:
        step = self._peek("redo")
        return step.label if step else None

    def undo(self) -> ChangeSet:
        """Take back the last recorded step; raises ReviewError when there
        is none, ConflictError when the file changed in a way that collides."""
        return self._step("undo", "redo")

    def redo(self) -> ChangeSet:
        """Do again the step last undone."""
        return self._step("redo", "undo")

    def _step(self, source: str, target: str) -> ChangeSet:
        step = self._peek(source)
        if step is None:
            raise ReviewError(f"nothing to {source} in {self.path}")
        change = step.inverse() if source == "undo" else step
        self.commit(change, record=False)
        data = self._load_history()
        data[source].pop()
        data[target].append(step.to_json())
        self._save_history(data)
        return change


# ---------------------------------------------------------------------------
# Anchoring

def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> float:
    """How well the text around [start, end) matches the stored context (0–1)."""
    total = len(prefix) + len(suffix)
    if not total:
        return 1.0
    score = 0.0
    if prefix:
        before = text[max(0, start - len(prefix)):start]
        score += difflib.SequenceMatcher(None, before, prefix, autojunk=False).ratio() * len(prefix)
    if suffix:
        after = text[end:end + len(suffix)]
        score += difflib.SequenceMatcher(None, after, suffix, autojunk=False).ratio() * len(suffix)
    return score / total


MIN_CONTEXT = 0.6
"""Below this context similarity a moved quote is not trusted (orphaned)."""


def _common_tail(a: str, b: str) -> int:
    """Length of the common ending of two strings."""
    n = 0
    for x, y in zip(reversed(a), reversed(b)):
        if x != y:
            break
        n += 1
    return n


def _common_head(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _whole_word_test(decision: Decision, text: str):
    exact, prefix, suffix = decision.exact, decision.prefix, decision.suffix
    n = len(exact)
    # A quote that was a whole word (or words) must still be one: "Baku"
    # must not anchor inside "Bakuvian".
    word_start = exact[:1].isalnum() and (not prefix or not prefix[-1].isalnum())
    word_end = exact[-1:].isalnum() and (not suffix or not suffix[0].isalnum())

    def whole(p: int) -> bool:
        return not ((word_start and p > 0 and text[p - 1].isalnum())
                    or (word_end and p + n < len(text) and text[p + n].isalnum()))

    return whole


def _fits(decision: Decision, text: str, s: int) -> bool:
    """The quote is at ``s`` as a whole word, with its prefix or its suffix."""
    exact, prefix, suffix = decision.exact, decision.prefix, decision.suffix
    n = len(exact)
    return (s >= 0 and text[s:s + n] == exact and _whole_word_test(decision, text)(s)
            and (text[max(0, s - len(prefix)):s] == prefix or text[s + n:s + n + len(suffix)] == suffix))


def _search(decision: Decision, text: str, hint: int) -> list[int]:
    """Where the quote is now, best context first: the positions whose
    context scores within a hair of the best (≥ :data:`MIN_CONTEXT`), nearest
    to ``hint`` first; [] when none is good enough."""
    exact, prefix, suffix = decision.exact, decision.prefix, decision.suffix
    n = len(exact)
    whole = _whole_word_test(decision, text)
    candidates = []
    pos = text.find(exact)
    while pos != -1:
        if whole(pos):
            candidates.append(pos)
        pos = text.find(exact, pos + 1)
    if not candidates:
        return []
    if len(candidates) > 16:
        # Many occurrences (a common name in a long text): keep those whose
        # adjacent context agrees best, then score only those carefully.
        def adjacent(p: int) -> int:
            return (_common_tail(text[max(0, p - len(prefix)):p], prefix)
                    + _common_head(text[p + n:p + n + len(suffix)], suffix))

        candidates.sort(key=lambda p: (-adjacent(p), abs(p - hint)))
        candidates = candidates[:16]
    scored = [(_context_score(text, p, p + n, prefix, suffix), p) for p in candidates]
    best = max(sc for sc, _ in scored)
    if best < MIN_CONTEXT:
        return []
    return sorted((p for sc, p in scored if sc >= best - 0.02), key=lambda p: abs(p - hint))


def anchor(decision: Decision, text: str, shift: int = 0) -> tuple[int, int] | None:
    """Where ``decision`` applies in ``text`` now, or None (orphaned).

    The position is tried first (also moved by ``shift``, what the previous
    decision of the document moved); if the quote is not there, every
    occurrence of the quote is scored by how well its surroundings match the
    stored prefix and suffix, and the best one is taken when it matches well
    enough (:data:`MIN_CONTEXT`); of equally good ones, the nearest to the old
    position. An edit that changes the quoted text itself orphans the
    decision. :func:`anchor_all` anchors a document's decisions together.

    >>> d = Decision("a", "confirm", "d.md", 8, 14, "Shusha", "We saw ", " and Baku", place="shusha")
    >>> anchor(d, "We saw  Shusha and Baku")      # position still right
    (8, 14)
    >>> anchor(d, "Earlier: Baku. We saw Shusha and Baku")   # text inserted before
    (22, 28)
    >>> anchor(d, "We saw Şuşa and Baku") is None
    True
    """
    n = len(decision.exact)
    for s in dict.fromkeys((decision.start + shift, decision.start)):
        if _fits(decision, text, s):
            return s, s + n
    found = _search(decision, text, decision.start + shift)
    return (found[0], found[0] + n) if found else None


LOOKAHEAD = 20
"""Later decisions consulted when a quote occurs in several equally good places."""


def anchor_all(decisions: list[Decision], text: str) -> list[tuple[int, int] | None]:
    """Anchor one document's decisions (in text order), using each other.

    An edit moves every decision after it by the same amount, so each
    decision is first looked for where the previous one moved. When a quote
    fits several places equally well (a repeated sentence), the place whose
    move also puts the next decisions exactly where their quotes are wins."""
    out: list[tuple[int, int] | None] = []
    shift = 0
    for i, d in enumerate(decisions):
        n = len(d.exact)
        if _fits(d, text, d.start + shift):
            out.append((d.start + shift, d.start + shift + n))
            continue
        if shift and _fits(d, text, d.start):
            shift = 0
            out.append((d.start, d.start + n))
            continue
        found = _search(d, text, d.start + shift)
        if not found:
            out.append(None)
            continue
        if len(found) > 1:
            ahead = decisions[i + 1:i + 1 + LOOKAHEAD]

            def votes(p: int, d: Decision = d, ahead: list[Decision] = ahead) -> int:
                return sum(_fits(e, text, e.start + p - d.start) for e in ahead)

            best = max(found, key=votes)  # max keeps the nearest among equal votes
        else:
            best = found[0]
        shift = best - d.start
        out.append((best, best + n))
    return out


def quote_at(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(exact, prefix, suffix) for a span, with :data:`CONTEXT` characters of context."""
    return text[start:end], text[max(0, start - CONTEXT):start], text[end:end + CONTEXT]


def source_of(document, corpus_root: str | Path) -> str:
    """A document's name in the decisions file: its path relative to the
    corpus folder (POSIX separators), else its path as given."""
    try:
        return Path(document.path).resolve().relative_to(Path(corpus_root).resolve()).as_posix()
    except ValueError:
        return Path(document.path).as_posix()


def _source_map(corpus: Corpus) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, d in enumerate(corpus.documents):
        out.setdefault(source_of(d, corpus.root), i)
    for i, d in enumerate(corpus.documents):  # hand-written files may name the document id
        out.setdefault(d.id, i)
    return out


# ---------------------------------------------------------------------------
# Applying decisions to an index

@dataclass
class ReviewLayer:
    """The decisions laid over an index: where each applies now, the
    mentions they rejected, and the problems found."""

    path: str
    decisions: tuple[Decision, ...]
    spans: dict[str, tuple[str, int, int]]  # decision id -> (document id, start, end) where it applies
    rejected: Any  # MentionTable of the rejected automatic mentions (status REJECTED)
    issues: tuple[Issue, ...]
    digest: str = ""
    #: The index the decisions were laid over (the linker's, without them).
    automatic: Any = field(default=None, repr=False, compare=False)
    by_span: dict[tuple[str, int, int], Decision] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        ids = {d.id: d for d in self.decisions}
        self.by_span = {span: ids[i] for i, span in self.spans.items()}
        self._by_doc: dict[str, list[tuple[int, int, Decision]]] = defaultdict(list)
        for (doc, s, e), d in self.by_span.items():
            self._by_doc[doc].append((s, e, d))
        for items in self._by_doc.values():
            items.sort(key=lambda t: t[0])

    def rejected_in(self, passage: int) -> range:
        """Rows of :attr:`rejected` in the passage at position ``passage``."""
        bounds = self.__dict__.get("_rejected_bounds")
        if bounds is None:
            col = self.rejected.passage.tolist()
            bounds = self.__dict__["_rejected_bounds"] = {}
            for r, k in enumerate(col):
                lo, _ = bounds.get(k, (r, r))
                bounds[k] = (lo, r + 1)
        lo, hi = bounds.get(passage, (0, 0))
        return range(lo, hi)

    @property
    def orphaned(self) -> list[Decision]:
        """Decisions that apply nowhere (their text is gone or changed)."""
        return [d for d in self.decisions if d.id not in self.spans]

    def decisions_in(self, document_id: str) -> list[tuple[int, int, Decision]]:
        """(start, end, decision) applied in a document, in text order."""
        return self._by_doc.get(document_id, [])

    def decision_over(self, document_id: str, start: int, end: int) -> Decision | None:
        """The decision applied over any part of [start, end), if one is."""
        for s, e, d in self._by_doc.get(document_id, ()):
            if s < end and start < e:
                return d
            if s >= end:
                break
        return None


def _layer_issue(path, d: Decision, message: str) -> Issue:
    return warning(path, d.line, 0, f"decision {d.id} ({d.action} {d.exact!r} in {d.source}): {message}")


def _decided_places(base: Index, decisions: list[Decision], reference: Any = None) -> tuple[Any, tuple, Any]:
    """The gazetteer, alternative places and automatic table for the
    reviewed index: a decision may name a place the linker only weighed (an
    alternative) or any place of the reference gazetteer; such places join
    the gazetteer after its own (the ``place`` column stays valid) and the
    alternatives columns are renumbered to the new pool."""
    wanted = sorted({d.place for d in decisions if d.place is not None and base.place_position(d.place) is None})
    if not wanted:
        return base.gazetteer, base.alternative_places, base.table
    alt_ids = {p.id: p for p in base.alternative_places}
    if reference is None and base.reference and any(pid not in alt_ids for pid in wanted):
        from .index import default_reference

        ref = default_reference()
        reference = ref if ref is not None and ref.digest == base.reference else None
    promoted = []
    for pid in wanted:
        place = alt_ids.get(pid) or (reference.place(pid) if reference is not None else None)
        if place is not None:
            promoted.append(place)
    if not promoted:
        return base.gazetteer, base.alternative_places, base.table
    from .gazetteer import Gazetteer
    from .index import MentionTable

    g = base.gazetteer
    gazetteer = Gazetteer(g.path, (*g.places, *promoted), g.issues)
    ids = {p.id for p in promoted}
    rest = tuple(p for p in base.alternative_places if p.id not in ids)
    n = len(g.places)
    new_pos = {p.id: i for i, p in enumerate((*promoted, *rest))}
    remap = np.arange(n + len(base.alternative_places), dtype=np.int64)
    remap[n:] = [n + new_pos[p.id] for p in base.alternative_places]
    t = base.table
    auto = MentionTable(t.document, t.passage, t.start, t.end, t.place, confidence=t.confidence,
                        alt_offset=t.alt_offset, alt_place=remap[t.alt_place], alt_score=t.alt_score)
    return gazetteer, rest, auto


ANCHORING_VERSION = 1
"""Bumped whenever :func:`anchor_all` would place a decision differently:
stored anchorings made before are then not used."""


def _anchor_key(document, decisions: list[Decision]) -> str:
    """What a document's anchoring depends on: its content (the digest its
    store recorded; "" for a document held only in memory, which is not
    stored) and its decisions' quotes and positions, in anchoring order."""
    digest = getattr(document, "_digest", "")
    if not digest:
        return ""
    h = hashlib.sha256(f"{ANCHORING_VERSION}\0{digest}\0".encode())
    for d in decisions:
        h.update(json.dumps((d.start, d.exact, d.prefix, d.suffix), ensure_ascii=False).encode())
    return h.hexdigest()


def _stored_anchors(index: Index) -> dict[str, tuple[str, list]] | None:
    """The anchorings stored beside the index (None when it has no store)."""
    store = getattr(index, "store", None)
    if store is None:
        return None
    try:
        return store.anchors()
    except sqlite3.Error as exc:  # a closed or read-only store: anchor from the text
        log.debug("stored anchorings not read: %s", exc)
        return None


def _save_anchors(index: Index, rows: dict[str, tuple[str, list]]) -> None:
    try:
        index.store.save_anchors(rows)
    except sqlite3.Error as exc:
        log.debug("anchorings not stored: %s", exc)


def apply_decisions(index: Index, decisions: Iterable[Decision], *, path: str | Path = ANNOTATIONS_FILE,
                    digest: str = "", file_issues: Iterable[Issue] = (), reference: Any = None) -> Index:
    """A new index whose mentions are ``index``'s automatic ones with the
    decisions applied, each mention carrying its status.

    A decision removes every automatic mention overlapping its span; a
    decision with a place puts its own mention there, *confirmed* when the
    linker had exactly that span and place, *corrected* when it had another
    place or span there, *added* when it had nothing. Overlapping decisions:
    the later one (``created``, then file order) applies and the other is
    reported. A decision may name a place of the linker's alternatives or
    of the reference gazetteer (``reference``; default: the one the index
    was linked with): it joins the index's places. Orphaned decisions and
    decisions naming a place nobody has are reported and not applied.

    Where a document's decisions apply is kept in the index's store, keyed
    by the document's content hash and its decisions' quotes and positions:
    a later open of a stored index reads no document text and makes no
    Passage to place them; a document whose content or decisions changed is
    anchored again, alone."""
    from .index import Index, MentionTable

    path = str(path)
    base = index.automatic()
    auto = base.table
    corpus = base.corpus
    docs = corpus.documents
    src = _source_map(corpus)
    issues: list[Issue] = list(file_issues)
    decisions = list(decisions)
    gazetteer, alternative_places, auto = _decided_places(base, decisions, reference)
    place_pos = {p.id: i for i, p in enumerate(gazetteer.places)}
    ordered = sorted(range(len(decisions)), key=lambda k: (decisions[k].created, decisions[k].line, k))
    rank = {k: r for r, k in enumerate(ordered)}
    to_anchor: dict[int, list[int]] = defaultdict(list)
    for k, d in enumerate(decisions):
        di = src.get(d.source)
        if di is None:
            issues.append(_layer_issue(path, d, f"orphaned: the corpus has no document {d.source!r}; "
                                                "kept, not applied"))
        elif d.place is not None and d.place not in place_pos:
            issues.append(_layer_issue(path, d, f"no place {d.place!r} in the gazetteer or the reference "
                                                "gazetteer; kept, not applied"))
        else:
            to_anchor[di].append(k)
    per_doc: dict[int, list[tuple[int, int, int, Decision]]] = defaultdict(list)
    stored, fresh = _stored_anchors(base), {}
    for di, ks in to_anchor.items():
        ks.sort(key=lambda k: decisions[k].start)
        ds = [decisions[k] for k in ks]
        doc = docs[di]
        key = _anchor_key(doc, ds) if stored is not None else ""
        hit = stored.get(doc.id) if key else None
        if hit is not None and hit[0] == key and len(hit[1]) == len(ds):
            found = [tuple(span) if span else None for span in hit[1]]
        else:
            found = anchor_all(ds, doc.text)
            if key:
                fresh[doc.id] = (key, [list(span) if span else None for span in found])
        for k, span in zip(ks, found):
            d = decisions[k]
            if span is None:
                issues.append(_layer_issue(path, d, "orphaned: the quoted text is no longer in the document "
                                                    "(it was edited); kept, not applied"))
                continue
            per_doc[di].append((span[0], span[1], rank[k], d))

    if fresh:
        _save_anchors(base, fresh)
    d_pstart = base.structure["d_pstart"]
    doc_bounds = np.searchsorted(auto.document, np.arange(len(docs) + 1))
    drop = np.zeros(len(auto), dtype=bool)
    rejected: list[int] = []
    new: list[tuple[int, int, int, int, int, int]] = []  # document, passage, start, end, place, status
    spans: dict[str, tuple[str, int, int]] = {}
    auto_place = auto.place
    for di, items in per_doc.items():
        doc = docs[di]
        lo, hi = int(doc_bounds[di]), int(doc_bounds[di + 1])
        starts, ends = auto.start[lo:hi].tolist(), auto.end[lo:hi].tolist()
        pa = int(d_pstart[di])
        p_start, p_end = base.passage_bounds(pa, int(d_pstart[di + 1]))  # the document's passages
        taken_starts: list[int] = []  # spans already applied, sorted (they never overlap)
        taken: list[tuple[int, int, Decision]] = []
        for s, e, _, d in sorted(items, key=lambda t: -t[2]):  # latest first: it wins overlaps
            j = bisect_right(taken_starts, s)
            clash = next((t for t in taken[max(0, j - 1):j + 1] if t[0] < e and s < t[1]), None)
            if clash is None and j < len(taken) and taken[j][0] < e:
                clash = taken[j]
            if clash is not None:
                issues.append(_layer_issue(path, d, f"overlaps the later decision {clash[2].id} "
                                                    f"({clash[2].exact!r}); that one applies"))
                continue
            taken_starts.insert(j, s)
            taken.insert(j, (s, e, d))
            i0 = lo + bisect_right(ends, s)
            i1 = lo + bisect_left(starts, e)
            rows = range(i0, max(i0, i1))
            if d.place is None:
                if not rows:
                    issues.append(_layer_issue(path, d, "nothing is linked there any more; nothing to reject"))
                spans[d.id] = (doc.id, s, e)
                drop[i0:i1] = True
                rejected.extend(rows)
                continue
            # The passage holding the span, from the passage columns (no Passage is made).
            k = int(auto.passage[i0]) - pa if rows else -1
            if k < 0 or not int(p_start[k]) <= s < e <= int(p_end[k]):
                k = int(np.searchsorted(p_start, s, side="right")) - 1
            if k < 0 or e > int(p_end[k]):
                issues.append(_layer_issue(path, d, "the span is not inside one passage; not applied"))
                continue
            passage = pa + k
            pi = place_pos[d.place]
            if len(rows) == 1 and starts[i0 - lo] == s and ends[i0 - lo] == e and int(auto_place[i0]) == pi:
                status = CONFIRMED
            else:
                status = CORRECTED if rows else ADDED
            drop[i0:i1] = True
            new.append((di, passage, s, e, pi, status))
            spans[d.id] = (doc.id, s, e)

    keep = ~drop
    cols = [getattr(auto, c)[keep] for c in ("document", "passage", "start", "end", "place")]
    status = np.zeros(len(cols[0]), dtype=np.int8)
    source = np.flatnonzero(keep)  # the linker's row of each row (-1: a decided one)
    if new:
        # The kept rows are in corpus order; the new ones are merged in where they belong.
        extra = np.array(sorted(new), dtype=np.int64)
        at = np.searchsorted((cols[0] << 40) | cols[2], (extra[:, 0] << 40) | extra[:, 2])
        cols = [np.insert(c, at, extra[:, i]) for i, c in enumerate(cols)]
        status = np.insert(status, at, extra[:, 5].astype(np.int8))
        source = np.insert(source, at, -1)
    # The linker's confidence and alternatives stay with the rows it made.
    table = MentionTable(*cols, status=status, **auto.linker_columns(source))
    rej = np.array(sorted(rejected), dtype=np.int64)
    rejected_table = MentionTable(*(getattr(auto, c)[rej] for c in ("document", "passage", "start", "end", "place")),
                                  status=np.full(len(rej), REJECTED, dtype=np.int8))
    layer = ReviewLayer(path, tuple(decisions), spans, rejected_table, tuple(issues), digest, base)
    return Index(gazetteer, corpus, base.passage_list, table, source=base.source,
                 automatic_table=auto, review=layer,
                 alternative_places=alternative_places, reference=base.reference,
                 key=f"{base.key}+{digest[:16]}" if base.key and digest else base.key, share=base)


# ---------------------------------------------------------------------------
# Planning decisions (with "apply to all") and recording them

@dataclass(frozen=True, slots=True)
class Target:
    """A span a planned decision will touch: the place linked there now
    (None if nothing) and its status."""

    document: str
    start: int
    end: int
    surface: str
    was: str | None
    status: int


@dataclass(frozen=True)
class Plan:
    """A decision about to be made, with everything it will touch — shown to
    the user before it is recorded. ``skipped`` counts identical mentions left
    alone because they were already checked."""

    action: str
    place: str | None
    scope: str
    surface: str
    targets: tuple[Target, ...]
    skipped: int = 0
    superseded: tuple[Decision, ...] = ()

    @property
    def count(self) -> int:
        return len(self.targets)

    def describe(self, names: dict[str, str] | None = None) -> str:
        """One line for a confirmation prompt or a status bar."""
        names = names or {}
        where = {"mention": "", "document": " in this document", "corpus": " in the corpus"}[self.scope]
        what = f"{self.count} mention{'s' if self.count != 1 else ''} of {self.surface!r}{where}"
        to = f" to {names.get(self.place, self.place)}" if self.place else ""
        verb = {"confirm": "confirm", "change": "change", "reject": "reject", "add": "link"}[self.action]
        text = f"{verb} {what}{to}"
        if self.skipped:
            text += f" ({self.skipped} already checked, left as they are)"
        return text


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _new_id() -> str:
    return uuid.uuid4().hex[:12]


class Review:
    """Decisions over one corpus: the applied index, the file, and the
    operations the CLI and the app offer. After each change :attr:`index` is
    the re-applied index."""

    def __init__(self, index: Index, file: AnnotationFile | None = None, *,
                 clock: Callable[[], str] = _now, new_id: Callable[[], str] = _new_id):
        self.file = file or AnnotationFile(annotations_path(index.corpus.root))
        self._clock, self._new_id = clock, new_id
        self.index = index
        if index.review is None or index.review.digest != self.file.digest:
            self.refresh()

    @property
    def path(self) -> Path:
        return self.file.path

    def refresh(self) -> Index:
        """Re-apply the file's decisions (after a change or a reload)."""
        self.index = apply_decisions(self.index, self.file.decisions, path=self.file.path,
                                     digest=self.file.digest, file_issues=self.file.issues)
        return self.index

    def reload(self) -> Index:
        """Read the file again (it changed on disk) and re-apply it."""
        self.file.reload()
        return self.refresh()

    @property
    def issues(self) -> tuple[Issue, ...]:
        return self.index.review.issues

    # -- looking up ------------------------------------------------------------
    def _doc(self, document_id: str):
        doc = self.index.corpus.by_id.get(document_id)
        if doc is None:
            raise ReviewError(f"no document has the id {document_id!r}; "
                              f"documents: {', '.join(self.index.corpus.by_id)}")
        return doc

    def mention_at(self, document_id: str, offset: int) -> tuple[int, int, str | None, int] | None:
        """(start, end, place, status) of the mention — kept or rejected — at
        ``offset`` in a document (an offset inside it), or None."""
        self._doc(document_id)
        idx = self.index
        for table in (idx.table, idx.review.rejected if idx.review else None):
            if table is None or not len(table):
                continue
            dpos = idx.document_position(document_id)
            lo, hi = np.searchsorted(table.document, [dpos, dpos + 1])
            starts, ends = table.start[lo:hi], table.end[lo:hi]
            k = int(np.searchsorted(starts, offset, side="right")) - 1
            if k >= 0 and offset < ends[k]:
                r = lo + k
                place = idx.gazetteer.places[int(table.place[r])].id  # for a rejected one: what it was
                return int(table.start[r]), int(table.end[r]), place, int(table.statuses[r])
        return None

    # -- planning ------------------------------------------------------------
    def plan(self, action: str, document_id: str, start: int, end: int | None = None, place: str | None = None,
             scope: str = "mention") -> Plan:
        """What ``action`` on the mention at ``start`` (or, for *add*, the
        span ``start``–``end``) would touch with ``scope``; nothing is written.

        "Identical" means the same text (case and diacritics aside) linked to
        the same place — for *add*, the same text unlinked. Identical mentions
        already checked are counted in ``skipped`` and left alone."""
        if action not in ACTIONS:
            raise ReviewError(f"action {action!r} is not one of {', '.join(ACTIONS)}")
        if scope not in SCOPES:
            raise ReviewError(f"scope {scope!r} is not one of {', '.join(SCOPES)}")
        idx = self.index
        doc = self._doc(document_id)
        if action in ("change", "add"):
            if not place:
                raise ReviewError(f"{action} needs a place")
        else:
            place = None  # confirm keeps each target's current place; reject has none
        if place is not None and find_place(idx, place) is None:
            raise ReviewError(f"no place has the id {place!r}; 'caucasusmap places' lists them")
        if action == "add":
            if end is None or not 0 <= start < end <= len(doc.text):
                raise ReviewError("add needs a span start < end inside the document "
                                  f"(it has {len(doc.text)} characters)")
            surface = doc.text[start:end]
            if not fold_phrase(surface):
                raise ReviewError(f"{surface!r} has no letters to link")
            if not self._inside_one_passage(doc.id, start, end):
                raise ReviewError("the text to link must lie inside one passage")
            first = Target(doc.id, start, end, surface, *self._link_over(doc.id, start, end))
            targets, skipped = [first], 0
            if scope != "mention":
                more, skipped = self._identical_unlinked(surface, doc.id if scope == "document" else None,
                                                         (doc.id, start))
                targets += more
        else:
            found = self.mention_at(doc.id, start)
            if found is None:
                raise ReviewError(f"nothing is linked at offset {start} of {doc.id}; "
                                  "'caucasusmap mentions' lists the mentions with their offsets")
            s, e, was, status = found
            if status == REJECTED and action == "reject":
                raise ReviewError(f"{doc.text[s:e]!r} at {doc.id}:{s} is already rejected")
            surface = doc.text[s:e]
            first = Target(doc.id, s, e, surface, was, status)
            targets, skipped = [first], 0
            if scope != "mention" and status != REJECTED:
                more, skipped = self._identical_linked(surface, was, doc.id if scope == "document" else None,
                                                       (doc.id, s))
                targets += more
        superseded = []
        seen: set[str] = set()
        layer = idx.review
        for t in targets:
            d = layer.decision_over(t.document, t.start, t.end) if layer else None
            if d is not None and d.id not in seen:
                seen.add(d.id)
                superseded.append(d)
        return Plan(action, place, scope, surface, tuple(targets), skipped, tuple(superseded))

    def plan_link_to_new_place(self, document_id: str, start: int, end: int, place: str,
                               scope: str = "mention") -> Plan:
        """The *add* of a span to a place just created for it (the app's
        *Link to a place… → New place…*), reaching as far as ``scope``.

        The user chose how far it reaches while the identical text was still
        unlinked; once the new place is in the gazetteer the linker links
        much of that text to it itself. Those automatic mentions of the new
        place with the same text count as identical too, so every mention
        the user was shown is recorded (each confirmed where the linker
        agrees, added where it does not)."""
        plan = self.plan("add", document_id, start, end, place, scope)
        if scope == "mention":
            return plan
        doc = self._doc(document_id)
        seen = {(t.document, t.start) for t in plan.targets}
        # (Checked ones are decided, so the add's plan has counted them in its skipped already.)
        more, _ = self._identical_linked(plan.surface, place, doc.id if scope == "document" else None,
                                         (doc.id, start))
        more = [t for t in more if (t.document, t.start) not in seen]
        return replace(plan, targets=plan.targets + tuple(more))

    def _inside_one_passage(self, document_id: str, start: int, end: int) -> bool:
        return any(p.start <= start and end <= p.end for p in self.index.document_passages.get(document_id, ()))

    def _link_over(self, document_id: str, start: int, end: int) -> tuple[str | None, int]:
        idx = self.index
        t = idx.table
        dpos = idx.document_position(document_id)
        lo, hi = np.searchsorted(t.document, [dpos, dpos + 1])
        i0 = lo + int(np.searchsorted(t.end[lo:hi], start, side="right"))
        i1 = lo + int(np.searchsorted(t.start[lo:hi], end, side="left"))
        if i1 > i0:
            return idx.gazetteer.places[int(t.place[i0])].id, int(t.statuses[i0])
        return None, AUTOMATIC

    def _identical_linked(self, surface: str, place: str | None, document_id: str | None,
                          first: tuple[str, int]) -> tuple[list[Target], int]:
        idx = self.index
        t = idx.table
        key = fold_phrase(surface)
        rows = idx.view_rows([document_id] if document_id else None, [place] if place else None)
        out, skipped = [], 0
        docs = idx.corpus.documents
        for r in rows.tolist():
            doc = docs[int(t.document[r])]
            a, b = int(t.start[r]), int(t.end[r])
            if (doc.id, a) == first:
                continue
            text = doc.text[a:b]
            if text != surface and fold_phrase(text) != key:
                continue
            status = int(t.statuses[r])
            if status != AUTOMATIC:
                skipped += 1
                continue
            out.append(Target(doc.id, a, b, text, place, status))
        return out, skipped

    def _identical_unlinked(self, surface: str, document_id: str | None,
                            first: tuple[str, int]) -> tuple[list[Target], int]:
        idx = self.index
        key = " " + fold_phrase(surface) + " "
        docs = [self._doc(document_id)] if document_id else list(idx.corpus.documents)
        out, skipped = [], 0
        layer = idx.review
        for doc in docs:
            folded = fold_document(doc.text)
            pos = folded.text.find(key)
            while pos != -1:
                a, b = folded.span(pos + 1, pos + len(key) - 1)
                pos = folded.text.find(key, pos + 1)
                if (doc.id, a) == first or not self._inside_one_passage(doc.id, a, b):
                    continue
                if layer and layer.decision_over(doc.id, a, b):
                    skipped += 1  # already decided (perhaps rejected): left alone
                    continue
                if self._link_over(doc.id, a, b)[0] is not None:
                    continue  # linked: not an unlinked occurrence
                out.append(Target(doc.id, a, b, doc.text[a:b], None, AUTOMATIC))
        return out, skipped

    # -- recording -------------------------------------------------------------
    def record(self, plan: Plan, note: str = "") -> Index:
        """Write the planned decisions (one per target) and re-apply."""
        batch = self._new_id() if plan.count > 1 else ""
        created = self._clock()
        added = []
        layer = self.index.review
        for t in plan.targets:
            place = {"confirm": t.was, "reject": None}.get(plan.action, plan.place)
            was = t.was
            # A re-decision keeps what the linker had, not the previous decision's place.
            old = layer.decision_over(t.document, t.start, t.end) if layer else None
            if old is not None:
                was = old.was
            added.append(self.new_decision(plan.action, t.document, t.start, t.end, place,
                                           None if plan.action == "add" else was, batch=batch, note=note,
                                           created=created))
        names = {p.id: p.name for p in self.index.gazetteer.places}
        if plan.place is not None and plan.place not in names:
            found = find_place(self.index, plan.place)
            names[plan.place] = found.name if found is not None else plan.place
        change = ChangeSet(tuple(added), plan.superseded, plan.describe(names))
        self.file.commit(change)
        return self.refresh()

    def record_decisions(self, decisions: Iterable[Decision], label: str, replaces: Iterable[Decision] = ()) -> Index:
        """Write ready-made decisions (an import) as one undoable step."""
        self.file.commit(ChangeSet(tuple(decisions), tuple(replaces), label))
        return self.refresh()

    def new_decision(self, action: str, document_id: str, start: int, end: int, place: str | None,
                     was: str | None, *, batch: str = "", note: str = "", created: str = "") -> Decision:
        """A decision on a span, quoted from the document as it is now."""
        doc = self._doc(document_id)
        exact, prefix, suffix = quote_at(doc.text, start, end)
        return Decision(self._new_id(), action, source_of(doc, self.index.corpus.root), start, end, exact, prefix,
                        suffix, place, was, batch, created or self._clock(), note)

    def decide(self, action: str, document_id: str, start: int, end: int | None = None, place: str | None = None,
               scope: str = "mention", note: str = "") -> tuple[Plan, Index]:
        """Plan and record in one step."""
        plan = self.plan(action, document_id, start, end, place, scope)
        return plan, self.record(plan, note)

    def clear(self, document_id: str, start: int, end: int | None = None) -> Decision:
        """Remove the decision over the span (the mention goes back to what
        the linker says)."""
        self._doc(document_id)
        layer = self.index.review
        d = layer.decision_over(document_id, start, end if end is not None else start + 1) if layer else None
        if d is None:
            raise ReviewError(f"no decision applies at offset {start} of {document_id}")
        self.file.commit(ChangeSet((), (d,), f"clear the decision on {d.exact!r}"))
        self.refresh()
        return d

    def undo(self) -> ChangeSet:
        change = self.file.undo()
        self.refresh()
        return change

    def redo(self) -> ChangeSet:
        change = self.file.redo()
        self.refresh()
        return change

    # -- progress ------------------------------------------------------------
    def progress(self) -> tuple[int, int]:
        """(mentions checked, mentions in all): checked counts confirmed,
        corrected, added and rejected ones."""
        idx = self.index
        statuses = idx.table.statuses
        rejected = len(idx.review.rejected) if idx.review else 0
        return int(np.count_nonzero(statuses)) + rejected, len(statuses) + rejected


# ---------------------------------------------------------------------------
# The review queue

@dataclass(frozen=True, slots=True)
class QueueItem:
    """A mention worth a look, with why."""

    document: str
    start: int
    end: int
    surface: str
    place: str
    priority: int
    reasons: tuple[str, ...]


UNSURE = 0.9
"""A linker choice with alternatives below this probability is queued as unsure."""
_QUALIFIER = re.compile(r"\s*\([^)]*\)\s*")
_LINK_WORDS = frozenset((
    "of", "in", "on", "at", "the", "de", "del", "della", "di", "du", "des", "la", "le", "e", "ye", "i", "al", "el",
))


def _name_keys(index: Index) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """folded name -> places having it; folded name -> places whose longer
    name ends with it."""
    owners: dict[str, set[str]] = defaultdict(set)
    for p in index.gazetteer.places:
        for n in p.names:
            # A qualifier in brackets is not part of the name: "Astara (Iran)" is an Astara.
            k = fold_phrase(_QUALIFIER.sub(" ", n))
            if k:
                owners[k].add(p.id)
    # Only endings count: the head of a name ("East Azerbaijan", "Nagorno-
    # Karabakh", "Lake Urmia"), not a modifier ("Iran" in "Iran's Azerbaijan").
    inside: dict[str, set[str]] = defaultdict(set)
    for k in list(owners):
        words = k.split()
        for i in range(1, len(words)):
            if words[i - 1] in _LINK_WORDS:
                continue  # "Azerbaijan in Iran": the head is before the preposition
            sub = " ".join(words[i:])
            if sub in owners:
                inside[sub].update(owners[k])
    return owners, inside


def review_queue(index: Index, *, include_checked: bool = False, candidates: Iterable[Any] = ()) -> list[QueueItem]:
    """Every unchecked mention, the ones most worth a look first.

    Priority (highest first): names several gazetteer places share; names
    that end another place's longer name ("Azerbaijan" of "East
    Azerbaijan", "Karabakh" of "Nagorno-Karabakh"); low linker confidence
    (the linker weighed other places and gave its choice less than
    :data:`UNSURE`) and places from the reference gazetteer;
    mentions in reference lists (titles and publishers often carry place
    names); then the rest. ``candidates`` (from
    :func:`caucasusmap.candidates.find_candidates`) scoring at least
    :data:`CANDIDATE_SCORE` add their unlinked occurrences (``place`` "":
    link them or say they are no place) after the doubtful links. Within a
    priority, identical mentions (same text and place) come together, in
    corpus order, so that "apply to every identical mention" clears them in
    one step."""
    t = index.table
    owners, inside = _name_keys(index)
    places = index.gazetteer.places
    docs = index.corpus.documents
    confidence, alt_offset, pool = t.confidence, t.alt_offset, index.place_pool
    statuses = t.statuses
    groups: dict[tuple[str, str], list[QueueItem]] = {}
    first_seen: dict[tuple[str, str], int] = {}
    for r in range(len(t)):
        if statuses[r] != AUTOMATIC and not include_checked:
            continue
        doc = docs[int(t.document[r])]
        a, b = int(t.start[r]), int(t.end[r])
        surface = doc.text[a:b]
        place = places[int(t.place[r])]
        key = fold_phrase(surface)
        reasons, priority = [], 0
        if len(owners.get(key, ())) > 1:
            others = sorted(owners[key] - {place.id})
            reasons.append(f"{len(owners[key])} places share this name ({', '.join(others[:3])})")
            priority += 4
        longer = inside.get(key, set()) - {place.id}
        if longer:
            reasons.append(f"part of a longer name ({', '.join(sorted(longer)[:3])})")
            priority += 3
        n_alt = int(alt_offset[r + 1] - alt_offset[r])
        if n_alt and float(confidence[r]) < UNSURE:
            other = pool[int(t.alt_place[alt_offset[r]])]
            where = f", {other.country}" if other.country else ""
            reasons.append(f"the linker was unsure (p={float(confidence[r]):.2f}; also weighed {other.name} "
                           f"({other.kind}{where}))")
            priority += 3
        if getattr(place, "origin", "") == "reference":
            reasons.append("a reference-gazetteer place")
            priority += 2
        if index.passage_list[int(t.passage[r])].is_reference:
            reasons.append("in a reference list")
            priority += 1
        if not reasons:
            reasons.append("not checked yet")
        item = QueueItem(doc.id, a, b, surface, place.id, priority, tuple(reasons))
        g = (key, place.id)
        groups.setdefault(g, []).append(item)
        first_seen.setdefault(g, r)
    if candidates:
        order_key = (t.document << 40) | t.start
        for item in _candidate_items(index, candidates):
            g = (fold_phrase(item.surface), "")
            groups.setdefault(g, []).append(item)
            d = index.document_position(item.document)
            first_seen.setdefault(g, int(np.searchsorted(order_key, (d << 40) | item.start)))
    ordered = sorted(groups, key=lambda g: (-max(i.priority for i in groups[g]), first_seen[g]))
    out: list[QueueItem] = []
    for g in ordered:
        out.extend(groups[g])
    return out



_NAME_KEYS: dict[int, tuple[Any, tuple[dict[str, set[str]], dict[str, set[str]]]]] = {}


CANDIDATE_SCORE = 3.0
"""Unlinked names the candidates finder scores at least this high are queued."""
CANDIDATE_PRIORITY = 2


def _candidate_items(index: Index, candidates: Iterable[Any]) -> list[QueueItem]:
    """Each unlinked occurrence of the well-scored candidates (whole words,
    in the passages the finder saw them in), not inside a linked mention or
    a decision."""
    out: list[QueueItem] = []
    layer = index.review
    t = index.table
    for c in candidates:
        if c.score < CANDIDATE_SCORE:
            continue
        why = "an unlinked name that looks like a place" + (f" ({', '.join(c.evidence[:2])})" if c.evidence else "")
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in sorted(c.forms, key=len, reverse=True))
                             + r")(?!\w)")
        for pid in dict.fromkeys(c.passages):
            p = index.passages.get(pid)
            if p is None:
                continue
            doc = index.corpus.by_id[p.document]
            dpos = index.document_position(doc.id)
            lo, hi = np.searchsorted(t.document, [dpos, dpos + 1])
            for m in pattern.finditer(doc.text, p.start, p.end):
                a, b = m.span()
                k = lo + int(np.searchsorted(t.end[lo:hi], a, side="right"))
                if k < hi and int(t.start[k]) < b:
                    continue  # linked (part of a longer name)
                if layer is not None and layer.decision_over(doc.id, a, b) is not None:
                    continue
                out.append(QueueItem(doc.id, a, b, m.group(), "", CANDIDATE_PRIORITY, (why,)))
    return out


def _cached_name_keys(index: Index) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    gaz = index.gazetteer
    hit = _NAME_KEYS.get(id(gaz))
    if hit is None or hit[0] is not gaz:
        if len(_NAME_KEYS) > 4:
            _NAME_KEYS.clear()
        hit = _NAME_KEYS[id(gaz)] = (gaz, _name_keys(index))
    return hit[1]


def reference_of(index: Index):
    """The reference gazetteer ``index`` was linked with, if it is still the
    one installed (None otherwise)."""
    if not index.reference:
        return None
    from .index import default_reference

    ref = default_reference()
    return ref if ref is not None and ref.digest == index.reference else None


def find_place(index: Index, place_id: str):
    """A place a decision may name: the index's (gazetteer, linked reference
    places, the linker's alternatives) or any of the reference gazetteer."""
    place = index.place(place_id)
    if place is None:
        ref = reference_of(index)
        place = ref.place(place_id) if ref is not None else None
    return place


_SEARCH: dict[int, tuple[Any, list]] = {}


def _search_rows(index: Index) -> list[tuple[str, tuple[str, ...], str]]:
    """(place id, folded names, why) of every place one can link to: the
    index's places, then the reference places no curated place hides."""
    hit = _SEARCH.get(id(index))
    if hit is not None and hit[0] is index:
        return hit[1]
    rows: list[tuple[str, tuple[str, ...], str]] = []
    seen: set[str] = set()
    for p in index.place_pool:
        why = "" if not p.from_reference else "reference gazetteer"
        rows.append((p.id, tuple(fold_phrase(n) for n in (*p.names, p.id)), why))
        seen.add(p.id)
    ref = reference_of(index)
    if ref is not None:
        from .reference import layer

        hidden = set(layer([p for p in index.gazetteer.places if not p.from_reference], ref).shadowed)
        for rp, names in zip(ref.places, ref.names):
            if rp.id not in seen and rp.id not in hidden:
                rows.append((rp.id, (*(f for _, f in names), rp.id), "reference gazetteer"))
    if len(_SEARCH) > 2:
        _SEARCH.clear()
    _SEARCH[id(index)] = (index, rows)
    return rows


def search_places(index: Index, query: str, exclude: Iterable[str] = (), limit: int = 200) -> list[tuple[str, str]]:
    """Places whose name or alias starts with (then contains) ``query``
    (case and diacritics aside), the gazetteer's first, then the reference
    gazetteer's, each with where it comes from ("" for the gazetteer)."""
    key = fold_phrase(query)
    if not key:
        return []
    skip = set(exclude)
    prefix, inner = [], []
    for pid, names, why in _search_rows(index):
        if pid in skip:
            continue
        if any(n.startswith(key) for n in names):
            prefix.append((pid, why))
        elif any(key in n for n in names):
            inner.append((pid, why))
    return (prefix + inner)[:limit]


def _row_at(index: Index, document_id: str, start: int, end: int) -> int | None:
    t = index.table
    d = index.document_position(document_id)
    lo, hi = np.searchsorted(t.document, [d, d + 1])
    k = lo + int(np.searchsorted(t.start[lo:hi], start))
    return k if k < hi and int(t.start[k]) == start and int(t.end[k]) == end else None


def alternatives(index: Index, document_id: str, start: int, end: int, current: str | None = None,
                 limit: int = 9) -> list[tuple[str, str]]:
    """The places a span most likely is instead of ``current``, best first,
    each with why: the places the linker weighed for this mention (with
    their probability); places with the same name; places whose longer name
    ends with it ("East Azerbaijan" for "Azerbaijan") or that are part of
    it; nearest first to the passage's other places. Then the other places
    of the passage and of the document. Ids may be of places only ever an
    alternative (:attr:`Index.place_pool`)."""
    from .maps import great_circle_km

    doc = index.corpus.by_id[document_id]
    key = fold_phrase(doc.text[start:end])
    owners, inside = _cached_name_keys(index)
    by_id = index.gazetteer.by_id
    passage = next((p for p in index.document_passages.get(document_id, ()) if p.start <= start < p.end), None)
    around = [p for p in (index.places_in(passage.id) if passage else {}) if p != current]
    out: dict[str, str] = {}
    row = _row_at(index, document_id, start, end)
    if row is not None:
        for pid, score in index.alternatives(row):
            if pid != current:
                out.setdefault(pid, f"the linker's next choice, p={score:.2f}" if score >= 0.005
                               else "the linker's next choice")
    words = key.split()
    parts: set[str] = set()
    for i in range(len(words)):
        for j in range(i + 1, len(words) + 1):
            if j - i < len(words):
                parts |= owners.get(" ".join(words[i:j]), set())
    groups = [(owners.get(key, set()), "same name"), (inside.get(key, set()), "a longer name ending with it"),
              (parts, "part of the name")]
    if around:
        lat = np.mean([by_id[p].lat for p in around])
        lon = np.mean([by_id[p].lon for p in around])

        def near(pid: str) -> float:
            return float(great_circle_km(lat, lon, by_id[pid].lat, by_id[pid].lon))
    else:
        def near(pid: str) -> float:
            return 0.0
    for ids, why in groups:
        for pid in sorted(ids - {current} - set(out), key=lambda p: (near(p), by_id[p].name)):
            out[pid] = why
    for pid in around:
        out.setdefault(pid, "in this passage")
    for pid, _ in index.places_in_document(document_id).most_common():
        if pid != current:
            out.setdefault(pid, "in this document")
    return list(out.items())[:limit]


def reading_marks(index: Index, passage_id: str) -> tuple[dict[tuple[int, int], int], list[tuple[int, int, str]]]:
    """For drawing a passage: the status code of each checked mention, keyed
    by its (start, end) in the document, and the rejected mentions as
    ``(start, end, "place@document:start:end")`` spans of the reading text
    (:meth:`Index.reading_text`)."""
    from .corpus import display_span

    t = index.table
    i = index.passage_position(passage_id)
    if i is None or i < 0 or t.status is None:
        return {}, []
    rows_in = index.mention_rows_in(i)
    a, b = rows_in.start, rows_in.stop
    status = t.status[a:b]
    rows = np.flatnonzero(status) + a
    marks = {(int(t.start[r]), int(t.end[r])): int(t.status[r]) for r in rows.tolist()}
    rejected: list[tuple[int, int, str]] = []
    layer = index.review
    if layer is not None and len(layer.rejected):
        rej = layer.rejected
        rows = layer.rejected_in(i)
        if rows:
            p = index.passage_list[i]
            _, origin = index.display(p.id)  # as reading_text maps it
            places = index.gazetteer.places
            for r in rows:
                s, e = int(rej.start[r]), int(rej.end[r])
                da, db = display_span(origin, s, e)
                if db > da:
                    rejected.append((da, db, f"{places[int(rej.place[r])].id}@{p.document}:{s}:{e}"))
    return marks, rejected
