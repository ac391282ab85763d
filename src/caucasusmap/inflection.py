"""Inflected forms of place names in Russian, Turkish and Azerbaijani.

The linker's automaton matches whole words, so "в Шуше", "Нахичеванской",
"Bakıda" or "Ermənistanın" never match "Шуша", "Нахичеванская", "Bakı",
"Ermənistan". This module says which endings a name of a given shape can
take; the linker (:mod:`caucasusmap.linking`) matches the name's *stem* as a
word start and asks here whether the rest of the word is such an ending.

Russian: a name declines by the shape of each of its words — a noun ending in
a consonant, -а, -я, -ия, -ь, -й or -ий, or an adjective (-ая, -яя, -ый, -ий,
-ой, -ое, -ее); a word ending in -о, -е, -и, -у, -ю, -ы, -э is indeclinable
(Баку, Гори, Тбилиси). Only the endings of that shape are accepted, each with
the grammatical cases it can mean, and the words of a name must share a case
("Нагорного Карабаха", not "Нагорного Карабахе"): :func:`russian_word`,
:func:`russian_cases`.

Turkish and Azerbaijani: case suffixes (and the relative -ki after the
locative, the copula -dır alone or after the locative and ablative) attached
without an apostrophe, chosen by vowel harmony from the
stem's last vowel and by whether it ends in a vowel (buffer consonants y/n)
or, in Turkish, a voiceless consonant (-ta/-tan): :func:`turkic_suffixes`.
The bare accusative -ı/-i/-u/-ü, which turns many short words into a "name +
suffix", is accepted only after long names. Letters are compared as written
(ş, ç, ğ, ı, ə are not s, c, g, i, e here), so "Karşı" is never "Kars" + ı.

Persian: the ezafe -ی and the short copula -ست attached to a name ending in
a long vowel (ا, و: "مرز جلفای ایران", "اروپاست"), the ezafe after a silent
-ه ("ترکیه‌ی"), the copula -است: :func:`persian_suffix_ok`. Never the -ی of
a name ending in a consonant: "تبریزی" is "of Tabriz" or a surname, as
"Iranian" is not Iran. Compared on folded letters (Arabic and Persian yeh and
kaf one letter, ZWNJ and tatweel gone), so "اروپا‌ست" is "اروپاست".

Armenian: the case endings and the article attached to the last word of a name
(genitive-dative -ի, locative -ում, ablative -ից, instrumental -ով, -ը/-ն, -ին;
after -ա with the glide յ): :func:`armenian_suffix_ok`. Armenian script is
Armenian, so no passage is asked; names whose stem changes ("Բաքու" →
"Բաքվում") are left alone.

Georgian: the case endings and postpositions attached to the last word of a
name (genitive -ის, dative -ს, ergative -მა/-მ, instrumental -ით/-თი, adverbial
-ად/-დ, -ში in, -ზე on, -დან/-იდან from, -თან at, -ისკენ towards, -ისთვის for,
-ისგან from), with the nominative -ი of a consonant stem dropped
("თბილისი" → "თბილისში") and a final -ა or -ე truncated before -ის, -ით,
-იდან ("მცხეთა" → "მცხეთის", "მცხეთაში"): :func:`georgian_suffix_ok`.
Georgian script is Georgian, and has no capitals to check.

Which language a passage is in comes from its letters and function words
(:func:`passage_language`), never from a file name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import chain

import numpy as np

from .normalize import codepoints

__all__ = ["CASES", "RussianWord", "armenian_suffix_ok", "compound_accusative_ok", "georgian_stem",
           "georgian_suffix_ok", "key", "passage_language",
           "persian_suffix_ok", "possessive_case_forms", "russian_cases", "russian_word", "turkic_suffixes",
           "turkic_suffix_ok", "MIN_LETTERS", "MIN_ACCUSATIVE_LETTERS"]

MIN_LETTERS = 4
"""Names shorter than this (letters of the inflected word) are never inflected: too many
words of the languages start with them ("Van", "Ani", "Ağrı" stays, it has four)."""

MIN_ACCUSATIVE_LETTERS = 7
"""The bare Turkish/Azerbaijani accusative (-ı/-i/-u/-ü after a consonant)
only after names at least this long."""

SURE_LETTERS = 7
"""An inflected form of a name with a stem this long links at a sentence start
too; a shorter one there only if the text capitalises the stem in mid-sentence."""

CASES = ("nom", "gen", "dat", "acc", "ins", "pre")
_ALL = frozenset(CASES)


@lru_cache(maxsize=65536)
def key(word: str) -> str:
    """A word as written, for comparing letters: NFC, lower case (both
    capitals İ and I → i: which one a capital is differs between languages;
    the small ı and i stay apart), ё → е, stress marks dropped (GeoNames writes
    "Назра́нь", "Бесла́н"; after NFC a combining acute or grave is left only
    where no letter carries it), runs of non-letters one space."""
    w = unicodedata.normalize("NFC", word).replace("İ", "i").replace("I", "i").lower().replace("ё", "е")
    w = w.replace("\u0301", "").replace("\u0300", "")
    return " ".join(re.sub(r"[\W\d_]+", " ", w).split())


# ---------------------------------------------------------------------------
# Russian

_VELAR_HUSHING = set("кгхжшчщ")
_HUSHING_TS = set("жшчщц")
_CONSONANTS = set("бвгджзклмнпрстфхцчшщ")
_INDECLINABLE = set("оеиуюыэ")


class RussianWord:
    """One word of a name: ``stem`` (as :func:`key` writes it) and the
    endings it takes, each with the cases it can mean; ``endings`` is
    empty for an indeclinable word (it must stand as it is)."""

    __slots__ = ("stem", "endings", "word")

    def __init__(self, word: str, stem: str, endings: dict[str, frozenset[str]]):
        self.word, self.stem, self.endings = word, stem, endings

    def cases(self, form: str) -> frozenset[str]:
        """The cases ``form`` (a whole word, as :func:`key` writes it) can be
        of this word: empty when it is no form of it."""
        if not self.endings:
            return _ALL if form == self.word else frozenset()
        if not form.startswith(self.stem):
            return frozenset()
        return self.endings.get(form[len(self.stem):], frozenset())

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"RussianWord({self.word!r}, {self.stem!r}, {sorted(self.endings)})"


def _endings(table: dict[str, str]) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for cases, ends in table.items():
        for end in ends.split("|"):
            out.setdefault(end, set()).update(cases.split())
    return {e: frozenset(c) for e, c in out.items()}


def _adjective(word: str) -> tuple[str, dict[str, frozenset[str]]] | None:
    stem, end = word[:-2], word[-2:]
    if len(stem) < 3 or stem[-1] not in _CONSONANTS:
        return None
    last = stem[-1]
    velar = last in "кгх"
    hushing = last in "жшчщ"
    soft = end in ("яя", "ее") or (end == "ий" and last == "н")
    if end in ("ая", "яя"):
        e = "ей" if soft else "ой"
        u = "юю" if soft else "ую"
        return stem, _endings({"nom": end, "gen dat ins pre": e + ("|ей" if hushing else ""), "acc": u,
                               "ins": ("ею" if soft else "ою")})
    i_form = "им" if (soft or velar or hushing) else "ым"
    o = "е" if soft else "о"
    oe = "|е" if hushing else ""  # unstressed after a hushing consonant: -его, -ем
    if end in ("ый", "ий", "ой"):
        return stem, _endings({"nom acc": end, "gen": f"{o}го" + (f"{oe}го" if oe else ""),
                               "dat": f"{o}му" + (f"{oe}му" if oe else ""), "ins": i_form,
                               "pre": f"{o}м" + (f"{oe}м" if oe else "")})
    if end in ("ое", "ее"):
        return stem, _endings({"nom acc": end, "gen": f"{o}го" + (f"{oe}го" if oe else ""),
                               "dat": f"{o}му" + (f"{oe}му" if oe else ""), "ins": i_form,
                               "pre": f"{o}м" + (f"{oe}м" if oe else "")})
    return None


_ADJECTIVE_ENDS = ("ая", "яя", "ый", "ой", "ое", "ее")
# The neuter nouns in -о/-е that geographic names end in ("Каспийское море", "озеро Севан",
# "Мингечевирское водохранилище"); other names in -о/-е are foreign and indeclinable (Токио, Кабо-Верде).
_NEUTER_NOUNS = {
    "море": {"nom acc pre": "е", "gen": "я", "dat": "ю", "ins": "ем"},
    "поле": {"nom acc pre": "е", "gen": "я", "dat": "ю", "ins": "ем"},
    "озеро": {"nom acc": "о", "gen": "а", "dat": "у", "ins": "ом", "pre": "е"},
    "водохранилище": {"nom acc pre": "е", "gen": "а", "dat": "у", "ins": "ем"},
}
# -ий is an adjective after these (Нижний, Каспийский is -ский); else a noun (-ий: -ия, -ию, -ием, -ии).
_ADJECTIVE_II = re.compile(r"(?:ск|цк|н|к|г|х|ж|ш|ч|щ)ий$")


@lru_cache(maxsize=65536)
def russian_word(word: str) -> RussianWord | None:
    """The paradigm of one word of a Russian name (as :func:`key` writes it),
    or None when the word is not Cyrillic or too short to decline safely."""
    if not word or not all("а" <= c <= "я" or c == "й" for c in word):
        return None
    last = word[-1]
    if len(word) >= MIN_LETTERS and word.endswith(("ое", "ее")):
        adj = _adjective(word)  # a neuter adjective: Каспийское (море), Армянское (нагорье)
        if adj is not None:
            return RussianWord(word, adj[0], adj[1])
    if word in _NEUTER_NOUNS:
        return RussianWord(word, word[:-1], _endings(_NEUTER_NOUNS[word]))
    if len(word) >= 5 and word.endswith("ье"):
        # A neuter noun in -ье: Закавказье, Приморье, (Армянское) нагорье, (Дарьяльское) ущелье.
        return RussianWord(word, word[:-1], _endings({"nom acc pre": "е", "gen": "я", "dat": "ю", "ins": "ем"}))
    if last in _INDECLINABLE:
        return RussianWord(word, word, {})
    if len(word) < MIN_LETTERS:
        return RussianWord(word, word, {})
    if word.endswith(_ADJECTIVE_ENDS) or _ADJECTIVE_II.search(word):
        adj = _adjective(word)
        if adj is not None:
            return RussianWord(word, adj[0], adj[1])
    if word.endswith("ия"):
        return RussianWord(word, word[:-1], _endings({"nom": "я", "gen dat pre": "и", "acc": "ю", "ins": "ей|ею"}))
    if last == "а":
        stem = word[:-1]
        gen = "и" if stem[-1] in _VELAR_HUSHING else "ы"
        ins = "ой|ою" + ("|ей|ею" if stem[-1] in _HUSHING_TS else "")
        return RussianWord(word, stem, _endings({"nom": "а", "gen": gen, "dat pre": "е", "acc": "у", "ins": ins}))
    if last == "я":
        return RussianWord(word, word[:-1], _endings({"nom": "я", "gen": "и", "dat pre": "е", "acc": "ю",
                                                      "ins": "ей|ею"}))
    if last == "ь":
        # Masculine (Ставрополь) or feminine (Нахичевань): either's endings.
        return RussianWord(word, word[:-1], _endings({"nom acc": "ь", "gen": "я|и", "dat": "ю|и", "ins": "ем|ью",
                                                      "pre": "е|и"}))
    if word.endswith("ий"):
        return RussianWord(word, word[:-1], _endings({"nom acc": "й", "gen": "я", "dat": "ю", "ins": "ем",
                                                      "pre": "и"}))
    if last == "й":
        return RussianWord(word, word[:-1], _endings({"nom acc": "й", "gen": "я", "dat": "ю", "ins": "ем",
                                                      "pre": "е"}))
    if last in _CONSONANTS:
        ins = "ом" + ("|ем" if last in _HUSHING_TS else "")
        return RussianWord(word, word, _endings({"nom acc": "", "gen": "а", "dat": "у", "ins": ins, "pre": "е"}))
    return None


def russian_cases(paradigm: tuple[RussianWord, ...], forms: list[str]) -> frozenset[str]:
    """The cases the words ``forms`` (as :func:`key` writes them) share as
    forms of the name ``paradigm``: empty when they are not its forms."""
    if len(forms) != len(paradigm):
        return frozenset()
    cases = _ALL
    for word, form in zip(paradigm, forms):
        cases = cases & word.cases(form)
        if not cases:
            break
    return cases


# ---------------------------------------------------------------------------
# Turkish and Azerbaijani

_BACK = set("aıou")
_VOWELS = set("aıoueəiöü")
_VOICELESS = set("çfhkpsşt")


def _harmony(stem: str, lang: str) -> tuple[str, str] | None:
    """(two-way vowel, four-way vowel) for suffixes after ``stem``."""
    last = next((c for c in reversed(stem) if c in _VOWELS), None)
    if last is None:
        return None
    front_e = "ə" if lang == "az" else "e"
    two = "a" if last in _BACK else front_e
    four = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "ö": "ü", "ü": "ü"}.get(last, "i")
    return two, four


@lru_cache(maxsize=4096)
def _suffixes(last_vowel: str, final: str, lang: str, long: bool) -> frozenset[str]:
    h = _harmony(last_vowel, lang)
    if h is None:
        return frozenset()
    a, i = h
    vowel_final = final in _VOWELS
    d = "t" if lang == "tr" and not vowel_final and final in _VOICELESS else "d"
    ki = ("kı" if a == "a" else "ki") if lang == "az" else "ki"
    loc = d + a
    out = {loc, loc + "n", loc + ki}
    # The copula, alone and after the locative or ablative: "Bakıdır" (is Baku),
    # "Şuşadadır" (is in Shusha), "Karstandır".
    a_i = "ı" if a == "a" else "i"
    out |= {d + i + "r", loc + "d" + a_i + "r", loc + "nd" + a_i + "r"}
    if vowel_final:
        out |= {"n" + i + "n", "y" + a, "yl" + a}
        out.add(("n" if lang == "az" else "y") + i)  # accusative after a vowel: Şuşanı, Bakü'yü
    else:
        out |= {i + "n", a, "l" + a}
        if long:
            out.add(i)
    return frozenset(out)


@lru_cache(maxsize=65536)
def turkic_suffixes(stem: str, lang: str) -> frozenset[str]:
    """The suffixes (as :func:`key` writes them) that ``stem`` — a name as
    :func:`key` writes it — takes without an apostrophe in ``lang`` ("tr"
    or "az"): locative, ablative, locative + -ki, genitive, dative,
    instrumental, the accusative after a vowel, and the bare accusative
    after a consonant only for long names (seven letters in the last word,
    or two words or more)."""
    if not stem or lang not in ("tr", "az"):
        return frozenset()
    last = next((c for c in reversed(stem) if c in _VOWELS), "")
    letters = sum(c.isalpha() for c in stem.split()[-1])
    # A name of two words or more is evidence enough for the bare accusative ("Cənubi Qafqazı",
    # "Dağlıq Qarabağı"): the short-word rule is against one-word names that end many words.
    return _suffixes(last, stem[-1], lang, letters >= MIN_ACCUSATIVE_LETTERS or " " in stem.strip())


def possessive_case_forms(phrase: str) -> set[str]:
    """The case forms of a Turkish or Azerbaijani phrase whose last word ends
    in the possessive -ı/-i/-u/-ü ("Araz çayı" → "çayının", "rayonu" →
    "rayonunda", "dağı" → "dağının"): genitive, locative, dative, ablative,
    accusative and locative + -ki after the pronominal n, and the attached
    instrumental after the buffer y ("illeriyle", "rayonuyla"), in either
    language's harmony. Empty for any other phrase."""
    return set(_possessive_forms(phrase))


