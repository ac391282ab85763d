"""A common word of the text's language is no place name with an ending, nor
a reference name of a place abroad (issue 8): "Maliye" (finance) is no "to
Mali", "Sulak" (watery) no Dagestani village, "آبهای" (waters of) no Abha.
The sentences are written for these tests (none is taken from an annotated
text); each word is checked to link without the dictionary words, so the
tests fail without the rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from _linking import found
from caucasusmap import linking
from caucasusmap.gazetteer import load_gazetteer
from caucasusmap.linking import Linker
from caucasusmap.normalize import fold_phrase
from caucasusmap.reference import DICTIONARY_WORDS, read_dictionary_words


@pytest.fixture(scope="module")
def wordless_linker(ref):
    """The bundled linker without the dictionary words: what the words change."""
    from _data import BUNDLED_GAZETTEER

    linker = Linker(load_gazetteer(BUNDLED_GAZETTEER).places, reference=ref)
    linker._dictionary = {}
    return linker


def links(linker: Linker, text: str) -> dict[str, str]:
    return dict(found(linker, text))


def test_the_reference_ships_the_dictionary_words_names_read_into(ref):
    assert "maliye" in ref.dictionary_words["tr"]  # Mali + dative = finance
    assert "sulak" in ref.dictionary_words["tr"]
    assert "araplar" in ref.dictionary_words["tr"]  # a stem's plural
    assert fold_phrase("تراز") in ref.dictionary_words["fa"]
    assert "dict:" in ref.digest  # a new list relinks a cached corpus


def test_the_shipped_list_holds_only_what_names_read_into(ref):
    """No whole dictionary: a bound on its size, and every word begins with a
    name of the reference or the bundled gazetteer (a name, or a name and its
    ending)."""
    words = read_dictionary_words(Path(ref.path).with_name(DICTIONARY_WORDS))
    assert set(words) == {"tr", "fa"}
    assert sum(map(len, words.values())) < 5000
    from _data import BUNDLED_GAZETTEER

    names = {f for ns in ref.names for _, f in ns} | \
        {fold_phrase(n) for p in load_gazetteer(BUNDLED_GAZETTEER).places for n in p.names}
    for lang, ws in words.items():
        odd = [w for w in ws if not any(w[:k] in names for k in range(len(w), max(len(w) - 7, 0), -1))]
        assert not odd, (lang, odd[:5])


@pytest.mark.parametrize("text, surface", [
    ("Projenin finansmanı Hazine ve Maliye Bakanlığı tarafından sağlanacak.", "Maliye"),  # finance, not "to Mali"
    ("Sulak alanlar ve göller bu bölgede çok önemlidir.", "Sulak"),  # watery, not the village in Dagestan
    ("Araplar ve Bizanslılar bu kaleyi defalarca aldı.", "Araplar"),  # Arabs, not Poldasht
    ("کودها به آبهای سطحی منطقه راه یافتند.", "آبهای"),  # waters of, not Abha
])
def test_a_common_word_read_as_a_name_is_no_place(bundled_linker, wordless_linker, text, surface):
    assert surface in links(wordless_linker, text)
    assert surface not in links(bundled_linker, text)


@pytest.mark.parametrize("text, surface, expected", [
    ("Heyet Mali'ye gitti.", "Mali", "gn-2453866"),  # the apostrophe keeps the name apart
    ("Sivas ve Erzurum arasında yeni yol açıldı.", "Sivas", None),  # a word, and a place of Turkey
    ("Kazan ve Moskova arasında uçuşlar başladı.", "Kazan", None),  # a city of a million: a place first
    ("او از باکو به تفلیس رفت.", "باکو", "baku"),  # a Persian name lent to a curated place
    ("The village of Sulak lies in Dagestan.", "Sulak", "gn-486398"),  # English text: no Turkish word
    ("Bu yıl Revan ve Gəncə arasında yol yoxdur.", "Revan", "yerevan"),  # a city of a million
])
def test_names_the_dictionary_words_leave(bundled_linker, text, surface, expected):
    got = links(bundled_linker, text)
    assert surface in got
    if expected:
        assert got[surface] == expected


def test_a_curated_name_that_is_a_word_stays_the_users(ref):
    """A name the YAML gives is never taken for the word."""
    from caucasusmap.model import Place

    sulak = Place("sulak", "Sulak", "village", 43.27, 47.53)
    text = "Sulak alanlar ve göller bu bölgede çok önemlidir."
    assert links(Linker([sulak], reference=ref), text) == {"Sulak": "sulak"}


def test_the_home_countries_of_a_dictionary():
    from caucasusmap.model import Place

    town = Place("x", "X", "town", 40.0, 45.0, country="KZ")
    assert not linking._home_of(town, "fa")
    assert linking._home_of(Place("x", "X", "town", 38.0, 46.0, country="IR"), "fa")
    assert linking._home_of(Place("x", "X", "sea", 38.0, 46.0), "tr")
