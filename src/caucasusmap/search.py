"""Full-text search over passages (the app's Ctrl+F) and name search over places.

:class:`PassageSearch` indexes the display text of every passage of an
:class:`~caucasusmap.index.Index` in an in-memory SQLite database. With FTS5
(present in nearly every Python build) the table uses the ``unicode61
remove_diacritics 2`` tokenizer and ranks by bm25. Before indexing, text and
queries are folded one character for one with
:func:`~caucasusmap.normalize.fold_char`, so search ignores case and
diacritics exactly as linking does (``nurduz`` finds ``Nurdüz``, ``baki``
finds ``Bakı``, ``تبريز`` finds ``تبریز``) while offsets into the indexed
text remain offsets into the display text. Without FTS5 the same queries run
as ``LIKE`` over a copy folded with :func:`~caucasusmap.normalize.fold_phrase`.

Queries are plain text, never FTS syntax: every word is quoted, words are
ANDed, a trailing ``*`` makes the last word a prefix, and a query wrapped in
double quotes is one phrase. A word that contains separators
(``Nagorno-Karabakh``, ``Iran's``) is itself a phrase of its parts.

:func:`find_places` is the gazetteer side: places whose id, name or alias
matches, exact before prefix before substring.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sqlite3
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .corpus import display_text
from .normalize import fold_char, fold_phrase
from .store import remove_database

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from .gazetteer import Gazetteer
    from .index import Index
    from .model import Place

__all__ = ["Hit", "PassageSearch", "find_places", "fts5_available", "document_keys", "SNIPPET_CHARS", "SEARCH_FILE"]

SNIPPET_CHARS = 200
"""Longest snippet, ellipses included."""

TOKENIZER = "unicode61 remove_diacritics 2"

# Highlight markers for FTS5 highlight(): control characters, which the
# folding below turns into spaces, so the indexed text never contains them.
_OPEN, _CLOSE = "\x01", "\x02"
_COMBINING = "\u0301"


class _OneForOne(dict):
    """``str.translate`` table folding each character to exactly one: the
    :func:`~caucasusmap.normalize.fold_char` result, with separators as
    spaces and vanishing characters (combining marks, ZWNJ, tatweel) as a
    combining accent, which the tokenizer drops from inside a word. The
    indexed text thus tokenizes like :func:`fold_phrase` words while keeping
    the display text's offsets. Filled lazily, one entry per character met."""

    def __missing__(self, cp: int) -> str:
        f = fold_char(chr(cp))
        value = _COMBINING if f == "\x00" else f
        self[cp] = value
        return value


_ONE_FOR_ONE = _OneForOne()
_SURROGATE = re.compile("[\ud800-\udfff]")
_ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class Hit:
    """One passage matching a search.

    ``snippet`` is plain text of at most :data:`SNIPPET_CHARS` characters
    around the best cluster of matches (``…`` marks a cut); ``spans`` are the
    ``(start, end)`` offsets of the matched words inside ``snippet``, for
    highlighting; ``rank`` is lower for better hits (FTS5 bm25, or minus the
    number of matches with the LIKE backend)."""

    passage: str
    document: str
    snippet: str
    spans: list[tuple[int, int]] = field(hash=False)
    rank: float


def fts5_available() -> bool:
    """Whether this Python's SQLite can create FTS5 tables."""
    con = sqlite3.connect(":memory:")
    try:
        con.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize = '{TOKENIZER}')")
        return True
    except sqlite3.Error:
        return False
    finally:
        con.close()


# ---------------------------------------------------------------------------
# Query parsing


@dataclass(frozen=True)
class _Query:
    """A parsed user query: ``terms`` are the raw words (or the one phrase),
    ANDed; ``prefix`` makes the last term a prefix."""

    terms: tuple[str, ...]
    prefix: bool


def _parse(query: str) -> _Query | None:
    """Turn user text into terms; None if nothing searchable is left."""
    q = query.strip()
    if not q:
        return None
    if len(q) >= 2 and q[0] == '"' and q[-1] == '"':
        inner = q[1:-1].strip()
        prefix = inner.endswith("*")
        inner = inner.rstrip("*").strip()
        terms = (inner,) if fold_phrase(inner.replace('"', " ")) else ()
        return _Query(terms, prefix) if terms else None
    words = q.split()
    prefix = words[-1].endswith("*")
    words[-1] = words[-1].rstrip("*")
    # Words without a letter or digit ("*", "(", "-", a lone quote) are noise.
    kept = [w for w in words if fold_phrase(w)]
    if not kept:
        return None
    prefix = prefix and bool(fold_phrase(words[-1]))  # then it is kept[-1]
    return _Query(tuple(kept), prefix)


