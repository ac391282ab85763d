"""The reference gazetteer under the user's: layering, precision guards,
same-name places told apart from the text, promotion, evaluation against
GeoNames ids. The sentences are written for these tests (none is taken from
an annotated text)."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from _data import BUNDLED_CORPUS, BUNDLED_GAZETTEER, ROOT
from caucasusmap.index import open_index
from caucasusmap.linking import Linker
from caucasusmap.maps import great_circle_km
from caucasusmap.model import KINDS, Place
from caucasusmap.normalize import fold_phrase
from caucasusmap.reference import layer, load_reference, promotion_fields, reference_path, settlements


@pytest.fixture(scope="module")
def bare(ref):
    """A linker with an empty user gazetteer: the reference alone."""
    return Linker([], reference=ref)


def links(linker: Linker, text: str) -> list[tuple[str, Place]]:
    by_id = {p.id: p for p in linker.places}
    return [(text[s:e], by_id[pid]) for s, e, pid in linker.find(text)]


def place_of(linker: Linker, text: str, surface: str) -> Place | None:
    found = [p for s, p in links(linker, text) if s == surface]
    return found[0] if found else None


# -- the data ----------------------------------------------------------------------

def test_reference_is_compact_and_well_formed(ref):
    path = reference_path()
    assert path is not None and path.stat().st_size < 20 * 2**20
    assert len(ref) > 3000
    assert all(p.kind in KINDS and p.from_reference and -90 <= p.lat <= 90 and -180 <= p.lon <= 180
               for p in ref.places)
    ids = {p.id for p in ref.places}
    assert len(ids) == len(ref.places)
    # GeoNames places keep their id; the world's countries and capitals are there.
    assert all(p.id == f"gn-{p.geonames}" for p in ref.places if p.geonames)
    names = {p.name for p in ref.places}
    assert {"Madrid", "India", "Stepanakert" in names or "Khankendi", "Goris", "Meghri", "Rasht"} <= names | {True}
    assert {"Madrid", "India", "Goris", "Meghri", "Rasht", "Lankaran", "Astara"} <= names


#: A sample of countries with their Russian and Turkish names as Natural Earth
#: gives them (NAME_RU, NAME_TR of the admin-0 record the build joins on the
#: alpha-3 code); GeoNames ids.
_COUNTRY_TABLE = """
    France | 3017382 | Франция | Fransa
    Germany | 2921044 | Германия | Almanya
    Russia | 2017370 | Россия | Rusya
    Turkey | 298795 | Турция | Türkiye
    Iran | 130758 | Иран | İran
    United States | 6252001 | США | Amerika Birleşik Devletleri
    China | 1814991 | Китайская Народная Республика | Çin Halk Cumhuriyeti
    Ukraine | 690791 | Украина | Ukrayna
    Kazakhstan | 1522867 | Казахстан | Kazakistan
    Israel | 294640 | Израиль | İsrail
    Australia | 2077456 | Австралия | Avustralya
    Brazil | 3469034 | Бразилия | Brezilya
    Norway | 3144096 | Норвегия | Norveç
"""
COUNTRY_NAMES = [(name, int(gid), ru, tr) for name, gid, ru, tr in
                 (tuple(cell.strip() for cell in row.split("|")) for row in _COUNTRY_TABLE.strip().splitlines())]


def country_names(ref, geonames_id: int) -> set[str]:
    """The country's names, folded (the build keeps one spelling per folding)."""
    i = ref.by_id[f"gn-{geonames_id}"]
    assert ref.places[i].kind == "country"
    return {folded for _, folded in ref.names[i]}


@pytest.mark.parametrize("name, gid, ru, tr", COUNTRY_NAMES, ids=[c[0] for c in COUNTRY_NAMES])
def test_a_country_carries_its_own_russian_and_turkish_names(ref, name, gid, ru, tr):
    names = country_names(ref, gid)
    assert {fold_phrase(name), fold_phrase(ru), fold_phrase(tr)} <= names


@pytest.mark.parametrize("text, surface, gid", [
    ("Президент Франции прибыл в Ереван.", "Франции", 3017382),
    ("Франция и Германия подписали заявление.", "Франция", 3017382),
    ("Fransa ve Almanya ortak bir açıklama yaptı.", "Fransa", 3017382),
    ("Heyet Avustralya ve Brezilya'yı ziyaret etti.", "Avustralya", 2077456),
    # Names of three letters, kept for important places only (test_short_names_are_kept_only_for_important_places).
    ("روابط ایران با هند گسترش یافت.", "هند", 1269750),
    ("هیئتی از چین به تهران آمد.", "چین", 1814991),
    ("او از رشت به تبریز رفت.", "رشت", 118743),
    ("جاده خوی به ارومیه بسته شد.", "خوی", 126972),
    ("زائران از یزد آمدند.", "یزد", 111822),
    ("The delegation travelled from Qom to Tehran.", "Qom", 119208),
    ("Делегация прибыла в Рим.", "Рим", 3169070),
])
def test_a_foreign_or_short_name_links_the_place(bare, text, surface, gid):
    place = place_of(bare, text, surface)
    assert place is not None and place.id == f"gn-{gid}"


