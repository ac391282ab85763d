"""Names by language (``names:``), the naming choice, and folder gazetteers
(loading, validation located in the right file, writes into the right file)."""

import json

import pytest

from caucasusmap.cli import main
from caucasusmap.errors import GazetteerError
from caucasusmap.export import geojson_collection, mentions_csv
from caucasusmap.gazetteer import gazetteer_files, load_gazetteer, validate_gazetteer
from caucasusmap.gazwriter import ConflictError, EditError, GazetteerFolder, open_gazetteer, set_field
from caucasusmap.index import open_index
from caucasusmap.maps import MapView, ViewError
from caucasusmap.naming import NamingError, check_naming, display_name, display_names

KHANKENDI = """
places:
  - id: khankendi
    name: Stepanakert
    names: {az: [Xankəndi, Xankendi], hy: Ստեփանակերտ, hy-Latn: Stepanakert, ru: Степанакерт}
    aliases: [Khankendi]
    kind: city
    lat: 39.8177
    lon: 46.7528
  - id: shusha
    name: Shusha
    names:
      az: Şuşa
      hy-Latn: Shushi
      hy: Շուշի
    kind: town
    lat: 39.76
    lon: 46.75
"""


def issues_of(path):
    _, issues = validate_gazetteer(path)
    return [(i.severity.value, i.path.split("/")[-1], i.line, i.message) for i in issues]


# -- names by language ----------------------------------------------------------------

def test_names_by_language_load_in_order_and_are_matched(write):
    g = load_gazetteer(write("g.yaml", KHANKENDI))
    k = g.by_id["khankendi"]
    assert k.lang_names == (("az", "Xankəndi"), ("az", "Xankendi"), ("hy", "Ստեփանակերտ"),
                            ("hy-Latn", "Stepanakert"), ("ru", "Степанакерт"))
    assert k.names_in("az") == ("Xankəndi", "Xankendi") and k.names_in("ka") == ()
    # Every name is matched once: the name, the aliases, then the names by language.
    assert k.names == ("Stepanakert", "Khankendi", "Xankəndi", "Xankendi", "Ստեփանակերտ", "Степанакерт")
    assert g.find("Ստեփանակերտ")[0].id == "khankendi"
    assert g.issues == ()


def test_names_in_every_script_link_in_text(write, tmp_path):
    gaz = write("g.yaml", KHANKENDI)
    write("c/d.txt", "From Xankəndi (Степанакерт, Ստեփանակերտ) to Shushi and Khankendi.\n")
    index = open_index(gaz, tmp_path / "c")
    assert [(m.surface, m.place) for m in index.mentions] == [
        ("Xankəndi", "khankendi"), ("Степанакерт", "khankendi"), ("Ստեփանակերտ", "khankendi"),
        ("Shushi", "shusha"), ("Khankendi", "khankendi")]


@pytest.mark.parametrize(("names", "message"), [
    ("names: Xankəndi", "names must be a mapping from language to name"),
    ("names: [Xankəndi]", "names must be a mapping from language to name"),
    ("names: {Azeri: Xankəndi}", "'Azeri' is not a language tag like 'az'"),
    ("names: {hy-latn: Stepanakert}", "'hy-latn' is not a language tag"),
    ("names: {az: []}", "names.az is an empty list"),
    ("names: {az: {x: 1}}", "names.az must be text, not a mapping"),
    ("names: {az: [[Xankəndi]]}", "each entry of names.az must be a string"),
    ("names: {az: '--'}", "'--' has no letters or digits"),
    ("names: {az: ''}", "names.az is empty"),
])
def test_bad_names_are_located_errors(write, names, message):
    path = write("g.yaml", f"""
        places:
          - id: khankendi
            name: Stepanakert
            {names}
            kind: city
            lat: 39.8
            lon: 46.75
        """)
    errors = [i for i in issues_of(path) if i[0] == "error"]
    assert errors and errors[0][1] == "g.yaml" and errors[0][2] == 4, errors
    assert message in errors[0][3]
    with pytest.raises(GazetteerError):
        load_gazetteer(path)


