"""Benchmark: what 10,000 review decisions add to link + index on the ~100 MB corpus.

    python benchmarks/bench_review.py [--size-mb 100] [--decisions 10000] [--aliases 500]

The corpus and gazetteer are the ones ``bench_linking.py`` generates. In the
same run, each in a fresh child process (best of ``--repeat``):

* **baseline**: link + index with no decisions (``open_index(use_cache=False,
  decisions=False)``);
* **with decisions**: the same, then the decisions file read, anchored and
  applied (``open_index(use_cache=False)``);
* the same two opening from the cache (what every later start pays), after a
  first cached open with the decisions (reported too), which anchors them in
  the text and stores where each applies;
* with decisions after text was inserted at the top of every document, so
  that no decision is where it was and every one is found again by its quote.

The decisions are a mix like a reviewer's (40 % confirm, 25 % change, 20 %
reject, 15 % add) spread over the whole corpus; half the changes of a mention
the linker had alternatives for go to its first alternative. Linking uses the
reference gazetteer as a user's run does (``CAUCASUSMAP_REFERENCE=none`` to
leave it out). Reports times, the ratio to the
baseline (target: at most +10 %), the apply step alone as measured inside the
process, CPU time (user + system of each child and the workers it ran) and
peak memory (VmHWM of each child).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))  # bench_linking's corpus; caucasusmap itself is the installed one

CHILD = r"""
import json, sys, time
def peak_mb():
    # VmHWM: this process's own peak (ru_maxrss survives exec, so a child would report its parent's).
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0
t0 = time.perf_counter()
from caucasusmap import index as index_mod
from caucasusmap.index import open_index
applied = {{"seconds": 0.0}}
real = index_mod.apply_decisions
def timed(*a, **k):
    t = time.perf_counter()
    out = real(*a, **k)
    applied["seconds"] += time.perf_counter() - t
    return out
index_mod.apply_decisions = timed
idx = open_index({gaz!r}, {corpus!r}, use_cache={cache!r}, decisions={decisions!r})
t1 = time.perf_counter()
review = idx.review
print(json.dumps({{"seconds": t1 - t0, "apply_seconds": applied["seconds"], "mentions": len(idx.table),
                  "decisions": len(review.decisions) if review else 0,
                  "applied": len(review.spans) if review else 0,
                  "issues": len(review.issues) if review else 0,
                  "maxrss_mb": peak_mb()}}))
