"""Where the coordinates of curated places come from (caucasusmap.pointsource,
``validate --unsourced``, scripts/source_points.py) and the writer's edits
they use (set_link, replace_words)."""

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from caucasusmap.cli import main
from caucasusmap.gazetteer import load_gazetteer
from caucasusmap.gazwriter import EditError, replace_words, set_link
from caucasusmap.model import Place
from caucasusmap.paths import default_gazetteer
from caucasusmap.pointsource import _POINT, _sentences, point_source, unsourced_counts, unsourced_issues

ROOT = Path(__file__).resolve().parents[2]
SQUARE = {"type": "Polygon", "coordinates": [[[44, 40], [46, 40], [46, 42], [44, 42], [44, 40]]]}


def place(note, geometry=None, **kw):
    return Place(id="p", name="P", kind=kw.pop("kind", "town"), lat=41.0, lon=45.0, note=note, geometry=geometry,
                 **kw)


@pytest.mark.parametrize("note, geometry, source", [
    ("Town in Lori, Armenia. Coordinates: GeoNames.", None, "GeoNames"),
    ("City. (Persian X is also the word 'y', so it is not a name here.) Coordinates: GeoNames.", None, "GeoNames"),
    ("Municipality. Point: its centre Gori (GeoNames 614455).", None, "GeoNames"),
    ("Province. Point: inside the area. Geometry: Natural Earth 10m admin-1, simplified.", SQUARE, "Natural Earth"),
    ("River. Line: GSHHG WDB II rivers, simplified. Point: on the line.", SQUARE, "GSHHG"),
    ("Province. Point: its centre Mestia (GeoNames 612987). Area: hand-drawn, a rough octagon.", SQUARE, "GeoNames"),
    ("Fortress. Coordinates: Wikipedia (Babak Fort).", None, "Wikipedia"),
    # no source, or one called approximate
    ("Monastery. Approximate point from general knowledge (no packaged source has it).", None, None),
    ("Country. Point: approximate country centre.", None, None),
    ("Town. Approximate point, general knowledge (not in GeoNames cities500).", None, None),
    ("Province. Point: inside the area. Geometry: rough outline, general knowledge.", SQUARE, None),
    ("Province. Point: inside the area. Geometry: Natural Earth 10m admin-1.", None, None),
    ("River. Point: Kapan on the river. Line: hand-drawn approximate course.", SQUARE, None),
    ("A place the note says nothing of the point of. GeoNames lists it.", None, None),
    ("", None, None),
])
def test_point_source_reads_the_note(note, geometry, source):
    assert point_source(place(note, geometry)) == source


def test_unsourced_warnings_name_the_place_and_count_by_file():
    places = [place("Coordinates: GeoNames.", file="g/a.yaml", line=3),
              place("Approximate point from general knowledge.", file="g/a.yaml", line=9),
              place("", file="g/b.yaml", line=2),
              place("Approximate.", file="", origin="reference")]
    issues = unsourced_issues(places)
    assert [(i.path, i.line) for i in issues] == [("g/a.yaml", 9), ("g/b.yaml", 2)]
    assert "calls them approximate" in issues[0].message and "names no source" in issues[1].message
    assert unsourced_counts(issues) == Counter({"a.yaml": 1, "b.yaml": 1})


@pytest.fixture(scope="module")
def bundled():
    return load_gazetteer(default_gazetteer())


def test_bundled_settlements_with_a_geonames_id_name_their_source(bundled):
    bad = [p.id for p in bundled.places if p.kind in ("city", "town", "village")
           and dict(p.links).get("geonames") and point_source(p) is None]
    assert bad == []


def test_every_bundled_point_without_a_source_says_so(bundled):
    """A point no dataset gave is approximate, and its note says where it comes from."""
    silent = [p.id for p in bundled.places if point_source(p) is None
              and not any(_POINT.match(s) for s in _sentences(p.note))]
    assert silent == []


