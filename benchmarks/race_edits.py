"""The race of issue 9, finding 5: our writes against another program's edits.

One process makes ``--adds`` gazetteer edits through ``GazetteerFile`` (as the
app and ``add-place`` do: on a refusal it reloads and tries again), while a
second process appends a numbered comment line to the same file every
50–400 ms, in place, as an editor or a script would. At the end every external
line must still be in the file, and every edit of ours that was reported as
written must be there too.

    python benchmarks/race_edits.py [--adds 400] [--seed 1]

Prints N (external edits), how many were lost (and how many were kept aside
in ``places.yaml.conflict*``, see ``fileio.replace_checked``), our edits and
refusals.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# caucasusmap is the installed package (pip install -e '.[test]' in a checkout), not src/ on sys.path.

from caucasusmap.errors import ConflictError  # noqa: E402
from caucasusmap.gazwriter import GazetteerFile  # noqa: E402


def external_editor(path: str, stop, log: str, seed: int) -> None:
    rng = random.Random(seed)
    n = 0
    with open(log, "w", encoding="utf-8") as out:
        while not stop.is_set():
            time.sleep(rng.uniform(0.05, 0.4))
            n += 1
            with open(path, "a", encoding="utf-8") as f:
                f.write(f"# external edit {n}\n")
            out.write(f"{n}\n")
            out.flush()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--adds", type=int, default=400)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--gazetteer", type=Path, help="a one-file gazetteer to start from (default: 20 places)")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="race-"))
    gaz = tmp / "places.yaml"
    if args.gazetteer:
        shutil.copy(args.gazetteer, gaz)
    else:  # small, so that each edit's validation is quick and the race dense
        gaz.write_text("places:\n" + "".join(
            f"  - id: start-{i}\n    name: Start {i}\n    kind: town\n    lat: 39.{i}\n    lon: 46.{i}\n"
            for i in range(20)), encoding="utf-8")
    log = tmp / "external.log"
    stop = mp.Event()
    editor = mp.Process(target=external_editor, args=(str(gaz), stop, str(log), args.seed))
    editor.start()
    ours, refused = [], 0
    start = time.perf_counter()
    g = GazetteerFile(gaz)
    try:
        for i in range(args.adds):
            fields = {"id": f"race-{i}", "name": f"Race {i}", "kind": "village", "lat": 39.0, "lon": 46.0}
            while True:
                try:
                    g.add_place(fields)
                    ours.append(fields["id"])
                    break
                except ConflictError:
                    refused += 1
                    g.reload()
    finally:
        stop.set()
        editor.join()
    elapsed = time.perf_counter() - start
    final = gaz.read_text(encoding="utf-8")
    external = [int(line) for line in log.read_text(encoding="utf-8").split()]
    # A write into our version in the instant it stood at the path, during a swap that was undone, is
    # kept beside the file (NAME.conflict*): not lost, but not in the file either; counted apart.
    aside = "".join(p.read_text(encoding="utf-8") for p in sorted(tmp.glob(gaz.name + ".conflict*")))
    missing = [n for n in external if f"# external edit {n}\n" not in final]
    kept_aside = [n for n in missing if f"# external edit {n}\n" in aside]
    lost = [n for n in missing if n not in kept_aside]
    ours_lost = [i for i in ours if f"id: {i}\n" not in final]
    print(f"external edits N = {len(external)}, lost {len(lost)}{' ' + str(lost[:10]) if lost else ''}"
          f"{f'; {len(kept_aside)} kept aside in {gaz.name}.conflict*' if kept_aside else ''}")
    print(f"our edits {len(ours)} written, {len(ours_lost)} lost; {refused} refused as conflicts and retried")
    if lost:  # where did they go? (kept for a look)
        bak = gaz.with_name(gaz.name + ".bak")
        in_bak = [n for n in lost if bak.exists() and f"# external edit {n}\n" in bak.read_text(encoding="utf-8")]
        print(f"of the lost, in {bak.name} now: {in_bak}; files kept in {tmp}")
    else:
        print(f"{elapsed:.1f} s")
        shutil.rmtree(tmp)
    return 1 if lost or ours_lost else 0


if __name__ == "__main__":
    sys.exit(main())
