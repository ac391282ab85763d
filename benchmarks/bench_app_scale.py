"""Benchmark: the desktop app on large indexes (issue 14's app targets).

    python benchmarks/bench_app_scale.py --data /tmp/scale-data [--configs c100m c1g p5000 p20000] [--clicks 60]
        [--cache c1g DIR]   # a warm store left by bench_scale.py --keep-store (not linked again)
        [--before DIR] [--runs 2]   # a checkout to compare with, its runs alternating with this tree's

For each configuration — the 100 MB and 1 GB corpora of ``bench_scale.py``
against 500 names, and a synthetic corpus whose paragraphs name 5,000 or
20,000 synthetic places spread over the region — the index is built first
(``caucasusmap link``: a *warm* index), then a fresh process opens the app
offscreen and reports, in one run:

* seconds from interpreter start to the window with the map drawn (the page's
  bridge says ready); baseline in the same run: a bare QWebEngineView loading
  the same map page from a file;
* the longest UI-thread stall: a 10 ms timer on the UI thread records the
  largest gap between its ticks, from the window's creation until the clicks
  are done (minus the 10 ms), with the CPU time the UI thread itself used in
  that gap (on a loaded machine most of a long gap is waiting for a core or
  for the interpreter lock; the CPU part is what the app's own work costs) and
  the most CPU it used in any one gap; the first gap is building and showing
  the window (nothing is on screen yet), reported on its own, and the
  longest gap after it too;
* click → passages: a place chosen in the list until the passages panel is
  rendered and the map page has applied the selection, median / p95 / max over
  N clicks on the most mentioned places (the slowest) and others;
* the size of the map page and the app's peak RSS.

With ``--before DIR`` (a checkout with ``src/``) the same index is opened by
that code too, its runs alternating with this tree's (``--runs`` each), and
the medians of both are printed with their ratio.

Machine load is printed with each figure.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from benchhelp import last_json, pronounceable_names  # noqa: E402

APP = r"""
import json, os, resource, statistics, sys, time
t0 = time.perf_counter()
from caucasusmap.app.launch import prepare_environment
prepare_environment()
from caucasusmap.app.qt_map import register_scheme
register_scheme()
from PySide6.QtCore import QElapsedTimer, QSettings, QTimer, QUrl
from PySide6.QtWidgets import QApplication
from PySide6.QtWebEngineWidgets import QWebEngineView
app = QApplication([])
from caucasusmap.app.qt_compat import none_refcount, restore_none_refcount
from caucasusmap.app.qt_window import MainWindow

gaps = [0.0, 0.0, 0]  # the longest gap; the longest once the window is on screen (after the first); ticks
cpu = [0.0, 0.0]  # the UI thread's CPU ms in the longest gap; the most it used in any gap
clock = QElapsedTimer(); clock.start()
last = [clock.elapsed(), time.thread_time()]
def tick():
    now, used = clock.elapsed(), time.thread_time()
    gap, spent = now - last[0] - 10, (used - last[1]) * 1000
    if gap > gaps[0]:
        gaps[0], cpu[0] = gap, spent
    if gaps[2]:
        gaps[1] = max(gaps[1], gap)
    gaps[2] += 1
    cpu[1] = max(cpu[1], spent)
    last[0], last[1] = now, used
ticker = QTimer(); ticker.setInterval(10); ticker.timeout.connect(tick); ticker.start()

collections = []  # full (generation 2) collections: (start s, ms, thread)
if {trace_ms}:  # --trace-stalls: every thread's stack when the UI thread is late (faulthandler needs no lock)
    import faulthandler, gc, threading
    trace = open({trace_file!r}, "w")
    gc_started = [0.0]
    def on_gc(phase, info):
        if info["generation"] == 2:
            if phase == "start":
                gc_started[0] = time.perf_counter()
            else:
                collections.append((gc_started[0] - t0, (time.perf_counter() - gc_started[0]) * 1000,
                                    threading.current_thread().name))
    gc.callbacks.append(on_gc)
    plain_tick = tick
    def tick():
        before = gaps[0]
        plain_tick()
        if gaps[0] > before and gaps[0] > {trace_ms}:
            print(f"--- longest gap so far {{gaps[0]:.0f}} ms (UI CPU {{cpu[0]:.0f}} ms), ended at "
                  f"{{time.perf_counter() - t0:.2f}} s", file=trace, flush=True)
        faulthandler.dump_traceback_later({trace_ms} / 1000, file=trace)
    ticker.timeout.disconnect(); ticker.timeout.connect(tick)

