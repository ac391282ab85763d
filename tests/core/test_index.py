"""Index queries and the on-disk cache."""

import os

import numpy as np
import pytest

from caucasusmap import index as index_mod
from caucasusmap.index import open_index

TEXT = """\
# Trip

We crossed at Nurduz towards Tabriz and Baku.

Shusha and Baku again; then Baku.

## References

Baku: Publisher, 2001.
"""


@pytest.fixture
def corpus_dir(write, tmp_path):
    write("c/trip.md", TEXT)
    write("c/other.txt", "Only Tabriz here.\n")
    return tmp_path / "c"


def test_queries(mini_gazetteer, corpus_dir):
    idx = open_index(mini_gazetteer, corpus_dir)
    assert idx.mention_count("baku") == 4
    assert idx.document_count("tabriz") == 2
    assert [(p.id, n) for p, n in idx.passages_for("baku")] == [("trip#2", 1), ("trip#3", 2), ("trip#5", 1)]
    assert [p.id for p, _ in idx.passages_for("baku", include_references=False)] == ["trip#2", "trip#3"]
    assert [p.id for p, _ in idx.passages_for(["baku", "shusha"], mode="all")] == ["trip#3"]
    assert [p.id for p, _ in idx.passages_for(["shusha", "nurduz"], mode="any")] == ["trip#2", "trip#3"]
    assert idx.places_in("trip#2") == {"nurduz": 1, "tabriz": 1, "baku": 1}
    assert idx.places_in_document("other") == {"tabriz": 1}
    assert idx.cooccurring("baku") == [("nurduz", 1), ("shusha", 1), ("tabriz", 1)]
    assert idx.cooccurrence[("baku", "tabriz")] == 1
    for m in idx.mentions:
        assert idx.corpus.by_id[m.document].text[m.start:m.end] == m.surface
    with pytest.raises(ValueError, match="mode"):
        idx.passages_for("baku", mode="some")
    unmentioned = {i.message.split("'")[1] for i in idx.unmentioned_issues()}
    assert "minsk" in unmentioned and "baku" not in unmentioned


@pytest.fixture
def linked(monkeypatch):
    """The relative paths of the files linked (through the one unit of work)."""
    seen = []
    real = index_mod.link_files

    def counting(spec, items, **more):
        seen.extend(rel for rel, *_ in items)
        return real(spec, items, **more)

    monkeypatch.setattr(index_mod, "link_files", counting)
    return seen


def _same(a, b):
    assert list(a.mentions) == list(b.mentions)
    assert list(a.passage_list) == list(b.passage_list)
    assert [d.id for d in a.corpus.documents] == [d.id for d in b.corpus.documents]
    for p in a.gazetteer.places:
        assert (a.mention_count(p.id), a.document_count(p.id)) == (b.mention_count(p.id), b.document_count(p.id))
        assert a.passages_for(p.id) == b.passages_for(p.id)


def test_second_open_uses_the_store_and_links_only_what_changed(mini_gazetteer, corpus_dir, linked):
    first = open_index(mini_gazetteer, corpus_dir)
    second = open_index(mini_gazetteer, corpus_dir)
    assert (first.source, second.source) == ("built", "cache") and sorted(linked) == ["other.txt", "trip.md"]
    assert second.mentions == first.mentions and second.passages == first.passages
    _same(second, open_index(mini_gazetteer, corpus_dir, use_cache=False))

    # Touched but unchanged: nothing is linked.
    linked.clear()
    os.utime(corpus_dir / "other.txt", ns=(1, 1))
    assert open_index(mini_gazetteer, corpus_dir).source == "cache" and linked == []

    # One changed document is the only one linked again; the result equals a fresh build.
    (corpus_dir / "other.txt").write_text("Only Tabriz and Shusha here.\n", encoding="utf-8")
    third = open_index(mini_gazetteer, corpus_dir)
    assert third.source == "updated" and linked == ["other.txt"] and third.mention_count("shusha") == 2
    _same(third, open_index(mini_gazetteer, corpus_dir, use_cache=False))

    # A document added before the others in corpus order, and one removed.
    linked.clear()
    (corpus_dir / "a-new.md").write_text("Nurduz, Nurduz.\n", encoding="utf-8")
    (corpus_dir / "other.txt").unlink()
    fourth = open_index(mini_gazetteer, corpus_dir)
    assert linked == ["a-new.md"] and [d.id for d in fourth.corpus.documents] == ["a-new", "trip"]
    assert fourth.stats.removed == 1 and fourth.mention_count("nurduz") == 3
    _same(fourth, open_index(mini_gazetteer, corpus_dir, use_cache=False))

    # A gazetteer change relinks everything.
    linked.clear()
    mini_gazetteer.write_text(mini_gazetteer.read_text(encoding="utf-8").replace("[Bakı]", "[Bakı, Trip]"),
                              encoding="utf-8")
    fifth = open_index(mini_gazetteer, corpus_dir)
    assert fifth.source == "built" and sorted(linked) == ["a-new.md", "trip.md"] and fifth.mention_count("baku") == 5
    assert open_index(mini_gazetteer, corpus_dir).source == "cache"
    assert open_index(mini_gazetteer, corpus_dir, use_cache=False).source == "built"


