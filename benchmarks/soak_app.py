"""Soak run: the real window, offscreen, driven by seeded random user actions.

    python benchmarks/soak_app.py [--actions 10000] [--seed 1] [--report soak.json]

Every action is one a user can take: clicks (plain, Ctrl, Shift) in the
places list, clicks on markers in the map page and on places through the
page's bridge, typing in the places filter (and Ctrl+A, Backspace), ticking
documents, the all/any mode, search (typing, Enter, clicking a result),
clicking a passage's text, a name in a passage or the reader, "show more",
Back/Forward/Esc, View menu filters (references, near/inside, place names,
curated/reference places), the map's time range control,
exports, gazetteer edits through the app (add a place, undo) and on disk
(an alias appended, then removed) with the relink they cause, window
resizes. After every action the event loop is run until the window is idle,
and every panel — and the map page, asked through JavaScript — is compared
with the session (``caucasusmap.app.qt_check``). Exceptions raised anywhere
in Python (UI thread, worker threads, session handlers) and JavaScript
errors in the page are counted.

The same seed gives the same action sequence. The test suite runs 500
actions (``tests/app/test_soak.py``); the README gives the figures of a
10,000-action run.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def rss_kib(pid: int | str = "self") -> int:
    """Resident memory of a process, KiB (Linux)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children_rss_kib() -> int:
    """Resident memory of this process's descendants (Chromium's), KiB."""
    me, total, seen = os.getpid(), 0, set()
    parents = {me}
    try:
        procs = [p for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return 0
    info = {}
    for p in procs:
        try:
            stat = Path(f"/proc/{p}/stat").read_text()
            info[int(p)] = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    changed = True
    while changed:
        changed = False
        for pid, ppid in info.items():
            if ppid in parents and pid not in parents:
                parents.add(pid)
                changed = True
    for pid in parents - {me}:
        if pid not in seen:
            seen.add(pid)
            total += rss_kib(pid)
    return total


def type_text(widget, text: str) -> None:
    """Type ``text`` as key presses; characters QTest cannot press (it knows
    ASCII keys only) arrive as an input method would insert them."""
    from PySide6.QtTest import QTest

    for ch in text:
        if ch.isascii() and ch.isprintable():
            QTest.keyClicks(widget, ch)
        else:
            widget.insert(ch)


@dataclass
class Report:
    actions: int = 0
    counts: dict = field(default_factory=dict)
    time: dict = field(default_factory=dict)  # seconds spent per kind of action (with waiting and checks)
    exceptions: list = field(default_factory=list)
    disagreements: list = field(default_factory=list)
    js_errors: list = field(default_factory=list)
    rss_start_kib: int = 0
    rss_end_kib: int = 0
    children_rss_start_kib: int = 0
    children_rss_end_kib: int = 0
    seconds: float = 0.0

    def ok(self) -> bool:
        return not (self.exceptions or self.disagreements or self.js_errors)

    def summary(self) -> str:
        return (f"{self.actions} actions in {self.seconds:.0f} s; {len(self.exceptions)} Python exceptions, "
                f"{len(self.js_errors)} JavaScript errors, {len(self.disagreements)} disagreements; "
                f"RSS {self.rss_start_kib / 1024:.0f} -> {self.rss_end_kib / 1024:.0f} MiB (app process), "
                f"{self.children_rss_start_kib / 1024:.0f} -> {self.children_rss_end_kib / 1024:.0f} MiB "
                f"(Chromium processes)")


class _Errors(logging.Handler):
    """Collects ERROR records of the app's loggers (bugs caught and logged,
    JavaScript errors of the page)."""

    def __init__(self, report: Report):
        super().__init__(logging.ERROR)
        self.report = report

    def emit(self, record):
        if not record.name.startswith("caucasusmap"):
            return
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + "".join(traceback.format_exception(*record.exc_info))
        (self.report.js_errors if record.name == "caucasusmap.map" else self.report.exceptions).append(text)


class Soak:
    """Drives one window (see the module docstring)."""

    def __init__(self, window, seed: int, workdir: Path, *, check_map_every: int = 1):
        from PySide6.QtWidgets import QApplication

        self.w = window
        self.app = QApplication.instance()
        self.rng = random.Random(seed)
        self.workdir = workdir
        self.check_map_every = check_map_every
        self.report = Report()
        self._added: list[str] = []
        self._disk_edit: tuple[Path, str] | None = None
        self._next_id = 0

    # -- waiting ------------------------------------------------------------------
    def idle(self, timeout: float = 60.0) -> None:
        """Run the event loop until the window is idle: deferred renders done,
        no link or page build running, the page ready."""
        from caucasusmap.app.qt_compat import none_refcount, restore_none_refcount

        w, end = self.w, time.perf_counter() + timeout
        base = none_refcount()
        for _ in range(3):
            self.app.processEvents()
        while (w.loading.busy or w.loading.timer.isActive() or w.map_controller.building or not w.map.is_ready
               or (w.index is not None and not w.extras_ready and w.loading._extras_for is w.index)):
            self.app.processEvents()
            restore_none_refcount(base)
            time.sleep(0.002)
            if time.perf_counter() > end:
                raise TimeoutError("the window did not become idle")
        for _ in range(3):
            self.app.processEvents()
        restore_none_refcount(base)

    def js(self, code: str, timeout: float = 20.0):
        box = []
        self.w.map.page().runJavaScript(code, 0, box.append)
        end = time.perf_counter() + timeout
        while not box:
            self.app.processEvents()
            time.sleep(0.001)
            if time.perf_counter() > end:
                raise TimeoutError("the page did not answer")
        return box[0]

    # -- actions --------------------------------------------------------------------
    def _visible_ids(self):
        proxy = self.w.places.proxy
        return [proxy.data(proxy.index(r, 0), self.w.places.model.ID_ROLE) for r in range(proxy.rowCount())]

    def _place_ids(self):
        return list(self.w.index.gazetteer.by_id)

    def click_list(self):
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        proxy, table = self.w.places.proxy, self.w.places.table
        if not proxy.rowCount():
            return self.type_filter()
        row = self.rng.randrange(proxy.rowCount())
        columns = [c for c in range(proxy.columnCount()) if not table.isColumnHidden(c)]
        index = proxy.index(row, self.rng.choice(columns))
        table.scrollTo(index)
        mod = self.rng.choice([Qt.KeyboardModifier.NoModifier] * 3 + [Qt.KeyboardModifier.ControlModifier,
                                                                       Qt.KeyboardModifier.ShiftModifier])
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, mod, table.visualRect(index).center())

    def key_list(self):
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        table = self.w.places.table
        table.setFocus()
        key = self.rng.choice([Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_Home])
        mod = self.rng.choice([Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier])
        QTest.keyClick(table, key, mod)

    def click_marker(self):
        # A real click on a marker in the page: the page's own handler, then its bridge.
        k = int(self.js("caucasusmap._state.markers.length") or 0)
        if not k:
            return
        i = self.rng.randrange(k)
        ctrl = "true" if self.rng.random() < 0.3 else "false"
        self.js(f"""(function () {{ var m = caucasusmap._state.markers[{i}];
            m.fire('click', {{originalEvent: {{ctrlKey: {ctrl}, metaKey: false}}}}); return 1; }})()""")
        self.app.processEvents()

    def bridge_places(self):
        ids = self.rng.sample(self._place_ids(), self.rng.randint(0, 3))
        ids.append(self.rng.choice(["atlantis", "<img src=x>", ""]))  # the bridge drops what the page does not show
        self.w.map.bridge.handle("placesClicked", [ids])

    def type_filter(self):
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        edit = self.w.places.filter_edit
        edit.setFocus()
        r = self.rng.random()
        if r < 0.25:
            QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        elif r < 0.4:
            QTest.keyClick(edit, Qt.Key.Key_Backspace)
            return
        elif r < 0.5:
            edit.clear()
            return
        name = self.rng.choice(self.w.index.gazetteer.places).name
        text = name[: self.rng.randint(1, max(1, len(name)))] if self.rng.random() < 0.8 else \
            self.rng.choice(["Tebriz", "Na", "zz", "ş", "Qara", "-", "  "])
        type_text(edit, text)
        if self.rng.random() < 0.2:
            QTest.keyClick(edit, Qt.Key.Key_Return)

    def tick_document(self):
        docs = self.w.documents
        if not docs.count():
            return
        row = self.rng.randrange(docs.count())
        docs.set_checked(row, not docs.model.is_checked(row))

    def mode(self):
        self.w.passages.mode.setCurrentIndex(self.rng.randrange(2))

    def search(self):
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        w = self.w
        w._focus_search()
        words = ["Nurduz", "Tabriz", "Aras", "border", "\"Lachin corridor\"", "Karab*", "war", "ş", "(", "Baku"]
        w.search.edit.selectAll()
        type_text(w.search.edit, self.rng.choice(words))
        n = w.search.results.count()
        if n and self.rng.random() < 0.5:
            item = w.search.results.item(self.rng.randrange(n))
            w.search.results.scrollToItem(item)
            rect = w.search.results.visualItemRect(item)
            QTest.mouseClick(w.search.results.viewport(), Qt.MouseButton.LeftButton,
                             Qt.KeyboardModifier.NoModifier, rect.center())
        elif n:
            QTest.keyClick(w.search.edit, Qt.Key.Key_Return)

    def click_passage_text(self):
        from PySide6.QtCore import QPoint, Qt
        from PySide6.QtTest import QTest

        browser = self.rng.choice([self.w.passages.browser, self.w.reader.browser])
        if not browser._starts:
            return
        k = self.rng.randrange(len(browser._starts))
        cursor = browser.textCursor()
        cursor.setPosition(min(browser._starts[k] + 3, browser.document().characterCount() - 1))
        browser.setTextCursor(cursor)
        browser.ensureCursorVisible()
        rect = browser.cursorRect(cursor)
        cursor.clearSelection()
        browser.setTextCursor(cursor)
        QTest.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(rect.x(), rect.center().y()))

    def click_name(self):
        from PySide6.QtCore import QUrl

        browser = self.rng.choice([self.w.passages.browser, self.w.reader.browser])
        links = [a for a in browser.toHtml().split('href="')[1:] if a.startswith("place:")]
        if links:
            browser.anchorClicked.emit(QUrl(self.rng.choice(links).split('"', 1)[0]))

    def show_more(self):
        self.w.passages.show_more()

    def history(self):
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        w = self.w
        choice = self.rng.random()
        if choice < 0.4:
            w.back_action.trigger()
        elif choice < 0.8:
            w.forward_action.trigger()
        else:
            QTest.keyClick(w, Qt.Key.Key_Escape)

    def view_menu(self):
        w, r = self.w, self.rng.random()
        if r < 0.35:
            w.references_action.trigger()
        elif r < 0.6:
            if w.state.current.places and self.rng.random() < 0.6:
                w.state.select_places(w.state.current.places[:1], source="soak")
                w.filter_near_selection(self.rng.choice([0, 10, 50, 200]))
            else:
                w.clear_place_filter()
        elif r < 0.8:
            w.set_naming(self.rng.choice(list(w.naming_actions)))
        else:
            action = self.rng.choice(list(w.origin_actions.values()))
            action.trigger()

    def time_range(self):
        # The map's "Documents dated" control, as a user changes it (the page tells the app).
        r = self.rng.random()
        pick = "0" if r < 0.3 else f"Math.floor({self.rng.random()!r} * n)"
        other = "n - 1" if r < 0.3 else f"Math.floor({self.rng.random()!r} * n)"
        self.js(f"""(function () {{ var s = document.querySelectorAll('.cm-time select');
            if (s.length < 2) return 0;
            var n = s[0].options.length;
            s[0].selectedIndex = {pick}; s[0].dispatchEvent(new Event('change'));
            s[1].selectedIndex = {other}; s[1].dispatchEvent(new Event('change'));
            return 1; }})()""")
        self.app.processEvents()

    def export(self):
        fmt = self.rng.choice(["html", "geojson", "csv", "lpf"])
        out = self.w.export_view(fmt, self.workdir / f"soak.{fmt}")
        if out is None or not out.stat().st_size:
            self.report.exceptions.append(f"export {fmt} wrote nothing")

    def open_document(self):
        docs = self.w.documents
        if docs.count():
            docs.activated.emit(docs.model.index(self.rng.randrange(docs.count())))

    def candidate(self):
        lst = self.w.candidates.list
        if lst.count():
            lst.setCurrentRow(self.rng.randrange(lst.count()))

    def resize(self):
        self.w.resize(self.rng.randint(700, 1600), self.rng.randint(500, 1000))

    def gazetteer_edit(self):
        w, r = self.w, self.rng.random()
        if r < 0.45 or not (self._added or self._disk_edit):
            if self.rng.random() < 0.5:
                self._next_id += 1
                name = f"Soakplace {self._next_id}"
                fields = {"id": f"soakplace-{self._next_id}", "name": name, "aliases": [], "kind": "village",
                          "lat": round(38.5 + self.rng.random() * 2, 4), "lon": round(45 + self.rng.random() * 3, 4),
                          "note": "soak"}
                if w.workbench.add_place(fields):
                    self._added.append(fields["id"])
            elif self._disk_edit is None:
                # An edit made in the user's own editor: an alias for a place (it links a new word).
                f = w.gazetteer_path / "places.yaml" if w.gazetteer_path.is_dir() else w.gazetteer_path
                text = f.read_text(encoding="utf-8")
                if "aliases: [Qafan, Ghapan]" in text:
                    self._disk_edit = (f, text)
                    f.write_text(text.replace("aliases: [Qafan, Ghapan]", "aliases: [Qafan, Ghapan, Keyhan]"),
                                 encoding="utf-8")
        elif self._disk_edit is not None and self.rng.random() < 0.5:
            f, text = self._disk_edit
            f.write_text(text, encoding="utf-8")
            self._disk_edit = None
        elif self._added:
            w.workbench.undo()
            self._added.pop()
        w.loading.reload() if self.rng.random() < 0.1 else None

    ACTIONS = [  # (weight, method name)
        (14, "click_list"), (4, "key_list"), (8, "click_marker"), (4, "bridge_places"), (12, "type_filter"),
        (4, "tick_document"), (4, "mode"), (7, "search"), (8, "click_passage_text"), (5, "click_name"),
        (2, "show_more"), (8, "history"), (4, "view_menu"), (1, "export"), (2, "open_document"),
        (2, "candidate"), (3, "resize"), (1, "gazetteer_edit"), (3, "time_range"),
    ]

    # -- the run ----------------------------------------------------------------------
    def check(self, n: int, name: str) -> None:
        from caucasusmap.app.qt_check import MAP_STATE, disagreements, map_disagreements

        found = disagreements(self.w)
        if self.check_map_every and n % self.check_map_every == 0:
            found += map_disagreements(self.w, self.js(MAP_STATE))
        for d in found:
            self.report.disagreements.append(f"after action {n} ({name}): {d}")

    def run(self, actions: int, progress=None) -> Report:
        from caucasusmap.session import HandlerFailed

        report = self.report
        handler = _Errors(report)
        logging.getLogger("caucasusmap").addHandler(handler)
        old_hook, old_thread_hook = sys.excepthook, threading.excepthook
        sys.excepthook = lambda *exc: report.exceptions.append("".join(traceback.format_exception(*exc)))
        threading.excepthook = lambda a: report.exceptions.append(
            "".join(traceback.format_exception(a.exc_type, a.exc_value, a.exc_traceback)))
        unsubscribe = self.w.state.subscribe(lambda e: report.exceptions.append(repr(e.error)), HandlerFailed)
        weights, names = zip(*self.ACTIONS)
        started = time.perf_counter()
        try:
            self.idle()
            report.rss_start_kib, report.children_rss_start_kib = rss_kib(), children_rss_kib()
            for n in range(1, actions + 1):
                name = self.rng.choices(names, weights)[0]
                t = time.perf_counter()
                try:
                    getattr(self, name)()
                    self.idle()
                    self.check(n, name)
                except Exception:
                    report.exceptions.append(f"action {n} ({name}):\n{traceback.format_exc()}")
                report.counts[name] = report.counts.get(name, 0) + 1
                report.time[name] = report.time.get(name, 0.0) + time.perf_counter() - t
                report.actions = n
                if progress and n % 500 == 0:
                    progress(n, report)
            report.rss_end_kib, report.children_rss_end_kib = rss_kib(), children_rss_kib()
        finally:
            report.seconds = time.perf_counter() - started
            sys.excepthook, threading.excepthook = old_hook, old_thread_hook
            logging.getLogger("caucasusmap").removeHandler(handler)
            unsubscribe()
        return report


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--actions", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--report", type=Path, help="write the report as JSON here")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from caucasusmap.app.launch import prepare_environment, quiet_qt_messages

    prepare_environment()
    quiet_qt_messages()
    from caucasusmap.app.qt_map import register_scheme

    register_scheme()
    import shutil

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from caucasusmap import paths

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="cm-soak-") as tmp:
        tmp = Path(tmp)
        os.environ["CAUCASUSMAP_CACHE_DIR"] = str(tmp / "cache")
        shutil.copytree(paths.default_gazetteer(), tmp / "gazetteer")
        shutil.copytree(paths.default_corpus(), tmp / "corpus")
        from caucasusmap.app.qt_window import MainWindow

        w = MainWindow(tmp / "gazetteer", tmp / "corpus",
                       settings=QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
        w.resize(1400, 880)
        w.show()
        soak = Soak(w, args.seed, tmp)
        report = soak.run(args.actions, progress=lambda n, r: print(f"  {n} actions, {len(r.exceptions)} "
                                                                    f"exceptions, {len(r.disagreements)} "
                                                                    f"disagreements, RSS {rss_kib() / 1024:.0f} MiB "
                                                                    f"(Chromium {children_rss_kib() / 1024:.0f} MiB)",
                                                                    flush=True))
        w.close()
        del app
    print(report.summary())
    for line in (report.exceptions + report.js_errors + report.disagreements)[:20]:
        print("  " + line.replace("\n", "\n    "))
    print("actions by kind (count, seconds): " + ", ".join(
        f"{k} {v} {report.time.get(k, 0):.0f}s" for k, v in sorted(report.counts.items())))
    if args.report:
        args.report.write_text(json.dumps(report.__dict__, indent=1), encoding="utf-8")
    return 0 if report.ok() else 1


if __name__ == "__main__":
    sys.exit(main())
