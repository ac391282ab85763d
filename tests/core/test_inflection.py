"""Inflected forms of place names in Russian, Turkish and Azerbaijani
(issue 8): case endings by the shape of the name, vowel harmony and buffer
consonants, the words that must not link, the language of the passage, and
the 400 km rule's exemption for countries named in another language. The
sentences are written for these tests."""

from __future__ import annotations

from _linking import found
from caucasusmap.inflection import passage_language, russian_cases, russian_word, turkic_suffix_ok, turkic_suffixes
from caucasusmap.linking import Linker
from caucasusmap.model import Place


def mini(*places: Place) -> Linker:
    return Linker(list(places))


SHUSHA = Place("shusha", "Shusha", "town", 39.76, 46.75, aliases=("Шуша", "Şuşa"))
GANJA = Place("ganja", "Ganja", "city", 40.68, 46.36, aliases=("Гянджа", "Gəncə"))
BAKU = Place("baku", "Baku", "city", 40.41, 49.87, aliases=("Баку", "Bakı", "Bakü"))
ARMENIA = Place("armenia", "Armenia", "country", 40.2, 44.5, aliases=("Армения", "Ermənistan"))
TABRIZ = Place("tabriz", "Tabriz", "city", 38.08, 46.29, aliases=("Тебриз", "Təbriz"))
NAKH = Place("nakhchivan", "Nakhchivan", "region", 39.3, 45.4,
             aliases=("Нахичеванская Автономная Республика", "Нахичевань"))
SYUNIK = Place("syunik", "Syunik Province", "province", 39.5, 46.0, aliases=("Сюникская область",))
KURA = Place("kura", "Kura", "river", 40.0, 47.0, aliases=("Кура",))
GORI = Place("gori", "Gori", "town", 41.98, 44.11, aliases=("Гори",))
TURKEY = Place("turkey", "Turkey", "country", 39.0, 35.0, aliases=("Türkiye", "Türkiyə"))
GEORGIA = Place("georgia", "Georgia", "country", 42.0, 43.5, aliases=("Gürcüstan",))
AZ = Place("azerbaijan", "Azerbaijan", "country", 40.3, 47.7, aliases=("Azərbaycan",))
KARS = Place("kars", "Kars", "town", 40.6, 43.1)


# -- Russian ---------------------------------------------------------------------

def test_russian_paradigms_by_the_shape_of_the_name():
    shusha = russian_word("шуша")
    assert {e: shusha.cases("шуш" + e) for e in ("и", "е", "у", "ой")} == {
        "и": {"gen"}, "е": {"dat", "pre"}, "у": {"acc"}, "ой": {"ins"}}
    assert not shusha.cases("шушы")  # after ш the genitive is -и
    assert russian_word("баку").endings == {}  # indeclinable
    armenia = russian_word("армения")
    assert armenia.cases("армении") == {"gen", "dat", "pre"} and not armenia.cases("армение")
    tabriz = russian_word("тебриз")
    assert {f for f in ("тебриза", "тебризе", "тебризом", "тебризу", "тебризой") if tabriz.cases(f)} == {
        "тебриза", "тебризе", "тебризом", "тебризу"}
    # An adjective-shaped name takes the endings of its gender only.
    nakh = russian_word("нахичеванская")
    assert nakh.cases("нахичеванской") and nakh.cases("нахичеванскую")
    assert not nakh.cases("нахичеванского") and not nakh.cases("нахичеванский")


def test_the_words_of_a_russian_name_share_a_case():
    name = tuple(russian_word(w) for w in ("нагорный", "карабах"))
    assert russian_cases(name, ["нагорного", "карабаха"]) == {"gen"}
    assert russian_cases(name, ["нагорном", "карабахе"]) == {"pre"}
    assert not russian_cases(name, ["нагорного", "карабахе"])


