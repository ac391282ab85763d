"""The soak run (benchmarks/soak_app.py) in CI: 500 seeded random user
actions on the real window, every panel and the map page checked against
the session after each one."""

import importlib.util
import sys
from pathlib import Path

import pytest

SOAK = Path(__file__).resolve().parents[2] / "benchmarks" / "soak_app.py"


def load_soak():
    spec = importlib.util.spec_from_file_location("soak_app", SOAK)
    module = importlib.util.module_from_spec(spec)
    sys.modules["soak_app"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def soak(window, tmp_path):
    return load_soak().Soak(window, seed=13, workdir=tmp_path)


def test_500_random_actions_leave_no_exception_and_no_disagreement(soak):
    # Every kind of action, the ones that rebuild the map page or relink less often than in the
    # full run (they cost a second or more each): the suite stays quick.
    lighter = {"gazetteer_edit": 0.4, "view_menu": 1.5, "tick_document": 2}
    soak.ACTIONS = [(lighter.get(name, weight), name) for weight, name in soak.ACTIONS]
    report = soak.run(500)
    assert report.actions == 500
    assert report.exceptions == [] and report.js_errors == [] and report.disagreements == []
    assert len(report.counts) >= 15  # every kind of action was tried


def test_the_soak_sees_a_panel_that_disagrees(soak, monkeypatch):
    """The check can fail: a list that stops showing the selection is caught."""
    from caucasusmap.app.qt_panels import PlacesPanel

    monkeypatch.setattr(PlacesPanel, "show_selection", lambda self: None)
    monkeypatch.setattr(soak, "ACTIONS", [(1, "bridge_places")])
    report = soak.run(20)
    assert any(d.split(": ", 1)[1].startswith("places:") for d in report.disagreements)
