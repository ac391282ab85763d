"""Does every panel show what the view state says? (tests and the soak run)

:func:`disagreements` compares what each panel reports it shows
(``panel.shown()``) with what the window's :class:`~caucasusmap.session.Session`
says it should show, and returns one line per difference (empty: all agree).
:data:`MAP_STATE` is the JavaScript that asks the map page what it shows;
:func:`map_disagreements` compares its answer. Call them with the event loop
idle (deferred renders applied, no page being built).
"""

from __future__ import annotations

import json
from dataclasses import replace

from ..normalize import fold_phrase
from ..viewfilters import ViewRows

MAP_STATE = """JSON.stringify({
  ready: document.documentElement.dataset.cmReady || "",
  filters: (caucasusmap._state.data || {meta: {}}).meta.filters || null,
  places: (caucasusmap._state.data || {places: []}).places.map(function (p) { return p.id; }),
  counts: (caucasusmap._state.data || {places: []}).places.map(function (p) { return p.count; }),
  selected: JSON.parse(caucasusmap.selected()),
  highlighted: caucasusmap._state.highlighted.map(function (i) { return caucasusmap._state.data.places[i].id; }),
  tooltips: caucasusmap._state.markers.filter(function (m) { return m.isTooltipOpen(); }).length +
    (caucasusmap._state.dots && caucasusmap._state.dots.tooltipOpen() ? 1 : 0),
  range: caucasusmap._state.range || null
})"""


def disagreements(window) -> list[str]:
    """Every difference between a panel and the session (empty: none)."""
    s = window.state
    out: list[str] = []
    if s.index is None:
        return out
    index, sel, rows = s.index, s.current, s.view_rows()

    # Places: the view's places with their counts; the selection among the visible rows.
    places = window.places.shown()
    want = [p.id for p, keep in zip(index.gazetteer.places, rows.place_mask) if keep]
    if places["places"] != want:
        out.append(f"places: lists {len(places['places'])} places, the view has {len(want)}")
    else:
        keep = rows.place_mask.nonzero()[0]
        if places["mentions"] != [int(x) for x in rows.mentions[keep]] or \
                places["docs"] != [int(x) for x in rows.documents[keep]]:
            out.append("places: counts differ from the view's")
    query = window.places.proxy.query
    model = window.places.model
    visible = [pid for pid, text in zip(places["places"], model.search) if not query or query in text]
    if sorted(places["visible"]) != sorted(visible):
        out.append(f"places: {len(places['visible'])} rows visible, the filter {query!r} keeps {len(visible)}")
    if query != fold_phrase(window.places.filter_edit.text()):
        out.append("places: the proxy's query is not the filter box's text")
    wanted_sel = sorted(p for p in places["visible"] if p in sel.places)
    if sorted(places["selected"]) != wanted_sel:
        out.append(f"places: rows {places['selected']} selected, the selection shows {wanted_sel}")
    proxy = window.places.proxy
    for r in range(proxy.rowCount()):
        src = proxy.mapToSource(proxy.index(r, 0))
        if not src.isValid() or src.row() >= model.rowCount() or not proxy.data(proxy.index(r, 0)):
            out.append(f"places: row {r} is a ghost (no place behind it)")
            break

    # Passages: the selection's passages in the view, a page at a time.
    shown = window.passages.shown()
    expected = [p.id for p, _ in s.passages()][: shown["limit"]] if sel.places else []
    if shown["passages"] != expected:
        out.append(f"passages: shows {len(shown['passages'])}, the view has {len(expected)} "
                   f"(of {len(s.passages()) if sel.places else 0})")
    if shown["mode"] != sel.mode:
        out.append(f"passages: mode {shown['mode']}, selection mode {sel.mode}")

    # Reader: the chosen passage's document.
    reader = window.reader.shown()
    if sel.passage and sel.passage in index.passages:
        doc = index.passages[sel.passage].document
        if reader["document"] != doc or reader["passage"] != sel.passage or sel.passage not in reader["window"]:
            out.append(f"reader: shows {reader['document']}/{reader['passage']}, chosen {doc}/{sel.passage}")

    # Documents: the ticks are the document filter.
    docs = window.documents.shown()
    if docs["documents"] != [d.id for d in index.corpus.documents]:
        out.append("documents: the list is not the corpus")
    ticked = s.filters.documents
    if docs["checked"] != [d.id for d in index.corpus.documents if ticked is None or d.id in ticked]:
        out.append("documents: the ticks are not the view's documents")

    # Search: only results the view shows.
    for kind, key in window.search.shown()["results"]:
        if (kind == "place" and not rows.shows_place(key)) or (kind == "passage" and not rows.shows_passage(key)):
            out.append(f"search: lists {kind} {key}, which the view does not show")
            break
    return out


def map_disagreements(window, answer: str | dict) -> list[str]:
    """Differences between the map page (``answer`` of :data:`MAP_STATE`)
    and the session; call when the page is ready and not being rebuilt."""
    page = json.loads(answer) if isinstance(answer, str) else answer
    s = window.state
    out: list[str] = []
    if page.get("ready") != "1":
        return ["map: the page is not ready"]
    f, filters = s.filters, page.get("filters") or {}
    want = {"documents": list(f.documents) if f.documents is not None else None,
            "places": list(f.places) if f.places is not None else None,
            "hideReferences": f.hide_references,
            "statuses": list(f.statuses) if f.statuses is not None else None}
    for key, value in want.items():
        if filters.get(key) != value:
            out.append(f"map: page built for {key}={filters.get(key)!r}, the view has {value!r}")
    want_range = None if f.time_range is None else [f.time_range[0] or "0000", f.time_range[1] or "9999"]
    if page.get("range") != want_range:
        out.append(f"map: page filters dates {page.get('range')}, the view has {want_range}")
    on_page = set(page["places"])
    # Every place the view mentions, whatever its date (the page's own time control narrows
    # them), is drawn with the view's count; a place drawn beyond those is one selected when
    # the page was built (count 0).
    counts = dict(zip((p.id for p in s.index.gazetteer.places),
                      ViewRows(s.index, replace(f, time_range=None)).mentions.tolist()))
    mentioned = {p for p, n in counts.items() if n}
    drawn = dict(zip(page["places"], page["counts"]))
    if mentioned - on_page:
        out.append(f"map: does not draw {sorted(mentioned - on_page)}, which the view mentions")
    wrong = sorted(p for p, n in drawn.items() if n != counts.get(p))
    if wrong:
        out.append("map: counts differ from the view's for " + ", ".join(
            f"{p} (page {drawn[p]}, view {counts.get(p)})" for p in wrong[:5]))
    selected = [p for p in s.current.places if p in on_page]
    if sorted(page["selected"]) != sorted(selected):
        out.append(f"map: selects {page['selected']}, the selection is {selected}")
    if s.current.passage:
        lit = sorted(p for p in s.highlighted() if p in on_page)
        if sorted(page["highlighted"]) != lit:
            out.append(f"map: lights up {page['highlighted']}, the passage's places are {lit}")
    if not s.current.places and page["tooltips"]:
        out.append(f"map: {page['tooltips']} tooltip(s) still open with nothing selected")
    return out
