"""Spatial questions (caucasusmap.spatial) against hand-computed answers.

WGS84 figures used below (a = 6378.137 km, e² = 0.00669438):

* meridional radius M(φ) = a(1 − e²) / (1 − e² sin²φ)^1.5, so one degree of
  latitude is M·π/180: 110.574 km at the equator, 111.03 km at 40°N
  (sin²40° = 0.41318; (1 − 0.0027660)^-1.5 = 1.004160; M = 6361.8 km);
* prime-vertical radius N(φ) = a / (1 − e² sin²φ)^0.5, so one degree of
  longitude is N·cos φ·π/180: at 40°N N = 6386.98 km, cos 40° = 0.766044,
  giving 85.39 km (the spherical 111.32 × cos 40° = 85.28 is within 0.2 %).
"""

from __future__ import annotations

import random

import pytest

from _data import BUNDLED_GAZETTEER
from caucasusmap.errors import UnknownPlaceError
from caucasusmap.gazetteer import load_gazetteer
from caucasusmap.index import open_index
from caucasusmap.maps import MapView
from caucasusmap.model import Place
from caucasusmap.spatial import (
    distance_km,
    distance_to_geometry_km,
    filter_view_places,
    geometry_issues,
    inside,
    near,
)

KM_PER_DEG_LAT_40 = 111.03  # M(40°)·π/180, see the module docstring
KM_PER_DEG_LON_40 = 85.39   # N(40°)·cos 40°·π/180

# A horizontal line along 40°N from 44°E to 46°E, and a square-ish box
# 44–45°E × 39–41°N; positions are GeoJSON [lon, lat].
LINE_40N = {"type": "LineString", "coordinates": [[44.0, 40.0], [46.0, 40.0]]}
BOX = {"type": "Polygon", "coordinates": [[[44.0, 39.0], [45.0, 39.0], [45.0, 41.0], [44.0, 41.0], [44.0, 39.0]]]}


def place(pid: str, lat: float, lon: float, kind: str = "village", geometry=None) -> Place:
    return Place(id=pid, name=pid.title(), kind=kind, lat=lat, lon=lon, geometry=geometry)


def ids(pairs) -> list[str]:
    return [p.id for p, _ in pairs]


# -- distance_km ---------------------------------------------------------------

def test_one_degree_of_latitude_at_the_equator():
    # 1° of meridian at the equator: M(0)·π/180 = 6335.439 × 0.0174533 = 110.574 km.
    d = distance_km(place("a", 0.0, 10.0), place("b", 1.0, 10.0))
    assert d == pytest.approx(110.574, abs=0.01)


def test_one_degree_of_latitude_near_40n():
    # 39.5°N → 40.5°N on one meridian: ≈ M(40°)·π/180 = 111.03 km (not 110.57, not 111.19 spherical).
    d = distance_km(place("a", 39.5, 45.0), place("b", 40.5, 45.0))
    assert d == pytest.approx(KM_PER_DEG_LAT_40, abs=0.02)


def test_distance_is_symmetric_and_zero_to_itself():
    a, b = place("a", 39.2, 46.4), place("b", 38.08, 46.29)
    assert distance_km(a, b) == pytest.approx(distance_km(b, a))
    assert distance_km(a, a) == 0.0


# -- distance_to_geometry_km ---------------------------------------------------

def test_point_north_of_a_horizontal_line():
    # 0.1° of latitude at 40.05°N: 0.1 × 111.03 = 11.10 km.
    assert distance_to_geometry_km((40.1, 45.0), LINE_40N) == pytest.approx(11.10, rel=0.005)
    # 1° north: ≈ 111.04 km (degree at 40.5°N; M grows slowly with latitude).
    assert distance_to_geometry_km((41.0, 45.0), LINE_40N) == pytest.approx(111.04, rel=0.005)


def test_point_on_a_line_is_at_zero():
    assert distance_to_geometry_km((40.0, 45.0), LINE_40N) == pytest.approx(0.0, abs=1e-6)


def test_point_beyond_the_end_of_a_line_measures_to_the_end():
    # 0.05° of longitude east of the end point (46°E, 40°N): 0.05 × 85.39 = 4.27 km.
    assert distance_to_geometry_km((40.0, 46.05), LINE_40N) == pytest.approx(4.27, rel=0.005)


