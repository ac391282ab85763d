"""The map view: the core's map page in a QWebEngineView, driven both ways.

* The page is served from a custom URL scheme (``caucasusmap://app/map.html``)
  by a scheme handler: no ``setHtml`` size limit, a proper origin, no access
  to local files (the scheme is not "local", and file URLs are off), and
  tile requests to online layers carry an identifying User-Agent.
* Page → app: the page calls ``caucasusmap://app/bridge/NAME?a=JSON`` for the
  few things it reports (ready, a click on places, a marker dragged, a click
  or right-click on the map, the view moved, the base layer changed). The
  handler answers nothing else and checks every argument: ids the page does
  not show, coordinates off the globe, a move while moving is off are
  dropped. (A QWebChannel would also publish ``deleteLater`` and every
  property of the bridge object to the page.)
* App → page: ``runJavaScript`` calls of the page's API, queued until the
  page says it is ready.
* :class:`MapController` wires the view to the session: a filter or index
  change builds a new page (in a worker thread, never on the UI thread),
  a selection change is sent by JavaScript, clicks go to the session like
  any list click.
* Links leave the app for the system browser; console messages go to the log.
"""

from __future__ import annotations

import json
import logging
import math
import re
import threading
from urllib.parse import parse_qs

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInterceptor,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)
from PySide6.QtWebEngineWidgets import QWebEngineView

from .. import __version__
from ..session import CameraMoved, FiltersChanged, IndexReplaced, SelectionChanged, Session

log = logging.getLogger("caucasusmap.map")

SCHEME = b"caucasusmap"
PAGE_URL = QUrl("caucasusmap://app/map.html")
ORIGIN = "caucasusmap://app"
USER_AGENT = f"caucasusmap/{__version__} (desktop map explorer)"
ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
MAX_IDS = 100_000
"""More place ids than this in one message from the page are refused."""


def register_scheme() -> None:
    """Must run before the QApplication is created."""
    if QWebEngineUrlScheme.schemeByName(SCHEME).name() == SCHEME:
        return
    scheme = QWebEngineUrlScheme(SCHEME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    # Secure (tiles over https may load) and CORS-enabled (the page's own
    # bridge requests), but not LocalAccessAllowed: the page cannot read files.
    scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme | QWebEngineUrlScheme.Flag.CorsEnabled)
    QWebEngineUrlScheme.registerScheme(scheme)


BRIDGE_SCRIPT = """
(function () {
  function send(name, args) {
    try {
      var x = new XMLHttpRequest();
      x.open("GET", "caucasusmap://app/bridge/" + name + "?a=" + encodeURIComponent(JSON.stringify(args)), true);
      x.send();
    } catch (e) {}
  }
  function hook() {
    if (!window.caucasusmap || document.documentElement.dataset.cmReady !== "1") {
      setTimeout(hook, 15); return;
    }
    var state = caucasusmap._state;
    caucasusmap.onSelect = function (ids) { send("placesClicked", [ids]); };
    caucasusmap.onMove = function (id, lat, lon) { send("placeMoved", [id, lat, lon]); };
    caucasusmap.onPick = function (lat, lon) { send("mapClicked", [lat, lon]); };
    state.map.on("contextmenu", function (e) { send("mapContextMenu", [e.latlng.lat, e.latlng.lng]); });
    state.map.on("click", function (e) { send("mapClicked", [e.latlng.lat, e.latlng.lng]); });
    state.map.on("moveend", function () { send("viewChanged", [JSON.parse(caucasusmap.getView())]); });
    state.map.on("baselayerchange", function (e) { send("baseLayerChanged", [e.name]); });
    caucasusmap.onTimeRange = function (a, b) { send("timeRangeChanged", [a, b]); };
    caucasusmap.onLegend = function (open) { send("legendChanged", [open]); };
    // The view the page opened with (it is set before the page is ready, so no moveend tells it).
    send("viewChanged", [JSON.parse(caucasusmap.getView())]);
    send("ready", [GENERATION]);
  }
  hook();
})();
"""


def _lat_lon(lat, lon) -> tuple[float, float] | None:
    if isinstance(lat, bool) or isinstance(lon, bool) or not all(isinstance(x, (int, float)) for x in (lat, lon)):
        return None
    lat, lon = float(lat), float(lon)
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -540 <= lon <= 540):
        return None
    return lat, ((lon + 180) % 360) - 180  # Leaflet reports longitudes of a wrapped world


