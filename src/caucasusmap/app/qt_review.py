"""Reviewing links in the app: decisions from the passages and the reader,
the place chooser, and the review queue.

:class:`ReviewController` owns the :class:`~caucasusmap.review.Review` of the
session's index: every decision is planned (with the count "apply to every
identical mention" will touch), recorded in the corpus folder's
``annotations.jsonl`` and the re-applied index handed to the session, so every
panel, the map and the exports follow. :class:`PlaceChooser` picks the place
for *change* and *link to place…* (ranked alternatives first, then every
place). :class:`ReviewQueuePanel` walks the unchecked mentions most worth a
look, one at a time, with single keys.
"""

from __future__ import annotations

import html
import logging
from bisect import bisect_right
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..errors import CaucasusmapError, ConflictError, Issue
from ..normalize import fold_phrase
from ..review import (
    ADDED,
    AUTOMATIC,
    CONFIRMED,
    CORRECTED,
    REJECTED,
    Plan,
    Review,
    alternatives,
    annotations_path,
    find_place,
    review_queue,
    search_places,
)
from ..session import IndexReplaced, Session
from .qt_panels import HIGHLIGHT, LinkBrowser, _Panel, passage_html
from .qt_util import plain_tooltip

__all__ = ["ReviewController", "PlaceChooser", "ReviewQueuePanel", "selection_span"]

log = logging.getLogger("caucasusmap.app")

SYNC_MS = 250
"""After the last decision, how long until every panel and the map are redrawn."""
ALTERNATIVES_SHOWN = 4
"""Rows of the queue's alternatives list always in sight."""
NAME_REASONS = {"same name", "a longer name ending with it", "part of the name"}
LINKER_REASON = "the linker's next choice"
STATUS_LABELS = {AUTOMATIC: "not checked", CONFIRMED: "confirmed", CORRECTED: "corrected", ADDED: "added by you",
                 REJECTED: "rejected"}


def place_label(index, place_id: str, names: dict[str, str], why: str = "") -> str:
    """How a place reads in the chooser and the queue: its name, kind,
    country (for reference places) and why it is offered."""
    place = find_place(index, place_id)
    if place is None:
        return place_id
    detail = [place.kind]
    if place.from_reference and place.country:
        detail.append(place.country)
    if why:
        detail.append(why)
    return f"{names.get(place_id, place.name)}  ({'; '.join(detail)})"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


