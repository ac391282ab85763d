"""Every reader on the same documents: the mentions found equal the
plain-text version's (same places in the same passages), and every mention
is located exactly (``text[start:end] == surface``, checked in
tests/equality.py)."""

from collections import Counter
from pathlib import Path

import pytest
from tests.core.readers.samples import FIELD_REPORT
from tests.core.readers.test_pdf import gazetteer  # noqa: F401  (fixture)
from tests.docgen import WRITERS, from_markdown, write_docx, write_html, write_markdown, write_pdf
from tests.equality import passage_places

from caucasusmap.corpus import read_corpus, read_document, split_passages
from caucasusmap.gazetteer import load_gazetteer
from caucasusmap.model import FOOTNOTE, HEADING, LIST_ITEM
from caucasusmap.paths import default_corpus, default_gazetteer


@pytest.fixture(scope="module")
def report_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formats")
    return {fmt: WRITERS[fmt](FIELD_REPORT, folder / f"report.{fmt}") for fmt in ("md", "docx", "html", "epub", "odt")}


@pytest.mark.parametrize("fmt", ["docx", "html", "epub", "odt"])
def test_same_mentions_in_the_same_passages(report_files, gazetteer, fmt):  # noqa: F811
    plain, _ = passage_places(gazetteer, report_files["md"])
    found, _ = passage_places(gazetteer, report_files[fmt])
    assert found == plain


@pytest.mark.parametrize("fmt", ["docx", "html", "epub", "odt"])
def test_structure_and_metadata(report_files, fmt):
    doc, _ = read_document(report_files[fmt], cache=False)
    assert doc.format == fmt
    assert doc.title == "Roads and Rivers of the Southern Caucasus"
    passages = split_passages(doc)
    kinds = Counter(p.kind for p in passages)
    assert kinds[HEADING] >= 4 and kinds[LIST_ITEM] == 2
    refs = [doc.text[p.start:p.end] for p in passages if p.is_reference]
    assert refs[0] == "References" and refs[1].startswith("Aliyev")
    notes = [p for p in passages if p.kind == FOOTNOTE]
    assert [p.footnote for p in notes] == ["1", "2"]
    assert "Khudafarin¹ is still" in doc.text
    if fmt in ("docx", "epub", "odt"):
        assert doc.authors == ("Leyla Mammadova", "Arman Petrosyan")
    assert doc.year == 2021
    assert all(p.page is None for p in passages)


def test_html_boilerplate_is_removed(report_files):
    doc, _ = read_document(report_files["html"], cache=False)
    for junk in ("cookies", "Related articles", "Caucasus Wire", "dataLayer", "Tags:", "Nakhchivan news",
                 "Accept all"):
        assert junk not in doc.text
    assert doc.date == "2021-06-15" and dict(doc.extra)["url"] == "https://example.org/reports/roads-and-rivers"
    assert doc.authors == ("Leyla Mammadova",)


def test_html_entities_and_script_text(tmp_path):
    (tmp_path / "c").mkdir()
    page = ("<html><head><title>Notes</title><script>var x = 'Baku';</script></head><body><article>"
            "<h1>Travel notes</h1><p>From Tabriz &amp; Ganja to Şuşa&nbsp;and back, a long way through the "
            "mountains and valleys of the region, with many stops on the road.</p></article></body></html>")
    (tmp_path / "c/page.txt").write_text(page, encoding="utf-8")  # HTML saved as .txt is read as text
    (tmp_path / "c/page.html").write_text(page, encoding="utf-8")
    corpus = read_corpus(tmp_path / "c")
    html_doc = corpus.by_id["page"] if corpus.by_id["page"].format == "html" else corpus.by_id["page-2"]
    assert "Tabriz & Ganja to Şuşa and back" in html_doc.text
    assert "Baku" not in html_doc.text and "<" not in html_doc.text


def test_html_date_comes_from_dated_markup_not_a_copyright_line(tmp_path):
    """A site's "© 2024" footer is not the article's date (htmldate's text
    search made it 2024-01-01); a dated element or the page's metadata is."""
    body = "<p>" + "The road from Tabriz to Julfa follows the Aras through the mountains of the region. " * 6 + "</p>"
    footer = "<footer><p>© 2024 Caucasus Wire</p></footer>"
    (tmp_path / "c").mkdir()
    (tmp_path / "c/undated.html").write_text(
        f"<html><head><title>Notes</title></head><body><article><h1>Travel notes</h1>{body}</article>{footer}"
        "</body></html>", encoding="utf-8")
    (tmp_path / "c/dated.html").write_text(
        f"<html><head><title>Notes</title></head><body><article><h1>Travel notes</h1><p>Posted <time "
        f'datetime="2020-10-18">18 October 2020</time></p>{body}</article>{footer}</body></html>', encoding="utf-8")
    (tmp_path / "c/meta.html").write_text(
        '<html><head><title>Notes</title><meta property="article:published_time" content="2020-10-19T08:00:00Z">'
        f"</head><body><article><h1>Travel notes</h1>{body}</article>{footer}</body></html>", encoding="utf-8")
    docs = {d.id: d for d in read_corpus(tmp_path / "c", cache=False).documents}
    assert docs["undated"].date == "" and not docs["undated"].year
    assert docs["dated"].date == "2020-10-18"
    assert docs["meta"].date == "2020-10-19"


BUNDLED = sorted(p for p in Path(default_corpus()).iterdir() if p.suffix in (".md", ".txt"))


@pytest.fixture(scope="module")
def bundled_gazetteer():
    return load_gazetteer(default_gazetteer())


