"""Names in Russian, Turkish, Azerbaijani and Persian text that the linker
missed or misread on unseen regional text (issue 8): a spelling the
reference lends both to a unit and to its centre town, the Turkish and
Persian names of Nakhchivan and Jolfa. The sentences are written for these
tests (none is taken from an annotated text)."""

from __future__ import annotations

import pytest

from _linking import found
from caucasusmap import linking
from caucasusmap.linking import Linker
from caucasusmap.model import Place


def links(linker: Linker, text: str) -> dict[str, str]:
    return dict(found(linker, text))


# -- a spelling lent to a unit and to its centre town ----------------------------------

@pytest.fixture(scope="module")
def unit_and_town(ref):
    """A district and its centre town with GeoNames links only: every other
    spelling of theirs (the Turkish "Hocalı") is lent by the reference."""
    town = Place("khojaly", "Khojaly", "town", 39.9136, 46.7921, links=(("geonames", "147774"),))
    district = Place("khojaly-district", "Khojaly District", "district", 39.9136, 46.7921,
                     links=(("geonames", "148449"),))
    return Linker([town, district], reference=ref)


def test_a_name_lent_to_a_unit_and_its_centre_is_the_town_alone_and_the_unit_beside_a_cue(unit_and_town):
    assert links(unit_and_town, "Hocalı ve Ağdam yeniden inşa ediliyor.").get("Hocalı") == "khojaly"
    got = found(unit_and_town, "Hocalı rayonu ve Hocalı ilçesi.")
    assert got and all(pid == "khojaly-district" for _, pid in got)


def test_a_unit_and_a_town_across_a_border_are_not_a_unit_and_its_centre(ref):
    """Tavush (a province of Armenia) and Tovuz (a town of Azerbaijan) share
    the lent "Tavus": neither is the other's centre, so neither is cued."""
    tavush = Place("tavush", "Tavush", "province", 40.9176, 45.4053, links=(("geonames", "828265"),))
    tovuz = Place("tovuz", "Tovuz", "town", 40.99, 45.63, links=(("geonames", "584821"),))
    linker = Linker([tavush, tovuz], reference=ref)
    roles = linker._roles[linker._patterns.index(" tavus ")]
    assert {linker.places[p].id for p, _ in roles} >= {"tavush", "tovuz"}
    assert all(flag != linking._CUED for _, flag in roles)


# -- the bundled gazetteer's names in the region's languages ------------------------------

@pytest.mark.parametrize("text, surface, expected", [
    ("Türkiye ile Nahçıvan arasında yeni bir yol açıldı.", "Nahçıvan", "nakhchivan"),
    ("Uçakla Nahçıvan’a geçtim.", "Nahçıvan", "nakhchivan"),
    ("Nahçıvan'ın en doğusunda Ordubad var.", "Nahçıvan", "nakhchivan"),
    ("Nahcıvan ve İran tarafında araçlar bekliyor.", "Nahcıvan", "nakhchivan"),
    ("Дорога между Нахиджеваном и Ереваном закрыта.", "Нахиджеваном", "nakhchivan-city"),
    ("قطار تبریز به جلفا امروز حرکت کرد.", "جلفا", "jolfa"),
    ("مسافران از جلفای نخجوان گذشتند.", "جلفای نخجوان", "julfa"),
])
def test_nakhchivan_and_jolfa_in_the_regions_languages(bundled_linker, text, surface, expected):
    assert links(bundled_linker, text).get(surface) == expected


# -- Persian names that are common words ---------------------------------------------------

def test_the_reference_ships_the_persian_common_word_names(ref):
    assert ref.persian_words.get("مالی") == "derived"  # financial (مال, property + -ی)
    assert ref.persian_words.get("سراب") == "word"  # mirage
    assert "جلفا" not in ref.persian_words and "نخجوان" not in ref.persian_words


@pytest.mark.parametrize("text, surface", [
    ("سیاست مالی دولت تغییر کرد.", "مالی"),  # financial policy, not Mali
    ("این وعده‌ها سراب بود.", "سراب"),  # a mirage, not Sarab
    ("یک بازرگان ایرانی به باکو رفت.", "بازرگان"),  # a merchant, not Bazargan
    ("او به زبان ترکی سخن گفت.", "ترکی"),  # Turkish, not Turkey
])
def test_a_persian_common_word_is_no_place_without_a_cue(bundled_linker, text, surface):
    assert surface not in links(bundled_linker, text)


@pytest.mark.parametrize("text, surface, expected", [
    ("شهر سراب در شرق تبریز است.", "سراب", "sarab"),
    ("کامیون‌ها در شهر بازرگان منتظر ماندند.", "بازرگان", "bazargan"),
])
def test_a_persian_common_word_name_links_beside_a_cue(bundled_linker, text, surface, expected):
    assert links(bundled_linker, text).get(surface) == expected


# -- a village word beside a name -------------------------------------------------------------

@pytest.mark.parametrize("text, surface", [
    ("Abidələr: daş qutu, dəmir dövrü (Abdallar kəndi).", "Abdallar"),  # an old name of Lachin town
    ("Kurqan Abdallar kəndində tapılıb.", "Abdallar"),
])
def test_a_village_word_keeps_a_town_found_by_another_of_its_names_out(bundled_linker, text, surface):
    assert links(bundled_linker, text).get(surface) is None