def test_duplicate_language_is_an_error_on_its_line(write):
    path = write("g.yaml", """
        places:
          - id: k
            name: Stepanakert
            names:
              az: Xankəndi
              az: Xankendi
            kind: city
            lat: 39.8
            lon: 46.75
        """)
    (err,) = [i for i in issues_of(path) if i[0] == "error"]
    assert err[2] == 6 and "language 'az' appears twice" in err[3]


def test_unknown_language_and_mismatched_english_name_warn(write):
    path = write("g.yaml", """
        places:
          - id: k
            name: Stepanakert
            names: {de: Stepanakert, hye: Ստեփանակերտ, en: Khankendi}
            kind: city
            lat: 39.8
            lon: 46.75
        """)
    warnings = [i[3] for i in issues_of(path) if i[0] == "warning"]
    assert any("language 'de' is not one caucasusmap knows" in w for w in warnings)
    assert any("'hye'" in w and "did you mean 'hy'" in w for w in warnings)
    assert any("names.en starts with 'Khankendi' but the place's name is 'Stepanakert'" in w for w in warnings)
    assert load_gazetteer(path).by_id["k"].names_in("de") == ("Stepanakert",)  # still usable


def test_exclude_may_name_a_language_name(write):
    path = write("g.yaml", """
        places:
          - id: shusha
            name: Shusha
            names: {hy-Latn: Shushi}
            exclude: [Shushi Ltd]
            kind: town
            lat: 39.76
            lon: 46.75
        """)
    assert not [i for i in issues_of(path) if "no effect" in i[3]]


# -- the naming choice -----------------------------------------------------------------

def test_display_name_for_each_naming(write):
    g = load_gazetteer(write("g.yaml", KHANKENDI))
    k, s = g.by_id["khankendi"], g.by_id["shusha"]
    assert [display_name(k, n) for n in ("en", "az", "hy", "hy-Latn", "ru", "fa")] == [
        "Stepanakert", "Xankəndi", "Ստեփանակերտ", "Stepanakert", "Степанакерт", "Stepanakert"]
    assert display_name(s, "hy-Latn") == "Shushi" and display_name(s, "az") == "Şuşa"
    assert display_name(s, "text") == "Shusha" and display_name(s, "text", "Shushi") == "Shushi"
    assert display_names(g.places, "az") == {"khankendi": "Xankəndi", "shusha": "Şuşa"}
    for naming in ("en", "hy-Latn", "text"):  # the default naming's shortcut gives what display_name gives
        assert display_names(g.places, naming, {"shusha": "Shushi"}) == {
            p.id: display_name(p, naming, "Shushi" if p.id == "shusha" else None) for p in g.places}
    with pytest.raises(NamingError, match="unknown naming 'armenian'.*hy-Latn"):
        check_naming("armenian")


def test_views_and_exports_follow_the_naming(write, tmp_path):
    gaz = write("g.yaml", KHANKENDI)
    write("c/d.txt", "Khankendi and Khankendi, once Stepanakert; Shushi.\n")
    index = open_index(gaz, tmp_path / "c")
    names = {f["id"]: f["properties"]["name"] for f in geojson_collection(index, MapView(naming="az"))["features"]}
    assert names == {"khankendi": "Xankəndi", "shusha": "Şuşa"}
    feature = geojson_collection(index, MapView(naming="hy-Latn"))["features"][0]
    assert feature["properties"]["names"]["az"] == ["Xankəndi", "Xankendi"]
    text = {f["id"]: f["properties"]["name"] for f in geojson_collection(index, MapView(naming="text"))["features"]}
    assert text == {"khankendi": "Khankendi", "shusha": "Shushi"}  # the corpus's own most frequent forms
    assert "khankendi,Ստեփանակերտ" in mentions_csv(index, MapView(naming="hy"))
    with pytest.raises(ViewError, match="unknown naming"):
        geojson_collection(index, MapView(naming="xx"))


