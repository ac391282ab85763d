"""Issue 9, findings 11 and 12 (core): odd gazetteers and corpora get a clear,
located answer — never a hang, a traceback or a silent skip."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys

import numpy as np
import pytest

from caucasusmap import corpus as corpus_module
from caucasusmap.corpus import read_corpus
from caucasusmap.gazetteer import load_gazetteer, validate_gazetteer
from caucasusmap.index import cache_dir, open_index
from caucasusmap.yamlsource import read_yaml

ENTRY = "  - id: {id}\n    name: {name}\n    kind: city\n    lat: 39.{n}\n    lon: 46.{n}\n"


def errors(issues):
    return [str(i) for i in issues if i.is_error]


def test_a_second_top_level_places_is_an_error(write):
    gaz = write("g.yaml", "places:\n" + ENTRY.format(id="a", name="Aaa", n=1) + "places:\n"
                + ENTRY.format(id="b", name="Bbb", n=2))
    _, issues = validate_gazetteer(gaz)
    assert [e for e in errors(issues) if e.startswith(f"{gaz}:7:1:") and "second top-level 'places'" in e]


@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "folder"])
def test_a_gazetteer_that_is_not_a_regular_file_is_refused_at_once(tmp_path, special):
    if special == "fifo":
        target = tmp_path / "pipe.yaml"
        os.mkfifo(target)
    elif special == "folder":
        target = tmp_path / "x.yaml"
        target.mkdir()
    else:
        target = special
    code = ("import sys\nfrom caucasusmap.yamlsource import read_yaml\n"
            f"root, issues = read_yaml({str(target)!r})\nprint(issues[0])\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "not a regular file" in result.stdout and "Traceback" not in result.stderr


def test_fifo_gazetteer_through_the_cli(tmp_path):
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.md").write_text("Tabriz.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "caucasusmap", "--gazetteer", str(pipe), "--corpus", str(corpus),
                             "validate"], capture_output=True, text=True, timeout=120)
    assert result.returncode in (1, 2) and "a FIFO (named pipe), not a regular file" in result.stdout + result.stderr


@pytest.mark.parametrize("char, line, col", [("\x00", 2, 11), ("\x1b", 2, 11), ("\x07", 2, 11)])
def test_control_characters_are_located_on_one_line(write, char, line, col):
    gaz = write("g.yaml", f"places:\n  - id: ab{char}cd\n")
    _, issues = read_yaml(gaz)
    (issue,) = issues
    text = str(issue)
    assert text.startswith(f"{gaz}:{line}:{col}: error: character U+{ord(char):04X} is not allowed")
    assert "\n" not in text and "<unicode string>" not in text


@pytest.mark.parametrize("encoding, name", [("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"),
                                            ("utf-32-le", "UTF-32"), ("utf-32-be", "UTF-32")])
def test_wide_encodings_without_a_bom_are_named(write, encoding, name):
    gaz = write("g.yaml", ("places:\n" + ENTRY.format(id="a", name="Aaa", n=1)).encode(encoding))
    _, issues = validate_gazetteer(gaz)
    (issue,) = [i for i in issues if i.is_error]
    assert f"looks like {name} without a byte-order mark" in str(issue) and "\n" not in str(issue)


def test_utf32_with_a_bom_loads(write):
    gaz = write("g.yaml", codecs.BOM_UTF32_LE + ("places:\n" + ENTRY.format(id="a", name="Aaa", n=1))
                .encode("utf-32-le"))
    assert [p.id for p in load_gazetteer(gaz).places] == ["a"]


def test_an_alias_bomb_is_still_refused(write):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(10))}]" for i in range(1, 9)]
    gaz = write("bomb.yaml", "\n".join(lines) + "\nplaces: []\n")
    _, issues = read_yaml(gaz)
    assert issues and "too large once its YAML aliases (*name) are expanded" in str(issues[0])


def test_100000_places_load(tmp_path):
    # Refused before as "too large once aliases are expanded" (no alias in it).
    gaz = tmp_path / "big.yaml"
    with gaz.open("w", encoding="utf-8") as f:
        f.write("places:\n")
        for n in range(100_000):
            f.write(f"  - {{id: p{n}, name: Place{n}, kind: village, lat: {30 + n % 20}.5, lon: {40 + n % 20}.5}}\n")
    gazetteer = load_gazetteer(gaz)
    assert len(gazetteer.places) == 100_000 and gazetteer.places[-1].id == "p99999"


# -- corpus ------------------------------------------------------------------------------------------

def test_deeply_nested_folders_are_read(tmp_path):
    root = tmp_path / "c"
    deep = str(root)
    os.mkdir(deep)
    for _ in range(1100):  # level by level: Path.mkdir(parents=True) itself recurses
        deep += "/d"
        os.mkdir(deep)
    with open(deep + "/bottom.md", "w", encoding="utf-8") as f:
        f.write("Tabriz at the bottom.\n")
    (root / "top.md").write_text("Tabriz at the top.\n", encoding="utf-8")
    try:
        corpus = read_corpus(root, cache=False)
        assert sorted(os.path.basename(d.path) for d in corpus.documents) == ["bottom.md", "top.md"]
        assert not [i for i in corpus.issues if i.is_error]
    finally:  # remove it bottom up: shutil.rmtree (pytest's clean-up) recurses too
        os.unlink(deep + "/bottom.md")
        while deep != str(root):
            os.rmdir(deep)
            deep = deep.rsplit("/", 1)[0]


def test_cr_only_files_split_into_passages_and_lines(write, tmp_path, mini_gazetteer):
    write("c/old-mac.txt", b"First paragraph on Baku.\r\rSecond one on Tabriz.\r\rThird on Shusha.\r")
    index = open_index(mini_gazetteer, tmp_path / "c", use_cache=False)
    assert len(index.passage_list) == 3
    doc = index.corpus.documents[0]
    lines = {m.place: doc.text.count("\n", 0, m.start) + 1 for m in index.mentions}
    assert lines == {"baku": 1, "tabriz": 3, "shusha": 5}


def test_symlinks_outside_the_corpus_are_reported_not_read(tmp_path):
    root = tmp_path / "c"
    root.mkdir()
    (root / "a.md").write_text("Tabriz.\n", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the corpus\n", encoding="utf-8")
    (root / "leak.txt").symlink_to(secret)
    (root / "inside.md").symlink_to(root / "a.md")   # same file twice: reported once
    (root / "sub").mkdir()
    (root / "sub" / "b.md").write_text("Baku.\n", encoding="utf-8")
    (root / "sub" / "loop").symlink_to(root)          # a link back up does not loop
    (root / "broken.md").symlink_to(tmp_path / "nowhere.md")
    corpus = read_corpus(root, cache=False)
    assert sorted(os.path.basename(d.path) for d in corpus.documents) == ["a.md", "b.md"]
    text = "\n".join(str(i) for i in corpus.issues)
    assert f"{root / 'leak.txt'}:" not in text or "outside the corpus folder" in text
    assert "outside the corpus folder" in text and "broken symbolic link" in text and "the same file as" in text
    assert not any("not for the corpus" in d.text for d in corpus.documents)


def test_fifos_and_unreadable_folders_in_a_corpus_are_reported(tmp_path, monkeypatch):
    root = tmp_path / "c"
    (root / "locked").mkdir(parents=True)
    (root / "a.md").write_text("Tabriz.\n", encoding="utf-8")
    os.mkfifo(root / "pipe.md")
    real = os.scandir

    def scandir(path):  # as root, chmod 000 would not stop us: simulate the refusal
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(corpus_module.os, "scandir", scandir)
    corpus = read_corpus(root, cache=False)
    text = "\n".join(str(i) for i in corpus.issues)
    assert "locked: warning: skipped folder: cannot read it (Permission denied)" in text
    assert "pipe.md: warning: skipped: not a regular file" in text
    assert len(corpus.documents) == 1


def test_a_document_over_the_size_limit_is_refused_with_a_message(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus_module, "MAX_DOCUMENT_BYTES", 1000)
    root = tmp_path / "c"
    root.mkdir()
    (root / "big.txt").write_text("Tabriz. " * 200, encoding="utf-8")
    (root / "small.txt").write_text("Tabriz.\n", encoding="utf-8")
    corpus = read_corpus(root, cache=False)
    assert [os.path.basename(d.path) for d in corpus.documents] == ["small.txt"]
    assert any("over the limit of" in i.message and i.path.endswith("big.txt") for i in corpus.issues)


def test_the_parallel_prefetch_never_reads_a_file_over_the_size_limit(tmp_path, monkeypatch):
    from pathlib import Path

    from caucasusmap.readers.cache import ExtractionCache

    monkeypatch.setattr(corpus_module, "MAX_DOCUMENT_BYTES", 1000)
    root = tmp_path / "c"
    root.mkdir()
    big, small = root / "big.html", root / "small.html"
    big.write_text("<html><body><p>" + "Tabriz. " * 400 + "</p></body></html>", encoding="utf-8")
    small.write_text("<html><body><p>Tabriz.</p></body></html>", encoding="utf-8")
    read = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: (read.append(self.name), real(self))[1])
    corpus_module._prefetch([big, small], ExtractionCache(tmp_path / "x.sqlite"), None, 2)
    assert "big.html" not in read and "small.html" in read
    status, (message, *_rest) = corpus_module._extract_path(("html", str(big)))
    assert status == "error" and "over the limit of" in message and "big.html" not in read
    # the corpus reports it, located
    corpus = read_corpus(root, cache=False)
    assert any("over the limit of" in i.message and i.path.endswith("big.html") for i in corpus.issues)
    assert "big.html" not in read


def test_a_store_refuses_a_document_over_the_size_limit_with_a_message(tmp_path, write, mini_gazetteer,
                                                                       monkeypatch):
    monkeypatch.setattr(corpus_module, "MAX_DOCUMENT_BYTES", 1000)
    write("c/big.txt", "Tabriz. " * 200)
    write("c/small.txt", "Tabriz.\n")
    index = open_index(mini_gazetteer, tmp_path / "c")
    assert [os.path.basename(d.path) for d in index.corpus.documents] == ["small.txt"]
    assert any("over the limit of" in i.message and i.path.endswith("big.txt") for i in index.corpus.issues)
    monkeypatch.setattr(corpus_module, "MAX_DOCUMENT_CHARS", 100)
    monkeypatch.setattr(corpus_module, "MAX_DOCUMENT_BYTES", 10_000)
    write("c/long.txt", "Baku. " * 50)
    index = open_index(mini_gazetteer, tmp_path / "c")
    assert any("characters of text is over the limit" in i.message and i.path.endswith("long.txt")
               for i in index.corpus.issues)


def test_a_text_over_the_length_limit_is_refused_before_it_is_decoded(tmp_path, write, mini_gazetteer, monkeypatch):
    """A 250 MB text file (under the byte limit, over the character limit)
    peaked at 2.3 GB, decoded and copied before it was refused."""
    from caucasusmap.readers import text as text_reader
    from caucasusmap.yamlsource import decoded_length

    monkeypatch.setattr(corpus_module, "MAX_DOCUMENT_CHARS", 1000)
    decoded = []
    real = text_reader.decode_text
    monkeypatch.setattr(text_reader, "decode_text", lambda data, path: (decoded.append(path.name), real(data, path))[1])
    write("c/long.txt", "Baku. " * 200)                      # 1,200 characters: refused unread
    write("c/armenian.txt", "Երևան Բաքու " * 100)            # 1,200 characters in 2,200 bytes: refused unread
    write("c/wide.md", "Երևան " * 150 + "\n")               # 901 characters in 1,651 bytes: read
    write("c/bom.txt", b"\xef\xbb\xbf" + ("Baku " * 199 + "Baki.").encode())  # 1,000 after the BOM: read
    for index in (read_corpus(tmp_path / "c", cache=False), open_index(mini_gazetteer, tmp_path / "c").corpus):
        assert sorted(os.path.basename(d.path) for d in index.documents) == ["bom.txt", "wide.md"]
        refused = {os.path.basename(i.path): i.message for i in index.issues}
        assert "1,200 characters of text is over the limit of 1,000" in refused["long.txt"]
        assert "1,200 characters of text is over the limit of 1,000" in refused["armenian.txt"]
    assert "long.txt" not in decoded and "armenian.txt" not in decoded and "wide.md" in decoded
    assert decoded_length(b"\xff\xfeB\x00") is None and decoded_length("Bakı".encode()) == 4


def test_an_altered_cache_blob_is_not_trusted(write, tmp_path, mini_gazetteer):
    write("c/a.md", "Baku and Tabriz.\n\nShusha.\n")
    first = open_index(mini_gazetteer, tmp_path / "c")
    assert first.source == "built"
    linked = [m.place for m in first.mentions]
    (column,) = cache_dir().glob("store-*/parts/base*/m_place.npy")
    places = np.load(column)
    assert len(set(places.tolist())) > 1
    np.save(column, places[::-1].copy())  # every mention now points at another place: key still right
    again = open_index(mini_gazetteer, tmp_path / "c")
    assert again.source == "built"
    assert [m.place for m in again.mentions] == linked
    assert open_index(mini_gazetteer, tmp_path / "c").source == "cache"  # rewritten, trusted again


@pytest.mark.parametrize("damage", ["flip", "cut", "other-json"])
def test_an_altered_extraction_cache_entry_is_extracted_again(tmp_path, damage):
    """The extraction cache (SQLite) keyed on the file's content: an entry
    whose blob was altered under the right key is read again, not trusted.
    (zlib's Adler-32 over the extracted text catches a changed byte.)"""
    import json
    import sqlite3
    import zlib

    from caucasusmap.readers.cache import ExtractionCache

    root = tmp_path / "c"
    root.mkdir()
    (root / "a.html").write_text("<html><body><h1>Report</h1><p>From Tabriz to Baku.</p></body></html>",
                                 encoding="utf-8")
    cache = ExtractionCache(tmp_path / "x.sqlite")
    first = read_corpus(root, cache=cache, workers=1).documents[0].text
    cache.close()
    con = sqlite3.connect(tmp_path / "x.sqlite")
    ((key, blob),) = con.execute("SELECT key, data FROM extractions").fetchall()
    if damage == "flip":
        i = len(blob) // 2
        blob = blob[:i] + bytes([blob[i] ^ 0x20]) + blob[i + 1:]
    elif damage == "cut":
        blob = blob[: len(blob) - 6]
    else:  # a valid entry of another shape
        blob = zlib.compress(json.dumps({"surprise": 1}).encode())
    con.execute("UPDATE extractions SET data=? WHERE key=?", (blob, key))
    con.commit()
    con.close()
    cache = ExtractionCache(tmp_path / "x.sqlite")
    assert cache.get(key) is None
    again = read_corpus(root, cache=cache, workers=1)
    assert [d.text for d in again.documents] == [first] and "Tabriz to Baku" in first
    cache.close()


def test_a_damaged_store_column_is_rebuilt_not_a_crash(write, tmp_path, mini_gazetteer):
    write("c/a.md", "Baku and Tabriz.\n\nShusha.\n")
    first = open_index(mini_gazetteer, tmp_path / "c").passages_for("baku")
    (column,) = cache_dir().glob("store-*/parts/base*/bp_passage.npy")
    column.write_bytes(column.read_bytes()[:-8])  # truncated
    again = open_index(mini_gazetteer, tmp_path / "c")
    assert again.source == "built"
    assert again.passages_for("baku") == first


def test_a_long_line_that_starts_like_a_heading_is_a_paragraph_split_in_bounded_memory():
    import tracemalloc

    from caucasusmap.corpus import passage_fields

    assert passage_fields("# Title\n\nBaku.\n")[0][2] == "heading"
    line = "# Թ " + "Baku and Tabriz, " * 60_000  # one line of a million characters (UCS-4: 4 MB)
    tracemalloc.start()
    fields = passage_fields(line)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [(f[0], f[2]) for f in fields] == [(0, "paragraph")]
    assert peak < 3 * 4 * len(line)  # a copy or two, not the regex engine's backtracking over the line


def test_the_title_of_a_long_one_line_document_is_found_in_bounded_memory():
    import tracemalloc

    from caucasusmap.corpus import _first_heading

    line = "# Թ Field notes " + "on Baku and Tabriz, " * 50_000  # one line of a million characters
    assert _first_heading("\n\n# The title\n\nBaku.\n", "x") == "The title"
    assert _first_heading("  \nFirst line  \nsecond", "x", markup=False) == "First line"
    tracemalloc.start()
    title = _first_heading(line, "fallback")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert title.startswith("Թ Field notes on Baku")
    assert peak < 4 * len(line)  # never a copy of the whole text (the line was split and cleaned whole)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_pdf_or_word_file_over_the_length_limit_is_refused_while_it_is_read(tmp_path, monkeypatch, fmt):
    """Issue 9: a PDF or Word file over the character limit was extracted
    whole (every page or paragraph held in memory) before its refusal. Now the
    reader stops at the page or paragraph where the text passes the limit."""
    from tests.docgen import SourceDoc, write_docx, write_pdf

    from caucasusmap.readers import docx as docx_reader
    from caucasusmap.readers import pdf as pdf_reader

    paragraph = "The road from Tabriz to Baku crosses the Aras at Julfa; travellers waited at the border. " * 4
    doc = SourceDoc("A long report", [("paragraph", f"{n}. {paragraph}", 0, "") for n in range(60)])
    (tmp_path / "c").mkdir()
    path = (write_pdf if fmt == "pdf" else write_docx)(doc, tmp_path / "c" / f"long.{fmt}")
    (tmp_path / "c" / "short.md").write_text("Tabriz.\n", encoding="utf-8")
    read = []
    if fmt == "pdf":
        real = pdf_reader._read_page
        monkeypatch.setattr(pdf_reader, "_read_page", lambda pdfium, pdf, i: (read.append(i), real(pdfium, pdf, i))[1])
    else:
        real = docx_reader._paragraph_text
        monkeypatch.setattr(docx_reader, "_paragraph_text", lambda *a: (read.append(1), real(*a))[1])
    whole = read_corpus(tmp_path / "c", cache=False)
    document = next(d for d in whole.documents if d.format == fmt)
    total, read[:] = len(read), []
    assert len(document.text) > 20_000 and total >= 7
    monkeypatch.setattr(corpus_module, "MAX_DOCUMENT_CHARS", 5_000)
    corpus = read_corpus(tmp_path / "c", cache=False)
    assert [d.format for d in corpus.documents] == ["text"]
    (issue,) = [i for i in corpus.issues if i.path.endswith(f"long.{fmt}")]
    line = str(issue)
    assert line.startswith(f"{path}:") and "more than 5,000 characters of text" in line
    assert "over the limit per document" in line and "split it into parts" in line
    assert ("page " if fmt == "pdf" else "by paragraph ") in line
    assert 0 < len(read) < total / 2  # it stopped reading near where the limit was passed
