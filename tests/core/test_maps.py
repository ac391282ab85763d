"""The map of a view, built headless: data, HTML structure, safety, exports."""

import datetime as dt
import json
import os
import re
import subprocess
import sys

import pytest
import shapely.geometry

from _data import BUNDLED_CORPUS, BUNDLED_GAZETTEER
from caucasusmap.errors import UnknownPlaceError
from caucasusmap.export import export_view, geojson_collection, lpf_collection, mentions_csv, write_atomic
from caucasusmap.index import open_index
from caucasusmap.maps import MapView, ViewError, fit_bounds, marker_diameter, render_map, safe_json, view_payload

FIXED = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def index():
    return open_index(BUNDLED_GAZETTEER, BUNDLED_CORPUS, use_cache=False)


def embedded(html, element_id):
    m = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


def test_payload_counts_match_the_index(index):
    data = view_payload(index)
    by_id = {p["id"]: p for p in data["places"]}
    assert by_id["tabriz"]["count"] == index.mention_count("tabriz")
    assert by_id["tabriz"]["docs"] == index.document_count("tabriz")
    counts = [p["count"] for p in data["places"]]
    assert counts == sorted(counts, reverse=True) and min(counts) > 0
    assert sum(counts) == data["meta"]["mentions"] == len(index.table)
    assert sum(p["label"] for p in data["places"]) == 14
    # Every passage of a place marks that place's mentions, exactly.
    k = [p["id"] for p in data["places"]].index("nurduz")
    passages = [data["passages"][n] for n in data["placePassages"][k]]
    assert len(passages) == len(index.passages_for("nurduz"))
    for ps in passages:
        assert any(ps["text"][a:b].lower().startswith("nurd") for a, b, kk, _ in ps["marks"] if kk == k)


def test_payload_filters(index):
    one = view_payload(index, MapView(documents=("vestnik-kavkaza-2020",)))
    assert {ps["doc"] for ps in one["passages"]} == {4}
    assert one["meta"]["mentions"] == sum(index.places_in_document("vestnik-kavkaza-2020").values())
    places = view_payload(index, MapView(places=("tabriz", "baku")))
    assert [p["id"] for p in places["places"]] == ["baku", "tabriz"]
    refs = view_payload(index, MapView(hide_references=True))
    assert not any(ps["ref"] for ps in refs["passages"])
    assert refs["meta"]["mentions"] < len(index.table)
    sel = view_payload(index, MapView(selected=("shusha",), passage="haciyeva-2025#1"))
    assert sel["places"][sel["selected"][0]]["id"] == "shusha"


def test_view_errors_are_clear(index):
    with pytest.raises(ViewError, match="no document has the id 'nope'"):
        view_payload(index, MapView(documents=("nope",)))
    with pytest.raises(UnknownPlaceError):
        view_payload(index, MapView(selected=("atlantis",)))
    with pytest.raises(ViewError, match="zoom"):
        view_payload(index, MapView(center=(40, 46), zoom=30))


def test_default_view_fits_the_region_not_the_outliers(index):
    south_west, north_east = view_payload(index)["fit"]
    assert south_west[0] >= 30 and north_east[0] <= 47   # latitudes: Caucasus / NW Iran
    assert south_west[1] >= 34 and north_east[1] <= 60   # no United States, no China
    assert fit_bounds(*map(__import__("numpy").array, ([40.0], [46.0], [1.0]))) is not None


def test_marker_area_is_proportional_to_count():
    big, quarter = marker_diameter(400, 400), marker_diameter(100, 400)
    assert big == pytest.approx(2 * quarter)
    assert marker_diameter(1, 400) >= 8


