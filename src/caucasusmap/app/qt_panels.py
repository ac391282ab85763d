"""The list and text views: places, passages, reader, documents, problems, search.

Each panel is given the :class:`~caucasusmap.session.Session`, subscribes to
its events, renders what :meth:`Session.current_view` says, and writes user
actions back to the session — never to another panel. Each can say what it
shows (``shown()``), so a test or the soak run can check that no panel
disagrees with the view state.

Two Qt rules every panel keeps:

* a model is never changed from inside one of its own (or its view's,
  selection model's or proxy's) signals: an event that arrives while a panel
  is reporting a user action is applied once control is back in the event
  loop. Changing the place model from inside the proxy's filter pass is what
  corrupted the proxy and crashed the app (see ``docs/design.md``);
* text from the corpus and gazetteer is escaped before it reaches a
  rich-text widget, and tooltips are plain text (``qt_util``).
"""

from __future__ import annotations

import html
import os
import shlex
import subprocess
from bisect import bisect_right
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDesktopServices,
    QKeySequence,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QTableView,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..errors import Issue
from ..gazetteer import search_text
from ..index import Index
from ..normalize import fold_phrase
from ..review import reading_marks
from ..session import FiltersChanged, IndexReplaced, SelectionChanged, Session
from .qt_util import HTML_ROLE, HtmlDelegate, highlighted_html, kind_icon, plain_label, plain_tooltip

HIGHLIGHT = "#fde68a"
CHECKED = "#15803d"  # a mention a reviewer confirmed, corrected or added
SOFT = "#eef2ff"
READER_PASSAGE = "#fff7d6"  # QTextBrowser ignores alpha, so a solid pale tint
FIRST_PAGE = 6
"""Passages the passages panel renders for a new selection: about a panel's
worth, so a click costs little; more follow while the panel is not full, and
as it is scrolled to the end."""
PAGE = 50
"""Passages "Show more" (or scrolling to the end) adds to the passages panel."""
HTML_CACHE = 2000
"""Rendered passages kept per panel (for the same index and selection)."""
READER_WINDOW = 400
"""Passages of a document the reader renders at once, around the chosen one
(a longer document is read a window at a time: earlier / later links)."""


def passage_html(index: Index, passage_id: str, selected: set[str], *, link_places: bool = True) -> str:
    """A passage's reading text as HTML: mentions of ``selected`` places
    highlighted, other mentions as ``place:ID`` links; mentions a reviewer
    checked in green, rejected ones struck through (``rejected:`` links)."""
    text, spans = index.reading_text(passage_id)
    checked, rejected = reading_marks(index, passage_id) if index.review is not None else ({}, [])
    if rejected:
        spans = sorted([*spans, *((a, b, "rejected:" + t) for a, b, t in rejected)])
    out, pos = [], 0
    for a, b, target in spans:  # target: "place@document:start:end"
        if a < pos:
            continue
        out.append(html.escape(text[pos:a]))
        surface = html.escape(text[a:b])
        pos = b
        if target.startswith("rejected:"):
            out.append(f'<a href="{html.escape(target)}" style="color:#a8a29e;text-decoration:line-through">'
                       f"{surface}</a>")
            continue
        place, _, where = target.partition("@")
        span = where.rsplit(":", 2)[1:]
        ok = bool(checked) and (int(span[0]), int(span[1])) in checked
        if place in selected:
            out.append(f'<a href="place:{html.escape(target)}" style="background:{HIGHLIGHT};'
                       f'color:{CHECKED if ok else "#111"};text-decoration:{"underline" if ok else "none"}">'
                       f"<b>{surface}</b></a>")
        elif link_places:
            out.append(f'<a href="place:{html.escape(target)}" style="color:{CHECKED if ok else "#1d4ed8"}">'
                       f"{surface}</a>")
        else:
            out.append(surface)
    out.append(html.escape(text[pos:]))
    return "".join(out)