def test_point_inside_a_polygon_is_at_zero():
    assert distance_to_geometry_km((40.0, 44.5), BOX) == 0.0
    assert distance_to_geometry_km((40.0, 45.0), BOX) == 0.0  # on the edge counts as inside


def test_point_east_of_a_polygon_uses_the_local_scale_not_degrees():
    # 0.1° east of the east edge at 40°N: 0.1 × 85.39 = 8.54 km (brief: 0.1 × 111.32 × cos 40° = 8.53).
    assert distance_to_geometry_km((40.0, 45.1), BOX) == pytest.approx(8.539, rel=0.005)
    # 1° east: 85.39 km. Shapely in degrees would say 1.0 "degree", i.e. ~111 km if scaled naively.
    assert distance_to_geometry_km((40.0, 46.0), BOX) == pytest.approx(85.39, rel=0.005)


def test_point_in_a_polygon_hole_measures_to_the_hole_edge():
    # Hole 44.9–45.1°E × 39.9–40.1°N around (40, 45): the east/west hole edges are 0.1° of
    # longitude away (8.54 km), nearer than the north/south ones (0.1° of latitude, 11.10 km).
    holed = {"type": "Polygon", "coordinates": [
        [[44.0, 39.0], [46.0, 39.0], [46.0, 41.0], [44.0, 41.0], [44.0, 39.0]],
        [[44.9, 39.9], [45.1, 39.9], [45.1, 40.1], [44.9, 40.1], [44.9, 39.9]],
    ]}
    assert distance_to_geometry_km((40.0, 45.0), holed) == pytest.approx(8.539, rel=0.005)


def test_multi_geometries_use_their_nearest_part():
    # Two lines, along 40°N and along 41°N; a point at 40.8°N is 0.2° (22.2 km) from the 41°N one.
    multi = {"type": "MultiLineString", "coordinates": [[[44.0, 40.0], [46.0, 40.0]], [[44.0, 41.0], [46.0, 41.0]]]}
    assert distance_to_geometry_km((40.8, 45.0), multi) == pytest.approx(0.2 * 111.04, rel=0.005)
    # A MultiPolygon: inside the second box → 0.
    boxes = {"type": "MultiPolygon", "coordinates": [BOX["coordinates"], [[[47.0, 39.0], [48.0, 39.0], [48.0, 40.0],
                                                                          [47.0, 40.0], [47.0, 39.0]]]]}
    assert distance_to_geometry_km((39.5, 47.5), boxes) == 0.0


def test_empty_geometry_is_refused():
    with pytest.raises(ValueError):
        distance_to_geometry_km((40.0, 45.0), {"type": "LineString", "coordinates": []})


# -- near ----------------------------------------------------------------------

CENTER = place("center", 40.0, 45.0)
AROUND = [
    place("far-north", 40.5, 45.0),     # 0.5 × 111.03 = 55.5 km
    place("east", 40.0, 45.3),          # 0.3 × 85.39  = 25.6 km
    place("north", 40.2, 45.0),         # 0.2 × 111.03 = 22.2 km
    place("twin", 40.0, 45.0),          # same point, other id: 0 km
    place("close", 40.05, 45.0),        # 0.05 × 111.03 = 5.55 km
    CENTER,                             # the centre itself is never listed
]


def test_near_orders_nearest_first_and_cuts_off():
    found = near(AROUND, CENTER, 25.0)
    assert ids(found) == ["twin", "close", "north"]
    assert [round(d, 1) for _, d in found] == [0.0, 5.6, 22.2]
    # Raising the radius past 25.6 km lets "east" in, before nothing else.
    assert ids(near(AROUND, CENTER, 26.0)) == ["twin", "close", "north", "east"]
    assert ids(near(AROUND, CENTER, 100.0)) == ["twin", "close", "north", "east", "far-north"]


def test_near_with_zero_radius_and_bad_radius():
    assert ids(near(AROUND, CENTER, 0.0)) == ["twin"]
    assert near([CENTER], CENTER, 50.0) == []
    with pytest.raises(ValueError):
        near(AROUND, CENTER, -1.0)


