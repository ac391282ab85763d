"""A newcomer's keyboard-only review of the bundled corpus, timed.

    DISPLAY=:92 python benchmarks/review_keyboard.py [--mentions 100] [--shot queue.png]

Needs an X display (Xvfb) and ``xdotool`` (``import`` from ImageMagick for the
screenshot). The bundled gazetteer and corpus are copied to a temporary folder
(the review writes ``annotations.jsonl`` there) and the app is started with
empty settings and cache, as on a first run. Once the index is up, the review
queue is opened with F9 and the first ``--mentions`` queued mentions are
decided with single keys only — a triage mix: C confirm, X reject every tenth,
1 (the first alternative) every seventh — each key sent when the previous
decision is in the file. Reported: the whole time, the time per key (key sent
to the decision written), the load average, the app's peak memory. The time a
person needs to read each passage comes on top.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _key(window: str, key: str) -> None:
    # To the focused window (a synthetic event sent to a window id is ignored by Qt).
    subprocess.run(["xdotool", "key", key], check=False, capture_output=True)


def _wait_change(path: Path, before: int, timeout: float) -> bool:
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        if _lines(path) > before:
            return True
        time.sleep(0.005)
    return False


def main() -> int:
    from caucasusmap.paths import default_corpus, default_gazetteer

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mentions", type=int, default=100)
    ap.add_argument("--shot", type=Path, help="save a screenshot of the screen at the end")
    ap.add_argument("--size", default="1400x950", help="window size WxH")
    ap.add_argument("--settle", type=float, default=1.0, help="seconds to wait after the last key before the shot")
    args = ap.parse_args()
    if not os.environ.get("DISPLAY") or shutil.which("xdotool") is None:
        print("needs an X display (DISPLAY, e.g. Xvfb :92) and xdotool", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="cm-review-keys-") as tmp:
        tmp = Path(tmp)
        gaz, corpus = tmp / "gazetteer", tmp / "corpus"
        shutil.copytree(default_gazetteer(), gaz)
        shutil.copytree(default_corpus(), corpus)
        path = corpus / "annotations.jsonl"
        env = dict(os.environ, XDG_CONFIG_HOME=str(tmp / "config"), XDG_CACHE_HOME=str(tmp / "cache"),
                   XDG_DATA_HOME=str(tmp / "data"))
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        app = subprocess.Popen([sys.executable, "-m", "caucasusmap", "app", "--gazetteer", str(gaz),
                                "--corpus", str(corpus)], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        try:
            # The first decision also tells that the index is up: focus the
            # window, F9, then C until one is written (the window may be
            # replaced while the app starts, so it is looked up each time).
            ready, window = False, ""
            w, h = args.size.split("x")
            while not ready and time.perf_counter() - started < 240:
                r = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^caucasusmap$"],
                                   capture_output=True, text=True)
                found = r.stdout.split()
                if not found:
                    time.sleep(0.3)
                    continue
                if found[-1] != window:
                    window = found[-1]
                    subprocess.run(["xdotool", "windowsize", window, w, h, "windowmove", window, "0", "0"],
                                   check=False, capture_output=True)
                subprocess.run(["xdotool", "windowfocus", "--sync", window], check=False, capture_output=True)
                _key(window, "F9")
                time.sleep(0.5)
                before = _lines(path)
                _key(window, "c")
                ready = _wait_change(path, before, 3.0)
            if not ready:
                print("no decision was written: the queue did not take keys", file=sys.stderr)
                return 1
            first = time.perf_counter() - started
            per_key: list[float] = []
            t0 = time.perf_counter()
            for n in range(1, args.mentions + 1):
                key = "x" if n % 10 == 0 else "1" if n % 7 == 0 else "c"
                before = _lines(path)
                k0 = time.perf_counter()
                _key(window, key)
                if not _wait_change(path, before, 10.0):
                    print(f"key {n} ({key}) wrote nothing within 10 s", file=sys.stderr)
                    return 1
                per_key.append(time.perf_counter() - k0)
            total = time.perf_counter() - t0
            time.sleep(args.settle)  # the panels and the map follow a moment after the last key
            if args.shot:
                subprocess.run(["import", "-window", "root", str(args.shot)], check=False)
            peak = ""
            try:
                status = Path(f"/proc/{app.pid}/status").read_text()
                peak = next(line.split(":", 1)[1].strip() for line in status.splitlines()
                            if line.startswith("VmHWM"))
            except (OSError, StopIteration):
                pass
        finally:
            app.terminate()
            try:
                app.wait(10)
            except subprocess.TimeoutExpired:
                app.kill()
        ordered = sorted(per_key)
        p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
        print(f"start to the first decision (app start, link, F9, C): {first:.1f} s")
        print(f"{args.mentions} queued mentions with {args.mentions} keys: {total:.1f} s "
              f"({total / args.mentions:.2f} s a mention)")
        print(f"key to decision written: median {statistics.median(per_key) * 1000:.0f} ms, "
              f"p95 {p95 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms")
        print(f"decisions in the file: {_lines(path) - 1} (one header line)")
        print(f"app peak memory (VmHWM): {peak}; load average {load_before:.2f} before, "
              f"{os.getloadavg()[0]:.2f} after (2 cores shared)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
