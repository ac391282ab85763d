"""Reviewing links in the app: context menus, the place chooser, the queue with single keys."""

import csv
import io
import json

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu

from caucasusmap.app.qt_review import PlaceChooser, selection_span
from caucasusmap.review import read_decisions


def decisions(window):
    return read_decisions(window.corpus_path / "annotations.jsonl")[0]


def show_passage_of(window, qtbot, place, surface):
    """Select a place and return (passage id, document, start) of a mention of it."""
    from collections import Counter

    window.state.select_places([place], source="test")
    index = window.index
    found = [m for m in index.mentions if m.place == place and m.surface == surface and m.status == "automatic"]
    busiest = Counter(m.document for m in found).most_common(1)[0][0]  # "apply to all" has something to do
    m = next(m for m in found if m.document == busiest)
    window.state.select_passage(m.passage, source="test")
    qtbot.waitUntil(lambda: window.reader.shown()["passage"] == m.passage, timeout=10000)
    return m


def menu_texts(window, browser, anchor):
    menu = QMenu()
    for hook in browser.menu_hooks:
        hook(menu, anchor, QPoint(0, 0))
    return menu, [a.text() for a in menu.actions() if a.text()]


def trigger(menu, starts):
    action = next(a for a in menu.actions() if a.text().startswith(starts))
    action.trigger()


def test_context_menu_confirms_and_rejects_with_counts(window, qtbot):
    before = len(decisions(window))
    m = show_passage_of(window, qtbot, "tabriz", "Tabriz")
    anchor = f"place:tabriz@{m.document}:{m.start}:{m.end}"
    menu, texts = menu_texts(window, window.passages.browser, anchor)
    assert texts[0] == "✓ Confirm: “Tabriz” is Tabriz"
    assert "Change to another place…" in texts and "✗ Reject: “Tabriz” is no place here" in texts
    same_doc = sum(1 for x in window.index.mentions if x.document == m.document and x.surface == "Tabriz"
                   and x.place == "tabriz")
    assert f"Confirm every identical mention in this document ({same_doc})" in texts
    trigger(menu, "✓ Confirm")
    assert len(decisions(window)) == before + 1  # written at once
    # Every panel gets the reviewed index a moment later (once the keys pause).
    qtbot.waitUntil(lambda: next(x.status for x in window.index.mentions
                                 if x.document == m.document and x.start == m.start) == "confirmed", timeout=5000)
    # The checked style reaches the passages and the reader.
    qtbot.waitUntil(lambda: "#15803d" in window.reader.browser.toHtml(), timeout=5000)
    menu, texts = menu_texts(window, window.passages.browser, anchor)
    assert any(t.startswith("Clear my decision (confirmed") for t in texts)
    # Reject every identical one in the document, after the count is confirmed.
    asked = []
    window.review.confirm_many = lambda plan: asked.append(plan.count) or True
    trigger(menu, "Reject every identical mention in this document")
    assert asked == [same_doc]  # this one (re-decided) and every identical unchecked one
    qtbot.waitUntil(lambda: len(decisions(window)) == before + same_doc, timeout=5000)
    qtbot.waitUntil(lambda: "line-through" in window.reader.browser.toHtml(), timeout=5000)
    window.review.undo()
    assert len(decisions(window)) == before + 1
    assert window.statusBar().currentMessage().startswith("Undo: reject")


def test_change_through_the_place_chooser(window, qtbot):
    m = show_passage_of(window, qtbot, "azerbaijan", "Azerbaijan")
    dialog = window.review.choose_place("change", m.document, m.start, m.end, "azerbaijan")
    assert isinstance(dialog, PlaceChooser)
    first = [dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.list.count())]
    assert {"iranian-azerbaijan", "historical-azerbaijan", "east-azerbaijan"} <= set(first[:6])
    dialog.filter.setText("urmi")  # search every place
    found = [dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.list.count())]
    assert found and all("urmi" in pid or "urmi" in window.index.gazetteer.by_id[pid].name.lower() for pid in found)
    dialog.filter.clear()
    dialog.choose("iranian-azerbaijan")
    d = next(d for d in decisions(window) if d.start == m.start and d.action == "change")
    assert (d.action, d.place, d.was) == ("change", "iranian-azerbaijan", "azerbaijan")


