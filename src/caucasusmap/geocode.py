"""Look a place name up online (optional): geopy's Nominatim client.

Geocoding is the only network feature of the core and is never required:
offline, or on any service error, :func:`geocode` raises
:class:`GeocodingError` with a message saying what happened and what to do
instead (type the coordinates, or pick the point on the map). Requests carry
an identifying user agent and are rate limited to one a second, as the
Nominatim usage policy asks.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import __version__
from .errors import CaucasusmapError

__all__ = ["GeoCandidate", "GeocodingError", "geocode", "USER_AGENT", "REGION_VIEWBOX"]

USER_AGENT = f"caucasusmap/{__version__} (desktop gazetteer workbench)"
REGION_VIEWBOX = ((33.0, 36.0), (46.0, 56.0))
"""South-west and north-east corners (lat, lon) that results are biased to."""


class GeocodingError(CaucasusmapError, ConnectionError):
    """Raised when the geocoding service cannot be reached or answers with an
    error; the message says what to do instead."""


@dataclass(frozen=True, slots=True)
class GeoCandidate:
    """One answer of the geocoder, for the user to pick from."""

    name: str
    lat: float
    lon: float
    kind: str = ""


def _default_geocoder(timeout: float):
    from geopy.extra.rate_limiter import RateLimiter
    from geopy.geocoders import Nominatim

    client = Nominatim(user_agent=USER_AGENT, timeout=timeout)
    return RateLimiter(client.geocode, min_delay_seconds=1.0, max_retries=0, swallow_exceptions=False)


def geocode(name: str, *, geocoder=None, limit: int = 5, timeout: float = 10.0) -> list[GeoCandidate]:
    """Candidates for ``name``, biased to the South Caucasus and north-west
    Iran. ``geocoder`` is a callable like geopy's ``Nominatim.geocode``
    (tests inject a fake); by default the real client is used."""
    from geopy import exc as geopy_exc

    if not name.strip():
        raise GeocodingError("nothing to look up: give a place name")
    lookup = geocoder or _default_geocoder(timeout)
    try:
        found = lookup(name, exactly_one=False, limit=limit, viewbox=REGION_VIEWBOX, bounded=False,
                       language="en")
    except (geopy_exc.GeopyError, OSError) as exc:
        reason = type(exc).__name__ + (f": {exc}" if str(exc) else "")
        raise GeocodingError(
            f"could not look up {name!r} online ({reason}). Geocoding needs the network and the Nominatim "
            "service; give the coordinates yourself (--lat/--lon) or pick the point on the map instead."
        ) from None
    out = []
    for loc in found or ():
        raw = getattr(loc, "raw", {}) or {}
        kind = "/".join(x for x in (raw.get("class", ""), raw.get("type", "")) if x)
        out.append(GeoCandidate(str(loc.address), float(loc.latitude), float(loc.longitude), kind))
    return out
