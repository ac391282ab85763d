"""Spatial questions about gazetteer places: distances, "near", "inside".

Distances are geodesic on the WGS84 ellipsoid (:func:`geopy.distance.geodesic`).
Geometry work uses shapely, which is planar and so only ever sees either
degrees (for "is this point inside that area", where the gazetteer's
outlines are drawn as straight lines in [lon, lat]) or a small local
projection centred on the point being measured (for "how far"): each
measurement projects the geometry into an azimuthal-equidistant frame
around the point, where the distance from the centre is the true
great-circle distance, lets shapely find the nearest point of the geometry
there, and then measures the geodesic distance to that point with geopy.
The result agrees with the ellipsoidal distance to well within 1 %.

Everything here works at the scale of the gazetteer (a region of a few
thousand kilometres); geometries crossing the antimeridian are not handled.
The module is pure core: no Qt.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
import shapely.errors
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from .errors import UnknownPlaceError
from .model import Place

if TYPE_CHECKING:
    from .index import Index

__all__ = [
    "AREA_KINDS", "LINE_FAR_KM",
    "distance_km", "near", "distance_to_geometry_km", "inside", "geometry_issues", "filter_view_places",
]

AREA_KINDS = ("region", "province", "district", "country", "lake", "sea")
"""Kinds whose geometry is an area (Polygon/MultiPolygon) their point must lie in."""

LINE_FAR_KM = 25.0
"""A line geometry (river, corridor) farther than this from its own point is suspect."""

_R_KM = 6371.0088
"""Mean Earth radius, for the local projection only (final distances are WGS84)."""
_MERIDIAN_MIN_KM = 6335.439
"""Smallest WGS84 radius of curvature (meridional, at the equator): a lower bound."""
_KM_PER_DEG_LAT_MIN = 110.57
"""Shortest degree of latitude on WGS84 (at the equator), rounded down."""
_KM_PER_DEG_LON_EQ = 111.31
"""Degree of longitude at the equator on WGS84 (111.32), rounded down."""
_DENSIFY_DEG = 0.1
"""Segments are split to at most this many degrees before projecting, so a
straight [lon, lat] segment stays straight to within metres in the frame."""


# ---------------------------------------------------------------------------
# Points


@functools.cache
def _wgs84():
    """geopy's WGS84 geodesic, made once on first use (importing geopy
    brings its geocoders and an HTTP library: a fifth of a second at start
    for a program that may measure nothing)."""
    from geopy.distance import geodesic

    return geodesic()


def _geodesic_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return _wgs84().measure(a, b)  # km, WGS84 (geographiclib through geopy); reused, no Distance per pair


def distance_km(a: Place, b: Place) -> float:
    """Geodesic distance in km (WGS84) between the points of two places."""
    return _geodesic_km((a.lat, a.lon), (b.lat, b.lon))


def _coords(places: list[Place]) -> tuple[np.ndarray, np.ndarray]:
    lat = np.fromiter((p.lat for p in places), dtype=float, count=len(places))
    lon = np.fromiter((p.lon for p in places), dtype=float, count=len(places))
    return lat, lon


def _wrap(dlon: np.ndarray | float) -> np.ndarray | float:
    """Longitude differences into [-180, 180)."""
    return (dlon + 180.0) % 360.0 - 180.0


def _check_km(km: float) -> float:
    km = float(km)
    if not math.isfinite(km) or km < 0:
        raise ValueError(f"a distance must be a finite number of km >= 0, not {km!r}")
    return km


def near(places: Iterable[Place], center: Place, km: float) -> list[tuple[Place, float]]:
    """Places within ``km`` (geodesic) of ``center``'s point, excluding
    ``center`` itself (by id), nearest first, each with its distance in km.

    A bounding box in degrees that provably contains the circle discards
    most places cheaply; only the survivors get a geodesic distance."""
    km = _check_km(km)
    places = [p for p in places if p.id != center.id]
    if not places:
        return []
    lat, lon = _coords(places)
    dlat = km / _KM_PER_DEG_LAT_MIN
    mask = np.abs(lat - center.lat) <= dlat
    edge = abs(center.lat) + dlat
    if edge < 89.0:
        # Any path of length <= km from the centre stays in |lat| <= edge,
        # where a degree of longitude is at least 111.31 * cos(edge) km.
        dlon = km / (_KM_PER_DEG_LON_EQ * math.cos(math.radians(edge)))
        mask &= np.abs(_wrap(lon - center.lon)) <= dlon
    out = []
    for i in np.flatnonzero(mask).tolist():
        p = places[i]
        d = _geodesic_km((center.lat, center.lon), (p.lat, p.lon))
        if d <= km:
            out.append((p, d))
    out.sort(key=lambda t: t[1])  # stable: ties keep the input order
    return out


# ---------------------------------------------------------------------------
# Geometry: a local azimuthal-equidistant frame (spherical), done by hand


def _aeqd_forward(lat0: float, lon0: float):
    """A function mapping an (n, 2) array of [lon, lat] degrees to km in the
    azimuthal-equidistant frame centred on (lat0, lon0)."""
    p0 = math.radians(lat0)
    sin0, cos0 = math.sin(p0), math.cos(p0)

    def forward(xy: np.ndarray) -> np.ndarray:
        lam = np.radians(_wrap(xy[:, 0] - lon0))
        phi = np.radians(xy[:, 1])
        sin_p, cos_p, cos_l = np.sin(phi), np.cos(phi), np.cos(lam)
        hav = np.sin((phi - p0) / 2) ** 2 + cos0 * cos_p * np.sin(lam / 2) ** 2
        c = 2 * np.arcsin(np.sqrt(np.clip(hav, 0.0, 1.0)))  # angular distance, stable near 0
        sin_c = np.sin(c)
        k = np.ones_like(c)
        ok = c > 1e-12
        k[ok] = c[ok] / sin_c[ok]
        x = _R_KM * k * cos_p * np.sin(lam)
        y = _R_KM * k * (cos0 * sin_p - sin0 * cos_p * cos_l)
        return np.column_stack((x, y))

    return forward


def _aeqd_inverse(lat0: float, lon0: float, x: float, y: float) -> tuple[float, float]:
    """(lat, lon) degrees of the frame point (x, y) km; see :func:`_aeqd_forward`."""
    rho = math.hypot(x, y) / _R_KM
    if rho < 1e-15:
        return lat0, lon0
    p0 = math.radians(lat0)
    sin_r, cos_r = math.sin(rho), math.cos(rho)
    xs, ys = x / _R_KM, y / _R_KM
    lat = math.asin(max(-1.0, min(1.0, cos_r * math.sin(p0) + ys * sin_r * math.cos(p0) / rho)))
    lon = lon0 + math.degrees(math.atan2(xs * sin_r, rho * math.cos(p0) * cos_r - ys * math.sin(p0) * sin_r))
    return math.degrees(lat), float(_wrap(lon))


class _Shape:
    """A GeoJSON geometry prepared for repeated distance questions: its area
    part (for "inside") and its edges (lines, area boundaries, points),
    densified in degrees once."""

    def __init__(self, geometry: dict[str, Any] | BaseGeometry):
        geom = geometry if isinstance(geometry, BaseGeometry) else shape(geometry)
        if geom.is_empty:
            raise ValueError("the geometry is empty")
        parts = list(getattr(geom, "geoms", [geom]))
        areas = [g for g in parts if g.geom_type in ("Polygon", "MultiPolygon") and not g.is_empty]
        self.geom = geom
        self.area = shapely.union_all([shapely.make_valid(a) for a in areas]) if areas else None
        if self.area is not None:
            shapely.prepare(self.area)
        edges = [g.boundary if g.geom_type in ("Polygon", "MultiPolygon") else g for g in parts]
        self.edges = shapely.segmentize(shapely.GeometryCollection([e for e in edges if not e.is_empty]),
                                        _DENSIFY_DEG)

    def covers(self, lat: float, lon: float) -> bool:
        return self.area is not None and self.area.covers(Point(lon, lat))

    def distance_km(self, lat: float, lon: float) -> float:
        if self.covers(lat, lon):
            return 0.0
        return self.edge_distance_km(lat, lon)

    def edge_distance_km(self, lat: float, lon: float) -> float:
        """Geodesic km from (lat, lon) to the nearest point of the edges."""
        projected = shapely.transform(self.edges, _aeqd_forward(lat, lon))
        nearest = nearest_points(projected, Point(0.0, 0.0))[0]
        nlat, nlon = _aeqd_inverse(lat, lon, nearest.x, nearest.y)
        return _geodesic_km((lat, lon), (nlat, nlon))

    def lower_bounds_km(self, lat: np.ndarray, lon: np.ndarray, km: float) -> np.ndarray:
        """For each point, a cheap value never above its geodesic distance to
        the edges when that distance is <= km (larger values mean "farther")."""
        miny, maxy = self.edges.bounds[1], self.edges.bounds[3]
        band = km / _KM_PER_DEG_LAT_MIN
        top = max(abs(miny - band), abs(maxy + band))
        scale = math.cos(math.radians(min(top, 90.0))) if top < 90.0 else 0.0
        # A path of length <= km to the edges stays in this latitude band,
        # where ds >= 6335 km * sqrt(dlat^2 + (scale * dlon)^2) (radians).
        edges = shapely.transform(self.edges, lambda xy: xy * np.array([scale, 1.0]))
        pts = shapely.points(lon * scale, lat)
        return _MERIDIAN_MIN_KM * np.radians(shapely.distance(edges, pts))


def distance_to_geometry_km(place_point: tuple[float, float], geometry: dict[str, Any]) -> float:
    """Geodesic distance in km from ``place_point`` (lat, lon) to a GeoJSON
    geometry ([lon, lat] positions): 0 inside a Polygon/MultiPolygon, else
    to the nearest point of its lines, area edges or points.

    Accurate to far better than 1 % at regional scale: the nearest point is
    found in an azimuthal-equidistant frame centred on the point and the
    distance to it is the WGS84 geodesic. Raises ValueError for an empty or
    unreadable geometry."""
    lat, lon = place_point
    return _Shape(geometry).distance_km(float(lat), float(lon))


def inside(places: Iterable[Place], region: Place, km: float = 0.0) -> list[tuple[Place, float]]:
    """Places "inside" ``region``, nearest first, each with its distance in km.

    A place is inside when its point lies in the region's area
    (Polygon/MultiPolygon, distance 0) or within ``km`` of the region's
    lines (a river, a corridor), points, or area edge. A region without a
    geometry falls back to :func:`near` around its point. The region itself
    is never listed. ``inside(places, aras, 10)``: everything within 10 km
    of the Aras."""
    km = _check_km(km)
    if region.geometry is None:
        return near(places, region, km)
    prepared = _Shape(region.geometry)
    places = [p for p in places if p.id != region.id]
    if not places:
        return []
    lat, lon = _coords(places)
    covered = np.zeros(len(places), dtype=bool)
    if prepared.area is not None:
        covered = shapely.covers(prepared.area, shapely.points(lon, lat))
    found: list[tuple[int, float]] = [(i, 0.0) for i in np.flatnonzero(covered).tolist()]
    rest = np.flatnonzero(~covered)
    if len(rest):
        bounds = prepared.lower_bounds_km(lat[rest], lon[rest], km)
        for i in rest[bounds <= km].tolist():
            d = prepared.edge_distance_km(places[i].lat, places[i].lon)
            if d <= km:
                found.append((i, d))
    found.sort(key=lambda t: (t[1], t[0]))
    return [(places[i], d) for i, d in found]


# ---------------------------------------------------------------------------
# Checks


def _point(place: Place) -> str:
    return f"({place.lat}, {place.lon})"


def _position(xy) -> str:
    return f"[{xy[0]:g}, {xy[1]:g}]"


def _degenerate(geom: BaseGeometry) -> str | None:
    """Why a non-empty geometry has no extent of its kind, if it has none."""
    for part in getattr(geom, "geoms", [geom]):
        kind = part.geom_type
        if kind in ("LineString", "LinearRing") and part.length == 0:
            return f"a {kind} has zero length (all its positions are {_position(part.coords[0])})"
        if kind == "Polygon":
            if part.exterior.length == 0:
                return f"a Polygon ring has zero length (all its positions are {_position(part.exterior.coords[0])})"
            # make_valid: a bow-tie's signed shoelace area can cancel to 0.
            if shapely.make_valid(part).area == 0:
                return "a Polygon has zero area (its positions lie on one line)"
    return None


def geometry_issues(place: Place) -> list[str]:
    """Problems with a place's own geometry, as messages (empty when clean or
    when it has none): unreadable, empty or degenerate (zero length or
    area); an invalid polygon with shapely's reason; the place's point
    outside its own area (any Polygon/MultiPolygon, which is what the area
    kinds region, province, district, country, lake and sea should carry;
    one of those kinds with a line or point instead is reported too); a line
    (river, corridor) farther than 25 km from the place's point. The caller
    locates the messages (``file:line``)."""
    if place.geometry is None:
        return []
    gtype = place.geometry.get("type", "?") if isinstance(place.geometry, dict) else type(place.geometry).__name__
    try:
        geom = shape(place.geometry)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, shapely.errors.ShapelyError) as exc:
        return [f"{gtype} geometry cannot be read: {str(exc).strip()}"]
    if geom.is_empty:
        return [f"{gtype} geometry is empty (no positions)"]
    issues: list[str] = []
    degenerate = _degenerate(geom)
    valid = geom.is_valid
    reason = "" if valid else shapely.is_valid_reason(geom)
    if degenerate:
        issues.append(f"{gtype} geometry is degenerate: {degenerate}" + (f" (shapely: {reason})" if reason else ""))
        return issues
    if not valid:
        issues.append(f"{gtype} geometry is not valid: {reason}")
    polygonal = geom.geom_type in ("Polygon", "MultiPolygon")
    linear = geom.geom_type in ("LineString", "MultiLineString")
    if polygonal:
        prepared = _Shape(geom)
        if not prepared.covers(place.lat, place.lon):
            km = prepared.edge_distance_km(place.lat, place.lon)
            issues.append(f"point {_point(place)} is {km:.1f} km outside its own area ({gtype})")
    elif place.kind in AREA_KINDS:
        issues.append(f"a {place.kind} should have an area (Polygon or MultiPolygon), not a {gtype}")
    if linear:
        km = _Shape(geom).edge_distance_km(place.lat, place.lon)
        if km > LINE_FAR_KM:
            issues.append(f"line is {km:.1f} km from the place's own point {_point(place)} "
                          f"(more than {LINE_FAR_KM:g} km; the point should lie on the line)")
    return issues


# ---------------------------------------------------------------------------
# Views


def filter_view_places(index: Index, region_id: str, km: float = 0.0, *,
                       include_region: bool = True) -> tuple[str, ...]:
    """Ids of the places :func:`inside` the region ``region_id`` (within
    ``km`` of its lines or edge), nearest first, for ``MapView(places=...)``.
    The region's own id comes first unless ``include_region`` is False.
    Raises :class:`~caucasusmap.errors.UnknownPlaceError` for an unknown id."""
    region = index.gazetteer.by_id.get(region_id)
    if region is None:
        raise UnknownPlaceError(f"no place has the id {region_id!r}; 'caucasusmap places' lists them")
    ids = tuple(p.id for p, _ in inside(index.gazetteer.places, region, km))
    return (region.id, *ids) if include_region else ids
