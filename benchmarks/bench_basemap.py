"""Benchmark: the map page with the new basemap against a baseline checkout, in the same run.

    python benchmarks/bench_basemap.py --before [NAME=]DIR [--before ...] [--places 5000] [--repeat 3]

DIR is a checkout of a baseline (e.g. ``git archive <commit> | tar x -C DIR``);
its ``src`` is put first on PYTHONPATH to build the baseline pages. Several
baselines (say the map before the atlas work and the last release) are
measured in the same run, each against this checkout. For the
bundled view and a synthetic view of N places (single-file gazetteer, as
bench_map.py makes it), every version exports a self-contained HTML page in a
child process (time and peak memory of that process), then one Chromium (Qt
WebEngine, offscreen) loads the pages alternately, ``--repeat`` times each:
time from ``load()`` until the page says it is ready (``data-cm-ready``) and
has drawn its first frame after that (a canvas draws in the next animation
frame, DOM markers are laid out and painted then too), the CPU time the
browser's processes spent meanwhile (steadier than the wall time on a busy
machine), and the JavaScript heap then. Reported as medians and as ratios
after/before.
Also: what the basemap adds to the wheel (its files, deflated as in a wheel).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench_map beside this file

EXPORT = r"""
import resource, runpy, sys, time
sys.argv = ["caucasusmap"] + sys.argv[1:]
t = time.perf_counter()
try:
    runpy.run_module("caucasusmap", run_name="__main__")
except SystemExit as e:
    code = e.code
