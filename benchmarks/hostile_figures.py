"""The hostile suite's figures for the README: cases tried, cases held.

Runs ``pytest tests/hostile`` once and counts from its own report, not by
hand: every test case (each parametrized case counted) is a case tried, and
held when it passed; a fuzz test counts the examples Hypothesis generated and
ran (its ``--hypothesis-show-statistics`` report) instead of one.

    python benchmarks/hostile_figures.py [extra pytest arguments]

Prints the counts per file and in all. Exit status 1 when a case did not hold.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# "-rA" summary lines: "PASSED tests/hostile/x.py::test_y[id]" ("FAILED …[id] - reason")
_RESULT = re.compile(r"^(PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS) (tests/hostile/[^:\s]+\.py)::(.+?)(?: - .*)?$", re.M)
# "--hypothesis-show-statistics": "tests/hostile/x.py::test_y:" then indented lines
_STATS = re.compile(r"^(tests/hostile/[^:\s]+\.py)::(.+?):\n(.*?)(?=^\S|\Z)", re.M | re.S)
_EXAMPLES = re.compile(r"(\d+) passing, (\d+) failing")


def main(argv: list[str]) -> int:
    run = subprocess.run([sys.executable, "-m", "pytest", "tests/hostile", "-rA", "-q", "-p", "no:cacheprovider",
                          "--hypothesis-show-statistics", *argv], cwd=ROOT, capture_output=True, text=True)
    out = run.stdout
    outcomes = {(f, t): r for r, f, t in _RESULT.findall(out)}
    generated = {}
    for f, t, block in _STATS.findall(out):
        passing = failing = 0
        for p, q in _EXAMPLES.findall(block):
            passing, failing = passing + int(p), failing + int(q)
        generated[(f, t)] = (passing + failing, passing)
    tried, held = Counter(), Counter()
    for (f, t), result in outcomes.items():
        n, ok = generated.get((f, t), (1, 1))
        tried[f] += n
        held[f] += ok if result == "PASSED" else 0
    if not outcomes:
        print(out[-3000:] + run.stderr[-3000:])
        return 2
    for f in sorted(tried):
        fuzz = sum(generated[k][0] for k in generated if k[0] == f)
        print(f"{f}: {tried[f]:,} tried, {held[f]:,} held" + (f" ({fuzz:,} of them generated inputs)" if fuzz else ""))
    tests = Counter(outcomes.values())
    print(f"all: {sum(tried.values()):,} cases tried, {sum(held.values()):,} held "
          f"({len(outcomes)} test cases: {', '.join(f'{n} {r.lower()}' for r, n in sorted(tests.items()))}; "
          f"{sum(n for n, _ in generated.values()):,} generated inputs in {len(generated)} fuzz tests)")
    return 0 if sum(tried.values()) == sum(held.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
