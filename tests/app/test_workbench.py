"""Growing and fixing the gazetteer from the app (issue 5), offscreen."""

from types import SimpleNamespace

from caucasusmap.app.qt_window import suggest_exclude_phrase


def reloaded(qtbot, window, check):
    qtbot.waitUntil(lambda: window.index is not None and not window.loader.busy and window.extras_ready
                    and check(), timeout=10000)


def test_add_place_from_the_form(qtbot, window, data):
    original = (data[0] / "places.yaml").read_bytes()
    dialog = window.open_place_dialog({"lat": 39.5111, "lon": 46.3417})
    assert not dialog.check()  # no name yet: OK disabled...
    assert dialog.problem.text() == ""  # ...but no error before anything is typed (issue 13)
    dialog.name.setText("G")
    dialog.name.setText("")
    assert "a name is needed" in dialog.problem.text()  # the name was touched and is missing
    dialog.name.setText("Shurnukh")
    assert dialog.id.text() == "shurnukh"
    dialog.kind.setCurrentText("town")
    dialog.aliases.setText("Şurnux; Շուռնուխ")
    dialog.lat.setText("north")
    assert not dialog.check() and "latitude" in dialog.problem.text()
    dialog.lat.setText("39.5111")
    assert dialog.check()
    dialog.accept()
    reloaded(qtbot, window, lambda: "shurnukh" in window.index.gazetteer.by_id)
    text = (data[0] / "places.yaml").read_bytes()
    assert text.startswith(original) and b"- id: shurnukh" in text
    assert window.state.current.places == ("shurnukh",)  # the new place is selected
    assert window.undo_action.isEnabled()
    window.undo_gazetteer_edit()
    reloaded(qtbot, window, lambda: "shurnukh" not in window.index.gazetteer.by_id)
    assert (data[0] / "places.yaml").read_bytes() == original


def test_form_shows_no_errors_before_typing_and_all_on_ok(window):
    dialog = window.open_place_dialog()
    assert dialog.problem.text() == "" and not dialog.check()
    dialog.accept()  # OK (Enter) with nothing typed: now every missing value is named
    assert dialog.isVisible()
    assert "a name is needed" in dialog.problem.text() and "latitude" in dialog.problem.text()
    dialog.reject()


def test_form_refuses_a_used_id(window):
    dialog = window.open_place_dialog({"name": "Kapan", "lat": 39.2, "lon": 46.4})
    assert not dialog.check() and "already used" in dialog.problem.text()
    dialog.reject()


def test_geocode_in_the_form_with_a_fake_and_when_it_fails(qtbot, window):
    def fake(query, **kw):
        return [SimpleNamespace(address="Shurnukh, Armenia", latitude=39.51, longitude=46.34, raw={})]

    dialog = window.open_place_dialog({"name": "Shurnukh"}, geocoder=fake)
    dialog.look_up()
    qtbot.waitUntil(lambda: dialog.results.count() == 1, timeout=5000)
    dialog._use_result(dialog.results.item(0))
    assert (dialog.lat.text(), dialog.lon.text()) == ("39.51000", "46.34000") and dialog.check()

    def offline(query, **kw):
        raise OSError("Network is unreachable")

    dialog.geocoder = offline
    dialog.look_up()
    qtbot.waitUntil(lambda: "Geocoding needs the network" in dialog.problem.text(), timeout=5000)
    assert dialog.lat.text() == "39.51000"  # typed/picked values survive
    dialog.reject()


def test_not_this_place_adds_an_exclude_phrase(qtbot, window, data):
    index = window.index
    doc = index.corpus.by_id["sarmadi-qarabagh"]
    start = doc.text.index("Minsk Group")  # already excluded: use another look-alike
    m = next(m for m in index.mentions if m.place == "tabriz")
    phrase = suggest_exclude_phrase(index.corpus.by_id[m.document].text, m.start, m.end)
    assert phrase.split()[0] == m.surface and len(phrase.split()) == 2
    before = index.mention_count("tabriz")
    assert window.exclude_mention("tabriz", m.document, m.start, m.end, phrase=phrase)
    reloaded(qtbot, window, lambda: window.index.mention_count("tabriz") < before)
    assert phrase in (data[0] / "places.yaml").read_text(encoding="utf-8")
    del start


