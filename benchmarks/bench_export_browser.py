"""Benchmark: the exported HTML explorer of a large corpus in Chromium, before and after, in one run.

    python benchmarks/bench_export_browser.py --data /work/scale-data --sizes 100 [1024] [--places 5000] --before DIR
        [--repeat 5]

For each corpus size (generated as ``bench_scale.py`` does: the bundled texts
repeated into ~1 MB files, the bundled gazetteer padded to 500 names, linked
with the packaged reference), and for ``--places N`` a view of N synthetic places
(``bench_app_scale.py``'s gazetteer and 20 MB corpus), the index is built once (``caucasusmap link``),
then each version exports the explorer: this checkout (the installed package)
and the baseline checkout DIR (its ``src`` first on PYTHONPATH, e.g. a
``git worktree`` of main). Reported per version:

* the export command (after ``caucasusmap link`` built or found the index): wall
  time and peak memory of its process tree, the HTML size;
* in Chromium (Qt WebEngine, offscreen, one fresh browser per page): time from
  ``load()`` until the page says it is ready and has drawn the next frame;
* a click on the most mentioned place in the places list, ``--repeat`` times
  (back to the list between clicks): time from the click until the passages
  are drawn (the handler, then the next animation frame and task), the
  passage rows and DOM elements then, as medians;
* after the clicks: the RSS of the browser's processes (their sum and the
  largest, the renderer) and the JavaScript heap.

Machine load is printed with every figure: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_basemap import QT_BROWSER, baseline_src  # noqa: E402
from bench_linking import make_gazetteer  # noqa: E402
from bench_scale import corpus_of, run  # noqa: E402
from benchhelp import last_json  # noqa: E402

ROOT = HERE.parent

BROWSER = QT_BROWSER + r"""
page, repeat, limit = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
app = QApplication([])
view = QWebEngineView(); view.resize(1440, 900); view.show()
def browser_rss():
    # RSS of the browser's processes: their sum and the largest (the renderer).
    ours = [r for _, r in browser_processes().values()]
    return sum(ours), max(ours, default=0)
out = {"clicks": []}
state = {"t0": time.perf_counter()}
READY = ("(function () { var d = document.documentElement.dataset; if (d.cmReady !== '1') return '';"
         " if (!d.cmPainted) { if (!window.cmBenchWait) { window.cmBenchWait = 1;"
         " requestAnimationFrame(function () { setTimeout(function () { d.cmPainted = '1'; }, 0); }); }"
         " return ''; } return 'ready'; })()")
# The click: the first item of the places list (sorted by mentions), timed in the page
# until the next frame after the handler has been drawn.
CLICK = ("(function () { var d = document.documentElement.dataset; delete d.cmClicked;"
         " var a = document.querySelector('#cm-panel .cm-place-item');"
         " var name = a.querySelector('.cm-place-name').textContent, t0 = performance.now(); a.click();"
         " var t1 = performance.now();"
         " requestAnimationFrame(function () { setTimeout(function () { d.cmClicked = JSON.stringify({"
         "  name: name, handler: t1 - t0, drawn: performance.now() - t0,"
         "  rows: document.querySelectorAll('#cm-panel .cm-passage').length,"
         "  nodes: document.getElementsByTagName('*').length}); }, 0); }); return 'ok'; })()")
CLICKED = "document.documentElement.dataset.cmClicked || ''"
BACK = ("(function () { caucasusmap.clear(); var d = document.documentElement.dataset; delete d.cmBack;"
        " requestAnimationFrame(function () { setTimeout(function () { d.cmBack = '1'; }, 0); }); return 'ok'; })()")
HEAP = "String(performance.memory ? performance.memory.usedJSHeapSize : 0)"
def js(code, then):
    view.page().runJavaScript(code, 0, then)
def wait(code, then, delay=20):
    def check(v):
        if v:
            then(v)
        elif time.perf_counter() - state["t0"] > limit:
            out["timeout"] = True; finish()
        else:
            QTimer.singleShot(delay, lambda: js(code, check))
    js(code, check)
def ready(_):
    out["ready"] = time.perf_counter() - state["t0"]
    out["nodes_ready"] = None
    QTimer.singleShot(300, click)
def click():
    if len(out["clicks"]) >= repeat:
        return finish()
    state["t0"] = time.perf_counter()
    js(CLICK, lambda _: wait(CLICKED, clicked))
def clicked(v):
    r = json.loads(v); r["wall"] = time.perf_counter() - state["t0"]
    out["clicks"].append(r)
    if len(out["clicks"]) >= repeat:
        return finish()
    state["t0"] = time.perf_counter()
    js(BACK, lambda _: wait("document.documentElement.dataset.cmBack || ''", lambda _: QTimer.singleShot(200, click)))
def finish():
    out["browser_rss"], out["renderer_rss"] = browser_rss()
    def heap(v):
        out["js_heap"] = int(v or 0)
        print(json.dumps(out), flush=True); app.quit()
    js(HEAP, heap)
