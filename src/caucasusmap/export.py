"""Export a view: HTML explorer, GeoJSON, Linked Places Format, CSV, TEI, and (via
:mod:`caucasusmap.publish`) a static map as PNG/SVG/PDF, KML and GeoPackage.

Writers share one small registry (:data:`WRITERS`) and one write path,
:func:`write_atomic`: the output goes to a temporary file in the target's
folder and is renamed over the target only when complete, so an existing file
is replaced only on success.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

from .fileio import write_bytes_atomic
from .index import Index
from .maps import MapView, render_map, view_places
from .naming import TEXT, display_names
from .review import STATUSES
from .sanitize import csv_writer
from .viewfilters import view_rows

__all__ = ["WRITERS", "SUFFIXES", "format_for", "export_view",
           "write_atomic", "geojson_collection", "lpf_collection", "mentions_csv"]


def write_atomic(path: str | Path, data: str) -> Path:
    """Write ``data`` (UTF-8) to ``path`` via a temporary file and a rename."""
    return write_bytes_atomic(path, data.encode("utf-8"))


def _feature(p: dict, properties: dict) -> dict:
    geometry = p["geometry"] or {"type": "Point", "coordinates": [p["lon"], p["lat"]]}
    return {"type": "Feature", "id": p["id"], "geometry": geometry, "properties": properties}


def _by_language(names: list) -> dict[str, list[str]]:
    """``[[lang, name], ...]`` as ``{lang: [name, ...]}`` (file order kept)."""
    out: dict[str, list[str]] = {}
    for lang, name in names:
        out.setdefault(lang, []).append(name)
    return out


def geojson_collection(index: Index, view: MapView = MapView()) -> dict:
    """An RFC 7946 FeatureCollection of the view's places (line/area geometry
    where the gazetteer has one, else the point)."""
    features = []
    for p in view_places(index, view):
        features.append(_feature(p, {
            "name": p["name"], "kind": p["kind"], "aliases": p["aliases"],
            "names": _by_language(p["names"]),
            "mentions": p["count"],
            "documents": p["docs"], "lat": p["lat"], "lon": p["lon"], "links": p["links"], "note": p["note"],
            "origin": p["origin"],
        }))
    return {"type": "FeatureCollection", "features": features}


_LINK_BASES = {"geonames": "https://sws.geonames.org/{}/", "wikidata": "http://www.wikidata.org/entity/{}"}


def lpf_collection(index: Index, view: MapView = MapView()) -> dict:
    """The view's places in the Linked Places Format (LPF v1.2, as read by the
    World Historical Gazetteer): a JSON-LD FeatureCollection whose features
    carry ``@id``, ``properties.title``, ``names`` and ``types``, with
    geometries and ``links`` (closeMatch) where known."""
    features = []
    for p in view_places(index, view):
        names = [{"toponym": p["english"], "lang": "en", "citations": [{"label": "caucasusmap gazetteer"}]}]
        names += [{"toponym": n, "lang": lang, "citations": [{"label": "caucasusmap gazetteer"}]}
                  for lang, n in p["names"] if n != p["english"]]
        names += [{"toponym": a, "citations": [{"label": "caucasusmap corpus"}]} for a in p["aliases"]]
        links = [
            {"type": "closeMatch", "identifier": _LINK_BASES[k].format(v)}
            for k, v in p["links"].items() if k in _LINK_BASES
        ]
        geometries = [{"type": "Point", "coordinates": [p["lon"], p["lat"]],
                       "certainty": "certain", "citations": [{"label": "caucasusmap gazetteer"}]}]
        if p["geometry"] and p["geometry"]["type"] != "Point":
            geometries.append({**p["geometry"], "certainty": "less-certain"})
        features.append({
            "@id": f"caucasusmap:{p['id']}",
            "type": "Feature",
            "properties": {"title": p["name"], "ccodes": []},
            "names": names,
            "types": [{"label": p["kind"]}],
            "geometry": {"type": "GeometryCollection", "geometries": geometries},
            "links": links,
            "descriptions": [{"value": p["note"], "lang": "en"}] if p["note"] else [],
        })
    return {
        "type": "FeatureCollection",
        "@context": "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld",
        "features": features,
    }


CSV_FIELDS = ["path", "document", "passage", "start", "end", "surface", "place", "name", "kind", "lat", "lon",
              "section", "is_reference", "page", "status", "origin", "confidence"]


def mentions_csv(index: Index, view: MapView = MapView()) -> str:
    """The view's mentions, one CSV row each."""
    view.check(index)
    t = index.table
    statuses = t.statuses
    docs = index.corpus.documents
    places = index.gazetteer.places
    rows = view_rows(index, view)
    names = display_names(places, view.naming, index.text_names(rows) if view.naming == TEXT else None)
    out = io.StringIO()
    w = csv_writer(out)  # formula injection neutralised (OWASP)
    w.writerow(CSV_FIELDS)
    for r in rows.tolist():
        doc, place = docs[int(t.document[r])], places[int(t.place[r])]
        passage = index.passage_list[int(t.passage[r])]
        a, b = int(t.start[r]), int(t.end[r])
        w.writerow([doc.path, doc.id, passage.id, a, b, doc.text[a:b], place.id, names[place.id], place.kind,
                    place.lat, place.lon, passage.section, passage.is_reference, doc.page_label(doc.page_at(a)),
                    STATUSES[int(statuses[r])], place.origin, round(float(t.confidence[r]), 3)])
    return out.getvalue()


