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

With ``--memory`` it measures finding 10's big single files instead: the
peak memory (VmHWM of the child process) of ``caucasusmap link`` on a corpus
of one file — the bundled texts repeated to 500 MB (over the per-document
limit, refused), 250 MB (under the byte limit, over the character limit),
60 MB (the largest linked), and 45 MB on one line (linked a window at a time)
— against, in the same run, ``caucasusmap link`` on a one-page corpus (the
fixed cost: Python, numpy, the gazetteer and the reference) and a bare
Python reading the same file as text.

    python benchmarks/bench_hostile.py [--before COMMIT] [--cap 120]
    python benchmarks/bench_hostile.py --memory [--data DIR] [--only 500 250 60 45]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import multiprocessing as mp
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# caucasusmap is the installed package (pip install -e '.[test]' in a checkout), not src/ on sys.path.

from caucasusmap import normalize  # noqa: E402

BEFORE = "ff3700a"  # the last commit with the quadratic versions (the fix is its child, 6e85de3)


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


_PEAK = """
def peak_mib():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
"""

LINK_CHILD = _PEAK + """
import json, sys, time
from caucasusmap.cli import main
t0, c0 = time.perf_counter(), time.process_time()
rc = main(["--gazetteer", sys.argv[1], "--corpus", sys.argv[2], "link", "-q"])
print(json.dumps({"rc": rc, "wall": time.perf_counter() - t0, "cpu": time.process_time() - c0,
                  "peak_mib": peak_mib()}))
"""

READ_CHILD = _PEAK + """
import json, sys
from pathlib import Path
text = Path(sys.argv[1]).read_text(encoding="utf-8")
print(json.dumps({"chars": len(text), "peak_mib": peak_mib()}))
"""


def _child(code: str, *argv: str, env: dict) -> tuple[dict, str]:
    r = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, env=env)
    lines = r.stdout.strip().splitlines()
    if r.returncode or not lines:
        raise SystemExit(f"bench_hostile: child failed ({r.returncode}): {r.stderr[-2000:]}")
    return json.loads(lines[-1]), r.stderr


def _bundled_text() -> str:
    from caucasusmap import paths

    folder = paths.bundled("corpus")
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*"))
                        if p.suffix in (".md", ".txt"))


def _write_repeated(path: Path, block: str, mb: float) -> int:
    """``block`` repeated into ``path`` up to ``mb`` MiB; the bytes written."""
    data = block.encode("utf-8")
    target = int(mb * 2**20)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        written = 0
        while written + len(data) <= target:
            f.write(data)
            written += len(data)
    return written


def memory(data: Path | None, only: list[int] | None = None) -> int:
    """Finding 10: peak memory of linking one big file (see the docstring)."""
    from caucasusmap import paths

    gazetteer = str(paths.bundled("gazetteer"))
    own = data is None
    data = data or Path(tempfile.mkdtemp(prefix="cm-hostile-"))
    block = _bundled_text()
    one_line = " ".join(block.split()) + " "
    cases = [("500 MB", block + "\n\n", 500), ("250 MB", block + "\n\n", 250), ("60 MB", block + "\n\n", 60),
             ("45 MB on one line", one_line, 45), ("one page (the fixed cost)", block[:2000] + "\n", 0)]
    cases = [c for c in cases if not only or not c[2] or c[2] in only]
    try:
        load = os.getloadavg()[0]
        print(f"finding 10, big single files; load average {load:.1f}; gazetteer {gazetteer} with the reference")
        fixed = None
        for label, text, mb in reversed(cases):
            corpus = data / label.split()[0].replace(".", "")
            path = corpus / ("doc.txt" if mb else "page.txt")
            if mb:
                size = _write_repeated(path, text, mb)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                size = len(text.encode())
                path.write_text(text, encoding="utf-8")
            cache = data / f"cache-{corpus.name}"
            env = {**os.environ, "CAUCASUSMAP_CACHE_DIR": str(cache)}
            linked, err = _child(LINK_CHILD, gazetteer, str(corpus), env=env)
            said = [ln for ln in err.splitlines() if "skipped" in ln or "error" in ln.lower()]
            shutil.rmtree(cache, ignore_errors=True)
            if not mb:
                fixed = linked["peak_mib"]
                print(f"  {label}: link peak {fixed:,.0f} MiB, {linked['wall']:.1f} s")
                continue
            read, _ = _child(READ_CHILD, str(path), env=env)
            print(f"  {label} ({size / 2**20:,.0f} MiB, {read['chars']:,} characters): link peak "
                  f"{linked['peak_mib']:,.0f} MiB ({linked['peak_mib'] - fixed:+,.0f} MiB over the one page; "
                  f"{linked['peak_mib'] / read['peak_mib']:.2f}x a bare read of the file as text, "
                  f"{read['peak_mib']:,.0f} MiB), {linked['wall']:.1f} s wall, {linked['cpu']:.1f} s CPU, "
                  f"exit {linked['rc']}" + (f"; said: {said[0].strip()[:160]}" if said else ""))
            path.unlink()
            print(f"    load average now {os.getloadavg()[0]:.1f}", flush=True)
    finally:
        if own:
            shutil.rmtree(data, ignore_errors=True)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", default=BEFORE, help="commit whose versions to compare with ('' to skip)")
    ap.add_argument("--cap", type=float, default=120.0, help="seconds before an old run is stopped")
    ap.add_argument("--memory", action="store_true", help="finding 10's big single files instead (peak memory)")
    ap.add_argument("--data", type=Path, help="with --memory: where to write the files (default: a temporary folder)")
    ap.add_argument("--only", type=int, nargs="+", choices=(500, 250, 60, 45), help="with --memory: these files only")
    args = ap.parse_args()
    if args.memory:
        return memory(args.data, args.only)
    cases = [("non_text_spans", "'@a' * n", at_anchor_text, 150_000),
             ("hyphen_breaks", "n 'word-\\nated' breaks", hyphen_text, 60_000)]
    for func, label, make, n in cases:
        small, big = make(n // 2), make(n)
        base = baseline(big)
        t_small, t_big = timed(func, small), timed(func, big)
        print(f"{func} on {label}, n = {n:,} ({len(big) / 1e6:.2f} MB): {t_big:.3f} s "
              f"({t_big / base:.0f}x one regex pass, {base * 1000:.1f} ms); "
              f"n/2 -> n: x{t_big / t_small:.2f} (linear: ~2, quadratic: ~4)")
        if args.before and load_module(args.before) is None:
            print(f"  {args.before}: not in this repository (git show failed); no comparison")
        elif args.before:
            old = timed(func, big, args.before, args.cap)
            shown = f"{old:.1f} s" if old is not None else f"> {args.cap:.0f} s (stopped)"
            ratio = f"{old / t_big:.0f}x" if old is not None else f"> {args.cap / t_big:.0f}x"
            print(f"  {args.before}: {shown}; now {ratio} faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
