"""The view state of one session: what is open, what is shown, what is chosen.

Pure Python (no Qt), after napari's ``ViewerModel``: a :class:`Session` holds
the paths, the index, the view filters, the shared selection with its history
and the map's camera, and tells subscribers what changed with typed events
(:class:`SelectionChanged`, :class:`FiltersChanged`, :class:`IndexReplaced`,
:class:`PathsChanged`, :class:`CameraMoved`). Every panel of the app and every
export reads :meth:`Session.current_view` and the answers derived from it
(:meth:`Session.view_rows`, :meth:`Session.passages`), and the command line
builds its views with the same model (:func:`view_from_options`), so the app,
the CLI and the exports cannot disagree.

Events are delivered in order, one at a time: an event raised while
handlers are running is queued and delivered after them, so no handler ever
runs inside another. A handler that raises is logged and reported as a
:class:`HandlerFailed` event; the other handlers still run.

Filtering the place *list* (typing in its filter box) is a display matter of
the list and never part of the session: it never changes the selection.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .index import Index
from .maps import MapView
from .model import Passage
from .selection import Selection, SelectionState
from .viewfilters import FILTERS, ViewRows

__all__ = ["Session", "Event", "SelectionChanged", "FiltersChanged", "IndexReplaced", "PathsChanged",
           "CameraMoved", "HandlerFailed", "FILTER_FIELDS", "view_from_options"]

log = logging.getLogger("caucasusmap.session")

_NOT_FILTERS = {"selected", "passage", "center", "zoom"}
FILTER_FIELDS = tuple(f.name for f in fields(MapView) if f.name not in _NOT_FILTERS)
"""The view fields a session's filters hold (everything but selection and camera)."""


# -- events ------------------------------------------------------------------------

@dataclass(frozen=True)
class Event:
    """Base of every session event."""


@dataclass(frozen=True)
class SelectionChanged(Event):
    """The selection changed (``source`` says who changed it: "map", "list",
    "history", "reload", …)."""

    new: Selection
    old: Selection
    source: str = ""


@dataclass(frozen=True)
class FiltersChanged(Event):
    """View filters changed; ``changed`` names the fields."""

    new: MapView
    old: MapView
    changed: frozenset[str]


@dataclass(frozen=True)
class IndexReplaced(Event):
    """A new index is in use (a relink, other files); filters and selection
    have already been restricted to what it knows."""

    index: Index
    old: Index | None


@dataclass(frozen=True)
class PathsChanged(Event):
    """The gazetteer or corpus path changed (a relink follows)."""

    gazetteer: Path | None
    corpus: Path | None


@dataclass(frozen=True)
class CameraMoved(Event):
    """The map's centre and zoom changed (exports use them)."""

    center: tuple[float, float] | None
    zoom: int | None


@dataclass(frozen=True)
class HandlerFailed(Event):
    """A handler raised while handling ``event``; the loop went on."""

    event: Event
    handler: Callable
    error: BaseException


Handler = Callable[[Event], None]


# -- the session --------------------------------------------------------------------