def test_dragging_a_marker_moves_the_place(qtbot, window, data):
    window.move_action.trigger()
    assert window.map.editable
    enabled = []
    window.map.page().runJavaScript(
        "caucasusmap._state.markers.filter(function (m) { return m.options.draggable &&"
        " (!m.dragging || m.dragging.enabled()); }).length", 0, enabled.append)
    qtbot.waitUntil(lambda: bool(enabled), timeout=5000)
    drawn = sum(1 for p in window.index.gazetteer.places if window.index.mention_count(p.id))
    assert enabled[0] == drawn  # every drawn place (the mentioned ones)
    window.map.bridge.placeMoved("kapan", 39.21001, 46.40702)  # what the page sends on dragend
    reloaded(qtbot, window, lambda: window.index.gazetteer.by_id["kapan"].lat == 39.21001)
    text = (data[0] / "places.yaml").read_text(encoding="utf-8")
    assert "lat: 39.21001" in text and "lon: 46.40702" in text


def test_map_context_menu_offers_add_place_here(window):
    window.map.bridge.mapContextMenu(39.5, 46.3)
    (action,) = window._menu.actions()
    assert action.text().startswith("Add place here (39.5000, 46.3000)")
    action.trigger()
    assert window._dialog.lat.text() == "39.50000" and window._dialog.lon.text() == "46.30000"
    window._dialog.reject()


def test_distances_in_the_list_and_near_filter(qtbot, window):
    window.state.select_places(["kapan"])
    model = window.places.model
    km = dict(zip([p.id for p in model.places], model.km))
    assert km["kapan"] == 0
    assert model.has_km and not window.places.table.isColumnHidden(4)  # the km column shows the distances
    assert 20 < km["syunik"] < 22  # spatial.near measured 20.8 km (geodesic)
    assert 40 < km["nurduz"] < 45  # spatial.near measured 42.9 km (geodesic)
    window.state.select_places(["aras"])
    assert window.filter_near_selection(10)
    shown = set(window.place_filter)
    assert {"aras", "nurduz", "khudafarin-bridges"} <= shown and "tabriz" not in shown
    assert sum(1 for m in window.places.model.mentions if m) <= len(shown)
    qtbot.waitUntil(lambda: window.map.is_ready, timeout=10000)
    window.clear_place_filter()
    assert window.place_filter is None and not window.clear_filter_action.isEnabled()
    window.state.select_places(["tabriz", "baku"])
    assert set(window.places.model.km) == {None}  # distances only for one selected place
    assert not window.places.model.has_km and window.places.table.isColumnHidden(4)


def test_unlinked_names_panel(qtbot, window, data):
    panel = window.candidates
    assert panel.list.count() > 10
    first = panel.list.item(0).data(256)[0]
    panel.list.setCurrentRow(0)
    assert window.state.current.passage is not None  # its first passage opens in the reader
    panel.addRequested.emit(first)
    assert window._dialog.name.text() == first
    window._dialog.reject()
    window.mark_not_a_place(first)
    ignore = data[0] / "not-places.txt"
    assert first in ignore.read_text(encoding="utf-8")
    reloaded(qtbot, window, lambda: first not in [panel.list.item(i).data(256)[0] for i in range(panel.list.count())])


def test_map_click_and_looked_up_answers_fill_the_form(qtbot, window):
    def fake(query, **kw):
        return [SimpleNamespace(address="Goris, Armenia", latitude=39.51, longitude=46.34, raw={}),
                SimpleNamespace(address="Goris (village)", latitude=40.1, longitude=44.9, raw={})]

    dialog = window.open_place_dialog({"name": "Goris"}, geocoder=fake)
    assert not dialog.isModal()
    window.map.bridge.mapClicked(39.6, 46.2)  # a click on the map while the form is open
    assert (dialog.lat.text(), dialog.lon.text()) == ("39.60000", "46.20000")
    dialog.look_up()
    qtbot.waitUntil(lambda: dialog.results.count() == 2, timeout=5000)
    picks = []
    qtbot.waitUntil(lambda: (window.map.page().runJavaScript(
        "caucasusmap._state.picks ? caucasusmap._state.picks.getLayers().length : 0", 0, picks.append),
        bool(picks) and picks[-1] == 2)[1], timeout=5000)
    # Clicking an answer on the map goes through the same bridge call.
    window.map.page().runJavaScript(
        "caucasusmap._state.picks.getLayers()[0].fire('click', {latlng: null, originalEvent: null})")
    qtbot.waitUntil(lambda: dialog.lat.text() == "39.51000", timeout=5000)
    dialog.reject()
    window.map.bridge.mapClicked(1.0, 1.0)  # form closed: clicks change nothing
    assert dialog.lat.text() == "39.51000"


