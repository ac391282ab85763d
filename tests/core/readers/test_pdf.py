"""The PDF reader on PDFs generated from text we control (tests/docgen.py)."""

import json
import re

import pytest
from tests.conftest import MINI_GAZETTEER
from tests.core.readers.samples import FIELD_REPORT
from tests.docgen import write_markdown, write_pdf
from tests.equality import passage_places

from caucasusmap.cli import main
from caucasusmap.corpus import read_corpus, read_document, split_passages
from caucasusmap.errors import DocumentError
from caucasusmap.gazetteer import load_gazetteer
from caucasusmap.model import FOOTNOTE, HEADING, LIST_ITEM

GAZETTEER = MINI_GAZETTEER + """
  - id: khudafarin
    name: Khudafarin
    kind: bridge
    lat: 39.15
    lon: 46.93
  - id: nakhchivan
    name: Nakhchivan
    kind: city
    lat: 39.21
    lon: 45.41
  - id: julfa
    name: Julfa
    aliases: [Jolfa]
    kind: town
    lat: 38.96
    lon: 45.63
  - id: kapan
    name: Kapan
    kind: town
    lat: 39.2
    lon: 46.4
  - id: meghri
    name: Meghri
    kind: town
    lat: 38.9
    lon: 46.24
  - id: yerevan
    name: Yerevan
    kind: city
    lat: 40.18
    lon: 44.51
"""


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdfs")
    return {
        "md": write_markdown(FIELD_REPORT, folder / "report.md"),
        "one": write_pdf(FIELD_REPORT, folder / "report.pdf"),
        "two": write_pdf(FIELD_REPORT, folder / "report-2col.pdf", columns=2),
    }


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory):
    path = tmp_path_factory.mktemp("g") / "places.yaml"
    import textwrap

    path.write_text(textwrap.dedent(GAZETTEER), encoding="utf-8")
    return load_gazetteer(path, path.read_text(encoding="utf-8"))


def test_structure_pages_footnotes_and_metadata(pdfs):
    doc, warnings = read_document(pdfs["one"], cache=False)
    assert warnings == []
    assert (doc.format, doc.title, doc.authors, doc.date, doc.year) == (
        "pdf", "Roads and Rivers of the Southern Caucasus", ("Leyla Mammadova", "Arman Petrosyan"), "2021-06-15", 2021)
    assert doc.page_count == 2
    passages = split_passages(doc)
    text = {p.id: doc.text[p.start:p.end] for p in passages}
    headings = [text[p.id] for p in passages if p.kind == HEADING]
    assert headings == ["Roads and Rivers of the Southern Caucasus", "Introduction", "The Lachin corridor",
                        "Conclusions", "References"]
    notes = [(p.footnote, text[p.id], p.page) for p in passages if p.kind == FOOTNOTE]
    assert notes == [("1", "¹ The two Khudafarin bridges span the Aras between Azerbaijan and Iran.", 1),
                     ("2", "² See the report on Meghri and Syunik published in 2020.", 1)]
    assert [text[p.id] for p in passages if p.kind == LIST_ITEM] == [
        "• Stepanakert, visited on the second day.", "• Agdam, largely ruined since the 1990s."]
    refs = [text[p.id] for p in passages if p.is_reference and p.kind != HEADING]
    assert refs[0].startswith("Aliyev, R. (2019)") and len(refs) == 2
    # The footnote marker is a superscript, so the place before it still reads as a word.
    assert "Khudafarin¹ is still remembered" in doc.text
    # Running header and page numbers are gone; every passage has a page.
    assert "Field Report 2021" not in doc.text
    assert not re.search(r"(?m)^\d+$", doc.text)
    assert all(p.page in (1, 2) for p in passages)
    assert [p.page for p in passages if text[p.id] == "Conclusions"] == [2]


def test_hyphenation_rejoined_but_real_hyphens_kept(pdfs):
    for key in ("one", "two"):
        doc, _ = read_document(pdfs[key], cache=False)
        assert "\u00ad" not in doc.text and "\ufffe" not in doc.text
        # Words broken at line ends by the generator's soft hyphens are whole again.
        assert re.findall(r"[^\W\d_]+-[^\W\d_]+", doc.text) == ["Nagorno-Karabakh"]
        assert "mountainous" in doc.text and "communities" in doc.text


def test_two_columns_read_in_order(pdfs):
    one, _ = read_document(pdfs["one"], cache=False)
    two, _ = read_document(pdfs["two"], cache=False)
    body = [one.text[p.start:p.end] for p in split_passages(one) if p.kind != FOOTNOTE]
    body2 = [two.text[p.start:p.end] for p in split_passages(two) if p.kind != FOOTNOTE and p.section != "Notes"]
    assert body2 == body  # same paragraphs, in the same order
    assert two.page_count == 1 or two.page_count == 2


