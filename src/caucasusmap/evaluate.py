"""Measure linking quality against hand-checked annotations.

An annotation file ``annotations/<document file name>.ann`` is the document's
exact text with every place mention marked ``[[surface|place-id]]`` and every
look-alike (a word that looks like a place name but is not one here) marked
``[[surface|-]]``. Removing the marks must give back the document byte for byte;
:func:`read_annotations` checks that, so offsets computed from the marks are
offsets into the real document.

Scoring (:func:`score`): a linked mention is correct when it overlaps a gold
mention of the same place. Linked mentions that overlap a look-alike, a gold
mention of another place, or nothing at all are false positives; gold mentions
no linked mention of their place overlaps are false negatives (including gold
places the gazetteer does not have).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .errors import CaucasusmapError, error
from .index import Index

__all__ = ["Gold", "read_annotations", "decision_gold", "score", "Score", "NOT_A_PLACE", "PlaceMatcher",
           "evaluate_folder", "read_gold_geonames"]

NOT_A_PLACE = "-"
# A surface never contains "[[" or "]]": a literal "[[" in a document cannot be swallowed.
_MARK = re.compile(r"\[\[(?!\[)((?:(?!\[\[|\]\]).)+?)\|([^\]|\n]+)\]\]", re.DOTALL)
# "- id — description — geonames: 148619" in an ids*.md file beside the annotations.
_IDS_LINE = re.compile(r"^\s*[-*]\s+`?([a-z0-9][a-z0-9-]*)`?\s+[—–-]\s.*?\bgeonames:\s*(\d+)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Gold:
    document: str
    start: int
    end: int
    surface: str
    place: str  # a place id (after id-map.yaml), or "-" for a look-alike
    line: int
    label: str = ""  # the id as the annotator wrote it


class AnnotationError(CaucasusmapError, ValueError):
    """Raised when an annotation file does not reproduce its document."""


def parse_marks(marked: str) -> tuple[str, list[tuple[int, int, str, str]]]:
    """Strip the marks: (plain text, [(start, end, surface, label)])."""
    out, spans, pos, plain_len = [], [], 0, 0
    for m in _MARK.finditer(marked):
        before = marked[pos:m.start()]
        out.append(before)
        plain_len += len(before)
        surface = m.group(1)
        spans.append((plain_len, plain_len + len(surface), surface, m.group(2).strip()))
        out.append(surface)
        plain_len += len(surface)
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


def read_id_map(folder: str | Path) -> dict[str, str]:
    """``id-map.yaml`` of the annotations folder, merged over the one in the
    folder above (for a set kept in a subfolder): annotator id -> gazetteer
    id for ids that name the same place under another slug."""
    import yaml

    out: dict[str, str] = {}
    for path in (Path(folder).parent / "id-map.yaml", Path(folder) / "id-map.yaml"):
        if not path.exists():
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
            raise AnnotationError(f"{path}: expected a mapping of annotator id to gazetteer id")
        out.update(data)
    return out


def read_annotations(folder: str | Path, index: Index) -> dict[str, list[Gold]]:
    """Gold mentions per document id for every ``*.ann`` file in ``folder``
    whose name matches a corpus document's file name (ids renamed through
    ``id-map.yaml``)."""
    by_file = {Path(d.path).name: d for d in index.corpus.documents}
    id_map = read_id_map(folder)
    gold: dict[str, list[Gold]] = {}
    for path in sorted(Path(folder).glob("*.ann")):
        doc = by_file.get(path.name[: -len(".ann")])
        if doc is None:
            continue
        marked = path.read_text(encoding="utf-8")
        plain, spans = parse_marks(marked)
        if plain != doc.text:
            at = next((i for i, (a, b) in enumerate(zip(plain, doc.text)) if a != b), min(len(plain), len(doc.text)))
            line = plain.count("\n", 0, at) + 1
            raise AnnotationError(str(error(path, line, 0, f"annotations differ from {doc.path} here; "
                                            "removing the [[...|...]] marks must give the document back exactly")))
        gold[doc.id] = [
            Gold(doc.id, s, e, surface, id_map.get(label, label), doc.text.count("\n", 0, s) + 1, label)
            for s, e, surface, label in spans
        ]
    return gold


def decision_gold(index: Index, path: str | Path) -> tuple[dict[str, list[Gold]], list]:
    """Gold mentions from a review decisions file (``annotations.jsonl``):
    a confirmed, changed or added mention is a gold mention of its place, a
    rejected one a look-alike. Returns the gold per document and the file's
    issues (orphaned decisions are left out of the gold and reported)."""
    from .review import apply_decisions, read_decisions

    decisions, issues = read_decisions(path)
    errors = [i for i in issues if i.is_error]
    if errors:
        raise AnnotationError(f"{errors[0]} ({len(errors)} error(s) in the file)")
    layer = apply_decisions(index.automatic(), decisions, path=path, file_issues=issues).review
    by_id = {d.id: d for d in decisions}
    gold: dict[str, list[Gold]] = {}
    for ident, (doc_id, s, e) in layer.spans.items():
        d = by_id[ident]
        text = index.corpus.by_id[doc_id].text
        gold.setdefault(doc_id, []).append(
            Gold(doc_id, s, e, text[s:e], d.place or NOT_A_PLACE, text.count("\n", 0, s) + 1))
    for marks in gold.values():
        marks.sort(key=lambda g: g.start)
    return gold, list(layer.issues)


def read_gold_geonames(folder: str | Path) -> dict[str, int]:
    """Gold id -> GeoNames id, from the ``ids*.md`` files of the annotation
    folder (lines ``- id — description — geonames: N``). A gold place with a
    GeoNames id matches any linked place with the same GeoNames id: a
    reference place ``gn-N`` or a curated place whose ``links`` say
    ``geonames: N``."""
    out: dict[str, int] = {}
    for path in sorted(Path(folder).glob("ids*.md")):
        for m in _IDS_LINE.finditer(path.read_text(encoding="utf-8")):
            out.setdefault(m.group(1), int(m.group(2)))
    return out


_GN_ID = re.compile(r"^gn-\d+$")


class PlaceMatcher:
    """Decides whether a linked place is a gold place: the same id (after
    ``id-map.yaml``), or the same GeoNames id. :meth:`known` says whether the
    linker had the gold place at all (a curated id, or a GeoNames id among
    the curated places' links or in the reference it linked with)."""

    def __init__(self, index: Index, gold_geonames: dict[str, int] | None = None,
                 reference_ids: set[int] | None = None, reference_place_ids: set[str] | None = None):
        from .reference import geonames_id

        self.gold_geonames = gold_geonames or {}
        self.reference_place_ids = reference_place_ids or set()
        self._place_geonames = {p.id: geonames_id(p) for p in index.place_pool}
        curated = [p for p in index.gazetteer.places if not p.from_reference]
        self._curated_ids = {p.id for p in curated}
        self._known_geonames = {g for g in (geonames_id(p) for p in curated) if g} | (reference_ids or set())

    def same(self, linked: str, gold: str) -> bool:
        """Whether the linked place is the gold place (pass the gold id after
        ``id-map.yaml`` and, separately, as the annotator wrote it: a map to
        the reference must not hide a curated place of the same slug)."""
        if linked == gold:
            return True
        g = self._gold_geonames(gold)
        return g is not None and self._place_geonames.get(linked) == g

    def _gold_geonames(self, gold: str) -> int | None:
        """The gold place's GeoNames id: from ids*.md, or from a reference id
        "gn-N", which is GeoNames N by construction (the curated place that
        hides it, with N in its links, is that place)."""
        g = self.gold_geonames.get(gold)
        if g is None and _GN_ID.match(gold):
            g = int(gold[3:])
        return g

    def known(self, gold: str) -> bool:
        return gold in self._curated_ids or gold in self.reference_place_ids or \
            self._gold_geonames(gold) in self._known_geonames


@dataclass
class Score:
    tp: Counter
    fp: Counter
    fn: Counter
    by_document: dict[str, tuple[int, int, int]]  # document -> (tp, fp, fn)
    false_positives: list[tuple[str, int, str, str, str]]  # doc, line, surface, linked place, gold label
    false_negatives: list[Gold]
    #: Gold places the linker had (see :meth:`PlaceMatcher.known`); None: all.
    known: set[str] | None = None

    def recall_known(self) -> float:
        """Recall on the gold mentions of places the gazetteer (with its
        reference) has: what linking gets right of what it could know."""
        if self.known is None:
            return self.recall()
        tp = sum(n for p, n in self.tp.items() if p in self.known)
        fn = sum(n for p, n in self.fn.items() if p in self.known)
        return self._ratio(tp, tp + fn)

    def known_marks(self) -> tuple[int, int]:
        """(gold place mentions of known places, all gold place mentions)."""
        all_ = sum(self.tp.values()) + sum(self.fn.values())
        if self.known is None:
            return all_, all_
        return sum(n for p, n in [*self.tp.items(), *self.fn.items()] if p in self.known), all_

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    def precision(self, place: str | None = None) -> float:
        tp = self.tp[place] if place else sum(self.tp.values())
        fp = self.fp[place] if place else sum(self.fp.values())
        return self._ratio(tp, tp + fp)

    def recall(self, place: str | None = None) -> float:
        tp = self.tp[place] if place else sum(self.tp.values())
        fn = self.fn[place] if place else sum(self.fn.values())
        return self._ratio(tp, tp + fn)

    def document(self, doc_id: str) -> tuple[float, float]:
        """(precision, recall) on one document."""
        tp, fp, fn = self.by_document[doc_id]
        return self._ratio(tp, tp + fp), self._ratio(tp, tp + fn)

    def places(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.fn))


