"""Review decisions: each kind, "apply to all" with its count, anchoring after
edits, orphans, concurrent edits of the file on disk, undo."""

import json
from pathlib import Path

import pytest

from caucasusmap.corpus import read_corpus
from caucasusmap.errors import ConflictError, ReviewError
from caucasusmap.index import open_index
from caucasusmap.review import (
    AnnotationFile,
    Decision,
    Review,
    alternatives,
    anchor,
    annotations_path,
    dump_decisions,
    read_decisions,
    review_queue,
)

DOC = (
    "# Trip\n\n"
    "We crossed at Nurduz towards Tabriz and Baku.\n\n"
    "Baku again, and Bakı; then Azerbaijan and East Azerbaijan.\n\n"
    "The Araz flows past Nurduz. Kapan is near.\n"
)
OTHER = "Baku in the other text, and Azerbaijan too.\n"


@pytest.fixture
def corpus(write, tmp_path):
    write("c/trip.md", DOC)
    write("c/other.md", OTHER)
    return tmp_path / "c"


@pytest.fixture
def review(mini_gazetteer, corpus):
    counter = iter(range(10_000))
    return Review(open_index(mini_gazetteer, corpus), clock=lambda: "2025-01-01T00:00:00Z",
                  new_id=lambda: f"d{next(counter):04d}")


def at(text, word, nth=0):
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(word, pos + 1)
    return pos


def status_of(index, doc, start):
    return next((m.place, m.status) for m in index.mentions if m.document == doc and m.start == start)


def test_confirm(review):
    s = at(DOC, "Tabriz")
    plan, idx = review.decide("confirm", "trip", s)
    assert plan.count == 1 and plan.targets[0].was == "tabriz"
    assert status_of(idx, "trip", s) == ("tabriz", "confirmed")
    (d,) = review.file.decisions
    assert (d.action, d.place, d.was, d.exact, d.source) == ("confirm", "tabriz", "tabriz", "Tabriz", "trip.md")
    assert d.prefix.endswith("towards ") and d.suffix.startswith(" and Baku")
    # Every other mention stays automatic.
    assert sum(m.status != "automatic" for m in idx.mentions) == 1


def test_change(review):
    s = at(DOC, "Azerbaijan")
    _, idx = review.decide("change", "trip", s, place="east-azerbaijan")
    assert status_of(idx, "trip", s) == ("east-azerbaijan", "corrected")
    assert idx.mention_count("azerbaijan") == 1  # the other document's
    assert review.file.decisions[0].was == "azerbaijan"


def test_reject(review):
    s = at(DOC, "Baku", 1)
    before = review.index.mention_count("baku")
    _, idx = review.decide("reject", "trip", s)
    assert idx.mention_count("baku") == before - 1
    assert not [m for m in idx.mentions if m.document == "trip" and m.start == s]
    rej = idx.review.rejected
    assert len(rej) == 1 and int(rej.start[0]) == s
    assert review.mention_at("trip", s)[3] == 4  # rejected, still found for the views
    with pytest.raises(ReviewError, match="already rejected"):
        review.plan("reject", "trip", s)


def test_add_links_an_unlinked_span(review):
    s = at(DOC, "Kapan")
    with pytest.raises(ReviewError, match="nothing is linked"):
        review.plan("confirm", "trip", s)
    _, idx = review.decide("add", "trip", s, s + 5, place="shusha")
    assert status_of(idx, "trip", s) == ("shusha", "added")
    assert review.file.decisions[0].was is None


def test_add_over_a_shorter_automatic_link_replaces_it(review):
    s = at(DOC, "Bakı; then Azerbaijan")
    e = s + len("Bakı; then Azerbaijan")
    _, idx = review.decide("add", "trip", s, e, place="baku")
    got = [(m.start, m.end, m.place, m.status) for m in idx.mentions if m.document == "trip" and s <= m.start < e]
    assert got == [(s, e, "baku", "corrected")]  # the two automatic links under it are replaced


def test_add_refuses_spans_across_passages_and_without_letters(review):
    s = at(DOC, "Baku.")
    with pytest.raises(ReviewError, match="one passage"):
        review.plan("add", "trip", s, s + 12, place="baku")
    with pytest.raises(ReviewError, match="no letters"):
        review.plan("add", "trip", s + 4, s + 5, place="baku")
    with pytest.raises(ReviewError, match="no place"):
        review.plan("add", "trip", s, s + 4, place="atlantis")


def test_apply_to_every_identical_mention_counts_before_it_writes(review):
    s = at(DOC, "Baku")
    plan = review.plan("reject", "trip", s, scope="document")
    # "Baku" twice in trip ("Bakı", another spelling of the place, is not identical).
    assert plan.count == 2 and review.file.decisions == []
    assert plan.describe() == "reject 2 mentions of 'Baku' in this document"
    corpus_plan = review.plan("reject", "trip", s, scope="corpus")
    assert corpus_plan.count == 3
    review.record(plan)
    assert len(review.file.decisions) == 2
    assert len({d.batch for d in review.file.decisions}) == 1 and review.file.decisions[0].batch
    # Rejected mentions are no longer mentions of Baku: not "identical" any more.
    again = review.plan("confirm", "other", at(OTHER, "Baku"), scope="corpus")
    assert again.count == 1 and again.skipped == 0