class MapBridge(QObject):
    """What the page may tell the app, each call checked (see the module
    docstring). ``known_ids`` are the places the current page shows;
    ``editable`` says whether markers may be moved; ``layers`` the base
    layer names."""

    pageReady = Signal(int)  # the generation of the page that says it is ready
    placesPicked = Signal(list)
    placeMovedTo = Signal(str, float, float)
    contextMenuAt = Signal(float, float)
    clickedAt = Signal(float, float)
    viewChangedTo = Signal(dict)
    baseLayer = Signal(str)
    timeRangeTo = Signal(object)  # (start, end) ISO date prefixes, or None
    legendTo = Signal(bool)  # the user opened (True) or collapsed the legend

    def __init__(self, parent=None):
        super().__init__(parent)
        self.known_ids: set[str] = set()
        self.layers: set[str] = set()
        self.editable = False

    def handle(self, name: str, args) -> bool:
        """Dispatch one message from the page; False when it was refused."""
        method = {
            "ready": self.ready, "placesClicked": self.placesClicked, "placeMoved": self.placeMoved,
            "mapContextMenu": self.mapContextMenu, "mapClicked": self.mapClicked,
            "viewChanged": self.viewChanged, "baseLayerChanged": self.baseLayerChanged,
            "timeRangeChanged": self.timeRangeChanged, "legendChanged": self.legendChanged,
        }.get(name)
        if method is None or not isinstance(args, list):
            log.warning("the map page sent an unknown message %r", name[:80])
            return False
        try:
            return bool(method(*args))
        except TypeError:
            log.warning("the map page sent %r with wrong arguments", name)
            return False

    # Each takes what the page sends, as decoded JSON.
    def ready(self, generation=None) -> bool:
        if isinstance(generation, bool) or not isinstance(generation, int):
            return False
        self.pageReady.emit(generation)
        return True

    def placesClicked(self, ids) -> bool:  # noqa: N802 (the page's message names)
        if not isinstance(ids, list) or len(ids) > MAX_IDS or not all(isinstance(i, str) for i in ids):
            return False
        ids = [i for i in ids if i in self.known_ids]
        self.placesPicked.emit(ids)
        return True

    def placeMoved(self, place_id, lat, lon) -> bool:  # noqa: N802
        where = _lat_lon(lat, lon)
        if not self.editable or not isinstance(place_id, str) or place_id not in self.known_ids or where is None \
                or not -180 <= where[1] <= 180:
            return False
        self.placeMovedTo.emit(place_id, *where)
        return True

    def mapContextMenu(self, lat, lon) -> bool:  # noqa: N802
        where = _lat_lon(lat, lon)
        if where is None:
            return False
        self.contextMenuAt.emit(*where)
        return True

    def mapClicked(self, lat, lon) -> bool:  # noqa: N802
        where = _lat_lon(lat, lon)
        if where is None:
            return False
        self.clickedAt.emit(*where)
        return True

    def viewChanged(self, view) -> bool:  # noqa: N802
        if not isinstance(view, dict) or not isinstance(view.get("center"), list) or len(view["center"]) != 2:
            return False
        where, zoom = _lat_lon(*view["center"]), view.get("zoom")
        if where is None or isinstance(zoom, bool) or not isinstance(zoom, (int, float)) or not 0 <= zoom <= 22:
            return False
        self.viewChangedTo.emit({"center": list(where), "zoom": zoom})
        return True

    def timeRangeChanged(self, start, end) -> bool:  # noqa: N802
        """The page's time control moved (each bound an ISO date prefix or null)."""
        for bound in (start, end):
            if bound is not None and not (isinstance(bound, str) and ISO_DATE.fullmatch(bound)):
                return False
        self.timeRangeTo.emit(None if start is None and end is None else (start, end))
        return True

    def legendChanged(self, open_) -> bool:  # noqa: N802
        if not isinstance(open_, bool):
            return False
        self.legendTo.emit(open_)
        return True

    def baseLayerChanged(self, name) -> bool:  # noqa: N802
        if not isinstance(name, str) or (self.layers and name not in self.layers):
            return False
        self.baseLayer.emit(name)
        return True


class PageSchemeHandler(QWebEngineUrlSchemeHandler):
    """Serves the current page at caucasusmap://app/map.html and takes the
    page's bridge messages at caucasusmap://app/bridge/NAME; nothing else."""

    def __init__(self, bridge: MapBridge, parent=None):
        super().__init__(parent)
        self.bridge = bridge
        self.page_bytes = b""

    def requestStarted(self, job):  # noqa: N802 (Qt name)
        url = job.requestUrl()
        path = url.path()
        if url.host() != "app":
            job.fail(job.Error.UrlNotFound)
        elif path == "/map.html":
            self._reply(job, b"text/html", self.page_bytes)
        elif path.startswith("/bridge/") and job.initiator().toString() == ORIGIN:
            try:
                args = json.loads(parse_qs(url.query()).get("a", ["[]"])[0])
            except ValueError:
                args = None
            ok = self.bridge.handle(path[len("/bridge/"):], args)
            self._reply(job, b"application/json", b"true" if ok else b"false")
        else:
            job.fail(job.Error.RequestDenied)

    @staticmethod
    def _reply(job, mime: bytes, data: bytes) -> None:
        buf = QBuffer(job)
        buf.setData(QByteArray(data))
        buf.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(mime, buf)