def test_bundled_countries_have_named_points(bundled):
    assert [p.id for p in bundled.places if p.kind == "country" and point_source(p) is None] == []


def test_validate_sums_up_or_lists_the_unsourced(capsys, tmp_path):
    gaz = tmp_path / "g.yaml"
    gaz.write_text("places:\n"
                   "  - {id: a, name: Aaa, kind: town, lat: 40, lon: 45, note: 'Coordinates: GeoNames.'}\n"
                   "  - {id: b, name: Bbb, kind: site, lat: 40, lon: 45, note: Approximate point.}\n"
                   "  - {id: c, name: Ccc, kind: site, lat: 40, lon: 45}\n", encoding="utf-8")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "t.md").write_text("Aaa and Bbb and Ccc.\n", encoding="utf-8")
    args = ["--gazetteer", str(gaz), "--corpus", str(tmp_path / "c"), "--no-reference"]
    assert main(["validate", *args]) == 0
    out, err = capsys.readouterr()
    notes = [line for line in out.splitlines() if "no named source" in line]
    assert len(notes) == 1 and "of 2 place(s)" in notes[0] and "g.yaml 2" in notes[0], out
    assert "2 with coordinates from no named source" in err and "0 warning(s)" in err
    assert main(["validate", "--unsourced", *args]) == 0
    out, err = capsys.readouterr()
    each = [line for line in out.splitlines() if "warning: the coordinates of" in line]
    assert [line.split(":")[1] for line in each] == ["3", "4"] and "'b'" in each[0] and "'c'" in each[1]
    assert "2 warning(s)" in err


# --- the writer's edits -----------------------------------------------------

TEXT = """places:
  - id: a   # the first
    name: A
    kind: town
    lat: 40.0
    lon: 45.0
    links: {wikidata: Q1}
    note: >-
      A town on the river, with a long note that is wrapped over two lines. Point: approximate,
      general knowledge. After it, more.

  - id: b
    name: B
    kind: town
    lat: 40.0
    lon: 45.0
    note: 'B. Point: approximate.'
"""


def changed_lines(a, b):
    return [(x, y) for x, y in zip(a.splitlines(), b.splitlines(), strict=False) if x != y]


def test_set_link_adds_to_a_flow_mapping_or_creates_one():
    out = set_link(TEXT, "a", "geonames", 123)
    assert changed_lines(TEXT, out) == [("    links: {wikidata: Q1}", "    links: {wikidata: Q1, geonames: 123}")]
    assert set_link(out, "a", "geonames", 456).count("geonames: 456") == 1
    out = set_link(TEXT, "b", "geonames", 7)
    assert out == TEXT + "    links: {geonames: 7}\n"
    assert dict(load_gazetteer("x.yaml", out).by_id["b"].links) == {"geonames": "7"}


def test_replace_words_touches_only_those_words():
    out = replace_words(TEXT, "a", "note", "Point: approximate, general knowledge.", "Coordinates: GeoNames.")
    g = load_gazetteer("x.yaml", out)
    assert g.by_id["a"].note == ("A town on the river, with a long note that is wrapped over two lines. "
                                 "Coordinates: GeoNames. After it, more.")
    assert out.splitlines()[:8] == TEXT.splitlines()[:8]
    assert out.split("\n  - id: b")[1] == TEXT.split("\n  - id: b")[1]
    out = replace_words(TEXT, "b", "note", "Point: approximate.", "Point: inside the area.")
    assert changed_lines(TEXT, out) == [("    note: 'B. Point: approximate.'",
                                         "    note: 'B. Point: inside the area.'")]
    with pytest.raises(EditError):
        replace_words(TEXT, "a", "note", "not there", "x")
    with pytest.raises(EditError):  # a quote the single-quoted scalar cannot take as it is
        replace_words(TEXT, "b", "note", "Point: approximate.", "it's")


