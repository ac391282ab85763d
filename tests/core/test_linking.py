"""Each linking case from the spec, including look-alikes that must not link."""

import pytest

from caucasusmap.gazetteer import load_gazetteer
from caucasusmap.linking import Linker


@pytest.fixture
def linker(mini_gazetteer):
    return Linker(load_gazetteer(mini_gazetteer).places)


def links(linker, text):
    return [(text[s:e], p) for s, e, p in linker.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at Nurdüz crossing", [("Nurdüz", "nurduz")]),
        ("in BAKI and baku", [("BAKI", "baku"), ("baku", "baku")]),
        ("Şuşa was retaken", [("Şuşa", "shusha")]),
        ("SHUSHA", [("SHUSHA", "shusha")]),
    ],
)
def test_case_and_diacritic_insensitive(linker, text, expected):
    assert links(linker, text) == expected


def test_word_boundaries_unicode(linker):
    # "Aras" inside "Araştırma" (and "Arasında") must not link; Tabrizi is a surname.
    assert links(linker, "Araştırma Makalesi; Arasında; Tabrizi; Bakuvian") == []
    assert links(linker, "the Aras.") == [("Aras", "aras")]


def test_apostrophe_suffixes(linker):
    text = "Karabağ'ın geleceği ve Tahran'ın tutumu; Karabakh’s future"
    assert links(linker, text) == [("Karabağ", "karabakh"), ("Tahran", "tehran"), ("Karabakh", "karabakh")]


def test_persian_script_variants_and_zwnj(linker):
    # Arabic yeh (ي) instead of Persian yeh (ی) in تبريز; a ZWNJ inside گنجه.
    text = "شهر تبريز و گن\u200cجه"
    assert [p for _, p in links(linker, text)] == ["tabriz", "ganja"]


def test_mention_broken_across_hyphenated_line_end(linker):
    text = "the Nagorno-\nKarabakh conflict and the Shu-\nsha road"
    found = links(linker, text)
    assert found == [("Nagorno-\nKarabakh", "nagorno-karabakh"), ("Shu-\nsha", "shusha")]


def test_multiword_alias_across_line_break(linker):
    assert links(linker, "East\nAzerbaijan province") == [("East\nAzerbaijan", "east-azerbaijan")]


def test_longest_match_wins(linker):
    assert links(linker, "Nagorno-Karabakh and Karabakh") == [
        ("Nagorno-Karabakh", "nagorno-karabakh"), ("Karabakh", "karabakh")]
    assert links(linker, "East Azerbaijan, not Azerbaijan") == [
        ("East Azerbaijan", "east-azerbaijan"), ("Azerbaijan", "azerbaijan")]


def test_exclude_phrases_suppress_wrong_links(linker):
    text = "the Minsk Group met in Minsk. Araz Aslanlı wrote about the Araz river."
    assert links(linker, text) == [("Minsk", "minsk"), ("Araz", "aras")]


def test_exclude_only_affects_its_own_place(write):
    from caucasusmap.gazetteer import load_gazetteer as load

    g = load(write("g.yaml", """
        places:
          - {id: minsk, name: Minsk, kind: city, lat: 53.9, lon: 27.5, exclude: [Minsk Group Baku]}
          - {id: baku, name: Baku, kind: city, lat: 40.4, lon: 49.9}
    """))
    text = "the Minsk Group Baku office"
    assert [(text[s:e], p) for s, e, p in Linker(g.places).find(text)] == [("Baku", "baku")]


def test_names_in_urls_do_not_link(linker):
    text = "[Nurduz](https://example.org/nurduz) <https://gunaz.tv/nurduz-gumruk> nurduz@mail.az"
    assert links(linker, text) == [("Nurduz", "nurduz")]


def test_offsets_are_into_the_decoded_text(linker):
    text = "ŞŞŞ \U0001F600 Şuşa"  # astral character before the mention
    (s, e, _), = linker.find(text)
    assert text[s:e] == "Şuşa"


def test_markdown_emphasis_and_footnotes(linker):
    text = "**Shusha**<sup>12</sup> and *Baku*\\*"
    assert links(linker, text) == [("Shusha", "shusha"), ("Baku", "baku")]


def test_empty_gazetteer_links_nothing():
    assert Linker([]).find("Baku") == []


def test_acronyms_match_only_in_capitals(write):
    g = load_gazetteer(write("g.yaml", """
        places:
          - {id: united-states, name: United States, aliases: [US, U.S.], kind: country, lat: 39.8, lon: -98.6}
    """))
    text = "let us see: the US and the U.S. and Us"
    assert [(text[s:e], p) for s, e, p in Linker(g.places).find(text)] == [
        ("US", "united-states"), ("U.S", "united-states")]
