"""Benchmark: the desktop app's cold start and click-to-update latency.

    python benchmarks/bench_app.py [--clicks 100] [--runs 3] [--before DIR] [--no-start] [--profile FILE]

Runs offscreen (QT_QPA_PLATFORM=offscreen unless a DISPLAY is set). DIR is a
checkout of the app to compare with (e.g. ``git archive <commit> | tar x -C
DIR``): its cold starts and clicks are measured in the same run, alternating
with this checkout's, on the same gazetteer and corpus.

1. Cold start, in a fresh process each: from interpreter start to the main
   window shown with the map drawn (the page's bridge says ready), with the
   linked-index cache warm and with it empty; and, with the cache warm, to
   the window's first paint with the place list filled (what the user can
   work with before the map is drawn). Baseline in the same run: a bare
   QWebEngineView in a fresh process loading the same map page from a file
   until the map is drawn.
2. Click-to-update, in a fresh app process (two of them, alternating with
   the ``--before`` ones): a place chosen in the list until the passages
   panel is rendered *and* the map page has applied the selection (confirmed
   by a JavaScript round trip queued after it) — median and p95 over N clicks
   on different places (a mouse click on the row); the same through the map
   page's bridge request; and list clicks again with a long document open in
   the reader (the reader redraws the places it names). Baseline: a bare
   JavaScript round trip to the same page.
3. Memory: resident memory of the app process and of Chromium's processes
   when the window is ready, against the bare view; the app's RSS before and
   after the clicks.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from benchhelp import last_json  # noqa: E402
from soak_app import rss_kib  # noqa: E402

STARTUP = r"""
import time, sys, os, json
t0 = time.perf_counter()
{memory}
from caucasusmap.app.launch import prepare_environment
prepare_environment()
from caucasusmap.app.qt_map import register_scheme
register_scheme()
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from caucasusmap.app.qt_window import MainWindow
w = MainWindow({gaz!r}, {corpus!r}, settings=QSettings({ini!r}, QSettings.Format.IniFormat))
usable = []
class Paint(QObject):  # the first paint of the place list with its rows in it
    def eventFilter(self, obj, event):
        if not usable and event.type() == QEvent.Type.Paint and w.places.model.rowCount():
            usable.append(time.perf_counter() - t0)
        return False
painted = Paint()
w.places.table.viewport().installEventFilter(painted)
w.show()
def done():
    seconds = time.perf_counter() - t0
    own, chromium = _tree_rss()
    print(json.dumps({{"seconds": seconds, "usable": usable[0] if usable else seconds, "source": w.index.source,
                      "rss": own, "chromium": chromium}}), flush=True)
    app.quit()
w.map.ready.connect(done)
QTimer.singleShot(60000, app.quit)
app.exec()
"""

BARE = r"""
import time, sys, os, json
t0 = time.perf_counter()
{memory}
from caucasusmap.app.launch import prepare_environment
prepare_environment()
from PySide6.QtCore import QUrl, QTimer
from PySide6.QtWidgets import QApplication
from PySide6.QtWebEngineWidgets import QWebEngineView
app = QApplication([])
v = QWebEngineView(); v.resize(1400, 880); v.show()
def poll():
    v.page().runJavaScript("document.documentElement.dataset.cmReady || ''", 0, check)
def check(r):
    if r == "1":
        seconds = time.perf_counter() - t0
        own, chromium = _tree_rss()
        print(json.dumps({{"seconds": seconds, "rss": own, "chromium": chromium}}), flush=True); app.quit()
    else:
        QTimer.singleShot(5, poll)
v.loadFinished.connect(lambda ok: poll())
v.load(QUrl.fromLocalFile({page!r}))
QTimer.singleShot(60000, app.quit)
app.exec()
"""

MEMORY = f"""
sys.path.insert(0, {str(ROOT / "benchmarks")!r})
from soak_app import rss_kib, children_rss_kib
def _tree_rss():  # this process, and its descendants (Chromium's processes), KiB
    return rss_kib(), children_rss_kib()
