"""Unlinked names: capitalised words that look like places the gazetteer lacks."""

import dataclasses
import time

import pytest

from _data import BUNDLED_CORPUS, BUNDLED_GAZETTEER
from caucasusmap.candidates import (
    Candidate,
    add_to_ignore,
    find_candidates,
    ignore_path,
    read_ignore,
)
from caucasusmap.errors import InvalidFileError
from caucasusmap.gazetteer import Gazetteer
from caucasusmap.index import build_index, open_index
from caucasusmap.normalize import fold_phrase

TRAVELS = """\
# Travels in the border country

We drove from Tabriz to the city of Marand and then on to Jolfa. Marand is a market town.
In Marand the bazaar was busy, and the road from Marand to Jolfa follows the Aras.

The villages of Kaleybar, Ahar and Tabriz are close. Unfortunately the roads were bad.
Unfortunately we had no map.

On Monday in January the Azerbaijani, Iranian and Armenian delegations and the Tabrizi
merchants met in Baku.

President Aliyev met Dr. Cornell and Mr. Smith near Baku. Ilham Aliyev spoke, and
Abbasov and Mammadli (2012) argue that Svante Cornell was right.

The Minsk Group, the Caspian Studies Institute and Tehran University issued statements;
the Hazar Institute published a report.

See https://www.example.com/Lankaran-news and www.Masally.az for details; NATO and the
OSCE met in Baku.

Trade grew in the Tabriz region and in Upper Karabakh.

## References

Zaqatala, P. (2001). *Mountains of Balakan*. Oxford: Lerik Press.
"""


@pytest.fixture
def travels(write, tmp_path, mini_gazetteer):
    write("c/travels.md", TRAVELS)
    return open_index(mini_gazetteer, tmp_path / "c")


def names(candidates):
    return [c.name for c in candidates]


def by_name(candidates, name):
    (found,) = [c for c in candidates if c.name == name]
    return found


def test_a_name_after_city_of_ranks_first(travels):
    found = find_candidates(travels)
    top = found[0]
    assert top.name == "Marand" and top.key == "marand"
    assert top.count == 4  # including the sentence-initial "Marand is …"
    assert "after 'the city of'" in top.evidence
    assert any(e.startswith("preposition 'from'") for e in top.evidence)
    assert top.passages == ("travels#2",)
    assert top.score == max(c.score for c in found)


def test_contexts_give_evidence(travels):
    found = find_candidates(travels)
    assert "after 'the villages of'" in by_name(found, "Kaleybar").evidence
    assert "in a list with known places" in by_name(found, "Ahar").evidence
    assert set(names(found)) >= {"Marand", "Jolfa", "Kaleybar", "Ahar"}


def test_a_known_place_with_another_kinds_word_and_a_direction(travels):
    found = find_candidates(travels)
    region = by_name(found, "Tabriz region")
    assert region.evidence == ("'Tabriz region' (known Tabriz is a city)",)
    assert "'Upper' + known Karabakh" in by_name(found, "Upper Karabakh").evidence


def test_what_is_not_a_place_does_not_appear(travels):
    keys = {c.key for c in find_candidates(travels, limit=0)}
    for word in (
        "unfortunately", "the", "we",                  # sentence-initial only, stop words
        "monday", "january",                           # months and weekdays
        "azerbaijani", "iranian", "armenian", "tabrizi",  # demonyms
        "aliyev", "cornell", "smith", "abbasov", "mammadli", "svante cornell", "ilham aliyev",  # people
        "president", "dr", "mr",
        "minsk group", "minsk", "caspian studies", "caspian", "hazar", "university", "group",  # organisations
        "zaqatala", "balakan", "lerik", "oxford",      # references section
        "lankaran", "masally", "example", "www",       # web addresses
        "nato", "osce",                                # acronyms without a place context
    ):
        assert word not in keys, word


