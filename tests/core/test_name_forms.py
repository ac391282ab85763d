"""Recall of linking in Persian, Azerbaijani, Turkish and Russian text
(issue 8): parts of the world named in another language, names by
language from the packaged sources, Persian attached clitics, Turkic
spellings. The sentences are written for these tests (none is taken from
an annotated text)."""

from __future__ import annotations

import pytest

from _linking import found

# -- parts of the world are not far towns' old names -------------------------------------

@pytest.mark.parametrize("text, surface", [
    ("Нефть из Баку через Тбилиси и Карс пойдёт в Центральную Азию.", "Центральную Азию"),
    ("Bakı, Tbilisi və Qars xətti Mərkəzi Asiya ilə birləşir.", "Mərkəzi Asiya"),
])
def test_a_part_of_the_world_named_in_another_language_is_not_dropped_as_far(bundled_linker, text, surface):
    """The rule that drops another name of a place over 400 km from all the
    text names (an old name of a far town) spares parts of the world, as it
    spares countries: Central Asia in Russian or Azerbaijani beside Baku."""
    assert (surface, "central-asia") in found(bundled_linker, text)


# -- Persian: clitics attached to a name ---------------------------------------------------

def test_persian_clitics_after_a_name():
    from caucasusmap.inflection import persian_suffix_ok

    assert persian_suffix_ok("جلفا", "ی")  # ezafe after a long vowel: "جلفای ایران"
    assert persian_suffix_ok("اروپا", "ست")  # the short copula: "اروپاست"
    assert persian_suffix_ok("ترکیه", "ی")  # ezafe after a silent -ه
    assert persian_suffix_ok("تبریز", "است")
    assert not persian_suffix_ok("تبریز", "ی")  # "تبریزی": of Tabriz, a surname
    assert not persian_suffix_ok("اروپا", "یی")  # "اروپایی": European
    assert not persian_suffix_ok("ارس", "ها")


def test_a_persian_name_with_a_clitic_links_the_name(bundled_linker):
    """The mention covers the whole written word, clitic and all."""
    text = "هیئتی از ترکیه‌ی همسایه به تبریز و ارومیه آمد."
    assert ("ترکیه\u200cی", "turkey") in found(bundled_linker, text)


@pytest.mark.parametrize("text, word", [
    ("شاعر تبریزی در تهران و ارومیه زندگی کرد.", "تبریزی"),
    ("بازار اروپایی برای تبریز و ارومیه مهم است.", "اروپایی"),
])
def test_a_persian_adjective_of_a_name_is_not_the_place(bundled_linker, text, word):
    assert all(word not in s for s, _ in found(bundled_linker, text))


def test_english_text_never_looks_for_persian_forms():
    from caucasusmap.inflection import passage_language

    assert passage_language("The train from Tabriz reached Jolfa.") == ""
    assert passage_language("قطار از تبریز به جلفا رسید و مسافران پیاده شدند.") == "fa"


# -- names by language from the packaged sources -----------------------------------------

def names_of(ref, place_id: str) -> set[str]:
    i = [p.id for p in ref.places].index(place_id)
    return {n for n, _ in ref.names[i]}


def test_countries_and_parts_of_the_world_carry_their_cldr_names(ref):
    """Natural Earth gives China only its formal name in Russian and Persian
    and no country an Azerbaijani name; GeoNames' continents have no
    Azerbaijani or Persian names. The build adds CLDR's."""
    assert {"Китай", "Çin"} <= names_of(ref, "gn-1814991")
    assert {"Avropa", "اروپا"} <= names_of(ref, "gn-6255148")
    assert {"Asiya", "آسیا"} <= names_of(ref, "gn-6255147")
    assert {"Almaniya"} <= names_of(ref, "gn-2921044")
    assert {"Mərkəzi Asiya", "آسیای مرکزی"} <= names_of(ref, "ref-central-asia")


def test_a_cldr_name_that_is_another_places_name_is_not_added(ref):
    """"Kuba" (Cuba in Azerbaijani) is also a spelling of the town Quba."""
    cuba = names_of(ref, "gn-3562981")
    assert "Kuba" not in cuba or "Kuba" not in names_of(ref, "gn-585786")


@pytest.mark.parametrize("text, surface, expected", [
    ("Азербайджан подписал соглашение с Китаем и Казахстаном.", "Китаем", "china"),
    ("Yük Avropa və Asiya arasında Bakı limanından keçir.", "Avropa", "gn-6255148"),
    ("Yük Avropa və Asiya arasında Bakı limanından keçir.", "Asiya", "gn-6255147"),
    ("راه آهن تبریز به جلفا کوتاه‌ترین راه ایران به اروپاست.", "اروپاست", "gn-6255148"),
])
def test_names_by_language_link(bundled_linker, text, surface, expected):
    assert (surface, expected) in found(bundled_linker, text)


