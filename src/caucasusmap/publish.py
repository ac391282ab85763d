"""Publish a view: a static map (PNG, SVG, PDF) laid out for a page or a slide,
and the view's places for GIS tools (KML for Google Earth, GeoPackage for QGIS).

The static map is drawn with matplotlib from the same data as the page — the
offline basemap (:mod:`caucasusmap.basemap`), the view's places and counts
(:func:`caucasusmap.maps.view_places`) — in Web Mercator, so it matches what
the app and the exported HTML show: title, legend, scale bar, attribution and
a source note (documents, gazetteer, date range, export date). One renderer
serves the app and ``caucasusmap export --format png|svg|pdf``.

matplotlib, simplekml and pyogrio are the ``publish`` extra
(``pip install 'caucasusmap[publish]'``); without them these writers raise
:class:`~caucasusmap.errors.MissingLibraryError` naming the command to run.
"""

from __future__ import annotations

import datetime as _dt
import io
import math
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import __version__
from .basemap import Basemap, basemap
from .errors import MissingLibraryError
from .index import Index
from .maps import KIND_COLORS, MapView, fit_bounds, view_places

__all__ = ["LAYOUTS", "Layout", "render_static", "kml_document", "geopackage_bytes", "STATIC_FORMATS"]

STATIC_FORMATS = ("png", "svg", "pdf")


@dataclass(frozen=True)
class Layout:
    """Paper size in inches and the share of it the map takes."""

    name: str
    width: float
    height: float
    font: float  # base font size in points


LAYOUTS = {
    # A4 portrait text block (170 mm x 200 mm): a figure in a paper.
    "page": Layout("page", 6.69, 7.87, 8.0),
    # 16:9 slide (13.33 in x 7.5 in), larger type to be read from the back of a room.
    "slide": Layout("slide", 40 / 3, 7.5, 13.0),
}


def _need(module: str, extra: str = "publish"):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingLibraryError(
            f"{module.split('.')[0]} is needed for this export format; install it with "
            f"pip install 'caucasusmap[{extra}]'") from None


def _merc(lat):
    """Web Mercator northing in degrees (so a degree of longitude is one unit)."""
    lat = np.clip(np.asarray(lat, dtype=float), -85.0, 85.0)
    return np.degrees(np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)))


def _unmerc(y):
    return np.degrees(2 * np.arctan(np.exp(np.radians(y))) - np.pi / 2)


def _extent(view: MapView, places: list[dict], aspect: float, map_px: float) -> tuple[float, float, float, float]:
    """(x0, x1, y0, y1) in Mercator degrees with the axes' aspect (w/h): the
    view's centre and zoom when given (as the app shows it), else the bounds
    the page fits."""
    if view.center is not None and view.zoom is not None:
        lat, lon = view.center
        span = map_px * 360.0 / (256.0 * 2**view.zoom)
        cx, cy = lon, float(_merc(lat))
        w = span
    else:
        if places:
            lats = np.array([p["lat"] for p in places])
            lons = np.array([p["lon"] for p in places])
            weights = np.array([max(p["count"], 1) for p in places], dtype=float)
            (s, w_), (n, e) = fit_bounds(lats, lons, weights)
        else:
            (s, w_), (n, e) = (33.0, 36.0), (46.0, 56.0)
        pad = 0.08
        x0, x1 = w_, e
        y0, y1 = float(_merc(s)), float(_merc(n))
        dx, dy = max(x1 - x0, 1.0), max(y1 - y0, 1.0)
        x0, x1, y0, y1 = x0 - pad * dx, x1 + pad * dx, y0 - pad * dy, y1 + pad * dy
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        w = max(x1 - x0, (y1 - y0) * aspect)
    h = w / aspect
    return cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2


def _zoom_for(span_x: float, map_px: float) -> float:
    return math.log2(map_px * 360.0 / (256.0 * span_x))


def _path(geom):
    """A matplotlib Path of a (multi)polygon, holes included, in Mercator."""
    from matplotlib.path import Path as MPath

    verts, codes = [], []
    polys = [geom] if geom.geom_type == "Polygon" else list(geom.geoms)
    for poly in polys:
        for ring in [poly.exterior, *poly.interiors]:
            xy = np.asarray(ring.coords)
            if len(xy) < 3:
                continue
            pts = np.column_stack([xy[:, 0], _merc(xy[:, 1])])
            verts.extend(pts.tolist())
            codes.extend([MPath.MOVETO] + [MPath.LINETO] * (len(pts) - 2) + [MPath.CLOSEPOLY])
    return MPath(verts, codes) if verts else None