def test_apply_to_all_skips_checked_mentions(review):
    review.decide("confirm", "trip", at(DOC, "Baku", 1))
    plan = review.plan("change", "trip", at(DOC, "Baku"), place="tabriz", scope="corpus")
    assert plan.count == 2 and plan.skipped == 1
    assert "1 already checked" in plan.describe()


def test_add_to_all_identical_unlinked_text(review, write, corpus):
    s = at(DOC, "Kapan")
    plan = review.plan("add", "trip", s, s + 5, place="shusha", scope="corpus")
    assert plan.count == 1
    write("c/third.md", "Kapan, and again kapan.\n")
    r2 = Review(open_index(review.index.gazetteer.path, corpus))
    plan = r2.plan("add", "trip", s, s + 5, place="shusha", scope="corpus")
    assert plan.count == 3


def test_redeciding_replaces_the_earlier_decision(review):
    s = at(DOC, "Tabriz")
    review.decide("confirm", "trip", s)
    _, idx = review.decide("change", "trip", s, place="baku")
    (d,) = review.file.decisions
    assert (d.action, d.place, d.was) == ("change", "baku", "tabriz")
    assert status_of(idx, "trip", s) == ("baku", "corrected")


def test_clear_returns_to_the_automatic_link(review):
    s = at(DOC, "Tabriz")
    review.decide("change", "trip", s, place="baku")
    review.clear("trip", s)
    assert review.file.decisions == []
    assert status_of(review.index, "trip", s) == ("tabriz", "automatic")


def test_decisions_survive_insertions_and_deletions_earlier_in_the_document(review, mini_gazetteer, corpus):
    s = at(DOC, "Azerbaijan")
    review.decide("change", "trip", s, place="east-azerbaijan")
    review.decide("reject", "trip", at(DOC, "Tabriz"))
    inserted = DOC.replace("# Trip\n\n", "# Trip\n\nA new opening paragraph about Baku and Tabriz.\n\n")
    (corpus / "trip.md").write_text(inserted, encoding="utf-8")
    idx = open_index(mini_gazetteer, corpus)
    moved = at(inserted, "Azerbaijan")
    assert moved != s
    assert status_of(idx, "trip", moved) == ("east-azerbaijan", "corrected")
    tabriz = [m.start for m in idx.mentions if m.document == "trip" and m.place == "tabriz"]
    assert tabriz == [at(inserted, "Tabriz")]  # the new one stays; the rejected one is still rejected
    assert idx.review.issues == ()
    deleted = DOC.replace("We crossed at Nurduz towards ", "We went to ")
    (corpus / "trip.md").write_text(deleted, encoding="utf-8")
    idx = open_index(mini_gazetteer, corpus)
    assert status_of(idx, "trip", at(deleted, "Azerbaijan")) == ("east-azerbaijan", "corrected")
    assert all(m.place != "tabriz" for m in idx.mentions if m.document == "trip")
    assert idx.review.issues == ()


def test_edited_quote_orphans_the_decision_and_is_never_misapplied(review, mini_gazetteer, corpus):
    s = at(DOC, "Tabriz")
    review.decide("change", "trip", s, place="ganja")
    edited = DOC.replace("towards Tabriz and Baku", "towards Tehran and Baku")
    edited += "\nLater Tabriz appears in another sentence entirely.\n"
    (corpus / "trip.md").write_text(edited, encoding="utf-8")
    idx = open_index(mini_gazetteer, corpus)
    assert idx.mention_count("ganja") == 0
    assert status_of(idx, "trip", at(edited, "Tabriz")) == ("tabriz", "automatic")
    (issue,) = idx.review.issues
    assert "orphaned" in issue.message and str(issue).startswith(f"{annotations_path(corpus)}:2: warning:")
    assert [d.id for d in idx.review.orphaned] == [review.file.decisions[0].id]
    # Still in the file, for the user to fix or remove.
    assert len(read_decisions(annotations_path(corpus))[0]) == 1


def test_anchor_respects_word_boundaries():
    d = Decision("a", "confirm", "d.md", 4, 8, "Baku", "See ", " now", place="baku")
    assert anchor(d, "See Bakuvian now, and See Baku now") == (26, 30)
    assert anchor(d, "See Bakuvian now") is None


