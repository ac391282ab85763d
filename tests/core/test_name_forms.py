"""Recall of linking in Persian, Azerbaijani, Turkish and Russian text
(issue 8): parts of the world named in another language, names by
language from the packaged sources, Persian attached clitics, Turkic
spellings. The sentences are written for these tests (none is taken from
an annotated text)."""

from __future__ import annotations

import pytest

from _data import BUNDLED_GAZETTEER
from caucasusmap.gazetteer import load_gazetteer
from caucasusmap.linking import Linker
from caucasusmap.reference import load_reference


@pytest.fixture(scope="module")
def ref():
    reference = load_reference()
    assert reference is not None
    return reference


@pytest.fixture(scope="module")
def bundled(ref):
    return Linker(load_gazetteer(BUNDLED_GAZETTEER).places, reference=ref)


def found(linker: Linker, text: str) -> list[tuple[str, str]]:
    return [(text[s:e], pid) for s, e, pid in linker.find(text)]


# -- parts of the world are not far towns' old names -------------------------------------

@pytest.mark.parametrize("text, surface", [
    ("Нефть из Баку через Тбилиси и Карс пойдёт в Центральную Азию.", "Центральную Азию"),
    ("Bakı, Tbilisi və Qars xətti Mərkəzi Asiya ilə birləşir.", "Mərkəzi Asiya"),
])
def test_a_part_of_the_world_named_in_another_language_is_not_dropped_as_far(bundled, text, surface):
    """The rule that drops another name of a place over 400 km from all the
    text names (an old name of a far town) spares parts of the world, as it
    spares countries: Central Asia in Russian or Azerbaijani beside Baku."""
    assert (surface, "central-asia") in found(bundled, text)
