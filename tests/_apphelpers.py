"""Helpers for the app tests (a module of its own, like _data.py)."""

import json


def js(qtbot, window, code, *, decode: bool = False):
    """Evaluate ``code`` in the map page; with ``decode``, JSON answers are decoded."""
    box = []
    window.map.page().runJavaScript(code, 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10000)
    value = box[0]
    if decode and isinstance(value, str) and value[:1] in "[{":
        return json.loads(value)
    return value


def row_of(window, place_id):
    """The Places list row showing ``place_id``."""
    proxy = window.places.proxy
    for r in range(proxy.rowCount()):
        if proxy.data(proxy.index(r, 0), window.places.model.ID_ROLE) == place_id:
            return r
    raise AssertionError(place_id)


def open_window(qtbot, data, settings_file):
    """The main window on ``data`` (gazetteer, corpus), loaded and with its map ready."""
    from PySide6.QtCore import QSettings

    from caucasusmap.app.qt_window import MainWindow

    w = MainWindow(*data, settings=QSettings(str(settings_file), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.index is not None and w.map.is_ready and w.extras_ready, timeout=30000)
    return w


def open_review_queue(qtbot, data, settings_file, width, height):
    """A main window of ``width`` x ``height`` on ``data`` with the review queue started."""
    from PySide6.QtCore import QSettings

    from caucasusmap.app.qt_window import MainWindow

    w = MainWindow(*data, settings=QSettings(str(settings_file), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.resize(width, height)
    w.show()
    qtbot.waitUntil(lambda: w.index is not None and w.places_dock.width() > 0, timeout=30000)
    w.start_review()
    qtbot.waitUntil(lambda: w.review_dock.isVisible(), timeout=5000)
    return w
