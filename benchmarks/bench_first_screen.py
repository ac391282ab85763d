"""Benchmark: `caucasusmap passages PLACE` on a warm store, this tree against another revision.

    python benchmarks/bench_first_screen.py --before REV --gazetteer FILE --corpus DIR [--place iran] [--runs 3]

Both sides open the same store (``$CAUCASUSMAP_CACHE_DIR`` as set, else the user's cache; link
the corpus first with ``caucasusmap link``) with the packaged reference: each runs ``python -c``
with its own ``src`` first on ``sys.path`` and its own tree's data folders. The sides alternate
``--runs`` times; reported per side are the median seconds until the first line (the header with
the counts), until the first screen (60 lines), the CPU of the process until the screen and its
peak RSS, with the machine's load. The first screens are compared (the benchmark exits 1 if they
differ).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_scale import run  # noqa: E402

# Each side's data are the folders of its own tree (a revision older than the package's finding
# them beside a src put first on sys.path would not find them otherwise).
CHILD = ("import sys; from pathlib import Path; sys.path.insert(0, {src!r}); import caucasusmap.paths as p; "
         "p._roots = lambda: (Path({src!r}).parent, False); from caucasusmap.cli import main; "
         "sys.exit(main({argv!r}))")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", required=True, help="the revision to compare with (e.g. main)")
    ap.add_argument("--gazetteer", type=Path, required=True)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--place", default="iran")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CAUCASUSMAP_REFERENCE")}
    argv = ["--gazetteer", str(args.gazetteer.resolve()), "--corpus", str(args.corpus.resolve()), "passages",
            args.place, "--color", "never"]
    with tempfile.TemporaryDirectory(prefix="cm-first-") as tmp:
        before = Path(tmp) / "before"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(before), args.before],
                       check=True)
        try:
            sides: dict[str, list[dict]] = {"before": [], "now": []}
            for _ in range(max(1, args.runs)):
                for label, src in (("before", before / "src"), ("now", ROOT / "src")):
                    code = CHILD.format(src=str(src), argv=argv)
                    sides[label].append(run([sys.executable, "-c", code], env=env, first_line=True))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(before)], check=False)
    for label, runs in sides.items():
        first = statistics.median(r["first_line"] for r in runs)
        screen = statistics.median(r["wall"] for r in runs)
        cpu = statistics.median(r["cpu"] for r in runs)
        peak = max(r["peak_mib"] for r in runs)
        loads = ", ".join(r["load"][0] for r in runs)
        print(f"{label:7s}: first line {first:6.2f} s, first screen {screen:6.2f} s, CPU {cpu:6.2f} s, "
              f"peak {peak:5.0f} MiB  (medians of {len(runs)}; load {loads})")
    b, n = (statistics.median(r["first_line"] for r in sides[k]) for k in ("before", "now"))
    print(f"ratio  : first line {n / b:.3f} (now / {args.before})")
    screens = {label: {r["screen"] for r in runs} for label, runs in sides.items()}
    if len(screens["before"] | screens["now"]) != 1:
        print("the first screens differ between the sides (or between runs)")
        return 1
    print("first screens: identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
