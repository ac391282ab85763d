"""Hostile inputs of issue 9, timed (finding 8: quadratic time; finding 10:
memory of ``candidates`` on a huge name).

The inputs of the issue, generated here:

- ``'@a' * 150000`` (300 KB, one token full of address anchors) through
  ``normalize.non_text_spans``;
- 2.5 MB of text with 60,000 ``word-\\nated`` line-end hyphenations through
  ``normalize.hyphen_breaks``;

each at size n and 2n (a linear algorithm takes about twice as long, a
quadratic one four times), against a baseline of one regex pass over the same
text, and — when ``git`` can show it — the same function of an earlier commit
(``--before``, default: the last commit before the fix) on the same input,
with a time cap.

    python benchmarks/bench_hostile.py [--before COMMIT] [--cap 120]
"""

from __future__ import annotations

import argparse
import importlib.util
import multiprocessing as mp
import re
import subprocess
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# caucasusmap is the installed package (pip install -e '.[test]' in a checkout), not src/ on sys.path.

from caucasusmap import normalize  # noqa: E402

BEFORE = "048a7cd"  # the last commit with the quadratic versions


def at_anchor_text(n: int) -> str:
    return "@a" * n


def hyphen_text(breaks: int) -> str:
    words = ["consider", "negoti", "agree", "integr", "coordin", "separ"]
    parts = []
    for i in range(breaks):
        w = words[i % len(words)]
        parts.append(f"The {w}-\nated text number {i} goes on for a while here.\n")
    return "".join(parts)


def load_module(commit: str) -> types.ModuleType | None:
    try:
        source = subprocess.run(["git", "show", f"{commit}:src/caucasusmap/normalize.py"], cwd=ROOT,
                                capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    name = f"normalize_{commit}"
    spec = importlib.util.spec_from_loader(name, loader=None)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    exec(compile(source, f"{commit}:normalize.py", "exec"), module.__dict__)
    return module


def _timed(func_name: str, commit: str | None, text: str, out) -> None:
    module = load_module(commit) if commit else normalize
    t = time.perf_counter()
    getattr(module, func_name)(text)
    out.put(time.perf_counter() - t)


def timed(func_name: str, text: str, commit: str | None = None, cap: float = 600.0) -> float | None:
    """Seconds for one call, in a child process (killed after ``cap``: None)."""
    out = mp.get_context("fork").Queue()
    p = mp.get_context("fork").Process(target=_timed, args=(func_name, commit, text, out))
    p.start()
    p.join(cap)
    if p.is_alive():
        p.kill()
        p.join()
        return None
    return out.get()


def baseline(text: str) -> float:
    t = time.perf_counter()
    sum(1 for _ in re.finditer(r"[@\-]", text))
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", default=BEFORE, help="commit whose versions to compare with ('' to skip)")
    ap.add_argument("--cap", type=float, default=120.0, help="seconds before an old run is stopped")
    args = ap.parse_args()
    cases = [("non_text_spans", "'@a' * n", at_anchor_text, 150_000),
             ("hyphen_breaks", "n 'word-\\nated' breaks", hyphen_text, 60_000)]
    for func, label, make, n in cases:
        small, big = make(n // 2), make(n)
        base = baseline(big)
        t_small, t_big = timed(func, small), timed(func, big)
        print(f"{func} on {label}, n = {n:,} ({len(big) / 1e6:.2f} MB): {t_big:.3f} s "
              f"({t_big / base:.0f}x one regex pass, {base * 1000:.1f} ms); "
              f"n/2 -> n: x{t_big / t_small:.2f} (linear: ~2, quadratic: ~4)")
        if args.before:
            old = timed(func, big, args.before, args.cap)
            shown = f"{old:.1f} s" if old is not None else f"> {args.cap:.0f} s (stopped)"
            ratio = f"{old / t_big:.0f}x" if old is not None else f"> {args.cap / t_big:.0f}x"
            print(f"  {args.before}: {shown}; now {ratio} faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
