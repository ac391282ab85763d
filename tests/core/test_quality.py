"""Linking quality against the hand-checked annotations (docs/annotation.md).

Run ``caucasusmap evaluate -v`` for the per-place table and every error."""

from pathlib import Path

import pytest

from _data import BUNDLED_CORPUS, BUNDLED_GAZETTEER, ROOT
from caucasusmap.evaluate import AnnotationError, PlaceMatcher, parse_marks, read_annotations, read_gold_geonames, score
from caucasusmap.index import open_index
from caucasusmap.reference import load_reference


# As shipped: the linker plus the bundled review decisions (annotations.jsonl),
# which hold what the gazetteer's sentence-length exclude phrases used to; the
# figures hold both with the reference gazetteer under the YAML and with the YAML alone.
@pytest.fixture(scope="module", params=["with-reference", "yaml-only"])
def index(request):
    reference = load_reference() if request.param == "with-reference" else None
    return open_index(BUNDLED_GAZETTEER, BUNDLED_CORPUS, use_cache=False, reference=reference)


def test_bundled_review_decisions_all_apply(index):
    assert len(index.review.decisions) >= 25
    assert index.review.issues == ()  # none orphaned, none stale
    statuses = {m.status for m in index.mentions}
    assert statuses == {"automatic", "corrected"}
    assert len(index.review.rejected) == 2


def test_no_review_decision_moves_the_measured_numbers(index):
    # Decisions on annotated documents would score the reviewer, not the linker.
    # The only ones are the two moved out of the gazetteer (newspaper titles in
    # a list of media, formerly exclude phrases): with them the held-out numbers
    # are what they were; the linker alone is reported in the README.
    annotated = {Path(d.path).name for d in index.corpus.documents
                 if (ROOT / "annotations" / (Path(d.path).name + ".ann")).exists()}
    on_annotated = [d for d in index.review.decisions if d.source in annotated]
    assert len(on_annotated) == 2
    assert all(d.action == "reject" and "was the gazetteer exclude phrase" in d.note for d in on_annotated)


def test_annotations_reproduce_their_documents(index):
    gold = read_annotations(ROOT / "annotations", index)
    assert len(gold) >= 2
    for doc_id, marks in gold.items():
        text = index.corpus.by_id[doc_id].text
        assert marks
        for g in marks:
            assert text[g.start:g.end] == g.surface


# The gazetteer was curated while these three annotated documents existed (its
# author saw their labels): they are the development set, held to the issue's
# target. haciyeva-2025 was annotated afterwards, independently, and measures
# how linking generalises; its floor guards against regressions (first
# measurement, before any change informed by it: P 0.969, R 0.965).
DEVELOPMENT = {"forouzan-alishahi-2020", "iran-karabakh-abstract", "vestnik-kavkaza-2020"}
HELD_OUT = {"haciyeva-2025"}


def _score(index, documents):
    gold = read_annotations(ROOT / "annotations", index)
    assert documents <= set(gold), f"missing annotations for {documents - set(gold)}"
    matcher = PlaceMatcher(index, read_gold_geonames(ROOT / "annotations"))
    result = score(index, {d: gold[d] for d in documents}, matcher)
    for place in result.places():
        print(f"{place:28} P={result.precision(place):.3f} R={result.recall(place):.3f}")
    print(f"overall P={result.precision():.3f} R={result.recall():.3f}")
    return result


def test_development_set_meets_the_target(index):
    result = _score(index, DEVELOPMENT)
    assert result.precision() >= 0.98
    assert result.recall() >= 0.98


def test_held_out_document_does_not_regress(index):
    result = _score(index, HELD_OUT)
    assert result.precision() >= 0.975
    assert result.recall() >= 0.96


def test_scoring_counts_errors(mini_gazetteer, write, tmp_path):
    text = "Baku and the Minsk Group; Nurduz; Tabriz.\n"
    write("c/d.txt", text)
    write("ann/d.txt.ann", "[[Baku|baku]] and the [[Minsk|-]] Group; [[Nurduz|tabriz]]; Tabriz.\n")
    idx = open_index(mini_gazetteer, tmp_path / "c")
    result = score(idx, read_annotations(tmp_path / "ann", idx))
    # Baku right; Nurduz linked but annotated as Tabriz (fp + fn); Tabriz unannotated (fp).
    assert (result.tp["baku"], result.fp["nurduz"], result.fn["tabriz"], result.fp["tabriz"]) == (1, 1, 1, 1)
    assert result.precision() == pytest.approx(1 / 3) and result.recall() == pytest.approx(1 / 2)


def test_annotation_that_changes_the_text_is_refused(mini_gazetteer, write, tmp_path):
    write("c/d.txt", "Baku.\n")
    write("ann/d.txt.ann", "[[Baku|baku]]!\n")
    idx = open_index(mini_gazetteer, tmp_path / "c")
    with pytest.raises(AnnotationError, match="d.txt.ann:1"):
        read_annotations(tmp_path / "ann", idx)


def test_parse_marks_handles_brackets_and_line_breaks():
    plain, spans = parse_marks("[[[Nagorno-\nKarabakh|nk]]] x")
    assert plain == "[Nagorno-\nKarabakh] x"
    assert spans == [(1, 18, "Nagorno-\nKarabakh", "nk")]
