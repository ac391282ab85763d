"""The reference gazetteer: public place data under the user's YAML.

The user's gazetteer (YAML) is the authority. Underneath it lies a compact
reference of the region and the world (``reference.sqlite``, built by
``scripts/build_reference.py`` from GeoNames and Natural Earth; sources and
licences in the README beside it), so that a corpus the YAML was not written
for gets its places linked from the first run.

Layering (:func:`layer`):

* a reference place that *is* a curated place — the same GeoNames id, or a
  shared name with a compatible kind nearby — is hidden behind it, and its
  spellings become extra names of the curated place (matched under the
  reference rules below);
* every other reference place is a candidate like a curated one, with
  ``origin="reference"``; when names collide the linker decides from the text
  (:mod:`caucasusmap.linking`), curated places first;
* names the user recorded as not places (``not-places.txt`` beside the
  gazetteer) never link from the reference.

Reference names match only where the text capitalises them (in scripts with
case), never inside a person's name ("Sergei Kirov"), and the build keeps no
alias that is a common word or first name (see the build script).
"""

from __future__ import annotations

import functools
import hashlib
import math
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from .model import Place
from .normalize import fold_phrase


def is_acronym(name: str) -> bool:
    """True for a name written in capitals with 2–5 letters (``US``,
    ``U.S.``, ``NKAO``): such names match only capitals in the text."""
    letters = [c for c in name if c.isalpha()]
    return 2 <= len(letters) <= 5 and all(c.isupper() for c in letters)

__all__ = ["Reference", "LayeredNames", "load_reference", "reference_path", "layer", "settlements", "promote",
           "promotable", "promotion_fields",
           "REFERENCE_FILE", "SCHEMA", "SCHEMA_VERSION", "REFERENCE", "CURATED", "kind_class", "importance_of",
           "geonames_id"]

CURATED = "curated"
REFERENCE = "reference"

REFERENCE_FILE = ("reference", "reference.sqlite")
"""Where the built reference ships: ``resources/reference/reference.sqlite``."""

SCHEMA_VERSION = 5
SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places(row INTEGER PRIMARY KEY, id TEXT UNIQUE, name TEXT, kind TEXT, lat REAL, lon REAL,
                    country TEXT, admin1 TEXT, population INTEGER, importance REAL, geonames INTEGER, note TEXT);
