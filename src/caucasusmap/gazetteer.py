"""Load and validate the YAML gazetteer: one file, or a folder of files.

:func:`validate_gazetteer` collects every problem (errors and warnings, each
located ``file:line:col``) and never raises for bad content;
:func:`load_gazetteer` returns a :class:`Gazetteer` or raises
:class:`~caucasusmap.errors.GazetteerError` carrying the same list. Files are
only read, never rewritten.

A folder gazetteer is every ``*.yaml``/``*.yml`` file directly inside it, read
in file-name order (see :func:`gazetteer_files`); ids must be unique across
the files, and each place remembers its file (``Place.file``), so problems
and edits land in the right one.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .errors import GazetteerError, Issue, error, warning
from .model import KINDS, Place
from .naming import LANG_TAG_RE, LANGUAGES
from .normalize import fold_phrase
from .yamlsource import YMap, YNode, YScalar, YSeq, decode_text, read_user_bytes, read_yaml

__all__ = ["Gazetteer", "load_gazetteer", "validate_gazetteer", "gazetteer_files", "read_gazetteer_texts",
           "slugify", "FIELDS", "GEOMETRY_TYPES", "SUFFIXES"]

FIELDS = ("id", "name", "names", "aliases", "kind", "lat", "lon", "geometry", "exclude", "links", "note")
SUFFIXES = (".yaml", ".yml")
"""File suffixes a folder gazetteer reads (and the app watches)."""
REQUIRED = ("id", "name", "kind", "lat", "lon")
GEOMETRY_TYPES = ("Point", "LineString", "Polygon", "MultiLineString", "MultiPolygon")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Gazetteer:
    """A loaded gazetteer: places in file order plus the warnings found."""

    path: str
    places: tuple[Place, ...]
    issues: tuple[Issue, ...] = ()
    #: The files read, in order (the path itself for a one-file gazetteer).
    files: tuple[str, ...] = ()
    by_id: dict[str, Place] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {p.id: p for p in self.places})

    def __len__(self) -> int:
        return len(self.places)

    def find(self, query: str) -> list[Place]:
        """Places whose id, name or any alias equals ``query`` (case and
        diacritics ignored); an exact id wins outright."""
        if query in self.by_id:
            return [self.by_id[query]]
        key = fold_phrase(query)
        if not key:
            return []
        return [p for p in self.places if any(fold_phrase(n) == key for n in (p.id, *p.names))]

    @cached_property
    def search_texts(self) -> tuple[str, ...]:
        """:func:`search_text` of each place, in file order: folded once per
        gazetteer (the app's loader asks for it in its thread, so the places
        filter never folds tens of thousands of names on the UI thread)."""
        return tuple(search_text(p) for p in self.places)


def search_text(place: Place) -> str:
    """What a filter by name matches a folded query against: the place's id
    and every name, folded, one space apart.

    >>> search_text(Place("shusha", "Shusha", "city", 39.76, 46.75, aliases=("Şuşa",)))
    'shusha shusha susa'
    """
    return " ".join(fold_phrase(n) for n in (place.id, *place.names))


#: Longest name, alias, id or link accepted, and longest note.
MAX_NAME_CHARS = 300
MAX_NOTE_CHARS = 20_000


def slugify(name: str) -> str:
    """An id from a name: lowercase ASCII letters, digits and hyphens."""
    return "-".join(fold_phrase(name).encode("ascii", "ignore").decode().split()) or "place"


def _suggest(word: str, choices: tuple[str, ...] | list[str]) -> str:
    """A did-you-mean hint: same word in another case, a prefix, or close."""
    low = word.casefold()
    close = [c for c in choices if c.casefold() == low] or \
        [c for c in choices if len(low) >= 3 and c.casefold().startswith(low)][:1] or \
        difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


class _Checker:
    def __init__(self, path: str):
        self.path = path
        self.issues: list[Issue] = []

    def err(self, node: YNode | tuple[int, int], msg: str) -> None:
        line, col = node if isinstance(node, tuple) else (node.line, node.column)
        self.issues.append(error(self.path, line, col, msg))

    def warn(self, node: YNode | tuple[int, int], msg: str) -> None:
        line, col = node if isinstance(node, tuple) else (node.line, node.column)
        self.issues.append(warning(self.path, line, col, msg))

    # -- scalar helpers ---------------------------------------------------
    def text(self, node: YNode, what: str, *, allow_empty: bool = False, limit: int = MAX_NAME_CHARS) -> str | None:
        if not isinstance(node, YScalar):
            self.err(node, f"{what} must be text, not a {'list' if isinstance(node, YSeq) else 'mapping'}")
            return None
        if node.tag.endswith(":null") and not node.quoted and node.value in ("", "~", "null", "Null", "NULL"):
            if allow_empty:
                return ""
            self.err(node, f"{what} is empty")
            return None
        value = node.value.strip()
        if not value and not allow_empty:
            self.err(node, f"{what} is empty")
            return None
        if len(value) > limit:  # a 140 KB "name" costs every later step dearly (issue 9, finding 10)
            self.err(node, f"{what} is {len(value):,} characters long; the limit is {limit:,}")
            return None
        return value

    def text_list(self, node: YNode, what: str) -> list[tuple[str, YScalar]]:
        if isinstance(node, YScalar) and node.tag.endswith(":null"):
            return []
        if not isinstance(node, YSeq):
            hint = f" (write [{node.value}])" if isinstance(node, YScalar) else ""
            self.err(node, f"{what} must be a list of strings{hint}")
            return []
        out = []
        for item in node.items:
            if not isinstance(item, YScalar):
                self.err(item, f"each entry of {what} must be a string, not a list or mapping")
                continue
            value = self.text(item, f"an entry of {what}")
            if value is not None:
                out.append((value, item))
        return out

    def lang_names(self, node: YNode) -> list[tuple[str, str, YScalar]]:
        """``names: {az: Xankəndi, hy: [Ստեփանակերտ, ...]}`` as (language,
        name, node) triples in file order."""
        if isinstance(node, YScalar) and node.tag.endswith(":null"):
            return []
        if not isinstance(node, YMap):
            self.err(node, "names must be a mapping from language to name, like {az: Xankəndi, hy: Ստեփանակերտ}")
            return []
        for key, line, col in node.duplicates:
            self.err((line, col), f"language {key!r} appears twice in names; give one list: {key}: [first, second]")
        out: list[tuple[str, str, YScalar]] = []
        known = list(LANGUAGES)
        for lang, vnode in node.items.items():
            pos = node.keys[lang]
            if not LANG_TAG_RE.match(lang):
                self.err(pos, f"{lang!r} is not a language tag like 'az', 'hy' or 'hy-Latn'"
                         f"{_suggest(lang, known)}")
                continue
            if lang not in LANGUAGES:
                self.warn(pos, f"language {lang!r} is not one caucasusmap knows ({', '.join(known)}): its names "
                          f"are matched, but no naming choice shows them{_suggest(lang, known)}")
            if isinstance(vnode, YSeq):
                if not vnode.items:
                    self.err(vnode, f"names.{lang} is an empty list")
                values = self.text_list(vnode, f"names.{lang}")
            else:
                value = self.text(vnode, f"names.{lang}")
                values = [] if value is None else [(value, vnode)]
            out.extend((lang, v, n) for v, n in values)
        return out

    def number(self, node: YNode, what: str, low: float, high: float) -> float | None:
        if not isinstance(node, YScalar):
            self.err(node, f"{what} must be a number")
            return None
        value = node.number()
        if value is None:
            if node.quoted:
                self.err(node, f"{what} must be a number, got the quoted string {node.value!r}; remove the quotes")
            else:
                self.err(node, f"{what} must be a number, got {node.value!r}")
            return None
        if not math.isfinite(value) or not low <= value <= high:
            self.err(node, f"{what} {node.value} is out of range [{low:g}, {high:g}]")
            return None
        return value

    # -- geometry ---------------------------------------------------------
    def position(self, node: YNode) -> tuple[float, float] | None:
        if not isinstance(node, YSeq) or len(node.items) not in (2, 3):
            self.err(node, "a geometry position must be [lon, lat]")
            return None
        lon = self.number(node.items[0], "geometry longitude", -180, 180)
        lat = self.number(node.items[1], "geometry latitude", -90, 90)
        return None if lon is None or lat is None else (lon, lat)

    def positions(self, node: YNode, minimum: int, what: str) -> list | None:
        if not isinstance(node, YSeq):
            self.err(node, f"{what} must be a list of [lon, lat] positions")
            return None
        pts = [self.position(n) for n in node.items]
        if any(p is None for p in pts):
            return None
        if len(pts) < minimum:
            self.err(node, f"{what} needs at least {minimum} positions, has {len(pts)}")
            return None
        return pts

    def ring(self, node: YNode) -> list | None:
        pts = self.positions(node, 4, "a polygon ring")
        if pts is not None and pts[0] != pts[-1]:
            self.err(node, "a polygon ring must be closed: its last position must repeat the first")
            return None
        return pts

    def rings(self, node: YNode) -> list | None:
        if not isinstance(node, YSeq) or not node.items:
            self.err(node, "Polygon coordinates must be a list of rings")
            return None
        rings = [self.ring(n) for n in node.items]
        return None if any(r is None for r in rings) else rings

    def many(self, node: YNode, fn, what: str) -> list | None:
        if not isinstance(node, YSeq) or not node.items:
            self.err(node, f"{what} coordinates must be a non-empty list")
            return None
        parts = [fn(n) for n in node.items]
        return None if any(p is None for p in parts) else parts

    def geometry(self, node: YNode) -> dict[str, Any] | None:
        if not isinstance(node, YMap):
            self.err(node, "geometry must be a mapping like {type: LineString, coordinates: [[lon, lat], ...]}")
            return None
        gtype_node = node.items.get("type")
        coords_node = node.items.get("coordinates")
        for key in node.items:
            if key not in ("type", "coordinates"):
                self.warn(node.keys[key], f"unknown geometry key {key!r}{_suggest(key, ['type', 'coordinates'])}")
        if gtype_node is None or coords_node is None:
            self.err(node, "geometry needs both 'type' and 'coordinates'")
            return None
        gtype = self.text(gtype_node, "geometry type")
        if gtype is None:
            return None
        if gtype not in GEOMETRY_TYPES:
            self.err(gtype_node, f"geometry type {gtype!r} is not one of {', '.join(GEOMETRY_TYPES)}"
                     f"{_suggest(gtype, GEOMETRY_TYPES)}")
            return None
        if gtype == "Point":
            coords = self.position(coords_node)
        elif gtype == "LineString":
            coords = self.positions(coords_node, 2, "a LineString")
        elif gtype == "Polygon":
            coords = self.rings(coords_node)
        elif gtype == "MultiLineString":
            coords = self.many(coords_node, lambda n: self.positions(n, 2, "a line"), "MultiLineString")
        else:
            coords = self.many(coords_node, self.rings, "MultiPolygon")
        if coords is None:
            return None
        return {"type": gtype, "coordinates": coords}

    def spatial(self, node: YNode, place: Place) -> None:
        """Geometry checks (see :func:`caucasusmap.spatial.geometry_issues`),
        located at the geometry, plus a hint when positions look swapped."""
        from shapely.geometry import Point, shape

        from .spatial import geometry_issues

        issues = geometry_issues(place)
        for message in issues:
            self.warn(node, message)
        if any("outside" in m or "km from" in m for m in issues):
            geometry = place.geometry
            point = Point(place.lon, place.lat)
            swapped = shape({"type": geometry["type"], "coordinates": _swap(geometry["coordinates"])})
            if swapped.distance(point) < shape(geometry).distance(point) / 10:
                self.warn(node, "the geometry's positions look like [lat, lon]: GeoJSON order is [lon, lat]")


def _swap(coords):
    if coords and isinstance(coords[0], (int, float)):
        return (coords[1], coords[0], *coords[2:])
    return [_swap(c) for c in coords]


def _check_entry(ck: _Checker, entry: YNode, index: int) -> Place | None:
    if not isinstance(entry, YMap):
        ck.err(entry, f"place #{index + 1} must be a mapping with id, name, kind, lat, lon")
        return None
    items = entry.items
    for key, line, col in entry.duplicates:
        ck.err((line, col), f"key {key!r} appears twice in this place")
    for key, pos in entry.keys.items():
        if key not in FIELDS:
            ck.warn(pos, f"unknown key {key!r} (ignored){_suggest(key, FIELDS)}")
    missing = [k for k in REQUIRED if k not in items]
    values: dict[str, Any] = {}
    name = self_name = None
    if "name" in items:
        name = self_name = ck.text(items["name"], "name")
    if "id" in items:
        pid = ck.text(items["id"], "id")
        if pid is not None and not ID_RE.match(pid):
            hint = f"; for example {slugify(self_name or pid)!r}"
            ck.err(items["id"], f"id {pid!r} must be a lowercase slug of letters a-z, digits and single hyphens{hint}")
            pid = None
        values["id"] = pid
    if "kind" in items:
        kind = ck.text(items["kind"], "kind")
        if kind is not None and kind not in KINDS:
            ck.err(items["kind"], f"kind {kind!r} is not one of {', '.join(KINDS)}{_suggest(kind, KINDS)}")
            kind = None
        values["kind"] = kind
    lat = ck.number(items["lat"], "lat", -90, 90) if "lat" in items else None
    lon = ck.number(items["lon"], "lon", -180, 180) if "lon" in items else None
    if missing:
        where = f" (place {self_name!r})" if self_name else ""
        ck.err(entry, f"missing required key(s) {', '.join(missing)}{where}")
    aliases = ck.text_list(items["aliases"], "aliases") if "aliases" in items else []
    exclude = ck.text_list(items["exclude"], "exclude") if "exclude" in items else []
    lang_names = ck.lang_names(items["names"]) if "names" in items else []
    for value, node in aliases + exclude + [(v, n) for _, v, n in lang_names]:
        if not fold_phrase(value):
            ck.err(node, f"{value!r} has no letters or digits, so it can never match")
    english = [(v, n) for lang, v, n in lang_names if lang == "en"]
    if english and name is not None and english[0][0] != name:
        ck.warn(english[0][1], f"names.en starts with {english[0][0]!r} but the place's name is {name!r}; "
                f"'name' is the English name views show, so list it first in names.en")
    links: list[tuple[str, str]] = []
    if "links" in items:
        lnode = items["links"]
        if isinstance(lnode, YMap):
            for key, vnode in lnode.items.items():
                v = ck.text(vnode, f"link {key!r}")
                if v is not None:
                    links.append((key, v))
        elif not (isinstance(lnode, YScalar) and lnode.tag.endswith(":null")):
            ck.err(lnode, "links must be a mapping like {wikidata: Q123, geonames: 456}")
    note = ck.text(items["note"], "note", allow_empty=True, limit=MAX_NOTE_CHARS) if "note" in items else ""
    geometry = ck.geometry(items["geometry"]) if "geometry" in items else None
    if None in (values.get("id"), name, values.get("kind"), lat, lon) or note is None:
        return None
    own = {fold_phrase(n) for n in (name, *(a for a, _ in aliases), *(v for _, v, _ in lang_names))}
    for phrase, node in exclude:
        words = f" {fold_phrase(phrase)} "
        if not any(f" {n} " in words for n in own if n):
            ck.warn(node, f"exclude phrase {phrase!r} contains none of this place's names, so it has no effect")
    place = Place(
        id=values["id"], name=name, kind=values["kind"], lat=lat, lon=lon,
        aliases=tuple(a for a, _ in aliases), geometry=geometry,
        exclude=tuple(e for e, _ in exclude), links=tuple(links), note=note or "",
        line=entry.line, lang_names=tuple((lang, v) for lang, v, _ in lang_names), file=ck.path,
    )
    if geometry is not None:
        ck.spatial(items["geometry"], place)
    return place


def gazetteer_files(path: str | Path) -> list[Path]:
    """The files a gazetteer path stands for: the path itself if it is a
    file, else every ``*.yaml``/``*.yml`` file directly in the folder (hidden
    files and backups such as ``places.yaml.bak`` excluded), in name order."""
    path = Path(path)
    if not path.is_dir():
        return [path]
    return sorted((p for p in path.iterdir()
                   if p.suffix in SUFFIXES and not p.name.startswith(".") and p.is_file()),
                  key=lambda p: p.name)


def read_gazetteer_texts(path: str | Path) -> list[tuple[Path, str]]:
    """``(file, text)`` for every file of the gazetteer at ``path``; raise
    :class:`GazetteerError` (located) if one cannot be read or decoded."""
    out = []
    files = gazetteer_files(path)
    if not files:
        raise GazetteerError(path, [error(path, 0, 0, "the folder has no gazetteer files (*.yaml)")])
    for file in files:
        data, problem = read_user_bytes(file, what="gazetteer")  # never a FIFO or /dev/zero
        if problem:
            raise GazetteerError(file, [problem])
        text, problem = decode_text(data, file)
        if problem:
            raise GazetteerError(file, [problem])
        out.append((file, text))
    return out


def _validate_file(path: str, text: str | None) -> tuple[list[tuple[Place, YMap]], list[Issue]]:
    root, issues = read_yaml(path, text)
    ck = _Checker(path)
    ck.issues.extend(issues)
    places: list[tuple[Place, YMap]] = []
    if root is None:
        if not issues:
            ck.err((1, 1), "the gazetteer is empty; it must start with 'places:' followed by a list of places")
        return [], ck.issues
    if not isinstance(root, YMap) or "places" not in root.items:
        ck.err(root, "the gazetteer must be a mapping with a 'places:' list at the top level")
        return [], ck.issues
    for key, line, col in root.duplicates:
        ck.err((line, col), f"a second top-level {key!r}: only one is read; merge the two lists into one")
    for key, pos in root.keys.items():
        if key != "places":
            ck.warn(pos, f"unknown top-level key {key!r} (ignored){_suggest(key, ['places'])}")
    entries = root.items["places"]
    if isinstance(entries, YScalar) and entries.tag.endswith(":null"):
        entries = YSeq([], entries.line, entries.column)
    if not isinstance(entries, YSeq):
        ck.err(entries, "'places' must be a list of places, each starting with '- id: ...'")
        return [], ck.issues
    for index, entry in enumerate(entries.items):
        place = _check_entry(ck, entry, index)
        if place is not None:
            places.append((place, entry))
    return places, ck.issues


def _where(place: Place, here: str) -> str:
    """``line 12`` in the same file, ``armenia.yaml:12`` in another."""
    return f"line {place.line}" if place.file == here else f"{Path(place.file).name}:{place.line}"


def validate_gazetteer(path: str | Path, text: str | None = None, *,
                       overrides: dict[str | Path, str] | None = None) -> tuple[list[Place], list[Issue]]:
    """Check a gazetteer file or folder. Returns the places that passed and
    every issue found (errors, then warnings, each by file then line). Never raises
    for bad content. ``text`` is the content of a one-file gazetteer, if
    already read; ``overrides`` maps files of a folder to their content (what
    a write is about to put there)."""
    folder = Path(path).is_dir()
    files = gazetteer_files(path)
    if folder and not files:
        return [], [error(path, 0, 0, "the folder has no gazetteer files (*.yaml); "
                          "add one starting with 'places:'")]
    given = {str(k): v for k, v in (overrides or {}).items()}
    if text is not None and not folder:
        given[str(path)] = text
    texts = _texts(files, given)
    if texts is None:  # a file that cannot be read: validation says so, uncached
        return _validate_files(files, given)
    from . import gazcache

    key = gazcache.cache_key(path, [(str(f), texts[str(f)]) for f in files])
    found = gazcache.load(key)
    if found is not None:
        return found
    places, issues = _validate_files(files, texts)
    gazcache.save(key, places, issues)
    return places, issues


def _texts(files: list[Path], given: dict[str, str]) -> dict[str, str] | None:
    """The text of every file (``given`` first, else read), or None if one
    cannot be read or decoded."""
    texts = {}
    for file in files:
        text = given.get(str(file))
        if text is None:
            data, problem = read_user_bytes(file, what="gazetteer")
            if problem is None:
                text, problem = decode_text(data, file)
            if problem is not None:
                return None
        texts[str(file)] = text
    return texts


def _validate_files(files: list[Path], given: dict[str, str]) -> tuple[list[Place], list[Issue]]:
    places: list[Place] = []
    issues: list[Issue] = []
    seen: dict[str, Place] = {}
    for file in files:
        file_places, file_issues = _validate_file(str(file), given.get(str(file)))
        ck = _Checker(str(file))
        for place, entry in file_places:
            if place.id in seen:
                ck.err(entry.items["id"], f"duplicate id {place.id!r}: already used by the place at "
                       f"{_where(seen[place.id], str(file))}")
                continue
            seen[place.id] = place
            places.append(place)
        issues.extend(file_issues + ck.issues)
    # Names shared between places make links ambiguous.
    owner: dict[str, Place] = {}
    for place in places:
        for name in dict.fromkeys(fold_phrase(n) for n in place.names):
            other = owner.get(name)
            if other is None:
                owner[name] = place
            elif other.id != place.id:
                issues.append(warning(place.file, place.line, 0,
                                      f"name or alias {name!r} of {place.id!r} is also a name of {other.id!r} "
                                      f"({_where(other, place.file)}); with the reference gazetteer each mention is "
                                      f"decided from its context, without it mentions go to {other.id!r}"))
    order = {str(f): i for i, f in enumerate(files)}
    # Errors first (they stop loading), then warnings; each by file, then line.
    return places, sorted(issues, key=lambda i: (not i.is_error, order.get(str(i.path), -1), i.line, i.column))


def load_gazetteer(path: str | Path, text: str | None = None, *,
                   overrides: dict[str | Path, str] | None = None) -> Gazetteer:
    """Load a gazetteer file or folder; raise :class:`GazetteerError` if it
    has any error."""
    places, issues = validate_gazetteer(path, text, overrides=overrides)
    if any(i.is_error for i in issues):
        raise GazetteerError(path, issues)
    files = tuple(str(f) for f in gazetteer_files(path))
    return Gazetteer(str(path), tuple(places), tuple(issues), files)