def score(index: Index, gold: dict[str, list[Gold]], matcher: PlaceMatcher | None = None, *,
          only_marked: bool = False) -> Score:
    """Compare the index's mentions with the gold mentions (same documents).
    Counts are keyed by the gold id for true positives and false negatives,
    by the linked place id for false positives. With ``only_marked`` (gold
    from review decisions, which cover only what the user checked), linked
    mentions that overlap no gold mention are not counted at all instead of
    as false positives."""
    matcher = matcher or PlaceMatcher(index)
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    fps, fns = [], []
    by_document: dict[str, tuple[int, int, int]] = {}
    for doc_id, golds in gold.items():
        before = (sum(tp.values()), sum(fp.values()), sum(fn.values()))
        text = index.corpus.by_id[doc_id].text
        linked = [m for m in index.mentions if m.document == doc_id]
        matched_gold: set[int] = set()
        for m in linked:
            hits = [i for i, g in enumerate(golds) if g.start < m.end and m.start < g.end]
            good = [i for i in hits if matcher.same(m.place, golds[i].place)
                    or (golds[i].label and matcher.same(m.place, golds[i].label))]
            if only_marked and not hits:
                continue
            if good:
                tp[golds[good[0]].place] += 1
                matched_gold.update(good)
            else:
                fp[m.place] += 1
                label = golds[hits[0]].place if hits else "(unmarked)"
                fps.append((doc_id, text.count("\n", 0, m.start) + 1, m.surface, m.place, label))
        for i, g in enumerate(golds):
            if g.place != NOT_A_PLACE and i not in matched_gold:
                fn[g.place] += 1
                fns.append(g)
        after = (sum(tp.values()), sum(fp.values()), sum(fn.values()))
        by_document[doc_id] = tuple(a - b for a, b in zip(after, before))
    known = {g.place for golds in gold.values() for g in golds
             if g.place != NOT_A_PLACE and (matcher.known(g.place) or (g.label and matcher.known(g.label)))}
    return Score(tp, fp, fn, by_document, fps, fns, known)


def evaluate_folder(index: Index, folder: str | Path) -> tuple[dict[str, list[Gold]], Score]:
    """Read the annotations of ``folder`` that match the index's documents
    and score the index against them, matching places through ``id-map.yaml``
    and the GeoNames ids of the folder's ``ids*.md``."""
    gold = read_annotations(folder, index)
    reference_ids: set[int] = set()
    reference_place_ids: set[str] = set()
    if index.reference:
        ref = load_reference_for(index)
        if ref is not None:
            reference_ids = {p.geonames for p in ref.places if p.geonames}
            reference_place_ids = {p.id for p in ref.places}
    matcher = PlaceMatcher(index, read_gold_geonames(folder), reference_ids, reference_place_ids)
    return gold, score(index, gold, matcher)


def load_reference_for(index: Index):
    """The reference the index was linked with (None if none or changed)."""
    from .index import default_reference

    ref = default_reference()
    return ref if ref is not None and ref.digest == index.reference else None
