"""The main window: wiring only — docks, menus, settings.

The view state is one core :class:`~caucasusmap.session.Session`; every panel
subscribes to it, renders what it says, and writes user actions back to it
(panels never talk to each other). The loader
(:class:`~caucasusmap.app.qt_loader.LoadController`) links in the background
and hands new indexes to the session; the workbench
(:class:`~caucasusmap.app.qt_workbench.Workbench`) edits the gazetteer.
"""

from __future__ import annotations

import html
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
)

from .. import __version__
from ..citation import cite_passage
from ..errors import GazetteerError
from ..index import Index
from ..maps import MapView
from ..naming import DEFAULT_NAMING, NAMINGS
from ..session import FiltersChanged, HandlerFailed, IndexReplaced, SelectionChanged, Session
from ..viewfilters import MENTION_VIEWS
from .qt_loader import Cancelled, LoadController, LoadResult
from .qt_map import MapController, MapWidget, register_scheme
from .qt_panels import DocumentsPanel, PassagesPanel, PlacesPanel, ProblemsPanel, ReaderPanel, SearchPanel
from .qt_review import ReviewController, ReviewQueuePanel
from .qt_util import message_box
from .qt_workbench import CandidatesPanel, PlaceDialog, Workbench, suggest_exclude_phrase

__all__ = ["Cancelled", "MainWindow", "launch", "remembered_files", "suggest_exclude_phrase", "LoadResult"]

log = logging.getLogger("caucasusmap.app")

HOW_TO = """
<h3>How to use caucasusmap</h3>
<ol>
<li><b>Pick a place</b> — click it on the map, in the <i>Places</i> list (type in its filter box to find it:
any name or alias, accents ignored), or search (<b>Ctrl+F</b>). Every panel follows: the map rings it, the
<i>Passages</i> panel lists every passage that mentions it, with the mentions highlighted.</li>
<li><b>Several places</b> — Ctrl-click more places (list or map); <i>Passages</i> then shows the passages
mentioning <i>all</i> of them, or <i>any</i> of them (the menu above the passages).</li>
<li><b>Read</b> — click a passage to open its document in the <i>Reader</i> at that spot; the places it
mentions light up on the map. Every name in a text is a link to its place.</li>
<li><b>Choose what is shown</b> — untick documents in <i>Documents</i>; <i>View → Hide references
sections</i>; <i>Selection → Only places near or inside the selection</i>; <i>View → Place names</i>.
The map, the lists, the passages and every export show the same view.</li>
<li><b>Go back</b> — Alt+← and Alt+→ walk through your selections; Esc clears the selection.</li>
<li><b>Export</b> — <i>File → Export view</i> (Ctrl+E) writes what you see as a self-contained HTML map,
GeoJSON, Linked Places or CSV.</li>
<li><b>Fix the gazetteer</b> — <i>Places → Add place</i> (Ctrl+N), <i>Edit selected place</i> (F2), drag
markers (<i>Move places by dragging</i>), right-click a mention → <i>This is not that place</i>. Your YAML
is changed only where the change is, the previous version kept, and Ctrl+Z undoes. Editing the YAML in
your own editor works too: the app relinks when the file changes.</li>
<li><b>Check the links</b> — right-click a name in a text: <i>Confirm</i>, <i>Change to another place…</i>,
<i>Reject</i> (also for every identical mention); select text → <i>Link … to a place…</i>. <i>Review →
Review queue</i> (F9) shows the doubtful mentions one by one: C confirm, X reject, 1–9 another place, S skip,
B back, U undo, D every identical one in the document. Your decisions are kept in
<code>annotations.jsonl</code> in the corpus folder, never in your texts.</li>
<li><b>Problems</b> — the <i>Problems</i> panel lists what is wrong in the gazetteer or corpus;
double-click a line to open the file there in <code>$VISUAL</code>/<code>$EDITOR</code>.</li>
</ol>
"""


def default_window_size(screen) -> tuple[int, int]:
    """1400 x 880, or nine tenths of a smaller screen's free area."""
    if screen is None or QApplication.platformName() == "offscreen":  # no user's screen to fit (tests)
        return 1400, 880
    area = screen.availableGeometry()
    return min(1400, round(area.width() * 0.9)), min(880, round(area.height() * 0.9))