def _lines(geom):
    parts = [geom] if geom.geom_type == "LineString" else list(getattr(geom, "geoms", []))
    out = []
    for g in parts:
        xy = np.asarray(g.coords)
        if len(xy) >= 2:
            out.append(np.column_stack([xy[:, 0], _merc(xy[:, 1])]))
    return out


SEA, LAND, LAND_WORLD = "#c5d9e6", "#f3efe6", "#eeeae0"
LINE_STYLE = {
    "world-border": dict(color="#b3a999", linewidth=0.4),
    "river": dict(color="#6d9fc6", linewidth=0.6),
    "province": dict(color="#b8aa96", linewidth=0.35, linestyle=(0, (3, 3))),
    "border": dict(color="#8d7f6c", linewidth=0.8),
    "coast": dict(color="#8fb0c8", linewidth=0.45),
}


def _draw_basemap(ax, bm: Basemap, extent, zoom: float, font: float) -> None:
    import shapely
    from matplotlib.collections import LineCollection
    from matplotlib.patches import PathPatch, Rectangle

    x0, x1, y0, y1 = extent
    ax.set_facecolor(SEA)
    view = shapely.box(x0, float(_unmerc(y0)), x1, float(_unmerc(y1)))
    band = "lo" if zoom < 6.5 else "hi"

    def areas(layer_id, band_id, **style):
        for g in bm.geometries(layer_id, band_id):
            if not g.intersects(view):
                continue
            p = _path(g)
            if p is not None:
                ax.add_patch(PathPatch(p, **style))

    def lines(layer_id, band_id, z, **style):
        segs = []
        for g in bm.geometries(layer_id, band_id):
            g = g.intersection(view.buffer(0.5))
            if not g.is_empty:
                segs.extend(_lines(g))
        if segs:
            ax.add_collection(LineCollection(segs, zorder=z, capstyle="round", joinstyle="round", **style))

    areas("world-land", "world", facecolor=LAND_WORLD, edgecolor="none", zorder=1)
    lines("world-border", "world", 1.5, **LINE_STYLE["world-border"])
    bx0, by0, bx1, by1 = bm.bbox
    ax.add_patch(Rectangle((bx0, float(_merc(by0))), bx1 - bx0, float(_merc(by1) - _merc(by0)),
                           facecolor=SEA, edgecolor="none", zorder=2))
    areas("land", band, facecolor=LAND, edgecolor="none", zorder=3)
    relief = bm.data.get("relief")
    if relief and relief.get("file"):
        from PIL import Image

        from . import paths

        path = Path(paths.BASEMAP_DIR) / relief["file"]
        if path.is_file():
            img = np.asarray(Image.open(path).convert("RGBA"))
            # Only the part in view: its rows are evenly spaced in Mercator.
            my0, my1 = float(_merc(by0)), float(_merc(by1))
            h, w = img.shape[:2]
            c0 = int(np.clip((x0 - bx0) / (bx1 - bx0) * w, 0, w))
            c1 = int(np.clip(np.ceil((x1 - bx0) / (bx1 - bx0) * w), 0, w))
            r0 = int(np.clip((my1 - y1) / (my1 - my0) * h, 0, h))
            r1 = int(np.clip(np.ceil((my1 - y0) / (my1 - my0) * h), 0, h))
            if c1 <= c0 or r1 <= r0:
                img = None
            else:
                ex = (bx0 + c0 / w * (bx1 - bx0), bx0 + c1 / w * (bx1 - bx0), my1 - r1 / h * (my1 - my0),
                      my1 - r0 / h * (my1 - my0))
                img = img[r0:r1, c0:c1].astype(float) / 255.0
        else:
            img = None
        if img is not None:
            # Multiply blend, as the page does: darken the land by the relief's shading.
            rgb, a = img[..., :3], img[..., 3:]
            # Shadows only: how much darker than its brightest the relief is there.
            dark = np.clip(0.92 - rgb.mean(axis=2, keepdims=True), 0, 1)
            shade = np.concatenate([np.full_like(rgb, 0.25), a * dark * 0.55], axis=2)
            shade = np.clip(shade, 0, 1)
            ax.imshow(shade, extent=ex, origin="upper",
                      interpolation="bilinear", zorder=3.5, aspect="auto")
    areas("lake", band, facecolor=SEA, edgecolor="#94b8d0", linewidth=0.3, zorder=4)
    if zoom >= 5:
        lines("province", band, 4.2, **LINE_STYLE["province"])
    lines("river", band, 4.4, **LINE_STYLE["river"])
    lines("coast", band, 4.6, **LINE_STYLE["coast"])
    lines("border", band, 4.8, **LINE_STYLE["border"])
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)


