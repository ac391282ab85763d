"""Benchmark behind the store's format: memory-mapped numpy columns against
Parquet files queried with DuckDB, on the same linked mentions.

Takes a store built by ``caucasusmap link`` (its ``parts/base*`` folder) and,
in one run, measures for each format: writing the mention table, a cold open
in a fresh process (import + first query), the queries a click and the map
need (a place's first 50 passages with counts; mentions and documents per
place), and the process's peak RSS. Needs ``pyarrow`` and ``duckdb``
(not dependencies of caucasusmap: only this comparison uses them).

    python benchmarks/bench_store_choice.py STORE_FOLDER
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NUMPY_CHILD = r"""
import json, resource, time
t0 = time.perf_counter()
import numpy as np
base = {base!r}
load = lambda n: np.load(base + "/" + n + ".npy", mmap_mode="r")
bp_start, bp_passage, bp_count = load("bp_start"), load("bp_passage"), load("bp_count")
pl_m, pl_d = load("pl_mentions"), load("pl_documents")
t1 = time.perf_counter()
times = []
for place in {places!r}:
    a = time.perf_counter()
    s, e = int(bp_start[place]), int(bp_start[place + 1])
    first = list(zip(bp_passage[s:min(e, s + 50)].tolist(), bp_count[s:min(e, s + 50)].tolist()))
    total = e - s
    times.append(time.perf_counter() - a)
a = time.perf_counter()
counts = (np.asarray(pl_m).tolist(), np.asarray(pl_d).tolist())
t_counts = time.perf_counter() - a
print(json.dumps({{"open": t1 - t0, "click_median": sorted(times)[len(times) // 2], "click_max": max(times),
                  "counts": t_counts, "first": first[:3],
                  "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""

DUCK_CHILD = r"""
import json, resource, time
t0 = time.perf_counter()
import duckdb
con = duckdb.connect()
con.execute("CREATE VIEW m AS SELECT * FROM read_parquet('{parquet}')")
t1 = time.perf_counter()
times = []
for place in {places!r}:
    a = time.perf_counter()
    first = con.execute("SELECT passage, count(*) FROM m WHERE place = ? GROUP BY passage ORDER BY passage LIMIT 50",
                        [place]).fetchall()
    total = con.execute("SELECT count(DISTINCT passage) FROM m WHERE place = ?", [place]).fetchone()
    times.append(time.perf_counter() - a)
a = time.perf_counter()
counts = con.execute("SELECT place, count(*), count(DISTINCT document) FROM m GROUP BY place").fetchall()
t_counts = time.perf_counter() - a
print(json.dumps({{"open": t1 - t0, "click_median": sorted(times)[len(times) // 2], "click_max": max(times),
                  "counts": t_counts, "first": [list(r) for r in first[:3]],
                  "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def main() -> int:
    store = Path(sys.argv[1])
    (base,) = sorted(store.glob("parts/base*"))
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = {n: np.load(base / f"m_{n}.npy", mmap_mode="r") for n in ("doc", "passage", "start", "end", "place")}
    n = len(cols["place"])
    totals = np.load(base / "pl_mentions.npy")
    places = [int(i) for i in np.argsort(-totals)[:20]]  # the most mentioned: the worst clicks
    with tempfile.TemporaryDirectory() as tmp:
        parquet = Path(tmp) / "mentions.parquet"
        t = time.perf_counter()
        table = pa.table({"document": np.asarray(cols["doc"]), "passage": np.asarray(cols["passage"]),
                          "start": np.asarray(cols["start"]), "end": np.asarray(cols["end"]),
                          "place": np.asarray(cols["place"])})
        pq.write_table(table, parquet, row_group_size=1 << 20)
        t_parquet = time.perf_counter() - t
        del table
        npy_mib = sum(f.stat().st_size for f in base.glob("*.npy")) / 2**20
        print(f"{n:,} mentions; numpy columns + query structures {npy_mib:,.0f} MiB on disk; "
              f"Parquet (mentions only) {parquet.stat().st_size / 2**20:,.0f} MiB, written in {t_parquet:.2f} s")
        print(f"load: {Path('/proc/loadavg').read_text().split()[:3]}")
        for label, code in (("numpy memmap", NUMPY_CHILD.format(base=str(base), places=places)),
                            ("DuckDB on Parquet", DUCK_CHILD.format(parquet=str(parquet), places=places))):
            r = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                          check=True).stdout)
            print(f"{label:<18}: open (import + map) {r['open'] * 1000:7.1f} ms; click (first 50 passages + total) "
                  f"median {r['click_median'] * 1000:7.2f} ms, max {r['click_max'] * 1000:7.2f} ms; "
                  f"counts per place {r['counts'] * 1000:7.1f} ms; peak RSS {r['maxrss_mib']:6.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