@lru_cache(maxsize=16384)
def _possessive_forms(phrase: str) -> frozenset[str]:
    k = key(phrase)
    if not k or k[-1] not in "ıiuü" or not all(c.isalpha() or c == " " for c in k):
        return frozenset()
    out = set()
    for lang in ("tr", "az"):
        a, i = _harmony(k, lang)
        ki = ("kı" if a == "a" else "ki") if lang == "az" else "ki"
        for suffix in (f"n{i}n", f"nd{a}", f"n{a}", f"nd{a}n", f"n{i}", f"nd{a}{ki}", f"yl{a}"):
            out.add(k + suffix)
    return frozenset(out)


@lru_cache(maxsize=65536)
def turkic_suffix_ok(stem: str, rest: str, lang: str) -> bool:
    """Whether ``rest`` is a suffix ``stem`` takes in ``lang`` ("tr", "az",
    or "tr az" when the passage could be either)."""
    if len(stem.split()[-1]) < MIN_LETTERS:
        return False
    return any(rest in turkic_suffixes(stem, lg) for lg in lang.split())


def compound_accusative_ok(name: str, rest: str, lang: str) -> bool:
    """Whether ``rest`` is the bare accusative (-ı/-i/-u/-ü by harmony) of the
    consonant-final name of several words ``name`` ("Cənubi Qafqazı") of at least
    :data:`MIN_ACCUSATIVE_LETTERS` letters in all: a name of two
    words is no short word that an ending turns into a name, whatever the
    length of its last word. The caller checks that every word of the form is
    capitalised ("Qara dağı", the black mountain's, is no form of "Qara Dağ")."""
    words = name.split()
    if len(words) < 2 or len(words[-1]) < MIN_LETTERS or name[-1] in _VOWELS or \
            sum(c.isalpha() for c in name) < MIN_ACCUSATIVE_LETTERS:
        return False
    return any(_harmony(name, lg) is not None and rest == _harmony(name, lg)[1] for lg in lang.split()
               if lg in ("tr", "az"))


