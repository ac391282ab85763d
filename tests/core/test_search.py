"""Passage full-text search (FTS5 and the LIKE fallback) and place search."""

import dataclasses
import sqlite3
import threading
import time

import pytest

from _data import BUNDLED_CORPUS, BUNDLED_GAZETTEER
from caucasusmap.gazetteer import load_gazetteer
from caucasusmap.index import open_index
from caucasusmap.normalize import fold_phrase
from caucasusmap.search import SNIPPET_CHARS, Hit, PassageSearch, find_places, fts5_available

BACKENDS = ["fts5", "like"] if fts5_available() else ["like"]

LONG_FILLER = " ".join(["the border region was quiet for many years"] * 12)

CORPUS = f"""
# Border crossings

The Nurdüz crossing on the Aras river was closed in October.

The river that separates Iran from Azerbaijan is the Aras, and Baku watches it.

Baku and Tehran exchanged notes; Şuşa was retaken.

Iran's position on Nagorno-Karabakh was cautious.

A note on Qarabağ and the valley of the south today.

Qarabağ, Qarabağ and Qarabağ: the valley of the south.

{LONG_FILLER} Then Ordubad appeared in the news. {LONG_FILLER}

Persian press: بازار تبريز بسته شد.

## References

Smith, J. (2020). Baku and Tehran. Ordubad Press.
"""


@pytest.fixture
def index(mini_gazetteer, write, tmp_path):
    write("c/a.md", CORPUS)
    return open_index(mini_gazetteer, tmp_path / "c")


@pytest.fixture(params=BACKENDS)
def search(request, index):
    return PassageSearch(index, backend=request.param)


def texts(index, hits):
    """Raw source text of each hit's passage."""
    out = []
    for h in hits:
        p = index.passages[h.passage]
        out.append(index.corpus.by_id[p.document].text[p.start:p.end])
    return out


def test_backend_attribute_and_auto_choice(index):
    auto = PassageSearch(index)
    assert auto.backend == ("fts5" if fts5_available() else "like")
    assert PassageSearch(index, backend="like").backend == "like"
    assert len(auto) == len(index.passage_list)
    with pytest.raises(ValueError):
        PassageSearch(index, backend="whoosh")