def test_unknown_document_and_place_are_reported_not_applied(write, mini_gazetteer, corpus):
    lines = [
        {"id": "a1", "action": "confirm", "place": "tabriz", "source": "gone.md", "start": 0, "end": 6,
         "exact": "Tabriz"},
        {"id": "a2", "action": "change", "place": "atlantis", "source": "trip.md", "start": 35, "end": 41,
         "exact": "Tabriz"},
    ]
    write("c/annotations.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n")
    idx = open_index(mini_gazetteer, corpus)
    messages = [i.message for i in idx.review.issues]
    assert any("no document 'gone.md'" in m for m in messages)
    assert any("no place 'atlantis'" in m for m in messages)
    assert idx.mention_count("tabriz") == 1


def test_malformed_lines_are_located_and_block_writes(write, mini_gazetteer, corpus):
    s = at(DOC, "Tabriz")
    good = {"id": "ok1", "action": "reject", "source": "trip.md", "start": s, "end": s + 6, "exact": "Tabriz"}
    write("c/annotations.jsonl", json.dumps(good) + "\n{not json\n" + json.dumps({"id": "x", "action": "fly"}) + "\n")
    idx = open_index(mini_gazetteer, corpus)
    errors = [str(i) for i in idx.review.issues if i.is_error]
    assert errors[0].startswith(f"{annotations_path(corpus)}:2:2: error: not valid JSON")
    assert "lacks" in errors[1] and ":3:" in errors[1]
    assert idx.mention_count("tabriz") == 0  # the good line still applies
    r = Review(idx)
    with pytest.raises(ReviewError, match=r"annotations.jsonl:2:2: error"):
        r.decide("confirm", "trip", at(DOC, "Baku"))
    assert "{not json" in annotations_path(corpus).read_text(encoding="utf-8")  # nothing rewritten


def test_overlapping_hand_written_decisions_the_later_applies(write, mini_gazetteer, corpus):
    s = at(DOC, "Tabriz")
    a = {"id": "a", "action": "change", "place": "baku", "source": "trip.md", "start": s, "end": s + 6,
         "exact": "Tabriz", "created": "2025-01-01T00:00:00Z"}
    b = dict(a, id="b", place="ganja", created="2025-02-01T00:00:00Z")
    write("c/annotations.jsonl", json.dumps(b) + "\n" + json.dumps(a) + "\n")
    idx = open_index(mini_gazetteer, corpus)
    assert status_of(idx, "trip", s) == ("ganja", "corrected")
    assert any("overlaps the later decision b" in i.message for i in idx.review.issues)


def test_file_format_is_sorted_readable_and_round_trips(review, corpus):
    review.decide("confirm", "trip", at(DOC, "Tabriz"))
    review.decide("reject", "other", at(OTHER, "Baku"))
    review.decide("confirm", "trip", at(DOC, "Nurduz"))
    text = annotations_path(corpus).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert json.loads(lines[0])["format"] == "caucasusmap annotations"
    records = [json.loads(line) for line in lines[1:]]
    assert [(r["source"], r["start"]) for r in records] == sorted((r["source"], r["start"]) for r in records)
    assert list(records[0])[:3] == ["id", "action", "place"] or list(records[0])[:2] == ["id", "action"]
    decisions, issues = read_decisions(annotations_path(corpus))
    assert issues == [] and dump_decisions(decisions) == text
    assert "Nurduz" in text and "\\u" not in text  # UTF-8, not escaped


def test_unknown_fields_are_kept_when_the_file_is_rewritten(write, review, corpus):
    s = at(DOC, "Tabriz")
    rec = {"id": "mine", "action": "confirm", "place": "tabriz", "was": "tabriz", "source": "trip.md", "start": s,
           "end": s + 6, "exact": "Tabriz", "reviewer": "A. N. Other"}
    write("c/annotations.jsonl", json.dumps(rec) + "\n")
    review.reload()
    review.decide("confirm", "trip", at(DOC, "Nurduz"))
    assert '"reviewer": "A. N. Other"' in annotations_path(corpus).read_text(encoding="utf-8")


def test_backup_and_atomic_replace(review, corpus):
    review.decide("confirm", "trip", at(DOC, "Tabriz"))
    first = annotations_path(corpus).read_text(encoding="utf-8")
    review.decide("confirm", "trip", at(DOC, "Nurduz"))
    assert (corpus / "annotations.jsonl.bak").read_text(encoding="utf-8") == first
    assert not list(corpus.glob(".annotations.jsonl.*"))  # no temporary file left


def test_concurrent_edits_merge_when_they_touch_different_mentions(mini_gazetteer, corpus):
    a = Review(open_index(mini_gazetteer, corpus))
    b = Review(open_index(mini_gazetteer, corpus))
    a.decide("confirm", "trip", at(DOC, "Tabriz"))
    b.decide("reject", "trip", at(DOC, "Nurduz"))  # b had not seen a's decision: merged
    actions = sorted(d.action for d in read_decisions(annotations_path(corpus))[0])
    assert actions == ["confirm", "reject"]
    assert status_of(b.index, "trip", at(DOC, "Tabriz")) == ("tabriz", "confirmed")


