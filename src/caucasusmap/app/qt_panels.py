"""The list and text views: places, passages, reader, documents, problems.

Each panel renders from the index and the shared selection and reports user
actions as signals; none of them knows about the others. Text from the corpus
and gazetteer is HTML-escaped before it reaches a rich-text widget.
"""

from __future__ import annotations

import html
import os
import shlex
import subprocess
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..corpus import display_span, display_text
from ..errors import Issue
from ..index import Index
from ..normalize import fold_phrase
from ..selection import Selection

HIGHLIGHT = "#fde68a"
SOFT = "#eef2ff"
READER_PASSAGE = "#fff7d6"  # QTextBrowser ignores alpha, so a solid pale tint
MAX_PASSAGES = 50
"""Passages rendered at once in the passages panel (the rest on request)."""


_READING: dict[tuple[int, str], tuple[str, list[tuple[int, int, str]]]] = {}


def reading_text(index: Index, passage_id: str) -> tuple[str, list[tuple[int, int, str]]]:
    """A passage's reading text and its mention spans (cached per index)."""
    key = (id(index), passage_id)
    cached = _READING.get(key)
    if cached is None:
        if len(_READING) > 50_000:
            _READING.clear()
        p = index.passages[passage_id]
        doc = index.corpus.by_id[p.document]
        text, origin = display_text(doc.text, p.start, p.end)
        spans = []
        for m in index.mentions_in(passage_id):
            a, b = display_span(origin, m.start, m.end)
            if b > a:
                spans.append((a, b, f"{m.place}@{m.document}:{m.start}:{m.end}"))
        cached = _READING[key] = (text, sorted(spans))
    return cached


def passage_html(index: Index, passage_id: str, selected: set[str], *, link_places: bool = True) -> str:
    """A passage's reading text as HTML: mentions of ``selected`` places
    highlighted, other mentions as ``place:ID`` links."""
    text, spans = reading_text(index, passage_id)
    out, pos = [], 0
    for a, b, target in spans:  # target: "place@document:start:end"
        if a < pos:
            continue
        place = target.split("@", 1)[0]
        out.append(html.escape(text[pos:a]))
        surface = html.escape(text[a:b])
        if place in selected:
            out.append(f'<a href="place:{html.escape(target)}" style="background:{HIGHLIGHT};color:#111;'
                       f'text-decoration:none"><b>{surface}</b></a>')
        elif link_places:
            out.append(f'<a href="place:{html.escape(target)}" style="color:#1d4ed8">{surface}</a>')
        else:
            out.append(surface)
        pos = b
    out.append(html.escape(text[pos:]))
    return "".join(out)


# ---------------------------------------------------------------------------
# Places