CREATE TABLE names(place INTEGER, name TEXT, folded TEXT);
CREATE TABLE first_names(folded TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE common_words(folded TEXT PRIMARY KEY) WITHOUT ROWID;  -- English words (Hunspell en_US), folded
CREATE TABLE turkic_words(folded TEXT PRIMARY KEY) WITHOUT ROWID;  -- settlement names that are Turkic words
CREATE TABLE outlines(country TEXT PRIMARY KEY, wkb BLOB);  -- Natural Earth, clipped to the region, simplified
"""

#: Strings whose folding is recorded at build time: if :func:`fold_phrase`
#: changes, the stored folded names are recomputed on load.
FOLD_PROBES = ("Nagorno-Karabakh", "Şuşa", "İran", "Xankəndi", "آذربایجان", "Ստեփանակերտ", "Степанакерт",
               "ქართლი", "Ağdam", "Zəngilan", "Jolfā", "Naxçıvan")


def reference_path() -> Path | None:
    """The packaged reference database, or None if this installation has none."""
    from . import paths
    from .errors import CaucasusmapError

    try:
        path = paths.resource(*REFERENCE_FILE)
    except CaucasusmapError:
        return None
    return path if path.exists() else None


@dataclass(frozen=True)
class _Data:
    """What :class:`Reference` reads from the database on first use."""

    places: tuple[Place, ...]
    names: tuple[tuple[tuple[str, str], ...], ...]
    importance: tuple[float, ...]
    first_names: frozenset[str]
    outlines: dict[str, bytes]
    common_words: frozenset[str]
    turkic_words: frozenset[str]


class Reference:
    """A reference gazetteer. ``names[i]`` are the (name, folded) pairs of
    ``places[i]``; ``digest`` identifies the data (cache keys).

    The path and digest are read at once, everything else on first use: a
    command that opens a warm store needs only the digest and the few places
    the corpus links to (:meth:`places_of`), not the whole database."""

    def __init__(self, path: str, digest: str, mtime_ns: int, persian_words: dict[str, str] | None = None,
                 dictionary_words: dict[str, frozenset[str]] | None = None):
        self.path, self.digest, self._mtime_ns = path, digest, mtime_ns
        #: Folded one-word Persian-script names that Persian text uses first as
        #: words, each "derived" ("مالی", financial: -ی on a frequent word) or
        #: "word" ("سراب", mirage): ``persian_words.tsv`` beside the database
        #: (``scripts/build_persian_words.py``); see the linker for the rule.
        self.persian_words: dict[str, str] = persian_words or {}
        #: Language ("tr", "fa") -> the folded dictionary words that a name is or
        #: becomes with an ending ("maliye", "تراز"): ``dictionary_words.tsv``
        #: beside the database (``scripts/build_dictionary_words.py``); see the linker.
        self.dictionary_words: dict[str, frozenset[str]] = dictionary_words or {}

    def __repr__(self) -> str:
        return f"Reference(path={self.path!r}, digest={self.digest!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Reference) and (self.path, self.digest) == (other.path, other.digest)

    def __hash__(self) -> int:
        return hash((self.path, self.digest))

    def __bool__(self) -> bool:
        return True  # a reference is given (``if reference:``), without reading it to count its places

    @functools.cached_property
    def _data(self) -> _Data:
        return _read(self.path)

    @property
    def places(self) -> tuple[Place, ...]:
        return self._data.places

    @property
    def names(self) -> tuple[tuple[tuple[str, str], ...], ...]:
        return self._data.names

    @property
    def importance(self) -> tuple[float, ...]:
        return self._data.importance

    @property
    def first_names(self) -> frozenset[str]:
        return self._data.first_names

    @property
    def outlines(self) -> dict[str, bytes]:
        return self._data.outlines

    @property
    def common_words(self) -> frozenset[str]:
        """Folded lower-case English words (the build's Hunspell en_US stems): a
        name that folds onto one links only as it is written (see the linker)."""
        return self._data.common_words

    @property
    def turkic_words(self) -> frozenset[str]:
        """Folded one-word names of settlements that are common Turkish or
        Azerbaijani words ("saray", "adalet"): such a name of a settlement
        links only beside a settlement cue (see the linker)."""
        return self._data.turkic_words

    @functools.cached_property
    def by_id(self) -> dict[str, int]:
        return {p.id: i for i, p in enumerate(self.places)}

    def places_of(self, ids: Sequence[str]) -> list[Place | None]:
        """The places with these ids (None for an id it lacks): from the
        loaded data once it is loaded, else by asking the database for these
        rows alone."""
        if "_data" in self.__dict__ or not ids or len(ids) > 500:  # (SQLite's limit on parameters)
            return [self.place(i) for i in ids]
        con = _connect(self.path)
        try:
            found = _places(con, f"WHERE id IN ({','.join('?' * len(ids))})", tuple(ids))[0]
        finally:
            con.close()
        by_id = {p.id: p for p in found}
        return [by_id.get(i) for i in ids]

    def __len__(self) -> int:
        return len(self.places)

    def place(self, place_id: str) -> Place | None:
        i = self.by_id.get(place_id)
        return None if i is None else self.places[i]

    def country_at(self, lon: float, lat: float) -> str:
        """ISO code of the region's country containing the point ("" if none)."""
        tree = self._outline_tree()
        if tree is None:
            return ""
        import shapely

        hits = tree[0].query(shapely.Point(lon, lat), predicate="intersects")
        return tree[1][int(hits[0])] if len(hits) else ""

    def _outline_tree(self):
        cached = self.__dict__.get("_tree")
        if cached is None and self.outlines:
            import shapely

            codes = sorted(self.outlines)
            geoms = shapely.from_wkb([self.outlines[c] for c in codes])
            cached = (shapely.STRtree(geoms), codes)
            object.__setattr__(self, "_tree", cached)
        return cached

    def by_geonames(self) -> dict[int, int]:
        return {p.geonames: i for i, p in enumerate(self.places) if p.geonames}


def _connect(path: str) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _places(con: sqlite3.Connection, where: str = "", args: tuple = (), refold: bool = False
            ) -> tuple[list[Place], list[tuple[tuple[str, str], ...]], list[float]]:
    """The places of the rows ``where`` selects, in row order, with their
    (name, folded) pairs and importance."""
    rows = con.execute("SELECT row, id, name, kind, lat, lon, country, admin1, population, importance, geonames, "
                       f"note FROM places {where} ORDER BY row", args).fetchall()
    names: dict[int, list[tuple[str, str]]] = {}
    query = "SELECT place, name, folded FROM names ORDER BY rowid" if not where else (
        f"SELECT place, name, folded FROM names WHERE place IN ({','.join('?' * len(rows))}) ORDER BY rowid")
    for row, name, folded in con.execute(query, () if not where else tuple(r[0] for r in rows)):
        names.setdefault(row, []).append((name, fold_phrase(name) if refold else folded))
    places, all_names, importance = [], [], []
    for row, pid, name, kind, lat, lon, country, admin1, pop, imp, gid, note in rows:
        own = names.get(row, [])
        aliases = tuple(dict.fromkeys(n for n, _ in own if n != name))
        places.append(Place(pid, name, kind, lat, lon, aliases, note=note or "", origin=REFERENCE,
                            geonames=gid, population=pop or 0, country=country or "", admin1=admin1 or ""))
        all_names.append(tuple(own))
        importance.append(float(imp))
    return places, all_names, importance


def _read(path: str) -> _Data:
    con = _connect(path)
    try:
        meta = dict(con.execute("SELECT key, value FROM meta"))
        probe = hashlib.sha256("\n".join(fold_phrase(p) for p in FOLD_PROBES).encode()).hexdigest()[:16]
        places, all_names, importance = _places(con, refold=probe != meta.get("fold_probe"))
        first = frozenset(r[0] for r in con.execute("SELECT folded FROM first_names"))
        common = frozenset(r[0] for r in con.execute("SELECT folded FROM common_words"))
        turkic = frozenset(r[0] for r in con.execute("SELECT folded FROM turkic_words"))
        outlines = dict(con.execute("SELECT country, wkb FROM outlines"))
    finally:
        con.close()
    return _Data(tuple(places), tuple(all_names), tuple(importance), first, outlines, common, turkic)


@lru_cache(maxsize=4)
def _load(path: str, mtime_ns: int) -> Reference:
    con = _connect(path)
    try:
        meta = dict(con.execute("SELECT key, value FROM meta"))
    finally:
        con.close()
    if meta.get("schema") != str(SCHEMA_VERSION):
        raise ValueError(f"{path}: reference schema {meta.get('schema')!r}, expected {SCHEMA_VERSION}")
    persian = read_persian_words(Path(path).with_name(PERSIAN_WORDS))
    words = read_dictionary_words(Path(path).with_name(DICTIONARY_WORDS))
    digest = meta.get("inputs", "") + f"/{SCHEMA_VERSION}"
    if persian:
        digest += "/fa:" + hashlib.sha256("\n".join(f"{w}\t{k}" for w, k in sorted(persian.items())).encode()
                                         ).hexdigest()[:12]
    if words:
        digest += "/dict:" + hashlib.sha256("\n".join(f"{lang}\t{w}" for lang in sorted(words)
                                                      for w in sorted(words[lang])).encode()).hexdigest()[:12]
    return Reference(path, digest, mtime_ns, persian, words)


PERSIAN_WORDS = "persian_words.tsv"
"""The Persian common-word names, beside the reference database."""
DICTIONARY_WORDS = "dictionary_words.tsv"
"""The dictionary words names are read into, beside the reference database."""


def read_dictionary_words(path: Path) -> dict[str, frozenset[str]]:
    """``language<TAB>folded word`` lines (``#`` comments) by language; empty
    when the file is missing. Folded again with this version's folding."""
    if not path.exists():
        return {}
    out: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lang, _, word = line.partition("\t")
        folded = fold_phrase(word)
        if folded and lang.strip():
            out.setdefault(lang.strip(), set()).add(folded)
    return {lang: frozenset(ws) for lang, ws in out.items()}


def read_persian_words(path: Path) -> dict[str, str]:
    """``folded name<TAB>derived|word`` lines (``#`` comments); empty when
    the file is missing. The names are folded again with this version's
    folding, as the database's are when its probe differs."""
    if not path.exists():
        return {}
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, _, kind = line.partition("\t")
        folded = fold_phrase(word)
        if folded and kind.strip() in ("derived", "word"):
            out[folded] = kind.strip()
    return out


def load_reference(path: str | Path | None = None) -> Reference | None:
    """Load (once per file version) the reference at ``path`` or the packaged
    one; None when there is none."""
    path = Path(path) if path is not None else reference_path()
    if path is None or not path.exists():
        return None
    return _load(str(path), path.stat().st_mtime_ns)


# ---------------------------------------------------------------------------
# Kinds, importance, identity

_CLASSES = {
    "city": "populated", "town": "populated", "village": "populated",
    "province": "admin", "district": "admin", "region": "admin",
    "country": "country", "lake": "water", "sea": "water", "river": "river", "mountain": "mountain",
    "corridor": "corridor",
}
_SHADOW_KM = {"populated": 30.0, "admin": 150.0, "country": math.inf, "water": 400.0, "river": 400.0,
              "mountain": 120.0, "corridor": 250.0}
_KIND_IMPORTANCE = {"country": 8.0, "sea": 7.5, "region": 6.0, "province": 6.0, "district": 4.8, "city": 5.5,
                    "town": 4.5, "village": 3.5, "river": 5.5, "lake": 5.5, "mountain": 5.0, "corridor": 5.0}


def kind_class(kind: str) -> str:
    """A coarse class of kinds: places of one class can be the same place."""
    return _CLASSES.get(kind, kind)


def importance_of(place: Place) -> float:
    """The prior weight of a place (about log10 of its population): from its
    population when known, else from its kind."""
    if place.population > 0:
        bonus = 1.5 if place.kind == "country" else 0.0
        return math.log10(max(place.population, 100)) + bonus
    return _KIND_IMPORTANCE.get(place.kind, 4.5)


def geonames_id(place: Place) -> int | None:
    """A place's GeoNames id: its own, or the ``geonames`` link of a curated place."""
    if place.geonames:
        return place.geonames
    value = dict(place.links).get("geonames")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _km(a: Place, b: Place) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


# ---------------------------------------------------------------------------
# Layering

@dataclass(frozen=True)
class LayeredNames:
    """The result of :func:`layer`: the candidate places (curated first, in
    file order, then the visible reference places), each place's importance,
    and the reference-rule names to add to each (``extra[i]``: (folded name,
    is an acronym, name as written) triples, matched only where the text
    capitalises them); ``common_words`` as in :class:`Reference`."""

    places: tuple[Place, ...]
    importance: tuple[float, ...]
    extra: tuple[tuple[tuple[str, bool, str], ...], ...]
    n_curated: int
    shadowed: dict[str, str]  # reference id -> curated id hiding it
    first_names: frozenset[str] = frozenset()
    common_words: frozenset[str] = frozenset()
    turkic_words: frozenset[str] = frozenset()
    persian_words: dict[str, str] = field(default_factory=dict)
    dictionary_words: dict[str, frozenset[str]] = field(default_factory=dict)


def layer(curated: Sequence[Place], reference: Reference | None, ignore: Iterable[str] = ()) -> LayeredNames:
    """Put ``reference`` under ``curated`` (see the module docstring)."""
    curated = tuple(curated)
    n = len(curated)
    if reference is None:
        return LayeredNames(curated, tuple(importance_of(p) for p in curated), ((),) * n, n, {})
    ignored = {fold_phrase(x) for x in ignore} - {""}
    by_gid = reference.by_geonames()
    shadow: dict[int, int] = {}  # reference index -> curated index
    for ci, p in enumerate(curated):
        gid = geonames_id(p)
        if gid and gid in by_gid:
            shadow.setdefault(by_gid[gid], ci)
    # Same name, compatible kind, near enough.
    curated_names: dict[str, list[int]] = {}
    for ci, p in enumerate(curated):
        for name in p.names:
            f = fold_phrase(name)
            if f:
                curated_names.setdefault(f, []).append(ci)
    for ri, rp in enumerate(reference.places):
        if ri in shadow:
            continue
        cls = kind_class(rp.kind)
        best: tuple[float, int] | None = None
        for _, f in reference.names[ri]:
            for ci in curated_names.get(f, ()):
                cp = curated[ci]
                if kind_class(cp.kind) != cls:
                    continue
                d = _km(cp, rp)
                if d <= _SHADOW_KM.get(cls, 50.0) and (best is None or d < best[0]):
                    best = (d, ci)
        if best is not None:
            shadow[ri] = best[1]
    # Curated places take the importance and the country of the reference place they hide.
    extra: list[list[tuple[str, bool, str]]] = [[] for _ in curated]
    imp = [importance_of(p) for p in curated]
    curated_out = list(curated)
    for ri, ci in sorted(shadow.items()):
        rp, cp = reference.places[ri], curated_out[ci]
        own = {fold_phrase(x) for x in cp.names}
        # A spelling the YAML gives to another of its places stays that place's:
        # the reference never makes the user's names ambiguous.
        extra[ci].extend((f, is_acronym(n), n) for n, f in reference.names[ri]
                         if f not in own and f not in ignored and f not in curated_names)
        imp[ci] = max(imp[ci], reference.importance[ri])
        if not cp.country or not cp.geonames:
            curated_out[ci] = replace(cp, country=cp.country or rp.country, admin1=cp.admin1 or rp.admin1,
                                      population=cp.population or rp.population)
    # The others' country from the outlines: which side of a border they lie on.
    for ci, cp in enumerate(curated_out):
        if not cp.country and kind_class(cp.kind) in ("populated", "admin", "mountain", "corridor") or \
                (not cp.country and cp.kind in ("site", "border-crossing", "bridge", "dam")):
            iso = reference.country_at(cp.lon, cp.lat)
            if iso:
                curated_out[ci] = replace(cp, country=iso)
    places = list(curated_out)
    extras = [tuple(dict.fromkeys(e)) for e in extra]
    for ri, rp in enumerate(reference.places):
        if ri in shadow:
            continue
        names = tuple((f, is_acronym(n), n) for n, f in reference.names[ri] if f not in ignored)
        if not names:
            continue
        places.append(rp)
        imp.append(reference.importance[ri])
        extras.append(names)
    shadowed = {reference.places[ri].id: curated[ci].id for ri, ci in shadow.items()}
    return LayeredNames(tuple(places), tuple(imp), tuple(extras), n, shadowed, reference.first_names,
                        reference.common_words, reference.turkic_words, reference.persian_words,
                        reference.dictionary_words)


# ---------------------------------------------------------------------------
# For the map

def settlements(bbox: tuple[float, float, float, float] | None = None, min_population: int = 10_000,
                reference: Reference | None = None) -> list[Place]:
    """Populated places of the reference inside ``bbox`` (lon_min, lat_min,
    lon_max, lat_max) with at least ``min_population`` people, largest first:
    labels for a basemap. Empty when no reference is installed."""
    reference = reference or load_reference()
    if reference is None:
        return []
    out = [p for p in reference.places if kind_class(p.kind) == "populated" and p.population >= min_population
           and (bbox is None or (bbox[0] <= p.lon <= bbox[2] and bbox[1] <= p.lat <= bbox[3]))]
    out.sort(key=lambda p: (-p.population, p.name))
    return out


# ---------------------------------------------------------------------------
# Promotion: a reference place becomes the user's

_SCRIPT_ORDER = ("LATIN", "CYRILLIC", "ARMENIAN", "GEORGIAN", "ARABIC")


def _script_rank(name: str) -> int:
    import unicodedata

    for ch in name:
        if ch.isalpha():
            try:
                script = unicodedata.name(ch).split()[0]
            except ValueError:
                break
            return _SCRIPT_ORDER.index(script) if script in _SCRIPT_ORDER else len(_SCRIPT_ORDER)
    return len(_SCRIPT_ORDER)


def promotion_fields(place: Place, taken_ids: Iterable[str] = ()) -> dict:
    """The gazetteer entry (fields for :func:`caucasusmap.gazwriter.add_place`)
    that makes reference ``place`` a curated one: its names (Latin first,
    then the other scripts), kind, point, GeoNames link and a note naming
    the source. The id is made from the name, unique among ``taken_ids``."""
    from .gazetteer import slugify

    taken = set(taken_ids)
    base = slugify(place.name)
    pid = base
    for candidate in (base, f"{base}-{place.country.lower()}" if place.country else "",
                      f"{base}-{place.geonames}" if place.geonames else "", f"{base}-reference"):
        if candidate and candidate not in taken:
            pid = candidate
            break
    aliases = sorted(dict.fromkeys(a for a in place.aliases if a != place.name), key=_script_rank)
    source = (f"GeoNames {place.geonames} (CC BY 4.0)" if place.geonames
              else "the reference gazetteer's own table (point approximate)")
    note = f"Promoted from the reference gazetteer: {source}."
    if place.note:
        note += f" {place.note}"
    fields = {"id": pid, "name": place.name, "aliases": aliases, "kind": place.kind, "lat": place.lat,
              "lon": place.lon, "note": note}
    if place.geonames:
        fields["links"] = {"geonames": str(place.geonames)}
    return fields


def promotable(index, min_mentions: int = 1) -> list[tuple[Place, int]]:
    """Reference places of ``index`` mentioned at least ``min_mentions``
    times, most mentioned first."""
    out = [(p, index.mention_count(p.id)) for p in index.gazetteer.places if p.from_reference]
    out = [(p, n) for p, n in out if n >= min_mentions]
    out.sort(key=lambda t: (-t[1], t[0].name))
    return out


def promote(gazetteer_path: str | Path, places: Sequence[Place], *, into: str | None = None) -> list[tuple[str, int]]:
    """Write each reference place of ``places`` into the user's gazetteer
    (through the byte-preserving writer: comments, order and style kept; a
    backup and an undo step per place). Returns (new id, line) pairs."""
    from .gazetteer import load_gazetteer
    from .gazwriter import open_gazetteer

    gazetteer = open_gazetteer(gazetteer_path)
    taken = {p.id for p in load_gazetteer(gazetteer_path).places}
    written = []
    for place in places:
        if not place.from_reference:
            continue
        fields = promotion_fields(place, taken)
        line = gazetteer.add_place(fields, into) if into else gazetteer.add_place(fields)
        taken.add(fields["id"])
        written.append((fields["id"], line))
    return written
