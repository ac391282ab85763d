"""Qt WebEngine under the offscreen platform, with the network cut off.

Pages are driven through ``runJavaScript`` and waited on with
``qtbot.waitUntil`` (a condition, never a fixed sleep)."""

from __future__ import annotations

import json
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:  # Chromium refuses its sandbox as root
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    if "--no-sandbox" not in flags:
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --no-sandbox").strip()

import pytest  # noqa: E402

# Qt WebEngine is a declared dependency: if it is missing these tests must
# fail, not skip.
from PySide6.QtCore import QUrl  # noqa: E402
from PySide6.QtWebEngineCore import (  # noqa: E402
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: E402

from caucasusmap.app.qt_compat import none_refcount, restore_none_refcount  # noqa: E402
from caucasusmap.app.qt_map import register_scheme  # noqa: E402

register_scheme()  # must happen before the QApplication exists


@pytest.fixture(autouse=True)
def _no_javascript_errors(caplog):
    """Any JavaScript error in the app's map page fails the test (the page's
    console goes to the 'caucasusmap.map' log)."""
    yield
    errors = [r.getMessage() for r in caplog.records if r.name == "caucasusmap.map" and r.levelname == "ERROR"]
    assert errors == [], errors


@pytest.fixture(autouse=True)
def _none_refcount():
    """pytest-qt's waitUntil polls with QTest.qWait, which leaks a reference
    to None per call in this PySide6 (see caucasusmap.app.qt_compat)."""
    before = none_refcount()
    yield
    restore_none_refcount(before)


class NoNetwork(QWebEngineUrlRequestInterceptor):
    """Blocks every request that is not a local file or inline data, and
    remembers it: the page must work without any of them."""

    def __init__(self):
        super().__init__()
        self.blocked: list[str] = []

    def interceptRequest(self, info):  # noqa: N802 (Qt name)
        url = info.requestUrl()
        if url.scheme() not in ("file", "data", "qrc", "blob", "about"):
            self.blocked.append(url.toString())
            info.block(True)


class RecordingPage(QWebEnginePage):
    def __init__(self, profile, parent=None):
        super().__init__(profile, parent)
        self.console: list[tuple[str, str]] = []
        self.alerts: list[str] = []

    def javaScriptConsoleMessage(self, level, message, line, source):  # noqa: N802
        self.console.append((level.name, f"{message} ({source}:{line})"))

    def javaScriptAlert(self, origin, message):  # noqa: N802
        self.alerts.append(message)


class Browser:
    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.profile = QWebEngineProfile()  # off-the-record, isolated
        self.interceptor = NoNetwork()
        self.profile.setUrlRequestInterceptor(self.interceptor)
        self.view = QWebEngineView()
        self.page = RecordingPage(self.profile, self.view)
        self.view.setPage(self.page)
        self.view.resize(1200, 800)
        qtbot.addWidget(self.view)
        self.view.show()

    def load(self, path, timeout=20000):
        with self.qtbot.waitSignal(self.page.loadFinished, timeout=timeout) as blocker:
            self.view.load(QUrl.fromLocalFile(str(path)))
        assert blocker.args == [True], "page failed to load"
        self.qtbot.waitUntil(lambda: self.js("document.documentElement.dataset.cmReady || ''") == "1",
                             timeout=timeout)

    def js(self, code, timeout=10000):
        """Evaluate ``code`` (an expression); JSON-returning expressions are decoded."""
        box = []
        self.page.runJavaScript(code, 0, box.append)
        self.qtbot.waitUntil(lambda: bool(box), timeout=timeout)
        value = box[0]
        if isinstance(value, str) and value[:1] in "{[":
            return json.loads(value)
        return value

    def errors(self):
        return [m for level, m in self.page.console if "Error" in level]

    def close(self):
        # The page must go before its profile, or Qt warns at exit.
        from PySide6.QtCore import QCoreApplication, QEvent

        self.view.close()
        self.view.setPage(None)
        self.page.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.profile.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def browser(qtbot):
    b = Browser(qtbot)
    yield b
    b.close()


@pytest.fixture
def data(tmp_path):
    """A private copy of the bundled data, so tests may edit it."""
    import shutil

    from _data import BUNDLED_CORPUS, BUNDLED_GAZETTEER

    shutil.copytree(BUNDLED_CORPUS, tmp_path / "corpus")
    shutil.copytree(BUNDLED_GAZETTEER, tmp_path / "gazetteer")
    return tmp_path / "gazetteer", tmp_path / "corpus"


@pytest.fixture
def window(qtbot, data, tmp_path):
    """The main window on the private data, loaded and with its map ready."""
    from _apphelpers import open_window

    w = open_window(qtbot, data, tmp_path / "settings.ini")
    yield w
    w.close()
