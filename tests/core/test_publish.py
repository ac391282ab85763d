"""Publishing a view: static maps (PNG, SVG, PDF), KML and GeoPackage, each
opened with a real reader of its format and checked against the view's places."""

import io
import sqlite3
import xml.etree.ElementTree as ET

import pytest

from _data import BUNDLED_CORPUS, BUNDLED_GAZETTEER
from caucasusmap.cli import main
from caucasusmap.errors import MissingLibraryError
from caucasusmap.export import export_view, format_for
from caucasusmap.index import open_index
from caucasusmap.maps import MapView, view_places
from caucasusmap.publish import LAYOUTS, _need, geopackage_bytes, kml_document, render_static

KML = "{http://www.opengis.net/kml/2.2}"
VIEW = MapView(documents=("haciyeva-2025",), title="Haciyeva 2025: places")


@pytest.fixture(scope="module")
def index():
    return open_index(BUNDLED_GAZETTEER, BUNDLED_CORPUS, use_cache=False)


@pytest.fixture(scope="module")
def places(index):
    return view_places(index, VIEW)


def test_png_has_the_chosen_size_and_resolution(index):
    from PIL import Image

    img = Image.open(io.BytesIO(render_static(index, VIEW, "png", layout="slide", dpi=60)))
    lay = LAYOUTS["slide"]
    assert img.size == (800, 450) == (round(lay.width * 60), round(lay.height * 60))
    # Not blank: the sea, the land and the markers give many colours.
    assert len(img.convert("RGB").getcolors(maxcolors=1 << 20)) > 500


def test_svg_is_xml_with_the_title_legend_scale_and_place_names(index, places):
    root = ET.fromstring(render_static(index, VIEW, "svg"))
    texts = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "Haciyeva 2025: places" in texts and "circle area ∝ mentions" in texts and " km" in texts
    assert "Natural Earth" in texts and "GeoNames" in texts
    top = [p["name"] for p in places[:5]]
    assert sum(name in texts for name in top) >= 4, top


def test_pdf_opens_in_a_pdf_library(index, places):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(render_static(index, VIEW, "pdf", layout="page")))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72, 2), round(float(box.height) / 72, 2)) == (6.69, 7.87)
    text = reader.pages[0].extract_text()
    assert "Haciyeva 2025: places" in text and "Tabriz" in text


def test_kml_holds_every_place_with_its_counts(index, places):
    root = ET.fromstring(kml_document(index, VIEW))
    marks = list(root.iter(KML + "Placemark"))
    assert len(marks) == len(places)
    got = {}
    for pm in marks:
        data = {d.get("name"): d.findtext(KML + "value") for d in pm.iter(KML + "Data")}
        got[data["id"]] = (pm.findtext(KML + "name"), int(data["mentions"]), int(data["documents"]))
        assert pm.find(f".//{KML}coordinates") is not None
    assert got == {p["id"]: (p["name"], p["count"], p["docs"]) for p in places}


def test_geopackage_opens_in_sqlite_and_ogr(index, places, tmp_path):
    import pyogrio

    path = tmp_path / "v.gpkg"
    path.write_bytes(geopackage_bytes(index, VIEW))
    con = sqlite3.connect(path)
    layers = {r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")}
    assert "places" in layers
    rows = con.execute("SELECT id, name, mentions, documents FROM places").fetchall()
    assert sorted(rows) == sorted((p["id"], p["name"], p["count"], p["docs"]) for p in places)
    srs = con.execute("SELECT srs_id FROM gpkg_geometry_columns WHERE table_name='places'").fetchone()[0]
    assert srs == 4326
    con.close()
    meta, _, geoms, fields = pyogrio.raw.read(path, layer="places")
    assert len(geoms) == len(places) and meta["geometry_type"] == "Point"


def test_cli_writes_each_format_and_chooses_it_from_the_name(tmp_path):
    for suffix in ("svg", "pdf"):
        assert format_for(tmp_path / f"view.{suffix}") == suffix
    for suffix in ("png", "kml", "gpkg"):  # svg and pdf take the same path as png
        out = tmp_path / f"view.{suffix}"
        assert format_for(out) == suffix
        args = ["export", "--out", str(out), "--gazetteer", str(BUNDLED_GAZETTEER), "--corpus", str(BUNDLED_CORPUS),
                "--document", "haciyeva-2025"]
        if suffix == "png":
            args += ["--dpi", "72", "--layout", "slide"]
        assert main(args) == 0
        assert out.stat().st_size > 1000


def test_bad_options_are_refused_clearly(index, tmp_path):
    with pytest.raises(ValueError, match="layout 'poster' is not one of page, slide"):
        render_static(index, VIEW, "png", layout="poster")
    with pytest.raises(ValueError, match="out of range"):
        export_view(index, VIEW, tmp_path / "x.png", "png", dpi=5)
    assert not (tmp_path / "x.png").exists()
    with pytest.raises(SystemExit):
        main(["export", "--out", str(tmp_path / "y.png"), "--dpi", "9000"])
    with pytest.raises(MissingLibraryError, match=r"pip install 'caucasusmap\[publish\]'"):
        _need("no_such_module_for_caucasusmap")
