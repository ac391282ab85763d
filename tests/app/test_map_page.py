"""The map page in Chromium (Qt WebEngine, no network): labels, clusters,
legend, time filter, pick mode, tooltips; and the SVG export opened there."""

import pytest

from _data import BUNDLED_CORPUS, BUNDLED_GAZETTEER
from caucasusmap.cli import main

OVERLAPS = """JSON.stringify((function () {
  var boxes = Array.prototype.map.call(document.querySelectorAll('.cm-label, .cm-base-label'), function (e) {
    var r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom, e.textContent]; });
  var bad = [];
  for (var i = 0; i < boxes.length; i++) for (var j = i + 1; j < boxes.length; j++) {
    var a = boxes[i], b = boxes[j];
    var w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]), h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
    if (w > 1 && h > 1) bad.push([a[4], b[4]]);
  }
  return {n: boxes.length, places: document.querySelectorAll('.cm-label').length, bad: bad};
})())"""


def escape_clears_tooltips(browser):
    tips = "document.querySelectorAll('.leaflet-tooltip').length"
    assert browser.js(tips) >= 1
    browser.js("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'})); 'ok'")
    # (Leaflet fades a closed tooltip out for 200 ms before removing it.)
    browser.qtbot.waitUntil(lambda: browser.js(tips) == 0, timeout=3000)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    out = tmp_path_factory.mktemp("page") / "map.html"
    assert main(["export", "--out", str(out), "--gazetteer", str(BUNDLED_GAZETTEER),
                 "--corpus", str(BUNDLED_CORPUS)]) == 0
    return out


def test_no_place_is_hidden_in_a_cluster_and_no_label_hides_another(browser, page):
    browser.load(page)
    state = browser.js("""JSON.stringify({markers: document.querySelectorAll('.cm-marker').length,
        places: caucasusmap._state.data.places.length,
        clusters: document.querySelectorAll('.marker-cluster').length})""")
    assert state["clusters"] == 0 and state["markers"] == state["places"] >= 60
    for zoom in (None, 7, 9):
        if zoom:
            browser.js(f"caucasusmap.setView(39.2, 46.4, {zoom}); 'ok'")
            want = str(zoom)
            browser.qtbot.waitUntil(lambda w=want: browser.js("document.documentElement.dataset.cmLabels") == w)
        labels = browser.js(OVERLAPS)
        assert labels["bad"] == [] and labels["places"] >= 10, labels
    # Zoomed in on the Zangezur/Karabakh area, its places carry their names.
    shown = browser.js("JSON.stringify(Array.prototype.map.call(document.querySelectorAll('.cm-label'), "
                       "function (e) { return e.textContent; }))")
    assert {"Kapan", "Shusha", "Nurduz"} <= set(shown), sorted(shown)
    assert browser.errors() == []


def test_legend_collapses_and_is_remembered(browser, page):
    browser.load(page)
    browser.js("localStorage.removeItem('caucasusmap.legend'); 'ok'")
    browser.load(page)
    assert browser.js("document.querySelector('.cm-legend').classList.contains('cm-collapsed')") is False
    browser.js("document.querySelector('.cm-legend-toggle').click(); 'ok'")
    assert browser.js("document.querySelector('.cm-legend').classList.contains('cm-collapsed')") is True
    browser.load(page)
    assert browser.js("document.querySelector('.cm-legend').classList.contains('cm-collapsed')") is True
    browser.js("document.querySelector('.cm-legend-toggle').click(); 'ok'")
    assert browser.js("localStorage.getItem('caucasusmap.legend')") == "open"


def test_time_filter_follows_document_dates(browser, page):
    browser.load(page)
    docs = browser.js("JSON.stringify(caucasusmap._state.data.meta.documents.map(function (d) { return d.date; }))")
    years = sorted({d[:4] for d in docs if d})
    assert len(years) >= 2
    before = browser.js("caucasusmap._state.markers.filter(function (m) { return m._map; }).length")
    browser.js(f"caucasusmap.setTimeRange('{years[-1]}', '{years[-1]}'); 'ok'")
    after = browser.js("""JSON.stringify({
        shown: caucasusmap._state.markers.filter(function (m) { return m._map; }).length,
        total: caucasusmap._state.counts.reduce(function (a, b) { return a + b; }, 0),
        info: document.querySelector('.cm-time-info').textContent,
        list: document.querySelectorAll('#cm-panel .cm-place-item').length})""")
    n_last = sum(1 for d in docs if d and d.startswith(years[-1]))
    assert after["shown"] < before and after["list"] == after["shown"]
    assert after["info"].startswith(f"{n_last} of {len(docs)} documents")
    # The page's own controls do the same, and "all years" clears it.
    browser.js(f"""(function () {{ var s = document.querySelectorAll('.cm-time select');
        s[0].value = '{years[0]}'; s[0].dispatchEvent(new Event('change'));
        s[1].value = '{years[-1]}'; s[1].dispatchEvent(new Event('change')); return 'ok'; }})()""")
    assert browser.js("JSON.stringify(caucasusmap._state.range)") == "null"
    assert browser.js("caucasusmap._state.markers.filter(function (m) { return m._map; }).length") == before
    assert browser.errors() == []