def test_opening_the_store_reads_no_document(mini_gazetteer, corpus_dir, monkeypatch):
    open_index(mini_gazetteer, corpus_dir)
    reads = []
    real = index_mod._read_file
    monkeypatch.setattr(index_mod, "_read_file", lambda reader, path, *a: reads.append(path.stem) or
                        real(reader, path, *a))
    idx = open_index(mini_gazetteer, corpus_dir)
    assert idx.source == "cache"
    assert idx.mention_count("baku") == 4 and idx.passages_for("baku")[0][0].id == "trip#2"
    assert [d.title for d in idx.corpus.documents] == ["Only Tabriz here.", "Trip"]
    assert reads == []
    assert idx.mentions_in("trip#3")[0].surface == "Shusha" and reads == ["trip"]


def test_interrupted_link_resumes(mini_gazetteer, write, tmp_path, linked, monkeypatch):
    for i in range(6):
        write(f"r/doc{i}.md", TEXT)
    monkeypatch.setattr(index_mod, "_batches", lambda items, size_of, workers, **k: [[i] for i in items])

    def interrupt(done, total):
        if done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        open_index(mini_gazetteer, tmp_path / "r", progress=interrupt)
    assert len(linked) == 3
    linked.clear()
    idx = open_index(mini_gazetteer, tmp_path / "r")
    assert sorted(linked) == [f"doc{i}.md" for i in range(3, 6)] and idx.mention_count("baku") == 24
    _same(idx, open_index(mini_gazetteer, tmp_path / "r", use_cache=False))