class _Panel:
    """Mixin: subscribe to the session. A panel whose widgets' own signals
    report user actions (``DEFER = True``) applies the events those actions
    cause once control is back in the event loop, never inside the signal."""

    session: Session
    DEFER = False

    def _subscribe(self, session: Session, *types) -> None:
        self.session = session
        self._reporting = 0
        self._pending: list = []
        self.unsubscribe = session.subscribe(self._on_event, *types)

    def _report(self, action) -> None:
        """Run ``action`` (a write to the session) as the panel's user action."""
        self._reporting += 1
        try:
            action()
        finally:
            self._reporting -= 1

    def _on_event(self, event) -> None:
        if self._reporting and self.DEFER:
            if not self._pending:
                QTimer.singleShot(0, self, self._flush)
            self._pending.append(event)
            return
        self.on_event(event)

    def _flush(self) -> None:
        events, self._pending = self._pending, []
        for event in events:
            self.on_event(event)

    def on_event(self, event) -> None:
        self.render_all()

    def render_all(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


# ---------------------------------------------------------------------------
# Places

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_MANY = 64
"""More changed rows than this: one dataChanged over them all, not one per row."""
_ROOT = QModelIndex()
"""The invalid index: the parent of every row, and the answer for a cell that is not there."""


class PlacesModel(QAbstractTableModel):
    HEADERS = ("Place", "Kind", "Mentions", "Docs", "km")
    SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1
    ID_ROLE = Qt.ItemDataRole.UserRole + 2
    _ROLES = frozenset({_DISPLAY, _DECORATION, _TOOLTIP, _ALIGNMENT, int(SEARCH_ROLE), int(ID_ROLE)})

    def __init__(self, parent=None):
        super().__init__(parent)
        self.places = []
        self.mentions = []
        self.docs = []
        self.search = []
        self.km = []
        self.has_km = False  # any distance in km (asked at each fit of the columns: not a pass over the rows)
        self.shown = []
        # The lists above are in the order the places were given; the rows are
        # in the list's sort order: row r shows the place at order[r].
        self.order: list[int] = []
        self._row: list[int] = []  # position in the given order -> row
        self.row_of: dict[str, int] = {}  # place id -> row
        self.sorting: tuple[int, Qt.SortOrder] | None = None  # (column, order); None: as given
        self._held: list | None = None

    @contextmanager
    def held(self):
        """Changes asked for inside the block wait until it ends.

        The proxy's filter pass holds its source model: the rows it removes
        make the view's selection model emit ``selectionChanged`` from inside
        the pass, and a change of this model answered there (``dataChanged``,
        which a dynamically filtering proxy handles by filtering again) ran
        while the pass was still walking its row mapping and corrupted it:
        ghost rows, then the segfault of issue 13."""
        if self._held is not None:  # nested: the outer block replays
            yield
            return
        self._held = []
        try:
            yield
        finally:
            calls, self._held = self._held, None
            for method, args in calls:
                method(*args)

    def set_data(self, places, mentions, docs, names: dict[str, str] | None = None,
                 search: list[str] | None = None) -> None:
        """Show ``places`` with their counts. The same places as now (a review
        decision, another document filter, another naming): only the rows
        whose name or counts changed are updated, in place — no reset, so
        the view keeps its selection and scroll position and the proxy sorts
        only what moved. Other places: the model is reset. ``search`` is each
        place's :func:`~caucasusmap.gazetteer.search_text` when the caller
        has them (the gazetteer folds them once, off the UI thread)."""
        if self._held is not None:
            self._held.append((self.set_data, (places, mentions, docs, names, search)))
            return
        places = list(places)
        shown = [(names or {}).get(p.id, p.name) for p in places]  # the naming's display names
        mentions = [int(x) for x in mentions]
        docs = [int(x) for x in docs]
        old = self.places
        if len(places) == len(old) and all(a is b for a, b in zip(places, old)):
            self._update(shown, mentions, docs)
            return
        if search is None:
            # Folded names of the places kept (the same objects: this model holds them) are reused.
            folded = {id(p): text for p, text in zip(old, self.search)}
            search = [folded.get(id(p)) or search_text(p) for p in places]
        self.beginResetModel()
        self.places = places
        self.shown = shown
        self.mentions = mentions
        self.docs = docs
        self.search = list(search)
        self.km = [None] * len(places)
        self.has_km = False
        self._set_order(self._sorted())
        self.endResetModel()

    def _update(self, shown: list[str], mentions: list[int], docs: list[int]) -> None:
        changed = [r for r, (a, b, c, x, y, z) in enumerate(zip(shown, mentions, docs, self.shown, self.mentions,
                                                                 self.docs)) if a != x or b != y or c != z]
        self.shown, self.mentions, self.docs = shown, mentions, docs
        if not changed:
            return
        changed = sorted(self._row[k] for k in changed)
        if len(changed) > _MANY:
            self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], 3))
        else:
            start = prev = changed[0]
            for r in [*changed[1:], None]:  # runs of consecutive rows
                if r is not None and r == prev + 1:
                    prev = r
                    continue
                self.dataChanged.emit(self.index(start, 0), self.index(prev, 3))
                if r is not None:
                    start = prev = r
        self._resort(0, 1, 2, 3)  # however many rows changed: the rows follow their new counts

    def set_distances(self, km: list[float | None]) -> None:
        """Distances to the selected place (None: no single place selected)."""
        if self._held is not None:
            self._held.append((self.set_distances, (km,)))
            return
        if km == self.km:
            return
        self.km = km
        self.has_km = any(x is not None for x in km)
        if self.places:
            self.dataChanged.emit(self.index(0, 4), self.index(len(self.places) - 1, 4))
            self._resort(4)

    # -- sorting: here, one key per row, not in the proxy (whose sort asks
    # data() from C++ at each of its n log n comparisons: seconds of the UI
    # thread for 20,000 places)
    def sort(self, column, order=Qt.SortOrder.AscendingOrder):
        self.sorting = None if column < 0 else (column, Qt.SortOrder(order))
        self._reorder()

    def _sorted(self) -> list[int]:
        """The given positions in the rows' order: stable, as the proxy's sort was."""
        n = len(self.places)
        if self.sorting is None:
            return list(range(n))
        column, order = self.sorting
        if column == 0:
            keys = [x.casefold() for x in self.shown]
        elif column == 1:
            keys = [p.kind for p in self.places]
        elif column == 2:
            keys = self.mentions
        elif column == 3:
            keys = self.docs
        else:
            keys = [float("inf") if x is None else x for x in self.km]
        return sorted(range(n), key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)

    def _set_order(self, order: list[int]) -> None:
        self.order = order
        row = [0] * len(order)
        for r, k in enumerate(order):
            row[k] = r
        self._row = row
        places = self.places
        self.row_of = {places[k].id: r for r, k in enumerate(order)}

    def _resort(self, *columns: int) -> None:
        if self.sorting is not None and self.sorting[0] in columns:
            self._reorder()

    def _reorder(self) -> None:
        """Rows in the sort order again: a layout change that keeps the
        selection (persistent indexes follow their places)."""
        new = self._sorted()
        if new == self.order:
            return
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()
        at = [self.order[i.row()] if 0 <= i.row() < len(self.order) else -1 for i in kept]
        self._set_order(new)
        self.changePersistentIndexList(kept, [self.createIndex(self._row[k], i.column()) if k >= 0 else _ROOT
                                              for k, i in zip(at, kept)])
        self.layoutChanged.emit()

    def rowCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self.places)

    def index(self, row, column, parent=_ROOT):
        # Asked for every cell the view paints and the proxy maps. The
        # inherited one checks the row and column by calling rowCount and
        # columnCount, two calls into Python each time; this is one.
        if 0 <= row < len(self.places) and 0 <= column < len(self.HEADERS) and not parent.isValid():
            return self.createIndex(row, column)
        return _ROOT

    def columnCount(self, parent=QModelIndex()):  # noqa: N802
        return len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index, role=_DISPLAY):
        # Asked some seven times per cell painted: the roles this model has no
        # answer for (font, colours, check state) return before anything else.
        if role not in self._ROLES:
            return None
        r = index.row()
        if r < 0 or r >= len(self.order):  # an invalid index has row -1
            return None
        r = self.order[r]
        c = index.column()
        if role == _DISPLAY:
            if c == 0:
                return self.shown[r]
            if c == 2:
                return self.mentions[r]
            if c == 3:
                return self.docs[r]
            if c == 1:
                return self.places[r].kind
            km = self.km[r] if r < len(self.km) else None
            return "" if km is None else f"{km:,.0f}"
        if role == _DECORATION:
            return kind_icon(self.places[r].kind) if c == 0 else None
        if role == _ALIGNMENT:
            return _RIGHT if c >= 2 else None
        p = self.places[r]
        km = self.km[r] if r < len(self.km) else None
        if role == self.SEARCH_ROLE:
            return self.search[r]
        if role == self.ID_ROLE:
            return p.id
        if role == _TOOLTIP:
            if c == 4 and km is not None:
                return f"{km:.1f} km from the selected place (great-circle)"
            aliases = ", ".join(p.aliases)
            return plain_tooltip(f"{p.name} ({p.kind})" + (f"\nAlso: {aliases}" if aliases else "")
                                 + (f"\n{km:,.0f} km from the selected place" if km is not None else "")
                                 + (f"\n{p.note}" if p.note else ""))
        return None