def test_near_prefilter_loses_nothing():
    # The degree box must contain the whole circle: compare with geodesic over everything.
    rng = random.Random(7)
    places = [place(f"p{i}", rng.uniform(36, 44), rng.uniform(42, 50)) for i in range(600)]
    center = place("c", 40.0, 46.0)
    for km in (15.0, 120.0, 400.0):
        expected = sorted((d, p.id) for p in places if (d := distance_km(center, p)) <= km)
        assert ids(near(places, center, km)) == [pid for _, pid in expected]


# -- inside --------------------------------------------------------------------

def test_inside_a_polygon_region():
    region = place("box", 40.0, 44.5, kind="region", geometry=BOX)
    places = [
        place("in", 40.0, 44.5),        # inside: 0
        place("edge", 39.5, 45.0),      # on the east edge: 0
        place("east", 40.0, 45.1),      # 0.1 × 85.39 = 8.54 km east of the edge
        place("far", 40.0, 46.0),       # 85.4 km east
        region,
    ]
    assert inside(places, region) == [(places[0], 0.0), (places[1], 0.0)]
    found = inside(places, region, 10.0)
    assert ids(found) == ["in", "edge", "east"]
    assert found[2][1] == pytest.approx(8.539, rel=0.005)


def test_inside_a_river_with_a_distance():
    river = place("river", 40.0, 45.0, kind="river", geometry=LINE_40N)
    places = [
        place("north", 40.2, 45.0),     # 0.2 × 111.03 = 22.2 km
        place("bank-s", 39.95, 45.5),   # 0.05 × 111.03 = 5.55 km south
        place("on", 40.0, 44.5),        # on the line: 0
        place("past-end", 40.0, 46.05),  # 0.05 × 85.39 = 4.27 km past the east end
        place("far", 38.0, 45.0),       # 222 km
    ]
    found = inside(places, river, 10.0)
    assert ids(found) == ["on", "past-end", "bank-s"]
    assert [round(d, 1) for _, d in found] == [0.0, 4.3, 5.6]
    assert ids(inside(places, river, 25.0)) == ["on", "past-end", "bank-s", "north"]
    assert ids(inside(places, river)) == ["on"]  # a line has no inside: only points on it


def test_inside_without_geometry_falls_back_to_near():
    region = place("center", 40.0, 45.0, kind="region")
    assert inside(AROUND, region, 25.0) == near(AROUND, region, 25.0)
    assert ids(inside(AROUND, region, 25.0)) == ["twin", "close", "north"]


# -- geometry_issues -----------------------------------------------------------

def test_clean_places_have_no_issues():
    assert geometry_issues(place("box", 40.0, 44.5, kind="region", geometry=BOX)) == []
    assert geometry_issues(place("river", 40.1, 45.0, kind="river", geometry=LINE_40N)) == []  # 11 km < 25
    assert geometry_issues(place("town", 40.0, 45.0)) == []  # no geometry: nothing to check


def test_point_outside_its_own_area():
    # (40, 45.1) is 0.1° of longitude east of the box: 8.54 km.
    issues = geometry_issues(place("box", 40.0, 45.1, kind="province", geometry=BOX))
    assert issues == ["point (40.0, 45.1) is 8.5 km outside its own area (Polygon)"]


def test_line_far_from_its_own_point():
    # (40.3, 45) is 0.3 × 111.03 = 33.3 km north of the 40°N line: more than 25 km.
    issues = geometry_issues(place("river", 40.3, 45.0, kind="river", geometry=LINE_40N))
    assert len(issues) == 1
    assert issues[0].startswith("line is 33.3 km from the place's own point (40.3, 45.0)")


def test_invalid_polygon_gives_shapely_reason():
    bowtie = {"type": "Polygon",
              "coordinates": [[[44.0, 39.0], [45.0, 40.0], [45.0, 39.0], [44.0, 40.0], [44.0, 39.0]]]}
    # The point is in the bow-tie's western triangle, so only validity is reported.
    issues = geometry_issues(place("bowtie", 39.5, 44.2, kind="region", geometry=bowtie))
    assert issues == ["Polygon geometry is not valid: Self-intersection[44.5 39.5]"]