REFERER = PAGE_URL.toString().encode()
"""Sent with online tile requests: the page's own address. Chromium sends no
Referer from a page with a custom scheme, and OpenStreetMap's tile servers
refuse requests that carry none; their usage policy also asks for a
User-Agent naming the application. (Untested against the live servers: this
machine has no network.)"""


class TileInterceptor(QWebEngineUrlRequestInterceptor):
    """Adds the identifying headers to every request that leaves the machine,
    and blocks file: requests (the page never needs one)."""

    def interceptRequest(self, info):  # noqa: N802
        scheme = info.requestUrl().scheme()
        if scheme in ("http", "https"):
            info.setHttpHeader(b"User-Agent", USER_AGENT.encode())
            info.setHttpHeader(b"Referer", REFERER)
        elif scheme == "file":
            info.block(True)


class MapPage(QWebEnginePage):
    def javaScriptConsoleMessage(self, level, message, line, source):  # noqa: N802
        text = f"{message} ({source}:{line})"
        if level == QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel:
            log.error(text)
        elif level == QWebEnginePage.JavaScriptConsoleMessageLevel.WarningMessageLevel:
            log.warning(text)
        else:
            log.debug(text)

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
        self.bridge = MapBridge(self)
        self.handler = PageSchemeHandler(self.bridge, self)
        self.profile.installUrlSchemeHandler(SCHEME, self.handler)
        self.interceptor = TileInterceptor(self)
        self.profile.setUrlRequestInterceptor(self.interceptor)
        settings = self.profile.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, False)
        self._page = MapPage(self.profile, self)
        self.setPage(self._page)
        self.bridge.pageReady.connect(self._on_ready)
        self.bridge.placesPicked.connect(self.placesClicked)
        self.bridge.placeMovedTo.connect(self.placeMoved)
        self.bridge.contextMenuAt.connect(self.contextMenuAt)
        self.bridge.clickedAt.connect(self.clickedAt)
        self.bridge.timeRangeTo.connect(self.timeRangeChanged)
        self.bridge.viewChangedTo.connect(self._remember_view)
        self.is_ready = False
        self._queue: list[str] = []
        # Each page shown gets a number, which its bridge script sends back when
        # it is ready: a "ready" of the page being replaced, still on its way when
        # a new page is loaded, then cannot mark the new one ready before its
        # script has run (calls would reach a page without its data).
        self._generation = 0
        self.last_view: dict | None = None
        self.base_layer = ""
        self.bridge.baseLayer.connect(lambda name: setattr(self, "base_layer", name))
        self.legend_open: bool | None = None  # None: the user has not chosen in this session
        self.bridge.legendTo.connect(lambda on: setattr(self, "legend_open", on))

    @property
    def editable(self) -> bool:
        return self.bridge.editable

    def release(self) -> None:
        """Destroy the page, then its profile, now. Left to garbage collection
        at exit, the profile can go first, and Qt WebEngine then crashes the
        process (or warns "Release of profile requested but WebEnginePage
        still not deleted"). The widget shows nothing afterwards."""
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

    def set_page_html(self, html: str, known_ids=(), layers=()) -> None:
        """Show a new map page (after a data or filter change)."""
        if self._page is None:
            return
        self.is_ready = False
        self._queue.clear()  # calls meant for the old page
        self._generation += 1
        self.bridge.known_ids = set(known_ids)
        self.bridge.layers = set(layers)
        script = BRIDGE_SCRIPT.replace("GENERATION", str(self._generation))
        self.handler.page_bytes = html.replace("</head>", "<script>" + script + "</script></head>", 1
                                               ).encode("utf-8")
        self._page.load(PAGE_URL)

    def _on_ready(self, generation: int) -> None:
        if self._page is None or generation != self._generation:
            return
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
        self.bridge.editable = on
        self.run(f"caucasusmap.setEditable({'true' if on else 'false'});")

    def set_base_layer(self, name: str) -> None:
        self.run(f"caucasusmap.setBaseLayer({json.dumps(name)});")

    def set_legend(self, open_: bool) -> None:
        """Open or collapse the page's legend (the user's choice, remembered)."""
        self.run(f"caucasusmap.setLegend({'true' if open_ else 'false'});")

    def set_pick_mode(self, on: bool) -> None:
        """While coordinates are picked, clicks on areas and lines reach the map."""
        self.run(f"caucasusmap.setPickMode({'true' if on else 'false'});")

    def set_time_range(self, time_range) -> None:
        start, end = time_range or (None, None)
        self.run(f"caucasusmap.setTimeRange({json.dumps(start)}, {json.dumps(end)});")

    def highlight(self, place_ids: list[str]) -> None:
        self.run(f"caucasusmap.highlight({json.dumps(place_ids)});")

    def _remember_view(self, view: dict) -> None:
        self.last_view = view