def test_pick_mode_takes_the_point_and_escape_clears_tooltips(browser, page):
    browser.load(page)
    click_area = """(function () {
        var s = caucasusmap._state, shape = s.shapes.filter(function (x) { return x.cmArea; })[0];
        window.__clicked = null;
        s.map.once('click', function (e) { window.__clicked = [e.latlng.lat, e.latlng.lng]; });
        var layer = shape.getLayers()[0], path = layer.getElement();
        s.map.fitBounds(layer.getBounds(), {animate: false});
        var r = path.getBoundingClientRect(), box = s.map.getContainer().getBoundingClientRect();
        // A point of the area that is on screen: try a few until the path is hit.
        var x = r.left + r.width / 2, y = r.top + r.height / 2;
        ['mousedown', 'mouseup', 'click'].forEach(function (t) {
          path.dispatchEvent(new MouseEvent(t, {bubbles: true, cancelable: true, clientX: x, clientY: y,
                                                view: window}));
        });
        return JSON.stringify({clicked: window.__clicked, selected: JSON.parse(caucasusmap.selected())});
    })()"""
    normal = browser.js(click_area)
    assert normal["clicked"] is None and len(normal["selected"]) == 1  # the area is selected
    browser.js("caucasusmap.clear(); caucasusmap.setPickMode(true); 'ok'")
    picking = browser.js(click_area)
    assert picking["clicked"] is not None and picking["selected"] == []  # the point is taken
    browser.js("caucasusmap.setPickMode(false); caucasusmap._state.markers[0].openTooltip(); 'ok'")
    escape_clears_tooltips(browser)
    assert browser.errors() == []


def test_svg_export_opens_in_chromium(browser, tmp_path):
    out = tmp_path / "view.svg"
    assert main(["export", "--out", str(out), "--gazetteer", str(BUNDLED_GAZETTEER), "--corpus", str(BUNDLED_CORPUS),
                 "--document", "haciyeva-2025", "--title", "Haciyeva places"]) == 0
    from PySide6.QtCore import QUrl

    with browser.qtbot.waitSignal(browser.page.loadFinished, timeout=20000) as blocker:
        browser.view.load(QUrl.fromLocalFile(str(out)))
    assert blocker.args == [True]
    state = browser.js("""JSON.stringify({root: document.documentElement.tagName,
        texts: Array.prototype.map.call(document.querySelectorAll('text'), function (t) { return t.textContent; }),
        width: document.documentElement.getBoundingClientRect().width})""")
    assert state["root"] == "svg" and state["width"] > 300
    joined = " ".join(state["texts"])
    assert "Haciyeva places" in joined and "Tabriz" in joined and "km" in joined
    assert browser.errors() == []


@pytest.fixture
def large(write, tmp_path):
    """A 451-place view (a canvas view) with one area place and one place inside the area."""
    from caucasusmap.export import export_view
    from caucasusmap.index import open_index
    from caucasusmap.maps import MapView

    names = [f"Qaravil{n:03d}" for n in range(450)]
    write("big/places.yaml", "places:\n" + "".join(
        f"  - {{id: p{n}, name: {name}, kind: village, lat: {38 + n % 30 * 0.1:.1f}, lon: {44 + n // 30 * 0.2:.1f}}}\n"
        for n, name in enumerate(names)) + """
  - id: zone
    name: Qarazone
    kind: region
    lat: 40.5
    lon: 48.5
    geometry: {type: Polygon, coordinates: [[[47.5, 39.8], [49.5, 39.8], [49.5, 41.2], [47.5, 41.2], [47.5, 39.8]]]}
  - {id: inner, name: Qarainner, kind: village, lat: 40.2, lon: 48.0}
""")
    write("big/c/doc.md", "# Roads\n\n" + "\n\n".join(f"The road passes {name}." for name in names)
          + "\n\nQarazone twice, Qarazone. Qarainner.\n")
    index = open_index(tmp_path / "big/places.yaml", tmp_path / "big/c", reference=None)
    return export_view(index, MapView(), tmp_path / "big.html")


