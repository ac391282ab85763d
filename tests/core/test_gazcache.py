"""The validated gazetteer stored in the cache directory (caucasusmap.gazcache)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from caucasusmap import gazcache, gazetteer
from caucasusmap.errors import GazetteerError
from caucasusmap.gazetteer import load_gazetteer, validate_gazetteer
from caucasusmap.paths import cache_dir

ONE = """
places:
  - id: aras
    name: Aras
    kind: river
    lat: 39.0
    lon: 46.0
    aliases: [Araz, Arax]
    exclude: [Araz Aslanlı]
    names: {en: [Aras], az: [Araz]}
    links: {wikidata: Q170237}
    geometry: {type: LineString, coordinates: [[45.0, 39.5], [46.0, 39.0], [47.0, 39.2]]}
  - id: lake-sevan
    name: Lake Sevan
    kind: lake
    lat: 40.35
    lon: 45.2
    geometry:
      type: Polygon
      coordinates: [[[45.0, 40.1], [45.5, 40.1], [45.5, 40.6], [45.0, 40.6], [45.0, 40.1]]]
    note: a lake
  - id: shusha
    name: Shusha
    kind: town
    lat: 39.76
    lon: 46.75
    colour: red
"""

TWO = """
places:
  - id: sushi
    name: Shusha
    kind: town
    lat: 39.76
    lon: 46.75
  - id: kapan
    name: Kapan
    kind: citty
    lat: 39.2
    lon: 46.4
