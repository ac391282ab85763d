"""Unlinked names: words in the corpus that look like places the gazetteer lacks.

:func:`find_candidates` reads every passage of a linked :class:`~caucasusmap.index.Index`
(outside the references section) as clean reading text
(:func:`~caucasusmap.corpus.display_text`), finds capitalised words and runs of
capitalised words (hyphens, apostrophes and Turkish/Azerbaijani diacritics
allowed) and Persian/Arabic-script words, throws away what cannot be a new
place (already linked text, web addresses, stop words, months, demonyms,
organisations, people, acronyms, titles), and scores what is left by how often
and in which contexts it occurs. The weights are documented in
``docs/candidates.md`` and in :data:`WEIGHTS`.

Names a user has marked "not a place" live in a plain text file beside the
gazetteer (:func:`ignore_path`): one name per line, ``#`` comments. It is read
with :func:`read_ignore` and appended to with :func:`add_to_ignore`, which never
rewrites what is already there.

Everything here is plain Python (no Qt); on the bundled corpus a run takes a
fraction of a second.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
import sqlite3
import zlib
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .corpus import display_text
from .errors import InputError, InvalidFileError, error
from .fileio import write_bytes_atomic
from .model import HEADING
from .normalize import fold_phrase, non_text_spans
from .store import KINDS, remove_database
from .yamlsource import decode_text

__all__ = [
    "Candidate", "find_candidates", "stored_candidates", "ignore_path", "read_ignore", "add_to_ignore",
    "IGNORE_FILE", "WEIGHTS",
]

IGNORE_FILE = "not-places.txt"
"""Name of the "not a place" list, kept in the gazetteer's folder."""

WEIGHTS = {
    "occurrence": 1.0,        # every counted occurrence (frequency)
    "initial": 0.5,           # a sentence-initial / heading occurrence of a name seen mid-sentence too
    "place_phrase": 3.0,      # after "city of", "province of", "the village of" …
    "type_word": 2.0,         # followed by "region", "province", "river", "corridor" …
    "weak_follower": 1.0,     # "the Islamabad government"
    "known_list": 1.5,        # in a comma/"and" list next to a linked place
    "preposition": 1.0,       # after "in", "near", "from", "into", "across", "via"
    "weak_preposition": 0.5,  # after "to", "at", "of", "through", "towards"
    "prefix": 1.0,            # "East" + a linked region: East Azerbaijan, South Caucasus
    "suffix": 1.0,            # Turkish/Azerbaijani case suffix after an apostrophe (Karabağ'ın)
    "persian_cue": 1.5,       # Persian: after شهر/استان/…, a -ستان name, or a list with known places
    "occurrence_cap": 4.0,    # most context bonus one occurrence can earn
    "no_context": 0.5,        # multiplier: no occurrence has any place context
    "person": 0.25,           # multiplier: the name is also used as a person's name
    "common_word": 0.25,      # multiplier: the word also occurs in lower case
    "surname_ending": 0.5,    # multiplier: ends like a surname (-ov, -yan, -zadeh, -pour …)
}
"""Scoring weights (see ``docs/candidates.md`` for why)."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name that looks like a place but matches no gazetteer entry.

    ``name`` is the most frequent surface form, ``key`` its
    :func:`~caucasusmap.normalize.fold_phrase`; ``count`` is the number of
    occurrences counted, ``score`` what the ranking uses; ``passages`` are
    passage ids in corpus order; ``forms`` every surface variant seen (most
    frequent first); ``evidence`` short reasons why it looks like a place."""

    name: str
    key: str
    count: int
    score: float
    passages: tuple[str, ...]
    forms: tuple[str, ...]
    evidence: tuple[str, ...]


# ---------------------------------------------------------------------------
# Word lists. Lower-case and compared after fold_phrase (diacritics ignored).

def _words(text: str) -> frozenset[str]:
    return frozenset(fold_phrase(w) for w in text.split())


STOP_WORDS = _words("""
    a an the this that these those there here it its he she his her they them their we our us you your i me my
    and or but nor so yet if then than as at by for from in into of off on onto to up with within without via
    per upon over under after before during since until while when where whereas which who whom whose what why
    how all any both each either neither every few many more most much other others some such same several
    no not none only own also too very again further once however moreover furthermore therefore thus hence
    indeed meanwhile nevertheless nonetheless although though because besides accordingly consequently finally
    firstly secondly thirdly lastly first second third fourth fifth one two three four five six ten hundred
    thousand million billion last next new old according regarding concerning despite following given
    instead rather whether unlike like among amongst between against toward towards about above below
    is are was were be been being has have had do does did will would shall should can could may might must
    let see note cf ibid id op cit et al eg ie vol vols no nos pp p ed eds trans chapter section part table
    figure fig map appendix abstract introduction conclusion conclusions discussion summary keywords key words
    notes note references bibliography sources source available accessed retrieved online web website internet
    page pages volume issue journal article articles paper papers book books report reports press release
    yes ok mr mrs ms dr prof sir st
    north south east west northern southern eastern western central northeast northwest southeast southwest
    great greater lesser upper lower old new small big high low far near middle
    war wars conflict conflicts crisis crises peace treaty agreement agreements ceasefire cease fire truce
    policy policies foreign domestic security relations relation affairs diplomacy strategy strategic
    state states government governments republic republics kingdom empire federation union nation nations
    national international regional global world political politics economic economy economics military
    army forces force armed defence defense revolution revolutionary islamic islam muslim muslims christian
    shia shiite shiism sunni jewish religion religious secular supreme leader leaders leadership
    administration regime power powers authority authorities official officials parliament congress senate
    constitution law laws court courts election elections people peoples population community communities
    ethnic identity nationalism nationalist nationalists minority minorities diaspora refugees idps
    border borders region regions province provinces city cities town towns village villages district
    districts river rivers mountain mountains sea lake valley corridor corridors bridge bridges dam crossing
    territory territories area areas zone zones land lands country countries capital oblast rayon
    autonomous occupied liberated liberation occupation democratic socialist communist federal popular
    department faculty student students author authors corresponding editor editors phd ma msc ba bsc
    professor lecturer researcher research science sciences social studies study history historical
    spring summer autumn fall winter today yesterday tomorrow
    god allah prophet
    english french german russian persian arabic turkish kurdish farsi latin
    shi shi'a shi'i shi'ite shi'ites shi'ism
    guney kuzey quzey cenub cenubi simal simali dogu bati serq qerb orta yeni eski ikinci birinci
    case example examples question questions issue issues problem problems factor factors role
    period century centuries era age time times year years day days date dates accepted received published
    based related called known named so-called
""")
"""Common capitalised English words, titles' words and generic nouns."""

MONTHS = _words("""
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday
    ocak subat mart nisan mayis haziran temmuz agustos eylul ekim kasim aralik
    yanvar fevral aprel iyun iyul avqust sentyabr oktyabr noyabr dekabr
    pazartesi sali carsamba persembe cuma cumartesi pazar
    farvardin ordibehesht khordad tir mordad shahrivar mehr aban abaan azar dey bahman esfand
""")
"""Months and weekdays (English, Turkish, Azerbaijani, Persian months in Latin letters)."""

TITLES = _words("""
    mr mrs ms miss dr prof professor president presidents minister ministers ambassador ambassadors general
    gen colonel col major commander admiral marshal ayatollah imam sheikh sheik mullah hojatoleslam
    king queen prince princess sultan emir shah chairman chairwoman chair speaker senator deputy mp
    secretary spokesman spokeswoman spokesperson envoy advisor adviser governor mayor leader premier
    pm chancellor lord lady sir saint st pope patriarch bishop father reverend rev hon honourable
    cənab bay bayan sayın sayin
""")
"""Words that put a person's name after them ("President Aliyev", "Dr. Cornell")."""

ORG_WORDS = _words("""
    university universities institute institution institutions group groups center centre centers centres
    agency agencies press journal journals studies news party parties front movement movements council
    councils ministry ministries bank banks company corporation corp inc ltd llc organization organisation
    organizations organisations committee commission association society foundation fund office bureau
    department faculty school college academy library museum service services network channel radio tv
    television times post herald daily weekly review quarterly magazine newspaper gazette tribune
    program programme project projects initiative alliance union league assembly corps guard guards
    brigade brigades battalion division army navy police church club forum summit conference
    organization council court tribunal parliament majlis duma cabinet government administration
    publishing publishers publications books routledge springer palgrave sage brill branch international
    website site portal outlet outlets
    dergisi universitesi fakultesi bolumu enstitusu merkezi vakfi dernegi partisi gazetesi
    hereketi herekati cebhesi partiyasi universiteti institutu jurnali qezeti arastirmalari bilimleri
""")
"""Words that make a capitalised phrase an organisation or a publication."""

POST_TITLES = _words("bey beg beag beyg khan pasha pasa agha aga efendi effendi shah mirza")
"""Titles written after a name: "Sattar Khan", "Reza Shah"."""

