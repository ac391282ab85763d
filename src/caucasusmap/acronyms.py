"""Acronyms a text defines for a place it names ("the Baku-Tbilisi-Kars railway
(BTK)", "Naxçıvan Muxtar Respublikası (NMR)").

A linked mention of several capitalised words, followed (across at most two
lower-case words: "railway line") by an acronym in brackets made of their
initials, defines that acronym: every occurrence of it in the document, before
and after the definition, is a mention of the same place. Only the words of the
linked name count, never capitalised words after it: "Azerbaijan National Agency
for Mine Action (ANAMA)" spells the initials of a longer phrase than the linked
"Azerbaijan", and an agency is not the country. An acronym defined for two
different places in one document defines nothing.
"""

from __future__ import annotations

import re

import numpy as np

__all__ = ["defined_acronyms"]

MIN_LETTERS = 3
"""Shorter acronyms are left alone: two capitals stand for too many things."""

_DEFINITION = re.compile(rf"\(([^\W\d_]{{{MIN_LETTERS},6}})\)")
_PARTS = re.compile(r"[\s\-‐‑–—]+")


def _gap_ok(gap: str) -> bool:
    """Between the name and the bracket: spaces and at most two lower-case words ("railway line")."""
    words = gap.split()
    return len(gap) <= 40 and "\n" not in gap and len(words) <= 2 and all(w.isalpha() and w.islower() for w in words) \
        and (not gap or gap[0] in " \t") and (not gap or gap[-1] in " \t")


def _initials(surface: str) -> str:
    """The initials of the capitalised words and hyphenated parts of a name, or ""
    when it has fewer than two of them ("Baku-Tbilisi-Kars" -> "BTK")."""
    words = [w for w in _PARTS.split(surface) if w and w[0].isupper()]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def defined_acronyms(text: str, links):
    """``links`` (a :class:`caucasusmap.linking.Links` of ``text``) with the
    mentions of the acronyms the text defines added: each occurrence as a word
    of its own that no link covers yet, with the defining mention's place and
    confidence and no alternatives."""
    if not len(links) or "(" not in text:
        return links
    defined: dict[str, tuple[int, float] | None] = {}
    ends = links.end.tolist()
    for m in _DEFINITION.finditer(text):
        acronym = m.group(1)
        if not acronym.isupper():
            continue
        k = int(np.searchsorted(links.end, m.start(), side="right")) - 1
        if k < 0 or not _gap_ok(text[ends[k]:m.start()]):
            continue
        if _initials(text[int(links.start[k]):ends[k]]).upper() != acronym.upper():
            continue
        got = (int(links.place[k]), float(links.confidence[k]))
        if acronym in defined and defined[acronym] is not None and defined[acronym][0] != got[0]:
            defined[acronym] = None  # two places: no definition
        elif acronym not in defined:
            defined[acronym] = got
    defined = {a: d for a, d in defined.items() if d is not None}
    if not defined:
        return links
    starts = links.start
    new: list[tuple[int, int, int, float]] = []
    alternatives = "|".join(map(re.escape, sorted(defined)))
    pattern = re.compile(rf"(?<![\w@/.\-])({alternatives})(?![\w@/]|\.\w)")
    for m in pattern.finditer(text):
        a, b = m.span(1)
        k = int(np.searchsorted(starts, b, side="left")) - 1  # the last link starting before b
        if k >= 0 and ends[k] > a:
            continue  # already inside a mention
        place, confidence = defined[m.group(1)]
        new.append((a, b, place, confidence))
    if not new:
        return links
    return _merged(links, new)


def _merged(links, new: list[tuple[int, int, int, float]]):
    """``links`` and the ``new`` mentions (no alternatives) in one order by start."""
    from .linking import Links

    n_old = len(links)
    start = np.concatenate([links.start, np.array([x[0] for x in new], dtype=np.int64)])
    end = np.concatenate([links.end, np.array([x[1] for x in new], dtype=np.int64)])
    place = np.concatenate([links.place, np.array([x[2] for x in new], dtype=np.int64)])
    confidence = np.concatenate([links.confidence, np.array([x[3] for x in new], dtype=np.float32)])
    counts = np.concatenate([np.diff(links.alt_offset), np.zeros(len(new), dtype=np.int64)])
    order = np.argsort(start, kind="stable")
    # Alternatives follow their mention: the old ones' rows in the new order.
    rows = [np.arange(links.alt_offset[i], links.alt_offset[i + 1]) for i in order.tolist() if i < n_old]
    take = np.concatenate(rows) if rows else np.empty(0, dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(counts[order])]).astype(np.int64)
    return Links(start[order], end[order], place[order], confidence[order].astype(np.float32), offsets,
                 links.alt_place[take].astype(np.int64), links.alt_score[take].astype(np.float32))
