"""Which places, documents, passages and mentions a view shows (pure Python).

A view (:class:`~caucasusmap.maps.MapView`) carries one field per filter —
``documents``, ``hide_references``, ``places``, ``origins``, ``time_range``,
``statuses`` — where ``None`` (or ``False``) means "no restriction". Each
filter is registered here once, with the level it works at, and returns a
boolean mask over that level:

========== ====================================================
level      mask over
========== ====================================================
place      ``index.gazetteer.places``
document   ``index.corpus.documents``
passage    ``index.passage_list``
mention    the rows of ``index.table``
========== ====================================================

A mention is in the view when its place, document, passage and the mention
itself pass every active filter. :class:`ViewRows` computes that once per
view and answers what every panel and exporter asks (counts per place, the
passages of a selection), so the app, the CLI and the exports cannot
disagree. A new filter is a field on ``MapView`` plus one
:func:`register_filter` call (see ``docs/design.md``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .index import Index

__all__ = ["PassageHits", "ViewFilter", "FILTERS", "LEVELS", "ORIGINS", "register_filter", "active_filters", "ViewRows",
           "view_rows", "place_origin", "document_date", "MENTION_VIEWS"]

LEVELS = ("place", "document", "passage", "mention")

ORIGINS = ("curated", "reference")
"""Where a place comes from: the user's gazetteer, or the bundled reference
gazetteer. Places without an ``origin`` attribute are curated."""


@dataclass(frozen=True)
class ViewFilter:
    """One view filter: ``field`` names the view attribute holding its value;
    ``mask(index, value)`` returns a boolean array over ``level`` (or None
    when the value restricts nothing); ``describe(value)`` says it in words
    for titles and the status bar."""

    field: str
    level: str
    mask: Callable[[Index, Any], np.ndarray | None]
    describe: Callable[[Any], str] | None = None


FILTERS: dict[str, ViewFilter] = {}
"""Every view filter, by field name, in registration order."""


def register_filter(field: str, level: str, describe: Callable[[Any], str] | None = None):
    """Decorator registering ``mask(index, value)`` as the filter of view
    field ``field`` at ``level`` (one of :data:`LEVELS`)."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")

    def add(mask: Callable[[Index, Any], np.ndarray | None]):
        FILTERS[field] = ViewFilter(field, level, mask, describe)
        return mask

    return add


def _inactive(value: Any) -> bool:
    return value is None or value is False


def active_filters(view) -> dict[str, Any]:
    """The filter fields of ``view`` that restrict something, with their values."""
    return {name: getattr(view, name) for name in FILTERS if not _inactive(getattr(view, name, None))}


# -- the built-in filters ------------------------------------------------------------

@register_filter("documents", "document", lambda ids: f"{len(ids)} document{'' if len(ids) == 1 else 's'}")
def _documents(index: Index, ids: Iterable[str]) -> np.ndarray:
    wanted = set(ids)
    return np.fromiter((d.id in wanted for d in index.corpus.documents), dtype=bool,
                       count=len(index.corpus.documents))


@register_filter("hide_references", "passage", lambda on: "references hidden")
def _references(index: Index, hide: bool) -> np.ndarray | None:
    if not hide:
        return None
    return ~np.asarray(index.is_reference, dtype=bool)


@register_filter("places", "place", lambda ids: f"{len(ids)} place{'' if len(ids) == 1 else 's'}")
def _places(index: Index, ids: Iterable[str]) -> np.ndarray:
    wanted = set(ids)
    return np.fromiter((p.id in wanted for p in index.gazetteer.places), dtype=bool, count=len(index.gazetteer))


def place_origin(place) -> str:
    """A place's origin ("curated" unless the place says otherwise)."""
    return getattr(place, "origin", "curated") or "curated"


@register_filter("origins", "place", lambda origins: " and ".join(origins) + " places")
def _origins(index: Index, origins: Iterable[str]) -> np.ndarray:
    wanted = set(origins)
    return np.fromiter((place_origin(p) in wanted for p in index.gazetteer.places), dtype=bool,
                       count=len(index.gazetteer))


def document_date(document) -> str | None:
    """A document's date as an ISO 8601 prefix ("2020", "2020-09-27"), or None.
    Reads ``document.date`` where documents carry one, else the year."""
    date = getattr(document, "date", None)
    if date:
        return str(date)
    return f"{document.year:04d}" if getattr(document, "year", None) else None


def _in_range(date: str | None, start: str | None, end: str | None) -> bool:
    if date is None:
        return False  # a time filter shows what is known to fall in the period
    # Compare ISO prefixes: "2020" is in [2019-06, 2020-03] when its span overlaps.
    return (start is None or date >= start[: len(date)]) and (end is None or date[: len(end)] <= end)


