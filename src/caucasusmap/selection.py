"""The one selection every view shares (pure Python, no Qt).

A selection is data: a tuple of place ids, a passage id, and whether several
places mean "passages mentioning all of them" or "any of them". Views never
talk to each other: each subscribes to the :class:`SelectionState`, renders
it, and writes user actions back through the same methods — a map click and
a list click take the same path. A guard stops a view that is being updated
from echoing the change back (an update arriving while listeners are being
notified is ignored), and every change goes into a back/forward history.

The replace/add/toggle rules are plain functions, testable on their own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

log = logging.getLogger("caucasusmap.selection")

__all__ = ["Selection", "SelectionState", "replace_places", "add_places", "toggle_places"]


@dataclass(frozen=True, slots=True)
class Selection:
    """An immutable selection: places (in the order chosen), a passage, and
    the co-occurrence mode for several places."""

    places: tuple[str, ...] = ()
    passage: str | None = None
    mode: str = "all"

    def __post_init__(self) -> None:
        if self.mode not in ("all", "any"):
            raise ValueError(f"mode must be 'all' or 'any', not {self.mode!r}")

    @property
    def empty(self) -> bool:
        return not self.places and self.passage is None


def replace_places(current: tuple[str, ...], ids: Iterable[str]) -> tuple[str, ...]:
    """Plain click: the new places only."""
    return tuple(dict.fromkeys(ids))


def add_places(current: tuple[str, ...], ids: Iterable[str]) -> tuple[str, ...]:
    """Shift-click: keep the current places and add new ones at the end."""
    return tuple(dict.fromkeys((*current, *ids)))


def toggle_places(current: tuple[str, ...], ids: Iterable[str]) -> tuple[str, ...]:
    """Ctrl-click: each id is removed if selected, else added."""
    out = list(current)
    for i in dict.fromkeys(ids):
        if i in out:
            out.remove(i)
        else:
            out.append(i)
    return tuple(out)


_HOW = {"replace": replace_places, "add": add_places, "toggle": toggle_places}

Listener = Callable[[Selection, Selection, str], None]
"""listener(new, old, source): called after every change."""


class SelectionState:
    """The shared, evented selection with history (Alt+←/→ in the app)."""

    def __init__(self, history_limit: int = 200) -> None:
        self._current = Selection()
        self._listeners: list[Listener] = []
        self._back: list[Selection] = []
        self._forward: list[Selection] = []
        self._limit = history_limit
        self._emitting = False

    @property
    def current(self) -> Selection:
        return self._current

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(new, old, source)`` on every change; returns an
        unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    # -- changes --------------------------------------------------------------
    def _set(self, new: Selection, source: str, record: bool = True, notify: bool = True) -> bool:
        if self._emitting or new == self._current:
            return False  # a view echoing what it is being told, or no change
        old = self._current
        if record:
            self._back.append(old)
            del self._back[: -self._limit]
            self._forward.clear()
        self._current = new
        if not notify:
            return True
        self._emitting = True
        try:
            for listener in list(self._listeners):
                try:
                    listener(new, old, source)
                except Exception:  # one failing view must not stop the others
                    log.exception("selection listener %r failed", listener)
        finally:
            self._emitting = False
        return True

    def select_places(self, ids: Iterable[str], how: str = "replace", source: str = "") -> bool:
        """Select places (``how``: replace, add or toggle); clears the passage."""
        if how not in _HOW:
            raise ValueError(f"how must be one of {', '.join(_HOW)}, not {how!r}")
        places = _HOW[how](self._current.places, ids)
        return self._set(replace(self._current, places=places, passage=None), source)

    def select(self, ids: Iterable[str], passage_id: str | None, source: str = "") -> bool:
        """Select places and a passage in one step (one change, one event)."""
        return self._set(replace(self._current, places=_HOW["replace"](self._current.places, ids),
                                 passage=passage_id), source)

    def select_passage(self, passage_id: str | None, source: str = "") -> bool:
        """Select a passage, keeping the places (the passage shows in context)."""
        return self._set(replace(self._current, passage=passage_id), source)

    def set_mode(self, mode: str, source: str = "") -> bool:
        """'all': passages mentioning every selected place; 'any': at least one."""
        return self._set(replace(self._current, mode=mode), source)

    def clear(self, source: str = "") -> bool:
        return self._set(Selection(mode=self._current.mode), source)

    def restrict(self, known_places: set[str], known_passages: set[str], source: str = "reload",
                 notify: bool = True) -> bool:
        """After the gazetteer or corpus changed: drop ids that no longer
        exist, keep the rest (not recorded in history; ``notify=False``: the
        caller tells the views itself)."""
        cur = self._current
        new = replace(cur, places=tuple(p for p in cur.places if p in known_places),
                      passage=cur.passage if cur.passage in known_passages else None)
        self._back = [s for s in self._back if set(s.places) <= known_places]
        self._forward = [s for s in self._forward if set(s.places) <= known_places]
        return self._set(new, source, record=False, notify=notify)

    # -- history -----------------------------------------------------------------
    @property
    def can_go_back(self) -> bool:
        return bool(self._back)

    @property
    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def back(self, source: str = "history") -> bool:
        if not self._back or self._emitting:
            return False
        self._forward.append(self._current)
        return self._set(self._back.pop(), source, record=False)

    def forward(self, source: str = "history") -> bool:
        if not self._forward or self._emitting:
            return False
        self._back.append(self._current)
        return self._set(self._forward.pop(), source, record=False)