def test_no_country_carries_another_countrys_names(ref):
    """Every country's names are its own: no folded name of one country is a
    name of another, and each country's point lies near its own towns (a name
    or point taken from a dependency of the same ISO code — France with
    Clipperton Island's — fails both)."""
    countries = [i for i, p in enumerate(ref.places) if p.kind == "country" and p.geonames]
    owner: dict[str, str] = {}
    shared = []
    for i in countries:
        for _name, folded in ref.names[i]:
            other = owner.setdefault(folded, ref.places[i].id)
            if other != ref.places[i].id:
                shared.append((folded, other, ref.places[i].id))
    assert shared == []
    towns: dict[str, list] = {}
    for p in ref.places:
        if p.kind in ("city", "town", "village") and p.country:
            towns.setdefault(p.country, []).append(p)
    far = []
    for i in countries:
        c = ref.places[i]
        own = towns.get(c.country)
        if own:
            nearest = min(great_circle_km(c.lat, c.lon, t.lat, t.lon) for t in own)
            # Kiribati's label point lies 3,300 km from Tarawa across its ocean;
            # Clipperton Island lies 9,000 km from any French town.
            if nearest > 4000:
                far.append((c.name, round(nearest)))
    assert far == []


def test_no_reference_name_is_a_common_word(ref):
    """Every lower-case word of the bundled corpus that never occurs
    capitalised there, written capitalised at the start of a sentence: almost
    none may link (a common-word alias would link thousands of times in a
    real corpus)."""
    text_all = "\n".join(p.read_text(encoding="utf-8") for p in BUNDLED_CORPUS.glob("*") if p.suffix in (".md", ".txt"))
    lower = set(re.findall(r"\b[a-z]{4,}\b", text_all))
    capital = {w.lower() for w in re.findall(r"\b[A-Z][a-z]{3,}\b", text_all)}
    words = sorted(lower - capital)
    assert len(words) > 1500
    text = "\n\n".join(f"{w.capitalize()} is what we said. Then {w.capitalize()} again." for w in words)
    linker = Linker([], reference=ref)
    # Two place names the bundled texts write in lower case only inside web addresses.
    hits = sorted({s for s, _ in links(linker, text)} - {"Karabag", "Qarabag"})
    assert len(hits) <= 3, hits


def test_no_reference_place_floods_the_bundled_corpus():
    index = open_index(BUNDLED_GAZETTEER, BUNDLED_CORPUS, use_cache=False, reference=load_reference())
    counts = np.bincount(index.table.place, minlength=len(index.gazetteer.places))
    total = counts.sum()
    for i, p in enumerate(index.gazetteer.places):
        if p.from_reference:
            assert counts[i] <= max(10, total * 0.01), (p.id, p.name, int(counts[i]))


def _short(surface: str) -> bool:
    return sum(ch.isalpha() for ch in surface) <= 3


def test_no_short_reference_name_floods_a_corpus(ref):
    """A name of three letters or fewer links few times in every corpus of
    the project (the bundled one, the annotated development sets, the
    Wikipedia texts): one that linked in every other sentence would be a
    word, not a place (names this short are kept only for important places,
    ``scripts/build_reference.py``: ``short_name_kept``)."""
    folders = [BUNDLED_CORPUS, *sorted((ROOT / "annotations").glob("*/texts"))]
    wiki = ROOT.parent.parent / "shared" / "corpora" / "karabakh-war-wikipedia"
    folders += [wiki] if wiki.is_dir() else []
    assert len(folders) >= 5
    linker = Linker([], reference=ref)
    checked = 0
    for folder in folders:
        counts: dict[str, int] = {}
        total = 0
        for path in sorted(folder.iterdir()):
            if path.suffix not in (".txt", ".md"):
                continue
            text = path.read_text(encoding="utf-8")
            for s, e, _ in linker.find(text):
                total += 1
                if _short(text[s:e]):
                    key = fold_phrase(text[s:e])
                    counts[key] = counts.get(key, 0) + 1
        checked += total
        flood = {k: n for k, n in counts.items() if n > max(10, total * 0.02)}
        assert not flood, (folder.name, flood, total)
    assert checked > 1000