# ---------------------------------------------------------------------------
# Persian

_FA_LONG_VOWEL = ("ا", "و")


def persian_suffix_ok(name: str, rest: str) -> bool:
    """Whether ``rest`` (folded) is a clitic the folded Persian name ``name``
    takes attached: after a final ا or و the ezafe -ی and the copula -ست
    ("جلفای", "اروپاست"), after a silent -ه the ezafe -ی, after any name the
    copula -است (written with a zero-width non-joiner, which folding drops).
    The -ی of a consonant-final name is an adjective or a surname
    ("تبریزی"), and -یی after a vowel the adjective ("اروپایی", European):
    neither is the place."""
    last = name.split()[-1] if name else ""
    if len(last) < 3 or not rest:
        return False
    if rest == "است":
        return True
    if last.endswith(_FA_LONG_VOWEL):
        return rest in ("ی", "ست")
    return last.endswith("ه") and rest == "ی"


# ---------------------------------------------------------------------------
# Armenian

_HY_VOWEL_A = "ա"
_HY_AFTER_CONSONANT = frozenset({"ի", "ը", "ին", "ում", "ից", "ով"})
_HY_AFTER_A = frozenset({"յի", "յին", "ն", "յում", "յից", "յով"})
_HY_AFTER_I = frozenset({"ի", "ին", "ն", "ում", "ից", "ով"})
_HY_VOWELS = set("աեէըիոօ")


