"""W3C Web Annotation import/export and the TEI export."""

import json
import xml.etree.ElementTree as ET

import pytest

from caucasusmap.corpus import display_text
from caucasusmap.exchange import import_web_annotations, tei_corpus, web_annotations
from caucasusmap.index import open_index
from caucasusmap.maps import MapView
from caucasusmap.review import Review

TEI = {"t": "http://www.tei-c.org/ns/1.0"}
DOC = (
    "# Report\n\n"
    "We crossed at Nurduz towards Tabriz and Baku.\n\n"
    "- Kapan first\n- then Shusha\n\n"
    "<sup>1</sup> Tabriz: Publisher, 2001.\n\n"
    "## References\n\n"
    "Baku & Tabriz <press>, 19\x0b99.\n"
)


@pytest.fixture
def review(write, tmp_path, mini_gazetteer):
    write("c/report.md", DOC)
    return Review(open_index(mini_gazetteer, tmp_path / "c"))


def test_export_is_w3c_web_annotation(review):
    review.decide("change", "report", DOC.index("Tabriz"), place="ganja", note="the other one")
    (ann,) = web_annotations(review)
    assert ann["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert ann["type"] == "Annotation" and ann["motivation"] == "identifying"
    quote, position = ann["target"]["selector"]
    assert quote["type"] == "TextQuoteSelector" and quote["exact"] == "Tabriz" and quote["prefix"].endswith("towards ")
    assert position == {"type": "TextPositionSelector", "start": DOC.index("Tabriz"), "end": DOC.index("Tabriz") + 6}
    assert ann["target"]["source"] == "report.md"
    place, note = ann["body"]
    assert place["purpose"] == "identifying" and place["source"]["id"] == "urn:caucasusmap:place:ganja"
    assert note == {"type": "TextualBody", "purpose": "commenting", "value": "the other one", "format": "text/plain"}
    assert (ann["cm:decision"], ann["cm:was"]) == ("change", "tabriz")


def test_import_foreign_annotations(review, tmp_path, write):
    # What another tool writes: a GeoNames URI, a quote, no position, no decision kind.
    gaz = review.index.gazetteer
    assert not dict(gaz.by_id["tabriz"].links)  # the mini gazetteer has no links: give one
    foreign = {
        "type": "AnnotationCollection",
        "first": {"type": "AnnotationPage", "items": [
            {"id": "https://example.org/a/1", "type": "Annotation",
             "body": [{"type": "SpecificResource", "purpose": "identifying", "source": "urn:caucasusmap:place:tabriz"}],
             "target": {"source": "https://example.org/doc/report.md", "selector": {
                 "type": "TextQuoteSelector", "exact": "Tabriz", "prefix": "towards ", "suffix": " and"}}},
            {"id": "https://example.org/a/2", "type": "Annotation",
             "body": {"type": "SpecificResource", "source": {"id": "urn:caucasusmap:place:shusha"}},
             "target": {"source": "report.md", "selector": [{"type": "TextQuoteSelector", "exact": "Kapan"}]}},
            {"id": "https://example.org/a/3", "type": "Annotation", "motivation": "assessing",
             "body": {"type": "TextualBody", "purpose": "assessing", "value": "no"},
             "target": {"source": "report.md", "selector": [{"type": "TextQuoteSelector", "exact": "Baku",
                                                             "prefix": "Tabriz and "}]}},
            {"id": "https://example.org/a/4", "type": "Annotation",
             "body": {"source": "urn:caucasusmap:place:baku"},
             "target": {"source": "elsewhere.md", "selector": [{"type": "TextQuoteSelector", "exact": "Baku"}]}},
            {"id": "https://example.org/a/5", "type": "Annotation",
             "body": {"source": "https://sws.geonames.org/1/"},
             "target": {"source": "report.md", "selector": [{"type": "TextQuoteSelector", "exact": "Shusha"}]}},
            {"id": "https://example.org/a/6", "type": "Annotation",
             "body": {"source": "urn:caucasusmap:place:baku"},
             "target": {"source": "report.md", "selector": [{"type": "TextQuoteSelector", "exact": "Yerevan"}]}},
        ]},
    }
    path = write("in.jsonld", json.dumps(foreign))
    dry = import_web_annotations(review, path, dry_run=True)
    assert dry.imported == 3 and review.file.decisions == []
    report = import_web_annotations(review, path)
    assert (report.imported, report.skipped) == (3, 3)
    messages = " | ".join(i.message for i in report.issues)
    assert "'https://example.org/doc/report.md'" not in messages  # matched by its file name
    assert "'elsewhere.md' is no document" in messages
    assert "identifies no gazetteer place" in messages
    assert "'Yerevan' is not in report" in messages
    by_text = {d.exact: d for d in review.file.decisions}
    assert (by_text["Tabriz"].action, by_text["Kapan"].action, by_text["Baku"].action) == ("confirm", "add", "reject")
    assert by_text["Kapan"].place == "shusha"
    assert dict(by_text["Tabriz"].extra) == {"imported_from": "https://example.org/a/1"}
    # One undoable step.
    review.undo()
    assert review.file.decisions == []


def test_import_of_json_lines_and_bad_json(review, write):
    line = {"type": "Annotation", "body": {"source": "urn:caucasusmap:place:tabriz"},
            "target": {"source": "report.md", "selector": {"type": "TextQuoteSelector", "exact": "Tabriz",
                                                             "prefix": "towards "}}}
    path = write("in.jsonl", json.dumps(line) + "\n" + json.dumps(line) + "\n")
    report = import_web_annotations(review, path)
    assert report.imported == 1 and "already has a decision" in report.issues[0].message
    bad = write("bad.json", '[{"type": "Annotation",\n  oops}]')
    report = import_web_annotations(review, bad)
    assert report.errors and str(report.errors[0]).startswith(f"{bad}:2:")


def test_tei_is_well_formed_and_marks_every_kept_mention(review):
    review.decide("confirm", "report", DOC.index("Nurduz"))
    review.decide("reject", "report", DOC.index("Baku"))
    xml = tei_corpus(review.index)
    root = ET.fromstring(xml.encode("utf-8"))  # well-formed, despite the \x0b and the & and <press> in the text
    assert root.tag == "{http://www.tei-c.org/ns/1.0}teiCorpus"
    ids = {e.get("{http://www.w3.org/XML/1998/namespace}id") for e in root.iterfind(".//t:listPlace/t:place", TEI)}
    marks = list(root.iterfind(".//t:text//t:placeName", TEI))
    kept = [m for m in review.index.mentions]
    assert [m.text for m in marks] == [m.surface for m in kept]
    assert {m.get("ref")[1:] for m in marks} <= ids
    assert [m.get("cert") for m in marks][0] == "high" and marks[1].get("cert") is None
    body = root.find(".//t:TEI/t:text/t:body", TEI)
    assert [c.tag.split("}")[1] for c in body] == ["head", "p", "list", "note", "div"]
    assert body.find("t:note", TEI).get("n") == "1"
    assert ["".join(i.itertext()) for i in body.find("t:list", TEI)] == ["Kapan first", "then Shusha"]
    # The reading text is exact: every passage's text equals its display text.
    passages = review.index.document_passages["report"]
    para = body.find("t:p", TEI)
    assert "".join(para.itertext()) == display_text(DOC, passages[1].start, passages[1].end)[0]
    refs = body.find("t:div", TEI)
    assert refs.get("type") == "bibliography"
    assert "".join(refs.find("t:p", TEI).itertext()) == "Baku & Tabriz <press>, 19\ufffd99."


def test_tei_honours_the_view(review):
    review.decide("confirm", "report", DOC.index("Tabriz"))
    xml = tei_corpus(review.index, MapView(statuses=("checked",), hide_references=True))
    root = ET.fromstring(xml.encode("utf-8"))
    assert [m.text for m in root.iterfind(".//t:text//t:placeName", TEI)] == ["Tabriz"]
    assert root.find(".//t:div", TEI) is None


def test_tei_marks_mentions_of_extracted_text_where_they_are(write, tmp_path, mini_gazetteer):
    body = "Prices *rose* by 5 * 3 in **Tabriz** markets, then Baku followed."
    write("h/page.html", f"<html><head><title>Prices</title></head><body><article><p>{body}</p></article>"
                         "</body></html>")
    index = open_index(mini_gazetteer, tmp_path / "h")
    assert not index.corpus.documents[0].markup
    root = ET.fromstring(tei_corpus(index))
    assert sorted(m.text for m in root.iterfind(".//t:text//t:placeName", TEI)) == ["Baku", "Tabriz"]
    para = "".join(root.find(".//t:TEI/t:text/t:body/t:p", TEI).itertext())
    assert "*rose*" in para and "**Tabriz**" in para  # extracted text keeps its characters