def test_short_persian_words_and_derived_words_do_not_link(bare):
    """The three-letter names the build leaves out because they are Persian
    words first (cheque, bag, light, net), the adjectives of the short names
    kept (Indian, Chinese: the linker never inflects a name this short),
    and every Persian stop word: none links as a short name."""
    from stop_words import get_stop_words

    text = "این چک را در کیف گذاشت و نور و تور را دید. غذای هندی و چینی و رشتی خوشمزه است."
    assert [text[s:e] for s, e, _ in bare.find(text)] == []
    words = [w for w in get_stop_words("persian") if " " not in w]
    assert len(words) > 1000
    text = "\n".join(f"{w} در این جمله آمد." for w in words)
    assert [text[s:e] for s, e, _ in bare.find(text) if _short(text[s:e])] == []


def test_short_names_are_kept_only_for_important_places(ref):
    """Every reference name of three letters belongs to a country, a capital
    (the build adds half a point to a capital's importance), a large city or
    a large unit; none of two letters or fewer but the countries' and the
    project's codes (UK, РФ)."""
    for place, names, importance in zip(ref.places, ref.names, ref.importance):
        capital = place.kind == "city" and math.isclose(importance, round(
            math.log10(max(place.population, 100)) + 0.5, 3))
        for name, folded in names:
            n = sum(ch.isalpha() for ch in folded)
            if n == 3 and not name.isupper():
                assert place.kind in ("country", "region", "sea") or capital or (
                    place.kind in ("city", "province", "district") and place.population >= 100_000), (place.id, name)
            elif n < 3:
                assert place.kind in ("country", "region") or name.isupper() or name[:1].isupper() and \
                    any(ch.isupper() for ch in name[1:]), (place.id, name)


# -- layering ----------------------------------------------------------------------

def test_a_curated_place_hides_its_reference_twin_and_gains_its_spellings(ref):
    goris = Place("goris-town", "Goris", "town", 39.51, 46.34, links=(("geonames", "174895"),))
    layered = layer([goris], ref)
    assert "gn-174895" in layered.shadowed and layered.shadowed["gn-174895"] == "goris-town"
    assert all(p.id != "gn-174895" for p in layered.places)
    linker = Linker([goris], reference=ref)
    # Armenian and Russian spellings come from the reference, for the curated place.
    assert [p.id for _, p in links(linker, "Горис и Գորիս.")] == ["goris-town", "goris-town"]


def test_a_curated_name_shadows_by_name_and_kind_nearby(ref):
    mine = Place("my-lankaran", "Lankaran", "city", 38.75, 48.85)
    layered = layer([mine], ref)
    assert any(v == "my-lankaran" for v in layered.shadowed.values())


def test_reference_names_match_only_capitalised(bare):
    assert place_of(bare, "We went to Goris.", "Goris") is not None
    assert links(bare, "we went to goris.") == []


def test_the_users_exclude_phrases_keep_reference_names_out(ref):
    central = Place("central-asia", "Central Asia", "region", 42, 63, exclude=("Journal of Central Asia",))
    linker = Linker([central], reference=ref)
    assert links(linker, "See the Journal of Central Asia, vol. 3.") == []


def test_names_recorded_as_not_places_never_link_from_the_reference(ref):
    linker = Linker([], reference=ref, ignore=["Goris"])
    assert links(linker, "We went to Goris.") == []


# -- same-name places told apart -------------------------------------------------------

CASES = [
    # (sentence, surface, expected (name, kind, country))
    ("The border crossing at Astara links the town with Lankaran and Masalli further north.", "Astara", "AZ"),
    ("Trucks queued at Astara before driving on to Rasht, the capital of Gilan province.", "Astara", "IR"),
    ("Astara, Iran is a small port on the Caspian coast.", "Astara", "IR"),
    ("The old bridge at Julfa connected Ordubad and Nakhchivan.", "Julfa", "AZ"),
    ("From Jolfa the road runs south to Marand and Tabriz.", "Jolfa", "IR"),
]


@pytest.mark.parametrize("text, surface, country", CASES)
def test_same_name_towns_on_two_sides_of_a_border(bare, text, surface, country):
    p = place_of(bare, text, surface)
    assert p is not None and p.country == country, p


