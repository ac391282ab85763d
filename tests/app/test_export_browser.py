"""The exported HTML explorer in a real Chromium engine, with no network."""

import pytest

from _data import BUNDLED_CORPUS, BUNDLED_GAZETTEER
from caucasusmap.cli import main
from caucasusmap.export import export_view
from caucasusmap.index import open_index
from caucasusmap.maps import MapView

STATE = """JSON.stringify({
  L: typeof L, cluster: typeof L.markerClusterGroup,
  basemap: caucasusmap._state.basemapLayers,
  canvases: document.querySelectorAll('.leaflet-cm-base-pane canvas, .leaflet-cm-lines-pane canvas').length,
  baseLabels: document.querySelectorAll('.cm-base-label').length,
  markers: document.querySelectorAll('.cm-marker').length,
  labels: document.querySelectorAll('.cm-label').length,
  places: document.querySelectorAll('.cm-place-item').length,
  scale: document.querySelectorAll('.leaflet-control-scale').length,
  layers: document.querySelectorAll('.leaflet-control-layers-base input').length,
  legend: document.querySelectorAll('.cm-legend-row').length
})"""


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "map.html"
    assert main(["export", "--out", str(out), "--gazetteer", str(BUNDLED_GAZETTEER),
                 "--corpus", str(BUNDLED_CORPUS)]) == 0
    return out


def test_exported_map_works_offline(browser, exported):
    browser.load(exported)
    state = browser.js(STATE)
    assert state["L"] == "object" and state["cluster"] == "undefined"  # no place is hidden in a cluster
    assert state["basemap"] > 40          # world, land, lakes, rivers, provinces, borders, coasts drawn
    assert state["canvases"] == 2 and state["baseLabels"] >= 20
    assert state["markers"] >= 20 and state["labels"] >= 10 and state["places"] >= 60
    assert state["scale"] == 1 and state["layers"] >= 2 and state["legend"] >= 5
    assert browser.interceptor.blocked == []  # nothing even tried the network
    assert browser.errors() == []


def test_clicking_a_place_lists_its_passages(browser, exported):
    browser.load(exported)
    title = browser.js("""(function () {
        var m = document.querySelector('.cm-marker');
        m.dispatchEvent(new MouseEvent('click', {bubbles: true}));
        return m.title; })()""")
    panel = browser.js("""JSON.stringify({
        head: document.querySelector('#cm-panel h2').textContent,
        passages: document.querySelectorAll('#cm-panel .cm-passage').length,
        marks: document.querySelectorAll('#cm-panel mark').length,
        ringed: document.querySelectorAll('.cm-marker.cm-selected').length})""")
    assert panel["head"] == title
    assert panel["passages"] >= 1 and panel["marks"] >= 1 and panel["ringed"] == 1
    # A place name inside a passage is a link to that place.
    other = browser.js("""(function () {
        var a = document.querySelector('#cm-panel .cm-place-link');
        a.click(); return a.title; })()""")
    assert browser.js("document.querySelector('#cm-panel h2').textContent") == other
    browser.js("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'})); 'ok'")
    assert browser.js("document.querySelectorAll('#cm-panel .cm-place-item').length") >= 60
    assert browser.errors() == []


def test_selected_place_from_the_view_and_api(browser, tmp_path):
    index = open_index(BUNDLED_GAZETTEER, BUNDLED_CORPUS)
    out = export_view(index, MapView(selected=("nurduz",)), tmp_path / "sel.html")
    browser.load(out)
    assert browser.js("caucasusmap.selected()") == ["nurduz"]
    assert browser.js("document.querySelector('#cm-panel h2').textContent") == "Nurduz"
    browser.js("caucasusmap.select(['tabriz', 'baku'], {pan: false}); 'ok'")
    count = browser.js("document.querySelectorAll('#cm-panel .cm-passage').length")
    assert count == len(index.passages_for(["tabriz", "baku"], mode="all"))
    view = browser.js("caucasusmap.getView()")
    assert set(view) == {"center", "zoom"}
    assert browser.errors() == []