def _fts_expression(q: _Query) -> str:
    """FTS5 syntax for a parsed query: each term a quoted string (inner ``"``
    doubled), ANDed by juxtaposition, ``*`` after the last if prefix."""
    parts = ['"' + t.translate(_ONE_FOR_ONE).replace('"', '""') + '"' for t in q.terms]
    if q.prefix:
        parts[-1] += " *"
    return " ".join(parts)


# ---------------------------------------------------------------------------
# Folding with an offset map (LIKE backend)


def _fold_with_origin(text: str) -> tuple[str, list[int]]:
    """``" " + fold_phrase(text) + " "`` and, for each of its characters, the
    offset in ``text`` it came from (the padding maps to -1 and len(text))."""
    out = [" "]
    origin = [-1]
    for i, ch in enumerate(text):
        f = fold_char(ch)
        if f == "\x00":
            continue
        if f == " " and out[-1] == " ":
            continue
        out.append(f)
        origin.append(i)
    if out[-1] != " ":
        out.append(" ")
        origin.append(len(text))
    return "".join(out), origin


def _term_pattern(term: str, prefix: bool) -> re.Pattern:
    """Whole-word (or word-prefix) regex for a folded term in padded folded text."""
    return re.compile(r"(?<= )" + re.escape(term) + (r"\S*(?= )" if prefix else r"(?= )"))


def _like_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# ---------------------------------------------------------------------------
# Snippets