def test_mentions_equal_the_plain_text_version(pdfs, gazetteer):
    plain, _ = passage_places(gazetteer, pdfs["md"])
    assert sum(plain.values()) >= 8
    for key in ("one", "two"):
        found, index = passage_places(gazetteer, pdfs[key])
        assert found == plain, key


def test_mentions_output_carries_the_page(pdfs, tmp_path, capsys):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "report.pdf").write_bytes(pdfs["one"].read_bytes())
    (tmp_path / "places.yaml").write_text(__import__("textwrap").dedent(GAZETTEER), encoding="utf-8")
    assert main(["--gazetteer", str(tmp_path / "places.yaml"), "--corpus", str(corpus), "mentions"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    doc = read_corpus(corpus).documents[0]
    assert rows and all(doc.text[r["start"]:r["end"]] == r["surface"] for r in rows)
    pages: dict[str, list[str]] = {}
    for r in rows:
        pages.setdefault(r["surface"], []).append(r["page"])
    assert pages["Baku"] == ["1", "2"] and pages["Yerevan"] == ["2", "2"]  # text, then references
    assert main(["--gazetteer", str(tmp_path / "places.yaml"), "--corpus", str(corpus), "passages", "Meghri"]) == 0
    assert "· p. 1" in capsys.readouterr().out


def test_encrypted_broken_and_scanned_files_are_reported(tmp_path, pdfs):
    from fpdf import FPDF
    from PIL import Image

    folder = tmp_path / "c"
    folder.mkdir()
    locked = FPDF()
    locked.set_encryption(owner_password="owner", user_password="secret")
    locked.add_page()
    locked.set_font("helvetica", size=12)
    locked.cell(0, 10, "Secret text about Baku")
    locked.output(str(folder / "locked.pdf"))
    (folder / "broken.pdf").write_bytes(pdfs["one"].read_bytes()[:900])
    (folder / "notapdf.pdf").write_bytes(b"<html>not a pdf</html>")
    scan = FPDF()
    scan.add_page()
    image = tmp_path / "scan.png"
    Image.new("RGB", (400, 560), "white").save(image)
    scan.image(str(image), x=10, y=10, w=190)
    scan.output(str(folder / "scan.pdf"))
    (folder / "good.pdf").write_bytes(pdfs["one"].read_bytes())
    corpus = read_corpus(folder)
    assert [d.id for d in corpus.documents] == ["good"]
    issues = {i.path.rsplit("/", 1)[-1]: i for i in corpus.issues}
    assert issues["locked.pdf"].is_error and "encrypted with a password" in issues["locked.pdf"].message
    assert issues["broken.pdf"].is_error and "not a readable PDF" in issues["broken.pdf"].message
    assert issues["notapdf.pdf"].is_error
    assert not issues["scan.pdf"].is_error and "no text layer" in issues["scan.pdf"].message
    with pytest.raises(DocumentError, match="encrypted"):
        read_document(folder / "locked.pdf", cache=False)


def test_chapter_running_heads_with_page_numbers_are_dropped_and_label_pages(tmp_path):
    """A journal-style PDF: the head changes with the chapter and carries the
    printed page number (which starts at 11), the foot is a bare number."""
    from fpdf import FPDF
    from tests.docgen import font_path

    class Journal(FPDF):
        chapter = "Chapter 1: Roads"

        def header(self):
            self.set_font("dv", size=8)
            self.set_y(8)
            self.cell(0, 5, f"{self.chapter} {self.page_no() + 10}", align="R")
            self.set_y(22)

        def footer(self):
            self.set_y(-12)
            self.set_font("dv", size=8)
            self.cell(0, 5, f"— {self.page_no() + 10} —", align="C")

    pdf = Journal()
    pdf.add_font("dv", fname=font_path())
    for k in range(6):
        pdf.chapter = f"Chapter {k // 2 + 1}: {['Roads', 'Rivers', 'Borders'][k // 2]}"
        pdf.add_page()
        pdf.set_font("dv", size=11)
        pdf.multi_cell(0, 6, f"Page {k + 1} of the study follows the road from Baku to Shusha. " * 12)
    pdf.output(str(tmp_path / "journal.pdf"))
    doc, _ = read_document(tmp_path / "journal.pdf", cache=False)
    assert "Chapter" not in doc.text and "—" not in doc.text
    assert doc.page_labels == ("11", "12", "13", "14", "15", "16")
    passages = split_passages(doc)
    assert [doc.page_label(p.page) for p in passages] == ["11", "12", "13", "14", "15", "16"]
    assert all(doc.text[p.start:p.end].startswith(f"Page {i}") for i, p in enumerate(passages, 1))