FIRST_NAMES = _words("""
    ilham heydar haydar hassan hasan hossein hosein hussein husein ali mohammad mohammed muhammad mohamed
    mehmet mehmed ahmad ahmed ahmet mahmoud mahmud vladimir recep tayyip nikol serzh robert levon ebrahim
    ibrahim javad jawad reza abbas abulfaz ayaz rasul elchin elmar jeyhun hikmet mehriban ramiz zakir
    vusal farid fuad anar ilgar ruslan rauf ramil ruhollah ruhullah akbar mir mohsen saeed said sayed
    seyed seyyed sayyid mostafa mustafa morteza murtaza hamid yaser yasser majid mehdi mahdi amir hamed
    saeid kazem qasem ghasem qassem hojjat jafar hadi nasser naser abdollah abdullah masoud masud afshin
    arash dariush kourosh cyrus nader shahram shahin bahram behrouz farhad fereydoun firouz jamshid kamran
    manouchehr parviz rostam siavash soroush yakub yaqub yusuf yousef ismail ismayil musa isa omar umar
    osman khalil karim rahim rashid salim tahir nasir jamal kamal samad samed jalil mirza
    sergey sergei dmitry dmitri mikhail boris andrei andrey alexander aleksandr alexei aleksei nikolai
    nikolay ivan igor yuri yury viktor victor pavel anatoly leonid gennady oleg
    kemal bulent suleyman abdulhamit necmettin turgut vazgen ashot arkadi armen aram tigran hrant vartan
    vardan artur arthur
    thomas john james william david michael richard charles joseph george paul mark donald kenneth stephen
    steven andrew edward brian kevin jason jeffrey ryan gary timothy jose larry eric frank scott raymond
    gregory samuel benjamin patrick jack dennis jerry tyler aaron henry douglas peter zbigniew svante
    gerard barack joe hillary condoleezza emmanuel nicolas jacques francois binyamin naftali yair shimon
    ehud ariel golda menachem yitzhak
    anna maria mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty
    margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie
    rebecca laura sharon cynthia kathleen amy shirley angela helen katherine nicole emma olivia sophia brenda
""") - _words("georgia israel jordan")
"""First names: a capitalised word right after one is a person's name."""

TYPE_WORDS = _words("""
    region regions province provinces city cities district districts river rivers border borders crossing
    crossings corridor corridors mountain mountains mount range village villages town towns valley lake
    lakes sea gulf bay strait bridge bridges dam dams oblast rayon county port plain plateau steppe pass
    gate airport highway railway road peninsula island islands desert basin camp field fields
    castle fortress fort citadel dome tower palace monastery shrine mausoleum tomb bazaar square mosque
    caravanserai ruins
""")
"""Place-type words: ``X region``, ``X River``."""

FOLLOWERS = TYPE_WORDS | _words("""
    ili ilinde ilinin sehri sehrinde sehrinin bolgesi bolgesinde bolgesinin siniri sinirinda kapisi
    nehri cayi rayonu rayonunda seheri seherinde kendi kendinde vilayeti vilayetinde bolgesi bolgesinde
    koyu koyunde dagi daglari gumruk gumruyu kapisi
""")
"""Words after a name that say it is a place (English, Turkish, Azerbaijani)."""

FOLLOWER_MODIFIERS = _words("oil gas natural refugee border free economic trade international military air naval")
"""Words allowed between a name and its place word: "Shah Deniz natural gas field"."""

NEEDS_MODIFIER = _words("field fields")
"""Place words that count only after a modifier: "oil field", not "various fields"."""

WEAK_FOLLOWERS = _words("government authorities residents")
"""Metonymy: "the Islamabad government" (weight of a preposition)."""

DIRECTIONS = _words("""
    north south east west middle far near central upper lower northern southern eastern western greater lesser
""")
"""A run made only of these ("Middle East", "Far East") is kept although each word is a stop word."""

TYPE_KINDS = {
    "region": {"region", "province", "district", "sea", "lake", "river"},
    "regions": {"region", "province", "district", "sea", "lake", "river"},
    "province": {"province", "region"}, "provinces": {"province", "region"},
    "district": {"district", "region", "province"}, "city": {"city", "town"}, "town": {"town", "city", "village"},
    "village": {"village", "town"}, "river": {"river"}, "mountains": {"mountain"}, "mountain": {"mountain"},
    "lake": {"lake"}, "sea": {"sea"}, "corridor": {"corridor"}, "bridge": {"bridge"}, "bridges": {"bridge"},
    "dam": {"dam"}, "crossing": {"border-crossing"}, "valley": {"region", "river"}, "oblast": {"province", "region"},
    "rayon": {"district"}, "airport": {"site"},
}
"""Type words that make "linked place + word" a new place when the linked
place is of another kind: "Ardabil region" when only the city Ardabil is known."""

