"""Index queries and the on-disk cache."""

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


def test_second_open_uses_cache_and_changes_rebuild(mini_gazetteer, corpus_dir, monkeypatch):
    calls = []
    real = index_mod.build_index

    def counting(*a, **k):
        calls.append(1)
        return real(*a, **k)

    monkeypatch.setattr(index_mod, "build_index", counting)
    first = open_index(mini_gazetteer, corpus_dir)
    second = open_index(mini_gazetteer, corpus_dir)
    assert (first.source, second.source, len(calls)) == ("built", "cache", 1)
    assert second.mentions == first.mentions and second.passages == first.passages

    (corpus_dir / "other.txt").write_text("Only Tabriz and Shusha here.\n", encoding="utf-8")
    third = open_index(mini_gazetteer, corpus_dir)
    assert third.source == "built" and len(calls) == 2 and third.mention_count("shusha") == 2

    mini_gazetteer.write_text(mini_gazetteer.read_text(encoding="utf-8").replace("[Bakı]", "[Bakı, Trip]"),
                              encoding="utf-8")
    fourth = open_index(mini_gazetteer, corpus_dir)
    assert fourth.source == "built" and len(calls) == 3 and fourth.mention_count("baku") == 5

    assert open_index(mini_gazetteer, corpus_dir).source == "cache"
    assert open_index(mini_gazetteer, corpus_dir, use_cache=False).source == "built"


def test_damaged_cache_is_rebuilt(mini_gazetteer, corpus_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("CAUCASUSMAP_CACHE_DIR", str(tmp_path / "cc"))
    open_index(mini_gazetteer, corpus_dir)
    (cache_file,) = (tmp_path / "cc").glob("index-*.sqlite")
    cache_file.write_bytes(b"not a database")
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
