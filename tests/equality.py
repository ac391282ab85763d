"""Compare the mentions found in a converted document with its plain-text
version: same places in the same passages."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from caucasusmap.corpus import Corpus, read_document
from caucasusmap.gazetteer import Gazetteer
from caucasusmap.index import build_index


def passage_places(gazetteer: Gazetteer, path: Path) -> tuple[Counter, object]:
    """For one file: a multiset of passages, each the tuple of place ids it
    mentions in text order (passages without mentions left out), and the
    index. Every mention is checked: ``text[start:end] == surface``."""
    doc, _ = read_document(path, cache=False)
    index = build_index(gazetteer, Corpus(str(path.parent), (doc,)))
    for m in index.mentions:
        assert doc.text[m.start:m.end] == m.surface
    out: Counter = Counter()
    for p in index.passage_list:
        places = tuple(m.place for m in index.mentions_in(p.id))
        if places:
            out[places] += 1
    return out, index


def difference(plain: Counter, other: Counter) -> tuple[Counter, Counter]:
    """(passages only in the plain version, passages only in the other)."""
    return plain - other, other - plain
