"""Issue 13's state defects, each reproduced through the real window, and
every panel checked against the one view state (app.qt_check)."""

import html
import os
import re
import shutil
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from _apphelpers import js as _js
from _apphelpers import open_window, row_of
from caucasusmap.app.qt_check import MAP_STATE, disagreements, map_disagreements
from caucasusmap.cli import main as cli_main


@pytest.fixture(scope="module")
def shared(qapp, tmp_path_factory):
    """One window for the tests of this module that need a plain one (each
    starts from a reset view state): a window costs seconds to open."""
    import shutil
    import time

    from PySide6.QtCore import QSettings

    from _data import BUNDLED_CORPUS, BUNDLED_GAZETTEER
    from caucasusmap.app.qt_window import MainWindow

    tmp = tmp_path_factory.mktemp("shared")
    shutil.copytree(BUNDLED_CORPUS, tmp / "corpus")
    shutil.copytree(BUNDLED_GAZETTEER, tmp / "gazetteer")
    saved = {k: os.environ.get(k) for k in ("CAUCASUSMAP_CACHE_DIR", "CAUCASUSMAP_REFERENCE")}
    os.environ["CAUCASUSMAP_CACHE_DIR"] = str(tmp / "cache")
    # As tests/conftest.py does for each test (this window outlives one): link without the
    # reference gazetteer, like the CLI calls the tests make.
    os.environ["CAUCASUSMAP_REFERENCE"] = "none"
    w = MainWindow(tmp / "gazetteer", tmp / "corpus",
                   settings=QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
    w.show()
    end = time.monotonic() + 60
    while not (w.index is not None and w.map.is_ready and w.extras_ready):
        QApplication.processEvents()
        if time.monotonic() > end:
            raise TimeoutError("the window did not open")
    yield w
    w.close()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture
def window(shared, qtbot):
    from caucasusmap.naming import DEFAULT_NAMING

    w = shared
    if w.move_action.isChecked():
        w.move_action.trigger()
    w.places.filter_edit.clear()
    w.search.edit.clear()
    w.state.clear(source="test")
    w.state.set_filters(documents=None, places=None, hide_references=False, origins=None, time_range=None,
                        naming=DEFAULT_NAMING)
    settle(qtbot, w)
    yield w


@pytest.fixture
def fresh(qtbot, data, tmp_path):
    """A window of its own on a private copy of the data (for tests that change the files)."""
    w = open_window(qtbot, data, tmp_path / "s.ini")
    yield w
    w.close()


def js(qtbot, window, code):
    return _js(qtbot, window, code, decode=True)


def settle(qtbot, window):
    """Deferred renders applied and the map page (re)built and ready."""
    qtbot.waitUntil(lambda: not window.map_controller.building and window.map.is_ready, timeout=20000)
    QApplication.processEvents()
    QApplication.processEvents()


def agree(qtbot, window):
    settle(qtbot, window)
    assert disagreements(window) == []
    assert map_disagreements(window, js(qtbot, window, MAP_STATE)) == []


def click_row(window, place_id, modifier=Qt.KeyboardModifier.NoModifier):
    table = window.places.table
    index = window.places.proxy.index(row_of(window, place_id), 0)
    table.scrollTo(index)
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, table.visualRect(index).center())