@pytest.mark.parametrize("text, surface, kind", [
    ("Lake Urmia has lost most of its water since the 1990s.", "Lake Urmia", "lake"),
    ("Urmia is the capital of West Azerbaijan province.", "Urmia", "city"),
    ("The city of Nakhchivan lies near the river.", "Nakhchivan", "town"),
    ("The Nakhchivan Autonomous Republic borders Turkey.", "Nakhchivan Autonomous Republic", "region"),
    ("Protests spread in Ardabil province.", "Ardabil province", "province"),
    ("Protests spread in the city of Zanjan.", "Zanjan", "city"),
    ("Ardabil and Zanjan provinces sent volunteers.", "Ardabil", "province"),
    ("Ardabil and Zanjan provinces sent volunteers.", "Zanjan", "province"),
    ("Fighting reached the Fuzuli district.", "Fuzuli district", "district"),
    ("The town of Fuzuli lay in ruins.", "Fuzuli", "town"),
    ("Shelling hit villages in the Fuzuli and Jabrayil districts.", "Fuzuli", "district"),
    ("The Aras river forms the border.", "Aras river", "river"),
    ("The war over Nagorno-Karabakh ended with a ceasefire.", "Nagorno-Karabakh", "region"),
    ("Azerbaijan and Armenia signed a declaration in Moscow.", "Azerbaijan", "country"),
    ("Many Azerbaijanis live in the Azerbaijan provinces of Iran.", "Azerbaijan", "region"),
    ("Georgia and Armenia border Turkey.", "Georgia", "country"),
    ("Atlanta is the capital of the US state of Georgia.", "Georgia", "province"),
    ("Savannah, Georgia, USA, is a port.", "Georgia", "province"),
])
def test_same_name_places_of_different_kinds(bare, text, surface, kind):
    p = place_of(bare, text, surface)
    assert p is not None and p.kind == kind, (surface, p)


def test_karabakh_and_nagorno_karabakh_are_two_places(bare):
    found = links(bare, "Nagorno-Karabakh lies within Karabakh.")
    assert [(s, p.id) for s, p in found] == [("Nagorno-Karabakh", "ref-nagorno-karabakh"), ("Karabakh", "ref-karabakh")]


def test_a_cue_that_fits_no_candidate_leaves_the_name_unlinked(bare):
    """"The Aras valley" is neither the river nor anything else the reference has."""
    assert place_of(bare, "Troops advanced along the Aras valley.", "Aras") is None


def test_a_curated_place_wins_unless_the_text_says_otherwise(ref):
    astara = Place("astara", "Astara", "town", 38.456, 48.875)
    linker = Linker([astara], reference=ref)
    assert place_of(linker, "Astara is a town on the coast.", "Astara").id == "astara"
    assert place_of(linker, "Astara, Iran is a town on the coast.", "Astara").country == "IR"


def test_reference_names_in_a_persons_name_or_a_title_do_not_link(bare):
    assert place_of(bare, "Sergei Kirov was killed in 1934.", "Kirov") is None
    assert place_of(bare, "Ararat Mirzoyan spoke in Yerevan.", "Ararat") is None
    assert place_of(bare, "Chechnya was called the Hiroshima of the Caucasus.", "Hiroshima") is None
    assert place_of(bare, "The Helsinki Watch report came out.", "Helsinki") is None
    assert place_of(bare, "The Azerbaijani army used R-17 Elbrus missiles.", "Elbrus") is None
    assert place_of(bare, "She flew to Helsinki and Yerevan.", "Helsinki") is not None


@pytest.fixture(scope="module")
def districts(ref):
    """A user gazetteer with towns and their districts under their full names
    only ("Lachin District"), as a user writes them."""
    places = [
        Place("lachin", "Lachin", "town", 39.637, 46.550),
        Place("lachin-district", "Lachin District", "district", 39.70, 46.30, aliases=("Laçın rayonu",)),
        Place("kelbajar", "Kelbajar", "town", 40.105, 46.038),
        Place("kelbajar-district", "Kelbajar District", "district", 40.0, 46.1),
        Place("zangilan", "Zangilan", "town", 39.086, 46.651),
        Place("zangilan-district", "Zangilan District", "district", 39.06, 46.63),
        Place("iran", "Iran", "country", 32.0, 53.0, aliases=("Islamic Republic of Iran",)),
        Place("east-azerbaijan", "East Azerbaijan Province", "province", 38.0, 46.3),
        Place("khudafarin-bridges", "Khudafarin Bridges", "bridge", 39.15, 46.93, aliases=("Khudafarin",)),
        Place("moscow", "Moscow", "city", 55.75, 37.62),
        Place("usa", "United States", "country", 39.8, -98.6, aliases=("US",)),
        Place("azerbaijan", "Azerbaijan", "country", 40.3, 47.7),
    ]
    return Linker(places, reference=ref)


