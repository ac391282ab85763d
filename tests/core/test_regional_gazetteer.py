"""The bundled gazetteer covers the region (issue 8 §3): administrative units with
outlines, physical features and routes with lines, and no name that is an ordinary word."""

import pytest

from _data import BUNDLED_GAZETTEER
from caucasusmap.gazetteer import load_gazetteer
from caucasusmap.linking import Linker
from caucasusmap.normalize import fold_phrase

AREAS = {
    # Georgia: every region and autonomous republic (Tbilisi is a city point)
    "georgia": ["abkhazia", "adjara", "guria", "imereti", "kakheti", "kvemo-kartli", "mtskheta-mtianeti",
                "racha-lechkhumi", "samegrelo-zemo-svaneti", "samtskhe-javakheti", "shida-kartli"],
    # the north-west provinces of Iran the issue names
    "iran": ["east-azerbaijan", "west-azerbaijan", "ardabil-province", "zanjan-province", "gilan",
             "qazvin-province", "kurdistan-province"],
    # Armenia's provinces (Syunik's outline from Natural Earth too, in places.yaml)
    "armenia": ["aragatsotn", "ararat-province", "armavir-province", "gegharkunik", "kotayk", "lori", "shirak",
                "syunik", "tavush", "vayots-dzor"],
    # Nakhchivan: the republic and its seven districts
    "nakhchivan": ["nakhchivan", "sharur-district", "sadarak-district", "kangarli-district", "babek-district",
                   "shahbuz-district", "julfa-district", "ordubad-district"],
}
TOWNS = ["batumi", "kutaisi", "rustavi", "sukhumi", "tskhinvali", "gori", "poti", "zugdidi", "telavi", "akhalkalaki",
         "rasht", "bandar-anzali", "khoy", "maku", "marand", "meshgin-shahr", "parsabad", "sanandaj", "saqqez",
         "julfa", "ordubad", "sharur", "shahbuz", "sadarak", "givrag", "babek-town", "nakhchivan-city"]
LINES = ["aras", "kura", "terek", "sefidrud", "tartar-river", "hakari-river", "lachin-corridor", "zangezur-corridor",
         "north-south-corridor", "middle-corridor", "btc-pipeline", "south-caucasus-pipeline", "tanap", "tap",
         "baku-supsa-pipeline", "baku-novorossiysk-pipeline"]
POINTS = ["lake-urmia", "lake-sevan", "mingachevir-reservoir", "mount-ararat", "mount-aragats", "jvari-pass",
          "upper-lars", "red-bridge", "agarak-nurduz", "astara-crossing", "bilasuvar-crossing", "sadarak-crossing",
          "margara-crossing", "sadakhlo-bagratashen", "lachin-checkpoint"]

# Ordinary words (or given names) that look like a place's name in some language: no place may
# carry them as a name, since every name is matched in every text.
ORDINARY_WORDS = [
    "سراب",      # Persian: mirage (Sarab)
    "گرمی",      # warmth (Germi)
    "خوی",       # temper (Khoy)
    "میانه",     # middle (Mianeh)
    "خلخال",     # anklet (Khalkhal)
    "ابهر",      # aorta (Abhar)
    "تاکستان",   # vineyard (Takestan)
    "سقز",       # mastic (Saqqez)
    "بازرگان",   # merchant (Bazargan)
    "ملکان",     # angels (Malekan)
    "Բերդ",      # Armenian: fortress (Berd)
    "Гори",      # Russian: burn! (Gori)
    "uçar",      # Turkish: flies (Ucar, the Azerbaijani name of Ujar)
    "arpa",      # Turkish: barley
    "sarp",      # Turkish: steep
    "van",       # the vehicle; Dutch name particle
    "Ararat",    # mountain, province, plain or town: no single referent
    "Babek",     # the rebel Babak Khorramdin
    "Cyrus",     # a given name (the Kura's classical name)
    "Shot",      # English (a spelling of Showt)
    "Cross Pass",  # English phrase (the Jvari Pass)
    "Darband",   # Persian: gorge; also a common place name (Derbent)
    "Bayazid",   # a given name (Doğubayazıt)
    "Ordzhonikidze",  # a person (Vladikavkaz's Soviet name)
    "BTK",       # also Turkey's telecoms authority
    "Arpaçay",   # two rivers: the Akhurian and the Arpa
    "Տեղ",       # Armenian: place (Tegh)
    "Խոտ",       # grass (Khot)
    "Ակներ",     # springs (Akner)
    "Ջերմաջուր",  # thermal water (Jermajur, Istisu)
    "Тех",       # Russian: those (Tegh)
    "Vank",      # Armenian: monastery (Vangli's Armenian name)
    "Gosh",      # English interjection; Mkhitar Gosh
    "Haghtanak",  # Armenian: victory
    "Vahan",     # a given name
    "Movses",    # a given name
    "Dəstə",     # Azerbaijani: group (Deste)
]


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(BUNDLED_GAZETTEER)


