"""The fuzz targets of tests/hostile/fuzz_targets.py, run long.

    python benchmarks/fuzz.py [--examples 5000] [--seed 0]

Every generated case is run; a case "holds" when the target's checks pass
(no exception but the documented ones, located one-line issues, real mention
spans). Prints cases tried and held per target, and the first failures.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# caucasusmap is the installed package (pip install -e '.[test]' in a checkout), not src/ on sys.path.
sys.path.insert(0, str(ROOT / "tests" / "hostile"))

from fuzz_targets import (  # noqa: E402
    corpora,
    corpus_target,
    gazetteer_bytes,
    gazetteer_target,
    gazetteer_text_target,
    gazetteer_texts,
)
from hypothesis import HealthCheck, given, seed, settings  # noqa: E402


def run(name, strategy, target, examples: int, rng_seed: int) -> tuple[int, int, list[str]]:
    tried, failures = 0, []

    @seed(rng_seed)
    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def case(value):
        nonlocal tried
        tried += 1
        try:
            target(value)
        except Exception:  # collect, keep going: the figure is cases held of cases tried
            failures.append(f"{value!r:.300}\n{traceback.format_exc(limit=3)}")

    t = time.perf_counter()
    case()
    print(f"{name}: {tried} cases tried, {tried - len(failures)} held ({time.perf_counter() - t:.0f} s)")
    return tried, tried - len(failures), failures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    total = held = 0
    bad = []
    for name, strategy, target, share in (("gazetteer file (bytes)", gazetteer_bytes, gazetteer_target, 1),
                                          ("gazetteer text", gazetteer_texts, gazetteer_text_target, 1),
                                          ("corpus folder + linking", corpora, corpus_target, 0.4)):
        t, h, f = run(name, strategy, target, max(1, int(args.examples * share)), args.seed)
        total, held, bad = total + t, held + h, bad + f
    print(f"all: {total} cases tried, {held} held")
    for failure in bad[:5]:
        print("---\n" + failure)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
