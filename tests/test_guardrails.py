"""Guardrails CI runs with the suite: ruff (pinned in the ``test`` extra) is
clean, and the import-linter contracts in ``pyproject.toml`` are kept — and
would be broken by a core module that imported Qt or a front end."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import caucasusmap
from _data import ROOT

BIN = Path(sys.executable).parent


def _lint_imports(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "lint-imports"), "--no-cache", "--no-logo", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300, env=env)


def test_ruff_is_clean():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise",
                             str(ROOT)], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_contracts_are_kept():
    result = _lint_imports(cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_import_contracts_catch_a_core_module_importing_qt_or_the_cli(tmp_path):
    # The same contracts over a copy of the package in which one core module
    # imports PySide6 and another the CLI: both contracts must break.
    copy = tmp_path / "caucasusmap"
    shutil.copytree(Path(caucasusmap.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    with (copy / "model.py").open("a", encoding="utf-8") as f:
        f.write("\nimport PySide6  # noqa\n")
    with (copy / "normalize.py").open("a", encoding="utf-8") as f:
        f.write("\nfrom . import cli  # noqa\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = _lint_imports(str(ROOT / "pyproject.toml"), cwd=tmp_path, env=env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "caucasusmap.model is not allowed to import PySide6" in result.stdout
    assert "caucasusmap.normalize is not allowed to import caucasusmap.cli" in result.stdout
    assert "0 kept, 2 broken" in result.stdout
