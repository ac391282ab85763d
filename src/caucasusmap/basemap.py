"""The offline basemap's data: reading it back, and what it covers.

``resources/basemap/basemap.json`` is written by ``scripts/build_basemap.py``
(sources and licences in ``resources/basemap/README.md``). Its layers hold
coordinates as encoded-polyline strings (:func:`encode_line`); the map page
decodes them in ``explorer.js``, the static renderer (:mod:`caucasusmap.publish`)
and the tests with :func:`decode_line`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from . import paths

__all__ = ["encode_line", "decode_line", "layer_geometries", "Basemap", "basemap"]


def encode_line(coords, decimals: int) -> str:
    """Encode (lon, lat) pairs the way the encoded-polyline algorithm does:
    scaled integers, the first absolute and the rest as deltas, zigzag, then
    5-bit chunks as the characters 63..126.

    >>> encode_line([[45.0, 40.0], [45.5, 40.25]], 2)
    '_gP_}Fo}@ot@'
    """
    q = np.round(np.asarray(coords, dtype=float)[:, :2] * 10**decimals).astype(np.int64)
    d = np.vstack([q[:1], np.diff(q, axis=0)]).ravel()
    out = []
    for v in d.tolist():
        v = ~(v << 1) if v < 0 else (v << 1)
        while v >= 0x20:
            out.append(chr((0x20 | (v & 0x1F)) + 63))
            v >>= 5
        out.append(chr(v + 63))
    return "".join(out)


def decode_line(s: str, decimals: int) -> np.ndarray:
    """Inverse of :func:`encode_line`: an (n, 2) array of (lon, lat).

    >>> decode_line('_gP_}Fo}@ot@', 2).tolist()
    [[45.0, 40.0], [45.5, 40.25]]
    """
    vals, v, shift = [], 0, 0
    for ch in s:
        b = ord(ch) - 63
        v |= (b & 0x1F) << shift
        shift += 5
        if b < 0x20:
            vals.append(~(v >> 1) if v & 1 else v >> 1)
            v, shift = 0, 0
    return np.cumsum(np.array(vals, dtype=np.int64).reshape(-1, 2), axis=0) / 10**decimals


AREA_LAYERS = frozenset({"world-land", "land", "lake"})


def layer_geometries(layer: dict) -> Iterator[tuple[str | None, object]]:
    """(name, shapely geometry) of each feature of one basemap layer."""
    import shapely

    area = layer["id"] in AREA_LAYERS
    for f in layer["features"]:
        parts = []
        for part in f["g"]:
            if area:
                rings = [decode_line(r, layer["decimals"]) for r in part]
                parts.append(shapely.Polygon(rings[0], rings[1:]))
            else:
                parts.append(shapely.LineString(decode_line(part, layer["decimals"])))
        if not parts:
            continue
        geom = (shapely.MultiPolygon(parts) if area else shapely.MultiLineString(parts)) if len(parts) > 1 else parts[0]
        yield f.get("name"), geom


class Basemap:
    """The parsed basemap: ``bbox`` of the detail box, ``layers`` by
    ``(id, band)``, ``labels`` as dicts."""

    def __init__(self, data: dict):
        self.data = data
        self.bbox = tuple(data["bbox"])
        self.layers = {(lay["id"], lay["band"]): lay for lay in data["layers"]}
        kinds, cols = data["labelKinds"], data["labelColumns"]
        self.labels = [dict(zip(cols, row)) | {"kind": kinds[row[3]]} for row in data["labels"]]
        self.attribution = data.get("attribution", "")
        self._decoded: dict = {}

    def geometries(self, layer_id: str, band: str) -> list:
        """The shapely geometries of one layer in one band (decoded once)."""
        key = (layer_id, band)
        if key not in self._decoded:
            self._decoded[key] = [g for _, g in layer_geometries(self.layers[key])]
        return self._decoded[key]

    def in_detail(self, lat: float, lon: float) -> bool:
        """Whether (lat, lon) lies in the box drawn in detail."""
        x0, y0, x1, y1 = self.bbox
        return x0 <= lon <= x1 and y0 <= lat <= y1

    @cached_property
    def world_land(self):
        """The 1:110m world's land as one shapely geometry."""
        import shapely

        return shapely.union_all(self.geometries("world-land", "world"))


@lru_cache(maxsize=2)
def basemap(path: Path | None = None) -> Basemap:
    """The bundled basemap (parsed once), or the one at ``path``."""
    import json

    return Basemap(json.loads(Path(path or paths.BASEMAP).read_text(encoding="utf-8")))


def real_geometry(place, bm: Basemap | None = None, *, km: float = 15.0, tolerance: float = 0.005):
    """A real geometry from the basemap for a place whose gazetteer geometry
    is hand-drawn, or None where the basemap has none: ``(geojson, source)``.

    * river with a line: the GSHHG/WDB II river lines within ``km`` of the
      hand-drawn course (they carry no names, so the course picks them),
      merged, kept only if they cover at least half of its length;
    * sea or lake: the water body (Natural Earth lake, or the sea left between
      the 1:10m coasts of the detail box) that contains the place's point.

    Regions, corridors and provinces have no counterpart in the shipped data
    (no admin-1 names, and historical regions are not administrative units):
    None for them."""
    import shapely
    import shapely.geometry

    bm = bm or basemap()
    if place.geometry is None or not bm.in_detail(place.lat, place.lon):
        return None
    point = shapely.Point(place.lon, place.lat)
    if place.kind == "river" and place.geometry["type"] in ("LineString", "MultiLineString"):
        drawn = shapely.geometry.shape(place.geometry)
        deg = km / 111.0
        zone = drawn.buffer(deg)
        rivers = shapely.union_all(bm.geometries("river", "hi"))
        near = shapely.line_merge(shapely.intersection(rivers, zone))
        parts = [g for g in shapely.get_parts(near) if g.length > 0.05]
        if not parts:
            return None
        found = shapely.line_merge(shapely.union_all(parts))
        covered = shapely.intersection(drawn, found.buffer(deg)).length / drawn.length
        if covered < 0.5:
            return None
        geom = shapely.simplify(found, tolerance)
        return shapely.geometry.mapping(shapely.set_precision(geom, 1e-4)), (
            f"GSHHG 2.3.6 WDB II rivers within {km:g} km of the hand-drawn course ({covered:.0%} of it)")
    if place.kind in ("lake", "sea"):
        for g in bm.geometries("lake", "hi"):
            if g.contains(point):
                return shapely.geometry.mapping(shapely.set_precision(shapely.simplify(g, tolerance), 1e-4)), (
                    "Natural Earth 1:10m lakes")
        x0, y0, x1, y1 = bm.bbox
        water = shapely.difference(shapely.box(x0, y0, x1, y1), shapely.union_all(bm.geometries("land", "hi")))
        for g in shapely.get_parts(water):
            if g.contains(point):
                touches_edge = g.boundary.intersects(shapely.box(x0, y0, x1, y1).boundary)
                if touches_edge:
                    return None  # an open sea cut by the box: not the whole body
                return shapely.geometry.mapping(shapely.set_precision(shapely.simplify(g, tolerance), 1e-4)), (
                    "Natural Earth 1:10m coasts (the sea between them)")
    return None