def test_selected_text_links_to_a_place(window, qtbot):
    index = window.index
    # A word the linker does not link: select it in the reader.
    m = show_passage_of(window, qtbot, "nurduz", "Nurduz")
    doc = index.corpus.by_id[m.document]
    passage = index.passages[m.passage]
    text, spans = index.reading_text(passage.id)
    word = next(w for w in text.split() if w.isalpha() and len(w) > 6 and w[0].isupper()
                and not any(a <= text.index(w) < b for a, b, _ in spans))
    browser = window.reader.browser
    plain = browser.document().toPlainText()
    at = plain.index(text[:24], browser._starts[browser._ids.index(passage.id)]) + text.index(word)
    cursor = browser.textCursor()
    cursor.setPosition(at)
    cursor.setPosition(at + len(word), QTextCursor.MoveMode.KeepAnchor)
    browser.setTextCursor(cursor)
    span = selection_span(browser, index)
    assert span is not None and doc.text[span[1]:span[2]] == word
    menu, texts = menu_texts(window, browser, "")
    assert f"Link “{word}” to a place…" in texts
    trigger(menu, "Link “")
    window.review.chooser.choose("nurduz")
    d = next(d for d in decisions(window) if d.exact == word)
    assert (d.action, d.place) == ("add", "nurduz")
    qtbot.waitUntil(lambda: any(x.status == "added" and x.surface == word for x in window.index.mentions),
                    timeout=5000)


def test_review_queue_with_single_keys(window, qtbot):
    window.start_review()
    panel = window.review_queue
    first = panel.current()
    assert first is not None and panel.progress.text().startswith("28 of ")
    assert window.state.current.places[0] == first.place  # the map shows it and its alternatives
    assert len(window.state.current.places) > 1
    qtbot.keyClick(panel, Qt.Key.Key_C)
    assert panel.progress.text().startswith("29 of ")
    second = panel.current()
    assert (second.document, second.start) != (first.document, first.start)
    qtbot.keyClick(panel, Qt.Key.Key_X)
    assert panel.progress.text().startswith("30 of ")
    third = panel.current()
    qtbot.keyClick(panel, Qt.Key.Key_S)  # skip
    assert panel.progress.text().startswith("30 of ") and "1 skipped" in panel.progress.text()
    fourth = panel.current()
    target = panel._alternatives[0][0]
    qtbot.keyClick(panel, Qt.Key.Key_1)
    changed = next(d for d in decisions(window) if d.start == fourth.start and d.source)
    assert (changed.action, changed.place) == ("change", target)
    qtbot.keyClick(panel, Qt.Key.Key_U)  # undo the change: back on that mention
    assert (panel.current().document, panel.current().start) == (fourth.document, fourth.start)
    qtbot.keyClick(panel, Qt.Key.Key_B)
    assert (panel.current().document, panel.current().start) == (third.document, third.start)
    # D: every identical mention in this document at once.
    qtbot.keyClick(panel, Qt.Key.Key_D)
    assert panel.all_in_document.isChecked()
    n = int(panel.all_in_document.text().split("(")[1].split(")")[0])
    before = len(decisions(window))
    qtbot.keyClick(panel, Qt.Key.Key_C)
    assert len(decisions(window)) == before + n


def test_decisions_file_edited_elsewhere_is_picked_up(window, qtbot):
    path = window.corpus_path / "annotations.jsonl"
    index = window.index
    m = next(m for m in index.mentions if m.place == "tabriz" and m.status == "automatic")
    doc = index.corpus.by_id[m.document]
    line = {"id": "byhand1", "action": "reject", "source": doc.path.rsplit("/", 1)[-1], "start": m.start,
            "end": m.end, "exact": m.surface, "was": "tabriz"}
    path.write_text(path.read_text(encoding="utf-8") + json.dumps(line) + "\n", encoding="utf-8")
    qtbot.waitUntil(lambda: window.index.review is not None
                    and any(d.id == "byhand1" for d in window.index.review.decisions), timeout=15000)
    assert not any(x.document == m.document and x.start == m.start for x in window.index.mentions)


def test_concurrent_edit_of_the_same_mention_is_refused_and_reloaded(window, qtbot):
    m = show_passage_of(window, qtbot, "tabriz", "Tabriz")
    review = window.review.review  # bound to the index shown now
    path = window.corpus_path / "annotations.jsonl"
    doc = window.index.corpus.by_id[m.document]
    other = {"id": "elsewhere1", "action": "confirm", "place": "tabriz", "was": "tabriz",
             "source": doc.path.rsplit("/", 1)[-1], "start": m.start, "end": m.end, "exact": m.surface}
    path.write_text(path.read_text(encoding="utf-8") + json.dumps(other) + "\n", encoding="utf-8")
    warned = []
    window.review.warning.disconnect()
    window.review.warning.connect(lambda title, text: warned.append(title))
    # Decided at once, before the app's watcher had a chance to reload the file.
    assert not window.review.decide("reject", m.document, m.start)
    assert warned == ["The decisions file changed"]
    assert [d.action for d in decisions(window) if d.start == m.start and d.exact == "Tabriz"] == ["confirm"]
    assert "elsewhere1" in review.file.by_id and window.index is review.index  # reloaded and shown
    # After the reload the user can decide, knowingly replacing it.
    assert window.review.decide("reject", m.document, m.start)