class PlacesFilter(QSortFilterProxyModel):
    """Filter by name or any alias, case and diacritics ignored."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.query = ""
        # A row's names never change without a reset (set_data), and the model
        # sorts itself: a change of counts or distances (every click, with one
        # place selected) need not filter every row again, which the dynamic
        # filter did (20,000 calls into Python for a list of 20,000 places).
        self.setDynamicSortFilter(False)
        # Qt's own filter on the folded names (the query is folded the same
        # way): with an empty query it accepts every row without a call into
        # Python, where an override of filterAcceptsRow was called once per
        # row at each reset (20,000 calls when an index of 20,000 places loads).
        self.setFilterRole(PlacesModel.SEARCH_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseSensitive)

    def set_query(self, text: str) -> None:
        query = fold_phrase(text)
        if query == self.query:
            return
        with self.sourceModel().held():  # no change of the rows while the pass walks them
            self.query = query
            self.setFilterFixedString(query)  # a substring of the row's folded names

    def sort(self, column, order=Qt.SortOrder.AscendingOrder):
        # The places model sorts its own rows (see PlacesModel.sort); this
        # proxy only filters, in the model's order.
        self.sourceModel().sort(column, order)


class PlacesPanel(_Panel, QWidget):
    """The places of the view: filterable (a display filter of this list
    only), sortable, with mention and document counts in the view."""

    DEFER = True
    COLUMN_WIDTHS = {1: 96, 2: 72, 3: 42, 4: 50}  # kind, mentions, docs, km
    MIN_NAME_WIDTH = 120
    """The name column's least width (some fifteen characters with the icon):
    at 1024 px the docks' share left it 62 px, three letters and an ellipsis."""

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.filter_edit = QLineEdit(placeholderText="Filter by name or alias…")
        self.filter_edit.setClearButtonEnabled(True)
        self.model = PlacesModel(self)
        self.proxy = PlacesFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c, width in self.COLUMN_WIDTHS.items():
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(c, width)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setWordWrap(False)
        self.count_label = QLabel("")
        self.count_label.setStyleSheet("color:#57534e")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table)
        layout.addWidget(self.count_label)
        self._updating = False
        self._coords = None  # (the model's places, their latitudes, longitudes)
        self.filter_edit.textChanged.connect(self.set_query)
        self.filter_edit.returnPressed.connect(self._activate_first)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.clicked.connect(self._clicked)
        self.setMinimumWidth(self.minimum_width())
        self._subscribe(session, SelectionChanged, FiltersChanged, IndexReplaced)

    # -- rendering ------------------------------------------------------------------
    def on_event(self, event) -> None:
        if isinstance(event, SelectionChanged):
            if event.new.places != event.old.places or event.source == "reload":
                self._show_distances()
            self.show_selection()
        else:
            self.render_all()

    def render_all(self) -> None:
        s = self.session
        if s.index is None:
            return
        rows = s.view_rows()
        keep = rows.place_mask.nonzero()[0]
        places, texts = s.index.gazetteer.places, s.index.gazetteer.search_texts
        self._updating = True
        try:
            self.model.set_data([places[k] for k in keep], rows.mentions[keep], rows.documents[keep], s.names(),
                                [texts[k] for k in keep])
        finally:
            self._updating = False
        self._show_distances()
        self.show_selection()
        self._update_count()

    def resizeEvent(self, event):  # noqa: N802
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        """The place's name keeps MIN_NAME_WIDTH in a narrow dock: the km
        column shows while there are distances and room for them (the name's
        tooltip gives the distance too), the kind column is narrowed and then
        left out (each row's icon and tooltip still give the kind)."""
        table, header, widths = self.table, self.table.horizontalHeader(), self.COLUMN_WIDTHS
        distances = self.model.has_km
        width = table.viewport().width()
        numbers = widths[2] + widths[3]
        km = distances and (width <= 0 or width - numbers - widths[4] >= self.MIN_NAME_WIDTH)
        table.setColumnHidden(4, not km)
        if width <= 0:
            return
        kind = min(widths[1], width - numbers - (widths[4] if km else 0) - self.MIN_NAME_WIDTH)
        table.setColumnHidden(1, kind < 56)
        if kind >= 56 and header.sectionSize(1) != kind:
            header.resizeSection(1, kind)

    def minimum_width(self) -> int:
        """The narrowest this panel goes: a readable name and the counts."""
        table = self.table
        return (self.MIN_NAME_WIDTH + self.COLUMN_WIDTHS[2] + self.COLUMN_WIDTHS[3]
                + table.verticalScrollBar().sizeHint().width() + 2 * table.frameWidth() + 4)

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{shown} of {total} places" if shown != total else f"{total} places")

    def _show_distances(self) -> None:
        """Great-circle distances to the one selected place."""
        from ..maps import great_circle_km

        s = self.session
        places = self.model.places
        sel = s.current.places
        if s.index is None or len(sel) != 1 or sel[0] not in s.index.gazetteer.by_id or not places:
            self.model.set_distances([None] * len(places))
            self.fit_columns()
            return
        import numpy as np

        if self._coords is None or self._coords[0] is not places:
            self._coords = (places, np.array([p.lat for p in places]), np.array([p.lon for p in places]))
        c = s.index.gazetteer.by_id[sel[0]]
        km = great_circle_km(c.lat, c.lon, self._coords[1], self._coords[2])
        self.model.set_distances(km.tolist())
        self.fit_columns()

    def _rows_of(self, ids) -> list[tuple[int, str]]:
        """(list row, id) of the places of ``ids`` the list shows, top to bottom."""
        row_of, model, proxy = self.model.row_of, self.model, self.proxy
        out = []
        for pid in ids:
            r = row_of.get(pid)
            if r is not None:
                row = proxy.mapFromSource(model.index(r, 0)).row()
                if row >= 0:  # not hidden by the filter box
                    out.append((row, pid))
        return sorted(out)

    def show_selection(self) -> None:
        """Select the rows of the selected places that the list shows, without
        echoing that back to the session. Costs the selection's size, not the
        list's."""
        rows = self._rows_of(dict.fromkeys(self.session.current.places))
        if self._visible_selected() == [pid for _, pid in rows]:
            return
        self._updating = True
        try:
            sel = QItemSelection()
            last_col = self.proxy.columnCount() - 1
            for row, _ in rows:
                sel.select(self.proxy.index(row, 0), self.proxy.index(row, last_col))
            self.table.selectionModel().select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                               | QItemSelectionModel.SelectionFlag.Rows)
            self._scroll_to(rows)
        finally:
            self._updating = False

    def _scroll_to(self, rows) -> None:
        if rows:
            self.table.scrollTo(self.proxy.index(rows[0][0], 0))

    def set_query(self, text: str) -> None:
        """Filter the list (display only: the selection stays as it is)."""
        self._updating = True
        try:
            self.proxy.set_query(text)
        finally:
            self._updating = False
        self.show_selection()
        # The selection kept through the filter is brought into view again (a cleared filter
        # shows the whole list, where the selected row may be far down), once the view has laid
        # out its new rows.
        QTimer.singleShot(0, self, lambda: self._scroll_to(self._rows_of(dict.fromkeys(self.session.current.places))))
        self._update_count()

    # -- what it shows ----------------------------------------------------------------------
    def _visible_ids(self) -> list[str]:
        return [self.proxy.data(self.proxy.index(r, 0), PlacesModel.ID_ROLE) for r in range(self.proxy.rowCount())]

    def _visible_selected(self) -> list[str]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.proxy.data(self.proxy.index(r, 0), PlacesModel.ID_ROLE) for r in rows]

    def shown(self) -> dict:
        """What the list shows: the place ids (all rows, source order), their
        counts, and the selected ids among the visible rows."""
        m = self.model
        return {"places": [p.id for p in m.places], "mentions": list(m.mentions), "docs": list(m.docs),
                "visible": self._visible_ids(), "selected": self._visible_selected()}

    # -- user actions ----------------------------------------------------------------------
    def _selection_changed(self, selected, deselected) -> None:
        if self._updating:
            return
        mods = QApplication.keyboardModifiers()
        visible = self._visible_selected()
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
                   | Qt.KeyboardModifier.MetaModifier):
            # Add to / remove from the selection: places the filter hides stay selected.
            ids = lambda sel: {self.proxy.data(i, PlacesModel.ID_ROLE) for i in sel.indexes()}  # noqa: E731
            removed, added = ids(deselected), ids(selected)
            current = [p for p in self.session.current.places if p not in removed]
            new = current + [p for p in visible if p in added and p not in current]
            self._report(lambda: self.session.select_places(new, "replace", source="list"))
        else:
            self._report(lambda: self.session.select_places(visible, "replace", source="list"))

    def _clicked(self, index) -> None:
        # A plain click on a row that was already the only one selected among
        # the visible rows changes nothing in the view's selection model, but
        # means "this place alone".
        if QApplication.keyboardModifiers() & (Qt.KeyboardModifier.ControlModifier
                                               | Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.MetaModifier):
            return
        pid = self.proxy.data(self.proxy.index(index.row(), 0), PlacesModel.ID_ROLE)
        if pid and self.session.current.places != (pid,):
            self._report(lambda: self.session.select_places([pid], source="list"))

    def _activate_first(self) -> None:
        if self.proxy.rowCount():
            pid = self.proxy.data(self.proxy.index(0, 0), PlacesModel.ID_ROLE)
            self.session.select_places([pid], source="list")
            self.table.setFocus()


