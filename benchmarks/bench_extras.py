"""Benchmark: the first build of the app's extras — full-text search and unlinked names — on a warm index.

    python benchmarks/bench_extras.py --gazetteer G --corpus DIR --cache DIR [--before CHECKOUT] [--runs N]

``--cache`` is a cache folder holding the corpus's linked store (``caucasusmap link``
or ``bench_scale.py --keep-store``). For each tree (this one, and ``--before``, a
checkout with ``src/``, in the same run, alternating), the store is copied to a
fresh folder without its search database and unlinked-name scans, and one fresh
process builds both the way the app does (:class:`~caucasusmap.search.PassageSearch`,
then :func:`~caucasusmap.candidates.find_candidates` with the "not a place" list);
then a second process opens them again (warm). Reported per build: wall and CPU
seconds of the whole process tree (workers included), its peak RSS (sampled every
50 ms), and the machine's load. Each tree's answers are reduced to digests — every
candidate (name, count, score, passages, forms, evidence) and the hits of a fixed
set of searches — and the script exits 1 if the trees' digests differ.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_scale import run  # noqa: E402

CHILD = r"""
import hashlib, json, sys, time
t0 = time.perf_counter()
from caucasusmap.index import open_index
from caucasusmap.candidates import find_candidates, ignore_path, read_ignore
from caucasusmap.search import PassageSearch
index = open_index({gaz!r}, {corpus!r})
t1 = time.perf_counter()
search = PassageSearch(index)
t2 = time.perf_counter()
found = find_candidates(index, read_ignore(ignore_path({gaz!r})), limit=0)
t3 = time.perf_counter()
h = hashlib.sha256()
for c in found:
    h.update(repr((c.name, c.key, c.count, c.score, c.passages, c.forms, c.evidence)).encode("utf-8", "surrogatepass"))
s = hashlib.sha256()
hits = 0
for q in ("Tabriz", "Iran", "border", "Nagorno-Karabakh", '"South Caucasus"', "oil pipe*", "Baku Tbilisi", "xyzzy"):
    for hit in search.search(q, limit=100):
        hits += 1
        row = (hit.passage, hit.document, hit.snippet, hit.spans, round(hit.rank, 6))
        s.update(repr(row).encode("utf-8", "surrogatepass"))
open({out!r}, "w").write(json.dumps({{"open": t1 - t0, "search": t2 - t1, "candidates": t3 - t2,
                  "n_candidates": len(found), "top": [c.name for c in found[:5]],
                  "candidates_digest": h.hexdigest(), "hits": hits,
                  "search_digest": s.hexdigest()}}))
"""


def fresh_copy(cache: Path, dest: Path) -> None:
    """The warm store in ``cache`` without its extras, at ``dest``."""
    shutil.copytree(cache, dest, ignore=shutil.ignore_patterns(
        "candidates*.sqlite*", "search-*.sqlite*", "scans*", "*.ini", "map.html"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gazetteer", type=Path, required=True)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--cache", type=Path, required=True, help="a cache folder with the corpus's linked store")
    ap.add_argument("--before", type=Path, help="a checkout to compare with (with src/)")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--tmp", type=Path, help="where the copies go (default: beside --cache)")
    args = ap.parse_args()
    trees = {"after": str(ROOT / "src")}
    if args.before:
        trees["before"] = str(args.before.resolve() / "src")
    results: dict[str, list[dict]] = {who: [] for who in trees}
    for k in range(args.runs):
        for who, src in trees.items():
            tmp = Path(tempfile.mkdtemp(prefix=f"cm-extras-{who}-", dir=args.tmp or args.cache.parent))
            try:
                cache = tmp / "cache"
                fresh_copy(args.cache, cache)
                env = {**os.environ, "PYTHONPATH": src, "CAUCASUSMAP_CACHE_DIR": str(cache)}
                out = tmp / "out.json"
                code = CHILD.format(gaz=str(args.gazetteer.resolve()), corpus=str(args.corpus.resolve()), out=str(out))
                first = run([sys.executable, "-c", code], env=env)
                first.update(json.loads(out.read_text()))
                warm = run([sys.executable, "-c", code], env=env)
                warm.update(json.loads(out.read_text()))
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
            results[who].append({"first": first, "warm": warm})
            for label, r in (("first build", first), ("warm open", warm)):
                print(f"{who} run {k + 1}, {label}: {r['wall']:.1f} s wall, {r['cpu']:.1f} s CPU, peak "
                      f"{r['peak_mib']:.0f} MiB (search {r.get('search', 0):.1f} s, unlinked names "
                      f"{r.get('candidates', 0):.1f} s wall in-process); {r.get('n_candidates')} candidates, "
                      f"{r.get('hits')} hits; load {' '.join(r['load'])}", flush=True)
    for who, rs in results.items():
        print(f"{who}, median of {len(rs)}: first build " + ", ".join(
            f"{key} {statistics.median(r['first'][key] for r in rs):.1f}"
            for key in ("wall", "cpu", "peak_mib", "search", "candidates")))
    if "before" in results:
        def med(who, key):
            return statistics.median(r["first"][key] for r in results[who])

        print("after / before (first build): " + ", ".join(
            f"{key} {med('after', key) / max(1e-9, med('before', key)):.2f}x" for key in ("wall", "cpu", "peak_mib")))
        digests = {(r[p]["candidates_digest"], r[p]["search_digest"]) for rs in results.values() for r in rs
                   for p in ("first", "warm")}
        if len(digests) != 1:
            print("DIFFERENT answers between the trees (or between a first build and a warm open):", digests)
            return 1
        print("answers identical in every run (candidates and search digests)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
