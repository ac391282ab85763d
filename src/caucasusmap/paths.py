"""Where the bundled data and resources live: the one place that knows.

The repository keeps ``gazetteer/``, ``corpus/``, ``resources/`` and
``annotations/`` at its top level; ``setup.py`` maps each into the package as
``caucasusmap/bundled/<folder>``, so a wheel (``pip install .``, ``pipx
install .``) carries them and :mod:`importlib.resources` finds them there. An
editable install (``pip install -e .``) leaves them in the checkout, which pip
records in the distribution's ``direct_url.json`` (PEP 610); that is where they
are found then; so are they when a script imports the package from a
checkout's ``src`` put first on ``sys.path`` (the folders beside ``src``).
Code asks this module and never builds paths from ``__file__``::

    from caucasusmap import paths
    paths.resource("web", "explorer.js")   # resources/web/explorer.js
    paths.bundled("corpus")                # the bundled corpus folder
    paths.default_gazetteer()              # the gazetteer/ folder
"""

from __future__ import annotations

import functools
import json
import os
from importlib import metadata, resources
from pathlib import Path
from urllib.parse import unquote, urlparse

from .errors import CaucasusmapError

__all__ = [
    "BUNDLED", "bundled", "resource", "default_gazetteer", "default_corpus", "default_annotations",
    "is_installed_data", "cache_dir", "CACHE_ENV",
]  # and BASEMAP, BASEMAP_DIR, WEB: looked up on first use (module __getattr__ below)

CACHE_ENV = "CAUCASUSMAP_CACHE_DIR"
"""Environment variable naming the cache directory (see :func:`cache_dir`)."""

#: The folders that ship inside the package (top-level folder name = name here).
BUNDLED = ("gazetteer", "corpus", "resources", "annotations")


@functools.cache
def _roots() -> tuple[Path, bool] | None:
    """(folder holding the bundled folders, installed-from-a-wheel?) or None."""
    inside = resources.files("caucasusmap") / "bundled"
    if isinstance(inside, Path) and inside.is_dir():
        return inside, True
    checkout = _editable_checkout() or _source_checkout()
    if checkout is not None:
        return checkout, False
    return None


def _editable_checkout() -> Path | None:
    """The project folder of an editable install, as pip recorded it, if the
    ``caucasusmap`` being run is really the one in that folder."""
    try:
        text = metadata.distribution("caucasusmap").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    if not text:
        return None
    try:
        info = json.loads(text)
    except ValueError:
        return None
    url = urlparse(str(info.get("url", "")))
    if url.scheme != "file" or not info.get("dir_info", {}).get("editable"):
        return None
    root = Path(unquote(url.path))
    package = Path(resources.files("caucasusmap") / "__init__.py").resolve()
    if not package.is_relative_to(root.resolve()) or not (root / "resources").is_dir():
        return None  # the metadata belongs to another copy than the one imported
    return root


def _source_checkout() -> Path | None:
    """The checkout the package is imported from when a script puts its
    ``src`` first on ``sys.path`` (no install of that copy): the folders beside
    ``src`` are its data, as ``setup.py`` maps them."""
    package = resources.files("caucasusmap")
    if not isinstance(package, Path):
        return None
    src = package.resolve().parent
    root = src.parent
    if src.name != "src" or not (root / "setup.py").is_file():
        return None
    return root if all((root / name).is_dir() for name in BUNDLED) else None


def bundled(name: str) -> Path:
    """The bundled folder ``name`` (one of :data:`BUNDLED`).

    Raises :class:`~caucasusmap.errors.CaucasusmapError` when the package was
    neither installed from a wheel nor in editable mode nor imported from the
    ``src`` of a checkout, so the data cannot be found."""
    if name not in BUNDLED:
        raise ValueError(f"no bundled folder {name!r}; choose one of {', '.join(BUNDLED)}")
    roots = _roots()
    if roots is None:
        raise CaucasusmapError(
            f"caucasusmap's bundled {name}/ cannot be found: install the package "
            "('pip install .' or, from a checkout, 'pip install -e .')")
    return roots[0] / name


def resource(*parts: str) -> Path:
    """A file or folder under the bundled ``resources/`` (web assets, basemap, …)."""
    return bundled("resources").joinpath(*parts)


def _bundled_or(name: str, fallback: Path) -> Path:
    try:
        return bundled(name)
    except CaucasusmapError:
        return fallback


def default_gazetteer() -> Path:
    """The bundled gazetteer folder, else ``./gazetteer`` (a folder of YAML files)."""
    return _bundled_or("gazetteer", Path("gazetteer"))


def default_corpus() -> Path:
    """The bundled corpus folder, else ``./corpus``."""
    return _bundled_or("corpus", Path("corpus"))


def default_annotations() -> Path:
    """The bundled hand-checked annotations, else ``./annotations``."""
    return _bundled_or("annotations", Path("annotations"))


def is_installed_data(path: str | Path) -> bool:
    """True when ``path`` lies inside the bundled data of a wheel install: part
    of the installed package, which the tool must never write into."""
    roots = _roots()
    if roots is None or not roots[1]:
        return False
    try:
        return Path(path).resolve().is_relative_to(roots[0].resolve())
    except OSError:
        return False


def cache_dir() -> Path:
    """Where caches live (index stores, the validated gazetteer, extracted
    text): ``$CAUCASUSMAP_CACHE_DIR`` or the platform's user cache directory."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("caucasusmap", appauthor=False))


def __getattr__(name: str) -> Path:
    # BASEMAP and WEB are looked up on first use, so importing this module
    # never fails even when the data cannot be found.
    if name == "BASEMAP":
        return resource("basemap", "basemap.json")
    if name == "BASEMAP_DIR":
        return resource("basemap")
    if name == "WEB":
        return resource("web")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