def test_russian_case_forms_link():
    linker = mini(SHUSHA, GANJA, BAKU, ARMENIA, TABRIZ)
    text = ("Бои шли в Шуше и у Шуши, войска подошли к Шуше и взяли Шушу, а потом за Шушой. "
            "Из Баку в Гянджу, к Гяндже. В Армении, с Арменией, через Армению. "
            "Из Тебриза в Тебризе, за Тебризом.")
    got = found(linker, text)
    assert got == [("Шуше", "shusha"), ("Шуши", "shusha"), ("Шуше", "shusha"), ("Шушу", "shusha"),
                   ("Шушой", "shusha"), ("Баку", "baku"), ("Гянджу", "ganja"), ("Гяндже", "ganja"),
                   ("Армении", "armenia"), ("Арменией", "armenia"), ("Армению", "armenia"),
                   ("Тебриза", "tabriz"), ("Тебризе", "tabriz"), ("Тебризом", "tabriz")]


def test_russian_adjectival_and_multi_word_names_link_whole():
    linker = mini(NAKH, SYUNIK)
    text = ("Делегация Нахичеванской Автономной Республики прибыла в Нахичевань; "
            "из Нахичевани она поехала в Сюникскую область, в Сюникской области её ждали.")
    assert found(linker, text) == [("Нахичеванской Автономной Республики", "nakhchivan"),
                                   ("Нахичевань", "nakhchivan"), ("Нахичевани", "nakhchivan"),
                                   ("Сюникскую область", "syunik"), ("Сюникской области", "syunik")]
    # Cases that do not agree are no form of the name.
    assert found(linker, "Говорили о Нахичеванской Автономная Республике.") == []


def test_the_russian_province_cue_is_inflected_too(bundled_linker):
    hits = dict(found(bundled_linker, "Переговоры прошли в Сюникской области и в Тавушской области Армении."))
    assert "Армении" in hits


# -- Turkish and Azerbaijani ---------------------------------------------------------

def test_turkic_suffixes_follow_vowel_harmony_and_buffer_consonants():
    assert {"da", "dan", "ya", "nın", "dakı", "nı"} <= turkic_suffixes("bakı", "az")
    assert {"de", "den", "ye", "nün", "yü"} <= turkic_suffixes("bakü", "tr")
    assert {"da", "ya", "nın"} <= turkic_suffixes("şuşa", "az")
    assert {"ın", "a", "da", "la"} <= turkic_suffixes("ermənistan", "az")
    assert {"yə", "də", "nin"} <= turkic_suffixes("türkiyə", "az")
    assert "ta" in turkic_suffixes("kars", "tr") and "da" in turkic_suffixes("kars", "az")
    assert "de" not in turkic_suffixes("bakı", "tr") and "nin" not in turkic_suffixes("baku", "tr")
    assert "ın" not in turkic_suffixes("bakı", "az")  # after a vowel the genitive needs its n


def test_no_bare_accusative_after_short_names():
    assert not turkic_suffix_ok("kars", "ı", "tr")
    assert not turkic_suffix_ok("ağdam", "ı", "az")
    assert turkic_suffix_ok("ermənistan", "ı", "az")
    # A name of two words takes it whatever its last word's length: "Rusiyanın Cənubi Qafqazı işğal etməsi".
    assert turkic_suffix_ok("cənubi qafqaz", "ı", "az") and turkic_suffix_ok("dağlıq qarabağ", "ı", "az")
    assert not turkic_suffix_ok("qafqaz", "ı", "az")


def test_turkish_and_azerbaijani_forms_link():
    linker = mini(SHUSHA, BAKU, ARMENIA, TURKEY, GEORGIA, AZ, KARS)
    az = "Nümayəndə heyəti Bakıda idi, Bakıdan Şuşaya getdi və Şuşada qaldı. Ermənistanın, Azərbaycanda, " \
         "Türkiyəyə və Gürcüstana dair bəyanat verildi."
    assert found(linker, az) == [("Bakıda", "baku"), ("Bakıdan", "baku"), ("Şuşaya", "shusha"),
                                 ("Şuşada", "shusha"), ("Ermənistanın", "armenia"), ("Azərbaycanda", "azerbaijan"),
                                 ("Türkiyəyə", "turkey"), ("Gürcüstana", "georgia")]
    tr = "Heyet Kars'ta ve Karsta bir gün kaldı, sonra Bakü'de ve Türkiyede toplantı yapıldı."
    assert found(linker, tr) == [("Kars", "kars"), ("Karsta", "kars"), ("Bakü", "baku"), ("Türkiyede", "turkey")]