@pytest.mark.parametrize("text, surface, expected", [
    # The bare name of a district: only where a cue says so; alone it is the town.
    ("Troops advanced into the Kelbajar and Lachin districts.", "Kelbajar", "kelbajar-district"),
    ("Troops advanced into the Kelbajar and Lachin districts.", "Lachin", "lachin-district"),
    ("Shells fell on the district of Zangilan at night.", "Zangilan", "zangilan-district"),
    ("Shells fell on Zangilan at night.", "Zangilan", "zangilan"),
    # "Laçın" is the user's district's bare name (cue only) and a spelling the reference lends the
    # town and the district alike: alone it is the town, as the user's own bare names are.
    ("The army entered Laçın after a week.", "Laçın", "lachin"),
    # A plural "of" cue before a list names what the listed places are.
    ("They held the occupied districts of Kelbajar, Lachin and Zangilan for years.", "Lachin", "lachin-district"),
    ("They held the occupied districts of Kelbajar, Lachin and Zangilan for years.", "Zangilan", "zangilan-district"),
    # A list of names the gazetteer lacks, then "in" a name: what holds them.
    ("The army said it had taken Alpha, Beta and Gamma in Zangilan on Monday.", "Zangilan", "zangilan-district"),
    ("The church in Zangilan was rebuilt.", "Zangilan", "zangilan"),
    # A cue word belongs to the name it stands next to, not across a comma.
    ("Shells landed in East Azerbaijan Province, Iran, last week.", "Iran", "iran"),
    # A built feature after a name is that feature: not the bridges.
    ("They captured the Khudafarin Dam on the river.", "Khudafarin", None),
    ("They captured the Khudafarin bridge on the river.", "Khudafarin", "khudafarin-bridges"),
    # A qualifier that makes another place's name, an ethnonym, a clock, a currency.
    ("The village of Yuxarı Zangilan lies on a hill.", "Zangilan", None),
    ("The new Zangilan school opened.", "Zangilan", "zangilan"),
    ("The region had an ethnic Azerbaijan majority.", "Azerbaijan", None),
    ("The ceasefire began at 00:00 Moscow time.", "Moscow", None),
    ("Losses were put at US$2 billion by the US.", "US", "usa"),
])
def test_words_around_a_name_decide_what_it_is(districts, text, surface, expected):
    found = [(s, p.id) for s, p in links(districts, text) if s == surface]
    if expected is None:
        assert not found, found
    else:
        assert found and found[0][1] == expected, found
        if surface == "US":
            assert len(found) == 1  # "US$" is the currency, the second US the country


def test_a_list_standing_in_a_district_keeps_same_name_villages_elsewhere_out(ref):
    """A reference village far from the district the sentence puts it in is not linked."""
    district = Place("zangilan-district", "Zangilan District", "district", 39.06, 46.63,
                     geometry={"type": "Polygon", "coordinates": [[[46.4, 38.9], [46.9, 38.9], [46.9, 39.25],
                                                                   [46.4, 39.25], [46.4, 38.9]]]})
    linker = Linker([district], reference=ref)
    far = [p for p in ref.places if p.kind == "village" and p.country == "AZ" and p.lat > 40.5
           and re.fullmatch(r"[A-Z][a-z]{4,}", p.name)]
    name = far[0].name
    text = f"The army took Alpha, {name} and Gamma in Zangilan District."
    assert place_of(linker, text, name) is None
    assert place_of(Linker([], reference=ref), f"The army took {name} on Monday.", name) is not None


def test_the_worlds_mid_sized_cities_by_their_own_names_only(bare, ref):
    """Where the region's affairs are negotiated is on the map; the Latin
    spellings other languages give those cities are words of the region's
    ("makale" is Turkish for article), and cities named after people are surnames."""
    for text, surface in [("Hearings took place in The Hague in October.", "The Hague"),
                          ("The ministers met in Geneva and Strasbourg.", "Geneva"),
                          ("The ministers met in Geneva and Strasbourg.", "Strasbourg")]:
        p = place_of(bare, text, surface)
        assert p is not None and p.kind == "city" and p.country in ("NL", "CH", "FR"), (surface, p)
    assert place_of(bare, "Makale bu konuyu ele alıyor.", "Makale") is None
    assert place_of(bare, "The Jackson amendment restricted trade.", "Jackson") is None
    assert place_of(bare, "Reading the report, the envoy left for Muscat.", "Reading") is None
    assert place_of(bare, "Reading the report, the envoy left for Muscat.", "Muscat").country == "OM"
    region = ("AM", "AZ", "GE", "IR", "TR", "RU", "KZ", "TM")
    # (capitals carry +0.5 in their importance and may share their country's name: Djibouti)
    mid = [i for i, p in enumerate(ref.places) if p.kind == "city" and p.country not in region
           and 150_000 <= p.population < 1_000_000 and ref.importance[i] < math.log10(p.population) + 0.25]
    assert len(mid) > 1000
    # None of them takes a country's name or a name of the region's places ("Armenia" in Colombia).
    taken = {f for i, p in enumerate(ref.places) if p.kind == "country" or p.country in region
             for _, f in ref.names[i]}
    clashes = {f for i in mid for _, f in ref.names[i]} & taken
    assert not clashes, sorted(clashes)[:20]
    assert place_of(bare, "Armenia and Colombia signed an accord.", "Armenia").kind == "country"