@pytest.mark.parametrize("src", BUNDLED, ids=lambda p: p.stem[:24])
def test_bundled_texts_converted_to_every_format(src, bundled_gazetteer, tmp_path):
    """The bundled texts written as DOCX, HTML and EPUB give exactly the
    plain text's mentions in the same passages; as PDF (one and two columns)
    the same mentions of the same places, with paragraph boundaries at some
    page and column breaks placed differently (see docs/readers.md)."""
    plain, plain_index = passage_places(bundled_gazetteer, src)
    source = from_markdown(src)
    for fmt in ("docx", "html", "epub", "odt"):
        found, _ = passage_places(bundled_gazetteer, WRITERS[fmt](source, tmp_path / f"doc.{fmt}"))
        assert found == plain, fmt
    plain_places = Counter(m.place for m in plain_index.mentions)
    for columns in (1, 2):
        found, index = passage_places(bundled_gazetteer, write_pdf(source, tmp_path / f"doc{columns}.pdf",
                                                                   columns=columns))
        places = Counter(m.place for m in index.mentions)
        if columns == 1:
            assert places == plain_places
        else:  # two narrow columns: see docs/readers.md for the few differences and why
            total = sum(plain_places.values())
            assert sum((plain_places - places).values()) <= max(1, 0.01 * total)
            assert sum((places - plain_places).values()) <= max(1, 0.01 * total)
        moved = sum(((plain - found) + (found - plain)).values())
        assert moved <= max(2, 0.25 * sum(plain.values())), (columns, moved)


def test_markdown_plain_version_round_trips(tmp_path, gazetteer):  # noqa: F811
    """The generator's markdown is what every other format is compared with."""
    md = write_markdown(FIELD_REPORT, tmp_path / "r.md")
    docx_doc, _ = read_document(write_docx(FIELD_REPORT, tmp_path / "r.docx"), cache=False)
    html_doc, _ = read_document(write_html(FIELD_REPORT, tmp_path / "r.html"), cache=False)
    pdf_doc, _ = read_document(write_pdf(FIELD_REPORT, tmp_path / "r.pdf"), cache=False)
    assert md.read_text().count("<sup>1</sup>") == 2
    for doc in (docx_doc, html_doc, pdf_doc):
        assert "Syunik" in doc.text and "Hovhannisyan" in doc.text


def test_many_files_are_extracted_in_parallel_and_cached(tmp_path, report_files):
    folder = tmp_path / "c"
    folder.mkdir()
    for i in range(4):
        (folder / f"r{i}.html").write_bytes(report_files["html"].read_bytes() + f"<!-- {i} -->".encode())
        (folder / f"r{i}.docx").write_bytes(report_files["docx"].read_bytes())
    (folder / "bad.docx").write_bytes(b"PK\x03\x04 not really a zip")
    from caucasusmap.readers.cache import ExtractionCache

    cache = ExtractionCache(tmp_path / "x.sqlite")
    seen = []
    corpus = read_corpus(folder, cache=cache, workers=2, progress=lambda done, total: seen.append((done, total)))
    assert len(corpus.documents) == 8
    (issue,) = corpus.issues
    assert issue.path.endswith("bad.docx") and issue.is_error and "not a readable Word" in issue.message
    assert seen[-1][0] == seen[-1][1] and all(a <= b for a, b in seen)
    assert len(cache) == 5  # four distinct pages, one Word file (identical copies share an entry)
    again = read_corpus(folder, cache=cache, workers=2)
    assert [d.text for d in again.documents] == [d.text for d in corpus.documents]


def test_word_footnotes_from_the_notes_part(tmp_path, gazetteer):  # noqa: F811
    """Real Word footnotes (a footnotes part, references in the text) become
    superscript numbers in the text and footnote passages after the body."""
    path = write_docx(FIELD_REPORT, tmp_path / "notes.docx", real_footnotes=True)
    import zipfile

    assert "word/footnotes.xml" in zipfile.ZipFile(path).namelist()
    doc, _ = read_document(path, cache=False)
    assert "Khudafarin¹ is still" in doc.text and "considerably.²" in doc.text
    notes = [(p.footnote, doc.text[p.start:p.end]) for p in split_passages(doc) if p.kind == FOOTNOTE]
    assert notes == [("1", "¹ The two Khudafarin bridges span the Aras between Azerbaijan and Iran."),
                     ("2", "² See the report on Meghri and Syunik published in 2020.")]
    plain, _ = passage_places(gazetteer, write_markdown(FIELD_REPORT, tmp_path / "notes.md"))
    found, _ = passage_places(gazetteer, path)
    assert found == plain


def test_extracted_text_is_shown_as_it_is(tmp_path):
    """Extracted text has no markup: characters that would be markdown in a
    .md file (asterisks, '# ', '&amp;' written out) are shown, not removed."""
    from caucasusmap.corpus import display_text

    page = ("<html><body><article><h1>Notes</h1><p>Grade *A* roads # 5 from Kars to Ani, written &amp;amp; "
            "in the report, and the long road through the mountains and valleys of the region to Baku.</p>"
            "</article></body></html>")
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    doc, _ = read_document(tmp_path / "p.html", cache=False)
    assert not doc.markup
    (para,) = [p for p in split_passages(doc) if p.kind != HEADING]
    shown, origin = display_text(doc.text, para.start, para.end, markup=doc.markup)
    assert shown == doc.text[para.start:para.end]
    assert "Grade *A* roads # 5" in shown and "&amp;" in shown
    assert origin == list(range(para.start, para.end))
