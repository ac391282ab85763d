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


def test_a_write_landing_just_after_the_swap_is_kept_in_the_backup(gaz, monkeypatch):
    """A program that opened the gazetteer just before our swap and writes just
    after our check of the displaced version wrote into a file that was then
    deleted: lost, not even in the .bak. The displaced file is the backup now."""
    g = GazetteerFile(gaz)
    late = []
    real_exchange, real_digest = fileio._exchange, fileio._digest

    def opening_exchange(a, b):
        if not late:
            late.append(open(b, "a", encoding="utf-8"))  # noqa: SIM115 - opened before the swap, written after
        return real_exchange(a, b)

    def digest_then_write(data):
        d = real_digest(data)
        if late and not late[0].closed:
            late[0].write("# written just after the check\n")
            late[0].close()
        return d

    monkeypatch.setattr(fileio, "_exchange", opening_exchange)
    monkeypatch.setattr(fileio, "_digest", digest_then_write)
    g.add_place(PLACE)
    assert late and late[0].closed
    assert "# written just after the check" in g.backup_path.read_text(encoding="utf-8")
    assert "goris" in gaz.read_text(encoding="utf-8")
    assert stat.S_IMODE(g.backup_path.stat().st_mode) == stat.S_IMODE(gaz.stat().st_mode)
    assert not [p for p in gaz.parent.iterdir() if p.name.endswith(".tmp")]
    # The next write would replace that backup: it is kept aside instead, and the write refused.
    monkeypatch.undo()
    with pytest.raises(ConflictError, match=r"wrote to its previous version .* kept in .*places\.yaml\.conflict"):
        g.add_place({**PLACE, "name": "Goris Two"})
    assert "# written just after the check" in (gaz.parent / "places.yaml.conflict").read_text(encoding="utf-8")
    assert "goris-two" not in gaz.read_text(encoding="utf-8")
    g.reload()
    g.add_place({**PLACE, "name": "Goris Two"})  # tried again: written, and the next one checks the new backup
    g.add_place({**PLACE, "name": "Goris Three"})
    text = gaz.read_text(encoding="utf-8")
    assert "goris-two" in text and "goris-three" in text and "goris-two" in g.backup_path.read_text(encoding="utf-8")
    assert sorted(p.name for p in gaz.parent.glob("places.yaml.conflict*")) == ["places.yaml.conflict"]


def test_a_write_into_our_version_during_a_refused_swap_is_kept(gaz, monkeypatch):
    """The swap is undone when the displaced version changed; a program that
    wrote to the path in that instant wrote into our version, which the undo
    takes away: it is kept beside the file and the refusal says where."""
    g = GazetteerFile(gaz)
    real = fileio._exchange
    calls = []

    def racing_exchange(a, b):
        if not calls:
            _append(b, "# external, before the swap\n")
        done = real(a, b)
        if not calls:
            _append(b, "# external, into our version\n")  # the path names our version now
        calls.append(1)
        return done

    monkeypatch.setattr(fileio, "_exchange", racing_exchange)
    with pytest.raises(ConflictError, match=r"kept in .*places\.yaml\.conflict"):
        g.add_place(PLACE)
    text = gaz.read_text(encoding="utf-8")
    assert "# external, before the swap" in text and "goris" not in text
    kept = (gaz.parent / "places.yaml.conflict").read_text(encoding="utf-8")
    assert "# external, into our version" in kept and "goris" in kept
    assert not [p for p in gaz.parent.iterdir() if p.name.endswith(".tmp")]
    with pytest.raises(ConflictError):  # a second one is not written over the first
        calls.clear()
        g.reload()
        g.add_place({**PLACE, "name": "Goris Two"})
    assert (gaz.parent / "places.yaml.conflict-2").exists()
    assert (gaz.parent / "places.yaml.conflict").read_text(encoding="utf-8") == kept


def test_a_refused_swap_and_its_retry_raise_no_false_conflict(gaz, monkeypatch):
    """A refused write has already written the backup (before its swap): the
    next write must expect that backup, not flag it as a late write."""
    g = GazetteerFile(gaz)
    g.add_place(PLACE)
    real = fileio._exchange
    calls = []

    def racing_exchange(a, b):
        if not calls:
            _append(b, "# external, at the swap\n")
        calls.append(1)
        return real(a, b)

    monkeypatch.setattr(fileio, "_exchange", racing_exchange)
    with pytest.raises(ConflictError, match="changed on disk"):
        g.add_place({**PLACE, "name": "Goris Two"})
    g.reload()
    g.add_place({**PLACE, "name": "Goris Two"})
    text = gaz.read_text(encoding="utf-8")
    assert "# external, at the swap" in text and "goris-two" in text
    assert not list(gaz.parent.glob("places.yaml.conflict*"))


def test_a_version_is_kept_aside_without_hard_links_too(tmp_path, monkeypatch):
    target = tmp_path / "places.yaml"
    (tmp_path / "places.yaml.conflict").write_text("older", encoding="utf-8")
    src = tmp_path / ".places.yaml.1.0badf00d.tmp"
    src.write_text("ours and theirs", encoding="utf-8")

    def no_links(a, b):
        raise PermissionError(1, "Operation not permitted")  # a file system without hard links

    monkeypatch.setattr(fileio.os, "link", no_links)
    kept = fileio._keep_aside(src, target)
    assert kept.name == "places.yaml.conflict-2" and kept.read_text(encoding="utf-8") == "ours and theirs"
    assert (tmp_path / "places.yaml.conflict").read_text(encoding="utf-8") == "older"


def test_a_deleted_backup_is_not_expected_at_the_next_write(gaz):
    """What the last write left in the backup is checked at the next write only
    while the backup is still that file: once it was deleted, a file put there
    afterwards (a copy restored by hand) is not a late write into our version."""
    g = GazetteerFile(gaz)
    g.add_place(PLACE)
    g.backup_path.unlink()
    g.backup_path.write_text("places: []  # restored by hand\n", encoding="utf-8")
    g.add_place({**PLACE, "name": "Goris Two"})
    assert "goris-two" in gaz.read_text(encoding="utf-8")
    assert not list(gaz.parent.glob("places.yaml.conflict*"))


def test_another_writers_backup_is_no_conflict(gaz):
    """Two writers of one file, each reloading after the other's write: the
    backup the other one left is not our previous version written to."""
    a, b = GazetteerFile(gaz), GazetteerFile(gaz)
    a.add_place(PLACE)
    b.reload()
    b.add_place({**PLACE, "name": "Goris Two"})
    a.reload()
    a.add_place({**PLACE, "name": "Goris Three"})
    text = gaz.read_text(encoding="utf-8")
    assert "goris-two" in text and "goris-three" in text
    assert not list(gaz.parent.glob("places.yaml.conflict*"))
