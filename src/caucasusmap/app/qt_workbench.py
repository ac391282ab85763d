"""Growing and correcting the gazetteer from the app.

The forms only collect and check values; every write goes through
:class:`~caucasusmap.gazwriter.GazetteerFile` (validated, backed up, atomic,
undoable, refused when the file changed on disk).
"""

from __future__ import annotations

import re
import threading

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..candidates import add_to_ignore, ignore_path
from ..errors import CaucasusmapError
from ..gazetteer import ID_RE
from ..gazwriter import (
    ConflictError,
    EditError,
    GazetteerFile,
    add_to_list,
    open_gazetteer,
    remove_from_list,
    set_field,
    slugify,
)
from ..geocode import GeocodingError
from ..model import KINDS
from ..session import IndexReplaced, Session
from .qt_util import plain_tooltip


class _Lookup(QObject):
    """Runs a geocoder lookup in a thread; answers as one queued signal."""

    done = Signal(object)  # a list of GeoCandidate, or an Exception

    def start(self, name: str, geocoder=None) -> None:
        def work():
            from ..geocode import geocode

            try:
                result = geocode(name, geocoder=geocoder, timeout=8)
            except Exception as exc:  # reported in the form, never raised in Qt
                result = exc
            try:
                self.done.emit(result)
            except RuntimeError:
                pass  # the form was closed meanwhile

        threading.Thread(target=work, name="caucasusmap-geocode", daemon=True).start()