class _Placer:
    """Greedy label placement: a label is drawn only where it overlaps no
    label or marker already placed (display coordinates)."""

    def __init__(self, fig, ax):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.renderer = FigureCanvasAgg(fig).get_renderer()
        self.frame = ax.get_window_extent(self.renderer)
        self.boxes: list = []

    def free(self, bb) -> bool:
        f = self.frame
        inside = bb.x0 >= f.x0 and bb.x1 <= f.x1 and bb.y0 >= f.y0 and bb.y1 <= f.y1
        return inside and not any(bb.overlaps(o) for o in self.boxes)

    def block(self, bb) -> None:
        self.boxes.append(bb)

    def try_text(self, text_artist) -> bool:
        bb = text_artist.get_window_extent(self.renderer).expanded(1.06, 1.15)
        if self.free(bb):
            self.block(bb)
            return True
        text_artist.remove()
        return False


def _nice_length(km: float) -> float:
    """The largest 1, 2 or 5 times a power of ten not above ``km``."""
    p = 10 ** math.floor(math.log10(km))
    return max(m * p for m in (1, 2, 5) if m * p <= km)


def render_static(index: Index, view: MapView = MapView(), fmt: str = "png", *, layout: str = "page",
                  dpi: int = 200, now: _dt.datetime | None = None) -> bytes:
    """The view as a finished figure: ``fmt`` one of png, svg, pdf; ``layout``
    "page" (170 x 200 mm) or "slide" (16:9); ``dpi`` sets a PNG's resolution."""
    if fmt not in STATIC_FORMATS:
        raise ValueError(f"static format {fmt!r} is not one of {', '.join(STATIC_FORMATS)}")
    if layout not in LAYOUTS:
        raise ValueError(f"layout {layout!r} is not one of {', '.join(LAYOUTS)}")
    if not 50 <= dpi <= 1200:
        raise ValueError(f"resolution {dpi} dpi is out of range 50–1200")
    matplotlib = _need("matplotlib")
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    lay = LAYOUTS[layout]
    places = view_places(index, view)
    bm = basemap()
    now = now or _dt.datetime.now(_dt.UTC).replace(microsecond=0)
    f = lay.font
    with matplotlib.rc_context({"svg.fonttype": "none", "pdf.fonttype": 42, "font.family": "DejaVu Sans",
                                "svg.hashsalt": "caucasusmap"}):
        fig = Figure(figsize=(lay.width, lay.height), dpi=dpi)
        top = f * 1.5 * 2.4 / 72 / lay.height  # room for the title
        bottom = 1.0 * f / 72 * 3.2 / lay.height  # room for the note
        left, right = 0.035 * 7 / lay.width, 0.035 * 7 / lay.width
        ax = fig.add_axes((left, bottom, 1 - left - right, 1 - top - bottom))
        ax.set_xticks([])
        ax.set_yticks([])
        for s in ax.spines.values():
            s.set_edgecolor("#6b645a")
            s.set_linewidth(0.6)
        aw = lay.width * (1 - left - right)
        ah = lay.height * (1 - top - bottom)
        map_px = aw * 96
        extent = _extent(view, places, aw / ah, map_px)
        zoom = _zoom_for(extent[1] - extent[0], map_px)
        _draw_basemap(ax, bm, extent, zoom, f)

        # Gazetteer lines and areas under the markers.
        import shapely
        for p in places:
            g = p["geometry"]
            if not g or g["type"] == "Point":
                continue
            geom = shapely.geometry.shape(g)
            colour = KIND_COLORS.get(p["kind"], "#555555")
            if geom.geom_type in ("Polygon", "MultiPolygon"):
                from matplotlib.patches import PathPatch

                path = _path(geom)
                if path is not None:
                    ax.add_patch(PathPatch(path, facecolor=colour, alpha=0.035, edgecolor=colour, linewidth=0.6,
                                           linestyle=(0, (4, 3)), zorder=5))
            else:
                for seg in _lines(geom):
                    ax.plot(seg[:, 0], seg[:, 1], color=colour, linewidth=1.6, alpha=0.8, zorder=5.5,
                            solid_capstyle="round")

        # Markers: area proportional to mentions, largest drawn first.
        max_count = max((p["count"] for p in places), default=1) or 1
        largest = 46 * 72 / 96  # the page's 46 px, in points
        order = sorted(places, key=lambda p: -p["count"])
        xs = np.array([p["lon"] for p in order])
        ys = _merc([p["lat"] for p in order])
        diam = np.array([max(8 * 72 / 96, largest * math.sqrt(p["count"] / max_count)) for p in order])
        scale = f / 8.0
        ax.scatter(xs, ys, s=(diam * scale) ** 2, c=[KIND_COLORS.get(p["kind"], "#555555") for p in order],
                   edgecolors="white", linewidths=0.7, alpha=0.85, zorder=6)

        # Legend and scale bar first: no label goes under them.
        kinds = list(dict.fromkeys(p["kind"] for p in order))
        handles = [Line2D([], [], marker="o", linestyle="none", markersize=f * 0.75,
                          markerfacecolor=KIND_COLORS.get(k, "#555555"), markeredgecolor="white", label=k)
                   for k in kinds]
        handles += [Line2D([], [], color=LINE_STYLE["border"]["color"], linewidth=1, label="international border"),
                    Line2D([], [], color=LINE_STYLE["river"]["color"], linewidth=1, label="river")]
        leg = ax.legend(handles=handles, loc="lower left", fontsize=f * 0.85, frameon=True, framealpha=0.92,
                        edgecolor="#d6cfc4", title="circle area ∝ mentions", title_fontsize=f * 0.8,
                        ncols=2 if len(handles) > 8 and layout == "slide" else 1, borderpad=0.6, labelspacing=0.35)
        leg.set_zorder(10)
        bar = _scale_bar(ax, extent, f)
        placer = _Placer(fig, ax)
        placer.block(leg.get_window_extent(placer.renderer).expanded(1.02, 1.02))
        placer.block(bar.get_window_extent(placer.renderer))
        inv = ax.transData
        for x, y, d in zip(xs, ys, diam * scale):
            cx, cy = inv.transform((x, y))
            r = d / 2 * dpi / 72
            from matplotlib.transforms import Bbox

            placer.block(Bbox([[cx - r, cy - r], [cx + r, cy + r]]))
        # Place names where they fit, most mentioned first.
        x0, x1, y0, y1 = extent
        for p, x, y, d in zip(order, xs, ys, diam * scale):
            if not (x0 <= x <= x1 and y0 <= y <= y1):
                continue
            for ha, va, dx, dy in (("left", "center", 1, 0), ("right", "center", -1, 0),
                                   ("center", "bottom", 0, 1), ("center", "top", 0, -1)):
                off = d / 2 + 2
                t = ax.annotate(p["name"], (x, y), xytext=(dx * off, dy * off), textcoords="offset points",
                                ha=ha, va=va, fontsize=f, fontweight="bold", color="#23201c", zorder=8,
                                annotation_clip=True)
                _halo(t, fmt)
                if placer.try_text(t):
                    break
        # Basemap labels that fit in what is left.
        kinds_style = {"country": dict(fontsize=f * 1.05, color="#8a7f72", fontweight="bold"),
                       "sea": dict(fontsize=f, color="#4f7594", style="italic"),
                       "lake": dict(fontsize=f * 0.9, color="#4f7594", style="italic"),
                       "province": dict(fontsize=f * 0.78, color="#a3927e", fontweight="bold"),
                       "settlement": dict(fontsize=f * 0.92, color="#3f3a35")}
        shown = 0
        for lab in bm.labels:
            if lab["minzoom"] > zoom + 0.5:
                break
            x, y = lab["lon"], float(_merc(lab["lat"]))
            if not (x0 <= x <= x1 and y0 <= y <= y1):
                continue
            st = kinds_style.get(lab["kind"], kinds_style["settlement"])
            name = lab["name"].upper() if lab["kind"] in ("country", "province") else lab["name"]
            if lab["kind"] == "settlement":
                t = ax.annotate(name, (x, y), xytext=(3, 0), textcoords="offset points", ha="left", va="center",
                                zorder=7, **st)
            else:
                t = ax.text(x, y, name, ha="center", va="center", zorder=7, **st)
            _halo(t, fmt)
            if placer.try_text(t):
                shown += 1
                if lab["kind"] == "settlement":
                    ax.plot([x], [y], marker="o", markersize=2.2, color="#5c554d", markeredgecolor="white",
                            markeredgewidth=0.4, zorder=7)
            if shown > 250:
                break

        # Title, legend, scale bar, note.
        fig.text(left, 1 - top * 0.42, view.title or "Places in the corpus", fontsize=f * 1.5,
                 fontweight="bold", ha="left", va="center", color="#23201c")
        docs = index.corpus.documents
        n_mentions = sum(p["count"] for p in places)
        used = [d for d in docs if view.documents is None or d.id in view.documents]
        from .viewfilters import document_date

        dates = sorted(filter(None, (document_date(d) for d in used)))
        period = ""
        if view.time_range:
            period = f"; documents dated {view.time_range[0] or '…'}–{view.time_range[1] or '…'}"
        elif dates:
            period = f"; documents dated {dates[0]}–{dates[-1]}" if dates[0] != dates[-1] else f"; {dates[0]}"
        note = (f"{len(places)} places, {n_mentions} mentions in {len(used)} documents{period}; "
                f"gazetteer: {Path(index.gazetteer.path).name} ({len(index.gazetteer)} places). "
                f"Basemap: {bm.attribution}. Web Mercator. Made with caucasusmap {__version__}, "
                f"{now.date().isoformat()}.")
        fig.text(left, bottom * 0.42, note, fontsize=f * 0.72, ha="left", va="center", color="#6b645a", wrap=True)
        buf = io.BytesIO()
        meta = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None},
                "pdf": {"CreationDate": None, "Producer": None, "Creator": f"caucasusmap {__version__}",
                        "Title": view.title or "Places in the corpus"}}[fmt]
        fig.savefig(buf, format=fmt, dpi=dpi, metadata=meta, facecolor="white")
    return buf.getvalue()


