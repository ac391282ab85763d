"""``caucasusmap review …`` and how every other command honours the decisions."""

import csv
import io
import json

import pytest

from caucasusmap.cli import main

DOC = "# Notes\n\nWe crossed at Nurdüz towards Tabriz.\n\nThe Minsk Group met in Baku and Bakı; Baku again.\n"
TABRIZ = DOC.index("Tabriz")
BAKU = DOC.index("Baku")


@pytest.fixture
def data(write, tmp_path, mini_gazetteer):
    write("c/notes.md", DOC)
    return ["--gazetteer", str(mini_gazetteer), "--corpus", str(tmp_path / "c")]


@pytest.fixture
def decisions_file(tmp_path):
    return tmp_path / "c" / "annotations.jsonl"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def mentions(capsys, data, *extra):
    code, out, _ = run(capsys, "mentions", *data, *extra)
    assert code == 0
    return [json.loads(line) for line in out.splitlines()]


def test_confirm_then_mentions_show_the_status(capsys, data, decisions_file):
    code, out, err = run(capsys, "review", "confirm", "notes", str(TABRIZ), *data)
    assert code == 0, err
    assert "recorded; 1 of 5 mentions checked" in out
    assert decisions_file.exists()
    rows = mentions(capsys, data)
    assert {r["surface"]: r["status"] for r in rows}["Tabriz"] == "confirmed"
    assert [r["surface"] for r in mentions(capsys, data, "--status", "confirmed")] == ["Tabriz"]
    assert len(mentions(capsys, data, "--status", "automatic")) == 4


def test_document_by_file_name_and_place_by_name(capsys, data):
    code, _, err = run(capsys, "review", "change", "notes.md", str(TABRIZ), "Ganja", *data)
    assert code == 0, err
    (row,) = [r for r in mentions(capsys, data) if r["surface"] == "Tabriz"]
    assert (row["place"], row["status"]) == ("ganja", "corrected")


def test_apply_to_all_dry_run_counts_and_writes_nothing(capsys, data, decisions_file):
    code, out, _ = run(capsys, "review", "reject", "notes", str(BAKU), "--all", "document", "--dry-run", *data)
    assert code == 0
    assert out.splitlines()[0] == "reject 2 mentions of 'Baku' in this document"
    assert out.count("notes.md:5") == 2
    assert not decisions_file.exists()
    code, _, err = run(capsys, "review", "reject", "notes", str(BAKU), "--all", "document", *data)
    assert "reject 2 mentions of 'Baku'" in err
    assert [r["surface"] for r in mentions(capsys, data, "--status", "rejected")] == ["Baku", "Baku"]
    assert [r["surface"] for r in mentions(capsys, data)] == ["Nurdüz", "Tabriz", "Bakı"]


def test_add_and_clear(capsys, data):
    start = DOC.index("Minsk")
    code, _, err = run(capsys, "review", "add", "notes", str(start), str(start + 5), "minsk", *data)
    assert code == 0, err
    assert {r["surface"]: r["status"] for r in mentions(capsys, data)}["Minsk"] == "added"
    code, out, _ = run(capsys, "review", "clear", "notes", str(start), *data)
    assert code == 0 and "removed the add decision" in out
    assert "Minsk" not in {r["surface"] for r in mentions(capsys, data)}


def test_undo_and_redo_between_runs(capsys, data):
    run(capsys, "review", "reject", "notes", str(TABRIZ), *data)
    code, out, _ = run(capsys, "review", "undo", *data)
    assert code == 0 and "undo reject 1 mention of 'Tabriz'" in out
    assert "Tabriz" in {r["surface"] for r in mentions(capsys, data)}
    run(capsys, "review", "redo", *data)
    assert "Tabriz" not in {r["surface"] for r in mentions(capsys, data)}
    run(capsys, "review", "undo", *data)
    code, _, err = run(capsys, "review", "undo", *data)
    assert code == 2 and "nothing to undo" in err


def test_bad_requests_are_clear_errors(capsys, data):
    code, _, err = run(capsys, "review", "confirm", "notes", "0", *data)
    assert code == 2 and "nothing is linked at offset 0 of notes" in err and "Traceback" not in err
    code, _, err = run(capsys, "review", "confirm", "nowhere.md", "0", *data)
    assert code == 2 and "no document has the id or file name 'nowhere.md'" in err
    code, _, err = run(capsys, "review", "change", "notes", str(TABRIZ), "Atlantis", *data)
    assert code == 2 and "no place has the id, name or alias 'Atlantis'" in err