"""


def child(code: str, env: dict) -> dict:
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=180)
    result = last_json(r.stdout)
    if result is None:
        raise SystemExit(f"child failed:\n{r.stderr[-3000:]}")
    return result


def p95(xs):
    return sorted(xs)[max(0, int(round(0.95 * len(xs))) - 1)]


def ms(xs) -> str:
    return f"median {statistics.median(xs) * 1000:.1f} ms, p95 {p95(xs) * 1000:.1f} ms"


def clicks(n: int, gaz: str, corpus: str, ini: str, profile: str | None = None) -> dict:
    """The click series, in this process (see the module docstring)."""
    from caucasusmap.app.launch import prepare_environment

    prepare_environment()
    from caucasusmap.app.qt_map import register_scheme

    register_scheme()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from caucasusmap.app.qt_window import MainWindow

    w = MainWindow(Path(gaz), Path(corpus), settings=QSettings(ini, QSettings.Format.IniFormat))
    w.resize(1400, 880)
    w.show()

    from PySide6.QtCore import QEventLoop, QTimer

    from caucasusmap.app.qt_compat import none_refcount, restore_none_refcount

    tick = QTimer(interval=20)  # wakes the waits below at least every 20 ms
    tick.start()
    block = QEventLoop.ProcessEventsFlag.WaitForMoreEvents

    def wait(cond, timeout=120.0):
        # Waits for events rather than spinning, so the UI thread's CPU time
        # per click is the app's work. processEvents leaks a reference to
        # None per call in PySide6 6.12 (see caucasusmap.app.qt_compat): give
        # them back as we go.
        end = time.perf_counter() + timeout
        base = none_refcount()
        while not cond():
            app.processEvents(block)
            restore_none_refcount(base)
            if time.perf_counter() > end:
                raise SystemExit(f"timed out after {timeout:.0f} s")

    wait(lambda: w.index is not None and w.map.is_ready and w.extras_ready, 600.0)

    def roundtrip(code: str) -> float:
        box = []
        t = time.perf_counter()
        w.map.page().runJavaScript(code, 0, box.append)
        wait(lambda: bool(box))
        return time.perf_counter() - t

    proxy = w.places.proxy
    # Places drawn on the map (those with mentions), in list order.
    rows = [r for r in range(proxy.rowCount()) if proxy.data(proxy.index(r, 2)) > 0]
    ids = [proxy.data(proxy.index(r, 0), w.places.model.ID_ROLE) for r in rows]
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    table = w.places.table

    def list_click(r: int) -> float:
        index = proxy.index(rows[r], 0)
        table.scrollTo(index)
        wait(lambda: True)
        box = []
        t, cpu = time.perf_counter(), time.thread_time()
        # A mouse click on the row: session, passages, reader, then the map call queued.
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         table.visualRect(index).center())
        w.map.page().runJavaScript("caucasusmap.selected()", 0, box.append)
        wait(lambda: bool(box))
        seconds = time.perf_counter() - t
        out["cpu"].append(time.thread_time() - cpu)
        assert json.loads(box[0]) == [ids[r]], (box, ids[r])
        return seconds

    rss_before = rss_kib()
    out = {"list": [], "map": [], "reader": [], "base": [], "cpu": [], "places": len(ids)}
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile(time.thread_time)  # the UI thread's CPU time: steady under load
        profiler.enable()
    for k in range(n):
        r = k % len(ids)
        out["base"].append(roundtrip("1"))
        out["list"].append(list_click(r))
        # The same place chosen from the map page (its bridge request, answered like a list click).
        other = ids[(k * 7 + 3) % len(ids)]
        box = []
        t = time.perf_counter()
        w.map.bridge.handle("placesClicked", [[other]])
        w.map.page().runJavaScript("caucasusmap.selected()", 0, box.append)
        wait(lambda box=box: bool(box))
        out["map"].append(time.perf_counter() - t)
        assert json.loads(box[0]) == [other] and w.state.current.places == (other,), (box, other)
    # With the longest document open in the reader: its window of passages
    # shows the selected places in colour, so a click may redraw it.
    index = w.index
    longest = max(index.corpus.documents, key=lambda d: len(index.document_passages.get(d.id, [])))
    w.reader.open_document(longest.id)
    wait(lambda: True)
    out["reader_cpu"] = []
    out["reader_document"] = f"{longest.id} ({len(index.document_passages[longest.id])} passages)"
    for k in range(n):
        out["reader"].append(list_click((k * 3 + 1) % len(ids)))
        out["reader_cpu"].append(out["cpu"].pop())
        assert w.reader.document_id == longest.id
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile)
    out["rss"] = [rss_before, rss_kib()]
    w.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clicks", type=int, default=100, help="clicks of each kind, in each of the two app processes")
    ap.add_argument("--runs", type=int, default=3, help="cold starts of each kind (best and median reported)")
    ap.add_argument("--before", type=Path, help="a checkout of the app to compare with (with src/)")
    ap.add_argument("--no-start", action="store_true", help="skip the cold starts (clicks only)")
    ap.add_argument("--profile", metavar="FILE", help="cProfile this checkout's clicks (the UI thread) into FILE")
    ap.add_argument("--child", help=argparse.SUPPRESS)  # JSON: run the clicks here
    args = ap.parse_args()
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.child:
        c = json.loads(args.child)
        print(json.dumps(clicks(c["n"], c["gaz"], c["corpus"], c["ini"], c.get("profile"))), flush=True)
        return 0
    from caucasusmap import paths

    gaz, corpus = str(paths.default_gazetteer()), str(paths.default_corpus())
    with tempfile.TemporaryDirectory(prefix="cm-appbench-") as tmp:
        tmp = Path(tmp)
        env = {**os.environ, "CAUCASUSMAP_CACHE_DIR": str(tmp / "cache")}
        os.environ["CAUCASUSMAP_CACHE_DIR"] = str(tmp / "cache")
        builds = {"after": env}
        if args.before:
            from bench_basemap import baseline_src

            builds = {"before": {**env, "PYTHONPATH": str(baseline_src(args.before.resolve(), tmp)),
                                 "CAUCASUSMAP_CACHE_DIR": str(tmp / "cache-before")}, "after": env}
        from caucasusmap.index import open_index
        from caucasusmap.maps import render_map

        page = tmp / "map.html"
        page.write_text(render_map(open_index(gaz, corpus), explorer=False), encoding="utf-8")
        startup = STARTUP.format(gaz=gaz, corpus=corpus, ini=str(tmp / "s.ini"), memory=MEMORY)
        bare_code = BARE.format(page=str(page), memory=MEMORY)
        starts = {who: {"warm": [], "usable": [], "cold": [], "mem": []} for who in builds}
        bare, bare_mem = [], []
        for i in range(0 if args.no_start else args.runs):
            r = child(bare_code, env)
            bare.append(r["seconds"])
            bare_mem.append((r["rss"], r["chromium"]))
            for who, benv in builds.items():
                st = starts[who]
                r = child(startup, benv)
                st["warm"].append(r["seconds"])
                st["usable"].append(r.get("usable", r["seconds"]))
                st["mem"].append((r["rss"], r["chromium"]))
                r = child(startup, {**benv, "CAUCASUSMAP_CACHE_DIR": str(tmp / f"empty-{who}-{i}")})
                assert r["source"] == "built"
                st["cold"].append(r["seconds"])

        def show(xs):
            return f"best {min(xs):.2f} s, median {statistics.median(xs):.2f} s"

        def mib(pairs, k):
            return statistics.median(p[k] for p in pairs) / 1024

        if not args.no_start:
            b = statistics.median(bare)
            print("cold start (target < 2.5 s to the window with the map drawn):")
            print(f"  baseline: bare QWebEngineView, same map page: {show(bare)}; "
                  f"memory {mib(bare_mem, 0):.0f} MiB + Chromium {mib(bare_mem, 1):.0f} MiB")
            for who, st in starts.items():
                print(f"  {who}:")
                print(f"    place list painted, index cache warm: {show(st['usable'])} "
                      f"({statistics.median(st['usable']) / b:.2f}x baseline)")
                print(f"    map drawn, index cache warm:          {show(st['warm'])} "
                      f"({statistics.median(st['warm']) / b:.2f}x)")
                print(f"    map drawn, index cache empty (links): {show(st['cold'])} "
                      f"({statistics.median(st['cold']) / b:.2f}x)")
                print(f"    memory when ready: app {mib(st['mem'], 0):.0f} MiB + Chromium {mib(st['mem'], 1):.0f} MiB")

        # Click latency: two app processes per build, alternating.
        results = {who: [] for who in builds}
        for rnd in range(2):
            for who, benv in builds.items():
                spec = {"n": args.clicks, "gaz": gaz, "corpus": corpus, "ini": str(tmp / f"t-{who}{rnd}.ini")}
                if args.profile and who == "after" and rnd == 0:
                    spec["profile"] = args.profile
                r = subprocess.run([sys.executable, __file__, "--child", json.dumps(spec)], capture_output=True,
                                   text=True, env=benv, timeout=3600)
                lines = [x for x in r.stdout.splitlines() if x.startswith("{")]
                if not lines:
                    raise SystemExit(f"click child failed:\n{r.stderr[-3000:]}")
                results[who].append(json.loads(lines[-1]))
        print(f"clicks ({2 * args.clicks} of each kind in two app processes per build, "
              f"{results['after'][0]['places']} places; target p95 < 100 ms, goal < 50 ms):")
        merged = {}
        for who, runs in results.items():
            m = merged[who] = {k: [x for r in runs for x in r[k]]
                               for k in ("list", "map", "reader", "base", "cpu", "reader_cpu")}
            print(f"  {who}:")
            print(f"    list click -> passages rendered and map updated: {ms(m['list'])}, "
                  f"max {max(m['list']) * 1000:.1f} ms")
            print(f"    map click (bridge request):                      {ms(m['map'])}")
            print(f"    list click, {runs[0]['reader_document']} open in the reader: {ms(m['reader'])}")
            print(f"    baseline, bare JS round trip to the page:        {ms(m['base'])}")
            print(f"    UI thread CPU per list click: {ms(m['cpu'])}; with the reader open: {ms(m['reader_cpu'])}")
            print(f"    p95 / baseline p95: list {p95(m['list']) / p95(m['base']):.1f}x, "
                  f"map {p95(m['map']) / p95(m['base']):.1f}x, reader {p95(m['reader']) / p95(m['base']):.1f}x")
            print("    app process RSS " + ", ".join(f"{r['rss'][0] / 1024:.0f} -> {r['rss'][1] / 1024:.0f} MiB"
                                                   for r in runs) + f" over {3 * args.clicks} clicks each")
        if "before" in merged:
            a, b = merged["after"], merged["before"]
            print("  after / before: " + ", ".join(
                f"{k} p50 {statistics.median(a[k]) / statistics.median(b[k]):.2f}x p95 {p95(a[k]) / p95(b[k]):.2f}x"
                for k in ("list", "map", "reader", "cpu", "reader_cpu")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