def test_damaged_store_is_rebuilt(mini_gazetteer, corpus_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("CAUCASUSMAP_CACHE_DIR", str(tmp_path / "cc"))
    open_index(mini_gazetteer, corpus_dir)
    (store,) = (tmp_path / "cc").glob("store-*")
    (store / "store.sqlite").write_bytes(b"not a database")
    for extra in store.glob("store.sqlite-*"):
        extra.unlink()
    again = open_index(mini_gazetteer, corpus_dir)
    assert again.source == "built" and again.mention_count("baku") == 4
    # A damaged column file: the store is rebuilt as well.
    (column,) = [p for p in store.glob("parts/base*/m_place.npy")]
    column.write_bytes(column.read_bytes()[:90])
    again = open_index(mini_gazetteer, corpus_dir)
    assert again.source == "built" and again.mention_count("baku") == 4


def test_parallel_build_equals_serial(mini_gazetteer, write, tmp_path):
    from caucasusmap.corpus import read_corpus
    from caucasusmap.gazetteer import load_gazetteer
    from caucasusmap.index import build_index

    for i in range(5):
        write(f"p/doc{i}.md", TEXT * (i + 1))
    g, c = load_gazetteer(mini_gazetteer), read_corpus(tmp_path / "p")
    serial, parallel = build_index(g, c, workers=1), build_index(g, c, workers=2)
    assert parallel.mentions == serial.mentions and parallel.passage_list == serial.passage_list
    assert len(serial.mentions) == sum(7 * (i + 1) for i in range(5))


def test_reading_text_belongs_to_its_index(write, tmp_path, mini_gazetteer):
    """Issue 13: a reading-text cache keyed by id(index) served a freed
    index's text to the next one (ids are reused). The cache lives on the index."""
    import gc

    for i in range(15):
        write("r/trip.md", f"# Trip\n\nVersion {i}: from Nurduz to Tabriz.\n")
        idx = open_index(mini_gazetteer, tmp_path / "r", use_cache=False)
        text, spans = idx.reading_text("trip#2")
        assert text == f"Version {i}: from Nurduz to Tabriz."
        assert [text[a:b] for a, b, _ in spans] == ["Nurduz", "Tabriz"]
        del idx
        gc.collect()


@pytest.mark.parametrize("chunk", [1, 2, 5])
def test_streamed_compaction_in_small_chunks_equals_the_in_memory_index(mini_gazetteer, write, tmp_path, monkeypatch,
                                                                        chunk):
    from caucasusmap import store

    for i in range(4):
        write(f"s/doc{i}.md", TEXT * (i + 1) + "\n\nNurduz.\n" * i)
    write("s/empty-of-places.md", "Nothing here at all.\n")
    memory = open_index(mini_gazetteer, tmp_path / "s", use_cache=False)
    monkeypatch.setattr(store, "CHUNK_ROWS", chunk)
    monkeypatch.setattr(index_mod, "_batches", lambda items, size_of, workers, **k: [[i] for i in items])
    stored = open_index(mini_gazetteer, tmp_path / "s")
    _same(stored, memory)
    for name in ("p_mstart", "p_ppstart", "pp_place", "pp_count", "bp_start", "bp_passage", "bp_count",
                 "pl_mentions", "pl_documents", "d_pstart", "p_doc"):
        assert stored.structure[name].tolist() == memory.structure[name].tolist(), name


def _long_line(n_sentences: int) -> str:
    """One line (one passage) of many sentences, names at every offset."""
    words = ["Nurduz", "Tabriz", "Baku", "Shusha", "East Azerbaijan", "Azerbaijan"]
    parts = []
    for i in range(n_sentences):
        parts.append(f"Convoy {i} went from {words[i % 6]} on to {words[(i * 5 + 1) % 6]} and back, "
                     f"via {words[(i * 7 + 2) % 6]}{'-road' if i % 11 == 0 else ''}.")
    return " ".join(parts)


@pytest.mark.parametrize("window, margin", [(500, 100), (1000, 301), (5000, 4096)])
def test_a_long_document_is_linked_in_windows_with_the_same_mentions(mini_gazetteer, window, margin):
    from caucasusmap.gazetteer import load_gazetteer
    from caucasusmap.linking import Linker

    text = _long_line(400)
    linker = Linker(load_gazetteer(mini_gazetteer).places)
    whole = linker.find_links(text)
    seen = []
    real = linker.find_links
    linker.find_links = lambda t, *more: (seen.append(len(t)), real(t, *more))[1]
    start, end, place, confidence, counts, alt_place, alt_score = index_mod.find_links_windowed(
        linker, text, window, margin)
    assert len(seen) > 2 and max(seen) <= window + 2 * margin + 1
    assert start.tolist() == whole.start.tolist()
    assert end.tolist() == whole.end.tolist() and place.tolist() == whole.place.tolist()
    assert confidence.tolist() == whole.confidence.tolist() and counts.tolist() == np.diff(whole.alt_offset).tolist()
    assert alt_place.tolist() == whole.alt_place.tolist() and alt_score.tolist() == whole.alt_score.tolist()


def test_a_long_one_line_document_in_the_store_is_linked_in_windows(mini_gazetteer, write, tmp_path, monkeypatch):
    write("long/one-line.txt", _long_line(3000) + "\n")
    write("long/short.md", "Baku and Tabriz.\n")
    whole = open_index(mini_gazetteer, tmp_path / "long", use_cache=False)
    assert len(whole.passage_list) == 2
    monkeypatch.setattr(index_mod, "WINDOW_CHARS", 4000)
    monkeypatch.setattr(index_mod, "WINDOW_MARGIN", 500)
    longest = []
    real = index_mod.Linker.find_links
    monkeypatch.setattr(index_mod.Linker, "find_links",
                        lambda self, t, *more: (longest.append(len(t)), real(self, t, *more))[1])
    stored = open_index(mini_gazetteer, tmp_path / "long")
    assert stored.source == "built"
    assert max(longest) <= 4000 + 2 * 500 + 1 and len(longest) > 10
    _same(stored, whole)


def test_the_reference_and_the_not_places_list_are_part_of_the_store_key(mini_gazetteer, write, tmp_path, linked):
    from caucasusmap.reference import load_reference

    ref = load_reference()
    write("r/a.md", "From Tabriz to Astara and Rasht, then Lankaran.\n")
    alone = open_index(mini_gazetteer, tmp_path / "r", reference=None)
    assert alone.reference == "" and not any(p.from_reference for p in alone.gazetteer.places)
    linked.clear()
    layered = open_index(mini_gazetteer, tmp_path / "r", reference=ref)
    assert layered.source == "built" and linked == ["a.md"] and layered.reference == ref.digest
    reference_places = [p for p in layered.gazetteer.places if p.from_reference]
    assert reference_places and all(layered.mention_count(p.id) for p in reference_places)
    # the stored index gives back what an in-memory build makes, the linker's columns included
    memory = open_index(mini_gazetteer, tmp_path / "r", reference=ref, use_cache=False)
    assert [(m.place, m.confidence, m.alternatives) for m in layered.mentions] == \
        [(m.place, round(m.confidence, 4), m.alternatives) for m in memory.mentions]
    assert [p.id for p in layered.place_pool] == [p.id for p in memory.place_pool]
    linked.clear()
    again = open_index(mini_gazetteer, tmp_path / "r", reference=ref)
    assert again.source == "cache" and linked == []
    assert [m.alternatives for m in again.mentions] == [m.alternatives for m in layered.mentions]
    # the user's "not a place" list changes what the reference links: everything is linked again
    rasht = next(p for p in reference_places if p.name == "Rasht")
    (mini_gazetteer.parent / "not-places.txt").write_text("Rasht\n", encoding="utf-8")
    ignored = open_index(mini_gazetteer, tmp_path / "r", reference=ref)
    assert ignored.source == "built" and linked == ["a.md"] and ignored.mention_count(rasht.id) == 0


def test_a_new_reader_version_or_newly_installed_library_relinks_those_files(mini_gazetteer, write, tmp_path, linked,
                                                                             monkeypatch):
    from caucasusmap import readers

    write("v/a.html", "<html><body><p>Baku.</p></body></html>")
    write("v/b.txt", "Tabriz.\n")
    open_index(mini_gazetteer, tmp_path / "v")
    text_reader = readers.reader_for(tmp_path / "v" / "b.txt")
    newer = [r if r is not text_reader else __import__("dataclasses").replace(r, version=r.version + ".1")
             for r in readers.READERS]
    monkeypatch.setattr(readers, "READERS", newer)
    linked.clear()
    assert open_index(mini_gazetteer, tmp_path / "v").source == "updated" and linked == ["b.txt"]
    linked.clear()
    assert open_index(mini_gazetteer, tmp_path / "v").source == "cache" and linked == []
    # a file that failed is tried again when the readers change (a library installed), not before
    write("v/c.docx", b"not a zip")
    open_index(mini_gazetteer, tmp_path / "v")
    linked.clear()
    assert open_index(mini_gazetteer, tmp_path / "v").source == "cache" and linked == []
    monkeypatch.setattr(index_mod, "readers_state", lambda: "another set of readers")
    open_index(mini_gazetteer, tmp_path / "v")
    assert linked == ["c.docx"]


def test_cancel_is_honoured_inside_a_document(mini_gazetteer):
    """Issue 9 finding 8: Cancel took 71 s to act, the linker finishing its
    document first. The linker asks between its steps and inside its loops."""
    from caucasusmap.errors import Cancelled
    from caucasusmap.gazetteer import load_gazetteer
    from caucasusmap.linking import Linker

    text = "Baku, Bakı and Shusha. " * 2000 + "Nurduz."
    linker = Linker(load_gazetteer(mini_gazetteer).places)
    asked = []

    def cancelled():
        asked.append(1)
        return len(asked) >= 2  # yes on the second look: inside the document

    with pytest.raises(Cancelled):
        linker.find_arrays(text, cancelled)
    assert len(asked) == 2
    assert len(linker.find_arrays(text, lambda: False)[0]) == len(linker.find_arrays(text)[0]) == 6001


def test_cancel_is_honoured_inside_a_long_document(mini_gazetteer, write, tmp_path, monkeypatch):
    """Cancel reaches the linker inside a document opened through
    open_index (between windows and inside each), not only between documents."""
    from caucasusmap.errors import Cancelled

    write("long/one-line.txt", _long_line(3000) + "\n")
    monkeypatch.setattr(index_mod, "WINDOW_CHARS", 4000)
    monkeypatch.setattr(index_mod, "WINDOW_MARGIN", 500)
    asked = []
    windows = []
    real = index_mod.Linker.find_links
    monkeypatch.setattr(index_mod.Linker, "find_links",
                        lambda self, t, *more: (windows.append(len(t)), real(self, t, *more))[1])

    def cancelled():
        asked.append(len(windows))
        return len(windows) >= 3  # cancel once three windows of the one document are linked

    for use_cache in (False, True):  # built in memory, and through the store
        asked.clear()
        windows.clear()
        with pytest.raises(Cancelled):
            open_index(mini_gazetteer, tmp_path / "long", use_cache=use_cache, cancelled=cancelled)
        assert 3 <= len(windows) < 20  # the document has many more windows than that
        assert asked.count(1) >= 2  # asked inside the linker during the first window, and before the second
    # Without cancelled= nothing is asked: the same corpus links in full.
    windows.clear()
    index = open_index(mini_gazetteer, tmp_path / "long", use_cache=False)
    assert len(windows) >= 20 and len(index.mentions) > 0