PLACE_PHRASE = re.compile(
    r"(?:^|[^\w])((?:the\s+)?(?:city|cities|town|towns|province|provinces|region|regions|village|villages|"
    r"district|districts|port|county|oblast|capital|outskirts|suburbs?|vicinity|river|mountains?|"
    r"republic|valley|environs)\s+of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
"""A phrase before a name that says it is a place."""

PREPOSITIONS = {"in": "preposition", "near": "preposition", "from": "preposition",
                "into": "preposition", "across": "preposition", "via": "preposition",
                "to": "weak_preposition", "at": "weak_preposition", "of": "weak_preposition",
                "through": "weak_preposition", "towards": "weak_preposition", "toward": "weak_preposition"}
"""Prepositions before a name and the weight they earn."""

KNOWN_DEMONYMS = _words("""
    azeri azeris azari azaris azerbaijanis azerbaycanli azerbaycanlilar turk turks turkic turkish turkmen
    persian persians
    farsi kurd kurds kurdish arab arabs arabic armenian armenians georgian georgians russian russians
    iranian iranians israeli israelis american americans european europeans soviet soviets western
    eastern asian caucasian caucasians lezgin lezgins lezgian jewish jews christian
    christians muslim muslims shia shiite shiites sunni sunnis turkophone iranic british french german
    chinese pakistani indian afghan iraqi syrian lebanese
""")
"""Demonyms and ethnonyms the stem rule might miss (Azeri → Azerbaijan is too far)."""

DEMONYM_SUFFIXES = ("ians", "ian", "anis", "ani", "ish", "ese", "is", "i", "ans", "an", "ns", "s",
                    "li", "lı", "lu", "lü", "lilar", "lular", "ci", "çi")

TURKIC_SUFFIXES = _words("""
    in ın un ün nin nın nun nün a e ya ye yə ə na ne nə ı i u ü yı yi yu yü nı ni nu nü
    da de də ta te tə nda nde ndə dan den dən tan ten tən ndan nden ndən la le yla yle ilə
    daki deki dakı ndaki ndeki taki teki lı li lu lü ca ce ça çe dır dir dur dür tır tir
    ya yə dakı dəki nın nin ına ine ına una üne ını ini unu ünü ında inde ındə undan ünden ından inden
""")
"""Turkish/Azerbaijani case endings written after an apostrophe (Karabağ'ın)."""

SURNAME_ENDING = re.compile(r"(?:ov|ova|ev|eva|yan|yants|zade|zadeh|oglu|ogly|pour|nejad|nezhad)$")
"""Surname endings (Aliyev, Pashinyan, Karimipour, Ahmadinejad): a penalty, not a filter."""

ABSTRACT_ENDING = re.compile(r"(?:ism|isms|ist|ists|ity|ities|i[sz]ation|ology|ness|ship|ment|ments)$")
"""Endings of abstract nouns (Christianity, Pan-Turkism): not place names."""

TURKIC_DEMONYM = re.compile(r"^(.{3,}?)(?:l[iu])(?:l[ae]r)?(?:[iu]n|[ae]|[iu]|d[ae]n?|n[iu]n|[iu]n[iu]n)?$")
"""Azerbaycanlı, Azerbaycanlıların: a stem plus -lı/-li (+ plural + case), folded."""

PERSIAN_STOP = _words("""
    در به از با که را و یا این آن ای برای تا بر هم نیز اما یک دو چه چی چیست است بود شد کرد کند کنند خواهد
    ما شما او آنها ایشان خود هر همه پس پیش بین روی زیر پای سر نه هیچ ولی اگر چون زیرا فردا امروز دیروز
    می نمی های ها ی یکشنبه شنبه دوشنبه سه‌شنبه چهارشنبه پنجشنبه جمعه
""")

PERSIAN_PLACE_WORDS = _words("""
    شهر استان روستای روستا منطقه شهرستان بندر رود رودخانه کوه کوههای مرز مرزی بخش دهستان ولایت جمهوری
""")

PERSIAN_PREPOSITIONS = _words("در به از نزدیک")

PERSIAN_STAN_WORDS = _words("""
    بیمارستان دبستان دبیرستان تابستان زمستان دادستان داستان بوستان گلستان شهرستان آستان آستانه
    کوهستان گورستان قبرستان نیستان بستان پاسدارستان
""")


# ---------------------------------------------------------------------------
# Tokens and contexts

_TOKEN = re.compile(r"[^\W\d_]+(?:['’ʼ\-‐][^\W\d_]+)*")
_HYPHEN = re.compile(r"([-‐])")
_JOINERS = "'’ʼ\\-‐"
_JOINER_CHARS = "'’ʼ-‐"


def _lower_ranges(limit: int = 0x2000) -> str:
    """A regex class body of the lower-case letters below ``limit`` (Latin,
    Greek, Cyrillic, Armenian, Georgian …), built from ``str.islower``."""
    out, start = [], None
    for cp in range(limit + 1):
        low = cp < limit and chr(cp).islower()
        if low and start is None:
            start = cp
        elif not low and start is not None:
            out.append(re.escape(chr(start)) + ("-" + re.escape(chr(cp - 1)) if cp - 1 > start else ""))
            start = None
    return "".join(out)


_LOWER = _lower_ranges()
_BULK_FIRST = frozenset(ch for ch in map(chr, range(0x2000)) if ch.islower())
"""First letters of the words that are only counted (lower case, first scripts)."""
_WORD_START = rf"(?<![^\W\d_].)(?<![^\W\d_][{_JOINERS}].)"
"""After a word's first letter: where :data:`_TOKEN` starts a word (not
after a letter, nor after a joiner that follows one)."""
_CAPITAL_TOKEN = re.compile(rf"[^\W\d_{_LOWER}]{_WORD_START}[^\W\d_]*(?:[{_JOINERS}][^\W\d_]+)*")
"""The words of :data:`_TOKEN` that do not start with a letter of
:data:`_BULK_FIRST` (the class comes first, so the regex engine skips
ahead to such a letter)."""
_APOSTROPHES = "'’ʼ"
_PREV_WORD = re.compile(r"(?<![\w'’ʼ\-])([^\W\d_]+)(\.?)\s+$")
_NEXT_WORD = re.compile(r"(?:['’]s)?[ \t]+([^\W\d_]+)")
_INITIAL_BEFORE = re.compile(r"(?:^|[\s(])[A-Z]\.\s*(?:[A-Z]\.\s*)?$")
_ABBREVIATION_BEFORE = re.compile(r"[A-Z]\.[A-Z]\.\s*$")
_CITATION_AFTER = re.compile(
    r"(?:\s+(?:and|&)\s+[^\W\d_]+(?:[-'’][^\W\d_]+)?)?(?:\s+et\s+al\.?)?\s*(?:,\s*|\(\s*)(?:1[6-9]|20)\d\d[a-z]?\b"
    r"|,\s*[A-Z]\.(?:\s|$|,|[A-Z]\.)"
)
"""After a name: "(2012)", ", 2012", " & Osouli, 2012", " et al. (2012)", ", S. E." — a citation."""
_PAREN_YEAR_AFTER = re.compile(r"\s*\(\s*(?:1[6-9]|20)\d\d")
_LIST_GAP = re.compile(r"(?:['’]s)?\s*(?:,|;|/|،|[-–—‐]|\s+and|\s+or|,\s*and|,\s*or|&|\s+و)\s*(?:the\s+)?")
_IMPRINT = re.compile(r"\s*[,:]\s*(?:[^\W\d_][\w.&' -]{0,40},\s*)?(?:1[6-9]|20)\d\d\b")
"""After a place: ", 2004" or ": Routledge, 2004" — a publication place, not a list."""
_APPOSITION = re.compile(r"\s*,\s+(?!and\b|or\b)[a-z]")
"""", Mirjafar Baghraf, writes": a name set off by commas, not a list item."""
_ORG_APPOSITION = re.compile(
    r",\s+(?:a|an|the)\s+(?:[^\W\d_]+\s+){0,2}?(?:newspaper|magazine|journal|agency|website|channel|"
    r"party|organi[sz]ation|group|company|publication|daily|weekly|outlet|movement|network)\b")
"""", a newspaper close to …": the name before it is an organisation."""
_YEAR_IN_PARENS = re.compile(r"\([^()]{0,80}\b(?:1[6-9]|20)\d\d[a-z]?\b[^()]{0,40}\)")
_KEYWORDS = re.compile(r"\W*(?:key\s*words|anahtar\s+kelimeler|açar\s+sözlər|ключевые\s+слова|کلیدواژه|واژگان\s+کلیدی)",
                       re.IGNORECASE)
_CAMEL = re.compile(r"[a-z][A-Z]")
_ORG_OF = re.compile(r"([^\W\d_]+)\s+(?:of|for|on)\s+(?:the\s+)?$")
_SENTENCE_END = ".!?:;…•"
_SKIP_BACK = " \t\n\"'“”‘’«»([{*_‹›⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾"
_ARABIC_RANGES = (("\u0600", "\u06ff"), ("\u0750", "\u077f"), ("\ufb50", "\ufdff"), ("\ufe70", "\ufeff"))
_STAN = fold_phrase("ستان")


def _lower_hyphenated(disp: str) -> list[re.Match]:
    """The words of :data:`_TOKEN` in ``disp`` that start with a letter of
    :data:`_BULK_FIRST` and hold a hyphen ("so-called", "pro-Iranian"),
    found from the hyphens: each word's start is walked back to."""
    out = []
    done = 0
    n = len(disp)
    for hm in _HYPHEN.finditer(disp):
        h = hm.start()
        if h < done or h == 0 or h + 1 >= n:
            continue
        if not (_is_letter(disp[h - 1]) and _is_letter(disp[h + 1])):
            continue
        i = h - 1
        while i > 0 and (_is_letter(disp[i - 1]) or (
                disp[i - 1] in _JOINER_CHARS and i > 1 and _is_letter(disp[i - 2]))):
            i -= 1
        m = _TOKEN.match(disp, i)
        done = m.end()
        if m.group()[0] in _BULK_FIRST:
            out.append(m)
    return out


def _is_letter(ch: str) -> bool:
    r"""What ``[^\W\d_]`` matches."""
    return ch.isalnum() and not ch.isdecimal()


def _covered(n: int, starts, ends) -> np.ndarray:
    """A bool mask of ``n`` characters, True inside any ``[start, end)``."""
    starts, ends = np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)
    keep = ends > starts
    edges = np.zeros(n + 1, dtype=np.int64)
    np.add.at(edges, np.minimum(starts[keep], n), 1)
    np.add.at(edges, np.minimum(ends[keep], n), -1)
    return np.cumsum(edges[:n]) > 0


def _script(word: str) -> str:
    """'arabic', 'cap' (capitalised), 'acronym' (all capitals, ``MPs`` too),
    'lower' or 'other'."""
    ch = word[0]
    if ch.islower():
        return "lower"
    if any(a <= ch <= b for a, b in _ARABIC_RANGES):
        return "arabic"
    if ch.isupper() or ch.istitle():
        letters = [c for c in word if c.isalpha()]
        if letters[-1] == "s" and len(letters) >= 3:
            letters = letters[:-1]  # MPs, NGOs
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            return "acronym"
        return "cap"
    return "other"


def _split_suffix(word: str) -> tuple[str, str]:
    """``Karabağ'ın`` → (``Karabağ``, ``ın``); ``Iran's`` → (``Iran``, ``s``).
    Only ``s`` and Turkish/Azerbaijani case endings count as suffixes, after
    at least three letters: ``Shi'a`` stays one word, ``Fala'ah`` too."""
    for i, ch in enumerate(word):
        if ch in _APOSTROPHES and i > 0:
            rest = word[i + 1:]
            if i >= 3 and rest.islower() and (rest == "s" or fold_phrase(rest) in TURKIC_SUFFIXES):
                return word[:i], rest
            return word, ""
    return word, ""


def _sentence_initial(disp: str, start: int) -> bool:
    """Whether the word at ``start`` begins a sentence (or the passage)."""
    i = start - 1
    while i >= 0 and disp[i] in _SKIP_BACK:
        i -= 1
    return i < 0 or disp[i] in _SENTENCE_END


def _follower(disp: str, pos: int) -> tuple[str, str] | None:
    """The place word after a name ending at ``pos``: ``("region",
    "type_word")`` for "X region" / "X natural gas field", ``("government",
    "weak_follower")`` for "the X government"; None otherwise. Place words must
    be in lower case (a capitalised one is part of the name)."""
    pos_words = []
    for _ in range(3):
        m = _NEXT_WORD.match(disp, pos)
        if not m or not m.group(1)[:1].islower():
            return None
        word = fold_phrase(m.group(1))
        if word in FOLLOWERS and (pos_words or word not in NEEDS_MODIFIER):
            phrase = " ".join(pos_words + [m.group(1)])
            return phrase, "type_word"
        if word in WEAK_FOLLOWERS and not pos_words:
            return m.group(1), "weak_follower"
        if word not in FOLLOWER_MODIFIERS:
            return None
        pos_words.append(m.group(1))
        pos = m.end()
    return None


def _in_known_list(disp: str, start: int, end: int, spans: list[tuple[int, int, int]]) -> bool:
    """Whether a linked place is the neighbouring item of a comma/'and'/dash
    list ("Tabriz, Marand and Khoy"; "Baku–Tbilisi–Ceyhan")."""
    if not spans:
        return False
    starts = [s for s, _, _ in spans]
    i = bisect_left(starts, start)
    if i > 0:
        e = max(e for _, e, _ in spans[:i])
        gap = disp[e:start]
        if 0 < len(gap) <= 12 and gap.strip() and _LIST_GAP.fullmatch(gap) and not _APPOSITION.match(disp, end):
            return True
    j = bisect_left(starts, end)
    if j < len(spans):
        s, e, _ = spans[j]
        gap = disp[end:s]
        if 0 < len(gap) <= 12 and gap.strip() and _LIST_GAP.fullmatch(gap) and not _IMPRINT.match(disp, e):
            return True
    return False