def armenian_suffix_ok(word: str, rest: str, next_word: str = "") -> bool:
    """Whether ``rest`` is a case ending or the article that the last word
    ``word`` of an Armenian name (lower case) takes attached: genitive-dative
    -ի, locative -ում, ablative -ից, instrumental -ով, the article -ը/-ն and
    -ին ("Ստեփանակերտում", "Հայաստանի", "Երևանից"); after a final -ա with the
    glide յ ("Աստանայում"). Names in another vowel change their stem
    ("Բաքու" → "Բաքվում") and are left alone; so are derived words
    ("Երևանցի", a Yerevan resident; "Հայաստանյան", Armenian), whose endings
    are none of these. After a consonant the article is -ն before a word
    that starts with a vowel (``next_word``: "Հայաստանն է", "Երևանն ու")."""
    if len(word) < MIN_LETTERS or not rest:
        return False
    if word.endswith(_HY_VOWEL_A):
        return rest in _HY_AFTER_A
    if word.endswith("ի"):
        return rest in _HY_AFTER_I
    if word[-1] in _HY_VOWELS or word.endswith("ու"):
        return False
    return rest in _HY_AFTER_CONSONANT or (rest == "ն" and next_word[:1] in _HY_VOWELS)


# ---------------------------------------------------------------------------
# Georgian

