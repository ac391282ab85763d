"""Project-level promises: CI runs exactly the README's test command."""

import re

from _data import ROOT


def readme_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_screen = text.split("---", 1)[0]
    return re.findall(r"^    (python3 -m venv .+)$", first_screen, re.MULTILINE)


def test_readme_first_screen_has_run_and_test_commands():
    run, test = readme_commands()
    assert run.endswith("caucasusmap") and "pytest" in test


def test_ci_runs_the_readme_test_command():
    _, test = readme_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()