"""


def child(gaz: Path, corpus: Path, cache_dir: Path, *, cache: bool, decisions: bool) -> dict:
    code = CHILD.format(gaz=str(gaz), corpus=str(corpus), cache=cache, decisions=decisions)
    env = dict(os.environ, CAUCASUSMAP_CACHE_DIR=str(cache_dir))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = json.loads(r.stdout)
    # CPU of the child and of any workers it ran (user + system), from the parent's accounting.
    out["cpu_seconds"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return out


def best(runs: list[dict]) -> dict:
    return min(runs, key=lambda r: r["seconds"])


def make_decisions(gaz: Path, corpus: Path, n: int, seed: int = 11) -> int:
    """Write ``n`` decisions spread over the corpus to its annotations.jsonl."""
    from caucasusmap.index import open_index
    from caucasusmap.review import Decision, annotations_path, dump_decisions, quote_at, source_of

    idx = open_index(gaz, corpus, use_cache=False, decisions=False)
    rng = random.Random(seed)
    t = idx.table
    places = [p.id for p in idx.gazetteer.places]
    docs = idx.corpus.documents
    n_add = n * 15 // 100
    rows = sorted(rng.sample(range(len(t)), n - n_add))
    out = []
    for i, r in enumerate(rows):
        doc = docs[int(t.document[r])]
        a, b = int(t.start[r]), int(t.end[r])
        was = places[int(t.place[r])]
        kind = rng.random()
        if kind < 40 / 85:
            action, place = "confirm", was
        elif kind < 65 / 85:
            # To one of the places the linker weighed when it has any (they
            # may be reference places outside the index), else any place.
            alts = idx.alternatives(r)
            action, place = "change", alts[0][0] if alts and rng.random() < 0.5 else rng.choice(places)
        else:
            action, place = "reject", None
        exact, prefix, suffix = quote_at(doc.text, a, b)
        out.append(Decision(f"b{i:06d}", action, source_of(doc, idx.corpus.root), a, b, exact, prefix, suffix,
                            place, was, "", "2025-01-01T00:00:00Z"))
    # Adds: capitalised words the linker did not link, inside passages.
    linked = {(int(d), int(s)) for d, s in zip(t.document, t.start)}
    word = re.compile(r"\b[A-Z][a-z]{4,}\b")
    tries = 0
    while len(out) < n and tries < 50 * n:
        tries += 1
        di = rng.randrange(len(docs))
        doc = docs[di]
        passages = idx.document_passages[doc.id]
        p = passages[rng.randrange(len(passages))]
        m = word.search(doc.text, p.start, p.end)
        if not m or (di, m.start()) in linked or m.end() > p.end:
            continue
        linked.add((di, m.start()))
        exact, prefix, suffix = quote_at(doc.text, m.start(), m.end())
        out.append(Decision(f"a{len(out):06d}", "add", source_of(doc, idx.corpus.root), m.start(), m.end(), exact,
                            prefix, suffix, rng.choice(places), None, "", "2025-01-01T00:00:00Z"))
    annotations_path(corpus).write_text(dump_decisions(out), encoding="utf-8")
    return len(out)


def main() -> int:
    from bench_linking import make_corpus, make_gazetteer

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size-mb", type=float, default=100)
    ap.add_argument("--aliases", type=int, default=500)
    ap.add_argument("--decisions", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--json", type=Path, help="write the figures to this JSON file")
    args = ap.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f} (2 cores shared)")
    with tempfile.TemporaryDirectory(prefix="cm-review-bench-") as tmp:
        tmp = Path(tmp)
        size = make_corpus(tmp / "corpus", args.size_mb)
        gaz, names = make_gazetteer(tmp, args.aliases, ROOT / "gazetteer" / "places.yaml")
        corpus = tmp / "corpus"
        t = time.perf_counter()
        n = make_decisions(gaz, corpus, args.decisions)
        print(f"corpus: {size / 2**20:.1f} MiB; gazetteer: {len(names)} names; {n} decisions "
              f"(made in {time.perf_counter() - t:.1f} s)")
        cache = tmp / "cache"
        results: dict[str, dict] = {}
        for _ in range(args.repeat):  # interleaved, so load changes hit both alike
            for name, kw in (("baseline", dict(cache=False, decisions=False)),
                             ("with decisions", dict(cache=False, decisions=True))):
                results.setdefault(name, []).append(child(gaz, corpus, cache, **kw))
        child(gaz, corpus, cache, cache=True, decisions=False)  # fill the cache
        # The first open with these decisions anchors them in the text and stores where they apply.
        results["cached with decisions, first open"] = [child(gaz, corpus, cache, cache=True, decisions=True)]
        for _ in range(args.repeat):
            for name, kw in (("cached baseline", dict(cache=True, decisions=False)),
                             ("cached with decisions", dict(cache=True, decisions=True))):
                results.setdefault(name, []).append(child(gaz, corpus, cache, **kw))
        # Every document edited at the top: no decision is at its old offset any more.
        for p in sorted(corpus.glob("*.md")):
            p.write_text("An inserted first paragraph that moves everything after it.\n\n"
                         + p.read_text(encoding="utf-8"), encoding="utf-8")
        results["with decisions, text inserted above them"] = [
            child(gaz, corpus, cache, cache=False, decisions=True) for _ in range(args.repeat)]
        figures = {name: best(runs) for name, runs in results.items()}
        base, cached = figures["baseline"], figures["cached baseline"]
        print(f"\n{'':44} {'wall s':>8} {'CPU s':>8} {'apply':>7} {'ratio':>7} {'CPU ratio':>9} {'peak':>7}")
        for name, r in figures.items():
            ref = cached if name.startswith("cached") else base
            print(f"{name:44} {r['seconds']:8.2f} {r['cpu_seconds']:8.2f} {r['apply_seconds']:7.2f} "
                  f"{r['seconds'] / ref['seconds']:7.3f} {r['cpu_seconds'] / ref['cpu_seconds']:9.3f} "
                  f"{r['maxrss_mb']:6.0f}M   {r['applied']}/{r['decisions']} applied, {r['issues']} issues")
        added = figures["with decisions"]["seconds"] / base["seconds"] - 1
        added_cpu = figures["with decisions"]["cpu_seconds"] / base["cpu_seconds"] - 1
        print(f"\n{n:,} decisions add {added * 100:+.1f} % wall, {added_cpu * 100:+.1f} % CPU to link + index "
              f"(target <= +10 %); the apply step alone is "
              f"{figures['with decisions']['apply_seconds'] / base['seconds'] * 100:.1f} % of it")
        c_base, c_dec = figures["cached baseline"], figures["cached with decisions"]
        print(f"opening from the cache: {c_base['seconds']:.2f} -> {c_dec['seconds']:.2f} s wall, "
              f"{c_base['cpu_seconds']:.2f} -> {c_dec['cpu_seconds']:.2f} s CPU, "
              f"{c_base['maxrss_mb']:.0f} -> {c_dec['maxrss_mb']:.0f} MiB peak with the decisions")
        print(f"load average after: {os.getloadavg()[0]:.2f}")
        if args.json:
            args.json.write_text(json.dumps({"size_mib": size / 2**20, "decisions": n, "figures": figures,
                                             "added_fraction": added, "added_cpu_fraction": added_cpu}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
