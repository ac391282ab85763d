"""Features named after a place (issue 8): an airport, a castle, a monastery,
a national park, a power plant or a canyon named after a town is that feature,
not the town, in every language of the region; a border crossing named by its
town is the crossing. The sentences are written for these tests (none is taken
from an annotated text)."""

from __future__ import annotations

import pytest

from _linking import found

TOWNS = {"kars", "ganja", "baku", "tabriz", "shusha", "dilijan", "mingachevir", "haghartsin", "gn-616652",
         "gn-616842", "gn-751864", "bavra", "bagratashen"}


def _towns(linker, text):
    return [(surface, pid) for surface, pid in found(linker, text) if pid in TOWNS]


@pytest.mark.parametrize("text", [
    "We landed at Kars airport after dark.",
    "The walls of Kars Castle were lit at night.",
    "Flights to Ganja International Airport resumed on Monday.",
    "Ziyaretçiler önce Kars Kalesi'ni gezdi.",
    "Uçak Kars Havalimanı'na indi.",
    "Turistlər Şuşa qalasına getdilər.",
    "Təyyarə Gəncə hava limanına endi.",
    "Самолёт приземлился в аэропорту Баку.",
    "پرواز فرودگاه تبریز لغو شد.",
    "Hikers walk through Dilijan National Park in May.",
    "The Mingachevir Hydro Power Plant was repaired.",
    "We visited the Goshavank monastery on the way.",
    "The Tabriz Bazaar is a world heritage site.",
    "A path leads down into the Arpacay Canyon.",
])
def test_a_feature_named_after_a_town_is_not_the_town(bundled_linker, text):
    assert _towns(bundled_linker, text) == []


def test_a_plural_feature_word_after_a_list_cues_each_name(bundled_linker):
    text = "Near Dilijan you can visit the Haghartsin and Goshavank monasteries."
    assert _towns(bundled_linker, text) == [("Dilijan", "dilijan")]


def test_a_landmark_said_to_be_one_is_not_the_village(bundled_linker):
    text = ("Hayravank is a 10th century Armenian monastery. It stands above the village of "
            "Hayravank on the shore of Lake Sevan.")
    # The monastery is in the gazetteer (landmarks.yaml): the first Hayravank is it, the village the village.
    assert [pid for _, pid in found(bundled_linker, text)] == ["hayravank-monastery", "gn-616842", "lake-sevan"]


def test_a_unit_before_the_name_of_another_landmark_keeps_its_link(bundled_linker):
    """'X province is the Sevanavank monastery': the monastery is another name's."""
    text = "The best known monument in Gegharkunik province is the Sevanavank monastery."
    assert [pid for _, pid in found(bundled_linker, text)] == ["gegharkunik", "sevanavank"]


def test_the_town_itself_still_links_beside_its_features(bundled_linker):
    text = "From Kars airport we drove into Kars, then to Dilijan and Mingachevir."
    assert [pid for _, pid in found(bundled_linker, text)] == ["kars", "dilijan", "mingachevir"]


@pytest.mark.parametrize("text, crossing", [
    ("Trucks waited at the Bavra border point for a day.", "bavra-ninotsminda"),
    ("The Bagratashen checkpoint was closed for repairs.", "sadakhlo-bagratashen"),
    ("Lorries queued at the Bagratashen and Bavra checkpoints.", None),
])
def test_a_crossing_named_by_its_town_is_the_crossing(bundled_linker, text, crossing):
    links = found(bundled_linker, text)
    assert not [pid for _, pid in links if pid in TOWNS]
    if crossing:
        assert [pid for _, pid in links] == [crossing]


@pytest.mark.parametrize("text, town", [
    ("The Julfa railway was rebuilt.", "julfa"),
    ("Trucks cleared the Nurduz customs.", "nurduz"),
])
def test_a_towns_railway_and_customs_stay_the_towns(bundled_linker, text, town):
    assert [pid for _, pid in found(bundled_linker, text)] == [town]


# -- a unit named after its centre takes the centre's spellings -----------------------

@pytest.mark.parametrize("text, expected", [
    ("The Qazakh district borders Georgia.", [("Qazakh", "gazakh-district"), ("Georgia", "georgia")]),
    ("Refugees came from Fizuli district.", [("Fizuli", "fuzuli-district")]),
    ("Ardebil province is cold in winter.", [("Ardebil", "ardabil-province")]),
    # The spelling alone is still the town, and a weak cue ("the region of") does not make it the unit.
    ("A camp was set up near Qazakh.", [("Qazakh", "gazakh")]),
    ("A camp was set up in the region of Saberabad.", [("Saberabad", "sabirabad")]),
])
def test_a_unit_named_after_its_centre_takes_the_centres_spellings(bundled_linker, text, expected):
    assert found(bundled_linker, text) == expected
