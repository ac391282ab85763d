"""Helpers for tests of the linker on written sentences (a module of its own,
beside ``_data``: test modules import it; the fixtures are in conftest.py)."""

from __future__ import annotations

from caucasusmap.linking import Linker


def found(linker: Linker, text: str) -> list[tuple[str, str]]:
    """(surface, place id) of every link the linker finds in ``text``."""
    return [(text[s:e], pid) for s, e, pid in linker.find(text)]
