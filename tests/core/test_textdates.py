"""Publication dates from what a text says at its top (caucasusmap.textdates):
only unambiguous statements count, a wrong date being worse than none."""

import datetime as dt
import textwrap

import pytest

from caucasusmap.corpus import read_corpus
from caucasusmap.index import open_index
from caucasusmap.maps import MapView
from caucasusmap.textdates import publication_date
from caucasusmap.viewfilters import ViewRows

TODAY = dt.date(2026, 12, 2)
BODY = ("Azerbaijan launched an offensive on 27 September 2020 along the Aras, and by 9 November 2020 its "
        "forces had reached Shusha; the ceasefire of 10 November 2020 ended the fighting. ") * 3


def found(text):
    got = publication_date(textwrap.dedent(text).lstrip("\n"), today=TODAY)
    return got and (got.date, got.line, got.how)


@pytest.mark.parametrize(("text", "want"), [
    ("# Iran and the war\n\nPublished 12 March 2021\n\n" + BODY, ("2021-03-12", 3, "labelled")),
    ("Iran and the war\n\nMarch 3, 2021\n\n" + BODY, ("2021-03-03", 3, "date line")),
    ("Iran and the war\nBy Jane Doe · March 3, 2021\n\n" + BODY, ("2021-03-03", 2, "date line")),
    ("Tuesday, 3 March 2020, 08:00\n\n" + BODY, ("2020-03-03", 1, "date line")),
    ("---\ntitle: Iran and the war\ndate: 2021-03-12\ntags: [war]\n---\n\n# Iran\n\n" + BODY,
     ("2021-03-12", 3, "front matter")),
    ("---\ntitle: x\npublished: '2021-03-12T08:00:00Z'\n---\n" + BODY, ("2021-03-12", 3, "front matter")),
    ("Publication date: 2021-03-12\n\n" + BODY, ("2021-03-12", 1, "labelled")),
    ("Published: March 2021\n\n" + BODY, ("2021-03", 1, "labelled")),
    ("Published 12 March 2021, updated 14 March 2021\n\n" + BODY, ("2021-03-12", 1, "labelled")),
    ("Received: 15.11.2018; Accepted: 01.07.2020; Published: 30.09.2020\n\n" + BODY,
     ("2020-09-30", 1, "labelled")),
    # a journal's bilingual labels, the date under them (the bundled Asya Studies article)
    ("Makale Geliş Tarihi /\nArticle Arrival Date\n**15.11.2018**\n\nMakale Kabul Tarihi /\nArticle Accepted Date\n"
     "**01.07.2020**\n\nMakale Yayın Tarihi /\nArticle Publication Date\n**30.09.2020**\n\n" + BODY,
     ("2020-09-30", 11, "labelled")),
    ("Опубликовано 12 марта 2021 г.\n\n" + BODY, ("2021-03-12", 1, "labelled")),
    ("27 Eylül 2020\n\n" + BODY, ("2020-09-27", 1, "date line")),
    ("Published: 25/03/2021\n\n" + BODY, ("2021-03-25", 1, "labelled")),
    ("Sept. 27, 2020\n\n" + BODY, ("2020-09-27", 1, "date line")),
])
def test_stated_publication_dates(text, want):
    assert found(text) == want


@pytest.mark.parametrize("text", [
    # copyright footers and lines are not dates of publication
    "Iran and the war\n\n" + BODY + "\n\n© 2024 Caucasus Wire\n",
    "Iran and the war\n\n© 2024 Caucasus Wire. All rights reserved.\n\n" + BODY,
    "Iran and the war\n\nCopyright 12 March 2021 Caucasus Wire\n\n" + BODY,
    # dates of events, in sentences or in the body
    "Iran and the war\n\nOn 27 September 2020, Azerbaijan launched an offensive.\n\n" + BODY,
    BODY + "\n\nMarch 3, 2021\n",
    "Iran and the war\n\n" + BODY + "\n\nPublished 12 March 2021\n",
    # a chronology's headings and list items
    "## 27 September 2020\n\nThe offensive begins.\n",
    "- 27 September 2020\n- 10 November 2020\n",
    # dates labelled as something else, and the date under such a label
    "**Makale Gönderim Tarihi**\n\n14.04.2025\n\n**Makale Kabul Tarihi**\n\n19.05.2025\n\n" + BODY,
    "Updated 14 March 2021\n\n" + BODY,
    "Accessed 3 March 2021\n\n" + BODY,
    "Retrieved March 3, 2021\n\n" + BODY,
    "Received: 3 March 2021\n\n" + BODY,
    # ambiguous, impossible, future, or only a year
    "Published: 03/04/2021\n\n" + BODY,
    "Published 31 February 2021\n\n" + BODY,
    "Published 12 March 2099\n\n" + BODY,
    "Autumn 2020\n\nPublished 2021\n\n" + BODY,
    "Published by Oxford University Press\nMarch 2021\n\n" + BODY,
    "March 2021\n\n" + BODY,
    # a chronology or a diary: date lines head its entries, the first is no publication date
    "27 September 2020\n\n" + BODY + "\n\n28 September 2020\n\n" + BODY,
    "Diary\n\nMarch 3, 2021\n\n" + BODY + "\n\n## March 4, 2021\n\n" + BODY,
    # two different statements: which is it?
    "March 3, 2021\n\nApril 5, 2021\n\n" + BODY,
    "Published 12 March 2021\n\nPublished online 14 March 2021\n\n" + BODY,
    # times and places without a year, dates inside paths
    "🕒 18 Oct in 8:00 📌 Begin-Sadat Center\n\n(upload2/2020-10-18/1603006458.jpg)\n\n" + BODY,
    "Dates of the war are disputed\n\nhttps://example.org/2021/03/12/iran\n\n" + BODY,
    # front matter with a date that is not an ISO date, or no date key
    "---\ntitle: x\ndate: last spring\n---\n" + BODY,
    "---\ntitle: x\nevent: 2020-09-27\n---\n" + BODY,
])
def test_no_date_rather_than_a_wrong_one(text):
    assert found(text) is None


