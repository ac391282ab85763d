"""The bundled gazetteer and corpus: valid, linked, and the design-card places found."""

import pytest

from _data import BUNDLED_CORPUS, BUNDLED_GAZETTEER
from caucasusmap.gazetteer import validate_gazetteer
from caucasusmap.index import open_index

DESIGN_CARD = ("shusha", "nurduz", "khudafarin", "tabriz", "kapan", "nakhchivan")


@pytest.fixture(scope="module")
def index():
    return open_index(BUNDLED_GAZETTEER, BUNDLED_CORPUS, use_cache=False)


def test_bundled_gazetteer_has_no_errors_and_enough_places():
    places, issues = validate_gazetteer(BUNDLED_GAZETTEER)
    assert [str(i) for i in issues if i.is_error] == []
    assert len(places) >= 60
    kinds = {p.kind for p in places}
    assert {"city", "country", "region", "river", "border-crossing", "bridge", "corridor", "sea"} <= kinds
    for p in places:
        if p.kind in ("river", "corridor", "region"):
            assert p.geometry is not None, f"{p.id} ({p.kind}) needs a line or area geometry"


@pytest.mark.parametrize("query", DESIGN_CARD)
def test_design_card_places_are_linked(index, query):
    (place,) = index.gazetteer.find(query) or [index.gazetteer.by_id.get(f"{query}-bridges")]
    assert index.passages_for(place.id), f"{place.id} is linked to no passage"


def test_mentions_reproduce_their_surface(index):
    docs = index.corpus.by_id
    assert len(index.mentions) > 1000
    for m in index.mentions:
        assert docs[m.document].text[m.start:m.end] == m.surface


@pytest.mark.parametrize(
    ("phrase", "place"),
    [
        ("Minsk Group", "minsk"),           # an organisation, not the city
        ("Araz Aslanlı", "aras"),            # a person, not the river
        ("Shams-e Tabriz", "tabriz"),        # a newspaper
        ("Kabul Tarihi", "kabul"),           # Turkish "acceptance date"
        ("Caspian Guard", "caspian-sea"),    # a programme
    ],
)
def test_look_alikes_in_the_corpus_are_not_linked(index, phrase, place):
    found = 0
    for doc in index.corpus.documents:
        start = doc.text.find(phrase)
        while start != -1:
            found += 1
            end = start + len(phrase)
            assert not [m for m in index.mentions
                        if m.document == doc.id and m.place == place and start <= m.start < end]
            start = doc.text.find(phrase, end)
    assert found, f"{phrase!r} should occur in the corpus"


def test_surnames_and_adjectives_do_not_link(index):
    folded = {m.surface.casefold() for m in index.mentions}
    for word in ("tabrizi", "ardabili", "azerbaijani", "iranian", "armenian"):
        assert word not in folded
    surfaces = {m.surface for m in index.mentions}
    assert "US" in surfaces and not {"us", "Us"} & surfaces  # acronym, not the pronoun
