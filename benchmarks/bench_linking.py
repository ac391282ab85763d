"""Benchmark: link and index a ~100 MB corpus against ~500 aliases.

Baseline measured in the same run: ripgrep with the same alias list on the
same files (``rg -o -i -w -F -f aliases.txt DIR``), counting its matches.

    python benchmarks/bench_linking.py [--size-mb 100] [--aliases 500] [--no-reference] [--profile]

By default the packaged reference gazetteer is laid under the gazetteer, as
the tool runs for a user; ripgrep then gets every reference name too.

The corpus is the bundled documents repeated into files of about 1 MB; the
gazetteer is the bundled one padded with synthetic place names (random
pronounceable words that rarely occur) up to the alias count. Reports wall
times, throughput, the ratio to ripgrep, where the time goes, and peak memory
(max RSS of a child process that does only the linking).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The installed package (its bundled reference is found only when installed: pip install -e .).


def make_corpus(dest: Path, size_mb: float) -> int:
    """Write the bundled texts repeatedly into ~1 MB files; return bytes."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*")) if p.suffix in (".md", ".txt")]
    block = "\n\n".join(texts)
    per_file = max(1, (1 << 20) // len(block.encode()))
    chunk = "\n\n".join([block] * per_file) + "\n"
    chunk_bytes = len(chunk.encode())
    n_files = max(1, round(size_mb * (1 << 20) / chunk_bytes))
    dest.mkdir(parents=True)
    for i in range(n_files):
        (dest / f"doc{i:04d}.md").write_text(chunk, encoding="utf-8")
    return n_files * chunk_bytes


def make_gazetteer(dest: Path, n_aliases: int, base: Path) -> tuple[Path, list[str]]:
    """The ``base`` gazetteer plus synthetic places up to ``n_aliases`` names."""
    import yaml

    data = yaml.safe_load(base.read_text(encoding="utf-8"))
    places = data["places"]
    names = [n for p in places for n in [p["name"], *(p.get("aliases") or [])]]
    rng = random.Random(7)
    syllables = ["ka", "ra", "ba", "gh", "an", "sh", "ur", "de", "zan", "lu", "mi", "ov", "ab", "ta", "qa", "ny"]
    i = 0
    while len(names) < n_aliases:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(3, 4))).capitalize()
        places.append({"id": f"synthetic-{i}", "name": word, "aliases": [word + "i", word + "abad"],
                       "kind": "village", "lat": 39.0, "lon": 46.0})
        names += [word, word + "i", word + "abad"]
        i += 1
    path = dest / "places.yaml"
    path.write_text(yaml.safe_dump({"places": places}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path, names


CHILD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from caucasusmap.index import open_index
from caucasusmap.reference import load_reference
idx = open_index({gaz!r}, {corpus!r}, use_cache=False, reference=load_reference() if {with_ref!r} else None)
t1 = time.perf_counter()
# Counts come from the columns: no Mention or Passage object is made after the timer.
print(json.dumps({{"seconds": t1 - t0, "mentions": len(idx.table), "passages": len(idx.passage_list),
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def stage_times(gaz: Path, corpus_dir: Path, with_reference: bool = True) -> dict[str, float]:
    """Time each stage of the serial pipeline separately, in this process."""
    from caucasusmap.corpus import read_corpus, split_passages
    from caucasusmap.gazetteer import load_gazetteer
    from caucasusmap.index import _index_from_parts, _linker, _spec, link_documents
    from caucasusmap.linking import Linker
    from caucasusmap.normalize import fold_document
    from caucasusmap.reference import load_reference

    out = {}
    t = time.perf_counter()
    g = load_gazetteer(gaz)
    out["load + validate gazetteer"] = time.perf_counter() - t
    t = time.perf_counter()
    corpus = read_corpus(corpus_dir)
    out["read + decode corpus"] = time.perf_counter() - t
    t = time.perf_counter()
    ref = load_reference() if with_reference else None
    out["load the reference gazetteer"] = time.perf_counter() - t
    t = time.perf_counter()
    linker = Linker(g.places, reference=ref)
    out["build automaton (layering included)"] = time.perf_counter() - t
    t = time.perf_counter()
    for d in corpus.documents:
        split_passages(d)
    out["split passages"] = time.perf_counter() - t
    t = time.perf_counter()
    folded = [fold_document(d.text) for d in corpus.documents]
    out["fold documents (numpy)"] = time.perf_counter() - t
    t = time.perf_counter()
    for f in folded:
        linker._automaton.find_matches_as_indexes(f.text, overlapping=True)
    out["Aho-Corasick scan only"] = time.perf_counter() - t
    del folded
    spec = _spec(g, reference=ref)
    _linker(spec)  # the automaton is built (and timed) above
    t = time.perf_counter()
    parts = [link_documents(spec, [d]) for d in corpus.documents]
    out["split + link every document (serial)"] = time.perf_counter() - t
    t = time.perf_counter()
    _index_from_parts(g, corpus, parts, spec)
    out["assemble the in-memory index (Passage objects, query columns)"] = time.perf_counter() - t
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size-mb", type=float, default=100)
    ap.add_argument("--aliases", type=int, default=500)
    ap.add_argument("--gazetteer", type=Path, default=ROOT / "gazetteer" / "places.yaml",
                    help="base gazetteer to pad with synthetic names (default: the bundled one)")
    ap.add_argument("--profile", action="store_true", help="also print a cProfile of the full pipeline")
    ap.add_argument("--no-reference", action="store_true", help="link with the gazetteer alone")
    ap.add_argument("--json", type=Path, help="write the figures to this JSON file")
    args = ap.parse_args()
    rg = shutil.which("rg")
    if not rg:
        print("ripgrep (rg) is needed for the baseline: apt-get install ripgrep", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="cm-bench-") as tmp:
        tmp = Path(tmp)
        size = make_corpus(tmp / "corpus", args.size_mb)
        gaz, names = make_gazetteer(tmp, args.aliases, args.gazetteer)
        with_ref = not args.no_reference
        if with_ref:
            from caucasusmap.reference import load_reference

            ref = load_reference()
            names = list(dict.fromkeys(names + [n for group in ref.names for n, _ in group]))
        (tmp / "aliases.txt").write_text("\n".join(names) + "\n", encoding="utf-8")
        print(f"corpus: {size / 2**20:.1f} MiB in {len(list((tmp / 'corpus').iterdir()))} files; "
              f"gazetteer: {len(names)} names")

        # Warm the page cache for both contenders.
        for p in (tmp / "corpus").iterdir():
            p.read_bytes()

        def run_rg() -> tuple[float, int]:
            t = time.perf_counter()
            r = subprocess.run([rg, "-o", "-i", "-w", "-F", "-f", str(tmp / "aliases.txt"), str(tmp / "corpus")],
                               capture_output=True, check=False)
            return time.perf_counter() - t, r.stdout.count(b"\n")

        rg_runs = [run_rg() for _ in range(3)]
        rg_time = min(t for t, _ in rg_runs)
        rg_matches = rg_runs[0][1]

        ours = []
        for _ in range(2):
            code = CHILD.format(gaz=str(gaz), corpus=str(tmp / "corpus"), with_ref=with_ref)
            r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
            ours.append(json.loads(r.stdout))
        best = min(ours, key=lambda o: o["seconds"])

        print(f"ripgrep     : {rg_time:6.2f} s  ({size / 2**20 / rg_time:6.1f} MiB/s), {rg_matches} matches")
        print(f"caucasusmap : {best['seconds']:6.2f} s  ({size / 2**20 / best['seconds']:6.1f} MiB/s), "
              f"{best['mentions']} mentions in {best['passages']} passages (full link + index, no cache)")
        ratio = best["seconds"] / rg_time
        print(f"ratio       : {ratio:.2f}x ripgrep's time (target <= 5x)")
        print(f"peak memory : {best['maxrss_mb']:.0f} MiB max RSS (linking process)")

        print("\nwhere the time goes (one run, in this process):")
        stages = stage_times(gaz, tmp / "corpus", with_ref)
        for name, secs in stages.items():
            print(f"  {secs:6.2f} s  {name}")

        if args.profile:
            import cProfile
            import pstats

            from caucasusmap.index import open_index

            prof = cProfile.Profile()
            prof.enable()
            open_index(gaz, tmp / "corpus", use_cache=False)
            prof.disable()
            pstats.Stats(prof).sort_stats("cumulative").print_stats(18)
        if args.json:
            args.json.write_text(json.dumps({
                "size_mib": size / 2**20, "aliases": len(names), "rg_seconds": rg_time, "rg_matches": rg_matches,
                "seconds": best["seconds"], "ratio": ratio, "mentions": best["mentions"],
                "maxrss_mib": best["maxrss_mb"], "stages": stages,
            }, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
