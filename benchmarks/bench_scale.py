"""Benchmark: linking corpora of 100 MB to 10 GB into the on-disk index.

For each corpus size, in one run and on the same files (generated the way
``bench_linking.py`` does: the bundled texts repeated into ~1 MB files,
against the bundled gazetteer padded to 500 names):

* ripgrep with the same names (``rg -o -i -w -F -f aliases.txt DIR``): the baseline;
* ``caucasusmap link`` into a fresh store (streaming, bounded memory);
* optionally the previous in-memory path (``--old SRC``: a checkout's ``src`` of the
  code before the store), which holds the corpus and every mention in memory;
* a cached open (``caucasusmap places`` on the warm store);
* adding one document and linking again (incremental) against the full build;
* optionally ``--dask``: a local Dask cluster of 2 workers against 2 local processes;
* optionally ``--long-mb N``: one document of N MB on one line (the bundled texts
  with their line breaks turned into spaces, repeated), linked in windows (the
  code as it is) against the same code linking it whole, with ripgrep.

The reference gazetteer is linked with as a user gets it (``--no-reference``:
the gazetteer alone); ripgrep then gets the reference's names too.

Time is wall clock and CPU (user + system of the whole process tree); memory
is the peak of the summed RSS of the process tree (sampled every 50 ms from
/proc), so worker processes count. Machine load (``/proc/loadavg``) is printed
with every figure: the machine is shared.

    python benchmarks/bench_scale.py --data /tmp/scale-data --sizes 100 1024 [--old /path/to/old/src] [--dask]
    python benchmarks/bench_scale.py --data /tmp/scale-data --sizes --long-mb 45   # the long document only
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_linking import make_corpus, make_gazetteer  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read().rsplit(b")", 1)[1].split()
            children.setdefault(int(stat[1]), []).append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, ()))
    return out


def _rss(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm", "rb") as f:
                total += int(f.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            pass
    return total


def run(cmd: list[str], env: dict | None = None, stdout=subprocess.DEVNULL, first_line: bool = False) -> dict:
    """Run ``cmd``; wall seconds, CPU seconds of the tree, peak tree RSS (MiB);
    with ``first_line``, also the seconds until its first line of output."""
    before = os.times()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE if first_line else stdout,
                            stderr=subprocess.PIPE)
    peak = [0]
    stop = threading.Event()

    def sample():
        tree_every = 0
        pids = [proc.pid]
        while not stop.is_set():
            if tree_every % 10 == 0:
                pids = _tree(proc.pid)
            tree_every += 1
            peak[0] = max(peak[0], _rss(pids))
            stop.wait(0.05)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    first = None
    out_bytes = 0
    if first_line:
        # The first screen: the header and the first passages (about 60 lines); then stop the command.
        lines = []
        for k in range(60):
            got = proc.stdout.readline()
            if k == 0:
                first = time.perf_counter() - t0
            lines.append(got)
            if not got:
                break
        out_bytes = sum(len(x) for x in lines)
        screen = time.perf_counter() - t0
        proc.kill()
    err = proc.stderr.read()
    proc.wait()
    wall = time.perf_counter() - t0
    stop.set()
    th.join()
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    if proc.returncode and not first_line:
        raise RuntimeError(f"{cmd} failed ({proc.returncode}): {err.decode()[-2000:]}")
    return {"wall": screen if first_line else wall, "cpu": cpu, "peak_mib": peak[0] / 2**20, "first_line": first,
            "out_bytes": out_bytes, "screen": b"".join(lines) if first_line else b"",
            "stderr": err.decode()[-600:], "load": Path("/proc/loadavg").read_text().split()[:3]}


OLD_CHILD = r"""
import json, sys, time
sys.path.insert(0, {src!r})
t0 = time.perf_counter()
from caucasusmap.index import open_index
idx = open_index({gaz!r}, {corpus!r}, use_cache=False)
print(json.dumps({{"seconds": time.perf_counter() - t0, "mentions": len(idx.table.start)}}))
"""


LONG_CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
import caucasusmap.index as ix
if {whole!r}:
    ix.WINDOW_CHARS = 1 << 40  # the document linked whole, as before windows
idx = ix.open_index({gaz!r}, {corpus!r})
print(json.dumps({{"seconds": time.perf_counter() - t0, "mentions": len(idx.table)}}))
"""