def test_html_is_self_contained_and_deterministic(index):
    html1 = render_map(index, MapView(selected=("tabriz",)))
    html2 = render_map(index, MapView(selected=("tabriz",)))
    strip = lambda h: re.sub(r'"exported":"[^"]*"', "", h)  # noqa: E731
    assert strip(html1) == strip(html2)
    assert not re.search(r'<script[^>]+src=|<link[^>]+href="http', html1)
    assert "caucasusmap.init(map, {base: base, places: places, shapes: shapes}" in html1
    assert "L.markerClusterGroup" not in html1  # no clustering
    assert "jquery" not in html1.lower().replace("jquery-like", "") or "$(" not in html1
    data = embedded(html1, "cm-data")
    assert data["places"][data["selected"][0]]["id"] == "tabriz"
    basemap = embedded(html1, "cm-basemap")
    layers = {lay["id"] for lay in basemap["layers"] if lay["features"]}
    assert {"world-land", "land", "lake", "river", "province", "border", "coast"} <= layers
    assert basemap["relief"]["image"].startswith("data:image/webp;base64,") and len(basemap["labels"]) > 1000
    for name in ("Basemap (offline)", "OpenStreetMap (online)", "Places", "Rivers, corridors, regions"):
        assert f'"{name}"' in html1
    assert "L.control.scale()" in html1
    assert 'id="cm-panel"' in html1 and "<title>Places in the corpus — caucasusmap</title>" in html1


def test_the_page_is_well_formed_and_its_map_made_after_its_container(index):
    """Our own template, not folium's (which left its script after </body>):
    every element closed in order, the data and the map's container before
    the script that makes the map, the panel there only with the explorer."""
    from html.parser import HTMLParser

    class Walk(HTMLParser):
        VOID = {"meta", "link", "br", "img", "input"}

        def __init__(self):
            super().__init__()
            self.open, self.seen, self.errors = [], [], []

        def handle_starttag(self, tag, attrs):
            self.seen.append((tag, dict(attrs).get("id"), tuple(self.open)))
            if tag not in self.VOID:
                self.open.append(tag)

        def handle_endtag(self, tag):
            if not self.open or self.open[-1] != tag:
                self.errors.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
            else:
                self.open.pop()

    for explorer in (True, False):
        html = render_map(index, MapView(), explorer=explorer)
        walk = Walk()
        walk.feed(html)
        walk.close()
        assert not walk.errors and not walk.open, (walk.errors, walk.open)
        ids = [i for _, i, _ in walk.seen if i]
        assert ids[:2] == ["cm-data", "cm-basemap"] and ("cm-panel" in ids) == explorer
        order = [(tag, i) for tag, i, inside in walk.seen if inside == ("html", "body")]
        assert order[-2:] == [("div", "cm-map"), ("script", None)]  # the map is made once its box exists
        assert html.count('L.map("cm-map"') == 1 and html.rstrip().endswith("</html>")


def test_building_a_page_does_not_import_folium(tmp_path):
    """The app's first map must not pay for importing a map library: the
    page comes from this package's template alone."""
    code = ("import sys; from caucasusmap import paths; from caucasusmap.index import open_index; "
            "from caucasusmap.maps import render_map; "
            "html = render_map(open_index(paths.default_gazetteer(), paths.default_corpus()), explorer=False); "
            "assert 'caucasusmap.init(' in html; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('folium', 'branca', 'jinja2')))")
    env = {**os.environ, "CAUCASUSMAP_CACHE_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[]"


def test_cdn_variant_is_small(index):
    html = render_map(index, assets="cdn")
    assert '<script src="https://unpkg.com/leaflet@1.9.3/dist/leaflet.js">' in html
    assert len(html) < len(render_map(index)) - 140_000  # leaflet not inlined


HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    "quote \" and ' apostrophe",
    "back\\slash \\u2028",
    "line\u2028separator\u2029",
]


def test_safe_json_escapes_everything_dangerous():
    text = safe_json({"v": HOSTILE})
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert json.loads(text)["v"] == HOSTILE


