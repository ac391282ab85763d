"""Gazetteer loading and every validation case."""

import pytest

from caucasusmap.errors import GazetteerError
from caucasusmap.gazetteer import load_gazetteer, search_text, validate_gazetteer


def problems(path):
    _, issues = validate_gazetteer(path)
    return [(i.severity.value, i.line, i.message) for i in issues]


def only(path, severity):
    return [p for p in problems(path) if p[0] == severity]


def test_loads_mini_gazetteer(mini_gazetteer):
    g = load_gazetteer(mini_gazetteer)
    assert len(g) == 12
    assert g.by_id["shusha"].aliases == ("Şuşa",)
    assert g.by_id["aras"].exclude == ("Araz Aslanlı",)
    assert g.find("susa")[0].id == "shusha"
    assert g.find("SHUSHA")[0].id == "shusha"
    assert g.find("nowhere") == []


def test_yaml_syntax_error_is_located(write):
    path = write("g.yaml", "places:\n  - id: a\n    name: [unclosed\n")
    (sev, line, msg), = problems(path)
    assert sev == "error" and line >= 3 and "YAML syntax" in msg


def test_wrong_top_level_shape(write):
    assert "places:" in only(write("g.yaml", "- id: a\n"), "error")[0][2]
    assert "empty" in only(write("e.yaml", ""), "error")[0][2]
    assert "must be a list" in only(write("s.yaml", "places: 3\n"), "error")[0][2]


def test_missing_and_invalid_required_fields(write):
    path = write("g.yaml", """
        places:
          - id: Bad Id
            name: Kapan
            kind: city
            lat: 39.2
            lon: 46.4
          - id: nolat
            name: ""
            kind: town
            lon: 46.4
          - id: wrongkind
            name: W
            kind: cty
            lat: "39.2"
            lon: 246.4
    """)
    errs = only(path, "error")
    text = "\n".join(f"{line}: {msg}" for _, line, msg in errs)
    assert "2: id 'Bad Id' must be a lowercase slug" in text and "'kapan'" in text
    assert "name is empty" in text
    assert "missing required key(s) lat" in text
    assert "kind 'cty' is not one of" in text and "did you mean 'city'" in text
    assert "lat must be a number, got the quoted string '39.2'" in text
    assert "lon 246.4 is out of range" in text
    assert all(line > 0 for _, line, _ in errs)


def test_yes_no_are_not_booleans_for_text_and_not_numbers(write):
    path = write("g.yaml", """
        places:
          - {id: norway, name: No, aliases: [Yes, 1988], kind: country, lat: 60, lon: true}
    """)
    errs = only(path, "error")
    assert len(errs) == 1 and "lon must be a number, got 'true'" in errs[0][2]


def test_duplicate_ids_name_both_lines(write):
    path = write("g.yaml", """
        places:
          - {id: kapan, name: Kapan, kind: city, lat: 39.2, lon: 46.4}
          - {id: other, name: Other, kind: city, lat: 39.2, lon: 46.4}
          - {id: kapan, name: Kapan again, kind: city, lat: 39.2, lon: 46.4}
    """)
    (sev, line, msg), = only(path, "error")
    assert line == 4 and "duplicate id 'kapan'" in msg and "line 2" in msg


@pytest.mark.parametrize(
    ("geometry", "needle"),
    [
        ("{type: Line, coordinates: [[1, 2], [3, 4]]}", "did you mean 'LineString'"),
        ("{type: LineString, coordinates: [[46, 39]]}", "at least 2 positions"),
        ("{type: LineString, coordinates: [[46, 39], [46]]}", "must be [lon, lat]"),
        ("{type: Polygon, coordinates: [[[46, 39], [47, 39], [47, 40], [46, 40]]]}", "must be closed"),
        ("{type: LineString}", "needs both 'type' and 'coordinates'"),
        ("[46, 39]", "geometry must be a mapping"),
        ("{type: LineString, coordinates: [[46, 39], [46, 95]]}", "latitude 95 is out of range"),
    ],
)
def test_malformed_geometry(write, geometry, needle):
    path = write("g.yaml", f"""
        places:
          - id: x
            name: X
            kind: river
            lat: 39.0
            lon: 46.0
            geometry: {geometry}
    """)
    errs = only(path, "error")
    assert errs and needle in errs[0][2], errs
    assert errs[0][1] == 7


