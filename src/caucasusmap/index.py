"""The linked index: place ↔ passage ↔ document queries, co-occurrence, the store.

:func:`open_index` is the one entry point the CLI and the app use: it loads
and validates the gazetteer, brings the on-disk store of the corpus folder up
to date (:func:`update_store`: only documents that are new or whose content
changed are linked) and returns an :class:`Index` over it. The store
(:mod:`caucasusmap.store`) keeps every column on disk; the index reads them
memory-mapped, so opening a gigabyte corpus reads neither the corpus nor the
mentions, and a document's text is read from its file only when something
asks for it.

:func:`build_index` links an in-memory :class:`~caucasusmap.corpus.Corpus`
with no store involved (tests, ``--no-cache``).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import InitVar, dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

from . import readers
from .corpus import (
    Corpus,
    _read_file,
    display_span,
    display_text,
    document_fields,
    document_files,
    document_id,
    document_passage_fields,
    found_metadata,
    not_a_document,
    read_corpus,
    read_manifest,
)
from .errors import Cancelled, CaucasusmapError, DocumentError, Issue, error, warning
from .gazetteer import Gazetteer, load_gazetteer, read_gazetteer_texts
from .linking import LINKER_VERSION, MIN_CONFIDENCE, Linker, passage_of
from .model import Document, Mention, Passage, Place
from .paths import cache_dir
from .reference import REFERENCE_FILE, Reference, layer, load_reference
from .review import STATUSES as _STATUS_NAMES
from .review import annotations_path, apply_decisions, read_decisions, status_codes
from .store import (
    ALTERNATIVE_COLUMNS,
    KINDS,
    MENTION_COLUMNS,
    DocumentRecord,
    MemorySink,
    PartData,
    Store,
    _ArrayColumn,
    place_numbering,
    query_structures,
)

__all__ = ["Index", "MentionTable", "build_index", "open_index", "update_store", "open_store", "cache_dir",
           "link_documents", "link_files", "LinkSpec", "LinkStats", "Progress", "default_reference",
           "REFERENCE_ENV"]

log = logging.getLogger("caucasusmap.index")

REFERENCE_ENV = "CAUCASUSMAP_REFERENCE"
"""``none`` (or ``off``) links with the user's gazetteer alone; a path uses
that reference database instead of the packaged one."""
INDEX_FORMAT = "6"
"""Bumped whenever the store's content changes meaning (2: passages carry
their page; 3: confidence and alternatives, reference places; 4: the
columnar store; 5: both; 6: documents' dates from what their text states, with
their source)."""
KEEP_STORES = 4
"""Stores kept in the cache directory (one per gazetteer + corpus folder)."""
READING_CACHE = 50_000
"""Passages whose reading text an index keeps at most (then it starts afresh)."""
DISPLAY_CACHE = 1024
"""Passages whose offset maps (display text -> source offsets) are kept, shared
by the reviewed indexes over the same passages (each decision makes one)."""


@dataclass(frozen=True)
class MentionTable:
    """Mentions as aligned columns in corpus order (document, then offset):
    ``document`` indexes ``corpus.documents``, ``passage`` indexes
    ``Index.passage_list``, ``place`` indexes ``gazetteer.places``. Columns
    are numpy arrays — memory-mapped from the store for an opened index, so a
    10 GB corpus's hundred million mentions cost no memory until read.
    ``status`` (int8, codes of :data:`caucasusmap.review.STATUSES`) is None
    for the linker's own table: every mention automatic."""

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
        confidence = np.where(have, np.asarray(self.confidence)[src] if len(self.confidence) else 1.0,
                              1.0).astype(np.float32)
        alt_offset = np.asarray(self.alt_offset)
        counts = np.where(have, np.diff(alt_offset)[src] if len(self.start) else 0, 0)
        offset = np.zeros(len(source) + 1, dtype=np.int64)
        np.cumsum(counts, out=offset[1:])
        starts = np.repeat(alt_offset[:-1][src] if len(self.start) else np.zeros(len(src), np.int64), counts)
        within = np.arange(int(offset[-1]), dtype=np.int64) - np.repeat(offset[:-1], counts)
        take = starts + within
        return {"confidence": confidence, "alt_offset": offset, "alt_place": np.asarray(self.alt_place)[take],
                "alt_score": np.asarray(self.alt_score)[take]}

    def alternatives(self, row: int) -> tuple[np.ndarray, np.ndarray]:
        """(place indices into the pool, probabilities) of row's alternatives."""
        a, b = int(self.alt_offset[row]), int(self.alt_offset[row + 1])
        return np.asarray(self.alt_place[a:b]), np.asarray(self.alt_score[a:b])

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


# ---------------------------------------------------------------------------
# Lazy views over the store's columns


class _Passages(Sequence):
    """``Index.passage_list`` of a stored index: Passage objects made on access."""

    def __init__(self, cols, documents: Sequence[Document], strings: list[str]):
        self._c = cols
        self._docs = documents
        self._strings = strings
        self._n = len(cols["p_start"])

    def __len__(self) -> int:
        return self._n

    def _make(self, i: int) -> Passage:
        c = self._c
        d = int(c["p_doc"][i])
        number = i - int(c["d_pstart"][d]) + 1
        doc_id = self._docs[d].id
        page = int(c["p_page"][i])
        return Passage(f"{doc_id}#{number}", doc_id, number, int(c["p_start"][i]), int(c["p_end"][i]),
                       KINDS[int(c["p_kind"][i])], self._strings[int(c["p_section"][i])], bool(c["p_ref"][i]),
                       self._strings[int(c["p_foot"][i])], page or None)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._make(k) for k in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        return self._make(i)

    def __iter__(self) -> Iterator[Passage]:
        for i in range(self._n):
            yield self._make(i)

    def __eq__(self, other) -> bool:
        return len(self) == len(other) and all(a == b for a, b in zip(self, other))


class _PassageMap(Mapping):
    """``Index.passages`` (id → Passage) without a dict of every passage."""

    def __init__(self, index: Index):
        self._index = index

    def __getitem__(self, passage_id: str) -> Passage:
        i = self._index.passage_position(passage_id)
        if i is None:
            raise KeyError(passage_id)
        return self._index.passage_list[i]

    def __contains__(self, passage_id) -> bool:
        return self._index.passage_position(passage_id) is not None

    def __iter__(self):
        return (p.id for p in self._index.passage_list)

    def __len__(self) -> int:
        return len(self._index.passage_list)

    def __eq__(self, other) -> bool:
        return isinstance(other, Mapping) and len(self) == len(other) and all(
            k in other and other[k] == v for k, v in self.items())


class _DocumentPassages(Mapping):
    """``Index.document_passages`` (document id → its passages), lazily."""

    def __init__(self, index: Index):
        self._index = index

    def __getitem__(self, document_id: str) -> list[Passage]:
        d = self._index.document_position(document_id)
        if d is None:
            raise KeyError(document_id)
        s = self._index._s
        a, b = int(s["d_pstart"][d]), int(s["d_pstart"][d + 1])
        if a == b:
            raise KeyError(document_id)
        return self._index.passage_list[a:b]

    def __iter__(self):
        s = self._index._s
        counts = np.diff(np.asarray(s["d_pstart"]))
        docs = self._index.corpus.documents
        return (docs[i].id for i in np.flatnonzero(counts).tolist())

    def __len__(self) -> int:
        return int(np.count_nonzero(np.diff(np.asarray(self._index._s["d_pstart"]))))