def test_concurrent_edits_of_the_same_mention_are_refused(mini_gazetteer, corpus):
    a = Review(open_index(mini_gazetteer, corpus))
    b = Review(open_index(mini_gazetteer, corpus))
    a.decide("confirm", "trip", at(DOC, "Tabriz"))
    with pytest.raises(ConflictError, match="decided there meanwhile"):
        b.decide("change", "trip", at(DOC, "Tabriz"), place="baku")
    (d,) = read_decisions(annotations_path(corpus))[0]
    assert d.action == "confirm"  # a's decision is intact
    # After a reload b sees it and may decide again, knowingly.
    b.reload()
    b.decide("change", "trip", at(DOC, "Tabriz"), place="baku")
    (d,) = read_decisions(annotations_path(corpus))[0]
    assert d.action == "change"


def test_hand_edit_on_disk_is_kept(review, corpus):
    review.decide("confirm", "trip", at(DOC, "Tabriz"))
    path = annotations_path(corpus)
    s = at(OTHER, "Baku")
    extra = {"id": "byhand", "action": "reject", "source": "other.md", "start": s, "end": s + 4, "exact": "Baku"}
    path.write_text(path.read_text(encoding="utf-8") + json.dumps(extra) + "\n", encoding="utf-8")
    review.decide("confirm", "trip", at(DOC, "Nurduz"))
    assert "byhand" in {d.id for d in read_decisions(path)[0]}


def test_removing_a_decision_someone_edited_meanwhile_is_refused(review, corpus):
    s = at(DOC, "Tabriz")
    review.decide("confirm", "trip", s)
    path = annotations_path(corpus)
    path.write_text(path.read_text(encoding="utf-8").replace('"confirm"', '"reject"').replace(
        '"place": "tabriz", ', ""), encoding="utf-8")
    with pytest.raises(ConflictError, match="edited or removed there"):
        review.clear("trip", s)


def test_undo_and_redo(review, corpus):
    path = annotations_path(corpus)
    review.decide("confirm", "trip", at(DOC, "Tabriz"))
    review.decide("reject", "trip", at(DOC, "Baku"), scope="document")
    assert len(review.file.decisions) == 3
    assert review.file.undo_label() == "reject 2 mentions of 'Baku' in this document"
    review.undo()
    assert [d.action for d in review.file.decisions] == ["confirm"]
    assert review.index.mention_count("baku") == 4
    review.redo()
    assert len(review.file.decisions) == 3 and review.index.mention_count("baku") == 2
    review.undo()
    review.undo()
    assert review.file.decisions == [] and path.exists()
    with pytest.raises(ReviewError, match="nothing to undo"):
        review.undo()


def test_undo_of_a_change_to_an_earlier_decision_restores_it(review):
    s = at(DOC, "Tabriz")
    review.decide("confirm", "trip", s)
    review.decide("change", "trip", s, place="ganja")
    review.undo()
    (d,) = review.file.decisions
    assert d.action == "confirm"
    assert status_of(review.index, "trip", s) == ("tabriz", "confirmed")


def test_undo_history_survives_between_runs(review, mini_gazetteer, corpus):
    review.decide("confirm", "trip", at(DOC, "Tabriz"))
    later = Review(open_index(mini_gazetteer, corpus))
    later.undo()
    assert read_decisions(annotations_path(corpus))[0] == []


def test_decisions_are_part_of_the_index_key_and_the_corpus_ignores_the_file(review, mini_gazetteer, corpus):
    before = open_index(mini_gazetteer, corpus).key
    review.decide("confirm", "trip", at(DOC, "Tabriz"))
    review.decide("confirm", "trip", at(DOC, "Nurduz"))  # also writes the .bak
    after = open_index(mini_gazetteer, corpus)
    assert after.key != before and after.key.split("+")[0] == before
    assert after.source == "cache"  # the linker's work is reused
    assert not read_corpus(corpus).issues  # neither file is taken for a document
    assert open_index(mini_gazetteer, corpus, decisions=False).mentions[0].status == "automatic"


def test_status_filter_and_automatic_view(review):
    review.decide("confirm", "trip", at(DOC, "Tabriz"))
    review.decide("change", "trip", at(DOC, "Azerbaijan"), place="east-azerbaijan")
    idx = review.index
    assert len(idx.view_rows(statuses=["confirmed"])) == 1
    assert len(idx.view_rows(statuses=["checked"])) == 2
    assert len(idx.view_rows(statuses=["automatic"])) == len(idx.table) - 2
    with pytest.raises(ReviewError, match="not one of"):
        idx.view_rows(statuses=["maybe"])
    auto = idx.automatic()
    assert auto.review is None and auto.mention_count("azerbaijan") == 2
    assert review.progress() == (2, len(idx.table))