@pytest.mark.parametrize(("geometry", "expected"), [
    ({"type": "LineString", "coordinates": []}, "LineString geometry is empty"),
    ({"type": "MultiPolygon", "coordinates": []}, "MultiPolygon geometry is empty"),
    ({"type": "LineString", "coordinates": [[45.0, 40.0], [45.0, 40.0]]},
     "LineString geometry is degenerate: a LineString has zero length (all its positions are [45, 40])"),
    ({"type": "Polygon", "coordinates": [[[44.0, 40.0], [45.0, 40.0], [46.0, 40.0], [44.0, 40.0]]]},
     "Polygon geometry is degenerate: a Polygon has zero area"),
    ({"type": "Polygon", "coordinates": [[[44.0, 40.0], [45.0, 40.0]]]}, "Polygon geometry cannot be read"),
])
def test_empty_degenerate_and_unreadable_geometries(geometry, expected):
    kind = "region" if "Polygon" in geometry["type"] else "river"
    issues = geometry_issues(place("x", 40.0, 45.0, kind=kind, geometry=geometry))
    assert len(issues) == 1
    assert issues[0].startswith(expected)


def test_area_kind_with_a_line_is_reported():
    issues = geometry_issues(place("lake", 40.0, 45.0, kind="lake", geometry=LINE_40N))
    assert issues == ["a lake should have an area (Polygon or MultiPolygon), not a LineString"]


# -- filter_view_places --------------------------------------------------------

SMALL = """
places:
  - id: line-river
    name: Line River
    kind: river
    lat: 40.0
    lon: 45.0
    geometry: {type: LineString, coordinates: [[44.0, 40.0], [46.0, 40.0]]}
  - id: box
    name: Box Land
    kind: region
    lat: 40.0
    lon: 44.5
    geometry: {type: Polygon, coordinates: [[[44.0, 39.0], [45.0, 39.0], [45.0, 41.0], [44.0, 41.0], [44.0, 39.0]]]}
  - id: north-village
    name: Northvil
    kind: village
    lat: 40.05
    lon: 45.5
  - id: far-village
    name: Farvil
    kind: village
    lat: 40.5
    lon: 45.5
"""


def test_filter_view_places(write, tmp_path):
    write("g/places.yaml", SMALL)
    write("g/c/d.txt", "Line River, Box Land, Northvil and Farvil.\n")
    index = open_index(tmp_path / "g/places.yaml", tmp_path / "g/c")
    # Within 10 km of the river: box's point (40, 44.5) is on it (0); Northvil is 0.05° north (5.55 km);
    # Farvil is 0.5° north (55.5 km).
    assert filter_view_places(index, "line-river", 10) == ("line-river", "box", "north-village")
    assert filter_view_places(index, "line-river", 10, include_region=False) == ("box", "north-village")
    # Inside the box: the river's point (40, 45) is on its east edge; the villages are 0.5° east.
    assert filter_view_places(index, "box", 0) == ("box", "line-river")
    MapView(places=filter_view_places(index, "line-river", 10)).check(index)
    with pytest.raises(UnknownPlaceError):
        filter_view_places(index, "atlantis", 10)


# -- the bundled gazetteer -----------------------------------------------------

@pytest.fixture(scope="module")
def bundled():
    return load_gazetteer(BUNDLED_GAZETTEER)


def test_within_10_km_of_the_aras(bundled):
    # Nurduz (38.862, 46.185) and the Khudafarin bridges (39.1502, 46.9391) sit on the drawn
    # course of the Aras (vertices [46.19, 38.86] and [46.94, 39.15]): well under 1 km.
    found = {p.id: d for p, d in inside(bundled.places, bundled.by_id["aras"], 10.0)}
    assert found["nurduz"] < 1.0
    assert found["khudafarin-bridges"] < 1.0
    assert "tabriz" not in found  # ~80 km south of the river
    assert "aras" not in found


def test_bundled_geometries_have_no_issues(bundled):
    problems = [f"{p.id} (line {p.line}): {m}" for p in bundled.places for m in geometry_issues(p)]
    assert problems == []