def test_keyboard_reaches_a_mention_in_the_reader_and_opens_its_review_menu(window, qtbot):
    m = show_passage_of(window, qtbot, "tabriz", "Tabriz")
    browser = window.reader.browser
    browser.setFocus()
    target = f"place:tabriz@{m.document}:{m.start}:{m.end}"
    for _ in range(400):  # Tab walks the links of the text
        if browser.anchor_at_cursor() == target:
            break
        browser.focusNextPrevChild(True)
    assert browser.anchor_at_cursor() == target
    menu = browser.context_menu(browser.cursorRect().center(), browser.anchor_at_cursor())
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[0] == "✓ Confirm: “Tabriz” is Tabriz"
    assert not any(t.startswith("Link “") for t in texts)  # the link's own text is not offered to link again
    trigger(menu, "✓ Confirm")
    assert any(d.start == m.start and d.action == "confirm" for d in decisions(window))


def test_queue_offers_unlinked_names_to_link_or_dismiss(window, qtbot):
    from caucasusmap.normalize import fold_phrase

    panel = window.review_queue
    qtbot.waitUntil(lambda: bool(panel.candidates), timeout=30000)  # the unlinked names, found in the background
    window.start_review()
    unlinked = [k for k, i in enumerate(panel.queue) if not i.place]
    assert unlinked and unlinked[0] > 0  # after the doubtful links
    panel.pos = unlinked[0]
    panel._advance()
    item = panel.current()
    assert not item.place and "is not linked" in panel.where.text() and not panel.buttons["C"].isEnabled()
    said = []
    panel.notAPlace.disconnect()
    panel.notAPlace.connect(said.append)
    qtbot.keyClick(panel, Qt.Key.Key_X)  # no place: the name goes to not-places.txt, all of it leaves the queue
    assert said == [item.surface]
    assert all(fold_phrase(i.surface) != fold_phrase(item.surface) or (i.document, i.start) in panel.skipped
               for i in panel.queue[panel.pos:] if not i.place)
    nxt = next(k for k, i in enumerate(panel.queue) if not i.place and (i.document, i.start) not in panel.skipped)
    panel.pos = nxt
    panel._advance()
    item = panel.current()
    qtbot.keyClick(panel, Qt.Key.Key_O)  # another place: the chooser, to link it
    window.review.chooser.choose("tabriz")
    d = next(d for d in decisions(window) if d.start == item.start and d.exact == item.surface)
    assert (d.action, d.place) == ("add", "tabriz")
    qtbot.waitUntil(lambda: panel.current() is None or (panel.current().document, panel.current().start)
                    != (item.document, item.start), timeout=5000)


def select_in_reader(window, qtbot, passage_id, at, length):
    """Select ``length`` characters at ``at`` of a passage's reading text in the reader."""
    window.state.select_passage(passage_id, source="test")
    qtbot.waitUntil(lambda: window.reader.shown()["passage"] == passage_id, timeout=10000)
    browser = window.reader.browser
    text, _ = window.index.reading_text(passage_id)
    plain = browser.document().toPlainText()
    q = plain.index(text[:24], browser._starts[browser._ids.index(passage_id)]) + at
    cursor = browser.textCursor()
    cursor.setPosition(q)
    cursor.setPosition(q + length, QTextCursor.MoveMode.KeepAnchor)
    browser.setTextCursor(cursor)
    return browser


