"""The map view: the core's map page in a QWebEngineView, driven both ways.

* The page is served from a custom URL scheme (``caucasusmap://app/map.html``)
  by a scheme handler: no ``setHtml`` size limit, a proper origin, and tile
  requests to online layers carry an identifying User-Agent.
* A minimal QObject bridge is registered on a QWebChannel *before* the page
  loads; ``qwebchannel.js`` is inlined from Qt's own resources. The page calls
  ``bridge.ready()`` once its map is drawn; Python→JS calls made earlier are
  queued and sent then.
* Clicks on the map arrive as ``placesClicked`` (the resulting id list) and go
  to the shared selection like any list click. Selection changes reach the
  page by JavaScript, never by reloading it.
* Links leave the app for the system browser; console messages go to the log.
"""

from __future__ import annotations

import json
import logging

from PySide6.QtCore import QBuffer, QByteArray, QFile, QIODevice, QObject, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineUrlRequestInterceptor,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)
from PySide6.QtWebEngineWidgets import QWebEngineView

from .. import __version__

log = logging.getLogger("caucasusmap.map")

SCHEME = b"caucasusmap"
PAGE_URL = QUrl("caucasusmap://app/map.html")
USER_AGENT = f"caucasusmap/{__version__} (desktop map explorer)"


def register_scheme() -> None:
    """Must run before the QApplication is created."""
    if QWebEngineUrlScheme.schemeByName(SCHEME).name() == SCHEME:
        return
    scheme = QWebEngineUrlScheme(SCHEME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme | QWebEngineUrlScheme.Flag.LocalAccessAllowed
                    | QWebEngineUrlScheme.Flag.CorsEnabled)
    QWebEngineUrlScheme.registerScheme(scheme)


def _bridge_script() -> str:
    f = QFile(":/qtwebchannel/qwebchannel.js")
    f.open(QIODevice.OpenModeFlag.ReadOnly)
    channel_js = bytes(f.readAll()).decode("utf-8")
    f.close()
    hook = """
(function () {
  function hook(bridge) {
    if (!window.caucasusmap || document.documentElement.dataset.cmReady !== "1") {
      setTimeout(function () { hook(bridge); }, 15); return;
    }
    var state = caucasusmap._state;
    caucasusmap.onSelect = function (ids) { bridge.placesClicked(JSON.stringify(ids)); };
    caucasusmap.onMove = function (id, lat, lon) { bridge.placeMoved(id, lat, lon); };
    state.map.on("contextmenu", function (e) { bridge.mapContextMenu(e.latlng.lat, e.latlng.lng); });
    state.map.on("click", function (e) { bridge.mapClicked(e.latlng.lat, e.latlng.lng); });
    caucasusmap.onPick = function (lat, lon) { bridge.mapClicked(lat, lon); };
    caucasusmap.onTimeRange = function (a, b) { bridge.timeRangeChanged(JSON.stringify([a, b])); };
    state.map.on("moveend", function () { bridge.viewChanged(caucasusmap.getView()); });
    state.map.on("baselayerchange", function (e) { bridge.baseLayerChanged(e.name); });
    bridge.ready();
  }
  new QWebChannel(qt.webChannelTransport, function (channel) { hook(channel.objects.bridge); });
})();
"""
    return "<script>" + channel_js + "</script><script>" + hook + "</script>"


class MapBridge(QObject):
    """The object the page talks to (kept minimal: no widget is exposed)."""

    pageReady = Signal()
    placesPicked = Signal(list)
    placeMovedTo = Signal(str, float, float)
    contextMenuAt = Signal(float, float)
    clickedAt = Signal(float, float)
    viewChangedTo = Signal(dict)
    baseLayer = Signal(str)
    timeRangeTo = Signal(object)

    @Slot()
    def ready(self) -> None:
        self.pageReady.emit()

    @Slot(str)
    def placesClicked(self, ids_json: str) -> None:  # noqa: N802 (called from the page)
        self.placesPicked.emit(json.loads(ids_json))

    @Slot(str, float, float)
    def placeMoved(self, place_id: str, lat: float, lon: float) -> None:  # noqa: N802
        self.placeMovedTo.emit(place_id, lat, lon)

    @Slot(float, float)
    def mapContextMenu(self, lat: float, lon: float) -> None:  # noqa: N802
        self.contextMenuAt.emit(lat, lon)

    @Slot(float, float)
    def mapClicked(self, lat: float, lon: float) -> None:  # noqa: N802
        self.clickedAt.emit(lat, lon)

    @Slot(str)
    def viewChanged(self, view_json: str) -> None:
        try:
            self.viewChangedTo.emit(json.loads(view_json))
        except ValueError:
            pass

    @Slot(str)
    def baseLayerChanged(self, name: str) -> None:
        self.baseLayer.emit(name)

    @Slot(str)
    def timeRangeChanged(self, range_json: str) -> None:  # noqa: N802
        try:
            lo, hi = json.loads(range_json)
        except ValueError:
            return
        self.timeRangeTo.emit(None if lo is None and hi is None else (lo, hi))