def test_linked_names_do_not_appear(travels):
    known = {fold_phrase(n) for p in travels.gazetteer.places for n in p.names}
    found = find_candidates(travels, limit=0)
    assert found and not [c.name for c in found if c.key in known]


def test_candidate_is_a_frozen_slotted_value(travels):
    top = find_candidates(travels, limit=1)
    assert len(top) == 1 and isinstance(top[0], Candidate)
    assert not hasattr(top[0], "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        top[0].count = 0
    assert find_candidates(travels, limit=0) == find_candidates(travels, limit=1000)


def test_suffixes_hyphens_and_diacritics(write, tmp_path, mini_gazetteer):
    write("c/tr.md", """\
        Tebriz'den sonra Şəki'nin yolları ve Marand'ın çarşısı. Yol Şəki'ye ve Tabriz'e gider.

        From Baku to Şəki and to Bilasuvar-Port, then on to Ganja.
        """)
    found = find_candidates(open_index(mini_gazetteer, tmp_path / "c"))
    seki = by_name(found, "Şəki")
    assert seki.key == "seki" and seki.count == 3
    assert "suffix 'Şəki'nin'" in seki.evidence
    assert "preposition 'to'" in seki.evidence
    assert "Bilasuvar-Port" in names(found)
    assert "Marand" in names(found)


def test_persian_script_candidate(write, tmp_path, mini_gazetteer):
    write("c/fa.md", """\
        The headline read: سفر به شهر مرند و تبریز در تابستان.

        Another: مردم ارمنستان و بازار بزرگ.
        """)
    found = find_candidates(open_index(mini_gazetteer, tmp_path / "c"))
    marand = by_name(found, "مرند")
    assert "Persian script" in marand.evidence and "after 'شهر'" in marand.evidence
    assert "in a list with known places" in marand.evidence
    assert "'-ستان' name" in by_name(found, "ارمنستان").evidence
    # Ordinary Persian words have no cue of their own and are not candidates.
    assert not {"سفر", "تابستان", "بازار", "مردم"} & set(names(found))


def test_acronym_in_a_place_context(write, tmp_path, mini_gazetteer):
    write("c/a.md", "Trucks wait at the KAPIKOY crossing and NATO watches; more in KAPIKOY.\n")
    found = find_candidates(open_index(mini_gazetteer, tmp_path / "c"))
    assert names(found) == ["KAPIKOY"] and by_name(found, "KAPIKOY").count == 1


# ---------------------------------------------------------------------------
# The "not a place" list


def test_ignore_list_hides_names_diacritics_ignored(travels, tmp_path):
    path = ignore_path(tmp_path / "gaz" / "places.yaml")
    assert path == tmp_path / "gaz" / "not-places.txt"
    assert read_ignore(path) == set()  # missing file: empty list
    path.parent.mkdir()
    path.write_text("# mine\nMARÂND\n\n  Jölfa   # the town is real, the spelling not\n", encoding="utf-8")
    ignored = read_ignore(path)
    assert ignored == {"MARÂND", "Jölfa"}
    found = names(find_candidates(travels, ignore=ignored))
    assert "Marand" not in found and "Jolfa" not in found and "Kaleybar" in found


def test_add_to_ignore_appends_and_keeps_bytes(tmp_path):
    path = tmp_path / "not-places.txt"
    original = "\ufeff# kept   as is\r\nEarth\r\n\r\n   Losing  # odd spacing\r\nNowruz".encode("utf-8")
    path.write_bytes(original)
    assert add_to_ignore(path, "  Instagram ") is True
    assert path.read_bytes() == original + b"\r\nInstagram\r\n"
    assert add_to_ignore(path, "INSTAGRAM") is False  # already listed
    assert add_to_ignore(path, "Nowrüz") is False
    assert path.read_bytes() == original + b"\r\nInstagram\r\n"
    assert add_to_ignore(path, "Şəki") is True
    assert path.read_bytes() == original + "\r\nInstagram\r\nŞəki\r\n".encode()
    assert read_ignore(path) == {"Earth", "Losing", "Nowruz", "Instagram", "Şəki"}
    assert [p.name for p in tmp_path.iterdir()] == ["not-places.txt"]  # no temporary file left


def test_add_to_ignore_creates_the_file(tmp_path):
    path = tmp_path / "gaz" / "not-places.txt"
    assert add_to_ignore(path, "Hezbollah") is True
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#") and text.endswith("\nHezbollah\n")
    assert read_ignore(path) == {"Hezbollah"}


def test_add_to_ignore_utf16_file(tmp_path):
    path = tmp_path / "not-places.txt"
    original = "\ufeffEarth\n".encode("utf-16-le")
    path.write_bytes(original)
    add_to_ignore(path, "Losing")
    assert path.read_bytes() == original + "Losing\n".encode("utf-16-le")
    assert read_ignore(path) == {"Earth", "Losing"}


@pytest.mark.parametrize("bad", ["", "   ", "two\nlines", "with # hash", "--"])
def test_add_to_ignore_refuses_non_names(tmp_path, bad):
    with pytest.raises(ValueError):
        add_to_ignore(tmp_path / "not-places.txt", bad)
    assert not (tmp_path / "not-places.txt").exists()


def test_bad_bytes_are_a_clear_error(tmp_path):
    path = tmp_path / "not-places.txt"
    path.write_bytes(b"Earth\nLos\xffing\n")
    with pytest.raises(InvalidFileError) as info:
        read_ignore(path)
    message = str(info.value)
    assert f"{path}:2:4" in message and "not valid UTF-8" in message
    with pytest.raises(InvalidFileError):
        add_to_ignore(path, "Nowruz")
    assert path.read_bytes() == b"Earth\nLos\xffing\n"


def test_unreadable_ignore_path_is_a_clear_error(tmp_path):
    with pytest.raises(InvalidFileError, match="cannot read"):
        read_ignore(tmp_path)  # a folder


# ---------------------------------------------------------------------------
# The bundled corpus


@pytest.fixture(scope="module")
def bundled():
    return open_index(BUNDLED_GAZETTEER, BUNDLED_CORPUS, use_cache=False)


def test_bundled_corpus_runs_quickly_and_links_nothing_known(bundled):
    start = time.perf_counter()
    found = find_candidates(bundled, limit=30)
    assert time.perf_counter() - start < 3.0  # about 0.25 s; generous for slow machines
    assert len(found) == 30
    known = {fold_phrase(n) for p in bundled.gazetteer.places for n in p.names}
    assert not [c.name for c in found if c.key in known]
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
    order = {p.id: i for i, p in enumerate(bundled.passage_list)}
    for c in found:
        assert list(c.passages) == sorted(c.passages, key=order.__getitem__)
        assert not any(bundled.passages[p].is_reference for p in c.passages)


@pytest.mark.parametrize(("place_ids", "expected"), [
    (("nurduz",), "Nurduz"),
    # The units of the past named after Yerevan ("Erivan Governorate", alias "Yerevan Governorate")
    # know the word too: a name the gazetteer holds in any place is not an unlinked name.
    (("yerevan", "erivan-governorate", "erivan-uyezd"), "Yerevan"),
    # Every unit called Ardabil (the province and the county) left out; the city stays known.
    (("ardabil-province", "ardabil-county"), "Ardabil region"),
    (("middle-east",), "Middle East"),
])
def test_leave_out_a_place_and_it_comes_back(bundled, place_ids, expected):
    g = bundled.gazetteer
    without = Gazetteer(g.path, tuple(p for p in g.places if p.id not in place_ids))
    found = names(find_candidates(build_index(without, bundled.corpus), limit=30))
    assert expected in found
    assert expected not in names(find_candidates(bundled, limit=0))


# ---------------------------------------------------------------------------
# Each document's scan kept in the index's store


def _scanned(monkeypatch):
    """Documents read by the scan (the others came from the store)."""
    import caucasusmap.candidates as cand

    seen = []
    original = cand._Finder.passage

    def passage(self, pi, text, *args):
        seen.append(self.index.passage_list[pi].document)
        return original(self, pi, text, *args)

    monkeypatch.setattr(cand._Finder, "passage", passage)
    return seen


def _as_data(found):
    return [dataclasses.astuple(c) for c in found]


def test_stored_scans_give_the_fresh_answer(corpus_copy, monkeypatch):
    from caucasusmap.candidates import CACHE_FILE

    idx = open_index(BUNDLED_GAZETTEER, corpus_copy)
    fresh = _as_data(find_candidates(idx, limit=0, cache=False))
    assert fresh
    seen = _scanned(monkeypatch)
    first = _as_data(find_candidates(idx, limit=0))
    assert (idx.store.path / CACHE_FILE).exists() and set(seen) == {d.id for d in idx.corpus.documents}
    seen.clear()
    again = _as_data(find_candidates(open_index(BUNDLED_GAZETTEER, corpus_copy), limit=0))
    assert seen == []  # nothing read again
    assert first == again == fresh


def test_an_edited_document_alone_is_scanned_again(corpus_copy, monkeypatch):
    idx = open_index(BUNDLED_GAZETTEER, corpus_copy)
    find_candidates(idx, limit=0)
    doc = idx.corpus.documents[0]
    path = corpus_copy / doc.path.rsplit("/", 1)[-1]
    head, sep, rest = path.read_text(encoding="utf-8").partition("\n\n")  # early: not in the references
    path.write_text(head + sep + "The road from Tabriz to the city of Zarnava was open.\n\n" + rest, encoding="utf-8")
    idx = open_index(BUNDLED_GAZETTEER, corpus_copy)
    seen = _scanned(monkeypatch)
    kept = find_candidates(idx, limit=0)
    assert set(seen) == {doc.id}
    assert "Zarnava" in names(kept)
    assert _as_data(kept) == _as_data(find_candidates(idx, limit=0, cache=False))


def test_a_damaged_stored_scan_is_ignored(corpus_copy, monkeypatch):
    import sqlite3

    from caucasusmap.candidates import CACHE_FILE

    idx = open_index(BUNDLED_GAZETTEER, corpus_copy)
    expected = _as_data(find_candidates(idx, limit=0))
    con = sqlite3.connect(idx.store.path / CACHE_FILE)
    keys = [k for (k,) in con.execute("SELECT key FROM scans ORDER BY key")]
    con.execute("UPDATE scans SET data = ? WHERE key = ?", (b"\x78\x9c broken", keys[0]))
    con.execute("UPDATE scans SET data = ? WHERE key = ?", (__import__("zlib").compress(b'{"stats": 1}'), keys[1]))
    con.execute("DELETE FROM results")  # else the stored answer is used, and no scan is read
    con.commit()
    con.close()
    seen = _scanned(monkeypatch)
    assert _as_data(find_candidates(idx, limit=0)) == expected
    assert len(set(seen)) == 2  # those two documents read again
    seen.clear()
    assert _as_data(find_candidates(idx, limit=0)) == expected and seen == []  # and stored again
    (idx.store.path / CACHE_FILE).write_bytes(b"not a database at all" * 100)
    assert _as_data(find_candidates(idx, limit=0)) == expected


def test_a_cancelled_scan_stops_between_documents(corpus_copy, monkeypatch):
    from caucasusmap.errors import Cancelled

    idx = open_index(BUNDLED_GAZETTEER, corpus_copy)
    asked = []

    def cancelled():
        asked.append(1)
        return len(asked) > 2

    with pytest.raises(Cancelled):
        find_candidates(idx, limit=0, cancelled=cancelled)
    seen = _scanned(monkeypatch)
    found = _as_data(find_candidates(idx, limit=0))
    assert len(set(seen)) == len(idx.corpus.documents) - 2  # the two scanned before the cancel were kept
    assert found == _as_data(find_candidates(idx, limit=0, cache=False))


def test_fast_word_finding_matches_the_rules_word_by_word():
    """The scan finds a passage's words with two regexes and counts the
    lower-case ones per document; :meth:`_Finder._tokens_exact` reads them
    one by one as the rules are written. Both must see the same words, on
    every bundled passage and on random strings of letters, joiners, digits
    and marks of several scripts."""
    import random

    import numpy as np

    import caucasusmap.candidates as cand
    from caucasusmap.corpus import display_text

    def expected(text):
        return [m.span() for m in cand._TOKEN.finditer(text)
                if not (m.group()[0] in cand._BULK_FIRST and "-" not in m.group() and "‐" not in m.group())]

    def fast(text):
        return sorted([m.span() for m in cand._CAPITAL_TOKEN.finditer(text)]
                      + [m.span() for m in cand._lower_hyphenated(text)])

    rng = random.Random(14)
    alphabet = "aZ'’ʼ-‐ _1²éÉßΣσДдԱաაابپ\u0301x."
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert fast(text) == expected(text), text

    idx = open_index(BUNDLED_GAZETTEER, BUNDLED_CORPUS)
    one, other = cand._Finder(idx, set()), cand._Finder(idx, set())
    passages = 0
    for p in idx.passage_list:
        doc = idx.corpus.by_id[p.document]
        disp, origin = display_text(doc.text, p.start, p.end, markup=doc.markup)
        if not disp:
            continue
        linked = np.zeros(len(disp), dtype=bool)
        rows = np.flatnonzero(np.asarray(idx.table.passage) == idx.passage_position(p.id))
        for r in rows.tolist():
            a = np.searchsorted(origin, idx.table.start[r])
            b = np.searchsorted(origin, idx.table.end[r])
            linked[a:b] = True
        url = np.zeros(len(disp), dtype=bool)
        assert expected(disp) == fast(disp)
        got = one.tokens(disp, linked, url, p.kind == "heading", p.is_reference)
        want = other._tokens_exact(disp, linked, url, p.kind == "heading", p.is_reference)
        assert got == want, p.id
        passages += 1
    one._count_pending()
    assert passages > 300 and one.lower_counts == other.lower_counts and sum(one.lower_counts.values()) > 10_000


def test_the_stored_answer_is_the_fresh_answer_for_each_limit_and_not_a_place_list(corpus_copy, monkeypatch):
    """A whole answer is kept per limit and "not a place" list: asking again
    reads no document, asking with another list or limit gives that answer,
    and a damaged stored answer is computed again."""
    import sqlite3

    from caucasusmap.candidates import CACHE_FILE

    idx = open_index(BUNDLED_GAZETTEER, corpus_copy)
    fresh = find_candidates(idx, limit=0, cache=False)
    top = fresh[0].name
    assert _as_data(find_candidates(idx, limit=0)) == _as_data(fresh)
    asks = ((0, ()), (5, ()), (0, (top,)), (3, (top.upper(),)))
    expected = [_as_data(find_candidates(idx, ignore, limit=limit, cache=False)) for limit, ignore in asks]
    seen = _scanned(monkeypatch)
    for (limit, ignore), want in zip(asks, expected):
        got = _as_data(find_candidates(open_index(BUNDLED_GAZETTEER, corpus_copy), ignore, limit=limit))
        assert got == want, (limit, ignore)
        assert (top in [c[0] for c in got]) == (not ignore)
    assert seen == []  # every answer from the stored scans or answers
    con = sqlite3.connect(idx.store.path / CACHE_FILE)
    assert con.execute("SELECT count(*) FROM results").fetchone()[0] == 4  # the same list, however written
    con.execute("UPDATE results SET data = ?", (b"\x78\x9c broken",))
    con.commit()
    con.close()
    assert _as_data(find_candidates(idx, limit=0)) == _as_data(fresh)