@dataclass
class _Token:
    start: int
    end: int        # end of the base form (without the suffix)
    text: str       # base form
    suffix: str     # after the apostrophe, or ""
    script: str     # see _script; "linked" for part of a mention
    key: str
    initial: bool   # first word of a sentence, or in a heading


@dataclass
class _Occurrence:
    passage: int
    surface: str
    initial: bool
    persian: bool = False
    extension: bool = False  # "Ardabil region" built on a linked name
    alternative: tuple[str, _Occurrence] | None = None  # "Yol Şəki" → ("seki", …)
    bonus: float = 0.0
    evidence: list[str] = field(default_factory=list)


@dataclass
class _Stats:
    occurrences: list[_Occurrence] = field(default_factory=list)
    person: int = 0   # occurrences in a person's context (not counted)


class _Total:
    """What the ranking needs of one name's occurrences in the whole corpus,
    summed as they arrive, so that memory grows with the names and their
    passages, not with every occurrence. Occurrences are kept one by one
    only while every one so far starts a sentence and has an alternative
    (:meth:`_Finder.ranked` may move such ones to their tail's name)."""

    __slots__ = ("person", "n", "score", "counted", "bonus", "strong", "extension", "persian", "noninitial",
                 "evidence", "forms", "passages", "pending")

    def __init__(self):
        self.person = 0          # occurrences in a person's context (not counted)
        self.n = 0               # occurrences counted
        self.score = 0.0         # sum of each occurrence's weight and bonus
        self.counted = False     # any occurrence not sentence-initial, or with a bonus
        self.bonus = False       # any occurrence with a bonus
        self.strong = False      # any bonus of a place word or more
        self.extension = False   # any "Ardabil region" built on a linked name
        self.noninitial = False  # any occurrence not sentence-initial
        self.persian = None      # the first occurrence's
        self.evidence: Counter = Counter()  # each reason once per occurrence
        self.forms: Counter = Counter()
        self.passages: set[int] = set()
        self.pending: list[_Occurrence] | None = []

    def add(self, o: _Occurrence) -> None:
        if self.persian is None:
            self.persian = o.persian
        if self.pending is not None:
            if o.initial and o.alternative:
                self.pending.append(o)
                return
            self.settle()
        self.count(o.passage, o.surface, o.initial, o.extension, o.bonus, o.evidence)

    def settle(self) -> None:
        """Sum the occurrences kept one by one (no more can move)."""
        kept, self.pending = self.pending, None
        for o in kept or ():
            self.count(o.passage, o.surface, o.initial, o.extension, o.bonus, o.evidence)

    def count(self, passage: int, surface: str, initial: bool, extension: bool, bonus: float, evidence) -> None:
        w = WEIGHTS
        counted = not initial or bool(bonus)
        self.n += 1
        self.score += (w["occurrence"] if counted else w["initial"]) + bonus
        self.counted = self.counted or counted
        self.bonus = self.bonus or bool(bonus)
        self.strong = self.strong or bonus >= w["type_word"]
        self.extension = self.extension or extension
        self.noninitial = self.noninitial or not initial
        self.evidence.update(set(evidence))
        self.forms[surface] += 1
        self.passages.add(passage)

    def has_noninitial(self) -> bool:
        return self.noninitial if self.pending is None else any(not o.initial for o in self.pending)


#: Heads ("first word(s) of a name") are looked up up to this many words.
HEAD_WORDS = 6


