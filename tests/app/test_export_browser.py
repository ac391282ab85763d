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


ROWS = "document.querySelectorAll('#cm-panel .cm-passage').length"
MORE = ("(function () { var b = document.querySelector('#cm-panel .cm-passages .cm-more-button');"
        " return b ? b.textContent : 'none'; })()")


def test_a_place_with_many_passages_draws_one_page_and_shows_more_on_demand(browser, write, tmp_path):
    write("many/places.yaml", """
        places:
          - {id: nurduz, name: Nurduz, kind: village, lat: 38.9, lon: 46.1}
          - {id: kapan, name: Kapan, kind: city, lat: 39.2, lon: 46.4}
    """)
    # 130 passages mention Nurduz (every fifth one Kapan too), in two documents.
    for d in range(2):
        write(f"many/c/doc{d}.md", "\n\n".join(
            f"Passage {d}-{n}: the road from Nurduz" + (" to Kapan" if n % 5 == 0 else "") + " was closed again."
            for n in range(65)) + "\n")
    index = open_index(tmp_path / "many/places.yaml", tmp_path / "many/c", reference=None)
    out = export_view(index, MapView(), tmp_path / "many.html")
    browser.load(out)
    browser.js("document.querySelector('#cm-panel .cm-place-item').click(); 'ok'")  # the most mentioned: Nurduz
    assert browser.js("document.querySelector('#cm-panel h2').textContent") == "Nurduz"
    assert browser.js("document.querySelector('#cm-panel .cm-count').textContent") == "130 passages"
    assert browser.js(ROWS) == 50
    assert browser.js(MORE) == "50 of 130 — show more"
    # The button takes the keyboard focus and keeps it while the next page is added.
    browser.js("var b = document.querySelector('#cm-panel .cm-more-button'); b.focus(); b.click(); 'ok'")
    assert browser.js(ROWS) == 100
    assert browser.js(MORE) == "100 of 130 — show more"
    assert browser.js("document.activeElement.className") == "cm-more-button"
    # Scrolled into sight, the rest comes by itself; then there is no "more" row.
    browser.js("document.querySelector('#cm-panel .cm-passages .cm-more').scrollIntoView(); 'ok'")
    browser.qtbot.waitUntil(lambda: browser.js(ROWS) == 130, timeout=5000)
    assert browser.js(MORE) == "none"
    texts = browser.js("JSON.stringify(Array.prototype.map.call(document.querySelectorAll('#cm-panel .cm-text'), "
                       "function (e) { return e.textContent.split(':')[0]; }))")
    assert texts == [f"Passage {d}-{n}" for d in range(2) for n in range(65)]  # corpus order, none twice
    # A new selection starts again at one page.
    browser.js("caucasusmap.select(['kapan'], {pan: false}); 'ok'")
    assert browser.js(ROWS) == 26 and browser.js(MORE) == "none"
    browser.js("caucasusmap.select(['nurduz'], {pan: false}); 'ok'")
    assert browser.js(ROWS) == 50
    assert browser.errors() == []


def test_the_passages_of_a_selection_are_those_the_core_finds(browser, tmp_path):
    """The page's own filter (places together, time range) gives the rows the
    index gives for the same view, for every place and pairs of places."""
    from caucasusmap.viewfilters import ViewRows

    index = open_index(BUNDLED_GAZETTEER, BUNDLED_CORPUS)
    browser.load(export_view(index, MapView(), tmp_path / "all.html"))
    data = browser.js("JSON.stringify({ids: caucasusmap._state.data.places.map(function (p) { return p.id; }),"
                      " totals: caucasusmap._state.data.passageTotals,"
                      " carried: caucasusmap._state.data.placePassages.map(function (l) { return l.length; }),"
                      " years: caucasusmap._state.data.meta.documents.map(function (d) { return d.year; })})")
    ids = data["ids"]
    complete = [p for p, t, c in zip(ids, data["totals"], data["carried"]) if t == c and t > 0]
    years = sorted({y for y in data["years"] if y})
    assert len(complete) >= 30 and len(years) >= 2
    selections = [[p] for p in complete] + [[a, b] for a, b in zip(complete[:12], complete[1:13])]
    ranges = [None] + [(str(y), str(y)) for y in years]
    checked = 0
    for rng in ranges:
        vr = ViewRows(index, MapView(time_range=rng))
        browser.js(f"caucasusmap.setTimeRange({rng[0] if rng else 'null'}, {rng[1] if rng else 'null'}); 'ok'")
        for sel in selections:
            got = browser.js(f"(function () {{ caucasusmap.select({sel!r}, {{pan: false}}); var s = caucasusmap._state;"
                             " return JSON.stringify(s.shownPassages.map(function (n) {"
                             " return s.data.passages[n].id; })); "
                             " })()")
            rows, _ = vr.passage_rows(sel, "all")
            want = [index.passage_list[r].id for r in rows.tolist()]
            assert got == want, (sel, rng, set(got) ^ set(want), len(got), len(want))
            checked += len(got)
    assert checked > 200
    assert browser.errors() == []