def test_a_village_word_beside_a_towns_own_name_keeps_it(bundled_linker):
    assert links(bundled_linker, "Laçın şəhəri və Laçın kəndi.").get("Laçın") == "lachin"


# -- one reading of a name per document ---------------------------------------------------------

@pytest.fixture(scope="module")
def twins():
    """Two towns of one name at one point: nothing but the text tells them apart."""
    return Linker([Place("kilis-a", "Kilisa", "town", 40.0, 45.0, aliases=("Upper Kilisa",)),
                   Place("kilis-b", "Kilisa", "town", 40.0, 45.0, aliases=("Lower Kilisa",))])


def test_a_tie_takes_the_candidate_the_text_names_elsewhere(twins):
    assert "Kilisa" not in links(twins, "The road to Kilisa was closed.")
    got = found(twins, "Lower Kilisa lies on the river. The road to Kilisa was closed; Kilisa waits.")
    assert [pid for surface, pid in got if surface == "Kilisa"] == ["kilis-b", "kilis-b"]


def test_a_tie_stays_undecided_when_the_text_names_both(twins):
    got = links(twins, "Upper Kilisa and Lower Kilisa are apart. The road to Kilisa was closed.")
    assert "Kilisa" not in got


@pytest.mark.parametrize("text, surface, expected", [
    ("پس از فروپاشی شوروی مرزها بسته شد.", "شوروی", "soviet-union"),
    ("کشورهای قفقاز جنوبی به این طرح پیوستند.", "قفقاز جنوبی", "south-caucasus"),
    ("کریدور زنگزور از جنوب ارمنستان می‌گذرد.", "کریدور زنگزور", "zangezur-corridor"),
    ("کامیون‌ها از کریدور لاچین عبور کردند.", "کریدور لاچین", "lachin-corridor"),
])
def test_the_regions_features_by_their_persian_names(bundled_linker, text, surface, expected):
    assert links(bundled_linker, text).get(surface) == expected


# -- Turkish unit words and titles, and Turkish words among the user's names ----------

@pytest.fixture(scope="module")
def turkish_units(ref):
    """A town and the province named after it abroad, a Turkish district and its town, and a capital
    whose name is a Turkish word."""
    return Linker([
        Place("sarbend", "Sarbend", "town", 40.15, 44.04, country="AM"),
        Place("sarbend-province", "Sarbend Province", "province", 40.10, 43.90, country="AM"),
        Place("tepecik", "Tepecik", "town", 41.20, 42.80, country="TR"),
        Place("tepecik-district", "Tepecik District", "district", 41.25, 42.75, country="TR"),
        Place("kabul", "Kabul", "city", 34.528, 69.172, population=4_000_000),
    ], reference=ref)


def test_eyalet_is_a_province_word(turkish_units):
    assert links(turkish_units, "Ermenistan'ın Sarbend eyaleti sınırdadır.")["Sarbend"] == "sarbend-province"
    assert links(turkish_units, "Sarbend eyaletinde yeni bir yol açıldı.")["Sarbend"] == "sarbend-province"
    assert links(turkish_units, "Sarbend kasabası küçüktür.")["Sarbend"] == "sarbend"


def test_a_district_governor_is_the_districts_and_a_title_is_no_place(turkish_units):
    got = found(turkish_units, "Tepecik Kaymakamı Fatih Yılmaz sınır kapısını ziyaret etti.")
    assert got == [("Tepecik", "tepecik-district")]
    assert found(turkish_units, "Tepecik Kaymakamlığı açıklama yaptı.") == [("Tepecik", "tepecik-district")]


def test_a_curated_name_that_is_a_turkish_word_links_capitalised_only(turkish_units, ref):
    assert "kabul" in ref.turkic_words  # the premise: the reference knows it as a Turkish word
    assert found(turkish_units, "Teklif oy birliğiyle kabul edildi.") == []
    assert links(turkish_units, "Heyet Kabul ve Tahran arasında uçtu.")["Kabul"] == "kabul"


@pytest.fixture(scope="module")
def persian_units():
    """Two towns and the districts named after them, with Persian names."""
    return Linker([
        Place("kapan", "Kapan", "town", 39.20, 46.40, country="AM", lang_names=(("fa", "کاپان"),)),
        Place("kapan-district", "Kapan District", "district", 39.22, 46.42, country="AM",
              lang_names=(("fa", "شهرستان کاپان"),)),
        Place("meghri", "Meghri", "town", 38.90, 46.24, country="AM", lang_names=(("fa", "مغری"),)),
        Place("meghri-district", "Meghri District", "district", 38.92, 46.26, country="AM",
              lang_names=(("fa", "شهرستان مغری"),)),
    ])


def test_the_persian_plural_of_region_before_a_list_names_its_members(persian_units):
    # "مناطق" (regions) and then the list, an unlinked name first: the units
    got = found(persian_units, "در آن زمان مناطق بردوز، کاپان و مغری در این محدوده بودند.")
    assert got == [("کاپان", "kapan-district"), ("مغری", "meghri-district")]
    # the same names without it are the towns
    got = found(persian_units, "جاده از کاپان و مغری می‌گذرد.")
    assert got == [("کاپان", "kapan"), ("مغری", "meghri")]