class _Finder:
    """One pass over the passages collecting occurrences, then the ranking."""

    def __init__(self, index, ignore_keys: set[str], share: _Finder | None = None):
        self.index = index
        self.ignore = ignore_keys
        self.stats: dict[str, _Stats] = defaultdict(_Stats)  # this document's (a part's)
        self.totals: dict[str, _Total] = {}  # the whole corpus's (the finder that ranks)
        self.lower_counts: Counter = Counter()
        self.cap_counts: Counter = Counter()
        self.person_keys: set[str] = set()
        self._pending: list[str] = []  # lower-case text of this document's passages, counted at its end
        self._doc: tuple | None = None  # the passages of the document being scanned (see scan)
        if share is not None:  # one document's finder: the gazetteer's word sets of the whole one
            for name in ("place_kinds", "gazetteer_keys", "gazetteer_words", "stems", "head_kinds", "name_kinds",
                         "_fold", "_demonym", "_word_info"):
                setattr(self, name, getattr(share, name))
            return
        places = index.gazetteer.places
        self.place_kinds = [p.kind for p in places]
        # First word(s) of a name -> kinds, to tell "Zanjan region" (a known
        # province's other name) from "Ardabil region" (a missing province).
        self.head_kinds: dict[str, set[str]] = defaultdict(set)
        # Whole names -> kinds, for a known name the linker left unlinked; its
        # keys are the gazetteer's names (folded).
        self.name_kinds: dict[str, set[str]] = defaultdict(set)
        for p in places:
            for n in p.names:
                words = fold_phrase(n).split()
                if words:
                    self.name_kinds[" ".join(words)].add(p.kind)
                words = words[:HEAD_WORDS]  # bounded per name, however long it is
                for k in range(1, len(words) + 1):
                    self.head_kinds[" ".join(words[:k])].add(p.kind)
        self.gazetteer_keys = frozenset(self.name_kinds)
        self.gazetteer_words = {w for n in self.gazetteer_keys for w in n.split()}
        # Stems that are a gazetteer word less at most three letters: "russ" (Russia).
        self.stems = {w[:k] for w in self.gazetteer_words for k in range(max(4, len(w) - 3), len(w) + 1)}
        self._fold: dict[str, str] = {}
        self._demonym: dict[str, bool] = {}
        self._word_info: dict[str, tuple] = {}

    # -- word classes ----------------------------------------------------------
    def fold(self, word: str) -> str:
        key = self._fold.get(word)
        if key is None:
            key = self._fold[word] = fold_phrase(word)
        return key

    def is_stop(self, key: str) -> bool:
        return (len(key) < 2 or key in STOP_WORDS or key in MONTHS or key in TITLES
                or (len(key) > 4 and key[-1] == "s" and key[:-1] in STOP_WORDS))  # Shias, not Fars

    def is_demonym(self, key: str) -> bool:
        """Azerbaijani, Iranians, Turkish, Armenian, Azərbaycanlılar … when
        the stem is (the start of) a gazetteer name; ایرانی in Persian."""
        hit = self._demonym.get(key)
        if hit is None:
            hit = self._demonym[key] = self._demonym_rule(key)
        return hit

    def _demonym_rule(self, key: str) -> bool:
        if key in KNOWN_DEMONYMS:
            return True
        if " " in key or len(key) < 4:
            return False
        if any(a <= key[0] <= b for a, b in _ARABIC_RANGES):
            return any(key.endswith(s) and key[: -len(s)] in self.gazetteer_keys for s in ("یان", "ی", "ها"))
        tm = TURKIC_DEMONYM.match(key)
        if tm and tm.group(1) in self.gazetteer_words:
            return True
        for suffix in DEMONYM_SUFFIXES:
            if not key.endswith(suffix) or len(key) - len(suffix) < 3:
                continue
            stem = key[: -len(suffix)]
            words = self.gazetteer_words
            if stem in self.stems or stem in words or stem + "a" in words or stem + "ia" in words \
                    or stem + "y" in words:
                return True
        return False

    # -- the pass over the corpus ------------------------------------------------
    def scan(self, cache: _ScanCache | None = None, cancelled=None, keys: list[str] | None = None) -> None:
        """Every document's passages, in corpus order. With ``cache``, a
        document whose scan is stored (under a key of its content, passages,
        mentions and the gazetteer; ``keys`` if already computed) is not read
        again; the others are stored."""
        index = self.index
        t = index.table
        docs = index.corpus.documents
        doc_bounds = _document_bounds(index)
        pas_bounds = np.searchsorted(t.passage, np.arange(len(index.passage_list) + 1))
        d_pstart = np.asarray(index.structure["d_pstart"])
        if keys is None:
            keys = cache.keys(index, doc_bounds) if cache is not None else [""] * len(docs)
        stored = cache.load(keys) if cache is not None else {}
        for di, doc in enumerate(docs):
            p0 = int(d_pstart[di])
            found = stored.get(keys[di])
            if found is not None:
                self._merge(found, p0)
                continue
            if cancelled is not None and cancelled():
                from .errors import Cancelled

                raise Cancelled("finding unlinked names cancelled")
            part = _Finder(index, self.ignore, share=self)
            m0, m1 = int(doc_bounds[di]), int(doc_bounds[di + 1])
            starts, ends = t.start[m0:m1], t.end[m0:m1]
            text = doc.text
            linked = _covered(len(text) + 1, starts, ends)
            web = non_text_spans(text)
            url = _covered(len(text) + 1, [a for a, _ in web], [b for _, b in web])
            starts, ends, places = starts.tolist(), ends.tolist(), t.place[m0:m1].tolist()
            p1 = int(d_pstart[di + 1])
            p_starts, p_ends = index.passage_bounds(p0, p1)
            part._doc = (p0, p_starts.tolist(), p_ends.tolist(),
                         (index.passage_kinds(p0, p1) == KINDS.index(HEADING)).tolist(),
                         index.is_reference[p0:p1].tolist(), doc.markup)
            bounds = (pas_bounds[p0:p1 + 1] - m0).tolist()
            for k, pi in enumerate(range(p0, p1)):
                rows = range(bounds[k], bounds[k + 1])
                part.passage(pi, text, linked, url, [(starts[r], ends[r], places[r]) for r in rows])
            part._doc = None
            part._count_pending()
            if cache is not None and keys[di]:
                cache.save(keys[di], part._state(p0))
            self._absorb(part)
        if cache is not None:
            cache.keep(keys)

    def _state(self, p0: int) -> dict:
        """What this finder collected, as plain data (passages relative to ``p0``)."""
        def occ(o: _Occurrence) -> list:
            alt = [o.alternative[0], occ(o.alternative[1])] if o.alternative else None
            return [o.passage - p0, o.surface, o.initial, o.persian, o.extension, alt, o.bonus, o.evidence]

        return {"stats": {k: [st.person, [occ(o) for o in st.occurrences]] for k, st in self.stats.items()},
                "lower": dict(self.lower_counts), "cap": dict(self.cap_counts), "person": sorted(self.person_keys)}

    def _total(self, key: str) -> _Total:
        total = self.totals.get(key)
        if total is None:
            total = self.totals[key] = _Total()
        return total

    def _merge(self, state: dict, p0: int) -> None:
        """Add a stored document scan (:meth:`_state`) to the totals."""
        def occ(v: list) -> _Occurrence:
            alt = (v[5][0], occ(v[5][1])) if v[5] else None
            return _Occurrence(v[0] + p0, v[1], v[2], v[3], v[4], alt, v[6], list(v[7]))

        for k, (person, occs) in state["stats"].items():
            total = self._total(k)
            total.person += person
            for v in occs:
                if total.pending is not None or total.persian is None:
                    total.add(occ(v))  # (made only while it may be kept, or is the first)
                else:
                    total.count(v[0] + p0, v[1], v[2], v[4], v[6], v[7])
        self.lower_counts.update(state["lower"])
        self.cap_counts.update(state["cap"])
        self.person_keys.update(state["person"])

    def _absorb(self, part: _Finder) -> None:
        """Add a document's finder to the totals."""
        for k, st in part.stats.items():
            total = self._total(k)
            total.person += st.person
            for o in st.occurrences:
                total.add(o)
        self.lower_counts.update(part.lower_counts)
        self.cap_counts.update(part.cap_counts)
        self.person_keys.update(part.person_keys)

    def passage(self, pi: int, text: str, linked: np.ndarray, url: np.ndarray, mentions) -> None:
        doc = self._doc
        if doc is not None and doc[0] <= pi < doc[0] + len(doc[1]):  # read from the columns: no Passage made
            k = pi - doc[0]
            start, end, heading, is_reference, markup = doc[1][k], doc[2][k], doc[3][k], doc[4][k], doc[5]
        else:
            p = self.index.passage_list[pi]
            start, end, heading, is_reference = p.start, p.end, p.kind == HEADING, p.is_reference
            markup = self.index.corpus.by_id[p.document].markup
        disp, origin = display_text(text, start, end, markup=markup)
        if not disp:
            return
        where = np.asarray(origin, dtype=np.int64)
        d_linked, d_url = linked[where], url[where]
        if _KEYWORDS.match(disp):
            return  # "Keywords: Qarabagh Crisis, Foreign Policy of Iran": topics, not text
        tokens = self.tokens(disp, d_linked, d_url, heading, is_reference)
        if is_reference:
            self.reference_authors(disp, tokens)
            return
        # Mentions in display coordinates, for lists and "Ardabil region".
        spans = []
        for s, e, place in mentions:
            a, b = bisect_left(origin, s), bisect_left(origin, e)
            if b > a:
                spans.append((a, b, place))
        runs: list[list[_Token]] = []
        for tok in tokens:
            prev = runs[-1][-1] if runs else None
            if (prev is not None and tok.script in ("cap", "acronym") and prev.script in ("cap", "acronym")
                    and not prev.suffix and disp[prev.end:tok.start] == " "):
                runs[-1].append(tok)
            else:
                runs.append([tok])
        for run in runs:
            if run[0].script == "arabic":
                self.persian(pi, disp, run[0], spans)
            elif run[0].script != "linked":
                self.latin_run(pi, disp, run, spans)
        for s, e, place in spans:
            self.extension(pi, disp, s, e, {self.place_kinds[place]})
        # A known name the linker left unlinked before another kind's word
        # ("the Tabriz region": not the city, so not linked) is the same question.
        for run in runs:
            if run[0].script == "cap":
                kinds = self.name_kinds.get(" ".join(t.key for t in run))
                if kinds and not run[-1].suffix:
                    self.extension(pi, disp, run[0].start, run[-1].end, kinds)
        for i, tok in enumerate(tokens[:-1]):
            nxt = tokens[i + 1]
            if tok.script == "cap" and tok.key in DIRECTIONS and nxt.script == "linked" \
                    and disp[tok.end:nxt.start] == " " and not tok.suffix:
                self.prefix(pi, disp, tok, spans)

    def tokens(self, disp: str, d_linked, d_url, heading: bool, reference: bool) -> list[_Token]:
        """Words of a passage: capitalised, acronyms, Persian script and
        linked ones (the latter only to break runs); lower-case words are
        counted for the common-word test.

        The common case — a word starting with a lower-case letter of the
        first scripts (:data:`_BULK_FIRST`), without a hyphen — is only
        counted: such words are collected per document and counted at once
        (:meth:`_count_pending`); the other words — the same words
        :data:`_TOKEN` finds, less those — are found by :data:`_CAPITAL_TOKEN`
        and :func:`_lower_hyphenated`, and classified once per distinct word
        (:meth:`_word`). A
        passage with a web address falls back to :meth:`_tokens_exact`."""
        if d_url.any():
            return self._tokens_exact(disp, d_linked, d_url, heading, reference)
        if not reference:
            self._pending.append(disp)
        out: list[_Token] = []
        in_linked = np.concatenate(([0], np.cumsum(d_linked))).tolist() if d_linked.any() else None
        lower_counts = self.lower_counts
        info = self._word_info
        found = _CAPITAL_TOKEN.finditer(disp)
        if "-" in disp or "‐" in disp:
            hyphenated = _lower_hyphenated(disp)
            if hyphenated:
                found = sorted((*found, *hyphenated), key=lambda m: m.start())
        for m in found:
            word = m.group()
            w = info.get(word)
            if w is None:
                w = info[word] = self._word(word)
            s = m.start()
            if w[0] is not None:  # a lower-case word of another script
                if not reference:
                    lower_counts[w[0]] += 1
                continue
            parts = w[3]
            # Hyphenated: split when a part is linked (or always, see _word).
            if w[1] and (w[2] or (in_linked is not None and in_linked[m.end()] != in_linked[s])):
                parts = w[4]
            for off, length, base, suffix, key, script, kept in parts:
                if script == "lower":
                    if not reference:
                        lower_counts[key] += 1
                    continue
                s2 = s + off
                if in_linked is not None and in_linked[s2 + length] != in_linked[s2]:
                    out.append(_Token(s2, s2 + length, "", "", "linked", key, False))
                elif kept:
                    out.append(_Token(s2, s2 + len(base), base, suffix, script, key,
                                      heading or _sentence_initial(disp, s2)))
        return out

    def _word(self, word: str) -> tuple:
        """What :meth:`_tokens_exact` decides about ``word`` from the word
        alone: (lower-case key if it is only counted, hyphenated, always split,
        parts unsplit, parts split); a part is (offset, length, base, suffix,
        key, script, kept as a token); parts without a key are left out."""
        hyphen = "-" in word or "‐" in word
        if word[0].islower() and not hyphen:
            return (self.fold(word), False, False, (), ())

        def parts(pieces):
            out = []
            for off, w in pieces:
                base, suffix = _split_suffix(w)
                key = self.fold(base)
                if not key:
                    continue
                script = _script(base)
                kept = script in ("cap", "acronym", "arabic") and not (script == "cap" and _CAMEL.search(base))
                out.append((off, len(w), base, suffix, key, script, kept))
            return tuple(out)

        whole = parts([(0, word)])
        if not hyphen:
            return (None, False, False, whole, ())
        always = word[:1].islower() or any(
            w[:1].isupper() and (self.is_stop(self.fold(w)) or self.is_demonym(self.fold(w)))
            for w in _HYPHEN.split(word))
        pieces, pos = [], 0
        for w in _HYPHEN.split(word):
            if w not in ("-", "‐"):
                pieces.append((pos, w))
            pos += len(w)
        return (None, True, always, whole, parts(pieces))

    def _count_pending(self) -> None:
        """Count the lower-case words of the passages :meth:`tokens` put
        aside (one document's): the words it does not look at one by one."""
        if not self._pending:
            return
        counts = Counter(_TOKEN.findall("\n".join(self._pending)))
        self._pending.clear()
        lower_counts = self.lower_counts
        for word, n in counts.items():
            if word[0] in _BULK_FIRST and "-" not in word and "‐" not in word:
                lower_counts[self.fold(word)] += n

    def _tokens_exact(self, disp: str, d_linked, d_url, heading: bool, reference: bool) -> list[_Token]:
        """:meth:`tokens` word by word (the rules as written; a passage with a
        web address, and the reference the fast path is tested against)."""
        out: list[_Token] = []
        in_url = np.concatenate(([0], np.cumsum(d_url))).tolist()
        in_linked = np.concatenate(([0], np.cumsum(d_linked))).tolist()
        lower_counts = self.lower_counts
        for m in _TOKEN.finditer(disp):
            s, e = m.span()
            if in_url[e] != in_url[s]:
                continue
            word = m.group()
            if word[0].islower() and "-" not in word and "‐" not in word:
                if not reference:
                    lower_counts[self.fold(word)] += 1
                continue
            parts = [(s, word)]
            if ("-" in word or "‐" in word) and (in_linked[e] != in_linked[s] or word[:1].islower() or any(
                    w[:1].isupper() and (self.is_stop(self.fold(w)) or self.is_demonym(self.fold(w)))
                    for w in _HYPHEN.split(word))):
                parts, pos = [], s
                for w in _HYPHEN.split(word):
                    if w not in ("-", "‐"):
                        parts.append((pos, w))
                    pos += len(w)
            for s2, w in parts:
                base, suffix = _split_suffix(w)
                key = self.fold(base)
                if not key:
                    continue
                script = _script(base)
                if script == "lower":
                    if not reference:
                        self.lower_counts[key] += 1
                    continue
                if in_linked[s2 + len(w)] != in_linked[s2]:
                    out.append(_Token(s2, s2 + len(w), "", "", "linked", key, False))
                elif script in ("cap", "acronym", "arabic") and not (script == "cap" and _CAMEL.search(base)):
                    out.append(_Token(s2, s2 + len(base), base, suffix, script, key,
                                      heading or _sentence_initial(disp, s2)))
        return out

    def reference_authors(self, disp: str, tokens: list[_Token]) -> None:
        """Surnames in the references section ("Cornell, S. E.") are people."""
        for tok in tokens:
            if tok.script == "cap" and re.match(r",\s*[A-Z]\.", disp[tok.end:tok.end + 6]):
                self.person_keys.add(tok.key)

    def latin_run(self, pi: int, disp: str, run: list[_Token], spans) -> None:
        """A run of capitalised words: drop organisations, titles of works and
        people; strip stop words and demonyms at its edges; record the rest."""
        for tok in run:
            if tok.script == "cap" and not tok.initial:
                self.cap_counts[tok.key] += 1
        keys = [t.key for t in run]
        # People: a title or a first name before the last word makes the rest a
        # name (unless a place word follows: "Shah Deniz gas field"); so does a
        # title after it ("Sattar Khan", "Ellichi Beag").
        fw = _follower(disp, run[-1].end)
        placey = fw is not None and fw[1] == "type_word"
        for i, k in enumerate(keys[:-1]):
            if (k in TITLES and not placey) or k in FIRST_NAMES:
                rest = [t.key for t in run[i + 1:] if not self.is_stop(t.key)]
                if rest and not any(k2 in ORG_WORDS for k2 in rest):
                    self.person_keys.update((rest[-1], " ".join(rest)))
                return
        if len(run) > 1 and keys[-1] in POST_TITLES:
            self.person_keys.update(keys[:-1])
            return
        if len(run) > 4 or any(k in ORG_WORDS for k in keys):
            return  # a title of a work, or an organisation
        if any(k in STOP_WORDS and k not in TYPE_WORDS and k not in DIRECTIONS for k in keys[1:-1]):
            return  # "Risk From Spillover": title case
        om = _ORG_OF.search(disp, max(0, run[0].start - 60), run[0].start)
        if om and om.group(1)[:1].isupper() and self.fold(om.group(1)) in ORG_WORDS:
            return  # Ministry of Foreign Affairs, University of X
        nm = _NEXT_WORD.match(disp, run[-1].end + (len(run[-1].suffix) + 1 if run[-1].suffix else 0))
        if nm and self.fold(nm.group(1)) in ORG_WORDS and self.fold(nm.group(1)) not in WEAK_FOLLOWERS and (
                run[-1].suffix or nm.group(1)[:1].islower()):
            return  # Allameh Tabataba'i University; "Varlig" magazine
        if _ORG_APPOSITION.match(disp, run[-1].end):
            return  # Keyhan, a newspaper close to …
        if len(run) > 1 and all(k in DIRECTIONS for k in keys):
            self.occurrence(pi, disp, run, spans)  # Middle East, Far East
            return
        lo, hi = 0, len(run)
        while lo < hi and self.is_stop(keys[lo]) and not (placey and keys[lo] in TITLES):
            lo += 1
        while hi > lo and self.is_stop(keys[hi - 1]) and keys[hi - 1] not in TYPE_WORDS:
            hi -= 1
        core = run[lo:hi]
        if not core:
            return
        d = 0
        while d < len(core) and self.is_demonym(core[d].key):
            d += 1
        if d == len(core):
            return  # demonyms only: "Azerbaijani Turks"
        if d and not (len(core) - d == 1 and core[-1].key in TYPE_WORDS):
            core = core[d:]  # but keep "Persian Gulf"
        ckeys = [t.key for t in core]
        if all(self.is_stop(k) for k in ckeys) or (len(core) == 1 and ckeys[0] in TYPE_WORDS):
            return
        if core[-1].script == "cap" and len(ckeys[-1]) >= 6 and ABSTRACT_ENDING.search(ckeys[-1]):
            return  # Christianity, Pan-Turkism
        self.occurrence(pi, disp, core, spans)

    def occurrence(self, pi: int, disp: str, core: list[_Token], spans) -> None:
        """Record one occurrence of a Latin/Cyrillic name. A run starting a
        sentence ("Yol Şəki'ye …") may really be a common word plus a name: its
        tail is kept as an alternative, used if the tail is seen elsewhere."""
        key, occ, person = self.contexts(pi, disp, core, spans)
        if person:
            self.stats[key].person += 1
        elif occ is not None:
            if core[0].initial and len(core) > 1:
                tail_key, tail, tail_person = self.contexts(pi, disp, core[1:], spans)
                if tail is not None and not tail_person:
                    occ.alternative = (tail_key, tail)
            self.stats[key].occurrences.append(occ)

    def contexts(self, pi: int, disp: str, core: list[_Token], spans) -> tuple[str, _Occurrence | None, bool]:
        """(key, occurrence with its evidence, is in a person's context)."""
        w = WEIGHTS
        start, end = core[0].start, core[-1].end
        last = core[-1]
        surface = disp[start:end]
        key = " ".join(t.key for t in core)
        before = disp[max(0, start - 60):start]
        pm = _PREV_WORD.search(before)
        prev = self.fold(pm.group(1)) if pm else ""
        # A person: after a title or first name, after an initial, in a citation.
        if pm and (prev in TITLES or (prev in FIRST_NAMES and pm.group(1)[:1].isupper())) \
                and core[0].key not in TITLES:
            return key, None, True
        if _INITIAL_BEFORE.search(before) and not _ABBREVIATION_BEFORE.search(before):
            return key, None, True
        if self._in_citation(disp, start, end):
            return key, None, True
        if not last.suffix and (_CITATION_AFTER.match(disp, end) or (
                _PAREN_YEAR_AFTER.match(disp, end) and prev not in ("in", "near", "at", "from"))):
            return key, None, True
        occ = _Occurrence(pi, surface, core[0].initial)
        bonus, strong = 0.0, False
        pp = PLACE_PHRASE.search(before)
        if pp:
            bonus += w["place_phrase"]
            strong = True
            occ.evidence.append(f"after '{' '.join(pp.group(1).lower().split())}'")
        elif pm and prev in PREPOSITIONS and not pm.group(2):
            bonus += w[PREPOSITIONS[prev]]
            occ.evidence.append(f"preposition '{prev}'")
        if last.key in TYPE_WORDS and len(core) > 1:
            bonus += w["type_word"]
            strong = True
            occ.evidence.append(f"'{surface}'")
        elif not last.suffix:
            fw = _follower(disp, end)
            if fw:
                bonus += w[fw[1]]
                strong = strong or fw[1] == "type_word"
                occ.evidence.append(f"'{surface} {fw[0]}'")
        if _in_known_list(disp, start, end, spans):
            bonus += w["known_list"]
            occ.evidence.append("in a list with known places")
        if last.suffix and last.suffix != "s":
            bonus += w["suffix"]
            occ.evidence.append(f"suffix '{surface}'{last.suffix}'")
        if any(t.script == "acronym" for t in core) and not strong:
            return key, None, False  # an acronym counts only in a place context
        occ.bonus = min(bonus, w["occurrence_cap"])
        return key, occ, False

    @staticmethod
    def _in_citation(disp: str, start: int, end: int) -> bool:
        """Inside parentheses that hold a year: "(Afzali, Rashidi and Mottaghi, 2012: 7)"."""
        open_ = disp.rfind("(", max(0, start - 80), start)
        if open_ == -1 or ")" in disp[open_:start]:
            return False
        m = _YEAR_IN_PARENS.match(disp, open_)
        return bool(m and m.end() > end)

    def persian(self, pi: int, disp: str, tok: _Token, spans) -> None:
        """A Persian-script word counts only with a place cue of its own:
        there are no capitals to go by."""
        key = tok.key
        if len(key) < 2 or key in PERSIAN_STOP or key in PERSIAN_PLACE_WORDS or self.is_demonym(key):
            return
        occ = _Occurrence(pi, tok.text, False, persian=True)
        occ.evidence.append("Persian script")
        pm = re.search(r"(\S+)\s+$", disp[max(0, tok.start - 40):tok.start])
        prev = self.fold(pm.group(1)) if pm else ""
        cue = 0.0
        if prev in PERSIAN_PLACE_WORDS:
            cue += WEIGHTS["persian_cue"]
            occ.evidence.append(f"after '{pm.group(1)}'")
        if key.endswith(_STAN) and key not in PERSIAN_STAN_WORDS and len(key) > len(_STAN) + 1:
            cue += WEIGHTS["persian_cue"]
            occ.evidence.append("'-ستان' name")
        if _in_known_list(disp, tok.start, tok.end, spans):
            cue += WEIGHTS["persian_cue"]
            occ.evidence.append("in a list with known places")
        if not cue:
            return
        if prev in PERSIAN_PREPOSITIONS:
            cue += WEIGHTS["weak_preposition"]
            occ.evidence.append(f"preposition '{pm.group(1)}'")
        occ.bonus = min(cue, WEIGHTS["occurrence_cap"])
        self.stats[key].occurrences.append(occ)

    def extension(self, pi: int, disp: str, s: int, e: int, kinds: set[str]) -> None:
        """A known place's name (of ``kinds``) followed by a place word for
        another kind of place: "Ardabil region" when the gazetteer knows only
        the city."""
        m = _NEXT_WORD.match(disp, e)
        if not m or disp[e:e + 1] in _APOSTROPHES:
            return
        word = self.fold(m.group(1))
        compatible = TYPE_KINDS.get(word)
        if compatible is None or "country" in kinds or kinds & compatible:
            return
        kind = " or ".join(sorted(kinds))
        head = self.fold(disp[s:e])
        if self.head_kinds.get(head, set()) & compatible:
            return  # another entry of that kind starts with the name: an alias question
        surface = disp[s:m.end()]
        occ = _Occurrence(pi, surface, _sentence_initial(disp, s), extension=True, bonus=WEIGHTS["type_word"])
        occ.evidence.append(f"'{surface}' (known {disp[s:e]} is a {kind})")
        self.stats[self.fold(surface)].occurrences.append(occ)

    def prefix(self, pi: int, disp: str, tok: _Token, spans) -> None:
        """A capitalised direction before a linked place: "East Azerbaijan",
        "South Caucasus" when the gazetteer knows only Azerbaijan, Caucasus."""
        k = bisect_left([s for s, _, _ in spans], tok.end + 1)
        if k >= len(spans) or spans[k][0] != tok.end + 1:
            return
        s, e, place = spans[k]
        if self.place_kinds[place] in ("city", "town", "village", "site", "bridge", "dam", "border-crossing"):
            return  # "East Tabriz" is a part of town at most
        surface = disp[tok.start:e]
        occ = _Occurrence(pi, surface, tok.initial, extension=True, bonus=WEIGHTS["prefix"])
        occ.evidence.append(f"'{tok.text}' + known {disp[s:e]}")
        self.stats[self.fold(surface)].occurrences.append(occ)

    # -- ranking ---------------------------------------------------------------
    def ranked(self) -> list[Candidate]:
        w = WEIGHTS
        passage_id = self.index.passage_id  # no Passage made
        # Sentence-initial runs whose tail is a name seen mid-sentence elsewhere.
        totals = self.totals
        for total in list(totals.values()):
            occs = total.pending
            if occs:  # every occurrence starts a sentence and has an alternative
                moved = [o for o in occs if o.alternative[0] in totals and totals[o.alternative[0]].has_noninitial()]
                for o in moved:
                    totals[o.alternative[0]].add(o.alternative[1])
                total.pending = [o for o in occs if o not in moved]
        out = []
        for key, st in totals.items():
            if st.pending is not None:
                st.persian = st.pending[0].persian if st.pending else None
                st.settle()
            if not st.n or key in self.ignore or key in self.gazetteer_keys:
                continue
            words = key.split()
            extension = st.extension
            if not extension and not all(k in DIRECTIONS for k in words) and all(
                    k in self.gazetteer_keys or self.is_stop(k) or self.is_demonym(k) for k in words):
                continue
            if not st.counted:
                continue  # only ever the first word of a sentence or a heading
            score = st.score
            notes = []
            if not st.bonus:
                score *= w["no_context"]
            persian = st.persian
            if st.person or key in self.person_keys or words[-1] in self.person_keys or key in FIRST_NAMES:
                score *= w["person"]
                notes.append("also a person's name")
            elif not persian and len(words[-1]) > 4 and SURNAME_ENDING.search(words[-1]):
                score *= w["surname_ending"]
                notes.append("surname ending")
            if not persian and not extension:
                lower = min(self.lower_counts.get(k, 0) for k in words)
                if lower:
                    if lower >= max(self.cap_counts.get(words[0], 0), 1) and not st.strong:
                        continue  # an ordinary word that is sometimes capitalised
                    score *= w["common_word"]
                    notes.append(f"also in lower case ({lower}×)")
            evidence, forms = st.evidence, st.forms
            ranked_forms = sorted(forms, key=lambda f: (-forms[f], f))
            passages = tuple(passage_id(i) for i in sorted(st.passages))
            ev = tuple(f"{e} ×{n}" if n > 1 else e
                       for e, n in sorted(evidence.items(), key=lambda t: (-t[1], t[0]))) + tuple(notes)
            out.append(Candidate(ranked_forms[0], fold_phrase(ranked_forms[0]), st.n, round(score, 3),
                                 passages, tuple(ranked_forms), ev))
        out.sort(key=lambda c: (-c.score, -c.count, c.key))
        return out