# ---------------------------------------------------------------------------
# Passages and reader

class LinkBrowser(QTextBrowser):
    """A text browser whose place:/passage: links become signals, whose web
    links open in the system browser, and where a click on a passage's text
    (not on a link, not ending a text selection) chooses that passage."""

    placeClicked = Signal(str)
    passageClicked = Signal(str)
    moreClicked = Signal()
    notThisPlace = Signal(str, str, int, int)  # place, document, start, end
    copyPassage = Signal(str)  # passage id: copy its text with a citation

    def __init__(self, parent=None):
        super().__init__(parent)
        self.citable_passage: str | None = None  # the selected passage, offered in the context menu
        self.last_more = ""  # the target of the last more: link
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._anchor)
        self._anchors: tuple[list[int], list[str]] | None = ([], [])
        self._place_spans: dict[str, list[tuple[int, int]]] | None = {}
        #: Called as hook(menu, anchor, pos) before the context menu opens (review actions).
        self.menu_hooks: list = []

    def set_passages_html(self, markup: str) -> None:
        """Show ``markup`` whose passages begin with ``<a name="psg:ID">``;
        where each passage starts (and where each place's mentions are) is
        found when first asked."""
        self.setHtml(markup)
        self._anchors = None if markup else ([], [])
        self._place_spans = None if markup else {}

    def _scan(self) -> None:
        """One walk over the document: where each passage starts, and the
        (position, length) of every ``place:`` link by place."""
        starts, ids, spans = [], [], {}
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                if frag.isValid():
                    fmt = frag.charFormat()
                    for name in fmt.anchorNames():
                        if name.startswith("psg:"):
                            starts.append(frag.position())
                            ids.append(name[4:])
                    href = fmt.anchorHref()  # (isAnchor() is false on a link's later fragments)
                    if href.startswith("place:"):
                        at = spans.setdefault(href[6:].partition("@")[0], [])
                        if at and at[-1][0] + at[-1][1] == frag.position() and at[-1][2] == href:
                            at[-1] = (at[-1][0], at[-1][1] + frag.length(), href)  # one link, several fragments
                        else:
                            at.append((frag.position(), frag.length(), href))
                it += 1
            block = block.next()
        self._anchors = (starts, ids)
        self._place_spans = {place: [(a, n) for a, n, _ in at] for place, at in spans.items()}

    def _passage_anchors(self) -> tuple[list[int], list[str]]:
        """(start positions, ids) of the passages shown, in document order."""
        if self._anchors is None:
            self._scan()
        return self._anchors

    def place_spans(self) -> dict[str, list[tuple[int, int]]]:
        """(position, length) in the document of every link to each place."""
        if self._place_spans is None:
            self._scan()
        return self._place_spans

    @property
    def _starts(self) -> list[int]:
        return self._passage_anchors()[0]

    @property
    def _ids(self) -> list[str]:
        return self._passage_anchors()[1]

    def passage_at(self, pos) -> str | None:
        """The passage under a viewport position (None: outside any)."""
        if not self._starts:
            return None
        k = bisect_right(self._starts, self.cursorForPosition(pos).position()) - 1
        return self._ids[k] if k >= 0 else None

    def mouseReleaseEvent(self, event):  # noqa: N802
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.anchorAt(event.position().toPoint()):
            return
        if self.textCursor().hasSelection():
            return  # the user selected text to copy
        pid = self.passage_at(event.position().toPoint())
        if pid:
            self.passageClicked.emit(pid)

    @staticmethod
    def parse_place(rest: str) -> tuple[str, str, int, int] | None:
        """``place:ID@DOC:START:END`` → (ID, DOC, START, END)."""
        place, _, where = rest.partition("@")
        parts = where.rsplit(":", 2)
        if len(parts) != 3:
            return None
        try:
            return place, parts[0], int(parts[1]), int(parts[2])
        except ValueError:
            return None

    def anchor_at_cursor(self) -> str:
        """The link at the text cursor: the one Tab moved to (it selects the
        link's text) or the one the cursor stands in ("" if none)."""
        cursor = self.textCursor()
        at = QTextCursor(self.document())
        at.setPosition(min(cursor.selectionStart() + 1, max(self.document().characterCount() - 1, 0))
                       if cursor.hasSelection() else cursor.position())
        return at.charFormat().anchorHref() if at.charFormat().isAnchor() else ""

    def contextMenuEvent(self, event):  # noqa: N802
        # The menu key (or Shift+F10) opens the menu of the link the keyboard is on.
        keyboard = event.reason() == QContextMenuEvent.Reason.Keyboard
        anchor = self.anchor_at_cursor() if keyboard else self.anchorAt(event.pos())
        self.context_menu(event.pos(), anchor).exec(event.globalPos())

    def context_menu(self, pos, anchor: str):
        """The context menu at viewport position ``pos`` for the link ``anchor`` ("" if none)."""
        menu = self.createStandardContextMenu(pos)
        clicked = anchor.split(":", 1)[1] if anchor.startswith("passage:") else self.passage_at(pos)
        if clicked:
            action = menu.addAction("Copy passage with citation")
            action.triggered.connect(lambda: self.copyPassage.emit(clicked))
        elif self.citable_passage is not None:
            action = menu.addAction("Copy selected passage with citation")
            action.triggered.connect(lambda: self.copyPassage.emit(self.citable_passage))
        if anchor.startswith("place:"):
            parsed = self.parse_place(anchor.split(":", 1)[1])
            if parsed:
                place, doc, start, end = parsed
                menu.insertSeparator(menu.actions()[0] if menu.actions() else None)
                action = menu.addAction("This is not that place (add an exclude phrase)…")
                action.triggered.connect(lambda: self.notThisPlace.emit(place, doc, start, end))
        for hook in self.menu_hooks:
            hook(menu, anchor, pos)
        return menu

    def _anchor(self, url: QUrl) -> None:
        scheme, rest = url.scheme(), url.toString().split(":", 1)[-1]
        if scheme == "place":
            self.placeClicked.emit(rest.split("@", 1)[0])
        elif scheme == "passage":
            self.passageClicked.emit(rest)
        elif scheme == "more":
            self.last_more = rest
            self.moreClicked.emit()
        elif scheme in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)