print("BENCH", time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""

QT_BROWSER = r"""
import json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "") + " --enable-precise-memory-info"
if os.geteuid() == 0:
    flags += " --no-sandbox"
os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = flags.strip()
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWidgets import QApplication
from PySide6.QtWebEngineWidgets import QWebEngineView
def browser_processes():
    # {pid: (CPU seconds, RSS bytes)} of this process's own Chromium processes (renderer, GPU, zygotes).
    me, info = os.getpid(), {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as fh:
                f = fh.read()
            with open(f"/proc/{pid}/statm") as fh:
                rss = int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
        parts = f[f.rindex(")") + 2:].split()
        info[int(pid)] = (int(parts[1]), (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK"), rss)
    def mine(pid):
        for _ in range(20):
            if pid == me:
                return True
            if pid not in info:
                return False
            pid = info[pid][0]
        return False
    return {pid: (c, r) for pid, (_, c, r) in info.items() if pid != me and mine(pid)}
"""
"""The start of a child script that drives Qt WebEngine offscreen (as root without
Chromium's sandbox), with precise JavaScript heap figures, and ``browser_processes()``."""

CHROMIUM = QT_BROWSER + r"""
app = QApplication([])
pages = json.loads(sys.argv[1]); repeat = int(sys.argv[2])
queue = [name for _ in range(repeat) for name in pages]
results = {name: [] for name in pages}
view = QWebEngineView(); view.resize(1440, 900); view.show()
state = {}
def cpu():
    # CPU seconds of the browser's processes: unlike the wall time, hardly changed by other work on the machine.
    return sum(c for c, _ in browser_processes().values())
def start():
    if not queue:
        print(json.dumps(results)); app.quit(); return
    name = queue.pop(0); state["name"] = name; state["t0"] = time.perf_counter(); state["c0"] = cpu()
    view.load(QUrl.fromLocalFile(pages[name]))
# Ready, then the first frame drawn after it: an animation frame, then a task.
READY = ("(function () { var d = document.documentElement.dataset; if (d.cmReady !== '1') return '';"
         " if (!d.cmPainted) { if (!window.cmBenchWait) { window.cmBenchWait = 1;"
         " requestAnimationFrame(function () { setTimeout(function () { d.cmPainted = '1'; }, 0); }); }"
         " return ''; }"
         " return String(performance.memory ? performance.memory.usedJSHeapSize : 0); })()")
def poll():
    view.page().runJavaScript(READY, 0, check)
def check(v):
    if v:
        results[state["name"]].append([time.perf_counter() - state["t0"], int(v), cpu() - state["c0"]])
        QTimer.singleShot(300, start)
    else:
        QTimer.singleShot(10, poll)
view.loadFinished.connect(lambda ok: poll())
QTimer.singleShot(0, start)
QTimer.singleShot(600000, app.quit)
app.exec()
"""


def export(src: Path | None, gazetteer: Path, corpus: Path, out: Path, cache: Path) -> tuple[float, float]:
    # src None: the installed package (this checkout, pip install -e .), which finds its data itself.
    env = {**os.environ, "CAUCASUSMAP_CACHE_DIR": str(cache)}
    if src is not None:
        env["PYTHONPATH"] = str(src)
    # Link once (the cache), then time the export alone.
    args = ["export", "--gazetteer", str(gazetteer), "--corpus", str(corpus), "--out", str(out)]
    subprocess.run([sys.executable, "-c", EXPORT, *args], env=env, check=True, capture_output=True)
    r = subprocess.run([sys.executable, "-c", EXPORT, *args], env=env, check=True, capture_output=True, text=True)
    line = [x for x in r.stderr.splitlines() if x.startswith("BENCH")][-1].split()
    return float(line[1]), int(line[2]) / 1024  # seconds, MiB


def baseline_src(before: Path, tmp: Path) -> Path:
    """The baseline's ``src``, copied so that its data is found as in a wheel
    (``caucasusmap/bundled/<folder>`` beside the code): a checkout's code on
    PYTHONPATH alone cannot find its resources (``paths`` says so)."""
    import shutil

    src = tmp / "before-src"
    shutil.copytree(before / "src", src, symlinks=True)
    bundled = src / "caucasusmap" / "bundled"
    bundled.mkdir(exist_ok=True)
    for name in ("gazetteer", "corpus", "resources", "annotations"):
        if (before / name).is_dir() and not (bundled / name).exists():
            (bundled / name).symlink_to((before / name).resolve(), target_is_directory=True)
    return src


def wheel_share() -> tuple[int, int]:
    from caucasusmap import paths

    files = [p for p in paths.BASEMAP_DIR.iterdir() if p.is_file()]
    raw = sum(p.stat().st_size for p in files)
    with tempfile.TemporaryFile() as fh:
        with zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as z:
            for p in files:
                z.write(p, p.name)
        fh.seek(0, 2)
        return raw, fh.tell()


def figures(pages: dict, times: dict, key: str) -> tuple[int, float, float, float]:
    """Page bytes, and the medians of first render (s), browser CPU (s) and JS heap (MiB)."""
    runs = times[key]
    return (Path(pages[key]).stat().st_size, statistics.median(x[0] for x in runs),
            statistics.median(x[2] for x in runs), statistics.median(x[1] for x in runs) / 2**20)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", action="append", required=True, metavar="[NAME=]DIR",
                    help="baseline checkout (with src/); may be given several times")
    ap.add_argument("--places", type=int, default=5000)
    ap.add_argument("--mentions", type=int, default=50000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from bench_map import _installed, synthetic

    _installed()  # "after" is the installed package: refuse early without it

    print(f"load average: {os.getloadavg()[0]:.1f} (2 cores)")
    with tempfile.TemporaryDirectory(prefix="cm-basemapbench-") as tmp:
        tmp = Path(tmp)
        gaz, corpus = synthetic(tmp, args.places, args.mentions)
        # The same data for every version: the first baseline's bundled gazetteer and corpus
        # (today's gazetteer is a folder an old baseline cannot read), and the synthetic view.
        befores = {}
        for k, spec in enumerate(args.before):
            name, _, where = spec.rpartition("=")
            befores[name or ("before" if len(args.before) == 1 else f"before{k + 1}")] = Path(where)
        first = next(iter(befores.values()))
        versions = {name: baseline_src(d, tmp / name) for name, d in befores.items()}
        versions["after"] = None
        views = {"bundled": (first / "gazetteer" / "places.yaml", first / "corpus"),
                 f"{args.places} places": (gaz, corpus)}
        pages, builds = {}, {}
        for label, (g, c) in views.items():
            for who, src in versions.items():
                out = tmp / f"{who}-{label.replace(' ', '_')}.html"
                builds[(label, who)] = export(src, g, c, out, tmp / f"cache-{who}")
                pages[f"{label}/{who}"] = str(out)
        r = subprocess.run([sys.executable, "-c", CHROMIUM, json.dumps(pages), str(args.repeat)],
                           capture_output=True, text=True, timeout=1800)
        line = [x for x in r.stdout.splitlines() if x.startswith("{")]
        if not line:
            raise SystemExit(f"chromium run failed: {r.stderr[-2000:]}")
        times = json.loads(line[-1])
        for label in views:
            sa, ta, ca, ha = figures(pages, times, f"{label}/after")
            ea, ma = builds[(label, "after")]
            print(f"{label}: after {sa / 2**20:.2f} MiB, first render {ta:.2f} s, render CPU {ca:.2f} s, "
                  f"JS heap {ha:.0f} MiB, export {ea:.2f} s / {ma:.0f} MiB peak (median of {args.repeat})")
            for who in befores:
                sb, tb, cb, hb = figures(pages, times, f"{label}/{who}")
                eb, mb = builds[(label, who)]
                print(f"  against {who} ({befores[who]}):")
                print(f"    page size      : {who} {sb / 2**20:.2f} MiB, after {sa / 2**20:.2f} MiB -> {sa / sb:.2f}x")
                print(f"    first render   : {who} {tb:.2f} s, after {ta:.2f} s -> {ta / tb:.2f}x "
                      "(load -> ready -> next frame)")
                print(f"    render CPU     : {who} {cb:.2f} s, after {ca:.2f} s -> {ca / cb:.2f}x "
                      "(the browser's processes, same loads)")
                print(f"    JS heap        : {who} {hb:.0f} MiB, after {ha:.0f} MiB -> {ha / hb:.2f}x")
                print(f"    export command : {who} {eb:.2f} s / {mb:.0f} MiB peak, after {ea:.2f} s / {ma:.0f} MiB "
                      f"peak -> {ea / eb:.2f}x time, {ma / mb:.2f}x memory")
        raw, deflated = wheel_share()
        print(f"basemap in the wheel: {raw / 1024:.0f} KiB of files, {deflated / 1024:.0f} KiB deflated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
