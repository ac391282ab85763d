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

__all__ = ["Gold", "read_annotations", "decision_gold", "score", "Score", "NOT_A_PLACE"]

NOT_A_PLACE = "-"
_MARK = re.compile(r"\[\[(?!\[)(.+?)\|([^\]|\n]+)\]\]", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Gold:
    document: str
    start: int
    end: int
    surface: str
    place: str  # a place id, or "-" for a look-alike
    line: int


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
    """``id-map.yaml`` in the annotations folder: annotator id -> gazetteer id
    for ids that name the same place under another slug."""
    path = Path(folder) / "id-map.yaml"
    if not path.exists():
        return {}
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise AnnotationError(f"{path}: expected a mapping of annotator id to gazetteer id")
    return data


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
            Gold(doc.id, s, e, surface, id_map.get(label, label), doc.text.count("\n", 0, s) + 1)
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


@dataclass
class Score:
    tp: Counter
    fp: Counter
    fn: Counter
    by_document: dict[str, tuple[int, int, int]]  # document -> (tp, fp, fn)
    false_positives: list[tuple[str, int, str, str, str]]  # doc, line, surface, linked place, gold label
    false_negatives: list[Gold]

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


def score(index: Index, gold: dict[str, list[Gold]], *, only_marked: bool = False) -> Score:
    """Compare the index's mentions with the gold mentions (same documents).
    With ``only_marked`` (gold from review decisions, which cover only what
    the user checked), linked mentions that overlap no gold mention are not
    counted at all instead of as false positives."""
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
            good = [i for i in hits if golds[i].place == m.place]
            if only_marked and not hits:
                continue
            if good:
                tp[m.place] += 1
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
    return Score(tp, fp, fn, by_document, fps, fns)