class _PassageHtml:
    """:func:`passage_html` remembered for one index (held, so never
    confused with a later index at the same address) and the selection."""

    def __init__(self) -> None:
        self.index: Index | None = None
        self.cache: dict[tuple[str, frozenset[str]], str] = {}

    def __call__(self, index: Index, passage_id: str, selected: frozenset[str]) -> str:
        if index is not self.index:
            self.index, self.cache = index, {}
        key = (passage_id, selected)
        markup = self.cache.get(key)
        if markup is None:
            if len(self.cache) >= HTML_CACHE:
                self.cache.clear()
            markup = self.cache[key] = passage_html(index, passage_id, set(selected))
        return markup


class PassagesPanel(_Panel, QWidget):
    """The passages in the view that mention the selection, mentions
    highlighted: the first few for a new selection, more as the list is
    scrolled to its end (or "Show more" is chosen)."""

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.header = QLabel("Select a place to see the passages that mention it.")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)  # built from escaped text only
        self.mode = QComboBox()
        self.mode.addItem("mentioning all selected places", "all")
        self.mode.addItem("mentioning any selected place", "any")
        self.mode.setToolTip("With several places selected (Ctrl-click): co-occurrence or union")
        self.browser = LinkBrowser()
        self.browser.setToolTip("Click a passage to open it in the reader; click a name to select its place")
        # The header on a line of its own: beside the mode box it wrapped a word a line in a narrow dock.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.header)
        layout.addWidget(self.mode)
        layout.addWidget(self.browser)
        self.limit = FIRST_PAGE
        self._shown: list[str] = []
        self._key = None
        self._html = _PassageHtml()
        self._more_queued = False
        self._rendering = False
        self.mode.currentIndexChanged.connect(
            lambda _: self._report(lambda: self.session.set_mode(self.mode.currentData(), source="passages")))
        self.browser.moreClicked.connect(self.show_more)
        self.browser.passageClicked.connect(
            lambda pid: self._report(lambda: self.session.select_passage(pid, source="passages")))
        self.browser.verticalScrollBar().valueChanged.connect(self._scrolled)
        self._subscribe(session, SelectionChanged, FiltersChanged, IndexReplaced)

    def on_event(self, event) -> None:
        if isinstance(event, SelectionChanged) and event.new.places == event.old.places \
                and event.new.mode == event.old.mode:
            self.render_all(keep_limit=True)  # only the chosen passage changed
        else:
            self.render_all()

    def _scrolled(self, value: int) -> None:
        # Scrolled near the end with more to show: the next page, once this
        # scroll is handled (not while a render moves the bar).
        bar = self.browser.verticalScrollBar()
        if not self._rendering and not self._more_queued and bar.maximum() > 0 \
                and len(self._shown) < self._available() and value >= bar.maximum() - bar.pageStep() // 2:
            self._more_queued = True
            QTimer.singleShot(0, self, self._more_after_scroll)

    def _more_after_scroll(self) -> None:
        self._more_queued = False
        if len(self._shown) < self._available():
            self.show_more()

    def _available(self) -> int:
        return len(self._key[0]) if self._key else 0

    def show_more(self) -> None:
        """The next page of passages, the list kept where it was scrolled to."""
        bar = self.browser.verticalScrollBar()
        at = bar.value()
        self.limit = len(self._shown) + PAGE
        self.render_all(keep_limit=True)
        self._rendering = True
        try:
            bar.setValue(at)
        finally:
            self._rendering = False

    def render_all(self, keep_limit: bool = False) -> None:
        s = self.session
        sel = s.current
        if not keep_limit:
            self.limit = FIRST_PAGE
        self.mode.blockSignals(True)
        self.mode.setCurrentIndex(0 if sel.mode == "all" else 1)
        self.mode.blockSignals(False)
        self.mode.setEnabled(len(sel.places) > 1)
        index = s.index
        if index is None or not sel.places:
            self.header.setText("Select a place on the map or in the list to see the passages that mention it.")
            if self._key is not None or self._shown:
                self.browser.set_passages_html("")
            self._shown = []
            self._key = None
            return
        results = s.passages()
        # The results themselves (held): a new list at a freed one's address is never taken for it.
        key = (results, index, self.limit, sel.passage)
        old = self._key
        if old is not None and old[0] is results and old[1] is index and old[2:] == key[2:]:
            return
        self._key = key
        shown_names = s.names()
        names = [shown_names.get(p, p) for p in sel.places if p in index.gazetteer.by_id]
        total = results.total if hasattr(results, "total") else sum(n for _, n in results)
        joiner = " and " if sel.mode == "all" else " or "
        filters = s.describe_filters()
        self.header.setText(f"<b>{html.escape(joiner.join(names))}</b>: {len(results)} passage"
                            f"{'' if len(results) == 1 else 's'}, {total} mention{'' if total == 1 else 's'}"
                            + (f" <span style='color:#57534e'>({html.escape(filters)})</span>" if filters else ""))
        selected = frozenset(sel.places)
        parts = []
        shown = results[: self.limit]
        for passage, _ in shown:
            doc = index.corpus.by_id[passage.document]
            where = f"{html.escape(doc.title)} · ¶{passage.number}"
            if passage.page is not None:
                where += f" · p. {html.escape(doc.page_label(passage.page))}"
            if passage.section:
                where += f" · {html.escape(passage.section)}"
            style = f"background:{SOFT};" if passage.id == sel.passage else ""
            pid = html.escape(passage.id)
            parts.append(
                f'<div style="margin:0 0 10px 0;{style}"><a name="psg:{pid}"></a>'
                f'<a href="passage:{pid}" style="color:#1d4ed8;text-decoration:none;font-size:small">{where}</a>'
                f"<br>{self._html(index, passage.id, selected)}</div>"
            )
        if len(results) > len(shown):
            more = min(PAGE, len(results) - len(shown))
            parts.append(f'<p><a href="more:">Show {more} more</a> '
                         f'<span style="color:#57534e">({len(shown)} of {len(results)} shown)</span></p>')
        self._rendering = True
        try:
            self.browser.set_passages_html("".join(parts))
        finally:
            self._rendering = False
        self._shown = [p.id for p, _ in shown]
        if len(shown) < len(results) and not self._more_queued:
            self._more_queued = True  # once laid out: more if the panel is not full
            QTimer.singleShot(0, self, self._top_up)

    def _top_up(self) -> None:
        self._more_queued = False
        bar = self.browser.verticalScrollBar()
        if len(self._shown) < self._available() and bar.maximum() <= bar.pageStep() // 2:
            self.show_more()

    def shown(self) -> dict:
        return {"passages": list(self._shown), "mode": self.mode.currentData(), "limit": self.limit}


