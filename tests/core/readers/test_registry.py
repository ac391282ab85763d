"""The reader registry, the corpus's use of it and the extraction cache."""

import json

import pytest

from caucasusmap import readers
from caucasusmap.cli import main
from caucasusmap.corpus import document_suffixes, read_corpus, split_passages
from caucasusmap.errors import DocumentError
from caucasusmap.model import FOOTNOTE, HEADING, PARAGRAPH
from caucasusmap.readers.base import Reader, TextBuilder
from caucasusmap.readers.cache import ExtractionCache


def test_registry_answers_by_suffix():
    assert readers.reader_for("a/b/Notes.MD").name == "text"
    assert readers.reader_for("x.txt").name == "text"
    assert readers.reader_for("picture.png") is None
    assert ".txt" in readers.suffixes() and ".md" in readers.suffixes()
    assert document_suffixes() == readers.suffixes()


@pytest.fixture
def fake_reader():
    """A registered reader for '.fake' files that counts its calls: each line
    is a block; a line '#…' a heading, '^N …' a footnote, '=== P' a new page."""
    calls = []

    def read(path, data):
        calls.append(path.name)
        text = data.decode()
        if text.startswith("BOOM"):
            raise RuntimeError("library exploded")
        if text.startswith("LOCKED"):
            raise DocumentError("the file is encrypted", page=2)
        b = TextBuilder()
        for line in text.splitlines():
            if line.startswith("=== "):
                b.new_page()
            elif line.startswith("#"):
                b.add(line[1:], HEADING, level=1)
            elif line.startswith("^"):
                label, rest = line[1:].split(" ", 1)
                b.add(rest, FOOTNOTE, footnote=label)
            else:
                b.add(line)
        return b.extraction(title="Fake title", authors=("A. Author",), date="2021-03-04", url="https://x.test/a")

    reader = readers.register(Reader(name="fake", label="fake", suffixes=(".fake",), read=read))
    yield reader, calls
    readers.READERS.remove(reader)


FAKE = ("=== 1\n#Intro\nWe went to   Baku\nby train.\n=== 2\nThen Shusha.\n^1 A note on Tabriz.\n"
        "#References\nSmith 2020\n")


def test_corpus_reads_registered_format_with_structure_pages_and_metadata(write, tmp_path, fake_reader):
    write("c/a.fake", FAKE)
    write("c/b.md", "# B\n\nPlain.\n")
    corpus = read_corpus(tmp_path / "c")
    doc = corpus.by_id["a"]
    assert (doc.format, doc.title, doc.authors, doc.year, doc.date) == ("fake", "Fake title", ("A. Author",), 2021,
                                                                        "2021-03-04")
    assert dict(doc.extra)["url"] == "https://x.test/a"
    assert doc.text == ("Intro\n\nWe went to Baku\n\nby train.\n\nThen Shusha.\n\nA note on Tabriz.\n\n"
                        "References\n\nSmith 2020")
    passages = split_passages(doc)
    assert [(doc.text[p.start:p.end], p.kind, p.page, p.is_reference) for p in passages] == [
        ("Intro", HEADING, 1, False), ("We went to Baku", PARAGRAPH, 1, False), ("by train.", PARAGRAPH, 1, False),
        ("Then Shusha.", PARAGRAPH, 2, False), ("A note on Tabriz.", FOOTNOTE, 2, False),
        ("References", HEADING, 2, True), ("Smith 2020", PARAGRAPH, 2, True)]
    assert passages[4].footnote == "1"
    assert doc.page_at(doc.text.index("Shusha")) == 2 and doc.page_at(0) == 1
    assert corpus.by_id["b"].page_at(0) is None and corpus.by_id["b"].format == "text"


def test_bad_files_get_located_messages_and_the_rest_loads(write, tmp_path, fake_reader):
    write("c/boom.fake", "BOOM")
    write("c/locked.fake", "LOCKED")
    write("c/good.fake", "Fine text about Baku.")
    write("c/picture.png", b"\x89PNG")
    corpus = read_corpus(tmp_path / "c")
    assert [d.id for d in corpus.documents] == ["good"]
    msgs = {i.path.rsplit("/", 1)[-1]: i for i in corpus.issues}
    assert msgs["boom.fake"].is_error and "RuntimeError: library exploded" in msgs["boom.fake"].message
    assert msgs["locked.fake"].is_error and msgs["locked.fake"].message == "page 2: the file is encrypted"
    assert not msgs["picture.png"].is_error and ".fake" in msgs["picture.png"].message


def test_missing_library_names_the_extra(write, tmp_path):
    reader = readers.register(Reader(name="needy", label="Needy", suffixes=(".needy",), read=lambda p, d: None,
                                     libraries=("no_such_library_xyz",), extra="needy"))
    try:
        write("c/a.needy", "x")
        write("c/b.txt", "ok")
        corpus = read_corpus(tmp_path / "c")
        (issue,) = corpus.issues
        assert issue.is_error and "pip install 'caucasusmap[needy]'" in issue.message
        assert "no_such_library_xyz" in issue.message
    finally:
        readers.READERS.remove(reader)


def test_extraction_is_cached_on_content(write, tmp_path, fake_reader):
    reader, calls = fake_reader
    write("c/a.fake", FAKE)
    first = read_corpus(tmp_path / "c")
    second = read_corpus(tmp_path / "c")
    assert calls == ["a.fake"]  # the second open came from the cache
    assert second.by_id["a"].blocks == first.by_id["a"].blocks
    assert second.by_id["a"].pages == first.by_id["a"].pages
    assert second.fingerprint() == first.fingerprint()
    (tmp_path / "c/a.fake").rename(tmp_path / "c/renamed.fake")  # same bytes: still cached
    read_corpus(tmp_path / "c")
    assert calls == ["a.fake"]
    write("c/renamed.fake", FAKE + "One more line.\n")  # a changed byte: extracted again
    read_corpus(tmp_path / "c")
    read_corpus(tmp_path / "c", cache=False)
    assert calls == ["a.fake", "renamed.fake", "renamed.fake"]


def test_damaged_cache_file_is_replaced(tmp_path, write, fake_reader):
    reader, calls = fake_reader
    path = tmp_path / "x" / "extracted.sqlite"
    path.parent.mkdir()
    path.write_bytes(b"this is not sqlite at all" * 100)
    cache = ExtractionCache(path)
    write("c/a.fake", FAKE)
    read_corpus(tmp_path / "c", cache=cache)
    read_corpus(tmp_path / "c", cache=cache)
    assert calls == ["a.fake"] and len(cache) == 1


def test_text_command_prints_what_offsets_point_into(write, tmp_path, capsys, fake_reader):
    write("c/a.fake", FAKE)
    write("c/b.md", "# B\n\nBaku.\n")
    assert main(["--corpus", str(tmp_path / "c"), "text", "a"]) == 0
    out = capsys.readouterr().out
    doc = read_corpus(tmp_path / "c").by_id["a"]
    assert out == doc.text + "\n"
    assert main(["--corpus", str(tmp_path / "c"), "text", str(tmp_path / "c/b.md")]) == 0
    assert capsys.readouterr().out == "# B\n\nBaku.\n"
    assert main(["--corpus", str(tmp_path / "c"), "text", "a", "--passages"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert all(doc.text[r["start"]:r["end"]] == r["text"] for r in rows)
    assert [r["page"] for r in rows] == ["1", "1", "1", "2", "2", "2", "2"]
    assert main(["--corpus", str(tmp_path / "c"), "text", "nope"]) == 2
    assert "no document has the id 'nope'" in capsys.readouterr().err