def test_queue_puts_ambiguous_names_first_and_groups_identical_ones(review):
    queue = review_queue(review.index)
    first = queue[0]
    assert first.surface == "Azerbaijan" and "part of a longer name (east-azerbaijan)" in first.reasons
    assert [q.surface for q in queue[:2]] == ["Azerbaijan", "Azerbaijan"]
    assert len(queue) == len(review.index.table)
    review.decide("confirm", first.document, first.start)
    assert len(review_queue(review.index)) == len(review.index.table) - 1


def test_file_without_history(tmp_path):
    f = AnnotationFile(tmp_path / "annotations.jsonl", history=False)
    assert f.decisions == [] and not f.changed_on_disk()


def test_the_installed_bundled_corpus_is_never_written(review, monkeypatch, corpus):
    from caucasusmap import paths

    monkeypatch.setattr(paths, "is_installed_data", lambda p: True)
    with pytest.raises(ReviewError, match="installed package"):
        review.decide("confirm", "trip", at(DOC, "Tabriz"))
    assert not annotations_path(corpus).exists()


REPEATED = (
    "# Notes\n\n"
    "First Shusha, at the start.\n\n"
    "That winter the long road from the border to Tabriz was closed for weeks on end, they say.\n\n"
    "Something else entirely happens in Baku.\n\n"
    "That winter the long road from the border to Tabriz was closed for weeks on end, they say.\n\n"
    "Then Nurduz, the crossing.\n"
)


def test_a_repeated_sentence_follows_the_shift_of_the_decisions_around_it(write, mini_gazetteer, tmp_path):
    write("r/notes.md", REPEATED)
    corpus = tmp_path / "r"
    review = Review(open_index(mini_gazetteer, corpus))
    review.decide("confirm", "notes", at(REPEATED, "Shusha"))
    review.decide("reject", "notes", at(REPEATED, "Tabriz", 1))  # the second of two identical sentences
    big = "An inserted paragraph, long enough to move everything after it well past the repeat. " * 2
    edited = REPEATED.replace("# Notes\n\n", f"# Notes\n\n{big}\n\n")
    (corpus / "notes.md").write_text(edited, encoding="utf-8")
    idx = open_index(mini_gazetteer, corpus)
    tabriz = [m.start for m in idx.mentions if m.place == "tabriz"]
    assert tabriz == [at(edited, "Tabriz", 0)]  # still the second one rejected, not the first
    assert idx.review.issues == ()


def test_the_first_decision_of_a_repeated_sentence_is_settled_by_the_next_ones(write, mini_gazetteer, tmp_path):
    write("r/notes.md", REPEATED)
    corpus = tmp_path / "r"
    review = Review(open_index(mini_gazetteer, corpus))
    review.decide("reject", "notes", at(REPEATED, "Tabriz", 1))
    review.decide("confirm", "notes", at(REPEATED, "Nurduz"))
    big = "An inserted paragraph, long enough to move everything after it well past the repeat. " * 2
    edited = REPEATED.replace("# Notes\n\n", f"# Notes\n\n{big}\n\n")
    (corpus / "notes.md").write_text(edited, encoding="utf-8")
    idx = open_index(mini_gazetteer, corpus)
    assert [m.start for m in idx.mentions if m.place == "tabriz"] == [at(edited, "Tabriz", 0)]


def test_alternatives_rank_related_names_then_the_passage_s_places(review):
    from caucasusmap.review import alternatives

    s = at(DOC, "Azerbaijan")
    alts = alternatives(review.index, "trip", s, s + len("Azerbaijan"), "azerbaijan")
    assert alts[0] == ("east-azerbaijan", "a longer name ending with it")
    assert ("baku", "in this passage") in alts and "azerbaijan" not in dict(alts)
    s = at(DOC, "East Azerbaijan")
    alts = dict(alternatives(review.index, "trip", s, s + len("East Azerbaijan"), "east-azerbaijan"))
    assert alts["azerbaijan"] == "part of the name"


def test_reading_marks_give_checked_statuses_and_rejected_spans(review):
    from caucasusmap.review import reading_marks

    s = at(DOC, "Tabriz")
    review.decide("confirm", "trip", s)
    review.decide("reject", "trip", at(DOC, "Baku"))
    pid = next(p.id for p in review.index.document_passages["trip"] if p.start <= s < p.end)
    marks, rejected = reading_marks(review.index, pid)
    assert marks == {(s, s + 6): 1}
    text, _ = review.index.reading_text(pid)
    ((a, b, target),) = rejected
    assert text[a:b] == "Baku" and target == f"baku@trip:{at(DOC, 'Baku')}:{at(DOC, 'Baku') + 4}"


