"""The desktop app, offscreen, on real data and a real WebEngine page."""

import re
import threading

from PySide6.QtCore import QSettings, QUrl

from _apphelpers import js, row_of
from _data import BUNDLED_CORPUS, BUNDLED_GAZETTEER
from caucasusmap.app.qt_window import MainWindow
from caucasusmap.cli import main as cli_main


def passages_shown(window):
    m = re.search(r"(\d+) passage", window.passages.header.text())
    return int(m.group(1)) if m else 0


def test_window_opens_with_the_bundled_data(window):
    assert window.places.model.rowCount() == len(window.index.gazetteer)
    assert window.documents.count() == 5
    assert window.places.proxy.data(window.places.proxy.index(0, 0)) == "Iran"  # most mentioned first


def test_place_click_in_list_lists_passages_and_tells_the_map(qtbot, window):
    window.places.table.selectRow(row_of(window, "tabriz"))
    assert window.state.current.places == ("tabriz",)
    assert passages_shown(window) == len(window.index.passages_for("tabriz"))
    assert "background:#fde68a" in window.passages.browser.toHtml().lower() or "Tabriz" in \
        window.passages.browser.toPlainText()
    qtbot.waitUntil(lambda: js(qtbot, window, "caucasusmap.selected()") == '["tabriz"]', timeout=5000)


def test_marker_click_in_the_page_reaches_the_selection(qtbot, window):
    title = js(qtbot, window, """(function () {
        var m = document.querySelector('.cm-marker');
        m.dispatchEvent(new MouseEvent('click', {bubbles: true})); return m.title; })()""")
    place = next(p for p in window.index.gazetteer.places if p.name == title)
    qtbot.waitUntil(lambda: window.state.current.places == (place.id,), timeout=5000)
    assert window.places.table.selectionModel().selectedRows()[0].row() == row_of(window, place.id)
    assert passages_shown(window) == len(window.index.passages_for(place.id))


def test_passage_click_moves_reader_and_map(qtbot, window):
    window.state.select_places(["nurduz"])
    passage, _ = window.index.passages_for("nurduz")[0]
    window.passages.browser.anchorClicked.emit(QUrl(f"passage:{passage.id}"))
    assert window.state.current.passage == passage.id
    assert window.reader.document_id == passage.document
    places = window.index.places_in(passage.id)
    qtbot.waitUntil(lambda: js(qtbot, window, "caucasusmap._state.highlighted.length") == len(places), timeout=5000)
    # A mention in the reader selects its place.
    window.reader.browser.anchorClicked.emit(QUrl("place:tabriz"))
    assert window.state.current.places == ("tabriz",)


def test_several_places_all_or_any(window):
    window.state.select_places(["tabriz", "baku"])
    assert passages_shown(window) == len(window.index.passages_for(["tabriz", "baku"], mode="all"))
    window.passages.mode.setCurrentIndex(1)
    assert window.state.current.mode == "any"
    assert passages_shown(window) == len(window.index.passages_for(["tabriz", "baku"], mode="any"))


def test_back_forward_and_escape(window):
    window.state.select_places(["tabriz"])
    window.state.select_places(["baku"])
    window.back_action.trigger()
    assert window.state.current.places == ("tabriz",)
    window.forward_action.trigger()
    assert window.state.current.places == ("baku",)
    window.state.clear()
    assert window.state.current.empty and window.passages.header.text().startswith("Select a place")


def test_documents_filter_the_counts(window):
    before = window.places.model.mentions[:]
    window.documents.set_checked(0, False)
    assert sum(window.places.model.mentions) < sum(before)
    assert window.current_view().documents is not None


def test_documents_list_ticks_as_a_view_click_does(window):
    """The list's check box writes through the model the way Qt's view does
    (an int check state), and ticking every document again clears the filter."""
    from PySide6.QtCore import Qt

    model = window.documents.model
    role = Qt.ItemDataRole.CheckStateRole
    first = model.index(0)
    assert model.data(first, role) == Qt.CheckState.Checked
    assert model.setData(first, Qt.CheckState.Unchecked.value, role)
    assert window.state.filters.documents == tuple(window.documents.checked())
    assert window.documents.doc_id(0) not in window.state.filters.documents
    assert model.data(first, role) == Qt.CheckState.Unchecked
    assert model.setData(first, Qt.CheckState.Checked.value, role)
    assert window.state.filters.documents is None
    # A filter set elsewhere (the view's state) shows as the ticks.
    window.state.set_filters(documents=(window.documents.doc_id(1),))
    assert [model.data(model.index(r), role) == Qt.CheckState.Checked for r in range(model.rowCount())] == \
        [r == 1 for r in range(model.rowCount())]
    doc = window.index.corpus.documents[0]
    assert model.data(first, Qt.ItemDataRole.DisplayRole).startswith(doc.title)
    assert doc.title in window.documents.tooltip(0)