def test_selected_text_links_to_a_new_place_through_the_checked_form(window, qtbot, data):
    """Select an unlinked name → Link … to a place… → New place… → the Add
    place form (checked) → the place is appended to the user's YAML, byte for
    byte after what was there, and the mention is recorded as added."""
    from collections import Counter

    from PySide6.QtWidgets import QApplication

    from caucasusmap.app.qt_workbench import PlaceDialog

    yaml_path = data[0] / "places.yaml"
    original = yaml_path.read_bytes()
    panel = window.review_queue
    qtbot.waitUntil(lambda: bool(panel.candidates), timeout=30000)  # names the gazetteer does not have
    index = window.index
    # A name the gazetteer lacks, found in at least two passages of one document ("every identical
    # mention in this document" then has more than one to reach).
    cand = next(c for c in panel.candidates if c.name.isalpha() and c.key not in index.gazetteer.by_id
                and max(Counter(index.passages[p].document for p in c.passages).values()) > 1)
    busiest = Counter(index.passages[p].document for p in cand.passages).most_common(1)[0][0]
    # Its first occurrence in a passage's reading text, not inside a link.
    for pid in (p for p in cand.passages if index.passages[p].document == busiest):
        text, spans = index.reading_text(pid)
        at = text.find(cand.name)
        if at >= 0 and not any(a < at + len(cand.name) and at < b for a, b, _ in spans):
            break
    else:
        raise AssertionError(cand)
    browser = select_in_reader(window, qtbot, pid, at, len(cand.name))
    doc, start, end = selection_span(browser, index)
    assert index.corpus.by_id[doc].text[start:end] == cand.name
    menu, texts = menu_texts(window, browser, "")
    trigger(menu, f"Link “{cand.name}” to a place…")
    chooser = window.review.chooser
    assert chooser.new_button.isVisibleTo(chooser)  # offered in the app (the workbench is there)
    chooser.scope.setCurrentIndex(chooser.scope.findData("document"))
    shown = int(chooser.scope.currentText().rsplit("(", 1)[1].rstrip(")"))  # the count, before it is done
    assert shown > 1
    chooser.new_button.click()
    forms = [w for w in QApplication.topLevelWidgets() if isinstance(w, PlaceDialog) and w.isVisible()]
    assert len(forms) == 1
    form = forms[0]
    assert form.name.text() == cand.name  # the selected text fills the name
    new_id = form.id.text()
    assert new_id and new_id not in index.gazetteer.by_id
    assert not form.check()  # still checked: no coordinates yet, OK refused
    form.accept()
    assert form.isVisible() and yaml_path.read_bytes() == original  # nothing written
    form.lat.setText("39.9")
    form.lon.setText("45.1")
    assert form.check()
    form.accept()
    # The new place is written after the file's own bytes, then linked to the mention.
    qtbot.waitUntil(lambda: new_id in window.index.gazetteer.by_id, timeout=20000)
    text = yaml_path.read_bytes()
    assert text.startswith(original) and f"- id: {new_id}".encode() in text
    qtbot.waitUntil(lambda: any(d.start == start and d.source for d in decisions(window)), timeout=10000)
    d = next(d for d in decisions(window) if d.start == start and d.end == end)
    assert (d.action, d.place, d.exact) == ("add", new_id, cand.name)
    # Every identical mention of the document the user was shown, in one step (one batch).
    batch = [x for x in decisions(window) if x.place == new_id]
    assert len(batch) == shown and {x.batch for x in batch} == {d.batch} and d.batch
    # Shown as checked: "confirmed" when the relinked linker now finds the new place there itself,
    # "added" when it does not (docs/review.md: the status follows what the linker has at the span).
    qtbot.waitUntil(lambda: any(m.document == doc and m.start == start and m.end == end and m.place == new_id
                                and m.status in ("added", "confirmed") for m in window.index.mentions),
                    timeout=10000)