SCAN_VERSION = "2"
"""Bumped whenever the rules change what a document's scan collects."""

CACHE_FILE = "candidates.sqlite"
"""Each document's scan, kept in an index's store folder (and the latest answers)."""

RESULTS_KEPT = 8
"""Whole answers kept (one per limit and "not a place" list asked lately)."""


class _ScanCache:
    """Each document's scan (what :class:`_Finder` collects from it) in a
    SQLite file of the index's store, keyed by everything it depends on:
    the rules' version, the gazetteer's names and kinds, the document's
    content and passages (:func:`~caucasusmap.search.document_keys`) and its
    mentions. An entry that cannot be read is scanned again."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.con = self._connect()
        except sqlite3.DatabaseError:
            remove_database(path)
            self.con = self._connect()

    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        try:
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("CREATE TABLE IF NOT EXISTS scans(key TEXT PRIMARY KEY, data BLOB NOT NULL)")
            con.execute("CREATE TABLE IF NOT EXISTS results(key TEXT PRIMARY KEY, data BLOB NOT NULL)")
        except BaseException:
            con.close()
            raise
        return con

    @staticmethod
    def keys(index, doc_bounds) -> list[str]:
        from .search import document_keys

        h = hashlib.blake2b(digest_size=16)
        h.update(SCAN_VERSION.encode())
        for p in index.gazetteer.places:
            h.update(repr((p.id, p.kind, tuple(p.names))).encode("utf-8", "surrogatepass"))
        rules = h.digest()
        cached = index.__dict__.get("_scan_keys")
        if cached is not None and cached[0] == rules:  # computed once per index (its mentions do not change)
            return list(cached[1])
        t = index.table
        bounds = np.asarray(index.structure["d_pstart"])
        out = []
        for d, key in enumerate(document_keys(index)):
            if not key:
                out.append("")
                continue
            k = hashlib.blake2b(rules + key.encode(), digest_size=16)
            a, b = int(bounds[d]), int(bounds[d + 1])
            k.update((index.passage_kinds(a, b) == KINDS.index(HEADING)).tobytes())
            m0, m1 = int(doc_bounds[d]), int(doc_bounds[d + 1])
            for col in (t.start, t.end, t.place):
                k.update(np.ascontiguousarray(col[m0:m1], dtype=np.int64).tobytes())
            out.append(k.hexdigest())
        index.__dict__["_scan_keys"] = (rules, tuple(out))
        return out

    def load(self, keys: list[str]) -> dict[str, dict]:
        wanted = {k for k in keys if k}
        found = {}
        try:
            rows = self.con.execute("SELECT key, data FROM scans").fetchall()
        except sqlite3.DatabaseError:
            return {}
        for key, data in rows:
            if key not in wanted:
                continue
            try:
                state = json.loads(zlib.decompress(data))
                if not isinstance(state, dict) or not {"stats", "lower", "cap", "person"} <= state.keys():
                    raise ValueError("not a scan")
                found[key] = state
            except (ValueError, TypeError, zlib.error):
                continue  # damaged: scanned again (and replaced)
        return found

    def save(self, key: str, state: dict) -> None:
        data = zlib.compress(json.dumps(state, separators=(",", ":")).encode("ascii"), 6)
        try:
            with self.con:
                self.con.execute("INSERT OR REPLACE INTO scans VALUES (?, ?)", (key, data))
        except sqlite3.Error:
            pass  # a cache: the result stands without it

    @staticmethod
    def result_key(keys: list[str], ignore: set[str], limit: int) -> str:
        """The key of a whole answer: every document's scan key in corpus
        order, the "not a place" names and the limit ("" if a document has
        no key: an index built in memory)."""
        if not all(keys):
            return ""
        h = hashlib.blake2b(digest_size=16)
        h.update(f"{SCAN_VERSION}\0{limit}\0".encode())
        h.update(json.dumps(sorted(ignore)).encode("utf-8", "surrogatepass"))
        for k in keys:
            h.update(k.encode())
        return h.hexdigest()

    def result(self, key: str) -> list[Candidate] | None:
        """The answer stored under ``key``, or None (also when it cannot be read)."""
        try:
            row = self.con.execute("SELECT data FROM results WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            rows = json.loads(zlib.decompress(row[0]))
            return [Candidate(name, ckey, count, score, tuple(passages), tuple(forms), tuple(evidence))
                    for name, ckey, count, score, passages, forms, evidence in rows]
        except (sqlite3.DatabaseError, ValueError, TypeError, zlib.error):
            return None

    def save_result(self, key: str, found: list[Candidate]) -> None:
        """Keep ``found`` under ``key`` (and only the few latest answers)."""
        rows = [[c.name, c.key, c.count, c.score, c.passages, c.forms, c.evidence] for c in found]
        data = zlib.compress(json.dumps(rows, separators=(",", ":")).encode("utf-8", "surrogatepass"), 6)
        try:
            with self.con:
                self.con.execute("INSERT OR REPLACE INTO results VALUES (?, ?)", (key, data))
                self.con.execute(f"DELETE FROM results WHERE rowid NOT IN "
                                 f"(SELECT rowid FROM results ORDER BY rowid DESC LIMIT {RESULTS_KEPT})")
        except sqlite3.Error:
            pass

    def keep(self, keys: list[str]) -> None:
        """Forget the scans of documents no longer in the index."""
        wanted = {k for k in keys if k}
        try:
            stale = [(k,) for (k,) in self.con.execute("SELECT key FROM scans") if k not in wanted]
            with self.con:
                self.con.executemany("DELETE FROM scans WHERE key = ?", stale)
        except sqlite3.Error:
            pass

    def close(self) -> None:
        self.con.close()


def _document_bounds(index) -> np.ndarray:
    """Where each document's mentions start in the index's table (and the end)."""
    return np.searchsorted(index.table.document, np.arange(len(index.corpus.documents) + 1))


def _ignore_keys(ignore: Iterable[str]) -> set[str]:
    keys = {fold_phrase(n) for n in ignore}
    keys.discard("")
    return keys


def stored_candidates(index, ignore: Iterable[str] = frozenset(), limit: int = 100) -> list[Candidate] | None:
    """What :func:`find_candidates` would answer, if its store holds that
    answer already (None otherwise): nothing is scanned."""
    store = getattr(index, "store", None)
    path = Path(store.path) / CACHE_FILE if store is not None else None
    if path is None or not path.exists():
        return None
    scans = _ScanCache(path)
    try:
        answer = scans.result_key(scans.keys(index, _document_bounds(index)), _ignore_keys(ignore), max(limit, 0))
        return scans.result(answer) if answer else None
    finally:
        scans.close()


def find_candidates(index, ignore: Iterable[str] = frozenset(), limit: int = 100, *, cache: bool = True,
                    cancelled=None) -> list[Candidate]:
    """Capitalised words and phrases (and Persian-script words) of the corpus
    that look like place names but match no gazetteer entry, best first.

    ``index`` is a linked :class:`~caucasusmap.index.Index`; ``ignore`` holds
    names marked "not a place" (compared with
    :func:`~caucasusmap.normalize.fold_phrase`, so case and diacritics do not
    matter); at most ``limit`` candidates are returned (``limit <= 0``: all).
    The references section, web addresses and already linked text are never
    read as candidates.

    With ``cache`` and an index opened from a store, each document's scan is
    kept in the store's folder (:data:`CACHE_FILE`) and reused while the
    document, its mentions and the gazetteer are unchanged, so only added or
    edited documents are read again; the answer itself is kept too, under a
    key of every document's scan, the "not a place" names and ``limit``, so
    asking again for an unchanged index reads only it. The result is the same
    either way. ``cancelled`` is asked between documents."""
    keys = _ignore_keys(ignore)
    limit = max(limit, 0)
    finder = _Finder(index, keys)
    store = getattr(index, "store", None) if cache else None
    scans = _ScanCache(Path(store.path) / CACHE_FILE) if store is not None else None
    try:
        doc_keys = answer = None
        if scans is not None:
            doc_keys = scans.keys(index, _document_bounds(index))
            answer = scans.result_key(doc_keys, keys, limit)
            found = scans.result(answer) if answer else None
            if found is not None:
                return found
        finder.scan(scans, cancelled, doc_keys)
        found = finder.ranked()
        found = found[:limit] if limit else found
        if answer:
            scans.save_result(answer, found)
        return found
    finally:
        if scans is not None:
            scans.close()


# ---------------------------------------------------------------------------
# The "not a place" list

IGNORE_HEADER = (
    "# Names that are not places: caucasusmap does not suggest them as unlinked place names.\n"
    "# One name per line; case and diacritics do not matter; lines starting with # are comments.\n"
)


def ignore_path(gazetteer_path: str | Path) -> Path:
    """The "not a place" list kept beside a gazetteer: ``not-places.txt`` in
    the gazetteer's folder (in the folder itself for a folder gazetteer)."""
    path = Path(gazetteer_path)
    return (path if path.is_dir() else path.parent) / IGNORE_FILE