# After the stem of a consonant-final name (its nominative -ი dropped: "თბილის-").
_KA_AFTER_CONSONANT = frozenset({"ის", "ს", "მა", "ით", "ად", "ში", "ზე", "იდან", "თან", "ისკენ", "ისთვის",
                                 "ისგან"})
# A final -ა or -ე (truncated before -ის, -ით, -იდან) or -ო, -უ (kept): after the vowel.
_KA_AFTER_VOWEL = frozenset({"ს", "მ", "დ", "ში", "ზე", "სთან", "სკენ", "სთვის", "სგან"})
_KA_TRUNCATED = frozenset({"ის", "ით", "იდან", "ისკენ", "ისთვის", "ისგან"})
_KA_KEPT = frozenset({"თი", "დან"})


def georgian_stem(word: str) -> str:
    """The part of the last word of a Georgian name that all its forms start
    with: the word without its final vowel (the nominative -ი, a truncating
    -ა or -ე), the word itself after -ო or -უ."""
    return word if word.endswith(("ო", "უ")) else word[:-1]


def georgian_suffix_ok(word: str, form: str) -> bool:
    """Whether ``form`` (one word, lower case) is a case form of ``word``, the
    last word of a Georgian name, other than the word itself: "თბილისში",
    "თბილისიდან", "მცხეთის", "მცხეთაში", "ბაქოდან". A derived word is none of
    these ("თბილისელი", a Tbilisi resident; "ქართული", Georgian). Names under
    :data:`MIN_LETTERS` letters are never inflected."""
    if len(word) < MIN_LETTERS or form == word:
        return False
    last = word[-1]
    if last == "ი":
        stem = word[:-1]
        return form.startswith(stem) and form[len(stem):] in _KA_AFTER_CONSONANT
    if last in "აე":
        stem = word[:-1]
        rest = form[len(stem):] if form.startswith(stem) else None
        return rest is not None and (rest in _KA_TRUNCATED or (rest[:1] == last and rest[1:] in _KA_AFTER_VOWEL))
    if last in "ოუ":
        return form.startswith(word) and form[len(word):] in _KA_AFTER_VOWEL | _KA_KEPT
    return False


# ---------------------------------------------------------------------------
# Which language a passage is in

_TR_WORDS = frozenset({"ve", "ile", "için", "olarak", "olan", "daha", "çok", "gibi", "kadar", "ise", "ama", "veya",
                       "ancak", "sonra", "göre", "şu", "bu", "bir"})
_AZ_WORDS = frozenset({"və", "ilə", "üçün", "olaraq", "olan", "daha", "çox", "kimi", "qədər", "isə", "amma", "lakin",
                       "sonra", "görə", "bu", "bir"})
_TR_ONLY = _TR_WORDS - _AZ_WORDS
_AZ_ONLY = _AZ_WORDS - _TR_WORDS
_RU_WORDS = frozenset({"в", "и", "на", "с", "по", "не", "что", "из", "к", "у", "от", "за", "для", "о", "об", "как",
                       "это", "его", "её", "а", "но", "при", "также"})
_WORD = re.compile(r"[^\W\d_]+")


def passage_language(passage: str) -> str:
    """"ru", "tr", "az", "tr az" (Turkic, which one unclear), "fa" or "" for a
    passage, from its letters and function words."""
    if not may_inflect(passage):
        return ""  # no Cyrillic, no Arabic script, no Turkic function word (most English paragraphs)
    words = _WORD.findall(unicodedata.normalize("NFC", passage).replace("İ", "i").replace("I", "i").lower())
    if not words:
        return ""
    arabic = sum(1 for w in words if _ARABIC.match(w))
    if arabic * 2 > len(words):
        # Persian, not Arabic: Persian letters or Persian function words.
        persian = sum(1 for w in words if _PERSIAN_LETTERS.search(w) or w in _FA_WORDS)
        return "fa" if persian >= 1 or len(words) < 6 else ""
    cyr = sum(1 for w in words if "а" <= w[0] <= "я" or w[0] in "ёй")
    if cyr * 2 > len(words):
        ru = sum(1 for w in words if w in _RU_WORDS)
        return "ru" if ru >= 1 or len(words) < 6 else ""
    tr = sum(1 for w in words if w in _TR_ONLY)
    az = sum(1 for w in words if w in _AZ_ONLY)
    both = sum(1 for w in words if w in _TR_WORDS and w in _AZ_WORDS)
    schwa = sum(1 for w in words if "ə" in w)
    turkic_letters = sum(1 for w in words if any(c in "ıəğş" for c in w))
    function = tr + az + both
    if function >= 2 and function * 20 >= len(words) or (len(words) >= 3 and turkic_letters * 3 >= len(words)
                                                         and function >= 1):
        if az > tr or (az == tr and schwa):
            return "az"
        if tr > az and not schwa * 4 > len(words):
            return "tr"
        return "tr az"
    return ""


# ---------------------------------------------------------------------------
# Finding inflected forms in a folded document