class Session:
    """The view state of one window (or one command): paths, index, filters,
    selection and history, camera; typed change events."""

    def __init__(self, index: Index | None = None, *, gazetteer: str | Path | None = None,
                 corpus: str | Path | None = None, history_limit: int = 200) -> None:
        self._index = index
        self._gazetteer = _absolute(gazetteer)
        self._corpus = _absolute(corpus)
        self._filters = MapView()
        self._center: tuple[float, float] | None = None
        self._zoom: int | None = None
        self._handlers: list[tuple[Handler, tuple[type[Event], ...]]] = []
        self._queue: deque[Event] = deque()
        self._dispatching = False
        self._rows: ViewRows | None = None
        self._names: dict[str, str] | None = None
        self._passages_key: tuple | None = None
        self._passages: list[tuple[Passage, int]] = []
        self.selection = SelectionState(history_limit)
        self.selection.subscribe(lambda new, old, source: self._emit(SelectionChanged(new, old, source)))

    # -- events --------------------------------------------------------------------
    def subscribe(self, handler: Handler, *types: type[Event]) -> Callable[[], None]:
        """Call ``handler(event)`` for events of ``types`` (all when none is
        given), in subscription order; returns an unsubscribe function."""
        entry = (handler, types or (Event,))
        self._handlers.append(entry)
        return lambda: self._handlers.remove(entry) if entry in self._handlers else None

    def _emit(self, event: Event) -> None:
        self._queue.append(event)
        if self._dispatching:
            return  # delivered after the handlers now running
        self._dispatching = True
        try:
            while self._queue:
                current = self._queue.popleft()
                for handler, types in list(self._handlers):
                    if not isinstance(current, types):
                        continue
                    try:
                        handler(current)
                    except Exception as exc:  # one bad handler never stops the others
                        log.exception("%s failed on %s", getattr(handler, "__qualname__", handler),
                                      type(current).__name__)
                        if not isinstance(current, HandlerFailed):
                            self._queue.append(HandlerFailed(current, handler, exc))
        finally:
            self._dispatching = False

    # -- paths and index -----------------------------------------------------------
    @property
    def gazetteer_path(self) -> Path | None:
        return self._gazetteer

    @property
    def corpus_path(self) -> Path | None:
        return self._corpus

    def set_paths(self, gazetteer: str | Path | None = None, corpus: str | Path | None = None) -> bool:
        """Open other files (stored as absolute paths). The caller relinks."""
        g = _absolute(gazetteer) if gazetteer is not None else self._gazetteer
        c = _absolute(corpus) if corpus is not None else self._corpus
        if (g, c) == (self._gazetteer, self._corpus):
            return False
        corpus_changed = c != self._corpus
        self._gazetteer, self._corpus = g, c
        if corpus_changed and self._filters.documents is not None:
            self._filters = replace(self._filters, documents=None)  # other documents: show them all
            self._invalidate()
        self._emit(PathsChanged(g, c))
        return True

    @property
    def index(self) -> Index | None:
        return self._index

    def replace_index(self, index: Index) -> None:
        """Use a new index, keeping filters and selection where their ids
        still exist."""
        old = self._index
        self._index = index
        f = self._filters
        changes: dict[str, Any] = {}
        if f.documents is not None:
            known = {d.id for d in index.corpus.documents}
            changes["documents"] = tuple(d for d in f.documents if d in known)
        if f.places is not None:
            changes["places"] = tuple(p for p in f.places if p in index.gazetteer.by_id)
        if changes:
            self._filters = replace(f, **changes)
        self._invalidate()
        before = self.selection.current
        # index.passages is a lazy mapping: no set of every passage
        self.selection.restrict(set(index.gazetteer.by_id), index.passages, notify=False)
        self._emit(IndexReplaced(index, old))
        after = self.selection.current
        if after != before:
            self._emit(SelectionChanged(after, before, "reload"))

    # -- filters ----------------------------------------------------------------------
    @property
    def filters(self) -> MapView:
        """The filter part of the view (selection and camera left empty)."""
        return self._filters

    def set_filters(self, **changes: Any) -> bool:
        """Change view filters by field name (see :data:`FILTER_FIELDS`);
        values are checked against the index. Returns whether anything changed."""
        unknown = set(changes) - set(FILTER_FIELDS)
        if unknown:
            raise ValueError(f"not view filters: {', '.join(sorted(unknown))}; filters: {', '.join(FILTER_FIELDS)}")
        for key in ("documents", "places", "origins", "statuses"):
            if changes.get(key) is not None:
                changes[key] = tuple(dict.fromkeys(changes[key]))
        if changes.get("time_range") is not None:
            changes["time_range"] = tuple(changes["time_range"])
        new = replace(self._filters, **changes)
        if self._index is not None:
            new.check(self._index)
        old = self._filters
        changed = frozenset(k for k in changes if getattr(new, k) != getattr(old, k))
        if not changed:
            return False
        self._filters = new
        self._invalidate()
        self._emit(FiltersChanged(new, old, changed))
        return True

    def describe_filters(self) -> str:
        """The active filters in words ("2 documents; references hidden")."""
        parts = []
        for name, f in FILTERS.items():
            value = getattr(self._filters, name, None)
            if value is None or value is False:
                continue
            parts.append(f.describe(value) if f.describe else f"{name}: {value}")
        return "; ".join(parts)

    # -- camera --------------------------------------------------------------------------
    def set_camera(self, center: tuple[float, float] | None, zoom: float | None) -> None:
        """Where the map looks (reported by the map)."""
        center = (float(center[0]), float(center[1])) if center is not None else None
        zoom = int(round(zoom)) if zoom is not None else None
        if (center, zoom) != (self._center, self._zoom):
            self._center, self._zoom = center, zoom
            self._emit(CameraMoved(center, zoom))

    # -- selection ------------------------------------------------------------------------
    @property
    def current(self) -> Selection:
        return self.selection.current

    def select_places(self, ids: Iterable[str], how: str = "replace", source: str = "") -> bool:
        return self.selection.select_places(ids, how, source)

    def select_passage(self, passage_id: str | None, source: str = "") -> bool:
        return self.selection.select_passage(passage_id, source)

    def select(self, ids: Iterable[str], passage_id: str | None, source: str = "") -> bool:
        """Select places and one of their passages at once (the review queue)."""
        return self.selection.select(ids, passage_id, source)

    def set_mode(self, mode: str, source: str = "") -> bool:
        return self.selection.set_mode(mode, source)

    def clear(self, source: str = "") -> bool:
        return self.selection.clear(source)

    def back(self) -> bool:
        return self.selection.back()

    def forward(self) -> bool:
        return self.selection.forward()

    # -- what every view reads --------------------------------------------------------------
    def current_view(self) -> MapView:
        """Filters, selection and camera as one view: what every panel shows
        and what an export writes."""
        sel = self.selection.current
        return replace(self._filters, selected=sel.places, passage=sel.passage, center=self._center,
                       zoom=self._zoom)

    def _invalidate(self) -> None:
        self._rows = None
        self._names = None
        self._passages_key = None

    def view_rows(self) -> ViewRows:
        """The mentions of the current filters (computed once per change)."""
        if self._index is None:
            raise RuntimeError("no index yet")
        if self._rows is None:
            self._rows = ViewRows(self._index, self._filters)
        return self._rows

    def names(self) -> dict[str, str]:
        """Place id -> the name the view shows for it (its ``naming``)."""
        if self._index is None:
            return {}
        if self._names is None:
            from .naming import TEXT, display_names

            naming = self._filters.naming
            text = self._index.text_names(self.view_rows().rows) if naming == TEXT else None
            self._names = display_names(self._index.gazetteer.places, naming, text)
        return self._names

    def passages(self) -> list[tuple[Passage, int]]:
        """The passages in the view mentioning the selected places (all or
        any of them, as the selection's mode says), with mention counts."""
        if self._index is None:
            return []
        sel = self.selection.current
        key = (sel.places, sel.mode)  # a PassageHits: Passage objects are made as they are read
        if key != self._passages_key:
            self._passages = self.view_rows().passages(sel.places, sel.mode)
            self._passages_key = key
        return self._passages

    def highlighted(self) -> list[str]:
        """The places the chosen passage lights up on the map."""
        sel = self.selection.current
        if self._index is None or not sel.passage or sel.passage not in self._index.passages:
            return []
        return list(self.view_rows().places_in(sel.passage))


def _absolute(path: str | Path | None) -> Path | None:
    """A path made absolute against today's working directory (a session
    never remembers "." to mean wherever it is started next time)."""
    if path is None:
        return None
    return Path(path).expanduser().absolute()


def view_from_options(index: Index, *, select: Iterable[str] | None = None, passage: str | None = None,
                      mode: str = "all", center: tuple[float, float] | None = None, zoom: int | None = None,
                      **filters: Any) -> Session:
    """A session set up as the command line's view options say: ``filters``
    are view filter fields (:data:`FILTER_FIELDS`: ``documents``, ``places``,
    ``hide_references``, ``origins``, ``time_range``, ``statuses``, ``naming``,
    ``title`` …; None means "no restriction"), place ids already
    resolved. The CLI answers from it exactly what the app would."""
    session = Session(index, gazetteer=index.gazetteer.path)
    session.set_filters(**filters)
    if mode != "all":
        session.set_mode(mode, source="options")
    if select:
        session.select_places(select, source="options")
    if passage:
        session.select_passage(passage, source="options")
    if center is not None or zoom is not None:
        session.set_camera(center, zoom)
    return session
