"""Each CLI command end to end (in process, and once through the real entry points)."""

import csv
import io
import json
import subprocess
import sys

import pytest

from caucasusmap.cli import main

DOC = "# Notes\n\nWe crossed at Nurdüz towards Tabriz.\n\nThe Minsk Group met in Baku and Bakı.\n"


@pytest.fixture
def data(write, tmp_path, mini_gazetteer):
    write("c/notes.md", DOC)
    return ["--gazetteer", str(mini_gazetteer), "--corpus", str(tmp_path / "c")]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_places(capsys, data):
    code, out, err = run(capsys, "places", *data)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "name", "kind", "mentions", "documents"]
    assert lines[2].split() == ["baku", "Baku", "city", "2", "1"]
    assert any(line.split()[:2] == ["minsk", "Minsk"] and line.split()[-2:] == ["0", "0"] for line in lines)
    assert "12 places, 3 mentioned" in err


def test_places_options_and_formats(capsys, data):
    code, out, _ = run(capsys, *data, "places", "--mentioned", "--format", "csv", "--sort", "name")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == ["baku", "nurduz", "tabriz"]
    code, out, _ = run(capsys, "places", *data, "--kind", "city", "--format", "jsonl")
    assert {json.loads(line)["kind"] for line in out.splitlines()} == {"city"}


def test_passages_by_alias_with_highlight(capsys, data):
    code, out, _ = run(capsys, "passages", "Bakı", *data)
    assert code == 0
    assert out.splitlines()[0] == "Baku (baku): 2 mention(s) in 1 passage(s), 1 document(s)"
    assert "The Minsk Group met in [Baku] and [Bakı]." in out
    assert "notes ¶3 · Notes  (notes.md:5)" in out
    code, out, _ = run(capsys, "passages", "nurduz", *data, "--color", "always")
    assert "\x1b[1;30;43mNurdüz\x1b[0m" in out


def test_passages_several_places(capsys, data):
    _, out, _ = run(capsys, "passages", "baku", "tabriz", *data, "--mode", "any")
    assert "2 passage(s)" in out.splitlines()[0]
    _, out, _ = run(capsys, "passages", "baku", "tabriz", *data)
    assert "0 passage(s)" in out.splitlines()[0]


def test_passages_unknown_place_is_a_clear_error(capsys, data):
    code, out, err = run(capsys, "passages", "Tabris", *data)
    assert code == 2 and "no place has the id, name or alias 'Tabris'; did you mean 'tabriz'?" in err
    assert "Traceback" not in err


def test_mentions_jsonl_and_csv(capsys, data, tmp_path):
    code, out, _ = run(capsys, "mentions", *data)
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["surface"] for r in records] == ["Nurdüz", "Tabriz", "Baku", "Bakı"]
    first = records[0]
    assert set(first) >= {"path", "document", "passage", "start", "end", "surface", "place", "name", "kind",
                          "lat", "lon"}
    text = (tmp_path / "c" / "notes.md").read_text(encoding="utf-8")
    for r in records:
        assert text[r["start"]:r["end"]] == r["surface"]
    assert first["line"] == 3 and first["place"] == "nurduz" and first["passage"] == "notes#2"
    code, out, _ = run(capsys, "mentions", *data, "--format", "csv", "--place", "baku")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["surface"] for r in rows] == ["Baku", "Bakı"]


