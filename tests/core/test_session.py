"""The view-state model (session.py) and the view filters, without Qt."""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from _data import BUNDLED_CORPUS, BUNDLED_GAZETTEER
from caucasusmap.index import open_index
from caucasusmap.maps import MapView, ViewError, view_payload
from caucasusmap.session import (
    FILTER_FIELDS,
    CameraMoved,
    FiltersChanged,
    HandlerFailed,
    IndexReplaced,
    PathsChanged,
    SelectionChanged,
    Session,
    view_from_options,
)
from caucasusmap.viewfilters import FILTERS, ViewRows, register_filter

TEXT = """\
# Trip

We crossed at Nurduz towards Tabriz and Baku.

Shusha and Baku again; then Baku.

## References

Baku: Publisher, 2001.
"""


@pytest.fixture
def index(write, tmp_path, mini_gazetteer):
    write("c/trip.md", TEXT)
    write("c/other.txt", "Only Tabriz here, and Baku.\n")
    return open_index(mini_gazetteer, tmp_path / "c")


@pytest.fixture(scope="module")
def bundled():
    return open_index(BUNDLED_GAZETTEER, BUNDLED_CORPUS, use_cache=False)


def test_default_view_rows_equal_the_index(bundled):
    vr = ViewRows(bundled, MapView())
    assert len(vr) == len(bundled.table)
    for pid in ("tabriz", "nurduz", "karabakh"):
        assert vr.passages([pid], "any") == bundled.passages_for(pid)
    assert vr.passages(["tabriz", "baku"], "all") == bundled.passages_for(["tabriz", "baku"], mode="all")
    assert vr.passages(["tabriz", "baku"], "any") == bundled.passages_for(["tabriz", "baku"], mode="any")
    mentions, docs = bundled.view_counts()
    assert (vr.mentions == mentions).all() and (vr.documents == docs).all()


def test_passages_follow_the_document_filter(bundled):
    """Issue 13: with a document unticked, Passages listed it anyway."""
    docs = [d.id for d in bundled.corpus.documents]
    hidden = next(d for d in docs if bundled.places_in_document(d).get("karabakh"))
    view = MapView(documents=tuple(d for d in docs if d != hidden))
    vr = ViewRows(bundled, view)
    passages = vr.passages(["karabakh"])
    assert passages and all(p.document != hidden for p, _ in passages)
    k = bundled.place_position("karabakh")
    # Passages, counts and the map's payload say the same.
    assert sum(n for _, n in passages) == vr.mentions[k]
    payload = next(p for p in view_payload(bundled, view)["places"] if p["id"] == "karabakh")
    assert payload["count"] == vr.mentions[k] and payload["docs"] == vr.documents[k]


def test_references_filter_and_mode(index):
    vr = ViewRows(index, MapView(hide_references=True))
    assert [p.id for p, _ in vr.passages(["baku"])] == ["other#1", "trip#2", "trip#3"]
    assert [p.id for p, _ in vr.passages(["baku", "shusha"], "all")] == ["trip#3"]
    assert [(p.id, n) for p, n in vr.passages(["baku", "shusha"], "any")] == [("other#1", 1), ("trip#2", 1),
                                                                              ("trip#3", 3)]
    with pytest.raises(ValueError):
        vr.passages(["baku"], "some")


def test_origin_filter_reads_the_place_attribute(index, monkeypatch):
    vr = ViewRows(index, MapView(origins=("reference",)))
    assert len(vr) == 0 and not vr.place_mask.any()  # every place is curated until places say otherwise
    assert len(ViewRows(index, MapView(origins=("curated",)))) == len(index.table)
    with pytest.raises(ViewError):
        MapView(origins=("made-up",)).check(index)


def test_time_range_filter(index):
    # Documents without a date are outside any time range; with the year they count.
    assert len(ViewRows(index, MapView(time_range=("2019", "2021")))) == 0
    doc = index.corpus.documents[0]
    object.__setattr__(doc, "year", 2020)
    try:
        rows = ViewRows(index, MapView(time_range=("2019-06", "2020")))
        assert len(rows) and {index.corpus.documents[int(d)].id for d in index.table.document[rows.rows]} == {doc.id}
        assert len(ViewRows(index, MapView(time_range=("2021", None)))) == 0
        assert len(ViewRows(index, MapView(time_range=(None, "2020-01-31")))) == len(rows)
    finally:
        object.__setattr__(doc, "year", None)
    with pytest.raises(ViewError):
        MapView(time_range=("last year", None)).check(index)


def test_status_filter_slot(index):
    # The slot is filled by review.py's statuses (no decisions here: all automatic).
    assert len(ViewRows(index, MapView(statuses=("automatic",)))) == len(index.table)
    assert len(ViewRows(index, MapView(statuses=("checked",)))) == 0
    assert len(ViewRows(index, MapView(statuses=("rejected",)))) == 0


def test_a_new_filter_is_one_registration(index, monkeypatch):
    """How other modules add a filter: a view field plus register_filter."""
    monkeypatch.setitem(FILTERS, "kinds", None)  # restored afterwards

    @register_filter("kinds", "place")
    def kinds(idx, wanted):
        return np.array([p.kind in wanted for p in idx.gazetteer.places])

    view = MapView()
    object.__setattr__(view, "kinds", ("city",))  # stands in for a new MapView field
    vr = ViewRows(index, view)
    assert {index.gazetteer.places[int(k)].kind for k in index.table.place[vr.rows]} == {"city"}


# -- the session ---------------------------------------------------------------------

