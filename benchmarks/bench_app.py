"""Benchmark: the desktop app's cold start and click-to-update latency.

    python benchmarks/bench_app.py [--clicks 100]

Runs offscreen (QT_QPA_PLATFORM=offscreen unless a DISPLAY is set).

1. Cold start, in a fresh process each: from interpreter start to the main
   window shown with the map drawn (the page's bridge says ready), with the
   linked-index cache warm and with it empty. Baseline in the same run: a bare
   QWebEngineView in a fresh process loading the same map page from a file
   until the map is drawn.
2. Click-to-update: a place chosen in the list until the passages panel is
   rendered *and* the map page has applied the selection (confirmed by a
   JavaScript round trip queued after it) — median and p95 over N clicks on
   different places (a mouse click on the row), and the same through the map
   page's bridge request. Baseline: a bare JavaScript round trip to the same
   page.
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
from soak_app import rss_kib  # noqa: E402

T0 = time.perf_counter()

STARTUP = r"""
import time, sys, os, json
t0 = time.perf_counter()
{memory}
from caucasusmap.app.launch import prepare_environment
prepare_environment()
from caucasusmap.app.qt_map import register_scheme
register_scheme()
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from caucasusmap.app.qt_window import MainWindow
w = MainWindow({gaz!r}, {corpus!r}, settings=QSettings({ini!r}, QSettings.Format.IniFormat))
w.show()
def done():
    seconds = time.perf_counter() - t0
    own, chromium = _tree_rss()
    print(json.dumps({{"seconds": seconds, "source": w.index.source, "rss": own, "chromium": chromium}}), flush=True)
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
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    lines = [x for x in r.stdout.splitlines() if x.startswith("{")]
    if not lines:
        raise SystemExit(f"child failed:\n{r.stderr[-3000:]}")
    return json.loads(lines[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clicks", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3, help="cold starts of each kind (best and median reported)")
    args = ap.parse_args()
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from caucasusmap import paths

    gaz, corpus = str(paths.default_gazetteer()), str(paths.default_corpus())
    with tempfile.TemporaryDirectory(prefix="cm-appbench-") as tmp:
        tmp = Path(tmp)
        env = {**os.environ, "CAUCASUSMAP_CACHE_DIR": str(tmp / "cache")}
        os.environ["CAUCASUSMAP_CACHE_DIR"] = str(tmp / "cache")
        from caucasusmap.index import open_index
        from caucasusmap.maps import render_map

        page = tmp / "map.html"
        page.write_text(render_map(open_index(gaz, corpus), explorer=False), encoding="utf-8")
        startup = STARTUP.format(gaz=gaz, corpus=corpus, ini=str(tmp / "s.ini"), memory=MEMORY)
        bare_code = BARE.format(page=str(page), memory=MEMORY)
        warm, cold, bare, mem = [], [], [], {"app": [], "bare": []}
        for i in range(args.runs):
            r = child(bare_code, env)
            bare.append(r["seconds"])
            mem["bare"].append((r["rss"], r["chromium"]))
            r = child(startup, env)
            warm.append(r["seconds"])
            mem["app"].append((r["rss"], r["chromium"]))
            cold_env = {**env, "CAUCASUSMAP_CACHE_DIR": str(tmp / f"empty{i}")}
            r = child(startup, cold_env)
            assert r["source"] == "built"
            cold.append(r["seconds"])

        def show(name, xs):
            return f"{name}: best {min(xs):.2f} s, median {statistics.median(xs):.2f} s"

        print("cold start to window with map drawn (target < 2.5 s):")
        print("  " + show("app, index cache warm", warm))
        print("  " + show("app, index cache empty (links the corpus)", cold))
        print("  " + show("baseline: bare QWebEngineView, same map page", bare))
        print(f"  ratio (median, warm cache / baseline): {statistics.median(warm) / statistics.median(bare):.2f}x; "
              f"(empty cache / baseline): {statistics.median(cold) / statistics.median(bare):.2f}x")

        def mib(pairs, k):
            return statistics.median(p[k] for p in pairs) / 1024

        print(f"memory at ready (median RSS): app process {mib(mem['app'], 0):.0f} MiB + Chromium "
              f"{mib(mem['app'], 1):.0f} MiB; baseline bare view {mib(mem['bare'], 0):.0f} MiB + Chromium "
              f"{mib(mem['bare'], 1):.0f} MiB")

        # Click-to-update latency, in this process.
        from caucasusmap.app.launch import prepare_environment

        prepare_environment()
        from caucasusmap.app.qt_map import register_scheme

        register_scheme()
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([])
        from caucasusmap.app.qt_window import MainWindow

        w = MainWindow(Path(gaz), Path(corpus), settings=QSettings(str(tmp / "t.ini"), QSettings.Format.IniFormat))
        w.resize(1400, 880)
        w.show()

        from caucasusmap.app.qt_compat import none_refcount, restore_none_refcount

        def wait(cond, timeout=30.0):
            # processEvents leaks a reference to None per call in PySide6 6.12
            # (see caucasusmap.app.qt_compat): give them back as we go.
            end = time.perf_counter() + timeout
            base = none_refcount()
            while not cond():
                app.processEvents()
                restore_none_refcount(base)
                if time.perf_counter() > end:
                    raise SystemExit("timed out")

        wait(lambda: w.index is not None and w.map.is_ready and w.extras_ready)

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
        rss_before = rss_kib()
        clicks, map_clicks, base = [], [], []
        for k in range(args.clicks):
            r = k % len(ids)
            base.append(roundtrip("1"))
            index = proxy.index(rows[r], 0)
            table.scrollTo(index)
            wait(lambda: True)
            box = []
            t = time.perf_counter()
            # A mouse click on the row: session, passages, reader, then the map call queued.
            QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             table.visualRect(index).center())
            w.map.page().runJavaScript("caucasusmap.selected()", 0, box.append)
            wait(lambda box=box: bool(box))
            clicks.append(time.perf_counter() - t)
            assert json.loads(box[0]) == [ids[r]], (box, ids[r])
            # The same place chosen from the map page (its bridge request, answered like a list click).
            other = ids[(k * 7 + 3) % len(ids)]
            box = []
            t = time.perf_counter()
            w.map.bridge.handle("placesClicked", [[other]])
            w.map.page().runJavaScript("caucasusmap.selected()", 0, box.append)
            wait(lambda box=box: bool(box))
            map_clicks.append(time.perf_counter() - t)
            assert json.loads(box[0]) == [other] and w.state.current.places == (other,), (box, other)
        rss_after = rss_kib()

        def p95(xs):
            return sorted(xs)[max(0, int(round(0.95 * len(xs))) - 1)]

        print(f"click in the place list -> passages rendered and map updated ({args.clicks} clicks, "
              f"{len(ids)} places; target p95 < 100 ms):")
        print(f"  app: median {statistics.median(clicks) * 1000:.1f} ms, p95 {p95(clicks) * 1000:.1f} ms, "
              f"max {max(clicks) * 1000:.1f} ms")
        slow = sorted(zip(clicks, [ids[k % len(ids)] for k in range(args.clicks)]), reverse=True)[:6]
        print("  slowest: " + ", ".join(f"{pid} {secs * 1000:.0f} ms" for secs, pid in slow))
        print(f"  map click (bridge request): median {statistics.median(map_clicks) * 1000:.1f} ms, "
              f"p95 {p95(map_clicks) * 1000:.1f} ms")
        print(f"  baseline, bare JS round trip to the page: median {statistics.median(base) * 1000:.1f} ms, "
              f"p95 {p95(base) * 1000:.1f} ms")
        print(f"  ratio p95 list click / baseline p95: {p95(clicks) / p95(base):.1f}x; "
              f"map click / baseline: {p95(map_clicks) / p95(base):.1f}x")
        print(f"  app process RSS {rss_before / 1024:.0f} -> {rss_after / 1024:.0f} MiB over {2 * args.clicks} clicks")
        w.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