@register_filter("time_range", "document", lambda r: f"{r[0] or '…'}–{r[1] or '…'}")
def _time_range(index: Index, bounds: tuple[str | None, str | None]) -> np.ndarray | None:
    start, end = bounds
    if start is None and end is None:
        return None
    return np.fromiter((_in_range(document_date(d), start, end) for d in index.corpus.documents), dtype=bool,
                       count=len(index.corpus.documents))


MENTION_VIEWS: dict[str, tuple[str, ...] | None] = {
    "all": None,
    "checked": ("checked",),
    "confirmed": ("confirmed",),
    "unchecked": ("automatic",),
}
"""The mention views the app offers (Review → Show mentions) and the command
line names with ``--status``, as values of the ``statuses`` filter: every
mention; the checked ones (confirmed, corrected or added: every link a
reviewer made or accepted); the confirmed ones only (the linker's links a
reviewer accepted as they are — a publication map); the unchecked ones."""


@register_filter("statuses", "mention", lambda s: ", ".join(s) + " mentions")
def _statuses(index: Index, statuses: Iterable[str]) -> np.ndarray | None:
    # Review statuses (caucasusmap.review.STATUSES; "checked" = confirmed,
    # corrected or added), one per table row.
    from .review import status_codes

    return np.isin(index.table.statuses, status_codes(statuses))


# -- the rows of a view ------------------------------------------------------------------

class PassageHits(Sequence):
    """``(Passage, mentions)`` pairs over passage rows, made when read: a
    place of a large corpus has hundreds of thousands of passages, of which a
    panel shows one page. ``rows``/``counts`` are the arrays; ``total`` the
    mentions in all of them."""

    def __init__(self, index: Index, rows: np.ndarray, counts: np.ndarray):
        self.index, self.rows, self.counts = index, rows, counts

    @property
    def total(self) -> int:
        return int(self.counts.sum())

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, i):
        plist = self.index.passage_list
        if isinstance(i, slice):
            return [(plist[r], int(n)) for r, n in zip(self.rows[i].tolist(), self.counts[i].tolist())]
        return plist[int(self.rows[i])], int(self.counts[i])

    def __iter__(self):
        plist = self.index.passage_list
        for r, n in zip(self.rows.tolist(), self.counts.tolist()):
            yield plist[r], n

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and len(self) == len(other) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"PassageHits({len(self)} passages)"