_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_ARMENIAN = re.compile(r"[\u0531-\u0587]")
_GEORGIAN = re.compile(r"[\u10d0-\u10ff\u1c90-\u1cbf]")  # Mkhedruli and Mtavruli
_PERSIAN_LETTERS = re.compile(r"[پچژگ]")
_FA_WORDS = frozenset({"از", "به", "در", "با", "این", "که", "را", "و", "است", "برای", "تا"})
#: The Turkish and Azerbaijani function words as they may be written: lower
#: case, capitalised, and with the dotted capital İ.
_FUNCTION_FORMS = tuple(sorted({v for w in _TR_WORDS | _AZ_WORDS
                                for v in (w, w.capitalize(), "İ" + w[1:] if w[0] == "i" else w)}))
_LETTER = re.compile(r"[^\W\d_]")
_function_automaton = None


def has_function_word(text: str) -> bool:
    """Whether one of the Turkish or Azerbaijani function words stands in
    ``text`` as a word of its own (no letter right before or after it). One
    Aho–Corasick pass finds every occurrence, also inside words ("ve" in
    "have"), and only those are checked for their neighbours: a regex with
    look-arounds tried at every offset took ~90 ms per MB of English."""
    global _function_automaton
    if _function_automaton is None:
        import ahocorasick_rs

        _function_automaton = ahocorasick_rs.AhoCorasick(list(_FUNCTION_FORMS),
                                                         matchkind=ahocorasick_rs.MatchKind.Standard)
    n = len(text)
    letter = _LETTER.match
    for _, s, e in _function_automaton.find_matches_as_indexes(text, overlapping=True):
        if (s == 0 or letter(text, s - 1) is None) and (e == n or letter(text, e) is None):
            return True
    return False
_SEPARATOR = re.compile(r"[\s\-‐‑–]+")
_SENTENCE_END = set(".!?…:;\n։")  # with the Armenian full stop
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


def may_inflect(text: str) -> bool:
    """Whether some passage of ``text`` can be Russian (it has Cyrillic),
    Persian (Arabic script), Armenian, Georgian or Turkish/Azerbaijani (it has one of their
    function words): else no name in it takes an ending, and the stems are
    not even looked for (an English text naming "Şuşa" pays nothing); the
    same test opens :func:`passage_language`."""
    return _CYRILLIC.search(text) is not None or _ARABIC.search(text) is not None or \
        _ARMENIAN.search(text) is not None or _GEORGIAN.search(text) is not None or has_function_word(text)


def _words_of(letters: str) -> re.Pattern:
    """A key (:func:`key`) whose every word is made of ``letters`` (a class body)."""
    return re.compile(f"[{letters}]+(?: [{letters}]+)*")


# The scripts StemMatcher tells apart: the Russian test letters of russian_word
# (which may still refuse a word), the Arabic and Armenian blocks, the Turkish
# and Azerbaijani Latin letters.
_RUSSIAN_KEY = _words_of("а-я")
_ARABIC_KEY = _words_of("\u0600-\u06ff")
_ARMENIAN_KEY = _words_of("\u0531-\u0587")
_TURKIC_KEY = _words_of("A-Za-zçğıöşüəâîû")
_GEORGIAN_KEY = _words_of("\u10d0-\u10ff\u1c90-\u1cbf")  # Mkhedruli and Mtavruli, as _GEORGIAN


