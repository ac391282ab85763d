"""The main window: one shared selection, many views.

The window owns the index and a :class:`~caucasusmap.selection.SelectionState`.
Every view writes user actions to the state and re-renders when it changes;
views never call each other. Linking runs in a background thread with
progress and cancel; the gazetteer file and corpus folder are watched, and a
broken gazetteer leaves the last good one in use with its problems listed.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCursor, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
)

from .. import __version__
from ..candidates import add_to_ignore, find_candidates, ignore_path, read_ignore
from ..citation import cite_passage
from ..corpus import document_suffixes
from ..errors import CaucasusmapError, GazetteerError
from ..gazetteer import SUFFIXES as GAZETTEER_SUFFIXES
from ..gazwriter import (
    ConflictError,
    EditError,
    GazetteerFile,
    add_to_list,
    open_gazetteer,
    remove_from_list,
    set_field,
)
from ..index import Index, open_index
from ..maps import MapView, great_circle_km, render_map
from ..naming import DEFAULT_NAMING, NAMINGS, TEXT, display_names
from ..search import PassageSearch
from ..selection import Selection, SelectionState
from .qt_map import MapWidget, register_scheme
from .qt_panels import (
    DocumentsPanel,
    PassagesPanel,
    PlacesPanel,
    ProblemsPanel,
    ReaderPanel,
    SearchPanel,
    reading_text,
)
from .qt_workbench import CandidatesPanel, PlaceDialog

log = logging.getLogger("caucasusmap.app")

WARM_PASSAGES = 20_000
"""Up to this many passages, their reading text is prepared while loading."""


class Cancelled(Exception):
    pass


@dataclass(frozen=True)
class LoadResult:
    """What a background load produced. Sent as one object: PySide6 can
    corrupt the refcount of a bare None sent through a cross-thread
    Signal(object), which crashes the interpreter."""

    index: Index | None = None
    search: PassageSearch | None = None
    candidates: tuple = ()
    error: Exception | None = None


class Loader(QObject):
    """Links in a background thread; results come back as queued signals."""

    progress = Signal(int, int)
    finished = Signal(object)   # a LoadResult: the index (or the error)
    extras = Signal(object)     # a LoadResult: then its search index and unlinked names

    def __init__(self, parent=None):
        super().__init__(parent)
        self._cancel = threading.Event()
        self.busy = False

    def start(self, gazetteer: Path, corpus: Path) -> None:
        self._cancel.clear()
        self.busy = True

        def emit(signal, *args) -> None:
            try:
                signal.emit(*args)
            except RuntimeError:  # the window was closed meanwhile: nobody to tell
                self._cancel.set()

        def report(done, total):
            if self._cancel.is_set():
                raise Cancelled
            emit(self.progress, done, total)

        def work():
            try:
                index = open_index(gazetteer, corpus, progress=report)
            except (CaucasusmapError, Cancelled) as exc:
                emit(self.finished, LoadResult(error=exc))
                return
            except Exception as exc:  # a bug: report it, never kill the window
                log.exception("linking failed")
                emit(self.finished, LoadResult(error=exc))
                return
            emit(self.finished, LoadResult(index))

        threading.Thread(target=work, name="caucasusmap-linker", daemon=True).start()

    def prepare_extras(self, index: Index, gazetteer: Path) -> None:
        """What only some panels need — the search index, the unlinked names,
        the reading text of passages (fast clicks) — in the background. The
        window starts this once its map is drawn, so it does not compete with
        the first paint."""

        def work():
            try:
                search = PassageSearch(index)
                candidates = find_candidates(index, read_ignore(ignore_path(gazetteer)), limit=100)
                if len(index.passage_list) <= WARM_PASSAGES:
                    for passage in index.passage_list:
                        reading_text(index, passage.id)
                result = LoadResult(index, search, tuple(candidates))
            except Exception as exc:  # the main views work without these
                log.exception("preparing search and unlinked names failed")
                result = LoadResult(index, error=exc)
            try:
                self.extras.emit(result)
            except RuntimeError:
                pass  # the window was closed meanwhile

        threading.Thread(target=work, name="caucasusmap-extras", daemon=True).start()

    def cancel(self) -> None:
        self._cancel.set()


class MainWindow(QMainWindow):
    """Places, map, passages, reader, documents and problems over one selection."""

    indexChanged = Signal()

    def __init__(self, gazetteer: Path, corpus: Path, settings: QSettings | None = None):
        super().__init__()
        self.settings = settings or QSettings("caucasusmap", "caucasusmap")
        self.gazetteer_path, self.corpus_path = Path(gazetteer), Path(corpus)
        self.index: Index | None = None
        self.state = SelectionState()
        self.shown_documents: set[str] | None = None
        self.place_filter: tuple[str, ...] | None = None  # "near/inside" view filter
        self.place_filter_label = ""
        self.hide_references = False
        self.time_range: tuple | None = None  # set by the map's time control
        saved = self.settings.value("view/naming", DEFAULT_NAMING)
        self.naming = saved if saved in NAMINGS else DEFAULT_NAMING
        self.setWindowTitle("caucasusmap")
        self._build_views()
        self._build_menus()
        self._build_status()
        self.loader = Loader(self)
        self.loader.progress.connect(self._on_progress)
        self.loader.finished.connect(self._on_loaded)
        self.loader.extras.connect(self._on_extras)
        self.extras_ready = False
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._schedule_reload)
        self.watcher.directoryChanged.connect(self._schedule_reload)
        self.reload_timer = QTimer(self, singleShot=True, interval=300)
        self.reload_timer.timeout.connect(self.reload)
        self.state.subscribe(self._on_selection)
        self._restore_settings()
        self.reload()

    # -- construction ---------------------------------------------------------
    def _dock(self, title: str, widget, area, name: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_views(self) -> None:
        self.map = MapWidget(self)
        self.setCentralWidget(self.map)
        self.places = PlacesPanel()
        self.passages = PassagesPanel()
        self.reader = ReaderPanel()
        self.documents = DocumentsPanel()
        self.problems = ProblemsPanel()
        self.search = SearchPanel()
        L, R, B = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea, \
            Qt.DockWidgetArea.BottomDockWidgetArea
        self.places_dock = self._dock("Places", self.places, L, "places")
        self.documents_dock = self._dock("Documents", self.documents, L, "documents")
        self.passages_dock = self._dock("Passages", self.passages, R, "passages")
        self.reader_dock = self._dock("Reader", self.reader, R, "reader")
        self.problems_dock = self._dock("Problems", self.problems, B, "problems")
        self.search_dock = self._dock("Search", self.search, L, "search")
        self.candidates = CandidatesPanel()
        self.candidates_dock = self._dock("Unlinked names", self.candidates, L, "candidates")
        self.tabifyDockWidget(self.documents_dock, self.candidates_dock)
        self.tabifyDockWidget(self.documents_dock, self.search_dock)
        self.documents_dock.raise_()
        self.splitDockWidget(self.places_dock, self.documents_dock, Qt.Orientation.Vertical)
        self.splitDockWidget(self.passages_dock, self.reader_dock, Qt.Orientation.Vertical)
        self.problems_dock.hide()
        self.resizeDocks([self.places_dock, self.passages_dock], [380, 440], Qt.Orientation.Horizontal)
        # Every user action goes to the state, and only there.
        self.places.picked.connect(lambda ids, how: self.state.select_places(ids, how, source="list"))
        self.map.placesClicked.connect(lambda ids: self.state.select_places(ids, "replace", source="map"))
        for browser in (self.passages.browser, self.reader.browser):
            browser.placeClicked.connect(self._place_link)
            browser.passageClicked.connect(lambda pid: self.state.select_passage(pid, source="passages"))
        self.passages.modeChanged.connect(lambda mode: self.state.set_mode(mode, source="passages"))
        self.documents.filterChanged.connect(self._documents_filtered)
        self.documents.opened.connect(self._open_document)
        self.map.ready.connect(self._map_ready)
        self.map.placeMoved.connect(self._place_moved)
        self.map.contextMenuAt.connect(self._map_context_menu)
        self.map.clickedAt.connect(self._map_clicked)
        self.map.timeRangeChanged.connect(self._time_range_changed)
        for browser in (self.passages.browser, self.reader.browser):
            browser.notThisPlace.connect(self.exclude_mention)
            browser.copyPassage.connect(self.copy_passage)
        self.candidates.addRequested.connect(lambda name: self.open_place_dialog({"name": name}))
        self.candidates.ignoreRequested.connect(self.mark_not_a_place)
        self.candidates.showPassages.connect(
            lambda ids: ids and self.state.select_passage(ids[0], source="candidates"))
        self.search.placeChosen.connect(lambda pid: self.state.select_places([pid], source="search"))
        self.search.passageChosen.connect(self._passage_chosen)

    def _passage_chosen(self, passage_id: str) -> None:
        # Show the passage with its places selected, so they light up everywhere.
        places = list(self.index.places_in(passage_id)) if self.index else []
        if places:
            self.state.select_places(places, source="search")
        self.state.select_passage(passage_id, source="search")

    def _place_link(self, place_id: str) -> None:
        how = "toggle" if QApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier else "replace"
        self.state.select_places([place_id], how, source="text")

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        self._action(file, "Open &corpus folder…", self.open_corpus, QKeySequence("Ctrl+Shift+O"))
        self._action(file, "&Open gazetteer…", self.open_gazetteer, QKeySequence.StandardKey.Open)
        file.addSeparator()
        self._action(file, "&Export view as HTML…", lambda: self.export_view("html"), QKeySequence("Ctrl+E"))
        self._action(file, "Export view as &GeoJSON…", lambda: self.export_view("geojson"))
        for fmt, label in (("png", "PN&G image…"), ("svg", "&SVG…"), ("pdf", "&PDF…"),
                           ("kml", "&KML (Google Earth)…"), ("gpkg", "GeoPac&kage (QGIS)…")):
            self._action(file, f"Export view as {label}", lambda _=False, f=fmt: self.export_view(f))
        file.addSeparator()
        self._action(file, "&Reload", self.reload, QKeySequence.StandardKey.Refresh)
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        places = bar.addMenu("&Places")
        self._action(places, "&Add place…", lambda: self.open_place_dialog(), QKeySequence.StandardKey.New)
        self._action(places, "&Edit selected place…", self.edit_selected_place, QKeySequence("F2"))
        self.move_action = self._action(places, "&Move places by dragging on the map", self._toggle_moving)
        self.move_action.setCheckable(True)
        self.undo_action = self._action(places, "&Undo last gazetteer change", self.undo_gazetteer_edit,
                                        QKeySequence.StandardKey.Undo)
        self.undo_action.setEnabled(False)
        nav = bar.addMenu("&Selection")
        self.back_action = self._action(nav, "&Back", lambda: self.state.back(), QKeySequence("Alt+Left"))
        self.forward_action = self._action(nav, "&Forward", lambda: self.state.forward(), QKeySequence("Alt+Right"))
        self._action(nav, "&Clear", lambda: self.state.clear(source="keyboard"), QKeySequence("Esc"))
        self._action(nav, "Copy passage with &citation", lambda: self.copy_passage(self.state.current.passage),
                     QKeySequence("Ctrl+Shift+C"))
        self._action(nav, "&Search places and passages…", self._focus_search, QKeySequence.StandardKey.Find)
        self._action(nav, "Filter the place &list", self._focus_filter, QKeySequence("Ctrl+L"))
        nav.addSeparator()
        self._action(nav, "Only places &near or inside the selection…", lambda: self.filter_near_selection(),
                     QKeySequence("Ctrl+Shift+N"))
        self.clear_filter_action = self._action(nav, "Show all places again", self.clear_place_filter)
        self.clear_filter_action.setEnabled(False)
        refs = self._action(nav, "&Hide references sections", self._toggle_references)
        refs.setCheckable(True)
        view = bar.addMenu("&View")
        self._naming_menu(view)
        for dock in (self.places_dock, self.documents_dock, self.search_dock, self.candidates_dock,
                     self.passages_dock, self.reader_dock, self.problems_dock):
            view.addAction(dock.toggleViewAction())
        view.addSeparator()
        # Every panel is one key away (then arrows move, Enter activates).
        targets = (("&Places", self.places_dock, self.places.table), ("&Map", None, self.map),
                   ("P&assages", self.passages_dock, self.passages.browser),
                   ("&Reader", self.reader_dock, self.reader.browser),
                   ("&Documents", self.documents_dock, self.documents),
                   ("&Search", self.search_dock, self.search.edit),
                   ("Pro&blems", self.problems_dock, self.problems))
        for n, (label, dock, widget) in enumerate(targets, 1):
            self._action(view, f"Go to {label}", lambda d=dock, w=widget: self._go_to(d, w),
                         QKeySequence(f"Ctrl+{n}"))
        help_ = bar.addMenu("&Help")
        self._action(help_, "&About caucasusmap", self.about)

    def _naming_menu(self, view) -> None:
        """View → Place names: which of a place's names the map, list and exports show."""
        menu = view.addMenu("Place &names")
        group = QActionGroup(self)
        self.naming_actions = {}
        for key, label in NAMINGS.items():
            action = QAction(label, self, checkable=True)
            action.setChecked(key == self.naming)
            action.triggered.connect(lambda _=False, k=key: self.set_naming(k))
            group.addAction(action)
            menu.addAction(action)
            self.naming_actions[key] = action

    def set_naming(self, naming: str) -> None:
        """Show places under ``naming`` (a key of :data:`caucasusmap.naming.NAMINGS`), remembered."""
        if naming not in NAMINGS or naming == self.naming:
            return
        self.naming = naming
        self.naming_actions[naming].setChecked(True)
        self.settings.setValue("view/naming", naming)
        if self.index is not None:
            self._refresh_counts()
            self._reload_map()

    def _action(self, menu, text, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_status(self) -> None:
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(lambda: self.loader.cancel())
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()

    # -- loading -----------------------------------------------------------------
    def reload(self) -> None:
        if self.loader.busy:
            self.reload_timer.start()  # try again once the current run ends
            return
        self.statusBar().showMessage(f"Linking {self.corpus_path} with {self.gazetteer_path.name}…")
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self._load_started = time.perf_counter()
        self.loader.start(self.gazetteer_path, self.corpus_path)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _on_loaded(self, result: LoadResult) -> None:
        error = result.error
        self.loader.busy = False
        self.progress.hide()
        self.cancel_button.hide()
        self._watch()
        if error is not None:
            if isinstance(error, GazetteerError):
                self.problems.set_issues(error.issues)
                self.problems_dock.show()
                self.problems_dock.raise_()
                kept = " — the previous places stay in use" if self.index else ""
                self.statusBar().showMessage(f"{self.gazetteer_path.name} has {sum(i.is_error for i in error.issues)}"
                                             f" error(s); see Problems{kept}")
            elif isinstance(error, Cancelled):
                self.statusBar().showMessage("Linking cancelled")
            else:
                self.statusBar().showMessage(f"Could not load: {error}")
                if self.index is None:
                    self.warn("caucasusmap", str(error))
            return
        index = result.index
        self.index = index
        self.extras_ready = False
        issues = list(index.gazetteer.issues) + list(index.corpus.issues)
        self.problems.set_issues(issues)
        if not any(i.is_error for i in issues):
            self.problems_dock.setVisible(self.problems_dock.isVisible() and bool(issues))
        known_docs = {d.id for d in index.corpus.documents}
        if self.shown_documents is not None:
            self.shown_documents &= known_docs
        self.documents.set_documents(index, self.shown_documents)

        self.state.restrict(set(index.gazetteer.by_id), set(index.passages))
        self._refresh_counts()
        self._reload_map()
        took = time.perf_counter() - self._load_started
        self.statusBar().showMessage(
            f"{len(index.corpus.documents)} documents, {len(index.gazetteer)} places, {len(index.table)} mentions "
            f"({'from cache' if index.source == 'cache' else 'linked'} in {took:.1f} s)", 8000)
        self._on_selection(self.state.current, Selection(), "reload")
        added = getattr(self, "_select_after_reload", None)
        if added and added in index.gazetteer.by_id:
            self._select_after_reload = None
            self.state.select_places([added], source="workbench")
        if self.map.editable:
            self.map.set_editable(True)
        self.indexChanged.emit()

    def _on_extras(self, result: LoadResult) -> None:
        if result.index is not self.index:
            return  # a newer load has replaced that index meanwhile
        if result.error is not None:
            self.statusBar().showMessage(f"Search and unlinked names are unavailable: {result.error}", 8000)
            return
        self.search.set_sources(result.index, result.search)
        self.candidates.set_candidates(result.candidates)
        self.extras_ready = True

    def _watch(self) -> None:
        gaz = self.gazetteer_path
        paths = [str(gaz), str(gaz.parent), str(self.corpus_path)]
        if gaz.is_dir():  # a folder gazetteer: the folder (files added or replaced) and each file
            paths += [str(f) for f in gaz.iterdir() if f.suffix in GAZETTEER_SUFFIXES]
        if self.corpus_path.is_dir():
            wanted_suffixes = (*document_suffixes(), ".yaml")
            paths += [str(p) for p in self.corpus_path.iterdir() if p.name.lower().endswith(wanted_suffixes)]
        current = set(self.watcher.files()) | set(self.watcher.directories())
        wanted = [p for p in paths if Path(p).exists() and p not in current]
        if wanted:
            self.watcher.addPaths(wanted)

    def _schedule_reload(self, path: str) -> None:
        # Editors often save by replacing the file; the folder watch catches that.
        self.reload_timer.start()

    # -- view --------------------------------------------------------------------
    def current_view(self) -> MapView:
        docs = tuple(sorted(self.shown_documents)) if self.shown_documents is not None else None
        center = zoom = None
        if self.map.last_view:
            center, zoom = tuple(self.map.last_view["center"]), int(round(self.map.last_view["zoom"]))
        return MapView(documents=docs, places=self.place_filter, selected=self.state.current.places,
                       passage=self.state.current.passage, center=center, zoom=zoom,
                       hide_references=self.hide_references, naming=self.naming, time_range=self.time_range)

    def _time_range_changed(self, time_range) -> None:
        # The page filters itself; the lists follow here.
        self.time_range = tuple(time_range) if time_range else None
        if self.index:
            self._refresh_counts()
            self._on_selection(self.state.current, self.state.current, "filter")

    def _refresh_counts(self) -> None:
        from ..viewfilters import ViewRows

        index = self.index
        vr = ViewRows(index, replace(self.current_view(), selected=(), passage=None))
        rows, mentions, docs = vr.rows, vr.mentions, vr.documents
        names = display_names(index.gazetteer.places, self.naming,
                              index.text_names(rows) if self.naming == TEXT else None)
        self.places.model.set_data(index.gazetteer.places, mentions, docs, names)
        self.places.show_selection(self.state.current.places)

    def _reload_map(self) -> None:
        view = self.current_view()
        view = MapView(documents=view.documents, places=view.places, selected=view.selected,
                       hide_references=view.hide_references, center=view.center, zoom=view.zoom,
                       naming=view.naming, time_range=view.time_range)
        self.map.set_page_html(render_map(self.index, view, explorer=False))

    def _map_ready(self) -> None:
        if self.index is not None and getattr(self, "_extras_for", None) is not self.index:
            self._extras_for = self.index
            self.loader.prepare_extras(self.index, self.gazetteer_path)
        base = self.map.base_layer or self.settings.value("map/base_layer", "")
        if base and base != "Basemap (offline)":
            self.map.set_base_layer(base)
        sel = self.state.current
        if sel.passage and self.index and sel.passage in self.index.passages:
            self.map.highlight(list(self.index.places_in(sel.passage)))

    def _documents_filtered(self, checked: list[str]) -> None:
        all_docs = {d.id for d in self.index.corpus.documents} if self.index else set()
        self.shown_documents = None if set(checked) == all_docs else set(checked)
        self._refresh_counts()
        self._reload_map()
        self._on_selection(self.state.current, self.state.current, "filter")

    def _toggle_references(self, hide: bool) -> None:
        self.hide_references = hide
        if self.index:
            self._refresh_counts()
            self._reload_map()
            self._on_selection(self.state.current, self.state.current, "filter")

    def _open_document(self, document_id: str) -> None:
        if self.index:
            self.reader.show_document(self.index, document_id, self.state.current)
            self.reader_dock.show()
            self.reader_dock.raise_()

    # -- the one place selection changes are rendered -----------------------------
    def _on_selection(self, new: Selection, old: Selection, source: str) -> None:
        index = self.index
        self.back_action.setEnabled(self.state.can_go_back)
        self.forward_action.setEnabled(self.state.can_go_forward)
        if index is None:
            return
        if new.places != old.places or source == "reload":
            self._show_distances(new.places)
        if source != "list":
            self.places.show_selection(new.places)
        self.passages.show_selection(index, new, not self.hide_references)
        for browser in (self.passages.browser, self.reader.browser):
            browser.citable_passage = new.passage if new.passage in index.passages else None
        if new.passage and new.passage in index.passages:
            self.reader.show_document(index, index.passages[new.passage].document, new)
            self.map.highlight(list(index.places_in(new.passage)))
        else:
            if self.reader.document_id:
                self.reader.show_document(index, self.reader.document_id, new)
            if source != "map" or new.places != old.places:
                self.map.show_selection(list(new.places), pan=source != "map")

    def copy_passage(self, passage_id: str | None) -> str:
        """Put a passage's text with its citation (authors, year, title, page)
        on the clipboard; returns what was copied ("" if nothing)."""
        index = self.index
        if index is None or not passage_id or passage_id not in index.passages:
            self.statusBar().showMessage("Choose a passage first (click it in the passages list).", 4000)
            return ""
        passage = index.passages[passage_id]
        text = cite_passage(index.corpus.by_id[passage.document], passage)
        QApplication.clipboard().setText(text)
        self.statusBar().showMessage("Copied the passage with its citation.", 4000)
        return text

    def _show_distances(self, selected: tuple[str, ...]) -> None:
        """Great-circle distances to the one selected place, in the list."""
        places = self.index.gazetteer.places
        if len(selected) != 1 or selected[0] not in self.index.gazetteer.by_id:
            self.places.model.set_distances([None] * len(places))
            return
        import numpy as np

        c = self.index.gazetteer.by_id[selected[0]]
        km = great_circle_km(c.lat, c.lon, np.array([p.lat for p in places]), np.array([p.lon for p in places]))
        self.places.model.set_distances([float(x) for x in km])

    def filter_near_selection(self, km: float | None = None) -> bool:
        """Show only the places inside the selected region's area, or within
        ``km`` of the selected place, river or corridor (geodesic)."""
        from ..spatial import filter_view_places

        sel = self.state.current.places
        if len(sel) != 1 or self.index is None:
            self.statusBar().showMessage("Select one place (a region, river or town) first", 5000)
            return False
        if km is None:
            km, ok = QInputDialog.getDouble(self, "Places near the selection",
                                            "Within how many km (0: inside its area only)?", 10.0, 0.0, 5000.0, 1)
            if not ok:
                return False
        self.place_filter = filter_view_places(self.index, sel[0], km)
        name = self.index.gazetteer.by_id[sel[0]].name
        self.place_filter_label = f"within {km:g} km of {name}" if km else f"inside {name}"
        self._apply_place_filter()
        return True

    def clear_place_filter(self) -> None:
        self.place_filter, self.place_filter_label = None, ""
        self._apply_place_filter()

    def _apply_place_filter(self) -> None:
        self.clear_filter_action.setEnabled(self.place_filter is not None)
        if self.index:
            self._refresh_counts()
            self._reload_map()
            self._on_selection(self.state.current, self.state.current, "filter")
        shown = len(self.place_filter) if self.place_filter is not None else len(self.index.gazetteer)
        self.statusBar().showMessage(f"Showing {shown} places {self.place_filter_label}".rstrip(), 8000)

    # -- growing and fixing the gazetteer ---------------------------------------------
    def warn(self, title: str, text: str) -> QMessageBox:
        """A warning that does not block the event loop (the window and its
        background work carry on while it is shown)."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self._last_warning = box
        return box

    def gazetteer_file(self) -> GazetteerFile:
        """The gazetteer as a writable file (or folder of files)."""
        gf = getattr(self, "_gazfile", None)
        if gf is None or gf.root != self.gazetteer_path:
            gf = self._gazfile = open_gazetteer(self.gazetteer_path)
        return gf

    def _write(self, describe: str, change) -> bool:
        """Apply one gazetteer change through GazetteerFile and relink."""
        try:
            gf = self.gazetteer_file()
            change(gf)
        except ConflictError as exc:
            self.gazetteer_file().reload()
            self.warn("Gazetteer changed", f"{exc}\n\nThe file has been read again; please make the change "
                      "once more.")
            return False
        except (EditError, OSError, CaucasusmapError) as exc:
            self.warn("Could not change the gazetteer", str(exc))
            return False
        self.undo_action.setEnabled(gf.can_undo)
        self.statusBar().showMessage(f"{describe} — saved to {gf.path.name} "
                                     f"(previous version: {gf.backup_path.name}; Ctrl+Z undoes)", 8000)
        # The file watcher reports this write too: both go through the same
        # debounce, so the gazetteer is relinked once.
        self.reload_timer.start()
        return True

    def open_place_dialog(self, values: dict | None = None, *, geocoder=None) -> PlaceDialog:
        """Show the Add place form (non-blocking); saving happens on OK."""
        known = set(self.index.gazetteer.by_id) if self.index else set()
        dialog = PlaceDialog(self, existing_ids=known, values=values or {}, geocoder=geocoder)
        dialog.accepted.connect(lambda: self.add_place(dialog.values()))
        self._open_form(dialog)
        return dialog

    def _open_form(self, dialog: PlaceDialog) -> None:
        # Not modal: the map stays usable, and a click on it fills the coordinates.
        dialog.setModal(False)
        dialog.lookedUp.connect(self.map.show_picks)
        dialog.finished.connect(lambda _: self.map.show_picks([]))
        self.map.set_pick_mode(True)  # a click on an area takes the point, not the area
        dialog.finished.connect(lambda _: self.map.set_pick_mode(False))
        dialog.show()
        self._dialog = dialog
        self.statusBar().showMessage("Click the map to take the place's coordinates from there", 8000)

    def _map_clicked(self, lat: float, lon: float) -> None:
        dialog = getattr(self, "_dialog", None)
        if dialog is not None and dialog.isVisible():
            dialog.pick(lat, lon)

    def add_place(self, fields: dict) -> bool:
        ok = self._write(f"Added {fields['name']}", lambda gf: gf.add_place(fields))
        if ok:
            self._select_after_reload = fields["id"]
        return ok

    def edit_selected_place(self) -> PlaceDialog | None:
        sel = self.state.current.places
        if not sel or self.index is None:
            return None
        place = self.index.gazetteer.by_id[sel[0]]
        values = {"id": place.id, "name": place.name, "aliases": list(place.aliases), "kind": place.kind,
                  "lat": place.lat, "lon": place.lon, "note": place.note}
        dialog = PlaceDialog(self, existing_ids=set(self.index.gazetteer.by_id), values=values, editing=True)
        dialog.accepted.connect(lambda: self.save_place_edit(place.id, values, dialog.values()))
        self._open_form(dialog)
        return dialog

    def save_place_edit(self, place_id: str, old: dict, new: dict) -> bool:
        """Write only what changed, each change at its own place in the file."""

        def change(gf: GazetteerFile) -> None:
            def apply(text: str) -> str:
                for key in ("name", "kind", "lat", "lon", "note"):
                    if new[key] != old[key] and new[key] not in (None, ""):
                        text = set_field(text, place_id, key, new[key])
                for alias in old["aliases"]:
                    if alias not in new["aliases"]:
                        text = remove_from_list(text, place_id, "aliases", alias)
                for alias in new["aliases"]:
                    if alias not in old["aliases"]:
                        text = add_to_list(text, place_id, "aliases", alias)
                return text

            gf.edit(apply, place=place_id)

        return self._write(f"Saved {new['name']}", change)

    def _place_moved(self, place_id: str, lat: float, lon: float) -> None:
        if not self.map.editable:
            return
        self._write(f"Moved {place_id} to {lat:.5f}, {lon:.5f}",
                    lambda gf: gf.edit(lambda t: set_field(set_field(t, place_id, "lat", round(lat, 5)),
                                                           place_id, "lon", round(lon, 5)), place=place_id))

    def _toggle_moving(self, on: bool) -> None:
        self.map.set_editable(on)
        self.statusBar().showMessage("Drag a marker to move its place; the file is saved on drop (Ctrl+Z undoes)"
                                     if on else "Markers fixed again", 6000)

    def _map_context_menu(self, lat: float, lon: float) -> None:
        menu = QMenu(self)
        action = menu.addAction(f"Add place here ({lat:.4f}, {lon:.4f})…")
        action.triggered.connect(lambda: self.open_place_dialog({"lat": lat, "lon": lon}))
        menu.popup(QCursor.pos())
        self._menu = menu

    def exclude_mention(self, place_id: str, document_id: str, start: int, end: int,
                        phrase: str | None = None) -> bool:
        """'This is not that place': add a phrase around the mention to the
        place's exclude list (the user can edit the suggested phrase)."""
        if self.index is None or place_id not in self.index.gazetteer.by_id:
            return False
        place = self.index.gazetteer.by_id[place_id]
        if phrase is None:
            suggestion = suggest_exclude_phrase(self.index.corpus.by_id[document_id].text, start, end)
            phrase, ok = QInputDialog.getText(
                self, "Not this place", f"A phrase containing the mention that is not {place.name}.\n"
                "Every occurrence of this phrase will stop linking to it:", text=suggestion)
            if not ok or not phrase.strip():
                return False
        return self._write(f"'{phrase}' is no longer {place.name}",
                           lambda gf: gf.edit(lambda t: add_to_list(t, place_id, "exclude", phrase.strip()),
                                              place=place_id))

    def mark_not_a_place(self, name: str) -> None:
        """Hide a candidate for good: it goes into not-places.txt beside the gazetteer."""
        path = ignore_path(self.gazetteer_path)
        try:
            add_to_ignore(path, name)
        except (OSError, CaucasusmapError) as exc:
            self.warn("Could not save", str(exc))
            return
        self.statusBar().showMessage(f"'{name}' recorded as not a place in {path.name}", 6000)
        self.reload_timer.start()

    def undo_gazetteer_edit(self) -> bool:
        gf = getattr(self, "_gazfile", None)
        if gf is None or not gf.can_undo:
            return False
        return self._write("Undone", lambda g: g.undo())

    # -- files and export ----------------------------------------------------------------
    def open_corpus(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open corpus folder", str(self.corpus_path))
        if folder:
            self.corpus_path = Path(folder)
            self.shown_documents = None
            self.watcher.removePaths(self.watcher.files() + self.watcher.directories())
            self.reload()

    def open_gazetteer(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open gazetteer", str(self.gazetteer_path.parent),
                                              "Gazetteer (*.yaml *.yml);;All files (*)")
        if path:
            self.gazetteer_path = Path(path)
            self.watcher.removePaths(self.watcher.files() + self.watcher.directories())
            self.reload()

    def export_view(self, fmt: str = "html", path: str | Path | None = None) -> Path | None:
        """Export what the user is looking at, with the same exporter as the CLI."""
        from ..export import export_view

        if self.index is None:
            return None
        options = {}
        if path is None:
            suffix = {"html": "HTML files (*.html)", "geojson": "GeoJSON (*.geojson *.json)",
                      "png": "PNG image (*.png)", "svg": "SVG image (*.svg)", "pdf": "PDF (*.pdf)",
                      "kml": "KML for Google Earth (*.kml)", "gpkg": "GeoPackage for QGIS (*.gpkg)"}[fmt]
            default = str(Path.home() / f"caucasusmap-view.{fmt}")
            path, _ = QFileDialog.getSaveFileName(self, "Export view", default, suffix)
            if not path:
                return None
            if fmt in ("png", "svg", "pdf"):
                from PySide6.QtWidgets import QInputDialog

                layout, ok = QInputDialog.getItem(self, "Export view", "Lay out for:", ["page", "slide"], 0, False)
                if not ok:
                    return None
                options["layout"] = layout
                if fmt == "png":
                    dpi, ok = QInputDialog.getInt(self, "Export view", "Resolution (dots per inch):", 200, 50, 1200)
                    if not ok:
                        return None
                    options["dpi"] = dpi
        try:
            out = export_view(self.index, self.current_view(), path, fmt, **options)
        except (OSError, CaucasusmapError) as exc:
            self.warn("Export failed", f"Could not write {path}:\n{exc}")
            return None
        self.statusBar().showMessage(f"Exported {out}", 6000)
        return out

    def about(self) -> None:
        QMessageBox.about(self, "About caucasusmap", (
            f"<h3>caucasusmap {__version__}</h3>"
            "<p>A map-and-document explorer linking a gazetteer of South Caucasus and north-west Iran "
            "places to a corpus of texts.</p>"
            "<p><b>Data sources.</b> Basemap: Natural Earth 1:10m (public domain). Settlement coordinates: "
            "GeoNames (CC BY 4.0) where a place links to it; other coordinates and outlines are approximate "
            "(see each place's note). Online layers, when chosen: © OpenStreetMap contributors (ODbL), "
            "OpenTopoMap (CC-BY-SA).</p>"
            "<p><b>Software.</b> Qt / PySide6 (LGPL), Leaflet and Leaflet.markercluster (BSD-2-Clause), "
            "folium (MIT), shapely (BSD), geopy (MIT), PyYAML (MIT), numpy (BSD), ahocorasick_rs (Apache-2.0/MIT).</p>"
            f"<p>Gazetteer: {self.gazetteer_path}<br>Corpus: {self.corpus_path}</p>"))

    def _go_to(self, dock, widget) -> None:
        if dock is not None:
            dock.show()
            dock.raise_()
        widget.setFocus()

    def _focus_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search.focus()

    def _focus_filter(self) -> None:
        self.places_dock.show()
        self.places_dock.raise_()
        self.places.filter_edit.setFocus()
        self.places.filter_edit.selectAll()

    # -- settings ----------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 880)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event):  # noqa: N802
        self.loader.cancel()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("files/gazetteer", str(self.gazetteer_path))
        self.settings.setValue("files/corpus", str(self.corpus_path))
        if self.map.base_layer:
            self.settings.setValue("map/base_layer", self.map.base_layer)
        self.map.release()
        super().closeEvent(event)


def suggest_exclude_phrase(text: str, start: int, end: int) -> str:
    """The mention and the word after it (or before it, at the end of a
    sentence): usually enough to single out a look-alike ("Araz Aslanlı",
    "Minsk Group") without excluding the name everywhere."""
    import re

    after = re.match(r"[ \t]*([^\W\d_][\w'’-]*)", text[end:end + 60])
    if after:
        return " ".join((text[start:end] + " " + after.group(1)).split())
    before = re.search(r"([^\W\d_][\w'’-]*)[ \t]*$", text[max(0, start - 60):start])
    if before:
        return " ".join((before.group(1) + " " + text[start:end]).split())
    return " ".join(text[start:end].split())


def remembered_files(settings: QSettings, gazetteer: Path, corpus: Path) -> tuple[Path, Path]:
    """The gazetteer and corpus open last time, where they still exist."""
    last_g, last_c = settings.value("files/gazetteer"), settings.value("files/corpus")
    if last_g and Path(last_g).exists():  # a file or a folder gazetteer
        gazetteer = Path(last_g)
    if last_c and Path(last_c).is_dir():
        corpus = Path(last_c)
    return gazetteer, corpus


def launch(gazetteer: Path, corpus: Path, remembered: bool = False) -> int:
    """Create the application and show the window (blocking)."""
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(levelname)s: %(message)s")
    register_scheme()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("caucasusmap")
    app.setOrganizationName("caucasusmap")
    settings = QSettings("caucasusmap", "caucasusmap")
    if remembered:
        gazetteer, corpus = remembered_files(settings, gazetteer, corpus)
    window = MainWindow(gazetteer, corpus, settings=settings)
    window.show()
    return app.exec()
