"""The linked index: place ↔ passage ↔ document queries, co-occurrence, cache.

:func:`open_index` is the one entry point the CLI (and later the app) uses:
it loads and validates the gazetteer, reads the corpus, and either loads the
linked result from the on-disk cache or links and caches it. The cache is an
SQLite file in the user's cache directory named after a hash of the gazetteer
text, the corpus content and the linker version, so any change to either
rebuilds it and an unchanged pair is never linked twice.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import InitVar, dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

from .corpus import Corpus, display_span, display_text, document_passage_fields, read_corpus
from .errors import Issue, warning
from .gazetteer import Gazetteer, load_gazetteer, read_gazetteer_texts
from .linking import LINKER_VERSION, MIN_CONFIDENCE, Linker, Links, passage_of
from .model import Document, Mention, Passage, Place
from .reference import Reference, load_reference
from .review import STATUSES as _STATUS_NAMES
from .review import annotations_path, apply_decisions, read_decisions, status_codes

__all__ = ["Index", "MentionTable", "build_index", "open_index", "cache_dir", "default_reference", "REFERENCE_ENV"]

CACHE_ENV = "CAUCASUSMAP_CACHE_DIR"
REFERENCE_ENV = "CAUCASUSMAP_REFERENCE"
"""``none`` (or ``off``) links with the user's gazetteer alone; a path uses
that reference database instead of the packaged one."""
INDEX_FORMAT = "3"
"""Bumped whenever the cache's tables change (2: passages carry their page;
3: confidence and alternatives columns, reference places)."""
KEEP_CACHES = 8
READING_CACHE = 50_000
"""Passages whose reading text an index keeps at most (then it starts afresh)."""


def cache_dir() -> Path:
    """Where cached indexes live: ``$CAUCASUSMAP_CACHE_DIR`` or the
    platform's user cache directory."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("caucasusmap", appauthor=False))


@dataclass(frozen=True)
class MentionTable:
    """Mentions as aligned numpy columns in corpus order (document, then
    offset): ``document`` indexes ``corpus.documents``, ``passage`` indexes
    ``Index.passage_list``, ``place`` indexes ``gazetteer.places``. A 100 MB
    corpus has about a million mentions; columns keep that cheap. ``status``
    (int8, codes of :data:`caucasusmap.review.STATUSES`) is None for the
    linker's own table: every mention automatic."""

    document: np.ndarray
    passage: np.ndarray
    start: np.ndarray
    end: np.ndarray
    place: np.ndarray
    status: np.ndarray | None = None
    #: How sure the linker is of each row's place (float32, 0-1).
    confidence: np.ndarray | None = None
    #: Alternatives of row ``i``: ``alt_place[alt_offset[i]:alt_offset[i+1]]``
    #: (indexes into ``Index.place_pool``), with their probabilities ``alt_score``.
    alt_offset: np.ndarray | None = None
    alt_place: np.ndarray | None = None
    alt_score: np.ndarray | None = None

    def __post_init__(self) -> None:
        n = len(self.start)
        if self.confidence is None:
            object.__setattr__(self, "confidence", np.ones(n, dtype=np.float32))
        if self.alt_offset is None:
            object.__setattr__(self, "alt_offset", np.zeros(n + 1, dtype=np.int64))
        if self.alt_place is None:
            object.__setattr__(self, "alt_place", np.empty(0, dtype=np.int64))
        if self.alt_score is None:
            object.__setattr__(self, "alt_score", np.empty(0, dtype=np.float32))

    def __len__(self) -> int:
        return len(self.start)

    @property
    def statuses(self) -> np.ndarray:
        """The status column (zeros, automatic, when there is none)."""
        return self.status if self.status is not None else np.zeros(len(self.start), dtype=np.int8)

    def linker_columns(self, source: np.ndarray) -> dict[str, np.ndarray]:
        """The confidence and alternatives columns for a table whose row ``i``
        is row ``source[i]`` of this one (-1: a row of its own, confidence 1
        and no alternatives) — for layers that drop, add or reorder rows."""
        source = np.asarray(source, dtype=np.int64)
        have = source >= 0
        src = np.where(have, source, 0)
        confidence = np.where(have, self.confidence[src] if len(self.confidence) else 1.0, 1.0).astype(np.float32)
        counts = np.where(have, np.diff(self.alt_offset)[src] if len(self.start) else 0, 0)
        offset = np.zeros(len(source) + 1, dtype=np.int64)
        np.cumsum(counts, out=offset[1:])
        starts = np.repeat(self.alt_offset[:-1][src] if len(self.start) else np.zeros(len(src), np.int64), counts)
        within = np.arange(int(offset[-1]), dtype=np.int64) - np.repeat(offset[:-1], counts)
        take = starts + within
        return {"confidence": confidence, "alt_offset": offset, "alt_place": self.alt_place[take],
                "alt_score": self.alt_score[take]}

    def alternatives(self, row: int) -> tuple[np.ndarray, np.ndarray]:
        """(place indices into the pool, probabilities) of row's alternatives."""
        a, b = int(self.alt_offset[row]), int(self.alt_offset[row + 1])
        return self.alt_place[a:b], self.alt_score[a:b]

    @classmethod
    def concat(cls, parts: list[tuple[np.ndarray, ...]]) -> MentionTable:
        """Join per-document parts: (document, passage, start, end, place[,
        confidence, alt_count, alt_place, alt_score])."""
        if not parts:
            empty = np.empty(0, dtype=np.int64)
            return cls(empty, empty, empty, empty, empty)
        cols = [np.concatenate([p[i] for p in parts]).astype(np.int64, copy=False) for i in range(5)]
        if all(len(p) > 5 for p in parts):
            confidence = np.concatenate([p[5] for p in parts]).astype(np.float32, copy=False)
            counts = np.concatenate([p[6] for p in parts]).astype(np.int64, copy=False)
            offset = np.zeros(len(counts) + 1, dtype=np.int64)
            np.cumsum(counts, out=offset[1:])
            alt_place = np.concatenate([p[7] for p in parts]).astype(np.int64, copy=False)
            alt_score = np.concatenate([p[8] for p in parts]).astype(np.float32, copy=False)
            return cls(*cols, confidence=confidence, alt_offset=offset, alt_place=alt_place,
                       alt_score=alt_score)
        return cls(*cols)