def test_typing_in_the_places_filter_never_crashes_nor_changes_the_selection(qtbot, window):
    """The segfault of issue 13, step by step: click Armenia; Ctrl+F Nurduz,
    Enter; Ctrl-click Tabriz in the list; passages mentioning any; type
    Tebriz in the filter; Ctrl+A, type Na. The selection-model change that
    the filter pass caused used to reach the session, whose distance update
    changed the model inside the proxy's filter pass (corrupting it: ghost
    rows, then a crash)."""
    click_row(window, "armenia")
    assert window.state.current.places == ("armenia",)
    window._focus_search()
    QTest.keyClicks(window.search.edit, "Nurduz")
    QTest.keyClick(window.search.edit, Qt.Key.Key_Return)
    assert window.state.current.places == ("nurduz",)
    QApplication.processEvents()
    click_row(window, "tabriz", Qt.KeyboardModifier.ControlModifier)
    assert set(window.state.current.places) == {"nurduz", "tabriz"}
    window.passages.mode.setCurrentIndex(1)
    assert window.state.current.mode == "any"
    before = window.state.current
    window._focus_filter()
    QTest.keyClicks(window.places.filter_edit, "Tebriz")
    assert window.places.proxy.rowCount() == 1
    QTest.keyClick(window.places.filter_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(window.places.filter_edit, "Na")
    QTest.keyClick(window.places.filter_edit, Qt.Key.Key_Backspace)
    QTest.keyClicks(window.places.filter_edit, "akh")
    assert window.state.current == before  # a display filter never edits the selection
    agree(qtbot, window)
    # Filtering everything away keeps the selection too.
    window.places.filter_edit.setText("zzzz-no-such-place")
    assert window.places.proxy.rowCount() == 0 and window.state.current == before
    window.places.filter_edit.clear()
    agree(qtbot, window)
    assert sorted(window.places.shown()["selected"]) == ["nurduz", "tabriz"]


def test_clearing_the_places_filter_brings_the_selection_into_view(qtbot, window):
    """Select a place far down the list through the filter, clear the filter:
    the whole list is back and its selected row is scrolled into view."""
    table = window.places.table
    window.places.filter_edit.setText("Nurduz")
    click_row(window, "nurduz")
    assert window.state.current.places == ("nurduz",)
    table.scrollToTop()
    window.places.filter_edit.clear()
    QApplication.processEvents()
    rows = window.places._rows_of({"nurduz": None})
    # The premise: from the top of the whole list, the row is below the visible part.
    assert rows and rows[0][0] * table.rowHeight(rows[0][0]) > table.viewport().height()
    rect = table.visualRect(window.places.proxy.index(rows[0][0], 0))
    assert table.viewport().rect().intersects(rect)


def test_ctrl_click_keeps_places_the_filter_hides(qtbot, window):
    window.state.select_places(["tabriz", "baku"])
    window.places.filter_edit.setText("Nurd")
    click_row(window, "nurduz", Qt.KeyboardModifier.ControlModifier)
    assert window.state.current.places == ("tabriz", "baku", "nurduz")
    click_row(window, "nurduz")  # a plain click selects only it
    assert window.state.current.places == ("nurduz",)
    agree(qtbot, window)


def test_passages_follow_unticked_documents(qtbot, window):
    """Issue 13: with "Factors Influencing…" unticked, Karabakh's passages
    listed that document first and counted its mentions."""
    index = window.index
    factors = next(d for d in index.corpus.documents if d.title.startswith("Factors Influencing"))
    row = next(i for i in range(window.documents.count()) if window.documents.doc_id(i) == factors.id)
    window.documents.set_checked(row, False)
    settle(qtbot, window)
    window.state.select_places(["karabakh"])
    passages = window.state.passages()
    assert passages and all(p.document != factors.id for p, _ in passages)
    k = index.place_position("karabakh")
    rows = window.state.view_rows()
    assert sum(n for _, n in passages) == rows.mentions[k]  # list, passages and map say the same
    header = window.passages.header.text()
    assert f"{len(passages)} passage" in header and f"{rows.mentions[k]} mention" in header
    agree(qtbot, window)
    # The CLI with the same view option says the same.
    shown = [d.id for d in index.corpus.documents if d.id != factors.id]
    args = ["passages", "karabakh", "--gazetteer", str(window.gazetteer_path), "--corpus", str(window.corpus_path)]
    for d in shown:
        args += ["--document", d]
    out = subprocess.run([sys.executable, "-m", "caucasusmap", *args], capture_output=True, text=True).stdout
    assert out.splitlines()[0].endswith(f"{rows.mentions[k]} mention(s) in {len(passages)} passage(s), "
                                        f"{len({p.document for p, _ in passages})} document(s)")


def test_app_and_cli_export_the_same_filtered_view(qtbot, window, tmp_path):
    window.state.set_filters(documents=("haciyeva-2025",), hide_references=True)
    window.state.select_places(["tabriz"])
    settle(qtbot, window)
    app_out = window.export_view("csv", tmp_path / "app.csv")
    assert cli_main(["export", "--out", str(tmp_path / "cli.csv"), "--gazetteer", str(window.gazetteer_path),
                     "--corpus", str(window.corpus_path), "--document", "haciyeva-2025", "--hide-references"]) == 0
    assert app_out.read_text(encoding="utf-8") == (tmp_path / "cli.csv").read_text(encoding="utf-8")


def test_a_relinked_document_shows_its_new_text(qtbot, fresh):
    """reading_text was cached by id(index): a re-linked document could show its old text."""
    window = fresh
    doc = window.corpus_path / "iran-karabakh-neutrality-abstract.txt"
    for n in range(3):
        doc.write_text(f"Version {n}. Travellers crossed at Nurduz.\n", encoding="utf-8")
        qtbot.waitUntil(lambda n=n: window.index is not None and any(
            f"Version {n}." in window.index.reading_text(p.id)[0] for p in window.index.passage_list
            if p.document.startswith("iran-karabakh")), timeout=10000)
        window.state.select_places(["nurduz"])
        while len(window.passages.shown()["passages"]) < len(window.state.passages()):
            window.passages.show_more()  # the document's passage may come after the first few
        qtbot.waitUntil(lambda n=n: f"Version {n}." in window.passages.browser.toPlainText(), timeout=5000)


def test_esc_closes_the_selection_tooltip_on_the_map(qtbot, window):
    window.state.select_places(["tabriz"])
    settle(qtbot, window)
    # A tooltip left open by hovering the marker, as the user moves on to the keyboard.
    js(qtbot, window, "caucasusmap._state.markers[caucasusmap._state.byId.tabriz].openTooltip(), 1")
    qtbot.waitUntil(lambda: js(qtbot, window, MAP_STATE)["tooltips"] == 1, timeout=5000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert window.state.current.empty
    qtbot.waitUntil(lambda: js(qtbot, window, MAP_STATE)["tooltips"] == 0, timeout=5000)


def test_clicking_a_passage_text_opens_it(qtbot, window):
    window.state.select_places(["nurduz"])
    browser = window.passages.browser
    second = window.state.passages()[1][0]
    # A point inside the second passage's body text (not its header link, not a mention).
    text = browser.toPlainText()
    body, _ = window.index.reading_text(second.id)
    word = next(w for w in body.split() if len(w) > 5 and w.isalpha() and "Nurduz" not in w)
    cursor = browser.document().find(word, text.index(body[:20]) if body[:20] in text else 0)
    assert not cursor.isNull()
    rect = browser.cursorRect(cursor)
    browser.verticalScrollBar().setValue(0)
    QApplication.processEvents()
    browser.ensureCursorVisible()
    rect = browser.cursorRect(cursor)
    QTest.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(rect.left() - 2, rect.center().y()))
    assert window.state.current.passage == second.id
    assert window.reader.document_id == second.document


def test_long_passage_lists_come_a_page_at_a_time(qtbot, window):
    from caucasusmap.app.qt_panels import FIRST_PAGE, PAGE

    window.state.select_places(["iran"])
    total = len(window.state.passages())
    assert total > FIRST_PAGE + 2 * PAGE
    assert len(window.passages.shown()["passages"]) == FIRST_PAGE
    assert f"Show {PAGE} more" in window.passages.browser.toPlainText()
    window.passages.show_more()
    assert len(window.passages.shown()["passages"]) == FIRST_PAGE + PAGE
    agree(qtbot, window)
    # Scrolled to the end, the list grows by a page and stays where it was scrolled to.
    bar = window.passages.browser.verticalScrollBar()
    bar.setValue(bar.maximum())
    at = bar.value()
    qtbot.waitUntil(lambda: len(window.passages.shown()["passages"]) == FIRST_PAGE + 2 * PAGE)
    assert bar.value() == at < bar.maximum()
    agree(qtbot, window)
    # Scrolling elsewhere adds nothing; a new selection starts with the first page again.
    bar.setValue(0)
    QApplication.processEvents()
    assert len(window.passages.shown()["passages"]) == FIRST_PAGE + 2 * PAGE
    window.state.select_places(["tabriz"])
    assert len(window.passages.shown()["passages"]) == min(FIRST_PAGE, len(window.state.passages()))
    agree(qtbot, window)


def test_the_passages_panel_renders_a_few_then_tops_up_until_it_is_full(qtbot, window):
    from caucasusmap.app.qt_panels import FIRST_PAGE, PassagesPanel

    def panel_of(height):
        panel = PassagesPanel(window.state)
        panel.resize(420, height)
        panel.show()
        qtbot.waitExposed(panel)
        return panel

    tall, short = panel_of(2400), panel_of(160)
    try:
        window.state.select_places(["iran"])
        total = len(window.state.passages())
        assert total > 3 * FIRST_PAGE
        # The click renders a handful, in both.
        assert len(tall.shown()["passages"]) == len(short.shown()["passages"]) == FIRST_PAGE
        settle(qtbot, window)
        qtbot.waitUntil(lambda: tall.browser.verticalScrollBar().maximum() > 0
                        or len(tall.shown()["passages"]) == total)
        # The tall panel was not full: topped up; the short one was: left as it was.
        assert len(tall.shown()["passages"]) > FIRST_PAGE
        assert len(short.shown()["passages"]) == FIRST_PAGE
        assert tall.shown()["passages"] == [p.id for p, _ in window.state.passages()][:len(tall.shown()["passages"])]
    finally:
        for panel in (tall, short):
            panel.unsubscribe()
            panel.close()
            panel.deleteLater()


def test_the_map_page_is_built_off_the_ui_thread(qtbot, window, monkeypatch):
    import threading

    import caucasusmap.maps as maps

    threads = []
    real = maps.build_map
    monkeypatch.setattr(maps, "build_map", lambda *a, **k: (threads.append(threading.current_thread()),
                                                             real(*a, **k))[1])
    window.state.set_filters(hide_references=True)
    settle(qtbot, window)
    assert threads and threading.main_thread() not in threads
    agree(qtbot, window)


def test_the_places_filter_folds_no_name_on_the_ui_thread(qtbot, window, monkeypatch):
    """The loader folds every place's names in its thread (the gazetteer
    keeps them); the places list, reset for another set of places, takes
    them from there and folds nothing itself (tens of thousands of names
    cost the UI thread ~60 ms at 1 GB)."""
    import caucasusmap.app.qt_panels as panels
    from caucasusmap.gazetteer import search_text

    folded = []
    monkeypatch.setattr(panels, "search_text", lambda p: (folded.append(p.id), search_text(p))[1])
    texts = window.index.gazetteer.search_texts
    assert texts is window.index.gazetteer.search_texts  # folded once per gazetteer
    first = window.index.gazetteer.places[0]
    window.state.set_filters(places=(first.id,))  # another set of places: the model is reset
    settle(qtbot, window)
    assert [p.id for p in window.places.model.places] == [first.id]
    assert window.places.model.search == [search_text(first)] and not folded
    window.state.set_filters(places=None)
    settle(qtbot, window)
    model = window.places.model
    assert len(model.places) > 1 and not folded
    assert model.search == [search_text(p) for p in model.places]


def test_reader_shows_the_title_once(qtbot, window):
    index = window.index
    for doc_id, in_text in (("sarmadi-qarabagh", True), ("iran-karabakh-abstract", False)):
        doc = next(d for d in index.corpus.documents if d.id.startswith(doc_id))
        window.state.select_passage(index.document_passages[doc.id][1].id)
        label, body = window.reader.title.text(), window.reader.browser.toPlainText()
        assert (html.escape(doc.title) in label) != in_text  # above the text only when the text lacks it
        assert (label.count(html.escape(doc.title)) + body.count(doc.title)) >= 1


def test_view_menu_help_and_icons(qtbot, window):
    bar = {a.text(): a.menu() for a in window.menuBar().actions()}
    view_actions = [a.text() for a in bar["&View"].actions()]
    assert "&Hide references sections" in view_actions
    assert "&Hide references sections" not in [a.text() for a in bar["&Selection"].actions()]
    window.references_action.trigger()
    assert window.state.filters.hide_references
    help_actions = [a.text() for a in bar["&Help"].actions()]
    assert "&Keyboard shortcuts" in help_actions and "&How to use caucasusmap" in help_actions
    keys = {(action, k) for _, action, k in window.shortcuts()}
    assert ("Clear", "Esc") in keys and ("Back", "Alt+Left") in keys
    dialog = window.show_shortcuts()
    assert "Alt+Left" in dialog.findChild(type(window.reader.browser).__mro__[1]).toPlainText()
    dialog.close()
    # Search results: places with a kind icon (no glyph), passages with their snippet, hit highlighted.
    window.search.edit.setText("Nurduz")
    qtbot.waitUntil(lambda: window.search.results.count() > 2, timeout=5000)
    items = [window.search.results.item(i) for i in range(window.search.results.count())]
    place = next(i for i in items if i.data(Qt.ItemDataRole.UserRole)[0] == "place")
    assert not place.icon().isNull() and "📍" not in place.text()
    from caucasusmap.app.qt_util import HTML_ROLE

    passages = [i for i in items if i.data(Qt.ItemDataRole.UserRole)[0] == "passage"]
    assert len({i.text() for i in passages}) == len(passages)  # not the same title on every row
    assert all(re.search(r"<b style=\"background:#fde68a\">Nurd[uü]z</b>", i.data(HTML_ROLE), re.I) for i in passages)


def test_problems_without_an_editor_say_so(qtbot, window, monkeypatch, tmp_path):
    from caucasusmap.errors import warning

    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    window.problems.open_url = lambda url: False  # no application opens the file
    window.problems.set_issues([warning(str(window.gazetteer_path / "places.yaml"), 3, 1, "something")])
    window.problems.itemActivated.emit(window.problems.item(0))
    box = window._last_warning
    assert box.isVisible() and "EDITOR" in box.text() and "places.yaml:3" in box.text()
    box.close()


def test_editor_gets_an_absolute_path_after_double_dash(qtbot, window, monkeypatch, tmp_path):
    """Issue 9 finding 2: a file named '+:!touch pwned' reached vim as a command."""
    from caucasusmap.app.qt_panels import editor_command
    from caucasusmap.errors import warning

    evil = tmp_path / "+:!touch pwned-by-vim"
    evil.write_text("x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert editor_command("vim", "+:!touch pwned-by-vim", 1) == ["vim", "+1", "--", str(evil)]
    runs = []
    monkeypatch.setenv("EDITOR", "vim -p")
    window.problems.popen = runs.append
    window.problems.set_issues([warning("+:!touch pwned-by-vim", 1, 0, "skipped")])
    window.problems.itemActivated.emit(window.problems.item(0))
    (argv,) = runs
    assert argv[:3] == ["vim", "-p", "+1"] and argv[3] == "--" and argv[4] == str(evil)
    assert not any(a.startswith("+:") for a in argv)


@pytest.mark.skipif(not shutil.which("vim"), reason="needs vim")
def test_a_real_vim_runs_no_command_from_a_file_name(tmp_path, monkeypatch):
    """Finding 2 with the editor itself: vim in batch mode given the command
    the Problems panel runs. The file name's ':!touch' must not run; the
    control (the argument list the app used to build) shows that it would."""
    from caucasusmap.app.qt_panels import editor_command

    monkeypatch.chdir(tmp_path)
    (tmp_path / "+:!touch pwned-by-vim").write_text("x\n", encoding="utf-8")
    vim = "vim -es -u NONE -i NONE -N"  # ex mode, no vimrc, no viminfo: reads no terminal
    subprocess.run(editor_command(vim, "+:!touch pwned-by-vim", 1), stdin=subprocess.DEVNULL, timeout=60,
                   capture_output=True)
    assert not (tmp_path / "pwned-by-vim").exists()
    subprocess.run([*vim.split(), "+1", "+:!touch pwned-by-vim"], stdin=subprocess.DEVNULL, timeout=60,
                   capture_output=True)  # the old command line
    assert (tmp_path / "pwned-by-vim").exists()


def test_user_text_is_plain_in_tooltips_and_labels(qtbot, data, tmp_path, monkeypatch):
    """Issue 9 finding 1: an <img src="/dev/zero"> in a title made Qt read
    /dev/zero on the UI thread (tooltips are rich text when they look like it)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QTextDocument

    from caucasusmap.app.qt_util import HTML_ROLE
    from caucasusmap.app.qt_window import MainWindow

    (data[1] / "field-report.md").write_text('# Field report <img src="/dev/zero">\n\nTabriz, then Field Camp.\n',
                                             encoding="utf-8")
    # A place whose name is markup (search results and Places tooltips show it).
    (data[0] / "hostile.yaml").write_text("places:\n  - id: field-camp\n"
                                          "    name: 'Field <img src=\"/dev/zero\"> Camp'\n"
                                          "    aliases: [Field Camp]\n"
                                          "    kind: village\n    lat: 39.1\n    lon: 46.1\n", encoding="utf-8")
    w = MainWindow(*data, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.index is not None and w.map.is_ready and w.extras_ready, timeout=30000)
    doc = next(d for d in w.index.corpus.documents if d.id.startswith("field-report"))
    tips = [w.documents.tooltip(i) for i in range(w.documents.count())]
    tip = next(t for t in tips if "Field report" in t)
    assert "<img" not in tip and "&lt;img" in tip
    w.search.edit.setText("Field")  # the window's full-text search, built in the background
    qtbot.waitUntil(lambda: w.search.results.count() >= 2, timeout=10000)
    results = [w.search.results.item(i) for i in range(w.search.results.count())]
    assert {item.data(Qt.ItemDataRole.UserRole)[0] for item in results} == {"place", "passage"}
    for item in results:  # plain text: the markup shown as text, never rendered
        tip = item.toolTip()
        assert "<img" not in tip and "<img" not in (item.data(HTML_ROLE) or "")
    assert sum("&lt;img" in item.toolTip() for item in results) >= 2  # the camp and the report
    w.state.select_passage(w.index.document_passages[doc.id][1].id)
    assert "<img" not in w.reader.title.text() and "<img" not in w.reader.browser.toHtml()
    model = w.places.model
    for r in range(min(50, model.rowCount())):
        tip = model.data(model.index(r, 0), Qt.ItemDataRole.ToolTipRole)
        assert tip.startswith("<p style='white-space:pre-wrap'>")
    (camp,) = [r for r in range(model.rowCount()) if model.data(model.index(r, 0), model.ID_ROLE) == "field-camp"]
    tip = model.data(model.index(camp, 0), Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tip and "Field &lt;img src=&quot;/dev/zero&quot;&gt; Camp" in tip
    # What the tooltip shows as rich text: the name as text, no image.
    doc_of_tip = QTextDocument()
    doc_of_tip.setHtml(tip)
    assert 'Field <img src="/dev/zero"> Camp' in doc_of_tip.toPlainText()
    assert "<img" not in doc_of_tip.toHtml().split("<body", 1)[1]
    w.warn("x", '<img src="/dev/zero"> could not be read')
    assert w._last_warning.textFormat() == Qt.TextFormat.PlainText
    w._last_warning.close()
    w.close()


def test_the_page_bridge_takes_only_what_the_page_needs(qtbot, window):
    """Issue 9 finding 12: the QWebChannel bridge let the page call
    deleteLater and placeMoved for any id."""
    bridge = window.map.bridge
    picked = []
    bridge.placesPicked.connect(picked.append)
    assert bridge.handle("placesClicked", [["tabriz", "atlantis"]]) and picked[-1] == ["tabriz"]
    assert not bridge.handle("deleteLater", [])
    assert not bridge.handle("placesClicked", [[1, 2]])
    assert not bridge.handle("placeMoved", ["tabriz", 38.0, 46.0])  # moving is off
    window.move_action.trigger()
    assert not bridge.handle("placeMoved", ["atlantis", 38.0, 46.0])
    assert not bridge.handle("placeMoved", ["tabriz", float("nan"), 46.0])
    assert not bridge.handle("mapClicked", [91.0, 46.0])
    assert not bridge.handle("viewChanged", [{"center": [40, 46], "zoom": 99}])
    window.move_action.trigger()
    # From the page itself: no Qt object to call, and no file to read.
    assert js(qtbot, window, "typeof qt === 'undefined' || typeof qt.webChannelTransport === 'undefined'")
    status = js(qtbot, window, """(function () { try { var x = new XMLHttpRequest();
        x.open('GET', 'file:///etc/hostname', false); x.send(); return 'read ' + x.status; }
        catch (e) { return 'refused'; } })()""")
    assert status == "refused"
    agree(qtbot, window)


def test_relative_paths_are_remembered_absolute(qtbot, data, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    from caucasusmap.app.qt_window import MainWindow, remembered_files

    monkeypatch.chdir(data[1].parent)
    settings = QSettings(str(tmp_path / "rel.ini"), QSettings.Format.IniFormat)
    w = MainWindow(data[0].relative_to(data[1].parent), data[1].relative_to(data[1].parent), settings=settings)
    qtbot.addWidget(w)
    w.close()
    assert settings.value("files/corpus") == str(data[1])
    settings.setValue("files/corpus", ".")  # what older versions stored
    monkeypatch.chdir(tmp_path.parent)
    assert remembered_files(settings, data[0], data[1])[1] == data[1]


def test_closing_is_quiet(tmp_path):
    """No "Release of profile requested but WebEnginePage still not deleted"
    and no Chromium console noise (D-Bus, GPU) in the terminal."""
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from PySide6.QtCore import QTimer
        from caucasusmap.app import qt_window
        from caucasusmap.app.launch import prepare_environment
        prepare_environment()
        shown = qt_window.MainWindow.show
        def show(self):
            shown(self)
            def done():
                self.close()
                QTimer.singleShot(200, qt_window.QApplication.instance().quit)
            self.map.ready.connect(done)
        qt_window.MainWindow.show = show
        sys.exit(qt_window.launch(Path({str(_gazetteer())!r}), Path({str(_corpus())!r})))
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    env.pop("QTWEBENGINE_CHROMIUM_FLAGS", None)
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    for noise in ("Release of profile", "bus.cc", "Failed to connect to the bus", "QRhiGles2", "Vulkan", "GBM"):
        assert noise not in r.stderr, r.stderr[-2000:]


def _gazetteer():
    from _data import BUNDLED_GAZETTEER

    return BUNDLED_GAZETTEER


def _corpus():
    from _data import BUNDLED_CORPUS

    return BUNDLED_CORPUS


@pytest.mark.parametrize("source", ["list", "map"])
def test_list_and_map_clicks_take_the_same_path(qtbot, window, source):
    if source == "list":
        click_row(window, "shusha")
    else:
        window.map.bridge.handle("placesClicked", [["shusha"]])
    assert window.state.current.places == ("shusha",)
    agree(qtbot, window)


def test_the_maps_time_control_filters_every_panel_without_a_rebuild(qtbot, window):
    settle(qtbot, window)
    generation = window.map_controller.generation
    assert window.map.bridge.handle("timeRangeChanged", ["2021", None])  # what the page's control sends
    assert window.state.filters.time_range == ("2021", None)
    assert not window.map.bridge.handle("timeRangeChanged", ["last year", None])
    window.state.select_places(["karabakh"])
    dated = {d.id for d in window.index.corpus.documents if (d.date or str(d.year or "")) >= "2021"}
    assert all(p.document in dated for p in (p for p, _ in window.state.passages()))
    settle(qtbot, window)
    assert window.map_controller.generation == generation  # the page filtered itself
    assert disagreements(window) == []


def test_a_long_document_is_read_a_window_at_a_time(qtbot, data, tmp_path):
    """Issue 9 finding 9: the app must not build huge pages on the UI thread."""
    from PySide6.QtCore import QSettings, QUrl

    from caucasusmap.app.qt_panels import READER_WINDOW
    from caucasusmap.app.qt_window import MainWindow

    n = READER_WINDOW * 3
    (data[1] / "long.md").write_text("\n\n".join(f"Paragraph {k} from Tabriz." for k in range(1, n + 1)) + "\n",
                                     encoding="utf-8")
    w = MainWindow(*data, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.index is not None and w.map.is_ready and w.extras_ready, timeout=30000)
    passages = w.index.document_passages["long"]
    target = passages[int(n * 0.8)]
    w.state.select_passage(target.id)
    text = w.reader.browser.toPlainText()
    assert f"Paragraph {int(n * 0.8) + 1} from" in text and "Paragraph 1 from" not in text
    assert "Earlier passages" in text and target.id in w.reader.shown()["window"]
    assert len(w.reader.shown()["window"]) <= READER_WINDOW
    w.reader.browser.anchorClicked.emit(QUrl("more:0"))  # ◀ Earlier, back to the start
    assert "Paragraph 1 from" in w.reader.browser.toPlainText()
    w.close()


ROOT_CAUSE = textwrap.dedent("""
    # The places list's own model, proxy and view, wired as the old window was: a
    # selection change answered at once by a change of the model (the distances to
    # the one selected place), while the filter box is typed in.
    import random, sys
    from PySide6.QtCore import QItemSelectionModel, Qt
    from PySide6.QtWidgets import QApplication, QTableView
    from caucasusmap.app.qt_panels import PlacesFilter, PlacesModel
    from caucasusmap.gazetteer import load_gazetteer

    app = QApplication([])
    places = list(load_gazetteer(sys.argv[1]).places)
    model = PlacesModel(); proxy = PlacesFilter(); proxy.setSourceModel(model)
    # Dynamic filtering on, as Qt's default and as the list had it then (the list
    # now has it off): the hold must keep the pass safe by itself.
    proxy.setDynamicSortFilter(True)
    model.set_data(places, [len(p.name) for p in places], [1] * len(places))
    view = QTableView(); view.setModel(proxy); view.setSortingEnabled(True)
    view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.show()

    def selection_changed(*_):
        rows = view.selectionModel().selectedRows()
        one = proxy.mapToSource(rows[0]).row() if len(rows) == 1 else None
        model.set_distances([None if one is None else float(abs(r - one)) for r in range(len(places))])

    view.selectionModel().selectionChanged.connect(selection_changed)
    rng = random.Random(13)
    for step in range(400):
        n = proxy.rowCount()
        for r in rng.sample(range(n), min(n, rng.randint(1, 3))):
            view.selectionModel().select(proxy.index(r, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                         | QItemSelectionModel.SelectionFlag.Rows)
        proxy.set_query(rng.choice(["", "N", "Na", "Nak", "T", "Te", "Teb", "a", "zz", "Sh", "k"]))
        app.processEvents()
        for r in range(proxy.rowCount()):
            src = proxy.mapToSource(proxy.index(r, 0))
            if not src.isValid() or not proxy.data(proxy.index(r, 0)):
                sys.exit(f"step {step}: row {r} is a ghost")
    print("ok")
""")


def test_the_places_model_never_changes_inside_the_filter_pass(tmp_path):
    """The segfault's root, without the window: the filter pass removes rows,
    the view's selection model emits selectionChanged from inside the pass,
    and a model change answered there (dataChanged: the dynamically filtering
    proxy filters again) corrupted the proxy's row mapping. Without
    ``PlacesModel.held`` this script crashes (exit 139 or an abort in malloc)
    within its first few hundred filter changes."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, "-c", ROOT_CAUSE, str(_gazetteer())], capture_output=True, text=True,
                       env=env, timeout=300)
    assert r.returncode == 0 and r.stdout.strip() == "ok", (r.returncode, r.stderr[-2000:])
    assert "Invalid index" not in r.stderr, r.stderr[-2000:]


def test_the_places_model_index_agrees_with_qts_own(qapp):
    """PlacesModel.index (one call into Python per cell asked for, not three)
    answers as the inherited QAbstractTableModel.index does."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex

    from caucasusmap.app.qt_panels import PlacesModel
    from caucasusmap.gazetteer import load_gazetteer

    places = list(load_gazetteer(_gazetteer()).places)[:7]
    model = PlacesModel()
    model.set_data(places, [1] * len(places), [1] * len(places))
    inside = model.index(2, 1)
    for parent in (QModelIndex(), inside):
        for r in range(-2, len(places) + 2):
            for c in range(-1, 7):
                ours, qts = model.index(r, c, parent), QAbstractTableModel.index(model, r, c, parent)
                assert (ours.isValid(), ours.row(), ours.column()) == (qts.isValid(), qts.row(), qts.column())
                if ours.isValid():
                    assert ours.model() is model and ours.data() == places[r].name if c == 0 else True
    assert model.index(3, 0) == QAbstractTableModel.index(model, 3, 0)


def _places_list(column, order):
    """The places list's model, filter and a view sorted by ``column``."""
    from PySide6.QtWidgets import QTableView

    from caucasusmap.app.qt_panels import PlacesFilter, PlacesModel

    model, proxy = PlacesModel(), PlacesFilter()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(column, order)
    return model, proxy, view


def test_the_places_list_sorts_without_asking_each_row_at_each_comparison(qapp, monkeypatch):
    """The proxy's own sort asked data() from C++ twice per comparison:
    n log n calls into Python (3.5 s of the UI thread when an index of
    20,000 places arrived). The model sorts its rows itself: a reset of
    3,000 places asks data() of no row the view does not paint, and the
    rows come in the order the proxy's stable sort gave them — by any
    column, either way, ties in the given order — keeping the selection."""
    from types import SimpleNamespace

    from PySide6.QtCore import QItemSelectionModel

    from caucasusmap.app.qt_panels import PlacesModel

    n = 3000
    places = [SimpleNamespace(id=f"p{k}", name=f"{'BaAb'[k % 4]}lace {k % 97}", kind=("town", "village")[k % 2],
                              names=(f"Place {k}",), aliases=(), note="") for k in range(n)]
    mentions = [(k * 7919) % 50 for k in range(n)]
    docs = [k % 5 for k in range(n)]
    model, proxy, view = _places_list(2, Qt.SortOrder.DescendingOrder)
    calls = []
    data = PlacesModel.data
    monkeypatch.setattr(PlacesModel, "data", lambda self, *a: calls.append(1) or data(self, *a))
    model.set_data(places, mentions, docs)
    assert len(calls) < 100, len(calls)  # the old sort: some 60,000

    def rows():
        return [proxy.data(proxy.index(r, 0), PlacesModel.ID_ROLE) for r in range(proxy.rowCount())]

    def stable(key, reverse):
        return [places[k].id for k in sorted(range(n), key=key, reverse=reverse)]

    assert rows() == stable(mentions.__getitem__, True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert rows() == stable(lambda k: places[k].name.casefold(), False)
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert rows() == stable(lambda k: places[k].kind, True)
    view.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    assert rows() == stable(docs.__getitem__, False)
    # A selected row stays selected when the rows move (a new count, a distance).
    pick = rows().index("p17")
    view.selectionModel().select(proxy.index(pick, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                 | QItemSelectionModel.SelectionFlag.Rows)
    model.set_data(places, mentions, [9 if k == 17 else d for k, d in enumerate(docs)])
    assert rows()[-1] == "p17"
    selected = [proxy.data(i, PlacesModel.ID_ROLE) for i in view.selectionModel().selectedRows()]
    assert selected == ["p17"]
    view.sortByColumn(4, Qt.SortOrder.AscendingOrder)
    km = [float((k * 31) % 101) if k % 3 else None for k in range(n)]
    model.set_distances(km)
    assert rows() == stable(lambda k: float("inf") if km[k] is None else km[k], False)
    assert [proxy.data(i, PlacesModel.ID_ROLE) for i in view.selectionModel().selectedRows()] == ["p17"]
    proxy.set_query("place 5")  # the filter keeps the model's order
    assert rows() == [p for p in stable(lambda k: float("inf") if km[k] is None else km[k], False)
                      if "place 5" in model.search[int(p[1:])]]
    proxy.set_query("")
    # New counts for more rows than _MANY (one dataChanged over them all): sorted again too.
    view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    mentions = [(k * 104729) % 61 for k in range(n)]
    model.set_data(places, mentions, docs)
    assert rows() == stable(mentions.__getitem__, True)


def test_new_distances_and_counts_do_not_filter_every_row_again(qapp, monkeypatch):
    """With one place selected, every click gives each row a new distance;
    the dynamically filtering proxy answered that dataChanged by asking
    filterAcceptsRow of every row (20,000 calls into Python a click for a
    list of 20,000 places). Names change only with a reset, so the filter
    runs when the query or the places change, not for new numbers — and the
    filtered rows stay right across them."""
    from types import SimpleNamespace

    from caucasusmap.app.qt_panels import PlacesModel

    n = 500
    places = [SimpleNamespace(id=f"p{k}", name=f"Place {k}", kind="village", names=(f"Place {k}",), aliases=(),
                              note="") for k in range(n)]
    calls = []  # the filter's questions: a row's folded names
    data = PlacesModel.data
    monkeypatch.setattr(PlacesModel, "data", lambda self, index, role=Qt.ItemDataRole.DisplayRole: (
        calls.append(1) if role == PlacesModel.SEARCH_ROLE else None) or data(self, index, role))
    model, proxy, view = _places_list(0, Qt.SortOrder.AscendingOrder)
    model.set_data(places, [k % 7 for k in range(n)], [1] * n)
    assert proxy.rowCount() == n and not calls  # an empty query takes every row without asking one
    proxy.set_query("place 1")
    shown = [proxy.data(proxy.index(r, 0), PlacesModel.ID_ROLE) for r in range(proxy.rowCount())]
    assert calls and shown == sorted((p.id for p in places if p.name.startswith("Place 1")),
                                     key=lambda i: f"place {i[1:]}")
    calls.clear()
    model.set_distances([float(k) for k in range(n)])
    model.set_data(places, [k % 5 for k in range(n)], [2] * n)  # new counts, same places
    assert len(calls) < 10, len(calls)
    assert [proxy.data(proxy.index(r, 0), PlacesModel.ID_ROLE) for r in range(proxy.rowCount())] == shown
    assert proxy.data(proxy.index(0, 3)) == 2 and proxy.data(proxy.index(0, 4)) == "1"


def test_docks_leave_the_map_room_and_the_layout_is_remembered(qtbot, data, tmp_path):
    """At 1024 x 700 the fixed dock widths left the map ~190 px wide."""
    from PySide6.QtCore import QSettings

    from caucasusmap.app.qt_window import MainWindow, default_dock_widths

    settings = tmp_path / "layout.ini"
    w = MainWindow(*data, settings=QSettings(str(settings), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.resize(1024, 700)
    w.show()
    qtbot.waitUntil(lambda: w.map.width() > 0 and w.places_dock.width() > 0, timeout=10000)
    QApplication.processEvents()
    left, right = default_dock_widths(1024)
    assert w.map.width() >= 400, (w.places_dock.width(), w.map.width(), w.passages_dock.width())
    assert abs(w.places_dock.width() - left) < 30 and abs(w.passages_dock.width() - right) < 30
    assert w.places_dock.height() > w.documents_dock.height()  # the list above, documents below
    # The user's own layout comes back next time, not the default (a window that fits the
    # offscreen platform's 800 x 600 screen: a larger one is shrunk to fit when restored).
    w.resize(780, 560)
    QApplication.processEvents()
    w.resizeDocks([w.places_dock], [250], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    chosen = w.places_dock.width()
    w.close()
    again = MainWindow(*data, settings=QSettings(str(settings), QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.places_dock.width() > 0, timeout=10000)
    QApplication.processEvents()
    assert abs(again.places_dock.width() - chosen) <= 4, (again.places_dock.width(), chosen)
    again.close()
    assert default_dock_widths(1400)[0] + default_dock_widths(1400)[1] < 1400 * 0.6


def test_place_names_stay_readable_at_1024(qtbot, data, tmp_path):
    """At 1024 x 700 the places list cut names to three letters (a 62 px name
    column beside the counts and distances); the list keeps a readable name
    column, the map its share, and a narrower window does not squeeze it."""
    from PySide6.QtCore import QSettings

    from caucasusmap.app.qt_panels import PlacesPanel
    from caucasusmap.app.qt_window import MainWindow

    w = MainWindow(*data, settings=QSettings(str(tmp_path / "n.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.resize(1024, 700)
    w.show()
    qtbot.waitUntil(lambda: w.index is not None and w.places.model.rowCount() > 0, timeout=30000)
    w.state.select_places(["nurduz"])  # distances to it: the km column wants room too
    qtbot.waitUntil(lambda: any(x is not None for x in w.places.model.km), timeout=5000)
    QApplication.processEvents()
    table, proxy = w.places.table, w.places.proxy
    name = table.columnWidth(0)
    assert name >= PlacesPanel.MIN_NAME_WIDTH, (name, w.places_dock.width())
    fm = table.fontMetrics()
    rows = range(min(20, proxy.rowCount()))
    names = [proxy.data(proxy.index(r, 0)) for r in rows]
    whole = [n for n in names if fm.horizontalAdvance(n) + table.iconSize().width() + 16 <= name]
    assert len(whole) >= 0.8 * len(names), (name, [n for n in names if n not in whole])
    assert all(not table.isColumnHidden(c) for c in (2, 3))  # the counts stay
    assert w.map.width() >= 400
    w.resize(800, 600)
    QApplication.processEvents()
    assert w.places.width() >= w.places.minimum_width() and table.columnWidth(0) >= PlacesPanel.MIN_NAME_WIDTH
    w.close()


def test_the_review_queue_leaves_the_map_its_share_at_1024(qtbot, data, tmp_path):
    """The review queue's dock is wider than the passages': at 1024 x 700 it
    left the map a third of the window; the lists on the left give way."""
    from _apphelpers import open_review_queue
    from caucasusmap.app.qt_window import MAP_SHARE

    w = open_review_queue(qtbot, data, tmp_path / "r.ini", 1024, 700)
    qtbot.waitUntil(lambda: w.map.width() >= round(1024 * MAP_SHARE) - 4, timeout=5000)
    assert w.places_dock.width() >= 200 and w.review_dock.width() >= w.review_dock.minimumSizeHint().width()
    w.close()


def test_passages_follow_the_time_range_through_the_session(qtbot, window):
    """The map's "Documents dated" control sets the session's time range; the
    Passages panel (and its header's counts) follow it, with no page rebuild."""
    window.state.select_places(["karabakh"])
    settle(qtbot, window)
    before = window.passages.shown()["passages"]
    docs = {d.id: (d.date or str(d.year or "")) for d in window.index.corpus.documents}
    years = sorted({v[:4] for v in docs.values() if v})
    assert len(years) >= 2 and len({p.document for p, _ in window.state.passages()}) >= 2
    last = years[-1]
    # The user picks the last year in both boxes of the page's control.
    assert js(qtbot, window, f"""(function () {{ var s = document.querySelectorAll('.cm-time select');
        s[0].value = '{last}'; s[0].dispatchEvent(new Event('change'));
        s[1].value = '{last}'; s[1].dispatchEvent(new Event('change')); return 1; }})()""") == 1
    qtbot.waitUntil(lambda: window.state.filters.time_range == (last, last), timeout=20000)
    settle(qtbot, window)
    shown = window.passages.shown()["passages"]
    assert shown and shown != before
    assert all(docs[window.index.passages[p].document].startswith(last) for p in shown)
    assert shown == [p.id for p, _ in window.state.passages()][: len(shown)]
    total = sum(n for _, n in window.state.passages())
    assert f"{len(window.state.passages())} passage" in window.passages.header.text()
    assert f"{total} mention" in window.passages.header.text()
    agree(qtbot, window)
    # Back to every year: the passages come back.
    window.state.set_filters(time_range=None)
    settle(qtbot, window)
    assert window.passages.shown()["passages"] == before
    agree(qtbot, window)



def test_new_counts_for_the_same_places_update_rows_in_place(qtbot, window):
    """A review decision or another document filter changes counts, not the
    places: the model updates the rows that changed (no reset), so the list
    keeps its selection and scroll position and the counts are the view's."""
    model = window.places.model
    resets, changed = [], []
    model.modelReset.connect(lambda: resets.append(1))
    # (rows are in the list's sort order; the model's lists in the view's)
    model.dataChanged.connect(lambda a, b, *_: changed.extend(model.order[r] for r in range(a.row(), b.row() + 1)))
    window.state.select_places(["tabriz"])
    settle(qtbot, window)
    before = list(model.mentions)
    doc = window.index.corpus.documents[0].id
    others = tuple(d.id for d in window.index.corpus.documents if d.id != doc)
    window.state.set_filters(documents=others)
    settle(qtbot, window)
    assert not resets
    moved = {r for r, (a, b) in enumerate(zip(before, model.mentions)) if a != b}
    assert moved and moved <= set(changed)
    assert window.places.shown()["selected"] == ["tabriz"]
    agree(qtbot, window)
    # Other places (a place filter): a reset, and the list still agrees.
    window.state.set_filters(documents=None, places=("tabriz", "nurduz", "shusha"))
    settle(qtbot, window)
    assert resets
    agree(qtbot, window)


def test_the_reader_keeps_its_text_and_moves_the_highlights_within_a_document(qtbot, window, monkeypatch):
    """A click on a place or passage of the document the reader shows paints
    the highlights over the text: the text is not set again (no setHtml, the
    document's revision unchanged), the highlights follow the selection, and
    the mentions are not bold (the highlight carries the selection)."""
    index = window.index
    doc = max(index.corpus.documents, key=lambda d: len(index.document_passages.get(d.id, [])))
    window.reader.open_document(doc.id)
    browser = window.reader.browser
    named = window.reader._window_places(index, doc.id, index.document_passages[doc.id])
    absent = next(p.id for p in index.gazetteer.places if p.id not in named)
    one, two = sorted(named, key=lambda pid: -len(browser.place_spans().get(pid, ())))[:2]
    drawn = []
    real = browser.set_passages_html
    monkeypatch.setattr(browser, "set_passages_html", lambda m: (drawn.append(m), real(m)))
    for name in ("setHtml", "setPlainText"):
        monkeypatch.setattr(browser, name, lambda *a, _n=name: drawn.append(_n))
    revision = browser.document().revision()
    assert "<b>" not in browser.toHtml().split("<body", 1)[1]

    def painted():
        return sorted(x.cursor.selectedText() for x in browser.extraSelections())

    def mentions(pid):
        plain = browser.document().toPlainText()
        return sorted(plain[a:a + n] for a, n in browser.place_spans()[pid])

    window.state.select_places([absent])
    settle(qtbot, window)
    assert painted() == []
    window.state.select_places([one])
    settle(qtbot, window)
    assert painted() == mentions(one) and painted()
    assert {k: sorted(v) for k, v in window.reader.lit().items()} == {one: mentions(one)}
    assert all(len(m) > 1 for m in mentions(one))  # whole names, not a link's first fragment
    window.state.select_places([two])
    settle(qtbot, window)
    assert painted() == mentions(two) and painted() != mentions(one)
    # A passage of the same document: tinted and scrolled to, the text still as it was.
    passages = index.document_passages[doc.id]
    late = next(p for p in reversed(passages[:400]) if p.kind != "heading" and index.reading_text(p.id)[0].strip())
    browser.verticalScrollBar().setValue(0)
    window.state.select_passage(late.id)
    settle(qtbot, window)
    tints = [x for x in browser.extraSelections() if x.format.background().color().name() == "#fff7d6"]
    assert len(tints) == 1 and index.reading_text(late.id)[0].split()[0] in tints[0].cursor.selectedText()
    assert browser.verticalScrollBar().value() > 0
    assert window.reader.shown()["passage"] == late.id
    assert drawn == [] and browser.document().revision() == revision
    assert window.reader.shown()["document"] == doc.id
    agree(qtbot, window)


def test_the_map_check_sees_a_missing_place_and_a_wrong_count(qtbot, window):
    """The soak's map check can fail: a place the view mentions but the page
    does not draw, or drawn with another count, is reported."""
    settle(qtbot, window)
    page = js(qtbot, window, MAP_STATE)
    assert map_disagreements(window, page) == []
    missing = dict(page, places=page["places"][1:], counts=page["counts"][1:])
    assert any("does not draw" in d and page["places"][0] in d for d in map_disagreements(window, missing))
    wrong = dict(page, counts=[page["counts"][0] + 1] + page["counts"][1:])
    assert any("counts differ" in d for d in map_disagreements(window, wrong))


def test_a_ready_of_the_page_being_replaced_does_not_mark_the_new_one_ready(qtbot, window):
    """The page's "ready" travels as a request; one from the page being
    replaced can arrive after the new page started loading. It must not mark
    the new page ready, or calls run on a page whose data is not there yet
    (it did: "Cannot read properties of undefined" from caucasusmap.select)."""
    from dataclasses import replace

    from caucasusmap.maps import build_map, view_payload

    settle(qtbot, window)
    m, old = window.map, window.map._generation
    view = replace(window.state.current_view(), passage=None)
    payload = view_payload(window.index, view, passages="none")
    html = build_map(window.index, view, explorer=False, payload=payload)
    m.set_page_html(html, [p["id"] for p in payload["places"]])
    for stale in ([], [old]):  # what the old page sends (before numbered pages, and now)
        m.bridge.handle("ready", stale)
        assert not m.is_ready
    qtbot.waitUntil(lambda: m.is_ready, timeout=20000)
    assert js(qtbot, window, "caucasusmap._state.byId !== undefined")
    agree(qtbot, window)