def test_list_validate_and_orphans(capsys, data, tmp_path):
    run(capsys, "review", "confirm", "notes", str(TABRIZ), *data)
    code, out, _ = run(capsys, "review", "list", *data)
    assert "confirm" in out and f"notes {TABRIZ}" in out
    (tmp_path / "c" / "notes.md").write_text(DOC.replace("Tabriz", "Tehran"), encoding="utf-8")
    code, out, err = run(capsys, "review", "list", *data)
    assert "ORPHANED" in out and "1 orphaned" in err
    code, out, err = run(capsys, "validate", *data)
    assert code == 0  # a warning: the decision is kept for the user to look at
    assert any(line.startswith(str(tmp_path / "c" / "annotations.jsonl") + ":2: warning:") and "orphaned" in line
               for line in out.splitlines())
    code, _, err = run(capsys, "places", *data)
    assert "1 review decision(s)" in err and "do not apply" in err


def test_broken_decisions_file_is_reported_with_its_line(capsys, data, decisions_file):
    decisions_file.write_text('{"format": "caucasusmap annotations", "version": 1}\n{"id": 3}\n', encoding="utf-8")
    code, out, _ = run(capsys, "validate", *data)
    assert code == 1 and f"{decisions_file}:2: error: decision lacks" in out
    code, _, err = run(capsys, "review", "confirm", "notes", str(TABRIZ), *data)
    assert code == 2 and "fix the file" in err


def test_exports_honour_decisions_and_the_status_filter(capsys, data, tmp_path):
    run(capsys, "review", "confirm", "notes", str(TABRIZ), *data)
    run(capsys, "review", "reject", "notes", str(BAKU), *data)
    out_csv = tmp_path / "m.csv"
    assert run(capsys, "export", *data, "--out", str(out_csv))[0] == 0
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8"))))
    assert [(r["surface"], r["status"]) for r in rows] == [
        ("Nurdüz", "automatic"), ("Tabriz", "confirmed"), ("Bakı", "automatic"), ("Baku", "automatic")]
    assert run(capsys, "export", *data, "--out", str(out_csv), "--status", "checked")[0] == 0
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8"))))
    assert [r["surface"] for r in rows] == ["Tabriz"]
    geo = tmp_path / "p.geojson"
    run(capsys, "export", *data, "--out", str(geo), "--status", "confirmed")
    assert [f["id"] for f in json.loads(geo.read_text(encoding="utf-8"))["features"]] == ["tabriz"]


def test_evaluate_against_the_decisions(capsys, data, decisions_file):
    run(capsys, "review", "confirm", "notes", str(TABRIZ), *data)      # linker right
    run(capsys, "review", "change", "notes", str(BAKU), "ganja", *data)  # linker wrong place
    start = DOC.index("Minsk")
    run(capsys, "review", "add", "notes", str(start), str(start + 5), "minsk", *data)  # linker missed it
    code, out, err = run(capsys, "evaluate", *data, "--against", str(decisions_file))
    assert code == 0, err
    assert "overall precision 0.500, recall 0.333" in out  # tp 1 (Tabriz), fp 1 (Baku), fn 2 (Baku→Ganja, Minsk)
    # The undecided mentions (Nurdüz, Bakı, the second Baku) are not counted.
    code, out, _ = run(capsys, "evaluate", *data, "--against", "annotations.jsonl")  # found in the corpus folder
    assert code == 0 and "overall precision 0.500" in out


def test_w3c_round_trip_through_the_cli(capsys, data, decisions_file, tmp_path):
    run(capsys, "review", "confirm", "notes", str(TABRIZ), *data)
    run(capsys, "review", "reject", "notes", str(BAKU), "--note", "a person here", *data)
    out = tmp_path / "anno.jsonld"
    code, _, err = run(capsys, "review", "export", "--out", str(out), *data)
    assert code == 0 and "2 W3C Web Annotations" in err
    before = sorted(decisions_file.read_text(encoding="utf-8").splitlines())
    decisions_file.unlink()
    code, text, _ = run(capsys, "review", "import", str(out), *data)
    assert code == 0 and "imported 2 decision(s); 0 skipped" in text
    assert sorted(decisions_file.read_text(encoding="utf-8").splitlines()) == before
    code, text, _ = run(capsys, "review", "import", str(out), *data)
    assert "imported 0 decision(s); 2 skipped" in text