def test_validate_clean_and_broken(capsys, data, write):
    code, out, err = run(capsys, "validate", *data)
    assert code == 0
    # Unmentioned places are one note line by default, a warning each on request.
    assert "no passage of the corpus mentions" not in out
    notes = [line for line in out.splitlines() if ": note: " in line and "not mentioned" in line]
    assert len(notes) == 1 and "validate --unmentioned" in notes[0], out
    count = int(notes[0].split(": note: ")[1].split()[0])
    assert f"{count} not mentioned in the corpus" in err and "0 warning(s)" in err
    code, out, err = run(capsys, "validate", "--unmentioned", *data)
    assert code == 0 and "not mentioned in the corpus (" not in out
    each = [line for line in out.splitlines() if "warning: no passage of the corpus mentions" in line]
    assert len(each) == count and any("'minsk'" in line for line in each)
    assert f"{count} warning(s)" in err
    code, out, err = run(capsys, "places", "--unmentioned", "--format", "jsonl", *data)
    listed = [json.loads(line) for line in out.splitlines()]
    assert len(listed) == count and "minsk" in {r["id"] for r in listed} and {r["mentions"] for r in listed} == {0}
    bad = write("bad.yaml", "places:\n  - {id: a, name: A, kind: cty, lat: 1, lon: 1}\n  - {id: a, name: B}\n")
    code, out, err = run(capsys, "validate", "--gazetteer", str(bad), *data[2:])
    assert code == 1
    assert f"{bad}:2:" in out and "error: kind 'cty'" in out
    assert "missing required key(s) kind, lat, lon" in out
    assert "2 error(s)" in err or "3 error(s)" in err


def test_commands_refuse_a_gazetteer_with_errors(capsys, data, write):
    bad = write("bad.yaml", "places:\n  - {id: a, name: A, kind: cty, lat: 1, lon: 1}\n")
    code, out, err = run(capsys, "places", "--gazetteer", str(bad), *data[2:])
    assert code == 2 and out == ""
    assert f"{bad}:2:" in err and "has errors; fix them" in err and "Traceback" not in err


def test_missing_corpus_is_a_clear_error(capsys, data, tmp_path):
    code, _, err = run(capsys, "places", data[0], data[1], "--corpus", str(tmp_path / "nowhere"))
    assert code == 2 and "corpus folder does not exist" in err


def test_overview(capsys, data):
    code, out, _ = run(capsys, "overview", *data)
    assert code == 0 and "1 document, 12 places, 4 mentions" in out
    assert "\n  3 passages; most mentioned" in out


def test_overview_counts_in_words(capsys, write, tmp_path, mini_gazetteer):
    write("c/one.md", "A note from Baku.\n")
    code, out, _ = run(capsys, "overview", "--gazetteer", str(mini_gazetteer), "--corpus", str(tmp_path / "c"))
    assert code == 0 and "1 document, 12 places, 1 mention\n" in out and "\n  1 passage; most mentioned" in out


def test_help_for_every_command(capsys):
    for command in ("places", "passages", "mentions", "validate", "evaluate", "export", "add-place", "candidates"):
        with pytest.raises(SystemExit) as info:
            main([command, "--help"])
        assert info.value.code == 0
        assert "--gazetteer" in capsys.readouterr().out


def test_entry_points_version_and_module():
    for cmd in ([sys.executable, "-m", "caucasusmap", "--version"],):
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0 and result.stdout.startswith("caucasusmap ")


def test_export_formats_and_options(capsys, data, tmp_path):
    out = tmp_path / "view.html"
    code, _, err = run(capsys, "export", "--out", str(out), *data, "--select", "Bakı", "--center", "40.4,49.8",
                       "--zoom", "8", "--title", "Baku & friends")
    assert code == 0 and "self-contained HTML explorer" in err
    html = out.read_text(encoding="utf-8")
    assert "<title>Baku &amp; friends — caucasusmap</title>" in html
    assert '"center":[40.4,49.8],"zoom":8' in html
    code, _, _ = run(capsys, "export", "--out", str(tmp_path / "v.geojson"), *data)
    fc = json.loads((tmp_path / "v.geojson").read_text(encoding="utf-8"))
    assert {f["id"] for f in fc["features"]} == {"baku", "nurduz", "tabriz"}
    code, _, _ = run(capsys, "export", "--out", str(tmp_path / "v.jsonld"), *data, "--format", "lpf",
                     "--place", "tabriz")
    assert [f["@id"] for f in json.loads((tmp_path / "v.jsonld").read_text())["features"]] == ["caucasusmap:tabriz"]
    code, _, _ = run(capsys, "export", "--out", str(tmp_path / "m.csv"), *data, "--document", "notes")
    assert len((tmp_path / "m.csv").read_text(encoding="utf-8").splitlines()) == 1 + 4


