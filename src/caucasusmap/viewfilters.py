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

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .index import Index
from .model import Passage

__all__ = ["ViewFilter", "FILTERS", "LEVELS", "ORIGINS", "register_filter", "active_filters", "ViewRows",
           "view_rows", "place_origin", "document_date"]

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
    return ~np.fromiter((p.is_reference for p in index.passage_list), dtype=bool, count=len(index.passage_list))


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


@register_filter("statuses", "mention", lambda s: ", ".join(s) + " mentions")
def _statuses(index: Index, statuses: Iterable[str]) -> np.ndarray | None:
    # Review statuses (caucasusmap.review.STATUSES; "checked" = confirmed,
    # corrected or added), one per table row.
    from .review import status_codes

    return np.isin(index.table.statuses, status_codes(statuses))


# -- the rows of a view ------------------------------------------------------------------

class ViewRows:
    """The mentions of one view over one index, computed once, with the
    queries every panel and exporter asks of them.

    ``place_mask`` says which gazetteer places the view contains (the place
    list shows those); ``rows`` are the table rows in the view, in corpus
    order; ``mentions``/``documents`` count them per place (file order)."""

    def __init__(self, index: Index, view) -> None:
        self.index = index
        t = index.table
        masks: dict[str, np.ndarray] = {}
        for name, value in active_filters(view).items():
            f = FILTERS[name]
            m = f.mask(index, value)
            if m is not None:
                masks[f.level] = m if f.level not in masks else masks[f.level] & m
        n_places = len(index.gazetteer)
        self.place_mask = masks.get("place", np.ones(n_places, dtype=bool))
        keep = np.ones(len(t), dtype=bool)
        if "place" in masks:
            keep &= masks["place"][t.place]
        if "document" in masks:
            keep &= masks["document"][t.document]
        if "passage" in masks:
            keep &= masks["passage"][t.passage]
        if "mention" in masks:
            keep &= masks["mention"]
        self.document_mask = masks.get("document")
        self.passage_mask = masks.get("passage")
        self._document_pos = {d.id: i for i, d in enumerate(index.corpus.documents)}
        self.rows = np.flatnonzero(keep)
        places = t.place[self.rows]
        # Rows grouped by place (stable: corpus order within a place).
        order = np.argsort(places, kind="stable")
        self._by_place = self.rows[order]
        self._bounds = np.searchsorted(places[order], np.arange(n_places + 1))
        self.mentions = np.diff(self._bounds)
        n_docs = max(len(index.corpus.documents), 1)
        pairs = np.unique(places * n_docs + t.document[self.rows])
        self.documents = np.bincount(pairs // n_docs, minlength=n_places)[:n_places]

    def __len__(self) -> int:
        return len(self.rows)

    def place_rows(self, position: int) -> np.ndarray:
        """The view's rows mentioning the place at ``position`` (file order)."""
        return self._by_place[self._bounds[position]:self._bounds[position + 1]]

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

    def passages(self, place_ids: Iterable[str], mode: str = "all") -> list[tuple[Passage, int]]:
        """Passages in the view mentioning the places, with the number of
        mentions of them, in corpus order: ``mode="all"`` keeps passages that
        mention every one of the places, ``"any"`` those mentioning one."""
        if mode not in ("any", "all"):
            raise ValueError(f"mode must be 'any' or 'all', not {mode!r}")
        positions = [i for i in (self.index.place_position(p) for p in dict.fromkeys(place_ids)) if i is not None]
        if not positions:
            return []
        t = self.index.table
        rows = np.concatenate([self.place_rows(i) for i in positions])
        passages = t.passage[rows]
        if mode == "all" and len(positions) > 1:
            n = len(self.index.gazetteer)
            pairs = np.unique(passages * n + t.place[rows])
            shared, how_many = np.unique(pairs // n, return_counts=True)
            wanted = shared[how_many == len(positions)]
            rows_kept = np.isin(passages, wanted)
            passages = passages[rows_kept]
        found, counts = np.unique(passages, return_counts=True)
        plist = self.index.passage_list
        return [(plist[i], int(n)) for i, n in zip(found.tolist(), counts.tolist())]

    def places_in(self, passage_id: str) -> dict[str, int]:
        """Places the view shows mentioned in a passage, with counts."""
        return {p: n for p, n in self.index.places_in(passage_id).items()
                if self.place_mask[self.index.place_position(p)]}


def view_rows(index: Index, view) -> np.ndarray:
    """The rows of ``index.table`` in ``view`` (corpus order)."""
    return ViewRows(index, view).rows
