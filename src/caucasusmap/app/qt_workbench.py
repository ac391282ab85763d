"""Growing and correcting the gazetteer from the app.

The forms only collect and check values; every write goes through
:class:`~caucasusmap.gazwriter.GazetteerFile` (validated, backed up, atomic,
undoable, refused when the file changed on disk).
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..gazetteer import ID_RE
from ..gazwriter import slugify
from ..model import KINDS


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
        self.problem.setWordWrap(True)
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

    def problems(self) -> list[str]:
        v = self.values()
        out = []
        if not v["name"]:
            out.append("a name is needed")
        if not ID_RE.match(v["id"]):
            out.append(f"id {v['id']!r} must be lowercase letters, digits and single hyphens")
        elif not self.editing and v["id"] in self.existing_ids:
            out.append(f"id {v['id']!r} is already used")
        if v["lat"] is None or not -90 <= v["lat"] <= 90:
            out.append("latitude must be a number from -90 to 90")
        if v["lon"] is None or not -180 <= v["lon"] <= 180:
            out.append("longitude must be a number from -180 to 180")
        return out

    def check(self) -> bool:
        problems = self.problems()
        self.problem.setText("; ".join(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
        return not problems

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
            self.problem.setText(str(result))
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


def _number(text: str) -> float | None:
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return None


class CandidatesPanel(QWidget):
    """Names in the corpus that look like places but match no entry."""

    addRequested = Signal(str)
    ignoreRequested = Signal(str)
    showPassages = Signal(list)

    def __init__(self, parent=None):
        super().__init__(parent)
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
        self.list.clear()
        for c in candidates:
            item = QListWidgetItem(f"{c.name}  ({c.count})")
            item.setToolTip("; ".join(c.evidence)
                            + (f"\nAlso written: {', '.join(c.forms)}" if len(c.forms) > 1 else ""))
            item.setData(Qt.ItemDataRole.UserRole, (c.name, list(c.passages)))
            self.list.addItem(item)
        self.info.setText(f"{len(candidates)} names that look like places but match no entry, most frequent first. "
                          "Hover for the evidence.")

    def _emit(self, signal) -> None:
        item = self.list.currentItem()
        if item is not None:
            signal.emit(item.data(Qt.ItemDataRole.UserRole)[0])

    def _current(self, item, _previous=None) -> None:
        if item is not None:
            self.showPassages.emit(item.data(Qt.ItemDataRole.UserRole)[1])
