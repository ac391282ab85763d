"""Issue 9, findings 5, 6 and 7: writes never lose an edit made elsewhere,
never break links, never replace a read-only file, keep modes, encodings and
line ends, and clean up after a killed writer."""

from __future__ import annotations

import codecs
import os
import stat
import subprocess
import sys

import pytest

from caucasusmap import fileio, paths
from caucasusmap.cli import main
from caucasusmap.errors import ConflictError, ReadOnlyError
from caucasusmap.gazwriter import GazetteerFile

PLACE = {"name": "Goris", "kind": "town", "lat": 39.51, "lon": 46.34}


@pytest.fixture
def gaz(mini_gazetteer):
    return mini_gazetteer


def test_a_symlinked_gazetteer_is_written_through(tmp_path, gaz):
    link = tmp_path / "link.yaml"
    link.symlink_to(gaz.name)
    GazetteerFile(link).add_place(PLACE)
    assert link.is_symlink() and os.readlink(link) == gaz.name
    assert "goris" in gaz.read_text(encoding="utf-8")


def test_a_hard_linked_gazetteer_stays_one_file(tmp_path, gaz):
    other = tmp_path / "other-name.yaml"
    os.link(gaz, other)
    GazetteerFile(gaz).add_place(PLACE)
    assert os.path.samefile(gaz, other) and os.stat(gaz).st_nlink == 2
    assert "goris" in other.read_text(encoding="utf-8")
    assert "goris" not in (tmp_path / "places.yaml.bak").read_text(encoding="utf-8")


def test_export_onto_a_symlink_writes_the_target(tmp_path, gaz, write):
    write("c/a.md", "Tabriz.\n")
    real = tmp_path / "real.geojson"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "out.geojson"
    link.symlink_to(real)
    assert main(["--gazetteer", str(gaz), "--corpus", str(tmp_path / "c"), "export", "--out", str(link)]) == 0
    assert link.is_symlink() and "FeatureCollection" in real.read_text(encoding="utf-8")


def test_a_read_only_gazetteer_is_refused_with_the_reason(tmp_path, gaz, capsys, write):
    before = gaz.read_bytes()
    gaz.chmod(0o444)
    with pytest.raises(ReadOnlyError, match=r"read-only \(mode 0444\)"):
        GazetteerFile(gaz).add_place(PLACE)
    write("c/a.md", "Goris.\n")
    code = main(["--gazetteer", str(gaz), "--corpus", str(tmp_path / "c"), "add-place", "Goris", "--lat", "39.5",
                 "--lon", "46.3"])
    assert code == 2 and "read-only" in capsys.readouterr().err
    assert gaz.read_bytes() == before and stat.S_IMODE(gaz.stat().st_mode) == 0o444
    assert not (tmp_path / "places.yaml.bak").exists()


def test_the_backup_keeps_the_files_mode(tmp_path, gaz):
    gaz.chmod(0o600)
    bak = tmp_path / "places.yaml.bak"
    bak.write_text("an older backup", encoding="utf-8")
    bak.chmod(0o644)
    GazetteerFile(gaz).add_place(PLACE)
    assert stat.S_IMODE(gaz.stat().st_mode) == 0o600
    assert stat.S_IMODE(bak.stat().st_mode) == 0o600


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
                                           ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE),
                                           ("utf-8", codecs.BOM_UTF8)])
def test_the_encoding_and_bom_are_kept(gaz, encoding, bom):
    text = gaz.read_text(encoding="utf-8")
    gaz.write_bytes(bom + text.encode(encoding))
    GazetteerFile(gaz).add_place(PLACE)
    data = gaz.read_bytes()
    assert data.startswith(bom)
    after = data[len(bom):].decode(encoding)
    assert after.startswith(text) and "id: goris" in after


def test_cr_only_line_ends_are_kept(gaz):
    text = gaz.read_text(encoding="utf-8").replace("\n", "\r")
    gaz.write_bytes(text.encode("utf-8"))
    g = GazetteerFile(gaz)
    g.add_place(PLACE)
    data = gaz.read_bytes()
    assert b"\n" not in data and data.startswith(text.encode("utf-8")) and b"id: goris\r" in data
    g.undo()
    assert gaz.read_bytes() == text.encode("utf-8")


def test_stray_temporary_files_of_a_killed_writer_are_cleaned(tmp_path, gaz):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stray = tmp_path / f".places.yaml.{dead.stdout.strip()}.0badf00d.tmp"
    stray.write_text("half", encoding="utf-8")
    old = tmp_path / ".places.yaml.k2j4h5g6.tmp"  # an older writer's mkstemp name
    old.write_text("half", encoding="utf-8")
    os.utime(old, (1, 1))
    mine = tmp_path / f".places.yaml.{os.getpid()}.12345678.tmp"  # a live writer's: left alone
    mine.write_text("in use", encoding="utf-8")
    GazetteerFile(gaz).add_place(PLACE)
    assert not stray.exists() and not old.exists() and mine.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp") and p != mine]


def test_installed_package_data_is_never_written(tmp_path, gaz, monkeypatch):
    monkeypatch.setattr(paths, "_roots", lambda: (tmp_path, True))
    with pytest.raises(ReadOnlyError, match="installed caucasusmap package"):
        GazetteerFile(gaz).add_place(PLACE)


# -- finding 6: undo never discards an external edit ----------------------------------------------

def test_a_second_undo_after_an_external_edit_is_refused(gaz):
    g = GazetteerFile(gaz)
    g.add_place(PLACE)
    with gaz.open("a", encoding="utf-8") as f:
        f.write("# added in an editor\n")
    with pytest.raises(ConflictError):
        g.undo()  # refused: the file changed
    g.reload()    # what the app does after a refusal
    with pytest.raises(ConflictError, match="changed in another program"):
        g.undo()  # used to succeed and delete the editor's line
    assert "# added in an editor" in gaz.read_text(encoding="utf-8") and "goris" in gaz.read_text(encoding="utf-8")
    assert not g.can_undo


# -- finding 5: a change landing during the write is kept ---------------------------------------------

def _append(path, line):
    with open(path, "a", encoding="utf-8") as f:
        f.write(line)


def test_an_edit_landing_after_the_first_check_is_kept(gaz, monkeypatch):
    g = GazetteerFile(gaz)
    real = fileio._write_tmp

    def slow_write(target, data, mode):  # the other program writes while ours is being prepared
        tmp = real(target, data, mode)
        if target == gaz:
            _append(gaz, "# external, during the write\n")
        return tmp

    monkeypatch.setattr(fileio, "_write_tmp", slow_write)
    with pytest.raises(ConflictError):
        g.add_place(PLACE)
    text = gaz.read_text(encoding="utf-8")
    assert "# external, during the write" in text and "goris" not in text


def test_an_edit_landing_during_the_swap_is_given_back(gaz, monkeypatch):
    g = GazetteerFile(gaz)
    real = fileio._exchange
    calls = []

    def racing_exchange(a, b):
        if not calls:  # the other program appends to the old file just as it is swapped out
            _append(b, "# external, at the swap\n")
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(fileio, "_exchange", racing_exchange)
    with pytest.raises(ConflictError):
        g.add_place(PLACE)
    text = gaz.read_text(encoding="utf-8")
    assert "# external, at the swap" in text and "goris" not in text
    assert len(calls) == 2  # swapped, then swapped back