class _Mentions(Sequence):
    """``Index.mentions``: Mention value objects made on access (iterating
    streams them; nothing is kept)."""

    def __init__(self, index: Index):
        self._index = index

    def __len__(self) -> int:
        return len(self._index.table)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._index.mention(k) for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._index.mention(i)

    def __iter__(self) -> Iterator[Mention]:
        index = self._index
        t = index.table
        ids = index._place_ids
        pool = [p.id for p in index.place_pool]
        docs = index.corpus.documents
        names = _STATUS_NAMES
        n = len(t)
        step = 65536
        for a in range(0, n, step):  # a chunk of columns at a time
            b = min(n, a + step)
            statuses = (np.asarray(t.status[a:b]) if t.status is not None else np.zeros(b - a, np.int8)).tolist()
            offsets = np.asarray(t.alt_offset[a:b + 1])
            alt = np.asarray(t.alt_place[int(offsets[0]):int(offsets[-1])]).tolist()
            offsets = (offsets - offsets[0]).tolist()
            confidence = np.asarray(t.confidence[a:b]).astype(np.float64).round(4).tolist()
            for r, (d, p, s, e, k) in enumerate(zip(
                    np.asarray(t.document[a:b]).tolist(), np.asarray(t.passage[a:b]).tolist(),
                    np.asarray(t.start[a:b]).tolist(), np.asarray(t.end[a:b]).tolist(),
                    np.asarray(t.place[a:b]).tolist())):
                doc = docs[d]
                lo, hi = offsets[r], offsets[r + 1]
                yield Mention(doc.id, index.passage_id(p), s, e, doc.text[s:e], ids[k], names[statuses[r]],
                              confidence[r], tuple(pool[x] for x in alt[lo:hi]) if hi > lo else ())


    def __eq__(self, other) -> bool:
        return len(self) == len(other) and all(a == b for a, b in zip(self, other))


# ---------------------------------------------------------------------------
# The index