w = MainWindow({gaz!r}, {corpus!r}, settings=QSettings({ini!r}, QSettings.Format.IniFormat))
w.resize(1400, 880)
w.show()
construct = clock.elapsed() - last[0]  # the first gap the timer sees: building and showing the window
drawn = []
w.map.ready.connect(lambda: drawn.append(time.perf_counter() - t0))
phases = {{"window_shown": time.perf_counter() - t0}}  # where the time to the map goes
w.loading.loaded.connect(lambda r: phases.setdefault("index_loaded", time.perf_counter() - t0))
w.map_controller.pageBuilt.connect(lambda: phases.setdefault("page_built", time.perf_counter() - t0))

def wait(cond, timeout=600.0):
    end = time.perf_counter() + timeout
    base = none_refcount()
    while not cond():
        app.processEvents()
        restore_none_refcount(base)
        if time.perf_counter() > end:
            print(json.dumps({{"error": f"timed out after {{timeout:.0f}} s", "start": drawn[0] if drawn else None,
                              "stall": gaps[0]}})); sys.exit(1)

wait(lambda: drawn)
start_seconds = drawn[0]
stall_to_map = gaps[0]
page_bytes = len(w.map.handler.page_bytes)
if {wait_extras}:
    wait(lambda: w.extras_ready, 900)
    extras = time.perf_counter() - t0
else:  # clicks while search and unlinked names are still being prepared (a first open)
    extras = None
stall_to_extras = gaps[0]

def roundtrip(code):
    box = []
    t = time.perf_counter()
    w.map.page().runJavaScript(code, 0, box.append)
    wait(lambda: bool(box))
    return time.perf_counter() - t