class StemMatcher:
    """The stems of the inflectable names, as word-start patterns of one
    Aho–Corasick automaton (built once per linker, on the first document
    that has Cyrillic or Turkic letters). ``names`` are (name as written,
    role) pairs; :meth:`find` returns (folded start, folded end, role,
    folded name) for each inflected form in a folded document, the span
    covering the whole word form."""

    def __init__(self, names, fold):
        import ahocorasick_rs

        patterns: dict[str, int] = {}
        self.entries: list[list[tuple]] = []
        self.need_letter: list[bool] = []
        for name, role in names:
            k = key(name)
            words = k.split()  # k is its words one space apart
            if not words or len(words) > 4 or len(k) - len(words) + 1 < MIN_LETTERS:
                continue
            # Which script the words are in, each test on the whole key at once (a name
            # in the Latin script is no Russian one: its paradigms are not even looked up).
            paradigm = tuple(russian_word(w) for w in words) if _RUSSIAN_KEY.fullmatch(k) else (None,)
            if None not in paradigm:
                if not any(p.endings for p in paradigm):
                    continue
                entry = ("ru", role, paradigm, fold(name), [w.word for w in paradigm], None, None)
                head, single = paradigm[0].stem, len(words) == 1
            elif _ARABIC_KEY.fullmatch(k):
                folded = fold(name)
                if len(folded.split()[-1]) < 3:
                    continue
                entry = ("fa", role, folded, folded, None, None, None)
                head, single = folded, True
            elif _ARMENIAN_KEY.fullmatch(k):
                if len(words[-1]) < MIN_LETTERS:
                    continue
                entry = ("hy", role, words, fold(name), words[:-1], words[-1], None)
                head, single = k, True
            elif _GEORGIAN_KEY.fullmatch(k):
                if len(words[-1]) < MIN_LETTERS:
                    continue
                entry = ("ka", role, words, fold(name), words[:-1], words[-1], None)
                head, single = " ".join([*words[:-1], georgian_stem(words[-1])]), True
            elif _TURKIC_KEY.fullmatch(k):
                if len(words[-1]) < MIN_LETTERS:
                    continue
                # The words compared as :func:`_tk` writes them, once here, not per match.
                entry = ("tk", role, words, fold(name), [_tk(w) for w in words[:-1]], _tk(words[-1]),
                         " ".join(words))
                head, single = k, True
            else:
                continue
            pat = " " + fold(head)
            if len(pat) < 3:
                continue
            idx = patterns.get(pat)
            if idx is None:
                idx = patterns[pat] = len(self.entries)
                self.entries.append([])
                self.need_letter.append(True)
            self.entries[idx].append(entry)
            self.need_letter[idx] = self.need_letter[idx] and single
        self.patterns = list(patterns)
        self._need_letter = np.array(self.need_letter, dtype=bool)
        self.automaton = ahocorasick_rs.AhoCorasick(self.patterns, matchkind=ahocorasick_rs.MatchKind.Standard) \
            if self.patterns else None

    def find(self, text: str, folded_text: str, origin) -> list[tuple[int, int, tuple[int, int], str]]:
        if self.automaton is None:
            return []
        import bisect

        out: list[tuple[int, int, tuple[int, int], str]] = []
        # The form is checked first, the passage's language last (most word starts are
        # no form at all: "Iranian" is no suffixed "Iran" in any of the languages).
        languages = _Languages(text)
        matches = self.automaton.find_matches_as_indexes(folded_text, overlapping=True)
        if not matches:
            return out
        # Most matches are a one-word name's stem that is the whole word ("Iran" itself, no
        # ending): dropped over arrays, before any Python work per match.
        found = np.fromiter(chain.from_iterable(matches), dtype=np.int64, count=3 * len(matches)).reshape(-1, 3)
        after = codepoints(folded_text)[found[:, 2]]
        found = found[~(self._need_letter[found[:, 0]] & (after == 0x20))]
        for pat, s0, e0 in found.tolist():
            s = s0 + 1
            a = int(origin[s])
            if _GEORGIAN.match(text[a]):
                out.extend(self._georgian(text, origin, pat, s, a))
                continue
            if not text[a].isupper():
                if not text[a].islower() and _ARABIC.match(text[a]):
                    out.extend(self._persian(text, folded_text, origin, languages, pat, s, e0))
                continue
            for kind, role, data, lemma, same_words, tk_stem, name in self.entries[pat]:
                if kind in ("fa", "ka"):
                    continue
                n = len(data)
                words = _words_at(text, a, n)
                if words is None:
                    continue
                forms = [key(text[x:y]) for x, y in words]
                if kind == "ru":
                    if forms == same_words or not russian_cases(data, forms) or languages.at(a) != "ru":
                        continue
                elif kind == "hy":
                    # Armenian script is Armenian: no passage to ask.
                    nxt = _NEXT_HY_WORD.match(text, words[-1][1])
                    if forms[:-1] != same_words or not forms[-1].startswith(tk_stem) or \
                            not armenian_suffix_ok(tk_stem, forms[-1][len(tk_stem):],
                                                   key(nxt.group(1)) if nxt else ""):
                        continue
                else:
                    stem = data[-1]
                    written = _tk(forms[-1])
                    if [_tk(f) for f in forms[:-1]] != same_words or not (
                            written.startswith(tk_stem) or _same_long_stem(written, tk_stem)):
                        continue
                    rest = forms[-1][len(stem):]
                    if not rest:
                        continue
                    # A compound name ends in a possessive ("Zəngilan rayonu", "Araz çayı"): its
                    # case suffixes follow a pronominal n ("rayonunda"), else the plain ones.
                    possessive = n > 1 and forms[-1] in _possessive_forms(stem)
                    accusative = n > 1 and compound_accusative_ok(name, rest, "tr az") and \
                        all(text[x].isupper() for x, _ in words)
                    if not possessive and not accusative and not turkic_suffix_ok(name, rest, "tr az"):
                        continue
                    lang = languages.at(a)
                    if lang not in ("tr", "az", "tr az") or not (
                            possessive or turkic_suffix_ok(name, rest, lang) or
                            (accusative and compound_accusative_ok(name, rest, lang))):
                        continue
                end = words[-1][1]
                head = data[0].stem if kind == "ru" else data[0]
                if len(head) < SURE_LETTERS and _sentence_start(text, a) and \
                        not _capitalised_inside(text, text[a:a + len(head)]):
                    continue
                # bisect, not np.searchsorted: a Python int against an int32 array copied the array.
                e = bisect.bisect_left(origin, end - 1) + 1
                out.append((s, e, role, lemma))
        return out


    def _persian(self, text, folded_text, origin, languages, pat, s, e0):
        """The Persian forms at folded ``s`` (a name's folded letters end at
        ``e0``, the word goes on): the name and an attached clitic."""
        end = folded_text.find(" ", e0)
        end = len(folded_text) if end < 0 else end
        rest = folded_text[e0:end]
        hits = []
        for kind, role, data, lemma, *_ in self.entries[pat]:
            if kind == "fa" and persian_suffix_ok(data, rest) and languages.at(int(origin[s])) == "fa":
                hits.append((s, end, role, lemma))
        return hits


    def _georgian(self, text, origin, pat, s, a):
        """The Georgian case forms at text offset ``a`` (folded ``s``): the
        name's other words as written, its last word in a case form."""
        import bisect

        hits = []
        for kind, role, data, lemma, same_words, last, _ in self.entries[pat]:
            if kind != "ka":
                continue
            words = _words_at(text, a, len(data))
            if words is None:
                continue
            forms = [key(text[x:y]) for x, y in words]
            if forms[:-1] == same_words and georgian_suffix_ok(last, forms[-1]):
                hits.append((s, bisect.bisect_left(origin, words[-1][1] - 1) + 1, role, lemma))
        return hits