def _snippet(text: str, spans: list[tuple[int, int]], width: int = SNIPPET_CHARS) -> tuple[str, list[tuple[int, int]]]:
    """A window of ``text`` of at most ``width`` characters around the
    densest cluster of ``spans`` (cut at word boundaries, ``…`` at cuts),
    with the spans that fit, shifted into the window."""
    if len(text) <= width:
        return text, list(spans)
    if not spans:
        a, b = 0, width - 1
    else:
        room = width - 2  # both ellipses
        spans = sorted(spans)
        # Densest cluster: the most spans fitting in one window (two pointers;
        # spans do not overlap, so their ends are sorted too).
        best_i, best_n, j = 0, 0, 0
        for i, (s, _) in enumerate(spans):
            j = max(j, i)
            while j < len(spans) and spans[j][1] <= s + room:
                j += 1
            if j - i > best_n:
                best_i, best_n = i, j - i
        covered = spans[best_i:best_i + best_n] or spans[:1]
        first, last = covered[0][0], max(t[1] for t in covered)
        # Centre the matched stretch in the window.
        slack = max(0, room - (last - first))
        a = max(0, first - slack // 2)
        b = min(len(text), a + room)
        a = max(0, min(a, b - room))
        # Move the cuts to word boundaries when that does not lose a match.
        if a > 0 and not text[a - 1].isspace():
            sp = text.find(" ", a, first)
            if sp != -1:
                a = sp + 1
        if b < len(text) and not text[b].isspace():
            sp = text.rfind(" ", last, b)
            if sp != -1:
                b = sp
    lead = _ELLIPSIS if a > 0 else ""
    trail = _ELLIPSIS if b < len(text) else ""
    body = text[a:b]
    if lead:
        body = body.lstrip()
        shift = len(lead) - (a + (len(text[a:b]) - len(body)))
    else:
        shift = -a
    body = body.rstrip() if trail else body
    snippet = lead + body + trail
    limit = len(lead) + len(body)
    out = [(s + shift, e + shift) for s, e in spans
           if s + shift >= len(lead) and e + shift <= limit]
    return snippet, out


def _marked_spans(marked: str) -> list[tuple[int, int]]:
    """Offsets of ``_OPEN…_CLOSE`` regions in FTS5 highlight() output,
    expressed in the unmarked text."""
    spans = []
    pos = removed = 0
    while True:
        a = marked.find(_OPEN, pos)
        if a == -1:
            return spans
        b = marked.find(_CLOSE, a + 1)
        if b == -1:
            return spans
        start = a - removed
        end = b - removed - 1
        spans.append((start, end))
        removed += 2
        pos = b + 1


# ---------------------------------------------------------------------------
# Passage search


SEARCH_VERSION = "1"
"""Bumped whenever what a stored search database holds changes meaning."""

SEARCH_FILE = "search-{backend}.sqlite"
"""The search database kept in an index's store folder, one per backend."""


def document_keys(index: Index) -> list[str]:
    """One key per document of ``index`` naming what its search rows depend
    on: the document's id, content digest and kind of text, and its
    passages' spans and reference flags. "" for a document without a
    content digest (an index built in memory): its rows are never reused.
    Computed once per index (the search database and the unlinked-name scan
    cache both ask)."""
    cached = index.__dict__.get("_document_keys")
    if cached is not None:
        return list(cached)
    docs = index.corpus.documents
    s = index.structure
    bounds = np.asarray(s["d_pstart"])
    out = []
    for d, doc in enumerate(docs):
        digest = getattr(doc, "_digest", "")
        if not digest:
            out.append("")
            continue
        a, b = int(bounds[d]), int(bounds[d + 1])
        h = hashlib.blake2b(digest_size=16)
        h.update(f"{SEARCH_VERSION}\0{doc.id}\0{digest}\0{int(doc.markup)}\0".encode("utf-8", "surrogatepass"))
        for col in (*index.passage_bounds(a, b), index.is_reference[a:b]):
            h.update(np.ascontiguousarray(col).tobytes())
        out.append(h.hexdigest())
    index.__dict__["_document_keys"] = tuple(out)
    return out


class PassageSearch:
    """Full-text search over every passage of an index.

    ``backend`` is ``None`` (FTS5 when available, else LIKE), ``"fts5"``
    (raise :class:`RuntimeError` if unavailable) or ``"like"``; the chosen
    one is in :attr:`backend`. The database may be built in one thread and
    searched from another (access is serialised).

    With ``cache`` (the default) and an index opened from a store, the
    database is a file in the store's folder (:data:`SEARCH_FILE`): each
    document's rows are written once, under a key naming the document's
    content and passages (:func:`document_keys`), and reused by every later
    open; a document added or edited since is indexed alone, the rows of
    documents no longer in the index are dropped, and a damaged file is
    rebuilt. Otherwise the database is in memory. Either way the answers
    are the same. ``cancelled`` is asked between documents
    (:class:`~caucasusmap.errors.Cancelled`; what is written stays)."""

    def __init__(self, index: Index, backend: str | None = None, *, cache: bool = True,
                 cancelled=None) -> None:
        if backend not in (None, "fts5", "like"):
            raise ValueError(f"backend must be None, 'fts5' or 'like', not {backend!r}")
        self.index = index
        self._lock = threading.Lock()
        store = getattr(index, "store", None) if cache else None
        self.backend = "like"
        if backend in (None, "fts5"):
            if fts5_available():
                self.backend = "fts5"
            elif backend == "fts5":
                raise RuntimeError("this Python's SQLite has no FTS5")
        self.path = Path(store.path) / SEARCH_FILE.format(backend=self.backend) if store is not None else None
        self.indexed = 0  # documents indexed by this open (the others were reused)
        self._con = None
        for attempt in (1, 2):
            try:
                self._con = self._connect()
                self._build(cancelled)
                break
            except sqlite3.DatabaseError:  # a damaged file: start again, once
                if self.path is None or attempt == 2:
                    raise
                log.warning("search database %s is damaged; rebuilding it", self.path)
                if self._con is not None:
                    self._con.close()
                    self._con = None
                remove_database(self.path)

    @staticmethod
    def is_stored(index: Index) -> bool:
        """Whether the store of ``index`` holds the rows of every one of its
        documents already (for the backend this Python would use), so that
        opening the search is quick."""
        store = getattr(index, "store", None)
        if store is None:
            return False
        path = Path(store.path) / SEARCH_FILE.format(backend="fts5" if fts5_available() else "like")
        keys = document_keys(index)
        if not path.exists() or not all(keys):
            return False
        try:
            con = sqlite3.connect(path, timeout=30)
            try:
                have = {k for (k,) in con.execute("SELECT key FROM docs")}
            finally:
                con.close()
        except sqlite3.Error:
            return False
        return set(keys) <= have

    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(":memory:" if self.path is None else self.path, check_same_thread=False,
                              timeout=30, isolation_level=None)
        try:
            if self.path is not None:
                con.execute("PRAGMA journal_mode=WAL")
                con.execute("PRAGMA synchronous=NORMAL")
            con.execute("CREATE TABLE IF NOT EXISTS docs(n INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL, "
                        "lo INT NOT NULL, hi INT NOT NULL)")
            if self.backend == "fts5":
                con.execute(
                    "CREATE VIRTUAL TABLE IF NOT EXISTS passages USING fts5(body, passage UNINDEXED, "
                    "document UNINDEXED, dn UNINDEXED, is_reference UNINDEXED, display UNINDEXED, "
                    f"tokenize = '{TOKENIZER}')")
            else:
                con.execute("CREATE TABLE IF NOT EXISTS passages(passage TEXT, document TEXT, dn INT, "
                            "is_reference INT, display TEXT, folded TEXT)")
            con.execute("CREATE TEMP TABLE IF NOT EXISTS cur(dn INTEGER PRIMARY KEY, pos INT NOT NULL)")
        except BaseException:
            con.close()
            raise
        return con

    def _document_rows(self, d: int):
        """The rows of the ``d``-th document's passages."""
        index = self.index
        doc = index.corpus.documents[d]
        a, b = (int(x) for x in np.asarray(index.structure["d_pstart"][d:d + 2]))
        starts, ends = index.passage_bounds(a, b)
        refs = index.is_reference[a:b].tolist()
        text = doc.text
        for k, (start, end) in enumerate(zip(starts.tolist(), ends.tolist())):
            shown, _ = display_text(text, start, end, markup=doc.markup)
            if _SURROGATE.search(shown):  # undecodable bytes kept as surrogates: SQLite refuses them
                shown = _SURROGATE.sub("\ufffd", shown)
            pid = f"{doc.id}#{k + 1}"
            if self.backend == "fts5":
                yield (shown.translate(_ONE_FOR_ONE), pid, doc.id, int(refs[k]), shown)
            else:
                yield (pid, doc.id, int(refs[k]), shown, f" {fold_phrase(shown)} ")

    def _build(self, cancelled) -> None:
        con = self._con
        keys = document_keys(self.index) if self.path is not None else [""] * len(self.index.corpus.documents)
        with self._lock:
            have = {key: (n, lo, hi) for n, key, lo, hi in con.execute("SELECT n, key, lo, hi FROM docs")}
            wanted = {k for k in keys if k}
            for key, (n, lo, hi) in have.items():
                if key not in wanted:
                    self._drop(n, lo, hi)
            con.execute("DELETE FROM cur")
            placed = []
            added = 0
            for d, key in enumerate(keys):
                entry = have.get(key) if key else None
                if entry is not None and not self._complete(*entry):
                    self._drop(*entry)
                    entry = None
                if entry is None:
                    if cancelled is not None and cancelled():
                        from .errors import Cancelled

                        raise Cancelled("preparing search cancelled")
                    entry = self._insert(d, key)
                    added += 1
                placed.append((entry[0], d))
            con.executemany("INSERT INTO cur VALUES (?, ?)", placed)
            if added == len(keys) and added and self.backend == "fts5":  # built afresh (else FTS5 merges as it goes)
                con.execute("INSERT INTO passages(passages) VALUES ('optimize')")
            self.indexed = added

    def _complete(self, n: int, lo: int, hi: int) -> bool:
        found = self._con.execute("SELECT count(*) FROM passages WHERE rowid BETWEEN ? AND ?", (lo, hi)).fetchone()
        return found[0] == hi - lo + 1 and not self._con.execute(
            "SELECT 1 FROM passages WHERE rowid BETWEEN ? AND ? AND dn != ? LIMIT 1", (lo, hi, n)).fetchone()

    def _drop(self, n: int, lo: int, hi: int) -> None:
        con = self._con
        con.execute("BEGIN")
        con.execute("DELETE FROM passages WHERE rowid BETWEEN ? AND ?", (lo, hi))
        con.execute("DELETE FROM docs WHERE n = ?", (n,))
        con.execute("COMMIT")

    def _insert(self, d: int, key: str) -> tuple[int, int, int]:
        """Index the ``d``-th document in one transaction: (n, lo, hi)."""
        con = self._con
        con.execute("BEGIN IMMEDIATE")
        try:
            top = con.execute("SELECT max(rowid) FROM passages").fetchone()[0] or 0
            n = (con.execute("SELECT max(n) FROM docs").fetchone()[0] or 0) + 1
            rows = [(top + 1 + k, n, *row) for k, row in enumerate(self._document_rows(d))]
            if self.backend == "fts5":
                con.executemany("INSERT INTO passages(rowid, dn, body, passage, document, is_reference, display) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            else:
                con.executemany("INSERT INTO passages(rowid, dn, passage, document, is_reference, display, folded) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            lo, hi = top + 1, top + len(rows)
            # A document without passages still gets its entry (an empty range), so it is not tried again.
            con.execute("INSERT OR REPLACE INTO docs VALUES (?, ?, ?, ?)", (n, key or f"-{n}", lo, hi))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return n, lo, hi

    def __len__(self) -> int:
        with self._lock:
            return self._con.execute("SELECT count(*) FROM passages JOIN cur ON cur.dn = passages.dn").fetchone()[0]

    def close(self) -> None:
        """Free the database (searching afterwards raises)."""
        with self._lock:
            self._con.close()

    def search(self, query: str, limit: int = 50, include_references: bool = True) -> list[Hit]:
        """Passages matching every word of ``query``, best first.

        Plain text, never raises for any input: ``"a phrase"`` in double
        quotes, ``word*`` for a prefix on the last word; an empty query or one
        without letters or digits gives ``[]``."""
        parsed = _parse(query)
        if parsed is None or limit <= 0:
            return []
        with self._lock:
            if self.backend == "fts5":
                return self._search_fts5(parsed, limit, include_references)
            return self._search_like(parsed, limit, include_references)

    def _search_fts5(self, q: _Query, limit: int, include_references: bool) -> list[Hit]:
        sql = (f"SELECT passage, document, display, highlight(passages, 0, '{_OPEN}', '{_CLOSE}'), "
               "bm25(passages) AS r FROM passages JOIN cur ON cur.dn = passages.dn WHERE passages MATCH ?"
               + ("" if include_references else " AND is_reference = 0")
               + " ORDER BY r, cur.pos, passages.rowid LIMIT ?")
        try:
            rows = self._con.execute(sql, (_fts_expression(q), limit)).fetchall()
        except sqlite3.OperationalError:
            return []  # quoting should make this unreachable; a search box must not crash
        hits = []
        for passage, document, display, marked, rank in rows:
            snippet, spans = _snippet(display, _marked_spans(marked))
            hits.append(Hit(passage, document, snippet, spans, float(rank)))
        return hits

    def _search_like(self, q: _Query, limit: int, include_references: bool) -> list[Hit]:
        terms = [fold_phrase(t.replace('"', " ")) for t in q.terms]
        patterns = []
        where = []
        for i, term in enumerate(terms):
            prefix = q.prefix and i == len(terms) - 1
            where.append("folded LIKE ? ESCAPE '\\'")
            patterns.append(f"% {_like_escape(term)}{'%' if prefix else ' %'}")
        if not include_references:
            where.append("is_reference = 0")
        sql = ("SELECT cur.pos, passages.rowid, passage, document, display, folded FROM passages "
               "JOIN cur ON cur.dn = passages.dn WHERE " + " AND ".join(where) + " ORDER BY cur.pos, passages.rowid")
        regexes = [_term_pattern(t, q.prefix and i == len(terms) - 1) for i, t in enumerate(terms)]
        scored = []
        for pos, rowid, passage, document, display, folded in self._con.execute(sql, patterns):
            n = sum(len(r.findall(folded)) for r in regexes)
            scored.append((-float(n), pos, rowid, passage, document, display))
        scored.sort(key=lambda t: t[:3])
        hits = []
        for rank, _, _, passage, document, display in scored[:limit]:
            folded, origin = _fold_with_origin(display)
            spans = sorted({(origin[m.start()], origin[m.end() - 1] + 1)
                            for r in regexes for m in r.finditer(folded)})
            snippet, spans = _snippet(display, spans)
            hits.append(Hit(passage, document, snippet, spans, rank))
        return hits


# ---------------------------------------------------------------------------
# Place search


@lru_cache(maxsize=65536)
def _folded(name: str) -> str:
    return fold_phrase(name)


def find_places(gazetteer: Gazetteer, query: str, limit: int = 20) -> list[tuple[Place, str]]:
    """Places whose id, name or an alias matches ``query`` (case and
    diacritics ignored), each with the name or alias that matched (the id
    itself only when no name matches as well): exact matches first, then
    prefix matches, then substring matches; ties by name."""
    key = fold_phrase(query)
    if not key or limit <= 0:
        return []
    found = []
    for place in gazetteer.places:
        best: tuple[int, str] | None = None
        for name in (*place.names, place.id):
            folded = _folded(name)
            if folded == key:
                tier = 0
            elif folded.startswith(key):
                tier = 1
            elif key in folded:
                tier = 2
            else:
                continue
            if best is None or tier < best[0]:
                best = (tier, name)
        if best is not None:
            found.append((best[0], _folded(place.name), place.id, place, best[1]))
    found.sort(key=lambda t: t[:3])
    return [(place, name) for *_, place, name in found[:limit]]