# -- Azerbaijani names as the Turkish press writes them ----------------------------------

def test_azerbaijani_names_take_their_turkish_spelling(ref):
    assert "Hocavend" in names_of(ref, "gn-409423")  # Xocavənd district
    assert "Kubadlı" in names_of(ref, "gn-147694")
    assert "Haçmaz" in names_of(ref, "gn-586001")


def test_a_turkish_spelling_links_in_turkish_text(bundled_linker):
    text = "Heyet Bakü'den sonra Şamahı, Kebele ve Haçmaz şehirlerini ziyaret etti."
    got = dict(found(bundled_linker, text))
    assert (got.get("Şamahı"), got.get("Kebele"), got.get("Haçmaz")) == ("shamakhi", "gabala", "khachmaz")


# -- Turkish and Azerbaijani: the copula ----------------------------------------------------

def test_the_turkic_copula_after_a_name():
    from caucasusmap.inflection import turkic_suffix_ok

    assert turkic_suffix_ok("Bakı", "dır", "az")  # "Azərbaycanın paytaxtı Bakıdır"
    assert turkic_suffix_ok("Şuşa", "dadır", "az")  # is in Shusha
    assert turkic_suffix_ok("Ermənistan", "dandır", "az")
    assert turkic_suffix_ok("Ankara", "dır", "tr")
    assert turkic_suffix_ok("Kars", "tır", "tr")
    assert not turkic_suffix_ok("Kars", "dır", "tr")  # voiceless s: -tır
    assert not turkic_suffix_ok("Bakı", "dir", "az")  # harmony


def test_a_name_with_the_copula_links_in_azerbaijani_text(bundled_linker):
    text = "Qarabağın incisi Şuşadır, Azərbaycanın paytaxtı isə Bakıdır."
    got = dict(found(bundled_linker, text))
    assert got.get("Şuşadır") == "shusha" and got.get("Bakıdır") == "baku"


# -- Russian forms of a town's lent name --------------------------------------------------

def test_a_russian_form_of_a_towns_lent_name_links(bundled_linker):
    """Ceyhan (96,000 people) takes "Джейхан" from the reference: its Russian
    forms link, as the forms of a city of 100,000 did."""
    text = "Нефть из Баку пришла в Джейхане (Турция) на терминал."
    assert ("Джейхане", "ceyhan") in found(bundled_linker, text)


def test_the_russian_federation_by_its_abbreviation(bundled_linker):
    text = "Власти РФ и Азербайджана обсудили границу; в РФ это подтвердили."
    assert [p for s, p in found(bundled_linker, text) if s == "РФ"] == ["russia", "russia"]


# -- a feature's name with another language's feature word -------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Ermenistan ile Azerbaycan arasında Laçın koridorunda kontrol noktası kuruldu.",
     [("Laçın", "lachin-corridor")]),
    ("Turistler Sevan gölü kıyısında, sonra Sevan şehrinde.", [("Sevan", "lake-sevan"), ("Sevan", "sevan-town")]),
])
def test_a_feature_named_with_another_languages_feature_word(bundled_linker, text, expected):
    """"Laçın dəhlizi" (Azerbaijani) makes bare "Laçın" a cue-only candidate of
    the corridor: with the Turkish "koridoru" next to it, it is the corridor,
    not the town; "Lake Sevan" makes "Sevan gölü" the lake, "Sevan şehri" stays
    the town."""
    got = [(s, p) for s, p in found(bundled_linker, text) if s in ("Laçın", "Sevan")]
    assert got == expected


def _under_hash_seeds(code: str) -> set[str]:
    """What ``code`` prints, run by a fresh Python under four string-hash seeds."""
    import os
    import subprocess
    import sys

    out = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
        assert result.returncode == 0, result.stderr
        out.add(result.stdout)
    return out


def test_the_feature_names_bare_patterns_do_not_depend_on_the_hash_seed():
    """The bare names a feature's names give ("Lachin", "Laçın", "Lachinsky") are
    added in the order of its names: the linker's name patterns are the same in
    every run, whatever string hashing Python chose."""
    seen = _under_hash_seeds(
        "from caucasusmap.gazetteer import Place\n"
        "from caucasusmap.linking import Linker\n"
        "names = ('Lachin corridor', 'Laçın dəhlizi', 'Lachinsky koridor', 'Berdzor corridor', 'Laçin koridoru')\n"
        "lk = Linker([Place('c', names[0], 'corridor', 39.6, 46.5, aliases=names[1:])])\n"
        "print(lk._patterns[:lk.pattern_count])\n"
    )
    assert len(seen) == 1, seen


def test_the_cue_table_does_not_depend_on_the_hash_seed():
    """The possessive and case forms of the cue words are added in a fixed
    order, so every cue has the same number in every run."""
    seen = _under_hash_seeds("from caucasusmap.linking import CUES\nprint(list(CUES.items()))\n")
    assert len(seen) == 1