def test_gazetteer_edit_on_disk_updates_counts(qtbot, window, data):
    gazetteer = data[0] / "places.yaml"  # one file of the folder gazetteer
    i = [p.id for p in window.index.gazetteer.places].index("kapan")
    before = window.places.model.mentions[i]
    window.state.select_places(["tabriz"])
    text = gazetteer.read_text(encoding="utf-8")
    # "Keyhan" (a newspaper, twice in the corpus) is no place's name yet.
    # Waits for the relink the file watcher starts (a load under a busy machine takes
    # seconds; the timeout is only a bound), then for the list to show its counts.
    with qtbot.waitSignal(window.loading.loaded, timeout=120000):
        gazetteer.write_text(text.replace("aliases: [Qafan, Ghapan]", "aliases: [Qafan, Ghapan, Keyhan]"),
                             encoding="utf-8")
    qtbot.waitUntil(lambda: window.places.model.mentions[i] == before + 2, timeout=120000)
    assert window.state.current.places == ("tabriz",)  # the selection survived the reload


def test_broken_gazetteer_shows_problems_and_keeps_places(qtbot, window, data):
    gazetteer = data[0] / "places.yaml"  # one file of the folder gazetteer
    n = len(window.index.gazetteer)
    text = gazetteer.read_text(encoding="utf-8")
    gazetteer.write_text(text.replace("    kind: bridge\n", "    kind: brige\n", 1), encoding="utf-8")
    qtbot.waitUntil(lambda: window.problems.count() > 0 and "brige" in window.problems.item(0).text(), timeout=5000)
    line = text[: text.index("    kind: bridge\n")].count("\n") + 1
    assert window.problems.item(0).text().startswith(f"{gazetteer}:{line}:")
    assert "did you mean 'bridge'" in window.problems.item(0).text()
    assert len(window.index.gazetteer) == n and window.places.model.rowCount() == n
    assert gazetteer.read_text(encoding="utf-8").count("kind: brige") == 1  # the user's file untouched


def test_export_view_equals_the_cli_export(qtbot, window, data, tmp_path):
    window.state.select_places(["nurduz"])
    qtbot.waitUntil(lambda: window.map.last_view is not None, timeout=5000)
    app_out = window.export_view("html", tmp_path / "app.html")
    view = window.current_view()
    cli_out = tmp_path / "cli.html"
    lat, lon = view.center
    assert cli_main(["export", "--out", str(cli_out), "--gazetteer", str(data[0]), "--corpus", str(data[1]),
                     "--select", "nurduz", "--center", f"{lat!r},{lon!r}", "--zoom", str(view.zoom)]) == 0
    strip = lambda h: re.sub(r'"exported":"[^"]*"', "", h)  # noqa: E731
    assert strip(app_out.read_text(encoding="utf-8")) == strip(cli_out.read_text(encoding="utf-8"))