view.loadFinished.connect(lambda ok: wait(READY, ready, 10))
view.load(QUrl.fromLocalFile(page))
QTimer.singleShot(int(limit * 1000) + 60000, app.quit)
app.exec()
"""


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def browse(page: Path, repeat: int, limit: float) -> dict:
    r = subprocess.run([sys.executable, "-c", BROWSER, str(page), str(repeat), str(limit)],
                       capture_output=True, text=True, timeout=limit * (repeat + 2) + 300)
    got = last_json(r.stdout)
    if got is None:
        raise SystemExit(f"browser run failed: {r.stderr[-2000:]}")
    return got


def median(runs: list[dict], key: str) -> float:
    return statistics.median(x[key] for x in runs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "cm-scale-data")
    ap.add_argument("--sizes", type=float, nargs="*", default=[100])
    ap.add_argument("--places", type=int, nargs="*", default=[],
                    help="also views of N synthetic places (bench_app_scale.py's corpus of 20 MB naming them)")
    ap.add_argument("--aliases", type=int, default=500)
    ap.add_argument("--before", type=Path, required=True, help="baseline checkout (with src/), e.g. main")
    ap.add_argument("--repeat", type=int, default=5, help="clicks on the most mentioned place per version")
    ap.add_argument("--limit", type=float, default=900, help="seconds one load or click may take")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    import caucasusmap

    print(f"after: {Path(caucasusmap.__file__).parent}; before: {args.before}; load {load()} (2 cores)")
    args.data.mkdir(parents=True, exist_ok=True)
    gdir = args.data / f"gaz{args.aliases}"
    if not (gdir / "places.yaml").exists():
        gdir.mkdir(exist_ok=True)
        make_gazetteer(gdir, args.aliases, ROOT / "gazetteer" / "places.yaml")
    configs = []
    for size in args.sizes:
        name, corpus, nbytes = corpus_of(args.data, size)
        configs.append((name, gdir / "places.yaml", corpus))
    for n in args.places:
        from bench_app_scale import synthetic

        configs.append((f"p{n}", *synthetic(args.data, n)))
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="cm-exportbench-", dir=args.data) as tmp:
        tmp = Path(tmp)
        versions = {"before": baseline_src(args.before, tmp), "after": None}
        for name, gaz, corpus in configs:
            exe = [sys.executable, "-m", "caucasusmap", "--gazetteer", str(gaz)]
            nbytes = sum(p.stat().st_size for p in corpus.iterdir())
            print(f"\n{name}: {nbytes / 2**20:,.0f} MiB in {len(list(corpus.iterdir())):,} files, gazetteer {gaz}")
            res: dict = {}
            for who, src in versions.items():
                env = dict(os.environ)
                env.pop("CAUCASUSMAP_REFERENCE", None)  # the packaged reference, as for a user
                # One cache for both: a version with the same store key and format reuses the index.
                env["CAUCASUSMAP_CACHE_DIR"] = str(args.data / f"cache-{name}")
                if src is not None:
                    env["PYTHONPATH"] = str(src)
                where = subprocess.run([sys.executable, "-c", "import caucasusmap; print(caucasusmap.__file__)"],
                                       env=env, capture_output=True, text=True, check=True).stdout.strip()
                linked = run([*exe, "--corpus", str(corpus), "link", "-q"], env=env)
                page = tmp / f"{name}-{who}.html"
                exported = run([*exe, "--corpus", str(corpus), "export", "--out", str(page)], env=env)
                size_mib = page.stat().st_size / 2**20
                print(f"  {who} ({where})")
                print(f"    link {linked['wall']:.1f} s (once, for the export); export {exported['wall']:.1f} s, "
                      f"peak {exported['peak_mib']:.0f} MiB, HTML {size_mib:.1f} MiB   "
                      f"load {' '.join(exported['load'])}")
                b = browse(page, args.repeat, args.limit)
                clicks = b["clicks"]
                line = f"    ready in Chromium {b['ready']:.2f} s"
                if clicks:
                    line += (f"; click on {clicks[0]['name']} -> passages drawn in "
                             f"{median(clicks, 'drawn') / 1000:.2f} s "
                             f"(handler {median(clicks, 'handler') / 1000:.2f} s; "
                             f"median of {len(clicks)}), "
                             f"{median(clicks, 'rows'):.0f} passage rows, {median(clicks, 'nodes'):,.0f} DOM elements")
                if b.get("timeout"):
                    line += f"  (stopped after --limit {args.limit:g} s)"
                print(line)
                print(f"    browser processes {b['browser_rss'] / 2**20:,.0f} MiB RSS (renderer "
                      f"{b['renderer_rss'] / 2**20:,.0f} MiB), JS heap {b['js_heap'] / 2**20:,.0f} MiB   load {load()}")
                res[who] = {"html_mib": size_mib, "export": exported, "browser": b}
            a, z = res["before"]["browser"], res["after"]["browser"]
            if a["clicks"] and z["clicks"]:
                print(f"  after/before: click {median(z['clicks'], 'drawn') / median(a['clicks'], 'drawn'):.4f}x, "
                      f"DOM elements {median(z['clicks'], 'nodes') / median(a['clicks'], 'nodes'):.3f}x, "
                      f"renderer RSS {z['renderer_rss'] / a['renderer_rss']:.2f}x, "
                      f"ready {z['ready'] / a['ready']:.2f}x, "
                      f"HTML {res['after']['html_mib'] / res['before']['html_mib']:.2f}x")
            results[name] = res
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