def events_of(session):
    seen = []
    session.subscribe(seen.append)
    return seen


def test_session_events_are_typed(index, tmp_path):
    s = Session(index)
    seen = events_of(s)
    s.select_places(["baku"], source="map")
    s.set_filters(hide_references=True)
    s.set_filters(hide_references=True)  # no change, no event
    s.set_camera((40.1, 46.2), 7.4)
    assert s.set_paths(corpus=tmp_path / "c")
    assert [type(e) for e in seen] == [SelectionChanged, FiltersChanged, CameraMoved, PathsChanged]
    assert seen[0].new.places == ("baku",) and seen[0].source == "map"
    assert seen[1].changed == {"hide_references"} and seen[1].new.hide_references
    assert seen[2].zoom == 7
    view = s.current_view()
    assert view == MapView(hide_references=True, selected=("baku",), center=(40.1, 46.2), zoom=7)


def test_subscribe_by_type(index):
    s = Session(index)
    only_filters = []
    s.subscribe(only_filters.append, FiltersChanged)
    s.select_places(["baku"])
    s.set_filters(documents=("trip",))
    assert [type(e) for e in only_filters] == [FiltersChanged]


def test_a_failing_handler_does_not_stop_the_others(index):
    s = Session(index)
    seen, failures = [], []

    def broken(event):
        raise RuntimeError("a bug in one panel")

    s.subscribe(broken, SelectionChanged)
    s.subscribe(seen.append, SelectionChanged)
    s.subscribe(failures.append, HandlerFailed)
    s.select_places(["baku"])
    s.select_places(["tabriz"])
    assert [e.new.places for e in seen] == [("baku",), ("tabriz",)]
    assert len(failures) == 2 and isinstance(failures[0].error, RuntimeError)
    assert s.current.places == ("tabriz",)


def test_events_raised_by_handlers_are_queued_not_nested(index):
    s = Session(index)
    order = []

    def on_filters(event):
        order.append("filters start")
        s.set_camera((40.0, 46.0), 6)  # raises CameraMoved while handlers run
        order.append("filters end")

    s.subscribe(on_filters, FiltersChanged)
    s.subscribe(lambda e: order.append("camera"), CameraMoved)
    s.set_filters(hide_references=True)
    assert order == ["filters start", "filters end", "camera"]


def test_unknown_filter_and_bad_values_are_refused(index):
    s = Session(index)
    with pytest.raises(ValueError, match="not view filters: colour"):
        s.set_filters(colour="red")
    with pytest.raises(ViewError):
        s.set_filters(documents=("nope",))
    assert s.filters == MapView()
    assert set(FILTER_FIELDS) >= {"documents", "places", "hide_references", "origins", "time_range", "statuses"}
    assert not {"selected", "passage", "center", "zoom"} & set(FILTER_FIELDS)


def test_passages_follow_filters_and_selection(index):
    s = Session(index)
    s.select_places(["baku"])
    assert [p.id for p, _ in s.passages()] == ["other#1", "trip#2", "trip#3", "trip#5"]
    s.set_filters(documents=("trip",), hide_references=True)
    assert [p.id for p, _ in s.passages()] == ["trip#2", "trip#3"]
    s.select_places(["shusha"], how="add")
    assert [p.id for p, _ in s.passages()] == ["trip#3"]
    s.set_mode("any")
    assert [p.id for p, _ in s.passages()] == ["trip#2", "trip#3"]
    s.select_passage("trip#2")
    assert sorted(s.highlighted()) == ["baku", "nurduz", "tabriz"]
    assert s.describe_filters() == "1 document; references hidden"


def test_filters_never_change_the_selection(index):
    s = Session(index)
    s.select_places(["baku", "nurduz"])
    s.set_filters(documents=("other",))
    s.set_filters(places=("tabriz",))
    assert s.current.places == ("baku", "nurduz")


def test_replace_index_restricts_filters_and_selection(index, write, tmp_path, mini_gazetteer):
    s = Session(index)
    s.set_filters(documents=("trip", "other"))
    s.select_places(["baku"])
    s.select_passage("other#1")
    seen = events_of(s)
    (tmp_path / "c" / "other.txt").unlink()
    new = open_index(mini_gazetteer, tmp_path / "c")
    s.replace_index(new)
    assert [type(e) for e in seen] == [IndexReplaced, SelectionChanged]
    assert s.filters.documents == ("trip",)
    assert s.current.places == ("baku",) and s.current.passage is None
    assert s.index is new and [p.id for p, _ in s.passages()] == ["trip#2", "trip#3", "trip#5"]


def test_paths_are_absolute(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    s = Session(gazetteer="places.yaml", corpus=".")
    assert s.gazetteer_path == tmp_path / "places.yaml" and s.corpus_path.is_absolute()
    assert Path(s.corpus_path).resolve() == tmp_path.resolve()


def test_new_corpus_shows_all_its_documents(index, tmp_path):
    s = Session(index, corpus=tmp_path / "c")
    s.set_filters(documents=("trip",))
    s.set_paths(corpus=tmp_path / "elsewhere")
    assert s.filters.documents is None


def test_view_from_options_is_what_the_app_would_show(index):
    app = Session(index)
    app.set_filters(documents=("trip",), hide_references=True)
    app.select_places(["baku"])
    cli = view_from_options(index, documents=["trip"], hide_references=True, select=["baku"])
    assert cli.current_view() == app.current_view()
    assert cli.passages() == app.passages()
    assert replace(cli.current_view(), selected=()) == cli.filters
