"""Units named after a town, by class (issue 8 §3): a province of Turkey and its centre, a unit whose
bare name only the reference lends, and the units of the past (uyezds, governorates) whose bare name
is theirs only beside a word of such units. Sentences written for these tests."""

from __future__ import annotations

import pytest

from _linking import found
from caucasusmap.linking import Linker
from caucasusmap.model import Place


def links(linker: Linker, text: str) -> dict[str, str]:
    return dict(found(linker, text))


@pytest.fixture(scope="module")
def turkey(ref):
    town = Place("kars", "Kars", "city", 40.60199, 43.09495, links=(("geonames", "743952"),))
    province = Place("kars-province", "Kars Province", "province", 40.60199, 43.09495,
                     links=(("geonames", "743942"),), lang_names=(("tr", "Kars ili"),))
    igdir = Place("igdir", "Iğdır", "city", 39.92371, 44.045, links=(("geonames", "311665"),))
    igdir_province = Place("igdir-province", "Iğdır Province", "province", 39.92371, 44.045,
                           links=(("geonames", "443184"),), lang_names=(("tr", "Iğdır ili"),))
    # No curated town: the reference has Ağrı (the town) and names the province "Ağrı" too.
    agri_province = Place("agri-province", "Ağrı Province", "province", 39.71944, 43.05139,
                          links=(("geonames", "325163"),), lang_names=(("tr", "Ağrı ili"),))
    return Linker([town, province, igdir, igdir_province, agri_province], reference=ref)


def test_a_province_named_like_its_centre_is_the_province_only_with_a_unit_word(turkey):
    assert links(turkey, "Kars ili kışın soğuktur.") == {"Kars ili": "kars-province"}
    assert links(turkey, "Yarın Kars'a uçuyoruz.")["Kars"] == "kars"
    got = found(turkey, "Sınırda Iğdır, Kars ve Ardahan illeri var.")
    assert ("Iğdır", "igdir-province") in got and ("Kars", "kars-province") in got


def test_a_bare_name_only_the_reference_lends_a_unit_stays_cue_only(turkey):
    got = links(turkey, "We drove from Erzurum to Ağrı and on to Doğubayazıt.")
    assert got.get("Ağrı") != "agri-province"
    assert links(turkey, "Ağrı ili sınırında.").get("Ağrı ili") == "agri-province"


def test_the_instrumental_of_a_plural_unit_word_names_the_listed_provinces(turkey):
    got = found(turkey, "Bölge Iğdır ve Kars illeriyle çevrilidir.")
    assert ("Kars", "kars-province") in got


@pytest.fixture(scope="module")
def past(ref):
    shusha = Place("shusha", "Shusha", "city", 39.75833, 46.74833, links=(("geonames", "147105"),),
                   lang_names=(("az", "Şuşa"),))
    gori = Place("gori", "Gori", "town", 41.9853, 44.1129, links=(("geonames", "614455"),))
    uyezd = Place("shusha-uyezd", "Shusha uyezd", "district", 39.75833, 46.74833,
                  lang_names=(("az", "Şuşa qəzası"), ("ru", "Шушинский уезд")))
    gori_uyezd = Place("gori-uyezd", "Gori uyezd", "district", 41.9853, 44.1129,
                       lang_names=(("ru", "Горийский уезд"),))
    tbilisi = Place("tbilisi", "Tbilisi", "city", 41.69411, 44.83368, aliases=("Tiflis",),
                    links=(("geonames", "611717"),))
    governorate = Place("tiflis-governorate", "Tiflis Governorate", "province", 41.69411, 44.83368,
                        lang_names=(("ru", "Тифлисская губерния"),))
    return Linker([shusha, gori, uyezd, gori_uyezd, tbilisi, governorate], reference=ref)


def test_an_uyezd_by_its_full_name_and_its_bare_name_beside_uyezd_words(past):
    assert links(past, "Şuşa qəzası 1868-ci ildə yaradıldı.") == {"Şuşa qəzası": "shusha-uyezd"}
    assert ("Şuşa", "shusha-uyezd") in found(past, "Şuşa və Cəbrayıl qəzaları birləşdirildi.")
    assert links(past, "The Shusha uyezd was large.") == {"Shusha uyezd": "shusha-uyezd"}
    assert links(past, "Шушинский уезд был велик.") == {"Шушинский уезд": "shusha-uyezd"}


def test_a_word_of_todays_units_never_makes_the_unit_of_the_past(past):
    """"Gori district" is today's municipality (not an entry here), never the Gori uyezd."""
    assert "gori-uyezd" not in links(past, "Shelling hit villages of the Gori district in 2008.").values()
    assert links(past, "Shusha is rebuilt.").get("Shusha") == "shusha"


def test_a_governorate_beside_its_word_also_by_its_centres_other_spelling(past):
    assert links(past, "Тифлисская губерния").get("Тифлисская губерния") == "tiflis-governorate"
    got = found(past, "It was part of the Tbilisi governorate until 1918.")
    assert ("Tbilisi", "tiflis-governorate") in got
    assert links(past, "Tbilisi is the capital of Georgia.").get("Tbilisi") == "tbilisi"


def test_a_landmarks_bare_name_needs_its_own_kind_of_word(ref):
    """"Kars Castle" makes bare "Kars" the castle beside a castle word ("Kars kalesi"), never beside
    another landmark's ("Kars airport" is the airport, which is no entry here)."""
    town = Place("kars", "Kars", "city", 40.60199, 43.09495, links=(("geonames", "743952"),))
    castle = Place("kars-castle", "Kars Castle", "site", 40.6128, 43.0978, lang_names=(("tr", "Kars Kalesi"),))
    linker = Linker([town, castle], reference=ref)
    assert "kars-castle" not in links(linker, "We landed at Kars airport.").values()
    assert ("Kars", "kars-castle") in found(linker, "Kars ve Van kaleleri; Kars castle at dusk.") or \
        ("Kars castle", "kars-castle") in found(linker, "Kars castle at dusk.")
    assert links(linker, "The Kars Castle and the town of Kars.") == {"Kars Castle": "kars-castle", "Kars": "kars"}