def test_decision_orphaned_by_an_edit_on_disk_is_in_problems_and_validate(window, qtbot, data, monkeypatch, capsys):
    """Edit a document so a decision's quote is gone: the app relinks, the
    decision is reported (not applied elsewhere, not dropped) in the Problems
    panel, double-click opens the decisions file at its line, and
    ``caucasusmap validate`` says the same."""
    from caucasusmap.cli import main

    gazetteer, corpus = data
    path = corpus / "annotations.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    line_no, d = next((n, json.loads(raw)) for n, raw in enumerate(lines, 1)
                      if n > 1 and json.loads(raw)["action"] == "reject")
    doc_path = corpus / d["source"]
    text = doc_path.read_text(encoding="utf-8")
    index = window.index
    doc = next(x for x in index.corpus.documents if x.path.endswith(d["source"]))
    assert doc.text[d["start"]:d["end"]] == d["exact"]
    assert not any(m.document == doc.id and m.start == d["start"] for m in index.mentions)  # rejected: not shown
    assert not any(str(path) in str(i) and "orphaned" in i.message for i in window.problems_issues())
    # The quote with its context, as it stands in the file, is rewritten by hand.
    quoted = d["prefix"][-8:] + d["exact"] + d["suffix"][:8]
    assert text.count(quoted) == 1
    doc_path.write_text(text.replace(quoted, quoted.replace(d["exact"], "Atropatene")), encoding="utf-8")
    qtbot.waitUntil(lambda: window.index is not index and window.index.review is not None
                    and any(o.id == d["id"] for o in window.index.review.orphaned), timeout=30000)
    items = [window.problems.item(k) for k in range(window.problems.count())]
    mine = [i for i in items if i.text().startswith(f"{path}:{line_no}:") and "orphaned" in i.text()]
    assert len(mine) == 1, [i.text() for i in items]
    assert window.problems_dock.isVisible()  # the user is shown it, not left to find it
    qtbot.waitUntil(lambda: "1 review decision no longer applies" in window.statusBar().currentMessage(),
                    timeout=10000)
    assert d["id"] in path.read_text(encoding="utf-8")  # kept in the file
    # Double-click: the decisions file at that line in the user's editor.
    runs = []
    monkeypatch.setenv("EDITOR", "nano")
    window.problems.popen = runs.append
    window.problems.itemActivated.emit(mine[0])
    assert runs == [["nano", f"+{line_no}", "--", str(path)]]
    # validate reports the same line.
    capsys.readouterr()
    code = main(["validate", "--gazetteer", str(gazetteer), "--corpus", str(corpus)])
    out = capsys.readouterr().out
    assert code == 0 and any(ln.startswith(f"{path}:{line_no}:") and "orphaned" in ln for ln in out.splitlines())


def test_own_decisions_are_not_relinked_but_a_new_document_is(window, qtbot, data):
    """A decision is written and applied at once; the file watch then sees
    the app's own write, which needs no relink ("Linking…" after every key
    of a triage). A document added to the folder still relinks."""
    loading = window.loading
    seen, started = [], []
    loading.watcher.fileChanged.connect(seen.append)
    loading.watcher.directoryChanged.connect(seen.append)
    loading.started.connect(started.append)
    m = show_passage_of(window, qtbot, "tabriz", "Tabriz")
    assert window.review.decide("confirm", m.document, m.start)
    qtbot.waitUntil(lambda: bool(seen) and not loading.timer.isActive() and not loading.busy, timeout=10000)
    assert any(p.endswith("annotations.jsonl") or p == str(data[1]) for p in seen)
    assert started == []
    # Anything else in the folder relinks as before.
    (data[1] / "field-notes.md").write_text("# Field notes\n\nWe reached Tabriz.\n", encoding="utf-8")
    qtbot.waitUntil(lambda: bool(started), timeout=10000)
    qtbot.waitUntil(lambda: any(d.path.endswith("field-notes.md") for d in window.index.corpus.documents),
                    timeout=30000)
    # The decision made before is still applied in the relinked index.
    assert any(x.document == m.document and x.start == m.start and x.status == "confirmed"
               for x in window.index.mentions)


def _settle(qtbot, window):
    from PySide6.QtWidgets import QApplication

    qtbot.waitUntil(lambda: not window.map_controller.building and window.map.is_ready, timeout=20000)
    QApplication.processEvents()
    QApplication.processEvents()