@pytest.mark.parametrize("group", sorted(AREAS))
def test_administrative_units_have_outlines(gazetteer, group):
    for pid in AREAS[group]:
        place = gazetteer.by_id.get(pid)
        assert place is not None, f"{pid} is missing"
        assert place.geometry and place.geometry["type"] in ("Polygon", "MultiPolygon"), f"{pid} has no outline"


def test_towns_points_and_lines_are_there(gazetteer):
    missing = [p for p in TOWNS + LINES + POINTS if p not in gazetteer.by_id]
    assert missing == []
    for pid in LINES:
        geometry = gazetteer.by_id[pid].geometry
        assert geometry and geometry["type"] in ("LineString", "MultiLineString"), pid
    for place in gazetteer.places:
        if place.kind in ("river", "corridor", "pipeline"):
            assert place.geometry is not None, f"{place.id} ({place.kind}) needs a line"


def test_geometry_sources_are_said(gazetteer):
    # every line or area says where it comes from (Natural Earth, GSHHG, or hand-drawn/approximate)
    for place in gazetteer.places:
        if place.geometry and place.geometry["type"] != "Point":
            note = place.note.casefold()
            sources = ("natural earth", "gshhg", "hand-drawn", "approximate", "general knowledge")
            assert any(w in note for w in sources), place.id


def test_no_place_is_named_by_an_ordinary_word(gazetteer):
    words = {fold_phrase(w): w for w in ORDINARY_WORDS}
    offenders = [(p.id, words[fold_phrase(n)]) for p in gazetteer.places for n in p.names if fold_phrase(n) in words]
    assert offenders == []


def test_same_name_towns_keep_one_bare_name(gazetteer):
    linker = Linker(gazetteer.places)
    text = "Martuni; Martuni, Gegharkunik; Sevan; Sevan town; Ararat town; Khoda Afarin Dam; tartar sauce; Tartar."
    found = [(text[s:e], p) for s, e, p in linker.find(text)]
    assert found == [("Martuni", "khojavend"), ("Martuni, Gegharkunik", "martuni-gegharkunik"), ("Sevan", "lake-sevan"),
                     ("Sevan town", "sevan-town"), ("Ararat town", "ararat-town"),
                     ("Khoda Afarin Dam", "khudafarin-dam"), ("Tartar", "tartar")]


def test_artsakh_the_republic_is_not_the_region(gazetteer):
    # The de facto republic (1991-2023) and the region are two places: the republic's names never
    # link the region, the region's names never link the republic.
    linker = Linker(gazetteer.places)
    text = ("The Republic of Artsakh, earlier the Nagorno-Karabakh Republic (NKR), held most of Nagorno-Karabakh, "
            "the former NKAO. Artsakh's army withdrew; Արցախ, Нагорно-Карабахская Республика; Нагорный Карабах.")
    found = [(text[s:e], p) for s, e, p in linker.find(text)]
    assert found == [("Republic of Artsakh", "artsakh"), ("Nagorno-Karabakh Republic", "artsakh"), ("NKR", "artsakh"),
                     ("Nagorno-Karabakh", "nagorno-karabakh"), ("NKAO", "nagorno-karabakh"),
                     ("Artsakh", "artsakh"), ("Արցախ", "artsakh"), ("Нагорно-Карабахская Республика", "artsakh"),
                     ("Нагорный Карабах", "nagorno-karabakh")]
    assert dict(gazetteer.by_id["artsakh"].links)["wikidata"] == "Q244165"


