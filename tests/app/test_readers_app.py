"""The app on a mixed folder (PDF, Word, web page, text, markdown): every
document loads, passages show their page, and a passage copies with its
citation."""

import pytest
from tests.core.readers.samples import FIELD_REPORT
from tests.docgen import write_docx, write_html, write_pdf


@pytest.fixture
def data(tmp_path):
    """The bundled data plus the field report as PDF, DOCX and HTML."""
    import shutil

    from _data import BUNDLED_CORPUS, BUNDLED_GAZETTEER

    shutil.copytree(BUNDLED_CORPUS, tmp_path / "corpus")
    shutil.copytree(BUNDLED_GAZETTEER, tmp_path / "gazetteer")
    write_pdf(FIELD_REPORT, tmp_path / "corpus" / "field-report.pdf")
    write_docx(FIELD_REPORT, tmp_path / "corpus" / "field-report-word.docx")
    write_html(FIELD_REPORT, tmp_path / "corpus" / "field-report-page.html")
    return tmp_path / "gazetteer", tmp_path / "corpus"


def test_mixed_folder_opens_and_passages_copy_with_citation(window, qtbot):
    from PySide6.QtWidgets import QApplication

    formats = {d.format for d in window.index.corpus.documents}
    assert formats == {"text", "pdf", "docx", "html"}
    assert not [i for i in window.index.corpus.issues if i.is_error]
    pdf_passages = [p for p in window.index.passage_list if p.document == "field-report" and p.page == 2]
    text = window.index.corpus.by_id["field-report"].text
    target = next(p for p in pdf_passages if "Yerevan" in text[p.start:p.end])
    window.state.select_passage(target.id, source="test")
    qtbot.waitUntil(lambda: window.reader.document_id == "field-report")
    assert "— p. 2 —" in window.reader.browser.toPlainText()
    copied = window.copy_passage(target.id)
    assert QApplication.clipboard().text() == copied
    assert copied.startswith("“The routes between Yerevan")
    assert copied.endswith("Leyla Mammadova and Arman Petrosyan (2021). Roads and Rivers of the Southern Caucasus, "
                           "p. 2.")
    window.state.select_places(["yerevan"], source="test")
    qtbot.waitUntil(lambda: "p. 2" in window.passages.browser.toPlainText())
