"""Search and unlinked names prepared in another process (caucasusmap.extras)."""

import dataclasses

import pytest

from _data import BUNDLED_GAZETTEER
from caucasusmap.candidates import find_candidates, ignore_path, read_ignore, stored_candidates
from caucasusmap.errors import Cancelled
from caucasusmap.extras import is_prepared, prepare_elsewhere
from caucasusmap.index import open_index
from caucasusmap.search import PassageSearch


def _as_data(found):
    return [dataclasses.astuple(c) for c in found]


def test_prepared_in_another_process_the_answers_are_read_back_unchanged(corpus_copy, monkeypatch):
    import caucasusmap.candidates as cand

    index = open_index(BUNDLED_GAZETTEER, corpus_copy)
    ignore = read_ignore(ignore_path(BUNDLED_GAZETTEER))
    assert not is_prepared(index, BUNDLED_GAZETTEER, 100) and stored_candidates(index, ignore, 100) is None
    fresh = _as_data(find_candidates(index, ignore, limit=100, cache=False))
    memory = PassageSearch(index, cache=False)
    assert prepare_elsewhere(BUNDLED_GAZETTEER, corpus_copy, 100)
    assert is_prepared(index, BUNDLED_GAZETTEER, 100)
    assert not is_prepared(index, BUNDLED_GAZETTEER, 7)  # another limit: another answer
    scanned = []
    original = cand._Finder.passage
    monkeypatch.setattr(cand._Finder, "passage", lambda self, *a: scanned.append(1) or original(self, *a))
    assert _as_data(find_candidates(index, ignore, limit=100)) == fresh and scanned == []
    search = PassageSearch(index)
    assert search.indexed == 0  # every document's rows were there
    for query in ("Tabriz", "Nagorno-Karabakh", '"South Caucasus"', "oil pipe*"):
        assert search.search(query, limit=500) == memory.search(query, limit=500)
        assert search.search(query)


def test_a_stopped_preparation_raises_and_the_reader_builds_what_is_missing(corpus_copy):
    index = open_index(BUNDLED_GAZETTEER, corpus_copy)
    asked = []

    def cancelled():
        asked.append(1)
        return True

    with pytest.raises(Cancelled):
        prepare_elsewhere(BUNDLED_GAZETTEER, corpus_copy, 100, cancelled=cancelled, poll=0.01)
    assert asked
    assert not is_prepared(index, BUNDLED_GAZETTEER, 100)
    assert _as_data(find_candidates(index, limit=100)) == _as_data(find_candidates(index, limit=100, cache=False))


def test_a_failed_preparation_says_so(tmp_path):
    assert prepare_elsewhere(tmp_path / "missing.yaml", tmp_path, 100) is False