def test_aliases_must_be_a_list_of_strings(write):
    path = write("g.yaml", """
        places:
          - {id: a, name: A, kind: city, lat: 1, lon: 1, aliases: Qafan}
          - {id: b, name: B, kind: city, lat: 1, lon: 1, aliases: [[x, y]]}
          - {id: c, name: C, kind: city, lat: 1, lon: 1, aliases: ["--"]}
    """)
    msgs = [m for _, _, m in only(path, "error")]
    assert "aliases must be a list of strings (write [Qafan])" in msgs[0]
    assert "must be a string, not a list" in msgs[1]
    assert "has no letters or digits" in msgs[2]


def test_undecodable_bytes(write):
    path = write("g.yaml", "places:\n  - id: a\n    name: Caf\xe9\n".encode("latin-1"))
    (sev, line, msg), = problems(path)
    assert sev == "error" and line == 3 and "not valid UTF-8" in msg


def test_warnings_unknown_keys_shared_alias_far_geometry(write):
    path = write("g.yaml", """
        places:
          - id: aras
            name: Aras
            aliases: [Araz]
            kind: river
            lat: 39.0
            lon: 46.0
            geometry: {type: LineString, coordinates: [[39.0, 46.0], [39.5, 45.5]]}
            aliasses: [x]
          - id: araz-town
            name: Araz
            kind: town
            lat: 39.0
            lon: 46.0
            exclude: [Something else]
    """)
    assert only(path, "error") == []
    warns = "\n".join(f"{line}: {m}" for _, line, m in only(path, "warning"))
    assert "unknown key 'aliasses'" in warns and "did you mean 'aliases'" in warns
    assert "km from the place's own point" in warns and "look like [lat, lon]" in warns
    assert "'araz' of 'araz-town' is also a name of 'aras' (line 2)" in warns
    assert "contains none of this place's names" in warns


def test_invalid_polygon_is_a_warning(write):
    path = write("g.yaml", """
        places:
          - id: bowtie
            name: Bowtie
            kind: region
            lat: 39.5
            lon: 46.5
            geometry: {type: Polygon, coordinates: [[[46, 39], [47, 40], [47, 39], [46, 40], [46, 39]]]}
    """)
    assert only(path, "error") == []
    assert "not valid: Self-intersection" in only(path, "warning")[0][2]


def test_yaml_tags_are_never_executed(write, tmp_path):
    marker = tmp_path / "pwned"
    path = write("g.yaml", f"""
        places:
          - id: a
            name: !!python/object/apply:os.system ["touch {marker}"]
            kind: city
            lat: 1
            lon: 1
    """)
    errs = only(path, "error")
    assert any("tag" in m and "not allowed" in m for _, _, m in errs)
    assert not marker.exists()


def test_alias_bomb_is_refused_quickly(write):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    lines.append("places: *l")
    path = write("bomb.yaml", "\n".join(lines) + "\n")
    errs = only(path, "error")
    assert errs and "aliases" in errs[0][2] and "too large" in errs[0][2]


def test_load_raises_with_all_issues(write):
    path = write("g.yaml", "places:\n  - {id: a, name: A, kind: nope, lat: 1, lon: 1}\n")
    with pytest.raises(GazetteerError) as info:
        load_gazetteer(path)
    assert isinstance(info.value, ValueError)
    assert "kind 'nope'" in str(info.value)
    assert str(info.value.issues[0]).startswith(f"{path}:2:")


def test_search_texts_fold_every_name_once_per_gazetteer(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text("places:\n"
                    "  - {id: shusha, name: Shusha, kind: city, lat: 39.76, lon: 46.75, aliases: [Şuşa, Шуша]}\n"
                    "  - {id: aras, name: Aras, kind: river, lat: 39.5, lon: 46.0, aliases: [Araks]}\n",
                    encoding="utf-8")
    g = load_gazetteer(path)
    texts = g.search_texts
    assert texts == ("shusha shusha susa шуша", "aras aras araks") == tuple(map(search_text, g.places))
    assert g.search_texts is texts  # computed once, then kept with the gazetteer
