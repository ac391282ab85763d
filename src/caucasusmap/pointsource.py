"""Where a curated place's coordinates come from, as its note says.

The gazetteer records the source of a point in the place's ``note``, in a few
fixed forms (``gazetteer/README.md``): "Coordinates: GeoNames.", "Point: its
centre Gori (GeoNames 614455).", "Point: inside the area. Geometry: Natural
Earth 10m admin-1, simplified.", "Point and outline: Natural Earth 10m lakes",
"Point: on the line. Line: GSHHG WDB II rivers ...", or, for a point nobody
took from a dataset, "Approximate point from general knowledge (no packaged
source has it)". :func:`point_source` reads those forms back;
:func:`unsourced_issues` gives ``caucasusmap validate --unsourced`` a warning
for every place whose point names no source, so that the approximate points
can be found, counted and replaced (``scripts/source_points.py``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .errors import Issue, warning
from .model import Place

__all__ = ["point_source", "unsourced_issues", "unsourced_counts", "SOURCES"]

#: Names of sources a note may give for a point (or for the geometry the point
#: is taken from), and the pattern that recognises each.
SOURCES = {
    "GeoNames": re.compile(r"\bGeoNames\b"),
    "Natural Earth": re.compile(r"\bNatural Earth\b"),
    "GSHHG": re.compile(r"\bGSHHG\b"),
    "Wikipedia": re.compile(r"\bWikipedia\b"),
    "plus code": re.compile(r"\bplus code\b"),
    "web page": re.compile(r"\b[a-z0-9-]+\.(?:com|org|net)\b"),
}
# A statement about the point: "Coordinates: ...", "Point: ...", "Point and
# outline: ...", "Approximate point ...", "Approximate (...)".
_POINT = re.compile(r"^(?:Coordinates\b|Point\b|Approximate\b)")
_GEOMETRY = re.compile(r"^(?:Geometry|Line|Outline|Area)\b")
_VAGUE = re.compile(r"approximat|general knowledge|hand-? ?drawn|\brough\b", re.I)
# "Point: inside the area." / "Point: on the line." take the point from the
# place's own geometry, so the geometry's source is the point's.
_FROM_GEOMETRY = re.compile(r"^Point: (?:inside the area|on the line)\b")
_SENTENCE_END = re.compile(r"(?<=[.;)])\s+(?=[A-Z(])")


def _sentences(note: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(" ".join(note.split())) if s.strip()]


def _named(text: str) -> str | None:
    for name, pattern in SOURCES.items():
        if pattern.search(text):
            return name
    return None


def point_source(place: Place) -> str | None:
    """The named source of ``place``'s coordinates ("GeoNames", "Natural
    Earth", ...), or None when its note names none or calls the point
    approximate (general knowledge, hand-drawn)."""
    sentences = _sentences(place.note)
    points = [s for s in sentences if _POINT.match(s)]
    if not points or any(_VAGUE.search(s) for s in points):
        return None
    for sentence in points:
        if _FROM_GEOMETRY.match(sentence):
            shapes = [s for s in sentences if _GEOMETRY.match(s) or s.startswith("Point and ")]
            if place.geometry is None or not shapes or any(_VAGUE.search(s) for s in shapes):
                return None
            found = next((n for n in map(_named, shapes) if n), None)
            if found:
                return found
            continue
        found = _named(sentence)
        if found:
            return found
    return None


def _why(place: Place) -> str:
    if any(_POINT.match(s) and _VAGUE.search(s) for s in _sentences(place.note)):
        return "its note calls them approximate"
    return "its note names no source for them"


def unsourced_issues(places: Iterable[Place]) -> list[Issue]:
    """A warning for each curated place whose coordinates name no source."""
    return [warning(p.file, p.line, 0,
                    f"the coordinates of {p.id!r} come from no named source ({_why(p)}); take them from a "
                    f"dataset and say so in the note (\"Coordinates: GeoNames.\" with links: {{geonames: ID}}), "
                    f"or say where the approximate point comes from")
            for p in places if p.origin == "curated" and point_source(p) is None]


def unsourced_counts(issues: Iterable[Issue]) -> Counter:
    """The number of those warnings per file name."""
    return Counter(Path(str(i.path)).name for i in issues)