class PlacesModel(QAbstractTableModel):
    HEADERS = ("Place", "Kind", "Mentions", "Docs", "km")
    SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1
    ID_ROLE = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent=None):
        super().__init__(parent)
        self.places = []
        self.mentions = []
        self.docs = []
        self.search = []
        self.shown = []

    def set_data(self, places, mentions, docs, names: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self.places = list(places)
        self.shown = [(names or {}).get(p.id, p.name) for p in self.places]  # the naming's display names
        self.mentions = [int(x) for x in mentions]
        self.docs = [int(x) for x in docs]
        self.search = [" ".join(fold_phrase(n) for n in (p.id, *p.names)) for p in self.places]
        self.km = [None] * len(self.places)
        self.endResetModel()

    def set_distances(self, km: list[float | None]) -> None:
        """Distances to the selected place (None: no single place selected)."""
        self.km = km
        if self.places:
            self.dataChanged.emit(self.index(0, 4), self.index(len(self.places) - 1, 4))

    def rowCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self.places)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802
        return 5

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        p = self.places[r]
        km = self.km[r] if r < len(self.km) else None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.shown[r], p.kind, self.mentions[r], self.docs[r], "" if km is None else f"{km:,.0f}")[c]
        if role == Qt.ItemDataRole.UserRole:  # sort key
            far = float("inf") if km is None else km
            return (self.shown[r].casefold(), p.kind, self.mentions[r], self.docs[r], far)[c]
        if role == self.SEARCH_ROLE:
            return self.search[r]
        if role == self.ID_ROLE:
            return p.id
        if role == Qt.ItemDataRole.ToolTipRole:
            aliases = ", ".join(p.aliases)
            return (f"{p.name} ({p.kind})" + (f"\nAlso: {aliases}" if aliases else "")
                    + (f"\n{p.note}" if p.note else ""))
        if role == Qt.ItemDataRole.ToolTipRole and c == 4 and km is not None:
            return f"{km:.1f} km from the selected place (great-circle)"
        if role == Qt.ItemDataRole.TextAlignmentRole and c >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class PlacesFilter(QSortFilterProxyModel):
    """Filter by name or any alias, case and diacritics ignored."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.query = ""
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def set_query(self, text: str) -> None:
        self.query = fold_phrase(text)
        self.invalidateFilter()

    def filterAcceptsRow(self, row, parent):  # noqa: N802
        if not self.query:
            return True
        model = self.sourceModel()
        return self.query in model.data(model.index(row, 0, parent), PlacesModel.SEARCH_ROLE)


class PlacesPanel(QWidget):
    """Filterable, sortable place list. ``picked(ids, how)`` on user choice."""

    picked = Signal(list, str)

    def __init__(self, parent=None):
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
        for c, width in ((1, 96), (2, 72), (3, 44), (4, 52)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(c, width)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setWordWrap(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table)
        self.filter_edit.textChanged.connect(self.proxy.set_query)
        self.filter_edit.returnPressed.connect(self._activate_first)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._updating = False

    def _ids(self) -> list[str]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.proxy.data(self.proxy.index(r, 0), PlacesModel.ID_ROLE) for r in rows]

    def _selection_changed(self, *args) -> None:
        if not self._updating:
            self.picked.emit(self._ids(), "replace")

    def _activate_first(self) -> None:
        if self.proxy.rowCount():
            self.table.selectRow(0)
            self.table.setFocus()

    def show_selection(self, ids: tuple[str, ...]) -> None:
        """Reflect the shared selection without echoing it back."""
        self._updating = True
        try:
            sm = self.table.selectionModel()
            sm.clearSelection()
            from PySide6.QtCore import QItemSelection, QItemSelectionModel

            sel = QItemSelection()
            first = None
            for r in range(self.proxy.rowCount()):
                idx = self.proxy.index(r, 0)
                if self.proxy.data(idx, PlacesModel.ID_ROLE) in ids:
                    sel.select(idx, self.proxy.index(r, 3))
                    first = first or idx
            sm.select(sel, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
            if first is not None:
                self.table.scrollTo(first)
        finally:
            self._updating = False


# ---------------------------------------------------------------------------
# Passages and reader

class LinkBrowser(QTextBrowser):
    """A text browser whose place:/passage: links become signals and whose
    web links open in the system browser."""

    placeClicked = Signal(str)
    passageClicked = Signal(str)
    moreClicked = Signal()
    notThisPlace = Signal(str, str, int, int)  # place, document, start, end
    copyPassage = Signal(str)  # passage id: copy its text with a citation

    def __init__(self, parent=None):
        super().__init__(parent)
        self.citable_passage: str | None = None  # the selected passage, offered in the context menu
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._anchor)

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

    def contextMenuEvent(self, event):  # noqa: N802
        menu = self.createStandardContextMenu(event.pos())
        anchor = self.anchorAt(event.pos())
        if anchor.startswith("passage:"):
            passage_id = anchor.split(":", 1)[1]
            action = menu.addAction("Copy passage with citation")
            action.triggered.connect(lambda: self.copyPassage.emit(passage_id))
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
        menu.exec(event.globalPos())

    def _anchor(self, url: QUrl) -> None:
        scheme, rest = url.scheme(), url.toString().split(":", 1)[-1]
        if scheme == "place":
            self.placeClicked.emit(rest.split("@", 1)[0])
        elif scheme == "passage":
            self.passageClicked.emit(rest)
        elif scheme == "more":
            self.moreClicked.emit()
        elif scheme in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)


class PassagesPanel(QWidget):
    """Passages mentioning the selection, mentions highlighted."""

    modeChanged = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.header = QLabel("Select a place to see the passages that mention it.")
        self.header.setWordWrap(True)
        self.mode = QComboBox()
        self.mode.addItem("mentioning all selected places", "all")
        self.mode.addItem("mentioning any selected place", "any")
        self.mode.setToolTip("With several places selected (Ctrl-click): co-occurrence or union")
        self.browser = LinkBrowser()
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.mode)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.browser)
        self.mode.currentIndexChanged.connect(lambda _: self.modeChanged.emit(self.mode.currentData()))
        self.browser.moreClicked.connect(lambda: self._render(limit=None))
        self._last = None

    def show_selection(self, index: Index | None, sel: Selection, include_references: bool) -> None:
        self._last = (index, sel, include_references)
        self.mode.blockSignals(True)
        self.mode.setCurrentIndex(0 if sel.mode == "all" else 1)
        self.mode.blockSignals(False)
        self.mode.setEnabled(len(sel.places) > 1)
        self._render(limit=MAX_PASSAGES)

    def _render(self, limit: int | None) -> None:
        if not self._last:
            return
        index, sel, include_references = self._last
        if index is None or not sel.places:
            self.header.setText("Select a place on the map or in the list to see the passages that mention it.")
            self.browser.setHtml("")
            return
        names = [index.gazetteer.by_id[p].name for p in sel.places if p in index.gazetteer.by_id]
        results = index.passages_for(list(sel.places), mode=sel.mode, include_references=include_references)
        total = sum(n for _, n in results)
        joiner = " and " if sel.mode == "all" else " or "
        self.header.setText(f"<b>{html.escape(joiner.join(names))}</b>: {len(results)} passage"
                            f"{'' if len(results) == 1 else 's'}, {total} mention{'' if total == 1 else 's'}")
        selected = set(sel.places)
        parts = []
        shown = results if limit is None else results[:limit]
        for passage, _ in shown:
            doc = index.corpus.by_id[passage.document]
            where = f"{html.escape(doc.title)} · ¶{passage.number}"
            if passage.page is not None:
                where += f" · p. {html.escape(doc.page_label(passage.page))}"
            if passage.section:
                where += f" · {html.escape(passage.section)}"
            style = f"background:{SOFT};" if passage.id == sel.passage else ""
            parts.append(
                f'<div style="margin:0 0 10px 0;{style}"><a href="passage:{html.escape(passage.id)}" '
                f'style="color:#57534e;text-decoration:none;font-size:small">{where}</a><br>'
                f"{passage_html(index, passage.id, selected)}</div>"
            )
        if limit is not None and len(results) > limit:
            parts.append(f'<p><a href="more:">Show all {len(results)} passages</a></p>')
        self.browser.setHtml("".join(parts))


class ReaderPanel(QWidget):
    """A whole document, every mention a link, scrolled to the passage."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel("Reader")
        self.title.setWordWrap(True)
        self.browser = LinkBrowser()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.title)
        layout.addWidget(self.browser)
        self.document_id: str | None = None
        self._key = None

    def show_document(self, index: Index, document_id: str, sel: Selection) -> None:
        doc = index.corpus.by_id.get(document_id)
        if doc is None:
            return
        key = (id(index), document_id, sel.places, sel.passage)
        if key == self._key:
            return
        self._key = key
        self.document_id = document_id
        meta = ", ".join(x for x in (", ".join(doc.authors), str(doc.year or ""), doc.venue) if x)
        self.title.setText(f"<b>{html.escape(doc.title)}</b>"
                           + (f"<br><small>{html.escape(meta)}</small>" if meta else ""))
        selected = set(sel.places)
        parts = []
        page = None
        for p in index.document_passages.get(document_id, []):
            if p.page is not None and p.page != page and p.kind != "footnote":
                page = p.page
                parts.append(f'<p align="right" style="color:#a8a29e;font-size:small">— p. '
                             f"{html.escape(doc.page_label(page))} —</p>")
            body = passage_html(index, p.id, selected)
            style = f' style="background:{READER_PASSAGE}"' if p.id == sel.passage else ""
            if p.kind == "heading":
                parts.append(f'<a name="{html.escape(p.id)}"></a><h3>{body}</h3>')
            else:
                small = ' style="font-size:small;color:#57534e"' if p.kind == "footnote" or p.is_reference else ""
                parts.append(f'<a name="{html.escape(p.id)}"></a><p{style}><span{small}>{body}</span></p>')
        self.browser.setHtml("".join(parts))
        if sel.passage and index.passages.get(sel.passage) and index.passages[sel.passage].document == document_id:
            self.browser.scrollToAnchor(sel.passage)