def test_window_layout_is_remembered(qtbot, data, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    w = MainWindow(*data, settings=settings)
    qtbot.addWidget(w)
    w.show()
    w.documents_dock.hide()
    w.problems_dock.show()
    w.close()
    assert settings.value("window/geometry") is not None
    assert settings.value("files/gazetteer") == str(data[0])
    w2 = MainWindow(*data, settings=settings)
    qtbot.addWidget(w2)
    w2.show()
    assert not w2.documents_dock.isVisible() and w2.problems_dock.isVisible()
    w2.close()


def test_the_legend_stays_as_the_user_left_it(qtbot, data, tmp_path):
    """The map page has no lasting storage in the app (an off-the-record
    profile): the legend's state is kept in the app's settings, and every new
    page (a filter change rebuilds it) gets it."""
    from _apphelpers import open_window

    ini = tmp_path / "legend.ini"
    seeded = QSettings(str(ini), QSettings.Format.IniFormat)
    seeded.setValue("map/legend", "closed")  # left collapsed last time (a roomy map opens it by default)
    seeded.sync()
    collapsed = "document.querySelector('.cm-legend').classList.contains('cm-collapsed')"
    w = open_window(qtbot, data, ini)
    qtbot.waitUntil(lambda: js(qtbot, w, collapsed) is True, timeout=10000)
    js(qtbot, w, "document.querySelector('.cm-legend-toggle').click(), 1")
    qtbot.waitUntil(lambda: w.map.legend_open is True, timeout=10000)  # the page told the app
    w.map_controller.rebuild()  # a new page
    qtbot.waitUntil(lambda: not w.map_controller.building and w.map.is_ready, timeout=30000)
    qtbot.waitUntil(lambda: js(qtbot, w, collapsed) is False, timeout=10000)
    w.close()
    assert QSettings(str(ini), QSettings.Format.IniFormat).value("map/legend") == "open"


def test_search_finds_places_and_passages(window):
    window._focus_search()
    window.search.edit.setText("Nurdüz")
    kinds = [window.search.results.item(i).data(256)[0] for i in range(window.search.results.count())]
    assert kinds[0] == "place" and "passage" in kinds
    window.search._choose(window.search.results.item(0))
    assert window.state.current.places == ("nurduz",)
    passage_row = kinds.index("passage")
    window.search._choose(window.search.results.item(passage_row))
    assert window.state.current.passage is not None
    assert window.reader.document_id == window.index.passages[window.state.current.passage].document


def test_document_added_to_the_corpus_appears(qtbot, window, data):
    _, corpus = data
    (corpus / "new-notes.md").write_text("# Field notes\n\nWe drove from Tabriz to Nurduz.\n", encoding="utf-8")
    qtbot.waitUntil(lambda: window.documents.count() == 6, timeout=5000)
    assert window.index.mention_count("nurduz") == 9


def menu(window, title):
    return next(a.menu() for a in window.menuBar().actions() if a.text() == title)


def test_keyboard_reaches_every_panel(window):
    view = menu(window, "&View")
    labels = [a.text() for a in view.actions() if a.text().startswith("Go to")]
    assert len(labels) == 8  # places, map, passages, reader, documents, search, problems, review queue
    go_reader = next(a for a in view.actions() if a.text() == "Go to &Reader")
    assert go_reader.shortcut().toString() == "Ctrl+4"


def test_base_layer_and_files_are_remembered(qtbot, data, tmp_path):
    from caucasusmap.app.qt_window import remembered_files

    settings = QSettings(str(tmp_path / "r.ini"), QSettings.Format.IniFormat)
    settings.setValue("files/gazetteer", str(data[0]))
    settings.setValue("files/corpus", str(tmp_path / "gone"))
    assert remembered_files(settings, BUNDLED_GAZETTEER, BUNDLED_CORPUS) == (data[0], BUNDLED_CORPUS)
    settings.setValue("map/base_layer", "OpenStreetMap (online)")
    w = MainWindow(*data, settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.index is not None and w.map.is_ready, timeout=30000)
    qtbot.waitUntil(lambda: js(qtbot, w, """(function () {
        var l = document.querySelectorAll('.leaflet-control-layers-base label');
        for (var k = 0; k < l.length; k++) if (l[k].querySelector('input').checked) return l[k].textContent.trim();
        })()""") == "OpenStreetMap (online)", timeout=5000)
    w.close()


def test_tile_requests_carry_user_agent_and_referer():
    from caucasusmap.app.qt_map import REFERER, USER_AGENT, TileInterceptor

    class FakeInfo:
        def __init__(self, url):
            self.url, self.headers = QUrl(url), {}

        def requestUrl(self):  # noqa: N802
            return self.url

        def setHttpHeader(self, name, value):  # noqa: N802
            self.headers[bytes(name)] = bytes(value)

    tile, local = FakeInfo("https://tile.openstreetmap.org/6/40/24.png"), FakeInfo("caucasusmap://app/map.html")
    TileInterceptor().interceptRequest(tile)
    TileInterceptor().interceptRequest(local)
    assert tile.headers == {b"User-Agent": USER_AGENT.encode(), b"Referer": REFERER}
    assert local.headers == {}



def test_cancel_reaches_the_linker_inside_a_long_document(qtbot, mini_gazetteer, write, tmp_path, monkeypatch):
    """The loader's Cancel stops a long document within a window or two."""
    from caucasusmap import index as index_mod
    from caucasusmap.app.qt_loader import Loader
    from caucasusmap.errors import Cancelled

    write("long/one-line.txt", " ".join(f"Convoy {i} went from Baku to Tabriz." for i in range(4000)) + "\n")
    monkeypatch.setattr(index_mod, "WINDOW_CHARS", 4000)
    monkeypatch.setattr(index_mod, "WINDOW_MARGIN", 500)
    loader = Loader()
    windows = []
    real = index_mod.Linker.find_links

    def counting(self, text, *more):
        windows.append(len(text))
        if len(windows) == 3:
            loader.cancel()  # the user presses Cancel while the third window is linked
        return real(self, text, *more)

    monkeypatch.setattr(index_mod.Linker, "find_links", counting)
    with qtbot.waitSignal(loader.finished, timeout=60000) as done:
        loader.start(mini_gazetteer, tmp_path / "long")
    assert isinstance(done.args[0].error, Cancelled)
    assert len(windows) == 3  # of 35


def test_extras_of_a_replaced_index_stop_and_only_the_new_ones_arrive(qtbot, mini_gazetteer, write, tmp_path,
                                                                      monkeypatch):
    """Search and unlinked names are prepared per index; preparing them for a
    newer index stops the older run between documents (nothing of it arrives)."""
    from caucasusmap.app import qt_loader
    from caucasusmap.index import open_index

    for i in range(6):
        write(f"c/d{i}.md", f"# Notes {i}\n\nFrom Baku to the city of Zarnava{i} and on to Tabriz.\n")
    old, new = open_index(mini_gazetteer, tmp_path / "c"), open_index(mini_gazetteer, tmp_path / "c")
    loader = qt_loader.Loader()
    started = threading.Event()
    release = threading.Event()
    real = qt_loader.PassageSearch

    def slow(index, **kw):  # the old run waits inside its first document until the new one is asked for
        asked = kw["cancelled"]
        if index is old:
            def cancelled():
                started.set()
                release.wait(10)
                return asked()
            kw["cancelled"] = cancelled
        return real(index, **kw)

    monkeypatch.setattr(qt_loader, "PassageSearch", slow)
    got = []
    loader.extras.connect(got.append)
    loader.prepare_extras(old, mini_gazetteer)
    assert started.wait(10)
    loader.prepare_extras(new, mini_gazetteer)
    release.set()
    qtbot.waitUntil(lambda: bool(got), timeout=30000)
    qtbot.wait(300)
    assert [r.index for r in got] == [new] and got[0].error is None
    assert len(got[0].search.search("Tabriz")) == 6


def test_a_large_index_gets_its_extras_prepared_in_another_process(qtbot, mini_gazetteer, write, tmp_path,
                                                                   monkeypatch):
    """From SEPARATE_PASSAGES passages the first build runs in another process
    and the loader reads the answers back (the same as built here); once
    they are in the store, no process is started."""
    from caucasusmap.app import qt_loader
    from caucasusmap.candidates import find_candidates
    from caucasusmap.index import open_index

    for i in range(6):
        write(f"c/d{i}.md", f"# Notes {i}\n\nFrom Baku to the city of Zarnava{i} and on to Tabriz.\n")
    index = open_index(mini_gazetteer, tmp_path / "c")
    expected = find_candidates(index, limit=qt_loader.CANDIDATES_SHOWN, cache=False)
    started = []
    real = qt_loader.prepare_elsewhere
    monkeypatch.setattr(qt_loader, "SEPARATE_PASSAGES", 1)
    monkeypatch.setattr(qt_loader, "prepare_elsewhere", lambda *a, **kw: started.append(a) or real(*a, **kw))
    loader = qt_loader.Loader()
    got = []
    loader.extras.connect(got.append)
    for _ in range(2):
        loader.prepare_extras(open_index(mini_gazetteer, tmp_path / "c"), mini_gazetteer, tmp_path / "c")
        qtbot.waitUntil(lambda: bool(got), timeout=60000)
        result = got.pop()
        assert result.error is None and result.candidates == tuple(expected)
        assert len(result.search.search("Tabriz")) == 6 and result.search.indexed == 0
        assert len(started) == 1  # the second time, everything was in the store
    assert any(c.key.startswith("zarnava") for c in expected)
