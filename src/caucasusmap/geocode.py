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

__all__ = ["GeoCandidate", "GeocodingError", "failure_reason", "geocode", "USER_AGENT", "REGION_VIEWBOX"]

USER_AGENT = f"caucasusmap/{__version__} (desktop gazetteer workbench)"
REGION_VIEWBOX = ((33.0, 36.0), (46.0, 56.0))
"""South-west and north-east corners (lat, lon) that results are biased to."""


class GeocodingError(CaucasusmapError, ConnectionError):
    """Raised when the geocoding service cannot be reached or answers with an
    error; the message says what to do instead and carries the library's own
    words; ``summary`` says the same in a line a user can read (for a terminal)."""

    def __init__(self, message: str, summary: str | None = None):
        super().__init__(message)
        self.summary = summary or message


_ADVICE = ("Geocoding needs the network and the Nominatim service; give the coordinates yourself (--lat/--lon) "
           "or pick the point on the map instead.")


def failure_reason(exc: BaseException, timeout: float | None = None) -> str:
    """What went wrong with a lookup, in words rather than the HTTP library's
    chain of exceptions ("no network: nominatim.openstreetmap.org could not be
    found", "no answer within 10 s", "too many requests")."""
    from geopy import exc as geopy_exc

    text = str(exc)
    if isinstance(exc, geopy_exc.GeocoderTimedOut) or "timed out" in text.lower():
        return f"no answer within {timeout:g} s" if timeout else "no answer in time"
    if isinstance(exc, (geopy_exc.GeocoderRateLimited, geopy_exc.GeocoderQuotaExceeded)):
        return "the service refused: too many requests (wait a minute and try again)"
    if isinstance(exc, (geopy_exc.GeocoderInsufficientPrivileges, geopy_exc.GeocoderAuthenticationFailure)):
        return "the service refused the request"
    if any(k in text for k in ("NameResolution", "name resolution", "Name or service not known", "getaddrinfo")):
        return "no network: nominatim.openstreetmap.org could not be found"
    if isinstance(exc, (geopy_exc.GeocoderUnavailable, OSError)) or "Connection" in text:
        return "no connection to nominatim.openstreetmap.org (no network, or the service is down)"
    if isinstance(exc, geopy_exc.GeocoderParseError):
        return "the service's answer could not be read"
    return "the service answered with an error"


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
            f"could not look up {name!r} online ({reason}). {_ADVICE}",
            summary=f"could not look up {name!r} online: {failure_reason(exc, timeout)}. {_ADVICE}",
        ) from None
    out = []
    for loc in found or ():
        raw = getattr(loc, "raw", {}) or {}
        kind = "/".join(x for x in (raw.get("class", ""), raw.get("type", "")) if x)
        out.append(GeoCandidate(str(loc.address), float(loc.latitude), float(loc.longitude), kind))
    return out