def test_cli_naming_option(write, tmp_path, capsys):
    gaz = write("g.yaml", KHANKENDI)
    write("c/d.txt", "Khankendi and Shusha.\n")
    common = ["--gazetteer", str(gaz), "--corpus", str(tmp_path / "c"), "--no-cache"]
    assert main(["places", *common, "--naming", "hy-Latn", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["id"]: r["name"] for r in rows} == {"khankendi": "Stepanakert", "shusha": "Shushi"}
    assert {r["id"]: r["file"] for r in rows} == {"khankendi": "g.yaml:2", "shusha": "g.yaml:9"}
    assert main(["mentions", *common, "--naming", "az"]) == 0
    assert [json.loads(line)["name"] for line in capsys.readouterr().out.splitlines()] == ["Xankəndi", "Şuşa"]
    with pytest.raises(SystemExit):
        main(["places", *common, "--naming", "klingon"])
    assert "invalid choice: 'klingon'" in capsys.readouterr().err


# -- folder gazetteers -----------------------------------------------------------------

def test_folder_loads_every_yaml_file_in_name_order(write, tmp_path):
    write("gaz/b-iran.yaml", "places:\n  - {id: tabriz, name: Tabriz, kind: city, lat: 38.08, lon: 46.29}\n")
    write("gaz/a-armenia.yaml", "places:\n  - {id: kapan, name: Kapan, kind: city, lat: 39.2, lon: 46.4}\n")
    write("gaz/README.md", "not a gazetteer\n")
    write("gaz/a-armenia.yaml.bak", "broken: [\n")
    write("gaz/.hidden.yaml", "broken: [\n")
    folder = tmp_path / "gaz"
    assert [p.name for p in gazetteer_files(folder)] == ["a-armenia.yaml", "b-iran.yaml"]
    g = load_gazetteer(folder)
    assert [p.id for p in g.places] == ["kapan", "tabriz"]
    assert g.by_id["tabriz"].file == str(folder / "b-iran.yaml") and g.by_id["tabriz"].line == 2
    assert [f.split("/")[-1] for f in g.files] == ["a-armenia.yaml", "b-iran.yaml"]
    write("c/d.txt", "Kapan to Tabriz.\n")
    assert [m.place for m in open_index(folder, tmp_path / "c").mentions] == ["kapan", "tabriz"]


def test_folder_problems_are_located_in_their_file(write, tmp_path):
    write("gaz/a.yaml", """
        places:
          - {id: kapan, name: Kapan, aliases: [Qafan], kind: city, lat: 39.2, lon: 46.4}
        """)
    write("gaz/b.yaml", """
        places:
          - {id: goris, name: Goris, kind: town, lat: 39.5, lon: 46.3}
          - {id: kapan, name: Kapan town, kind: town, lat: 39.2, lon: 46.4}
          - {id: qafan, name: Qafan, kind: town, lat: 39.2, lon: 46.4}
          - {id: bad, name: Bad, kind: hamlet, lat: 39.2, lon: 46.4}
        """)
    found = issues_of(tmp_path / "gaz")
    assert ("error", "b.yaml", 3, "duplicate id 'kapan': already used by the place at a.yaml:2") in found
    assert any(f[:3] == ("error", "b.yaml", 5) and "kind 'hamlet'" in f[3] for f in found)
    assert ("warning", "b.yaml", 4, "name or alias 'qafan' of 'qafan' is also a name of 'kapan' (a.yaml:2); "
            "with the reference gazetteer each mention is decided from its context, without it mentions go to "
            "'kapan'") in found
    assert [f[1] for f in found] == sorted(f[1] for f in found)  # by file, then line
    with pytest.raises(GazetteerError):
        open_index(tmp_path / "gaz", tmp_path)


def test_empty_folder_and_unreadable_file_are_clear_errors(tmp_path, write):
    (tmp_path / "empty").mkdir()
    (issue,) = validate_gazetteer(tmp_path / "empty")[1]
    assert issue.is_error and "no gazetteer files" in issue.message
    with pytest.raises(GazetteerError):
        open_index(tmp_path / "empty", tmp_path)
    write("bad/a.yaml", b"places:\n  - id: \xff\n")
    with pytest.raises(GazetteerError) as info:
        open_index(tmp_path / "bad", tmp_path)
    assert "a.yaml:2" in str(info.value.issues[0])


FOLDER_A = "places:\n\n  - id: kapan\n    name: Kapan\n    kind: city\n    lat: 39.2\n    lon: 46.4\n"
FOLDER_B = "# Iran\nplaces:\n  - id: tabriz\n    name: Tabriz\n    aliases: [Tebriz]\n    kind: city\n" \
           "    lat: 38.08\n    lon: 46.29\n"


@pytest.fixture
def folder(write, tmp_path):
    write("gaz/armenia.yaml", FOLDER_A)
    write("gaz/iran.yaml", FOLDER_B)
    return tmp_path / "gaz"


def test_folder_edits_go_to_the_file_of_the_place(folder):
    gf = open_gazetteer(folder)
    assert isinstance(gf, GazetteerFolder)
    gf.edit(lambda t: set_field(t, "tabriz", "lat", 38.1), place="tabriz")
    assert (folder / "iran.yaml").read_text() == FOLDER_B.replace("38.08", "38.1")
    assert (folder / "armenia.yaml").read_text() == FOLDER_A
    assert gf.path == folder / "iran.yaml" and (folder / "iran.yaml.bak").read_text() == FOLDER_B
    with pytest.raises(EditError, match="which place"):
        gf.edit(lambda t: t)
    with pytest.raises(EditError, match="no place has the id 'nowhere'"):
        gf.edit(lambda t: t, place="nowhere")
    gf.undo()
    assert (folder / "iran.yaml").read_text() == FOLDER_B and not gf.can_undo


def test_folder_new_places_go_to_places_yaml_or_the_named_file(folder):
    gf = open_gazetteer(folder)
    line = gf.add_place({"name": "Goris", "kind": "town", "lat": 39.51, "lon": 46.34})
    added = (folder / "places.yaml").read_text()
    assert added.startswith("# Places added with caucasusmap") and "- id: goris" in added and line == 3
    gf.add_place({"name": "Meghri", "kind": "town", "lat": 38.9, "lon": 46.24}, into="armenia.yaml")
    assert (folder / "armenia.yaml").read_text().startswith(FOLDER_A) and "id: meghri" in \
        (folder / "armenia.yaml").read_text()
    assert {p.id for p in load_gazetteer(folder).places} == {"kapan", "tabriz", "goris", "meghri"}
    # An id used in another file is refused, and nothing is written.
    with pytest.raises(EditError, match="duplicate id 'tabriz'"):
        gf.add_place({"name": "Tabriz", "kind": "city", "lat": 38.0, "lon": 46.3}, into="armenia.yaml")
    with pytest.raises(EditError, match="not a path"):
        gf.add_place({"name": "X", "kind": "town", "lat": 39.0, "lon": 46.0}, into="../x.yaml")
    gf.undo()
    gf.undo()
    assert (folder / "armenia.yaml").read_text() == FOLDER_A and "goris" not in (folder / "places.yaml").read_text()


def test_folder_write_refused_when_the_file_changed_on_disk(folder):
    gf = open_gazetteer(folder)
    gf.file_of("kapan")  # read now
    (folder / "armenia.yaml").write_text(FOLDER_A + "\n# edited by hand\n")
    with pytest.raises(ConflictError):
        gf.edit(lambda t: set_field(t, "kapan", "lat", 39.21), place="kapan")
    assert (folder / "armenia.yaml").read_text().endswith("# edited by hand\n")


def test_cli_add_place_into_a_folder(folder, tmp_path, capsys, write):
    write("c/d.txt", "Goris and Kapan.\n")
    common = ["--gazetteer", str(folder), "--corpus", str(tmp_path / "c"), "--no-cache"]
    assert main(["add-place", "Goris", "--lat", "39.51", "--lon", "46.34", "--kind", "town",
                 "--into", "armenia.yaml", *common]) == 0
    out = capsys.readouterr().out
    assert f"{folder / 'armenia.yaml'}:9: added 'goris'" in out and "mentioned 1 time(s)" in out
    assert main(["validate", *common]) == 0


def test_unmentioned_places_are_located_in_their_own_file(folder, tmp_path, write):
    write("c/d.txt", "Tabriz only.\n")
    index = open_index(folder, tmp_path / "c", use_cache=False)
    issues = {i.message.split("'")[1]: i for i in index.unmentioned_issues()}
    assert "tabriz" not in issues and issues
    for place_id, issue in issues.items():
        place = index.gazetteer.by_id[place_id]
        assert str(issue.path) == place.file and issue.line == place.line