def test_a_change_landing_during_the_write_is_merged_not_overwritten(review, corpus, monkeypatch):
    from caucasusmap import review as review_mod

    review.decide("confirm", "trip", at(DOC, "Tabriz"))
    path = annotations_path(corpus)
    real = review_mod.replace_checked
    s = at(OTHER, "Baku")
    extra = {"id": "racer", "action": "reject", "source": "other.md", "start": s, "end": s + 4, "exact": "Baku"}
    calls = []

    def racing(target, data, *, expected, backup=None):
        if not calls:  # another program writes between our read and our swap
            path.write_text(path.read_text(encoding="utf-8") + json.dumps(extra) + "\n", encoding="utf-8")
        calls.append(1)
        return real(target, data, expected=expected, backup=backup)

    monkeypatch.setattr(review_mod, "replace_checked", racing)
    review.decide("confirm", "trip", at(DOC, "Nurduz"))
    assert len(calls) == 2  # refused once, merged, written
    assert {d.id for d in read_decisions(path)[0]} >= {"racer"}
    assert len(read_decisions(path)[0]) == 3


# -- with the reference gazetteer: the linker's columns and places beyond the YAML --------

ASTARA = "Trucks from Tabriz queued at Astara before driving on to Rasht and Lankaran.\n"


@pytest.fixture
def linked(write, tmp_path, monkeypatch):
    """A corpus linked with the packaged reference (as for a user)."""
    from caucasusmap.reference import load_reference

    monkeypatch.setenv("CAUCASUSMAP_REFERENCE", "")
    ref = load_reference()
    assert ref is not None
    write("g/places.yaml", """
        places:
          - id: tabriz
            name: Tabriz
            kind: city
            lat: 38.08
            lon: 46.29
        """)
    write("r/a.md", ASTARA)
    index = open_index(tmp_path / "g", tmp_path / "r", reference=ref)
    counter = iter(range(10_000))
    return Review(index, new_id=lambda: f"d{next(counter):04d}")


def _linker_view(index):
    return {(m.document, m.start): (m.place, round(m.confidence, 4), m.alternatives) for m in index.mentions}


def test_the_linkers_confidence_and_alternatives_stay_with_their_rows(linked):
    before = _linker_view(linked.index)
    astara = next(m for m in linked.index.mentions if m.surface == "Astara")
    assert astara.alternatives and astara.confidence < 1.0
    # A new mention ahead of every other one, so each kept row moves down one.
    linked.decide("add", "a", 0, len("Trucks"), place="tabriz")
    after = _linker_view(linked.index)
    assert after.pop(("a", 0)) == ("tabriz", 1.0, ())
    assert after == before
    assert linked.index.mention(1).status == "automatic" and linked.index.table.status[0] == 3  # added


def test_change_to_a_place_the_linker_only_weighed(linked):
    index = linked.index
    astara = next(m for m in index.mentions if m.surface == "Astara")
    other = astara.alternatives[0]
    assert other not in index.gazetteer.by_id and index.place(other) is not None  # an alternative only
    offered = [pid for pid, _ in alternatives(index, "a", astara.start, astara.end, astara.place)]
    assert offered[0] == other
    before = {k: v for k, v in _linker_view(index).items() if k != ("a", astara.start)}
    _, reviewed = linked.decide("change", "a", astara.start, place=other)
    m = next(m for m in reviewed.mentions if m.start == astara.start)
    assert (m.place, m.status) == (other, "corrected")
    assert reviewed.gazetteer.by_id[other].from_reference and other not in {p.id for p in reviewed.alternative_places}
    assert reviewed.mention_count(other) == 1 and not reviewed.review.issues
    # Every other row's alternatives still name the same places (the pool was renumbered).
    assert {k: v for k, v in _linker_view(reviewed).items() if k != ("a", astara.start)} == before
    auto = reviewed.automatic()
    assert _linker_view(auto)[("a", astara.start)] == _linker_view(index)[("a", astara.start)]
    linked.undo()
    assert other not in linked.index.gazetteer.by_id


def test_change_to_any_reference_place_found_by_search(linked, monkeypatch):
    from caucasusmap.review import search_places

    rasht = next(m for m in linked.index.mentions if m.surface == "Rasht")
    found = search_places(linked.index, "yerev")
    assert found and all(why == "reference gazetteer" for _, why in found)
    yerevan = found[0][0]
    assert linked.index.place(yerevan) is None  # not in the index until a decision names it
    _, reviewed = linked.decide("change", "a", rasht.start, place=yerevan)
    assert next(m for m in reviewed.mentions if m.start == rasht.start).place == yerevan
    assert reviewed.gazetteer.by_id[yerevan].name == "Yerevan"
    # Without that reference the decision is kept and reported, not applied.
    monkeypatch.setenv("CAUCASUSMAP_REFERENCE", "none")
    again = open_index(linked.index.gazetteer.path, linked.index.corpus.root)
    assert any("in the gazetteer or the reference gazetteer" in i.message for i in again.review.issues)
    assert all(m.place != yerevan for m in again.mentions)


def test_a_reviewed_index_shares_the_automatic_ones_lookups(review):
    base = review.index.automatic()
    review.decide("confirm", "trip", at(DOC, "Tabriz"))
    idx = review.index
    auto = idx.automatic()
    assert auto is base  # the linker's index itself, not a copy
    assert idx.passages is base.passages and idx.document_passages is base.document_passages
    pid = idx.passage_list[0].id
    assert idx.display(pid) is base.display(pid)  # offset maps are made once for all reviewed indexes
    assert auto._place_index is idx._place_index and auto.place_pool is idx.place_pool