def _halo(artist, fmt: str) -> None:
    """A white halo behind a label. PNG: a stroke around the glyphs. SVG/PDF
    keep text as text (selectable, searchable), which path effects would turn
    into outlines, so there a soft white box stands in for the halo."""
    if fmt == "png":
        from matplotlib import patheffects

        artist.set_path_effects([patheffects.withStroke(linewidth=2.2, foreground="white", alpha=0.9)])
    else:
        artist.set_bbox({"boxstyle": "round,pad=0.08", "facecolor": "white", "alpha": 0.55, "edgecolor": "none"})


def _scale_bar(ax, extent, f: float):
    """A metric scale bar at the lower right, true at the map's centre latitude;
    returns its white box."""
    from matplotlib.patches import Rectangle

    x0, x1, y0, y1 = extent
    lat = float(_unmerc((y0 + y1) / 2))
    km_per_unit = 111.32 * math.cos(math.radians(lat))
    length_km = _nice_length((x1 - x0) * km_per_unit / 5)
    units = length_km / km_per_unit
    bx = x1 - (x1 - x0) * 0.04 - units
    by = y0 + (y1 - y0) * 0.045
    h = (y1 - y0) * 0.008
    box = ax.add_patch(Rectangle(
        (bx - (x1 - x0) * 0.01, by - h * 1.5), units + (x1 - x0) * 0.02, h * 6.5, facecolor="white", alpha=0.8,
        edgecolor="none", zorder=9))
    for k in range(2):
        ax.add_patch(Rectangle(
            (bx + k * units / 2, by), units / 2, h, facecolor="#3f3a35" if k == 0 else "white",
            edgecolor="#3f3a35", linewidth=0.5, zorder=10))
    label = f"{length_km:g} km"
    ax.text(bx, by + h * 1.6, "0", fontsize=f * 0.8, ha="center", va="bottom", zorder=10, color="#3f3a35")
    ax.text(bx + units, by + h * 1.6, label, fontsize=f * 0.8, ha="center", va="bottom", zorder=10,
            color="#3f3a35")
    return box