def default_dock_widths(width: int) -> tuple[int, int]:
    """Widths of the left (places, documents) and right (passages, reader)
    docks for a window ``width`` pixels wide: the map keeps about half."""
    left = max(260, min(420, round(width * 0.24)))  # the places list's names readable (PlacesPanel.minimum_width)
    right = max(260, min(520, round(width * 0.28)))
    return left, right


MAP_SHARE = 0.4
"""The share of the window's width the map keeps when a wide dock (the
review queue) is shown: the lists on the left give up room first."""


class MainWindow(QMainWindow):
    """Places, map, passages, reader, documents, search, unlinked names and
    problems, all over one :class:`Session`."""

    indexChanged = Signal()

    def __init__(self, gazetteer: Path, corpus: Path, settings: QSettings | None = None):
        super().__init__()
        self.settings = settings or QSettings("caucasusmap", "caucasusmap")
        self.state = Session(gazetteer=gazetteer, corpus=corpus)
        saved = self.settings.value("view/naming", DEFAULT_NAMING)
        if saved in NAMINGS and saved != DEFAULT_NAMING:
            self.state.set_filters(naming=saved)
        self.place_filter_label = ""
        self._decision_problems: set[str] = set()  # the review decisions' problems the user has been shown
        self.setWindowTitle("caucasusmap")
        self.loading = LoadController(self.state, self)
        self._build_views()
        self.workbench = Workbench(self.state, self, self.map, self)
        self.review = ReviewController(self.state, self)
        self.loading.own_decisions = self.review.holds_own_write  # its own writes need no relink
        self.review_queue = ReviewQueuePanel(self.state, self.review)
        self.review_dock = self._dock("Review", self.review_queue, Qt.DockWidgetArea.RightDockWidgetArea, "review")
        self.tabifyDockWidget(self.passages_dock, self.review_dock)
        self.passages_dock.raise_()
        self.review_dock.visibilityChanged.connect(lambda shown: shown and QTimer.singleShot(0, self.keep_map_room))
        self._build_menus()
        self._build_status()
        self._connect()
        self._restore_settings()
        self.loading.reload()

    # -- the session, as the rest of the app and the tests see it ---------------
    @property
    def index(self) -> Index | None:
        return self.state.index

    @property
    def gazetteer_path(self) -> Path:
        return self.state.gazetteer_path

    @property
    def corpus_path(self) -> Path:
        return self.state.corpus_path

    @property
    def place_filter(self) -> tuple[str, ...] | None:
        return self.state.filters.places

    @property
    def extras_ready(self) -> bool:
        return self.loading.extras_ready

    @property
    def loader(self) -> LoadController:
        return self.loading

    def current_view(self) -> MapView:
        """What the user is looking at (the export writes exactly this)."""
        return self.state.current_view()

    # -- construction ---------------------------------------------------------
    def _dock(self, title: str, widget, area, name: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_views(self) -> None:
        s = self.state
        self.map = MapWidget(self)
        self.map_controller = MapController(s, self.map, self)
        self.setCentralWidget(self.map)
        self.places = PlacesPanel(s)
        self.passages = PassagesPanel(s)
        self.reader = ReaderPanel(s)
        self.documents = DocumentsPanel(s)
        self.problems = ProblemsPanel()
        self.search = SearchPanel(s)
        self.candidates = CandidatesPanel(s)
        area = Qt.DockWidgetArea
        self.places_dock = self._dock("Places", self.places, area.LeftDockWidgetArea, "places")
        self.documents_dock = self._dock("Documents", self.documents, area.LeftDockWidgetArea, "documents")
        self.passages_dock = self._dock("Passages", self.passages, area.RightDockWidgetArea, "passages")
        self.reader_dock = self._dock("Reader", self.reader, area.RightDockWidgetArea, "reader")
        self.problems_dock = self._dock("Problems", self.problems, area.BottomDockWidgetArea, "problems")
        self.search_dock = self._dock("Search", self.search, area.LeftDockWidgetArea, "search")
        self.candidates_dock = self._dock("Unlinked names", self.candidates, area.LeftDockWidgetArea, "candidates")
        # Places above; Documents, Unlinked names and Search as tabs below it.
        self.splitDockWidget(self.places_dock, self.documents_dock, Qt.Orientation.Vertical)
        self.tabifyDockWidget(self.documents_dock, self.candidates_dock)
        self.tabifyDockWidget(self.documents_dock, self.search_dock)
        self.documents_dock.raise_()
        self.splitDockWidget(self.passages_dock, self.reader_dock, Qt.Orientation.Vertical)
        self.problems_dock.hide()
        self.map.setMinimumSize(320, 240)  # a narrower window takes room from the docks, not the map

    def _connect(self) -> None:
        s = self.state
        for browser in (self.passages.browser, self.reader.browser):
            browser.menu_hooks.append(self.review.menu_hook(browser, self.workbench))
            browser.placeClicked.connect(self._place_link)
            browser.notThisPlace.connect(self.workbench.exclude_mention)
            browser.copyPassage.connect(self.copy_passage)
        self.documents.opened.connect(self._open_document)
        self.problems.openFailed.connect(lambda text: self.warn("Cannot open the file", text))
        self.candidates.addRequested.connect(lambda name: self.workbench.open_place_dialog({"name": name}))
        self.candidates.ignoreRequested.connect(self.workbench.mark_not_a_place)
        self.review_queue.notAPlace.connect(self.workbench.mark_not_a_place)
        self.map.ready.connect(self._map_ready)
        wb = self.workbench
        wb.status.connect(lambda text, ms: self.statusBar().showMessage(text, ms))
        wb.warning.connect(self.warn)
        wb.relink.connect(self.loading.schedule)
        wb.undoAvailable.connect(self._undo_available)
        self.review.status.connect(lambda text, ms: self.statusBar().showMessage(text, ms))
        self.review.warning.connect(self.warn)
        self.review.changed.connect(self._show_problems)
        ld = self.loading
        ld.started.connect(self._load_started)
        ld.progress.connect(self._on_progress)
        ld.failed.connect(self._load_failed)
        ld.loaded.connect(self._loaded)
        ld.extrasReady.connect(self._on_extras)
        s.subscribe(self._on_selection, SelectionChanged, IndexReplaced)
        s.subscribe(self._on_filters, FiltersChanged)
        s.subscribe(lambda e: self.statusBar().showMessage(
            f"Internal error in a panel (see the log): {type(e.error).__name__}: {e.error}", 10000), HandlerFailed)

    def _place_link(self, place_id: str) -> None:
        ctrl = QApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier
        self.state.select_places([place_id], "toggle" if ctrl else "replace", source="text")

    def _action(self, menu, text, slot, shortcut=None, *, checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        s = self.state
        bar = self.menuBar()
        file = bar.addMenu("&File")
        self._action(file, "Open &corpus folder…", self.open_corpus, QKeySequence("Ctrl+Shift+O"))
        self._action(file, "&Open gazetteer…", self.open_gazetteer, QKeySequence.StandardKey.Open)
        file.addSeparator()
        self._action(file, "&Export view as HTML…", lambda: self.export_view("html"), QKeySequence("Ctrl+E"))
        self._action(file, "Export view as &GeoJSON…", lambda: self.export_view("geojson"))
        self._action(file, "Export view as &Linked Places (LPF)…", lambda: self.export_view("lpf"))
        self._action(file, "Export view's mentions as C&SV…", lambda: self.export_view("csv"))
        for fmt, label in (("png", "PN&G image…"), ("svg", "S&VG…"), ("pdf", "&PDF…"),
                           ("kml", "&KML (Google Earth)…"), ("gpkg", "GeoPac&kage (QGIS)…")):
            self._action(file, f"Export view as {label}", lambda _=False, f=fmt: self.export_view(f))
        file.addSeparator()
        self._action(file, "&Reload", self.loading.reload, QKeySequence.StandardKey.Refresh)
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        places = bar.addMenu("&Places")
        wb = self.workbench
        self._action(places, "&Add place…", lambda: wb.open_place_dialog(), QKeySequence.StandardKey.New)
        self._action(places, "&Edit selected place…", wb.edit_selected_place, QKeySequence("F2"))
        self.move_action = self._action(places, "&Move places by dragging on the map", wb.toggle_moving,
                                        checkable=True)
        self.undo_action = self._action(places, "&Undo last gazetteer change", wb.undo, QKeySequence.StandardKey.Undo)
        self.undo_action.setEnabled(False)

        nav = bar.addMenu("&Selection")
        self.back_action = self._action(nav, "&Back", lambda: s.back(), QKeySequence("Alt+Left"))
        self.forward_action = self._action(nav, "&Forward", lambda: s.forward(), QKeySequence("Alt+Right"))
        self._action(nav, "&Clear", lambda: s.clear(source="keyboard"), QKeySequence("Esc"))
        self._action(nav, "Copy passage with &citation", lambda: self.copy_passage(s.current.passage),
                     QKeySequence("Ctrl+Shift+C"))
        self._action(nav, "&Search places and passages…", self._focus_search, QKeySequence.StandardKey.Find)
        self._action(nav, "Filter the place &list", self._focus_filter, QKeySequence("Ctrl+L"))
        nav.addSeparator()
        self._action(nav, "Only places &near or inside the selection…", lambda: self.filter_near_selection(),
                     QKeySequence("Ctrl+Shift+N"))
        self.clear_filter_action = self._action(nav, "Show all places again", self.clear_place_filter)
        self.clear_filter_action.setEnabled(False)

        view = bar.addMenu("&View")
        self.references_action = self._action(view, "&Hide references sections",
                                              lambda on: s.set_filters(hide_references=on), QKeySequence("Ctrl+R"),
                                              checkable=True)
        origins = view.addMenu("Places &from")
        self.origin_actions = {}
        for key, label in (("curated", "the &gazetteer (curated)"), ("reference", "the &reference gazetteer")):
            self.origin_actions[key] = self._action(origins, label, lambda _=False: self._origins_chosen(),
                                                    checkable=True)
            self.origin_actions[key].setChecked(True)
        self._naming_menu(view)
        view.addSeparator()
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
                   ("Pro&blems", self.problems_dock, self.problems),
                   ("Re&view queue", self.review_dock, self.review_queue))
        for n, (label, dock, widget) in enumerate(targets, 1):
            self._action(view, f"Go to {label}", lambda _=False, d=dock, w=widget: self._go_to(d, w),
                         QKeySequence(f"Ctrl+{n}"))

        review = bar.addMenu("Re&view")
        self._action(review, "Review &queue: check the links one by one", self.start_review, QKeySequence("F9"))
        self._action(review, "&Undo review decision", lambda: self.review.undo(), QKeySequence("Ctrl+Alt+Z"))
        self._action(review, "&Redo review decision", lambda: self.review.redo(), QKeySequence("Ctrl+Alt+Y"))
        review.addSeparator()
        shown = review.addMenu("&Show mentions")
        group = QActionGroup(self)
        self.status_actions = {}
        labels = {"all": "&All", "checked": "&Checked only (for publishing)",
                  "confirmed": "C&onfirmed only (a publication map)", "unchecked": "&Unchecked only"}
        for name, key in MENTION_VIEWS.items():
            action = QAction(labels[name], self, checkable=True)
            action.setChecked(key is None)
            action.triggered.connect(lambda _=False, k=key: s.set_filters(statuses=k))
            group.addAction(action)
            shown.addAction(action)
            self.status_actions[key] = action
        review.addSeparator()
        self._action(review, "&Export decisions as W3C Web Annotations…", self.export_decisions)
        self._action(review, "&Import Web Annotations (Recogito, Hypothesis)…", self.import_decisions)
        self._action(review, "Export the corpus as &TEI…", lambda: self.export_view("tei"))

        help_ = bar.addMenu("&Help")
        self._action(help_, "&How to use caucasusmap", self.show_how_to, QKeySequence.StandardKey.HelpContents)
        self._action(help_, "&Keyboard shortcuts", self.show_shortcuts, QKeySequence("Ctrl+/"))
        self._action(help_, "&About caucasusmap", self.about)

    def _naming_menu(self, view) -> None:
        """View → Place names: which of a place's names the map, list and exports show."""
        menu = view.addMenu("Place &names")
        group = QActionGroup(self)
        self.naming_actions = {}
        for key, label in NAMINGS.items():
            action = QAction(label, self, checkable=True)
            action.setChecked(key == self.state.filters.naming)
            action.triggered.connect(lambda _=False, k=key: self.set_naming(k))
            group.addAction(action)
            menu.addAction(action)
            self.naming_actions[key] = action

    def set_naming(self, naming: str) -> None:
        """Show places under ``naming`` (a key of :data:`caucasusmap.naming.NAMINGS`), remembered."""
        if naming not in NAMINGS:
            return
        self.naming_actions[naming].setChecked(True)
        self.settings.setValue("view/naming", naming)
        self.state.set_filters(naming=naming)

    def _origins_chosen(self) -> None:
        chosen = tuple(k for k, a in self.origin_actions.items() if a.isChecked())
        self.state.set_filters(origins=None if len(chosen) == len(self.origin_actions) else chosen)

    def _build_status(self) -> None:
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.loading.cancel)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()

    # -- loading -----------------------------------------------------------------
    def reload(self) -> None:
        self.loading.reload()

    def _load_started(self, text: str) -> None:
        self.statusBar().showMessage(text)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _load_failed(self, error: Exception) -> None:
        self.progress.hide()
        self.cancel_button.hide()
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

    def _loaded(self, result: LoadResult) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        index = result.index
        issues = self.problems_issues()
        self.problems.set_issues(issues)
        if not any(i.is_error for i in issues):
            self.problems_dock.setVisible(self.problems_dock.isVisible() and bool(issues))
        self.statusBar().showMessage(
            f"{len(index.corpus.documents)} documents, {len(index.gazetteer)} places, {len(index.table)} mentions "
            f"({'from cache' if index.source == 'cache' else 'linked'} in {result.seconds:.1f} s)"
            + self._new_decision_problems(always=True), 8000)
        self.indexChanged.emit()

    def _on_extras(self, result: LoadResult) -> None:
        if result.error is not None:
            self.statusBar().showMessage(f"Search and unlinked names are unavailable: {result.error}", 8000)
            return
        self.search.set_search(result.index, result.search)
        self.candidates.set_candidates(result.candidates)
        self.review_queue.candidates = tuple(result.candidates)

    def _map_ready(self) -> None:
        self.loading.prepare_extras()
        base = self.map.base_layer or self.settings.value("map/base_layer", "")
        if base and base != "Basemap (offline)":
            self.map.set_base_layer(base)
        legend = self.map.legend_open if self.map.legend_open is not None else self.settings.value("map/legend")
        if legend in (True, False, "open", "closed"):  # each new page gets the user's choice
            self.map.set_legend(legend in (True, "open"))

    # -- what the window itself shows ---------------------------------------------
    def _on_selection(self, event) -> None:
        self.back_action.setEnabled(self.state.selection.can_go_back)
        self.forward_action.setEnabled(self.state.selection.can_go_forward)
        index, passage = self.index, self.state.current.passage
        for browser in (self.passages.browser, self.reader.browser):
            browser.citable_passage = passage if index is not None and passage in index.passages else None

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

    def _show_problems(self) -> None:
        if self.index is not None:
            self.problems.set_issues(self.problems_issues())
            said = self._new_decision_problems()
            if said:
                self.statusBar().showMessage(said.lstrip("; ").capitalize(), 8000)

    def _new_decision_problems(self, *, always: bool = False) -> str:
        """Show the Problems panel when a review decision newly stops applying
        (its text was edited away, its place or document is gone): the user
        is told, never left to find it. Returns what to add to the status bar
        (with ``always``, also when the problems are not new)."""
        current = {i.message for i in self.review.issues()}
        new = current - self._decision_problems
        self._decision_problems = current
        if new:
            self.problems_dock.show()
            self.problems_dock.raise_()
        if not (new or (always and current)):
            return ""
        n = len(current)
        return f"; {n} review decision{'s' if n > 1 else ''} no longer appl{'y' if n > 1 else 'ies'} — see Problems"

    def start_review(self) -> None:
        """Open the review queue at its first unchecked mention."""
        self.review_dock.show()
        self.review_dock.raise_()
        self.review_queue.start()
        # The queue needs its height (passage, four alternatives, buttons); the reader below gives it up.
        want = self.review_queue.sizeHint().height()
        if self.review_dock.height() < want:
            self.resizeDocks([self.review_dock], [want], Qt.Orientation.Vertical)
        QTimer.singleShot(0, self.keep_map_room)  # the queue's first mention has widened its dock

    def export_decisions(self, path: str | Path | None = None) -> Path | None:
        """Write the review decisions as W3C Web Annotations (JSON-LD)."""
        from ..exchange import write_web_annotations

        review = self.review.review
        if review is None:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "Export decisions", str(Path.home() / "decisions.jsonld"),
                                                  "W3C Web Annotations (*.jsonld *.json);;All files (*)")
            if not path:
                return None
        try:
            out, n = write_web_annotations(review, path)
        except OSError as exc:
            self.warn("Export failed", f"Could not write {path}:\n{exc}")
            return None
        self.statusBar().showMessage(f"Exported {n} decisions to {out}", 6000)
        return out

    def import_decisions(self, path: str | Path | None = None):
        """Add decisions from a W3C Web Annotation file (one undoable step)."""
        from ..errors import CaucasusmapError
        from ..exchange import import_web_annotations

        review = self.review.review
        if review is None:
            return None
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "Import Web Annotations", str(Path.home()),
                                                  "Web Annotations (*.jsonld *.json *.jsonl);;All files (*)")
            if not path:
                return None
        try:
            report = import_web_annotations(review, path)
        except CaucasusmapError as exc:
            self.warn("Import failed", str(exc))
            return None
        self.review.sync()
        self.problems.set_issues(self.problems_issues() + report.issues)
        if report.issues:
            self.problems_dock.show()
        self.statusBar().showMessage(f"Imported {report.imported} decisions; {report.skipped} skipped", 8000)
        return report

    def problems_issues(self) -> list:
        """What the Problems panel lists: gazetteer, corpus and review decisions."""
        index = self.index
        return [] if index is None else list(index.gazetteer.issues) + list(index.corpus.issues) + self.review.issues()

    def _on_filters(self, event: FiltersChanged) -> None:
        f = event.new
        if f.statuses in self.status_actions:
            self.status_actions[f.statuses].setChecked(True)
        self.references_action.setChecked(f.hide_references)
        self.clear_filter_action.setEnabled(f.places is not None)
        for key, action in self.origin_actions.items():
            action.setChecked(f.origins is None or key in f.origins)
        if f.naming in self.naming_actions:
            self.naming_actions[f.naming].setChecked(True)

    def _open_document(self, document_id: str) -> None:
        self.reader.open_document(document_id)
        self.reader_dock.show()
        self.reader_dock.raise_()

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
        places = filter_view_places(self.index, sel[0], km)
        name = self.index.gazetteer.by_id[sel[0]].name
        self.place_filter_label = f"within {km:g} km of {name}" if km else f"inside {name}"
        self.state.set_filters(places=places)
        self.statusBar().showMessage(f"Showing {len(places)} places {self.place_filter_label}", 8000)
        return True

    def clear_place_filter(self) -> None:
        self.place_filter_label = ""
        self.state.set_filters(places=None)
        if self.index is not None:
            self.statusBar().showMessage(f"Showing all {len(self.index.gazetteer)} places", 8000)

    def warn(self, title: str, text: str) -> QMessageBox:
        """A warning that does not block the event loop; its text is plain."""
        box = message_box(self, QMessageBox.Icon.Warning, title, text)
        self._last_warning = box
        return box

    # -- workbench (kept on the window for menus and tests) ---------------------------
    def open_place_dialog(self, values: dict | None = None, *, geocoder=None) -> PlaceDialog:
        return self.workbench.open_place_dialog(values, geocoder=geocoder)

    def edit_selected_place(self) -> PlaceDialog | None:
        return self.workbench.edit_selected_place()

    def exclude_mention(self, *args, **kwargs) -> bool:
        return self.workbench.exclude_mention(*args, **kwargs)

    def mark_not_a_place(self, name: str) -> None:
        self.workbench.mark_not_a_place(name)

    def _undo_available(self, on: bool, reason: str) -> None:
        self.undo_action.setEnabled(on)
        tip = "Undo the last change made here to the gazetteer" if on or not reason else f"Undo unavailable: {reason}"
        self.undo_action.setToolTip(tip)
        self.undo_action.setStatusTip(tip)
        if reason:
            self.statusBar().showMessage(f"Undo unavailable: {reason}", 15000)

    def undo_gazetteer_edit(self) -> bool:
        return self.workbench.undo()

    @property
    def _dialog(self):
        return self.workbench._dialog

    @property
    def _menu(self):
        return self.workbench._menu

    # -- files and export ----------------------------------------------------------------
    def open_corpus(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open corpus folder", str(self.corpus_path))
        if folder:
            self.state.set_paths(corpus=folder)

    def open_gazetteer(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open gazetteer", str(self.gazetteer_path.parent),
                                              "Gazetteer (*.yaml *.yml);;All files (*)")
        if path:
            self.state.set_paths(gazetteer=path)

    def export_view(self, fmt: str = "html", path: str | Path | None = None) -> Path | None:
        """Export what the user is looking at, with the same exporter as the CLI."""
        from ..errors import CaucasusmapError
        from ..export import WRITERS, export_view

        if self.index is None:
            return None
        options = {}
        if path is None:
            suffix = {"lpf": "jsonld"}.get(fmt, fmt)
            default = str(Path.home() / f"caucasusmap-view.{suffix}")
            path, _ = QFileDialog.getSaveFileName(self, "Export view", default,
                                                  f"{WRITERS[fmt][0]} (*.{suffix});;All files (*)")
            if not path:
                return None
            if fmt in ("png", "svg", "pdf"):
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

    # -- help ----------------------------------------------------------------------------
    def _help_dialog(self, title: str, markup: str) -> QDialog:
        dialog = QDialog(self)
        dialog.setWindowTitle(title)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        text = QTextBrowser()
        text.setOpenExternalLinks(False)
        text.setHtml(markup)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.close)
        layout = QVBoxLayout(dialog)
        layout.addWidget(text)
        layout.addWidget(buttons)
        dialog.resize(620, 560)
        dialog.show()
        self._help = dialog
        return dialog

    def shortcuts(self) -> list[tuple[str, str, str]]:
        """(menu, action, keys) for every menu action with a shortcut."""
        out = []
        for menu_action in self.menuBar().actions():
            menu = menu_action.menu()
            stack = [(menu_action.text().replace("&", ""), menu)]
            while stack:
                title, m = stack.pop(0)
                for a in m.actions():
                    if a.menu():
                        stack.append((f"{title} → {a.text().replace('&', '')}", a.menu()))
                    elif not a.shortcut().isEmpty():
                        out.append((title, a.text().replace("&", ""),
                                    a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)))
        return out

    def show_shortcuts(self) -> QDialog:
        rows = "".join(f"<tr><td><b>{html.escape(keys)}</b></td><td>{html.escape(action)}</td>"
                       f"<td style='color:#57534e'>{html.escape(menu)}</td></tr>"
                       for menu, action, keys in self.shortcuts())
        extra = ("<tr><td><b>Ctrl+click</b></td><td>add or remove a place (list, map, text)</td><td></td></tr>"
                 "<tr><td><b>Enter</b></td><td>in a filter or search box: choose the first result</td><td></td></tr>"
                 "<tr><td><b>↑ ↓</b></td><td>move in a list</td><td></td></tr>")
        return self._help_dialog("Keyboard shortcuts", "<h3>Keyboard shortcuts</h3><table cellpadding='3'>"
                                 + rows + extra + "</table>")

    def show_how_to(self) -> QDialog:
        return self._help_dialog("How to use caucasusmap", HOW_TO)

    def about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "About caucasusmap", "", QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(
            f"<h3>caucasusmap {__version__}</h3>"
            "<p>A map-and-document explorer linking a gazetteer of South Caucasus and north-west Iran "
            "places to a corpus of texts.</p>"
            "<p><b>Data sources.</b> Basemap: Natural Earth 1:10m (public domain). Settlement coordinates: "
            "GeoNames (CC BY 4.0) where a place links to it; other coordinates and outlines are approximate "
            "(see each place's note). Online layers, when chosen: © OpenStreetMap contributors (ODbL), "
            "OpenTopoMap (CC-BY-SA).</p>"
            "<p><b>Software.</b> Qt / PySide6 (LGPL), Leaflet (BSD-2-Clause), "
            "shapely (BSD), geopy (MIT), PyYAML (MIT), numpy (BSD), ahocorasick_rs (Apache-2.0/MIT).</p>"
            f"<p>Gazetteer: {html.escape(str(self.gazetteer_path))}<br>"
            f"Corpus: {html.escape(str(self.corpus_path))}</p>")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

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
            self.resize(*default_window_size(QApplication.primaryScreen()))
        state = self.settings.value("window/state")
        self._layout_pending = state is None or not self.restoreState(state)

    def showEvent(self, event):  # noqa: N802
        super().showEvent(event)
        if self._layout_pending:  # first run: docks sized for the window the user got
            self._layout_pending = False
            self.default_layout()

    def default_layout(self) -> None:
        """Docks sized in proportion to the window: about a quarter of its width
        for the lists on the left, a little more for passages and reader on the
        right, the map in between (not the fixed widths that left it 190 px at
        1024 x 700)."""
        left, right = default_dock_widths(self.width())
        self.resizeDocks([self.places_dock, self.passages_dock], [left, right], Qt.Orientation.Horizontal)
        height = self.centralWidget().height() if self.centralWidget() else self.height()
        self.resizeDocks([self.places_dock, self.documents_dock], [round(height * 0.6), round(height * 0.4)],
                         Qt.Orientation.Vertical)
        self.resizeDocks([self.passages_dock, self.reader_dock], [round(height * 0.45), round(height * 0.55)],
                         Qt.Orientation.Vertical)

    def keep_map_room(self) -> None:
        """Narrow the left docks (not below what they need) while the map has
        less than MAP_SHARE of the window: the review queue needs a wider right
        dock than the passages, which at 1024 px left the map a third of it."""
        if self.centralWidget() is not self.map:  # closing: the map is gone
            return
        want = round(self.width() * MAP_SHARE)
        short = want - self.map.width()
        if short <= 0 or not self.places_dock.isVisible() or self.places_dock.isFloating():
            return
        floor = max(self.places_dock.minimumSizeHint().width(), 200)
        left = max(floor, self.places_dock.width() - short)
        if left < self.places_dock.width():
            self.resizeDocks([self.places_dock], [left], Qt.Orientation.Horizontal)

    def closeEvent(self, event):  # noqa: N802
        self.loading.cancel()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        # Absolute paths: "." would mean another folder next time.
        self.settings.setValue("files/gazetteer", str(self.gazetteer_path))
        self.settings.setValue("files/corpus", str(self.corpus_path))
        if self.map.base_layer:
            self.settings.setValue("map/base_layer", self.map.base_layer)
        if self.map.legend_open is not None:
            self.settings.setValue("map/legend", "open" if self.map.legend_open else "closed")
        self.map.release()
        # The view goes too: a QWebEngineView left without its page creates a
        # default one on Qt's default profile when next shown or asked, and
        # that page outliving the profile at exit is what made Qt warn
        # "Release of profile requested but WebEnginePage still not deleted".
        if self.centralWidget() is self.map:
            import shiboken6

            self.takeCentralWidget()
            self.map.hide()
            shiboken6.delete(self.map)
        super().closeEvent(event)


def remembered_files(settings: QSettings, gazetteer: Path, corpus: Path) -> tuple[Path, Path]:
    """The gazetteer and corpus open last time, where they still exist.
    Only absolute paths count: a relative one (as older versions stored)
    would name a different folder depending on where the app starts."""
    last_g, last_c = settings.value("files/gazetteer"), settings.value("files/corpus")
    if last_g and Path(last_g).is_absolute() and Path(last_g).exists():  # a file or a folder gazetteer
        gazetteer = Path(last_g)
    if last_c and Path(last_c).is_absolute() and Path(last_c).is_dir():
        corpus = Path(last_c)
    return gazetteer, corpus


def launch(gazetteer: Path, corpus: Path, remembered: bool = False, verbose: bool = False) -> int:
    """Create the application and show the window (blocking)."""
    from .launch import quiet_qt_messages

    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(name)s: %(levelname)s: %(message)s")
    quiet_qt_messages(verbose)
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