def test_replace_words_rewraps_a_folded_line_that_grew():
    long = "Coordinates: " + " ".join(["GeoNames"] * 20) + "."
    out = replace_words(TEXT, "a", "note", "Point: approximate, general knowledge.", long)
    width = max(len(line) for line in TEXT.splitlines()[8:10])
    assert max(len(line) for line in out.splitlines()) <= width
    assert long in load_gazetteer("x.yaml", out).by_id["a"].note


# --- the script -------------------------------------------------------------

@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("source_points", ROOT / "scripts" / "source_points.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["source_points"] = module  # its dataclass looks itself up there
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop("source_points", None)


def test_script_takes_named_points_and_leaves_the_rest(script, tmp_path):
    folder = tmp_path / "g"
    folder.mkdir()
    text = ("places:\n"
            "  - id: armenia\n    name: Armenia\n    kind: country\n    lat: 40.2\n    lon: 45.0\n"
            "    links: {geonames: 174982}\n    note: 'Republic of Armenia. Point: approximate country centre.'\n"
            "  - id: sadarak\n    name: Sadarak\n    kind: village\n    lat: 39.7111\n    lon: 44.8844\n"
            "    note: Village in Nakhchivan. Approximate point, general knowledge.\n"
            "  - id: far\n    name: Sadarak\n    kind: village\n    lat: 41.0\n    lon: 44.8844\n"
            "    note: Village with the same name 140 km away. Approximate point, general knowledge.\n"
            "  - id: tatev\n    name: Tatev Monastery\n    kind: site\n    lat: 39.38\n    lon: 46.25\n"
            "    note: Monastery.\n"
            "  - id: kapan\n    name: Kapan\n    kind: town\n    lat: 39.20762\n    lon: 46.40678\n"
            "    links: {geonames: 174875}\n    note: 'Town. Coordinates: GeoNames.'\n"
            "  - id: voghji\n    name: Voghji\n    kind: river\n    lat: 39.207\n    lon: 46.407\n"
            "    note: 'River. Point: Kapan on the river.'\n"
            "  - id: vorotan\n    name: Vorotan\n    kind: river\n    lat: 39.5\n    lon: 46.0\n"
            "    note: 'River. Point: Kapan on the river, says a wrong note.'\n")
    (folder / "places.yaml").write_text(text, encoding="utf-8")
    changes, left = script.proposals(str(folder), ROOT / "resources" / "reference" / "reference.sqlite", 15.0)
    by_id = {c.place.id: c for c in changes}
    assert by_id["armenia"].statement == script.COUNTRY_POINT and 20 < by_id["armenia"].km < 50
    assert by_id["sadarak"].geonames == 147282 and by_id["sadarak"].km < 1
    assert {p.id for p, _ in left} == {"far", "tatev", "vorotan"}  # Kapan is 40 km from the Vorotan point
    assert by_id["voghji"].statement == "Point: Kapan (GeoNames 174875) on the river."
    assert (by_id["voghji"].lat, by_id["voghji"].lon) == (39.20762, 46.40678)
    assert by_id["tatev"].statement == script.UNMATCHED_POINT and not by_id["tatev"].moves
    script.write(str(folder), changes)
    g = load_gazetteer(folder)
    assert point_source(g.by_id["armenia"]) == "Natural Earth" and point_source(g.by_id["sadarak"]) == "GeoNames"
    assert dict(g.by_id["sadarak"].links) == {"geonames": "147282"}
    assert (g.by_id["far"].lat, g.by_id["far"].note) == (41.0, "Village with the same name 140 km away. "
                                                          "Approximate point, general knowledge.")
    assert g.by_id["tatev"].note == "Monastery. " + script.UNMATCHED_POINT
    assert [p.id for p in g.places if point_source(p) is None] == ["far", "tatev", "vorotan"]
    assert g.by_id["voghji"].note == "River. Point: Kapan (GeoNames 174875) on the river."