def test_hit_is_a_frozen_slotted_dataclass(search):
    hit = search.search("Nurdüz")[0]
    assert isinstance(hit, Hit)
    assert not hasattr(hit, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        hit.rank = 0.0
    hash(hit)  # usable in sets despite the spans list
    assert hit.document == "a"
    assert isinstance(hit.rank, float)


def test_diacritic_insensitive(search, index):
    hits = search.search("nurduz")
    assert len(hits) == 1
    assert "Nurdüz" in texts(index, hits)[0]
    assert [h.passage for h in search.search("NURDÜZ")] == [hits[0].passage]
    assert len(search.search("susa")) == 1  # Şuşa
    assert len(search.search("qarabag")) == 2  # Qarabağ (ğ has a decomposition)


def test_letters_folded_like_the_linker(search, index):
    # Persian ی in the query finds Arabic ي in the text.
    assert len(search.search("تبریز")) == 1
    assert len(search.search("تبريز")) == 1


def test_terms_are_anded(search, index):
    hits = search.search("Baku Tehran")
    assert len(hits) == 2  # the body passage and the reference
    for t in texts(index, hits):
        assert "Baku" in t and "Tehran" in t
    assert search.search("Baku Nurduz") == []


def test_phrase_query(search, index):
    both = search.search("Aras river")
    assert len(both) == 2  # "Aras river" and "river ... Aras"
    phrase = search.search('"Aras river"')
    assert len(phrase) == 1
    assert "Aras river" in texts(index, phrase)[0]
    assert len(search.search('"river Aras"')) == 0


def test_hyphenated_and_apostrophe_words_are_phrases(search, index):
    assert len(search.search("Nagorno-Karabakh")) == 1
    assert len(search.search("nagorno karabakh")) == 1
    assert len(search.search("Iran's")) == 1


def test_prefix_query(search, index):
    assert search.search("Nagor") == []
    hits = search.search("Nagor*")
    assert len(hits) == 1
    assert "Nagorno-Karabakh" in texts(index, hits)[0]
    # Only the last word is a prefix.
    assert len(search.search("Iran's Nagor*")) == 1
    assert search.search("Nagor* Iran") == []
    # A prefix inside a quoted phrase.
    assert len(search.search('"Iran\'s posit*"')) == 1


HOSTILE = [
    '"', "*", '""', '"""', "**", "'", "(", ")", "NEAR(", "NEAR(a b)", "AND", "OR", "NOT", "a AND",
    "OR Baku", "Baku NOT", '"Iran\'s"', "Nagorno-Karabakh", "col:val", "passage:Baku", "body:x",
    "^Baku", "Baku +", "{a b} : c", "a*b*", "*Baku", "Baku**", "- -", "'; DROP TABLE passages; --",
    "%", "_", "\\", "100%", "a_b", "تبریز", "بازار تبريز", "\u200c", "\x00", "\x01\x02",
    "\ud800", "Ş" * 1000, "x " * 300, "   ", "", "\t\n",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(search, query):
    hits = search.search(query)
    assert isinstance(hits, list)
    for h in hits:
        assert len(h.snippet) <= SNIPPET_CHARS


def test_syntax_words_are_plain_words(search):
    assert search.search("AND") == search.search("and")
    assert [len(search.search(q)) for q in ("and", "OR", "NOT")] == [5, 0, 0]


@pytest.mark.parametrize("query", ["", "   ", '"', "*", "(", '""'])
def test_empty_queries_give_nothing(search, query):
    assert search.search(query) == []


def test_references_excluded_when_asked(search, index):
    assert len(search.search("Smith")) == 1
    assert search.search("Smith", include_references=False) == []
    with_refs = search.search("Ordubad")
    without = search.search("Ordubad", include_references=False)
    assert len(with_refs) == 2 and len(without) == 1
    assert not index.passages[without[0].passage].is_reference


def test_limit(search):
    assert len(search.search("the", limit=2)) == 2
    assert search.search("the", limit=0) == []


@pytest.mark.parametrize("query", ["nurduz aras", "Baku Tehran", "qarabag valley", "Nagor*", '"Aras river"',
                                   "تبریز", "susa"])
def test_spans_cover_the_matched_words(search, query):
    terms = [fold_phrase(t.strip('"*')) for t in query.split()] + [fold_phrase(query.strip('"*'))]
    hits = search.search(query)
    assert hits
    for h in hits:
        assert h.spans
        for a, b in h.spans:
            assert 0 <= a < b <= len(h.snippet)
            got = fold_phrase(h.snippet[a:b])
            assert any(got == t or got.startswith(t) for t in terms if t), (query, h.snippet[a:b])
        assert h.spans == sorted(h.spans)


def test_snippet_of_a_long_passage_is_short_and_centred(search):
    [hit] = search.search("Ordubad", include_references=False)
    assert len(hit.snippet) <= SNIPPET_CHARS
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert "\n" not in hit.snippet
    [(a, b)] = hit.spans
    assert hit.snippet[a:b] == "Ordubad"
    # The cut falls between words.
    assert hit.snippet[1] != " " and hit.snippet[-2] != " "
    words = set(LONG_FILLER.split()) | {"Then", "Ordubad", "appeared", "in", "the", "news."}
    assert set(hit.snippet.strip("…").split()) <= words


def test_short_passage_snippet_is_the_whole_display_text(search):
    [hit] = search.search("Nurduz")
    assert hit.snippet == "The Nurdüz crossing on the Aras river was closed in October."
    assert hit.spans == [(4, 10)]


def test_display_text_has_no_markup(mini_gazetteer, write, tmp_path):
    write("c/a.md", "Some **bold Baku** text with a [link to Tehran](https://example.org/baku).\n")
    idx = open_index(mini_gazetteer, tmp_path / "c")
    for backend in BACKENDS:
        [hit] = PassageSearch(idx, backend=backend).search("baku")
        assert hit.snippet == "Some bold Baku text with a link to Tehran."
        assert [hit.snippet[a:b] for a, b in hit.spans] == ["Baku"]


def test_more_occurrences_rank_first(search, index):
    hits = search.search("Qarabag")
    assert len(hits) == 2
    assert texts(index, hits)[0].count("Qarabağ") == 3
    assert hits[0].rank < hits[1].rank


def test_backends_agree(index):
    if len(BACKENDS) < 2:
        pytest.skip("no FTS5 in this SQLite")
    fts, like = PassageSearch(index, backend="fts5"), PassageSearch(index, backend="like")
    for q in ["the", "Baku", "Baku Tehran", '"Aras river"', "Nagor*", "iran", "qarabag", "تبریز", "the valley"]:
        assert {h.passage for h in fts.search(q)} == {h.passage for h in like.search(q)}, q
        assert [h.snippet for h in fts.search(q)] and all(
            len(h.snippet) <= SNIPPET_CHARS for h in like.search(q))


def test_built_in_one_thread_searched_in_another(index):
    box = {}
    t = threading.Thread(target=lambda: box.setdefault("s", PassageSearch(index)))
    t.start()
    t.join()
    assert len(box["s"].search("Nurduz")) == 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_bundled_corpus(backend):
    idx = open_index(BUNDLED_GAZETTEER, BUNDLED_CORPUS)
    start = time.perf_counter()
    search = PassageSearch(idx, backend=backend)
    build = time.perf_counter() - start
    assert len(search) == len(idx.passage_list)
    assert build < 5  # about 0.15 s measured; generous for slow CI
    hits = search.search("nurduz")
    assert hits
    assert all("nurd" in fold_phrase(h.snippet) for h in hits)
    assert all(fold_phrase(h.snippet[a:b]) == "nurduz" for h in hits for a, b in h.spans)
    start = time.perf_counter()
    for q in ("Karabakh", "Iran Azerbaijan", '"South Caucasus"', "Kara*", "the"):
        search.search(q)
    assert time.perf_counter() - start < 2


# ---------------------------------------------------------------------------
# find_places


@pytest.fixture
def gazetteer(mini_gazetteer):
    return load_gazetteer(mini_gazetteer)


def ids(found):
    return [p.id for p, _ in found]


def test_find_places_diacritics(gazetteer):
    found = find_places(gazetteer, "susa")
    assert [(p.id, name) for p, name in found] == [("shusha", "Şuşa")]
    assert [(p.id, name) for p, name in find_places(gazetteer, "baki")] == [("baku", "Bakı")]
    assert ids(find_places(gazetteer, "SHUSHA")) == ["shusha"]
    assert [(p.id, name) for p, name in find_places(gazetteer, "تبريز")] == [("tabriz", "تبریز")]


def test_find_places_prefix_of_an_alias(gazetteer):
    found = find_places(gazetteer, "Qara")
    assert [(p.id, name) for p, name in found] == [("karabakh", "Qarabagh")]


def test_find_places_by_id(gazetteer):
    assert [(p.id, name) for p, name in find_places(gazetteer, "east-azerbaijan")] == [
        ("east-azerbaijan", "East Azerbaijan")]


def test_find_places_exact_then_prefix_then_substring(gazetteer):
    assert ids(find_places(gazetteer, "karabakh")) == ["karabakh", "nagorno-karabakh"]
    assert ids(find_places(gazetteer, "azer")) == ["azerbaijan", "east-azerbaijan"]
    assert [(p.id, n) for p, n in find_places(gazetteer, "ara")] == [
        ("aras", "Aras"), ("karabakh", "Karabakh"), ("nagorno-karabakh", "Nagorno-Karabakh")]


def test_find_places_ties_by_name(gazetteer):
    found = find_places(gazetteer, "a")
    key = fold_phrase("a")

    def tier(name):
        f = fold_phrase(name)
        return 0 if f == key else 1 if f.startswith(key) else 2

    tiers = [(tier(n), fold_phrase(p.name)) for p, n in found]
    assert tiers == sorted(tiers)
    assert ids(found)[:2] == ["aras", "azerbaijan"]  # both prefix matches, by name
    assert len(found) == len({p.id for p, _ in found})


def test_find_places_limit_and_empty(gazetteer):
    assert len(find_places(gazetteer, "a", limit=3)) == 3
    assert find_places(gazetteer, "") == []
    assert find_places(gazetteer, "  - ") == []
    assert find_places(gazetteer, "zzz") == []


class _NoFts5(sqlite3.Connection):
    """A connection behaving like an SQLite built without FTS5."""

    def execute(self, sql, *args):
        if "fts5" in sql.lower():
            raise sqlite3.OperationalError("no such module: fts5")
        return super().execute(sql, *args)


def test_falls_back_to_like_without_fts5(index, monkeypatch):
    import caucasusmap.search as search_module

    real_connect = sqlite3.connect
    monkeypatch.setattr(search_module.sqlite3, "connect",
                        lambda *a, **k: real_connect(*a, factory=_NoFts5, **k))
    assert not fts5_available()
    search = PassageSearch(index)
    assert search.backend == "like"
    [hit] = search.search("nurduz")
    assert [hit.snippet[a:b] for a, b in hit.spans] == ["Nurdüz"]
    with pytest.raises(RuntimeError, match="FTS5"):
        PassageSearch(index, backend="fts5")


# ---------------------------------------------------------------------------
# The search database kept in the index's store

QUERIES = ["the", "Baku", "Baku Tehran", '"Aras river"', "Nagor*", "iran", "qarabag", "تبریز", "valley", "closed"]
SECOND = "# Second\n\nThe Aras valley near Baku was closed.\n\nOrdubad and Qarabağ traded.\n"


def _answers(search):
    return {q: [dataclasses.astuple(h) for h in search.search(q, limit=500)] for q in QUERIES}


@pytest.mark.parametrize("backend", BACKENDS)
def test_stored_search_answers_as_a_fresh_build(mini_gazetteer, write, tmp_path, backend):
    write("c/a.md", CORPUS)
    write("c/b.md", SECOND)
    write("c/z.md", CORPUS.replace("Nurdüz", "Ordubad"))
    idx = open_index(mini_gazetteer, tmp_path / "c")
    first = PassageSearch(idx, backend=backend)
    assert first.path is not None and first.path.parent == idx.store.path and first.indexed == 3
    again = PassageSearch(open_index(mini_gazetteer, tmp_path / "c"), backend=backend)
    assert again.indexed == 0  # every document's rows reused
    fresh = PassageSearch(idx, backend=backend, cache=False)
    assert fresh.path is None
    assert _answers(again) == _answers(fresh) == _answers(first)
    assert len(again) == len(fresh)


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_edited_document_is_indexed_alone(mini_gazetteer, write, tmp_path, backend):
    write("c/a.md", CORPUS)
    write("c/b.md", SECOND)
    write("c/z.md", CORPUS.replace("Nurdüz", "Ordubad"))
    PassageSearch(open_index(mini_gazetteer, tmp_path / "c"), backend=backend)
    write("c/b.md", SECOND.replace("Baku", "Tabriz, not Baku,") + "\nA new paragraph about Shusha.\n")
    (tmp_path / "c" / "z.md").unlink()
    idx = open_index(mini_gazetteer, tmp_path / "c")
    kept = PassageSearch(idx, backend=backend)
    assert kept.indexed == 1
    fresh = PassageSearch(idx, backend=backend, cache=False)
    assert _answers(kept) == _answers(fresh)
    assert {h.document for h in kept.search("Shusha")} == {"b"}
    assert not [h for h in kept.search("Ordubad", limit=500) if h.document == "z"]  # the removed file's rows are gone
    assert len(kept) == len(fresh)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_damaged_search_database_is_rebuilt(mini_gazetteer, write, tmp_path, backend):
    write("c/a.md", CORPUS)
    write("c/b.md", SECOND)
    idx = open_index(mini_gazetteer, tmp_path / "c")
    first = PassageSearch(idx, backend=backend)
    expected = _answers(first)
    path = first.path
    first.close()
    data = bytearray(path.read_bytes())
    data[:100] = b"x" * 100  # the header: not a database any more
    path.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    rebuilt = PassageSearch(idx, backend=backend)
    assert rebuilt.indexed == 2 and _answers(rebuilt) == expected
    # One document's rows missing (a partial entry): that document alone is indexed again.
    con = sqlite3.connect(path)
    lo, hi = con.execute("SELECT lo, hi FROM docs ORDER BY n LIMIT 1").fetchone()
    con.execute("DELETE FROM passages WHERE rowid = ?", (hi,))
    con.commit()
    con.close()
    rebuilt.close()
    again = PassageSearch(idx, backend=backend)
    assert again.indexed == 1 and _answers(again) == expected


def test_building_stops_when_cancelled_and_keeps_what_it_wrote(mini_gazetteer, write, tmp_path):
    from caucasusmap.errors import Cancelled

    write("c/a.md", CORPUS)
    write("c/b.md", SECOND)
    idx = open_index(mini_gazetteer, tmp_path / "c")
    asked = []

    def cancelled():
        asked.append(1)
        return len(asked) > 1  # after the first document

    with pytest.raises(Cancelled):
        PassageSearch(idx, cancelled=cancelled)
    again = PassageSearch(idx)
    assert again.indexed == 1  # the first document's rows were kept
    assert _answers(again) == _answers(PassageSearch(idx, cache=False))


def test_document_keys_are_computed_once_per_index(mini_gazetteer, write, tmp_path, monkeypatch):
    """The search database and the unlinked-name scan cache both ask for the
    documents' keys at every app open: the passages are hashed once."""
    from caucasusmap.search import document_keys

    write("c/a.md", CORPUS)
    write("c/b.md", SECOND)
    idx = open_index(mini_gazetteer, tmp_path / "c")
    calls = []
    bounds = idx.passage_bounds
    monkeypatch.setattr(idx, "passage_bounds", lambda a, b: calls.append((a, b)) or bounds(a, b))
    first = document_keys(idx)
    assert len(first) == 2 and all(first) and len(calls) == 2
    first.append("changed by the caller")
    assert document_keys(idx) == first[:2] and len(calls) == 2
    other = open_index(mini_gazetteer, tmp_path / "c")
    assert document_keys(other) == first[:2]  # a new index computes its own (equal) keys
