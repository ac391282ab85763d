"""The exported explorer with many passages: one page of rows at a time, and the
page's own filter giving the rows the core gives."""

from _data import BUNDLED_CORPUS, BUNDLED_GAZETTEER
from caucasusmap.export import export_view
from caucasusmap.index import open_index
from caucasusmap.maps import MapView

ROWS = "document.querySelectorAll('#cm-panel .cm-passage').length"
MORE = ("(function () { var b = document.querySelector('#cm-panel .cm-passages .cm-more-button');"
        " return b ? b.textContent : 'none'; })()")


def _many_passages(write, tmp_path):
    """130 passages that mention Nurduz, every fifth one Kapan too, in two documents."""
    write("many/places.yaml", """
        places:
          - {id: nurduz, name: Nurduz, kind: village, lat: 38.9, lon: 46.1}
          - {id: kapan, name: Kapan, kind: city, lat: 39.2, lon: 46.4}
    """)
    for d in range(2):
        write(f"many/c/doc{d}.md", "\n\n".join(
            f"Passage {d}-{n}: the road from Nurduz" + (" to Kapan" if n % 5 == 0 else "") + " was closed again."
            for n in range(65)) + "\n")
    return open_index(tmp_path / "many/places.yaml", tmp_path / "many/c", reference=None)


def test_a_place_with_many_passages_draws_one_page_and_shows_more_on_demand(browser, write, tmp_path):
    out = export_view(_many_passages(write, tmp_path), MapView(), tmp_path / "many.html")
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


def test_a_file_over_its_budget_carries_the_same_number_of_each_place_and_says_so(browser, write, tmp_path,
                                                                                    monkeypatch):
    monkeypatch.setattr("caucasusmap.maps.PASSAGES_IN_FILE", 40)  # room for 20 of each of the two places
    browser.load(export_view(_many_passages(write, tmp_path), MapView(selected=("nurduz",)), tmp_path / "few.html"))
    assert browser.js("caucasusmap._state.data.passagesPerPlace") == 20
    # Nurduz's first 20, and Kapan's first 20, which all name Nurduz too: 36 different passages.
    assert browser.js("document.querySelector('#cm-panel .cm-count').textContent") == "36 passages"
    assert browser.js("document.querySelector('#cm-panel .cm-note').textContent").startswith(
        "This file carries the first 20 passages of each place only (130 in all)")
    assert browser.errors() == []