# Mouse events go to what the page has at that point (the dots' pane takes
# none: the map hears them first and finds the dot).
AT = """function at(lat, lon) {
    var map = caucasusmap._state.map, pt = map.latLngToContainerPoint([lat, lon]);
    var box = map.getContainer().getBoundingClientRect(), x = box.left + pt.x, y = box.top + pt.y;
    return {x: x, y: y, target: document.elementFromPoint(x, y)};
  }
  function fire(p, type, mods) {
    p.target.dispatchEvent(new MouseEvent(type, Object.assign({bubbles: true, cancelable: true, view: window,
      clientX: p.x, clientY: p.y}, mods || {})));
  }
"""
CLICK_AT = """(function (lat, lon, mods) {""" + AT + """
    var map = caucasusmap._state.map, p = at(lat, lon);
    window.__clicked = null;
    map.once('click', function (e) { window.__clicked = [e.latlng.lat, e.latlng.lng]; });
    ['mousedown', 'mouseup', 'click'].forEach(function (t) { fire(p, t, mods); });
    return JSON.stringify({clicked: window.__clicked, selected: JSON.parse(caucasusmap.selected())});
})"""


def test_a_large_view_draws_every_place_on_one_canvas(browser, large):
    browser.load(large)
    state = browser.js("""JSON.stringify({elements: document.querySelectorAll('.cm-marker').length,
        clusters: document.querySelectorAll('.marker-cluster').length,
        canvases: document.querySelectorAll('.leaflet-cm-dots-pane canvas').length,
        shown: caucasusmap._state.dots.shown(), layers: Object.keys(caucasusmap._state.map._layers).length,
        labels: document.querySelectorAll('.cm-label').length})""")
    assert state == {**state, "elements": 0, "clusters": 0, "canvases": 1, "shown": 452}
    assert state["layers"] < state["shown"]  # no Leaflet layer per place (those are the basemap's)
    assert state["labels"] >= 10
    labels = browser.js(OVERLAPS)
    assert labels["bad"] == [], labels
    # A click on a circle selects its place (Ctrl adds one), without reaching the map.
    browser.js("caucasusmap.setView(39.0, 45.0, 9); 'ok'")
    first = browser.js(CLICK_AT + "(39.0, 45.0)")
    assert first == {"clicked": None, "selected": ["p160"]}
    both = browser.js(CLICK_AT + "(39.1, 45.0, {ctrlKey: true})")
    assert both["selected"] == ["p160", "p161"]
    # Only the places whose state changed are restyled; the selected one is ringed.
    ring = browser.js("""JSON.stringify((function () { var s = caucasusmap._state;
        return [s.dots.style(s.byId.p160).color, s.dots.style(s.byId.p1).color]; })())""")
    assert ring == ["#c2410c", "#3c3228"]
    browser.js("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'})); 'ok'")
    assert browser.js("caucasusmap.selected()") == []
    assert browser.js("caucasusmap._state.dots.style(0).color") != "#c2410c"
    # An area on the same canvas: a click selects it, in pick mode the point is taken.
    browser.js("caucasusmap.setView(40.5, 48.5, 8); 'ok'")
    area = browser.js(CLICK_AT + "(40.9, 49.2)")
    assert area == {"clicked": None, "selected": ["zone"]}
    # A dot over the area takes the click (the dots lie over lines and areas).
    inner = browser.js(CLICK_AT + "(40.2, 48.0)")
    assert inner == {"clicked": None, "selected": ["inner"]}
    # The context menu on a dot is not the map's; off the dots it is.
    menu = """(function (lat, lon) {""" + AT + """
        var map = caucasusmap._state.map, got = 0;
        function count() { got += 1; }
        map.on('contextmenu', count);
        fire(at(lat, lon), 'contextmenu');
        map.off('contextmenu', count);
        return got; })"""
    assert browser.js(menu + "(40.2, 48.0)") == 0 and browser.js(menu + "(40.6, 49.0)") == 1
    # The places hidden and shown again from the layer control: drawn and clickable again.
    browser.js("""(function () { var s = caucasusmap._state; s.map.removeLayer(s.layers.places);
        s.map.addLayer(s.layers.places); return 1; })()""")
    assert browser.js("caucasusmap._state.dots.shown()") == 452
    assert browser.js(CLICK_AT + "(40.2, 48.0)")["selected"] == ["inner"]
    browser.js("caucasusmap.clear(); caucasusmap.setPickMode(true); 'ok'")
    picked = browser.js(CLICK_AT + "(40.9, 49.2)")
    assert picked["selected"] == [] and abs(picked["clicked"][0] - 40.9) < 0.01
    browser.js("caucasusmap.setPickMode(false); 'ok'")
    # The time filter takes out the circles of the documents out of range (the one document is undated).
    shown = "caucasusmap._state.dots.shown()"
    radius = "caucasusmap._state.dots.radius(0)"
    r0 = browser.js(radius)
    browser.js("caucasusmap.setTimeRange('1990', '1990'); 'ok'")
    assert browser.js(shown) == 0
    browser.js("caucasusmap.setTimeRange(null, null); 'ok'")
    assert browser.js(shown) == 452 and browser.js(radius) == r0
    # A tooltip goes with Escape.
    browser.js("caucasusmap._state.dots.openTooltip(0); 'ok'")
    escape_clears_tooltips(browser)
    assert browser.errors() == []