def test_hostile_text_runs_nothing(browser, write, tmp_path):
    name = "<img src=x onerror=alert('name')>"
    write("h/places.yaml", f"""
        places:
          - id: evil
            name: "{name}"
            aliases: [Evilton]
            kind: city
            lat: 40
            lon: 46
            note: "</script><script>alert('note')</script> \\u2028 \\\\ \\" '"
    """)
    write("h/c/doc.md", "# </script><script>alert('title')</script>\n\n"
                        "Evilton <img src=x onerror=alert('passage')> \"q\" 'a' \\ \u2028 {{ 7*7 }} {% raw %}.\n")
    index = open_index(tmp_path / "h/places.yaml", tmp_path / "h/c")
    out = export_view(index, MapView(), tmp_path / "h.html")
    browser.load(out)
    browser.js("caucasusmap.select(['evil'], {pan: false}); 'ok'")
    shown = browser.js("""JSON.stringify({
        head: document.querySelector('#cm-panel h2').textContent,
        text: document.querySelector('#cm-panel .cm-text').textContent,
        imgs: document.querySelectorAll('img[src="x"]').length})""")
    assert shown["head"] == name
    assert "{{ 7*7 }}" in shown["text"] and "<img src=x" in shown["text"]
    assert shown["imgs"] == 0
    assert browser.page.alerts == []
    assert browser.errors() == []


def test_a_long_places_list_comes_in_batches_and_the_filter_searches_all(browser, write, tmp_path):
    names = [f"Qaravil{n:03d}" for n in range(450)]
    write("big/places.yaml", "places:\n" + "".join(
        f"  - {{id: p{n}, name: {name}, kind: village, lat: {38 + n % 30 * 0.1:.1f}, lon: {44 + n // 30 * 0.2:.1f}}}\n"
        for n, name in enumerate(names)))
    write("big/c/doc.md", "\n\n".join(f"The road passes {name}." for name in names) + "\n")
    index = open_index(tmp_path / "big/places.yaml", tmp_path / "big/c", reference=None)
    out = export_view(index, MapView(), tmp_path / "big.html")
    browser.load(out)
    count = "document.querySelectorAll('#cm-panel .cm-place-item').length"
    assert browser.js(count) == 400
    assert browser.js("document.querySelector('#cm-panel .cm-more').textContent") == "50 more…"
    browser.js("document.querySelector('#cm-panel .cm-more').scrollIntoView(); 'ok'")
    browser.qtbot.waitUntil(lambda: browser.js(count) == 450, timeout=5000)
    assert browser.js("document.querySelectorAll('#cm-panel .cm-more').length") == 0
    browser.js("""(function () { var f = document.querySelector('.cm-filter'); f.value = 'qaravil44';
        f.dispatchEvent(new Event('input')); })(); 'ok'""")
    shown = browser.js("JSON.stringify(Array.prototype.map.call(document.querySelectorAll('#cm-panel .cm-place-name'), "
                       "function (e) { return e.textContent; }))")
    assert sorted(shown) == [f"Qaravil{n}" for n in range(440, 450)]
    assert browser.errors() == []


def test_checked_mentions_are_marked_and_rejected_ones_left_out(browser, write, mini_gazetteer, tmp_path):
    from caucasusmap.review import Review

    text = "# Trip\n\nWe crossed at Nurduz towards Tabriz and Baku.\n\nBaku again, then Tabriz.\n"
    write("c/trip.md", text)
    review = Review(open_index(mini_gazetteer, tmp_path / "c"))
    review.decide("confirm", "trip", text.index("Tabriz"))
    review.decide("reject", "trip", text.index("Baku", text.index("Baku") + 1))
    out = export_view(review.index, MapView(), tmp_path / "checked.html")
    browser.load(out)
    browser.js("caucasusmap.select(['tabriz'], {pan: false}); 'ok'")
    tabriz = browser.js("""JSON.stringify(Array.from(document.querySelectorAll('#cm-panel mark')).map(function (m) {
        var s = getComputedStyle(m);
        return [m.textContent, m.classList.contains('cm-checked'), s.color, s.textDecorationLine]; }))""")
    assert [t[:2] for t in tabriz] == [["Tabriz", True], ["Tabriz", False]]
    assert tabriz[0][2:] == ["rgb(21, 128, 61)", "underline"] and tabriz[1][3] == "none"  # green underline
    browser.js("caucasusmap.select(['baku'], {pan: false}); 'ok'")
    baku = browser.js("""JSON.stringify({marks: document.querySelectorAll('#cm-panel mark').length,
        passages: document.querySelectorAll('#cm-panel .cm-passage').length,
        head: document.querySelector('#cm-panel h2').textContent})""")
    assert baku == {"marks": 1, "passages": 1, "head": "Baku"}  # the rejected "Baku" is no mention
    assert browser.errors() == []
