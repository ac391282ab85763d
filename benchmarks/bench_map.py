"""Benchmark: building and rendering the map of a view.

    python benchmarks/bench_map.py [--places 5000] [--mentions 50000]

1. Export of the bundled corpus (self-contained HTML), against a baseline in
   the same run: the plain folium way — one ``folium.CircleMarker`` with a
   tooltip per place, CDN assets — for the same places.
2. A synthetic view of N places and M mentions: build time (data + HTML), the
   same folium baseline, and the file size.
3. Rendering in Chromium (Qt WebEngine, offscreen): from ``load()`` until the
   page reports ready (markers created and clustered), against a bare
   QWebEngineView loading a minimal Leaflet page from disk in the same process.

It measures the installed package (``pip install -e '.[test]'`` in a checkout),
the one the user runs, with its bundled gazetteer and corpus; it refuses to run
without it rather than import a source tree behind the installer's back.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchhelp import last_json, pronounceable_names  # noqa: E402


def _installed():
    """The installed caucasusmap's bundled gazetteer and corpus, or exit with what to do."""
    try:
        from caucasusmap import paths
        return paths.bundled("gazetteer"), paths.bundled("corpus")
    except ImportError:
        raise SystemExit("bench_map: caucasusmap is not installed in this Python; "
                         "from the checkout run: pip install -e '.[test]'") from None
    except Exception as exc:  # noqa: BLE001  paths says what is wrong
        raise SystemExit(f"bench_map: {exc}") from None


def folium_baseline(places: list[dict]) -> float:
    """Seconds to build + render the naive folium map of ``places``."""
    import folium

    t = time.perf_counter()
    m = folium.Map(location=[40, 46], zoom_start=6)
    for p in places:
        folium.CircleMarker([p["lat"], p["lon"]], radius=5, tooltip=f"{p['name']} ({p['count']})").add_to(m)
    m.get_root().render()
    return time.perf_counter() - t


def synthetic(dest: Path, n_places: int, n_mentions: int) -> tuple[Path, Path]:
    rng = random.Random(11)
    syll = ["ka", "ra", "ba", "gh", "an", "sh", "ur", "de", "zan", "lu", "mi", "ov", "ab", "ta", "qa", "ny", "el", "os"]
    names = pronounceable_names(rng, n_places, syll)
    lines = ["places:"]
    for i, w in enumerate(names):
        lines.append(f"  - {{id: p{i}, name: {w}, kind: village, lat: {rng.uniform(36, 43):.4f}, "
                     f"lon: {rng.uniform(42, 50):.4f}}}")
    gaz = dest / "places.yaml"
    gaz.write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = dest / "corpus"
    corpus.mkdir()
    # Zipf-like popularity, 5 mentions per paragraph, 1,000 paragraphs per file.
    weights = [1 / (r + 1) for r in range(n_places)]
    per_para, per_file = 5, 1000
    paragraphs = []
    # Every place at least once, the rest by popularity.
    pool = names[:] + rng.choices(names, weights=weights, k=max(0, n_mentions - n_places))
    rng.shuffle(pool)
    for k in range(0, len(pool) - per_para + 1, per_para):
        picks = pool[k:k + per_para]
        paragraphs.append("The road from " + ", then ".join(picks) + " was discussed at length.")
    for f in range(0, len(paragraphs), per_file):
        (corpus / f"doc{f // per_file:03d}.md").write_text("\n\n".join(paragraphs[f:f + per_file]) + "\n",
                                                           encoding="utf-8")
    return gaz, corpus


CHROMIUM = r"""
import os, sys, time, json
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.geteuid() == 0:
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --no-sandbox").strip()
from PySide6.QtCore import QUrl, QTimer
from PySide6.QtWidgets import QApplication
from PySide6.QtWebEngineWidgets import QWebEngineView
app = QApplication([])
results = {}
def measure(path, ready_js, key, then):
    view = QWebEngineView(); view.resize(1400, 900); view.show()
    t0 = time.perf_counter()
    def poll():
        view.page().runJavaScript(ready_js, 0, check)
    def check(v):
        if v == "1":
            results[key] = time.perf_counter() - t0
            view.close(); then()
        else:
            QTimer.singleShot(10, poll)
    view.loadFinished.connect(lambda ok: poll())
    view.load(QUrl.fromLocalFile(path))
    measure.views.append(view)
measure.views = []
def done():
    print(json.dumps(results)); app.quit()
bare, ours = sys.argv[1], sys.argv[2]
warm = lambda: measure(bare, "document.readyState === 'complete' && window.L ? '1' : ''", "warmup",
                       lambda: measure(bare, "document.readyState === 'complete' && window.L ? '1' : ''", "bare",
                       lambda: measure(ours, "document.documentElement.dataset.cmReady || ''", "ours", done)))
warm()
QTimer.singleShot(120000, app.quit)
app.exec()
"""