def _read_ignore_text(path: Path) -> tuple[str, bytes] | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        problem = error(path, 0, 0, f"cannot read the not-a-place list: {exc.strerror or exc}")
        raise InvalidFileError(path, [problem]) from None
    text, problem = decode_text(data, path)
    if problem is not None:
        raise InvalidFileError(path, [problem])
    return text, data


def read_ignore(path: str | Path) -> set[str]:
    """Names in a "not a place" list, as written (stripped): one per line;
    blank lines and ``#`` comments are skipped. A missing file is an empty
    list; a file that is not UTF-8 (or UTF-16 with BOM) raises
    :class:`~caucasusmap.errors.InvalidFileError` with the located problem."""
    found = _read_ignore_text(Path(path))
    if found is None:
        return set()
    names = set()
    for line in found[0].splitlines():
        name = line.split("#", 1)[0].strip()
        if name and fold_phrase(name):
            names.add(name)
    return names


def add_to_ignore(path: str | Path, name: str) -> bool:
    """Append ``name`` to the "not a place" list at ``path`` as a new line.

    The existing bytes are kept exactly (a missing final newline is supplied
    before the new line, in the file's own line-ending style); a missing file
    is created with a short comment header. The write is atomic (temporary
    file + ``os.replace``). Returns False, writing nothing, when the name is
    already listed (diacritics and case ignored). Raises ``ValueError`` for a
    name that is empty or holds a newline or ``#`` (an :class:`~caucasusmap.errors.InputError`), and
    :class:`~caucasusmap.errors.InvalidFileError` if the file cannot be read."""
    path = Path(path)
    clean = name.strip()
    if not clean or not fold_phrase(clean):
        raise InputError(f"{name!r} is not a name (it has no letters or digits)")
    if any(c in clean for c in "#\r\n\x00"):
        raise InputError(f"{name!r} cannot go into {path.name}: a name there cannot hold '#' (it starts a "
                         "comment), a line break or a NUL character")
    found = _read_ignore_text(path)
    if found is None:
        data, encoding, newline = IGNORE_HEADER.encode("utf-8"), "utf-8", "\n"
        new = data + (clean + newline).encode(encoding)
    else:
        text, data = found
        key = fold_phrase(clean)
        if any(fold_phrase(n) == key for n in read_ignore(path)):
            return False
        if data.startswith(codecs.BOM_UTF16_LE):
            encoding = "utf-16-le"
        elif data.startswith(codecs.BOM_UTF16_BE):
            encoding = "utf-16-be"
        else:
            encoding = "utf-8"
        newline = "\r\n" if "\r\n" in text else "\n"
        lead = newline if text and not text.endswith(("\n", "\r")) else ""
        new = data + (lead + clean + newline).encode(encoding)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(path, new)
    return True
