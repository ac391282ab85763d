"""The offline basemap: what it covers, and that its data reads back."""

import numpy as np
import pytest
import shapely
import shapely.geometry

from _data import BUNDLED_GAZETTEER
from caucasusmap.basemap import basemap, decode_line, encode_line
from caucasusmap.gazetteer import load_gazetteer


@pytest.fixture(scope="module")
def bm():
    return basemap()


@pytest.fixture(scope="module")
def places():
    return load_gazetteer(BUNDLED_GAZETTEER).places


def test_encoding_round_trips():
    rng = np.random.default_rng(3)
    xy = np.round(np.column_stack([rng.uniform(-180, 180, 500), rng.uniform(-85, 85, 500)]), 4)
    assert np.allclose(decode_line(encode_line(xy, 4), 4), xy, atol=1e-9)


def test_every_bundled_place_lies_on_the_basemap(bm, places):
    """Each place is inside the detail box, or on (or within 150 km of) the
    world layer's land: no place is drawn on an empty background."""
    world = bm.world_land
    outside = []
    for p in places:
        if bm.in_detail(p.lat, p.lon):
            continue
        if world.distance(shapely.Point(p.lon, p.lat)) > 1.5:
            outside.append(p.id)
    assert outside == []


def test_the_region_is_in_detail(bm):
    # All of Turkey, Iran, the Caucasus and the Caspian: corners and extremes.
    for lat, lon in [(42.1, 26.0), (36.0, 44.8), (25.1, 61.6), (39.8, 44.0), (47.0, 51.5), (43.6, 40.0),
                     (31.3, 48.7), (27.2, 56.3)]:
        assert bm.in_detail(lat, lon), (lat, lon)


def test_layers_are_real_geometry_inside_the_box(bm):
    x0, y0, x1, y1 = bm.bbox
    frame = shapely.box(x0 - 1e-6, y0 - 1e-6, x1 + 1e-6, y1 + 1e-6)
    for layer in ("land", "lake", "river", "province", "border", "coast"):
        for band in ("lo", "hi"):
            geoms = bm.geometries(layer, band)
            assert geoms, (layer, band)
            assert all(frame.contains(g) for g in geoms), (layer, band)
    land = shapely.union_all(bm.geometries("land", "hi"))
    assert land.is_valid
    # Tabriz, Baku and Tehran on land; the middle of the Caspian and Lake Urmia not.
    assert land.contains(shapely.Point(46.29, 38.08)) and land.contains(shapely.Point(49.87, 40.41))
    assert land.contains(shapely.Point(51.39, 35.69))
    assert not land.contains(shapely.Point(51.0, 42.0))
    lakes = shapely.union_all(bm.geometries("lake", "hi"))
    assert lakes.contains(shapely.Point(45.5, 37.7))  # Lake Urmia
    # Rivers run through the Aras valley near Nurduz (38.9 N, 46.2 E).
    rivers = shapely.union_all(bm.geometries("river", "hi"))
    assert rivers.distance(shapely.Point(46.2, 38.9)) < 0.1


def test_labels_appear_by_zoom(bm):
    by_name = {lab["name"]: lab for lab in bm.labels}
    assert by_name["Tabriz"]["minzoom"] <= 5 and by_name["Caspian Sea"]["minzoom"] <= 5
    assert 6 <= by_name["Kapan"]["minzoom"] <= 9  # a town of 40,000: only when zoomed in
    kinds = {lab["kind"] for lab in bm.labels}
    assert {"country", "sea", "lake", "province", "settlement"} <= kinds
    zooms = [lab["minzoom"] for lab in bm.labels]
    assert zooms == sorted(zooms)  # the page stops at the first label beyond the zoom
    assert sum(1 for lab in bm.labels if lab["kind"] == "settlement") > 2000


def test_provinces_are_named_inside_their_own_lines(bm):
    """Province names (GeoNames first-level divisions for the areas the
    Natural Earth admin-1 lines enclose) sit inside the province they name,
    the large ones from zoom 6-8, the small Azerbaijani rayons later."""
    provinces = {lab["name"]: lab for lab in bm.labels if lab["kind"] == "province"}
    assert len(provinces) > 200
    inside = {  # name: (lon, lat) of a town in it
        "East Azerbaijan": (46.29, 38.08), "West Azerbaijan": (45.07, 37.55), "Ardabil": (48.29, 38.25),
        "Syunik": (46.40, 39.21), "Gilan": (49.58, 37.28), "Kars": (43.10, 40.60),
    }
    lines = shapely.union_all(bm.geometries("province", "hi") + bm.geometries("border", "hi"))
    for name, town in inside.items():
        lab = provinces[name]
        assert 6 <= lab["minzoom"] <= 9, lab
        # nothing of the province or border lines between the label and a town of that province
        path = shapely.LineString([(lab["lon"], lab["lat"]), town])
        assert not path.crosses(lines), (name, lab)
    assert provinces["Zangilan"]["minzoom"] >= provinces["East Azerbaijan"]["minzoom"]
    # Nakhchivan's own districts are drawn too: its name is in the exclave
    assert shapely.Point(provinces["Nakhchivan"]["lon"], provinces["Nakhchivan"]["lat"]).distance(
        shapely.Point(45.41, 39.21)) < 0.7


def test_real_geometries_replace_the_hand_drawn_aras_and_caspian(bm):
    from caucasusmap.basemap import real_geometry

    gaz = load_gazetteer(BUNDLED_GAZETTEER)
    aras = gaz.by_id["aras"]
    geom, source = real_geometry(aras, bm)
    line = shapely.geometry.shape(geom)
    assert "GSHHG" in source and line.geom_type in ("LineString", "MultiLineString")
    drawn = shapely.geometry.shape(aras.geometry)
    assert line.hausdorff_distance(drawn) < 0.3  # follows the drawn course, closer than it
    # The real river runs past the Nurduz crossing and Julfa.
    for lon, lat in ((46.2, 38.87), (45.63, 38.95)):
        assert line.distance(shapely.Point(lon, lat)) < 0.05
    sea, source = real_geometry(gaz.by_id["caspian-sea"], bm)
    sea = shapely.geometry.shape(sea)
    assert sea.contains(shapely.Point(51.0, 42.0)) and not sea.contains(shapely.Point(49.87, 40.41))  # not Baku
    assert 30 < sea.area < 45  # square degrees (about 371,000 km² at these latitudes)
    assert real_geometry(gaz.by_id["karabakh"], bm) is None  # a historical region: kept as drawn
