"""Benchmark: the linker's CPU per MB, this tree against another revision, links compared.

    python benchmarks/bench_link_cpu.py --before REV [--size-mb 20] [--corpus DIR] [--gazetteer FILE]

Both sides run in the same invocation, each in a child process with its own import path (REV is
checked out into a temporary git worktree): read the corpus, build the linker, then split and
link every document serially (``index.link_documents``; the first document is linked once
before, as the linker builds its automata on first use), timing only that loop by CPU
(``time.process_time``), the sides alternating ``--repeat`` times (the least CPU of each
counts: the machine may be shared). Reports CPU seconds, ms per MiB, the linker build and peak RSS of each
side and the ratio. Exits 1 if any column of any document differs — passages, mention spans,
places (compared by id), confidences, alternatives and their probabilities — so a speed-up that
changes a link is caught here.

The default corpus is the bundled texts repeated into ~1 MB files up to ``--size-mb``; the
gazetteer is the bundled one with the packaged reference under it, as the tool runs for a user
(each side loads the ``resources/reference/reference.sqlite`` of its own tree by path, and the
report names its digest: a side that found none would fail rather than link without it).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_linking import make_corpus  # noqa: E402
from benchhelp import last_json  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {src!r})
import numpy as np
from caucasusmap.corpus import read_corpus
from caucasusmap.gazetteer import load_gazetteer
from caucasusmap.index import _linker, _spec, link_documents
from caucasusmap.reference import load_reference
import caucasusmap
assert caucasusmap.__file__.startswith({src!r}), caucasusmap.__file__
g = load_gazetteer({gaz!r})
docs = read_corpus({corpus!r}).documents
# The tree's own reference by its path: a revision older than the package's finding its data
# beside a src put first on sys.path would not find it (and default_reference() would give None).
ref = load_reference({ref!r}) if {ref!r} else None
assert ref is not None or not {ref!r}, "no reference at " + {ref!r}
t = time.process_time()
spec = _spec(g, reference=ref)
linker = _linker(spec)
if docs:
    link_documents(spec, docs[:1])  # the automata are built on first use: counted as the build
build = time.process_time() - t
ids = np.array([p.id for p in linker.places] + [""], dtype=object)
cols, cpu = {{}}, 0.0
for d in docs:
    t = time.process_time()
    part = link_documents(spec, [d])
    cpu += time.process_time() - t
    for name, col in part.columns.items():
        cols.setdefault(name, []).append(col)
out = {{name: np.concatenate(v) for name, v in cols.items()}}
out["m_place"] = ids[out["m_place"]].astype(str)
out["a_place"] = ids[out["a_place"]].astype(str)
np.savez({out!r}, **out)
print(json.dumps({{"cpu": cpu, "build": build, "bytes": sum(len(d.text.encode("utf-8", "surrogatepass")) for d in docs),
                  "mentions": int(len(out["m_start"])), "reference": ref.digest if ref else "",
                  "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def run_side(src: Path, gaz: Path, corpus: Path, out: Path, with_ref: bool) -> dict:
    ref = src.parent / "resources" / "reference" / "reference.sqlite"
    code = CHILD.format(src=str(src), gaz=str(gaz), corpus=str(corpus), out=str(out),
                        ref=str(ref) if with_ref else "")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=src.parent)
    if r.returncode:
        sys.exit(f"{src}: linking failed:\n{r.stderr[-3000:]}")
    return last_json(r.stdout)


def differences(a_path: Path, b_path: Path) -> list[str]:
    """Columns that differ between the two sides, with the first differing row."""
    a, b = np.load(a_path, allow_pickle=False), np.load(b_path, allow_pickle=False)
    out = []
    for name in sorted(set(a.files) | set(b.files)):
        if name not in a.files or name not in b.files:
            out.append(f"{name}: only on one side")
            continue
        x, y = a[name], b[name]
        if x.shape != y.shape:
            out.append(f"{name}: {len(x)} rows before, {len(y)} now")
        elif not np.array_equal(x, y):
            row = int(np.flatnonzero(x != y)[0])
            out.append(f"{name}: row {row}: {x[row]!r} before, {y[row]!r} now")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", required=True, help="the revision to compare with (e.g. main)")
    ap.add_argument("--corpus", type=Path, help="corpus folder (default: the bundled texts repeated)")
    ap.add_argument("--size-mb", type=float, default=20, help="size of the default corpus")
    ap.add_argument("--gazetteer", type=Path, default=ROOT / "gazetteer" / "places.yaml")
    ap.add_argument("--no-reference", action="store_true", help="link with the gazetteer alone")
    ap.add_argument("--repeat", type=int, default=2, help="runs of each side, alternating; the least CPU counts")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="cm-linkcpu-") as tmp:
        tmp = Path(tmp)
        corpus = args.corpus
        if corpus is None:
            corpus = tmp / "corpus"
            make_corpus(corpus, args.size_mb)
        before = tmp / "before"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(before), args.before],
                       check=True)
        try:
            sides: dict[str, dict] = {}
            for _ in range(max(1, args.repeat)):
                for label, src in (("before", before / "src"), ("now", ROOT / "src")):
                    run = run_side(src, args.gazetteer.resolve(), corpus.resolve(), tmp / f"{label}.npz",
                                   not args.no_reference)
                    if label not in sides or run["cpu"] < sides[label]["cpu"]:
                        sides[label] = run
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(before)], check=False)
        mib = sides["now"]["bytes"] / 2**20
        print(f"corpus: {corpus} ({mib:.1f} MiB of text, {sides['now']['mentions']} mentions now)")
        for label, s in sides.items():
            print(f"{label:7s}: {s['cpu']:7.2f} s CPU  {1000 * s['cpu'] / mib:7.1f} ms/MB  "
                  f"(linker build {s['build']:.2f} s, peak RSS {s['maxrss_mib']:.0f} MiB, "
                  f"reference {s['reference'] or 'none'})")
        print(f"ratio  : {sides['now']['cpu'] / sides['before']['cpu']:.3f} (now / {args.before})")
        diff = differences(tmp / "before.npz", tmp / "now.npz")
    if diff:
        print("LINKS DIFFER:\n  " + "\n  ".join(diff))
        return 1
    print("links: identical (passages, spans, places, confidences, alternatives)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
