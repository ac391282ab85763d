"""Reading corpus folders and splitting passages."""

import codecs

import pytest

from caucasusmap.corpus import display_span, display_text, read_corpus, split_passages
from caucasusmap.errors import CorpusError
from caucasusmap.model import FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH


def test_any_folder_works_without_manifest(write, tmp_path):
    write("c/notes.md", "# Field notes\n\nWe drove to Shusha.\n")
    write("c/sub/plain.txt", "Just text about Baku.\n")
    corpus = read_corpus(tmp_path / "c")
    assert [d.id for d in corpus.documents] == ["notes", "sub-plain"]
    assert corpus.documents[0].title == "Field notes"
    assert corpus.documents[1].title == "Just text about Baku."
    assert corpus.issues == ()


def test_manifest_metadata_and_problems(write, tmp_path):
    write("c/a.md", "Text\n")
    write("c/corpus.yaml", """
        documents:
          - id: doc-a
            file: a.md
            title: The A paper
            authors: [X Y, Z W]
            year: 2020
            languages: [en, tr]
            colour: red
          - file: missing.md
    """)
    corpus = read_corpus(tmp_path / "c")
    (doc,) = corpus.documents
    assert (doc.id, doc.title, doc.authors, doc.year, doc.languages) == (
        "doc-a", "The A paper", ("X Y", "Z W"), 2020, ("en", "tr"))
    msgs = [str(i) for i in corpus.issues]
    assert any("unknown key 'colour'" in m and ":8:" in m for m in msgs)
    assert any("lists 'missing.md', which is not in the corpus" in m for m in msgs)


def test_encodings_and_bad_files_among_good_ones(write, tmp_path):
    write("c/bom.txt", codecs.BOM_UTF8 + "Şuşa with BOM".encode())
    write("c/u16.txt", "Bakı in UTF-16".encode("utf-16"))
    write("c/latin.txt", "Caf\xe9 in Baku\nsecond line \xff".encode("latin-1"))
    write("c/empty.md", "   \n")
    write("c/binary.txt", b"\x00\x01\x02binary\x00")
    write("c/image.png", b"\x89PNG")
    write("c/good.md", "Nurdüz\n")
    corpus = read_corpus(tmp_path / "c")
    assert sorted(d.id for d in corpus.documents) == ["bom", "good", "u16"]
    by_id = corpus.by_id
    assert by_id["bom"].text == "Şuşa with BOM"  # BOM removed; offsets count from here
    assert by_id["u16"].text == "Bakı in UTF-16"
    issues = {i.path.rsplit("/", 1)[-1]: i for i in corpus.issues}
    assert issues["latin.txt"].is_error and issues["latin.txt"].line == 1
    assert "not valid UTF-8" in issues["latin.txt"].message
    assert not issues["empty.md"].is_error and "empty" in issues["empty.md"].message
    assert "binary" in issues["binary.txt"].message
    assert "not a document format caucasusmap reads" in issues["image.png"].message


def test_missing_or_unusable_folder(tmp_path, write):
    with pytest.raises(CorpusError, match="does not exist"):
        read_corpus(tmp_path / "nope")
    write("only/bad.txt", b"\xff\xfe\xfd")  # invalid UTF-16 (odd length) -> error, nothing left
    with pytest.raises(CorpusError, match="no readable"):
        read_corpus(tmp_path / "only")


SAMPLE = """\
# A Title

**Abstract**

First paragraph is hard-
wrapped over lines with Nagorno-
Karabakh in it.<sup>1</sup>

---

## Section *Two*

Second para\\* with [a link](https://example.org/x) and <https://example.org/y>.

<sup>1</sup> A footnote about Baku.

- item one
- item two

References

Smith, J. (2020). A book. Tehran.
"""


def test_passages_kinds_sections_spans(write, tmp_path):
    write("c/s.md", SAMPLE)
    doc = read_corpus(tmp_path / "c").documents[0]
    ps = split_passages(doc)
    kinds = [(p.kind, p.section) for p in ps]
    assert kinds == [
        (HEADING, "A Title"), (HEADING, "Abstract"), (PARAGRAPH, "Abstract"), (HEADING, "Section Two"),
        (PARAGRAPH, "Section Two"), (FOOTNOTE, "Section Two"), (LIST_ITEM, "Section Two"),
        (LIST_ITEM, "Section Two"), (HEADING, "References"), (PARAGRAPH, "References"),
    ]
    assert [p.is_reference for p in ps] == [False] * 8 + [True, True]
    assert ps[5].footnote == "1"
    assert [p.id for p in ps][:2] == ["s#1", "s#2"]
    for p in ps:  # spans are exact: no surrounding whitespace, nothing lost
        chunk = doc.text[p.start:p.end]
        assert chunk == chunk.strip() and chunk


def test_display_text_joins_lines_and_drops_markup(write, tmp_path):
    write("c/s.md", SAMPLE)
    doc = read_corpus(tmp_path / "c").documents[0]
    ps = split_passages(doc)
    texts = [display_text(doc.text, p.start, p.end)[0] for p in ps]
    assert texts[2] == "First paragraph is hardwrapped over lines with Nagorno-Karabakh in it.¹"
    assert texts[3] == "Section Two"
    assert texts[4] == "Second para* with a link and https://example.org/y."
    assert texts[5] == "¹ A footnote about Baku."
    assert texts[6] == "item one"
    for t in texts:
        assert "**" not in t and "<sup>" not in t and "\\" not in t and "---" not in t


def test_display_map_locates_source_offsets(write, tmp_path):
    write("c/s.md", SAMPLE)
    doc = read_corpus(tmp_path / "c").documents[0]
    p = split_passages(doc)[2]
    text, origin = display_text(doc.text, p.start, p.end)
    s = doc.text.index("Nagorno-\nKarabakh")
    a, b = display_span(origin, s, s + len("Nagorno-\nKarabakh"))
    assert text[a:b] == "Nagorno-Karabakh"


def test_bundled_corpus_passages(tmp_path):
    from _data import BUNDLED_CORPUS

    corpus = read_corpus(BUNDLED_CORPUS)
    assert len(corpus.documents) == 5 and corpus.issues == ()
    assert corpus.by_id["forouzan-alishahi-2020"].year == 2020
    haciyeva = corpus.by_id["haciyeva-2025"]
    ps = split_passages(haciyeva)
    footnotes = [p for p in ps if p.kind == FOOTNOTE]
    assert len(footnotes) >= 20
    assert any(p.is_reference for p in ps) and not ps[0].is_reference
    for p in ps:
        text, _ = display_text(haciyeva.text, p.start, p.end)
        assert "<sup>" not in text and "**" not in text


def test_display_text_keeps_intraword_asterisks_and_underscores(write, tmp_path):
    write("c/a.md", "7*7 is 49; snake_case_name; **bold** and *it* and _under_.\n")
    doc = read_corpus(tmp_path / "c").documents[0]
    assert display_text(doc.text, 0, len(doc.text))[0] == "7*7 is 49; snake_case_name; bold and it and under."