def test_export_bad_options_are_clear(capsys, data, tmp_path):
    out = str(tmp_path / "x.html")
    code, _, err = run(capsys, "export", "--out", out, *data, "--document", "nope")
    assert code == 2 and "no document has the id 'nope'" in err
    code, _, err = run(capsys, "export", "--out", out, *data, "--center", "40,46")
    assert code == 2 and "--center and --zoom go together" in err
    with pytest.raises(SystemExit):
        main(["export", "--out", out, *data, "--center", "north", "--zoom", "5"])
    assert "expected LAT,LON" in capsys.readouterr().err
    code, _, err = run(capsys, "export", "--out", str(tmp_path / "no" / "dir" / "x.html"), *data)
    assert code == 2 and "cannot write" in err and "Traceback" not in err


def test_places_near_and_inside_on_the_bundled_data(capsys):
    code, out, _ = run(capsys, "places", "--inside", "Aras", "--km", "10", "--format", "jsonl")
    found = {json.loads(line)["id"]: json.loads(line)["km"] for line in out.splitlines()}
    assert code == 0 and found["nurduz"] < 1 and found["khudafarin-bridges"] < 1 and "tabriz" not in found
    code, out, _ = run(capsys, "places", "--near", "kapan", "--km", "60")
    lines = out.splitlines()
    assert lines[0].split()[-1] == "km"
    distances = [float(line.split()[-1]) for line in lines[2:]]
    assert distances == sorted(distances) and all(d <= 60 for d in distances) and distances
    assert "kapan " not in out.split("\n", 2)[2]  # the centre itself is not listed


def test_candidates_command(capsys, tmp_path):
    import shutil

    from _data import BUNDLED_CORPUS, BUNDLED_GAZETTEER

    shutil.copytree(BUNDLED_GAZETTEER, tmp_path / "gazetteer")
    args = ["--gazetteer", str(tmp_path / "gazetteer"), "--corpus", str(BUNDLED_CORPUS)]
    code, out, _ = run(capsys, "candidates", *args, "--limit", "10", "--format", "jsonl")
    found = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(found) == 10 and all(c["count"] >= 1 and c["evidence"] for c in found)
    top = found[0]["name"]
    code, _, err = run(capsys, "candidates", *args, "--ignore", top)
    assert code == 0 and "added" in err and (tmp_path / "gazetteer" / "not-places.txt").exists()
    code, out, _ = run(capsys, "candidates", *args, "--limit", "10", "--format", "jsonl")
    assert top not in [json.loads(line)["name"] for line in out.splitlines()]


def test_view_options_are_the_same_everywhere(capsys, write, tmp_path, mini_gazetteer):
    """--document and --hide-references mean the same view in every command
    (they build the app's view model, session.Session)."""
    write("v/a.md", "# A\n\nTabriz and Baku.\n\n## References\n\nBaku: Press.\n")
    write("v/b.md", "Baku again.\n")
    data = ["--gazetteer", str(mini_gazetteer), "--corpus", str(tmp_path / "v")]
    _, out, _ = run(capsys, "passages", "baku", *data)
    assert out.splitlines()[0] == "Baku (baku): 3 mention(s) in 3 passage(s), 2 document(s)"
    _, out, _ = run(capsys, "passages", "baku", *data, "--document", "a", "--hide-references")
    assert out.splitlines()[0] == "Baku (baku): 1 mention(s) in 1 passage(s), 1 document(s)"
    _, out, _ = run(capsys, "places", *data, "--document", "b", "--format", "jsonl", "--mentioned")
    assert [(r["id"], r["mentions"], r["documents"]) for r in map(json.loads, out.splitlines())] == [("baku", 1, 1)]
    _, out, _ = run(capsys, "mentions", *data, "--hide-references", "--place", "Baku")
    assert [(r["document"], r["surface"]) for r in map(json.loads, out.splitlines())] == [("a", "Baku"), ("b", "Baku")]
    code, _, err = run(capsys, "passages", "baku", *data, "--document", "nope")
    assert code == 2 and "no document has the id 'nope'" in err