class PageSchemeHandler(QWebEngineUrlSchemeHandler):
    """Serves the current page bytes at caucasusmap://app/map.html."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.page_bytes = b""

    def requestStarted(self, job):  # noqa: N802 (Qt name)
        if job.requestUrl().path() != "/map.html":
            job.fail(job.Error.UrlNotFound)
            return
        buf = QBuffer(job)
        buf.setData(QByteArray(self.page_bytes))
        buf.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(b"text/html", buf)


REFERER = PAGE_URL.toString().encode()
"""Sent with online tile requests: the page's own address. Chromium sends no
Referer from a page with a custom scheme, and OpenStreetMap's tile servers
refuse requests that carry none; their usage policy also asks for a
User-Agent naming the application. (Untested against the live servers: this
machine has no network.)"""


class TileInterceptor(QWebEngineUrlRequestInterceptor):
    """Adds the identifying headers to every request that leaves the machine."""

    def interceptRequest(self, info):  # noqa: N802
        if info.requestUrl().scheme() in ("http", "https"):
            info.setHttpHeader(b"User-Agent", USER_AGENT.encode())
            info.setHttpHeader(b"Referer", REFERER)


class MapPage(QWebEnginePage):
    def javaScriptConsoleMessage(self, level, message, line, source):  # noqa: N802
        text = f"{message} ({source}:{line})"
        if level == QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel:
            log.error(text)
        elif level == QWebEnginePage.JavaScriptConsoleMessageLevel.WarningMessageLevel:
            log.warning(text)
        else:
            log.info(text)

    def acceptNavigationRequest(self, url, nav_type, is_main_frame):  # noqa: N802
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)  # links leave the app
            return False
        return url.scheme() in ("caucasusmap", "about", "data")


class MapWidget(QWebEngineView):
    """The map. ``placesClicked`` carries map clicks; :meth:`show_selection`
    and :meth:`highlight` drive the page; :meth:`view` is the last known
    centre and zoom."""

    placesClicked = Signal(list)
    placeMoved = Signal(str, float, float)
    contextMenuAt = Signal(float, float)
    clickedAt = Signal(float, float)
    timeRangeChanged = Signal(object)
    ready = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.profile = QWebEngineProfile()  # off-the-record: nothing written to disk
        self.profile.setHttpUserAgent(USER_AGENT)
        self.handler = PageSchemeHandler(self)
        self.profile.installUrlSchemeHandler(SCHEME, self.handler)
        self.interceptor = TileInterceptor(self)
        self.profile.setUrlRequestInterceptor(self.interceptor)
        self._page = MapPage(self.profile, self)
        self.setPage(self._page)
        self.bridge = MapBridge(self)
        self.channel = QWebChannel(self._page)
        self.channel.registerObject("bridge", self.bridge)  # before any load
        self._page.setWebChannel(self.channel)
        self.bridge.pageReady.connect(self._on_ready)
        self.bridge.placesPicked.connect(self.placesClicked)
        self.bridge.placeMovedTo.connect(self.placeMoved)
        self.bridge.contextMenuAt.connect(self.contextMenuAt)
        self.bridge.clickedAt.connect(self.clickedAt)
        self.bridge.timeRangeTo.connect(self.timeRangeChanged)
        self.editable = False
        self.bridge.viewChangedTo.connect(self._remember_view)
        self.is_ready = False
        self._queue: list[str] = []
        self.last_view: dict | None = None
        self.base_layer = ""
        self.bridge.baseLayer.connect(lambda name: setattr(self, "base_layer", name))

    def release(self) -> None:
        """Destroy the page, then its profile, now. Left to garbage collection
        at exit, the profile can go first, and Qt WebEngine then crashes the
        process. The widget shows nothing afterwards."""
        import shiboken6

        if self._page is None:
            return
        page, profile = self._page, self.profile
        self._page = None
        self._queue.clear()
        self.is_ready = False
        if shiboken6.isValid(page):
            shiboken6.delete(page)
        if shiboken6.isValid(profile):
            shiboken6.delete(profile)

    def set_page_html(self, html: str) -> None:
        """Show a new map page (after a data or filter change)."""
        if self._page is None:
            return
        self.is_ready = False
        self.handler.page_bytes = html.replace("</head>", _bridge_script() + "</head>", 1).encode("utf-8")
        self.load(PAGE_URL)

    def _on_ready(self) -> None:
        self.is_ready = True
        queued, self._queue = self._queue, []
        for code in queued:
            self._page.runJavaScript(code)
        self.ready.emit()

    def run(self, code: str) -> None:
        """Run JavaScript now, or as soon as the page says it is ready."""
        if self._page is None:
            return
        if self.is_ready:
            self._page.runJavaScript(code)
        else:
            self._queue.append(code)

    def show_selection(self, place_ids: list[str], pan: bool = True) -> None:
        self.run(f"caucasusmap.select({json.dumps(place_ids)}, {{pan: {'true' if pan else 'false'}}});")

    def show_picks(self, picks: list[dict]) -> None:
        """Temporary markers to choose from: [{lat, lon, label}]."""
        self.run(f"caucasusmap.showPicks({json.dumps(picks)});")

    def set_editable(self, on: bool) -> None:
        self.editable = on
        self.run(f"caucasusmap.setEditable({'true' if on else 'false'});")

    def set_base_layer(self, name: str) -> None:
        self.run(f"caucasusmap.setBaseLayer({json.dumps(name)});")

    def set_pick_mode(self, on: bool) -> None:
        """While coordinates are picked, clicks on areas and lines reach the map."""
        self.run(f"caucasusmap.setPickMode({'true' if on else 'false'});")

    def highlight(self, place_ids: list[str]) -> None:
        self.run(f"caucasusmap.highlight({json.dumps(place_ids)});")

    def _remember_view(self, view: dict) -> None:
        self.last_view = view
