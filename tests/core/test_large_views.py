"""Views of large corpora: the app's map page carries no passage, the exported
explorer a capped number per place, the counts stay exact; views with no
filter answer from the stored totals."""

import json
import re

import numpy as np
import pytest

from _data import BUNDLED_CORPUS, BUNDLED_GAZETTEER
from caucasusmap.index import open_index
from caucasusmap.maps import MapView, fair_cap, render_map, view_payload
from caucasusmap.session import view_from_options
from caucasusmap.viewfilters import ViewRows


@pytest.fixture(scope="module")
def index():
    return open_index(BUNDLED_GAZETTEER, BUNDLED_CORPUS, use_cache=False)


def embedded(html):
    return json.loads(re.search(r'<script type="application/json" id="cm-data">(.*?)</script>', html, re.S).group(1))


def test_the_app_map_page_carries_places_and_counts_but_no_passage(index):
    full = embedded(render_map(index, MapView(), explorer=True, passages="all"))
    bare = embedded(render_map(index, MapView(), explorer=False))
    assert full["passages"] and bare["passages"] == [] and all(not p for p in bare["placePassages"])
    assert [(p["id"], p["count"], p["docs"]) for p in bare["places"]] == \
        [(p["id"], p["count"], p["docs"]) for p in full["places"]]
    # The page's own time filter recounts from mentions per document, which add up.
    for place, flat in zip(bare["places"], bare["placeDocs"]):  # [document, mentions, document, …]
        docs, mentions = flat[0::2], flat[1::2]
        assert sum(mentions) == place["count"] and len(set(docs)) == len(docs) == place["docs"] and all(mentions)


def test_the_exported_explorer_caps_passages_per_place_with_their_total(index):
    data = view_payload(index, MapView(), passages=3)
    ids = [p["id"] for p in data["places"]]
    for k, pid in enumerate(ids):
        every = [p.id for p, _ in index.passages_for(pid)]
        listed = [data["passages"][n]["id"] for n in data["placePassages"][k]]
        assert data["passageTotals"][k] == len(every)
        assert every[:3] == [p for p in listed if p in every[:3]] and set(every[:3]) <= set(listed)
        assert set(listed) <= set(every)
    assert len(data["passages"]) < len(view_payload(index, MapView(), passages="all")["passages"])


def test_the_per_place_cap_is_the_largest_the_file_budget_allows():
    assert fair_cap([1, 500, 30], 200, None) == 200
    assert fair_cap([1, 500, 30], 200, 231) == 200      # 1 + 200 + 30 fit
    assert fair_cap([1, 500, 30], 200, 61) == 30        # 1 + 30 + 30
    assert fair_cap([1, 500, 30], 200, 60) == 29
    assert fair_cap([500] * 10, 200, 5) == 1            # never fewer than one passage a place


def test_a_view_of_many_places_carries_fewer_of_each_within_the_files_budget(index):
    full = view_payload(index, MapView(), passages=200)
    totals = full["passageTotals"]
    assert full["passagesPerPlace"] == 200 and max(totals) > 5
    budget = sum(min(n, 5) for n in totals)  # room for five of each place
    for room, cap in ((budget, 5), (budget - 1, 4)):
        data = view_payload(index, MapView(), passages=200, budget=room)
        assert data["passagesPerPlace"] == cap and data["passageTotals"] == totals
        assert len(data["passages"]) <= room < len(full["passages"])
        for k, place in enumerate(data["places"]):
            every = [p.id for p, _ in index.passages_for(place["id"])]
            listed = {data["passages"][n]["id"] for n in data["placePassages"][k]}
            assert set(every[:cap]) <= listed <= set(every)


def test_unfiltered_views_answer_from_the_stored_columns(index, monkeypatch):
    rows = ViewRows(index, MapView())
    # No per-mention pass: counts from the stored totals, passages from place -> passages.
    monkeypatch.setattr(type(rows), "rows", property(lambda self: pytest.fail("walked every mention")))
    mentions, docs = rows.mentions, rows.documents
    assert mentions[index.place_position("tabriz")] == index.mention_count("tabriz")
    assert docs[index.place_position("tabriz")] == index.document_count("tabriz")
    got = rows.passages(["tabriz", "baku"], "all")
    assert got == index.passages_for(["tabriz", "baku"], mode="all")


def test_filtered_fast_path_equals_the_mention_level_answer(index):
    session = view_from_options(index, documents=[d.id for d in index.corpus.documents[:2]], hide_references=True)
    rows = session.view_rows()
    fast = rows.passage_rows(["tabriz", "iran"], "any")
    # The same question answered from the view's mention rows.
    t = index.table
    keep = np.isin(t.place[rows.rows], [index.place_position("tabriz"), index.place_position("iran")])
    found, counts = np.unique(t.passage[rows.rows][keep], return_counts=True)
    assert fast[0].tolist() == found.tolist() and fast[1].tolist() == counts.tolist()


@pytest.mark.parametrize("chunk", [1 << 22, 7])
def test_documents_per_place_are_counted_from_the_stored_columns_in_one_pass(index, monkeypatch, chunk):
    import caucasusmap.maps as maps

    monkeypatch.setattr(maps, "_CHUNK", chunk)  # a few pairs at a time: every place boundary inside a chunk
    got = maps._documents_of_places(index.structure, len(index.gazetteer.places))
    t = index.table
    want: dict[int, dict[int, int]] = {}
    for place, doc in zip(np.asarray(t.place).tolist(), np.asarray(t.document).tolist()):
        want.setdefault(place, {}).setdefault(doc, 0)
        want[place][doc] += 1
    assert len(got) == len(index.gazetteer.places)
    for i, flat in enumerate(got):
        assert dict(zip(flat[0::2], flat[1::2])) == want.get(i, {}) and flat[0::2] == sorted(want.get(i, {}))
    # A filtered view (mention rows) gives its documents in the same form.
    session = view_from_options(index, documents=[d.id for d in index.corpus.documents[:2]])
    data = view_payload(index, session.current_view(), passages="none")
    for place, flat in zip(data["places"], data["placeDocs"]):
        assert sum(flat[1::2]) == place["count"] and len(flat[0::2]) == place["docs"]
        assert set(flat[0::2]) <= {0, 1}


def test_the_page_leaves_default_fields_out_and_the_payload_keeps_them(index):
    from caucasusmap.maps import PLACE_DEFAULTS, page_data, safe_json

    data = json.loads(safe_json(view_payload(index, MapView(), passages="none")))  # as JSON has it (lists)
    page = embedded(render_map(index, MapView(), explorer=False))
    assert [p["id"] for p in page["places"]] == [p["id"] for p in data["places"]]
    assert page_data(data)["places"] == page["places"]
    for full, short in zip(data["places"], page["places"]):
        assert set(full) == set(short) | set(PLACE_DEFAULTS) | {"english"}
        for key, value in full.items():
            default = full["name"] if key == "english" else PLACE_DEFAULTS.get(key, object())
            assert short.get(key, default) == value
    assert any("aliases" in p for p in page["places"]) and any("aliases" not in p for p in page["places"])