# ---------------------------------------------------------------------------
# KML and GeoPackage: the view's places with their counts


def kml_document(index: Index, view: MapView = MapView()) -> str:
    """KML 2.2 (Google Earth) of the view's places: one Placemark per place
    with its point, line or area, the counts in ExtendedData and a style per
    kind."""
    simplekml = _need("simplekml")
    import shapely.geometry

    kml = simplekml.Kml(name=view.title or "Places in the corpus")
    kml.document.description = (f"{len(index.corpus.documents)} documents; gazetteer "
                                 f"{Path(index.gazetteer.path).name}; made with caucasusmap {__version__}")
    styles = {}
    for kind, colour in KIND_COLORS.items():
        st = simplekml.Style()
        r, g, b = colour[1:3], colour[3:5], colour[5:7]
        st.iconstyle.color = f"ff{b}{g}{r}"  # KML colours are aabbggrr
        st.iconstyle.scale = 0.9
        st.linestyle.color = f"ff{b}{g}{r}"
        st.linestyle.width = 2
        st.polystyle.color = f"33{b}{g}{r}"
        styles[kind] = st
    for p in view_places(index, view):
        geom = p["geometry"]
        if geom and geom["type"] != "Point":
            shp = shapely.geometry.shape(geom)
            folder = kml.newmultigeometry(name=p["name"])
            folder.newpoint(coords=[(p["lon"], p["lat"])])
            for part in getattr(shp, "geoms", [shp]):
                if part.geom_type == "LineString":
                    folder.newlinestring(coords=list(part.coords))
                elif part.geom_type == "Polygon":
                    folder.newpolygon(outerboundaryis=list(part.exterior.coords),
                                      innerboundaryis=[list(r.coords) for r in part.interiors])
            pm = folder
        else:
            pm = kml.newpoint(name=p["name"], coords=[(p["lon"], p["lat"])])
        pm.description = f"{p['kind']} · {p['count']} mentions in {p['docs']} documents" + (
            f"\n{p['note']}" if p["note"] else "")
        pm.extendeddata.newdata("id", p["id"])
        pm.extendeddata.newdata("kind", p["kind"])
        pm.extendeddata.newdata("mentions", str(p["count"]))
        pm.extendeddata.newdata("documents", str(p["docs"]))
        pm.extendeddata.newdata("aliases", "; ".join(p["aliases"]))
        pm.style = styles.get(p["kind"]) or styles["site"]
    return kml.kml()