def test_the_regions_own_table_keeps_its_acronyms_and_the_republic_apart(bare):
    assert place_of(bare, "It became the capital of the NKAO in 1923.", "NKAO").id == "ref-nagorno-karabakh"
    assert place_of(bare, "The Republic of Artsakh was dissolved.", "Republic of Artsakh").id == "ref-artsakh"
    assert place_of(bare, "Armenian and Artsakh troops withdrew.", "Artsakh").id == "ref-artsakh"
    assert place_of(bare, "Eastern Europe and Central Asia.", "Eastern Europe").id == "ref-eastern-europe"


def test_a_model_designation_is_not_a_place(bare):
    assert place_of(bare, "The army fielded 9K33 Osa and R-17 Elbrus systems.", "Elbrus") is None
    assert place_of(bare, "Climbers set out for Elbrus at dawn.", "Elbrus") is not None


def test_an_abbreviated_cue_may_carry_its_full_stop():
    linker = Linker([Place("ararat-town", "Ararat", "town", 39.83, 44.70),
                     Place("ararat-mountain", "Ararat", "mountain", 39.70, 44.30)])
    assert place_of(linker, "They looked at Mt. Ararat from the road.", "Ararat").id == "ararat-mountain"
    assert place_of(linker, "They looked at the town of Ararat from the road.", "Ararat").id == "ararat-town"
    # A full stop ends the cue of any other word: "town." is not a cue of the next sentence's name.
    found = place_of(linker, "They drove to the town. Ararat lay ahead.", "Ararat")
    assert found is None or found.id != "ararat-town"


def test_every_mention_carries_a_confidence_and_alternatives(bare):
    found = bare.find_links("Trucks queued at Astara before driving on to Rasht.")
    assert len(found) == 2
    i = 0
    assert 0.6 <= float(found.confidence[i]) <= 1.0
    alts = found.alt_place[found.alt_offset[i]:found.alt_offset[i + 1]]
    assert len(alts) >= 1 and all(bare.places[int(a)].name.startswith(("Astara", "Āstārā")) for a in alts)


# -- the index, promotion and the CLI ---------------------------------------------------

def test_index_carries_origin_confidence_and_alternatives(write, tmp_path, ref):
    write("g/places.yaml", """
        places:
          - id: tabriz
            name: Tabriz
            kind: city
            lat: 38.08
            lon: 46.29
        """)
    write("c/a.md", "Trucks from Tabriz queued at Astara before driving on to Rasht and Lankaran.\n")
    index = open_index(tmp_path / "g", tmp_path / "c", reference=ref)
    by_surface = {m.surface: m for m in index.mentions}
    assert by_surface["Tabriz"].place == "tabriz" and by_surface["Tabriz"].confidence == 1.0
    astara = index.place(by_surface["Astara"].place)
    assert astara.from_reference and astara.geonames
    assert by_surface["Astara"].alternatives
    assert all(index.place(a) is not None for a in by_surface["Astara"].alternatives)
    # the cache gives back the same
    again = open_index(tmp_path / "g", tmp_path / "c", reference=ref)
    assert again.source == "cache"
    assert [(m.place, m.alternatives) for m in again.mentions] == [(m.place, m.alternatives) for m in index.mentions]
    assert np.allclose(again.table.confidence, index.table.confidence)
    # Without the reference only the curated place links.
    alone = open_index(tmp_path / "g", tmp_path / "c", reference=None)
    assert [m.place for m in alone.mentions] == ["tabriz"]


def test_promote_writes_the_reference_place_into_the_yaml(write, tmp_path, ref, capsys, monkeypatch):
    from caucasusmap.cli import main

    monkeypatch.setenv("CAUCASUSMAP_REFERENCE", "")  # the packaged reference, as for a user
    before = """# My places — hand-written, with comments.
places:
  - id: yerevan
    name: Yerevan   # the capital
    kind: city
    lat: 40.18
    lon: 44.51
"""
    write("g/places.yaml", before)
    write("c/a.md", "From Yerevan to Goris and Meghri, the towns of Syunik. Goris again; Goris.\n")
    assert main(["promote", "--gazetteer", str(tmp_path / "g"), "--corpus", str(tmp_path / "c"),
                 "--min-mentions", "2"]) == 0, capsys.readouterr().err
    after = (tmp_path / "g" / "places.yaml").read_text(encoding="utf-8")
    assert after.startswith(before)  # everything the user wrote is kept byte for byte
    added = after[len(before):]
    assert "id: goris" in added and "geonames" in added and "Meghri" not in added
    # After promotion Goris is curated, and its reference twin is hidden.
    index = open_index(tmp_path / "g", tmp_path / "c", reference=ref)
    goris = index.gazetteer.by_id["goris"]
    assert not goris.from_reference and index.mention_count("goris") == 3
    assert not any(p.from_reference and p.name == "Goris" for p in index.gazetteer.places)
    # One place by name, too.
    assert main(["promote", "--gazetteer", str(tmp_path / "g"), "--corpus", str(tmp_path / "c"), "Meghri"]) == 0
    assert "name: Meghri" in (tmp_path / "g" / "places.yaml").read_text(encoding="utf-8")


