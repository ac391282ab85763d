"""The shared selection state, without Qt."""

import pytest

from caucasusmap.selection import Selection, SelectionState, add_places, replace_places, toggle_places


def test_rules():
    assert replace_places(("a", "b"), ["c", "c"]) == ("c",)
    assert add_places(("a", "b"), ["b", "c"]) == ("a", "b", "c")
    assert toggle_places(("a", "b"), ["b", "c"]) == ("a", "c")
    with pytest.raises(ValueError):
        Selection(mode="some")


def test_listeners_get_changes_with_source():
    state, seen = SelectionState(), []
    state.subscribe(lambda new, old, source: seen.append((new.places, old.places, source)))
    assert state.select_places(["tabriz"], source="map")
    assert not state.select_places(["tabriz"], source="list")  # no change, no event
    state.select_places(["baku"], how="toggle", source="list")
    assert seen == [(("tabriz",), (), "map"), (("tabriz", "baku"), ("tabriz",), "list")]


def test_guard_stops_feedback_loops():
    state, calls = SelectionState(), []

    def echoing_view(new, old, source):
        calls.append(new.places)
        state.select_places(["other"], source="echo")  # a view writing back while rendering

    state.subscribe(echoing_view)
    state.select_places(["tabriz"])
    assert calls == [("tabriz",)] and state.current.places == ("tabriz",)


def test_passage_mode_clear():
    state = SelectionState()
    state.select_places(["a", "b"])
    state.select_passage("doc#3")
    assert state.current == Selection(("a", "b"), "doc#3", "all")
    state.set_mode("any")
    state.select_places(["c"], how="add")
    assert state.current == Selection(("a", "b", "c"), None, "any")
    state.clear()
    assert state.current.empty and state.current.mode == "any"


def test_back_and_forward():
    state = SelectionState()
    for p in ("a", "b", "c"):
        state.select_places([p])
    assert state.back() and state.current.places == ("b",)
    assert state.back() and state.current.places == ("a",)
    assert state.forward() and state.current.places == ("b",)
    state.select_places(["z"])  # a new branch drops the forward history
    assert not state.can_go_forward
    assert state.back() and state.current.places == ("b",)
    while state.back():
        pass
    assert state.current.empty and not state.can_go_back


def test_restrict_after_reload():
    state = SelectionState()
    state.select_places(["gone"])
    state.select_places(["a", "gone"])
    state.select_passage("d#1")
    state.restrict({"a"}, {"d#2"})
    assert state.current == Selection(("a",), None, "all")
    # History entries naming a vanished place are gone; the empty start remains.
    assert state.back() and state.current.empty and not state.can_go_back


def test_a_failing_listener_does_not_stop_the_others():
    state, seen = SelectionState(), []

    def broken(new, old, source):
        raise RuntimeError("a bug in one view")

    state.subscribe(broken)
    state.subscribe(lambda new, old, source: seen.append(new.places))
    assert state.select_places(["a"])
    assert state.select_places(["b"])
    assert seen == [("a",), ("b",)]
