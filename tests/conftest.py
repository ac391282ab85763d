"""Shared fixtures: every test gets its own cache directory, and helpers to
write small gazetteers and corpora."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Keep the linked-index cache out of the user's cache directory, and the
    reference gazetteer out of tests that do not ask for it."""
    monkeypatch.setenv("CAUCASUSMAP_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("NO_COLOR", "1")
    # Tests link with the gazetteer they write; those about the reference
    # gazetteer (and the bundled quality figures) ask for it explicitly.
    monkeypatch.setenv("CAUCASUSMAP_REFERENCE", "none")


@pytest.fixture(scope="session")
def ref():
    """The packaged reference gazetteer (its tests fail, not skip, without it)."""
    from caucasusmap.reference import load_reference

    reference = load_reference()
    assert reference is not None, "the packaged reference gazetteer is missing (scripts/build_reference.py)"
    return reference


@pytest.fixture(scope="session")
def bundled_linker(ref):
    """A linker of the bundled gazetteer with the reference under it, built once."""
    from _data import BUNDLED_GAZETTEER
    from caucasusmap.gazetteer import load_gazetteer
    from caucasusmap.linking import Linker

    return Linker(load_gazetteer(BUNDLED_GAZETTEER).places, reference=ref)


@pytest.fixture
def write(tmp_path):
    """write(name, text) -> Path: a dedented file under tmp_path."""

    def _write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write


MINI_GAZETTEER = """
places:
  - id: nagorno-karabakh
    name: Nagorno-Karabakh
    kind: region
    lat: 39.8
    lon: 46.75
  - id: karabakh
    name: Karabakh
    aliases: [Qarabagh, Karabağ]
    kind: region
    lat: 39.9
    lon: 46.8
  - id: nurduz
    name: Nurduz
    kind: border-crossing
    lat: 38.98
    lon: 46.2
  - id: baku
    name: Baku
    aliases: [Bakı]
    kind: city
    lat: 40.4
    lon: 49.87
  - id: shusha
    name: Shusha
    aliases: [Şuşa]
    kind: town
    lat: 39.76
    lon: 46.75
  - id: aras
    name: Aras
    aliases: [Araz]
    kind: river
    lat: 39.1
    lon: 45.9
    exclude: [Araz Aslanlı]
  - id: tabriz
    name: Tabriz
    aliases: [تبریز]
    kind: city
    lat: 38.08
    lon: 46.29
  - id: ganja
    name: Ganja
    aliases: [گنجه]
    kind: city
    lat: 40.68
    lon: 46.36
  - id: minsk
    name: Minsk
    kind: city
    lat: 53.9
    lon: 27.56
    exclude: [Minsk Group]
  - id: tehran
    name: Tehran
    aliases: [Tahran]
    kind: city
    lat: 35.69
    lon: 51.42
  - id: azerbaijan
    name: Azerbaijan
    kind: country
    lat: 40.3
    lon: 47.7
  - id: east-azerbaijan
    name: East Azerbaijan
    kind: province
    lat: 37.9
    lon: 46.5
"""


@pytest.fixture
def mini_gazetteer(write) -> Path:
    return write("places.yaml", MINI_GAZETTEER)


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A copy of the bundled corpus that a test may change (or whose store it may fill)."""
    from _data import BUNDLED_CORPUS

    dest = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, dest)
    return dest
