"""Build the map of a view: pure Python, data in, HTML out.

A :class:`MapView` says what to show (documents, places, selection, centre
and zoom). :func:`view_payload` turns it into the JSON data the page needs —
places with mention counts, their passages with mentions marked, corpus and
gazetteer metadata — and :func:`build_map` into the HTML page:

* a Leaflet map with no tile layer by default: the offline vector basemap
  (``resources/basemap``) is the default base layer; online tile layers are
  optional base layers in the layer control;
* places, line/area geometries, labels, the selection and the explorer side
  panel are drawn by ``resources/web/explorer.js`` from the embedded JSON —
  one marker object per place made in the page, never a script statement
  per place, and for views of many places circles on one canvas, so a
  5,000-place view stays fast to build and render (no place is ever hidden
  in a cluster);
* every script and stylesheet is local: inlined (``assets="inline"``, a file
  that works anywhere, forever), or from CDNs (``assets="cdn"``, smaller,
  needs the network). The page never needs jQuery or Bootstrap.

Text from the corpus and gazetteer reaches the page only as JSON inside
``<script type="application/json">`` with ``<``, ``>``, ``&``, U+2028 and
U+2029 escaped, and the page inserts it with DOM text nodes, never as HTML.
"""

from __future__ import annotations

import base64
import datetime as _dt
import json
import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from . import __version__
from .corpus import display_span, display_text
from .errors import CaucasusmapError, UnknownPlaceError
from .index import Index
from .naming import TEXT, NamingError, check_naming, display_name
from .paths import BASEMAP, WEB
from .review import VIEW_STATUSES
from .viewfilters import ORIGINS, ViewRows, document_date

__all__ = ["PASSAGES_PER_PLACE", "PASSAGES_IN_FILE", "fair_cap", "PLACE_DEFAULTS", "page_data",
           "MapView", "view_payload", "view_places", "build_map", "render_map", "KIND_COLORS", "safe_json", "ViewError",
           "marker_diameter", "fit_bounds", "asset_html", "great_circle_km", "load_basemap"]

KIND_COLORS = {
    "country": "#6a3d9a", "region": "#b15928", "province": "#cab2d6", "district": "#fb9a99",
    "city": "#e31a1c", "town": "#ff7f00", "village": "#fdbf6f", "site": "#33a02c",
    "border-crossing": "#17becf", "bridge": "#9edae5", "dam": "#b2df8a", "river": "#1f78b4",
    "lake": "#6baed6", "sea": "#08519c", "corridor": "#d62728", "mountain": "#8c564b",
    "pass": "#c49c94", "pipeline": "#7f7f7f",
}
"""One colour per place kind (legend and markers)."""

LABELLED = 14
"""How many of the most mentioned places carry a permanent label."""

CDN = {
    "leaflet.js": "https://unpkg.com/leaflet@1.9.3/dist/leaflet.js",
    "leaflet.css": "https://unpkg.com/leaflet@1.9.3/dist/leaflet.css",
}


class ViewError(CaucasusmapError, ValueError):
    """Raised when a view names a document or place the index does not have."""