def test_tei_export(capsys, data, tmp_path):
    import xml.etree.ElementTree as ET

    run(capsys, "review", "reject", "notes", str(BAKU), *data)
    out = tmp_path / "corpus.xml"
    code, _, err = run(capsys, "export", *data, "--out", str(out))
    assert code == 0 and "TEI" in err
    root = ET.parse(out).getroot()
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    names = [(e.text, e.get("ref")) for e in root.iterfind(".//t:body//t:placeName", ns)]
    assert names == [("Nurdüz", "#nurduz"), ("Tabriz", "#tabriz"), ("Bakı", "#baku"), ("Baku", "#baku")]


def test_queue_and_a_change_to_a_reference_place_by_id(capsys, data, decisions_file, monkeypatch):
    code, out, err = run(capsys, "review", "queue", "--format", "jsonl", *data)
    assert code == 0
    queue = [json.loads(line) for line in out.splitlines()]
    assert {q["surface"] for q in queue} >= {"Tabriz", "Baku"} and all(q["reasons"] for q in queue)
    # With the packaged reference, any of its places is a valid target, by id.
    monkeypatch.setenv("CAUCASUSMAP_REFERENCE", "")
    from caucasusmap.reference import load_reference

    yerevan = next(p.id for p in load_reference().places if p.name == "Yerevan" and p.country == "AM")
    code, out, err = run(capsys, "review", "change", "notes", str(TABRIZ), yerevan, *data)
    assert code == 0, err
    (m,) = [m for m in mentions(capsys, data) if m["start"] == TABRIZ]
    assert (m["place"], m["status"]) == (yerevan, "corrected")


def test_every_mention_view_is_one_status_filter_for_places_mentions_and_the_export(capsys, data, tmp_path):
    """The app's Show mentions entries (All, Checked only, Confirmed only,
    Unchecked only) are the command line's --status values, through the same
    view model: places, mentions and the exports count the same mentions."""
    from caucasusmap.index import open_index
    from caucasusmap.review import STATUSES, status_codes
    from caucasusmap.session import view_from_options
    from caucasusmap.viewfilters import MENTION_VIEWS

    assert run(capsys, "review", "confirm", "notes", str(TABRIZ), *data)[0] == 0
    assert run(capsys, "review", "change", "notes", str(BAKU), "tabriz", *data)[0] == 0
    index = open_index(data[1], data[3])
    seen = {}
    for name, key in MENTION_VIEWS.items():
        allowed = None if key is None else {STATUSES[c] for c in status_codes(key)}
        want = [m for m in index.mentions if allowed is None or m.status in allowed]
        rows = view_from_options(index, statuses=key).view_rows()
        assert int(rows.mentions.sum()) == len(want)
        flags = [a for s in key or () for a in ("--status", s)]
        got = mentions(capsys, data, *flags)
        assert [(r["start"], r["status"]) for r in got] == [(m.start, m.status) for m in want]
        code, out, err = run(capsys, "places", *data, "--format", "csv", *flags)
        assert code == 0, err
        counts = {r["id"]: int(r["mentions"]) for r in csv.DictReader(io.StringIO(out)) if int(r["mentions"])}
        assert counts == {p: sum(m.place == p for m in want) for p in {m.place for m in want}}
        out_file = tmp_path / f"{name}.html"
        assert run(capsys, "export", "--out", str(out_file), *data, *flags)[0] == 0
        page = out_file.read_text(encoding="utf-8")
        payload = json.loads(page.split('id="cm-data">', 1)[1].split("</script>", 1)[0])
        assert payload["meta"]["mentions"] == len(want)
        assert payload["meta"]["filters"]["statuses"] == (list(key) if key is not None else None)
        seen[name] = len(want)
    assert seen == {"all": 5, "checked": 2, "confirmed": 1, "unchecked": 3}
    code, _, err = run(capsys, "places", *data, "--status", "rejected")
    assert code != 0 and "rejected mentions are in no view" in err
