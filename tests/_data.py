"""Paths to the bundled data, for tests (a module of its own: two conftest.py
files make ``from conftest import`` ambiguous)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLED_GAZETTEER = ROOT / "gazetteer"  # a folder of YAML files
BUNDLED_PLACES_FILE = BUNDLED_GAZETTEER / "places.yaml"
BUNDLED_CORPUS = ROOT / "corpus"