def chromium_times(ours: Path, tmp: Path) -> dict:
    import xstatic.pkg.leaflet as leaflet

    bare = tmp / "bare.html"
    js = (Path(leaflet.BASE_DIR) / "leaflet.js").read_text(encoding="utf-8")
    css = (Path(leaflet.BASE_DIR) / "leaflet.css").read_text(encoding="utf-8")
    bare.write_text(f"<!doctype html><html><head><style>{css}</style><script>{js}</script></head>"
                    "<body style='margin:0'><div id=m style='height:100vh'></div>"
                    "<script>L.map('m').setView([40,46],6)</script></body></html>", encoding="utf-8")
    r = subprocess.run([sys.executable, "-c", CHROMIUM, str(bare), str(ours)], capture_output=True, text=True,
                       timeout=300)
    result = last_json(r.stdout)
    if result is None:
        raise SystemExit(f"chromium run failed: {r.stderr[-2000:]}")
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--places", type=int, default=5000)
    ap.add_argument("--mentions", type=int, default=50000)
    ap.add_argument("--no-chromium", action="store_true", help="skip the rendering measurement")
    args = ap.parse_args()
    gazetteer, bundled_corpus = _installed()
    with tempfile.TemporaryDirectory(prefix="cm-mapbench-") as tmp:
        tmp = Path(tmp)
        os.environ["CAUCASUSMAP_CACHE_DIR"] = str(tmp / "cache")
        from caucasusmap.export import export_view
        from caucasusmap.index import open_index
        from caucasusmap.maps import MapView, render_map, view_payload

        # 1. bundled corpus
        index = open_index(gazetteer, bundled_corpus)
        export_view(index, MapView(), tmp / "warm.html")  # warm caches (assets read once per process)
        t = time.perf_counter()
        out = export_view(index, MapView(), tmp / "bundled.html")
        ours = time.perf_counter() - t
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "caucasusmap", "export", "--out", str(tmp / "cli.html")],
                       check=True, capture_output=True)
        cli = time.perf_counter() - t
        base = folium_baseline(view_payload(index)["places"])
        print(f"bundled export : {ours:.2f} s in process ({out.stat().st_size / 1024:.0f} KiB, self-contained); "
              f"whole CLI command {cli:.2f} s (target < 1 s)")
        print(f"  baseline, plain folium markers for the same {len(index.gazetteer)} places: {base:.2f} s "
              f"-> ratio {ours / base:.2f}x")

        # 2. synthetic view
        gaz, corpus = synthetic(tmp, args.places, args.mentions)
        t = time.perf_counter()
        big = open_index(gaz, corpus)
        link = time.perf_counter() - t
        t = time.perf_counter()
        payload = view_payload(big, MapView())
        html = render_map(big, MapView(), payload=payload)
        build = time.perf_counter() - t
        page = tmp / "synthetic.html"
        page.write_text(html, encoding="utf-8")
        base = folium_baseline(payload["places"])
        print(f"synthetic view : {len(payload['places'])} places, {len(big.table)} mentions, "
              f"{len(payload['passages'])} passages (linking them took {link:.2f} s)")
        print(f"  build (data + HTML): {build:.2f} s (target < 3 s), {len(html) / 2**20:.1f} MiB; "
              f"plain folium markers alone: {base:.2f} s -> ratio {build / base:.2f}x")

        # 3. Chromium
        if not args.no_chromium:
            times = chromium_times(page, tmp)
            print(f"  render in Chromium (load -> markers clustered): {times['ours']:.2f} s (target < 3 s); "
                  f"bare Leaflet page: {times['bare']:.2f} s -> ratio {times['ours'] / times['bare']:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