class PlaceDialog(QDialog):
    """New place (or edit one): id, name, aliases, kind, coordinates, note,
    checked as you type; coordinates typed, taken from the map, or looked up
    online."""

    lookedUp = Signal(list)  # [{lat, lon, label}] to show on the map

    def __init__(self, parent=None, *, existing_ids=(), values: dict | None = None, geocoder=None,
                 editing: bool = False):
        super().__init__(parent)
        self.setWindowTitle("Edit place" if editing else "Add place")
        self.existing_ids = set(existing_ids)
        self.editing = editing
        self.geocoder = geocoder
        self._id_touched = editing
        self.name = QLineEdit()
        self.id = QLineEdit()
        self.aliases = QLineEdit(placeholderText="other spellings, separated by ; (any script)")
        self.kind = QComboBox()
        self.kind.addItems(KINDS)
        self.lat = QLineEdit(placeholderText="e.g. 39.5111")
        self.lon = QLineEdit(placeholderText="e.g. 46.3417")
        self.note = QLineEdit(placeholderText="where the coordinates come from, what the place is")
        self.lookup_button = QPushButton("Look up online")
        self.lookup_button.setToolTip("Or click the map to take the coordinates from there")
        self.results = QListWidget()
        self.results.hide()
        self.problem = QLabel("")
        self.problem.setStyleSheet("color: #b91c1c")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        # Long messages wrap within the form's width instead of widening it
        # (and squashing the fields).
        self.problem.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.problem.setMinimumWidth(0)
        self._touched: set[str] = set()
        self._tried = False
        coords = QHBoxLayout()
        coords.addWidget(self.lat)
        coords.addWidget(self.lon)
        coords.addWidget(self.lookup_button)
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Id", self.id)
        form.addRow("Aliases", self.aliases)
        form.addRow("Kind", self.kind)
        form.addRow("Lat, lon", coords)
        form.addRow("", self.results)
        form.addRow("Note", self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        if editing:
            self.id.setReadOnly(True)
        for w in (self.name, self.id, self.aliases, self.lat, self.lon, self.note):
            w.textChanged.connect(self.check)
        self.id.textEdited.connect(lambda _: setattr(self, "_id_touched", True))
        self.name.textChanged.connect(self._suggest_id)
        self.kind.currentTextChanged.connect(self.check)
        self.lookup_button.clicked.connect(self.look_up)
        self.results.itemActivated.connect(self._use_result)
        self.results.itemClicked.connect(self._use_result)
        self._lookup = _Lookup(self)
        self._lookup.done.connect(self._looked_up)
        self.set_values(values or {})
        # A field counts as touched once it changes after the form opened:
        # a value that is missing is only pointed out then (or on OK).
        for key, w in (("name", self.name), ("id", self.id), ("lat", self.lat), ("lon", self.lon)):
            w.textChanged.connect(lambda _=None, k=key: self._touch(k))
        self.name.textChanged.connect(lambda _=None: self._touch("id"))
        self.check()

    def _touch(self, key: str) -> None:
        self._touched.add(key)
        self.check()

    # -- values ------------------------------------------------------------------
    def set_values(self, values: dict) -> None:
        if "name" in values:
            self.name.setText(values["name"])
        if "id" in values:
            self.id.setText(values["id"])
        if "aliases" in values:
            self.aliases.setText("; ".join(values["aliases"]))
        if "kind" in values and values["kind"] in KINDS:
            self.kind.setCurrentText(values["kind"])
        if values.get("lat") is not None:
            self.lat.setText(f"{values['lat']:.5f}")
        if values.get("lon") is not None:
            self.lon.setText(f"{values['lon']:.5f}")
        if "note" in values:
            self.note.setText(values["note"])

    def values(self) -> dict:
        aliases = [a.strip() for a in self.aliases.text().split(";") if a.strip()]
        return {"id": self.id.text().strip(), "name": self.name.text().strip(), "aliases": aliases,
                "kind": self.kind.currentText(), "lat": _number(self.lat.text()), "lon": _number(self.lon.text()),
                "note": self.note.text().strip()}

    def _suggest_id(self, name: str) -> None:
        if not self._id_touched:
            self.id.setText(slugify(name) if name.strip() else "")

    def problems(self, *, all_fields: bool = True) -> list[str]:
        """What stops the form from being saved. With ``all_fields=False``,
        only problems worth showing now: wrong values, and missing ones in
        fields the user has touched (or everything once OK was tried)."""
        v = self.values()
        raw = {"id": self.id.text().strip(), "lat": self.lat.text().strip(), "lon": self.lon.text().strip()}

        def shown(key: str, empty: bool) -> bool:
            return all_fields or self._tried or key in self._touched or not empty

        out = []
        if not v["name"] and shown("name", True):
            out.append("a name is needed")
        if not ID_RE.match(v["id"]):
            if shown("id", not raw["id"]):
                out.append(f"id {v['id']!r} must be lowercase letters, digits and single hyphens")
        elif not self.editing and v["id"] in self.existing_ids:
            out.append(f"id {v['id']!r} is already used")
        if (v["lat"] is None or not -90 <= v["lat"] <= 90) and shown("lat", not raw["lat"]):
            out.append("latitude must be a number from -90 to 90")
        if (v["lon"] is None or not -180 <= v["lon"] <= 180) and shown("lon", not raw["lon"]):
            out.append("longitude must be a number from -180 to 180")
        return out

    def check(self) -> bool:
        """Enable OK when the values can be saved; show the problems worth
        showing now (never a list of errors before anything was typed)."""
        ok = not self.problems()
        self.problem.setText("; ".join(self.problems(all_fields=False)))
        self.problem.setToolTip("")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        return ok

    def accept(self) -> None:
        self._tried = True
        if self.check():
            super().accept()

    # -- online lookup -----------------------------------------------------------------
    def look_up(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.problem.setText("type a name to look up")
            return
        self.lookup_button.setEnabled(False)
        self.lookup_button.setText("Looking up…")
        self._lookup.start(name, self.geocoder)

    def _looked_up(self, result) -> None:
        self.lookup_button.setEnabled(True)
        self.lookup_button.setText("Look up online")
        self.results.clear()
        if isinstance(result, Exception):
            self.results.hide()
            self.problem.setText(lookup_failure(result))
            self.problem.setToolTip(plain_tooltip(str(result)))  # the details, for whoever wants them
            return
        if not result:
            self.problem.setText("no result online; type the coordinates or pick them on the map")
            return
        for c in result:
            item = QListWidgetItem(f"{c.lat:.4f}, {c.lon:.4f} — {c.name}" + (f" ({c.kind})" if c.kind else ""))
            item.setData(Qt.ItemDataRole.UserRole, (c.lat, c.lon))
            self.results.addItem(item)
        self.results.show()
        self.lookedUp.emit([{"lat": c.lat, "lon": c.lon, "label": c.name} for c in result])
        self.check()

    def pick(self, lat: float, lon: float) -> None:
        """Coordinates chosen on the map (a click, or a looked-up answer)."""
        self.lat.setText(f"{lat:.5f}")
        self.lon.setText(f"{lon:.5f}")

    def _use_result(self, item) -> None:
        lat, lon = item.data(Qt.ItemDataRole.UserRole)
        self.lat.setText(f"{lat:.5f}")
        self.lon.setText(f"{lon:.5f}")


def lookup_failure(exc: Exception) -> str:
    """One short sentence for a failed online lookup (the full reason goes in
    the tooltip): raw service errors are long and mean nothing to most users."""
    if isinstance(exc, GeocodingError) and "nothing to look up" in str(exc):
        return "Type a name to look up."
    if isinstance(exc, GeocodingError):
        return ("Geocoding needs the network, and the lookup service could not be reached. Type the "
                "coordinates, or click the map to take them from there.")
    return "The online lookup failed (details in the tooltip). Type the coordinates, or click the map."


def _number(text: str) -> float | None:
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return None


class CandidatesPanel(QWidget):
    """Names in the corpus that look like places but match no entry."""

    addRequested = Signal(str)
    ignoreRequested = Signal(str)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.list = QListWidget()
        self.add_button = QPushButton("Add as place…")
        self.ignore_button = QPushButton("Not a place")
        self.info = QLabel("")
        self.info.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.ignore_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.info)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(lambda: self._emit(self.addRequested))
        self.ignore_button.clicked.connect(lambda: self._emit(self.ignoreRequested))
        self.list.currentItemChanged.connect(self._current)
        self.list.itemActivated.connect(lambda item: self.addRequested.emit(item.data(Qt.ItemDataRole.UserRole)[0]))

    def set_candidates(self, candidates) -> None:
        self.list.blockSignals(True)  # refilling is not the user choosing a name
        try:
            self.list.clear()
            for c in candidates:
                item = QListWidgetItem(f"{c.name}  ({c.count})")
                item.setToolTip(plain_tooltip("; ".join(c.evidence)
                                              + (f"\nAlso written: {', '.join(c.forms)}" if len(c.forms) > 1 else "")))
                item.setData(Qt.ItemDataRole.UserRole, (c.name, list(c.passages)))
                self.list.addItem(item)
        finally:
            self.list.blockSignals(False)
        self.info.setText(f"{len(candidates)} names that look like places but match no entry, most frequent first. "
                          "Hover for the evidence.")

    def shown(self) -> dict:
        return {"names": [self.list.item(i).data(Qt.ItemDataRole.UserRole)[0] for i in range(self.list.count())]}

    def _emit(self, signal) -> None:
        item = self.list.currentItem()
        if item is not None:
            signal.emit(item.data(Qt.ItemDataRole.UserRole)[0])

    def _current(self, item, _previous=None) -> None:
        # The name's first passage opens in the reader (and its places light up).
        index = self.session.index
        if item is None or index is None:
            return
        passages = [p for p in item.data(Qt.ItemDataRole.UserRole)[1] if p in index.passages]
        if passages:
            self.session.select_passage(passages[0], source="candidates")


def suggest_exclude_phrase(text: str, start: int, end: int) -> str:
    """The mention and the word after it (or before it, at the end of a
    sentence): usually enough to single out a look-alike ("Araz Aslanlı",
    "Minsk Group") without excluding the name everywhere."""
    after = re.match(r"[ \t]*([^\W\d_][\w'’-]*)", text[end:end + 60])
    if after:
        return " ".join((text[start:end] + " " + after.group(1)).split())
    before = re.search(r"([^\W\d_][\w'’-]*)[ \t]*$", text[max(0, start - 60):start])
    if before:
        return " ".join((before.group(1) + " " + text[start:end]).split())
    return " ".join(text[start:end].split())


class Workbench(QObject):
    """Growing and fixing the gazetteer from the app: the forms, map picks,
    drag-to-move, "not that place", "not a place", undo. Every write goes
    through :class:`GazetteerFile`; the relink follows through the file watch."""

    status = Signal(str, int)       # a message for the status bar, with its timeout
    warning = Signal(str, str)      # title, text
    relink = Signal()               # the file changed: relink (debounced by the loader)
    undoAvailable = Signal(bool, str)  # Undo possible; if not, why (shown on the action), "" for nothing to undo

    def __init__(self, session: Session, window, map_widget, parent=None):
        super().__init__(parent)
        self.session = session
        self.window = window
        self.map = map_widget
        self._gazfile = None
        self._dialog: PlaceDialog | None = None
        self._menu = None
        self._select_after_reload: str | None = None
        self._undo_refused: str | None = None  # why Undo is off until the next change made here
        map_widget.placeMoved.connect(self.place_moved)
        map_widget.contextMenuAt.connect(self.map_context_menu)
        map_widget.clickedAt.connect(self.map_clicked)
        session.subscribe(self._index_replaced, IndexReplaced)

    def _index_replaced(self, event) -> None:
        self._check_undo()
        added = self._select_after_reload
        if added and added in event.index.gazetteer.by_id:
            self._select_after_reload = None
            self.session.select_places([added], source="workbench")
        if self.map.editable:
            self.map.set_editable(True)

    def gazetteer_file(self) -> GazetteerFile:
        """The gazetteer as a writable file (or folder of files)."""
        gf = self._gazfile
        if gf is None or gf.root != self.session.gazetteer_path:
            gf = self._gazfile = open_gazetteer(self.session.gazetteer_path)
        return gf

    def _write(self, describe: str, change) -> bool:
        """Apply one gazetteer change through GazetteerFile and relink."""
        try:
            gf = self.gazetteer_file()
            change(gf)
        except ConflictError as exc:
            self.gazetteer_file().reload()
            if describe == "Undone":
                # Issue 9 finding 6: the edit made elsewhere stays; so does the refusal.
                self._undo_refused = self.gazetteer_file().undo_blocked or str(exc)
                self.undoAvailable.emit(False, self._undo_refused)
                self.warning.emit("Cannot undo", f"{exc}\n\nThe file has been read again and the other "
                                  "program's edit kept. Undo is available again after your next change here.")
            else:
                self.warning.emit("Gazetteer changed", f"{exc}\n\nThe file has been read again; please make "
                                  "the change once more.")
            return False
        except (EditError, OSError, CaucasusmapError) as exc:
            self.warning.emit("Could not change the gazetteer", str(exc))
            return False
        self._undo_refused = None
        self.undoAvailable.emit(gf.can_undo, "")
        self.status.emit(f"{describe} — saved to {gf.path.name} "
                         f"(previous version: {gf.backup_path.name}; Ctrl+Z undoes)", 8000)
        # The file watcher reports this write too: both go through the same
        # debounce, so the gazetteer is relinked once.
        self.relink.emit()
        return True

    def open_place_dialog(self, values: dict | None = None, *, geocoder=None) -> PlaceDialog:
        """Show the Add place form (non-blocking); saving happens on OK."""
        index = self.session.index
        known = set(index.gazetteer.by_id) if index else set()
        dialog = PlaceDialog(self.window, existing_ids=known, values=values or {}, geocoder=geocoder)
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
        self.status.emit("Click the map to take the place's coordinates from there", 8000)

    def map_clicked(self, lat: float, lon: float) -> None:
        dialog = self._dialog
        if dialog is not None and dialog.isVisible():
            dialog.pick(lat, lon)

    def add_place(self, fields: dict) -> bool:
        ok = self._write(f"Added {fields['name']}", lambda gf: gf.add_place(fields))
        if ok:
            self._select_after_reload = fields["id"]
        return ok

    def edit_selected_place(self) -> PlaceDialog | None:
        sel, index = self.session.current.places, self.session.index
        if not sel or index is None or sel[0] not in index.gazetteer.by_id:
            self.status.emit("Select a place to edit first", 5000)
            return None
        place = index.gazetteer.by_id[sel[0]]
        values = {"id": place.id, "name": place.name, "aliases": list(place.aliases), "kind": place.kind,
                  "lat": place.lat, "lon": place.lon, "note": place.note}
        dialog = PlaceDialog(self.window, existing_ids=set(index.gazetteer.by_id), values=values, editing=True)
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

    def place_moved(self, place_id: str, lat: float, lon: float) -> None:
        if not self.map.editable:
            return
        self._write(f"Moved {place_id} to {lat:.5f}, {lon:.5f}",
                    lambda gf: gf.edit(lambda t: set_field(set_field(t, place_id, "lat", round(lat, 5)),
                                                           place_id, "lon", round(lon, 5)), place=place_id))

    def toggle_moving(self, on: bool) -> None:
        self.map.set_editable(on)
        self.status.emit("Drag a marker to move its place; the file is saved on drop (Ctrl+Z undoes)"
                         if on else "Markers fixed again", 6000)

    def map_context_menu(self, lat: float, lon: float) -> None:
        menu = QMenu(self.window)
        action = menu.addAction(f"Add place here ({lat:.4f}, {lon:.4f})…")
        action.triggered.connect(lambda: self.open_place_dialog({"lat": lat, "lon": lon}))
        menu.popup(QCursor.pos())
        self._menu = menu

    def exclude_mention(self, place_id: str, document_id: str, start: int, end: int,
                        phrase: str | None = None) -> bool:
        """'This is not that place': add a phrase around the mention to the
        place's exclude list (the user can edit the suggested phrase)."""
        index = self.session.index
        if index is None or place_id not in index.gazetteer.by_id or document_id not in index.corpus.by_id:
            return False
        place = index.gazetteer.by_id[place_id]
        if phrase is None:
            suggestion = suggest_exclude_phrase(index.corpus.by_id[document_id].text, start, end)
            phrase, ok = QInputDialog.getText(
                self.window, "Not this place", f"A phrase containing the mention that is not {place.name}.\n"
                "Every occurrence of this phrase will stop linking to it:", text=suggestion)
            if not ok or not phrase.strip():
                return False
        return self._write(f"'{phrase}' is no longer {place.name}",
                           lambda gf: gf.edit(lambda t: add_to_list(t, place_id, "exclude", phrase.strip()),
                                              place=place_id))

    def mark_not_a_place(self, name: str) -> None:
        """Hide a candidate for good: it goes into not-places.txt beside the gazetteer."""
        path = ignore_path(self.session.gazetteer_path)
        try:
            add_to_ignore(path, name)
        except (OSError, CaucasusmapError) as exc:
            self.warning.emit("Could not save", str(exc))
            return
        self.status.emit(f"'{name}' recorded as not a place in {path.name}", 6000)
        self.relink.emit()

    def undo(self) -> bool:
        gf = self._gazfile
        if gf is None or not gf.can_undo or self._undo_refused:
            return False
        return self._write("Undone", lambda g: g.undo())

    def _check_undo(self) -> None:
        """After a relink: was the file changed elsewhere since the last edit
        made here? Then Undo is off at once, with the reason (before Ctrl+Z
        is tried and refused)."""
        gf = self._gazfile
        if gf is None or not gf.can_undo or self._undo_refused:
            return
        try:
            gf.reload()
        except (OSError, CaucasusmapError):
            return  # a broken file: the Problems panel says so; undo decides when asked
        if gf.undo_blocked:
            self._undo_refused = gf.undo_blocked
            self.undoAvailable.emit(False, self._undo_refused)
