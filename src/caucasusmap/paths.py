"""Where the bundled data and resources live.

From a source checkout (``pip install -e .``) they are beside ``src/``; the
CLI and the app default to them.
"""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
RESOURCES = PROJECT_ROOT / "resources"
BASEMAP = RESOURCES / "basemap" / "basemap.geojson"
WEB = RESOURCES / "web"


def default_gazetteer() -> Path:
    """The bundled gazetteer (from a source checkout), else ./gazetteer."""
    bundled = PROJECT_ROOT / "gazetteer" / "places.yaml"
    return bundled if bundled.exists() else Path("gazetteer") / "places.yaml"


def default_corpus() -> Path:
    """The bundled corpus (from a source checkout), else ./corpus."""
    bundled = PROJECT_ROOT / "corpus"
    return bundled if bundled.is_dir() else Path("corpus")