def test_a_circle_of_a_large_view_can_be_dragged_when_editable(browser, large):
    browser.load(large)
    moved = browser.js("""JSON.stringify((function () {""" + AT + """
        var s = caucasusmap._state, map = s.map, got = [];
        map.setView([39.0, 45.0], 9, {animate: false});
        caucasusmap.onMove = function (id, lat, lon) { got.push([id, lat, lon]); };
        caucasusmap.setEditable(true);
        var a = at(39.0, 45.0), b = at(39.2, 45.3);
        fire(a, 'mousedown'); fire(b, 'mousemove'); fire(b, 'mouseup');
        caucasusmap.setEditable(false);
        var hit = s.dots.hitAt(map.latLngToContainerPoint([39.2, 45.3]));
        var old = s.dots.hitAt(map.latLngToContainerPoint([39.0, 45.0]));
        return {got: got, hit: hit === s.byId.p160, old: old}; })())""")
    assert len(moved["got"]) == 1 and moved["got"][0][0] == "p160", moved
    assert abs(moved["got"][0][1] - 39.2) < 0.02 and abs(moved["got"][0][2] - 45.3) < 0.02
    # The dot is found where it was dropped, and no longer where it was.
    assert moved["hit"] and moved["old"] == -1, moved
    assert browser.errors() == []


def test_a_large_view_repaints_only_what_a_selection_changes(browser, large):
    browser.load(large)
    got = browser.js("""JSON.stringify((function () {
        var s = caucasusmap._state, c = s.dots, rects = [], ctx = c._ctx, images = 0;
        c.onDraw = function (b) { rects.push(b); };
        var image = ctx.drawImage;
        ctx.drawImage = function () { images += 1; return image.apply(this, arguments); };
        s.labels.flush();
        var seen = s.labels._seen, labels = '.cm-label, .cm-base-label';
        document.querySelectorAll(labels).forEach(function (e) { e.cmOld = true; });
        // Two places far apart, one after the other; the redraw runs on the next frame: call it now.
        caucasusmap.select(['p0'], {pan: false}); caucasusmap.select(['p449'], {pan: false}); c._redraw();
        var patches = rects.slice();
        s.labels.flush();
        var reused = s.labels._seen === seen && seen.order.length > 0;
        var now = Array.prototype.slice.call(document.querySelectorAll(labels));
        var relabelled = now.filter(function (e) { return !e.cmOld; }).length;
        var patched = images;
        rects.length = 0; images = 0;
        c._updatePaths();  // everything drawn again
        return {patches: patches, full: rects, images: images, patched: patched, reused: reused,
                relabelled: relabelled, labels: now.length, circles: c.shown()};
    })())""")
    # Each changed dot's own square, not one rectangle from p0 to p449 across the map.
    assert len(got["patches"]) >= 2 and all(r is not None and r[0] < 80 and r[1] < 80 for r in got["patches"]), got
    assert got["full"] == [None]
    # A full drawing draws each dot in view once; the patches a few.
    assert 100 < got["images"] <= got["circles"] and got["patched"] < 40, got
    # A new selection reuses the markers' label obstacles of this view.
    assert got["reused"]
    # ... and keeps the label elements it draws again: only the selection's own are new.
    assert got["labels"] > 10 and got["relabelled"] <= 4, got
    browser.js("caucasusmap.setView(39.0, 45.0, 9); 'ok'")
    browser.js("caucasusmap._state.labels.flush(); 'ok'")
    assert browser.js("caucasusmap._state.labels._seen.order.length") < got["circles"]
    # Hovering a dot shows its tooltip (made when first wanted).
    tip = browser.js("""JSON.stringify((function () {""" + AT + """
        fire(at(39.0, 45.0), 'mousemove');
        var t = document.querySelectorAll('.leaflet-tooltip');
        var first = t.length ? t[0].textContent : null;
        fire(at(39.1, 45.0), 'mousemove');  // the next dot: the same tooltip, moved and filled anew
        t = document.querySelectorAll('.leaflet-tooltip');
        return [first, t.length, t.length ? t[0].textContent : null]; })())""")
    assert tip[0] and "Qaravil160" in tip[0] and "mention" in tip[0], tip
    assert tip[1] == 1 and "Qaravil161" in tip[2], tip
    assert browser.errors() == []