def test_no_hand_drawn_geometry_that_shipped_data_has(gazetteer):
    # Every river, lake or sea still drawn by hand is one the basemap's GSHHG/Natural Earth data
    # has no counterpart for; the ones it has carry that real geometry and say so.
    from caucasusmap.basemap import real_geometry

    hand = [p for p in gazetteer.places if p.kind in ("river", "lake", "sea") and p.geometry
            and any(w in p.note.casefold() for w in ("hand-drawn", "general knowledge", "rough outline"))]
    assert [p.id for p in hand if real_geometry(p) is not None] == []
    for pid in ("caspian-sea", "astarachay", "aras"):
        note = gazetteer.by_id[pid].note
        assert "GSHHG" in note or "Natural Earth" in note, pid
    for pid in ("syunik", "south-caucasus", "central-asia", "iranian-azerbaijan", "caucasus"):
        assert "Natural Earth" in gazetteer.by_id[pid].note, pid


def test_a_cue_does_not_reach_across_punctuation(gazetteer):
    # "town" ending one sentence is no cue for the name starting the next (folding makes ". " a
    # plain word break); an abbreviated cue keeps its full stop.
    linker = Linker(gazetteer.places)
    text = "We left Sevan town. Khoda Afarin Dam came next; then Mt. Ararat, Lake Urmia."
    found = [(text[s:e], p) for s, e, p in linker.find(text)]
    assert found == [("Sevan town", "sevan-town"), ("Khoda Afarin Dam", "khudafarin-dam"),
                     ("Mt. Ararat", "mount-ararat"), ("Lake Urmia", "lake-urmia")]


BORDER_VILLAGES = {
    # Syunik, the Lachin corridor's entrance and the Goris-Kapan road
    "armenia": ["tegh", "khnatsakh", "khndzoresk", "karahunj", "shinuhayr", "halidzor", "artsvanik",
                # Tavush on the Gazakh/Tovuz border, the 2024 delimitation
                "berdavan", "koti", "voskepar", "voskevan", "baghanis", "dovegh", "paravakar", "chinari",
                "nerkin-karmiraghbyur", "aygedzor", "artsvaberd",
                # Gegharkunik and Vayots Dzor on the Kalbajar/Nakhchivan border (2021-2022)
                "sotk", "geghamasar", "norakert", "kechut", "gndevaz", "zaritap"],
    "azerbaijan": ["askeran", "karkijahan", "vangli", "istisu", "turshsu", "minjivan", "guzanli", "aghband",
                   "saloghlu", "poylu", "dondar-qushchu", "yukhari-salahli", "nehram", "jahri", "ashaghi-aylis"],
    "iran": ["aslan-duz", "qarah-ziaeddin", "khomarlu", "owltan", "abish-ahmad"],
}


@pytest.mark.parametrize("country", sorted(BORDER_VILLAGES))
def test_border_settlements_are_there_with_their_source(gazetteer, country):
    for pid in BORDER_VILLAGES[country]:
        place = gazetteer.by_id.get(pid)
        assert place is not None, f"{pid} is missing"
        assert place.kind in ("village", "town"), pid
        links = dict(place.links)
        # a GeoNames point, or said to be approximate
        assert "geonames" in links or "approximate" in place.note.casefold(), pid


def test_a_point_from_geonames_carries_its_id(gazetteer):
    # "Coordinates: GeoNames." means the entry links the GeoNames record it came from
    missing = [p.id for p in gazetteer.places if "Coordinates: GeoNames" in p.note and "geonames" not in dict(p.links)]
    assert missing == []