class ReaderPanel(_Panel, QWidget):
    """A whole document, every mention a link, scrolled to the chosen passage.

    The document's text is set once per document (and window of passages);
    the selected places' mentions and the chosen passage are painted over it
    (the browser's extra selections), so a click on another place or passage
    of the same document repaints, never re-lays out, the text."""

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.title = QLabel("")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)  # built from escaped text only
        self.browser = LinkBrowser()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.title)
        layout.addWidget(self.browser)
        self.document_id: str | None = None
        self._key = None  # what the text shows: (index, document, first passage of the window)
        self._painted = None  # what is painted over it: (key, places lit, chosen passage)
        self._passage = None  # the chosen passage the reader shows (and was scrolled to)
        self._empty = None  # showing no document (None: nothing drawn yet)
        self._places_of = None  # (index, (document, first), the places its window mentions)
        self._passages_of = None  # (index, document, its passages)
        self._html = _PassageHtml()
        self._first = 0  # the first passage of the window shown
        self.browser.passageClicked.connect(
            lambda pid: self._report(lambda: self.session.select_passage(pid, source="reader")))
        self.browser.moreClicked.connect(self._move_window)
        self._subscribe(session, SelectionChanged, FiltersChanged, IndexReplaced)

    def open_document(self, document_id: str) -> None:
        """Show a document (from the Documents panel) until a passage is chosen."""
        self.document_id = document_id
        self._first = 0
        self._key = None
        self.render_all()

    def _move_window(self) -> None:
        target = self.browser.last_more
        self._first = max(0, int(target)) if target.lstrip("-").isdigit() else 0
        self._key = None
        self.render_all(keep_window=True)

    def render_all(self, keep_window: bool = False) -> None:
        s = self.session
        index, sel = s.index, s.current
        if index is None:
            return
        chosen = sel.passage if sel.passage and sel.passage in index.passages else None
        if chosen:
            self.document_id = index.passages[chosen].document
        doc = index.corpus.by_id.get(self.document_id) if self.document_id else None
        if doc is None:
            self.document_id = None
            if self._empty is not True:
                self.title.setText("")
                self.browser.set_passages_html("")
                self.browser.setExtraSelections([])
            self._key = self._painted = self._passage = None
            self._empty = True
            return
        self._empty = False
        passages = self._document_passages(index, doc.id)
        if chosen and not keep_window:
            k = passages.index(index.passages[chosen]) if len(passages) > READER_WINDOW else 0
            if not self._first <= k < self._first + READER_WINDOW:
                self._first = max(0, k - READER_WINDOW // 4)
        key = (index, doc.id, self._first)
        old = self._key
        drawn = old is None or old[0] is not index or old[1:] != key[1:]
        if drawn:
            self._key = key
            self._draw(index, doc, passages)
        # The selected places count only where the window mentions them.
        lit = frozenset(sel.places) & self._window_places(index, doc.id, passages)
        self._paint(lit, chosen)
        if chosen and (drawn or chosen != self._passage) and index.passages[chosen].document == doc.id:
            self.browser.scrollToAnchor("psg:" + chosen)
        self._passage = chosen

    def _draw(self, index: Index, doc, passages) -> None:
        """The window of the document as text, every mention a link, nothing lit."""
        meta = ", ".join(x for x in (", ".join(doc.authors), str(doc.year or ""), doc.venue, Path(doc.path).name) if x)
        # The title once: not above the text when the text opens with it.
        key_title = " ".join(doc.title.split()).casefold()
        opens_with_title = any(" ".join(index.reading_text(p.id)[0].split()).casefold() == key_title
                               for p in passages[:6])
        title = "" if opens_with_title else f"<b>{html.escape(doc.title)}</b><br>"
        self.title.setText(title + f"<small style='color:#57534e'>{html.escape(meta)}</small>")
        parts = []
        page = None
        first, last = self._first, min(len(passages), self._first + READER_WINDOW)
        if first > 0:
            earlier = max(0, first - READER_WINDOW // 2)
            parts.append(f'<p><a href="more:{earlier}">◀ Earlier passages</a> '
                         f'<span style="color:#57534e">(¶{first + 1}–{last} of {len(passages)} shown)</span></p>')
        nothing = frozenset()
        for p in passages[first:last]:
            if p.page is not None and p.page != page and p.kind != "footnote":
                page = p.page
                parts.append(f'<p align="right" style="color:#a8a29e;font-size:small">— p. '
                             f"{html.escape(doc.page_label(page))} —</p>")
            body = self._html(index, p.id, nothing)
            pid = html.escape(p.id)
            if p.kind == "heading":
                parts.append(f'<h3><a name="psg:{pid}"></a>{body}</h3>')
            else:
                small = ' style="font-size:small;color:#57534e"' if p.kind == "footnote" or p.is_reference else ""
                parts.append(f'<p><a name="psg:{pid}"></a><span{small}>{body}</span></p>')
        if last < len(passages):
            parts.append(f'<p><a href="more:{last - READER_WINDOW // 4}">Later passages ▶</a> '
                         f'<span style="color:#57534e">(¶{first + 1}–{last} of {len(passages)} shown)</span></p>')
        self.browser.set_passages_html("".join(parts))
        self._painted = None

    def _paint(self, lit: frozenset[str], chosen: str | None) -> None:
        """The chosen passage tinted and the lit places' mentions highlighted,
        over the text (extra selections: the document is not touched)."""
        painted = (self._key, lit, chosen)
        if painted == self._painted:
            return
        self._painted = painted
        browser, document = self.browser, self.browser.document()
        out = []
        if chosen:
            starts, ids = browser._passage_anchors()
            if chosen in ids:
                block = document.findBlock(starts[ids.index(chosen)])
                cursor = QTextCursor(block)
                cursor.setPosition(block.position() + max(block.length() - 1, 0), QTextCursor.MoveMode.KeepAnchor)
                tint = QTextEdit.ExtraSelection()
                tint.cursor = cursor
                tint.format.setBackground(QColor(READER_PASSAGE))
                tint.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
                out.append(tint)
        if lit:
            spans = browser.place_spans()
            mark = QTextCharFormat()
            mark.setBackground(QColor(HIGHLIGHT))
            mark.setForeground(QColor("#111"))  # as in the passages panel
            for place in sorted(lit):
                for at, length in spans.get(place, ()):
                    cursor = QTextCursor(document)
                    cursor.setPosition(at)
                    cursor.setPosition(at + length, QTextCursor.MoveMode.KeepAnchor)
                    one = QTextEdit.ExtraSelection()
                    one.cursor = cursor
                    one.format = mark
                    out.append(one)
        browser.setExtraSelections(out)

    def lit(self) -> dict[str, list[str]]:
        """The text of each highlighted mention, by place (what the reader paints)."""
        if not self._painted:
            return {}
        spans = self.browser.place_spans()
        plain = self.browser.document().toPlainText()
        return {place: [plain[a:a + n] for a, n in spans.get(place, ())] for place in sorted(self._painted[1])}

    def _document_passages(self, index: Index, doc_id: str) -> list:
        """The document's passages, made once per index and document (each
        ``document_passages`` lookup builds them anew: 145 objects a click)."""
        held = self._passages_of
        if held is None or held[0] is not index or held[1] != doc_id:
            held = self._passages_of = (index, doc_id, index.document_passages.get(doc_id, []))
        return held[2]

    def _window_places(self, index: Index, doc_id: str, passages) -> frozenset[str]:
        """The places mentioned in the passages of the window shown."""
        key = (doc_id, self._first)
        held = self._places_of
        if held is None or held[0] is not index or held[1] != key:
            ids = set()
            for p in passages[self._first:self._first + READER_WINDOW]:
                ids.update(target.partition("@")[0] for _, _, target in index.reading_text(p.id)[1])
            held = self._places_of = (index, key, frozenset(ids))
        return held[2]

    def shown(self) -> dict:
        index = self.session.index
        passages = self._document_passages(index, self.document_id) if index is not None and self.document_id else []
        window = [p.id for p in passages[self._first:self._first + READER_WINDOW]]
        return {"document": self.document_id, "passage": self._passage, "window": window}


# ---------------------------------------------------------------------------
# Documents and problems

_CHECKED, _UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked
_CHECK = int(Qt.ItemDataRole.CheckStateRole)
_USER = int(Qt.ItemDataRole.UserRole)


class DocumentsModel(QAbstractListModel):
    """The corpus's documents, one row each, with the view's document filter as
    their ticks. Rows are drawn from the index's document list on demand (no
    item object per document), so a corpus of ten thousand files costs one
    reset, not ten thousand widgets; tooltips are made when asked for."""

    toggled = Signal()
    """A tick changed by the user (``setData``), not by ``set_shown``."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.documents: list = []
        self._shown: set[str] | None = None  # None: every document ticked

    def set_documents(self, documents, shown) -> None:
        self.beginResetModel()
        self.documents = list(documents)
        self._shown = None if shown is None else set(shown)
        self.endResetModel()

    def set_shown(self, shown) -> None:
        """Ticks from the view; only rows whose tick changes are repainted."""
        shown = None if shown is None else set(shown)
        if shown == self._shown:
            return
        old, self._shown = self._shown, shown
        changed = [r for r, d in enumerate(self.documents)
                   if (old is None or d.id in old) != (shown is None or d.id in shown)]
        if changed:
            self.dataChanged.emit(self.index(changed[0]), self.index(changed[-1]), [_CHECK])

    def is_checked(self, row: int) -> bool:
        return self._shown is None or self.documents[row].id in self._shown

    def checked(self) -> list[str]:
        return [d.id for d in self.documents if self._shown is None or d.id in self._shown]

    def rowCount(self, parent=_ROOT):
        return 0 if parent.isValid() else len(self.documents)

    def flags(self, index):
        return super().flags(index) | Qt.ItemFlag.ItemIsUserCheckable

    def data(self, index, role=_DISPLAY):
        if not index.isValid() or index.row() >= len(self.documents):
            return None
        d = self.documents[index.row()]
        role = int(role)
        if role == _DISPLAY:
            return d.title + (f" ({d.year})" if d.year else "")
        if role == _CHECK:
            return _CHECKED if self.is_checked(index.row()) else _UNCHECKED
        if role == _USER:
            return d.id
        if role == _TOOLTIP:
            tip = [d.title, ", ".join(d.authors), str(d.year or ""), d.venue, ", ".join(d.languages),
                   os.path.basename(d.path)]
            return plain_tooltip("\n".join(x for x in tip if x))
        return None

    def setData(self, index, value, role=_CHECK):
        if int(role) != _CHECK or not index.isValid():
            return False
        did = self.documents[index.row()].id
        ticked = Qt.CheckState(value) == _CHECKED if not isinstance(value, bool) else value
        if ticked == self.is_checked(index.row()):
            return True
        every = {d.id for d in self.documents}
        shown = set(every) if self._shown is None else set(self._shown)
        (shown.add if ticked else shown.discard)(did)
        self._shown = None if shown == every else shown
        self.dataChanged.emit(index, index, [_CHECK])
        self.toggled.emit()
        return True


class DocumentsPanel(_Panel, QListView):
    """Corpus documents with metadata; the ticks are the view's document filter."""

    DEFER = True
    opened = Signal(str)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.model = DocumentsModel(self)
        self.setModel(self.model)
        self.setUniformItemSizes(True)  # one row height for every row: no per-row measuring
        self.model.toggled.connect(self._changed)
        self.activated.connect(lambda index: self.opened.emit(self.model.data(index, _USER)))
        self._subscribe(session, FiltersChanged, IndexReplaced)

    def render_all(self) -> None:
        s = self.session
        if s.index is None:
            return
        docs = s.index.corpus.documents
        if [d.id for d in docs] != [d.id for d in self.model.documents]:
            self.model.set_documents(docs, s.filters.documents)
        else:
            self.model.set_shown(s.filters.documents)

    # The list as a test or the consistency check reads it (row order = the corpus's).

    def count(self) -> int:
        return self.model.rowCount()

    def doc_id(self, row: int) -> str:
        return self.model.documents[row].id

    def tooltip(self, row: int) -> str:
        return self.model.data(self.model.index(row), _TOOLTIP)

    def set_checked(self, row: int, checked: bool) -> None:
        """Tick or untick a row as a user's click would."""
        self.model.setData(self.model.index(row), _CHECKED if checked else _UNCHECKED, _CHECK)

    def checked(self) -> list[str]:
        return self.model.checked()

    def shown(self) -> dict:
        return {"documents": [d.id for d in self.model.documents], "checked": self.checked()}

    def _changed(self) -> None:
        if self.session.index is None:
            return
        checked = self.checked()
        every = len(checked) == len(self.session.index.corpus.documents)
        self._report(lambda: self.session.set_filters(documents=None if every else tuple(checked)))


def editor_command(editor: str, path: str | Path, line: int) -> list[str]:
    """The command opening ``path`` at ``line`` in ``editor`` (``$VISUAL``/
    ``$EDITOR``, split like a shell would): the path is absolute and comes
    after ``--``, so no file name can be read as an option or a command
    (``+:!cmd`` for vim, ``-e`` for others)."""
    return [*shlex.split(editor), f"+{max(int(line), 1)}", "--", str(Path(path).absolute())]


class ProblemsPanel(QListWidget):
    """Problems in the gazetteer/corpus as file:line: message; double-click
    opens the file at that line in the user's editor where possible, and
    says so when it cannot."""

    openFailed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.itemActivated.connect(self._open)
        QShortcut(QKeySequence("Return"), self, activated=lambda: self.currentItem() and self._open(self.currentItem()))
        self.popen = subprocess.Popen
        self.open_url = QDesktopServices.openUrl

    def set_issues(self, issues: list[Issue]) -> None:
        self.clear()
        for issue in issues:
            item = QListWidgetItem(str(issue))
            item.setData(Qt.ItemDataRole.UserRole, (issue.path, issue.line))
            item.setForeground(Qt.GlobalColor.red if issue.is_error else Qt.GlobalColor.darkYellow)
            item.setToolTip(plain_tooltip(str(issue)))
            self.addItem(item)

    def _open(self, item) -> None:
        path, line = item.data(Qt.ItemDataRole.UserRole)
        path = str(Path(path).absolute())
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if editor:
            try:
                self.popen(editor_command(editor, path, line))
                return
            except (OSError, ValueError) as exc:
                self.openFailed.emit(f"Could not start the editor {editor!r} ({exc}). "
                                     f"The problem is at {path}:{line}.")
                return
        if not Path(path).exists():
            self.openFailed.emit(f"{path} does not exist (any more).")
        elif not self.open_url(QUrl.fromLocalFile(path)):
            self.openFailed.emit(f"No editor is set and no application opens {Path(path).name}. Set $VISUAL or "
                                 f"$EDITOR (e.g. export EDITOR=nano) to open files at the line. "
                                 f"The problem is at {path}:{line}.")


# ---------------------------------------------------------------------------
# Search

class SearchPanel(_Panel, QWidget):
    """Ctrl+F: places by any name or alias, and passages by full text, in
    the current view; passage hits show their snippet with the words found."""

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.edit = QLineEdit(placeholderText="Search places and passages…  (\"phrase\", prefix*)")
        self.edit.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setItemDelegate(HtmlDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.status = QLabel("")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.edit)
        layout.addWidget(self.status)
        layout.addWidget(self.results)
        self.passage_search = None
        self._search_index = None
        self.edit.textChanged.connect(self._run)
        self.edit.returnPressed.connect(self._activate_first)
        self.results.itemActivated.connect(self._choose)
        self.results.itemClicked.connect(self._choose)
        self._subscribe(session, FiltersChanged, IndexReplaced)

    def set_search(self, index, passage_search) -> None:
        """The full-text index for ``index`` (prepared in the background)."""
        self._search_index, self.passage_search = index, passage_search
        self._run(self.edit.text())

    def render_all(self) -> None:
        self._run(self.edit.text())

    def _run(self, text: str) -> None:
        from ..search import find_places

        self.results.clear()
        s = self.session
        index = s.index
        if not text.strip() or index is None:
            self.status.setText("")
            return
        view = s.view_rows()
        places = [(p, m) for p, m in find_places(index.gazetteer, text, limit=40) if view.shows_place(p.id)][:15]
        search = self.passage_search if self._search_index is index else None
        hits = [h for h in (search.search(text, limit=200) if search else []) if view.shows_passage(h.passage)][:60]
        for place, matched in places:
            label = place.name + (f"  — “{matched}”" if matched != place.name else "") + f"  ({place.kind})"
            item = QListWidgetItem(kind_icon(place.kind), label)
            item.setToolTip(plain_tooltip(f"{place.name} ({place.kind})" +
                                          (f"\nAlso: {', '.join(place.aliases)}" if place.aliases else "")))
            item.setData(Qt.ItemDataRole.UserRole, ("place", place.id))
            self.results.addItem(item)
        for hit in hits:
            doc = index.corpus.by_id[hit.document]
            passage = index.passages[hit.passage]
            where = f"{doc.title[:70]} · ¶{passage.number}" + (f" · {passage.section[:40]}" if passage.section else "")
            item = QListWidgetItem(f"{hit.snippet}\n{where}")
            item.setData(HTML_ROLE, highlighted_html(hit.snippet, hit.spans)
                         + f"<br><small style='color:#57534e'>{html.escape(where)}</small>")
            item.setToolTip(plain_tooltip(f"{doc.title}\n¶{passage.number}"))
            item.setData(Qt.ItemDataRole.UserRole, ("passage", hit.passage))
            self.results.addItem(item)
        pending = "" if search else " (full-text search is being prepared…)"
        self.status.setText(f"{len(places)} place(s), {len(hits)} passage(s){pending}")

    def shown(self) -> dict:
        return {"results": [self.results.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.results.count())]}

    def _activate_first(self) -> None:
        if self.results.count():
            self.results.setCurrentRow(0)
            self._choose(self.results.item(0))

    def _choose(self, item) -> None:
        kind, key = item.data(Qt.ItemDataRole.UserRole)
        s = self.session
        if kind == "place":
            self._report(lambda: s.select_places([key], source="search"))
        elif s.index is not None and key in s.index.passages:
            # The passage with its places selected, so they light up everywhere.
            places = list(s.view_rows().places_in(key))
            def choose():
                if places:
                    s.select_places(places, source="search")
                s.select_passage(key, source="search")
            self._report(choose)

    def focus(self) -> None:
        self.edit.setFocus()
        self.edit.selectAll()


def no_squash(label: QLabel) -> QLabel:
    """A label whose long text wraps instead of widening (and squashing) its form."""
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


__all__ = ["PlacesPanel", "PassagesPanel", "ReaderPanel", "DocumentsPanel", "ProblemsPanel", "SearchPanel",
           "LinkBrowser", "passage_html", "editor_command", "no_squash", "plain_label"]