class ViewRows:
    """The mentions of one view over one index, computed once, with the
    queries every panel and exporter asks of them.

    ``place_mask`` says which gazetteer places the view contains (the place
    list shows those); ``rows`` are the table rows in the view, in corpus
    order; ``mentions``/``documents`` count them per place (file order)."""

    def __init__(self, index: Index, view) -> None:
        self.index = index
        masks: dict[str, np.ndarray] = {}
        for name, value in active_filters(view).items():
            f = FILTERS[name]
            m = f.mask(index, value)
            if m is not None:
                masks[f.level] = m if f.level not in masks else masks[f.level] & m
        self._masks = masks
        n_places = len(index.gazetteer)
        self.place_mask = masks.get("place", np.ones(n_places, dtype=bool))
        self.document_mask = masks.get("document")
        self.passage_mask = masks.get("passage")
        self._document_pos = {d.id: i for i, d in enumerate(index.corpus.documents)}
        # Rows, counts and the by-place grouping are computed when first asked
        # for; with no filter the index's stored totals and place -> passages
        # answer without touching every mention (a 1 GB corpus has 11 M).
        self._rows: np.ndarray | None = None
        self._counts: tuple[np.ndarray, np.ndarray] | None = None
        self._grouped: tuple[np.ndarray, np.ndarray] | None = None

    @property
    def rows(self) -> np.ndarray:
        """The table rows in the view, in corpus order."""
        if self._rows is None:
            t = self.index.table
            masks = self._masks
            if not masks:
                self._rows = np.arange(len(t))
            else:
                keep = np.ones(len(t), dtype=bool)
                if "place" in masks:
                    keep &= masks["place"][t.place]
                if "document" in masks:
                    keep &= masks["document"][t.document]
                if "passage" in masks:
                    keep &= masks["passage"][t.passage]
                if "mention" in masks:
                    keep &= masks["mention"]
                self._rows = np.flatnonzero(keep)
        return self._rows

    def _count(self) -> tuple[np.ndarray, np.ndarray]:
        if self._counts is None:
            if not self._masks:
                self._counts = self.index.view_counts(None)
            else:
                t, n_places = self.index.table, len(self.index.gazetteer)
                places = np.asarray(t.place[self.rows])
                n_docs = max(len(self.index.corpus.documents), 1)
                pairs = np.unique(places * n_docs + np.asarray(t.document[self.rows]))
                self._counts = (np.bincount(places, minlength=n_places)[:n_places],
                                np.bincount(pairs // n_docs, minlength=n_places)[:n_places])
        return self._counts

    @property
    def mentions(self) -> np.ndarray:
        """Mentions in the view per place (file order)."""
        return self._count()[0]

    @property
    def documents(self) -> np.ndarray:
        """Documents in the view mentioning each place (file order)."""
        return self._count()[1]

    def __len__(self) -> int:
        return int(self.mentions.sum()) if not self._masks else len(self.rows)

    def place_rows(self, position: int) -> np.ndarray:
        """The view's rows mentioning the place at ``position`` (file order)."""
        if self._grouped is None:
            places = self.index.table.place[self.rows]
            # Rows grouped by place (stable: corpus order within a place).
            order = np.argsort(places, kind="stable")
            self._grouped = (self.rows[order], np.searchsorted(places[order], np.arange(len(self.place_mask) + 1)))
        by_place, bounds = self._grouped
        return by_place[bounds[position]:bounds[position + 1]]

    def shows_document(self, document_id: str) -> bool:
        """Whether the view shows the document's passages."""
        if self.document_mask is None:
            return True
        pos = self._document_pos.get(document_id)
        return pos is not None and bool(self.document_mask[pos])

    def shows_passage(self, passage_id: str) -> bool:
        """Whether the view shows the passage (its document shown, and the
        passage filters such as hidden references let it through)."""
        p = self.index.passages.get(passage_id)
        if p is None or not self.shows_document(p.document):
            return False
        if self.passage_mask is None:
            return True
        return bool(self.passage_mask[self.index.passage_position(passage_id)])

    def shows_place(self, place_id: str) -> bool:
        """Whether the place is in the view's places (the place filters)."""
        k = self.index.place_position(place_id)
        return k is not None and bool(self.place_mask[k])

    def passage_rows(self, place_ids: Iterable[str], mode: str = "all") -> tuple[np.ndarray, np.ndarray]:
        """Like :meth:`passages` as two arrays — passage rows (into
        ``index.passage_list``, corpus order) and mention counts — to count
        and page through without making a Passage object for each."""
        if mode not in ("any", "all"):
            raise ValueError(f"mode must be 'any' or 'all', not {mode!r}")
        empty = np.empty(0, dtype=np.int64)
        positions = [i for i in (self.index.place_position(p) for p in dict.fromkeys(place_ids)) if i is not None]
        if not positions:
            return empty, empty
        if "mention" not in self._masks:
            # Passage-level filters: the index's place -> passages, then the masks.
            shown = [i for i in positions if self.place_mask[i]]
            if not shown or (mode == "all" and len(shown) < len(positions)):
                return empty, empty
            ids = [self.index.gazetteer.places[i].id for i in shown]
            rows, counts = self.index.passage_rows_for(ids, mode)
            keep = np.ones(len(rows), dtype=bool)
            if self.document_mask is not None and len(rows):
                keep &= self.document_mask[np.asarray(self.index.structure["p_doc"][rows])]
            if self.passage_mask is not None and len(rows):
                keep &= self.passage_mask[rows]
            return rows[keep], counts[keep]
        t = self.index.table
        rows = np.concatenate([self.place_rows(i) for i in positions])
        passages = np.asarray(t.passage[rows])
        if mode == "all" and len(positions) > 1:
            n = len(self.index.gazetteer)
            pairs = np.unique(passages * n + np.asarray(t.place[rows]))
            shared, how_many = np.unique(pairs // n, return_counts=True)
            wanted = shared[how_many == len(positions)]
            passages = passages[np.isin(passages, wanted)]
        found, counts = np.unique(passages, return_counts=True)
        return found, counts

    def passages(self, place_ids: Iterable[str], mode: str = "all") -> PassageHits:
        """Passages in the view mentioning the places, with the number of
        mentions of them, in corpus order: ``mode="all"`` keeps passages that
        mention every one of the places, ``"any"`` those mentioning one. A
        sequence of ``(Passage, count)`` made on access (see :class:`PassageHits`)."""
        rows, counts = self.passage_rows(place_ids, mode)
        return PassageHits(self.index, rows, counts)

    def places_in(self, passage_id: str) -> dict[str, int]:
        """Places the view shows mentioned in a passage, with counts."""
        return {p: n for p, n in self.index.places_in(passage_id).items()
                if self.place_mask[self.index.place_position(p)]}


def view_rows(index: Index, view) -> np.ndarray:
    """The rows of ``index.table`` in ``view`` (corpus order)."""
    return ViewRows(index, view).rows