def test_queue_puts_the_linkers_unsure_choices_and_reference_places_early(linked):
    queue = review_queue(linked.index)
    by_surface = {i.surface: i for i in queue}
    astara = next(m for m in linked.index.mentions if m.surface == "Astara")
    reasons = " ".join(by_surface["Astara"].reasons)
    assert astara.confidence < 0.9 and "the linker was unsure" in reasons
    assert "a reference-gazetteer place" in reasons
    assert by_surface["Tabriz"].reasons == ("not checked yet",)
    assert queue[-1].surface == "Tabriz"  # the curated, certain one last


def test_rejected_spans_in_extracted_text_are_where_the_reader_shows_them(write, mini_gazetteer, tmp_path):
    from caucasusmap.review import reading_marks

    body = "Prices *rose* by 5 * 3 in **Tabriz** markets, then Baku followed."
    write("h/page.html", f"<html><head><title>Prices</title></head><body><article><p>{body}</p>"
                         f"<p>{body}</p></article></body></html>")
    review = Review(open_index(mini_gazetteer, tmp_path / "h"))
    doc = review.index.corpus.documents[0]
    assert not doc.markup and "*rose*" in doc.text  # extracted text: the stars are text
    s = doc.text.index("Baku")
    review.decide("reject", doc.id, s)
    pid = next(p.id for p in review.index.document_passages[doc.id] if p.start <= s < p.end)
    text, _ = review.index.reading_text(pid)
    ((a, b, _),) = reading_marks(review.index, pid)[1]
    assert text[a:b] == "Baku"


def test_link_to_a_new_place_reaches_the_text_the_relink_linked_to_it(write, tmp_path, corpus):
    """Link "Kapan" (unlinked) to a place created for it, for every identical
    mention: once the place exists the linker links the text itself, and
    those mentions are recorded with the one chosen, in one step."""
    from tests.conftest import MINI_GAZETTEER

    gaz = write("g/places.yaml", MINI_GAZETTEER)
    write("c/third.md", "Kapan, and again Kapan.\n")
    s = at(DOC, "Kapan")
    before = Review(open_index(gaz, corpus))
    shown = before.plan("add", "trip", s, s + 5, place="tabriz", scope="corpus").count
    assert shown == 3  # what the user was told, while Kapan was unlinked
    gaz.write_text(MINI_GAZETTEER + "  - id: kapan\n    name: Kapan\n    kind: town\n    lat: 39.2\n"
                   "    lon: 46.4\n", encoding="utf-8")
    review = Review(open_index(gaz, corpus))
    assert sum(m.place == "kapan" for m in review.index.mentions) == 3  # the linker links it now
    assert review.plan("add", "trip", s, s + 5, place="kapan", scope="corpus").count == 1  # plain add: unlinked only
    plan = review.plan_link_to_new_place("trip", s, s + 5, "kapan", "corpus")
    assert plan.count == shown and plan.action == "add"
    idx = review.record(plan)
    assert sorted(m.status for m in idx.mentions if m.place == "kapan") == ["confirmed"] * 3
    assert review.plan_link_to_new_place("trip", s, s + 5, "kapan", "mention").count == 1
    review.undo()  # one step
    assert all(m.status == "automatic" for m in review.index.mentions if m.place == "kapan")


# -- a cached open places its decisions without reading the documents ----------------

class _Reads:
    """Counts what opening an index reads of the documents: their text (by
    file) and the Passage objects it makes."""

    def __init__(self, monkeypatch):
        from caucasusmap import index as index_mod

        self.texts: list[str] = []
        self.passages = 0
        real_text, real_make = index_mod._TextCache.text, index_mod._Passages._make

        def text(cache, doc, digest):
            self.texts.append(Path(doc.path).name)
            return real_text(cache, doc, digest)

        def make(passages, i):
            self.passages += 1
            return real_make(passages, i)

        monkeypatch.setattr(index_mod._TextCache, "text", text)
        monkeypatch.setattr(index_mod._Passages, "_make", make)

    def clear(self):
        self.texts, self.passages = [], 0


def _rows(index):
    return [(m.document, m.start, m.end, m.place, m.status) for m in index.mentions]


def _decide_everywhere(review):
    """A decision of each kind in both documents, and one that will be orphaned."""
    review.decide("confirm", "trip", at(DOC, "Tabriz"))
    review.decide("change", "trip", at(DOC, "Azerbaijan"), place="east-azerbaijan")
    review.decide("reject", "trip", at(DOC, "Baku", 1))
    review.decide("add", "trip", at(DOC, "flows"), at(DOC, "flows") + len("flows"), place="aras")
    review.decide("change", "other", at(OTHER, "Azerbaijan"), place="east-azerbaijan")
    review.decide("confirm", "other", at(OTHER, "Baku"))