def make_long(dest: Path, size_mb: float) -> int:
    """One document of ``size_mb`` MB on a single line; returns bytes."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*")) if p.suffix in (".md", ".txt")]
    block = " ".join(" ".join(texts).split())
    n = max(1, round(size_mb * (1 << 20) / len(block.encode())))
    dest.mkdir(parents=True)
    (dest / "one-line.txt").write_text(" ".join([block] * n) + "\n", encoding="utf-8")
    return (dest / "one-line.txt").stat().st_size


def corpus_of(data: Path, size_mb: float) -> tuple[str, Path, int]:
    """The generated corpus of ``size_mb`` MB under ``data`` (made if missing): name, folder, bytes."""
    name = {100: "c100m", 1024: "c1g", 10240: "c10g"}.get(int(size_mb), f"c{int(size_mb)}m")
    corpus = data / name
    if not corpus.exists():
        make_corpus(corpus, size_mb)
    return name, corpus, sum(p.stat().st_size for p in corpus.iterdir())


def line(name: str, r: dict, base: dict | None = None) -> str:
    ratio = f"  {r['wall'] / base['wall']:5.2f}x rg wall, {r['cpu'] / base['cpu']:5.2f}x rg CPU" if base else ""
    return (f"  {name:<34} {r['wall']:8.2f} s wall {r['cpu']:8.2f} s CPU  peak {r['peak_mib']:7.0f} MiB"
            f"{ratio}   load {' '.join(r['load'])}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "cm-scale-data")
    ap.add_argument("--sizes", type=float, nargs="*", default=[100, 1024])
    ap.add_argument("--aliases", type=int, default=500)
    ap.add_argument("--old", type=Path, help="src folder of the code before the store (the old in-memory path)")
    ap.add_argument("--old-max-mb", type=float, default=1100, help="skip the old path above this size")
    ap.add_argument("--dask", action="store_true", help="also time a local 2-worker Dask cluster")
    ap.add_argument("--long-mb", type=float, help="also link one document of this many MB on one line")
    ap.add_argument("--long-whole-max-mb", type=float, default=4,
                    help="link a long document whole (the baseline) only up to this size (its time is quadratic); "
                         "above it both are also run at this size")
    ap.add_argument("--no-reference", action="store_true", help="link with the gazetteer alone")
    ap.add_argument("--keep-store", action="store_true",
                    help="keep each size's warm store (its cache folder is printed) for bench_app_scale.py --cache")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--rg-seconds", type=float, nargs=2, metavar=("WALL", "CPU"),
                    help="ripgrep's figures measured earlier on the same files (skips running it: 10 GB takes long)")
    args = ap.parse_args()
    rg = shutil.which("rg")
    if not rg:
        print("ripgrep (rg) is needed for the baseline: apt-get install ripgrep", file=sys.stderr)
        return 2
    exe = [sys.executable, "-m", "caucasusmap"]
    args.data.mkdir(parents=True, exist_ok=True)
    gdir = args.data / f"gaz{args.aliases}"
    if not (gdir / "places.yaml").exists():
        gdir.mkdir(exist_ok=True)
        _, names = make_gazetteer(gdir, args.aliases, ROOT / "gazetteer" / "places.yaml")
        (args.data / f"aliases{args.aliases}.txt").write_text("\n".join(names) + "\n", encoding="utf-8")
    gaz = gdir / "places.yaml"
    aliases = args.data / f"aliases{args.aliases}.txt"
    if not args.no_reference:
        from caucasusmap.reference import load_reference

        ref = load_reference()
        names = aliases.read_text(encoding="utf-8").split("\n")
        names = list(dict.fromkeys(n for n in names + [n for group in ref.names for n, _ in group] if n))
        aliases = args.data / f"aliases{args.aliases}-reference.txt"
        aliases.write_text("\n".join(names) + "\n", encoding="utf-8")
    base_env = dict(os.environ)
    if args.no_reference:
        base_env["CAUCASUSMAP_REFERENCE"] = "none"
    else:
        base_env.pop("CAUCASUSMAP_REFERENCE", None)  # the packaged reference, as for a user
    print(f"reference gazetteer: {'no' if args.no_reference else 'yes'}; ripgrep names: "
          f"{len(aliases.read_text(encoding='utf-8').splitlines()):,}")
    results = {}
    for size in args.sizes:
        name, corpus, nbytes = corpus_of(args.data, size)
        print(f"\n{name}: {nbytes / 2**20:,.0f} MiB in {len(list(corpus.iterdir())):,} files, "
              f"{args.aliases} names")
        cache = Path(tempfile.mkdtemp(prefix="cm-scale-cache-", dir=args.data))
        env = {**base_env, "CAUCASUSMAP_CACHE_DIR": str(cache)}
        res: dict = {"mib": nbytes / 2**20}
        # Warm the page cache for every contender alike.
        for f in sorted(corpus.iterdir()):
            f.read_bytes()
        if args.rg_seconds:
            res["rg"] = {"wall": args.rg_seconds[0], "cpu": args.rg_seconds[1], "peak_mib": 0,
                         "load": ["(earlier)"] * 3}
        else:
            res["rg"] = run([rg, "-o", "-i", "-w", "-F", "-f", str(aliases), str(corpus)])
        print(line("ripgrep", res["rg"]))
        res["link"] = run([*exe, "--gazetteer", str(gaz), "--corpus", str(corpus), "link", "-q"], env=env)
        print(line("link (store, streaming)", res["link"], res["rg"]))
        print("   ", res["link"]["stderr"].strip().replace("\n", "\n    "))
        if not args.rg_seconds:
            res["rg2"] = run([rg, "-o", "-i", "-w", "-F", "-f", str(aliases), str(corpus)])
            print(line("ripgrep again", res["rg2"]))
        res["open"] = run([*exe, "--gazetteer", str(gaz), "--corpus", str(corpus), "places", "--format", "csv"],
                          env=env)
        print(line("cached open + places", res["open"]))
        res["passages"] = run([*exe, "--gazetteer", str(gaz), "--corpus", str(corpus), "passages", "iran",
                               "--color", "never"], env=env, first_line=True)
        print(line("passages iran (first screen)", res["passages"])
              + f"  first line after {res['passages']['first_line']:.2f} s")
        export = cache / "map.html"
        res["export"] = run([*exe, "--gazetteer", str(gaz), "--corpus", str(corpus), "export", "--out",
                             str(export)], env=env)
        res["export"]["html_mib"] = export.stat().st_size / 2**20
        print(line("export html", res["export"]) + f"  {res['export']['html_mib']:.1f} MiB")
        # Incremental: one new document.
        extra = corpus / "zz-added.md"
        shutil.copy(sorted(corpus.glob("doc*.md"))[0], extra)
        extra.write_text(extra.read_text(encoding="utf-8") + "\nOne more line on Nurduz.\n", encoding="utf-8")
        try:
            res["add_one"] = run([*exe, "--gazetteer", str(gaz), "--corpus", str(corpus), "link", "-q"], env=env)
            print(line("add one document, link again", res["add_one"])
                  + f"  {res['add_one']['wall'] / res['link']['wall']:.3f}x the full build")
            print("   ", res["add_one"]["stderr"].strip().replace("\n", "\n    "))
        finally:
            extra.unlink()
        if args.dask:
            for label, opts in (("local pool, 2 processes", ["--workers", "2"]),
                                ("Dask local cluster, 2 workers", ["--dask", "--workers", "2"])):
                c2 = Path(tempfile.mkdtemp(prefix="cm-scale-cache-", dir=args.data))
                res[label] = run([*exe, "--gazetteer", str(gaz), "--corpus", str(corpus), "link", "-q", *opts],
                                 env={**env, "CAUCASUSMAP_CACHE_DIR": str(c2)})
                shutil.rmtree(c2, ignore_errors=True)
                print(line(label, res[label], res["rg"]))
            a, b = res["local pool, 2 processes"], res["Dask local cluster, 2 workers"]
            print(f"  Dask overhead: {b['wall'] / a['wall']:.2f}x the wall time of the local pool")
        if args.old and nbytes / 2**20 <= args.old_max_mb:
            code = OLD_CHILD.format(src=str(args.old), gaz=str(gaz), corpus=str(corpus))
            try:
                res["old"] = run([sys.executable, "-c", code], env={**env, "PYTHONPATH": str(args.old)})
                print(line("old in-memory path (before the store)", res["old"], res["rg"]))
            except RuntimeError as exc:
                print(f"  old in-memory path failed: {str(exc)[-300:]}")
        store_bytes = sum(f.stat().st_size for f in cache.rglob("*") if f.is_file())
        res["store_mib"] = store_bytes / 2**20
        print(f"  store on disk: {store_bytes / 2**20:,.0f} MiB")
        if args.keep_store:
            print(f"  store kept: CAUCASUSMAP_CACHE_DIR={cache}")
        else:
            shutil.rmtree(cache, ignore_errors=True)
        results[name] = res
    if args.long_mb:
        sizes = sorted({min(args.long_mb, args.long_whole_max_mb), args.long_mb})
        results["long"] = {}
        for size_mb in sizes:
            corpus = args.data / f"long{size_mb:g}m"
            if not corpus.exists():
                make_long(corpus, size_mb)
            nbytes = (corpus / "one-line.txt").stat().st_size
            print(f"\none document on one line: {nbytes / 2**20:,.1f} MiB")
            (corpus / "one-line.txt").read_bytes()
            res = {"mib": nbytes / 2**20}
            if size_mb <= args.long_whole_max_mb:  # (ripgrep's time with 40 K names grows too: 41 s for 4 MB)
                res["rg"] = run([rg, "-o", "-i", "-w", "-F", "-f", str(aliases), str(corpus)])
                print(line("ripgrep", res["rg"]))
            for label, whole in (("linked whole (before)", True), ("linked in windows", False)):
                if whole and size_mb > args.long_whole_max_mb:
                    print(f"  {label}: skipped above --long-whole-max-mb {args.long_whole_max_mb:g}")
                    continue
                cache = Path(tempfile.mkdtemp(prefix="cm-scale-cache-", dir=args.data))
                code = LONG_CHILD.format(whole=whole, gaz=str(gaz), corpus=str(corpus))
                r = run([sys.executable, "-c", code], env={**base_env, "CAUCASUSMAP_CACHE_DIR": str(cache)},
                        stdout=subprocess.PIPE)
                res[label] = r
                shutil.rmtree(cache, ignore_errors=True)
                print(line(label, r, res.get("rg")))
            if "linked whole (before)" in res:
                a, b = res["linked whole (before)"], res["linked in windows"]
                print(f"  windows: {b['peak_mib'] / a['peak_mib']:.2f}x the peak memory, "
                      f"{b['wall'] / a['wall']:.2f}x the wall time of linking it whole")
            results["long"][f"{size_mb:g}"] = res
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
