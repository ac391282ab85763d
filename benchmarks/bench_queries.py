"""Benchmark: index query latency on the bundled corpus.

    python benchmarks/bench_queries.py

Times each query over every place (or passage) of the bundled data and prints
the median and the worst single call, plus the cost of opening the index from
the cache versus building it, measured in the same run.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# caucasusmap is the installed package (pip install -e '.[test]' in a checkout), not src/ on sys.path.


def timed(fn, args_list):
    times = []
    for args in args_list:
        t = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - t)
    return statistics.median(times), max(times)


def main() -> int:
    import os

    os.environ["CAUCASUSMAP_CACHE_DIR"] = tempfile.mkdtemp(prefix="cm-qbench-")
    from caucasusmap.index import open_index

    gaz, corpus = ROOT / "gazetteer" / "places.yaml", ROOT / "corpus"
    t = time.perf_counter()
    index = open_index(gaz, corpus)
    built = time.perf_counter() - t
    t = time.perf_counter()
    index = open_index(gaz, corpus)
    cached = time.perf_counter() - t
    assert index.source == "cache"
    places = [p.id for p in index.gazetteer.places]
    passages = list(index.passages)
    ranked = sorted(places, key=index.mention_count, reverse=True)
    print(f"bundled corpus: {len(index.corpus.documents)} documents, {len(passages)} passages, "
          f"{len(index.table)} mentions, {len(places)} places")
    print(f"open index: build {built * 1000:.0f} ms, from cache {cached * 1000:.0f} ms "
          f"({built / cached:.1f}x faster)")
    rows = [
        ("passages_for(place)", index.passages_for, [(p,) for p in places]),
        ("passages_for(2 places, all)", lambda a, b: index.passages_for([a, b], mode="all"),
         [(a, b) for a in ranked[:10] for b in ranked[:10] if a != b]),
        ("places_in(passage)", index.places_in, [(p,) for p in passages]),
        ("mentions_in(passage)", index.mentions_in, [(p,) for p in passages]),
        ("cooccurring(place)", index.cooccurring, [(p,) for p in places]),
        ("mention_count(place)", index.mention_count, [(p,) for p in places]),
    ]
    for name, fn, args in rows:
        for a in args[:3]:
            fn(*a)  # warm
        med, worst = timed(fn, args)
        print(f"  {name:30} median {med * 1e6:7.1f} µs   worst {worst * 1e6:7.1f} µs   ({len(args)} calls)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