def test_turkic_suffixes_only_in_a_turkic_passage():
    linker = mini(BAKU, SHUSHA)
    assert found(linker, "The Bakida brand and the Şuşaya label were sold in London and Paris.") == []
    assert passage_language("Heyet bugün Kars'ta ve yarın Ankara'da olacak, ama toplantı için hazırlık çok.") == "tr"
    assert passage_language("Nümayəndə heyəti Bakıda idi və sonra Şuşaya getdi.") == "az"
    assert passage_language("Бои шли в Шуше и у Шуши.") == "ru"
    assert passage_language("The delegation went to Baku and to Shusha.") == ""
    # An English text naming Şuşa never even runs the stem automaton.
    from caucasusmap.inflection import may_inflect

    assert not may_inflect("The Şuşa fortress and the Ağdam mosque.")
    assert may_inflect("Bakıda və Şuşada.") and may_inflect("В Шуше.")


# -- words that must not link -----------------------------------------------------------

def test_russian_words_that_end_like_a_name_do_not_link():
    linker = mini(KURA, GORI, BAKU)
    # Gori ends in -и: indeclinable, so "горы", "горе" are never its forms;
    # "Куры" at a sentence start is the word (chickens) unless the text writes the name so elsewhere;
    # a long one ("Ermənistanın" at a sentence start in the Azerbaijani test) needs no such evidence.
    assert found(linker, "Куры бегали по двору. Горы были в снегу, и горе было велико. Бакуны не пришли.") == []
    assert found(linker, "На Куре шли бои.") == [("Куре", "kura")]
    assert found(linker, "Мы были в Гори.") == [("Гори", "gori")]


def test_turkish_words_that_start_with_a_place_name_do_not_link():
    van = Place("van", "Van", "city", 38.5, 43.4)
    agdam = Place("agdam", "Ağdam", "town", 39.99, 46.93)
    linker = mini(KARS, van, agdam, BAKU)
    text = ("Karşı tarafın Vanda ve Vanı ile bir işi yok. Ağdamı ve bakıda değil, Bakır madeni için "
            "Bakıma ihtiyaç var ve Bakılı bir adam geldi.")
    assert found(linker, text) == []


# -- cues ----------------------------------------------------------------------------

def test_turkish_province_cues(bundled_linker):
    text = "Erzurum valiliği açıkladı. Kars, Ardahan ve Iğdır olmak üzere 3 ilden gelen heyet Ağrı ilinin sınırında."
    got = [(s, bundled_linker.places[p].kind) for s, p in
           ((text[a:b], p) for a, b, p in zip(*bundled_linker.find_arrays(text)))]
    assert got == [("Erzurum", "province"), ("Kars", "province"), ("Ardahan", "province"), ("Iğdır", "province"),
                   ("Ağrı", "province")]


# -- the 400 km rule ------------------------------------------------------------------

def test_a_country_named_in_another_language_is_not_dropped_as_far(bundled_linker):
    text = "Şuşa, Ağdam ve Füzuli kurtarıldı. Almanya ve İspanya açıklama yaptı."
    ids = {pid for _, pid in found(bundled_linker, text)}
    assert {"shusha", "agdam", "fuzuli"} <= ids
    names = {s for s, _ in found(bundled_linker, text)}
    assert {"Almanya", "İspanya"} <= names


# -- cue words of Turkish and Azerbaijani in their case forms ---------------------------

def test_possessive_cue_words_take_case_suffixes():
    from caucasusmap.inflection import possessive_case_forms

    assert {"çayının", "çayında", "çayına", "çayından"} <= possessive_case_forms("çayı")
    assert {"rayonunun", "rayonunda", "rayonuna"} <= possessive_case_forms("rayonu")
    assert {"ilinin", "ilinde", "iline", "ilinden"} <= possessive_case_forms("ili")
    # The attached instrumental: "Ağrı ve Kars illeriyle çevrilidir", "Laçın rayonuyla", "çayıyla".
    assert {"illeriyle", "iliyle"} <= possessive_case_forms("illeri") | possessive_case_forms("ili")
    assert {"rayonuyla", "çayıyla", "rayonlarıyla"} <= possessive_case_forms("rayonu") | \
        possessive_case_forms("çayı") | possessive_case_forms("rayonları")
    assert "dağıylə" not in possessive_case_forms("dağı")  # back harmony: "dağıyla"
    assert possessive_case_forms("rayon") == set() and possessive_case_forms("city") == set()