proxy = w.places.proxy
rows = [r for r in range(proxy.rowCount()) if proxy.data(proxy.index(r, 2)) > 0]
ids = [proxy.data(proxy.index(r, 0), w.places.model.ID_ROLE) for r in rows]
order = list(range(min(10, len(rows)))) + list(range(10, len(rows), max(1, len(rows) // {clicks})))
order = (order * ({clicks} // max(1, len(order)) + 1))[:{clicks}]
clicks, base = [], []
for r in order:
    base.append(roundtrip("1"))
    box = []
    t = time.perf_counter()
    w.places.table.selectRow(rows[r])
    w.map.page().runJavaScript("caucasusmap.selected()", 0, box.append)
    wait(lambda box=box: bool(box))
    clicks.append(time.perf_counter() - t)
    assert json.loads(box[0]) == [ids[r]], (box, ids[r])

def p95(xs):
    return sorted(xs)[max(0, int(round(0.95 * len(xs))) - 1)]
print(json.dumps({{"start": start_seconds, "extras": extras, "stall_map": stall_to_map, "stall_extras": stall_to_extras,
                  "stall_all": gaps[0], "stall_shown": gaps[1], "stall_cpu": cpu[0], "gap_cpu_max": cpu[1],
                  "construct_ms": construct, "phases": phases,
                  "page_mib": page_bytes / 2**20,
                  "source": w.index.source,
                  "places_drawn": len(ids), "passages": len(w.index.passage_list), "mentions": len(w.index.table),
                  "click_median": statistics.median(clicks), "click_p95": p95(clicks), "click_max": max(clicks),
                  "rt_median": statistics.median(base),
                  "gc_full": len(collections), "gc_full_max_ms": max((c[1] for c in collections), default=0.0),
                  "gc_full_longest": max(collections, key=lambda c: c[1], default=None),
                  "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}), flush=True)
w.close()
"""

BARE = r"""
import json, sys, time
t0 = time.perf_counter()
from caucasusmap.app.launch import prepare_environment
prepare_environment()
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWidgets import QApplication
from PySide6.QtWebEngineWidgets import QWebEngineView
app = QApplication([])
v = QWebEngineView(); v.resize(1400, 880); v.show()
def poll():
    v.page().runJavaScript("document.documentElement.dataset.cmReady || ''", 0, check)
def check(r):
    if r == "1":
        print(json.dumps({{"seconds": time.perf_counter() - t0}}), flush=True); app.quit()
    else:
        QTimer.singleShot(5, poll)
v.loadFinished.connect(lambda ok: poll())
v.load(QUrl.fromLocalFile({page!r}))
QTimer.singleShot(120000, app.quit)
app.exec()
"""


def synthetic(dest: Path, n_places: int, size_mb: float = 20) -> tuple[Path, Path]:
    """A gazetteer of ``n_places`` synthetic places over the region and a
    corpus whose paragraphs name some of them (Zipf-like: a few often)."""
    import yaml

    gdir, cdir = dest / f"gaz{n_places}", dest / f"corpus{n_places}"
    if (gdir / "places.yaml").exists() and cdir.exists():
        return gdir / "places.yaml", cdir
    rng = random.Random(n_places)
    syll = ["ka", "ra", "ba", "gh", "an", "sh", "ur", "de", "zan", "lu", "mi", "ov", "ab", "ta", "qa", "ny", "vo",
            "el", "ir", "su", "po", "ke", "dar", "xa"]
    names = pronounceable_names(rng, n_places, syll)
    places = [{"id": f"p{i}", "name": n, "kind": rng.choice(["village", "town", "city", "site"]),
               "lat": round(rng.uniform(36.0, 43.0), 4), "lon": round(rng.uniform(43.0, 50.5), 4)}
              for i, n in enumerate(names)]
    gdir.mkdir(parents=True, exist_ok=True)
    (gdir / "places.yaml").write_text(yaml.safe_dump({"places": places}, allow_unicode=True, sort_keys=False),
                                      encoding="utf-8")
    cdir.mkdir(parents=True, exist_ok=True)
    weights = [1.0 / (k + 1) ** 0.8 for k in range(n_places)]
    filler = ("The delegation travelled on from {a} to {b}, where the road to {c} had been closed since the "
              "spring; residents of {a} said the crossing would reopen after the harvest.")
    per_file = 1 << 20
    n_files = max(1, int(size_mb))
    for f in range(n_files):
        parts, size = [f"# Field notes {f}\n"], 0
        while size < per_file:
            a, b, c = rng.choices(names, weights, k=3)
            para = filler.format(a=a, b=b, c=c)
            parts.append(para)
            size += len(para) + 2
        (cdir / f"notes{f:03d}.md").write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return gdir / "places.yaml", cdir


FIGURES = (("start", "window with map drawn", "s", 1), ("stall_all", "longest stall", "ms", 1),
           ("stall_cpu", "UI CPU in it", "ms", 1), ("stall_shown", "longest stall once shown", "ms", 1),
           ("gap_cpu_max", "most UI CPU in a gap", "ms", 1),
           ("construct_ms", "window construction", "ms", 1), ("click_median", "click median", "ms", 1000),
           ("click_p95", "click p95", "ms", 1000), ("extras", "extras ready", "s", 1),
           ("maxrss_mib", "peak RSS", "MiB", 1))


def app_run(env: dict, gaz: Path, corpus: Path, ini: Path, clicks: int, wait_extras: bool = True,
            trace: tuple[int, str] = (0, "")) -> dict:
    """One fresh app process on the warm index: its figures, or {"error": ...}.
    ``trace`` (ms, file): write every thread's stack there when the UI thread
    is that late, and time the full garbage collections."""
    ini.unlink(missing_ok=True)  # a fresh user: no saved window state
    r = subprocess.run([sys.executable, "-c", APP.format(gaz=str(gaz), corpus=str(corpus), ini=str(ini),
                                                         clicks=clicks, wait_extras=wait_extras,
                                                         trace_ms=trace[0], trace_file=trace[1])],
                       env=env, capture_output=True, text=True, timeout=3600)
    res = last_json(r.stdout)
    if res is None:
        return {"error": "app run failed", "stderr": r.stderr[-3000:]}
    res["load"] = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return res


def describe(who: str, res: dict) -> str:
    if "error" in res:
        drawn = f"{res['start']:.2f} s" if res.get("start") is not None else "not drawn"
        stall = f"{res['stall']:.0f} ms" if res.get("stall") is not None else "?"
        return (f"  {who}: {res['error']} (map {drawn}; longest UI-thread stall so far {stall})"
                + (f"\n{res['stderr']}" if res.get("stderr") else ""))
    extras = (f"extras ready {res['extras']:.1f} s" if res["extras"] is not None
              else "clicks without waiting for the extras")
    ph = res.get("phases", {})
    phases = ", ".join(f"{k.replace('_', ' ')} {v:.2f} s" for k, v in sorted(ph.items(), key=lambda kv: kv[1]))
    return (f"  {who}: window with map drawn {res['start']:.2f} s ({phases}); {extras}; "
            f"longest UI-thread stall {res['stall_map']:.0f} ms until the map (window construction and showing "
            f"{res['construct_ms']:.0f} ms), {res['stall_extras']:.0f} until extras, {res['stall_all']:.0f} overall, "
            f"{res['stall_shown']:.0f} once the window is on screen "
            f"(UI-thread CPU in it {res['stall_cpu']:.0f} ms; at most {res['gap_cpu_max']:.0f} in any gap); "
            f"click median {res['click_median'] * 1000:.1f} ms, p95 {res['click_p95'] * 1000:.1f}, "
            f"max {res['click_max'] * 1000:.1f} (bare JS round trip {res['rt_median'] * 1000:.1f}); "
            f"peak RSS {res['maxrss_mib']:.0f} MiB; {res['gc_full']} full garbage collections, the longest "
            f"{res['gc_full_max_ms']:.0f} ms{_gc_where(res)}; load {res['load']}")


def _gc_where(res: dict) -> str:
    longest = res.get("gc_full_longest")
    return f" (at {longest[0]:.1f} s, in thread {longest[2]})" if longest else ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "cm-scale-data")
    ap.add_argument("--configs", nargs="+", default=["c100m", "c1g", "p5000", "p20000"])
    ap.add_argument("--clicks", type=int, default=60)
    ap.add_argument("--cache", nargs=2, action="append", metavar=("CONFIG", "DIR"), default=[],
                    help="use (and keep) the cache folder DIR for CONFIG, e.g. a store bench_scale.py --keep-store "
                         "left (linked with the same environment: CAUCASUSMAP_REFERENCE=none for its --no-reference)")
    ap.add_argument("--before", type=Path, help="a checkout of the app to compare with (with src/), on the same index")
    ap.add_argument("--runs", type=int, default=1, help="app runs per tree (alternating with --before)")
    ap.add_argument("--no-extras-wait", action="store_true",
                    help="click as soon as the map is drawn, while search and unlinked names are still being "
                         "prepared (their first build takes long at 1 GB); 'extras ready' is then not measured")
    ap.add_argument("--trace-stalls", nargs=2, metavar=("MS", "FILE"),
                    help="write every thread's stack to FILE (one per run: FILE.after-1 …) whenever the UI "
                         "thread is MS late (faulthandler, which needs no interpreter lock)")
    ap.add_argument("--fresh-extras", action="store_true",
                    help="remove the store's search database and unlinked-name scans before each app run (the "
                         "first build of both happens in the run: with --no-extras-wait, clicks while they build)")
    args = ap.parse_args()
    env = {**os.environ}
    if not env.get("DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = Path(tempfile.mkdtemp(prefix="cm-appscale-src-"))
    trees = {"after": {}}
    if args.before:
        from bench_basemap import baseline_src

        trees["before"] = {"PYTHONPATH": str(baseline_src(args.before.resolve(), tmp))}
    for config in args.configs:
        if config.startswith("p"):
            gaz, corpus = synthetic(args.data, int(config[1:]))
        else:
            gaz, corpus = args.data / "gaz500" / "places.yaml", args.data / config
        kept = dict(args.cache).get(config)
        cache = Path(kept) if kept else Path(tempfile.mkdtemp(prefix="cm-appscale-", dir=args.data))
        e = {**env, "CAUCASUSMAP_CACHE_DIR": str(cache)}
        subprocess.run([sys.executable, "-m", "caucasusmap", "--gazetteer", str(gaz), "--corpus", str(corpus),
                        "link", "-q"], env=e, check=True)
        results: dict[str, list[dict]] = {who: [] for who in trees}
        for k in range(args.runs):
            for who, extra in trees.items():
                trace = (int(args.trace_stalls[0]), f"{args.trace_stalls[1]}.{config}.{who}-{k + 1}") \
                    if args.trace_stalls else (0, "")
                if args.fresh_extras:
                    for f in [*cache.glob("store-*/search-*.sqlite*"), *cache.glob("store-*/candidates.sqlite*")]:
                        f.unlink()
                results[who].append(app_run({**e, **extra}, gaz, corpus, cache / "s.ini", args.clicks,
                                            not args.no_extras_wait, trace))
        ok = [r for rs in results.values() for r in rs if "error" not in r]
        head = ok[0] if ok else None
        if head is not None:
            # Baseline: the same map page in a bare view.
            os.environ["CAUCASUSMAP_CACHE_DIR"] = str(cache)
            from caucasusmap.index import open_index
            from caucasusmap.maps import render_map

            page = cache / "map.html"
            page.write_text(render_map(open_index(gaz, corpus), explorer=False), encoding="utf-8")
            b = subprocess.run([sys.executable, "-c", BARE.format(page=str(page))], env=e, capture_output=True,
                               text=True, timeout=600)
            bare = last_json(b.stdout)["seconds"]
            print(f"{config}: {head['mentions']:,} mentions, {head['passages']:,} passages, "
                  f"{head['places_drawn']:,} places drawn; index {head['source']}; "
                  f"map page {head['page_mib']:.2f} MiB; "
                  f"bare view of the same page {bare:.2f} s")
        else:
            print(f"{config}: no app run succeeded")
        for who, rs in results.items():
            for res in rs:
                print(describe(who, res))
        good = {who: [r for r in rs if "error" not in r] for who, rs in results.items()}
        figures = [f for f in FIGURES if not (args.no_extras_wait and f[0] == "extras")]
        if all(good.values()):
            for who, rs in good.items():
                print(f"  {who}, median of {len(rs)}: " + ", ".join(
                    f"{label} {statistics.median(r[key] for r in rs) * scale:.1f} {unit}"
                    for key, label, unit, scale in figures))
            if "before" in good:
                def med(who, key, good=good):
                    return statistics.median(r[key] for r in good[who])

                print("  after / before: " + ", ".join(
                    f"{label} {med('after', key) / max(1e-9, med('before', key)):.2f}x" for key, label, *_ in figures))
        if not kept:
            shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