@dataclass(frozen=True)
class MapView:
    """What a map shows. ``documents``/``places`` of None mean all;
    ``selected`` are place ids; ``passage`` a passage id whose places are
    highlighted; ``center`` (lat, lon) and ``zoom`` override the fitted view;
    ``naming`` says which of a place's names is shown (:mod:`caucasusmap.naming`)."""

    documents: tuple[str, ...] | None = None
    places: tuple[str, ...] | None = None
    selected: tuple[str, ...] = ()
    passage: str | None = None
    center: tuple[float, float] | None = None
    zoom: int | None = None
    hide_references: bool = False
    title: str = ""
    naming: str = "en"
    # Further view filters (see viewfilters.py; None: no restriction).
    origins: tuple[str, ...] | None = None          # place origins shown: "curated", "reference"
    time_range: tuple[str | None, str | None] | None = None  # document dates, ISO prefixes, inclusive
    statuses: tuple[str, ...] | None = None         # mention review statuses shown

    def check(self, index: Index) -> None:
        """Raise :class:`ViewError` for ids the index does not know."""
        try:
            check_naming(self.naming)
        except NamingError as exc:
            raise ViewError(str(exc)) from None
        docs = index.corpus.by_id
        for d in self.documents or ():
            if d not in docs:
                raise ViewError(f"no document has the id {d!r}; documents: {', '.join(docs)}")
        for p in (*(self.places or ()), *self.selected):
            if p not in index.gazetteer.by_id:
                raise UnknownPlaceError(f"no place has the id {p!r}; 'caucasusmap places' lists them")
        if self.passage is not None and self.passage not in index.passages:
            raise ViewError(f"no passage has the id {self.passage!r}")
        if self.center is not None:
            lat, lon = self.center
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ViewError(f"centre {lat},{lon} is not a latitude,longitude")
        if self.zoom is not None and not 0 <= self.zoom <= 19:
            raise ViewError(f"zoom {self.zoom} is out of range 0–19")
        for origin in self.origins or ():
            if origin not in ORIGINS:
                raise ViewError(f"place origin {origin!r} is not one of {', '.join(ORIGINS)}")
        for status in self.statuses or ():
            if status not in VIEW_STATUSES:
                raise ViewError(f"mention status {status!r} is not one of {', '.join(VIEW_STATUSES)}")
        if self.time_range is not None:
            if len(self.time_range) != 2:
                raise ViewError(f"a time range is (start, end), not {self.time_range!r}")
            for bound in self.time_range:
                if bound is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(bound)):
                    raise ViewError(f"time range bound {bound!r} is not a date such as 2020 or 2020-09-27")