_WORD_AT = re.compile(r"[^\W\d_]+")
_NEXT_HY_WORD = re.compile(r"[ \t]+([^\W\d_]+)")  # the next word on the line


def _tk(word: str) -> str:
    """A Turkish or Azerbaijani word for comparing a stem with a name: ə and
    e are one letter (Ermənistan, Ermenistan), the capital I of either
    language one letter; ş, ç, ğ, ı, ö, ü stay themselves."""
    return word.replace("ə", "e")


_PLAIN_LETTERS = str.maketrans("çğıöşüâîû", "cgiosuaiu")


def _same_long_stem(written: str, stem: str) -> bool:
    """Whether ``written`` starts with ``stem`` but for the diacritics of a
    long stem (``SURE_LETTERS`` or more): a name stored without them
    ("Turkmenistan") is written with them ("Türkmənistanla"). A short stem
    is compared as written ("Karşı" is no "Kars" + ı)."""
    return len(stem) >= SURE_LETTERS and len(written) > len(stem) and \
        written[:len(stem)].translate(_PLAIN_LETTERS) == stem.translate(_PLAIN_LETTERS)


def _words_at(text: str, a: int, n: int) -> list[tuple[int, int]] | None:
    """The spans of the ``n`` words from offset ``a``, separated by white
    space or hyphens only; None when there are fewer."""
    spans = []
    pos = a
    for k in range(n):
        m = _WORD_AT.match(text, pos)
        if m is None:
            return None
        spans.append((m.start(), m.end()))
        if k + 1 < n:
            sep = _SEPARATOR.match(text, m.end())
            if sep is None:
                return None
            pos = sep.end()
    return spans


def _turkic_lettered(passage: str) -> bool:
    """Whether a third of the words of ``passage`` (two at least) carry a letter of
    Turkish or Azerbaijani only (ı, ə, ğ, ş): a headline or a sentence without any
    function word ("Türkiyə Naxçıvanla sərhəddəki … məhdudlaşdıracaq"), which then
    takes the document's language, as a short paragraph does (an English document
    has none, so a list of Azerbaijani names in English text stays English)."""
    words = _WORD.findall(unicodedata.normalize("NFC", passage).replace("İ", "i").replace("I", "i").lower())
    lettered = sum(1 for w in words if any(c in "ıəğş" for c in w))
    return lettered >= 2 and lettered * 3 >= len(words)


def _sentence_start(text: str, a: int) -> bool:
    head = text[max(0, a - 8):a].rstrip(" \t\"'«“„(*_#>")
    return not head or head[-1] in _SENTENCE_END


def _capitalised_inside(text: str, stem: str) -> bool:
    """Whether ``stem`` stands capitalised in mid-sentence somewhere in
    ``text`` (after a word, a comma or a preposition): a capital at a
    sentence start is no evidence of a name ("Куры бегали" is not the Kura),
    so an inflected form there links only if the text writes the name so
    elsewhere."""
    return re.search(rf"[^\W\d_][,;]?[ \t]+{re.escape(stem)}", text) is not None


class _Languages:
    """The language of the paragraph around an offset (paragraph breaks found
    once per document, the language once per paragraph); a paragraph too
    short to tell takes the document's."""

    def __init__(self, text: str):
        self.text = text
        self._breaks: list[int] | None = None
        self._cache: dict[int, str] = {}
        self._document: str | None = None

    def _paragraphs(self) -> list[int]:
        if self._breaks is None:
            self._breaks = [0]
            for m in _PARAGRAPH.finditer(self.text):
                self._breaks.extend((m.start(), m.end()))
            self._breaks.append(len(self.text))
        return self._breaks

    def at(self, a: int) -> str:
        import bisect

        text = self.text
        k = bisect.bisect_right(self._paragraphs(), a) - 1
        k -= k % 2  # paragraphs are [breaks[2j], breaks[2j + 1])
        hit = self._cache.get(k)
        if hit is None:
            p0, p1 = self._breaks[k], self._breaks[min(k + 1, len(self._breaks) - 1)]
            passage = text[max(p0, a - 1500):min(p1, a + 1500)]
            hit = passage_language(passage)
            if not hit and (len(_WORD.findall(passage)) < 12 or _turkic_lettered(passage)):
                if self._document is None:
                    self._document = passage_language(text[:20000])
                hit = self._document
            self._cache[k] = hit
        return hit