class _Built(QObject):
    done = Signal(object)  # (generation, html, ids, layers) or (generation, exception)


class MapController(QObject):
    """Keeps the map page in step with the session (see the module docstring)."""

    pageBuilt = Signal()

    def __init__(self, session: Session, widget: MapWidget, parent=None):
        super().__init__(parent)
        self.session = session
        self.map = widget
        self.generation = 0
        self.page_view = None  # the view the current page was built for
        self.building = False
        self._built = _Built(self)
        self._built.done.connect(self._page_done)
        widget.placesClicked.connect(lambda ids: session.select_places(ids, "replace", source="map"))
        widget.bridge.viewChangedTo.connect(lambda v: session.set_camera(tuple(v["center"]), v["zoom"]))
        widget.ready.connect(self._apply_selection)
        widget.timeRangeChanged.connect(self._page_time_range)
        self._page_range = None
        session.subscribe(self._on_event, SelectionChanged, FiltersChanged, IndexReplaced)

    def _page_time_range(self, time_range) -> None:
        # The page filters itself by time; the session (and so every other
        # panel) follows, and the page is not rebuilt for it.
        self._page_range = tuple(time_range) if time_range else None
        self.session.set_filters(time_range=self._page_range)

    def _on_event(self, event) -> None:
        if isinstance(event, SelectionChanged):
            self._apply_selection(event)
        elif isinstance(event, FiltersChanged) and event.changed == {"time_range"}:
            # The page recounts places for the range itself (from per-document counts).
            if event.new.time_range != self._page_range:
                self._page_range = event.new.time_range
                self.map.set_time_range(event.new.time_range)
        elif not isinstance(event, CameraMoved):
            # A new index: the panels' own handlers of it run first on the UI
            # thread, then the build starts (not sharing the interpreter lock with them).
            self.rebuild(defer=isinstance(event, IndexReplaced))

    def rebuild(self, defer: bool = False) -> None:
        """Build the page of the current view in a worker thread (``defer``:
        started once the events now being handled are done; ``building`` is
        set at once either way)."""
        s = self.session
        if s.index is None:
            return
        from dataclasses import replace

        self.generation += 1
        generation, index = self.generation, s.index
        view = replace(s.current_view(), passage=None)  # the selection is sent by JavaScript
        self.building = True

        def work():
            from ..maps import ONLINE_LAYERS, build_map, view_payload

            try:
                # Places and counts only: the passages panel asks the index (the corpus stays out of the page).
                payload = view_payload(index, view, passages="none")
                html = build_map(index, view, explorer=False, payload=payload)
                ids = [p["id"] for p in payload["places"]]
                layers = ["Basemap (offline)"] + [f"{name} (online)" for name, *_ in ONLINE_LAYERS]
                result = (generation, view, html, ids, layers)
            except Exception as exc:  # reported, never raised into Qt
                log.exception("building the map page failed")
                result = (generation, view, exc, (), ())
            try:
                self._built.done.emit(result)
            except RuntimeError:
                pass  # the window was closed meanwhile

        thread = threading.Thread(target=work, name="caucasusmap-map", daemon=True)
        if defer:
            QTimer.singleShot(0, self, thread.start)
        else:
            thread.start()

    def _page_done(self, result) -> None:
        generation, view, html, ids, layers = result
        if generation != self.generation:
            return  # a newer view is being built
        self.building = False
        if isinstance(html, Exception):
            return
        self.page_view = view
        self.map.set_page_html(html, ids, layers)
        self._apply_selection()
        self.pageBuilt.emit()

    def _apply_selection(self, event: SelectionChanged | None = None) -> None:
        s = self.session
        sel = s.current
        if sel.passage and s.index is not None and sel.passage in s.index.passages:
            self.map.show_selection(list(sel.places), pan=False)
            self.map.highlight(s.highlighted())
        elif event is None or event.source != "map" or event.new.places != event.old.places:
            pan = event is not None and event.source not in ("map", "reload")
            self.map.show_selection(list(sel.places), pan=pan)