GPKG_FIELDS = ("id", "name", "kind", "mentions", "documents", "aliases", "note", "geonames", "wikidata")


def geopackage_bytes(index: Index, view: MapView = MapView()) -> bytes:
    """A GeoPackage (OGC, read by QGIS) of the view's places: layer ``places``
    (points) and, where the gazetteer has them, ``place_lines`` and
    ``place_areas``, each with the fields :data:`GPKG_FIELDS` (EPSG:4326)."""
    pyogrio = _need("pyogrio")
    import shapely
    import shapely.geometry

    places = view_places(index, view)

    def columns(rows):
        links = [dict(p["links"]) for p in rows]
        return [
            np.array([p["id"] for p in rows], dtype=object), np.array([p["name"] for p in rows], dtype=object),
            np.array([p["kind"] for p in rows], dtype=object), np.array([p["count"] for p in rows], dtype=np.int64),
            np.array([p["docs"] for p in rows], dtype=np.int64),
            np.array(["; ".join(p["aliases"]) for p in rows], dtype=object),
            np.array([p["note"] or "" for p in rows], dtype=object),
            np.array([str(lk.get("geonames", "")) for lk in links], dtype=object),
            np.array([str(lk.get("wikidata", "")) for lk in links], dtype=object),
        ]

    with tempfile.TemporaryDirectory(prefix="caucasusmap-gpkg-") as tmp:
        out = Path(tmp) / "view.gpkg"
        points = [shapely.Point(p["lon"], p["lat"]) for p in places]
        layers = [("places", "Point", places, points)]
        lines, areas = [], []
        for p in places:
            g = p["geometry"]
            if g and g["type"] in ("LineString", "MultiLineString"):
                lines.append((p, shapely.geometry.shape(g)))
            elif g and g["type"] in ("Polygon", "MultiPolygon"):
                areas.append((p, shapely.geometry.shape(g)))
        if lines:
            layers.append(("place_lines", "MultiLineString", [p for p, _ in lines],
                           [g if g.geom_type.startswith("Multi") else shapely.MultiLineString([g]) for _, g in lines]))
        if areas:
            layers.append(("place_areas", "MultiPolygon", [p for p, _ in areas],
                           [g if g.geom_type.startswith("Multi") else shapely.MultiPolygon([g]) for _, g in areas]))
        for k, (name, gtype, rows, geoms) in enumerate(layers):
            pyogrio.raw.write(str(out), np.array(shapely.to_wkb(geoms), dtype=object), columns(rows),
                              fields=list(GPKG_FIELDS), layer=name, driver="GPKG", geometry_type=gtype,
                              crs="EPSG:4326", append=k > 0, encoding="UTF-8")
        return out.read_bytes()