def test_promotion_fields_name_the_source(ref):
    goris = ref.place("gn-174895")
    fields = promotion_fields(goris, taken_ids={"goris"})
    assert fields["id"] == "goris-am" and fields["links"] == {"geonames": "174895"}
    assert "GeoNames 174895" in fields["note"] and fields["kind"] == "town"


def test_settlements_for_map_labels(ref):
    towns = settlements((44.0, 38.5, 47.5, 41.5), min_population=20_000, reference=ref)
    names = [p.name for p in towns]
    assert "Yerevan" in names and names[0] in ("Yerevan", "Baku")
    assert all(p.population >= 20_000 for p in towns)


def test_mentions_output_names_origin_confidence_and_alternatives(write, tmp_path, monkeypatch, capsys):
    import json

    from caucasusmap.cli import main

    monkeypatch.setenv("CAUCASUSMAP_REFERENCE", "")
    write("g.yaml", "places: []\n")
    write("c/a.md", "Trucks queued at Astara before driving on to Rasht.\n")
    assert main(["mentions", "--gazetteer", str(tmp_path / "g.yaml"), "--corpus", str(tmp_path / "c")]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    astara = next(r for r in rows if r["surface"] == "Astara")
    assert astara["origin"] == "reference" and astara["geonames"] and astara["alternatives"]
    assert 0.6 <= astara["confidence"] <= 1.0
    assert main(["mentions", "--no-reference", "--gazetteer", str(tmp_path / "g.yaml"),
                 "--corpus", str(tmp_path / "c")]) == 0
    assert capsys.readouterr().out == ""


# -- names that are common Turkish or Azerbaijani words ---------------------------

TURKIC_TEXTS = sorted((BUNDLED_CORPUS.parent / "annotations" / "dev-multi" / "texts").glob("[at][zr]-*.txt"))


def test_settlement_names_that_are_turkic_words_are_stored(ref):
    # From the build's word lists (Hunspell tr_TR, azstemmer's azwords): names of settlements only.
    assert {"saray", "adalet", "hazar"} <= ref.turkic_words
    # A rare word is no reason ("gali"), nor a name a word list holds as a proper noun.
    assert not {"gali", "agdam", "fuzuli", "lacin"} & ref.turkic_words


@pytest.mark.parametrize("text, surface", [
    ("Bakan, Adalet ve Kalkınma Partisi adına konuştu.", "Adalet"),  # Adalet: a Turkish name of Adelaide
    ("Heyet dün Adalet Bakanlığı önünde toplandı.", "Adalet"),
    ("Prezident Saray kompleksinin bərpasına baxdı.", "Saray"),  # Saray: a town of Absheron
    ("Muzeydə Saray xalçaları nümayiş olundu.", "Saray"),
    ("Gemi dün Hazar kıyısına ulaştı.", "Hazar"),  # Hazar: a town of Turkmenistan
    ("Şirket Banka borcunu ödedi.", "Banka"),  # Banka: a village of the Kura delta
])
def test_a_settlement_name_that_is_a_turkic_word_needs_a_cue(bare, text, surface):
    assert place_of(bare, text, surface) is None


def test_a_settlement_name_that_is_a_turkic_word_links_beside_a_settlement_cue(bare):
    place = place_of(bare, "Sakinlər Saray qəsəbəsi ilə Abşeron arasında yol tikildiyini bildirdi.", "Saray")
    assert place is not None and place.id == "gn-585145"


def test_a_large_citys_own_name_that_is_a_turkic_word_still_links(bare):
    place = place_of(bare, "Yarın Ordu ve Giresun'da yağış bekleniyor.", "Ordu")
    assert place is not None and place.country == "TR" and place.population >= 100_000


def test_no_turkic_word_links_a_small_settlement(ref):
    """Every lower-case word of the Turkish and Azerbaijani development texts,
    capitalised inside a sentence: almost none links a settlement under
    100,000 people or a large one by another name than its own. Known: "Civə"
    (mercury; Chiva in Armenia) — an Azerbaijani-only spelling, which no
    packaged frequency list covers — and "Lacin", Laçın written in a web address."""
    assert TURKIC_TEXTS
    text_all = "\n".join(p.read_text(encoding="utf-8") for p in TURKIC_TEXTS)
    found = set(re.findall(r"\b\w{4,}\b", text_all))
    # Words the texts also write capitalised (names in web addresses) are left out.
    capital = {w.lower() for w in found if w[0].isupper()}
    words = sorted({w for w in found if w.islower() and w.isalpha()} - capital)
    assert len(words) > 300
    text = "\n\n".join(f"Dün {w[0].upper() + w[1:]} ile görüştük." for w in words)
    linker = Linker([], reference=ref)
    hits = sorted({s for s, p in links(linker, text)
                   if p.kind in ("city", "town", "village")
                   and (p.population < 100_000 or fold_phrase(p.name) != fold_phrase(s))})
    assert len(hits) <= 2, hits


# -- a tree's src put first on sys.path (no install of that copy) ------------------

def _copy_of_the_tree(tmp_path, with_data: bool):
    """A copy of this checkout's ``src`` (and, ``with_data``, its data folders
    beside it), imported by a script that puts that ``src`` first on sys.path
    while the installed caucasusmap is another copy."""
    import shutil

    from _data import ROOT
    from caucasusmap.paths import BUNDLED

    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "src" / "caucasusmap", tree / "src" / "caucasusmap",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "setup.py", tree / "setup.py")
    if with_data:
        for name in BUNDLED:
            (tree / name).symlink_to(ROOT / name)
    return tree


