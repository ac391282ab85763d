"""Find every mention of every gazetteer place in a document, and decide
which place each one means.

All names and aliases are folded (:mod:`caucasusmap.normalize`) and compiled
into one Aho–Corasick automaton (``ahocorasick_rs``), each pattern padded with
a separator on both sides so that only whole words match. The same automaton
holds *cue words* ("lake", "province", "district", "city of", "rayonu",
"استان", ...). One pass over the folded document reports every (overlapping)
candidate; then

1. candidates inside an ``exclude`` phrase of the same place are dropped
   ("Minsk Group" is not Minsk); an acronym (a name in capitals with at most
   five letters, ``US``) matches only capitals; a name from the reference
   gazetteer matches only where the text capitalises it;
2. the leftmost-longest name wins ("Nagorno-Karabakh" over "Karabakh",
   "Lake Urmia" over "Urmia");
3. every place sharing the winning name is a candidate, and the choice is
   made from the text (:class:`Decider`): the cue words next to the name
   ("Ardabil *province*", "*the city of* Nakhchivan", "Fuzuli *district*";
   "Ardabil and Zanjan *provinces*" cues both), a container named right
   after it ("Astara, *Iran*"), the other places around it and in the
   document (same country, distance), importance (population, kind) as the
   prior, and curated places before reference ones. A cue that contradicts
   every candidate ("the Aras *valley*" when only the river is known) leaves
   the name unlinked: a wrong link is worse than a missing one. So does a
   reference name right after a given name or a title ("Sergei Kirov",
   "President Aliyev"), and a choice below :data:`MIN_CONFIDENCE`;
4. folded offsets are mapped back to the original text, so
   ``document.text[m.start:m.end] == m.surface`` even across a line break.

Each mention carries its place, a confidence (the softmax of the candidates'
scores) and its alternatives (:class:`Links`).
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import ahocorasick_rs
import numpy as np

from .acronyms import defined_acronyms
from .errors import Cancelled
from .inflection import StemMatcher, _Languages, may_inflect, possessive_case_forms
from .model import Passage, Place
from .normalize import codepoints, fold_document, fold_phrase
from .reference import Reference, _km, is_acronym, kind_class, layer

__all__ = ["Linker", "Links", "LINKER_VERSION", "MIN_CONFIDENCE", "is_acronym", "passage_of", "CUES"]

LINKER_VERSION = "38"
"""Bumped whenever linking or passage splitting changes, to invalidate caches."""

MIN_CONFIDENCE = 0.6
"""Below this the best candidate is more a guess than a reading: not linked."""

# ---------------------------------------------------------------------------
# Cue words. Each cue: (kinds it points to, strong, where it stands).
# Strong cues veto candidates of other kinds; weak ones only prefer.
# "after": the cue follows the name ("Urmia lake", "Fuzuli rayonu");
# "before": it precedes it ("Lake Urmia", "the city of Nakhchivan", "استان اردبیل").

_LAKE = ("lake",)
_RIVER = ("river",)
_SEA = ("sea",)
_MOUNTAIN = ("mountain",)
_ADMIN = ("province", "region")
_DISTRICT = ("district",)
_AREA = ("region", "province", "district")
_TERRAIN = ("region",)
_SETTLEMENT = ("city", "town", "village")
_CORRIDOR = ("corridor",)
_STATE = ("country", "region", "province")

CUES: dict[str, tuple[tuple[str, ...], bool, str]] = {}


_WRITTEN_CUES: dict[str, tuple[tuple[str, ...], bool, str]] = {}  # cue as written -> its reading


def _cue(words: str, kinds: tuple[str, ...], strong: bool, where: str) -> None:
    for w in words.split("|"):
        CUES[fold_phrase(w)] = (kinds, strong, where)
        _WRITTEN_CUES[w] = (kinds, strong, where)


_cue("lake|lakes|gölü|göl|gölünün|ozero|озеро|озера|daryacheh|دریاچه|دریاچهٔ|دریاچه‌ی", _LAKE, True, "both")
_cue("reservoir|su anbarı|водохранилище", ("lake", "dam"), True, "after")
_cue("river|rivers|çayı|çay|nehri|reka|река|реки|rud|رود|رودخانه|رودخانهٔ|رودخانه‌ی", _RIVER, True, "both")
# A lake or a reservoir is often called a sea ("the Mingachevir Sea", "Van Denizi"): the sea words
# point to lakes too (a sea's own name, "Black Sea", is a longer match and unaffected).
_cue("sea|denizi|dənizi|море|دریای|gulf|bay", (*_SEA, *_LAKE), True, "after")
_cue("mount|mt|peak|dağı|гора|کوه", _MOUNTAIN, True, "both")
_cue("mountains|dağları|горы|رشته کوه", _MOUNTAIN, False, "after")
# A range is a mountain feature, never the town or region it is named after ("Qarabağ silsiləsi",
# "Karabağ dağ serisi", "Karabakh range"): strong.
_cue("range|ridge|silsiləsi|dağ silsiləsi|dağ serisi|sıradağları|хребет|хребта|хребте", _MOUNTAIN, True, "after")
_cue("province|provinces|ostan|oblast|область|krai|край|vilayet|vilayəti|governorate|marz|mərzi|marzes|"
     "провинция|استان|eyalet", _ADMIN, True, "both")
# "Armavir eyaleti", the Turkish word for a province of another country; "Iğdır Valisi", its governor.
_cue("ili|ilinde|ilinin|iline|ilinden|ilindeki|valiliği|valiliğinin|valiliğine|valiliğince|valisi|eyaleti|"
     "области|областью|провинции|края|крае|vilayətində|vilayətinin", _ADMIN, True, "after")
# The Russian Empire's governorates ("Yelizavetpol quberniyası", "Тифлисская губерния") and uyezds
# ("Zəngəzur qəzası", "Шушинский уезд"): see _HISTORIC_TAIL.
_cue("guberniya|quberniya|quberniyası|губерния|губернии|губернию|губернией", _ADMIN, True, "after")
_cue("qəza|qəzası|qəzasının|qəzasında", _DISTRICT, True, "after")
# "Kars, Ardahan ve Iğdır olmak üzere 3 ilden": the listed names are provinces
# (a plural cue after a list; see _spread_plural).
_COUNTS = [*map(str, range(2, 82)), "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz", "on"]
_PROVINCE_COUNT = [f"olmak üzere {n} {il}" for n in _COUNTS for il in ("ilden", "ilde", "ile", "ilin", "ili")]
_cue("|".join(_PROVINCE_COUNT), _ADMIN, True, "after")
_cue("district|districts|rayon|rayonu|rayonunun|raion|район|района|county|shahrestan|شهرستان|ilçesi|uyezd|"
     "uezd|уезд|районе|району|районом|уезда|уезде|rayonunda|rayonuna|rayonundan|ilçesinde|ilçesine|ilçesinin|"
     "ilçesinden|municipality|municipalities|munitsipaliteti|муниципалитет", _DISTRICT, True, "both")
# A district's governor and his office ("Posof Kaymakamı", "Posof Kaymakamlığı") are the district's.
_cue("kaymakamı|kaymakamlığı", _DISTRICT, True, "after")
_cue("region|regions|area|zone|bölgesi|bölgəsi|регион|mahal|منطقه|exclave|enclave", _AREA, False, "after")
# "Laçın ərazisində", on the territory of Laçın: a unit's rather than its town's (weak: a preference).
_cue("ərazisi", _AREA, False, "after")
_cue("valley|valleys|plain|plains|gorge|canyon|canyons|vadisi|düzü|ovası|kanyonu|долина|dərəsi", _TERRAIN, True,
     "after")
_cue("basin|lowland|lowlands|steppe|plateau|highlands|peninsula|yaylası|platosu|плато", _TERRAIN, False, "after")
_cue("city|town|village|villages|settlement|şəhəri|şehri|kəndi|köyü|qəsəbəsi|город|села|село|shahr|شهر|روستای|"
     "города|городе|городом|селе|селом|поселок|поселка|поселке|şəhərində|şəhərinə|şəhərindən|şəhərinin|kəndində|"
     "kəndinə|kəndindən|kəndinin|şehrinde|şehrine|şehrinden|şehrinin|köyünde|köyüne|köyünden|köyünün",
     _SETTLEMENT, True, "both")
_cue("corridor|dəhlizi|koridoru|koridor|коридор|коридора|коридоре|коридору|коридором|کریدور", _CORRIDOR, True,
     "after")
# A border crossing named by its town ("the Bagratashen checkpoint", "the Bavra border point", "Sarp
# Sınır Kapısı", "КПП Верхний Ларс") is the crossing, not the town (docs/annotation.md): strong, so where
# no crossing of that name is known nothing is linked. A town's customs stay the town's ("the Nurduz
# customs"): weak.
_cue("checkpoint|checkpoints|crossing|crossings|border crossing|border checkpoint|border point|crossing point|"
     "border gate|sınır kapısı|sərhəd keçid məntəqəsi", ("border-crossing",), True, "after")
_cue("кпп|пункт пропуска|погранпереход", ("border-crossing",), True, "before")
_cue("customs|gömrük|gümrük|gümrük kapısı", ("border-crossing",), False, "after")
# A built feature named after a place is that feature, not the place: "Khoda
# Afarin Dam" is not the bridges, "the Hakari bridge" not the village.
_cue("bridge|bridges|körpüsü|мост", ("bridge",), True, "after")
_cue("dam|dams|barajı|bəndi|плотина", ("dam", "lake"), True, "after")
_cue("سد", ("dam", "lake"), True, "before")  # Persian puts the kind first: "سد ارس", the Aras dam
# A built feature or a landmark named after a place (its airport, castle, monastery, mosque, national
# park, power plant, bazaar) is that feature, never the place: "Kars airport", "Kars Kalesi", "the Goshavank
# monastery", "Dilijan National Park", "аэропорт Гянджи", "فرودگاه تبریز". Strong: where no feature
# of that name is known the name is left unlinked (a wrong link is worse than a missing one). A town's
# railway, station and customs stay the town's (docs/annotation.md).
_cue("airport|airports|international airport|airfield|air base|fortress|fortresses|castle|castles|citadel|"
     "monastery|monasteries|church|churches|mosque|mosques|cathedral|bazaar|national park|nature reserve|"
     "state reserve|power plant|power station|"
     "hydro power plant|hydroelectric power plant|hydroelectric power station|hpp|"
     "kalesi|havalimanı|havaalanı|camii|kilisesi|manastırı|milli parkı|"
     "qalası|hava limanı|beynəlxalq hava limanı|məscidi|kilsəsi|monastırı|qoruğu|"
     "собор", ("site", "dam"), True, "after")
_cue("аэропорт|аэропорта|аэропорту|аэропорте|аэропортом|крепость|крепости|монастырь|монастыря|мечеть|мечети|"
     "национальный парк|национального парка|заповедник|заповедника|"
     "فرودگاه|فرودگاه بین‌المللی|فرودگاه بین المللی|قلعه|مسجد|کلیسای|پارک ملی|نیروگاه", ("site", "dam"), True,
     "before")
_cue("field|oil field|gas field", ("site", "dam"), False, "after")
_cue("republic|respublikası|республика|autonomous republic|muxtar respublikası|республики|республике|"
     "республикой|республику|respublikasında|respublikasının|respublikasına|muxtar respublikasında|"
     "muxtar respublikasının|cumhuriyeti|özerk cumhuriyeti", _STATE, False, "after")
_cue("جمهوری خودمختار|جمهوری", _STATE, False, "before")
# "پایانه مرزی جلفا", the Jolfa border terminal: the crossing, not the town.
_cue("پایانه مرزی|پایانه‌های مرزی|پایانههای مرزی", ("border-crossing",), True, "before")
_cue("city of|town of|village of|settlement of", _SETTLEMENT, True, "of")
_cue("province of|district of|governorate of|state of|oblast of|marz of|rayon of", _AREA, True, "of")
# Plural: "the provinces of Ardabil and Zanjan" names them, "the cities of South
# Azerbaijan" names what holds them: a preference only.
_cue("provinces of|districts of|regions of", _AREA, False, "of")
# "the villages of Jabrayil": what holds the villages, the district rather than the town.
_cue("cities of|towns of|villages of|settlements of", _AREA, False, "of")
_cue("region of|area of", _AREA, False, "of")
# Plurals after a list ("Kəlbəcər, Qubadlı və Xocavənd rayonları", "Ardahan ve Kars illeri").
_LISTED_AFTER = ("rayonları|ilçeleri|районы|районов|районах|районами|uyezds|qəzaları|уезды|уездов|уездах",
                 "illeri|eyaletleri|vilayətləri|provinces|провинций|областей|областях|governorates|quberniyaları|губерний|"
                 "губерниях",
                 "kəndləri|köyleri|şəhərləri|şehirleri|деревни|городов|сёл",
                 "çayları|nehirleri|рек")
for _words, _kinds in zip(_LISTED_AFTER, (_DISTRICT, _ADMIN, _SETTLEMENT, _RIVER)):
    _cue(_words, _kinds, True, "after")
_cue("republic of", _STATE, False, "of")
# Words of a railway or a pipeline. They are no cue for the name next to them ("the Julfa railway" is
# Julfa's): they only mark a line *named* by a chain of places ("Kars-Iğdır-Aralık-Dilucu Demiryolu",
# "нефтепровод Баку — Тбилиси — Джейхан"), which is one feature (see Decider._chains).
_LINE = ("line",)
_cue("railway|railways|railroad|rail line|rail link|pipeline|pipelines|oil pipeline|gas pipeline|demiryolu|"
     "demir yolu|dəmir yolu|dəmiryolu|boru hattı|kəməri|neft kəməri|qaz kəməri", _LINE, True, "after")
_cue("железная дорога|железной дороги|железную дорогу|железной дороге|нефтепровод|нефтепровода|газопровод|"
     "газопровода|خط آهن|راه آهن|خط لوله", _LINE, True, "before")
_cue("lake of|river of", _LAKE + _RIVER, True, "of")
# "the corridor of Zangezur", "the corridor of Lachin": the corridor (only after "the", as "of" cues are).
_cue("corridor of", _CORRIDOR, True, "of")
# Words that make the name next to them something else than the place: a
# qualifier that is part of another place's name ("Yuxarı Əbdürrəhmanlı",
# "Kənd Horadiz": only capitalised; English directions such as "Upper" stay
# links, and the candidate finder proposes "Upper X"), an ethnonym ("ethnic
# Azerbaijan majority"), a clock ("Moscow time").
_NOT_HERE = ("not",)
_cue("yuxarı|yukhari|aşağı|ashaghi|ashagi|böyük|boyuk|kiçik|kichik|kənd|kend|köhnə|kohne|yeni|orta|sofla|olya|"
     "yukarı|büyük|küçük|eski|little|nizhny|nizhniy|verkhny|verkhniy|novy|staryy|"
     "bolshoy|maly|нижний|верхний|новый|старый|большой|малый|"
     # Armenian (Mets Shen, Verin Giratagh) and compass words ("East Zangezur" is another area)
     "mets|pokr|verin|nerkin|east|west|north|south", _NOT_HERE, True, "before")
_cue("ethnic", _NOT_HERE, True, "before")
_cue("time|standard time|time zone|summer time", _NOT_HERE, True, "after")
# A newspaper or a journal titled after a place ("Iran Press", "Moscow Times", "Caucasus Review"):
# capitalised after the name, the two are the title (a look-alike, docs/annotation.md), whichever
# gazetteer the name is from (reference names are kept out by _TITLE_AFTER in any case). Institutions
# keep their place ("Azerbaijan Airlines", "the Russia Studies Program": the guide counts those).
_TITLE_WORDS = "press|news|times|post|herald|tribune|gazette|daily|magazine|journal|review|quarterly|examiner|observer"
_cue(_TITLE_WORDS, _NOT_HERE, True, "after")
# Only capitalised in the text do the qualifiers count ("the new Fuzuli school" is Fuzuli).
_QUALIFIERS = {w for w, (k, _, where) in CUES.items() if k == _NOT_HERE and where == "before"} - {"ethnic"}
# "the districts of Agdam, Jabrayil and Fuzuli": a plural "of" cue before a
# list names what the listed places are (a strong cue of its own kind); before
# a single name it names what that place holds ("the villages of Jabrayil").
_LIST_KINDS = {"provinces of": _ADMIN, "districts of": _DISTRICT, "regions of": _AREA, "cities of": _SETTLEMENT,
               "towns of": _SETTLEMENT, "villages of": _SETTLEMENT, "settlements of": _SETTLEMENT}
# Words after a name that make it the title of a journal, a newspaper, an
# agency or a publisher ("Asya Studies", "Payam Radio", "Chicago Press"):
# reference names followed by one are not linked.
_TITLE_AFTER = {fold_phrase(w) for w in (
    "studies", "journal", "review", "quarterly", "radio", "agency", "ajansı", "ajansi", "news", "times", "post",
    "press", "herald", "tribune", "gazette", "daily", "magazine", "airlines", "airways", "club", "fc",
    "institute", "publishers", "publishing", "tv", "television", "channel", "bank", "group", "watch", "examiner",
    "observer", "monitor", "standard time", "time zone", "summer time",
    # A street, a square or a park named after a place (or a person) is not the place.
    "street", "avenue", "prospect", "prospekt", "boulevard", "square", "park", "küçəsi", "prospekti", "meydanı",
    "ulitsa", "улица", "проспект", "sahil yolu", "coastal road", "coastal highway",
    # A citation style named after its city ("Chicago style") is not the city.
    "style", "manual of style"
)}
# A citation style as a label before a reference: "**Chicago:** Smith, J., …"
# (a publisher's place, "Chicago: University of Chicago Press", stays a place).
_CITATION_LABEL = re.compile(r"^[*_]*\s*:[*_]*\s+[A-ZÀ-ÖØ-ÞĀ-ſƏ][\w'’-]+,\s+[A-ZÀ-ÖØ-ÞĀ-ſƏ]\.")
# Given-name + surname: a capitalised word with one of the region's surname
# endings right after a reference name makes it a given name ("Ararat Mirzoyan").
_SURNAME = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſƏ][\w'’-]*(?:yan|ian|jan|ov|ova|ev|eva|yev|yeva|in|ina|sky|skaya|enko|idze|"
                      r"dze|shvili|zade|zadeh|oglu|oğlu|qizi|qızı)\b")
# Words after which a curated name that is also a given name reads as the place.
_PLACE_PREPOSITIONS = frozenset({"of", "in", "from", "to", "into", "across", "near", "at", "throughout", "в", "из",
                                 "во", "до", "по"})
# The lower-case words inside a person's name after the given name ("Lars von Trier", "Ларс фон Триер").
_NAME_PARTICLES = frozenset({"von", "van", "af", "de", "der", "den", "da", "di", "du", "bin", "ibn",
                             "фон", "ван", "де"})
# A Russian given name in a plain Latin transliteration, for the first-name list (Latin).
_RU_LATIN_MAP = dict(zip("абвгдежзийклмнопрстуфхцчшщъыьэюя",
                         ["a", "b", "v", "g", "d", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
                          "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))
_RU_LATIN = re.compile("[а-я]")
_CYRILLIC_NAME = re.compile("[а-я]+")
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w'’-]*)")  # the word after a name, on its line
_PLURAL = {fold_phrase(w) for w in (
    "lakes", "rivers", "mountains", "provinces", "districts", "regions", "valleys", "plains", "villages",
    "marzes", "cities", "towns", "areas", *"|".join(_LISTED_AFTER).split("|"),
    # "the Haghartsin and Goshavank monasteries", "the Bagratashen and Bavra checkpoints"
    "monasteries", "churches", "mosques", "castles", "fortresses", "airports", "checkpoints", "crossings",
    "canyons"
)}
# Turkish and Azerbaijani cue words in the possessive ("çayı", "rayonu", "dağı", "ili") take the case
# suffixes after a pronominal n: "Araz çayının", "Laçın rayonunda", "Ağbənd dağının", "Kars ilinden".
# A possessive stands after its name only: "Zəngilan rayonunun Ağbənd qəsəbəsi" cues Zəngilan, not Ağbənd.
for _written, _reading in list(_WRITTEN_CUES.items()):
    _forms = possessive_case_forms(_written)
    if _reading[0] == _NOT_HERE or not _forms:
        continue  # qualifiers are adjectives ("aşağı", "yuxarı"): "aşağıda" is "below"
    _after = (_reading[0], _reading[1], "after" if _reading[2] == "both" else _reading[2])
    for _form in (_written, *sorted(_forms)):  # sorted: the cue numbers must not depend on the hash seed
        if _form == _written or fold_phrase(_form) not in CUES or CUES[fold_phrase(_form)][2] == "both":
            CUES[fold_phrase(_form)] = _after
        if fold_phrase(_written).split()[0] in _PLURAL:
            _PLURAL.add(fold_phrase(_form).split()[0])
_TITLES = {fold_phrase(w) for w in (
    "president", "presidents", "minister", "ministers", "general", "gen", "mr", "mrs", "ms", "dr", "prof",
    "sheikh", "imam", "ayatollah", "shah", "sultan", "king", "queen", "prince", "princess", "emir", "khan", "sir",
    "lord", "lady", "colonel", "major", "captain", "lieutenant", "commander", "marshal", "senator", "ambassador",
    "mayor", "governor", "bishop", "father", "patriarch", "catholicos", "mullah", "hajji", "haji", "mirza", "bey",
    "pasha", "agha", "aga",
    # Callings that stand before a person's name ("the poet Shahriyar").
    "poet", "writer", "author", "novelist", "composer", "painter", "singer", "scholar", "philosopher",
    "academician",
    # Turkish and Azerbaijani titles before a name ("Kaymakamı Fatih Yılmaz", "Valisi Ercan Turan",
    # "Prezident İlham Əliyev"); after a name they are its unit's ("Posof Kaymakamı").
    "valisi", "kaymakamı", "başkanı", "bakanı", "büyükelçisi", "milletvekili", "cumhurbaşkanı", "başbakan",
    "başbakanı", "sayın", "prezident", "prezidenti", "naziri", "səfiri", "cənab"
)}
# A one-word name shaped like a surname of the region (Russian -ov/-ev/-kin/-ky,
# Armenian -yan, Georgian -dze/-shvili, Persian -zadeh): Soviet-era towns named
# after people ("Pushkin", "Lermontov", "Gorky", "Shaumyan") are people first.
# Such a name from the reference rules links only where a cue or a container
# says it is a place here ("the town of Pushkin", "Lermontov, Stavropol Krai"),
# unless it is the own name of a city of 100,000 ("Tambov") or another name of
# one of about 1.6 million ("Kiev"). Adjectival place names (-skaya, -sky:
# stanitsas) are not surnames and are left alone.
_SURNAME_FORM = re.compile(r"^[^\W\d_]+(?:ov|ev|yov|kin|shin|nin|ky|enko|yan|dze|shvili|"
                           r"zade|zadeh)$")

_CUE_KIND_SETS = []  # cue index -> (frozenset of kinds, strong, where, plural)
_CUE_WORDS: list[str] = []
_CUE_INDEX: dict[str, int] = {}
for _word, (_kinds, _strong, _where) in CUES.items():
    _CUE_INDEX[_word] = len(_CUE_KIND_SETS)
    _CUE_WORDS.append(_word)
    _CUE_KIND_SETS.append((frozenset(_kinds), _strong, _where, _word.split()[0] in _PLURAL or
                           _word.startswith("olmak uzere ")))
# Cue indices that are not words of the text: the list reading of a plural
# "of" cue (see _LIST_KINDS), and "in" after a capitalised name the text does
# not link ("Qaraxanbəyli and Qərvənd in Fuzuli": what holds them, the district).
_LIST_CUE: dict[int, int] = {}
for _word, _kinds in _LIST_KINDS.items():
    _LIST_CUE[_CUE_INDEX[fold_phrase(_word)]] = len(_CUE_KIND_SETS)
    _CUE_WORDS.append(fold_phrase(_word))
    _CUE_KIND_SETS.append((frozenset(_kinds), True, "of", True))
# A plural kind word (see _PLURAL_BEFORE_LIST) -> the plural "of" cue whose list reading it takes.
_PLURAL_OF = {"districts": "districts of", "municipalities": "districts of", "rayons": "districts of",
              "counties": "districts of",
              "regions": "regions of", "provinces": "provinces of", "villages": "villages of", "towns": "towns of",
              "cities": "cities of", "settlements": "settlements of"}
# A weak feature word after a name, written with a capital ("Bingöl Dağları", "the Talysh Mountains",
# "the Mil Steppe"), makes the two one proper name of that feature: strong (the town or province X is
# vetoed). Lower case ("the Karabakh mountains", "the Mil steppe") it stays a preference.
_CAPITAL_STRONG: dict[int, int] = {}
for _word in (*["mountains", "dağları", "горы"],
              *["basin", "lowland", "lowlands", "steppe", "plateau", "highlands", "peninsula", "yaylası", "platosu",
                "плато"]):
    _k = _CUE_INDEX[fold_phrase(_word)]
    _CAPITAL_STRONG[_k] = len(_CUE_KIND_SETS)
    _CUE_WORDS.append(_CUE_WORDS[_k])
    _CUE_KIND_SETS.append((_CUE_KIND_SETS[_k][0], True, "after", _CUE_KIND_SETS[_k][3]))
_IN_NAMED = len(_CUE_KIND_SETS)
_CUE_WORDS.append("in")
_CUE_KIND_SETS.append((frozenset(_AREA), False, "before", False))
# "the village of Gandza, Ninotsminda": the name after the comma holds the village — a unit or a
# country, not a town (where only the town is known, nothing is linked).
_HOLDS_SETTLEMENT = len(_CUE_KIND_SETS)
_CUE_WORDS.append(",")
_CUE_KIND_SETS.append((frozenset((*_AREA, "country")), True, "before", False))
_SINGLE_SETTLEMENT_OF = frozenset(_CUE_INDEX[w] for w in ("city of", "town of", "village of", "settlement of"))
_NOT_HERE_CUES = frozenset(i for i, k in enumerate(_CUE_KIND_SETS) if k[0] == frozenset(_NOT_HERE))
# Line words, and the field words ("Azeri–Chirag–Gunashli oil field") that also end a named chain.
_LINE_CUES = np.array(sorted(i for i, k in enumerate(_CUE_KIND_SETS) if k[0] == frozenset(_LINE)), dtype=np.int64)
_CHAIN_CUES = np.array(sorted({*_LINE_CUES.tolist(), *(_CUE_INDEX[fold_phrase(w)] for w in (
    "field", "oil field", "gas field"))}), dtype=np.int64)
_LINE_KINDS = ("corridor", "pipeline", "site")
# "X region" is the area around X or the unit named after it, never the town X ("Artashat region",
# "Zanjan region"); an area ("Kobi area") may still be the place itself.
# A village word beside a name ("Abdallar kəndi", "село Кечут", "روستای …"): a town or a city
# found by one of its other names (an old name, another spelling) is not that village.
_VILLAGE_CUES = frozenset(_CUE_INDEX[fold_phrase(w)] for w in (
    "village", "villages", "kəndi", "kəndində", "kəndinə", "kəndindən", "kəndinin", "köyü", "köyünde", "köyüne",
    "köyünden", "köyünün", "село", "села", "селе", "селом", "روستای"))
_REGION_CUES = frozenset(_CUE_INDEX[fold_phrase(w)] for w in ("region", "regions", "bölgesi", "bölgəsi", "регион"))
_SETTLEMENT_KINDS = frozenset(_SETTLEMENT)
_ARABIC_NAME = re.compile(r"[\u0600-\u06ff]+(?: [\u0600-\u06ff]+)+$")
#: A district and the town at its centre lie within this of each other (their points): see
#: Linker._centre_of.
_UNIT_CENTRE_KM = 60.0
#: The same for a province (larger: the point of a province is its middle, not its capital).
_PROVINCE_CENTRE_KM = 150.0
_PROVINCE_CUE = _CUE_INDEX[fold_phrase("ili")]
_QUALIFIER_CUES = frozenset(_CUE_INDEX[w] for w in _QUALIFIERS)
_TITLE_CUES = frozenset(_CUE_INDEX[w] for w in _TITLE_WORDS.split("|"))
_HISTORIC_CUES = frozenset(i for w, i in _CUE_INDEX.items() if w.startswith(tuple(fold_phrase(x) for x in (
    "uyezd", "uezd", "уезд", "qəza", "governorate", "guberni", "quberni", "губерни", "oblast"))))

# Role flags of a pattern. _CAPITAL and _CAPITAL_UPPER are names under the
# reference rules (a reference place's, or a spelling the reference lends a
# curated place): "weak" names, which the person and distance guards check.
# _PLAIN_CAPITAL is a user's name that is an English word once folded, or a Turkish one the reference
# knows: it links only capitalised (an English one, if folding removed letters, only as written).
_PLAIN, _EXCLUDE, _UPPER, _CAPITAL, _CAPITAL_UPPER, _CUED, _PLAIN_CAPITAL = 0, 1, 2, 3, 4, 5, 6
# A cue-only name that only a strong cue of its kind makes a candidate ("the Qazakh district", not
# "the region of Saberabad"): a unit's centre's spellings (Linker._centre_spellings).
_CUED_STRONG = 7
_CUED_ROLES = (_CUED, _CUED_STRONG)
_WEAK_ROLES = (_CAPITAL, _CAPITAL_UPPER)
# The bare name of an administrative unit ("Jabrayil" of "Jabrayil District",
# "Laçın" of "Laçın rayonu"): a candidate only where a cue of its kind stands
# next to it ("Jabrayil and Fuzuli districts"); a bare name alone is the town.
_ADMIN_TAIL = re.compile(r"\s+(?:district|districts|rayon|rayonu|raion|province|ostan|ostanı|marz|mərzi|oblast|"
                         r"municipality|autonomous republic|muxtar respublikası|özerk cumhuriyeti|"
                         r"region|governorate|county|shahrestan|şəhristanı|ili|krai|kray|район|область|край|مرز|"
                         r"uyezd|uezd|qəzası|уезд|guberniya|quberniyası|губерния)$", re.IGNORECASE)
# A unit of the past named after its town ("Shusha uyezd", "Tiflis Governorate"): its bare name is a
# candidate only beside a word of such units ("Şuşa, Yelizavetpol və Zəngəzur qəzaları", "Kutaisi and
# Tbilisi governorates"), never beside a word of today's ("Gori district" is not the Gori uyezd).
_PAST_UNIT_WORDS = r"uyezd|uezd|qəzası|уезд|governorate|guberniya|quberniyası|губерния"
"""Words that end the name of a unit of the Russian Empire (see _HISTORIC_TAIL)."""
_HISTORIC_TAIL = re.compile(rf"\s+(?:{_PAST_UNIT_WORDS}|oblast)$", re.IGNORECASE)
# Likewise a range's bare name ("Zəngəzur" of "Zəngəzur silsiləsi"), beside a mountain cue only.
_RANGE_TAIL = re.compile(r"\s+(?:mountains|range|ridge|silsiləsi|dağları|хребет)$", re.IGNORECASE)
_ADMIN_HEAD = re.compile(r"^(?:استان|شهرستان|جمهوری خودمختار|province of|district of)\s+", re.IGNORECASE)
_NOT_PLACE = {"country", "sea", "continent"}
_INFLECTED_WEAK_IMPORTANCE = 5.0  # ≈ 100,000 people: see Linker.find_links
# A Russian form of a name under the reference rules: from ≈ 30,000 people. The build already drops
# Cyrillic names that are Russian words for places under 50,000 ("Джейхане", Ceyhan, 96,000).
_INFLECTED_WEAK_IMPORTANCE_RU = 4.5
_CYRILLIC_LEMMA = re.compile(r"[а-яё]")
# Russian kind words before a name: the name after them is in the genitive when it holds the place
# ("область Армении", "районы Азербайджана"), as "of" does in English; a country is never so cued.
_GENITIVE_BEFORE = frozenset(i for i, w in enumerate(_CUE_WORDS) if _CYRILLIC_LEMMA.search(w))
_WORLD_REGION_IMPORTANCE = 6.5  # a part of the world (Central Asia, the Middle East): see _far_from_context
_WINDOW = 800  # folded characters on each side that count as "around" a mention
# A list may name a direction before each member, as Azerbaijani and Turkish descriptions of a unit's
# borders do ("şimaldan Kəlbəcər, cənubdan Qubadlı, şərqdən Xocalı və Şuşa rayonları").
_DIRECTION = (r"(?:şimal|cənub|şərq|qərb|mərkəz|kuzey|güney|doğu|batı|merkez)(?:-?(?:şərq|qərb|doğu|batı))?"
              r"(?:dan|dən|da|də|den|de|tan|ten|ta|te)(?:\s+(?:isə|ise))?")
_LIST_GAP = re.compile(rf"^\s*(?:,|،|and|or|&|,\s*and|и|və|ve|و)\s*(?:{_DIRECTION}\s+)?$", re.IGNORECASE)
_CONTAINER_GAP = re.compile(r"^\s*(?:,|\(|in|near|of)\s*$", re.IGNORECASE)
_POSSESSIVE_GAP = re.compile(r"^['’]s\s+$")
_QUOTES = set("\"'“”„«»‘’‹›")
_ABBREVIATED_CUES = {"mt"}  # "Mt. Ararat": the one cue a full stop may follow
_IN_GAP = re.compile(r"^,?\s+(?:in|of)\s+(?:the\s+)?$", re.IGNORECASE)
# A model designation right before a name: "R-17 Elbrus", "9K33 Osa", "Su-25 Grach".
_MODEL = re.compile(r"(?:\b[A-Za-zА-Яа-я]{1,3}-\d+[A-Za-z]*|\b\d+[A-Za-zА-Яа-я]{1,3}\d+[A-Za-z]*)\s+$")
# A day of the month right before a name: a month of the region's languages that is
# also a village's name ("25 Aralık 2020": Aralık is December; "8 Ağustos"). On one line: a
# number ending the line before ("Day 3" over "Bakuriani – Akhaltsikhe") is no date of it.
_DAY_BEFORE = re.compile(r"(?:^|[^\d.,])(?:0?[1-9]|[12]\d|3[01])\.?[^\S\n]+$")
# An outlet named after a country ("Sputnik Грузия", "Sputnik Azərbaycan") is not the country.
_TITLE_BEFORE = {"sputnik"}
_CAP = r"[A-ZÀ-ÖØ-ÞĀ-ſƏ][\w'’-]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſƏ][\w'’-]*)*"
# "Qaraxanbəyli, Qərvənd and Kənd Horadiz in X": a list of capitalised names, then "in".
_NAMED_IN = re.compile(rf"(?:^|[\s(])({_CAP})(?:,\s*|\s+and\s+|,\s+and\s+)({_CAP})\s+in\s+$")
# After a mention: more listed names, then "in" and the next mention ("Mahmudlu,
# Cəfərabad and Decal in Jabrayil District"): that mention holds the list.
_LIST_THEN_IN = re.compile(rf"^(?:(?:,\s*|\s+and\s+|,\s+and\s+){_CAP})*,?\s+(?:in|of)\s+(?:the\s+)?$")
# An apposition naming what the place is: "Gali, a predominantly Georgian
# district of Abkhazia", "Goris, a town in Syunik" — a cue of that kind.
_APPOSITIVE = re.compile(r",\s+(?:a|an|the)\s+(?:[^\W\d_][\w'’-]*\s+){0,4}?(district|province|region|municipality|"
                         r"town|city|village|river|lake)\s+(?:of|in|on)\s", re.IGNORECASE)
# "Hayravank is a 9th to 12th century Armenian monastery": a landmark said to be one right after its
# name ("a", not "the": "Gegharkunik province is the Sevanavank monastery" names another; a settlement
# so described — "Shusha was a fortress city" — is not: only these words, last).
_FEATURE_COPULA = re.compile(r"\s+(?:is|was)\s+(?:a|an)\s+(?:[\w'’-]+\s+){0,6}?(monastery|castle|mosque|church|"
                             r"cathedral)(?:\s+complex)?(?=[\s.,;:]+(?!city|town|village)|$)", re.IGNORECASE)
# Between two listed mentions, names the text does not link ("Şıxlar, Yusifcanlı, Sarıcalı, Şüraabad"):
# still one list.
_LIST_NAMES_GAP = re.compile(rf"^(?:(?:,\s*|\s+and\s+|,\s+and\s+){_CAP})+(?:,\s*|\s+and\s+|,\s+and\s+)$")
# "three of the country's districts, Barda, Goranboy and Tartar", "regions, such as A, B and C": a
# plural kind word right before a list names what the listed places are (names the text does not
# link may come first); so does "A, B and another region" after one.
_PLURAL_BEFORE_LIST = re.compile(r"\b((?i:districts|regions|provinces|municipalities|rayons|villages|towns|"
                                 r"cities|settlements))(?:\s*[,:]|,?\s+(?i:such as|including|namely))\s+"
                                 rf"(?:{_CAP},\s+)*$")
# "The counties of the province are: A, B, C", "شهرستانهای استان … عبارتند از: A، B": a plural kind word,
# a few words of the same sentence, then a colon that opens the list.
_PLURAL_COLON_LIST = re.compile(r"(?<!\w)((?i:districts|regions|provinces|municipalities|counties|villages|towns|"
                                r"cities)|شهرستان\u200c?ها[یي]|استان\u200c?ها[یي]|روستا\u200c?ها[یي]|شهر\u200c?ها[یي])"
                                r"(?!\w)[^.:;!?\n]{0,60}:\s*$")
_PERSIAN_PLURAL = {"شهرستان": "districts", "استان": "provinces", "روستا": "villages", "شهر": "cities",
                   "مناطق": "regions"}
# "مناطق گوریس، کاپان و مغری", the regions Goris, Kapan and Meghri: the Arabic plural of "منطقه" (region)
# right before a list names what its members are, as "regions," does in English (weak: a preference);
# names the text does not link may come first.
_PERSIAN_PLURAL_BEFORE_LIST = re.compile(r"(?<![\w\u200c])(مناطق)\s+(?:[\u0600-\u06ff]+\s*،\s*)*$")
_OTHER_AFTER_LIST = re.compile(r"\s+(?:and|or)\s+(?:an)?other\s+(district|region|province|municipality|village|"
                               r"town|city|settlement)s?\b", re.IGNORECASE)
# A name made of three or more names joined by hyphens or dashes ("Kars-Iğdır-Aralık-Dilucu",
# "Баку — Тбилиси — Джейхан"); a hyphen has no space before it: "Baku - Alat - Horadiz - Julfa
# railway line" spaced so lists the stations, whose towns are marked.
_CHAIN_PART = r"[^\W\d_][\w'’]*"
_CHAIN_JOIN = r"(?:-\s?|\s?[–—]\s?)"
_CHAIN_BEFORE = re.compile(rf"((?:{_CHAIN_PART}{_CHAIN_JOIN}){{2,}}{_CHAIN_PART})\s+$")
_CHAIN_AFTER = re.compile(rf"\s+((?:{_CHAIN_PART}{_CHAIN_JOIN}){{2,}}{_CHAIN_PART})")
_LINE_NAME_SPLIT = re.compile(r"\s*[-–—]\s*")
# Turkish "Artvin'in Hopa İlçesi", "Ardahan'ın Posof ilçesi": the name in the genitive before a
# district is its province.
_GENITIVE_OF_DISTRICT = re.compile(r"['’][nN]?[ıiuüIİUÜ][nN]\s+[A-ZÇĞİÖŞÜ][\w]*\s+[İiI][lL][çÇ][eE]")
# Kind words that may stand for a unit or a town without its name ("Rayonun ərazisi", "İlin güney
# kesimi", "the province", "the city"): see Decider._unit_words. Singular only (a plural is a class).


_UNIT_WORDS = {
    "district": "district|rayon|rayonu|rayonun|rayona|rayonda|rayondan|rayondur|rayonunun|rayonunda|rayonuna|"
                "rayonundan|ilçe|ilçenin|ilçede|ilçeden|ilçeye|ilçesi",
    "province": "province|vilayət|vilayəti|vilayətin|vilayətdə|vilayətə",
    "province_tr": "il|ilin|ilde|ilden|ildeki|iline|ilinde|ilinden",
    "settlement": "city|town|şəhər|şəhəri|şəhərin|şəhərdə|şəhərə|şəhərdən|şehir|şehri|şehrin|şehirde|şehre|"
                  "şehirden|kent|kenti|kentin|kentte",
}
_unit_word_matcher: tuple | None = None
# A sentence's own evidence that a name in it is the settlement, read against a document about the
# unit (see Decider._bare_units): a word for towns or cities, singular or plural ("başqa Avropa
# şəhərlərinə", "other towns"), or a century of history older than the districts and provinces
# ("XVI əsrin", "XIX-XX əsrlərdə", "the 18th century", "XVII. yüzyılda").
_SETTLEMENT_SENTENCE = re.compile(
    r"(?i:\b(?:şəhər\w*|şehi?r\w*|kent|kenti|kentin|kentte|kentler\w*|city|cities|towns?|город\w*)\b)"
    r"|\b[XVI]{1,5}(?:\s?[-–]\s?[XVI]{1,5})?\.?\s+(?i:əsr\w*|yüzyıl\w*|asır\w*|век\w*)"
    r"|(?i:\b\d{1,2}(?:st|nd|rd|th)?(?:\s?[-–]\s?\d{1,2}(?:st|nd|rd|th)?)?\s+centur(?:y|ies)\b)")
_SENTENCE_END = re.compile(r"[.!?…]\s+(?=[A-ZÇĞİÖŞÜƏА-Я\"“«(])|\n")


def _unit_word_automaton():
    """The kind words of :data:`_UNIT_WORDS`, folded and padded as the names are (whole words), in an
    automaton of their own, built on first use: (automaton, kind per pattern)."""
    global _unit_word_matcher
    if _unit_word_matcher is None:
        keys: dict[str, str] = {}
        for kind, words in _UNIT_WORDS.items():
            for w in words.split("|"):
                keys.setdefault(f" {fold_phrase(w)} ", kind)
        _unit_word_matcher = (ahocorasick_rs.AhoCorasick(list(keys), matchkind=ahocorasick_rs.MatchKind.Standard),
                              list(keys.values()))
    return _unit_word_matcher


# A label before its value: "İl: Ağrı", "Province: Kars" (see Decider._label_cues).
_LABEL_CUE = {"province": "province", "il": "province", "ostan": "province", "district": "district",
              "ilçe": "district", "rayon": "district", "county": "district", "region": "region", "city": "city",
              "şəhər": "city", "şehir": "city", "town": "town", "village": "village", "kənd": "village",
              "köy": "village"}
_LABEL = re.compile(r"(?:^|(?<=[\s>*|]))((?i:province|ostan|district|ilçe|rayon|county|region|city|şəhər|şehir|town|"
                    r"village|kənd|köy|il)|İl|İlçe)\s*:\s*$")
_PREV_WORD = re.compile(r"(\S+)\s+$")
_OF_AFTER = re.compile(r"\s+of\b")
# Capitalised words that are no place name before "in" ("On 5 October in Fuzuli").
_NOT_NAMES = {fold_phrase(w) for w in (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "the", "and", "but",
    "also", "then", "later", "only", "mod", "un", "it", "he", "she", "they", "we", "i"
)}


@dataclass(frozen=True)
class Links:
    """Mentions as aligned arrays: ``start``/``end`` into the text,
    ``place`` into ``Linker.places``, ``confidence``; the alternatives of
    mention ``i`` are ``alt_place[alt_offset[i]:alt_offset[i + 1]]`` with their
    probabilities ``alt_score`` (most likely first)."""

    start: np.ndarray
    end: np.ndarray
    place: np.ndarray
    confidence: np.ndarray
    alt_offset: np.ndarray
    alt_place: np.ndarray
    alt_score: np.ndarray

    def __len__(self) -> int:
        return len(self.start)

    @staticmethod
    def empty() -> Links:
        e = np.empty(0, dtype=np.int64)
        return Links(e, e, e, np.empty(0, dtype=np.float32), np.zeros(1, dtype=np.int64), e,
                     np.empty(0, dtype=np.float32))


#: A settlement of at least this many people keeps its own name linking when
#: the name is also a common Turkish or Azerbaijani word ("Ordu", "Kabul").
TURKIC_WORD_POPULATION = 100_000


def _turkic_word_cued(place: Place, folded: str, own: str) -> bool:
    """Whether ``place``'s reference-rule name ``folded``, a common Turkish or
    Azerbaijani word (the reference's ``turkic_words``), links only beside a
    settlement cue: for towns and villages, and for another name than a large
    city's own ("Adalet", a Turkish name of Adelaide, is "justice"). The own
    names of Turkey's towns are left to the build's rule for them (a
    dictionary word drops the name of a town under 20,000): the Turkish
    dictionary lists many of them ("burdur", "gölcük")."""
    if place.kind not in _SETTLEMENT:
        return False
    if folded != own:
        return True
    return place.country != "TR" and place.population < TURKIC_WORD_POPULATION


#: The dictionary (``scripts/build_dictionary_words.py``) a passage's language
#: reads its words in: Azerbaijani shares most stems with Turkish.
_DICTIONARY_OF = {"tr": "tr", "az": "tr", "tr az": "tr", "fa": "fa"}
#: The countries where a dictionary's language is spoken: a place there keeps
#: its name in that language though the name is also a word ("Sivas", "اصفهان").
_DICTIONARY_HOME = {"tr": frozenset({"TR", "AZ", "CY"}), "fa": frozenset({"IR", "AF", "TJ"})}
#: Dictionaries that list proper names too (a script without capitals: the
#: Persian one has "باکو", "گنجه", "فلورانس" beside "تراز"): there a name is
#: taken for a word only in a form with an ending, and only a reference
#: place's name ("آبهای", waters of, is no Abha; "تراز" alone stays Taraz).
_LISTS_PROPER_NAMES = frozenset({"fa"})


def _home_of(place: Place, dictionary: str) -> bool:
    """Whether ``place``'s name in ``dictionary``'s language is its own name
    there: a place of a country that speaks it, a country, or a place of no
    country (a continent, a sea: "اروپا", Europe)."""
    return not place.country or kind_class(place.kind) == "country" or \
        place.country in _DICTIONARY_HOME.get(dictionary, ())


def _persian_word_cued(place: Place, word: str, importance: float) -> bool:
    """Whether ``place``'s reference-rule name, a common Persian word of the
    kind ``word`` (the reference's ``persian_words``), links only beside a cue
    of the place's kind: a word derived with -ی from a frequent word
    ("مالی", financial, for Mali; "ترکی", Turkish, for Turkey) for any place;
    a frequent dictionary word ("سراب", mirage; "میانه", middle; "بازرگان",
    merchant) for towns and villages under about 100,000 people. The
    dictionary lists large cities too ("تبریز"): those are places first."""
    if word == "derived":
        return True
    return place.kind in _SETTLEMENT and importance < _INFLECTED_WEAK_IMPORTANCE


def _feature_parts(name: str, kind: str) -> list[tuple[str, str]]:
    """(bare name, folded cue word) of a feature's name ``name`` whose other word(s) are a cue for
    ``kind`` where they stand: ("Lachin", "corridor") of "Lachin corridor", ("Sevan", "lake") of
    "Lake Sevan"; empty for other names."""
    words = name.split()
    out = []
    for k in (1, 2):
        if len(words) <= k:
            break
        tail = fold_phrase(" ".join(words[-k:]))
        if (cue := CUES.get(tail)) and kind in cue[0] and cue[2] in ("after", "both"):
            out.append((" ".join(words[:-k]), tail))
        head = fold_phrase(" ".join(words[:k]))
        if (cue := CUES.get(head)) and kind in cue[0] and cue[2] in ("before", "both"):
            out.append((" ".join(words[k:]), head))
    return out


def _feature_bare(name: str, kind: str) -> list[str]:
    """The name inside a feature's name ``name`` whose other word(s) are a cue
    for ``kind`` where they stand: "Lachin" of "Lachin corridor", "Laçın" of
    "Laçın dəhlizi", "Sevan" of "Lake Sevan"; empty for other names."""
    return [bare for bare, _ in _feature_parts(name, kind)]


def _feature_words(name: str, kind: str) -> list[str]:
    """The cue words of ``name`` that :func:`_feature_bare` strips ("castle" of "Kars Castle")."""
    return [word for _, word in _feature_parts(name, kind)]


def _same_word_cues(words: list[str]) -> frozenset[int]:
    """The cue indices of ``words`` and of their other forms (plural, case: "castles", "kalesinde"):
    the cue words that begin as one of them does, less its last letter ("monaster-ies")."""
    stems = tuple(w[:max(4, len(w) - 1)] for w in words)
    return frozenset(i for w, i in _CUE_INDEX.items() if w.startswith(stems))


def _all_capitals(text: str, start: int, end: int) -> bool:
    return all(c.isupper() for c in text[start:end] if c.isalpha())


def _folds_letters(name: str) -> bool:
    """Whether folding changes more than the case of ``name``'s letters
    (a Latin name with diacritics or letters such as ə, ı, ş)."""
    return any(c.isalpha() and not c.isascii() for c in name)


def _written(name: str) -> str:
    """A name as written, for comparing with the text: NFC, case-folded,
    white space collapsed."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _capitalised(text: str, start: int) -> bool:
    """The name starts with a capital, or is in a script without case."""
    ch = text[start] if start < len(text) else ""
    return ch.isupper() or not ch.islower()


class Linker:
    """An automaton over the names of ``places`` (and of ``reference``, laid
    under them); reusable across documents. ``places`` of the result are the
    candidates: the curated places first, in order, then the reference places
    not hidden by a curated one."""

    def __init__(self, places: Iterable[Place], *, reference: Reference | None = None, ignore: Iterable[str] = ()):
        layered = layer(tuple(places), reference, ignore)
        self.places = layered.places
        self.n_curated = layered.n_curated
        self.shadowed = layered.shadowed
        self._first_names = layered.first_names
        self._place_ids = [p.id for p in self.places]
        n = len(self.places)
        self._importance = np.array(layered.importance, dtype=np.float64) if n else np.empty(0)
        self._lat = np.radians(np.array([p.lat for p in self.places], dtype=np.float64))
        self._lon = np.radians(np.array([p.lon for p in self.places], dtype=np.float64))
        countries = sorted({p.country for p in self.places if p.country})
        code = {c: i + 1 for i, c in enumerate(countries)}
        self._country = np.array([code.get(p.country, 0) for p in self.places], dtype=np.int64)
        self._kind = [p.kind for p in self.places]
        self._local = np.array([p.kind not in _NOT_PLACE and not (p.kind == "region" and p.population > 5e7)
                                for p in self.places], dtype=bool)
        self._is_ref = np.array([i >= self.n_curated for i in range(n)], dtype=bool)
        # The same as Python lists, for the per-mention decisions.
        self._importance_list, self._is_ref_list = self._importance.tolist(), self._is_ref.tolist()
        self._country_list, self._local_list = self._country.tolist(), self._local.tolist()
        # A place's own name, folded: a name that is one place's own and only
        # another's variant ("Goris" of Goris, a variant of Gori) goes to the first.
        self._own_name = [fold_phrase(p.name) for p in self.places]

        patterns: dict[str, int] = {}
        self._roles: list[list[tuple[int, int]]] = []
        common = layered.common_words
        # English words, and the Turkish or Azerbaijani words the reference knows as names ("kabul",
        # acceptance, of Kabul): a curated one-word name that is one links only capitalised.
        capital_only = common | layered.turkic_words
        # (pattern, place) -> the forms a name must be written in: another name
        # than the place's own whose folding removed letters and left an English
        # word ("Rəşt" of Rasht -> "rest") links only as written; None once a
        # name of that pattern needs no such form.
        forms: dict[tuple[int, int], set[str] | None] = {}
        # Names whose inflected forms (Russian, Turkish, Azerbaijani) may link: see _stem_matcher.
        inflectable: list[tuple[str, tuple[int, int]]] = []

        # Persian names of several words written joined or with a zero-width non-joiner, which
        # folding drops ("آذربایجانشرقی", "بندرعباس"), and with the ezafe written after a word in a
        # silent -ه ("دریاچه‌ی ارومیه" of "دریاچه ارومیه"): added once all names are in, where no
        # name has that spelling.
        joined: list[tuple[str, tuple[int, int], str]] = []

        def add(folded: str, role: tuple[int, int], name: str = "") -> None:
            if " " in folded and _ARABIC_NAME.match(folded):
                joined.append((folded.replace(" ", ""), role, name.replace(" ", "")))
                words = folded.split()
                if any(w.endswith("ه") for w in words[:-1]):
                    ezafe = " ".join([w + "ی" if w.endswith("ه") else w for w in words[:-1]] + words[-1:])
                    joined.append((ezafe, role, ezafe if name else ""))
            key = f" {folded} "
            idx = patterns.get(key)
            if idx is None:
                idx = patterns[key] = len(self._roles)
                self._roles.append([])
            if role not in self._roles[idx]:
                self._roles[idx].append(role)
            if name and role[1] not in (_EXCLUDE, _UPPER, _CAPITAL_UPPER):
                inflectable.append((name, role))
            if name and role[1] not in (_EXCLUDE, *_CUED_ROLES):
                exact = folded in common and " " not in folded and _folds_letters(name) and \
                    name != self.places[role[0]].name
                k = (idx, role[0])
                if not exact:
                    forms[k] = None
                elif forms.get(k, set()) is not None:
                    forms.setdefault(k, set()).add(_written(name))

        self._historic: set[int] = set()  # units of the past: their bare names need a word of such units
        self._site_cues: dict[int, frozenset[int]] = {}  # a landmark's bare name: the cue words of its own name
        for index, place in enumerate(self.places[:self.n_curated]):
            for name in place.names:
                folded = fold_phrase(name)
                if folded:
                    if is_acronym(name):
                        flag = _UPPER
                    elif folded in capital_only and " " not in folded:
                        flag = _PLAIN_CAPITAL  # "Turkey", "Tartar", "Kabul": capitalised only
                    else:
                        flag = _PLAIN
                    add(folded, (index, flag), name)
            for phrase in place.exclude:
                folded = fold_phrase(phrase)
                if folded:
                    add(folded, (index, _EXCLUDE))
            tail = _ADMIN_TAIL if kind_class(place.kind) == "admin" else _RANGE_TAIL if place.kind == "mountain" \
                else None
            if tail is _ADMIN_TAIL and any(_HISTORIC_TAIL.search(n) for n in place.names):
                self._historic.add(index)
            if tail is not None:
                own = {fold_phrase(n) for n in place.names}
                for name in place.names:
                    bare = _ADMIN_HEAD.sub("", tail.sub("", name))
                    folded = fold_phrase(bare) if bare != name else ""
                    if folded and folded not in own and folded not in CUES:
                        add(folded, (index, _CUED), bare)
            elif place.kind not in _NOT_PLACE:
                # A feature named "X <cue word>" in one language ("Laçın dəhlizi", "Lake Sevan") is
                # also a cue-only candidate for bare X, so the same word with another language's cue
                # ("Laçın koridoru", "Sevan gölü") names it too. Not a country ("Azerbaijani
                # Republic" is a formal name, not a feature). In the names' order: a set's order
                # would change the linker's patterns with the string-hash seed.
                own = {fold_phrase(n) for n in place.names}
                for bare in dict.fromkeys(b for n in place.names for b in _feature_bare(n, place.kind)):
                    folded = fold_phrase(bare)
                    if folded and folded not in own and folded not in CUES:
                        add(folded, (index, _CUED), bare)
                if place.kind == "site":
                    # "Kars Castle": bare "Kars" is the castle beside a castle word only, never beside
                    # another landmark's ("Kars airport" is not the castle).
                    words = [w for n in place.names for w in _feature_words(n, place.kind)]
                    if words:
                        self._site_cues[index] = _same_word_cues(words)
        self._centre_spellings(add)
        turkic, persian = layered.turkic_words, layered.persian_words
        #: Dictionary ("tr", "fa") -> its words that names are or become with an ending (_dictionary_word).
        self._dictionary = layered.dictionary_words
        for index, names in enumerate(layered.extra):
            place = self.places[index]
            unit = index < self.n_curated and kind_class(place.kind) == "admin"
            for folded, upper, name in names:
                if unit and (idx := patterns.get(f" {folded} ")) is not None and \
                        any((index, flag) in self._roles[idx] for flag in _CUED_ROLES):
                    # A unit's bare name ("Ağrı" of "Ağrı Province") is cue-only in the YAML's reading;
                    # the reference lending it (GeoNames names the province "Ağrı") does not make it plain.
                    continue
                if upper:
                    flag = _CAPITAL_UPPER
                elif folded in turkic and _turkic_word_cued(place, folded, self._own_name[index]):
                    flag = _CUED  # "Saray" (palace), "Adalet" (justice): "Saray qəsəbəsi" only
                elif folded in persian and _persian_word_cued(place, persian[folded], self._importance[index]):
                    flag = _CUED  # "سراب" (mirage), "مالی" (financial): "شهر سراب" only
                else:
                    flag = _CAPITAL
                add(folded, (index, flag), name)
        written = set(patterns)
        for folded, role, name in joined:
            if f" {folded} " not in written:
                add(folded, role, name)
        cued_units = self._lent_unit_names_cued(patterns)
        if cued_units:
            inflectable = [(name, (role[0], _CUED) if (fold_phrase(name), role) in cued_units else role)
                           for name, role in inflectable]
        self._forms = {k: frozenset(v) for k, v in forms.items() if v}
        # Curated lines named by a chain of places ("Baku-Tbilisi-Kars"): per line, per part, the
        # places that part names; a chain in the text naming them all is that line (Decider._chains).
        self._lines: list[tuple[int, list[frozenset[int]]]] = []
        for index, place in enumerate(self.places[:self.n_curated]):
            if place.kind not in _LINE_KINDS:
                continue
            for name in place.names:
                parts = _LINE_NAME_SPLIT.split(name)
                if len(parts) < 3:
                    continue
                named = []
                for part in parts:
                    words = part.split()
                    for guess in (part, words[0] if words else "", words[-1] if words else ""):
                        idx = patterns.get(f" {fold_phrase(guess)} ") if guess else None
                        got = frozenset(q for q, flag in self._roles[idx] if flag != _EXCLUDE and q != index) \
                            if idx is not None else frozenset()
                        if got:
                            named.append(got)
                            break
                if len(named) == len(parts) and (index, named) not in self._lines:
                    self._lines.append((index, named))
        self._n_name_patterns = len(self._roles)
        self._cue_pattern: dict[int, int] = {}
        for word, cue_index in _CUE_INDEX.items():
            key = f" {word} "
            if key in patterns:
                # A cue word is no name under the reference rules ("شهرستان", county, is also a village).
                idx = patterns[key]
                self._roles[idx] = [r for r in self._roles[idx] if r[1] not in _WEAK_ROLES]
                self._cue_pattern[idx] = cue_index
            else:
                patterns[key] = len(self._roles)
                self._roles.append([])
                self._cue_pattern[patterns[key]] = cue_index
        self._patterns = list(patterns)
        # Patterns with exactly one plain curated role map straight to a place
        # index; the rest (-1) take the slow path; cue-only patterns are -2.
        simple = []
        for roles in self._roles:
            if not roles:
                simple.append(-2)
            elif len(roles) == 1 and roles[0][1] == _PLAIN:
                simple.append(roles[0][0])
            else:
                simple.append(-1)
        self._simple_place = np.array(simple or [-1], dtype=np.int64)
        self._cue_of_pattern = np.full(len(self._roles) or 1, -1, dtype=np.int64)
        for pat, cue_index in self._cue_pattern.items():
            self._cue_of_pattern[pat] = cue_index
        self._automaton = (
            ahocorasick_rs.AhoCorasick(self._patterns, matchkind=ahocorasick_rs.MatchKind.Standard)
            if self._n_name_patterns else None
        )
        self._units_of_town = self._named_units()
        self._pair_units = frozenset(u for us in self._units_of_town.values() for u in us)
        self._pair_places = np.array(sorted({*self._units_of_town, *self._pair_units}), dtype=np.int64)
        self._pair_unit_array = np.array(sorted(self._pair_units), dtype=np.int64)
        self._inside_cache: dict[tuple[int, int], bool] = {}
        self._own_names: dict[int, frozenset[str]] = {}
        self._inflectable = inflectable
        # The curated places with a name that is also a given name (Decider: _given_name_here).
        self._given_places = np.array([self._given_name({fold_phrase(n) for n in p.names})
                                       for p in self.places[:self.n_curated]] +
                                      [False] * (len(self.places) - self.n_curated), dtype=bool)
        self._stems: StemMatcher | None = None

    def _dictionary_word(self, form: str, lemma: str, place_index: int, language: str, lent: bool) -> bool:
        """Whether the word ``form`` (folded), found as the name ``lemma`` of
        place ``place_index`` (``form`` itself, or with an ending), is a common
        word of the passage's ``language`` rather than the place: the form
        with its ending is itself a dictionary word ("Maliye", finance, is no
        "to Mali"); or a reference-rule name (``lent``: the reference's, on
        its place or lent to a curated one) that is a word ("Sulak", watery,
        for the Dagestani Sulak; "Araplar", Arabs, for Poldasht) of a place
        outside the countries that speak the language (:func:`_home_of`): a
        town or village under :data:`TURKIC_WORD_POPULATION` people; in a
        dictionary of :data:`_LISTS_PROPER_NAMES`, a reference place's name
        with an ending, whatever its size. The user's names are theirs: a
        name the YAML gives is never dropped so."""
        dictionary = _DICTIONARY_OF.get(language)
        words = self._dictionary.get(dictionary) if dictionary else None
        if not words or " " in form:
            return False
        if form != lemma and form in words:
            return True
        place = self.places[place_index]
        if dictionary in _LISTS_PROPER_NAMES:
            if place_index < self.n_curated or form == lemma:
                return False
        elif place.kind not in _SETTLEMENT or place.population >= TURKIC_WORD_POPULATION:
            return False  # the dictionary lists "kazan", "tokyo", "isfahan": large cities are places first
        return lent and lemma in words and not _home_of(place, dictionary)

    def _lent_unit_names_cued(self, patterns: dict[str, int]) -> set[tuple[str, tuple[int, int]]]:
        """A spelling the reference lends both to a curated unit and to the
        curated town at its centre (the Turkish "Hocalı", "Kəbələ", the
        Persian "قزوین" of Qazvin province and city) is read as the YAML reads
        a unit's bare name: the town alone, the unit beside a cue of its kind
        ("Hocalı rayonu"). Left as two names of equal standing, neither would
        ever be chosen. A lent name that holds a unit word itself ("Hocalı
        rayonu") is the unit's only. Returns the (folded name, role) pairs
        made cue-only, for the inflected forms."""
        changed: set[tuple[str, tuple[int, int]]] = set()
        for key, idx in patterns.items():
            roles = self._roles[idx]
            if len(roles) < 2:
                continue
            if any(p < self.n_curated and flag not in (_EXCLUDE, _CUED, *_WEAK_ROLES) for p, flag in roles):
                continue  # one of the user's own names: the YAML decides
            lent = {p for p, flag in roles if flag in _WEAK_ROLES and p < self.n_curated}
            if len(lent) < 2:
                continue
            units = [p for p in lent if kind_class(self.places[p].kind) == "admin"]
            towns = [p for p in lent if self.places[p].kind in _SETTLEMENT_KINDS]
            if len(towns) != 1 or not units or len(units) + 1 != len(lent) or \
                    not all(self._centre_of(towns[0], u) for u in units):
                continue
            folded = key.strip()
            if any(w in CUES and CUES[w][0] in (_DISTRICT, _ADMIN) for w in folded.split()):
                self._roles[idx] = [r for r in roles if r[0] != towns[0]]
                continue
            new = []
            for p, flag in roles:
                if p in units and flag in _WEAK_ROLES:
                    changed.add((folded, (p, flag)))
                    flag = _CUED
                if (p, flag) not in new:
                    new.append((p, flag))
            self._roles[idx] = new
        return changed

    def _centre_of(self, town: int, unit: int) -> bool:
        """Whether settlement ``town`` can be the centre of administrative unit ``unit`` that bears its
        name ("Zəngilan" of the town and of Zəngilan District, "Kars" of the city and of Kars
        province): the one rule of "a unit and its centre town" that lends the town's spellings to
        the unit (_centre_spellings), makes a spelling the reference lends both cue-only for the unit
        (_lent_unit_names_cued) and pairs them for the document's reading (_named_units). The two lie
        within _UNIT_CENTRE_KM of each other for a district, _PROVINCE_CENTRE_KM for a larger unit
        (whose point is its middle, not its centre), and in one country; a place whose country is
        unknown (a gazetteer linked without the reference) is judged by the distance alone."""
        t, u = self.places[town], self.places[unit]
        if t.kind not in _SETTLEMENT_KINDS or kind_class(u.kind) != "admin":
            return False
        if t.country and u.country and t.country != u.country:
            return False
        return _km(t, u) <= (_UNIT_CENTRE_KM if u.kind == "district" else _PROVINCE_CENTRE_KM)

    def _named_units(self) -> dict[int, frozenset[int]]:
        """Settlement -> the administrative units that share one of its names (any role: a cue-only
        bare name, a reference name) and of which it can be the centre (_centre_of). Not a unit of
        the past (a name ending in a word of the Russian Empire's units or "oblast": "Shusha uyezd",
        "Tiflis Governorate", "Kars Oblast"; see _HISTORIC_TAIL): today's district and province
        words are no evidence for it. See Decider._units_by_the_document."""
        out: dict[int, set[int]] = {}
        places = self.places
        for roles in self._roles:
            if len(roles) < 2:
                continue
            named = {p for p, flag in roles if flag != _EXCLUDE}
            towns = [p for p in named if places[p].kind in _SETTLEMENT_KINDS]
            units = [p for p in named if kind_class(places[p].kind) == "admin" and p not in self._historic]
            for t in towns:
                for u in units:
                    if self._centre_of(t, u):
                        out.setdefault(t, set()).add(u)
        return {t: frozenset(us) for t, us in out.items()}

    def _given_name(self, names: set[str]) -> bool:
        """Whether one of the folded ``names`` is on the reference's first-name
        list (Latin, folded): as written, or a Russian name in a plain Latin
        transliteration ("Ларс" as "lars")."""
        first = self._first_names
        return not names.isdisjoint(first) or any(
            _RU_LATIN.sub(lambda m: _RU_LATIN_MAP[m.group()], n) in first for n in names if _CYRILLIC_NAME.fullmatch(n))

    def _names_own(self, c: int, names: set[str]) -> bool:
        """Whether one of the folded ``names`` is place ``c``'s own name or
        its name in a language (not an alias: an old name, a variant)."""
        place = self.places[c]
        own = self._own_names.get(c)
        if own is None:
            own = self._own_names[c] = frozenset(fold_phrase(n) for n in (place.name, *(n for _, n in
                                                                                     place.lang_names)))
        return not own.isdisjoint(names)

    def _stem_matcher(self) -> StemMatcher:
        """The word-start automaton of the names' stems (:mod:`caucasusmap.inflection`),
        built on the first document with Cyrillic or Turkic letters: English
        texts never pay for it."""
        if self._stems is None:
            self._stems = StemMatcher(self._inflectable, fold_phrase)
        return self._stems

    @property
    def pattern_count(self) -> int:
        return self._n_name_patterns

    # -- matching --------------------------------------------------------------
    def _centre_spellings(self, add) -> None:
        """A unit named after its centre ("Gazakh District" of the town Gazakh) takes the centre's
        other spellings as cue-only names: "the Qazakh district", "Ardebil province" are the unit
        whichever spelling of the town the text uses (the bare name alone stays the town)."""
        curated = self.places[:self.n_curated]
        towns: dict[str, list[int]] = {}
        for index, place in enumerate(curated):
            if place.kind in _SETTLEMENT_KINDS:
                for name in place.names:
                    towns.setdefault(fold_phrase(name), []).append(index)
        for index, place in enumerate(curated):
            if kind_class(place.kind) != "admin":
                continue
            own = {fold_phrase(n) for n in place.names}
            bares = [b for b in (fold_phrase(_ADMIN_HEAD.sub("", _ADMIN_TAIL.sub("", n))) for n in place.names)
                     if b and b not in own]
            own.update(bares)  # cue-only already, beside any cue of their kind
            for centre in dict.fromkeys(t for b in bares for t in towns.get(b, ())):
                town = curated[centre]
                if not self._centre_of(centre, index):
                    continue
                for name in town.names:
                    folded = fold_phrase(name)
                    if folded and folded not in own and folded not in CUES:
                        add(folded, (index, _CUED_STRONG), name)

    def find_links(self, text: str, cancelled: Callable[[], bool] | None = None) -> Links:
        """Every mention in ``text`` with its chosen place, confidence and
        alternatives, sorted by start (see the module docstring).
        ``cancelled()`` is asked between the steps and every few thousand
        candidates in the loops; when it says yes,
        :class:`~caucasusmap.errors.Cancelled` is raised."""
        check = _canceller(cancelled)
        if self._automaton is None:
            return Links.empty()
        folded = fold_document(text)
        check()
        raw = self._automaton.find_matches_as_indexes(folded.text, overlapping=True)
        check()
        inflected = self._stem_matcher().find(text, folded.text, folded.origin) \
            if self._inflectable and may_inflect(text) else []
        check()
        if not raw and not inflected:
            return Links.empty()
        found = np.fromiter(itertools.chain.from_iterable(raw), dtype=np.int64, count=3 * len(raw)).reshape(-1, 3)
        pat, s, e = found[:, 0], found[:, 1] + 1, found[:, 2] - 1  # drop the padding separators
        cue = self._cue_of_pattern[pat]
        chain = np.isin(cue, _CHAIN_CUES)
        lines = (s[chain], e[chain], cue[chain])
        is_cue = (cue >= 0) & ~np.isin(cue, _LINE_CUES)
        cues = (s[is_cue], e[is_cue], cue[is_cue])
        place = self._simple_place[pat]
        special = place == -1
        if not special.any() and not (place >= 0).any() and not inflected:
            return Links.empty()
        rows_s, rows_e, rows_p = [s[place >= 0]], [e[place >= 0]], [place[place >= 0]]
        excluded: dict[int, list[tuple[int, int]]] = {}
        weak_keys: list[tuple[int, int, int]] = []  # curated places found by a reference-rule name
        cued_s: list[int] = []
        cued_e: list[int] = []
        cued_p: list[int] = []
        strong_cued: set[tuple[int, int, int]] = set()  # (start, end, place) found by a _CUED_STRONG name
        languages: _Languages | None = None  # the passages' languages, for the dictionary words
        if special.any():
            extra_s, extra_e, extra_p = [], [], []
            origin = folded.origin
            at = np.flatnonzero(special)
            for n, (a, b, pt) in enumerate(zip(s[at].tolist(), e[at].tolist(), pat[at].tolist())):
                if n % CHECK_EVERY == 0:
                    check()
                for place_index, flag in self._roles[pt]:
                    if flag == _EXCLUDE:
                        excluded.setdefault(place_index, []).append((a, b))
                        continue
                    if flag in _CUED_ROLES:
                        if _capitalised(text, int(origin[a])):
                            cued_s.append(a)
                            cued_e.append(b)
                            cued_p.append(place_index)
                            if flag == _CUED_STRONG:
                                strong_cued.add((a, b, place_index))
                        continue
                    if flag == _PLAIN:
                        ok = True
                    elif flag in (_UPPER, _CAPITAL_UPPER):
                        end = int(origin[b - 1]) + 1
                        # "US$2 billion", "A$": a currency, not the country.
                        ok = _all_capitals(text, int(origin[a]), end) and text[end:end + 1] != "$"
                    else:
                        ok = _capitalised(text, int(origin[a]))
                        if ok and flag == _CAPITAL and self._dictionary:
                            if languages is None:
                                languages = _Languages(text)
                            word = folded.text[a:b]
                            ok = not self._dictionary_word(word, word, place_index, languages.at(int(origin[a])), True)
                    if ok and self._forms:
                        need = self._forms.get((pt, place_index))
                        if need is not None:
                            ok = _written(text[int(origin[a]):int(origin[b - 1]) + 1]) in need
                    if ok:
                        extra_s.append(a)
                        extra_e.append(b)
                        extra_p.append(place_index)
                        if flag in _WEAK_ROLES and place_index < self.n_curated:
                            weak_keys.append((a, b, place_index))
            rows_s.append(np.array(extra_s, dtype=np.int64))
            rows_e.append(np.array(extra_e, dtype=np.int64))
            rows_p.append(np.array(extra_p, dtype=np.int64))
        lemmas: dict[tuple[int, int], set[str]] = {}
        if inflected:
            # "Шуше", "Bakıda": spans covering the whole word form; a span that is
            # itself a name of the automaton ("Армении" given as a name) stays that match.
            exact = set(zip(s[~is_cue].tolist(), e[~is_cue].tolist()))
            seen: dict[tuple[int, int, int], int] = {}
            for a, b, (place_index, flag), lemma in inflected:
                if (a, b) in exact:
                    continue
                # A reference-rule name inflects only for a large place or a unit: small places'
                # names are often words ("Saray", palace: "Sarayda" is "in the palace").
                if (flag in _WEAK_ROLES or place_index >= self.n_curated) and not (
                        self._importance[place_index] >= (_INFLECTED_WEAK_IMPORTANCE_RU if _CYRILLIC_LEMMA.match(
                            lemma) else _INFLECTED_WEAK_IMPORTANCE) or
                        kind_class(self._kind[place_index]) in ("admin", "country")):
                    continue
                if self._dictionary:
                    if languages is None:
                        languages = _Languages(text)
                    if self._dictionary_word(folded.text[a:b], lemma, place_index, languages.at(
                            int(folded.origin[a])), flag in _WEAK_ROLES or place_index >= self.n_curated):
                        continue
                if flag in _CUED_ROLES:
                    cued_s.append(a)
                    cued_e.append(b)
                    cued_p.append(place_index)
                    if flag == _CUED_STRONG:
                        strong_cued.add((a, b, place_index))
                else:
                    k = (a, b, place_index)
                    weak_name = flag in _WEAK_ROLES and place_index < self.n_curated
                    if k in seen:
                        if not weak_name:
                            seen[k] = 0  # also found by a plain name: not weak
                        continue
                    seen[k] = 1 if weak_name else 0
                lemmas.setdefault((a, b), set()).add(lemma)
            if seen:
                rows = np.array(list(seen), dtype=np.int64)
                rows_s.append(rows[:, 0])
                rows_e.append(rows[:, 1])
                rows_p.append(rows[:, 2])
                weak_keys.extend(k for k, w in seen.items() if w)
        s, e, place = np.concatenate(rows_s), np.concatenate(rows_e), np.concatenate(rows_p)
        if excluded:
            drop = np.zeros(len(s), dtype=bool)
            # The user's exclude phrases also keep reference names out of them
            # ("Journal of Central Asia" excluded for Central Asia is not Asia either).
            reference_rows = place >= self.n_curated
            all_spans = sorted(sp for spans in excluded.values() for sp in spans)
            for place_index, spans in [*excluded.items(), (-1, all_spans)]:
                # A candidate is inside some exclude span iff, among the spans
                # starting at or before it, the farthest end covers it.
                spans.sort()
                span_start = np.array([a for a, _ in spans], dtype=np.int64)
                reach = np.maximum.accumulate(np.array([b for _, b in spans], dtype=np.int64))
                rows = np.flatnonzero(reference_rows if place_index < 0 else place == place_index)
                k = np.searchsorted(span_start, s[rows], side="right") - 1
                drop[rows] = (k >= 0) & (reach[np.maximum(k, 0)] >= e[rows])
            s, e, place = s[~drop], e[~drop], place[~drop]
        if not len(s) and not cued_s:
            return Links.empty()
        check()
        s, e, place = _leftmost_longest(s, e, place) if len(s) else (s, e, place)
        check()
        cued = np.zeros(len(s), dtype=bool)
        if cued_s:
            s, e, place, cued = _merge_cued(s, e, place, np.array(cued_s, dtype=np.int64),
                                            np.array(cued_e, dtype=np.int64), np.array(cued_p, dtype=np.int64))
        weak = self._is_ref[place] if len(place) else np.zeros(0, dtype=bool)
        if weak_keys:
            n_places = max(len(self.places), 1)

            def key(a, b, p):
                return (np.asarray(a, dtype=np.int64) * 4096 + np.minimum(np.asarray(b) - np.asarray(a), 4095)) \
                    * n_places + np.asarray(p, dtype=np.int64)

            wk = np.array(weak_keys, dtype=np.int64)
            weak = weak | np.isin(key(s, e, place), key(wk[:, 0], wk[:, 1], wk[:, 2]))
        links = Decider(self, text, folded, s, e, place, cues, cued, check, weak, lemmas, lines, strong_cued).run()
        return defined_acronyms(text, links)  # "the Baku-Tbilisi-Kars railway (BTK)": BTK is the railway

    def find_arrays(self, text: str, cancelled: Callable[[], bool] | None = None
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Start and end offsets and place indices (into :attr:`places`) of
        the mentions in ``text``, sorted by start."""
        links = self.find_links(text, cancelled)
        return links.start, links.end, links.place

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, place_id)`` for each mention in ``text``, in order."""
        starts, ends, places = self.find_arrays(text)
        ids = self._place_ids
        return [(int(a), int(b), ids[p]) for a, b, p in zip(starts, ends, places)]

    # -- geography -------------------------------------------------------------
    def inside(self, place: int, container: int) -> bool:
        """Whether ``place`` lies in ``container`` (a country, an
        administrative unit or an area with a polygon)."""
        key = (place, container)
        hit = self._inside_cache.get(key)
        if hit is None:
            hit = self._inside_cache[key] = self._compute_inside(place, container)
        return hit

    def _compute_inside(self, place: int, container: int) -> bool:
        p, c = self.places[place], self.places[container]
        if place == container:
            return False
        if c.kind == "country":
            return bool(p.country) and p.country == c.country and p.kind != "country"
        if c.geometry is not None and c.geometry.get("type") in ("Polygon", "MultiPolygon"):
            from shapely.geometry import Point, shape

            return bool(shape(c.geometry).buffer(0.05).contains(Point(p.lon, p.lat)))
        if kind_class(c.kind) == "admin" and p.kind != "country":
            if c.admin1 and p.admin1:
                return p.country == c.country and p.admin1 == c.admin1
            if c.country and p.country and c.country != p.country:
                return False
            return _km(p, c) < (60.0 if c.kind == "district" else 150.0)
        return False


def _merge_cued(s, e, place, cs, ce, cp):
    """Add the cue-only candidates (bare names of administrative units) to
    the kept spans: on a span already kept, or where no kept span overlaps
    (a cue-only name never hides a plain one)."""
    cs, ce, cp = _leftmost_longest(cs, ce, cp)
    if len(s):
        k = np.searchsorted(s, cs, side="right") - 1
        prev_end = np.where(k >= 0, e[np.maximum(k, 0)], -1)
        same = (k >= 0) & (s[np.maximum(k, 0)] == cs) & (prev_end == ce)
        nxt = np.minimum(k + 1, len(s) - 1)
        clear = (prev_end <= cs) & ((k + 1 >= len(s)) | (s[nxt] >= ce))
        ok = same | clear
        cs, ce, cp = cs[ok], ce[ok], cp[ok]
    s2 = np.concatenate([s, cs])
    e2 = np.concatenate([e, ce])
    p2 = np.concatenate([place, cp])
    flag = np.concatenate([np.zeros(len(s), dtype=bool), np.ones(len(cs), dtype=bool)])
    order = np.lexsort((p2, s2 - e2, s2))  # leftmost, longest first, as _leftmost_longest
    s2, e2, p2, flag = s2[order], e2[order], p2[order], flag[order]
    # A place both plain and cue-only on one span keeps its plain row.
    dup = np.zeros(len(s2), dtype=bool)
    dup[1:] = (s2[1:] == s2[:-1]) & (e2[1:] == e2[:-1]) & (p2[1:] == p2[:-1])
    keep = ~dup
    return s2[keep], e2[keep], p2[keep], flag[keep]


def _leftmost_longest(s: np.ndarray, e: np.ndarray, place: np.ndarray):
    """Keep the candidates of the leftmost-longest spans: sort by start,
    longer first; a span overlapping an earlier kept one is dropped, and every
    candidate of a kept span stays. Isolated spans (the vast majority) are
    kept as they are; only clusters of overlapping ones are walked."""
    order = np.lexsort((place, s - e, s))
    s, e, place = s[order], e[order], place[order]
    same = np.zeros(len(s), dtype=bool)
    same[1:] = (s[1:] == s[:-1]) & (e[1:] == e[:-1])
    first = ~same  # first row of each distinct span
    us, ue = s[first], e[first]
    reach = np.maximum.accumulate(ue)
    starts_cluster = np.ones(len(us), dtype=bool)
    starts_cluster[1:] = us[1:] >= reach[:-1]
    keep_span = starts_cluster.copy()
    cluster_id = np.cumsum(starts_cluster)
    sizes = np.bincount(cluster_id)
    crowded = np.flatnonzero(sizes[cluster_id] > 1)
    last_end = -1
    if len(crowded):
        c_start, c_s, c_e = starts_cluster[crowded].tolist(), us[crowded].tolist(), ue[crowded].tolist()
        for i, first_in, a, b in zip(crowded.tolist(), c_start, c_s, c_e):
            if first_in:
                last_end = -1
            if a >= last_end:
                keep_span[i] = True
                last_end = b
    span_of_row = np.cumsum(first) - 1
    keep = keep_span[span_of_row]
    return s[keep], e[keep], place[keep]


CHECK_EVERY = 20_000
"""Candidates handled in a Python loop between two looks at ``cancelled()``."""


def _canceller(cancelled: Callable[[], bool] | None) -> Callable[[], None]:
    """A function that raises :class:`Cancelled` once ``cancelled()`` is true."""
    if cancelled is None:
        return lambda: None

    def check() -> None:
        if cancelled():
            raise Cancelled("cancelled")

    return check


class Decider:
    """Chooses among the candidates of each mention of one document (see
    the module docstring). Works in folded offsets; maps back at the end."""

    def __init__(self, linker: Linker, text: str, folded, s, e, place, cues, cued=None, check=None, weak=None,
                 lemmas=None, lines=None, strong_cued=frozenset()):
        self.lk, self.text, self.folded = linker, text, folded
        self.strong_cued = strong_cued  # (start, end, place) of cue-only rows that need a strong cue
        self.lines = lines  # (start, end, cue) of the railway, pipeline and field words
        # (start, end) of an inflected form -> the folded names it is a form of ("шуше" -> {"шуша"}).
        self.lemmas: dict[tuple[int, int], set[str]] = lemmas or {}
        self.check = check or (lambda: None)
        self.s, self.e, self.place = s, e, place
        self.cues = cues
        self.cued = cued if cued is not None else np.zeros(len(s), dtype=bool)
        # Per row: found by a name under the reference rules (see _WEAK_ROLES).
        self.weak = weak if weak is not None else linker._is_ref[place]
        self._persons: set[str] | None = None
        self._codepoints: np.ndarray | None = None  # of the text, once per document (see _followed_by)
        # (start, end) -> cue-only unit candidates of that span that no cue kept (see _units_by_the_document).
        self._dropped_units: dict[tuple[int, int], list[int]] = {}

    def _followed_by(self, me, chars: str) -> tuple[np.ndarray, np.ndarray]:
        """Where the mentions ending at folded ``me`` end in the text, and per
        mention whether one of ``chars`` (a comma, an apostrophe) stands right
        there; the code points of the text are read once per document."""
        if self._codepoints is None:
            self._codepoints = codepoints(self.text)
        ends = self.folded.origin[me - 1].astype(np.int64) + 1
        there = np.zeros(len(ends), dtype=bool)
        inside = ends < len(self._codepoints)
        there[inside] = np.isin(self._codepoints[ends[inside]], [ord(c) for c in chars])
        return ends, there

    def _group(self):
        """Group the candidate rows by span: first row and bounds of each
        span, its start and end, candidate count, first candidate, and
        whether that is a lone curated place."""
        s, e, place = self.s, self.e, self.place
        span_start = np.ones(len(s), dtype=bool)
        span_start[1:] = (s[1:] != s[:-1]) | (e[1:] != e[:-1])
        first = np.flatnonzero(span_start)
        bounds = np.append(first, len(s))
        ms, me = s[first], e[first]
        self.ms, self.me = ms, me
        self._ms_list, self._me_list = ms.tolist(), me.tolist()  # for the walks in Python
        n_cand = np.diff(bounds)
        top = place[first]
        return first, bounds, ms, me, n_cand, top, (n_cand == 1) & ~self.lk._is_ref[top]

    # -- cues -------------------------------------------------------------------
    def run(self) -> Links:
        lk = self.lk
        first, bounds, ms, me, n_cand, top, single_curated = self._group()
        s, e, place = self.s, self.e, self.place
        listed = self._listed(ms, me)
        after, before = self._adjacent_cues(ms, me, listed)
        # "Ardabil and Zanjan provinces", "the districts of Agdam, Jabrayil and
        # Fuzuli": a plural cue before or after a list applies to each name of it.
        self._plural_around_list(listed, after, before)
        self._spread_plural(listed, after, before)
        self._appositive_cues(me, after)
        self._genitive_cues(me, after)
        self._holder_cues(listed, before)
        self._label_cues(ms, before)
        if self.cued.any() or (n_cand > 1).any():
            # "... in Fuzuli" after a name the text does not link: what holds it.
            for i in np.flatnonzero((before < 0) & ((n_cand > 1) | np.add.reduceat(self.cued, first).astype(bool))):
                if self._named_in(int(i)):
                    before[i] = _IN_NAMED
        if self.cued.any():
            # Cue-only candidates stay only where a cue of their kind stands next to them.
            span_of_row = np.repeat(np.arange(len(first)), n_cand)
            keep_row = ~self.cued
            for r in np.flatnonzero(self.cued):
                i = span_of_row[r]
                kind = lk._kind[int(place[r])]
                strong = bool(self.strong_cued) and (int(s[r]), int(e[r]), int(place[r])) in self.strong_cued
                historic = int(place[r]) in lk._historic
                own_words = lk._site_cues.get(int(place[r]))
                keep_row[r] = any(c >= 0 and kind in _CUE_KIND_SETS[c][0] and (_CUE_KIND_SETS[c][1] or not strong)
                                  and (not historic or c in _HISTORIC_CUES) and (own_words is None or c in own_words)
                                  for c in (after[i], before[i]))
            if len(lk._pair_places):
                for r in np.flatnonzero(self.cued & ~keep_row & np.isin(place, lk._pair_places)).tolist():
                    self._dropped_units.setdefault((int(s[r]), int(e[r])), []).append(int(place[r]))
            kept_span = np.zeros(len(first), dtype=bool)
            kept_span[span_of_row[keep_row]] = True
            self.s, self.e, self.place = s[keep_row], e[keep_row], place[keep_row]
            self.weak = self.weak[keep_row]
            after, before = after[kept_span], before[kept_span]
            first, bounds, ms, me, n_cand, top, single_curated = self._group()
            s, e, place = self.s, self.e, self.place
        # A curated place found by a spelling the reference lent it is decided
        # like a reference place (the person and distance guards apply).
        settled = single_curated & (after < 0) & (before < 0) & ~self.weak[first]
        self._bounds = bounds
        # The places of a line named by a chain ("Kars-Iğdır-Aralık-Dilucu Demiryolu") are not linked.
        chains, in_chain = self._chains(ms, me)
        settled &= ~in_chain
        # A settled curated name that is also a given name and stands as one is no place (_given_name_here).
        given = np.zeros(len(settled), dtype=bool)
        if lk._given_places.any():
            for j in np.flatnonzero(settled & lk._given_places[top]).tolist():
                a, b = int(ms[j]), int(me[j])
                names = self.lemmas.get((a, b)) or {self._surface(a, b)}
                if self._given_name_here(a, b, j, names, [int(top[j])], int(me[j - 1]) if j > 0 else -1):
                    settled[j] = False
                    given[j] = True  # neither settled nor decided: no link
        self._list_ends: dict[int, int] = {}  # mention -> what _list_end found (ms and me fixed from here)
        self._by_words: dict[int, tuple | None] = {}  # mention -> what _decide_by_words gave
        # Per mention: whether all its candidates were found by reference-rule names.
        self._all_weak = np.logical_and.reduceat(self.weak, bounds[:-1]).tolist() if len(self.weak) else []
        chosen = np.where(settled, top, -1)
        confidence = np.where(settled, 1.0, 0.0)
        alts: dict[int, list[tuple[int, float]]] = {}
        todo = np.flatnonzero(~settled & ~in_chain & ~given)
        if len(todo):
            anchors = np.flatnonzero(settled)
            # Pass 1 decides with the settled mentions as context; pass 2 adds pass 1's choices.
            for _pass in (0, 1):
                ctx = np.flatnonzero(chosen >= 0) if _pass else anchors
                context = _Context(lk, ms[ctx], chosen[ctx])
                for n, i in enumerate(todo):
                    if n % (CHECK_EVERY // 10) == 0:
                        self.check()
                    cands = place[bounds[i]:bounds[i + 1]]
                    best, conf, others = self._decide(int(i), cands, int(after[i]), int(before[i]), ms, me,
                                                      chosen, context)
                    chosen[i] = best
                    confidence[i] = conf
                    alts[int(i)] = others
            self._ties_by_the_text(todo, chosen, confidence, alts)
        if len(lk._pair_places) and len(ms):
            self._units_by_the_document(chosen, confidence, alts, after, before, in_chain)
        if len(ms) > 1:
            self._headings(chosen, confidence, alts, after, before)
        if chains:
            me = me.copy()
            for members in chains:
                # The line itself where the gazetteer has it: its first mention spans the chain.
                line = self._line_of(members)
                if line >= 0:
                    i = members[0]
                    chosen[i], confidence[i], me[i] = line, 1.0, me[members[-1]]
                    alts.pop(i, None)
        keep = (chosen >= 0) & (confidence >= MIN_CONFIDENCE)
        idx = np.flatnonzero(keep)
        origin = self.folded.origin
        start = origin[ms[idx]].astype(np.int64)
        end = origin[me[idx] - 1].astype(np.int64) + 1
        offsets = [0]
        alt_place: list[int] = []
        alt_score: list[float] = []
        for i in idx.tolist():
            for p, sc in alts.get(i, ()):
                alt_place.append(p)
                alt_score.append(sc)
            offsets.append(len(alt_place))
        return Links(start, end, chosen[idx].astype(np.int64), confidence[idx].astype(np.float32),
                     np.array(offsets, dtype=np.int64), np.array(alt_place, dtype=np.int64),
                     np.array(alt_score, dtype=np.float32))

    @staticmethod
    def _ties_by_the_text(todo, chosen, confidence, alts) -> None:
        """A mention left undecided between candidates (below
        ``MIN_CONFIDENCE``: "Урмия", the city or the lake; "Astara", in
        Azerbaijan or in Iran) takes the one candidate that the text names
        with confidence elsewhere ("озеро Урмия", "Astara, Iran"): one reading
        of a name per document. Left undecided when none or several are."""
        sure = {int(p) for p in chosen[(chosen >= 0) & (confidence >= MIN_CONFIDENCE)].tolist()}
        if not sure:
            return
        for i in todo.tolist():
            if chosen[i] < 0 or confidence[i] >= MIN_CONFIDENCE:
                continue
            cands = [int(chosen[i]), *(p for p, _ in alts.get(i, ()))]
            named = [p for p in cands if p in sure]
            if len(named) == 1:
                p = named[0]
                alts[i] = [(q, sc) for q, sc in ([(int(chosen[i]), float(confidence[i]))] + alts.get(i, []))
                           if q != p]
                chosen[i], confidence[i] = p, MIN_CONFIDENCE

    def _units_by_the_document(self, chosen, confidence, alts, after, before, in_chain) -> None:
        """A name shared by a town and the unit named after it ("Zəngilan", "Iğdır", "Kars"), written
        bare, is the town — unless the document as a whole is about the unit: a mention of that name
        carries a cue of the unit's kind ("Zəngilan rayonu", "İğdır ili"), none carries a settlement
        cue ("Zəngilan şəhəri", "the city of Kars"), and the text speaks of "the district" / "the
        province" on its own (unit words standing by no name: "Rayonun ərazisi", "İlin güney
        kesimi") more often than of "the city" / "the town" (a war report on "Fuzuli District" that
        says "the city" keeps its bare "Fuzuli" the town). Then the bare mentions are the unit."""
        lk = self.lk
        if not np.isin(chosen, lk._pair_unit_array).any():
            return  # no mention is such a unit: nothing to read by the document or by a list
        ms, me, bounds, place = self._ms_list, self._me_list, self._bounds, self.place
        rows = np.flatnonzero(np.isin(place, lk._pair_places))
        spans = set((np.searchsorted(bounds, rows, side="right") - 1).tolist())
        for a, b in self._dropped_units:
            k = int(np.searchsorted(self.ms, a))
            if k < len(ms) and ms[k] == a and me[k] == b:
                spans.add(k)
        spans = sorted(spans)
        units_of_town = lk._units_of_town
        cued_unit: dict[int, int] = {}
        cued_town: dict[int, int] = {}
        bare: dict[int, list[tuple[int, list[int]]]] = {}  # unit -> (mention, the towns it may be)
        readings: dict[int, dict[int, list[int]]] = {}  # mention -> unit -> the towns it may be
        for i in spans:
            if in_chain[i]:
                continue
            cands = [*place[bounds[i]:bounds[i + 1]].tolist(), *self._dropped_units.get((ms[i], me[i]), ())]
            pairs: dict[int, list[int]] = {}
            for t in cands:
                for u in units_of_town.get(t, ()):
                    if u in cands:
                        pairs.setdefault(u, []).append(t)
            c = int(chosen[i])
            if not pairs:
                if c in lk._pair_units and _ADMIN_TAIL.search(self._surface(ms[i], me[i])):
                    cued_unit[c] = cued_unit.get(c, 0) + 1  # the unit's full name: "Zəngilan rayonu"
                continue
            readings[i] = pairs
            cues = [k for k in (int(after[i]), int(before[i])) if k >= 0]
            for u, towns in pairs.items():
                if not cues:
                    bare.setdefault(u, []).append((i, towns))
                elif c == u and any(lk._kind[u] in _CUE_KIND_SETS[k][0] for k in cues):
                    cued_unit[u] = cued_unit.get(u, 0) + 1
                elif c in towns and any(_CUE_KIND_SETS[k][0] & _SETTLEMENT_KINDS for k in cues):
                    cued_town[u] = cued_town.get(u, 0) + 1
        todo = [u for u in bare if cued_unit.get(u) and not cued_town.get(u)]
        read = {i for i in readings if int(chosen[i]) in readings[i] and any(
            lk._kind[int(chosen[i])] in _CUE_KIND_SETS[k][0] for k in (int(after[i]), int(before[i])) if k >= 0)}
        if todo:
            read |= self._bare_units(todo, bare, chosen, confidence, alts)
        if read:
            self._lists_of_units(readings, read, chosen, confidence, alts)

    def _bare_units(self, todo, bare, chosen, confidence, alts) -> set[int]:
        """The third test of :meth:`_units_by_the_document` (kind words alone), and the change;
        returns the mentions changed."""
        lk = self.lk
        words = self._unit_words()
        changed = set()
        for u in todo:
            said = words["district" if lk._kind[u] == "district" else "province"]
            if not said or said <= words["settlement"]:
                continue
            for i, towns in bare[u]:
                c = int(chosen[i])
                if c >= 0 and c not in towns and confidence[i] >= MIN_CONFIDENCE:
                    continue  # neither reading: something else the words decided
                if self._settlement_sentence(i):
                    continue  # its own sentence speaks of the town: the document does not decide it
                self._take(i, u, chosen, confidence, alts)
                changed.add(i)
        return changed

    def _settlement_sentence(self, i: int) -> bool:
        """Whether the sentence of mention ``i`` has its own evidence of a settlement
        (:data:`_SETTLEMENT_SENTENCE`) outside the mention: the town's history or a word for towns."""
        text, origin = self.text, self.folded.origin
        a, b = int(origin[self.ms[i]]), int(origin[self.me[i] - 1]) + 1
        lo = max(0, a - 400)
        for m in _SENTENCE_END.finditer(text, lo, a + 1):  # one past: the mention's capital ends one
            lo = m.end()
        tail = _SENTENCE_END.search(text, b, b + 400)
        hi = tail.start() + 1 if tail else min(len(text), b + 400)
        return bool(_SETTLEMENT_SENTENCE.search(text[lo:a]) or _SETTLEMENT_SENTENCE.search(text[b:hi]))

    @staticmethod
    def _take(i, u, chosen, confidence, alts) -> None:
        """Mention ``i`` becomes place ``u`` at ``MIN_CONFIDENCE``; what it was, an alternative."""
        c = int(chosen[i])
        rest = [(p, sc) for p, sc in ([(c, float(confidence[i]))] if c >= 0 else []) + alts.get(i, []) if p != u]
        total = sum(sc for _, sc in rest) or 1.0
        alts[i] = [(p, (1.0 - MIN_CONFIDENCE) * sc / total) for p, sc in rest]
        chosen[i], confidence[i] = u, MIN_CONFIDENCE

    def _lists_around(self, mentions: list[int]):
        """The lists (ranges of two or more mentions, see :meth:`_listed`) that hold one of
        ``mentions`` (sorted): only the stretch of close mentions around each is read."""
        ms, me = self.ms, self.me
        near = (ms[1:] - me[:-1]) < 80  # _listed's widest gap
        done = -1
        for m in mentions:
            if m <= done:
                continue
            lo, hi = m, m
            while lo > 0 and near[lo - 1]:
                lo -= 1
            while hi < len(ms) - 1 and near[hi]:
                hi += 1
            done = hi
            listed = self._listed(ms[lo:hi + 1], me[lo:hi + 1])
            i = 0
            while i <= hi - lo:
                j = i
                while j < hi - lo and listed[j]:
                    j += 1
                if j > i:
                    yield range(lo + i, lo + j + 1)
                i = j + 1

    def _lists_of_units(self, readings, read, chosen, confidence, alts) -> None:
        """A list is of one level: where a member is a town's name read as the district (or the
        province) named after it (``read``: by a cue of its own or by the document), and every
        other member is a town that shares its name with a district (a province) of its own —
        "Ardahan, Kars, Erzurum, Sivas …" after "Ardahan'ın Posof ilçesi" — the others are those
        units too. A member that is only a town, a village or anything else keeps the list as it is
        ("Fuzuli District, Horadiz and Jabrayil"); so does a list whose units have no town of their
        name ("East Azerbaijan, West Azerbaijan, Zanjan and Ardabil": regions beside cities)."""
        lk = self.lk
        for members in self._lists_around(sorted(read)):
            for kind in ("district", "province"):
                units = [m for m in members if chosen[m] >= 0 and confidence[m] >= MIN_CONFIDENCE and
                         lk._kind[int(chosen[m])] == kind]
                # The list must show a town's name read as its unit: a unit with no town of its name
                # ("East Azerbaijan, West Azerbaijan, Zanjan and Ardabil") lists regions beside cities.
                if not any(m in read for m in units):
                    continue
                change = []
                for m in members:
                    if m in units:
                        continue
                    own = [(u, towns) for u, towns in readings.get(m, {}).items() if lk._kind[u] == kind]
                    c = int(chosen[m])
                    if len(own) != 1 or not (c < 0 or c in own[0][1] or confidence[m] < MIN_CONFIDENCE):
                        break
                    change.append((m, own[0][0]))
                else:
                    for m, u in change:
                        self._take(m, u, chosen, confidence, alts)

    def _unit_words(self) -> dict[str, int]:
        """How often the text names a district, a province or a settlement by its kind word alone, by
        no name ("Rayonun ərazisi", "İldeki", "the city"): the word is not right after a capitalised
        word in mid-sentence ("Zəngilan rayonu"), nor, in English, before "of" ("the city of X").
        Turkish "il" (province) counts in Turkish paragraphs only (in Azerbaijani it is "year")."""
        out = {"district": 0, "province": 0, "settlement": 0}
        text = self.text
        languages = None
        origin = self.folded.origin
        starts = origin[self.ms].astype(np.int64).tolist()
        ends = (origin[self.me - 1].astype(np.int64) + 1).tolist()
        names_end = set(ends)
        names_end.update(int(origin[b - 1]) + 1 for _, b in self._dropped_units)
        automaton, kinds = _unit_word_automaton()
        for pattern, fs, fe in automaton.find_matches_as_indexes(self.folded.text, overlapping=True):
            kind = kinds[pattern]
            a = int(origin[fs + 1])
            b = int(origin[fe - 2]) + 1
            k = bisect.bisect_right(starts, a) - 1
            if k >= 0 and ends[k] > a:
                continue  # part of a name ("Laçın rayonu")
            head = text[max(0, a - 60):a]
            prev = _PREV_WORD.search(head)
            if prev:
                w = prev.group(1)
                if a - len(head) + prev.end(1) in names_end:
                    continue  # "Zəngilan rayonu", "Kars City": a name's
                if w[:1].isupper() and w[-1].isalnum():
                    lead = head[:prev.start(1)].rstrip(" \t")
                    if lead and lead[-1] not in ".!?:;…\n|>*#":
                        continue  # a name the text does not link, in mid-sentence
            if _OF_AFTER.match(text, b):
                continue
            if kind == "province_tr":
                if languages is None:
                    languages = _Languages(text)
                if languages.at(a) != "tr":
                    continue
                kind = "province"
            out[kind] += 1
        return out

    def _chains(self, ms, me) -> tuple[list[list[int]], np.ndarray]:
        """Mentions inside a railway's, a pipeline's or a field's name made of three or more
        place names joined by dashes, next to a line word ("Kars-Iğdır-Aralık-Dilucu
        Demiryolu", "Azeri–Chirag–Gunashli oil field", "нефтепровод Баку — Тбилиси — Джейхан"):
        the line is one feature (docs/annotation.md), its parts are not the towns. Returns the
        mentions of each chain (in order) and a mask of them; a mention spanning the whole
        chain (a name of the line itself) is no part of it."""
        in_chain = np.zeros(len(ms), dtype=bool)
        chains: list[list[int]] = []
        if self.lines is None or not len(self.lines[0]) or not len(ms):
            return chains, in_chain
        origin, text = self.folded.origin, self.text
        starts = origin[ms].astype(np.int64)
        ends = origin[me - 1].astype(np.int64) + 1
        seen = set()
        for a, b, cue in zip(*(x.tolist() for x in self.lines)):
            if _CUE_KIND_SETS[cue][2] == "before":
                at = int(origin[b - 1]) + 1
                m = _CHAIN_AFTER.match(text, at, at + 240)
            else:
                at = int(origin[a])
                m = _CHAIN_BEFORE.search(text, max(0, at - 240), at)
            if not m or m.span(1) in seen:
                continue
            seen.add(m.span(1))
            c0, c1 = m.span(1)
            lo, hi = int(np.searchsorted(starts, c0)), int(np.searchsorted(starts, c1))
            members = [i for i in range(lo, hi) if not (starts[i] <= c0 and ends[i] >= c1)]
            if members:
                in_chain[members] = True
                chains.append(members)
        return chains, in_chain

    def _line_of(self, members: list[int]) -> int:
        """The curated line each of whose parts names a candidate of the chain, or -1."""
        named = set()
        for i in members:
            named.update(self.place[self._bounds[i]:self._bounds[i + 1]].tolist())
        for line, parts in self.lk._lines:
            if all(part & named for part in parts):
                return line
        return -1

    def _adjacent_cues(self, ms, me, listed) -> tuple[np.ndarray, np.ndarray]:
        """Per mention, the cue starting right after it and the one ending
        right before it (-1: none), keeping only cues valid in that place:
        separated from the name by white space only ("East Azerbaijan
        Province, Iran" gives Iran no cue), a qualifier only capitalised, a
        plural "of" cue before a list read as naming the listed places."""
        cue_s, cue_e, cue_k = self.cues
        n = len(ms)
        after = np.full(n, -1, dtype=np.int64)
        before = np.full(n, -1, dtype=np.int64)
        if not len(cue_s):
            return after, before
        origin, text = self.folded.origin, self.text
        for pos, other, key, out, target in ((cue_s, cue_e, me + 1, after, "after"),
                                             (cue_e, cue_s, ms - 1, before, "before")):
            order = np.argsort(pos, kind="stable")
            sorted_pos, sorted_k, sorted_other = pos[order], cue_k[order], other[order]
            k = np.minimum(np.searchsorted(sorted_pos, key), len(sorted_pos) - 1)
            hit = sorted_pos[k] == key
            out[hit] = sorted_k[k[hit]]
            for i in np.flatnonzero(out >= 0):
                cue = int(out[i])
                # The original text between the name and the cue: white space only.
                if target == "after":
                    a, b = int(origin[me[i] - 1]) + 1, int(origin[sorted_pos[k[i]]])
                else:
                    a, b = int(origin[sorted_pos[k[i]] - 1]) + 1, int(origin[ms[i]])
                gap = text[a:b].strip()
                if gap and not (gap == "." and _CUE_WORDS[cue] in _ABBREVIATED_CUES and target == "before"):
                    out[i] = -1
                    continue
                if cue in _QUALIFIER_CUES:
                    if not text[int(origin[sorted_other[k[i]]])].isupper():
                        out[i] = -1
                    continue
                if cue in _TITLE_CUES:
                    if not (target == "after" and text[int(origin[sorted_pos[k[i]]])].isupper()):
                        out[i] = -1
                    continue
                if target == "after" and cue in _CAPITAL_STRONG and text[int(origin[sorted_pos[k[i]]])].isupper():
                    out[i] = _CAPITAL_STRONG[cue]
                    continue
                where = _CUE_KIND_SETS[cue][2]
                if where == "both" or where == target:
                    continue
                if where == "of" and target == "before":
                    if cue in _LIST_CUE and listed[i]:
                        out[i] = _LIST_CUE[cue]
                        continue
                    if self._the_before_cue(int(ms[i]), cue):
                        continue
                out[i] = -1
        return after, before

    def _appositive_cues(self, me, after) -> None:
        """A mention without a cue after it, followed by an apposition that
        says what it is ("Gali, a … district of Abkhazia"): that cue."""
        text = self.text
        if not len(me):
            return
        ends, comma = self._followed_by(me, ",")
        for i in np.flatnonzero(after < 0).tolist():
            m = (_APPOSITIVE if comma[i] else _FEATURE_COPULA).match(text, int(ends[i]), int(ends[i]) + 120)
            if m:
                after[i] = _CUE_INDEX[fold_phrase(m.group(1).lower())]

    def _plural_around_list(self, listed, after, before) -> None:
        """A plural kind word before a list ("the districts, Barda, Goranboy and Tartar") or
        "and another region" after it: a strong cue of that kind on its first or last member."""
        if not listed.any():
            return
        origin, text = self.folded.origin, self.text
        ms, me = self._ms_list, self._me_list
        starts = np.flatnonzero(listed & (before < 0))
        for i in starts.tolist():
            if i > 0 and listed[i - 1]:
                continue  # inside the list: the cue spreads from its first member
            a = int(origin[ms[i]])
            m = (_PLURAL_BEFORE_LIST.search(text, max(0, a - 40), a)
                 or _PERSIAN_PLURAL_BEFORE_LIST.search(text, max(0, a - 40), a)
                 or _PLURAL_COLON_LIST.search(text, max(0, a - 100), a))
            if m:
                word = m.group(1).lower()
                word = next((v for k, v in _PERSIAN_PLURAL.items() if word.startswith(k)), word)
                before[i] = _LIST_CUE[_CUE_INDEX[_PLURAL_OF[word]]]
        for i in np.flatnonzero(~listed).tolist():
            if i == 0 or not listed[i - 1] or after[i] >= 0:
                continue  # the last member of a list only
            b = int(origin[me[i] - 1]) + 1
            m = _OTHER_AFTER_LIST.match(text, b, b + 40)
            if m:
                word = m.group(1).lower()
                plural = word[:-1] + "ies" if word.endswith("y") else word + "s"  # city -> cities
                after[i] = _LIST_CUE[_CUE_INDEX[_PLURAL_OF[plural]]]

    def _holder_cues(self, listed, before) -> None:
        """"the village of Gandza, Ninotsminda": the name after the comma is what holds it."""
        # not inside a longer list ("the city of Goris, Kapan and Meghri")
        heads = np.flatnonzero(listed[:-1] & ~listed[1:] & np.isin(before[:-1], list(_SINGLE_SETTLEMENT_OF)))
        for i in heads.tolist():
            if before[i + 1] < 0 and self._gap(self._me_list[i], self._ms_list[i + 1]).strip() == ",":
                before[i + 1] = _HOLDS_SETTLEMENT

    def _label_cues(self, ms, before) -> None:
        """A kind word and a colon right before a name, a label and its value ("İl: Ağrı",
        "Province: Kars", "Rayon: Zəngilan"): that kind word's cue."""
        if not len(ms) or ":" not in self.text:
            return
        if self._codepoints is None:
            self._codepoints = codepoints(self.text)
        cps = self._codepoints
        st = self.folded.origin[ms].astype(np.int64)
        colon = np.zeros(len(st), dtype=bool)
        for back in (1, 2):  # "İl: Ağrı", "İl:Ağrı"
            ok = st >= back
            colon[ok] |= cps[st[ok] - back] == ord(":")
        text = self.text
        for i in np.flatnonzero(colon & (before < 0)).tolist():
            a = int(st[i])
            m = _LABEL.search(text, max(0, a - 30), a)
            if m:
                before[i] = _CUE_INDEX[_LABEL_CUE[m.group(1).lower().replace("i̇", "i")]]

    def _headings(self, chosen, confidence, alts, after, before) -> None:
        """A name alone on its line, a heading ("Laçın" above "Laçın rayonu …"), names what the text
        is about: it takes the reading of the next mention of the same name when that one is decided
        by a cue of its own (other headings of the name may stand between). A next mention without a
        cue leaves the heading as it is."""
        if self._codepoints is None:
            self._codepoints = codepoints(self.text)
        cps, text, origin = self._codepoints, self.text, self.folded.origin
        ms, me, bounds, place = self._ms_list, self._me_list, self._bounds, self.place
        st = origin[self.ms].astype(np.int64)
        line_start = (st == 0) | (cps[np.maximum(st - 1, 0)] == 10)

        def heading(k: int) -> bool:
            end = int(origin[me[k] - 1]) + 1
            nl = text.find("\n", end)
            return bool(line_start[k]) and not text[end:nl if nl >= 0 else len(text)].strip(" \t*#_:.")

        for i in np.flatnonzero(line_start).tolist():
            if not heading(i) or after[i] >= 0 or before[i] >= 0:
                continue
            name = self._surface(ms[i], me[i])
            for j in range(i + 1, min(i + 40, len(ms))):
                if ms[j] - me[i] > 2000:
                    break
                other = self._surface(ms[j], me[j])
                if other != name:
                    if not (other.startswith(name + " ") and _ADMIN_TAIL.search(other)):
                        continue  # another name; "Laçın rayonu", the unit's full name, is cued
                elif after[j] < 0 and before[j] < 0:
                    if heading(j):
                        continue  # another heading
                    break
                c = int(chosen[j])
                cands = [*place[bounds[i]:bounds[i + 1]].tolist(), *self._dropped_units.get((ms[i], me[i]), ())]
                if c >= 0 and confidence[j] >= MIN_CONFIDENCE and c != int(chosen[i]) and c in cands:
                    self._take(i, c, chosen, confidence, alts)
                break

    def _genitive_cues(self, me, after) -> None:
        """A mention in the Turkish genitive before a district ("Artvin'in Hopa İlçesi") is a province."""
        text = self.text
        if not len(me) or ("'" not in text and "’" not in text):
            return
        ends, mark = self._followed_by(me, "'’")
        for i in np.flatnonzero((after < 0) & mark).tolist():
            end = int(ends[i])
            if _GENITIVE_OF_DISTRICT.match(text, end, end + 60):
                after[i] = _PROVINCE_CUE

    def _listed(self, ms, me) -> np.ndarray:
        """Per mention, whether the next one follows it in a list ("Agdam, Jabrayil")."""
        listed = np.zeros(len(ms), dtype=bool)
        if len(ms) < 2:
            return listed
        dist = ms[1:] - me[:-1]
        close = dist < 8
        # Farther apart, after a comma: names the text does not link ("Ninotsminda, Akhaltskha,
        # Aspindza") or a direction ("Kəlbəcər, cənubdan Qubadlı") may stand between.
        far = (dist < 80) & ~close
        if far.any() and ("," in self.text or "،" in self.text):
            far &= self._followed_by(me[:-1], ",،")[1]
        else:
            far[:] = False
        for i in np.flatnonzero(close | far).tolist():
            gap = self._gap(int(me[i]), int(ms[i + 1]))
            listed[i] = bool(_LIST_GAP.match(gap) or (far[i] and _LIST_NAMES_GAP.match(gap)))
        return listed

    def _named_in(self, i: int) -> bool:
        """"Qaraxanbəyli, Qərvənd and Kənd Horadiz in Fuzuli": the mention
        follows "in" and a capitalised word in mid-sentence that the text
        does not link (a place the gazetteer lacks, listed as lying in it)."""
        s = int(self.ms[i])
        origin = self.folded.origin
        if self.folded.text[max(0, s - 4):s] != " in ":
            return False
        if i > 0 and self.me[i - 1] >= s - 5:
            return False  # "Horadiz in Fuzuli" with Horadiz linked: see _IN_GAP
        raw = self.text[max(0, int(origin[s]) - 160):int(origin[s])]
        m = _NAMED_IN.search(raw)
        if not m or any(fold_phrase(g.split()[0]) in _NOT_NAMES for g in m.groups()):
            return False
        head = raw[:m.start(1)].rstrip(" \t")
        return bool(head) and head[-1] not in ".!?:\n\"“(" and not head.endswith("**")

    def _list_container(self, i: int, chosen) -> int:
        """The mention that holds the list mention ``i`` stands in
        ("Mahmudlu, Cəfərabad and Decal *in Jabrayil District*"), or -1."""
        k = self._list_ends.get(i)
        if k is None:
            k = self._list_ends[i] = self._list_end(i)
        return k if k >= 0 and chosen[k] >= 0 and kind_class(self.lk._kind[int(chosen[k])]) in ("admin", "country") \
            else -1

    def _list_end(self, i: int) -> int:
        """The mention after "in" that ends the list mention ``i`` stands in, or -1
        (the words alone: the same in both passes of :meth:`run`)."""
        ms, me = self._ms_list, self._me_list
        j = i
        for _ in range(40):
            if j + 1 >= len(ms) or ms[j + 1] - me[j] > 240:
                return -1
            gap = self._gap(me[j], ms[j + 1])
            if _LIST_THEN_IN.match(gap):
                return j + 1
            if not (_LIST_GAP.match(gap) or _LIST_NAMES_GAP.match(gap)):
                return -1
            j += 1
        return -1

    def _the_before_cue(self, s: int, cue: int) -> bool:
        """"the city of X", "the Iranian province of X", "the US state of
        X" — not "the largest city of X" nor "the Hadrut district of X": an
        *of* cue counts right after "the", or after "the" and a capitalised
        word that is not itself a place name (a nationality)."""
        cue_start = s - 1 - len(_CUE_WORDS[cue])
        head = self.folded.text[max(0, cue_start - 40):cue_start]
        words = head.split()
        if not words:
            return False
        if words[-1] == "the":
            return True
        if len(words) >= 2 and words[-2] == "the":
            word_start = cue_start - 1 - len(words[-1])
            origin = self.folded.origin
            if not _capitalised(self.text, int(origin[word_start])) or not self.text[int(origin[word_start])].isalpha():
                return False
            # the word must not be (part of) a place name found here, unless that
            # name is a country's, used as a modifier ("the US state of")
            k = int(np.searchsorted(self.me, word_start, side="right"))
            if k < len(self.ms) and self.ms[k] <= word_start:
                rows = self.place[(self.s == self.ms[k]) & (self.e == self.me[k])]
                return any(self.lk._kind[int(r)] == "country" for r in rows)
            return True
        return False

    def _spread_plural(self, listed, after, before) -> None:
        n = len(listed)
        # Only listed mentions pass a cue on (walked in order: "A, B and C provinces").
        heads = np.flatnonzero(listed[:n - 1]).tolist()
        for i in reversed(heads):
            nxt = int(after[i + 1])
            if after[i] < 0 and nxt >= 0 and _CUE_KIND_SETS[nxt][3]:
                after[i] = nxt
        for i in heads:
            prev = int(before[i])
            if before[i + 1] < 0 and prev >= 0 and _CUE_KIND_SETS[prev][3]:
                before[i + 1] = prev

    def _gap(self, a: int, b: int) -> str:
        """Original text between folded positions a (end) and b (start)."""
        origin = self.folded.origin
        return self.text[int(origin[a - 1]) + 1:int(origin[b])]

    def _person_before(self, s: int, prev_end: int = -1) -> bool:
        """A given name or a title right before the name ("Sergei Kirov");
        not when that word is itself a mention ("Georgia, USA")."""
        words = self.folded.text[max(0, s - 40):s].split()
        if not words or prev_end >= s - len(words[-1]) - 1:
            return False
        w = words[-1]
        if w in _TITLES:
            return True
        if w in self.lk._first_names:
            # Only a capitalised given name counts ("Ali", not the word "ali").
            pos = s - 1 - len(w)
            return _capitalised(self.text, int(self.folded.origin[pos]))
        return False

    def _person_names(self) -> set[str]:
        """Folded names that, somewhere in this document, stand after a given
        name or a title or before a surname ending, found by reference-rule
        names only: that document uses them for a person."""
        if self._persons is None:
            self._persons = set()
            ms, me, bounds = self.ms, self.me, self._bounds
            if len(self.weak):
                all_weak = np.logical_and.reduceat(self.weak, bounds[:-1])
                for j in np.flatnonzero(all_weak).tolist():
                    a, b = int(ms[j]), int(me[j])
                    if self._person_before(a, int(me[j - 1]) if j > 0 else -1) or self._surname_after(b):
                        self._persons.add(self._surface(a, b))
        return self._persons

    def _surface(self, s: int, e: int) -> str:
        """The folded name a mention is: its text, or for an inflected form the name it is a form of."""
        names = self.lemmas.get((s, e))
        return min(names) if names else self.folded.text[s:e]

    def _title_before(self, s: int) -> bool:
        words = self.folded.text[max(0, s - 20):s].split()
        return bool(words) and words[-1] in _TITLE_BEFORE

    def _title_after(self, e: int) -> bool:
        words = self.folded.text[e:e + 30].split()
        return bool(words) and (words[0] in _TITLE_AFTER or " ".join(words[:2]) in _TITLE_AFTER)

    def _surname_after(self, e: int) -> bool:
        """A surname-shaped word right after the name that ends at folded
        position ``e`` ("Ararat Mirzoyan"): the name is a given name."""
        end = int(self.folded.origin[e - 1]) + 1
        after = self.text[end:end + 39]
        return after[:1] == " " and bool(_SURNAME.match(after[1:]))

    def _given_name_here(self, s: int, e: int, i: int, names: set[str], cands: list[int], prev_end: int) -> bool:
        """A curated name that is also a common given name (the reference's
        first-name list: "Lori", "Ani", "Georgia") standing as one: after a
        given name or a title, or before a surname ("Lori Petrosyan"). An
        alias that is no candidate's own name ("Ali" for a village named
        otherwise) is a given name before any capitalised word that is no
        mention and no kind word ("Ali Kemal said")."""
        lk = self.lk
        if not lk._given_name(names):
            return False
        before = self.folded.text[max(0, s - 12):s].split()
        if before and before[-1] in _PLACE_PREPOSITIONS:
            return False  # "the Security Service of Georgia Antadze said": the place
        if self._person_before(s, prev_end) or self._surname_after(e):
            return True
        if any(lk._names_own(c, names) for c in cands):
            return False
        end = int(self.folded.origin[e - 1]) + 1
        nxt = _NEXT_WORD.match(self.text, end)
        if nxt is None:
            return False
        word = fold_phrase(nxt.group(1))
        if word in _NAME_PARTICLES:
            return True  # "Lars von Trier"
        if not nxt.group(1)[0].isupper() or word in CUES:
            return False
        return i + 1 >= len(self._ms_list) or int(self.folded.origin[self._ms_list[i + 1]]) != nxt.start(1)

    def _not_a_place_here(self, s: int, e: int, i: int, ms) -> bool:
        """Reference names that read as something else here: a person's
        given name (after a given name or a title, or before a surname), a
        title in quotes ("Agri"), a metaphor ("the Stalingrad of
        Azerbaijan"), a model designation ("R-17 Elbrus")."""
        if self._person_before(s, int(self.me[i - 1]) if i > 0 else -1):
            return True
        origin = self.folded.origin
        a, b = int(origin[s]), int(origin[e - 1]) + 1
        if a > 0 and b < len(self.text) and self.text[a - 1] in _QUOTES and self.text[b] in _QUOTES:
            return True  # a quoted name alone is a title ("Agri", a newspaper)
        if self._surname_after(e):
            return True
        line_start = self.text.rfind("\n", 0, a) + 1
        if not self.text[line_start:a].strip(" \t*_#>") and _CITATION_LABEL.match(self.text[b:b + 80]):
            return True
        before = self.folded.text[max(0, s - 24):s].split()
        raw = self.text[max(0, int(origin[s]) - 12):int(origin[s])]
        if _MODEL.search(raw) or _DAY_BEFORE.search(raw):
            return True
        # "the Stalingrad of Azerbaijan" is a metaphor; "the Syunik Province of Armenia", a name
        # ending in a kind word, is the unit.
        if before and before[-1] == "the" and i + 1 < len(ms) and \
                self.folded.text[s:e].rsplit(" ", 1)[-1] not in CUES:
            gap = self.folded.text[e:int(ms[i + 1])]
            if gap in (" of ", " of the "):
                return True
        return False

    def _decide_by_words(self, i, cands, after, before, ms):
        """The part of :meth:`_decide` that reads the words around mention ``i``
        only (not the other mentions' choices): the candidates as Python ints,
        the surface, which are found by their own name, the scores with the
        cues, whether all are weak, the evidence and the vetoes; None when the
        words alone say it is no place."""
        lk = self.lk
        s, e = self._ms_list[i], self._me_list[i]
        cands = np.asarray(cands)
        cl = cands.tolist()  # Python ints for the per-candidate look-ups
        surface = self._surface(s, e)
        names = self.lemmas.get((s, e)) or {surface}
        own = [lk._own_name[c] in names for c in cl]
        # 0.8 * importance + 3.0 * (not reference) + 1.5 * own, per candidate in Python floats:
        # the same operations in the same order as on the arrays, so the same floats.
        imp, is_ref = lk._importance_list, lk._is_ref_list
        score = np.array([0.8 * imp[c] + (0.0 if is_ref[c] else 3.0) + (1.5 if o else 0.0)
                          for c, o in zip(cl, own)])
        all_weak = self._all_weak[i]
        evidence = False  # the words around say it is a place: a cue of its kind, a container
        veto = np.zeros(len(cands), dtype=bool)
        any_veto = False
        for cue in (after, before):
            if cue < 0:
                continue
            kinds, strong, where, _ = _CUE_KIND_SETS[cue]
            is_country = np.array([lk._kind[c] == "country" for c in cl])
            if is_country.all() and (where == "of" or (cue == before and cue in _GENITIVE_BEFORE)):
                # "the largest city of Iran", "Сюникская область Армении": the country contains, it is not cued
                continue
            match = np.array([lk._kind[c] in kinds for c in cl])
            score = score + (4.0 if strong else 3.0 if cue == _IN_NAMED else 1.5) * match
            evidence = evidence or bool(match.any())
            if strong:
                veto |= ~match
                any_veto = True
        if after in _REGION_CUES:
            veto |= np.array([lk._kind[c] in _SETTLEMENT_KINDS for c in cl])
            any_veto = True
        if after in _VILLAGE_CUES or before in _VILLAGE_CUES:
            veto |= np.array([lk._kind[c] in ("city", "town") and not lk._names_own(c, names) for c in cl])
            any_veto = True
        if any_veto and veto.all():
            return None
        # A reference name right after a given name or title is a person's name
        # (and so is the same name elsewhere in the document: "Alexander
        # Pushkin ... Pushkin wrote"); right before "Studies", "Radio",
        # "Press"... it is a title.
        if self._title_after(e) or self._title_before(s) or (all_weak and (self._not_a_place_here(s, e, i, ms) or
                                                  surface in self._person_names())):
            return None
        if not all_weak and self._given_name_here(s, e, i, names, cl, int(self.me[i - 1]) if i > 0 else -1):
            return None
        return cl, surface, own, score, all_weak, evidence, veto, any_veto

    def _decide(self, i, cands, after, before, ms, me, chosen, context: _Context):
        lk = self.lk
        s, e = self._ms_list[i], self._me_list[i]
        # What the words alone give (the same in both passes of run): computed once per mention.
        fixed = self._by_words.get(i, False)
        if fixed is False:
            fixed = self._by_words[i] = self._decide_by_words(i, cands, after, before, ms)
        if fixed is None:
            return -1, 0.0, []
        cl, surface, own, score, all_weak, evidence, veto, any_veto = fixed
        cands = np.asarray(cands)
        # Container right after ("Astara, Iran", "Julfa (Nakhchivan)") or before ("Iran's Astara").
        j = i + 1
        if j < len(ms) and chosen[j] >= 0 and _CONTAINER_GAP.match(self._gap(e, int(ms[j]))):
            add = self._container_score(cands, int(chosen[j]))
            evidence = evidence or bool((add > 0).any())
            score = score + add
        j = i - 1
        if j >= 0 and chosen[j] >= 0:
            gap = self._gap(int(me[j]), s)
            if _POSSESSIVE_GAP.match(gap):
                add = self._container_score(cands, int(chosen[j]))
                evidence = evidence or bool((add > 0).any())
                score = score + add
            elif _IN_GAP.match(gap):
                # "Horadiz in Fuzuli": the place that holds Horadiz.
                held = np.array([lk.inside(int(chosen[j]), c) for c in cl])
                if held.any():
                    evidence = True
                    score = score + 3.0 * held
        # A surname-shaped name under the reference rules ("Pushkin", "Lermontov")
        # is a person unless the text says otherwise, or the place is large.
        if all_weak and not evidence and _SURNAME_FORM.match(surface) and not any(
                lk._importance[c] >= (5.0 if o else 6.2) or kind_class(lk._kind[c]) in ("admin", "country")
                for c, o in zip(cl, own)):
            return -1, 0.0, []
        # Listed "in" a district, a province or a country: a place inside it.
        k = self._list_container(i, chosen)
        if k >= 0:
            held = np.array([lk.inside(c, int(chosen[k])) for c in cl])
            if lk._is_ref[cands].all() and not held.any():
                return -1, 0.0, []
            score = score + 3.0 * held
        # Coherence with the places around and in the whole document (a lone
        # candidate takes probability 1 whatever it scores: not weighed).
        if len(context) and len(cands) > 1:
            score = score + self._context_coherence(cands, s, context)
        if any_veto:
            score = np.where(veto, -np.inf, score)
        if all_weak and len(cands) == 1 and len(context):
            # A lone small reference place far from everything else the text names
            # is doubtful; so is any place found by one of its other names (not
            # its own: "Enguri", an old name of Ankara, in a text on Abkhazia). A name in another
            # script than the Latin is the place's name in that language ("Джейхан", "بندرعباس",
            # "Николаев" in a Russian or Persian text), not an old or foreign name: treated as its own.
            c = int(cands[0])
            if self._far_from_context(c, bool(own[0]) or not surface.isascii(), s, context):
                return -1, 0.0, []
        if len(cl) == 1 and math.isfinite(score[0]):
            return cl[0], 1.0, []  # exp(0) / exp(0): what the softmax below gives a lone candidate
        values = score.tolist()
        fin = [math.isfinite(v) for v in values]
        if all(fin):
            z = score - max(values)  # what the np.where below gives when every score is finite
        else:
            z = np.where(fin, score - max(v for v, f in zip(values, fin) if f), -np.inf)
        prob = np.exp(z)
        prob = prob / prob.sum()
        pl = prob.tolist()
        order = sorted(range(len(pl)), key=lambda k: -pl[k])  # stable, as np.argsort(-prob, kind="stable")
        best = cl[order[0]]
        others = [(cl[k], pl[k]) for k in order[1:] if fin[k]]
        return best, pl[order[0]], others

    def _container_score(self, cands, container: int) -> np.ndarray:
        lk = self.lk
        if lk._kind[container] not in ("country", "province", "district", "region"):
            return np.zeros(len(cands))
        inside = np.array([lk.inside(int(c), container) for c in cands])
        if not inside.any():
            return np.zeros(len(cands))
        return np.where(inside, 5.0, -2.0)

    def _distance_km(self, c: int, others: np.ndarray) -> np.ndarray:
        return _distance_km(self.lk, c, others)

    def _context_coherence(self, cands, s: int, context: _Context) -> np.ndarray:
        """Coherence with the places chosen within ``_WINDOW`` of ``s`` and
        with those of the whole text, the mention at ``s`` itself left out."""
        return context.coherence_around(cands, s, 2.0, 2.0) + context.coherence(cands, s, 0.8, 0.8)

    def _far_from_context(self, c: int, own: bool, s: int, context: _Context) -> bool:
        """Whether the other local places of the text (not at ``s``, not ``c``
        itself) are at least three — two when ``c`` is found by one of its other
        names, not ``own`` — and all lie over 400 km from ``c``."""
        others = context.weights(np.array([c]), s)
        n = int(others.sum())
        # A country, a sea or a continent named in another language ("Франция",
        # "Fransa") is no far village's old name: the other-name rule spares it,
        # and so it spares a part of the world ("Центральная Азия", "Orta Asya").
        other_name = not own and bool(self.lk._local[c]) and not (
            self.lk._kind[c] == "region" and self.lk._importance[c] >= _WORLD_REGION_IMPORTANCE)
        return (((self.lk._importance[c] < 4.5 and n >= 3) or (other_name and n >= 2))
                and float(context.distances(c)[others > 0].min()) > 400.0)


def _distance_km(lk: Linker, c: int, others: np.ndarray) -> np.ndarray:
    """Great-circle distances in km from place ``c`` to each of ``others``."""
    lat1, lon1 = lk._lat[c], lk._lon[c]
    lat2, lon2 = lk._lat[others], lk._lon[others]
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.minimum(1.0, np.sqrt(h)))


class _Context:
    """The places chosen so far in one text (a pass of :class:`Decider`), for
    coherence: a candidate scores by the share of the other local places
    (places with a point in the region) in its country and their mean
    closeness (exp(-km/150)), among those around the mention and among all of
    the text. Other mentions of the same name (whatever they were taken for)
    are no evidence and are left out.

    The chosen places are kept by position and, the local ones, once each
    with how often they were chosen; distances are computed once per
    candidate and distinct place. A mention is then weighed against the
    whole text in time proportional to the distinct places, not to the
    mentions (compared pairwise, a long text took time quadratic in its
    length)."""

    def __init__(self, lk: Linker, pos: np.ndarray, place: np.ndarray):
        order = np.argsort(pos, kind="stable")
        self.lk, self.pos, self.place = lk, pos[order], place[order]
        local = lk._local[self.place]
        self.uniq, inverse, self.count = np.unique(self.place[local], return_inverse=True, return_counts=True)
        # Per chosen mention, its place's row in ``uniq`` (-1: not a local place).
        self.row = np.full(len(self.place), -1, dtype=np.int64)
        self.row[local] = inverse.ravel()
        self.country = lk._country[self.uniq]
        self._known = self.country > 0
        self._known_country = self.country[self._known]
        self._rows: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._whole: dict[tuple, np.ndarray] = {}
        self._row_of = {p: r for r, p in enumerate(self.uniq.tolist())}
        # The same as Python lists, for the per-mention walks (a window holds a few mentions:
        # numpy's per-call cost on them outweighs the work); those of local places alone too.
        self._pos_list, self._row_list = self.pos.tolist(), self.row.tolist()
        self._country_list = self.country.tolist()
        self._local_pos = [p for p, r in zip(self._pos_list, self._row_list) if r >= 0]
        self._local_row = [r for r in self._row_list if r >= 0]

    def __len__(self) -> int:
        return len(self.pos)

    def _row(self, c: int) -> tuple[np.ndarray, np.ndarray]:
        row = self._rows.get(c)
        if row is None:
            d = _distance_km(self.lk, c, self.uniq)
            row = self._rows[c] = (d, np.exp(-d / 150.0))
        return row

    def distances(self, c: int) -> np.ndarray:
        """km from ``c`` to each distinct local place of the text."""
        return self._row(c)[0]

    def _rows_of(self, cands) -> list[int]:
        """The rows in ``uniq`` of those of ``cands`` the text chose."""
        row_of = self._row_of
        return [row_of[c] for c in cands.tolist() if c in row_of]

    def coherence_around(self, cands, s: int, w_country: float, w_near: float) -> np.ndarray:
        """Against the local places chosen within ``_WINDOW`` of ``s`` (not at ``s``)."""
        out = np.zeros(len(cands))
        if not len(self.uniq):
            return out
        pos, row = self._local_pos, self._local_row
        lo = bisect.bisect_left(pos, s - _WINDOW)
        hi = bisect.bisect_right(pos, s + _WINDOW)
        at, past = bisect.bisect_left(pos, s, lo, hi), bisect.bisect_right(pos, s, lo, hi)
        kept = row[lo:at] + row[past:hi]  # in order, those at ``s`` left out
        own = self._rows_of(cands)
        if own:
            kept = [r for r in kept if r not in own]
        if not kept:
            return out
        lk = self.lk
        country = self._country_list
        kept_country = [country[r] for r in kept]
        n_rows = len(kept)
        n_known = n_rows - kept_country.count(0)
        # Means as sum / count, what np.mean computes (the same float), without its overhead;
        # the share in each candidate's country from exact integer counts.
        cl = cands.tolist()
        if n_known:
            for j, c in enumerate(cl):
                cc = lk._country_list[c]
                if cc:
                    out[j] = w_country * (kept_country.count(cc) / n_known)
        rows = None
        for j, c in enumerate(cl):
            if lk._local_list[c]:
                if rows is None:
                    rows = np.array(kept, dtype=np.int64)
                out[j] += w_near * float(np.add.reduce(self._row(c)[1][rows]) / n_rows)
        return out

    def weights(self, cands, s: int) -> np.ndarray:
        """Per distinct local place, how often the text chose it elsewhere
        than at ``s``, the places of ``cands`` left out (0)."""
        weight = self.count.copy()
        weight[self._rows_of(cands)] = 0
        lo = int(self.pos.searchsorted(s, side="left"))
        hi = int(self.pos.searchsorted(s, side="right"))
        for r in self.row[lo:hi].tolist():
            if r >= 0 and weight[r]:
                weight[r] -= 1
        return weight

    def coherence(self, cands, s: int, w_country: float, w_near: float) -> np.ndarray:
        """Against every local place chosen in the text but at ``s``, from the
        per-place counts (the same for every mention of the same candidates
        with the same place at its own position: computed once)."""
        if not len(self.uniq):
            return np.zeros(len(cands))
        lo = bisect.bisect_left(self._pos_list, s)
        hi = bisect.bisect_right(self._pos_list, s)
        key = (tuple(cands.tolist()), tuple(self._row_list[lo:hi]), w_country, w_near)
        out = self._whole.get(key)
        if out is None:
            out = self._whole[key] = self._coherence(cands, self.weights(cands, s), w_country, w_near)
        return out.copy()

    def _coherence(self, cands, weight: np.ndarray, w_country: float, w_near: float) -> np.ndarray:
        out = np.zeros(len(cands))
        n = int(weight.sum())
        if not n:
            return out
        lk = self.lk
        known = weight[self._known]
        n_known = int(known.sum())
        for j, c in enumerate(cands.tolist()):
            if lk._country[c] and n_known:
                out[j] += w_country * (int(known[self._known_country == lk._country[c]].sum()) / n_known)
            if lk._local[c]:
                out[j] += w_near * (float(self._row(c)[1] @ weight) / n)
        return out


def passage_of(starts: np.ndarray, passages: Sequence[Passage] | tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """For each offset, the index of the passage containing it, or -1.
    ``passages`` is a sequence of :class:`Passage` or (starts, ends) arrays."""
    if isinstance(passages, tuple):
        p_start, p_end = passages
    else:
        p_start = np.fromiter((p.start for p in passages), dtype=np.int64, count=len(passages))
        p_end = np.fromiter((p.end for p in passages), dtype=np.int64, count=len(passages))
    if not len(p_start):
        return np.full(len(starts), -1, dtype=np.int64)
    i = np.searchsorted(p_start, starts, side="right") - 1
    inside = (i >= 0) & (starts < p_end[np.maximum(i, 0)])
    return np.where(inside, i, -1)
