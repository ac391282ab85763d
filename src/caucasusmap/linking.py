"""Find every mention of every gazetteer place in a document.

All names and aliases are folded (:mod:`caucasusmap.normalize`) and compiled
into one Aho–Corasick automaton (``ahocorasick_rs``), each pattern padded with
a separator on both sides so that only whole words match. One pass over the
folded document reports every (overlapping) candidate; then

1. candidates inside an ``exclude`` phrase of the same place are dropped
   ("Minsk Group" is not Minsk);
2. the leftmost-longest candidate wins ("Nagorno-Karabakh" over "Karabakh");
3. folded offsets are mapped back to the original text, so
   ``document.text[m.start:m.end] == m.surface`` even across a line break.

When two places share a name, the first in the gazetteer gets it (the
validator warns about this). An acronym — a name written in capitals with at
most five letters, like ``US`` or ``NKAO`` — matches only text in capitals, so
``US`` is not the pronoun "us".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import ahocorasick_rs
import numpy as np

from .model import Passage, Place
from .normalize import fold_document, fold_phrase

__all__ = ["Linker", "LINKER_VERSION", "is_acronym", "passage_of"]

LINKER_VERSION = "3"
"""Bumped whenever linking or passage splitting changes, to invalidate caches."""


def is_acronym(name: str) -> bool:
    """True for a name written in capitals with 2–5 letters (``US``,
    ``U.S.``, ``NKAO``): such names match only capitals in the text."""
    letters = [c for c in name if c.isalpha()]
    return 2 <= len(letters) <= 5 and all(c.isupper() for c in letters)


def _all_capitals(text: str, start: int, end: int) -> bool:
    return all(c.isupper() for c in text[start:end] if c.isalpha())


class Linker:
    """An automaton over the names of ``places``; reusable across documents."""

    def __init__(self, places: Iterable[Place]):
        self.places = tuple(places)
        patterns: dict[str, int] = {}
        #: pattern index -> [(place index, is_exclude, capitals only)]
        self._roles: list[list[tuple[int, bool, bool]]] = []
        self._place_ids = [p.id for p in self.places]
        owner: dict[tuple[str, bool], str] = {}

        def add(folded: str, place_id: int, is_exclude: bool, upper: bool) -> None:
            key = f" {folded} "
            idx = patterns.get(key)
            if idx is None:
                idx = patterns[key] = len(self._roles)
                self._roles.append([])
            if (place_id, is_exclude, upper) not in self._roles[idx]:
                self._roles[idx].append((place_id, is_exclude, upper))

        for index, place in enumerate(self.places):
            for name in place.names:
                folded, upper = fold_phrase(name), is_acronym(name)
                if folded and owner.setdefault((folded, upper), place.id) == place.id:
                    add(folded, index, False, upper)
            for phrase in place.exclude:
                folded = fold_phrase(phrase)
                if folded:
                    add(folded, index, True, False)
        self._patterns = list(patterns)
        # Patterns with exactly one plain role map straight to a place index;
        # the rest (-1) take the slow path in find_arrays.
        self._simple_place = np.array(
            [r[0][0] if len(r) == 1 and not r[0][1] and not r[0][2] else -1 for r in self._roles] or [-1],
            dtype=np.int64,
        )
        self._automaton = (
            ahocorasick_rs.AhoCorasick(self._patterns, matchkind=ahocorasick_rs.MatchKind.Standard)
            if self._patterns else None
        )

    @property
    def pattern_count(self) -> int:
        return len(self._patterns)

    def find_arrays(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Mentions in ``text`` as three aligned arrays — start and end offsets
        into ``text`` and the index of the place in ``self.places`` — sorted by
        start. Vectorised: the Python-level work is proportional to the rare
        special cases (exclusions, acronyms, overlapping candidates), not to the
        number of mentions."""
        if self._automaton is None:
            return _EMPTY
        folded = fold_document(text)
        raw = self._automaton.find_matches_as_indexes(folded.text, overlapping=True)
        if not raw:
            return _EMPTY
        found = np.array(raw, dtype=np.int64)
        pat, s, e = found[:, 0], found[:, 1] + 1, found[:, 2] - 1  # drop the padding separators
        place = self._simple_place[pat]
        special = place < 0
        if special.any():
            extra_s, extra_e, extra_p = [], [], []
            excluded: dict[int, list[tuple[int, int]]] = {}
            for i in np.flatnonzero(special):
                a, b = int(s[i]), int(e[i])
                for place_index, is_exclude, upper in self._roles[pat[i]]:
                    if is_exclude:
                        excluded.setdefault(place_index, []).append((a, b))
                    elif not upper or _all_capitals(text, *folded.span(a, b)):
                        extra_s.append(a)
                        extra_e.append(b)
                        extra_p.append(place_index)
            keep = ~special
            s = np.concatenate([s[keep], np.array(extra_s, dtype=np.int64)])
            e = np.concatenate([e[keep], np.array(extra_e, dtype=np.int64)])
            place = np.concatenate([place[keep], np.array(extra_p, dtype=np.int64)])
            if excluded:
                drop = np.zeros(len(s), dtype=bool)
                for place_index, spans in excluded.items():
                    # A candidate is inside some exclude span iff, among the
                    # spans starting at or before it, the farthest end covers it.
                    spans.sort()
                    span_start = np.array([a for a, _ in spans], dtype=np.int64)
                    reach = np.maximum.accumulate(np.array([b for _, b in spans], dtype=np.int64))
                    rows = np.flatnonzero(place == place_index)
                    k = np.searchsorted(span_start, s[rows], side="right") - 1
                    drop[rows] = (k >= 0) & (reach[np.maximum(k, 0)] >= e[rows])
                s, e, place = s[~drop], e[~drop], place[~drop]
        if not len(s):
            return _EMPTY
        # Leftmost-longest: sort by start, longer first; a candidate overlapping
        # an earlier kept one is dropped. Isolated candidates (the vast majority)
        # are kept as they are; only clusters of overlapping ones are walked.
        order = np.lexsort((s - e, s))
        s, e, place = s[order], e[order], place[order]
        reach = np.maximum.accumulate(e)
        starts_cluster = np.ones(len(s), dtype=bool)
        starts_cluster[1:] = s[1:] >= reach[:-1]
        keep = starts_cluster.copy()
        cluster_id = np.cumsum(starts_cluster)
        sizes = np.bincount(cluster_id)
        crowded = np.flatnonzero(sizes[cluster_id] > 1)
        last_end = -1
        for i in crowded:
            if starts_cluster[i]:
                last_end = -1
            if s[i] >= last_end:
                keep[i] = True
                last_end = e[i]
        s, e, place = s[keep], e[keep], place[keep]
        origin = folded.origin
        return origin[s].astype(np.int64), origin[e - 1].astype(np.int64) + 1, place

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, place_id)`` for each mention in ``text``, in order."""
        starts, ends, places = self.find_arrays(text)
        ids = self._place_ids
        return [(int(a), int(b), ids[p]) for a, b, p in zip(starts, ends, places)]


def passage_of(starts: np.ndarray, passages: Sequence[Passage] | tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """For each offset, the index of the passage containing it, or -1.
    ``passages`` is a sequence of :class:`Passage` or (starts, ends) arrays."""
    if isinstance(passages, tuple):
        p_start, p_end = passages
    else:
        p_start = np.fromiter((p.start for p in passages), dtype=np.int64, count=len(passages))
        p_end = np.fromiter((p.end for p in passages), dtype=np.int64, count=len(passages))
    if not len(p_start):
        return np.full(len(starts), -1, dtype=np.int64)
    i = np.searchsorted(p_start, starts, side="right") - 1
    inside = (i >= 0) & (starts < p_end[np.maximum(i, 0)])
    return np.where(inside, i, -1)


_EMPTY = (np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64))