def _run_from(tree, code: str):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CAUCASUSMAP_REFERENCE")}
    script = f"import sys\nsys.path.insert(0, {str(tree / 'src')!r})\nimport caucasusmap\n" \
             f"assert caucasusmap.__file__.startswith({str(tree)!r}), caucasusmap.__file__\n" + code
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)


def test_a_tree_whose_src_is_first_on_sys_path_links_with_its_own_reference(tmp_path, ref):
    tree = _copy_of_the_tree(tmp_path, with_data=True)
    done = _run_from(tree, "from caucasusmap.index import default_reference\n"
                           "r = default_reference()\nprint(r.path)\nprint(r.digest)\n")
    assert done.returncode == 0, done.stderr
    path, digest = done.stdout.split("\n")[:2]
    assert path.startswith(str(tree)) and digest == ref.digest


def test_a_tree_without_its_data_fails_loudly_instead_of_linking_without_the_reference(tmp_path):
    tree = _copy_of_the_tree(tmp_path, with_data=False)
    done = _run_from(tree, "from caucasusmap.errors import CaucasusmapError\n"
                           "from caucasusmap.index import default_reference\n"
                           "try:\n    default_reference()\n"
                           "except CaucasusmapError as exc:\n    print(exc)\nelse:\n    print('linked without it')\n")
    assert done.returncode == 0, done.stderr
    assert "reference gazetteer" in done.stdout and "--no-reference" in done.stdout


# -- read on first use -------------------------------------------------------------

def _unread(ref):
    """A Reference of the same file that has read nothing yet (load_reference keeps one per file version)."""
    from caucasusmap import reference as reference_mod

    fresh = reference_mod._load.__wrapped__(ref.path, 0)
    assert "_data" not in fresh.__dict__ and fresh == ref and fresh.digest == ref.digest
    return fresh


def test_places_asked_by_id_are_those_of_the_whole_reference(ref):
    with_aliases = [p.id for p in ref.places if p.aliases][:40]
    ids = [*with_aliases, ref.places[0].id, ref.places[-1].id, "no-such-place"]
    fresh = _unread(ref)
    got = fresh.places_of(ids)
    assert "_data" not in fresh.__dict__  # asked of the database, the rest not read
    assert got[:-1] == [ref.place(i) for i in ids[:-1]] and got[-1] is None
    assert all(p.aliases for p in got[:len(with_aliases)])


def test_a_warm_store_opens_without_reading_the_whole_reference(tmp_path, ref, write):
    write("c/a.md", "From Tabriz the road runs to Moscow, Istanbul and Isfahan.\n")
    corpus = tmp_path / "c"
    first = open_index(BUNDLED_GAZETTEER, corpus, reference=ref)
    fresh = _unread(ref)
    again = open_index(BUNDLED_GAZETTEER, corpus, reference=fresh)
    assert again.source == "cache" and "_data" not in fresh.__dict__
    from_reference = [p for p in first.gazetteer.places if p.from_reference]
    assert from_reference, "the text names places only the reference has"
    assert again.gazetteer.places == first.gazetteer.places
    assert again.alternative_places == first.alternative_places