"""


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "gaz"
    root.mkdir()
    (root / "a.yaml").write_text(textwrap.dedent(ONE).lstrip(), encoding="utf-8")
    (root / "b.yaml").write_text(textwrap.dedent(TWO).lstrip(), encoding="utf-8")
    return root


def entries() -> list:
    return sorted((cache_dir() / gazcache.FOLDER).glob("*.json"))


def fresh(monkeypatch, path):
    """Validation without the cache, for comparison."""
    with monkeypatch.context() as m:
        m.setattr(gazcache, "load", lambda key: None)
        m.setattr(gazcache, "save", lambda key, places, issues: None)
        return validate_gazetteer(path)


def same(a, b) -> None:
    """Places equal in every field (geometry and file too, which equality
    leaves out) and with the same types; issues equal and in the same order."""
    (pa, ia), (pb, ib) = a, b
    assert [repr(p) for p in pa] == [repr(p) for p in pb]
    assert [(p.file, p.geometry) for p in pa] == [(p.file, p.geometry) for p in pb]
    for x, y in zip(pa, pb):
        if x.geometry is not None:
            assert type(x.geometry["coordinates"][0]) is type(y.geometry["coordinates"][0])
            assert type(x.geometry["coordinates"][0][0]) is type(y.geometry["coordinates"][0][0])
    assert ia == ib and [str(i) for i in ia] == [str(i) for i in ib]


def test_a_second_validation_comes_from_the_cache_with_the_same_issues_and_lines(folder, monkeypatch):
    first = validate_gazetteer(folder)
    assert len(entries()) == 1
    assert any(i.is_error for i in first[1]) and any(not i.is_error for i in first[1])
    assert {i.line for i in first[1]} - {0}  # located issues, in both files
    assert {os.path.basename(i.path) for i in first[1]} == {"a.yaml", "b.yaml"}

    def never(*args):
        raise AssertionError("validated again")

    monkeypatch.setattr(gazetteer, "_validate_files", never)
    cached = validate_gazetteer(folder)
    monkeypatch.undo()
    same(cached, first)
    same(cached, fresh(monkeypatch, folder))


def test_load_gazetteer_raises_the_same_located_errors_from_the_cache(folder):
    with pytest.raises(GazetteerError) as one:
        load_gazetteer(folder)
    with pytest.raises(GazetteerError) as two:
        load_gazetteer(folder)
    assert [str(i) for i in one.value.issues] == [str(i) for i in two.value.issues]
    assert len(entries()) == 1


def test_an_edit_of_any_file_is_validated_afresh(folder, monkeypatch):
    validate_gazetteer(folder)
    b = folder / "b.yaml"
    b.write_text(b.read_text(encoding="utf-8").replace("citty", "city"), encoding="utf-8")
    places, issues = validate_gazetteer(folder)
    assert "kapan" in {p.id for p in places}
    assert not any("citty" in i.message for i in issues)
    assert len(entries()) == 2
    same((places, issues), fresh(monkeypatch, folder))
    # Text given for a file (what a write is about to put there) counts as that file's content.
    a = folder / "a.yaml"
    edited = a.read_text(encoding="utf-8").replace("    colour: red\n", "")
    places, issues = validate_gazetteer(folder, overrides={str(a): edited})
    assert not any("colour" in i.message for i in issues)
    assert any("colour" in i.message for i in validate_gazetteer(folder)[1])


def test_a_change_of_the_validator_is_a_miss(folder, monkeypatch):
    validate_gazetteer(folder)
    monkeypatch.setattr(gazcache, "_validator_digest", lambda: "another validator")
    calls = []
    real = gazetteer._validate_files
    monkeypatch.setattr(gazetteer, "_validate_files", lambda *a: calls.append(1) or real(*a))
    validate_gazetteer(folder)
    assert calls == [1]


def test_the_validator_digest_follows_the_source_of_its_modules(tmp_path, monkeypatch):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    module = package / "check.py"
    module.write_text("LIMIT = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(gazcache, "VALIDATOR", ("pkg.check",))
    gazcache._validator_digest.cache_clear()
    try:
        before = gazcache._validator_digest()
        module.write_text("LIMIT = 2\n")
        gazcache._validator_digest.cache_clear()
        assert gazcache._validator_digest() != before
    finally:
        gazcache._validator_digest.cache_clear()


def test_the_validator_modules_are_the_ones_validation_imports():
    """Every module of the package that gazetteer validation imports is in the key."""
    code = ("import sys; from caucasusmap.gazetteer import validate_gazetteer; "
            f"validate_gazetteer({str(gazetteer.__file__)!r}.replace('gazetteer.py', 'nowhere.yaml')); "
            "import caucasusmap.spatial; "
            "print(' '.join(m for m in sys.modules if m.startswith('caucasusmap.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert set(out) - {"caucasusmap.paths"} <= set(gazcache.VALIDATOR)


def _header_and_body(entry):
    head, _, body = entry.read_bytes().partition(b"\n")
    return json.loads(head), json.loads(body)


def _rewritten(entry, change, *, resum: bool):
    """The entry with its places and issues changed, its checksum made to
    match (``resum``) or left as it was."""
    header, data = _header_and_body(entry)
    change(data)
    body = json.dumps(data).encode()
    if resum:
        header["sha256"] = __import__("hashlib").sha256(body).hexdigest()
    return json.dumps(header).encode() + b"\n" + body


def _first_lat(data):
    data["places"][0]["lat"] += 1.0  # still valid JSON, right key: a wrong coordinate


@pytest.mark.parametrize("damage", [
    b"", b"{not json", b"\xff\xfe\x00", b"[]", b'{"format": 2}', b'{"format": 2}\n{}',
    "keep-key-wrong-places",
    "keep-key-bad-issue",
    "keep-key-altered-coordinate",
    "keep-key-altered-coordinate-old-layout",
])
def test_a_damaged_entry_is_ignored(folder, monkeypatch, damage):
    """Issue 9, finding 12: a cache entry with the right key but altered data
    was trusted; now the entry's checksum must match what it holds."""
    first = validate_gazetteer(folder)
    (entry,) = entries()
    if damage == "keep-key-wrong-places":
        damage = _rewritten(entry, lambda d: d["places"][0].update(surprise=1), resum=True)
    elif damage == "keep-key-bad-issue":
        damage = _rewritten(entry, lambda d: d["issues"].__setitem__(0, ["x", "line one", 0, "error", "m"]),
                            resum=True)
    elif damage == "keep-key-altered-coordinate":
        damage = _rewritten(entry, _first_lat, resum=False)
    elif damage == "keep-key-altered-coordinate-old-layout":  # one JSON object, as format 1 wrote it
        header, data = _header_and_body(entry)
        _first_lat(data)
        damage = json.dumps({"format": gazcache.FORMAT, "key": entry.stem, **data}).encode()
    entry.write_bytes(damage)
    again = validate_gazetteer(folder)
    same(again, first)
    same(validate_gazetteer(folder), first)  # and stored again, readable
    assert _header_and_body(entry)[0]["key"] == entry.stem


def test_an_unwritable_cache_directory_is_no_error(folder, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("CAUCASUSMAP_CACHE_DIR", str(blocker))
    same(validate_gazetteer(folder), fresh(monkeypatch, folder))


def test_old_entries_are_pruned(folder, monkeypatch):
    monkeypatch.setattr(gazcache, "KEEP", 3)
    a = folder / "a.yaml"
    text = a.read_text(encoding="utf-8")
    for k in range(5):
        validate_gazetteer(folder, overrides={str(a): text.replace("a lake", f"a lake {k}")})
    assert len(entries()) == 3


def test_a_cached_start_imports_neither_geopy_nor_shapely(folder, tmp_path):
    """Geodesic distances import geopy only when measured; a cache hit measures nothing."""
    env = dict(os.environ, CAUCASUSMAP_CACHE_DIR=str(tmp_path / "fresh-cache"))
    code = ("import sys; from caucasusmap.gazetteer import validate_gazetteer; "
            f"p, i = validate_gazetteer({str(folder)!r}); "
            "print(len(p), len(i), 'geopy' in sys.modules, 'shapely' in sys.modules)")
    run = lambda: subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,  # noqa: E731
                                 text=True, check=True).stdout.split()
    first, second = run(), run()
    assert first[:2] == second[:2]
    assert first[3] == "True"  # validated: the geometries were checked with shapely
    assert second[2:] == ["False", "False"]