@dataclass
class Index:
    """Queries over linked mentions. Counts are mention counts unless named
    otherwise. Build with :func:`build_index` or :func:`open_index`."""

    gazetteer: Gazetteer
    corpus: Corpus
    passage_list: list[Passage]
    table: MentionTable
    source: str = "built"  # "built" or "cache"
    #: The linker's mentions before review decisions (None: ``table`` is it).
    automatic_table: MentionTable | None = None
    #: The review decisions applied (:class:`caucasusmap.review.ReviewLayer`), or None.
    review: Any = None
    #: What identifies this index's content: linker version, gazetteer,
    #: corpus and decisions ("" when built without the cache).
    key: str = ""
    #: Places that are only ever an alternative (never chosen); ``place_pool``
    #: is ``gazetteer.places`` followed by these.
    alternative_places: tuple[Place, ...] = ()
    #: Digest of the reference gazetteer linked with ("" when none was).
    reference: str = ""
    #: Another index over the same passages (and places) whose lookup maps
    #: are reused (the automatic index under a reviewed one): not stored.
    share: InitVar[Index | None] = None
    passages: dict[str, Passage] = field(init=False, repr=False)
    document_passages: dict[str, list[Passage]] = field(init=False, repr=False)

    _DERIVED = frozenset(("_by_place", "_pp_place", "_pp_count", "_pp_bounds", "_mention_bounds"))

    def __post_init__(self, share: Index | None) -> None:
        if share is not None and (share.passage_list is not self.passage_list or share.corpus is not self.corpus):
            share = None
        if share is not None:
            self.passages, self._passage_index = share.passages, share._passage_index
            self.document_passages, self._document_pos = share.document_passages, share._document_pos
        else:
            self.passages = {p.id: p for p in self.passage_list}
            self._passage_index = {p.id: i for i, p in enumerate(self.passage_list)}
            doc_passages: dict[str, list[Passage]] = defaultdict(list)
            for p in self.passage_list:
                doc_passages[p.document].append(p)
            self.document_passages = dict(doc_passages)
            self._document_pos = {d.id: i for i, d in enumerate(self.corpus.documents)}
        if share is not None and share.gazetteer is self.gazetteer \
                and share.alternative_places is self.alternative_places:
            self._place_ids, self._place_index = share._place_ids, share._place_index
            self.place_pool: tuple[Place, ...] = share.place_pool
        else:
            # The ``place`` column indexes gazetteer places; alternatives index
            # the pool (gazetteer places, then places only ever an alternative).
            self._place_ids = [p.id for p in self.gazetteer.places]
            self._place_index = {pid: i for i, pid in enumerate(self._place_ids)}
            self.place_pool = (*self.gazetteer.places, *self.alternative_places)
        self._mentions: list[Mention] | None = None
        self._cooccurrence: Counter | None = None
        self._reading: dict[str, tuple[str, list[tuple[int, int, str]]]] = {}

    def __getattr__(self, name: str):
        # The query structures over the mention table are built on first use,
        # so an index that is only a step to another (the linker's table under
        # the review decisions) never pays for them.
        if name in Index._DERIVED:
            self._derive()
            return self.__dict__[name]
        raise AttributeError(name)

    def _derive(self) -> None:
        t = self.table
        n_places = max(len(self._place_ids), 1)
        n_passages = max(len(self.passage_list), 1)
        # place -> passages with counts: unique (place, passage) pairs, sorted by place.
        pairs, counts = np.unique(t.place * n_passages + t.passage, return_counts=True)
        pp_place, pp_passage = pairs // n_passages, pairs % n_passages
        bounds = np.searchsorted(pp_place, np.arange(n_places + 1))
        self._by_place = [(pp_passage[a:b], counts[a:b]) for a, b in zip(bounds[:-1], bounds[1:])]
        # passage -> places with counts (CSR): same pairs sorted by passage.
        order = np.lexsort((pp_place, pp_passage))
        self._pp_place, self._pp_count = pp_place[order], counts[order]
        self._pp_bounds = np.searchsorted(pp_passage[order], np.arange(n_passages + 1))
        # passage -> mention rows (the table is in passage order).
        self._mention_bounds = np.searchsorted(t.passage, np.arange(n_passages + 1))

    def alternatives(self, row: int) -> list[tuple[str, float]]:
        """The other places mention ``row`` could mean, most likely first,
        with their probabilities."""
        places, scores = self.table.alternatives(row)
        pool = self.place_pool
        return [(pool[int(k)].id, float(v)) for k, v in zip(places, scores)]

    def place(self, place_id: str) -> Place | None:
        """A place of the index by id: curated, linked reference place, or an
        alternative."""
        p = self.gazetteer.by_id.get(place_id)
        if p is None:
            p = next((q for q in self.alternative_places if q.id == place_id), None)
        return p

    # -- review layer -------------------------------------------------------------
    def automatic(self) -> Index:
        """This index as the linker made it, without review decisions."""
        if self.automatic_table is None and self.review is None:
            return self
        if getattr(self.review, "automatic", None) is not None:
            return self.review.automatic
        return Index(self.gazetteer, self.corpus, self.passage_list, self.automatic_table or self.table,
                     source=self.source, key=self.key.split("+")[0],
                     alternative_places=self.alternative_places, reference=self.reference, share=self)

    def mention_statuses(self) -> np.ndarray:
        """The review status name of each row of :attr:`table`
        (:data:`caucasusmap.review.STATUSES`)."""
        return np.array(_STATUS_NAMES, dtype=object)[self.table.statuses]

    def document_position(self, document_id: str) -> int:
        """The position of a document in ``corpus.documents`` (the value of
        the ``document`` column); -1 if unknown."""
        return self._document_pos.get(document_id, -1)

    # -- materialised views ----------------------------------------------------
    def _mention(self, row: int) -> Mention:
        t = self.table
        doc = self.corpus.documents[int(t.document[row])]
        a, b = int(t.start[row]), int(t.end[row])
        status = _STATUS_NAMES[int(t.status[row])] if t.status is not None else "automatic"
        return Mention(doc.id, self.passage_list[int(t.passage[row])].id, a, b, doc.text[a:b],
                       self._place_ids[int(t.place[row])], status, float(t.confidence[row]),
                       tuple(pid for pid, _ in self.alternatives(row)))

    def mention(self, row: int) -> Mention:
        """The mention at row ``row`` of :attr:`table`."""
        return self._mention(row)

    @property
    def mentions(self) -> list[Mention]:
        """Every mention as a value object, in corpus order (built on first use)."""
        if self._mentions is None:
            t = self.table
            docs, passages, ids = self.corpus.documents, self.passage_list, self._place_ids
            pool = [p.id for p in self.place_pool]
            offsets, alt = t.alt_offset.tolist(), t.alt_place.tolist()
            names = _STATUS_NAMES
            statuses = t.statuses.tolist()
            self._mentions = [
                Mention(docs[d].id, passages[p].id, a, b, docs[d].text[a:b], ids[k], names[statuses[r]], c,
                        tuple(pool[x] for x in alt[offsets[r]:offsets[r + 1]]) if offsets[r + 1] > offsets[r] else ())
                for r, (d, p, a, b, k, c) in enumerate(zip(t.document.tolist(), t.passage.tolist(), t.start.tolist(),
                                                           t.end.tolist(), t.place.tolist(),
                                                           t.confidence.astype(np.float64).round(4).tolist()))
            ]
        return self._mentions

    @property
    def cooccurrence(self) -> Counter:
        """Number of passages shared by each pair of places (a, b), a < b."""
        if self._cooccurrence is None:
            co: Counter = Counter()
            ids = self._place_ids
            b = self._pp_bounds
            multi = np.flatnonzero(np.diff(b) > 1)
            for i in multi:
                names = sorted(ids[k] for k in self._pp_place[b[i]:b[i + 1]])
                co.update(combinations(names, 2))
            self._cooccurrence = co
        return self._cooccurrence

    # -- queries -------------------------------------------------------------
    def place_position(self, place_id: str) -> int | None:
        """Where the place is in ``gazetteer.places`` (None: no such place)."""
        return self._place_index.get(place_id)

    def passage_position(self, passage_id: str) -> int | None:
        """Where the passage is in ``passage_list`` (None: no such passage)."""
        return self._passage_index.get(passage_id)

    def reading_text(self, passage_id: str) -> tuple[str, list[tuple[int, int, str]]]:
        """A passage's reading text (:func:`~caucasusmap.corpus.display_text`)
        and its mentions as ``(start, end, "place@document:start:end")`` spans
        in that text, sorted. Cached on this index, so it can never outlive it."""
        cached = self._reading.get(passage_id)
        if cached is None:
            if len(self._reading) >= READING_CACHE:
                self._reading.clear()
            p = self.passages[passage_id]
            doc = self.corpus.by_id[p.document]
            text, origin = display_text(doc.text, p.start, p.end, markup=doc.markup)
            spans = []
            for m in self.mentions_in(passage_id):
                a, b = display_span(origin, m.start, m.end)
                if b > a:
                    spans.append((a, b, f"{m.place}@{m.document}:{m.start}:{m.end}"))
            cached = self._reading[passage_id] = (text, sorted(spans))
        return cached

    def _place_rows(self, place_id: str) -> tuple[np.ndarray, np.ndarray]:
        i = self._place_index.get(place_id)
        if i is None:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        return self._by_place[i]

    def mention_count(self, place_id: str) -> int:
        """How many times the place is mentioned in the corpus."""
        return int(self._place_rows(place_id)[1].sum())

    def document_count(self, place_id: str) -> int:
        """In how many documents the place is mentioned."""
        passages, _ = self._place_rows(place_id)
        return len({self.passage_list[i].document for i in passages.tolist()})

    def passages_for(self, place_ids: str | Iterable[str], mode: str = "any",
                     include_references: bool = True) -> list[tuple[Passage, int]]:
        """Passages mentioning the place(s) with the number of mentions of
        them, in corpus order. ``mode="all"`` keeps passages that mention every
        one of the places (co-occurrence), ``"any"`` those mentioning at least
        one."""
        ids = [place_ids] if isinstance(place_ids, str) else list(dict.fromkeys(place_ids))
        if mode not in ("any", "all"):
            raise ValueError(f"mode must be 'any' or 'all', not {mode!r}")
        if not ids:
            return []
        totals: dict[int, int] = {}
        seen: dict[int, int] = {}
        for pid in ids:
            passages, counts = self._place_rows(pid)
            for i, n in zip(passages.tolist(), counts.tolist()):
                totals[i] = totals.get(i, 0) + n
                seen[i] = seen.get(i, 0) + 1
        keys = sorted(i for i in totals if mode == "any" or seen[i] == len(ids))
        out = []
        for i in keys:
            p = self.passage_list[i]
            if p.is_reference and not include_references:
                continue
            out.append((p, totals[i]))
        return out

    def places_in(self, passage_id: str) -> dict[str, int]:
        """Places mentioned in a passage, with counts."""
        i = self._passage_index.get(passage_id)
        if i is None:
            return {}
        a, b = self._pp_bounds[i], self._pp_bounds[i + 1]
        return {self._place_ids[k]: int(n) for k, n in zip(self._pp_place[a:b], self._pp_count[a:b])}

    def places_in_document(self, document_id: str) -> Counter:
        """Places mentioned in a document, with counts."""
        out: Counter = Counter()
        for p in self.document_passages.get(document_id, ()):
            out.update(self.places_in(p.id))
        return out

    def mentions_in(self, passage_id: str) -> list[Mention]:
        """Mentions inside a passage, in text order."""
        i = self._passage_index.get(passage_id)
        if i is None:
            return []
        return [self._mention(r) for r in range(self._mention_bounds[i], self._mention_bounds[i + 1])]

    def cooccurring(self, place_id: str) -> list[tuple[str, int]]:
        """Other places sharing a passage with ``place_id``: (place, number of
        shared passages), most frequent first."""
        passages, _ = self._place_rows(place_id)
        out: Counter = Counter()
        b = self._pp_bounds
        for i in passages.tolist():
            for k in self._pp_place[b[i]:b[i + 1]].tolist():
                out[self._place_ids[k]] += 1
        out.pop(place_id, None)
        return sorted(out.items(), key=lambda t: (-t[1], t[0]))

    def view_rows(self, documents: Iterable[str] | None = None, places: Iterable[str] | None = None,
                  hide_references: bool = False, statuses: Iterable[str] | None = None) -> np.ndarray:
        """Rows of :attr:`table` in a view: mentions in ``documents`` (None:
        all) of ``places`` (None: all), optionally outside references, with
        one of ``statuses`` (names of :data:`caucasusmap.review.STATUSES`, or
        ``checked``; None: any)."""
        t = self.table
        mask = np.ones(len(t), dtype=bool)
        if statuses is not None:
            mask &= np.isin(t.statuses, status_codes(statuses))
        if documents is not None:
            pos = {d.id: i for i, d in enumerate(self.corpus.documents)}
            mask &= np.isin(t.document, [pos[d] for d in documents if d in pos])
        if places is not None:
            mask &= np.isin(t.place, [self._place_index[p] for p in places if p in self._place_index])
        if hide_references and len(t):
            is_ref = np.fromiter((p.is_reference for p in self.passage_list), dtype=bool, count=len(self.passage_list))
            mask &= ~is_ref[t.passage]
        return np.flatnonzero(mask)

    def view_counts(self, rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Per gazetteer place (file order): mentions and documents in the
        view given by ``rows`` (from :meth:`view_rows`; None: everything)."""
        t = self.table
        rows = np.arange(len(t)) if rows is None else rows
        n_places, n_docs = len(self._place_ids), max(len(self.corpus.documents), 1)
        mentions = np.bincount(t.place[rows], minlength=n_places)
        pairs = np.unique(t.place[rows] * n_docs + t.document[rows])
        docs = np.bincount(pairs // n_docs, minlength=n_places)
        return mentions, docs

    def text_names(self, rows: np.ndarray | None = None) -> dict[str, str]:
        """Per place id, the form the texts use most often for it (in the
        mentions ``rows``; None: all) — the "as in the texts" naming
        (:mod:`caucasusmap.naming`)."""
        from .naming import text_names

        t = self.table
        rows = np.arange(len(t)) if rows is None else rows
        docs, ids = self.corpus.documents, self._place_ids
        return text_names((ids[k], docs[d].text[a:b]) for d, a, b, k in zip(
            t.document[rows].tolist(), t.start[rows].tolist(), t.end[rows].tolist(), t.place[rows].tolist()))

    def unmentioned_issues(self) -> list[Issue]:
        """A warning for each gazetteer place no passage mentions."""
        return [
            warning(self.gazetteer.path, p.line, 0, f"no passage of the corpus mentions {p.id!r} ({p.name})")
            for p, (rows, _) in zip(self.gazetteer.places, self._by_place) if not len(rows) and not p.from_reference
        ]


# ---------------------------------------------------------------------------
# Building

PARALLEL_MIN_CHARS = 16_000_000
"""Corpora larger than this are linked by a pool of processes (one per core)."""

_worker_linker: Linker | None = None


def _init_worker(places, reference_path, ignore) -> None:
    global _worker_linker
    reference = load_reference(reference_path) if reference_path else None
    _worker_linker = Linker(places, reference=reference, ignore=ignore)


def _link_document(doc: Document, linker: Linker | None = None) -> tuple[list[tuple], tuple[np.ndarray, ...]]:
    """Split and link one document: passage fields and mention columns
    (start, end, place, passage number within the document, confidence,
    number of alternatives, alternatives, their probabilities). Places are
    indices into the linker's candidate places."""
    linker = linker or _worker_linker
    fields = document_passage_fields(doc)
    bounds = (np.fromiter((f[0] for f in fields), dtype=np.int64, count=len(fields)),
              np.fromiter((f[1] for f in fields), dtype=np.int64, count=len(fields)))
    links: Links = linker.find_links(doc.text)
    which = passage_of(links.start, bounds)
    inside = which >= 0
    counts = np.diff(links.alt_offset)
    alt_keep = np.repeat(inside, counts)
    return fields, (links.start[inside], links.end[inside], links.place[inside], which[inside],
                    links.confidence[inside], counts[inside], links.alt_place[alt_keep], links.alt_score[alt_keep])


def default_reference() -> Reference | None:
    """The reference gazetteer to link with: the packaged one, another given
    by ``$CAUCASUSMAP_REFERENCE``, or none when that says ``none``."""
    env = os.environ.get(REFERENCE_ENV, "").strip()
    if env.lower() in ("none", "off", "0", "no"):
        return None
    return load_reference(env or None)


def _ignored_names(gazetteer: Gazetteer) -> tuple[str, ...]:
    """The user's "not a place" names (``not-places.txt`` beside the gazetteer)."""
    from .candidates import ignore_path, read_ignore

    try:
        return tuple(sorted(read_ignore(ignore_path(gazetteer.path))))
    except (OSError, ValueError):
        return ()


_DEFAULT = object()


def build_index(gazetteer: Gazetteer, corpus: Corpus,
                progress: Callable[[int, int], None] | None = None, *, workers: int | None = None,
                reference: Reference | None | object = _DEFAULT) -> Index:
    """Split and link every document (no cache involved). Large corpora are
    linked in parallel, one process per core (``workers`` overrides).
    ``reference`` defaults to :func:`default_reference`; None links with the
    gazetteer alone."""
    if reference is _DEFAULT:
        reference = default_reference()
    ignore = _ignored_names(gazetteer) if reference is not None else ()
    docs = corpus.documents
    total_chars = sum(len(d.text) for d in docs)
    if workers is None:
        workers = min(os.cpu_count() or 1, len(docs)) if total_chars >= PARALLEL_MIN_CHARS else 1
    linker = Linker(gazetteer.places, reference=reference, ignore=ignore)
    if workers > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_init_worker,
                                   initargs=(gazetteer.places, reference.path if reference else None, ignore))
        with pool:
            results = pool.map(_link_document, docs, chunksize=max(1, len(docs) // (workers * 8)))
            return _assemble(gazetteer, corpus, results, progress, linker, reference)
    return _assemble(gazetteer, corpus, (_link_document(d, linker) for d in docs), progress, linker, reference)


def _assemble(gazetteer: Gazetteer, corpus: Corpus, results, progress, linker: Linker,
              reference: Reference | None) -> Index:
    passage_list: list[Passage] = []
    parts = []
    total = len(corpus.documents)
    for di, (doc, (fields, cols)) in enumerate(zip(corpus.documents, results)):
        starts, ends, places, which = cols[:4]
        offset = len(passage_list)
        doc_id = doc.id
        passage_list.extend(
            Passage(f"{doc_id}#{n}", doc_id, n, a, b, kind, section, ref, foot, page)
            for n, (a, b, kind, section, ref, foot, page) in enumerate(fields, 1)
        )
        parts.append((np.full(len(starts), di, dtype=np.int64), which + offset, starts, ends, places, *cols[4:]))
        if progress:
            progress(di + 1, total)
    table = MentionTable.concat(parts)
    # Candidate indices -> the index's places: the curated places, then the
    # reference places chosen at least once; places only ever an alternative after those.
    n_curated = linker.n_curated
    chosen = np.unique(table.place)
    chosen_ref = chosen[chosen >= n_curated]
    alt_only = np.setdiff1d(np.unique(table.alt_place), chosen)
    alt_only = alt_only[alt_only >= n_curated]
    pool_size = len(linker.places)
    remap = np.full(max(pool_size, 1), -1, dtype=np.int64)
    remap[:n_curated] = np.arange(n_curated)
    remap[chosen_ref] = n_curated + np.arange(len(chosen_ref))
    remap[alt_only] = n_curated + len(chosen_ref) + np.arange(len(alt_only))
    table = MentionTable(table.document, table.passage, table.start, table.end, remap[table.place],
                         confidence=table.confidence, alt_offset=table.alt_offset, alt_place=remap[table.alt_place],
                         alt_score=table.alt_score)
    merged = _merged(gazetteer, [linker.places[i] for i in chosen_ref.tolist()])
    alternatives = tuple(linker.places[i] for i in alt_only.tolist())
    return Index(merged, corpus, passage_list, table, alternative_places=alternatives,
                 reference=reference.digest if reference else "")


def _merged(gazetteer: Gazetteer, reference_places: list[Place]) -> Gazetteer:
    if not reference_places:
        return gazetteer
    return Gazetteer(gazetteer.path, (*gazetteer.places, *reference_places), gazetteer.issues)


# ---------------------------------------------------------------------------
# Cache

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE passages(id TEXT PRIMARY KEY, document TEXT, number INT, start INT, "end" INT,
                      kind TEXT, section TEXT, is_reference INT, footnote TEXT, page INT);
CREATE TABLE mentions(name TEXT PRIMARY KEY, data BLOB);  -- one column each
CREATE TABLE places(rank INT PRIMARY KEY, id TEXT, alternative INT);  -- reference places, in index order
"""
_COLUMNS = ("document", "passage", "start", "end", "place", "alt_offset", "alt_place")
_FLOAT_COLUMNS = ("confidence", "alt_score")


def _cache_key(gazetteer_text: str, corpus: Corpus, reference: Reference | None = None,
               ignore: tuple[str, ...] = ()) -> str:
    h = hashlib.sha256()
    h.update(f"caucasusmap-index/{INDEX_FORMAT}/{LINKER_VERSION}/{MIN_CONFIDENCE}\0".encode())
    h.update(gazetteer_text.encode("utf-8", "surrogatepass"))
    h.update(b"\0" + corpus.fingerprint().encode())
    h.update(b"\0" + (reference.digest.encode() if reference else b"-"))
    h.update(b"\0" + "\n".join(ignore).encode())
    return h.hexdigest()[:32]


def _checksum(rows, blobs: dict[str, bytes], places=()) -> str:
    """SHA-256 over the passage rows, the mention columns and the reference
    place rows as stored: a cache whose data was altered after writing is
    rebuilt, never trusted."""
    h = hashlib.sha256()
    for row in rows:
        h.update(repr(tuple(row)).encode("utf-8", "surrogatepass"))
    for name in (*_COLUMNS, *_FLOAT_COLUMNS):
        h.update(name.encode() + b"\0" + blobs[name])
    for row in places:
        h.update(repr(tuple(row)).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _write_cache(path: Path, key: str, index: Index) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        try:
            con.executescript(_SCHEMA)
            rows = [(p.id, p.document, p.number, p.start, p.end, p.kind, p.section, int(p.is_reference), p.footnote,
                     p.page) for p in index.passage_list]
            blobs = {name: getattr(index.table, name).astype("<i8").tobytes() for name in _COLUMNS}
            blobs.update({name: getattr(index.table, name).astype("<f4").tobytes() for name in _FLOAT_COLUMNS})
            ref_places = [p for p in index.gazetteer.places if p.from_reference]
            places = [(rank, p.id, alt) for rank, (p, alt) in enumerate(
                [(p, 0) for p in ref_places] + [(p, 1) for p in index.alternative_places])]
            con.execute("INSERT INTO meta VALUES ('key', ?)", (key,))
            con.execute("INSERT INTO meta VALUES ('checksum', ?)", (_checksum(rows, blobs, places),))
            con.executemany("INSERT INTO passages VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
            con.executemany("INSERT INTO mentions VALUES (?, ?)", blobs.items())
            con.executemany("INSERT INTO places VALUES (?, ?, ?)", places)
            con.commit()
        finally:
            con.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    # Keep the most recent few caches only.
    old = sorted(path.parent.glob("index-*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in old[KEEP_CACHES:]:
        stale.unlink(missing_ok=True)


def _read_cache(path: Path, key: str, gazetteer: Gazetteer, corpus: Corpus,
                reference: Reference | None = None) -> Index | None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = con.execute("SELECT value FROM meta WHERE key='key'").fetchone()
        if not row or row[0] != key:
            return None
        checksum = con.execute("SELECT value FROM meta WHERE key='checksum'").fetchone()
        rows = con.execute('SELECT id, document, number, start, "end", kind, section, is_reference, footnote, '
                           "page FROM passages ORDER BY rowid").fetchall()
        columns = dict(con.execute("SELECT name, data FROM mentions"))
        places = con.execute("SELECT rank, id, alternative FROM places ORDER BY rank").fetchall()
        if not checksum or checksum[0] != _checksum(rows, columns, places):
            return None
        passage_list = [Passage(r[0], r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7]), r[8], r[9]) for r in rows]
        ints = {name: np.frombuffer(columns[name], dtype="<i8").astype(np.int64) for name in _COLUMNS}
        floats = {name: np.frombuffer(columns[name], dtype="<f4").astype(np.float32) for name in _FLOAT_COLUMNS}
        table = MentionTable(ints["document"], ints["passage"], ints["start"], ints["end"], ints["place"],
                             confidence=floats["confidence"], alt_offset=ints["alt_offset"],
                             alt_place=ints["alt_place"], alt_score=floats["alt_score"])
        n = len(table.start)
        if len({len(c) for c in (table.document, table.passage, table.end, table.place, table.confidence)} | {n}) != 1 \
                or len(table.alt_offset) != n + 1 or len(table.alt_place) != len(table.alt_score):
            return None
        chosen, alternatives = [], []
        for _rank, pid, alt in places:
            place = reference.place(pid) if reference is not None else None
            if place is None:
                return None  # the reference changed under the cache
            (alternatives if alt else chosen).append(place)
        n_places = len(gazetteer.places) + len(chosen)
        if n and (table.place.min() < 0 or table.place.max() >= n_places
                  or table.document.min() < 0 or table.document.max() >= len(corpus.documents)
                  or table.passage.min() < 0 or table.passage.max() >= len(passage_list)
                  or (table.start > table.end).any()
                  or (len(table.alt_place) and (table.alt_place.min() < 0
                                                or table.alt_place.max() >= n_places + len(alternatives)))):
            return None
    except (sqlite3.Error, KeyError, ValueError):
        return None  # a damaged or foreign cache is simply rebuilt
    finally:
        con.close()
    try:
        os.utime(path)
    except OSError:
        pass
    return Index(_merged(gazetteer, chosen), corpus, passage_list, table, source="cache",
                 alternative_places=tuple(alternatives), reference=reference.digest if reference else "")


def open_index(gazetteer_path: str | Path, corpus_dir: str | Path, *, use_cache: bool = True,
               progress: Callable[[int, int], None] | None = None, decisions: bool = True,
               reference: Reference | None | object = _DEFAULT) -> Index:
    """Load the gazetteer (raising :class:`~caucasusmap.errors.GazetteerError`
    if it has errors) and the corpus, then return the linked index — from the
    cache when the same gazetteer, reference and corpus were linked before —
    with the review decisions of the corpus folder (``annotations.jsonl``)
    applied unless ``decisions`` is False (:mod:`caucasusmap.review`).
    ``reference`` defaults to :func:`default_reference`; None links with the
    gazetteer alone."""
    index = _open_automatic(gazetteer_path, corpus_dir, use_cache=use_cache, progress=progress, reference=reference)
    if decisions:
        path = annotations_path(corpus_dir)
        if path.exists():
            found, issues = read_decisions(path)
            index = apply_decisions(index, found, path=path, digest=_file_digest(path), file_issues=issues)
    return index


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _open_automatic(gazetteer_path: str | Path, corpus_dir: str | Path, *, use_cache: bool,
                    progress: Callable[[int, int], None] | None,
                    reference: Reference | None | object = _DEFAULT) -> Index:
    texts = read_gazetteer_texts(gazetteer_path)
    gazetteer = load_gazetteer(gazetteer_path, overrides={str(f): t for f, t in texts})
    corpus = read_corpus(corpus_dir)
    if reference is _DEFAULT:
        reference = default_reference()
    if not use_cache:
        return build_index(gazetteer, corpus, progress, reference=reference)
    key = _cache_key("".join(f"{f.name}\0{t}\0" for f, t in texts), corpus, reference,
                     _ignored_names(gazetteer) if reference is not None else ())
    path = cache_dir() / f"index-{key}.sqlite"
    if path.exists():
        cached = _read_cache(path, key, gazetteer, corpus, reference)
        if cached is not None:
            cached.key = key
            return cached
    index = build_index(gazetteer, corpus, progress, reference=reference)
    index.key = key
    try:
        _write_cache(path, key, index)
    except (OSError, sqlite3.Error):
        pass  # an unwritable cache only costs speed next time
    return index