def test_border_names_link_their_places(gazetteer):
    linker = Linker(gazetteer.places)
    text = ("Across the Aras valley the Aras river runs to Aslanduz. Askeran (Əsgəran) lies near Krkzhan; "
            "the Gandzasar vank stands above Vank (Kalbajar). Sotk (Zod) and Tegh were shelled; an R-17 Elbrus "
            "missile fell. Baghanis faces Voskepar; Agbend lies on the Aras.")
    found = [(text[s:e], p) for s, e, p in linker.find(text)]
    assert found == [("Aras valley", "aras-valley"), ("Aras river", "aras"), ("Aslanduz", "aslan-duz"),
                     ("Askeran", "askeran"), ("Əsgəran", "askeran"), ("Krkzhan", "karkijahan"),
                     ("Gandzasar", "gandzasar"), ("Vank (Kalbajar", "vangli"), ("Sotk", "sotk"), ("Zod", "sotk"),
                     ("Tegh", "tegh"),
                     ("Baghanis", "baghanis"), ("Voskepar", "voskepar"), ("Agbend", "aghband"), ("Aras", "aras")]


SAME_NAME = [
    # (text, surface, place): the curated entries keep same-name places apart, decided with the
    # packaged reference gazetteer as the app links (the sentences are written for this test)
    ("Trucks from Lankaran and Masally crossed at Astara.", "Astara", "astara"),
    ("From Rasht in Gilan the road reaches Astara on the Iranian side.", "Astara", "astara-iran"),
    ("The bridge at Julfa links Ordubad with Nakhchivan.", "Julfa", "julfa"),
    ("From Jolfa the road runs south to Marand and Tabriz.", "Jolfa", "jolfa"),
    ("Lake Urmia is shrinking while Urmia, the city, grows.", "Lake Urmia", "lake-urmia"),
    ("Lake Urmia is shrinking while Urmia, the city, grows.", "Urmia", "urmia"),
    ("Ardabil province borders Azerbaijan.", "Ardabil province", "ardabil-province"),
    ("The city of Ardabil is the capital.", "Ardabil", "ardabil"),
    ("The Nakhchivan Autonomous Republic is an exclave.", "Nakhchivan Autonomous Republic", "nakhchivan"),
    ("The city of Nakhchivan is its capital.", "city of Nakhchivan", "nakhchivan-city"),
    ("Fighting spread along the Aras valley, south to the Aras River.", "Aras valley", "aras-valley"),
    ("Fighting spread along the Aras valley, south to the Aras River.", "Aras River", "aras"),
    ("The President of Artsakh visited villages of Nagorno-Karabakh.", "Artsakh", "artsakh"),
    ("The President of Artsakh visited villages of Nagorno-Karabakh.", "Nagorno-Karabakh", "nagorno-karabakh"),
]


@pytest.fixture(scope="module")
def with_reference(gazetteer):
    from caucasusmap.reference import load_reference

    return Linker(gazetteer.places, reference=load_reference())


@pytest.mark.parametrize("text, surface, expected", SAME_NAME)
def test_same_name_places_apart_with_the_reference(with_reference, text, surface, expected):
    found = {text[s:e]: p for s, e, p in with_reference.find(text)}
    assert found.get(surface) == expected


def test_karabakh_towns_answer_to_both_administrations_names(gazetteer):
    # Contested names (issue 8 §3): the Armenian administration's names of the Karabakh towns link the
    # same places as the Azerbaijani ones; Kashatagh is the republic's province over three districts.
    linker = Linker(gazetteer.places)
    text = "Karvachar, Kovsakan, Kashunik, Jrakan, Akna, Shushi, Berdzor and Mardakert lay in Kashatagh or near it."
    found = [p for _, _, p in linker.find(text)]
    assert found == ["kalbajar", "zangilan", "qubadli", "jabrayil", "agdam", "shusha", "lachin", "aghdara", "kashatagh"]
    for pid in ("kalbajar", "zangilan", "qubadli", "jabrayil", "agdam", "shusha"):
        assert gazetteer.by_id[pid].names_in("hy"), pid