class ReviewController(QObject):
    """Decisions for the session's corpus (see the module docstring)."""

    status = Signal(str, int)
    warning = Signal(str, str)
    changed = Signal()  # a decision, an undo or a reload of the file: queue and problems follow

    def __init__(self, session: Session, window=None):
        super().__init__(window)
        self.session = session
        self.window = window
        self._review: Review | None = None
        self._shown = None  # the index the session had from us (ours may be a few decisions ahead)
        self.chooser: PlaceChooser | None = None
        self._pending = None  # a link to a place being created in the Add place form
        # Decisions are written at once; the other panels and the map get the new
        # index when the keys pause, so a fast triage does not redraw everything each time.
        self._sync = QTimer(self, singleShot=True, interval=SYNC_MS)
        self._sync.timeout.connect(self.sync)
        session.subscribe(self._index_replaced, IndexReplaced)

    # -- the review of the current index --------------------------------------------
    @property
    def review(self) -> Review | None:
        index = self.session.index
        if index is None:
            return None
        if self._review is None or (self._review.index is not index and index is not self._shown):
            path = annotations_path(index.corpus.root)
            file = self._review.file if self._review is not None and self._review.path == path else None
            if file is not None and file.changed_on_disk():
                file.reload()
            self._sync.stop()
            self._review = Review(index, file)
            self._shown = index
            if self._review.index is not index:  # the file changed since that index was made
                self.sync()
        return self._review

    def sync(self) -> None:
        """Hand the reviewed index to the session now (normally a moment after
        the last decision)."""
        self._sync.stop()
        review = self._review
        if review is not None and self.session.index is not review.index and self.session.index is self._shown:
            self._shown = review.index
            self.session.replace_index(review.index)

    def _index_replaced(self, event) -> None:
        if self._review is not None and self._review.index is not event.index:
            self.changed.emit()  # relinked (gazetteer or corpus changed, or the file was edited)
            self._shown = None
        pending, self._pending = self._pending, None
        if pending is not None:
            action, doc, start, end, scope, place = pending
            if find_place(event.index, place) is not None and action != "add":
                self.decide(action, doc, start, end, place, scope, ask=False)
            elif find_place(event.index, place) is not None:
                # The scope's count was shown while the text was unlinked; the relink has since
                # linked much of it to the new place: those mentions are recorded too.
                try:
                    plan = self.review.plan_link_to_new_place(doc, start, end, place, scope)
                except CaucasusmapError as exc:
                    self.warning.emit("Cannot link to the new place", str(exc))
                    return
                self.record(plan)

    def _apply(self, review: Review, message: str) -> None:
        self._sync.start()
        done, total = review.progress()
        self.status.emit(f"{message} — {done:,} of {total:,} mentions checked", 6000)
        self.changed.emit()

    def holds_own_write(self, path) -> bool:
        """True when the decisions file at ``path`` holds what this review last
        read or wrote, and so what it has applied."""
        review = self._review
        return (review is not None and review.path.resolve() == Path(path).resolve()
                and not review.file.changed_on_disk())

    def issues(self) -> list[Issue]:
        """Problems of the decisions file (orphaned decisions, bad lines)."""
        index = self.session.index
        return list(index.review.issues) if index is not None and index.review is not None else []

    def names(self) -> dict[str, str]:
        return self.session.names()

    # -- deciding ---------------------------------------------------------------
    def plan(self, action: str, document: str, start: int, end: int | None = None, place: str | None = None,
             scope: str = "mention") -> Plan | None:
        review = self.review
        if review is None:
            return None
        try:
            return review.plan(action, document, start, end, place, scope)
        except CaucasusmapError as exc:
            self.warning.emit("Cannot do that", str(exc))
            return None

    def confirm_many(self, plan: Plan) -> bool:
        """Ask before a decision touches several mentions (tests replace this)."""
        box = QMessageBox(QMessageBox.Icon.Question, "Apply to every identical mention",
                          _sentence(plan.describe(self.names())) + "?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        return box.exec() == QMessageBox.StandardButton.Yes

    def decide(self, action: str, document: str, start: int, end: int | None = None, place: str | None = None,
               scope: str = "mention", *, ask: bool = True) -> bool:
        """Plan, ask when several mentions are touched, record. True if recorded."""
        plan = self.plan(action, document, start, end, place, scope)
        if plan is None:
            return False
        if ask and plan.count > 1 and not self.confirm_many(plan):
            return False
        return self.record(plan)

    def record(self, plan: Plan) -> bool:
        review = self.review
        try:
            review.record(plan)
        except ConflictError as exc:
            review.reload()
            self.sync()
            self.warning.emit("The decisions file changed", f"{exc}\n\nThe file has been reloaded.")
            self.changed.emit()
            return False
        except CaucasusmapError as exc:
            self.warning.emit("Cannot record the decision", str(exc))
            return False
        self._apply(review, _sentence(plan.describe(self.names())))
        return True

    def clear(self, document: str, start: int, end: int | None = None) -> bool:
        review = self.review
        try:
            d = review.clear(document, start, end)
        except CaucasusmapError as exc:
            self.warning.emit("Cannot clear the decision", str(exc))
            return False
        self._apply(review, f"Cleared the decision on {d.exact!r}")
        return True

    def undo(self) -> bool:
        return self._step("undo")

    def redo(self) -> bool:
        return self._step("redo")

    def _step(self, which: str) -> bool:
        review = self.review
        if review is None:
            return False
        try:
            change = review.undo() if which == "undo" else review.redo()
        except CaucasusmapError as exc:
            self.status.emit(str(exc), 5000)
            return False
        self._apply(review, f"{which.capitalize()}: {change.label}")
        return True

    # -- the place chooser ------------------------------------------------------
    def choose_place(self, action: str, document: str, start: int, end: int, current: str | None = None,
                     *, workbench=None) -> PlaceChooser | None:
        """Open the chooser for *change* (a linked mention) or *add* (a span)."""
        if self.review is None:
            return None
        dialog = PlaceChooser(self, action, document, start, end, current, self.window)
        dialog.chosen.connect(lambda place, scope: self.decide(action, document, start, end, place, scope))
        if workbench is not None:
            dialog.newPlace.connect(lambda name, scope: self._new_place(workbench, action, document, start, end,
                                                                         name, scope))
        else:
            dialog.new_button.hide()
        dialog.show()
        self.chooser = dialog
        return dialog

    def _new_place(self, workbench, action, document, start, end, name, scope) -> None:
        form = workbench.open_place_dialog({"name": name})

        def saved():
            self._pending = (action, document, start, end, scope, form.values()["id"])

        form.accepted.connect(saved)

    # -- context menus of the passages and the reader -------------------------------
    def menu_hook(self, browser: LinkBrowser, workbench=None):
        """A hook for :attr:`LinkBrowser.menu_hooks`: review entries for the
        mention under the mouse, and "Link … to a place" for selected text."""

        def hook(menu, anchor: str, pos) -> None:
            index, review = self.session.index, self.review
            if index is None or review is None:
                return
            first = menu.actions()[0] if menu.actions() else None
            entries: list = []

            def add(text, slot):
                entries.append((text, slot))

            names = self.names()
            if anchor.startswith(("place:", "rejected:")):
                parsed = LinkBrowser.parse_place(anchor.split(":", 1)[1])
                if parsed:
                    place, doc, start, end = parsed
                    found = review.mention_at(doc, start)
                    status = found[3] if found else AUTOMATIC
                    surface = index.corpus.by_id[doc].text[start:end]
                    name = names.get(place, place)
                    if status == REJECTED:
                        add(f"Restore the link to {name} (undo the rejection)", lambda: self.clear(doc, start))
                    else:
                        add(f"✓ Confirm: “{surface}” is {name}", lambda: self.decide("confirm", doc, start))
                        add("Change to another place…",
                            lambda: self.choose_place("change", doc, start, end, place, workbench=workbench))
                        add(f"✗ Reject: “{surface}” is no place here", lambda: self.decide("reject", doc, start))
                        for scope, where in (("document", "this document"), ("corpus", "the corpus")):
                            plan = review.plan("confirm", doc, start, scope=scope)
                            if plan.count > 1:
                                add(f"Confirm every identical mention in {where} ({plan.count})",
                                    lambda s=scope: self.decide("confirm", doc, start, scope=s))
                                add(f"Reject every identical mention in {where} ({plan.count})",
                                    lambda s=scope: self.decide("reject", doc, start, scope=s))
                        if status != AUTOMATIC:
                            add(f"Clear my decision ({STATUS_LABELS[status]}: back to the automatic link)",
                                lambda: self.clear(doc, start))
            span = selection_span(browser, index)
            if span is not None and anchor.startswith(("place:", "rejected:")) and \
                    (LinkBrowser.parse_place(anchor.split(":", 1)[1]) or (None,))[1:] == span:
                span = None  # the keyboard is on that mention (Tab selects a link's text): no "link it" entry
            if span is not None:
                doc, start, end = span
                surface = index.corpus.by_id[doc].text[start:end]
                short = surface if len(surface) <= 40 else surface[:37] + "…"
                add(f"Link “{short}” to a place…",
                    lambda: self.choose_place("add", doc, start, end, None, workbench=workbench))
            if not entries:
                return
            for text, slot in entries:
                action = menu.addAction(text)
                action.triggered.connect(lambda _=False, f=slot: f())
                if first is not None:
                    menu.removeAction(action)
                    menu.insertAction(first, action)
            if first is not None:
                menu.insertSeparator(first)

        return hook


def selection_span(browser: LinkBrowser, index) -> tuple[str, int, int] | None:
    """The selected text of a passages or reader view as (document, start,
    end) in the document's text, or None (nothing selected, or not inside one
    passage). The selection is found in the passage's reading text and mapped
    back through its offset map."""
    cursor = browser.textCursor()
    if not cursor.hasSelection() or not browser._starts:
        return None
    selected = cursor.selectedText().replace("\u2029", " ").replace("\u2028", " ")
    lead = len(selected) - len(selected.lstrip())
    selected = selected.strip()
    if not selected or not fold_phrase(selected):
        return None
    qpos = cursor.selectionStart() + lead
    k = bisect_right(browser._starts, qpos) - 1
    if k < 0:
        return None
    pid = browser._ids[k]
    passage = index.passages.get(pid)
    if passage is None:
        return None
    text, _ = index.reading_text(pid)
    plain = browser.document().toPlainText()
    block_end = browser._starts[k + 1] if k + 1 < len(browser._starts) else len(plain)
    block = plain[browser._starts[k]:block_end]
    base = block.find(text[:24]) if text else -1
    guess = qpos - browser._starts[k] - max(base, 0)
    if text[guess:guess + len(selected)] != selected:
        found, pos = [], text.find(selected)
        while pos != -1:
            found.append(pos)
            pos = text.find(selected, pos + 1)
        if not found:
            return None  # the selection runs beyond the passage
        guess = min(found, key=lambda p: abs(p - guess))
    _, origin = index.display(passage.id)
    start, end = origin[guess], origin[guess + len(selected) - 1] + 1
    return passage.document, start, end


# ---------------------------------------------------------------------------
# The place chooser

class PlaceChooser(QDialog):
    """Choose the place a span is: ranked alternatives first; typing searches
    every place by name or alias. Also how far the decision reaches (this
    mention, every identical one in the document or the corpus, with counts)."""

    chosen = Signal(str, str)     # place id, scope
    newPlace = Signal(str, str)   # the text, scope: create a place for it first

    def __init__(self, controller: ReviewController, action: str, document: str, start: int, end: int,
                 current: str | None, parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        index = controller.session.index
        self.index = index
        self.names = controller.names()
        text = index.corpus.by_id[document].text
        surface = text[start:end]
        self.setWindowTitle("Change to another place" if action == "change" else "Link to a place")
        before, after = " ".join(text[max(0, start - 80):start].split()), " ".join(text[end:end + 80].split())
        context = QLabel(f"…{html.escape(before)} <b style='background:{HIGHLIGHT}'>{html.escape(surface)}</b> "
                         f"{html.escape(after)}…")
        context.setTextFormat(Qt.TextFormat.RichText)  # built from escaped text only
        context.setWordWrap(True)
        heading = QLabel(f"“{surface}” is now linked to {self.names.get(current, current)}. What is it?"
                          if current else f"Which place is “{surface}”?")
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Type to search every place (any name or alias)")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.scope = QComboBox()
        counts = {}
        for scope in ("document", "corpus"):  # how many identical mentions each scope reaches
            if action == "add":
                plan = controller.plan("add", document, start, end, place=index.gazetteer.places[0].id, scope=scope)
            else:
                plan = controller.plan("confirm", document, start, scope=scope)
            counts[scope] = plan.count if plan else 1
        self.scope.addItem("this mention only", "mention")
        self.scope.addItem(f"every identical mention in this document ({counts['document']})", "document")
        self.scope.addItem(f"every identical mention in the corpus ({counts['corpus']})", "corpus")
        self.new_button = QPushButton("New place…")
        self.new_button.setToolTip("Add a place to the gazetteer for this text, then link it")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        self.new_button.clicked.connect(self._new)
        layout = QVBoxLayout(self)
        layout.addWidget(context)
        layout.addWidget(heading)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        row.addWidget(QLabel("Apply to:"))
        row.addWidget(self.scope, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self._surface, self._current = surface, current
        self._ranked = alternatives(index, document, start, end, current, limit=12)
        self.filter.textChanged.connect(self._fill)
        self.filter.returnPressed.connect(self._ok)
        self.list.itemActivated.connect(lambda _item: self._ok())
        self._fill("")
        self.resize(560, 480)
        self.filter.setFocus()

    def _fill(self, query: str) -> None:
        self.list.clear()
        if not fold_phrase(query):
            rows = self._ranked
        else:
            rows = search_places(self.index, query, exclude=(self._current,) if self._current else ())
        for pid, why in rows:
            item = QListWidgetItem(place_label(self.index, pid, self.names, why))
            item.setData(Qt.ItemDataRole.UserRole, pid)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def choose(self, place_id: str, scope: str = "mention") -> None:
        """Choose programmatically (tests, keyboard)."""
        self.chosen.emit(place_id, scope)
        self.accept()

    def _ok(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.choose(item.data(Qt.ItemDataRole.UserRole), self.scope.currentData())

    def _new(self) -> None:
        self.newPlace.emit(self._surface, self.scope.currentData())
        self.accept()


# ---------------------------------------------------------------------------
# The review queue

class ReviewQueuePanel(_Panel, QWidget):
    """The unchecked mentions most worth a look, one at a time, with its
    passage, its ranked alternatives and single keys: C confirm, X reject,
    1–9 change to that alternative, O another place…, S or Space skip,
    B back, U undo, D toggles "every identical mention in this document".
    Unlinked names the candidates finder flagged come after the doubtful
    links: 1–9 or O link them, X records the name as no place."""

    DEFER = True
    notAPlace = Signal(str)  # an unlinked name the user says is no place (not-places.txt)

    def __init__(self, session: Session, controller: ReviewController, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.progress = QLabel("")
        self.progress.setTextFormat(Qt.TextFormat.PlainText)
        self.where = QLabel("")
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setWordWrap(True)
        self.reasons = QLabel("")
        self.reasons.setTextFormat(Qt.TextFormat.PlainText)
        self.reasons.setWordWrap(True)
        self.reasons.setStyleSheet("color:#57534e")
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.alts = QListWidget()
        # At least four alternatives in sight whatever the dock's height (at 760 px only two were, the rest
        # behind a scroll bar), each on one line, cut at the right with the whole text as its tooltip.
        self.alts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.alts.setTextElideMode(Qt.TextElideMode.ElideRight)
        row = self.alts.fontMetrics().height() + 4
        self.alts.setMinimumHeight(ALTERNATIVES_SHOWN * row + 2 * self.alts.frameWidth())
        self.alts.setMaximumHeight(max(170, ALTERNATIVES_SHOWN * row + 2 * self.alts.frameWidth()))
        self.alts.itemActivated.connect(lambda item: self.change(self.alts.row(item)))
        self.all_in_document = QCheckBox("Every identical mention in this document (D)")
        buttons = QGridLayout()  # two rows of three: one row of six kept the right docks 560 px wide
        self.buttons = {}
        for key, label, slot in (("C", "Confirm (C)", self.confirm), ("X", "Reject (X)", self.reject),
                                 ("O", "Other place… (O)", self.other), ("S", "Skip (S)", self.skip),
                                 ("B", "Back (B)", self.back), ("U", "Undo (U)", self.undo)):
            button = QPushButton(label)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            buttons.addWidget(button, len(self.buttons) // 3, len(self.buttons) % 3)
            self.buttons[key] = button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.progress)
        layout.addWidget(self.where)
        layout.addWidget(self.reasons)
        layout.addWidget(self.text, 1)
        layout.addWidget(QLabel("Or is it (press the number):"))
        layout.addWidget(self.alts)
        layout.addWidget(self.all_in_document)
        layout.addLayout(buttons)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        keys = {"C": self.confirm, "X": self.reject, "O": self.other, "S": self.skip, "Space": self.skip,
                "B": self.back, "U": self.undo, "D": self.all_in_document.toggle}
        for n in range(1, 10):
            keys[str(n)] = lambda n=n: self.change(n - 1)
        self._shortcuts = []
        for key, slot in keys.items():
            shortcut = QShortcut(QKeySequence(key), self, context=context)
            shortcut.activated.connect(slot)
            self._shortcuts.append(shortcut)
        self.queue: list = []
        #: The candidates finder's unlinked names (set when the window has them).
        self.candidates: tuple = ()
        self.pos = 0
        self.trail: list[int] = []  # positions shown before, for Back
        self.skipped: set[tuple[str, int]] = set()
        self._alternatives: list[tuple[str, str]] = []
        self._queue_for = None
        self.active = False
        controller.changed.connect(self._after_change)
        self._subscribe(session, IndexReplaced)

    # -- the queue ------------------------------------------------------------------
    def start(self) -> None:
        """Show the queue's first unchecked mention (the Review menu)."""
        self.active = True
        if self.session.current.mode != "any":
            self.session.set_mode("any", source="review")
        self._build_queue()
        self.pos = 0
        self.trail = []
        self._advance()
        self.setFocus()

    def _build_queue(self) -> None:
        index = self.session.index
        self.queue = review_queue(index, candidates=self.candidates) if index is not None else []
        self._queue_for = index

    def on_event(self, event) -> None:
        if not self.active:
            return
        if self._queue_for is None:
            self._build_queue()
        self.render_all()

    def _after_change(self) -> None:
        if self.active:
            self._advance()

    def _status(self, item) -> int:
        found = self.controller.review.mention_at(item.document, item.start)
        if not item.place:  # an unlinked name: still to do while nothing links it
            layer = self.controller.review.index.review
            decided = layer is not None and layer.decision_over(item.document, item.start, item.end)
            return AUTOMATIC if found is None and not decided else -1
        if found is None or (found[0], found[1]) != (item.start, item.end) or found[2] != item.place:
            return -1  # no longer this mention (decided over, relinked)
        return found[3]

    def current(self):
        """The mention shown now (None: the queue is done)."""
        return self.queue[self.pos] if 0 <= self.pos < len(self.queue) else None

    def _advance(self) -> None:
        """Move to the first undecided, unskipped mention at or after ``pos``."""
        while self.pos < len(self.queue):
            item = self.queue[self.pos]
            if (item.document, item.start) not in self.skipped and self._status(item) == AUTOMATIC:
                break
            self.pos += 1
        self.render_all()

    def _next(self) -> None:
        self.trail.append(self.pos)
        self.pos += 1
        self._advance()

    # -- actions ---------------------------------------------------------------------
    def _scope(self) -> str:
        return "document" if self.all_in_document.isChecked() else "mention"

    def confirm(self) -> None:
        item = self.current()
        if item is not None and not item.place:
            self.controller.status.emit("Nothing to confirm: the name is not linked (1–9 or O link it, "
                                        "X says it is no place)", 5000)
        elif item is not None:
            self.trail.append(self.pos)
            self.controller.decide("confirm", item.document, item.start, scope=self._scope(), ask=False)

    def reject(self) -> None:
        item = self.current()
        if item is not None and not item.place:
            # No place: the name goes into not-places.txt; its other occurrences leave the queue.
            key = fold_phrase(item.surface)
            self.skipped.update((i.document, i.start) for i in self.queue
                                if not i.place and fold_phrase(i.surface) == key)
            self.notAPlace.emit(item.surface)
            self._next()
        elif item is not None:
            self.trail.append(self.pos)
            self.controller.decide("reject", item.document, item.start, scope=self._scope(), ask=False)

    def change(self, n: int) -> None:
        item = self.current()
        if item is not None and 0 <= n < len(self._alternatives):
            self.trail.append(self.pos)
            action = "change" if item.place else "add"
            self.controller.decide(action, item.document, item.start, item.end, place=self._alternatives[n][0],
                                   scope=self._scope(), ask=False)

    def other(self) -> None:
        item = self.current()
        if item is not None:
            self.controller.choose_place("change" if item.place else "add", item.document, item.start, item.end,
                                         item.place or None)

    def skip(self) -> None:
        item = self.current()
        if item is not None:
            self.skipped.add((item.document, item.start))
            self._next()

    def back(self) -> None:
        if self.trail:
            self.pos = self.trail.pop()
            item = self.current()
            if item is not None:
                self.skipped.discard((item.document, item.start))
            self.render_all()

    def undo(self) -> None:
        if self.controller.undo() and self.trail:
            self.pos = self.trail.pop()
            self._advance()

    # -- drawing -----------------------------------------------------------------------
    def render_all(self) -> None:
        review = self.controller.review
        if review is None:
            return
        done, total = review.progress()
        left = max(0, len(self.queue) - self.pos)
        item = self.current()
        self.progress.setText(f"{done:,} of {total:,} mentions checked · {left:,} left in the queue"
                              + (f" · {len(self.skipped)} skipped" if self.skipped else ""))
        for button in self.buttons.values():
            button.setEnabled(item is not None)
        if item is None:
            self.where.setText("The queue is done: every mention in it is checked or skipped.")
            self.reasons.setText("")
            self.text.setHtml("")
            self.alts.clear()
            self._alternatives = []
            self.buttons["B"].setEnabled(bool(self.trail))
            return
        index = review.index
        doc = index.corpus.by_id[item.document]
        passage = next(p for p in index.document_passages[doc.id] if p.start <= item.start < p.end)
        names = self.controller.names()
        if item.place:
            self.where.setText(f"“{item.surface}” → {names.get(item.place, item.place)}   "
                               f"({doc.title} · ¶{passage.number})")
        else:
            self.where.setText(f"“{item.surface}” is not linked: which place is it? X if none   "
                               f"({doc.title} · ¶{passage.number})")
        self.reasons.setText("Why: " + "; ".join(item.reasons))
        self.text.setHtml(self._passage_html(index, passage.id, item))
        if item.place:
            self._alternatives = alternatives(index, item.document, item.start, item.end, item.place)
        else:
            self._alternatives = [(pid, why or "in the gazetteer")
                                  for pid, why in search_places(index, item.surface, limit=9)]
        self.buttons["C"].setEnabled(bool(item.place))
        self.alts.clear()
        for n, (pid, why) in enumerate(self._alternatives, 1):
            label = f"{n}  {place_label(index, pid, names, why)}"
            self.alts.addItem(label)
            self.alts.item(n - 1).setToolTip(plain_tooltip(label))
        if item.place:
            identical = review.plan("confirm", item.document, item.start, scope="document").count
        else:
            identical = sum(1 for i in self.queue if i.document == item.document and not i.place
                            and fold_phrase(i.surface) == fold_phrase(item.surface))
        self.all_in_document.setText(f"Every identical mention in this document ({identical}) (D)")
        # The map shows the place and the alternatives its name suggests (not every place nearby).
        # (Places only ever an alternative are not on the map: it shows the index's places.)
        related = [pid for pid, why in self._alternatives
                   if (why in NAME_REASONS or why.startswith(LINKER_REASON)) and pid in index.gazetteer.by_id][:4]
        if not item.place:
            related = [pid for pid, _ in self._alternatives if pid in index.gazetteer.by_id][:4]
        places = [p for p in (item.place, *related) if p]
        self._report(lambda: self._show_on_map(places, passage.id))

    def _show_on_map(self, places: list[str], passage_id: str) -> None:
        self.session.select(places, passage_id, source="review")

    @staticmethod
    def _passage_html(index, passage_id: str, item) -> str:
        # The mention under review stands out; the passage's other mentions as plain text.
        text, spans = index.reading_text(passage_id)
        target = f"{item.place}@{item.document}:{item.start}:{item.end}"
        span = next(((a, b) for a, b, t in spans if t == target), None)
        if span is None and not item.place:  # an unlinked name: find it in the reading text
            from ..corpus import display_span

            _, origin = index.display(passage_id)
            a, b = display_span(origin, item.start, item.end)
            span = (a, b) if b > a else None
        if span is None:
            return passage_html(index, passage_id, set(), link_places=False)
        a, b = span
        return (html.escape(text[:a]) + f'<span style="background:{HIGHLIGHT};font-weight:bold;'
                f'font-size:large">{html.escape(text[a:b])}</span>' + html.escape(text[b:]))

    def shown(self) -> dict:
        item = self.current()
        return {"item": (item.document, item.start) if item else None, "pos": self.pos, "queue": len(self.queue)}

