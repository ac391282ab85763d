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

from bisect import bisect_right
from collections.abc import Iterable, Sequence

import ahocorasick_rs

from .model import Document, Mention, Passage, Place
from .normalize import fold_document, fold_phrase

__all__ = ["Linker", "LINKER_VERSION", "is_acronym"]

LINKER_VERSION = "2"
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
        #: pattern index -> [(place id, is_exclude, capitals only)]
        self._roles: list[list[tuple[str, bool, bool]]] = []
        owner: dict[tuple[str, bool], str] = {}

        def add(folded: str, place_id: str, is_exclude: bool, upper: bool) -> None:
            key = f" {folded} "
            idx = patterns.get(key)
            if idx is None:
                idx = patterns[key] = len(self._roles)
                self._roles.append([])
            if (place_id, is_exclude, upper) not in self._roles[idx]:
                self._roles[idx].append((place_id, is_exclude, upper))

        for place in self.places:
            for name in place.names:
                folded, upper = fold_phrase(name), is_acronym(name)
                if folded and owner.setdefault((folded, upper), place.id) == place.id:
                    add(folded, place.id, False, upper)
            for phrase in place.exclude:
                folded = fold_phrase(phrase)
                if folded:
                    add(folded, place.id, True, False)
        self._patterns = list(patterns)
        self._automaton = (
            ahocorasick_rs.AhoCorasick(self._patterns, matchkind=ahocorasick_rs.MatchKind.Standard)
            if self._patterns else None
        )

    @property
    def pattern_count(self) -> int:
        return len(self._patterns)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, place_id)`` for each mention in ``text``, in order."""
        if self._automaton is None:
            return []
        folded = fold_document(text)
        candidates: list[tuple[int, int, str]] = []
        excluded: dict[str, list[tuple[int, int]]] = {}
        for idx, s, e in self._automaton.find_matches_as_indexes(folded.text, overlapping=True):
            # Drop the padding separators: real characters are [s+1, e-1).
            for place_id, is_exclude, upper in self._roles[idx]:
                if is_exclude:
                    excluded.setdefault(place_id, []).append((s + 1, e - 1))
                elif not upper or _all_capitals(text, *folded.span(s + 1, e - 1)):
                    candidates.append((s + 1, e - 1, place_id))
        if excluded:
            candidates = [
                c for c in candidates
                if not any(a <= c[0] and c[1] <= b for a, b in excluded.get(c[2], ()))
            ]
        candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
        out = []
        last_end = -1
        for s, e, place_id in candidates:
            if s >= last_end:
                start, end = folded.span(s, e)
                out.append((start, end, place_id))
                last_end = e
        return out

    def link(self, document: Document, passages: Sequence[Passage]) -> list[Mention]:
        """Mentions in ``document``, each assigned to the passage containing
        its start (``passages`` in document order)."""
        starts = [p.start for p in passages]
        text = document.text
        mentions = []
        for start, end, place_id in self.find(text):
            i = bisect_right(starts, start) - 1
            if i < 0 or start >= passages[i].end:
                continue  # not inside any passage (cannot happen for letters)
            mentions.append(Mention(document.id, passages[i].id, start, end, text[start:end], place_id))
        return mentions