def test_checked_only_and_confirmed_only_filter_every_panel_the_map_and_the_export(window, qtbot, tmp_path):
    """Review → Show mentions: All / Checked only / Confirmed only / Unchecked only
    reach the places list, passages, search, the map page and the exports,
    and the command line's --status gives the same export."""
    from collections import Counter

    from _apphelpers import js
    from caucasusmap.app.qt_check import MAP_STATE, disagreements, map_disagreements
    from caucasusmap.cli import main as cli_main
    from caucasusmap.review import STATUSES, status_codes
    from caucasusmap.viewfilters import MENTION_VIEWS

    # A confirmation and a correction besides the bundled corpus's decisions: every view differs.
    m = next(x for x in window.index.mentions if x.place == "tabriz" and x.status == "automatic")
    assert window.review.decide("change", m.document, m.start, place="iranian-azerbaijan", ask=False)
    m = next(x for x in window.index.mentions if x.place == "baku" and x.status == "automatic")
    assert window.review.decide("confirm", m.document, m.start, ask=False)
    qtbot.waitUntil(lambda: {"corrected", "confirmed"} <= {x.status for x in window.index.mentions}, timeout=10000)
    _settle(qtbot, window)
    by_status = Counter(x.status for x in window.index.mentions)
    assert by_status["confirmed"] and by_status["corrected"] and by_status["automatic"]
    seen = {}
    for name, key in MENTION_VIEWS.items():
        window.status_actions[key].trigger()
        _settle(qtbot, window)
        assert window.state.filters.statuses == key and window.status_actions[key].isChecked()
        allowed = None if key is None else {STATUSES[c] for c in status_codes(key)}
        want = Counter(x.place for x in window.index.mentions if allowed is None or x.status in allowed)
        shown = window.places.shown()
        counts = {p: n for p, n in zip(shown["places"], shown["mentions"]) if n}
        assert counts == dict(want), name
        seen[name] = sum(want.values())
        # A place with mentions in this view: its passages are the view's only.
        place = want.most_common(1)[0][0]
        window.state.select_places([place], source="test")
        _settle(qtbot, window)
        passages = window.passages.shown()["passages"]
        assert passages
        assert disagreements(window) == []
        page = js(qtbot, window, MAP_STATE, decode=True)
        assert map_disagreements(window, page) == []
        assert page["filters"]["statuses"] == (list(key) if key is not None else None)
        assert set(page["places"]) == set(want) | {place}
        # The app's export and the command line's say the same.
        app_csv = window.export_view("csv", tmp_path / f"app-{name}.csv").read_text(encoding="utf-8")
        args = ["export", "--out", str(tmp_path / f"cli-{name}.csv"), "--gazetteer", str(window.gazetteer_path),
                "--corpus", str(window.corpus_path)]
        for s in key or ():
            args += ["--status", s]
        assert cli_main(args) == 0
        assert app_csv == (tmp_path / f"cli-{name}.csv").read_text(encoding="utf-8")
        rows = list(csv.DictReader(io.StringIO(app_csv)))
        assert len(rows) == seen[name] and all(allowed is None or r["status"] in allowed for r in rows)
        window.state.clear(source="test")
    assert seen["all"] == seen["checked"] + seen["unchecked"] > seen["checked"] > seen["confirmed"] > 0
    window.status_actions[None].trigger()


def test_the_review_queue_lays_out_whole_at_1120x760(qtbot, data, tmp_path):
    """At 1120 x 760 every part of the review queue is inside the panel, at
    least its minimum size, and overlaps no other part; four alternatives and
    the checkbox and buttons' whole labels are in sight."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication

    from _apphelpers import open_review_queue

    w = open_review_queue(qtbot, data, tmp_path / "q.ini", 1120, 760)
    qtbot.waitUntil(lambda: w.review_queue.current() is not None, timeout=5000)
    for _ in range(5):
        QApplication.processEvents()
    panel = w.review_queue
    assert w.rect().contains(QRect(w.review_dock.mapTo(w, QPoint(0, 0)), w.review_dock.size()))
    assert panel.width() <= w.review_dock.width() and panel.height() <= w.review_dock.height()
    layout = panel.layout()
    parts = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        widgets = [item.widget()] if item.widget() else \
            [item.layout().itemAt(k).widget() for k in range(item.layout().count())]
        parts += [x for x in widgets if x is not None and x.isVisible()]
    assert len(parts) == 7 + 6  # progress, where, reasons, text, label, alternatives, checkbox, six buttons
    inside = panel.rect()
    for x in parts:
        g = QRect(x.mapTo(panel, QPoint(0, 0)), x.size())
        assert inside.contains(g), (type(x).__name__, g, inside)
        hint = x.minimumSizeHint()
        assert x.height() >= hint.height(), (type(x).__name__, x.height(), hint)
        if isinstance(x, (type(panel.all_in_document), type(panel.buttons["C"]))):
            assert x.width() >= x.sizeHint().width(), (x.text(), x.width(), x.sizeHint())  # whole label
        if getattr(x, "wordWrap", lambda: False)():
            assert x.height() >= x.heightForWidth(x.width()), (x.text(), x.height())
    for i, a in enumerate(parts):
        for b in parts[i + 1:]:
            ga, gb = QRect(a.mapTo(panel, QPoint(0, 0)), a.size()), QRect(b.mapTo(panel, QPoint(0, 0)), b.size())
            assert not ga.intersects(gb), (type(a).__name__, ga, type(b).__name__, gb)
    alts = panel.alts
    assert alts.count() >= 4
    assert all(alts.visualItemRect(alts.item(k)).bottom() <= alts.viewport().height() for k in range(4))
    assert panel.text.viewport().height() >= 3 * panel.text.fontMetrics().lineSpacing()
    w.close()