def test_a_cached_open_with_decisions_reads_no_text_and_makes_no_passage(review, mini_gazetteer, corpus,
                                                                          monkeypatch):
    _decide_everywhere(review)
    # One decision whose quote is gone: orphaned, reported the same way from the stored anchoring.
    lines = annotations_path(corpus).read_text(encoding="utf-8").splitlines()
    lines.append(json.dumps({"id": "gone1", "action": "confirm", "place": "baku", "source": "other.md",
                             "start": 3, "end": 9, "exact": "Yerevn", "prefix": "x", "suffix": "y"}))
    annotations_path(corpus).write_text("\n".join(lines) + "\n", encoding="utf-8")
    reads = _Reads(monkeypatch)
    # The app's decisions stored trip's anchoring; other's decisions were edited by hand since.
    first = open_index(mini_gazetteer, corpus)
    assert set(reads.texts) == {"other.md"}
    reads.clear()
    cached = open_index(mini_gazetteer, corpus)
    assert cached.source == "cache"
    assert reads.texts == [] and reads.passages == 0
    fresh = open_index(mini_gazetteer, corpus, use_cache=False)
    assert _rows(cached) == _rows(fresh) == _rows(first)
    assert [str(i) for i in cached.review.issues] == [str(i) for i in fresh.review.issues]
    assert [d.id for d in cached.review.orphaned] == ["gone1"]
    assert any("orphaned" in i.message and "gone1" in i.message for i in cached.review.issues)
    assert cached.review.spans == fresh.review.spans
    statuses = {s for *_, s in _rows(cached)}
    assert {"confirmed", "corrected", "added"} <= statuses


def test_an_edited_document_is_anchored_again_and_only_it(review, mini_gazetteer, corpus, monkeypatch):
    _decide_everywhere(review)
    open_index(mini_gazetteer, corpus)
    inserted = DOC.replace("# Trip\n\n", "# Trip\n\nA new opening paragraph about Nurduz.\n\n")
    (corpus / "trip.md").write_text(inserted, encoding="utf-8")
    reads = _Reads(monkeypatch)
    idx = open_index(mini_gazetteer, corpus)
    assert set(reads.texts) == {"trip.md"}
    assert status_of(idx, "trip", at(inserted, "Azerbaijan")) == ("east-azerbaijan", "corrected")
    assert _rows(idx) == _rows(open_index(mini_gazetteer, corpus, use_cache=False))
    # A decision re-anchors its own document only.
    r = Review(idx)
    reads.clear()
    r.decide("confirm", "trip", at(inserted, "Nurduz"))
    assert "other.md" not in reads.texts
    assert _rows(r.index) == _rows(open_index(mini_gazetteer, corpus, use_cache=False))


def test_a_stored_anchoring_for_other_decisions_is_not_used(review, mini_gazetteer, corpus):
    review.decide("confirm", "trip", at(DOC, "Tabriz"))
    open_index(mini_gazetteer, corpus)
    # The same number of decisions, edited by hand to another quote: anchored afresh (now orphaned).
    text = annotations_path(corpus).read_text(encoding="utf-8").replace('"exact": "Tabriz"', '"exact": "Tabrix"')
    annotations_path(corpus).write_text(text, encoding="utf-8")
    idx = open_index(mini_gazetteer, corpus)
    assert len(idx.review.orphaned) == 1
    assert status_of(idx, "trip", at(DOC, "Tabriz")) == ("tabriz", "automatic")


# -- the exported explorer marks checked mentions -------------------------------------

def test_the_exported_explorer_marks_checked_mentions_and_leaves_rejected_ones_out(review):
    from caucasusmap.maps import MapView, view_payload

    _decide_everywhere(review)
    idx = review.index
    data = view_payload(idx, MapView())
    ids = [p["id"] for p in data["places"]]
    texts = {"trip": DOC, "other": OTHER}
    marked = {}
    for ps in data["passages"]:
        doc = data["meta"]["documents"][ps["doc"]]["id"]
        for a, _b, k, status in ps["marks"]:
            # The page's passage text is the document's from the passage start on (plain text here).
            start = texts[doc].index(ps["text"]) + a
            marked[(doc, start)] = (ids[k], status)
    want = {(m.document, m.start): m.place for m in idx.mentions}
    assert set(marked) == set(want)
    names = ("automatic", "confirmed", "corrected", "added")
    got = {key: names[s] for key, (_, s) in marked.items()}
    assert got == {(m.document, m.start): m.status for m in idx.mentions}
    assert got[("trip", at(DOC, "Tabriz"))] == "confirmed"
    assert got[("trip", at(DOC, "Azerbaijan"))] == "corrected"
    assert got[("trip", at(DOC, "flows"))] == "added"
    assert ("trip", at(DOC, "Baku", 1)) not in marked  # rejected: not in the page
    assert got[("trip", at(DOC, "Baku"))] == "automatic"