@dataclass
class Index:
    """Queries over linked mentions. Counts are mention counts unless named
    otherwise. Built by :func:`build_index` (in memory) or opened from the
    store by :func:`open_index`; both give the same answers.

    ``structure`` holds the query columns (see :mod:`caucasusmap.store`):
    memory-mapped for a stored index, computed from ``passage_list`` and
    ``table`` when not given."""

    gazetteer: Gazetteer
    corpus: Corpus
    passage_list: Sequence[Passage]
    table: MentionTable
    source: str = "built"  # "built", "cache" or "updated"
    #: The linker's mentions before review decisions (None: ``table`` is it).
    automatic_table: MentionTable | None = None
    #: The review decisions applied (:class:`caucasusmap.review.ReviewLayer`), or None.
    review: Any = None
    #: What identifies this index's content: store, its base and decisions ("" when built in memory).
    key: str = ""
    structure: Mapping[str, np.ndarray] | None = field(default=None, repr=False)
    #: Places that are only ever an alternative (never chosen); ``place_pool``
    #: is ``gazetteer.places`` followed by these.
    alternative_places: tuple[Place, ...] = ()
    #: Digest of the reference gazetteer linked with ("" when none was).
    reference: str = ""
    #: Another index over the same passages (and places) whose lookup maps
    #: and passage columns are reused (the automatic index under a reviewed
    #: one): not stored.
    share: InitVar[Index | None] = None
    passages: Mapping[str, Passage] = field(init=False, repr=False)
    document_passages: Mapping[str, list[Passage]] = field(init=False, repr=False)

    def __post_init__(self, share: Index | None) -> None:
        if share is not None and (share.passage_list is not self.passage_list or share.corpus is not self.corpus):
            share = None
        if share is not None and share.gazetteer is self.gazetteer \
                and share.alternative_places is self.alternative_places:
            self._place_ids, self._place_index = share._place_ids, share._place_index
            self.place_pool: tuple[Place, ...] = share.place_pool
        else:
            self._place_ids = [p.id for p in self.gazetteer.places]
            self._place_index = {pid: i for i, pid in enumerate(self._place_ids)}
            self.place_pool = (*self.gazetteer.places, *self.alternative_places)
        self._doc_index = share._doc_index if share is not None else {
            d.id: i for i, d in enumerate(self.corpus.documents)}
        #: The stored query columns of the linker's own table (reused by :meth:`automatic`).
        self._automatic_structure = self.structure if self.automatic_table is None else None
        if self.structure is None:
            # Built on first use: an index that is only a step to another (the
            # linker's table under review decisions) never pays for them.
            self.structure = _LazyStructure(self, share.structure if share is not None else None)
        self._s = self.structure
        if share is not None:  # (same passages and corpus: the same answers)
            self.passages, self.document_passages = share.passages, share.document_passages
            self._display: dict[str, tuple[str, list[int]]] = share._display
        else:
            self.passages = _PassageMap(self)
            self.document_passages = _DocumentPassages(self)
            self._display = {}
        self._cooccurrence: Counter | None = None
        self._is_ref: np.ndarray | None = None
        self._reading: dict[str, tuple[str, list[tuple[int, int, str]]]] = {}
        self.stats: LinkStats | None = None
        self.store: Store | None = None

    def alternatives(self, row: int) -> list[tuple[str, float]]:
        """The other places mention ``row`` could mean, most likely first,
        with their probabilities."""
        places, scores = self.table.alternatives(row)
        pool = self.place_pool
        return [(pool[int(k)].id, float(v)) for k, v in zip(places.tolist(), scores.tolist())]

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
        auto = Index(self.gazetteer, self.corpus, self.passage_list, self.automatic_table or self.table,
                     source=self.source, key=self.key.split("+")[0],
                     structure=self._automatic_structure, alternative_places=self.alternative_places,
                     reference=self.reference, share=self)
        auto.stats, auto.store = self.stats, getattr(self, "store", None)
        return auto

    def mention_statuses(self) -> np.ndarray:
        """The review status name of each row of :attr:`table`
        (:data:`caucasusmap.review.STATUSES`)."""
        return np.array(_STATUS_NAMES, dtype=object)[self.table.statuses]

    # -- positions ---------------------------------------------------------------
    def place_position(self, place_id: str) -> int | None:
        """Where the place is in ``gazetteer.places`` (the ``place`` column; None: no such place)."""
        return self._place_index.get(place_id)

    def document_position(self, document_id: str) -> int | None:
        """Where the document is in ``corpus.documents`` (the ``document`` column; None: no such document)."""
        return self._doc_index.get(document_id)

    def passage_position(self, passage_id: str) -> int | None:
        """Where the passage is in ``passage_list`` (the ``passage`` column; None: no such passage)."""
        if not isinstance(passage_id, str):
            return None
        doc_id, sep, number = passage_id.rpartition("#")
        if not sep or not number.isdigit():
            return None
        d = self._doc_index.get(doc_id)
        if d is None:
            return None
        s = self._s
        i = int(s["d_pstart"][d]) + int(number) - 1
        return i if int(number) >= 1 and i < int(s["d_pstart"][d + 1]) else None

    def passage_bounds(self, a: int, b: int) -> tuple[np.ndarray, np.ndarray]:
        """Start and end offsets of the passages at positions ``a``..``b-1``
        of ``passage_list`` (a stored index reads its columns and makes no
        Passage)."""
        cols = getattr(self.passage_list, "_c", None)
        if cols is not None:
            return np.asarray(cols["p_start"][a:b], dtype=np.int64), np.asarray(cols["p_end"][a:b], dtype=np.int64)
        ps = self.passage_list[a:b]
        return (np.fromiter((p.start for p in ps), dtype=np.int64, count=len(ps)),
                np.fromiter((p.end for p in ps), dtype=np.int64, count=len(ps)))

    def passage_kinds(self, a: int, b: int) -> np.ndarray:
        """The kinds of the passages at positions ``a``..``b-1`` of
        ``passage_list``, as indexes into :data:`~caucasusmap.store.KINDS`
        (a stored index reads its column and makes no Passage)."""
        cols = getattr(self.passage_list, "_c", None)
        if cols is not None:
            return np.asarray(cols["p_kind"][a:b], dtype=np.int64)
        return np.fromiter((KINDS.index(p.kind) for p in self.passage_list[a:b]), dtype=np.int64, count=b - a)

    def passage_id(self, row: int) -> str:
        """The id of the passage at ``row`` of ``passage_list``."""
        s = self._s
        d = int(s["p_doc"][row])
        return f"{self.corpus.documents[d].id}#{row - int(s['d_pstart'][d]) + 1}"

    # -- materialised views ----------------------------------------------------
    def mention(self, row: int) -> Mention:
        """The mention at ``row`` of :attr:`table` as a value object."""
        t = self.table
        doc = self.corpus.documents[int(t.document[row])]
        a, b = int(t.start[row]), int(t.end[row])
        status = _STATUS_NAMES[int(t.status[row])] if t.status is not None else "automatic"
        return Mention(doc.id, self.passage_id(int(t.passage[row])), a, b, doc.text[a:b],
                       self._place_ids[int(t.place[row])], status, float(t.confidence[row]),
                       tuple(pid for pid, _ in self.alternatives(row)))

    _mention = mention

    @property
    def mentions(self) -> Sequence[Mention]:
        """Every mention as a value object, in corpus order, made on access
        (iterate it; do not keep a list of a large corpus's mentions)."""
        return _Mentions(self)

    @property
    def is_reference(self) -> np.ndarray:
        """Per passage row: is it in a references section (bool array)."""
        if self._is_ref is None:
            self._is_ref = np.asarray(self._s["p_ref"]).astype(bool)
        return self._is_ref

    @property
    def cooccurrence(self) -> Counter:
        """Number of passages shared by each pair of places (a, b), a < b."""
        if self._cooccurrence is None:
            co: Counter = Counter()
            ids = self._place_ids
            b = np.asarray(self._s["p_ppstart"])
            pp_place = self._s["pp_place"]
            for i in np.flatnonzero(np.diff(b) > 1).tolist():
                names = sorted(ids[k] for k in np.asarray(pp_place[b[i]:b[i + 1]]).tolist())
                co.update(combinations(names, 2))
            self._cooccurrence = co
        return self._cooccurrence

    # -- queries -------------------------------------------------------------
    def _place_rows(self, place_id: str) -> tuple[np.ndarray, np.ndarray]:
        """(passage rows, mention counts) of a place, in corpus order."""
        i = self._place_index.get(place_id)
        if i is None:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        s = self._s
        a, b = int(s["bp_start"][i]), int(s["bp_start"][i + 1])
        return np.asarray(s["bp_passage"][a:b]), np.asarray(s["bp_count"][a:b])

    def mention_count(self, place_id: str) -> int:
        """How many times the place is mentioned in the corpus."""
        i = self._place_index.get(place_id)
        return 0 if i is None else int(self._s["pl_mentions"][i])

    def document_count(self, place_id: str) -> int:
        """In how many documents the place is mentioned."""
        i = self._place_index.get(place_id)
        return 0 if i is None else int(self._s["pl_documents"][i])

    def passage_rows_for(self, place_ids: str | Iterable[str], mode: str = "any",
                         include_references: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """Like :meth:`passages_for` as two arrays — passage rows (into
        ``passage_list``, in corpus order) and mention counts — so a caller
        can count and page through a place's passages without making a
        Passage object for each."""
        ids = [place_ids] if isinstance(place_ids, str) else list(dict.fromkeys(place_ids))
        if mode not in ("any", "all"):
            raise ValueError(f"mode must be 'any' or 'all', not {mode!r}")
        if not ids:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        parts = [self._place_rows(pid) for pid in ids]
        if len(parts) == 1:
            rows, counts = parts[0]
        else:
            allrows = np.concatenate([r for r, _ in parts])
            allcounts = np.concatenate([c for _, c in parts]).astype(np.int64)
            rows, inverse, seen = np.unique(allrows, return_inverse=True, return_counts=True)
            counts = np.bincount(inverse, weights=allcounts, minlength=len(rows)).astype(np.int64)
            if mode == "all":
                keep = seen == len(ids)
                rows, counts = rows[keep], counts[keep]
        if not include_references and len(rows):
            keep = ~self.is_reference[rows]
            rows, counts = rows[keep], counts[keep]
        return rows.astype(np.int64, copy=False), counts.astype(np.int64, copy=False)

    def passages_for(self, place_ids: str | Iterable[str], mode: str = "any",
                     include_references: bool = True, *, start: int = 0,
                     limit: int | None = None) -> list[tuple[Passage, int]]:
        """Passages mentioning the place(s) with the number of mentions of
        them, in corpus order. ``mode="all"`` keeps passages that mention every
        one of the places (co-occurrence), ``"any"`` those mentioning at least
        one. ``start``/``limit`` return one page of them."""
        rows, counts = self.passage_rows_for(place_ids, mode, include_references)
        end = len(rows) if limit is None else min(len(rows), start + limit)
        plist = self.passage_list
        return [(plist[r], n) for r, n in zip(rows[start:end].tolist(), counts[start:end].tolist())]

    def places_in(self, passage_id: str) -> dict[str, int]:
        """Places mentioned in a passage, with counts."""
        i = self.passage_position(passage_id)
        if i is None:
            return {}
        s = self._s
        a, b = int(s["p_ppstart"][i]), int(s["p_ppstart"][i + 1])
        return {self._place_ids[k]: int(n) for k, n in zip(np.asarray(s["pp_place"][a:b]).tolist(),
                                                           np.asarray(s["pp_count"][a:b]).tolist())}

    def places_in_document(self, document_id: str) -> Counter:
        """Places mentioned in a document, with counts."""
        d = self.document_position(document_id)
        out: Counter = Counter()
        if d is None:
            return out
        s = self._s
        a, b = int(s["d_pstart"][d]), int(s["d_pstart"][d + 1])
        lo, hi = int(s["p_ppstart"][a]), int(s["p_ppstart"][b])
        counts = np.bincount(np.asarray(s["pp_place"][lo:hi]), weights=np.asarray(s["pp_count"][lo:hi]),
                             minlength=len(self._place_ids))
        for k in np.flatnonzero(counts).tolist():
            out[self._place_ids[k]] = int(counts[k])
        return out

    def mention_rows_in(self, passage_row: int) -> range:
        """The rows of :attr:`table` inside a passage (by its row)."""
        s = self._s
        return range(int(s["p_mstart"][passage_row]), int(s["p_mstart"][passage_row + 1]))

    def mentions_in(self, passage_id: str) -> list[Mention]:
        """Mentions inside a passage, in text order."""
        i = self.passage_position(passage_id)
        if i is None:
            return []
        return [self.mention(r) for r in self.mention_rows_in(i)]

    def reading_text(self, passage_id: str) -> tuple[str, list[tuple[int, int, str]]]:
        """A passage's reading text (:func:`~caucasusmap.corpus.display_text`)
        and its mentions as ``(start, end, "place@document:start:end")`` spans
        in that text, sorted. Cached on this index, so it can never outlive it."""
        cached = self._reading.get(passage_id)
        if cached is None:
            if len(self._reading) >= READING_CACHE:
                self._reading.clear()
            text, origin = self.display(passage_id)
            spans = []
            for m in self.mentions_in(passage_id):
                a, b = display_span(origin, m.start, m.end)
                if b > a:
                    spans.append((a, b, f"{m.place}@{m.document}:{m.start}:{m.end}"))
            cached = self._reading[passage_id] = (text, sorted(spans))
        return cached

    def display(self, passage_id: str) -> tuple[str, list[int]]:
        """A passage's reading text and, per character, its offset in the
        document (:func:`~caucasusmap.corpus.display_text`); shared by the
        reviewed indexes over the same passages."""
        shown = self._display.get(passage_id)
        if shown is None:
            if len(self._display) >= DISPLAY_CACHE:
                self._display.clear()
            p = self.passages[passage_id]
            doc = self.corpus.by_id[p.document]
            shown = self._display[passage_id] = display_text(doc.text, p.start, p.end, markup=doc.markup)
        return shown

    def cooccurring(self, place_id: str) -> list[tuple[str, int]]:
        """Other places sharing a passage with ``place_id``: (place, number of
        shared passages), most frequent first."""
        passages, _ = self._place_rows(place_id)
        if not len(passages):
            return []
        s = self._s
        b = s["p_ppstart"]
        starts, ends = np.asarray(b[passages]), np.asarray(b[passages + 1])
        lengths = ends - starts
        rows = np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths) + np.arange(lengths.sum())
        counts = np.bincount(np.asarray(s["pp_place"][rows]) if len(rows) else np.empty(0, dtype=np.int64),
                             minlength=len(self._place_ids))
        out = {self._place_ids[k]: int(counts[k]) for k in np.flatnonzero(counts).tolist()}
        out.pop(place_id, None)
        return sorted(out.items(), key=lambda t: (-t[1], t[0]))

    def view_rows(self, documents: Iterable[str] | None = None, places: Iterable[str] | None = None,
                  hide_references: bool = False, statuses: Iterable[str] | None = None) -> np.ndarray | None:
        """Rows of :attr:`table` in a view: mentions in ``documents`` (None:
        all) of ``places`` (None: all), optionally outside references, with
        one of ``statuses`` (names of :data:`caucasusmap.review.STATUSES`, or
        ``checked``; None: any). None when nothing is filtered out (every row:
        :meth:`view_counts` and :meth:`text_names` take None as "everything")."""
        t = self.table
        if documents is None and places is None and not hide_references and statuses is None:
            return None
        mask = np.ones(len(t), dtype=bool)
        if statuses is not None:
            mask &= np.isin(t.statuses, status_codes(statuses))
        if documents is not None:
            mask &= np.isin(t.document, [self._doc_index[d] for d in documents if d in self._doc_index])
        if places is not None:
            mask &= np.isin(t.place, [self._place_index[p] for p in places if p in self._place_index])
        if hide_references and len(t):
            mask &= ~self.is_reference[np.asarray(t.passage)]
        return np.flatnonzero(mask)

    def view_counts(self, rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Per gazetteer place (file order): mentions and documents in the
        view given by ``rows`` (from :meth:`view_rows`; None, or every row:
        everything, from the stored totals)."""
        t = self.table
        n_places, n_docs = len(self._place_ids), max(len(self.corpus.documents), 1)
        if rows is None or len(rows) == len(t):
            return np.asarray(self._s["pl_mentions"]).copy(), np.asarray(self._s["pl_documents"]).copy()
        place = np.asarray(t.place[rows]).astype(np.int64)
        mentions = np.bincount(place, minlength=n_places)
        pairs = np.unique(place * n_docs + np.asarray(t.document[rows]).astype(np.int64))
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
            np.asarray(t.document[rows]).tolist(), np.asarray(t.start[rows]).tolist(),
            np.asarray(t.end[rows]).tolist(), np.asarray(t.place[rows]).tolist()))

    def unmentioned_issues(self) -> list[Issue]:
        """A warning for each gazetteer place no passage mentions."""
        totals = np.asarray(self._s["pl_mentions"])
        return [
            warning(p.file or self.gazetteer.path, p.line, 0, f"no passage of the corpus mentions {p.id!r} ({p.name})")
            for p, n in zip(self.gazetteer.places, totals.tolist()) if not n and not p.from_reference
        ]


_PASSAGE_STRUCTURE = ("p_ref", "p_doc", "d_pstart")


def _passage_structure(passage_list: Sequence[Passage], doc_index: dict[str, int],
                       shared: Mapping[str, np.ndarray] | None = None) -> dict[str, np.ndarray]:
    """The passage columns of the query structures (references, document
    of each passage, first passage of each document): a stored index's or a
    shared index's own, else computed from the Passage objects."""
    if isinstance(passage_list, _Passages):
        return {name: passage_list._c[name] for name in _PASSAGE_STRUCTURE}
    if shared is not None:
        return {name: shared[name] for name in _PASSAGE_STRUCTURE}
    p_ref = np.fromiter((p.is_reference for p in passage_list), dtype=bool, count=len(passage_list))
    p_doc = np.fromiter((doc_index[p.document] for p in passage_list), dtype=np.int64, count=len(passage_list))
    starts = np.zeros(len(doc_index) + 1, dtype=np.int64)
    if len(p_doc):
        np.cumsum(np.bincount(p_doc, minlength=len(doc_index)), out=starts[1:])
    return {"p_ref": p_ref, "p_doc": p_doc, "d_pstart": starts}


def _structure_in_memory(passage_list: Sequence[Passage], table: MentionTable, n_places: int,
                         passage_columns: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The query columns of an in-memory index (the same function the store
    streams them with)."""
    sink = MemorySink()
    query_structures(sink, _ArrayColumn(np.asarray(table.passage, dtype=np.int64)),
                     _ArrayColumn(np.asarray(table.place, dtype=np.int64)),
                     _ArrayColumn(np.asarray(table.document, dtype=np.int64)), n_places, len(passage_list))
    return {**sink.arrays, **passage_columns}


class _LazyStructure(Mapping):
    """The query columns of an index built in memory, computed on first use
    (the passage columns alone, when only they are asked for)."""

    def __init__(self, index: Index, shared: Mapping[str, np.ndarray] | None):
        self._index, self._shared = index, shared
        self._passage: dict[str, np.ndarray] | None = None
        self._full: dict[str, np.ndarray] | None = None
        self._lock = threading.Lock()

    def _passages(self) -> dict[str, np.ndarray]:
        if self._passage is None:
            ix = self._index
            self._passage = _passage_structure(ix.passage_list, ix._doc_index, self._shared)
        return self._passage

    def _all(self) -> dict[str, np.ndarray]:
        if self._full is None:
            with self._lock:
                if self._full is None:
                    ix = self._index
                    self._full = _structure_in_memory(ix.passage_list, ix.table, len(ix._place_ids),
                                                      self._passages())
        return self._full

    def __getitem__(self, name: str) -> np.ndarray:
        if self._full is None and name in _PASSAGE_STRUCTURE:
            return self._passages()[name]
        return self._all()[name]

    def __iter__(self):
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


# ---------------------------------------------------------------------------
# Linking: the unit of work


def default_reference() -> Reference | None:
    """The reference gazetteer to link with: the packaged one, another given
    by ``$CAUCASUSMAP_REFERENCE``, or none when that says ``none``. One that
    cannot be found is an error, never a silent link without it."""
    env = os.environ.get(REFERENCE_ENV, "").strip()
    if env.lower() in ("none", "off", "0", "no"):
        return None
    ref = load_reference(env or None)
    if ref is None:
        where = (f"${REFERENCE_ENV} names {env}, which does not exist" if env else
                 "the packaged reference gazetteer (resources/" + "/".join(REFERENCE_FILE) + ") cannot be found: "
                 "install the package ('pip install .' or, from a checkout, 'pip install -e .')")
        raise CaucasusmapError(f"{where}; or link with your gazetteer alone: --no-reference "
                               f"(or {REFERENCE_ENV}=none)")
    return ref


def _ignored_names(gazetteer: Gazetteer) -> tuple[str, ...]:
    """The user's "not a place" names (``not-places.txt`` beside the gazetteer)."""
    from .candidates import ignore_path, read_ignore

    try:
        return tuple(sorted(read_ignore(ignore_path(gazetteer.path))))
    except (OSError, ValueError):
        return ()


_DEFAULT = object()


@dataclass(frozen=True)
class LinkSpec:
    """Everything a worker needs to link documents: the gazetteer's places,
    the reference database (a path every worker can open) and the user's
    "not a place" names, and a digest naming them all (workers build the
    automaton once per digest)."""

    places: tuple
    digest: str
    reference_path: str | None = None
    reference_digest: str = ""
    ignore: tuple[str, ...] = ()

    @property
    def reference(self) -> Reference | None:
        if not self.reference_path:
            return None
        ref = load_reference(self.reference_path)
        if ref is None or ref.digest != self.reference_digest:
            raise CaucasusmapError(f"{self.reference_path}: the reference gazetteer is missing or not the one "
                                   "the index is built with (every worker needs the same caucasusmap)")
        return ref


_linkers: dict[str, Linker] = {}


def _linker(spec: LinkSpec) -> Linker:
    linker = _linkers.get(spec.digest)
    if linker is None:
        _linkers.clear()
        linker = _linkers[spec.digest] = Linker(spec.places, reference=spec.reference, ignore=spec.ignore)
    return linker


def _candidates(spec: LinkSpec) -> tuple[tuple[Place, ...], int]:
    """The linker's candidate places (what ``m_place`` of a linked part
    numbers) and how many of them are the gazetteer's — the layering alone,
    without building the automaton."""
    linker = _linkers.get(spec.digest)
    if linker is not None:
        return linker.places, linker.n_curated
    layered = layer(spec.places, spec.reference, spec.ignore)
    return layered.places, layered.n_curated


WINDOW_CHARS = 1 << 19
"""A document longer than this is linked a window at a time: memory while
linking grows with the text linked at once (about 40 bytes a character)."""
WINDOW_MARGIN = 4096
"""Characters of context on each side of a window: longer than any name (300
characters at most) and than the linker's context around a mention."""


def find_links_windowed(linker: Linker, text: str, window: int | None = None, margin: int | None = None, *,
                        cancelled: Callable[[], bool] | None = None):
    """:meth:`Linker.find_links` over ``text`` a window at a time: each
    window of about ``window`` characters (cut at a space) is linked with
    ``margin`` characters of context on each side, and keeps the mentions
    that start inside it. A text no longer than ``window`` is linked whole.
    ``cancelled()`` is asked before each window and inside the linker's
    steps (:class:`~caucasusmap.errors.Cancelled` once it says yes).
    Returns (start, end, place, confidence, number of alternatives,
    alternatives, their probabilities)."""
    window = window or WINDOW_CHARS
    margin = WINDOW_MARGIN if margin is None else margin
    n = len(text)
    if n <= window:
        links = linker.find_links(text, cancelled)
        return (links.start, links.end, links.place, links.confidence, np.diff(links.alt_offset),
                links.alt_place, links.alt_score)
    cuts = [0]
    while n - cuts[-1] > window:
        target = cuts[-1] + window
        lo = max(cuts[-1] + 1, target - margin)
        space = max(text.rfind(c, lo, target) for c in " \n\t")
        cuts.append(space + 1 if space >= 0 else target)
    cuts.append(n)
    out: list[list[np.ndarray]] = [[] for _ in range(7)]
    for a, b in zip(cuts, cuts[1:]):
        if cancelled is not None and cancelled():
            raise Cancelled("cancelled")
        lo, hi = max(0, a - margin), min(n, b + margin)
        links = linker.find_links(text[lo:hi], cancelled)
        start = links.start + lo
        keep = (start >= a) & (start < b)
        counts = np.diff(links.alt_offset)
        for col, values in zip(out, (start[keep], links.end[keep] + lo, links.place[keep], links.confidence[keep],
                                     counts[keep], links.alt_place[np.repeat(keep, counts)],
                                     links.alt_score[np.repeat(keep, counts)])):
            col.append(values)
    return tuple(np.concatenate(col) for col in out)


class _PartBuilder:
    """Collects linked documents into the columns of one part."""

    def __init__(self):
        self.records: list[DocumentRecord] = []
        self.strings: dict[str, int] = {"": 0}
        self.cols: dict[str, list] = {}
        self.d_pstart, self.d_mstart, self.d_astart = [0], [0], [0]

    def _add(self, name: str, values) -> None:
        self.cols.setdefault(name, []).append(values)

    def add(self, rec: DocumentRecord, text: str, fields: list[tuple], linker: Linker,
            cancelled: Callable[[], bool] | None = None) -> None:
        n = len(fields)
        p_start = np.fromiter((f[0] for f in fields), dtype=np.int64, count=n)
        p_end = np.fromiter((f[1] for f in fields), dtype=np.int64, count=n)
        kind_code = {k: i for i, k in enumerate(KINDS)}
        strings = self.strings
        self._add("p_start", p_start)
        self._add("p_end", p_end)
        self._add("p_kind", np.fromiter((kind_code.get(f[2], 0) for f in fields), dtype=np.int8, count=n))
        self._add("p_section", np.fromiter((strings.setdefault(f[3], len(strings)) for f in fields),
                                           dtype=np.int32, count=n))
        self._add("p_ref", np.fromiter((bool(f[4]) for f in fields), dtype=np.uint8, count=n))
        self._add("p_foot", np.fromiter((strings.setdefault(f[5], len(strings)) for f in fields),
                                        dtype=np.int32, count=n))
        self._add("p_page", np.fromiter((f[6] or 0 for f in fields), dtype=np.int32, count=n))
        starts, ends, places, confidence, counts, alt_place, alt_score = find_links_windowed(
            linker, text, cancelled=cancelled)
        which = passage_of(starts, (p_start, p_end))
        inside = which >= 0
        alt_keep = np.repeat(inside, counts)
        self._add("m_passage", which[inside] + self.d_pstart[-1])
        self._add("m_start", starts[inside])
        self._add("m_end", ends[inside])
        self._add("m_place", places[inside])
        self._add("m_conf", confidence[inside])
        self._add("m_nalt", counts[inside])
        self._add("a_place", alt_place[alt_keep])
        self._add("a_score", alt_score[alt_keep])
        self.d_pstart.append(self.d_pstart[-1] + n)
        self.d_mstart.append(self.d_mstart[-1] + int(inside.sum()))
        self.d_astart.append(self.d_astart[-1] + int(alt_keep.sum()))
        self.records.append(rec)

    def failed(self, rec: DocumentRecord) -> None:
        self.records.append(rec)

    def build(self) -> PartData:
        dtypes = {"p_start": "<i8", "p_end": "<i8", "p_kind": "i1", "p_section": "<i4", "p_ref": "u1",
                  "p_foot": "<i4", "p_page": "<i4", **MENTION_COLUMNS, **ALTERNATIVE_COLUMNS}
        columns = {name: (np.concatenate(self.cols[name]).astype(dt, copy=False) if self.cols.get(name)
                          else np.empty(0, dtype=dt)) for name, dt in dtypes.items()}
        columns["d_pstart"] = np.array(self.d_pstart, dtype=np.int64)
        columns["d_mstart"] = np.array(self.d_mstart, dtype=np.int64)
        columns["d_astart"] = np.array(self.d_astart, dtype=np.int64)
        return PartData(self.records, columns, list(self.strings))


def link_documents(spec: LinkSpec, documents: Iterable[Document], *,
                   cancelled: Callable[[], bool] | None = None) -> PartData:
    """Split and link in-memory documents into one part (no store involved);
    ``cancelled`` as for :func:`link_files`."""
    linker = _linker(spec)
    out = _PartBuilder()
    for doc in documents:
        out.add(DocumentRecord(doc.id, 0, 0, format=doc.format, chars=len(doc.text)), doc.text,
                document_passage_fields(doc), linker, cancelled)
    return out.build()


def link_files(spec: LinkSpec, items: Sequence[tuple[str, str, int, int]], *,
               cancelled: Callable[[], bool] | None = None) -> PartData:
    """The unit of work: read, split and link corpus files — ``(relative
    path, path, size, mtime_ns)`` each — into one part. Pure: it reads the
    files and returns data, so it runs the same in this process, in a pool or
    on a Dask worker. A file that cannot be read (or is over the size limits
    of :mod:`caucasusmap.corpus`) becomes a record carrying its problem.
    ``cancelled()`` is asked before each file, between the windows of a long
    one and inside the linker's steps; once it says yes,
    :class:`~caucasusmap.errors.Cancelled` is raised."""
    from .corpus import _cache, over_length_limit, over_size_limit

    linker = _linker(spec)
    cache = _cache(True)
    out = _PartBuilder()
    state = readers_state()
    for rel, path_text, size, mtime in items:
        if cancelled is not None and cancelled():
            raise Cancelled("cancelled")
        path = Path(path_text)
        rec = DocumentRecord(rel, size, mtime)
        reader = readers.reader_for(path)
        rec.found = {"readers": state}  # replaced once the file is read
        too_big = over_size_limit(size)
        if too_big:
            rec.issue = ["error", 0, 0, too_big]
            out.failed(rec)
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            rec.issue = ["error", 0, 0, f"cannot read: {exc.strerror or exc}"]
            out.failed(rec)
            continue
        rec.digest = _digest(data)
        rec.format = reader.name if reader else ""
        try:
            found = _read_file(reader, path, data, cache)
        except DocumentError as exc:
            where = f"page {exc.page}: " if exc.page else ""
            rec.issue = ["warning" if exc.skip else "error", exc.line, exc.column, where + str(exc)]
            out.failed(rec)
            continue
        too_long = over_length_limit(len(found.text))
        if too_long:
            rec.issue = ["error", 0, 0, too_long]
            out.failed(rec)
            continue
        rec.found = {**found_metadata(path, found, reader), "reader_version": reader.version}
        rec.chars = len(found.text)
        doc = Document("", str(path), "", found.text, format=reader.name, blocks=found.blocks)
        out.add(rec, found.text, document_passage_fields(doc), linker, cancelled)
        del data, found, doc
    if cache is not None and hasattr(cache, "commit"):
        cache.commit()
    return out.build()


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def readers_state() -> str:
    """The registered readers, their versions and whether their libraries
    are installed: a file that failed is tried again once this changes."""
    return ";".join(f"{r.name}/{r.version}/{'-' if r.missing() else '+'}" for r in readers.READERS)


def _still_good(rec: DocumentRecord, path: Path, state: str) -> bool:
    """Whether a stored record of an unchanged file still holds: read by
    the reader's current version, or failed with the same readers."""
    if rec.issue is not None:
        return rec.found.get("readers") == state
    reader = readers.reader_for(path)
    return reader is not None and rec.found.get("reader_version") == reader.version


# ---------------------------------------------------------------------------
# Building in memory


PARALLEL_MIN_CHARS = 16_000_000
"""Corpora larger than this are linked by a pool of processes (one per core)."""


def _spec(gazetteer: Gazetteer, text: str = "", reference: Reference | None = None,
          ignore: tuple[str, ...] = ()) -> LinkSpec:
    digest = hashlib.sha256(f"{LINKER_VERSION}/{MIN_CONFIDENCE}\0{text}\0".encode("utf-8", "surrogatepass"))
    if not text:
        digest.update(repr([(p.id, p.names, p.exclude, p.kind, p.lat, p.lon, p.links)
                            for p in gazetteer.places]).encode("utf-8", "surrogatepass"))
    digest.update(b"\0" + (reference.digest.encode() if reference else b"-"))
    digest.update(b"\0" + "\n".join(ignore).encode("utf-8", "surrogatepass"))
    return LinkSpec(tuple(gazetteer.places), digest.hexdigest()[:24], reference.path if reference else None,
                    reference.digest if reference else "", ignore)


def build_index(gazetteer: Gazetteer, corpus: Corpus,
                progress: Callable[[int, int], None] | None = None, *, workers: int | None = None,
                reference: Reference | None | object = _DEFAULT,
                cancelled: Callable[[], bool] | None = None) -> Index:
    """Split and link every document of an in-memory corpus (no store
    involved). Large corpora are linked in parallel, one process per core
    (``workers`` overrides). ``reference`` defaults to
    :func:`default_reference`; None links with the gazetteer alone.
    ``cancelled`` as for :func:`open_index`."""
    from .runners import LocalRunner

    if reference is _DEFAULT:
        reference = default_reference()
    ignore = _ignored_names(gazetteer) if reference is not None else ()
    docs = corpus.documents
    total_chars = sum(len(d.text) for d in docs)
    if workers is None:
        workers = min(os.cpu_count() or 1, len(docs)) if total_chars >= PARALLEL_MIN_CHARS else 1
    spec = _spec(gazetteer, reference=reference, ignore=ignore)
    batches = _batches([(i, d) for i, d in enumerate(docs)], lambda item: len(item[1].text), max(1, workers))
    parts: dict[int, PartData] = {}
    done = 0
    runner = LocalRunner(workers)
    for k, part in runner.map(link_documents, spec, [[d for _, d in b] for b in batches], cancelled=cancelled):
        parts[k] = part
        done += len(part.records)
        if progress:
            progress(done, len(docs))
    if progress and not docs:
        progress(0, 0)
    return _index_from_parts(gazetteer, corpus, [parts[k] for k in range(len(batches))], spec)


def _batches(items: list, size_of: Callable, workers: int, target: int = 32 << 20, max_items: int = 500) -> list[list]:
    """Split ``items`` (in order) into batches of about ``target`` bytes,
    at least a few per worker so the work is shared."""
    total = sum(size_of(i) for i in items)
    target = max(1 << 16, min(target, total // (workers * 4) + 1)) if workers > 1 else target
    out: list[list] = []
    size = 0
    for item in items:
        if not out or size >= target or len(out[-1]) >= max_items:
            out.append([])
            size = 0
        out[-1].append(item)
        size += size_of(item)
    return out


def _merged(gazetteer: Gazetteer, reference_places: Sequence[Place]) -> Gazetteer:
    """The gazetteer with the reference places the corpus links to after its own."""
    if not reference_places:
        return gazetteer
    return Gazetteer(gazetteer.path, (*gazetteer.places, *reference_places), gazetteer.issues)


def _index_from_parts(gazetteer: Gazetteer, corpus: Corpus, parts: list[PartData], spec: LinkSpec) -> Index:
    """An in-memory index from parts holding ``corpus.documents`` in order."""
    candidates, n_curated = _candidates(spec)
    used = np.zeros(max(len(candidates), 1), dtype=bool)
    alt_used = np.zeros_like(used)
    for part in parts:
        used[part.columns["m_place"]] = True
        alt_used[part.columns["a_place"]] = True
    remap, chosen, alt_only = place_numbering(used, alt_used, n_curated)
    passage_list: list[Passage] = []
    cols = []
    doc = 0
    for part in parts:
        c = part.columns
        offset = len(passage_list)
        strings = part.strings
        p_doc = np.searchsorted(c["d_pstart"], np.arange(len(c["p_start"])), side="right") - 1
        for i, (a, b, kind, sec, ref, foot, page) in enumerate(zip(
                c["p_start"].tolist(), c["p_end"].tolist(), c["p_kind"].tolist(), c["p_section"].tolist(),
                c["p_ref"].tolist(), c["p_foot"].tolist(), c["p_page"].tolist())):
            d = int(p_doc[i])
            doc_id = corpus.documents[doc + d].id
            n = i - int(c["d_pstart"][d]) + 1
            passage_list.append(Passage(f"{doc_id}#{n}", doc_id, n, a, b, KINDS[kind], strings[sec], bool(ref),
                                        strings[foot], page or None))
        m_doc = np.searchsorted(c["d_mstart"], np.arange(len(c["m_start"])), side="right") - 1 + doc
        cols.append((m_doc, c["m_passage"] + offset, c["m_start"], c["m_end"], remap[c["m_place"]],
                     c["m_conf"], c["m_nalt"], remap[c["a_place"]], c["a_score"]))
        doc += part.documents
    reference = spec.reference
    return Index(_merged(gazetteer, [candidates[i] for i in chosen.tolist()]), corpus, passage_list,
                 MentionTable.concat(cols), alternative_places=tuple(candidates[i] for i in alt_only.tolist()),
                 reference=reference.digest if reference else "")


# ---------------------------------------------------------------------------
# The store of a corpus folder


@dataclass
class Progress:
    """Where a store update is: documents and bytes linked so far out of
    those that need linking, and the seconds since it started."""

    documents: int
    total_documents: int
    bytes: int
    total_bytes: int
    seconds: float
    phase: str = "linking"  # "scanning", "linking", "compacting"

    @property
    def rate(self) -> float:
        """Bytes per second so far."""
        return self.bytes / self.seconds if self.seconds > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left at the current rate (None before anything is done)."""
        if not self.bytes or not self.seconds:
            return None
        return (self.total_bytes - self.bytes) / self.rate


@dataclass
class LinkStats:
    """What an update of the store did."""

    linked: int = 0          # documents linked now
    reused: int = 0          # documents whose linked data was already in the store
    removed: int = 0         # documents no longer in the corpus
    failed: int = 0          # files that could not be read
    compacted: bool = False
    bytes_linked: int = 0
    seconds: float = 0.0


def _store_key(gazetteer_texts: list[tuple[Path, str]], corpus_dir: Path, spec: LinkSpec | None = None) -> str:
    """Names what every linked row of a store depends on: the formats, the
    linker, the gazetteer's files, the reference and the "not a place"
    names (through ``spec``), and the corpus folder."""
    h = hashlib.sha256()
    h.update(f"caucasusmap-store/{INDEX_FORMAT}/{LINKER_VERSION}/{MIN_CONFIDENCE}\0".encode())
    for f, t in gazetteer_texts:
        h.update(f"{Path(f).name}\0{t}\0".encode("utf-8", "surrogatepass"))
    h.update(str(Path(corpus_dir).resolve()).encode("utf-8", "surrogatepass"))
    if spec is not None:
        h.update(b"\0" + (spec.reference_digest.encode() if spec.reference_path else b"-"))
        h.update(b"\0" + "\n".join(spec.ignore).encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:32]


def open_store(gazetteer_texts: list[tuple[Path, str]], corpus_dir: str | Path, spec: LinkSpec | None = None) -> Store:
    """The store of this gazetteer, reference and corpus folder (created
    empty if new; a damaged one is replaced)."""
    key = _store_key(gazetteer_texts, Path(corpus_dir), spec)
    root = cache_dir()
    path = root / f"store-{key}"
    try:
        store = Store(path)
        store.con.execute("SELECT count(*) FROM documents").fetchone()
        store.verify()
    except Exception:  # noqa: BLE001  a damaged or foreign store is rebuilt
        log.warning("index store %s is damaged; rebuilding it", path)
        shutil.rmtree(path, ignore_errors=True)
        store = Store(path)
    try:
        os.utime(path)
    except OSError:
        pass
    old = sorted((p for p in root.glob("store-*") if p.is_dir() and p != path),
                 key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in old[KEEP_STORES - 1:]:
        shutil.rmtree(stale, ignore_errors=True)
    for legacy in root.glob("index-*.sqlite"):  # the cache format before the store
        legacy.unlink(missing_ok=True)
    return store


@dataclass
class _Scan:
    order: list[tuple[Path, str, dict]]   # (path, doc id, manifest meta) of readable files, corpus order
    issues: list[Issue]
    manifest_text: str


def update_store(store: Store, gazetteer: Gazetteer, corpus_dir: str | Path, *, runner=None,
                 progress: Callable[[int, int], None] | None = None,
                 on_progress: Callable[[Progress], None] | None = None,
                 spec: LinkSpec | None = None,
                 cancelled: Callable[[], bool] | None = None,
                 relink: bool = False) -> tuple[LinkStats, list[DocumentRecord], _Scan]:
    """Bring ``store`` up to date with the corpus folder: link the files
    that are new or whose content changed (a touched but unchanged file is
    not linked again), forget removed ones, and compact. Each linked batch
    is written as it completes, so an interrupted update resumes where it
    stopped. ``runner`` (a :mod:`caucasusmap.runners` runner) does the
    linking; by default a local process pool for large work. ``cancelled``
    as for :func:`open_index`. ``relink`` links every file again, whatever
    the store holds."""
    from .errors import CorpusError
    from .runners import LocalRunner

    t0 = time.perf_counter()
    root = Path(corpus_dir)
    if not root.exists():
        raise CorpusError(f"{root}: corpus folder does not exist")
    if not root.is_dir():
        raise CorpusError(f"{root}: the corpus must be a folder of documents ({', '.join(readers.suffixes())})")
    spec = spec or _spec(gazetteer)
    stats = LinkStats()
    manifest, manifest_text, issues = read_manifest(root)
    records = store.records()
    listed: list[tuple[Path, str, os.stat_result]] = []
    for path in document_files(root, issues):
        rel = path.relative_to(root).as_posix()
        if readers.reader_for(path) is None:
            issues.append(not_a_document(path))
            continue
        try:
            st = path.stat()
        except OSError as exc:
            issues.append(error(path, 0, 0, f"cannot read: {exc.strerror or exc}"))
            continue
        listed.append((path, rel, st))
    todo: list[tuple[str, str, int, int]] = []
    touched: list[tuple[str, int, int]] = []
    from .corpus import over_size_limit

    state = readers_state()
    for path, rel, st in listed:
        rec = None if relink else records.get(rel)
        if rec is not None and not _still_good(rec, path, state):
            rec = None  # read with another reader version, or failed with other readers installed
        if rec is not None and (rec.size, rec.mtime_ns) == (st.st_size, st.st_mtime_ns):
            continue
        if rec is not None and rec.digest and not over_size_limit(st.st_size):
            try:
                same = _digest(path.read_bytes()) == rec.digest
            except OSError:
                same = False
            if same:
                touched.append((rel, st.st_size, st.st_mtime_ns))
                rec.size, rec.mtime_ns = st.st_size, st.st_mtime_ns
                continue
        todo.append((rel, str(path), st.st_size, st.st_mtime_ns))
    if touched:
        store.touch_records(touched)
    present = {rel for _, rel, _ in listed}
    gone = [rel for rel in records if rel not in present]
    if gone:
        store.forget(gone)
        stats.removed = len(gone)
        for rel in gone:
            records.pop(rel)
    # Link what needs it, one batch at a time, each written as it completes.
    if todo:
        runner = runner or LocalRunner(min(os.cpu_count() or 1, len(todo))
                                       if sum(t[2] for t in todo) >= PARALLEL_MIN_CHARS else 1)
        total_bytes = sum(t[2] for t in todo)
        batches = _batches(todo, lambda t: t[2], getattr(runner, "workers", 1))
        done_docs = done_bytes = 0
        if on_progress:
            on_progress(Progress(0, len(todo), 0, total_bytes, 0.0))
        if progress:
            progress(0, len(todo))
        parts = (runner.map(link_files, spec, batches) if cancelled is None
                 else runner.map(link_files, spec, batches, cancelled=cancelled))
        for _, part in parts:
            store.add_part(part)
            for rec in part.records:
                records[rec.rel] = rec
                stats.failed += rec.issue is not None
            done_docs += len(part.records)
            done_bytes += sum(r.size for r in part.records)
            if on_progress:
                on_progress(Progress(done_docs, len(todo), done_bytes, total_bytes, time.perf_counter() - t0))
            if progress:
                progress(done_docs, len(todo))
        stats.linked = len(todo) - stats.failed
        stats.bytes_linked = total_bytes
    stats.reused = len(listed) - len(todo)
    # Corpus order, ids and metadata (from the manifest and what each file said of itself).
    order: list[DocumentRecord] = []
    scan = _Scan([], issues, manifest_text)
    used: set[str] = set()
    for path, rel, _ in listed:
        rec = records.get(rel)
        if rec is None:
            continue
        if rec.issue is not None:
            severity, line, column, message = rec.issue
            scan.issues.append((warning if severity == "warning" else error)(path, line, column, message))
            continue
        scan.issues.extend(warning(path, 0, 0, w) for w in rec.found.get("warnings", ()))
        meta = manifest.pop(rel, {})
        scan.order.append((path, document_id(root, path, meta, used), meta))
        order.append(rec)
    for rel, meta in manifest.items():
        scan.issues.append(warning(root / "corpus.yaml", meta["line"], 0,
                                   f"the manifest lists {rel!r}, which is not in the corpus"))
    if not order:
        detail = "; ".join(str(i) for i in scan.issues if i.is_error)[:500]
        raise CorpusError(f"{root}: no readable document" + (f" ({detail})" if detail else ""))
    base = store.base()
    if base is None or [r.rel for r in order] != store.base_order() or any(r.part != store.base_name()
                                                                            for r in order):
        if on_progress:
            on_progress(Progress(stats.linked, len(todo), stats.bytes_linked, stats.bytes_linked,
                                 time.perf_counter() - t0, "compacting"))
        candidates, n_curated = _candidates(spec)
        store.compact(order, [p.id for p in candidates], n_curated)
        stats.compacted = True
    stats.seconds = time.perf_counter() - t0
    return stats, order, scan


class _TextCache:
    """Reads documents' text from their files on demand, keeping the most
    recent few (by characters) so a loop over one document's passages reads
    it once."""

    def __init__(self, budget_chars: int = 64 << 20):
        self.budget = budget_chars
        self._texts: OrderedDict[str, str] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def text(self, doc: Document, digest: str) -> str:
        with self._lock:
            text = self._texts.get(doc.path)
            if text is not None:
                self._texts.move_to_end(doc.path)
                return text
        path = Path(doc.path)
        reader = readers.reader_for(path)
        from .corpus import _cache

        try:
            data = path.read_bytes()
            if digest and _digest(data) != digest:
                log.warning("%s changed since it was linked; its mentions may be misplaced until it is "
                            "linked again", path)
            text = _read_file(reader, path, data, _cache(True)).text
        except (OSError, DocumentError) as exc:
            log.warning("%s: cannot read the text: %s", path, exc)
            text = ""
        with self._lock:
            self._texts[doc.path] = text
            self._size += len(text)
            while self._size > self.budget and len(self._texts) > 1:
                _, old = self._texts.popitem(last=False)
                self._size -= len(old)
        return text


class StoredDocument(Document):
    """A document of a stored index: metadata in memory, ``text`` read from
    its file when first asked for (see :class:`_TextCache`)."""

    __slots__ = ("_digest", "_texts")

    @property
    def text(self) -> str:  # type: ignore[override]
        return self._texts.text(self, self._digest)

    @classmethod
    def make(cls, fields: dict, digest: str, texts: _TextCache) -> StoredDocument:
        doc = object.__new__(cls)
        for name, value in {"blocks": (), "pages": (), "page_labels": (), **fields}.items():
            object.__setattr__(doc, name, value)
        object.__setattr__(doc, "_digest", digest)
        object.__setattr__(doc, "_texts", texts)
        return doc

    def __reduce__(self):
        fields = {f: getattr(self, f) for f in Document.__dataclass_fields__}
        return Document, tuple(fields.values())


def _stored_index(store: Store, gazetteer: Gazetteer, root: Path, order: list[DocumentRecord], scan: _Scan,
                  source: str, reference: Reference | None) -> Index:
    base = store.base()
    found = base.places
    wanted = (*found["chosen"], *found["alternatives"])
    pool = reference.places_of(wanted) if reference is not None else [None] * len(wanted)
    for pid, place in zip(wanted, pool):
        if place is None:
            raise ValueError(f"{base.path}: reference place {pid!r} is not in the reference linked with")
    chosen, alternatives = pool[:len(found["chosen"])], pool[len(found["chosen"]):]
    texts = _TextCache()
    documents = tuple(
        StoredDocument.make(document_fields(doc_id, path, rec.format, rec.found, meta), rec.digest, texts)
        for (path, doc_id, meta), rec in zip(scan.order, order))
    corpus = Corpus(str(root), documents, tuple(scan.issues), scan.manifest_text)
    cols = _PartColumns(base)
    table = MentionTable(base["m_doc"], base["m_passage"], base["m_start"], base["m_end"], base["m_place"],
                         confidence=base["m_conf"], alt_offset=base["m_aoff"], alt_place=base["a_place"],
                         alt_score=base["a_score"])
    return Index(_merged(gazetteer, chosen), corpus, _Passages(cols, documents, base.strings), table, source=source,
                 structure=cols, alternative_places=tuple(alternatives),
                 reference=reference.digest if reference else "")


class _PartColumns(Mapping):
    """A part's columns as a read-only mapping (memory-mapped on first use)."""

    def __init__(self, part):
        self._part = part

    def __getitem__(self, name):
        return self._part[name]

    def __iter__(self):
        return (p.stem for p in self._part.path.glob("*.npy"))

    def __len__(self):
        return len(list(self._part.path.glob("*.npy")))


def open_index(gazetteer_path: str | Path, corpus_dir: str | Path, *, use_cache: bool = True,
               progress: Callable[[int, int], None] | None = None, runner=None,
               on_progress: Callable[[Progress], None] | None = None, decisions: bool = True,
               reference: Reference | None | object = _DEFAULT,
               cancelled: Callable[[], bool] | None = None, relink: bool = False) -> Index:
    """Load the gazetteer (raising :class:`~caucasusmap.errors.GazetteerError`
    if it has errors), bring the store of the corpus folder up to date
    (linking only new and changed documents; all of them when the gazetteer,
    the reference or the "not a place" names changed) and return the index
    over it, with the review decisions of the corpus folder
    (``annotations.jsonl``) applied unless ``decisions`` is False
    (:mod:`caucasusmap.review`). ``use_cache=False`` links everything afresh
    in memory instead; ``relink=True`` links every document again into the
    store (the stored index is replaced, not reused). ``reference`` defaults
    to :func:`default_reference`; None links with the gazetteer alone.

    ``cancelled``, a function of no arguments, is asked while linking —
    before each file, between the windows of a long document and between
    the linker's steps, in this process and in the workers of a pool or a
    Dask cluster (:mod:`caucasusmap.runners`) — and once it returns True,
    :class:`~caucasusmap.errors.Cancelled` is raised (what is already
    linked stays in the store)."""
    index = _open_automatic(gazetteer_path, corpus_dir, use_cache=use_cache, progress=progress, runner=runner,
                            on_progress=on_progress, reference=reference, cancelled=cancelled, relink=relink)
    if decisions:
        path = annotations_path(corpus_dir)
        if path.exists():
            found, issues = read_decisions(path)
            stats, store = index.stats, getattr(index, "store", None)
            index = apply_decisions(index, found, path=path, digest=_file_digest(path), file_issues=issues)
            index.stats, index.store = stats, store
    return index


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _open_automatic(gazetteer_path: str | Path, corpus_dir: str | Path, *, use_cache: bool,
                    progress: Callable[[int, int], None] | None, runner=None,
                    on_progress: Callable[[Progress], None] | None = None,
                    reference: Reference | None | object = _DEFAULT,
                    cancelled: Callable[[], bool] | None = None, relink: bool = False) -> Index:
    texts = read_gazetteer_texts(gazetteer_path)
    gazetteer = load_gazetteer(gazetteer_path, overrides={str(f): t for f, t in texts})
    if reference is _DEFAULT:
        reference = default_reference()
    if not use_cache:
        corpus = read_corpus(corpus_dir)
        return build_index(gazetteer, corpus, progress, reference=reference, cancelled=cancelled)
    ignore = _ignored_names(gazetteer) if reference is not None else ()
    spec = _spec(gazetteer, "".join(t for _, t in texts), reference, ignore)
    for attempt in (1, 2):
        store = open_store(texts, corpus_dir, spec)
        with store.lock():
            stats, order, scan = update_store(store, gazetteer, corpus_dir, runner=runner, progress=progress,
                                              on_progress=on_progress, spec=spec, cancelled=cancelled,
                                              relink=relink and attempt == 1)
            source = "cache" if not stats.linked and not stats.compacted else (
                "built" if not stats.reused else "updated")
            store.map_all(store.base())
            try:
                index = _stored_index(store, gazetteer, Path(corpus_dir), order, scan, source, reference)
                break
            except (ValueError, KeyError, OSError) as exc:
                if attempt == 2:
                    raise
                log.warning("index store %s is damaged (%s); rebuilding it", store.path, exc)
                path = store.path
                store.close()
                shutil.rmtree(path, ignore_errors=True)
    index.key = f"{store.path.name}:{store.base_name()}"
    index.stats = stats
    index.store = store
    return index