# ---------------------------------------------------------------------------
# Documents and problems

class DocumentsPanel(QListWidget):
    """Corpus documents with metadata; the checkboxes filter the view."""

    filterChanged = Signal(list)
    opened = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.itemChanged.connect(self._changed)
        self.itemActivated.connect(lambda item: self.opened.emit(item.data(Qt.ItemDataRole.UserRole)))
        self._filling = False

    def set_documents(self, index: Index, shown: set[str] | None) -> None:
        self._filling = True
        self.clear()
        for d in index.corpus.documents:
            label = d.title + (f" ({d.year})" if d.year else "")
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, d.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if shown is None or d.id in shown else Qt.CheckState.Unchecked)
            tip = [d.title, ", ".join(d.authors), str(d.year or ""), d.venue, ", ".join(d.languages), Path(d.path).name]
            item.setToolTip("\n".join(x for x in tip if x))
            self.addItem(item)
        self._filling = False

    def _changed(self, _item) -> None:
        if not self._filling:
            checked = [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                       if self.item(i).checkState() == Qt.CheckState.Checked]
            self.filterChanged.emit(checked)


class ProblemsPanel(QListWidget):
    """Problems in the gazetteer/corpus as file:line: message; double-click
    opens the file at that line in the user's editor where possible."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.itemActivated.connect(self._open)
        QShortcut(QKeySequence("Return"), self, activated=lambda: self.currentItem() and self._open(self.currentItem()))

    def set_issues(self, issues: list[Issue]) -> None:
        self.clear()
        for issue in issues:
            item = QListWidgetItem(str(issue))
            item.setData(Qt.ItemDataRole.UserRole, (issue.path, issue.line))
            item.setForeground(Qt.GlobalColor.red if issue.is_error else Qt.GlobalColor.darkYellow)
            self.addItem(item)

    def _open(self, item) -> None:
        path, line = item.data(Qt.ItemDataRole.UserRole)
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if editor:
            try:
                subprocess.Popen([*shlex.split(editor), f"+{max(line, 1)}", path])
                return
            except OSError:
                pass
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))


# ---------------------------------------------------------------------------
# Search

class SearchPanel(QWidget):
    """Ctrl+F: places by any name or alias, and passages by full text."""

    placeChosen = Signal(str)
    passageChosen = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.edit = QLineEdit(placeholderText="Search places and passages…  (\"phrase\", prefix*)")
        self.edit.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.status = QLabel("")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.edit)
        layout.addWidget(self.status)
        layout.addWidget(self.results)
        self.index = None
        self.passage_search = None
        self.edit.textChanged.connect(self._run)
        self.edit.returnPressed.connect(self._activate_first)
        self.results.itemActivated.connect(self._choose)
        self.results.itemClicked.connect(self._choose)

    def set_sources(self, index, passage_search) -> None:
        self.index, self.passage_search = index, passage_search
        self._run(self.edit.text())

    def _run(self, text: str) -> None:
        from ..search import find_places

        self.results.clear()
        if not text.strip() or self.index is None:
            self.status.setText("")
            return
        places = find_places(self.index.gazetteer, text, limit=15)
        hits = self.passage_search.search(text, limit=60) if self.passage_search else []
        for place, matched in places:
            label = place.name + (f"  — “{matched}”" if matched != place.name else "") + f"  ({place.kind})"
            item = QListWidgetItem("📍 " + label)
            item.setData(Qt.ItemDataRole.UserRole, ("place", place.id))
            self.results.addItem(item)
        for hit in hits:
            doc = self.index.corpus.by_id[hit.document]
            item = QListWidgetItem(f"¶ {doc.title[:60]} — {hit.snippet}")
            item.setToolTip(hit.snippet)
            item.setData(Qt.ItemDataRole.UserRole, ("passage", hit.passage))
            self.results.addItem(item)
        self.status.setText(f"{len(places)} place(s), {len(hits)} passage(s)")

    def _activate_first(self) -> None:
        if self.results.count():
            self.results.setCurrentRow(0)
            self._choose(self.results.item(0))

    def _choose(self, item) -> None:
        kind, key = item.data(Qt.ItemDataRole.UserRole)
        (self.placeChosen if kind == "place" else self.passageChosen).emit(key)

    def focus(self) -> None:
        self.edit.setFocus()
        self.edit.selectAll()
