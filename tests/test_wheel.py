"""The package installs from a wheel and runs on its bundled data.

Builds the wheel from a copy of the checkout (``--no-build-isolation``, no
index: nothing is downloaded), installs it into a fresh virtual environment
that sees the test environment's dependencies through a ``.pth`` file (but
not its editable ``caucasusmap``), and runs ``caucasusmap validate``,
``export`` and ``evaluate`` from a folder outside the checkout. Everything
they read must come from inside the installed package.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from _data import ROOT

SKIP = shutil.ignore_patterns(".git", ".venv*", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
                              ".ruff_cache", ".hypothesis", ".import_linter_cache", "*.bak", ".*.tmp")


def _run(cmd, **kw) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=300, **kw)
    assert result.returncode == 0, f"{cmd}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    shutil.copytree(ROOT, source, ignore=SKIP)
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
          "--wheel-dir", tmp / "dist", source])
    (wheel,) = (tmp / "dist").glob("caucasusmap-*.whl")

    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / "bin" / "python"
    purelib = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    # The dependencies come from the test environment: its site folders are
    # appended to the fresh environment's path. (A .pth in a folder that is
    # only on the path is not run, so the test environment's editable
    # caucasusmap stays invisible.)
    ours = [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], *site.getsitepackages()]
    (purelib / "_test_dependencies.pth").write_text("\n".join(dict.fromkeys(ours)) + "\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-index", "--no-deps",
          "--no-cache-dir", wheel])
    work = tmp / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return {"wheel": wheel, "venv": venv, "purelib": purelib, "work": work, "env": env}


def _caucasusmap(installed, *args) -> subprocess.CompletedProcess:
    return subprocess.run([str(installed["venv"] / "bin" / "caucasusmap"), *args], cwd=installed["work"],
                          env=installed["env"], capture_output=True, text=True, timeout=300)


def test_wheel_carries_the_data_and_no_stray_files(installed):
    names = zipfile.ZipFile(installed["wheel"]).namelist()
    for wanted in ("caucasusmap/bundled/gazetteer/places.yaml", "caucasusmap/bundled/corpus/corpus.yaml",
                   "caucasusmap/bundled/resources/web/explorer.js",
                   "caucasusmap/bundled/resources/basemap/basemap.json",
                   "caucasusmap/bundled/resources/basemap/relief.webp",
                   "caucasusmap/cli/__init__.py", "caucasusmap/app/qt_window.py"):
        assert wanted in names
    assert sum(n.startswith("caucasusmap/bundled/corpus/") for n in names) >= 5
    assert sum(n.startswith("caucasusmap/bundled/annotations/") and n.endswith(".ann") for n in names) >= 3
    assert not [n for n in names if n.endswith((".bak", ".tmp", ".pyc"))]
    # Every code module of the checkout is in the wheel (a new subpackage needs no build edit).
    src = ROOT / "src"
    modules = {p.relative_to(src).as_posix() for p in (src / "caucasusmap").rglob("*.py")}
    assert modules <= set(names)


def test_installed_validate_reads_the_bundled_data(installed):
    result = _caucasusmap(installed, "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    bundled = installed["purelib"] / "caucasusmap" / "bundled"
    assert f"{bundled / 'gazetteer'}: " in result.stderr  # the gazetteer folder
    assert str(ROOT) not in result.stdout + result.stderr


def test_installed_export_writes_a_map(installed):
    out = installed["work"] / "map.html"
    result = _caucasusmap(installed, "export", "--out", str(out), "--select", "Nurduz")
    assert result.returncode == 0, result.stdout + result.stderr
    page = out.read_text(encoding="utf-8")
    assert "explorer" in page and "Nurduz" in page
    assert "basemap" in page.lower()
    geo = installed["work"] / "places.geojson"
    assert _caucasusmap(installed, "export", "--out", str(geo)).returncode == 0
    assert '"FeatureCollection"' in geo.read_text(encoding="utf-8")


def test_installed_evaluate_finds_the_bundled_annotations(installed):
    result = _caucasusmap(installed, "evaluate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "overall precision" in result.stdout