def _html(index: Index, view: MapView, cdn: bool = False, **_) -> str:
    return render_map(index, view, assets="cdn" if cdn else "inline")


def _json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _static(fmt: str):
    def write(index: Index, view: MapView, cdn: bool = False, *, layout: str = "page", dpi: int = 200) -> bytes:
        from .publish import render_static

        return render_static(index, view, fmt, layout=layout, dpi=dpi)
    return write


def _kml(index: Index, view: MapView, cdn: bool = False, **_) -> str:
    from .publish import kml_document

    return kml_document(index, view)


def _gpkg(index: Index, view: MapView, cdn: bool = False, **_) -> bytes:
    from .publish import geopackage_bytes

    return geopackage_bytes(index, view)


WRITERS: dict[str, tuple[str, Callable[..., str | bytes]]] = {
    "html": ("self-contained HTML explorer", _html),
    "geojson": ("RFC 7946 GeoJSON of the view's places",
                lambda index, view, cdn=False, **_: _json(geojson_collection(index, view))),
    "lpf": ("Linked Places Format (World Historical Gazetteer)",
            lambda index, view, cdn=False, **_: _json(lpf_collection(index, view))),
    "csv": ("the view's mentions as CSV", lambda index, view, cdn=False, **_: mentions_csv(index, view)),
    "png": ("map image (PNG) with title, legend, scale bar and sources", _static("png")),
    "svg": ("map as SVG with title, legend, scale bar and sources", _static("svg")),
    "pdf": ("map as PDF with title, legend, scale bar and sources", _static("pdf")),
    "kml": ("KML (Google Earth) of the view's places with their counts", _kml),
    "gpkg": ("GeoPackage (QGIS) of the view's places with their counts", _gpkg),
    "tei": ("TEI P5 XML of the view's documents, <placeName ref> around every mention it keeps",
            lambda index, view, cdn=False, **_: _tei(index, view)),
}
"""Format name -> (description, writer). A writer takes ``(index, view, cdn=False, **options)``
and returns text (written as UTF-8) or bytes; ``layout`` ("page"/"slide") and ``dpi`` are the
static map's options."""

SUFFIXES = {".html": "html", ".htm": "html", ".geojson": "geojson", ".json": "geojson", ".jsonld": "lpf",
            ".csv": "csv", ".png": "png", ".svg": "svg", ".pdf": "pdf", ".kml": "kml", ".gpkg": "gpkg",
            ".xml": "tei", ".tei": "tei"}
"""File suffix -> format, for choosing the format from an output file name."""


def _tei(index: Index, view: MapView) -> str:
    from .exchange import tei_corpus

    return tei_corpus(index, view)


def format_for(path: str | Path, default: str = "html") -> str:
    """The export format a file name asks for (its suffix), else ``default``."""
    return SUFFIXES.get(Path(path).suffix.lower(), default)


def export_view(index: Index, view: MapView, out: str | Path, fmt: str = "html", *, cdn: bool = False,
                **options) -> Path:
    """Write ``view`` to ``out`` in ``fmt`` (see :data:`WRITERS`), atomically.
    ``options`` go to the writer (``layout``, ``dpi`` for png/svg/pdf)."""
    if fmt not in WRITERS:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(WRITERS)}")
    data = WRITERS[fmt][1](index, view, cdn=cdn, **options)
    if isinstance(data, str):
        return write_atomic(out, data)
    return write_bytes_atomic(out, data)