def safe_json(data: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element and a JS string
    context: ``<``, ``>``, ``&``, U+2028 and U+2029 are escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# ---------------------------------------------------------------------------
# The data of a view

def great_circle_km(lat1, lon1, lat2, lon2):
    """Great-circle (haversine, mean Earth radius) distance in km; any
    argument may be a numpy array. Within ~0.5% of the geodesic distance."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
    return 6371.0088 * 2 * np.arcsin(np.sqrt(np.minimum(1.0, a)))


def fit_bounds(lats: np.ndarray, lons: np.ndarray, weights: np.ndarray, radius_km: float = 900.0):
    """Bounds [[south, west], [north, east]] around the weighted centre of the
    places, leaving out far-away outliers (the United States in a corpus about
    the Caucasus) so the default view shows where the texts mostly are."""
    if not len(lats):
        return None
    order = np.argsort(lats)
    cum = np.cumsum(weights[order])
    lat_c = lats[order][np.searchsorted(cum, cum[-1] / 2)]
    order = np.argsort(lons)
    cum = np.cumsum(weights[order])
    lon_c = lons[order][np.searchsorted(cum, cum[-1] / 2)]
    near = great_circle_km(lat_c, lon_c, lats, lons) <= radius_km
    if near.sum() < 2:
        near = np.ones(len(lats), dtype=bool)
    return [[float(lats[near].min()), float(lons[near].min())], [float(lats[near].max()), float(lons[near].max())]]


def _shown_places(index: Index, view: MapView):
    """The view's mention rows, per-place counts, and the places it shows
    (mentioned in the view, or selected), most mentioned first."""
    view.check(index)
    places = index.gazetteer.places
    vr = ViewRows(index, view)
    counts, doc_counts = vr.mentions, vr.documents
    selected = {index.place_position(p) for p in view.selected}
    shown = np.flatnonzero(counts > 0).tolist()
    shown += sorted(i for i in selected if i is not None and counts[i] == 0)
    # Most mentioned first, so labels and drawing order favour them.
    shown.sort(key=lambda i: (-counts[i], places[i].name.casefold()))
    return vr, counts, doc_counts, shown


def _place_records(places, shown, counts, doc_counts, naming: str = "en",
                   text: dict[str, str] | None = None) -> list[dict[str, Any]]:
    records = []
    text = text or {}
    for k, i in enumerate(shown):
        p = places[i]
        records.append({
            "id": p.id, "name": display_name(p, naming, text.get(p.id)), "kind": p.kind, "lat": p.lat, "lon": p.lon,
            "count": int(counts[i]), "docs": int(doc_counts[i]), "aliases": list(p.aliases),
            "names": [list(n) for n in p.lang_names], "english": p.name,
            "note": p.note, "geometry": p.geometry,
            # reference places (issue 8): drawn and listed apart, with their GeoNames link
            "links": dict(p.links) or ({"geonames": str(p.geonames)} if p.geonames else {}),
            "origin": p.origin,
            "label": bool(k < LABELLED and counts[i] > 0),
        })
    return records


def view_places(index: Index, view: MapView = MapView()) -> list[dict[str, Any]]:
    """The places of ``view`` with their mention and document counts — the
    ``places`` part of :func:`view_payload`, without building passages."""
    vr, counts, doc_counts, shown = _shown_places(index, view)
    return _place_records(index.gazetteer.places, shown, counts, doc_counts, view.naming, _text(index, view, vr))


def _text(index: Index, view: MapView, vr: ViewRows) -> dict[str, str] | None:
    """The texts' own forms, when the view's naming asks for them."""
    return index.text_names(vr.rows) if view.naming == TEXT else None


PASSAGES_PER_PLACE = 200
"""Passages of each place an exported explorer carries (the first, in corpus
order; the page says how many there are in all). Keeps the file of a large
corpus usable: every place is there with its true counts."""

PASSAGES_IN_FILE = 20_000
"""The most passages the per-place caps may add up to in one exported
explorer: a view of thousands of places takes fewer of each place's first
passages (the same number for every place), so the file's size follows
neither the corpus nor the gazetteer."""


def fair_cap(totals: list[int], cap: int, budget: int | None) -> int:
    """The largest ``c <= cap`` (at least 1) for which taking the first ``c``
    of each place's passages (``totals`` of them) picks at most ``budget``."""
    t = np.asarray(totals, dtype=np.int64)
    if budget is None or int(np.minimum(t, cap).sum()) <= budget:
        return cap
    lo, hi = 1, cap  # sum(min(t, c)) grows with c: the largest c within the budget
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if int(np.minimum(t, mid).sum()) <= budget:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _place_documents(index: Index, vr: ViewRows, shown: list[int]) -> list[list[int]]:
    """Per shown place, its documents in the view and their mentions as one
    flat list ``[document, mentions, document, mentions, …]``: what the page's
    own time filter recounts from, with no passage needed."""
    t = index.table
    n_docs = max(len(index.corpus.documents), 1)
    if not vr._masks:
        per_place = _documents_of_places(index.structure, len(index.gazetteer.places))
        return [per_place[i] for i in shown]
    rows = vr.rows
    keys, counts = np.unique(np.asarray(t.place[rows]) * n_docs + np.asarray(t.document[rows]), return_counts=True)
    by_place: dict[int, list[int]] = {}
    for key, n in zip(keys.tolist(), counts.tolist()):
        by_place.setdefault(key // n_docs, []).extend((key % n_docs, n))
    return [by_place.get(i, []) for i in shown]


_CHUNK = 1 << 22
"""(place, passage) pairs read at a time by :func:`_documents_of_places`."""


def _documents_of_places(s, n_places: int) -> list[list[int]]:
    """Every place's ``[document, mentions, …]`` from the stored place →
    passages columns, without a loop over places: a place's passages are in
    corpus order, so its passages of one document are one run, summed at once
    (a few million pairs at a time)."""
    bp_start = np.asarray(s["bp_start"], dtype=np.int64)
    bp_passage, bp_count, p_doc = s["bp_passage"], s["bp_count"], s["p_doc"]
    out: list[list[int]] = []
    lo = 0
    while lo < n_places:
        hi = max(lo + 1, int(np.searchsorted(bp_start, bp_start[lo] + _CHUNK, side="right")) - 1)
        hi = min(hi, n_places)
        a, b = int(bp_start[lo]), int(bp_start[hi])
        starts = bp_start[lo:hi + 1] - a
        if b == a:
            out.extend([] for _ in range(hi - lo))
            lo = hi
            continue
        docs = np.asarray(p_doc[np.asarray(bp_passage[a:b])])
        run = np.ones(b - a, dtype=bool)
        run[1:] = docs[1:] != docs[:-1]
        run[starts[:-1][starts[:-1] < b - a]] = True  # each place starts a run
        first = np.flatnonzero(run)
        sums = np.add.reduceat(np.asarray(bp_count[a:b], dtype=np.int64), first)
        flat = np.column_stack([docs[first], sums]).ravel().tolist()
        bounds = (2 * np.searchsorted(first, starts)).tolist()
        out.extend(flat[bounds[k]:bounds[k + 1]] for k in range(hi - lo))
        lo = hi
    return out


def view_payload(index: Index, view: MapView = MapView(), *, exported: _dt.datetime | None = None,
                 passages: str | int = "all", budget: int | None = None) -> dict[str, Any]:
    """Everything the page needs for ``view``, as JSON-ready data.

    ``passages`` says which passages the page carries: ``"all"`` of the
    view, ``"none"`` (the app's map, whose passages panel asks the index), or
    a number: at most that many per place, the first in corpus order
    (``passageTotals`` then gives each place's full count; with ``budget``,
    fewer of each when they would add up to more, see :func:`fair_cap`;
    ``passagesPerPlace`` says how many)."""
    t = index.table
    documents = index.corpus.documents
    doc_pos = {d.id: i for i, d in enumerate(documents)}
    places = index.gazetteer.places
    place_pos = {p.id: i for i, p in enumerate(places)}
    # The page gets every passage of the view whatever its date, and applies
    # the time range itself, so its time filter can widen it again.
    view.check(index)
    vr, counts, doc_counts, shown = _shown_places(index, replace(view, time_range=None))
    out_index = {pi: k for k, pi in enumerate(shown)}

    # Passages of the view, in corpus order, with every shown place marked.
    totals, cap = [], None
    if passages == "none":
        chosen = np.empty(0, dtype=np.int64)
    elif passages == "all":
        chosen = np.unique(np.asarray(t.passage[vr.rows]))
    else:
        found = [vr.passage_rows([places[i].id], "any")[0] for i in shown]
        totals = [len(rows_i) for rows_i in found]
        cap = fair_cap(totals, int(passages), budget)
        picked = [rows_i[:cap] for rows_i in found]
        chosen = np.unique(np.concatenate(picked)) if picked else np.empty(0, dtype=np.int64)
    mention_mask = vr._masks.get("mention")
    statuses = t.statuses  # each mark carries its review status: the page shows checked ones as the app does
    out_passages = []
    place_passages: list[list[int]] = [[] for _ in shown]
    passage_out_index: dict[str, int] = {}
    for pi in chosen.tolist():
        passage = index.passage_list[pi]
        doc = documents[doc_pos[passage.document]]
        text, origin = display_text(doc.text, passage.start, passage.end, markup=doc.markup)
        marks = []
        for r in index.mention_rows_in(pi):
            if mention_mask is not None and not mention_mask[r]:
                continue
            place = int(t.place[r])
            k = out_index.get(place)
            if k is None or not vr.place_mask[place]:
                continue
            a, b = display_span(origin, int(t.start[r]), int(t.end[r]))
            if b > a:
                marks.append([a, b, k, int(statuses[r])])
        n = len(out_passages)
        passage_out_index[passage.id] = n
        for k in dict.fromkeys(m[2] for m in marks):
            place_passages[k].append(n)
        out_passages.append({
            "id": passage.id, "doc": doc_pos[passage.document], "n": passage.number,
            "section": passage.section, "kind": passage.kind, "ref": passage.is_reference,
            "page": doc.page_label(passage.page), "text": text, "marks": marks,
        })

    lats = np.array([places[i].lat for i in shown], dtype=float)
    lons = np.array([places[i].lon for i in shown], dtype=float)
    weights = np.array([max(int(counts[i]), 1) for i in shown], dtype=float)
    out_places = _place_records(places, shown, counts, doc_counts, view.naming, _text(index, view, vr))
    used_docs = sorted(view.documents) if view.documents is not None else [d.id for d in documents]
    exported = exported or _dt.datetime.now(_dt.UTC).replace(microsecond=0)
    highlight = []
    if view.passage is not None:
        highlight = [out_index[place_pos[p]] for p in index.places_in(view.passage) if place_pos[p] in out_index]
    return {
        "meta": {
            "title": view.title or "Places in the corpus",
            "generator": f"caucasusmap {__version__}",
            "exported": exported.isoformat(),
            "documents": [
                {"id": d.id, "title": d.title, "authors": list(d.authors), "year": d.year, "venue": d.venue,
                 "date": document_date(d), "file": Path(d.path).name, "shown": d.id in used_docs}
                for d in documents
            ],
            "gazetteer": {"file": Path(index.gazetteer.path).name, "places": len(places)},
            "filters": {
                "documents": list(view.documents) if view.documents is not None else None,
                "places": list(view.places) if view.places is not None else None,
                "hideReferences": view.hide_references,
                "naming": view.naming,
                "origins": list(view.origins) if view.origins is not None else None,
                "timeRange": list(view.time_range) if view.time_range is not None else None,
                "statuses": list(view.statuses) if view.statuses is not None else None,
            },
            "mentions": int(np.sum(counts)),
        },
        "kinds": {k: KIND_COLORS.get(k, "#555555") for k in dict.fromkeys(places[i].kind for i in shown)},
        "places": out_places,
        "passages": out_passages,
        "placePassages": place_passages,
        "passageTotals": totals or None,
        "passagesPerPlace": cap,
        "placeDocs": _place_documents(index, vr, shown) if passages != "all" else None,
        "selected": [out_index[place_pos[p]] for p in view.selected if place_pos[p] in out_index],
        "passage": passage_out_index.get(view.passage) if view.passage else None,
        "highlight": highlight,
        "fit": fit_bounds(lats[weights > 0], lons[weights > 0], weights) if shown else None,
        "center": list(view.center) if view.center else None,
        "zoom": view.zoom,
        "timeRange": list(view.time_range) if view.time_range else None,
    }


# ---------------------------------------------------------------------------
# Assets

@lru_cache(maxsize=1)
def _asset_files() -> dict[str, Path]:
    import xstatic.pkg.leaflet as leaflet

    lf = Path(leaflet.BASE_DIR)
    return {
        "leaflet.js": lf / "leaflet.js", "leaflet.css": lf / "leaflet.css",
        "explorer.js": WEB / "explorer.js", "explorer.css": WEB / "explorer.css",
    }


def _inline_css(path: Path) -> str:
    """A stylesheet with its relative ``url(images/x.png)`` turned into data URIs."""
    css = path.read_text(encoding="utf-8")

    def data_uri(m: re.Match) -> str:
        target = path.parent / m.group(2)
        if not target.is_file():
            return m.group(0)
        mime = "image/png" if target.suffix == ".png" else "image/svg+xml"
        return f"url({m.group(1)}data:{mime};base64,{base64.b64encode(target.read_bytes()).decode()}{m.group(1)})"

    return re.sub(r"""url\((['"]?)(?!data:|https?:|#)([^'")]+)\1\)""", data_uri, css)


def _script(js: str) -> str:
    """An inline <script>. Its body must not contain "</script", "<script"
    or "<!--" (which change how HTML parses a script); our assets do not, and
    this refuses any that would."""
    if re.search(r"</?script|<!--", js, re.IGNORECASE):
        raise ValueError("inline script contains '<script', '</script' or '<!--'")
    return "<script>" + js + "</script>"


@lru_cache(maxsize=4)
def asset_html(assets: str) -> str:
    """The <style>/<script> elements every page needs, inline or from CDNs."""
    files = _asset_files()
    parts = []
    for name in ("leaflet.css",):
        if assets == "cdn":
            parts.append(f'<link rel="stylesheet" href="{CDN[name]}">')
        else:
            parts.append(f"<style>{_inline_css(files[name])}</style>")
    parts.append(f"<style>{files['explorer.css'].read_text(encoding='utf-8')}</style>")
    for name in ("leaflet.js",):
        if assets == "cdn":
            parts.append(f'<script src="{CDN[name]}"></script>')
        else:
            parts.append(_script(files[name].read_text(encoding="utf-8")))
    parts.append(_script(files["explorer.js"].read_text(encoding="utf-8")))
    return "\n".join(parts)


@lru_cache(maxsize=2)
def load_basemap(path: Path = BASEMAP, *, relief: bool = True) -> dict | None:
    """The offline basemap (``resources/basemap/basemap.json``, built by
    ``scripts/build_basemap.py``) with its relief image as a data URI in
    ``relief.image``; None if the file is missing or damaged (the page then
    shows places on a plain background and says nothing is wrong with them)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    rel = data.get("relief") or {}
    image = path.parent / rel.get("file", "")
    if relief and rel.get("file") and image.is_file():
        rel["image"] = "data:image/webp;base64," + base64.b64encode(image.read_bytes()).decode("ascii")
    else:
        data.pop("relief", None)
    return data


def _basemap() -> dict | None:
    return load_basemap(BASEMAP)


@lru_cache(maxsize=1)
def _basemap_json() -> str:
    """The basemap as the page carries it (0.7 MiB: encoded once)."""
    return safe_json(_basemap())


# ---------------------------------------------------------------------------
# The page

ONLINE_LAYERS = (
    ("OpenStreetMap", "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
     '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors', 19),
    ("OpenTopoMap", "https://{s}.tile.opentopomap.org/{z}/{x}/{y}.png",
     'Map data &copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors, '
     'SRTM | Style &copy; <a href="https://opentopomap.org">OpenTopoMap</a> (CC-BY-SA)', 17),
)


OFFLINE_BASE = "Basemap (offline)"
PLACES_LAYER = "Places"
SHAPES_LAYER = "Rivers, corridors, regions"
"""The names of the page's own layers in its layer control."""


PLACE_DEFAULTS: dict[str, Any] = {"aliases": [], "names": [], "note": "", "geometry": None, "links": {},
                                  "origin": "curated", "label": False}
"""Values a place's record has unless it says otherwise: the page's copy of
:func:`view_payload` leaves them out (and ``english`` when it is the shown
name), and ``explorer.js`` puts them back — a view of 20,000 places is then
a third of the size to write, send, parse and keep."""


def page_data(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` (a :func:`view_payload`) as the page carries it: each place
    without the fields that have their default value (:data:`PLACE_DEFAULTS`)."""
    defaults = PLACE_DEFAULTS
    places = [{k: v for k, v in p.items()
               if not (v == defaults[k] if k in defaults else k == "english" and v == p["name"])}
              for p in data["places"]]
    return {**data, "places": places}


def build_map(index: Index, view: MapView = MapView(), *, assets: str = "inline", explorer: bool = True,
              online_layers: bool = True, payload: dict | None = None, passages: str | int | None = None) -> str:
    """The complete HTML page of ``view``: a Leaflet map whose places,
    shapes, labels and panel ``explorer.js`` draws from the embedded JSON.
    ``assets`` is "inline" or "cdn"; ``explorer`` adds the side panel (places
    list, passages, metadata); ``payload`` is a :func:`view_payload` already
    made for this view.

    The page is written from this module's own template: the map, its base
    and overlay layers and the layer control are a few lines of Leaflet;
    building them with folium cost the app importing it (0.3–0.9 s on a
    warm machine, seconds on a cold one) on its way to the first map."""
    if assets not in ("inline", "cdn"):
        raise ValueError(f"assets must be 'inline' or 'cdn', not {assets!r}")
    if passages is None:  # the explorer lists passages (a capped number per place); a bare map needs none
        passages = PASSAGES_PER_PLACE if explorer else "none"
    data = payload if payload is not None else view_payload(index, view, passages=passages,
                                                            budget=PASSAGES_IN_FILE)
    center = data["center"] or [40.0, 46.5]
    options = {"center": center, "zoom": data["zoom"] or 6, "zoomControl": True, "zoomSnap": 1,
               "worldCopyJump": False, "maxZoom": 18, "minZoom": 2}
    tiles = [(f"{name} (online)", url, {"maxZoom": max_zoom, "maxNativeZoom": max_zoom, "attribution": attr})
             for name, url, attr, max_zoom in (ONLINE_LAYERS if online_layers else ())]
    script = "\n".join([
        "(function () {",
        f'  var map = L.map("cm-map", {safe_json(options)});',
        "  L.control.scale().addTo(map);",
        "  var base = L.featureGroup().addTo(map);",
        "  var places = L.featureGroup().addTo(map);",
        "  var shapes = L.featureGroup().addTo(map);",
        f"  var baseLayers = {{{safe_json(OFFLINE_BASE)}: base}};",
        *(f"  baseLayers[{safe_json(name)}] = L.tileLayer({safe_json(url)}, {safe_json(opts)});"
          for name, url, opts in tiles),
        f"  var overlays = {{{safe_json(PLACES_LAYER)}: places, {safe_json(SHAPES_LAYER)}: shapes}};",
        '  L.control.layers(baseLayers, overlays, {position: "topright", collapsed: true}).addTo(map);',
        f"  caucasusmap.init(map, {{base: base, places: places, shapes: shapes}}, "
        f"{{explorer: {'true' if explorer else 'false'}}});",
        "})();",
    ])
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1.0, maximum-scale=1.0, '
        'user-scalable=no">',
        '<meta name="generator" content="caucasusmap">',
        f"<title>{_html_text(data['meta']['title'])} — caucasusmap</title>",
        asset_html(assets),
        # The map fills the page beside the panel (its width is 0 without one).
        "<style>html,body{width:100%;height:100%;margin:0;padding:0}"
        "#cm-map{position:absolute;left:0;top:0;bottom:0;right:var(--cm-panel-width)}"
        ".leaflet-container{font-size:1rem}</style>",
        "</head>",
        "<body>",
        f'<script type="application/json" id="cm-data">{safe_json(page_data(data))}</script>',
        f'<script type="application/json" id="cm-basemap">{_basemap_json()}</script>',
        *(['<aside id="cm-panel" aria-label="Places and passages"></aside>'] if explorer else []),
        '<div id="cm-map"></div>',
        _script(script),
        "</body>",
        "</html>",
        "",
    ])


def _html_text(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def render_map(index: Index, view: MapView = MapView(), **kwargs) -> str:
    """The complete HTML page for ``view`` (see :func:`build_map`)."""
    return build_map(index, view, **kwargs)


def marker_diameter(count: int, max_count: int, smallest: float = 8.0, largest: float = 46.0) -> float:
    """Marker diameter in pixels with its *area* proportional to the count
    (mirrors explorer.js; used by tests)."""
    if max_count <= 0:
        return smallest
    return max(smallest, largest * math.sqrt(count / max_count))