def test_edit_removes_and_adds_aliases(qtbot, window, data):
    window.state.select_places(["kapan"])
    dialog = window.edit_selected_place()
    assert dialog.aliases.text() == "Qafan; Ghapan"
    dialog.aliases.setText("Qafan; Ղափան")
    dialog.note.setText(dialog.note.text() + " Armenian: Ղափան.")
    dialog.accept()
    reloaded(qtbot, window, lambda: window.index.gazetteer.by_id["kapan"].aliases == ("Qafan", "Ղափան"))
    assert "aliases: [Qafan, Ղափան]" in (data[0] / "places.yaml").read_text(encoding="utf-8")


def test_an_offline_lookup_says_so_briefly_and_keeps_the_form(qtbot, window):
    """Issue 13: the raw 'GeocoderUnavailable: HTTPSConnectionPool…' text
    squashed the form's fields to a few pixels."""
    from geopy.exc import GeocoderUnavailable

    raw = ("HTTPSConnectionPool(host='nominatim.openstreetmap.org', port=443): Max retries exceeded with url: "
           "/search?q=Goris&format=json&limit=5&viewbox=36.0%2C33.0%2C56.0%2C46.0&bounded=0&accept-language=en"
           "&addressdetails=1 (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at "
           "0x7f00>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution'))")

    def offline(query, **kw):
        raise GeocoderUnavailable(raw)

    dialog = window.open_place_dialog({"name": "Goris"}, geocoder=offline)
    qtbot.waitUntil(lambda: dialog.lat.width() > 0, timeout=5000)
    width = dialog.lat.width()
    dialog.look_up()
    qtbot.waitUntil(lambda: "Geocoding needs the network" in dialog.problem.text(), timeout=5000)
    assert "HTTPSConnectionPool" not in dialog.problem.text() and len(dialog.problem.text()) < 200
    assert "HTTPSConnectionPool" in dialog.problem.toolTip()  # the details stay available
    qtbot.wait(50)
    assert dialog.lat.width() >= min(width, 80)
    dialog.reject()


def _add_shurnukh(qtbot, window):
    assert window.workbench.add_place({"id": "shurnukh", "name": "Shurnukh", "aliases": [], "kind": "village",
                                        "lat": 39.5111, "lon": 46.3417, "note": ""})
    reloaded(qtbot, window, lambda: "shurnukh" in window.index.gazetteer.by_id)
    assert window.undo_action.isEnabled()


def test_refused_undo_disables_undo_with_the_reason(qtbot, window, data):
    """Issue 9 finding 6 (app): Ctrl+Z after the file changed in another
    program is refused, and Undo stays off (saying why) instead of offering
    to discard that program's edit on the next try."""
    places = data[0] / "places.yaml"
    _add_shurnukh(qtbot, window)
    outside = places.read_text(encoding="utf-8") + "# a note made in another editor\n"
    places.write_text(outside, encoding="utf-8")
    assert not window.undo_gazetteer_edit()  # at once, before the watcher relinks
    assert places.read_text(encoding="utf-8") == outside  # the other edit kept
    assert not window.undo_action.isEnabled()
    assert "places.yaml was changed in another program" in window.undo_action.toolTip()
    assert window._last_warning.windowTitle() == "Cannot undo"
    reloaded(qtbot, window, lambda: True)
    assert not window.undo_action.isEnabled()
    window.undo_action.trigger()  # Ctrl+Z again: nothing happens
    assert places.read_text(encoding="utf-8") == outside
    assert not window.undo_gazetteer_edit()  # and undo asked directly, after the reload, is refused too
    assert places.read_text(encoding="utf-8") == outside
    # The next change made here makes Undo available again, for that change.
    assert window.workbench.add_place({"id": "shurnukh-2", "name": "Shurnukh Two", "aliases": [], "kind": "village",
                                        "lat": 39.52, "lon": 46.35, "note": ""})
    assert window.undo_action.isEnabled() and "another program" not in window.undo_action.toolTip()


def test_outside_edit_turns_undo_off_when_the_app_relinks(qtbot, window, data):
    places = data[0] / "places.yaml"
    _add_shurnukh(qtbot, window)
    outside = places.read_text(encoding="utf-8") + "# a note made in another editor\n"
    with qtbot.waitSignal(window.loading.loaded, timeout=120000):
        places.write_text(outside, encoding="utf-8")
    qtbot.waitUntil(lambda: not window.undo_action.isEnabled(), timeout=120000)
    assert "changed in another program" in window.undo_action.toolTip()
    assert places.read_text(encoding="utf-8") == outside