def hostile_index(write, tmp_path):
    name = HOSTILE[0]
    write("h/places.yaml", f"""
        places:
          - id: evil
            name: '{name}'
            aliases: ['Evilton', 'Ev"il\\\\ton']
            kind: city
            lat: 40
            lon: 46
            note: '{HOSTILE[1]}'
    """)
    write("h/c/doc.md", "# T </script><script>alert(3)</script>\n\nEvilton said \"<b>hi</b>\" \\ & "
                        "\u2028 </script> <img src=x onerror=alert(4)>.\n")
    return open_index(tmp_path / "h/places.yaml", tmp_path / "h/c")


def test_hostile_text_stays_text(write, tmp_path):
    idx = hostile_index(write, tmp_path)
    html = render_map(idx)
    # Every <script> opened is closed by its own </script>: nothing broke out.
    assert html.count("<script") == html.count("</script>")
    assert "<img src=x" not in html and "alert(3)</script>" not in html
    data = embedded(html, "cm-data")
    assert data["places"][0]["name"] == HOSTILE[0]
    assert "</script> <img src=x onerror=alert(4)>" in data["passages"][-1]["text"]  # kept, as text


def test_geojson_round_trips_through_shapely(index):
    fc = json.loads(json.dumps(geojson_collection(index)))
    assert fc["type"] == "FeatureCollection" and fc["features"]
    kinds = set()
    for f in fc["features"]:
        geom = shapely.geometry.shape(f["geometry"])
        assert geom.is_valid
        assert shapely.geometry.mapping(geom)["type"] == f["geometry"]["type"]
        props = f["properties"]
        assert {"name", "kind", "aliases", "mentions", "documents", "links"} <= set(props)
        kinds.add(f["geometry"]["type"])
        if f["geometry"]["type"] == "Point":
            lon, lat = f["geometry"]["coordinates"]
            assert (lat, lon) == (props["lat"], props["lon"])  # RFC 7946 order: lon, lat
    assert {"Point", "LineString", "Polygon"} <= kinds


def test_lpf_has_required_fields(index):
    lpf = lpf_collection(index, MapView(places=("tabriz", "aras")))
    assert lpf["type"] == "FeatureCollection" and "@context" in lpf
    for f in lpf["features"]:
        assert f["@id"].startswith("caucasusmap:") and f["type"] == "Feature"
        assert f["properties"]["title"] and f["names"][0]["toponym"]
        assert all("citations" in n for n in f["names"])
        assert f["types"][0]["label"] in ("city", "river")
        assert f["geometry"]["type"] == "GeometryCollection"
    tabriz = next(f for f in lpf["features"] if f["@id"] == "caucasusmap:tabriz")
    assert {"type": "closeMatch", "identifier": "https://sws.geonames.org/113646/"} in tabriz["links"]


def test_csv_lists_the_view_mentions(index):
    rows = mentions_csv(index, MapView(places=("nurduz",))).splitlines()
    assert rows[0].startswith("path,document,passage,start,end,surface,place")
    assert len(rows) - 1 == index.mention_count("nurduz")


def test_atomic_write_keeps_the_old_file_on_failure(tmp_path, index, monkeypatch):
    out = tmp_path / "map.html"
    out.write_text("previous", encoding="utf-8")
    import caucasusmap.export as export

    def boom(*a, **k):
        raise RuntimeError("renderer failed")

    monkeypatch.setitem(export.WRITERS, "html", ("x", boom))
    with pytest.raises(RuntimeError):
        export_view(index, MapView(), out)
    assert out.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]
    write_atomic(out, "new")
    assert out.read_text(encoding="utf-8") == "new"


def test_view_places_equals_the_payload_places(index):
    from caucasusmap.maps import view_places

    for view in (MapView(), MapView(documents=("haciyeva-2025",), selected=("minsk",)),
                 MapView(places=("tabriz", "baku"), hide_references=True)):
        assert view_places(index, view) == view_payload(index, view)["places"]