def test_the_corpus_takes_the_stated_date_and_the_time_filter_follows(write, tmp_path):
    write("c/published.md", "# Iran and the war\n\nPublished 12 March 2021\n\n" + BODY + "Baku.\n")
    write("c/footer.md", "# Notes from Baku\n\n" + BODY + "Baku.\n\n© 2024 Caucasus Wire\n")
    write("c/front.md", "---\ndate: 2019-05-01\n---\n# Front\n\n" + BODY + "Baku.\n")
    write("c/manifest.md", "# Says 2021\n\nPublished 12 March 2021\n\n" + BODY + "Baku.\n")
    write("c/corpus.yaml", "documents:\n  - {id: manifest, file: manifest.md, title: M, year: 2018, languages: [en]}\n")
    write("g/places.yaml", "places:\n  - {id: baku, name: Baku, kind: city, lat: 40.4, lon: 49.9}\n")
    corpus = read_corpus(tmp_path / "c", cache=False)
    docs = {d.id: d for d in corpus.documents}
    assert (docs["published"].date, docs["published"].year, docs["published"].date_source) == (
        "2021-03-12", 2021, "text, line 3")
    assert (docs["footer"].date, docs["footer"].year) == ("", None)  # the © line is no date
    assert (docs["front"].date, docs["front"].date_source) == ("2019-05-01", "text, line 2")
    # the manifest's year wins over a text that says otherwise
    assert (docs["manifest"].date, docs["manifest"].year, docs["manifest"].date_source) == ("2018", 2018, "manifest")

    index = open_index(tmp_path / "g" / "places.yaml", tmp_path / "c", use_cache=False, reference=None)

    def shown(start, end):
        rows = ViewRows(index, MapView(time_range=(start, end))).rows
        return {index.corpus.documents[int(d)].id for d in index.table.document[rows]}
    assert shown("2021-03", "2021-03") == {"published"}
    assert shown("2019", "2019") == {"front"}
    assert shown(None, "2030") == {"published", "front", "manifest"}  # the undated one is outside any range


def test_a_stated_date_beats_the_date_a_word_file_was_made(tmp_path):
    from tests.docgen import SourceDoc, write_docx

    fill = "The road from Tabriz to Julfa follows the Aras through the mountains of the region. " * 4
    doc = SourceDoc(title="Travel notes", date="2024-01-05", blocks=[
        ("paragraph", "Published 18 October 2020", 0, ""), ("paragraph", fill, 0, "")])
    undated = SourceDoc(title="Travel notes", date="2024-01-05", blocks=[("paragraph", fill, 0, "")])
    (tmp_path / "c").mkdir()
    write_docx(doc, tmp_path / "c" / "stated.docx")
    write_docx(undated, tmp_path / "c" / "made.docx")
    docs = {d.id: d for d in read_corpus(tmp_path / "c", cache=False).documents}
    assert (docs["stated"].date, docs["stated"].date_source[:4]) == ("2020-10-18", "text")
    assert (docs["made"].date, docs["made"].date_source) == ("2024-01-05", "metadata")


def test_bundled_corpus_dates():
    from caucasusmap.paths import default_corpus

    docs = {d.id: d for d in read_corpus(default_corpus(), cache=False).documents}
    # "Article Publication Date 30.09.2020" in the article's own header
    assert (docs["forouzan-alishahi-2020"].date, docs["forouzan-alishahi-2020"].date_source) == (
        "2020-09-30", "text, line 28")
    # only submission and acceptance dates are printed: the manifest's year stays
    assert (docs["haciyeva-2025"].date, docs["haciyeva-2025"].date_source) == ("2025", "manifest")