def test_a_possessive_cue_is_the_name_before_it_only():
    district = Place("zangilan-district", "Zangilan District", "district", 39.1, 46.65, aliases=("Zəngilan rayonu",))
    town = Place("zangilan", "Zangilan", "town", 39.08, 46.65, aliases=("Zəngilan",))
    agband = Place("aghband", "Aghband", "village", 38.87, 46.79, aliases=("Ağbənd",))
    linker = mini(district, town, agband)
    text = "Oktyabrın 22-də Zəngilan rayonunun Ağbənd qəsəbəsi işğaldan azad olunub və Zəngilan rayonunda bayram oldu."
    # The district's own name takes the case suffix ("Zəngilan rayonunun"); Ağbənd keeps its own cue.
    assert found(linker, text) == [("Zəngilan rayonunun", "zangilan-district"), ("Ağbənd", "aghband"),
                                   ("Zəngilan rayonunda", "zangilan-district")]
    # Without the district's name in that form the cue still belongs to Zəngilan, not to Ağbənd.
    assert found(mini(town, agband), text) == [("Ağbənd", "aghband")]


def test_plural_cues_after_a_turkic_list():
    towns = [Place(f"{i}-town", n, "town", 39.5 + k / 10, 46.0, aliases=(n,)) for k, (i, n) in
             enumerate([("kalbajar", "Kəlbəcər"), ("qubadli", "Qubadlı"), ("fuzuli", "Füzuli")])]
    districts = [Place(f"{i}-district", f"{n} rayonu", "district", 39.5 + k / 10, 46.0) for k, (i, n) in
                 enumerate([("kalbajar", "Kəlbəcər"), ("qubadli", "Qubadlı"), ("fuzuli", "Füzuli")])]
    linker = mini(*towns, *districts)
    text = "Laçın şərqdə Kəlbəcər, Qubadlı və Füzuli rayonları ilə həmsərhəddir."
    assert [pid for _, pid in found(linker, text)] == ["kalbajar-district", "qubadli-district", "fuzuli-district"]


# -- dates and outlets ---------------------------------------------------------------------

def test_a_month_that_is_a_village_name_is_no_place_in_a_date(bundled_linker):
    text = "Iğdır'da 25 Aralık 2020 tarihinde ve 8 Ağustos günü toplantı yapıldı."
    assert [s for s, _ in found(bundled_linker, text)] == ["Iğdır"]


def test_an_outlet_named_after_a_country_is_not_the_country(bundled_linker):
    assert [s for s, _ in found(bundled_linker, "Sputnik Грузия сообщает из Тбилиси.")] == ["Тбилиси"]


def test_a_small_reference_place_does_not_inflect(bundled_linker):
    """"Saray" (palace) is also a small town's name in the reference: "Sarayda" (in the palace) is no
    form of it; a large place's name does inflect ("Erzurumda")."""
    text = "Heyet bugün Sarayda yapılan törene katıldı ve Erzurumda bir toplantı için kaldı."
    assert found(bundled_linker, text) == [("Erzurumda", "erzurum")]


# -- the region's own spellings of far places, in their case forms -----------------------

def test_the_regions_spellings_of_moscow_washington_and_the_caucasus_inflect(bundled_linker):
    """Azerbaijani and Turkish write Moscow, Washington, the Caucasus and the
    Middle East their own way (gazetteer aliases), and inflect those."""
    text = ("Nümayəndə heyəti Moskvada və Vaşinqtonda görüşlər keçirib, sonra Orta Şərq üzrə danışıqlara qatılıb. "
            "Heyet Kafkaslardan Moskova'ya gitti ve Ortadoğu'daki gelişmeleri konuştu.")
    got = found(bundled_linker, text)
    assert ("Moskvada", "moscow") in got and ("Vaşinqtonda", "washington-dc") in got
    assert ("Orta Şərq", "middle-east") in got and ("Ortadoğu", "middle-east") in got
    assert ("Kafkaslardan", "caucasus") in got and ("Moskova", "moscow") in got
