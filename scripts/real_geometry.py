#!/usr/bin/env python3
"""Propose real geometries for the gazetteer's hand-drawn rivers, lakes and seas.

    python scripts/real_geometry.py [--gazetteer PATH] [--out FILE]

For every place whose geometry is hand-drawn and which the offline basemap
has (``caucasusmap.basemap.real_geometry``: GSHHG rivers along the drawn
course, Natural Earth lakes, seas between the 1:10m coasts), prints a YAML
fragment (id, source, geometry) to paste into the gazetteer, and lists the
places kept hand-drawn because no shipped dataset has them. It never writes
the gazetteer: the gazetteer's owners apply what they accept.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from caucasusmap import paths  # the installed package (pip install -e .), which finds its data
from caucasusmap.basemap import real_geometry
from caucasusmap.gazetteer import load_gazetteer


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gazetteer", type=Path, default=paths.default_gazetteer())
    ap.add_argument("--out", type=Path, help="write the YAML here instead of standard output")
    args = ap.parse_args(argv)
    gaz = load_gazetteer(args.gazetteer)
    found, kept = [], []
    for p in gaz.places:
        if p.geometry is None or p.geometry.get("type") == "Point":
            continue
        got = real_geometry(p)
        if got is None:
            kept.append(p)
            continue
        geom, source = got
        found.append(f"- id: {p.id}\n  source: {source}\n  geometry: {json.dumps(geom, separators=(', ', ': '))}\n")
    text = "# Real geometries for hand-drawn ones (scripts/real_geometry.py)\n" + "".join(found)
    text += "# Not changed (no river, lake or sea of the basemap matches): " + ", ".join(p.id for p in kept) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    print(f"{len(found)} real geometries proposed, {len(kept)} not changed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
